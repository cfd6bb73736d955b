"""EndNote XML importer: EndNote/Zotero/Mendeley/Bookends files, fields, hostile XML."""

from __future__ import annotations

import contextlib
import functools
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cerdesk.core.bibliography import ParseResult
from cerdesk.importers import endnote_xml
from cerdesk.importers.errors import ImportFileError
from cerdesk.importers.formats import detect_format, parse_text, read_export
from tests.importers.conftest import shared_file

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "importers" / "endnote_sample.xml"
JABREF = "jabref/importer-fileformat/"

#: Every EndNote XML file of ../shared/data/MANIFEST.md with the manifest's record count.
MANIFEST_FILES = [
    ("iebh-dedupe-sweep/copper.xml", 505),
    ("iebh-dedupe-sweep/tafenoquine.xml", 179),
    ("asysd/mendeley_export.xml", 1233),
    ("asysd/zotero_export.xml", 1233),
    ("iebh-reflib/Dump-Converted test.xml", 25),
    ("iebh-reflib/SpiderCite demo.xml", 10),
    ("iebh-reflib/blue-light.xml", 102),
    ("iebh-reflib/multipart.xml", 1),
    ("reflib-node/bold.xml", 3),
    (JABREF + "EndnoteXmlImporterTestArticle.xml", 1),
    (JABREF + "EndnoteXmlImporterTestArticle2.xml", 2),
    (JABREF + "EndnoteXmlImporterTestLabelAndMultiTitle.xml", 3),
    (JABREF + "EndnoteXmlImporterTestReport.xml", 1),
    (JABREF + "EndnoteXmlImporterTest_EmptyKeywordStyle.xml", 1),
    (JABREF + "EndnoteXmlImporterTest_WithoutUrlStyle.xml", 1),
    (JABREF + "EndnoteXmlImporterTest_WithoutUrlStyle2.xml", 2),
]


@functools.cache
def read_shared(relative: str) -> ParseResult:
    """Read a shared EndNote XML file once per test session (the big ones take ~0.3 s)."""
    return read_export(shared_file(relative), "endnote-xml")


# ----------------------------------------------------------------- real files
@pytest.mark.parametrize(("relative", "count"), MANIFEST_FILES)
def test_manifest_files_read_completely(relative: str, count: int) -> None:
    path = shared_file(relative)
    result = read_shared(relative)
    assert result.format == "endnote-xml"
    assert len(result.records) == count
    assert result.problems == []
    assert [r.source_index for r in result.records] == list(range(1, count + 1))
    text = path.read_text(encoding="utf-8")
    for record in result.records:
        assert record.title
        assert record.raw.startswith("<record>") and record.raw.endswith("</record>")
    assert result.records[0].raw in text
    assert result.records[-1].raw in text


@pytest.mark.parametrize(("relative", "count"), MANIFEST_FILES)
def test_manifest_files_are_detected(relative: str, count: int) -> None:
    text = shared_file(relative).read_text(encoding="utf-8")
    assert endnote_xml.sniff(text)
    assert detect_format(text) == "endnote-xml"


@pytest.mark.parametrize(
    ("relative", "dois"),
    [
        ("asysd/zotero_export.xml", 1064),
        ("asysd/mendeley_export.xml", 1064),
        ("iebh-reflib/blue-light.xml", 72),
    ],
)
def test_doi_counts_match_the_manifest(relative: str, dois: int) -> None:
    records = read_shared(relative).records
    assert sum(1 for r in records if r.doi) == dois


def test_endnote_file_fields() -> None:
    records = read_shared("iebh-dedupe-sweep/copper.xml").records
    first = records[0]
    assert first.source_id == "258"
    assert first.title == (
        "Zinc, copper, CD4 T-cell count and some hematological parameters of HIV-infected "
        "subjects in Southern Nigeria"
    )
    assert first.authors[:2] == ("Asemota, E. A.", "Okafor, I. M.")
    assert len(first.authors) == 7
    assert first.journal == "Integrative Medicine Research"
    assert (first.year, first.volume, first.issue, first.pages) == (2018, "7", "1", "53-60")
    assert first.doi == "10.1016/j.imr.2018.01.008"
    assert first.pmid is None  # an Embase record: no PubMed accession number
    assert first.keywords[:3] == ("copper", "hemoglobin", "zinc")
    assert first.language == "English"
    assert first.publication_type == "Journal Article"
    assert first.extra["caption"] == ["Duplicate"]
    assert first.extra["remote-database-name"] == ["Embase"]
    # PubMed-sourced records carry the PMID as accession number (provider NLM).
    assert sum(1 for r in records if r.pmid) == 167


