"""Permutation tests and bootstrap intervals of mi_helpers.significance.

References used here: the uniform distribution of p-values under the null
(checked with SciPy's Kolmogorov-Smirnov test and a binomial tolerance),
closed-form Gaussian MI, the textbook standard error of a mean, and plain
loops written in the tests.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy import stats

import mi_helpers as mh
from mi_helpers._validation import TiesWarning
from mi_helpers.significance import bootstrap_ci, permutation_test


def _loop_estimator(est):
    """The same estimator behind a new function object, so the vectorised path is not taken."""

    def wrapped(a, b, **kwargs):
        return est(a, b, **kwargs)

    return wrapped


# --------------------------------------------------------------------------
# permutation_test
# --------------------------------------------------------------------------


def test_p_values_are_uniform_for_independent_pairs():
    p = np.array([
        permutation_test(*mh.correlated_gaussian(100, 0.0, seed=1000 + s), estimator=mh.mi_binned,
                         bins=4, n_permutations=49, seed=s).p_value
        for s in range(200)
    ])
    # p takes the values j / 50; spreading each over its step gives U(0, 1) for an exact test.
    spread = p - np.random.default_rng(7).uniform(0.0, 1.0 / 50, size=p.size)
    assert stats.kstest(spread, "uniform").pvalue > 0.001
    frac = np.mean(p <= 0.05)
    sd = math.sqrt(0.05 * 0.95 / p.size)
    assert abs(frac - 0.05) < 3.5 * sd


def test_strong_dependence_gives_the_smallest_possible_p():
    x, y = mh.correlated_gaussian(200, 0.9, seed=3)
    res = permutation_test(x, y, estimator=mh.mi_ksg, n_permutations=99, seed=0)
    assert res.p_value == pytest.approx(1 / 100)
    assert res.observed == pytest.approx(mh.mi_ksg(x, y))
    assert res.observed > res.null.max()
    assert res.null.shape == (99,)


def test_p_value_follows_phipson_smyth_from_the_returned_null():
    x, y = mh.correlated_gaussian(150, 0.1, seed=5)
    res = permutation_test(x, y, estimator=mh.mi_ksg, n_permutations=59, seed=2)
    assert res.p_value == pytest.approx((1 + np.sum(res.null >= res.observed)) / 60)
    assert 1 / 60 <= res.p_value <= 1.0


def test_null_is_the_estimator_on_shuffled_y():
    # With KSG there is no fast path: check the null against a loop over the same permutations.
    x, y = mh.correlated_gaussian(80, 0.5, seed=1)
    res = permutation_test(x, y, estimator=mh.mi_ksg, n_permutations=5, seed=4, k=4)
    rng = np.random.default_rng(4)
    by_hand = [mh.mi_ksg(x, y[rng.permutation(80)], k=4) for _ in range(5)]
    np.testing.assert_allclose(res.null, by_hand, rtol=0, atol=1e-12)


@pytest.mark.parametrize(
    "estimator, kwargs",
    [
        (mh.mi_binned, {"bins": 5}),
        (mh.mi_binned, {"bins": (3, 7), "correction": "miller-madow"}),
        (mh.mi_binned, {"bins": "sturges", "base": 2}),
        (mh.mi_discrete, {}),
    ],
)
def test_vectorised_plugin_null_equals_the_loop(estimator, kwargs):
    x, y = mh.correlated_gaussian(300, 0.3, seed=8)
    if estimator is mh.mi_discrete:
        x, y = np.digitize(x, [-1, 0, 1]), np.array(["a", "b", "c"])[np.digitize(y, [-0.3, 0.6])]
    fast = permutation_test(x, y, estimator=estimator, n_permutations=120, seed=11, **kwargs)
    slow = permutation_test(x, y, estimator=_loop_estimator(estimator), n_permutations=120, seed=11, **kwargs)
    np.testing.assert_allclose(fast.null, slow.null, rtol=0, atol=1e-12)
    assert fast.observed == slow.observed
    assert fast.p_value == slow.p_value


def test_vectorised_path_handles_two_dimensional_labels():
    rng = np.random.default_rng(0)
    x = rng.integers(0, 3, size=(200, 2))
    y = x[:, 0] + rng.integers(0, 2, size=200)
    fast = permutation_test(x, y, estimator=mh.mi_discrete, n_permutations=30, seed=1)
    slow = permutation_test(x, y, estimator=_loop_estimator(mh.mi_discrete), n_permutations=30, seed=1)
    np.testing.assert_allclose(fast.null, slow.null, rtol=0, atol=1e-12)


def test_permutation_test_is_reproducible():
    x, y = mh.correlated_gaussian(120, 0.2, seed=9)
    a = permutation_test(x, y, estimator=mh.mi_binned, bins=6, n_permutations=40, seed=3)
    b = permutation_test(x, y, estimator=mh.mi_binned, bins=6, n_permutations=40, seed=3)
    c = permutation_test(x, y, estimator=mh.mi_binned, bins=6, n_permutations=40, seed=4)
    np.testing.assert_array_equal(a.null, b.null)
    assert a.p_value == b.p_value
    assert not np.array_equal(a.null, c.null)


def test_permutation_test_rejects_bad_input():
    x, y = mh.correlated_gaussian(50, 0.2, seed=0)
    with pytest.raises(TypeError, match="seed"):
        permutation_test(x, y)  # seed is required
    with pytest.raises(ValueError, match="seed"):
        permutation_test(x, y, seed=None)
    with pytest.raises(ValueError, match="n_permutations"):
        permutation_test(x, y, n_permutations=0, seed=0)
    with pytest.raises(TypeError, match="n_permutations"):
        permutation_test(x, y, n_permutations=9.5, seed=0)
    with pytest.raises(TypeError, match="estimator"):
        permutation_test(x, y, estimator="ksg", seed=0)
    with pytest.raises(ValueError, match="same number of samples"):
        permutation_test(x, y[:40], seed=0)
    with pytest.raises(ValueError, match="x must be 1-D"):
        permutation_test(np.zeros((50, 2, 2)), y, seed=0)
    with pytest.raises(TypeError, match="real number"):
        permutation_test(x, y, estimator=lambda a, b: "high", seed=0)


# --------------------------------------------------------------------------
# bootstrap_ci
# --------------------------------------------------------------------------


def test_bootstrap_interval_covers_the_gaussian_truth_in_most_repeats():
    truth = mh.gaussian_mi(0.6)
    hits = 0
    for s in range(40):
        x, y = mh.correlated_gaussian(300, 0.6, seed=500 + s)
        ci = bootstrap_ci(x, y, estimator=mh.mi_gaussian, n_boot=200, seed=s)
        assert ci.low <= ci.estimate <= ci.high
        hits += ci.low <= truth <= ci.high
    # 95% nominal: 40 draws of a Binomial(40, 0.95) fall below 33 with probability < 0.01.
    assert hits >= 33


def test_half_sampling_interval_of_ksg_covers_the_truth_in_most_repeats():
    truth = mh.gaussian_mi(0.5)
    hits = 0
    for s in range(15):
        x, y = mh.correlated_gaussian(300, 0.5, seed=900 + s)
        ci = bootstrap_ci(x, y, estimator=mh.mi_ksg, resample="half", n_boot=60, seed=s)
        hits += ci.low <= truth <= ci.high
    assert hits >= 12


def test_bootstrap_of_ksg_warns_and_is_biased_while_half_sampling_is_not():
    x, y = mh.correlated_gaussian(300, 0.5, seed=2)
    with pytest.warns(TiesWarning, match="resample='half'"):
        boot = bootstrap_ci(x, y, estimator=mh.mi_ksg, n_boot=30, seed=0)
    assert boot.low > boot.estimate  # the duplicates push every replicate up
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning at all
        half = bootstrap_ci(x, y, estimator=mh.mi_ksg, n_boot=30, resample="half", seed=0)
    assert half.low < half.estimate < half.high


def test_interval_of_a_mean_matches_its_standard_error():
    # For the mean, both schemes must reproduce estimate +- 1.96 s / sqrt(n) (no rescaling for "half").
    rng = np.random.default_rng(1)
    x = rng.standard_normal(400)
    y = rng.standard_normal(400)

    def mean_x(a, b):
        return float(np.mean(a))

    half_width = 1.959964 * x.std(ddof=1) / math.sqrt(x.size)
    for resample in ("bootstrap", "half"):
        ci = bootstrap_ci(x, y, estimator=mean_x, n_boot=2000, seed=3, resample=resample)
        assert ci.estimate == pytest.approx(x.mean())
        assert (ci.high - ci.low) / 2 == pytest.approx(half_width, rel=0.1)
        assert (ci.high + ci.low) / 2 == pytest.approx(x.mean(), abs=0.2 * half_width)


def test_percentile_interval_is_read_off_the_replicates():
    x, y = mh.correlated_gaussian(200, 0.4, seed=4)
    ci = bootstrap_ci(x, y, estimator=mh.mi_binned, bins=6, n_boot=100, level=0.9, seed=5)
    assert ci.low == pytest.approx(np.quantile(ci.replicates, 0.05))
    assert ci.high == pytest.approx(np.quantile(ci.replicates, 0.95))
    # The replicates are the estimator on resampled rows, as a loop with the same generator gives.
    rng = np.random.default_rng(5)
    first = [mh.mi_binned(x[i], y[i], bins=6) for i in (rng.integers(0, 200, size=200) for _ in range(3))]
    np.testing.assert_allclose(ci.replicates[:3], first)


def test_bootstrap_is_reproducible_and_rejects_bad_input():
    x, y = mh.correlated_gaussian(100, 0.3, seed=0)
    a = bootstrap_ci(x, y, n_boot=20, seed=1)
    b = bootstrap_ci(x, y, n_boot=20, seed=1)
    np.testing.assert_array_equal(a.replicates, b.replicates)
    with pytest.raises(TypeError, match="seed"):
        bootstrap_ci(x, y)
    with pytest.raises(ValueError, match="level"):
        bootstrap_ci(x, y, level=95, seed=0)
    with pytest.raises(ValueError, match="level"):
        bootstrap_ci(x, y, level=1.0, seed=0)
    with pytest.raises(ValueError, match="n_boot"):
        bootstrap_ci(x, y, n_boot=5, seed=0)
    with pytest.raises(ValueError, match="resample"):
        bootstrap_ci(x, y, resample="jackknife", seed=0)
    with pytest.raises(TypeError, match="estimator"):
        bootstrap_ci(x, y, estimator=None, seed=0)
    with pytest.raises(ValueError, match="same number of samples"):
        bootstrap_ci(x[:50], y, seed=0)
