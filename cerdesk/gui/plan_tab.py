"""The Plan tab: the clinical evaluation plan, one page per section, and its completeness.

Signals:
    changed(object): an operation ran here; the payload is its ``Changes``.
    message(str): a status message for the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cerdesk.core.changes import Changes
from cerdesk.core.completeness import ADVICE, Finding, check_plan
from cerdesk.core.entities import SECTIONS, SINGLETON_ID, Section, children_of, entity
from cerdesk.core.errors import UserError
from cerdesk.gui.widgets.completeness_panel import CompletenessPanel
from cerdesk.gui.widgets.form_editor import FormEditor
from cerdesk.gui.widgets.list_editor import ListEditor
from cerdesk.storage.project import Project


class SectionPage(QScrollArea):
    """One plan section: its singleton forms and list editors, scrolled vertically.

    Attributes:
        section: The section shown.
        forms: Table -> form, for singleton entities.
        lists: Table -> list editor, for list entities.
    """

    changed = Signal(object)
    message = Signal(str)

    def __init__(self, project: Project, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.setObjectName(f"page_{section.key}")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 16, 16)
        title = QLabel(f"<h2>{section.title}</h2>")
        layout.addWidget(title)
        intro = QLabel(section.intro)
        intro.setWordWrap(True)
        intro.setStyleSheet("font-style: italic;")
        layout.addWidget(intro)
        self.forms: dict[str, FormEditor] = {}
        self.lists: dict[str, ListEditor] = {}
        for table in section.tables:
            spec = entity(table)
            if spec.singleton:
                box = QGroupBox(spec.label)
                box_layout = QVBoxLayout(box)
                form = FormEditor(project, spec)
                form.show_row(SINGLETON_ID)
                form.changed.connect(self.changed)
                form.error.connect(self.message)
                box_layout.addWidget(form)
                layout.addWidget(box)
                self.forms[table] = form
            else:
                editor = ListEditor(project, spec)
                editor.changed.connect(self.changed)
                editor.message.connect(self.message)
                layout.addWidget(editor)
                self.lists[table] = editor
        layout.addStretch(1)
        self.setWidget(body)

    def apply_changes(self, changes: Changes) -> None:
        """Refresh the parts of the page that ``changes`` concern."""
        for table, form in self.forms.items():
            if table in changes.tables:
                form.reload()
        for editor in self.lists.values():
            editor.apply_changes(changes)

    def commit_pending(self) -> None:
        """Save text typed on this page but not yet saved."""
        for form in self.forms.values():
            form.commit_pending()
        for editor in self.lists.values():
            editor.commit_pending()


class PlanTab(QWidget):
    """Navigation between plan sections, the section pages and the completeness panel."""

    changed = Signal(object)
    message = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setObjectName("plan_tab")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.nav = QListWidget()
        self.nav.setObjectName("plan_nav")
        self.nav.setMinimumWidth(250)
        self.nav.setMaximumWidth(340)
        self.nav.setStyleSheet("QListWidget::item { padding: 5px 4px; }")
        self.pages = QStackedWidget()
        # Pages are built when first shown: building all nine up front costs a quarter
        # of a second at start-up (bench/open_project.py).
        self.section_pages: dict[str, SectionPage] = {}
        for section in SECTIONS:
            self.pages.addWidget(QWidget())
            item = QListWidgetItem(section.title)
            item.setData(Qt.ItemDataRole.UserRole, section.key)
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._section_changed)
        self.panel = CompletenessPanel()
        self.panel.setMinimumWidth(240)
        self.panel.finding_activated.connect(self.go_to)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.pages)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        splitter.setSizes([270, 720, 300])
        layout.addWidget(splitter)
        self.nav.setCurrentRow(0)
        self.refresh_completeness()

    def page(self, key: str) -> SectionPage:
        """Return the page of section ``key``, building it on first use."""
        page = self.section_pages.get(key)
        if page is None:
            index = [s.key for s in SECTIONS].index(key)
            page = SectionPage(self.project, SECTIONS[index])
            page.changed.connect(self.changed)
            page.message.connect(self.message)
            placeholder = self.pages.widget(index)
            current = self.pages.currentIndex()
            self.pages.insertWidget(index, page)
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            self.pages.setCurrentIndex(current)
            self.section_pages[key] = page
        return page

    # ------------------------------------------------------------------ updates
    def apply_changes(self, changes: Changes) -> None:
        """Refresh what ``changes`` concern and recompute completeness."""
        if not changes.touches(PLAN_TABLES):
            return  # e.g. a screening decision: nothing on the plan's pages changed
        for page in self.section_pages.values():
            page.apply_changes(changes)
        self.refresh_completeness()

    def refresh_completeness(self) -> None:
        """Recompute the findings and the per-section counts in the navigation."""
        findings = check_plan(self.project.snapshot())
        self.panel.set_findings(findings)
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            key = item.data(Qt.ItemDataRole.UserRole)
            section = next(s for s in SECTIONS if s.key == key)
            missing = sum(1 for f in findings if f.section == key and f.level != ADVICE)
            item.setText(f"{section.title}  ({missing})" if missing else f"{section.title}  ✓")
            item.setToolTip(
                f"{missing} required items missing" if missing else "Nothing missing here"
            )

    def commit_pending(self) -> None:
        """Save text typed but not yet saved (before undo, closing or quitting)."""
        current = self.pages.currentWidget()
        if isinstance(current, SectionPage):
            current.commit_pending()

    def _section_changed(self, row: int) -> None:
        previous = self.pages.currentWidget()
        if isinstance(previous, SectionPage):
            previous.commit_pending()
        self.page(SECTIONS[row].key)
        self.pages.setCurrentIndex(row)
        self.panel.set_section(SECTIONS[row].key)

    def show_section(self, key: str) -> SectionPage:
        """Switch to section ``key`` and return its page."""
        keys = [s.key for s in SECTIONS]
        self.nav.setCurrentRow(keys.index(key))
        return self.page(key)

    # --------------------------------------------------------------- navigation
    def reveal(self, changes: Changes) -> None:
        """Show the section an undo or redo changed, unless the current one shows it."""
        current = self.pages.currentWidget()
        if isinstance(current, SectionPage) and _page_tables(current) & changes.tables:
            return
        for section in SECTIONS:
            if _section_tables(section) & changes.tables:
                self.show_section(section.key)
                return

    def go_to(self, finding: Finding) -> None:
        """Show the page, row and field a finding is about, and focus the field."""
        page = self.show_section(finding.section)
        target: QWidget | None = None
        spec = entity(finding.table)
        if spec.singleton:
            form = page.forms.get(finding.table)
            if form is not None:
                target = (
                    form.editors[finding.field].widget if finding.field in form.editors else form
                )
        else:
            editor = self._list_editor(page, finding.table, finding.row_id)
            if editor is not None:
                target = editor
                if finding.row_id:
                    editor.select(finding.row_id)
                    if finding.field in editor.form.editors:
                        target = editor.form.editors[finding.field].widget
        if target is not None:
            page.ensureWidgetVisible(target, 40, 80)
            target.setFocus()

    def _list_editor(self, page: SectionPage, table: str, row_id: str | None) -> ListEditor | None:
        if table in page.lists:
            return page.lists[table]
        spec = entity(table)
        if spec.parent is None:
            return None
        parent_editor = self._list_editor(page, spec.parent, None)
        if parent_editor is None:
            return None
        if row_id:
            try:
                parent_editor.select(self.project.item(table, row_id).parent_id or "")
            except UserError:
                return None
        return next((c for c in parent_editor.child_editors if c.spec.table == table), None)


def _section_tables(section: Section) -> set[str]:
    """Return the tables a section's page edits, child lists included."""
    tables = set(section.tables)
    pending = list(section.tables)
    while pending:
        for child in children_of(pending.pop()):
            tables.add(child.table)
            pending.append(child.table)
    return tables


def _page_tables(page: SectionPage) -> set[str]:
    tables = set(page.forms)
    for editor in page.lists.values():
        tables |= editor.tables
    return tables


#: Every table edited on a page of the plan (child lists included).
PLAN_TABLES = frozenset().union(*(_section_tables(section) for section in SECTIONS))
