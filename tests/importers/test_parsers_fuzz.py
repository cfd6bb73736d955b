"""One hypothesis property per parser: any input gives records or the importer's own error.

Each parser gets arbitrary bytes (decoded as the importer would, or byte for byte when it
refuses them) and structured-ish fuzz built from its format's real tags, so that it gets
past format detection and deep into record reading. Anything but a result or an
:class:`~cerdesk.importers.errors.ImportFileError` — another exception, a hang (a hard
time limit interrupts it) or a slow example (hypothesis ``deadline``) — fails.
"""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cerdesk.core.bibliography import ParsedRecord, ParseProblem, ParseResult
from cerdesk.importers import csv_table
from cerdesk.importers.errors import ImportFileError
from tests.importers.hostile_cases import parse_direct, time_limit, workbook

FUZZ = settings(
    max_examples=300,
    deadline=timedelta(seconds=3),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: A hard stop for an example that hangs (the deadline only reports slow ones afterwards).
HANG_SECONDS = 20


def check(parser: str, data: bytes) -> None:
    """Parse ``data`` with ``parser``; only a result or ImportFileError may come out."""
    try:
        with time_limit(HANG_SECONDS):
            result = parse_direct(parser, data)
    except ImportFileError as err:
        assert str(err).strip()
        event("the importer's error")
        return
    event("records" if result.records else "only problems")
    assert isinstance(result, ParseResult)
    assert all(isinstance(r, ParsedRecord) and isinstance(r.raw, str) for r in result.records)
    assert all(isinstance(p, ParseProblem) and p.message for p in result.problems)
    assert result.records or result.problems  # never silently nothing


def text_check(parser: str, text: str) -> None:
    """Check ``text`` encoded as UTF-8 (lone surrogates, which no decoder yields, dropped)."""
    check(parser, text.encode("utf-8", "ignore"))


# ------------------------------------------------------------------ shared pieces
JUNK = st.text(st.characters(codec="utf-8"), max_size=30)
ODD = st.sampled_from(
    [
        "",
        " ",
        "\ufeff",
        "\t",
        "\x0b",
        "\x1a",
        "\u2028",
        "\ufffd",
        "10.1000/xyz",
        "https://doi.org/10.1000/X",
        "http://dx.doi.org/10.1/a [doi]",
        "12345 [PMID]",
        "PUBMED 123",
        "D=medl&AN=123",
        "2020///",
        "1999/12/31",
        "2021 Jan-Feb",
        "123-45",
        "e1234",
        "Doe, J",
        "Doe J",
        "von Doe, Jr, John",
        "{",
        "}",
        '"',
        "&amp;",
        "<i>",
        "\\",
        "%",
        "@",
        "=",
        ",",
        ";",
        "99999999999999999999",
        "-1",
    ]
)
VALUE = st.one_of(JUNK, ODD, st.lists(st.one_of(JUNK, ODD), max_size=4).map(" ".join))


def lines_of(
    line: st.SearchStrategy[str],
    first: str | None = None,
    last: str | None = None,
) -> st.SearchStrategy[str]:
    """A file of lines drawn from ``line``, with LF, CRLF or CR line ends.

    With ``first`` (and ``last``), most of it is records: ``first``, some lines, ``last``
    (sometimes left out), so that the parser gets past detection into its records.
    """
    ends = st.sampled_from(["\n", "\r\n", "\r"])
    plain = st.lists(line, max_size=40)
    if first is None:
        chunks = plain
    else:
        closing = st.sampled_from([[last]] if last is not None else [[]]) | st.just([])
        record = st.tuples(st.lists(line, max_size=8), closing).map(lambda t: [first, *t[0], *t[1]])
        chunks = st.lists(record | plain, max_size=6).map(lambda c: [x for part in c for x in part])
    return st.tuples(chunks, ends).map(lambda t: t[1].join(t[0]))


# ------------------------------------------------------------------ arbitrary bytes
PARSERS = ("ris", "nbib", "pubmed_xml", "endnote_xml", "bibtex", "wos", "csv_table", "xlsx_table")


@pytest.mark.parametrize("parser", PARSERS)
@settings(FUZZ, max_examples=200)
@given(data=st.binary(max_size=4096))
def test_any_bytes(parser: str, data: bytes) -> None:
    check(parser, data)


# ------------------------------------------------------------------ RIS
RIS_TAGS = [
    "TY",
    "ER",
    "TI",
    "T1",
    "CT",
    "AU",
    "A1",
    "A2",
    "AB",
    "N2",
    "JO",
    "JF",
    "JA",
    "J2",
    "T2",
    "PY",
    "Y1",
    "DA",
    "VL",
    "IS",
    "SP",
    "EP",
    "DO",
    "UR",
    "L1",
    "L2",
    "L3",
    "LK",
    "AN",
    "N1",
    "KW",
    "SN",
    "C1",
    "C5",
    "M3",
    "U1",
    "ID",
    "DB",
    "LA",
    "PMID",
]
RIS_LINE = st.one_of(
    st.builds(
        "{}{}{}".format,
        st.sampled_from(RIS_TAGS),
        st.sampled_from(["  - ", " - ", "  -", "  -  ", "- ", "   - "]),
        VALUE,
    ),
    VALUE,
    st.sampled_from(
        ["1.", "<1>", "Record #1 of 2", "Provider: Ovid", "Link to the Ovid Full Text"]
    ),
)


@FUZZ
@given(lines_of(RIS_LINE, "TY  - JOUR", "ER  - "))
def test_ris(text: str) -> None:
    text_check("ris", text)


# ------------------------------------------------------------------ MEDLINE / nbib
NBIB_TAGS = [
    "PMID",
    "OWN",
    "STAT",
    "TI",
    "AB",
    "AU",
    "FAU",
    "DP",
    "LID",
    "AID",
    "SO",
    "PT",
    "MH",
    "OT",
    "IS",
    "VI",
    "IP",
    "PG",
    "JT",
    "TA",
    "LA",
    "AD",
]
NBIB_LINE = st.one_of(
    st.builds(
        "{}{}{}".format,
        st.sampled_from(NBIB_TAGS),
        st.sampled_from(["- ", "-", " - ", "  - ", "   - "]),
        VALUE,
    ),
    VALUE.map("      {}".format),
    VALUE,
)


@FUZZ
@given(lines_of(NBIB_LINE, "PMID- 12345", "SO  - J Test. 2020;1:1.\n"))
def test_nbib(text: str) -> None:
    text_check("nbib", text)


# ------------------------------------------------------------------ Web of Science
WOS_TAGS = [
    "FN",
    "VR",
    "PT",
    "AU",
    "AF",
    "TI",
    "SO",
    "PY",
    "VL",
    "IS",
    "BP",
    "EP",
    "AR",
    "DI",
    "UT",
    "PM",
    "AB",
    "DE",
    "ID",
    "C1",
    "CR",
    "SN",
    "LA",
    "DT",
    "ER",
    "EF",
]
WOS_LINE = st.one_of(
    st.builds("{} {}".format, st.sampled_from(WOS_TAGS), VALUE),
    st.sampled_from(WOS_TAGS),
    VALUE.map("   {}".format),
    st.sampled_from(["PT J", "ER", "EF", "FN Clarivate Analytics Web of Science", "VR 1.0"]),
)
WOS_TAB = st.tuples(
    st.lists(st.sampled_from([*WOS_TAGS, "Article Title", "UT (Unique WOS ID)"]), max_size=12),
    st.lists(st.lists(VALUE, max_size=12), max_size=10),
).map(lambda t: "\n".join(["\t".join(t[0])] + ["\t".join(row) for row in t[1]]))


@FUZZ
@given(
    st.one_of(
        lines_of(WOS_LINE, "PT J", "ER\n").map(
            "FN Clarivate Analytics Web of Science\n{}\nEF".format
        ),
        lines_of(WOS_LINE),
        WOS_TAB,
    )
)
def test_wos(text: str) -> None:
    text_check("wos", text)


# ------------------------------------------------------------------ BibTeX
BIB_FIELDS = [
    "title",
    "author",
    "journal",
    "year",
    "volume",
    "number",
    "pages",
    "doi",
    "abstract",
    "keywords",
    "url",
    "issn",
    "note",
    "booktitle",
    "eprint",
    "pmid",
    "month",
    "date",
]
BIB_VALUE = st.one_of(
    VALUE.map("{{{}}}".format),
    VALUE.map('"{}"'.format),
    st.integers(-5, 3000).map(str),
    st.sampled_from(["jan", "macro", '{\\"u}ber', "\\'{e}", "$\\alpha$", "{\\textless}", "\\&"]),
    st.lists(st.one_of(VALUE, st.sampled_from(["{", "}", "\\", "{\\", "#"])), max_size=6).map(
        "".join
    ),
)
BIB_FIELD = st.builds("{} = {}".format, st.sampled_from(BIB_FIELDS), BIB_VALUE)
BIB_BLOCK = st.one_of(
    st.builds(
        "@{}{{{},\n  {}\n}}".format,
        st.sampled_from(["article", "book", "inproceedings", "misc", "ARTICLE", "online"]),
        st.one_of(st.just(""), st.text("abc123:_-", max_size=8)),
        st.lists(BIB_FIELD, max_size=8).map(",\n  ".join),
    ),
    st.builds("@string{{{} = {}}}".format, st.sampled_from(["macro", "jan"]), BIB_VALUE),
    st.builds("@comment{{{}}}".format, VALUE),
    st.builds("@preamble{{{}}}".format, BIB_VALUE),
    VALUE,
)


@FUZZ
@given(st.lists(BIB_BLOCK, max_size=8).map("\n".join))
def test_bibtex(text: str) -> None:
    text_check("bibtex", text)


# ------------------------------------------------------------------ CSV tables
HEADERS = sorted(csv_table.HEADER_ALIASES)


def _cell(value: str, quote: bool) -> str:
    return '"' + value.replace('"', '""') + '"' if quote else value


CSV = st.builds(
    lambda delimiter, header, rows, quote: "\n".join(
        delimiter.join(_cell(v, quote) for v in row) for row in [header, *rows]
    ),
    st.sampled_from([",", ";", "\t"]),
    st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8).map(lambda h: ["Title", *h]),
    st.lists(st.lists(VALUE, min_size=1, max_size=8), max_size=8),
    st.booleans(),
)


