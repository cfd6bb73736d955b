"""RIS: the tagged format every database and reference manager exports.

A record runs from its ``TY  - `` line to its ``ER  - `` line; each line in between is
``XX  - value`` (a two-character tag, two spaces, a dash, a space) or an untagged
continuation of the previous line. Real files bend this in many ways, all handled here:

* download headers before the first record (Ovid/EndNote ``Record #1 of 2``,
  ``Provider:``, ``Database:``, ``Content:`` lines), Ovid numbering lines (``1.``,
  ``<1>``) and Ovid's ``Link to the Ovid Full Text…`` lines between records;
* no blank line between records; ``ER  -`` with or without a trailing space;
* ``TY -`` / ``KW - x`` with one space, ``TY  -  JOUR`` with two after the dash, and
  four-character tags (``PMID  - 123``, PsycINFO);
* fields wrapped over several lines (WoS indents the continuation by three spaces,
  EndNote not at all; EndNote writes one keyword per continuation line);
* repeated tags (``AU``/``A1``, ``KW``, several ``DO`` or ``SN`` lines);
* DOIs as URLs (``DO``, ``UR``, ``L2``, ``L3``, ``LK``, ``M3``, ``N1``), PMIDs in ``AN``,
  ``C1``-``C8``, ``U1``, ``N1`` (``12345 [PMID]``, ``PUBMED 123``), Embase ``C5`` and
  Ovid MEDLINE links (``D=medl&AN=123``);
* a concatenated file with a byte-order mark at the start of a later record.

A record whose ``ER`` line is missing but is followed by another ``TY`` line ends there
and is kept. A record cut off by the end of the file, and tagged lines outside any
record (a record without its ``TY`` line), are reported as problems and skipped.

The tokenizer is a single pass over the lines: standard ``XX  - `` lines are recognised
by slicing, the rest by one anchored, bounded regular expression (no backtracking, no
recursion), so a 10 MB field or a 100,000-record file parse in linear time. rispy is not
used: it cannot give each record's raw text and starting line, which provenance needs;
its tag meanings are followed.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from cerdesk.core.bibliography import (
    ParsedRecord,
    ParseProblem,
    clean_text,
    normalize_doi,
    normalize_pages,
    normalize_year,
    unique,
)
from cerdesk.importers.errors import ImportFileError
from cerdesk.importers.text_parsing import gc_paused, iter_lines

NAME = "ris"
LABEL = "RIS"

#: ``XX  -`` (anything may follow), or a 2-4 character tag with one or two spaces
#: before the dash and a space or the line end after it.
_TAG = re.compile(r"([A-Z][A-Z0-9])  -|([A-Z][A-Z0-9]{1,3}) {1,2}-(?= |$)")

#: Every "[A-Z][A-Z0-9]" tag, for the fast path of the tokenizer.
_PLAIN_TAGS = frozenset(
    a + b for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
)

#: How many non-blank lines :func:`sniff` looks at for a ``TY`` line.
_SNIFF_LINES = 60

#: Tags whose continuation lines are separate values (one author/keyword/URL a line).
_LIST_TAGS = frozenset({"AU", "A1", "A2", "A3", "A4", "KW", "UR", "L1", "L2", "L4"})

#: Tags mapped onto ParsedRecord columns; everything else goes to ``extra``.
_MAPPED = frozenset(
    {
        "TY", "TI", "T1", "CT", "AU", "A1", "AB", "N2", "T2", "JF", "JO", "JA", "J2",
        "J1", "JI", "J9", "PY", "Y1", "DA", "VL", "VO", "IS", "SP", "EP", "DO", "LA",
        "KW", "SN",
    }
)  # fmt: skip


def sniff(text: str) -> bool:
    """Tell whether ``text`` looks like RIS: a ``TY  -`` line among its first lines."""
    seen = 0
    for line in iter_lines(text):
        if not line.strip():
            continue
        tag = _tag_of(line)
        if tag is not None and tag[0] == "TY":
            return True
        seen += 1
        if seen >= _SNIFF_LINES:
            break
    return False


def parse(text: str) -> tuple[list[ParsedRecord], list[ParseProblem]]:
    """Read every RIS record in ``text``.

    Returns:
        The records in file order and the problems (records skipped, with why).

    Raises:
        ImportFileError: ``text`` holds no ``TY  -`` line at all.
    """
    reader = _Reader(text.split("\n"))
    with gc_paused():
        reader.run()
    if not reader.found_ty:
        raise ImportFileError("no RIS records found")
    return reader.records, reader.problems


_NO_TY = "tagged lines without a 'TY' line starting the record; the record was skipped"
_NO_ER = (
    "the record has no 'ER' line: the file ends in the middle of it (was the download "
    "cut short?); the record was skipped"
)

_OUT, _IN, _ORPHAN = 0, 1, 2


#: A record's values by tag, in file order; a value is its tag line's text.
_Values = dict[str, list[str]]
#: Continuation lines: (tag, position in that tag's list) -> the untagged lines after it.
_Conts = dict[tuple[str, int], list[str]]


class _Reader:
    """One pass over the lines of a RIS file, collecting records and problems.

    States: outside any record (``_OUT``), inside a record (``_IN``) or inside tagged
    lines that no ``TY`` line opened (``_ORPHAN``). A record closed by its ``ER`` line
    stays *pending* until the next ``TY`` line or the end of the file, because Ovid
    writes a stray ``NL`` line after ``ER``; such single tagged lines (the *trailer*) are
    added to the pending record. A trailer that ends in its own ``ER`` line was a record
    without a ``TY`` line instead and is reported.

    The open record's values are gathered by tag as the lines are read; untagged
    continuation lines are kept apart in ``conts`` (most fields have none) and merged
    when the record is built.
    """

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.records: list[ParsedRecord] = []
        self.problems: list[ParseProblem] = []
        self.found_ty = False
        self.index = 0
        self.start = -1  # line index where the open record or orphan block starts
        # The record closed by ER, waiting for a possible trailer.
        self.pending: tuple[int, int, _Values, _Conts | None, int] | None = None
        self.trailer: list[tuple[str, str]] = []
        self.trailer_start = -1
        self.trailer_end = -1

    def run(self) -> None:
        """Read all lines."""
        lines = self.lines
        match = _TAG.match
        plain_tags = _PLAIN_TAGS
        state = _OUT
        inside = False  # state == _IN, tested first on every line
        values: _Values = {}
        conts: _Conts | None = None
        last = ""  # tag of the open record's last tagged line ("" outside a block)
        for number, line in enumerate(lines):
            tag = line[:2]
            if line[2:5] == "  -" and tag in plain_tags:
                value = line[5:].strip()
                if inside and tag != "TY" and tag != "ER":
                    # The common case: one more field of the open record.
                    bucket = values.get(tag)
                    if bucket is None:
                        values[tag] = [value]
                    else:
                        bucket.append(value)
                    last = tag
                    continue
            else:
                m = match(line)
                if m is None and line[:1] == "\ufeff":
                    line = line.lstrip("\ufeff")
                    m = match(line)
                if m is None:
                    if last:  # a continuation line of the last field
                        key = (last, len(values[last]) - 1)
                        if conts is None:
                            conts = {key: [line]}
                        elif key in conts:
                            conts[key].append(line)
                        else:
                            conts[key] = [line]
                    continue
                tag = m.group(1) or m.group(2)
                value = line[m.end() :].strip()
                if inside and tag != "TY" and tag != "ER":
                    values.setdefault(tag, []).append(value)
                    last = tag
                    continue
            if tag == "TY":
                self.found_ty = True
                if inside and len(values) == 1:
                    # Only TY lines so far (a record with several TY lines).
                    values["TY"].append(value)
                    last = tag
                    continue
                if inside:
                    self._close(number, values, conts, last)  # ER missing: TY ends it
                elif state == _ORPHAN:
                    self._orphan(self.start)
                self._flush()
                self.index += 1
                state, inside, self.start = _IN, True, number
                values, conts, last = {tag: [value]}, None, tag
            elif tag == "ER":
                if inside:
                    self.pending = (self.index, self.start, values, conts, number + 1)
                elif state == _ORPHAN:
                    self._orphan(self.start)
                elif self.trailer:
                    # The "trailer" was a record that lost its TY line.
                    start = self.trailer_start
                    self.trailer = []
                    self._flush()
                    self._orphan(start)
                state, inside, last = _OUT, False, ""
                values, conts = {}, None
            elif state == _OUT:
                if self.pending is not None:
                    if not self.trailer:
                        self.trailer_start = number
                    self.trailer.append((tag, value))
                    self.trailer_end = number + 1
                else:
                    state, self.start = _ORPHAN, number
                    values, conts, last = {tag: [value]}, None, tag
            else:  # _ORPHAN: more lines of the block (kept only to find its end)
                values.setdefault(tag, []).append(value)
                last = tag
        if inside:
            self.problems.append(ParseProblem(self.index, self.start + 1, _NO_ER))
        elif state == _ORPHAN:
            self._orphan(self.start)
        self._flush()

    def _orphan(self, start: int) -> None:
        """Report tagged lines from ``start`` that no TY line opened."""
        self._flush()
        self.index += 1
        self.problems.append(ParseProblem(self.index, start + 1, _NO_TY))

    def _close(self, end: int, values: _Values, conts: _Conts | None, last: str) -> None:
        """Build the open record, whose ER line is missing, up to the ``TY`` at ``end``.

        Untagged lines after a blank line at the end (``% Comment``, a numbering line)
        lie between the records and are not continuations of the last field.
        """
        lines = self.lines
        key = (last, len(values[last]) - 1)
        more = conts.get(key) if conts else None
        if conts and more:
            blank = next((i for i, line in enumerate(more) if not line.strip()), len(more))
            end -= len(more) - blank
            conts[key] = more[:blank]
        while end > self.start + 1 and not lines[end - 1].strip():
            end -= 1
        raw = "\n".join(lines[self.start : end])
        self.records.append(_build(self.index, raw, values, conts))

    def _flush(self) -> None:
        """Build the pending record, with its trailer if it has one."""
        if self.pending is None:
            return
        index, start, values, conts, end = self.pending
        if self.trailer:
            for tag, value in self.trailer:
                values.setdefault(tag, []).append(value)
            end = self.trailer_end
        self.pending = None
        self.trailer = []
        self.records.append(_build(index, "\n".join(self.lines[start:end]), values, conts))


# ------------------------------------------------------------------------- lines


def _tag_of(line: str) -> tuple[str, str] | None:
    """Return ``(tag, value)`` of a tagged line, or ``None`` for a continuation line."""
    m = _TAG.match(line.lstrip("\ufeff"))
    if m is None:
        return None
    return m.group(1) or m.group(2), line.lstrip("\ufeff")[m.end() :].strip()


# ------------------------------------------------------------------------ fields
def _merge(values: _Values, conts: _Conts | None) -> _Values:
    """Add continuation lines to their fields and drop empty values.

    A continuation line of a list tag (authors, keywords, URLs) is a value of its own;
    for any other tag it continues the text of the line before.
    """
    if conts:
        for tag in {tag for tag, _ in conts}:
            bucket = values[tag]
            if tag in _LIST_TAGS:
                rebuilt: list[str] = []
                for position, value in enumerate(bucket):
                    rebuilt.append(value)
                    more = conts.get((tag, position))
                    if more:
                        rebuilt.extend(line.strip() for line in more if line.strip())
                values[tag] = rebuilt
            else:
                for position, value in enumerate(bucket):
                    more = conts.get((tag, position))
                    if more:
                        joined = "\n".join([value, *(line.strip() for line in more)])
                        bucket[position] = joined.strip()
    for tag in [t for t, vals in values.items() if "" in vals]:
        kept = [v for v in values[tag] if v]
        if kept:
            values[tag] = kept
        else:
            del values[tag]
    return values


def _first(values: dict[str, list[str]], *tags: str) -> str | None:
    """Return the first value of the first of ``tags`` the record has, cleaned."""
    for tag in tags:
        found = values.get(tag)
        if found:
            return clean_text(found[0])
    return None


def _build(index: int, raw: str, values: _Values, conts: _Conts | None) -> ParsedRecord:
    """Turn one record's values into a :class:`ParsedRecord`."""
    values = _merge(values, conts)
    get = values.get
    keys = values.keys()

    authors = get("AU") or []
    if "A1" in values:
        # WoS writes group authors in A1 next to AU, and sometimes repeats an AU name
        # there; other exporters use A1 alone.
        seen = {name.casefold() for name in authors}
        authors = authors + [name for name in values["A1"] if name.casefold() not in seen]
    abstract_parts = get("AB") or get("N2")
    if abstract_parts is None:
        abstract = None
    elif len(abstract_parts) == 1:
        abstract = clean_text(abstract_parts[0])
    else:
        abstract = clean_text("\n".join(abstract_parts))

    journal, abbrev = _journal(values)
    pages = None
    if "SP" in values or "EP" in values:
        start_page, end_page = _first(values, "SP"), _first(values, "EP")
        pages = normalize_pages(start_page, end_page)
    elif "C7" in values:
        pages = _first(values, "C7")

    year = None
    for tag in ("PY", "Y1", "DA"):
        for value in get(tag, ()):
            year = normalize_year(value)
            if year is not None:
                break
        if year is not None:
            break

    issn = None
    if "SN" in values:
        issn = "; ".join(unique(values["SN"])) or None

    id_tag = next((tag for tag in ("ID", "AN", "UT") if tag in values), "")
    extra = {tag: vals for tag, vals in values.items() if tag not in _MAPPED and tag != id_tag}
    return ParsedRecord(
        source_index=index,
        raw=raw,
        source_id=_first(values, id_tag) if id_tag else None,
        title=_first(values, "TI", "T1", "CT", "ST", "BT"),
        authors=_authors(authors) if authors else (),
        abstract=abstract,
        journal=journal,
        journal_abbrev=abbrev,
        year=year,
        volume=_first(values, "VL", "VO"),
        issue=_first(values, "IS"),
        pages=pages,
        doi=None if keys.isdisjoint(_DOI_TAGS) else _find_doi(values),
        pmid=None if keys.isdisjoint(_PMID_TAGS) else _find_pmid(values),
        keywords=unique(values["KW"]) if "KW" in values else (),
        language=_first(values, "LA"),
        publication_type=_first(values, "TY"),
        issn=issn,
        url=None if keys.isdisjoint(_URL_TAGS) else _find_url(values),
        extra=extra,
    )


