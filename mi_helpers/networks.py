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


def aracne(mi_matrix, *, tolerance=0.0, convention="multiplicative") -> np.ndarray:
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

    Returns
    -------
    ndarray, shape (p, p)
        The input weights with removed edges (and the diagonal) set to 0.

    Notes
    -----
    O(p^3) time and memory: one broadcast over all (i, j, k).
    """
    m = _check_square(mi_matrix, "mi_matrix")
    tolerance = _check_tolerance(tolerance, convention)
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
    remove = present & (w[:, :, None] < _dpi_bound(weakest_other, tolerance, convention)).any(axis=2)
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
    ndarray of float in (0, 1], shape of ``observed``. O((m + k) log m).
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
    alpha : float in (0, 1), default 0.05

    Returns
    -------
    ndarray of bool, shape of ``p_values``: True where rejected. O(m log m).
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

    References
    ----------
    .. [CLR] J. J. Faith, B. Hayete, J. T. Thaden, I. Mogno, J. Wierzbowski,
       G. Cottarel, S. Kasif, J. J. Collins, T. S. Gardner, "Large-scale
       mapping and validation of Escherichia coli transcriptional regulation
       from a compendium of expression profiles", PLoS Biology 5(1):e8 (2007).
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

    References
    ----------
    .. [MRNET] P. E. Meyer, K. Kontos, F. Lafitte, G. Bontempi,
       "Information-theoretic inference of large transcriptional regulatory
       networks", EURASIP Journal on Bioinformatics and Systems Biology
       2007:79879 (2007).
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
        Symmetric edge scores (MI, |r|, CLR, an ARACNE-pruned matrix...);
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
    scikit-learn's ``average_precision_score`` computes. A random ranking
    scores about the share of true edges among all pairs; a perfect one, 1.
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
