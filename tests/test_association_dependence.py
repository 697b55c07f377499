"""Distance correlation and HSIC (notebook 03) against independent references.

References used here, none of them the code under test:

* the sums S1 + S2 - 2 S3 of Szekely, Rizzo & Bakirov (2007), written out
  with explicit distance matrices from scipy.spatial.distance;
* the population distance correlation of a Gaussian pair from large samples;
* HSIC_b as the three sums of Gretton et al. (2005), eq. (4), with Gram
  matrices built here from scipy's cdist;
* the population HSIC of a Gaussian pair with Gaussian kernels, in closed
  form from Gaussian integrals: E exp(-w'Bw / 2) = det(I + B C)^(-1/2).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.spatial.distance import cdist, pdist

import mi_helpers as mh
from mi_helpers.association import MAX_PAIRWISE_SAMPLES, distance_correlation, gaussian_distance_correlation, hsic


def _as2d(a):
    a = np.asarray(a, dtype=float)
    return a[:, None] if a.ndim == 1 else a


def dcor_by_sums(x, y):
    """dCor_n from S1 + S2 - 2 S3 (Szekely, Rizzo & Bakirov 2007, sec. 2)."""
    a, b = cdist(_as2d(x), _as2d(x)), cdist(_as2d(y), _as2d(y))

    def v2(p, q):
        n = len(p)
        s1 = (p * q).sum() / n**2
        s2 = p.sum() / n**2 * q.sum() / n**2
        s3 = np.einsum("kl,km->", p, q) / n**3
        return s1 + s2 - 2 * s3

    return math.sqrt(v2(a, b) / math.sqrt(v2(a, a) * v2(b, b)))


def hsic_by_sums(x, y, sx, sy):
    """HSIC_b as in Gretton et al. (2005), eq. (4), with Gaussian Gram matrices."""
    k = np.exp(-cdist(_as2d(x), _as2d(x), "sqeuclidean") / (2 * sx**2))
    l = np.exp(-cdist(_as2d(y), _as2d(y), "sqeuclidean") / (2 * sy**2))
    m = len(k)
    return (k * l).sum() / m**2 + k.sum() * l.sum() / m**4 - 2 * (k.sum(axis=1) * l.sum(axis=1)).sum() / m**3


def gaussian_pair_hsic(rho, sx, sy):
    """Population HSIC of a standard Gaussian pair with Gaussian kernels of widths sx, sy."""

    def e_exp(b, c):  # E exp(-w'Bw/2) for w ~ N(0, C)
        return np.linalg.det(np.eye(len(c)) + b @ c) ** -0.5

    a = np.diag([1 / sx**2, 1 / sy**2])
    t1 = e_exp(a, 2 * np.array([[1, rho], [rho, 1]]))  # (X - X', Y - Y') ~ N(0, 2 Sigma)
    t2 = (1 + 2 / sx**2) ** -0.5 * (1 + 2 / sy**2) ** -0.5
    # w = (X, Y, X', Y''): X' and Y'' from two further independent pairs.
    c = np.eye(4)
    c[0, 1] = c[1, 0] = rho
    u1 = np.array([1, 0, -1, 0]) / sx
    u2 = np.array([0, 1, 0, -1]) / sy
    t3 = e_exp(np.outer(u1, u1) + np.outer(u2, u2), c)
    return t1 + t2 - 2 * t3


# ------------------------------------------------------------- distance correlation


@pytest.mark.parametrize("shape_x, shape_y", [((60,), (60,)), ((50, 2), (50,)), ((40, 3), (40, 2))])
def test_distance_correlation_equals_the_three_sums(shape_x, shape_y):
    rng = np.random.default_rng(7)
    x = rng.standard_normal(shape_x)
    first_x = x if x.ndim == 1 else x[:, 0]
    y = rng.standard_normal(shape_y)
    y = y + 0.5 * (first_x**2 if y.ndim == 1 else first_x[:, None] ** 2)  # a non-monotone dependence
    assert distance_correlation(x, y) == pytest.approx(dcor_by_sums(x, y), rel=1e-10)


@pytest.mark.parametrize("rho", [0.3, -0.6, 0.9])
def test_distance_correlation_of_gaussian_samples_approaches_the_population_value(rho):
    values = [distance_correlation(*mh.correlated_gaussian(3000, rho, seed=s)) for s in range(3)]
    assert np.mean(values) == pytest.approx(gaussian_distance_correlation(rho), abs=0.012)


def test_gaussian_distance_correlation_limits_and_bound():
    assert gaussian_distance_correlation(0.0) == pytest.approx(0.0, abs=1e-12)
    assert gaussian_distance_correlation(1.0) == pytest.approx(1.0, abs=1e-12)
    assert gaussian_distance_correlation(-1.0) == pytest.approx(1.0, abs=1e-12)
    rho = np.linspace(0.01, 0.99, 99)
    r = gaussian_distance_correlation(rho)
    assert np.all(r < rho) and np.all(np.diff(r) > 0)
    assert gaussian_distance_correlation(-rho) == pytest.approx(r)
    with pytest.raises(ValueError, match="rho"):
        gaussian_distance_correlation(1.5)


def test_distance_correlation_exact_cases():
    rng = np.random.default_rng(3)
    x = rng.standard_normal(200)
    assert distance_correlation(x, -3.0 * x + 2.0) == pytest.approx(1.0, abs=1e-12)
    # Invariant to shifting and scaling either variable, and to rotating a vector one.
    z = rng.standard_normal((200, 2))
    y = z[:, 0] * z[:, 1] + 0.3 * rng.standard_normal(200)
    theta = 0.7
    rot = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]])
    ref = distance_correlation(z, y)
    assert distance_correlation(z @ rot.T * 5.0 + 1.0, 0.1 * y - 4.0) == pytest.approx(ref, rel=1e-10)
    # A constant sample has no distance variance: dCor is defined as 0.
    assert distance_correlation(x, np.ones(200)) == 0.0
    # Independent samples: small, and shrinking with n.
    small = [distance_correlation(rng.standard_normal(n), rng.standard_normal(n)) for n in (100, 1600)]
    assert small[1] < small[0] < 0.25 and small[1] < 0.07


def test_distance_correlation_is_not_invariant_under_monotone_maps():
    x, y = mh.correlated_gaussian(1500, 0.8, seed=1)
    assert distance_correlation(x, np.exp(2 * y)) < distance_correlation(x, y) - 0.1


def test_distance_correlation_rejects_bad_input():
    with pytest.raises(ValueError, match="same number of samples"):
        distance_correlation(np.arange(5.0), np.arange(6.0))
    with pytest.raises(ValueError, match="NaN"):
        distance_correlation([1.0, np.nan, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="x"):
        distance_correlation(["a", "b"], [1.0, 2.0])
    with pytest.raises(ValueError, match="at most"):
        distance_correlation(np.zeros(MAX_PAIRWISE_SAMPLES + 1), np.zeros(MAX_PAIRWISE_SAMPLES + 1))


# ------------------------------------------------------------------------- HSIC


@pytest.mark.parametrize("sx, sy", [(1.0, 1.0), (0.4, 2.5)])
def test_hsic_equals_gretton_sums(sx, sy):
    rng = np.random.default_rng(11)
    x = rng.standard_normal((80, 2))
    y = np.sin(2 * x[:, 0]) + 0.3 * rng.standard_normal(80)
    assert hsic(x, y, bandwidth=(sx, sy)) == pytest.approx(hsic_by_sums(x, y, sx, sy), rel=1e-9)


def test_hsic_median_bandwidth_is_the_median_pairwise_distance():
    rng = np.random.default_rng(5)
    x, y = rng.standard_normal(70), rng.standard_normal(70)
    y = x + y
    sx, sy = np.median(pdist(x[:, None])), np.median(pdist(y[:, None]))
    assert hsic(x, y) == pytest.approx(hsic_by_sums(x, y, sx, sy), rel=1e-9)


@pytest.mark.parametrize("rho, sx, sy", [(0.8, 1.0, 1.0), (0.5, 0.7, 1.5), (0.0, 1.0, 1.0)])
def test_hsic_of_gaussian_samples_approaches_the_population_value(rho, sx, sy):
    truth = gaussian_pair_hsic(rho, sx, sy)
    values = [hsic(*mh.correlated_gaussian(2000, rho, seed=s), bandwidth=(sx, sy)) for s in range(3)]
    # HSIC_b is biased upwards by O(1/n), about 1e-4 at n = 2000; the truths are 0 to 0.036.
    assert np.mean(values) == pytest.approx(truth, abs=4e-4 + 0.02 * truth)


def test_hsic_normalised_limits_and_scale_invariance():
    rng = np.random.default_rng(2)
    x = rng.standard_normal(300)
    assert hsic(x, x, normalize=True) == pytest.approx(1.0, abs=1e-12)
    y = np.cos(3 * x) + 0.2 * rng.standard_normal(300)
    v = hsic(x, y, normalize=True)
    assert 0.05 < v < 1.0
    # The median heuristic rescales with the data, so the value does not depend on units.
    assert hsic(10 * x + 1, 0.01 * y, normalize=True) == pytest.approx(v, rel=1e-9)
    assert hsic(x, np.ones(300)) == 0.0


def test_hsic_rejects_bad_input():
    x = np.arange(10.0)
    with pytest.raises(ValueError, match="bandwidth"):
        hsic(x, x, bandwidth="scott")
    with pytest.raises(ValueError, match="bandwidth"):
        hsic(x, x, bandwidth=-1.0)
    with pytest.raises(TypeError, match="bandwidth"):
        hsic(x, x, bandwidth=True)
    with pytest.raises(ValueError, match="two entries"):
        hsic(x, x, bandwidth=(1.0, 2.0, 3.0))
    with pytest.raises(TypeError, match="normalize"):
        hsic(x, x, normalize="yes")
    with pytest.raises(ValueError, match="same number of samples"):
        hsic(x, x[:5])
