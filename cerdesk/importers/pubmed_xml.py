"""PubMed XML: efetch / "Send to → File → XML" downloads and MEDLINE baseline files.

Reads ``<PubmedArticleSet>`` (``<PubmedArticle>`` and ``<PubmedBookArticle>`` records),
``<PubmedBookArticleSet>``, the older ``<MedlineCitationSet>`` of baseline files and a bare
single record. ``<DeleteCitation>`` lists of update files are ignored.

Safety: the XML is parsed with :mod:`defusedxml`, which refuses entity declarations
(billion laughs, external entities) before anything is expanded or read. A plain
``<!DOCTYPE PubmedArticleSet PUBLIC … "….dtd">``, as real PubMed files carry, is allowed:
the DTD is never fetched.

Broken XML: the file is read as a stream, record by record. If it breaks (a truncated
download, a damaged byte), the records completed before the break are kept and one
problem names the line where reading stopped; if not a single record was complete the
file is refused with :class:`~cerdesk.importers.errors.ImportFileError` naming the line.

The streaming machinery (:func:`scan_xml_records`) is shared with
:mod:`cerdesk.importers.endnote_xml`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from cerdesk.core.bibliography import (
    ParsedRecord,
    ParseProblem,
    clean_text,
    normalize_doi,
    normalize_pages,
    normalize_pmid,
    normalize_year,
    unique,
)
from cerdesk.importers.errors import ImportFileError

NAME = "pubmed-xml"
LABEL = "PubMed XML"

#: Characters fed to the XML parser at a time (records are handed over as they end).
_CHUNK = 1 << 20
#: Deeper nesting is refused (real exports nest about 10 levels; every open element costs
#: the parser memory, about 100 bytes a level).
MAX_DEPTH = 1000
#: A record with more elements is refused (real records have at most tens of thousands:
#: long author and reference lists); its tree is held in memory until it ends.
MAX_RECORD_ELEMENTS = 500_000

_SNIFF = re.compile(
    r"<(?:PubmedArticleSet|PubmedBookArticleSet|MedlineCitationSet)[\s>/]"
    r"|<(?:PubmedArticle|PubmedBookArticle)>"
)
_ROOTS = frozenset(
    {
        "PubmedArticleSet",
        "PubmedBookArticleSet",
        "MedlineCitationSet",
        "PubmedArticle",
        "PubmedBookArticle",
        "MedlineCitation",
    }
)
_RECORDS = frozenset({"PubmedArticle", "PubmedBookArticle", "MedlineCitation"})


def sniff(text: str) -> bool:
    """Tell whether ``text`` looks like PubMed XML (a PubMed root element near the start)."""
    return _SNIFF.search(text, 0, 8192) is not None


def parse(text: str) -> tuple[list[ParsedRecord], list[ParseProblem]]:
    """Read the records of a PubMed XML file.

    Raises:
        ImportFileError: the text is not XML, not PubMed XML, declares entities or holds
            no complete record.
    """
    return scan_xml_records(
        text,
        roots=_ROOTS,
        record_tags=_RECORDS,
        what="PubMed XML",
        convert=_convert,
    )


# --------------------------------------------------------------- shared XML reading
@dataclass(frozen=True)
class XmlRecord:
    """One record element as the stream hands it over.

    Attributes:
        element: The record's element (tags without namespace).
        index: 1-based position of the record in the file.
        line: 1-based line where the record's start tag is.
        raw: The record's XML exactly as in the file.
    """

    element: ET.Element
    index: int
    line: int
    raw: str


_XML_DECL = re.compile(r"<\?xml\b[^>]*?\?>")
_NEXT_DOCUMENT = re.compile(r"^[ \t]*<\?xml\b", re.MULTILINE)
_NOT_SPACE = re.compile(r"\S")


class _WrongRootError(Exception):
    """The document's root element is not one the format expects."""

    def __init__(self, tag: str) -> None:
        super().__init__(tag)
        self.tag = tag


def _local(tag: str) -> str:
    """Return ``tag`` without its ``{namespace}`` part."""
    return tag.rpartition("}")[2] if tag[:1] == "{" else tag


