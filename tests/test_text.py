"""Corpus, co-occurrence counts and association scores against NLTK, brute force and scikit-learn."""

from __future__ import annotations

import math
from collections import Counter
from itertools import chain

import numpy as np
import pytest
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

import mi_helpers as mh
from mi_helpers.text import (
    CORPUS_BOOKS,
    MEASURES,
    STOP_WORDS,
    association_scores,
    bible_verses,
    cooccurrence_counts,
    pair_arrays,
    pair_table_mi,
    shuffle_tokens,
    tokenize,
    top_pairs,
    verse_tokens,
    word_label_mi,
    word_presence,
)

TOY = "the cat sat on the mat the cat ran and the dog sat on the cat mat mat".split()
TOY_DOCS = [["the", "cat", "sat"], ["on", "the", "mat"], ["the"], ["cat", "ran", "and", "the", "dog", "sat", "on"], ["the", "cat", "mat", "mat"]]
NLTK_FN = {"pmi": BigramAssocMeasures.pmi, "llr": BigramAssocMeasures.likelihood_ratio, "t_score": BigramAssocMeasures.student_t}


def nltk_finder(docs, window):
    """NLTK's counts of the same documents: pairs never cross a document."""
    if window == 2:
        return BigramCollocationFinder.from_documents(docs)
    # What from_documents does for window 2: documents separated by window - 1 None tokens.
    return BigramCollocationFinder.from_words(chain.from_iterable(list(d) + [None] * (window - 1) for d in docs), window_size=window)


@pytest.fixture(scope="module")
def genesis():
    return verse_tokens("Genesis")


@pytest.fixture(scope="module")
def chunk():
    return verse_tokens(["Proverbs", "Mark"])[:400]


def test_tokenize_rule():
    assert tokenize("The __init__() method's Self-test, 2nd try!") == ["the", "init", "method", "s", "self", "test", "nd", "try"]
    assert tokenize("God`s Spirit") == ["god", "s", "spirit"]
    assert tokenize("") == []


def test_corpus_is_the_bundled_world_english_bible():
    verses = bible_verses()
    assert [b for b in CORPUS_BOOKS if any(v.book == b for v in verses[:1600])] == ["Genesis", "Exodus"]
    assert verses[0].text == "In the beginning God created the heavens and the earth."
    assert (verses[0].book, verses[0].chapter, verses[0].verse) == ("Genesis", 1, 1)
    counts = Counter(v.book for v in verses)
    # Verse counts of the English versification (Genesis 50 chapters, 1533 verses; Psalms 2461; ...).
    assert counts["Genesis"] == 1533 and counts["Psalms"] == 2461 and counts["Mark"] == 678
    assert max(v.chapter for v in verses if v.book == "Psalms") == 150
    assert not any("dummy" in v.text for v in verses)  # placeholders for omitted verses were left out
    docs = verse_tokens()
    assert len(docs) == len(verses) and sum(map(len, docs)) > 300_000
    assert verse_tokens() == docs  # deterministic, and a fresh copy each time
    assert [v.book for v in bible_verses(["Mark", "Genesis"])][:1] == ["Genesis"]  # canonical order
    with pytest.raises(ValueError, match="books"):
        bible_verses(["Genesis", "Revelation"])


def _brute_counts(docs, window):
    """NLTK's counting rule written out with loops, document by document."""
    words, pairs = Counter(), Counter()
    for tokens in docs:
        words.update(tokens)
        for i, a in enumerate(tokens):
            for d in range(1, window):
                if i + d < len(tokens):
                    pairs[(a, tokens[i + d])] += 1
    return words, pairs


@pytest.mark.parametrize("window", [2, 3, 4, 7])
@pytest.mark.parametrize("docs", [[TOY], TOY_DOCS])
def test_counts_equal_brute_force(window, docs):
    c = cooccurrence_counts(docs, window)
    words, pairs = _brute_counts(docs, window)
    assert dict(zip(c.vocab.tolist(), c.word_counts.tolist())) == dict(words)
    ours = dict(zip(c.pair_words(np.arange(len(c.pair_counts))), c.pair_counts.tolist()))
    assert ours == dict(pairs)
    assert c.n_tokens == sum(map(len, docs)) and c.n_documents == len(docs)
    assert c.lookup("the", "cat") >= 0 and c.lookup("cat", "zebra") == -1 and c.lookup("zzz", "the") == -1
    assert c.word_count("cat") == words["cat"] and c.word_count("zebra") == 0


