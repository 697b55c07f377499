"""Tests for serial data, the bias-corrected bootstrap and the InfoNCE bound.

References: the nominal level of a valid test (a binomial tolerance), exact
MI of discrete tables and of Gaussian pairs, closed forms of InfoNCE for
simple score matrices, and plain loops written here.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import mi_helpers as mh
from mi_helpers.datasets import ar1_series
from mi_helpers.significance import (
    bias_corrected_bootstrap,
    bootstrap_ci,
    circular_shift_indices,
    infonce_bound,
    permutation_test,
    restricted_permutation_test,
)


def _loop(est):
    """The same estimator behind a new function object, so the vectorised path is not taken."""

    def wrapped(a, b, **kwargs):
        return est(a, b, **kwargs)

    return wrapped


# -- circular shifts and restricted permutations ------------------------------------


def test_circular_shift_indices_are_distinct_shifts_within_the_allowed_range():
    idx = circular_shift_indices(50, 20, min_shift=5, seed=0)
    assert idx.shape == (20, 50)
    shifts = idx[:, 0]
    assert len(set(shifts.tolist())) == 20 and shifts.min() >= 5 and shifts.max() <= 45
    for row, s in zip(idx, shifts):
        np.testing.assert_array_equal(row, (np.arange(50) + s) % 50)
    with pytest.raises(ValueError, match="too many"):
        circular_shift_indices(20, 12, min_shift=5, seed=0)


def test_restricted_test_fast_path_equals_the_loop_and_the_p_value_formula():
    x, y = mh.correlated_gaussian(300, 0.3, seed=1)
    idx = circular_shift_indices(300, 49, min_shift=10, seed=2)
    fast = restricted_permutation_test(x, y, idx, estimator=mh.mi_binned, bins=6)
    slow = restricted_permutation_test(x, y, idx, estimator=_loop(mh.mi_binned), bins=6)
    np.testing.assert_allclose(fast.null, slow.null, atol=1e-12)
    assert fast.observed == pytest.approx(mh.mi_binned(x, y, bins=6))
    np.testing.assert_allclose(slow.null, [mh.mi_binned(x, y[row], bins=6) for row in idx], atol=1e-12)
    expected = (1 + np.count_nonzero(slow.null >= slow.observed - 1e-12)) / 50
    assert fast.p_value == pytest.approx(expected)
    # A copy of x: no shift reproduces the pairing, so p takes its smallest value.
    assert restricted_permutation_test(x, x.copy(), idx, estimator=mh.mi_binned, bins=6).p_value == pytest.approx(1 / 50)


def test_non_permutation_indices_are_accepted_and_looped():
    x, y = mh.correlated_gaussian(60, 0.0, seed=3)
    idx = np.zeros((3, 60), dtype=int)  # every row repeats y[0]: a constant y
    res = restricted_permutation_test(x, y, idx, estimator=mh.mi_binned, bins=4)
    np.testing.assert_allclose(res.null, 0.0, atol=1e-12)
    with pytest.raises(ValueError, match="shape"):
        restricted_permutation_test(x, y, idx[:, :10], estimator=mh.mi_binned)
    with pytest.raises(ValueError, match="0..59"):
        restricted_permutation_test(x, y, idx + 60, estimator=mh.mi_binned)
    with pytest.raises(TypeError, match="integers"):
        restricted_permutation_test(x, y, idx.astype(float), estimator=mh.mi_binned)


def test_shuffle_test_is_too_liberal_for_autocorrelated_series_and_shifts_are_not():
    n, pairs = 200, 120
    xs = ar1_series(n, 0.9, seed=10, n_series=pairs)
    ys = ar1_series(n, 0.9, seed=11, n_series=pairs)  # independent of xs: the null is true
    rng = np.random.default_rng(12)
    p_shuffle, p_shift = [], []
    for x, y in zip(xs, ys):
        p_shuffle.append(permutation_test(x, y, estimator=mh.mi_binned, bins=5, n_permutations=99, seed=rng).p_value)
        idx = circular_shift_indices(n, 99, min_shift=20, seed=rng)
        p_shift.append(restricted_permutation_test(x, y, idx, estimator=mh.mi_binned, bins=5).p_value)
    level_shuffle = np.mean(np.array(p_shuffle) <= 0.05)
    level_shift = np.mean(np.array(p_shift) <= 0.05)
    sd = math.sqrt(0.05 * 0.95 / pairs)
    assert level_shuffle > 0.3  # far above the nominal 5%
    assert abs(level_shift - 0.05) < 3 * sd


# -- bias-corrected bootstrap ------------------------------------------------------


def test_bias_corrected_bootstrap_is_the_reflected_bootstrap():
    x, y = mh.correlated_gaussian(200, 0.5, seed=4)
    bc = bias_corrected_bootstrap(x, y, estimator=mh.mi_binned, bins=6, n_boot=80, seed=5)
    plain = bootstrap_ci(x, y, estimator=mh.mi_binned, bins=6, n_boot=80, seed=5)
    np.testing.assert_allclose(bc.replicates, plain.replicates)
    assert bc.raw_estimate == pytest.approx(mh.mi_binned(x, y, bins=6))
    assert bc.bias == pytest.approx(plain.replicates.mean() - bc.raw_estimate)
    assert bc.estimate == pytest.approx(2 * bc.raw_estimate - plain.replicates.mean())
    q = np.quantile(plain.replicates, [0.025, 0.975])
    assert (bc.low, bc.high) == pytest.approx((2 * bc.raw_estimate - q[1], 2 * bc.raw_estimate - q[0]))


def test_bias_corrected_bootstrap_removes_most_of_the_plugin_bias_and_covers():
    # A 5 x 5 table with known MI; 150 samples give a plug-in bias of about 16/300 nats.
    rng = np.random.default_rng(6)
    p = rng.dirichlet(np.ones(25)).reshape(5, 5) + 0.02 * np.eye(5)
    p /= p.sum()
    truth = mh.mi_from_joint(p)
    raw, corrected, covered, pct_covered = [], [], 0, 0
    for s in range(40):
        cells = rng.choice(25, size=150, p=p.ravel())
        x, y = cells // 5, cells % 5
        res = bias_corrected_bootstrap(x, y, estimator=mh.mi_discrete, n_boot=100, seed=s)
        raw.append(res.raw_estimate)
        corrected.append(res.estimate)
        covered += res.low <= truth <= res.high
        q = np.quantile(res.replicates, [0.025, 0.975])
        pct_covered += q[0] <= truth <= q[1]
    bias_raw, bias_bc = np.mean(raw) - truth, np.mean(corrected) - truth
    assert bias_raw > 0.03
    assert abs(bias_bc) < 0.4 * bias_raw
    assert covered >= 34 and covered > pct_covered  # 40 x 0.95 = 38 expected; the percentile interval covers less


def test_bias_corrected_bootstrap_leaves_a_nearly_unbiased_estimator_alone():
    x, y = mh.correlated_gaussian(500, 0.6, seed=7)
    res = bias_corrected_bootstrap(x, y, estimator=mh.mi_gaussian, n_boot=100, seed=8)
    assert abs(res.estimate - res.raw_estimate) < 0.01
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(mh.TiesWarning):
            bias_corrected_bootstrap(x, y, estimator=mh.mi_ksg, n_boot=10, seed=0)


# -- InfoNCE -----------------------------------------------------------------------------


def test_infonce_closed_forms():
    assert infonce_bound(np.zeros((6, 6))) == pytest.approx(0.0, abs=1e-12)
    for c in (0.5, 3.0, 40.0):
        k = 7
        expected = c + math.log(k) - math.log(math.exp(c) + k - 1)
        assert infonce_bound(c * np.eye(k)) == pytest.approx(expected, rel=1e-12)
    assert infonce_bound(1e4 * np.eye(5)) == pytest.approx(math.log(5))
    batches = np.stack([np.zeros((4, 4)), 40.0 * np.eye(4)])
    assert infonce_bound(batches) == pytest.approx(0.5 * (0 + 40.0 + math.log(4) - math.log(math.exp(40.0) + 3)))
    assert infonce_bound(3.0 * np.eye(7), base=2) == pytest.approx(infonce_bound(3.0 * np.eye(7)) / math.log(2))


def test_infonce_never_exceeds_ln_k_and_approaches_a_small_true_mi():
    rng = np.random.default_rng(9)
    for k in (2, 16, 64):
        assert infonce_bound(rng.normal(scale=20.0, size=(5, k, k))) <= math.log(k) + 1e-12
    rho = 0.5
    truth = mh.gaussian_mi(rho)
    x, y = mh.correlated_gaussian(16 * 512, rho, seed=10)
    x, y = x.reshape(16, 512), y.reshape(16, 512)
    s2 = 1 - rho**2  # the optimal critic log p(y|x) - log p(y)
    scores = -0.5 * math.log(s2) - (y[:, None, :] - rho * x[:, :, None]) ** 2 / (2 * s2) + y[:, None, :] ** 2 / 2
    value = infonce_bound(scores)
    assert truth - 0.02 < value < truth + 0.01


def test_infonce_rejects_bad_scores():
    with pytest.raises(ValueError, match="shape"):
        infonce_bound(np.zeros((3, 4)))
    with pytest.raises(ValueError, match="NaN"):
        infonce_bound(np.array([[0.0, np.nan], [0.0, 0.0]]))
