"""Tables of records: Scopus CSV and CSV/TSV files from other databases and tools.

One row per record under a header row. The columns are recognised by name
(:data:`HEADER_ALIASES`, case, spacing and punctuation ignored): Scopus ("Authors",
"Author full names", "Source title", "Art. No.", "EID"…), Zotero ("Key", "Item Type",
"Publication Year", "Abstract Note", "Manual Tags"…), Embase, PubMed, Cochrane CENTRAL,
CINAHL, IEEE Xplore, Springer Link, Lens, OpenAlex, Covidence, Rayyan, RefWorks, Web of
Science (long column names) and the lower-case columns of ASReview and data-frame dumps.
When the columns cannot be guessed, the caller lets the user choose them and calls
:func:`parse_with_mapping`.

The delimiter is one of comma, semicolon (Excel in many European locales) and tab; cells
may be quoted and hold line breaks. A few lines before the header (Embase puts the search
query there) are skipped.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import sys
from collections.abc import Callable, Iterator

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
from cerdesk.importers.decode import normalize_newlines
from cerdesk.importers.errors import ImportFileError

NAME = "csv"
LABEL = "CSV (Scopus or other)"

# A 10 MB abstract (or a whole file in one cell) must not stop the reader; the limit is
# global to the csv module and only ever raised here.
_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)
if csv.field_size_limit() < _FIELD_LIMIT:
    csv.field_size_limit(_FIELD_LIMIT)

#: Fields a column can be mapped to: the ParsedRecord columns plus the two halves of a
#: page range (Scopus "Page start"/"Page end").
FIELDS = (
    "title",
    "authors",
    "abstract",
    "journal",
    "journal_abbrev",
    "year",
    "volume",
    "issue",
    "pages",
    "start_page",
    "end_page",
    "doi",
    "pmid",
    "keywords",
    "language",
    "publication_type",
    "issn",
    "url",
    "source_id",
)

_ALIASES_BY_FIELD: dict[str, tuple[str, ...]] = {
    # Within a field, earlier names win when a row fills several of them.
    "title": (
        "Title",
        "Article Title",
        "Document Title",
        "Item Title",
        "Title Primary",
        "Primary Title",
        "TI",
        "display_name",
    ),
    "authors": (
        "Author full names",
        "Author Full Names",
        "Authors",
        "Author",
        "Author(s)",
        "Author/s",
        "Author Names",
        "Authors, Primary",
        "authorships.author.display_name",
        "authorships.raw_author_name",
        "AF",
        "AU",
        "First Author",
    ),
    "abstract": ("Abstract", "Abstract Note", "AB"),
    "journal": (
        "Source title",
        "Publication Title",
        "Journal",
        "Journal Title",
        "Journal/Book",
        "Periodical Full",
        "Secondary Title",
        "PublicationName",
        "Publication",
        "primary_location.source.display_name",
        "SO",
        "booktitle",
        "Source",
    ),
    "journal_abbrev": (
        "Abbreviated Source Title",
        "Journal ISO Abbreviation",
        "Journal Abbreviation",
        "Periodical Abbrev",
        "ISO Abbreviation",
        "JI",
        "J9",
    ),
    "year": (
        "Year",
        "Publication Year",
        "Published Year",
        "Pub Year",
        "Year Published",
        "PY",
        "Date Published",
        "Publication Date",
        "Date of Publication",
        "Date",
    ),
    "volume": ("Volume", "Journal Volume", "biblio.volume", "VL"),
    "issue": ("Issue", "Issue Number", "Journal Issue", "Number", "biblio.issue", "IS"),
    "start_page": ("Page start", "Start Page", "First Page", "biblio.first_page", "BP"),
    "end_page": ("Page end", "End Page", "Last Page", "biblio.last_page", "Other Pages", "EP"),
    "pages": ("Pages", "Page", "Art. No.", "Article Number", "AR"),
    "doi": ("DOI", "Item DOI", "DI", "ids.doi", "DOI Link"),
    "pmid": ("PubMed ID", "PMID", "Pubmed Id", "Medline PMID", "pubmed_id", "PM"),
    "keywords": (
        "Author Keywords",
        "Index Keywords",
        "Keywords",
        "Keywords Plus",
        "Manual Tags",
        "Automatic Tags",
        "MeSH Terms",
        "Mesh_Terms",
        "Subjects",
        "Subject Headings",
        "keywords.display_name",
        "IEEE Terms",
        "INSPEC Controlled Terms",
        "Emtree Medical Index Terms",
        "Emtree Drug Index Terms",
        "DE",
    ),
    "language": ("Language of Original Document", "Language", "Article Language", "LA"),
    "publication_type": (
        "Document Type",
        "Item Type",
        "Publication Type",
        "Reference Type",
        "Doctype",
        "Content Type",
        "ENTRYTYPE",
        "type",
        "DT",
    ),
    "issn": ("ISSN", "ISSNs", "eISSN", "ISSN/ISBN", "primary_location.source.issn", "SN"),
    "url": (
        "URL",
        "Link",
        "Links",
        "Full Text Link",
        "PDF Link",
        "Source URLs",
        "External URL",
        "PLink",
        "primary_location.landing_page_url",
    ),
    "source_id": (
        "EID",
        "UT (Unique WOS ID)",
        "UT",
        "Key",
        "ID",
        "Lens ID",
        "CENTRAL ID",
        "Embase Accession ID",
        "PUI",
        "Accession Number",
        "Covidence #",
        "Reference Id",
        "record_id",
        "(internal) id",
        "CustomId",
        "AN",
    ),
}


def fold_header(name: str) -> str:
    """Return a column name without case, spacing and punctuation (``"Art. No."`` → ``artno``)."""
    return re.sub(r"[^0-9a-z]+", "", name.replace("\ufeff", "").casefold())


#: Known column names (folded with :func:`fold_header`) → field; earlier entries of a field
#: win when a row fills several of its columns.
HEADER_ALIASES: dict[str, str] = {
    fold_header(alias): field for field, aliases in _ALIASES_BY_FIELD.items() for alias in aliases
}
_RANK = {alias: rank for rank, alias in enumerate(HEADER_ALIASES)}
#: Fields of which one column is enough to call a line a bibliographic header.
_CORE_FIELDS = frozenset({"title", "authors", "doi", "year", "pmid", "abstract"})

_DELIMITERS = (",", "\t", ";")
_HEADER_SEARCH_ROWS = 12
_HEAD_CHARS = 65536
_MAX_ID_TEXT = 2000  # a DOI is looked for in a cell's first characters only
_CHECK_ROWS = 5  # rows read after a header candidate to judge the delimiter
_MAX_HEADER_CELL = 120  # longer cells are data, not column names
_EMPTY_VALUES = frozenset({"", "na", "nan", "none", "null", "n/a", "#n/a"})


# ----------------------------------------------------------------------- mapping
def _clean_header(cell: str) -> str:
    """Return a header cell without BOM and surrounding space."""
    return cell.replace("\ufeff", "").strip()


def guess_mapping(header: list[str]) -> dict[str, str]:
    """Return ``{column name: field}`` for the columns of ``header`` with a known name.

    Fields are those of :data:`FIELDS`. Several columns may map to the same field
    (``Author Keywords`` and ``Index Keywords`` both give keywords).
    """
    mapping: dict[str, str] = {}
    for cell in header:
        name = _clean_header(cell)
        field = HEADER_ALIASES.get(fold_header(name))
        if name and field and name not in mapping:
            mapping[name] = field
    return mapping


def _alias_score(cells: list[str]) -> int:
    """Score a row as a bibliographic header: the number of known column names in it.

    Two-letter tags (``TI``, ``AB``, ``PM``…) do not count (they are also initials in
    author lists), nor do rows with long cells; one known name is enough only if it names
    a core field and at least half of the cells are known.
    """
    filled = [cell for cell in cells if cell]
    if len(filled) < 2 or any(len(cell) > _MAX_HEADER_CELL for cell in filled):
        return 0
    known = [
        HEADER_ALIASES[f] for f in map(fold_header, filled) if len(f) > 2 and f in HEADER_ALIASES
    ]
    if not _CORE_FIELDS.intersection(known):
        return 0
    return len(known) if len(known) >= 2 or 2 * len(known) >= len(filled) else 0


# ----------------------------------------------------------------------- sniffing
class _Header:
    """Where the header row is: delimiter, rows before it, and its cells."""

    def __init__(self, delimiter: str, skip: int, cells: list[str], score: int) -> None:
        self.delimiter = delimiter
        self.skip = skip
        self.cells = cells
        self.score = score


def _locate_header(text: str, score: Callable[[list[str]], int]) -> _Header | None:
    """Find the header among the first rows, trying each delimiter.

    The best header names the most known columns; ties go to the delimiter that splits
    the next rows into as many cells as the header, then to the one giving more cells.
    """
    head = text[:_HEAD_CHARS]
    best: tuple[tuple[int, int, int], _Header] | None = None
    for delimiter in _DELIMITERS:
        if delimiter != "," and delimiter not in head:
            continue
        reader = csv.reader(io.StringIO(head), delimiter=delimiter, skipinitialspace=True)
        try:
            for skip in range(_HEADER_SEARCH_ROWS):
                cells = [_clean_header(cell) for cell in next(reader)]
                points = score(cells)
                if points > 0:
                    following = list(itertools.islice(reader, _CHECK_ROWS))
                    fits = sum(1 for row in following if len(row) in (0, len(cells)))
                    key = (points, fits, len(cells))
                    if best is None or key > best[0]:
                        best = (key, _Header(delimiter, skip, cells, points))
                    break
                if sum(1 for cell in cells if cell) > 2:
                    break  # a data row: lines before a header hold one or two notes at most
        except (StopIteration, csv.Error):
            pass
    return best[1] if best else None


def sniff(text: str) -> bool:
    """Return True if one of the first rows is a header naming a title, author, DOI or year.

    Tried after every other format: a CSV header is easy to match by accident.
    """
    return _locate_header(normalize_newlines(text[:_HEAD_CHARS]), _alias_score) is not None


def read_header(text: str) -> list[str]:
    """Return the column names of a table, for letting the user choose a mapping.

    The header row is the one :func:`parse` would use; failing that, the first non-empty
    row (with the delimiter that splits it into most cells). Empty if there is none.
    """
    text = normalize_newlines(text[:_HEAD_CHARS])
    header = _locate_header(text, _alias_score) or _locate_header(
        text, lambda cells: sum(1 for cell in cells if cell)
    )
    if header is None:
        return []
    cells = list(header.cells)
    while cells and not cells[-1]:
        cells.pop()
    return cells


# ------------------------------------------------------------------------ parsing
def parse(text: str) -> tuple[list[ParsedRecord], list[ParseProblem]]:
    """Read a table whose columns are recognised by name (see :func:`guess_mapping`).

    Raises:
        ImportFileError: no header row with known column names, no title column (the
            caller should let the user choose the columns and call
            :func:`parse_with_mapping`), or no readable row.
    """
    text = normalize_newlines(text)
    header = _locate_header(text, _alias_score)
    if header is None:
        raise ImportFileError(
            "no header row naming the columns (Title, Authors, DOI, Year…) was found"
        )
    mapping = guess_mapping(header.cells)
    if "title" not in mapping.values():
        raise ImportFileError("no title column found; choose the columns with a mapping")
    return _read_rows(text, header, mapping)


def parse_with_mapping(
    text: str, mapping: dict[str, str]
) -> tuple[list[ParsedRecord], list[ParseProblem]]:
    """Read a table with the columns the user chose.

    Args:
        text: The file's text.
        mapping: ``{column name as in the header: field}``; fields are those of
            :data:`FIELDS` (``""`` or ``"ignore"`` skips a column). Columns left out are
            kept in each record's ``extra``.

    Raises:
        ImportFileError: an unknown field, a column the header lacks, or no readable row.
    """
    chosen = {
        _clean_header(column): field
        for column, field in mapping.items()
        if field not in ("", "ignore")
    }
    unknown = sorted({field for field in chosen.values() if field not in FIELDS})
    if unknown:
        raise ImportFileError(f"unknown field(s) {', '.join(unknown)}; fields are {FIELDS}")
    if not chosen:
        raise ImportFileError("no column was chosen")
    text = normalize_newlines(text)
    wanted = {fold_header(column) for column in chosen}

    def score(cells: list[str]) -> int:
        return sum(1 for cell in cells if cell in chosen or fold_header(cell) in wanted)

    header = _locate_header(text, score)
    if header is None:
        raise ImportFileError(
            f"the chosen columns ({', '.join(chosen)}) are not in the file's first rows"
        )
    missing = [
        column
        for column in chosen
        if column not in header.cells
        and fold_header(column) not in {fold_header(c) for c in header.cells}
    ]
    if missing:
        raise ImportFileError(f"the file has no column {', '.join(map(repr, missing))}")
    return _read_rows(text, header, chosen)


def _column_plan(cells: list[str], mapping: dict[str, str]) -> dict[str, list[int]]:
    """Return ``{field: column indexes}``, best column first (known names by alias rank)."""
    folded_mapping = {fold_header(column): field for column, field in mapping.items()}
    plan: dict[str, list[tuple[int, int]]] = {}
    taken: set[str] = set()
    for index, cell in enumerate(cells):
        if cell in taken:
            continue  # a repeated column name: the first one is used
        field = mapping.get(cell) or folded_mapping.get(fold_header(cell))
        if field is None:
            continue
        taken.add(cell)
        rank = _RANK.get(fold_header(cell), len(_RANK))
        plan.setdefault(field, []).append((rank, index))
    return {field: [index for _, index in sorted(pairs)] for field, pairs in plan.items()}


def _lines(text: str, captured: list[str]) -> Iterator[str]:
    """Yield the lines of ``text`` (with their ``\\n``), remembering them in ``captured``."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start)
        end = size if end < 0 else end + 1
        line = text[start:end]
        captured.append(line)
        yield line
        start = end


