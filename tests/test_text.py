"""Co-occurrence counts and association scores against NLTK, brute force and scikit-learn."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

import mi_helpers as mh
from mi_helpers.text import (
    MEASURES,
    association_scores,
    cooccurrence_counts,
    pair_arrays,
    pair_table_mi,
    python_docs_corpus,
    python_docs_documents,
    tokenize,
    top_pairs,
    word_label_mi,
    word_presence,
)

TOY = "the cat sat on the mat the cat ran and the dog sat on the cat mat mat".split()
NLTK_FN = {"pmi": BigramAssocMeasures.pmi, "llr": BigramAssocMeasures.likelihood_ratio, "t_score": BigramAssocMeasures.student_t}


@pytest.fixture(scope="module")
def corpus_tokens():
    return tokenize(python_docs_corpus())


@pytest.fixture(scope="module")
def chunk(corpus_tokens):
    return corpus_tokens[:6000]


def test_tokenize_rule():
    assert tokenize("The __init__() method's Self-test, 2nd try!") == ["the", "init", "method", "s", "self", "test", "nd", "try"]
    assert tokenize("") == []


def test_corpus_is_offline_real_and_deduplicated(corpus_tokens):
    docs = python_docs_documents()
    paragraphs = [p for _, p in docs]
    assert len(paragraphs) == len(set(paragraphs)) > 1000
    assert len(corpus_tokens) > 30_000
    assert {"the", "statement", "module"} <= set(corpus_tokens)
    assert python_docs_documents() == docs  # deterministic order
    assert all(len(tokenize(p)) >= 8 for _, p in python_docs_documents(min_tokens=8))


def _brute_counts(tokens, window):
    """NLTK's counting rule written out with loops."""
    pairs = Counter()
    for i, a in enumerate(tokens):
        for d in range(1, window):
            if i + d < len(tokens):
                pairs[(a, tokens[i + d])] += 1
    return Counter(tokens), pairs


@pytest.mark.parametrize("window", [2, 3, 4, 7])
def test_counts_equal_brute_force(window):
    c = cooccurrence_counts(TOY, window)
    words, pairs = _brute_counts(TOY, window)
    assert dict(zip(c.vocab.tolist(), c.word_counts.tolist())) == dict(words)
    ours = dict(zip(c.pair_words(np.arange(len(c.pair_counts))), c.pair_counts.tolist()))
    assert ours == dict(pairs)
    assert c.n_tokens == len(TOY)
    assert c.lookup("the", "cat") >= 0 and c.lookup("cat", "zebra") == -1 and c.lookup("zzz", "the") == -1


@pytest.mark.parametrize("window", [2, 3, 5])
@pytest.mark.parametrize("measure", sorted(NLTK_FN))
def test_scores_equal_nltk(chunk, window, measure):
    c = cooccurrence_counts(chunk, window)
    finder = BigramCollocationFinder.from_words(chunk, window_size=window)
    theirs = dict(finder.score_ngrams(NLTK_FN[measure]))
    ours = association_scores(c, measure, base=2)
    pairs = c.pair_words(np.arange(len(ours)))
    assert set(pairs) == set(theirs)
    for p, s in zip(pairs, ours):
        assert s == pytest.approx(theirs[p], rel=1e-12, abs=1e-12)


def test_scores_on_toy_text_equal_nltk():
    for window in (2, 3, 4):
        c = cooccurrence_counts(TOY, window)
        finder = BigramCollocationFinder.from_words(TOY, window_size=window)
        for measure, fn in NLTK_FN.items():
            theirs = dict(finder.score_ngrams(fn))
            for p, s in zip(c.pair_words(np.arange(len(c.pair_counts))), association_scores(c, measure, base=2)):
                assert s == pytest.approx(theirs[p], rel=1e-12, abs=1e-12)


def test_pmi_units_and_npmi_definition(chunk):
    c = cooccurrence_counts(chunk, 3)
    bits = association_scores(c, "pmi", base=2)
    nats = association_scores(c, "pmi")
    np.testing.assert_allclose(nats, bits * math.log(2), rtol=1e-12, atol=1e-12)
    # NPMI = PMI / -log p(x, y), with p(x, y) the scaled pair count over N (Bouma 2009).
    p_xy = c.pair_counts / (c.window - 1) / c.n_tokens
    npmi = association_scores(c, "npmi")
    np.testing.assert_allclose(npmi, bits / -np.log2(p_xy), rtol=1e-12, atol=1e-12)
    assert np.all(npmi <= 1 + 1e-12) and np.all(npmi >= -1 - 1e-12)
    # Two words that only ever occur together, once each, in a window of 2: NPMI = 1.
    solo = cooccurrence_counts(["a", "b", "c", "b", "zz", "yy"], 2)
    assert association_scores(solo, "npmi")[solo.lookup("zz", "yy")] == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("window, min_freq, n", [(2, 3, 15), (3, 5, 10), (4, 2, 25)])
