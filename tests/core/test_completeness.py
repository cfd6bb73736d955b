"""The completeness check of the plan, run on real project snapshots."""

from __future__ import annotations

import pytest

from cerdesk.core.completeness import ADVICE, MISSING, Finding, check_plan
from cerdesk.core.entities import COMPETENCIES, SECTIONS, SINGLETON_ID
from cerdesk.ops import plan
from cerdesk.storage.project import Project


def _findings(project: Project) -> list[Finding]:
    return check_plan(project.snapshot())


def _where(findings: list[Finding]) -> set[tuple[str, str | None, str | None]]:
    return {(f.table, f.row_id, f.field) for f in findings}


def _messages(findings: list[Finding]) -> list[str]:
    return [f.message for f in findings]


def _has(findings: list[Finding], text: str) -> bool:
    return any(text in m for m in _messages(findings))


def test_empty_project_lacks_the_basics(project: Project) -> None:
    findings = _findings(project)
    assert findings
    where = _where(findings)
    assert ("device", SINGLETON_ID, "trade_name") in where
    assert ("project", SINGLETON_ID, "title") in where
    assert ("manufacturer", SINGLETON_ID, "legal_name") in where
    assert ("device_variant", None, None) in where
    assert ("indication", None, None) in where
    assert ("evaluator", None, None) in where
    # The eight Annex XIV items are open.
    open_items = [f for f in findings if f.table == "cep_item" and f.field == "status"]
    assert len(open_items) == 8
    assert "1a.1" in open_items[0].message and "CEP-01" in open_items[0].message
    for text in (
        "Define at least one safety objective (1a.5).",
        "Define at least one performance objective (1a.6).",
        "Define at least one inclusion criterion.",
        "Define at least one exclusion criterion.",
        "Record the CER's document number, version and date.",
    ):
        assert text in _messages(findings)
    trade = next(f for f in findings if f.field == "trade_name")
    assert trade.message == "Device: Device name (trade name) is missing."
    assert trade.level == MISSING
    assert trade.section == "device"
    # Nothing optional is reported as missing: evaluation_type is set on creation.
    assert ("project", SINGLETON_ID, "evaluation_type") not in where
    assert ("device", SINGLETON_ID, "notes") not in where


def test_findings_are_in_page_order(project: Project) -> None:
    keys = [s.key for s in SECTIONS]
    order = [keys.index(f.section) for f in _findings(project)]
    assert order == sorted(order)
    assert order[0] == 0  # the device page comes first


def test_filling_a_required_field_removes_its_finding(project: Project) -> None:
    key = ("device", SINGLETON_ID, "trade_name")
    before = _findings(project)
    assert key in _where(before)
    plan.set_field(project, "device", SINGLETON_ID, "trade_name", "Stent")
    after = _findings(project)
    assert key not in _where(after)
    assert len(after) == len(before) - 1
    # Blank text counts as missing again.
    plan.set_field(project, "device", SINGLETON_ID, "trade_name", "   ")
    assert key in _where(_findings(project))


def test_list_and_child_rules(project: Project) -> None:
    assert _has(_findings(project), "List at least one model or variant")
    variant = plan.add_item(project, "device_variant", {"model": "AS-20"}).created_id
    findings = _findings(project)
    assert not _has(findings, "List at least one model or variant")
    assert ("device_variant", variant, "model") not in _where(findings)

    safety = "Define at least one safety objective (1a.5)."
    assert safety in _messages(_findings(project))
    obj = plan.add_item(project, "objective", {"category": "SAFETY"}).created_id
    findings = _findings(project)
    assert safety not in _messages(findings)
    assert "Define at least one performance objective (1a.6)." in _messages(findings)
    # The new objective now needs its statement, endpoint and an acceptance criterion.
    assert ("objective", obj, "statement") in _where(findings)
    assert "Objective OBJ-S-01: has no acceptance criterion (Annex XIV 1a.6)." in _messages(
        findings
    )
    crit = plan.add_item(
        project, "acceptance_criterion", {"metric": "PROPORTION"}, parent_id=obj
    ).created_id
    findings = _findings(project)
    assert not _has(findings, "has no acceptance criterion")
    assert ("acceptance_criterion", crit, "threshold") in _where(findings)
    plan.set_field(project, "acceptance_criterion", crit, "threshold", 2)
    assert ("acceptance_criterion", crit, "threshold") not in _where(_findings(project))
    # Deleting the objective brings the list rule back.
    plan.delete_item(project, "objective", obj)
    assert safety in _messages(_findings(project))


def test_annex_xiv_item_status(project: Project) -> None:
    item = project.items("cep_item")[0]
    plan.set_field(project, "cep_item", item.id, "status", "ADDRESSED")
    open_items = [f for f in _findings(project) if f.table == "cep_item" and f.field == "status"]
    assert len(open_items) == 7
    assert item.id not in {f.row_id for f in open_items}


