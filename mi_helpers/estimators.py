"""Entropy and mutual-information estimators.

All functions return nats unless ``base`` says otherwise (``base=2`` gives
bits). Discrete estimators take labels; continuous ones take real-valued arrays
of shape ``(n,)`` or ``(n, d)``.

References
----------
.. [KSG] A. Kraskov, H. Stoegbauer, P. Grassberger, "Estimating mutual
   information", Phys. Rev. E 69, 066138 (2004).
.. [MM] G. A. Miller, "Note on the bias of information estimates", in
   Information Theory in Psychology (1955), 95-100.
.. [Moon] Y.-I. Moon, B. Rajagopalan, U. Lall, "Estimation of mutual
   information using kernel density estimators", Phys. Rev. E 52, 2318 (1995).
.. [CT] T. M. Cover, J. A. Thomas, Elements of Information Theory, 2nd ed.
   (2006), eq. 8.56 for the Gaussian closed form.
"""

from __future__ import annotations

import math
import os
import warnings

import numpy as np

from ._validation import (
    TiesWarning,
    as_continuous,
    as_labels,
    check_int,
    check_same_length,
    log_base,
    warn_if_continuous,
)

# SciPy's spatial and special modules are imported inside the functions that
# use them: they take longer to import than the rest of the package, and
# ``import mi_helpers`` should stay quick.

__all__ = [
    "BIN_RULES",
    "BIN_STRATEGIES",
    "discretize",
    "entropy_discrete",
    "entropy_from_probs",
    "gaussian_mi",
    "mi_binned",
    "mi_discrete",
    "mi_from_joint",
    "mi_gaussian",
    "mi_kde",
    "mi_ksg",
    "pairwise_mi",
]

#: Bin rules accepted by ``bins`` (those of :func:`numpy.histogram_bin_edges`).
BIN_RULES = ("auto", "fd", "doane", "scott", "stone", "rice", "sturges", "sqrt")


# --------------------------------------------------------------------------
# Discrete (plug-in) estimators
# --------------------------------------------------------------------------


def _entropy_from_counts(counts: np.ndarray) -> float:
    counts = counts[counts > 0].astype(np.float64)
    n = counts.sum()
    return float(np.log(n) - np.dot(counts, np.log(counts)) / n)


def _mi_from_counts(table: np.ndarray) -> float:
    """Plug-in MI in nats of a 2-D table of counts (or probabilities)."""
    table = np.asarray(table, dtype=np.float64)
    n = table.sum()
    a = table.sum(axis=1)
    b = table.sum(axis=0)
    i, j = np.nonzero(table)
    c = table[i, j]
    mi = np.dot(c, np.log(c) + np.log(n) - np.log(a[i]) - np.log(b[j])) / n
    # The plug-in value is >= 0 exactly; rounding can leave -1e-17.
    return max(float(mi), 0.0)


def entropy_discrete(x, *, base=math.e) -> float:
    """Plug-in (maximum-likelihood) entropy of a label array.

    Parameters
    ----------
    x : array-like, shape (n,) or (n, d)
        Labels (ints, strings, bools). Rows of a 2-D array are joint symbols,
        so ``entropy_discrete(np.column_stack([x, y]))`` is H(X, Y).
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float
        H = -sum p log p over the observed label frequencies. Biased low by
        about (m - 1) / (2n) nats for m observed labels [MM]_. O(n log n).
    """
    lb = log_base(base)
    codes, m = as_labels(x, "x")
    return _entropy_from_counts(np.bincount(codes, minlength=m)) / lb


def entropy_from_probs(p, *, base=math.e) -> float:
    """Exact entropy of a probability vector or table (any shape).

    ``p`` may also hold counts: it is normalised first. Zero cells add 0.
    """
    lb = log_base(base)
    p = _as_table(p, "p", ndim=None)
    return _entropy_from_counts(p.ravel()) / lb


def mi_from_joint(p_xy, *, base=math.e) -> float:
    """Exact mutual information of a 2-D joint probability (or count) table.

    I(X;Y) = sum_ij p_ij log(p_ij / (p_i. p_.j)), the KL divergence from the
    product of the marginals to the joint [CT]_.
    """
    lb = log_base(base)
    return _mi_from_counts(_as_table(p_xy, "p_xy", ndim=2)) / lb


def _as_table(p, name, ndim):
    try:
        arr = np.asarray(p, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of non-negative numbers") from None
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-D, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} is empty")
    if not np.isfinite(arr).all() or (arr < 0).any():
        raise ValueError(f"{name} must hold finite, non-negative numbers")
    if arr.sum() <= 0:
        raise ValueError(f"{name} sums to zero; it is not a distribution")
    return arr


