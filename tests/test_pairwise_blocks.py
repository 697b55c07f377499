"""Blocked pairwise MI, its engines, its memory bound and the streamed nulls.

References: scikit-learn's mutual_info_score in a double loop over column
pairs, the previous (unblocked) permutation_null written out here as a loop
of pairwise_mi over shuffled copies, and exact counts taken from the pooled
"pairs" array with NumPy.
"""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from sklearn.metrics import mutual_info_score

import mi_helpers as mh
import mi_helpers._blocks as blocks
from mi_helpers.estimators import _discretize_columns, discretize
from mi_helpers.networks import NullHistogram, permutation_null, rank_columns, relevance_network, simulate_expression


def loop_mi_score(labels):
    p = len(labels)
    out = np.empty((p, p))
    for i in range(p):
        for j in range(i, p):
            out[i, j] = out[j, i] = mutual_info_score(labels[i], labels[j])
    return out


def old_permutation_null(x, n_permutations, seed, statistic, **kwargs):
    """The previous implementation: one full pairwise_mi matrix per shuffle."""
    rng = np.random.default_rng(seed)
    iu = np.triu_indices(x.shape[1], 1)
    out = [mh.pairwise_mi(rng.permuted(x, axis=0), **kwargs)[iu] for _ in range(n_permutations)]
    return np.array([v.max() for v in out]) if statistic == "max" else np.concatenate(out)


needs_numba = pytest.mark.skipif(blocks.kernel() is None, reason="Numba is not installed")


@pytest.mark.parametrize("engine", ["numpy", "python", pytest.param("numba", marks=needs_numba)])
@pytest.mark.parametrize("max_memory", [None, 2**20])
def test_every_engine_and_tiling_equals_the_mutual_info_score_loop(engine, max_memory):
    rng = np.random.default_rng(50)
    n = 120
    # Few and many bins, a constant column, a column with more labels than 256 (int32 codes).
    cols = [rng.integers(0, m, n) for m in (2, 3, 40, 7, 1, 9, 300, 5)] + [rng.integers(0, 4, n) for _ in range(12)]
    cols[3] = (cols[1] + rng.integers(0, 2, n)) % 7
    codes = np.stack(cols).astype(np.intp)
    sizes = np.array([c.max() + 1 for c in cols])
    for correction in (None, "miller-madow"):
        got = blocks.matrix(codes, sizes, correction, engine=engine, threads=2, max_memory=max_memory)
        expected = loop_mi_score(cols)
        if correction:
            k = np.array([len(np.unique(c)) for c in cols])
            kij = np.array([[len(np.unique(np.c_[a, b], axis=0)) for b in cols] for a in cols])
            expected = expected + (k[:, None] + k[None, :] - kij - 1) / (2 * n)
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-10)
        np.testing.assert_array_equal(got, got.T)


def test_tiles_cover_the_upper_triangle_once():
    for p, t in [(1, 1), (7, 3), (10, 10), (33, 8)]:
        seen = np.zeros((p, p), dtype=int)
        for r0, r1, c0, c1 in blocks.plan(p, t):
            assert r0 <= c0
            seen[r0:r1, c0:c1] += 1
        np.testing.assert_array_equal(np.triu(seen), np.triu(np.ones((p, p), dtype=int)))


def test_tile_size_respects_the_budget():
    for n, p, budget, threads in [(500, 20000, 256 * 2**20, 2), (1000, 500, 2**20, 1), (200, 3000, 8 * 2**20, 4)]:
        for engine in ("numpy", "numba"):
            t = blocks.tile_size(n, p, 32, threads, budget, engine)
            assert 1 <= t <= p
            extra = 8 * n + (0 if engine == "numpy" else 4 * 32)
            assert t == 8 or threads * (32 * t * t + extra * t) <= budget


