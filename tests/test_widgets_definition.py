"""Notebook 01's panels: their numbers against exact values, at non-default settings."""

from __future__ import annotations

import importlib
import math
import pkgutil

import numpy as np
import pytest

import mi_helpers as mh
import mi_helpers.widgets as widgets_pkg
from mi_helpers.widgets import LivePanel
from mi_helpers.widgets.definition import gaussian_estimates, gaussian_panel, joint_table_panel, joint_table_summary


@pytest.mark.parametrize("p_x, p_y, dep", [(0.3, 0.7, 0.4), (0.9, 0.2, -0.8), (0.5, 0.5, 1.0), (0.25, 0.6, 0.0)])
def test_joint_table_keeps_marginals(p_x, p_y, dep):
    table = mh.joint_table_2x2(p_x, p_y, dep)
    assert table.min() >= 0 and table.sum() == pytest.approx(1.0)
    assert table[1].sum() == pytest.approx(p_x) and table[:, 1].sum() == pytest.approx(p_y)


def test_joint_table_extremes_are_exact():
    # Independence: MI exactly 0. Copy of a fair coin: 1 bit. Anti-copy: 1 bit too.
    assert joint_table_summary(0.3, 0.8, 0.0)["mi_nats"] == pytest.approx(0.0, abs=1e-15)
    assert joint_table_summary(0.5, 0.5, 1.0)["mi_bits"] == pytest.approx(1.0)
    assert joint_table_summary(0.5, 0.5, -1.0)["mi_bits"] == pytest.approx(1.0)


def test_joint_table_summary_against_hand_sum():
    s = joint_table_summary(0.3, 0.6, 0.5)
    p = s["p_xy"]
    px, py = p.sum(1), p.sum(0)
    by_hand = sum(p[i, j] * math.log(p[i, j] / (px[i] * py[j])) for i in range(2) for j in range(2) if p[i, j] > 0)
    assert s["mi_nats"] == pytest.approx(by_hand, abs=1e-14)
    assert s["mi_bits"] == pytest.approx(by_hand / math.log(2), abs=1e-14)
    assert s["h_x"] == pytest.approx(-(0.3 * math.log(0.3) + 0.7 * math.log(0.7)))


def test_joint_table_rejects_bad_input():
    with pytest.raises(ValueError, match="p_x"):
        mh.joint_table_2x2(1.2, 0.5, 0.0)
    with pytest.raises(ValueError, match="dependence"):
        mh.joint_table_2x2(0.5, 0.5, -1.5)
    with pytest.raises(TypeError, match="p_y"):
        mh.joint_table_2x2(0.5, "half", 0.0)


def test_noisy_pair_truth_uses_the_attenuated_correlation():
    x, y, r = mh.noisy_gaussian_pair(100_000, 0.8, 1.0, seed=2)
    assert r == pytest.approx(0.8 / math.sqrt(2))
    assert np.corrcoef(x, y)[0, 1] == pytest.approx(r, abs=0.01)
    with pytest.raises(ValueError, match="noise"):
        mh.noisy_gaussian_pair(10, 0.5, -1.0, seed=0)


def test_noisy_pair_keeps_its_points_when_a_slider_moves():
    # The panel promises: same seed, only the quantity you change changes.
    x, y, _ = mh.noisy_gaussian_pair(200, 0.6, 0.5, seed=4)
    x_more, y_more, _ = mh.noisy_gaussian_pair(500, 0.6, 0.5, seed=4)
    np.testing.assert_array_equal(x_more[:200], x)  # larger N: the first 200 points stay put
    np.testing.assert_array_equal(y_more[:200], y)
    x_rho, y_rho, _ = mh.noisy_gaussian_pair(200, -0.3, 0.5, seed=4)
    np.testing.assert_array_equal(x_rho, x)  # rho moves y only
    x_quiet, y_quiet, _ = mh.noisy_gaussian_pair(200, 0.6, 0.0, seed=4)
    np.testing.assert_array_equal(x_quiet, x)
    # y = rho x + sqrt(1 - rho^2) e1 + noise e2, so the noise term is exactly what changed.
    e2 = (y - y_quiet) / 0.5
    assert abs(e2.mean()) < 0.3 and 0.8 < e2.std() < 1.2 and abs(np.corrcoef(e2, x)[0, 1]) < 0.2


def test_gaussian_estimates_track_the_truth_at_non_default_values():
    e = gaussian_estimates(-0.7, 0.5, 4000, seed=3)
    truth = mh.gaussian_mi(0.7 / math.sqrt(1.25))
    assert e["truth"] == pytest.approx(truth)
    assert e["ksg"] == pytest.approx(truth, abs=0.06)
    assert e["gaussian"] == pytest.approx(truth, abs=0.04)


def test_panels_update_their_text_when_a_control_moves():
    panel = joint_table_panel()
    before = panel.text
    after = panel.set(dependence=0.0)
    assert before != after and after.startswith("I(X;Y) = 0.0000 nats")
    g = gaussian_panel()
    text = g.set(rho=0.0, noise=1.0, n=200)
    assert "true I = 0.000 nats" in text
    assert g.values == {"rho": 0.0, "noise": 1.0, "n": 200}
    with pytest.raises(ValueError, match="unknown control"):
        g.set(bins=4)


def test_panel_moves_through_the_widget_itself_refresh_the_view():
    panel = gaussian_panel()
    png_before = panel.png
    panel.controls["rho"].value = -0.3  # what a slider drag does
    assert panel.png != png_before
    assert f"{mh.gaussian_mi(-0.3):.3f}" in panel.text


def test_panel_mimebundle_carries_text_and_png():
    data, _ = joint_table_panel()._repr_mimebundle_()
    assert data["text/plain"].startswith("I(X;Y)")
    assert "application/vnd.jupyter.widget-view+json" in data and data["image/png"]


def _all_panel_registries():
    for info in pkgutil.iter_modules(widgets_pkg.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"mi_helpers.widgets.{info.name}")
        for name, entry in getattr(module, "PANELS", {}).items():
            yield f"{info.name}.{name}", entry


REGISTRY = dict(_all_panel_registries())


def test_every_widget_module_registers_panels():
    for info in pkgutil.iter_modules(widgets_pkg.__path__):
        if not info.name.startswith("_"):
            module = importlib.import_module(f"mi_helpers.widgets.{info.name}")
            assert getattr(module, "PANELS", None), f"mi_helpers.widgets.{info.name} has no PANELS registry"


@pytest.mark.parametrize("key", sorted(REGISTRY))
def test_registered_panel_builds_and_moves_to_its_most_expensive_values(key):
    factory, worst = REGISTRY[key]
    panel = factory()
    assert isinstance(panel, LivePanel)
    default_text = panel.text
    assert default_text.strip(), "the default view has no numbers"
    moved = panel.set(**worst)
    assert moved.strip()
    assert set(worst) <= set(panel.controls), "worst-case values name unknown controls"
