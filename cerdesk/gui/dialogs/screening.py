"""Keyboard-driven screening: one record at a time, one key per decision.

I include · E exclude, then 1–9 for the plan's reason · U unsure · ← → previous/next ·
Space next record not yet screened · Esc close. The plan's inclusion words are highlighted
in green and its exclusion words in red.
"""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cerdesk.core.errors import UserError
from cerdesk.ops import screening
from cerdesk.storage import register
from cerdesk.storage.project import Project

_INCLUDE_COLOUR = "#c8f0c8"
_EXCLUDE_COLOUR = "#f8c8c8"
_DECISION_TEXT = {"INCLUDE": "Included", "EXCLUDE": "Excluded", "UNSURE": "Unsure"}


def term_pattern(terms: list[str]) -> re.Pattern[str] | None:
    """Return a case-insensitive pattern matching whole words/phrases (``term*`` = prefix)."""
    parts = []
    for term in sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True):
        if term.endswith("*"):
            parts.append(rf"\b{re.escape(term[:-1])}\w*")
        else:
            parts.append(rf"\b{re.escape(term)}\b")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def highlight(text: str, include: re.Pattern[str] | None, exclude: re.Pattern[str] | None) -> str:
    """Return ``text`` as HTML with inclusion and exclusion terms shaded."""
    spans: list[tuple[int, int, str]] = []
    for pattern, colour in ((exclude, _EXCLUDE_COLOUR), (include, _INCLUDE_COLOUR)):
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            if not any(s < match.end() and match.start() < e for s, e, _c in spans):
                spans.append((match.start(), match.end(), colour))
    out, position = [], 0
    for start, end, colour in sorted(spans):
        out.append(html.escape(text[position:start]))
        out.append(f"<span style='background:{colour}'>{html.escape(text[start:end])}</span>")
        position = end
    out.append(html.escape(text[position:]))
    return "".join(out)


