"""Every number that docs/estimator_inputs.md states is recomputed here.

Each claim is a pattern that must occur in the page, with a check that
recomputes what it says (against a closed form, scikit-learn, SciPy or a
simulation with known truth). A last test removes every checked passage (and
the citations, code names and notation listed below) from the page's text
before its references and requires that no digit is left: a new number on the
page fails until it gets a check, and a changed number fails its check.
"""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest
from scipy.special import digamma
from scipy.stats import norm

import mi_helpers as mh
from conftest import ROOT
from mi_helpers import estimators as est

PAGE = ROOT / "docs" / "estimator_inputs.md"
TEXT = PAGE.read_text(encoding="utf-8")
BODY = TEXT.split("## References")[0]


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", (mh.TiesWarning, mh.BinsWarning, mh.OutlierWarning, mh.ContinuousInputWarning))
        return fn(*args, **kwargs)


def _merged_rounded(n, seed):
    r = np.random.default_rng(seed)
    k = np.round(5 * r.standard_normal(n)).astype(int)
    return r, k / 10, np.where(r.random(n) < 0.5, k / 10, k * 0.1)


# --------------------------------------------------------------------------- the checks


def check_plugin_bias_formula():
    # Independent labels with 4 and 3 values, n = 500: mean plug-in MI about 3 * 2 / 1000 nats.
    values = [mh.mi_discrete(*np.random.default_rng([1, s]).integers(0, (4, 3), (500, 2)).T) for s in range(300)]
    assert np.mean(values) == pytest.approx(6 / 1000, rel=0.15)


def check_pairwise_ksg_streams():
    r = np.random.default_rng(0)
    X = r.standard_normal((800, 4))
    X[:, 1] += X[:, 0]
    X[:, 3] = np.exp(3 * X[:, 2]) + 0.1 * r.standard_normal(800)
    untied = mh.pairwise_mi(X, method="ksg")
    tied = _quiet(mh.pairwise_mi, X.round(1), method="ksg")
    diffs = []
    for i in range(4):
        for j in range(i + 1, 4):
            assert untied[i, j] == mh.mi_ksg(X[:, i], X[:, j])  # exactly
            diffs.append(abs(tied[i, j] - _quiet(mh.mi_ksg, X[:, i].round(1), X[:, j].round(1))))
    assert 0 < max(diffs) <= 0.02


def check_jitter_size():
    assert est._JITTER_SD == 1e-10
    v = np.r_[np.zeros(500), np.full(500, 1e8)][:, None]
    moved = est._jitter(v, 1) - v
    assert np.std(moved[:500]) == pytest.approx(1e-10, rel=0.15)
    assert np.std(moved[500:]) == pytest.approx(1e-10 * 1e8, rel=0.15)
    assert np.unique(v + moved).size == 1000  # no two values of the column equal
    # Groups of more than 7,000 equal values get a wider jitter (64 m rounding units): room for m floats.
    eps = np.finfo(float).eps
    assert 64 * eps * 7000 < 1e-10 < 64 * eps * 7200
    big = np.where(np.arange(40_000) % 2 == 0, -1.0, 1.0)[:, None]
    spread = np.std(est._jitter(big, 1) - big)
    assert spread == pytest.approx(64 * eps * 20_000, rel=0.05)
    assert np.unique(est._jitter(big, 1)).size == 40_000


def _rounded_bias(n, step, seeds, dither=False):
    truth = mh.rounded_gaussian_mi(0.6, step)
    values = []
    for s in range(seeds):
        x, y = mh.correlated_gaussian(n, 0.6, seed=500 + s)
        xr, yr = np.round(x / step) * step, np.round(y / step) * step
        if dither:
            xr, yr = mh.dequantize(xr, seed=s, step=step), mh.dequantize(yr, seed=10_000 + s, step=step)
        values.append(_quiet(mh.mi_ksg, xr, yr))
    return float(np.mean(values)) - truth


def check_rounded_bias_at_small_n():
    assert round(mh.rounded_gaussian_mi(0.6, 0.2), 2) == 0.22
    assert round(_rounded_bias(500, 0.2, 40), 2) == 0.03


def check_rounded_bias_fades():
    assert abs(_rounded_bias(16_000, 0.2, 4)) < 0.01


def check_dequantize_removes_the_bias():
    assert abs(_rounded_bias(500, 0.2, 40, dither=True)) < 0.015


def check_tie_warning_threshold():
    assert est._TIE_WARN_FRACTION == 0.05
    x = np.random.default_rng(2).standard_normal(1000)
    y = np.random.default_rng(3).standard_normal(1000)
    for share, warns in ((0.04, False), (0.06, True)):
        xt = x.copy()
        xt[: int(share * 1000)] = 0.0
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            mh.mi_ksg(xt, y)
        assert any(issubclass(w.category, mh.TiesWarning) for w in caught) == warns


