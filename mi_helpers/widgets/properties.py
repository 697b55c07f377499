"""Panels of notebook 02 (properties): the data processing inequality and invariance.

* :func:`dpi_panel`: a Gaussian Markov chain X -> Y -> Z with a noise slider
  for each link; bars of I(X;Y), I(Y;Z), I(X;Z), closed form beside the KSG
  estimate, and the bound min(I(X;Y), I(Y;Z)) that I(X;Z) never exceeds.
* :func:`invariance_panel`: an invertible transform of a Gaussian pair, a
  bin count and the kind of bins; the true MI does not move, KSG moves a
  little, a histogram with equal-width bins moves a lot and one with
  equal-frequency bins not at all.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from ..conditional import gaussian_cmi
from ..estimators import gaussian_mi, mi_binned, mi_ksg
from ..synthetic import correlated_gaussian, gaussian_chain
from ._panel import LivePanel

__all__ = [
    "BIN_KINDS",
    "PANELS",
    "TRANSFORMS",
    "bin_edges",
    "chain_estimates",
    "dpi_panel",
    "invariance_estimates",
    "invariance_panel",
]

_PAIRS = (("I(X;Y)", 0, 1), ("I(Y;Z)", 1, 2), ("I(X;Z)", 0, 2))


def chain_estimates(noise1, noise2, n, *, k=3, seed=0, cache=None) -> dict:
    """Closed-form and KSG mutual informations along a Gaussian chain.

    The chain is X ~ N(0, 1), Y = X + noise1 e1, Z = Y + noise2 e2
    (:func:`mi_helpers.synthetic.gaussian_chain`).

    Parameters
    ----------
    noise1, noise2 : float >= 0
        Noise standard deviations of the two links.
    n : int
        Sample size of the draw the estimates use.
    k : int, default 3
        Neighbours of the KSG estimator.
    seed : int, default 0
    cache : dict, optional
        Reused across calls to keep KSG values by the slider values they
        depend on. The draw of (X, Y) does not depend on ``noise2``, so
        moving only the second noise re-estimates two MIs instead of three.

    Returns
    -------
    dict
        ``truth`` and ``ksg``: dicts ``{"I(X;Y)": ..., "I(Y;Z)": ...,
        "I(X;Z)": ...}`` in nats; ``bound_truth`` and ``bound_ksg``: the
        right-hand side min(I(X;Y), I(Y;Z)) of the data processing
        inequality for each; ``holds_truth`` and ``holds_ksg``: whether
        I(X;Z) <= that bound; ``x``, ``y``, ``z``: the samples.
        The truth for a pair with correlation r is -0.5 ln(1 - r^2).
    """
    x, y, z, cov = gaussian_chain(n, noise1, noise2, seed=seed)
    data = (x, y, z)
    truth = {name: gaussian_cmi(cov, i, j) for name, i, j in _PAIRS}
    cache = {} if cache is None else cache
    ksg = {}
    for name, i, j in _PAIRS:
        key = (name, noise1, None if name == "I(X;Y)" else noise2, n, k, seed)
        if key not in cache:
            # One thread: at these sizes threads gain little and compete with rendering.
            cache[key] = mi_ksg(data[i], data[j], k=k, workers=1)
        ksg[name] = cache[key]
    out = {"truth": truth, "ksg": ksg, "x": x, "y": y, "z": z}
    for key, vals in (("truth", truth), ("ksg", ksg)):
        bound = min(vals["I(X;Y)"], vals["I(Y;Z)"])
        out[f"bound_{key}"] = bound
        out[f"holds_{key}"] = bool(vals["I(X;Z)"] <= bound + 1e-12)
    return out


def dpi_panel(noise1=0.5, noise2=1.0, n=1000, seed=0) -> LivePanel:
    """Noise sliders for the two links of a Gaussian chain X -> Y -> Z.

    Bars show each pairwise MI in closed form and estimated by KSG; a dashed
    line marks min(I(X;Y), I(Y;Z)), which the true I(X;Z) never exceeds.
    """
    # Fixed margins instead of a layout engine: the axes limits never change, and
    # re-running constrained layout on every redraw would cost about 15 ms.
    cache: dict = {}
    fig = Figure(figsize=(6.0, 3.4))
    fig.subplots_adjust(left=0.11, right=0.98, bottom=0.09, top=0.9)
    ax = fig.add_subplot()
    pos = np.arange(len(_PAIRS))
    width = 0.38
    bars_truth = ax.bar(pos - width / 2, np.zeros(3), width, color="#4c72b0", label="closed form")
    bars_ksg = ax.bar(pos + width / 2, np.zeros(3), width, color="#dd8452", label="KSG estimate (k=3)")
    bound_truth = ax.axhline(0.0, color="#4c72b0", ls="--", lw=1.2, label="DPI bound min(I(X;Y), I(Y;Z)), closed form")
    ax.set_xticks(pos, [name for name, _, _ in _PAIRS])
    ax.set_ylim(-0.1, 2.7)
    ax.set_ylabel("mutual information (nats)")
    ax.axhline(0.0, color="black", lw=0.6)
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    ax.set_title("X → Y = X + σ₁·e₁ → Z = Y + σ₂·e₂  (σ₁, σ₂: the noise sliders)", fontsize=10)

    def update(fig, noise1, noise2, n):
        # LivePanel passes floats as the sliders show them (0.6, not a browser's 0.6000000000000001).
        e = chain_estimates(float(noise1), float(noise2), int(n), seed=seed, cache=cache)
        for i, (name, _, _) in enumerate(_PAIRS):
            for bars, key in ((bars_truth, "truth"), (bars_ksg, "ksg")):
                bars[i].set_height(e[key][name])
        bound_truth.set_ydata([e["bound_truth"]] * 2)
        t, s = e["truth"], e["ksg"]
        gap = s["I(X;Z)"] - e["bound_ksg"]
        verdict = "holds" if e["holds_ksg"] else f"exceeded by {gap:.3f}: sampling noise"
        return (
            f"closed form: I(X;Y) = {t['I(X;Y)']:.3f}, I(Y;Z) = {t['I(Y;Z)']:.3f}, "
            f"I(X;Z) = {t['I(X;Z)']:.3f} <= min = {e['bound_truth']:.3f} nats (holds)\n"
            f"KSG (N = {n}): I(X;Y) = {s['I(X;Y)']:.3f}, I(Y;Z) = {s['I(Y;Z)']:.3f}, "
            f"I(X;Z) = {s['I(X;Z)']:.3f} vs min = {e['bound_ksg']:.3f} nats ({verdict})"
        )

    slider = dict(min=0.1, max=3.0, step=0.05, continuous_update=True, readout_format=".2f")
    controls = {
        "noise1": widgets.FloatSlider(value=noise1, description="noise X→Y", **slider),
        "noise2": widgets.FloatSlider(value=noise2, description="noise Y→Z", **slider),
        "n": widgets.IntSlider(value=n, min=200, max=3000, step=100, description="N"),
    }
    return LivePanel(controls, update, fig)


#: Invertible maps offered by :func:`invariance_panel`: name -> (f applied to x, g applied to y).
TRANSFORMS = {
    "none": (lambda a: a, lambda b: b),
    "x -> exp(x)": (np.exp, lambda b: b),
    "x -> x^3": (lambda a: a**3, lambda b: b),
    "x -> exp(x), y -> y^3": (np.exp, lambda b: b**3),
}


#: Kinds of histogram bins offered by :func:`invariance_panel`: label -> ``strategy`` of :func:`mi_binned`.
BIN_KINDS = {"equal width": "uniform", "equal frequency": "quantile"}


def invariance_estimates(transform, bins, *, strategy="uniform", rho=0.8, n=2000, k=3, seed=0, cache=None) -> dict:
    """MI of a Gaussian pair before and after an invertible map, three ways.

    Parameters
    ----------
    transform : str
        A key of :data:`TRANSFORMS`.
    bins : int
        Bins per variable of the histogram estimator.
    strategy : {"uniform", "quantile"}, default "uniform"
        Equal-width or equal-frequency bins (:func:`mi_binned`). Equal-
        frequency codes depend only on ranks, so every map here (all are
        strictly increasing) leaves that histogram estimate exactly unchanged.
    rho : float, default 0.8
        Correlation of the Gaussian pair (truth -0.5 ln(1 - rho^2) nats).
    n : int, default 2000
    k : int, default 3
    seed : int, default 0
    cache : dict, optional
        Reused across calls to keep the sample and its KSG values (they do
        not depend on ``bins``), so a panel recomputes only the histogram.

    Returns
    -------
    dict
        ``u``, ``v``: the transformed samples; ``truth`` (nats, unchanged
        by any invertible map); ``ksg_raw``, ``ksg``: KSG before and after;
        ``binned_raw``, ``binned``: the histogram with ``bins`` bins of the
        given ``strategy`` before and after (nats).
    """
    if transform not in TRANSFORMS:
        raise ValueError(f"transform must be one of {list(TRANSFORMS)}, got {transform!r}")
    key = (rho, n, k, seed)
    cache = {} if cache is None else cache
    if key not in cache:
        x, y = correlated_gaussian(n, rho, seed=seed)
        cache[key] = {"x": x, "y": y, "ksg_raw": mi_ksg(x, y, k=k, workers=1), "ksg": {}}
    c = cache[key]
    f, g = TRANSFORMS[transform]
    u, v = f(c["x"]), g(c["y"])
    if transform not in c["ksg"]:
        c["ksg"][transform] = mi_ksg(u, v, k=k, workers=1)
    return {
        "u": u,
        "v": v,
        "truth": gaussian_mi(rho),
        "ksg_raw": c["ksg_raw"],
        "ksg": c["ksg"][transform],
        "binned_raw": mi_binned(c["x"], c["y"], bins=bins, strategy=strategy),
        "binned": mi_binned(u, v, bins=bins, strategy=strategy),
    }


def bin_edges(v, bins, strategy="uniform"):
    """Edges of the ``bins`` histogram bins of ``v``, as :func:`mi_binned` places them.

    "uniform": equal widths over the range. "quantile": the range's ends and
    the distinct interior quantiles at 1/B, ..., (B-1)/B (for drawing).
    """
    if strategy == "uniform":
        return np.histogram_bin_edges(v, bins=bins)
    if strategy != "quantile":
        raise ValueError(f"strategy must be 'uniform' or 'quantile', got {strategy!r}")
    inner = np.unique(np.quantile(v, np.linspace(0.0, 1.0, bins + 1)[1:-1]))
    return np.concatenate([[v.min()], inner[inner > v.min()], [v.max()]])


def _grid_segments(u, v, bins, strategy="uniform"):
    xe = bin_edges(u, bins, strategy)
    ye = bin_edges(v, bins, strategy)
    vert = [((a, ye[0]), (a, ye[-1])) for a in xe]
    horiz = [((xe[0], b), (xe[-1], b)) for b in ye]
    return vert + horiz, (xe[0], xe[-1]), (ye[0], ye[-1])


def invariance_panel(transform="x -> x^3", bins=10, kind="equal width", rho=0.8, n=2000, seed=0) -> LivePanel:
    """Transform, bin-count and bin-kind controls for a Gaussian pair.

    The scatter shows the transformed sample with the histogram's bin grid
    (equal-width or equal-frequency, see :data:`BIN_KINDS`); the text gives
    the true MI, KSG and the histogram estimate before and after the map.
    """
    cache: dict = {}
    fig = Figure(figsize=(4.6, 3.4))
    fig.subplots_adjust(left=0.15, right=0.97, bottom=0.13, top=0.97)  # fixed margins: faster redraws
    ax = fig.add_subplot()
    points = ax.scatter([], [], s=4, alpha=0.4, color="#4c72b0")
    grid = LineCollection([], colors="#c44e52", linewidths=0.6, alpha=0.7)
    ax.add_collection(grid)
    ax.set_xlabel("transformed x")
    ax.set_ylabel("transformed y")

    def update(fig, transform, bins, kind):
        strategy = BIN_KINDS[kind]
        e = invariance_estimates(transform, bins, strategy=strategy, rho=rho, n=n, seed=seed, cache=cache)
        points.set_offsets(np.column_stack([e["u"], e["v"]]))
        segs, (x0, x1), (y0, y1) = _grid_segments(e["u"], e["v"], bins, strategy)
        grid.set_segments(segs)
        px, py = 0.03 * (x1 - x0), 0.03 * (y1 - y0)
        ax.set_xlim(x0 - px, x1 + px)
        ax.set_ylim(y0 - py, y1 + py)
        return (
            f"true I = {e['truth']:.3f} nats before and after (the map is invertible)\n"
            f"KSG: {e['ksg_raw']:.3f} -> {e['ksg']:.3f} nats | "
            f"histogram ({bins} {kind} bins): {e['binned_raw']:.3f} -> {e['binned']:.3f} nats"
        )

    controls = {
        "transform": widgets.Dropdown(options=list(TRANSFORMS), value=transform, description="map"),
        "bins": widgets.IntSlider(value=bins, min=2, max=40, step=1, description="bins"),
        "kind": widgets.Dropdown(options=list(BIN_KINDS), value=kind, description="bin kind"),
    }
    return LivePanel(controls, update, fig)


#: Every panel of this notebook: name -> (factory, the most expensive slider values).
PANELS = {
    "dpi": (dpi_panel, {"noise1": 0.1, "noise2": 0.1, "n": 3000}),
    "invariance": (invariance_panel, {"transform": "x -> exp(x), y -> y^3", "bins": 40, "kind": "equal frequency"}),
}
