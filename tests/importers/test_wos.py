"""Web of Science importer: plain-text (field tagged) and tab-delimited exports."""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cerdesk.importers import wos
from cerdesk.importers.errors import ImportFileError
from cerdesk.importers.formats import parse_text, read_export
from tests.importers.conftest import shared_file

# Every Web of Science file of ../shared/data/MANIFEST.md with its record count there.
PLAIN_FILES = [
    ("metaknowledge/ManyAuthors.isi", 500),
    ("metaknowledge/OnePaper.isi", 1),
    ("metaknowledge/OnePaper2.isi", 1),
    ("metaknowledge/OnePaperNoCites.isi", 1),
    ("metaknowledge/SimplePaper.isi", 1),  # no FN/VR header: starts with "PT J"
    ("metaknowledge/TwoPaper.isi", 2),
    # Damaged on purpose: a CR tag lost (its lines run on under C1), a second CR line in
    # the same record, no EF. Every record is still complete, so nothing is reported.
    ("metaknowledge/badFile.isi", 32),
    ("metaknowledge/savedrecs.txt", 32),
    # "AUGilles, H" (no space after the tag) and two records without UT.
    ("metaknowledge/testFile.isi", 34),
    ("synthesisr/extdata/zoorec.txt", 134),  # Zoological Record: AN, PS, e-mail in AU
    ("synthesisr/testdata/WoS_ciw_example.ciw", 5),
    ("synthesisr/testdata/WoS_txt_example.txt", 4),
    ("rispy/example_wos.ris", 2),  # WoS plain text despite the .ris name
    ("jabref/importer-fileformat/IsiImporterTest1.isi", 1),  # INSPEC, "EF" without newline
    ("jabref/importer-fileformat/IsiImporterTest2.isi", 3),  # odd tags, empty AU
    ("jabref/importer-fileformat/IsiImporterTestInspec.isi", 2),
    ("jabref/importer-fileformat/IsiImporterTestMedline.isi", 2),  # "; "-joined AU line
    ("jabref/importer-fileformat/IsiImporterTestWOS.isi", 2),
]
TAB_FILES = [
    ("scientopy/2017_iot_gateway/wos.txt", 125),  # 66 columns + a trailing tab
    ("scientopy/2026_bluetooth_low_energy/wos_2026_04_02_1000.txt", 1000),
    ("scientopy/2026_bluetooth_low_energy/wos_2026_04_02_2000.txt", 1000),
    ("scientopy/2026_bluetooth_low_energy/wos_2026_04_02_3000.txt", 1000),
    ("scientopy/2026_bluetooth_low_energy/wos_2026_04_02_4000.txt", 1000),
    ("scientopy/2026_bluetooth_low_energy/wos_2026_04_02_4071.txt", 71),
]


# ------------------------------------------------------------------- real files
@pytest.mark.parametrize(("relative", "count"), PLAIN_FILES + TAB_FILES)
def test_real_file_record_count(relative: str, count: int) -> None:
    result = read_export(shared_file(relative), "wos")
    assert result.format == "wos"
    assert len(result.records) == count
    assert result.problems == []
    assert [r.source_index for r in result.records] == list(range(1, count + 1))
    assert all(r.title for r in result.records)
    assert all(r.raw for r in result.records)


@pytest.mark.parametrize(("relative", "count"), PLAIN_FILES + TAB_FILES)
def test_real_file_is_sniffed_as_wos(relative: str, count: int) -> None:
    from cerdesk.importers.decode import decode_bytes

    text, _ = decode_bytes(shared_file(relative).read_bytes())
    assert wos.sniff(text)


@pytest.mark.parametrize(("relative", "count"), PLAIN_FILES[:3] + TAB_FILES[:1])
def test_real_file_auto_detected(relative: str, count: int) -> None:
    # Detection asks the formats tried before "wos"; they are written separately.
    for module in ("pubmed_xml", "endnote_xml", "nbib"):
        pytest.importorskip(f"cerdesk.importers.{module}")
    result = read_export(shared_file(relative))
    assert result.format == "wos"
    assert len(result.records) == count