def check_near_duplicates():
    assert 3 * 0.1 != 0.3
    r, clean, merged = _merged_rounded(3000, 0)
    y = r.integers(0, 2, 3000).astype(float)
    assert _quiet(mh.mi_ksg, merged, y) == _quiet(mh.mi_ksg, clean, y)
    assert _quiet(mh.mi_mixed, merged, y) == _quiet(mh.mi_mixed, clean, y)
    # mi_discrete sees two labels where rounding sees one.
    assert mh.entropy_discrete(merged) > mh.entropy_discrete(clean)
    assert mh.entropy_discrete(np.round(merged, 10)) == pytest.approx(mh.entropy_discrete(clean), abs=1e-12)


def check_sentinel_codes():
    for code in (999.0, -9999.0, 1e8):
        values = []
        for s in range(4):
            r = np.random.default_rng([7, s])
            x = r.standard_normal(2000)
            x[r.random(2000) < 0.04] = code
            values.append(_quiet(mh.mi_ksg, x, r.integers(0, 2, 2000).astype(float)))
        assert abs(np.mean(values)) < 0.015  # independent: no bias from the far-out ties
        with pytest.warns(mh.BinsWarning, match="capped"):
            mh.mi_binned(x, r.standard_normal(2000))
        with pytest.warns(mh.OutlierWarning):
            mh.mi_gaussian(x, r.standard_normal(2000))
    x[: int(0.06 * 2000)] = 1e8  # more than 5% of codes: ties, no longer an outlier
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mh.mi_kde(x[:600], r.standard_normal(600))
    assert {w.category for w in caught} == {mh.TiesWarning}


def check_bin_ceiling_and_numpy_auto():
    from numpy.lib import NumpyVersion

    assert NumpyVersion(np.__version__) >= "2.3.0"
    for n in (100, 1000, 5000):
        v = np.r_[np.random.default_rng(n).standard_normal(n - 1), 1e7]
        cap = math.ceil(2 * math.sqrt(n))
        assert est._bin_ceiling(n) == cap == len(np.histogram_bin_edges(v, "auto")) - 1
        with pytest.warns(mh.BinsWarning):
            assert mh.discretize(v).max() + 1 == cap
    with pytest.warns(mh.BinsWarning):
        assert mh.discretize(np.r_[-1.7e308, np.zeros(98) + np.arange(98), 1.7e308]).max() + 1 == math.ceil(2 * math.sqrt(100))


def check_robust_ramp():
    assert est._ROBUST_RAMP == (3.0, 10.0)
    assert round(est._SPREAD_90, 2) == 3.29 and est._SPREAD_90 == pytest.approx(2 * norm.ppf(0.95), abs=1e-4)
    r = np.random.default_rng(4)
    x = r.standard_normal(10_000)
    spread = lambda v: (np.quantile(v, 0.95) - np.quantile(v, 0.05)) / est._SPREAD_90  # noqa: E731
    # Blind to up to 5% of extreme values on each side: how extreme they are does not matter.
    for share, blind in ((0.04, True), (0.06, False)):
        m = int(share * x.size)
        far, farther = x.copy(), x.copy()
        far[:m], far[m : 2 * m] = 1e3, -1e3
        farther[:m], farther[m : 2 * m] = 1e9, -1e9
        assert (spread(far) == spread(farther)) == blind
    xs, _ = est._standardise_with_ties(x[:, None])
    np.testing.assert_array_equal(xs[:, 0], (x - x.mean()) / x.std())  # Gaussian data: scikit-learn's scaling


def check_heavy_tail_departure():
    from sklearn.feature_selection import mutual_info_regression

    assert round(mh.gaussian_mi(0.8), 3) == 0.511
    ours, theirs = [], []
    for seed in range(10):
        z, y = mh.correlated_gaussian(2000, 0.8, seed=seed)
        x = np.exp(2.5 * z)
        ours.append(_quiet(mh.mi_ksg, x, y))
        theirs.append(mutual_info_regression(x[:, None], y, n_neighbors=3, random_state=0)[0])
    assert (round(float(np.mean(ours)), 3), round(float(np.mean(theirs)), 3)) == (0.445, 0.403)


def check_extreme_scales():
    x, y = mh.correlated_gaussian(500, 0.6, seed=5)
    labels = (y > 0).astype(int)
    for scale in (1e-170, 1e300):
        assert mh.mi_binned(x * scale, y) == mh.mi_binned(x, y)
        for fn in (mh.mi_ksg, mh.mi_kde, mh.mi_gaussian):
            assert fn(x * scale, y) == pytest.approx(fn(x, y), abs=1e-9)
        assert mh.mi_mixed(x * scale, labels) == pytest.approx(mh.mi_mixed(x, labels), abs=1e-9)


