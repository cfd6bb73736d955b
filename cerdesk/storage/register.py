"""Reading the evidence register: imported files and records, counted and listed.

Queries run in SQLite (indexes, FTS5) rather than in Python, so that registers of
100,000 records list, filter and sort fast.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cerdesk.core.prisma import FlowInputs, OtherInputs
from cerdesk.storage.project import Project


@dataclass(frozen=True)
class ImportInfo:
    """One imported file.

    Attributes:
        id: Row id.
        search_run_id: The search run it belongs to.
        file_name: The file's name when imported.
        sha256: SHA-256 of its bytes.
        format: Format name.
        record_count: Records imported.
        skipped: Number of records left out.
        imported_at: When (UTC).
        imported_by: Who.
    """

    id: str
    search_run_id: str
    file_name: str
    sha256: str
    format: str
    record_count: int
    skipped: int
    imported_at: str
    imported_by: str


_IMPORT_SQL = (
    "SELECT id, search_run_id, file_name, sha256, format, record_count, skipped, "
    "created_at, created_by FROM import_file"
)


def _import(row: tuple[Any, ...]) -> ImportInfo:
    return ImportInfo(*row[:6], len(json.loads(row[6] or "[]")), row[7], row[8])


def imports(project: Project) -> list[ImportInfo]:
    """Return every imported file, oldest first."""
    return [_import(r) for r in project._conn.execute(f"{_IMPORT_SQL} ORDER BY rowid")]


def find_import_by_sha256(project: Project, sha256: str) -> ImportInfo | None:
    """Return the earlier import of the same bytes, if any."""
    row = project._conn.execute(f"{_IMPORT_SQL} WHERE sha256 = ? LIMIT 1", (sha256,)).fetchone()
    return _import(row) if row else None


def record_count(project: Project) -> int:
    """Return the number of records in the register."""
    return int(project._conn.execute("SELECT COUNT(*) FROM record").fetchone()[0])


#: Columns of :func:`iter_records` rows, in order.
RECORD_EXPORT_COLUMNS = (
    "id",
    "search_run",
    "database",
    "source_file",
    "source_index",
    "source_id",
    "title",
    "authors",
    "journal",
    "year",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "abstract",
    "keywords",
    "language",
    "publication_type",
    "duplicate_of",
    "duplicate_rule",
    "title_abstract",
    "title_abstract_reason",
    "full_text_decision",
    "full_text_reason",
    "full_text",
    "study",
)


def iter_records(project: Project) -> Iterator[dict[str, Any]]:
    """Yield every record with its provenance, in import order (lists as Python lists)."""
    cur = project._conn.execute(
        "SELECT r.id, s.code, s.database, f.file_name, r.source_index, r.source_id, r.title, "
        "r.authors, r.journal, r.year, r.volume, r.issue, r.pages, r.doi, r.pmid, "
        "t.abstract, r.keywords, r.language, r.publication_type, d.kept_id, d.rule "
        "FROM record r JOIN record_text t ON t.id = r.id "
        "LEFT JOIN duplicate_link d ON d.id = r.id "
        "JOIN import_file f ON f.id = r.import_file_id "
        "JOIN search_run s ON s.id = r.search_run_id ORDER BY r.id"
    )
    title = _screening_summary(project, "TITLE_ABSTRACT")
    full = _screening_summary(project, "FULL_TEXT")
    texts = dict(
        project._conn.execute(
            "SELECT record_id, CASE status WHEN 'ATTACHED' THEN 'attached: ' || file_name "
            "ELSE 'not retrieved' END FROM full_text"
        )
    )
    studies = dict(
        project._conn.execute(
            "SELECT r.id, s.code FROM study_report r JOIN study s ON s.id = r.study_id"
        )
    )
    base = RECORD_EXPORT_COLUMNS[: RECORD_EXPORT_COLUMNS.index("title_abstract")]
    for row in cur:
        item = dict(zip(base, row, strict=True))
        item["authors"] = json.loads(item["authors"])
        item["keywords"] = json.loads(item["keywords"])
        item["title_abstract"], item["title_abstract_reason"] = title.get(item["id"], (None, None))
        item["full_text_decision"], item["full_text_reason"] = full.get(item["id"], (None, None))
        item["full_text"] = texts.get(item["id"])
        item["study"] = studies.get(item["id"])
        yield item


def _screening_summary(project: Project, stage: str) -> dict[int, tuple[str, str | None]]:
    """Return record -> (agreed decision or "DISAGREE", reason code) at ``stage``."""
    cur = project._conn.execute(
        "SELECT record_id, MIN(decision), COUNT(DISTINCT decision), MIN(reason_code) "
        "FROM screening_decision WHERE stage = ? GROUP BY record_id",
        (stage,),
    )
    return {r: (d if n == 1 else "DISAGREE", c) for r, d, n, c in cur}


#: Sortable register columns (name -> SQL expression).
SORT_KEYS = {
    "id": "r.id",
    "title": "r.title COLLATE NOCASE",
    "authors": "r.authors COLLATE NOCASE",
    "year": "r.year",
    "journal": "r.journal COLLATE NOCASE",
    "run": "s.code",
    "source": "f.file_name COLLATE NOCASE, r.source_index",
}


def _agreed(stage: str, decision: str) -> str:
    return (
        f"r.id IN (SELECT record_id FROM screening_decision WHERE stage = '{stage}' "
        f"GROUP BY record_id HAVING MIN(decision) = '{decision}' AND MAX(decision) = "
        f"'{decision}')"
    )


#: Screening states the register can be filtered by: key -> (label, SQL condition on r).
STATES = {
    "unscreened": (
        "Not screened yet",
        "r.id NOT IN (SELECT record_id FROM screening_decision WHERE stage = 'TITLE_ABSTRACT')"
        " AND r.id NOT IN (SELECT id FROM duplicate_link)",
    ),
    "ta_included": ("Included at title/abstract", _agreed("TITLE_ABSTRACT", "INCLUDE")),
    "ta_excluded": ("Excluded at title/abstract", _agreed("TITLE_ABSTRACT", "EXCLUDE")),
    "undecided": (
        "Unsure or disagreeing",
        "r.id IN (SELECT record_id FROM screening_decision GROUP BY record_id, stage "
        "HAVING COUNT(DISTINCT decision) > 1 OR MIN(decision) = 'UNSURE')",
    ),
    "ft_included": ("Included at full text", _agreed("FULL_TEXT", "INCLUDE")),
    "ft_excluded": ("Excluded at full text", _agreed("FULL_TEXT", "EXCLUDE")),
    "duplicates": ("Duplicates", "r.id IN (SELECT id FROM duplicate_link)"),
}


def parse_years(text: str) -> tuple[int | None, int | None]:
    """Read a year filter: "2019", "2016-2026", "2016–", "-2015" (empty: no limit).

    Raises:
        ValueError: the text is not a year or a range of years.
    """
    cleaned = text.strip().replace("–", "-").replace("—", "-").replace(" ", "")
    if not cleaned:
        return (None, None)
    match = re.fullmatch(r"(\d{4})?(-)?(\d{4})?", cleaned)
    if not match or not (match.group(1) or match.group(3)):
        raise ValueError(f"{text!r} is not a year or a range of years (2016-2026)")
    first = int(match.group(1)) if match.group(1) else None
    last = int(match.group(3)) if match.group(3) else None
    if not match.group(2):
        last = first
    if first is not None and last is not None and first > last:
        first, last = last, first
    return (first, last)


def fts_query(text: str) -> str | None:
    """Turn what a user typed into an FTS5 query: every word must occur (as a prefix).

    Quotes keep a phrase together (``"femoral neck"``); FTS5 operators typed by the user
    are treated as words, so no input is a syntax error.
    """
    terms: list[str] = []
    phrase: list[str] = []
    in_phrase = False
    for token in text.replace('"', ' " ').split():
        if token == '"':
            if in_phrase and phrase:
                terms.append('"' + " ".join(phrase) + '"')
            phrase, in_phrase = [], not in_phrase
            continue
        parts = re.findall(r"\w+", token)
        if not parts:
            continue
        if in_phrase:
            phrase.extend(parts)
        elif len(parts) > 1:
            terms.append('"' + " ".join(parts) + '"')  # "cut-out" is the phrase "cut out"
        else:
            terms.append(f'"{parts[0]}"*')
    if phrase:
        terms.append('"' + " ".join(phrase) + '"')
    return " AND ".join(terms) or None


def record_ids(
    project: Project,
    *,
    search: str = "",
    run_id: str | None = None,
    sort: str = "id",
    descending: bool = False,
    hide_duplicates: bool = False,
    state: str | None = None,
    years: tuple[int | None, int | None] = (None, None),
) -> list[int]:
    """Return the ids of the records matching ``search`` (full text) and ``run_id``, sorted.

    With ``hide_duplicates`` the records linked as duplicates are left out; ``state``
    (a key of :data:`STATES`) keeps only records in that screening state.
    """
    where, params = [], []
    if state:
        where.append(STATES[state][1])
    if years[0] is not None:
        where.append("r.year >= ?")
        params.append(years[0])
    if years[1] is not None:
        where.append("r.year <= ?")
        params.append(years[1])
    if hide_duplicates:
        where.append("r.id NOT IN (SELECT id FROM duplicate_link)")
    match = fts_query(search)
    if match:
        # Screening notes are few: a LIKE over them joins the full-text index's hits.
        words = [w for w in re.findall(r"\w+", search) if w]
        note_where = " AND ".join("note LIKE ?" for _ in words) or "0"
        where.append(
            "(r.id IN (SELECT rowid FROM record_fts WHERE record_fts MATCH ?) OR r.id IN "
            f"(SELECT record_id FROM screening_decision WHERE {note_where}))"
        )
        params.append(match)
        params.extend(f"%{w}%" for w in words)
    if run_id:
        where.append("r.search_run_id = ?")
        params.append(run_id)
    order = SORT_KEYS.get(sort, "r.id")
    direction = "DESC" if descending else "ASC"
    # Join only when sorting needs it: the indexes on record then serve the ORDER BY.
    joins = ""
    if sort == "run":
        joins = " JOIN search_run s ON s.id = r.search_run_id"
    elif sort == "source":
        joins = " JOIN import_file f ON f.id = r.import_file_id"
    sql = (
        f"SELECT r.id FROM record r{joins}"
        + (f" WHERE {' AND '.join(where)}" if where else "")
        + f" ORDER BY {order} {direction}, r.id {direction}"
    )
    return [row[0] for row in project._conn.execute(sql, params)]


#: Columns of :func:`record_rows` values, in order.
ROW_COLUMNS = (
    "id",
    "title",
    "authors",
    "year",
    "journal",
    "doi",
    "run",
    "source",
    "index",
    "duplicate_of",
    "title_abstract",
    "full_text",
)


def record_rows(project: Project, ids: list[int]) -> dict[int, tuple[Any, ...]]:
    """Return display values (see :data:`ROW_COLUMNS`) of the records ``ids``."""
    out: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        cur = project._conn.execute(
            "SELECT r.id, r.title, r.authors, r.year, r.journal, r.doi, s.code, f.file_name, "
            "r.source_index, d.kept_id, "
            "(SELECT GROUP_CONCAT(DISTINCT decision) FROM screening_decision "
            "WHERE record_id = r.id AND stage = 'TITLE_ABSTRACT'), "
            "(SELECT GROUP_CONCAT(DISTINCT decision) FROM screening_decision "
            "WHERE record_id = r.id AND stage = 'FULL_TEXT') "
            "FROM record r JOIN search_run s ON s.id = r.search_run_id "
            "JOIN import_file f ON f.id = r.import_file_id "
            f"LEFT JOIN duplicate_link d ON d.id = r.id WHERE r.id IN ({marks})",
            chunk,
        )
        for row in cur:
            authors = json.loads(row[2])
            shown = "; ".join(authors[:3]) + (" et al." if len(authors) > 3 else "")
            out[row[0]] = (row[0], row[1], shown, *row[3:])
    return out


def record_detail(project: Project, record_id: int) -> dict[str, Any]:
    """Return every stored value of one record, with its file and run."""
    cur = project._conn.execute(
        "SELECT r.*, t.abstract, t.raw, t.extra, f.file_name, f.format, s.code AS run_code, "
        "s.database FROM record r JOIN record_text t ON t.id = r.id "
        "JOIN import_file f ON f.id = r.import_file_id "
        "JOIN search_run s ON s.id = r.search_run_id WHERE r.id = ?",
        (record_id,),
    )
    row = cur.fetchone()
    if row is None:
        return {}
    data = dict(zip([d[0] for d in cur.description], row, strict=True))
    for key in ("authors", "keywords"):
        data[key] = json.loads(data[key])
    return data


# ------------------------------------------------------------------ duplicates
def dedupe_rows(project: Project) -> list[tuple[Any, ...]]:
    """Return the fields de-duplication compares, one tuple per record (by id).

    Order: id, title, authors (list), year, journal, journal_abbrev, volume, issue,
    pages, doi, pmid, abstract, publication_type.
    """
    cur = project._conn.execute(
        "SELECT r.id, r.title, r.authors, r.year, r.journal, r.journal_abbrev, r.volume, "
        "r.issue, r.pages, r.doi, r.pmid, t.abstract, r.publication_type "
        "FROM record r JOIN record_text t ON t.id = r.id ORDER BY r.id"
    )
    return [(row[0], row[1], tuple(json.loads(row[2])), *row[3:]) for row in cur]


def duplicate_links(project: Project) -> dict[int, int]:
    """Return duplicate record id -> kept record id."""
    return dict(project._conn.execute("SELECT id, kept_id FROM duplicate_link"))


def not_duplicate_pairs(project: Project) -> set[tuple[int, int]]:
    """Return the pairs a person decided are not duplicates (smaller id first)."""
    return {
        (a, b) for a, b in project._conn.execute("SELECT record_a, record_b FROM not_duplicate")
    }


@dataclass(frozen=True)
class Candidate:
    """A pair the matcher was unsure of.

    Attributes:
        id: Row id.
        record_a: One record (smaller id).
        record_b: The other.
        rule: Why they look alike.
        score: Similarity, 0–1.
    """

    id: int
    record_a: int
    record_b: int
    rule: str
    score: float | None


def candidates(project: Project) -> list[Candidate]:
    """Return the pairs waiting for review, most similar first."""
    cur = project._conn.execute(
        "SELECT id, record_a, record_b, rule, score FROM duplicate_candidate "
        "ORDER BY score DESC, id"
    )
    return [Candidate(*row) for row in cur]


def duplicate_count(project: Project) -> int:
    """Return how many records are linked as duplicates (removed before screening)."""
    return int(project._conn.execute("SELECT COUNT(*) FROM duplicate_link").fetchone()[0])


# ------------------------------------------------------------------- screening
def record_exists(project: Project, record_id: int) -> bool:
    """Tell whether ``record_id`` is in the register."""
    row = project._conn.execute("SELECT 1 FROM record WHERE id = ?", (record_id,)).fetchone()
    return row is not None


def is_duplicate(project: Project, record_id: int) -> bool:
    """Tell whether ``record_id`` is linked as a duplicate."""
    row = project._conn.execute(
        "SELECT 1 FROM duplicate_link WHERE id = ?", (record_id,)
    ).fetchone()
    return row is not None


def decision_of(project: Project, record_id: int, stage: str, reviewer: str) -> str | None:
    """Return the id of a reviewer's decision row, or ``None``."""
    row = project._conn.execute(
        "SELECT id FROM screening_decision WHERE record_id = ? AND stage = ? AND reviewer = ?",
        (record_id, stage, reviewer),
    ).fetchone()
    return row[0] if row else None


