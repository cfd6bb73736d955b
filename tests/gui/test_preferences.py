"""Edit ▸ Preferences: the name recorded in the change log."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from cerdesk.gui.dialogs.preferences import PreferencesDialog
from cerdesk.gui.main_window import MainWindow
from cerdesk.ops import plan
from cerdesk.storage.settings import load_settings


def _fill_dialog(qtbot, name: str, *, accept: bool) -> None:
    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PreferencesDialog):
            QTimer.singleShot(20, act)
            return
        edit = dialog.findChild(QLineEdit, "preferences_user_name")
        edit.selectAll()
        qtbot.keyClicks(edit, name)
        dialog.accept() if accept else dialog.reject()

    QTimer.singleShot(0, act)


def test_name_set_in_preferences_is_recorded_and_kept(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    assert window.new_project(tmp_path / "p.cerdesk")
    _fill_dialog(qtbot, "Dr Ana Costa", accept=True)
    window.preferences_action.trigger()
    assert load_settings().user_name == "Dr Ana Costa"
    assert "Dr Ana Costa" in window.status_path.text()

    assert window.project is not None
    plan.set_field(window.project, "device", "1", "trade_name", "Renamed")
    assert window.project.change_log(limit=1)[0].user == "Dr Ana Costa"

    _fill_dialog(qtbot, "Someone Else", accept=False)
    window.preferences_action.trigger()
    assert load_settings().user_name == "Dr Ana Costa"
    assert window.project.user == "Dr Ana Costa"