def test_upper_positions_follow_triu_indices_order():
    p = 9
    iu = np.triu_indices(p, 1)
    index = -np.ones((p, p), dtype=int)
    index[iu] = np.arange(iu[0].size)
    for r0, r1, c0, c1 in blocks.plan(p, 4):
        pos, mask = blocks.upper_positions(r0, r1, c0, c1, p)
        np.testing.assert_array_equal(pos, index[r0:r1, c0:c1][mask])


def test_pairwise_mi_memory_is_bounded_by_the_result_plus_max_memory():
    # NumPy engine (its allocations are traced): p = 600, n = 200, a 4 MiB budget.
    rng = np.random.default_rng(51)
    X = rng.standard_normal((200, 600))
    codes, sizes = _discretize_columns(X, 8)
    budget = 4 * 2**20
    tracemalloc.start()
    M = blocks.matrix(codes, sizes, None, engine="numpy", threads=1, max_memory=budget)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    result = M.nbytes  # 2.9 MB
    assert peak <= result + 2 * budget, f"peak {peak / 2**20:.1f} MiB"
    labels = [discretize(X[:, j], bins=8) for j in range(0, 600, 97)]
    np.testing.assert_allclose(M[::97, ::97], loop_mi_score(labels), rtol=0, atol=1e-10)


@pytest.mark.parametrize("max_memory", [None, 2**20])
def test_pairwise_mi_max_memory_never_changes_the_numbers(max_memory):
    X = np.random.default_rng(52).standard_normal((300, 70))
    X[:, 1::2] += X[:, ::2]
    np.testing.assert_allclose(mh.pairwise_mi(X, max_memory=max_memory), mh.pairwise_mi(X), rtol=0, atol=1e-12)


@pytest.mark.parametrize("bad", [10, -1, 1.5, 1e9 + 0.5, True, "1GB", float("inf")])
def test_bad_max_memory_is_rejected(bad):
    with pytest.raises((ValueError, TypeError), match="max_memory"):
        mh.pairwise_mi(np.ones((10, 3)), max_memory=bad)


def test_max_memory_takes_a_whole_float_such_as_1e9():
    X = np.random.default_rng(53).standard_normal((100, 5))
    np.testing.assert_array_equal(mh.pairwise_mi(X, max_memory=1e9), mh.pairwise_mi(X, max_memory=10**9))
    assert mh.aracne(mh.pairwise_mi(X), max_memory=2.0**20).shape == (5, 5)


@pytest.mark.parametrize("method", ["ksg", "gaussian"])
def test_max_memory_is_refused_where_it_would_be_ignored(method):
    X = np.random.default_rng(54).standard_normal((100, 3))
    with pytest.raises(ValueError, match="does not use it"):
        mh.pairwise_mi(X, method=method, max_memory=2**24)
    with pytest.raises(ValueError, match="does not use it"):
        mh.permutation_null(X, method=method, seed=0, n_permutations=2, max_memory=2**24)


def test_a_client_that_is_not_a_client_gets_a_clear_type_error():
    X = np.random.default_rng(55).standard_normal((50, 3))
    for call in (
        lambda: mh.pairwise_mi(X, client="tcp://127.0.0.1:8786"),
        lambda: mh.permutation_null(X, seed=0, client="tcp://127.0.0.1:8786"),
        lambda: mh.relevance_network(X, seed=0, client="tcp://127.0.0.1:8786"),
    ):
        with pytest.raises(TypeError, match="Client"):
            call()


# ------------------------------------------------------------------ nulls


@pytest.mark.parametrize("statistic", ["max", "pairs"])
@pytest.mark.parametrize("kwargs", [{"bins": 5}, {"bins": 4, "correction": "miller-madow", "base": 2}, {"method": "gaussian"}])
def test_permutation_null_equals_the_previous_loop(statistic, kwargs):
    x, _ = simulate_expression(90, n_genes=12, seed=53)
    r = rank_columns(x)
    budget = {} if kwargs.get("method") == "gaussian" else {"max_memory": 2**20}  # only the counting methods take it
    got = permutation_null(r, n_permutations=15, seed=7, statistic=statistic, **budget, **kwargs)
    expected = old_permutation_null(r, 15, 7, statistic, **kwargs)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-13)


