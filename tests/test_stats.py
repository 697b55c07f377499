"""mi_helpers.stats: sampling distributions, bias/sd/rmse and the plug-in bias formula.

References: hand-computed summaries; the chi-squared law of the plug-in MI of
independent variables (2 n I ~ chi2 with (Bx-1)(By-1) degrees of freedom,
Miller 1955), checked by simulation on uniform data whose bins are all
equally likely.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest

import mi_helpers as mh
from mi_helpers.stats import BiasVariance, bias_variance, plugin_mi_bias, sampling_distribution

GAUSS_06 = functools.partial(mh.correlated_gaussian, rho=0.6)


# ------------------------------------------------------------ sampling_distribution


def test_shape_dtype_and_reproducible():
    a = sampling_distribution(mh.mi_gaussian, GAUSS_06, n=200, repeats=12, seed=3)
    b = sampling_distribution(mh.mi_gaussian, GAUSS_06, n=200, repeats=12, seed=3)
    assert a.shape == (12,) and a.dtype == np.float64
    np.testing.assert_array_equal(a, b)
    c = sampling_distribution(mh.mi_gaussian, GAUSS_06, n=200, repeats=12, seed=4)
    assert not np.array_equal(a, c)


def test_generator_seed_matches_int_seed_and_advances():
    by_int = sampling_distribution(mh.mi_gaussian, GAUSS_06, n=100, repeats=4, seed=3)
    g = np.random.default_rng(3)
    first = sampling_distribution(mh.mi_gaussian, GAUSS_06, n=100, repeats=4, seed=g)
    second = sampling_distribution(mh.mi_gaussian, GAUSS_06, n=100, repeats=4, seed=g)
    np.testing.assert_array_equal(by_int, first)
    assert not np.intersect1d(first, second).size  # new samples, not the same ones again


def test_more_repeats_only_append():
    short = sampling_distribution(mh.mi_gaussian, GAUSS_06, n=100, repeats=5, seed=7)
    long = sampling_distribution(mh.mi_gaussian, GAUSS_06, n=100, repeats=20, seed=7)
    np.testing.assert_array_equal(short, long[:5])


def test_repeats_draw_independent_samples():
    drawn = []

    def recording_sampler(n, *, seed):
        x, y = mh.correlated_gaussian(n, 0.0, seed=seed)
        drawn.append(x)
        return x, y

    def first_value(x, y):
        return float(x[0])

    firsts = sampling_distribution(first_value, recording_sampler, n=300, repeats=40, seed=11)
    xs = np.array(drawn)
    assert xs.shape == (40, 300)
    # No two repeats share a sample, and their pairwise correlations look like
    # those of independent series: |r| around 1/sqrt(300) = 0.058, none near 1.
    r = np.corrcoef(xs)
    off = np.abs(r[~np.eye(40, dtype=bool)])
    assert off.max() < 0.3 and off.mean() < 0.1
    np.testing.assert_array_equal(firsts, xs[:, 0])
    # The first values across repeats behave like independent N(0, 1) draws.
    assert abs(firsts.mean()) < 4 / math.sqrt(40) and 0.5 < firsts.std() < 1.6


def test_estimator_kwargs_are_passed_and_extra_sampler_outputs_ignored():
    noisy = functools.partial(mh.noisy_gaussian_pair, rho=0.6, noise=0.5)  # returns (x, y, rho)
    a = sampling_distribution(mh.mi_binned, noisy, n=300, repeats=3, seed=0, bins=4)
    b = sampling_distribution(mh.mi_binned, noisy, n=300, repeats=3, seed=0, bins=30)
    assert a.shape == b.shape == (3,)
    assert (b > a).all()  # more bins, more upward bias at n = 300
    base2 = sampling_distribution(mh.mi_binned, noisy, n=300, repeats=3, seed=0, bins=4, base=2)
    np.testing.assert_allclose(base2, a / math.log(2), rtol=1e-12)


def test_gaussian_estimator_is_nearly_unbiased_on_gaussian_data():
    est = sampling_distribution(mh.mi_gaussian, GAUSS_06, n=1000, repeats=60, seed=1)
    s = bias_variance(est, mh.gaussian_mi(0.6))
    # Known: sd about sqrt(rho^2 / n) = 0.019 nats for -0.5 ln(1 - r^2) near rho = 0.6.
    assert abs(s.bias) < 4 * s.sd / math.sqrt(60) + 0.003
    assert 0.01 < s.sd < 0.03


def test_plugin_bias_formula_matches_simulation_of_independent_uniform_data():
    # X, Y independent U(0, 1) cut in 4 x 4 equal-width bins: every cell has
    # probability 1/16, the setting of the chi-squared approximation.
    def uniform_pair(n, *, seed):
        rng = mh.make_rng(seed)
        return rng.random(n), rng.random(n)

    n, repeats = 2000, 400
    est = sampling_distribution(mh.mi_binned, uniform_pair, n=n, repeats=repeats, seed=5, bins=4)
    formula = plugin_mi_bias(4, 4, n)
    assert formula == pytest.approx(9 / 4000)
    # Monte Carlo error of the mean: sqrt(2 * 9) / (2 n) / sqrt(400) = 2.4% of the formula.
    assert est.mean() == pytest.approx(formula, rel=0.12)
    # chi-squared with 9 degrees of freedom has variance 18.
    assert np.var(2 * n * est) == pytest.approx(18, rel=0.3)


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        (dict(estimator="ksg"), TypeError, "estimator"),
        (dict(sampler=3), TypeError, "sampler"),
        (dict(n=1), ValueError, "n must be at least 2"),
        (dict(n=10.0), TypeError, "n must be an integer"),
        (dict(repeats=0), ValueError, "repeats"),
        (dict(seed=None), ValueError, "seed"),
        (dict(seed=1.5), TypeError, "seed"),
    ],
)
def test_sampling_distribution_rejects_bad_input(kwargs, exc, match):
    args = dict(estimator=mh.mi_gaussian, sampler=GAUSS_06, n=50, repeats=2, seed=0)
    args.update(kwargs)
    estimator, sampler = args.pop("estimator"), args.pop("sampler")
    with pytest.raises(exc, match=match):
        sampling_distribution(estimator, sampler, **args)


def test_sampling_distribution_rejects_bad_sampler_and_estimator_outputs():
    with pytest.raises(TypeError, match="sampler must return"):
        sampling_distribution(mh.mi_gaussian, lambda n, seed: np.zeros(n), n=10, repeats=2, seed=0)
    with pytest.raises(TypeError, match="real number"):
        sampling_distribution(lambda x, y: "0.3", GAUSS_06, n=10, repeats=2, seed=0)


# ------------------------------------------------------------ bias_variance


def test_bias_variance_by_hand():
    s = bias_variance([1.0, 2.0, 3.0], 1.0)
    assert isinstance(s, BiasVariance)
    assert s.bias == pytest.approx(1.0)
    assert s.sd == pytest.approx(math.sqrt(2 / 3))
    assert s.rmse == pytest.approx(math.sqrt(5 / 3))
    bias, sd, rmse = bias_variance(np.array([0.2, 0.2]), 0.5)
    assert (bias, sd, rmse) == pytest.approx((-0.3, 0.0, 0.3))


def test_rmse_squared_is_bias_squared_plus_variance():
    est = np.random.default_rng(0).normal(0.4, 0.1, 57)
    s = bias_variance(est, 0.35)
    assert s.rmse**2 == pytest.approx(s.bias**2 + s.sd**2, rel=1e-12)


@pytest.mark.parametrize(
    "estimates, truth, exc",
    [
        ([], 0.0, ValueError),
        ([[0.1, 0.2]], 0.0, ValueError),
        ([0.1, float("nan")], 0.0, ValueError),
        ([0.1, 0.2], float("inf"), ValueError),
        ([0.1, 0.2], "0.3", ValueError),
        (["a", "b"], 0.0, TypeError),
    ],
)
def test_bias_variance_rejects_bad_input(estimates, truth, exc):
    with pytest.raises(exc):
        bias_variance(estimates, truth)


# ------------------------------------------------------------ plugin_mi_bias


def test_plugin_bias_formula_values_and_units():
    assert plugin_mi_bias(10, 10, 1000) == pytest.approx(81 / 2000)
    assert plugin_mi_bias(10, 10, 1000, base=2) == pytest.approx(81 / 2000 / math.log(2))
    assert plugin_mi_bias(1, 7, 50) == 0.0
    with pytest.raises(ValueError, match="bins_x"):
        plugin_mi_bias(0, 3, 10)
    with pytest.raises(TypeError, match="n must be an integer"):
        plugin_mi_bias(3, 3, 10.5)
    with pytest.raises(ValueError, match="base"):
        plugin_mi_bias(3, 3, 10, base=1)
