"""Entropy and MI from few samples: James-Stein shrinkage and NSB.

The plug-in entropy of a table of counts is biased low and the plug-in MI
biased high, by amounts of order (cells - 1) / (2N) (Miller 1955). For
counts whose number of cells is not small against N, this module has two
remedies and a first-order correction to compare them with:

* :func:`entropy_shrink`, :func:`mi_shrink`: James-Stein shrinkage of the
  cell frequencies toward the uniform distribution, with the intensity
  estimated from the data [HS]_ (the estimator of the R package ``entropy``,
  functions ``entropy.shrink`` and ``mi.shrink``);
* :func:`mi_miller_madow`: the plug-in MI of the table plus Miller's
  first-order correction, for comparison;
* :func:`entropy_nsb`, :func:`mi_nsb`: the Bayesian estimator of
  Nemenman, Shafee and Bialek [NSB]_: the posterior mean of the entropy
  under a mixture of Dirichlet priors chosen to be nearly flat in the
  entropy itself, computed here by numerical integration over the Dirichlet
  concentration.

All take counts over a known alphabet: a 1-D array of counts (zeros
included: empty cells count toward the alphabet size) or a 2-D table for
MI. :func:`contingency_table` builds the table from label arrays.

References
----------
.. [HS] J. Hausser, K. Strimmer, "Entropy inference and the James-Stein
   estimator, with application to nonlinear gene association networks",
   Journal of Machine Learning Research 10, 1469-1484 (2009).
.. [NSB] I. Nemenman, F. Shafee, W. Bialek, "Entropy and inference,
   revisited", Advances in Neural Information Processing Systems 14,
   471-478 (2002).
.. [N11] I. Nemenman, "Coincidences and estimation of entropies of random
   variables with large cardinalities", Entropy 13, 2013-2023 (2011).
"""

from __future__ import annotations

import math

import numpy as np
from ._validation import check_int, check_same_length, log_base

__all__ = [
    "contingency_table",
    "entropy_nsb",
    "entropy_shrink",
    "mi_miller_madow",
    "mi_nsb",
    "mi_shrink",
    "shrinkage_frequencies",
]


