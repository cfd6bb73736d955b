"""The Import Files dialog: which files, in which format, into which search run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cerdesk.core.changes import Item

#: File-dialog filter for search exports.
EXPORT_FILTER = (
    "Search exports (*.ris *.txt *.nbib *.xml *.bib *.csv *.tsv *.xlsx *.enw *.ciw);;All files (*)"
)

FORMATS = (
    ("auto", "Detect automatically"),
    ("ris", "RIS"),
    ("nbib", "PubMed MEDLINE (.nbib)"),
    ("pubmed-xml", "PubMed XML"),
    ("endnote-xml", "EndNote XML"),
    ("bibtex", "BibTeX"),
    ("wos", "Web of Science"),
    ("csv", "CSV (Scopus or other)"),
    ("xlsx", "Excel workbook (.xlsx)"),
)


class ImportDialog(QDialog):
    """Ask for the files to import and the search run they come from.

    Attributes:
        files: The list of chosen files.
        new_run: Radio button "a new search run".
        existing_run: Radio button "an existing search run".
    """

    def __init__(
        self,
        paths: list[str],
        runs: list[Item],
        databases: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Search Results")
        self.setObjectName("import_dialog")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)

        files_box = QGroupBox("Files exported by the database")
        files_layout = QVBoxLayout(files_box)
        self.files = QListWidget()
        self.files.setObjectName("import_files")
        self.files.addItems(paths)
        self.files.setMaximumHeight(110)
        files_layout.addWidget(self.files)
        row = QHBoxLayout()
        add = QPushButton("Add Files…")
        add.clicked.connect(self._add_files)
        remove = QPushButton("Remove")
        remove.clicked.connect(
            lambda: [self.files.takeItem(self.files.row(i)) for i in self.files.selectedItems()]
        )
        self.format = QComboBox()
        self.format.setObjectName("import_format")
        for value, label in FORMATS:
            self.format.addItem(label, value)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        row.addWidget(QLabel("Format:"))
        row.addWidget(self.format)
        files_layout.addLayout(row)
        layout.addWidget(files_box)

        run_box = QGroupBox("The search they come from")
        run_layout = QVBoxLayout(run_box)
        self.new_run = QRadioButton("A new search run")
        self.new_run.setObjectName("import_new_run")
        self.existing_run = QRadioButton("An existing search run")
        self.existing_run.setObjectName("import_existing_run")
        group = QButtonGroup(self)
        group.addButton(self.new_run)
        group.addButton(self.existing_run)
        run_layout.addWidget(self.new_run)
        form = QFormLayout()
        form.setContentsMargins(24, 0, 0, 0)
        self.database = QComboBox()
        self.database.setObjectName("import_database")
        self.database.setEditable(True)
        self.database.addItems(databases)
        self.database.setCurrentText(databases[0] if databases else "")
        self.platform = QLineEdit()
        self.platform.setPlaceholderText("e.g. PubMed, Ovid, Embase.com")
        self.run_on = QLineEdit(dt.date.today().isoformat())
        self.run_on.setObjectName("import_run_on")
        self.run_on.setPlaceholderText("YYYY-MM-DD")
        self.hits = QLineEdit()
        self.hits.setObjectName("import_hits")
        self.hits.setPlaceholderText("as the database reported")
        self.query = QPlainTextEdit()
        self.query.setObjectName("import_query")
        self.query.setPlaceholderText("Paste the query exactly as run (from the search history)")
        self.query.setFixedHeight(70)
        self.query.setTabChangesFocus(True)
        form.addRow("Database:", self.database)
        form.addRow("Interface:", self.platform)
        form.addRow("Date run:", self.run_on)
        form.addRow("Hits reported:", self.hits)
        form.addRow("Query:", self.query)
        self.new_form = QWidget()
        self.new_form.setLayout(form)
        run_layout.addWidget(self.new_form)
        run_layout.addWidget(self.existing_run)
        self.run_choice = QComboBox()
        self.run_choice.setObjectName("import_run_choice")
        for run in runs:
            label = f"{run.get('code') or ''} — {run.get('database') or ''}"
            if run.get("run_on"):
                label += f" ({run.get('run_on')})"
            self.run_choice.addItem(label, run.id)
        existing_row = QHBoxLayout()
        existing_row.setContentsMargins(24, 0, 0, 0)
        existing_row.addWidget(self.run_choice, 1)
        run_layout.addLayout(existing_row)
        layout.addWidget(run_box)

        self.existing_run.setEnabled(bool(runs))
        self.new_run.setChecked(True)
        self.new_run.toggled.connect(self._update)
        self._update()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _update(self) -> None:
        self.new_form.setEnabled(self.new_run.isChecked())
        self.run_choice.setEnabled(self.existing_run.isChecked())

    def _add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Add Files", "", EXPORT_FILTER)
        self.files.addItems(paths)

    def paths(self) -> list[Path]:
        """Return the chosen files."""
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

    def chosen_format(self) -> str:
        """Return the format name, or ``"auto"``."""
        return str(self.format.currentData())

    def run_id(self) -> str | None:
        """Return the existing run chosen, or ``None`` for a new run."""
        return None if self.new_run.isChecked() else self.run_choice.currentData()

    def new_run_values(self) -> dict[str, Any] | None:
        """Return the new run's values (validated by the core when imported)."""
        if not self.new_run.isChecked():
            return None
        return {
            "database": self.database.currentText(),
            "platform": self.platform.text(),
            "run_on": self.run_on.text(),
            "hits_reported": self.hits.text(),
            "query": self.query.toPlainText(),
        }
