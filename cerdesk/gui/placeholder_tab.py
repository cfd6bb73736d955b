"""A tab for a stage whose editor comes from later work; it says so plainly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderTab(QWidget):
    """Names the stage, what it will hold, and that it is not available yet."""

    def __init__(self, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"placeholder_{title.lower()}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        label = QLabel(
            f"<h2>{title}</h2>"
            f"<p>{description}</p>"
            "<p><b>Not available in this version.</b> This stage is being built; nothing on "
            "this tab works yet, and nothing you do elsewhere depends on it.</p>"
        )
        label.setWordWrap(True)
        label.setMaximumWidth(640)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(label)
        layout.addStretch(1)
