"""Tests for cerdesk.ops.statistics against published reference values.

Every expected number below is copied from a named outside source (never from running
this module): cer-domain.md §6.1, R output stored in statsmodels' own test suite
(binom, exactci, metafor, meta), metafor's documentation and test suite, Miller (1978)
and R's own documentation. Tolerances follow the digits each source gives.
"""

from __future__ import annotations

import math
import statistics as pystats
import time
from dataclasses import fields

import numpy as np
import pytest
from statsmodels.stats.meta_analysis import combine_effects

from cerdesk.ops.statistics import (
    Estimate,
    Pooled,
    StatisticsError,
    ft_back_transform,
    ft_transform,
    logit_transform,
    mean_ci,
    pool_effects,
    pool_means,
    pool_proportions,
    pool_rates,
    prediction_interval,
    proportion_ci,
    proportion_cis,
    rate_ci,
)

approx = pytest.approx

# ------------------------------------------------------------------ single proportions


def test_domain_vectors_7_of_50():
    # cer-domain.md §6.1 (5 decimals, verified there against scipy's binomtest docs).
    cp = proportion_ci(7, 50)
    assert (cp.low, cp.high) == approx((0.05819, 0.26740), abs=1e-5)
    assert cp.estimate == 0.14
    assert cp.method == "Clopper–Pearson exact 95% CI"
    wi = proportion_ci(7, 50, method="wilson")
    assert (wi.low, wi.high) == approx((0.06951, 0.26186), abs=1e-5)
    assert wi.method == "Wilson score 95% CI"


def test_domain_vectors_0_of_30():
    # cer-domain.md §6.1: Clopper–Pearson upper = 1 − 0.025^(1/30) = 0.11570; Wilson 0.11351.
    cp = proportion_ci(0, 30)
    assert cp.low == 0.0
    assert cp.high == approx(0.11570, abs=1e-5)
    assert cp.high == approx(1 - 0.025 ** (1 / 30), rel=1e-9)  # the closed form
    wi = proportion_ci(0, 30, method="wilson")
    assert wi.low == approx(0.0, abs=1e-12)
    assert wi.high == approx(0.11351, abs=1e-5)


def test_clopper_pearson_matches_r_binom_test():
    # R: binom.test(51, 235)$conf.int, as stored in statsmodels
    # stats/tests/test_proportion.py (test_binom_test, binom_test_2sided.conf_int).
    cp = proportion_ci(51, 235)
    assert (cp.low, cp.high) == approx((0.1660633298083073, 0.2752683640289254), rel=1e-9)


@pytest.mark.parametrize(
    ("x", "n", "exact", "wilson"),
    [
        # R package binom: binom.confint(x, n, tol=1e-8), methods "exact" and "wilson",
        # as stored in statsmodels stats/tests/results/results_proportion.py (res_binom).
        (
            4,
            20,
            (0.05733399705003284, 0.436614002996668),
            (0.0806576625797981, 0.4160174322518935),
        ),
        (
            18,
            20,
            (0.6830172859809176, 0.9876514728297052),
            (0.6989663547715128, 0.972133518786232),
        ),
    ],
)
def test_proportion_ci_matches_r_binom_confint(x, n, exact, wilson):
    cp = proportion_ci(x, n, "clopper-pearson")
    assert (cp.low, cp.high) == approx(exact, rel=1e-6)
    wi = proportion_ci(x, n, "wilson")
    assert (wi.low, wi.high) == approx(wilson, rel=1e-6)


def test_proportion_ci_all_events_and_aliases():
    cp = proportion_ci(30, 30, "exact")
    assert cp.high == 1.0
    assert cp.low == approx(0.025 ** (1 / 30), rel=1e-9)  # mirror of the 0/30 closed form
    assert proportion_ci(3, 10, "beta") == proportion_ci(3, 10)
    assert proportion_ci(3, 10, level=0.9).method == "Clopper–Pearson exact 90% CI"


# -------------------------------------------------------------------- rates and means


def test_rate_ci_matches_r_exactci():
    # R exactci: poisson.exact(15, 400, tsmethod="central")$conf.int, as stored in
    # statsmodels stats/tests/test_rates_poisson.py.
    r = rate_ci(15, 400)
    assert r.estimate == 15 / 400
    assert (r.low, r.high) == approx((0.0209884653319583, 0.0618505471787146), rel=1e-9)
    assert r.method == "Exact Poisson (Garwood) 95% CI"


