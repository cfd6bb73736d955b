"""Matching engine for de-duplication: pure functions over records, no database, no Qt.

The caller loads :class:`DedupeRecord` values, calls :func:`find_matches` and
:func:`group_duplicates`, and stores the outcome (``cerdesk.ops.dedupe``). False merges are
worse than misses: a record wrongly linked disappears from screening, so "duplicate" is only
said when the evidence leaves no doubt; borderline pairs are "uncertain" and a person decides
side by side.

Normalisation (for matching only, never shown):
    Titles lose HTML tags and entities, accents, case, punctuation and the trailing period;
    "&" is "and", Greek letters are spelt out ("β" -> "beta"), "10 000" is "10000";
    "[Translated title]" brackets go; database annotations go ("[Review] [45 refs]",
    "[Spanish]", "[Erratum appears in …]", "(Structured abstract)", "(multiple letters)",
    the commented article's citation after a letter's title); "English [Original]" titles
    keep both languages. Errata flagged only by a citation ("(vol 142, pg 310, 2003)" in Web
    of Science, "(N Engl J Med (2009) 360 (542-544))" in Embase) are known as errata.
    Authors become family name + first initial ("Zuber, J", "Zuber, J.", "Julien Zuber",
    "Zuber J" are one person; "van der Graaf" answers to "Graaf"; CENTRAL's one-string lists
    "Griffiths RR, Richards WA" are split; swapped given/family names are recognised when a
    given name is written out). Journals: folded, stop words out, and an abbreviation
    matches when each of its words starts a word of the full title in order ("J Am Coll
    Cardiol"), or it is the initials ("JAMA", "ICIS", "AMCIS"). Pages compare by first page
    ("23-35" = "23-5"; "e123" = "123"; an article number against a page range, a roman or
    "Suppl" page is unknown, not different; "488" lies in "487-488"). DOIs compare in lower
    case, PMIDs without leading zeros. Years may differ by one (epub vs print) only when the
    volume and first page agree or one record is the online-first version.

Candidate pairs (blocking; nothing is compared with everything):
    the same DOI, PMID, title (without spaces) or year + volume + first page; neighbours
    (4 places) of each distinct title sorted from its start and from its end, with title
    similarity >= 0.8 (rapidfuzz Indel, in C); the same first author's family name in the
    same or next year with similar titles. Blocks of more than 60 identical keys pair only
    neighbours (generic titles are not blocked by title at all).

"duplicate" needs, with no trap and no contradiction (different volume, first page, issue
when pages do not agree, year by more than one, DOI, PMID):
    * the same DOI or PMID, titles alike (>= 0.85, or one starts/ends the other), years
      within one;
    * the same title + first author + year + one of volume, first page, journal;
    * title >= 0.95 + first author + year + two of them (or the same volume and page);
    * title >= 0.95 + all authors + year + one of them;
    * title >= 0.9 + 80 % of authors + same volume and first page (>= 0.8 when the whole
      page range is the same: a second translation of a foreign title);
    * one title starts or ends the other (>= 30 characters: a dropped subtitle or heading)
      + first author + same volume and page;
    * the same title, volume, page and year with the co-authors (first author misspelt);
    * the same title, journal, volume and page and no authors on either side;
    * conference papers: title >= 0.95 + all authors + year + venue (acronyms allowed);
    * grey literature without volume or pages: the same title, all authors, year;
    * the same title, all authors and journal, one record without volume or pages and a
      year earlier (ahead of print);
    * the same title, journal, year and page range (four pages or more) when one first
      author is a study group ("ALTS Group") and the other its writer;
    * the same title, all (two or more) authors, journal and volume, years within one, page
      ranges of three pages or more that share a page (one database shifted the range);
    * Embase's "Journal.Conference: …" record without volume or pages against the abstract
      as the journal printed it (a supplement issue, or one page): the same title, year,
      authors (80 %, same number);
    * a title in English against one in another language (told by function words) with all
      authors, journal, year, volume, issue and page range the same (a translated title);
    * conference papers: the same title, all (two or more) authors and venue, no volume,
      one record without pages a year later (proceedings dated the year after).
    Years may also differ by one when all authors, the volume and the issue agree and pages
    are missing; a record whose issue holds the other's volume and whose page is the other's
    issue ("vNone i26 p9" / "v26 i9") has its fields shifted: same volume, pages unknown.

Traps (never "duplicate"; "uncertain" only when the rest agrees):
    an erratum, corrigendum, retraction, expression of concern, comment, reply or letter
    against the article ("Erratum:", "Re:", "… - Reply", "Authors' reply"); different
    numbers in the titles ("Part 1" / "Part II", "2-year" / "five-year results", "Annual
    report 2019" / "2020"; dropped subtitles are allowed to lose numbers, and the same
    volume + page range overrules a footnote mark); a conference abstract against a
    journal record that is not at the same volume and page; generic titles ("Editorial",
    "Introduction", "Reply", "Letter to the editor", titles under 20 characters or 3 words)
    unless volume and page agree; different DOIs or PMIDs; no title on one side.

"uncertain" (for review): near-identical titles (>= 0.9, or one starts/ends the other, or
>= 0.8 with the first author) that no rule accepted, unless the differences already answer
the question (generic title elsewhere; different DOIs plus anything else; several of
volume, page, year differing; another first author and another place; different numbers
and another year). Also: the same first author, year, volume and page range under
different titles (a translated title), and a shared DOI or PMID under different titles.

Groups: "duplicate" matches are applied strongest first (union-find). A match that would
put two different DOIs, two different PMIDs or a pair in ``not_duplicates`` into one group
(even through other records: A = B and B = C while A != C) is not applied; in
:func:`find_matches` it comes back as "uncertain" with the reason, so the caller's
:func:`group_duplicates` never chains them. "uncertain" matches never join groups. Each
group keeps its most complete record (filled fields, then abstract length; ties: lowest id).

Evidence (``bench/dedupe_quality.py``; record-level counting like bib-dedupe; IEBH sets
counted like IEBH's own analysis, where every member of a duplicate set is flagged): no
false positive on any set; sensitivity cytology_screening 0.999, haematology 0.889,
digital_work 0.989, special_cases 1.0, IEBH copper 0.993 and tafenoquine 1.0 (the best
public tool, bib-dedupe: 0.992 / 0.889 / 0.997 with 0 FP, counting errata, replies and
different trial registrations as duplicates, which these rules refuse on purpose).
Speed (``bench/dedupe_speed.py``, 2 cores): 100,000 records with 30 % duplicates in about
3.5 s including grouping, about 140 MB at peak.

The fields that matter most, in order: title, DOI, PMID, authors, year, volume, pages,
journal; issue and publication type help to refuse; abstract only chooses the record kept.
"""

from __future__ import annotations

import gc
import html
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import Indel

DUPLICATE = "duplicate"
UNCERTAIN = "uncertain"


@dataclass(frozen=True)
class DedupeRecord:
    """The fields of one register record that de-duplication compares.

    Attributes:
        id: Record id (any integer, unique).
        title: Article title as imported.
        authors: Author names ("Family, Given", "Given Family" or "Family GI").
        year: Publication year.
        journal: Full journal (or book, conference) title.
        journal_abbrev: Abbreviated journal title.
        volume: Volume.
        issue: Issue.
        pages: Page range ("23-35", "23-5", "e123"…).
        doi: DOI (any case; importers give it in lower case without URL).
        pmid: PubMed id.
        abstract: Abstract.
        publication_type: Publication or reference type as the file gave it.
    """

    id: int
    title: str | None
    authors: tuple[str, ...]
    year: int | None
    journal: str | None
    journal_abbrev: str | None
    volume: str | None
    issue: str | None
    pages: str | None
    doi: str | None
    pmid: str | None
    abstract: str | None = None
    publication_type: str | None = None


@dataclass(frozen=True)
class Match:
    """Two records the matcher believes (``duplicate``) or suspects (``uncertain``) are one.

    Attributes:
        a: The smaller record id.
        b: The larger record id.
        decision: ``"duplicate"`` (link automatically) or ``"uncertain"`` (a person decides).
        rule: Short human text saying why ("same DOI", "title 0.97 + first author + year").
        score: Similarity from 0 to 1 (for sorting the review list).
    """

    a: int
    b: int
    decision: str
    rule: str
    score: float