class _LineIndex:
    """Turns expat's (line, column) positions into offsets of the text, moving forwards."""

    def __init__(self, text: str, start: int) -> None:
        self._text = text
        self._start = start
        self._line = 1
        self._offset = start

    def offset(self, line: int, column: int) -> int:
        """Return the offset in the text of ``column`` (in characters) on ``line``.

        ``line`` is 1-based and counted from the start of the document being parsed.
        """
        if line < self._line:
            self._line, self._offset = 1, self._start
        text = self._text
        while self._line < line:
            newline = text.find("\n", self._offset)
            if newline < 0:
                break
            self._offset = newline + 1
            self._line += 1
        return self._offset + column


class _RecordCollector:
    """Parser target that builds a tree for each record element only and hands it over.

    The record's raw text is cut from the document by the positions expat reports for
    its start and end tags, so it is exactly as in the file.
    """

    def __init__(
        self,
        text: str,
        start: int,
        roots: frozenset[str],
        record_tags: frozenset[str],
        emit: Callable[[ET.Element, int, str], None],
    ) -> None:
        self._text = text
        self._lines = _LineIndex(text, start)
        self._roots = roots
        self._record_tags = record_tags
        self._emit = emit
        self._builder: ET.TreeBuilder | None = None
        self._depth = 0
        self._open = 0
        self._elements = 0
        self._start_line = 0
        self._start_offset = 0
        self.root: str | None = None
        self.expat: Any = None

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        """Handle a start tag."""
        tag = _local(tag)
        self._open += 1
        if self._open > MAX_DEPTH:
            raise ImportFileError(
                f"the XML is nested more than {MAX_DEPTH:,} elements deep at line "
                f"{self.expat.CurrentLineNumber}, which no export is; the file was not read"
            )
        if self.root is None:
            if tag not in self._roots:
                raise _WrongRootError(tag)
            self.root = tag
        if self._builder is None:
            if tag not in self._record_tags:
                return
            self._builder = ET.TreeBuilder()
            self._elements = 0
            self._start_line = self.expat.CurrentLineNumber
            self._start_offset = self._lines.offset(
                self._start_line, self.expat.CurrentColumnNumber
            )
        self._depth += 1
        self._elements += 1
        if self._elements > MAX_RECORD_ELEMENTS:
            raise ImportFileError(
                f"the record starting at line {self._start_line} holds more than "
                f"{MAX_RECORD_ELEMENTS:,} XML elements, which no export does; the file was "
                "not read"
            )
        self._builder.start(tag, attrib)

    def end(self, tag: str) -> None:
        """Handle an end tag; hand the record over when its element ends."""
        self._open -= 1
        if self._builder is None:
            return
        tag = _local(tag)
        element = self._builder.end(tag)
        self._depth -= 1
        if self._depth == 0:
            self._builder = None
            self._emit(element, self._start_line, self._raw(element, tag))

    def _raw(self, element: ET.Element, tag: str) -> str:
        """Return the record's text as in the file (serialised if positions disagree)."""
        text = self._text
        position = self._lines.offset(self.expat.CurrentLineNumber, self.expat.CurrentColumnNumber)
        # Expat reports an end tag at its "</"; an empty element <x/> right after its "/>".
        closing = re.compile(rf"</(?:[\w.-]+:)?{re.escape(tag)}\s*>").match(text, position)
        end = closing.end() if closing else position
        raw = text[self._start_offset : end]
        if raw.startswith("<") and raw.endswith(">"):
            return raw
        return ET.tostring(element, encoding="unicode")  # pragma: no cover - safety net

    def data(self, data: str) -> None:
        """Handle character data (kept only inside records)."""
        if self._builder is not None:
            self._builder.data(data)

    def close(self) -> None:
        """End of the document (nothing to return: records were handed over)."""
        return None


@dataclass(frozen=True)
class _Document:
    """Where one XML document lies in the text.

    Attributes:
        start: Offset of its first character.
        end: Offset after its last character.
        first_line: 1-based line of the text it starts on.
        body: Offset after its XML declaration (``start`` if it has none).
    """

    start: int
    end: int
    first_line: int
    body: int


def _documents(text: str) -> list[_Document]:
    """Find the XML documents in ``text``.

    Concatenated downloads (several ``<?xml …?>`` documents one after another, as when
    efetch batches are appended to one file) are read one document at a time. The XML
    declaration is not given to the parser (spaces of the same length are): the text is
    already decoded, so an ``encoding=`` in it would only mislead it.
    """
    starts = [m.start() for m in _NEXT_DOCUMENT.finditer(text)]
    if not starts or text[: starts[0]].strip():
        starts = [0, *(s for s in starts if s > 0)]
    else:
        starts[0] = 0
    documents = []
    line = 1
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        body = start
        decl = _XML_DECL.search(text, start, min(end, start + 1024))
        if decl and not text[start : decl.start()].strip():
            body = decl.end()
        documents.append(_Document(start, end, line, body))
        line += text.count("\n", start, end)
    return documents


