"""Relevance networks from mutual information: simulate, threshold, prune, score.

A relevance network links two genes when their expression levels share
more information than chance allows [BK]_. This module holds the pieces of
that pipeline, each small enough to check by hand:

* :func:`simulate_expression` draws expression data from a known
  regulatory network with non-linear regulation, so the truth is known;
* :func:`rank_columns` turns each gene into ranks (MI is unchanged by
  increasing maps, and equal-width bins of ranks are equal-count bins);
* :func:`permutation_null` gives the MI (or correlation) of data whose
  columns were shuffled independently: what "no dependence" looks like;
* :func:`aracne` removes the weakest edge of every triangle, the data
  processing inequality step of ARACNE [ARACNE]_;
* :func:`precision_recall` scores a predicted network against the truth.

The MI matrix itself comes from :func:`mi_helpers.pairwise_mi`.

References
----------
.. [ARACNE] A. A. Margolin, I. Nemenman, K. Basso, C. Wiggins,
   G. Stolovitzky, R. Dalla Favera, A. Califano, "ARACNE: an algorithm for
   the reconstruction of gene regulatory networks in a mammalian cellular
   context", BMC Bioinformatics 7(Suppl 1):S7 (2006).
.. [BK] A. J. Butte, I. S. Kohane, "Mutual information relevance networks:
   functional genomic clustering using pairwise entropy measurements",
   Pacific Symposium on Biocomputing 5, 418-429 (2000).
"""

from __future__ import annotations

import math
import numbers
from typing import NamedTuple

import numpy as np

from ._validation import as_continuous, check_int, log_base
from .distributed import check_client
from .estimators import _check_bins, _check_max_memory, pairwise_mi
from .synthetic import make_rng

__all__ = [
    "NULL_STATISTICS",
    "NullHistogram",
    "REGULATIONS",
    "RelevanceNetwork",
    "aracne",
    "edge_list",
    "permutation_null",
    "precision_recall",
    "rank_columns",
    "relevance_network",
    "simulate_expression",
]

#: Kinds of regulation used by :func:`simulate_expression`.
REGULATIONS = ("linear", "activation", "repression", "quadratic", "sine")


def _regulate(kind: str, z: np.ndarray) -> np.ndarray:
    """Response of a target to a standardised regulator level ``z``."""
    if kind == "linear":
        return z
    if kind == "activation":
        # Hill function u^h / (K^h + u^h) of the level u = exp(z), with K = 1 and
        # h = 3: in log-expression it is the logistic curve 1 / (1 + exp(-3 z)).
        return 1.0 / (1.0 + np.exp(-3.0 * z))
    if kind == "repression":
        return 1.0 / (1.0 + np.exp(3.0 * z))  # K^h / (K^h + u^h)
    if kind == "quadratic":
        return z * z
    if kind == "sine":
        return np.sin(2.0 * z)
    raise ValueError(f"unknown regulation {kind!r}; use one of {REGULATIONS}")


def _standardise(v: np.ndarray) -> np.ndarray:
    sd = v.std()
    return (v - v.mean()) / sd if sd > 0 else v - v.mean()


def _check_nonneg(value, name) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a non-negative number, got {value!r}")
    return float(value)


def simulate_expression(n_samples, *, n_genes=30, n_regulators=5, noise=0.5, seed, return_edges=False, nonmonotone_share=None):
    """Expression data from a random regulatory network with known edges.

    The network is a random directed acyclic graph. Genes
    ``0..n_regulators-1`` are master regulators with standard Gaussian
    levels. Every later gene j has one regulator (probability 0.7) or two,
    drawn among the genes before it, each acting through a function from
    :data:`REGULATIONS` with a random sign: linear, Hill activation or
    repression (Hill coefficient 3, a logistic curve in log-expression),
    quadratic or sine. The summed signal is scaled to unit variance and
    Gaussian noise of standard deviation ``noise`` is added; every column is
    finally standardised.

    The structure is drawn from ``seed`` before any sample, so one seed gives
    the same network for every ``n_samples`` and ``noise``; the noise draws
    for a given ``n_samples`` are also shared across ``noise`` levels.

    Parameters
    ----------
    n_samples : int
        Samples (rows), at least 3.
    n_genes : int, default 30
    n_regulators : int, default 5
        Genes without a regulator (at least 1, fewer than ``n_genes``).
    noise : float, default 0.5
        Noise standard deviation relative to the regulated signal (which
        has unit variance). 0 makes every target a deterministic function of
        its regulators.
    seed : int or numpy Generator
        Required.
    return_edges : bool, default False
        Also return the directed edges ``[(regulator, target, kind, sign), ...]``.
    nonmonotone_share : float in [0, 1], optional
        Probability that a regulation is non-monotone (quadratic or sine,
        equally likely) rather than monotone (linear, activation or
        repression, equally likely). Default None: the five shapes are
        equally likely, a share of 2/5. The same seed gives the same
        regulators, signs and noise for every share; only the shapes change.

    Returns
    -------
    expression : ndarray, shape (n_samples, n_genes)
    adjacency : ndarray of bool, shape (n_genes, n_genes)
        Symmetric: ``adjacency[i, j]`` is True when i regulates j or j
        regulates i. The diagonal is False.
    edges : list of tuple, only with ``return_edges=True``

    Raises
    ------
    ValueError
        If ``n_samples`` is below 3, ``n_genes`` below 2, ``n_regulators``
        below 1 or not below ``n_genes``, ``noise`` negative,
        ``nonmonotone_share`` outside [0, 1], or ``seed`` None or negative.
    TypeError
        If a count is not an integer, or ``seed`` is neither an int nor a
        Generator.

    Notes
    -----
    Cost O(n_samples n_genes). A gene with two regulators shares less
    information with each of them than a gene with one.

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> x, adj, edges = mh.simulate_expression(300, n_genes=8, n_regulators=2, seed=0, return_edges=True)
    >>> x.shape, len(edges) == int(adj.sum()) // 2, bool((adj == adj.T).all())
    ((300, 8), True, True)
    >>> bool(np.allclose(x.mean(axis=0), 0.0) and np.allclose(x.std(axis=0), 1.0))  # standardised genes
    True
    >>> parent, target, kind, sign = edges[0]
    >>> bool(parent < target and kind in mh.REGULATIONS and sign in (-1.0, 1.0))
    True
    """
    n = check_int(n_samples, "n_samples", minimum=3)
    p = check_int(n_genes, "n_genes", minimum=2)
    r = check_int(n_regulators, "n_regulators", minimum=1)
    if r >= p:
        raise ValueError(f"n_regulators must be smaller than n_genes ({p}), got {r}")
    noise = _check_nonneg(noise, "noise")
    share = _check_share(nonmonotone_share)
    rng = make_rng(seed)
    # 1. The structure: a fixed number of draws per gene, so it never depends on n or noise.
    edges = []
    for j in range(r, p):
        u_count, u_kinds, u_signs = rng.random(), rng.random(2), rng.random(2)
        parents = rng.permutation(j)[: 1 if u_count < 0.7 else min(2, j)]
        for k, parent in enumerate(parents):
            kind = REGULATIONS[int(u_kinds[k] * len(REGULATIONS))] if share is None else _draw_kind(u_kinds[k], share)
            edges.append((int(parent), j, kind, 1.0 if u_signs[k] < 0.5 else -1.0))
    # 2. The samples.
    eps = rng.standard_normal((n, p))
    x = np.empty((n, p))
    x[:, :r] = eps[:, :r]
    by_target = {}
    for parent, target, kind, sign in edges:
        by_target.setdefault(target, []).append((parent, kind, sign))
    for j in range(r, p):
        signal = sum(sign * _regulate(kind, _standardise(x[:, parent])) for parent, kind, sign in by_target[j])
        x[:, j] = _standardise(signal) + noise * eps[:, j]
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    adjacency = np.zeros((p, p), dtype=bool)
    for parent, target, _, _ in edges:
        adjacency[parent, target] = adjacency[target, parent] = True
    if return_edges:
        return x, adjacency, edges
    return x, adjacency


