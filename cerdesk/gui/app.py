"""The composition root: builds the application, settings and main window, then runs.

Nothing here is global: the settings and the window are created in :func:`run_gui` and
passed down.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cerdesk import __version__
from cerdesk.gui.icons import app_icon
from cerdesk.gui.main_window import MainWindow
from cerdesk.storage.settings import load_settings

log = logging.getLogger(__name__)


def _install_excepthook(window: MainWindow) -> None:
    """Show our own bugs in a dialog (with the traceback logged) instead of dying silently."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("Unexpected error:\n%s", text)
        sys.__stderr__.write(text) if sys.__stderr__ else None
        QMessageBox.critical(
            window,
            "Unexpected error",
            "cerdesk hit an unexpected error. Your edits up to this moment are saved.\n\n"
            f"{kind.__name__}: {value}",
        )

    sys.excepthook = hook


def build_window(path: str | None) -> MainWindow:
    """Open ``path`` in a new main window, else the last project, else (first start) the sample."""
    settings = load_settings()
    window = MainWindow(settings)
    if path:
        window.open_project(path)
    elif settings.recent_files and Path(settings.recent_files[0]).exists():
        window.open_project(settings.recent_files[0])
    elif not settings.recent_files:
        # A first start shows a realistic project rather than an empty window.
        window.open_sample(ask=False)
    return window


def run_gui(path: str | None = None) -> int:
    """Run the desktop application; return its exit status."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("cerdesk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("cerdesk")
    app.setWindowIcon(app_icon())
    window = build_window(path)
    _install_excepthook(window)
    window.show()
    if os.environ.get("CERDESK_BENCH_EXIT_WHEN_SHOWN"):
        # bench/open_project.py: report when the first frame is up, then quit.
        QTimer.singleShot(0, lambda: _report_shown(app, window))
    return int(app.exec())


def _report_shown(app: QApplication, window: MainWindow) -> None:
    opened = window.project is not None
    print(f"shown {time.monotonic():.6f} project_open={opened}", flush=True)
    app.quit()


def main() -> int:
    """Entry point of the ``cerdesk-gui`` launcher: ``cerdesk-gui [FILE]``."""
    return run_gui(sys.argv[1] if len(sys.argv) > 1 else None)
