"""BibTeX (and biblatex) exports: Scopus, Web of Science, Zotero, JabRef, Mendeley, dblp…

Splitting the file into entries, ``@string`` macros and the removal of the outer ``{…}``
or ``"…"`` of values is :mod:`bibtexparser` (v2); author lists are split with its
BibTeX-compatible name functions (``and`` outside braces separates people; "First von
Last", "von Last, First" and "von Last, Jr, First" become "von Last, First[, Jr]").

LaTeX in values is turned into plain text by :func:`latex_to_text`, a table-driven
decoder of what exports contain (accents such as ``{\\"u}`` or ``\\'{e}``, escapes such
as ``\\&`` ``\\%`` ``\\_``, symbols such as ``{\\textless}``, ``$\\alpha$`` math, protective
braces). It is linear in the text. pylatexenc (behind bibtexparser's
``LatexDecodingMiddleware``) was measured at about 5 µs per character (10 ms per
abstract, 5 s for a 1 MB value) and treats an unescaped ``%`` — common in Scopus
abstracts and URLs — as a comment that swallows the rest of the line.

Entries bibtexparser cannot read become problems with their line; entries with a
duplicate key (``DuplicateBlockKeyBlock``) or a repeated field (Scopus repeats
``funding_details``) are read as normal records.
"""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares import default_parse_stack
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import Block, Entry, ParsingFailedBlock

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

NAME = "bibtex"
LABEL = "BibTeX"

log = logging.getLogger(__name__)

_ENTRY_START = re.compile(r"^\s*@\w+\s*[{(]", re.MULTILINE)
_KEYLESS = re.compile(
    r"^([ \t]*@(?!(?i:string|comment|preamble)\b)[A-Za-z]\w*[ \t]*\{)(?=\s*[A-Za-z][\w-]*\s*=)",
    re.MULTILINE,
)
_KEYLESS_RAW = re.compile(r"^(\s*@\w+\s*\{),")
#: Sniffing looks at the first megabyte (room for a long @preamble or comment header).
_SNIFF_CHARS = 1 << 20

#: Fields read into columns; every other field is kept in ``extra``.
_TITLE = ("title",)
_JOURNAL = ("journal", "journaltitle", "booktitle")
_ABBREV = ("journal-iso", "abbrev_source_title", "shortjournal", "journalabbrev", "journal_abbrev")
_ISSUE = ("number", "issue")
_PAGES = ("pages",)
_ARTICLE_NUMBER = ("article-number", "art_number", "articleno", "eid")
_KEYWORDS = ("author_keywords", "keywords", "keywords-plus", "mesh", "mesh_headings")
_ISSN = ("issn", "eissn")
_MAPPED = frozenset(
    {
        *_TITLE,
        *_JOURNAL,
        *_ABBREV,
        *_ISSUE,
        *_PAGES,
        *_KEYWORDS,
        *_ISSN,
        "author",
        "year",
        "date",
        "volume",
        "doi",
        "pmid",
        "abstract",
        "language",
        "url",
    }
)


def sniff(text: str) -> bool:
    """Tell whether ``text`` looks like BibTeX (a line starting ``@type{`` or ``@type(``)."""
    return _ENTRY_START.search(text, 0, _SNIFF_CHARS) is not None


def parse(text: str) -> tuple[list[ParsedRecord], list[ParseProblem]]:
    """Read the entries of a BibTeX file.

    Raises:
        ImportFileError: the text has no ``@type{`` entry at all, or not one readable entry
            nor a broken one.
    """
    if not _ENTRY_START.search(text):
        raise ImportFileError("this is not BibTeX (no line starts an entry such as @article{)")
    # ProQuest writes entries without a key ("@misc{\nauthor=…"), which BibTeX cannot
    # read; an empty key (a comma, on the same line) makes them readable.
    text, keyless = _KEYLESS.subn(r"\1,", text)
    try:
        with _quiet_splitter():
            library = bibtexparser.parse_string(text)
    except Exception as err:  # a third-party parser: never let its bugs escape as crashes
        log.warning("bibtexparser failed", exc_info=True)
        raise ImportFileError(f"the BibTeX could not be read ({err})") from err
    records: list[ParsedRecord] = []
    problems: list[ParseProblem] = []
    macros = {
        key.lower(): string.value
        for key, string in library.strings_dict.items()
        if isinstance(string.value, str)
    }
    index = 0
    for block in library.blocks:
        entry = _entry_of(block, library)
        if entry is None:
            if isinstance(block, ParsingFailedBlock) and _looks_like_entry(block):
                index += 1
                problems.append(_problem(block, index))
            continue
        index += 1
        record = _record(entry, index, macros, keyless > 0)
        if record is None:
            problems.append(
                ParseProblem(
                    index,
                    _line(entry),
                    f"entry {entry.key!r} has no title, authors, journal or identifier; "
                    "it was skipped",
                )
            )
        else:
            records.append(record)
    if not records and not problems:
        raise ImportFileError("the file holds no BibTeX entries (only comments or @string)")
    return records, problems