def test_many_authors_first_record() -> None:
    record = read_export(shared_file("metaknowledge/ManyAuthors.isi"), "wos").records[0]
    assert record.title is not None
    assert record.title.startswith("Defining biochemical failure following radiotherapy")
    # AF (full names) is preferred to AU; each continuation line is one author.
    assert record.authors[:2] == ("Roach, Mack, III", "Hanks, Gerald")
    assert record.extra["AU"][:2] == ["Roach, M", "Hanks, G"]
    assert record.doi == "10.1016/j.ijrobp.2006.04.029"
    assert record.pmid == "16798415"
    assert record.year == 2006
    assert record.pages == "965-974"
    assert record.source_id == "WOS:000238878800002"
    assert record.journal == "INTERNATIONAL JOURNAL OF RADIATION ONCOLOGY BIOLOGY PHYSICS"
    assert record.journal_abbrev == "Int. J. Radiat. Oncol. Biol. Phys."
    assert record.raw.startswith("PT J\nAU Roach, M\n")
    assert record.raw.endswith("\nER")


def test_many_authors_long_author_lists() -> None:
    records = read_export(shared_file("metaknowledge/ManyAuthors.isi"), "wos").records
    assert max(len(r.authors) for r in records) >= 170


def test_zoological_record_fields() -> None:
    record = read_export(shared_file("synthesisr/extdata/zoorec.txt"), "wos").records[0]
    assert record.title == (
        "Nest site selection and nest survival of Black-backed Woodpeckers after wildfire."
    )
    # "Stillman, Andrew N. (andrew.stillman@uconn.edu)": the e-mail is dropped.
    assert record.authors[0] == "Stillman, Andrew N."
    assert record.year == 2019
    assert record.pages == "duz039"  # PS (page span) when there is no BP/EP
    assert record.source_id == "ZOOREC:ZOOR15512090342"


def test_tab_delimited_first_record() -> None:
    path = "scientopy/2017_iot_gateway/wos.txt"
    record = read_export(shared_file(path), "wos").records[0]
    assert record.title == (
        "Privacy-preserving protocols for secure and reliable data aggregation in "
        "IoT-enabled Smart Metering systems"
    )
    assert record.authors[0] == "Tonyali, Samet"
    assert record.doi == "10.1016/j.future.2017.04.031"
    assert record.year == 2018
    assert record.pages == "547-557"
    assert record.issn == "0167-739X; 1872-7115"
    assert record.keywords[0] == "Internet of things"
    assert record.source_id == "WOS:000413060400006"
    assert record.raw.startswith("J\tTonyali, S; Akkaya, K;")


def test_tab_delimited_article_number_and_last_record() -> None:
    path = "scientopy/2026_bluetooth_low_energy/wos_2026_04_02_4071.txt"
    records = read_export(shared_file(path), "wos").records
    assert records[0].title is not None
    assert records[0].title.startswith("Design and Implementation of a Wearable System")
    assert records[0].authors[0] == "Sheeja Prakash, Karthika"
    assert records[0].pages == "2300058"  # AR
    assert records[0].doi == "10.1002/adsr.202300058"
    assert records[-1].source_id == "WOS:001394833300001"


def test_scientopy_4071_records_all_distinct() -> None:
    total: list[str] = []
    started = time.perf_counter()
    for relative, _ in TAB_FILES[1:]:
        records = read_export(shared_file(relative), "wos").records
        total.extend(r.source_id or "" for r in records)
    elapsed = time.perf_counter() - started
    assert len(total) == 4071
    assert len(set(total)) == 4071
    assert elapsed < 20  # about 1 s on a laptop (12.4 MB)