def _authors(names: list[str]) -> tuple[str, ...]:
    """Return the author names cleaned, ``"Shi,Yu"`` spaced as ``"Shi, Yu"``.

    Order and repeats are kept: two authors of one paper may share a name.
    """
    out = []
    for name in names:
        text = clean_text(name)
        if text:
            if "," in text and ", " not in text:
                text = text.replace(",", ", ", 1)
            out.append(text)
    return tuple(out)


def _journal(values: dict[str, list[str]]) -> tuple[str | None, str | None]:
    """Return (full journal title, abbreviation) from the journal tags.

    ``JF`` and ``T2`` hold the full title; ``JA``, ``J2``, ``J1`` and WoS ``JI``/``J9`` an
    abbreviation. ``JO`` is full in some exporters (EBSCO) and abbreviated in others
    (Embase, JabRef), so it fills whichever slot is empty. Without a full title the
    abbreviation serves as the journal.
    """
    full = _first(values, "JF", "T2")
    abbrev = _first(values, "JA", "J2", "JI", "J9", "J1")
    other = _first(values, "JO")
    if other:
        if full is None:
            full = other
        elif abbrev is None and other.casefold() != full.casefold():
            abbrev = other
    if full is None:
        full = abbrev
    if abbrev and full and abbrev.casefold() == full.casefold():
        abbrev = None
    return full, abbrev