def decisions(project: Project, record_id: int, stage: str) -> list[tuple[str, str, str | None]]:
    """Return (reviewer, decision, reason_code) of every reviewer for one record and stage."""
    cur = project._conn.execute(
        "SELECT reviewer, decision, reason_code FROM screening_decision "
        "WHERE record_id = ? AND stage = ? ORDER BY created_at, reviewer",
        (record_id, stage),
    )
    return list(cur)


def final_decision(project: Project, record_id: int, stage: str) -> str | None:
    """Return the record's decision at ``stage`` if its reviewers agree, else ``None``.

    One reviewer's decision is final; with several, they must agree (disagreements are
    resolved by the reviewers changing their decisions).
    """
    found = {d for _r, d, _c in decisions(project, record_id, stage)}
    return found.pop() if len(found) == 1 else None


def screened_ids(project: Project) -> set[int]:
    """Return the records that have any screening decision."""
    return {
        row[0] for row in project._conn.execute("SELECT DISTINCT record_id FROM screening_decision")
    }


def screening_queue(project: Project, stage: str, reviewer: str) -> list[int]:
    """Return the records ``reviewer`` can screen at ``stage``, in register order.

    Duplicates are left out; full-text screening lists only records included at
    title/abstract (by every reviewer who decided).
    """
    sql = "SELECT r.id FROM record r WHERE r.id NOT IN (SELECT id FROM duplicate_link)"
    params: list[Any] = []
    if stage == "FULL_TEXT":
        sql += (
            " AND r.id IN (SELECT record_id FROM screening_decision WHERE stage = "
            "'TITLE_ABSTRACT' GROUP BY record_id HAVING MIN(decision) = 'INCLUDE' "
            "AND MAX(decision) = 'INCLUDE')"
        )
    sql += " ORDER BY r.id"
    return [row[0] for row in project._conn.execute(sql, params)]


