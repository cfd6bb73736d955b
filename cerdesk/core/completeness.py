"""What the clinical evaluation plan still lacks.

:func:`check_plan` reads a snapshot of the project (table -> rows) and returns
:class:`Finding` values: a required value that is missing, a list that must not be
empty, or a rule of the MDR or of MDCG/MEDDEV guidance the plan does not yet meet.
Rules are taken from cer-domain.md §5.1 (CEP-01…CEP-14) and §1.6, §1.8.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cerdesk.core.changes import Item
from cerdesk.core.entities import (
    BY_TABLE,
    COMPETENCIES,
    SECTIONS,
    SINGLETON_ID,
    EntitySpec,
    section_of,
)

#: A finding that must be resolved before the plan is complete.
MISSING = "missing"
#: Advice from guidance; the plan may be complete without it, with a reason.
ADVICE = "advice"

Snapshot = Mapping[str, Sequence[Item]]


@dataclass(frozen=True)
class Finding:
    """One thing the plan lacks.

    Attributes:
        section: Key of the plan section where it is fixed.
        table: Entity concerned.
        row_id: Row concerned (``"1"`` for singletons), or ``None`` for a whole list.
        field: Field concerned, or ``None``.
        message: One sentence for the user.
        level: :data:`MISSING` or :data:`ADVICE`.
    """

    section: str
    table: str
    row_id: str | None
    field: str | None
    message: str
    level: str = MISSING


def _in_plan(table: str) -> bool:
    """Tell whether ``table`` is edited on a page of the plan."""
    try:
        section_of(table)
    except KeyError:
        return False
    return True


def _name(spec: EntitySpec, item: Item) -> str:
    for key in ("code", "name", "model"):
        value = item.get(key)
        if value:
            return f"{spec.label} {value}"
    return f"{spec.label} {item.position + 1}"


class _Checker:
    def __init__(self, data: Snapshot) -> None:
        self.data = data
        self.findings: list[Finding] = []

    def one(self, table: str) -> Item:
        return self.data[table][0]

    def rows(self, table: str) -> Sequence[Item]:
        return self.data.get(table, ())

    def add(
        self,
        table: str,
        row_id: str | None,
        field: str | None,
        message: str,
        level: str = MISSING,
    ) -> None:
        self.findings.append(Finding(section_of(table).key, table, row_id, field, message, level))

    def required_fields(self) -> None:
        for table, spec in BY_TABLE.items():
            if not _in_plan(table):
                continue  # the evidence register has its own checks (cer-domain.md §5.2)
            for item in self.rows(table):
                where = spec.label if spec.singleton else _name(spec, item)
                for f in spec.fields:
                    if f.required and f.is_empty(item.get(f.name)):
                        self.add(table, item.id, f.name, f"{where}: {f.label} is missing.")

    def need_rows(self, table: str, message: str, minimum: int = 1) -> bool:
        if len(self.rows(table)) < minimum:
            self.add(table, None, None, message)
            return False
        return True

    def children(self, parent: str, child: str, message: str) -> None:
        spec = BY_TABLE[parent]
        have = {c.parent_id for c in self.rows(child)}
        for item in self.rows(parent):
            if item.id not in have:
                self.add(parent, item.id, None, f"{_name(spec, item)}: {message}")


def check_plan(data: Snapshot) -> list[Finding]:
    """Return everything the plan still lacks, in the order of the plan's sections."""
    c = _Checker(data)
    c.required_fields()
    _lists(c)
    _cep_items(c)
    _evidence_routes(c)
    _outcomes(c)
    _equivalence(c)
    _manufacturer(c)
    _evaluators(c)
    _search(c)
    _document(c)
    return sorted(c.findings, key=_page_order)


def _page_order(finding: Finding) -> tuple[int, int]:
    """Sort key: the section's place in the plan, then the entity's place on its page."""
    keys = [s.key for s in SECTIONS]
    section = SECTIONS[keys.index(finding.section)]
    table = finding.table
    while table not in section.tables and BY_TABLE[table].parent:
        table = BY_TABLE[table].parent or table
    position = section.tables.index(table) if table in section.tables else 99
    return keys.index(finding.section), position


def _lists(c: _Checker) -> None:
    c.need_rows("device_variant", "List at least one model or variant covered by the evaluation.")
    c.need_rows("indication", "List at least one indication (Annex XIV 1a.3).")
    c.need_rows("clinical_benefit", "Describe at least one intended clinical benefit (1a.4).")
    c.children(
        "clinical_benefit", "outcome_parameter", "has no outcome parameter (Annex XIV 1a.4)."
    )
    objectives = c.rows("objective")
    categories = {o.get("category") for o in objectives}
    if "SAFETY" not in categories:
        c.add("objective", None, None, "Define at least one safety objective (1a.5).")
    if "PERFORMANCE" not in categories:
        c.add("objective", None, None, "Define at least one performance objective (1a.6).")
    c.children("objective", "acceptance_criterion", "has no acceptance criterion (Annex XIV 1a.6).")
    c.need_rows("evaluator", "Name the evaluators who perform the clinical evaluation.")