def test_flat_tokens_are_one_document():
    one = cooccurrence_counts(TOY, 3)
    wrapped = cooccurrence_counts([TOY], 3)
    np.testing.assert_array_equal(one.pair_counts, wrapped.pair_counts)
    # Joining the documents adds exactly the pairs that cross a boundary.
    joined = cooccurrence_counts([t for d in TOY_DOCS for t in d], 2)
    split = cooccurrence_counts(TOY_DOCS, 2)
    assert joined.pair_counts.sum() - split.pair_counts.sum() == len(TOY_DOCS) - 1


@pytest.mark.parametrize("window", [2, 3, 5])
@pytest.mark.parametrize("measure", sorted(NLTK_FN))
def test_scores_equal_nltk_on_documents(chunk, window, measure):
    c = cooccurrence_counts(chunk, window)
    finder = nltk_finder(chunk, window)
    assert finder.word_fd.N() == c.n_tokens
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


def test_genesis_reproduces_the_nltk_collocations_howto(genesis):
    # NLTK's how-to runs on the WEB's Genesis: with a frequency filter of 3, PMI finds these among its top pairs.
    c = cooccurrence_counts(genesis, 2)
    top = {(a, b) for a, b, *_ in top_pairs(c, "pmi", min_freq=3, n=15, base=2)}
    assert {("gray", "hairs"), ("burnt", "offering"), ("living", "creature"), ("east", "wind"), ("lahai", "roi")} <= top
    finder = BigramCollocationFinder.from_documents(genesis)
    finder.apply_freq_filter(3)
    assert top == set(finder.nbest(BigramAssocMeasures.pmi, 15))


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
    finder = nltk_finder(chunk, window)
    finder.apply_freq_filter(min_freq)
    theirs = finder.score_ngrams(BigramAssocMeasures.pmi)
    ours = top_pairs(c, "pmi", min_freq=min_freq, n=n, base=2)
    assert [s for *_, s in ours] == pytest.approx([s for _, s in theirs[:n]], rel=1e-12)
    # The pairs strictly above the n-th score are the same set (ties may order differently).
    cut = theirs[n - 1][1] + 1e-9
    assert {(a, b) for a, b, _, s in ours if s > cut} == {p for p, s in theirs if s > cut}
    assert all(count >= min_freq for _, _, count, _ in ours)


def test_stop_word_filter_matches_nltk_word_filter(chunk):
    c = cooccurrence_counts(chunk, 2)
    finder = nltk_finder(chunk, 2)
    finder.apply_word_filter(lambda w: w in STOP_WORDS)
    theirs = finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)
    ours = top_pairs(c, "llr", n=len(theirs) + 5, stop_words=STOP_WORDS)
    assert len(ours) == len(theirs)
    assert [s for *_, s in ours] == pytest.approx([s for _, s in theirs], rel=1e-12)
    assert not any(a in STOP_WORDS or b in STOP_WORDS for a, b, *_ in ours)
    assert {"the", "of", "and", "shall", "t"} <= STOP_WORDS and "offering" not in STOP_WORDS


def test_g2_is_two_sided_and_positive_only_keeps_attraction():
    # "x y" is rarer than chance, "a b" more frequent: G^2 rewards both, PMI tells them apart.
    docs = [["x", "x"], ["y", "y"]] * 20 + [["x", "y"]] + [["a", "b"]] * 5
    c = cooccurrence_counts(docs, 2)
    g2, pmi = association_scores(c, "llr"), association_scores(c, "pmi")
    k_xy, k_ab = c.lookup("x", "y"), c.lookup("a", "b")
    assert pmi[k_xy] < 0 < pmi[k_ab]
    finder = BigramCollocationFinder.from_documents(docs)
    assert g2[k_xy] == pytest.approx(finder.score_ngram(BigramAssocMeasures.likelihood_ratio, "x", "y"), rel=1e-12)
    assert g2[k_xy] > 1.0
    kept = top_pairs(c, "llr", n=100, positive_only=True)
    assert all(pmi[c.lookup(a, b)] > 0 for a, b, *_ in kept)
    assert ("x", "y") not in {(a, b) for a, b, *_ in kept} and ("a", "b") in {(a, b) for a, b, *_ in kept}