def rank_columns(X) -> np.ndarray:
    """Replace each column by the ranks 0..n-1 of its values (ties by order).

    MI is unchanged by an increasing map of either variable, so ranking
    (an empirical copula transform) loses no information, makes every
    marginal uniform, and turns equal-width bins into equal-count bins.

    Parameters
    ----------
    X : array-like, shape (n,) or (n, p)
        Samples in rows, genes (variables) in columns; a 1-D array is one
        column.

    Returns
    -------
    ndarray of float, shape (n, p)
        Column j holds the ranks 0..n-1 of ``X[:, j]``; tied values get
        consecutive ranks in their order of appearance. O(n log n) per
        column.

    Raises
    ------
    ValueError
        If ``X`` has more than 2 dimensions, fewer than 2 rows, or NaN or
        infinite values.
    TypeError
        If ``X`` is not numeric.

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> mh.rank_columns([[0.5, 10.0], [-2.0, 30.0], [7.0, 20.0]])
    array([[1., 0.],
           [0., 2.],
           [2., 1.]])
    >>> x = np.random.default_rng(0).standard_normal((100, 2))
    >>> bool((mh.rank_columns(np.exp(x)) == mh.rank_columns(x)).all())  # increasing maps change nothing
    True
    """
    x = as_continuous(X, "X")
    return np.argsort(np.argsort(x, axis=0, kind="stable"), axis=0, kind="stable").astype(np.float64)


def _upper(m: np.ndarray) -> np.ndarray:
    return m[np.triu_indices(m.shape[0], k=1)]


#: Statistics of :func:`permutation_null`.
NULL_STATISTICS = ("max", "pairs", "histogram")

#: Bins of the default edges of ``statistic="histogram"``.
HISTOGRAM_BINS = 1 << 14


class NullHistogram(NamedTuple):
    """Pooled off-diagonal values of every shuffle, as exact counts on fixed bins.

    ``counts[k]`` holds the values v with ``edges[k] <= v < edges[k + 1]``;
    ``below`` and ``above`` the values outside the edges. ``maxima`` is the
    largest value of each shuffle (the "max" statistic). Memory does not
    grow with the number of shuffles or of pairs.
    """

    edges: np.ndarray
    counts: np.ndarray
    below: int
    above: int
    maxima: np.ndarray

    @property
    def total(self) -> int:
        """Number of pooled values: shuffles times p(p-1)/2."""
        return int(self.counts.sum()) + self.below + self.above

    def quantile(self, q) -> float:
        """A threshold t with at least a fraction q of the values below it.

        t is the smallest bin edge that works (or the largest value seen), so
        it is at or above the exact q-quantile and within one bin width of
        it: an edge kept at ``mi > t`` has a chance level of at most 1 - q.
        """
        q = float(q)
        if not 0.0 < q < 1.0:
            raise ValueError(f"q must lie strictly between 0 and 1, got {q!r}")
        below_edge = self.below + np.concatenate([[0], np.cumsum(self.counts)])  # values < edges[k]
        k = int(np.searchsorted(below_edge, q * self.total, side="left"))
        return float(self.edges[k]) if k < self.edges.size else float(self.maxima.max())

    def p_values(self, values) -> np.ndarray:
        """Permutation p-values (1 + #{null >= v}) / (1 + total), never below the exact ones.

        #{null >= v} is counted from the bin holding v upwards, so it
        includes the values of that bin below v: exact when v is an edge,
        conservative (too large by at most that bin's count) otherwise.
        """
        v = np.asarray(values, dtype=np.float64)
        at_or_above = np.concatenate([np.cumsum(self.counts[::-1])[::-1], [0]]) + self.above  # values >= edges[k]
        k = np.clip(np.searchsorted(self.edges, v, side="right") - 1, 0, None)
        k = np.minimum(k, self.edges.size - 1)
        n_ge = np.where(v < self.edges[0], self.total, at_or_above[k])
        return (1.0 + n_ge) / (1.0 + self.total)


