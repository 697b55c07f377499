"""Synthetic data with known ground truth.

Every sampler takes a required keyword ``seed`` (an int or a
:class:`numpy.random.Generator`), so every draw in the course reproduces.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import check_int

__all__ = ["correlated_gaussian", "joint_table_2x2", "make_rng", "noisy_gaussian_pair"]


def make_rng(seed) -> np.random.Generator:
    """Return a Generator from an int seed (or pass a Generator through).

    ``None`` is refused on purpose: an unseeded draw cannot be reproduced.
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        raise ValueError("seed must be an int or a numpy Generator; unseeded draws cannot be reproduced")
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be an int or a numpy Generator, got {type(seed).__name__}")
    if seed < 0:
        raise ValueError(f"seed must be non-negative, got {seed}")
    return np.random.default_rng(int(seed))


def _check_rho(rho) -> float:
    if isinstance(rho, bool) or not isinstance(rho, numbers.Real):
        raise TypeError(f"rho must be a real number, got {type(rho).__name__}")
    if not -1.0 <= float(rho) <= 1.0:
        raise ValueError(f"rho must lie in [-1, 1], got {rho}")
    return float(rho)


def correlated_gaussian(n, rho, *, seed):
    """Draw ``n`` pairs from a standard bivariate Gaussian with correlation ``rho``.

    Returns
    -------
    x, y : ndarray, shape (n,)
        Unit variance, zero mean, corr(x, y) = rho; the true MI is
        ``gaussian_mi(rho)`` = -0.5 ln(1 - rho^2) nats.
    """
    n = check_int(n, "n", minimum=1)
    rho = _check_rho(rho)
    rng = make_rng(seed)
    z = rng.standard_normal((2, n))
    x = z[0]
    y = rho * z[0] + np.sqrt(1.0 - rho * rho) * z[1]
    return x, y


def noisy_gaussian_pair(n, rho, noise, *, seed):
    """Correlated Gaussian pair with extra measurement noise on y.

    y_obs = y + noise * e with e ~ N(0, 1) independent, so
    corr(x, y_obs) = rho / sqrt(1 + noise^2) and the true MI is
    ``gaussian_mi(rho / sqrt(1 + noise**2))``.

    Returns
    -------
    x, y_obs : ndarray, shape (n,)
    true_rho : float
        The correlation of (x, y_obs), for the closed form.
    """
    n = check_int(n, "n", minimum=1)
    rho = _check_rho(rho)
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real) or not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a non-negative number (standard deviation), got {noise!r}")
    rng = make_rng(seed)
    z = rng.standard_normal((3, n))
    x = z[0]
    y = rho * z[0] + np.sqrt(1.0 - rho * rho) * z[1] + float(noise) * z[2]
    return x, y, rho / np.sqrt(1.0 + float(noise) ** 2)


def joint_table_2x2(p_x, p_y, dependence):
    """Joint distribution of two binary variables with given marginals.

    Parameters
    ----------
    p_x, p_y : float in [0, 1]
        P(X = 1) and P(Y = 1).
    dependence : float in [-1, 1]
        0 gives independence, P(X, Y) = P(X) P(Y). Positive values move
        P(X=1, Y=1) linearly towards its largest possible value min(p_x, p_y)
        (reached at 1); negative values towards its smallest,
        max(0, p_x + p_y - 1) (reached at -1). The marginals never change.

    Returns
    -------
    ndarray, shape (2, 2)
        ``P[i, j] = P(X = i, Y = j)``; entries are non-negative and sum to 1.
    """
    vals = {}
    for name, v, lo in (("p_x", p_x, 0.0), ("p_y", p_y, 0.0), ("dependence", dependence, -1.0)):
        if isinstance(v, bool) or not isinstance(v, numbers.Real):
            raise TypeError(f"{name} must be a real number, got {type(v).__name__}")
        if not lo <= float(v) <= 1.0:
            raise ValueError(f"{name} must lie in [{lo:g}, 1], got {v}")
        vals[name] = float(v)
    px, py, t = vals["p_x"], vals["p_y"], vals["dependence"]
    indep = px * py
    if t >= 0:
        p11 = indep + t * (min(px, py) - indep)
    else:
        p11 = indep + t * (indep - max(0.0, px + py - 1.0))
    table = np.array([[1.0 - px - py + p11, py - p11], [px - p11, p11]])
    return np.clip(table, 0.0, 1.0)


def _check_noise_sd(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number (a standard deviation), got {type(value).__name__}")
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a non-negative, finite standard deviation, got {value!r}")
    return float(value)


def gaussian_chain_cov(noise1, noise2) -> np.ndarray:
    """Covariance of the Gaussian Markov chain of :func:`gaussian_chain`.

    Parameters
    ----------
    noise1, noise2 : float >= 0
        Noise standard deviations of the links X -> Y and Y -> Z.

    Returns
    -------
    ndarray, shape (3, 3)
        Covariance of (X, Y, Z): Var X = 1, Var Y = 1 + s1^2,
        Var Z = 1 + s1^2 + s2^2, Cov(X, Y) = Cov(X, Z) = 1,
        Cov(Y, Z) = 1 + s1^2. The correlations give every pairwise MI in
        closed form, e.g. I(X;Z) = -0.5 ln(1 - 1 / (1 + s1^2 + s2^2)).
    """
    s1 = _check_noise_sd(noise1, "noise1") ** 2
    s2 = _check_noise_sd(noise2, "noise2") ** 2
    return np.array([[1.0, 1.0, 1.0], [1.0, 1.0 + s1, 1.0 + s1], [1.0, 1.0 + s1, 1.0 + s1 + s2]])


def gaussian_chain(n, noise1, noise2, *, seed):
    """Draw a Gaussian Markov chain X -> Y -> Z.

    X ~ N(0, 1), Y = X + noise1 * e1, Z = Y + noise2 * e2, with e1, e2
    independent standard normals. Z depends on X only through Y, so the data
    processing inequality I(X;Z) <= min(I(X;Y), I(Y;Z)) holds and
    I(X;Z | Y) = 0.

    Returns
    -------
    x, y, z : ndarray, shape (n,)
    cov : ndarray, shape (3, 3)
        The true covariance, :func:`gaussian_chain_cov`, for closed-form MIs.
    """
    n = check_int(n, "n", minimum=1)
    cov = gaussian_chain_cov(noise1, noise2)
    rng = make_rng(seed)
    e = rng.standard_normal((3, n))
    x = e[0]
    y = x + float(noise1) * e[1]
    z = y + float(noise2) * e[2]
    return x, y, z, cov


__all__ += ["gaussian_chain", "gaussian_chain_cov"]
