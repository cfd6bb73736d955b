"""Per-user preferences kept in ``settings.json``: user name, recent files, window state.

Plain JSON (not QSettings) so that the command line reads the same user name as the
GUI. A damaged settings file is set aside and replaced by defaults, never fatal.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from cerdesk.storage.locations import config_dir

MAX_RECENT = 10


@dataclass
class Settings:
    """The user's preferences.

    Attributes:
        user_name: Name recorded in change logs; empty means the OS user name.
        recent_files: Most recently opened projects, newest first.
        window_geometry: Base64 of the main window's saved geometry (Qt's own format).
        window_state: Base64 of the main window's saved state.
    """

    user_name: str = ""
    recent_files: list[str] = field(default_factory=list)
    window_geometry: str = ""
    window_state: str = ""

    @property
    def effective_user(self) -> str:
        """The name to record: the preference, else the OS user name."""
        return self.user_name.strip() or default_user()

    def add_recent(self, path: str | os.PathLike[str]) -> None:
        """Put ``path`` first in the recent files list."""
        text = str(Path(path).absolute())
        self.recent_files = [text, *[p for p in self.recent_files if p != text]][:MAX_RECENT]

    def remove_recent(self, path: str | os.PathLike[str]) -> None:
        """Forget ``path`` (it was moved or deleted)."""
        text = str(Path(path).absolute())
        self.recent_files = [p for p in self.recent_files if p != text]


def default_user() -> str:
    """Return the operating system's user name, or "unknown user"."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "unknown user"


def settings_path() -> Path:
    """Return the settings file's path."""
    return config_dir() / "settings.json"


def load_settings() -> Settings:
    """Read the settings, falling back to defaults if the file is missing or unreadable."""
    path = settings_path()
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            path.replace(path.with_suffix(".json.damaged"))
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    known = {k: v for k, v in data.items() if k in Settings.__dataclass_fields__}
    try:
        settings = Settings(**known)
    except TypeError:
        return Settings()
    settings.recent_files = [p for p in settings.recent_files if isinstance(p, str)]
    return settings


def save_settings(settings: Settings) -> None:
    """Write the settings atomically (a temporary file moved into place)."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".json.tmp")
    temp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    os.replace(temp, path)