# ------------------------------------------------------------------ identifiers
#: A value that is a DOI or starts with one (``doi: 10.x/y``, ``https://doi.org/…``).
_DOI_LEADING = re.compile(r"(?:doi[\s:]{0,4}|https?://(?:dx\.)?doi\.org/)?10\.\d", re.I)
_DOI_LABELLED = re.compile(r"electronic-resource-num\s*:\s*([^\s<]+)", re.I)


#: Path segments publishers append to a DOI in their links (Wiley ``…/abstract``).
_URL_DOI_SUFFIX = re.compile(
    r"/(?:abstract|abs|full|fulltext|pdf|epdf|pdfdirect|summary|references|suppinfo|meta|"
    r"html|issuetoc|citedby|figures|tables)$|\.pdf$",
    re.I,
)


#: Longer values are cut before a DOI is looked for: ``normalize_doi`` strips trailing
#: punctuation one character at a time, recounting parentheses each time.
_MAX_ID_TEXT = 2000


def _doi_in(value: str) -> str | None:
    """Return the DOI in ``value``; in a link, without the publisher's path and query.

    ``http://onlinelibrary.wiley.com/store/10.1111/x.1/asset/x1.pdf?v=1`` gives
    ``10.1111/x.1``; percent-encoding (even doubled, ``%252F``) is undone.
    """
    if len(value) > _MAX_ID_TEXT:
        value = value[:_MAX_ID_TEXT]
    if "%" in value:
        value = unquote(unquote(value))
    doi = normalize_doi(value)
    if doi and ("://" in value or "=" in value):
        for stop in ("?", "&", "#", "/asset/"):
            doi = doi.split(stop, 1)[0]
        for _ in range(3):
            trimmed = _URL_DOI_SUFFIX.sub("", doi)
            if trimmed == doi:
                break
            doi = trimmed
        doi = normalize_doi(doi)
    return doi


