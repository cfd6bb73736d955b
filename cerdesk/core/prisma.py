"""The PRISMA 2020 flow (databases and registers), computed from the register — never typed.

:func:`build_flow` turns counts read from the project into the boxes of the PRISMA 2020
template "new systematic reviews which included searches of databases and registers
only" (Page et al., BMJ 2021;372:n71; cer-domain.md §8), with the arithmetic checks a
reviewer makes (identified − removed = screened, and so on).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OtherInputs:
    """Counts for "Identification of studies via other methods" (PRISMA 2020, v2).

    Attributes:
        identified: Records per source (websites, organisations, citation searching…).
        sought: Reports sought for retrieval (not excluded at title/abstract).
        not_retrieved: Reports not retrieved.
        assessed: Reports with a final full-text decision.
        excluded_reports: Full-text exclusions per reason (code, label, count).
        included_reports: Reports included.
        awaiting_assessment: Reports sought without a final full-text decision.
    """

    identified: dict[str, int]
    sought: int
    not_retrieved: int
    assessed: int
    excluded_reports: list[tuple[str, str, int]]
    included_reports: int
    awaiting_assessment: int


@dataclass(frozen=True)
class FlowInputs:
    """Counts read from the project.

    Attributes:
        identified: Records imported per source name, in order.
        register_sources: Which of those sources are trial registers.
        duplicates: Records linked as duplicates.
        screened: Non-duplicate records with a final title/abstract decision.
        awaiting_screening: Non-duplicate records without one (screening in progress or
            reviewers disagreeing).
        excluded_screening: Final title/abstract exclusions.
        sought: Records included at title/abstract (their reports are sought).
        not_retrieved: Reports excluded at full text because they could not be retrieved.
        assessed: Reports with a final full-text decision, other than not retrieved.
        excluded_reports: Full-text exclusions per reason (code, label, count).
        included_reports: Reports included at full text.
        awaiting_assessment: Reports sought without a final full-text decision.
        included_studies: Studies those reports describe (reports grouped by study;
            an ungrouped report is a study of its own).
    """

    identified: dict[str, int]
    register_sources: frozenset[str]
    duplicates: int
    screened: int
    awaiting_screening: int
    excluded_screening: int
    sought: int
    not_retrieved: int
    assessed: int
    excluded_reports: list[tuple[str, str, int]]
    included_reports: int
    awaiting_assessment: int
    included_studies: int | None = None
    other: OtherInputs | None = None


@dataclass(frozen=True)
class OtherFlow:
    """The boxes of the "other methods" column.

    Attributes:
        identified: Records identified (total) and per source.
        sought: "Reports sought for retrieval".
        not_retrieved: "Reports not retrieved".
        assessed: "Reports assessed for eligibility".
        excluded_reasons: "Reports excluded" per reason (label, n).
    """

    identified: tuple[int, list[tuple[str, int]]]
    sought: int
    not_retrieved: int
    assessed: int
    excluded_reasons: list[tuple[str, int]]


def _reasons(rows: list[tuple[str, str, int]]) -> list[tuple[str, int]]:
    return [(f"{label} ({code})" if label != code else code, n) for code, label, n in rows]


@dataclass(frozen=True)
class Flow:
    """The boxes of the diagram and the checks of its arithmetic.

    Attributes:
        databases: Records identified from databases (total) and per database.
        registers: Records identified from registers (total) and per register.
        removed_duplicates: "Duplicate records removed".
        removed_automation: "Records marked as ineligible by automation tools".
        removed_other: "Records removed for other reasons".
        screened: "Records screened".
        excluded: "Records excluded".
        sought: "Reports sought for retrieval".
        not_retrieved: "Reports not retrieved".
        assessed: "Reports assessed for eligibility".
        excluded_reasons: "Reports excluded" per reason (label, n).
        studies_included: "Studies included in review".
        reports_included: "Reports of included studies".
        pending: Work not finished yet (label, n), shown beside the boxes.
        problems: Arithmetic checks that fail (should be empty).
    """

    databases: tuple[int, list[tuple[str, int]]]
    registers: tuple[int, list[tuple[str, int]]]
    removed_duplicates: int
    removed_automation: int
    removed_other: int
    screened: int
    excluded: int
    sought: int
    not_retrieved: int
    assessed: int
    excluded_reasons: list[tuple[str, int]]
    studies_included: int
    reports_included: int
    pending: list[tuple[str, int]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    other: OtherFlow | None = None

    def as_dict(self) -> dict[str, object]:
        """Return the flow as JSON-ready data."""
        return {
            "identified": {
                "databases": {"total": self.databases[0], "by_source": dict(self.databases[1])},
                "registers": {"total": self.registers[0], "by_source": dict(self.registers[1])},
            },
            "removed_before_screening": {
                "duplicates": self.removed_duplicates,
                "automation": self.removed_automation,
                "other": self.removed_other,
            },
            "records_screened": self.screened,
            "records_excluded": self.excluded,
            "reports_sought": self.sought,
            "reports_not_retrieved": self.not_retrieved,
            "reports_assessed": self.assessed,
            "reports_excluded": dict(self.excluded_reasons),
            "studies_included": self.studies_included,
            "reports_of_included_studies": self.reports_included,
            "pending": dict(self.pending),
            "problems": self.problems,
            "other_methods": None
            if self.other is None
            else {
                "identified": {
                    "total": self.other.identified[0],
                    "by_source": dict(self.other.identified[1]),
                },
                "reports_sought": self.other.sought,
                "reports_not_retrieved": self.other.not_retrieved,
                "reports_assessed": self.other.assessed,
                "reports_excluded": dict(self.other.excluded_reasons),
            },
        }


def build_flow(data: FlowInputs) -> Flow:
    """Return the PRISMA 2020 boxes for ``data``, with failed arithmetic checks listed."""
    databases = [(n, c) for n, c in data.identified.items() if n not in data.register_sources]
    registers = [(n, c) for n, c in data.identified.items() if n in data.register_sources]
    total = sum(data.identified.values())
    pending = []
    if data.awaiting_screening:
        pending.append(("Records awaiting screening", data.awaiting_screening))
    if data.awaiting_assessment:
        pending.append(("Reports awaiting assessment", data.awaiting_assessment))
    excluded_reasons = _reasons(data.excluded_reports)
    reports_included = data.included_reports + (
        data.other.included_reports if data.other is not None else 0
    )
    other = None
    if data.other is not None:
        o = data.other
        other = OtherFlow(
            identified=(sum(o.identified.values()), list(o.identified.items())),
            sought=o.sought,
            not_retrieved=o.not_retrieved,
            assessed=o.assessed,
            excluded_reasons=_reasons(o.excluded_reports),
        )
        if o.awaiting_assessment:
            pending.append(("Reports via other methods awaiting assessment", o.awaiting_assessment))
    flow = Flow(
        databases=(sum(c for _n, c in databases), databases),
        registers=(sum(c for _n, c in registers), registers),
        removed_duplicates=data.duplicates,
        removed_automation=0,
        removed_other=0,
        screened=data.screened,
        excluded=data.excluded_screening,
        sought=data.sought,
        not_retrieved=data.not_retrieved,
        assessed=data.assessed,
        excluded_reasons=excluded_reasons,
        studies_included=(
            reports_included if data.included_studies is None else data.included_studies
        ),
        reports_included=reports_included,
        pending=pending,
        other=other,
    )
    checks = [
        (
            total - data.duplicates == data.screened + data.awaiting_screening,
            "identified − removed ≠ screened + awaiting screening",
        ),
        (
            data.screened == data.excluded_screening + data.sought,
            "screened ≠ excluded + reports sought",
        ),
        (
            data.sought == data.not_retrieved + data.assessed + data.awaiting_assessment,
            "reports sought ≠ not retrieved + assessed + awaiting assessment",
        ),
        (
            data.assessed == sum(n for _c, _l, n in data.excluded_reports) + data.included_reports,
            "reports assessed ≠ excluded + included",
        ),
    ]
    if data.other is not None:
        o = data.other
        checks += [
            (
                o.sought == o.not_retrieved + o.assessed + o.awaiting_assessment,
                "other methods: reports sought ≠ not retrieved + assessed + awaiting",
            ),
            (
                o.assessed == sum(n for _c, _l, n in o.excluded_reports) + o.included_reports,
                "other methods: reports assessed ≠ excluded + included",
            ),
        ]
    flow.problems.extend(message for ok, message in checks if not ok)
    return flow
