"""Full texts of records: attach a PDF (kept inside the project), or record "not retrieved".

The PDF's bytes are stored once per content (SHA-256), so attaching the same file to two
records, or twice, stores it once; the project stays one self-contained file.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path
from typing import Any

from cerdesk.core.changes import Changes
from cerdesk.core.errors import UserError
from cerdesk.ops.evidence import require_kept_record
from cerdesk.storage import register
from cerdesk.storage.journal import Edit
from cerdesk.storage.project import Project

#: Largest PDF accepted (a scanned 400-page thesis is about 100 MB).
MAX_PDF_BYTES = 300 * 1024 * 1024


def attach_pdf(project: Project, record_id: int, path: str | os.PathLike[str]) -> Changes:
    """Store the PDF at ``path`` in the project as the full text of ``record_id``.

    Raises:
        UserError: the file is missing, not a PDF, too large, or the record is a duplicate.
    """
    path = Path(path)
    require_kept_record(project, record_id)
    try:
        if path.stat().st_size > MAX_PDF_BYTES:
            raise UserError(f"{path.name} is larger than 300 MB.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path} does not exist.") from None
    except OSError as err:
        raise UserError(f"{path.name} cannot be read ({err.strerror}).") from err
    if not data.lstrip()[:5] == b"%PDF-":
        raise UserError(f"{path.name} is not a PDF file.")
    digest = hashlib.sha256(data).hexdigest()
    values = {"status": "ATTACHED", "sha256": digest, "file_name": path.name, "note": None}
    with project.edit(f"Attach full text to record {record_id}") as ed:
        ed.store_file(digest, data, "application/pdf")
        _write(project, ed, record_id, values)
    return ed.result()


def mark_not_retrieved(project: Project, record_id: int, note: str | None = None) -> Changes:
    """Record that the full text of ``record_id`` could not be obtained (counts in PRISMA)."""
    require_kept_record(project, record_id)
    values = {"status": "NOT_RETRIEVED", "sha256": None, "file_name": None, "note": note}
    with project.edit(f"Full text of record {record_id} not retrieved") as ed:
        _write(project, ed, record_id, values)
    return ed.result()


def remove(project: Project, record_id: int) -> Changes:
    """Forget the full text (or the "not retrieved" state) of ``record_id``."""
    row = register.full_text_of(project, record_id)
    if row is None:
        raise UserError(f"Record {record_id} has no full text recorded.")
    with project.edit(f"Remove full text of record {record_id}") as ed:
        ed.delete_system_row("full_text", row["id"])
    return ed.result()


def _write(project: Project, ed: Edit, record_id: int, values: dict[str, Any]) -> None:
    row = register.full_text_of(project, record_id)
    if row is None:
        ed.insert_system_row(
            "full_text", {"id": str(uuid.uuid4()), "record_id": record_id, **values}
        )
    else:
        ed.update_system_row("full_text", row["id"], values)