def mi_discrete(x, y, *, base=math.e) -> float:
    """Plug-in mutual information of two label arrays.

    Equal to :func:`sklearn.metrics.mutual_info_score` when ``base`` is e.

    Parameters
    ----------
    x, y : array-like, shape (n,)
        Labels. Floats are accepted but each distinct float is its own label:
        a :class:`ContinuousInputWarning` is raised when most values are
        distinct, because the result then tends to ln(n) whatever the
        dependence. Use :func:`mi_ksg` or :func:`mi_binned` for such data.
    base : float, default e

    Returns
    -------
    float
        MI >= 0 in nats (or ``base`` units). Biased upwards by about
        (mx - 1)(my - 1) / (2n) nats for independent variables. O(n log n).
    """
    lb = log_base(base)
    cx, mx = as_labels(x, "x")
    cy, my = as_labels(y, "y")
    check_same_length(("x", cx), ("y", cy))
    warn_if_continuous(x, mx, "x")
    warn_if_continuous(y, my, "y")
    table = np.bincount(cx * my + cy, minlength=mx * my).reshape(mx, my)
    return _mi_from_counts(table) / lb


# --------------------------------------------------------------------------
# Histogram estimator
# --------------------------------------------------------------------------


def _check_bins(bins, name="bins"):
    if isinstance(bins, str):
        if bins not in BIN_RULES:
            raise ValueError(f"{name} rule {bins!r} is unknown; use an int or one of {BIN_RULES}")
        return bins
    return check_int(bins, name, minimum=1)


def _check_bin_pair(bins, names=("x", "y"), check=None):
    """One bin setting for both axes, or a pair ``(bins_first, bins_second)``.

    ``check(value, name)`` validates each setting (default: an int >= 1 or a
    rule name of ``BIN_RULES``).
    """
    check = check or _check_bins
    if isinstance(bins, (tuple, list)):
        if len(bins) != 2:
            raise ValueError(f"bins as a sequence must be a pair (bins_{names[0]}, bins_{names[1]}), got {bins!r}")
        return check(bins[0], "bins[0]"), check(bins[1], "bins[1]")
    checked = check(bins, "bins")
    return checked, checked


#: Ways of placing bin edges: equal widths over the range, or equal counts.
BIN_STRATEGIES = ("uniform", "quantile")


def _check_strategy(strategy):
    if strategy not in BIN_STRATEGIES:
        raise ValueError(f"strategy must be one of {BIN_STRATEGIES}, got {strategy!r}")
    return strategy


def discretize(x, bins="fd", *, strategy="uniform") -> np.ndarray:
    """Bin a 1-D sample into integer codes ``0..B-1``.

    Parameters
    ----------
    x : array-like, shape (n,)
    bins : int or str, default "fd"
        A bin count, or a rule of :func:`numpy.histogram_bin_edges`
        (``BIN_RULES``): "fd" (Freedman-Diaconis), "sturges", "sqrt", ...
        With ``strategy="quantile"`` a rule only sets the number of bins.
    strategy : {"uniform", "quantile"}, default "uniform"
        "uniform": equal-width bins over the range of ``x``. "quantile":
        equal-frequency bins, edges at the quantiles of ``x``, so each bin
        holds about n / B samples; the codes then depend on ``x`` only
        through its ranks, so any strictly increasing map of ``x`` gives the
        same codes. Repeated values never straddle an edge: with many ties
        fewer than B bins come out.

    Returns
    -------
    ndarray of int, shape (n,)
        Bin index of each sample; the largest value goes in the last bin.
        The number of bins is ``codes.max() + 1`` at most (empty bins count).
    """
    codes, _ = _discretize(_as_1d(x, "x"), _check_bins(bins), _check_strategy(strategy))
    return codes


def _as_1d(x, name):
    arr = as_continuous(x, name, min_samples=2)
    if arr.shape[1] != 1:
        raise ValueError(f"{name} must be 1-D for a histogram estimator, got {arr.shape[1]} columns")
    return arr[:, 0]


def _discretize(v: np.ndarray, bins, strategy="uniform"):
    edges = np.histogram_bin_edges(v, bins=bins)
    m = len(edges) - 1
    if strategy == "quantile":
        # Interior edges at the quantiles; a value equal to an edge goes to the bin above it,
        # so tied values share a bin. Duplicate edges (ties across a quantile) are merged.
        inner = np.unique(np.quantile(v, np.linspace(0.0, 1.0, m + 1)[1:-1]))
        inner = inner[inner > v.min()]
        codes = np.searchsorted(inner, v, side="right")
        return codes.astype(np.intp), inner.size + 1
    codes = np.clip(np.searchsorted(edges, v, side="right") - 1, 0, m - 1)
    return codes.astype(np.intp), m


