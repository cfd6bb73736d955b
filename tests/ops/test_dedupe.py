"""De-duplication on a real project: links, review decisions, unlink, undo, re-runs."""

from __future__ import annotations

import pytest

from cerdesk.core.bibliography import ParsedRecord, ParseResult
from cerdesk.core.errors import UserError
from cerdesk.ops import dedupe, evidence
from cerdesk.storage import register
from cerdesk.storage.project import Project


def _record(i: int, title: str, **kw: object) -> ParsedRecord:
    base = {
        "authors": ("Roe, Jane", "Doe, John"),
        "year": 2020,
        "journal": "Injury",
        "volume": "51",
        "pages": "100-108",
    }
    base.update(kw)
    return ParsedRecord(source_index=i, raw=f"record {i}", title=title, **base)  # type: ignore[arg-type]


def _import(project: Project, records: list[ParsedRecord], name: str) -> None:
    evidence.import_files(
        project,
        [evidence.ExportFile(name, name * 8, 10, ParseResult("ris", records))],
        new_run={"database": name},
    )


@pytest.fixture
def project_with_duplicates(project: Project) -> Project:
    _import(
        project,
        [
            _record(1, "Cannulated screws for femoral neck fractures", doi="10.5555/a"),
            _record(2, "Sliding hip screw versus nails", doi="10.5555/b", pages="5-9"),
            _record(3, "Scaphoid waist fractures: a cohort", doi="10.5555/c", pages="20-29"),
        ],
        "pubmed",
    )
    _import(
        project,
        [
            _record(1, "CANNULATED SCREWS FOR FEMORAL NECK FRACTURES.", doi="10.5555/A"),
            _record(2, "Erratum: Sliding hip screw versus nails", doi=None, pages="200"),
            _record(
                3,
                "Outcomes in elderly patients with hip arthroplasty",
                doi="10.5555/z",
                pages="300-310",
                authors=("Smith, A",),
            ),
        ],
        "embase",
    )
    return project


def test_run_links_duplicates_and_keeps_all_records(project_with_duplicates: Project) -> None:
    project = project_with_duplicates
    outcome = dedupe.run_dedupe(project)
    assert outcome.records == 6
    links = register.duplicate_links(project)
    assert links == {4: 1}  # the Embase copy of record 1, by DOI; the erratum is not merged
    assert register.record_count(project) == 6
    rows = {r["id"]: r for r in register.iter_records(project)}
    assert rows[4]["duplicate_of"] == 1 and rows[4]["duplicate_rule"]
    assert project.undo_status().undo_label.startswith("Find duplicates: 1 linked")
    # A second run finds nothing new and makes no undo step.
    again = dedupe.run_dedupe(project)
    assert (again.linked, again.already_linked) == (0, 1)
    assert again.changes.empty
    project.undo()
    assert register.duplicate_links(project) == {}
    project.redo()
    assert register.duplicate_links(project) == {4: 1}


def test_unlink_is_remembered(project_with_duplicates: Project) -> None:
    project = project_with_duplicates
    dedupe.run_dedupe(project)
    dedupe.unlink(project, 4)
    assert register.duplicate_links(project) == {}
    assert (1, 4) in register.not_duplicate_pairs(project)
    assert dedupe.run_dedupe(project).linked == 0  # never re-proposed
    with pytest.raises(UserError):
        dedupe.unlink(project, 4)


def test_review_decisions(project: Project) -> None:
    _import(
        project,
        [_record(1, "Fixation of femoral neck fractures with three screws: 2-year results")],
        "a",
    )
    _import(
        project,
        [
            _record(
                1,
                "Fixation of femoral neck fractures with three screws: 5-year results",
                year=2023,
                volume="54",
                pages="1-9",
            )
        ],
        "b",
    )
    project._conn.execute(  # a pair waiting for review, as a run would queue it
        "INSERT INTO duplicate_candidate (record_a, record_b, rule, score, batch, created_at, "
        "created_by, updated_at) VALUES (1, 2, 'similar title', 0.9, 'x', 't', 'u', 't')"
    )
    [pair] = register.candidates(project)
    dedupe.decide_candidate(project, pair.id, duplicate=False)
    assert register.candidates(project) == []
    assert (1, 2) in register.not_duplicate_pairs(project)
    project.undo()
    [pair] = register.candidates(project)
    dedupe.decide_candidate(project, pair.id, duplicate=True, keep=2)
    assert register.duplicate_links(project) == {1: 2}
    with pytest.raises(UserError, match="already decided"):
        dedupe.decide_candidate(project, pair.id, duplicate=True)


def test_cancel_writes_nothing(project_with_duplicates: Project) -> None:
    with pytest.raises(dedupe.DedupeCancelledError):
        dedupe.run_dedupe(project_with_duplicates, cancelled=lambda: True)
    assert register.duplicate_links(project_with_duplicates) == {}


def test_annual_update_keeps_last_years_screened_record(project: Project) -> None:
    """The record screened last year stays kept, so its decision carries over."""
    from cerdesk.ops import plan, screening

    _import(project, [_record(1, "Cannulated screws in the elderly", doi=None, pmid=None)], "old")
    plan.add_item(project, "exclusion_reason", {"code": "X", "label": "Off topic"})
    screening.decide(project, 1, "TITLE_ABSTRACT", "INCLUDE")
    # This year's export has the same paper, more complete (DOI, PMID, abstract).
    _import(
        project,
        [
            _record(
                1,
                "Cannulated screws in the elderly.",
                doi="10.5555/new",
                pmid="99000042",
                abstract="A long abstract.",
                issue="3",
            )
        ],
        "new",
    )
    dedupe.run_dedupe(project)
    assert register.duplicate_links(project) == {2: 1}
    assert register.screening_queue(project, "TITLE_ABSTRACT", "tester") == [1]
    assert register.my_decisions(project, "TITLE_ABSTRACT", "tester") == {1: ("INCLUDE", None)}
