"""The optimised paths of mi_helpers.estimators against straightforward references.

Every fast path (tree-ordered k-NN queries, sorted 1-D neighbour counts,
threaded KSG pairs, vectorised binning of many columns, the bincount-based
pairwise counts, their threaded and fallback branches) is compared with a
reference written here: brute-force O(n^2) KSG with explicit max-norm
distances, brute-force neighbour counts, scikit-learn's ``mutual_info_score``
in a double loop over column pairs, and ``numpy.histogram_bin_edges`` +
``searchsorted`` per column.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import digamma
from sklearn.metrics import mutual_info_score

import mi_helpers._blocks as blocks
import mi_helpers.estimators as est
from mi_helpers.estimators import discretize, mi_ksg, pairwise_mi

# --------------------------------------------------------------------------
# References
# --------------------------------------------------------------------------


def _std(a):
    a = np.asarray(a, dtype=float)
    a = a[:, None] if a.ndim == 1 else a
    return (a - a.mean(axis=0)) / a.std(axis=0)


def _maxnorm(a, rows=None):
    """Max-norm distances from the rows ``rows`` of ``a`` to every row (explicit)."""
    rows = slice(None) if rows is None else rows
    return np.abs(a[rows, None, :] - a[None, :, :]).max(axis=2)


def brute_ksg(x, y, k):
    """KSG algorithm 1 by brute force: every pairwise max-norm distance, O(n^2)."""
    xs, ys = _std(x), _std(y)
    n = len(xs)
    nx = np.empty(n, dtype=np.int64)
    ny = np.empty(n, dtype=np.int64)
    for start in range(0, n, 500):
        rows = slice(start, min(n, start + 500))
        dx, dy = _maxnorm(xs, rows), _maxnorm(ys, rows)
        d = np.maximum(dx, dy)
        d[np.arange(d.shape[0]), np.arange(start, start + d.shape[0])] = np.inf  # not its own neighbour
        eps = np.sort(d, axis=1)[:, k - 1]
        # Strictly closer than eps in each marginal space, the point itself excluded.
        nx[rows] = (dx < eps[:, None]).sum(axis=1) - 1
        ny[rows] = (dy < eps[:, None]).sum(axis=1) - 1
    return float(digamma(k) + digamma(n) - np.mean(digamma(nx + 1) + digamma(ny + 1)))


def brute_counts(a, eps):
    a = a[:, None] if a.ndim == 1 else a
    return (_maxnorm(a) < eps[:, None]).sum(axis=1) - 1


def loop_mi_score(labels):
    """The naive double loop of scikit-learn's mutual_info_score over column pairs."""
    p = len(labels)
    out = np.empty((p, p))
    for i in range(p):
        for j in range(i, p):
            out[i, j] = out[j, i] = mutual_info_score(labels[i], labels[j])
    return out


def reference_codes(v, bins):
    edges = np.histogram_bin_edges(v, bins=bins)
    return np.clip(np.searchsorted(edges, v, side="right") - 1, 0, len(edges) - 2)


def dependent_columns(n, p, seed):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    X[:, 1::2] += 0.9 * X[:, 0 : p - p % 2 : 2]
    return X


# --------------------------------------------------------------------------
# KSG
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "dx", "dy", "k", "seed"),
    [(40, 1, 1, 1, 0), (200, 1, 1, 3, 1), (300, 1, 1, 7, 2), (250, 2, 1, 3, 3), (180, 2, 3, 4, 4), (500, 1, 2, 5, 5)],
)
def test_mi_ksg_equals_brute_force(n, dx, dy, k, seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, dx)) * rng.uniform(0.1, 10.0, dx)
    y = np.tanh(x[:, :1]) + 0.5 * rng.standard_normal((n, dy))
    xa, ya = (x[:, 0], y[:, 0]) if dx == 1 and dy == 1 else (x, y)
    ref = brute_ksg(xa, ya, k)
    for workers in (1, -1):
        assert abs(mi_ksg(xa, ya, k=k, workers=workers) - ref) <= 1e-12


