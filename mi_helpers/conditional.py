"""Conditional entropy and conditional mutual information.

I(X;Y|Z) is the information X and Y share once Z is known. It is the tool
behind the chain rule, I(X; Y, Z) = I(X;Z) + I(X;Y|Z), behind the data
processing inequality, and behind "MI given a confounder" (for instance MI
between two weather variables given the month).

All functions return nats unless ``base`` says otherwise (``base=2`` gives
bits). Three families are provided:

* exact values of a probability table: :func:`conditional_entropy_from_joint`,
  :func:`cmi_from_joint`, and of a Gaussian covariance: :func:`gaussian_cmi`;
* plug-in estimates from labels: :func:`conditional_entropy_discrete`,
  :func:`cmi_discrete`;
* estimates for continuous data: :func:`cmi_ksg` (the Frenzel-Pompe
  k-nearest-neighbour estimator) and :func:`cmi_stratified` (any MI
  estimator applied within each value of a discrete conditioning variable).

References
----------
.. [FP] S. Frenzel, B. Pompe, "Partial mutual information for coupling
   analysis of multivariate time series", Phys. Rev. Lett. 99, 204101 (2007).
.. [KSG] A. Kraskov, H. Stoegbauer, P. Grassberger, "Estimating mutual
   information", Phys. Rev. E 69, 066138 (2004).
.. [CT] T. M. Cover, J. A. Thomas, Elements of Information Theory, 2nd ed.
   (2006), sections 2.2-2.5 (conditional entropy, chain rules) and 8.4-8.6
   (Gaussian entropy).
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ._validation import as_continuous, as_covariance, as_labels, check_int, check_same_length, check_workers, log_base, warn
from .estimators import (
    _as_table,
    _break_ties,
    _check_k,
    _check_neighbour_counts,
    _count_strictly_within,
    _entropy_from_counts,
    _ksg_nats,
    _kth_neighbour_distance,
    _standardise_with_ties,
    _warn_ties,
    mi_ksg,
)

__all__ = [
    "cmi_discrete",
    "cmi_from_joint",
    "cmi_ksg",
    "cmi_stratified",
    "conditional_entropy_discrete",
    "conditional_entropy_from_joint",
    "gaussian_cmi",
    "StratumWarning",
]


# --------------------------------------------------------------------------
# Exact values of tables
# --------------------------------------------------------------------------


def conditional_entropy_from_joint(p_xy, *, base=math.e) -> float:
    """Exact conditional entropy H(X|Y) of a 2-D joint table.

    Parameters
    ----------
    p_xy : array-like, shape (mx, my)
        ``p_xy[i, j] = P(X = i, Y = j)``: rows are X, columns are Y (the
        conditioning variable). Counts are accepted and normalised.
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float
        ``H(X|Y) = H(X, Y) - H(Y) = -sum_ij p_ij log(p_ij / p_.j)``, in nats (or
        ``base`` units); 0 <= H(X|Y) <= H(X) [CT]_. O(mx my).

    Raises
    ------
    ValueError
        If ``p_xy`` is not 2-D, is empty, holds negative, NaN or infinite
        values, or sums to 0.
    TypeError
        If ``p_xy`` is not numeric.

    References
    ----------
    .. [CT] T. M. Cover, J. A. Thomas, Elements of Information Theory, 2nd ed.
       (2006), section 2.2.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> mh.conditional_entropy_from_joint([[0.5, 0.0], [0.0, 0.5]])  # Y determines X
    0.0
    >>> round(mh.conditional_entropy_from_joint([[0.25, 0.25], [0.25, 0.25]], base=2), 4)
    1.0
    """
    lb = log_base(base)
    t = _as_table(p_xy, "p_xy", ndim=2)
    h = _entropy_from_counts(t.ravel()) - _entropy_from_counts(t.sum(axis=0))
    return max(h, 0.0) / lb


def cmi_from_joint(p_xyz, *, base=math.e) -> float:
    """Exact conditional mutual information I(X;Y|Z) of a 3-D joint table.

    Parameters
    ----------
    p_xyz : array-like, shape (mx, my, mz)
        ``p_xyz[i, j, l] = P(X = i, Y = j, Z = l)``; the last axis is the
        conditioning variable. Counts are accepted and normalised.
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float
        I(X;Y|Z) = sum_l P(z_l) I(X;Y | Z = z_l)
        = H(X,Z) + H(Y,Z) - H(X,Y,Z) - H(Z) >= 0, in nats (or ``base``
        units) [CT]_. O(mx my mz).

    Raises
    ------
    ValueError
        If ``p_xyz`` is not 3-D, is empty, holds negative, NaN or infinite
        values, or sums to 0.
    TypeError
        If ``p_xyz`` is not numeric.

    References
    ----------
    .. [CT] T. M. Cover, J. A. Thomas, Elements of Information Theory, 2nd ed.
       (2006), section 2.5.

    Examples
    --------
    X and Y are independent fair bits and Z = X xor Y: independent, yet fully
    dependent once Z is known.

    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> p = np.zeros((2, 2, 2))
    >>> for x in (0, 1):
    ...     for y in (0, 1):
    ...         p[x, y, x ^ y] = 0.25
    >>> round(mh.mi_from_joint(p.sum(axis=2), base=2), 4), round(mh.cmi_from_joint(p, base=2), 4)
    (0.0, 1.0)
    """
    lb = log_base(base)
    t = _as_table(p_xyz, "p_xyz", ndim=3)
    cmi = (
        _entropy_from_counts(t.sum(axis=1).ravel())
        + _entropy_from_counts(t.sum(axis=0).ravel())
        - _entropy_from_counts(t.ravel())
        - _entropy_from_counts(t.sum(axis=(0, 1)))
    )
    return max(cmi, 0.0) / lb


def _check_indices(idx, name, dim, *, allow_empty=False):
    if isinstance(idx, (bool, np.bool_)):
        raise TypeError(f"{name} must be an int or a sequence of ints, got bool")
    if isinstance(idx, numbers.Integral):
        idx = [idx]
    try:
        arr = np.asarray(idx)
    except Exception:  # pragma: no cover - exotic objects
        raise TypeError(f"{name} must be an int or a sequence of ints") from None
    if arr.size == 0:
        if allow_empty:
            return []
        raise ValueError(f"{name} must name at least one variable")
    if arr.dtype.kind not in "iu" or arr.ndim != 1:
        raise TypeError(f"{name} must be an int or a 1-D sequence of ints, got {idx!r}")
    out = [int(i) for i in arr]
    if min(out) < 0 or max(out) >= dim:
        raise ValueError(f"{name} holds an index outside 0..{dim - 1}: {out}")
    if len(set(out)) != len(out):
        raise ValueError(f"{name} repeats an index: {out}")
    return out


def gaussian_cmi(cov, x, y, z=(), *, base=math.e) -> float:
    """Exact I(X;Y|Z) of jointly Gaussian variables from their covariance.

    Parameters
    ----------
    cov : array-like, shape (d, d)
        Covariance (or correlation) matrix of all the variables; it must be
        symmetric positive definite.
    x, y : int or sequence of int
        Indices of the variables forming X and Y (each may be a vector).
    z : int or sequence of int, default ()
        Indices of the conditioning variables; empty gives the plain MI
        I(X;Y).
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float
        0.5 ln(det S_xz det S_yz / (det S_z det S_xyz)) in nats (or ``base``
        units), where S_a is the covariance block of the variables a
        [CT]_. For scalar X, Y it equals -0.5 ln(1 - r^2) with r the partial
        correlation of X and Y given Z. O(d^3).

    Raises
    ------
    ValueError
        If ``cov`` is not a symmetric square matrix of size 2 or more, holds
        NaN or infinite values, is not positive definite on the variables
        used, or the index sets are empty (x, y), out of range, repeated or
        overlapping.
    TypeError
        If ``cov`` is not numeric or an index is not an integer.

    Notes
    -----
    The formula follows from the Gaussian entropy 0.5 ln((2 pi e)^d det S)
    and I(X;Y|Z) = H(X,Z) + H(Y,Z) - H(X,Y,Z) - H(Z).

    References
    ----------
    .. [CT] T. M. Cover, J. A. Thomas, Elements of Information Theory, 2nd ed.
       (2006), sections 2.5 and 8.4-8.6.

    Examples
    --------
    A chain X -> Y -> Z: X and Z share information, none of it left once Y
    is known.

    >>> import mi_helpers as mh
    >>> cov = mh.gaussian_chain_cov(1.0, 1.0)
    >>> round(mh.gaussian_cmi(cov, 0, 2), 4), round(mh.gaussian_cmi(cov, 0, 2, 1), 4)
    (0.2027, 0.0)
    """
    lb = log_base(base)
    c = as_covariance(cov)
    d = c.shape[0]
    xi = _check_indices(x, "x", d)
    yi = _check_indices(y, "y", d)
    zi = _check_indices(z, "z", d, allow_empty=True)
    if set(xi) & set(yi) or set(xi) & set(zi) or set(yi) & set(zi):
        raise ValueError(f"x, y and z must be disjoint sets of indices, got x={xi}, y={yi}, z={zi}")

    def logdet(idx):
        if not idx:
            return 0.0
        sign, ld = np.linalg.slogdet(c[np.ix_(idx, idx)])
        if sign <= 0:
            raise ValueError(f"cov is not positive definite on the variables {idx}")
        return ld

    val = 0.5 * (logdet(xi + zi) + logdet(yi + zi) - logdet(zi) - logdet(xi + yi + zi))
    return max(float(val), 0.0) / lb


# --------------------------------------------------------------------------
# Plug-in estimates from labels
# --------------------------------------------------------------------------


def _joint_codes(*coded):
    """Integer codes of the joint symbol of several ``(codes, m)`` pairs."""
    joint = np.zeros_like(coded[0][0])
    for codes, m in coded:
        # Re-compact after each step so the combined code stays below n * m.
        _, joint = np.unique(joint * m + codes, return_inverse=True)
        joint = joint.reshape(-1)
    return joint


def _h(codes) -> float:
    return _entropy_from_counts(np.bincount(codes))


def conditional_entropy_discrete(x, y, *, base=math.e) -> float:
    """Plug-in conditional entropy H(X|Y) of two label arrays.

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Labels (ints, strings, bools); rows of a 2-D array are joint
        symbols. Y is the conditioning variable.
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float
        H(X|Y) = H(X, Y) - H(Y) over the observed frequencies, in nats (or
        ``base`` units). Like every plug-in entropy it is biased low for small
        samples. O(n log n).

    Raises
    ------
    ValueError
        If ``x`` and ``y`` differ in length, are empty, or hold missing values.
    TypeError
        If a variable mixes label types.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> weather = ["sun", "sun", "rain", "rain"]
    >>> round(mh.conditional_entropy_discrete(weather, [0, 1, 0, 1], base=2), 4)  # no help: 1 bit left
    1.0
    >>> mh.conditional_entropy_discrete(weather, [0, 0, 1, 1])  # fully determined
    0.0
    """
    lb = log_base(base)
    cx = as_labels(x, "x")
    cy = as_labels(y, "y")
    check_same_length(("x", cx[0]), ("y", cy[0]))
    h = _h(_joint_codes(cx, cy)) - _h(cy[0])
    return max(h, 0.0) / lb


def cmi_discrete(x, y, z, *, base=math.e) -> float:
    """Plug-in conditional mutual information I(X;Y|Z) of label arrays.

    Parameters
    ----------
    x, y, z : array-like, shape (n,) or (n, d)
        Labels (ints, strings, bools); rows of a 2-D array are joint symbols,
        so several conditioning variables can be passed as columns of ``z``.
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float
        I(X;Y|Z) = H(X,Z) + H(Y,Z) - H(X,Y,Z) - H(Z) over the observed
        frequencies, equal to sum_z P(z) I(X;Y | Z = z) with plug-in MI in
        each stratum; >= 0, in nats (or ``base`` units). Biased upwards by
        about (mx - 1)(my - 1) mz / (2n) nats when X and Y are
        conditionally independent, so it needs many samples per value of Z.
        O(n log n).

    Raises
    ------
    ValueError
        If the arrays differ in length, are empty, or hold missing values.
    TypeError
        If a variable mixes label types.

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> rng = np.random.default_rng(0)
    >>> x, y = rng.integers(0, 2, (2, 10000))
    >>> z = x ^ y
    >>> round(mh.cmi_discrete(x, y, z, base=2), 3)  # the truth is 1 bit
    1.0
    >>> round(mh.mi_discrete(x, y, base=2), 3)  # unconditionally independent
    0.0
    """
    lb = log_base(base)
    cx = as_labels(x, "x")
    cy = as_labels(y, "y")
    cz = as_labels(z, "z")
    check_same_length(("x", cx[0]), ("y", cy[0]), ("z", cz[0]))
    cmi = _h(_joint_codes(cx, cz)) + _h(_joint_codes(cy, cz)) - _h(_joint_codes(cx, cy, cz)) - _h(cz[0])
    return max(cmi, 0.0) / lb


# --------------------------------------------------------------------------
# Continuous data
# --------------------------------------------------------------------------


def cmi_ksg(x, y, z, *, k=3, base=math.e, workers=-1) -> float:
    """Frenzel-Pompe k-nearest-neighbour conditional MI I(X;Y|Z).

    I = psi(k) - < psi(n_xz + 1) + psi(n_yz + 1) - psi(n_z + 1) >, where for
    each point eps is the max-norm distance to its k-th neighbour in the
    joint (x, y, z) space and n_xz, n_yz, n_z count the other points strictly
    closer than eps in those subspaces [FP]_. It is the conditional version
    of KSG algorithm 1 [KSG]_.

    Parameters
    ----------
    x, y, z : array-like, shape (n,) or (n, d)
        Continuous samples, at least k + 2. Each column is standardised
        first, as in :func:`~mi_helpers.estimators.mi_ksg`; constant columns
        are dropped. If every column of ``z`` is constant the result is the
        KSG estimate of I(X;Y).
    k : int, default 3
        Neighbours in the joint space. Small k: less bias, more variance.
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.
    workers : int, default -1
        Threads for the k-d tree queries (-1: all cores, or a positive count).

    Returns
    -------
    float
        Estimate in nats (or ``base`` units). Like KSG it can be slightly
        negative when X and Y are conditionally independent.

    Raises
    ------
    ValueError
        If the arrays differ in length, hold NaN or infinite values or masked
        entries, have fewer than k + 2 samples, or ``k`` or ``workers`` is out
        of range.
    TypeError
        If an array is not numeric or ``k`` or ``workers`` is not an integer.

    Warns
    -----
    TiesWarning
        When more than 5% of a variable's values repeat. A discrete Z is
        better handled by :func:`cmi_stratified`, all-discrete data by
        :func:`cmi_discrete`.

    Notes
    -----
    Ties are broken by the same seeded jitter as ``mi_ksg``, independent for
    x, y and z. Cost O(n log n): one k-d tree query in the joint space and
    three range counts.

    References
    ----------
    .. [FP] S. Frenzel, B. Pompe, "Partial mutual information for coupling
       analysis of multivariate time series", Phys. Rev. Lett. 99, 204101 (2007).
    .. [KSG] A. Kraskov, H. Stoegbauer, P. Grassberger, "Estimating mutual
       information", Phys. Rev. E 69, 066138 (2004).

    Examples
    --------
    A Gaussian chain X -> Y -> Z: I(X;Z) > 0 but I(X;Z|Y) = 0.

    >>> import mi_helpers as mh
    >>> x, y, z, cov = mh.gaussian_chain(4000, 1.0, 1.0, seed=0)
    >>> round(mh.gaussian_cmi(cov, 0, 2), 3), round(mh.mi_ksg(x, z), 3)
    (0.203, 0.205)
    >>> round(mh.cmi_ksg(x, z, y), 3)  # the truth is 0
    -0.023
    """
    from scipy.special import digamma

    lb = log_base(base)
    xa = as_continuous(x, "x")
    ya = as_continuous(y, "y")
    za = as_continuous(z, "z")
    n = check_same_length(("x", xa), ("y", ya), ("z", za))
    k = _check_k(k, n)
    workers = check_workers(workers)
    (xs, sx), (ys, sy), (zs, sz) = (_standardise_with_ties(v) for v in (xa, ya, za))
    if xs.shape[1] == 0 or ys.shape[1] == 0:
        return 0.0
    summaries = {"x": sx, "y": sy}
    if zs.shape[1]:
        summaries["z"] = sz
    _warn_ties(
        "cmi_ksg",
        summaries,
        advice=(
            "If z is discrete, cmi_stratified(x, y, z) estimates the MI within each value of z; "
            "if all three are discrete, use cmi_discrete. "
        ),
    )
    xs, ys = _break_ties(xs, "x", summary=summaries["x"]), _break_ties(ys, "y", summary=summaries["y"])
    if zs.shape[1] == 0:
        return _ksg_nats(xs, ys, k, workers) / lb
    zs = _break_ties(zs, "z", summary=summaries["z"])
    joint = np.hstack([xs, ys, zs])
    eps = _kth_neighbour_distance(joint, k, workers)
    n_xz = _count_strictly_within(np.hstack([xs, zs]), eps, workers)
    n_yz = _count_strictly_within(np.hstack([ys, zs]), eps, workers)
    n_z = _count_strictly_within(zs, eps, workers)
    _check_neighbour_counts("cmi_ksg", eps, n_xz, n_yz, n_z)
    cmi = digamma(k) - np.mean(digamma(n_xz + 1) + digamma(n_yz + 1) - digamma(n_z + 1))
    return float(cmi) / lb


class StratumWarning(UserWarning):
    """Some values of the conditioning variable had too few samples to use."""


def cmi_stratified(
    x,
    y,
    z_labels,
    *,
    estimator=mi_ksg,
    min_count=20,
    base=math.e,
    return_strata=False,
    **kwargs,
):
    """I(X;Y|Z) for a discrete Z: the weighted mean of MI within each stratum.

    I(X;Y|Z) = sum_z P(z) I(X;Y | Z = z) [CT]_. Each stratum (the samples
    with one value of Z) gets its own MI estimate from ``estimator``, so any
    MI estimator works: :func:`~mi_helpers.estimators.mi_ksg` or
    :func:`~mi_helpers.estimators.mi_binned` for continuous X and Y,
    :func:`~mi_helpers.estimators.mi_discrete` for labels.

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Samples of X and Y in whatever form ``estimator`` takes.
    z_labels : array-like, shape (n,) or (n, d)
        Labels of the conditioning variable (month, class, ...); rows of a
        2-D array are joint labels.
    estimator : callable, default mi_ksg
        ``estimator(x_z, y_z, **kwargs)`` returning MI in **nats**, as every
        ``mi_helpers`` estimator does by default.
    min_count : int, default 20
        Strata with fewer samples are left out (an estimate from a handful of
        points is noise) and the weights P(z) are renormalised over the
        strata kept; a :class:`StratumWarning` says how many samples were
        left out.
    base : float, default e
        Unit of the result; the estimator itself is called in nats.
    return_strata : bool, default False
        Also return the per-stratum details.
    **kwargs
        Passed to ``estimator`` (``k=5``, ``bins=8``, ...).

    Returns
    -------
    float
        Estimate of I(X;Y|Z) in nats (or ``base`` units).
    dict, only if ``return_strata``
        Label -> ``(n_z, mi_z)`` for every value of Z in sorted order, with
        ``mi_z`` in ``base`` units, NaN for strata left out.

    Raises
    ------
    ValueError
        If the arrays differ in length, ``z_labels`` holds missing values,
        ``min_count`` is below 2, or no stratum has ``min_count`` samples.
    TypeError
        If ``estimator`` is not callable, ``return_strata`` is not a bool, or
        ``min_count`` is not an integer.

    Warns
    -----
    StratumWarning
        When strata smaller than ``min_count`` are left out.

    Notes
    -----
    The estimator's bias is paid in every stratum: with m strata of n/m
    samples the result carries the small-sample bias of n/m samples, not n.
    Cost: the estimator's on each stratum, e.g. O(n log n) for KSG.

    References
    ----------
    .. [CT] T. M. Cover, J. A. Thomas, Elements of Information Theory, 2nd ed.
       (2006), section 2.5.

    Examples
    --------
    Z is a fair coin; given Z, (X, Y) is Gaussian with correlation 0.8 or 0.
    The truth is 0.5 * 0.511 + 0.5 * 0 = 0.255 nats.

    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> a, b = mh.correlated_gaussian(3000, 0.8, seed=1)
    >>> c, d = mh.correlated_gaussian(3000, 0.0, seed=2)
    >>> x, y, z = np.r_[a, c], np.r_[b, d], np.r_[np.ones(3000), np.zeros(3000)]
    >>> round(mh.cmi_stratified(x, y, z), 3)
    0.241
    >>> value, strata = mh.cmi_stratified(x, y, z, return_strata=True)
    >>> {label: round(mi, 3) for label, (count, mi) in strata.items()}
    {0.0: -0.015, 1.0: 0.497}
    """
    lb = log_base(base)
    if not callable(estimator):
        raise TypeError(f"estimator must be a callable estimator(x, y, **kwargs), got {type(estimator).__name__}")
    if not isinstance(return_strata, (bool, np.bool_)):
        raise TypeError(f"return_strata must be True or False, got {type(return_strata).__name__}")
    min_count = check_int(min_count, "min_count", minimum=2)
    zarr = np.asarray(z_labels)
    codes, m = as_labels(zarr, "z_labels")
    try:
        xarr, yarr = np.asarray(x), np.asarray(y)
    except Exception as exc:
        raise TypeError(f"x and y could not be converted to arrays: {exc}") from None
    for name, arr in (("x", xarr), ("y", yarr)):
        if arr.ndim not in (1, 2):
            raise ValueError(f"{name} must be 1-D (n,) or 2-D (n, d), got shape {arr.shape}")
    n = check_same_length(("x", xarr), ("y", yarr), ("z_labels", codes))

    # One representative label per code, in code (sorted) order, for the report.
    first = np.zeros(m, dtype=np.intp)
    first[codes[::-1]] = np.arange(n)[::-1]
    labels = [zarr[i].item() if zarr.ndim == 1 else tuple(zarr[i].tolist()) for i in first]

    counts = np.bincount(codes, minlength=m)
    strata = {}
    total, kept = 0.0, 0
    for c in range(m):
        if counts[c] < min_count:
            strata[labels[c]] = (int(counts[c]), math.nan)
            continue
        mask = codes == c
        value = float(estimator(xarr[mask], yarr[mask], **kwargs))
        strata[labels[c]] = (int(counts[c]), value / lb)
        total += counts[c] * value
        kept += counts[c]
    if kept == 0:
        raise ValueError(
            f"no value of z_labels has min_count={min_count} samples or more "
            f"(largest stratum: {int(counts.max())}); lower min_count or use coarser strata"
        )
    if kept < n:
        dropped = [lab for lab, (cnt, _) in strata.items() if cnt < min_count]
        warn(
            f"cmi_stratified left out {n - kept} of {n} samples in {len(dropped)} stratum(s) with fewer "
            f"than min_count={min_count} samples; the weights were renormalised over the rest",
            StratumWarning,
        )
    result = float(total / kept) / lb
    if return_strata:
        return result, strata
    return result