def my_decisions(project: Project, stage: str, reviewer: str) -> dict[int, tuple[str, str | None]]:
    """Return record id -> (decision, reason_code) of ``reviewer`` at ``stage``."""
    cur = project._conn.execute(
        "SELECT record_id, decision, reason_code FROM screening_decision "
        "WHERE stage = ? AND reviewer = ?",
        (stage, reviewer),
    )
    return {row[0]: (row[1], row[2]) for row in cur}


def highlight_terms(project: Project) -> tuple[list[str], list[str]]:
    """Return the plan's words to highlight: (inclusion terms, exclusion terms)."""
    include, exclude = [], []
    for criterion_type, terms in project._conn.execute(
        "SELECT criterion_type, highlight_terms FROM eligibility_criterion ORDER BY position"
    ):
        target = exclude if criterion_type == "EXCLUSION" else include
        target.extend(t for t in json.loads(terms or "[]") if t.strip())
    return include, exclude


# ---------------------------------------------------------------------- PRISMA
#: Source types whose records PRISMA counts under "other methods".
_OTHER_METHODS = ("GREY", "HAND_SEARCH", "CITATION_CHASING")

_NOT_RETRIEVED_HINTS = ("not retriev", "not available", "no full text", "not_retriev", "no_ft")


def final_decisions(project: Project, stage: str) -> dict[int, tuple[str, str | None]]:
    """Return record -> (decision, reason) where all reviewers agree, for non-duplicates.

    An agreed "unsure" is not final: the record still waits for a decision.
    """
    cur = project._conn.execute(
        "SELECT record_id, MIN(decision), COUNT(DISTINCT decision), MIN(reason_code) "
        "FROM screening_decision WHERE stage = ? "
        "AND record_id NOT IN (SELECT id FROM duplicate_link) GROUP BY record_id",
        (stage,),
    )
    out = {}
    for record_id, decision, kinds, reason in cur:
        if kinds == 1 and decision != "UNSURE":
            # Reviewers who agree to exclude for different reasons: the first code counts.
            out[record_id] = (decision, reason)
    return out


