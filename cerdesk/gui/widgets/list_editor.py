"""Editor for a list entity: a table of its rows, buttons, and a form for the selected row.

The form of a selected row also holds the editors of its child lists (an objective's
acceptance criteria, an equivalent device's characteristics), so master-detail editing
works the same at every level.

Signals:
    changed(object): an operation ran; the payload is its ``Changes``.
    message(str): a status message for the window.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cerdesk.core.changes import Changes
from cerdesk.core.entities import EntitySpec, children_of, in_sentence
from cerdesk.core.errors import UserError
from cerdesk.core.fields import Kind
from cerdesk.gui.models.item_table import ID_ROLE, ItemTableModel
from cerdesk.gui.widgets.form_editor import FormEditor
from cerdesk.ops import plan
from cerdesk.storage.project import Project

_VISIBLE_ROWS = 6


class ListEditor(QWidget):
    """Rows of one list entity with add, delete, reorder and a detail form.

    Attributes:
        spec: The entity edited.
        parent_id: The owning row for child lists, else ``None``.
        model: The table model.
        view: The table view.
        form: The form of the selected row.
        child_editors: Editors of the selected row's child lists.
    """

    changed = Signal(object)
    message = Signal(str)

    def __init__(
        self,
        project: Project,
        spec: EntitySpec,
        *,
        parent_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.spec = spec
        self.parent_id = parent_id
        self.setObjectName(f"list_{spec.table}")
        self.model = ItemTableModel(spec, self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        title = QLabel(f"<b>{spec.plural}</b>")
        header.addWidget(title)
        header.addStretch(1)
        self.add_button = QPushButton(f"Add {in_sentence(spec.label)}")
        self.add_button.setObjectName(f"add_{spec.table}")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName(f"delete_{spec.table}")
        self.delete_button.setToolTip("Delete the selected row (Del). Undo brings it back.")
        self.up_button = QPushButton("Move up")
        self.up_button.setToolTip("Alt+Up")
        self.down_button = QPushButton("Move down")
        self.down_button.setToolTip("Alt+Down")
        for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
            header.addWidget(button)
        layout.addLayout(header)

        self.view = QTableView()
        self.view.setObjectName(f"table_{spec.table}")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        hheader = self.view.horizontalHeader()
        hheader.setStretchLastSection(True)
        hheader.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._fit_columns()
        row_height = self.view.verticalHeader().defaultSectionSize()
        self.view.setMinimumHeight(row_height * 3 + hheader.sizeHint().height() + 4)
        self.view.setMaximumHeight(row_height * _VISIBLE_ROWS + hheader.sizeHint().height() + 4)
        layout.addWidget(self.view)

        self.empty_label = QLabel(
            f"No {in_sentence(spec.plural)} yet. Click “Add {in_sentence(spec.label)}” to add one."
        )
        self.empty_label.setStyleSheet("font-style: italic;")
        layout.addWidget(self.empty_label)

        self.detail = QGroupBox()
        detail_layout = QVBoxLayout(self.detail)
        self.form = FormEditor(project, spec)
        self.form.changed.connect(self.changed)
        self.form.error.connect(self.message)
        detail_layout.addWidget(self.form)
        self.child_editors: list[ListEditor] = []
        for child in children_of(spec.table):
            editor = ListEditor(project, child, parent_id=None)
            editor.changed.connect(self.changed)
            editor.message.connect(self.message)
            detail_layout.addWidget(editor)
            self.child_editors.append(editor)
        layout.addWidget(self.detail)

        self.add_button.clicked.connect(self.add_row)
        self.delete_button.clicked.connect(self.delete_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(+1))
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        QShortcut(
            QKeySequence.StandardKey.Delete,
            self.view,
            self.delete_selected,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        QShortcut(
            QKeySequence("Alt+Up"),
            self.view,
            lambda: self.move_selected(-1),
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        QShortcut(
            QKeySequence("Alt+Down"),
            self.view,
            lambda: self.move_selected(+1),
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.reload()

    # ---------------------------------------------------------------- state
    @property
    def tables(self) -> set[str]:
        """Tables whose changes this editor shows (its own and its descendants')."""
        out = {self.spec.table}
        for child in self.child_editors:
            out |= child.tables
        return out

    def selected_id(self) -> str | None:
        """Id of the selected row, or ``None``."""
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def set_parent_id(self, parent_id: str | None) -> None:
        """Show the children of ``parent_id`` (child lists only)."""
        if parent_id != self.parent_id:
            self.parent_id = parent_id
            self.model.set_items([])
        self.reload()

    def reload(self) -> None:
        """Re-read the rows from the project, keeping the selection when possible."""
        selected = self.selected_id()
        if self.spec.parent and self.parent_id is None:
            items = []
        else:
            items = self.project.items(self.spec.table, self.parent_id)
        self.model.set_items(items)
        self.empty_label.setVisible(not items)
        self.view.setVisible(bool(items))
        if selected and self.model.row_of(selected) >= 0:
            self.select(selected)
        elif items and not selected:
            self.select(items[0].id)
        else:
            self._show_detail(self.selected_id())
        self._update_buttons()

    def apply_changes(self, changes: Changes) -> None:
        """Refresh if ``changes`` concern this list or its children."""
        if changes.touches(self.tables):
            self.reload()
            for child in self.child_editors:
                child.apply_changes(changes)

    def select(self, row_id: str) -> None:
        """Select the row ``row_id`` and show it in the form."""
        row = self.model.row_of(row_id)
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
        self._show_detail(row_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.form.commit_pending()
        self._show_detail(current.data(ID_ROLE) if current.isValid() else None)
        self._update_buttons()

    def _show_detail(self, row_id: str | None) -> None:
        self.detail.setVisible(row_id is not None)
        if row_id is not None:
            item = self.project.item(self.spec.table, row_id)
            name = item.get("code") or item.get("name") or f"{item.position + 1}"
            self.detail.setTitle(f"{self.spec.label} {name}")
        if self.form.row_id != row_id:
            self.form.show_row(row_id)
        else:
            self.form.reload()
        for child in self.child_editors:
            child.set_parent_id(row_id)

    def _update_buttons(self) -> None:
        read_only = self.project.read_only
        orphan = bool(self.spec.parent) and self.parent_id is None
        row = self.view.currentIndex().row() if self.selected_id() else -1
        self.add_button.setEnabled(not read_only and not orphan)
        self.delete_button.setEnabled(not read_only and row >= 0)
        self.up_button.setEnabled(not read_only and row > 0)
        self.down_button.setEnabled(not read_only and 0 <= row < self.model.rowCount() - 1)

    # ---------------------------------------------------------------- actions
    def _run(self, action: object) -> Changes | None:
        try:
            changes = action()  # type: ignore[operator]
        except UserError as err:
            self.message.emit(str(err))
            return None
        self.changed.emit(changes)
        return changes

    def _fit_columns(self) -> None:
        """Give each column room for its heading, long texts a wider start."""
        metrics = self.view.horizontalHeader().fontMetrics()
        fields = self.model.columns
        for column in range(self.model.columnCount() - 1):
            heading = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = metrics.horizontalAdvance(heading) + 28
            kind = fields[column].kind if column < len(fields) else Kind.TEXT
            if fields[column].name != "code" and kind in (Kind.TEXT, Kind.LONGTEXT):
                width = max(width, 240 if kind is Kind.LONGTEXT else 160)
            self.view.setColumnWidth(column, max(70, min(width, 260)))

    def add_row(self) -> None:
        """Add a row after the selected one (or at the end) and select it."""
        self.form.commit_pending()
        current = self.view.currentIndex()
        position = current.row() + 1 if current.isValid() else None
        changes = self._run(
            lambda: plan.add_item(
                self.project, self.spec.table, parent_id=self.parent_id, position=position
            )
        )
        if changes and changes.created_id:
            self.reload()
            self.select(changes.created_id)
            first = next(iter(self.form.editors.values()), None)
            if first is not None:
                first.widget.setFocus()

    def delete_selected(self) -> None:
        """Delete the selected row (undoable, so no confirmation)."""
        row_id = self.selected_id()
        if row_id is None or self.project.read_only:
            return
        row = self.view.currentIndex().row()
        changes = self._run(lambda: plan.delete_item(self.project, self.spec.table, row_id))
        if changes:
            self.message.emit(f"{changes.label}. Edit ▸ Undo brings it back.")
            self.reload()
            remaining = self.model.rowCount()
            if remaining:
                item = self.model.item_at(min(row, remaining - 1))
                if item is not None:
                    self.select(item.id)

    def move_selected(self, step: int) -> None:
        """Move the selected row up (-1) or down (+1)."""
        row_id = self.selected_id()
        if row_id is None or self.project.read_only:
            return
        target = self.view.currentIndex().row() + step
        if not 0 <= target < self.model.rowCount():
            return
        if self._run(lambda: plan.move_item(self.project, self.spec.table, row_id, target)):
            self.reload()
            self.select(row_id)

    def commit_pending(self) -> None:
        """Save text typed in this editor's forms but not yet saved."""
        self.form.commit_pending()
        for child in self.child_editors:
            child.commit_pending()

    def set_read_only(self, read_only: bool) -> None:
        """Allow or prevent editing."""
        self.form.set_read_only(read_only)
        for child in self.child_editors:
            child.set_read_only(read_only)
        self._update_buttons()
