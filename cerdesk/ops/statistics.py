"""The numbers behind the analysis of clinical data (issue 4).

Per-source intervals (a proportion, an event rate, a mean) and random-effects pooling of
several sources, as used for state-of-the-art benchmarks and acceptance criteria
(cer-domain.md §6). The module is pure: no project, no database, no Qt; it imports only
the standard library, numpy, scipy and statsmodels.

Library code does the statistics wherever it exists:

* ``statsmodels.stats.proportion.proportion_confint`` for Clopper–Pearson ("beta") and
  Wilson intervals;
* ``statsmodels.stats.rates.confint_poisson`` ("exact-c", Garwood) for event rates;
* ``statsmodels.stats.meta_analysis.combine_effects`` for DerSimonian–Laird
  (``method_re="chi2"``) and Paule–Mandel (``method_re="iterated"``) random effects;
* ``scipy.stats`` for t and chi-square quantiles.

Hand-written here, because the libraries lack them: the logit, Freeman–Tukey and log-rate
transforms with their back-transforms (Miller 1978 with the harmonic mean of the sample
sizes, as metafor's ``transf.ipft.hm``), the prediction interval (Higgins, Thompson &
Spiegelhalter 2009: t with k − 2 degrees of freedom), I² as metafor reports it, and the
REML estimate of τ² (Fisher scoring, as metafor's ``rma(method="REML")``).

Every function either returns finite numbers or raises :class:`StatisticsError` with a
sentence a consultant can act on; none returns NaN or infinity.
"""

from __future__ import annotations

import math
import numbers
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import stats
from statsmodels.stats.meta_analysis import combine_effects
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.rates import confint_poisson

__all__ = [
    "Estimate",
    "Pooled",
    "StatisticsError",
    "ft_back_transform",
    "ft_transform",
    "logit_transform",
    "mean_ci",
    "pool_effects",
    "pool_means",
    "pool_proportions",
    "pool_rates",
    "prediction_interval",
    "proportion_ci",
    "rate_ci",
]

PROPORTION_METHODS = ("clopper-pearson", "wilson")
TRANSFORMS = ("logit", "freeman-tukey")
TAU_METHODS = ("dl", "pm", "reml")

_PROPORTION_ALIASES = {
    "clopper-pearson": "clopper-pearson",
    "clopper–pearson": "clopper-pearson",
    "exact": "clopper-pearson",
    "beta": "clopper-pearson",
    "wilson": "wilson",
}
_TRANSFORM_ALIASES = {
    "logit": "logit",
    "freeman-tukey": "freeman-tukey",
    "freeman–tukey": "freeman-tukey",
    "ft": "freeman-tukey",
    "pft": "freeman-tukey",
}
_TAU_LABELS = {
    "dl": "DerSimonian–Laird",
    "pm": "Paule–Mandel",
    "reml": "REML",
}
_REML_MAX_ITER = 200
_PM_MAX_ITER = 200


class StatisticsError(ValueError):
    """Input that has no defined result (e.g. n = 0, events > n).

    The message is one plain-English sentence for a consultant, naming the source at fault.
    """


@dataclass(frozen=True)
class Estimate:
    """One source's estimate with its confidence interval.

    Proportions are fractions 0..1, rates are events per unit of exposure, means are raw.
    """

    estimate: float
    low: float
    high: float
    method: str  # human label, e.g. "Clopper–Pearson exact 95% CI"


@dataclass(frozen=True)
class Pooled:
    """The result of pooling several sources (or of a single source, k == 1)."""

    k: int  # contributing studies
    estimate: float
    low: float
    high: float
    pi_low: float | None  # prediction interval (Higgins 2009: t with k - 2 df); None if k < 3
    pi_high: float | None
    i2: float | None  # I² as a fraction 0..1 (None when k == 1)
    tau2: float | None  # between-study variance on the analysis scale (None when k == 1)
    q: float | None  # Cochran's Q
    q_p: float | None  # p-value of Q (chi-square, k - 1 df)
    weights: tuple[float, ...]  # random-effects weights per input study, summing to 1
    total_events: float | None
    total_n: float | None  # patients (proportions, means) or total exposure (rates)
    method: str  # plain label for reports
    notes: tuple[str, ...]


