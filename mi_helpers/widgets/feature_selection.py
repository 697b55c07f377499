"""Panel of notebook 05 (feature selection): MI ranking versus mRMR.

Everything slow (MI relevance per neighbour option, the KSG redundancy
matrices, the cross-validated accuracies of every setting) is computed once
by :class:`mi_helpers.selection.SelectionStudy`; a slider move only looks
numbers up and changes artists in place.
"""

from __future__ import annotations

import functools

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from ..selection import SelectionStudy, add_noisy_copies
from ._panel import LivePanel

__all__ = ["COPY_COLUMNS", "K_OPTIONS", "NOISE_LEVELS", "PANELS", "WEIGHT_OPTIONS", "selection_panel", "selection_summary", "wine_study"]

#: The notebook's recipe: wine columns 6, 12, 9 (flavanoids, proline,
#: colour intensity) each get a near-duplicate (0.1 sd noise) and a noisy
#: copy (0.4 sd).
COPY_COLUMNS = (6, 12, 9)
NOISE_LEVELS = (0.1, 0.4)
#: Neighbour options of the MI estimators and redundancy weights of the panel.
K_OPTIONS = (3, 10)
WEIGHT_OPTIONS = (0.0, 0.25, 0.5, 1.0, 2.0)


@functools.lru_cache(maxsize=2)
def wine_study(seed=0):
    """The wine data with noisy copies and its :class:`SelectionStudy` (cached).

    Returns ``(study, names)``. The classifier is Gaussian naive Bayes;
    the grid is ``K_OPTIONS`` x ``WEIGHT_OPTIONS``; 5 stratified folds.
    """
    from sklearn.datasets import load_wine
    from sklearn.naive_bayes import GaussianNB

    from .._validation import collect_tie_warnings

    data = load_wine()
    X, names = add_noisy_copies(data.data, data.feature_names, COPY_COLUMNS, NOISE_LEVELS, seed=seed)
    with collect_tie_warnings():
        # The wine measurements are rounded to 0.01; notebook 05 checks that the ties move the KSG values little.
        # (The collector is local to this context: no process-wide warning filter changes.)
        study = SelectionStudy(X, data.target, estimator=GaussianNB(), neighbors=K_OPTIONS, weights=WEIGHT_OPTIONS, seed=seed)
    return study, names


def selection_summary(study, names, n_features, k, weight) -> dict:
    """Numbers the panel shows for one setting.

    Returns a dict with ``picked`` (names mRMR picks on the full data, in
    order; weight 0 is MI ranking), ``acc`` (mean CV accuracy at
    ``n_features`` for "mrmr", "mi", "f_test", "random") and ``curves``
    (the four mean-accuracy curves over 1..p features).
    """
    curves = {
        "mrmr": study.curve("mrmr", k=k, weight=weight),
        "mi": study.curve("mi", k=k),
        "f_test": study.curve("f_test"),
        "random": study.curve("random"),
    }
    if not 1 <= n_features <= len(study.sizes):
        raise ValueError(f"n_features must lie in 1..{len(study.sizes)}, got {n_features}")
    picked = study.selected(n_features, k=k, weight=weight)
    return {
        "picked_idx": picked,
        "picked": [names[i] for i in picked],
        "acc": {m: float(c[n_features - 1]) for m, c in curves.items()},
        "curves": curves,
    }


