"""Web of Science exports: the plain-text "field tagged" file and the tab-delimited file.

Plain text (``savedrecs.txt``, ``.isi``, ``.ciw``)::

    FN Clarivate Analytics Web of Science
    VR 1.0
    PT J
    AU Brevik, I
       Smith, J
    TI A title wrapped
       over two lines
    ...
    UT WOS:000123456700001
    ER

    EF

Every line starts with a two-character tag and a space; continuation lines are indented
by three spaces. Author-like fields (AU, AF, CR, C1…) hold one value per line; other
fields are text wrapped over several lines. ``ER`` ends a record and ``EF`` the file.
Zoological Record, INSPEC and MEDLINE records exported from the Web of Science platform
use the same layout (with some other tags).

Tab-delimited (``savedrecs.txt`` "Tab-delimited (Win/Mac, UTF-8/UTF-16)"): a header row
of the same tags (``PT\\tAU\\tBA\\t…``), one record per line, no quoting, often a trailing
tab. Headers with the long names of the Excel export ("Article Title", "UT (Unique WOS
ID)"…) are read too.
"""

from __future__ import annotations

import re

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

NAME = "wos"
LABEL = "Web of Science"

#: A field line: two-character tag, then a space and the value (or nothing).
_TAG_LINE = re.compile(r"([A-Z][A-Z0-9])(?: (.*))?$")
#: The first line of a record: ``PT J`` (journal), ``PT B`` (book), ``PT S``, ``PT P``…
_PT_LINE = re.compile(r"PT [A-Za-z]\w*\s*$")
#: RIS (``TY  - JOUR``) and MEDLINE (``PMID- 1``, ``PT  - Journal Article``) lines.
_RIS_OR_MEDLINE = re.compile(r"[A-Z][A-Z0-9]{1,3} {0,3}- ")

#: Tags whose continuation lines are separate values (one name/address/reference a line).
_LIST_TAGS = frozenset({"AU", "AF", "BA", "BF", "BE", "CA", "GP", "CR", "C1", "C3", "RP", "EM"})
#: Tags holding people's names, separated by "; " on one line in the tab-delimited file.
_NAME_TAGS = frozenset({"AU", "AF", "BA", "BF", "BE", "CA", "GP"})
#: Tags seen in Web of Science, Zoological Record, INSPEC and MEDLINE-on-WoS records
#: (to recover lines such as ``AUGilles, H`` that lost the space after the tag).
_KNOWN_TAGS = frozenset(
    re.findall(
        r"\w\w",
        "PT AU AF BA BF BE CA GP TI SO SE BS LA DT CT CY CL SP HO DE ID AB C1 C3 RP EM RI OI "
        "FU FP FX CR NR TC Z9 U1 U2 PU PI PA SN EI BN J9 JI PD PY VL IS PN SU SI MA BP EP AR "
        "DI DL D2 EA PG WC WE SC GA UT PM OA HC HP DA AN PS ER EF FN VR",
    )
)

#: Long column names of the Web of Science Excel/"full record" export, by folded name.
_FULL_NAMES = {
    "publicationtype": "PT",
    "authors": "AU",
    "bookauthors": "BA",
    "bookeditors": "BE",
    "bookgroupauthors": "GP",
    "authorfullnames": "AF",
    "bookauthorfullnames": "BF",
    "groupauthors": "CA",
    "articletitle": "TI",
    "sourcetitle": "SO",
    "bookseriestitle": "SE",
    "bookseriessubtitle": "BS",
    "language": "LA",
    "documenttype": "DT",
    "conferencetitle": "CT",
    "conferencedate": "CY",
    "conferencelocation": "CL",
    "conferencesponsor": "SP",
    "conferencehost": "HO",
    "authorkeywords": "DE",
    "keywordsplus": "ID",
    "abstract": "AB",
    "addresses": "C1",
    "affiliations": "C3",
    "reprintaddresses": "RP",
    "emailaddresses": "EM",
    "researcherids": "RI",
    "orcids": "OI",
    "fundingorgs": "FU",
    "fundingnamepreferred": "FP",
    "fundingtext": "FX",
    "citedreferences": "CR",
    "citedreferencecount": "NR",
    "timescitedwoscore": "TC",
    "timescitedalldatabases": "Z9",
    "180dayusagecount": "U1",
    "since2013usagecount": "U2",
    "publisher": "PU",
    "publishercity": "PI",
    "publisheraddress": "PA",
    "issn": "SN",
    "eissn": "EI",
    "isbn": "BN",
    "journalabbreviation": "J9",
    "journalisoabbreviation": "JI",
    "publicationdate": "PD",
    "publicationyear": "PY",
    "volume": "VL",
    "issue": "IS",
    "partnumber": "PN",
    "supplement": "SU",
    "specialissue": "SI",
    "meetingabstract": "MA",
    "startpage": "BP",
    "endpage": "EP",
    "articlenumber": "AR",
    "doi": "DI",
    "doilink": "DL",
    "bookdoi": "D2",
    "earlyaccessdate": "EA",
    "numberofpages": "PG",
    "woscategories": "WC",
    "webofscienceindex": "WE",
    "researchareas": "SC",
    "idsnumber": "GA",
    "pubmedid": "PM",
    "openaccessdesignations": "OA",
    "highlycitedstatus": "HC",
    "hotpaperstatus": "HP",
    "dateofexport": "DA",
    "utuniquewosid": "UT",
    "accessionnumber": "AN",
}