def test_rate_ci_zero_events_closed_form():
    # With 0 events the exact upper bound solves exp(−μ) = α/2: μ = −ln(0.025) = 3.688879…
    r = rate_ci(0, 200.0)
    assert r.estimate == 0.0
    assert r.low == 0.0
    assert r.high == approx(-math.log(0.025) / 200.0, rel=1e-9)


def test_mean_ci_matches_r_t_test_on_sleep():
    # R: t.test(sleep$extra[sleep$group == 1]) prints
    # "95 percent confidence interval: -0.5297804  2.0297804", mean of x 0.75.
    extra = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
    m = mean_ci(pystats.mean(extra), pystats.stdev(extra), len(extra))
    assert m.estimate == approx(0.75)
    assert (m.low, m.high) == approx((-0.5297804, 2.0297804), abs=1e-7)
    assert m.method == "t-based 95% CI"


def test_mean_ci_edge_cases():
    with pytest.raises(StatisticsError, match="at least 2 patients"):
        mean_ci(5.0, 1.0, 1)
    flat = mean_ci(5.0, 0.0, 10)
    assert (flat.estimate, flat.low, flat.high) == (5.0, 5.0, 5.0)
    with pytest.raises(StatisticsError, match="negative"):
        mean_ci(5.0, -1.0, 10)


# ------------------------------------------------------------------------- transforms


def test_logit_transform_matches_r_meta_log_odds_ratios():
    # R meta: metabin(e2i, nei, c2i, nci, sm="OR", method="Inverse") on dat.fine1993, as
    # stored in statsmodels stats/tests/results/results_meta.py (results_or_dl_hk).
    # A log odds ratio is the difference of two logits; its variance the sum of theirs.
    from statsmodels.stats.tests.results.results_meta import results_or_dl_hk as r

    ye, ve, ce = logit_transform(r.event_e, r.n_e)
    yc, vc, cc = logit_transform(r.event_c, r.n_c)
    assert ce == cc == ()
    np.testing.assert_allclose(ye - yc, r.TE, rtol=1e-12)
    np.testing.assert_allclose(ve + vc, r.seTE**2, rtol=1e-12)


def test_logit_transform_continuity_correction_only_for_0_or_all():
    y, v, corrected = logit_transform([0, 5, 10], [10, 10, 10])
    assert corrected == (0, 2)
    assert y.tolist() == approx([math.log(0.5 / 10.5), 0.0, math.log(10.5 / 0.5)])
    assert v.tolist() == approx([1 / 0.5 + 1 / 10.5, 0.4, 1 / 10.5 + 1 / 0.5])


def test_ft_transform_matches_miller_1978_table():
    # Miller (1978), Am Stat 32(4):138, as checked in metafor's
    # tests/testthat/test_analysis_example_miller1978.r (4 decimals). Miller's scale has
    # no factor 1/2, like ours.
    t, v = ft_transform([3, 6, 10, 1], [11, 17, 21, 6])
    assert t.tolist() == approx([1.1391, 1.2888, 1.5253, 0.9515], abs=5e-5)
    assert v.tolist() == approx([0.0870, 0.0571, 0.0465, 0.1538], abs=5e-5)


def test_ft_transform_matches_metafor_escalc_pft():
    # W. Viechtbauer on R-help, 16 Dec 2010 ("Using Metafor package: how to backtransform
    # ... Freeman Tukey"), escalc(measure="PFT", add=0) for xi = 0, 1, 12, 38, 40 and
    # ni = 10, 10, 20, 40, 40 (7 decimals). metafor's PFT is half of ours, variance a
    # quarter. He also shows transf.ipft(yi, ni) giving back 0, .1, .6, .95, 1.
    xi, ni = [0, 1, 12, 38, 40], [10, 10, 20, 40, 40]
    t, v = ft_transform(xi, ni)
    expected_yi = [0.1531387, 0.3733940, 0.8813361, 1.3224900, 1.4923885]
    expected_vi = [0.02380952, 0.02380952, 0.01219512, 0.00617284, 0.00617284]
    assert (t / 2).tolist() == approx(expected_yi, abs=5e-8)
    assert (v / 4).tolist() == approx(expected_vi, abs=5e-9)
    back = [ft_back_transform(ti, n) for ti, n in zip(t, ni, strict=True)]
    assert back == approx([0.0, 0.1, 0.6, 0.95, 1.0], abs=1e-9)
    # metafor tests/testthat/test_misc_transf.r: transf.pft(.1, 10) = 0.373394.
    assert ft_transform([1], [10])[0][0] / 2 == approx(0.373394, abs=5e-7)