def selection_panel(study=None, names=None, *, n_features=3, k=3, weight=1.0) -> LivePanel:
    """Number of features kept, neighbours k and redundancy weight of mRMR.

    Left: cross-validated accuracy against the number of features kept for
    mRMR (current k and weight), MI ranking (current k), the F-test and a
    random order. Right: the relevance I(X_j; Y) of every feature at the
    current k, with the features mRMR keeps on the full data in colour and
    numbered in pick order. Without arguments it builds :func:`wine_study`.
    """
    if study is None:
        study, names = wine_study()
    if names is None or len(names) != len(study.sizes):
        raise ValueError("names must give one name per column of the study's data")
    p = len(study.sizes)
    sizes = study.sizes

    fig = Figure(figsize=(9.6, 3.9), layout="constrained")
    ax_cv, ax_rel = fig.subplots(1, 2, width_ratios=[1.0, 1.1])
    first = selection_summary(study, names, n_features, k, weight)
    styles = {
        "mrmr": dict(color="tab:orange", lw=2.2, label="mRMR"),
        "mi": dict(color="tab:blue", lw=1.6, label="MI ranking"),
        "f_test": dict(color="0.35", lw=1.2, ls="--", label="F-test"),
        "random": dict(color="0.6", lw=1.2, ls=":", label="random order"),
    }
    # Artists are changed only when their data changes: an unchanged artist stays in the
    # renderer's cached layers. The bars are one collection, the dots one scatter.
    lines = {}
    for m, style in styles.items():
        (lines[m],) = ax_cv.plot(sizes, first["curves"][m], **style)
    methods = list(styles)
    dots = ax_cv.scatter([n_features] * len(methods), [first["acc"][m] for m in methods],
                         c=[styles[m]["color"] for m in methods], s=36, zorder=3)
    vline = ax_cv.axvline(n_features, color="0.8", lw=1, zorder=0)
    ax_cv.set_xlim(0.5, p + 0.5)
    ax_cv.set_xticks(sizes[::2] if p > 10 else sizes)
    ax_cv.set_ylim(0.5, 1.0)
    ax_cv.set_xlabel("number of features kept")
    ax_cv.set_ylabel("5-fold CV accuracy")
    ax_cv.legend(loc="lower right", fontsize=8)

    rel_max = max(float(r.max()) for r in study.relevance.values())
    ypos = np.arange(p)[::-1]
    half = 0.35  # bar height 0.7

    def bar_verts(widths):
        return [[(0, y - half), (w, y - half), (w, y + half), (0, y + half)] for y, w in zip(ypos, widths)]

    grey, orange = to_rgba("0.75"), to_rgba("tab:orange")
    bars = PolyCollection(bar_verts(study.relevance[k]), facecolors=[grey] * p, edgecolors="none", linewidths=0)
    ax_rel.add_collection(bars, autolim=False)
    labels = [ax_rel.text(0.0, y, "", va="center", ha="left", fontsize=7) for y in ypos]
    ax_rel.set_yticks(ypos, names, fontsize=7)
    ax_rel.set_xlim(0, rel_max * 1.15)
    pad = 0.05 * (p - 1 + 2 * half)  # matplotlib's default 5% margin around the bars
    ax_rel.set_ylim(-half - pad, p - 1 + half + pad)
    ax_rel.set_xlabel("relevance I(X_j; class) [nats]")
    ax_rel.set_title("orange: picked on all data, numbered in pick order", fontsize=10)
    ax_cv.set_title("mRMR at the current k and weight", fontsize=10)
    shown = {"k": None, "n": None, "curves": {}, "colors": None, "labels": [None] * p}

    def update(fig, n_features, k, weight):
        s = selection_summary(study, names, n_features, k, weight)
        for m in styles:
            y = s["curves"][m]
            if not np.array_equal(shown["curves"].get(m), y):
                lines[m].set_ydata(y)
                shown["curves"][m] = np.array(y, copy=True)
        dots.set_offsets(np.column_stack([[n_features] * len(methods), [s["acc"][m] for m in methods]]))
        if shown["n"] != n_features:
            vline.set_xdata([n_features, n_features])
            shown["n"] = n_features
        rel = study.relevance[k]
        if shown["k"] != k:
            bars.set_verts(bar_verts(rel))
            shown["k"] = k
        order = {int(j): r + 1 for r, j in enumerate(s["picked_idx"])}
        colors = [orange if j in order else grey for j in range(p)]
        if colors != shown["colors"]:
            bars.set_facecolors(colors)
            shown["colors"] = colors
        for j, lab in enumerate(labels):
            state = (rel[j] + 0.01 * rel_max, str(order.get(j, "")), j in order)
            if state != shown["labels"][j]:
                lab.set_x(state[0])
                lab.set_text(state[1])
                lab.set_visible(state[2])
                shown["labels"][j] = state
        a = s["acc"]
        return (
            f"k = {k}, weight = {weight:g}, keep {n_features}: " + ", ".join(s["picked"]) + "\n"
            f"CV accuracy: mRMR {a['mrmr']:.3f} | MI ranking {a['mi']:.3f} | "
            f"F-test {a['f_test']:.3f} | random order {a['random']:.3f}"
        )

    controls = {
        "n_features": widgets.IntSlider(value=n_features, min=1, max=p, step=1, description="features kept"),
        "k": widgets.SelectionSlider(options=list(study.neighbors), value=k, description="neighbours k"),
        "weight": widgets.SelectionSlider(options=list(study.weights), value=float(weight), description="redundancy w"),
    }
    return LivePanel(controls, update, fig)


#: Every panel of this notebook: name -> (factory, the most expensive slider values).
PANELS = {
    "selection": (selection_panel, {"n_features": 19, "k": 10, "weight": 2.0}),
}