_SNIFF_CHARS = 65536
_SNIFF_LINES = 200


# --------------------------------------------------------------------------- sniffing
def _head_lines(text: str) -> list[str]:
    """Return the first lines of ``text`` (cheaply, without splitting the whole file)."""
    return text[:_SNIFF_CHARS].lstrip("\ufeff").split("\n")[:_SNIFF_LINES]


def _is_tab_header(line: str) -> bool:
    """Tell whether ``line`` is the header row of a tab-delimited Web of Science file."""
    if "\t" not in line:
        return False
    cells = [cell.strip().strip('"') for cell in line.lstrip("\ufeff").split("\t")]
    cells = [cell for cell in cells if cell]
    if len(cells) < 2:
        return False
    if cells[0] == "PT" or "UT (Unique WOS ID)" in cells:
        return True
    tags = [cell for cell in cells if len(cell) == 2 and cell in _KNOWN_TAGS]
    return "UT" in tags and "TI" in tags and len(tags) >= 0.8 * len(cells)


def _is_plain(lines: list[str]) -> bool:
    """Tell whether ``lines`` (the start of a file) are a plain-text Web of Science export."""
    first = next((line for line in lines if line.strip()), "")
    if first.startswith("FN ") or first.rstrip() == "FN":
        return True
    for index, line in enumerate(lines):
        if _RIS_OR_MEDLINE.match(line):
            return False
        if _PT_LINE.match(line):
            following = next((x for x in lines[index + 1 :] if x.strip()), "")
            match = _TAG_LINE.match(following.rstrip())
            return bool(match and match.group(2) and not _RIS_OR_MEDLINE.match(following))
    return False


def sniff(text: str) -> bool:
    """Return True if ``text`` looks like a Web of Science plain-text or tab-delimited export."""
    lines = _head_lines(text)
    first = next((line for line in lines if line.strip()), "")
    return _is_tab_header(first) or _is_plain(lines)


# ---------------------------------------------------------------------------- parsing
def parse(text: str) -> tuple[list[ParsedRecord], list[ParseProblem]]:
    """Read a Web of Science export (plain text or tab-delimited).

    Returns:
        The records in file order and the records that could not be read.

    Raises:
        ImportFileError: the text is not a Web of Science export, or holds no complete
            record.
    """
    text = text.lstrip("\ufeff")
    lines = _head_lines(text)
    first = next((line for line in lines if line.strip()), "")
    if _is_tab_header(first):
        records, problems = _parse_tab(text)
    elif _is_plain(lines):
        records, problems = _parse_plain(text)
    else:
        raise ImportFileError(
            "this is not a Web of Science export (expected tagged lines 'FN …', 'PT J', "
            "'AU …' or a tab-delimited header 'PT, AU, …')"
        )
    if not records:
        if problems:
            raise ImportFileError(f"no Web of Science record could be read ({problems[0]})")
        raise ImportFileError("the file holds no Web of Science records")
    return records, problems


