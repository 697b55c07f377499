"""mi_helpers.networks against brute force, hand counts and known truths.

References: a triple loop over all triangles written here (ARACNE), the
Gaussian closed form for the MIs of a Markov chain, hand-counted confusion
tables and scikit-learn's precision_score / recall_score, SciPy's rankdata.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import rankdata
from sklearn.metrics import precision_score, recall_score

import mi_helpers as mh
from mi_helpers.networks import (
    REGULATIONS,
    aracne,
    edge_list,
    permutation_null,
    precision_recall,
    rank_columns,
    simulate_expression,
)

# ------------------------------------------------------------------- ARACNE


def brute_force_aracne(m, tolerance):
    """The textbook loop: every triangle of present edges, weakest edge marked, all removed at the end."""
    p = m.shape[0]
    w = np.array(m, dtype=float)
    np.fill_diagonal(w, 0.0)
    w[w < 0] = 0.0
    remove = set()
    for i, j, k in itertools.combinations(range(p), 3):
        if w[i, j] > 0 and w[i, k] > 0 and w[j, k] > 0:
            for (a, b), others in (((i, j), (w[i, k], w[j, k])), ((i, k), (w[i, j], w[j, k])), ((j, k), (w[i, j], w[i, k]))):
                if w[a, b] < (1 - tolerance) * min(others):
                    remove.add((a, b))
    out = w.copy()
    for a, b in remove:
        out[a, b] = out[b, a] = 0.0
    return out


@settings(max_examples=60, deadline=None)
@given(
    p=st.integers(3, 9),
    density=st.floats(0.2, 1.0),
    tolerance=st.sampled_from([0.0, 0.05, 0.15, 0.5, 1.0]),
    seed=st.integers(0, 2**32 - 1),
)
def test_aracne_equals_the_brute_force_triangle_check(p, density, tolerance, seed):
    rng = np.random.default_rng(seed)
    m = np.round(rng.random((p, p)), 2)  # rounding makes ties happen
    m = np.triu(m * (rng.random((p, p)) < density), 1)
    m = m + m.T
    np.testing.assert_array_equal(aracne(m, tolerance=tolerance), brute_force_aracne(m, tolerance))


def dense_aracne(mi_matrix, tolerance=0.0):
    """The previous implementation of aracne, kept as a reference: one O(p^3) broadcast over all (i, j, k)."""
    m = np.asarray(mi_matrix, dtype=np.float64)
    off = ~np.eye(m.shape[0], dtype=bool)
    w = np.where(off & (m > 0), m, 0.0)
    present = w > 0
    both = present[:, None, :] & present[None, :, :]
    weakest_other = np.where(both, np.minimum(w[:, None, :], w[None, :, :]), 0.0)
    remove = present & (w[:, :, None] < (1.0 - float(tolerance)) * weakest_other).any(axis=2)
    return np.where(remove, 0.0, w)


@settings(max_examples=80, deadline=None)
@given(
    p=st.integers(2, 40),
    density=st.floats(0.05, 1.0),
    tolerance=st.sampled_from([0.0, 0.05, 0.15, 0.5, 1.0]),
    decimals=st.sampled_from([1, 2, 6]),
    seed=st.integers(0, 2**32 - 1),
    small_blocks=st.booleans(),
)
def test_aracne_equals_the_previous_dense_implementation(p, density, tolerance, decimals, seed, small_blocks):
    # Ties (rounded weights), negative entries (no edge), a NaN diagonal, blocks of one row or all rows.
    rng = np.random.default_rng(seed)
    m = np.round(rng.random((p, p)) * 1.2 - 0.1, decimals)
    m = np.triu(m * (rng.random((p, p)) < density), 1)
    m = m + m.T
    np.fill_diagonal(m, np.nan)
    budget = 2**20 if small_blocks else None
    got = aracne(m, tolerance=tolerance, max_memory=budget)
    np.testing.assert_array_equal(got, dense_aracne(m, tolerance))
    assert not np.signbit(got).any()  # no -0.0 either


@pytest.mark.parametrize("tolerance", [0.0, 0.1])
def test_aracne_equals_the_previous_implementation_on_a_relevance_network(tolerance):
    # 150 genes: every pair above a chance level from the shuffles, then pruned both ways.
    x, _ = simulate_expression(300, n_genes=150, n_regulators=10, seed=12)
    mi = mh.pairwise_mi(rank_columns(x), method="binned", bins=6)
    cut = np.quantile(permutation_null(rank_columns(x), n_permutations=3, seed=0, statistic="pairs", bins=6), 0.9)
    kept = np.where(mi > cut, mi, 0.0)
    np.fill_diagonal(kept, 0.0)
    assert 500 < np.count_nonzero(kept) // 2 < 5000
    np.testing.assert_array_equal(aracne(kept, tolerance=tolerance, max_memory=2**20), dense_aracne(kept, tolerance))


def test_aracne_does_not_change_its_input():
    m = np.array([[0.0, 0.5, 0.1], [0.5, 0.0, 0.4], [0.1, 0.4, 0.0]])
    before = m.copy()
    aracne(m)
    np.testing.assert_array_equal(m, before)


def test_chain_with_exact_mis_loses_its_indirect_edge():
    # X -> Y -> Z, Gaussian: corr(X, Z) = corr(X, Y) corr(Y, Z), so I(X;Z) < min(I(X;Y), I(Y;Z)).
    r_xy, r_yz = 0.8, 0.7
    mi = mh.gaussian_mi(np.array([[1.0, r_xy, r_xy * r_yz], [r_xy, 1.0, r_yz], [r_xy * r_yz, r_yz, 1.0]]) * 0.999999)
    np.fill_diagonal(mi, np.nan)
    pruned = aracne(mi)
    assert pruned[0, 2] == pruned[2, 0] == 0.0  # the X-Z edge is removed
    assert pruned[0, 1] == mi[0, 1] and pruned[1, 2] == mi[1, 2]  # the direct ones stay, with their weights
    # A tolerance wider than the gap keeps it: I(X;Z) / min(...) is about 0.37 here.
    assert aracne(mi, tolerance=0.7)[0, 2] > 0


def test_chain_with_a_discrete_markov_chain():
    # X a fair bit, Y = X flipped w.p. 0.1, Z = Y flipped w.p. 0.2: exact MIs from the joint tables.
    def bsc(flip):
        return np.array([[0.5 * (1 - flip), 0.5 * flip], [0.5 * flip, 0.5 * (1 - flip)]])

    flip_xz = 0.1 * 0.8 + 0.9 * 0.2
    i_xy, i_yz, i_xz = (mh.mi_from_joint(bsc(f)) for f in (0.1, 0.2, flip_xz))
    mi = np.array([[0, i_xy, i_xz], [i_xy, 0, i_yz], [i_xz, i_yz, 0]])
    assert i_xz < min(i_xy, i_yz)
    assert edge_list(aracne(mi)) == [(0, 1), (1, 2)]


def test_aracne_does_not_depend_on_gene_order():
    rng = np.random.default_rng(4)
    m = rng.random((12, 12))
    m = m + m.T
    order = rng.permutation(12)
    np.testing.assert_array_equal(aracne(m)[np.ix_(order, order)], aracne(m[np.ix_(order, order)]))


def test_aracne_ignores_absent_edges_and_the_diagonal():
    m = np.array([[np.nan, 0.5, 0.1], [0.5, np.nan, 0.0], [0.1, 0.0, np.nan]])  # no triangle: nothing to prune
    np.testing.assert_array_equal(aracne(m), np.nan_to_num(m))
    assert aracne(-np.ones((3, 3))).sum() == 0.0


# --------------------------------------------------------- precision / recall


def test_precision_recall_by_hand():
    truth = np.zeros((4, 4), bool)
    for a, b in [(0, 1), (1, 2), (2, 3)]:
        truth[a, b] = truth[b, a] = True
    pred = np.zeros((4, 4), bool)
    for a, b in [(0, 1), (0, 3)]:  # one right, one wrong
        pred[a, b] = pred[b, a] = True
    assert precision_recall(pred, truth) == (0.5, 1 / 3)
    assert precision_recall(truth, truth) == (1.0, 1.0)
    p, r = precision_recall(np.zeros((4, 4)), truth)
    assert math.isnan(p) and r == 0.0
    # Weighted matrices: any positive entry is an edge; the diagonal is ignored.
    weighted = pred * 0.3 + np.eye(4)
    assert precision_recall(weighted, truth) == (0.5, 1 / 3)


def test_precision_recall_matches_sklearn_on_upper_triangles():
    rng = np.random.default_rng(5)
    for _ in range(20):
        a = np.triu(rng.random((10, 10)) < 0.3, 1)
        b = np.triu(rng.random((10, 10)) < 0.3, 1)
        a, b = a | a.T, b | b.T
        iu = np.triu_indices(10, 1)
        p, r = precision_recall(a, b)
        assert p == pytest.approx(precision_score(b[iu], a[iu], zero_division=np.nan), nan_ok=True)
        assert r == pytest.approx(recall_score(b[iu], a[iu], zero_division=np.nan), nan_ok=True)


# ---------------------------------------------------------------- simulator


def test_simulator_is_reproducible_and_keeps_its_network_across_settings():
    x1, a1, e1 = simulate_expression(200, seed=3, return_edges=True)
    x2, a2, e2 = simulate_expression(200, seed=3, return_edges=True)
    np.testing.assert_array_equal(x1, x2)
    assert e1 == e2
    _, a3, e3 = simulate_expression(57, noise=1.7, seed=3, return_edges=True)
    np.testing.assert_array_equal(a1, a3)
    assert e1 == e3
    _, a4 = simulate_expression(200, seed=4)
    assert not np.array_equal(a1, a4)


def test_simulator_structure_and_scaling():
    x, adj, edges = simulate_expression(500, n_genes=20, n_regulators=4, seed=1, return_edges=True)
    assert x.shape == (500, 20)
    np.testing.assert_allclose(x.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(x.std(axis=0), 1.0, rtol=1e-12)
    assert np.array_equal(adj, adj.T) and not adj.diagonal().any()
    regulators_of = {j: [e[0] for e in edges if e[1] == j] for j in range(20)}
    assert all(not regulators_of[j] for j in range(4))  # master regulators
    assert all(1 <= len(regulators_of[j]) <= 2 and max(regulators_of[j]) < j for j in range(4, 20))  # acyclic
    assert {e[2] for e in edges} <= set(REGULATIONS)
    assert sum(adj[np.triu_indices(20, 1)]) == len(edges)


def test_true_edges_carry_more_mi_than_non_edges():
    x, adj = simulate_expression(400, noise=0.5, seed=2)
    mi = mh.pairwise_mi(rank_columns(x), method="binned", bins=8)
    off = ~np.eye(adj.shape[0], dtype=bool)
    assert mi[adj].mean() > 3 * mi[off & ~adj].mean()


def test_noiseless_targets_are_functions_of_their_regulators():
    x, _, edges = simulate_expression(300, n_genes=8, n_regulators=1, noise=0.0, seed=7, return_edges=True)
    single = [e for e in edges if sum(1 for f in edges if f[1] == e[1]) == 1 and e[2] == "linear"]
    for parent, target, _, sign in single:
        assert np.corrcoef(x[:, parent], x[:, target])[0, 1] == pytest.approx(sign, abs=1e-12)


# ------------------------------------------------------- ranks and the null


def test_rank_columns_matches_scipy():
    x = np.random.default_rng(8).standard_normal((50, 4))
    np.testing.assert_array_equal(rank_columns(x), rankdata(x, axis=0) - 1)


def test_permutation_null_shapes_reproducibility_and_meaning():
    x, _ = simulate_expression(120, n_genes=10, seed=9)
    r = rank_columns(x)
    null_max = permutation_null(r, n_permutations=30, seed=1, bins=5)
    assert null_max.shape == (30,)
    np.testing.assert_array_equal(null_max, permutation_null(r, n_permutations=30, seed=1, bins=5))
    pairs = permutation_null(r, n_permutations=30, seed=1, bins=5, statistic="pairs")
    assert pairs.shape == (30 * 45,)
    # Same shuffles: the max of each block of 45 pairs is the max statistic.
    np.testing.assert_allclose(pairs.reshape(30, 45).max(axis=1), null_max)
    # The first shuffle, redone by hand.
    shuffled = np.random.default_rng(1).permuted(r, axis=0)
    m = mh.pairwise_mi(shuffled, method="binned", bins=5)
    assert null_max[0] == pytest.approx(m[np.triu_indices(10, 1)].max())
    # Shuffled columns are independent: the null sits near the plug-in bias (B-1)^2/(2n).
    assert np.median(pairs) == pytest.approx(16 / 240, rel=0.3)
    corr = permutation_null(r, n_permutations=20, seed=1, method="abs_corr")
    assert corr.shape == (20,) and (corr > 0).all() and (corr < 0.5).all()


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: aracne(np.ones((3, 4))), ValueError, "square"),
        (lambda: aracne(np.array([[0, 1.0], [0.5, 0]])), ValueError, "symmetric"),
        (lambda: aracne(np.ones((3, 3)), tolerance=1.5), ValueError, "tolerance"),
        (lambda: aracne(np.array([[0, np.nan], [np.nan, 0]])), ValueError, "NaN"),
        (lambda: aracne([["a", "b"], ["c", "d"]]), TypeError, "square matrix"),
        (lambda: aracne(np.ones((3, 3)), max_memory=10), ValueError, "max_memory"),
        (lambda: aracne(np.array([[0, np.inf], [np.inf, 0]])), ValueError, "infinite"),
        (lambda: precision_recall(np.eye(3), np.eye(4)), ValueError, "same shape"),
        (lambda: precision_recall(np.triu(np.ones((3, 3)), 1), np.zeros((3, 3))), ValueError, "symmetric"),
        (lambda: simulate_expression(100, seed=None), ValueError, "seed"),
        (lambda: simulate_expression(2, seed=0), ValueError, "n_samples"),
        (lambda: simulate_expression(100, noise=-0.1, seed=0), ValueError, "noise"),
        (lambda: simulate_expression(100, n_genes=5, n_regulators=5, seed=0), ValueError, "n_regulators"),
        (lambda: simulate_expression(100.0, seed=0), TypeError, "n_samples"),
        (lambda: permutation_null(np.ones((10, 3)), seed=0, statistic="mean"), ValueError, "statistic"),
        (lambda: permutation_null(np.ones((10, 3)), seed=0, method="magic"), ValueError, "method"),
        (lambda: permutation_null(np.ones((10, 3)), seed=0, method="abs_corr", bins=3), TypeError, "abs_corr"),
        (lambda: permutation_null(np.ones((10, 1)), seed=0), ValueError, "2 columns"),
        (lambda: permutation_null(np.ones((10, 3)), seed=None), ValueError, "seed"),
        (lambda: permutation_null(np.ones((10, 3)), n_permutations=0, seed=0), ValueError, "n_permutations"),
    ],
)
def test_bad_input_is_rejected(call, exc, match):
    with pytest.raises(exc, match=match):
        call()
