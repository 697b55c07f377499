"""Notebook 12's panel: Gaussian blocks, their histogram MI and its permutation null."""

from __future__ import annotations

import numpy as np
import pytest

import mi_helpers as mh
from mi_helpers.widgets import LivePanel
from mi_helpers.widgets.limitations import PANELS, block_gaussian, histogram_null_panel, histogram_null_summary, panel_noise


def test_block_truth_equals_the_log_determinant_formula():
    for d, rho in ((1, 0.3), (3, 0.7), (4, 0.95)):
        cov = np.block([[np.eye(d), rho * np.eye(d)], [rho * np.eye(d), np.eye(d)]])
        ld = [np.linalg.slogdet(c)[1] for c in (cov[:d, :d], cov[d:, d:], cov)]
        _, _, truth = block_gaussian(10, d, rho, seed=0)
        assert truth == pytest.approx(0.5 * (ld[0] + ld[1] - ld[2]))


def test_block_samples_have_the_stated_correlations():
    x, y, _ = block_gaussian(50_000, 3, 0.6, seed=1)
    c = np.corrcoef(np.hstack([x, y]), rowvar=False)
    np.testing.assert_allclose(np.diag(c[:3, 3:]), 0.6, atol=0.02)
    off = c[:3, 3:][~np.eye(3, dtype=bool)]
    assert np.abs(off).max() < 0.02
    with pytest.raises(ValueError, match="too small"):
        block_gaussian(100, 5, 0.5, seed=0, noise=np.zeros((2, 100, 4)))


def test_summary_estimate_is_the_plugin_mi_of_the_cells():
    s = histogram_null_summary(700, 5, 2, 0.4, seed=3)
    x, y, truth = block_gaussian(700, 2, 0.4, seed=3)
    # Reference: each row's pair of bin codes as a joint label, through mi_discrete's 2-D rows.
    cx = np.column_stack([mh.discretize(x[:, j], 5) for j in range(2)])
    cy = np.column_stack([mh.discretize(y[:, j], 5) for j in range(2)])
    assert s["estimate"] == pytest.approx(mh.mi_discrete(cx, cy), abs=1e-12)
    assert s["truth"] == pytest.approx(2 * mh.gaussian_mi(0.4))
    assert s["cells"] == 25
    assert s["occupied"] == len(np.unique(cx, axis=0))
    assert s["null"].shape == (99,)
    assert s["band"][0] <= s["q95"] <= s["band"][1]


def test_null_mean_follows_the_bias_formula_when_cells_are_few():
    s = histogram_null_summary(2000, 4, 1, 0.0, seed=5)
    assert s["null"].mean() == pytest.approx((4 - 1) ** 2 / (2 * 2000), rel=0.25)


def test_dependence_is_detected_and_high_dimension_inflates_the_null():
    strong = histogram_null_summary(400, 6, 1, 0.8, seed=2)
    assert strong["p_value"] == pytest.approx(1 / 100)
    high = histogram_null_summary(1000, 6, 3, 0.3, seed=2)
    # With 216 cells per block for 1000 points the null mean dwarfs the true MI.
    assert high["null"].mean() > 3 * high["truth"]


def test_panel_builds_and_updates_at_every_registered_setting():
    for name, (factory, worst) in PANELS.items():
        panel = factory()
        assert isinstance(panel, LivePanel)
        before = panel.text
        text = panel.set(**worst)
        assert text != before
        assert "true I =" in text and "permutation null" in text
        assert panel.last_update_seconds < 2.0  # the strict 100 ms check is the benchmark's job


def test_panel_text_at_non_default_values():
    panel = histogram_null_panel(n=300, bins=3, dim=2, rho=0.0)
    assert "true I = 0.000 nats" in panel.text
    assert "3^2 = 9 cells per block" in panel.text


def test_a_null_without_power_when_every_point_has_its_own_joint_cell():
    s = histogram_null_summary(500, 12, 4, 0.5, seed=0)
    x, y, _ = block_gaussian(500, 4, 0.5, seed=0)
    cx = np.column_stack([mh.discretize(x[:, j], 12) for j in range(4)])
    cy = np.column_stack([mh.discretize(y[:, j], 12) for j in range(4)])
    assert s["joint_occupied"] == len(np.unique(np.hstack([cx, cy]), axis=0)) == 500
    h_x, h_y = mh.entropy_discrete(cx), mh.entropy_discrete(cy)
    assert (s["h_x"], s["h_y"]) == pytest.approx((h_x, h_y))
    # H(X, Y) = ln N: the estimate is the smallest MI these marginals allow, and no shuffle goes below it.
    assert s["estimate"] == pytest.approx(h_x + h_y - np.log(500), abs=1e-9)
    assert s["null"].min() >= s["estimate"] - 1e-9 and s["p_value"] == 1.0
    assert h_y < np.log(500)
    panel = histogram_null_panel(n=500, bins=12, dim=4, rho=0.5)
    assert "no power" in panel.text
    assert "no power" not in histogram_null_panel().text


def test_mi_axis_ends_on_the_next_1_2_5_step():
    from mi_helpers.widgets.limitations import _nice_ceiling

    assert [_nice_ceiling(v) for v in (0.013, 0.1, 0.1001, 0.17, 0.2, 0.51, 3.0, 7.9)] == pytest.approx(
        [0.02, 0.1, 0.2, 0.2, 0.2, 1.0, 5.0, 10.0]
    )
    panel = histogram_null_panel()
    ax = panel.fig.axes[0]
    for n in (600, 900, 1500, 2000):  # the estimate and truth stay put while N moves: so does the axis
        panel.set(n=n)
        assert ax.get_xlim() == (0.0, 0.2)
    panel.set(dim=3, bins=6)
    s = histogram_null_summary(2000, 6, 3, 0.5, noise=panel_noise(0))
    right = ax.get_xlim()[1]
    assert max(s["estimate"], s["truth"], s["null"].max()) < right <= 2.5 * max(s["estimate"], s["truth"], s["null"].max())