# ------------------------------------------------------------------ normalisation
_GREEK = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "ε": "epsilon",
    "ζ": "zeta",
    "η": "eta",
    "θ": "theta",
    "ι": "iota",
    "κ": "kappa",
    "λ": "lambda",
    "μ": "mu",
    "µ": "mu",
    "ν": "nu",
    "ξ": "xi",
    "π": "pi",
    "ρ": "rho",
    "σ": "sigma",
    "τ": "tau",
    "φ": "phi",
    "χ": "chi",
    "ψ": "psi",
    "ω": "omega",
    "ß": "ss",
    "æ": "ae",
    "ø": "o",
    "œ": "oe",
    "ł": "l",
    "đ": "d",
    "ı": "i",
}
_GREEK_TABLE = str.maketrans(
    _GREEK | {k.upper(): v for k, v in _GREEK.items() if len(k.upper()) == 1}
)
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,60}>")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_NON_WORD = re.compile(r"[\W_]+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_TRANSL = re.compile(r"\s*\b(?:author s|authors) transl\s*$")
_HAS_DIGIT = re.compile(r"\d")
# Byte table: ASCII letters to lower case, digits kept, everything else to a space.
_ASCII_FOLD = bytes(
    (c | 0x20) if chr(c).isalpha() and c < 128 else c if chr(c).isdigit() and c < 128 else 32
    for c in range(256)
)


def _fold(text: str) -> str:
    """Fold ``text`` to lower-case words separated by single spaces.

    Accents go ("é" -> "e"), Greek letters are spelt out ("β" -> "beta"), punctuation becomes
    a word break; letters of other scripts (Cyrillic, CJK) are kept.
    """
    if text.isascii():
        return " ".join(text.encode("ascii").translate(_ASCII_FOLD).decode("ascii").split())
    text = unicodedata.normalize("NFKD", text.translate(_GREEK_TABLE))
    text = _COMBINING.sub("", text).lower()
    return " ".join(_NON_WORD.sub(" ", text).split())


# Database annotations appended to titles (MEDLINE, Ovid, CRD, Web of Science, Embase).
_ANNOTATION_CUT = re.compile(
    r"[\s.]*\[(?:published\s+)?(?:erratum|errata|corrigendum|comment|comments|retraction|"
    r"retracted|expression of concern|update|updated|summary for patients|see)\b",
    re.IGNORECASE,
)
_BRACKET_TAG = re.compile(
    r"\[\s*(?!erratum|errata|corrigendum|retract|comment|reply|letter)"
    r"(?:review[^\]]*|\d+\s*refs?|[A-Za-z]+(?:\s+abstract)?|\d+)\s*\]",
    re.IGNORECASE,
)
_PAREN_TAG = re.compile(
    r"\(\s*(?:multiple letters|structured abstract|provisional abstract|brief record|"
    r"authors?'?s?'? transl(?:ation)?|english abstract|abstract only)\s*\)",
    re.IGNORECASE,
)
# Web of Science marks a correction with the corrected item's citation: "(vol 142, pg 310, 2003)".
_WOS_ERRATUM = re.compile(r"\(\s*vol\.?\s*\d+[^()]*\bpg\.?\s*[\w-]+[^()]*\)[\s.]*$", re.I)
# Embase does it as "(New England Journal of Medicine (2009) 360 (542-544))".
_CITED_ERRATUM = re.compile(
    r"\(\s*[A-Z][^()]{4,}\(\s*(?:19|20)\d\d\s*\)\s*\d+.*$"
    r"|\s\(\s*(?:The\s+)?[A-Z][^()]{4,}\([^()]*$"  # the same, cut off by the database
)
# A letter's record may end with the commented article's citation: "… N Engl J Med. 2009
# Jan 29;360(5):544-6".
_TRAILING_CITATION = re.compile(
    r"[.\s]+[A-Z][A-Za-z .&]+?\.?\s+(?:19|20)\d\d(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?"
    r"\s*;\s*\d+\s*(?:\(\s*[\w-]+\s*\))?\s*:\s*[\w-]+\.?\s*$"
)
# "English title [Original-language title]" (Scopus, Embase).
_TRANSLATED = re.compile(r"^(.{15,}?\S)\s*\[([^\[\]]{15,})\]\s*\.?\s*$")
_THOUSANDS = re.compile(r"\b(\d{1,3}) (\d{3})\b")


class _Title(NamedTuple):
    """A title normalised for matching: folded text, folded alternative, correction flag."""

    text: str
    alt: str
    erratum: bool


def _norm_title(raw: str | None) -> _Title:
    """Return the folded title without markup, entities, "&", accents, case and annotations.

    Removes database annotations ("[Review] [45 refs]", "[Spanish]", "[Erratum appears in
    …]", "(Structured abstract)", "(multiple letters)", the commented article's citation),
    unwraps "[Translated title]" and keeps "English [Original]" as two alternatives.
    """
    if not raw:
        return _Title("", "", False)
    text = raw
    if "&" in text:
        text = html.unescape(text).replace("&", " and ")
    if "<" in text:
        text = _TAG.sub(" ", text)
    erratum = False
    if "[" in text:
        cut = _ANNOTATION_CUT.search(text)
        if cut and cut.start() > 15:
            text = text[: cut.start()]
        previous = None
        while previous != text:
            previous = text
            text = _BRACKET_TAG.sub(" ", text).strip()
    if "(" in text:
        text = _PAREN_TAG.sub(" ", text)
        stripped = _WOS_ERRATUM.sub("", text)
        if stripped == text:
            stripped = _CITED_ERRATUM.sub("", text)
        if stripped != text and len(stripped) > 15:
            erratum = True
            text = stripped
    if ";" in text:
        stripped = _TRAILING_CITATION.sub("", text)
        if len(stripped) > 15:
            text = stripped
    alt = ""
    if "[" in text:
        translated = _TRANSLATED.match(text.strip())
        if translated:
            text, alt = translated.group(1), translated.group(2)
    folded = _fold(text)
    if folded.endswith("transl"):
        folded = _TRANSL.sub("", folded)
    if " " in folded and _HAS_DIGIT.search(folded):
        folded = _THOUSANDS.sub(r"\1\2", folded)
    return _Title(folded, _fold(alt) if alt else "", erratum)


_WORD_NUMBERS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
    "sixth": "6",
    "ii": "2",
    "iii": "3",
    "iv": "4",
    "vi": "6",
    "vii": "7",
    "viii": "8",
    "ix": "9",
    "xi": "11",
    "xii": "12",
}
_SHORT_ROMAN = {"i": "1", "v": "5", "x": "10"}
_NUMBERED = {
    "part",
    "phase",
    "type",
    "stage",
    "grade",
    "class",
    "section",
    "chapter",
    "study",
    "trial",
    "series",
    "volume",
    "vol",
    "no",
    "number",
    "report",
    "paper",
}
_DIGITS = re.compile(r"\d+")


def _title_numbers(title: str) -> tuple[str, ...]:
    """Return the numbers a folded title names (digits, roman and word numerals), sorted.

    "Part II", "part 2" and "second part" all name 2; "i", "v" and "x" count only after a
    word such as "part", "phase" or "type".
    """
    found = [str(int(d)) for d in _DIGITS.findall(title)]
    words = title.split()
    found += [_WORD_NUMBERS[w] for w in words if w in _WORD_NUMBERS]
    padded = f" {title} "
    if " i " in padded or " v " in padded or " x " in padded:
        for previous, word in pairwise(words):
            if word in _SHORT_ROMAN and previous in _NUMBERED:
                found.append(_SHORT_ROMAN[word])
    return tuple(sorted(found))


# Kinds of item whose title repeats (or quotes) another item's title.
ARTICLE, ERRATUM, RETRACTION, COMMENT = "article", "erratum", "retraction", "comment"
_ERRATUM_WORDS = {"erratum", "errata", "corrigendum", "corrigenda", "addendum"}
_ERRATUM_START = (
    "correction ",
    "correction to ",
    "author correction",
    "publisher correction",
    "notice of correction",
    "correction notice",
)
_RETRACTION_START = (
    "retraction",
    "retracted",
    "notice of retraction",
    "withdrawn",
    "withdrawal",
    "expression of concern",
    "editorial expression of concern",
)
_COMMENT_START = (
    "re ",
    "comment on ",
    "comments on ",
    "commentary on ",
    "a comment on ",
    "reply ",
    "in reply",
    "reply to ",
    "a reply",
    "author reply",
    "authors reply",
    "author s reply",
    "authors response",
    "author response",
    "response to ",
    "in response",
    "letter to the editor",
    "letter ",
    "regarding ",
    "concerning ",
    "editorial comment",
    "invited commentary",
    "comment ",
    "commentary ",
    "correspondence ",
)
_COMMENT_END = (
    " reply",
    " author reply",
    " authors reply",
    " a reply",
    " response",
    " comment",
    " commentary",
    " letter",
    " editorial comment",
    " invited commentary",
)


def _title_kind(title: str) -> str:
    """Return what the item is, judged from its folded title (article, erratum…)."""
    if not title:
        return ARTICLE
    words = title.split()
    if _ERRATUM_WORDS.intersection(words) or title.startswith(_ERRATUM_START):
        return ERRATUM
    if title.startswith(_RETRACTION_START) or "expression of concern" in title:
        return RETRACTION
    if title.startswith(_COMMENT_START) or title.endswith(_COMMENT_END):
        return COMMENT
    return ARTICLE