def test_miller_1978_pooled_back_transforms():
    # metafor tests/testthat/test_analysis_example_miller1978.r (Miller 1978, p. 138):
    # equal-effects, weighted mean 1.3093 -> 0.3595; unweighted mean 1.2262 -> 0.3164,
    # both back-transformed by transf.ipft.hm (harmonic mean of ni). Here Q < df, so the
    # DerSimonian–Laird τ² is 0 and the random-effects result is the weighted mean.
    xi, ni = [3, 6, 10, 1], [11, 17, 21, 6]
    pooled = pool_proportions(xi, ni, transform="freeman-tukey")
    assert pooled.tau2 == 0.0
    assert pooled.i2 == 0.0
    assert pooled.estimate == approx(0.3595, abs=5e-5)
    n_hm = len(ni) / sum(1 / n for n in ni)
    t, _ = ft_transform(xi, ni)
    assert ft_back_transform(float(np.mean(t)), n_hm) == approx(0.3164, abs=5e-5)
    assert ft_back_transform(1.2262, n_hm) == approx(0.3164, abs=5e-5)


def test_metafor_ft_back_transform_with_zero_and_one():
    # metafor tests/testthat/test_analysis_example_miller1978.r: xi = 0, 4, 9, 16, 20,
    # ni = 10, 10, 15, 20, 20; equal-effects model back-transformed with transf.ipft.hm:
    # pred 0.6886, ci.lb 0.5734, ci.ub 0.7943. The equal-effects fit is statsmodels'
    # (fixed effect of combine_effects); the transform and back-transform are ours.
    xi, ni = [0, 4, 9, 16, 20], [10, 10, 15, 20, 20]
    t, v = ft_transform(xi, ni)
    res = combine_effects(t, v, method_re="chi2")
    n_hm = len(ni) / sum(1 / n for n in ni)
    z = 1.959963984540054
    mu, se = res.mean_effect_fe, res.sd_eff_w_fe
    assert ft_back_transform(mu, n_hm) == approx(0.6886, abs=5e-5)
    assert ft_back_transform(mu - z * se, n_hm) == approx(0.5734, abs=5e-5)
    assert ft_back_transform(mu + z * se, n_hm) == approx(0.7943, abs=5e-5)


def test_ft_pooling_says_when_bounds_hit_the_back_transform_limit():
    # Zero events in sources of different sizes: the pooled value falls below the
    # transform's value at x = 0 for the harmonic mean n, so metafor's transf.ipft.hm
    # (and this module) report 0; the note tells the reader why.
    p = pool_proportions([0, 0, 0], [10, 20, 30], transform="freeman-tukey")
    assert p.estimate == 0.0
    assert any("limit of the Freeman–Tukey back-transform" in note for note in p.notes)
    q = pool_proportions([3, 6, 10, 1], [11, 17, 21, 6], transform="freeman-tukey")
    assert not any("limit of the Freeman–Tukey" in note for note in q.notes)


def test_ft_back_transform_clamps_out_of_range():
    assert ft_back_transform(-1.0, 20) == 0.0
    assert ft_back_transform(0.0, 20) == 0.0
    assert ft_back_transform(3.5, 20) == 1.0
    with pytest.raises(StatisticsError):
        ft_back_transform(1.0, 0)


# ---------------------------------------------------------- pooling vs metafor and meta

# Kacker (2004) interlaboratory data; R metafor rma(y, v, method=...) as stored in
# statsmodels stats/tests/results/results_meta.py (exk1_dl, exk1_metafor).
KACKER_Y = [61.00, 61.40, 62.21, 62.30, 62.34, 62.60, 62.70, 62.84, 65.90]
KACKER_V = [0.2025, 1.2100, 0.0900, 0.2025, 0.3844, 0.5625, 0.0676, 0.0225, 1.8225]


def _kacker_as_means():
    # sd = 2·√v with n = 4 gives the sampling variance sd²/n = v of each laboratory mean.
    return KACKER_Y, [2 * math.sqrt(v) for v in KACKER_V], [4] * len(KACKER_V)


