"""Choose which column of a CSV/TSV table holds what, when cerdesk cannot tell."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

#: Field names offered for a column, with their labels.
FIELD_LABELS = {
    "title": "Title",
    "authors": "Authors",
    "abstract": "Abstract",
    "journal": "Journal / source",
    "journal_abbrev": "Journal abbreviation",
    "year": "Year",
    "volume": "Volume",
    "issue": "Issue",
    "pages": "Pages",
    "start_page": "First page",
    "end_page": "Last page",
    "doi": "DOI",
    "pmid": "PMID",
    "keywords": "Keywords",
    "language": "Language",
    "publication_type": "Publication type",
    "issn": "ISSN",
    "url": "URL",
    "source_id": "Record id in the file",
}


class ColumnMappingDialog(QDialog):
    """One drop-down per column of the table; at least a title column is required.

    Attributes:
        combos: Column name -> its drop-down.
    """

    def __init__(
        self,
        file_name: str,
        header: list[str],
        guess: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose the Columns")
        self.setObjectName("column_mapping")
        self.resize(520, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"cerdesk does not recognise the columns of <b>{file_name}</b>. Say which "
            "column holds what; columns left on “(not imported)” are kept only in each "
            "record's raw text."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        for column in header:
            combo = QComboBox()
            combo.addItem("(not imported)", None)
            for name, label in FIELD_LABELS.items():
                combo.addItem(label, name)
            combo.setCurrentIndex(max(combo.findData(guess.get(column)), 0))
            combo.currentIndexChanged.connect(lambda _i: self._update())
            form.addRow(column or "(unnamed)", combo)
            self.combos[column] = combo
        content = QWidget()
        content.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout.addWidget(scroll, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def mapping(self) -> dict[str, str]:
        """Return column -> field for the columns the user chose to import."""
        return {c: combo.currentData() for c, combo in self.combos.items() if combo.currentData()}

    def _update(self) -> None:
        ok = "title" in self.mapping().values()
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        button.setEnabled(ok)
        button.setToolTip("" if ok else "Choose the column that holds the titles")
