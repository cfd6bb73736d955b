"""The analysis page: objectives and their criteria with verdicts, a forest plot, the gaps.

The analysis is computed by :func:`cerdesk.ops.analysis.analyse` from the extracted results
and the weights; it is recomputed only while the page is shown (it reads the whole
appraisal), and marked stale by edits made meanwhile.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cerdesk.core.errors import UserError
from cerdesk.gui.widgets.forest_plot import ForestPlotWidget
from cerdesk.ops import analysis
from cerdesk.storage.project import Project

#: Role returning the CriterionResult (or ObjectiveResult) of a tree row.
RESULT_ROLE = Qt.ItemDataRole.UserRole + 1

#: Soft backgrounds per verdict.
VERDICT_COLOURS = {
    "MET": QColor("#d8f0d2"),
    "NOT_MET": QColor("#f6d0cc"),
    "INCONCLUSIVE": QColor("#fbe8bf"),
    "NO_DATA": QColor("#ececec"),
}


#: Short words for a verdict in the tree and the summary (the full label is the tooltip).
SHORT_VERDICTS = {
    "MET": "Met",
    "NOT_MET": "Not met",
    "INCONCLUSIVE": "Inconclusive",
    "NO_DATA": "No data",
}


def verdict_label(verdict: str) -> str:
    """Return the user's words for a verdict."""
    return analysis.VERDICT_LABELS.get(verdict, verdict)


def short_verdict(verdict: str) -> str:
    """Return a verdict in one or two words."""
    return SHORT_VERDICTS.get(verdict, verdict_label(verdict))


