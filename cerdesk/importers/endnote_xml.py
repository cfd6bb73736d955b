"""EndNote XML: ``<xml><records><record>…`` as EndNote, Zotero, Mendeley and Bookends write it.

EndNote wraps every text in ``<style face=… font=… size=…>`` runs (several runs when part
of a title is bold or italic); Mendeley and Zotero write bare text. Both are flattened.
Where fields go:

* ``titles/title`` → title; ``titles/secondary-title`` (else ``periodical/full-title``)
  → journal; ``periodical/abbr-1`` (else ``titles/alt-title``) → abbreviated journal;
* ``contributors/authors/author`` → authors (EndNote already writes "Family, Given");
* ``dates/year`` (else ``dates/pub-dates/date``) → year; ``volume``; ``number`` (else
  ``issue``, as Mendeley writes it) → issue; ``pages``;
* ``electronic-resource-num`` (else a doi.org link among the URLs) → DOI;
* ``accession-num`` → PMID when it is all digits and the record comes from PubMed/MEDLINE
  (``remote-database-provider``/``-name`` says NLM, PubMed or MEDLINE, or names no
  database at all, as in Mendeley and Bookends exports); other accession numbers (Embase
  ``L…``, ``ISI:…``, CENTRAL ``CN-…``, PIP numbers) are kept in ``extra``;
* ``isbn`` → ISSN (it holds the ISSNs of journal articles; for book types it is kept in
  ``extra`` as ``isbn``);
* ``ref-type``'s ``name`` → publication type; ``rec-number`` → source id; the first
  ``urls/related-urls/url`` that is a web address but not a DOI link → URL (all of them
  go to ``extra`` when there are several or none is usable);
* everything else (notes, auth-address, custom1-7, caption, label, editors…) → ``extra``.

Parsing, safety (entity declarations refused) and recovery from broken XML are shared with
:mod:`cerdesk.importers.pubmed_xml` (see :func:`~cerdesk.importers.pubmed_xml.scan_xml_records`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

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
from cerdesk.importers.pubmed_xml import XmlRecord, scan_xml_records

NAME = "endnote-xml"
LABEL = "EndNote XML"

_SNIFF = re.compile(r"<xml\s*>\s*<records\s*>|^\s*(?:<\?xml[^>]*>\s*)?<records\s*>\s*<record\s*>")

#: Record children read into columns (or deliberately dropped as noise).
_MAPPED = frozenset(
    {
        "titles",
        "periodical",
        "alt-periodical",
        "contributors",
        "dates",
        "volume",
        "number",
        "issue",
        "pages",
        "electronic-resource-num",
        "accession-num",
        "abstract",
        "keywords",
        "language",
        "ref-type",
        "urls",
        "rec-number",
        "isbn",
        "database",
        "source-app",
        "foreign-keys",
    }
)
_PUBMED_SOURCES = ("nlm", "pubmed", "medline")


def sniff(text: str) -> bool:
    """Tell whether ``text`` looks like EndNote XML (``<xml><records>`` near the start)."""
    return _SNIFF.search(text[:8192]) is not None


def parse(text: str) -> tuple[list[ParsedRecord], list[ParseProblem]]:
    """Read the records of an EndNote XML file.

    Raises:
        ImportFileError: the text is not XML, not EndNote XML, declares entities or holds
            no complete record.
    """
    return scan_xml_records(
        text,
        roots=frozenset({"xml", "records"}),
        record_tags=frozenset({"record"}),
        what="EndNote XML",
        convert=_convert,
    )


def _text(element: ET.Element | None) -> str | None:
    """Return the element's text with ``<style>`` runs joined and white space collapsed."""
    if element is None:
        return None
    return clean_text("".join(element.itertext()))


def _texts(elements: list[ET.Element]) -> list[str]:
    return [t for t in (_text(e) for e in elements) if t]


def _lines(element: ET.Element) -> list[str]:
    """Return the non-empty lines of an element (EndNote separates list items by CR/LF)."""
    raw = "".join(element.itertext())
    return [t for t in (clean_text(line) for line in re.split(r"[\r\n]+", raw)) if t]


def _paragraphs(element: ET.Element | None) -> str | None:
    """Return a long text with its line breaks kept as paragraph breaks."""
    if element is None:
        return None
    return "\n\n".join(_lines(element)) or None


def _is_doi_link(url: str) -> bool:
    return re.match(r"https?://(dx\.)?doi\.org/", url, re.IGNORECASE) is not None


def _is_web_link(url: str) -> bool:
    """Tell a usable address from EndNote's pseudo-URLs (``<Go to ISI>://…``, ``internal-pdf://``)."""
    return re.match(r"(https?|ftp)://|www\.", url, re.IGNORECASE) is not None