def test_mi_ksg_parallel_path_equals_brute_force():
    # Above _PARALLEL_MIN_ROWS the joint query and the 2-D marginal counts run threaded.
    n = est._PARALLEL_MIN_ROWS + 404
    rng = np.random.default_rng(7)
    x = rng.standard_normal(n)
    y = np.column_stack([0.6 * x + rng.standard_normal(n), rng.standard_normal(n)])
    ref = brute_ksg(x, y, 3)
    assert abs(mi_ksg(x, y, k=3, workers=-1) - ref) <= 1e-12
    assert abs(mi_ksg(x, y, k=3, workers=1) - ref) <= 1e-12


def test_kth_neighbour_distance_equals_brute_force_and_plain_query():
    from scipy.spatial import cKDTree

    rng = np.random.default_rng(8)
    z = rng.standard_normal((700, 2)) * [1.0, 3.0]
    d = _maxnorm(z)
    np.fill_diagonal(d, np.inf)
    for k in (1, 3, 6):
        fast = est._kth_neighbour_distance(z, k, -1)
        np.testing.assert_array_equal(fast, np.sort(d, axis=1)[:, k - 1])
        np.testing.assert_array_equal(fast, cKDTree(z).query(z, k=k + 1, p=np.inf)[0][:, -1])


@pytest.mark.parametrize("d", [1, 2, 3])
def test_marginal_counts_equal_brute_force(d):
    rng = np.random.default_rng(10 + d)
    a = rng.standard_normal((600, d))
    eps = rng.uniform(0.05, 1.0, 600)
    expected = brute_counts(a, eps)
    np.testing.assert_array_equal(est._count_strictly_within(a, eps, 1), expected)
    np.testing.assert_array_equal(est._count_strictly_within(a, eps, -1), expected)
    if d == 1:
        # The caller may pass the sort order it already has.
        np.testing.assert_array_equal(est._count_strictly_within(a, eps, 1, np.argsort(a[:, 0])), expected)


def test_marginal_counts_parallel_path_equal_brute_force():
    n = est._PARALLEL_MIN_ROWS + 100
    rng = np.random.default_rng(12)
    a = rng.standard_normal((n, 2))
    eps = rng.uniform(0.01, 0.3, n)
    np.testing.assert_array_equal(est._count_strictly_within(a, eps, -1), brute_counts(a, eps))


def test_marginal_count_excludes_the_neighbour_at_exactly_eps():
    # eps_i is the (floating-point) distance to another point, as the k-th neighbour's is:
    # strictly-closer counts must leave that point out.
    rng = np.random.default_rng(13)
    v = np.sort(rng.uniform(-3, 3, 300))
    partner = np.minimum(np.arange(300) + rng.integers(1, 6, 300), 299)
    partner[-1] = 0
    eps = np.abs(v - v[partner])
    a = v[:, None]
    expected = brute_counts(a, eps)
    np.testing.assert_array_equal(est._count_strictly_within(a, eps, 1), expected)
    perm = rng.permutation(300)  # input order must not matter
    np.testing.assert_array_equal(est._count_strictly_within(a[perm], eps[perm], 1), expected[perm])


@pytest.mark.parametrize("workers", [1, -1])
def test_pairwise_ksg_equals_brute_force_loop(workers):
    X = dependent_columns(150, 5, seed=20)
    X[:, 3] = 2.0  # a constant column has zero MI with everything
    M = pairwise_mi(X, method="ksg", k=3, workers=workers)
    for i in range(5):
        assert np.isnan(M[i, i])
        for j in range(i + 1, 5):
            ref = 0.0 if 3 in (i, j) else brute_ksg(X[:, i], X[:, j], 3)
            assert abs(M[i, j] - ref) <= 1e-12
            assert M[j, i] == M[i, j]


def test_pairwise_ksg_thread_pool_equals_mi_ksg_loop(monkeypatch):
    # Force the pair-level thread pool even on a one-core machine.
    monkeypatch.setattr(est.os, "cpu_count", lambda: 4)
    X = dependent_columns(300, 7, seed=21)
    assert est._pair_threads(-1, 300, 21) == 4
    M = pairwise_mi(X, method="ksg", k=4)
    for i in range(7):
        for j in range(i + 1, 7):
            assert M[i, j] == mi_ksg(X[:, i], X[:, j], k=4, workers=1)