def test_pool_means_dl_matches_metafor_kacker():
    # metafor: rma(y, v, method="DL") -> exk1_dl.
    p = pool_means(*_kacker_as_means(), tau="dl")
    assert p.k == 9
    assert p.estimate == approx(62.3901386044504, rel=1e-12)
    assert (p.low, p.high) == approx((61.9084781058787, 62.8717991030221), rel=1e-10)
    assert p.tau2 == approx(0.288049246973751, rel=1e-9)
    assert p.q == approx(24.801897741835, rel=1e-10)
    assert p.q_p == approx(0.00167935146372742, rel=1e-8)
    assert p.i2 == approx(67.744403741711 / 100, rel=1e-9)
    assert sum(p.weights) == approx(1.0)
    assert p.total_n == 36
    assert p.method == "Random effects (DerSimonian–Laird), raw mean, inverse variance, 95% CI"


def test_pool_means_pm_matches_metafor_kacker():
    # metafor: rma(y, v, method="PM", control=list(tol=1e-9)) -> exk1_metafor.
    p = pool_means(*_kacker_as_means(), tau="pm")
    assert p.estimate == approx(62.4076199113286, rel=1e-10)
    assert (p.low, p.high) == approx((61.7450921043947, 63.0701477182625), rel=1e-9)
    assert p.tau2 == approx(0.705395309224248, rel=1e-7)
    assert p.q == approx(24.801897741835, rel=1e-10)
    assert p.i2 == approx(83.7218626490482 / 100, rel=1e-7)  # metafor's I² for PM
    assert "Paule–Mandel" in p.method


def test_pool_effects_dl_matches_r_meta_odds_ratios():
    # R meta: metabin(..., sm="OR", method.tau="DL", hakn=TRUE) on dat.fine1993, stored in
    # statsmodels stats/tests/results/results_meta.py (results_or_dl_hk).
    from statsmodels.stats.tests.results.results_meta import results_or_dl_hk as r

    p = pool_effects(r.TE, r.seTE**2, tau="dl")
    assert p.estimate == approx(r.TE_random, rel=1e-12)  # 0.429520368698268
    assert p.tau2 == approx(r.tau2, rel=1e-9)  # 0.0016783981912744
    assert p.q == approx(r.Q, rel=1e-12)  # 16.181374262823
    assert p.q_p == approx(r.pval_Q, rel=1e-10)  # 0.440375456698129
    assert p.i2 == approx(r.I2, rel=1e-9)  # 0.0112088293538659
    w = np.asarray(r.w_random) / np.sum(r.w_random)
    np.testing.assert_allclose(p.weights, w, rtol=1e-9)


def test_prediction_interval_matches_r_meta():
    # R meta (same results_or_dl_hk): prediction interval with t on k − 2 = 15 df around
    # TE.random with seTE.random (here the Hartung–Knapp one) and tau²:
    # lower.predict 0.215650965184522, upper.predict 0.643389772212014.
    from statsmodels.stats.tests.results.results_meta import results_or_dl_hk as r

    lo, hi = prediction_interval(r.TE_random, r.seTE_random, r.tau2, r.k, 0.95)
    assert (lo, hi) == approx((r.lower_predict, r.upper_predict), rel=1e-9)
    with pytest.raises(StatisticsError, match="at least 3"):
        prediction_interval(0.0, 1.0, 0.0, 2)


# BCG vaccine trials (metafor's dat.bcg: tpos, tneg, cpos, cneg), log risk ratios.
BCG = [
    (4, 119, 11, 128),
    (6, 300, 29, 274),
    (3, 228, 11, 209),
    (62, 13536, 248, 12619),
    (33, 5036, 47, 5761),
    (180, 1361, 372, 1079),
    (8, 2537, 10, 619),
    (505, 87886, 499, 87892),
    (29, 7470, 45, 7232),
    (17, 1699, 65, 1600),
    (186, 50448, 141, 27197),
    (5, 2493, 3, 2338),
    (27, 16886, 29, 17825),
]


def _bcg_log_rr():
    y = [math.log((a / (a + b)) / (c / (c + d))) for a, b, c, d in BCG]
    v = [1 / a - 1 / (a + b) + 1 / c - 1 / (c + d) for a, b, c, d in BCG]
    return y, v


