"""The evidence register as a table model that fetches rows from SQLite on demand.

The model holds only the sorted list of matching record ids (filtering and sorting run
in SQLite, with the FTS5 index); the displayed values are fetched in pages of 200 when
the view asks for them, so 100,000 records scroll and filter without delay.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from cerdesk.storage import register
from cerdesk.storage.project import Project

#: Role returning a row's record id.
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_PAGE = 200
_CACHED_PAGES = 50

#: (heading, index in register.ROW_COLUMNS, sort key)
COLUMNS = (
    ("#", 0, "id"),
    ("Title", 1, "title"),
    ("Authors", 2, "authors"),
    ("Year", 3, "year"),
    ("Journal", 4, "journal"),
    ("DOI", 5, None),
    ("Run", 6, "run"),
    ("Screening", 10, None),
    ("File · record", 7, "source"),
    ("Duplicate of", 9, None),
)

_STATE_WORDS = {"INCLUDE": "include", "EXCLUDE": "exclude", "UNSURE": "unsure"}


def screening_text(title_abstract: str | None, full_text: str | None) -> str:
    """Return a short screening state: "include → include", "exclude", "disagree"…"""

    def one(decisions: str | None) -> str:
        if not decisions:
            return ""
        found = decisions.split(",")
        return "disagree" if len(found) > 1 else _STATE_WORDS.get(found[0], found[0])

    first, second = one(title_abstract), one(full_text)
    return f"{first} → {second}" if second else first


class RecordTableModel(QAbstractTableModel):
    """Records matching a search, sorted, with their display values fetched lazily.

    Attributes:
        search: The full-text search typed by the user.
        run_id: Show only this search run's records, or all.
        sort_key: Key of :data:`cerdesk.storage.register.SORT_KEYS`.
        descending: Sort direction.
    """

    def __init__(self, project: Project, parent: Any = None) -> None:
        super().__init__(parent)
        self.project = project
        self.search = ""
        self.run_id: str | None = None
        self.sort_key = "id"
        self.descending = False
        self.hide_duplicates = False
        self.state: str | None = None
        self.years: tuple[int | None, int | None] = (None, None)
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, tuple[Any, ...]]] = OrderedDict()
        self.refresh()

    # -------------------------------------------------------------- queries
    def refresh(self) -> None:
        """Re-run the query (after an import, an undo, or a new search or sort)."""
        self.beginResetModel()
        self._ids = register.record_ids(
            self.project,
            search=self.search,
            run_id=self.run_id,
            sort=self.sort_key,
            descending=self.descending,
            hide_duplicates=self.hide_duplicates,
            state=self.state,
            years=self.years,
        )
        self._pages.clear()
        self.endResetModel()

    def reload_values(self) -> None:
        """Fetch the shown rows' values again (decisions changed), keeping the same rows."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1)
            )

    def filters_on_state(self) -> bool:
        """Tell whether the shown rows depend on screening decisions or notes."""
        return bool(self.state or self.search.strip())

    def set_filter(self, search: str, run_id: str | None) -> None:
        """Show the records matching ``search`` in ``run_id`` (``None``: every run)."""
        self.search, self.run_id = search, run_id
        self.refresh()

    def record_id(self, row: int) -> int:
        """Return the record id shown in ``row``."""
        return self._ids[row]

    def row_of(self, record_id: int) -> int:
        """Return the row showing ``record_id``, or -1."""
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def _values(self, row: int) -> tuple[Any, ...]:
        page = row // _PAGE
        cached = self._pages.get(page)
        if cached is None:
            ids = self._ids[page * _PAGE : (page + 1) * _PAGE]
            cached = register.record_rows(self.project, ids)
            self._pages[page] = cached
            while len(self._pages) > _CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return cached.get(self._ids[row], ())

    # -------------------------------------------------------------- Qt API
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == RECORD_ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 3):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role == Qt.ItemDataRole.FontRole:
                values = self._values(index.row())
                if values and values[9] is not None:
                    font = QFont()
                    font.setItalic(True)
                    return font
            if role == Qt.ItemDataRole.ForegroundRole:
                values = self._values(index.row())
                if values and values[9] is not None:
                    return QBrush(QColor(120, 120, 120))
            return None
        values = self._values(index.row())
        if not values:
            return None
        column = index.column()
        key = COLUMNS[column][1]
        if key == 7:
            text = f"{values[7]} · {values[8]}"
        elif key == 10:
            text = screening_text(values[10], values[11])
        else:
            value = values[key]
            text = "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if column in (1, 2, 4) and len(text) > 40 else None
        return text

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section][0]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][2] if 0 <= column < len(COLUMNS) else None
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()