_GENERIC_TITLES = {
    "editorial",
    "editorials",
    "guest editorial",
    "introduction",
    "preface",
    "foreword",
    "letter",
    "letters",
    "letter to the editor",
    "letters to the editor",
    "comment",
    "comments",
    "commentary",
    "reply",
    "in reply",
    "response",
    "author reply",
    "authors reply",
    "reply to letter",
    "correspondence",
    "erratum",
    "errata",
    "correction",
    "corrections",
    "corrigendum",
    "retraction",
    "expression of concern",
    "editor s note",
    "editors note",
    "note from the editor",
    "from the editor",
    "news",
    "book review",
    "book reviews",
    "abstract",
    "abstracts",
    "poster",
    "posters",
    "oral presentations",
    "index",
    "contents",
    "table of contents",
    "in this issue",
    "highlights",
    "announcement",
    "announcements",
    "obituary",
    "in memoriam",
    "acknowledgement",
    "acknowledgment",
    "acknowledgements",
    "acknowledgments",
    "reviewers",
    "thank you to our reviewers",
    "untitled",
    "no title",
    "title",
    "conference report",
    "meeting report",
    "meeting abstracts",
    "summary",
    "discussion",
    "conclusion",
    "case report",
    "case reports",
    "clinical case",
    "images in clinical medicine",
    "quiz",
    "answer",
    "question",
    "what is your diagnosis",
    "annual report",
    "editor s comments",
    "editors comments",
    "editor s comment",
    "editor s introduction",
    "issue information",
    "front matter",
    "back matter",
    "masthead",
    "cover",
    "calendar",
    "corrigenda",
    "addendum",
    "call for papers",
    "reviewer acknowledgement",
    "reviewer acknowledgment",
}


def _is_generic(title: str) -> bool:
    """Return True for titles shared by unrelated items ("Editorial", "Reply", short ones)."""
    spaces = title.count(" ")
    if not title.isascii():
        return len(title) < 8  # Chinese or Japanese titles have few, dense characters
    if len(title) < 20 or spaces < 2:
        return True
    if spaces > 7:
        return False
    stripped = " ".join(w for w in title.split() if not w.isdigit())
    return stripped in _GENERIC_TITLES


_JOURNAL_STOP = {
    "the",
    "of",
    "and",
    "for",
    "in",
    "on",
    "de",
    "des",
    "du",
    "la",
    "le",
    "les",
    "et",
    "der",
    "die",
    "und",
    "fur",
    "a",
    "an",
    "y",
    "el",
}
# Abbreviations that are not initial letters or prefixes of the full title's words.
_JOURNAL_ALIASES = {
    "nejm": "new england journal medicine",
    "lancet london england": "lancet",
    "bmj clinical research ed": "bmj",
    "british medical journal": "bmj",
    "jama journal american medical association": "jama",
    "journal american medical association": "jama",
    "proceedings national academy sciences united states america": "pnas",
}
_CONFERENCE_WORDS = {
    "conference",
    "conf",
    "congress",
    "proceedings",
    "proc",
    "symposium",
    "symp",
    "meeting",
    "workshop",
    "abstracts",
    "abstract",
    "poster",
    "posters",
    "annual",
    "colloquium",
    "summit",
    "convention",
}
_CONFERENCE_TYPES = (
    "inproceedings",
    "proceedings",
    "conference",
    "conf",
    "meeting",
    "abstract",
    "congress",
    "poster",
    "cpaper",
    "abst",
)


_VENUE_NOISE = {"annual", "proceedings", "proc", "vols", "vol", "volume", "online", "print"}
_ORDINAL = re.compile(
    r"^\d+(?:st|nd|rd|th)?$|^(?:first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth|eleventh|twelfth)$"
)
_EMBASE_CONFERENCE = re.compile(r"\.?\s*conference\s*:", re.IGNORECASE)


@lru_cache(maxsize=8192)
def _journal_words(raw: str | None) -> tuple[str, ...]:
    """Return the folded journal title without stop words, numbers and ordinals.

    Embase's "Pediatric Nephrology.Conference: 44th Annual Meeting…" keeps the journal part.
    """
    if not raw:
        return ()
    cut = _EMBASE_CONFERENCE.search(raw)
    if cut and cut.start() > 3:
        raw = raw[: cut.start()]
    folded = _fold(raw.replace("&", " and "))
    words = tuple(
        w
        for w in folded.split()
        if w not in _JOURNAL_STOP and w not in _VENUE_NOISE and not _ORDINAL.match(w)
    )
    alias = _JOURNAL_ALIASES.get(" ".join(words))
    return tuple(alias.split()) if alias else words


def _abbreviates(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Return True if each word of ``short`` starts a word of ``full``, in order.

    The first words must correspond ("J Am Coll Cardiol" / "Journal of the American College
    of Cardiology", "Lancet" / "Lancet (London, England)"). A one-word ``short`` may also be
    the initial letters of ``full`` ("JAMA", "BMJ", "PNAS").
    """
    if not short or not full:
        return False
    if len(short) == 1 and len(full) > 1:
        initials = "".join(w[0] for w in full)
        if len(short[0]) >= 3 and initials.startswith(short[0]):
            return True
    if not full[0].startswith(short[0]):
        return False
    j = 1
    for word in short[1:]:
        while j < len(full) and not full[j].startswith(word):
            j += 1
        if j == len(full):
            return False
        j += 1
    return True


def _acronym(token: str, words: Sequence[str]) -> bool:
    """Return True if ``token`` is made of leading letters of every word, in order.

    "icis" / international conference information systems; "amcis" / americas conference
    information systems (two letters of the first word).
    """

    def consume(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(token)
        word = words[j]
        for k in range(min(len(word), len(token) - i), 0, -1):
            if token[i : i + k] == word[:k] and consume(i + k, j + 1):
                return True
        return False

    return consume(0, 0)


def _venue_acronym(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Return True if a short word of ``a`` abbreviates a run of three or more words of ``b``."""
    for token in a:
        if 3 <= len(token) <= 7 and token.isalpha():
            for start in range(len(b) - 2):
                for end in range(start + 3, min(len(b), start + 7) + 1):
                    if b[start][0] == token[0] and _acronym(token, b[start:end]):
                        return True
    return False


_MATCH, _MISMATCH, _UNKNOWN = 1, -1, 0


def _journal_agreement(a: _Prepared, b: _Prepared) -> int:
    """Return whether two records' journals agree (abbreviations allowed)."""
    if not a.journals or not b.journals:
        return _UNKNOWN
    for x in a.journals:
        for y in b.journals:
            if x == y or "".join(x) == "".join(y):
                return _MATCH
            if _abbreviates(x, y) or _abbreviates(y, x):
                return _MATCH
            if Indel.normalized_similarity(" ".join(x), " ".join(y)) >= 0.9:
                return _MATCH
    if a.conference and b.conference:
        for x in a.journals:
            for y in b.journals:
                if _venue_acronym(x, y) or _venue_acronym(y, x):
                    return _MATCH
    return _MISMATCH


_PAGE_SPLIT = re.compile(r"\s*(?:-+|–|—|\s+to\s+)\s*")
_LEADING_NUMBER = re.compile(r"\d+")


def _page_range(raw: str | None) -> tuple[str, str]:
    """Return (first page, last page) in lower case; letters kept ("e123", "S12").

    "532, 534-536" gives the first part; "23-5" becomes ("23", "25"); a single page gives
    an empty last page.
    """
    if not raw:
        return "", ""
    head, _, tail = raw.partition("-")
    if head.isdigit() and (tail.isdigit() or not tail):  # the common "123-129" / "123"
        start = head.lstrip("0") or head
        end = tail.lstrip("0") or tail
        if len(end) < len(start):
            end = start[: len(start) - len(end)] + end if end else ""
        return start, end if end != start else ""
    first = re.split(r"[,;]", raw.strip(), maxsplit=1)[0]
    parts = _PAGE_SPLIT.split(first, maxsplit=1)
    start = _NON_ALNUM.sub("", parts[0].lower())
    start = start.lstrip("0") or start
    end = _NON_ALNUM.sub("", parts[1].lower()) if len(parts) > 1 else ""
    end = end.lstrip("0") or end
    if start.isdigit() and end.isdigit() and len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    return start, end if end != start else ""


def _pages_agreement(a: tuple[str, str], b: tuple[str, str]) -> int:
    """Return whether two page ranges agree.

    Compares first pages: "e123" and "123" agree; an article number ("e0123", "c1804",
    "a1754") against a plain page cannot be compared; a one-page record whose page lies in
    the other's range agrees (databases that keep only the last page). A first page without
    any digit ("Suppl", garbled) cannot be compared.
    """
    (sa, ea), (sb, eb) = a, b
    if not sa or not sb:
        return _UNKNOWN
    da = _LEADING_NUMBER.search(sa)
    db = _LEADING_NUMBER.search(sb)
    if da is None or db is None:
        return _UNKNOWN  # "Suppl", roman front-matter pages ("iii"), garbled values
    if sa == sb:
        return _MATCH
    prefix_a, prefix_b = sa[: da.start()], sb[: db.start()]
    if da.group(0) == db.group(0) and len(prefix_a) + len(prefix_b) <= 1:
        return _MATCH  # "e123" / "123"
    if bool(prefix_a) != bool(prefix_b):
        return _UNKNOWN  # article number or supplement page against a plain page
    if sa.isdigit() and sb.isdigit():
        if not ea and eb.isdigit() and int(sb) <= int(sa) <= int(eb):
            return _MATCH  # "488" / "487-488"
        if not eb and ea.isdigit() and int(sa) <= int(sb) <= int(ea):
            return _MATCH
        if ea and ea == eb and ea.isdigit() and len(ea) >= 2:
            return _MATCH  # a typing error in the first page: "2297-2108" / "2097-2108"
    return _MISMATCH


def _volume_key(raw: str | None) -> str:
    """Return the volume's leading number (or its folded text when it has none).

    Embase puts the conference in the volume ("Conference: 22nd FIGO World Congress… 143"):
    then the last number is the volume.
    """
    if not raw:
        return ""
    if raw.isdigit():
        return raw.lstrip("0") or "0"
    numbers = _LEADING_NUMBER.findall(raw)
    if numbers:
        lowered = raw.lower()
        conference = "conference" in lowered or "congress" in lowered
        return str(int(numbers[-1] if conference else numbers[0]))
    return _NON_ALNUM.sub("", raw.lower())


def _issue_agreement(a: str, b: str) -> int:
    """Return whether two issues agree ("5-6" and "5" do; "Suppl 1" and "1" do not)."""
    if not a or not b:
        return _UNKNOWN
    if a == b:
        return _MATCH
    na, nb = _LEADING_NUMBER.match(a), _LEADING_NUMBER.match(b)
    if na and nb and na.group(0) == nb.group(0):
        return _MATCH
    return _MISMATCH


_NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "2nd", "3rd"}
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?){1,3}$")


