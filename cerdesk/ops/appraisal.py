"""Edits of the appraisal: grades, source fields, extracted results, grade labels.

A grid cell is addressed by a source key (``record:12``…) and a *target*: either
``("source", field_name)`` for a field of the source (device used, rank, weight…) or
``(scheme_key, item_code)`` for a grade. Every function is one undo step; the
``source`` row of a unit is created by the first edit that needs it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from cerdesk.core.appraisal import scheme
from cerdesk.core.changes import Changes
from cerdesk.core.entities import entity
from cerdesk.core.errors import UserError
from cerdesk.storage import appraisal as reads
from cerdesk.storage import register
from cerdesk.storage.journal import Edit
from cerdesk.storage.project import Project

#: A grid column: ("source", field) or (scheme key, item code).
Target = tuple[str, str]

_SOURCE = entity("source")


def _check_key(project: Project, key: str) -> None:
    """Refuse keys that name nothing this project has (typos from the command line)."""
    kind, _, ref = key.partition(":")
    exists = False
    if kind == "record" and ref.isdigit():
        exists = register.record_exists(project, int(ref))
    elif kind == "study":
        exists = (
            project._conn.execute("SELECT 1 FROM study WHERE id = ?", (ref,)).fetchone() is not None
        )
    elif kind in reads.OWN_DATA_TABLES:
        exists = (
            project._conn.execute(f"SELECT 1 FROM [{kind}] WHERE id = ?", (ref,)).fetchone()
            is not None
        )
    if not exists:
        raise UserError(f"There is no source {key!r} in this project.")


def ensure_source(ed: Edit, project: Project, key: str) -> str:
    """Return the id of the ``source`` row for ``key``, creating it within ``ed``."""
    row = reads.source_by_key(project, key)
    if row:
        return str(row["id"])
    _check_key(project, key)
    source_id = str(uuid.uuid4())
    ed.insert_system_row(
        "source",
        {"id": source_id, "source_key": key, "position": reads.next_source_position(project)},
    )
    return source_id


def _label(target: Target) -> str:
    owner, name = target
    if owner == "source":
        return _SOURCE.field(name).label
    return f"{scheme(owner).item(name).code}"


def _apply(ed: Edit, project: Project, key: str, target: Target, value: Any) -> None:
    owner, name = target
    source_id = ensure_source(ed, project, key)
    if owner == "source":
        ed.set_values("source", source_id, {name: value})
        return
    item = scheme(owner).item(name)
    try:
        grade = item.parse(value if value is None else str(value))
    except ValueError as err:
        raise UserError(str(err)) from None
    row_id = reads.grade_row_id(project, source_id, owner, name)
    if row_id is None:
        if grade is None:
            return
        ed.insert_system_row(
            "appraisal_grade",
            {
                "id": str(uuid.uuid4()),
                "source_id": source_id,
                "scheme": owner,
                "item": name,
                "grade": grade,
            },
        )
    else:
        ed.update_system_row("appraisal_grade", row_id, {"grade": grade})


def set_value(project: Project, key: str, target: Target, value: Any) -> Changes:
    """Set one cell of the grid: a field of a source or a grade ("1" means D1 under D).

    Raises:
        UserError: the value is not allowed (nothing is written).
    """
    with project.edit(f"Appraise: {_label(target)}") as ed:
        _apply(ed, project, key, target, value)
    return ed.result()


def set_values(
    project: Project, keys: Sequence[str], target: Target, value: Any, label: str | None = None
) -> Changes:
    """Set the same cell of several sources in one undo step (fill down, multi-selection)."""
    if not keys:
        raise UserError("Select the sources to change.")
    with project.edit(label or f"Appraise {len(keys)} sources: {_label(target)}") as ed:
        for key in keys:
            _apply(ed, project, key, target, value)
    return ed.result()


def fill_down(project: Project, keys: Sequence[str], targets: Iterable[Target]) -> Changes:
    """Copy the first source's values of ``targets`` into the other ``keys`` (one step)."""
    if len(keys) < 2:
        raise UserError("Select at least two sources: the first one's values are copied down.")
    first = _view(project, keys[0])
    with project.edit(f"Fill down {len(keys) - 1} sources") as ed:
        for target in targets:
            value = _current(first, target)
            for key in keys[1:]:
                _apply(ed, project, key, target, value)
    return ed.result()


def copy_appraisal(project: Project, from_key: str, to_keys: Sequence[str]) -> Changes:
    """Copy a source's whole appraisal (grades with justifications, fields) to others.

    Extracted results and notes are not copied: they belong to one source.
    """
    origin = _view(project, from_key)
    if origin.row is None:
        raise UserError(f"{origin.code} has no appraisal to copy yet.")
    targets = [t for t in to_keys if t != from_key]
    if not targets:
        raise UserError("Choose the sources to copy the appraisal to.")
    fields = [f.name for f in _SOURCE.fields if f.name != "notes"]
    with project.edit(f"Copy the appraisal of {origin.code} to {len(targets)} sources") as ed:
        for key in targets:
            source_id = ensure_source(ed, project, key)
            ed.set_values("source", source_id, {n: origin.value(n) for n in fields})
            for (sch, item), (grade, justification) in origin.grades.items():
                row_id = reads.grade_row_id(project, source_id, sch, item)
                values = {"grade": grade, "justification": justification}
                if row_id is None:
                    ed.insert_system_row(
                        "appraisal_grade",
                        {
                            "id": str(uuid.uuid4()),
                            "source_id": source_id,
                            "scheme": sch,
                            "item": item,
                            **values,
                        },
                    )
                else:
                    ed.update_system_row("appraisal_grade", row_id, values)
    return ed.result()


