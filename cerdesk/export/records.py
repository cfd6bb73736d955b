"""Write the evidence register as CSV, RIS or JSON, with each record's provenance."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any, TextIO

from cerdesk.storage.project import Project
from cerdesk.storage.register import RECORD_EXPORT_COLUMNS, iter_records

#: Formats :func:`write_records` writes.
FORMATS = ("csv", "ris", "json")

#: RIS tags for the normalised columns (provenance goes into N1/ID lines).
_RIS_TYPES = {"journal article": "JOUR", "article": "JOUR", "review": "JOUR"}


def write_records(project: Project, out: TextIO, fmt: str = "csv") -> int:
    """Write every record of the register to ``out`` in ``fmt``; return how many."""
    records = iter_records(project)
    if fmt == "csv":
        return _csv(records, out)
    if fmt == "json":
        return _json(records, out)
    if fmt == "ris":
        return _ris(records, out)
    raise ValueError(f"unknown format {fmt!r}")


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else value


def _csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(RECORD_EXPORT_COLUMNS)
    count = 0
    for record in records:
        writer.writerow([_cell(record[c]) for c in RECORD_EXPORT_COLUMNS])
        count += 1
    return count


def _json(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    out.write("[")
    for record in records:
        out.write(",\n " if count else "\n ")
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=True))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def _ris(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for record in records:
        buffer = io.StringIO()
        kind = _RIS_TYPES.get((record["publication_type"] or "").casefold(), "JOUR")
        buffer.write(f"TY  - {kind}\n")
        for author in record["authors"]:
            buffer.write(f"AU  - {author}\n")
        for tag, key in (
            ("TI", "title"),
            ("T2", "journal"),
            ("PY", "year"),
            ("VL", "volume"),
            ("IS", "issue"),
            ("SP", "pages"),
            ("DO", "doi"),
            ("AN", "pmid"),
            ("LA", "language"),
            ("AB", "abstract"),
        ):
            value = record[key]
            if value not in (None, ""):
                buffer.write(f"{tag}  - {' '.join(str(value).split())}\n")
        for keyword in record["keywords"]:
            buffer.write(f"KW  - {keyword}\n")
        buffer.write(f"ID  - cerdesk-{record['id']}\n")
        buffer.write(
            f"N1  - cerdesk provenance: {record['search_run']} {record['database']}; "
            f"file {record['source_file']} record {record['source_index']}"
            + (f" (id {record['source_id']})" if record["source_id"] else "")
            + "\n"
        )
        buffer.write("ER  - \n\n")
        out.write(buffer.getvalue())
        count += 1
    return count
