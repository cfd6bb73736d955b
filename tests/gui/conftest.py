"""Fixtures for GUI tests: a real main window with settings kept in the test's folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from cerdesk.gui.main_window import MainWindow
from cerdesk.storage.settings import Settings


@pytest.fixture
def window(qtbot) -> Iterator[MainWindow]:
    """A shown main window with no project open."""
    win = MainWindow(Settings(user_name="Gui Tester"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    win.close_project()


def field_widget(win: MainWindow, table: str, name: str) -> QWidget:
    """Return the editor widget of field ``name`` in the form of ``table``."""
    widgets = [
        w
        for w in win.findChildren(QWidget, f"field_{name}")
        if w.parent() is not None and w.parent().objectName() == f"form_{table}"
    ]
    assert widgets, f"no editor for {table}.{name}"
    return widgets[0]


def type_into_line(qtbot, widget: QLineEdit, text: str) -> None:
    """Replace the text of a line edit by typing, then press Enter to save it."""
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    QApplication.processEvents()