def permutation_null(
    X,
    *,
    n_permutations=100,
    seed,
    statistic="max",
    method="binned",
    edges=None,
    max_memory=None,
    client=None,
    **kwargs,
):
    """Pairwise MI (or absolute correlation) of data with every column shuffled on its own.

    Shuffling each column independently keeps every gene's distribution and
    destroys every dependence, so the pairwise values of the shuffled data
    show how large they get by chance alone.

    Parameters
    ----------
    X : array-like or dask array, shape (n, p)
        Samples in rows, genes in columns (at least 3 rows and 2 columns).
    n_permutations : int, default 100
        Number of shuffled data sets.
    seed : int or numpy Generator
        Required: the shuffles are random.
    statistic : {"max", "pairs", "histogram"}, default "max"
        "max": the largest off-diagonal value of each shuffled data set. Its
        (1 - alpha) quantile is a threshold that keeps the chance of *any*
        false edge among all p(p-1)/2 pairs near alpha (family-wise).
        "pairs": every off-diagonal value of every shuffle, pooled: the null
        of one pair taken on its own (no correction for testing many pairs).
        "histogram": the same pooled values streamed into exact counts on
        fixed bins (a :class:`NullHistogram`), for when
        n_permutations * p(p-1)/2 values would not fit in memory.
    method : {"binned", "ksg", "gaussian", "discrete", "abs_corr"}, default "binned"
        A :func:`mi_helpers.pairwise_mi` method (values in nats), or
        "abs_corr" for the absolute Pearson correlation.
    edges : array-like, optional
        Bin edges of "histogram" (increasing). Default: 2**14 equal bins
        from 0 to the largest possible value, max_j H(X_j) for "binned" and
        "discrete" (MI never exceeds either entropy), 1 for "abs_corr";
        required for "ksg" and "gaussian".
    max_memory : int, optional
        "binned" and "discrete": bytes of scratch memory for the blocks of
        pairs (see :func:`mi_helpers.pairwise_mi`). "max" and "histogram"
        then never hold a p x p matrix.
    client : dask.distributed.Client, optional
        "binned" and "discrete": run the blocks of every shuffle on the
        cluster's workers; same numbers as without.
    **kwargs
        Passed to :func:`mi_helpers.pairwise_mi` (``bins``, ``k``, ...).

    Returns
    -------
    ndarray or NullHistogram
        Shape (n_permutations,) for "max"; (n_permutations * p(p-1)/2,) for
        "pairs", shuffle after shuffle, each in ``np.triu_indices`` order;
        a :class:`NullHistogram` for "histogram".

    Notes
    -----
    Cost: n_permutations pairwise matrices (the null multiplies the cost of
    the matrix). With "binned" and "discrete" the columns are binned once
    and their codes shuffled (the same draws as shuffling the data: binning
    a column does not depend on the order of its values). With
    ``method="binned"`` on ranked data (:func:`rank_columns`) every column
    has the same uniform marginal, so the null depends only on n, p and the
    bins, not on the data. Memory of "pairs": the returned array, 4
    n_permutations p^2 bytes.

    Raises
    ------
    ValueError
        If ``X`` has fewer than 3 rows or 2 columns, or NaN or infinite
        values; ``n_permutations`` is below 1; ``statistic``, ``method`` or
        an option is unknown or out of range; ``edges`` is not increasing,
        or is missing for "histogram" with "ksg" or "gaussian";
        ``max_memory`` is below 1 MiB or given to a method that does not
        use it; a Dask client or array is given with a method other than
        "binned" or "discrete"; or ``seed`` is None or negative.
    TypeError
        If ``X`` is not numeric, an option does not belong to ``method``,
        ``client`` is not a Dask client, or ``seed`` is neither an int nor
        a Generator.

    Examples
    --------
    Eight genes with known regulation: the 95% quantile of the "max" null is a
    threshold that every true edge clears, and that no pair of eight
    independent genes reaches.

    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> x, adj = mh.simulate_expression(300, n_genes=8, n_regulators=2, seed=0)
    >>> r = mh.rank_columns(x)
    >>> null = mh.permutation_null(r, n_permutations=20, seed=0, bins=5)
    >>> null.shape
    (20,)
    >>> t = np.quantile(null, 0.95)
    >>> iu = np.triu_indices(8, 1)
    >>> m = mh.pairwise_mi(r, bins=5)[iu]
    >>> int((m[adj[iu]] > t).sum()), int(adj[iu].sum())  # true edges above the threshold, of all
    (8, 8)
    >>> independent = mh.rank_columns(np.random.default_rng(1).standard_normal((300, 8)))
    >>> int((mh.pairwise_mi(independent, bins=5)[iu] > t).sum())
    0
    >>> mh.permutation_null(r, n_permutations=3, seed=0, bins=5, statistic="pairs").shape  # 3 x 28 pairs
    (84,)
    """
    dask_input = type(X).__module__.startswith("dask.")
    x = X if dask_input else as_continuous(X, "X", min_samples=3)
    if x.ndim != 2 or x.shape[1] < 2:
        raise ValueError(f"X needs at least 2 columns (genes), got shape {x.shape}")
    n_permutations = check_int(n_permutations, "n_permutations", minimum=1)
    if statistic not in NULL_STATISTICS:
        raise ValueError(f"statistic must be one of {NULL_STATISTICS}, got {statistic!r}")
    counting = method in ("binned", "discrete")
    max_memory = _check_max_memory(max_memory)
    if max_memory is not None and not counting:
        raise ValueError(
            f"max_memory bounds the blocks of pairs of methods 'binned' and 'discrete'; method {method!r} "
            "does not use it. Leave max_memory out"
        )
    client = check_client(client)
    if method == "abs_corr":
        if kwargs:
            raise TypeError(f"method 'abs_corr' takes no options, got {sorted(kwargs)}")
    else:
        pairwise_mi(np.asarray(x[:, :2]), method=method, **kwargs)  # checks method and options before the loop
    if (client is not None or dask_input) and not counting:
        raise ValueError(f"a Dask client or array works with method 'binned' or 'discrete', got {method!r}")
    if edges is not None:
        edges = _check_edges(edges)
    elif statistic == "histogram" and method not in ("binned", "discrete", "abs_corr"):
        raise ValueError(f"statistic 'histogram' with method {method!r} needs edges (the values have no upper bound)")
    rng = make_rng(seed)
    if counting:
        if client is not None or dask_input:
            from .distributed import permutation_null_dask

            return permutation_null_dask(x, n_permutations, rng, statistic, method, edges, max_memory, client, kwargs)
        return _counting_null(x, n_permutations, rng, statistic, method, edges, max_memory, kwargs)
    if method == "abs_corr":

        def matrix(a):
            with np.errstate(invalid="ignore", divide="ignore"):
                return np.nan_to_num(np.abs(np.corrcoef(a, rowvar=False)))

        if statistic == "histogram" and edges is None:
            edges = np.linspace(0.0, 1.0, HISTOGRAM_BINS + 1)
    else:

        def matrix(a):
            return pairwise_mi(a, method=method, **kwargs)

    p = x.shape[1]
    acc = _NullAccumulator(statistic, n_permutations, p, edges)
    for s in range(n_permutations):
        values = _upper(matrix(rng.permuted(x, axis=0)))
        acc.add(s, tile_reduction(statistic, 0, p, 0, p, p, values, edges, upper=True))
    return acc.result()


