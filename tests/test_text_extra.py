"""The bigram chain (text with a known MI) and PPMI word vectors, against dense linear algebra and brute force."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

import mi_helpers as mh
from mi_helpers.text import (
    context_matrix,
    cooccurrence_counts,
    fit_bigram_chain,
    nearest_words,
    pair_table_mi,
    ppmi,
    svd_word_vectors,
    verse_tokens,
)

TOY_DOCS = [["a", "b", "a", "c"], ["b", "c"], ["c", "a", "b", "b", "a"], ["a"], ["c", "c", "b"]]


def _dense_chain(chain):
    """Start vector, word-to-word matrix Q and end vector of a chain, as dense arrays."""
    v = len(chain.vocab)
    q = np.zeros((v, v))
    for x in range(v):
        lo, hi = chain.indptr[x], chain.indptr[x + 1]
        q[x, chain.next_word[lo:hi]] = chain.next_prob[lo:hi]
    return chain.start, q, chain.end


def test_chain_rows_are_distributions_fitted_from_counts():
    chain = fit_bigram_chain(TOY_DOCS)
    start, q, end = _dense_chain(chain)
    np.testing.assert_allclose(q.sum(axis=1) + end, 1.0, atol=1e-12)
    assert start.sum() == pytest.approx(1.0)
    vocab = chain.vocab.tolist()
    # "a" occurs 5 times; it is followed by "b" twice and "c" once, and ends a document twice.
    a, b, c = vocab.index("a"), vocab.index("b"), vocab.index("c")
    assert (q[a, b], q[a, c], end[a]) == pytest.approx((2 / 5, 1 / 5, 2 / 5))
    assert start[c] == pytest.approx(2 / 5)


def test_expected_visits_and_pair_mi_against_dense_linear_algebra():
    chain = fit_bigram_chain(TOY_DOCS)
    start, q, _ = _dense_chain(chain)
    visits = np.linalg.solve((np.eye(len(start)) - q).T, start)  # start (I - Q)^-1
    np.testing.assert_allclose(chain.expected_visits(), visits, rtol=1e-10)
    joint = visits[:, None] * q
    assert chain.pair_mi() == pytest.approx(mh.mi_from_joint(joint), rel=1e-10)
    assert chain.pair_mi(base=2) == pytest.approx(mh.mi_from_joint(joint) / math.log(2), rel=1e-10)


def test_fitted_chain_has_the_corpus_plug_in_mi_as_its_true_mi():
    # Expected visits of the fitted chain are the corpus word counts per document, so its
    # expected pair table is the corpus pair table: its exact MI is the corpus plug-in MI.
    docs = verse_tokens("Proverbs")
    chain = fit_bigram_chain(docs)
    counts = Counter(t for d in docs for t in d)
    np.testing.assert_allclose(chain.expected_visits() * len(docs), [counts[w] for w in chain.vocab], rtol=1e-9)
    assert chain.pair_mi() == pytest.approx(pair_table_mi(cooccurrence_counts(docs)), rel=1e-9)


def test_samples_follow_the_chain():
    chain = fit_bigram_chain(TOY_DOCS)
    docs = chain.sample(100_000, seed=1)
    assert docs == chain.sample(100_000, seed=1)[:] and docs[:50] != chain.sample(100_000, seed=2)[:50]
    start, q, end = _dense_chain(chain)
    vocab = chain.vocab.tolist()
    first = Counter(d[0] for d in docs)
    np.testing.assert_allclose([first[w] / len(docs) for w in vocab], start, atol=0.005)
    counts = cooccurrence_counts(docs)
    np.testing.assert_allclose(np.mean([len(d) for d in docs]), chain.expected_visits().sum(), rtol=0.01)
    a = vocab.index("a")
    assert counts.pair_counts[counts.lookup("a", "b")] / counts.word_count("a") == pytest.approx(q[a, vocab.index("b")], abs=0.01)
    # The plug-in MI of many samples converges to the exact MI.
    assert pair_table_mi(counts) == pytest.approx(chain.pair_mi(), abs=0.003)


def test_chain_bad_input():
    with pytest.raises(ValueError, match="no tokens"):
        fit_bigram_chain([[], []])
    with pytest.raises(TypeError, match="strings"):
        fit_bigram_chain([["a", 3]])
    with pytest.raises(ValueError, match="n_documents"):
        fit_bigram_chain(TOY_DOCS).sample(0, seed=0)


def test_context_matrix_equals_brute_force():
    for max_distance in (1, 2, 3):
        mat, vocab = context_matrix(TOY_DOCS, max_distance=max_distance, vocab_size=2)
        freq = Counter(t for d in TOY_DOCS for t in d)
        assert vocab.tolist() == sorted(freq, key=lambda w: (-freq[w], w))[:2]
        expected = np.zeros((2, 2))
        index = {w: i for i, w in enumerate(vocab.tolist())}
        for d in TOY_DOCS:
            for i, u in enumerate(d):
                for j, w in enumerate(d):
                    if i != j and abs(i - j) <= max_distance and u in index and w in index:
                        expected[index[u], index[w]] += 1
        np.testing.assert_array_equal(mat.toarray(), expected)


def _dense_ppmi(counts, alpha, shift):
    total = counts.sum()
    pw = counts.sum(axis=1) / total
    pc = counts.sum(axis=0) ** alpha
    pc = pc / pc.sum()
    out = np.zeros_like(counts)
    for i in range(counts.shape[0]):
        for j in range(counts.shape[1]):
            if counts[i, j] > 0:
                out[i, j] = max(math.log(counts[i, j] / total / (pw[i] * pc[j])) - math.log(shift), 0.0)
    return out


@pytest.mark.parametrize("alpha, shift", [(1.0, 1.0), (0.75, 1.0), (1.0, 5.0)])
def test_ppmi_equals_the_definition(alpha, shift):
    rng = np.random.default_rng(0)
    counts = rng.poisson(0.8, size=(12, 9)).astype(float)
    counts[:, 0] += rng.poisson(6, size=12)  # a frequent context
    np.testing.assert_allclose(ppmi(counts, alpha=alpha, shift=shift).toarray(), _dense_ppmi(counts, alpha, shift), atol=1e-12)


def test_svd_vectors_are_the_best_low_rank_factor():
    rng = np.random.default_rng(1)
    m = rng.random((40, 30)) ** 3
    w1 = svd_word_vectors(m, 5, power=1.0)
    u, s, _ = np.linalg.svd(m)
    np.testing.assert_allclose(np.linalg.norm(w1, axis=0), s[:5], rtol=1e-8)  # columns ordered by singular value
    np.testing.assert_allclose(w1 @ w1.T, (u[:, :5] * s[:5] ** 2) @ u[:, :5].T, atol=1e-8)
    w_half = svd_word_vectors(m, 5)
    np.testing.assert_allclose(np.abs(w_half), np.abs(u[:, :5] * np.sqrt(s[:5])), atol=1e-8)


def test_nearest_words_match_sklearn_cosine():
    from sklearn.metrics.pairwise import cosine_similarity

    rng = np.random.default_rng(2)
    vectors = rng.normal(size=(30, 4))
    vocab = np.array([f"w{i:02d}" for i in range(30)])
    sims = cosine_similarity(vectors)[7]
    sims[7] = -np.inf
    expected = [(str(vocab[i]), float(sims[i])) for i in np.argsort(-sims)[:6]]
    ours = nearest_words(vectors, vocab, "w07", n=6)
    assert [w for w, _ in ours] == [w for w, _ in expected]
    np.testing.assert_allclose([s for _, s in ours], [s for _, s in expected], atol=1e-12)


def test_ppmi_vectors_find_sensible_neighbours_in_the_corpus():
    mat, vocab = context_matrix(verse_tokens(), max_distance=2, vocab_size=2000)
    vectors = svd_word_vectors(ppmi(mat), 50)
    assert {w for w, _ in nearest_words(vectors, vocab, "east", n=3)} == {"north", "south", "west"}
    assert "silver" in {w for w, _ in nearest_words(vectors, vocab, "gold", n=5)}


def test_embedding_bad_input():
    with pytest.raises(ValueError, match="alpha"):
        ppmi(np.ones((3, 3)), alpha=0)
    with pytest.raises(ValueError, match="shift"):
        ppmi(np.ones((3, 3)), shift=0.5)
    with pytest.raises(ValueError, match="non-negative"):
        ppmi(-np.ones((3, 3)))
    with pytest.raises(ValueError, match="non-empty"):
        ppmi(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="dim"):
        svd_word_vectors(np.ones((4, 4)), 4)
    with pytest.raises(ValueError, match="not in the vocabulary"):
        nearest_words(np.ones((2, 2)), ["a", "b"], "c")
    with pytest.raises(ValueError, match="one row per"):
        nearest_words(np.ones((3, 2)), ["a", "b"], "a")
    with pytest.raises(ValueError, match="max_distance"):
        context_matrix(TOY_DOCS, max_distance=0)


def test_sampled_pair_mi_equals_the_string_pipeline():
    from mi_helpers.synthetic import make_rng
    from mi_helpers.text import _split, shuffle_tokens

    chain = fit_bigram_chain(verse_tokens("Proverbs"))
    plug_in, shuffled, n_tokens = chain.sampled_pair_mi(500, seed=3, base=2)
    docs = chain.sample(500, seed=3)
    assert n_tokens == sum(map(len, docs))
    assert plug_in == pytest.approx(pair_table_mi(cooccurrence_counts(docs), base=2), rel=1e-12)
    rng = make_rng(3)
    codes, lengths = chain._sample_codes(500, rng)
    again = _split(chain.vocab, codes[rng.permutation(len(codes))], lengths)
    assert shuffled == pytest.approx(pair_table_mi(cooccurrence_counts(again), base=2), rel=1e-12)
    # Another shuffle of the same text gives nearly the same MI.
    assert shuffled == pytest.approx(pair_table_mi(cooccurrence_counts(shuffle_tokens(docs, seed=9)), base=2), rel=0.05)
