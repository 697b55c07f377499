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

import numpy as np

from ._validation import as_continuous, check_int
from .estimators import pairwise_mi
from .synthetic import make_rng

__all__ = [
    "REGULATIONS",
    "aracne",
    "edge_list",
    "permutation_null",
    "precision_recall",
    "rank_columns",
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


def simulate_expression(n_samples, *, n_genes=30, n_regulators=5, noise=0.5, seed, return_edges=False):
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

    Returns
    -------
    expression : ndarray, shape (n_samples, n_genes)
    adjacency : ndarray of bool, shape (n_genes, n_genes)
        Symmetric: ``adjacency[i, j]`` is True when i regulates j or j
        regulates i. The diagonal is False.
    edges : list of tuple, only with ``return_edges=True``

    Notes
    -----
    Cost O(n_samples n_genes). A gene with two regulators shares less
    information with each of them than a gene with one.
    """
    n = check_int(n_samples, "n_samples", minimum=3)
    p = check_int(n_genes, "n_genes", minimum=2)
    r = check_int(n_regulators, "n_regulators", minimum=1)
    if r >= p:
        raise ValueError(f"n_regulators must be smaller than n_genes ({p}), got {r}")
    noise = _check_nonneg(noise, "noise")
    rng = make_rng(seed)
    # 1. The structure: a fixed number of draws per gene, so it never depends on n or noise.
    edges = []
    for j in range(r, p):
        u_count, u_kinds, u_signs = rng.random(), rng.random(2), rng.random(2)
        parents = rng.permutation(j)[: 1 if u_count < 0.7 else min(2, j)]
        for k, parent in enumerate(parents):
            kind = REGULATIONS[int(u_kinds[k] * len(REGULATIONS))]
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
    Returns floats, shape (n, p). O(n log n) per column.
    """
    x = as_continuous(X, "X")
    return np.argsort(np.argsort(x, axis=0, kind="stable"), axis=0, kind="stable").astype(np.float64)


def _upper(m: np.ndarray) -> np.ndarray:
    return m[np.triu_indices(m.shape[0], k=1)]


def permutation_null(X, *, n_permutations=100, seed, statistic="max", method="binned", **kwargs) -> np.ndarray:
    """Pairwise MI (or |correlation|) of data with every column shuffled on its own.

    Shuffling each column independently keeps every gene's distribution and
    destroys every dependence, so the pairwise values of the shuffled data
    show how large they get by chance alone.

    Parameters
    ----------
    X : array-like, shape (n, p)
    n_permutations : int, default 100
    seed : int or numpy Generator
        Required.
    statistic : {"max", "pairs"}, default "max"
        "max": the largest off-diagonal value of each shuffled data set. Its
        (1 - alpha) quantile is a threshold that keeps the chance of *any*
        false edge among all p(p-1)/2 pairs near alpha (family-wise).
        "pairs": every off-diagonal value of every shuffle, pooled: the null
        of one pair taken on its own (no correction for testing many pairs).
    method : {"binned", "ksg", "gaussian", "discrete", "abs_corr"}, default "binned"
        A :func:`mi_helpers.pairwise_mi` method (values in nats), or
        "abs_corr" for the absolute Pearson correlation.
    **kwargs
        Passed to :func:`mi_helpers.pairwise_mi` (``bins``, ``k``, ...).

    Returns
    -------
    ndarray
        Shape (n_permutations,) for "max"; (n_permutations * p(p-1)/2,) for
        "pairs".

    Notes
    -----
    Cost: n_permutations pairwise matrices. With ``method="binned"`` on
    ranked data (:func:`rank_columns`) every column has the same uniform
    marginal, so the null depends only on n, p and the bins, not on the
    data.
    """
    x = as_continuous(X, "X", min_samples=3)
    if x.shape[1] < 2:
        raise ValueError(f"X needs at least 2 columns (genes), got {x.shape[1]}")
    n_permutations = check_int(n_permutations, "n_permutations", minimum=1)
    if statistic not in ("max", "pairs"):
        raise ValueError(f"statistic must be 'max' or 'pairs', got {statistic!r}")
    if method == "abs_corr":
        if kwargs:
            raise TypeError(f"method 'abs_corr' takes no options, got {sorted(kwargs)}")

        def matrix(a):
            with np.errstate(invalid="ignore", divide="ignore"):
                return np.nan_to_num(np.abs(np.corrcoef(a, rowvar=False)))
    else:
        pairwise_mi(x[:3, :2], method=method, **kwargs)  # checks method and options before the loop

        def matrix(a):
            return pairwise_mi(a, method=method, **kwargs)

    rng = make_rng(seed)
    out = []
    for _ in range(n_permutations):
        values = _upper(matrix(rng.permuted(x, axis=0)))
        out.append(values.max() if statistic == "max" else values)
    return np.asarray(out, dtype=np.float64) if statistic == "max" else np.concatenate(out)


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


def aracne(mi_matrix, *, tolerance=0.0) -> np.ndarray:
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

    Returns
    -------
    ndarray, shape (p, p)
        The input weights with removed edges (and the diagonal) set to 0.

    Notes
    -----
    O(p^3) time and memory: one broadcast over all (i, j, k).
    """
    m = _check_square(mi_matrix, "mi_matrix")
    if isinstance(tolerance, bool) or not isinstance(tolerance, numbers.Real) or not 0.0 <= float(tolerance) <= 1.0:
        raise ValueError(f"tolerance must be a number in [0, 1], got {tolerance!r}")
    off = ~np.eye(m.shape[0], dtype=bool)
    if np.isnan(m[off]).any() or np.isinf(m[off]).any():
        raise ValueError("mi_matrix has NaN or infinite values off the diagonal")
    if not np.allclose(m[off], m.T[off], rtol=1e-10, atol=1e-12):
        raise ValueError("mi_matrix must be symmetric")
    w = np.where(off & (m > 0), m, 0.0)
    present = w > 0
    # weakest_other[i, j, k] = min(I(i,k), I(j,k)) where both edges exist, else 0.
    both = present[:, None, :] & present[None, :, :]
    weakest_other = np.where(both, np.minimum(w[:, None, :], w[None, :, :]), 0.0)
    remove = present & (w[:, :, None] < (1.0 - float(tolerance)) * weakest_other).any(axis=2)
    return np.where(remove, 0.0, w)


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
    """Unordered edges ``[(i, j), ...]`` with i < j of a symmetric adjacency."""
    adj = _as_adjacency(adjacency, "adjacency")
    i, j = np.nonzero(np.triu(adj, k=1))
    return [(int(a), int(b)) for a, b in zip(i, j)]