def test_item_1a7_not_applicable_with_tissue(project: Project) -> None:
    item = next(i for i in project.items("cep_item") if i["code"] == "1a.7")
    plan.set_field(project, "cep_item", item.id, "status", "NA_JUSTIFIED")
    assert not _has(_findings(project), "Item 1a.7 cannot be 'not applicable'")
    plan.set_field(project, "device", SINGLETON_ID, "incorporates_animal_tissue", True)
    assert _has(_findings(project), "Item 1a.7 cannot be 'not applicable'")


def test_art61_10_route_for_class_iii(project: Project) -> None:
    plan.set_field(project, "cep", SINGLETON_ID, "evidence_routes", ["ART61_10_NONCLINICAL"])
    findings = _findings(project)
    assert _has(findings, "Art. 61(10) route chosen: justify it")
    assert not _has(findings, "cannot be used for implantable or class III")
    plan.set_field(project, "device", SINGLETON_ID, "risk_class", "III")
    findings = _findings(project)
    assert _has(findings, "cannot be used for implantable or class III devices (CEP-11)")
    # Class III without own investigations also needs the exemption justified (CEP-10).
    assert ("cep", SINGLETON_ID, "ci_exemption_justification") in _where(findings)
    plan.set_field(project, "cep", SINGLETON_ID, "art61_10_justification", "Bench data.")
    plan.set_field(project, "cep", SINGLETON_ID, "evidence_routes", ["OWN_CI"])
    findings = _findings(project)
    assert not _has(findings, "Art. 61(10)")
    assert ("cep", SINGLETON_ID, "ci_exemption_justification") not in _where(findings)


def test_equivalence_differences(project: Project) -> None:
    plan.set_field(project, "cep", SINGLETON_ID, "evidence_routes", ["EQUIVALENCE"])
    assert _has(_findings(project), "Equivalence is an evidence route: describe")
    eq = plan.add_item(project, "equivalent_device", {"name": "Predicate"}).created_id
    assert not _has(_findings(project), "Equivalence is an evidence route: describe")
    chars = project.items("equivalence_characteristic", eq)
    same = next(c for c in chars if c["must_be_same"])
    other = next(c for c in chars if not c["must_be_same"])
    plan.set_field(project, "equivalence_characteristic", same.id, "difference", "Longer")
    findings = _findings(project)
    assert _has(findings, f"characteristic {same['code']} must be the same for equivalence")
    assert not _has(findings, "justify their sum")
    plan.set_field(project, "equivalence_characteristic", other.id, "difference", "Wider")
    assert _has(_findings(project), "2 differences recorded; justify their sum")
    plan.set_field(project, "equivalence_characteristic", same.id, "difference", "none")
    findings = _findings(project)
    assert not _has(findings, "must be the same for equivalence")
    assert not _has(findings, "justify their sum")


def test_evaluator_competencies_and_experience(project: Project) -> None:
    ev = plan.add_item(project, "evaluator", {"name": "Dr A", "years_experience": 3}).created_id
    findings = _findings(project)
    assert _has(findings, "The evaluation team lacks: ")
    experience = next(f for f in findings if f.field == "years_experience" and f.row_id == ev)
    assert experience.level == ADVICE
    plan.set_fields(
        project,
        "evaluator",
        ev,
        {"competencies": [c.value for c in COMPETENCIES], "years_experience": 12},
    )
    findings = _findings(project)
    assert not _has(findings, "The evaluation team lacks")
    assert not any(f.field == "years_experience" and f.row_id == ev for f in findings)


def test_search_period_order(project: Project) -> None:
    plan.set_fields(
        project,
        "search_protocol",
        SINGLETON_ID,
        {"date_from": "2020-01-01", "date_to": "2019-12-31"},
    )
    assert "The search period ends before it starts." in _messages(_findings(project))
    plan.set_field(project, "search_protocol", SINGLETON_ID, "date_to", "2026-01-01")
    assert "The search period ends before it starts." not in _messages(_findings(project))


@pytest.mark.parametrize(("months", "advice"), [(12, False), (24, True)])
def test_update_frequency_for_implants(project: Project, months: int, advice: bool) -> None:
    plan.set_field(project, "device", SINGLETON_ID, "implantable", True)
    plan.set_field(project, "project", SINGLETON_ID, "update_frequency_months", months)
    found = [f for f in _findings(project) if f.field == "update_frequency_months"]
    assert bool(found) is advice
    if advice:
        assert found[0].level == ADVICE


def test_evidence_entities_do_not_break_the_plan_check(project) -> None:
    """A search run with missing required fields belongs to the evidence checks, not the plan."""
    from cerdesk.core.completeness import check_plan
    from cerdesk.ops import evidence

    evidence.add_search_run(project, {"database": "PubMed"})
    findings = check_plan(project.snapshot())
    assert all(f.table != "search_run" for f in findings)