@FUZZ
@given(st.one_of(CSV, st.tuples(lines_of(VALUE), CSV).map("\n".join)))
def test_csv_table(text: str) -> None:
    text_check("csv_table", text)


# ------------------------------------------------------------------ XML formats
def xml_tree(tags: list[str]) -> st.SearchStrategy[str]:
    """Well- and ill-formed XML built from ``tags``: nesting, text, entities, junk."""
    text = st.one_of(
        VALUE.map(lambda v: v.replace("&", "&amp;").replace("<", "&lt;")),
        st.sampled_from(["&amp;", "&lt;", "&#x41;", "&#0;", "&#xD800;", "&nbsp;", "&bogus;"]),
        st.sampled_from(["<", "</", "]]>", "<![CDATA[x]]>", "<!-- c -->", "<?pi x?>"]),
    )

    def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.builds(
            "<{0}{1}>{2}</{0}>".format,
            st.sampled_from(tags),
            st.sampled_from(["", ' name="Journal Article"', ' face="bold"', ' xml:lang="en"']),
            st.lists(children, max_size=5).map("".join),
        )

    return st.recursive(text, element, max_leaves=40)


PUBMED_TAGS = [
    "PubmedArticleSet",
    "PubmedArticle",
    "PubmedBookArticle",
    "MedlineCitation",
    "PMID",
    "Article",
    "ArticleTitle",
    "Abstract",
    "AbstractText",
    "AuthorList",
    "Author",
    "LastName",
    "ForeName",
    "Initials",
    "CollectiveName",
    "Journal",
    "Title",
    "ISOAbbreviation",
    "JournalIssue",
    "Volume",
    "Issue",
    "PubDate",
    "Year",
    "MedlineDate",
    "Pagination",
    "MedlinePgn",
    "ELocationID",
    "ArticleIdList",
    "ArticleId",
    "Language",
    "PublicationTypeList",
    "PublicationType",
    "KeywordList",
    "Keyword",
    "MeshHeadingList",
    "MeshHeading",
    "DescriptorName",
    "ISSN",
    "BookDocument",
    "Book",
    "DeleteCitation",
    "i",
    "sup",
]
ENDNOTE_TAGS = [
    "xml",
    "records",
    "record",
    "rec-number",
    "ref-type",
    "titles",
    "title",
    "secondary-title",
    "alt-title",
    "periodical",
    "full-title",
    "abbr-1",
    "contributors",
    "authors",
    "author",
    "style",
    "dates",
    "year",
    "pub-dates",
    "date",
    "volume",
    "number",
    "issue",
    "pages",
    "electronic-resource-num",
    "accession-num",
    "remote-database-provider",
    "remote-database-name",
    "abstract",
    "keywords",
    "keyword",
    "urls",
    "related-urls",
    "url",
    "isbn",
    "notes",
    "language",
    "database",
]
PROLOGS = st.sampled_from(
    [
        "",
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<?xml version="1.0" encoding="latin-1"?>',
        '<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle//EN" "x.dtd">\n',
        '<!DOCTYPE x [<!ENTITY e "v">]>',
        '<?xml version="1.0"?><?xml version="1.0"?>',
    ]
)