# ------------------------------------------------------------------------ plain text
def _parse_plain(text: str) -> tuple[list[ParsedRecord], list[ParseProblem]]:
    """Read the field-tagged plain-text flavour."""
    records: list[ParsedRecord] = []
    problems: list[ParseProblem] = []
    lines = text.split("\n")
    fields: dict[str, list[list[str]]] | None = None  # tag -> occurrences -> lines
    current: list[str] | None = None  # lines of the field being read
    start = 0  # 0-based index of the record's first line
    outside_junk_at: int | None = None  # first line of a run of text outside records
    index_in_file = 0

    def finish(end: int) -> None:
        """Turn the record from line ``start`` to ``end`` (inclusive) into a ParsedRecord."""
        nonlocal index_in_file
        assert fields is not None
        index_in_file += 1
        raw = "\n".join(lines[start : end + 1]).rstrip()
        record = _build_record(index_in_file, raw, _plain_values(fields))
        if record is None:
            problems.append(
                ParseProblem(index_in_file, start + 1, "the record has no title, author or id")
            )
        else:
            records.append(record)

    for number, line in enumerate(lines):
        stripped = line.rstrip()
        if not stripped:
            continue
        if fields is not None and line[:1] in " \t":
            # Continuation line (three spaces in real files; any indentation accepted).
            if current is not None:
                current.append(stripped.strip())
            continue
        match = _TAG_LINE.match(stripped)
        tag = match.group(1) if match else None
        value = (match.group(2) or "").strip() if match else ""
        if match is None and fields is not None and stripped[:2] in _KNOWN_TAGS:
            # "AUGilles, H": a tag that lost its space.
            tag, value = stripped[:2], stripped[2:].strip()
        if fields is None:
            # Between records: file header, end of file, or the start of a record.
            if tag in {"FN", "VR", "EF"} or tag == "ER":
                outside_junk_at = None
                continue
            if tag is not None and (tag == "PT" or value):
                fields, current, start = {}, None, number
                fields.setdefault(tag, []).append(current := [value] if value else [])
                outside_junk_at = None
                continue
            if outside_junk_at is None:
                outside_junk_at = number
                problems.append(
                    ParseProblem(None, number + 1, f"text outside any record ignored: {_cut(line)}")
                )
            continue
        if tag == "ER":
            finish(number)
            fields, current = None, None
            continue
        if tag == "EF" or (tag == "PT" and fields):
            # A new record (or the end of the file) before ER: close the record here.
            finish(number - 1)
            fields, current = None, None
            if tag == "PT":
                fields, start = {}, number
                fields.setdefault(tag, []).append(current := [value] if value else [])
            continue
        if tag is None:
            # Not a field line: keep it with the field above (lenient continuation).
            if current is not None:
                current.append(stripped.strip())
            continue
        fields.setdefault(tag, []).append(current := [value] if value else [])
    if fields is not None:
        index_in_file += 1
        problems.append(
            ParseProblem(
                index_in_file,
                start + 1,
                "the record has no ER line: the file ends inside it (it may be cut off)",
            )
        )
    return records, problems


def _cut(line: str, width: int = 60) -> str:
    """Return ``line`` shortened for a message."""
    line = line.strip()
    return line if len(line) <= width else line[: width - 1] + "…"


def _plain_values(fields: dict[str, list[list[str]]]) -> dict[str, list[str]]:
    """Turn plain-text field lines into values: one per line for list tags, else joined."""
    values: dict[str, list[str]] = {}
    for tag, occurrences in fields.items():
        out: list[str] = []
        for lines in occurrences:
            if tag in _NAME_TAGS:
                for line in lines:
                    out.extend(part for part in line.split(";"))
            elif tag in _LIST_TAGS:
                out.extend(lines)
            else:
                out.append(" ".join(lines))
        values[tag] = [v for v in (clean_text(x) for x in out) if v]
    return values


# --------------------------------------------------------------------- tab-delimited
def _column_tag(name: str) -> str:
    """Return the tag for a header cell (``AU`` or a long name such as ``Article Title``)."""
    name = name.strip().strip('"')
    if len(name) == 2 and name.isupper():
        return name
    folded = re.sub(r"[^0-9a-z]+", "", name.casefold())
    return _FULL_NAMES.get(folded, name)


def _parse_tab(text: str) -> tuple[list[ParsedRecord], list[ParseProblem]]:
    """Read the tab-delimited flavour (one record a line, no quoting)."""
    records: list[ParsedRecord] = []
    problems: list[ParseProblem] = []
    lines = text.split("\n")
    header_at = next(number for number, line in enumerate(lines) if line.strip())
    header = [_column_tag(cell) for cell in lines[header_at].split("\t")]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    index_in_file = 0
    for number in range(header_at + 1, len(lines)):
        line = lines[number]
        if not line.strip():
            continue
        index_in_file += 1
        cells = line.split("\t")
        if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
            cells = cells[:width]  # trailing tab(s)
        if len(cells) != width:
            problems.append(
                ParseProblem(
                    index_in_file,
                    number + 1,
                    f"the row has {len(cells)} cells but the header has {width} "
                    "(a line break or tab inside a field, or a cut-off file)",
                )
            )
            continue
        values: dict[str, list[str]] = {}
        for tag, cell in zip(header, cells, strict=True):
            cell = cell.strip()
            if not cell or not tag:
                continue
            parts = cell.split(";") if tag in _NAME_TAGS else [cell]
            values.setdefault(tag, []).extend(v for v in (clean_text(p) for p in parts) if v)
        record = _build_record(index_in_file, line, values)
        if record is None:
            problems.append(
                ParseProblem(index_in_file, number + 1, "the row has no title, author or id")
            )
        else:
            records.append(record)
    return records, problems


