"""What a file on disk is: a cerdesk project of some schema version, or something else.

Reading the identity never changes the file: the SQLite header is read as bytes and the
quick check runs on a read-only connection.
"""

from __future__ import annotations

import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from cerdesk.storage.errors import (
    DamagedError,
    NotAProjectError,
    NotSQLiteError,
    ProjectFileError,
    TooNewError,
)
from cerdesk.storage.migrations import SCHEMA_VERSION

#: ``PRAGMA application_id`` of every cerdesk project: the ASCII bytes "CERd".
APPLICATION_ID = 0x43455264

_SQLITE_MAGIC = b"SQLite format 3\x00"

#: A read-only connection met a journal left by a crashed writer and cannot roll it back.
_SQLITE_READONLY_ROLLBACK = 776


@dataclass(frozen=True)
class FileIdentity:
    """The identity read from a project file's header.

    Attributes:
        application_id: ``PRAGMA application_id`` stored in the file.
        schema_version: ``PRAGMA user_version`` stored in the file.
    """

    application_id: int
    schema_version: int


def read_header(path: Path) -> FileIdentity:
    """Read the identity of ``path`` from its SQLite header.

    Raises:
        ProjectFileError: the file is missing, is a folder or cannot be read.
        NotSQLiteError: the file is not an SQLite database.
    """
    if not path.exists():
        raise ProjectFileError(f"{path} does not exist.")
    if path.is_dir():
        raise ProjectFileError(f"{path} is a folder, not a cerdesk project file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as err:
        raise ProjectFileError(f"{path.name} cannot be read: {err.strerror}.") from err
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise NotSQLiteError(
            f"{path.name} is not a cerdesk project: it is not an SQLite database "
            "(perhaps another kind of document, or a file cut short in transfer)."
        )
    (user_version,) = struct.unpack(">i", header[60:64])
    (application_id,) = struct.unpack(">I", header[68:72])
    return FileIdentity(application_id, user_version)


def check_identity(path: Path) -> FileIdentity:
    """Return the identity of ``path`` or raise the error that says why it cannot be opened."""
    ident = read_header(path)
    if ident.application_id != APPLICATION_ID:
        raise NotAProjectError(
            f"{path.name} is an SQLite database but not a cerdesk project "
            "(it was made by another program)."
        )
    if ident.schema_version > SCHEMA_VERSION:
        raise TooNewError(
            f"{path.name} was saved by a newer version of cerdesk (project format "
            f"{ident.schema_version}); this version reads formats up to {SCHEMA_VERSION}. "
            "Install the latest cerdesk to open it.",
            ident.schema_version,
            SCHEMA_VERSION,
        )
    if ident.schema_version < 1:
        raise NotAProjectError(f"{path.name} is an incomplete cerdesk project (no schema).")
    return ident


def readonly_uri(path: Path) -> str:
    """Return the SQLite URI that opens ``path`` read-only."""
    return f"file:{quote(str(path.resolve()))}?mode=ro"


def quick_check(path: Path) -> None:
    """Run SQLite's quick check on a read-only connection; raise :class:`DamagedError`."""
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
    except sqlite3.Error as err:
        raise DamagedError(f"{path.name} cannot be opened: {err}.") from err
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as err:
        if getattr(err, "sqlite_errorcode", None) == _SQLITE_READONLY_ROLLBACK:
            raise ProjectFileError(
                f"{path.name} was being saved when cerdesk or the computer stopped, and must "
                "be repaired by opening it once with permission to change it (the repair "
                "keeps everything saved before the interruption)."
            ) from err
        raise DamagedError(
            f"{path.name} is damaged and cannot be opened ({err}). "
            "Open one of its backups or a copy you sent to someone."
        ) from err
    finally:
        conn.close()
    if rows != ["ok"]:
        raise DamagedError(
            f"{path.name} is damaged and cannot be opened (SQLite reports: {rows[0]}). "
            "Open one of its backups or a copy you sent to someone."
        )
