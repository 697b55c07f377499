"""Notebook 10's panel: its numbers against the pipeline run step by step, at non-default values."""

from __future__ import annotations

import numpy as np
import pytest

import mi_helpers as mh
from mi_helpers.networks import aracne, precision_recall, rank_columns, simulate_expression
from mi_helpers.widgets import LivePanel
from mi_helpers.widgets.genes import PANELS, NetworkScene, network_panel


@pytest.fixture(scope="module")
def scene():
    return NetworkScene(n_permutations=20, sample_sizes=(100, 1000))


def test_scene_equals_the_pipeline_done_by_hand(scene):
    n, noise, alpha, tol = 1000, 1.2, 0.1, 0.15
    e = scene.evaluate(n, noise, alpha, tol)
    x, truth = simulate_expression(n, noise=noise, seed=0)
    mi = mh.pairwise_mi(rank_columns(x), method="binned", bins=8)
    np.testing.assert_allclose(e["mi"], mi)
    threshold = np.quantile(scene.null_mi[n], 1 - alpha)
    assert e["mi_threshold"] == pytest.approx(threshold)
    kept = np.where(mi > threshold, mi, 0.0)
    np.fill_diagonal(kept, 0.0)
    network = aracne(kept, tolerance=tol) > 0
    np.testing.assert_array_equal(e["mi_network"], network)
    assert e["mi_pr"] == precision_recall(network, truth)
    assert e["mi_relevance_pr"] == precision_recall(kept, truth)
    np.testing.assert_array_equal(scene.truth, truth)
    # Correlation: threshold |r|, then ARACNE on the Gaussian MI of the kept |r| (scipy-free closed form).
    r = np.abs(np.corrcoef(rank_columns(x), rowvar=False))
    kept_r = np.where(r > np.quantile(scene.null_corr[n], 1 - alpha), r, 0.0)
    np.fill_diagonal(kept_r, 0.0)
    gaussian = mh.pairwise_mi(rank_columns(x), method="gaussian")
    gaussian = np.where(kept_r > 0, gaussian, 0.0)
    np.testing.assert_array_equal(e["corr_network"], aracne(gaussian, tolerance=tol) > 0)


def test_correlation_tolerance_acts_on_the_gaussian_mi_not_on_r(scene):
    # At tolerance 0 pruning |r| and pruning -0.5 ln(1 - r^2) agree (same order);
    # with a tolerance they differ somewhere, and the scene uses the MI scale.
    e0 = scene.evaluate(1000, 0.5, 0.5, 0.0)
    kept = np.where(e0["corr_relevance"], scene.matrices(1000, 0.5)[1], 0.0)
    np.testing.assert_array_equal(e0["corr_network"], aracne(kept, tolerance=0.0) > 0)
    differs = False
    for tol in (0.1, 0.2, 0.3, 0.5):
        e = scene.evaluate(1000, 0.5, 0.5, tol)
        on_r = aracne(kept, tolerance=tol) > 0
        differs |= not np.array_equal(e["corr_network"], on_r)
    assert differs


def test_share_changes_the_shapes_not_the_network(scene):
    assert scene.nonmonotone_edges(0.0) == 0
    assert scene.nonmonotone_edges(1.0) == int(scene.truth.sum()) // 2
    x, truth, edges = simulate_expression(300, seed=0, return_edges=True)
    assert scene.nonmonotone_edges(0.4) == sum(k in ("quadratic", "sine") for *_, k, _ in edges)  # 0.4: the default shapes
    mono, nonmono = scene.evaluate(1000, 0.5, 0.05, 0.0, 0.0), scene.evaluate(1000, 0.5, 0.05, 0.0, 1.0)
    # Correlation finds monotone regulation and misses non-monotone regulation.
    assert mono["corr_pr"][1] > 0.7 > 0.5 > nonmono["corr_pr"][1]
    assert nonmono["mi_pr"][1] > nonmono["corr_pr"][1]


def test_aracne_raises_precision_and_more_data_raises_recall(scene):
    big = scene.evaluate(1000, 0.5, 0.05, 0.0)
    small = scene.evaluate(100, 0.5, 0.05, 0.0)
    assert big["mi_pr"][0] > big["mi_relevance_pr"][0]
    assert big["mi_pr"][1] > small["mi_pr"][1]
    # A tolerance of 1 switches pruning off.
    off = scene.evaluate(1000, 0.5, 0.05, 1.0)
    np.testing.assert_array_equal(off["mi_network"], off["mi_relevance"])


def test_null_depends_on_n_not_on_the_noise(scene):
    # Ranked data have uniform marginals, so one null per sample size serves every noise level.
    assert np.median(scene.null_mi[100]) > np.median(scene.null_mi[1000])
    a = scene.evaluate(1000, 0.3, 0.05, 0.0)["mi_threshold"]
    b = scene.evaluate(1000, 1.9, 0.05, 0.0)["mi_threshold"]
    assert a == b


def test_unknown_sample_size_is_rejected(scene):
    with pytest.raises(ValueError, match="n must be one of"):
        scene.evaluate(333, 0.5, 0.05, 0.0)


def test_panel_text_tracks_the_controls():
    panel = network_panel()
    assert isinstance(panel, LivePanel)
    text = panel.set(n=100, noise=1.5, alpha=0.2, tolerance=0.3, share=0.0)
    assert text.startswith("n = 100, noise = 1.5, non-monotone share 0.0 (0 of 36")
    assert "alpha = 0.2" in text and "tolerance 0.30" in text
    factory, worst = PANELS["network"]
    moved = factory().set(**worst)
    assert "n = 1000" in moved and "(36 of 36 true edges quadratic or sine)" in moved


def test_panel_reuses_a_scene(scene):
    panel = network_panel(n=1000, scene=scene)
    assert panel.text.startswith("n = 1000")


def test_panel_colour_scale_is_the_same_for_every_setting(scene):
    panel = network_panel(n=100, scene=scene)
    image = panel.fig.axes[0].images[0]
    # The matrix is drawn as colours; the colour bar holds the scale it was coloured with.
    (bar_axes,) = [ax for ax in panel.fig.axes if hasattr(ax, "_colorbar")]
    mappable = bar_axes._colorbar.mappable
    norm, cmap = mappable.norm, mappable.cmap
    limits = (norm.vmin, norm.vmax)
    assert limits == pytest.approx((0.0, np.log(scene.bins)))  # 8 equal-count bins: MI <= ln 8
    for n, noise in ((100, 0.1), (1000, 2.0)):
        panel.set(n=n, noise=noise)
        mi = scene.matrices(n, noise)[0].copy()
        assert (norm.vmin, norm.vmax) == limits and mi.max() <= limits[1] + 1e-12
        np.fill_diagonal(mi, np.nan)
        np.testing.assert_array_equal(np.asarray(image.get_array()), cmap(norm(mi), bytes=True))