@contextmanager
def _quiet_splitter() -> Iterator[None]:
    """Silence bibtexparser's per-block warnings: broken entries become our problems."""
    splitter_log = logging.getLogger("bibtexparser.splitter")

    def drop(record: logging.LogRecord) -> bool:
        return False

    # A filter of our own (not a changed level) so that parses in parallel threads
    # cannot leave the logger silenced.
    splitter_log.addFilter(drop)
    try:
        yield
    finally:
        splitter_log.removeFilter(drop)


def _entry_of(block: Block, library: Library) -> Entry | None:
    """Return the entry of a block, including entries bibtexparser flagged but read."""
    if isinstance(block, Entry):
        return block
    if isinstance(block, ParsingFailedBlock) and isinstance(block.ignore_error_block, Entry):
        # Duplicate keys, repeated fields: the entry itself is fine, but bibtexparser
        # skipped its middlewares (enclosing braces, @string macros); apply them here.
        rescued = Library(blocks=[*library.strings, block.ignore_error_block])
        try:
            for middleware in default_parse_stack(allow_inplace_modification=True):
                rescued = middleware.transform(rescued)
        except Exception:  # a third-party parser: fall back to the entry as split
            log.warning("bibtexparser middleware failed on a rescued entry", exc_info=True)
            return block.ignore_error_block
        return next(iter(rescued.entries), None) or block.ignore_error_block
    return None


def _looks_like_entry(block: Block) -> bool:
    head = (block.raw or "").lstrip()[:20].lower()
    return head.startswith("@") and not head.startswith(("@comment", "@string", "@preamble"))


def _line(block: Block) -> int | None:
    return block.start_line + 1 if block.start_line is not None else None


def _problem(block: ParsingFailedBlock, index: int) -> ParseProblem:
    error = block.error
    reason = " ".join(str(getattr(error, "abort_reason", None) or error).split())
    reason = reason or type(error).__name__
    head = " ".join((block.raw or "").split())[:40]
    return ParseProblem(
        index, _line(block), f"the entry starting {head!r} could not be read: {reason}"
    )