def check_identical_columns():
    z = np.random.default_rng(6).standard_normal(2000)
    assert round(float(digamma(2000) - digamma(3)), 2) == 6.68
    assert mh.mi_ksg(z, z) == pytest.approx(digamma(2000) - digamma(3), abs=1e-9)
    assert mh.mi_gaussian(z, z) == math.inf and mh.mi_kde(z[:300], z[:300]) == math.inf
    assert np.isinf(mh.pairwise_mi(np.c_[z, z], method="gaussian")[0, 1])


def check_sparse_bins():
    x, y = mh.correlated_gaussian(5000, 0.0, seed=7)
    with pytest.warns(mh.BinsWarning, match=r"more than|sit alone"):
        value = mh.mi_binned(x, y, bins=100_000)
    assert value > 0.9 * math.log(5000)  # independent data: about ln n
    codes = mh.discretize(x, bins=100_000)
    assert np.unique(codes).size > 5000 / 2


def check_big_integers():
    big = np.array([2**53 + 1, 2**53 + 3, 0, 1] * 10, dtype=np.int64)
    assert mh.entropy_discrete(big) == pytest.approx(math.log(4))
    assert mh.mi_discrete([2**60, 2**60 + 1, 0.5, 0.5] * 10, [0, 1, 0, 1] * 10) == pytest.approx(0.5 * math.log(2) + 0.0, abs=0.5)
    assert mh.entropy_discrete([2**60, 2**60 + 1, 0.5, 0.5] * 10) == pytest.approx(1.5 * math.log(2))
    for fn in (mh.mi_binned, mh.mi_ksg, mh.mi_kde, mh.mi_gaussian):
        with pytest.raises(ValueError, match="2\\*\\*53"):
            fn(big, np.arange(40.0))


def check_sample_minimums():
    k = 3
    with pytest.raises(ValueError, match="k \\+ 2"):
        mh.mi_ksg(np.arange(k + 1.0), np.arange(k + 1.0) ** 2)
    assert math.isfinite(mh.mi_ksg(np.arange(k + 2.0), np.arange(k + 2.0) ** 2))
    assert mh.mi_discrete([1], [2]) == 0.0  # one sample is enough for labels
    with pytest.raises(ValueError):
        mh.mi_binned([1.0], [2.0])
    assert math.isfinite(_quiet(mh.mi_binned, [1.0, 2.0], [2.0, 1.0]))
    for fn in (mh.mi_kde, mh.mi_gaussian):
        with pytest.raises(ValueError, match="at least 3"):
            fn([1.0, 2.0], [2.0, 1.5])
    assert math.isfinite(mh.mi_gaussian([1.0, 2.0, 3.0], [2.0, 1.0, 3.5]))


def check_workers():
    x, y = mh.correlated_gaussian(300, 0.5, seed=8)
    assert mh.mi_ksg(x, y, workers=-1) == mh.mi_ksg(x, y, workers=1) == mh.mi_ksg(x, y, workers=2)
    for bad in (0, -2):
        with pytest.raises(ValueError, match="workers"):
            mh.mi_ksg(x, y, workers=bad)


def check_bootstrap_repeats():
    assert round(1 / math.e, 2) == 0.37
    rows = np.random.default_rng(9).integers(0, 100_000, 100_000)
    assert 1 - np.unique(rows).size / rows.size == pytest.approx(1 / math.e, abs=0.005)


def check_gaussian_mi_domain():
    assert mh.gaussian_mi(1.0) == math.inf and mh.gaussian_mi(-1.0) == math.inf
    with pytest.raises(ValueError):
        mh.gaussian_mi(1.01)


def check_sklearn_clips_mixed():
    from sklearn.feature_selection import mutual_info_classif

    negative = 0
    for seed in range(6):
        r = np.random.default_rng([8, seed])
        x, labels = r.standard_normal(400), r.integers(0, 2, 400)
        ours = mh.mi_mixed(x, labels)
        negative += ours < 0
        assert mutual_info_classif(x[:, None], labels, random_state=seed)[0] == pytest.approx(max(ours, 0.0), abs=1e-12)
    assert negative > 0  # the clipping was exercised


def check_constant_columns():
    r = np.random.default_rng(10)
    x, const = r.standard_normal(300), np.full(300, 2.5)
    assert mh.entropy_discrete(const) == 0.0 and mh.mi_discrete(const, x.round(1)) == 0.0
    assert mh.mi_binned(const, x) == 0.0
    assert mh.mi_ksg(const, x) == 0.0 and mh.mi_ksg(np.c_[const, x], x[::-1]) == mh.mi_ksg(x, x[::-1])  # dropped
    assert mh.mi_mixed(const, r.integers(0, 2, 300)) == 0.0 and mh.mi_mixed(x, np.zeros(300, dtype=int)) == 0.0
    assert mh.mi_kde(const, x) == 0.0 and mh.mi_gaussian(const, x) == 0.0