def _discretize_columns(xa: np.ndarray, bins, strategy="uniform"):
    """Codes of every column of ``xa`` (n, p), equal to :func:`_discretize` per column.

    Returns ``(codes, sizes)``: int array (p, n) and bin counts (p,). For the
    "fd" rule and integer bin counts all columns are done at once: the
    quartiles, edges and bin lookups are vectorised over columns, with the
    edges computed by the same arithmetic as :func:`numpy.linspace` (so the
    codes are identical, not just close). Any column that would take an
    unusual branch (a degenerate step, or more bins than samples times 16)
    and every other rule go through :func:`_discretize` itself.
    """
    n, p = xa.shape
    codes = np.empty((p, n), dtype=np.intp)
    sizes = np.empty(p, dtype=np.intp)
    fast = np.zeros(p, dtype=bool)
    if strategy == "uniform" and (bins == "fd" or not isinstance(bins, str)):
        xt = np.ascontiguousarray(xa.T)  # one row per column: every pass below is contiguous
        if bins == "fd":
            # Quartiles of sorted rows: SIMD sorting plus a cheap selection beats
            # np.percentile's selection on unsorted data (same values either way).
            srt = np.sort(xt, axis=1)
            first, last = srt[:, 0].copy(), srt[:, -1].copy()
        else:
            first, last = xt.min(axis=1), xt.max(axis=1)
        flat = first == last
        first = np.where(flat, first - 0.5, first)
        last = np.where(flat, last + 0.5, last)
        if bins == "fd":
            q75, q25 = np.percentile(srt, [75, 25], axis=1, overwrite_input=True)  # srt is scratch from here
            width = 2.0 * (q75 - q25) * n ** (-1.0 / 3.0)
            with np.errstate(divide="ignore", invalid="ignore"):
                nb = np.where(width > 0, np.ceil((last - first) / np.where(width > 0, width, 1.0)), 1.0)
        else:
            nb = np.full(p, float(bins))
        with np.errstate(invalid="ignore", over="ignore"):
            step = (last - first) / nb
        # A step of many ulps keeps the computed edges t * step + first strictly
        # increasing (numpy raises "too many bins" otherwise; that path stays per column).
        ulp = np.spacing(np.maximum(np.abs(first), np.abs(last)))
        fast = (nb <= 16.0 * n + 16) & np.isfinite(step) & (step > 8.0 * ulp)
    if fast.any():
        cols = np.flatnonzero(fast)
        v = xt if cols.size == p else xt[cols]
        f, st, m = first[cols, None], step[cols, None], nb[cols].astype(np.intp)
        top = (m - 1)[:, None].astype(np.float64)
        # t: the estimated bin, as a float; edge t is t * step + first, exactly as np.linspace computes it.
        t = v - f  # >= 0: first is the column minimum
        t *= 1.0 / st  # an estimate only, so the reciprocal is good enough
        np.floor(t, out=t)
        np.minimum(t, top, out=t)
        # Scratch space: the sorted rows are no longer needed.
        e = np.multiply(t, st, out=srt) if bins == "fd" and cols.size == p else t * st
        e += f
        down = e > v
        np.add(t, 1.0, out=e)
        e *= st
        e += f
        up = e <= v
        t -= down
        t += up
        np.minimum(t, top, out=t)  # the largest value belongs to the last bin
        # The estimate was within one bin; confirm the moved entries (rarely any) are now exact.
        moved = np.flatnonzero(down | up)
        while moved.size:
            r, c = np.divmod(moved, n)
            tv, vv, fv, sv = t.reshape(-1)[moved], v[r, c], f[r, 0], st[r, 0]
            dn = (tv > 0) & (tv * sv + fv > vv)
            upv = (tv < top[r, 0]) & ((tv + 1.0) * sv + fv <= vv)
            change = upv.astype(np.float64) - dn
            t.reshape(-1)[moved] = tv + change
            moved = moved[change != 0]
        codes[cols] = t
        sizes[cols] = m
    for j in np.flatnonzero(~fast):
        codes[j], sizes[j] = _discretize(xa[:, j], bins, strategy)
    return codes, sizes


def mi_binned(x, y, *, bins="fd", strategy="uniform", correction=None, base=math.e) -> float:
    """Histogram ("plug-in") mutual information of two continuous 1-D samples.

    Each variable is cut into equal-width bins over its range, then the
    plug-in MI of the bin labels is returned.

    Parameters
    ----------
    x, y : array-like, shape (n,)
    bins : int, str or pair, default "fd"
        Bins per variable: an int, a rule name from ``BIN_RULES``, or a pair
        ``(bins_x, bins_y)``. The answer depends on this choice.
    strategy : {"uniform", "quantile"}, default "uniform"
        Equal-width bins, or equal-frequency bins (see :func:`discretize`).
        Quantile bins make the estimate exactly invariant under strictly
        increasing maps of either variable, and keep a few outliers from
        emptying most bins.
    correction : {None, "miller-madow"}
        "miller-madow" adds (Kx + Ky - Kxy - 1) / (2n) nats, the first-order
        bias term of the three plug-in entropies, with K the number of
        non-empty cells [MM]_. The corrected value can be negative.
    base : float, default e

    Returns
    -------
    float
        MI in nats (or ``base`` units). The plain plug-in value is biased
        upwards by about (Bx - 1)(By - 1) / (2n) nats when X and Y are
        independent. O(n log B).
    """
    lb = log_base(base)
    xv = _as_1d(x, "x")
    yv = _as_1d(y, "y")
    n = check_same_length(("x", xv), ("y", yv))
    bx, by = _check_bin_pair(bins)
    strategy = _check_strategy(strategy)
    if correction not in (None, "miller-madow"):
        raise ValueError(f"correction must be None or 'miller-madow', got {correction!r}")
    cx, mx = _discretize(xv, bx, strategy)
    cy, my = _discretize(yv, by, strategy)
    table = np.bincount(cx * my + cy, minlength=mx * my).reshape(mx, my)
    mi = _mi_from_counts(table)
    if correction == "miller-madow":
        kx = np.count_nonzero(table.sum(axis=1))
        ky = np.count_nonzero(table.sum(axis=0))
        kxy = np.count_nonzero(table)
        mi += (kx + ky - kxy - 1) / (2.0 * n)
    return mi / lb


