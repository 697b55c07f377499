"""Panels of notebook 01 (definition): a 2x2 joint table and a Gaussian pair."""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from ..estimators import entropy_from_probs, gaussian_mi, mi_binned, mi_from_joint, mi_gaussian, mi_ksg
from ..plotting import annotated_table, update_annotated_table
from ..synthetic import joint_table_2x2, noisy_gaussian_pair
from ._panel import LivePanel

__all__ = ["PANELS", "gaussian_estimates", "gaussian_panel", "joint_table_panel", "joint_table_summary"]


def joint_table_summary(p_x, p_y, dependence) -> dict:
    """Exact quantities of the 2x2 table of :func:`joint_table_2x2`.

    Returns a dict with the joint table ``p_xy``, the product of marginals
    ``p_x_p_y``, ``mi_nats``, ``mi_bits``, ``h_x`` and ``h_y`` (nats).
    """
    p_xy = joint_table_2x2(p_x, p_y, dependence)
    px = p_xy.sum(axis=1)
    py = p_xy.sum(axis=0)
    return {
        "p_xy": p_xy,
        "p_x_p_y": np.outer(px, py),
        "mi_nats": mi_from_joint(p_xy),
        "mi_bits": mi_from_joint(p_xy, base=2),
        "h_x": entropy_from_probs(px),
        "h_y": entropy_from_probs(py),
    }


def joint_table_panel(p_x=0.5, p_y=0.5, dependence=0.6) -> LivePanel:
    """Sliders for P(X=1), P(Y=1) and the dependence of two binary variables.

    Shows P(X, Y) beside P(X) P(Y) and the exact MI in nats and bits.
    """
    fig = Figure(figsize=(6.4, 2.9), layout="constrained")
    ax_joint, ax_prod = fig.subplots(1, 2)
    first = joint_table_summary(p_x, p_y, dependence)
    img_j, txt_j = annotated_table(ax_joint, first["p_xy"], title="joint P(X, Y)", vmax=1.0)
    img_p, txt_p = annotated_table(ax_prod, first["p_x_p_y"], title="product P(X) P(Y)", vmax=1.0)

    def update(fig, p_x, p_y, dependence):
        s = joint_table_summary(p_x, p_y, dependence)
        update_annotated_table(img_j, txt_j, s["p_xy"])
        update_annotated_table(img_p, txt_p, s["p_x_p_y"])
        return (
            f"I(X;Y) = {s['mi_nats']:.4f} nats = {s['mi_bits']:.4f} bits   "
            f"(H(X) = {s['h_x']:.4f}, H(Y) = {s['h_y']:.4f} nats)"
        )

    slider = dict(min=0.0, max=1.0, step=0.01, continuous_update=True, readout_format=".2f")
    controls = {
        "p_x": widgets.FloatSlider(value=p_x, description="P(X=1)", **slider),
        "p_y": widgets.FloatSlider(value=p_y, description="P(Y=1)", **slider),
        "dependence": widgets.FloatSlider(value=dependence, description="dependence", **{**slider, "min": -1.0}),
    }
    return LivePanel(controls, update, fig)


def gaussian_estimates(rho, noise, n, *, k=3, bins="fd", seed=0) -> dict:
    """Sample a noisy Gaussian pair and estimate its MI three ways.

    Returns a dict with the samples ``x``, ``y``, the ``truth`` (closed form,
    nats), and the estimates ``ksg``, ``binned`` and ``gaussian`` (nats).
    """
    x, y, r = noisy_gaussian_pair(n, rho, noise, seed=seed)
    return {
        "x": x,
        "y": y,
        "truth": gaussian_mi(r),
        "ksg": mi_ksg(x, y, k=k),
        "binned": mi_binned(x, y, bins=bins),
        "gaussian": mi_gaussian(x, y),
    }


def gaussian_panel(rho=0.6, noise=0.0, n=1000, seed=0) -> LivePanel:
    """Correlation, noise and sample-size sliders for a bivariate Gaussian.

    y = rho x + sqrt(1 - rho^2) e1 + sigma e2 with sigma the "noise sd"
    slider (:func:`mi_helpers.synthetic.noisy_gaussian_pair`). Shows the
    scatter plot, the closed-form MI and three estimates. The same seed is
    used for every move, so only the slider's quantity changes.
    """
    fig = Figure(figsize=(4.2, 3.2), layout="constrained")
    ax = fig.add_subplot()
    points = ax.scatter([], [], s=6, alpha=0.5)
    ax.set_xlim(-4, 4)
    ax.set_ylim(-6, 6)
    ax.set_xlabel("x")
    ax.set_ylabel("y = ρx + √(1 − ρ²)·e₁ + σ·e₂", fontsize=9)

    cache: dict = {}  # (rho, noise, n) -> estimates

    def numbers(rho, noise, n):
        # LivePanel passes floats as the sliders show them (0.61, not a browser's 0.6100000000000001).
        key = (float(rho), float(noise), int(n))
        e = cache.get(key)
        if e is None:
            if len(cache) >= 128:  # at most 128 samples of up to 5,000 points kept
                cache.clear()
            e = cache[key] = gaussian_estimates(*key, seed=seed)
        return e

    def update(fig, rho, noise, n):
        e = numbers(rho, noise, n)
        points.set_offsets(np.column_stack([e["x"], e["y"]]))
        truth = "inf" if math.isinf(e["truth"]) else f"{e['truth']:.3f}"
        return (
            f"true I = {truth} nats | KSG (k=3) {e['ksg']:.3f} | "
            f"histogram (fd bins) {e['binned']:.3f} | Gaussian fit {e['gaussian']:.3f} nats"
        )

    controls = {
        "rho": widgets.FloatSlider(value=rho, min=-0.99, max=0.99, step=0.01, description="rho"),
        "noise": widgets.FloatSlider(value=noise, min=0.0, max=2.0, step=0.05, description="noise sd"),
        "n": widgets.IntSlider(value=n, min=50, max=5000, step=50, description="N"),
    }
    return LivePanel(controls, update, fig)


#: Every panel of this notebook: name -> (factory, the most expensive slider values).
#: The benchmark suite and the tests discover panels through these registries.
PANELS = {
    "joint_table": (joint_table_panel, {"p_x": 0.37, "p_y": 0.81, "dependence": -0.55}),
    "gaussian": (gaussian_panel, {"rho": 0.99, "noise": 0.0, "n": 5000}),
}