def search_categories(project: Project) -> list[str]:
    """Return the categories the project's search runs are filed under, in run order."""
    rows = project._conn.execute(
        "SELECT category FROM search_run WHERE category IS NOT NULL ORDER BY position, id"
    )
    return list(dict.fromkeys(row[0] for row in rows))


def prisma_inputs(project: Project, category: str | None = None) -> FlowInputs:
    """Read every count of the PRISMA 2020 flow from the register.

    With ``category``, only the records of search runs filed under it count (one diagram
    per search category, as MDCG 2020-13 §D asks the searches to be described).
    """
    conn = project._conn
    run_filter = "WHERE s.category = ?" if category else ""
    params = (category,) if category else ()
    identified: dict[str, int] = {}
    for name, count in conn.execute(
        "SELECT COALESCE(NULLIF(TRIM(s.database), ''), s.code), COUNT(r.id) FROM search_run s "
        f"LEFT JOIN record r ON r.search_run_id = s.id {run_filter} "
        "GROUP BY s.id ORDER BY s.position, s.id",
        params,
    ):
        identified[name] = identified.get(name, 0) + count
    scope: set[int] | None = None
    if category:
        scope = {
            row[0]
            for row in conn.execute(
                "SELECT r.id FROM record r JOIN search_run s ON s.id = r.search_run_id "
                "WHERE s.category = ?",
                params,
            )
        }

    sources: dict[str, set[str]] = {}
    for name, kind in conn.execute(
        "SELECT name, source_type FROM search_database WHERE name IS NOT NULL"
    ):
        sources.setdefault(str(kind), set()).add(str(name).casefold())
    registers = sources.get("TRIAL_REGISTER", set())
    other_kinds = set().union(*(sources.get(k, set()) for k in _OTHER_METHODS))
    other_names = {n for n in identified if n.casefold() in other_kinds}
    register_sources = frozenset(n for n in identified if n.casefold() in registers)
    by_run_name = dict(
        conn.execute(
            "SELECT r.id, COALESCE(NULLIF(TRIM(s.database), ''), s.code) FROM record r "
            "JOIN search_run s ON s.id = r.search_run_id"
        )
    )
    links = set(duplicate_links(project))
    labels = dict(conn.execute("SELECT code, label FROM exclusion_reason WHERE code IS NOT NULL"))
    title_all = final_decisions(project, "TITLE_ABSTRACT")
    full_all = final_decisions(project, "FULL_TEXT")
    lost = not_retrieved_ids(project)

    def not_retrieved(code: str | None) -> bool:
        text = f"{code} {labels.get(code, '')}".casefold()
        return any(hint in text for hint in _NOT_RETRIEVED_HINTS)

    def reports(sought: set[int]) -> dict[str, Any]:
        full = {r: v for r, v in full_all.items() if r in sought}
        missing = {r for r in sought if r in lost}
        missing |= {r for r, (d, c) in full.items() if d == "EXCLUDE" and not_retrieved(c)}
        assessed = {r: v for r, v in full.items() if r not in missing}
        reasons: dict[str, int] = {}
        for decision, code in assessed.values():
            if decision == "EXCLUDE":
                reasons[code or "?"] = reasons.get(code or "?", 0) + 1
        return {
            "sought": len(sought),
            "not_retrieved": len(missing),
            "assessed": len(assessed),
            "excluded_reports": [
                (code, labels.get(code) or code, n) for code, n in sorted(reasons.items())
            ],
            "included": {r for r, (d, _c) in assessed.items() if d == "INCLUDE"},
            "awaiting_assessment": len(sought - missing - set(full)),
        }

    in_scope = set(by_run_name) if scope is None else scope
    other_ids = {r for r in in_scope if by_run_name.get(r) in other_names}
    database_ids = in_scope - other_ids
    db_identified = {n: c for n, c in identified.items() if n not in other_names}
    duplicates = len(links & database_ids)
    title = {r: v for r, v in title_all.items() if r in database_ids and r not in links}
    main = reports({r for r, (d, _c) in title.items() if d == "INCLUDE"})
    other = None
    included = set(main["included"])
    if other_ids:
        candidates = other_ids - links
        excluded_early = {r for r in candidates if title_all.get(r, ("", None))[0] == "EXCLUDE"}
        side = reports(candidates - excluded_early)
        included |= side["included"]
        other = OtherInputs(
            identified={n: c for n, c in identified.items() if n in other_names},
            sought=side["sought"],
            not_retrieved=side["not_retrieved"],
            assessed=side["assessed"],
            excluded_reports=side["excluded_reports"],
            included_reports=len(side["included"]),
            awaiting_assessment=side["awaiting_assessment"],
        )
    total = sum(db_identified.values())
    return FlowInputs(
        identified=db_identified,
        register_sources=register_sources,
        duplicates=duplicates,
        screened=len(title),
        awaiting_screening=total - duplicates - len(title),
        excluded_screening=sum(1 for d, _c in title.values() if d == "EXCLUDE"),
        sought=main["sought"],
        not_retrieved=main["not_retrieved"],
        assessed=main["assessed"],
        excluded_reports=main["excluded_reports"],
        included_reports=len(main["included"]),
        included_studies=count_studies(project, included),
        awaiting_assessment=main["awaiting_assessment"],
        other=other,
    )