def test_medline_on_wos_semicolon_authors() -> None:
    path = "jabref/importer-fileformat/IsiImporterTestMedline.isi"
    records = read_export(shared_file(path), "wos").records
    assert records[1].authors[:2] == ("Joffe, Hadine", "Hall, Janet E")
    assert len(records[1].authors) == 7
    assert records[1].pmid == "16735938"  # from UT MEDLINE:16735938
    assert records[1].pages == "411-422"  # PS 411-22


def test_tag_without_space_recovered() -> None:
    records = read_export(shared_file("metaknowledge/testFile.isi"), "wos").records
    gilles = [r for r in records if r.source_id == "WOS:000177484FG0017"]
    assert len(gilles) == 1
    assert gilles[0].authors == ("Gilles, H", "Girard, S", "Hamel, J")
    assert gilles[0].extra["AU"] == ["Gilles, H", "Girard, S", "Hamel, J"]


# ------------------------------------------------------------------- plain text
PLAIN = """\ufeffFN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Smith, J
   Doe, JA
AF Smith, John
   Doe, Jane A.
TI A wrapped
   title
SO JOURNAL OF TESTS
LA English
DT Article
DE hip; knee
   arthroplasty; Hip
ID OUTCOMES
AB First line
   second line.
CR Alpha A, 2000, J X, V1, P1
   Beta B, 2001, J Y, V2, P2
SN 1234-5678
EI 8765-4321
J9 J TESTS
JI J. Tests
PY 2019
VL 12
IS 3
BP 123
EP 9
DI 10.1000/ABC.1
PM 31234567
UT WOS:000000000000001
ER

PT B
AU Roe, R
TI Second
PY 2020
AR UNSP e123
UT WOS:000000000000002
ER

EF
"""


def test_plain_text_fields() -> None:
    result = parse_text(PLAIN, "wos")
    assert result.problems == []
    first, second = result.records
    assert first.title == "A wrapped title"
    assert first.authors == ("Smith, John", "Doe, Jane A.")
    assert first.abstract == "First line second line."
    assert first.keywords == ("hip", "knee arthroplasty", "OUTCOMES")
    assert first.journal == "JOURNAL OF TESTS"
    assert first.journal_abbrev == "J. Tests"
    assert first.extra["J9"] == ["J TESTS"]
    assert first.extra["CR"] == ["Alpha A, 2000, J X, V1, P1", "Beta B, 2001, J Y, V2, P2"]
    assert (first.year, first.volume, first.issue, first.pages) == (2019, "12", "3", "123-129")
    assert first.doi == "10.1000/abc.1"
    assert first.pmid == "31234567"
    assert first.issn == "1234-5678; 8765-4321"
    assert first.language == "English"
    assert first.publication_type == "Article"
    assert first.source_id == "WOS:000000000000001"
    assert first.source_index == 1
    assert first.raw.startswith("PT J\nAU Smith, J\n   Doe, JA\n")
    assert first.raw.endswith("UT WOS:000000000000001\nER")
    assert second.authors == ("Roe, R",)
    assert second.pages == "e123"
    assert second.publication_type == "Book"
    assert second.source_index == 2


def test_plain_text_concatenated_exports_and_no_header() -> None:
    block = "PT J\nAU A, B\nTI One\nER\n"
    text = f"{block}\nEF\nFN Thomson Reuters Web of Science\nVR 1.0\n{block}EF\n"
    assert [r.title for r in parse_text(text, "wos").records] == ["One", "One"]


def test_plain_text_missing_er_before_next_record() -> None:
    text = "FN x\nVR 1.0\nPT J\nTI One\nPT J\nTI Two\nER\nEF\n"
    result = parse_text(text, "wos")
    assert [r.title for r in result.records] == ["One", "Two"]
    assert result.problems == []


def test_plain_text_cut_off_last_record_is_a_problem() -> None:
    text = PLAIN.split("\nPT B\n")[0] + "\nPT B\nAU Roe, R\nTI Second, cut o"
    result = parse_text(text, "wos")
    assert len(result.records) == 1
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.record == 2
    assert "no ER line" in problem.message
    assert problem.line == text.split("\n").index("PT B") + 1


