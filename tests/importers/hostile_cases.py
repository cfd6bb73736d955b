"""A catalogue of hostile export files for every importer, shared by tests and the bench.

Each :class:`Case` builds the bytes of one hostile file for one parser: entity expansion
(billion laughs, quadratic blow-up), external entities and DTDs (a local file, /etc/passwd,
an http URL), binary junk, invalid UTF-8, UTF-16 without a byte-order mark, NUL bytes, a
10 MB field, a huge line without a newline, deep nesting, and for workbooks zip bombs,
lying zip headers and entities inside the zip. A few cases are special files on disk (a
sparse 1 GB file, a FIFO, /dev/zero) and are only read through the file route.

:func:`run_case` runs one case through one route: ``"direct"`` calls the parser's entry
point (``parse(text)``, or ``parse_workbook(data)`` for workbooks), ``"file"`` writes the
file and calls :func:`cerdesk.importers.run.read_file`. The outcome is one of:

* ``"error"``: the importer's own :class:`~cerdesk.importers.errors.ImportFileError`;
* ``"imported"``: records (and perhaps problems) came back;
* ``"crash"``: any other exception, a time-out, an expanded entity or a file or network
  access during the parse (a leak) — always a bug.

Used by ``tests/importers/test_hostile.py`` and ``bench/hostile_imports.py``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import io
import os
import random
import signal
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cerdesk.core.bibliography import ParseResult
from cerdesk.importers.decode import DecodeError, decode_bytes
from cerdesk.importers.errors import ImportFileError

#: Parser modules of cerdesk.importers, one per format.
PARSERS = ("ris", "nbib", "pubmed_xml", "endnote_xml", "bibtex", "wos", "csv_table", "xlsx_table")
#: File name suffix per parser (what a user's file would be called).
SUFFIX = {
    "ris": ".ris",
    "nbib": ".nbib",
    "pubmed_xml": ".xml",
    "endnote_xml": ".xml",
    "bibtex": ".bib",
    "wos": ".txt",
    "csv_table": ".csv",
    "xlsx_table": ".xlsx",
}
#: Strings found in /etc/passwd and never in a record unless the file was read.
PASSWD_MARKERS = ("root:x:0:", "root:*:0:", "/bin/bash", "/usr/sbin/nologin")
#: Contents of the local "secret" file the external-entity cases point at.
SECRET = "CERDESK-TOP-SECRET-7f3a9c"
#: An address where nothing listens (and which must never be contacted anyway).
EVIL_URL = "http://127.0.0.1:9/evil"
#: Default wall-clock limit of one case, in seconds ("within a few seconds").
DEFAULT_SECONDS = 5.0

TEN_MB = 10 * 1024 * 1024
DEEP = 100_000


@dataclass(frozen=True)
class Case:
    """One hostile input for one parser.

    Attributes:
        name: ``parser/what`` (unique).
        parser: Module name in cerdesk.importers.
        build: Returns the file's bytes; gets a work folder (for the secret file).
        forbidden: Strings that must appear in no record and no message (expanded
            entities, contents of files that must never be read).
        expect: ``"error"``, ``"records"`` or ``"either"``.
        seconds: Wall-clock limit.
        make_path: For special files: creates the file in the work folder and returns its
            path (the case is then only run through the file route).
    """

    name: str
    parser: str
    build: Callable[[Path], bytes]
    forbidden: tuple[str, ...] = ()
    expect: str = "either"
    seconds: float = DEFAULT_SECONDS
    make_path: Callable[[Path], Path] | None = None

    @property
    def routes(self) -> tuple[str, ...]:
        """The routes this case runs through."""
        return ("file",) if self.make_path else ("direct", "file")


@dataclass
class Outcome:
    """What one case did on one route."""

    case: str
    route: str
    kind: str  # "error" | "imported" | "crash"
    detail: str
    seconds: float
    records: int = 0
    problems: int = 0
    result: ParseResult | None = field(default=None, repr=False)


# ------------------------------------------------------------------ record templates
def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def record(parser: str, title: str, abstract: str = "An abstract.", *, raw: bool = False) -> str:
    """Return one record in ``parser``'s format; ``raw`` puts the values in unescaped."""
    esc = (lambda s: s) if raw else _xml_escape
    if parser == "ris":
        return f"TY  - JOUR\nTI  - {title}\nAU  - Doe, J\nPY  - 2020\nAB  - {abstract}\nER  - \n"
    if parser == "nbib":
        return (
            f"PMID- 12345\nTI  - {title}\nAU  - Doe J\nDP  - 2020\nAB  - {abstract}\n"
            "SO  - J Test. 2020;1:1-2.\n\n"
        )
    if parser == "pubmed_xml":
        return (
            "<PubmedArticle><MedlineCitation><PMID>12345</PMID><Article>"
            f"<ArticleTitle>{esc(title)}</ArticleTitle>"
            f"<Abstract><AbstractText>{esc(abstract)}</AbstractText></Abstract>"
            "</Article></MedlineCitation></PubmedArticle>\n"
        )
    if parser == "endnote_xml":
        return (
            "<record><rec-number>1</rec-number><titles>"
            f"<title>{esc(title)}</title></titles>"
            f"<abstract>{esc(abstract)}</abstract><dates><year>2020</year></dates></record>\n"
        )
    if parser == "bibtex":
        return f"@article{{key1,\n  title = {{{title}}},\n  abstract = {{{abstract}}},\n}}\n"
    if parser == "wos":
        return (
            f"PT J\nAU Doe, J\nTI {title}\nAB {abstract}\nPY 2020\nUT WOS:000000000000001\nER\n\n"
        )
    if parser in ("csv_table", "xlsx_table"):
        quote = '"'
        return f'"{title.replace(quote, 2 * quote)}","{abstract.replace(quote, 2 * quote)}"\n'
    raise ValueError(parser)


