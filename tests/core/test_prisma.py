"""The PRISMA 2020 flow: boxes and arithmetic checks."""

from __future__ import annotations

from cerdesk.core.prisma import FlowInputs, build_flow


def _inputs(**kw: object) -> FlowInputs:
    base: dict[str, object] = {
        "identified": {"PubMed": 100, "Embase": 80, "ClinicalTrials.gov": 20},
        "register_sources": frozenset({"ClinicalTrials.gov"}),
        "duplicates": 50,
        "screened": 140,
        "awaiting_screening": 10,
        "excluded_screening": 110,
        "sought": 30,
        "not_retrieved": 2,
        "assessed": 25,
        "excluded_reports": [("WRONG_POP", "Wrong population", 5), ("DESIGN", "Design", 3)],
        "included_reports": 17,
        "awaiting_assessment": 3,
    }
    base.update(kw)
    return FlowInputs(**base)  # type: ignore[arg-type]


def test_boxes_split_databases_and_registers() -> None:
    flow = build_flow(_inputs())
    assert flow.databases == (180, [("PubMed", 100), ("Embase", 80)])
    assert flow.registers == (20, [("ClinicalTrials.gov", 20)])
    assert flow.excluded_reasons == [("Wrong population (WRONG_POP)", 5), ("Design (DESIGN)", 3)]
    assert flow.pending == [("Records awaiting screening", 10), ("Reports awaiting assessment", 3)]
    assert flow.problems == []
    data = flow.as_dict()
    assert data["records_screened"] == 140 and data["reports_excluded"]["Design (DESIGN)"] == 3


def test_arithmetic_that_does_not_add_up_is_reported() -> None:
    # The Scribd example of cer-domain.md §8: screened is two short.
    flow = build_flow(_inputs(screened=138, excluded_screening=108))
    assert "identified − removed ≠ screened + awaiting screening" in flow.problems
    flow = build_flow(_inputs(included_reports=16))
    assert flow.problems == ["reports assessed ≠ excluded + included"]
