"""A thin table model over the rows of one list entity (or of one parent's children)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from cerdesk.core.changes import Item
from cerdesk.core.entities import EntitySpec
from cerdesk.core.fields import Kind

Index = QModelIndex | QPersistentModelIndex

#: Role returning the row's id.
ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role returning the row's :class:`Item`.
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2
#: Role returning the typed value, for sorting.
SORT_ROLE = Qt.ItemDataRole.UserRole + 3

_MAX_CELL = 120


class ItemTableModel(QAbstractTableModel):
    """Rows of ``spec`` as a read-only table; editing happens in the form below it.

    Attributes:
        spec: The entity shown.
        columns: The fields shown as columns (``spec.table_fields``).
    """

    def __init__(self, spec: EntitySpec, parent: Any = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.columns = spec.table_fields or spec.fields[:3]
        self._items: list[Item] = []

    # ------------------------------------------------------------------ Qt API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._items)):
            return None
        item = self._items[index.row()]
        field = self.columns[index.column()]
        value = item.get(field.name)
        if role == Qt.ItemDataRole.DisplayRole:
            text = field.to_text(value)
            first = text.splitlines()[0] if text else ""
            if len(first) > _MAX_CELL or first != text:
                first = first[:_MAX_CELL].rstrip() + "…"
            return first
        if role == Qt.ItemDataRole.ToolTipRole:
            text = field.to_text(value)
            return text if len(text) > 40 or "\n" in text else None
        if role == Qt.ItemDataRole.TextAlignmentRole and field.kind in (Kind.INT, Kind.REAL):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return item.id
        if role == ITEM_ROLE:
            return item
        if role == SORT_ROLE:
            return "" if value is None else str(value)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].label
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    # ---------------------------------------------------------------- updates
    def set_items(self, items: list[Item]) -> None:
        """Show ``items``; a partial update when the same rows are still there."""
        if [i.id for i in items] == [i.id for i in self._items]:
            changed = [n for n, (a, b) in enumerate(zip(items, self._items, strict=True)) if a != b]
            self._items = list(items)
            if changed:
                last = len(self.columns) - 1
                self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), last))
            return
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item_at(self, row: int) -> Item | None:
        """Return the item shown in ``row``, or ``None``."""
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, row_id: str) -> int:
        """Return the row showing ``row_id``, or -1."""
        for n, item in enumerate(self._items):
            if item.id == row_id:
                return n
        return -1