PUBMED_RECORD = st.builds(
    "<PubmedArticle><MedlineCitation><PMID>{}</PMID><Article>{}</Article>"
    "</MedlineCitation>{}</PubmedArticle>".format,
    st.one_of(st.integers(0, 10**9).map(str), VALUE),
    st.lists(xml_tree(PUBMED_TAGS), max_size=4).map("".join),
    st.sampled_from(["", "<PubmedData><ArticleIdList/></PubmedData>"]),
)


@FUZZ
@given(PROLOGS, st.lists(PUBMED_RECORD | xml_tree(PUBMED_TAGS), max_size=4).map("\n".join))
def test_pubmed_xml(prolog: str, body: str) -> None:
    text_check("pubmed_xml", prolog + "<PubmedArticleSet>" + body + "</PubmedArticleSet>")
    text_check("pubmed_xml", prolog + body)


ENDNOTE_RECORD = st.builds(
    "<record><titles><title>{}</title></titles>{}</record>".format,
    VALUE.map(lambda v: v.replace("&", "&amp;").replace("<", "&lt;")),
    st.lists(xml_tree(ENDNOTE_TAGS), max_size=4).map("".join),
)


@FUZZ
@given(PROLOGS, st.lists(ENDNOTE_RECORD | xml_tree(ENDNOTE_TAGS), max_size=4).map("\n".join))
def test_endnote_xml(prolog: str, body: str) -> None:
    text_check("endnote_xml", prolog + "<xml><records>" + body + "</records></xml>")
    text_check("endnote_xml", prolog + body)


