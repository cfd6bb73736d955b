"""PubMed's MEDLINE format (``.nbib``, "Citation manager" / "PubMed" text downloads).

Each line is a tag of up to four letters padded to four characters, a dash and a space
(``PMID- 123``, ``TI  - Title``); a long value continues on lines indented by six
spaces. A record starts with its ``PMID-`` line and ends at a blank line. Handled here:

* lines that bend the layout (``PMID-22664220`` without the space, ``TI  -Title``,
  ``TI-``), blank lines missing between records (a second ``PMID`` starts a new one);
* ERIC's MEDLINE-style ``.nbib`` (records open with ``OWN - ERIC`` and have no PMID;
  DOIs as ``AID - http://dx.doi.org/…``);
* DOIs in ``LID``/``AID`` (``10.1000/x [doi]``), full author names in ``FAU`` (short
  ``AU`` names only when a record has no ``FAU``), page ranges like ``454-81``.

MEDLINE has no end-of-record marker, so a file cut short is recognised by its last
record lacking the ``SO`` (source) line that PubMed writes last in every record: when the
other records have one, the last is reported as a problem and skipped.

One pass over the lines; tags are recognised by slicing with a small cache, and by one
anchored, bounded regular expression for unusual lines (no backtracking, no recursion).
"""

from __future__ import annotations

import re

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

NAME = "nbib"
LABEL = "PubMed MEDLINE (.nbib)"

#: A tag line: 2-4 character tag, up to three padding spaces, a dash, then the value.
#: The value normally follows after one space; ``PMID-123``/``TI  -Title`` lack it.
_TAG = re.compile(r"([A-Z][A-Z0-9]{1,3}) {0,3}-(?: |(?=\S)|$)")

#: How many non-blank lines :func:`sniff` looks at.
_SNIFF_LINES = 40

#: Tags mapped onto ParsedRecord columns; everything else goes to ``extra``.
_MAPPED = frozenset(
    {
        "PMID", "TI", "BTI", "AB", "FAU", "AU", "JT", "TA", "DP", "VI", "IP", "PG", "LID",
        "AID", "LA", "PT", "MH", "OT", "IS", "ISSN",
    }
)  # fmt: skip

_TRUNCATED = (
    "the record has no 'SO' line, which PubMed writes last in every record: the file "
    "ends in the middle of it (was the download cut short?); the record was skipped"
)


_NO_PMID = (
    "tagged lines without a 'PMID' line starting the record (every PubMed record has "
    "one); the record was skipped"
)


def sniff(text: str) -> bool:
    """Tell whether ``text`` looks like MEDLINE: a ``PMID-`` line among its first lines.

    ERIC's MEDLINE-style files have no PMID and open with ``OWN - ERIC`` instead. RIS
    files never match: their tags are two characters (``PMID  - `` is not ``PMID-``).
    """
    seen = 0
    for line in iter_lines(text):
        if not line.strip():
            continue
        if line.startswith("PMID-"):
            return True
        if seen == 0 and line.startswith("OWN - ") and "\nTY  -" not in text[:20000]:
            return True
        seen += 1
        if seen >= _SNIFF_LINES:
            break
    return False


def parse(text: str) -> tuple[list[ParsedRecord], list[ParseProblem]]:
    """Read every MEDLINE record in ``text``.

    Returns:
        The records in file order and the problems (records skipped, with why).

    Raises:
        ImportFileError: ``text`` has no ``PMID-`` (or ERIC ``OWN -``) line at all.
    """
    with gc_paused():
        blocks = _read_blocks(text)
        if not any(_is_medline(fields) for _, _, fields in blocks):
            raise ImportFileError("no MEDLINE records found (no 'PMID-' line)")
        records: list[ParsedRecord] = []
        problems: list[ParseProblem] = []
        with_pmid = any("PMID" in fields for _, _, fields in blocks)
        truncated = len(blocks) - 1 if _cut_short(blocks) else -1
        for position, (start, raw, fields) in enumerate(blocks):
            index = position + 1
            if position == truncated:
                problems.append(ParseProblem(index, start + 1, _TRUNCATED))
            elif with_pmid and not _is_medline(fields):
                problems.append(ParseProblem(index, start + 1, _NO_PMID))
            else:
                records.append(_build(index, raw, fields))
    return records, problems