def test_plain_text_junk_between_records_is_reported() -> None:
    text = "FN x\nVR 1.0\nPT J\nTI One\nER\nsome stray words\nmore\nPT J\nTI Two\nER\n"
    result = parse_text(text, "wos")
    assert [r.title for r in result.records] == ["One", "Two"]
    assert len(result.problems) == 1
    assert result.problems[0].record is None
    assert result.problems[0].line == 6


def test_plain_text_record_without_title_author_or_id() -> None:
    text = "FN x\nVR 1.0\nPT J\nPY 2000\nER\nPT J\nTI Two\nER\n"
    result = parse_text(text, "wos")
    assert [r.source_index for r in result.records] == [2]
    assert [p.record for p in result.problems] == [1]


def test_header_only_file_is_refused() -> None:
    with pytest.raises(ImportFileError, match="no Web of Science records"):
        parse_text("FN Clarivate Analytics Web of Science\nVR 1.0\n", "wos")


def test_truncated_first_record_is_refused() -> None:
    with pytest.raises(ImportFileError, match="no ER line"):
        parse_text("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Smi", "wos")


def test_ten_megabyte_abstract() -> None:
    words = ("word " * 2_000_000).strip()
    text = f"FN x\nVR 1.0\nPT J\nTI Big\nAB {words}\nER\nEF\n"
    record = parse_text(text, "wos").records[0]
    assert record.abstract is not None
    assert len(record.abstract) == len(words)


@pytest.mark.parametrize(
    "field",
    [
        "DE " + "k1234567; " * 400_000,
        "AU " + "Smith, J; " * 100_000,
        "AU a " + "(" * 5_000_000,
        "DI 10.1000/x" + ")" * 10_000_000,
    ],
)
def test_huge_hostile_fields_stay_linear(field: str) -> None:
    started = time.perf_counter()
    records = parse_text(f"FN x\nVR 1.0\nPT J\nTI T\n{field}\nER\n", "wos").records
    assert [r.title for r in records] == ["T"]
    assert time.perf_counter() - started < 15  # well under 1 s; quadratic code never ends


def test_ten_megabyte_single_line_is_not_wos() -> None:
    with pytest.raises(ImportFileError):
        parse_text("x" * 10_000_000, "wos")


# -------------------------------------------------------------------- tab-delimited
TAB_HEADER = "PT\tAU\tAF\tTI\tSO\tDE\tID\tAB\tSN\tPY\tVL\tIS\tBP\tEP\tAR\tDI\tPM\tUT\t"
TAB_ROW = (
    'J\tSmith, J; Doe, J\tSmith, John; Doe, Jane\tA "quoted" title\tJ TESTS\tx; y\tZ\t'
    "Abstract.\t1234-5678\t2021\t5\t\t10\t20\t\t10.1000/X\t\tWOS:1\t"
)


def test_tab_delimited_quotes_are_text_and_trailing_tab() -> None:
    result = parse_text(f"{TAB_HEADER}\n{TAB_ROW}\n", "wos")
    assert result.problems == []
    (record,) = result.records
    assert record.title == 'A "quoted" title'
    assert record.authors == ("Smith, John", "Doe, Jane")
    assert record.keywords == ("x", "y", "Z")
    assert record.pages == "10-20"
    assert record.issue is None
    assert record.doi == "10.1000/x"
    assert record.raw == TAB_ROW


def test_tab_delimited_wrong_cell_count_is_a_problem() -> None:
    broken = "J\tSmith, J\tSmith, John\tBroken\tJ"
    result = parse_text(f"{TAB_HEADER}\n{TAB_ROW}\n{broken}\n{TAB_ROW}\n", "wos")
    assert [r.source_index for r in result.records] == [1, 3]
    assert len(result.problems) == 1
    assert result.problems[0].record == 2
    assert result.problems[0].line == 3
    assert "5 cells" in result.problems[0].message