# --------------------------------------------------------------------------
# Continuous estimators
# --------------------------------------------------------------------------


def _standardise(a: np.ndarray) -> np.ndarray:
    """Centre and scale each column to unit variance; drop constant columns."""
    sd = a.std(axis=0)
    keep = sd > 0
    return (a[:, keep] - a[:, keep].mean(axis=0)) / sd[keep]


def _tie_fraction(a: np.ndarray) -> float:
    """Largest fraction of repeated values over the columns of ``a``."""
    n = a.shape[0]
    worst = 0.0
    for col in a.T:
        s = np.sort(col)
        worst = max(worst, np.count_nonzero(s[1:] == s[:-1]) / n)
    return worst


#: Seed streams of the tie-breaking jitter, one per role, so that tied rows of
#: different variables never move together (rows tied in x and in y would
#: otherwise look perfectly dependent). Column j of a pairwise matrix uses
#: stream ``_JITTER_STREAMS["column"] + j``.
_JITTER_STREAMS = {"x": 1, "y": 2, "z": 3, "column": 1000}


def _break_ties(a: np.ndarray, name: str, stream: int | None = None) -> np.ndarray:
    """Add a seeded 1e-10 jitter to standardised columns that hold repeated values.

    Each variable draws from its own seeded stream (``stream``, by default
    the one of its role ``name`` in ``_JITTER_STREAMS``), so the jitter of x
    is independent of the jitter of y: a pair of rows tied in both variables
    then looks independent at the scale of the jitter, and the estimate on
    discretised data tends to the MI of the discrete values instead of
    growing with the number of ties.
    """
    frac = _tie_fraction(a)
    if frac == 0:
        return a
    if frac > 0.05:
        warnings.warn(
            f"{name} has {100 * frac:.0f}% repeated values (binned or rounded data?). "
            "KSG assumes continuous data: ties make the neighbour distances zero. A tiny "
            "seeded jitter (1e-10 standard deviations, independent for each variable) breaks "
            "them, but the estimate on heavily discretised data is unreliable. Binning and kNN "
            "are two different estimators: use mi_discrete on the labels, or mi_ksg on the raw values.",
            TiesWarning,
            stacklevel=3,
        )
    if stream is None:
        stream = _JITTER_STREAMS.get(name, 0)
    rng = np.random.default_rng([0, stream])
    return a + 1e-10 * rng.standard_normal(a.shape)


#: Below this many rows a k-d tree query runs on one thread: starting the
#: threads costs more than the parallel query saves.
_PARALLEL_MIN_ROWS = 4096


def _threads(workers: int, n: int) -> int:
    """Threads for a k-d tree query over ``n`` rows (1 for small inputs)."""
    return 1 if n < _PARALLEL_MIN_ROWS else workers


def _spatial_tree(a: np.ndarray):
    """A k-d tree over the rows of ``a``, built by sliding-midpoint splits.

    ``balanced_tree=False`` (midpoint splits instead of median splits) builds
    about twice as fast and answers the queries used here as fast.
    """
    from scipy.spatial import cKDTree

    return cKDTree(a, balanced_tree=False, compact_nodes=False)


def _kth_neighbour_distance(z: np.ndarray, k: int, workers: int) -> np.ndarray:
    """Max-norm distance from each row of ``z`` to its k-th nearest other row.

    One k-d tree query for the k + 1 nearest rows (the row itself comes
    first). The rows are queried in the tree's own leaf order, so that
    consecutive queries visit the same nodes (cache-friendly, ~25% faster
    than the input order), and the distances are put back in input order.
    The values are identical to ``cKDTree(z).query(z, k + 1, p=inf)``.
    """
    n = z.shape[0]
    threads = _threads(workers, n)
    tree = _spatial_tree(z)
    order = tree.indices
    dist = tree.query(z[order], k=[k + 1], p=np.inf, workers=threads)[0]
    eps = np.empty(n)
    eps[order] = dist[:, 0]
    return eps


def _count_strictly_within(a: np.ndarray, eps: np.ndarray, workers: int, order=None) -> np.ndarray:
    """For each row i, the number of rows j != i with max-norm distance < eps_i.

    1-D: two binary searches per row in the sorted column (no tree). The rows
    are processed in sorted order so consecutive searches touch neighbouring
    memory; ``order`` (``np.argsort`` of the column) may be passed when the
    caller already has it. d-D: a k-d tree radius count, queried in the
    tree's leaf order for the same reason.
    """
    n = a.shape[0]
    if a.shape[1] == 1:
        v = a[:, 0]
        if order is None:
            order = np.argsort(v)
        s = v[order]
        # The k-th neighbour sits at distance exactly eps; v + eps can round past it.
        # Shrinking eps by 1e-10 (relative) keeps it out whatever the rounding.
        r = eps[order] * (1.0 - 1e-10)
        counts = np.empty(n, dtype=np.intp)
        counts[order] = np.searchsorted(s, s + r, side="left") - np.searchsorted(s, s - r, side="right") - 1
        return counts
    threads = _threads(workers, n)
    tree = _spatial_tree(a)
    rows = tree.indices
    r = np.nextafter(eps[rows], 0)
    counts = np.empty(n, dtype=np.intp)
    counts[rows] = tree.query_ball_point(a[rows], r, p=np.inf, return_length=True, workers=threads) - 1
    return counts


