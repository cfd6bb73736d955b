"""Edits of the evidence register: search runs and imports of export files.

An import is one operation: one transaction that writes the ``import_file`` row and all
its records, one change-log line and one (compact) undo step. A file that cannot be read
imports nothing; a file with unreadable records is imported only with the user's consent.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from cerdesk.core.bibliography import ParsedRecord, ParseProblem, ParseResult
from cerdesk.core.changes import Changes
from cerdesk.core.errors import UserError
from cerdesk.ops import plan
from cerdesk.storage.project import Project
from cerdesk.storage.register import find_import_by_sha256

#: Columns written for each record, in the order of :func:`record_row`.
RECORD_COLUMNS = [
    "import_file_id",
    "search_run_id",
    "source_index",
    "source_id",
    "raw",
    "title",
    "authors",
    "abstract",
    "journal",
    "journal_abbrev",
    "year",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "keywords",
    "language",
    "publication_type",
    "issn",
    "url",
    "extra",
]


class SkippedRecordsError(UserError):
    """Some records of a file cannot be read; import the rest only if the user agrees.

    Attributes:
        problems: The records that would be left out, with why.
        readable: How many records can be imported.
    """

    def __init__(self, file_name: str, problems: list[ParseProblem], readable: int) -> None:
        shown = "; ".join(str(p) for p in problems[:3])
        more = f" and {len(problems) - 3} more" if len(problems) > 3 else ""
        super().__init__(
            f"{file_name}: {len(problems)} record(s) cannot be read ({shown}{more}); "
            f"the other {readable} can be imported if you agree to leave these out."
        )
        self.problems = problems
        self.readable = readable


class SameFileError(UserError):
    """The same file (same bytes) was already imported into the project."""


@dataclass(frozen=True)
class ImportedFile:
    """What an import wrote.

    Attributes:
        import_id: Id of the new ``import_file`` row.
        records: Number of records imported.
        skipped: Records left out (with the user's consent).
        changes: The operation's changes (for the GUI).
    """

    import_id: str
    records: int
    skipped: tuple[ParseProblem, ...]
    changes: Changes


def add_search_run(project: Project, values: dict[str, Any]) -> Changes:
    """Record a search run (database, query exactly as run, date, hits…)."""
    return plan.add_item(project, "search_run", values)


def record_row(import_id: str, run_id: str, record: ParsedRecord) -> tuple[Any, ...]:
    """Return the stored values of one parsed record, in :data:`RECORD_COLUMNS` order."""
    return (
        import_id,
        run_id,
        record.source_index,
        record.source_id,
        record.raw,
        record.title,
        json.dumps(list(record.authors), ensure_ascii=False),
        record.abstract,
        record.journal,
        record.journal_abbrev,
        record.year,
        record.volume,
        record.issue,
        record.pages,
        record.doi,
        record.pmid,
        json.dumps(list(record.keywords), ensure_ascii=False),
        record.language,
        record.publication_type,
        record.issn,
        record.url,
        json.dumps(record.extra, ensure_ascii=False, sort_keys=True),
    )


def import_records(
    project: Project,
    run_id: str,
    result: ParseResult,
    *,
    file_name: str,
    sha256: str,
    size: int,
    accept_skipped: bool = False,
    allow_same_file: bool = False,
) -> ImportedFile:
    """Import the records of one parsed file into search run ``run_id``.

    Raises:
        NotFoundError: the search run does not exist.
        SkippedRecordsError: some records are unreadable and ``accept_skipped`` is False.
        SameFileError: these bytes were imported before and ``allow_same_file`` is False.
        UserError: the file holds no records.
    """
    run = project.item("search_run", run_id)
    if not result.records:
        raise UserError(f"{file_name}: the file holds no records to import.")
    if result.problems and not accept_skipped:
        raise SkippedRecordsError(file_name, result.problems, len(result.records))
    if not allow_same_file:
        earlier = find_import_by_sha256(project, sha256)
        if earlier is not None:
            raise SameFileError(
                f"{file_name} was already imported (as {earlier.file_name} on "
                f"{earlier.imported_at[:10]}, {earlier.record_count} records). "
                "Import it again only if you mean to."
            )
    import_id = str(uuid.uuid4())
    count = len(result.records)
    name = run.get("code") or run.get("database") or "search run"
    with project.edit(f"Import {count} records from {file_name} into {name}") as ed:
        ed.insert_system_row(
            "import_file",
            {
                "id": import_id,
                "search_run_id": run_id,
                "file_name": file_name,
                "sha256": sha256,
                "size": size,
                "format": result.format,
                "encoding": result.encoding,
                "record_count": count,
                "skipped": json.dumps(
                    [
                        {"record": p.record, "line": p.line, "message": p.message}
                        for p in result.problems
                    ],
                    ensure_ascii=False,
                ),
            },
        )
        ed.bulk_insert(
            "record",
            RECORD_COLUMNS,
            (record_row(import_id, run_id, r) for r in result.records),
            group_column="import_file_id",
            group_value=import_id,
        )
        ed.created_id = import_id
    return ImportedFile(import_id, count, tuple(result.problems), ed.result())
