"""The bundled sample project: opened on a first start, and from the File menu."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from cerdesk.core.completeness import MISSING, check_plan
from cerdesk.gui.main_window import MainWindow
from cerdesk.gui.sample import sample_copy_path
from cerdesk.ops import plan
from cerdesk.ops.sample import write_sample
from cerdesk.storage.project import Project


def test_sample_is_a_complete_plan_for_a_fictional_device(tmp_path: Path) -> None:
    path = write_sample(tmp_path / "s.cerdesk")
    with Project.open(path, user="reader", read_only=True) as project:
        assert "OsteoLink" in project.get("device").get("trade_name")
        assert project.get("manufacturer").get("legal_name") == "Meridian Orthopaedics GmbH"
        assert project.count("objective") >= 5
        assert project.count("acceptance_criterion") >= project.count("objective")
        assert project.count("equivalence_characteristic") == 13
        assert project.count("search_database") >= 3
        missing = [f for f in check_plan(project.snapshot()) if f.level == MISSING]
        assert missing == []


def test_first_start_opens_the_sample(qtbot) -> None:
    from cerdesk.gui.app import build_window

    win = build_window(None)
    qtbot.addWidget(win)
    assert win.project is not None
    assert win.project.path == sample_copy_path()
    assert "OsteoLink" in win.windowTitle() or "Sample" in win.windowTitle()
    win.close_project()


def _answer_next_box(button_text: str) -> None:
    """Click the button labelled ``button_text`` in the next message box that appears."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        for button in box.findChildren(QPushButton):
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        raise AssertionError(f"no button {button_text!r} in {box.text()!r}")

    QTimer.singleShot(0, click)


def _edit_sample_copy() -> None:
    with Project.open(sample_copy_path(), user="Ana") as project:
        plan.set_field(project, "device", "1", "trade_name", "My renamed screw")


def _trade_name(win: MainWindow) -> str:
    assert win.project is not None
    return win.project.get("device").get("trade_name")


def test_open_sample_keeps_or_replaces_an_edited_copy(window: MainWindow) -> None:
    window.open_sample()
    assert window.project is not None and window.project.path == sample_copy_path()
    window.close_project()

    _edit_sample_copy()
    _answer_next_box("Continue with My Copy")
    window.open_sample()
    assert _trade_name(window) == "My renamed screw"
    window.close_project()

    _answer_next_box("Cancel")
    window.open_sample()
    assert window.project is None

    _answer_next_box("Start Again")
    window.open_sample()
    assert "OsteoLink" in _trade_name(window)