def _ksg_nats(xs: np.ndarray, ys: np.ndarray, k: int, workers: int, x_order=None, y_order=None) -> float:
    """KSG algorithm 1 on standardised, tie-free inputs (no checks).

    ``x_order``/``y_order``: optional ``np.argsort`` of 1-D ``xs``/``ys``,
    reused by :func:`pairwise_mi` across the pairs of a column. On large
    inputs with several threads allowed, the two 1-D marginal counts run
    side by side (NumPy's sorts and binary searches release the GIL).
    """
    n = xs.shape[0]
    eps = _kth_neighbour_distance(np.hstack([xs, ys]), k, workers)
    if _threads(workers, n) != 1 and xs.shape[1] == 1 and ys.shape[1] == 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=2) as ex:
            fx = ex.submit(_count_strictly_within, xs, eps, 1, x_order)
            ny = _count_strictly_within(ys, eps, 1, y_order)
            nx = fx.result()
    else:
        nx = _count_strictly_within(xs, eps, workers, x_order)
        ny = _count_strictly_within(ys, eps, workers, y_order)
    psi = _digamma_of_counts(max(int(nx.max()), int(ny.max())) + 1)
    return float(_digamma(k) + _digamma(n) - np.mean(psi[nx] + psi[ny]))


def _digamma(v):
    from scipy.special import digamma

    return digamma(v)


def _digamma_of_counts(m: int) -> np.ndarray:
    """``table[c] = digamma(c + 1)`` for c = 0..m (a lookup beats evaluating per row)."""
    return _digamma(np.arange(1, m + 2, dtype=np.float64))


def mi_ksg(x, y, *, k=3, base=math.e, workers=-1) -> float:
    """Kraskov-Stoegbauer-Grassberger k-nearest-neighbour MI (algorithm 1).

    I = psi(k) + psi(n) - < psi(n_x + 1) + psi(n_y + 1) >, where for each
    point eps is the max-norm distance to its k-th neighbour in the joint
    space and n_x, n_y count the points strictly closer than eps in each
    marginal space [KSG]_.

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Continuous samples. Each column is standardised to unit variance
        first (the estimate, unlike MI itself, depends on relative scale);
        constant columns carry no information and are dropped.
    k : int, default 3
        Neighbours. Small k: less bias, more variance.
    base : float, default e
    workers : int, default -1
        Threads for the k-d tree queries and the two marginal counts (-1: all
        cores). Below 4096 samples everything runs on one thread, since
        starting threads would cost more than it saves; the result does not
        depend on ``workers``.

    Returns
    -------
    float
        MI estimate in nats (or ``base`` units). It can be slightly negative
        for independent data, and it saturates near ln(n) for nearly
        deterministic relations.

    Notes
    -----
    Ties (repeated values) make neighbour distances zero; they are broken by
    a seeded jitter of 1e-10 standard deviations, so the result is
    deterministic, with a :class:`TiesWarning` when more than 5% of a
    column's values repeat. Cost O(n log n): one k-d tree query in the joint
    space (rows queried in the tree's leaf order, which is cache-friendly);
    1-D marginal counts use a sorted array and binary search, no tree.
    """
    lb = log_base(base)
    xa = as_continuous(x, "x")
    ya = as_continuous(y, "y")
    n = check_same_length(("x", xa), ("y", ya))
    k = check_int(k, "k", minimum=1)
    if k >= n:
        raise ValueError(f"k must be smaller than the number of samples ({n}), got k={k}")
    workers = check_int(workers, "workers")
    xs, ys = _standardise(xa), _standardise(ya)
    if xs.shape[1] == 0 or ys.shape[1] == 0:
        return 0.0
    xs, ys = _break_ties(xs, "x"), _break_ties(ys, "y")
    return _ksg_nats(xs, ys, k, workers) / lb


def _bandwidth(rule, n: int, d: int) -> float:
    if isinstance(rule, str):
        if rule == "scott":
            return n ** (-1.0 / (d + 4))
        if rule == "silverman":
            return (n * (d + 2) / 4.0) ** (-1.0 / (d + 4))
        raise ValueError(f"bandwidth must be 'scott', 'silverman' or a positive number, got {rule!r}")
    if isinstance(rule, bool) or not isinstance(rule, (int, float, np.integer, np.floating)):
        raise TypeError(f"bandwidth must be 'scott', 'silverman' or a positive number, got {type(rule).__name__}")
    if not np.isfinite(rule) or rule <= 0:
        raise ValueError(f"bandwidth must be positive and finite, got {rule!r}")
    return float(rule)