@lru_cache(maxsize=1 << 16)
def _author_key(name: str) -> tuple[str, str, frozenset[str]] | None:
    """Return (family name, first initial, other possible family names) for one author.

    Handles "Zuber, J", "Zuber, J.", "Julien Zuber", MEDLINE "Zuber J", particles ("van der
    Graaf" also answers to "graaf") and swapped compound names ("Lopez, Rubio M." also
    answers to "rubio").
    """
    name = name.strip()
    if not name:
        return None
    if "," in name:
        family, _, given = name.partition(",")
    else:
        parts = name.split()
        if len(parts) == 1:
            family, given = parts[0], ""
        elif _INITIALS.match(parts[-1]):
            family, given = " ".join(parts[:-1]), parts[-1]  # MEDLINE "Zuber J"
        else:
            family, given = parts[-1], " ".join(parts[:-1])  # "Julien Zuber"
    words = [w for w in _fold(family).split() if w not in _NAME_SUFFIXES]
    if not words or words[0] in {"anonymous", "anon", "et"}:
        return None
    fam = "".join(words)
    given_words = [w for w in given.replace(".", " ").split() if w.lower() not in _NAME_SUFFIXES]
    initial = _fold(given_words[0][:2])[:1] if given_words else ""
    names = {fam}
    if len(words) > 1 and len(words[-1]) >= 3:
        names.add(words[-1])
    if len(given_words) >= 2 and len(given_words[0]) >= 3 and _INITIALS.match(given_words[-1]):
        names.add(_fold(given_words[0]).replace(" ", ""))  # "Lopez, Rubio M."
    return fam, initial, frozenset(names)


def _first_family(name: str) -> str:
    """Return the family name of an author, folded, quickly (for blocking only)."""
    name = name.strip()
    if "," in name:
        family = name.partition(",")[0]
    else:
        parts = name.split()
        if len(parts) > 1 and _INITIALS.match(parts[-1]):
            family = " ".join(parts[:-1])
        else:
            family = parts[-1] if parts else ""
    return _fold(family).replace(" ", "")


# ------------------------------------------------------------------ prepared records
class _Prepared:
    """A record normalised for matching (internal).

    What blocking needs (title, identifiers, first author, year, volume, pages) is computed
    for every record; the rest only by :meth:`detail`, for records in a candidate pair.
    """

    __slots__ = (
        "alt",
        "authors",
        "conference",
        "doi",
        "erratum",
        "families",
        "family",
        "first",
        "generic",
        "id",
        "index",
        "issue",
        "journals",
        "kind",
        "numbers",
        "pages",
        "pmid",
        "ready",
        "record",
        "title",
        "tkey",
        "volume",
        "year",
    )

    def __init__(self, index: int, record: DedupeRecord) -> None:
        self.index = index
        self.id = record.id
        self.record = record
        title = _norm_title(record.title)
        self.title = title.text
        self.alt = title.alt
        self.erratum = title.erratum
        self.tkey = title.text.replace(" ", "")
        self.generic = _is_generic(title.text) if title.text else True
        first = _first_name(record.authors)
        self.family = _first_family(first) if first else ""
        self.first = None
        self.year = record.year
        self.volume = _volume_key(record.volume)
        self.pages = _page_range(record.pages)
        self.doi = (record.doi or "").strip().lower()
        self.pmid = (record.pmid or "").strip().lstrip("0")
        self.ready = False

    def detail(self) -> None:
        """Compute the fields only pair decisions need (once)."""
        if self.ready:
            return
        self.ready = True
        record = self.record
        self.numbers = _title_numbers(self.title)
        self.kind = ERRATUM if self.erratum else _title_kind(self.title)
        first = _first_name(record.authors)
        self.first = _author_key(first) if first else None
        self.authors = None
        journals = [_journal_words(record.journal), _journal_words(record.journal_abbrev)]
        self.journals = tuple(j for j in journals if j)
        self.issue = _NON_ALNUM.sub("", (record.issue or "").lower())
        self.conference = _is_conference(record)

    def people(self) -> tuple[tuple[str, str, frozenset[str]], ...]:
        """Return the author keys (first 12 authors), computing them once."""
        if self.authors is None:
            names = _author_names(self.record.authors)[:12]
            self.authors = tuple(k for k in (_author_key(a) for a in names) if k)
            self.families = frozenset(k[0] for k in self.authors)
        return self.authors


def _author_names(authors: tuple[str, ...] | str | None) -> tuple[str, ...]:
    """Return the non-empty author names.

    A single string is split at ";" or " and "; one name holding a whole MEDLINE-style list
    ("Bernasconi F, Schmidt A, Pokorny T", as CENTRAL exports give) is split at the commas.
    """
    if not authors:
        return ()
    if isinstance(authors, str):
        authors = tuple(re.split(r"\s*;\s*|\s+and\s+|\n", authors))
    names: list[str] = []
    for name in authors:
        if name and name.strip():
            names.extend(_split_name_list(name) if "," in name else (name,))
    return tuple(names)


_MEDLINE_NAME = re.compile(r"^\s*[^\s,][^,]*\s(?:[A-Z]{1,3}|[A-Z]\.(?:\s?[A-Z]\.){0,2})\s*$")


def _first_name(authors: tuple[str, ...] | str | None) -> str:
    """Return the first author's name (quickly; see :func:`_author_names`)."""
    if not authors:
        return ""
    if isinstance(authors, str) or not authors[0].strip():
        names = _author_names(authors)
        return names[0] if names else ""
    first = authors[0]
    return _split_name_list(first)[0] if "," in first else first


def _split_name_list(name: str) -> list[str]:
    """Split "Griffiths RR, Richards WA, McCann U" into names; leave "Zuber, J" alone."""
    if " " not in name.partition(",")[0].strip():
        return [name]  # "Zuber, J": one word before the comma, a family name
    parts = name.split(",")
    if len(parts) > 1 and all(_MEDLINE_NAME.match(part) for part in parts if part.strip()):
        return [part.strip() for part in parts if part.strip()]
    return [name]


def _is_conference(record: DedupeRecord) -> bool:
    """Return True if the record looks like a conference paper or abstract."""
    kind = (record.publication_type or "").lower()
    if kind and any(word in kind for word in _CONFERENCE_TYPES):
        return True
    return any(_names_conference(text) for text in (record.journal, record.volume, record.issue))


@lru_cache(maxsize=8192)
def _names_conference(text: str | None) -> bool:
    """Return True if a journal, volume or issue text names a conference or meeting."""
    return bool(text) and bool(_CONFERENCE_WORDS.intersection(_fold(text or "").split()))


