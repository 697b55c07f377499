"""Notebook 03's panel: its numbers against the helpers and the truth, at non-default settings."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mi_helpers.association import association_table, relation_truth
from mi_helpers.synthetic import RELATIONS, relation_sample
from mi_helpers.widgets import LivePanel
from mi_helpers.widgets.correlation import MAX_N, MAX_NOISE, PANELS, relation_frame, relation_numbers, relation_panel


def test_relation_numbers_at_non_default_values():
    r = relation_numbers("checkerboard", 0.35, 3000, k=4, seed=6)
    x, y = relation_sample("checkerboard", 3000, 0.35, seed=6)
    assert np.array_equal(r["x"], x) and np.array_equal(r["y"], y)
    assert r["estimate"] == association_table(x, y, k=4)
    assert r["truth"] == relation_truth("checkerboard", 0.35)
    # The estimate tracks the truth; the correlations are near their population value 0.
    assert r["estimate"]["mi"] == pytest.approx(r["truth"]["mi"], abs=0.04)
    assert abs(r["estimate"]["pearson"]) < 0.06 and abs(r["estimate"]["spearman"]) < 0.06


def test_relation_numbers_linear_case_agrees_with_the_gaussian_closed_form():
    r = relation_numbers("linear", 0.75, 4000, seed=2)
    rho = 1 / math.sqrt(1 + 0.75**2)  # 0.8
    assert r["truth"]["mi"] == pytest.approx(-0.5 * math.log(1 - rho**2))
    for key in ("pearson", "ic"):
        assert r["estimate"][key] == pytest.approx(rho, abs=0.03)
    assert r["estimate"]["spearman"] == pytest.approx(6 / math.pi * math.asin(rho / 2), abs=0.03)


def test_panel_shows_estimates_and_truth_for_a_moved_control():
    panel = relation_panel()
    text = panel.set(kind="linear", noise=0.75, n=2000)
    r = relation_numbers("linear", 0.75, 2000)
    est, tru = r["estimate"], r["truth"]
    assert f"Pearson r = {est['pearson']:.3f} (true 0.800)" in text
    assert f"MI (KSG, k=3) = {est['mi']:.3f} nats (true {tru['mi']:.3f})" in text
    assert f"information coefficient = {est['ic']:.3f} (true 0.800)" in text
    # The figure holds the same numbers: bar lengths are the estimates, ticks the population values.
    ax_pts, ax_bar = panel.fig.axes
    widths = [p.get_width() for p in ax_bar.patches]
    assert widths == pytest.approx([est["pearson"], est["spearman"], est["ic"]])
    ticks = ax_bar.collections[0].get_offsets()[:, 0]
    assert ticks == pytest.approx([tru["pearson"], tru["spearman"], tru["ic"]])
    assert np.array_equal(ax_pts.collections[0].get_offsets(), np.column_stack([r["x"], r["y"]]))


def test_panel_noise_free_relations_report_infinite_truth():
    panel = relation_panel()
    text = panel.set(kind="circle", noise=0.0, n=500)
    assert "(true inf)" in text and "information coefficient" in text
    text = panel.set(kind="checkerboard")
    assert f"(true {relation_truth('checkerboard', 0.0)['mi']:.3f})" in text  # 0.617, finite


def test_panel_moves_through_the_dropdown_refresh_the_view_and_cache():
    panel = relation_panel(kind="sine", noise=0.3, n=800)
    first_text, first_png = panel.text, panel.png
    panel.controls["kind"].value = "independent"  # what a reader's click does
    assert panel.png != first_png and panel.text.startswith("independent, noise 0.30, N = 800")
    panel.controls["kind"].value = "sine"
    assert panel.text == first_text  # back to the cached numbers, same seed


@pytest.mark.parametrize("kind", RELATIONS)
def test_panel_every_relation_at_large_n(kind):
    panel = relation_panel()
    text = panel.set(kind=kind, noise=0.45, n=5000)
    assert text.startswith(f"{kind}, noise 0.45, N = 5000")
    assert "nan" not in text


def test_registry_entry_builds_and_reaches_its_worst_values():
    factory, worst = PANELS["relation"]
    panel = factory()
    assert isinstance(panel, LivePanel)
    panel.set(**worst)
    assert panel.values == worst
    assert worst["kind"] in RELATIONS


@pytest.mark.parametrize("kind", RELATIONS)
def test_relation_frame_holds_the_sample_at_every_slider_setting(kind):
    (x0, x1), (y0, y1) = relation_frame(kind, seed=0)
    for noise in np.linspace(0.0, MAX_NOISE, 21):
        x, y = relation_sample(kind, MAX_N, float(noise), seed=0)  # N < MAX_N draws are its first points
        assert x0 < x.min() and x.max() < x1 and y0 < y.min() and y.max() < y1
    # Tight: the extreme settings reach into the 4% padding.
    x, y = relation_sample(kind, MAX_N, MAX_NOISE, seed=0)
    assert max(x.max(), relation_sample(kind, MAX_N, 0.0, seed=0)[0].max()) > x1 - 0.05 * (x1 - x0)


def test_panel_frame_stays_put_while_the_sliders_move():
    panel = relation_panel()
    ax = panel.fig.axes[0]
    frame = (ax.get_xlim(), ax.get_ylim())
    for noise, n in ((0.0, 100), (1.0, 5000), (0.55, 2300)):
        panel.set(noise=noise, n=n)
        assert (ax.get_xlim(), ax.get_ylim()) == frame
    panel.set(kind="linear")
    assert (ax.get_xlim(), ax.get_ylim()) != frame
