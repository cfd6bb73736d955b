"""Import export files into a project: read and parse them all, then one import operation."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from cerdesk.importers.errors import ImportFileError
from cerdesk.importers.formats import MAX_FILE_BYTES, parse_bytes
from cerdesk.ops.evidence import ExportFile, ImportedFile, import_files
from cerdesk.storage.project import Project


def read_file(
    path: str | os.PathLike[str], fmt: str = "auto", mapping: dict[str, str] | None = None
) -> ExportFile:
    """Read and parse one export file (nothing is written).

    Raises:
        ImportFileError: the file cannot be read or is in no known format.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportFileError(f"{path.name}: the file is larger than 1 GB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"{path}: the file does not exist") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path}: this is a folder, not a file") from None
    except OSError as err:
        raise ImportFileError(f"{path.name}: cannot be read ({err.strerror})") from err
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