#: Tags where exporters put a labelled PMID (``PMID: 123``, ``123 [PMID]``, ``PUBMED 123``).
_PMID_LABEL_TAGS = ("AN", "C1", "C2", "C3", "C4", "C5", "C6", "C8", "U1", "U2", "U3", "M1",
                    "M2", "N1", "ID")  # fmt: skip
_DOI_TAGS = frozenset({"DO", "DI", "L3", "UR", "L2", "L1", "L4", "LK", "M3", "N1"})
_PMID_TAGS = frozenset({"PMID", *_PMID_LABEL_TAGS, "UR", "L2", "L1", "LK"})
_URL_TAGS = frozenset({"UR", "L2"})


def _find_doi(values: dict[str, list[str]]) -> str | None:
    """Return the record's DOI from the tags that hold one, most reliable first."""
    for tag in ("DO", "DI", "L3", "UR", "L2", "L1", "L4", "LK"):
        for value in values.get(tag, ()):
            doi = _doi_in(value)
            if doi:
                return doi
    # M3 and N1 are free text that may cite other papers' DOIs: only a leading DOI counts.
    for tag in ("M3", "N1"):
        for value in values.get(tag, ()):
            if _DOI_LEADING.match(value):
                doi = _doi_in(value)
                if doi:
                    return doi
            labelled = _DOI_LABELLED.search(value)
            if labelled:
                doi = _doi_in(labelled.group(1))
                if doi:
                    return doi
    return None


