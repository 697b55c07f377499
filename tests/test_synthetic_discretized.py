"""The discretised bivariate Gaussian of notebook 01 against independent references.

Cells are compared with scipy.stats.multivariate_normal.cdf (rectangle
probabilities by inclusion-exclusion), marginals with the normal CDF, and the
MI of ever finer grids with the closed form -0.5 ln(1 - rho^2) (Cover &
Thomas 2006, sec. 8.3 and 8.5).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import multivariate_normal, norm

import mi_helpers as mh
from mi_helpers.synthetic import discretized_gaussian_table


def rectangle(rho, x0, x1, y0, y1):
    mvn = multivariate_normal(mean=[0, 0], cov=[[1, rho], [rho, 1]])
    return mvn.cdf([x1, y1]) - mvn.cdf([x0, y1]) - mvn.cdf([x1, y0]) + mvn.cdf([x0, y0])


@pytest.mark.parametrize("rho, width", [(0.8, 0.5), (-0.3, 1.0), (0.95, 0.25)])
def test_cells_match_scipy_rectangles(rho, width):
    table = discretized_gaussian_table(rho, width)
    half = table.shape[0] // 2  # bin `half` is [0, w)
    for i, j in [(half, half), (half - 1, half + 1), (half + 2, half + 1), (half - 3, half - 2)]:
        x0, x1 = (i - half) * width, (i - half + 1) * width
        y0, y1 = (j - half) * width, (j - half + 1) * width
        assert table[i, j] == pytest.approx(rectangle(rho, x0, x1, y0, y1), abs=2e-6)


def test_marginals_are_normal_bin_masses_and_table_sums_to_one():
    width = 0.5
    table = discretized_gaussian_table(0.6, width)  # bins over +-8 sd, the outer two open-ended
    assert table.shape == (32, 32) and table.sum() == pytest.approx(1.0, abs=1e-14)
    edges = width * np.arange(-16, 17.0)
    edges[0], edges[-1] = -np.inf, np.inf
    expected = np.diff(norm.cdf(edges))
    assert table.sum(axis=0) == pytest.approx(expected, abs=1e-12)
    assert table.sum(axis=1) == pytest.approx(expected, abs=1e-12)
    # A narrower range drops the x-mass beyond it (6e-5 beyond 4 sd) and renormalises.
    assert discretized_gaussian_table(0.6, width, limit=4.0).shape == (16, 16)


def test_independent_pair_gives_a_product_table_and_zero_mi():
    table = discretized_gaussian_table(0.0, 0.4)
    assert np.allclose(table, np.outer(table.sum(axis=1), table.sum(axis=0)), atol=1e-15)
    assert mh.mi_from_joint(table) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("rho", [0.5, 0.8, -0.95])
def test_binned_mi_grows_towards_the_closed_form(rho):
    truth = mh.gaussian_mi(rho)
    widths = [2.0, 1.0, 0.5, 0.25, 0.125, 0.0625]
    mi = np.array([mh.mi_from_joint(discretized_gaussian_table(rho, w)) for w in widths])
    assert np.all(mi < truth)  # binning is processing: it can only lose information
    assert np.all(np.diff(mi) > 0)  # nested grids: finer never loses
    gaps = truth - mi
    assert gaps[-1] < 0.01 * truth
    # Second-order convergence: halving the width cuts the gap by about 4.
    assert gaps[-2] / gaps[-1] == pytest.approx(4.0, rel=0.15)


def test_entropy_of_the_binned_variable_is_h_minus_log_width():
    h = 0.5 * math.log(2 * math.pi * math.e)  # differential entropy of N(0, 1)
    for w in (0.25, 0.1, 0.05):
        px = discretized_gaussian_table(0.7, w).sum(axis=1)
        assert mh.entropy_from_probs(px) == pytest.approx(h - math.log(w), abs=w * w)


def test_discretized_gaussian_table_rejects_bad_input():
    with pytest.raises(ValueError, match="strictly inside"):
        discretized_gaussian_table(1.0, 0.5)
    with pytest.raises(ValueError, match="rho"):
        discretized_gaussian_table(1.5, 0.5)
    with pytest.raises(ValueError, match="width"):
        discretized_gaussian_table(0.5, 0.0)
    with pytest.raises(TypeError, match="width"):
        discretized_gaussian_table(0.5, "fine")
    with pytest.raises(ValueError, match="bins per axis"):
        discretized_gaussian_table(0.5, 1e-4)


def test_gaussian_cell_table_against_scipy_rectangles_for_uneven_cuts():
    # Independent reference: SciPy's bivariate normal CDF, differenced over each rectangle.
    rho, xc, yc = -0.7, np.array([-1.3, 0.2, 0.25, 2.0]), np.array([-0.5, 1.1])
    table = mh.gaussian_cell_table(rho, xc, yc)
    ex, ey = np.r_[-np.inf, xc, np.inf], np.r_[-np.inf, yc, np.inf]
    gx, gy = np.meshgrid(ex, ey, indexing="ij")
    mvn = multivariate_normal(mean=[0, 0], cov=[[1, rho], [rho, 1]])
    cdf = mvn.cdf(np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
    np.testing.assert_allclose(table, np.diff(np.diff(cdf, axis=0), axis=1), atol=1e-7)
    # Near-deterministic pairs need fine panels; the marginal of X stays exact.
    t = mh.gaussian_cell_table(0.999, xc, yc)
    np.testing.assert_allclose(t.sum(axis=1), np.diff(norm.cdf(ex)), atol=1e-10)
    with pytest.raises(ValueError, match="x_cuts"):
        mh.gaussian_cell_table(0.5, [1.0, 0.0], [0.0])