def _completeness(record: DedupeRecord) -> tuple[int, int]:
    """Return how complete a record is: filled fields, then abstract length."""
    filled = sum(
        1
        for value in (
            record.title,
            record.year,
            record.journal,
            record.journal_abbrev,
            record.volume,
            record.issue,
            record.pages,
            record.doi,
            record.pmid,
            record.abstract,
            record.publication_type,
        )
        if value not in (None, "")
    )
    filled += 1 if record.authors else 0
    return filled, len(record.abstract or "")


# ------------------------------------------------------------------ pair decisions
def _first_author_agreement(a: _Prepared, b: _Prepared) -> int:
    """Return whether the first authors agree (family name, then initial)."""
    if a.first is None or b.first is None:
        return _UNKNOWN
    (fa, ia, na), (fb, ib, nb) = a.first, b.first
    if fa == fb or (min(len(fa), len(fb)) >= 4 and (fa.endswith(fb) or fb.endswith(fa))):
        same = True
    else:
        same = fa[0] == fb[0] and Indel.normalized_similarity(fa, fb) >= 0.85
    if same:
        return _MISMATCH if ia and ib and ia != ib else _MATCH
    if na & nb:
        return _MATCH  # "Lopez, Rubio M." / "Rubio, M. L."; "van der Graaf" / "Van Graaf"
    if _swapped_names(a.record.authors, b.record.authors, fa, fb):
        return _MATCH  # "Kalliola, Risto" / "Risto, Kalliola"
    return _MISMATCH


def _given_word(name: str) -> str:
    """Return the folded first given name of "Family, Given" when it is a word, not initials."""
    _, comma, given = name.partition(",")
    words = given.replace(".", " ").split()
    if not comma or not words or len(words[0]) < 3 or _INITIALS.match(words[0]):
        return ""
    return _fold(words[0])


def _swapped_names(
    authors_a: tuple[str, ...] | str, authors_b: tuple[str, ...] | str, fa: str, fb: str
) -> bool:
    """Return True if the first author's family and given names are swapped in one record.

    Needs the given name written out on at least one side ("Kalliola, Risto" / "Risto,
    Kalliola" or "Risto, K."); initials alone prove nothing.
    """
    names_a, names_b = _author_names(authors_a), _author_names(authors_b)
    if not names_a or not names_b:
        return False
    ga, gb = _given_word(names_a[0]), _given_word(names_b[0])
    if ga and ga.replace(" ", "") == fb:
        if gb:
            return gb.replace(" ", "") == fa
        key = _author_key(names_b[0])
        return key is not None and key[1] == fa[:1]
    if gb and gb.replace(" ", "") == fa:
        key = _author_key(names_a[0])
        return key is not None and key[1] == fb[:1]
    return False


def _same_author(x: tuple[str, str, frozenset[str]], y: tuple[str, str, frozenset[str]]) -> bool:
    """Return True if two author keys name the same person (names may be swapped)."""
    (fx, ix, nx), (fy, iy, ny) = x, y
    if fx == fy:
        return not (ix and iy and ix != iy)
    if nx & ny:
        return True
    # Given and family name swapped by one database ("Tong, H" / "Hua, T"): initials only.
    return bool(ix and iy and fx[0] == iy and fy[0] == ix)


def _authors_in_order(a: _Prepared, b: _Prepared) -> int:
    """Return how many authors, position by position, are the same person."""
    return sum(1 for x, y in zip(a.people(), b.people(), strict=False) if _same_author(x, y))


def _all_authors(shared: tuple[int, float], a: _Prepared, b: _Prepared) -> bool:
    """Return True if the shorter author list is all in the other (one author will do)."""
    return shared[1] == 1.0 and (shared[0] >= 2 or len(a.families) == len(b.families) == 1)


def _coauthors(a: _Prepared, b: _Prepared) -> tuple[int, float]:
    """Return (family names in common, share of the shorter list) over all authors."""
    a.people()
    b.people()
    if not a.families or not b.families:
        return 0, 0.0
    common = len(a.families & b.families)
    return common, common / min(len(a.families), len(b.families))


def _title_similarity(a: _Prepared, b: _Prepared) -> float:
    """Return 0–1 title similarity (1 for the same words ignoring spaces).

    A title kept in two languages ("English [Original]") matches either.
    """
    if not a.title or not b.title:
        return 0.0
    if a.tkey == b.tkey:
        return 1.0
    best = Indel.normalized_similarity(a.title, b.title)
    if a.alt or b.alt:
        for x, y in ((a.alt, b.title), (a.title, b.alt), (a.alt, b.alt)):
            if x and y:
                best = max(best, Indel.normalized_similarity(x, y))
    return best


_CONTAINED_MIN = 30  # characters (without spaces) of the shorter title


_CONTAINED_SHORT = 15  # ... when the volume (or venue) and the whole page range agree


def _contained(a: _Prepared, b: _Prepared) -> int:
    """Return the shorter title's length if it starts or ends the other, else 0.

    A subtitle or a section heading dropped by one database.
    """
    short, long = (a.tkey, b.tkey) if len(a.tkey) <= len(b.tkey) else (b.tkey, a.tkey)
    if not short or short == long:
        return 0
    return len(short) if long.startswith(short) or long.endswith(short) else 0


def _agree(x: str, y: str) -> int:
    if not x or not y:
        return _UNKNOWN
    return _MATCH if x == y else _MISMATCH


def _numbers_differ(a: _Prepared, b: _Prepared, contained: bool) -> bool:
    """Return True if the titles name different numbers (parts, years, follow-up times…).

    When one title is the other plus a dropped subtitle, the shorter title's numbers need
    only be among the longer one's.
    """
    if a.numbers == b.numbers:
        return False
    if not contained:
        return True
    short, long = (a, b) if len(a.tkey) <= len(b.tkey) else (b, a)
    rest = list(long.numbers)
    for number in short.numbers:
        if number not in rest:
            return True
        rest.remove(number)
    return False


# First authors that are a study group, not a person ("ALTS Group", "ASCUS-LSIL Triage Study").
_GROUP_WORDS = frozenset(
    [
        "group",
        "groups",
        "study",
        "trial",
        "trialists",
        "investigators",
        "consortium",
        "collaboration",
        "collaborative",
        "collaborators",
        "committee",
        "network",
        "team",
        "taskforce",
    ]
)
# Function words that tell a title's language (translated titles).
_ENGLISH_WORDS = frozenset(
    ["the", "of", "and", "for", "with", "from", "to", "on", "by", "an", "is", "are", "at"]
)
_FOREIGN_WORDS = frozenset(
    [
        "der",
        "die",
        "das",
        "und",
        "zum",
        "zur",
        "des",
        "den",
        "dem",
        "mit",
        "von",
        "fur",
        "auf",
        "eine",
        "einer",
        "ein",
        "bei",
        "uber",
        "le",
        "la",
        "les",
        "du",
        "et",
        "pour",
        "dans",
        "sur",
        "une",
        "aux",
        "avec",
        "el",
        "los",
        "las",
        "del",
        "y",
        "para",
        "con",
        "una",
        "por",
        "il",
        "della",
        "dei",
        "delle",
        "per",
        "nel",
        "degli",
        "het",
        "een",
        "van",
        "en",
        "voor",
        "och",
        "av",
        "med",
        "ved",
        "og",
    ]
)


def _group_author(record: DedupeRecord) -> bool:
    """Return True if the first author is a study group ("ASCUS-LSIL Traige Study")."""
    names = _author_names(record.authors)
    return bool(names) and bool(_GROUP_WORDS.intersection(_fold(names[0]).split()))


def _span(pages: tuple[str, str]) -> int:
    """Return the number of pages of a plain numeric range (0 when unknown)."""
    start, end = pages
    if start.isdigit() and end.isdigit() and int(end) >= int(start):
        return int(end) - int(start) + 1
    return 0


