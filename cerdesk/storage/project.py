"""The project file: create, open (with checks, lock and migration), read, edit, undo.

A :class:`Project` wraps one SQLite connection to one ``.cerdesk`` file. Every change
goes through :meth:`Project.edit`, one transaction that also writes the change log and
an undo step, so there is never unsaved state. See docs/file-format.md for the layout.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cerdesk import __version__
from cerdesk.core.changes import ChangeLogEntry, Changes, Item, UndoStatus
from cerdesk.core.entities import BY_TABLE, ENTITIES, SINGLETON_ID, EntitySpec, entity
from cerdesk.core.errors import NotFoundError, ReadOnlyError
from cerdesk.core.reference import ANNEX_XIV_1A
from cerdesk.core.timeutil import utc_now
from cerdesk.storage import identity
from cerdesk.storage.codec import from_column
from cerdesk.storage.errors import (
    DamagedError,
    NotSQLiteError,
    ProjectExistsError,
    ProjectFileError,
    WriteError,
)
from cerdesk.storage.journal import Edit, peek_labels, replay
from cerdesk.storage.locations import backup_dir
from cerdesk.storage.lock import ProjectLock
from cerdesk.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from cerdesk.storage.sqlite_utils_lite import sqlite_utils

#: File name extension of project files.
SUFFIX = ".cerdesk"

#: How long a write waits for another connection's transaction (a worker's import) to end.
WRITE_WAIT_MS = 60_000

#: Primary SQLite result codes of writes the environment refused (see :func:`_write_error`).
_SQLITE_BUSY, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 5, 8, 10, 13, 14


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        conn = sqlite3.connect(identity.readonly_uri(path), uri=True, isolation_level=None)
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
    else:
        conn = sqlite3.connect(str(path), isolation_level=None)
        # A rollback journal, not WAL: no side files travel with a copied or e-mailed project.
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        # Changed pages stay in memory until COMMIT: the file never holds half a transaction.
        conn.execute("PRAGMA cache_spill = OFF")
        # Writes are serialised: an edit waits for a worker's import to commit.
        conn.execute(f"PRAGMA busy_timeout = {WRITE_WAIT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn


def apply_migrations(conn: sqlite3.Connection, start: int, stop: int | None = None) -> None:
    """Run migrations ``start + 1`` … ``stop`` on ``conn`` inside the caller's transaction.

    ``stop`` defaults to :data:`SCHEMA_VERSION` as it is when called (not when defined),
    so that the check in :meth:`Project.open` and the migrations run always agree.
    """
    if stop is None:
        stop = SCHEMA_VERSION
    for migration in MIGRATIONS[start:stop]:
        if hasattr(migration, "SQL"):
            for statement in _split_sql(migration.SQL):
                conn.execute(statement)
        else:
            migration.upgrade(conn)
        conn.execute(f"PRAGMA user_version = {int(migration.VERSION)}")


def _split_sql(script: str) -> list[str]:
    """Split a migration script into statements (triggers contain inner semicolons)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def backup_copy(path: Path, conn: sqlite3.Connection, label: str) -> Path:
    """Write a consistent copy of an open project into the backup folder; return its path.

    The copy is written under a hidden temporary name and renamed when complete, so a
    file with a backup's name is always a whole backup.

    Raises:
        ProjectFileError: the backup cannot be written (disk full…); nothing is left.
    """
    folder = backup_dir()
    stamp = utc_now().replace(":", "").replace("-", "")
    target = folder / f"{path.stem}-{stamp}-{label}{SUFFIX}"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{path.stem}-{stamp}-{label}-{counter}{SUFFIX}"
    temp = folder / f".{target.name}.part-{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(str(temp))
        try:
            conn.backup(dest)
        finally:
            dest.close()
        os.replace(temp, target)
    except (OSError, sqlite3.Error) as err:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise ProjectFileError(
            f"{path.name} was not changed: its backup could not be written to {folder} ({err})."
        ) from err
    return target


_BACKUP_NAME = r"-(\d{8}T\d{6}(?:\.\d+)?Z)-[^-]+(?:-(\d+))?" + re.escape(SUFFIX)