def _cut_short(blocks: list[tuple[int, str, _Fields]]) -> bool:
    """Tell whether the last record lacks the ``SO`` line that (nearly) all others have."""
    if len(blocks) < 2 or "SO" in blocks[-1][2]:
        return False
    others = [fields for _, _, fields in blocks[:-1] if _is_medline(fields)]
    with_source = sum(1 for fields in others if "SO" in fields)
    return bool(others) and with_source >= 0.9 * len(others)


_Fields = dict[str, list[str]]
#: Continuation lines: (tag, position in that tag's list) -> the lines after it.
_Conts = dict[tuple[str, int], list[str]]


def _is_medline(fields: _Fields) -> bool:
    """Tell whether a block is a MEDLINE record (has a PMID, or an ERIC ``OWN``)."""
    return "PMID" in fields or "OWN" in fields


def _tag_of_head(head: str) -> str | None:
    """Return the tag of a line whose first six characters are ``head + "- "``."""
    stripped = head.rstrip(" ")
    return stripped if _TAG.fullmatch(stripped + "- ") else None


def _read_blocks(text: str) -> list[tuple[int, str, _Fields]]:
    """Split ``text`` into records: ``(first line index, raw text, fields)``."""
    lines = text.split("\n")
    return [(start, "\n".join(lines[start:end]), fields) for start, end, fields in _blocks(lines)]


def _blocks(lines: list[str]) -> list[tuple[int, int, _Fields]]:
    """Split the lines into records: ``(first line, end line exclusive, fields)``.

    A record is a run of lines holding at least one tagged line, ended by a blank line or
    by a second ``PMID`` line. Untagged lines continue the previous field (they should be
    indented by six spaces; unindented ones are kept too rather than lost).
    """
    blocks: list[tuple[int, int, _Fields, _Conts | None]] = []
    match = _TAG.match
    heads: dict[str, str] = {}  # first four characters -> tag ("" if not a tag)
    fields: _Fields = {}
    conts: _Conts | None = None
    start = -1  # first line of the open record, or -1
    last = ""  # tag of the last tagged line of the open record

    for number, line in enumerate(lines):
        if line[4:6] == "- ":
            # The standard layout: a tag padded to four characters, "- ", the value.
            tag = heads.get(line[:4])
            if tag is None:
                tag = heads[line[:4]] = _tag_of_head(line[:4]) or ""
            if tag and tag != "PMID" and start >= 0:
                bucket = fields.get(tag)
                if bucket is None:
                    fields[tag] = [line[6:].strip()]
                else:
                    bucket.append(line[6:].strip())
                last = tag
                continue
            value = line[6:].strip()
        else:
            tag = ""
        if not tag:
            if not line or line.isspace():
                if start >= 0:
                    blocks.append((start, number, fields, conts))
                    start, fields, conts, last = -1, {}, None, ""
                continue
            m = match(line) if line[0] not in " \t" else None
            if m is None:
                if last:  # a continuation line of the last field
                    key = (last, len(fields[last]) - 1)
                    if conts is None:
                        conts = {key: [line.strip()]}
                    elif key in conts:
                        conts[key].append(line.strip())
                    else:
                        conts[key] = [line.strip()]
                elif start < 0:
                    start = number  # junk before any tag: kept with the record after it
                continue
            tag = m.group(1)
            value = line[m.end() :].strip()
        if tag == "PMID" and "PMID" in fields:
            blocks.append((start, number, fields, conts))  # blank line missing
            start, fields, conts = -1, {}, None
        if start < 0:
            start = number
        bucket = fields.get(tag)
        if bucket is None:
            fields[tag] = [value]
        else:
            bucket.append(value)
        last = tag
    if start >= 0:
        end = len(lines)
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        blocks.append((start, end, fields, conts))
    out: list[tuple[int, int, _Fields]] = []
    for start, end, fields, conts in blocks:
        if conts:
            for (tag, position), more in conts.items():
                fields[tag][position] = " ".join([fields[tag][position], *more]).strip()
        if fields:
            out.append((start, end, fields))
    return out


