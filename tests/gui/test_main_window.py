"""The main window driven as a user would: create, edit, undo, redo, close, reopen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QTabWidget

from cerdesk.gui import main_window as main_window_module
from cerdesk.gui.main_window import MainWindow
from cerdesk.gui.placeholder_tab import PlaceholderTab
from cerdesk.gui.widgets import field_editors
from cerdesk.gui.widgets.completeness_panel import FINDING_ROLE
from cerdesk.storage.project import Project
from cerdesk.storage.settings import Settings, load_settings
from tests.gui.conftest import field_widget, type_into_line


@pytest.fixture(autouse=True)
def short_typing_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    """Save typed long text after 50 ms instead of 1.5 s, to keep tests quick."""
    monkeypatch.setattr(field_editors, "TYPING_PAUSE_MS", 50)


def _choose(qtbot, combo: QComboBox, label: str) -> None:
    """Pick ``label`` in a drop-down with the keyboard, as a user would."""
    combo.setFocus()
    target = combo.findText(label)
    assert target >= 0, f"{label!r} not offered"
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def test_new_project_shows_one_tab_per_stage(window: MainWindow, tmp_path: Path) -> None:
    assert window.new_project(tmp_path / "new.cerdesk")
    tabs = window.findChild(QTabWidget, "stage_tabs")
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles == ["Plan", "Evidence", "Appraisal", "Benefit–Risk", "Report"]
    for index in range(3, tabs.count()):
        assert isinstance(tabs.widget(index), PlaceholderTab)
    assert "new.cerdesk" in window.windowTitle()


def test_fields_typed_in_the_window_survive_close_and_reopen(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    path = tmp_path / "device.cerdesk"
    window.new_project(path)
    name = field_widget(window, "device", "trade_name")
    assert isinstance(name, QLineEdit)
    type_into_line(qtbot, name, "OsteoLink screw")
    description = field_widget(window, "device", "generic_description")
    assert isinstance(description, QPlainTextEdit)
    description.setFocus()
    qtbot.keyClicks(description, "Cannulated titanium bone screw")
    qtbot.waitUntil(lambda: window.project.get("device")["generic_description"] is not None)
    risk = field_widget(window, "device", "risk_class")
    assert isinstance(risk, QComboBox)
    _choose(qtbot, risk, "Class IIb")
    implantable = field_widget(window, "device", "implantable")
    _choose(qtbot, implantable, "Yes")
    udi = field_widget(window, "device", "basic_udi_di")
    udi.setFocus()
    qtbot.keyClicks(udi, "4250000012345AB")
    qtbot.keyClick(udi, Qt.Key.Key_Return)
    qtbot.keyClicks(udi, "4250000012346CD")
    name.setFocus()  # leaving the field saves it
    qtbot.waitUntil(lambda: len(window.project.get("device")["basic_udi_di"]) == 2)

    window.close_project()
    assert window.project is None
    assert window.open_project(path)
    device = window.project.get("device")
    assert device["trade_name"] == "OsteoLink screw"
    assert device["generic_description"] == "Cannulated titanium bone screw"
    assert device["risk_class"] == "IIB"
    assert device["implantable"] is True
    assert device["basic_udi_di"] == ("4250000012345AB", "4250000012346CD")
    assert field_widget(window, "device", "trade_name").text() == "OsteoLink screw"
    assert field_widget(window, "device", "risk_class").currentText() == "Class IIb"


def test_table_rows_added_in_the_window_are_kept_in_order(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    path = tmp_path / "objectives.cerdesk"
    window.new_project(path)
    window.plan_tab.show_section("objectives")
    page = window.plan_tab.page("objectives")
    objectives = page.lists["objective"]
    qtbot.mouseClick(objectives.add_button, Qt.MouseButton.LeftButton)
    category = field_widget(window, "objective", "category")
    _choose(qtbot, category, "Safety")
    endpoint = field_widget(window, "objective", "endpoint")
    type_into_line(qtbot, endpoint, "Revision rate at 12 months")
    qtbot.mouseClick(objectives.add_button, Qt.MouseButton.LeftButton)
    type_into_line(qtbot, field_widget(window, "objective", "endpoint"), "Union at 12 weeks")

    criteria = objectives.child_editors[0]
    assert criteria.spec.table == "acceptance_criterion"
    qtbot.mouseClick(criteria.add_button, Qt.MouseButton.LeftButton)
    type_into_line(qtbot, field_widget(window, "acceptance_criterion", "threshold"), "85,5")

    assert objectives.model.rowCount() == 2
    qtbot.mouseClick(objectives.up_button, Qt.MouseButton.LeftButton)  # second row moves up

    window.close_project()
    with Project.open(path, user="check", read_only=True) as project:
        rows = project.items("objective")
        assert [r["endpoint"] for r in rows] == ["Union at 12 weeks", "Revision rate at 12 months"]
        assert rows[1]["category"] == "SAFETY"
        assert rows[1]["code"] == "OBJ-S-01"
        (criterion,) = project.items("acceptance_criterion")
        assert criterion.parent_id == rows[0].id
        assert criterion["threshold"] == 85.5


def test_undo_and_redo_from_the_edit_menu(window: MainWindow, qtbot, tmp_path: Path) -> None:
    window.new_project(tmp_path / "undo.cerdesk")
    name = field_widget(window, "device", "trade_name")
    assert not window.undo_action.isEnabled()
    type_into_line(qtbot, name, "First name")
    assert window.undo_action.isEnabled()
    assert "Device name" in window.undo_action.text()

    window.plan_tab.show_section("evaluators")
    evaluators = window.plan_tab.page("evaluators").lists["evaluator"]
    qtbot.mouseClick(evaluators.add_button, Qt.MouseButton.LeftButton)
    assert window.project.count("evaluator") == 1

    window.undo_action.trigger()
    assert window.project.count("evaluator") == 0
    assert evaluators.model.rowCount() == 0
    window.undo_action.trigger()
    assert window.project.get("device")["trade_name"] is None
    assert field_widget(window, "device", "trade_name").text() == ""
    assert window.redo_action.isEnabled()

    window.redo_action.trigger()
    assert field_widget(window, "device", "trade_name").text() == "First name"
    window.redo_action.trigger()
    assert evaluators.model.rowCount() == 1
    assert not window.redo_action.isEnabled()


def test_deleting_a_row_is_undone_with_its_children(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    window.new_project(tmp_path / "equivalence.cerdesk")
    window.plan_tab.show_section("equivalence")
    devices = window.plan_tab.page("equivalence").lists["equivalent_device"]
    qtbot.mouseClick(devices.add_button, Qt.MouseButton.LeftButton)
    characteristics = devices.child_editors[0]
    assert characteristics.model.rowCount() == 13
    qtbot.mouseClick(devices.delete_button, Qt.MouseButton.LeftButton)
    assert window.project.count("equivalence_characteristic") == 0
    assert not devices.detail.isVisibleTo(window)
    window.undo_action.trigger()
    assert window.project.count("equivalence_characteristic") == 13
    assert characteristics.model.rowCount() == 13


def test_multichoice_boxes_are_saved(window: MainWindow, qtbot, tmp_path: Path) -> None:
    window.new_project(tmp_path / "routes.cerdesk")
    window.plan_tab.show_section("cep")
    for name in ("OWN_CI", "PMS_PMCF", "EQUIVALENCE"):
        box = window.findChild(QCheckBox, f"field_evidence_routes_{name}")
        # Click on the box itself, where a user clicks (the widget is wider than its label).
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert window.project.get("cep")["evidence_routes"] == ("OWN_CI", "EQUIVALENCE", "PMS_PMCF")
    window.undo_action.trigger()
    assert window.project.get("cep")["evidence_routes"] == ("OWN_CI", "PMS_PMCF")
    assert not window.findChild(QCheckBox, "field_evidence_routes_EQUIVALENCE").isChecked()


def test_invalid_value_is_flagged_and_not_saved(window: MainWindow, qtbot, tmp_path: Path) -> None:
    window.new_project(tmp_path / "invalid.cerdesk")
    window.plan_tab.show_section("document")
    due = field_widget(window, "project", "next_update_due")
    type_into_line(qtbot, due, "next spring")
    assert window.project.get("project")["next_update_due"] is None
    assert due.text() == "next spring"  # what the user typed is not thrown away
    assert "YYYY-MM-DD" in due.toolTip()
    type_into_line(qtbot, due, "2027-06-30")
    assert window.project.get("project")["next_update_due"] == "2027-06-30"
    assert due.styleSheet() == ""


def test_completeness_panel_counts_and_navigates(window: MainWindow, qtbot, tmp_path: Path) -> None:
    window.new_project(tmp_path / "complete.cerdesk", device_name="Widget")
    panel = window.plan_tab.panel
    before = panel.model.rowCount()
    assert before > 20
    messages = [panel.model.index(r).data() for r in range(before)]
    assert any("Risk class is missing" in m for m in messages)

    row = next(r for r, m in enumerate(messages) if "Evaluator" in m or "evaluators" in m)
    panel.view.activated.emit(panel.model.index(row))
    assert window.plan_tab.pages.currentWidget().section.key == "evaluators"

    row = next(r for r, m in enumerate(messages) if "Risk class is missing" in m)
    panel.view.activated.emit(panel.model.index(row))
    assert window.plan_tab.pages.currentWidget().section.key == "device"
    risk = field_widget(window, "device", "risk_class")
    qtbot.waitUntil(risk.hasFocus)
    _choose(qtbot, risk, "Class I")
    assert panel.model.rowCount() < before
    assert not any(
        "Risk class is missing" in panel.model.index(r).data()
        for r in range(panel.model.rowCount())
    )


def test_locked_project_can_be_opened_read_only(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "shared.cerdesk"
    holder = Project.create(path, user="Other Person")
    try:
        asked = []

        def answer(err):
            asked.append(str(err))
            return "read_only"

        monkeypatch.setattr(window, "_ask_locked", answer)
        assert window.open_project(path)
        assert "Other Person" in asked[0]
        assert window.project.read_only
        assert window.banner.isVisibleTo(window)
        assert "read-only" in window.windowTitle()
        name = field_widget(window, "device", "trade_name")
        assert name.isReadOnly()
        window.plan_tab.show_section("objectives")
        add = window.plan_tab.page("objectives").lists["objective"].add_button
        assert not add.isEnabled()
        assert not window.undo_action.isEnabled()
    finally:
        window.close_project()
        holder.close()


def test_refused_file_shows_a_message_and_opens_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bogus = tmp_path / "notes.cerdesk"
    bogus.write_text("just some notes\n" * 20)
    shown = []
    monkeypatch.setattr(window, "_error", lambda title, text: shown.append(text))
    assert not window.open_project(bogus)
    assert window.project is None
    assert "not an SQLite database" in shown[0]
    assert bogus.read_text() == "just some notes\n" * 20


def test_save_a_copy_writes_a_project_that_opens(window: MainWindow, qtbot, tmp_path: Path) -> None:
    window.new_project(tmp_path / "original.cerdesk")
    type_into_line(qtbot, field_widget(window, "device", "trade_name"), "Copied device")
    copy = tmp_path / "copy.cerdesk"
    window.save_copy(copy)
    assert window.project.path == tmp_path / "original.cerdesk"
    with Project.open(copy, user="check", read_only=True) as project:
        assert project.get("device")["trade_name"] == "Copied device"


def test_recent_files_and_geometry_persist_between_runs(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "recent.cerdesk"
    Project.create(path, user="x").close()
    first = MainWindow(load_settings())
    qtbot.addWidget(first)
    first.show()
    first.resize(790, 610)  # within the 800×800 offscreen screen, so restore keeps it
    assert first.open_project(path)
    first.close()
    settings = load_settings()
    assert settings.recent_files[0] == str(path)
    assert settings.window_geometry

    from cerdesk.gui.app import build_window

    second = build_window(None)
    qtbot.addWidget(second)
    assert second.project is not None and second.project.path == path
    assert (second.width(), second.height()) == (790, 610)
    second.close()


def test_no_argument_and_last_project_gone_shows_the_welcome_page(qtbot, tmp_path: Path) -> None:
    from cerdesk.gui.app import build_window
    from cerdesk.storage.settings import save_settings

    save_settings(Settings(recent_files=[str(tmp_path / "moved away.cerdesk")]))
    win = build_window(None)
    qtbot.addWidget(win)
    assert win.project is None
    assert win.stack.currentWidget() is win.welcome
    assert not win.save_copy_action.isEnabled()


def test_window_title_and_about_name_the_file(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "about.cerdesk"
    window.new_project(path)
    assert window.status_path.text().startswith(str(path))
    assert "Gui Tester" in window.status_path.text()
    assert main_window_module.SCHEMA_VERSION >= 1


def test_settings_user_name_is_recorded_in_the_change_log(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    window.new_project(tmp_path / "log.cerdesk")
    type_into_line(qtbot, field_widget(window, "device", "trade_name"), "Logged")
    entry = window.project.change_log(1)[0]
    assert (entry.user, entry.entity, entry.field, entry.new_value) == (
        "Gui Tester",
        "device",
        "trade_name",
        "Logged",
    )


def test_settings_default_to_os_user() -> None:
    assert Settings().effective_user


def test_undo_shows_the_section_it_changed(window: MainWindow, qtbot, tmp_path: Path) -> None:
    window.new_project(tmp_path / "reveal.cerdesk")
    window.plan_tab.show_section("evaluators")
    evaluators = window.plan_tab.page("evaluators").lists["evaluator"]
    qtbot.mouseClick(evaluators.add_button, Qt.MouseButton.LeftButton)
    window.plan_tab.show_section("device")
    window.undo_action.trigger()
    assert window.plan_tab.pages.currentWidget().section.key == "evaluators"
    assert "Undo Add evaluator" in window.statusBar().currentMessage()


def test_ctrl_number_switches_stage_tabs(window: MainWindow, qtbot, tmp_path: Path) -> None:
    window.new_project(tmp_path / "keys.cerdesk")
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 2
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0


def test_completeness_can_show_only_the_page_shown(window: MainWindow, tmp_path: Path) -> None:
    window.new_project(tmp_path / "filter.cerdesk")
    panel = window.plan_tab.panel
    everything = panel.model.rowCount()
    window.plan_tab.show_section("evaluators")
    panel.only_page.setChecked(True)
    shown = [panel.model.index(r).data(FINDING_ROLE) for r in range(panel.model.rowCount())]
    assert 0 < len(shown) < everything
    assert {f.section for f in shown} == {"evaluators"}
    window.plan_tab.show_section("device")
    assert {
        panel.model.index(r).data(FINDING_ROLE).section for r in range(panel.model.rowCount())
    } == {"device"}
    panel.only_page.setChecked(False)
    assert panel.model.rowCount() == everything
