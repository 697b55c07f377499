"""Panels of notebook 08 (NLP): ranked collocations by PMI, NPMI, G^2 or t-score."""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from ..text import association_scores, cooccurrence_counts, python_docs_corpus, tokenize
from ._panel import LivePanel

__all__ = ["MEASURE_LABELS", "PANELS", "WINDOWS", "collocation_ranking", "collocations_panel"]

#: Measure keys of :func:`mi_helpers.text.association_scores` and how the panel names them.
MEASURE_LABELS = {
    "pmi": "PMI (bits)",
    "npmi": "NPMI",
    "llr": "log-likelihood G²",
    "t_score": "t-score",
}

#: Window sizes offered by the panel (2 = adjacent words).
WINDOWS = (2, 3, 4, 5)


@lru_cache(maxsize=1)
def _tokens() -> tuple:
    return tuple(tokenize(python_docs_corpus()))


@lru_cache(maxsize=len(WINDOWS))
def _counts(window: int):
    return cooccurrence_counts(_tokens(), window)


@lru_cache(maxsize=len(WINDOWS) * len(MEASURE_LABELS))
def _ranked(window: int, measure: str):
    """Scores of every pair and the pair indices sorted best first (ties alphabetical)."""
    counts = _counts(window)
    scores = association_scores(counts, measure, base=2)
    order = np.argsort(-np.round(scores, 9), kind="stable")
    return scores, order, counts.pair_counts[order]


def collocation_ranking(min_freq, measure, window, *, n=10) -> list[tuple[str, str, int, float]]:
    """Top ``n`` word pairs of the Python help corpus for the given settings.

    Parameters
    ----------
    min_freq : int
        Keep pairs seen at least this many times (raw count).
    measure : {"pmi", "npmi", "llr", "t_score"}
        PMI is in bits, as in NLTK.
    window : int in ``WINDOWS``

    Returns
    -------
    list of (first word, second word, raw count, score)
        Same as :func:`mi_helpers.text.top_pairs` with ``base=2``. Counts
        and rankings are computed once per (window, measure) and cached,
        so a call costs one pass over the ranked counts.
    """
    if measure not in MEASURE_LABELS:
        raise ValueError(f"measure must be one of {tuple(MEASURE_LABELS)}, got {measure!r}")
    if window not in WINDOWS:
        raise ValueError(f"window must be one of {WINDOWS}, got {window!r}")
    if int(min_freq) < 1:
        raise ValueError(f"min_freq must be at least 1, got {min_freq}")
    scores, order, ordered_counts = _ranked(int(window), measure)
    chosen = order[np.flatnonzero(ordered_counts >= int(min_freq))[:n]]
    counts = _counts(int(window))
    return [
        (w1, w2, int(counts.pair_counts[k]), float(scores[k]))
        for (w1, w2), k in zip(counts.pair_words(chosen), chosen)
    ]


def collocations_panel(min_freq=1, measure="pmi", window=2, n=10) -> LivePanel:
    """Minimum frequency, measure and window size for ranking word pairs.

    The figure is the ranked table: one bar per pair, labelled with the
    pair and its raw count. The text lists the top five with their scores.
    """
    for w in WINDOWS:  # count every window now, so no slider move has to
        for m in MEASURE_LABELS:
            _ranked(w, m)

    fig = Figure(figsize=(7.0, 3.6))
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.03, right=0.97, bottom=0.13, top=0.9)
    pos = np.arange(n)[::-1]
    bars = ax.barh(pos, np.zeros(n), height=0.7, color="#a6cbe3")
    labels = [ax.text(0.0, p, "", va="center", ha="left", fontsize=9) for p in pos]
    ax.set_yticks([])
    ax.set_xticks([])  # the scores are written on the bars; fewer glyphs keep a redraw fast
    ax.set_ylim(-0.6, n - 0.4)

    def update(fig, min_freq, measure, window):
        top = collocation_ranking(min_freq, measure, window, n=n)
        best = max((abs(s) for *_, s in top), default=1.0) or 1.0
        for i in range(n):
            if i < len(top):
                w1, w2, c, s = top[i]
                bars[i].set_width(s)
                labels[i].set_text(f" {w1} {w2}  (seen {c}×)  {s:.3g}")
            else:
                bars[i].set_width(0.0)
                labels[i].set_text("")
        ax.set_xlim(0.0, 1.9 * best)  # room on the right for the labels
        ax.set_xlabel(MEASURE_LABELS[measure])
        ax.set_title(f"top {n} pairs by {MEASURE_LABELS[measure]}, window {window}, seen at least {min_freq}×", fontsize=10)
        head = ", ".join(f"{w1} {w2} ({c}×) {s:.3g}" for w1, w2, c, s in top[:5])
        return f"{MEASURE_LABELS[measure]}, window {window}, count ≥ {min_freq}: {len(top)} shown\ntop 5: {head}"

    controls = {
        "min_freq": widgets.IntSlider(value=min_freq, min=1, max=30, step=1, description="min count"),
        "measure": widgets.Dropdown(
            value=measure, options=[(label, key) for key, label in MEASURE_LABELS.items()], description="measure"
        ),
        "window": widgets.IntSlider(value=window, min=WINDOWS[0], max=WINDOWS[-1], step=1, description="window"),
    }
    return LivePanel(controls, update, fig)


#: Every panel of this notebook: name -> (factory, the most expensive slider values).
PANELS = {
    "collocations": (collocations_panel, {"min_freq": 1, "measure": "llr", "window": 5}),
}