def _cep_items(c: _Checker) -> None:
    device = c.one("device")
    has_components = any(
        device.get(name)
        for name in (
            "incorporates_medicinal_substance",
            "incorporates_animal_tissue",
            "incorporates_human_tissue",
        )
    )
    for item in c.rows("cep_item"):
        status = item.get("status")
        if status in (None, "OPEN"):
            c.add(
                "cep_item",
                item.id,
                "status",
                f"Annex XIV item {item.get('code')} is still open (CEP-01).",
            )
        elif status == "NA_JUSTIFIED" and item.get("code") == "1a.7" and has_components:
            c.add(
                "cep_item",
                item.id,
                "status",
                "Item 1a.7 cannot be 'not applicable': the device incorporates a medicinal "
                "substance or tissue.",
            )


def _evidence_routes(c: _Checker) -> None:
    device, cep = c.one("device"), c.one("cep")
    routes = set(cep.get("evidence_routes") or ())
    high_risk = device.get("risk_class") == "III" or device.get("implantable") is True
    if (
        high_risk
        and routes
        and "OWN_CI" not in routes
        and not cep.get("ci_exemption_justification")
    ):
        c.add(
            "cep",
            SINGLETON_ID,
            "ci_exemption_justification",
            "Class III or implantable device without own clinical investigations: justify the "
            "Art. 61(4)-(6) exemption (CEP-10).",
        )
    if "ART61_10_NONCLINICAL" in routes:
        if high_risk:
            c.add(
                "cep",
                SINGLETON_ID,
                "evidence_routes",
                "Art. 61(10) cannot be used for implantable or class III devices (CEP-11).",
            )
        if not cep.get("art61_10_justification"):
            c.add(
                "cep",
                SINGLETON_ID,
                "art61_10_justification",
                "Art. 61(10) route chosen: justify it from risk management, device-body "
                "interaction, intended performance and claims (CEP-11).",
            )
    if "WET_SIMILAR_DEVICES" in routes and not cep.get("wet_justification"):
        c.add(
            "cep",
            SINGLETON_ID,
            "wet_justification",
            "Well-established technology claimed: show all four MDCG 2020-6 §1.2 criteria "
            "(CEP-12).",
            ADVICE,
        )
    if "EQUIVALENCE" in routes:
        c.need_rows(
            "equivalent_device", "Equivalence is an evidence route: describe the equivalent device."
        )
    elif c.rows("equivalent_device"):
        c.add(
            "cep",
            SINGLETON_ID,
            "evidence_routes",
            "Equivalent devices are described but equivalence is not an evidence route.",
            ADVICE,
        )
    if (device.get("novel_product") or device.get("novel_clinical_procedure")) and not device.get(
        "novel_features_explanation"
    ):
        c.add(
            "device",
            SINGLETON_ID,
            "novel_features_explanation",
            "The device or its procedure is novel: explain the novel features (CEP-13).",
        )


def _outcomes(c: _Checker) -> None:
    spec = BY_TABLE["outcome_parameter"]
    for item in c.rows("outcome_parameter"):
        if item.get("surrogate") and not item.get("surrogate_justification"):
            c.add(
                "outcome_parameter",
                item.id,
                "surrogate_justification",
                f"{_name(spec, item)} is a surrogate endpoint: justify it (CEP-06).",
                ADVICE,
            )


def _equivalence(c: _Checker) -> None:
    device = c.one("device")
    high_risk = device.get("risk_class") == "III" or device.get("implantable") is True
    spec = BY_TABLE["equivalent_device"]
    characteristics = c.rows("equivalence_characteristic")
    for eq in c.rows("equivalent_device"):
        name = _name(spec, eq)
        if high_risk and eq.get("same_manufacturer") is False:
            if eq.get("contract_for_td_access") is not True:
                c.add(
                    "equivalent_device",
                    eq.id,
                    "contract_for_td_access",
                    f"{name}: another manufacturer's device for a class III or implantable "
                    "device needs a contract giving full access to its technical "
                    "documentation (Art. 61(5)).",
                )
            if eq.get("mdr_certified") is not True:
                c.add(
                    "equivalent_device",
                    eq.id,
                    "mdr_certified",
                    f"{name}: MDCG 2020-5 reads Art. 61(5) as requiring the equivalent device "
                    "to be MDR-certified.",
                    ADVICE,
                )
        differences = 0
        for ch in (x for x in characteristics if x.parent_id == eq.id):
            diff = (ch.get("difference") or "").strip()
            if not diff or diff.lower() in ("none", "no", "no difference", "-"):
                continue
            differences += 1
            where = f"{name}, characteristic {ch.get('code')}"
            if ch.get("must_be_same"):
                c.add(
                    "equivalence_characteristic",
                    ch.id,
                    "difference",
                    f"{where} must be the same for equivalence (MDCG 2020-5 Annex I), but a "
                    "difference is recorded.",
                )
            if not ch.get("scientific_justification"):
                c.add(
                    "equivalence_characteristic",
                    ch.id,
                    "scientific_justification",
                    f"{where}: justify the difference scientifically.",
                )
            if ch.get("clinically_significant") is None:
                c.add(
                    "equivalence_characteristic",
                    ch.id,
                    "clinically_significant",
                    f"{where}: say whether the difference is clinically significant.",
                )
        if differences > 1 and not eq.get("sum_of_differences_justification"):
            c.add(
                "equivalent_device",
                eq.id,
                "sum_of_differences_justification",
                f"{name}: {differences} differences recorded; justify their sum (MDCG 2020-5).",
            )


