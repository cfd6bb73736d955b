"""The analysis against acceptance criteria, on real project files."""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from cerdesk.cli import main
from cerdesk.ops import analysis, appraisal, plan
from cerdesk.ops.analysis import INCONCLUSIVE, MET, NO_DATA, NOT_MET, decide
from cerdesk.ops.sample import write_sample
from cerdesk.storage import appraisal as reads
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
    with Project.open(path, user="analyst") as project:
        yield project


def _criterion(project: Project, code: str) -> str:
    return next(c.id for c in project.items("acceptance_criterion") if c["code"] == code)


def _result(project: Project, code: str) -> analysis.CriterionResult:
    for objective in analysis.analyse(project).objectives:
        for c in objective.criteria:
            if c.code == code:
                return c
    raise AssertionError(code)


def _own_criterion(project: Project, **values: object) -> str:
    """A safety objective with one criterion: proportion <= 10 %, CI bound rule."""
    made = plan.add_item(project, "objective", {"category": "SAFETY", "statement": "Test"})
    defaults = {
        "metric": "PROPORTION",
        "operator": "LE",
        "threshold": 10,
        "unit": "%",
        "decision_rule": "CI_BOUND_95",
        "code": "AC-T",
    }
    defaults.update(values)
    crit = plan.add_item(project, "acceptance_criterion", defaults, parent_id=made.created_id)
    return str(crit.created_id)


def _weighted(project: Project, n: int, weight: str = "SUPPORTIVE") -> list[str]:
    keys = [v.key for v in reads.sources(project) if v.kind == "record"][:n]
    appraisal.set_values(project, keys, ("source", "weight"), weight)
    return keys


@pytest.mark.parametrize(
    ("estimate", "low", "high", "operator", "rule", "verdict"),
    [
        (0.05, 0.02, 0.08, "LE", "CI_BOUND_95", MET),
        (0.05, 0.02, 0.12, "LE", "CI_BOUND_95", INCONCLUSIVE),
        (0.11, 0.09, 0.14, "LE", "CI_BOUND_95", NOT_MET),
        (0.05, 0.02, 0.12, "LE", "POINT_ESTIMATE", MET),
        (0.10, 0.05, 0.15, "LT", "POINT_ESTIMATE", NOT_MET),
        (0.92, 0.88, 0.95, "GE", "CI_BOUND_95", INCONCLUSIVE),
        (0.95, 0.91, 0.98, "GE", "ONE_SIDED_97_5", MET),
        (0.85, 0.80, 0.89, "GE", "CI_BOUND_95", NOT_MET),
    ],
)
def test_decision_rule(
    estimate: float, low: float, high: float, operator: str, rule: str, verdict: str
) -> None:
    threshold = 0.10 if operator in ("LE", "LT") else 0.90
    favourable = "LOWER" if operator in ("LE", "LT") else "HIGHER"
    assert decide(estimate, low, high, threshold, operator, favourable, rule) == verdict


def test_single_source_uses_the_exact_interval(sample: Project) -> None:
    crit = _own_criterion(sample, threshold=30)
    key = _weighted(sample, 1, "PIVOTAL")[0]
    appraisal.add_outcome(sample, key, crit, {"events": 7, "total": 50, "page_ref": "Table 2"})
    result = _result(sample, "AC-T")
    # cer-domain.md §6.1: x = 7, n = 50 -> Clopper-Pearson (0.05819, 0.26740).
    assert result.summary is not None and result.summary.k == 1
    assert math.isclose(result.summary.low, 0.05819, abs_tol=1e-5)
    assert math.isclose(result.summary.high, 0.26740, abs_tol=1e-5)
    assert result.verdict == MET
    plan.set_field(sample, "analysis_settings", "1", "single_ci", "WILSON")
    wilson = _result(sample, "AC-T").summary
    assert wilson is not None
    assert (round(wilson.low, 5), round(wilson.high, 5)) == (0.06951, 0.26186)


def test_zero_events_report_the_exact_upper_bound(sample: Project) -> None:
    crit = _own_criterion(sample, threshold=5)
    key = _weighted(sample, 1)[0]
    appraisal.add_outcome(sample, key, crit, {"events": 0, "total": 30, "page_ref": "p. 4"})
    result = _result(sample, "AC-T")
    assert result.summary is not None and result.summary.high == pytest.approx(0.11570, abs=1e-5)
    assert result.verdict == INCONCLUSIVE
    assert any("exact 95% upper bound is 11.6 %" in n for n in result.notes)
    assert any("Too few patients (30)" in n for n in result.notes)


def test_pooling_with_heterogeneity_and_pivotal_sensitivity(sample: Project) -> None:
    crit = _own_criterion(sample, threshold=20)
    keys = _weighted(sample, 4)
    appraisal.set_value(sample, keys[0], ("source", "weight"), "PIVOTAL")
    for key, (events, total) in zip(keys, [(2, 100), (10, 50), (30, 120), (1, 80)], strict=True):
        appraisal.add_outcome(
            sample, key, crit, {"events": events, "total": total, "page_ref": "T"}
        )
    result = _result(sample, "AC-T")
    s = result.summary
    assert s is not None and s.k == 4 and s.i2 is not None and s.i2 > 0.5
    assert s.pi_low is not None and s.pi_low <= s.low <= s.estimate <= s.high <= s.pi_high
    assert result.sensitivity is not None and result.sensitivity.k == 1
    assert sum(r.weight or 0 for r in result.rows) == pytest.approx(1)
    forest = result.forest()
    assert len(forest.rows) == 4 and forest.summary is not None
    assert forest.threshold == pytest.approx(0.20) and forest.favourable_side == "below"


