"""Panel of notebook 03 (MI versus correlation): one relation, four numbers, live."""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..association import association_table, relation_truth
from ..synthetic import RELATIONS, relation_sample
from ._panel import LivePanel

__all__ = ["MAX_N", "MAX_NOISE", "PANELS", "relation_frame", "relation_numbers", "relation_panel"]

#: Bar labels of the panel, in drawing order (top to bottom).
MEASURES = ("Pearson r", "Spearman", "info. coef.")


def relation_numbers(kind, noise, n, *, k=3, seed=0) -> dict:
    """Sample one relation and compute the four numbers beside their truth.

    Parameters
    ----------
    kind : str
        One of ``RELATIONS``.
    noise : float >= 0
        Noise level, as in :func:`mi_helpers.synthetic.relation_sample`.
    n : int
        Sample size.
    k : int, default 3
        KSG neighbours.
    seed : int, default 0
        The same seed at every call, so a slider move changes only its own
        quantity (the first n points of a larger draw are the same points).

    Returns
    -------
    dict
        ``x``, ``y``: the sample; ``estimate``: :func:`association_table` of
        it (``pearson``, ``spearman``, ``mi`` in nats, ``ic``); ``truth``:
        :func:`relation_truth` (the same keys, population values).
    """
    x, y = relation_sample(kind, n, noise, seed=seed)
    return {"x": x, "y": y, "estimate": association_table(x, y, k=k), "truth": relation_truth(kind, noise)}


#: Largest N and noise offered by :func:`relation_panel`.
MAX_N = 5000
MAX_NOISE = 1.0


def relation_frame(kind, *, seed=0, n=MAX_N, max_noise=MAX_NOISE) -> tuple[tuple[float, float], tuple[float, float]]:
    """Axis limits that hold the sample of ``kind`` at every N <= ``n`` and noise <= ``max_noise``.

    The first N points of a draw are the same for every N, and every point
    moves linearly with the noise level (the noise columns are only scaled),
    so the union of the draws at noise 0 and ``max_noise`` with ``n`` points
    holds every setting. Returns ((x0, x1), (y0, y1)) with 4% padding.
    Cost: two draws of ``n`` points.
    """
    draws = [relation_sample(kind, n, level, seed=seed) for level in (0.0, max_noise)]
    out = []
    for i in range(2):
        lo = min(float(d[i].min()) for d in draws)
        hi = max(float(d[i].max()) for d in draws)
        pad = 0.04 * (hi - lo)
        out.append((lo - pad, hi + pad))
    return out[0], out[1]


def _fmt_mi(value) -> str:
    return "inf" if math.isinf(value) else f"{value:.3f}"


def relation_panel(kind="circle", noise=0.2, n=1000, seed=0) -> LivePanel:
    """Relation, noise and sample-size controls; scatter plot and four numbers.

    Left: the sample, in a frame fixed for each relation (it holds the sample
    at every noise level and N the sliders offer, so more noise visibly
    spreads the points). Right: Pearson r, Spearman's rho and the information
    coefficient sqrt(1 - exp(-2 I)) of the KSG estimate as bars, each with
    its population value as a black tick. The text gives the numbers and the
    MI in nats beside its true value. The numbers are cached per (relation,
    noise, N), so going back to a setting costs only a fresh draw (1 ms) and
    the redraw.
    """
    # Fixed margins instead of a layout engine: any layout engine makes savefig draw the
    # figure twice, and the redraw is most of an update's time.
    fig = Figure(figsize=(7.2, 3.1))
    ax_pts, ax_bar = fig.subplots(
        1, 2, gridspec_kw={"width_ratios": [1.1, 1.0], "left": 0.085, "right": 0.98, "bottom": 0.16, "top": 0.97, "wspace": 0.42}
    )
    points = ax_pts.scatter([], [], s=5, alpha=0.4, linewidths=0)
    ax_pts.set_xlabel("x", labelpad=1)
    ax_pts.set_ylabel("y", labelpad=1)
    for axis in (ax_pts.xaxis, ax_pts.yaxis):
        axis.set_major_locator(MaxNLocator(5))
    ypos = np.arange(len(MEASURES))[::-1]
    bars = ax_bar.barh(ypos, np.zeros(len(MEASURES)), height=0.55, color=["tab:blue", "tab:orange", "tab:green"])
    ticks = ax_bar.scatter(np.zeros(len(MEASURES)), ypos, marker="|", s=500, linewidths=2.5, color="black", zorder=3)
    ax_bar.axvline(0.0, color="0.6", linewidth=0.8)
    ax_bar.set_xlim(-1.05, 1.05)
    ax_bar.set_xticks([-1.0, -0.5, 0.0, 0.5, 1.0])
    ax_bar.set_ylim(-0.7, len(MEASURES) - 0.3)
    ax_bar.set_yticks(ypos, MEASURES)
    ax_bar.set_xlabel("bars: this sample; |: population", labelpad=1)
    cache: dict = {}  # (kind, noise, n) -> (estimate, truth): a few numbers per setting, never the samples
    shown = {}

    def update(fig, kind, noise, n):
        # LivePanel passes floats as the sliders show them (0.61, not a browser's 0.6100000000000001).
        key = (kind, float(noise), int(n))
        if key in cache:
            x, y = relation_sample(kind, n, noise, seed=seed)  # about 1 ms; the same points as before
            est, tru = cache[key]
        else:
            r = relation_numbers(kind, noise, n, seed=seed)
            x, y, est, tru = r["x"], r["y"], r["estimate"], r["truth"]
            cache[key] = (est, tru)
        points.set_offsets(np.column_stack([x, y]))
        if shown.get("kind") != kind:
            (x0, x1), (y0, y1) = relation_frame(kind, seed=seed)
            ax_pts.set_xlim(x0, x1)
            ax_pts.set_ylim(y0, y1)
            shown["kind"] = kind
        values = [est["pearson"], est["spearman"], est["ic"]]
        truths = [tru["pearson"], tru["spearman"], tru["ic"]]
        for bar, v in zip(bars, values):
            bar.set_width(v)
        ticks.set_offsets(np.column_stack([truths, ypos]))
        return (
            f"{kind}, noise {noise:.2f}, N = {n}: Pearson r = {est['pearson']:.3f} (true {tru['pearson']:.3f}), "
            f"Spearman = {est['spearman']:.3f} (true {tru['spearman']:.3f})\n"
            f"MI (KSG, k=3) = {est['mi']:.3f} nats (true {_fmt_mi(tru['mi'])}), "
            f"information coefficient = {est['ic']:.3f} (true {tru['ic']:.3f})"
        )

    controls = {
        "kind": widgets.Dropdown(options=list(RELATIONS), value=kind, description="relation"),
        "noise": widgets.FloatSlider(value=noise, min=0.0, max=MAX_NOISE, step=0.05, description="noise", readout_format=".2f"),
        "n": widgets.IntSlider(value=n, min=100, max=MAX_N, step=100, description="N"),
    }
    return LivePanel(controls, update, fig)


#: Every panel of this notebook: name -> (factory, the most expensive slider values).
#: The benchmark suite and the tests discover panels through these registries.
PANELS = {
    "relation": (relation_panel, {"kind": "heteroscedastic", "noise": 0.05, "n": 5000}),
}
