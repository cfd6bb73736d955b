"""Excel workbooks (.xlsx) exported by Embase, Scopus, EPPI-Reviewer and others.

The first worksheet is read with openpyxl (read-only, values only; its XML goes through
defusedxml when installed, which cerdesk requires) and turned into CSV text, which the CSV
importer then reads with the same column names, aliases and mapping rules. Each record's
raw text is its row as CSV.
"""

from __future__ import annotations

import csv
import io
import zipfile

from cerdesk.core.bibliography import ParsedRecord, ParseProblem
from cerdesk.importers import csv_table
from cerdesk.importers.errors import ImportFileError

NAME = "xlsx"
LABEL = "Excel workbook (.xlsx)"

_ZIP_MAGIC = b"PK\x03\x04"
#: Cells beyond these are not read (a sheet of junk must not exhaust memory).
MAX_ROWS = 1_000_000
MAX_COLUMNS = 500


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

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for broken files
        raise ImportFileError(f"the workbook cannot be read ({type(err).__name__})") from err
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise ImportFileError("the workbook has no worksheet")
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
            if number > MAX_ROWS:
                raise ImportFileError(f"the worksheet has more than {MAX_ROWS:,} rows")
            cells = ["" if v is None else str(v) for v in row[:MAX_COLUMNS]]
            while cells and cells[-1] == "":
                cells.pop()
            if cells:
                writer.writerow(cells)
        return out.getvalue()
    finally:
        book.close()


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