def test_sources_left_out_say_why(sample: Project) -> None:
    crit = _own_criterion(sample)
    views = [v for v in reads.sources(sample) if v.kind == "record"][:4]
    appraisal.set_value(sample, views[1].key, ("source", "weight"), "BACKGROUND")
    appraisal.set_value(sample, views[2].key, ("source", "weight"), "SUPPORTIVE")
    appraisal.set_value(sample, views[2].key, ("source", "device_relation"), "SIMILAR")
    appraisal.set_value(sample, views[3].key, ("source", "weight"), "SUPPORTIVE")
    appraisal.set_value(sample, views[3].key, ("source", "usable_for"), ("PERFORMANCE",))
    for view in views:
        appraisal.add_outcome(sample, view.key, crit, {"events": 1, "total": 40, "page_ref": "T"})
    result = _result(sample, "AC-T")
    reasons = dict(result.excluded)
    assert reasons[views[0].code] == "not yet weighted in the appraisal"
    assert reasons[views[1].code] == "weighted as background"
    assert "Art. 2(48)" in reasons[views[2].code]
    assert "performance only" in reasons[views[3].code]
    assert result.verdict == NO_DATA and result.summary is None


def test_threshold_that_is_not_a_proportion(sample: Project) -> None:
    crit = _own_criterion(sample, threshold=12, unit="")
    key = _weighted(sample, 1)[0]
    appraisal.add_outcome(sample, key, crit, {"events": 1, "total": 40, "page_ref": "T"})
    result = _result(sample, "AC-T")
    assert result.verdict == NO_DATA and "give the unit as %" in result.reason


def test_reported_medians_are_compared_not_pooled(sample: Project) -> None:
    crit = _own_criterion(sample, metric="MEDIAN", threshold=12, unit="weeks")
    keys = _weighted(sample, 2)
    appraisal.add_outcome(sample, keys[0], crit, {"mean": 10, "page_ref": "T"})
    appraisal.add_outcome(sample, keys[1], crit, {"mean": 14, "page_ref": "T"})
    result = _result(sample, "AC-T")
    assert result.verdict == INCONCLUSIVE
    assert any("not pooled" in n for n in result.notes)
    # The forest plot shows each source against the threshold, with no pooled diamond.
    forest = result.forest()
    assert len(forest.rows) == 2 and forest.summary is None


def test_not_met_objective_becomes_a_gap(sample: Project) -> None:
    crit = _own_criterion(sample, threshold=1)
    key = _weighted(sample, 1)[0]
    appraisal.add_outcome(sample, key, crit, {"events": 20, "total": 100, "page_ref": "T"})
    result = analysis.analyse(sample)
    objective = next(o for o in result.objectives if any(c.code == "AC-T" for c in o.criteria))
    assert objective.verdict == NOT_MET
    assert any(g.ref == objective.code and "PMCF" in g.text for g in result.gaps)


def test_edge_inputs_never_give_nan(sample: Project) -> None:
    crit = _own_criterion(sample, threshold=50)
    keys = _weighted(sample, 3)
    for key, (events, total) in zip(keys, [(0, 10), (10, 10), (0, 1)], strict=True):
        appraisal.add_outcome(
            sample, key, crit, {"events": events, "total": total, "page_ref": "T"}
        )
    result = _result(sample, "AC-T")
    s = result.summary
    assert s is not None
    for value in (s.estimate, s.low, s.high, *(r.estimate for r in result.rows)):
        assert math.isfinite(value)


def test_cli_analyse(sample: Project, capsys: pytest.CaptureFixture[str]) -> None:
    crit = _own_criterion(sample, threshold=30)
    key = _weighted(sample, 1)[0]
    appraisal.add_outcome(sample, key, crit, {"events": 7, "total": 50, "page_ref": "T"})
    path = sample.path
    sample.close()
    assert main(["analyse", str(path)]) == 0
    out = capsys.readouterr().out
    assert "AC-T ≤ 30 %: Met" in out and "14.0 % [5.8 %; 26.7 %] 7/50" in out
    assert main(["analyse", "--json", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    found = [c for o in data["objectives"] for c in o["criteria"] if c["code"] == "AC-T"]
    assert found[0]["verdict"] == "MET" and found[0]["sources"][0]["events"] == 7


def test_rates_per_100_patient_years_are_shown_in_that_unit(sample: Project) -> None:
    crit = _own_criterion(
        sample, metric="RATE_PER_PT_YEAR", threshold=5, unit="events per 100 patient-years"
    )
    key = _weighted(sample, 1)[0]
    appraisal.add_outcome(sample, key, crit, {"events": 32, "exposure": 970, "page_ref": "T"})
    result = _result(sample, "AC-T")
    assert result.verdict == MET
    assert result.result_text.startswith("3.3 events per 100 patient-years [2.26; 4.66]")
    forest = result.forest()
    assert forest.threshold == 5 and forest.rows[0].estimate == pytest.approx(3.2989, abs=1e-4)
    assert forest.axis_label == "Events per 100 patient-years"
