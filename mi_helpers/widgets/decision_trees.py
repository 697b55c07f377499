"""Panel of notebook 06 (decision trees): a threshold split and its information gain.

For every feature offered, the whole information-gain curve and the class
counts left of every candidate threshold are computed once, when the panel
is built (:func:`split_table`); a slider move is a lookup plus in-place
artist updates.
"""

from __future__ import annotations

import functools

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from .._validation import as_labels
from ..trees import FEATURE_THRESHOLD, _impurity_rows, split_gains
from ._panel import LivePanel

__all__ = ["DEFAULT_FEATURES", "PANELS", "breast_cancer_tables", "split_panel", "split_state", "split_table"]

#: Breast-cancer features offered by the panel: strong, medium and weak ones.
DEFAULT_FEATURES = (
    "worst perimeter",
    "mean concave points",
    "mean texture",
    "worst smoothness",
    "mean fractal dimension",
)


def split_table(feature, labels, *, bins=30, base=2) -> dict:
    """Everything the panel shows for one feature, computed once.

    Parameters
    ----------
    feature : array-like, shape (n,)
    labels : array-like, shape (n,)
    bins : int
        Histogram bins over the feature's range.
    base : float, default 2
        Units of the information gain (2: bits).

    Returns
    -------
    dict
        ``thresholds`` and ``gains`` (:func:`mi_helpers.trees.split_gains`),
        ``left_counts`` (class counts left of each threshold, shape (m, K)),
        ``total_counts`` (K,), ``edges`` and ``hist`` (K, bins) for the class
        histograms, ``best`` (index of the best threshold), ``h_parent``
        (class entropy, ``base`` units), ``classes`` (label values).
    """
    x = np.asarray(feature, dtype=np.float64)
    codes, k = as_labels(labels, "labels")
    classes = np.unique(np.asarray(labels))
    thresholds, gains = split_gains(x, codes, criterion="entropy", base=base)
    order = np.argsort(x, kind="stable")
    s = x[order]
    cut = np.flatnonzero(s[1:] > s[:-1] + FEATURE_THRESHOLD)
    onehot = np.zeros((len(x), k))
    onehot[np.arange(len(x)), codes[order]] = 1.0
    left_counts = np.cumsum(onehot, axis=0)[cut]
    edges = np.linspace(x.min(), x.max(), bins + 1)
    hist = np.array([np.histogram(x[codes == c], bins=edges)[0] for c in range(k)])
    total = np.bincount(codes, minlength=k).astype(np.float64)
    return {
        "thresholds": thresholds,
        "gains": gains,
        "left_counts": left_counts,
        "total_counts": total,
        "edges": edges,
        "hist": hist,
        "best": int(np.argmax(gains)) if gains.size else -1,
        "h_parent": float(_impurity_rows(total[None, :], "entropy", np.log(base))[0]),
        "classes": classes,
        "base": base,
    }


def split_state(table, left_fraction) -> dict:
    """The candidate split whose left side holds the fraction closest to ``left_fraction``.

    Returns a dict with the ``index`` of that candidate, its ``threshold``,
    ``gain``, ``left`` and ``right`` class counts and the entropies
    ``h_left``, ``h_right`` (units of the table's ``base``).
    """
    if not 0.0 <= left_fraction <= 1.0:
        raise ValueError(f"left_fraction must lie in [0, 1], got {left_fraction}")
    n = table["total_counts"].sum()
    n_left = table["left_counts"].sum(axis=1)
    i = int(np.argmin(np.abs(n_left / n - left_fraction)))
    left = table["left_counts"][i]
    right = table["total_counts"] - left
    h = _impurity_rows(np.stack([left, right]), "entropy", np.log(table["base"]))
    return {
        "index": i,
        "threshold": float(table["thresholds"][i]),
        "gain": float(table["gains"][i]),
        "left": left,
        "right": right,
        "h_left": float(h[0]),
        "h_right": float(h[1]),
    }


@functools.lru_cache(maxsize=1)
def breast_cancer_tables(features=DEFAULT_FEATURES):
    """Split tables of the chosen breast-cancer features (float32, as a tree sees them).

    Returns ``(tables, class_names)``; ``tables`` maps feature name to
    :func:`split_table`. Data: scikit-learn's bundled Wisconsin diagnostic
    breast cancer set.
    """
    from sklearn.datasets import load_breast_cancer

    data = load_breast_cancer()
    names = list(data.feature_names)
    X32 = data.data.astype(np.float32)
    tables = {}
    for f in features:
        if f not in names:
            raise ValueError(f"unknown breast-cancer feature {f!r}")
        tables[f] = split_table(X32[:, names.index(f)], data.target)
    return tables, [str(c) for c in data.target_names]


