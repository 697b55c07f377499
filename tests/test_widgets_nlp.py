"""The collocations panel: its ranking, its density map and its registry."""

from __future__ import annotations

from itertools import chain

import numpy as np
import pytest
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from mi_helpers.text import STOP_WORDS, association_scores, cooccurrence_counts, top_pairs, verse_tokens
from mi_helpers.widgets.nlp import FILTERS, MEASURE_LABELS, PANELS, WINDOWS, collocation_ranking, collocations_panel, map_extent, pair_density


@pytest.fixture(scope="module")
def docs():
    return verse_tokens()


@pytest.mark.parametrize(
    "min_freq, measure, window, kind",
    [(3, "npmi", 4, "none"), (7, "t_score", 3, "positive"), (2, "llr", 5, "stop"), (1, "pmi", 2, "stop")],
)
def test_ranking_equals_top_pairs_at_non_default_values(docs, min_freq, measure, window, kind):
    ours = collocation_ranking(min_freq, measure, window, kind=kind, n=12)
    expected = top_pairs(
        cooccurrence_counts(docs, window),
        measure,
        min_freq=min_freq,
        n=12,
        base=2,
        stop_words=STOP_WORDS if kind == "stop" else None,
        positive_only=kind == "positive",
    )
    assert ours == expected
    assert all(count >= min_freq for _, _, count, _ in ours)


def test_pmi_ranking_scores_equal_nltk(docs):
    finder = BigramCollocationFinder.from_words(chain.from_iterable(d + [None, None] for d in docs), window_size=3)
    finder.apply_freq_filter(4)
    theirs = [s for _, s in finder.score_ngrams(BigramAssocMeasures.pmi)[:10]]
    ours = [s for *_, s in collocation_ranking(4, "pmi", 3)]
    assert ours == pytest.approx(theirs, rel=1e-12)


def test_frequency_filter_removes_the_pairs_seen_once():
    assert all(count == 1 for _, _, count, _ in collocation_ranking(1, "pmi", 2))
    assert all(count >= 10 for _, _, count, _ in collocation_ranking(10, "pmi", 2))


def test_density_counts_every_pair_that_passes_the_filter(docs):
    counts = cooccurrence_counts(docs, 3)
    for kind in FILTERS:
        hist, (x0, x1, y0, y1) = pair_density("pmi", 3, kind)
        expected = len(top_pairs(counts, "pmi", n=10**7, stop_words=STOP_WORDS if kind == "stop" else None, positive_only=kind == "positive"))
        assert hist.sum() == expected
        assert x0 < 0 < x1 and y0 < association_scores(counts, "pmi", base=2).min()
    # G^2 on the signed square-root scale: the pairs rarer than chance lie below zero.
    hist, (_, _, y0, y1) = pair_density("llr", 2)
    rows_below = np.linspace(y0, y1, hist.shape[0] + 1)[1:] <= 0
    assert hist[rows_below].sum() > 0
    assert pair_density("llr", 2, "positive")[0][rows_below].sum() == 0


def test_bad_values_rejected():
    with pytest.raises(ValueError, match="measure"):
        collocation_ranking(1, "dice", 2)
    with pytest.raises(ValueError, match="window"):
        collocation_ranking(1, "pmi", max(WINDOWS) + 1)
    with pytest.raises(ValueError, match="min_freq"):
        collocation_ranking(0, "pmi", 2)
    with pytest.raises(ValueError, match="kind"):
        collocation_ranking(1, "pmi", 2, kind="nouns")


@pytest.mark.parametrize("name", sorted(PANELS))
def test_panels_build_and_update(name):
    factory, worst = PANELS[name]
    panel = factory()
    first = panel.text
    assert MEASURE_LABELS["pmi"] in first and "count ≥ 5" in first
    text = panel.set(**worst)
    assert text != first and MEASURE_LABELS[worst["measure"]] in text
    assert panel.set(min_freq=5, measure="npmi", window=3, kind="none").startswith("NPMI, window 3")


@pytest.mark.parametrize("measure", sorted(MEASURE_LABELS))
def test_map_frame_holds_every_window(docs, measure):
    extent = map_extent(measure)
    for window in WINDOWS:
        hist, got = pair_density(measure, window)
        assert got == extent
        assert hist.sum() == len(cooccurrence_counts(docs, window).pair_counts)  # no pair falls outside


def test_panel_lists_the_top_ten_and_keeps_its_frame_while_sliders_move():
    panel = collocations_panel()
    ax = panel.fig.axes[0]
    frame = (ax.get_xlim(), ax.get_ylim())
    top = collocation_ranking(5, "pmi", 2)
    lines = panel.text.splitlines()
    assert lines[1] == "top 5: " + ", ".join(f"{a} {b} ({c}×) {s:.3g}" for a, b, c, s in top[:5])
    assert lines[2] == "6 to 10: " + ", ".join(f"{a} {b} ({c}×) {s:.3g}" for a, b, c, s in top[5:])
    for min_freq, window in ((1, 2), (12, 3), (30, 5)):
        panel.set(min_freq=min_freq, window=window)
        assert (ax.get_xlim(), ax.get_ylim()) == frame
    panel.set(measure="llr")
    assert ax.get_ylim() == map_extent("llr")[2:]