def _loo_log_density(z: np.ndarray, h: float, chunk_cells: int = 4_000_000) -> np.ndarray:
    """Leave-one-out log density of a Gaussian product-kernel KDE at each row.

    log f_{-i}(z_i) with f_{-i} = 1/((n-1) (2 pi)^{d/2} h^d) sum_{j != i}
    exp(-|z_i - z_j|^2 / (2 h^2)). Chunked so memory stays O(chunk * n).
    """
    from scipy.special import logsumexp

    n, d = z.shape
    sq = np.einsum("ij,ij->i", z, z)
    out = np.empty(n)
    step = max(1, chunk_cells // n)
    for start in range(0, n, step):
        stop = min(n, start + step)
        d2 = sq[start:stop, None] + sq[None, :] - 2.0 * z[start:stop] @ z.T
        np.maximum(d2, 0.0, out=d2)
        d2 *= -0.5 / (h * h)
        d2[np.arange(stop - start), np.arange(start, stop)] = -np.inf
        out[start:stop] = logsumexp(d2, axis=1)
    return out - np.log(n - 1) - 0.5 * d * np.log(2 * np.pi) - d * np.log(h)


def _whiten(a: np.ndarray):
    """Map rows to coordinates with identity sample covariance.

    Returns ``(w, log_det)`` with ``log_det`` = log |det L| of the Cholesky
    factor L of the covariance, the log-Jacobian of the map; ``(None, None)``
    when the covariance is singular (an exact linear dependence).
    """
    c = np.atleast_2d(np.cov(a, rowvar=False))
    if np.linalg.eigvalsh(c).min() < 1e-10 * max(1.0, float(np.trace(c))):
        return None, None
    chol = np.linalg.cholesky(c)
    w = np.linalg.solve(chol, (a - a.mean(axis=0)).T).T
    return w, float(np.log(np.diag(chol)).sum())


def mi_kde(x, y, *, bandwidth="scott", base=math.e) -> float:
    """Kernel-density (resubstitution) MI with leave-one-out densities.

    I = mean_i [log f(x_i, y_i) - log f(x_i) - log f(y_i)] with Gaussian
    kernel density estimates [Moon]_.

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Continuous samples. Each density (joint, x, y) uses a Gaussian kernel
        shaped like the sample covariance of its own data, as
        :class:`scipy.stats.gaussian_kde` does, so units and correlation do
        not distort the kernel; constant columns are dropped.
    bandwidth : {"scott", "silverman"} or float, default "scott"
        Kernel width as a factor of the data covariance: Scott's factor is
        n^(-1/(d+4)) for a d-dimensional density.
    base : float, default e

    Returns
    -------
    float
        MI estimate in nats (or ``base`` units); ``inf`` when y is an exact
        linear function of x.

    Notes
    -----
    Each density is evaluated at a point with that point left out of its
    own sum. Evaluating on the fitting points without leaving them out adds
    a kernel peak at every point, which inflates the joint density more than
    the marginals and biases MI upwards. Cost O(n^2 d) time and O(n) extra
    memory per chunk of rows: fine up to a few thousand samples.
    """
    lb = log_base(base)
    xa = as_continuous(x, "x", min_samples=3)
    ya = as_continuous(y, "y", min_samples=3)
    n = check_same_length(("x", xa), ("y", ya))
    _bandwidth(bandwidth, n, 1)  # validate the argument before any shortcut
    xs, ys = _standardise(xa), _standardise(ya)
    if xs.shape[1] == 0 or ys.shape[1] == 0:
        return 0.0
    total = 0.0
    for sign, block in ((1.0, np.hstack([xs, ys])), (-1.0, xs), (-1.0, ys)):
        w, log_det = _whiten(block)
        if w is None:
            if sign > 0:
                return math.inf
            raise ValueError("the columns of x or y are linearly dependent; drop the redundant ones")
        h = _bandwidth(bandwidth, n, w.shape[1])
        total += sign * (float(np.mean(_loo_log_density(w, h))) - log_det)
    return total / lb


def mi_gaussian(x, y, *, base=math.e) -> float:
    """MI under a joint-Gaussian assumption, from the sample covariance.

    I = 0.5 ln(det S_x det S_y / det S), the closed form for Gaussians
    [CT]_. Exact in expectation only for jointly Gaussian data; for other
    data it measures linear dependence only (it is the MI of the Gaussian
    with the same covariance). O(n (dx + dy)^2).

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
    base : float, default e

    Returns
    -------
    float
        MI in nats (or ``base`` units); ``inf`` when y is an exact linear
        function of x. Constant columns are dropped.
    """
    lb = log_base(base)
    xa = as_continuous(x, "x", min_samples=3)
    ya = as_continuous(y, "y", min_samples=3)
    check_same_length(("x", xa), ("y", ya))
    xs, ys = _standardise(xa), _standardise(ya)
    if xs.shape[1] == 0 or ys.shape[1] == 0:
        return 0.0
    dx = xs.shape[1]
    c = np.cov(np.hstack([xs, ys]), rowvar=False).reshape(dx + ys.shape[1], -1)
    logdets = []
    for name, block in (("x", c[:dx, :dx]), ("y", c[dx:, dx:]), (None, c)):
        # Columns are standardised, so a tiny eigenvalue means exact linear dependence.
        sign, ld = np.linalg.slogdet(block)
        if sign <= 0 or np.linalg.eigvalsh(block).min() < 1e-10:
            if name is not None:
                raise ValueError(f"the columns of {name} are linearly dependent; drop the redundant ones")
            return math.inf
        logdets.append(ld)
    return max(0.5 * (logdets[0] + logdets[1] - logdets[2]), 0.0) / lb


def gaussian_mi(rho, *, base=math.e):
    """Closed-form MI of a bivariate Gaussian with correlation ``rho``.

    I = -0.5 ln(1 - rho^2) nats [CT]_. ``rho`` may be a scalar (returns a
    float) or an array (returns an array). |rho| = 1 gives ``inf``.
    """
    lb = log_base(base)
    try:
        r = np.asarray(rho, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"rho must be a number or an array of numbers, got {type(rho).__name__}") from None
    if not np.isfinite(r).all() or (np.abs(r) > 1).any():
        raise ValueError(f"rho must lie in [-1, 1], got {rho!r}")
    with np.errstate(divide="ignore"):
        out = -0.5 * np.log1p(-(r * r)) / lb
    return float(out) if out.ndim == 0 else out


# --------------------------------------------------------------------------
# Pairwise matrix
# --------------------------------------------------------------------------

_PAIRWISE_METHODS = ("binned", "discrete", "ksg", "gaussian")


def pairwise_mi(X, *, method="binned", base=math.e, max_memory=None, client=None, **kwargs) -> np.ndarray:
    """Symmetric matrix of MI between all pairs of columns of ``X``.

    Parameters
    ----------
    X : array-like or dask array, shape (n, p)
        A Dask array is computed on its scheduler (see ``client``).
    method : {"binned", "discrete", "ksg", "gaussian"}
        "binned": each column cut into equal-width bins (``bins``, default
        "fd"; ``strategy`` and ``correction`` as in :func:`mi_binned`), same values as
        :func:`mi_binned` pair by pair. "discrete": columns are labels, as in
        :func:`mi_discrete`. "ksg": :func:`mi_ksg` per pair (``k``, default 3).
        "gaussian": -0.5 ln(1 - r^2) from the correlation matrix.
    base : float, default e
    max_memory : int, optional
        Binned and discrete: bytes of scratch memory for the blocks of pairs
        in flight (default 256 MiB), on top of the p x p result (8 p^2 bytes)
        and the bin codes (n p small integers). Smaller values mean smaller
        blocks, never different numbers.
    client : dask.distributed.Client, optional
        Binned and discrete: spread the blocks over the cluster's workers
        (needs ``pip install mi-helpers[dask]``); same matrix as without.
    **kwargs
        Passed to the method (``bins``, ``strategy``, ``correction``, ``k``).

    Returns
    -------
    ndarray, shape (p, p)
        MI in nats (or ``base`` units). The diagonal holds H(X_j) for the
        binned and discrete methods; for "ksg" and "gaussian" it is NaN
        (the MI of a continuous variable with itself is infinite).

    Notes
    -----
    Binned and discrete: the matrix is computed in square blocks of pairs;
    the joint counts of a pair take one pass over its n samples, so the work
    is O(n p^2 / 2) counts plus O(B^2 p^2 / 2) table lookups (B bins per
    column), with no Python loop over pairs. Large problems use a compiled
    counting kernel (Numba, when installed) on parallel threads; small ones,
    or without Numba, ``np.bincount`` of combined codes: same values to
    rounding. "fd" and integer bins are computed for all columns at once,
    with the same codes as :func:`discretize`. (A product O^T O of one-hot
    codes would cost O(n p^2 B^2) flops: about 600 times more work at
    B = 25.) Peak memory: the result plus ``max_memory``; at p = 20,000
    (n = 500, 8 bins: 10^11 counts) that is about 3.5 GB, and a few minutes
    on two cores (``make bench``, table 5). KSG: O(p^2 n log n), one k-d
    tree query per pair;
    with n below 4096 the pairs run on parallel threads (``workers``).
    """
    lb = log_base(base)
    if method not in _PAIRWISE_METHODS:
        raise ValueError(f"method must be one of {_PAIRWISE_METHODS}, got {method!r}")
    allowed = {"binned": {"bins", "strategy", "correction"}, "discrete": set(), "ksg": {"k", "workers"}, "gaussian": set()}
    extra = set(kwargs) - allowed[method]
    if extra:
        raise TypeError(f"method {method!r} does not take {sorted(extra)}; it takes {sorted(allowed[method]) or 'no options'}")
    max_memory = _check_max_memory(max_memory)
    if client is not None or _is_dask_array(X):
        if method not in ("binned", "discrete"):
            raise ValueError(f"a Dask client or array works with method 'binned' or 'discrete', got {method!r}")
        from .distributed import pairwise_mi_dask

        return pairwise_mi_dask(X, method=method, base=base, max_memory=max_memory, client=client, **kwargs)
    if method in ("binned", "discrete"):
        codes, sizes, correction = _pairwise_codes(X, method, kwargs)
        out = _pairwise_counts_mi(codes, sizes, correction, max_memory=max_memory)
        if lb != 1.0:
            out /= lb  # in place: at large p the matrix is most of the memory
        return out
    xa = as_continuous(X, "X", min_samples=3)
    n, p = xa.shape
    if method == "gaussian":
        sd = xa.std(axis=0)
        out = np.zeros((p, p))
        live = sd > 0
        if live.any():
            r = np.corrcoef(xa[:, live], rowvar=False).reshape(live.sum(), live.sum())
            with np.errstate(divide="ignore"):
                out[np.ix_(live, live)] = -0.5 * np.log1p(-np.clip(r * r, 0.0, 1.0))
        np.fill_diagonal(out, np.nan)
        return out / lb
    k = check_int(kwargs.get("k", 3), "k", minimum=1)
    if k >= n:
        raise ValueError(f"k must be smaller than the number of samples ({n}), got k={k}")
    workers = check_int(kwargs.get("workers", -1), "workers")
    std = [_standardise(xa[:, [j]]) for j in range(p)]
    std = [_break_ties(s, f"X[:, {j}]", _JITTER_STREAMS["column"] + j) if s.shape[1] else s for j, s in enumerate(std)]
    # Each column is sorted once; every pair reuses the order for its 1-D counts.
    orders = [np.argsort(s[:, 0]) if s.shape[1] else None for s in std]
    out = np.full((p, p), np.nan)
    pairs = [(i, j) for i in range(p) for j in range(i + 1, p)]
    dead = [(i, j) for i, j in pairs if orders[i] is None or orders[j] is None]
    live = [(i, j) for i, j in pairs if orders[i] is not None and orders[j] is not None]
    for i, j in dead:
        out[i, j] = out[j, i] = 0.0
    pool = _pair_threads(workers, n, len(live))
    inner = workers if pool == 1 else 1

    def one(pair):
        i, j = pair
        return _ksg_nats(std[i], std[j], k, inner, orders[i], orders[j])

    if pool == 1:
        values = [one(pair) for pair in live]
    else:
        # Small samples: the tree work of a pair is short, so pairs run in
        # parallel (SciPy's k-d tree and NumPy's sorts release the GIL).
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=pool) as ex:
            values = list(ex.map(one, live, chunksize=max(1, len(live) // (8 * pool))))
    for (i, j), v in zip(live, values):
        out[i, j] = out[j, i] = v
    return out / lb


def _pair_threads(workers: int, n: int, n_pairs: int) -> int:
    """Threads for running KSG pairs side by side (1: one pair at a time)."""
    if workers == 1 or n >= _PARALLEL_MIN_ROWS or n_pairs < 2:
        return 1
    cpus = os.cpu_count() or 1
    return max(1, min(cpus if workers < 0 else workers, n_pairs))


def _is_dask_array(X) -> bool:
    return type(X).__module__.startswith("dask.")


def _check_max_memory(max_memory):
    if max_memory is None:
        return None
    if isinstance(max_memory, bool) or not isinstance(max_memory, (int, np.integer)) or max_memory < 2**20:
        raise ValueError(f"max_memory must be a number of bytes, at least 2**20 (1 MiB), got {max_memory!r}")
    return int(max_memory)


def _pairwise_codes(X, method, kwargs):
    """Integer codes (p, n), bin counts (p,) and the correction of a binned or discrete matrix."""
    if method == "discrete":
        arr = np.asarray(X)
        if arr.ndim != 2:
            raise ValueError(f"X must be 2-D (n, p), got shape {arr.shape}")
        cols = [as_labels(arr[:, j], f"X[:, {j}]") for j in range(arr.shape[1])]
        codes = np.stack([cj for cj, _ in cols]) if cols else np.empty((0, arr.shape[0]), dtype=np.intp)
        sizes = np.array([m for _, m in cols], dtype=np.intp)
        return codes, sizes, None
    xa = as_continuous(X, "X", min_samples=2)
    bins = _check_bins(kwargs.get("bins", "fd"))
    correction = kwargs.get("correction")
    if correction not in (None, "miller-madow"):
        raise ValueError(f"correction must be None or 'miller-madow', got {correction!r}")
    codes, sizes = _discretize_columns(xa, bins, _check_strategy(kwargs.get("strategy", "uniform")))
    return codes, sizes, correction


def _pairwise_counts_mi(codes: np.ndarray, sizes: np.ndarray, correction, *, max_memory=None, engine=None) -> np.ndarray:
    """MI matrix (nats) from integer codes, ``codes[j]`` in ``0..sizes[j]-1``.

    The plug-in MI of a pair is ln n + (S_ij - S_ii - S_jj) / n, where S_ij
    sums c ln c over the joint cells of columns i and j (and S_jj over the
    bins of column j), so only S needs joint counts. The matrix is built in
    square tiles of pairs (:mod:`mi_helpers._blocks`), each written into the
    result as soon as it is done, so the scratch memory is bounded by
    ``max_memory`` whatever p. ``engine``: "numba", "numpy" or None (chosen
    by size).
    """
    from . import _blocks

    return _blocks.matrix(codes, np.asarray(sizes, dtype=np.intp), correction, max_memory=max_memory, engine=engine)
