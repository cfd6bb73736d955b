"""The Appraisal tab: the appraisal grid, the selected source, data extraction, analysis.

The grid has one row per source (included literature and the manufacturer's own data) and
one column per criterion; it is edited like a spreadsheet (see
:mod:`cerdesk.gui.appraisal.grid`). Beside it the selected source is shown in full with
its justifications; below it, the results extracted from it. The Analysis page shows each
objective's criteria with their verdicts and forest plots, and the gaps.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cerdesk.core.changes import Changes
from cerdesk.gui.appraisal.analysis_page import AnalysisPage
from cerdesk.gui.appraisal.extraction import ExtractionBox
from cerdesk.gui.appraisal.grid import AppraisalView
from cerdesk.gui.appraisal.source_pane import SourcePane
from cerdesk.gui.models.appraisal_table import (
    COLUMNS,
    GRID_TABLES,
    STATE_FILTERS,
    AppraisalFilterModel,
    AppraisalTableModel,
)
from cerdesk.storage.project import Project

#: Tables whose changes the Appraisal tab shows (undo/redo of these reveals it).
APPRAISAL_TABLES = frozenset(
    {"source", "appraisal_grade", "grade_label", "extracted_outcome", "analysis_settings"}
)

#: Tables whose changes can alter the analysis.
_ANALYSIS_TABLES = (
    GRID_TABLES
    | APPRAISAL_TABLES
    | {
        "objective",
        "acceptance_criterion",
        "clinical_benefit",
        "outcome_parameter",
    }
)


class AppraisalTab(QWidget):
    """The grid page and the analysis page.

    Signals:
        changed(Changes): An edit was made here.
        message(str): Text for the status bar.
    """

    changed = Signal(object)
    message = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._shown_key: str | None = None
        self.setObjectName("appraisal_tab")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        self.pages = QTabWidget()
        self.pages.setObjectName("appraisal_pages")
        self.pages.setDocumentMode(True)
        self.pages.addTab(self._build_grid_page(), "Appraisal Grid")
        self.analysis = AnalysisPage(project)
        self.analysis.message.connect(self.message)
        self.pages.addTab(self.analysis, "Analysis")
        self.pages.currentChanged.connect(lambda _i: self._refresh_analysis())
        layout.addWidget(self.pages)
        self._update_counts()
        self._show_current()

    # ----------------------------------------------------------------- building
    def _build_grid_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("appraisal_search")
        self.search.setPlaceholderText("Filter by code, author, year or title")
        self.search.setClearButtonEnabled(True)
        self.state = QComboBox()
        self.state.setObjectName("appraisal_state_filter")
        for label, key in STATE_FILTERS:
            self.state.addItem(label, key)
        self.fill_button = QPushButton("Fill Down")
        self.fill_button.setObjectName("appraisal_fill_down")
        self.fill_button.setToolTip(
            "Copy the top selected row's values of the selected columns into the rows "
            "below it (Ctrl+D)"
        )
        self.copy_button = QPushButton("Copy Appraisal to Selected")
        self.copy_button.setObjectName("appraisal_copy")
        self.copy_button.setToolTip(
            "Copy the current row's grades, justifications and fields to the other selected "
            "rows (not its extracted results or notes)"
        )
        bar.addWidget(self.search, 1)
        bar.addWidget(self.state)
        bar.addWidget(self.fill_button)
        bar.addWidget(self.copy_button)
        layout.addLayout(bar)
        self.counts = QLabel()
        self.counts.setObjectName("appraisal_counts")
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.counts.linkActivated.connect(lambda _link: self.show_unappraised())
        layout.addWidget(self.counts)

        self.model = AppraisalTableModel(self.project, self)
        self.model.changed.connect(self.changed)
        self.model.message.connect(self.message)
        self.proxy = AppraisalFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = AppraisalView(self.model)
        self.view.setModel(self.proxy)
        self.view.message.connect(self.message)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, col in enumerate(COLUMNS):
            self.view.setColumnWidth(column, col.width)
        fill = QAction("Fill Down", self.view)
        fill.setShortcut(QKeySequence("Ctrl+D"))
        fill.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        fill.triggered.connect(self.view.fill_down)
        copy = QAction("Copy Appraisal to Selected Rows", self.view)
        copy.triggered.connect(self.view.copy_appraisal)
        self.view.addActions([fill, copy])
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.fill_button.clicked.connect(self.view.fill_down)
        self.copy_button.clicked.connect(self.view.copy_appraisal)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())

        self.extraction = ExtractionBox(self.project)
        self.extraction.changed.connect(self.changed)
        self.extraction.message.connect(self.message)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.view)
        left.addWidget(self.extraction)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 1)
        left.setSizes([560, 200])

        self.pane = SourcePane(self.project)
        self.pane.changed.connect(self.changed)
        self.pane.message.connect(self.message)
        pane_scroll = QScrollArea()
        pane_scroll.setObjectName("appraisal_pane_scroll")
        pane_scroll.setWidgetResizable(True)
        pane_scroll.setFrameShape(QFrame.Shape.NoFrame)
        pane_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        pane_scroll.setWidget(self.pane)
        pane_scroll.setMinimumWidth(320)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(pane_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1010, 370])
        layout.addWidget(splitter, 1)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _t: self._filter_timer.start())
        self.state.currentIndexChanged.connect(lambda _i: self._apply_filter())
        return page

    # ------------------------------------------------------------------ filters
    def _apply_filter(self) -> None:
        key = self.view.current_key()
        self.proxy.set_filter(self.search.text(), self.state.currentData())
        if key is not None:
            self.select_source(key)
        self._update_counts()
        self._show_current()

    def set_state_filter(self, key: str | None) -> None:
        """Show only the rows of state ``key`` (a key of STATE_FILTERS; None: all)."""
        self.state.setCurrentIndex(max(self.state.findData(key), 0))

    def show_unappraised(self) -> None:
        """List the sources without a weight and select them."""
        self.search.clear()
        self._filter_timer.stop()
        self.set_state_filter("UNAPPRAISED")
        self._apply_filter()
        keys = [v.key for v in self.model.unappraised()]
        self.view.select_keys(keys)
        self.view.setFocus()
        self._show_current()
        self.message.emit(f"{len(keys)} sources not yet appraised (no weight set).")

    def _update_counts(self) -> None:
        views = [v for v in self.model.views if v.included]
        appraised = sum(1 for v in views if v.value("weight"))
        left = len(views) - appraised
        text = f"{len(views)} sources · {appraised} appraised"
        if left:
            text += f" · {left} not yet appraised (<a href='unappraised'>list…</a>)"
        gone = len(self.model.views) - len(views)
        if gone:
            text += f" · {gone} no longer included (their data kept)"
        shown = self.proxy.rowCount()
        if shown != len(self.model.views):
            text += f" · {shown} shown"
        if not self.model.views:
            text = (
                "No sources yet: include records at full-text screening (Evidence tab) or add "
                "the manufacturer's own data (Evidence › Other Clinical Data)."
            )
        self.counts.setText(text)

    # ------------------------------------------------------------------- current
    def select_source(self, key: str) -> bool:
        """Make the row of ``key`` current (if shown); False otherwise."""
        row = self.model.row_of(key)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        current = self.view.currentIndex()
        column = current.column() if current.isValid() else 0
        self.view.setCurrentIndex(self.proxy.index(index.row(), column))
        self.view.scrollTo(self.view.currentIndex())
        return True

    def _current_row(self) -> int:
        index = self.view.currentIndex()
        if not index.isValid():
            return -1
        return self.proxy.mapToSource(index).row()

    def _show_current(self) -> None:
        row = self._current_row()
        view = self.model.view_at(row) if row >= 0 else None
        if view is None or view.key != self._shown_key:
            self.pane.commit_pending()
        self._shown_key = view.key if view else None
        self.pane.show_source(view, self.model.suggestion(row) if view else None)
        self.extraction.show_source(view)

    # ------------------------------------------------------------------- updates
    def apply_changes(self, changes: Changes) -> None:
        """Refresh what ``changes`` concern after an edit, undo or redo."""
        if changes.touches(GRID_TABLES):
            before = self.model.rowCount()
            key = self._shown_key
            self.model.apply_changes(changes)
            if self.model.rowCount() != before and key:
                self.select_source(key)
            self._update_counts()
        self.extraction.apply_changes(changes)
        if changes.touches(GRID_TABLES | {"extracted_outcome"}):
            self._show_current()
        if changes.touches(_ANALYSIS_TABLES):
            self.analysis.stale = True
            self._refresh_analysis()

    def _refresh_analysis(self) -> None:
        if self.pages.currentWidget() is self.analysis and self.analysis.stale:
            self.analysis.refresh()

    def show_analysis(self) -> None:
        """Show the Analysis page (computing it)."""
        self.pages.setCurrentWidget(self.analysis)
        self._refresh_analysis()

    def reveal(self, changes: Changes) -> None:
        """Show the page and row an undone or redone change concerns."""
        if changes.touches(("extracted_outcome", "source", "appraisal_grade", "grade_label")):
            self.pages.setCurrentIndex(0)

    def commit_pending(self) -> None:
        """Save text typed in the side pane but not yet saved."""
        self.pane.commit_pending()
        for view in (self.view, self.extraction.table):
            if view.state() == QAbstractItemView.State.EditingState:
                editor = view.indexWidget(view.currentIndex())
                if editor is not None:
                    view.commitData(editor)

    def current_index(self) -> QModelIndex:
        """Return the grid's current cell (in the view's model)."""
        return self.view.currentIndex()
