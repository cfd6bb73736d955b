"""The page shown when no project is open: create, open, sample, recent projects.

Signals:
    new_requested(): the user wants a new project.
    open_requested(): the user wants to pick a project file.
    sample_requested(): the user wants the bundled sample project.
    recent_requested(str): the user picked a recent project (its path).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cerdesk.gui.icons import app_icon


class WelcomePage(QWidget):
    """Start page with the three ways in and the recent projects."""

    new_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_page")
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        header = QHBoxLayout()
        icon = QLabel()
        pixmap = app_icon().pixmap(72, 72)
        icon.setPixmap(pixmap)
        header.addWidget(icon)
        title = QLabel(
            "<h1 style='margin-bottom:0'>cerdesk</h1>"
            "<p>Clinical evaluation reports under EU MDR 2017/745, prepared offline.</p>"
        )
        header.addWidget(title, 1)
        column.addLayout(header)
        buttons = QHBoxLayout()
        self.new_button = QPushButton("New Project…")
        self.new_button.setObjectName("welcome_new")
        self.open_button = QPushButton("Open Project…")
        self.open_button.setObjectName("welcome_open")
        self.sample_button = QPushButton("Open the Sample Project")
        self.sample_button.setObjectName("welcome_sample")
        self.sample_button.setToolTip(
            "A complete clinical evaluation plan for a fictional bone screw system, to explore."
        )
        for button in (self.new_button, self.open_button, self.sample_button):
            button.setMinimumHeight(36)
            buttons.addWidget(button)
        column.addLayout(buttons)
        column.addSpacing(16)
        self.recent_label = QLabel("<b>Recent projects</b>")
        column.addWidget(self.recent_label)
        self.recent = QListWidget()
        self.recent.setObjectName("welcome_recent")
        self.recent.setMinimumWidth(560)
        self.recent.setMaximumHeight(220)
        column.addWidget(self.recent)
        column.addStretch(2)
        outer.addLayout(column)
        outer.addStretch(1)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button.clicked.connect(self.sample_requested)
        self.recent.itemActivated.connect(
            lambda item: self.recent_requested.emit(item.data(Qt.ItemDataRole.UserRole))
        )

    def set_recent(self, paths: list[str]) -> None:
        """Show ``paths`` (newest first); missing files are shown greyed out."""
        self.recent.clear()
        for text in paths:
            path = Path(text)
            item = QListWidgetItem(f"{path.name}    —    {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, text)
            if not path.exists():
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip("This file was moved or deleted.")
            self.recent.addItem(item)
        self.recent_label.setVisible(bool(paths))
        self.recent.setVisible(bool(paths))