def _read_rows(
    text: str, header: _Header, mapping: dict[str, str]
) -> tuple[list[ParsedRecord], list[ParseProblem]]:
    """Read the data rows under ``header`` into records (and problems)."""
    cells = list(header.cells)
    while cells and not cells[-1]:
        cells.pop()  # Excel's trailing empty header cells
    width = len(cells)
    plan = _column_plan(cells, mapping)
    mapped = {index for indexes in plan.values() for index in indexes}
    records: list[ParsedRecord] = []
    problems: list[ParseProblem] = []
    captured: list[str] = []
    reader = csv.reader(_lines(text, captured), delimiter=header.delimiter, skipinitialspace=True)
    line_number = 1  # first physical line of the next row
    consumed = 0  # characters of text read so far
    row_number = 0
    index = 0
    while True:
        try:
            row = next(reader)
            error = None
        except StopIteration:
            break
        except csv.Error as err:
            row, error = None, str(err)
        raw = "".join(captured)
        captured.clear()
        consumed += len(raw)
        first_line = line_number
        line_number += raw.count("\n") or 1
        row_number += 1
        if row_number <= header.skip + 1:
            continue  # lines before the header, and the header
        if row is not None and not any(cell.strip() for cell in row):
            continue  # blank line
        index += 1
        raw = raw.removesuffix("\n")
        if consumed >= len(text) and _unclosed_quote(raw, header.delimiter):
            problem: str | None = (
                "a quoted cell is never closed: the rest of the file "
                f"({raw.count(chr(10)) + 1} lines) was read into it"
            )
        else:
            problem = _row_problem(row, error, raw, width)
        if problem is not None or row is None:
            problems.append(ParseProblem(index, first_line, problem or "unreadable row"))
            continue
        row = row[:width] + [""] * (width - len(row))
        record = _build_record(index, raw, row, cells, plan, mapped)
        if record is None:
            problems.append(
                ParseProblem(index, first_line, "the row has no value in the mapped columns")
            )
        else:
            records.append(record)
    if not records:
        if problems:
            raise ImportFileError(f"no row could be read ({problems[0]})")
        raise ImportFileError("the table has a header but no rows")
    return records, problems