# ----------------------------------------------------------------- LaTeX to text
_ACCENTS = {
    "`": "\u0300",
    "'": "\u0301",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    "u": "\u0306",
    ".": "\u0307",
    '"': "\u0308",
    "r": "\u030a",
    "H": "\u030b",
    "v": "\u030c",
    "d": "\u0323",
    "c": "\u0327",
    "k": "\u0328",
    "b": "\u0331",
    "t": "\u0361",
}
_SYMBOLS = {
    "aa": "å",
    "AA": "Å",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "o": "ø",
    "O": "Ø",
    "l": "ł",
    "L": "Ł",
    "ss": "ß",
    "i": "ı",
    "j": "ȷ",
    "textless": "<",
    "textgreater": ">",
    "lt": "<",
    "gt": ">",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "ne": "≠",
    "neq": "≠",
    "pm": "±",
    "mp": "∓",
    "times": "×",
    "div": "÷",
    "cdot": "·",
    "approx": "≈",
    "sim": "∼",
    "infty": "∞",
    "circ": "∘",
    "degree": "°",
    "textdegree": "°",
    "textmu": "µ",
    "micro": "µ",
    "textquotesingle": "'",
    "textquotedbl": '"',
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "textendash": "–",
    "textemdash": "—",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textbackslash": "\\",
    "textbar": "|",
    "textbullet": "•",
    "ldots": "…",
    "dots": "…",
    "textellipsis": "…",
    "copyright": "©",
    "textcopyright": "©",
    "textregistered": "®",
    "texttrademark": "™",
    "S": "§",
    "P": "¶",
    "pounds": "£",
    "textsterling": "£",
    "euro": "€",
    "texteuro": "€",
    "textperthousand": "‰",
    "rightarrow": "→",
    "leftarrow": "←",
    "to": "→",
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "zeta": "ζ",
    "eta": "η",
    "theta": "θ",
    "iota": "ι",
    "kappa": "κ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "pi": "π",
    "rho": "ρ",
    "sigma": "σ",
    "tau": "τ",
    "upsilon": "υ",
    "phi": "φ",
    "varphi": "φ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
    "Gamma": "Γ",
    "Delta": "Δ",
    "Theta": "Θ",
    "Lambda": "Λ",
    "Xi": "Ξ",
    "Pi": "Π",
    "Sigma": "Σ",
    "Upsilon": "Υ",
    "Phi": "Φ",
    "Psi": "Ψ",
    "Omega": "Ω",
}
_ESCAPES = {
    "{": "\x01",
    "}": "\x02",
    "$": "\x03",
    "&": "&",
    "%": "%",
    "#": "#",
    "_": "_",
    " ": " ",
    ",": " ",
    ";": " ",
    ":": " ",
    "!": "",
    "-": "",
    "/": "",
    "(": "",
    ")": "",
    "[": "",
    "]": "",
    "@": "",
}
_PLACEHOLDERS = (("\x01", "{"), ("\x02", "}"), ("\x03", "$"), ("\x04", "~"))

_ESCAPE = re.compile(r"\\(\\)|\\([~^])\{\}|\\([{}$&%#_ ,;:!\-/()\[\]@])")
_MATH = re.compile(r"\$([^$]{0,1000}?)\$")
_ACCENT = re.compile(
    r"\\([`'^~=.\"])\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))"
    r"|\\([uvHckrdbt])(?:\s*\{\s*(\\?[A-Za-z])\s*\}|\s+([A-Za-z]))"
)
#: A control word swallows the spaces after it, as in LaTeX (``P \textless 0.05``).
_COMMAND = re.compile(r"\\([A-Za-z]+)\*?(?:\{\}|[ \t]+)?")
_BRACES = re.compile(r"[{}]")


def _restore(text: str) -> str:
    """Put back the escaped characters hidden from brace and tilde handling."""
    # str.translate with a dict is slow on long non-ASCII text; replace() is not.
    for placeholder, char in _PLACEHOLDERS:
        if placeholder in text:
            text = text.replace(placeholder, char)
    return text


def _accent(match: re.Match[str]) -> str:
    mark = _ACCENTS[match.group(1) or match.group(4)]
    letter = next(g for g in match.group(2, 3, 5, 6) if g)
    if letter in ("\\i", "\\j"):
        letter = letter[1]
    elif letter.startswith("\\"):
        letter = _SYMBOLS.get(letter[1:], letter[1:])
    return letter + mark


def _command(match: re.Match[str]) -> str:
    # Known symbols become their character; formatting and unknown commands
    # (\textit, \emph, \mbox, \url…) vanish and leave their {argument} as text.
    return _SYMBOLS.get(match.group(1), "")


def _escape(match: re.Match[str]) -> str:
    if match.group(3):
        return _ESCAPES[match.group(3)]
    if match.group(2):  # \~{} and \^{}: the character itself
        return "\x04" if match.group(2) == "~" else "^"
    return " "  # \\ (a line break)


def _math(match: re.Match[str]) -> str:
    """Return ``$…$`` math as text; "$5 to $10" (spaces, no TeX) is left alone."""
    inner = match.group(1)
    if not re.search(r"[\\^_{}]", inner) and re.search(r"\s", inner):
        return match.group(0)
    return inner.replace("^", "").replace("_", "")


