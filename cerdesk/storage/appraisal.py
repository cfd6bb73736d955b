"""Reads of the appraisal: which sources there are, their grades and extracted results.

A *source* is one unit of evidence: an included study (several reports grouped), an
included report in no group, or one of the manufacturer's own datasets. The list is
computed from the evidence register each time (so it follows screening and grouping);
the ``source`` table holds what the user entered for a unit, keyed by ``source_key``.
A source row whose unit has left the review is still listed, marked as no longer
included, so that nothing the user entered disappears from view.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from cerdesk.core.entities import entity
from cerdesk.storage import register
from cerdesk.storage.project import Project

#: The manufacturer's own data, in the order the grid lists them (after literature).
OWN_DATA_TABLES = ("clinical_investigation", "pmcf_study", "registry_source", "pms_period")

#: What each kind of source is called in the grid.
KIND_LABELS = {
    "record": "Literature",
    "study": "Literature",
    "clinical_investigation": "Clinical investigation",
    "pmcf_study": "PMCF study",
    "registry_source": "Registry",
    "pms_period": "PMS data",
}


@dataclass
class SourceView:
    """One row of the appraisal grid.

    Attributes:
        key: ``record:12``, ``study:<id>``, ``clinical_investigation:<id>``…
        code: Short name shown first ("REC-12", "STU-002", "CI-01").
        kind: The part of ``key`` before the colon.
        title: Title of the publication or dataset.
        citation: "First author et al. (year)" for literature, else the kind.
        record_ids: The reports of a literature source (empty for own data).
        included: False if the unit has left the review (kept for its data).
        row: The stored ``source`` row, or None while nothing was entered.
        grades: (scheme, item) -> (grade, justification).
    """

    key: str
    code: str
    kind: str
    title: str
    citation: str
    record_ids: tuple[int, ...] = ()
    included: bool = True
    row: dict[str, Any] | None = None
    grades: dict[tuple[str, str], tuple[str | None, str | None]] = field(default_factory=dict)

    @property
    def source_id(self) -> str | None:
        """Id of the stored ``source`` row, or None."""
        return self.row["id"] if self.row else None

    def value(self, name: str) -> Any:
        """Return a stored field of the source (None while not entered)."""
        if self.row is None:
            return None
        value = self.row.get(name)
        if name == "usable_for":
            return tuple(json.loads(value or "[]"))
        if name == "clinical_data" and value is not None:
            return bool(value)
        return value

    def grade(self, scheme: str, item: str) -> str | None:
        """Return the grade given for ``item`` of ``scheme``, or None."""
        return self.grades.get((scheme, item), (None, None))[0]

    def justification(self, scheme: str, item: str) -> str | None:
        """Return the justification of a grade, or None."""
        return self.grades.get((scheme, item), (None, None))[1]

    def scheme_grades(self, scheme: str) -> dict[str, str]:
        """Return item -> grade for the given grades of one scheme."""
        return {i: g for (s, i), (g, _j) in self.grades.items() if s == scheme and g}


def included_record_ids(project: Project) -> list[int]:
    """Return the records included at full text (reviewers agree), in register order."""
    final = register.final_decisions(project, "FULL_TEXT")
    return sorted(rid for rid, (decision, _r) in final.items() if decision == "INCLUDE")


def _citation(authors_json: str, year: int | None) -> str:
    authors = json.loads(authors_json or "[]")
    first = authors[0].split(",")[0].strip() if authors else "Anonymous"
    more = " et al." if len(authors) > 1 else ""
    return f"{first}{more} ({year})" if year else f"{first}{more}"


def _literature(project: Project) -> list[SourceView]:
    ids = included_record_ids(project)
    if not ids:
        return []
    conn = project._conn
    groups = dict(conn.execute("SELECT id, study_id FROM study_report"))
    studies = {r[0]: r[1] for r in conn.execute("SELECT id, code FROM study")}
    info: dict[int, tuple[str, str, int | None]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for rid, title, authors, year in conn.execute(
            f"SELECT id, title, authors, year FROM record WHERE id IN ({marks})", chunk
        ):
            info[rid] = (title or "(no title)", authors, year)
    by_study: dict[str, list[int]] = defaultdict(list)
    units: list[SourceView] = []
    for rid in ids:
        study_id = groups.get(rid)
        if study_id:
            by_study[study_id].append(rid)
            if len(by_study[study_id]) > 1:
                continue
        title, authors, year = info[rid]
        if study_id:
            units.append(
                SourceView(
                    f"study:{study_id}",
                    studies.get(study_id, "STU-?"),
                    "study",
                    title,
                    _citation(authors, year),
                )
            )
        else:
            units.append(
                SourceView(
                    f"record:{rid}", f"REC-{rid}", "record", title, _citation(authors, year), (rid,)
                )
            )
    for unit in units:
        if unit.kind == "study":
            unit.record_ids = tuple(by_study[unit.key.split(":", 1)[1]])
    return units


def _own_data_title(table: str, item: Any) -> str:
    if table == "pms_period":
        return f"PMS data {item.get('period_start') or '?'} – {item.get('period_end') or '?'}"
    return item.get("name" if table == "registry_source" else "title") or ""


def _own_data(project: Project) -> list[SourceView]:
    units = []
    for table in OWN_DATA_TABLES:
        spec = entity(table)
        for item in project.items(table):
            code = item.get("code") or f"{spec.code_prefix or table.upper()}-{item.position + 1}"
            title = _own_data_title(table, item) or spec.label
            units.append(SourceView(f"{table}:{item.id}", code, table, title, KIND_LABELS[table]))
    return units


def source_rows(project: Project) -> dict[str, dict[str, Any]]:
    """Return source_key -> stored ``source`` row."""
    cur = project._conn.execute("SELECT * FROM source ORDER BY position, id")
    names = [d[0] for d in cur.description]
    return {row[1]: dict(zip(names, row, strict=True)) for row in cur}


def source_by_key(project: Project, key: str) -> dict[str, Any] | None:
    """Return the stored ``source`` row for ``key``, or None."""
    cur = project._conn.execute("SELECT * FROM source WHERE source_key = ?", (key,))
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row, strict=True)) if row else None


def all_grades(project: Project) -> dict[str, dict[tuple[str, str], tuple[str | None, str | None]]]:
    """Return source id -> (scheme, item) -> (grade, justification)."""
    out: dict[str, dict[tuple[str, str], tuple[str | None, str | None]]] = defaultdict(dict)
    for source_id, scheme, item, grade, justification in project._conn.execute(
        "SELECT source_id, scheme, item, grade, justification FROM appraisal_grade"
    ):
        out[source_id][(scheme, item)] = (grade, justification)
    return out


def grade_row_id(project: Project, source_id: str, scheme: str, item: str) -> str | None:
    """Return the id of the stored grade of one item, or None."""
    row = project._conn.execute(
        "SELECT id FROM appraisal_grade WHERE source_id = ? AND scheme = ? AND item = ?",
        (source_id, scheme, item),
    ).fetchone()
    return row[0] if row else None


def grade_labels(project: Project) -> dict[tuple[str, str], str]:
    """Return (scheme, grade) -> the project's own label for the grade."""
    return {
        (scheme, grade): label
        for scheme, grade, label in project._conn.execute(
            "SELECT scheme, grade, label FROM grade_label"
        )
    }


