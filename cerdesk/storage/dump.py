"""The JSON interchange format: dump a whole project to JSON and load it back.

A dump holds every stored value of every table (user data, the file's ``meta`` and the
change log), so ``load(dump(p))`` dumps identically. Only the undo journal is left out:
a loaded project starts with nothing to undo. The layout is documented in
docs/file-format.md ("JSON dump").

A dump records the schema version it was written at. Loading builds the file at that
version, inserts the rows, then runs the usual migrations, so dumps written by older
releases stay loadable.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from cerdesk.core.entities import ENTITIES, SINGLETON_ID, EntitySpec, in_sentence
from cerdesk.core.errors import InvalidValueError, UserError
from cerdesk.storage import identity
from cerdesk.storage.codec import from_column, from_json, json_ready
from cerdesk.storage.errors import ProjectExistsError, ProjectFileError, ProjectLockedError
from cerdesk.storage.journal import FULL_TEXT
from cerdesk.storage.lock import read_lock
from cerdesk.storage.migrations import SCHEMA_VERSION
from cerdesk.storage.project import Project, apply_migrations

#: Value of the ``format`` key of every dump.
DUMP_FORMAT = "cerdesk-project-dump"
#: Version of the dump layout itself (not of the schema); bumped only if the envelope changes.
DUMP_FORMAT_VERSION = 1

#: Tables that are bookkeeping, not project content: never dumped (nor ``*_parked``,
#: the rows of undone imports, which belong to the undo history).
_NOT_DUMPED = {"undo_step", "sqlite_sequence"}
_ENVELOPE = ("format", "format_version", "schema_version", "meta", "tables", "change_log")


class DumpError(UserError):
    """A JSON file is not a cerdesk dump this version can load; the message says why."""


def _content_tables(project: Project) -> list[str]:
    """Return the project's data tables: entity order first, then any others by name."""
    names = {
        name
        for name in project.table_names()
        if name not in _NOT_DUMPED and not name.endswith("_parked")
    } - {"meta", "change_log"}
    ordered = [spec.table for spec in ENTITIES if spec.table in names]
    return ordered + sorted(names - set(ordered))


def _specs() -> dict[str, EntitySpec]:
    return {spec.table: spec for spec in ENTITIES}


def dump_data(project: Project) -> dict[str, Any]:
    """Return the whole project as a JSON-ready dict (see docs/file-format.md)."""
    specs = _specs()
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in _content_tables(project):
        spec = specs.get(table)
        fields = {f.name: f for f in spec.fields} if spec else {}
        tables[table] = [json_ready(row, fields) for row in project.raw_rows(table)]
    return {
        "format": DUMP_FORMAT,
        "format_version": DUMP_FORMAT_VERSION,
        "schema_version": project.schema_version,
        "meta": project.meta(),
        "tables": tables,
        "change_log": project.raw_rows("change_log"),
    }


