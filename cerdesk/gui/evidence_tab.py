"""The Evidence tab: search runs, importing their exports, and the register of records.

Files are read and parsed in a worker thread (the window stays responsive and the user
can cancel); the import itself is then one operation on the project, in the GUI thread,
like every other edit.
"""

from __future__ import annotations

import contextlib
import html
import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, QThread, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cerdesk.core.changes import Changes
from cerdesk.core.entities import SEARCH_CATEGORIES, entity
from cerdesk.core.errors import UserError
from cerdesk.core.prisma import build_flow
from cerdesk.gui.dialogs.choice import Role, ask_choice
from cerdesk.gui.dialogs.column_mapping import ColumnMappingDialog
from cerdesk.gui.dialogs.duplicate_review import DuplicateReviewDialog
from cerdesk.gui.dialogs.import_dialog import EXPORT_FILTER, ImportDialog
from cerdesk.gui.dialogs.screening import ScreeningDialog
from cerdesk.gui.models.record_table import RecordTableModel
from cerdesk.gui.widgets.list_editor import ListEditor
from cerdesk.gui.widgets.prisma_diagram import PrismaDiagram
from cerdesk.importers import csv_table, xlsx_table
from cerdesk.importers.decode import DecodeError, decode_bytes
from cerdesk.importers.formats import detect_format
from cerdesk.importers.run import read_file
from cerdesk.ops import full_text, studies
from cerdesk.ops.dedupe import run_dedupe
from cerdesk.ops.evidence import (
    ExportFile,
    SameFileError,
    SkippedRecordsError,
    check_import,
    import_files,
)
from cerdesk.storage import register
from cerdesk.storage.project import Project

log = logging.getLogger(__name__)

#: Tables whose changes alter how a record shows, never whether it shows (unless the
#: register is filtered by screening state or by a search that reaches notes).
ROW_STATE_TABLES = frozenset({"screening_decision", "full_text", "study", "study_report"})

#: Entities of the "Other Clinical Data" page (child lists are edited inside them).
OTHER_DATA_TABLES = ("clinical_investigation", "pms_period", "pmcf_study", "registry_source")

#: Tables whose changes the register shows.
REGISTER_TABLES = frozenset(
    {
        "record",
        "full_text",
        "study",
        "study_report",
        "import_file",
        "search_run",
        "duplicate_link",
        "duplicate_candidate",
        "not_duplicate",
        "screening_decision",
    }
)


class ReadWorker(QThread):
    """Read and parse export files off the GUI thread.

    Signals:
        progress(int, str): Index and name of the file being read.
        done(list): The :class:`ExportFile` values, in order.
        failed(str): Why a file could not be read.
    """

    progress = Signal(int, str)
    done = Signal(list)
    failed = Signal(str)

    def __init__(self, paths: list[Path], fmt: str, mapping: dict[str, str] | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.fmt = fmt
        self.mapping = mapping
        self.cancelled = False

    def run(self) -> None:
        files: list[ExportFile] = []
        for index, path in enumerate(self.paths):
            if self.cancelled:
                return
            self.progress.emit(index, path.name)
            try:
                files.append(read_file(path, self.fmt, self.mapping))
            except UserError as err:
                self.failed.emit(str(err))
                return
            except Exception as err:  # a bug in a parser: report it, never hang the dialog
                log.exception("Reading %s failed", path)
                self.failed.emit(
                    f"{path.name}: cerdesk hit an unexpected error reading this file "
                    f"({type(err).__name__}: {err}). Please report it with the file."
                )
                return
        if not self.cancelled:
            self.done.emit(files)


class WriteWorker(QThread):
    """Write an import through a second connection, so the window stays responsive.

    Signals:
        written(Changes): The import is committed.
        failed(str): Why nothing was written.
    """

    written = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        project: Project,
        files: list[ExportFile],
        run_id: str | None,
        new_run: dict | None,
        options: dict[str, bool],
    ) -> None:
        super().__init__()
        self.project = project
        self.files = files
        self.run_id = run_id
        self.new_run = new_run
        self.options = options
        self.cancelled = False  # an import cannot be cancelled once writing; kept for stop

    def run(self) -> None:
        try:
            handle = self.project.attach()
        except UserError as err:
            self.failed.emit(str(err))
            return
        try:
            imported = import_files(
                handle, self.files, run_id=self.run_id, new_run=self.new_run, **self.options
            )
            self.written.emit(imported[0].changes)
        except UserError as err:
            self.failed.emit(str(err))
        except Exception as err:  # a bug: report it rather than lose it in the thread
            log.exception("Import failed")
            self.failed.emit(f"cerdesk hit an unexpected error ({type(err).__name__}: {err}).")
        finally:
            handle.close()


