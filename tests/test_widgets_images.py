"""Notebook 09's panel: its numbers against mi_helpers.images and scikit-learn, at non-default values."""

from __future__ import annotations

import re

import numpy as np
import pytest
from sklearn.metrics import mutual_info_score

from mi_helpers.images import block_downsample, camera_image, image_correlation, rigid_transform, simulate_modality
from mi_helpers.widgets import LivePanel
from mi_helpers.widgets.images import PANELS, AlignmentScene, registration_panel

FIXED = camera_image(256)
MOVING, TRUTH = simulate_modality(FIXED, seed=0)


@pytest.fixture(scope="module")
def scene():
    return AlignmentScene(FIXED, MOVING)


def test_scene_numbers_equal_an_independent_computation(scene):
    angle, shift, bins = -4.0, (6, -10), 20
    e = scene.evaluate(angle, shift, bins)
    # Recompute from scratch: downsample, transform with half the shift, cut the window, bin with NumPy.
    f = block_downsample(FIXED, 2)
    m = block_downsample(MOVING, 2)
    t = rigid_transform(f, angle=angle, shift=(3.0, -5.0))
    w = scene.window
    table, _, _ = np.histogram2d(
        t[w].ravel(), m[w].ravel(), bins=[np.linspace(f.min(), f.max(), bins + 1), np.linspace(m.min(), m.max(), bins + 1)]
    )
    np.testing.assert_array_equal(e["counts"], table)
    assert e["mi"] == pytest.approx(mutual_info_score(None, None, contingency=table), abs=1e-12)
    assert e["corr"] == pytest.approx(image_correlation(t[w], m[w]), abs=1e-12)
    assert 1.0 <= e["nmi"] <= 2.0


def test_window_never_leaves_the_image_at_the_slider_limits(scene):
    for angle in (-15, 15):
        for shift in ((-16, -16), (16, 16), (-16, 16)):
            e = scene.evaluate(angle, shift, 8)
            assert np.isfinite(e["transformed"][scene.window]).all()
            assert e["counts"].sum() == scene.moving_win.size


def test_mi_is_highest_at_the_true_transform_among_nearby_settings(scene):
    true_mi = scene.evaluate(TRUTH["angle"], TRUTH["shift"], 32)["mi"]
    dy, dx = TRUTH["shift"]
    for d_angle, d_shift in ((3, (0, 0)), (0, (4, 0)), (0, (0, -4)), (-5, (2, 2))):
        other = scene.evaluate(TRUTH["angle"] + d_angle, (dy + d_shift[0], dx + d_shift[1]), 32)["mi"]
        assert other < true_mi


def test_panel_text_shows_the_setting_and_the_truth():
    panel = registration_panel()
    assert isinstance(panel, LivePanel)
    text = panel.set(shift_y=TRUTH["shift"][0], shift_x=TRUTH["shift"][1], angle=int(TRUTH["angle"]), bins=48)
    first, second = text.splitlines()
    # At the true transform the two lines carry the same numbers.
    assert first.split(": ", 1)[1] == second.split(": ", 1)[1]
    moved = panel.set(shift_y=-9, shift_x=12, angle=-11, bins=48)
    here, truth = (float(v) for v in re.findall(r"\bMI = ([0-9.]+) nats", moved))
    assert here < truth
    assert "48 bins" in moved


def test_registered_panel_moves_to_its_most_expensive_values():
    factory, worst = PANELS["registration"]
    panel = factory()
    panel.set(**worst)
    assert len(re.findall(r"\bMI = [0-9.]+ nats", panel.text)) == 2
    assert panel.values == worst
