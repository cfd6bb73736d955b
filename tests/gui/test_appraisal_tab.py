"""The Appraisal tab driven as a user would, on the sample project."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox

from cerdesk.gui.appraisal_tab import AppraisalTab
from cerdesk.gui.main_window import MainWindow
from cerdesk.gui.models.appraisal_table import COL, AppraisalTableModel
from cerdesk.gui.models.outcome_table import OutcomeTableModel
from cerdesk.ops.sample import write_sample
from cerdesk.storage import appraisal as reads
from cerdesk.storage.project import Project


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A fresh copy of the sample project."""
    path = tmp_path / "s.cerdesk"
    write_sample(path)
    return path


@pytest.fixture
def tab(window: MainWindow, sample: Path) -> AppraisalTab:
    """The Appraisal tab of the sample project, shown."""
    assert window.open_project(sample)
    assert window.appraisal_tab is not None
    window.tabs.setCurrentWidget(window.appraisal_tab)
    window.appraisal_tab.view.delegate.auto_popup = False
    return window.appraisal_tab


def _view(project: Project, key: str) -> reads.SourceView:
    return next(v for v in reads.sources(project) if v.key == key)


def _ungraded_keys(project: Project, count: int) -> list[str]:
    """Keys of ``count`` consecutive grid rows with no IMDRF grade yet."""
    views = reads.sources(project)
    for start in range(len(views) - count + 1):
        run = views[start : start + count]
        if all(not v.scheme_grades("IMDRF_N56") and v.included for v in run):
            return [v.key for v in run]
    raise AssertionError("the sample has no such rows")


def _select_cell(qtbot, tab: AppraisalTab, key: str, column: int) -> None:
    tab.view.setFocus()
    assert tab.select_source(key)
    index = tab.proxy.index(tab.view.currentIndex().row(), column)
    tab.view.setCurrentIndex(index)


def test_models_pass_qtmodeltester(qtmodeltester, sample: Path) -> None:
    project = Project.open(sample, user="t")
    try:
        qtmodeltester.check(AppraisalTableModel(project))
        outcomes = OutcomeTableModel(project)
        source_id = reads.outcomes(project)[0]["source_id"]
        outcomes.show_source("x", source_id)
        assert outcomes.rowCount() > 0
        qtmodeltester.check(outcomes)
    finally:
        project.close()


def test_typing_a_grade_sets_it_and_moves_down(
    window: MainWindow, tab: AppraisalTab, qtbot
) -> None:
    first, second = _ungraded_keys(window.project, 2)
    _select_cell(qtbot, tab, first, COL["D"])
    qtbot.keyClick(tab.view, Qt.Key.Key_1)
    assert _view(window.project, first).grade("IMDRF_N56", "D") == "D1"
    assert tab.view.current_key() == second
    assert tab.view.currentIndex().column() == COL["D"]
    # "d" then "2" is D2 as well; the cell is coloured by level
    qtbot.keyClicks(tab.view, "d2")
    assert _view(window.project, second).grade("IMDRF_N56", "D") == "D2"
    row = tab.model.row_of(second)
    assert tab.model.data(tab.model.index(row, COL["D"])) == "D2"
    assert tab.model.data(tab.model.index(row, COL["D"]), Qt.ItemDataRole.BackgroundRole)
    assert "D1" in window.undo_action.text() or "Appraise" in window.undo_action.text()


def test_a_refused_grade_writes_nothing_and_says_why(
    window: MainWindow, tab: AppraisalTab, qtbot
) -> None:
    (key,) = _ungraded_keys(window.project, 1)
    _select_cell(qtbot, tab, key, COL["D"])
    before = window.project.undo_status()
    with qtbot.waitSignal(tab.message) as said:
        qtbot.keyClick(tab.view, Qt.Key.Key_7)
    assert "D1" in said.args[0]
    assert _view(window.project, key).grade("IMDRF_N56", "D") is None
    assert window.project.undo_status() == before
    assert tab.view.current_key() == key


def test_delete_clears_a_grade(window: MainWindow, tab: AppraisalTab, qtbot) -> None:
    (key,) = _ungraded_keys(window.project, 1)
    _select_cell(qtbot, tab, key, COL["A"])
    qtbot.keyClick(tab.view, Qt.Key.Key_2)
    assert _view(window.project, key).grade("IMDRF_N56", "A") == "A2"
    _select_cell(qtbot, tab, key, COL["A"])
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert _view(window.project, key).grade("IMDRF_N56", "A") is None


def test_enter_opens_a_list_of_the_grades(window: MainWindow, tab: AppraisalTab, qtbot) -> None:
    (key,) = _ungraded_keys(window.project, 1)
    _select_cell(qtbot, tab, key, COL["P"])
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    editor = tab.view.indexWidget(tab.view.currentIndex())
    assert isinstance(editor, QComboBox)
    texts = [editor.itemText(i) for i in range(editor.count())]
    assert texts == ["—", "P1 Applicable", "P2 Limited", "P3 Different population"]
    editor.setCurrentIndex(3)
    editor.activated.emit(3)
    assert _view(window.project, key).grade("IMDRF_N56", "P") == "P3"