def document(parser: str, records: str, prolog: str = "") -> str:
    """Wrap ``records`` into a whole file of ``parser``'s format (``prolog`` goes first)."""
    if parser == "pubmed_xml":
        return f"{prolog}<PubmedArticleSet>\n{records}</PubmedArticleSet>\n"
    if parser == "endnote_xml":
        return f"{prolog}<xml><records>\n{records}</records></xml>\n"
    if parser == "wos":
        return f"{prolog}FN Clarivate Analytics Web of Science\nVR 1.0\n{records}EF\n"
    if parser in ("csv_table", "xlsx_table"):
        return f"{prolog}Title,Abstract\n{records}"
    return prolog + records


def text_file(parser: str, title: str = "A title", abstract: str = "An abstract.") -> str:
    """Return a small valid file of ``parser``'s text format."""
    return document(parser, record(parser, title, abstract))


def workbook(rows: list[list[Any]]) -> bytes:
    """Return an .xlsx holding ``rows`` on its first sheet."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def replace_members(data: bytes, members: dict[str, bytes], *, level: int = 6) -> bytes:
    """Return the zip ``data`` with ``members`` replaced or added (deflated at ``level``)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target,
    ):
        for info in source.infolist():
            if info.filename not in members:
                target.writestr(info, source.read(info.filename))
        for name, content in members.items():
            target.writestr(name, content)
    return out.getvalue()


def _sheet_xml(rows_xml: str, prolog: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + prolog
        + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + f"<sheetData>{rows_xml}</sheetData></worksheet>"
    ).encode()


def _inline_row(number: int, *values: str) -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="{number}">{cells}</row>'


_SHEET = "xl/worksheets/sheet1.xml"


def _base_workbook() -> bytes:
    return workbook([["Title", "Abstract"], ["A title", "An abstract."]])


_STRINGS = "xl/sharedStrings.xml"
_SST = (
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'count="3" uniqueCount="3">'
)


