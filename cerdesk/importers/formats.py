"""Read an export file in any supported format: detect encoding and format, then parse.

Each format is a module with::

    NAME: str                      # "ris", "nbib", …
    LABEL: str                     # "RIS", "PubMed MEDLINE (.nbib)", …
    def sniff(text: str) -> bool   # True if the text looks like this format (cheap)
    def parse(text: str) -> tuple[list[ParsedRecord], list[ParseProblem]]

``parse`` raises :class:`~cerdesk.importers.errors.ImportFileError` when the text is not in
its format at all, and reports records it cannot read as problems (the caller asks the
user whether to import the rest).
"""

from __future__ import annotations

import importlib
import os
import stat
from pathlib import Path
from types import ModuleType

from cerdesk.core.bibliography import ParseResult
from cerdesk.importers.decode import MAX_FILE_BYTES, DecodeError, decode_bytes, format_size
from cerdesk.importers.errors import ImportFileError

#: Format names in detection order (most specific signatures first).
FORMAT_NAMES = ("pubmed-xml", "endnote-xml", "nbib", "wos", "ris", "bibtex", "csv")

_MODULES = {
    "pubmed-xml": "cerdesk.importers.pubmed_xml",
    "endnote-xml": "cerdesk.importers.endnote_xml",
    "nbib": "cerdesk.importers.nbib",
    "wos": "cerdesk.importers.wos",
    "ris": "cerdesk.importers.ris",
    "bibtex": "cerdesk.importers.bibtex",
    "csv": "cerdesk.importers.csv_table",
}


def format_module(name: str) -> ModuleType:
    """Return the module implementing format ``name``."""
    try:
        return importlib.import_module(_MODULES[name])
    except KeyError:
        known = ", ".join(FORMAT_NAMES)
        raise ImportFileError(f"unknown format {name!r}; formats are: {known}") from None


def detect_format(text: str) -> str | None:
    """Return the name of the format ``text`` is in, or ``None`` if none matches."""
    for name in FORMAT_NAMES:
        if format_module(name).sniff(text):
            return name
    return None


def parse_text(text: str, fmt: str = "auto", *, encoding: str = "utf-8") -> ParseResult:
    """Parse already decoded text; ``fmt`` is a format name or ``"auto"``."""
    if fmt == "auto":
        detected = detect_format(text)
        if detected is None:
            raise ImportFileError(
                "the file's format is not recognised (RIS, MEDLINE/nbib, PubMed XML, "
                "EndNote XML, BibTeX, Web of Science or CSV); for a table with other "
                "column names, say which column holds what (cerdesk import --column)"
            )
        fmt = detected
    records, problems = format_module(fmt).parse(text)
    return ParseResult(fmt, records, problems, encoding)


def read_export(path: str | os.PathLike[str], fmt: str = "auto") -> ParseResult:
    """Read and parse one export file.

    Raises:
        ImportFileError: the file is missing, too large, binary, undecodable, of an
            unknown format, or not readable in the format asked for; the message starts
            with the file's name.
    """
    path = Path(path)
    return parse_bytes(read_bounded(path), path.name, fmt)


def read_bounded(path: Path) -> bytes:
    """Return the bytes of the export file ``path``, refusing what must not be read.

    The file is checked before it is opened: files over :data:`MAX_FILE_BYTES` are refused
    with their size and the limit, and so are devices, pipes and sockets (``/dev/zero``
    never ends, a named pipe blocks until someone writes to it). At most the limit is
    read, so a file growing meanwhile cannot exhaust memory either.

    Raises:
        ImportFileError: the file is missing, a folder, not a regular file, too large or
            unreadable; the message starts with the file's name.
    """
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            raise ImportFileError(
                f"{path.name}: this is not a regular file (a device, pipe or socket)"
            )
        if info.st_size > MAX_FILE_BYTES:
            raise _too_large(path, info.st_size)
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ImportFileError(f"{path}: the file does not exist") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path}: this is a folder, not a file") from None
    except OSError as err:
        raise ImportFileError(f"{path.name}: cannot be read ({err.strerror})") from err
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(path, len(data))
    return data


def _too_large(path: Path, size: int) -> ImportFileError:
    return ImportFileError(
        f"{path.name}: the file is {format_size(size)}; cerdesk reads export files up to "
        f"{format_size(MAX_FILE_BYTES)} (split the export into smaller files)"
    )


def parse_bytes(
    data: bytes, name: str, fmt: str = "auto", mapping: dict[str, str] | None = None
) -> ParseResult:
    """Decode and parse the bytes of an export file called ``name`` (for messages).

    ``mapping`` (column name -> field) reads a CSV/TSV table with columns the user chose.
    """
    if not data.strip():
        raise ImportFileError(f"{name}: the file is empty")
    from cerdesk.importers import xlsx_table

    if fmt in ("auto", "xlsx") and xlsx_table.is_xlsx(data):
        try:
            records, problems = xlsx_table.parse_workbook(data, mapping)
        except ImportFileError as err:
            raise ImportFileError(f"{name}: {err}") from err
        return ParseResult("xlsx", records, problems, "xlsx")
    if fmt == "xlsx":
        raise ImportFileError(f"{name}: this is not an Excel workbook (.xlsx)")
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as err:
        raise ImportFileError(f"{name}: {err}") from err
    try:
        if mapping:
            from cerdesk.importers import csv_table

            records, problems = csv_table.parse_with_mapping(text, mapping)
            return ParseResult("csv", records, problems, encoding)
        return parse_text(text, fmt, encoding=encoding)
    except ImportFileError as err:
        raise ImportFileError(f"{name}: {err}") from err
    except RecursionError as err:  # pragma: no cover - parsers must not recurse
        raise ImportFileError(f"{name}: the file is nested too deeply to read") from err