# --------------------------------------------------------------------------- validation


def _source(i: int | None) -> str:
    return "" if i is None else f"Source {i + 1}: "


def _check_level(level: object) -> float:
    if isinstance(level, bool) or not isinstance(level, numbers.Real):
        raise StatisticsError(
            f"The confidence level must be a number between 0 and 1 (e.g. 0.95), not {level!r}."
        )
    value = float(level)
    if not (0.0 < value < 1.0):
        raise StatisticsError(
            f"The confidence level must be between 0 and 1 (e.g. 0.95 for 95%), not {value:g}."
        )
    return value


def _level_label(level: float) -> str:
    return f"{level * 100:.10g}%"


def _check_count(value: object, what: str, i: int | None = None) -> int:
    """A whole, non-negative number (events or patients)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise StatisticsError(f"{_source(i)}the {what} must be a whole number, not {value!r}.")
    number = float(value)
    if not math.isfinite(number):
        raise StatisticsError(f"{_source(i)}the {what} is missing or not a number.")
    if not number.is_integer():
        raise StatisticsError(f"{_source(i)}the {what} must be a whole number, not {number:g}.")
    if number < 0:
        raise StatisticsError(f"{_source(i)}the {what} cannot be negative ({number:g}).")
    return int(number)


def _check_events_total(events: object, total: object, i: int | None = None) -> tuple[int, int]:
    x = _check_count(events, "number of events", i)
    n = _check_count(total, "number of patients (n)", i)
    if n == 0:
        raise StatisticsError(
            f"{_source(i)}the number of patients (n) is 0; a proportion needs at least one patient."
        )
    if x > n:
        raise StatisticsError(
            f"{_source(i)}there are more events ({x}) than patients ({n}); count each "
            "patient at most once or use an event rate per exposure instead."
        )
    return x, n


def _check_real(value: object, what: str, i: int | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise StatisticsError(f"{_source(i)}the {what} must be a number, not {value!r}.")
    number = float(value)
    if not math.isfinite(number):
        raise StatisticsError(f"{_source(i)}the {what} is missing or not a finite number.")
    return number


def _check_exposure(value: object, i: int | None = None) -> float:
    exposure = _check_real(value, "exposure (e.g. patient-years)", i)
    if exposure <= 0:
        raise StatisticsError(
            f"{_source(i)}the exposure (e.g. patient-years) must be greater than 0, "
            f"not {exposure:g}."
        )
    return exposure


def _check_sd(value: object, i: int | None = None) -> float:
    sd = _check_real(value, "standard deviation", i)
    if sd < 0:
        raise StatisticsError(f"{_source(i)}the standard deviation cannot be negative ({sd:g}).")
    return sd


def _check_mean_n(value: object, i: int | None = None) -> int:
    n = _check_count(value, "number of patients (n)", i)
    if n < 2:
        raise StatisticsError(
            f"{_source(i)}a mean from {n} patient(s) has no standard deviation and no "
            "confidence interval; at least 2 patients are needed."
        )
    return n


def _check_lengths(name: str, *columns: Sequence[object]) -> int:
    lengths = {len(column) for column in columns}
    if len(lengths) != 1:
        raise StatisticsError(
            f"The {name} lists have different lengths ({', '.join(str(len(c)) for c in columns)});"
            " give one value per source in each."
        )
    k = lengths.pop()
    if k == 0:
        raise StatisticsError("There are no sources to pool; add at least one.")
    return k


def _tau_method(tau: object) -> str:
    key = str(tau).strip().lower()
    if key not in TAU_METHODS:
        raise StatisticsError(
            f"Unknown between-study variance method {tau!r}; use 'dl' (DerSimonian–Laird), "
            "'pm' (Paule–Mandel) or 'reml'."
        )
    return key


def _finite(value: float, what: str) -> float:
    """Last guard: never hand out NaN or infinity."""
    value = float(value)
    if not math.isfinite(value):
        raise StatisticsError(
            f"The {what} could not be computed from these data (numbers too extreme); "
            "check the inputs."
        )
    return value


# --------------------------------------------------------------------- single sources


def _proportion_method(method: str) -> str:
    key = _PROPORTION_ALIASES.get(str(method).strip().lower())
    if key is None:
        raise StatisticsError(
            f"Unknown interval method {method!r}; use 'clopper-pearson' or 'wilson'."
        )
    return key


def _proportion_bounds(
    pairs: Sequence[tuple[int, int]], key: str, level: float
) -> tuple[str, list[tuple[float, float]]]:
    """Return the interval's label and the raw (low, high) of each valid pair, in one call."""
    xs = np.array([x for x, _n in pairs], dtype=float)
    ns = np.array([n for _x, n in pairs], dtype=float)
    sm_method = "beta" if key == "clopper-pearson" else "wilson"
    with np.errstate(all="ignore"):
        lows, highs = proportion_confint(xs, ns, alpha=1.0 - level, method=sm_method)
    bounds = []
    for (x, n), low, high in zip(pairs, np.atleast_1d(lows), np.atleast_1d(highs), strict=True):
        low, high = float(low), float(high)
        if key == "clopper-pearson":
            low = 0.0 if x == 0 else low
            high = 1.0 if x == n else high
        bounds.append((low, high))
    label = (
        f"Clopper–Pearson exact {_level_label(level)} CI"
        if key == "clopper-pearson"
        else f"Wilson score {_level_label(level)} CI"
    )
    return label, bounds