def latex_to_text(value: str | None) -> str | None:
    """Return a BibTeX value as plain text: LaTeX accents, escapes and braces resolved.

    HTML entities (``&apos;``, ``&#169;``), which some exports leave in, are resolved too.
    """
    if value is None:
        return None
    text = value
    if "\\" in text:
        text = _ESCAPE.sub(_escape, text)
        if "$" in text:
            text = _MATH.sub(_math, text)
        text = _ACCENT.sub(_accent, text)
        text = _COMMAND.sub(_command, text)
    elif "$" in text:
        text = _MATH.sub(_math, text)
    text = _restore(_BRACES.sub("", text).replace("~", " "))
    if "&" in text and ";" in text:  # HTML entities some exports leave (&apos; &#169;)
        text = html.unescape(text)
    return clean_text(unicodedata.normalize("NFC", text))


def _unescape(value: str | None) -> str | None:
    """Return an identifier or URL with only escapes and braces removed (``10.1/a\\_b``)."""
    if value is None:
        return None
    text = _ESCAPE.sub(_escape, value)
    return clean_text(_restore(_BRACES.sub("", text)))


# ----------------------------------------------------------------- entries
def _fields(entry: Entry, macros: dict[str, str]) -> dict[str, list[str]]:
    """Return the entry's values by lower-case field name (repeated fields keep all)."""
    fields: dict[str, list[str]] = {}
    for field in entry.fields:
        value = field.value
        if not isinstance(value, str):
            value = str(value)
        if "#" in value and (
            getattr(field, "enclosing", None) == "no-enclosing" or value.lstrip()[:1] in '{"'
        ):
            value = _concatenation(value, macros) or value
        # Scopus writes non-breaking spaces (even in "funding_text 1" and between the
        # names and "and" of author lists); BibTeX only knows the ASCII ones.
        key = " ".join(field.key.replace("\xa0", " ").split()).lower()
        fields.setdefault(key, []).append(value.replace("\xa0", " "))
    return fields


def _concatenation(value: str, macros: dict[str, str]) -> str | None:
    """Resolve ``"Surgical " # "procedures"`` or ``jan # " 2020"``; ``None`` if it is not one.

    bibtexparser v2 resolves a lone ``@string`` reference but leaves ``#`` expressions.
    """
    parts = []
    depth = 0
    quoted = False
    start = 0
    for i, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(value[start:i])
            start = i + 1
    parts.append(value[start:])
    if len(parts) < 2:
        return None
    resolved = []
    for part in (p.strip() for p in parts):
        if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
            resolved.append(part[1:-1])
        elif part.lower() in macros:
            resolved.append(macros[part.lower()])
        elif re.fullmatch(r"[\w.:+-]+", part):
            resolved.append(part)
        else:
            return None
    return "".join(resolved)


def _first(fields: dict[str, list[str]], names: tuple[str, ...]) -> str | None:
    """Return the first non-empty decoded value among ``names``."""
    for name in names:
        for value in fields.get(name, ()):
            text = latex_to_text(value)
            if text:
                return text
    return None


_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "2nd", "3rd"})


def _authors(value: str | None) -> tuple[str, ...]:
    """Split a BibTeX name list into "von Last, First[, Jr]" names."""
    if not value or not value.strip():
        return ()
    names = []
    for raw in split_multiple_persons_names(value):
        if raw.strip().lower() == "others":
            continue
        parts = parse_single_name_into_parts(raw, strict=False)
        family = latex_to_text(" ".join(parts.von + parts.last))
        given = latex_to_text(" ".join(parts.first))
        suffix = latex_to_text(" ".join(parts.jr))
        if given and suffix and given.casefold() in _SUFFIXES:
            # "Smith, John, III" is written for "Smith, III, John" more often than not.
            given, suffix = suffix, given
        if not family:
            family, given = given, None
        if not family:
            continue
        name = f"{family}, {given}" if given else family
        names.append(f"{name}, {suffix}" if suffix else name)
    return tuple(names)


def _keywords(fields: dict[str, list[str]]) -> tuple[str, ...]:
    keywords: list[str] = []
    for name in _KEYWORDS:
        for value in fields.get(name, ()):
            text = latex_to_text(value) or ""
            separator = ";" if ";" in text else ","
            keywords.extend(text.split(separator))
    return unique(keywords)