# --------------------------------------------------------------------------
# Binning of many columns at once
# --------------------------------------------------------------------------


def _awkward_columns(rng, n):
    return np.column_stack(
        [
            rng.standard_normal(n),
            np.round(rng.standard_normal(n) * 3),  # many ties
            np.full(n, 4.2),  # constant
            rng.standard_cauchy(n),  # outliers: many bins
            1e8 + 1e-6 * rng.standard_normal(n),  # huge offset, tiny spread
            rng.integers(0, 3, n).astype(float),
            rng.exponential(size=n),
        ]
    )


def _numpy_accepts(v, bins):
    try:
        np.histogram_bin_edges(v, bins=bins)
    except ValueError:
        return False
    return True


def guarded_count(v, bins):
    """NumPy's bin count of a rule, with the two guards of the package: a non-constant
    column never gets one bin (Sturges' count instead), and at most ceil(2 sqrt(n)) bins."""
    if not isinstance(bins, str):
        return bins
    m = len(np.histogram_bin_edges(v, bins=bins)) - 1
    n = v.size
    if m == 1 and v.min() != v.max():
        m = int(np.ceil(np.log2(n) + 1))
    return min(m, int(np.ceil(2 * np.sqrt(n))))


@pytest.mark.filterwarnings("ignore::mi_helpers.BinsWarning")
@pytest.mark.parametrize("bins", ["fd", 1, 7, 64, "sturges", "auto"])
def test_discretize_columns_equals_numpy_per_column(bins):
    rng = np.random.default_rng(30)
    for n in (2, 3, 50, 997):
        X = _awkward_columns(rng, n)
        ok = [_numpy_accepts(X[:, j], bins) for j in range(X.shape[1])]
        for j in np.flatnonzero(~np.array(ok)):
            # numpy refuses ("too many bins"): so must the column-wise path, as discretize does.
            with pytest.raises(ValueError):
                est._discretize_columns(X[:, [0, j]], bins)
        X = X[:, ok]
        codes, sizes = est._discretize_columns(X, bins)
        for j in range(X.shape[1]):
            m = guarded_count(X[:, j], bins)
            ref = reference_codes(X[:, j], m)
            np.testing.assert_array_equal(codes[j], ref, err_msg=f"column {j}, n={n}, bins={bins!r}")
            np.testing.assert_array_equal(codes[j], discretize(X[:, j], bins=bins))
            assert sizes[j] == m


def test_discretize_columns_on_values_at_bin_edges():
    # Values placed exactly on the edges numpy computes: each must land where searchsorted puts it.
    edges = np.linspace(-1.0, 2.0, 8)
    rng = np.random.default_rng(31)
    v = np.concatenate([edges, np.nextafter(edges, -np.inf), np.nextafter(edges, np.inf), rng.uniform(-1, 2, 50)])
    v = np.clip(v, -1.0, 2.0)
    X = np.column_stack([v, v[::-1]])
    codes, _ = est._discretize_columns(X, 7)
    for j in range(2):
        np.testing.assert_array_equal(codes[j], reference_codes(X[:, j], 7))


# --------------------------------------------------------------------------
# Pairwise counts
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "p", "bins"), [(1000, 12, "fd"), (300, 9, 5), (120, 6, "sturges"), (2, 3, "fd"), (500, 1, "fd")])
def test_pairwise_binned_equals_mutual_info_score_loop(n, p, bins):
    X = dependent_columns(n, p, seed=n + p)
    if p > 2:
        X[:, 2] = -1.5  # a constant column
    labels = [discretize(X[:, j], bins=bins) for j in range(p)]
    np.testing.assert_allclose(pairwise_mi(X, bins=bins), loop_mi_score(labels), rtol=0, atol=1e-10)


def test_pairwise_binned_large_equals_mutual_info_score_loop():
    # p = 60 columns, n = 1000 rows: the size class the benchmark measures, threaded counts.
    X = dependent_columns(1000, 60, seed=40)
    labels = [discretize(X[:, j]) for j in range(60)]
    np.testing.assert_allclose(pairwise_mi(X), loop_mi_score(labels), rtol=0, atol=1e-10)


