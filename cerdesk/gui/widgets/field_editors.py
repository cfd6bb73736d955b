"""One editor widget per field kind, all with the same small interface.

Each :class:`FieldEditor` shows a typed value, and emits ``edited(value)`` when the user
has finished changing it (left the field, picked a choice, or paused while typing long
text). Editors never touch the project: the form around them calls the operation.

Signals:
    edited(object): the user changed the value; the payload is what they entered.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from cerdesk.core.errors import UserError
from cerdesk.core.fields import Field, Kind

#: Pause after typing in a long text before it is saved (crash safety while typing).
TYPING_PAUSE_MS = 1500

_ERROR_STYLE = "border: 2px solid #c0392b; border-radius: 3px;"


class FieldEditor(QObject):
    """Base class: wraps a widget editing one field.

    Attributes:
        field: The field edited.
        widget: The Qt widget placed in the form.
    """

    edited = Signal(object)

    def __init__(self, field: Field, widget: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.widget = widget
        self._loading = False
        widget.setObjectName(f"field_{field.name}")
        tip = field.help or ""
        widget.setToolTip(tip)
        widget.setAccessibleName(field.label)

    def set_value(self, value: Any) -> None:
        """Show ``value`` without emitting ``edited``; keeps the cursor if unchanged."""
        self.set_error("")
        try:
            if self.field.validate(self.value()) == value:
                return  # same value: keep what the user typed, cursor and all
        except UserError:
            pass
        self._loading = True
        try:
            self._show(value)
        finally:
            self._loading = False

    def _show(self, value: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def value(self) -> Any:
        """Return what the widget currently shows, as the user entered it."""
        raise NotImplementedError  # pragma: no cover

    def commit(self) -> None:
        """Emit ``edited`` with the current value (used before undo and on close)."""
        if not self._loading:
            self.edited.emit(self.value())

    def set_error(self, message: str) -> None:
        """Mark the widget invalid with ``message`` as tooltip, or clear the mark."""
        self.widget.setStyleSheet(_ERROR_STYLE if message else "")
        self.widget.setToolTip(message or self.field.help)

    def set_read_only(self, read_only: bool) -> None:
        """Allow or prevent editing."""
        self.widget.setEnabled(not read_only)


class _LineEditor(FieldEditor):
    def __init__(self, field: Field) -> None:
        edit = QLineEdit()
        super().__init__(field, edit)
        self.edit = edit
        if field.kind is Kind.DATE:
            edit.setPlaceholderText("YYYY-MM-DD")
            edit.setMaximumWidth(140)
        elif field.kind in (Kind.INT, Kind.REAL):
            edit.setMaximumWidth(140)
        edit.editingFinished.connect(self._finished)

    def _finished(self) -> None:
        if self.edit.isModified():
            self.edit.setModified(False)
            self.commit()

    def _show(self, value: Any) -> None:
        text = "" if value is None else self.field.to_text(value)
        if self.field.kind is Kind.REAL and value is not None:
            text = repr(value).removesuffix(".0") if float(value).is_integer() else repr(value)
        if self.edit.text() != text:
            self.edit.setText(text)
        self.edit.setModified(False)

    def value(self) -> Any:
        return self.edit.text()

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


#: Most lines a long-text box grows to before it scrolls.
MAX_LINES = 14


class _PlainText(QPlainTextEdit):
    """A plain text edit that reports losing focus; Tab moves focus instead of indenting."""

    focus_lost = Signal()
    width_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)

    def wrapped_lines(self) -> int:
        """Return how many lines the text takes at the current width, wrapped at words."""
        width = self.viewport().width() - 2 * int(self.document().documentMargin())
        if width <= 0:
            return 0
        metrics = self.fontMetrics()
        flags = Qt.TextFlag.TextWordWrap
        total = 0
        for paragraph in self.toPlainText().split("\n"):
            rect = metrics.boundingRect(QRect(0, 0, width, 1_000_000), int(flags), paragraph or " ")
            total += max(1, round(rect.height() / metrics.lineSpacing()))
        return total

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.width_changed.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()


class _TextEditor(FieldEditor):
    """Long text and one-per-line lists: saved on leaving the field or after a pause."""

    def __init__(self, field: Field) -> None:
        edit = _PlainText()
        super().__init__(field, edit)
        self.edit = edit
        self._min_lines = 2 if field.kind is Kind.LIST else 4
        self._fit_height()
        # Grow with the text (up to MAX_LINES) so that a page reads without inner scrolling.
        edit.textChanged.connect(self._fit_height)
        edit.width_changed.connect(self._fit_height)
        if field.kind is Kind.LIST:
            edit.setPlaceholderText("One per line")
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self._save_if_dirty)
        edit.textChanged.connect(self._typed)
        edit.focus_lost.connect(self._save_if_dirty)

    def _fit_height(self) -> None:
        shown = max(self._min_lines, min(self.edit.wrapped_lines(), MAX_LINES))
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * shown + 12)

    def _typed(self) -> None:
        if not self._loading:
            self._dirty = True
            self._timer.start()

    def _save_if_dirty(self) -> None:
        self._timer.stop()
        if self._dirty:
            self._dirty = False
            self.commit()

    def commit(self) -> None:
        self._dirty = False
        self._timer.stop()
        super().commit()

    def _show(self, value: Any) -> None:
        text = "\n".join(value or ()) if self.field.kind is Kind.LIST else (value or "")
        if self.edit.toPlainText() != text:
            self.edit.setPlainText(text)
        self._dirty = False

    def value(self) -> Any:
        return self.edit.toPlainText()

    @property
    def dirty(self) -> bool:
        """True if typed text has not been saved yet."""
        return self._dirty

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class _ChoiceEditor(FieldEditor):
    """CHOICE and BOOL fields: a drop-down with an explicit "not answered" entry."""

    def __init__(self, field: Field) -> None:
        combo = QComboBox()
        super().__init__(field, combo)
        self.combo = combo
        combo.addItem("—", None)
        if field.kind is Kind.BOOL:
            combo.addItem("Yes", True)
            combo.addItem("No", False)
        else:
            for choice in field.choices:
                combo.addItem(choice.label, choice.value)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.activated.connect(lambda _index: self.commit())
        combo.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A drop-down must not change when the page is scrolled over it.
        if event.type() == QEvent.Type.Wheel and not self.combo.hasFocus():
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def _show(self, value: Any) -> None:
        index = self.combo.findData(value)
        if index < 0 and value is not None:
            # A value this version does not know: show it rather than lose it.
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))

    def value(self) -> Any:
        return self.combo.currentData()


class _MultiChoiceEditor(FieldEditor):
    def __init__(self, field: Field) -> None:
        box = QWidget()
        super().__init__(field, box)
        layout = QGridLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QCheckBox] = []
        # Two columns save height, unless long labels would make the form scroll sideways.
        longest = max((len(c.label) for c in field.choices), default=0)
        columns = 2 if len(field.choices) > 3 and longest <= 40 else 1
        for index, choice in enumerate(field.choices):
            check = QCheckBox(choice.label)
            check.setProperty("choice", choice.value)
            check.setObjectName(f"field_{field.name}_{choice.value}")
            check.toggled.connect(lambda _on: self.commit())
            layout.addWidget(check, index // columns, index % columns)
            self.boxes.append(check)

    def _show(self, value: Any) -> None:
        chosen = set(value or ())
        for check in self.boxes:
            check.setChecked(check.property("choice") in chosen)

    def value(self) -> Any:
        return [c.property("choice") for c in self.boxes if c.isChecked()]


def make_editor(field: Field) -> FieldEditor:
    """Return the editor suited to ``field``'s kind."""
    kind = field.kind
    if kind in (Kind.TEXT, Kind.INT, Kind.REAL, Kind.DATE):
        return _LineEditor(field)
    if kind in (Kind.LONGTEXT, Kind.LIST):
        return _TextEditor(field)
    if kind in (Kind.CHOICE, Kind.BOOL):
        return _ChoiceEditor(field)
    if kind is Kind.MULTICHOICE:
        return _MultiChoiceEditor(field)
    raise AssertionError(kind)  # pragma: no cover