class ScreeningDialog(QDialog):
    """Screen the register record by record.

    Signals:
        decided(Changes): A decision was saved.
    """

    decided = Signal(object)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle("Screening")
        self.setObjectName("screening_dialog")
        self.resize(980, 700)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.stage = QComboBox()
        self.stage.setObjectName("screening_stage")
        self.stage.addItem("Title and abstract", "TITLE_ABSTRACT")
        self.stage.addItem("Full text", "FULL_TEXT")
        self.stage.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.progress = QLabel()
        self.progress.setObjectName("screening_progress")
        self.only_disagreements = QCheckBox("Only disagreements")
        self.only_disagreements.setObjectName("screening_disagreements")
        self.only_disagreements.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.only_disagreements.setToolTip(
            "Records whose reviewers decided differently; change your decision to agree"
        )
        top.addWidget(QLabel("Stage:"))
        top.addWidget(self.stage)
        top.addWidget(self.only_disagreements)
        top.addSpacing(16)
        top.addWidget(self.progress, 1)
        layout.addLayout(top)
        self.position_label = QLabel()
        self.position_label.setObjectName("screening_position")
        layout.addWidget(self.position_label)
        self.view = QTextBrowser()
        self.view.setObjectName("screening_record")
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.view, 1)
        self.reasons_label = QLabel()
        self.reasons_label.setObjectName("screening_reasons")
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setVisible(False)
        layout.addWidget(self.reasons_label)
        note_row = QHBoxLayout()
        self.note = QLineEdit()
        self.note.setObjectName("screening_note")
        self.note.setPlaceholderText("Optional note, saved with the next decision (click to type)")
        self.note.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        note_row.addWidget(QLabel("Note:"))
        note_row.addWidget(self.note, 1)
        layout.addLayout(note_row)
        buttons = QHBoxLayout()
        self.buttons = {}
        for key, text, slot in (
            ("include", "Include (I)", lambda: self.decide("INCLUDE")),
            ("exclude", "Exclude… (E)", self.ask_reason),
            ("unsure", "Unsure (U)", lambda: self.decide("UNSURE")),
            ("previous", "← Previous", lambda: self.move(-1)),
            ("next", "Next →", lambda: self.move(1)),
            ("unscreened", "Next Unscreened (Space)", self.next_unscreened),
        ):
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        close = QPushButton("Close")
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout.addLayout(buttons)

        include, exclude = register.highlight_terms(project)
        self._include = term_pattern(include)
        self._exclude = term_pattern(exclude)
        self._queue: list[int] = []
        self._mine: dict[int, tuple[str, str | None]] = {}
        self._index = 0
        self._reasons: list[tuple[str, str]] = []
        self._choosing = False
        self.stage.currentIndexChanged.connect(lambda _i: self._load(first_unscreened=True))
        self.only_disagreements.toggled.connect(lambda _on: self._load(first_unscreened=False))
        self._load(first_unscreened=True)

    # --------------------------------------------------------------- state
    @property
    def current_stage(self) -> str:
        """The stage being screened."""
        return str(self.stage.currentData())

    def current_record(self) -> int | None:
        """The record shown, if any."""
        return self._queue[self._index] if self._queue else None

    def _load(self, *, first_unscreened: bool = False) -> None:
        stage = self.current_stage
        self._queue = register.screening_queue(self.project, stage, self.project.user)
        conflicts = register.disagreements(self.project, stage)
        self.only_disagreements.setText(f"Only disagreements ({len(conflicts)})")
        if self.only_disagreements.isChecked():
            wanted = set(conflicts)
            self._queue = [r for r in self._queue if r in wanted]
            self._index = 0
        self._mine = register.my_decisions(self.project, stage, self.project.user)
        self._reasons = screening.exclusion_reasons(self.project, stage)
        self._index = min(self._index, max(len(self._queue) - 1, 0))
        if first_unscreened:
            self._index = self._first_unscreened(0)
        self._choose_reason(False)
        self._show()

    def _first_unscreened(self, start: int) -> int:
        for offset in range(len(self._queue)):
            index = (start + offset) % len(self._queue)
            if self._queue[index] not in self._mine:
                return index
        return self._index if self._queue else 0

    def _show(self) -> None:
        done = sum(1 for r in self._queue if r in self._mine)
        counts = {d: 0 for d in _DECISION_TEXT}
        for record_id in self._queue:
            if record_id in self._mine:
                counts[self._mine[record_id][0]] += 1
        self.progress.setText(
            f"Screened {done:,} of {len(self._queue):,} · {counts['INCLUDE']:,} included · "
            f"{counts['EXCLUDE']:,} excluded · {counts['UNSURE']:,} unsure"
        )
        record_id = self.current_record()
        for key in ("include", "exclude", "unsure", "previous", "next", "unscreened"):
            self.buttons[key].setEnabled(record_id is not None)
        if record_id is None:
            empty = (
                "No records are included at title/abstract yet."
                if self.current_stage == "FULL_TEXT"
                else "The register has no records to screen."
            )
            self.position_label.setText("")
            self.view.setHtml(f"<p><i>{empty}</i></p>")
            return
        data = register.record_detail(self.project, record_id)
        mine = self._mine.get(record_id)
        state = "Not screened yet"
        if mine:
            state = _DECISION_TEXT[mine[0]] + (f" — {mine[1]}" if mine[1] else "")
        others = [
            f"{r}: {_DECISION_TEXT[d]}" + (f" ({c})" if c else "")
            for r, d, c in register.decisions(self.project, record_id, self.current_stage)
            if r != self.project.user
        ]
        self.position_label.setText(
            f"<b>Record {self._index + 1} of {len(self._queue)}</b> (#{record_id}) · "
            f"Your decision: <b>{state}</b>"
            + (f" · Others: {html.escape('; '.join(others))}" if others else "")
        )
        self.view.setHtml(self._record_html(data))

    def _record_html(self, data: dict[str, Any]) -> str:
        def mark(text: str) -> str:
            return highlight(text, self._include, self._exclude)

        parts = [f"<h2>{mark(data.get('title') or '(no title)')}</h2>"]
        if data["authors"]:
            parts.append(f"<p>{html.escape('; '.join(data['authors']))}</p>")
        source = ", ".join(
            str(v)
            for v in (data.get("journal"), data.get("year"), data.get("volume"), data.get("pages"))
            if v
        )
        if source:
            parts.append(f"<p><i>{html.escape(source)}</i></p>")
        if data.get("publication_type"):
            parts.append(f"<p>Type: {html.escape(str(data['publication_type']))}</p>")
        abstract = data.get("abstract") or ""
        parts.append(
            f"<p style='font-size:11pt'>{mark(abstract)}</p>"
            if abstract
            else "<p><i>No abstract.</i></p>"
        )
        if data["keywords"]:
            parts.append(f"<p><b>Keywords:</b> {mark('; '.join(data['keywords']))}</p>")
        return "".join(parts)

    # ------------------------------------------------------------ actions
    def decide(self, decision: str, reason_code: str | None = None) -> None:
        """Save a decision on the record shown, then show the next unscreened one."""
        record_id = self.current_record()
        if record_id is None:
            return
        try:
            changes = screening.decide(
                self.project,
                record_id,
                self.current_stage,
                decision,
                reason_code=reason_code,
                note=self.note.text().strip() or None,
            )
        except UserError as err:
            self.position_label.setText(f"<b>{html.escape(str(err))}</b>")
            return
        self.note.clear()
        self._mine[record_id] = (decision, reason_code)
        self._choose_reason(False)
        self.decided.emit(changes)
        if self.only_disagreements.isChecked():
            self._load()
            return
        self._index = self._first_unscreened(self._index)
        self._show()

    def ask_reason(self) -> None:
        """Show the plan's exclusion reasons; a digit key picks one."""
        if self.current_record() is None:
            return
        if not self._reasons:
            self.position_label.setText(
                "<b>The plan has no exclusion reason codes for this stage; add them on the "
                "Plan tab (Literature search protocol).</b>"
            )
            return
        self._choose_reason(True)

    def _choose_reason(self, on: bool) -> None:
        self._choosing = on
        if on:
            lines = [
                f"<b>{n}</b> {html.escape(code)} — {html.escape(label)}"
                for n, (code, label) in enumerate(self._reasons[:9], 1)
            ]
            self.reasons_label.setText(
                "Exclude because… (press a number, Esc to cancel)<br>" + "<br>".join(lines)
            )
        self.reasons_label.setVisible(on)

    def move(self, step: int) -> None:
        """Show the previous or next record."""
        if self._queue:
            self._index = max(0, min(self._index + step, len(self._queue) - 1))
            self._choose_reason(False)
            self._show()

    def next_unscreened(self) -> None:
        """Show the next record without a decision of yours."""
        if self._queue:
            self._index = self._first_unscreened(self._index + 1)
            self._show()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """One key per decision; digits choose the exclusion reason."""
        key = event.key()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        if self._choosing:
            if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
                index = key - Qt.Key.Key_1
                if index < len(self._reasons):
                    self.decide("EXCLUDE", self._reasons[index][0])
                return
            if key == Qt.Key.Key_Escape:
                self._choose_reason(False)
                return
        actions = {
            Qt.Key.Key_I: lambda: self.decide("INCLUDE"),
            Qt.Key.Key_E: self.ask_reason,
            Qt.Key.Key_U: lambda: self.decide("UNSURE"),
            Qt.Key.Key_Left: lambda: self.move(-1),
            Qt.Key.Key_Right: lambda: self.move(1),
            Qt.Key.Key_Space: self.next_unscreened,
        }
        action = actions.get(Qt.Key(key))
        if action is not None:
            action()
            return
        super().keyPressEvent(event)