def grade_label_id(project: Project, scheme: str, grade: str) -> str | None:
    """Return the id of the project's label for a grade, or None."""
    row = project._conn.execute(
        "SELECT id FROM grade_label WHERE scheme = ? AND grade = ?", (scheme, grade)
    ).fetchone()
    return row[0] if row else None


def sources(project: Project) -> list[SourceView]:
    """Return every row of the appraisal grid: literature, then own data, then leftovers.

    Rows whose unit is no longer included but which hold entered data come last, with
    ``included`` False.
    """
    units = _literature(project) + _own_data(project)
    stored = source_rows(project)
    grades = all_grades(project)
    seen = set()
    for unit in units:
        seen.add(unit.key)
        unit.row = stored.get(unit.key)
        if unit.row:
            unit.grades = grades.get(unit.row["id"], {})
    for key, row in stored.items():
        if key in seen:
            continue
        kind = key.split(":", 1)[0]
        units.append(
            SourceView(
                key,
                key.split(":", 1)[1][:8] if kind == "study" else key,
                kind,
                "(no longer included in the review)",
                KIND_LABELS.get(kind, kind),
                included=False,
                row=row,
                grades=grades.get(row["id"], {}),
            )
        )
    return units


def outcomes(project: Project) -> list[dict[str, Any]]:
    """Return every extracted result with its source key, in source and list order."""
    cur = project._conn.execute(
        "SELECT o.*, s.source_key FROM extracted_outcome o JOIN source s ON s.id = o.source_id "
        "ORDER BY s.position, s.id, o.position"
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur]


def outcomes_of(project: Project, source_id: str) -> list[dict[str, Any]]:
    """Return the extracted results of one source, in list order."""
    cur = project._conn.execute(
        "SELECT * FROM extracted_outcome WHERE source_id = ? ORDER BY position", (source_id,)
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur]


def outcome_count_for_criteria(project: Project, criterion_ids: list[str]) -> int:
    """Return how many extracted results refer to any of ``criterion_ids``."""
    if not criterion_ids:
        return 0
    marks = ",".join("?" * len(criterion_ids))
    row = project._conn.execute(
        f"SELECT COUNT(*) FROM extracted_outcome WHERE acceptance_criterion_id IN ({marks})",
        criterion_ids,
    ).fetchone()
    return int(row[0])


def next_source_position(project: Project) -> int:
    """Return the position a new ``source`` row takes (after the others)."""
    row = project._conn.execute("SELECT COALESCE(MAX(position) + 1, 0) FROM source").fetchone()
    return int(row[0])
