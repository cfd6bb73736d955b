"""Data extraction for the selected source: its results per endpoint of the plan.

Each row is one result for one acceptance criterion (events and n for proportions, events
and exposure for rates, mean/SD/n for continuous outcomes) with where in the source the
numbers are. Cells are edited in place; Add and Delete are operations (undoable).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cerdesk.core.changes import Changes
from cerdesk.core.errors import UserError
from cerdesk.gui.models.outcome_table import COLUMNS, VALUE_ROLE, OutcomeTableModel
from cerdesk.ops import appraisal as ops
from cerdesk.storage.appraisal import SourceView
from cerdesk.storage.project import Project

Index = QModelIndex | QPersistentModelIndex


class EndpointDelegate(QStyledItemDelegate):
    """A drop-down of the plan's acceptance criteria for the Endpoint column."""

    def __init__(self, model: OutcomeTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.outcomes = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if COLUMNS[index.column()][0] != "acceptance_criterion_id":
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for criterion_id, label in self.outcomes.criteria.items():
            combo.addItem(label, criterion_id)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(VALUE_ROLE)), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)


class ExtractionBox(QWidget):
    """The extracted results of one source, with Add Result and Delete.

    Signals:
        changed(Changes): An edit was made here.
        message(str): Why an edit was refused.
    """

    changed = Signal(object)
    message = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.view_shown: SourceView | None = None
        self.setObjectName("appraisal_extraction")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        bar = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("extraction_heading")
        bar.addWidget(self.heading, 1)
        self.criterion = QComboBox()
        self.criterion.setObjectName("extraction_criterion")
        self.criterion.setToolTip("The endpoint (acceptance criterion of the plan) of a new result")
        self.criterion.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.criterion.setMinimumContentsLength(28)
        bar.addWidget(self.criterion)
        self.add_button = QPushButton("Add Result")
        self.add_button.setObjectName("extraction_add")
        self.add_button.clicked.connect(lambda: self.add_result())
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("extraction_delete")
        self.delete_button.clicked.connect(self.delete_result)
        bar.addWidget(self.add_button)
        bar.addWidget(self.delete_button)
        layout.addLayout(bar)
        self.model = OutcomeTableModel(project, self)
        self.model.changed.connect(self.changed)
        self.model.message.connect(self.message)
        self.table = QTableView()
        self.table.setObjectName("extraction_view")
        self.table.setModel(self.model)
        self.table.setItemDelegate(EndpointDelegate(self.model, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((300, 110, 60, 60, 110, 90, 60, 100, 100, 90)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)
        self.fill_criteria()
        self.show_source(None)

    def fill_criteria(self) -> None:
        """List the plan's acceptance criteria for new results."""
        current = self.criterion.currentData()
        self.criterion.clear()
        for criterion_id, label in self.model.criteria.items():
            self.criterion.addItem(label, criterion_id)
            self.criterion.setItemData(
                self.criterion.count() - 1, label, Qt.ItemDataRole.ToolTipRole
            )
        self.criterion.setCurrentIndex(max(self.criterion.findData(current), 0))

    def show_source(self, view: SourceView | None) -> None:
        """Show the results of ``view`` (None: nothing selected)."""
        same = (
            view is not None
            and self.view_shown is not None
            and view.key == self.view_shown.key
            and view.source_id == self.model.source_id
        )
        self.view_shown = view
        if not same:
            self.model.show_source(view.key if view else None, view.source_id if view else None)
        writable = view is not None and not self.project.read_only
        self.add_button.setEnabled(writable and self.criterion.count() > 0)
        self.delete_button.setEnabled(writable and self.model.rowCount() > 0)
        if view is None:
            self.heading.setText("<b>Extracted results</b> <i>— select a source</i>")
        else:
            count = self.model.rowCount()
            self.heading.setText(
                f"<b>Extracted results of {view.code}</b> ({count})"
                if count
                else f"<b>Extracted results of {view.code}</b> — none yet: choose the endpoint "
                "and Add Result"
            )

    def apply_changes(self, changes: Changes) -> None:
        """Follow edits of results and of the plan's criteria."""
        if changes.touches(("acceptance_criterion", "objective")):
            self.model.reload()
            self.fill_criteria()
        elif changes.touches(("extracted_outcome",)):
            self.model.reload()
        self.show_source(self.view_shown)

    def add_result(self, criterion_id: str | None = None) -> str | None:
        """Add a result of the shown source for ``criterion_id`` (default: the chosen one)."""
        view = self.view_shown
        criterion_id = criterion_id or self.criterion.currentData()
        if view is None:
            return None
        try:
            changes = ops.add_outcome(self.project, view.key, criterion_id)
        except UserError as err:
            self.message.emit(str(err))
            return None
        self.changed.emit(changes)
        row = self.model.row_of(changes.created_id or "")
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 1))
            self.table.setFocus()
        return changes.created_id

    def delete_result(self) -> None:
        """Delete the current result (undoable)."""
        index = self.table.currentIndex()
        if not index.isValid():
            self.message.emit("Select the result to delete.")
            return
        outcome_id = self.model.outcome_id(index.row())
        try:
            changes = ops.delete_outcome(self.project, outcome_id)
        except UserError as err:
            self.message.emit(str(err))
            return
        self.changed.emit(changes)
