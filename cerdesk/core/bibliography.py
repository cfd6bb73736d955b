"""Bibliographic records as importers produce them, and the normalisation they share.

Every importer (RIS, MEDLINE/nbib, PubMed XML, EndNote XML, BibTeX, Web of Science,
Scopus/generic CSV) turns a file into :class:`ParsedRecord` values; the evidence register
stores them. Normalisation (DOIs given as URLs, PMIDs, years, page ranges, author names)
lives here so that every format gives the same columns for the same paper.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


@dataclass
class ParsedRecord:
    """One record read from an export file, normalised into columns.

    Attributes:
        source_index: 1-based position of the record in its file.
        source_id: An identifier the file carried for the record (RIS ``ID``/``AN``,
            EndNote rec-number, BibTeX key, WoS ``UT``…), or ``None``.
        raw: The record's text exactly as in the file (for provenance).
        title: Article title.
        authors: Author names as "Family, Given" where the file allows, in order.
        abstract: Abstract text.
        journal: Full journal (or book/source) title.
        journal_abbrev: Abbreviated journal title, if the file gives one.
        year: Publication year.
        volume: Volume.
        issue: Issue.
        pages: Page range normalised to "start-end" (or an article number).
        doi: DOI in lower case without URL prefix (``10.1000/xyz``).
        pmid: PubMed id (digits only).
        keywords: Keywords and subject headings, in file order, without duplicates.
        language: Language as given by the file.
        publication_type: Publication/reference type as given by the file.
        issn: ISSN(s) as given.
        url: First URL that is not a DOI link.
        extra: Other tagged values the file held, kept for provenance (tag -> values).
    """

    source_index: int
    raw: str
    source_id: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()
    abstract: str | None = None
    journal: str | None = None
    journal_abbrev: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    keywords: tuple[str, ...] = ()
    language: str | None = None
    publication_type: str | None = None
    issn: str | None = None
    url: str | None = None
    extra: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ParseProblem:
    """A record (or part of a file) that could not be read.

    Attributes:
        record: 1-based position of the record in the file, or ``None`` for the file.
        line: 1-based line number where the problem starts, if known.
        message: One sentence saying what is wrong.
    """

    record: int | None
    line: int | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.record is not None:
            where.append(f"record {self.record}")
        if self.line is not None:
            where.append(f"line {self.line}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class ParseResult:
    """What an importer read from one file.

    Attributes:
        format: Format key (``ris``, ``nbib``, ``pubmed-xml``, ``endnote-xml``,
            ``bibtex``, ``wos``, ``csv``).
        records: The records read, in file order.
        problems: Records skipped, with why. An empty file or one that is not in the
            format at all raises instead.
        encoding: The text encoding the file was decoded with.
    """

    format: str
    records: list[ParsedRecord]
    problems: list[ParseProblem] = field(default_factory=list)
    encoding: str = "utf-8"


# ----------------------------------------------------------------- normalisation
_DOI = re.compile(r"10\.\d{4,9}/\S+", re.IGNORECASE)
_DOI_TRAILING = ".,;:)]}>\"'"


def normalize_doi(value: str | None) -> str | None:
    """Return the DOI in ``value`` in lower case without URL prefix, or ``None``.

    Accepts ``10.x/y``, ``doi:10.x/y``, ``https://doi.org/10.x/y``, ``dx.doi.org`` links,
    percent-encoded slashes and trailing punctuation; the first DOI wins.
    """
    if not value:
        return None
    text = value.strip().replace("%2F", "/").replace("%2f", "/")
    match = _DOI.search(text)
    if not match:
        return None
    doi = match.group(0)[:1000]  # a real DOI is far shorter; bounds the work on junk
    # A DOI ends at the first space; trailing punctuation belongs to the sentence.
    opened, closed = doi.count("("), doi.count(")")
    while doi and doi[-1] in _DOI_TRAILING:
        if doi[-1] == ")":
            if opened >= closed:
                break
            closed -= 1
        doi = doi[:-1]
    if doi.lower().endswith("[doi]"):
        doi = doi[:-5]
    return doi.lower() or None


_PMID = re.compile(r"\b(\d{1,9})\b")


def normalize_pmid(value: str | None) -> str | None:
    """Return the PubMed id in ``value`` (``"PMID: 123"``, ``"123 [pmid]"``…), or ``None``."""
    if not value:
        return None
    text = value.strip()
    if "pubmed" in text.lower() or "pmid" in text.lower() or text.isdigit():
        match = _PMID.search(text)
        if match:
            return str(int(match.group(1)))
    return None


_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


def normalize_year(value: str | int | None) -> int | None:
    """Return the first plausible four-digit year in ``value`` (``"2019/05/03/"``)."""
    if value is None:
        return None
    if isinstance(value, int):
        return value if 1500 <= value <= 2100 else None
    match = _YEAR.search(value)
    return int(match.group(1)) if match else None


def normalize_pages(start: str | None, end: str | None = None) -> str | None:
    """Return pages as "start-end", expanding "123-9" to "123-129"; ``None`` if empty."""
    first = " ".join((start or "").split())[:200]
    last = " ".join((end or "").split())[:200]
    if not last and first:
        # Hyphen, non-breaking hyphen, figure dash and minus sign occur too (Cochrane).
        parts = re.split(r"\s*[-–—\u2010\u2011\u2012\u2212]+\s*", first, maxsplit=1)
        if len(parts) == 2:
            first, last = parts
    if not first:
        return last or None
    if last and last.isdigit() and first.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return f"{first}-{last}" if last and last != first else first


#: ASCII white space other than the plain space (all that ``str.split`` splits on in ASCII).
_ASCII_SPACE = ("  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")


def clean_text(value: str | None) -> str | None:
    """Collapse runs of white space (line breaks from wrapped fields) and strip."""
    if value is None:
        return None
    # Most values need nothing: skip the split and join (the importers' hot path). Only
    # ASCII text is checked this way; other text may hold Unicode spaces.
    if (
        value.isascii()
        and value[:1] != " "
        and value[-1:] != " "
        and not any(space in value for space in _ASCII_SPACE)
    ):
        return value or None
    text = " ".join(value.split())
    return text or None


def unique(values: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Return the non-empty values without duplicates, in order."""
    out: list[str] = []
    folded: set[str] = set()
    for value in values:
        text = clean_text(value)
        if text and text.casefold() not in folded:
            folded.add(text.casefold())
            out.append(text)
    return tuple(out)


def fold(text: str | None) -> str:
    """Return ``text`` without accents, case and punctuation (for matching, not display)."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", ascii_text.casefold()).split())
