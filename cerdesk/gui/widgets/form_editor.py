"""A form editing every field of one row, saving each change as its own operation.

Signals:
    changed(object): an operation ran; the payload is its ``Changes``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from cerdesk.core.entities import EntitySpec
from cerdesk.core.errors import UserError
from cerdesk.core.fields import Kind
from cerdesk.gui.widgets.field_editors import FieldEditor, make_editor
from cerdesk.ops import plan
from cerdesk.storage.project import Project


class FormEditor(QWidget):
    """Labelled editors for the fields of one row of ``spec``.

    Attributes:
        spec: The entity edited.
        row_id: The row shown, or ``None`` when the form is empty.
        editors: Field name -> editor.
    """

    changed = Signal(object)
    error = Signal(str)

    def __init__(
        self,
        project: Project,
        spec: EntitySpec,
        *,
        skip: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.spec = spec
        self.row_id: str | None = None
        self.editors: dict[str, FieldEditor] = {}
        self.setObjectName(f"form_{spec.table}")
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        layout.setLabelAlignment(layout.labelAlignment())
        for field in spec.fields:
            if field.name in skip:
                continue
            editor = make_editor(field)
            editor.edited.connect(lambda value, name=field.name: self._save(name, value))
            text = field.label + (" *" if field.required else "")
            label = QLabel(text)
            label.setToolTip(field.help)
            label.setBuddy(editor.widget)
            label.setWordWrap(True)
            label.setMinimumWidth(150)
            label.setMaximumWidth(230)
            if field.kind in (Kind.LONGTEXT, Kind.LIST, Kind.MULTICHOICE):
                label.setContentsMargins(0, 4, 0, 0)
            layout.addRow(label, editor.widget)
            self.editors[field.name] = editor
        self.set_read_only(project.read_only)

    def show_row(self, row_id: str | None) -> None:
        """Show the values of ``row_id`` (or clear and disable the form for ``None``)."""
        self.row_id = row_id
        self.reload()

    def reload(self) -> None:
        """Re-read the shown row from the project (after an undo, say)."""
        if self.row_id is None:
            for editor in self.editors.values():
                editor.set_value(editor.field.empty_value())
            self.setEnabled(False)
            return
        try:
            item = self.project.item(self.spec.table, self.row_id)
        except UserError:
            self.show_row(None)
            return
        self.setEnabled(True)
        for name, editor in self.editors.items():
            editor.set_value(item.get(name))

    def _save(self, name: str, value: object) -> None:
        if self.row_id is None or self.project.read_only:
            return
        editor = self.editors[name]
        try:
            changes = plan.set_field(self.project, self.spec.table, self.row_id, name, value)
        except UserError as err:
            editor.set_error(str(err))
            self.error.emit(str(err))
            return
        editor.set_error("")
        if not changes.empty:
            self.changed.emit(changes)

    def commit_pending(self) -> None:
        """Save text typed but not yet saved (before undo, closing, switching rows)."""
        for editor in self.editors.values():
            if getattr(editor, "dirty", False):
                editor.commit()
            elif editor.widget.hasFocus() and hasattr(editor, "edit"):
                edit = editor.edit
                if hasattr(edit, "isModified") and edit.isModified():
                    edit.setModified(False)
                    editor.commit()

    def set_read_only(self, read_only: bool) -> None:
        """Allow or prevent editing of every field."""
        for editor in self.editors.values():
            editor.set_read_only(read_only)

    def focus_field(self, name: str) -> None:
        """Put the keyboard focus on field ``name`` if it is in this form."""
        editor = self.editors.get(name)
        if editor is not None:
            editor.widget.setFocus()
