"""Appraisal edits on a real project file: grades, fields, fill down, results, undo."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from cerdesk.core.appraisal import IMDRF_N56, MEDDEV_A6, suggest_weight
from cerdesk.core.errors import UserError
from cerdesk.ops import appraisal, plan, screening
from cerdesk.ops.sample import write_sample
from cerdesk.storage import appraisal as reads
from cerdesk.storage import register
from cerdesk.storage.project import Project


def _forget_appraisal(path: Path) -> None:
    """Start from the sample's register and plan without its appraisal (test setup)."""
    conn = sqlite3.connect(path)
    with conn:
        for table in ("extracted_outcome", "appraisal_grade", "source"):
            conn.execute(f"DELETE FROM {table}")
    conn.close()


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[Project]:
    path = write_sample(tmp_path / "sample.cerdesk")
    _forget_appraisal(path)
    with Project.open(path, user="appraiser") as project:
        yield project


def _keys(project: Project) -> list[str]:
    return [v.key for v in reads.sources(project) if v.included]


def _view(project: Project, key: str) -> reads.SourceView:
    return next(v for v in reads.sources(project) if v.key == key)


def test_grade_by_typing_its_number_and_undo(sample: Project) -> None:
    key = _keys(sample)[0]
    appraisal.set_value(sample, key, ("IMDRF_N56", "D"), "1")
    assert _view(sample, key).grade("IMDRF_N56", "D") == "D1"
    appraisal.set_value(sample, key, ("IMDRF_N56", "D"), "d2")
    assert _view(sample, key).grade("IMDRF_N56", "D") == "D2"
    sample.undo()
    assert _view(sample, key).grade("IMDRF_N56", "D") == "D1"
    sample.undo()
    assert _view(sample, key).row is None  # the first edit also created the source row
    sample.redo()
    assert _view(sample, key).grade("IMDRF_N56", "D") == "D1"


def test_wrong_grade_is_refused_and_nothing_written(sample: Project) -> None:
    key = _keys(sample)[0]
    before = len(sample.change_log())
    with pytest.raises(UserError, match="D1, D2, D3"):
        appraisal.set_value(sample, key, ("IMDRF_N56", "D"), "4")
    assert _view(sample, key).row is None
    assert len(sample.change_log()) == before


def test_flags_and_findings(sample: Project) -> None:
    key = _keys(sample)[1]
    appraisal.set_value(sample, key, ("MEDDEV_A6", "A6.b"), "x")
    appraisal.set_justification(sample, key, "MEDDEV_A6", "A6.b", "Only 12 patients.")
    view = _view(sample, key)
    assert view.grade("MEDDEV_A6", "A6.b") == "FLAG"
    assert view.justification("MEDDEV_A6", "A6.b") == "Only 12 patients."
    appraisal.set_value(sample, key, ("MEDDEV_A6", "A6.b"), "no")
    assert _view(sample, key).grade("MEDDEV_A6", "A6.b") is None
    assert _view(sample, key).justification("MEDDEV_A6", "A6.b") == "Only 12 patients."


def test_source_fields_persist_after_reopening(sample: Project, tmp_path: Path) -> None:
    key = _keys(sample)[2]
    appraisal.set_value(sample, key, ("source", "weight"), "PIVOTAL")
    appraisal.set_value(sample, key, ("source", "mdcg_rank"), 4)
    appraisal.set_value(sample, key, ("source", "usable_for"), ("SAFETY",))
    with pytest.raises(UserError):
        appraisal.set_value(sample, key, ("source", "mdcg_rank"), 13)
    path = sample.path
    sample.close()
    with Project.open(path, user="other") as again:
        view = _view(again, key)
        assert (view.value("weight"), view.value("mdcg_rank")) == ("PIVOTAL", 4)
        assert view.value("usable_for") == ("SAFETY",)


def test_fill_down_is_one_undo_step(sample: Project) -> None:
    keys = _keys(sample)[:4]
    appraisal.set_value(sample, keys[0], ("IMDRF_N56", "A"), "A2")
    appraisal.set_value(sample, keys[0], ("source", "study_design"), "CASE_SERIES")
    appraisal.fill_down(sample, keys, [("IMDRF_N56", "A"), ("source", "study_design")])
    assert {_view(sample, k).grade("IMDRF_N56", "A") for k in keys} == {"A2"}
    assert {_view(sample, k).value("study_design") for k in keys} == {"CASE_SERIES"}
    sample.undo()
    assert [_view(sample, k).grade("IMDRF_N56", "A") for k in keys] == ["A2", None, None, None]


def test_copy_appraisal_copies_grades_and_fields_not_results(sample: Project) -> None:
    keys = _keys(sample)
    for item, grade in zip(IMDRF_N56.items, "111111111", strict=True):
        appraisal.set_value(sample, keys[0], ("IMDRF_N56", item.code), grade)
    appraisal.set_justification(sample, keys[0], "IMDRF_N56", "D", "Subject device.")
    appraisal.set_value(sample, keys[0], ("source", "weight"), "SUPPORTIVE")
    criterion = sample.items("acceptance_criterion")[0].id
    appraisal.add_outcome(sample, keys[0], criterion, {"events": 3, "total": 40, "page_ref": "T2"})
    appraisal.copy_appraisal(sample, keys[0], keys[1:3])
    for key in keys[1:3]:
        view = _view(sample, key)
        assert view.scheme_grades("IMDRF_N56") == _view(sample, keys[0]).scheme_grades("IMDRF_N56")
        assert view.justification("IMDRF_N56", "D") == "Subject device."
        assert view.value("weight") == "SUPPORTIVE"
        assert reads.outcomes_of(sample, view.source_id) == []


