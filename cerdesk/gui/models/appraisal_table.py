"""The appraisal grid: one row per source, one column per criterion, edited in place.

:class:`AppraisalTableModel` adapts :func:`cerdesk.storage.appraisal.sources` (read once per
reload, so a grid of thousands of sources scrolls without queries); every edit goes through
:mod:`cerdesk.ops.appraisal`. :class:`AppraisalFilterModel` filters by text and by state and
sorts by any column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from cerdesk.core.appraisal import (
    DEVICE_RELATIONS,
    IMDRF_N56,
    MDCG_RANKS,
    MEDDEV_A6,
    SOURCE_DESIGNS,
    WEIGHTS,
    Item,
    Suggestion,
    suggest_weight,
)
from cerdesk.core.changes import Changes
from cerdesk.core.errors import UserError
from cerdesk.core.fields import Choice
from cerdesk.ops import appraisal as ops
from cerdesk.storage import appraisal as reads
from cerdesk.storage.appraisal import SourceView
from cerdesk.storage.project import Project

Index = QModelIndex | QPersistentModelIndex

#: Role returning the row's source key.
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role returning a sortable value.
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
#: Role returning the cell's stored value (grade, choice value, rank…).
VALUE_ROLE = Qt.ItemDataRole.UserRole + 3

#: Tables whose changes can alter the grid's rows or values.
GRID_TABLES = frozenset(
    {
        "source",
        "appraisal_grade",
        "grade_label",
        "screening_decision",
        "study",
        "study_report",
        "record",
        "clinical_investigation",
        "pmcf_study",
        "registry_source",
        "pms_period",
    }
)

#: Soft backgrounds by grade level (1 best); text stays the palette's (dark) colour.
LEVEL_COLOURS = {1: QColor("#d8f0d2"), 2: QColor("#fbe8bf"), 3: QColor("#f6d0cc")}
WEIGHT_COLOURS = {
    "PIVOTAL": QColor("#cfe8d0"),
    "SUPPORTIVE": QColor("#d6e4f5"),
    "BACKGROUND": QColor("#ececec"),
    "NOT_USED": QColor("#f3dcdc"),
}
_GREY = QColor(128, 128, 128)
_BOOL_CHOICES = (Choice("YES", "Yes"), Choice("NO", "No"))


@dataclass(frozen=True)
class Column:
    """One column of the grid.

    Attributes:
        header: Heading shown.
        kind: ``code``, ``citation``, ``kind``, ``choice``, ``bool``, ``rank``, ``grade``,
            ``a6``, ``suggested`` or ``text``.
        target: The ops target edited (``("source", field)`` or ``(scheme, item)``).
        choices: The values offered by a choice column.
        width: Initial width in pixels.
        tip: Header tooltip.
    """

    header: str
    kind: str
    target: ops.Target | None = None
    choices: tuple[Choice, ...] = ()
    width: int = 60
    tip: str = ""

    @property
    def item(self) -> Item:
        """The appraisal item of a grade column."""
        assert self.target is not None
        return IMDRF_N56.item(self.target[1])


COLUMNS: tuple[Column, ...] = (
    Column("Source", "code", width=88, tip="The source's code"),
    Column("Citation", "citation", width=150, tip="First author and year; title as tooltip"),
    Column("Kind", "kind", width=72),
    Column(
        "Device used",
        "choice",
        ("source", "device_relation"),
        DEVICE_RELATIONS,
        104,
        "What device the data were generated with",
    ),
    Column(
        "Art. 2(48)",
        "bool",
        ("source", "clinical_data"),
        _BOOL_CHOICES,
        66,
        "Clinical data of the device under MDR Art. 2(48)? Type Y or N.",
    ),
    Column(
        "Rank",
        "rank",
        ("source", "mdcg_rank"),
        width=42,
        tip="MDCG 2020-6 Appendix III rank: 1 (high quality investigations) … 12 (bench)",
    ),
    Column("Design", "choice", ("source", "study_design"), SOURCE_DESIGNS, 112, "Study design"),
    *(
        Column(
            item.code,
            "grade",
            (IMDRF_N56.key, item.code),
            item.grades,
            31,
            f"{item.code} {item.title}: {item.question}",
        )
        for item in IMDRF_N56.items
    ),
    Column("A6", "a6", width=52, tip="MEDDEV 2.7/1 rev. 4 A6 deficiencies flagged (side pane)"),
    Column(
        "Suggested",
        "suggested",
        width=84,
        tip="Weight suggested by the rule (a suggestion only; the evaluator decides)",
    ),
    Column(
        "Weight",
        "choice",
        ("source", "weight"),
        WEIGHTS,
        84,
        "Relevance and weight set by the evaluator (never a sum of grades)",
    ),
    Column("Rationale", "text", ("source", "weight_rationale"), width=240, tip="Why this weight"),
)

#: Column numbers by header, for code and tests.
COL = {c.header: n for n, c in enumerate(COLUMNS)}
GRADE_COLUMNS = frozenset(n for n, c in enumerate(COLUMNS) if c.kind == "grade")
WEIGHT_LABELS = {c.value: c.label for c in WEIGHTS}
_SHORT_WEIGHT = {"BACKGROUND": "Background"}


def grade_level(grade: str | None) -> int | None:
    """Return 1, 2 or 3 for a grade such as "D1" or "T2", else None."""
    if grade and grade[-1] in "123":
        return int(grade[-1])
    return None


def a6_count(view: SourceView) -> int:
    """Return how many MEDDEV A6 deficiencies are flagged for ``view``."""
    return len(view.scheme_grades(MEDDEV_A6.key))


def suggestion_of(view: SourceView) -> Suggestion | None:
    """Return the weight suggested for ``view`` from its IMDRF grades and A6 flags."""
    return suggest_weight(
        view.scheme_grades(IMDRF_N56.key),
        a6_count(view),
        equivalence_shown=view.value("device_relation") == "EQUIVALENT",
    )


class AppraisalTableModel(QAbstractTableModel):
    """Every source of the appraisal with its grades and weight.

    Signals:
        changed(Changes): An edit was made through the grid.
        message(str): Why an edit was refused, or what it did.

    Attributes:
        project: The open project.
        views: The sources, in grid order.
        labels: The project's own grade labels, (scheme, grade) -> label.
    """

    changed = Signal(object)
    message = Signal(str)

    def __init__(self, project: Project, parent: Any = None) -> None:
        super().__init__(parent)
        self.project = project
        self.views: list[SourceView] = []
        self.labels: dict[tuple[str, str], str] = {}
        self._suggestions: dict[int, Suggestion | None] = {}
        self._sort_cache: dict[tuple[int, int], int | str] = {}
        self._rows: dict[str, int] = {}
        self.reload()

    # ----------------------------------------------------------------- reading
    def reload(self) -> None:
        """Read the sources again; keep the rows (and the view's place) when they are the same."""
        views = reads.sources(self.project)
        self.labels = reads.grade_labels(self.project)
        self._suggestions.clear()
        self._sort_cache.clear()
        if [v.key for v in views] == [v.key for v in self.views]:
            self.views = views
            if views:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(views) - 1, len(COLUMNS) - 1)
                )
            return
        self.beginResetModel()
        self.views = views
        self._rows = {v.key: n for n, v in enumerate(views)}
        self.endResetModel()

    def apply_changes(self, changes: Changes) -> None:
        """Reload when ``changes`` can alter the grid."""
        if changes.touches(GRID_TABLES):
            self.reload()

    def view_at(self, row: int) -> SourceView:
        """Return the source shown in ``row``."""
        return self.views[row]

    def row_of(self, key: str) -> int:
        """Return the row of source ``key``, or -1."""
        return self._rows.get(key, -1)

    def suggestion(self, row: int) -> Suggestion | None:
        """Return the weight suggested for the source in ``row`` (cached until reload)."""
        if row not in self._suggestions:
            self._suggestions[row] = suggestion_of(self.views[row])
        return self._suggestions[row]

    def unappraised(self) -> list[SourceView]:
        """Return the included sources without a weight."""
        return [v for v in self.views if v.included and not v.value("weight")]

    def grade_text(self, grade: str) -> str:
        """Return how a grade is shown: the project's label where set, else the grade."""
        return self.labels.get((IMDRF_N56.key, grade), grade)

    def value(self, row: int, column: int) -> Any:
        """Return the stored value of a cell (None while empty)."""
        col = COLUMNS[column]
        view = self.views[row]
        if col.target is None:
            return None
        owner, name = col.target
        if owner == "source":
            return view.value(name)
        return view.grade(owner, name)

    def _text(self, row: int, column: int) -> str:
        col = COLUMNS[column]
        view = self.views[row]
        if col.kind == "code":
            return view.code
        if col.kind == "citation":
            return view.citation
        if col.kind == "kind":
            return reads.KIND_LABELS.get(view.kind, view.kind)
        if col.kind == "a6":
            count = a6_count(view)
            return "" if not count else f"{count} flag{'s' if count > 1 else ''}"
        if col.kind == "suggested":
            suggestion = self.suggestion(row)
            if suggestion is None:
                return ""
            return _SHORT_WEIGHT.get(suggestion.weight, WEIGHT_LABELS[suggestion.weight])
        value = self.value(row, column)
        if value is None:
            return ""
        if col.kind == "grade":
            return self.grade_text(str(value))
        if col.kind == "bool":
            return "Yes" if value else "No"
        if col.kind == "choice":
            if col.target == ("source", "weight"):
                return _SHORT_WEIGHT.get(value, WEIGHT_LABELS.get(value, str(value)))
            return next((c.label for c in col.choices if c.value == value), str(value))
        return str(value)

    def _tooltip(self, row: int, column: int) -> str | None:
        col = COLUMNS[column]
        view = self.views[row]
        if not view.included:
            return (
                f"{view.code} is no longer included in the review; what was entered for it is kept."
            )
        if col.kind == "citation":
            return view.title
        if col.kind == "grade":
            grade = self.value(row, column)
            if grade is None:
                return f"{col.tip}\nType 1, 2 or 3 (or the grade); Enter lists the grades."
            choice = col.item.grade(grade)
            own = self.labels.get((IMDRF_N56.key, grade))
            text = choice.label if choice else grade
            justification = view.justification(*col.target) if col.target else None
            return "\n".join(
                t for t in (text + (f" ({own})" if own else ""), justification or "") if t
            )
        if col.kind == "rank":
            rank = self.value(row, column)
            return f"{rank}: {MDCG_RANKS[rank]}" if rank in MDCG_RANKS else col.tip
        if col.kind == "suggested":
            suggestion = self.suggestion(row)
            return suggestion.text if suggestion else "Grade D, A, P and R to get a suggestion."
        if col.kind == "a6":
            flagged = view.scheme_grades(MEDDEV_A6.key)
            return (
                "\n".join(f"{c} {MEDDEV_A6.item(c).title}" for c in flagged)
                or "No A6 deficiency flagged"
            )
        if col.kind == "text":
            return str(self.value(row, column) or "") or None
        return None

    def _sort_value(self, row: int, column: int) -> int | str:
        """Return an int or a string (Qt compares those natively); empty cells sort last."""
        cached = self._sort_cache.get((row, column))
        if cached is not None:
            return cached
        col = COLUMNS[column]
        value: int | str
        if col.kind == "rank":
            rank = self.value(row, column)
            value = rank if rank is not None else 99
        elif col.kind == "a6":
            value = a6_count(self.views[row])
        elif col.kind == "code":
            view = self.views[row]
            number = view.code.rsplit("-", 1)[-1]
            literature = "0" if view.kind in ("record", "study") else "1"
            value = f"{literature}{int(number) if number.isdigit() else 0:09d}{view.code}"
        elif col.kind == "choice" and col.choices:
            chosen = self.value(row, column)
            order = [c.value for c in col.choices]
            value = order.index(chosen) if chosen in order else len(order)
        else:
            value = self._text(row, column).lower() or "\uffff"
        self._sort_cache[(row, column)] = value
        return value

    # ------------------------------------------------------------------ Qt API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.views)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.views):
            return None
        row, column = index.row(), index.column()
        col = COLUMNS[column]
        view = self.views[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column)
        if role == KEY_ROLE:
            return view.key
        if role == VALUE_ROLE:
            return self.value(row, column)
        if role == SORT_ROLE:
            return self._sort_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if col.kind == "grade":
                level = grade_level(self.value(row, column))
                return QBrush(LEVEL_COLOURS[level]) if level else None
            if col.target == ("source", "weight"):
                colour = WEIGHT_COLOURS.get(self.value(row, column) or "")
                return QBrush(colour) if colour else None
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if not view.included or col.kind == "suggested":
                return QBrush(_GREY)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col.kind in ("grade", "rank", "bool"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].header
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section].tip or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if COLUMNS[index.column()].target is not None and not self.project.read_only:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Write a cell through :func:`cerdesk.ops.appraisal.set_value` (None clears it)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        col = COLUMNS[index.column()]
        if col.target is None:
            return False
        view = self.views[index.row()]
        value = None if value == "" else value
        if value == self.value(index.row(), index.column()):
            return True  # nothing to change: no empty undo step
        return self.edit([view.key], col.target, value)

    # --------------------------------------------------------------- operations
    def edit(self, keys: list[str], target: ops.Target, value: Any) -> bool:
        """Set ``target`` of ``keys`` to ``value`` (one undo step); False if refused."""
        # Typed text ("yes", "3") is converted by the field's own validation in ops.
        try:
            if len(keys) == 1:
                changes = ops.set_value(self.project, keys[0], target, value)
            else:
                changes = ops.set_values(self.project, keys, target, value)
        except UserError as err:
            self.message.emit(str(err))
            return False
        self._emit(changes)
        return True

    def fill_down(self, keys: list[str], targets: Iterable[ops.Target]) -> bool:
        """Copy the first source's values of ``targets`` to the other ``keys``."""
        return self._run(lambda: ops.fill_down(self.project, keys, list(targets)))

    def copy_appraisal(self, from_key: str, to_keys: list[str]) -> bool:
        """Copy a source's whole appraisal to ``to_keys``."""
        return self._run(lambda: ops.copy_appraisal(self.project, from_key, to_keys))

    def _run(self, action: Any) -> bool:
        try:
            changes = action()
        except UserError as err:
            self.message.emit(str(err))
            return False
        self._emit(changes)
        if changes.label:
            self.message.emit(changes.label)
        return True

    def _emit(self, changes: Changes) -> None:
        if changes.empty:
            return
        self.changed.emit(changes)


