"""Near-duplicate floats, sentinel codes, outliers at the float limit, huge integers mixed with floats.

Regression tests, each on the input that once gave a confident wrong number
or a crash:

* values that differ only by float rounding (a column merged from two
  sources, ``k / 10`` and ``k * 0.1``) shrank the tie-breaking jitter to
  1e-19, ties survived, neighbour counts went negative and the digamma table
  was read from its end: ``mi_ksg`` gave +0.3 nats for independent data and
  ``mi_mixed`` an IndexError;
* a missing-value code of 1e8 put the tied values so far out that a jitter
  of 1e-10 fell below their rounding unit: ``mi_ksg`` gave -0.08 nats;
* one value near 1e308 made the Freedman-Diaconis width subnormal, and the
  bin count overflowed (OverflowError);
* integers above 2**53 mixed with floats were merged by the conversion to
  float64.

The references are ground truth (independent variables: MI 0; closed-form
entropies) or scikit-learn's ``mutual_info_score``.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from sklearn.metrics import mutual_info_score

import mi_helpers as mh
from mi_helpers import estimators as est


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", (mh.TiesWarning, mh.BinsWarning, mh.OutlierWarning))
        return fn(*args, **kwargs)


def merged_rounded(n, seed):
    """A measurement rounded to 0.1, half of it computed as k / 10 and half as k * 0.1 (3 * 0.1 != 3 / 10)."""
    r = np.random.default_rng(seed)
    k = np.round(5 * r.standard_normal(n)).astype(int)
    clean = k / 10
    merged = np.where(r.random(n) < 0.5, k / 10, k * 0.1)
    return r, clean, merged


# ------------------------------------------------------------------ near-duplicate floats


def test_the_merged_column_really_holds_near_duplicates():
    _, clean, merged = merged_rounded(3000, 0)
    assert np.unique(merged).size > np.unique(clean).size  # 0.3 and 0.30000000000000004, ...
    assert np.diff(np.unique(merged)).min() < 1e-15


@pytest.mark.parametrize("seed", range(4))
def test_near_duplicates_from_rounding_are_ties_like_any_other(seed):
    r, clean, merged = merged_rounded(3000, seed)
    labels = r.integers(0, 2, 3000).astype(float)  # independent of the measurement: MI 0
    w = np.round(5 * r.standard_normal(3000)) / 10  # an independent rounded variable
    for other in (labels, w):
        value = _quiet(mh.mi_ksg, merged, other)
        assert abs(value) < 0.04  # it was +0.26 (binary) and +0.22 (rounded) on average
        # A rounding error of 1e-17 is invisible after the jitter: the same estimate as the clean column.
        assert value == pytest.approx(_quiet(mh.mi_ksg, clean, other), abs=1e-12)
    mixed = _quiet(mh.mi_mixed, merged, labels)  # IndexError in 7 of 10 seeds before
    assert abs(mixed) < 0.03
    assert mixed == pytest.approx(_quiet(mh.mi_mixed, clean, labels), abs=1e-12)
    cmi = _quiet(mh.cmi_ksg, merged, w, labels)
    assert abs(cmi) < 0.05


@pytest.mark.parametrize("delta", [None, 1e-9, 1e-12, 1e-14])
def test_one_near_duplicate_pair_in_zero_inflated_data_changes_nothing(delta):
    # Independent binary x and 70%-zero y: truth 0. One pair of values delta apart
    # used to give +0.20 nats (delta 1e-12) or -2.45 nats (1e-14).
    values = []
    for seed in range(6):
        r = np.random.default_rng(seed)
        x = r.integers(0, 2, 2000).astype(float)
        y = np.where(r.random(2000) < 0.7, 0.0, r.standard_normal(2000))
        if delta is not None:
            i = np.flatnonzero(y != 0)[:2]
            y[i[1]] = y[i[0]] + delta
        values.append(_quiet(mh.mi_ksg, x, y))
    assert abs(np.mean(values)) < 0.015
    assert max(map(abs, values)) < 0.05


def test_a_column_of_near_duplicates_leaves_the_other_pairs_of_a_matrix_alone():
    r = np.random.default_rng(0)
    clean = np.round(r.standard_normal((2000, 5)) * 3) / 10  # five independent rounded columns
    _, _, messy = merged_rounded(2000, 1)
    iu = np.triu_indices(5, 1)
    alone = _quiet(mh.pairwise_mi, clean, method="ksg")[iu]
    with_messy = _quiet(mh.pairwise_mi, np.c_[clean, messy], method="ksg")
    np.testing.assert_array_equal(with_messy[:5, :5][iu], alone)  # they moved to 0.19 ... 0.27 before
    assert np.abs(with_messy[np.triu_indices(6, 1)]).max() < 0.05  # every pair is independent
    y = r.integers(0, 2, 2000)
    sel = _quiet(mh.MRMRSelector(3, random_state=0).fit, np.c_[clean, messy], y)
    assert np.abs(_quiet(lambda: sel.redundancy_)[np.triu_indices(6, 1)]).max() < 0.05


def test_tie_breaking_leaves_no_equal_values_and_counts_are_never_negative():
    r, _, merged = merged_rounded(3000, 0)
    labels = r.integers(0, 2, 3000).astype(float)
    (xs, sx), (ys, sy) = est._standardise_with_ties(merged[:, None]), est._standardise_with_ties(labels[:, None])
    xj, yj = est._break_ties(xs, "x", summary=sx), est._break_ties(ys, "y", summary=sy)
    assert np.unique(xj).size == np.unique(yj).size == 3000  # 1,500 copies of each label, all apart
    eps = est._kth_neighbour_distance(np.hstack([xj, yj]), 3, 1)
    assert eps.min() > 0
    for v in (xj, yj):
        counts = est._count_strictly_within(v, eps, 1)
        assert counts.min() >= 0  # 165 negative counts before
        # Brute force on a subset of rows: |v_j - v_i| < eps_i, j != i.
        rows = np.arange(0, 3000, 61)
        brute = [(np.abs(v[:, 0] - v[i, 0]) < eps[i]).sum() - 1 for i in rows]
        np.testing.assert_array_equal(counts[rows], brute)


def test_counts_include_exact_copies_when_the_radius_is_below_a_rounding_unit():
    # v + r == v in floating point: the copies of v (distance 0 < r) must still count.
    v = np.array([1.0, 1.0, 1.0, 1.0 + 2**-52, 2.0])[:, None]
    eps = np.full(5, 1e-17)
    np.testing.assert_array_equal(est._count_strictly_within(v, eps, 1), [2, 2, 2, 0, 0])


def test_a_broken_invariant_raises_instead_of_reading_the_table_from_its_end():
    with pytest.raises(RuntimeError, match="bug"):
        est._check_neighbour_counts("KSG", np.array([0.1, 0.0]), np.array([1, 2]))
    with pytest.raises(RuntimeError, match="negative"):
        est._check_neighbour_counts("KSG", np.array([0.1, 0.2]), np.array([1, -2]))


# ------------------------------------------------------------------ sentinel codes


@pytest.mark.parametrize("sentinel", [999.0, 1e6, 1e8, -1e15])
def test_a_missing_value_code_does_not_bias_ksg(sentinel):
    # 4% of x set to a code for "missing"; y independent: truth 0 (the code is a value like any other).
    binary, continuous, mixed = [], [], []
    for seed in range(6):
        r = np.random.default_rng(seed)
        x = r.standard_normal(3000)
        x[r.random(3000) < 0.04] = sentinel
        lab = r.integers(0, 2, 3000).astype(float)
        binary.append(_quiet(mh.mi_ksg, x, lab))
        continuous.append(_quiet(mh.mi_ksg, x, r.standard_normal(3000)))
        mixed.append(_quiet(mh.mi_mixed, x, lab))
    for values in (binary, continuous, mixed):
        assert abs(np.mean(values)) < 0.012  # -0.081 +- 0.020 with a code of 1e8 before
    r = np.random.default_rng(0)
    x = r.standard_normal(3000)
    x[r.random(3000) < 0.04] = sentinel
    (xs, sx) = est._standardise_with_ties(x[:, None])
    xj = est._break_ties(xs, "x", summary=sx)
    assert np.unique(xj[x == sentinel]).size == (x == sentinel).sum()  # 34 of 120 before, at 1e8


# ------------------------------------------------------------------ bins near the float limit


@pytest.mark.parametrize("outlier", [1e300, 1e308, 1.7e308, -1.7e308])
def test_fd_bins_with_an_outlier_at_the_float_limit(outlier):
    r = np.random.default_rng(0)
    x = np.r_[r.standard_normal(999), outlier]
    y = r.standard_normal(1000)
    cap = math.ceil(2 * math.sqrt(1000))
    # Reference: NumPy's equal-width bins of x scaled by an exact power of two, cap bins, then scikit-learn.
    scaled = x * 2.0**-1024
    ref_codes = np.clip(np.searchsorted(np.histogram_bin_edges(scaled, cap), scaled, side="right") - 1, 0, cap - 1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        codes = mh.discretize(x)
        value = mh.mi_binned(x, y, bins=("fd", 8))
        matrix = mh.pairwise_mi(np.c_[x, y], bins="fd")
    np.testing.assert_array_equal(codes, ref_codes)
    assert value == pytest.approx(mutual_info_score(ref_codes, mh.discretize(y, bins=8)), abs=1e-12)
    assert matrix[0, 1] == pytest.approx(mh.mi_binned(x, y), abs=1e-12)
    assert {w.category for w in caught} == {mh.BinsWarning}  # no RuntimeWarning from inside the package
    assert all(w.filename == __file__ for w in caught)


def test_fd_bins_over_the_whole_float_range():
    r = np.random.default_rng(1)
    x = np.r_[-1.7e308, r.standard_normal(998), 1.7e308]
    with pytest.warns(mh.BinsWarning, match="capped"):
        codes = mh.discretize(x)
    assert codes.max() + 1 == math.ceil(2 * math.sqrt(1000))
    assert codes[0] == 0 and codes[-1] == codes.max()


# ------------------------------------------------------------------ big integers among floats


def test_integers_above_2_53_mixed_with_floats_stay_distinct():
    x = [2**60, 2**60 + 1, 0.5, 0.5] * 25
    y = [0, 1, 0, 1] * 25
    as_text = [str(v) for v in x]
    assert mh.mi_discrete(x, y) == pytest.approx(mutual_info_score(as_text, y), abs=1e-12)  # 0.3466, was 8.9e-16
    assert mh.entropy_discrete(x) == pytest.approx(-(2 * 0.25 * math.log(0.25) + 0.5 * math.log(0.5)), abs=1e-12)
    assert mh.entropy_discrete(np.array(x, dtype=object)) == pytest.approx(mh.entropy_discrete(as_text), abs=1e-12)
    # 1 and 1.0 are still one label (as in Python), also next to big integers.
    assert mh.entropy_discrete([2**60, 1, 1.0, 2.5]) == pytest.approx(-(2 * 0.25 * math.log(0.25) + 0.5 * math.log(0.5)))
    # Rows of a 2-D object array are joint labels.
    rows = np.array([[2**60, 0.5], [2**60 + 1, 0.5], [2**60, 0.5], [3, 1.0]], dtype=object)
    assert mh.entropy_discrete(rows) == pytest.approx(-(0.5 * math.log(0.5) + 2 * 0.25 * math.log(0.25)))


# ------------------------------------------------------------------ the continuous robust scale


def _scale_of(x):
    """The scale _standardise_with_ties uses for a 1-D sample."""
    xs, _ = est._standardise_with_ties(np.asarray(x, float)[:, None])
    return (x[1] - x[0]) / (xs[1, 0] - xs[0, 0])


def test_the_knn_scale_changes_continuously_with_an_outlier():
    x, _ = mh.correlated_gaussian(1000, 0.8, seed=3)
    scales = []
    for m in np.linspace(50, 2000, 4000):  # steps of 0.49 in the outlier's value
        xo = x.copy()
        xo[0] = m
        scales.append(_scale_of(xo))
    steps = np.abs(np.diff(np.log(scales)))
    assert steps.max() < 0.01  # the switch at sd / spread = 10 jumped by a factor of 10
    sd = x.std()
    assert _scale_of(x) == sd  # Gaussian data (ratio near 1): the standard deviation, as scikit-learn
    xo = x.copy()
    xo[0] = 1e6
    q95, q05 = np.quantile(xo, [0.95, 0.05])
    assert _scale_of(xo) == pytest.approx((q95 - q05) / 3.2897, rel=1e-12)  # far outlier: the robust spread


def test_ksg_departs_from_sklearn_on_heavy_tails_towards_the_truth():
    # Gaussian copula, rho = 0.8: MI 0.511 nats whatever the marginals; x lognormal with sigma 2.5.
    from sklearn.feature_selection import mutual_info_regression

    truth = mh.gaussian_mi(0.8)
    ours, theirs = [], []
    for seed in range(10):
        z, y = mh.correlated_gaussian(2000, 0.8, seed=seed)
        x = np.exp(2.5 * z)
        ours.append(_quiet(mh.mi_ksg, x, y))
        theirs.append(mutual_info_regression(x[:, None], y, n_neighbors=3, random_state=0)[0])
    assert abs(np.mean(ours) - truth) < abs(np.mean(theirs) - truth) - 0.02
    # The figures quoted in mi_ksg's Notes.
    assert round(float(np.mean(ours)), 3) == 0.445
    assert round(float(np.mean(theirs)), 3) == 0.403
    assert "0.445 nats here and 0.403 with scikit-learn" in " ".join(mh.mi_ksg.__doc__.split())



def _zero_inflated_pair(p_zero, seed, n=5000, noise=0.3):
    r = np.random.default_rng(seed)
    x = r.standard_normal(n)
    x[r.random(n) < p_zero] = 0.0
    return x, x + noise * r.standard_normal(n)


def _zero_inflated_truth(p_zero, noise=0.3):
    """I(X; Y) for X = 0 with probability p_zero, else N(0, 1), and Y = X + N(0, noise^2): h(Y) - h(Y | X) by quadrature."""
    from scipy import integrate, stats

    def dens(y):
        return p_zero * stats.norm.pdf(y, 0, noise) + (1 - p_zero) * stats.norm.pdf(y, 0, math.hypot(1, noise))

    h_y = -integrate.quad(lambda y: dens(y) * math.log(dens(y)), -12, 12, limit=200)[0]
    return h_y - 0.5 * math.log(2 * math.pi * math.e * noise**2)


@pytest.mark.parametrize("p_zero", [0.5, 0.9, 0.95])
def test_zero_inflated_data_are_scaled_by_their_spread_not_by_the_spike(p_zero):
    # At 90% zeros the 5% and 95% quantiles sat on the spike: the robust spread shrank, the
    # scale stretched x 40 times and mi_ksg fell to about half the truth (0.125 against 0.24).
    from sklearn.feature_selection import mutual_info_regression

    truth = _zero_inflated_truth(p_zero)
    ours, theirs = [], []
    for seed in range(3):
        x, y = _zero_inflated_pair(p_zero, seed)
        ours.append(_quiet(mh.mi_ksg, x, y))
        theirs.append(mutual_info_regression(x[:, None], y, random_state=0)[0])
    assert abs(np.mean(ours) - truth) < 0.02 and abs(np.mean(ours) - np.mean(theirs)) < 0.01


def test_one_outlier_in_zero_inflated_data_moves_mi_ksg_little():
    # 95% zeros leave a robust spread of 0 on the whole sample: one outlier of 1e6 then
    # squeezed the non-zero values to the size of the jitter and mi_ksg read 0.0003.
    truth = _zero_inflated_truth(0.95)
    x, y = _zero_inflated_pair(0.95, 1)
    x[0] = 1e6
    assert abs(_quiet(mh.mi_ksg, x, y) - truth) < 0.03


# ------------------------------------------------------------------ the rounded-data bias


def test_the_bias_on_finely_rounded_data_is_as_documented_and_dequantize_removes_it():
    # n = 1000, a grid of 0.2 standard deviations: the jittered estimate runs a few
    # hundredths of a nat above the MI of the rounded values; dequantized data does not.
    truth = mh.rounded_gaussian_mi(0.6, 0.2)
    rounded, dither = [], []
    for seed in range(20):
        x, y = mh.correlated_gaussian(1000, 0.6, seed=500 + seed)
        xr, yr = np.round(x / 0.2) * 0.2, np.round(y / 0.2) * 0.2
        rounded.append(_quiet(mh.mi_ksg, xr, yr))
        dither.append(mh.mi_ksg(mh.dequantize(xr, seed=seed, step=0.2), mh.dequantize(yr, seed=10_000 + seed, step=0.2)))
    bias = np.mean(rounded) - truth
    assert 0.0 < bias < 0.04
    assert abs(np.mean(dither) - truth) < 0.015


# ------------------------------------------------------------------ kernel estimator's log-sum-exp


def test_logsumexp_rows_equals_scipy():
    from scipy.special import logsumexp

    r = np.random.default_rng(3)
    for shape, spread in (((50, 300), 1.0), ((20, 1000), 500.0), ((7, 3), 1e-3)):
        a = -spread * r.random(shape) ** 2
        a[np.arange(shape[0]), np.arange(shape[0]) % shape[1]] = -np.inf  # the left-out point
        np.testing.assert_allclose(est._logsumexp_rows(a.copy()), logsumexp(a, axis=1), rtol=1e-13, atol=0)


def test_very_large_groups_of_ties_are_separated_and_estimated():
    # 30,000 copies of each of two values: the jitter widens to give them room (64 m rounding
    # units), so every value is distinct and even k = 1 never sees a zero distance.
    r = np.random.default_rng(11)
    x = r.integers(0, 2, 60_000).astype(float)
    y = r.integers(0, 2, 60_000)
    assert abs(_quiet(mh.mi_mixed, x, y, k=1)) < 0.01  # independent: truth 0
    assert abs(_quiet(mh.mi_ksg, x, y.astype(float), k=1)) < 0.01
    flips = r.random(60_000) < 0.1
    dependent = np.where(flips, 1 - x, x)
    truth = math.log(2) + 0.1 * math.log(0.1) + 0.9 * math.log(0.9)
    assert _quiet(mh.mi_ksg, x, dependent) == pytest.approx(truth, abs=0.02)
