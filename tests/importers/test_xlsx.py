"""Excel workbooks: real exports from ../shared/data and hostile files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from cerdesk.importers.errors import ImportFileError
from cerdesk.importers.formats import parse_bytes, read_export
from tests.importers.conftest import shared_file

# The manifest counts worksheet rows minus one; these sheets carry a title row (_baseline)
# or a search-query preamble (Embase) above the header, as the CSV versions do, so the
# true record counts are those of the matching CSV files.
REAL = [
    ("asreview-citation-file-formatting/XLSX/_baseline.xlsx", 100),
    ("asreview-citation-file-formatting/XLSX/_baseline_embase.xlsx", 10),
    ("asreview-citation-file-formatting/XLSX/_baseline_eppireviewer.xlsx", 10),
    ("_synthetic_edge_cases/colrev/xlsx_data.xlsx", 3),
]


@pytest.mark.parametrize(("relative", "count"), REAL)
def test_real_workbooks(relative: str, count: int) -> None:
    result = read_export(shared_file(relative))
    assert result.format == "xlsx"
    assert len(result.records) == count
    assert result.problems == []
    assert all(r.title for r in result.records)


def _workbook(rows: list[list[object]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_workbook_with_known_and_mapped_columns(tmp_path: Path) -> None:
    data = _workbook(
        [
            ["Title", "Authors", "Year", "DOI"],
            ["Screws", "Roe, J; Doe, J", 2020, "https://doi.org/10.5555/X"],
        ]
    )
    result = parse_bytes(data, "export.xlsx")
    [record] = result.records
    assert (record.title, record.year, record.doi) == ("Screws", 2020, "10.5555/x")
    unknown = _workbook([["Titel", "Jahr"], ["Schrauben", 2019]])
    with pytest.raises(ImportFileError, match="header row"):
        parse_bytes(unknown, "liste.xlsx")
    mapped = parse_bytes(unknown, "liste.xlsx", mapping={"Titel": "title", "Jahr": "year"})
    assert [(r.title, r.year) for r in mapped.records] == [("Schrauben", 2019)]


def test_hostile_workbooks() -> None:
    with pytest.raises(ImportFileError):
        parse_bytes(b"PK\x03\x04" + b"\x00" * 200, "broken.xlsx")
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    with pytest.raises(ImportFileError):
        parse_bytes(other_zip.getvalue(), "archive.zip")
    fake = io.BytesIO()
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not really")
    with pytest.raises(ImportFileError, match="cannot be read"):
        parse_bytes(fake.getvalue(), "fake.xlsx")
    with pytest.raises(ImportFileError, match="not an Excel workbook"):
        parse_bytes(b"TY  - JOUR\nER  - \n", "x.ris", "xlsx")
