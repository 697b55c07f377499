"""The panel of notebook 06: its tables, its state lookup, its registry."""

from __future__ import annotations

import io
import math

import matplotlib.image
import numpy as np
import pytest
from sklearn.datasets import load_wine

from mi_helpers import entropy_discrete
from mi_helpers.trees import information_gain, split_gains
from mi_helpers.widgets._panel import LivePanel
from mi_helpers.widgets.decision_trees import PANELS, split_panel, split_state, split_table


@pytest.fixture(scope="module")
def wine_tables():
    data = load_wine()
    X = data.data.astype(np.float32)
    names = ["flavanoids", "proline", "ash"]
    tables = {f: split_table(X[:, data.feature_names.index(f)], data.target, bins=12, base=math.e) for f in names}
    return tables, X, data


def test_split_table_at_non_default_values(wine_tables):
    tables, X, data = wine_tables
    x = X[:, data.feature_names.index("proline")]
    y = data.target
    t = tables["proline"]
    thresholds, gains = split_gains(x, y, base=math.e)
    np.testing.assert_array_equal(t["thresholds"], thresholds)
    np.testing.assert_array_equal(t["gains"], gains)
    # Left counts by brute force at a few thresholds.
    for i in (0, len(thresholds) // 2, len(thresholds) - 1):
        expected = [np.sum((x <= thresholds[i]) & (y == c)) for c in range(3)]
        np.testing.assert_array_equal(t["left_counts"][i], expected)
    np.testing.assert_array_equal(t["hist"].sum(axis=1), np.bincount(y))
    assert len(t["edges"]) == 13
    assert t["h_parent"] == pytest.approx(entropy_discrete(y))  # nats, as asked
    assert t["best"] == int(np.argmax(gains))


def test_split_state_picks_the_closest_share(wine_tables):
    tables, X, data = wine_tables
    x = X[:, data.feature_names.index("flavanoids")]
    y = data.target
    t = tables["flavanoids"]
    for share in (0.05, 0.3, 0.77):
        s = split_state(t, share)
        shares = np.array([np.mean(x <= thr) for thr in t["thresholds"]])
        assert s["index"] == int(np.argmin(np.abs(shares - share)))
        assert s["gain"] == pytest.approx(information_gain(x, y, s["threshold"], base=math.e), abs=1e-12)
        left = x <= s["threshold"]
        assert s["h_left"] == pytest.approx(entropy_discrete(y[left]), abs=1e-12)
        assert s["h_right"] == pytest.approx(entropy_discrete(y[~left]), abs=1e-12)
        np.testing.assert_array_equal(s["left"] + s["right"], np.bincount(y))
    with pytest.raises(ValueError, match="left_fraction"):
        split_state(t, 1.5)


def png_pixels(panel):
    return matplotlib.image.imread(io.BytesIO(panel.png), format="png")


def test_panel_on_given_tables_updates_and_swaps_backgrounds(wine_tables):
    tables, _, _ = wine_tables
    panel = split_panel(tables, ["a", "b", "c"], feature="proline", left_fraction=0.4)
    assert isinstance(panel, LivePanel)
    first = png_pixels(panel)
    text = panel.set(feature="ash", left_fraction=0.8)
    s = split_state(tables["ash"], 0.8)
    assert text.startswith(f"ash <= {s['threshold']:.4g}")
    assert f"= {s['gain']:.4f} nats" in text
    assert not np.array_equal(png_pixels(panel), first)
    panel.set(feature="proline", left_fraction=0.4)  # back: the same picture as at the start
    # (to one level of 255: which artists the layered renderer composites may differ by now)
    assert np.abs(png_pixels(panel) - first).max() <= 1 / 255 + 1e-6
    with pytest.raises(ValueError, match="feature"):
        split_panel(tables, feature="alcohol")


def test_registry_factory_builds_and_updates():
    assert set(PANELS) == {"split"}
    factory, worst = PANELS["split"]
    panel = factory()
    assert isinstance(panel, LivePanel)
    text = panel.set(**worst)
    assert text.startswith(worst["feature"])
    assert "bits" in text
    assert worst["feature"] in panel.controls["feature"].options


def test_middle_panel_has_a_colour_legend_matching_the_classes(wine_tables):
    tables, _, data = wine_tables
    panel = split_panel(tables, list(data.target_names))
    ax_hist, ax_counts = panel.fig.axes[0], panel.fig.axes[1]
    legend = ax_counts.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == list(data.target_names)
    hist_colours = [h.get_facecolor()[:3] for h in ax_hist.get_legend().legend_handles]
    count_colours = [h.get_facecolor()[:3] for h in legend.legend_handles]
    np.testing.assert_allclose(hist_colours, count_colours)