# ----------------------------------------------------------------- building records
_EMAIL_IN_NAME = re.compile(r"\s*\([^()]*@[^()]*\)")
_DOC_TYPES = {"J": "Journal", "B": "Book", "S": "Series", "P": "Patent", "C": "Conference"}


def _first(values: dict[str, list[str]], *tags: str) -> tuple[str | None, str | None]:
    """Return ``(value, tag)`` for the first of ``tags`` that has a value."""
    for tag in tags:
        for value in values.get(tag, ()):
            if value:
                return value, tag
    return None, None


def _names(values: dict[str, list[str]], tag: str) -> list[str]:
    """Return the people named under ``tag`` (e-mail addresses in brackets removed)."""
    names = []
    for value in values.get(tag, ()):
        name = clean_text(_EMAIL_IN_NAME.sub("", value))
        if name:
            names.append(name)
    return names


def _keywords(values: dict[str, list[str]], *tags: str) -> list[str]:
    """Return the "; "-separated keywords of ``tags``."""
    out: list[str] = []
    for tag in tags:
        for value in values.get(tag, ()):
            out.extend(part.strip() for part in value.split(";"))
    return out


def _build_record(index: int, raw: str, values: dict[str, list[str]]) -> ParsedRecord | None:
    """Map a record's tag values onto a ParsedRecord; ``None`` if it holds nothing useful."""
    used: set[str] = set()

    def take(*tags: str) -> str | None:
        value, tag = _first(values, *tags)
        if tag:
            used.add(tag)
        return value

    title = take("TI")
    authors: list[str] = []
    for tag in ("AF", "AU", "BF", "BA"):
        authors = _names(values, tag)
        if authors:
            used.add(tag)
            break
    group = _names(values, "CA")
    if group:
        used.add("CA")
    journal = take("SO", "SE")
    abbrev = take("JI", "J9")
    year_text = take("PY")
    year = normalize_year(year_text)
    if year is None:
        for tag in ("EA", "PD"):
            year = normalize_year(_first(values, tag)[0])
            if year is not None:
                break
    begin, end = take("BP"), take("EP")
    if begin:
        pages = normalize_pages(begin, end)
    else:
        article = take("AR")
        # "UNSP 1722034": WoS marks article numbers it could not classify.
        pages = re.sub(r"^UNSP\s+", "", article) if article else normalize_pages(take("PS"))
    # A DOI is short: looking at the first characters keeps a hostile 10 MB DI line cheap.
    doi = normalize_doi((take("DI") or "")[:2000]) or normalize_doi(
        (_first(values, "DL")[0] or "")[:2000]
    )
    pmid = normalize_pmid(take("PM"))
    keywords = _keywords(values, "DE", "ID")
    used.update(tag for tag in ("DE", "ID") if tag in values)
    issns = [v for v in (take("SN"), take("EI")) if v]
    source_id = take("UT") or take("AN")
    if pmid is None and source_id and source_id.upper().startswith("MEDLINE:"):
        pmid = normalize_pmid(source_id[8:])  # MEDLINE records on the WoS platform
    doc_type = take("DT")
    if not doc_type:
        code = _first(values, "PT")[0]
        doc_type = _DOC_TYPES.get(code or "", code)
    abstract = take("AB")
    volume, issue, language = take("VL"), take("IS"), take("LA")
    if not (title or authors or group or doi or pmid or source_id):
        return None
    extra = {tag: list(vals) for tag, vals in values.items() if tag not in used and vals}
    return ParsedRecord(
        source_index=index,
        raw=raw,
        source_id=source_id,
        title=title,
        authors=unique(authors + group),
        abstract=abstract,
        journal=journal,
        journal_abbrev=abbrev,
        year=year,
        volume=volume,
        issue=issue,
        pages=pages,
        doi=doi,
        pmid=pmid,
        keywords=unique(keywords),
        language=language,
        publication_type=doc_type,
        issn="; ".join(unique(issns)) or None,
        url=None,
        extra=extra,
    )
