"""Screening decisions on a real project: rules, changes, undo, queues."""

from __future__ import annotations

import pytest

from cerdesk.core.bibliography import ParsedRecord, ParseResult
from cerdesk.core.errors import UserError
from cerdesk.ops import evidence, plan, screening
from cerdesk.storage import register
from cerdesk.storage.project import Project


@pytest.fixture
def screened(project: Project) -> Project:
    records = [
        ParsedRecord(source_index=i, raw=f"r{i}", title=f"Study {i}", doi=f"10.5555/{i}")
        for i in range(1, 5)
    ]
    evidence.import_files(
        project,
        [evidence.ExportFile("a.ris", "a" * 64, 1, ParseResult("ris", records))],
        new_run={"database": "PubMed"},
    )
    plan.add_item(project, "exclusion_reason", {"code": "WRONG_POP", "label": "Wrong population"})
    plan.add_item(
        project,
        "exclusion_reason",
        {"code": "NO_FT", "label": "Full text not retrievable", "stage": "FULL_TEXT"},
    )
    return project


def test_decisions_need_a_plan_reason_to_exclude(screened: Project) -> None:
    with pytest.raises(UserError, match="WRONG_POP"):
        screening.decide(screened, 1, "TITLE_ABSTRACT", "EXCLUDE")
    with pytest.raises(UserError, match="WRONG_POP"):
        screening.decide(screened, 1, "TITLE_ABSTRACT", "EXCLUDE", reason_code="NO_FT")
    screening.decide(screened, 1, "TITLE_ABSTRACT", "EXCLUDE", reason_code="WRONG_POP")
    assert register.decisions(screened, 1, "TITLE_ABSTRACT") == [("tester", "EXCLUDE", "WRONG_POP")]
    assert screening.exclusion_reasons(screened, "FULL_TEXT") == [
        ("WRONG_POP", "Wrong population"),
        ("NO_FT", "Full text not retrievable"),
    ]


def test_changing_a_decision_is_one_row_and_undoable(screened: Project) -> None:
    screening.decide(screened, 2, "TITLE_ABSTRACT", "UNSURE", note="check design")
    screening.decide(screened, 2, "TITLE_ABSTRACT", "INCLUDE")
    assert register.decisions(screened, 2, "TITLE_ABSTRACT") == [("tester", "INCLUDE", None)]
    assert screened.undo_status().undo_label == "Include record 2 (title/abstract)"
    screened.undo()
    assert register.decisions(screened, 2, "TITLE_ABSTRACT") == [("tester", "UNSURE", None)]
    screening.clear(screened, 2, "TITLE_ABSTRACT")
    assert register.decisions(screened, 2, "TITLE_ABSTRACT") == []
    log = screened.change_log(limit=5)
    assert any(e.entity == "screening_decision" and e.action == "delete" for e in log)


def test_full_text_only_after_inclusion_and_never_for_duplicates(screened: Project) -> None:
    with pytest.raises(UserError, match="not included at title/abstract"):
        screening.decide(screened, 3, "FULL_TEXT", "INCLUDE")
    screening.decide(screened, 3, "TITLE_ABSTRACT", "INCLUDE")
    assert register.screening_queue(screened, "FULL_TEXT", "tester") == [3]
    screening.decide(screened, 3, "FULL_TEXT", "EXCLUDE", reason_code="NO_FT")
    assert register.final_decision(screened, 3, "FULL_TEXT") == "EXCLUDE"
    # A second reviewer who disagrees makes the decision not final.
    screening.decide(screened, 3, "TITLE_ABSTRACT", "UNSURE", reviewer="Second")
    assert register.final_decision(screened, 3, "TITLE_ABSTRACT") is None
    assert register.screening_queue(screened, "FULL_TEXT", "tester") == []

    screened._conn.execute(  # link record 4 as a duplicate of 1, as de-duplication would
        "INSERT INTO duplicate_link (id, kept_id, rule, batch, created_at, created_by, "
        "updated_at) VALUES (4, 1, 'same DOI', 'b', 't', 'u', 't')"
    )
    with pytest.raises(UserError, match="duplicate"):
        screening.decide(screened, 4, "TITLE_ABSTRACT", "INCLUDE")
    assert register.screening_queue(screened, "TITLE_ABSTRACT", "tester") == [1, 2, 3]


def test_prisma_counts_follow_the_decisions(screened: Project) -> None:
    from cerdesk.core.prisma import build_flow

    screening.decide(screened, 1, "TITLE_ABSTRACT", "INCLUDE")
    screening.decide(screened, 2, "TITLE_ABSTRACT", "EXCLUDE", reason_code="WRONG_POP")
    screening.decide(screened, 3, "TITLE_ABSTRACT", "UNSURE")
    screening.decide(screened, 1, "FULL_TEXT", "EXCLUDE", reason_code="NO_FT")
    flow = build_flow(register.prisma_inputs(screened))
    assert flow.databases == (4, [("PubMed", 4)])
    assert (flow.screened, flow.excluded, flow.sought) == (2, 1, 1)
    assert flow.not_retrieved == 1  # "Full text not retrievable"
    assert flow.assessed == 0 and flow.studies_included == 0
    assert flow.pending == [("Records awaiting screening", 2)]
    assert flow.problems == []


