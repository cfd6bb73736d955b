"""The pane beside the grid: the selected source in full, its justifications and fields.

Shows the citation, the abstract (for a study, its reports), a button opening the stored
full text, the weight suggestion with its reasons, one justification per IMDRF item, the
seven MEDDEV A6 flags with their findings, and the source fields the grid has no room for.
Every edit is one operation; text is saved when the field is left.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cerdesk.core.appraisal import IMDRF_N56, MDCG_RANKS, MEDDEV_A6, Suggestion
from cerdesk.core.entities import entity
from cerdesk.core.errors import UserError
from cerdesk.gui.widgets.field_editors import FieldEditor, make_editor
from cerdesk.ops import appraisal as ops
from cerdesk.storage import register
from cerdesk.storage.appraisal import SourceView
from cerdesk.storage.project import Project

#: Source fields edited here rather than in the grid.
PANE_FIELDS = (
    "weight_rationale",
    "usable_for",
    "country",
    "n_patients",
    "n_devices",
    "follow_up",
    "population",
    "notes",
)


class _Justification(QLineEdit):
    """A line edit saved when left, that does not overwrite what the user is typing."""

    def show_text(self, text: str | None) -> None:
        if self.hasFocus() and self.isModified():
            return
        if self.text() != (text or ""):
            self.setText(text or "")
            self.setCursorPosition(0)  # show the start of a long justification
        self.setModified(False)


class SourcePane(QWidget):
    """Everything about the source of the grid's current row.

    Signals:
        changed(Changes): An edit was made here.
        message(str): Why an edit was refused.

    Attributes:
        view: The source shown, or None.
    """

    changed = Signal(object)
    message = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.view: SourceView | None = None
        self.setObjectName("appraisal_source_pane")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 4)
        self.heading = QLabel()
        self.heading.setObjectName("appraisal_source_heading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        self.detail = QTextBrowser()
        self.detail.setObjectName("appraisal_source_detail")
        self.detail.setOpenLinks(False)
        self.detail.setMinimumHeight(180)
        layout.addWidget(self.detail, 2)
        bar = QHBoxLayout()
        self.full_text_label = QLabel()
        self.full_text_label.setObjectName("appraisal_full_text_label")
        self.full_text_label.setWordWrap(True)
        self.open_button = QPushButton("Open Full Text")
        self.open_button.setObjectName("appraisal_open_full_text")
        self.open_button.setToolTip("Open the stored PDF in your PDF reader")
        self.open_button.clicked.connect(self.open_full_text)
        bar.addWidget(self.full_text_label, 1)
        bar.addWidget(self.open_button)
        layout.addLayout(bar)
        self.suggestion = QLabel()
        self.suggestion.setObjectName("appraisal_suggestion")
        self.suggestion.setWordWrap(True)
        self.suggestion.setStyleSheet(
            "background: #eef3f8; border: 1px solid #c9d6e3; border-radius: 3px; padding: 4px;"
        )
        layout.addWidget(self.suggestion)

        grades_box = QGroupBox("Why each grade (IMDRF N56 Appendix F)")
        grades_form = QFormLayout(grades_box)
        grades_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.justifications: dict[str, _Justification] = {}
        self.grade_labels: dict[str, QLabel] = {}
        for item in IMDRF_N56.items:
            edit = _Justification()
            edit.setObjectName(f"justify_{item.code}")
            edit.setPlaceholderText(item.title)
            edit.setToolTip(item.question)
            edit.editingFinished.connect(lambda code=item.code: self._save_justification(code))
            label = QLabel(item.code)
            label.setToolTip(f"{item.title}: {item.question}")
            label.setMinimumWidth(56)
            self.grade_labels[item.code] = label
            grades_form.addRow(label, edit)
            self.justifications[item.code] = edit
        layout.addWidget(grades_box)

        a6_box = QGroupBox("MEDDEV 2.7/1 rev. 4 A6 deficiencies")
        a6_grid = QGridLayout(a6_box)
        a6_grid.setColumnStretch(1, 1)
        self.flags: dict[str, QCheckBox] = {}
        self.findings: dict[str, _Justification] = {}
        for row, item in enumerate(MEDDEV_A6.items):
            check = QCheckBox(f"{item.code[-1]}.")
            check.setObjectName(f"flag_{item.code}")
            check.setToolTip(item.question)
            check.setAccessibleName(item.title)
            check.clicked.connect(lambda on, code=item.code: self._save_flag(code, on))
            title = QLabel(item.title)
            title.setWordWrap(True)
            title.setToolTip(item.question)
            finding = _Justification()
            finding.setObjectName(f"finding_{item.code}")
            finding.setPlaceholderText("Finding")
            finding.editingFinished.connect(
                lambda code=item.code: self._save_justification(code, MEDDEV_A6.key)
            )
            a6_grid.addWidget(check, row * 2, 0)
            a6_grid.addWidget(title, row * 2, 1)
            a6_grid.addWidget(finding, row * 2 + 1, 1)
            self.flags[item.code] = check
            self.findings[item.code] = finding
        layout.addWidget(a6_box)

        fields_box = QGroupBox("Source")
        fields_form = QFormLayout(fields_box)
        fields_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        spec = entity("source")
        self.editors: dict[str, FieldEditor] = {}
        for name in PANE_FIELDS:
            field = spec.field(name)
            editor = make_editor(field)
            editor.edited.connect(lambda value, n=name: self._save_field(n, value))
            label = QLabel(field.label)
            label.setToolTip(field.help)
            label.setBuddy(editor.widget)
            fields_form.addRow(label, editor.widget)
            self.editors[name] = editor
        layout.addWidget(fields_box)
        layout.addStretch(1)
        self.show_source(None, None)

    # ----------------------------------------------------------------- showing
    def show_source(self, view: SourceView | None, suggestion: Suggestion | None) -> None:
        """Show ``view`` (None: an empty, disabled pane) with its weight suggestion."""
        self.view = view
        enabled = view is not None and not self.project.read_only
        for widget in (
            *self.justifications.values(),
            *self.flags.values(),
            *self.findings.values(),
        ):
            widget.setEnabled(enabled)
        for editor in self.editors.values():
            editor.widget.setEnabled(enabled)
        if view is None:
            self.heading.setText("<i>Select a source in the grid.</i>")
            self.detail.setHtml("")
            self.full_text_label.setText("")
            self.open_button.setEnabled(False)
            self.suggestion.setText("")
            self.suggestion.setVisible(False)
            for edit in (*self.justifications.values(), *self.findings.values()):
                edit.show_text(None)
            for check in self.flags.values():
                check.setChecked(False)
            for editor in self.editors.values():
                editor.set_value(editor.field.empty_value())
            return
        state = "" if view.included else " · <b>no longer included</b>"
        self.heading.setText(
            f"<b>{html.escape(view.code)}</b> · {html.escape(view.citation)}"
            f" · {html.escape(view.kind.replace('_', ' '))}{state}"
        )
        self.detail.setHtml(self._detail_html(view))
        self._show_full_text(view)
        self.suggestion.setVisible(True)
        if suggestion is None:
            self.suggestion.setText(
                "<b>Suggested weight:</b> grade D, A, P and R first. The rule: pivotal with "
                "level 1 on D (or D2 with demonstrated equivalence), A, P, R, T, O and F and no "
                "A6 deficiency; supportive without grade 3 in suitability and at most two 'No'; "
                "background otherwise. A suggestion only — you set the weight."
            )
        else:
            self.suggestion.setText(
                f"<b>{html.escape(suggestion.text)}</b><br>"
                "<small>A suggestion only: grades are never summed into a score; you set the "
                "weight and its rationale.</small>"
            )
        for item in IMDRF_N56.items:
            grade = view.grade(IMDRF_N56.key, item.code)
            choice = item.grade(grade) if grade else None
            self.grade_labels[item.code].setText(
                f"<b>{item.code}</b> {html.escape(choice.label.split(' ', 1)[-1])}"
                if choice
                else f"<b>{item.code}</b> —"
            )
            self.justifications[item.code].show_text(view.justification(IMDRF_N56.key, item.code))
        for item in MEDDEV_A6.items:
            self.flags[item.code].setChecked(view.grade(MEDDEV_A6.key, item.code) == "FLAG")
            self.findings[item.code].show_text(view.justification(MEDDEV_A6.key, item.code))
        for name, editor in self.editors.items():
            value = view.value(name)
            if name == "usable_for":
                value = list(value or ())
            editor.set_value(value)

    def _detail_html(self, view: SourceView) -> str:
        esc = html.escape
        parts: list[str] = []
        rank = view.value("mdcg_rank")
        if rank in MDCG_RANKS:
            parts.append(f"<p><small>MDCG 2020-6 rank {rank}: {esc(MDCG_RANKS[rank])}</small></p>")
        if not view.record_ids:
            parts.append(f"<h3>{esc(view.title)}</h3>")
            parts.append(
                "<p><i>The manufacturer's own data: its details are on the Evidence tab's "
                "Other Clinical Data page.</i></p>"
                if view.included
                else "<p><i>This source has left the review (screening or grouping changed); "
                "what was entered for it is kept.</i></p>"
            )
            return "".join(parts)
        if len(view.record_ids) > 1:
            parts.append(f"<p><b>Study with {len(view.record_ids)} reports</b></p>")
        for record_id in view.record_ids:
            data = register.record_detail(self.project, record_id)
            if not data:
                continue
            parts.append(f"<h3>{esc(data.get('title') or '(no title)')}</h3>")
            if data.get("authors"):
                parts.append(f"<p>{esc('; '.join(data['authors']))}</p>")
            where = ", ".join(
                str(v) for v in (data.get("journal"), data.get("year"), data.get("volume")) if v
            )
            ids = " · ".join(
                t
                for t in (
                    f"DOI {data['doi']}" if data.get("doi") else "",
                    f"PMID {data['pmid']}" if data.get("pmid") else "",
                    f"Record {record_id}",
                )
                if t
            )
            parts.append(f"<p><i>{esc(where)}</i><br><small>{esc(ids)}</small></p>")
            if data.get("abstract"):
                parts.append(f"<p>{esc(data['abstract'])}</p>")
        return "".join(parts)

    def _attached(self, view: SourceView) -> tuple[int, dict[str, Any]] | None:
        for record_id in view.record_ids:
            row = register.full_text_of(self.project, record_id)
            if row and row["status"] == "ATTACHED":
                return record_id, row
        return None

    def _show_full_text(self, view: SourceView) -> None:
        found = self._attached(view)
        self.open_button.setEnabled(found is not None)
        if found:
            self.full_text_label.setText(f"Full text: {found[1]['file_name']}")
        elif view.record_ids:
            self.full_text_label.setText("Full text: none stored (attach it on the Evidence tab)")
        else:
            self.full_text_label.setText("")

    def open_full_text(self) -> None:
        """Open the shown source's stored PDF in the system's viewer (a temporary copy)."""
        found = self._attached(self.view) if self.view else None
        if found is None:
            return
        record_id, row = found
        data = register.stored_file(self.project, row["sha256"])
        if data is None:
            return
        folder = Path(tempfile.gettempdir()) / "cerdesk-full-texts"
        folder.mkdir(exist_ok=True)
        target = folder / f"record-{record_id}-{row['sha256'][:8]}.pdf"
        target.write_bytes(data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    # ------------------------------------------------------------------ saving
    def _run(self, action: Any) -> bool:
        if self.view is None or self.project.read_only:
            return False
        try:
            changes = action()
        except UserError as err:
            self.message.emit(str(err))
            return False
        if not changes.empty:
            self.changed.emit(changes)
        return True

    def _save_justification(self, code: str, scheme_key: str = IMDRF_N56.key) -> None:
        edits = self.findings if scheme_key == MEDDEV_A6.key else self.justifications
        edit = edits[code]
        if self.view is None or not edit.isModified():
            return
        edit.setModified(False)
        text = edit.text().strip() or None
        if text == self.view.justification(scheme_key, code):
            return
        key = self.view.key
        self._run(lambda: ops.set_justification(self.project, key, scheme_key, code, text))

    def _save_flag(self, code: str, on: bool) -> None:
        if self.view is None:
            return
        key = self.view.key
        value = "FLAG" if on else None
        self._run(lambda: ops.set_value(self.project, key, (MEDDEV_A6.key, code), value))

    def _save_field(self, name: str, value: object) -> None:
        if self.view is None:
            return
        editor = self.editors[name]
        try:
            typed = editor.field.validate(value)
        except UserError as err:
            editor.set_error(str(err))
            self.message.emit(str(err))
            return
        current = self.view.value(name)
        if name == "usable_for":
            current = list(current or ())
            typed = list(typed or ())
        if typed == current:
            return
        key = self.view.key
        if self._run(lambda: ops.set_value(self.project, key, ("source", name), typed)):
            editor.set_error("")

    def commit_pending(self) -> None:
        """Save text typed but not yet saved (before undo, closing, switching rows)."""
        for code, edit in self.justifications.items():
            if edit.isModified():
                self._save_justification(code)
        for code, edit in self.findings.items():
            if edit.isModified():
                self._save_justification(code, MEDDEV_A6.key)
        for editor in self.editors.values():
            if getattr(editor, "dirty", False):
                editor.commit()
            elif isinstance(getattr(editor, "edit", None), QLineEdit) and editor.edit.isModified():
                editor.edit.setModified(False)
                editor.commit()
