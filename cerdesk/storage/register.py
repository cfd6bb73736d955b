"""Reading the evidence register: imported files and records, counted and listed.

Queries run in SQLite (indexes, FTS5) rather than in Python, so that registers of
100,000 records list, filter and sort fast.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cerdesk.storage.project import Project


@dataclass(frozen=True)
class ImportInfo:
    """One imported file.

    Attributes:
        id: Row id.
        search_run_id: The search run it belongs to.
        file_name: The file's name when imported.
        sha256: SHA-256 of its bytes.
        format: Format name.
        record_count: Records imported.
        skipped: Number of records left out.
        imported_at: When (UTC).
        imported_by: Who.
    """

    id: str
    search_run_id: str
    file_name: str
    sha256: str
    format: str
    record_count: int
    skipped: int
    imported_at: str
    imported_by: str


_IMPORT_SQL = (
    "SELECT id, search_run_id, file_name, sha256, format, record_count, skipped, "
    "created_at, created_by FROM import_file"
)


def _import(row: tuple[Any, ...]) -> ImportInfo:
    return ImportInfo(*row[:6], len(json.loads(row[6] or "[]")), row[7], row[8])


def imports(project: Project) -> list[ImportInfo]:
    """Return every imported file, oldest first."""
    return [_import(r) for r in project._conn.execute(f"{_IMPORT_SQL} ORDER BY rowid")]


def find_import_by_sha256(project: Project, sha256: str) -> ImportInfo | None:
    """Return the earlier import of the same bytes, if any."""
    row = project._conn.execute(f"{_IMPORT_SQL} WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone()
    return _import(row) if row else None


def record_count(project: Project) -> int:
    """Return the number of records in the register."""
    return int(project._conn.execute("SELECT COUNT(*) FROM record").fetchone()[0])


#: Columns of :func:`iter_records` rows, in order.
RECORD_EXPORT_COLUMNS = (
    "id",
    "search_run",
    "database",
    "source_file",
    "source_index",
    "source_id",
    "title",
    "authors",
    "journal",
    "year",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "abstract",
    "keywords",
    "language",
    "publication_type",
)


def iter_records(project: Project) -> Iterator[dict[str, Any]]:
    """Yield every record with its provenance, in import order (lists as Python lists)."""
    cur = project._conn.execute(
        "SELECT r.id, s.code, s.database, f.file_name, r.source_index, r.source_id, r.title, "
        "r.authors, r.journal, r.year, r.volume, r.issue, r.pages, r.doi, r.pmid, "
        "r.abstract, r.keywords, r.language, r.publication_type "
        "FROM record r JOIN import_file f ON f.id = r.import_file_id "
        "JOIN search_run s ON s.id = r.search_run_id ORDER BY r.id"
    )
    for row in cur:
        item = dict(zip(RECORD_EXPORT_COLUMNS, row, strict=True))
        item["authors"] = json.loads(item["authors"])
        item["keywords"] = json.loads(item["keywords"])
        yield item
