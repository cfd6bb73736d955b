"""Excel workbooks (.xlsx) exported by Embase, Scopus, EPPI-Reviewer and others.

The first worksheet is read with openpyxl (read-only, values only; its XML goes through
defusedxml when installed, which cerdesk requires) and turned into CSV text, which the CSV
importer then reads with the same column names, aliases and mapping rules. Each record's
raw text is its row as CSV.

Hostile workbooks: the sizes in the zip's directory are checked before anything is
unpacked (zipfile never unpacks more than a member claims): a workbook unpacking to more
than :data:`MAX_UNPACKED_BYTES`, or with a large part packed tighter than
:data:`MAX_PACKING_RATIO` (a zip bomb), is refused. Entity declarations in its XML are
refused by defusedxml; rows are read :data:`MAX_COLUMNS` cells wide whatever the sheet
claims, and empty rows cost nothing.
"""

from __future__ import annotations

import csv
import io
import zipfile

from defusedxml import DefusedXmlException

from cerdesk.core.bibliography import ParsedRecord, ParseProblem
from cerdesk.importers import csv_table
from cerdesk.importers.decode import MAX_FILE_BYTES, format_size
from cerdesk.importers.errors import ImportFileError

NAME = "xlsx"
LABEL = "Excel workbook (.xlsx)"

_ZIP_MAGIC = b"PK\x03\x04"
#: Cells beyond these are not read (a sheet of junk must not exhaust memory).
MAX_ROWS = 1_000_000
MAX_COLUMNS = 500
#: Excel's last row: a sheet claiming rows beyond it is not read past it.
_SHEET_ROWS = 1_048_576
#: A workbook whose parts unpack to more than this is refused (as a text file would be).
MAX_UNPACKED_BYTES = MAX_FILE_BYTES
#: Parts over :data:`_RATIO_FROM` bytes packed tighter than this are refused: real sheets
#: pack about 3-20:1, a zip bomb about 1000:1.
MAX_PACKING_RATIO = 100
_RATIO_FROM = 16 << 20


def is_xlsx(data: bytes) -> bool:
    """Tell whether ``data`` is an Excel workbook (a zip holding xl/workbook.xml)."""
    if not data.startswith(_ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def to_csv_text(data: bytes) -> str:
    """Return the first worksheet of the workbook ``data`` as CSV text.

    Raises:
        ImportFileError: the workbook cannot be read.
    """
    import openpyxl  # imported here: only workbooks need it

    check_unpacked_size(data)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for broken files
        raise _unreadable(err) from err
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise ImportFileError("the workbook has no worksheet")
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        rows = 0
        # Bounds from the sheet's <dimension>, which may claim up to a billion rows and
        # 16,384 columns (openpyxl pads every row to the claimed width).
        last_row = min(sheet.max_row or _SHEET_ROWS, _SHEET_ROWS)
        width = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
        for row in sheet.iter_rows(max_row=last_row, max_col=width, values_only=True):
            if row.count(None) == len(row):
                continue  # an empty row (a sheet may claim a million of them)
            end = len(row)
            while row[end - 1] is None:
                end -= 1
            cells = ["" if v is None else str(v) for v in row[:end]]
            while cells and cells[-1] == "":
                cells.pop()
            if not cells:
                continue
            rows += 1
            if rows > MAX_ROWS:
                raise ImportFileError(f"the worksheet has more than {MAX_ROWS:,} rows")
            if len(cells) == 1:
                cells.append("")  # a delimiter, or the CSV reader takes it for a stray line
            writer.writerow(cells)
        return out.getvalue()
    except ImportFileError:
        raise
    except Exception as err:  # a part broken after its first rows
        raise _unreadable(err) from err
    finally:
        book.close()


def check_unpacked_size(data: bytes) -> None:
    """Refuse a zip bomb by the sizes the zip's directory gives, before unpacking it.

    Python's zipfile never unpacks more than a member's stated size (it stops there and
    reports a checksum error), so the stated sizes bound what reading can cost.

    Raises:
        ImportFileError: the parts unpack to more than :data:`MAX_UNPACKED_BYTES`, or a
            large part is packed tighter than :data:`MAX_PACKING_RATIO`.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a readable zip: openpyxl says so
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            f"the workbook unpacks to {format_size(total)}; cerdesk reads workbooks up to "
            f"{format_size(MAX_UNPACKED_BYTES)} (save it as CSV, or split it)"
        )
    for info in infos:
        if info.file_size > _RATIO_FROM and info.file_size > MAX_PACKING_RATIO * max(
            info.compress_size, 1
        ):
            raise ImportFileError(
                f"the workbook's part {info.filename} unpacks from "
                f"{format_size(info.compress_size)} to {format_size(info.file_size)}, as only "
                "a zip bomb does; it was not read"
            )


def _unreadable(err: Exception) -> ImportFileError:
    """Return the error for a workbook openpyxl cannot read."""
    cause: BaseException | None = err
    while cause is not None and not isinstance(cause, DefusedXmlException):
        cause = cause.__cause__ or cause.__context__  # openpyxl wraps it in a ValueError
    if cause is not None:
        return ImportFileError(
            "the workbook's XML declares entities or refers to external files, which "
            "cerdesk refuses for safety"
        )
    return ImportFileError(f"the workbook cannot be read ({type(err).__name__})")


def parse_workbook(
    data: bytes, mapping: dict[str, str] | None = None
) -> tuple[list[ParsedRecord], list[ParseProblem]]:
    """Read the records of a workbook (with a column mapping if given)."""
    text = to_csv_text(data)
    if not text.strip():
        raise ImportFileError("the worksheet is empty")
    if mapping:
        return csv_table.parse_with_mapping(text, mapping)
    return csv_table.parse(text)
