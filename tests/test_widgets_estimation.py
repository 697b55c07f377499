"""Notebook 04's panel: the view's numbers against the estimators and closed forms,
at non-default control values."""

from __future__ import annotations

import functools

import numpy as np
import pytest

import mi_helpers as mh
from mi_helpers.stats import sampling_distribution
from mi_helpers.widgets import LivePanel
from mi_helpers.widgets.estimation import DIST_BIN, DIST_LIMITS, MAX_N, PANELS, REPEATS, estimation_view, sampling_panel


def test_histogram_view_at_independence_matches_the_bias_formula():
    # rho = 0: the truth is 0 and the plug-in mean is about (Bx-1)(By-1)/(2N) = 81/2000.
    v = estimation_view("histogram", 1000, 0.0, bins=10, seed=1)
    assert v["truth"] == 0.0
    assert v["bins_xy"] == (10, 10) and v["occupied_xy"] == (10, 10)
    assert v["formula_bias"] == pytest.approx(81 / 2000)
    # Monte Carlo error of the mean: sd 0.0056 / sqrt(30) = 0.001.
    assert v["bias"] == pytest.approx(81 / 2000, abs=0.005)
    assert (v["estimates"] > 0).all()


def test_the_estimate_is_the_one_of_the_sample_shown():
    v = estimation_view("Miller-Madow", 200, 0.35, bins="sturges", data="exp", seed=4)
    assert v["x"].shape == (200,) and v["x"].min() > 0  # exp of a Gaussian
    assert v["estimate"] == pytest.approx(mh.mi_binned(v["x"], v["y"], bins="sturges", correction="miller-madow"), abs=1e-15)
    assert v["estimate"] == v["estimates"][0]
    assert v["truth"] == pytest.approx(mh.gaussian_mi(0.35))


def test_view_estimates_are_the_sampling_distribution_of_the_family():
    v = estimation_view("KSG", 200, 0.8, k=5, data="gaussian", seed=2)
    direct = sampling_distribution(mh.mi_ksg, functools.partial(mh.correlated_gaussian, rho=0.8), n=200, repeats=REPEATS, seed=2, k=5)
    np.testing.assert_allclose(v["estimates"], direct, rtol=1e-12)
    assert v["rmse"] ** 2 == pytest.approx(v["bias"] ** 2 + v["sd"] ** 2)
    assert v["bins_xy"] is None and v["formula_bias"] is None


def test_gaussian_estimator_fails_on_the_exp_family_but_not_on_the_gaussian_one():
    truth = mh.gaussian_mi(0.7)
    on_gauss = estimation_view("Gaussian", 2000, 0.7, data="gaussian", seed=0)
    on_exp = estimation_view("Gaussian", 2000, 0.7, data="exp", seed=0)
    assert on_gauss["bias"] == pytest.approx(0.0, abs=0.01)
    assert on_exp["bias"] < -0.08 and on_exp["truth"] == pytest.approx(truth)


def test_slow_estimators_are_capped_and_irrelevant_controls_are_ignored():
    v = estimation_view("KDE", 5000, 0.5, seed=0)
    assert v["n"] == MAX_N["KDE"] and v["capped"] and v["x"].shape == (MAX_N["KDE"],)
    assert not estimation_view("Gaussian", 5000, 0.5, seed=0)["capped"]
    a = estimation_view("KSG", 100, 0.5, bins=5, k=4, seed=0)
    b = estimation_view("KSG", 100, 0.5, bins=40, k=4, seed=0)
    np.testing.assert_array_equal(a["estimates"], b["estimates"])
    c = estimation_view("histogram", 100, 0.5, bins=5, k=1, seed=0)
    d = estimation_view("histogram", 100, 0.5, bins=5, k=9, seed=0)
    np.testing.assert_array_equal(c["estimates"], d["estimates"])


@pytest.mark.parametrize(
    "args, kwargs, match",
    [
        (("kNN", 100, 0.5), {}, "estimator"),
        (("KSG", 100, 0.5), {"data": "cube"}, "data"),
        (("KSG", 5, 0.5), {}, "n must be"),
        (("KSG", 100.0, 0.5), {}, "n must be"),
        (("KSG", 100, 1.0), {}, "rho"),
        (("KSG", 100, "0.5"), {}, "rho"),
    ],
)
def test_view_rejects_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        estimation_view(*args, **kwargs)