def _shared_strings_workbook() -> bytes:
    """Return a workbook whose sheet refers to shared strings 0 ("Title"), 1 and 2."""
    types = (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" /></Types>'
    )
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Abstract'
        '</t></is></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2'
        "</v></c></row>"
    )
    book = _base_workbook()
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        content_types = archive.read("[Content_Types].xml").decode()
    strings = f"{_SST}<si><t>Title</t></si><si><t>A title</t></si><si><t>x</t></si></sst>"
    return replace_members(
        book,
        {
            "[Content_Types].xml": content_types.replace("</Types>", types).encode(),
            _SHEET: _sheet_xml(rows),
            _STRINGS: strings.encode(),
        },
    )


# ------------------------------------------------------------------ hostile payloads
def _billion_laughs(root: str) -> str:
    lines = ['<!ENTITY lol "lol">']
    for level in range(1, 10):
        refs = f"&lol{level - 1 if level > 1 else ''};" * 10
        lines.append(f'<!ENTITY lol{level} "{refs}">')
    return f"<!DOCTYPE {root} [\n" + "\n".join(lines) + "\n]>\n"


def _quadratic(root: str) -> str:
    return f'<!DOCTYPE {root} [<!ENTITY a "{"a" * 100_000}">]>\n'


def _system_entity(root: str, target: str) -> str:
    return f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{target}">]>\n'


def _parameter_entity(root: str, target: str) -> str:
    return f'<!DOCTYPE {root} [<!ENTITY % xxe SYSTEM "{target}"> %xxe;]>\n'


def _external_dtd(root: str) -> str:
    return f'<!DOCTYPE {root} SYSTEM "{EVIL_URL}.dtd">\n'


_ROOT = {
    "pubmed_xml": "PubmedArticleSet",
    "endnote_xml": "xml",
    "xlsx_table": "worksheet",
}
_XINCLUDE = (
    '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" '
    'parse="text"/>'
)


def _secret_path(workdir: Path) -> Path:
    path = workdir / "secret.txt"
    path.write_text(SECRET + "\n")
    return path


