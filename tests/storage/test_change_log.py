"""The append-only change log and the undo journal kept inside the project file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cerdesk.core.entities import SINGLETON_ID
from cerdesk.core.reference import MDCG_2020_5_CHARACTERISTICS
from cerdesk.ops import plan
from cerdesk.storage import journal
from cerdesk.storage.project import Project

NAME_LABEL = "Edit device: Device name (trade name)"


def _trade_name(proj: Project) -> str | None:
    return proj.get("device")["trade_name"]


def _undo_steps(proj: Project) -> list[tuple[str, str]]:
    return proj._conn.execute("SELECT label, state FROM undo_step ORDER BY seq").fetchall()


def _rows(proj: Project, table: str) -> list[dict[str, object]]:
    return proj.raw_rows(table)


# -------------------------------------------------------------------------- change log


def test_set_field_is_logged(project: Project) -> None:
    start = len(project.change_log())
    plan.set_field(project, "device", SINGLETON_ID, "trade_name", "Stent")
    plan.set_field(project, "device", SINGLETON_ID, "trade_name", "Stent 2")
    plan.set_field(project, "device", SINGLETON_ID, "implantable", True)
    plan.set_field(project, "device", SINGLETON_ID, "basic_udi_di", ["A", "B"])
    log = project.change_log()
    assert len(log) == start + 4
    newest = log[:4]
    assert [(e.field, e.old_value, e.new_value) for e in newest] == [
        ("basic_udi_di", "[]", '["A", "B"]'),
        ("implantable", None, "1"),
        ("trade_name", "Stent", "Stent 2"),
        ("trade_name", None, "Stent"),
    ]
    for entry in newest:
        assert entry.user == "tester"
        assert entry.action == "update"
        assert entry.entity == "device"
        assert entry.entity_id == SINGLETON_ID
        assert entry.at.endswith("Z")
    assert newest[2].label == NAME_LABEL
    # Newest first, sequence numbers increasing with time.
    seqs = [e.seq for e in log]
    assert seqs == sorted(seqs, reverse=True)
    assert project.change_log(limit=2) == log[:2]


def test_insert_and_delete_are_logged_as_rows(project: Project) -> None:
    new_id = plan.add_item(project, "indication", {"text": "Coronary disease"}).created_id
    [insert] = project.change_log(limit=1)
    assert (insert.action, insert.entity, insert.entity_id, insert.field) == (
        "insert",
        "indication",
        new_id,
        None,
    )
    assert insert.old_value is None
    row = json.loads(insert.new_value or "")
    assert row["text"] == "Coronary disease"
    assert row["code"] == "IND-01"
    assert row["id"] == new_id
    assert "created_at" not in row and "created_by" not in row  # meta columns left out

    plan.delete_item(project, "indication", new_id)
    [delete] = project.change_log(limit=1)
    assert (delete.action, delete.entity_id, delete.new_value) == ("delete", new_id, None)
    assert delete.label == "Delete indication IND-01"
    assert json.loads(delete.old_value or "")["text"] == "Coronary disease"


def test_creation_is_logged(empty_project_path: Path) -> None:
    with Project.open(empty_project_path, user="tester") as proj:
        log = proj.change_log()
        assert log, "creating a project writes change-log lines"
        assert {e.user for e in log} == {"template"}
        assert {e.label for e in log} == {"Create project"}


def test_unchanged_value_writes_nothing(project: Project) -> None:
    plan.set_field(project, "device", SINGLETON_ID, "risk_class", "III")
    log, steps = project.change_log(), _undo_steps(project)
    changes = plan.set_field(project, "device", SINGLETON_ID, "risk_class", "III")
    assert changes.empty
    assert project.change_log() == log
    assert _undo_steps(project) == steps


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE change_log SET user = 'forger'",
        "UPDATE change_log SET new_value = NULL WHERE seq = (SELECT MAX(seq) FROM change_log)",
        "DELETE FROM change_log",
        "DELETE FROM change_log WHERE seq = 1",
    ],
)
def test_change_log_is_append_only(project: Project, sql: str) -> None:
    plan.set_field(project, "device", SINGLETON_ID, "trade_name", "Stent")
    before = project.change_log()
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        project._conn.execute(sql)
    assert project.change_log() == before


def test_change_log_is_append_only_for_any_connection(empty_project_path: Path) -> None:
    """The triggers are in the file: another program using plain SQLite is stopped too."""
    conn = sqlite3.connect(str(empty_project_path))
    try:
        count = conn.execute("SELECT COUNT(*) FROM change_log").fetchone()[0]
        assert count > 0
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM change_log")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE change_log SET at = 'x'")
        conn.rollback()
        assert conn.execute("SELECT COUNT(*) FROM change_log").fetchone()[0] == count
    finally:
        conn.close()


# ------------------------------------------------------------------------------ undo


def test_undo_redo_restore_values_and_labels(project: Project) -> None:
    status = project.undo_status()
    assert (status.undo_label, status.redo_label) == (None, None)
    assert not status.can_undo and not status.can_redo

    plan.set_field(project, "device", SINGLETON_ID, "trade_name", "Stent")
    plan.set_field(project, "device", SINGLETON_ID, "risk_class", "IIB")
    assert project.undo_status().undo_label == "Edit device: Risk class"

    changes = plan.undo(project)
    assert changes.label == "Undo Edit device: Risk class"
    assert changes.tables == {"device"}
    assert project.get("device")["risk_class"] is None
    assert _trade_name(project) == "Stent"
    status = project.undo_status()
    assert (status.undo_label, status.redo_label) == (NAME_LABEL, "Edit device: Risk class")

    plan.undo(project)
    assert _trade_name(project) is None
    assert project.undo_status().undo_label is None
    assert plan.undo(project).empty  # nothing more to undo

    assert plan.redo(project).label == f"Redo {NAME_LABEL}"
    assert _trade_name(project) == "Stent"
    plan.redo(project)
    assert project.get("device")["risk_class"] == "IIB"
    assert plan.redo(project).empty
    # Undo and redo are logged too.
    actions = [(e.action, e.label) for e in project.change_log(limit=4)]
    assert actions == [
        ("redo", "Redo Edit device: Risk class"),
        ("redo", f"Redo {NAME_LABEL}"),
        ("undo", f"Undo {NAME_LABEL}"),
        ("undo", "Undo Edit device: Risk class"),
    ]
    assert project.change_log(limit=1)[0].old_value is None
    assert project.change_log(limit=1)[0].new_value == "IIB"


def test_new_edit_clears_redo(project: Project) -> None:
    plan.set_field(project, "device", SINGLETON_ID, "risk_class", "I")
    plan.set_field(project, "device", SINGLETON_ID, "risk_class", "III")
    plan.undo(project)
    assert project.undo_status().can_redo
    plan.set_field(project, "device", SINGLETON_ID, "sterile", True)
    assert not project.undo_status().can_redo
    assert plan.redo(project).empty
    assert project.get("device")["risk_class"] == "I"
    assert [s for s in _undo_steps(project) if s[1] == "undone"] == []


def test_undo_persists_across_close_and_reopen(empty_project_path: Path) -> None:
    with Project.open(empty_project_path, user="alice") as proj:
        plan.set_field(proj, "device", SINGLETON_ID, "trade_name", "Stent")
        plan.add_item(proj, "indication", {"text": "Pain"})
        plan.set_field(proj, "device", SINGLETON_ID, "risk_class", "III")
        plan.undo(proj)
    with Project.open(empty_project_path, user="bob") as proj:
        status = proj.undo_status()
        assert (status.undo_label, status.redo_label) == (
            "Add indication",
            "Edit device: Risk class",
        )
        plan.redo(proj)
        assert proj.get("device")["risk_class"] == "III"
        plan.undo(proj)
        plan.undo(proj)
        assert proj.count("indication") == 0
        # Bob's undo of Alice's edits is logged under Bob's name.
        assert proj.change_log(limit=1)[0].user == "bob"
    with Project.open(empty_project_path, user="carol") as proj:
        assert proj.count("indication") == 0
        assert _trade_name(proj) == "Stent"
        plan.undo(proj)
        assert _trade_name(proj) is None


def test_undo_add_and_redo_keeps_the_id(project: Project) -> None:
    new_id = plan.add_item(project, "device_variant", {"model": "M1"}).created_id
    plan.undo(project)
    assert project.items("device_variant") == []
    plan.redo(project)
    [variant] = project.items("device_variant")
    assert (variant.id, variant["model"], variant["code"]) == (new_id, "M1", "VAR-01")


def test_undo_delete_restores_children(project: Project) -> None:
    first = plan.add_item(project, "objective", {"category": "SAFETY"}).created_id
    obj = plan.add_item(
        project, "objective", {"category": "PERFORMANCE", "statement": "Works."}
    ).created_id
    third = plan.add_item(project, "objective", {"category": "SAFETY"}).created_id
    for threshold in (1.5, 2.5, 3.5):
        plan.add_item(
            project,
            "acceptance_criterion",
            {"metric": "PROPORTION", "threshold": threshold},
            parent_id=obj,
        )
    other = plan.add_item(project, "acceptance_criterion", {"threshold": 9}, parent_id=first)
    objectives_before = _rows(project, "objective")
    criteria_before = _rows(project, "acceptance_criterion")

    changes = plan.delete_item(project, "objective", obj)
    assert changes.label == "Delete objective OBJ-P-01"
    assert [o.id for o in project.items("objective")] == [first, third]
    assert [o.position for o in project.items("objective")] == [0, 1]
    assert project.items("acceptance_criterion", obj) == []
    assert [c.id for c in project.items("acceptance_criterion")] == [other.created_id]

    undo = plan.undo(project)
    assert undo.label == "Undo Delete objective OBJ-P-01"
    assert undo.tables == {"objective", "acceptance_criterion"}
    assert _rows(project, "objective") == objectives_before
    assert _rows(project, "acceptance_criterion") == criteria_before
    assert [c["threshold"] for c in project.items("acceptance_criterion", obj)] == [1.5, 2.5, 3.5]

    plan.redo(project)
    assert project.count("acceptance_criterion") == 1
    plan.undo(project)
    assert _rows(project, "acceptance_criterion") == criteria_before


def test_undo_delete_equivalent_device_restores_characteristics(project: Project) -> None:
    eq = plan.add_item(project, "equivalent_device", {"name": "Predicate"}).created_id
    chars = project.items("equivalence_characteristic", eq)
    assert len(chars) == 13 == len(MDCG_2020_5_CHARACTERISTICS)
    plan.set_field(project, "equivalence_characteristic", chars[4].id, "difference", "Longer")
    before = _rows(project, "equivalence_characteristic")

    plan.delete_item(project, "equivalent_device", eq)
    assert project.count("equivalent_device") == 0
    assert project.count("equivalence_characteristic") == 0
    plan.undo(project)
    assert project.item("equivalent_device", eq)["name"] == "Predicate"
    assert _rows(project, "equivalence_characteristic") == before
    assert project.items("equivalence_characteristic", eq)[4]["difference"] == "Longer"
    # Undoing the add removes the device with its 13 characteristics in one step.
    plan.undo(project)  # the difference
    plan.undo(project)  # the add
    assert project.count("equivalent_device") == 0
    assert project.count("equivalence_characteristic") == 0


def test_undo_move_restores_order(project: Project) -> None:
    ids = [plan.add_item(project, "indication", {"text": t}).created_id for t in ("a", "b", "c")]
    plan.move_item(project, "indication", ids[2], 0)
    assert [i["text"] for i in project.items("indication")] == ["c", "a", "b"]
    assert project.undo_status().undo_label == "Reorder indications"
    plan.undo(project)
    assert [i["text"] for i in project.items("indication")] == ["a", "b", "c"]
    assert [i.position for i in project.items("indication")] == [0, 1, 2]


# --------------------------------------------------------------------------- merging


def test_typing_in_one_text_field_is_one_undo_step(project: Project) -> None:
    plan.set_field(project, "device", SINGLETON_ID, "trade_name", "S")
    plan.set_field(project, "device", SINGLETON_ID, "trade_name", "St")
    plan.set_field(project, "device", SINGLETON_ID, "trade_name", "Stent")
    assert _undo_steps(project) == [(NAME_LABEL, "done")]
    # Each save is still its own change-log line.
    assert [e.new_value for e in project.change_log(limit=3)] == ["Stent", "St", "S"]
    plan.undo(project)
    assert _trade_name(project) is None
    plan.redo(project)
    assert _trade_name(project) == "Stent"


def test_long_text_merges_too(project: Project) -> None:
    plan.set_field(project, "project", SINGLETON_ID, "scope_statement", "Line 1")
    plan.set_field(project, "project", SINGLETON_ID, "scope_statement", "Line 1\nLine 2")
    assert len(_undo_steps(project)) == 1


def test_different_fields_or_clicks_are_separate_steps(project: Project) -> None:
    plan.set_field(project, "device", SINGLETON_ID, "trade_name", "Stent")
    plan.set_field(project, "device", SINGLETON_ID, "generic_description", "A stent")
    plan.set_field(project, "device", SINGLETON_ID, "trade_name", "Stent 2")
    plan.set_field(project, "device", SINGLETON_ID, "risk_class", "I")
    plan.set_field(project, "device", SINGLETON_ID, "risk_class", "III")
    assert len(_undo_steps(project)) == 5
    plan.undo(project)
    assert project.get("device")["risk_class"] == "I"
    plan.undo(project)
    plan.undo(project)
    assert _trade_name(project) == "Stent"


def test_no_merge_outside_the_window(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal, "MERGE_WINDOW_SECONDS", -1)
    plan.set_field(project, "device", SINGLETON_ID, "trade_name", "A")
    plan.set_field(project, "device", SINGLETON_ID, "trade_name", "B")
    assert len(_undo_steps(project)) == 2
    plan.undo(project)
    assert _trade_name(project) == "A"


def test_no_merge_across_users(empty_project_path: Path) -> None:
    with Project.open(empty_project_path, user="alice") as proj:
        plan.set_field(proj, "device", SINGLETON_ID, "trade_name", "Alice's")
    with Project.open(empty_project_path, user="bob") as proj:
        plan.set_field(proj, "device", SINGLETON_ID, "trade_name", "Bob's")
        plan.undo(proj)
        assert _trade_name(proj) == "Alice's"


def test_undo_history_is_bounded(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal, "MAX_UNDO_STEPS", 3)
    for months in range(1, 7):
        plan.set_field(project, "project", SINGLETON_ID, "update_frequency_months", months)
    assert len(_undo_steps(project)) == 3
    for _ in range(5):
        plan.undo(project)
    assert project.get("project")["update_frequency_months"] == 3
    # The change log keeps everything.
    assert len([e for e in project.change_log() if e.field == "update_frequency_months"]) == 6 + 3