#: ``PMID: 123``, ``PUBMED 123``, ``PUBMED-123`` or ``123 [PMID]`` as the whole start of
#: a value (``Comment on: …; PMID: 123`` names another paper and does not count).
_PMID_LABELLED = re.compile(
    r"(?:(?:pmid|pubmed(?: ?id)?)[\s:#-]{0,4}(\d{1,9})(?!\d)|(\d{1,9}) ?\[pmid\])", re.I
)
_PMID_URL = re.compile(
    r"(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/|europepmc\.org/(?:abstract|article)/MED/"
    r"|[?&]list_uids=)(\d{1,9})(?!\d)",
    re.I,
)
#: Ovid links carry the database segment (``D=``) and accession number (``AN=``); in the
#: MEDLINE segments (``medl``, ``med1``…, ``prem``, ``pmnm``…) the accession number is the PMID.
_OVID_SEGMENT = re.compile(r"[?&]D=([A-Za-z0-9]+)")
_OVID_AN = re.compile(r"[?&]AN=(\d{1,9})(?![\d\w])")
_OVID_MEDLINE = ("med", "prem", "pmnm", "mesz", "mesx")
_MEDLINE_SOURCES = ("nlm", "pubmed", "medline", "mdc", "cmedm")


def _digits(value: str) -> str | None:
    """Return ``value`` as a PMID when it is nothing but 1-9 digits."""
    text = value.strip()
    if text.isascii() and text.isdigit() and len(text) <= 9:
        return str(int(text))
    return None


