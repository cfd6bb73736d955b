"""The extracted results of one source, edited in place through :mod:`cerdesk.ops.appraisal`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from cerdesk.core.changes import Changes
from cerdesk.core.entities import entity
from cerdesk.core.errors import UserError
from cerdesk.core.fields import Field, Kind
from cerdesk.ops import appraisal as ops
from cerdesk.storage import appraisal as reads
from cerdesk.storage.project import Project

Index = QModelIndex | QPersistentModelIndex

#: Role returning the row's outcome id.
OUTCOME_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role returning the stored value of a cell (the criterion id for the endpoint).
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2

_SPEC = entity("extracted_outcome")

#: (field name, heading) of the columns.
COLUMNS = (
    ("acceptance_criterion_id", "Endpoint"),
    ("subgroup", "Subgroup / arm"),
    ("events", "Events"),
    ("total", "n"),
    ("exposure", "Patient-years"),
    ("mean", "Mean / value"),
    ("sd", "SD"),
    ("timepoint", "Timepoint"),
    ("page_ref", "Page / table"),
    ("verified_by", "Verified by"),
)

#: Tables whose changes the extraction shows.
OUTCOME_TABLES = frozenset({"extracted_outcome", "source", "acceptance_criterion", "objective"})


def criterion_labels(project: Project) -> dict[str, str]:
    """Return criterion id -> "AC-07 · OBJ-P-02 · Median ≤ 12 weeks", in plan order."""
    metric = {c.value: c.label for c in entity("acceptance_criterion").field("metric").choices}
    operator = {
        c.value: c.label.split(" ")[0] if c.value != "NON_INFERIOR" else "non-inferior"
        for c in entity("acceptance_criterion").field("operator").choices
    }
    objectives = {o.id: (o.get("code") or "") for o in project.items("objective")}
    order = list(objectives)
    items = sorted(
        project.items("acceptance_criterion"),
        key=lambda c: (order.index(c.parent_id) if c.parent_id in order else 0, c.position),
    )
    labels = {}
    for item in items:
        threshold = item.get("threshold")
        number = "" if threshold is None else f"{threshold:g}"
        unit = item.get("unit") or ""
        rule = " ".join(
            part
            for part in (
                metric.get(item.get("metric"), ""),
                operator.get(item.get("operator"), ""),
                number + (f" {unit}" if unit and unit != "%" else unit),
            )
            if part
        )
        parts = [item.get("code") or "AC-?", objectives.get(item.parent_id or "", ""), rule]
        labels[item.id] = " · ".join(p for p in parts if p)
    return labels


def _cell_text(field: Field, value: Any) -> str:
    if value is None:
        return ""
    if field.kind is Kind.REAL:
        return f"{value:g}"
    return field.to_text(value)


class OutcomeTableModel(QAbstractTableModel):
    """The results extracted from the shown source, one row each.

    Signals:
        changed(Changes): An edit was made here.
        message(str): Why an edit was refused.

    Attributes:
        key: The source shown (None: no source).
        criteria: Criterion id -> label, from the plan.
    """

    changed = Signal(object)
    message = Signal(str)

    def __init__(self, project: Project, parent: Any = None) -> None:
        super().__init__(parent)
        self.project = project
        self.key: str | None = None
        self.source_id: str | None = None
        self.criteria: dict[str, str] = {}
        self._rows: list[dict[str, Any]] = []
        self.reload()

    def show_source(self, key: str | None, source_id: str | None) -> None:
        """Show the results of source ``key`` (stored as ``source_id``, None if not yet)."""
        self.key, self.source_id = key, source_id
        self.reload()

    def reload(self) -> None:
        """Read the results and the plan's criteria again (in place when the rows are the same)."""
        self.criteria = criterion_labels(self.project)
        rows = reads.outcomes_of(self.project, self.source_id) if self.source_id else []
        if rows and [r["id"] for r in rows] == [r["id"] for r in self._rows]:
            self._rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def apply_changes(self, changes: Changes) -> None:
        """Reload when ``changes`` concern extracted results or the plan's criteria."""
        if changes.touches(OUTCOME_TABLES):
            self.reload()

    def outcome_id(self, row: int) -> str:
        """Return the id of the result in ``row``."""
        return str(self._rows[row]["id"])

    def row_of(self, outcome_id: str) -> int:
        """Return the row of a result, or -1."""
        return next((n for n, r in enumerate(self._rows) if r["id"] == outcome_id), -1)

    # ------------------------------------------------------------------ Qt API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        name = COLUMNS[index.column()][0]
        row = self._rows[index.row()]
        value = row.get(name)
        if role == OUTCOME_ID_ROLE:
            return row["id"]
        if role == VALUE_ROLE:
            return value
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if name == "acceptance_criterion_id":
                return self.criteria.get(value, "(criterion deleted)")
            return _cell_text(_SPEC.field(name), value)
        if role == Qt.ItemDataRole.ToolTipRole:
            if name == "acceptance_criterion_id":
                return self.criteria.get(value)
            return _SPEC.field(name).help or None
        if role == Qt.ItemDataRole.TextAlignmentRole and _SPEC.field(name).kind in (
            Kind.INT,
            Kind.REAL,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _SPEC.field(COLUMNS[section][0]).label
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base if self.project.read_only else base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Save a cell through :func:`cerdesk.ops.appraisal.set_outcome`."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        name = COLUMNS[index.column()][0]
        row = self._rows[index.row()]
        if isinstance(value, str) and name != "acceptance_criterion_id":
            value = value.strip() or None
        try:
            if _SPEC.field(name).validate(value) == row.get(name):
                return True
            changes = ops.set_outcome(self.project, str(row["id"]), {name: value})
        except UserError as err:
            self.message.emit(str(err))
            return False
        if not changes.empty:
            self.changed.emit(changes)
        return True
