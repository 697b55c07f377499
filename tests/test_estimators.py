"""Estimators against ground truth and independent references.

Ground truth: joint tables summed by hand, the Gaussian closed form
-0.5 ln(1 - rho^2). References: scikit-learn's mutual_info_score and
mutual_info_regression, SciPy's entropy.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy.stats import entropy as scipy_entropy
from sklearn.metrics import mutual_info_score

import mi_helpers as mh


# ---------------------------------------------------------------- discrete


def test_entropy_of_a_fair_coin_and_die():
    assert mh.entropy_discrete([0, 1] * 50, base=2) == pytest.approx(1.0, abs=1e-12)
    assert mh.entropy_discrete(list(range(6)) * 10) == pytest.approx(math.log(6), abs=1e-12)


def test_entropy_discrete_matches_scipy_on_counts():
    rng = np.random.default_rng(1)
    labels = rng.integers(0, 7, 500)
    counts = np.bincount(labels)
    assert mh.entropy_discrete(labels) == pytest.approx(scipy_entropy(counts), abs=1e-12)
    assert mh.entropy_discrete(labels, base=2) == pytest.approx(scipy_entropy(counts, base=2), abs=1e-12)


def test_entropy_of_string_labels_and_rows():
    assert mh.entropy_discrete(["a", "b", "a", "b"], base=2) == pytest.approx(1.0)
    # Rows of a 2-D array are joint symbols: four equally likely pairs = 2 bits.
    rows = np.array([[0, 0], [0, 1], [1, 0], [1, 1]] * 5)
    assert mh.entropy_discrete(rows, base=2) == pytest.approx(2.0)


def test_mi_of_a_table_computed_by_hand():
    # P = [[1/2, 0], [1/4, 1/4]]: P(x) = (1/2, 1/2), P(y) = (3/4, 1/4).
    # I = 1/2 ln((1/2)/(3/8)) + 1/4 ln((1/4)/(3/8)) + 1/4 ln((1/4)/(1/8))
    p = np.array([[0.5, 0.0], [0.25, 0.25]])
    by_hand = 0.5 * math.log(4 / 3) + 0.25 * math.log(2 / 3) + 0.25 * math.log(2)
    assert mh.mi_from_joint(p) == pytest.approx(by_hand, abs=1e-14)
    assert mh.mi_from_joint(p * 40) == pytest.approx(by_hand, abs=1e-14)  # counts work too
    # A sample with exactly these frequencies gives the same plug-in value.
    x = [0] * 4 + [1] * 4
    y = [0] * 4 + [0, 0, 1, 1]
    assert mh.mi_discrete(x, y) == pytest.approx(by_hand, abs=1e-14)
    assert mh.mi_discrete(x, y, base=2) == pytest.approx(by_hand / math.log(2), abs=1e-14)


def test_mi_of_independent_and_identical_tables():
    assert mh.mi_from_joint(np.outer([0.2, 0.8], [0.3, 0.3, 0.4])) == pytest.approx(0.0, abs=1e-15)
    assert mh.mi_from_joint(np.diag([0.25] * 4), base=2) == pytest.approx(2.0, abs=1e-14)


def test_mi_from_joint_equals_scipy_kl_divergence():
    rng = np.random.default_rng(5)
    p = rng.random((4, 5))
    p /= p.sum()
    kl = scipy_entropy(p.ravel(), np.outer(p.sum(1), p.sum(0)).ravel())
    assert mh.mi_from_joint(p) == pytest.approx(kl, abs=1e-13)


@pytest.mark.parametrize("seed", range(5))
def test_mi_discrete_equals_sklearn(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(10, 2000))
    x = rng.integers(0, rng.integers(1, 12), n)
    y = (x + rng.integers(0, 3, n)) % 7
    assert mh.mi_discrete(x, y) == pytest.approx(mutual_info_score(x, y), abs=1e-12)


def test_mi_discrete_string_labels_equal_sklearn():
    rng = np.random.default_rng(9)
    x = rng.choice(["red", "green", "blue"], 300)
    y = np.where(rng.random(300) < 0.7, x, rng.choice(["red", "green", "blue"], 300))
    assert mh.mi_discrete(x, y) == pytest.approx(mutual_info_score(x, y), abs=1e-12)


def test_continuous_input_warning_explains_the_ln_n_trap():
    rng = np.random.default_rng(0)
    x, y = rng.standard_normal(500), rng.standard_normal(500)
    with pytest.warns(mh.ContinuousInputWarning, match=r"ln\(N\).*mi_ksg.*mi_binned"):
        value = mh.mi_discrete(x, y)
    assert value == pytest.approx(math.log(500), abs=1e-9)  # each float its own label


def test_no_warning_for_genuine_labels():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mh.mi_discrete(np.arange(100) % 3, np.arange(100) % 4)
        mh.mi_discrete(np.repeat([0.5, 1.5], 50), np.tile([0.0, 1.0], 50))  # floats, few values


def test_constant_inputs_give_zero_not_nan():
    ones = np.ones(50)
    z = np.random.default_rng(0).standard_normal(50)
    assert mh.mi_discrete(ones, np.arange(50) % 2) == 0.0
    assert mh.entropy_discrete(ones) == 0.0
    assert mh.mi_binned(ones, z) == 0.0
    assert mh.mi_ksg(ones, z) == 0.0
    assert mh.mi_kde(ones, z) == 0.0
    assert mh.mi_gaussian(ones, z) == 0.0


# ---------------------------------------------------------------- continuous

RHOS = [0.0, 0.3, 0.6, 0.9]


@pytest.mark.parametrize("rho", RHOS)
@pytest.mark.parametrize("n", [2000, 8000])
def test_ksg_close_to_closed_form(rho, n):
    x, y = mh.correlated_gaussian(n, rho, seed=11)
    truth = mh.gaussian_mi(rho)
    # KSG's standard deviation is about 0.03 nats at n=2000 and half that at 8000.
    assert mh.mi_ksg(x, y) == pytest.approx(truth, abs=0.1 if n == 2000 else 0.05)


@pytest.mark.parametrize("rho", RHOS)
def test_ksg_agrees_with_sklearn_mutual_info_regression(rho):
    from sklearn.feature_selection import mutual_info_regression

    x, y = mh.correlated_gaussian(3000, rho, seed=3)
    ours = mh.mi_ksg(x, y, k=3)
    theirs = mutual_info_regression(x[:, None], y, n_neighbors=3, random_state=0)[0]
    # Same algorithm; scikit-learn adds 1e-10 noise and clips at 0.
    assert ours == pytest.approx(theirs, abs=5e-3) or (theirs == 0 and ours < 0.02)


def test_ksg_multivariate_blocks_against_closed_form():
    # X = (x1, x2), Y = x1 + x2 + noise: I = 0.5 ln(var(Y) / var(noise)) = 0.5 ln(3).
    rng = np.random.default_rng(4)
    X = rng.standard_normal((4000, 2))
    Y = X.sum(axis=1) + rng.standard_normal(4000)
    assert mh.mi_ksg(X, Y) == pytest.approx(0.5 * math.log(3), abs=0.06)
    assert mh.mi_gaussian(X, Y) == pytest.approx(0.5 * math.log(3), abs=0.03)


@pytest.mark.parametrize("rho", RHOS)
def test_kde_close_to_closed_form(rho):
    x, y = mh.correlated_gaussian(1500, rho, seed=5)
    assert mh.mi_kde(x, y) == pytest.approx(mh.gaussian_mi(rho), abs=0.08)


def _scipy_loo_kde_mi(x, y):
    """Leave-one-out KDE MI built from scipy.stats.gaussian_kde (Scott's factor).

    With the full-sample density f at a point, the leave-one-out density is
    (n f - K(0)) / (n - 1), K(0) being the kernel's height at its centre.
    """
    from scipy.stats import gaussian_kde

    n = len(x)
    total = 0.0
    for sign, block in ((1, np.column_stack([x, y])), (-1, x[:, None]), (-1, y[:, None])):
        d = block.shape[1]
        kde = gaussian_kde(block.T, bw_method=n ** (-1.0 / (d + 4)))
        peak = 1.0 / np.sqrt(np.linalg.det(2 * np.pi * kde.covariance))
        loo = (n * kde(block.T) - peak) / (n - 1)
        total += sign * np.mean(np.log(loo))
    return total


@pytest.mark.parametrize("rho", [0.0, 0.5, 0.95])
def test_kde_equals_scipy_gaussian_kde_leave_one_out(rho):
    x, y = mh.correlated_gaussian(400, rho, seed=12)
    y = 3.0 * y + 7.0  # units must not matter
    assert mh.mi_kde(x, y) == pytest.approx(_scipy_loo_kde_mi(x, y), abs=1e-9)


def test_kde_leave_one_out_matters():
    # Without leaving points out, an independent pair would score clearly above 0.
    x, y = mh.correlated_gaussian(800, 0.0, seed=6)
    assert abs(mh.mi_kde(x, y)) < 0.03


@pytest.mark.parametrize("rho", RHOS)
def test_gaussian_estimator_close_to_closed_form(rho):
    x, y = mh.correlated_gaussian(5000, rho, seed=7)
    assert mh.mi_gaussian(x, y) == pytest.approx(mh.gaussian_mi(rho), abs=0.02)


def test_gaussian_estimator_is_the_formula_of_the_sample_correlation():
    x, y = mh.correlated_gaussian(300, 0.5, seed=8)
    r = np.corrcoef(x, y)[0, 1]
    assert mh.mi_gaussian(x, y) == pytest.approx(-0.5 * math.log(1 - r * r), abs=1e-12)


def test_gaussian_estimator_exact_linear_relation_is_infinite():
    x = np.random.default_rng(0).standard_normal(100)
    assert math.isinf(mh.mi_gaussian(x, 3 * x - 1))


@pytest.mark.parametrize("rho", [0.3, 0.6, 0.9])
def test_binned_close_to_closed_form_with_many_samples(rho):
    # 30 bins per axis: bias (B-1)^2/(2N) = 0.008 nats; coarse-graining loses a little.
    x, y = mh.correlated_gaussian(50_000, rho, seed=9)
    assert mh.mi_binned(x, y, bins=30) == pytest.approx(mh.gaussian_mi(rho), abs=0.03)


def test_fd_rule_makes_many_bins_and_a_visible_bias_at_large_n():
    # Freedman-Diaconis suits density plots, not MI: its bin count grows like N^(1/3).
    x, y = mh.correlated_gaussian(50_000, 0.0, seed=9)
    bins = int(mh.discretize(x, "fd").max()) + 1
    assert bins > 50
    assert mh.mi_binned(x, y, bins="fd") > 0.5 * (bins - 1) ** 2 / (2 * 50_000)


def test_binned_equals_plug_in_of_numpy_histogram():
    x, y = mh.correlated_gaussian(1000, 0.5, seed=10)
    counts, _, _ = np.histogram2d(x, y, bins=[np.histogram_bin_edges(x, 12), np.histogram_bin_edges(y, 12)])
    assert mh.mi_binned(x, y, bins=12) == pytest.approx(mh.mi_from_joint(counts), abs=1e-12)


def test_binned_independent_bias_matches_formula():
    # For independent X, Y the plug-in bias is about (Bx-1)(By-1)/(2N) nats.
    b, n = 8, 400
    values = [mh.mi_binned(*mh.correlated_gaussian(n, 0.0, seed=s), bins=b) for s in range(200)]
    assert np.mean(values) == pytest.approx((b - 1) ** 2 / (2 * n), rel=0.25)


def test_miller_madow_is_closer_to_truth_on_average():
    truth = mh.gaussian_mi(0.5)
    plain, corrected = [], []
    for s in range(100):
        x, y = mh.correlated_gaussian(300, 0.5, seed=100 + s)
        plain.append(mh.mi_binned(x, y, bins=10))
        corrected.append(mh.mi_binned(x, y, bins=10, correction="miller-madow"))
    assert abs(np.mean(corrected) - truth) < abs(np.mean(plain) - truth)


def test_miller_madow_can_go_below_zero():
    values = [mh.mi_binned(*mh.correlated_gaussian(200, 0.0, seed=s), bins=5, correction="miller-madow") for s in range(50)]
    assert min(values) < 0


def test_gaussian_mi_closed_form():
    assert mh.gaussian_mi(0.0) == 0.0
    assert mh.gaussian_mi(0.8) == pytest.approx(-0.5 * math.log(0.36))
    assert mh.gaussian_mi(-0.8) == mh.gaussian_mi(0.8)
    assert mh.gaussian_mi(0.8, base=2) == pytest.approx(-0.5 * math.log2(0.36))
    assert math.isinf(mh.gaussian_mi(1.0))
    arr = mh.gaussian_mi([0.0, 0.5])
    assert isinstance(arr, np.ndarray) and arr.shape == (2,)


def test_correlated_gaussian_has_the_asked_correlation_and_is_seeded():
    x, y = mh.correlated_gaussian(20_000, -0.7, seed=1)
    assert np.corrcoef(x, y)[0, 1] == pytest.approx(-0.7, abs=0.02)
    assert np.std(x) == pytest.approx(1, abs=0.02) and np.std(y) == pytest.approx(1, abs=0.02)
    x2, y2 = mh.correlated_gaussian(20_000, -0.7, seed=1)
    assert np.array_equal(x, x2) and np.array_equal(y, y2)
    x3, _ = mh.correlated_gaussian(20_000, -0.7, seed=2)
    assert not np.array_equal(x, x3)


def test_ksg_ties_are_broken_deterministically_with_a_warning():
    rng = np.random.default_rng(0)
    x = np.round(rng.standard_normal(1000), 1)  # heavy ties
    y = x + rng.standard_normal(1000)
    with pytest.warns(mh.TiesWarning, match="repeated values"):
        a = mh.mi_ksg(x, y)
    with pytest.warns(mh.TiesWarning):
        b = mh.mi_ksg(x, y)
    assert a == b and np.isfinite(a)


# ---------------------------------------------------------------- pairwise


def test_pairwise_binned_equals_double_loop_of_sklearn():
    rng = np.random.default_rng(2)
    X = rng.standard_normal((400, 6))
    X[:, 1] += X[:, 0]
    X[:, 5] = X[:, 2] ** 2
    M = mh.pairwise_mi(X, method="binned", bins=9)
    codes = [mh.discretize(X[:, j], bins=9) for j in range(6)]
    for i in range(6):
        for j in range(6):
            assert M[i, j] == pytest.approx(mutual_info_score(codes[i], codes[j]), abs=1e-10)
    assert np.allclose(M, M.T)


def test_pairwise_diagonal_is_entropy_and_mm_matches_single_pair():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((300, 4))
    M = mh.pairwise_mi(X, method="binned")
    for j in range(4):
        assert M[j, j] == pytest.approx(mh.entropy_discrete(mh.discretize(X[:, j])), abs=1e-10)
    MM = mh.pairwise_mi(X, method="binned", bins=7, correction="miller-madow")
    assert MM[0, 1] == pytest.approx(mh.mi_binned(X[:, 0], X[:, 1], bins=7, correction="miller-madow"), abs=1e-10)


def test_pairwise_discrete_ksg_and_gaussian_methods():
    rng = np.random.default_rng(4)
    L = rng.integers(0, 4, (200, 3))
    D = mh.pairwise_mi(L, method="discrete")
    assert D[0, 2] == pytest.approx(mutual_info_score(L[:, 0], L[:, 2]), abs=1e-10)
    X = rng.standard_normal((500, 3))
    X[:, 2] += X[:, 0]
    K = mh.pairwise_mi(X, method="ksg", k=4)
    assert K[0, 2] == pytest.approx(mh.mi_ksg(X[:, 0], X[:, 2], k=4), abs=1e-12)
    G = mh.pairwise_mi(X, method="gaussian")
    assert G[0, 2] == pytest.approx(mh.mi_gaussian(X[:, 0], X[:, 2]), abs=1e-10)
    assert np.isnan(np.diag(K)).all() and np.isnan(np.diag(G)).all()


# ---------------------------------------------------------------- bad input

GOOD = np.linspace(0, 1, 20)


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: mh.mi_ksg([0, np.nan, 1, 2], [0, 1, 2, 3]), ValueError, "x contains NaN"),
        (lambda: mh.mi_ksg(GOOD, np.r_[GOOD[:-1], np.inf]), ValueError, "y contains NaN or infinite"),
        (lambda: mh.mi_ksg(GOOD, GOOD[:10]), ValueError, "same number of samples"),
        (lambda: mh.mi_binned(GOOD, GOOD[:5]), ValueError, "same number of samples"),
        (lambda: mh.mi_discrete([1, 2, 3], [1, 2]), ValueError, "same number of samples"),
        (lambda: mh.mi_ksg(GOOD, GOOD, k=20), ValueError, r"k=20 needs at least k \+ 2 = 22 samples"),
        (lambda: mh.mi_ksg(GOOD, GOOD, k=0), ValueError, "k must be at least 1"),
        (lambda: mh.mi_ksg(GOOD, GOOD, k=2.5), TypeError, "k must be an integer"),
        (lambda: mh.mi_binned(GOOD, GOOD, bins=0), ValueError, "bins must be at least 1"),
        (lambda: mh.mi_binned(GOOD, GOOD, bins="nonsense"), ValueError, "bins rule"),
        (lambda: mh.mi_binned(GOOD, GOOD, correction="magic"), ValueError, "correction"),
        (lambda: mh.mi_ksg(["a"] * 20, GOOD), TypeError, "x must contain real numbers"),
        (lambda: mh.mi_gaussian(GOOD, ["b"] * 20), TypeError, "y must contain real numbers"),
        (lambda: mh.mi_ksg(GOOD[:1], GOOD[:1]), ValueError, "at least 2 samples"),
        (lambda: mh.mi_kde(GOOD[:2], GOOD[:2]), ValueError, "at least 3 samples"),
        (lambda: mh.mi_kde(GOOD, GOOD, bandwidth=-1.0), ValueError, "bandwidth"),
        (lambda: mh.mi_kde(GOOD, GOOD, bandwidth="wide"), ValueError, "bandwidth"),
        (lambda: mh.mi_discrete(GOOD, GOOD, base=1), ValueError, "base"),
        (lambda: mh.mi_discrete(GOOD, GOOD, base=-2), ValueError, "base"),
        (lambda: mh.mi_ksg(GOOD, GOOD, base="2"), TypeError, "base"),
        (lambda: mh.entropy_discrete([]), ValueError, "x is empty"),
        (lambda: mh.entropy_discrete([1.0, np.nan]), ValueError, "NaN"),
        (lambda: mh.mi_binned(np.ones((20, 2)), GOOD), ValueError, "x must be 1-D"),
        (lambda: mh.mi_ksg(np.ones((2, 2, 2)), GOOD), ValueError, "1-D .* or 2-D"),
        (lambda: mh.gaussian_mi(1.5), ValueError, "rho"),
        (lambda: mh.correlated_gaussian(10, 0.5, seed=None), ValueError, "seed"),
        (lambda: mh.correlated_gaussian(10, 2.0, seed=0), ValueError, "rho"),
        (lambda: mh.correlated_gaussian(0, 0.5, seed=0), ValueError, "n must be at least 1"),
        (lambda: mh.pairwise_mi(np.ones((10, 3)), method="magic"), ValueError, "method"),
        (lambda: mh.pairwise_mi(np.ones((10, 3)), method="ksg", bins=4), TypeError, "does not take"),
        (lambda: mh.mi_from_joint([[0.5, -0.1], [0.3, 0.3]]), ValueError, "non-negative"),
        (lambda: mh.mi_from_joint([0.5, 0.5]), ValueError, "2-D"),
    ],
)
def test_bad_input_is_rejected_with_a_clear_message(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


@pytest.mark.parametrize(
    "cov, exc, match",
    [
        ("abc", TypeError, "square array of real numbers"),
        ([[1.0, 0.2, 0.1], [0.2, 1.0, 0.0]], ValueError, "square matrix"),
        ([[1.0, np.nan], [np.nan, 1.0]], ValueError, "NaN or infinite"),
        ([[1.0, 0.3], [0.1, 1.0]], ValueError, "symmetric"),
    ],
)
def test_covariance_inputs_are_checked_the_same_way_everywhere(cov, exc, match):
    with pytest.raises(exc, match=match):
        mh.gaussian_cmi(cov, [0], [1])
    with pytest.raises(exc, match=match):
        mh.gaussian_blocks_mi(cov, dx=1)


def test_ksg_on_independent_tied_variables_is_near_zero_and_on_identical_ones_near_the_discrete_mi():
    # Rows tied in both variables used to receive the same jitter and looked perfectly dependent.
    rng = np.random.default_rng(1)
    a = rng.integers(0, 2, 4000).astype(float)
    b = rng.integers(0, 2, 4000).astype(float)
    with pytest.warns(mh.TiesWarning):
        assert abs(mh.mi_ksg(a, b)) < 0.01  # truth 0
    with pytest.warns(mh.TiesWarning):
        same = mh.mi_ksg(a, a.copy())
    assert same == pytest.approx(mh.mi_discrete(a, a), abs=0.03)  # the discrete MI, H(A) <= ln 2


def test_quantile_bins_hold_equal_counts_and_are_invariant_under_increasing_maps():
    x, y = mh.correlated_gaussian(2000, 0.6, seed=3)
    codes = mh.discretize(x, 8, strategy="quantile")
    np.testing.assert_array_equal(np.bincount(codes), np.full(8, 250))
    # Equal-frequency codes depend on the ranks only: exp and cube leave them unchanged.
    assert mh.mi_binned(np.exp(x), y**3, bins=8, strategy="quantile") == mh.mi_binned(x, y, bins=8, strategy="quantile")
    # ... and agree with scikit-learn's mutual_info_score of rank-based bins.
    from scipy.stats import rankdata
    from sklearn.metrics import mutual_info_score

    rx = np.floor((rankdata(x) - 1) * 8 / 2000)
    ry = np.floor((rankdata(y) - 1) * 8 / 2000)
    assert mh.mi_binned(x, y, bins=8, strategy="quantile") == pytest.approx(mutual_info_score(rx, ry), abs=1e-12)
    # Ties never straddle an edge: 80% zeros leave fewer bins than asked for.
    z = np.where(np.arange(1000) < 800, 0.0, np.arange(1000.0))
    assert np.bincount(mh.discretize(z, 10, strategy="quantile"))[0] == 800
    with pytest.raises(ValueError, match="strategy"):
        mh.mi_binned(x, y, strategy="equal")
    m = mh.pairwise_mi(np.c_[x, y], bins=8, strategy="quantile")
    assert m[0, 1] == pytest.approx(mh.mi_binned(x, y, bins=8, strategy="quantile"), abs=1e-12)