def test_histogram_null_counts_the_pooled_pairs_exactly():
    x, _ = simulate_expression(100, n_genes=15, seed=54)
    r = rank_columns(x)
    pairs = permutation_null(r, n_permutations=20, seed=2, statistic="pairs", bins=6)
    hist = permutation_null(r, n_permutations=20, seed=2, statistic="histogram", bins=6)
    assert isinstance(hist, NullHistogram)
    assert hist.total == pairs.size == 20 * 105
    counts, _ = np.histogram(pairs, bins=hist.edges)
    # np.histogram puts the last edge in the last bin; here it is "above", and no MI gets there.
    np.testing.assert_array_equal(hist.counts, counts)
    assert hist.below == hist.above == 0
    np.testing.assert_allclose(hist.maxima, pairs.reshape(20, 105).max(axis=1), rtol=0, atol=1e-15)
    width = hist.edges[1] - hist.edges[0]
    for q in (0.5, 0.9, 0.95, 0.99):
        t = hist.quantile(q)
        assert np.mean(pairs < t) >= q  # a valid threshold ...
        assert t - np.quantile(pairs, q, method="inverted_cdf") <= width + 1e-15  # ... within one bin of the exact quantile
    obs = np.array([0.0, np.median(pairs), pairs.max(), pairs.max() + 1, hist.edges[100]])
    exact = (1 + (pairs[None, :] >= obs[:, None]).sum(axis=1)) / (1 + pairs.size)
    got = hist.p_values(obs)
    assert (got >= exact).all()
    assert got[-1] == exact[-1] and got[0] == exact[0] == 1.0  # exact on an edge
    assert got[3] == 1 / (1 + pairs.size)


def test_histogram_null_with_edges_and_other_methods():
    x = np.random.default_rng(55).standard_normal((60, 6))
    edges = np.linspace(0.0, 0.5, 11)
    h = permutation_null(x, n_permutations=5, seed=1, statistic="histogram", method="gaussian", edges=edges)
    pairs = permutation_null(x, n_permutations=5, seed=1, statistic="pairs", method="gaussian")
    np.testing.assert_array_equal(h.counts, np.histogram(pairs[pairs < 0.5], bins=edges)[0])
    assert h.above == np.count_nonzero(pairs >= 0.5)
    c = permutation_null(x, n_permutations=5, seed=1, statistic="histogram", method="abs_corr")
    assert c.edges[-1] == 1.0 and c.total == 5 * 15
    with pytest.raises(ValueError, match="edges"):
        permutation_null(x, seed=1, statistic="histogram", method="ksg")
    with pytest.raises(ValueError, match="increasing"):
        permutation_null(x, seed=1, statistic="histogram", edges=[0.0, 0.0, 1.0])
    with pytest.raises(ValueError, match="q must"):
        c.quantile(1.0)


def test_relevance_network_is_the_pipeline_by_hand():
    x, truth = simulate_expression(400, n_genes=25, seed=56)
    res = relevance_network(x, n_permutations=30, seed=4, tolerance=0.1)
    r = rank_columns(x)
    mi = mh.pairwise_mi(r, method="binned", bins=8)
    null = permutation_null(r, n_permutations=30, seed=4, bins=8)
    t = np.quantile(null, 0.95)
    kept = np.where(mi > t, mi, 0.0)
    np.fill_diagonal(kept, 0.0)
    np.testing.assert_array_equal(res.mi, mi)
    np.testing.assert_array_equal(res.null, null)
    assert res.threshold == t
    np.testing.assert_array_equal(res.network, mh.aracne(kept, tolerance=0.1))
    precision, recall = mh.precision_recall(res.network, truth)
    assert precision > 0.8 and recall > 0.4
    with pytest.raises(ValueError, match="alpha"):
        relevance_network(x, alpha=1.0, seed=0)
