"""Why a project file cannot be opened or created, each as one plain sentence."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cerdesk.core.errors import UserError


class ProjectFileError(UserError):
    """A project file cannot be used; the message names the file and the reason.

    Attributes:
        backup_path: For a file refused as damaged (or not SQLite any more), the newest
            backup cerdesk kept of a project of that name, to offer for restore; else None.
    """

    backup_path: Path | None = None


class NotSQLiteError(ProjectFileError):
    """The file is not an SQLite database at all."""


class NotAProjectError(ProjectFileError):
    """The file is an SQLite database but not a cerdesk project."""


class TooNewError(ProjectFileError):
    """The file was written by a newer cerdesk with a schema this version cannot read."""

    def __init__(self, message: str, file_version: int, supported_version: int) -> None:
        super().__init__(message)
        self.file_version = file_version
        self.supported_version = supported_version


class DamagedError(ProjectFileError):
    """SQLite's quick check reports the file as damaged."""


class WriteError(ProjectFileError):
    """A change could not be written (disk full, drive gone, busy); none of it was kept."""


class ProjectExistsError(ProjectFileError):
    """A new project would overwrite an existing file."""


@dataclass(frozen=True)
class LockInfo:
    """Who holds a project open.

    Attributes:
        user: User name of the holder.
        host: Computer name of the holder.
        pid: Process id on that computer.
        since: When they opened it (ISO 8601, UTC).
    """

    user: str
    host: str
    pid: int
    since: str


class ProjectLockedError(ProjectFileError):
    """Someone else has the project open for editing."""

    def __init__(self, message: str, info: LockInfo) -> None:
        super().__init__(message)
        self.info = info