def test_pairwise_binned_in_bits_and_symmetric():
    X = dependent_columns(400, 5, seed=41)
    M = pairwise_mi(X, bins=9, base=2)
    labels = [discretize(X[:, j], bins=9) for j in range(5)]
    np.testing.assert_allclose(M, loop_mi_score(labels) / np.log(2), rtol=0, atol=1e-10)
    np.testing.assert_array_equal(M, M.T)


def test_pairwise_miller_madow_equals_reference():
    X = dependent_columns(250, 6, seed=42)
    labels = [discretize(X[:, j], bins=6) for j in range(6)]
    n = 250
    M = pairwise_mi(X, bins=6, correction="miller-madow")
    for i in range(6):
        for j in range(6):
            kx = len(np.unique(labels[i]))
            ky = len(np.unique(labels[j]))
            kxy = len(np.unique(np.column_stack([labels[i], labels[j]]), axis=0))
            ref = mutual_info_score(labels[i], labels[j]) + (kx + ky - kxy - 1) / (2 * n)
            assert abs(M[i, j] - ref) <= 1e-10


def test_pairwise_discrete_equals_loop_with_string_and_many_labels():
    rng = np.random.default_rng(43)
    n = 400
    a = rng.integers(0, 4, n)
    cols = [
        a,
        (a + rng.integers(0, 2, n)) % 5,
        rng.integers(0, 350, n),  # nearly one label per row
        np.array(["red", "green", "blue"])[rng.integers(0, 3, n)],
    ]
    X = np.empty((n, 4), dtype=object)
    for j, c in enumerate(cols):
        X[:, j] = c
    M = pairwise_mi(X, method="discrete")
    np.testing.assert_allclose(M, loop_mi_score(cols), rtol=0, atol=1e-10)


def test_pairwise_counts_chunked_and_sorted_fallback(monkeypatch):
    # Tiny cell and key budgets force several column blocks per row and the per-pair sort fallback.
    rng = np.random.default_rng(44)
    n = 300
    cols = [rng.integers(0, m, n) for m in (3, 40, 7, 120, 2, 15)]
    codes = np.stack(cols).astype(np.intp)
    sizes = np.array([c.max() + 1 for c in cols])
    expected = loop_mi_score(cols)
    for cells in (1 << 21, 400, 150, 50):
        monkeypatch.setattr(blocks, "MAX_CELLS", cells)
        np.testing.assert_allclose(est._pairwise_counts_mi(codes, sizes, None, engine="numpy"), expected, rtol=0, atol=1e-10)
    # A small key budget: blocks of two columns, then one column.
    monkeypatch.setattr(blocks, "MAX_CELLS", 1 << 21)
    for keys in (2 * n, n, 1):
        monkeypatch.setattr(blocks, "MAX_KEYS", keys)
        np.testing.assert_allclose(est._pairwise_counts_mi(codes, sizes, None, engine="numpy"), expected, rtol=0, atol=1e-10)


def test_pairwise_counts_threaded_equals_single_thread(monkeypatch):
    X = dependent_columns(500, 20, seed=45)
    labels = [discretize(X[:, j]) for j in range(20)]
    expected = loop_mi_score(labels)
    codes, sizes = est._discretize_columns(X, "fd")
    for engine in ("numpy", "python"):
        # Three threads, tiles of 8 columns: 6 tiles run side by side.
        M = blocks.matrix(codes, sizes, None, engine=engine, threads=3, max_memory=2**20)
        np.testing.assert_allclose(M, expected, rtol=0, atol=1e-10)
    monkeypatch.setattr(est.os, "cpu_count", lambda: 3)
    monkeypatch.setattr(blocks, "NUMPY_PARALLEL_MIN_WORK", 0)
    assert blocks.threads_for("numpy", 500, 20) == 3
    monkeypatch.setattr(blocks, "NUMPY_PARALLEL_MIN_WORK", 10**18)
    assert blocks.threads_for("numpy", 500, 20) == 1
