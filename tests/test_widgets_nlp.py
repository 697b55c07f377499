"""The collocations panel: its ranking function and its registry."""

from __future__ import annotations

import pytest
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from mi_helpers.text import cooccurrence_counts, python_docs_corpus, tokenize, top_pairs
from mi_helpers.widgets.nlp import MEASURE_LABELS, PANELS, WINDOWS, collocation_ranking


@pytest.fixture(scope="module")
def tokens():
    return tokenize(python_docs_corpus())


@pytest.mark.parametrize("min_freq, measure, window", [(3, "npmi", 4), (7, "t_score", 3), (2, "llr", 5)])
def test_ranking_equals_top_pairs_at_non_default_values(tokens, min_freq, measure, window):
    ours = collocation_ranking(min_freq, measure, window, n=12)
    expected = top_pairs(cooccurrence_counts(tokens, window), measure, min_freq=min_freq, n=12, base=2)
    assert ours == expected
    assert all(count >= min_freq for _, _, count, _ in ours)


def test_pmi_ranking_scores_equal_nltk(tokens):
    finder = BigramCollocationFinder.from_words(tokens, window_size=3)
    finder.apply_freq_filter(4)
    theirs = [s for _, s in finder.score_ngrams(BigramAssocMeasures.pmi)[:10]]
    ours = [s for *_, s in collocation_ranking(4, "pmi", 3)]
    assert ours == pytest.approx(theirs, rel=1e-12)


def test_frequency_filter_removes_the_pairs_seen_once():
    assert all(count == 1 for _, _, count, _ in collocation_ranking(1, "pmi", 2))
    assert all(count >= 10 for _, _, count, _ in collocation_ranking(10, "pmi", 2))


def test_bad_values_rejected():
    with pytest.raises(ValueError, match="measure"):
        collocation_ranking(1, "dice", 2)
    with pytest.raises(ValueError, match="window"):
        collocation_ranking(1, "pmi", max(WINDOWS) + 1)
    with pytest.raises(ValueError, match="min_freq"):
        collocation_ranking(0, "pmi", 2)


@pytest.mark.parametrize("name", sorted(PANELS))
def test_panels_build_and_update(name):
    factory, worst = PANELS[name]
    panel = factory()
    first = panel.text
    assert MEASURE_LABELS["pmi"] in first
    text = panel.set(**worst)
    assert text != first and MEASURE_LABELS[worst["measure"]] in text
    assert panel.set(min_freq=5, measure="npmi", window=3).startswith("NPMI, window 3")
