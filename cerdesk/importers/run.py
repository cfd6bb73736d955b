"""Import export files into a project: read, parse, then one import operation per file."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cerdesk.importers.errors import ImportFileError
from cerdesk.importers.formats import MAX_FILE_BYTES, parse_bytes
from cerdesk.ops.evidence import ImportedFile, import_records
from cerdesk.storage.project import Project


def import_file(
    project: Project,
    path: str | os.PathLike[str],
    run_id: str,
    *,
    fmt: str = "auto",
    accept_skipped: bool = False,
    allow_same_file: bool = False,
) -> ImportedFile:
    """Read ``path`` and import its records into search run ``run_id``.

    Raises:
        ImportFileError: the file cannot be read or is in no known format (nothing is
            written).
        SkippedRecordsError, SameFileError: see :func:`cerdesk.ops.evidence.import_records`.
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
    result = parse_bytes(data, path.name, fmt)
    return import_records(
        project,
        run_id,
        result,
        file_name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        accept_skipped=accept_skipped,
        allow_same_file=allow_same_file,
    )