def proportion_ci(
    events: int, total: int, method: str = "clopper-pearson", level: float = 0.95
) -> Estimate:
    """Return the proportion ``events/total`` with its confidence interval.

    ``method`` is ``"clopper-pearson"`` (exact, conservative; also ``"exact"`` or
    ``"beta"``) or ``"wilson"`` (score interval). Bounds are clamped to [0, 1]; the
    Clopper–Pearson lower bound is 0 at 0 events and the upper bound 1 at all events.
    """
    key = _proportion_method(method)
    lvl = _check_level(level)
    x, n = _check_events_total(events, total)
    label, [(low, high)] = _proportion_bounds([(x, n)], key, lvl)
    low = min(max(_finite(low, "lower confidence bound"), 0.0), 1.0)
    high = min(max(_finite(high, "upper confidence bound"), 0.0), 1.0)
    return Estimate(x / n, low, high, label)


def proportion_cis(
    pairs: Sequence[tuple[int, int]], method: str = "clopper-pearson", level: float = 0.95
) -> dict[tuple[int, int], Estimate]:
    """Return :func:`proportion_ci` for many (events, total) pairs in one vectorised call.

    Invalid pairs are left out (ask :func:`proportion_ci` for their message). The values
    equal those of :func:`proportion_ci` (a test checks it); this only saves the
    per-call overhead when an analysis has thousands of results.
    """
    key = _proportion_method(method)
    lvl = _check_level(level)
    valid = sorted(
        {
            (x, n)
            for x, n in pairs
            if isinstance(x, int)
            and isinstance(n, int)
            and not isinstance(x, bool)
            and 0 <= x <= n
            and n > 0
        }
    )
    if not valid:
        return {}
    label, bounds = _proportion_bounds(valid, key, lvl)
    return {
        (x, n): Estimate(x / n, min(max(low, 0.0), 1.0), min(max(high, 0.0), 1.0), label)
        for (x, n), (low, high) in zip(valid, bounds, strict=True)
        if math.isfinite(low) and math.isfinite(high)  # else proportion_ci gives the message
    }


def rate_ci(events: int, exposure: float, level: float = 0.95) -> Estimate:
    """Return the event rate ``events/exposure`` with its exact Poisson CI.

    The interval is Garwood's (chi-square/gamma quantiles), central and exact, from
    statsmodels' ``confint_poisson(method="exact-c")``; the lower bound is 0 at 0 events.
    The rate is per unit of exposure (e.g. per patient-year).
    """
    lvl = _check_level(level)
    x = _check_count(events, "number of events")
    t = _check_exposure(exposure)
    with np.errstate(all="ignore"):
        low, high = confint_poisson(x, t, method="exact-c", alpha=1.0 - lvl)
    low = 0.0 if x == 0 else float(low)
    return Estimate(
        _finite(x / t, "rate"),
        max(_finite(low, "lower confidence bound"), 0.0),
        _finite(float(high), "upper confidence bound"),
        f"Exact Poisson (Garwood) {_level_label(lvl)} CI",
    )