def dumps_project(project: Project) -> str:
    """Return the project's dump as JSON text: stable key order, one value per line."""
    return json.dumps(dump_data(project), ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def dump_project(project: Project, target: str | os.PathLike[str]) -> Path:
    """Write the project's dump to ``target`` (replaced only by a complete file)."""
    target = Path(target).expanduser().absolute()
    temp = target.with_name(f".{target.name}.part-{os.getpid()}")
    try:
        temp.write_text(dumps_project(project), encoding="utf-8")
        os.replace(temp, target)
    except OSError as err:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise ProjectFileError(f"Cannot write {target.name}: {err.strerror}.") from err
    return target


def read_dump(source: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and parse a dump file; raise :class:`DumpError` if it is not JSON."""
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DumpError(f"{path} does not exist.") from None
    except (OSError, UnicodeDecodeError) as err:
        raise DumpError(f"{path.name} cannot be read: {err}.") from err
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise DumpError(
            f"{path.name} is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})."
        ) from err
    return data


def _check_envelope(data: Any) -> int:
    """Validate the outer structure of a dump; return its schema version."""
    if not isinstance(data, dict) or data.get("format") != DUMP_FORMAT:
        raise DumpError(f'This is not a cerdesk project dump (no "format": "{DUMP_FORMAT}").')
    unknown = sorted(set(data) - set(_ENVELOPE))
    if unknown:
        raise DumpError(f"The dump has keys this version does not know: {', '.join(unknown)}.")
    version = data.get("format_version")
    if version != DUMP_FORMAT_VERSION:
        raise DumpError(
            f"The dump uses dump format {version!r}; this version reads format "
            f"{DUMP_FORMAT_VERSION}. Install the cerdesk that wrote it or a newer one."
        )
    schema = data.get("schema_version")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise DumpError("The dump's schema_version must be a whole number from 1.")
    if schema > SCHEMA_VERSION:
        raise DumpError(
            f"The dump was written by a newer cerdesk (project format {schema}); this "
            f"version reads formats up to {SCHEMA_VERSION}. Install the latest cerdesk."
        )
    meta = data.get("meta")
    if not isinstance(meta, dict) or not all(isinstance(v, str | None) for v in meta.values()):
        raise DumpError('The dump\'s "meta" must be an object of text values.')
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise DumpError('The dump\'s "tables" must be an object of tables.')
    for name, rows in tables.items():
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise DumpError(f"Table {name!r} of the dump must be a list of objects.")
    log = data.get("change_log")
    if not isinstance(log, list) or not all(isinstance(r, dict) for r in log):
        raise DumpError('The dump\'s "change_log" must be a list of objects.')
    return schema


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")]


def _insert_rows(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    columns = _columns(conn, table)
    if not columns:
        raise DumpError(f"The dump has a table {table!r} that this project format does not have.")
    for index, row in enumerate(rows, 1):
        extra = sorted(set(row) - set(columns))
        if extra:
            # Never drop what a user entered: refuse rather than load part of a row.
            raise DumpError(
                f"Row {index} of table {table!r} has fields this project format does not "
                f"have: {', '.join(extra)}."
            )
        names = list(row)
        values = []
        for name in names:
            value = row[name]
            if isinstance(value, list) and not all(isinstance(v, str) for v in value):
                raise DumpError(f"Row {index} of table {table!r}: {name} must list texts only.")
            try:
                values.append(from_json(value))
            except ValueError as err:
                raise DumpError(f"Row {index} of table {table!r}: {name}: {err}.") from err
        placeholders = ", ".join("?" for _ in names)
        column_list = ", ".join(f"[{n}]" for n in names)
        try:
            conn.execute(f"INSERT INTO [{table}] ({column_list}) VALUES ({placeholders})", values)
        except sqlite3.IntegrityError as err:
            raise DumpError(f"Row {index} of table {table!r} cannot be loaded: {err}.") from err


def _rebuild_indexes(conn: sqlite3.Connection) -> None:
    """Build the full-text indexes from the loaded rows (they are not dumped)."""
    for index, _view, _columns in FULL_TEXT.values():
        conn.execute(f"INSERT INTO [{index}] ([{index}]) VALUES ('rebuild')")


def _check_content(conn: sqlite3.Connection) -> None:
    """Check that the loaded file is one cerdesk can work with."""
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        table, rowid, parent, _ = problems[0]
        raise DumpError(
            f"Table {table!r} (row {rowid}) refers to a {parent} row the dump does not have."
        )
    for spec in ENTITIES:
        cur = conn.execute(f"SELECT * FROM [{spec.table}]")
        names = [d[0] for d in cur.description]
        ids = []
        for raw in cur:
            row = dict(zip(names, raw, strict=True))
            ids.append(row["id"])
            for f in spec.fields:
                try:
                    f.validate(from_column(f, row.get(f.name)))
                except (InvalidValueError, ValueError, TypeError) as err:
                    raise DumpError(
                        f"{spec.label} {row['id']} in the dump has an invalid value: {err}"
                    ) from err
        if spec.singleton and ids != [SINGLETON_ID]:
            raise DumpError(f"The dump must hold exactly one {in_sentence(spec.label)} row.")


def load_project(
    data: dict[str, Any],
    target: str | os.PathLike[str],
    *,
    overwrite: bool = False,
) -> Path:
    """Write a new project file at ``target`` from a dump.

    The file is built under a temporary name and moved into place only when complete
    and checked, so a bad dump never leaves a half-loaded project (or harms an existing
    file at ``target``).

    Raises:
        DumpError: the dump is malformed, too new, or holds values cerdesk cannot load.
        ProjectExistsError: ``target`` exists and ``overwrite`` is False.
        ProjectLockedError: ``target`` is open in cerdesk.
    """
    schema = _check_envelope(data)
    target = Path(target).expanduser().absolute()
    if target.exists() and not overwrite:
        raise ProjectExistsError(f"{target} already exists; choose another name.")
    holder = read_lock(target)
    if holder is not None:
        raise ProjectLockedError(
            f"{target.name} is open ({holder.user} on {holder.host} since {holder.since}); "
            "close it before replacing it.",
            holder,
        )
    if not target.parent.is_dir():
        raise ProjectFileError(f"The folder {target.parent} does not exist.")
    temp = target.with_name(f".{target.name}.load-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    try:
        conn = sqlite3.connect(str(temp), isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA trusted_schema = OFF")
            conn.execute(f"PRAGMA application_id = {identity.APPLICATION_ID}")
            conn.execute("BEGIN")
            apply_migrations(conn, 0, schema)
            conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)", list(data["meta"].items())
            )
            for table, rows in data["tables"].items():
                _insert_rows(conn, table, rows)
            _insert_rows(conn, "change_log", data["change_log"])
            apply_migrations(conn, schema)
            _rebuild_indexes(conn)
            _check_content(conn)
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            raise DumpError(f"The dump cannot be loaded: {err}.") from err
        finally:
            conn.close()
        identity.quick_check(temp)
        os.replace(temp, target)
    except OSError as err:
        raise ProjectFileError(f"Cannot write {target.name}: {err.strerror}.") from err
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return target
