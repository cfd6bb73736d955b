"""Import export files into a project: read and parse them all, then one import operation."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from cerdesk.importers.formats import parse_bytes, read_bounded
from cerdesk.ops.evidence import ExportFile, ImportedFile, import_files
from cerdesk.storage.project import Project


def read_file(
    path: str | os.PathLike[str], fmt: str = "auto", mapping: dict[str, str] | None = None
) -> ExportFile:
    """Read and parse one export file (nothing is written).

    Raises:
        ImportFileError: the file cannot be read (missing, not a regular file, over
            :data:`~cerdesk.importers.decode.MAX_FILE_BYTES`) or is in no known format.
    """
    path = Path(path)
    data = read_bounded(path)
    result = parse_bytes(data, path.name, fmt, mapping)
    return ExportFile(path.name, hashlib.sha256(data).hexdigest(), len(data), result)


def import_paths(
    project: Project,
    paths: list[str | os.PathLike[str]],
    *,
    run_id: str | None = None,
    new_run: dict[str, Any] | None = None,
    fmt: str = "auto",
    mapping: dict[str, str] | None = None,
    accept_skipped: bool = False,
    allow_same_file: bool = False,
) -> list[ImportedFile]:
    """Read every file first, then import them all as one operation.

    A file that cannot be read stops everything before anything is written.
    """
    files = [read_file(path, fmt, mapping) for path in paths]
    return import_files(
        project,
        files,
        run_id=run_id,
        new_run=new_run,
        accept_skipped=accept_skipped,
        allow_same_file=allow_same_file,
    )