def test_fill_down_with_ctrl_d(window: MainWindow, tab: AppraisalTab, qtbot) -> None:
    keys = _ungraded_keys(window.project, 3)
    _select_cell(qtbot, tab, keys[0], COL["R"])
    qtbot.keyClick(tab.view, Qt.Key.Key_2)
    _select_cell(qtbot, tab, keys[0], COL["R"])
    selection = tab.view.selectionModel()
    for key in keys:
        row = tab.proxy.mapFromSource(tab.model.index(tab.model.row_of(key), COL["R"]))
        selection.select(row, QItemSelectionModel.SelectionFlag.Select)
    qtbot.keyClick(tab.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [_view(window.project, k).grade("IMDRF_N56", "R") for k in keys] == ["R2"] * 3
    assert window.undo_action.text().replace("&", "").startswith("Undo Fill down")


def test_copy_appraisal_to_the_selected_rows(window: MainWindow, tab: AppraisalTab, qtbot) -> None:
    origin = next(
        v for v in reads.sources(window.project) if v.included and v.value("weight") == "PIVOTAL"
    )
    targets = _ungraded_keys(window.project, 2)
    tab.view.select_keys(targets)
    row = tab.proxy.mapFromSource(tab.model.index(tab.model.row_of(origin.key), 0))
    tab.view.selectionModel().setCurrentIndex(
        row,
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    tab.copy_button.click()
    for key in targets:
        copied = _view(window.project, key)
        assert copied.scheme_grades("IMDRF_N56") == origin.scheme_grades("IMDRF_N56")
        assert copied.value("weight") == "PIVOTAL"


def test_filter_sort_and_the_unappraised_list(window: MainWindow, tab: AppraisalTab, qtbot) -> None:
    total = tab.proxy.rowCount()
    unappraised = tab.model.unappraised()
    assert unappraised, "the sample leaves sources to appraise"
    assert f"{len(unappraised)} not yet appraised" in tab.counts.text()
    tab.counts.linkActivated.emit("unappraised")
    assert tab.proxy.rowCount() == len(unappraised)
    assert set(tab.view.selected_keys()) == {v.key for v in unappraised}
    tab.set_state_filter("PIVOTAL")
    pivotal = [v for v in tab.model.views if v.value("weight") == "PIVOTAL"]
    assert tab.proxy.rowCount() == len(pivotal) > 0
    tab.set_state_filter(None)
    assert tab.proxy.rowCount() == total
    tab.search.setText("seidel")
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 1)
    tab.search.clear()
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == total)
    tab.view.sortByColumn(COL["Rank"], Qt.SortOrder.AscendingOrder)
    ranks = [
        tab.proxy.index(r, COL["Rank"]).data(Qt.ItemDataRole.UserRole + 3)
        for r in range(tab.proxy.rowCount())
    ]
    given = [r for r in ranks if r is not None]
    assert given == sorted(given) and ranks[: len(given)] == given


def test_undo_in_the_window_reverts_a_grade_and_shows_the_tab(
    window: MainWindow, tab: AppraisalTab, qtbot
) -> None:
    (key,) = _ungraded_keys(window.project, 1)
    _select_cell(qtbot, tab, key, COL["D"])
    qtbot.keyClick(tab.view, Qt.Key.Key_3)
    assert _view(window.project, key).grade("IMDRF_N56", "D") == "D3"
    window.tabs.setCurrentIndex(0)
    window.undo_action.trigger()
    assert _view(window.project, key).grade("IMDRF_N56", "D") is None
    assert window.tabs.currentWidget() is tab
    row = tab.model.row_of(key)
    assert tab.model.data(tab.model.index(row, COL["D"])) == ""
    window.redo_action.trigger()
    assert tab.model.data(tab.model.index(row, COL["D"])) == "D3"


def test_side_pane_saves_a_justification_and_a6_flag(
    window: MainWindow, tab: AppraisalTab, qtbot
) -> None:
    (key,) = _ungraded_keys(window.project, 1)
    _select_cell(qtbot, tab, key, COL["D"])
    edit = tab.pane.justifications["D"]
    edit.setFocus()
    qtbot.keyClicks(edit, "The subject device itself")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert _view(window.project, key).justification("IMDRF_N56", "D") == (
        "The subject device itself"
    )
    tab.pane.flags["A6.b"].click()
    assert _view(window.project, key).grade("MEDDEV_A6", "A6.b") == "FLAG"
    row = tab.model.row_of(key)
    assert tab.model.data(tab.model.index(row, COL["A6"])) == "1 flag"


def test_add_and_delete_an_extracted_result(window: MainWindow, tab: AppraisalTab, qtbot) -> None:
    (key,) = _ungraded_keys(window.project, 1)
    _select_cell(qtbot, tab, key, COL["D"])
    box = tab.extraction
    assert box.model.rowCount() == 0
    box.add_button.click()
    assert box.model.rowCount() == 1
    source_id = _view(window.project, key).source_id
    assert len(reads.outcomes_of(window.project, source_id)) == 1
    assert box.model.index(0, 0).data().startswith("AC-")
    assert box.model.setData(box.model.index(0, 2), "7")
    assert box.model.setData(box.model.index(0, 3), "50")
    assert not box.model.setData(box.model.index(0, 2), "70")  # more events than n
    stored = reads.outcomes_of(window.project, source_id)[0]
    assert (stored["events"], stored["total"]) == (7, 50)
    box.table.setCurrentIndex(box.model.index(0, 0))
    box.delete_button.click()
    assert box.model.rowCount() == 0
    window.undo_action.trigger()
    assert box.model.rowCount() == 1


def test_analysis_page_shows_a_forest_plot(window: MainWindow, tab: AppraisalTab) -> None:
    tab.show_analysis()
    page = tab.analysis
    assert page.result is not None and page.result.objectives
    criterion = next(c for o in page.result.objectives for c in o.criteria if c.rows and c.summary)
    assert page.select_criterion(criterion.criterion_id)
    drawing = page.forest.drawing()
    assert drawing is not None and drawing.height > 0
    assert criterion.code in page.heading.text()
    assert "Gaps" in page.notes.text()
