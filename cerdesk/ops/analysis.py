"""The analysis of clinical data against the plan's acceptance criteria (issue 4).

For each acceptance criterion of each objective, the extracted results of the sources
that may contribute are pooled (random effects, DerSimonian–Laird; logit or
Freeman–Tukey for proportions) or, for a single source, given an exact or Wilson
interval, and compared with the threshold using the criterion's decision rule:
``MET``, ``NOT_MET``, ``INCONCLUSIVE`` (the point estimate meets the threshold but the
interval crosses it) or ``NO_DATA``. A sensitivity analysis repeats it with pivotal
sources only. Objectives short of data, objectives not met and benefits without
evidence are listed as gaps: they feed the PMCF plan.

Which sources contribute (cer-domain.md §2.7, §5.3): weighted pivotal or supportive;
data of the device or an equivalent device (MDR Art. 2(48)); usable for the
objective's kind (performance or safety) when the evaluator restricted it; still
included in the review. Every source left out is listed with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cerdesk.core.forest import ForestInput, ForestRow, ForestSummary
from cerdesk.storage import appraisal as reads
from cerdesk.storage.project import Project

if TYPE_CHECKING:
    from cerdesk.ops.statistics import Pooled

MET, NOT_MET, INCONCLUSIVE, NO_DATA = "MET", "NOT_MET", "INCONCLUSIVE", "NO_DATA"

VERDICT_LABELS = {
    MET: "Met",
    NOT_MET: "Not met",
    INCONCLUSIVE: "Not enough data: the interval crosses the threshold",
    NO_DATA: "Not enough data",
}

#: Metrics computed from events / denominator.
PROPORTION_METRICS = frozenset({"PROPORTION", "KM_SURVIVAL", "SENS", "SPEC"})
#: Metrics that are only compared as reported, never pooled.
REPORTED_METRICS = frozenset({"MEDIAN", "AUC", "OTHER"})

_OPERATOR_TEXT = {"LE": "≤", "LT": "<", "GE": "≥", "GT": ">", "NON_INFERIOR": "non-inferior to"}
_CONTRIBUTING_WEIGHTS = ("PIVOTAL", "SUPPORTIVE")
_DEVICE_DATA = (None, "SUBJECT", "EQUIVALENT")


@dataclass(slots=True)
class SourceResult:
    """One extracted result that contributes to a criterion (its weight set after pooling)."""

    key: str
    code: str
    citation: str
    subgroup: str
    estimate: float
    low: float
    high: float
    pivotal: bool
    detail: str
    events: float | None = None
    total: float | None = None
    mean: float | None = None
    sd: float | None = None
    total_unit: str | None = None
    weight: float | None = None


@dataclass(frozen=True)
class Summary:
    """The combined result of several sources (or of one)."""

    k: int
    estimate: float
    low: float
    high: float
    method: str
    verdict: str
    pi_low: float | None = None
    pi_high: float | None = None
    i2: float | None = None
    tau2: float | None = None
    notes: tuple[str, ...] = ()
    pooled: bool = True  # False: reported values compared one by one (range shown)


@dataclass(frozen=True)
class CriterionResult:
    """The analysis of one acceptance criterion."""

    criterion_id: str
    code: str
    objective_id: str
    objective_code: str
    category: str
    metric: str
    description: str
    threshold: float | None
    percent: bool
    unit: str
    favourable: str
    rows: tuple[SourceResult, ...]
    summary: Summary | None
    verdict: str
    reason: str
    sensitivity: Summary | None = None
    notes: tuple[str, ...] = ()
    excluded: tuple[tuple[str, str], ...] = ()

    @property
    def display_factor(self) -> float:
        """Multiply stored values by this to show them in the criterion's unit."""
        if self.percent:
            return 100.0
        if self.metric == "RATE_PER_PT_YEAR" and re.search(r"\b100\b", self.unit):
            return 100.0
        return 1.0

    @property
    def result_text(self) -> str:
        """The result as printed: "1.2 % [0.4; 2.8] (k = 3, I² = 12 %)" or "no data"."""
        if self.summary is None:
            return "no data"
        s = self.summary
        text = f"{_fmt(s.estimate, self)} [{_fmt(s.low, self, unit=False)}; "
        text += f"{_fmt(s.high, self, unit=False)}]"
        extra = [f"k = {s.k}"]
        if s.i2 is not None:
            extra.append(f"I² = {s.i2 * 100:.0f} %")
        return f"{text} ({', '.join(extra)})"

    def forest(self) -> ForestInput:
        """Return the forest plot of this criterion (drawn by the GUI and the PDF)."""
        f = 1.0 if self.percent else self.display_factor
        rows = tuple(
            ForestRow(
                f"{r.code} {r.citation}" + (f" – {r.subgroup}" if r.subgroup else ""),
                r.estimate * f,
                r.low * f,
                r.high * f,
                r.weight,
                r.detail,
            )
            for r in self.rows
        )
        summary = None
        s = self.summary
        if s is not None and s.k > 1 and s.pooled:
            summary = ForestSummary(
                f"Pooled, random effects (k = {s.k})",
                s.estimate * f,
                s.low * f,
                s.high * f,
                None if s.pi_low is None else s.pi_low * f,
                None if s.pi_high is None else s.pi_high * f,
            )
        threshold = None if self.threshold is None else self.threshold * f
        return ForestInput(
            title=f"{self.objective_code} · {self.code}: {self.description}",
            rows=rows,
            summary=summary,
            threshold=threshold,
            threshold_label=f"Criterion {self.description}" if threshold is not None else "",
            favourable_side="below" if self.favourable == "LOWER" else "above",
            percent=self.percent,
            unit="" if self.percent else self.unit,
            axis_label=self.metric_label,
        )

    @property
    def metric_label(self) -> str:
        """The metric as a short axis label."""
        return {
            "PROPORTION": "Proportion",
            "KM_SURVIVAL": "Survival (Kaplan–Meier)",
            "SENS": "Sensitivity",
            "SPEC": "Specificity",
            "RATE_PER_PT_YEAR": "Events per 100 patient-years"
            if self.display_factor == 100
            else "Events per patient-year",
            "MEAN": "Mean",
            "MEDIAN": "Median",
            "AUC": "Area under the curve",
        }.get(self.metric, self.metric.title())