class AnalysisPage(QWidget):
    """Objectives → criteria with verdicts (left), the selected criterion's plot (right).

    Signals:
        message(str): Status text.

    Attributes:
        result: The analysis shown, or None before the first computation.
    """

    message = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.result: Any = None
        self.stale = True
        self.setObjectName("appraisal_analysis_page")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("analysis_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.tree_model = QStandardItemModel(self)
        self.tree_model.setHorizontalHeaderLabels(["Objective / criterion", "Result", "Verdict"])
        self.tree = QTreeView()
        self.tree.setObjectName("analysis_tree")
        self.tree.setModel(self.tree_model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setColumnWidth(0, 330)
        self.tree.setColumnWidth(1, 190)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        splitter.addWidget(self.tree)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setObjectName("analysis_heading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        right_layout.addWidget(self.heading)
        self.forest = ForestPlotWidget()
        self.forest.setObjectName("analysis_forest")
        self.notes = QLabel()
        self.notes.setObjectName("analysis_notes")
        self.notes.setWordWrap(True)
        self.notes.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The plot, then its reasons and the gaps right under it, scrolled together.
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 6, 0)
        body_layout.addWidget(self.forest)
        body_layout.addWidget(self.notes)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        right_layout.addWidget(scroll, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 740])
        layout.addWidget(splitter, 1)

    # ---------------------------------------------------------------- refresh
    def refresh(self) -> None:
        """Compute the analysis and show it, keeping the selected criterion."""
        current = self._current_result()
        keep = getattr(current, "criterion_id", None) or getattr(current, "objective_id", None)
        try:
            self.result = analysis.analyse(self.project)
        except UserError as err:
            self.result = None
            self.summary.setText(html.escape(str(err)))
            self.message.emit(str(err))
            return
        self.stale = False
        self.tree_model.removeRows(0, self.tree_model.rowCount())
        select: QModelIndex | None = None
        for objective in self.result.objectives:
            parent = self._row(
                f"{objective.code} {objective.statement}",
                "",
                objective.verdict,
                objective,
                objective.reason,
            )
            self.tree_model.appendRow(parent)
            if keep and objective.objective_id == keep:
                select = parent[0].index()
            for criterion in objective.criteria:
                row = self._row(
                    f"{criterion.code} {criterion.description}",
                    criterion.result_text,
                    criterion.verdict,
                    criterion,
                    criterion.reason,
                )
                parent[0].appendRow(row)
                if keep and criterion.criterion_id == keep:
                    select = row[0].index()
        self.tree.expandAll()
        self._show_summary()
        if select is None and self.tree_model.rowCount():
            first = self.tree_model.index(0, 0)
            select = (
                self.tree_model.index(0, 0, first) if self.tree_model.rowCount(first) else first
            )
        if select is not None:
            self.tree.setCurrentIndex(select)
        else:
            self._show(None)

    def _row(
        self, text: str, result: str, verdict: str, payload: Any, reason: str
    ) -> list[QStandardItem]:
        items = [QStandardItem(text), QStandardItem(result), QStandardItem(short_verdict(verdict))]
        colour = VERDICT_COLOURS.get(verdict)
        for item in items:
            item.setData(payload, RESULT_ROLE)
            item.setToolTip(f"{verdict_label(verdict)}: {reason}" if reason else text)
            item.setEditable(False)
        if colour is not None:
            items[2].setBackground(QBrush(colour))
        return items

    def _show_summary(self) -> None:
        if self.result is None:
            return
        counts: dict[str, int] = {}
        for objective in self.result.objectives:
            for criterion in objective.criteria:
                counts[criterion.verdict] = counts.get(criterion.verdict, 0) + 1
        parts = [f"{counts[v]} {short_verdict(v).lower()}" for v in SHORT_VERDICTS if v in counts]
        gaps = len(self.result.gaps)
        unappraised = len(self.result.unappraised)
        text = (
            f"<b>{len(self.result.objectives)} objectives</b>"
            + (f" · criteria: {', '.join(parts)}" if parts else "")
            + f" · {gaps} gap{'s' if gaps != 1 else ''}"
        )
        if unappraised:
            text += f" · {unappraised} sources not yet appraised (not counted)"
        self.summary.setText(text)

    def _current_result(self) -> Any:
        index = self.tree.currentIndex()
        return index.data(RESULT_ROLE) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(current.data(RESULT_ROLE) if current.isValid() else None)

    def _show(self, result: Any) -> None:
        esc = html.escape
        gaps_html = self._gaps_html()
        if result is None:
            self.heading.setText("<i>Select a criterion to see its forest plot.</i>")
            self.forest.set_data(None)
            self.notes.setText(gaps_html)
            return
        colour = VERDICT_COLOURS.get(result.verdict, QColor("#ffffff")).name()
        verdict = (
            f"<span style='background:{colour}; padding:2px'>"
            f"&nbsp;{esc(verdict_label(result.verdict))}&nbsp;</span>"
        )
        if hasattr(result, "criterion_id"):
            self.heading.setText(
                f"<b>{esc(result.objective_code)} · {esc(result.code)}</b>: "
                f"{esc(result.description)}<br>{verdict} {esc(result.result_text)}"
            )
            try:
                self.forest.set_data(result.forest() if result.rows else None)
            except ValueError as err:
                self.forest.set_data(None)
                self.message.emit(f"The forest plot cannot be drawn: {err}")
            parts = [f"<p><b>Why:</b> {esc(result.reason)}</p>"] if result.reason else []
            if not result.rows:
                parts.append("<p><i>No extracted result counts for this criterion.</i></p>")
            if result.notes:
                parts.append(
                    "<p><b>Notes</b></p><ul>"
                    + "".join(f"<li>{esc(n)}</li>" for n in result.notes)
                    + "</ul>"
                )
            if result.excluded:
                parts.append(
                    "<p><b>Left out</b></p><ul>"
                    + "".join(f"<li>{esc(c)}: {esc(why)}</li>" for c, why in result.excluded)
                    + "</ul>"
                )
            self.notes.setText("".join(parts) + gaps_html)
        else:
            self.heading.setText(f"<b>{esc(result.code)}</b>: {esc(result.statement)}<br>{verdict}")
            self.forest.set_data(None)
            reason = f"<p><b>Why:</b> {esc(result.reason)}</p>" if result.reason else ""
            self.notes.setText(
                reason
                + "<p><i>Select one of its criteria to see the forest plot.</i></p>"
                + gaps_html
            )

    def _gaps_html(self) -> str:
        if self.result is None:
            return ""
        esc = html.escape
        parts = []
        if self.result.gaps:
            parts.append(
                "<p><b>Gaps</b> (objectives without sufficient data, benefits without "
                "evidence)</p><ul>"
                + "".join(f"<li><b>{esc(g.ref)}</b>: {esc(g.text)}</li>" for g in self.result.gaps)
                + "</ul>"
            )
        else:
            parts.append("<p><b>Gaps:</b> none found.</p>")
        if self.result.unappraised:
            parts.append(
                "<p><b>Not yet appraised</b> (left out of the analysis)</p><ul>"
                + "".join(
                    f"<li>{esc(code)} {esc(cite)}</li>" for code, cite in self.result.unappraised
                )
                + "</ul>"
            )
        return "".join(parts)

    def select_criterion(self, criterion_id: str) -> bool:
        """Make the criterion ``criterion_id`` current; False if it is not shown."""
        for row in range(self.tree_model.rowCount()):
            parent = self.tree_model.index(row, 0)
            for child in range(self.tree_model.rowCount(parent)):
                index = self.tree_model.index(child, 0, parent)
                if getattr(index.data(RESULT_ROLE), "criterion_id", None) == criterion_id:
                    self.tree.setCurrentIndex(index)
                    return True
        return False
