"""Tests of the notebook 02 panels and their compute functions.

Truths are checked against closed forms computed here from the chain's
correlations (-0.5 ln(1 - r^2)), and estimates against independent calls.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from mi_helpers.estimators import gaussian_mi, mi_binned, mi_ksg
from mi_helpers.widgets._panel import LivePanel
from mi_helpers import discretize
from mi_helpers.widgets.properties import (
    BIN_KINDS,
    PANELS,
    TRANSFORMS,
    bin_edges,
    chain_estimates,
    dpi_panel,
    invariance_estimates,
    invariance_panel,
)


def chain_truth(s1, s2):
    """Closed forms from the correlations of X, Y = X + s1 e1, Z = Y + s2 e2."""
    r_xy = 1 / math.sqrt(1 + s1**2)
    r_yz = math.sqrt((1 + s1**2) / (1 + s1**2 + s2**2))
    r_xz = 1 / math.sqrt(1 + s1**2 + s2**2)
    return {"I(X;Y)": -0.5 * math.log(1 - r_xy**2), "I(Y;Z)": -0.5 * math.log(1 - r_yz**2), "I(X;Z)": -0.5 * math.log(1 - r_xz**2)}


@pytest.mark.parametrize("s1, s2", [(0.3, 2.0), (1.7, 0.2), (2.5, 2.5)])
def test_chain_truth_matches_correlation_formulas(s1, s2):
    e = chain_estimates(s1, s2, 300, seed=4)
    expected = chain_truth(s1, s2)
    for name, value in expected.items():
        assert e["truth"][name] == pytest.approx(value, rel=1e-10)
    assert e["holds_truth"]
    assert e["bound_truth"] == pytest.approx(min(expected["I(X;Y)"], expected["I(Y;Z)"]), rel=1e-10)


def test_chain_estimates_are_ksg_of_the_sample_and_near_truth():
    e = chain_estimates(0.4, 0.9, 3000, k=5, seed=2)
    assert e["ksg"]["I(X;Z)"] == pytest.approx(mi_ksg(e["x"], e["z"], k=5), abs=1e-12)
    assert e["ksg"]["I(Y;Z)"] == pytest.approx(mi_ksg(e["y"], e["z"], k=5), abs=1e-12)
    for name, value in chain_truth(0.4, 0.9).items():
        assert e["ksg"][name] == pytest.approx(value, abs=0.06)
    assert e["holds_ksg"] == (e["ksg"]["I(X;Z)"] <= min(e["ksg"]["I(X;Y)"], e["ksg"]["I(Y;Z)"]))


def test_chain_estimates_rejects_bad_noise():
    with pytest.raises(ValueError, match="noise1"):
        chain_estimates(-0.1, 1.0, 100)


@pytest.mark.parametrize("transform", list(TRANSFORMS))
def test_invariance_estimates(transform):
    e = invariance_estimates(transform, 7, rho=0.6, n=1500, seed=3)
    assert e["truth"] == pytest.approx(gaussian_mi(0.6), rel=1e-12)
    assert e["binned"] == pytest.approx(mi_binned(e["u"], e["v"], bins=7), abs=1e-12)
    assert e["ksg"] == pytest.approx(mi_ksg(e["u"], e["v"]), abs=1e-12)
    # KSG stays near the truth after any of these maps.
    assert e["ksg"] == pytest.approx(e["truth"], abs=0.08)
    f, g = TRANSFORMS[transform]
    assert np.all(np.diff(f(np.linspace(-3, 3, 50))) > 0) and np.all(np.diff(g(np.linspace(-3, 3, 50))) > 0)


def test_fixed_width_bins_are_not_invariant_but_ksg_nearly_is():
    raw = invariance_estimates("none", 10, n=2000, seed=0)
    skewed = invariance_estimates("x -> exp(x), y -> y^3", 10, n=2000, seed=0)
    assert raw["binned"] - skewed["binned"] > 0.2
    assert abs(raw["ksg"] - skewed["ksg"]) < 0.08


def test_invariance_cache_is_reused_and_bad_transform_rejected():
    cache = {}
    a = invariance_estimates("x -> x^3", 5, n=500, cache=cache)
    b = invariance_estimates("x -> x^3", 20, n=500, cache=cache)
    assert a["ksg"] == b["ksg"] and a["binned"] != b["binned"]
    assert len(cache) == 1
    with pytest.raises(ValueError, match="transform"):
        invariance_estimates("log", 5)


def test_dpi_panel_updates_with_nondefault_values():
    panel = dpi_panel()
    assert isinstance(panel, LivePanel)
    text = panel.set(noise1=2.0, noise2=0.3, n=600)
    truth = chain_truth(2.0, 0.3)
    assert f"I(X;Z) = {truth['I(X;Z)']:.3f}" in text
    assert f"I(X;Y) = {truth['I(X;Y)']:.3f}" in text
    ax = panel.fig.axes[0]
    heights = [p.get_height() for p in ax.patches]
    assert heights[:3] == pytest.approx([truth["I(X;Y)"], truth["I(Y;Z)"], truth["I(X;Z)"]], rel=1e-9)
    assert "N = 600" in text


def test_invariance_panel_updates():
    panel = invariance_panel()
    text = panel.set(transform="x -> exp(x)", bins=25)
    assert "25 equal width bins" in text
    assert f"{gaussian_mi(0.8):.3f}" in text
    text = panel.set(kind="equal frequency", bins=12)
    e = invariance_estimates("x -> exp(x)", 12, strategy="quantile")
    assert f"(12 equal frequency bins): {e['binned_raw']:.3f} -> {e['binned']:.3f} nats" in text


@pytest.mark.parametrize("transform", list(TRANSFORMS))
@pytest.mark.parametrize("bins", [3, 10, 27])
def test_equal_frequency_bins_are_exactly_invariant(transform, bins):
    e = invariance_estimates(transform, bins, strategy="quantile", rho=0.7, n=1200, seed=5)
    assert e["binned"] == e["binned_raw"]
    assert e["binned"] == pytest.approx(mi_binned(e["u"], e["v"], bins=bins, strategy="quantile"), abs=1e-15)


def test_bin_edges_are_the_edges_mi_binned_uses():
    rng = np.random.default_rng(4)
    v = np.exp(rng.standard_normal(997))
    for strategy in BIN_KINDS.values():
        edges = bin_edges(v, 9, strategy)
        assert edges[0] == v.min() and edges[-1] == v.max() and np.all(np.diff(edges) > 0)
        # The bin of each value, found by comparison with the edges, is the code discretize gives it.
        found = np.clip(np.searchsorted(edges, v, side="right") - 1, 0, len(edges) - 2)
        assert np.array_equal(found, discretize(v, 9, strategy=strategy))
    counts = np.bincount(discretize(v, 9, strategy="quantile"))
    assert counts.min() >= 997 // 9 - 1 and counts.max() <= 997 // 9 + 2  # equal frequency
    with pytest.raises(ValueError, match="strategy"):
        bin_edges(v, 9, "kmeans")


@pytest.mark.parametrize("name", list(PANELS))
def test_registry_builds_and_updates_at_worst_values(name):
    factory, worst = PANELS[name]
    panel = factory()
    text = panel.set(**worst)
    assert isinstance(text, str) and text
    assert panel.last_update_seconds > 0
    assert set(worst) == set(panel.controls)


def test_chain_cache_reuses_only_what_does_not_change():
    cache = {}
    a = chain_estimates(0.5, 1.0, 400, seed=1, cache=cache)
    b = chain_estimates(0.5, 2.0, 400, seed=1, cache=cache)
    assert len(cache) == 5  # I(X;Y) shared, the other two recomputed
    assert a["ksg"]["I(X;Y)"] == b["ksg"]["I(X;Y)"]
    fresh = chain_estimates(0.5, 2.0, 400, seed=1)
    assert fresh["ksg"] == b["ksg"]