def test_pool_effects_reml_matches_metafor_bcg():
    # metafor documentation (rma.uni help page; Viechtbauer 2010, J Stat Softw 36(3)):
    # res <- rma(yi, vi, data=dat) on escalc("RR", ...) of dat.bcg, REML by default:
    # estimate -0.7145, se 0.1798, ci.lb -1.0669, ci.ub -0.3622, tau^2 0.3132,
    # I^2 92.22%, Q(df = 12) = 152.2330.
    y, v = _bcg_log_rr()
    p = pool_effects(y, v, tau="reml")
    assert p.estimate == approx(-0.7145, abs=5e-5)
    assert (p.low, p.high) == approx((-1.0669, -0.3622), abs=5e-5)
    assert p.tau2 == approx(0.3132, abs=5e-5)
    assert p.i2 == approx(0.9222, abs=5e-5)
    assert p.q == approx(152.2330, abs=5e-5)
    assert "REML" in p.method
    assert not any("did not converge" in note for note in p.notes)


def test_pool_effects_dl_matches_metafor_bcg():
    # metafor documentation: rma(yi, vi, data=dat, method="DL") on dat.bcg:
    # estimate -0.7141, se 0.1787, tau^2 0.3088, I^2 92.12%.
    y, v = _bcg_log_rr()
    p = pool_effects(y, v, tau="dl")
    assert p.estimate == approx(-0.7141, abs=5e-5)
    z = 1.959963984540054
    assert (p.high - p.low) / (2 * z) == approx(0.1787, abs=5e-5)
    assert p.tau2 == approx(0.3088, abs=5e-5)
    assert p.i2 == approx(0.9212, abs=5e-5)


# ------------------------------------------------------------------ pooling behaviour


def test_pool_proportions_logit_labels_and_notes():
    p = pool_proportions([0, 3, 5], [20, 30, 40])
    assert p.method == "Random effects (DerSimonian–Laird), logit transform, 95% CI"
    assert p.notes[0] == (
        "0.5 added to the event and non-event counts of source 1 (0 or all events; logit)."
    )
    assert p.total_events == 8
    assert p.total_n == 90
    assert p.pi_low is not None and p.pi_high is not None
    assert 0 <= p.pi_low <= p.low <= p.estimate <= p.high <= p.pi_high <= 1


def test_pool_proportions_logit_equals_pooled_logits():
    # The proportion pooling is the generic pooling of logits, back-transformed by expit.
    y, v, _ = logit_transform([4, 9, 17], [40, 50, 60])
    generic = pool_effects(y, v)
    p = pool_proportions([4, 9, 17], [40, 50, 60])

    def expit(x):
        return 1 / (1 + math.exp(-x))

    assert p.estimate == approx(expit(generic.estimate), rel=1e-12)
    assert (p.low, p.high) == approx((expit(generic.low), expit(generic.high)), rel=1e-12)
    assert p.weights == generic.weights


def test_single_source_uses_exact_intervals():
    p = pool_proportions([7], [50], transform="freeman-tukey")
    cp = proportion_ci(7, 50)
    assert (p.k, p.estimate, p.low, p.high) == (1, cp.estimate, cp.low, cp.high)
    assert (p.i2, p.tau2, p.q, p.q_p, p.pi_low, p.pi_high) == (None,) * 6
    assert p.weights == (1.0,)
    assert p.notes == ("Single source: exact Clopper–Pearson CI, no pooling.",)
    assert p.method == "Single source, Clopper–Pearson exact 95% CI"

    r = pool_rates([15], [400.0])
    assert (r.low, r.high) == approx((0.0209884653319583, 0.0618505471787146), rel=1e-9)
    assert r.weights == (1.0,)
    assert r.total_n == 400.0

    m = pool_means([0.75], [1.78901], [10])
    assert (m.low, m.high) == (mean_ci(0.75, 1.78901, 10).low, mean_ci(0.75, 1.78901, 10).high)
    assert m.i2 is None

    e = pool_effects([0.5], [0.04])
    assert (e.low, e.high) == approx((0.5 - 1.959963984540054 * 0.2, 0.5 + 1.959963984540054 * 0.2))


