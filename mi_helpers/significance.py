"""How sure is an MI estimate? Permutation tests and bootstrap intervals.

An estimate of MI is positive even for independent variables (estimation
noise and, for histograms, a positive bias). Two questions follow:

* *Is there any dependence at all?* :func:`permutation_test` compares the
  estimate with the estimates obtained after shuffling y, which destroys the
  dependence and keeps both marginals.
* *How precise is the number?* :func:`bootstrap_ci` resamples the data and
  reads an interval off the spread of the re-estimates.

Both take any estimator ``estimator(x, y, **kwargs) -> float`` from
:mod:`mi_helpers.estimators`. For the plug-in estimators
(:func:`~mi_helpers.estimators.mi_discrete` and
:func:`~mi_helpers.estimators.mi_binned`) the permutation null is computed in
a vectorised fast path (shuffling y does not move the bin edges), with the
same values as the plain loop.

References
----------
.. [PS] B. Phipson, G. K. Smyth, "Permutation P-values should never be zero:
   calculating exact P-values when permutations are randomly drawn",
   Statistical Applications in Genetics and Molecular Biology 9(1), Article 39
   (2010).
.. [ET] B. Efron, R. J. Tibshirani, An Introduction to the Bootstrap (1993),
   chapter 13 (percentile intervals).
.. [SW] J. Shao, C. F. J. Wu, "A general theory for jackknife variance
   estimation", Annals of Statistics 17, 1176-1197 (1989) (delete-d
   jackknife; d = n/2 is half-sampling).
.. [PR] D. N. Politis, J. P. Romano, "Large sample confidence regions based on
   subsamples under minimal assumptions", Annals of Statistics 22, 2031-2050
   (1994) (subsampling without replacement).
"""

from __future__ import annotations

import functools
import numbers
from typing import Callable, NamedTuple

import numpy as np

from ._validation import TiesWarning, as_labels, check_int, check_same_length, collect_tie_warnings, log_base, warn
from .conditional import cmi_ksg
from .estimators import _as_1d, _check_bins, _discretize, mi_binned, mi_discrete, mi_kde, mi_ksg, mi_mixed
from .synthetic import make_rng

__all__ = ["BootstrapResult", "PermutationResult", "bootstrap_ci", "permutation_test"]

# Rows of permutations generated per block (bounds memory to about 2e6 indices).
_BLOCK_CELLS = 2_000_000


class PermutationResult(NamedTuple):
    """Outcome of :func:`permutation_test` (estimates in the estimator's units)."""

    observed: float
    null: np.ndarray
    p_value: float


class BootstrapResult(NamedTuple):
    """Outcome of :func:`bootstrap_ci` (estimates in the estimator's units)."""

    estimate: float
    low: float
    high: float
    replicates: np.ndarray


def _check_estimator(estimator) -> None:
    if not callable(estimator):
        raise TypeError(f"estimator must be a callable estimator(x, y, **kwargs), got {type(estimator).__name__}")


def _as_rows(x, name: str) -> np.ndarray:
    try:
        arr = np.asarray(x)
    except Exception as exc:
        raise TypeError(f"{name} could not be converted to an array: {exc}") from None
    if arr.ndim not in (1, 2):
        raise ValueError(f"{name} must be 1-D (n,) or 2-D (n, d), got shape {arr.shape}")
    if arr.shape[0] < 3:
        raise ValueError(f"{name} needs at least 3 samples, got {arr.shape[0]}")
    return arr


def _as_value(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"estimator must return a real number, got {type(value).__name__} for {what}")
    return float(value)