def _find_pmid(values: dict[str, list[str]]) -> str | None:
    """Return the record's PubMed id from wherever this exporter put it."""
    get = values.get
    for value in get("PMID", ()):
        found = _digits(value) or _labelled_pmid(value)
        if found:
            return found
    for tag in _PMID_LABEL_TAGS:
        found_values = get(tag)
        if found_values:
            for value in found_values:
                found = _labelled_pmid(value)
                if found:
                    return found
    if "AN" in values and ("DB" in values or "DP" in values):
        sources = " ".join(get("DB", []) + get("DP", [])).casefold()
        if any(name in sources for name in _MEDLINE_SOURCES):
            # EndNote's PubMed import and EBSCO MEDLINE put the bare PMID in AN.
            for value in values["AN"]:
                found = _digits(value)
                if found:
                    return found
    if "C5" in values:
        embase = any("embase" in v.casefold() for v in get("DB", ())) or any(
            "embase.com" in v for v in get("UR", ())
        )
        if embase:
            for value in values["C5"]:  # Embase.com: C5 is the MEDLINE PMID
                found = _digits(value)
                if found:
                    return found
    for tag in ("UR", "L2", "L1", "LK"):
        for value in get(tag, ()):
            if len(value) > 2000:
                continue
            m = _PMID_URL.search(value)
            if m:
                return str(int(m.group(1)))
            if "D=" in value:
                segment = _OVID_SEGMENT.search(value)
                if segment and segment.group(1).lower().startswith(_OVID_MEDLINE):
                    m = _OVID_AN.search(value)
                    if m:
                        return str(int(m.group(1)))
    return None


def _labelled_pmid(value: str) -> str | None:
    """Return the PMID when ``value`` starts with a labelled one (``PMID: 123``)."""
    m = _PMID_LABELLED.match(value)
    if m is None:
        return None
    return str(int(m.group(1) or m.group(2)))


def _find_url(values: dict[str, list[str]]) -> str | None:
    """Return the first URL in ``UR``/``L2`` that is not a DOI link."""
    for tag in ("UR", "L2"):
        for value in values.get(tag, ()):
            for token in value.split():
                if token.startswith(("http://", "https://")) and "doi.org/" not in token:
                    return token
    return None