class EvidenceTab(QWidget):
    """Search runs on the left; the register, its search box and the record on the right.

    Signals:
        changed(Changes): An edit was made here.
        message(str): Text for the status bar.
    """

    changed = Signal(object)
    message = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setObjectName("evidence_tab")
        self._worker: ReadWorker | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)

        self.runs = ListEditor(project, entity("search_run"))
        self.runs.changed.connect(self._run_edited)
        self.runs.message.connect(self.message)
        self.run_files = QLabel()
        self.run_files.setObjectName("run_files")
        self.run_files.setWordWrap(True)
        self.run_files.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The files imported for the selected run, under its table (provenance at a glance).
        self.runs.layout().insertWidget(2, self.run_files)
        self.runs.view.selectionModel().currentRowChanged.connect(
            lambda *_a: self._show_run_files()
        )
        runs_scroll = QScrollArea()
        runs_scroll.setObjectName("search_runs_scroll")
        runs_scroll.setWidgetResizable(True)
        runs_scroll.setFrameShape(QFrame.Shape.NoFrame)
        runs_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        runs_scroll.setWidget(self.runs)
        runs_scroll.setMinimumWidth(self.runs.minimumSizeHint().width() + 20)
        splitter.addWidget(runs_scroll)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("register_search")
        self.search.setPlaceholderText("Search titles, abstracts and keywords (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.run_filter = QComboBox()
        self.run_filter.setObjectName("register_run_filter")
        self.import_button = QPushButton("Import Search Results…")
        self.import_button.setObjectName("import_button")
        self.import_button.setToolTip("Import RIS, nbib, XML, BibTeX, WoS or CSV exports (Ctrl+I)")
        self.hide_duplicates = QCheckBox("Hide duplicates")
        self.hide_duplicates.setObjectName("register_hide_duplicates")
        self.dedupe_button = QPushButton("Find Duplicates")
        self.dedupe_button.setObjectName("dedupe_button")
        self.dedupe_button.setToolTip(
            "Link duplicate records (none is deleted); unsure pairs wait for review"
        )
        self.review_button = QPushButton("Review Pairs")
        self.review_button.setObjectName("review_button")
        self.screen_button = QPushButton("Screen Records…")
        self.screen_button.setObjectName("screen_button")
        self.screen_button.setToolTip(
            "Title/abstract and full-text screening, one key per decision"
        )
        bar.addWidget(self.import_button)
        bar.addWidget(self.dedupe_button)
        bar.addWidget(self.review_button)
        bar.addWidget(self.screen_button)
        bar.addStretch(1)
        right_layout.addLayout(bar)
        right_layout.addWidget(self.search)
        filters = QHBoxLayout()
        self.run_filter.setMaximumWidth(220)
        filters.addWidget(self.run_filter)
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("register_state_filter")
        self.state_filter.addItem("Any screening state", None)
        for key, (label, _sql) in register.STATES.items():
            self.state_filter.addItem(label, key)
        self.state_filter.setMaximumWidth(220)
        filters.addWidget(self.state_filter)
        self.year_filter = QLineEdit()
        self.year_filter.setObjectName("register_years")
        self.year_filter.setPlaceholderText("Years, e.g. 2016-2026")
        self.year_filter.setMaximumWidth(150)
        self.year_filter.setClearButtonEnabled(True)
        filters.addWidget(self.year_filter)
        filters.addWidget(self.hide_duplicates)
        filters.addStretch(1)
        right_layout.addLayout(filters)
        self.count_label = QLabel()
        self.count_label.setObjectName("register_count")
        right_layout.addWidget(self.count_label)
        later = QLabel(
            "<i>Not in this version yet: an embedded PDF viewer (full texts open in your PDF "
            "reader).</i>"
        )
        later.setWordWrap(True)
        right_layout.addWidget(later)

        self.model = RecordTableModel(project, self)
        self.view = QTableView()
        self.view.setObjectName("register_view")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((60, 380, 200, 55, 180, 160, 60, 130)):
            self.view.setColumnWidth(column, width)
        self.detail = QTextBrowser()
        self.detail.setObjectName("record_detail")
        self.detail.setOpenLinks(False)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        full_text_bar = QHBoxLayout()
        self.full_text_label = QLabel()
        self.full_text_label.setObjectName("full_text_label")
        self.attach_button = QPushButton("Attach Full Text…")
        self.attach_button.setObjectName("attach_full_text")
        self.open_full_text_button = QPushButton("Open Full Text")
        self.not_retrieved_button = QPushButton("Not Retrievable")
        self.not_retrieved_button.setToolTip("Record that the full text could not be obtained")
        self.study_button = QPushButton("Same Study As…")
        self.study_button.setObjectName("same_study")
        self.study_button.setToolTip(
            "Group reports of one study (PRISMA counts studies and reports apart)"
        )
        self.leave_study_button = QPushButton("Leave Study")
        self.leave_study_button.setToolTip("This report is not of the study it is grouped in")
        full_text_bar.addWidget(self.full_text_label, 1)
        for button in (
            self.attach_button,
            self.open_full_text_button,
            self.not_retrieved_button,
            self.study_button,
            self.leave_study_button,
        ):
            full_text_bar.addWidget(button)
        detail_layout.addLayout(full_text_bar)
        detail_layout.addWidget(self.detail, 1)
        self.attach_button.clicked.connect(self.attach_full_text)
        self.open_full_text_button.clicked.connect(self.open_full_text)
        self.not_retrieved_button.clicked.connect(self.full_text_not_retrieved)
        self.study_button.clicked.connect(lambda: self.group_study())
        self.leave_study_button.clicked.connect(self.leave_study)
        inner = QSplitter(Qt.Orientation.Vertical)
        inner.addWidget(self.view)
        inner.addWidget(detail_box)
        inner.setStretchFactor(0, 3)
        inner.setStretchFactor(1, 1)
        self.pages = QTabWidget()
        self.pages.setObjectName("evidence_pages")
        self.pages.setDocumentMode(True)
        self.pages.addTab(inner, "Register")
        self.pages.addTab(self._build_prisma_page(), "PRISMA 2020")
        self.pages.addTab(self._build_other_data_page(), "Other Clinical Data")
        self.pages.currentChanged.connect(lambda _i: self._refresh_prisma())
        right_layout.addWidget(self.pages, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([500, 780])
        layout.addWidget(splitter)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.run_filter.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.state_filter.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.year_filter.textChanged.connect(lambda _t: self._search_timer.start())
        self.import_button.clicked.connect(self.import_dialog)
        self.dedupe_button.clicked.connect(self.find_duplicates)
        self.review_button.clicked.connect(self.review_duplicates)
        self.screen_button.clicked.connect(self.screen_records)
        self.hide_duplicates.toggled.connect(lambda _on: self._apply_filter())
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence("Ctrl+I"), self, self.import_dialog)
        self._fill_run_filter()
        self._update_count()
        self._show_record(None)
        self._show_run_files()

    def _build_other_data_page(self) -> QWidget:
        """Clinical data that is not literature: own investigations, PMS, PMCF, registries."""
        content = QWidget()
        layout = QVBoxLayout(content)
        intro = QLabel(
            "<i>Clinical data from the manufacturer and other sources (MDR Art. 2(48), "
            "MDCG 2020-6 §6): clinical investigations, post-market surveillance, PMCF "
            "studies and registries.</i>"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.other_editors: list[ListEditor] = []
        for table in OTHER_DATA_TABLES:
            editor = ListEditor(self.project, entity(table))
            editor.changed.connect(self.changed)
            editor.message.connect(self.message)
            layout.addWidget(editor)
            self.other_editors.append(editor)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("other_data_scroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        return scroll

    def _build_prisma_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.prisma_note = QLabel()
        self.prisma_note.setObjectName("prisma_note")
        self.prisma_note.setWordWrap(True)
        png = QPushButton("Export PNG…")
        png.clicked.connect(lambda: self.export_prisma("png"))
        svg = QPushButton("Export SVG…")
        svg.clicked.connect(lambda: self.export_prisma("svg"))
        self.prisma_category = QComboBox()
        self.prisma_category.setObjectName("prisma_category")
        self.prisma_category.setToolTip("One diagram per search category (MDCG 2020-13 §D)")
        self.prisma_category.currentIndexChanged.connect(lambda _i: self._refresh_prisma())
        bar.addWidget(self.prisma_category)
        bar.addWidget(self.prisma_note, 1)
        bar.addWidget(png)
        bar.addWidget(svg)
        layout.addLayout(bar)
        self.prisma = PrismaDiagram()
        scroll = QScrollArea()
        scroll.setWidget(self.prisma)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(scroll, 1)
        return page

    def _refresh_prisma(self) -> None:
        """Recompute the flow (only while its page is shown: it reads the whole register)."""
        if self.pages.currentIndex() != 1:
            return
        self._fill_prisma_categories()
        flow = build_flow(register.prisma_inputs(self.project, self.prisma_category.currentData()))
        self.prisma.set_flow(flow)
        notes = [f"{label}: {n:,}" for label, n in flow.pending]
        notes += [f"<b>Does not add up:</b> {p}" for p in flow.problems]
        self.prisma_note.setText(
            "Computed from the register. " + (" · ".join(notes) if notes else "Complete.")
        )

    def _fill_prisma_categories(self) -> None:
        current = self.prisma_category.currentData()
        labels = dict((c.value, c.label) for c in SEARCH_CATEGORIES)
        self.prisma_category.blockSignals(True)
        self.prisma_category.clear()
        self.prisma_category.addItem("All searches", None)
        for key in register.search_categories(self.project):
            self.prisma_category.addItem(labels.get(key, key), key)
        self.prisma_category.setCurrentIndex(max(self.prisma_category.findData(current), 0))
        self.prisma_category.blockSignals(False)

    def export_prisma(self, kind: str) -> None:
        """Save the diagram as PNG or SVG."""
        suggested = str(self.project.path.with_name(f"{self.project.path.stem} PRISMA.{kind}"))
        path, _ = QFileDialog.getSaveFileName(
            self, "Export PRISMA Diagram", suggested, f"{kind.upper()} image (*.{kind})"
        )
        if not path:
            return
        try:
            self.prisma.save_png(path) if kind == "png" else self.prisma.save_svg(path)
        except OSError as err:
            QMessageBox.warning(self, "Export", f"Cannot write {path}: {err}")
            return
        self.message.emit(f"Saved {path}")

    # ------------------------------------------------------------------ updates
    def apply_changes(self, changes: Changes) -> None:
        """Refresh the runs and the register after an edit, undo or redo."""
        self.runs.apply_changes(changes)
        if changes.touches(("import_file", "search_run")):
            self._show_run_files()
        for editor in self.other_editors:
            editor.apply_changes(changes)
        if changes.touches(REGISTER_TABLES):
            selected = self._selected_record()
            self._refresh_prisma()
            self._fill_run_filter()
            if changes.tables <= ROW_STATE_TABLES and not self.model.filters_on_state():
                self.model.reload_values()  # which rows show is unchanged: no new query
            else:
                self.model.refresh()
            self._update_count()
            if selected is not None:
                self.select_record(selected)  # keep the user's place
            self._selection_changed()

    def _show_run_files(self) -> None:
        run_id = self.runs.selected_id()
        files = [i for i in register.imports(self.project) if i.search_run_id == run_id]
        if run_id is None:
            self.run_files.setText("")
        elif not files:
            self.run_files.setText("<i>No files imported for this run yet.</i>")
        else:
            lines = [
                f"{html.escape(i.file_name)} — {i.record_count:,} records ({i.format}), "
                f"{i.imported_at[:10]} by {html.escape(i.imported_by)}"
                + (f", {i.skipped} unreadable left out" if i.skipped else "")
                for i in files
            ]
            self.run_files.setText("<b>Files imported:</b><br>" + "<br>".join(lines))

    def _run_edited(self, changes: Changes) -> None:
        self.changed.emit(changes)

    def _fill_run_filter(self) -> None:
        current = self.run_filter.currentData()
        self.run_filter.blockSignals(True)
        self.run_filter.clear()
        self.run_filter.addItem("All search runs", None)
        for run in self.project.items("search_run"):
            self.run_filter.addItem(f"{run.get('code') or ''} {run.get('database') or ''}", run.id)
        index = self.run_filter.findData(current)
        self.run_filter.setCurrentIndex(max(index, 0))
        self.run_filter.blockSignals(False)

    def _apply_filter(self) -> None:
        self.model.hide_duplicates = self.hide_duplicates.isChecked()
        self.model.state = self.state_filter.currentData()
        try:
            self.model.years = register.parse_years(self.year_filter.text())
            self.year_filter.setStyleSheet("")
            self.year_filter.setToolTip("")
        except ValueError as err:
            self.model.years = (None, None)
            self.year_filter.setStyleSheet("background: #ffd6d6;")
            self.year_filter.setToolTip(str(err))
        self.model.set_filter(self.search.text(), self.run_filter.currentData())
        self._update_count()
        self._selection_changed()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), register.record_count(self.project)
        pairs = len(register.candidates(self.project))
        self.review_button.setText(f"Review Pairs ({pairs})" if pairs else "Review Pairs")
        self.review_button.setEnabled(pairs > 0)
        self.dedupe_button.setEnabled(total > 1)
        duplicates = register.duplicate_count(self.project)
        if total == 0:
            self.count_label.setText(
                "No records yet. Record each search as a run, then import what the "
                "database exported (Ctrl+I)."
            )
        else:
            counts = f"{total:,} records" if shown == total else f"{shown:,} of {total:,} records"
            if duplicates:
                counts += f" · {duplicates:,} linked as duplicates"
            if pairs:
                counts += f" · {pairs:,} possible duplicates to review"
            self.count_label.setText(counts)

    def _selection_changed(self, *_args: QItemSelection) -> None:
        rows = self.view.selectionModel().selectedRows()
        self._show_record(self.model.record_id(rows[0].row()) if rows else None)

    def _selected_record(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record_id(rows[0].row()) if rows else None

    def _show_full_text_state(self, record_id: int | None) -> None:
        row = register.full_text_of(self.project, record_id) if record_id else None
        duplicate = record_id is not None and register.is_duplicate(self.project, record_id)
        writable = not self.project.read_only and record_id is not None and not duplicate
        self.attach_button.setEnabled(writable)
        self.not_retrieved_button.setEnabled(writable)
        self.open_full_text_button.setEnabled(bool(row and row["status"] == "ATTACHED"))
        self.study_button.setEnabled(writable)
        in_study = record_id is not None and register.study_of(self.project, record_id)
        self.leave_study_button.setVisible(bool(in_study))
        self.leave_study_button.setEnabled(writable)
        if record_id is None:
            self.full_text_label.setText("")
            return
        if row is None:
            text = "Full text: none yet"
        elif row["status"] == "ATTACHED":
            text = f"Full text: {row['file_name']}"
        else:
            note = f" — {row['note']}" if row["note"] else ""
            text = f"Full text: not retrieved{note}"
        study = register.study_of(self.project, record_id)
        if study:
            others = [r for r in register.study_reports(self.project, study) if r != record_id]
            text += (
                f" · Study {register.study_code(self.project, study)} with record"
                f"{'s' if len(others) > 1 else ''} {', '.join(map(str, others))}"
            )
        self.full_text_label.setText(text)

    def attach_full_text(self, path: str | None = None) -> None:
        """Store a PDF in the project as the selected record's full text."""
        record_id = self._selected_record()
        if record_id is None:
            return
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self, "Attach Full Text", "", "PDF files (*.pdf);;All files (*)"
            )
            if not path:
                return
        self._run_full_text(lambda: full_text.attach_pdf(self.project, record_id, path))

    def group_study(self, other_id: int | None = None) -> None:
        """Group the selected record with another report of the same study."""
        record_id = self._selected_record()
        if record_id is None:
            return
        if other_id is None:
            other_id, ok = QInputDialog.getInt(
                self,
                "Same Study As",
                f"Record {record_id} reports the same study as record number:",
                1,
                1,
                2_000_000_000,
            )
            if not ok:
                return
        self._run_full_text(lambda: studies.same_study(self.project, record_id, other_id))

    def leave_study(self) -> None:
        """Take the selected record out of the study it is grouped in."""
        record_id = self._selected_record()
        if record_id is not None:
            self._run_full_text(lambda: studies.leave_study(self.project, record_id))

    def full_text_not_retrieved(self) -> None:
        """Record that the selected record's full text could not be obtained."""
        record_id = self._selected_record()
        if record_id is not None:
            self._run_full_text(lambda: full_text.mark_not_retrieved(self.project, record_id))

    def _run_full_text(self, action: object) -> None:
        try:
            changes = action()  # type: ignore[operator]
        except UserError as err:
            QMessageBox.warning(self, "Full text", str(err))
            return
        self.changed.emit(changes)

    def open_full_text(self) -> None:
        """Open the selected record's PDF in the system's viewer (from a temporary copy)."""
        record_id = self._selected_record()
        row = register.full_text_of(self.project, record_id) if record_id else None
        if not row or row["status"] != "ATTACHED":
            return
        data = register.stored_file(self.project, row["sha256"])
        if data is None:
            return
        folder = Path(tempfile.gettempdir()) / "cerdesk-full-texts"
        folder.mkdir(exist_ok=True)
        target = folder / f"record-{record_id}-{row['sha256'][:8]}.pdf"
        target.write_bytes(data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def _show_record(self, record_id: int | None) -> None:
        self._show_full_text_state(record_id)
        if record_id is None:
            self.detail.setHtml(
                "<p><i>Select a record to see it in full, with where it came from.</i></p>"
            )
            return
        data = register.record_detail(self.project, record_id)
        esc = html.escape
        parts = [f"<h3>{esc(data.get('title') or '(no title)')}</h3>"]
        if data["authors"]:
            parts.append(f"<p>{esc('; '.join(data['authors']))}</p>")
        source = ", ".join(
            str(v)
            for v in (data.get("journal"), data.get("year"), data.get("volume"), data.get("pages"))
            if v
        )
        if source:
            parts.append(f"<p><i>{esc(source)}</i></p>")
        ids = [
            f"DOI {esc(data['doi'])}" if data.get("doi") else "",
            f"PMID {esc(data['pmid'])}" if data.get("pmid") else "",
        ]
        if any(ids):
            parts.append(f"<p>{' · '.join(i for i in ids if i)}</p>")
        if data.get("abstract"):
            parts.append(f"<p>{esc(data['abstract'])}</p>")
        if data["keywords"]:
            parts.append(f"<p><b>Keywords:</b> {esc('; '.join(data['keywords']))}</p>")
        provenance = (
            f"Record {data['id']} · {esc(data['run_code'] or '')} {esc(data['database'] or '')}"
            f" · file {esc(data['file_name'])} ({esc(data['format'])}), record "
            f"{data['source_index']}"
            + (f" (id {esc(data['source_id'])})" if data.get("source_id") else "")
        )
        parts.append(f"<p style='color:gray'>{provenance}</p>")
        parts.append(f"<pre style='color:gray'>{esc(data['raw'][:4000])}</pre>")
        self.detail.setHtml("".join(parts))

    # ------------------------------------------------------------------ import
    def import_dialog(self, paths: list[str] | None = None) -> None:
        """Ask for export files and their search run, then import them."""
        if self.project.read_only:
            self.message.emit("The project is open read-only.")
            return
        if not paths:
            paths, _ = QFileDialog.getOpenFileNames(
                self, "Import Search Results", "", EXPORT_FILTER
            )
            if not paths:
                return
        databases = [d.get("name") for d in self.project.items("search_database") if d.get("name")]
        dialog = ImportDialog(paths, self.project.items("search_run"), databases, self)
        if dialog.exec() != ImportDialog.DialogCode.Accepted:
            return
        new_run = dialog.new_run_values()
        if new_run is not None and not (new_run["database"] or "").strip():
            QMessageBox.warning(self, "Import", "Name the database the files come from.")
            return
        self.start_import(dialog.paths(), dialog.chosen_format(), dialog.run_id(), new_run)

    def start_import(
        self,
        paths: list[Path],
        fmt: str,
        run_id: str | None,
        new_run: dict | None,
        mapping: dict[str, str] | None = None,
    ) -> None:
        """Read ``paths`` in a worker thread, then import them (with progress and cancel)."""
        if not paths:
            return
        progress = QProgressDialog("Reading files…", "Cancel", 0, len(paths), self)
        progress.setWindowTitle("Import")
        progress.setMinimumDuration(300)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        worker = ReadWorker(paths, fmt, mapping)
        self._worker = worker

        def on_progress(index: int, name: str) -> None:
            progress.setValue(index)
            progress.setLabelText(f"Reading {name}…")

        def finish_progress() -> None:
            # Closing a QProgressDialog emits canceled(); the work is done, not cancelled.
            progress.canceled.disconnect(on_cancel)
            progress.close()

        def on_done(files: list[ExportFile]) -> None:
            finish_progress()
            if not worker.cancelled and not self.project.closed:
                self._import(files, run_id, new_run)

        def on_failed(text: str) -> None:
            finish_progress()
            if mapping is None and len(paths) == 1:
                chosen = self._ask_mapping(paths[0])
                if chosen:
                    self.start_import(paths, "auto", run_id, new_run, chosen)
                    return
                if chosen is not None:
                    return  # the user cancelled the mapping
            QMessageBox.warning(self, "Cannot import", f"{text}\n\nNothing was imported.")

        def on_cancel() -> None:
            worker.cancelled = True
            self.message.emit("Import cancelled; nothing was imported.")

        worker.progress.connect(on_progress)
        worker.done.connect(on_done)
        worker.failed.connect(on_failed)
        progress.canceled.connect(on_cancel)
        worker.finished.connect(worker.deleteLater)
        worker.start()

    def stop_import(self) -> None:
        """Cancel a running import and wait for its worker (when the project closes)."""
        if self._worker is not None:
            with contextlib.suppress(RuntimeError):  # already deleted
                self._worker.cancelled = True
        self.wait_for_import()

    def _ask_mapping(self, path: Path) -> dict[str, str] | None:
        """Offer a column mapping when ``path`` is a table cerdesk could not read.

        Returns the mapping, ``{}`` if the user cancelled, or ``None`` if the file is
        not a table (the error is then shown as usual).
        """
        try:
            data = path.read_bytes()
            if xlsx_table.is_xlsx(data):
                text = xlsx_table.to_csv_text(data)
            else:
                text, _encoding = decode_bytes(data)
        except (OSError, DecodeError, UserError):
            return None
        if detect_format(text) not in (None, "csv"):
            return None  # a RIS, XML… file that failed for another reason
        header = csv_table.read_header(text)
        if len(header) < 2:
            return None
        dialog = ColumnMappingDialog(path.name, header, csv_table.guess_mapping(header), self)
        if dialog.exec() != ColumnMappingDialog.DialogCode.Accepted:
            return {}
        return dialog.mapping()

    def wait_for_import(self, timeout_ms: int = 60000) -> None:
        """Block until the reading worker has finished (for tests and closing)."""
        if self._worker is not None:
            with contextlib.suppress(RuntimeError):  # already deleted
                self._worker.wait(timeout_ms)

    def _import(self, files: list[ExportFile], run_id: str | None, new_run: dict | None) -> None:
        """Ask for any consent needed here, then write the records in a worker thread."""
        options = {"accept_skipped": False, "allow_same_file": False}
        while True:
            try:
                check_import(self.project, files, run_id=run_id, new_run=new_run, **options)
            except SkippedRecordsError as err:
                if not self._confirm("Some records cannot be read", str(err), "Import the Others"):
                    return
                options["accept_skipped"] = True
                continue
            except SameFileError as err:
                if not self._confirm("Already imported", str(err), "Import Again"):
                    return
                options["allow_same_file"] = True
                continue
            except UserError as err:
                QMessageBox.warning(self, "Cannot import", f"{err}\n\nNothing was imported.")
                return
            break
        total = sum(len(f.result.records) for f in files)
        progress = QProgressDialog(f"Writing {total:,} records into the project…", "", 0, 0, self)
        progress.setWindowTitle("Import")
        progress.setCancelButton(None)  # one transaction: it completes or nothing is written
        progress.setMinimumDuration(400)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        writer = WriteWorker(self.project, files, run_id, new_run, options)
        self._worker = writer

        def on_written(changes: Changes) -> None:
            progress.close()
            self.changed.emit(changes)
            self.message.emit(f"Imported {total:,} records.")

        def on_failed(text: str) -> None:
            progress.close()
            QMessageBox.warning(self, "Cannot import", f"{text}\n\nNothing was imported.")

        writer.written.connect(on_written)
        writer.failed.connect(on_failed)
        writer.finished.connect(writer.deleteLater)
        writer.start()

    def _confirm(self, title: str, text: str, action: str) -> bool:
        return ask_choice(self, title, text, [("go", action, Role.AcceptRole)]) == "go"

    # -------------------------------------------------------------- duplicates
    def find_duplicates(self) -> None:
        """Run de-duplication with a progress bar the user can cancel."""
        if self.project.read_only:
            self.message.emit("The project is open read-only.")
            return
        progress = QProgressDialog("Comparing records…", "Cancel", 0, 100, self)
        progress.setWindowTitle("Find Duplicates")
        progress.setMinimumDuration(400)
        progress.setWindowModality(Qt.WindowModality.WindowModal)

        def report(done: int, total: int) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(min(done, total))
            QApplication.processEvents()

        try:
            outcome = run_dedupe(self.project, progress=report, cancelled=progress.wasCanceled)
        except UserError as err:
            progress.close()
            self.message.emit(str(err))
            return
        progress.close()
        if not outcome.changes.empty:
            self.changed.emit(outcome.changes)
        pairs = len(register.candidates(self.project))
        self.message.emit(
            f"{outcome.linked:,} records newly linked as duplicates; "
            f"{pairs:,} possible duplicates to review (Review Pairs)."
        )

    def review_duplicates(self) -> None:
        """Open the side-by-side review of the pairs waiting for a decision."""
        dialog = DuplicateReviewDialog(self.project, self)
        dialog.decided.connect(self.changed)
        dialog.exec()

    def screen_records(self) -> None:
        """Open keyboard-driven screening."""
        if self.project.read_only:
            self.message.emit("The project is open read-only.")
            return
        dialog = ScreeningDialog(self.project, self)
        dialog.decided.connect(self.changed)
        dialog.exec()

    def commit_pending(self) -> None:
        """Save text typed in the run form or the other-data forms but not yet saved."""
        self.runs.commit_pending()
        for editor in self.other_editors:
            editor.commit_pending()

    def select_record(self, record_id: int) -> None:
        """Select and show ``record_id`` (if it is in the current filter)."""
        row = self.model.row_of(record_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))
