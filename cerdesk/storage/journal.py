"""Row-level edits with their change-log lines and undo step.

An :class:`Edit` is one transaction: the operation calls its methods, each of which
writes to the project and remembers the full row image before and after. When the
operation ends the edit writes one change-log line per changed field (or per inserted
or deleted row) and one undo step, then commits. Undo and redo re-apply the stored
images, so they work for any operation without operation-specific code.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cerdesk.core.changes import Changes
from cerdesk.core.entities import SINGLETON_ID, EntitySpec, children_of, entity
from cerdesk.core.errors import NotFoundError
from cerdesk.core.timeutil import parse_utc, utc_now
from cerdesk.storage.codec import to_column

#: Columns maintained by cerdesk rather than typed by the user; not logged field by field.
META_COLUMNS = frozenset({"created_at", "created_by", "updated_at"})

#: Consecutive edits with the same merge key within this many seconds form one undo step.
MERGE_WINDOW_SECONDS = 300

#: Undo steps kept in a project file; older ones are forgotten (the change log keeps all).
MAX_UNDO_STEPS = 500

Row = dict[str, Any]


@dataclass
class RowChange:
    """The image of one row before and after a change (``None`` = row absent)."""

    table: str
    id: str
    before: Row | None
    after: Row | None

    def to_json(self) -> dict[str, Any]:
        """Return the change as stored in ``undo_step.changes``."""
        return {"table": self.table, "id": self.id, "before": self.before, "after": self.after}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RowChange:
        """Rebuild a change stored by :meth:`to_json`."""
        return cls(data["table"], data["id"], data["before"], data["after"])


@dataclass
class BulkChange:
    """Many rows inserted at once (an import), identified by one column's value.

    Undo moves the rows to ``<table>_parked`` and redo moves them back, so a
    100,000-record import costs one small undo step instead of 100,000 row images.
    """

    table: str
    column: str
    value: str
    count: int

    def to_json(self) -> dict[str, Any]:
        """Return the change as stored in ``undo_step.changes``."""
        return {
            "bulk": {
                "table": self.table,
                "column": self.column,
                "value": self.value,
                "count": self.count,
            }
        }


#: Full-text indexes kept by code: the bulk table whose rows complete a document ->
#: (index, view holding the indexed columns, columns). See migration 2.
FULL_TEXT = {"record_text": ("record_fts", "record_search", ("title", "abstract", "keywords"))}


def index_rows(
    conn: sqlite3.Connection, table: str, where: str, params: tuple[Any, ...], *, add: bool
) -> None:
    """Add the documents of ``table`` rows matching ``where`` to its index, or remove them."""
    if table not in FULL_TEXT:
        return
    index, view, columns = FULL_TEXT[table]
    names = ", ".join(columns)
    documents = f"FROM [{view}] WHERE id IN (SELECT id FROM [{table}] {where})"
    if add:
        sql = f"INSERT INTO [{index}] (rowid, {names}) SELECT id, {names} {documents}"
    else:
        # An external-content FTS5 index forgets a document when told its old values.
        sql = (
            f"INSERT INTO [{index}] ([{index}], rowid, {names}) "
            f"SELECT 'delete', id, {names} {documents}"
        )
    conn.execute(sql, params)


def _move_rows(conn: sqlite3.Connection, change: BulkChange, *, park: bool) -> None:
    source, target = change.table, f"{change.table}_parked"
    if not park:
        source, target = target, source
    where = f"WHERE [{change.column}] = ?"
    if park:
        index_rows(conn, change.table, where, (change.value,), add=False)
    conn.execute(f"INSERT INTO [{target}] SELECT * FROM [{source}] {where}", (change.value,))
    conn.execute(f"DELETE FROM [{source}] {where}", (change.value,))
    if not park:
        index_rows(conn, change.table, where, (change.value,), add=True)


def read_row(conn: sqlite3.Connection, table: str, row_id: str) -> Row | None:
    """Return the stored row ``row_id`` of ``table`` as a dict, or ``None``."""
    cur = conn.execute(f"SELECT * FROM [{table}] WHERE id = ?", (row_id,))
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def write_image(conn: sqlite3.Connection, table: str, row_id: str, image: Row | None) -> None:
    """Make the stored row ``row_id`` equal to ``image`` (delete it if ``image`` is None)."""
    if image is None:
        conn.execute(f"DELETE FROM [{table}] WHERE id = ?", (row_id,))
        return
    columns = list(image)
    exists = conn.execute(f"SELECT 1 FROM [{table}] WHERE id = ?", (row_id,)).fetchone()
    if exists:
        assignments = ", ".join(f"[{c}] = ?" for c in columns)
        conn.execute(
            f"UPDATE [{table}] SET {assignments} WHERE id = ?",
            [image[c] for c in columns] + [row_id],
        )
    else:
        names = ", ".join(f"[{c}]" for c in columns)
        marks = ", ".join("?" for _ in columns)
        conn.execute(
            f"INSERT INTO [{table}] ({names}) VALUES ({marks})", [image[c] for c in columns]
        )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _row_json(row: Row) -> str:
    user_values = {k: v for k, v in row.items() if k not in META_COLUMNS and v is not None}
    return json.dumps(user_values, ensure_ascii=False, sort_keys=True)


def log_row_change(
    conn: sqlite3.Connection, at: str, user: str, action: str, label: str, change: RowChange
) -> None:
    """Append the change-log lines describing ``change``."""
    insert = (
        "INSERT INTO change_log (at, user, action, label, entity, entity_id, field, old_value, "
        "new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    before, after = change.before, change.after
    if before is None and after is not None:
        row_action = "insert" if action == "edit" else action
        conn.execute(
            insert,
            (at, user, row_action, label, change.table, change.id, None, None, _row_json(after)),
        )
    elif after is None and before is not None:
        row_action = "delete" if action == "edit" else action
        conn.execute(
            insert,
            (at, user, row_action, label, change.table, change.id, None, _row_json(before), None),
        )
    elif before is not None and after is not None:
        row_action = "update" if action == "edit" else action
        for column, new in after.items():
            old = before.get(column)
            if column in META_COLUMNS or old == new:
                continue
            conn.execute(
                insert,
                (
                    at,
                    user,
                    row_action,
                    label,
                    change.table,
                    change.id,
                    column,
                    _text(old),
                    _text(new),
                ),
            )


class Edit:
    """One operation in progress: a transaction that records what it changes.

    Created by :meth:`cerdesk.storage.project.Project.edit`; operations call the methods
    below and never write SQL themselves.

    Attributes:
        label: What the user did, shown in the Edit menu ("Undo Edit device name").
        merge_key: Edits with the same key in a short time share one undo step
            (typing in one field), or ``None``.
        changes: The row changes recorded so far, in the order they were made.
        created_id: Id of the last row inserted, if any.
    """

    def __init__(
        self, conn: sqlite3.Connection, user: str, label: str, merge_key: str | None
    ) -> None:
        self._conn = conn
        self._user = user
        self._now = utc_now()
        self.label = label
        self.merge_key = merge_key
        self.changes: list[RowChange | BulkChange] = []
        self.created_id: str | None = None

    # ------------------------------------------------------------------ primitives
    def _record(self, table: str, row_id: str, before: Row | None, after: Row | None) -> None:
        write_image(self._conn, table, row_id, after)
        self.changes.append(RowChange(table, row_id, before, after))

    def _require(self, table: str, row_id: str) -> Row:
        row = read_row(self._conn, table, row_id)
        if row is None:
            spec = entity(table)
            raise NotFoundError(f"{spec.label} {row_id} does not exist (it may have been deleted).")
        return row

    def set_values(self, table: str, row_id: str, values: dict[str, Any]) -> bool:
        """Validate and store field values of one row; return True if anything changed.

        Raises:
            InvalidValueError: a value breaks its field's rules (nothing is written).
            NotFoundError: the row does not exist.
        """
        spec = entity(table)
        stored = {
            name: to_column(spec.field(name), spec.field(name).validate(v))
            for name, v in values.items()
        }
        before = self._require(table, row_id)
        after = dict(before)
        after.update(stored)
        if after == before:
            return False
        after["updated_at"] = self._now
        self._record(table, row_id, before, after)
        return True

    def insert(
        self,
        table: str,
        values: dict[str, Any] | None = None,
        *,
        parent_id: str | None = None,
        position: int | None = None,
        row_id: str | None = None,
    ) -> str:
        """Insert a row into a list entity and return its id.

        Args:
            table: The list entity.
            values: Field values (validated); missing fields stay empty.
            parent_id: The owning row, required for child lists.
            position: Where to insert among its siblings; at the end if ``None``.
            row_id: A given id (singleton seeding and loading); a new UUID otherwise.
        """
        spec = entity(table)
        if spec.parent and parent_id is None:
            raise ValueError(f"{table} rows need a parent {spec.parent} id")
        if spec.parent:
            self._require(spec.parent, parent_id or "")
        row: Row = {"id": row_id or (SINGLETON_ID if spec.singleton else str(uuid.uuid4()))}
        if spec.parent_column:
            row[spec.parent_column] = parent_id
        for f in spec.fields:
            value = f.validate((values or {}).get(f.name))
            row[f.name] = to_column(f, value)
        row.update(created_at=self._now, created_by=self._user, updated_at=self._now)
        if not spec.singleton:
            siblings = self._sibling_ids(spec, parent_id)
            position = len(siblings) if position is None else max(0, min(position, len(siblings)))
            row["position"] = position
            self._reposition(
                spec, [*siblings[:position], row["id"], *siblings[position:]], skip=row["id"]
            )
        self._record(table, row["id"], None, row)
        self.created_id = row["id"]
        return row["id"]

    def delete(self, table: str, row_id: str) -> None:
        """Delete a row of a list entity with all its children."""
        spec = entity(table)
        before = self._require(table, row_id)
        for child in children_of(table):
            ids = [
                r[0]
                for r in self._conn.execute(
                    f"SELECT id FROM [{child.table}] WHERE [{child.parent_column}] = ? "
                    "ORDER BY position DESC",
                    (row_id,),
                )
            ]
            for child_id in ids:
                self.delete(child.table, child_id)
        self._record(table, row_id, before, None)
        if not spec.singleton:
            parent_id = before.get(spec.parent_column) if spec.parent_column else None
            self._reposition(spec, self._sibling_ids(spec, parent_id))

    def move(self, table: str, row_id: str, position: int) -> None:
        """Move a row of a list entity to ``position`` among its siblings."""
        spec = entity(table)
        row = self._require(table, row_id)
        parent_id = row.get(spec.parent_column) if spec.parent_column else None
        siblings = [i for i in self._sibling_ids(spec, parent_id) if i != row_id]
        position = max(0, min(position, len(siblings)))
        self._reposition(spec, [*siblings[:position], row_id, *siblings[position:]])

    def _sibling_ids(self, spec: EntitySpec, parent_id: str | None) -> list[str]:
        if spec.parent_column:
            cur = self._conn.execute(
                f"SELECT id FROM [{spec.table}] WHERE [{spec.parent_column}] = ? "
                "ORDER BY position, id",
                (parent_id,),
            )
        else:
            cur = self._conn.execute(f"SELECT id FROM [{spec.table}] ORDER BY position, id")
        return [r[0] for r in cur]

    def _reposition(self, spec: EntitySpec, ordered_ids: Iterable[str], skip: str = "") -> None:
        for index, row_id in enumerate(ordered_ids):
            if row_id == skip:
                continue
            before = read_row(self._conn, spec.table, row_id)
            if before is None or before["position"] == index:
                continue
            after = dict(before, position=index, updated_at=self._now)
            self._record(spec.table, row_id, before, after)

    def insert_system_row(self, table: str, row: Row) -> None:
        """Insert a row of a table that is not a user-edited entity (e.g. ``import_file``).

        ``row`` must hold every required column except the created/updated ones.
        """
        row = dict(row, created_at=self._now, created_by=self._user, updated_at=self._now)
        self._record(table, row["id"], None, row)

    def store_file(self, sha256: str, data: bytes, media_type: str) -> None:
        """Keep a file's bytes once, by content (not journaled: rows refer to it by hash)."""
        self._conn.execute(
            "INSERT OR IGNORE INTO stored_file (sha256, size, media_type, data, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (sha256, len(data), media_type, data, self._now),
        )

    def update_system_row(self, table: str, row_id: Any, values: Row) -> None:
        """Change values of a row of a table that is not a user-edited entity (undoable)."""
        before = read_row(self._conn, table, row_id)
        if before is None:
            raise NotFoundError(f"{table} {row_id} does not exist (it may have been removed).")
        after = dict(before, **values, updated_at=self._now)
        if after != before:
            self._record(table, row_id, before, after)

    def delete_system_row(self, table: str, row_id: Any) -> None:
        """Delete a row of a table that is not a user-edited entity (undoable)."""
        before = read_row(self._conn, table, row_id)
        if before is None:
            raise NotFoundError(f"{table} {row_id} does not exist (it may have been removed).")
        self._record(table, row_id, before, None)

    def bulk_insert(
        self,
        table: str,
        columns: list[str],
        rows: Iterable[tuple[Any, ...]],
        *,
        group_column: str,
        group_value: str,
    ) -> int:
        """Insert many rows that share ``group_column = group_value``; return how many.

        The rows are logged and undone as one group (see :class:`BulkChange`);
        ``created_at``, ``created_by`` and ``updated_at`` are added here.
        """
        names = [*columns, "created_at", "created_by", "updated_at"]
        stamp = (self._now, self._user, self._now)
        sql = (
            f"INSERT INTO [{table}] ({', '.join(f'[{n}]' for n in names)}) "
            f"VALUES ({', '.join('?' for _ in names)})"
        )
        before = self._conn.total_changes
        self._conn.executemany(sql, (tuple(row) + stamp for row in rows))
        count = self._conn.total_changes - before
        index_rows(self._conn, table, f"WHERE [{group_column}] = ?", (group_value,), add=True)
        self.changes.append(BulkChange(table, group_column, group_value, count))
        return count

    def group_ids(self, table: str, column: str, value: str) -> list[int]:
        """Return the ids of the rows of a bulk insert, in the order they were inserted."""
        cur = self._conn.execute(
            f"SELECT id FROM [{table}] WHERE [{column}] = ? ORDER BY id", (value,)
        )
        return [row[0] for row in cur]

    # -------------------------------------------------------------------- finishing
    def result(self) -> Changes:
        """Return what this edit changed."""
        return Changes(
            self.label,
            frozenset(c.table for c in self.changes),
            frozenset(_change_id(c) for c in self.changes),
            self.created_id,
        )

    def finish(self, *, undoable: bool = True) -> None:
        """Write the change log and the undo step (inside the still-open transaction)."""
        if not self.changes:
            return
        for change in self.changes:
            log_change(self._conn, self._now, self._user, "edit", self.label, change)
        if not undoable:
            return
        _forget_steps(self._conn, "state = 'undone'")
        if self.merge_key and self._merge_into_last_step():
            return
        self._conn.execute(
            "INSERT INTO undo_step (label, at, user, state, merge_key, changes) "
            "VALUES (?, ?, ?, 'done', ?, ?)",
            (self.label, self._now, self._user, self.merge_key, _dump(self.changes)),
        )
        # Counted in rows, not in seq numbers: dropped redo steps leave gaps in seq.
        _forget_steps(
            self._conn,
            "seq <= (SELECT seq FROM undo_step ORDER BY seq DESC LIMIT 1 "
            f"OFFSET {int(MAX_UNDO_STEPS)})",
        )

    def _merge_into_last_step(self) -> bool:
        last = self._conn.execute(
            "SELECT seq, merge_key, at, user, changes FROM undo_step "
            "WHERE state = 'done' ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        if last is None or last[1] != self.merge_key or last[3] != self._user:
            return False
        age = (parse_utc(self._now) - parse_utc(last[2])).total_seconds()
        if age > MERGE_WINDOW_SECONDS:
            return False
        parts = [*_load(last[4]), *self.changes]
        if any(isinstance(change, BulkChange) for change in parts):
            return False
        merged: dict[tuple[str, str], RowChange] = {}
        for change in parts:
            assert isinstance(change, RowChange)
            key = (change.table, change.id)
            if key in merged:
                merged[key].after = change.after
            else:
                merged[key] = RowChange(change.table, change.id, change.before, change.after)
        self._conn.execute(
            "UPDATE undo_step SET at = ?, changes = ? WHERE seq = ?",
            (self._now, _dump(list(merged.values())), last[0]),
        )
        return True


Change = RowChange | BulkChange


def _change_id(change: Change) -> str:
    return change.value if isinstance(change, BulkChange) else change.id


def _dump(changes: list[Change]) -> str:
    return json.dumps([c.to_json() for c in changes], ensure_ascii=False)


def _load(text: str) -> list[Change]:
    out: list[Change] = []
    for data in json.loads(text):
        if "bulk" in data:
            out.append(BulkChange(**data["bulk"]))
        else:
            out.append(RowChange.from_json(data))
    return out


def _forget_steps(conn: sqlite3.Connection, where: str) -> None:
    """Delete undo steps matching ``where``, and the parked rows only they could restore."""
    for (text,) in conn.execute(f"SELECT changes FROM undo_step WHERE {where}").fetchall():
        for change in _load(text):
            if isinstance(change, BulkChange):
                conn.execute(
                    f"DELETE FROM [{change.table}_parked] WHERE [{change.column}] = ?",
                    (change.value,),
                )
    conn.execute(f"DELETE FROM undo_step WHERE {where}")


def log_change(
    conn: sqlite3.Connection, at: str, user: str, action: str, label: str, change: Change
) -> None:
    """Append the change-log lines describing a row change or a bulk insert."""
    if isinstance(change, RowChange):
        log_row_change(conn, at, user, action, label, change)
        return
    verb = {"edit": "insert", "undo": "delete", "redo": "insert"}[action]
    summary = json.dumps({"rows": change.count, change.column: change.value})
    conn.execute(
        "INSERT INTO change_log (at, user, action, label, entity, entity_id, field, old_value, "
        "new_value) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)",
        (
            at,
            user,
            verb if action == "edit" else action,
            label,
            change.table,
            change.value,
            summary if verb == "delete" else None,
            summary if verb == "insert" else None,
        ),
    )


def replay(conn: sqlite3.Connection, user: str, direction: str) -> Changes | None:
    """Undo the last done step or redo the next undone one; return what changed.

    Args:
        conn: Connection inside an open transaction.
        user: Who is undoing (for the change log).
        direction: ``"undo"`` or ``"redo"``.
    """
    if direction == "undo":
        sql = "SELECT seq, label, changes FROM undo_step WHERE state='done' ORDER BY seq DESC"
    else:
        sql = "SELECT seq, label, changes FROM undo_step WHERE state='undone' ORDER BY seq"
    step = conn.execute(sql + " LIMIT 1").fetchone()
    if step is None:
        return None
    seq, label, text = step
    changes = _load(text)
    ordered = list(reversed(changes)) if direction == "undo" else changes
    now = utc_now()
    tables, ids = set(), set()
    for change in ordered:
        if isinstance(change, BulkChange):
            _move_rows(conn, change, park=direction == "undo")
            log_change(conn, now, user, direction, f"{direction.capitalize()} {label}", change)
            tables.add(change.table)
            ids.add(change.value)
            continue
        target = change.before if direction == "undo" else change.after
        current = read_row(conn, change.table, change.id)
        write_image(conn, change.table, change.id, target)
        log_row_change(
            conn,
            now,
            user,
            direction,
            f"{direction.capitalize()} {label}",
            RowChange(change.table, change.id, current, target),
        )
        tables.add(change.table)
        ids.add(change.id)
    new_state = "undone" if direction == "undo" else "done"
    conn.execute("UPDATE undo_step SET state = ? WHERE seq = ?", (new_state, seq))
    return Changes(f"{direction.capitalize()} {label}", frozenset(tables), frozenset(ids))


def peek_labels(conn: sqlite3.Connection) -> tuple[str | None, str | None]:
    """Return the labels of the next undo and the next redo (``None`` when there is none)."""
    undo = conn.execute(
        "SELECT label FROM undo_step WHERE state='done' ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    redo = conn.execute(
        "SELECT label FROM undo_step WHERE state='undone' ORDER BY seq LIMIT 1"
    ).fetchone()
    return (undo[0] if undo else None, redo[0] if redo else None)