def test_two_sources_have_no_prediction_interval():
    p = pool_proportions([3, 8], [30, 40])
    assert p.pi_low is None and p.pi_high is None
    assert any("at least 3 sources" in note for note in p.notes)
    assert p.i2 is not None


@pytest.mark.parametrize("tau", ["dl", "pm", "reml"])
def test_identical_studies_have_no_heterogeneity(tau):
    p = pool_proportions([5] * 4, [50] * 4, tau=tau)
    assert p.tau2 == 0.0
    assert p.i2 == 0.0
    assert p.q == approx(0.0, abs=1e-9)
    assert p.q_p == approx(1.0)
    assert p.weights == approx((0.25,) * 4)
    assert p.estimate == approx(0.1, rel=1e-12)
    assert any("τ² = 0" in note for note in p.notes)


def test_pool_rates_log_rate_and_zero_correction():
    p = pool_rates([0, 4, 10], [100.0, 250.0, 400.0])
    assert p.notes[0] == "0.5 added to the events of source 1 (0 events; log rate)."
    generic = pool_effects(
        [math.log(0.5 / 100), math.log(4 / 250), math.log(10 / 400)], [1 / 0.5, 1 / 4, 1 / 10]
    )
    assert p.estimate == approx(math.exp(generic.estimate), rel=1e-12)
    assert p.total_events == 14
    assert p.total_n == 750.0
    assert p.method == "Random effects (DerSimonian–Laird), log rate, 95% CI"


def test_pool_means_rejects_zero_sd_when_pooling():
    with pytest.raises(StatisticsError, match="Source 2: the standard deviation is 0"):
        pool_means([1.0, 2.0], [1.0, 0.0], [10, 10])


# ------------------------------------------------------------------------ bad inputs


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: proportion_ci(3, 0), "number of patients \\(n\\) is 0"),
        (lambda: proportion_ci(11, 10), "more events \\(11\\) than patients \\(10\\)"),
        (lambda: proportion_ci(-1, 10), "cannot be negative"),
        (lambda: proportion_ci(2.5, 10), "whole number"),
        (lambda: proportion_ci(float("nan"), 10), "not a number"),
        (lambda: proportion_ci(True, 10), "whole number"),
        (lambda: proportion_ci(3, 10, method="wald"), "Unknown interval method"),
        (lambda: proportion_ci(3, 10, level=0), "between 0 and 1"),
        (lambda: proportion_ci(3, 10, level=1), "between 0 and 1"),
        (lambda: proportion_ci(3, 10, level=95), "between 0 and 1"),
        (lambda: proportion_ci(3, 10, level=float("nan")), "between 0 and 1"),
        (lambda: rate_ci(3, 0.0), "exposure"),
        (lambda: rate_ci(3, -5.0), "exposure"),
        (lambda: rate_ci(3, float("inf")), "exposure"),
        (lambda: pool_proportions([], []), "no sources"),
        (lambda: pool_proportions([1, 2], [10]), "different lengths"),
        (lambda: pool_proportions([1, 2], [10, 0]), "^Source 2: the number of patients"),
        (lambda: pool_proportions([1, 12], [10, 10]), "^Source 2: there are more events"),
        (lambda: pool_proportions([1, 2], [10, 10], transform="arcsine"), "Unknown transform"),
        (lambda: pool_proportions([1, 2], [10, 10], tau="hs"), "Unknown between-study"),
        (lambda: pool_rates([1, -2], [10.0, 10.0]), "^Source 2: the number of events"),
        (lambda: pool_means([1.0, 2.0], [1.0, 1.0], [10, 1]), "^Source 2: a mean from 1"),
        (lambda: pool_means([1.0, float("nan")], [1.0, 1.0], [10, 10]), "^Source 2: the mean"),
        (lambda: pool_effects([0.1, 0.2], [0.01, 0.0]), "^Source 2: the sampling variance"),
    ],
)
def test_bad_inputs_raise_plain_errors(call, message):
    with pytest.raises(StatisticsError, match=message):
        call()


def test_statistics_error_is_a_value_error():
    assert issubclass(StatisticsError, ValueError)


# ------------------------------------------------------------- finiteness on edge cases


def _floats(result):
    for f in fields(result):
        value = getattr(result, f.name)
        if isinstance(value, float):
            yield f.name, value
        elif isinstance(value, tuple):
            for item in value:
                if isinstance(item, float):
                    yield f.name, item