# ------------------------------------------------------------------ workbooks
_XML_SAFE = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
CELL = st.one_of(
    st.none(),
    st.text(_XML_SAFE, max_size=30),
    ODD.filter(lambda v: not any(ord(c) < 32 and c not in "\t\n\r" for c in v)),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
)
SHEET = st.tuples(
    st.lists(st.sampled_from(HEADERS), max_size=6),
    st.lists(st.lists(CELL, max_size=6), max_size=6),
).map(lambda t: [["Title", *t[0]], *t[1]])
_BOOK = workbook([["Title", "Abstract", "DOI"], ["A title", "An abstract", "10.1/x"]])


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


_PARTS = _members(_BOOK)


def _rezip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


@settings(FUZZ, max_examples=50)
@given(SHEET)
def test_xlsx_table_sheets(rows: list[list[object]]) -> None:
    check("xlsx_table", workbook(rows))


@settings(FUZZ, max_examples=100)
@given(
    st.sampled_from(sorted(_PARTS)),
    st.integers(0, 10_000),
    st.binary(min_size=1, max_size=64),
    st.booleans(),
)
def test_xlsx_table_damaged_parts(name: str, at: int, junk: bytes, truncate: bool) -> None:
    """A real workbook with one part damaged (bytes overwritten, or cut) inside a valid zip."""
    part = _PARTS[name]
    at = at % (len(part) + 1)
    damaged = part[:at] if truncate else part[:at] + junk + part[at + len(junk) :]
    check("xlsx_table", _rezip({**_PARTS, name: damaged}))


@settings(FUZZ, max_examples=100)
@given(st.integers(0, len(_BOOK) - 1), st.binary(min_size=1, max_size=16))
def test_xlsx_table_damaged_zip(at: int, junk: bytes) -> None:
    """Bytes overwritten anywhere in the zip itself (headers, sizes, directory)."""
    check("xlsx_table", _BOOK[:at] + junk + _BOOK[at + len(junk) :])