def _ranges_overlap(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Return True if two page ranges of three pages or more share a page ("246-250"/"250-254")."""
    if _span(a) < 3 or _span(b) < 3:
        return False
    return int(a[0]) <= int(b[1]) and int(b[0]) <= int(a[1])


def _languages_differ(x: str, y: str) -> bool:
    """Return True if one title is English and the other is not (by their function words)."""

    def language(title: str) -> str:
        words = set(title.split())
        english, foreign = bool(words & _ENGLISH_WORDS), bool(words & _FOREIGN_WORDS)
        return "en" if english and not foreign else "other" if foreign and not english else ""

    lx, ly = language(x), language(y)
    return bool(lx and ly and lx != ly)


def _supplement(issue: str) -> bool:
    """Return True if a (folded) issue names a supplement ("S2", "Suppl 1")."""
    return "suppl" in issue or (len(issue) >= 2 and issue[0] == "s" and issue[1:].isdigit())


def _shifted(x: _Prepared, y: _Prepared) -> bool:
    """Return True if ``x`` holds ``y``'s volume in its issue and ``y``'s issue in its pages.

    Embase conference records sometimes shift the fields ("vNone i26 p9" for "v26 i9").
    """
    return (
        not x.volume
        and bool(y.volume)
        and bool(x.issue)
        and x.issue == y.volume
        and bool(x.pages[0])
        and not x.pages[1]
        and x.pages[0] == y.issue
    )


def _compare(a: _Prepared, b: _Prepared) -> tuple[str, str, float] | None:
    """Return (decision, rule, score) for one candidate pair, or ``None`` if different."""
    if (
        a.tkey
        and a.tkey == b.tkey
        and ((a.doi and a.doi == b.doi) or (a.pmid and a.pmid == b.pmid))
        and (a.year is None or b.year is None or abs(a.year - b.year) <= 1)
        and _is_conference(a.record) == _is_conference(b.record)
    ):
        # The same identifier and the same title (so the same kind and numbers): the
        # common case, decided without the details.
        return DUPLICATE, "same DOI" if a.doi and a.doi == b.doi else "same PMID", 1.0
    a.detail()
    b.detail()
    t = _title_similarity(a, b)
    both_titles = bool(a.title and b.title)
    inside = _contained(a, b) if both_titles and t < 1.0 else 0
    shared: tuple[int, float] | None = None

    def coauthors() -> tuple[int, float]:
        """(family names in common, share of the shorter list), computed when needed."""
        nonlocal shared
        if shared is None:
            shared = _coauthors(a, b)
        return shared

    au = _first_author_agreement(a, b)
    if (
        au == _MISMATCH
        and coauthors()[0] >= 2
        and coauthors()[1] == 1.0
        and len(a.families) == len(b.families)
    ):
        au = _MATCH  # the same two or more authors, in another order
    year_gap = abs(a.year - b.year) if a.year is not None and b.year is not None else None
    vol = _agree(a.volume, b.volume)
    pages = _pages_agreement(a.pages, b.pages)
    issue = _issue_agreement(a.issue, b.issue)
    if _shifted(a, b) or _shifted(b, a):
        vol, pages, issue = _MATCH, _UNKNOWN, _UNKNOWN  # the same volume; pages unknown
    journal = _journal_agreement(a, b)
    full_range = bool(a.pages[1]) and a.pages == b.pages
    # The same volume and first page (or, in proceedings without volumes, the same venue and
    # page range) identify the item.
    same_place = pages == _MATCH and (
        vol == _MATCH or (vol == _UNKNOWN and journal == _MATCH and full_range)
    )
    contained = inside >= _CONTAINED_MIN or (
        inside >= _CONTAINED_SHORT and same_place and full_range
    )
    score = round(
        0.6 * t
        + 0.2 * (1.0 if au == _MATCH else 0.5 if au == _UNKNOWN else 0.0)
        + 0.1 * (1.0 if year_gap == 0 else 0.5 if year_gap in (None, 1) else 0.0)
        + 0.1 * (1.0 if same_place else 0.5 if pages == _MATCH or vol == _MATCH else 0.0),
        3,
    )
    # Traps: the titles say these are different items even if they look alike.
    traps: list[str] = []
    if both_titles and a.kind != b.kind:
        traps.append(f"{a.kind} vs {b.kind}")
    # The same volume and page range identify the item whatever a footnote mark says.
    if (
        both_titles
        and _numbers_differ(a, b, contained)
        and not (same_place and full_range and au == _MATCH)
    ):
        traps.append("different numbers in the titles")
    printed = False
    if a.conference != b.conference and not same_place:
        conf, other = (a, b) if a.conference else (b, a)
        # Embase's "Journal.Conference: …" record of an abstract that the journal itself
        # printed (in a supplement, or on one page of an issue): the same abstract, not an
        # abstract against the full paper.
        printed = (
            t == 1.0
            and journal == _MATCH
            and year_gap == 0
            and au == _MATCH
            and not conf.volume
            and not conf.pages[0]
            and (_supplement(other.issue) or (bool(other.pages[0]) and not other.pages[1]))
            and (_all_authors(coauthors(), a, b) or coauthors()[1] >= 0.8)
            and len(a.families) == len(b.families)
        )
        if not printed:
            traps.append("conference vs journal")

    # Shared identifiers.
    for name, x, y in (("DOI", a.doi, b.doi), ("PMID", a.pmid, b.pmid)):
        if x and x == y:
            if both_titles and t < 0.6 and not contained and au != _MATCH:
                return UNCERTAIN, f"same {name}, different titles and authors", score
            if both_titles and ((t < 0.85 and not contained) or traps):
                why = "; ".join(traps) if traps else f"title {t:.2f}"
                return UNCERTAIN, f"same {name} but {why}", score
            if year_gap is not None and year_gap > 1:
                return UNCERTAIN, f"same {name} but years {a.year} and {b.year}", score
            return DUPLICATE, f"same {name}", max(score, 0.99)
    conflicts: list[str] = []
    if a.doi and b.doi:
        conflicts.append("different DOIs")
    if a.pmid and b.pmid:
        conflicts.append("different PMIDs")

    if not both_titles:
        return _compare_without_title(a, b, au, year_gap, vol, pages, score)
    if t < 0.8 and not contained:
        if (
            same_place
            and au == _MATCH
            and year_gap == 0
            and full_range
            and issue == _MATCH
            and journal == _MATCH
            and a.kind == b.kind
            and not conflicts
            and not (a.generic or b.generic)
            and _languages_differ(a.title, b.title)
            and _all_authors(coauthors(), a, b)
        ):
            # One database gives the English translation of the title: the same people,
            # journal, volume, issue and page range, one title English and the other not.
            rule = "translated title: same authors, journal, year, volume, issue, page range"
            return DUPLICATE, rule, score
        if (
            same_place
            and au == _MATCH
            and year_gap == 0
            and full_range
            and issue != _MISMATCH
            and a.kind == b.kind
        ):
            # A title translated by one database, or a heading instead of the title.
            return UNCERTAIN, "different titles but same first author, year, volume, pages", score
        return None

    contradictions = []
    if vol == _MISMATCH:
        contradictions.append("volume")
    if pages == _MISMATCH:
        contradictions.append("pages")
    if issue == _MISMATCH and pages != _MATCH:
        contradictions.append("issue")
    if year_gap is not None and year_gap > 1:
        contradictions.append("year")
    generic = a.generic or b.generic

    def all_authors() -> bool:
        """The same first author and the same author list (computed when needed)."""
        return (
            au == _MATCH and _all_authors(coauthors(), a, b) and len(a.families) == len(b.families)
        )

    if (
        contradictions == ["pages"]
        and not conflicts
        and not traps
        and not generic
        and t == 1.0
        and vol == _MATCH
        and journal == _MATCH
        and year_gap is not None
        and year_gap <= 1
        and coauthors()[0] >= 2
        and all_authors()
        and _ranges_overlap(a.pages, b.pages)
    ):
        # One database shifted the page range: two items of three pages or more cannot
        # share a page, so the same authors, title, journal and volume make them one.
        return DUPLICATE, "same title, authors, journal, volume; page ranges overlap", score
    if printed and not (conflicts or traps or contradictions):
        rule = "same title, authors, year, journal: the abstract as the journal printed it"
        return DUPLICATE, rule, score
    blocked = bool(conflicts or traps or contradictions) or (generic and not same_place)
    agreements = [n for n, v in (("volume", vol), ("pages", pages), ("journal", journal)) if v > 0]
    # The same volume and issue fix the date as well as a page does (a year typed wrongly),
    # when all authors agree.
    same_issue = vol == _MATCH and issue == _MATCH and pages == _UNKNOWN and all_authors()
    year_ok = year_gap is not None and year_gap <= (1 if same_place or same_issue else 0)
    no_authors = a.first is None and b.first is None

    if not blocked and year_ok:
        if t == 1.0 and au == _MATCH and (year_gap == 0 or same_place or same_issue) and agreements:
            return DUPLICATE, f"same title, first author, year, {', '.join(agreements)}", score
        if t >= 0.95 and au == _MATCH and (len(agreements) >= 2 or same_place):
            rule = f"title {t:.2f} + first author + year + {' + '.join(agreements)}"
            return DUPLICATE, rule, score
        if (
            t >= 0.95
            and au == _MATCH
            and agreements
            and coauthors()[0] >= 2
            and coauthors()[1] == 1.0
        ):
            rule = f"title {t:.2f} + all authors + year + {' + '.join(agreements)}"
            return DUPLICATE, rule, score
        if t >= 0.9 and au == _MATCH and same_place and coauthors()[1] >= 0.8:
            return DUPLICATE, f"title {t:.2f} + authors + year + volume + pages", score
        if t >= 0.8 and au == _MATCH and same_place and full_range and coauthors()[1] >= 0.8:
            # A second translation of a foreign title, or heavy editing: same page range.
            return DUPLICATE, f"title {t:.2f} + authors + year + volume + page range", score
        if contained and au == _MATCH and same_place and not generic:
            rule = "one title starts or ends the other + first author, year, volume, pages"
            return DUPLICATE, rule, score
        if (
            t == 1.0
            and au == _MISMATCH
            and same_place
            and ((coauthors()[0] >= 2 and coauthors()[1] >= 0.6) or _authors_in_order(a, b) >= 3)
        ):
            return DUPLICATE, "same title, co-authors, year, volume, pages", score
        if (
            t == 1.0
            and au == _MISMATCH
            and same_place
            and full_range
            and _span(a.pages) >= 4
            and journal == _MATCH
            and year_gap == 0
            and not generic
            and (_group_author(a.record) or _group_author(b.record))
        ):
            # A study group named as first author by one database, its writer by another:
            # the same title over the same page range of four or more pages (correspondence
            # under one heading shares a page or two, not a whole article's range).
            return DUPLICATE, "same title, journal, year, page range; a group as author", score
        if t == 1.0 and no_authors and same_place and journal == _MATCH and not generic:
            return DUPLICATE, "same title, journal, year, volume, pages (no authors)", score
        bare = not (a.volume or a.pages[0] or b.volume or b.pages[0])
        if (
            t == 1.0
            and bare
            and au == _MATCH
            and year_gap == 0
            and journal != _MISMATCH
            and not generic
            and _all_authors(coauthors(), a, b)
        ):
            # Grey literature, reports, working papers: nothing else to compare.
            return DUPLICATE, "same title, authors, year (no volume or pages)", score
    if (
        not blocked
        and year_gap == 1
        and t == 1.0
        and au == _MATCH
        and journal == _MATCH
        and not (a.conference or b.conference)
        and not generic
        and (not a.pages[0] or not b.pages[0])
        and _all_authors(coauthors(), a, b)
    ):
        # One record is the online-first version (no pages, the epub year).
        return DUPLICATE, "same title, authors, journal; one record ahead of print", score
    if (
        not blocked
        and year_gap == 1
        and t == 1.0
        and a.conference
        and b.conference
        and journal == _MATCH
        and not generic
        and not (a.volume or b.volume)
        and (not a.pages[0] or not b.pages[0])
        and coauthors()[0] >= 2
        and all_authors()
    ):
        # Proceedings indexed under the year they were published, the year after the
        # conference (Scopus's "ICIS 2017" records dated 2018): one record has no pages.
        return DUPLICATE, "conference paper: same title, authors, venue; proceedings year", score
    # Not sure: a person decides, unless the differences already answer the question.
    if t < 0.9 and not contained and au != _MATCH:
        return None
    if a.kind != b.kind and (au != _MATCH or contradictions):
        return None  # an erratum, retraction notice or reply printed elsewhere
    if generic and (conflicts or contradictions or au == _MISMATCH):
        return None  # "Editorial", "Reply"… in other issues, or by other people
    if conflicts and (contradictions or au != _MATCH or t < 0.95):
        return None  # different DOIs/PMIDs and more differences: different items
    if "different numbers in the titles" in traps and (contradictions or year_gap):
        return None  # "Part 1" / "Part 2", "Annual report 2019" / "… 2020"
    hard = [c for c in contradictions if c != "issue"]
    if hard and (au == _MISMATCH or (t < 0.95 and not contained) or len(hard) >= 3):
        return None  # similar titles, but other people, other places: other papers
    reasons = traps + conflicts + [f"{c} differs" for c in contradictions]
    if au == _MISMATCH:
        reasons.append("first author differs")
    if generic:
        reasons.append("generic title")
    what = "one title starts or ends the other" if contained else f"title {t:.2f}"
    if reasons:
        what += " but " + ", ".join(reasons)
    return UNCERTAIN, what, score


def _compare_without_title(
    a: _Prepared,
    b: _Prepared,
    au: int,
    year_gap: int | None,
    vol: int,
    pages: int,
    score: float,
) -> tuple[str, str, float] | None:
    """Decide a pair where one record (or both) has no title: at most "uncertain"."""
    if au != _MATCH or year_gap != 0 or vol != _MATCH or pages != _MATCH:
        return None
    return UNCERTAIN, "no title; same first author, year, volume and pages", score


# ------------------------------------------------------------------ candidate pairs
_BLOCK_ALL_PAIRS = 60  # exact-key blocks up to this size: every pair is a candidate
_WINDOW = 4  # sorted-neighbourhood window on titles
_TITLE_CUTOFF = 0.8  # least title similarity for fuzzy candidates
_AUTHOR_BLOCK_MAX = 3000


def _pairs_in_block(members: list[int], out: set[int], n: int) -> None:
    """Add every pair of a block (or neighbours only, when the block is huge)."""
    if len(members) <= _BLOCK_ALL_PAIRS:
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                out.add(x * n + y if x < y else y * n + x)
    else:
        for i, x in enumerate(members):
            for y in members[i + 1 : i + 1 + _WINDOW]:
                out.add(x * n + y if x < y else y * n + x)


def _pairs_between(xs: list[int], ys: list[int], out: set[int], n: int) -> None:
    """Add the pairs across two blocks of the same titles (at most 60 x 60 of them)."""
    for x in xs[:_BLOCK_ALL_PAIRS]:
        for y in ys[:_BLOCK_ALL_PAIRS]:
            out.add(x * n + y if x < y else y * n + x)


def _candidate_pairs(
    prepared: list[_Prepared], tick: Callable[[int], None], stop: Callable[[], bool]
) -> set[int]:
    """Return candidate pairs (encoded ``i * n + j``, i < j) from blocks of similar records.

    Blocks: the same DOI, PMID, title (without spaces) or year + volume + first page; titles
    within ``_WINDOW`` places of each other when sorted, and when sorted from their ends,
    with similarity >= ``_TITLE_CUTOFF``; the same first author in the same or next year
    with similar titles. Nothing is compared with everything.
    """
    n = len(prepared)
    out: set[int] = set()
    # 1. Exact keys: DOI, PMID, year+volume+first page (the same title: see below).
    by_doi: dict[str, list[int]] = defaultdict(list)
    by_pmid: dict[str, list[int]] = defaultdict(list)
    by_place: dict[str, list[int]] = defaultdict(list)
    for p in prepared:
        if p.doi:
            by_doi[p.doi].append(p.index)
        if p.pmid:
            by_pmid[p.pmid].append(p.index)
        if p.volume and p.pages[0] and p.year:
            by_place[f"{p.year}|{p.volume}|{p.pages[0]}"].append(p.index)
    for blocks in (by_doi, by_pmid, by_place):
        for members in blocks.values():
            if len(members) > 1:
                _pairs_in_block(members, out, n)
    del by_doi, by_pmid, by_place
    tick(n // 4)
    # 2. The same title (not a generic one): a block. Then sorted neighbourhood over the
    # distinct titles, sorted from their starts and from their ends.
    score_cutoff = _TITLE_CUTOFF
    similar = Indel.normalized_similarity
    extract = process.extract
    titled = [p for p in prepared if p.title]
    runs: dict[str, list[int]] = defaultdict(list)
    for p in titled:
        runs[p.tkey].append(p.index)
    for members in runs.values():
        if len(members) > 1 and not prepared[members[0]].generic:
            _pairs_in_block(members, out, n)
    distinct = [(key, prepared[members[0]].title, members) for key, members in runs.items()]
    del runs
    for reverse in (False, True):
        distinct.sort(key=(lambda d: d[0][::-1]) if reverse else (lambda d: d[0]))
        titles = [d[1] for d in distinct]
        for i, title in enumerate(titles):
            for _, _, j in extract(
                title,
                titles[i + 1 : i + 1 + _WINDOW],
                scorer=similar,
                score_cutoff=score_cutoff,
                limit=None,
            ):
                _pairs_between(distinct[i][2], distinct[i + 1 + j][2], out, n)
            # Titles that start (or, sorted from the end, end) with this one follow it.
            key = distinct[i][0]
            if len(key) >= _CONTAINED_SHORT:
                for j in range(i + 1, min(len(distinct), i + 1 + _WINDOW)):
                    other = distinct[j][0]
                    if not (other.endswith(key) if reverse else other.startswith(key)):
                        break
                    _pairs_between(distinct[i][2], distinct[j][2], out, n)
            if i % 10000 == 9999 and stop():
                return out
        tick(n // 4)
    # 3. First author + year (and the next year): similar titles within the block.
    by_author: dict[tuple[str, int], list[_Prepared]] = defaultdict(list)
    for p in titled:
        if p.family and p.year is not None:
            by_author[p.family, p.year].append(p)
    for (family, year), members in by_author.items():
        later = by_author.get((family, year + 1))
        if (len(members) < 2 and not later) or len(members) > _AUTHOR_BLOCK_MAX:
            continue
        everyone = members + later if later else members
        choices = [m.title for m in everyone]
        for i, p in enumerate(members):
            for _, _, j in extract(
                p.title, choices[i + 1 :], scorer=similar, score_cutoff=score_cutoff, limit=None
            ):
                x, y = p.index, everyone[i + 1 + j].index
                out.add(x * n + y if x < y else y * n + x)
    tick(n // 4)
    return out


# ------------------------------------------------------------------ public API
class _Groups:
    """Union-find over record ids that refuses unions joining records known to differ.

    Two records with different DOIs, or with different PMIDs, or a pair a person marked
    "not duplicates", never end up in one group, even through other records.
    """

    def __init__(
        self, identifiers: dict[int, tuple[str, str]], forbidden: set[tuple[int, int]]
    ) -> None:
        self.parent: dict[int, int] = {}
        self.members: dict[int, list[int]] = {}
        self.dois: dict[int, set[str]] = {}
        self.pmids: dict[int, set[str]] = {}
        self.identifiers = identifiers
        self.forbidden = forbidden

    def find(self, x: int) -> int:
        """Return the root of x's group."""
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:
            parent[x], x = root, parent[x]
        return root

    def _state(self, root: int) -> tuple[list[int], set[str], set[str]]:
        if root not in self.members:
            doi, pmid = self.identifiers.get(root, ("", ""))
            self.members[root] = [root]
            self.dois[root] = {doi} if doi else set()
            self.pmids[root] = {pmid} if pmid else set()
        return self.members[root], self.dois[root], self.pmids[root]

    def blocked(self, x: int, y: int) -> str | None:
        """Return why joining the groups of x and y is refused, or ``None`` if allowed."""
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return None
        mx, dx, px = self._state(rx)
        my, dy, py = self._state(ry)
        if len(dx | dy) > 1:
            return "would join records with different DOIs"
        if len(px | py) > 1:
            return "would join records with different PMIDs"
        if self.forbidden:
            for i in mx:
                for j in my:
                    if (i, j) in self.forbidden or (j, i) in self.forbidden:
                        return "would join a pair marked as not duplicates"
        return None

    def union(self, x: int, y: int) -> None:
        """Join the groups of x and y."""
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return
        mx, dx, px = self._state(rx)
        my, dy, py = self._state(ry)
        if len(mx) < len(my):
            rx, ry, mx, my, dx, dy, px, py = ry, rx, my, mx, dy, dx, py, px
        self.parent[ry] = rx
        mx.extend(my)
        dx |= dy
        px |= py
        del self.members[ry], self.dois[ry], self.pmids[ry]

    def groups(self) -> list[list[int]]:
        """Return the groups of two or more records."""
        return [m for m in self.members.values() if len(m) > 1]


def _identifiers(record: DedupeRecord) -> tuple[str, str]:
    return (record.doi or "").strip().lower(), (record.pmid or "").strip().lstrip("0")


def find_matches(
    records: Sequence[DedupeRecord],
    *,
    not_duplicates: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset(),
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Match]:
    """Return the pairs of records that are (or may be) the same publication.

    Args:
        records: The records to compare (ids unique).
        not_duplicates: Pairs a person said are different (either order); they are never
            returned. If A = B and B = C are both sure but (A, C) is refused, the stronger
            link is kept and the other comes back as "uncertain" ("…, but would join a pair
            marked as not duplicates"), so no group ever holds A and C; the person then
            decides where B belongs. Records with different DOIs (or PMIDs) are kept apart
            the same way.
        progress: Called as ``progress(done, total)`` every 2,000 records or pairs or so,
            ``done`` rising to ``total`` (the last call).
        cancelled: Polled as often; when it returns True the function returns ``[]``
            promptly (the caller should check ``cancelled()`` again and discard it).

    Returns:
        Matches with ``a < b``, sorted by (a, b). Every "duplicate" match can be grouped
        transitively without joining records with different DOIs or PMIDs or a refused pair.

    The cyclic garbage collector is paused during the run (it would walk the millions of
    small objects of a 100,000-record run again and again) and restarted afterwards.
    """
    # Preparing 100,000 records allocates millions of small objects; the cyclic garbage
    # collector would walk them again and again (about a third of the run time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _find_matches(records, not_duplicates, progress, cancelled)
    finally:
        if collecting:
            gc.enable()
        _author_key.cache_clear()  # up to ~30 MB of names; the next run starts afresh


def _find_matches(
    records: Sequence[DedupeRecord],
    not_duplicates: set[tuple[int, int]] | frozenset[tuple[int, int]],
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> list[Match]:
    # Progress: preparing, blocking and comparing count n units each; grouping 1.
    n = len(records)
    total = 3 * n + 1
    done = 0
    last_report = 0

    def tick(amount: int) -> None:
        nonlocal done, last_report
        done = min(total - 1, done + amount)
        if progress is not None and done - last_report >= 2000:
            last_report = done
            progress(done, total)

    def stop() -> bool:
        return cancelled is not None and cancelled()

    forbidden = {(min(a, b), max(a, b)) for a, b in not_duplicates}
    prepared: list[_Prepared] = []
    for i, record in enumerate(records):
        prepared.append(_Prepared(i, record))
        if i % 2000 == 1999:
            tick(2000)
            if stop():
                return []
    done = n
    if stop():
        return []
    candidates = _candidate_pairs(prepared, tick, stop)
    done = 2 * n
    if stop():
        return []
    raw: list[tuple[float, int, int, str, str]] = []
    per_block = max(1, n * 2000 // max(1, len(candidates)))
    for count, code in enumerate(candidates):
        x, y = divmod(code, n)
        p, q = prepared[x], prepared[y]
        if forbidden and ((p.id, q.id) in forbidden or (q.id, p.id) in forbidden):
            continue
        outcome = _compare(p, q)
        if outcome is not None:
            decision, rule, score = outcome
            raw.append((score, x, y, decision, rule))
        if count % 2000 == 1999:
            tick(per_block)
            if stop():
                return []
    # Group "duplicate" matches strongest first; a link that would chain different
    # publications (different DOIs/PMIDs, or a refused pair) becomes "uncertain".
    involved = {i for r in raw if r[3] == DUPLICATE for i in r[1:3]}
    groups = _Groups(
        {prepared[i].id: (prepared[i].doi, prepared[i].pmid) for i in involved}, forbidden
    )
    raw.sort(key=lambda r: (r[3] != DUPLICATE, -r[0], r[1], r[2]))
    matches: list[Match] = []
    for score, x, y, decision, rule in raw:
        ida, idb = prepared[x].id, prepared[y].id
        if decision == DUPLICATE:
            why = groups.blocked(ida, idb)
            if why is None:
                groups.union(ida, idb)
            else:
                decision, rule = UNCERTAIN, f"{rule}, but {why}"
        a, b = (ida, idb) if ida < idb else (idb, ida)
        matches.append(Match(a, b, decision, rule, score))
    matches.sort(key=lambda m: (m.a, m.b))
    if progress is not None:
        progress(total, total)
    return matches


def group_duplicates(
    records: Sequence[DedupeRecord],
    matches: Iterable[Match],
    *,
    not_duplicates: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset(),
) -> dict[int, int]:
    """Return duplicate id -> kept id for the groups the "duplicate" matches form.

    Only "duplicate" matches link records ("uncertain" ones never do, not even through
    a chain). Matches are applied strongest first; one that would put two records with
    different DOIs or PMIDs, or a pair in ``not_duplicates``, into one group is skipped
    (the records stay in separate groups). Matches from :func:`find_matches` already obey
    this, so all of them apply. Each group keeps its most complete record (most filled
    fields, then longest abstract), ties going to the lowest id; kept records are never
    keys of the result. Ids in ``matches`` that are not in ``records`` are ignored.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _group_duplicates(records, matches, not_duplicates)
    finally:
        if collecting:
            gc.enable()


def _group_duplicates(
    records: Sequence[DedupeRecord],
    matches: Iterable[Match],
    not_duplicates: set[tuple[int, int]] | frozenset[tuple[int, int]],
) -> dict[int, int]:
    sure = sorted(
        (m for m in matches if m.decision == DUPLICATE),
        key=lambda m: (-m.score, m.a, m.b),
    )
    involved = {m.a for m in sure} | {m.b for m in sure}
    by_id = {r.id: r for r in records if r.id in involved}
    forbidden = {(min(a, b), max(a, b)) for a, b in not_duplicates}
    groups = _Groups({i: _identifiers(r) for i, r in by_id.items()}, forbidden)
    for m in sure:
        if m.a in by_id and m.b in by_id and groups.blocked(m.a, m.b) is None:
            groups.union(m.a, m.b)
    result: dict[int, int] = {}
    for members in groups.groups():
        kept = max(members, key=lambda i: (_completeness(by_id[i]), -i))
        for i in members:
            if i != kept:
                result[i] = kept
    return result