def _as_counts(counts, name="counts", ndim=1) -> np.ndarray:
    try:
        c = np.asarray(counts, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of non-negative counts: {exc}") from None
    if c.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-D array of counts, got shape {c.shape}")
    if c.size < 2:
        raise ValueError(f"{name} needs at least 2 cells (the alphabet), got {c.size}")
    if not np.all(np.isfinite(c)) or np.any(c < 0):
        raise ValueError(f"{name} must hold finite, non-negative counts")
    if np.any(c != np.round(c)):
        raise ValueError(f"{name} must hold whole numbers (counts, not frequencies)")
    if c.sum() < 1:
        raise ValueError(f"{name} holds no observation (all counts are 0)")
    return c


def _plugin_entropy(p: np.ndarray) -> float:
    p = p[p > 0]
    return float(-np.dot(p, np.log(p)))


def shrinkage_frequencies(counts) -> tuple[np.ndarray, float]:
    """James-Stein shrinkage of cell frequencies toward the uniform distribution.

    With u_k = y_k / N the observed frequencies over K cells and the target
    t = 1/K, the shrunk frequencies are lambda t + (1 - lambda) u_k with

        lambda = sum_k u_k (1 - u_k) / (N - 1)  /  sum_k (t - u_k)^2,

    clipped to [0, 1] (Hausser and Strimmer 2009, eq. 8; lambda = 1 when
    N = 1 or the counts are already uniform).

    Parameters
    ----------
    counts : array-like of non-negative whole numbers, any shape
        Counts of every cell of the alphabet (empty cells included).

    Returns
    -------
    freqs : ndarray, same shape as counts, summing to 1
    lam : float in [0, 1], the shrinkage intensity

    Raises
    ------
    TypeError
        If ``counts`` is not numeric.
    ValueError
        If ``counts`` has fewer than 2 cells, no observation, or a count that
        is negative, not whole or not finite.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> freqs, lam = mh.shrinkage_frequencies([4, 2, 1, 0, 0])
    >>> freqs.round(3), round(lam, 3)
    (array([0.417, 0.25 , 0.167, 0.083, 0.083]), 0.417)
    """
    try:
        y = np.asarray(counts, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"counts must be an array of non-negative counts: {exc}") from None
    _as_counts(y.ravel())
    n = y.sum()
    u = y / n
    target = 1.0 / y.size
    msp = float(np.sum((u - target) ** 2))
    if n <= 1 or msp == 0.0:
        lam = 1.0
    else:
        lam = float(np.sum(u * (1.0 - u)) / (n - 1) / msp)
        lam = min(max(lam, 0.0), 1.0)
    return lam * target + (1.0 - lam) * u, lam


def entropy_shrink(counts, *, base=math.e) -> float:
    """James-Stein shrinkage entropy of a vector of counts.

    The plug-in entropy of :func:`shrinkage_frequencies`. Much less biased
    than the plug-in entropy when the number of cells is comparable to the
    number of observations, and exact for uniform counts; it pulls toward
    ln K, so it overestimates the entropy of a very peaked distribution
    sampled sparsely. O(K).

    Parameters
    ----------
    counts : array-like, shape (K,)
        Counts over an alphabet of K cells (empty cells included).
    base : float, default e

    Returns
    -------
    float
        Nats (or ``base`` units), between 0 and ln K.

    Raises
    ------
    TypeError
        If ``counts`` is not numeric.
    ValueError
        If ``counts`` is not a 1-D array of whole, non-negative, finite counts
        with at least 2 cells and one observation, or ``base`` is invalid.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> round(mh.entropy_shrink([4, 2, 1, 0, 0]), 3)  # plug-in: 0.956; ln 5 = 1.609
    1.424
    """
    lb = log_base(base)
    freqs, _ = shrinkage_frequencies(_as_counts(counts))
    return _plugin_entropy(freqs) / lb


def mi_shrink(table, *, base=math.e) -> float:
    """James-Stein shrinkage MI of a 2-D table of counts.

    The joint frequencies of all Kx x Ky cells are shrunk toward the uniform
    table (which has MI 0) with one intensity, then the plug-in MI of the
    shrunk table is returned (R package ``entropy``, ``mi.shrink``). O(Kx Ky).

    Parameters
    ----------
    table : array-like, shape (Kx, Ky)
        Joint counts (empty cells included).
    base : float, default e

    Returns
    -------
    float
        Nats (or ``base`` units), >= 0.

    Raises
    ------
    TypeError
        If ``table`` is not numeric.
    ValueError
        If ``table`` is not a 2-D array of whole, non-negative, finite counts
        with at least 2 cells and one observation, or ``base`` is invalid.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> table = [[8, 1, 0], [1, 6, 2], [0, 1, 5]]
    >>> round(mh.mi_shrink(table), 3), round(mh.mi_from_joint(table), 3)  # shrunk toward 0, plug-in
    (0.245, 0.532)
    """
    lb = log_base(base)
    c = _as_counts(table, "table", ndim=2)
    freqs, _ = shrinkage_frequencies(c)
    h_x = _plugin_entropy(freqs.sum(axis=1))
    h_y = _plugin_entropy(freqs.sum(axis=0))
    return max(h_x + h_y - _plugin_entropy(freqs.ravel()), 0.0) / lb


# --------------------------------------------------------------------------
# NSB
# --------------------------------------------------------------------------



def mi_miller_madow(table, *, base=math.e) -> float:
    """Plug-in MI of a count table with the Miller-Madow bias correction.

    I_MM = I_plugin + (Kx + Ky - Kxy - 1) / (2N), with Kx, Ky and Kxy the
    numbers of *occupied* rows, columns and cells (Miller 1955): the sum of
    the first-order corrections (K - 1) / (2N) of the three entropies. The
    same number as ``mi_binned(x, y, correction="miller-madow")`` on the
    samples behind the table. With most cells empty it counts too few cells
    and removes too little of the bias. O(Kx Ky).

    Parameters
    ----------
    table : array-like, shape (Kx, Ky)
        Joint counts.
    base : float, default e

    Returns
    -------
    float
        Nats (or ``base`` units); can be slightly negative.

    Raises
    ------
    TypeError
        If ``table`` is not numeric.
    ValueError
        If ``table`` is not a 2-D array of whole, non-negative, finite
        counts with at least 2 cells and one observation, or ``base`` is
        invalid.

    References
    ----------
    .. [M55] G. A. Miller, "Note on the bias of information estimates", in
       Information Theory in Psychology, H. Quastler (ed.), Free Press,
       95-100 (1955).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> table = [[8, 1, 0], [1, 6, 2], [0, 1, 5]]
    >>> round(mh.mi_miller_madow(table), 3)  # plug-in 0.532 + (3 + 3 - 7 - 1) / 48
    0.49
    """
    lb = log_base(base)
    c = _as_counts(table, "table", ndim=2)
    n = c.sum()
    p = c / n
    plug = _plugin_entropy(p.sum(axis=1)) + _plugin_entropy(p.sum(axis=0)) - _plugin_entropy(p.ravel())
    occupied = np.count_nonzero(c.sum(axis=1)) + np.count_nonzero(c.sum(axis=0)) - np.count_nonzero(c) - 1
    return float(plug + occupied / (2.0 * n)) / lb


def _log_rising(a, m):
    """ln of the rising factorial a (a + 1) ... (a + m - 1) = ln Gamma(a + m) - ln Gamma(a).

    ``a`` of shape (T,), ``m`` integers of shape (V,); returns shape (T, V). For a < 1e7 the
    difference of ``gammaln`` values is accurate to about 1e-8; above, where it would lose
    all precision, the series m ln a + S1/a - S2/(2a^2) + S3/(3a^3) (S_p the power sums of
    0 .. m-1) is used instead.
    """
    from scipy.special import gammaln  # scipy.special is imported on first use: it costs ~0.2 s

    a = np.asarray(a, dtype=float)[:, None]
    m = np.asarray(m, dtype=float)[None, :]
    small = np.minimum(a, 1e7)
    exact = gammaln(small + m) - gammaln(small)
    s1 = m * (m - 1) / 2
    s2 = (m - 1) * m * (2 * m - 1) / 6
    series = m * np.log(a) + s1 / a - s2 / (2 * a**2) + s1**2 / (3 * a**3)
    return np.where(a < 1e7, exact, series)


def _dxi(beta, k):
    """d xi / d beta = K psi_1(K beta + 1) - psi_1(beta + 1), with its asymptotic series for large beta."""
    from scipy.special import polygamma

    b = np.minimum(beta, 1e3)
    exact = k * polygamma(1, k * b + 1.0) - polygamma(1, b + 1.0)
    # Above 1e3 the two trigamma values cancel to ~1/beta^2: the series instead.
    series = (1.0 - 1.0 / k) / (2.0 * beta**2) - (1.0 - 1.0 / k**2) / (6.0 * beta**3)
    return np.where(beta > 1e3, series, exact)


def _nsb_log_weight(t, count_values, multiplicity, n, k):
    """ln of [Dirichlet-multinomial evidence x d xi / d beta x beta] at beta = e^t (t an array).

    The NSB prior is flat in xi(beta) = E[H | beta] = psi(K beta + 1) - psi(beta + 1),
    so the posterior density over beta is proportional to evidence(beta) xi'(beta);
    the extra factor beta is the Jacobian of the integration variable t = ln beta. Empty
    cells contribute Gamma(0 + beta) / Gamma(beta) = 1 to the evidence, so only the
    distinct non-zero count values (with their multiplicities) enter.
    """
    beta = np.exp(t)
    evidence = _log_rising(beta, count_values) @ multiplicity - _log_rising(k * beta, [n])[:, 0]
    return evidence + np.log(_dxi(beta, k)) + t


def _posterior_mean_entropy(beta, count_values, multiplicity, n, k):
    """E[H | counts, beta] under a symmetric Dirichlet(beta) prior (Wolpert and Wolf 1995); beta an array."""
    from scipy.special import digamma

    beta = np.asarray(beta, dtype=float)
    kappa = k * beta
    occupied = (count_values[None, :] + beta[:, None]) * digamma(count_values[None, :] + beta[:, None] + 1.0)
    empty = (k - multiplicity.sum()) * beta * digamma(beta + 1.0)
    return digamma(n + kappa + 1.0) - (occupied @ multiplicity + empty) / (n + kappa)


#: Integration range in t = ln beta, and grid sizes (coarse search, then the integration grid).
_T_MIN, _T_MAX, _COARSE_STEP, _FINE_POINTS = -16.0, 25.0, 0.25, 801


def entropy_nsb(counts, *, base=math.e) -> float:
    """NSB (Nemenman-Shafee-Bialek) Bayesian entropy estimate of a vector of counts.

    Under a symmetric Dirichlet prior with concentration beta per cell the
    posterior mean of H has a closed form; NSB averages it over beta with
    the posterior of beta under the prior d xi(beta), xi(beta) = E[H | beta]
    (a prior nearly flat in H, so the prior does not decide the answer):

        H_NSB = int dbeta p(counts | beta) xi'(beta) E[H | counts, beta]
                / int dbeta p(counts | beta) xi'(beta).

    The one-dimensional integral is computed in t = ln beta: a coarse grid
    finds where the integrand is within e^-40 of its peak, and Simpson's rule
    on 801 points integrates that range. Where the weight still has not
    decayed at beta = e^25 (counts very close to uniform), the rest of its
    1/beta tail is added in closed form.

    Parameters
    ----------
    counts : array-like, shape (K,)
        Counts over an alphabet of K cells (empty cells included: K is the
        alphabet size, which the estimate depends on).
    base : float, default e

    Returns
    -------
    float
        Nats (or ``base`` units), between 0 and ln K.

    Notes
    -----
    NSB needs coincidences (cells seen more than once); with every count
    equal to 1 it has little information on the entropy beyond the prior.
    Cost: O(1000 x distinct counts) special-function evaluations, vectorised.

    Raises
    ------
    TypeError
        If ``counts`` is not numeric.
    ValueError
        If ``counts`` is not a 1-D array of whole, non-negative, finite counts
        with at least 2 cells and one observation, or ``base`` is invalid.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> round(mh.entropy_nsb([4, 2, 1, 0, 0]), 3)
    1.177
    """
    lb = log_base(base)
    c = _as_counts(counts)
    n, k = int(c.sum()), c.size
    count_values, multiplicity = np.unique(c[c > 0].astype(np.int64), return_counts=True)
    multiplicity = multiplicity.astype(float)

    def log_w(t):
        return _nsb_log_weight(t, count_values, multiplicity, n, k)

    coarse = np.arange(_T_MIN, _T_MAX + 1e-9, _COARSE_STEP)
    lw = log_w(coarse)
    inside = np.flatnonzero(lw > lw.max() - 40.0)
    lo = coarse[max(inside[0] - 1, 0)]
    hi = coarse[min(inside[-1] + 1, coarse.size - 1)]
    from scipy.integrate import simpson  # imported here: scipy.integrate costs ~0.4 s at import time

    t = np.linspace(lo, hi, _FINE_POINTS)
    lw_t = log_w(t)
    top = lw_t.max()
    w = np.exp(lw_t - top)
    h = _posterior_mean_entropy(np.exp(t), count_values, multiplicity, n, k)
    z = simpson(w, x=t)
    num = simpson(w * h, x=t)
    if hi >= _T_MAX:
        # Beyond beta = e^T the weight decays as e^-(t - T) and E[H | beta] has reached its limit.
        z += w[-1]
        num += w[-1] * h[-1]
    return float(num / z) / lb


def mi_nsb(table, *, base=math.e) -> float:
    """MI from NSB entropies: H_NSB(X) + H_NSB(Y) - H_NSB(X, Y).

    Each entropy is estimated on its own alphabet (Kx, Ky and Kx Ky cells).
    The difference of three posterior means is not itself a posterior mean
    of MI and can be slightly negative; it is reported as it is. The three
    priors are chosen independently, so they do not make a consistent prior
    on the joint distribution, and the difference can be biased, most where
    the MI is small or N is far below Kx Ky [APP]_.

    Parameters
    ----------
    table : array-like, shape (Kx, Ky)
        Joint counts (empty cells included).
    base : float, default e

    Returns
    -------
    float
        Nats (or ``base`` units).

    Raises
    ------
    TypeError
        If ``table`` is not numeric.
    ValueError
        If ``table`` is not a 2-D array of whole, non-negative, finite counts
        with at least 2 cells and one observation, or ``base`` is invalid.

    References
    ----------
    .. [APP] E. Archer, I. M. Park, J. W. Pillow, "Bayesian and
       quasi-Bayesian estimators for mutual information from discrete data",
       Entropy 15, 1738-1755 (2013).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> round(mh.mi_nsb([[8, 1, 0], [1, 6, 2], [0, 1, 5]]), 3)
    0.346
    """
    lb = log_base(base)
    c = _as_counts(table, "table", ndim=2)
    return (entropy_nsb(c.sum(axis=1)) + entropy_nsb(c.sum(axis=0)) - entropy_nsb(c.ravel())) / lb


def contingency_table(x, y, *, kx=None, ky=None) -> np.ndarray:
    """Joint counts of two label arrays over alphabets of known size.

    Parameters
    ----------
    x, y : array-like of int, shape (n,)
        Labels in 0 .. kx - 1 and 0 .. ky - 1 (for example bin indices from
        :func:`mi_helpers.discretize`).
    kx, ky : int, optional
        Alphabet sizes; default: the largest label + 1. Give them when some
        labels may be absent from a small sample: the shrinkage and NSB
        estimates depend on the alphabet size.

    Returns
    -------
    ndarray of int, shape (kx, ky)

    Raises
    ------
    TypeError
        If x or y is not a 1-D array of integers.
    ValueError
        If a label is negative or not below its alphabet size, or x and y
        differ in length.

    Examples
    --------
    >>> import numpy as np, mi_helpers as mh
    >>> mh.contingency_table(np.array([0, 1, 1, 2]), np.array([0, 0, 1, 1]), kx=3, ky=3)
    array([[1, 0, 0],
           [1, 1, 0],
           [0, 1, 0]])
    """
    xa = np.asarray(x)
    ya = np.asarray(y)
    for a, name in ((xa, "x"), (ya, "y")):
        if a.ndim != 1 or not np.issubdtype(a.dtype, np.integer):
            raise TypeError(f"{name} must be a 1-D array of integer labels, got dtype {a.dtype} and shape {a.shape}")
        if a.size and a.min() < 0:
            raise ValueError(f"{name} labels must be non-negative")
    check_same_length(("x", xa), ("y", ya))
    kx = int(xa.max()) + 1 if kx is None else check_int(kx, "kx", minimum=1)
    ky = int(ya.max()) + 1 if ky is None else check_int(ky, "ky", minimum=1)
    if xa.max() >= kx or ya.max() >= ky:
        raise ValueError(f"labels exceed the alphabet: max x {xa.max()} (kx = {kx}), max y {ya.max()} (ky = {ky})")
    return np.bincount(xa * ky + ya, minlength=kx * ky).reshape(kx, ky)