def _manufacturer(c: _Checker) -> None:
    man, device = c.one("manufacturer"), c.one("device")
    if man.get("outside_eu"):
        for field, label in (
            ("authorised_rep_name", "name"),
            ("authorised_rep_srn", "SRN"),
        ):
            if not man.get(field):
                c.add(
                    "manufacturer",
                    SINGLETON_ID,
                    field,
                    f"Manufacturer outside the EU: the authorised representative's {label} "
                    "is missing.",
                )
    risk_class = device.get("risk_class")
    if risk_class and risk_class != "I" and not man.get("notified_body_name"):
        c.add(
            "manufacturer",
            SINGLETON_ID,
            "notified_body_name",
            "A notified body is involved for this class: name it.",
        )


def _evaluators(c: _Checker) -> None:
    spec = BY_TABLE["evaluator"]
    covered: set[str] = set()
    for ev in c.rows("evaluator"):
        covered |= set(ev.get("competencies") or ())
        name = _name(spec, ev)
        years = ev.get("years_experience")
        if years is not None:
            degree = bool((ev.get("highest_degree") or "").strip())
            if not ((degree and years >= 5) or years >= 10):
                c.add(
                    "evaluator",
                    ev.id,
                    "years_experience",
                    f"{name} does not meet MEDDEV 2.7/1 §6.4: a degree and 5 years, or 10 "
                    "years of experience, is expected.",
                    ADVICE,
                )
        if ev.get("interests_declared") and not ev.get("doi_details"):
            c.add(
                "evaluator",
                ev.id,
                "doi_details",
                f"{name} declared interests: describe them.",
            )
    if c.rows("evaluator"):
        missing = [ch.label for ch in COMPETENCIES if ch.value not in covered]
        if missing:
            c.add(
                "evaluator",
                None,
                "competencies",
                "The evaluation team lacks: " + ", ".join(missing).lower() + " (MEDDEV §6.4).",
            )


def _search(c: _Checker) -> None:
    if c.need_rows(
        "search_database",
        "List the databases and sources searched; two or more bibliographic databases are "
        "expected (MEDDEV A4).",
    ):
        kinds = [d for d in c.rows("search_database") if d.get("source_type") == "BIBLIOGRAPHIC_DB"]
        if len(kinds) < 2:
            c.add(
                "search_database",
                None,
                None,
                "Search at least two bibliographic databases (e.g. PubMed and Embase); PubMed "
                "alone is not enough (MEDDEV A4, MDCG 2020-13 §D).",
                ADVICE,
            )
    c.children("search_database", "search_string", "has no search string.")
    types = {e.get("criterion_type") for e in c.rows("eligibility_criterion")}
    if "INCLUSION" not in types:
        c.add("eligibility_criterion", None, None, "Define at least one inclusion criterion.")
    if "EXCLUSION" not in types:
        c.add("eligibility_criterion", None, None, "Define at least one exclusion criterion.")
    c.need_rows("exclusion_reason", "Define the exclusion reason codes offered during screening.")
    protocol = c.one("search_protocol")
    start, end = protocol.get("date_from"), protocol.get("date_to")
    if start and end and end < start:
        c.add(
            "search_protocol",
            SINGLETON_ID,
            "date_to",
            "The search period ends before it starts.",
        )


def _document(c: _Checker) -> None:
    if not any(d.get("doc_type") == "CER" for d in c.rows("document_version")):
        c.add(
            "document_version",
            None,
            None,
            "Record the CER's document number, version and date.",
        )
    device, project = c.one("device"), c.one("project")
    months = project.get("update_frequency_months")
    high_risk = device.get("risk_class") == "III" or device.get("implantable") is True
    if high_risk and months is not None and months > 12:
        c.add(
            "project",
            SINGLETON_ID,
            "update_frequency_months",
            "Class III and implantable devices: the PMCF evaluation report is updated at least "
            "yearly (Art. 61(11)); align the CER update with it.",
            ADVICE,
        )
