"""The clustering panel: its compute function and its registry."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score, normalized_mutual_info_score
from threadpoolctl import threadpool_limits

from mi_helpers.widgets.clustering import BLOB_CENTERS, K_CHOICES, PANELS, blob_data, kmeans_blobs_panel, kmeans_blobs_scores


def test_blob_data_spread_and_prefix():
    x_small, y_small = blob_data(300, 0.5, seed=0)
    x_big, y_big = blob_data(1200, 2.0, seed=0)
    assert x_small.shape == (300, 2) and set(np.unique(y_big)) == {0, 1, 2, 3}
    np.testing.assert_array_equal(y_small, y_big[:300])  # the same draw, a prefix
    # The spread is the standard deviation around each centre.
    offsets = x_big - BLOB_CENTERS[y_big]
    assert offsets.std() == pytest.approx(2.0, rel=0.06)
    np.testing.assert_allclose((x_small - BLOB_CENTERS[y_small]) * 4.0, offsets[:300])


def test_scores_match_sklearn_at_non_default_values():
    r = kmeans_blobs_scores(7, 2.75, 800, seed=3)
    x, y = blob_data(800, 2.75, seed=3)
    with threadpool_limits(limits=1):  # as the panel runs it, so the summation order is the same
        pred = KMeans(n_clusters=7, n_init=1, random_state=3).fit_predict(x)
    np.testing.assert_array_equal(r["pred"], pred)
    nmi_, ami_, ari_ = r["kmeans"]
    assert nmi_ == pytest.approx(normalized_mutual_info_score(y, pred), abs=1e-10)
    assert ami_ == pytest.approx(adjusted_mutual_info_score(y, pred), abs=1e-10)
    assert ari_ == pytest.approx(adjusted_rand_score(y, pred), abs=1e-12)
    assert len(np.unique(r["pred"])) == 7
    # Random labels agree with the truth only by chance.
    assert abs(r["random"][1]) < 0.02 and abs(r["random"][2]) < 0.02


def test_tight_blobs_are_recovered_and_wide_ones_are_not():
    tight = kmeans_blobs_scores(4, 0.5, 600, seed=0)["kmeans"]
    wide = kmeans_blobs_scores(4, 4.0, 600, seed=0)["kmeans"]
    assert min(tight) > 0.98
    assert max(wide) < 0.6


def test_many_clusters_use_random_seeds_and_match_sklearn():
    r = kmeans_blobs_scores(50, 1.0, 300, seed=1)
    x, y = blob_data(300, 1.0, seed=1)
    with threadpool_limits(limits=1):
        pred = KMeans(n_clusters=50, n_init=1, init="random", random_state=1).fit_predict(x)
    np.testing.assert_array_equal(r["pred"], pred)
    assert r["kmeans"][1] == pytest.approx(adjusted_mutual_info_score(y, pred), abs=1e-10)


def test_widened_range_shows_the_chance_effect():
    # k = 100 on N = 100: a random labeling gets a large NMI, while AMI and ARI stay near 0.
    assert max(K_CHOICES) == 100
    nmi_, ami_, ari_ = kmeans_blobs_scores(100, 1.0, 100)["random"]
    assert nmi_ > 0.3 and abs(ami_) < 0.1 and abs(ari_) < 0.05
    assert kmeans_blobs_scores(10, 1.0, 2000)["random"][0] < 0.02  # many samples: little chance NMI


def test_panel_clamps_k_to_n_and_prints_no_negative_zero():
    panel = kmeans_blobs_panel()
    text = panel.set(n_clusters=100, n_samples=100)
    assert "k=100" in text and "-0.000" not in text


def test_bad_values_rejected():
    with pytest.raises(ValueError, match="n_clusters"):
        kmeans_blobs_scores(300, 1.0, 200)
    with pytest.raises(ValueError, match="n_samples"):
        blob_data(5000, 1.0)
    with pytest.raises(ValueError, match="spread"):
        blob_data(100, 0.0)


@pytest.mark.parametrize("name", sorted(PANELS))
def test_panels_build_and_update(name):
    factory, worst = PANELS[name]
    panel = factory()
    first = panel.text
    assert "NMI" in first and "AMI" in first
    text = panel.set(**worst)
    assert text != first
    assert panel.values == {**panel.values, **worst}


def test_default_view_has_overlapping_blobs():
    # The panel opens on overlapping blobs: the right k scores well below 1, chance near 0.
    panel = kmeans_blobs_panel()
    assert panel.values["spread"] == 2.0 and panel.values["n_clusters"] == 4
    nmi_, ami_, ari_ = kmeans_blobs_scores(4, 2.0, 500)["kmeans"]
    assert 0.6 < min(nmi_, ami_, ari_) and max(nmi_, ami_, ari_) < 0.9
    assert max(abs(v) for v in kmeans_blobs_scores(4, 2.0, 500)["random"][1:]) < 0.02