def _entity_cases(parser: str) -> list[Case]:
    """Entity expansion and external references, in the parser's format."""
    root = _ROOT.get(parser, "PubmedArticleSet")
    xml_decl = '<?xml version="1.0"?>\n'
    lol = ("lol" * 12,)
    big_a = ("a" * 200_000,)

    def text_case(what: str, prolog: Callable[[Path], str], title: str, forbid: tuple[str, ...]):
        def build(workdir: Path) -> bytes:
            head = xml_decl + prolog(workdir)
            return document(parser, record(parser, title, raw=True), head).encode()

        return Case(f"{parser}/{what}", parser, build, (*forbid, SECRET, *PASSWD_MARKERS))

    def sheet_case(what: str, prolog: Callable[[Path], str], title: str, forbid: tuple[str, ...]):
        def build(workdir: Path) -> bytes:
            rows = _inline_row(1, "Title", "Abstract") + _inline_row(2, title, "x")
            return replace_members(_base_workbook(), {_SHEET: _sheet_xml(rows, prolog(workdir))})

        return Case(f"{parser}/{what}", parser, build, (*forbid, SECRET, *PASSWD_MARKERS))

    make = sheet_case if parser == "xlsx_table" else text_case
    cases = [
        make("billion-laughs", lambda _: _billion_laughs(root), "&lol9;", lol),
        make("quadratic-blowup", lambda _: _quadratic(root), "&a;" * 10_000, big_a),
        make(
            "xxe-local-file",
            lambda w: _system_entity(root, _secret_path(w).as_uri()),
            "&xxe;",
            (),
        ),
        make("xxe-etc-passwd", lambda _: _system_entity(root, "file:///etc/passwd"), "&xxe;", ()),
        make("xxe-http", lambda _: _system_entity(root, EVIL_URL), "&xxe;", ()),
        make(
            "parameter-entity-local-file",
            lambda w: _parameter_entity(root, _secret_path(w).as_uri()),
            "title",
            (),
        ),
        make("parameter-entity-http", lambda _: _parameter_entity(root, EVIL_URL), "title", ()),
        make("external-dtd-http", lambda _: _external_dtd(root), "title", ()),
        make(
            "external-dtd-with-entity-use",
            lambda _: _external_dtd(root),
            "&passwd;",
            (),
        ),
        make("xinclude-etc-passwd", lambda _: "", _XINCLUDE, ()),
    ]
    if parser == "xlsx_table":

        def strings_bomb(workdir: Path) -> bytes:
            strings = (
                '<?xml version="1.0"?>\n'
                + _billion_laughs("sst")
                + f"{_SST}<si><t>Title</t></si><si><t>&lol9;</t></si><si><t>x</t></si></sst>"
            )
            return replace_members(_shared_strings_workbook(), {_STRINGS: strings.encode()})

        def workbook_xxe(workdir: Path) -> bytes:
            book = _base_workbook()
            with zipfile.ZipFile(io.BytesIO(book)) as archive:
                xml = archive.read("xl/workbook.xml").decode()
            xml = xml.replace(
                "<workbook ",
                _system_entity("workbook", _secret_path(workdir).as_uri()) + "<workbook ",
                1,
            ).replace("</workbook>", "<definedNames/>&xxe;</workbook>")
            return replace_members(book, {"xl/workbook.xml": xml.encode()})

        cases.append(Case("xlsx_table/billion-laughs-shared-strings", parser, strings_bomb, lol))
        cases.append(
            Case(
                "xlsx_table/xxe-in-workbook-xml",
                parser,
                workbook_xxe,
                (SECRET, *PASSWD_MARKERS),
            )
        )
    return cases


def _junk(size: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size)


def _header(parser: str) -> str:
    """The first bytes of a file of ``parser``'s format (enough to pass format sniffing)."""
    return {
        "ris": "TY  - JOUR\nTI  - ",
        "nbib": "PMID- 1\nTI  - ",
        "pubmed_xml": "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID>",
        "endnote_xml": "<xml><records><record><titles><title>",
        "bibtex": "@article{k,\n title = {",
        "wos": "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI ",
        "csv_table": "Title,Abstract\n",
    }[parser]


def _deep(parser: str) -> str:
    """A title nested :data:`DEEP` levels deep, as the format allows."""
    if parser in ("pubmed_xml", "endnote_xml"):
        return "<i>" * DEEP + "deep" + "</i>" * DEEP
    if parser == "bibtex":
        return "{" * DEEP + "deep" + "}" * DEEP
    return "(" * DEEP + "[" * DEEP + "deep" + "]" * DEEP + ")" * DEEP


