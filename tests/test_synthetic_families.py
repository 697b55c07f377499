"""Ground-truth families of notebook 04 and their exact MI.

References: numerical integration with SciPy (the uniform-noise pair), the
canonical-correlation formula I = -0.5 sum ln(1 - c_i^2) and a Monte Carlo
average of log p(x, y) / (p(x) p(y)) with scipy.stats.multivariate_normal
(Gaussian blocks), and the inverse transforms (monotone pairs). Estimator
tolerances are stated beside each check.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest
from scipy import integrate
from scipy.stats import multivariate_normal, spearmanr

import mi_helpers as mh
from mi_helpers.stats import sampling_distribution
from mi_helpers.synthetic import (
    MONOTONE_TRANSFORMS,
    gaussian_blocks,
    gaussian_blocks_mi,
    monotone_gaussian_pair,
    uniform_noise_mi,
    uniform_noise_pair,
)

# A 4-D covariance with every pair correlated (eigenvalues 0.39 ... 1.90).
COV4 = np.array([
    [1.0, 0.3, 0.5, 0.1],
    [0.3, 1.0, 0.2, 0.4],
    [0.5, 0.2, 1.0, 0.3],
    [0.1, 0.4, 0.3, 1.0],
])


# ------------------------------------------------------------ uniform + uniform noise


def _density_y(y, a):
    """Density of Y = X + N, X ~ U(0,1), N ~ U(0,a): overlap length of [0,1] and [y-a, y], over a."""
    return max(0.0, min(1.0, y) - max(0.0, y - a)) / a


@pytest.mark.parametrize("a", [0.05, 0.3, 0.5, 1.0, 1.7, 4.0])
def test_uniform_noise_mi_against_numerical_entropy(a):
    def integrand(y):
        f = _density_y(y, a)
        return -f * math.log(f) if f > 0 else 0.0

    h_y, _ = integrate.quad(integrand, 0.0, 1.0 + a, points=sorted({a, 1.0}), limit=200, epsabs=1e-12)
    # I = h(Y) - h(Y | X) and h(Y | X) = h(N) = ln a.
    assert uniform_noise_mi(a) == pytest.approx(h_y - math.log(a), abs=1e-9)


@pytest.mark.parametrize("a", [0.5, 2.0])
def test_uniform_noise_mi_against_the_definition_as_a_double_integral(a):
    # I = int_0^1 int_x^{x+a} p(x, y) ln(p(x, y) / (p(x) p(y))) dy dx with p(x, y) = 1/a on the band.
    def integrand(y, x):
        return (1.0 / a) * math.log((1.0 / a) / _density_y(y, a))

    value, _ = integrate.dblquad(integrand, 0.0, 1.0, lambda x: x, lambda x: x + a, epsabs=1e-10)
    assert uniform_noise_mi(a) == pytest.approx(value, abs=1e-7)


def test_uniform_noise_mi_is_continuous_vectorised_and_in_bits():
    assert uniform_noise_mi(1.0) == pytest.approx(0.5)
    assert uniform_noise_mi(1 - 1e-9) == pytest.approx(uniform_noise_mi(1 + 1e-9), abs=1e-8)
    widths = np.array([0.25, 1.0, 3.0])
    expected = np.array([0.125 - math.log(0.25), 0.5, 1 / 6])
    np.testing.assert_allclose(uniform_noise_mi(widths), expected, rtol=1e-12)
    assert uniform_noise_mi(3.0, base=2) == pytest.approx(1 / 6 / math.log(2))


def test_uniform_noise_pair_has_the_stated_law():
    x, y = uniform_noise_pair(50_000, 0.5, seed=2)
    noise = y - x
    assert x.min() >= 0 and x.max() < 1 and noise.min() >= 0 and noise.max() < 0.5
    assert np.mean(x) == pytest.approx(0.5, abs=0.01) and np.mean(noise) == pytest.approx(0.25, abs=0.005)
    assert abs(np.corrcoef(x, noise)[0, 1]) < 0.02  # noise independent of x
    x2, y2 = uniform_noise_pair(50_000, 0.5, seed=2)
    np.testing.assert_array_equal(y, y2)


def test_ksg_mean_near_the_uniform_noise_truth():
    # Sharp edges slow KSG's convergence (a known boundary bias, downwards):
    # tolerance 0.05 nats at N = 2000 over 10 samples.
    for a in (0.5, 2.0):
        est = sampling_distribution(mh.mi_ksg, functools.partial(uniform_noise_pair, width=a), n=2000, repeats=10, seed=0, workers=1)
        assert est.mean() == pytest.approx(uniform_noise_mi(a), abs=0.05)


def test_uniform_noise_rejects_bad_width():
    for bad in (0.0, -1.0, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="width"):
            uniform_noise_mi(bad)
    with pytest.raises(TypeError, match="width"):
        uniform_noise_mi(True)
    with pytest.raises(TypeError, match="width"):
        uniform_noise_mi("wide")
    with pytest.raises(ValueError, match="single"):
        uniform_noise_pair(10, [0.5, 1.0], seed=0)
    with pytest.raises(ValueError, match="seed"):
        uniform_noise_pair(10, 0.5, seed=None)


# ------------------------------------------------------------ Gaussian blocks


def _canonical_mi(cov, dx):
    """-0.5 sum ln(1 - c_i^2) over the canonical correlations c_i of the blocks."""
    def inv_sqrt(m):
        w, v = np.linalg.eigh(m)
        return v @ np.diag(w**-0.5) @ v.T

    c = np.linalg.svd(inv_sqrt(cov[:dx, :dx]) @ cov[:dx, dx:] @ inv_sqrt(cov[dx:, dx:]), compute_uv=False)
    return float(-0.5 * np.sum(np.log1p(-(c**2))))


@pytest.mark.parametrize("dx", [1, 2, 3])
def test_blocks_mi_equals_canonical_correlation_formula(dx):
    assert gaussian_blocks_mi(COV4, dx=dx) == pytest.approx(_canonical_mi(COV4, dx), abs=1e-12)


def test_blocks_mi_on_a_random_covariance_and_in_bits():
    a = np.random.default_rng(4).standard_normal((6, 6))
    cov = a @ a.T + 0.5 * np.eye(6)
    assert gaussian_blocks_mi(cov, dx=2) == pytest.approx(_canonical_mi(cov, 2), rel=1e-10)
    assert gaussian_blocks_mi(cov, dx=2, base=2) == pytest.approx(_canonical_mi(cov, 2) / math.log(2), rel=1e-10)


def test_blocks_mi_reduces_to_the_bivariate_closed_form_and_ignores_scale():
    cov = np.array([[4.0, 0.7 * 2 * 3], [0.7 * 2 * 3, 9.0]])  # sd 2 and 3, correlation 0.7
    assert gaussian_blocks_mi(cov, dx=1) == pytest.approx(mh.gaussian_mi(0.7), abs=1e-14)
    assert gaussian_blocks_mi(np.eye(3), dx=1) == 0.0


def test_blocks_mi_against_monte_carlo_log_density_ratio():
    x, y = gaussian_blocks(200_000, COV4, dx=2, seed=1)
    log_ratio = (
        multivariate_normal(cov=COV4).logpdf(np.hstack([x, y]))
        - multivariate_normal(cov=COV4[:2, :2]).logpdf(x)
        - multivariate_normal(cov=COV4[2:, 2:]).logpdf(y)
    )
    se = log_ratio.std() / math.sqrt(log_ratio.size)
    assert gaussian_blocks_mi(COV4, dx=2) == pytest.approx(log_ratio.mean(), abs=4 * se)


def test_blocks_samples_have_the_covariance_and_estimators_find_the_truth():
    x, y = gaussian_blocks(100_000, COV4, dx=1, seed=0)
    assert x.shape == (100_000, 1) and y.shape == (100_000, 3)
    np.testing.assert_allclose(np.cov(np.hstack([x, y]), rowvar=False), COV4, atol=0.02)
    truth = gaussian_blocks_mi(COV4, dx=2)
    sampler = functools.partial(gaussian_blocks, cov=COV4, dx=2)
    # mi_gaussian is the right model here: tolerance 0.01 nats (sd/sqrt(10) is 0.003).
    gauss = sampling_distribution(mh.mi_gaussian, sampler, n=2000, repeats=10, seed=0)
    assert gauss.mean() == pytest.approx(truth, abs=0.01)
    # KSG in 2 + 2 dimensions: tolerance 0.03 nats.
    ksg = sampling_distribution(mh.mi_ksg, sampler, n=2000, repeats=10, seed=0, workers=1)
    assert ksg.mean() == pytest.approx(truth, abs=0.03)


@pytest.mark.parametrize(
    "cov, dx, exc, match",
    [
        (np.array([[1.0, 0.5], [0.4, 1.0]]), 1, ValueError, "symmetric"),
        (np.array([[1.0, 1.0], [1.0, 1.0]]), 1, ValueError, "positive definite"),
        (np.ones((2, 3)), 1, ValueError, "square"),
        (np.array([[1.0, np.nan], [np.nan, 1.0]]), 1, ValueError, "NaN"),
        (np.eye(3), 3, ValueError, "dx"),
        (np.eye(3), 0, ValueError, "dx"),
        (np.eye(3), 1.5, TypeError, "dx"),
        ([["a", "b"], ["c", "d"]], 1, TypeError, "cov"),
    ],
)
def test_blocks_reject_bad_input(cov, dx, exc, match):
    with pytest.raises(exc, match=match):
        gaussian_blocks_mi(cov, dx=dx)
    with pytest.raises(exc, match=match):
        gaussian_blocks(10, cov, dx=dx, seed=0)


# ------------------------------------------------------------ monotone transforms


INVERSE = {"exp": np.log, "cube": np.cbrt, "tanh": np.arctanh}


@pytest.mark.parametrize("transform", sorted(MONOTONE_TRANSFORMS))
def test_monotone_pair_is_a_transformed_gaussian_pair(transform):
    u, v = mh.correlated_gaussian(500, 0.7, seed=9)
    x, y = monotone_gaussian_pair(500, 0.7, transform=transform, seed=9)
    np.testing.assert_allclose(INVERSE[transform](x), u, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(INVERSE[transform](y), v, rtol=1e-9, atol=1e-9)
    # Strictly increasing map: the ranks, hence Spearman's rho, are unchanged.
    assert spearmanr(x, y)[0] == pytest.approx(spearmanr(u, v)[0], abs=1e-12)


def test_ksg_finds_the_unchanged_mi_where_the_gaussian_fit_fails():
    truth = mh.gaussian_mi(0.6)
    sampler = functools.partial(monotone_gaussian_pair, rho=0.6, transform="exp")
    ksg = sampling_distribution(mh.mi_ksg, sampler, n=1000, repeats=20, seed=0, workers=1)
    gauss = sampling_distribution(mh.mi_gaussian, sampler, n=1000, repeats=20, seed=0)
    # KSG: within 0.03 nats (sd/sqrt(20) is about 0.006). The Gaussian fit sees
    # the lower Pearson correlation of log-normal margins, (e^rho - 1)/(e - 1) = 0.48,
    # and lands near gaussian_mi(0.48) = 0.14 nats instead of 0.22.
    assert ksg.mean() == pytest.approx(truth, abs=0.03)
    assert gauss.mean() < truth - 0.05
    assert gauss.mean() == pytest.approx(mh.gaussian_mi((math.exp(0.6) - 1) / (math.e - 1)), abs=0.03)


def test_monotone_pair_rejects_bad_transform():
    with pytest.raises(ValueError, match="transform"):
        monotone_gaussian_pair(10, 0.5, transform="log", seed=0)
    with pytest.raises(TypeError, match="transform"):
        monotone_gaussian_pair(10, 0.5, transform=np.exp, seed=0)
    with pytest.raises(ValueError, match="rho"):
        monotone_gaussian_pair(10, 1.5, seed=0)