def newest_backup(path: str | os.PathLike[str]) -> Path | None:
    """Return the newest backup cerdesk kept of the project ``path`` (by name), or None.

    Backups are written before a migration (:func:`backup_copy`); they are matched by the
    project's file name, so a backup of another project of the same name may be returned.
    Files that are not SQLite databases are passed over.
    """
    stem = Path(path).stem
    pattern = re.compile(re.escape(stem) + _BACKUP_NAME)
    found = []
    with contextlib.suppress(OSError):
        for candidate in backup_dir().iterdir():
            match = pattern.fullmatch(candidate.name)
            if match and candidate.is_file():
                found.append((match.group(1), int(match.group(2) or 1), candidate))
    for _stamp, _counter, candidate in sorted(found, reverse=True):
        with contextlib.suppress(ProjectFileError):
            identity.read_header(candidate)
            return candidate
    return None


class Project:
    """An open project file.

    Attributes:
        path: The project file.
        user: Name recorded in the change log for edits made through this object.
        read_only: True if edits are refused (chosen by the user, or the file is not writable).
        read_only_reason: Why the project is read-only, for the window's banner.
        backup_path: The backup written before a migration on opening, if any.
        migrated_from: Schema version the file had before it was migrated on opening.
    """

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        *,
        user: str,
        read_only: bool,
        read_only_reason: str = "",
        lock: ProjectLock | None = None,
    ) -> None:
        self.path = path
        self.user = user
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.backup_path: Path | None = None
        self.migrated_from: int | None = None
        self._conn = conn
        self._db = sqlite_utils.Database(conn, execute_plugins=False)
        self._lock = lock

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        *,
        user: str,
        device_name: str | None = None,
        overwrite: bool = False,
    ) -> Project:
        """Create a new, empty project file and open it.

        The file is built under a temporary name and moved into place, so a crash never
        leaves a half-made project behind.

        Raises:
            ProjectExistsError: ``path`` exists and ``overwrite`` is False.
        """
        path = Path(path).expanduser().absolute()
        if path.exists() and not overwrite:
            raise ProjectExistsError(f"{path} already exists; choose another name.")
        if not path.parent.is_dir():
            raise ProjectFileError(f"The folder {path.parent} does not exist.")
        temp = path.with_name(f".{path.name}.new-{os.getpid()}")
        try:
            conn = _connect(temp, read_only=False)
            try:
                conn.execute(f"PRAGMA application_id = {identity.APPLICATION_ID}")
                db = sqlite_utils.Database(conn, execute_plugins=False)
                with db.atomic():
                    apply_migrations(conn, 0)
                    _write_meta(conn)
                    _seed(conn, user, device_name)
            finally:
                conn.close()
            os.replace(temp, path)
        except OSError as err:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise ProjectFileError(f"Cannot create {path.name}: {err.strerror}.") from err
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()
        return cls.open(path, user=user)

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        user: str,
        read_only: bool = False,
        force_lock: bool = False,
    ) -> Project:
        """Open a project file, checking, locking and migrating it as needed.

        Args:
            path: The ``.cerdesk`` file.
            user: Name recorded in the change log and shown to others in the lock.
            read_only: Open without the lock and refuse edits.
            force_lock: Take over a lock held by someone else (after asking the user).

        Raises:
            ProjectFileError: the file is missing, not SQLite, not a project, too new or
                damaged; the file is left exactly as it was.
            ProjectLockedError: someone else has it open (offer read-only).

        A file refused as damaged or not SQLite carries ``backup_path``, the newest
        backup of a project of that name (see :func:`newest_backup`), to offer instead.
        """
        path = Path(path).expanduser().absolute()
        try:
            return cls._open(path, user=user, read_only=read_only, force_lock=force_lock)
        except (NotSQLiteError, DamagedError) as err:
            err.backup_path = newest_backup(path)
            if err.backup_path is not None:
                err.args = (f"{err} The newest backup of it is {err.backup_path}.",)
            raise

    @classmethod
    def _open(cls, path: Path, *, user: str, read_only: bool, force_lock: bool) -> Project:
        identity.read_header(path)
        reason = ""
        if not read_only and not _writable(path):
            read_only, reason = True, "the file or its folder cannot be written to"
        lock = None
        if not read_only:
            lock = ProjectLock.acquire(path, user, force=force_lock)
        conn = None
        try:
            if Path(f"{path}-journal").exists() and _writable(path):
                # Also when opening read-only: a read-only connection cannot roll back what a
                # crashed writer left, and would report the file as damaged. SQLite rolls the
                # journal back only if its writer is gone, so a live writer is not disturbed.
                _recover_hot_journal(path)
            ident = identity.check_identity(path)
            identity.quick_check(path)
            conn = _connect(path, read_only=read_only)
            project = cls(
                path, conn, user=user, read_only=read_only, read_only_reason=reason, lock=lock
            )
            if ident.schema_version < SCHEMA_VERSION:
                if read_only:
                    conn.close()
                    raise ProjectFileError(
                        f"{path.name} uses an older project format ({ident.schema_version}) "
                        "and must be upgraded, which needs write access. Open it for editing "
                        "or open a copy."
                    )
                project._migrate(ident.schema_version)
        except BaseException:
            # A failed migration must not leave the file open (Windows would keep it locked).
            if conn is not None:
                conn.close()
            if lock:
                lock.release()
            raise
        return project

    def attach(self) -> Project:
        """Return a second handle on this open project, for a long job in a worker thread.

        Call it *in* the worker thread (SQLite connections belong to the thread that made
        them). The handle shares this project's lock (it takes and releases none) and
        writes through its own connection; SQLite serialises the two connections'
        transactions. Close it when the job is done.

        Raises:
            ReadOnlyError: the project is open read-only.
        """
        self._check_writable()
        conn = _connect(self.path, read_only=False)
        # A large page cache keeps a big import's pages in memory until COMMIT, so SQLite
        # takes its exclusive lock only then and the window can keep reading meanwhile.
        conn.execute("PRAGMA cache_size = -400000")
        return Project(self.path, conn, user=self.user, read_only=False)

    def _migrate(self, from_version: int) -> None:
        self.backup_path = backup_copy(self.path, self._conn, f"format{from_version}")
        try:
            with self._transaction():
                apply_migrations(self._conn, from_version)
                self._conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('last_migrated_at', ?)",
                    (utc_now(),),
                )
        except WriteError as err:
            raise WriteError(
                f"{self.path.name} could not be upgraded to the current project format and was "
                f"left as it was. {err}"
            ) from err
        problems = self._conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:  # pragma: no cover - would be a bug in a migration
            raise DamagedError(f"Migration left broken references: {problems[:3]}")
        self.migrated_from = from_version

    def close(self) -> None:
        """Close the connection and release the lock. Safe to call twice."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None  # type: ignore[assignment]
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        """True once :meth:`close` has run."""
        return self._conn is None

    # ---------------------------------------------------------------------- reads
    @property
    def schema_version(self) -> int:
        """``PRAGMA user_version`` of the open file."""
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def meta(self) -> dict[str, str]:
        """Return the project's identity and history values (project_id, created_at…)."""
        return dict(self._conn.execute("SELECT key, value FROM meta ORDER BY key"))

    def get(self, table: str) -> Item:
        """Return the one row of a singleton entity."""
        return self.item(table, SINGLETON_ID)

    def item(self, table: str, row_id: str) -> Item:
        """Return one row by id; raise :class:`NotFoundError` if there is none."""
        spec = entity(table)
        rows = list(self._db[table].rows_where("id = ?", [row_id]))
        if not rows:
            raise NotFoundError(f"{spec.label} {row_id} does not exist.")
        return _to_item(spec, rows[0])

    def items(self, table: str, parent_id: str | None = None) -> list[Item]:
        """Return the rows of a list entity in the user's order (children of ``parent_id``)."""
        spec = entity(table)
        if spec.parent_column:
            if parent_id is None:
                rows = self._db[table].rows_where(order_by=f"[{spec.parent_column}], position, id")
            else:
                rows = self._db[table].rows_where(
                    f"[{spec.parent_column}] = ?", [parent_id], order_by="position, id"
                )
        elif spec.singleton:
            rows = self._db[table].rows_where()
        else:
            rows = self._db[table].rows_where(order_by="position, id")
        return [_to_item(spec, row) for row in rows]

    def count(self, table: str) -> int:
        """Return the number of rows of ``table``."""
        return int(self._conn.execute(f"SELECT COUNT(*) FROM [{table}]").fetchone()[0])

    def snapshot(self) -> dict[str, list[Item]]:
        """Return every row of every entity, keyed by table (for completeness checks)."""
        return {spec.table: self.items(spec.table) for spec in ENTITIES}

    def change_log(self, limit: int | None = None) -> list[ChangeLogEntry]:
        """Return change-log lines, newest first (all of them if ``limit`` is None)."""
        sql = "SELECT * FROM change_log ORDER BY seq DESC"
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [ChangeLogEntry(*row) for row in self._conn.execute(sql, params)]

    def table_names(self) -> list[str]:
        """Return the ordinary tables of the file, in creation order.

        SQLite's own tables, virtual tables (the full-text index) and their shadow
        tables are left out: they are derived from the ordinary ones.
        """
        ordinary = {
            row[1]
            for row in self._conn.execute("PRAGMA main.table_list")
            if row[2] == "table" and not row[1].startswith("sqlite_")
        }
        rows = self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return [row[0] for row in rows if row[0] in ordinary]

    def raw_rows(self, table: str) -> list[dict[str, Any]]:
        """Return stored rows of any table as dicts, in a stable order (for dumps)."""
        order = "seq" if table == "change_log" else "rowid"
        spec = BY_TABLE.get(table)
        if spec is not None and not spec.singleton:
            order = (
                f"[{spec.parent_column}], position, id" if spec.parent_column else "position, id"
            )
        if table == "meta":
            order = "key"
        cur = self._conn.execute(f"SELECT * FROM [{table}] ORDER BY {order}")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur]

    # --------------------------------------------------------------------- writes
    @contextlib.contextmanager
    def edit(self, label: str, *, merge_key: str | None = None) -> Iterator[Edit]:
        """Run one operation as one transaction with one undo step.

        Use only from :mod:`cerdesk.ops`::

            with project.edit("Edit device name", merge_key="device.trade_name") as ed:
                ed.set_values("device", "1", {"trade_name": "X"})
            changes = ed.result()

        Raises:
            ReadOnlyError: the project is open read-only.
        """
        self._check_writable()
        ed = Edit(self._conn, self.user, label, merge_key)
        with self._transaction():
            yield ed
            ed.finish()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction, all or nothing.

        ``BEGIN IMMEDIATE`` takes the write lock first, waiting up to
        :data:`WRITE_WAIT_MS` for another connection's transaction (a worker's import): a
        deferred transaction that read first could not wait and would fail at once with
        "database is locked". A write the environment refuses (disk full, drive gone,
        still busy) is rolled back and raised as :class:`WriteError`.
        """
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            yield
            self._conn.execute("COMMIT")
        except BaseException as err:
            if self._conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
            mapped = _write_error(self.path, err) if isinstance(err, sqlite3.Error) else None
            if mapped is not None:
                raise mapped from err
            raise

    def undo(self) -> Changes:
        """Revert the last operation; return what changed (empty if nothing to undo)."""
        return self._replay("undo")

    def redo(self) -> Changes:
        """Re-apply the last undone operation; return what changed."""
        return self._replay("redo")

    def _replay(self, direction: str) -> Changes:
        self._check_writable()
        with self._transaction():
            result = replay(self._conn, self.user, direction)
        return result or Changes()

    def undo_status(self) -> UndoStatus:
        """Return the labels of the next undo and redo."""
        undo, redo = peek_labels(self._conn)
        return UndoStatus(undo, redo)

    def _check_writable(self) -> None:
        if self.read_only:
            why = f" ({self.read_only_reason})" if self.read_only_reason else ""
            raise ReadOnlyError(f"{self.path.name} is open read-only{why}; changes are not saved.")

    def save_copy(self, target: str | os.PathLike[str]) -> Path:
        """Write a consistent snapshot of the project to ``target`` while it stays open.

        The copy is written beside the target under a temporary name, then moved into
        place, so an existing file at ``target`` is replaced only by a complete copy.
        """
        target = Path(target).expanduser().absolute()
        # The same file under another spelling (``..``, a link, another letter case on
        # Windows and macOS) would be replaced under the open connection: edits then lost.
        if target == self.path or (os.path.exists(target) and os.path.samefile(target, self.path)):
            raise ProjectFileError("Choose a different file name for the copy.")
        temp = target.with_name(f".{target.name}.copy-{os.getpid()}")
        try:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
            if self.read_only:
                # query_only forbids VACUUM INTO; the connection itself is read-only (mode=ro).
                self._conn.execute("PRAGMA query_only = OFF")
            try:
                self._conn.execute("VACUUM INTO ?", (str(temp),))
            finally:
                if self.read_only:
                    self._conn.execute("PRAGMA query_only = ON")
            os.replace(temp, target)
        except (OSError, sqlite3.Error) as err:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise ProjectFileError(f"Cannot write {target.name}: {err}.") from err
        return target


def _to_item(spec: EntitySpec, row: dict[str, Any]) -> Item:
    values = {f.name: from_column(f, row.get(f.name)) for f in spec.fields}
    return Item(
        table=spec.table,
        id=row["id"],
        values=values,
        parent_id=row.get(spec.parent_column) if spec.parent_column else None,
        position=row.get("position", 0),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        created_by=row["created_by"],
    )


def _write_error(path: Path, err: sqlite3.Error) -> WriteError | None:
    """Return the user's message for a write SQLite could not make, or None for a bug."""
    code = getattr(err, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    if primary == _SQLITE_BUSY:
        return WriteError(
            f"{path.name} is busy saving another change (such as an import); nothing was "
            "changed. Try again when it has finished."
        )
    if primary in (_SQLITE_FULL, _SQLITE_IOERR):
        return WriteError(
            f"{path.name} could not be saved: the disk is full or cannot be written to "
            f"({err}). Nothing of this change was saved and the project is as it was; free "
            "some space (or check the drive) and try again."
        )
    if primary in (_SQLITE_READONLY, _SQLITE_CANTOPEN):
        return WriteError(
            f"{path.name} can no longer be written to ({err}); nothing of this change was "
            "saved. Save a copy elsewhere to keep your work."
        )
    return None


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _recover_hot_journal(path: Path) -> None:
    """Let SQLite roll back an interrupted transaction left by a crash."""
    try:
        conn = sqlite3.connect(str(path))
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise DamagedError(f"{path.name} could not be recovered after a crash: {err}.") from err


def _write_meta(conn: sqlite3.Connection) -> None:
    now = utc_now()
    conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        [
            ("project_id", str(uuid.uuid4())),
            ("created_at", now),
            ("created_with", __version__),
        ],
    )


def _seed(conn: sqlite3.Connection, user: str, device_name: str | None) -> None:
    """Create the singleton rows and the Annex XIV items of a new project."""
    ed = Edit(conn, user, "Create project", None)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for spec in ENTITIES:
        # A single-row table added by a later migration is seeded only once it exists.
        if spec.singleton and spec.table in tables:
            ed.insert(spec.table, row_id=SINGLETON_ID)
    for code, text in ANNEX_XIV_1A:
        ed.insert("cep_item", {"code": code, "requirement": text, "status": "OPEN"})
    if device_name:
        ed.set_values("device", SINGLETON_ID, {"trade_name": device_name})
        ed.set_values(
            "project", SINGLETON_ID, {"title": f"Clinical evaluation of {device_name.strip()}"}
        )
    ed.set_values("project", SINGLETON_ID, {"evaluation_type": "INITIAL"})
    # Creation is logged but is not an undoable step: there is nothing before it.
    ed.finish(undoable=False)