def _unclosed_quote(raw: str, delimiter: str) -> bool:
    """Tell whether the last row of a file runs to its end inside a quoted cell."""
    if '"' not in raw:
        return False
    reader = csv.reader(io.StringIO(raw), delimiter=delimiter, skipinitialspace=True, strict=True)
    try:
        for _ in reader:
            pass
    except csv.Error as err:
        return "unexpected end of data" in str(err)
    return False


def _row_problem(row: list[str] | None, error: str | None, raw: str, width: int) -> str | None:
    """Say why a row cannot be read, or return ``None``."""
    if row is None:
        return f"the row cannot be read as CSV ({error})"
    if len(row) == 1 and width >= 2:
        return f"the line is not a table row (no delimiter): {_cut(raw)}"
    if len(row) > width and any(cell.strip() for cell in row[width:]):
        return (
            f"the row has {len(row)} cells but the header has {width} "
            "(an unquoted delimiter in a cell, or rows from a file with other columns)"
        )
    return None


def _cut(text: str, width: int = 60) -> str:
    """Return ``text`` on one line, shortened for a message."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# ------------------------------------------------------------------ values
def _cell(value: str) -> str | None:
    """Return a cell's value on one line, without Excel's ``="…"`` guard and NA markers."""
    text = clean_text(value) or ""
    if text.startswith('="') and text.endswith('"') and len(text) >= 3:
        text = text[2:-1].strip()
    return None if text.casefold() in _EMPTY_VALUES else text


_TRAILING_INITIALS = re.compile(r"(?P<family>[^\s,][^,]*?)\s+(?P<given>(?:[A-Z]\.?[\s-]?){1,4})")
_LEADING_INITIALS = re.compile(r"(?P<given>(?:[A-Z]\.[\s-]?|[A-Z]\s)+)\s*(?P<family>[^\s.].*)")
_ET_AL = re.compile(r"et\.? al\.?", re.IGNORECASE)
_SCOPUS_AUTHOR_ID = re.compile(r"\s*\(\d+\)\s*$")
_EMAIL = re.compile(r"\s*\([^()]*@[^()]*\)")


def _is_initials_name(part: str) -> bool:
    """Tell whether ``part`` is "Family I.J." or "I.J. Family"."""
    part = part.strip()
    return bool(_TRAILING_INITIALS.fullmatch(part) or _LEADING_INITIALS.fullmatch(part))


def split_authors(value: str | None) -> list[str]:
    """Split an authors cell into names, as "Family, Given" where the cell allows.

    Handles "Family, Given; Family2, Given2" (Zotero, Scopus full names, CINAHL…),
    "Family A.B., Family2 C." (Scopus, Embase), "Family AB, Family2 C" (PubMed),
    "A. Family; B. Family2" (IEEE), "Family, A. and Family2, B." (BibTeX, Rayyan) and
    "|"-separated lists (OpenAlex). Scopus author ids "(57216…)" and e-mails in brackets
    are dropped; "Given Family" names without initials are kept as written.
    """
    text = (value or "").strip()
    if not text:
        return []
    if ";" in text:
        parts = text.split(";")
    elif "|" in text:
        parts = text.split("|")
    elif re.search(r"\s+and\s+", text):
        parts = re.split(r"\s+and\s+", text)
    elif "," in text:
        pieces = [piece.strip() for piece in text.split(",")]
        pieces = [piece for piece in pieces if piece and not _ET_AL.fullmatch(piece)]
        if all(_is_initials_name(piece) for piece in pieces):
            parts = pieces  # "Family A.B., Family2 C." (one piece is one name)
        elif len(pieces) % 2 == 0:
            # "Family, Given, Family2, Given2"
            parts = [f"{a}, {b}" for a, b in zip(pieces[0::2], pieces[1::2], strict=True)]
        else:
            parts = pieces
    else:
        parts = _split_run_together(text)
    names = (_author_name(part) for part in parts)
    return [name for name in names if name and not _ET_AL.fullmatch(name)]


_CASE_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _split_run_together(text: str) -> list[str]:
    """Split names written without separators ("Vivek K. PallipuramMohammad Bhuiyan").

    Springer Link CSVs glue "Given Family" names together. A lower-case letter followed
    by a capital ends a name only when the text on both sides holds a space, so
    "John McDonald" stays whole.
    """
    pieces = _CASE_BOUNDARY.split(text)
    if len(pieces) == 1:
        return pieces
    names: list[str] = []
    current, spaced = [pieces[0]], " " in pieces[0]
    for piece in pieces[1:]:
        if spaced and " " in piece.strip():
            names.append("".join(current))
            current, spaced = [piece], True
        else:
            current.append(piece)
            spaced = spaced or " " in piece
    names.append("".join(current))
    return names


def _initials(given: str) -> str:
    """Return initials without the full stop that ends a PubMed author list ("RE." → "RE")."""
    given = given.strip()
    if given.endswith(".") and given.count(".") == 1 and len(given) > 2:
        return given[:-1]
    return given


def _author_name(part: str) -> str | None:
    """Return one author as "Family, Given" where its form allows."""
    # White space is collapsed first: the patterns below start with \s*, which is slow
    # on long runs of spaces.
    text = clean_text(part) or ""
    text = clean_text(_EMAIL.sub("", _SCOPUS_AUTHOR_ID.sub("", text)).strip(" ,;"))
    if not text:
        return None
    if "," in text:
        family, given = (piece.strip() for piece in text.split(",", 1))
        if given.casefold() in _EMPTY_VALUES:
            return family or None
        return f"{family}, {given}" if family else given
    match = _TRAILING_INITIALS.fullmatch(text)
    if match:
        return f"{match['family']}, {_initials(match['given'])}"
    match = _LEADING_INITIALS.fullmatch(text)
    if match:
        return f"{match['family']}, {match['given'].strip()}"
    return text


def _split_keywords(value: str) -> list[str]:
    """Split a keywords cell on ";" or "|", else on commas outside brackets."""
    if ";" in value or "|" in value:
        return re.split(r"[;|]", value)
    if "," not in value:
        return [value]
    parts: list[str] = []
    depth = start = 0
    for mark in re.finditer(r"[(),]", value):
        if mark.group() == "(":
            depth += 1
        elif mark.group() == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(value[start : mark.start()])
            start = mark.end()
    parts.append(value[start:])
    return parts


_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_DOI_LINK = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/", re.IGNORECASE)
_PUBMED_LINK = re.compile(r"(?:ncbi\.nlm\.nih\.gov/pubmed/|pubmed\.ncbi\.nlm\.nih\.gov/)(\d+)")
# Embase "Source": "Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication: 2014".
_EMBASE_SOURCE = re.compile(
    r"(?P<journal>.+?) \((?P<year>\d{4})\)(?: (?P<volume>[^:\s(]+))?(?::(?P<issue>[^\s(]+))?"
    r"(?: \((?P<pages>[^)]*)\))?"
)


def _build_record(
    index: int,
    raw: str,
    row: list[str],
    header: list[str],
    plan: dict[str, list[int]],
    mapped: set[int],
) -> ParsedRecord | None:
    """Turn one row into a ParsedRecord; ``None`` if every mapped cell is empty."""

    def values(field: str) -> list[str]:
        found = (_cell(row[i]) for i in plan.get(field, ()))
        return [value for value in found if value]

    def first(field: str) -> str | None:
        found = values(field)
        return clean_text(found[0]) if found else None

    if not any(_cell(row[i]) for i in mapped):
        return None
    authors: list[str] = []
    for value in values("authors"):
        authors = split_authors(value)
        if authors:
            break
    keywords = [kw for value in values("keywords") for kw in _split_keywords(value)]
    journal = first("journal")
    cited = _EMBASE_SOURCE.match(journal) if journal else None
    if cited:
        journal = cited["journal"]
    year = next((y for y in map(normalize_year, values("year")) if y), None)
    start, end = first("start_page"), first("end_page")
    if start:
        pages = normalize_pages(start, end)
    else:
        pages = next((p for p in map(normalize_pages, values("pages")) if p), None)
    doi = next((d for d in (normalize_doi(v[:_MAX_ID_TEXT]) for v in values("doi")) if d), None)
    pmid = next((p for p in map(normalize_pmid, values("pmid")) if p and p != "0"), None)
    url = None
    for value in values("url"):
        for link in _URL.findall(value):
            if pmid is None and (found := _PUBMED_LINK.search(link)):
                pmid = found.group(1)
            if url is None and not _DOI_LINK.match(link):
                url = link.rstrip(".,;")
    issn = first("issn")
    extra: dict[str, list[str]] = {}
    for position, cell in enumerate(row):
        if position not in mapped and cell.strip():
            extra.setdefault(header[position] or f"column {position + 1}", []).append(cell)
    return ParsedRecord(
        source_index=index,
        raw=raw,
        source_id=first("source_id"),
        title=first("title"),
        authors=unique(authors),
        abstract=first("abstract"),
        journal=journal,
        journal_abbrev=first("journal_abbrev"),
        year=year or (int(cited["year"]) if cited else None),
        volume=first("volume") or (cited["volume"] if cited else None),
        issue=first("issue") or (cited["issue"] if cited else None),
        pages=pages or (normalize_pages(cited["pages"]) if cited else None),
        doi=doi,
        pmid=pmid,
        keywords=unique(keywords),
        language=first("language"),
        publication_type=first("publication_type"),
        issn=issn.replace("|", "; ") if issn else None,
        url=url,
        extra=extra,
    )
