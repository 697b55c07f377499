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
from typing import NamedTuple

import numpy as np

from ._validation import (
    BinsWarning,
    OutlierWarning,
    _as_array,
    as_continuous,
    as_labels,
    check_int,
    check_same_length,
    check_workers,
    log_base,
    looks_continuous,
    warn,
    warn_if_continuous,
    warn_ties,
)

# SciPy's spatial and special modules are imported inside the functions that
# use them: they take longer to import than the rest of the package, and
# ``import mi_helpers`` should stay quick.

__all__ = [
    "BIN_RULES",
    "BIN_STRATEGIES",
    "bin_edges",
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
    "mi_mixed",
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
    if np.count_nonzero(a) <= 1 or np.count_nonzero(b) <= 1:
        return 0.0  # a constant variable: exactly 0 (the sum below can round to 1e-16)
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
        Labels (ints, strings, bools, dates). Rows of a 2-D array are joint
        symbols, so ``entropy_discrete(np.column_stack([x, y]))`` is H(X, Y).
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float
        H = -sum p log p over the observed label frequencies, in nats (or
        ``base`` units). Biased low by about (m - 1) / (2n) nats for m
        observed labels [MM]_. O(n log n).

    Raises
    ------
    ValueError
        If ``x`` is empty, has more than 2 dimensions, or holds missing values
        (None, NaN, pandas' NA, NaT); if ``base`` is not a valid base.
    TypeError
        If ``x`` mixes label types (1 and "1"), or ``base`` is not a number.

    See Also
    --------
    entropy_from_probs : the entropy of a known distribution.

    References
    ----------
    .. [MM] G. A. Miller, "Note on the bias of information estimates", in
       Information Theory in Psychology (1955), 95-100.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> round(mh.entropy_discrete(["a", "b", "a", "b"], base=2), 4)  # a fair coin: 1 bit
    1.0
    >>> round(mh.entropy_discrete([1, 2, 3, 4, 5, 6]), 4)  # a fair die: ln 6 nats
    1.7918
    """
    lb = log_base(base)
    codes, m = as_labels(x, "x")
    return _entropy_from_counts(np.bincount(codes, minlength=m)) / lb


def entropy_from_probs(p, *, base=math.e) -> float:
    """Exact entropy of a probability vector or table (any shape).

    Parameters
    ----------
    p : array-like
        Probabilities, or counts (normalised first). Zero cells add 0. A table
        gives the joint entropy of its axes.
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float
        H = -sum p log p in nats (or ``base`` units) [CT]_. O(size of p).

    Raises
    ------
    ValueError
        If ``p`` is empty, holds negative, NaN or infinite values, or sums to 0.
    TypeError
        If ``p`` is not numeric.

    References
    ----------
    .. [CT] T. M. Cover, J. A. Thomas, Elements of Information Theory, 2nd ed.
       (2006), section 2.1.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> round(mh.entropy_from_probs([0.5, 0.25, 0.25], base=2), 4)
    1.5
    >>> round(mh.entropy_from_probs([3, 1]), 4)  # counts: the same as [0.75, 0.25]
    0.5623
    """
    lb = log_base(base)
    p = _as_table(p, "p", ndim=None)
    return _entropy_from_counts(p.ravel()) / lb


def mi_from_joint(p_xy, *, base=math.e) -> float:
    """Exact mutual information of a 2-D joint probability (or count) table.

    Parameters
    ----------
    p_xy : array-like, shape (mx, my)
        ``p_xy[i, j] = P(X = i, Y = j)``; counts are accepted and normalised.
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float
        ``I(X;Y) = sum_ij p_ij log(p_ij / (p_i. p_.j)) >= 0``, the KL divergence
        from the product of the marginals to the joint [CT]_, in nats (or
        ``base`` units). O(mx my).

    Raises
    ------
    ValueError
        If ``p_xy`` is not 2-D, is empty, holds negative, NaN or infinite
        values, or sums to 0.
    TypeError
        If ``p_xy`` is not numeric.

    See Also
    --------
    mi_discrete : the plug-in estimate from samples of labels.

    References
    ----------
    .. [CT] T. M. Cover, J. A. Thomas, Elements of Information Theory, 2nd ed.
       (2006), section 2.3.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> mh.mi_from_joint([[0.25, 0.25], [0.25, 0.25]])  # independent
    0.0
    >>> round(mh.mi_from_joint([[0.5, 0.0], [0.0, 0.5]], base=2), 4)  # Y = X, a fair bit
    1.0
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
    x, y : array-like, shape (n,) or (n, d)
        Labels (ints, strings, bools, dates); rows of a 2-D array are joint
        symbols. Floats are accepted but each distinct float is its own label:
        a :class:`ContinuousInputWarning` is raised when most values are
        distinct, because the result then tends to ln(n) whatever the
        dependence.
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float
        MI >= 0 in nats (or ``base`` units). Biased upwards by about
        (mx - 1)(my - 1) / (2n) nats for independent variables with mx and my
        labels. O(n log n).

    Raises
    ------
    ValueError
        If ``x`` and ``y`` differ in length, are empty, or hold missing values
        (None, NaN, pandas' NA, NaT).
    TypeError
        If a variable mixes label types (1 and "1" would otherwise be merged
        or split depending on the conversion).

    Warns
    -----
    ContinuousInputWarning
        When a variable is floats that are mostly distinct. Use
        :func:`mi_ksg` or :func:`mi_binned` for two continuous variables,
        :func:`mi_mixed` for a continuous one and labels.

    See Also
    --------
    mi_from_joint : the exact MI of a known table.
    mi_mixed : one continuous variable and one discrete.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> weather = ["sun", "sun", "rain", "rain", "sun", "rain"]
    >>> umbrella = [0, 0, 1, 1, 0, 1]
    >>> round(mh.mi_discrete(weather, umbrella, base=2), 4)  # each determines the other: H = 1 bit
    1.0
    >>> round(mh.mi_discrete(weather, [0, 1, 0, 1, 0, 1]), 4)
    0.0566
    """
    lb = log_base(base)
    cx, mx = as_labels(x, "x")
    cy, my = as_labels(y, "y")
    check_same_length(("x", cx), ("y", cy))
    cont_x, cont_y = looks_continuous(x, mx), looks_continuous(y, my)
    for name, other, cont, m_ in (("x", "y", cont_x, mx), ("y", "x", cont_y, my)):
        if cont and not (cont_x and cont_y):
            # One continuous variable and one set of labels: that is mixed data.
            advice = f"If {other} holds labels and {name} is continuous, use mi_mixed({name}, {other})."
            warn_if_continuous(x if name == "x" else y, m_, name, advice=advice)
        elif cont:
            warn_if_continuous(x if name == "x" else y, m_, name)
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
        Real numbers, at least 2.
    bins : int or str, default "fd"
        A bin count, or a rule of :func:`numpy.histogram_bin_edges`
        (``BIN_RULES``): "fd" (Freedman-Diaconis), "sturges", "sqrt", ...
        With ``strategy="quantile"`` a rule only sets the number of bins, and
        it counts them on the ranks of ``x`` (equal-frequency bins are
        equal-width bins of the ranks), so outliers do not change the count
        and the codes depend on the ranks only. Two guards apply to rules (not
        to a count): a rule that gives one bin for
        a variable that is not constant would make every MI 0, so Sturges'
        count log2(n) + 1 is used instead; and no rule gives more than
        ceil(2 sqrt(n)) bins, the ceiling NumPy's "auto" rule puts on its
        Freedman-Diaconis width since NumPy 2.3 (one outlier can otherwise ask
        for millions of bins). A :class:`BinsWarning` says when a guard acts.
    strategy : {"uniform", "quantile"}, default "uniform"
        "uniform": equal-width bins over the range of ``x``. "quantile":
        equal-frequency bins, edges at the quantiles of ``x``, so each bin
        holds about n / B samples; the codes then depend on ``x`` only
        through its ranks, so any strictly increasing map of ``x`` gives the
        same codes. Repeated values never straddle an edge, and a value that
        fills more than one quantile (or the smallest value, when it reaches
        one) gets a bin of its own: 80% exact zeros give a bin of zeros and
        quantile bins of the rest. There are never more than B bins.

    Returns
    -------
    ndarray of int, shape (n,)
        Bin index of each sample; the largest value goes in the last bin.
        The number of bins is ``codes.max() + 1`` at most (empty bins count).
        O(n log B), O(n log n) for quantiles.

    Raises
    ------
    ValueError
        If ``x`` is not 1-D, has fewer than 2 values, holds NaN or infinite
        values (or masked entries), or ``bins`` or ``strategy`` is invalid.
    TypeError
        If ``x`` is not numeric or ``bins`` is neither an int nor a string.

    Warns
    -----
    BinsWarning
        When a rule's count is replaced (one bin for a non-constant variable,
        or more than ceil(2 sqrt(n)) bins).

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> mh.discretize([0.0, 0.1, 0.5, 0.9, 1.0], bins=2)
    array([0, 0, 1, 1, 1])
    >>> x = np.r_[np.zeros(8), 1.0, 2.0]  # ties at zero
    >>> mh.discretize(x, bins=4, strategy="quantile")  # the zeros fill three quantiles: one bin
    array([0, 0, 0, 0, 0, 0, 0, 0, 1, 1])
    """
    codes, _ = _discretize(_as_1d(x, "x"), _check_bins(bins), _check_strategy(strategy), name="x")
    return codes


def bin_edges(x, bins="fd", *, strategy="uniform") -> np.ndarray:
    """The bin edges :func:`discretize` (and so :func:`mi_binned`) uses for ``x``.

    Parameters
    ----------
    x : array-like, shape (n,)
        Real numbers, at least 2.
    bins : int or str, default "fd"
        As for :func:`discretize`, with the same guards (Sturges' count for a
        rule that gives one bin, a ceiling of ceil(2 sqrt(n)) bins) and the
        same :class:`BinsWarning`.
    strategy : {"uniform", "quantile"}, default "uniform"
        As for :func:`discretize`.

    Returns
    -------
    ndarray of float, shape (B + 1,)
        Increasing edges from ``min(x)`` to ``max(x)``. Bin ``j`` holds the
        values v with ``edges[j] <= v < edges[j + 1]``, the last bin also
        ``max(x)``: ``np.searchsorted(edges[1:-1], x, side="right")`` equals
        ``discretize(x, bins, strategy=strategy)``. For equal-frequency bins
        B can be smaller than asked (ties). O(n log n).

    Raises
    ------
    ValueError, TypeError
        As for :func:`discretize`.

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> mh.bin_edges([0.0, 1.0, 2.0, 4.0], bins=2)
    array([0., 2., 4.])
    >>> x = np.arange(8.0) ** 3
    >>> edges = mh.bin_edges(x, bins=4, strategy="quantile")
    >>> bool((np.searchsorted(edges[1:-1], x, side="right") == mh.discretize(x, 4, strategy="quantile")).all())
    True
    """
    v = _as_1d(x, "x")
    bins, strategy = _check_bins(bins), _check_strategy(strategy)
    exp = _power_of_two_exponent(v)
    s = v if exp is None else np.ldexp(v, -exp)
    if strategy == "quantile":
        m = _rule_bins(_average_ranks(s), bins, "x") if isinstance(bins, str) else bins
        edges = np.concatenate([[s.min()], _quantile_inner_edges(s, m), [s.max()]])
    else:
        m = _rule_bins(s, bins, "x") if isinstance(bins, str) else bins
        edges = np.histogram_bin_edges(s, bins=m)
    return edges if exp is None else np.ldexp(edges, exp.ravel()[0])


def _as_1d(x, name):
    arr = as_continuous(x, name, min_samples=2)
    if arr.shape[1] != 1:
        raise ValueError(f"{name} must be 1-D for a histogram estimator, got {arr.shape[1]} columns")
    return arr[:, 0]


def _power_of_two_scaled(a: np.ndarray, axis=0) -> np.ndarray:
    """``a`` times a power of two per column, so that the largest magnitude is in [0.5, 1).

    Multiplying by a power of two is exact in floating point, so ranks,
    ratios and bin codes are unchanged; it keeps sums of squares, ranges and
    bin widths of data near 1e308 (or 1e-170) from overflowing (underflowing).
    """
    exp = _power_of_two_exponent(a, axis)
    return a if exp is None else np.ldexp(a, -exp)


def _power_of_two_exponent(a: np.ndarray, axis=0):
    """The exponent(s) :func:`_power_of_two_scaled` divides by (2**exp), or None when it leaves ``a`` alone."""
    top = np.max(np.abs(a), axis=axis, keepdims=True)
    if ((top > 2.0**-400) & (top < 2.0**400)).all() or not top.any():
        return None  # far from both limits: sums of squares of up to 2^200 values stay finite
    return np.frexp(top)[1]


def _bin_ceiling(n: int) -> int:
    """Most bins a rule may give per axis: ceil(2 sqrt(n)).

    NumPy's "auto" rule caps its Freedman-Diaconis width the same way since
    NumPy 2.3 (the width is at least half that of the "sqrt" rule). On
    Gaussian data the Freedman-Diaconis count stays below it for n above
    about 30; outliers and heavy tails push it to millions of bins.
    """
    return int(math.ceil(2.0 * math.sqrt(n)))


def _sturges_bins(n: int) -> int:
    """Sturges' bin count log2(n) + 1, rounded up as NumPy does."""
    return int(math.ceil(math.log2(n) + 1.0))


def _rule_bins(v: np.ndarray, rule: str, name: str | None) -> int:
    """Number of equal-width bins that ``rule`` gives for ``v`` (a sample of at least 2 values).

    The count is that of :func:`numpy.histogram_bin_edges`, with two
    guards. A rule that gives a single bin for a column that is not
    constant (the Freedman-Diaconis rule when more than half of the values
    are equal, so the interquartile range is 0) would make every MI exactly
    0: Sturges' count is used instead. A count above ``_bin_ceiling(n)``
    (outliers, heavy tails) is lowered to it. Each guard warns when it acts
    and ``name`` is given. The count is computed as a float and capped
    before it becomes an int, so a width that underflows (one value near
    1e308 among ordinary ones) gives the cap, not an overflow.
    """
    n = v.size
    lo, hi = v.min(), v.max()
    if lo == hi:
        return 1
    if rule == "fd":
        q75, q25 = np.percentile(v, [75, 25])
        width = 2.0 * (q75 - q25) * n ** (-1.0 / 3.0)
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            count = float(np.ceil((hi - lo) / width)) if width > 0 else 1.0
    elif rule == "stone":
        count = float(_stone_bins(v, lo, hi))
    else:
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            count = float(len(np.histogram_bin_edges(v, bins=rule)) - 1)
    cap = _bin_ceiling(n)
    if count == 1.0:
        m = _sturges_bins(n)
        if name is not None:
            _warn_one_bin(rule, [name], m)
        count = float(m)
    if not count <= cap:  # also an infinite or NaN count
        if name is not None:
            _warn_capped(rule, [name], cap, n)
        count = float(cap)
    return int(count)


def _stone_bins(v: np.ndarray, lo: float, hi: float) -> int:
    """Bin count of NumPy's "stone" rule, without NumPy's warning.

    Stone's rule picks the count in 1..max(100, floor(sqrt(n))) that
    minimises a cross-validation estimate of the integrated squared error;
    this is NumPy's computation (the same histograms, the same comparison,
    and the count its width gives), except that a minimum at the top of the
    range is not announced by NumPy's RuntimeWarning pointing into NumPy:
    there the count is at least max(100, sqrt(n)), and for n below 2,500 the
    cap of ceil(2 sqrt(n)) bins (with its own warning) applies anyway.
    """
    n = v.size
    ptp = hi - lo

    def jhat(nbins):
        p_k = np.histogram(v, bins=nbins, range=(lo, hi))[0] / n
        return (2 - (n + 1) * p_k.dot(p_k)) / (ptp / nbins)

    best = min(range(1, max(100, int(np.sqrt(n))) + 1), key=jhat)
    return int(np.ceil(ptp / (ptp / best)))


def _warn_one_bin(rule, names, m):
    which = names[0] if len(names) == 1 else f"{len(names)} columns ({', '.join(names[:3])}{', ...' if len(names) > 3 else ''})"
    why = " (more than half of its values are equal, so the interquartile range is 0)" if rule == "fd" else ""
    warn(
        f"bins={rule!r} gives a single bin for {which}{why}, although the values are not all equal; "
        f"every MI would then be exactly 0. Sturges' rule ({m} bins) is used instead. For data with many "
        "repeated values (such as exact zeros), strategy='quantile' gives the repeated value a bin of its own.",
        BinsWarning,
    )


#: Why a rule can ask for too many bins, for the cap warning.
_CAP_REASON = {
    "fd": "the range is far wider than the interquartile range, from which the rule sets the width",
    "auto": "the range is far wider than the interquartile range, from which the rule sets the width",
    "scott": "the range is far wider than the standard deviation, from which the rule sets the width",
    "stone": "Stone's cross-validation picks a width far below the range",
}


def _warn_capped(rule, names, cap, n):
    """Warn that a rule's bin count was capped for the variables ``names``.

    The text depends on the names, the rule and n only (not on the counts), so
    a loop over samples of one size shows it once at a given line.
    """
    which = names[0] if len(names) == 1 else f"{len(names)} columns ({', '.join(names[:3])}{', ...' if len(names) > 3 else ''})"
    reason = _CAP_REASON.get(rule, "the range is far wider than the rule's width")
    warn(
        f"bins={rule!r} asks for more than ceil(2 sqrt(n)) = {cap} equal-width bins for {which} (n = {n}): "
        f"{reason}, as outliers or heavy tails make it. The count is capped "
        f"at {cap}; even so, equal-width bins put most points into a few bins. strategy='quantile' "
        "(equal-frequency bins) is robust to outliers.",
        BinsWarning,
    )


def _warn_sparse_bins(names, n: int, occupied: int) -> None:
    """Warn that a variable has more non-empty bins than half its samples (``occupied``: the most of them).

    Most samples then sit alone in their bin, and in their joint cell with
    any other variable, so the plug-in MI tends to the entropy of the
    codes, about ln(n) nats, whatever the dependence (as with continuous
    values given to a discrete estimator).
    """
    which = names[0] if len(names) == 1 else f"{len(names)} columns ({', '.join(names[:3])}{', ...' if len(names) > 3 else ''})"
    warn(
        f"{which} fills {occupied} bins with {n} samples: most samples sit alone in their bin, so the "
        f"plug-in MI tends to about ln(n) = {math.log(n):.2f} nats whatever the dependence. Use fewer "
        "bins (a rule such as 'fd', or n / 10 at most), or mi_ksg for continuous data.",
        BinsWarning,
    )


def _quantile_inner_edges(v: np.ndarray, m: int) -> np.ndarray:
    """Interior edges of at most ``m`` equal-frequency bins of ``v``.

    Interior edges sit at the quantiles; a value equal to an edge goes to the
    bin above it, so tied values share a bin and never straddle an edge.
    Duplicate edges (a value tied across several quantiles) are merged, and
    such a value gets a bin of its own (an extra edge at the next larger
    value), as does the smallest value when it reaches a quantile: 80% exact
    zeros give a bin of zeros and bins of the rest instead of one bin. Each
    extra edge replaces at least one merged or dropped edge, so there are
    never more than ``m`` bins.
    """
    inner, mult = np.unique(np.quantile(v, np.linspace(0.0, 1.0, m + 1)[1:-1]), return_counts=True)
    lo = v.min()
    heavy = (mult > 1) | (inner == lo)
    if heavy.any():
        s = np.sort(v)
        right = np.searchsorted(s, inner[heavy], side="right")
        inner = np.union1d(inner, s[right[right < s.size]])
    return inner[inner > lo]


def _quantile_codes(v: np.ndarray, m: int):
    """Equal-frequency codes with at most ``m`` bins; returns ``(codes, bins)``."""
    inner = _quantile_inner_edges(v, m)
    return np.searchsorted(inner, v, side="right").astype(np.intp), inner.size + 1


def _average_ranks(v: np.ndarray) -> np.ndarray:
    """Ranks 1..n of a 1-D array, tied values sharing their average rank (as scipy.stats.rankdata)."""
    order = np.argsort(v, kind="stable")
    s = v[order]
    new = np.r_[True, s[1:] != s[:-1]]
    dense = np.empty(v.size, dtype=np.intp)
    dense[order] = np.cumsum(new)
    ends = np.r_[np.flatnonzero(new), v.size]
    return 0.5 * (ends[dense] + ends[dense - 1] + 1)


def _discretize(v: np.ndarray, bins, strategy="uniform", name: str | None = None):
    """Codes ``0..m-1`` of a 1-D float sample and the number of bins ``m``.

    ``bins``: a checked int or rule name. Rule counts go through
    :func:`_rule_bins` (warnings name the variable ``name``; none when it
    is None). The sample is first scaled by a power of two (exact) so that
    ranges near the float limits do not overflow.
    """
    v = _power_of_two_scaled(v)
    if strategy == "quantile":
        # Equal-frequency bins are equal-width bins of the ranks: a rule counts bins on the
        # ranks too, so the codes depend on the ranks only (and outliers do not inflate the count).
        m = _rule_bins(_average_ranks(v), bins, name) if isinstance(bins, str) else bins
        return _quantile_codes(v, m)
    m = _rule_bins(v, bins, name) if isinstance(bins, str) else bins
    edges = np.histogram_bin_edges(v, bins=m)
    codes = np.clip(np.searchsorted(edges, v, side="right") - 1, 0, m - 1)
    return codes.astype(np.intp), m


def _discretize_columns(xa: np.ndarray, bins, strategy="uniform", offset: int = 0):
    """Codes of every column of ``xa`` (n, p), equal to :func:`_discretize` per column.

    Returns ``(codes, sizes)``: int array (p, n) and bin counts (p,). Warnings
    name column j ``X[:, offset + j]`` (``offset``: the position of the first
    column in the caller's matrix, for a block of columns). For the
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
            nb, one, over = _fd_bin_counts(first, last, q75, q25, flat, n)
        else:
            nb = np.full(p, float(bins))
        with np.errstate(invalid="ignore", over="ignore"):
            step = (last - first) / nb
        # A step of many ulps keeps the computed edges t * step + first strictly
        # increasing (numpy raises "too many bins" otherwise; that path stays per column).
        ulp = np.spacing(np.maximum(np.abs(first), np.abs(last)))
        fast = (nb <= 16.0 * n + 16) & np.isfinite(step) & (step > 8.0 * ulp)
        if bins == "fd":
            # The guards' warnings for the columns done here; the others warn on their own path.
            if (one & fast).any():
                _warn_one_bin("fd", [f"X[:, {offset + j}]" for j in np.flatnonzero(one & fast)], _sturges_bins(n))
            if (over & fast).any():
                _warn_capped("fd", [f"X[:, {offset + j}]" for j in np.flatnonzero(over & fast)], _bin_ceiling(n), n)
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
        codes[j], sizes[j] = _discretize(xa[:, j], bins, strategy, name=f"X[:, {offset + j}]")
    return codes, sizes


def _fd_bin_counts(first, last, q75, q25, flat, n: int):
    """Freedman-Diaconis bin counts of many columns, with the guards of :func:`_rule_bins`.

    Returns ``(counts, one, over)``: the counts, equal to ``_rule_bins(column,
    "fd", ...)`` column by column (as floats), and masks of the columns whose
    count a guard replaced (a single bin; above the cap). The caller warns.
    """
    width = 2.0 * (q75 - q25) * n ** (-1.0 / 3.0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        nb = np.where(width > 0, np.ceil((last - first) / np.where(width > 0, width, 1.0)), 1.0)
    one = (nb == 1.0) & ~flat
    nb[one] = _sturges_bins(n)
    cap = _bin_ceiling(n)
    over = ~(nb <= cap)  # also an infinite count (a width that underflowed)
    nb[over] = cap
    return nb, one, over


def mi_binned(x, y, *, bins="fd", strategy="uniform", correction=None, base=math.e) -> float:
    """Histogram ("plug-in") mutual information of two continuous 1-D samples.

    Each variable is cut into bins (equal-width by default), then the plug-in
    MI of the bin labels is returned.

    Parameters
    ----------
    x, y : array-like, shape (n,)
        Real numbers, at least 2 of each.
    bins : int, str or pair, default "fd"
        Bins per variable: an int, a rule name from ``BIN_RULES``, or a pair
        ``(bins_x, bins_y)``; see :func:`discretize` for the two guards on
        rules. The answer depends on this choice.
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
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float
        MI in nats (or ``base`` units). The plain plug-in value is biased
        upwards by about (Bx - 1)(By - 1) / (2n) nats when X and Y are
        independent. O(n log B); memory O(n + Bx By), or O(n) when the table
        would be larger than 4n cells (only occupied cells are counted).

    Raises
    ------
    ValueError
        If ``x`` or ``y`` is not 1-D, they differ in length, hold NaN or
        infinite values, or ``bins``, ``strategy`` or ``correction`` is
        invalid.
    TypeError
        If ``x`` or ``y`` is not numeric.

    Warns
    -----
    BinsWarning
        When a bin rule's count is replaced (see :func:`discretize`).

    References
    ----------
    .. [MM] G. A. Miller, "Note on the bias of information estimates", in
       Information Theory in Psychology (1955), 95-100.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> x, y = mh.correlated_gaussian(5000, 0.6, seed=0)
    >>> round(mh.gaussian_mi(0.6), 3)  # the truth
    0.223
    >>> round(mh.mi_binned(x, y, bins=10), 3)  # 10 bins lose some information; the bias adds 0.008
    0.21
    >>> round(mh.mi_binned(x, y, bins=10, strategy="quantile"), 3)
    0.219
    """
    lb = log_base(base)
    xv = _as_1d(x, "x")
    yv = _as_1d(y, "y")
    n = check_same_length(("x", xv), ("y", yv))
    bx, by = _check_bin_pair(bins)
    strategy = _check_strategy(strategy)
    if correction not in (None, "miller-madow"):
        raise ValueError(f"correction must be None or 'miller-madow', got {correction!r}")
    cx, mx = _discretize(xv, bx, strategy, name="x")
    cy, my = _discretize(yv, by, strategy, name="y")
    mi, (kx, ky, kxy) = _mi_of_codes(cx, mx, cy, my)
    for name, k_ in (("x", kx), ("y", ky)):
        if 2 * k_ > n:
            _warn_sparse_bins([name], n, k_)
    if correction == "miller-madow":
        mi += (kx + ky - kxy - 1) / (2.0 * n)
    return mi / lb


def _mi_of_codes(cx: np.ndarray, mx: int, cy: np.ndarray, my: int):
    """Plug-in MI (nats) of two code arrays, and the non-empty cell counts (Kx, Ky, Kxy).

    A dense ``mx`` by ``my`` table when it is small; otherwise only the
    occupied cells are counted (a sort of the n joint keys), so memory stays
    O(n) whatever the number of bins: ``bins=100000`` would otherwise need a
    table of 10^10 cells.
    """
    n = cx.size
    if mx * my <= max(4 * n, 1 << 16):
        table = np.bincount(cx * my + cy, minlength=mx * my).reshape(mx, my)
        counts = (np.count_nonzero(table.sum(axis=1)), np.count_nonzero(table.sum(axis=0)), np.count_nonzero(table))
        return _mi_from_counts(table), counts
    keys, c = np.unique(cx.astype(np.int64) * my + cy, return_counts=True)
    a = np.bincount(cx, minlength=mx)
    b = np.bincount(cy, minlength=my)
    c = c.astype(np.float64)
    i, j = np.divmod(keys, my)
    mi = float(np.dot(c, np.log(c) + np.log(n) - np.log(a[i]) - np.log(b[j])) / n)
    return max(mi, 0.0), (np.count_nonzero(a), np.count_nonzero(b), keys.size)


# --------------------------------------------------------------------------
# Continuous estimators
# --------------------------------------------------------------------------


#: The Gaussian and kernel estimators warn (OutlierWarning) when a column's
#: standard deviation is more than this many times its robust spread.
_OUTLIER_RATIO = 10.0

#: Ratios r = standard deviation / robust spread over which the scale of a
#: column for the nearest-neighbour estimators moves from the standard
#: deviation (r <= 3) to the robust spread (r >= 10), geometrically in
#: between: sd^(1 - w) spread^w with w = ln(r / 3) / ln(10 / 3). Gaussian data
#: have r near 1, so they are scaled as scikit-learn scales them.
_ROBUST_RAMP = (3.0, 10.0)

#: (q95 - q05) of a standard normal, 2 * 1.6449: the robust spread of a sample is
#: (q95 - q05) / _SPREAD_90, its standard deviation for Gaussian data.
_SPREAD_90 = 3.2897


def _standardise(a: np.ndarray) -> np.ndarray:
    """Centre each column and scale it to unit standard deviation; drop constant columns.

    For the estimators that are invariant to affine maps of each variable
    (Gaussian, KDE), where scaling only keeps the numbers well conditioned.
    Columns are first scaled by a power of two when their variance would
    over- or underflow (exact, see :func:`_power_of_two_scaled`), so data at
    1e-170 or 1e160 standardise as well as data near 1.
    """
    return _standardise_with_ties(a, robust=False)[0]


class _TieSummary(NamedTuple):
    """Repeated values in a (standardised) variable."""

    frac: float  # largest fraction of repeated values over the columns
    distinct: int  # fewest distinct values over the columns


def _sorted_quantile(s: np.ndarray, q: float) -> float:
    """Quantile ``q`` of a sorted 1-D array, linear interpolation (NumPy's default method)."""
    pos = q * (s.size - 1)
    lo = int(pos)
    hi = min(lo + 1, s.size - 1)
    return float(s[lo] + (pos - lo) * (s[hi] - s[lo]))


#: A value held by more than this fraction of a column is a point mass for the robust spread.
_POINT_MASS = 0.05


def _robust_spread(s: np.ndarray) -> float:
    """(q95 - q05) / 3.29 of a sorted column, each point mass counted once.

    A value held by more than 5% of the samples (``_POINT_MASS``: exact zeros
    of zero-inflated data, a missing-value code) would otherwise fill a 5% or
    95% quantile and shrink the spread to that of the rest of the sample's
    tail, or to 0; the quantiles are then taken over the sample with each
    such value kept once. Returns 0.0 when fewer than 4 values remain (the
    caller then keeps the standard deviation).
    """
    n = s.size
    starts, sizes = _groups_of_sorted(s)
    heavy = sizes > _POINT_MASS * n
    if heavy.any():
        first = np.zeros(n, dtype=bool)
        first[starts] = True
        s = s[first | np.repeat(~heavy, sizes)]  # every value of a light group, the first of a heavy one
        if s.size < 4:
            return 0.0
    return (_sorted_quantile(s, 0.95) - _sorted_quantile(s, 0.05)) / _SPREAD_90


def _groups_of_sorted(s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start index and size of each group of equal values in a sorted, non-empty 1-D array."""
    starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
    return starts, np.diff(np.r_[starts, s.size])


def _repeats_of_sorted(s: np.ndarray) -> int:
    """Number of repeated values in a sorted column (n minus the number of distinct values)."""
    return int(np.count_nonzero(s[1:] == s[:-1]))


def _standardise_with_ties(a: np.ndarray, robust: bool = True) -> tuple[np.ndarray, _TieSummary]:
    """Standardised columns of ``a`` for a nearest-neighbour estimator, and their :class:`_TieSummary`.

    Each column is centred and scaled to unit spread; constant columns are
    dropped. The spread is the standard deviation sd, unless (``robust``)
    outliers or heavy tails inflate it over the robust spread
    (q95 - q05) / 3.29, from the 5% and 95% quantiles (equal to the
    standard deviation for Gaussian data, and blind to up to 5% of extreme
    values on each side; a value held by more than 5% of the samples, such
    as the zeros of zero-inflated data, counts once there, see
    :func:`_robust_spread`). With r = sd / robust spread, the scale is sd for
    r <= 3, the robust spread for r >= 10, and sd^(1 - w) spread^w in
    between, w = ln(r / 3) / ln(10 / 3) (``_ROBUST_RAMP``), so it changes
    continuously with the data; such columns are centred on their median. A
    single value of 1e11 among standard normals would otherwise squeeze all
    the other values into 1e-10 of the unit, where a nearest-neighbour
    estimator sees them as one point; and heavy tails (a lognormal) would
    crowd the bulk of the sample, which costs KSG accuracy. For data with
    r <= 3 (Gaussian data have r near 1) the result is bit for bit that of
    ``(a - a.mean(0)) / a.std(0)``, scikit-learn's scaling.

    One sort per column serves both the quantiles for the outlier check
    and the count of repeated values (an affine map with a positive scale
    keeps the order and the ties, up to rounding).
    """
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        sd = a.std(axis=0)
    if not ((sd > 1e-150) & (sd < 1e150)).all():
        # An overflowing or underflowing variance (or a constant column): scale first (exact).
        a = _power_of_two_scaled(a)
        sd = a.std(axis=0)
    keep = sd > 0
    if not keep.all():
        a, sd = a[:, keep], sd[keep]
    n, d = a.shape
    centre = a.mean(axis=0)
    scale = sd
    worst, fewest = 0.0, n
    low, high = _ROBUST_RAMP
    for j in range(d):
        s = np.sort(a[:, j])
        if robust and n >= 4:
            spread = _robust_spread(s)
            if spread > 0 and sd[j] > low * spread:
                if scale is sd:
                    centre, scale = centre.copy(), sd.copy()
                w = min(1.0, math.log(sd[j] / spread / low) / math.log(high / low))
                centre[j] = _sorted_quantile(s, 0.5)
                scale[j] = spread if w == 1.0 else math.exp((1.0 - w) * math.log(sd[j]) + w * math.log(spread))
        repeats = _repeats_of_sorted((s - centre[j]) / scale[j])
        worst = max(worst, repeats / n)
        fewest = min(fewest, n - repeats)
    return (a - centre) / scale, _TieSummary(worst, fewest)


def _tie_summary(a: np.ndarray) -> _TieSummary:
    """:class:`_TieSummary` of an array as it is (no standardisation)."""
    n = a.shape[0]
    worst, fewest = 0.0, n
    for col in a.T:
        repeats = _repeats_of_sorted(np.sort(col))
        worst = max(worst, repeats / n)
        fewest = min(fewest, n - repeats)
    return _TieSummary(worst, fewest)


#: A variable with more repeated values than this fraction gets a TiesWarning.
_TIE_WARN_FRACTION = 0.05

#: Standard deviation of the tie-breaking jitter, relative to max(1, |v|) for a
#: standardised value v: 1e-10 standardised units for ordinary values, and far
#: above the rounding unit (2.2e-16 |v|) of any value, so every tied value moves
#: (raised for very large groups of equal values, see :func:`_jitter`).
_JITTER_SD = 1e-10

#: Seed streams of the tie-breaking jitter, one per role, so that tied rows of
#: different variables never move together (rows tied in x and in y would
#: otherwise look perfectly dependent). Column j of a pairwise matrix uses
#: stream ``_JITTER_STREAMS["column"] + j``.
_JITTER_STREAMS = {"x": 1, "y": 2, "z": 3, "column": 1000}

#: Rounds of redrawing for values that a first jitter left equal (see :func:`_jitter`).
_MAX_REDRAWS = 50


def _jitter(a: np.ndarray, stream: int) -> np.ndarray:
    """``a`` plus a seeded jitter from its own stream that leaves no two values of a column equal.

    Value v moves by N(0, (s max(1, |v|))^2) with s = 1e-10: the size follows
    the value's magnitude, not the gaps between values, so values that
    differ only by rounding (``0.3`` and ``3 * 0.1``) or a far-out sentinel
    code (1e8 among values near 1) are separated as surely as ordinary
    ties. A group of m equal values needs room for m distinct floats, so s
    is raised to 64 m rounding units (2.2e-16 each) when that is larger,
    which happens for groups of more than about 7,000 equal values (s =
    1.4e-8 for a million). Two jittered values can still land on the same
    float (about one pair in a group of 1,500); those get further draws
    from the same stream until every value of the column is distinct. The
    result is deterministic, and the jitter stays far below any distance the
    estimators use.
    """
    rng = np.random.default_rng([0, stream])
    eps = np.finfo(np.float64).eps
    group = np.array([_largest_group(np.sort(col)) for col in a.T])
    size = np.maximum(_JITTER_SD, 64.0 * eps * group) * np.maximum(1.0, np.abs(a))
    out = a + size * rng.standard_normal(a.shape)
    for j in range(out.shape[1]):
        col, sd = out[:, j], size[:, j]  # views: changes go into ``out``
        for _ in range(_MAX_REDRAWS):
            order = np.argsort(col, kind="stable")
            s = col[order]
            again = order[np.flatnonzero(s[1:] == s[:-1]) + 1]  # each repeat but the first of its group
            if again.size == 0:
                break
            col[again] += sd[again] * rng.standard_normal(again.size)
        else:  # pragma: no cover - each round leaves a small fraction of the repeats
            raise RuntimeError("the tie-breaking jitter could not make the values distinct; this is a bug in mi_helpers")
    return out


def _largest_group(s: np.ndarray) -> int:
    """Size of the largest group of equal values in a sorted 1-D array."""
    if s.size == 0:
        return 0
    return int(_groups_of_sorted(s)[1].max())


def _break_ties(a: np.ndarray, name: str, stream: int | None = None, summary=None) -> np.ndarray:
    """Add a seeded jitter (see :func:`_jitter`) to standardised columns that hold repeated values.

    Each variable draws from its own seeded stream (``stream``, by default
    the one of its role ``name`` in ``_JITTER_STREAMS``), so the jitter of x
    is independent of the jitter of y: a pair of rows tied in both variables
    then looks independent at the scale of the jitter, and the estimate on
    discretised data tends to the MI of the discrete values instead of
    growing with the number of ties. Afterwards no two values of a column
    are equal, so no two points coincide and every neighbour distance is
    positive. No warning here: the callers warn once per call with
    :func:`_warn_ties`. ``summary``: ``_tie_summary(a)`` if the caller has
    it.
    """
    summary = _tie_summary(a) if summary is None else summary
    if summary.frac == 0:
        return a
    if stream is None:
        stream = _JITTER_STREAMS.get(name, 0)
    return _jitter(a, stream)


def _check_neighbour_counts(estimator: str, eps: np.ndarray, *counts: np.ndarray) -> None:
    """Refuse what the digamma lookups must never see: a zero radius or a negative count.

    After :func:`_break_ties` no two points coincide, so neither can happen;
    the check turns a broken invariant into an error instead of a table
    read from its end (``psi[-1]``) and a confident wrong number.
    """
    if eps.size and not (eps.min() > 0):
        raise RuntimeError(f"{estimator}: two points coincide after tie breaking (zero neighbour distance); this is a bug in mi_helpers")
    for c in counts:
        if c.size and c.min() < 0:
            raise RuntimeError(f"{estimator}: a neighbour count came out negative; this is a bug in mi_helpers")


def _describe_ties(name: str, summary: _TieSummary) -> str:
    d = summary.distinct
    return f"{name} ({100 * summary.frac:.0f}% repeated, {d} distinct value{'s' if d != 1 else ''})"


def _warn_ties(estimator: str, summaries: dict, *, advice: str | None = None, jitter: bool = True) -> None:
    """One TiesWarning for a call whose variables hold many repeated values.

    ``summaries`` maps each variable's name to ``_tie_summary`` of it. The
    default advice (for two variables named x and y) depends on which of
    them are tied: a continuous variable with a discrete one calls for
    :func:`mi_mixed`, two discrete ones for :func:`mi_discrete`; rounded
    measurements for ``dequantize``. ``advice`` replaces it. ``jitter``:
    whether the estimator breaks ties with the seeded jitter (KSG-type
    estimators do; the kernel estimator does not).
    """
    tied = {name: s for name, s in summaries.items() if s.frac > _TIE_WARN_FRACTION}
    if not tied:
        return
    shown = list(tied.items())[:3]
    listed = ", ".join(_describe_ties(name, s) for name, s in shown)
    if len(tied) > len(shown):
        listed += f" and {len(tied) - len(shown)} more of {len(summaries)} columns"
    text = (
        f"{estimator}: {listed} {'has' if len(tied) == 1 else 'have'} many repeated values (binned, rounded or "
        f"discrete data?). {estimator} assumes continuous variables, where no two points coincide. "
    )
    if jitter:
        text += (
            "A tiny seeded jitter (about 1e-10 standard deviations, more for values far from the mean; independent for each variable) breaks the ties, so "
            "the estimate tracks the MI of the repeated values as they are, not that of unrounded measurements. "
        )
    if advice is None:
        if "x" in tied and "y" in tied:
            advice = "If x and y are both discrete variables, use mi_discrete(x, y); if one of them is continuous, mi_mixed. "
        elif tied.keys() & {"x", "y"} and summaries.keys() >= {"x", "y"}:
            discrete, continuous = ("x", "y") if "x" in tied else ("y", "x")
            advice = (
                f"If {discrete} is a discrete variable (classes, counts) and {continuous} is continuous, "
                f"use mi_mixed({continuous}, {discrete}), the estimator made for that case (Ross 2014). "
            )
        else:
            advice = "If a variable is discrete, use an estimator for labels (mi_discrete, mi_mixed, cmi_discrete). "
    text += advice
    text += "If the values are rounded measurements, dequantize(values, seed=..., step=...) spreads them over their rounding step."
    warn_ties(text)


def _warn_outliers(estimator: str, arrays: dict) -> None:
    """One OutlierWarning when a column's standard deviation is over ten times its robust spread.

    For the estimators that scale by the covariance (Gaussian, KDE): there a
    few extreme values set the scale, the Pearson correlation and the
    kernel width, so the estimate mostly describes them.
    """
    found = []
    for name, a in arrays.items():
        if a.shape[0] < 4:
            continue
        b = _power_of_two_scaled(a)
        sd = b.std(axis=0)
        q95, q05 = np.percentile(b, [95, 5], axis=0)
        spread = (q95 - q05) / _SPREAD_90
        wild = (spread > 0) & (sd > _OUTLIER_RATIO * spread)
        for j in np.flatnonzero(wild):
            label = name if a.shape[1] == 1 else f"{name}[:, {j}]"
            found.append(f"{label} ({sd[j] / spread[j]:.3g} times)")
    if found:
        warn(
            f"{estimator}: the standard deviation of {', '.join(found)} is more than {_OUTLIER_RATIO:.0f} times "
            "its robust spread ((q95 - q05) / 3.29): a few extreme values dominate the covariance, which sets "
            f"{'the kernel widths' if estimator == 'mi_kde' else 'the correlation'}, so the estimate mostly "
            "describes them. mi_ksg scales each variable by its robust spread and is not thrown off by them; "
            "mi_binned(..., strategy='quantile') depends on the ranks only.",
            OutlierWarning,
        )


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
        hi, lo = s + r, s - r
        # A radius below half a rounding unit of v leaves v + r == v, and the
        # search would then miss the copies of v itself (at distance 0 < r).
        small = (hi == s) & (r > 0)
        if small.any():
            hi[small] = np.nextafter(s[small], np.inf)
            lo[small] = np.nextafter(s[small], -np.inf)
        counts = np.empty(n, dtype=np.intp)
        counts[order] = np.searchsorted(s, hi, side="left") - np.searchsorted(s, lo, side="right") - 1
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
    _check_neighbour_counts("KSG", eps, nx, ny)
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
        Continuous samples, at least k + 2. Each column is standardised to
        unit spread first (the estimate, unlike MI itself, depends on relative
        scale): by the standard deviation, as scikit-learn does, unless
        outliers or heavy tails make it more than 3 times the robust spread
        (q95 - q05) / 3.29 (see Notes). Constant columns carry no
        information and are dropped.
    k : int, default 3
        Neighbours. Small k: less bias, more variance. With n = k + 1 samples
        every point's k-th neighbour is the farthest one and the estimate is
        the same number whatever the data, so n >= k + 2 is required.
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.
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

    Raises
    ------
    ValueError
        If ``x`` and ``y`` differ in length, hold NaN or infinite values or
        masked entries, have fewer than k + 2 samples, or ``k`` or ``workers``
        is out of range (``workers``: -1 or a positive count).
    TypeError
        If ``x`` or ``y`` is not numeric, or ``k`` or ``workers`` is not an
        integer.

    Warns
    -----
    TiesWarning
        When more than 5% of a variable's values repeat. The message says
        which estimator fits instead: :func:`mi_mixed` when one variable is
        discrete, :func:`mi_discrete` when both are.

    See Also
    --------
    mi_mixed : one continuous and one discrete variable.
    cmi_ksg : the conditional version.

    Notes
    -----
    Scale. With r the ratio of a column's standard deviation to its robust
    spread (q95 - q05) / 3.29 (r is 1 for Gaussian data and 2.5 for a
    lognormal of sigma 1.5, population values; a sample's r scatters, widely
    for heavy tails), the column is scaled by the standard deviation
    when r <= 3, by the robust spread when r >= 10, and by
    sd^(1 - w) spread^w in between, w = ln(r / 3) / ln(10 / 3): the scale
    changes continuously with the data. A value held by more than 5% of
    the samples (the zeros of zero-inflated data) counts once in the
    quantiles, so a spike at one value does not shrink the spread. For
    r <= 3 the numbers are those of
    scikit-learn's ``mutual_info_regression`` (which scales by the standard
    deviation) up to its 1e-10 noise. For r > 3 they depart from
    scikit-learn and from ennemi, on purpose: scaled by the standard
    deviation, a heavy tail crowds the bulk of the sample into a small
    interval, and KSG loses accuracy. On a Gaussian copula with rho = 0.8
    (truth 0.511 nats) and x lognormal with sigma 2.5, n = 2000, the mean of
    10 samples is 0.445 nats here and 0.403 with scikit-learn. A switch
    from one scale to the other at r = 10 (this function's rule before)
    moved the expected estimate by 0.04 to 0.07 nats between two nearly
    equal samples on either side of the threshold.

    Ties. Repeated values make neighbour distances zero. They are broken
    by a seeded jitter, independent for each variable, of ``1e-10 max(1, |v|)``
    for a standardised value v (more for groups of over 7,000 equal values),
    redrawn until no two values of a column are equal, so the result is deterministic and, for rounded or discrete data,
    tracks the MI of the values as they are (up to an upward bias at small
    n; see the package's estimator_inputs page). Values that differ only by
    rounding (``0.3`` and ``3 * 0.1``) are ties like any other.

    Cost O(n log n): one k-d tree query in the joint space (rows queried in
    the tree's leaf order, which is cache-friendly); 1-D marginal counts use
    a sorted array and binary search, no tree.

    References
    ----------
    .. [KSG] A. Kraskov, H. Stoegbauer, P. Grassberger, "Estimating mutual
       information", Phys. Rev. E 69, 066138 (2004).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> x, y = mh.correlated_gaussian(5000, 0.6, seed=0)
    >>> round(mh.gaussian_mi(0.6), 3)  # the truth
    0.223
    >>> round(mh.mi_ksg(x, y), 3)
    0.227
    >>> round(mh.mi_ksg(x, y, base=2), 3)  # bits
    0.327
    """
    lb = log_base(base)
    xa = as_continuous(x, "x")
    ya = as_continuous(y, "y")
    n = check_same_length(("x", xa), ("y", ya))
    k = _check_k(k, n)
    workers = check_workers(workers)
    (xs, sx), (ys, sy) = _standardise_with_ties(xa), _standardise_with_ties(ya)
    if xs.shape[1] == 0 or ys.shape[1] == 0:
        return 0.0
    _warn_ties("mi_ksg", {"x": sx, "y": sy})
    xs, ys = _break_ties(xs, "x", summary=sx), _break_ties(ys, "y", summary=sy)
    return _ksg_nats(xs, ys, k, workers) / lb


def _check_k(k, n: int) -> int:
    """Check the neighbour count of a KSG-type estimator on ``n`` samples."""
    k = check_int(k, "k", minimum=1)
    if n < k + 2:
        raise ValueError(
            f"k={k} needs at least k + 2 = {k + 2} samples, got {n}: with k + 1 samples or fewer every "
            "point's k-th neighbour is the farthest point, and the estimate is the same number whatever "
            "the data. Lower k or add samples"
        )
    return k


def mi_mixed(x, y, *, k=3, base=math.e, workers=-1) -> float:
    """MI between a continuous variable and a discrete one (Ross's nearest-neighbour estimator).

    I = psi(N) + < psi(k_i) > - < psi(N_i) > - < psi(m_i) > [Ross]_: for each
    point i, d_i is the distance to its k-th nearest neighbour among the
    points with the same label (N_i of them, k_i = min(k, N_i - 1)), and m_i
    counts the points of any label closer than d_i, the point itself
    included. It is the KSG idea [KSG]_ for one continuous and one discrete
    variable, and the estimator of
    :func:`sklearn.feature_selection.mutual_info_classif`.

    Parameters
    ----------
    x : array-like, shape (n,) or (n, d)
        Continuous samples. Each column is standardised first, as in
        :func:`mi_ksg`; constant columns are dropped (a constant x gives 0).
        For d > 1 the distance is the max-norm, as in :func:`mi_ksg`.
    y : array-like, shape (n,)
        Labels (ints, strings, bools): classes, categories, counts. A 2-D
        array is read row by row as joint labels.
    k : int, default 3
        Neighbours within each class. Small k: less bias, more variance.
    base : float, default e
        Logarithm base of the result: e gives nats, 2 gives bits.
    workers : int, default -1
        Threads for the k-d tree queries (-1: all cores; 1 below 4096
        samples). The result does not depend on it.

    Returns
    -------
    float
        MI estimate in nats (or ``base`` units), at most about H(Y). It can be
        slightly negative when X and Y are independent; scikit-learn clips
        such values to 0, and otherwise returns the same number.

    Raises
    ------
    ValueError
        If ``x`` and ``y`` differ in length, ``x`` holds NaN or infinite
        values, ``y`` has missing labels, every label occurs only once, or
        ``k`` or ``workers`` is out of range.
    TypeError
        If ``x`` is not numeric, or ``y`` mixes label types.

    Warns
    -----
    TiesWarning
        When more than 5% of the values of ``x`` repeat. They are broken by
        the same seeded jitter as in :func:`mi_ksg`, so a rounded x gives
        about the MI of the rounded values.
    ContinuousInputWarning
        When ``y`` holds floats that are mostly distinct: then it is not a
        discrete variable, and :func:`mi_ksg` is the estimator to use.

    See Also
    --------
    mi_ksg : both variables continuous.
    mi_discrete : both variables discrete.

    Notes
    -----
    Points whose label occurs only once are left out (they have no
    neighbour of their own class), as scikit-learn does; N is the number of
    points kept. The result equals a brute-force evaluation of Ross's sum
    (all pairwise distances, exact comparisons) on data without ties. It
    differs from scikit-learn's ``mutual_info_classif`` for two reasons.
    scikit-learn adds a random noise of 1e-10 (in standard deviations) to
    every value, ``mi_mixed`` only a seeded jitter to repeated values: on
    data without ties that moves the result by about 1e-12 nats at a few
    thousand samples, about 1e-5 at 100,000, where neighbours can lie 1e-10
    apart. And scikit-learn's radius within a class of two or three points
    comes out of its neighbour search one or two rounding units too large,
    so the points at exactly that distance are counted in m_i: with such
    small classes the two differ by about 1e-5 nats at n = 500 even
    without the noise. Cost O(n log n): one k-d tree query per class and
    one range count over all points (1-D: binary searches in the sorted
    sample).

    References
    ----------
    .. [Ross] B. C. Ross, "Mutual information between discrete and
       continuous data sets", PLoS ONE 9(2), e87357 (2014).
    .. [KSG] A. Kraskov, H. Stoegbauer, P. Grassberger, "Estimating mutual
       information", Phys. Rev. E 69, 066138 (2004).

    Examples
    --------
    X given Y = y is Gaussian with mean 2 y and variance 1, for a fair binary
    Y; the true MI, by numerical integration, is 0.337 nats.

    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> rng = np.random.default_rng(0)
    >>> y = rng.integers(0, 2, 5000)
    >>> x = 2.0 * y + rng.standard_normal(5000)
    >>> round(mh.mi_mixed(x, y), 3)
    0.339
    >>> round(mh.mi_mixed(x, np.where(y == 1, "yes", "no")), 3)  # any labels
    0.339
    """
    lb = log_base(base)
    xa = as_continuous(x, "x")
    codes, m = as_labels(y, "y")
    n = check_same_length(("x", xa), ("y", codes))
    k = check_int(k, "k", minimum=1)
    workers = check_workers(workers)
    warn_if_continuous(
        y, m, "y",
        advice="mi_mixed expects y to be discrete (classes, counts); for a continuous y use mi_ksg(x, y).",
    )
    counts = np.bincount(codes, minlength=m)
    keep = counts[codes] > 1
    if not keep.any():
        raise ValueError(
            "every label of y occurs only once, so no point has a neighbour of its own class; "
            "if y is continuous, use mi_ksg(x, y)"
        )
    if np.count_nonzero(counts > 1) == 1 and keep.sum() == counts.max():
        return 0.0  # a single class (beside singletons, which are left out): exactly 0
    xs, sx = _standardise_with_ties(xa)
    if xs.shape[1] == 0:
        return 0.0
    _warn_ties("mi_mixed", {"x": sx}, advice="If x is discrete too, use mi_discrete(x, y). ")
    xs = _break_ties(xs, "x", summary=sx)
    if not keep.all():
        xs, codes = xs[keep], codes[keep]
    n_kept = xs.shape[0]
    radius = np.empty(n_kept)
    k_all = np.empty(n_kept)
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    for idx in np.split(order, bounds):
        kc = min(k, idx.size - 1)
        radius[idx] = _kth_neighbour_distance(xs[idx], kc, workers)
        k_all[idx] = kc
    m_all = _count_strictly_within(xs, radius, workers) + 1  # + the point itself
    _check_neighbour_counts("mi_mixed", radius, m_all - 1)
    psi_k = _digamma_of_counts(k)
    psi_m = _digamma_of_counts(int(m_all.max()))
    psi_n = _digamma_of_counts(int(counts.max()))
    mi = _digamma(n_kept) + np.mean(psi_k[k_all.astype(np.intp) - 1]) - np.mean(psi_n[counts[codes] - 1]) - np.mean(psi_m[m_all - 1])
    return float(mi) / lb


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
        out[start:stop] = _logsumexp_rows(d2)
    return out - np.log(n - 1) - 0.5 * d * np.log(2 * np.pi) - d * np.log(h)


def _logsumexp_rows(a: np.ndarray) -> np.ndarray:
    """log(sum_j exp(a[i, j])) of each row of a 2-D array whose rows each hold a finite value.

    The largest value of the row is subtracted before exponentiating, as
    :func:`scipy.special.logsumexp` does, so nothing overflows; the result
    equals SciPy's to rounding (a few 1e-16 relative), about four times
    faster because ``a`` is used as scratch space (it is overwritten).
    """
    top = a.max(axis=1)
    a -= top[:, None]
    np.exp(a, out=a)
    return np.log(a.sum(axis=1)) + top


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
        Continuous samples, at least 3. Each density (joint, x, y) uses a
        Gaussian kernel shaped like the sample covariance of its own data, as
        :class:`scipy.stats.gaussian_kde` does, so units and correlation do
        not distort the kernel; constant columns are dropped.
    bandwidth : {"scott", "silverman"} or float, default "scott"
        Kernel width as a factor of the data covariance: Scott's factor is
        n^(-1/(d+4)) for a d-dimensional density.
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float
        MI estimate in nats (or ``base`` units); ``inf`` when y is an exact
        linear function of x.

    Raises
    ------
    ValueError
        If ``x`` and ``y`` differ in length, hold NaN or infinite values or
        masked entries, have fewer than 3 samples, the columns of ``x`` (or of
        ``y``) are linearly dependent, or ``bandwidth`` is not positive.
    TypeError
        If ``x`` or ``y`` is not numeric, or ``bandwidth`` is neither a rule
        name nor a number.

    Warns
    -----
    TiesWarning
        When more than 5% of a variable's values repeat: the kernel density
        then has a spike at each repeated value.
    OutlierWarning
        When a column's standard deviation is more than 10 times its robust
        spread (q95 - q05) / 3.29: a few extreme values then set the kernel widths.

    Notes
    -----
    Each density is evaluated at a point with that point left out of its
    own sum. Evaluating on the fitting points without leaving them out adds
    a kernel peak at every point, which inflates the joint density more than
    the marginals and biases MI upwards. Cost O(n^2 d) time and O(n) extra
    memory per chunk of rows: fine up to a few thousand samples.

    References
    ----------
    .. [Moon] Y.-I. Moon, B. Rajagopalan, U. Lall, "Estimation of mutual
       information using kernel density estimators", Phys. Rev. E 52, 2318
       (1995).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> x, y = mh.correlated_gaussian(1000, 0.6, seed=0)
    >>> round(mh.gaussian_mi(0.6), 3)  # the truth
    0.223
    >>> round(mh.mi_kde(x, y), 3)
    0.224
    """
    lb = log_base(base)
    xa = as_continuous(x, "x", min_samples=3)
    ya = as_continuous(y, "y", min_samples=3)
    n = check_same_length(("x", xa), ("y", ya))
    _bandwidth(bandwidth, n, 1)  # validate the argument before any shortcut
    (xs, sx), (ys, sy) = _standardise_with_ties(xa, robust=False), _standardise_with_ties(ya, robust=False)
    if xs.shape[1] == 0 or ys.shape[1] == 0:
        return 0.0
    _warn_ties(
        "mi_kde",
        {"x": sx, "y": sy},
        advice=(
            "A kernel density puts a spike on every repeated value, so the estimate can be far off (even "
            "negative). If a variable is discrete, use mi_discrete or mi_mixed. "
        ),
        jitter=False,
    )
    _warn_outliers("mi_kde", {"x": xa, "y": ya})
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
    """MI under a joint-Gaussian assumption, from the sample correlations.

    I = 0.5 ln(det R_x det R_y / det R), the closed form for Gaussians
    [CT]_, with R the correlation matrices. Exact in expectation only for
    jointly Gaussian data; for other data it measures linear dependence only
    (it is the MI of the Gaussian with the same covariance). O(n (dx + dy)^2).

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Samples, at least 3. Constant columns are dropped.
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float
        MI in nats (or ``base`` units); ``inf`` when y is an exact linear
        function of x (the smallest eigenvalue of the joint correlation matrix
        below 1e-10, as in ``pairwise_mi(method="gaussian")``).

    Raises
    ------
    ValueError
        If ``x`` and ``y`` differ in length, hold NaN or infinite values or
        masked entries, have fewer than 3 samples, or the columns of ``x`` (or
        of ``y``) are linearly dependent among themselves.
    TypeError
        If ``x`` or ``y`` is not numeric.

    Warns
    -----
    OutlierWarning
        When a column's standard deviation is more than 10 times its robust
        spread (q95 - q05) / 3.29: a few extreme values then decide the correlation.

    References
    ----------
    .. [CT] T. M. Cover, J. A. Thomas, Elements of Information Theory, 2nd ed.
       (2006), eq. 8.56.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> x, y = mh.correlated_gaussian(5000, 0.6, seed=0)
    >>> round(mh.mi_gaussian(x, y), 3)  # the truth is 0.223
    0.228
    >>> mh.mi_gaussian(x, 2 * x + 1)
    inf
    """
    lb = log_base(base)
    xa = as_continuous(x, "x", min_samples=3)
    ya = as_continuous(y, "y", min_samples=3)
    check_same_length(("x", xa), ("y", ya))
    _warn_outliers("mi_gaussian", {"x": xa, "y": ya})
    xs, ys = _standardise(xa), _standardise(ya)
    if xs.shape[1] == 0 or ys.shape[1] == 0:
        return 0.0
    dx = xs.shape[1]
    c = np.corrcoef(np.hstack([xs, ys]), rowvar=False).reshape(dx + ys.shape[1], -1)
    logdets = []
    for name, block in (("x", c[:dx, :dx]), ("y", c[dx:, dx:]), (None, c)):
        # A correlation matrix with an eigenvalue this small means exact linear dependence.
        sign, ld = np.linalg.slogdet(block)
        if sign <= 0 or np.linalg.eigvalsh(block).min() < _EXACT_DEPENDENCE:
            if name is not None:
                raise ValueError(f"the columns of {name} are linearly dependent; drop the redundant ones")
            return math.inf
        logdets.append(ld)
    return max(0.5 * float(logdets[0] + logdets[1] - logdets[2]), 0.0) / lb


#: Smallest eigenvalue of a correlation matrix below which the variables are
#: taken as exactly linearly dependent (Gaussian MI infinite). For a pair it
#: is 1 - |r|: beyond |r| = 1 - 1e-10 the MI would be above 11.8 nats, a value
#: that only rounding error can produce.
_EXACT_DEPENDENCE = 1e-10


def _gaussian_mi_of_r(r: np.ndarray) -> np.ndarray:
    """-0.5 ln(1 - r^2) in nats, and inf where 1 - |r| < ``_EXACT_DEPENDENCE`` (as :func:`mi_gaussian`)."""
    r = np.clip(np.asarray(r, dtype=np.float64), -1.0, 1.0)
    with np.errstate(divide="ignore"):
        out = -0.5 * np.log1p(-(r * r))
    return np.where(1.0 - np.abs(r) < _EXACT_DEPENDENCE, np.inf, out)


def gaussian_mi(rho, *, base=math.e):
    """Closed-form MI of a bivariate Gaussian with correlation ``rho``.

    Parameters
    ----------
    rho : float or array-like of float
        Correlation(s) in [-1, 1].
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float or ndarray
        I = -0.5 ln(1 - rho^2) nats (or ``base`` units) [CT]_: a float for a
        scalar ``rho``, an array for an array. ``|rho| = 1`` gives ``inf``.

    Raises
    ------
    ValueError
        If a value is NaN, infinite or outside [-1, 1].
    TypeError
        If ``rho`` is not a real number or an array of them (strings and
        booleans are refused).

    References
    ----------
    .. [CT] T. M. Cover, J. A. Thomas, Elements of Information Theory, 2nd ed.
       (2006), eq. 8.56.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> round(mh.gaussian_mi(0.6), 4)
    0.2231
    >>> mh.gaussian_mi([0.0, 0.6, 1.0]).round(4)
    array([0.    , 0.2231,    inf])
    """
    lb = log_base(base)
    if isinstance(rho, (str, bytes, bool, np.bool_)):
        raise TypeError(f"rho must be a real number or an array of real numbers, got {type(rho).__name__} {rho!r}")
    try:
        r = np.asarray(rho)
    except Exception:
        raise TypeError(f"rho must be a real number or an array of real numbers, got {type(rho).__name__}") from None
    if r.dtype.kind not in "iuf":
        raise TypeError(f"rho must be a real number or an array of real numbers, got dtype {r.dtype}")
    r = r.astype(np.float64)
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
        Samples in rows, variables in columns. A Dask array is computed on
        its scheduler (see ``client``).
    method : {"binned", "discrete", "ksg", "gaussian"}
        "binned": each column cut into bins (``bins``, default "fd", with the
        guards of :func:`discretize`; ``strategy`` and ``correction`` as in
        :func:`mi_binned`), the same values as :func:`mi_binned` pair by
        pair. "discrete": columns are labels, as in :func:`mi_discrete`.
        "ksg": KSG per pair (``k``, default 3; ``workers``), as
        :func:`mi_ksg` computes it, except that each tied column draws its
        tie-breaking jitter from a stream of its own (``mi_ksg`` uses one
        stream for x and another for y): on untied columns the values are
        those of ``mi_ksg(X[:, i], X[:, j])`` exactly; on tied columns they
        differ by the jitter's effect, about the estimator's own sampling
        error (up to 0.02 nats at n = 800).
        "gaussian": -0.5 ln(1 - r^2) from the correlation matrix, ``inf``
        where ``1 - |r| < 1e-10`` (as :func:`mi_gaussian`).
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.
    max_memory : int, optional
        Binned and discrete: bytes of scratch memory for the blocks of pairs
        in flight (default 256 MiB; a whole float such as 1e9 is accepted),
        on top of the p x p result (8 p^2 bytes) and the binning (see
        Notes). Smaller values mean smaller blocks, never different numbers.
        The other methods do not use it, and refuse it.
    client : dask.distributed.Client, optional
        Binned and discrete: spread the blocks over the cluster's workers
        (needs ``pip install mi-helpers[dask]``); same matrix as without.
    **kwargs
        Passed to the method (``bins``, ``strategy``, ``correction``, ``k``,
        ``workers``).

    Returns
    -------
    ndarray, shape (p, p)
        MI in nats (or ``base`` units). The diagonal holds H(X_j) for the
        binned and discrete methods; for "ksg" and "gaussian" it is NaN
        (the MI of a continuous variable with itself is infinite).

    Raises
    ------
    ValueError
        If ``X`` is not 2-D, holds NaN or infinite values (or missing labels),
        ``method`` is unknown, or an option is out of range.
    TypeError
        If ``method`` does not take one of the given options, or ``X`` is not
        numeric (for the continuous methods).

    Warns
    -----
    BinsWarning, TiesWarning
        As :func:`mi_binned` and :func:`mi_ksg`, once per call for all the
        columns concerned.

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
    B = 25.) Peak memory: the result (8 p^2 bytes), plus ``max_memory``,
    plus about 40 n p bytes while the columns are binned (a transposed
    copy of X, its sorted rows, scratch of the same size and the int64
    codes, five arrays the size of X in float64); measured at n = 500,
    p = 4,000 and ``max_memory`` = 16 MiB: 215 MB above the data for a
    122 MB result. At p = 20,000 (n = 500, 8 bins: 10^11 counts) that is
    about 3.2 GB + 0.27 GB + 0.4 GB, and a few minutes on two cores
    (``make bench``, table 5). KSG: O(p^2 n log n), one k-d tree query per
    pair; with n below 4096 the pairs run on parallel threads
    (``workers``).

    References
    ----------
    .. [KSG] A. Kraskov, H. Stoegbauer, P. Grassberger, "Estimating mutual
       information", Phys. Rev. E 69, 066138 (2004).

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> x, y = mh.correlated_gaussian(2000, 0.6, seed=1)
    >>> z = np.random.default_rng(2).standard_normal(2000)
    >>> mh.pairwise_mi(np.c_[x, y, z], method="gaussian").round(3)
    array([[  nan, 0.212, 0.   ],
           [0.212,   nan, 0.   ],
           [0.   , 0.   ,   nan]])
    >>> m = mh.pairwise_mi(np.c_[x, y, z], bins=8)
    >>> bool(abs(m[0, 1] - mh.mi_binned(x, y, bins=8)) < 1e-12)
    True
    """
    lb = log_base(base)
    if method not in _PAIRWISE_METHODS:
        raise ValueError(f"method must be one of {_PAIRWISE_METHODS}, got {method!r}")
    allowed = {"binned": {"bins", "strategy", "correction"}, "discrete": set(), "ksg": {"k", "workers"}, "gaussian": set()}
    extra = set(kwargs) - allowed[method]
    if extra:
        raise TypeError(f"method {method!r} does not take {sorted(extra)}; it takes {sorted(allowed[method]) or 'no options'}")
    max_memory = _check_max_memory(max_memory)
    if max_memory is not None and method not in ("binned", "discrete"):
        raise ValueError(
            f"max_memory bounds the blocks of pairs of methods 'binned' and 'discrete'; method {method!r} "
            "does not use it (it needs the p x p result and O(n) memory per pair). Leave max_memory out"
        )
    from .distributed import check_client

    client = check_client(client)
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
        out = np.zeros((p, p))
        xs = _power_of_two_scaled(xa)  # exact; keeps the variances of 1e-170 or 1e160 data finite
        live = xs.std(axis=0) > 0
        if live.any():
            r = np.corrcoef(xs[:, live], rowvar=False).reshape(live.sum(), live.sum())
            out[np.ix_(live, live)] = _gaussian_mi_of_r(r)
        np.fill_diagonal(out, np.nan)
        return out / lb
    k = _check_k(kwargs.get("k", 3), n)
    workers = check_workers(kwargs.get("workers", -1))
    cols = _KSGColumns(xa, k, workers, estimator="pairwise_mi")
    out = np.full((p, p), np.nan)
    pairs = [(i, j) for i in range(p) for j in range(i + 1, p)]
    for (i, j), v in zip(pairs, cols.values(pairs)):
        out[i, j] = out[j, i] = v
    return out / lb


class _KSGColumns:
    """The columns of X prepared for KSG between pairs of columns.

    Each column is standardised and, if it holds repeated values, jittered
    from its own seeded stream (``_JITTER_STREAMS["column"] + j``), then
    sorted once; every pair reuses the order for its 1-D counts. A pair's
    value is therefore the same whether the whole matrix is computed
    (:func:`pairwise_mi`) or only the pairs a greedy search reads
    (:class:`~mi_helpers.selection.MRMRSelector`). One TiesWarning covers
    all the tied columns.
    """

    def __init__(self, xa: np.ndarray, k: int, workers: int, *, estimator: str, name: str = "X"):
        self.n, p = xa.shape
        self.k, self.workers = k, workers
        prepared = [_standardise_with_ties(xa[:, [j]]) for j in range(p)]
        std = [s for s, _ in prepared]
        summaries = {j: sm for j, (s, sm) in enumerate(prepared) if s.shape[1]}
        tied = [j for j, sm in summaries.items() if sm.frac > _TIE_WARN_FRACTION]
        if tied:
            _warn_ties(
                estimator,
                {f"{name}[:, {j}]": summaries[j] for j in tied},
                advice=(
                    f"If the columns are discrete variables, use pairwise_mi({name}, method='discrete'). "
                    if estimator == "pairwise_mi"
                    else "If the columns are discrete variables, use an estimator for labels. "
                ),
            )
        self.std = [
            _break_ties(s, f"{name}[:, {j}]", _JITTER_STREAMS["column"] + j, summaries[j]) if s.shape[1] else s
            for j, s in enumerate(std)
        ]
        self.orders = [np.argsort(s[:, 0]) if s.shape[1] else None for s in self.std]

    def values(self, pairs) -> list[float]:
        """KSG estimates in nats of the column pairs ``(i, j)``; 0 when a column is constant."""
        pairs = list(pairs)
        live = [(i, j) for i, j in pairs if self.orders[i] is not None and self.orders[j] is not None]
        pool = _pair_threads(self.workers, self.n, len(live))
        inner = self.workers if pool == 1 else 1

        def one(pair):
            i, j = pair
            return _ksg_nats(self.std[i], self.std[j], self.k, inner, self.orders[i], self.orders[j])

        if pool == 1:
            got = [one(pair) for pair in live]
        else:
            # Small samples: the tree work of a pair is short, so pairs run in
            # parallel (SciPy's k-d tree and NumPy's sorts release the GIL).
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=pool) as ex:
                got = list(ex.map(one, live, chunksize=max(1, len(live) // (8 * pool))))
        by_pair = dict(zip(live, got))
        return [by_pair.get(pair, 0.0) for pair in pairs]


def _pair_threads(workers: int, n: int, n_pairs: int) -> int:
    """Threads for running KSG pairs side by side (1: one pair at a time)."""
    if workers == 1 or n >= _PARALLEL_MIN_ROWS or n_pairs < 2:
        return 1
    cpus = os.cpu_count() or 1
    return max(1, min(cpus if workers < 0 else workers, n_pairs))


def _is_dask_array(X) -> bool:
    return type(X).__module__.startswith("dask.")


def _check_max_memory(max_memory, default=None):
    """A memory budget in bytes: an integer (or a whole float such as 1e9) of at least 1 MiB; ``default`` for None."""
    if max_memory is None:
        return default
    if isinstance(max_memory, (float, np.floating)) and math.isfinite(max_memory) and float(max_memory).is_integer():
        max_memory = int(max_memory)
    if isinstance(max_memory, (bool, np.bool_)) or not isinstance(max_memory, (int, np.integer)):
        raise TypeError(f"max_memory must be a whole number of bytes such as 2**28 or 1e9, got {type(max_memory).__name__} {max_memory!r}")
    if max_memory < 2**20:
        raise ValueError(f"max_memory must be at least 2**20 bytes (1 MiB), got {max_memory!r}")
    return int(max_memory)


def _pairwise_options(method, kwargs):
    """Checked options of a binned or discrete matrix: ``(bins, strategy, correction)``.

    Checked before any data is touched, so a bad option fails at once, on the
    caller's machine (not on the workers of a cluster).
    """
    if method == "discrete":
        return None, None, None
    bins = _check_bins(kwargs.get("bins", "fd"))
    strategy = _check_strategy(kwargs.get("strategy", "uniform"))
    correction = kwargs.get("correction")
    if correction not in (None, "miller-madow"):
        raise ValueError(f"correction must be None or 'miller-madow', got {correction!r}")
    return bins, strategy, correction


def _pairwise_codes(X, method, kwargs, offset: int = 0):
    """Integer codes (p, n), bin counts (p,) and the correction of a binned or discrete matrix.

    ``offset``: the position of X's first column in the whole matrix when X
    is a block of its columns (warnings and errors name ``X[:, offset + j]``).
    """
    bins, strategy, correction = _pairwise_options(method, kwargs)
    if method == "discrete":
        arr = _as_array(X, "X")
        if arr.ndim != 2:
            raise ValueError(f"X must be 2-D (n, p), got shape {arr.shape}")
        cols = [as_labels(arr[:, j], f"X[:, {offset + j}]") for j in range(arr.shape[1])]
        codes = np.stack([cj for cj, _ in cols]) if cols else np.empty((0, arr.shape[0]), dtype=np.intp)
        sizes = np.array([m for _, m in cols], dtype=np.intp)
        return codes, sizes, None
    xa = as_continuous(X, "X", min_samples=2)
    codes, sizes = _discretize_columns(xa, bins, strategy, offset)
    n = xa.shape[0]
    wide = np.flatnonzero(2 * sizes > n)  # only these can fill more than n / 2 bins
    if wide.size:
        filled = [(j, int(np.count_nonzero(np.bincount(codes[j], minlength=sizes[j])))) for j in wide]
        sparse = [(j, k) for j, k in filled if 2 * k > n]
        if sparse:
            _warn_sparse_bins([f"X[:, {offset + j}]" for j, _ in sparse], n, max(k for _, k in sparse))
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