def split_panel(tables=None, class_names=None, *, feature=None, left_fraction=0.5) -> LivePanel:
    """Feature dropdown and threshold slider for one split of the class label.

    Left: the class histograms of the feature with the threshold. Middle:
    the class counts on each side and their entropies. Right: the
    information gain of every threshold (precomputed) with the current
    split and the best one. Without arguments it uses
    :func:`breast_cancer_tables`.
    """
    if tables is None:
        tables, class_names = breast_cancer_tables()
    names = list(tables)
    feature = names[0] if feature is None else feature
    if feature not in tables:
        raise ValueError(f"feature must be one of {names}, got {feature!r}")
    first = next(iter(tables.values()))
    k = len(first["total_counts"])
    class_names = [str(c) for c in first["classes"]] if class_names is None else list(class_names)
    colours = ["tab:red", "tab:blue", "tab:green", "tab:purple", "tab:olive"][:k]
    base_unit = "bits" if first["base"] == 2 else "nats" if np.isclose(first["base"], np.e) else f"log base {first['base']:g}"

    fig = Figure(figsize=(10.4, 3.3), layout="constrained")
    ax_hist, ax_counts, ax_gain = fig.subplots(1, 3, width_ratios=[1.2, 0.8, 1.2])
    t0 = tables[feature]
    steps = [
        ax_hist.stairs(t0["hist"][c], t0["edges"], fill=True, alpha=0.45, color=colours[c], label=class_names[c])
        for c in range(k)
    ]
    thr_line = ax_hist.axvline(0.0, color="black", lw=1.5)
    ax_hist.set_ylim(0, 1.1 * max(t["hist"].max() for t in tables.values()))
    ax_hist.set_ylabel("samples")
    ax_hist.legend(fontsize=8, loc="upper right")
    ax_hist.set_title("class histograms; black: the threshold t", fontsize=10)

    width = 0.8 / k
    count_bars = []
    for c in range(k):
        bars = ax_counts.bar(np.arange(2) + (c - (k - 1) / 2) * width, [0, 0], width=width, color=colours[c], alpha=0.75)
        count_bars.append(bars)
    n_max = max(t["total_counts"].max() for t in tables.values())
    ax_counts.set_ylim(0, 1.45 * n_max)
    ax_counts.legend(
        [bars[0] for bars in count_bars], class_names, fontsize=8, loc="upper center", ncols=k, frameon=False
    )
    ax_counts.set_xticks([0, 1], ["left: x <= t", "right: x > t"])
    ax_counts.set_ylabel("samples")
    h_texts = [ax_counts.text(i, 1.12 * n_max, "", ha="center", fontsize=8) for i in range(2)]
    ax_counts.set_title(f"class counts; entropy H in {base_unit}", fontsize=10)

    (gain_line,) = ax_gain.plot([], [], color="tab:orange", lw=1.4)
    (best_dot,) = ax_gain.plot([], [], "*", color="black", ms=10, label="best split")
    (cur_dot,) = ax_gain.plot([], [], "o", color="tab:orange", ms=7, label="current split")
    ax_gain.set_ylim(0, 1.15 * max(t["gains"].max() for t in tables.values()))
    ax_gain.set_ylabel(f"information gain [{base_unit}]")
    ax_gain.legend(fontsize=8, loc="upper right")

    state = {"feature": None}

    def show_feature(feature):
        """Artists that depend on the feature only: redrawn when the feature changes."""
        t = tables[feature]
        for c in range(k):
            steps[c].set_data(t["hist"][c], t["edges"])
        lo, hi = t["edges"][0], t["edges"][-1]
        pad = 0.02 * (hi - lo)
        ax_hist.set_xlim(lo - pad, hi + pad)
        ax_hist.set_xlabel(feature)
        gain_line.set_data(t["thresholds"], t["gains"])
        b = t["best"]
        best_dot.set_data([t["thresholds"][b]], [t["gains"][b]])
        ax_gain.set_xlim(lo - pad, hi + pad)
        ax_gain.set_xlabel(f"threshold t on {feature}")
        state["feature"] = feature

    def update(fig, feature, left_fraction):
        t = tables[feature]
        if state["feature"] != feature:
            show_feature(feature)
        s = split_state(t, left_fraction)
        thr_line.set_xdata([s["threshold"], s["threshold"]])
        for c in range(k):
            count_bars[c][0].set_height(s["left"][c])
            count_bars[c][1].set_height(s["right"][c])
        h_texts[0].set_text(f"H = {s['h_left']:.3f}")
        h_texts[1].set_text(f"H = {s['h_right']:.3f}")
        cur_dot.set_data([s["threshold"]], [s["gain"]])
        b = t["best"]
        counts = lambda side: ", ".join(f"{class_names[c]} {int(side[c])}" for c in range(k))  # noqa: E731
        return (
            f"{feature} <= {s['threshold']:.4g}: left ({counts(s['left'])}), right ({counts(s['right'])})\n"
            f"IG = H(class) - H(class | split) = {t['h_parent']:.4f} - {t['h_parent'] - s['gain']:.4f} "
            f"= {s['gain']:.4f} {base_unit}; "
            f"best: {t['gains'][b]:.4f} {base_unit} at t = {t['thresholds'][b]:.4g}"
        )

    controls = {
        "feature": widgets.Dropdown(options=names, value=feature, description="feature"),
        "left_fraction": widgets.FloatSlider(
            value=left_fraction, min=0.01, max=0.99, step=0.01, description="share left", readout_format=".2f"
        ),
    }
    return LivePanel(controls, update, fig)


#: Every panel of this notebook: name -> (factory, the most expensive slider values).
PANELS = {
    "split": (split_panel, {"feature": "mean fractal dimension", "left_fraction": 0.37}),
}