def _feed(parser: DefusedXMLParser, text: str, document: _Document) -> None:
    """Give one document to the parser in pieces, its XML declaration blanked out."""
    if document.body > document.start:
        declaration = text[document.start : document.body]
        parser.feed(re.sub(r"[^\n]", " ", declaration))
    for start in range(document.body, document.end, _CHUNK):
        parser.feed(text[start : min(start + _CHUNK, document.end)])
    parser.close()


def scan_xml_records(
    text: str,
    *,
    roots: frozenset[str],
    record_tags: frozenset[str],
    what: str,
    convert: Callable[[XmlRecord], ParsedRecord | ParseProblem],
) -> tuple[list[ParsedRecord], list[ParseProblem]]:
    """Stream the record elements of an XML export through ``convert``.

    Args:
        text: The decoded file.
        roots: Local names of the root elements the format may have.
        record_tags: Local names of record elements (found at any depth, not nested).
        what: The format's name for messages ("PubMed XML").
        convert: Turns one record element into a record, or a problem if it is unusable.

    Returns:
        The records and problems, in file order. A break in the XML after at least one
        complete record becomes a final problem naming the line.

    Raises:
        ImportFileError: not XML, another XML format, entity declarations, or no record.
    """
    records: list[ParsedRecord] = []
    problems: list[ParseProblem] = []
    count = 0
    first_line = 1

    def emit(element: ET.Element, line: int, raw: str) -> None:
        nonlocal count
        count += 1
        result = convert(XmlRecord(element, count, line + first_line - 1, raw))
        if isinstance(result, ParsedRecord):
            records.append(result)
        else:
            problems.append(result)

    if "\r" in text:  # expat counts a lone CR as a line break; keep positions in step
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for document in _documents(text):
        if not _NOT_SPACE.search(text, document.body, document.end):
            continue
        first_line = document.first_line  # emit() reads it
        collector = _RecordCollector(text, document.start, roots, record_tags, emit)
        parser = DefusedXMLParser(target=collector)
        collector.expat = parser.parser
        try:
            _feed(parser, text, document)
        except EntitiesForbidden:
            raise ImportFileError(
                "the XML declares entities, which cerdesk refuses for safety"
            ) from None
        except ExternalReferenceForbidden:
            raise ImportFileError(
                "the XML refers to an external file, which cerdesk refuses for safety"
            ) from None
        except DefusedXmlException as err:
            raise ImportFileError(f"the XML is refused for safety ({err})") from None
        except _WrongRootError as err:
            if count:
                problems.append(
                    ParseProblem(
                        None,
                        first_line,
                        f"a second XML document starts here with <{err.tag}>, which is not "
                        f"{what}; the rest of the file was not read",
                    )
                )
                break
            raise ImportFileError(
                f"this is not {what} (the XML's root element is <{err.tag}>)"
            ) from None
        except ET.ParseError as err:
            line, column = err.position if err.position else (1, 0)
            line += first_line - 1
            where = f"line {line}, column {column + 1} ({_reason(err)})"
            if not count:
                raise ImportFileError(
                    f"the XML is broken at {where}; no record could be read"
                ) from None
            problems.append(
                ParseProblem(
                    count + 1,
                    line,
                    f"the XML is broken at {where}; the {count} records before it were read, "
                    "the rest of the file was not",
                )
            )
            break
        except (UnicodeError, ValueError) as err:
            # Lone surrogates and similar cannot reach the parser as UTF-8.
            raise ImportFileError(f"the text cannot be read as XML ({err})") from None
        if collector.root is None:
            raise ImportFileError(f"this is not {what} (no XML element found)")
    if not count:
        raise ImportFileError(f"the file holds no {what} records")
    return records, problems


def _reason(err: ET.ParseError) -> str:
    """Return expat's message without its ``: line x, column y`` tail."""
    return re.sub(r":\s*line \d+, column \d+$", "", str(err)) or "not well-formed"


# --------------------------------------------------------------- PubMed records
def text_of(element: ET.Element | None) -> str | None:
    """Return the element's text with inline markup (``<i>``, ``<sup>``…) flattened."""
    if element is None:
        return None
    return clean_text("".join(element.itertext()))