def _pmid(record: ET.Element) -> str | None:
    """Return the accession number as PMID when it is one (see the module docstring)."""
    accession = _text(record.find("accession-num"))
    if not accession:
        return None
    source = " ".join(
        _texts(record.findall("remote-database-provider"))
        + _texts(record.findall("remote-database-name"))
    ).casefold()
    if accession.isdigit():
        if source and not any(name in source for name in _PUBMED_SOURCES):
            return None
        return normalize_pmid(accession)
    lowered = accession.casefold()
    if "pmid" in lowered or "pubmed" in lowered:
        return normalize_pmid(accession)
    return None


def _extra(record: ET.Element) -> dict[str, list[str]]:
    """Collect the values not read into columns, by tag, for provenance."""
    extra: dict[str, list[str]] = {}

    def put(key: str, values: list[str]) -> None:
        if values:
            extra.setdefault(key, []).extend(values)

    for child in record:
        if child.tag not in _MAPPED:
            put(child.tag, _lines(child))
    for child in record.iterfind("titles/*"):
        if child.tag not in ("title", "secondary-title", "alt-title"):
            put(child.tag, _texts([child]))
    for child in record.iterfind("contributors/*"):
        if child.tag != "authors":
            put(child.tag, _texts(child.findall("author")) or _texts([child]))
    put("pub-dates", _texts(record.findall("dates/pub-dates/date")))
    for child in record.iterfind("urls/*"):
        if child.tag != "related-urls":
            put(child.tag, _texts(child.findall("url")) or _texts([child]))
    return extra


def _convert(item: XmlRecord) -> ParsedRecord | ParseProblem:
    """Turn one ``<record>`` into a record, or a problem if it holds nothing usable."""
    record = item.element
    title = _text(record.find("titles/title"))
    authors = tuple(
        name.rstrip(",").strip()
        for name in _texts(record.findall("contributors/authors/author"))
        if name.rstrip(",").strip()
    )
    journal = (
        _text(record.find("titles/secondary-title"))
        or _text(record.find("periodical/full-title"))
        or _text(record.find("alt-periodical/full-title"))
    )
    journal_abbrev = (
        _text(record.find("periodical/abbr-1"))
        or _text(record.find("titles/alt-title"))
        or _text(record.find("alt-periodical/abbr-1"))
    )
    year = normalize_year(_text(record.find("dates/year"))) or normalize_year(
        _text(record.find("dates/pub-dates/date"))
    )
    urls = _texts(record.findall("urls/related-urls/url")) + _texts(
        record.findall("urls/web-urls/url")
    )
    doi = normalize_doi(_text(record.find("electronic-resource-num")))
    if not doi:
        doi = next((d for u in urls if _is_doi_link(u) and (d := normalize_doi(u))), None)
    pmid = _pmid(record)
    url = next((u for u in urls if _is_web_link(u) and not _is_doi_link(u)), None)
    ref_type = record.find("ref-type")
    publication_type = None
    if ref_type is not None:
        publication_type = clean_text(ref_type.get("name")) or _text(ref_type)
    extra = _extra(record)
    if len(urls) > 1 or (urls and url is None):
        extra["urls"] = urls
    accession = _text(record.find("accession-num"))
    if accession and not pmid:
        extra["accession-num"] = [accession]
    resource = _text(record.find("electronic-resource-num"))
    if resource and not doi:
        extra["electronic-resource-num"] = [resource]
    isbn = _text(record.find("isbn"))
    issn = None
    if isbn and publication_type and "book" in publication_type.casefold():
        extra["isbn"] = [isbn]
    else:
        issn = isbn
    pages = _text(record.find("pages"))
    keywords: list[str] = []
    for keyword in record.findall("keywords/keyword"):
        keywords.extend(_lines(keyword))
    if not (title or authors or doi or pmid or journal):
        return ParseProblem(
            item.index,
            item.line,
            "the record has no title, authors, journal or identifier; it was skipped",
        )
    return ParsedRecord(
        source_index=item.index,
        raw=item.raw,
        source_id=_text(record.find("rec-number")),
        title=title,
        authors=authors,
        abstract=_paragraphs(record.find("abstract")),
        journal=journal,
        journal_abbrev=journal_abbrev,
        year=year,
        volume=_text(record.find("volume")),
        issue=_text(record.find("number")) or _text(record.find("issue")),
        pages=normalize_pages(pages) if pages else None,
        doi=doi,
        pmid=pmid,
        keywords=unique(keywords),
        language=_text(record.find("language")),
        publication_type=publication_type,
        issn=issn,
        url=url,
        extra=extra,
    )
