"""How much to trust an estimate: sampling distributions, bias and spread.

An MI estimate computed from one sample is one draw from a *sampling
distribution*: redraw the data and you get another number. The functions here
draw many seeded samples from a ground-truth family, apply an estimator to
each, and summarise the spread of the results against the known truth.

References
----------
.. [MM] G. A. Miller, "Note on the bias of information estimates", in
   Information Theory in Psychology (1955), 95-100.
.. [Pan] L. Paninski, "Estimation of entropy and mutual information",
   Neural Computation 15, 1191-1253 (2003): the bias of the plug-in
   estimator; no unbiased estimator exists, and the 1/(2n) expansion holds
   only when n is much larger than the number of cells.
"""

from __future__ import annotations

import math
import numbers
from typing import Callable, NamedTuple

import numpy as np

from ._validation import as_labels, check_int, check_same_length, log_base
from .synthetic import make_rng

__all__ = [
    "BiasVariance",
    "bias_variance",
    "occupied_cells",
    "plugin_mi_bias",
    "sampling_distribution",
]


def sampling_distribution(estimator: Callable, sampler: Callable, *, n, repeats, seed, **estimator_kwargs) -> np.ndarray:
    """Estimates of MI over ``repeats`` independent, seeded samples of size ``n``.

    For r = 0, ..., repeats - 1 this draws ``x, y = sampler(n, seed=g_r)`` and
    records ``estimator(x, y, **estimator_kwargs)``. The generators g_r are
    spawned from ``seed`` (:meth:`numpy.random.Generator.spawn`), so the
    samples are statistically independent of each other, the whole array
    reproduces from ``seed``, and the first r estimates do not depend on
    ``repeats`` (asking for more repeats only appends).

    Parameters
    ----------
    estimator : callable ``estimator(x, y, **estimator_kwargs) -> float``
        For example :func:`mi_helpers.estimators.mi_ksg`.
    sampler : callable ``sampler(n, seed=...) -> (x, y, ...)``
        Draws one sample of size ``n`` from a generator passed as ``seed``,
        e.g. ``functools.partial(correlated_gaussian, rho=0.6)``. Only the
        first two items of what it returns are used, so samplers that also
        return a truth (like :func:`~mi_helpers.synthetic.noisy_gaussian_pair`)
        work unchanged.
    n : int
        Sample size of each draw (at least 2).
    repeats : int
        Number of independent samples (at least 1).
    seed : int or numpy.random.Generator
        Required; the same int gives the same array. A Generator is advanced
        (it spawns the children), so a second call with it gives new samples.
    **estimator_kwargs
        Passed to ``estimator`` (``k=5``, ``bins=10``, ...).

    Returns
    -------
    ndarray of float, shape (repeats,)
        The estimates, in the estimator's units (nats for every
        ``mi_helpers`` estimator unless it was given ``base``).

    Raises
    ------
    ValueError
        If ``n`` is below 2, ``repeats`` below 1, or ``seed`` is None or
        negative.
    TypeError
        If ``estimator`` or ``sampler`` is not callable, the sampler does not
        return a pair, or the estimator does not return a real number.

    Notes
    -----
    Cost: ``repeats`` times the cost of one draw plus one estimate, e.g.
    O(repeats n log n) for KSG and O(repeats n^2) for KDE; memory O(n) at a
    time. No work is shared between repeats.

    Examples
    --------
    >>> from functools import partial
    >>> import mi_helpers as mh
    >>> est = mh.sampling_distribution(mh.mi_ksg, partial(mh.correlated_gaussian, rho=0.6), n=500, repeats=20, seed=0)
    >>> est.shape, round(float(est.mean()), 2), round(mh.gaussian_mi(0.6), 2)
    ((20,), 0.22, 0.22)
    """
    if not callable(estimator):
        raise TypeError(f"estimator must be a callable estimator(x, y, **kwargs), got {type(estimator).__name__}")
    if not callable(sampler):
        raise TypeError(f"sampler must be a callable sampler(n, seed=...), got {type(sampler).__name__}")
    n = check_int(n, "n", minimum=2)
    repeats = check_int(repeats, "repeats", minimum=1)
    children = make_rng(seed).spawn(repeats)
    out = np.empty(repeats)
    for r, rng in enumerate(children):
        drawn = sampler(n, seed=rng)
        if not isinstance(drawn, (tuple, list)) or len(drawn) < 2:
            raise TypeError("sampler must return a tuple (x, y, ...) of at least two arrays")
        value = estimator(drawn[0], drawn[1], **estimator_kwargs)
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"estimator must return a real number, got {type(value).__name__}")
        out[r] = float(value)
    return out


class BiasVariance(NamedTuple):
    """Summary of estimates against a known truth (same units as the estimates).

    ``rmse**2 == bias**2 + sd**2`` exactly, because ``sd`` divides by the
    number of estimates (ddof = 0).
    """

    bias: float
    sd: float
    rmse: float


