"""Panel of notebook 08 (NLP): where the top-ranked word pairs sit among all pairs.

Every word pair of the corpus is drawn as a density over (pair count, score)
for the chosen measure and window, with the minimum-count cut and the top
ten pairs in red; the text lists those ten with their counts and scores.
The picture shows *why* a measure ranks what it ranks: PMI's top sits at
count 1 on its ceiling log2(N / c), G^2 and the t-score reach for the most
frequent pairs, and a count cut or a filter moves the top elsewhere. G^2 is
drawn signed by the PMI and on a square-root scale, so the pairs it ranks
high for being *rarer* than chance show up below zero.

Speed: the corpus is encoded once; counts and scores of a window are
computed on its first use and cached, and so is each density image, so a
move that returns to a seen view only filters a sorted array and redraws.
The map's frame is fixed per measure (it holds every window), so moving
the window or the minimum count redraws no axis.
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from ..text import STOP_WORDS, _counts_from_codes, _encode, association_scores, verse_tokens
from matplotlib.ticker import MaxNLocator, ScalarFormatter

from ._panel import LivePanel

__all__ = ["FILTERS", "MEASURE_LABELS", "PANELS", "WINDOWS", "collocation_ranking", "collocations_panel", "map_extent", "pair_density"]

#: Measure keys of :func:`mi_helpers.text.association_scores` and how the panel names them.
MEASURE_LABELS = {
    "pmi": "PMI (bits)",
    "npmi": "NPMI",
    "llr": "log-likelihood G²",
    "t_score": "t-score",
}

#: Filters offered by the panel: key -> label.
FILTERS = {
    "none": "none",
    "positive": "PMI > 0 only",
    "stop": "no stop words",
}

#: Window sizes offered by the panel (2 = adjacent words).
WINDOWS = (2, 3, 4, 5)

#: Bins of the density image: log10(pair count) and score.
_X_BINS, _Y_BINS = 60, 50
_LOCATOR = MaxNLocator(nbins=5)
_FORMATTER = ScalarFormatter()


@lru_cache(maxsize=1)
def _encoded():
    docs = verse_tokens()
    return (*_encode(docs), len(docs))


@lru_cache(maxsize=len(WINDOWS))
def _counts(window: int):
    vocab, codes, doc_of, n_docs = _encoded()
    return _counts_from_codes(vocab, codes, doc_of, window, n_docs)


@lru_cache(maxsize=len(WINDOWS))
def _masks(window: int) -> dict:
    """Which pairs pass each filter (before the count cut)."""
    counts = _counts(window)
    stop = np.isin(counts.vocab, sorted(STOP_WORDS))
    return {
        "none": np.ones(len(counts.pair_counts), dtype=bool),
        "positive": association_scores(counts, "pmi") > 0,
        "stop": ~stop[counts.first] & ~stop[counts.second],
    }


@lru_cache(maxsize=len(WINDOWS) * len(MEASURE_LABELS))
def _scores(window: int, measure: str) -> np.ndarray:
    return association_scores(_counts(window), measure, base=2)


@lru_cache(maxsize=len(WINDOWS) * len(MEASURE_LABELS) * len(FILTERS))
def _ranked(window: int, measure: str, kind: str):
    """Pair indices that pass the filter, best first (ties alphabetical), and their counts."""
    scores = _scores(window, measure)
    keep = np.flatnonzero(_masks(window)[kind])
    order = keep[np.argsort(-np.round(scores[keep], 9), kind="stable")]
    return order, _counts(window).pair_counts[order]


def _check(measure, window, kind):
    if measure not in MEASURE_LABELS:
        raise ValueError(f"measure must be one of {tuple(MEASURE_LABELS)}, got {measure!r}")
    if window not in WINDOWS:
        raise ValueError(f"window must be one of {WINDOWS}, got {window!r}")
    if kind not in FILTERS:
        raise ValueError(f"kind must be one of {tuple(FILTERS)}, got {kind!r}")


def collocation_ranking(min_freq, measure, window, *, kind="none", n=10) -> list[tuple[str, str, int, float]]:
    """Top ``n`` word pairs of the corpus (every verse of ``verse_tokens()``) for the given settings.

    Parameters
    ----------
    min_freq : int
        Keep pairs seen at least this many times (raw count).
    measure : {"pmi", "npmi", "llr", "t_score"}
        PMI is in bits, as in NLTK.
    window : int in ``WINDOWS``
    kind : {"none", "positive", "stop"}
        Filter: none; keep pairs seen more often than independence predicts
        (PMI > 0); drop pairs with a word of :data:`~mi_helpers.text.STOP_WORDS`.

    Returns
    -------
    list of (first word, second word, raw count, score)
        Same as :func:`mi_helpers.text.top_pairs` with ``base=2`` and the
        matching filter. Rankings are cached per (window, measure, filter).
    """
    _check(measure, window, kind)
    if int(min_freq) < 1:
        raise ValueError(f"min_freq must be at least 1, got {min_freq}")
    order, ordered_counts = _ranked(int(window), measure, kind)
    chosen = order[np.flatnonzero(ordered_counts >= int(min_freq))[:n]]
    counts, scores = _counts(int(window)), _scores(int(window), measure)
    return [
        (w1, w2, int(counts.pair_counts[k]), float(scores[k]))
        for (w1, w2), k in zip(counts.pair_words(chosen), chosen)
    ]


def _map_y(window: int, measure: str) -> np.ndarray:
    """Vertical position of every pair on the map (see :func:`pair_density`)."""
    scores = _scores(window, measure)
    if measure == "llr":
        return np.sign(_scores(window, "pmi")) * np.sqrt(np.maximum(scores, 0.0))  # G² can round to -1e-12
    if measure == "t_score":
        return np.sign(scores) * np.sqrt(np.abs(scores))
    return scores


#: Tick values of the maps drawn on a signed square-root scale (at sign * sqrt(|value|)).
_SQRT_TICKS = {
    "llr": (-3000, -1000, -100, 0, 100, 1000, 3000, 6000),
    "t_score": (-1000, -300, -100, -30, -10, 0, 10, 40),
}


@lru_cache(maxsize=len(MEASURE_LABELS))
def map_extent(measure: str) -> tuple[float, float, float, float]:
    """Frame of the map for one measure: (x0, x1, y0, y1) that holds the pairs of every window.

    x is log10(pair count) from -0.05 to 0.05 past the largest count of any
    window; y spans the map positions (see :func:`pair_density`) of all
    windows with 4% padding. Cost: counts and scores of every window on the
    first call (about 0.2 s), cached.
    """
    if measure not in MEASURE_LABELS:
        raise ValueError(f"measure must be one of {tuple(MEASURE_LABELS)}, got {measure!r}")
    x_hi = max(np.log10(_counts(w).pair_counts.max()) for w in WINDOWS) + 0.05
    y_lo = min(float(_map_y(w, measure).min()) for w in WINDOWS)
    y_hi = max(float(_map_y(w, measure).max()) for w in WINDOWS)
    pad = 0.04 * (y_hi - y_lo)
    return (-0.05, float(x_hi), y_lo - pad, y_hi + pad)


@lru_cache(maxsize=len(WINDOWS) * len(MEASURE_LABELS) * len(FILTERS))
def pair_density(measure: str, window: int, kind: str = "none"):
    """Histogram of the pairs that pass the filter over (log10 count, map position).

    The map position is the score for PMI and NPMI, sign(PMI) sqrt(G^2) for
    G^2 and ``sign(t) sqrt(|t|)`` for the t-score: a signed square-root scale,
    so pairs rarer than chance lie below 0 and the extreme pairs do not
    squash the rest.

    Returns
    -------
    hist : ndarray, shape (score bins, count bins)
        Number of distinct pairs per cell.
    extent : tuple
        (x0, x1, y0, y1) in (log10 count, map position) units, for ``imshow``:
        :func:`map_extent` of the measure, the same for every window and filter.
    """
    _check(measure, window, kind)
    counts = _counts(window)
    keep = _masks(window)[kind]
    x = np.log10(counts.pair_counts[keep])
    y = _map_y(window, measure)[keep]
    x0, x1, y0, y1 = map_extent(measure)
    hist, _, _ = np.histogram2d(x, y, bins=[_X_BINS, _Y_BINS], range=[[x0, x1], [y0, y1]])
    return hist.T, (x0, x1, y0, y1)


def _top_line(top) -> str:
    return ", ".join(f"{w1} {w2} ({c}×) {s:.3g}" for w1, w2, c, s in top)


def collocations_panel(min_freq=5, measure="pmi", window=2, kind="none", n=10) -> LivePanel:
    """Minimum count, measure, window and filter for ranking word pairs.

    The density of all pairs over (count, score), the count cut, and the top
    ``n`` pairs in red (for PMI also its ceiling log2(N / c)). The text lists
    the top ``n`` with their counts and scores, five to a line.
    """
    collocation_ranking(min_freq, measure, window, kind=kind, n=n)  # count the default view now
    map_extent(measure)  # and the frame of its measure

    fig = Figure(figsize=(5.0, 3.6))
    ax_map = fig.add_subplot()
    fig.subplots_adjust(left=0.14, right=0.97, bottom=0.14, top=0.85)

    image = ax_map.imshow(np.zeros((2, 2)), origin="lower", aspect="auto", cmap="Blues", interpolation="nearest")
    cut = ax_map.axvspan(-0.05, 0.0, color="0.5", alpha=0.35, lw=0, label="below the minimum count")
    (ceiling,) = ax_map.plot([], [], color="C1", lw=1.2, label="PMI ceiling log₂((w − 1) N / c)")
    (top_dots,) = ax_map.plot([], [], "o", ms=4, color="C3", label=f"top {n} pairs")
    ax_map.set_xticks([0, 1, 2, 3], ["1", "10", "100", "1000"])
    ax_map.set_xlabel("times the pair is seen (log scale)", fontsize=9)
    ax_map.text(0.99, 0.02, "blue: all pairs (darker = more)", transform=ax_map.transAxes, ha="right", fontsize=7, color="C0")
    # Above the axes, so it never covers a pair.
    ax_map.legend(loc="lower left", bbox_to_anchor=(-0.01, 1.0), ncol=2, fontsize=7, frameon=False, borderaxespad=0.2)
    c_grid = np.linspace(0, 4, 50)
    shown = {}

    def update(fig, min_freq, measure, window, kind):
        top = collocation_ranking(min_freq, measure, window, kind=kind, n=n)
        n_tokens = _counts(window).n_tokens
        if shown.get("view") != (measure, window, kind):
            hist, extent = pair_density(measure, window, kind)
            image.set_data(np.log1p(hist))
            image.set_clim(0.0, max(float(np.log1p(hist).max()), 1.0))
            shown["view"] = (measure, window, kind)
        if shown.get("measure") != measure:
            extent = map_extent(measure)
            image.set_extent(extent)
            ax_map.set_xlim(extent[0], extent[1])
            ax_map.set_ylim(extent[2], extent[3])
            if measure in _SQRT_TICKS:
                ticks = [t for t in _SQRT_TICKS[measure] if extent[2] <= np.sign(t) * np.sqrt(abs(t)) <= extent[3]]
                ax_map.set_yticks([np.sign(t) * np.sqrt(abs(t)) for t in ticks], [f"{t:g}" for t in ticks])
                name = "G², signed by PMI" if measure == "llr" else "t-score"
                ax_map.set_ylabel(f"{name} (square-root scale)", fontsize=9)
            else:
                ax_map.yaxis.set_major_locator(_LOCATOR)
                ax_map.yaxis.set_major_formatter(_FORMATTER)
                ax_map.set_ylabel(MEASURE_LABELS[measure], fontsize=9)
            shown["measure"] = measure
        x0 = ax_map.get_xlim()[0]
        cut.set_x(x0)
        cut.set_width(np.log10(min_freq - 0.5) - x0 if min_freq > 1 else 0.0)
        if measure == "pmi":  # PMI <= log2(N / n_ii), n_ii = c / (w - 1)
            ceiling.set_data(c_grid, np.log2((window - 1) * n_tokens) - c_grid * np.log2(10))
        else:
            ceiling.set_data([], [])
        if measure in _SQRT_TICKS:
            map_y = _map_y(window, measure)
            top_y = [map_y[_counts(window).lookup(w1, w2)] for w1, w2, *_ in top]
        else:
            top_y = [s for *_, s in top]
        top_dots.set_data([np.log10(c) for _, _, c, _ in top], top_y)
        lines = [f"{MEASURE_LABELS[measure]}, window {window}, count ≥ {min_freq}, filter {FILTERS[kind]}: {len(top)} shown"]
        lines += [f"top 5: {_top_line(top[:5])}"]
        if len(top) > 5:
            lines += [f"6 to {len(top)}: {_top_line(top[5:])}"]
        return "\n".join(lines)

    controls = {
        "min_freq": widgets.IntSlider(value=min_freq, min=1, max=30, step=1, description="min count"),
        "measure": widgets.Dropdown(
            value=measure, options=[(label, key) for key, label in MEASURE_LABELS.items()], description="measure"
        ),
        "window": widgets.IntSlider(value=window, min=WINDOWS[0], max=WINDOWS[-1], step=1, description="window"),
        "kind": widgets.Dropdown(value=kind, options=[(label, key) for key, label in FILTERS.items()], description="filter"),
    }
    return LivePanel(controls, update, fig)


#: Every panel of this notebook: name -> (factory, the most expensive slider values).
PANELS = {
    "collocations": (collocations_panel, {"min_freq": 1, "measure": "llr", "window": 5, "kind": "stop"}),
}