_PMID_NOTE = re.compile(r"\bPMID\s*:?\s*(\d{1,9})\b", re.IGNORECASE)


def _pmid(entry: Entry, fields: dict[str, list[str]]) -> str | None:
    """Return the PMID from a ``pmid`` field, a "PMID: n" note or a ``PMID:n`` key."""
    for value in fields.get("pmid", ()):
        pmid = normalize_pmid(_unescape(value))
        if pmid:
            return pmid
    eprint_type = (_unescape(" ".join(fields.get("eprinttype", ()))) or "").lower()
    if eprint_type == "pubmed":
        pmid = normalize_pmid(_unescape(" ".join(fields.get("eprint", ()))))
        if pmid:
            return pmid
    for name in ("note", "annote", "annotation"):
        for value in fields.get(name, ()):
            match = _PMID_NOTE.search(value)
            if match:
                return normalize_pmid(match.group(1))
    match = re.fullmatch(r"\s*PMID:?\s*(\d{1,9})\s*", entry.key or "", re.IGNORECASE)
    return normalize_pmid(match.group(1)) if match else None


def _is_doi_link(url: str) -> bool:
    return re.match(r"https?://(dx\.)?doi\.org/", url, re.IGNORECASE) is not None


def _record(entry: Entry, index: int, macros: dict[str, str], keyless: bool) -> ParsedRecord | None:
    """Turn one entry into a record, or ``None`` if it holds nothing usable.

    ``keyless`` says that empty keys were inserted (their comma is taken out of ``raw``).
    """
    fields = _fields(entry, macros)
    title = _first(fields, _TITLE)
    authors = _authors(fields.get("author", [None])[0])
    journal = _first(fields, _JOURNAL)
    urls = [u for u in (_unescape(v) for v in fields.get("url", ())) if u]
    url_tokens = [t for u in urls for t in u.split()]
    doi = next((d for v in fields.get("doi", ()) if (d := normalize_doi(_unescape(v)))), None)
    if not doi:
        doi = next((d for u in url_tokens if _is_doi_link(u) and (d := normalize_doi(u))), None)
    pmid = _pmid(entry, fields)
    if not (title or authors or journal or doi or pmid):
        return None
    pages = _unescape(next(iter(fields.get("pages", ())), None))
    if not pages:
        pages = _unescape(next((v for n in _ARTICLE_NUMBER for v in fields.get(n, ())), None))
    year = normalize_year(_unescape(next(iter(fields.get("year", ())), None)))
    if year is None:
        year = normalize_year(_unescape(next(iter(fields.get("date", ())), None)))
    issns = unique(
        [i for v in (fields.get("issn", []) + fields.get("eissn", [])) if (i := _unescape(v))]
    )
    url = next((u for u in url_tokens if not _is_doi_link(u)), None)
    extra: dict[str, list[str]] = {}
    for name, values in fields.items():
        decode = _unescape if name in ("doi", "pmid", "url", "file") else latex_to_text
        kept = [t for v in values if (t := decode(v))]
        unread = (
            name not in _MAPPED
            or (name == "doi" and doi is None)
            or (name == "pmid" and pmid is None)
            or (name == "url" and (url is None or len(url_tokens) > 1))
        )
        if kept and unread:
            extra[name] = kept
    return ParsedRecord(
        source_index=index,
        raw=_KEYLESS_RAW.sub(r"\1", entry.raw or "", count=1) if keyless else entry.raw or "",
        source_id=(entry.key or "").strip() or None,
        title=title,
        authors=authors,
        abstract=_first(fields, ("abstract",)),
        journal=journal,
        journal_abbrev=_first(fields, _ABBREV),
        year=year,
        volume=_first(fields, ("volume",)),
        issue=_first(fields, _ISSUE),
        pages=normalize_pages(pages) if pages else None,
        doi=doi,
        pmid=pmid,
        keywords=_keywords(fields),
        language=_first(fields, ("language",)),
        publication_type=(entry.entry_type or "").strip().lower() or None,
        issn="; ".join(issns) or None,
        url=url,
        extra=extra,
    )