def disagreements(project: Project, stage: str) -> list[int]:
    """Return the records whose reviewers disagree at ``stage`` (duplicates left out)."""
    cur = project._conn.execute(
        "SELECT record_id FROM screening_decision WHERE stage = ? "
        "AND record_id NOT IN (SELECT id FROM duplicate_link) "
        "GROUP BY record_id HAVING COUNT(DISTINCT decision) > 1 ORDER BY record_id",
        (stage,),
    )
    return [row[0] for row in cur]


# ------------------------------------------------------------------ full texts
def full_text_of(project: Project, record_id: int) -> dict[str, Any] | None:
    """Return the full-text row of ``record_id`` (status, sha256, file_name, note), or None."""
    cur = project._conn.execute(
        "SELECT id, status, sha256, file_name, note FROM full_text WHERE record_id = ?",
        (record_id,),
    )
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row, strict=True)) if row else None


def stored_file(project: Project, sha256: str) -> bytes | None:
    """Return the bytes of a stored file, or None."""
    row = project._conn.execute(
        "SELECT data FROM stored_file WHERE sha256 = ?", (sha256,)
    ).fetchone()
    return bytes(row[0]) if row else None


def not_retrieved_ids(project: Project) -> set[int]:
    """Return the records whose full text was recorded as not retrieved."""
    return {
        r[0]
        for r in project._conn.execute(
            "SELECT record_id FROM full_text WHERE status = 'NOT_RETRIEVED'"
        )
    }


