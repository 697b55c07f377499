"""Helpers for rounded and serial data: the exact MI of a rounded Gaussian pair,
year swaps, AR(1) series and Markov-chain surrogates.

References: the bivariate normal CDF of SciPy (cell probabilities by
inclusion-exclusion), the closed form -0.5 ln(1 - rho^2), the calendar itself,
and the defining properties of AR(1) and Markov processes.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import multivariate_normal

import mi_helpers as mh
from mi_helpers.conditional import cmi_discrete
from mi_helpers.datasets import ar1_series, markov_surrogates, year_swap_indices
from mi_helpers.synthetic import rounded_gaussian_mi

# -- rounded_gaussian_mi ----------------------------------------------------


@pytest.mark.parametrize("rho, step", [(0.7, 1.5), (-0.4, 2.0), (0.95, 3.0)])
def test_rounded_mi_equals_the_bivariate_normal_cdf_by_inclusion_exclusion(rho, step):
    half = math.ceil(8.5 / step)
    edges = step * (np.arange(-half, half + 2) - 0.5)
    edges = np.clip(edges, -12, 12)
    gx, gy = np.meshgrid(edges, edges, indexing="ij")
    cdf = multivariate_normal(mean=[0, 0], cov=[[1, rho], [rho, 1]]).cdf(np.dstack([gx, gy]))
    cells = cdf[1:, 1:] - cdf[:-1, 1:] - cdf[1:, :-1] + cdf[:-1, :-1]
    cells = np.clip(cells, 0, None)
    assert rounded_gaussian_mi(rho, step) == pytest.approx(mh.mi_from_joint(cells), abs=2e-5)


def test_rounded_mi_tends_to_the_continuous_mi_and_never_exceeds_it():
    for rho in (0.3, 0.9):
        values = [rounded_gaussian_mi(rho, s) for s in (2.0, 1.0, 0.5, 0.1, 0.03)]
        assert all(a < b for a, b in zip(values, values[1:]))  # finer grid, more information
        assert all(v <= mh.gaussian_mi(rho) + 1e-9 for v in values)
        assert values[-1] == pytest.approx(mh.gaussian_mi(rho), abs=2e-3)
    assert rounded_gaussian_mi(0.0, 0.5) == 0.0
    assert rounded_gaussian_mi(-0.6, 0.8) == pytest.approx(rounded_gaussian_mi(0.6, 0.8), rel=1e-9)
    assert rounded_gaussian_mi(0.6, 0.8, base=2) == pytest.approx(rounded_gaussian_mi(0.6, 0.8) / math.log(2))


def test_rounded_mi_matches_the_plugin_estimate_of_rounded_samples():
    x, y = mh.correlated_gaussian(400_000, 0.8, seed=4)
    labels_x, labels_y = np.round(x / 1.2), np.round(y / 1.2)
    # Few cells and 4e5 samples: the plug-in bias is below 1e-4 nats.
    assert mh.mi_discrete(labels_x, labels_y) == pytest.approx(rounded_gaussian_mi(0.8, 1.2), abs=4e-3)


def test_rounded_mi_rejects_bad_input():
    with pytest.raises(ValueError, match="rho"):
        rounded_gaussian_mi(1.0, 0.5)
    with pytest.raises(ValueError, match="step"):
        rounded_gaussian_mi(0.5, 0.001)
    with pytest.raises(TypeError, match="step"):
        rounded_gaussian_mi(0.5, "fine")


# -- year_swap_indices --------------------------------------------------------


def test_year_swap_keeps_month_and_day_and_changes_the_year():
    dates = pd.date_range("2011-01-01", "2013-12-31", freq="D")  # 2012 is a leap year
    idx = year_swap_indices(dates, n_surrogates=5, seed=0)
    assert idx.shape == (5, len(dates))
    for row in idx:
        src, dst = dates, dates[row]
        assert np.all(src.month == dst.month)
        assert np.all(src.year != dst.year)
        feb29 = (src.month == 2) & (src.day == 29)
        assert np.all(src.day[~feb29] == dst.day[~feb29])
        assert np.all(dst.day[feb29] == 28)  # the partner years have no 29 February
    # Each month of each year is sent as a whole block to one other year.
    for row in idx[:2]:
        for (yv, m), block in pd.Series(dates[row].year, index=[dates.year, dates.month]).groupby(level=[0, 1]):
            assert block.nunique() == 1


def test_year_swap_is_seeded_and_refuses_months_of_a_single_year():
    dates = pd.date_range("2014-01-01", "2015-12-31", freq="D")
    a = year_swap_indices(dates, n_surrogates=3, seed=7)
    b = year_swap_indices(np.asarray(dates).astype(str), n_surrogates=3, seed=7)
    np.testing.assert_array_equal(a, b)
    # With two years the only derangement swaps them: every surrogate is the same.
    assert np.all(a == a[0])
    with pytest.raises(ValueError, match="month 3 occurs only in 2014"):
        year_swap_indices(pd.date_range("2014-01-01", "2015-02-28", freq="D"), n_surrogates=1, seed=0)
    with pytest.raises(ValueError, match="NaT"):
        year_swap_indices(pd.to_datetime(["2014-01-01", None, "2015-01-01"]), n_surrogates=1, seed=0)
    with pytest.raises(ValueError, match="n_surrogates"):
        year_swap_indices(dates, n_surrogates=0, seed=0)


# -- ar1_series ----------------------------------------------------------------


def test_ar1_series_has_the_stated_autocorrelation_and_unit_variance():
    x = ar1_series(200_000, 0.7, seed=1)
    assert x.shape == (200_000,)
    assert x.var() == pytest.approx(1.0, abs=0.02)
    for lag in (1, 2, 3):
        assert np.corrcoef(x[:-lag], x[lag:])[0, 1] == pytest.approx(0.7**lag, abs=0.01)
    many = ar1_series(50, -0.3, seed=2, n_series=4000)
    assert many.shape == (4000, 50)
    # Stationary from the first step: the first value is already N(0, 1).
    assert many[:, 0].var() == pytest.approx(1.0, abs=0.06)
    assert np.corrcoef(many[:, 10], many[:, 11])[0, 1] == pytest.approx(-0.3, abs=0.04)


def test_ar1_series_rejects_bad_input():
    with pytest.raises(ValueError, match="phi"):
        ar1_series(10, 1.0, seed=0)
    with pytest.raises(ValueError, match="n"):
        ar1_series(1, 0.5, seed=0)


# -- markov_surrogates -------------------------------------------------------------


def _transitions(series):
    counts = np.zeros((2, 2))
    np.add.at(counts, (series[:-1], series[1:]), 1)
    return counts / counts.sum(axis=1, keepdims=True)


def test_markov_surrogates_reproduce_the_transition_probabilities():
    rng = np.random.default_rng(3)
    truth = np.array([[0.9, 0.1], [0.3, 0.7]])
    chain = np.empty(20_000, dtype=int)
    chain[0] = 0
    u = rng.random(chain.size)
    for t in range(1, chain.size):
        chain[t] = int(u[t] < truth[chain[t - 1], 1])
    sur = markov_surrogates(chain, n_surrogates=3, seed=0)
    assert sur.shape == (3, chain.size) and np.all(sur[:, 0] == chain[0])
    for s in sur:
        np.testing.assert_allclose(_transitions(s), truth, atol=0.02)
        # First-order by construction: no memory at lag 2 given lag 1 (plug-in bias about 1/n nats).
        assert cmi_discrete(s[2:], s[:-2], s[1:-1]) < 5e-4


def test_markov_surrogates_of_a_deterministic_cycle_repeat_it_and_keep_labels():
    cycle = np.array(["dry", "wet"] * 50)
    sur = markov_surrogates(cycle, n_surrogates=2, seed=1)
    np.testing.assert_array_equal(sur[0], cycle)
    np.testing.assert_array_equal(sur[1], cycle)


def test_markov_surrogates_with_a_covariate_keep_each_seasons_transitions():
    rng = np.random.default_rng(5)
    season = np.repeat([0, 1] * 50, 200)  # alternating blocks of 200 steps
    p_wet = {0: np.array([0.05, 0.5]), 1: np.array([0.6, 0.95])}  # P(wet | previous state) per season
    chain = np.zeros(season.size, dtype=int)
    u = rng.random(season.size)
    for t in range(1, season.size):
        chain[t] = int(u[t] < p_wet[season[t]][chain[t - 1]])
    sur = markov_surrogates(chain, n_surrogates=1, seed=2, given=season)[0]
    for sv in (0, 1):
        sel = np.flatnonzero(season[1:] == sv) + 1
        for prev in (0, 1):
            rows = sel[sur[sel - 1] == prev]
            assert sur[rows].mean() == pytest.approx(p_wet[sv][prev], abs=0.03)
    with pytest.raises(ValueError, match="given"):
        markov_surrogates(chain, n_surrogates=1, seed=0, given=season[:-1])
    with pytest.raises(ValueError, match="1-D"):
        markov_surrogates(chain.reshape(2, -1), n_surrogates=1, seed=0)
