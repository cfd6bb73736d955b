"""Edits of the clinical evaluation plan: set fields, add, delete and reorder rows.

Each function is one operation: one transaction, one undo step, and a
:class:`~cerdesk.core.changes.Changes` value saying what changed. The GUI and the
command line both call these; neither writes to a project any other way.
"""

from __future__ import annotations

import re
from typing import Any

from cerdesk.core.changes import Changes
from cerdesk.core.entities import EntitySpec, entity, in_sentence
from cerdesk.core.errors import UserError
from cerdesk.core.fields import Kind
from cerdesk.core.reference import MDCG_2020_5_CHARACTERISTICS
from cerdesk.storage import appraisal as appraisal_reads
from cerdesk.storage.project import Project

_OBJECTIVE_LETTER = {"SAFETY": "S", "PERFORMANCE": "P", "CLINICAL_BENEFIT": "B"}


def set_field(project: Project, table: str, row_id: str, name: str, value: Any) -> Changes:
    """Set one field of one row.

    Consecutive edits of the same text field within a few minutes share one undo step,
    so saving while the user types does not flood the Edit menu.

    Raises:
        InvalidValueError: the value breaks the field's rules; nothing is written.
    """
    spec = entity(table)
    label = f"Edit {in_sentence(spec.label)}: {spec.field(name).label}"
    values = {name: value}
    if _CODE_FROM.get(table) == name:
        values.update(_recode(project, spec, row_id, name, value))
    # Saving while the user types must not flood the Edit menu; clicks stay separate steps.
    typed = spec.field(name).kind in (Kind.TEXT, Kind.LONGTEXT, Kind.LIST)
    merge_key = f"{table}.{row_id}.{name}" if typed else None
    with project.edit(label, merge_key=merge_key) as ed:
        ed.set_values(table, row_id, values)
    return ed.result()


#: Entities whose automatic code depends on a field (OBJ-S-01 for a safety objective).
_CODE_FROM = {"objective": "category", "eligibility_criterion": "criterion_type"}
_AUTO_CODE = {
    "objective": re.compile(r"^OBJ-[A-Z]-\d+$"),
    "eligibility_criterion": re.compile(r"^(IC|EC)\d+$"),
}


def _recode(
    project: Project, spec: EntitySpec, row_id: str, name: str, value: Any
) -> dict[str, Any]:
    """Return a new automatic code when ``name`` changes, unless the user typed their own."""
    item = project.item(spec.table, row_id)
    code = item.get("code") or ""
    if code and not _AUTO_CODE[spec.table].match(code):
        return {}
    try:
        new_value = spec.field(name).validate(value)
    except UserError:
        return {}  # the edit itself reports the invalid value
    if new_value == item.get(name):
        return {}
    return {"code": next_code(project, spec, {name: new_value}, item.parent_id)}


def set_fields(
    project: Project, table: str, row_id: str, values: dict[str, Any], label: str | None = None
) -> Changes:
    """Set several fields of one row in one undo step."""
    spec = entity(table)
    with project.edit(label or f"Edit {in_sentence(spec.label)}") as ed:
        ed.set_values(table, row_id, values)
    return ed.result()


def add_item(
    project: Project,
    table: str,
    values: dict[str, Any] | None = None,
    *,
    parent_id: str | None = None,
    position: int | None = None,
) -> Changes:
    """Add a row to a list entity; ``Changes.created_id`` is the new row's id.

    A ``code`` is assigned when none is given (``OBJ-S-03``, ``IC2``…). A new
    equivalent device comes with the thirteen MDCG 2020-5 Annex I characteristics.
    """
    spec = entity(table)
    values = dict(values or {})
    if "code" in spec.field_names and not values.get("code"):
        # The code depends on the normalised values ("safety" typed for SAFETY).
        typed = {name: spec.field(name).validate(v) for name, v in values.items()}
        code = next_code(project, spec, typed, parent_id)
        if code:
            values["code"] = code
    with project.edit(f"Add {in_sentence(spec.label)}") as ed:
        new_id = ed.insert(table, values, parent_id=parent_id, position=position)
        if table == "equivalent_device":
            for char in MDCG_2020_5_CHARACTERISTICS:
                ed.insert(
                    "equivalence_characteristic",
                    {
                        "code": char.code,
                        "char_group": char.group,
                        "characteristic": char.text,
                        "must_be_same": char.must_be_same,
                    },
                    parent_id=new_id,
                )
        ed.created_id = new_id
    return ed.result()


def delete_item(project: Project, table: str, row_id: str) -> Changes:
    """Delete a row of a list entity together with its children (undoable)."""
    spec = entity(table)
    item = project.item(table, row_id)
    name = item.get("code") or item.get("name") or ""
    _refuse_if_results_refer(project, table, row_id, name)
    label = f"Delete {in_sentence(spec.label)}" + (f" {name}" if name else "")
    with project.edit(label) as ed:
        ed.delete(table, row_id)
    return ed.result()


def _refuse_if_results_refer(project: Project, table: str, row_id: str, name: str) -> None:
    """Refuse to delete a criterion (or objective) that extracted results refer to."""
    if table == "acceptance_criterion":
        criteria = [row_id]
    elif table == "objective":
        criteria = [c.id for c in project.items("acceptance_criterion", row_id)]
    else:
        return
    count = appraisal_reads.outcome_count_for_criteria(project, criteria)
    if count:
        what = f"{in_sentence(entity(table).label)} {name}".strip()
        raise UserError(
            f"The {what} has {count} extracted result{'s' if count > 1 else ''} in the "
            "Appraisal tab; delete them or give them another endpoint first."
        )


def move_item(project: Project, table: str, row_id: str, position: int) -> Changes:
    """Move a row of a list entity to ``position`` among its siblings."""
    spec = entity(table)
    with project.edit(f"Reorder {in_sentence(spec.plural)}") as ed:
        ed.move(table, row_id, position)
    return ed.result()


def undo(project: Project) -> Changes:
    """Undo the last operation (from this or any earlier session or the command line)."""
    return project.undo()


def redo(project: Project) -> Changes:
    """Redo the last undone operation."""
    return project.redo()


def next_code(
    project: Project, spec: EntitySpec, values: dict[str, Any], parent_id: str | None = None
) -> str | None:
    """Return the next free code for a new row of ``spec`` (``None`` if it has no scheme)."""
    if spec.table == "eligibility_criterion":
        prefix = "EC" if values.get("criterion_type") == "EXCLUSION" else "IC"
        pattern, fmt = re.compile(rf"^{prefix}(\d+)$"), f"{prefix}{{}}"
    elif spec.code_prefix:
        prefix = spec.code_prefix
        if spec.table == "objective":
            prefix += "-" + _OBJECTIVE_LETTER.get(values.get("category") or "", "X")
        pattern, fmt = re.compile(rf"^{re.escape(prefix)}-(\d+)$"), f"{prefix}-{{:02d}}"
    else:
        return None
    numbers = [0]
    for item in project.items(spec.table, parent_id):
        match = pattern.match(item.get("code") or "")
        if match:
            numbers.append(int(match.group(1)))
    return fmt.format(max(numbers) + 1)
