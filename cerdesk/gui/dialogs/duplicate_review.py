"""Side-by-side review of the pairs de-duplication was unsure of; one key decides.

D: duplicates (the record marked "kept" stays), N: not duplicates (never proposed again),
K: keep the other record of the pair, S or →: skip for now, Esc: close.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cerdesk.core.bibliography import fold
from cerdesk.core.errors import UserError
from cerdesk.ops import dedupe
from cerdesk.storage import register
from cerdesk.storage.project import Project

#: (label, key in register.record_detail) compared side by side.
FIELDS = (
    ("Title", "title"),
    ("Authors", "authors"),
    ("Year", "year"),
    ("Journal", "journal"),
    ("Volume", "volume"),
    ("Issue", "issue"),
    ("Pages", "pages"),
    ("DOI", "doi"),
    ("PMID", "pmid"),
    ("Type", "publication_type"),
    ("Language", "language"),
    ("Abstract", "abstract"),
    ("Found in", "found_in"),
)

_DIFFERENT = QColor(255, 236, 179)


def _text(data: dict[str, Any], key: str) -> str:
    if key == "found_in":
        return (
            f"{data.get('run_code')} {data.get('database')} · {data.get('file_name')} "
            f"#{data.get('source_index')} (record {data.get('id')})"
        )
    value = data.get(key)
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else str(value)


class PairModel(QAbstractTableModel):
    """Two records field by field; cells that differ (beyond case and punctuation) shaded."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.left: dict[str, Any] = {}
        self.right: dict[str, Any] = {}
        self.kept_left = True

    def set_pair(self, left: dict[str, Any], right: dict[str, Any], kept_left: bool) -> None:
        """Show ``left`` and ``right``; ``kept_left`` says which one would be kept."""
        self.beginResetModel()
        self.left, self.right, self.kept_left = left, right, kept_left
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.left else len(FIELDS)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        key = FIELDS[index.row()][1]
        record = self.left if index.column() == 0 else self.right
        text = _text(record, key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text if role == Qt.ItemDataRole.DisplayRole or len(text) > 80 else None
        different = fold(_text(self.left, key)) != fold(_text(self.right, key))
        if role == Qt.ItemDataRole.BackgroundRole and key != "found_in" and different:
            return QBrush(_DIFFERENT)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return FIELDS[section][0]
        kept = (section == 0) == self.kept_left
        return "Kept" if kept else "Duplicate"


class DuplicateReviewDialog(QDialog):
    """Walk through the uncertain pairs and decide each with one key.

    Signals:
        decided(Changes): A decision was saved.
    """

    decided = Signal(object)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle("Review Possible Duplicates")
        self.setObjectName("duplicate_review")
        self.resize(1100, 640)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("review_heading")
        layout.addWidget(self.heading)
        self.model = PairModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        self.duplicate_button = QPushButton("Duplicates (D)")
        self.not_button = QPushButton("Not Duplicates (N)")
        self.swap_button = QPushButton("Keep the Other (K)")
        self.skip_button = QPushButton("Skip (S)")
        close = QPushButton("Close")
        for button in (self.duplicate_button, self.not_button, self.swap_button, self.skip_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.duplicate_button.clicked.connect(lambda: self.decide(True))
        self.not_button.clicked.connect(lambda: self.decide(False))
        self.swap_button.clicked.connect(self.swap)
        self.skip_button.clicked.connect(self.skip)
        close.clicked.connect(self.accept)
        self._keys = {
            Qt.Key.Key_D: lambda: self.decide(True),
            Qt.Key.Key_N: lambda: self.decide(False),
            Qt.Key.Key_K: self.swap,
            Qt.Key.Key_S: self.skip,
            Qt.Key.Key_Right: self.skip,
        }
        self._pairs = register.candidates(project)
        self._position = 0
        self._kept_left = True
        self._show()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """One key per decision (letters without modifiers)."""
        action = self._keys.get(Qt.Key(event.key()))
        if action is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            action()
            return
        super().keyPressEvent(event)

    @property
    def remaining(self) -> int:
        """Pairs still to decide in this session (skipped ones included)."""
        return len(self._pairs)

    def _current(self) -> register.Candidate | None:
        if not self._pairs:
            return None
        return self._pairs[self._position % len(self._pairs)]

    def _show(self) -> None:
        pair = self._current()
        enabled = pair is not None
        for button in (self.duplicate_button, self.not_button, self.swap_button, self.skip_button):
            button.setEnabled(enabled)
        if pair is None:
            self.heading.setText("<b>No pairs left to review.</b>")
            self.model.set_pair({}, {}, True)
            return
        left = register.record_detail(self.project, pair.record_a)
        right = register.record_detail(self.project, pair.record_b)
        self.model.set_pair(left, right, self._kept_left)
        score = f" · similarity {pair.score:.2f}" if pair.score is not None else ""
        self.heading.setText(
            f"<b>Pair {self._position % len(self._pairs) + 1} of {len(self._pairs)}</b> — "
            f"{pair.rule}{score}. Shaded fields differ."
        )

    def decide(self, duplicate: bool) -> None:
        """Save the decision on the current pair and show the next."""
        pair = self._current()
        if pair is None:
            return
        keep = pair.record_a if self._kept_left else pair.record_b
        try:
            changes = dedupe.decide_candidate(self.project, pair.id, duplicate=duplicate, keep=keep)
        except UserError as err:
            self.heading.setText(f"<b>{err}</b>")
            return
        self._pairs.remove(pair)
        self._kept_left = True
        if self._pairs:
            self._position %= len(self._pairs)
        self.decided.emit(changes)
        self._show()

    def swap(self) -> None:
        """Keep the other record of the pair."""
        self._kept_left = not self._kept_left
        self._show()

    def skip(self) -> None:
        """Leave the pair for later and show the next."""
        self._position += 1
        self._kept_left = True
        self._show()
