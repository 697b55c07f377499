"""mi_helpers.stats: the occupied-cell bias form, occupied_cells and gaussian_binned_mi.

References: Sheppard's closed form P(X > 0, Y > 0) = 1/4 + arcsin(rho)/(2 pi);
the cell probabilities by one-dimensional quadrature with SciPy (an independent
route to the bivariate normal CDF); the exact MI of a discrete table with
structural zeros; the Miller-Madow correction of ``mi_binned``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate
from scipy.stats import norm

import mi_helpers as mh
from mi_helpers.stats import occupied_cells, plugin_mi_bias
from mi_helpers.synthetic import gaussian_binned_mi

# ------------------------------------------------------------ plugin_mi_bias(cells=...)


def test_all_cells_is_the_product_form():
    assert plugin_mi_bias(7, 4, 300, cells=28) == pytest.approx(6 * 3 / 600)
    assert plugin_mi_bias(7, 4, 300, cells=28) == plugin_mi_bias(7, 4, 300)
    assert plugin_mi_bias(10, 10, 1000, cells=57) == pytest.approx((57 - 10 - 10 + 1) / 2000)
    assert plugin_mi_bias(10, 10, 1000, cells=57, base=2) == pytest.approx(38 / 2000 / math.log(2))


@pytest.mark.parametrize("cells, match", [(3, "cells must lie"), (41, "cells must lie"), (0, "at least 1")])
def test_cells_out_of_range(cells, match):
    with pytest.raises(ValueError, match=match):
        plugin_mi_bias(5, 8, 100, cells=cells)
    with pytest.raises(TypeError, match="cells"):
        plugin_mi_bias(5, 8, 100, cells=12.0)


def test_miller_madow_subtracts_the_occupied_cell_form():
    x, y = mh.correlated_gaussian(500, 0.8, seed=3)
    cx, cy = mh.discretize(x, 12), mh.discretize(y, 12)
    kx, ky, kxy = occupied_cells(cx, cy)
    assert kxy < kx * ky  # a correlated pair leaves corner cells empty
    plain = mh.mi_binned(x, y, bins=12)
    corrected = mh.mi_binned(x, y, bins=12, correction="miller-madow")
    assert plain - corrected == pytest.approx(plugin_mi_bias(kx, ky, 500, cells=kxy), abs=1e-12)


def test_occupied_cell_form_predicts_the_bias_with_structural_zeros():
    # A banded 6 x 6 table: 16 cells carry probability, 20 are exactly zero. The bias of the
    # plug-in at n = 300 (mean over 1000 samples) against the exact MI follows
    # (16 - 6 - 6 + 1) / (2n), not (6 - 1)(6 - 1) / (2n), which is five times larger.
    p = np.zeros((6, 6))
    for i in range(6):
        for j in range(max(0, i - 1), min(6, i + 2)):
            p[i, j] = 1.0 + (i + j) % 3
    p /= p.sum()
    assert np.count_nonzero(p) == 16
    truth = mh.mi_from_joint(p)
    rng = np.random.default_rng(11)
    n, repeats = 300, 1000
    cells = rng.choice(36, size=(repeats, n), p=p.ravel())
    est = np.array([mh.mi_discrete(c // 6, c % 6) for c in cells])
    bias = est.mean() - truth
    se = est.std() / math.sqrt(repeats)
    assert bias == pytest.approx(plugin_mi_bias(6, 6, n, cells=16), abs=3 * se + 2e-4)
    assert abs(bias - plugin_mi_bias(6, 6, n)) > 10 * se


# ------------------------------------------------------------ occupied_cells


def test_occupied_cells_by_hand():
    assert occupied_cells([0, 0, 1, 2], [1, 1, 0, 0]) == (3, 2, 3)
    assert occupied_cells(["a", "b", "a", "b"], ["u", "v", "v", "u"]) == (2, 2, 4)
    assert occupied_cells(np.zeros(5), np.arange(5)) == (1, 5, 5)


@pytest.mark.parametrize("n, mx, my", [(50, 3, 4), (1000, 20, 20), (300, 300, 300), (2000, 1500, 7)])
def test_occupied_cells_counts_distinct_pairs_for_small_and_large_tables(n, mx, my):
    # Both counting paths (a dense table, and sorting when Kx Ky is large) against a set of tuples.
    rng = np.random.default_rng(n + mx)
    x = rng.integers(0, mx, n) * 7 - 3  # labels need not start at 0 or be contiguous
    y = rng.integers(0, my, n)
    assert occupied_cells(x, y) == (len(set(x.tolist())), len(set(y.tolist())), len(set(zip(x.tolist(), y.tolist()))))


def test_occupied_cells_rejects_bad_input():
    with pytest.raises(ValueError, match="x_labels|y_labels"):
        occupied_cells([0, 1, 2], [0, 1])
    with pytest.raises(ValueError, match="x_labels"):
        occupied_cells([], [])


# ------------------------------------------------------------ gaussian_binned_mi


@pytest.mark.parametrize("rho", [-0.7, 0.0, 0.3, 0.6, 0.95])
def test_one_cut_at_zero_matches_sheppard(rho):
    q = 0.25 + math.asin(rho) / (2 * math.pi)
    table = np.array([[q, 0.5 - q], [0.5 - q, q]])
    assert gaussian_binned_mi(rho, [0.0], [0.0]) == pytest.approx(mh.mi_from_joint(table), abs=1e-12)


def _cell_probabilities_by_quadrature(rho, x_cuts, y_cuts):
    s = math.sqrt(1 - rho * rho)
    ex = [-np.inf, *x_cuts, np.inf]
    ey = [-np.inf, *y_cuts, np.inf]
    p = np.zeros((len(ex) - 1, len(ey) - 1))
    for i in range(len(ex) - 1):
        for j in range(len(ey) - 1):
            f = lambda t: norm.pdf(t) * (norm.cdf((ey[j + 1] - rho * t) / s) - norm.cdf((ey[j] - rho * t) / s))  # noqa: E731
            p[i, j] = integrate.quad(f, max(ex[i], -12), min(ex[i + 1], 12), epsabs=1e-13)[0]
    return p


def test_uneven_cuts_match_quadrature():
    rho, xc, yc = 0.6, [-1.3, -0.2, 0.4, 1.9], [-0.8, 0.1, 2.2]
    p = _cell_probabilities_by_quadrature(rho, xc, yc)
    assert p.sum() == pytest.approx(1.0, abs=1e-9)
    assert gaussian_binned_mi(rho, xc, yc) == pytest.approx(mh.mi_from_joint(p), abs=1e-8)
    assert gaussian_binned_mi(rho, xc, yc, base=2) == pytest.approx(mh.mi_from_joint(p) / math.log(2), abs=1e-8)


def test_fine_cuts_tend_to_the_truth_from_below():
    coarse = gaussian_binned_mi(0.6, np.linspace(-2, 2, 9), np.linspace(-2, 2, 9))
    fine = gaussian_binned_mi(0.6, np.linspace(-7, 7, 301), np.linspace(-7, 7, 301))
    truth = mh.gaussian_mi(0.6)
    assert coarse < fine <= truth
    assert fine == pytest.approx(truth, abs=2e-4)


def test_independent_or_single_cell_gives_zero():
    assert gaussian_binned_mi(0.0, [-1.0, 0.5], [0.2]) == pytest.approx(0.0, abs=1e-12)
    assert gaussian_binned_mi(0.8, [], [0.2, 1.0]) == 0.0


@pytest.mark.parametrize(
    "args, exc, match",
    [
        ((1.0, [0.0], [0.0]), ValueError, "rho"),
        (("0.5", [0.0], [0.0]), TypeError, "rho"),
        ((0.5, [1.0, 0.0], [0.0]), ValueError, "x_cuts must be strictly increasing"),
        ((0.5, [0.0], [[0.0]]), ValueError, "y_cuts must be 1-D"),
        ((0.5, [np.nan], [0.0]), ValueError, "x_cuts must hold finite"),
        ((0.5, ["a"], [0.0]), TypeError, "x_cuts"),
    ],
)
def test_gaussian_binned_mi_rejects_bad_input(args, exc, match):
    with pytest.raises(exc, match=match):
        gaussian_binned_mi(*args)
