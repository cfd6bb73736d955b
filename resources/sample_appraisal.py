"""The sample project's appraisal and data extraction (issue 4), written through cerdesk.ops.

Every number comes from the fictional abstracts of the sample's included records or from
the fictional REG-CSC interim results in the sample's PMCF data, so that a reader can
check each extracted value against its source. The states the analysis can reach all
show: objectives met, one not met (removal of malleolar screws for hardware irritation,
pooled just above the 15 % of the state of the art), one inconclusive (implant breakage:
the interval is too wide) and one short of data (non-unions). Two PMS periods are left
unappraised, as in a draft.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cerdesk.ops import appraisal
from cerdesk.storage import appraisal as reads
from cerdesk.storage.project import Project

IMDRF = "IMDRF_N56"

#: (title fragment or own-data code, IMDRF grades, A6 flags {item: finding}, source fields)
APPRAISALS: list[tuple[str, str, dict[str, str], dict[str, Any]]] = [
    (
        "REG-CSC",
        "D2 A1 P1 R1 T1 O1 F1 S1 C1",
        {},
        {
            "device_relation": "EQUIVALENT",
            "clinical_data": True,
            "mdcg_rank": 3,
            "study_design": "REGISTRY",
            "weight": "PIVOTAL",
            "weight_rationale": "Prospective, monitored multicentre registry of the equivalent "
            "device (equivalence demonstrated in EQ-01) with consecutive enrolment, predefined "
            "endpoints matching the plan's outcome parameters and 24-month follow-up for most "
            "indications; the largest dataset of the evaluation.",
            "usable_for": ("PERFORMANCE", "SAFETY"),
            "country": "Germany, Austria, Switzerland",
            "n_patients": 696,
            "follow_up": "24 months (interim)",
            "population": "All indications of the IFU; adults, and children with SCFE",
        },
    ),
    (
        "Five-year outcome of femoral neck fractures fixed with CS-Classic",
        "D2 A1 P1 R1 T1 O1 F1 S1 C1",
        {},
        {
            "device_relation": "EQUIVALENT",
            "clinical_data": True,
            "mdcg_rank": 3,
            "study_design": "REGISTRY",
            "weight": "SUPPORTIVE",
            "weight_rationale": "Five-year results of the earliest REG-CSC patients: the "
            "patients overlap with the REG-CSC interim analysis, so no rates are extracted "
            "(double counting); it supports the long-term safety of the design.",
            "usable_for": ("SAFETY",),
            "n_patients": 318,
            "follow_up": "5 years",
        },
    ),
    (
        "Hardware removal after medial malleolar fixation",
        "D2 A1 P1 R2 T1 O1 F1 S2 C1",
        {},
        {
            "device_relation": "EQUIVALENT",
            "clinical_data": True,
            "mdcg_rank": 4,
            "study_design": "RETROSPECTIVE_COHORT",
            "weight": "SUPPORTIVE",
            "weight_rationale": "Retrospective single-centre review of the equivalent device "
            "focused on screw removal; complete three-year follow-up of removals, but union "
            "and function are not reported.",
            "usable_for": ("SAFETY",),
            "n_patients": 187,
            "follow_up": "3 years",
        },
    ),
    (
        "In situ fixation of stable slipped capital femoral epiphysis",
        "D2 A1 P1 R1 T1 O1 F1 S2 C1",
        {},
        {
            "device_relation": "EQUIVALENT",
            "clinical_data": True,
            "mdcg_rank": 4,
            "study_design": "CASE_SERIES",
            "weight": "SUPPORTIVE",
            "weight_rationale": "Two-centre series of the equivalent device in the paediatric "
            "indication, followed to physeal closure; small but the only paediatric data.",
            "n_patients": 39,
            "follow_up": "Until physeal closure (mean 17 months)",
            "population": "Children with stable SCFE (46 hips)",
        },
    ),
    (
        "Scaphoid and malleolar fractures treated with CS-Classic",
        "D2 A1 P1 R1 T1 O1 F1 S2 C1",
        {},
        {
            "device_relation": "EQUIVALENT",
            "clinical_data": True,
            "mdcg_rank": 3,
            "study_design": "REGISTRY",
            "weight": "SUPPORTIVE",
            "weight_rationale": "12-month REG-CSC publication for scaphoid and malleolar "
            "fractures; its patients are part of the REG-CSC interim analysis, so its rates "
            "are not extracted again.",
            "n_patients": 235,
            "follow_up": "12 months",
        },
    ),
    (
        "Percutaneous fixation of scaphoid waist fractures with a 3.0 mm",
        "D2 A1 P1 R2 T1 O1 F1 S2 C1",
        {"A6.d": "Uncontrolled case series (level IV)."},
        {
            "device_relation": "EQUIVALENT",
            "clinical_data": True,
            "mdcg_rank": 4,
            "study_design": "CASE_SERIES",
            "weight": "SUPPORTIVE",
            "weight_rationale": "Small uncontrolled series of the equivalent device; union "
            "assessed by CT as in the plan.",
            "n_patients": 41,
            "follow_up": "6 months",
        },
    ),
    (
        "Fixation of medial malleolar fractures with self-drilling cannulated screws",
        "D2 A1 P1 R1 T1 O1 F1 S2 C1",
        {},
        {
            "device_relation": "EQUIVALENT",
            "clinical_data": True,
            "mdcg_rank": 4,
            "study_design": "PROSPECTIVE_COHORT",
            "weight": "SUPPORTIVE",
            "weight_rationale": "Prospective consecutive series of the equivalent device with "
            "12-month follow-up and a validated score.",
            "n_patients": 64,
            "follow_up": "12 months",
        },
    ),
    (
        "[Self-drilling cannulated screws for undisplaced femoral neck",
        "D2 A1 P1 R2 T1 O1 F1 S2 C1",
        {},
        {
            "device_relation": "EQUIVALENT",
            "clinical_data": True,
            "mdcg_rank": 4,
            "study_design": "PROSPECTIVE_COHORT",
            "weight": "SUPPORTIVE",
            "weight_rationale": "Prospective two-centre study of the equivalent device in the "
            "main indication; German-language article, translated for the evaluation.",
            "n_patients": 52,
            "follow_up": "12 months",
        },
    ),
    (
        "Two cannulated screw systems for fixation of the scarf osteotomy",
        "D2 A1 P1 R1 T1 O1 F1 S1 C1",
        {},
        {
            "device_relation": "EQUIVALENT",
            "clinical_data": True,
            "mdcg_rank": 4,
            "study_design": "RETROSPECTIVE_COHORT",
            "weight": "SUPPORTIVE",
            "weight_rationale": "Comparative cohort of the equivalent device against another "
            "screw system in foot osteotomies.",
            "n_patients": 58,
            "follow_up": "At least 12 months",
        },
    ),
    (
        "Fatigue fracture of a 6.5 mm cannulated screw",
        "D2 A3 P2 R2 T2 O2 F1 S2 C2",
        {"A6.b": "A single patient.", "A6.d": "No control."},
        {
            "device_relation": "EQUIVALENT",
            "clinical_data": True,
            "mdcg_rank": 9,
            "study_design": "CASE_REPORT",
            "weight": "NOT_USED",
            "weight_rationale": "Single case of screw breakage after non-union; not used in the "
            "analysis, but the failure mode is checked against the risk file (HARM-02).",
            "n_patients": 1,
        },
    ),
]

#: Other devices' literature: state of the art only (D3, never clinical data of the device).
BACKGROUND = [
    ("Pauwels type III femoral neck fractures in young patients", "RETROSPECTIVE_COHORT"),
    ("Fixation of isolated medial malleolar fractures: union", "SR_MA"),
    ("Avascular necrosis after cannulated screw fixation", "RETROSPECTIVE_COHORT"),
    ("Intra-articular screw penetration after cannulated screw", "RETROSPECTIVE_COHORT"),
    ("Percutaneous cannulated screw fixation of scaphoid fractures in manual", "CASE_SERIES"),
    ("Fixation or casting for undisplaced scaphoid waist fractures", "RCT"),
    ("Tibial tubercle osteotomy fixed with two lag screws", "RETROSPECTIVE_COHORT"),
    ("Minimally invasive screw fixation of lateral tibial plateau", "RETROSPECTIVE_COHORT"),
]

#: Own data that has no results yet, and the benchmark registry.
OTHERS: list[tuple[str, dict[str, Any]]] = [
    (
        "OL-PMCF-01",
        {
            "device_relation": "SUBJECT",
            "clinical_data": True,
            "mdcg_rank": 2,
            "study_design": "PROSPECTIVE_COHORT",
            "weight": "NOT_USED",
            "weight_rationale": "Planned; no results yet. It will be pivotal at the next update.",
        },
    ),
    (
        "OL-SURV-01",
        {
            "device_relation": "SUBJECT",
            "clinical_data": True,
            "mdcg_rank": 8,
            "study_design": "SURVEY",
            "weight": "NOT_USED",
            "weight_rationale": "Planned with the market launch; no results yet.",
        },
    ),
    (
        "REG-01",
        {
            "device_relation": "BENCHMARK",
            "clinical_data": False,
            "mdcg_rank": 6,
            "study_design": "REGISTRY",
            "weight": "BACKGROUND",
            "weight_rationale": "National register of screw fixation with all brands: the "
            "benchmark for the state of the art (AC-12, AC-14, AC-15), not data of the device.",
        },
    ),
    (
        "PMS-2025",
        {
            "device_relation": "EQUIVALENT",
            "clinical_data": True,
            "mdcg_rank": 7,
            "study_design": "PMS",
            "weight": "SUPPORTIVE",
            "weight_rationale": "Complaints and vigilance data of CS-Classic: useful for "
            "safety trends only; complaint-to-sales ratios are not proof of safety "
            "(MDCG 2020-6 §6.3).",
            "usable_for": ("SAFETY",),
        },
    ),
]

#: (source, criterion code, values) — each value is in the source's text.
RESULTS: list[tuple[str, str, dict[str, Any]]] = [
    ("REG-CSC", "AC-01", {"events": 206, "total": 222, "page_ref": "Interim report §5.1"}),
    (
        "REG-CSC",
        "AC-02",
        {
            "events": 32,
            "total": 41,
            "subgroup": "Displaced, < 65 years",
            "page_ref": "Interim report §5.1",
        },
    ),
    ("REG-CSC", "AC-03", {"events": 157, "total": 158, "page_ref": "Interim report §5.2"}),
    ("REG-CSC", "AC-04", {"events": 103, "total": 108, "page_ref": "Interim report §5.3"}),
    ("REG-CSC", "AC-07", {"mean": 9, "page_ref": "Interim report §5.2"}),
    ("REG-CSC", "AC-08", {"mean": 16, "page_ref": "Interim report §5.1"}),
    (
        "REG-CSC",
        "AC-09",
        {
            "mean": 83.6,
            "ci_low": 81.9,
            "ci_high": 85.3,
            "total": 171,
            "page_ref": "Interim report table 7",
        },
    ),
    ("REG-CSC", "AC-10", {"mean": 84, "page_ref": "Interim report §5.2"}),
    ("REG-CSC", "AC-11", {"mean": 8, "page_ref": "Interim report §5.3"}),
    (
        "REG-CSC",
        "AC-12",
        {
            "mean": 92.1,
            "ci_low": 88.6,
            "ci_high": 94.6,
            "page_ref": "Interim report figure 3 (Kaplan–Meier)",
        },
    ),
    ("REG-CSC", "AC-13", {"events": 9, "total": 9, "page_ref": "Interim report §5.5"}),
    ("REG-CSC", "AC-14", {"mean": 84.5, "page_ref": "Interim report §5.1"}),
    ("REG-CSC", "AC-15", {"events": 19, "total": 203, "page_ref": "Interim report table 9"}),
    ("REG-CSC", "AC-16", {"events": 32, "exposure": 970, "page_ref": "Interim report table 10"}),
    ("REG-CSC", "AC-17", {"events": 17, "total": 268, "page_ref": "Interim report table 9"}),
    ("REG-CSC", "AC-18", {"events": 2, "total": 604, "page_ref": "Interim report table 10"}),
    ("REG-CSC", "AC-19", {"events": 9, "total": 203, "page_ref": "Interim report table 9"}),
    ("REG-CSC", "AC-21", {"events": 6, "total": 604, "page_ref": "Interim report table 10"}),
    ("REG-CSC", "AC-22", {"events": 19, "total": 139, "page_ref": "Interim report §5.2"}),
    (
        "REG-CSC",
        "AC-23",
        {
            "events": 9,
            "total": 604,
            "total_unit": "PROCEDURES",
            "page_ref": "Interim report table 11",
        },
    ),
    (
        "Hardware removal after medial malleolar fixation",
        "AC-22",
        {"events": 31, "total": 187, "page_ref": "Abstract; results"},
    ),
    (
        "Fixation of medial malleolar fractures with self-drilling cannulated screws",
        "AC-22",
        {"events": 9, "total": 64, "page_ref": "Abstract; results"},
    ),
    (
        "Fixation of medial malleolar fractures with self-drilling cannulated screws",
        "AC-03",
        {"events": 64, "total": 64, "page_ref": "Abstract; results (united by 12 weeks)"},
    ),
    (
        "Fixation of medial malleolar fractures with self-drilling cannulated screws",
        "AC-10",
        {"mean": 86, "page_ref": "Abstract; results"},
    ),
    (
        "In situ fixation of stable slipped capital femoral epiphysis",
        "AC-13",
        {
            "events": 46,
            "total": 46,
            "total_unit": "DEVICES",
            "subgroup": "46 hips",
            "page_ref": "Abstract; results",
        },
    ),
    (
        "In situ fixation of stable slipped capital femoral epiphysis",
        "AC-20",
        {"events": 0, "total": 46, "total_unit": "DEVICES", "page_ref": "Abstract; results"},
    ),
    (
        "Percutaneous fixation of scaphoid waist fractures with a 3.0 mm",
        "AC-04",
        {"events": 39, "total": 41, "page_ref": "Abstract"},
    ),
    (
        "[Self-drilling cannulated screws for undisplaced femoral neck",
        "AC-01",
        {"events": 47, "total": 49, "page_ref": "Abstract; results"},
    ),
    (
        "Two cannulated screw systems for fixation of the scarf osteotomy",
        "AC-06",
        {
            "events": 58,
            "total": 58,
            "subgroup": "CS-Classic arm",
            "total_unit": "DEVICES",
            "page_ref": "Abstract; results",
        },
    ),
]


def _finder(project: Project) -> Callable[[str], str]:
    """Return a lookup of source keys by code, or else by a fragment of the title."""
    views = reads.sources(project)
    by_code = {view.code: view.key for view in views}

    def find(needle: str) -> str:
        if needle in by_code:
            return by_code[needle]
        for view in views:
            if needle in view.title:
                return view.key
        raise LookupError(f"no included source matches {needle!r}")

    return find


def build_appraisal(project: Project, appraiser: str, verifier: str) -> dict[str, int]:
    """Appraise the sample's sources and extract their results; return counts."""
    criteria = {c["code"]: c.id for c in project.items("acceptance_criterion")}
    find = _finder(project)  # appraising adds no sources: the keys stay the same
    for needle, grades, flags, fields in APPRAISALS:
        key = find(needle)
        for grade in grades.split():
            appraisal.set_value(project, key, (IMDRF, grade[0]), grade)
        appraisal.set_justification(
            project,
            key,
            IMDRF,
            "D",
            "CS-Classic, the equivalent device (EQ-01)."
            if grades.startswith("D2")
            else "OsteoLink",
        )
        for item, finding in flags.items():
            appraisal.set_value(project, key, ("MEDDEV_A6", item), "FLAG")
            appraisal.set_justification(project, key, "MEDDEV_A6", item, finding)
        for name, value in fields.items():
            appraisal.set_value(project, key, ("source", name), value)
    for needle, design in BACKGROUND:
        key = find(needle)
        for grade in ("D3", "A1", "P1"):
            appraisal.set_value(project, key, (IMDRF, grade[0]), grade)
        appraisal.set_justification(project, key, IMDRF, "D", "Cannulated screws of other makes.")
        for name, value in {
            "device_relation": "SIMILAR",
            "clinical_data": False,
            "mdcg_rank": 6,
            "study_design": design,
            "weight": "BACKGROUND",
            "weight_rationale": "Other manufacturers' screws: state of the art and benchmark "
            "only, never clinical data of OsteoLink (MDR Art. 2(48)).",
        }.items():
            appraisal.set_value(project, key, ("source", name), value)
    for code, fields in OTHERS:
        key = find(code)
        for name, value in fields.items():
            appraisal.set_value(project, key, ("source", name), value)
    for needle, criterion, values in RESULTS:
        key = find(needle)
        appraisal.add_outcome(
            project,
            key,
            criteria[criterion],
            {**values, "extracted_by": appraiser, "verified_by": verifier},
        )
    return {"appraised": len(APPRAISALS) + len(BACKGROUND) + len(OTHERS), "results": len(RESULTS)}
