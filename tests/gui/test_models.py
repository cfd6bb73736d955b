"""Qt models tested on their own with qtmodeltester, then through the views using them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cerdesk.core.completeness import check_plan
from cerdesk.core.entities import entity
from cerdesk.gui.models.item_table import ID_ROLE, ITEM_ROLE, ItemTableModel
from cerdesk.gui.widgets.completeness_panel import FINDING_ROLE, FindingsModel
from cerdesk.ops import plan
from cerdesk.storage.project import Project


def _objectives(project: Project, n: int) -> None:
    for i in range(n):
        plan.add_item(
            project,
            "objective",
            {"category": "SAFETY" if i % 2 else "PERFORMANCE", "statement": f"Line one {i}\nmore"},
        )


def test_item_table_model_passes_qtmodeltester(qtmodeltester, project: Project) -> None:
    _objectives(project, 5)
    model = ItemTableModel(entity("objective"))
    model.set_items(project.items("objective"))
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Code"


def test_item_table_model_shows_first_line_and_ids(project: Project) -> None:
    _objectives(project, 2)
    model = ItemTableModel(entity("objective"))
    items = project.items("objective")
    model.set_items(items)
    statement_column = [f.name for f in model.columns].index("statement")
    assert model.index(0, statement_column).data() == "Line one 0…"
    assert model.index(1, 1).data() == "Safety"
    assert model.index(1, 0).data(ID_ROLE) == items[1].id
    assert model.index(1, 0).data(ITEM_ROLE) == items[1]


def test_item_table_model_updates_changed_rows_in_place(qtbot, project: Project) -> None:
    _objectives(project, 3)
    model = ItemTableModel(entity("objective"))
    model.set_items(project.items("objective"))
    second = project.items("objective")[1]
    plan.set_field(project, "objective", second.id, "endpoint", "Revision")
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.set_items(project.items("objective"))
    top_left, bottom_right = blocker.args[:2]
    assert (top_left.row(), bottom_right.row()) == (1, 1)
    with qtbot.waitSignal(model.modelReset):
        plan.delete_item(project, "objective", second.id)
        model.set_items(project.items("objective"))
    assert model.rowCount() == 2


def test_findings_model_passes_qtmodeltester(qtmodeltester, project: Project) -> None:
    model = FindingsModel()
    findings = check_plan(project.snapshot())
    model.set_findings(findings)
    qtmodeltester.check(model)
    assert model.rowCount() == len(findings)
    assert model.index(0).data(FINDING_ROLE) == findings[0]
    assert model.index(0).data().endswith(findings[0].message)
