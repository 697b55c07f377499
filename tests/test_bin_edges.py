"""bin_edges: the edges discretize and mi_binned really use, guards included."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mi_helpers as mh

rng = np.random.default_rng(7)
SAMPLES = {
    "gaussian": rng.standard_normal(1000),
    "heavy tail (capped fd)": rng.standard_cauchy(500),
    "one outlier": np.r_[rng.standard_normal(999), 1e7],
    "zero inflated": np.where(rng.random(800) < 0.8, 0.0, rng.exponential(size=800)),
    "rounded": np.round(rng.standard_normal(600), 1),
    "tiny scale": rng.standard_normal(300) * 1e-300,
    "huge scale": rng.standard_normal(300) * 1e300,
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
@pytest.mark.parametrize("bins", ["fd", "sturges", "sqrt", 7])
@pytest.mark.parametrize("strategy", ["uniform", "quantile"])
def test_edges_reproduce_the_codes(name, bins, strategy):
    x = SAMPLES[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mh.BinsWarning)
        edges = mh.bin_edges(x, bins, strategy=strategy)
        codes = mh.discretize(x, bins, strategy=strategy)
    assert np.all(np.diff(edges) > 0)
    assert edges[0] == x.min() and edges[-1] == x.max()
    np.testing.assert_array_equal(np.searchsorted(edges[1:-1], x, side="right"), codes)
    assert codes.max() < len(edges) - 1 <= max(len(x), 1)


def test_edges_match_numpy_where_no_guard_acts_and_the_ceiling_where_one_does():
    x = SAMPLES["gaussian"]
    np.testing.assert_array_equal(mh.bin_edges(x, "fd"), np.histogram_bin_edges(x, "fd"))
    with pytest.warns(mh.BinsWarning, match="ceil"):
        capped = mh.bin_edges(SAMPLES["one outlier"], "fd")
    assert len(capped) - 1 == int(np.ceil(2 * np.sqrt(1000)))
    q = mh.bin_edges(x, 10, strategy="quantile")
    np.testing.assert_allclose(q, np.quantile(x, np.linspace(0, 1, 11)))


def test_bad_input():
    with pytest.raises(ValueError, match="strategy"):
        mh.bin_edges([1.0, 2.0], strategy="equal")
    with pytest.raises(ValueError, match="x"):
        mh.bin_edges([1.0])