def test_top_pairs_match_nltk_filter_and_ranking(chunk, window, min_freq, n):
    c = cooccurrence_counts(chunk, window)
    finder = BigramCollocationFinder.from_words(chunk, window_size=window)
    finder.apply_freq_filter(min_freq)
    theirs = finder.score_ngrams(BigramAssocMeasures.pmi)
    ours = top_pairs(c, "pmi", min_freq=min_freq, n=n, base=2)
    assert [s for *_, s in ours] == pytest.approx([s for _, s in theirs[:n]], rel=1e-12)
    # The pairs strictly above the n-th score are the same set (ties may order differently).
    cut = theirs[n - 1][1] + 1e-9
    assert {(a, b) for a, b, _, s in ours if s > cut} == {p for p, s in theirs if s > cut}
    assert all(count >= min_freq for _, _, count, _ in ours)


def test_top_pairs_breaks_ties_alphabetically():
    top = top_pairs(cooccurrence_counts(["x", "q", "c", "d", "a", "b"], 2), "pmi", n=5)
    assert [(a, b) for a, b, *_ in top] == [("a", "b"), ("c", "d"), ("d", "a"), ("q", "c"), ("x", "q")]


@pytest.mark.parametrize("window", [2, 3])
def test_pair_table_mi_is_weighted_pmi_and_equals_mi_discrete(chunk, window):
    c = cooccurrence_counts(chunk, window)
    first, second = pair_arrays(chunk, window)
    assert len(first) == sum(len(chunk) - d for d in range(1, window))
    assert pair_table_mi(c) == pytest.approx(mh.mi_discrete(first, second), rel=1e-12)
    assert pair_table_mi(c, base=2) == pytest.approx(mh.mi_discrete(first, second, base=2), rel=1e-12)
    # With word-count marginals (NLTK's PMI) the weighted average is close but not equal.
    p = c.pair_counts / c.pair_counts.sum()
    approx = float(np.dot(p, association_scores(c, "pmi")))
    assert approx == pytest.approx(pair_table_mi(c), rel=0.01)


def test_word_presence_and_label_mi_against_sklearn():
    from sklearn.feature_selection import mutual_info_classif

    docs = [["a", "b", "b"], ["b", "c"], ["a", "c", "d"], ["b"], ["a", "b"], ["c", "d", "d"]]
    labels = ["x", "y", "x", "y", "x", "y"]
    x, words = word_presence(docs)
    assert words.tolist() == ["a", "b", "c", "d"]
    np.testing.assert_array_equal(x[0], [1, 1, 0, 0])
    np.testing.assert_array_equal(x[5], [0, 0, 1, 1])
    x2, words2 = word_presence(docs, min_docs=3)  # "d" is in two documents only
    assert words2.tolist() == ["a", "b", "c"]
    np.testing.assert_array_equal(x2, x[:, :3])
    mi = word_label_mi(x, labels)
    np.testing.assert_allclose(mi, mutual_info_classif(x, labels, discrete_features=True), atol=1e-12)
    assert mi[0] == pytest.approx(math.log(2), abs=1e-12)  # "a" present exactly in the "x" documents
    np.testing.assert_allclose(word_label_mi(x, labels, base=2), mi / math.log(2), rtol=1e-12)


def test_bad_input_rejected():
    c = cooccurrence_counts(TOY, 2)
    with pytest.raises(TypeError, match="text"):
        tokenize(["not", "a", "string"])
    with pytest.raises(TypeError, match="tokenize"):
        cooccurrence_counts("the cat sat", 2)
    with pytest.raises(ValueError, match="window"):
        cooccurrence_counts(TOY, 1)
    with pytest.raises(TypeError, match="window"):
        cooccurrence_counts(TOY, 2.5)
    with pytest.raises(ValueError, match="at least 2"):
        cooccurrence_counts(["lonely"], 2)
    with pytest.raises(TypeError, match="strings"):
        cooccurrence_counts(["a", 1, "b"], 2)
    with pytest.raises(ValueError, match="measure"):
        association_scores(c, "dice")
    with pytest.raises(TypeError, match="CooccurrenceCounts"):
        association_scores({"pairs": 1}, "pmi")
    with pytest.raises(ValueError, match="base"):
        association_scores(c, "pmi", base=1)
    with pytest.raises(ValueError, match="min_freq"):
        top_pairs(c, "pmi", min_freq=0)
    with pytest.raises(ValueError, match="rows"):
        word_label_mi(np.zeros((3, 2)), [0, 1])
    with pytest.raises(ValueError, match="2-D"):
        word_label_mi(np.zeros(3), [0, 1, 1])
    with pytest.raises(ValueError, match="empty"):
        word_presence([])
    assert set(MEASURES) == {"pmi", "npmi", "llr", "t_score"}


def test_bundled_corpus_is_a_fixed_copy_of_the_python_manual():
    import gzip
    import json
    import platform
    from importlib import resources

    from mi_helpers.text import CORPUS_PYTHON_VERSION, python_docs_documents

    payload = json.loads(gzip.decompress(resources.files("mi_helpers.data").joinpath("python_help_topics.json.gz").read_bytes()))
    assert payload["python_version"] == CORPUS_PYTHON_VERSION
    assert len(payload["topics"]) > 50 and "with" in payload["topics"]
    assert resources.files("mi_helpers.data").joinpath("LICENSE-PSF.txt").is_file()
    if platform.python_version() == CORPUS_PYTHON_VERSION:
        # On the Python the copy came from, it is exactly the standard library's text.
        from pydoc_data.topics import topics

        assert payload["topics"] == topics
    documents = python_docs_documents()
    assert {t for t, _ in documents} <= set(payload["topics"])