def test_register_filters_by_screening_state(screened: Project) -> None:
    screening.decide(screened, 1, "TITLE_ABSTRACT", "INCLUDE")
    screening.decide(screened, 2, "TITLE_ABSTRACT", "EXCLUDE", reason_code="WRONG_POP")
    screening.decide(screened, 3, "TITLE_ABSTRACT", "INCLUDE")
    screening.decide(
        screened, 3, "TITLE_ABSTRACT", "EXCLUDE", reason_code="WRONG_POP", reviewer="Other"
    )
    screening.decide(screened, 1, "FULL_TEXT", "INCLUDE")

    def ids(state: str) -> list[int]:
        return register.record_ids(screened, state=state)

    assert ids("unscreened") == [4]
    assert ids("ta_included") == [1]
    assert ids("ta_excluded") == [2]
    assert ids("undecided") == [3]
    assert ids("ft_included") == [1]
    assert ids("ft_excluded") == []
    assert ids("duplicates") == []


def test_year_filter_parsing_and_query(screened: Project) -> None:
    assert register.parse_years("") == (None, None)
    assert register.parse_years("2019") == (2019, 2019)
    assert register.parse_years("2016 – 2026") == (2016, 2026)
    assert register.parse_years("2020-") == (2020, None)
    assert register.parse_years("-2015") == (None, 2015)
    assert register.parse_years("2026-2016") == (2016, 2026)
    for bad in ("19", "abc", "-", "2019-20"):
        with pytest.raises(ValueError):
            register.parse_years(bad)
    screened._conn.execute("UPDATE record SET year = 2010 + id")
    assert register.record_ids(screened, years=(2012, 2013)) == [2, 3]
    assert register.record_ids(screened, years=(None, 2011)) == [1]


def test_prisma_per_search_category(screened: Project) -> None:
    from cerdesk.core.prisma import build_flow

    [run] = screened.items("search_run")
    plan.set_field(screened, "search_run", run.id, "category", "DEVICE_UNDER_EVALUATION")
    more = [ParsedRecord(source_index=i, raw=f"s{i}", title=f"SOTA {i}") for i in (1, 2)]
    evidence.import_files(
        screened,
        [evidence.ExportFile("b.ris", "b" * 64, 1, ParseResult("ris", more))],
        new_run={"database": "Embase", "category": "SOTA_ALTERNATIVES"},
    )
    screening.decide(screened, 5, "TITLE_ABSTRACT", "INCLUDE")
    assert register.search_categories(screened) == ["DEVICE_UNDER_EVALUATION", "SOTA_ALTERNATIVES"]
    device = build_flow(register.prisma_inputs(screened, "DEVICE_UNDER_EVALUATION"))
    sota = build_flow(register.prisma_inputs(screened, "SOTA_ALTERNATIVES"))
    everything = build_flow(register.prisma_inputs(screened))
    assert device.databases == (4, [("PubMed", 4)]) and device.screened == 0
    assert sota.databases == (2, [("Embase", 2)]) and sota.screened == 1
    assert everything.databases[0] == 6
    assert device.problems == sota.problems == everything.problems == []


def test_register_export_carries_the_screening_outcome(screened: Project) -> None:
    screening.decide(screened, 1, "TITLE_ABSTRACT", "INCLUDE")
    screening.decide(screened, 2, "TITLE_ABSTRACT", "EXCLUDE", reason_code="WRONG_POP")
    screening.decide(screened, 3, "TITLE_ABSTRACT", "INCLUDE")
    screening.decide(screened, 3, "TITLE_ABSTRACT", "UNSURE", reviewer="Other")
    screening.decide(screened, 1, "FULL_TEXT", "EXCLUDE", reason_code="NO_FT")
    rows = {r["id"]: r for r in register.iter_records(screened)}
    assert (rows[1]["title_abstract"], rows[1]["full_text_decision"]) == ("INCLUDE", "EXCLUDE")
    assert rows[1]["full_text_reason"] == "NO_FT"
    assert (rows[2]["title_abstract"], rows[2]["title_abstract_reason"]) == ("EXCLUDE", "WRONG_POP")
    assert rows[3]["title_abstract"] == "DISAGREE"
    assert rows[4]["title_abstract"] is None and rows[4]["study"] is None


def test_search_finds_screening_notes(screened: Project) -> None:
    screening.decide(screened, 3, "TITLE_ABSTRACT", "UNSURE", note="Check the Markov model")
    assert register.record_ids(screened, search="markov") == [3]
    assert register.record_ids(screened, search="Study 2") == [2]
    assert register.record_ids(screened, search="markov zebra") == []


def test_prisma_other_methods_column(screened: Project) -> None:
    from cerdesk.core.prisma import build_flow

    plan.add_item(
        screened,
        "search_database",
        {"name": "Citation chasing", "source_type": "CITATION_CHASING"},
    )
    extra = [ParsedRecord(source_index=i, raw=f"c{i}", title=f"Cited {i}") for i in (1, 2, 3)]
    evidence.import_files(
        screened,
        [evidence.ExportFile("cited.ris", "c" * 64, 1, ParseResult("ris", extra))],
        new_run={"database": "Citation chasing"},
    )
    # Records 5-7 come from citation chasing; 7 is judged off-topic at once.
    screening.decide(screened, 7, "TITLE_ABSTRACT", "EXCLUDE", reason_code="WRONG_POP")
    screening.decide(screened, 5, "TITLE_ABSTRACT", "INCLUDE")
    screening.decide(screened, 5, "FULL_TEXT", "INCLUDE")
    screening.decide(screened, 1, "TITLE_ABSTRACT", "INCLUDE")
    screening.decide(screened, 1, "FULL_TEXT", "INCLUDE")
    flow = build_flow(register.prisma_inputs(screened))
    assert flow.databases == (4, [("PubMed", 4)])
    assert flow.other is not None
    assert flow.other.identified == (3, [("Citation chasing", 3)])
    assert (flow.other.sought, flow.other.assessed) == (2, 1)
    assert (flow.studies_included, flow.reports_included) == (2, 2)
    assert flow.problems == []
    assert flow.as_dict()["other_methods"]["reports_sought"] == 2
