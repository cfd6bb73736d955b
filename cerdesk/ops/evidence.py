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
from cerdesk.core.entities import entity
from cerdesk.core.errors import UserError
from cerdesk.ops import plan
from cerdesk.storage import register
from cerdesk.storage.project import Project
from cerdesk.storage.register import find_import_by_sha256

#: Columns written for each record, in the order of :func:`record_row`.
RECORD_COLUMNS = [
    "import_file_id",
    "search_run_id",
    "source_index",
    "source_id",
    "title",
    "authors",
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
]

#: Columns written for each record's long texts, in the order of :func:`text_row`.
TEXT_COLUMNS = ["id", "import_file_id", "abstract", "raw", "extra"]


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


def require_kept_record(project: Project, record_id: int) -> None:
    """Refuse a record that does not exist or is linked as a duplicate.

    Screening, full texts and studies concern the record kept, never its duplicates.

    Raises:
        UserError: naming the record and what to do instead.
    """
    if not register.record_exists(project, record_id):
        raise UserError(f"Record {record_id} does not exist.")
    if register.is_duplicate(project, record_id):
        raise UserError(f"Record {record_id} is a duplicate; use the record it duplicates.")


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
        record.title,
        json.dumps(list(record.authors), ensure_ascii=False),
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
    )


def text_row(record_id: int, import_id: str, record: ParsedRecord) -> tuple[Any, ...]:
    """Return the stored long texts of one parsed record, in :data:`TEXT_COLUMNS` order."""
    return (
        record_id,
        import_id,
        record.abstract,
        record.raw,
        json.dumps(record.extra, ensure_ascii=False, sort_keys=True),
    )


@dataclass(frozen=True)
class ExportFile:
    """One parsed export file, ready to import.

    Attributes:
        name: The file's name (for messages and provenance).
        sha256: SHA-256 of its bytes (same-file detection).
        size: Its size in bytes.
        result: What the parser read.
    """

    name: str
    sha256: str
    size: int
    result: ParseResult


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

    See :func:`import_files` for the errors.
    """
    [imported] = import_files(
        project,
        [ExportFile(file_name, sha256, size, result)],
        run_id=run_id,
        accept_skipped=accept_skipped,
        allow_same_file=allow_same_file,
    )
    return imported


def check_import(
    project: Project,
    files: list[ExportFile],
    *,
    run_id: str | None = None,
    new_run: dict[str, Any] | None = None,
    accept_skipped: bool = False,
    allow_same_file: bool = False,
) -> str:
    """Raise what :func:`import_files` would refuse, without writing; return the run's name.

    Lets a front end ask the user's consent (unreadable records, a file imported before)
    before the import itself runs, possibly in another thread.
    """
    if (run_id is None) == (new_run is None):
        raise UserError("Say which search run the files belong to, or describe a new one.")
    if not files:
        raise UserError("No files to import.")
    run_name = ""
    if run_id is not None:
        run = project.item("search_run", run_id)
        run_name = run.get("code") or run.get("database") or "search run"
    seen: dict[str, str] = {}
    for f in files:
        if not f.result.records:
            raise UserError(f"{f.name}: the file holds no records to import.")
        if f.result.problems and not accept_skipped:
            raise SkippedRecordsError(f.name, f.result.problems, len(f.result.records))
        if allow_same_file:
            continue
        if f.sha256 in seen:
            raise SameFileError(f"{f.name} and {seen[f.sha256]} are the same file.")
        seen[f.sha256] = f.name
        earlier = find_import_by_sha256(project, f.sha256)
        if earlier is not None:
            raise SameFileError(
                f"{f.name} was already imported (as {earlier.file_name} on "
                f"{earlier.imported_at[:10]}, {earlier.record_count} records). "
                "Import it again only if you mean to."
            )
    return run_name


def import_files(
    project: Project,
    files: list[ExportFile],
    *,
    run_id: str | None = None,
    new_run: dict[str, Any] | None = None,
    accept_skipped: bool = False,
    allow_same_file: bool = False,
) -> list[ImportedFile]:
    """Import parsed files into an existing search run or a new one, as one operation.

    Everything is checked before anything is written, so a refusal leaves the project
    exactly as it was; the import (with the new run, if any) is one undo step.

    Raises:
        NotFoundError: ``run_id`` does not exist.
        SkippedRecordsError: a file has unreadable records and ``accept_skipped`` is False.
        SameFileError: a file's bytes were imported before (or appear twice in ``files``)
            and ``allow_same_file`` is False.
        UserError: no files, a file with no records, or neither/both of ``run_id`` and
            ``new_run``.
    """
    run_name = check_import(
        project,
        files,
        run_id=run_id,
        new_run=new_run,
        accept_skipped=accept_skipped,
        allow_same_file=allow_same_file,
    )
    total = sum(len(f.result.records) for f in files)
    source = files[0].name if len(files) == 1 else f"{len(files)} files"
    spec = entity("search_run")
    if new_run is not None:
        values = dict(new_run)
        values.setdefault("code", plan.next_code(project, spec, values))
        run_name = values["code"]
    outcomes: list[tuple[str, ExportFile]] = []
    with project.edit(f"Import {total} records from {source} into {run_name}") as ed:
        if new_run is not None:
            run_id = ed.insert("search_run", values)
        assert run_id is not None
        for f in files:
            import_id = str(uuid.uuid4())
            ed.insert_system_row("import_file", _import_row(import_id, run_id, f))
            ed.bulk_insert(
                "record",
                RECORD_COLUMNS,
                (record_row(import_id, run_id, r) for r in f.result.records),
                group_column="import_file_id",
                group_value=import_id,
            )
            ids = ed.group_ids("record", "import_file_id", import_id)
            ed.bulk_insert(
                "record_text",
                TEXT_COLUMNS,
                (
                    text_row(record_id, import_id, r)
                    for record_id, r in zip(ids, f.result.records, strict=True)
                ),
                group_column="import_file_id",
                group_value=import_id,
            )
            outcomes.append((import_id, f))
        ed.created_id = run_id
    changes = ed.result()
    return [
        ImportedFile(import_id, len(f.result.records), tuple(f.result.problems), changes)
        for import_id, f in outcomes
    ]


def _import_row(import_id: str, run_id: str, f: ExportFile) -> dict[str, Any]:
    return {
        "id": import_id,
        "search_run_id": run_id,
        "file_name": f.name,
        "sha256": f.sha256,
        "size": f.size,
        "format": f.result.format,
        "encoding": f.result.encoding,
        "record_count": len(f.result.records),
        "skipped": json.dumps(
            [{"record": p.record, "line": p.line, "message": p.message} for p in f.result.problems],
            ensure_ascii=False,
        ),
    }