@dataclass(frozen=True)
class ObjectiveResult:
    """An objective with its criteria and the overall verdict."""

    objective_id: str
    code: str
    category: str
    statement: str
    criteria: tuple[CriterionResult, ...]
    verdict: str
    reason: str


@dataclass(frozen=True)
class Gap:
    """A question the clinical data leave open (feeds the PMCF plan)."""

    kind: str  # OBJECTIVE | BENEFIT
    ref: str
    text: str


@dataclass(frozen=True)
class Analysis:
    """The whole analysis of a project."""

    objectives: tuple[ObjectiveResult, ...]
    gaps: tuple[Gap, ...]
    unappraised: tuple[tuple[str, str], ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        """Return a JSON-ready description (``cerdesk analyse --json``)."""
        return {
            "objectives": [
                {
                    "code": o.code,
                    "category": o.category,
                    "statement": o.statement,
                    "verdict": o.verdict,
                    "reason": o.reason,
                    "criteria": [_criterion_dict(c) for c in o.criteria],
                }
                for o in self.objectives
            ],
            "gaps": [{"kind": g.kind, "ref": g.ref, "text": g.text} for g in self.gaps],
            "unappraised": [{"code": c, "citation": t} for c, t in self.unappraised],
        }


def _criterion_dict(c: CriterionResult) -> dict[str, Any]:
    def summary(s: Summary | None) -> dict[str, Any] | None:
        if s is None:
            return None
        return {
            "k": s.k,
            "estimate": s.estimate,
            "ci_low": s.low,
            "ci_high": s.high,
            "prediction_low": s.pi_low,
            "prediction_high": s.pi_high,
            "i2": s.i2,
            "tau2": s.tau2,
            "method": s.method,
            "verdict": s.verdict,
            "notes": list(s.notes),
        }

    return {
        "code": c.code,
        "description": c.description,
        "metric": c.metric,
        "threshold": c.threshold,
        "verdict": c.verdict,
        "reason": c.reason,
        "sources": [
            {
                "code": r.code,
                "citation": r.citation,
                "subgroup": r.subgroup,
                "estimate": r.estimate,
                "ci_low": r.low,
                "ci_high": r.high,
                "events": r.events,
                "total": r.total,
                "pivotal": r.pivotal,
                "weight": r.weight,
            }
            for r in c.rows
        ],
        "pooled": summary(c.summary),
        "pivotal_only": summary(c.sensitivity),
        "notes": list(c.notes),
        "excluded": [{"code": code, "reason": why} for code, why in c.excluded],
    }


def _fmt(value: float, c: CriterionResult, *, unit: bool = True) -> str:
    if c.percent:
        return f"{value * 100:.1f}" + (" %" if unit else "")
    shown = value * c.display_factor
    return f"{shown:.3g}" + (f" {c.unit}" if unit and c.unit else "")


def format_value(c: CriterionResult, value: float) -> str:
    """Return a value of criterion ``c`` in its unit ("1.2 %", "3.3", "84 points")."""
    return _fmt(value, c, unit=c.percent)


# ---------------------------------------------------------------------------- analysis
def analyse(project: Project) -> Analysis:
    """Analyse every objective of the plan against its acceptance criteria."""
    views = reads.sources(project)
    by_key = {v.key: v for v in views}
    settings = project.get("analysis_settings")
    transform = "freeman-tukey" if settings["proportion_transform"] == "FREEMAN_TUKEY" else "logit"
    single = "wilson" if settings["single_ci"] == "WILSON" else "clopper-pearson"
    from cerdesk.ops import statistics as st

    results_by_criterion: dict[str, list[dict[str, Any]]] = {}
    pairs = []
    for outcome in reads.outcomes(project):
        results_by_criterion.setdefault(outcome["acceptance_criterion_id"], []).append(outcome)
        pairs.append((outcome["events"], outcome["total"]))
    intervals = st.proportion_cis(pairs, single)
    objectives = []
    for objective in project.items("objective"):
        criteria = tuple(
            _criterion(
                crit,
                objective,
                results_by_criterion.get(crit.id, []),
                by_key,
                transform,
                single,
                intervals,
            )
            for crit in project.items("acceptance_criterion", objective.id)
        )
        verdict, reason = _objective_verdict(criteria)
        objectives.append(
            ObjectiveResult(
                objective.id,
                objective["code"] or "OBJ-?",
                objective["category"] or "",
                objective["statement"] or "",
                criteria,
                verdict,
                reason,
            )
        )
    unappraised = tuple((v.code, v.citation) for v in views if v.included and not v.value("weight"))
    return Analysis(tuple(objectives), _gaps(project, objectives), unappraised)


def _scale_threshold(metric: str, threshold: float | None, unit: str) -> tuple[float | None, str]:
    """Return the threshold on the analysis scale (fractions, per patient-year), or a problem."""
    if threshold is None:
        return None, "the criterion has no threshold"
    if metric in PROPORTION_METRICS:
        if "%" in unit:
            return threshold / 100, ""
        if 0 <= threshold <= 1:
            return threshold, ""
        return None, f"the threshold {threshold:g} is not a proportion: give the unit as %"
    if metric == "RATE_PER_PT_YEAR" and re.search(r"\b100\b", unit):
        return threshold / 100, ""
    return threshold, ""


def _favourable(operator: str | None, category: str) -> str:
    if operator in ("LE", "LT"):
        return "LOWER"
    if operator in ("GE", "GT"):
        return "HIGHER"
    return "LOWER" if category == "SAFETY" else "HIGHER"


def _meets(value: float, threshold: float, operator: str | None, favourable: str) -> bool:
    if operator == "LT":
        return value < threshold
    if operator == "GT":
        return value > threshold
    return value <= threshold if favourable == "LOWER" else value >= threshold


def decide(
    estimate: float,
    low: float,
    high: float,
    threshold: float,
    operator: str | None,
    favourable: str,
    rule: str | None,
) -> str:
    """Compare a result with a threshold by the criterion's decision rule.

    With a CI rule the bound on the unfavourable side must meet the threshold; when only
    the point estimate does, the result is INCONCLUSIVE (cer-domain.md §6.3).
    """
    point = _meets(estimate, threshold, operator, favourable)
    if rule == "POINT_ESTIMATE":
        return MET if point else NOT_MET
    bound = high if favourable == "LOWER" else low
    if _meets(bound, threshold, operator, favourable):
        return MET
    return INCONCLUSIVE if point else NOT_MET


def _exclusion(view: reads.SourceView | None, category: str) -> str:
    if view is None:
        return "the source is no longer in the project"
    if not view.included:
        return "no longer included in the review"
    weight = view.value("weight")
    if weight is None:
        return "not yet weighted in the appraisal"
    if weight not in _CONTRIBUTING_WEIGHTS:
        return "weighted as background" if weight == "BACKGROUND" else "weighted as not used"
    if view.value("device_relation") not in _DEVICE_DATA:
        return "data of another device are not clinical data of the device (Art. 2(48))"
    usable = view.value("usable_for")
    wanted = "SAFETY" if category == "SAFETY" else "PERFORMANCE"
    if usable and wanted not in usable:
        return f"appraised as usable for {', '.join(u.lower() for u in usable)} only"
    return ""


def _criterion(
    crit: Any,
    objective: Any,
    outcomes: list[dict[str, Any]],
    by_key: dict[str, reads.SourceView],
    transform: str,
    single: str,
    intervals: dict[tuple[int, int], Any],
) -> CriterionResult:
    from cerdesk.ops import statistics as st

    metric = crit["metric"] or "OTHER"
    category = objective["category"] or ""
    unit = crit["unit"] or ""
    percent = metric in PROPORTION_METRICS
    favourable = _favourable(crit["operator"], category)
    threshold, problem = _scale_threshold(metric, crit["threshold"], unit)
    description = _describe(crit)
    notes: list[str] = []
    excluded: list[tuple[str, str]] = []
    rows: list[SourceResult] = []
    for outcome in outcomes:
        view = by_key.get(outcome["source_key"])
        code = view.code if view else outcome["source_key"]
        why = _exclusion(view, category)
        if why:
            excluded.append((code, why))
            continue
        assert view is not None
        try:
            row = _row(outcome, view, metric, single, st, unit, intervals)
        except st.StatisticsError as err:
            excluded.append((code, str(err)))
            continue
        if row is None:
            excluded.append((code, _missing_numbers(metric)))
            continue
        rows.append(row)
    base = {
        "criterion_id": crit.id,
        "code": crit["code"] or "AC-?",
        "objective_id": objective.id,
        "objective_code": objective["code"] or "OBJ-?",
        "category": category,
        "metric": metric,
        "description": description,
        "threshold": threshold,
        "percent": percent,
        "unit": unit,
        "favourable": favourable,
        "excluded": tuple(excluded),
    }
    if problem:
        return CriterionResult(
            **base,
            rows=tuple(rows),
            summary=None,
            verdict=NO_DATA,
            reason=problem,
            notes=tuple(notes),
        )
    if not rows:
        reason = "no contributing source has a result for this criterion"
        return CriterionResult(
            **base, rows=(), summary=None, verdict=NO_DATA, reason=reason, notes=tuple(notes)
        )
    assert threshold is not None
    summary, weights = _combine(rows, metric, transform, single, st, crit, threshold, favourable)
    for row, weight in zip(rows, weights, strict=True):
        row.weight = weight
    notes.extend(_hygiene(rows, metric, threshold, favourable, st))
    sensitivity = None
    pivotal = [r for r in rows if r.pivotal]
    if pivotal and len(pivotal) < len(rows):
        sensitivity, _w = _combine(
            pivotal, metric, transform, single, st, crit, threshold, favourable
        )
    elif not pivotal:
        notes.append("No pivotal source: the sensitivity analysis has nothing to restrict to.")
    reason = _reason(summary, threshold, favourable, crit["decision_rule"], description)
    return CriterionResult(
        **base,
        rows=tuple(rows),
        summary=summary,
        verdict=summary.verdict,
        reason=reason,
        sensitivity=sensitivity,
        notes=tuple(notes) + summary.notes,
    )


def _row(
    outcome: dict[str, Any],
    view: reads.SourceView,
    metric: str,
    single: str,
    st: Any,
    unit: str,
    intervals: dict[tuple[int, int], Any],
) -> SourceResult | None:
    events, total = outcome["events"], outcome["total"]
    pivotal = view.value("weight") == "PIVOTAL"
    common = {
        "key": view.key,
        "code": view.code,
        "citation": view.citation,
        "subgroup": outcome["subgroup"] or "",
        "pivotal": pivotal,
        "total_unit": outcome["total_unit"],
    }
    if metric in PROPORTION_METRICS and events is None and outcome["mean"] is not None:
        # A rate reported without counts (a Kaplan–Meier estimate): compared as reported,
        # in the criterion's unit.
        scale = 100.0 if "%" in (unit or "") else 1.0
        value = outcome["mean"] / scale
        low = value if outcome["ci_low"] is None else outcome["ci_low"] / scale
        high = value if outcome["ci_high"] is None else outcome["ci_high"] / scale
        return SourceResult(
            **common,
            estimate=value,
            low=min(low, value),
            high=max(high, value),
            detail="as reported",
        )
    if metric in PROPORTION_METRICS:
        if events is None or not total:
            return None
        est = intervals.get((events, total)) or st.proportion_ci(events, total, single)
        return SourceResult(
            **common,
            estimate=est.estimate,
            low=est.low,
            high=est.high,
            detail=f"{events}/{total}",
            events=events,
            total=total,
        )
    if metric == "RATE_PER_PT_YEAR":
        exposure = outcome["exposure"]
        if events is None or not exposure:
            return None
        est = st.rate_ci(events, exposure)
        return SourceResult(
            **common,
            estimate=est.estimate,
            low=est.low,
            high=est.high,
            detail=f"{events}/{exposure:g} pt-y",
            events=events,
            total=exposure,
        )
    mean = outcome["mean"]
    if mean is None:
        return None
    low, high = outcome["ci_low"], outcome["ci_high"]
    if metric == "MEAN" and outcome["sd"] is not None and total and total > 1:
        est = st.mean_ci(mean, outcome["sd"], total)
        return SourceResult(
            **common,
            estimate=est.estimate,
            low=est.low,
            high=est.high,
            detail=f"n = {total}",
            mean=mean,
            sd=outcome["sd"],
            total=total,
        )
    if low is None or high is None:
        low = high = mean
    low, high = min(low, mean), max(high, mean)
    detail = f"n = {total}" if total else "as reported"
    return SourceResult(
        **common, estimate=mean, low=low, high=high, detail=detail, mean=mean, total=total
    )


def _missing_numbers(metric: str) -> str:
    if metric in PROPORTION_METRICS:
        return "events and denominator are missing"
    if metric == "RATE_PER_PT_YEAR":
        return "events and exposure (patient-years) are missing"
    if metric == "MEAN":
        return "the mean is missing"
    return "the reported value is missing"


def _combine(
    rows: list[SourceResult],
    metric: str,
    transform: str,
    single: str,
    st: Any,
    crit: Any,
    threshold: float,
    favourable: str,
) -> tuple[Summary, list[float | None]]:
    operator, rule = crit["operator"], crit["decision_rule"]
    if len(rows) == 1 or metric in REPORTED_METRICS or _not_poolable(rows, metric):
        if len(rows) == 1:
            r = rows[0]
            if r.events is None and r.sd is None:
                method = "one source, as reported"
            elif metric in PROPORTION_METRICS:
                method = {
                    "clopper-pearson": "Clopper–Pearson exact 95% CI",
                    "wilson": "Wilson score 95% CI",
                }.get(single, "95% CI")
            else:
                method = "one source, 95% CI"
            verdict = decide(r.estimate, r.low, r.high, threshold, operator, favourable, rule)
            return Summary(1, r.estimate, r.low, r.high, method, verdict), [1.0]
        verdicts = {
            decide(r.estimate, r.low, r.high, threshold, operator, favourable, rule) for r in rows
        }
        verdict = verdicts.pop() if len(verdicts) == 1 else INCONCLUSIVE
        lows, highs = [r.low for r in rows], [r.high for r in rows]
        ests = sorted(r.estimate for r in rows)
        mid = ests[len(ests) // 2]
        note = (
            "Reported values are not pooled: each source is compared with the threshold; "
            "the range of the sources is shown."
        )
        return (
            Summary(
                len(rows),
                mid,
                min(lows),
                max(highs),
                "not pooled (range of sources)",
                verdict,
                notes=(note,),
                pooled=False,
            ),
            [None] * len(rows),
        )
    if metric in PROPORTION_METRICS:
        pooled: Pooled = st.pool_proportions(
            [int(r.events or 0) for r in rows],
            [int(r.total or 0) for r in rows],
            transform=transform,
            tau="dl",
        )
    elif metric == "RATE_PER_PT_YEAR":
        pooled = st.pool_rates(
            [int(r.events or 0) for r in rows], [float(r.total or 0) for r in rows], tau="dl"
        )
    else:
        pooled = st.pool_means(
            [float(r.mean or 0) for r in rows],
            [float(r.sd or 0) for r in rows],
            [int(r.total or 0) for r in rows],
            tau="dl",
        )
    verdict = decide(
        pooled.estimate, pooled.low, pooled.high, threshold, operator, favourable, rule
    )
    summary = Summary(
        pooled.k,
        pooled.estimate,
        pooled.low,
        pooled.high,
        pooled.method,
        verdict,
        pooled.pi_low,
        pooled.pi_high,
        pooled.i2,
        pooled.tau2,
        pooled.notes,
    )
    return summary, list(pooled.weights)


def _not_poolable(rows: list[SourceResult], metric: str) -> bool:
    """Means without SD and n, or rates without counts, are compared one by one."""
    if metric == "MEAN":
        return any(r.sd is None for r in rows)
    return metric in PROPORTION_METRICS and any(r.events is None for r in rows)


def _hygiene(
    rows: list[SourceResult], metric: str, threshold: float, favourable: str, st: Any
) -> list[str]:
    """Warnings a statistician would give (cer-domain.md §5.4 OBJ-07, OBJ-08, §6.3)."""
    notes = []
    units = {r.total_unit for r in rows if r.total_unit}
    if len(units) > 1:
        notes.append(
            "The denominators mix "
            + " and ".join(sorted(u.lower() for u in units))
            + ": pooled rates should count the same unit."
        )
    codes = [r.code for r in rows]
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    if repeated:
        notes.append(
            f"{', '.join(repeated)} contribute more than one result: make sure the patients "
            "do not overlap."
        )
    if metric in PROPORTION_METRICS:
        events = sum(int(r.events or 0) for r in rows)
        total = sum(int(r.total or 0) for r in rows)
        # The exact upper bound with no events: the best any result of this size can show.
        best = st.proportion_ci(0, total, "clopper-pearson").high if total else 0.0
        if events == 0 and total:
            notes.append(
                f"No events in {total}: the exact 95% upper bound is {best * 100:.1f} % "
                f"(rule of three ≈ {300 / total:.1f} %)."
            )
        if favourable == "LOWER" and total and best > threshold:
            notes.append(
                f"Too few patients ({total}) to show the criterion: even with no events "
                f"the exact upper bound ({best * 100:.1f} %) exceeds the threshold "
                "(MEDDEV A6.b)."
            )
    return notes


def _reason(
    summary: Summary, threshold: float, favourable: str, rule: str | None, description: str
) -> str:
    if rule == "POINT_ESTIMATE":
        compared = "point estimate"
    else:
        compared = "upper 95% bound" if favourable == "LOWER" else "lower 95% bound"
    verdict = {
        MET: f"the {compared} meets the criterion {description}",
        NOT_MET: f"the {compared} does not meet the criterion {description}",
        INCONCLUSIVE: f"the point estimate meets {description} but the {compared} does not",
    }.get(summary.verdict, "")
    return verdict[:1].upper() + verdict[1:] + "."


def _describe(crit: Any) -> str:
    op = _OPERATOR_TEXT.get(crit["operator"] or "", "?")
    threshold = crit["threshold"]
    value = "?" if threshold is None else f"{threshold:g}"
    unit = crit["unit"] or ""
    text = f"{op} {value}" + (f" {unit}" if unit else "")
    timepoint = (crit["timepoint"] or "").strip()
    if timepoint[:1].isdigit():
        text += f" at {timepoint}"
    elif timepoint:
        text += f", {timepoint[:1].lower()}{timepoint[1:]}"
    return text


def _objective_verdict(criteria: tuple[CriterionResult, ...]) -> tuple[str, str]:
    if not criteria:
        return NO_DATA, "The objective has no acceptance criterion."
    verdicts = [c.verdict for c in criteria]
    for verdict in (NOT_MET, INCONCLUSIVE, NO_DATA):
        if verdict in verdicts:
            which = ", ".join(c.code for c in criteria if c.verdict == verdict)
            return verdict, f"{VERDICT_LABELS[verdict]}: {which}."
    return MET, "Every acceptance criterion is met."


def _gaps(project: Project, objectives: list[ObjectiveResult]) -> tuple[Gap, ...]:
    gaps = []
    for o in objectives:
        if o.verdict in (NO_DATA, INCONCLUSIVE):
            gaps.append(Gap("OBJECTIVE", o.code, o.reason))
        elif o.verdict == NOT_MET:
            gaps.append(
                Gap(
                    "OBJECTIVE",
                    o.code,
                    f"{o.reason} Address it through PMCF, an IFU "
                    "restriction or a narrower intended purpose.",
                )
            )
    evidenced = {o.code: any(c.rows for c in o.criteria) for o in objectives}
    texts = {
        obj["code"]: f"{obj['statement'] or ''} {obj['endpoint'] or ''}"
        for obj in project.items("objective")
    }
    for benefit in project.items("clinical_benefit"):
        codes = [benefit["code"]] + [
            p["code"] for p in project.items("outcome_parameter", benefit.id) if p["code"]
        ]
        naming = [
            code
            for code, text in texts.items()
            if any(c and re.search(rf"\b{re.escape(c)}\b", text) for c in codes)
        ]
        if not naming:
            gaps.append(
                Gap(
                    "BENEFIT",
                    benefit["code"] or "BEN-?",
                    "No objective names this benefit or its outcome parameters.",
                )
            )
        elif not any(evidenced.get(code) for code in naming):
            gaps.append(
                Gap(
                    "BENEFIT",
                    benefit["code"] or "BEN-?",
                    "No clinical data yet for the objectives that measure it ("
                    + ", ".join(naming)
                    + ").",
                )
            )
    return tuple(gaps)
