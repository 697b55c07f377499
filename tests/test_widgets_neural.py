"""Notebook 13's panel: the shipped grid of training runs, and the panel over it."""

from __future__ import annotations

import math

import numpy as np
import pytest

import mi_helpers as mh
from mi_helpers.widgets import LivePanel
from mi_helpers.widgets.neural import (
    GRID_BATCH,
    GRID_DIM,
    GRID_HIDDEN,
    GRID_MI,
    PANELS,
    compute_training_grid,
    load_training_grid,
    paired_gaussian_cov,
    training_panel,
)


def test_paired_covariance_has_the_requested_mi():
    for total, d in ((1.0, 5), (8.0, 5), (2.0, 20)):
        cov, rho = paired_gaussian_cov(total, d)
        assert mh.gaussian_blocks_mi(cov, dx=d) == pytest.approx(total, rel=1e-10)
        assert d * mh.gaussian_mi(rho) == pytest.approx(total, rel=1e-12)
    with pytest.raises(ValueError, match="total_mi"):
        paired_gaussian_cov(0.0, 3)


def test_shipped_grid_has_the_declared_axes_and_respects_ln_k():
    g = load_training_grid()
    assert tuple(g["batch"]) == GRID_BATCH and tuple(g["mi"]) == GRID_MI and tuple(g["hidden"]) == GRID_HIDDEN
    assert int(g["dim"]) == GRID_DIM and list(g["bound"]) == ["dv", "nwj", "infonce"]
    assert g["curves"].shape[:4] == (3, 4, 2, 3) and g["curves"].shape[4] == g["step"].size
    assert np.all(np.isfinite(g["curves"])) and np.all(np.isfinite(g["estimate"]))
    # InfoNCE (bound index 2) never exceeds ln K, on the training batches (a moving average of values
    # that are each <= ln K) and on the held-out rows.
    ln_k = np.log(g["batch"])[:, None, None, None]
    assert np.all(g["curves"][:, :, :, 2, :] <= ln_k + 1e-5)
    assert np.all(g["estimate"][:, :, :, 2] <= ln_k[..., 0] + 1e-9)
    # Every held-out estimate is a lower bound: below the truth up to held-out noise.
    assert np.all(g["estimate"] < np.asarray(GRID_MI)[None, :, None, None] + 0.15)


def test_grid_cell_is_reproduced_by_a_fresh_training_run():
    # One cell (K = 16, width 16, true MI 2 nats: the second MI of the grid), retrained alone: the seeds
    # come from the MI's value, not its position, so the same run comes back up to the floating-point
    # differences of the CPU's kernels.
    fresh = compute_training_grid(batches=(16,), mis=(2.0,), hiddens=(16,))
    g = load_training_grid()
    np.testing.assert_allclose(fresh["estimate"][0, 0, 0], g["estimate"][0, 1, 0], atol=0.05)
    np.testing.assert_allclose(fresh["curves"][0, 0, 0][:, -10:], g["curves"][0, 1, 0][:, -10:], atol=0.15)


def test_panel_builds_and_updates_at_every_registered_setting():
    for name, (factory, worst) in PANELS.items():
        panel = factory()
        assert isinstance(panel, LivePanel)
        before = panel.text
        text = panel.set(**worst)
        assert text != before
        assert "true I =" in text and "ln K =" in text and "held-out estimates" in text
        assert panel.last_update_seconds < 2.0  # the strict 100 ms check is the benchmark's job


def test_panel_text_states_the_truth_and_the_ceiling():
    panel = training_panel(batch=16, mi=2.0, hidden=16)
    assert "true I = 2.000 nats" in panel.text
    assert f"ln K = {math.log(16):.3f} nats (K = 16)" in panel.text
    g = load_training_grid()
    nce = g["estimate"][0, 1, 0, 2]
    assert f"InfoNCE {nce:.3f}" in panel.text


def test_panel_names_every_curve_below_the_axis():
    g = load_training_grid()
    lows = g["curves"].min(axis=-1)  # (batch, mi, hidden, bound)
    for a, k in enumerate(g["batch"]):
        for i, m in enumerate(g["mi"]):
            for c, width in enumerate(g["hidden"]):
                text = training_panel(batch=int(k), mi=float(m), hidden=int(width)).text
                below = lows[a, i, c] < -0.5
                assert ("below the axis" in text) == bool(below.any())
                for j, name in enumerate(("MINE (DV)", "NWJ", "InfoNCE")):
                    assert (f"{name} down to" in text) == bool(below[j])
