"""Panel of notebook 12 (limitations): a histogram estimate against its permutation null.

X and Y are d-dimensional Gaussian blocks whose coordinates are paired with
correlation rho (coordinate j of Y depends only on coordinate j of X), so the
true MI is d * (-0.5 ln(1 - rho^2)) nats. Each coordinate is cut into B
equal-width bins, so each block has B^d cells; the plug-in MI of the cell
labels is compared with the truth and with its permutation null.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..estimators import discretize, entropy_discrete, gaussian_mi, mi_discrete
from ..significance import permutation_test
from ..synthetic import make_rng
from ._panel import LivePanel

__all__ = ["PANELS", "block_gaussian", "histogram_null_panel", "histogram_null_summary", "panel_noise"]

N_MAX = 2000
DIM_MAX = 4


def block_gaussian(n, dim, rho, *, seed, noise=None):
    """Two d-dimensional Gaussian blocks with coordinate-wise correlation rho.

    Parameters
    ----------
    n, dim : int
        Sample size and dimension of each block.
    rho : float in [0, 1)
        corr(X_j, Y_j) = rho for every j; all other pairs are independent.
    seed : int or numpy.random.Generator
        Used only when ``noise`` is None.
    noise : ndarray, shape (2, n_max, d_max), optional
        Standard normal draws to reuse (a panel draws them once, so a slider
        move changes only the quantity it names).

    Returns
    -------
    x, y : ndarray, shape (n, dim)
    truth : float
        dim * gaussian_mi(rho), in nats (the log-determinant formula for
        this block-diagonal covariance).
    """
    if noise is None:
        noise = make_rng(seed).standard_normal((2, n, dim))
    if noise.shape[1] < n or noise.shape[2] < dim:
        raise ValueError(f"noise of shape {noise.shape} is too small for n={n}, dim={dim}")
    x = noise[0, :n, :dim]
    y = rho * x + np.sqrt(1.0 - rho * rho) * noise[1, :n, :dim]
    return x, y, dim * gaussian_mi(rho)


def panel_noise(seed=0) -> np.ndarray:
    """The standard normal draws behind :func:`histogram_null_panel` with this seed.

    Pass them as ``noise=`` to :func:`histogram_null_summary` to reproduce the
    panel's numbers at any slider setting. Shape (2, N_MAX, DIM_MAX).
    """
    return make_rng(seed).standard_normal((2, N_MAX, DIM_MAX))


def _cell_labels(a: np.ndarray, bins: int) -> np.ndarray:
    """One integer label per row: the histogram cell of the row in B^d cells."""
    label = np.zeros(a.shape[0], dtype=np.int64)
    for j in range(a.shape[1]):
        label = label * bins + discretize(a[:, j], bins)
    return label


def histogram_null_summary(n, bins, dim, rho, *, n_permutations=99, seed=0, noise=None) -> dict:
    """Histogram MI of Gaussian blocks, its truth and its permutation null.

    ``n_permutations`` defaults to 99 (smallest p-value 0.01), which keeps
    a panel update at N = 2000 and 12^4 cells within its time budget.

    Returns a dict with ``truth`` (nats), ``estimate`` (plug-in MI of the
    cell labels, nats), ``null`` (array of permutation estimates), ``p_value``
    (Phipson-Smyth), ``q95`` (95th percentile of the null: the 5% critical
    value), ``band`` (its 2.5% and 97.5% quantiles), ``cells``
    (B^d per block), ``occupied`` (non-empty cells of the X block),
    ``joint_occupied`` (distinct pairs of X and Y cells), and ``h_x``,
    ``h_y`` (plug-in entropies of the cell labels, nats).

    When every point has a joint cell of its own (``joint_occupied == n``),
    H(X, Y) = ln n, its largest possible value, so the estimate is
    H(X) + H(Y) - ln n, the smallest MI any pairing of these marginals can
    give: no shuffle falls below it and p = 1 whatever the dependence.
    """
    x, y, truth = block_gaussian(n, dim, rho, seed=seed, noise=noise)
    lx, ly = _cell_labels(x, bins), _cell_labels(y, bins)
    res = permutation_test(lx, ly, estimator=mi_discrete, n_permutations=n_permutations, seed=seed)
    joint = lx * (int(ly.max()) + 1) + ly
    return {
        "joint_occupied": int(np.unique(joint).size),
        "h_x": entropy_discrete(lx),
        "h_y": entropy_discrete(ly),
        "truth": float(truth),
        "estimate": res.observed,
        "null": res.null,
        "p_value": res.p_value,
        "q95": float(np.quantile(res.null, 0.95)),
        "band": tuple(float(v) for v in np.quantile(res.null, [0.025, 0.975])),
        "cells": bins**dim,
        "occupied": int(np.unique(lx).size),
    }


def _nice_ceiling(value: float) -> float:
    """The smallest number of the 1-2-5 ladder (..., 0.1, 0.2, 0.5, 1, 2, ...) that is >= value > 0."""
    exponent = math.floor(math.log10(value))
    for m in (1.0, 2.0, 5.0, 10.0):
        if m * 10.0**exponent >= value * (1 - 1e-12):
            return m * 10.0**exponent
    return 10.0 ** (exponent + 1)


def histogram_null_panel(n=500, bins=4, dim=1, rho=0.5, seed=0) -> LivePanel:
    """Sliders for N, bins per coordinate, dimension and rho.

    Shows the permutation null of the histogram estimate (grey histogram,
    scaled to its tallest bar; the shaded band holds its central 95%), the
    estimate (red) and the truth (black, dashed). The MI axis runs from 0 to
    the next step of 0.1, 0.2, 0.5, 1, 2, 5, ... nats above all three, so it
    keeps still while a move leaves that step.
    """
    noise = panel_noise(seed)
    fig = Figure(figsize=(6.4, 3.0))
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.16, top=0.9)  # fixed: a layout engine costs ~30 ms a frame
    ax = fig.add_subplot()
    n_bars = 30
    steps = ax.stairs(np.zeros(n_bars), np.arange(n_bars + 1.0), fill=True, color="0.6", label="permutation null")
    band = ax.axvspan(0.0, 1.0, color="tab:blue", alpha=0.15, label="central 95% of the null")
    line_est = ax.axvline(0.0, color="tab:red", lw=2, label="histogram estimate")
    line_true = ax.axvline(0.0, color="black", ls="--", lw=1.5, label="true MI")
    ax.set_xlabel("MI (nats)")
    ax.set_ylabel("permutation null")
    ax.set_yticks([])  # the null's height is scaled to its tallest bar: no scale to read
    ax.set_ylim(0.0, 1.15)
    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=4, fontsize=8, frameon=False)

    cache: dict = {}  # (n, bins, dim, rho) -> summary

    def numbers(n, bins, dim, rho):
        # LivePanel passes floats as the sliders show them (0.6, not a browser's 0.6000000000000001).
        key = (int(n), int(bins), int(dim), float(rho))
        s = cache.get(key)
        if s is None:
            if len(cache) >= 256:
                cache.clear()
            s = cache[key] = histogram_null_summary(*key, seed=seed, noise=noise)
        return s

    def update(fig, n, bins, dim, rho):
        s = numbers(n, bins, dim, rho)
        null = s["null"]
        lo, hi = float(null.min()), float(null.max())
        if hi - lo < 1e-9:
            lo, hi = lo - 1e-3, hi + 1e-3
        counts, edges = np.histogram(null, bins=n_bars, range=(lo, hi))
        steps.set_data(counts / counts.max(), edges)
        band.set_x(s["band"][0])  # a Rectangle in data units along x, full height
        band.set_width(s["band"][1] - s["band"][0])
        line_est.set_xdata([s["estimate"], s["estimate"]])
        line_true.set_xdata([s["truth"], s["truth"]])
        right = _nice_ceiling(max(s["estimate"], s["truth"], hi) * 1.08)
        if ax.get_xlim() != (0.0, right):
            ax.set_xlim(0.0, right)
        text = (
            f"true I = {s['truth']:.3f} nats | histogram estimate {s['estimate']:.3f} nats | "
            f"p = {s['p_value']:.3f}\n"
            f"permutation null: mean {null.mean():.3f}, central 95% [{s['band'][0]:.3f}, {s['band'][1]:.3f}] nats | "
            f"{bins}^{dim} = {s['cells']} cells per block, {s['occupied']} occupied by the {n} points"
        )
        if s["joint_occupied"] == n:
            text += (
                f"\nno power: every point has a joint cell of its own, so the estimate is H(X) + H(Y) - ln N = "
                f"{s['h_x']:.3f} + {s['h_y']:.3f} - {np.log(n):.3f}, the smallest value any shuffle can give"
            )
        return text

    controls = {
        "n": widgets.IntSlider(value=n, min=100, max=N_MAX, step=100, description="N"),
        "bins": widgets.IntSlider(value=bins, min=2, max=12, step=1, description="bins per axis"),
        "dim": widgets.IntSlider(value=dim, min=1, max=DIM_MAX, step=1, description="dimension d"),
        "rho": widgets.FloatSlider(value=rho, min=0.0, max=0.95, step=0.05, description="rho"),
    }
    return LivePanel(controls, update, fig)


#: Every panel of this notebook: name -> (factory, the most expensive slider values).
PANELS = {
    "histogram_null": (histogram_null_panel, {"n": 2000, "bins": 12, "dim": 4, "rho": 0.95}),
}