# ------------------------------------------------------------------------ fields


def _first(fields: _Fields, *tags: str) -> str | None:
    """Return the first non-blank value of the first of ``tags`` the record has."""
    for tag in tags:
        for value in fields.get(tag, ()):
            if value:
                return clean_text(value)
    return None


def _build(index: int, raw: str, fields: _Fields) -> ParsedRecord:
    """Turn one record's fields into a :class:`ParsedRecord`."""
    get = fields.get
    pmid = None
    for value in get("PMID", ()):
        token = value.split(None, 1)[0] if value else ""
        if token.isascii() and token.isdigit() and len(token) <= 9:
            pmid = str(int(token))
            break

    abstract_parts = get("AB")
    abstract = None
    if abstract_parts:
        abstract = clean_text(
            " ".join(abstract_parts) if len(abstract_parts) > 1 else abstract_parts[0]
        )

    # Authors keep their order and repeats: two people may share a name.
    names = get("FAU") or get("AU") or ()
    authors = tuple(name for name in map(clean_text, names) if name)
    types = get("PT")
    issns = get("IS", []) + get("ISSN", [])
    keywords = get("MH", []) + get("OT", [])
    doi, url = _identifiers(fields) if "LID" in fields or "AID" in fields else (None, None)
    journal = _first(fields, "JT")
    abbrev = _first(fields, "TA")
    if journal is None:
        journal = abbrev
    pages = _first(fields, "PG")

    return ParsedRecord(
        source_index=index,
        raw=raw,
        source_id=pmid or _first(fields, "OID"),
        title=_first(fields, "TI", "BTI", "TT"),
        authors=authors,
        abstract=abstract,
        journal=journal,
        journal_abbrev=abbrev if abbrev != journal else None,
        year=_year(fields),
        volume=_first(fields, "VI"),
        issue=_first(fields, "IP"),
        pages=normalize_pages(pages) if pages else None,
        doi=doi,
        pmid=pmid,
        keywords=unique(keywords) if keywords else (),
        language=_first(fields, "LA"),
        publication_type="; ".join(unique(types)) or None if types else None,
        issn="; ".join(unique(issns)) or None if issns else None,
        url=url,
        extra={tag: vals for tag, vals in fields.items() if tag not in _MAPPED},
    )


def _year(fields: _Fields) -> int | None:
    """Return the publication year: ``DP``, else the electronic date, else Entrez's."""
    for value in fields.get("DP", ()):
        year = normalize_year(value)
        if year is not None:
            return year
    for tag in ("DEP", "EDAT", "CRDT", "DA"):
        for value in fields.get(tag, ()):
            year = normalize_year(value[:4])
            if year is not None:
                return year
    return None


def _identifiers(fields: _Fields) -> tuple[str | None, str | None]:
    """Return (DOI, URL) from ``LID``/``AID`` (``10.1000/x [doi]``, ERIC links)."""
    doi = url = None
    for tag in ("LID", "AID"):
        for value in fields.get(tag, ()):
            lowered = value.casefold()
            if doi is None and ("doi" in lowered or value[:3] == "10."):
                # Cut long values: normalize_doi strips trailing punctuation one
                # character at a time, recounting parentheses each time.
                text = value[:2000]
                doi = normalize_doi(text.split("[")[0] if "[doi]" in lowered else text)
            elif url is None and lowered.startswith(("http://", "https://")):
                url = value.split()[0]
    return doi, url
