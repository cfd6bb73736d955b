"""Small values that operations and reads hand to the front ends."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Item:
    """One row of a project entity, with typed values.

    Attributes:
        table: The entity's table name.
        id: The row id (``"1"`` for singletons, a UUID otherwise).
        values: Field name -> typed value (see :mod:`cerdesk.core.fields`).
        parent_id: Id of the owning row for child lists, else ``None``.
        position: Order within its list (0-based).
        created_at: When the row was created (ISO 8601, UTC).
        updated_at: When the row was last changed (ISO 8601, UTC).
        created_by: Who created the row.
    """

    table: str
    id: str
    values: Mapping[str, Any]
    parent_id: str | None = None
    position: int = 0
    created_at: str = ""
    updated_at: str = ""
    created_by: str = ""

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def get(self, name: str, default: Any = None) -> Any:
        """Return the value of field ``name``, or ``default`` if the field is unknown."""
        return self.values.get(name, default)


@dataclass(frozen=True)
class Changes:
    """What an operation, an undo or a redo changed.

    Attributes:
        label: Human description of the operation ("Edit device name").
        tables: Tables whose rows changed; front ends refresh only what concerns them.
        ids: Ids of the rows changed.
        created_id: Id of the row an insert created, if any.
    """

    label: str = ""
    tables: frozenset[str] = field(default_factory=frozenset)
    ids: frozenset[str] = field(default_factory=frozenset)
    created_id: str | None = None

    def touches(self, tables: Iterable[str]) -> bool:
        """Tell whether any of ``tables`` changed."""
        return not self.tables.isdisjoint(tables)

    @property
    def empty(self) -> bool:
        """True if nothing changed."""
        return not self.tables


@dataclass(frozen=True)
class UndoStatus:
    """What the Edit menu shows: the next undo and redo, if any.

    Attributes:
        undo_label: Label of the operation Undo would revert, or ``None``.
        redo_label: Label of the operation Redo would re-apply, or ``None``.
    """

    undo_label: str | None = None
    redo_label: str | None = None

    @property
    def can_undo(self) -> bool:
        """True if there is something to undo."""
        return self.undo_label is not None

    @property
    def can_redo(self) -> bool:
        """True if there is something to redo."""
        return self.redo_label is not None


@dataclass(frozen=True)
class ChangeLogEntry:
    """One line of the append-only change log.

    Attributes:
        seq: Increasing sequence number.
        at: When (ISO 8601, UTC).
        user: Who (OS user name or the name set in preferences).
        action: insert, update, delete, undo, redo or load.
        label: The operation's label.
        entity: Table name.
        entity_id: Row id.
        field: Field name for updates, else ``None``.
        old_value: Previous value as stored (JSON for rows), or ``None``.
        new_value: New value as stored (JSON for rows), or ``None``.
    """

    seq: int
    at: str
    user: str
    action: str
    label: str
    entity: str
    entity_id: str
    field: str | None
    old_value: str | None
    new_value: str | None


def merge_changes(label: str, parts: Iterable[Changes]) -> Changes:
    """Combine several :class:`Changes` into one with ``label``."""
    tables: set[str] = set()
    ids: set[str] = set()
    created = None
    for part in parts:
        tables |= part.tables
        ids |= part.ids
        created = created or part.created_id
    return Changes(label, frozenset(tables), frozenset(ids), created)