#: (pattern in the page, check). Every pattern must occur in the page.
CLAIMS = [
    (r"\(mx - 1\)\(my - 1\) / \(2n\) nats", check_plugin_bias_formula),
    (r"up to 0\.02 nats for n = 800", check_pairwise_ksg_streams),
    (r"1e-10 max\(1, \\\|v\\\|\) for a standardised value v \(more for groups of over 7,000 equal values", check_jitter_size),
    (r"\+0\.03 nats for n = 500 on a grid of 0\.2 standard deviations, where the MI is 0\.22", check_rounded_bias_at_small_n),
    (r"fading by n = 16,000", check_rounded_bias_fades),
    (r"`dequantize` first removes that bias", check_dequantize_removes_the_bias),
    (r"above 5% repeats", check_tie_warning_threshold),
    (r"`0\.3` and `3 \* 0\.1`[^|]*\| two labels: round first \(`np\.round\(x, 10\)`\)", check_near_duplicates),
    (r"a code for \"missing\" \(999, -9999, 1e8\)", check_sentinel_codes),
    (r"under 5% of the rows, `TiesWarning` above", check_sentinel_codes),
    (r"under 5% of the rows \|\n", check_sentinel_codes),
    (r"capped at ceil\(2 sqrt\(n\)\) bins per axis \(NumPy's \"auto\" cap\)", check_bin_ceiling_and_numpy_auto),
    (r"at most 2 sqrt\(n\) bins\) since NumPy 2\.3", check_bin_ceiling_and_numpy_auto),
    (r"at most 3 times its robust spread \(\(q95 - q05\) / 3\.29, blind to up to 5% of extreme values on each side\), by the robust spread from 10 times on", check_robust_ramp),
    (r"lognormal with sigma 2\.5 in a Gaussian copula with rho 0\.8 \(MI 0\.511 nats, n = 2000, mean of 10 samples\) `mi_ksg` gives 0\.445 and scikit-learn's `mutual_info_regression` 0\.403", check_heavy_tail_departure),
    (r"extreme scales \(1e-170, 1e300\)[^\n]*the same estimate as at scale 1", check_extreme_scales),
    (r"which clips negative values to 0", check_sklearn_clips_mixed),
    (r"a constant column \| entropy 0, MI 0 \| MI 0 \| dropped: MI 0 \| constant x: 0; a single class: 0 \| 0 \| 0 \|", check_constant_columns),
    (r"psi\(n\) - psi\(k\), 6\.68 nats for n = 2000, k = 3", check_identical_columns),
    (r"a bin count near n \(`bins=100000`\)[^|]*\|[^|]*\| a `BinsWarning` when a variable fills more than n / 2 bins", check_sparse_bins),
    (r"integers above 2\^53", check_big_integers),
    (r"at least 1 \| at least 2 \| at least k \+ 2: with k \+ 1 samples every estimate is the same number", check_sample_minimums),
    (r"at least one class with two \| at least 3 \| at least 3", check_sample_minimums),
    (r"-1 \(all cores\) or a positive count", check_workers),
    (r"repeats about 37% of\s+the points", check_bootstrap_repeats),
    (r"\[-1, 1\]", check_gaussian_mi_domain),
]

#: Digits that are not claims to recompute: citations, names, notation.
NOT_CLAIMS = [
    r"\((?:19|20)\d\d\)",  # years of the cited papers
    r"algorithm 1",  # the name of one of KSG's two estimators
    r"float64",
    r"`base=2`",
    r"1 and \"1\"",
    r"O\(n\^2\)",
    r"tests/test_docs_numbers\.py",
    r"\(q95 - q05\) / 3\.29",  # also checked above, where the ramp is described
]


@pytest.mark.parametrize("pattern, check", CLAIMS, ids=[c.__name__ + f"-{i}" for i, (_, c) in enumerate(CLAIMS)])
def test_each_stated_number_holds(pattern, check):
    assert re.search(pattern, TEXT), f"the page no longer says {pattern!r}: update the claim here with the page"
    check()


def test_no_number_on_the_page_goes_unchecked():
    rest = BODY
    for pattern in [p for p, _ in CLAIMS] + NOT_CLAIMS:
        rest = re.sub(pattern, " ", rest)
    left = [m.group(0) for m in re.finditer(r"[^\s|]*\d[^\s|]*", rest)]
    assert not left, f"numbers on {PAGE.name} without a check in this file: {left}"
