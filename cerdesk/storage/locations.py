"""Where cerdesk keeps its own files: settings and the backups of migrated projects.

``CERDESK_HOME`` (an environment variable) moves both under one folder; tests and
portable installs use it so that nothing touches the user's real settings.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "cerdesk"


def _home() -> Path | None:
    value = os.environ.get("CERDESK_HOME")
    return Path(value) if value else None


def config_dir() -> Path:
    """Folder holding ``settings.json`` (recent files, window geometry, user name)."""
    home = _home()
    return home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, False))


def data_dir() -> Path:
    """Folder holding cerdesk's data, such as backups."""
    home = _home()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, False))


def backup_dir() -> Path:
    """Folder receiving a copy of each project file before it is migrated."""
    return data_dir() / "backups"