def bias_variance(estimates, truth) -> BiasVariance:
    """Bias, standard deviation and root-mean-square error of estimates.

    Parameters
    ----------
    estimates : array-like of float, shape (r,)
        Repeated estimates, e.g. from :func:`sampling_distribution`.
    truth : float
        The true value, in the same units.

    Returns
    -------
    BiasVariance
        ``bias`` = mean(estimates) - truth; ``sd`` = their standard deviation
        (ddof = 0); ``rmse`` = sqrt(mean((estimates - truth)^2)), so
        rmse^2 = bias^2 + sd^2. The bias itself is uncertain by about
        sd / sqrt(r). O(r).

    Raises
    ------
    ValueError
        If ``estimates`` is empty, not 1-D or holds NaN or infinite values, or
        ``truth`` is not a finite number.
    TypeError
        If ``estimates`` is not numeric.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> bv = mh.bias_variance([0.9, 1.1, 1.3], truth=1.0)
    >>> round(bv.bias, 4), round(bv.sd, 4), round(bv.rmse, 4)
    (0.1, 0.1633, 0.1915)
    """
    try:
        est = np.asarray(estimates, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError("estimates must be an array of real numbers") from None
    if est.ndim != 1 or est.size == 0:
        raise ValueError(f"estimates must be a non-empty 1-D array, got shape {est.shape}")
    if not np.isfinite(est).all():
        raise ValueError("estimates contain NaN or infinite values")
    if isinstance(truth, bool) or not isinstance(truth, numbers.Real) or not math.isfinite(truth):
        raise ValueError(f"truth must be a finite real number, got {truth!r}")
    err = est - float(truth)
    bias = float(err.mean())
    sd = float(est.std())
    rmse = float(np.sqrt(np.mean(err * err)))
    return BiasVariance(bias, sd, rmse)


def plugin_mi_bias(bins_x, bins_y, n, *, cells=None, base=math.e) -> float:
    """First-order bias of the plug-in (histogram) MI: (Kxy - Kx - Ky + 1) / (2n).

    The expected plug-in MI of n samples exceeds the MI of the binned
    variables by about (Kxy - Kx - Ky + 1) / (2n), with Kx, Ky the numbers
    of bins and Kxy the number of joint cells that carry probability [MM]_
    [Pan]_. When every one of the Bx By cells does (``cells=None``), this is
    (Bx - 1)(By - 1) / (2n); for independent X and Y, 2n times the plug-in
    MI (in nats) is then approximately chi-squared with (Bx - 1)(By - 1)
    degrees of freedom (the G-test). Miller-Madow subtracts the same term
    with K counted from the sample (the non-empty cells, see
    :func:`occupied_cells`).

    Parameters
    ----------
    bins_x, bins_y : int
        Numbers of (occupied) bins Kx, Ky, at least 1.
    n : int
        Sample size, at least 1.
    cells : int, optional
        Number of occupied joint cells Kxy, between max(Kx, Ky) and Kx Ky.
        Default: all Kx Ky cells.
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float
        The approximate bias in nats (or ``base`` units). A first-order
        approximation that assumes n much larger than the number of cells
        and an expected count well above 1 in each cell counted; no
        estimator of MI is unbiased for every distribution [Pan]_. O(1).

    Raises
    ------
    ValueError
        If a count is below 1 or ``base`` is invalid.
    TypeError
        If a count is not an integer.

    References
    ----------
    .. [MM] G. A. Miller, "Note on the bias of information estimates", in
       Information Theory in Psychology (1955), 95-100.
    .. [Pan] L. Paninski, "Estimation of entropy and mutual information",
       Neural Computation 15, 1191-1253 (2003).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> mh.plugin_mi_bias(10, 10, 1000)
    0.0405
    """
    lb = log_base(base)
    bx = check_int(bins_x, "bins_x", minimum=1)
    by = check_int(bins_y, "bins_y", minimum=1)
    n = check_int(n, "n", minimum=1)
    if cells is None:
        kxy = bx * by
    else:
        kxy = check_int(cells, "cells", minimum=1)
        if not max(bx, by) <= kxy <= bx * by:
            raise ValueError(f"cells must lie between max(bins_x, bins_y) = {max(bx, by)} and bins_x * bins_y = {bx * by}, got {kxy}")
    return (kxy - bx - by + 1) / (2.0 * n) / lb


def occupied_cells(x_labels, y_labels) -> tuple[int, int, int]:
    """Numbers of distinct values of x, of y and of the pairs (x, y).

    These are Kx, Ky and Kxy, the non-empty bins and cells of a histogram,
    as :func:`plugin_mi_bias` (``cells=``) and the Miller-Madow correction
    use them.

    Parameters
    ----------
    x_labels, y_labels : array-like, shape (n,)
        Discrete labels (bin codes, strings, ...).

    Returns
    -------
    (int, int, int)
        ``(kx, ky, kxy)``. O(n log n) for encoding the labels; the pairs are
        counted in O(n + Kx Ky) when the table is small (Kx Ky at most
        4n + 1024), by sorting otherwise.

    Raises
    ------
    ValueError
        If the two differ in length, are empty, or hold missing labels.
    TypeError
        If either mixes label types.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> mh.occupied_cells([0, 0, 1, 1, 2], ["a", "b", "a", "a", "b"])  # pairs (0,a) (0,b) (1,a) (2,b)
    (3, 2, 4)
    """
    cx, mx = as_labels(x_labels, "x_labels")
    cy, my = as_labels(y_labels, "y_labels")
    check_same_length(("x_labels", cx), ("y_labels", cy))
    joint = cx.astype(np.int64) * my + cy
    if mx * my <= 4 * joint.size + 1024:
        kxy = np.count_nonzero(np.bincount(joint, minlength=mx * my))
    else:
        kxy = np.unique(joint).size
    return int(mx), int(my), int(kxy)
