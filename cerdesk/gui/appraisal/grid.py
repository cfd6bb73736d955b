"""The appraisal grid's view and editors: grading by typing, combo editors, fill down.

Typing in a grade cell sets the grade at once and moves down a row, like a spreadsheet:
"1" under D means D1, "d1" too; Delete clears the selected cells; Enter or F2 opens a list
of the grades with their labels. Choice columns (device used, design, rank, weight) are
edited with a drop-down; the rank's entries carry the MDCG 2020-6 Appendix III text.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from cerdesk.core.appraisal import IMDRF_N56, MDCG_RANKS
from cerdesk.gui.models.appraisal_table import (
    COLUMNS,
    VALUE_ROLE,
    AppraisalTableModel,
    Column,
)
from cerdesk.ops.appraisal import Target

Index = QModelIndex | QPersistentModelIndex

#: Typed characters of one grade ("d" then "1") must follow within this many seconds.
TYPING_GAP_S = 1.5


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class AppraisalDelegate(QStyledItemDelegate):
    """Drop-down editors for grades and choices; a line edit for the rationale.

    Attributes:
        auto_popup: Open the drop-down's list as soon as the editor opens.
    """

    def __init__(self, grid_model: AppraisalTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid_model = grid_model
        self.auto_popup = True

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        col = COLUMNS[index.column()]
        if col.kind == "text":
            return QLineEdit(parent)
        combo = QComboBox(parent)
        combo.setObjectName("appraisal_cell_editor")
        combo.addItem("—", None)
        for value, text, tip in self._entries(col):
            combo.addItem(text, value)
            if tip:
                combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)

        def commit(_index: int, editor: QComboBox = combo) -> None:
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

        combo.activated.connect(commit)
        if self.auto_popup:
            QTimer.singleShot(0, lambda: combo.showPopup() if combo.isVisible() else None)
        return combo

    def _entries(self, col: Column) -> list[tuple[Any, str, str]]:
        if col.kind == "rank":
            return [(n, f"{n} – {_short(text, 60)}", text) for n, text in MDCG_RANKS.items()]
        if col.kind == "grade":
            entries = []
            for choice in col.choices:
                own = self.grid_model.labels.get((IMDRF_N56.key, choice.value))
                text = f"{choice.label} — {own}" if own else choice.label
                entries.append((choice.value, text, ""))
            return entries
        return [(c.value, c.label, "") for c in col.choices]

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(VALUE_ROLE)
        if isinstance(editor, QComboBox):
            if isinstance(value, bool):
                value = "YES" if value else "NO"
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text().strip() or None)


class AppraisalView(QTableView):
    """The grid: spreadsheet keys on top of the table's own navigation.

    Signals:
        message(str): What a keystroke did, or why it was refused.
    """

    message = Signal(str)

    def __init__(self, grid_model: AppraisalTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid_model = grid_model
        self._typed = ""
        self._typed_at = 0.0
        self._typed_cell: tuple[int, int] | None = None
        self.setObjectName("appraisal_view")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.delegate = AppraisalDelegate(grid_model, self)
        self.setItemDelegate(self.delegate)
        self.setWordWrap(False)
        self.setSortingEnabled(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.horizontalHeader().setHighlightSections(False)

    # ------------------------------------------------------------------- helpers
    def proxy(self) -> QSortFilterProxyModel:
        """Return the filter/sort model between the grid model and this view."""
        model = self.model()
        assert isinstance(model, QSortFilterProxyModel)
        return model

    def source_row(self, view_row: int) -> int:
        """Return the grid model's row shown at ``view_row``."""
        return self.proxy().mapToSource(self.proxy().index(view_row, 0)).row()

    def selected_view_rows(self) -> list[int]:
        """Return the rows with a selected cell, top to bottom as shown."""
        return sorted({i.row() for i in self.selectionModel().selectedIndexes()})

    def selected_keys(self) -> list[str]:
        """Return the source keys of the selected rows, in the order shown."""
        return [self.grid_model.view_at(self.source_row(r)).key for r in self.selected_view_rows()]

    def selected_targets(self) -> list[Target]:
        """Return the editable targets of the selected columns, left to right."""
        columns = sorted({i.column() for i in self.selectionModel().selectedIndexes()})
        return [t for t in (COLUMNS[c].target for c in columns) if t is not None]

    def current_key(self) -> str | None:
        """Return the key of the current row's source, or None."""
        index = self.currentIndex()
        if not index.isValid():
            return None
        return self.grid_model.view_at(self.source_row(index.row())).key

    def select_keys(self, keys: list[str]) -> None:
        """Select the rows of ``keys`` (those shown), the first one current."""
        selection = self.selectionModel()
        selection.clearSelection()
        first = None
        for key in keys:
            row = self.grid_model.row_of(key)
            if row < 0:
                continue
            index = self.proxy().mapFromSource(self.grid_model.index(row, 0))
            if not index.isValid():
                continue
            flags = QItemSelectionModel.SelectionFlag.Select
            selection.select(index, flags | QItemSelectionModel.SelectionFlag.Rows)
            if first is None or index.row() < first.row():
                first = index
        if first is not None:
            selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.scrollTo(first)

    def move_down(self) -> None:
        """Make the cell below the current one current (spreadsheet style)."""
        index = self.currentIndex()
        below = self.proxy().index(index.row() + 1, index.column())
        if below.isValid():
            self.setCurrentIndex(below)

    # --------------------------------------------------------------------- keys
    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if not index.isValid() or self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        col = COLUMNS[index.column()]
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        editable = bool(index.flags() & Qt.ItemFlag.ItemIsEditable)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and editable and not mods:
            self.edit(index)
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not mods:
            self.clear_selected()
            return
        text = event.text()
        typed = bool(text) and text.isprintable() and not text.isspace()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        if typed and plain and col.kind == "grade":
            if editable:
                self._type_grade(index, text)
            else:
                self.message.emit("The project is open read-only.")
            return
        if typed and plain and col.kind == "bool" and text.lower() in ("y", "n") and editable:
            if self.proxy().setData(index, "YES" if text.lower() == "y" else "NO"):
                self.move_down()
            return
        super().keyPressEvent(event)

    def _type_grade(self, index: QModelIndex, text: str) -> None:
        col = COLUMNS[index.column()]
        now = time.monotonic()
        cell = (index.row(), index.column())
        if self._typed_cell != cell or now - self._typed_at > TYPING_GAP_S:
            self._typed = ""
        candidate = self._typed + text
        self._typed_cell, self._typed_at = cell, now
        try:
            grade = col.item.parse(candidate)
        except ValueError as err:
            prefix = candidate.upper()
            if any(c.value.upper().startswith(prefix) for c in col.choices):
                self._typed = candidate  # "d" of "d1": wait for the number
                self.message.emit(f"{candidate.upper()}… type the level (1, 2 or 3).")
                return
            self._typed = ""
            self.message.emit(str(err))
            return
        self._typed = ""
        if self.proxy().setData(index, grade):
            self.move_down()

    def clear_selected(self) -> None:
        """Clear the selected editable cells (one undo step per column)."""
        keys_by_target: dict[Target, list[str]] = {}
        for index in self.selectionModel().selectedIndexes():
            target = COLUMNS[index.column()].target
            if target is None or not index.flags() & Qt.ItemFlag.ItemIsEditable:
                continue
            if index.data(VALUE_ROLE) is None:
                continue
            key = self.grid_model.view_at(self.source_row(index.row())).key
            keys_by_target.setdefault(target, []).append(key)
        for target, keys in keys_by_target.items():
            self.grid_model.edit(keys, target, None)

    def fill_down(self) -> None:
        """Copy the top selected row's values of the selected columns to the rows below it.

        With a single row selected, the row above is copied into it.
        """
        rows = self.selected_view_rows()
        targets = self.selected_targets()
        if not targets:
            self.message.emit("Select the grade or field columns to fill down.")
            return
        if len(rows) == 1 and rows[0] > 0:
            rows = [rows[0] - 1, rows[0]]
        keys = [self.grid_model.view_at(self.source_row(r)).key for r in rows]
        self.grid_model.fill_down(keys, targets)

    def copy_appraisal(self) -> None:
        """Copy the current row's appraisal to the other selected rows."""
        origin = self.current_key()
        if origin is None:
            self.message.emit("Select the source to copy from, then the sources to copy to.")
            return
        others = [k for k in self.selected_keys() if k != origin]
        if not others:
            self.message.emit(
                "Select the sources to copy to as well (Ctrl+click or Shift+click); "
                "the current row is copied."
            )
            return
        self.grid_model.copy_appraisal(origin, others)