#: The state filter's entries: (label, key).
STATE_FILTERS = (
    ("All sources", None),
    ("Not yet appraised", "UNAPPRAISED"),
    ("Pivotal", "PIVOTAL"),
    ("Supportive", "SUPPORTIVE"),
    ("Background", "BACKGROUND"),
    ("Not used", "NOT_USED"),
    ("No longer included", "EXCLUDED"),
)


class AppraisalFilterModel(QSortFilterProxyModel):
    """Filters the grid by text (code, citation, title) and state; sorts by any column.

    Attributes:
        text: The words every shown row contains (case-insensitive).
        state: A key of :data:`STATE_FILTERS`, or None for all.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.state: str | None = None
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(False)

    def set_filter(self, text: str, state: str | None) -> None:
        """Show the rows matching ``text`` and ``state``."""
        if not hasattr(self, "beginFilterChange"):  # Qt < 6.9
            self.text, self.state = text.strip().lower(), state
            self.invalidateFilter()
            return
        # Qt 6.9 deprecates invalidateFilter() for this pair.
        self.beginFilterChange()
        self.text, self.state = text.strip().lower(), state
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, AppraisalTableModel):
            return True
        view = model.view_at(source_row)
        if self.state == "EXCLUDED":
            if view.included:
                return False
        elif self.state == "UNAPPRAISED":
            if not view.included or view.value("weight"):
                return False
        elif self.state is not None and view.value("weight") != self.state:
            return False
        if self.text:
            haystack = f"{view.code} {view.citation} {view.title}".lower()
            return all(word in haystack for word in self.text.split())
        return True