def _texts(elements: list[ET.Element]) -> list[str]:
    return [t for t in (text_of(e) for e in elements) if t]


def _convert(item: XmlRecord) -> ParsedRecord | ParseProblem:
    """Turn one PubmedArticle / PubmedBookArticle / MedlineCitation into a record."""
    element = item.element
    raw = item.raw
    if element.tag == "PubmedBookArticle":
        record = _book(element, item.index, raw)
    else:
        record = _article(element, item.index, raw)
    if not record.pmid and not record.title:
        return ParseProblem(
            item.index,
            item.line,
            f"<{element.tag}> has neither a PMID nor a title; it was skipped",
        )
    return record


def _authors(author_list: ET.Element | None) -> tuple[str, ...]:
    """Return "Last, Fore" names (or collective names) of an AuthorList, in order."""
    if author_list is None:
        return ()
    names = []
    for author in author_list.findall("Author"):
        if author.get("ValidYN") == "N":
            continue
        collective = text_of(author.find("CollectiveName"))
        last = text_of(author.find("LastName"))
        if last:
            given = text_of(author.find("ForeName")) or text_of(author.find("Initials"))
            suffix = text_of(author.find("Suffix"))
            if given and suffix:
                given = f"{given} {suffix}"
            names.append(f"{last}, {given}" if given else last)
        elif collective:
            names.append(collective)
    return tuple(names)


def _abstract(abstract: ET.Element | None) -> str | None:
    """Return the abstract; labelled sections become "LABEL: text" paragraphs."""
    if abstract is None:
        return None
    paragraphs = []
    for part in abstract.findall("AbstractText"):
        text = text_of(part)
        if not text:
            continue
        label = clean_text(part.get("Label"))
        if label and label.upper() != "UNLABELLED":
            text = f"{label}: {text}"
        paragraphs.append(text)
    return "\n\n".join(paragraphs) or None


def _year(pub_date: ET.Element | None) -> int | None:
    if pub_date is None:
        return None
    return normalize_year(pub_date.findtext("Year")) or normalize_year(
        pub_date.findtext("MedlineDate")
    )


def _doi(*id_lists: ET.Element | None) -> str | None:
    """Return the first DOI among ELocationID/ArticleId children of the given elements."""
    for container in id_lists:
        if container is None:
            continue
        for child in container:
            kind = child.get("EIdType") or child.get("IdType")
            if child.tag in ("ELocationID", "ArticleId") and kind == "doi":
                doi = normalize_doi(child.text)
                if doi:
                    return doi
    return None


def _ids(container: ET.Element | None, kind: str) -> list[str]:
    if container is None:
        return []
    return [
        t
        for c in container
        if (c.get("EIdType") or c.get("IdType")) == kind and (t := clean_text(c.text))
    ]


def _mesh(citation: ET.Element) -> list[str]:
    """Return MeSH headings as "Descriptor/qualifier/qualifier" (as in MEDLINE's MH)."""
    headings = []
    for heading in citation.iterfind("MeshHeadingList/MeshHeading"):
        descriptor = text_of(heading.find("DescriptorName"))
        if not descriptor:
            continue
        qualifiers = _texts(heading.findall("QualifierName"))
        headings.append("/".join([descriptor, *qualifiers]))
    return headings


def _keywords(container: ET.Element) -> list[str]:
    return _texts(container.findall("KeywordList/Keyword"))


def _pages(pagination: ET.Element | None) -> str | None:
    if pagination is None:
        return None
    medline = clean_text(pagination.findtext("MedlinePgn"))
    if medline:
        return normalize_pages(medline)
    return normalize_pages(pagination.findtext("StartPage"), pagination.findtext("EndPage"))


def _put(extra: dict[str, list[str]], key: str, values: list[str | None]) -> None:
    kept = [v for v in values if v]
    if kept:
        extra[key] = kept