def mean_ci(mean: float, sd: float, n: int, level: float = 0.95) -> Estimate:
    """Return the mean with its t-based confidence interval (``mean ± t·sd/√n``, n − 1 df).

    ``n`` must be at least 2: one patient has no standard deviation. ``sd = 0`` gives an
    interval of zero width.
    """
    lvl = _check_level(level)
    m = _check_real(mean, "mean")
    s = _check_sd(sd)
    k = _check_mean_n(n)
    half = float(stats.t.ppf(0.5 + lvl / 2.0, k - 1)) * s / math.sqrt(k)
    return Estimate(
        m,
        _finite(m - half, "lower confidence bound"),
        _finite(m + half, "upper confidence bound"),
        f"t-based {_level_label(lvl)} CI",
    )


# --------------------------------------------------------------------------- transforms


def logit_transform(
    events: Sequence[int], totals: Sequence[int]
) -> tuple[np.ndarray, np.ndarray, tuple[int, ...]]:
    """Return logits, their variances and the indexes of continuity-corrected sources.

    ``y = log(x / (n − x))``, ``v = 1/x + 1/(n − x)``; 0.5 is added to the event and
    non-event counts only of sources with 0 or all events (metafor's ``add=1/2,
    to="only0"``). Inputs must already be valid counts.
    """
    x = np.asarray(events, dtype=float)
    n = np.asarray(totals, dtype=float)
    corrected = (x == 0) | (x == n)
    add = np.where(corrected, 0.5, 0.0)
    a = x + add
    b = n - x + add
    return np.log(a / b), 1.0 / a + 1.0 / b, tuple(int(i) for i in np.flatnonzero(corrected))