# ---------------------------------------------------------------------- studies
def study_of(project: Project, record_id: int) -> str | None:
    """Return the id of the study ``record_id`` is grouped in, or None."""
    row = project._conn.execute(
        "SELECT study_id FROM study_report WHERE id = ?", (record_id,)
    ).fetchone()
    return row[0] if row else None


def study_reports(project: Project, study_id: str) -> list[int]:
    """Return the records grouped in a study."""
    cur = project._conn.execute(
        "SELECT id FROM study_report WHERE study_id = ? ORDER BY id", (study_id,)
    )
    return [row[0] for row in cur]


def study_code(project: Project, study_id: str) -> str:
    """Return a study's code (STU-001…)."""
    row = project._conn.execute("SELECT code FROM study WHERE id = ?", (study_id,)).fetchone()
    return row[0] if row else "?"


def next_study_code(project: Project) -> str:
    """Return the next free study code."""
    numbers = [0]
    for (code,) in project._conn.execute("SELECT code FROM study"):
        match = re.fullmatch(r"STU-(\d+)", code or "")
        if match:
            numbers.append(int(match.group(1)))
    return f"STU-{max(numbers) + 1:03d}"


def count_studies(project: Project, record_ids: set[int]) -> int:
    """Return how many studies the reports ``record_ids`` describe."""
    groups = dict(project._conn.execute("SELECT id, study_id FROM study_report"))
    return len({groups.get(r, f"record-{r}") for r in record_ids})