def test_top_pairs_breaks_ties_alphabetically():
    top = top_pairs(cooccurrence_counts(["x", "q", "c", "d", "a", "b"], 2), "pmi", n=5)
    assert [(a, b) for a, b, *_ in top] == [("a", "b"), ("c", "d"), ("d", "a"), ("q", "c"), ("x", "q")]


@pytest.mark.parametrize("window", [2, 3])
def test_pair_table_mi_is_weighted_pmi_and_equals_mi_discrete(chunk, window):
    c = cooccurrence_counts(chunk, window)
    first, second = pair_arrays(chunk, window)
    assert len(first) == sum(max(len(d) - k, 0) for d in chunk for k in range(1, window))
    assert pair_table_mi(c) == pytest.approx(mh.mi_discrete(first, second), rel=1e-12)
    assert pair_table_mi(c, base=2) == pytest.approx(mh.mi_discrete(first, second, base=2), rel=1e-12)
    # With word-count marginals (NLTK's PMI) the weighted average is close but not equal.
    p = c.pair_counts / c.pair_counts.sum()
    approx = float(np.dot(p, association_scores(c, "pmi")))
    assert approx == pytest.approx(pair_table_mi(c), rel=0.1)


def test_shuffle_keeps_lengths_and_words_but_not_order(chunk):
    shuffled = shuffle_tokens(chunk, seed=0)
    assert [len(d) for d in shuffled] == [len(d) for d in chunk]
    assert Counter(chain.from_iterable(shuffled)) == Counter(chain.from_iterable(chunk))
    assert shuffled != chunk and shuffled == shuffle_tokens(chunk, seed=0)
    assert pair_table_mi(cooccurrence_counts(shuffled)) < pair_table_mi(cooccurrence_counts(chunk))


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


def test_vectorised_label_mi_equals_column_by_column():
    from sklearn.feature_selection import mutual_info_classif

    rng = np.random.default_rng(5)
    labels = rng.integers(0, 4, 300)
    x = (rng.random((300, 40)) < np.linspace(0.01, 0.6, 40)).astype(np.uint8)
    x[:, 3] = labels == 2  # one informative column
    x[:, 7] = 0  # one constant column
    fast = word_label_mi(x, labels)
    slow = np.array([mh.mi_discrete(x[:, j], labels) for j in range(x.shape[1])])
    np.testing.assert_allclose(fast, slow, atol=1e-12)
    np.testing.assert_allclose(fast, mutual_info_classif(x, labels, discrete_features=True), atol=1e-12)
    three_valued = x.astype(int) + (rng.random((300, 40)) < 0.1)  # not 0/1: the column-by-column path
    np.testing.assert_allclose(
        word_label_mi(three_valued, labels), [mh.mi_discrete(three_valued[:, j], labels) for j in range(40)], atol=1e-12
    )


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
    with pytest.raises(ValueError, match="no pairs"):
        cooccurrence_counts([["one"], ["two"]], 2)
    with pytest.raises(TypeError, match="strings"):
        cooccurrence_counts(["a", 1, "b"], 2)
    with pytest.raises(TypeError, match="strings"):
        cooccurrence_counts(["a", ["b", "c"]], 2)
    with pytest.raises(TypeError, match="strings"):
        cooccurrence_counts([["a", "b"], "c"], 2)
    with pytest.raises(ValueError, match="measure"):
        association_scores(c, "dice")
    with pytest.raises(TypeError, match="CooccurrenceCounts"):
        association_scores({"pairs": 1}, "pmi")
    with pytest.raises(ValueError, match="base"):
        association_scores(c, "pmi", base=1)
    with pytest.raises(ValueError, match="min_freq"):
        top_pairs(c, "pmi", min_freq=0)
    with pytest.raises(TypeError, match="stop_words"):
        top_pairs(c, "pmi", stop_words="the")
    with pytest.raises(ValueError, match="rows"):
        word_label_mi(np.zeros((3, 2)), [0, 1])
    with pytest.raises(ValueError, match="2-D"):
        word_label_mi(np.zeros(3), [0, 1, 1])
    with pytest.raises(ValueError, match="empty"):
        word_presence([])
    assert set(MEASURES) == {"pmi", "npmi", "llr", "t_score"}
