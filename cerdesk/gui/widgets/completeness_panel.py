"""The panel listing what the clinical evaluation plan still lacks.

Signals:
    finding_activated(object): the user chose a finding; the payload is the ``Finding``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QCheckBox, QLabel, QListView, QVBoxLayout, QWidget

from cerdesk.core.completeness import ADVICE, Finding

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


class FindingsModel(QAbstractListModel):
    """The findings of :func:`cerdesk.core.completeness.check_plan` as a list."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._findings)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        finding = self._findings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            marker = "○" if finding.level == ADVICE else "●"
            return f"{marker} {finding.message}"
        if role == Qt.ItemDataRole.ToolTipRole:
            kind = "Advice from guidance" if finding.level == ADVICE else "Missing"
            return f"{kind}. Double-click or press Enter to go there."
        if role == Qt.ItemDataRole.ForegroundRole and finding.level == ADVICE:
            return QBrush(QColor("#7a6a2a"))
        if role == FINDING_ROLE:
            return finding
        return None

    def set_findings(self, findings: list[Finding]) -> None:
        """Replace the findings shown."""
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()


class CompletenessPanel(QWidget):
    """Summary line and list of findings; activating one navigates to it."""

    finding_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("completeness_panel")
        self._findings: list[Finding] = []
        self._section = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        heading = QLabel("<b>What the plan still lacks</b>")
        layout.addWidget(heading)
        self.only_page = QCheckBox("Only the page shown")
        self.only_page.setObjectName("completeness_only_page")
        self.only_page.toggled.connect(lambda _on: self._show())
        layout.addWidget(self.only_page)
        self.summary = QLabel()
        self.summary.setObjectName("completeness_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = FindingsModel(self)
        self.view = QListView()
        self.view.setObjectName("completeness_list")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setSpacing(2)
        self.view.activated.connect(self._activated)
        layout.addWidget(self.view, 1)
        # When nothing is missing the empty list would be a blank box; keep the space quiet.
        self.filler = QWidget()
        layout.addWidget(self.filler, 1)

    def set_findings(self, findings: list[Finding]) -> None:
        """Show ``findings`` and their counts."""
        self._findings = list(findings)
        self._show()

    def set_section(self, key: str) -> None:
        """Tell the panel which page is shown (for "Only the page shown")."""
        self._section = key
        if self.only_page.isChecked():
            self._show()

    def _show(self) -> None:
        findings = self._findings
        if self.only_page.isChecked():
            findings = [f for f in findings if f.section == self._section]
        self.model.set_findings(findings)
        missing = sum(1 for f in findings if f.level != ADVICE)
        advice = len(findings) - missing
        self.view.setVisible(bool(findings))
        self.filler.setVisible(not findings)
        if not findings:
            where = "this page" if self.only_page.isChecked() else "the plan"
            self.summary.setText(f"✓ Nothing is missing in {where}.")
        else:
            self.summary.setText(
                f"{missing} missing (●) · {advice} advice (○). Double-click one to go there."
            )

    def _activated(self, index: QModelIndex) -> None:
        finding = index.data(FINDING_ROLE)
        if finding is not None:
            self.finding_activated.emit(finding)