def test_panel_text_shows_estimate_truth_and_formula():
    panel = sampling_panel()
    assert isinstance(panel, LivePanel)
    text = panel.set(estimator="histogram", bins=10, n=1000, rho=0.0)
    assert "truth 0.000 nats" in text and "formula (Bx-1)(By-1)/(2N) = 0.041" in text
    text = panel.set(estimator="KDE", n=2000)
    assert f"N capped at {MAX_N['KDE']}" in text
    png = panel.png
    panel.controls["rho"].value = 0.85  # what a slider drag does
    assert panel.png != png
    assert f"truth {mh.gaussian_mi(0.85):.3f} nats" in panel.text


def test_registered_panels_build_and_reach_their_worst_values():
    assert PANELS
    for factory, worst in PANELS.values():
        panel = factory()
        assert set(worst) <= set(panel.controls)
        text = panel.set(**worst)
        assert "truth" in text and len(text.splitlines()) == 2


def test_equal_frequency_bins_are_invariant_under_exp_and_equal_width_bins_are_not():
    quantile = [estimation_view("histogram", 1000, 0.6, bins=10, strategy="quantile", data=d, seed=3) for d in ("gaussian", "exp")]
    np.testing.assert_array_equal(quantile[0]["estimates"], quantile[1]["estimates"])
    direct = sampling_distribution(
        mh.mi_binned, functools.partial(mh.correlated_gaussian, rho=0.6), n=1000, repeats=REPEATS, seed=3, bins=10, strategy="quantile"
    )
    np.testing.assert_allclose(quantile[0]["estimates"], direct, rtol=1e-12)
    uniform = [estimation_view("histogram", 1000, 0.6, bins=10, data=d, seed=3) for d in ("gaussian", "exp")]
    assert abs(uniform[1]["bias"]) > abs(uniform[0]["bias"]) + 0.05  # equal-width bins over a long tail
    # The strategy is ignored by estimators without bins.
    a = estimation_view("KSG", 100, 0.5, strategy="quantile", seed=0)
    b = estimation_view("KSG", 100, 0.5, strategy="uniform", seed=0)
    np.testing.assert_array_equal(a["estimates"], b["estimates"])
    with pytest.raises(ValueError, match="strategy"):
        estimation_view("histogram", 100, 0.5, strategy="equal")


def test_occupied_cell_bias_form_counts_the_non_empty_cells_of_the_sample_shown():
    v = estimation_view("histogram", 300, 0.9, bins=12, seed=5)
    cx, cy = mh.discretize(v["x"], 12), mh.discretize(v["y"], 12)
    kxy = len(set(zip(cx.tolist(), cy.tolist())))  # counted by hand
    kx, ky = v["occupied_xy"]
    assert kxy < kx * ky  # rho = 0.9 leaves corner cells empty
    assert v["occupied_bias"] == pytest.approx((kxy - kx - ky + 1) / 600)
    assert v["formula_bias"] == pytest.approx((kx - 1) * (ky - 1) / 600)
    assert estimation_view("KDE", 100, 0.5, seed=0)["occupied_bias"] is None


def test_panel_draws_the_equal_frequency_grid_and_names_it():
    panel = sampling_panel()
    text = panel.set(estimator="histogram", bins=8, n=1000, rho=0.5, strategy="quantile")
    assert "equal frequency bins" in text and "(Kxy-Kx-Ky+1)/(2N)" in text


def test_sampling_distribution_is_drawn_in_one_frame_with_fixed_bins():
    panel = sampling_panel()
    ax_dist = panel.fig.axes[1]
    steps = ax_dist.patches[0]
    for n, rho in ((50, 0.6), (200, 0.1), (500, 0.95)):
        panel.set(n=n, rho=rho)
        v = estimation_view("KSG", n, rho)
        assert ax_dist.get_xlim() == DIST_LIMITS and ax_dist.get_ylim() == (0, REPEATS)
        data = steps.get_data()
        counts, edges = data.values, data.edges
        assert counts.sum() == REPEATS  # every estimate in a bin of the frame
        assert np.allclose(np.diff(edges), DIST_BIN)
        assert np.array_equal(counts, np.histogram(v["estimates"], edges)[0])
    # Estimates outside the frame widen it: KDE on the exp family reaches below -0.3 nats at N = 50.
    panel.set(estimator="KDE", data="exp", n=50, rho=0.5)
    est = estimation_view("KDE", 50, 0.5, data="exp")["estimates"]
    lo, hi = ax_dist.get_xlim()
    assert est.min() < DIST_LIMITS[0] and lo <= est.min() and hi >= est.max()
    assert steps.get_data().values.sum() == REPEATS