def _check_edges(edges) -> np.ndarray:
    try:
        e = np.asarray(edges, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError("edges must be an array of numbers") from None
    if e.ndim != 1 or e.size < 2 or not np.isfinite(e).all() or not (np.diff(e) > 0).all():
        raise ValueError("edges must be a 1-D array of at least 2 finite, strictly increasing numbers")
    return e


def _counting_codes(x, method, kwargs):
    """Bin codes (p, n), sizes, correction and log base of a binned or discrete null."""
    from .estimators import _pairwise_codes

    kw = {k: v for k, v in kwargs.items() if k != "base"}
    codes, sizes, correction = _pairwise_codes(x, method, kw)
    return codes, sizes, correction, log_base(kwargs.get("base", math.e))


def default_edges(codes, sizes, lb) -> np.ndarray:
    """2**14 equal bins from 0 to max_j H(X_j) (in the null's units): no MI can exceed it."""
    from ._blocks import clogc_table, marginal_stats

    n = codes.shape[1]
    d, _ = marginal_stats(codes, sizes, clogc_table(n))
    top = max(float(np.max(math.log(n) - d / n)) / lb, 1e-12)
    return np.linspace(0.0, top * (1 + 1e-9), HISTOGRAM_BINS + 1)


def _counting_null(x, n_permutations, rng, statistic, method, edges, max_memory, kwargs):
    from . import _blocks

    codes, sizes, correction, lb = _counting_codes(x, method, kwargs)
    if statistic == "histogram" and edges is None:
        edges = default_edges(codes, sizes, lb)
    p = codes.shape[0]
    by_sample = np.ascontiguousarray(codes.T)
    acc = _NullAccumulator(statistic, n_permutations, p, edges)
    for s in range(n_permutations):
        shuffled = np.ascontiguousarray(rng.permuted(by_sample, axis=0).T)

        def consume(r0, r1, c0, c1, m):
            return tile_reduction(statistic, r0, r1, c0, c1, p, m / lb, edges)

        for part in _blocks.run_tiles(shuffled, sizes, correction, consume, max_memory=max_memory):
            acc.add(s, part)
    return acc.result()


def tile_reduction(statistic, r0, r1, c0, c1, p, m, edges, upper=False):
    """What one shuffle's tile contributes to the statistic (small, picklable).

    ``m``: the tile of MI values; with ``upper`` it is already the vector of
    a whole matrix's pairs i < j.
    """
    if upper:
        vals, pos = m, None
    else:
        pos, mask = _blocks_upper(r0, r1, c0, c1, p)
        vals = m[mask]
    if statistic == "max":
        return ("max", vals.max(initial=-np.inf))
    if statistic == "pairs":
        return ("pairs", pos, vals)
    k = np.searchsorted(edges, vals, side="right")  # 0: below, len(edges): at or above the last edge
    return ("histogram", np.bincount(k, minlength=edges.size + 1), vals.max(initial=-np.inf))


def _blocks_upper(r0, r1, c0, c1, p):
    from ._blocks import upper_positions

    return upper_positions(r0, r1, c0, c1, p)


class _NullAccumulator:
    """Collects the tile reductions of every shuffle into the statistic."""

    def __init__(self, statistic, n_permutations, p, edges):
        self.statistic = statistic
        self.n_pairs = p * (p - 1) // 2
        self.edges = edges
        if statistic == "pairs":
            self.values = np.empty((n_permutations, self.n_pairs))
        else:
            self.maxima = np.full(n_permutations, -np.inf)
        if statistic == "histogram":
            self.hist = np.zeros(edges.size + 1, dtype=np.int64)

    def add(self, s, part):
        kind = part[0]
        if kind == "max":
            self.maxima[s] = max(self.maxima[s], part[1])
        elif kind == "pairs":
            if part[1] is None:
                self.values[s] = part[2]
            else:
                self.values[s, part[1]] = part[2]
        else:
            self.hist += part[1]
            self.maxima[s] = max(self.maxima[s], part[2])

    def result(self):
        if self.statistic == "max":
            return self.maxima
        if self.statistic == "pairs":
            return self.values.reshape(-1)
        h = self.hist
        return NullHistogram(self.edges, h[1:-1].copy(), int(h[0]), int(h[-1]), self.maxima)


def _check_square(m, name) -> np.ndarray:
    try:
        a = np.asarray(m, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a square matrix of numbers") from None
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise ValueError(f"{name} must be a square matrix, got shape {a.shape}")
    if a.shape[0] < 2:
        raise ValueError(f"{name} needs at least 2 rows and columns, got shape {a.shape}")
    return a


def aracne(mi_matrix, *, tolerance=0.0, convention="multiplicative", max_memory=None) -> np.ndarray:
    """Prune indirect edges with the data processing inequality (ARACNE).

    If X -> Y -> Z is a Markov chain, I(X;Z) <= min(I(X;Y), I(Y;Z)). So in
    every triangle of edges (i, j, k), the weakest edge is the candidate
    indirect link. Following ARACNE [ARACNE]_, edge (i, j) is removed when,
    for some k with edges (i, k) and (j, k) present,

        I(i, j) < (1 - tolerance) * min(I(i, k), I(j, k)).

    All triangles are examined on the input matrix and the removals are
    applied together, so the order of the genes does not matter.

    Parameters
    ----------
    mi_matrix : array-like, shape (p, p)
        Symmetric MI matrix of the edges that passed a threshold: an entry
        > 0 is an edge with that weight, an entry <= 0 is no edge. The
        diagonal is ignored (it may be NaN); off-diagonal NaN is an error.
    tolerance : float in [0, 1], default 0
        Fraction by which the weakest edge must fall below the other two
        before it is removed. It protects edges whose MI differs from the
        others by less than the estimation error (ARACNE's software uses
        0.15 by default [ARACNE]_). 0: remove the weakest edge of every
        triangle (ties are kept); 1: remove nothing.
    convention : {"multiplicative", "additive"}, default "multiplicative"
        How the tolerance enters. "multiplicative" (above; parmigene's
        ``aracne.m`` with ``tau``): remove when
        I(i, j) < (1 - tolerance) * min(I(i, k), I(j, k)). "additive"
        (minet's ``aracne(mim, eps)``, parmigene's ``aracne.a``): remove
        when I(i, j) < min(I(i, k), I(j, k)) - tolerance, with the tolerance
        in the matrix's units (nats) and any value >= 0. Tolerance 0 gives
        the same result in both.
    max_memory : int, optional
        Bytes of scratch memory for the blocks of triangles examined at once
        (default 64 MiB), beyond the input and the result.

    Returns
    -------
    ndarray, shape (p, p)
        The input weights with removed edges (and the diagonal) set to 0.

    Notes
    -----
    Only present edges are examined: for each gene i, the edges (i, j) with
    j > i are checked against the neighbours k of i in vectorised blocks, so
    the time is at most O(sum over genes of d_i^2) for degrees d_i, and the
    memory O(p^2): the result plus blocks of at most ``max_memory`` bytes.
    The witnesses k are tried strongest first, in growing chunks, and an
    edge leaves the search once removed or once the remaining I(i, k) are
    too small to remove it, so even a complete graph costs far less than
    p^3. The bound, (1 - tolerance) * min(a, b) or min(a, b) - tolerance, is
    computed and compared exactly as written, so the result equals the
    textbook triple loop.

    Raises
    ------
    ValueError
        If ``mi_matrix`` is not square, has fewer than 2 rows, is not
        symmetric, or has NaN or infinite values off the diagonal;
        ``convention`` is unknown or ``tolerance`` out of its range; or
        ``max_memory`` is below 1 MiB.
    TypeError
        If ``mi_matrix`` is not numeric or ``max_memory`` is not a whole
        number.

    References
    ----------
    .. [ARACNE] A. A. Margolin, I. Nemenman, K. Basso, C. Wiggins,
       G. Stolovitzky, R. Dalla Favera, A. Califano, "ARACNE: an algorithm for
       the reconstruction of gene regulatory networks in a mammalian cellular
       context", BMC Bioinformatics 7(Suppl 1):S7 (2006).

    Examples
    --------
    A chain 0 - 1 - 2: the indirect pair (0, 2) has the weakest MI of the
    triangle and is removed.

    >>> import mi_helpers as mh
    >>> mi = [[0.0, 0.5, 0.3], [0.5, 0.0, 0.4], [0.3, 0.4, 0.0]]
    >>> mh.aracne(mi)
    array([[0. , 0.5, 0. ],
           [0.5, 0. , 0.4],
           [0. , 0.4, 0. ]])
    >>> float(mh.aracne(mi, tolerance=0.5)[0, 2])  # kept: 0.3 is not below (1 - 0.5) * 0.4
    0.3
    """
    m = _check_square(mi_matrix, "mi_matrix")
    tolerance = _check_tolerance(tolerance, convention)
    budget = _check_max_memory(max_memory, default=64 * 2**20)
    p = m.shape[0]
    w = m.copy()  # the result; every check below works on blocks of rows, never on p x p temporaries
    np.fill_diagonal(w, 0.0)
    rows = max(1, int(budget) // (16 * p))
    for r0 in range(0, p, rows):
        blk = w[r0 : r0 + rows]
        if not np.isfinite(blk).all():
            raise ValueError("mi_matrix has NaN or infinite values off the diagonal")
    for r0 in range(0, p, rows):
        if not np.allclose(w[r0 : r0 + rows], w[:, r0 : r0 + rows].T, rtol=1e-10, atol=1e-12):
            raise ValueError("mi_matrix must be symmetric")
    for r0 in range(0, p, rows):
        blk = w[r0 : r0 + rows]
        blk[~(blk > 0)] = 0.0  # an entry <= 0 is no edge
    removed = []
    for i in range(p - 1):
        nbr = np.flatnonzero(w[i])  # neighbours k of i
        later = nbr[nbr > i]  # edges (i, j), j > i, each examined once
        if later.size == 0 or nbr.size < 2:
            continue
        # Witnesses k in order of decreasing I(i, k). Edge (i, j) is removed when
        # bound(min(I(i,k), I(j,k))) > I(i,j) for some k, where the bound
        # (_dpi_bound) grows with its argument: only the k with
        # bound(I(i,k)) > I(i,j), a prefix of that order, can be witnesses.
        ks = nbr[np.argsort(-w[i, nbr], kind="stable")]
        wk = w[i, ks]
        v = w[i, later]
        reach = np.searchsorted(-_dpi_bound(wk, tolerance, convention), -v, side="left")  # prefix length for each edge
        open_ = reach > 0
        js, v, reach = later[open_], v[open_], reach[open_]
        gone = np.zeros(js.size, dtype=bool)
        c0, width = 0, 32
        while js.size:
            rows = np.flatnonzero(~gone & (reach > c0))
            if rows.size == 0:
                break
            c1 = min(c0 + width, int(reach[rows].max()))
            for a in range(0, rows.size, max(1, int(budget) // (16 * (c1 - c0)))):
                part = rows[a : a + max(1, int(budget) // (16 * (c1 - c0)))]
                # A k beyond an edge's prefix has bound(I(i,k)) <= I(i,j): it never passes the test.
                weakest = np.minimum(w[np.ix_(js[part], ks[c0:c1])], wk[c0:c1])
                gone[part] |= (_dpi_bound(weakest, tolerance, convention) > v[part, None]).any(axis=1)
            c0, width = c1, width * 2
        if gone.any():
            removed.append((i, js[gone]))
    for i, js in removed:
        w[i, js] = 0.0
        w[js, i] = 0.0
    return w


class RelevanceNetwork(NamedTuple):
    """Outcome of :func:`relevance_network` (MI in nats)."""

    mi: np.ndarray
    null: np.ndarray
    threshold: float
    network: np.ndarray


def relevance_network(
    X,
    *,
    bins=8,
    alpha=0.05,
    n_permutations=100,
    tolerance=0.0,
    convention="multiplicative",
    seed,
    max_memory=None,
    client=None,
) -> RelevanceNetwork:
    """The whole pipeline: ranks, binned MI, a family-wise threshold, ARACNE.

    Each gene is ranked (:func:`rank_columns`), the binned MI matrix is
    computed (:func:`mi_helpers.pairwise_mi`), the threshold is the
    (1 - alpha) quantile of the "max" permutation null
    (:func:`permutation_null`: the chance of any false edge stays near
    alpha), the pairs above it are kept and :func:`aracne` prunes them.

    Parameters
    ----------
    X : array-like, shape (n, p)
        Samples in rows, genes in columns.
    bins : int, default 8
    alpha : float in (0, 1), default 0.05
    n_permutations : int, default 100
    tolerance : float, default 0
        Passed to :func:`aracne`.
    convention : {"multiplicative", "additive"}, default "multiplicative"
        Passed to :func:`aracne`.
    seed : int or numpy Generator
        Required (the shuffles of the null).
    max_memory : int, optional
        Scratch bytes of the blocked steps (see :func:`mi_helpers.pairwise_mi`).
    client : dask.distributed.Client, optional
        Run the matrix and the null on a Dask cluster; same result.

    Returns
    -------
    RelevanceNetwork
        ``mi`` (p x p), ``null`` (n_permutations maxima), ``threshold`` and
        ``network`` (the pruned weights; an entry > 0 is an edge).

    Raises
    ------
    ValueError
        If ``alpha`` is not strictly between 0 and 1; ``tolerance``,
        ``convention``, ``bins``, ``n_permutations`` or ``max_memory`` is
        out of range (each checked before the costly steps); ``X`` has NaN
        or infinite values or fewer than 2 columns; or ``seed`` is None or
        negative.
    TypeError
        If ``X`` is not numeric, a count is not an integer, or ``client`` is
        not a Dask client.

    Notes
    -----
    Cost: (n_permutations + 1) binned matrices, O(n p^2) each, then ARACNE;
    memory: about three p x p arrays of 8 bytes (the MI matrix, the kept
    pairs and the network) plus ``max_memory``.

    References
    ----------
    .. [ARACNE] A. A. Margolin, I. Nemenman, K. Basso, C. Wiggins,
       G. Stolovitzky, R. Dalla Favera, A. Califano, "ARACNE: an algorithm for
       the reconstruction of gene regulatory networks in a mammalian cellular
       context", BMC Bioinformatics 7(Suppl 1):S7 (2006).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> x, adj = mh.simulate_expression(300, n_genes=8, n_regulators=2, seed=0)
    >>> net = mh.relevance_network(x, bins=5, n_permutations=20, seed=0)
    >>> round(net.threshold, 3), len(mh.edge_list(net.network))
    (0.06, 7)
    >>> mh.precision_recall(net.network, adj)  # every edge found is true; 7 of the 8 true ones are found
    (1.0, 0.875)
    """
    # Every option is checked before the matrix and the null, the costly steps.
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real) or not 0.0 < float(alpha) < 1.0:
        raise ValueError(f"alpha must be a number strictly between 0 and 1, got {alpha!r}")
    _check_tolerance(tolerance, convention)
    _check_bins(bins)
    check_int(n_permutations, "n_permutations", minimum=1)
    make_rng(seed)
    max_memory = _check_max_memory(max_memory)
    client = check_client(client)
    ranks = rank_columns(X)
    mi = pairwise_mi(ranks, method="binned", bins=bins, max_memory=max_memory, client=client)
    null = permutation_null(ranks, n_permutations=n_permutations, seed=seed, bins=bins, max_memory=max_memory, client=client)
    threshold = float(np.quantile(null, 1.0 - float(alpha)))
    kept = np.where(mi > threshold, mi, 0.0)
    np.fill_diagonal(kept, 0.0)
    network = aracne(kept, tolerance=tolerance, convention=convention, max_memory=max_memory)
    del kept
    return RelevanceNetwork(mi, null, threshold, network)


def _as_adjacency(a, name) -> np.ndarray:
    m = _check_square(a, name)
    if np.isnan(m[~np.eye(m.shape[0], dtype=bool)]).any():
        raise ValueError(f"{name} has NaN values off the diagonal")
    adj = np.nan_to_num(m, nan=0.0) > 0
    if not np.array_equal(adj, adj.T):
        raise ValueError(f"{name} must be symmetric (an undirected network)")
    return adj


def precision_recall(predicted, truth) -> tuple:
    """Precision and recall of predicted undirected edges against true ones.

    Parameters
    ----------
    predicted, truth : array-like, shape (p, p)
        Symmetric adjacency matrices: an entry > 0 (or True) is an edge.
        Each unordered pair counts once; the diagonal is ignored.

    Returns
    -------
    precision : float
        True edges among the predicted ones / predicted edges; NaN when
        nothing is predicted (as scikit-learn's ``zero_division=np.nan``).
    recall : float
        True edges among the predicted ones / true edges; NaN when the truth
        has no edge.

    Raises
    ------
    ValueError
        If a matrix is not square, has fewer than 2 rows, is not symmetric
        or has NaN values off the diagonal, or the two differ in shape.
    TypeError
        If a matrix is not numeric.

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> truth = np.zeros((4, 4), dtype=bool)
    >>> truth[0, 1] = truth[1, 0] = truth[2, 3] = truth[3, 2] = True
    >>> predicted = np.zeros((4, 4))
    >>> predicted[0, 1] = predicted[1, 0] = predicted[0, 2] = predicted[2, 0] = 0.4
    >>> mh.precision_recall(predicted, truth)  # one of two predicted edges is true; one of two true ones found
    (0.5, 0.5)
    """
    pred = _upper(_as_adjacency(predicted, "predicted"))
    true = _upper(_as_adjacency(truth, "truth"))
    if pred.shape != true.shape:
        raise ValueError(f"predicted and truth must have the same shape, got {len(pred)} and {len(true)} pairs")
    tp = int(np.count_nonzero(pred & true))
    n_pred, n_true = int(pred.sum()), int(true.sum())
    precision = tp / n_pred if n_pred else math.nan
    recall = tp / n_true if n_true else math.nan
    return precision, recall


def edge_list(adjacency) -> list:
    """Unordered edges ``[(i, j), ...]`` with i < j of a symmetric adjacency.

    Parameters
    ----------
    adjacency : array-like, shape (p, p)
        Symmetric: an entry > 0 (or True) is an edge; the diagonal is
        ignored, and may be NaN.

    Returns
    -------
    list of tuple of int
        The pairs (i, j), i < j, with an edge, in row-major order. O(p^2).

    Raises
    ------
    ValueError
        If ``adjacency`` is not square, has fewer than 2 rows, is not
        symmetric, or has NaN values off the diagonal.
    TypeError
        If ``adjacency`` is not numeric.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> mh.edge_list([[0, 0.5, 0], [0.5, 0, 0.2], [0, 0.2, 0]])
    [(0, 1), (1, 2)]
    """
    adj = _as_adjacency(adjacency, "adjacency")
    i, j = np.nonzero(np.triu(adj, k=1))
    return [(int(a), int(b)) for a, b in zip(i, j)]


# --------------------------------------------------------------------------
# Helpers of simulate_expression and aracne (their options)
# --------------------------------------------------------------------------

_MONOTONE = ("linear", "activation", "repression")
_NONMONOTONE = ("quadratic", "sine")


def _check_share(share):
    if share is None:
        return None
    if isinstance(share, bool) or not isinstance(share, numbers.Real) or not 0.0 <= float(share) <= 1.0:
        raise ValueError(f"nonmonotone_share must be None or a number in [0, 1], got {share!r}")
    return float(share)


def _draw_kind(u: float, share: float) -> str:
    """Shape of one regulation from a uniform draw u: non-monotone with probability ``share``.

    Monotone for u < 1 - share, as in the default draw, so that a share of
    0.4 gives the default shapes (up to rounding at the bin edges of u).
    """
    cut = 1.0 - share
    if u < cut:
        return _MONOTONE[min(int(u / cut * len(_MONOTONE)), len(_MONOTONE) - 1)]
    return _NONMONOTONE[min(int((u - cut) / share * len(_NONMONOTONE)), len(_NONMONOTONE) - 1)]


#: Tolerance conventions of :func:`aracne`.
DPI_CONVENTIONS = ("multiplicative", "additive")


def _check_tolerance(tolerance, convention) -> float:
    if convention not in DPI_CONVENTIONS:
        raise ValueError(f"convention must be one of {DPI_CONVENTIONS}, got {convention!r}")
    top = 1.0 if convention == "multiplicative" else math.inf
    if isinstance(tolerance, bool) or not isinstance(tolerance, numbers.Real) or not 0.0 <= float(tolerance) <= top:
        where = "[0, 1]" if convention == "multiplicative" else "[0, inf) (nats)"
        raise ValueError(f"tolerance must be a number in {where} for the {convention} convention, got {tolerance!r}")
    return float(tolerance)


def _dpi_bound(weakest_other, tolerance: float, convention: str):
    """The value below which an edge of a triangle is removed (0 where there is no triangle)."""
    if convention == "multiplicative":
        return (1.0 - tolerance) * weakest_other
    return np.where(weakest_other > 0, weakest_other - tolerance, 0.0)


# --------------------------------------------------------------------------
# False discovery rate
# --------------------------------------------------------------------------


def permutation_pvalues(observed, null) -> np.ndarray:
    """Permutation p-values of observed statistics against a pooled null sample.

    p = (1 + #{null >= observed}) / (1 + len(null)), the conservative
    estimate that never returns 0 (B. V. North, D. Curtis, P. C. Sham,
    American Journal of Human Genetics 71(2), 439-441, 2002). A null value
    within a relative 1e-12 of the observed one counts as ">=", so that
    rounding never turns a tie into a smaller p-value.

    Parameters
    ----------
    observed : array-like of float, any shape
        For instance the upper triangle of an MI matrix.
    null : array-like of float, shape (m,)
        Values of the statistic under the null, e.g.
        ``permutation_null(..., statistic="pairs")``. Pooling the null of all
        pairs is valid when every pair has the same null distribution, as for
        binned MI of ranked data (every gene has the same uniform marginal).

    Returns
    -------
    ndarray of float in (0, 1], shape of ``observed``
        O((m + k) log m) for k observed values.

    Raises
    ------
    ValueError
        If ``null`` is empty, or a value of either is NaN or infinite.
    TypeError
        If ``observed`` or ``null`` is not numeric.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> mh.permutation_pvalues([0.5, 0.25, 0.05], [0.1, 0.2, 0.3, 0.4])  # (1 + #{null >= v}) / 5
    array([0.2, 0.6, 1. ])
    """
    obs = np.asarray(observed, dtype=np.float64)
    ref = np.asarray(null, dtype=np.float64).ravel()
    if ref.size == 0:
        raise ValueError("null is empty")
    if not (np.isfinite(obs).all() and np.isfinite(ref).all()):
        raise ValueError("observed and null must be finite")
    ref = np.sort(ref)
    tol = 1e-12 * np.maximum(1.0, np.abs(obs))
    at_least = ref.size - np.searchsorted(ref, obs - tol, side="left")  # null values >= each observed value
    return (1.0 + at_least) / (1.0 + ref.size)


def benjamini_hochberg(p_values, *, alpha=0.05) -> np.ndarray:
    """Which hypotheses the Benjamini-Hochberg procedure rejects at level ``alpha``.

    Sort the m p-values, find the largest k with p_(k) <= k alpha / m, and
    reject the k smallest. For independent (or positively dependent) tests
    the expected share of false rejections among all rejections (the false
    discovery rate) is at most alpha (Y. Benjamini, Y. Hochberg, Journal of
    the Royal Statistical Society B 57(1), 289-300, 1995). It controls the
    rate of false discoveries, not the chance of any (the family-wise error
    rate of a max-statistic threshold), so it keeps more edges.

    Parameters
    ----------
    p_values : array-like of float in [0, 1], any shape
        One p-value per hypothesis.
    alpha : float in (0, 1), default 0.05
        The false discovery rate to control.

    Returns
    -------
    ndarray of bool, shape of ``p_values``
        True where rejected. O(m log m).

    Raises
    ------
    ValueError
        If ``p_values`` is empty or holds a value outside [0, 1] (or NaN),
        or ``alpha`` is not strictly between 0 and 1.
    TypeError
        If ``p_values`` is not numeric.

    Examples
    --------
    With m = 8 the thresholds are 0.05 k / 8 = 0.00625 k: the two smallest
    p-values pass, the third (0.039 > 0.019) does not, nor does any later one.

    >>> import mi_helpers as mh
    >>> mh.benjamini_hochberg([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205])
    array([ True,  True, False, False, False, False, False, False])
    """
    p = np.asarray(p_values, dtype=np.float64)
    if p.size == 0:
        raise ValueError("p_values is empty")
    if not np.isfinite(p).all() or (p < 0).any() or (p > 1).any():
        raise ValueError("p_values must be numbers in [0, 1]")
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real) or not 0.0 < float(alpha) < 1.0:
        raise ValueError(f"alpha must be a number in (0, 1), got {alpha!r}")
    flat = p.ravel()
    order = np.argsort(flat, kind="stable")
    m = flat.size
    passed = flat[order] <= float(alpha) * np.arange(1, m + 1) / m
    reject = np.zeros(m, dtype=bool)
    if passed.any():
        k = int(np.flatnonzero(passed)[-1])  # the largest k that passes; all smaller p-values go too
        reject[order[: k + 1]] = True
    return reject.reshape(p.shape)


# --------------------------------------------------------------------------
# CLR and MRNET
# --------------------------------------------------------------------------


def _mi_input(mi_matrix) -> np.ndarray:
    m = _check_square(mi_matrix, "mi_matrix")
    off = ~np.eye(m.shape[0], dtype=bool)
    if not np.isfinite(m[off]).all():
        raise ValueError("mi_matrix has NaN or infinite values off the diagonal")
    if not np.allclose(m[off], m.T[off], rtol=1e-10, atol=1e-12):
        raise ValueError("mi_matrix must be symmetric")
    return np.where(off, m, 0.0)  # the diagonal (entropies, or NaN) is not an edge


def clr(mi_matrix, *, variant="faith") -> np.ndarray:
    """Context likelihood of relatedness (CLR) of Faith et al. [CLR]_.

    Each MI value is judged against the background of its two genes: with
    mu_i and sigma_i the mean and standard deviation of gene i's MI with
    every other gene, z_i(j) = max(0, (I(i, j) - mu_i) / sigma_i), and the
    score of edge (i, j) is sqrt(z_i(j)^2 + z_j(i)^2). A gene that shares
    some MI with everything (a hub, or a gene with a skewed distribution)
    gets a high background, so only its stand-out partners score high.

    Parameters
    ----------
    mi_matrix : array-like, shape (p, p)
        Symmetric MI matrix (any diagonal; it is ignored).
    variant : {"faith", "minet"}, default "faith"
        "faith": the formula above, with the background over the p - 1
        other genes (population standard deviation). "minet": exactly what
        the C code of R's minet 3.6 ``clr`` (and parmigene's) computes:
        background over all p entries of the row with a zero diagonal (as
        minet's ``build.mim`` sets it), and the *squared* z-scores combined,
        sqrt(z_i^4 + z_j^4); it ranks pairs a little differently.

    Returns
    -------
    ndarray, shape (p, p)
        Symmetric, non-negative, zero diagonal. A gene with constant MI to
        all others contributes z = 0. O(p^2).

    Raises
    ------
    ValueError
        If ``mi_matrix`` is not square, has fewer than 2 rows, is not
        symmetric or has NaN or infinite values off the diagonal, or
        ``variant`` is unknown.
    TypeError
        If ``mi_matrix`` is not numeric.

    References
    ----------
    .. [CLR] J. J. Faith, B. Hayete, J. T. Thaden, I. Mogno, J. Wierzbowski,
       G. Cottarel, S. Kasif, J. J. Collins, T. S. Gardner, "Large-scale
       mapping and validation of Escherichia coli transcriptional regulation
       from a compendium of expression profiles", PLoS Biology 5(1):e8 (2007).

    Examples
    --------
    Gene 1 shares 0.5 nats with gene 0 and 0.4 with gene 2; the backgrounds
    of genes 0 and 2 are lower than their link to gene 1, so the two direct
    pairs score, the indirect pair (0, 2) does not.

    >>> import mi_helpers as mh
    >>> mh.clr([[0.0, 0.5, 0.3], [0.5, 0.0, 0.4], [0.3, 0.4, 0.0]]).round(3)
    array([[0.   , 1.414, 0.   ],
           [1.414, 0.   , 1.   ],
           [0.   , 1.   , 0.   ]])
    """
    m = _mi_input(mi_matrix)
    p = m.shape[0]
    if variant == "faith":
        off = ~np.eye(p, dtype=bool)
        rows = m[off].reshape(p, p - 1)
        mu, sd = rows.mean(axis=1), rows.std(axis=1)
    elif variant == "minet":
        mu, sd = m.mean(axis=1), m.std(axis=1)
    else:
        raise ValueError(f"variant must be 'faith' or 'minet', got {variant!r}")
    safe = np.where(sd > 0, sd, 1.0)
    z = np.where(sd[:, None] > 0, np.maximum((m - mu[:, None]) / safe[:, None], 0.0), 0.0)  # z[i, j] = z_i(j)
    if variant == "minet":
        z = z * z
    out = np.sqrt(z * z + z.T * z.T)
    np.fill_diagonal(out, 0.0)
    return out


def mrnet(mi_matrix) -> np.ndarray:
    """MRNET of Meyer et al. [MRNET]_: mRMR feature selection around every gene.

    Each gene Y in turn is the target. Its candidate regulators are all
    other genes; they are picked one at a time by maximum relevance minus
    redundancy (mRMR): the first maximises I(X; Y), each next one maximises
    s(X) = I(X; Y) - mean over the already picked S of I(X; S), and the
    selection stops when the best s(X) is no longer positive. Gene X gets
    the score s(X) it had when picked. The weight of edge (i, j) is the
    larger of its scores with i as target and with j as target; genes never
    picked score 0. This is the algorithm of R's minet ``mrnet`` (and
    parmigene's), which indirect links fail because they are redundant with
    the direct ones already picked.

    Parameters
    ----------
    mi_matrix : array-like, shape (p, p)
        Symmetric MI matrix (any diagonal; it is ignored).

    Returns
    -------
    ndarray, shape (p, p)
        Symmetric, non-negative weights, zero diagonal. O(p^3) time in the
        worst case (p targets, up to p - 1 picks of a vectorised argmax).

    Raises
    ------
    ValueError
        If ``mi_matrix`` is not square, has fewer than 2 rows, is not
        symmetric or has NaN or infinite values off the diagonal.
    TypeError
        If ``mi_matrix`` is not numeric.

    References
    ----------
    .. [MRNET] P. E. Meyer, K. Kontos, F. Lafitte, G. Bontempi,
       "Information-theoretic inference of large transcriptional regulatory
       networks", EURASIP Journal on Bioinformatics and Systems Biology
       2007:79879 (2007).

    Examples
    --------
    In the chain 0 - 1 - 2, gene 0 is redundant with gene 1 as a regulator
    of gene 2 (and the other way round): the indirect pair scores 0.

    >>> import mi_helpers as mh
    >>> mh.mrnet([[0.0, 0.5, 0.3], [0.5, 0.0, 0.4], [0.3, 0.4, 0.0]])
    array([[0. , 0.5, 0. ],
           [0.5, 0. , 0.4],
           [0. , 0.4, 0. ]])
    """
    m = _mi_input(mi_matrix)
    p = m.shape[0]
    out = np.zeros((p, p))
    for target in range(p):
        relevance = m[target].copy()
        available = np.ones(p, dtype=bool)
        available[target] = False
        redundancy = np.zeros(p)  # sum of I(X; S) over the picked S
        picked = 0
        while available.any():
            score = relevance - redundancy / picked if picked else relevance.copy()
            score[~available] = -np.inf
            best = int(np.argmax(score))
            if score[best] <= 0.0:
                break
            out[target, best] = score[best]
            available[best] = False
            redundancy += m[best]
            picked += 1
    return np.maximum(out, out.T)


# --------------------------------------------------------------------------
# Precision-recall across thresholds
# --------------------------------------------------------------------------


def _scores_and_labels(scores, truth):
    s = _check_square(scores, "scores")
    p = s.shape[0]
    off = ~np.eye(p, dtype=bool)
    if not np.isfinite(s[off]).all():
        raise ValueError("scores has NaN or infinite values off the diagonal")
    if not np.allclose(s[off], s.T[off], rtol=1e-10, atol=1e-12):
        raise ValueError("scores must be symmetric (an undirected network)")
    true = _upper(_as_adjacency(truth, "truth"))
    if true.size != p * (p - 1) // 2:
        raise ValueError(f"scores and truth must have the same shape, got {s.shape} and a truth of {true.size} pairs")
    if not true.any():
        raise ValueError("truth has no edge: recall is undefined")
    return _upper(s), true


def precision_recall_curve(scores, truth) -> tuple:
    """Precision and recall of an edge ranking at every threshold.

    Pairs are ranked by score, highest first, and each distinct score value
    is a threshold: the edges with score >= threshold are predicted. This
    is how the DREAM network-inference challenges score a ranked edge list
    (G. Stolovitzky, R. J. Prill, A. Califano, Annals of the New York Academy
    of Sciences 1158, 159-195, 2009), with tied scores entering together.

    Parameters
    ----------
    scores : array-like, shape (p, p)
        Symmetric edge scores (MI, ``|r|``, CLR, an ARACNE-pruned matrix...);
        higher means more likely an edge. The diagonal is ignored.
    truth : array-like, shape (p, p)
        Symmetric true adjacency (entries > 0 or True are edges).

    Returns
    -------
    precision, recall, thresholds : ndarrays of the same length
        One entry per distinct score, thresholds decreasing; recall rises
        to 1 at the lowest score. Same points as
        :func:`sklearn.metrics.precision_recall_curve` (which lists them the
        other way round and appends the point recall 0, precision 1).
        O(P log P) for P = p(p-1)/2 pairs.

    Raises
    ------
    ValueError
        If a matrix is not square, has fewer than 2 rows, is not symmetric
        or has NaN (or, for ``scores``, infinite) values off the diagonal,
        the two differ in shape, or ``truth`` has no edge.
    TypeError
        If a matrix is not numeric.

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> truth = np.zeros((3, 3), dtype=bool)
    >>> truth[0, 1] = truth[1, 0] = True
    >>> scores = [[0, 0.9, 0.5], [0.9, 0, 0.5], [0.5, 0.5, 0]]  # the true pair first, two tied after
    >>> precision, recall, thresholds = mh.precision_recall_curve(scores, truth)
    >>> precision.round(3), recall, thresholds
    (array([1.   , 0.333]), array([1., 1.]), array([0.9, 0.5]))
    """
    s, true = _scores_and_labels(scores, truth)
    order = np.argsort(-s, kind="stable")
    s_sorted, t_sorted = s[order], true[order]
    tp = np.cumsum(t_sorted)
    last = np.r_[np.flatnonzero(np.diff(s_sorted) != 0), s_sorted.size - 1]  # end of each block of ties
    tp = tp[last].astype(np.float64)
    predicted = (last + 1).astype(np.float64)
    return tp / predicted, tp / true.sum(), s_sorted[last]


def average_precision(scores, truth) -> float:
    """Area under the precision-recall curve as the mean precision over recall steps.

    AP = sum_k (R_k - R_(k-1)) P_k over the thresholds of
    :func:`precision_recall_curve` (R_0 = 0), the step-wise area that
    scikit-learn's ``average_precision_score`` computes.

    Parameters
    ----------
    scores : array-like, shape (p, p)
        Symmetric edge scores; higher means more likely an edge. The
        diagonal is ignored.
    truth : array-like, shape (p, p)
        Symmetric true adjacency (entries > 0 or True are edges).

    Returns
    -------
    float
        AP in (0, 1]: a random ranking scores about the share of true edges
        among all pairs, a perfect one 1. O(P log P) for P = p(p-1)/2 pairs.

    Raises
    ------
    ValueError
        As :func:`precision_recall_curve`: a matrix not square, not
        symmetric or with NaN off the diagonal, shapes that differ, or a
        truth with no edge.
    TypeError
        If a matrix is not numeric.

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> truth = np.zeros((4, 4), dtype=bool)
    >>> truth[0, 1] = truth[1, 0] = truth[2, 3] = truth[3, 2] = True
    >>> mh.average_precision(truth * 1.0 + 0.1, truth)  # the true pairs ranked first
    1.0
    >>> scores = np.array([[0, .9, .8, .1], [.9, 0, .2, .3], [.8, .2, 0, .7], [.1, .3, .7, 0]])
    >>> round(mh.average_precision(scores, truth), 4)  # true pairs at ranks 1 and 3: (1 + 2/3) / 2
    0.8333
    """
    precision, recall, _ = precision_recall_curve(scores, truth)
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


__all__ += [
    "DPI_CONVENTIONS",
    "average_precision",
    "benjamini_hochberg",
    "clr",
    "mrnet",
    "permutation_pvalues",
    "precision_recall_curve",
]
