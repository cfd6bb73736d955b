"""The main window: one tab per stage of the clinical evaluation, menus, status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cerdesk import __version__
from cerdesk.core.changes import Changes
from cerdesk.core.errors import UserError
from cerdesk.gui.appraisal_tab import APPRAISAL_TABLES, AppraisalTab
from cerdesk.gui.dialogs.choice import Role, ask_choice
from cerdesk.gui.evidence_tab import REGISTER_TABLES, EvidenceTab
from cerdesk.gui.placeholder_tab import PlaceholderTab
from cerdesk.gui.plan_tab import PlanTab
from cerdesk.gui.welcome import WelcomePage
from cerdesk.ops import plan
from cerdesk.storage.errors import ProjectLockedError
from cerdesk.storage.migrations import SCHEMA_VERSION
from cerdesk.storage.project import SUFFIX, Project
from cerdesk.storage.settings import Settings, save_settings

FILE_FILTER = f"cerdesk projects (*{SUFFIX});;All files (*)"

#: The later stages, with what each will hold; their editors come from later work.
LATER_TABS = (
    (
        "Benefit–Risk",
        "Risks from the risk management file, observed rates against the state of the art "
        "and the benefit–risk determination per indication and population.",
    ),
    (
        "Report",
        "The clinical evaluation report, its release checks and the PDF export.",
    ),
)


class MainWindow(QMainWindow):
    """The application window.

    Attributes:
        settings: User preferences (recent files, geometry, user name).
        project: The open project, or ``None``.
        plan_tab: The Plan tab while a project is open.
    """

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.project: Project | None = None
        self.plan_tab: PlanTab | None = None
        self.evidence_tab: EvidenceTab | None = None
        self.appraisal_tab: AppraisalTab | None = None
        self.setObjectName("main_window")
        self.setMinimumSize(760, 520)
        self._build_actions()
        self._build_menus()
        self.stack = QStackedWidget()
        self.welcome = WelcomePage(self)
        self.welcome.new_requested.connect(self.new_project_dialog)
        self.welcome.open_requested.connect(self.open_project_dialog)
        self.welcome.sample_requested.connect(self.open_sample)
        self.welcome.recent_requested.connect(self.open_project)
        self.stack.addWidget(self.welcome)
        self.project_area = QWidget()
        area_layout = QVBoxLayout(self.project_area)
        area_layout.setContentsMargins(0, 0, 0, 0)
        self.banner = QLabel()
        self.banner.setObjectName("read_only_banner")
        self.banner.setStyleSheet(
            "background: #fff3cd; color: #5c4400; padding: 6px; border-bottom: 1px solid #e0c36a;"
        )
        self.banner.setVisible(False)
        area_layout.addWidget(self.banner)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("stage_tabs")
        self.tabs.setDocumentMode(True)
        area_layout.addWidget(self.tabs)
        self.stack.addWidget(self.project_area)
        self.setCentralWidget(self.stack)
        self.status_path = QLabel()
        self.statusBar().addPermanentWidget(self.status_path)
        self._restore_geometry()
        self._show_project_state()

    # ---------------------------------------------------------------- building
    def _action(self, text: str, slot: object, shortcut: object = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action("&New Project…", self.new_project_dialog, keys.New)
        self.open_action = self._action("&Open…", self.open_project_dialog, keys.Open)
        self.sample_action = self._action("Open &Sample Project", self.open_sample)
        self.save_copy_action = self._action(
            "Save a &Copy As…", self.save_copy_dialog, "Ctrl+Shift+S"
        )
        self.close_action = self._action("&Close Project", self.close_project, keys.Close)
        self.quit_action = self._action("&Quit", self.close, keys.Quit)
        self.undo_action = self._action("&Undo", self.undo, keys.Undo)
        self.redo_action = self._action("&Redo", self.redo, keys.Redo)
        self.about_action = self._action("&About cerdesk", self.show_about)
        self.preferences_action = self._action("&Preferences…", self.show_preferences)
        # Preferences has no standard key on Windows or most Linux desktops.
        bindings = QKeySequence.keyBindings(keys.Preferences)
        self.preferences_action.setShortcuts(bindings or [QKeySequence("Ctrl+,")])
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        for action in (self.undo_action, self.redo_action):
            action.setObjectName(action.text().replace("&", "").lower() + "_action")
        self.stage_actions = []
        for index in range(5):
            action = self._action(
                f"Stage {index + 1}", lambda _c=False, i=index: self.tabs.setCurrentIndex(i)
            )
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            self.addAction(action)
            self.stage_actions.append(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self.sample_action)
        file_menu.addSeparator()
        file_menu.addAction(self.save_copy_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        if not self.settings.recent_files:
            empty = self.recent_menu.addAction("No recent projects")
            empty.setEnabled(False)
            return
        for text in self.settings.recent_files:
            action = self.recent_menu.addAction(text)
            action.triggered.connect(lambda _checked=False, p=text: self.open_project(p))
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("Clear List", self._clear_recent)

    def _clear_recent(self) -> None:
        self.settings.recent_files = []
        self._save_settings()
        self.welcome.set_recent(self.settings.recent_files)

    # ------------------------------------------------------------- project life
    def open_project(self, path: str | Path, *, read_only: bool = False) -> bool:
        """Open ``path``, asking the user what to do if it is locked; True on success."""
        path = Path(path)
        if self.project is not None and self.project.path == path.absolute():
            return True
        user = self.settings.effective_user
        try:
            project = Project.open(path, user=user, read_only=read_only)
        except ProjectLockedError as err:
            choice = self._ask_locked(err)
            if choice == "cancel":
                return False
            try:
                if choice == "read_only":
                    project = Project.open(path, user=user, read_only=True)
                else:
                    project = Project.open(path, user=user, force_lock=True)
            except UserError as again:
                self._error("Cannot open project", str(again))
                return False
        except UserError as err:
            self._error("Cannot open project", str(err))
            if not path.exists():
                self.settings.remove_recent(path)
                self._save_settings()
                self.welcome.set_recent(self.settings.recent_files)
            return False
        self._install(project)
        if project.migrated_from is not None:
            QMessageBox.information(
                self,
                "Project upgraded",
                f"{path.name} was upgraded from project format {project.migrated_from} to "
                f"{SCHEMA_VERSION}. A copy of the original was kept at:\n{project.backup_path}",
            )
        return True

    def _ask_locked(self, err: ProjectLockedError) -> str:
        """Ask what to do with a project open elsewhere: "read_only", "anyway" or "cancel"."""
        return ask_choice(
            self,
            "Project already open",
            str(err),
            [
                ("read_only", "Open Read-Only", Role.AcceptRole),
                ("anyway", "Open for Editing Anyway", Role.DestructiveRole),
            ],
            informative="You can open it read-only to look at it. Open it for editing only if "
            "you are sure the other copy is no longer in use: two people editing at once can "
            "lose work.",
            icon=QMessageBox.Icon.Warning,
        )

    def _install(self, project: Project) -> None:
        self.close_project()
        self.project = project
        self.plan_tab = PlanTab(project)
        self.plan_tab.changed.connect(self.dispatch)
        self.plan_tab.message.connect(self.show_message)
        self.tabs.addTab(self.plan_tab, "Plan")
        self.evidence_tab = EvidenceTab(project)
        self.evidence_tab.changed.connect(self.dispatch)
        self.evidence_tab.message.connect(self.show_message)
        self.tabs.addTab(self.evidence_tab, "Evidence")
        self.appraisal_tab = AppraisalTab(project)
        self.appraisal_tab.changed.connect(self.dispatch)
        self.appraisal_tab.message.connect(self.show_message)
        self.tabs.addTab(self.appraisal_tab, "Appraisal")
        for title, text in LATER_TABS:
            self.tabs.addTab(PlaceholderTab(title, text), title)
        for index in range(self.tabs.count()):
            self.tabs.setTabToolTip(index, f"Ctrl+{index + 1}")
        self.settings.add_recent(project.path)
        self._save_settings()
        self._show_project_state()

    def close_project(self) -> None:
        """Close the open project (everything is already saved)."""
        if self.project is None:
            return
        for tab in self._editing_tabs():
            tab.commit_pending()
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()
        if self.evidence_tab is not None:
            self.evidence_tab.stop_import()
        self.plan_tab = None
        self.evidence_tab = None
        self.appraisal_tab = None
        self.project.close()
        self.project = None
        self.welcome.set_recent(self.settings.recent_files)
        self._show_project_state()

    def new_project(self, path: str | Path, device_name: str | None = None) -> bool:
        """Create a project at ``path`` (replacing a file the user agreed to replace)."""
        try:
            project = Project.create(
                path, user=self.settings.effective_user, device_name=device_name, overwrite=True
            )
        except UserError as err:
            self._error("Cannot create project", str(err))
            return False
        self._install(project)
        return True

    def new_project_dialog(self) -> None:
        """Ask where to create a new project, then create and open it."""
        path, _filter = QFileDialog.getSaveFileName(
            self, "New Project", str(Path.home() / f"Untitled{SUFFIX}"), FILE_FILTER
        )
        if path:
            if not path.endswith(SUFFIX):
                path += SUFFIX
            self.new_project(path)

    def open_project_dialog(self) -> None:
        """Ask for a project file and open it."""
        path, _filter = QFileDialog.getOpenFileName(self, "Open Project", "", FILE_FILTER)
        if path:
            self.open_project(path)

    def open_sample(self, *, ask: bool = True) -> None:
        """Open the user's copy of the sample project, writing a fresh one when needed.

        When the copy holds the user's edits, ask whether to keep them (or, with
        ``ask=False``, keep them without asking).
        """
        from cerdesk.gui.sample import copy_is_edited, sample_copy_path, write_sample_copy

        target = sample_copy_path()
        if self.project is not None and self.project.path == target:
            return
        try:
            if copy_is_edited(target):
                choice = self._ask_sample_copy() if ask else "keep"
                if choice == "cancel":
                    return
                if choice == "fresh":
                    write_sample_copy(target)
            else:
                write_sample_copy(target)
        except UserError as err:
            self._error("Cannot open the sample project", str(err))
            return
        self.open_project(target)

    def _ask_sample_copy(self) -> str:
        """Ask whether to keep the user's edited sample copy: "keep", "fresh" or "cancel"."""
        return ask_choice(
            self,
            "Open Sample Project",
            "You have edited your copy of the sample project.",
            [
                ("keep", "Continue with My Copy", Role.AcceptRole),
                ("fresh", "Start Again", Role.DestructiveRole),
            ],
            informative="Continue with your copy, or start again from a fresh sample? "
            "Starting again replaces your copy and its edits.",
        )

    def save_copy_dialog(self) -> None:
        """Ask for a file name and write a snapshot of the open project there."""
        if self.project is None:
            return
        for tab in self._editing_tabs():
            tab.commit_pending()
        suggested = self.project.path.with_name(f"{self.project.path.stem} copy{SUFFIX}")
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save a Copy As", str(suggested), FILE_FILTER
        )
        if path:
            if not path.endswith(SUFFIX):
                path += SUFFIX
            self.save_copy(path)

    def save_copy(self, path: str | Path) -> None:
        """Write a snapshot of the open project to ``path``."""
        if self.project is None:
            return
        try:
            target = self.project.save_copy(path)
        except UserError as err:
            self._error("Cannot save a copy", str(err))
            return
        self.show_message(f"Saved a copy to {target}")

    def _editing_tabs(self) -> list[PlanTab | EvidenceTab | AppraisalTab]:
        tabs = (self.plan_tab, self.evidence_tab, self.appraisal_tab)
        return [tab for tab in tabs if tab is not None]

    # -------------------------------------------------------------- edit/undo
    def dispatch(self, changes: Changes) -> None:
        """Tell every tab what changed, then update the Edit menu."""
        for tab in self._editing_tabs():
            tab.apply_changes(changes)
        self._update_undo_actions()

    def undo(self) -> None:
        """Undo the last operation."""
        self._replay(plan.undo)

    def redo(self) -> None:
        """Redo the last undone operation."""
        self._replay(plan.redo)

    def _replay(self, op: object) -> None:
        if self.project is None:
            return
        for tab in self._editing_tabs():
            tab.commit_pending()
        try:
            changes = op(self.project)  # type: ignore[operator]
        except UserError as err:
            self.show_message(str(err))
            return
        self.dispatch(changes)
        if self.appraisal_tab is not None and changes.touches(APPRAISAL_TABLES):
            self.tabs.setCurrentWidget(self.appraisal_tab)
            self.appraisal_tab.reveal(changes)
        elif self.evidence_tab is not None and changes.touches(REGISTER_TABLES):
            self.tabs.setCurrentWidget(self.evidence_tab)
        elif self.plan_tab is not None:
            self.plan_tab.reveal(changes)
        if changes.label:
            self.show_message(changes.label)

    def _update_undo_actions(self) -> None:
        status = self.project.undo_status() if self.project and not self.project.closed else None
        writable = self.project is not None and not self.project.read_only
        can_undo = bool(status and status.can_undo and writable)
        can_redo = bool(status and status.can_redo and writable)
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)
        self.undo_action.setText(f"&Undo {status.undo_label}" if can_undo and status else "&Undo")
        self.redo_action.setText(f"&Redo {status.redo_label}" if can_redo and status else "&Redo")

    # --------------------------------------------------------------- display
    def _show_project_state(self) -> None:
        project = self.project
        open_ = project is not None
        self.stack.setCurrentWidget(self.project_area if open_ else self.welcome)
        self.save_copy_action.setEnabled(open_)
        self.close_action.setEnabled(open_)
        if project is None:
            self.setWindowTitle("cerdesk")
            self.status_path.setText("")
            self.banner.setVisible(False)
            self.welcome.set_recent(self.settings.recent_files)
        else:
            suffix = " [read-only]" if project.read_only else ""
            self.setWindowTitle(f"{project.path.name}{suffix} — cerdesk")
            self.status_path.setText(f"{project.path}  ·  {project.user}")
            if project.read_only:
                reason = project.read_only_reason or "you chose to open it read-only"
                self.banner.setText(f"Read-only: {reason}. Changes cannot be made or saved.")
            self.banner.setVisible(project.read_only)
        self._update_undo_actions()

    def show_message(self, text: str) -> None:
        """Show ``text`` in the status bar for a while."""
        self.statusBar().showMessage(text, 8000)

    def _error(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def show_preferences(self) -> None:
        """Let the user set their name; later edits are recorded under it."""
        from cerdesk.gui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self)
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        dialog.apply_to(self.settings)
        save_settings(self.settings)
        if self.project is not None:
            self.project.user = self.settings.effective_user
        self._show_project_state()

    def show_about(self) -> None:
        """Show the version, project format and the open file."""
        where = str(self.project.path) if self.project else "no project open"
        QMessageBox.about(
            self,
            "About cerdesk",
            f"<h3>cerdesk {__version__}</h3>"
            "<p>Clinical evaluation reports under EU MDR 2017/745, prepared offline.</p>"
            f"<p>Project format: {SCHEMA_VERSION}<br>Project file: {where}</p>",
        )

    # ------------------------------------------------------------- geometry
    def _restore_geometry(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode()))
        else:
            self.resize(1280, 820)
        if self.settings.window_state:
            self.restoreState(QByteArray.fromBase64(self.settings.window_state.encode()))

    def _save_settings(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as err:
            self.show_message(f"Settings could not be saved: {err.strerror}")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_project()
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        self.settings.window_state = bytes(self.saveState().toBase64().data()).decode()
        self._save_settings()
        event.accept()