def test_tab_delimited_long_names_header() -> None:
    header = "Publication Type\tAuthors\tArticle Title\tSource Title\tPublication Year\t"
    header += "DOI\tPubmed Id\tUT (Unique WOS ID)"
    row = "J\tSmith, J\tLong header title\tJ X\t2022\t10.2000/y\t123\tWOS:2"
    text = f"{header}\n{row}\n"
    assert wos.sniff(text)
    (record,) = parse_text(text, "wos").records
    assert (record.title, record.year, record.doi) == ("Long header title", 2022, "10.2000/y")
    assert (record.pmid, record.source_id, record.authors) == ("123", "WOS:2", ("Smith, J",))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_tab_delimited_file_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "savedrecs.txt"
    text = f"{TAB_HEADER}\r\n{TAB_ROW.replace('A ', 'Ä ')}\r\n"
    data = text.encode(encoding)
    if encoding == "utf-16":
        assert data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    path.write_bytes(data)
    result = read_export(path, "wos")
    assert result.records[0].title == 'Ä "quoted" title'


# ------------------------------------------------------------------------- sniff
@pytest.mark.parametrize(
    "text",
    [
        "FN Clarivate Analytics Web of Science\nVR 1.0\n",
        "\n\nPT J\nAU Smith, J\nTI x\nER\n",
        "PT\tAU\tTI\nJ\tA\tB\n",
    ],
)
def test_sniff_accepts(text: str) -> None:
    assert wos.sniff(text)


@pytest.mark.parametrize(
    "text",
    [
        "TY  - JOUR\nAU  - Smith, J\nTI  - x\nER  - \n",
        "PMID- 123\nPT  - Journal Article\nTI  - x\n",
        "Record 1\nTY  - JOUR\nPT J\nAU x\n",
        "title,authors\nx,y\n",
        "Title\tAuthors\nx\ty\n",
        "PT J\n\n",
        "",
    ],
)
def test_sniff_refuses(text: str) -> None:
    assert not wos.sniff(text)


def test_ris_text_is_refused() -> None:
    with pytest.raises(ImportFileError, match="not a Web of Science export"):
        parse_text("TY  - JOUR\nTI  - x\nER  - \n", "wos")


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "savedrecs.txt"
    path.write_bytes(bytes(range(256)) * 50)
    with pytest.raises(ImportFileError, match=r"savedrecs\.txt"):
        read_export(path, "wos")


# -------------------------------------------------------------------- hypothesis
_TAGS = st.sampled_from(["FN", "VR", "PT", "AU", "AF", "TI", "PY", "BP", "EP", "DI", "ER", "EF"])
_LINES = st.one_of(
    st.builds(lambda t, v: f"{t} {v}", _TAGS, st.text(max_size=30)),
    st.builds(lambda v: f"   {v}", st.text(max_size=30)),
    st.sampled_from(["ER", "EF", "", "PT J", "TY  - JOUR", "\t", "PT\tAU\tTI"]),
    st.text(max_size=30),
)


def _parse_or_refuse(text: str) -> None:
    try:
        result = parse_text(text, "wos")
    except ImportFileError:
        return
    assert result.records
    for record in result.records:
        assert record.source_index >= 1


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_hypothesis_any_text(text: str) -> None:
    wos.sniff(text)
    _parse_or_refuse(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINES, max_size=40))
def test_hypothesis_tag_like_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    wos.sniff(text)
    _parse_or_refuse(text)
    _parse_or_refuse("FN x\nVR 1.0\n" + text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.text(max_size=12), max_size=8), max_size=12))
def test_hypothesis_tab_rows(rows: list[list[str]]) -> None:
    body = "\n".join("\t".join(cells) for cells in rows)
    _parse_or_refuse("PT\tAU\tTI\tUT\n" + body)