def test_results_validate_and_block_deleting_their_criterion(sample: Project) -> None:
    key = _keys(sample)[0]
    criterion = sample.items("acceptance_criterion")[0]
    with pytest.raises(UserError, match="cannot exceed"):
        appraisal.add_outcome(sample, key, criterion.id, {"events": 5, "total": 4})
    with pytest.raises(UserError, match="does not exist"):
        appraisal.add_outcome(sample, key, "nope", {"events": 1, "total": 4})
    made = appraisal.add_outcome(sample, key, criterion.id, {"events": 1, "total": 4})
    with pytest.raises(UserError, match="cannot exceed"):
        appraisal.set_outcome(sample, made.created_id, {"events": 9})
    with pytest.raises(UserError, match="1 extracted result"):
        plan.delete_item(sample, "acceptance_criterion", criterion.id)
    objective = criterion.parent_id
    with pytest.raises(UserError, match="extracted result"):
        plan.delete_item(sample, "objective", objective)
    appraisal.delete_outcome(sample, made.created_id)
    plan.delete_item(sample, "acceptance_criterion", criterion.id)
    sample.undo()
    sample.undo()
    assert len(reads.outcomes(sample)) == 1


def test_excluded_source_keeps_its_appraisal_until_discarded(sample: Project) -> None:
    view = next(v for v in reads.sources(sample) if v.kind == "record")
    appraisal.set_value(sample, view.key, ("IMDRF_N56", "D"), "D1")
    with pytest.raises(UserError, match="still included"):
        appraisal.discard_source(sample, view.key)
    record_id = view.record_ids[0]
    code = screening.exclusion_reasons(sample, "FULL_TEXT")[0][0]
    for reviewer, _decision, _reason in register.decisions(sample, record_id, "FULL_TEXT"):
        screening.decide(
            sample, record_id, "FULL_TEXT", "EXCLUDE", reason_code=code, reviewer=reviewer
        )
    left = _view(sample, view.key)
    assert not left.included and left.grade("IMDRF_N56", "D") == "D1"
    appraisal.discard_source(sample, view.key)
    assert all(v.key != view.key for v in reads.sources(sample))
    sample.undo()
    assert _view(sample, view.key).grade("IMDRF_N56", "D") == "D1"


def test_grade_labels_are_per_project(sample: Project) -> None:
    appraisal.set_grade_label(sample, "IMDRF_N56", "D2", "D2 Equivalent device")
    assert reads.grade_labels(sample) == {("IMDRF_N56", "D2"): "D2 Equivalent device"}
    appraisal.set_grade_label(sample, "IMDRF_N56", "D2", "")
    assert reads.grade_labels(sample) == {}
    with pytest.raises(UserError):
        appraisal.set_grade_label(sample, "IMDRF_N56", "D9", "x")


@pytest.mark.parametrize(
    ("grades", "flags", "equivalent", "weight"),
    [
        ("D1 A1 P1 R1 T1 O1 F1 S2 C2", 0, False, "PIVOTAL"),
        ("D1 A1 P1 R1 T1 O1 F1 S2 C2", 1, False, "SUPPORTIVE"),
        ("D2 A1 P1 R1 T1 O1 F1 S1 C1", 0, False, "SUPPORTIVE"),
        ("D2 A1 P1 R1 T1 O1 F1 S1 C1", 0, True, "PIVOTAL"),
        ("D1 A2 P2 R2 T2 O2 F1 S1 C1", 0, False, "SUPPORTIVE"),
        ("D1 A2 P2 R2 T2 O2 F2 S1 C1", 0, False, "BACKGROUND"),
        ("D1 A3 P1 R1 T1 O1 F1 S1 C1", 0, False, "BACKGROUND"),
        ("D3 A1 P1 R1 T1 O1 F1 S1 C1", 0, True, "BACKGROUND"),
    ],
)
def test_suggested_weight_rule(grades: str, flags: int, equivalent: bool, weight: str) -> None:
    given = {g[0]: g for g in grades.split()}
    suggestion = suggest_weight(given, flags, equivalence_shown=equivalent)
    assert suggestion is not None and suggestion.weight == weight
    assert suggestion.text.startswith("Suggested:")


def test_no_suggestion_until_suitability_is_graded() -> None:
    assert suggest_weight({"D": "D1", "A": "A1", "P": "P1"}) is None


def test_item_parse() -> None:
    d = IMDRF_N56.item("D")
    assert [d.parse(t) for t in ("D1", "2", " d3 ", "", None)] == ["D1", "D2", "D3", None, None]
    flag = MEDDEV_A6.item("A6.a")
    assert [flag.parse(t) for t in ("x", "yes", "n", "")] == ["FLAG", "FLAG", None, None]
    with pytest.raises(ValueError, match="not a grade"):
        d.parse("excellent")