EDGE_PROPORTIONS = [
    ([0, 0, 0], [10, 20, 30]),  # 0 events everywhere
    ([10, 20, 30], [10, 20, 30]),  # all events everywhere
    ([0, 30], [30, 30]),  # opposite extremes
    ([0, 10_000_000, 5_000_000], [10_000_000] * 3),  # huge n, extremes
    ([1, 2, 3], [10_000_000] * 3),  # huge n, rare events
    ([5, 5, 5, 5], [50, 50, 50, 50]),  # identical studies
    ([1], [1]),  # single source, one patient
    ([0], [1]),
    ([0, 1], [1, 1]),  # smallest possible studies
    ([3, 6, 10, 1], [11, 17, 21, 6]),
    ([0, 0, 1], [1, 100_000, 3]),  # wildly different sizes
    ([1, 99], [100, 100]),  # strong heterogeneity
]


@pytest.mark.parametrize("transform", ["logit", "freeman-tukey"])
@pytest.mark.parametrize("tau", ["dl", "pm", "reml"])
@pytest.mark.parametrize("level", [0.95, 0.5, 0.999999])
def test_every_returned_float_is_finite(transform, tau, level):
    results: list[Estimate | Pooled] = []
    for events, totals in EDGE_PROPORTIONS:
        pooled = pool_proportions(events, totals, transform=transform, tau=tau, level=level)
        assert 0.0 <= pooled.low <= pooled.estimate <= pooled.high <= 1.0
        assert sum(pooled.weights) == approx(1.0)
        results.append(pooled)
        for x, n in zip(events, totals, strict=True):
            results.append(proportion_ci(x, n, "clopper-pearson", level))
            results.append(proportion_ci(x, n, "wilson", level))
    for events, exposures in [
        ([0, 0, 0], [1.0, 10.0, 100.0]),
        ([0], [1e-6]),
        ([10**7, 1, 0], [1e-3, 1e6, 1e9]),
        ([4, 4, 4], [100.0, 100.0, 100.0]),
        ([3], [2.5]),
    ]:
        results.append(pool_rates(events, exposures, tau=tau, level=level))
        for x, t in zip(events, exposures, strict=True):
            results.append(rate_ci(x, t, level))
    for means, sds, ns in [
        ([1.0, 1.0, 1.0], [2.0, 2.0, 2.0], [10, 10, 10]),
        ([-5.0, 0.0, 1e6], [1e-3, 1.0, 1e3], [2, 10_000_000, 3]),
        ([3.0], [0.0], [2]),
        ([3.0, 4.0], [1.0, 1.0], [10_000_000, 10_000_000]),
    ]:
        results.append(pool_means(means, sds, ns, tau=tau, level=level))
        for m, s, n in zip(means, sds, ns, strict=True):
            results.append(mean_ci(m, s, n, level))
    results.append(pool_effects([0.0, 0.0, 0.0], [1e-12, 1.0, 1e12], tau=tau, level=level))
    for result in results:
        for name, value in _floats(result):
            assert math.isfinite(value), (result, name)
        if isinstance(result, Pooled):
            assert math.isfinite(result.k)


def test_pool_proportions_500_studies_is_fast():
    rng = np.random.default_rng(4)
    totals = rng.integers(20, 500, size=500).tolist()
    events = [int(rng.integers(0, n + 1)) for n in totals]
    pool_proportions(events, totals)  # warm up imports and caches
    started = time.perf_counter()
    for _ in range(10):
        pool_proportions(events, totals)
    elapsed = (time.perf_counter() - started) / 10
    assert elapsed < 0.05  # generous bound for slow CI machines; ~2 ms measured locally


@pytest.mark.parametrize("method", ["clopper-pearson", "wilson"])
def test_vectorised_intervals_equal_the_single_ones(method: str) -> None:
    pairs = [(0, 30), (7, 50), (30, 30), (1, 1), (3, 1000), (7, 50), (-1, 5), (6, 5), (1, 0)]
    many = proportion_cis(pairs, method)
    assert set(many) == {(0, 30), (7, 50), (30, 30), (1, 1), (3, 1000)}
    for (x, n), est in many.items():
        one = proportion_ci(x, n, method)
        assert (est.estimate, est.low, est.high) == pytest.approx(
            (one.estimate, one.low, one.high), abs=1e-12
        )
        assert est.method == one.method