def test_mendeley_and_zotero_dialects() -> None:
    mendeley = read_shared("asysd/mendeley_export.xml").records[0]
    zotero = read_shared("asysd/zotero_export.xml").records[0]
    for record in (mendeley, zotero):
        assert record.title == "Myoclonus in older Cavalier King Charles Spaniels."
        assert record.authors == ("Rotter, Carina", "Whittaker, Danielle", "Rusbridge, Clare")
        assert record.journal == "Journal of veterinary internal medicine"
        assert (record.year, record.volume, record.issue) == (2022, "36", "3")
        assert record.pages == "1032-1038"
        assert record.doi == "10.1111/jvim.16404"
        assert record.publication_type == "Journal Article"
    assert mendeley.pmid == "35319117"  # <accession-num>, no remote database named
    assert mendeley.issue == "3"  # Mendeley writes <issue>, not <number>
    assert zotero.journal_abbrev == "J Vet Intern Med"
    assert zotero.issn == "1939-1676 0891-6640"


def test_style_runs_and_entities() -> None:
    bold = read_export(shared_file("reflib-node/bold.xml"), "endnote-xml").records[0]
    assert bold.title == (
        "Patient satisfaction with physician-patient communication during telemedicine"
    )
    assert (bold.pages, bold.pmid, bold.doi) == ("830-839", "19919189", "10.1089/tmj.2009.0030")
    multipart = read_export(shared_file("iebh-reflib/multipart.xml"), "endnote-xml").records[0]
    assert multipart.source_id == "1 & 2"
    assert multipart.title == "Foo & Bar"
    assert multipart.authors == ("Foo & Bar", "Baz & Quz")
    assert multipart.journal == "Foo & Journal"


def test_pseudo_urls_and_other_accession_numbers() -> None:
    records = read_export(
        shared_file(JABREF + "EndnoteXmlImporterTestLabelAndMultiTitle.xml"), "endnote-xml"
    ).records
    assert records[0].url is None  # "<Go to ISI>://000200148800007" is no address
    assert records[0].extra["urls"] == ["<Go to ISI>://000200148800007"]
    assert records[0].pmid is None
    assert records[0].extra["accession-num"] == ["ISI:000200148800007"]
    assert records[0].issn == "0012-9658"
    assert records[1].publication_type == "Book"
    assert records[1].issn is None and records[1].extra["isbn"] == ["0012-9658"]


def test_empty_keyword_styles() -> None:
    [record] = read_export(
        shared_file(JABREF + "EndnoteXmlImporterTest_EmptyKeywordStyle.xml"), "endnote-xml"
    ).records
    assert record.keywords == ("anxiety; craving; dependency; destress; health restoration",)
    assert record.pmid == "29937971"
    assert record.url == "https://www.ncbi.nlm.nih.gov/pubmed/29937971"


# ----------------------------------------------------------------- own sample
def test_sample_file_fields() -> None:
    result = read_export(SAMPLE)
    assert result.format == "endnote-xml"
    first, book, survey = result.records
    assert [p.record for p in result.problems] == [3]
    assert result.problems[0].line == 57
    assert "no title, authors, journal or identifier" in result.problems[0].message
    assert first.source_id == "42"
    assert first.title == "Wear of ultra-high molecular weight polyethylene"
    assert first.authors == ("Müller, Anna K.", "Hip Registry Group")
    assert first.abstract == "BACKGROUND: Hip implants wear.\n\nMETHODS: We followed 40 patients."
    assert (first.journal, first.journal_abbrev) == ("Journal of Implant Surgery", "J Implant Surg")
    assert first.pages == "123-129"  # "123‐9" with a Unicode hyphen
    assert first.doi == "10.1000/jis.2019.001"  # from the doi.org link
    assert first.url == "https://www.ncbi.nlm.nih.gov/pubmed/30000001"
    assert first.pmid == "30000001"
    assert first.keywords == ("Hip Prosthesis/*adverse effects", "Humans")
    assert first.extra["auth-address"] == ["Clinic A, Basel.", "Clinic B, Bern."]
    assert first.extra["custom1"] == ["Included"]
    assert book.publication_type == "Book Section"
    assert book.journal == "Hip fracture: management"
    assert book.extra["secondary-authors"] == ["Editor, Ed"]
    assert book.extra["isbn"] == ["978-1-234-56789-7"]
    assert book.extra["accession-num"] == ["L2011000123"]
    assert book.doi is None and book.extra["electronic-resource-num"] == ["S0000-0000(11)00001-X"]
    assert book.pages == "45-52"
    assert survey.source_index == 4
    assert survey.year == 2020  # from pub-dates
    assert survey.pmid is None  # a PIP accession number, not PubMed
    assert survey.doi == "10.1000/pop.2020.7"
    text = SAMPLE.read_text(encoding="utf-8")
    for record in result.records:
        assert record.raw in text


# ----------------------------------------------------------------- hostile input
def record(number: int, title: str = "A title", abstract: str = "An abstract.") -> str:
    """Return a minimal EndNote <record> for building test files."""
    return (
        f"<record><rec-number>{number}</rec-number>"
        f'<ref-type name="Journal Article">17</ref-type>'
        f'<titles><title><style face="normal">{title}</style></title></titles>'
        f"<abstract>{abstract}</abstract></record>"
    )


def library(*records: str, newline: str = "") -> str:
    body = newline.join(records)
    return f"<?xml version='1.0' encoding='UTF-8'?><xml><records>{body}</records></xml>"