def _permutation_blocks(rng: np.random.Generator, n: int, count: int):
    """Yield ``count`` uniform random permutations of range(n), in blocks of rows.

    The rows depend only on the generator's state, not on the block size,
    so the loop and the vectorised path see the same permutations.
    """
    rows = max(1, _BLOCK_CELLS // n)
    base = np.arange(n)
    done = 0
    while done < count:
        m = min(rows, count - done)
        block = np.empty((m, n), dtype=np.intp)
        for r in range(m):
            block[r] = rng.permutation(base)
        yield block
        done += m


def _plugin_codes(estimator, x, y, kwargs):
    """Integer codes for the vectorised null of a plug-in estimator, or None.

    Returns ``(cx, cy, my, correction, log_base)`` when ``estimator`` is
    :func:`mi_discrete` or :func:`mi_binned` called with options this path
    reproduces exactly; otherwise None (the caller then loops).
    """
    if estimator is mi_discrete and set(kwargs) <= {"base"}:
        xa, ya = np.asarray(x), np.asarray(y)
        cx, _ = as_labels(xa, "x")
        cy, my = as_labels(ya, "y")
        return cx, cy, my, None, log_base(kwargs.get("base", np.e))
    if estimator is mi_binned and set(kwargs) <= {"bins", "correction", "base"}:
        bins = kwargs.get("bins", "fd")
        if isinstance(bins, (tuple, list)):
            if len(bins) != 2:
                return None
            bx, by = _check_bins(bins[0], "bins[0]"), _check_bins(bins[1], "bins[1]")
        else:
            bx = by = _check_bins(bins)
        correction = kwargs.get("correction")
        if correction not in (None, "miller-madow"):
            return None
        cx, _ = _discretize(_as_1d(x, "x"), bx)
        cy, my = _discretize(_as_1d(y, "y"), by)
        return cx, cy, my, correction, log_base(kwargs.get("base", np.e))
    return None


def _plugin_null(cx, cy, my, correction, lb, perm_blocks) -> np.ndarray:
    """Plug-in MI of (cx, cy[perm]) for every permutation, vectorised.

    Shuffling y leaves both marginal histograms unchanged, so only the joint
    entropy changes. Its cell counts come from one ``bincount`` over all rows
    when the table is small (rows x cells up to ``_BLOCK_CELLS``), otherwise
    each row of joint keys is sorted and its runs counted.
    """
    n = cx.shape[0]
    cnt_x = np.bincount(cx)
    cnt_y = np.bincount(cy)
    cells = cnt_x.size * int(my)
    cnt_x, cnt_y = cnt_x[cnt_x > 0], cnt_y[cnt_y > 0]
    h_x = np.log(n) - np.dot(cnt_x, np.log(cnt_x)) / n
    h_y = np.log(n) - np.dot(cnt_y, np.log(cnt_y)) / n
    out = []
    for perms in perm_blocks:
        m = perms.shape[0]
        keys = cx[None, :].astype(np.int64) * my + cy[perms]
        if m * cells <= _BLOCK_CELLS:  # counts of every cell of every row at once
            keys += (np.arange(m, dtype=np.int64) * cells)[:, None]
            table = np.bincount(keys.ravel(), minlength=m * cells).reshape(m, cells)
            filled = table > 0
            c = table[filled].astype(np.float64)
            rows = np.repeat(np.arange(m), filled.sum(axis=1))
        else:
            keys.sort(axis=1)
            new = np.ones(keys.shape, dtype=bool)
            new[:, 1:] = keys[:, 1:] != keys[:, :-1]
            starts = np.flatnonzero(new.ravel())
            c = np.diff(np.append(starts, m * n)).astype(np.float64)
            rows = starts // n
        s = np.bincount(rows, weights=c * np.log(c), minlength=m)
        mi = np.maximum(h_x + h_y - (np.log(n) - s / n), 0.0)
        if correction == "miller-madow":
            k_xy = np.bincount(rows, minlength=m)
            mi = mi + (cnt_x.size + cnt_y.size - k_xy - 1) / (2.0 * n)
        out.append(mi / lb)
    return np.concatenate(out) if out else np.empty(0)


def permutation_test(
    x,
    y,
    *,
    estimator: Callable = mi_ksg,
    n_permutations: int = 199,
    seed,
    **kwargs,
) -> PermutationResult:
    """Test independence of X and Y by shuffling y.

    The estimate on the data is compared with ``n_permutations`` estimates on
    copies where the rows of y were randomly permuted, which makes X and Y
    independent while keeping each marginal sample exactly as it was. The
    p-value is the one recommended by Phipson and Smyth [PS]_,

        p = (1 + #{null >= observed}) / (1 + n_permutations),

    which counts the observed data as one of the permutations: it is never
    zero and the test is exact (P(p <= a) <= a under independence).

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Samples in whatever form ``estimator`` takes (labels for
        ``mi_discrete``, real numbers for the others), at least 3.
    estimator : callable, default mi_ksg
        ``estimator(x, y, **kwargs) -> float``, larger meaning more dependent.
        With ``mi_discrete`` or ``mi_binned`` the null is computed in a
        vectorised fast path with the same values as the loop.
    n_permutations : int, default 199
        Number of random permutations (at least 1). The smallest possible
        p-value is 1 / (n_permutations + 1).
    seed : int or numpy.random.Generator
        Required: the same seed gives the same permutations and p-value.
    **kwargs
        Passed to ``estimator`` (``k=5``, ``bins=8``, ``base=2``, ...).

    Returns
    -------
    PermutationResult
        ``observed`` (the estimate on the data), ``null`` (array of
        ``n_permutations`` estimates under shuffling) and ``p_value``, in the
        estimator's units (nats unless ``base`` was passed).

    Raises
    ------
    ValueError
        If ``x`` and ``y`` differ in length, have fewer than 3 rows or more
        than 2 dimensions, ``n_permutations`` is below 1, or ``seed`` is None;
        and whatever ``estimator`` raises for the data.
    TypeError
        If ``estimator`` is not callable or does not return a real number.

    Notes
    -----
    The test asks only whether there is *any* dependence; it says nothing
    about how large the MI is, and a tiny p-value at large n can go with a
    negligible MI. Cost: (n_permutations + 1) estimator calls, e.g.
    O(n_permutations n log n) for KSG; the plug-in fast path costs
    O(n_permutations n log n) in NumPy sorts with no Python loop over cells.

    References
    ----------
    .. [PS] B. Phipson, G. K. Smyth, "Permutation P-values should never be zero:
       calculating exact P-values when permutations are randomly drawn",
       Statistical Applications in Genetics and Molecular Biology 9(1), Article 39
       (2010).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> x, y = mh.correlated_gaussian(300, 0.3, seed=0)
    >>> res = mh.permutation_test(x, y, estimator=mh.mi_binned, bins=5, n_permutations=99, seed=1)
    >>> round(res.observed, 3), res.p_value  # no shuffle reaches the observed value
    (0.066, 0.01)
    """
    _check_estimator(estimator)
    n_permutations = check_int(n_permutations, "n_permutations", minimum=1)
    rng = make_rng(seed)
    xa = _as_rows(x, "x")
    ya = _as_rows(y, "y")
    n = check_same_length(("x", xa), ("y", ya))
    observed = _as_value(estimator(xa, ya, **kwargs), "the data")
    blocks = _permutation_blocks(rng, n, n_permutations)
    fast = _plugin_codes(estimator, xa, ya, kwargs)
    if fast is not None:
        null = _plugin_null(*fast, blocks)
    else:
        null = np.empty(n_permutations)
        i = 0
        for perms in blocks:
            for perm in perms:
                null[i] = _as_value(estimator(xa, ya[perm], **kwargs), "a permutation")
                i += 1
    # A relative tolerance keeps a permutation that reproduces the data
    # exactly (the identity, or a shuffle within tied values) counted as ">=",
    # whatever the rounding of the two computations.
    tol = 1e-12 * max(1.0, abs(observed))
    p_value = (1.0 + np.count_nonzero(null >= observed - tol)) / (1.0 + n_permutations)
    return PermutationResult(observed, null, float(p_value))


_RESAMPLES = ("bootstrap", "half")
_DISTANCE_BASED = (mi_ksg, mi_kde, mi_mixed, cmi_ksg)


def _is_distance_based(estimator) -> bool:
    """True for the package's nearest-neighbour and kernel estimators, also inside functools.partial."""
    while isinstance(estimator, functools.partial):
        estimator = estimator.func
    return any(estimator is f for f in _DISTANCE_BASED)


def bootstrap_ci(
    x,
    y,
    *,
    estimator: Callable = mi_binned,
    n_boot: int = 200,
    level: float = 0.95,
    seed,
    resample: str = "bootstrap",
    **kwargs,
) -> BootstrapResult:
    """Resampling interval for an MI estimate.

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Samples in whatever form ``estimator`` takes, at least 3 (6 for
        ``resample="half"``).
    estimator : callable, default mi_binned
        ``estimator(x, y, **kwargs) -> float``.
    n_boot : int, default 200
        Number of resamples (at least 10).
    level : float, default 0.95
        Coverage aimed at, strictly between 0 and 1.
    seed : int or numpy.random.Generator
        Required: the same seed gives the same interval.
    resample : {"bootstrap", "half"}, default "bootstrap"
        "bootstrap": n rows drawn *with* replacement; the interval is the
        percentile interval, the (1 - level)/2 and (1 + level)/2 quantiles
        of the re-estimates [ET]_.
        "half": n // 2 rows drawn *without* replacement (half-sampling, the
        delete-d jackknife with d = n/2 [SW]_, a case of subsampling [PR]_).
        For a mean, the spread of half-sample means equals the spread of the
        full-sample mean (the finite-population factor 1 - m/n = 1/2
        cancels the halved size), so no rescaling is needed; the quantiles
        of (replicate - mean of replicates) are added to the full-sample
        estimate, which removes the difference in bias between n/2 and n
        samples.
    **kwargs
        Passed to ``estimator``.

    Returns
    -------
    BootstrapResult
        ``estimate`` (on all the data), ``low``, ``high`` and the array of
        ``replicates``, in the estimator's units (nats unless ``base``).

    Raises
    ------
    ValueError
        If ``x`` and ``y`` differ in length or are too short, ``n_boot`` is
        below 10, ``level`` is not strictly between 0 and 1, ``resample`` is
        unknown, or ``seed`` is None; and whatever ``estimator`` raises.
    TypeError
        If ``estimator`` is not callable or does not return a real number.

    Warns
    -----
    TiesWarning
        With ``resample="bootstrap"`` and a nearest-neighbour or kernel
        estimator (``mi_ksg``, ``mi_kde``, ``mi_mixed``, ``cmi_ksg``, also
        inside :func:`functools.partial`, or any ``mi_helpers`` estimator that
        finds repeated values in the resamples). Sampling with replacement
        repeats about 37% of the rows (1 - 1/e of the points are drawn at
        least once); a repeated point is its own neighbour at distance zero,
        so kNN and kernel estimators see spurious, perfectly dependent pairs
        and their replicates are biased upwards, often far above the estimate
        itself. Use ``resample="half"``, which never repeats a row. The tie
        warnings of the replicates themselves are collected, not shown. No
        global warning filter is touched, so calls from several threads at
        once are safe.

    Notes
    -----
    An interval describes the *spread* of the estimator. It covers the true
    MI only when the estimator is nearly unbiased at this n: a histogram
    estimate biased by (Bx-1)(By-1)/(2n) nats gives an interval around the
    wrong value. Cost: n_boot + 1 estimator calls.

    References
    ----------
    .. [ET] B. Efron, R. J. Tibshirani, An Introduction to the Bootstrap (1993),
       chapter 13 (percentile intervals).
    .. [SW] J. Shao, C. F. J. Wu, "A general theory for jackknife variance
       estimation", Annals of Statistics 17, 1176-1197 (1989) (delete-d
       jackknife; d = n/2 is half-sampling).
    .. [PR] D. N. Politis, J. P. Romano, "Large sample confidence regions based on
       subsamples under minimal assumptions", Annals of Statistics 22, 2031-2050
       (1994) (subsampling without replacement).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> x, y = mh.correlated_gaussian(1000, 0.6, seed=0)
    >>> ci = mh.bootstrap_ci(x, y, estimator=mh.mi_ksg, resample="half", n_boot=50, seed=1)
    >>> round(ci.low, 2), round(ci.estimate, 2), round(ci.high, 2)  # the truth is 0.22
    (0.16, 0.22, 0.29)
    """
    _check_estimator(estimator)
    n_boot = check_int(n_boot, "n_boot", minimum=10)
    if isinstance(level, bool) or not isinstance(level, numbers.Real) or not 0.0 < float(level) < 1.0:
        raise ValueError(f"level must be a number strictly between 0 and 1, got {level!r}")
    if resample not in _RESAMPLES:
        raise ValueError(f"resample must be one of {_RESAMPLES}, got {resample!r}")
    rng = make_rng(seed)
    xa = _as_rows(x, "x")
    ya = _as_rows(y, "y")
    n = check_same_length(("x", xa), ("y", ya))
    if resample == "half" and n < 6:
        raise ValueError(f"resample='half' needs at least 6 samples, got {n}")
    estimate = _as_value(estimator(xa, ya, **kwargs), "the data")
    reps = np.empty(n_boot)
    # The package's own estimators report ties in a resample to this collector
    # (a context variable: other threads and the global warning filters are
    # untouched). Warnings of other estimators pass through as they are.
    with collect_tie_warnings() as tie_messages:
        for b in range(n_boot):
            if resample == "bootstrap":
                idx = rng.integers(0, n, size=n)
            else:
                idx = rng.permutation(n)[: n // 2]
            reps[b] = _as_value(estimator(xa[idx], ya[idx], **kwargs), "a resample")
    if resample == "bootstrap" and (_is_distance_based(estimator) or tie_messages):
        warn(
            "bootstrap resamples repeat about 37% of the points; a nearest-neighbour or kernel "
            "estimator treats each copy as a neighbour at distance zero, so the replicates are "
            "biased upwards and the interval is wrong. Use resample='half' (no repeated points).",
            TiesWarning,
        )
    alpha = (1.0 - float(level)) / 2.0
    if resample == "bootstrap":
        low, high = np.quantile(reps, [alpha, 1.0 - alpha])
    else:
        low, high = estimate + np.quantile(reps - reps.mean(), [alpha, 1.0 - alpha])
    return BootstrapResult(estimate, float(low), float(high), reps)


# --------------------------------------------------------------------------
# Tests for serially dependent data, bias-corrected bootstrap, InfoNCE
# --------------------------------------------------------------------------


def circular_shift_indices(n, n_shifts, *, min_shift=1, seed) -> np.ndarray:
    """Row indices of random circular shifts of a series of length n.

    Row r is ``(arange(n) + s_r) % n`` for a shift s_r drawn without
    replacement from min_shift .. n - min_shift. Shifting y against x keeps
    the autocorrelation of both series (only the join at the end is new)
    and breaks their alignment, so it is a null for two *stationary* series
    whose rows are not exchangeable.

    Parameters
    ----------
    n : int
        Length of the series (at least 3).
    n_shifts : int
        Number of shifts, at most n - 2 min_shift + 1.
    min_shift : int, default 1
        Smallest shift in either direction; choose it beyond the
        autocorrelation time so a shifted series is not nearly the original.
    seed : int or numpy.random.Generator

    Returns
    -------
    ndarray of int, shape (n_shifts, n)
        Each row a permutation of range(n); use ``y[idx[r]]``. O(n_shifts n).

    Raises
    ------
    ValueError
        If ``n`` is below 3, ``n_shifts`` or ``min_shift`` below 1, there
        are fewer than ``n_shifts`` shifts between ``min_shift`` and
        n - ``min_shift``, or ``seed`` is None or negative.
    TypeError
        If ``n``, ``n_shifts`` or ``min_shift`` is not an integer, or
        ``seed`` is neither an int nor a Generator.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> mh.circular_shift_indices(8, 3, min_shift=2, seed=0)  # shifts by 5, 6 and 4
    array([[5, 6, 7, 0, 1, 2, 3, 4],
           [6, 7, 0, 1, 2, 3, 4, 5],
           [4, 5, 6, 7, 0, 1, 2, 3]])
    """
    n = check_int(n, "n", minimum=3)
    n_shifts = check_int(n_shifts, "n_shifts", minimum=1)
    min_shift = check_int(min_shift, "min_shift", minimum=1)
    available = n - 2 * min_shift + 1
    if available < n_shifts:
        raise ValueError(
            f"only {max(available, 0)} shifts lie between min_shift={min_shift} and n - min_shift={n - min_shift}; "
            f"n_shifts={n_shifts} is too many"
        )
    rng = make_rng(seed)
    shifts = min_shift + rng.choice(available, size=n_shifts, replace=False)
    return (np.arange(n)[None, :] + shifts[:, None]) % n


def restricted_permutation_test(x, y, indices, *, estimator: Callable = mi_ksg, **kwargs) -> PermutationResult:
    """Permutation test whose null uses given rearrangements of y.

    :func:`permutation_test` draws every permutation of the rows, which is
    right only when the rows are *exchangeable* under the null (independent
    draws, for instance). For time series the rows are not: shuffling
    destroys the autocorrelation, the null becomes too narrow and the test
    rejects too often. A restricted set of rearrangements that keeps the
    serial structure, such as circular shifts
    (:func:`circular_shift_indices`) or the same month of other years
    (:func:`~mi_helpers.datasets.year_swap_indices`), gives a valid null.

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Samples in whatever form ``estimator`` takes.
    indices : array-like of int, shape (R, n)
        Row r pairs x with ``y[indices[r]]``. Usually permutations, but any
        index arrays into y are accepted.
    estimator : callable, default mi_ksg
        ``estimator(x, y, **kwargs) -> float``, larger meaning more
        dependent. With ``mi_discrete`` or ``mi_binned`` and rows that are
        permutations, the null is computed in the vectorised fast path of
        :func:`permutation_test`.
    **kwargs
        Passed to ``estimator``.

    Returns
    -------
    PermutationResult
        ``observed``, ``null`` (R values) and the Phipson-Smyth p-value
        (1 + #{null >= observed}) / (1 + R) [PS]_.

    Raises
    ------
    ValueError
        If ``x`` and ``y`` differ in length, have fewer than 3 rows or more
        than 2 dimensions, or ``indices`` does not have shape (R, n) with
        R >= 1 or holds an index outside 0..n-1; and whatever
        ``estimator`` raises for the data.
    TypeError
        If ``estimator`` is not callable or does not return a real number,
        or ``indices`` does not hold integers.

    Notes
    -----
    The p-value is exact when the rearrangements are drawn at random from a
    set that leaves the null distribution of the data unchanged (for
    circular shifts: stationarity). Cost: R + 1 estimator calls, or the
    fast path's O(R n log n).

    References
    ----------
    .. [PS] B. Phipson, G. K. Smyth, "Permutation P-values should never be zero:
       calculating exact P-values when permutations are randomly drawn",
       Statistical Applications in Genetics and Molecular Biology 9(1), Article 39
       (2010).

    Examples
    --------
    Two independent, strongly autocorrelated series: shuffling the rows
    finds a "dependence" that circular shifts do not.

    >>> import mi_helpers as mh
    >>> x, y = mh.ar1_series(300, 0.9, seed=1), mh.ar1_series(300, 0.9, seed=2)
    >>> shifts = mh.circular_shift_indices(300, 99, min_shift=30, seed=0)
    >>> mh.restricted_permutation_test(x, y, shifts, estimator=mh.mi_binned, bins=8).p_value
    0.19
    >>> mh.permutation_test(x, y, estimator=mh.mi_binned, bins=8, n_permutations=99, seed=0).p_value
    0.01
    """
    _check_estimator(estimator)
    xa = _as_rows(x, "x")
    ya = _as_rows(y, "y")
    n = check_same_length(("x", xa), ("y", ya))
    idx = np.asarray(indices)
    if idx.ndim != 2 or idx.shape[1] != n or idx.shape[0] < 1:
        raise ValueError(f"indices must have shape (R, {n}) with R >= 1, got {idx.shape}")
    if idx.dtype.kind not in "iu":
        raise TypeError(f"indices must hold integers, got dtype {idx.dtype}")
    if idx.min() < 0 or idx.max() >= n:
        raise ValueError(f"indices must lie in 0..{n - 1}")
    idx = idx.astype(np.intp, copy=False)
    observed = _as_value(estimator(xa, ya, **kwargs), "the data")
    is_perm = bool(np.all(np.sort(idx, axis=1) == np.arange(n)[None, :]))
    fast = _plugin_codes(estimator, xa, ya, kwargs) if is_perm else None
    if fast is not None:
        rows = max(1, _BLOCK_CELLS // n)
        null = _plugin_null(*fast, (idx[i : i + rows] for i in range(0, idx.shape[0], rows)))
    else:
        null = np.array([_as_value(estimator(xa, ya[row], **kwargs), "a rearrangement") for row in idx])
    tol = 1e-12 * max(1.0, abs(observed))
    p_value = (1.0 + np.count_nonzero(null >= observed - tol)) / (1.0 + null.size)
    return PermutationResult(observed, null, float(p_value))


class BiasCorrectedResult(NamedTuple):
    """Outcome of :func:`bias_corrected_bootstrap` (estimator's units)."""

    estimate: float
    raw_estimate: float
    bias: float
    low: float
    high: float
    replicates: np.ndarray


def bias_corrected_bootstrap(
    x,
    y,
    *,
    estimator: Callable = mi_binned,
    n_boot: int = 200,
    level: float = 0.95,
    seed,
    **kwargs,
) -> BiasCorrectedResult:
    """Bootstrap estimate of an estimator's bias, the corrected estimate and the basic interval.

    The bootstrap world treats the sample as the population: the mean of the
    re-estimates minus the estimate, b = mean(I*) - I_hat, estimates the bias
    of the estimator at this n [ET]_. The corrected estimate is
    I_hat - b = 2 I_hat - mean(I*), and the *basic* interval
    [2 I_hat - q_hi, 2 I_hat - q_lo] (q the quantiles of I*) reflects the
    spread of the re-estimates about the estimate, so it is centred near the
    corrected value. Use it for plug-in (histogram) estimates, whose
    percentile interval lies above the estimate because each resample adds
    bias on top of bias.

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Paired samples, in whatever form ``estimator`` takes.
    estimator : callable, default mi_binned
        A plug-in or parametric estimator. Not for mi_ksg or mi_kde: their
        bootstrap replicates are wrong (repeated points), see
        :func:`bootstrap_ci`.
    n_boot : int, default 200
        Number of bootstrap resamples (at least 10).
    level : float, default 0.95
        Coverage of the basic interval, strictly between 0 and 1.
    seed : int or numpy.random.Generator
        Required: the resamples are random.
    **kwargs
        Passed to ``estimator``.

    Returns
    -------
    BiasCorrectedResult
        ``estimate`` (2 I_hat - mean(I*)), ``raw_estimate`` (I_hat),
        ``bias`` (mean(I*) - I_hat), ``low`` and ``high`` (basic interval),
        ``replicates``.

    Notes
    -----
    The correction removes the first-order (1/n) bias. When the bias is far
    from that regime (a histogram with about as many cells as points) it
    removes only part of it, and the interval undercovers: use fewer bins.
    The corrected estimate can be negative. Cost: n_boot + 1 estimator calls
    (through :func:`bootstrap_ci`, with its warnings).

    Raises
    ------
    ValueError
        As :func:`bootstrap_ci`: ``x`` and ``y`` of different lengths or
        too short, ``n_boot`` below 10, ``level`` not strictly between 0
        and 1, or ``seed`` None; and whatever ``estimator`` raises.
    TypeError
        If ``estimator`` is not callable or does not return a real number.

    References
    ----------
    .. [ET] B. Efron, R. J. Tibshirani, An Introduction to the Bootstrap (1993),
       chapter 10 (bias) and chapter 13 (percentile intervals).

    Examples
    --------
    A 10 x 10 histogram on 500 points of a Gaussian pair (MI 0.223 nats):
    the plug-in value lies 0.04 above the truth, the bootstrap's estimate
    of its bias is 0.06, and the corrected value lands below the truth,
    which binning into 10 bins also lowers.

    >>> import mi_helpers as mh
    >>> x, y = mh.correlated_gaussian(500, 0.6, seed=0)
    >>> res = mh.bias_corrected_bootstrap(x, y, bins=10, n_boot=100, seed=0)
    >>> round(res.raw_estimate, 3), round(res.bias, 3), round(res.estimate, 3)
    (0.258, 0.06, 0.198)
    >>> bool(res.low < mh.gaussian_mi(0.6) < res.high)
    True
    """
    res = bootstrap_ci(x, y, estimator=estimator, n_boot=n_boot, level=level, seed=seed, **kwargs)
    reps = res.replicates
    alpha = (1.0 - float(level)) / 2.0
    q_lo, q_hi = np.quantile(reps, [alpha, 1.0 - alpha])
    raw = res.estimate
    bias = float(reps.mean() - raw)
    return BiasCorrectedResult(raw - bias, raw, bias, float(2 * raw - q_hi), float(2 * raw - q_lo), reps)


def infonce_bound(scores, *, base=np.e) -> float:
    """InfoNCE lower bound on MI from critic scores of batches of pairs.

    For a batch of K pairs (x_i, y_i) drawn from p(x, y) and a critic f,
    with ``scores[i, j] = f(x_i, y_j)``,

        I_NCE = (1/K) sum_i [ f(x_i, y_i) - ln( (1/K) sum_j exp f(x_i, y_j) ) ],

    whose expectation is a lower bound on I(X;Y) for any critic (van den
    Oord, Li, Vinyals 2018; Poole et al. 2019). Each term is at most ln K,
    because the sum over j contains the diagonal term, so I_NCE <= ln K
    whatever the critic and the true MI.

    Parameters
    ----------
    scores : array-like of float, shape (K, K) or (B, K, K)
        One K x K score matrix per batch (row i: x_i against every y_j).
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float
        The bound averaged over the batches, in nats (or ``base`` units).

    Raises
    ------
    ValueError
        If ``scores`` is not of shape (K, K) or (B, K, K), or holds NaN or
        infinite values; or ``base`` is not a valid logarithm base.
    TypeError
        If ``scores`` is not numeric, or ``base`` is not a number.

    Notes
    -----
    Computed with a log-sum-exp (the row maximum subtracted first), stable
    for large scores. O(B K^2).

    References
    ----------
    A. van den Oord, Y. Li, O. Vinyals, "Representation learning with
    contrastive predictive coding", arXiv:1807.03748 (2018).
    B. Poole, S. Ozair, A. van den Oord, A. A. Alemi, G. Tucker, "On
    variational bounds of mutual information", ICML 2019 (PMLR 97, 5171-5180).

    Examples
    --------
    A critic that recognises every true pair reaches the ceiling ln K; one
    that scores every pair alike gets 0.

    >>> import math
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> K = 8
    >>> round(mh.infonce_bound(50.0 * np.eye(K)), 6), round(math.log(K), 6)
    (2.079442, 2.079442)
    >>> mh.infonce_bound(np.zeros((K, K)))
    0.0
    """
    lb = log_base(base)
    try:
        s = np.asarray(scores, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"scores must be an array of real numbers: {exc}") from None
    if s.ndim == 2:
        s = s[None]
    if s.ndim != 3 or s.shape[1] != s.shape[2] or s.shape[1] < 1:
        raise ValueError(f"scores must have shape (K, K) or (B, K, K), got {np.asarray(scores).shape}")
    if not np.all(np.isfinite(s)):
        raise ValueError("scores holds NaN or infinite values")
    k = s.shape[1]
    top = s.max(axis=2, keepdims=True)
    shifted = s - top  # a log-sum-exp over j, stable for large scores
    np.exp(shifted, out=shifted)
    log_mean_exp = np.log(shifted.sum(axis=2)) + top[..., 0] - np.log(k)
    terms = np.diagonal(s, axis1=1, axis2=2) - log_mean_exp
    return float(terms.mean()) / lb


__all__ += [  # helpers appended to this module
    "BiasCorrectedResult",
    "bias_corrected_bootstrap",
    "circular_shift_indices",
    "infonce_bound",
    "restricted_permutation_test",
]