def _text_cases(parser: str) -> list[Case]:
    """Encoding, size and structure cases for a text format."""
    valid = text_file(parser)

    def words(size: int) -> str:
        unit = "lorem ipsum dolor sit amet "
        return (unit * (size // len(unit) + 1))[:size]

    def case(what: str, build: Callable[[Path], bytes], **kw: Any) -> Case:
        return Case(f"{parser}/{what}", parser, build, **kw)

    raw = parser not in ("pubmed_xml", "endnote_xml")

    def with_bytes(junk: bytes) -> bytes:
        return text_file(parser, "T@@@").encode().replace(b"@@@", junk)

    return [
        case("binary-junk", lambda _: _junk(256 * 1024), expect="error"),
        case("binary-junk-after-header", lambda _: _header(parser).encode() + _junk(256 * 1024)),
        case("zip-magic-then-junk", lambda _: b"PK\x03\x04" + _junk(4096)),
        case(
            "invalid-utf8",
            lambda _: with_bytes(b"\xc3\x28 \xa0\xa1 \xf0\x28\x8c"),
            expect="records",
        ),
        case("undecodable-bytes", lambda _: with_bytes(b"\xc3\x28\x81\x8d\x90")),
        case(
            "overlong-and-surrogate-utf8",
            lambda _: with_bytes(b"\xc0\xaf \xed\xa0\x80 \xf4\x90\x80"),
        ),
        case("utf16-le-no-bom", lambda _: valid.encode("utf-16-le"), expect="records"),
        case("utf16-be-no-bom", lambda _: valid.encode("utf-16-be"), expect="records"),
        case("utf16-odd-length", lambda _: valid.encode("utf-16-le")[:-1]),
        case("utf16-lone-surrogate", lambda _: valid.encode("utf-16-le") + b"\x00\xd8A\x00"),
        case("nul-bytes", lambda _: text_file(parser, "A\x00title\x00").encode()),
        case("nul-bytes-late", lambda _: (valid * 3000 + "\x00").encode()),
        case(
            "control-characters",
            lambda _: text_file(parser, "".join(map(chr, range(1, 32)))).encode(),
        ),
        case(
            "10mb-abstract",
            lambda _: text_file(parser, "A title", _xml_escape(words(TEN_MB))).encode(),
            expect="records",
        ),
        case("10mb-token", lambda _: text_file(parser, "A title", "x" * TEN_MB).encode()),
        case("huge-line-no-newline", lambda _: (_header(parser) + "y" * (2 * TEN_MB)).encode()),
        case("junk-line-no-newline", lambda _: ("@{<\"'&;=" * (TEN_MB // 8)).encode()),
        case(
            "deep-nesting",
            lambda _: document(parser, record(parser, _deep(parser), raw=raw)).encode(),
        ),
        case(
            "unterminated-nesting",
            lambda _: (_header(parser) + "{<i>(" * (TEN_MB // 20)).encode(),
        ),
        case(
            "many-empty-records",
            lambda _: document(parser, record(parser, "", "") * 5_000).encode(),
        ),
        case("only-whitespace", lambda _: b" \n\t\r\n" * 1000, expect="error"),
        case("empty", lambda _: b"", expect="error"),
    ]


def _broken_late_sheet() -> bytes:
    """A sheet with a <dimension> (openpyxl reads no further when loading) broken at row 3000."""
    rows = "".join(_inline_row(n, "Title" if n == 1 else "t", "x") for n in range(1, 3000))
    sheet = _sheet_xml(rows).replace(b"<sheetData>", b'<dimension ref="A1:B3000"/><sheetData>')
    return sheet[:-30]


def _xlsx_cases() -> list[Case]:
    """Workbook-specific cases: zips that are not workbooks, bombs, lying headers."""
    parser = "xlsx_table"

    def case(what: str, build: Callable[[Path], bytes], **kw: Any) -> Case:
        return Case(f"{parser}/{what}", parser, build, **kw)

    def zip_of(members: dict[str, bytes]) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in members.items():
                archive.writestr(name, content)
        return out.getvalue()

    def sheet_bomb(_: Path) -> bytes:
        # 400 MB of identical empty rows: deflate packs them about 1000:1.
        row = b"<row><c><v>1</v></c></row>"
        out = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(_base_workbook())) as source,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
        ):
            for info in source.infolist():
                if info.filename != _SHEET:
                    target.writestr(info, source.read(info.filename))
            with target.open(_SHEET, "w", force_zip64=True) as sheet:
                sheet.write(_sheet_xml("")[: -len(b"</sheetData></worksheet>")])
                block = row * (1 << 16)
                for _ in range((400 << 20) // len(block)):
                    sheet.write(block)
                sheet.write(b"</sheetData></worksheet>")
        return out.getvalue()

    def strings_bomb(_: Path) -> bytes:
        # One shared string of 300 MB (about 300 KB packed).
        out = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(_shared_strings_workbook())) as source,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
        ):
            for info in source.infolist():
                if info.filename != _STRINGS:
                    target.writestr(info, source.read(info.filename))
            with target.open(_STRINGS, "w", force_zip64=True) as strings:
                strings.write(f"{_SST}<si><t>Title</t></si><si><t>".encode())
                block = b"a" * (1 << 20)
                for _ in range(300):
                    strings.write(block)
                strings.write(b"</t></si><si><t>x</t></si></sst>")
        return out.getvalue()

    def lying_size(_: Path) -> bytes:
        # The central directory says the sheet is tiny; its data is much larger.
        rows = "".join(_inline_row(n, "Title" if n == 1 else f"t{n}") for n in range(1, 5000))
        data = replace_members(_base_workbook(), {_SHEET: _sheet_xml(rows)})
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(_SHEET)
        size = info.file_size.to_bytes(4, "little")
        return data.replace(size, (100).to_bytes(4, "little"))

    def wide_rows(_: Path) -> bytes:
        rows = _inline_row(1, "Title", "Abstract")
        rows += "".join(
            f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>t{n}</t></is></c>'
            f'<c r="XFD{n}"><v>1</v></c></row>'
            for n in range(2, 5_000)
        )
        prolog = ""
        sheet = _sheet_xml(rows, prolog).replace(
            b"<sheetData>", b'<dimension ref="A1:XFD5000"/><sheetData>'
        )
        return replace_members(_base_workbook(), {_SHEET: sheet})

    def far_row(_: Path) -> bytes:
        rows = _inline_row(1, "Title", "Abstract") + _inline_row(1_048_576, "last", "x")
        sheet = _sheet_xml(rows).replace(
            b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>'
        )
        return replace_members(_base_workbook(), {_SHEET: sheet})

    def huge_dimension(_: Path) -> bytes:
        rows = _inline_row(1, "Title", "Abstract") + _inline_row(2, "A title", "x")
        sheet = _sheet_xml(rows).replace(
            b"<sheetData>", b'<dimension ref="A1:B4000000000"/><sheetData>'
        )
        return replace_members(_base_workbook(), {_SHEET: sheet})

    def row_beyond_excel(_: Path) -> bytes:
        rows = _inline_row(1, "Title", "Abstract") + _inline_row(4_000_000_000, "t", "x")
        return replace_members(_base_workbook(), {_SHEET: _sheet_xml(rows)})

    def many_members(_: Path) -> bytes:
        members = {f"junk/{n}.xml": b"" for n in range(20_000)}
        out = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(_base_workbook())) as source,
            zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target,
        ):
            for info in source.infolist():
                target.writestr(info, source.read(info.filename))
            for name, content in members.items():
                target.writestr(name, content)
        return out.getvalue()

    def deep_sheet(_: Path) -> bytes:
        rows = _inline_row(1, "Title", "Abstract") + (
            '<row r="2"><c r="A2" t="inlineStr"><is><t>'
            + "<x>" * DEEP
            + "</x>" * DEEP
            + "</t></is></c></row>"
        )
        return replace_members(_base_workbook(), {_SHEET: _sheet_xml(rows)})

    big = "x" * TEN_MB
    return [
        case("shared-strings", lambda _: _shared_strings_workbook(), expect="records"),
        case("not-a-zip", lambda _: b"Title,Abstract\nA,B\n"),
        case("binary-junk", lambda _: _junk(256 * 1024), expect="error"),
        case("zip-magic-then-junk", lambda _: b"PK\x03\x04" + _junk(64 * 1024), expect="error"),
        case("zip-without-workbook", lambda _: zip_of({"a.txt": b"hello"}), expect="error"),
        case(
            "workbook-without-sheets",
            lambda _: zip_of({"xl/workbook.xml": b"<workbook/>"}),
            expect="error",
        ),
        case("truncated-zip", lambda _: _base_workbook()[:-200], expect="error"),
        case("half-a-zip", lambda _: (lambda b: b[: len(b) // 2])(_base_workbook())),
        case(
            "sheet-xml-broken-late",
            lambda _: replace_members(_base_workbook(), {_SHEET: _broken_late_sheet()}),
        ),
        case("corrupt-sheet-xml", lambda _: replace_members(_base_workbook(), {_SHEET: b"<a><b"})),
        case(
            "binary-sheet-xml",
            lambda _: replace_members(_base_workbook(), {_SHEET: _junk(4096)}),
        ),
        case("zip-bomb-sheet", sheet_bomb, expect="error", seconds=10.0),
        case("zip-bomb-shared-strings", strings_bomb, expect="error", seconds=10.0),
        case("lying-zip-sizes", lying_size),
        case("wide-rows", wide_rows),
        case("far-row", far_row),
        case("huge-dimension", huge_dimension),
        case("row-beyond-excel", row_beyond_excel),
        case("many-zip-members", many_members),
        case("deep-nesting", deep_sheet),
        case("10mb-cell", lambda _: workbook([["Title", "Abstract"], ["A title", big]])),
        case(
            "escaped-nul-in-cell",
            lambda _: replace_members(
                _base_workbook(),
                {
                    _SHEET: _sheet_xml(
                        _inline_row(1, "Title", "x") + _inline_row(2, "A_x0000_B", "x")
                    )
                },
            ),
        ),
        case("empty", lambda _: b"", expect="error"),
    ]


# ------------------------------------------------------------------ special files
def _special_cases() -> list[Case]:
    def sparse(workdir: Path) -> Path:
        path = workdir / "huge.ris"
        with path.open("wb") as f:
            f.truncate(1 << 30)
        return path

    def fifo(workdir: Path) -> Path:
        path = workdir / "pipe.ris"
        os.mkfifo(path)
        return path

    def dev_zero(workdir: Path) -> Path:
        path = workdir / "zero.ris"
        path.symlink_to("/dev/zero")
        return path

    def folder(workdir: Path) -> Path:
        path = workdir / "folder.ris"
        path.mkdir()
        return path

    def missing(workdir: Path) -> Path:
        return workdir / "missing.ris"

    def none(_: Path) -> bytes:
        return b""

    cases = [
        Case("file/sparse-1gb", "ris", none, expect="error", make_path=sparse),
        Case("file/dev-zero", "ris", none, expect="error", make_path=dev_zero),
        Case("file/directory", "ris", none, expect="error", make_path=folder),
        Case("file/missing", "ris", none, expect="error", make_path=missing),
    ]
    if hasattr(os, "mkfifo"):
        cases.append(Case("file/fifo", "ris", none, expect="error", make_path=fifo))
    return cases


def all_cases() -> list[Case]:
    """Return the whole catalogue, in a stable order."""
    cases: list[Case] = []
    for parser in PARSERS:
        cases += _entity_cases(parser)
        cases += _xlsx_cases() if parser == "xlsx_table" else _text_cases(parser)
    cases += _special_cases()
    names = [c.name for c in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    return cases


# ------------------------------------------------------------------ running a case
class CaseTimeoutError(BaseException):
    """A case ran past its time limit (a BaseException, so no ``except Exception`` eats it)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (main thread, POSIX; otherwise no limit)."""
    import threading

    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise CaseTimeoutError(f"no answer within {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class _Watch:
    """Audit-hook state: which file opens and network calls a running case made."""

    active = False
    paths: frozenset[str] = frozenset()
    seen: list[str] = []  # noqa: RUF012 - reset by watching()


_HOOKED = False
_NETWORK_EVENTS = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request")


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _Watch.active:
        return
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.fsdecode(args[0])
        if path in _Watch.paths or path.startswith(("http:", "https:", "ftp:")):
            _Watch.seen.append(f"opened {path}")
    elif event in _NETWORK_EVENTS:
        _Watch.seen.append(f"{event} {args[:2]!r}")


@contextlib.contextmanager
def watching(workdir: Path) -> Iterator[list[str]]:
    """Record opens of /etc/passwd or the secret file and any network call in the block."""
    global _HOOKED
    if not _HOOKED:
        sys.addaudithook(_audit)
        _HOOKED = True
    _Watch.paths = frozenset({"/etc/passwd", str(workdir / "secret.txt")})
    _Watch.seen = []
    _Watch.active = True
    try:
        yield _Watch.seen
    finally:
        _Watch.active = False


def _as_text(data: bytes) -> str:
    """Decode as the importer would; bytes it refuses go in as Latin-1 (every byte a char)."""
    try:
        return decode_bytes(data)[0]
    except DecodeError:
        return data.decode("latin-1")


def parse_direct(parser: str, data: bytes) -> ParseResult:
    """Call the parser's own entry point on ``data``."""
    module = importlib.import_module(f"cerdesk.importers.{parser}")
    if parser == "xlsx_table":
        records, problems = module.parse_workbook(data)
        return ParseResult("xlsx", records, problems, "xlsx")
    records, problems = module.parse(_as_text(data))
    return ParseResult(module.NAME, records, problems)


def _case_path(case: Case, workdir: Path, data: bytes) -> Path:
    if case.make_path is not None:
        return case.make_path(workdir)
    path = workdir / (case.name.replace("/", "-") + SUFFIX[case.parser])
    path.write_bytes(data)
    return path


def _leaks(case: Case, texts: Iterator[str]) -> list[str]:
    found = []
    for text in texts:
        found += [f"{marker[:20]!r} in the output" for marker in case.forbidden if marker in text]
    return found


def _result_texts(result: ParseResult) -> Iterator[str]:
    for rec in result.records:
        for f in dataclasses.fields(rec):
            value = getattr(rec, f.name)
            if f.name == "raw" or value is None:
                continue  # the raw record holds the file's own text, entity names included
            yield str(value)
    for problem in result.problems:
        yield problem.message


def run_case(case: Case, route: str, workdir: Path) -> Outcome:
    """Run ``case`` through ``route`` (``"direct"`` or ``"file"``) in ``workdir``."""
    from cerdesk.importers.run import read_file

    workdir.mkdir(parents=True, exist_ok=True)
    data = case.build(workdir)
    path = _case_path(case, workdir, data) if route == "file" else None
    result: ParseResult | None = None
    start = time.perf_counter()
    with watching(workdir) as accesses:
        try:
            with time_limit(case.seconds * 3):
                if path is not None:
                    result = read_file(path).result
                else:
                    result = parse_direct(case.parser, data)
        except ImportFileError as err:
            kind, detail = "error", str(err)
        except CaseTimeoutError as err:
            kind, detail = "crash", f"hang: {err}"
        except Exception as err:  # anything else is a crash of the importer
            kind, detail = "crash", f"{type(err).__name__}: {err}"[:500]
        else:
            kind, detail = "imported", ""
    seconds = time.perf_counter() - start
    leaks = list(accesses)
    leaks += _leaks(case, _result_texts(result) if result else iter([detail]))
    if leaks:
        kind, detail = "crash", "leak: " + "; ".join(leaks)
    elif seconds > case.seconds:
        kind, detail = "crash", f"too slow: {seconds:.1f} s (limit {case.seconds:g} s)"
    elif kind == "imported" and case.expect == "error":
        kind, detail = "crash", "expected the importer's error, got records"
    elif kind == "error" and case.expect == "records":
        kind, detail = "crash", f"expected records, got: {detail}"
    outcome = Outcome(case.name, route, kind, detail, seconds)
    if result is not None:
        outcome.records = len(result.records)
        outcome.problems = len(result.problems)
        outcome.result = result
    return outcome