def set_justification(
    project: Project, key: str, scheme_key: str, item: str, text: str | None
) -> Changes:
    """Set the justification (the finding, for A6 flags) of one grade."""
    scheme(scheme_key).item(item)  # KeyError for an unknown item
    text = (text or "").strip() or None
    with project.edit(
        f"Justify {item}", merge_key=f"justification.{key}.{scheme_key}.{item}"
    ) as ed:
        source_id = ensure_source(ed, project, key)
        row_id = reads.grade_row_id(project, source_id, scheme_key, item)
        if row_id is None:
            ed.insert_system_row(
                "appraisal_grade",
                {
                    "id": str(uuid.uuid4()),
                    "source_id": source_id,
                    "scheme": scheme_key,
                    "item": item,
                    "justification": text,
                },
            )
        else:
            ed.update_system_row("appraisal_grade", row_id, {"justification": text})
    return ed.result()


def set_grade_label(project: Project, scheme_key: str, grade: str, label: str | None) -> Changes:
    """Give a grade the project's own label (empty: back to the scheme's label)."""
    sch = scheme(scheme_key)
    if not any(c.value == grade for item in sch.items for c in item.grades):
        raise UserError(f"{grade!r} is not a grade of {sch.label}.")
    label = (label or "").strip() or None
    row_id = reads.grade_label_id(project, scheme_key, grade)
    with project.edit(f"Label grade {grade}") as ed:
        if row_id and label:
            ed.update_system_row("grade_label", row_id, {"label": label})
        elif row_id:
            ed.delete_system_row("grade_label", row_id)
        elif label:
            ed.insert_system_row(
                "grade_label",
                {"id": str(uuid.uuid4()), "scheme": scheme_key, "grade": grade, "label": label},
            )
    return ed.result()


def discard_source(project: Project, key: str) -> Changes:
    """Delete what was entered for a source that is no longer in the review (undoable)."""
    view = _view(project, key)
    if view.included:
        raise UserError(
            f"{view.code} is still included in the review; its appraisal cannot be discarded."
        )
    if view.row is None:
        raise UserError(f"Nothing is stored for {key}.")
    with project.edit(f"Discard the appraisal of {view.code}") as ed:
        for sch, item in list(view.grades):
            row_id = reads.grade_row_id(project, view.row["id"], sch, item)
            if row_id:
                ed.delete_system_row("appraisal_grade", row_id)
        ed.delete("source", view.row["id"])
    return ed.result()


# ------------------------------------------------------------------ extracted results
def _criterion_exists(project: Project, criterion_id: Any) -> None:
    if not criterion_id:
        raise UserError("Choose the endpoint (acceptance criterion) the result is for.")
    row = project._conn.execute(
        "SELECT 1 FROM acceptance_criterion WHERE id = ?", (criterion_id,)
    ).fetchone()
    if row is None:
        raise UserError("That acceptance criterion does not exist (it may have been deleted).")


def _check_numbers(values: dict[str, Any]) -> None:
    events, total = values.get("events"), values.get("total")
    if events is not None and total is not None and events > total:
        raise UserError(f"{events} events cannot exceed the denominator {total}.")


def add_outcome(
    project: Project, key: str, criterion_id: str, values: dict[str, Any] | None = None
) -> Changes:
    """Add an extracted result of source ``key`` for an acceptance criterion."""
    _criterion_exists(project, criterion_id)
    spec = entity("extracted_outcome")
    typed = {n: spec.field(n).validate(v) for n, v in (values or {}).items()}
    _check_numbers(typed)
    with project.edit("Add extracted result") as ed:
        source_id = ensure_source(ed, project, key)
        new_id = ed.insert(
            "extracted_outcome",
            {**typed, "acceptance_criterion_id": criterion_id},
            parent_id=source_id,
        )
        ed.created_id = new_id
    return ed.result()


def set_outcome(project: Project, outcome_id: str, values: dict[str, Any]) -> Changes:
    """Change fields of an extracted result (one undo step)."""
    current = project.item("extracted_outcome", outcome_id)
    spec = entity("extracted_outcome")
    typed = {n: spec.field(n).validate(v) for n, v in values.items()}
    if "acceptance_criterion_id" in typed:
        _criterion_exists(project, typed["acceptance_criterion_id"])
    _check_numbers({"events": current.get("events"), "total": current.get("total"), **typed})
    names = ", ".join(spec.field(n).label for n in values)
    with project.edit(f"Edit extracted result: {names}", merge_key=f"outcome.{outcome_id}") as ed:
        ed.set_values("extracted_outcome", outcome_id, typed)
    return ed.result()


def delete_outcome(project: Project, outcome_id: str) -> Changes:
    """Delete an extracted result (undoable)."""
    with project.edit("Delete extracted result") as ed:
        ed.delete("extracted_outcome", outcome_id)
    return ed.result()


# ---------------------------------------------------------------------------- helpers
def _view(project: Project, key: str) -> reads.SourceView:
    for view in reads.sources(project):
        if view.key == key:
            return view
    _check_key(project, key)
    raise UserError(f"{key} is not a source of the appraisal (is it included?).")


def _current(view: reads.SourceView, target: Target) -> Any:
    owner, name = target
    if owner == "source":
        return view.value(name)
    return view.grade(owner, name)