def ft_transform(events: Sequence[int], totals: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """Return Freeman–Tukey double arcsine values and variances.

    ``t = asin(√(x/(n+1))) + asin(√((x+1)/(n+1)))``, ``v = 1/(n + 0.5)`` (Freeman & Tukey
    1950; Miller 1978's scale, i.e. twice metafor's ``measure="PFT"``, with four times
    its variance).
    """
    x = np.asarray(events, dtype=float)
    n = np.asarray(totals, dtype=float)
    t = np.arcsin(np.sqrt(x / (n + 1.0))) + np.arcsin(np.sqrt((x + 1.0) / (n + 1.0)))
    return t, 1.0 / (n + 0.5)


def _ft_range(n: float) -> tuple[float, float]:
    """The Freeman–Tukey values at x = 0 and at x = n for sample size n."""
    return (
        2.0 * math.asin(math.sqrt(1.0 / (n + 1.0))),
        math.asin(math.sqrt(n / (n + 1.0))) + math.pi / 2.0,
    )


def ft_back_transform(t: float, n: float) -> float:
    """Return the proportion for a Freeman–Tukey value ``t`` at sample size ``n``.

    Miller (1978): ``p = ½·(1 − sgn(cos t)·√(1 − (sin t + (sin t − 1/sin t)/n)²))``. For a
    pooled value pass the harmonic mean of the sample sizes (metafor's
    ``transf.ipft.hm``). Values beyond the transform's range at ``n`` map to 0 or 1; the
    result is clamped to [0, 1].
    """
    t = float(t)
    n = float(n)
    if not (math.isfinite(t) and math.isfinite(n)) or n <= 0:
        raise StatisticsError("The Freeman–Tukey back-transform needs a finite value and n > 0.")
    lowest, highest = _ft_range(n)
    if t <= lowest:
        return 0.0
    if t >= highest:
        return 1.0
    s = math.sin(t)
    inner = 1.0 - (s + (s - 1.0 / s) / n) ** 2
    p = 0.5 * (1.0 - math.copysign(1.0, math.cos(t)) * math.sqrt(max(inner, 0.0)))
    return min(max(p, 0.0), 1.0)


# ------------------------------------------------------------------------ pooling core


def prediction_interval(
    estimate: float, se: float, tau2: float, k: int, level: float = 0.95
) -> tuple[float, float]:
    """Return the random-effects prediction interval on the analysis scale.

    Higgins, Thompson & Spiegelhalter (2009): ``estimate ± t(k−2)·√(τ² + se²)``; needs
    k ≥ 3 sources.
    """
    lvl = _check_level(level)
    if k < 3:
        raise StatisticsError("A prediction interval needs at least 3 sources.")
    half = float(stats.t.ppf(0.5 + lvl / 2.0, k - 2)) * math.sqrt(tau2 + se * se)
    return estimate - half, estimate + half


@dataclass(frozen=True)
class _Fit:
    estimate: float
    se: float
    tau2: float
    q: float
    q_p: float
    i2: float
    weights: np.ndarray
    notes: tuple[str, ...]


def _reml_tau2(y: np.ndarray, v: np.ndarray, start: float) -> tuple[float, bool]:
    """REML τ² by Fisher scoring (metafor's algorithm for ``rma(method="REML")``)."""
    tau2 = max(start, 0.0)
    for _ in range(_REML_MAX_ITER):
        w = 1.0 / (v + tau2)
        sw = w.sum()
        sw2 = (w * w).sum()
        mu = (w * y).sum() / sw
        r = y - mu
        tr_p = sw - sw2 / sw
        tr_pp = sw2 - 2.0 * (w**3).sum() / sw + (sw2 / sw) ** 2
        score = (w * w * r * r).sum() - tr_p
        if not (math.isfinite(score) and math.isfinite(tr_pp)) or tr_pp <= 0:
            return tau2, False
        new = max(tau2 + score / tr_pp, 0.0)
        if abs(new - tau2) <= 1e-12 * max(1.0, tau2):
            return new, True
        tau2 = new
    return tau2, False


def _fit(y: np.ndarray, v: np.ndarray, tau: str) -> _Fit:
    """Random-effects inverse-variance pooling of ``y`` with sampling variances ``v``."""
    k = len(y)
    notes: list[str] = []
    method_re = "iterated" if tau == "pm" else "chi2"
    kwds = {"atol": 1e-10, "maxiter": _PM_MAX_ITER} if tau == "pm" else {}
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = combine_effects(y, v, method_re=method_re, use_t=False, **kwds)
    q = float(res.q)
    tau2 = float(res.tau2)
    if tau == "pm" and tau2 > 0:
        # statsmodels does not report convergence; check the Paule–Mandel equation.
        w = 1.0 / (v + tau2)
        mu = (w * y).sum() / w.sum()
        if abs((w * (y - mu) ** 2).sum() - (k - 1)) > 1e-6 * k:
            notes.append("Paule–Mandel iteration did not fully converge.")
    if tau == "reml":
        tau2, converged = _reml_tau2(y, v, start=max(tau2, 0.0))
        if not converged:
            tau2 = max(float(res.tau2), 0.0)
            notes.append("REML did not converge; the DerSimonian–Laird τ² is used instead.")
        w = 1.0 / (v + tau2)
        estimate = float((w * y).sum() / w.sum())
        se = math.sqrt(1.0 / w.sum())
        weights = w / w.sum()
    elif tau2 > 0:
        estimate = float(res.mean_effect_re)
        se = float(res.sd_eff_w_re)
        weights = np.asarray(res.weights_rel_re, dtype=float)
    else:  # the moment estimate is truncated at 0, as in metafor: a fixed-effect result
        tau2 = 0.0
        estimate = float(res.mean_effect_fe)
        se = float(res.sd_eff_w_fe)
        weights = np.asarray(res.weights_rel_fe, dtype=float)
    if tau2 == 0.0:
        notes.append(
            "No between-study heterogeneity was estimated (τ² = 0); the result equals a "
            "fixed-effect analysis."
        )
    # I² as metafor reports it: τ² / (τ² + s²), s² the "typical" within-study variance
    # (Higgins & Thompson 2002); for DerSimonian–Laird this is (Q − df)/Q.
    w_fe = 1.0 / v
    sw = w_fe.sum()
    denom = sw * sw - (w_fe * w_fe).sum()
    s2 = (k - 1) * sw / denom if denom > 0 else 0.0
    i2 = tau2 / (tau2 + s2) if tau2 > 0 and math.isfinite(s2) and tau2 + s2 > 0 else 0.0
    q = max(q, 0.0) if math.isfinite(q) else 0.0
    q_p = float(stats.chi2.sf(q, k - 1))
    return _Fit(
        estimate=_finite(estimate, "pooled estimate"),
        se=_finite(se, "standard error"),
        tau2=_finite(tau2, "between-study variance"),
        q=_finite(q, "Q statistic"),
        q_p=_finite(q_p, "p-value of Q"),
        i2=min(max(_finite(i2, "I²"), 0.0), 1.0),
        weights=weights,
        notes=tuple(notes),
    )


def _pooled(
    fit: _Fit,
    k: int,
    level: float,
    back: Callable[[float], float],
    *,
    total_events: float | None,
    total_n: float | None,
    method: str,
    notes: Sequence[str],
) -> Pooled:
    """Assemble a :class:`Pooled` from a fit on the analysis scale and a back-transform."""
    z = float(stats.norm.ppf(0.5 + level / 2.0))
    lo = fit.estimate - z * fit.se
    hi = fit.estimate + z * fit.se
    all_notes = list(notes) + list(fit.notes)
    pi_low = pi_high = None
    if k >= 3:
        pl, ph = prediction_interval(fit.estimate, fit.se, fit.tau2, k, level)
        pl, ph = back(pl), back(ph)
        if math.isfinite(pl) and math.isfinite(ph):
            pi_low, pi_high = pl, ph
        else:
            all_notes.append(
                "No prediction interval: the studies differ too much for a finite one."
            )
    else:
        all_notes.append("No prediction interval: it needs at least 3 sources.")
    weights = tuple(float(w) for w in fit.weights)
    if not all(math.isfinite(w) for w in weights):
        raise StatisticsError("The study weights could not be computed; check the inputs.")
    return Pooled(
        k=k,
        estimate=_finite(back(fit.estimate), "pooled estimate"),
        low=_finite(back(lo), "lower confidence bound"),
        high=_finite(back(hi), "upper confidence bound"),
        pi_low=pi_low,
        pi_high=pi_high,
        i2=fit.i2,
        tau2=fit.tau2,
        q=fit.q,
        q_p=fit.q_p,
        weights=weights,
        total_events=total_events,
        total_n=total_n,
        method=method,
        notes=tuple(all_notes),
    )


def _single(
    est: Estimate, *, total_events: float | None, total_n: float | None, note: str
) -> Pooled:
    return Pooled(
        k=1,
        estimate=est.estimate,
        low=est.low,
        high=est.high,
        pi_low=None,
        pi_high=None,
        i2=None,
        tau2=None,
        q=None,
        q_p=None,
        weights=(1.0,),
        total_events=total_events,
        total_n=total_n,
        method=f"Single source, {est.method}",
        notes=(note,),
    )


def _expit(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    e = math.exp(value)
    return e / (1.0 + e)


def _exp(value: float) -> float:
    return math.exp(value) if value < 709.0 else math.inf  # callers reject infinity


def _sources(indexes: Sequence[int]) -> str:
    numbers_ = [str(i + 1) for i in indexes]
    return ("source " if len(numbers_) == 1 else "sources ") + ", ".join(numbers_)


# ------------------------------------------------------------------------ public pooling


def pool_effects(
    effects: Sequence[float],
    variances: Sequence[float],
    *,
    tau: str = "dl",
    level: float = 0.95,
) -> Pooled:
    """Pool effect sizes already on their analysis scale (e.g. log risk ratios).

    Inverse-variance random effects with τ² by ``tau``: ``"dl"`` (DerSimonian–Laird),
    ``"pm"`` (Paule–Mandel) or ``"reml"``; normal-based CI, prediction interval with t on
    k − 2 df. Nothing is back-transformed. A single source gives its normal (Wald) CI.
    """
    lvl = _check_level(level)
    key = _tau_method(tau)
    k = _check_lengths("effect and variance", effects, variances)
    y = np.array([_check_real(e, "effect size", i) for i, e in enumerate(effects)])
    v = np.array([_check_real(s, "sampling variance", i) for i, s in enumerate(variances)])
    for i, s in enumerate(v):
        if s <= 0:
            raise StatisticsError(
                f"{_source(i)}the sampling variance must be greater than 0, not {s:g}."
            )
    if k == 1:
        z = float(stats.norm.ppf(0.5 + lvl / 2.0))
        half = z * math.sqrt(float(v[0]))
        mid = float(y[0])
        return _single(
            Estimate(mid, mid - half, mid + half, f"normal {_level_label(lvl)} CI"),
            total_events=None,
            total_n=None,
            note="Single source: its own confidence interval, no pooling.",
        )
    fit = _fit(y, v, key)
    return _pooled(
        fit,
        k,
        lvl,
        float,
        total_events=None,
        total_n=None,
        method=f"Random effects ({_TAU_LABELS[key]}), inverse variance, {_level_label(lvl)} CI",
        notes=(),
    )


def pool_proportions(
    events: Sequence[int],
    totals: Sequence[int],
    *,
    transform: str = "logit",
    tau: str = "dl",
    level: float = 0.95,
) -> Pooled:
    """Pool proportions (events out of patients) across sources by random effects.

    ``transform`` is ``"logit"`` (0.5 added to the counts of sources with 0 or all
    events; back-transformed with the inverse logit) or ``"freeman-tukey"`` (double
    arcsine, back-transformed by Miller's formula at the harmonic mean of the sample
    sizes, clamped to [0, 1]). ``tau`` is ``"dl"``, ``"pm"`` or ``"reml"``. The estimate,
    CI and prediction interval are proportions 0..1. A single source gives its
    Clopper–Pearson interval.
    """
    lvl = _check_level(level)
    key = _tau_method(tau)
    tr = _TRANSFORM_ALIASES.get(str(transform).strip().lower())
    if tr is None:
        raise StatisticsError(f"Unknown transform {transform!r}; use 'logit' or 'freeman-tukey'.")
    k = _check_lengths("events and patients", events, totals)
    pairs = [
        _check_events_total(x, n, i) for i, (x, n) in enumerate(zip(events, totals, strict=True))
    ]
    xs = [x for x, _ in pairs]
    ns = [n for _, n in pairs]
    total_events, total_n = float(sum(xs)), float(sum(ns))
    if k == 1:
        return _single(
            proportion_ci(xs[0], ns[0], "clopper-pearson", lvl),
            total_events=total_events,
            total_n=total_n,
            note="Single source: exact Clopper–Pearson CI, no pooling.",
        )
    notes: list[str] = []
    if total_events == 0:
        notes.append(
            "No events in any source; the exact interval on the summed data "
            "(Clopper–Pearson) may be more informative than a pooled estimate."
        )
    elif total_events == total_n:
        notes.append(
            "All patients had the event in every source; the exact interval on the summed "
            "data (Clopper–Pearson) may be more informative than a pooled estimate."
        )
    if tr == "logit":
        y, v, corrected = logit_transform(xs, ns)
        if corrected:
            notes.insert(
                0,
                f"0.5 added to the event and non-event counts of {_sources(corrected)} "
                "(0 or all events; logit).",
            )
        back = _expit
        label = "logit transform"
    else:
        y, v = ft_transform(xs, ns)
        n_hm = k / sum(1.0 / n for n in ns)
        notes.insert(
            0,
            "Freeman–Tukey back-transform (Miller 1978) at the harmonic mean sample size "
            f"{n_hm:.1f}.",
        )

        lowest, highest = _ft_range(n_hm)
        limited: list[float] = []

        def back(value: float) -> float:
            if value <= lowest or value >= highest:
                limited.append(value)
            return ft_back_transform(value, n_hm)

        label = "Freeman–Tukey double arcsine transform"
    fit = _fit(y, v, key)
    pooled = _pooled(
        fit,
        k,
        lvl,
        back,
        total_events=total_events,
        total_n=total_n,
        method=f"Random effects ({_TAU_LABELS[key]}), {label}, {_level_label(lvl)} CI",
        notes=notes,
    )
    if tr == "freeman-tukey" and limited:
        pooled = replace(
            pooled,
            notes=(
                *pooled.notes,
                "Some bounds reached the limit of the Freeman–Tukey back-transform at the "
                "harmonic mean sample size and are shown as exactly 0 or 1; the logit "
                "transform or the exact interval on the summed data is more informative here.",
            ),
        )
    return pooled


def pool_rates(
    events: Sequence[int],
    exposures: Sequence[float],
    *,
    tau: str = "dl",
    level: float = 0.95,
) -> Pooled:
    """Pool event rates (events per unit of exposure) across sources by random effects.

    Analysed as log rates, ``log(x/T)`` with variance ``1/x``; 0.5 is added to the events
    of sources with none (metafor's ``measure="IRLN"``). Back-transformed with exp, so
    the result is events per unit of exposure. ``total_n`` holds the total exposure. A
    single source gives its exact Poisson interval.
    """
    lvl = _check_level(level)
    key = _tau_method(tau)
    k = _check_lengths("events and exposure", events, exposures)
    xs = [_check_count(x, "number of events", i) for i, x in enumerate(events)]
    ts = [_check_exposure(t, i) for i, t in enumerate(exposures)]
    total_events, total_exposure = float(sum(xs)), float(sum(ts))
    if k == 1:
        return _single(
            rate_ci(xs[0], ts[0], lvl),
            total_events=total_events,
            total_n=total_exposure,
            note="Single source: exact Poisson CI, no pooling.",
        )
    x = np.asarray(xs, dtype=float)
    t = np.asarray(ts, dtype=float)
    zero = x == 0
    a = np.where(zero, 0.5, x)
    y = np.log(a) - np.log(t)
    v = 1.0 / a
    notes: list[str] = []
    if zero.any():
        notes.append(
            f"0.5 added to the events of {_sources(np.flatnonzero(zero).tolist())} "
            "(0 events; log rate)."
        )
    if total_events == 0:
        notes.append(
            "No events in any source; the exact Poisson interval on the summed data may be "
            "more informative than a pooled estimate."
        )
    fit = _fit(y, v, key)
    return _pooled(
        fit,
        k,
        lvl,
        _exp,
        total_events=total_events,
        total_n=total_exposure,
        method=f"Random effects ({_TAU_LABELS[key]}), log rate, {_level_label(lvl)} CI",
        notes=notes,
    )


def pool_means(
    means: Sequence[float],
    sds: Sequence[float],
    ns: Sequence[int],
    *,
    tau: str = "dl",
    level: float = 0.95,
) -> Pooled:
    """Pool raw means across sources by inverse-variance random effects.

    Each source's variance is ``sd²/n``; every source needs n ≥ 2 and, when pooling,
    sd > 0. ``total_n`` holds the number of patients. A single source gives its t-based
    interval.
    """
    lvl = _check_level(level)
    key = _tau_method(tau)
    k = _check_lengths("mean, standard deviation and patient", means, sds, ns)
    ms = [_check_real(m, "mean", i) for i, m in enumerate(means)]
    ss = [_check_sd(s, i) for i, s in enumerate(sds)]
    nn = [_check_mean_n(n, i) for i, n in enumerate(ns)]
    total_n = float(sum(nn))
    if k == 1:
        return _single(
            mean_ci(ms[0], ss[0], nn[0], lvl),
            total_events=None,
            total_n=total_n,
            note="Single source: t-based CI, no pooling.",
        )
    for i, s in enumerate(ss):
        if s == 0:
            raise StatisticsError(
                f"{_source(i)}the standard deviation is 0, so the source would get infinite "
                "weight in inverse-variance pooling; check the value."
            )
    y = np.asarray(ms, dtype=float)
    v = np.asarray(ss, dtype=float) ** 2 / np.asarray(nn, dtype=float)
    if not np.all(np.isfinite(v)) or np.any(v <= 0):
        raise StatisticsError(
            "A standard deviation is too small or too large to weight; check the inputs."
        )
    fit = _fit(y, v, key)
    return _pooled(
        fit,
        k,
        lvl,
        float,
        total_events=None,
        total_n=total_n,
        method=f"Random effects ({_TAU_LABELS[key]}), raw mean, inverse variance, "
        f"{_level_label(lvl)} CI",
        notes=(),
    )