def test_billion_laughs_is_refused_quickly() -> None:
    lols = "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    text = (
        f'<!DOCTYPE xml [<!ENTITY lol0 "lol">{lols}]>'
        + library(record(1, title="&lol9;"))[len("<?xml version='1.0' encoding='UTF-8'?>") :]
    )
    start = time.perf_counter()
    with pytest.raises(ImportFileError, match="declares entities, which cerdesk refuses"):
        parse_text(text, "endnote-xml")
    assert time.perf_counter() - start < 1


def test_external_entity_is_refused_and_nothing_is_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER")
    for target in (f"file://{secret}", "file:///etc/passwd"):
        text = f'<?xml version="1.0"?>\n<!DOCTYPE xml [<!ENTITY xxe SYSTEM "{target}">]>\n'
        text += "<xml><records>" + record(1, title="&xxe;") + "</records></xml>"
        with pytest.raises(ImportFileError, match="refuses for safety") as info:
            parse_text(text, "endnote-xml")
        assert "TOP-SECRET-MARKER" not in str(info.value) and "root:" not in str(info.value)


def test_truncated_single_line_file_keeps_complete_records() -> None:
    text = library(*(record(i) for i in range(1, 6)))
    cut = text.index("</rec-number>", text.index("<rec-number>4<")) + len("</rec-number>")
    result = parse_text(text[:cut], "endnote-xml")
    assert [r.source_id for r in result.records] == ["1", "2", "3"]
    [problem] = result.problems
    assert (problem.record, problem.line) == (4, 1)
    # EndNote writes the whole library on one line: the column locates the break.
    assert f"line 1, column {cut + 1} (no element found)" in problem.message


def test_truncated_first_record_is_refused_naming_the_line() -> None:
    text = library(record(1), record(2), newline="\n")
    with pytest.raises(ImportFileError, match=r"broken at line 1, column \d+"):
        parse_text(text[:100], "endnote-xml")


def test_binary_junk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.xml"
    path.write_bytes(b"<xml><records>" + bytes(range(256)) * 20)
    with pytest.raises(ImportFileError, match=r"junk\.xml"):
        read_export(path, "endnote-xml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "holds no EndNote XML records"),
        ("TY  - JOUR\nER  - \n", "broken at line 1"),
        ("<PubmedArticleSet><PubmedArticle/></PubmedArticleSet>", "root element is <Pubmed"),
        ("<xml><records></records></xml>", "holds no EndNote XML records"),
        ("<xml><records><record></record></records></xml>", None),
        ("<xml><records>\ud800</records></xml>", "cannot be read as XML"),
    ],
)
def test_not_endnote_xml(text: str, message: str | None) -> None:
    if message is None:  # one empty record: a problem, not a refusal
        result = parse_text(text, "endnote-xml")
        assert result.records == [] and len(result.problems) == 1
        return
    with pytest.raises(ImportFileError, match=message):
        parse_text(text, "endnote-xml")


def test_ten_megabyte_abstract() -> None:
    abstract = "Wear particles were measured. " * 350_000  # ~10 MB
    start = time.perf_counter()
    result = parse_text(library(record(1, abstract=abstract), record(2)), "endnote-xml")
    assert time.perf_counter() - start < 10
    assert [len(r.abstract or "") for r in result.records] == [len(abstract) - 1, 12]


def test_sniff() -> None:
    assert endnote_xml.sniff('<?xml version="1.0" encoding="UTF-8" ?><xml><records><record>')
    assert endnote_xml.sniff("<xml>\n  <records>\n    <record>")
    assert not endnote_xml.sniff("<PubmedArticleSet><PubmedArticle>")
    assert not endnote_xml.sniff("@article{x, title={<xml>}}")


# ----------------------------------------------------------------- hypothesis
_FRAGMENTS = st.sampled_from(
    [
        "<xml>",
        "</xml>",
        "<records>",
        "</records>",
        "<record>",
        "</record>",
        "<titles><title>",
        "</title></titles>",
        '<style face="normal">',
        "</style>",
        "<contributors><authors><author>A, B</author></authors></contributors>",
        "<dates><year>2020</year></dates>",
        "<accession-num>123</accession-num>",
        "<electronic-resource-num>10.1/x</electronic-resource-num>",
        "<urls><related-urls><url>http://x</url></related-urls></urls>",
        '<ref-type name="Book">6</ref-type>',
        "<keywords><keyword>k</keyword></keywords>",
        '<?xml version="1.0"?>',
        "\n",
        "&amp;",
        "&#xD;",
        "<",
        ">",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_random_text_only_raises_import_errors(text: str) -> None:
    endnote_xml.sniff(text)
    with contextlib.suppress(ImportFileError):
        parse_text(text, "endnote-xml")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=5)), max_size=40))
def test_xml_like_fragments_only_raise_import_errors(parts: list[str]) -> None:
    text = "".join(parts)
    endnote_xml.sniff(text)
    try:
        result = parse_text(text, "endnote-xml")
    except ImportFileError:
        return
    assert result.records or result.problems
    for parsed in result.records:
        assert parsed.raw.startswith("<record")