def _article(element: ET.Element, index: int, raw: str) -> ParsedRecord:
    """Read a PubmedArticle (or a bare MedlineCitation of a baseline file)."""
    citation = element.find("MedlineCitation") if element.tag == "PubmedArticle" else element
    if citation is None:
        citation = ET.Element("MedlineCitation")
    article = citation.find("Article")
    if article is None:
        article = ET.Element("Article")
    pubmed_ids = element.find("PubmedData/ArticleIdList")
    journal = article.find("Journal")
    if journal is None:
        journal = ET.Element("Journal")
    issue = journal.find("JournalIssue")
    if issue is None:
        issue = ET.Element("JournalIssue")
    pmid = normalize_pmid(citation.findtext("PMID"))
    if not pmid:
        pmid = next(iter(normalize_pmid(i) for i in _ids(pubmed_ids, "pubmed")), None)
    title = text_of(article.find("ArticleTitle")) or text_of(article.find("VernacularTitle"))
    year = _year(issue.find("PubDate")) or normalize_year(article.findtext("ArticleDate/Year"))
    info = citation.find("MedlineJournalInfo")
    extra: dict[str, list[str]] = {}
    _put(extra, "pmc", _ids(pubmed_ids, "pmc"))
    _put(extra, "pii", _ids(article, "pii") or _ids(pubmed_ids, "pii"))
    _put(extra, "status", [citation.get("Status")])
    _put(extra, "publication_status", [text_of(element.find("PubmedData/PublicationStatus"))])
    if info is not None:
        _put(extra, "medline_ta", [text_of(info.find("MedlineTA"))])
        _put(extra, "nlm_unique_id", [text_of(info.find("NlmUniqueID"))])
    _put(extra, "vernacular_title", [text_of(article.find("VernacularTitle"))])
    return ParsedRecord(
        source_index=index,
        raw=raw,
        source_id=pmid,
        title=title,
        authors=_authors(article.find("AuthorList")),
        abstract=_abstract(article.find("Abstract")),
        journal=text_of(journal.find("Title")),
        journal_abbrev=text_of(journal.find("ISOAbbreviation"))
        or (text_of(info.find("MedlineTA")) if info is not None else None),
        year=year,
        volume=text_of(issue.find("Volume")),
        issue=text_of(issue.find("Issue")),
        pages=_pages(article.find("Pagination")),
        doi=_doi(article, pubmed_ids),
        pmid=pmid,
        keywords=unique(_mesh(citation) + _keywords(citation)),
        language="; ".join(_texts(article.findall("Language"))) or None,
        publication_type="; ".join(
            unique(_texts(article.findall("PublicationTypeList/PublicationType")))
        )
        or None,
        issn=text_of(journal.find("ISSN"))
        or (text_of(info.find("ISSNLinking")) if info is not None else None),
        extra=extra,
    )


def _book(element: ET.Element, index: int, raw: str) -> ParsedRecord:
    """Read a PubmedBookArticle (NCBI Bookshelf chapter or book)."""
    document = element.find("BookDocument")
    if document is None:
        document = ET.Element("BookDocument")
    book = document.find("Book")
    if book is None:
        book = ET.Element("Book")
    book_ids = element.find("PubmedBookData/ArticleIdList")
    document_ids = document.find("ArticleIdList")
    pmid = normalize_pmid(document.findtext("PMID"))
    chapter = text_of(document.find("ArticleTitle"))
    book_title = text_of(book.find("BookTitle"))
    authors = _authors(document.find("AuthorList"))
    if not authors:
        for author_list in book.findall("AuthorList"):
            if author_list.get("Type", "authors") == "authors":
                authors = _authors(author_list)
                break
    year = _year(book.find("PubDate")) or normalize_year(document.findtext("ContributionDate/Year"))
    extra: dict[str, list[str]] = {}
    _put(extra, "isbn", _texts(book.findall("Isbn")))
    _put(extra, "publisher", [text_of(book.find("Publisher/PublisherName"))])
    _put(extra, "publisher_location", [text_of(book.find("Publisher/PublisherLocation"))])
    _put(extra, "book_accession", _ids(document_ids, "bookaccession"))
    if chapter:
        _put(extra, "book_title", [book_title])
    return ParsedRecord(
        source_index=index,
        raw=raw,
        source_id=pmid,
        title=chapter or book_title,
        authors=authors,
        abstract=_abstract(document.find("Abstract")),
        journal=book_title if chapter else text_of(book.find("CollectionTitle")),
        year=year,
        volume=text_of(book.find("Volume")),
        pages=_pages(document.find("Pagination")),
        doi=_doi(book, document, document_ids, book_ids),
        pmid=pmid,
        keywords=unique(_keywords(document)),
        language="; ".join(_texts(document.findall("Language"))) or None,
        publication_type="; ".join(unique(_texts(document.findall("PublicationType")))) or None,
        extra=extra,
    )
