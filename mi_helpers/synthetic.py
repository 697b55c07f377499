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


# --------------------------------------------------------------------------
# Ground-truth families beyond the bivariate Gaussian (notebook 04)
# --------------------------------------------------------------------------


def _cube(v):
    return v * v * v


#: Strictly increasing maps for :func:`monotone_gaussian_pair`.
MONOTONE_TRANSFORMS = {"exp": np.exp, "cube": _cube, "tanh": np.tanh}


def monotone_gaussian_pair(n, rho, *, transform="exp", seed):
    """A Gaussian pair seen through a strictly increasing map of each axis.

    Draws (u, v) with :func:`correlated_gaussian` (same seed, same u and v)
    and returns x = f(u), y = f(v). MI is invariant under invertible maps of
    each variable, so the true MI is still ``gaussian_mi(rho)`` =
    -0.5 ln(1 - rho^2) nats, but the pair is no longer jointly Gaussian:
    estimators that assume Gaussianity (``mi_gaussian``) or equal-width bins
    see a different, harder problem.

    Parameters
    ----------
    n : int
    rho : float in [-1, 1]
        Correlation of the underlying Gaussian pair.
    transform : {"exp", "cube", "tanh"}, default "exp"
        "exp" gives log-normal margins (skewed, long right tail), "cube"
        heavy tails on both sides, "tanh" bounded margins piled up near +-1.
    seed : int or numpy.random.Generator

    Returns
    -------
    x, y : ndarray, shape (n,)
    """
    if not isinstance(transform, str):
        raise TypeError(f"transform must be one of {sorted(MONOTONE_TRANSFORMS)}, got {type(transform).__name__}")
    if transform not in MONOTONE_TRANSFORMS:
        raise ValueError(f"transform must be one of {sorted(MONOTONE_TRANSFORMS)}, got {transform!r}")
    u, v = correlated_gaussian(n, rho, seed=seed)
    f = MONOTONE_TRANSFORMS[transform]
    return f(u), f(v)


def _check_block_cov(cov, dx):
    try:
        c = np.asarray(cov, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError("cov must be a square array of real numbers") from None
    if c.ndim != 2 or c.shape[0] != c.shape[1] or c.shape[0] < 2:
        raise ValueError(f"cov must be a square matrix of size at least 2, got shape {c.shape}")
    if not np.isfinite(c).all():
        raise ValueError("cov contains NaN or infinite values")
    if not np.allclose(c, c.T, rtol=1e-10, atol=1e-12):
        raise ValueError("cov must be symmetric")
    d = c.shape[0]
    dx = check_int(dx, "dx", minimum=1)
    if dx >= d:
        raise ValueError(f"dx must leave at least one column for y: 1 <= dx <= {d - 1}, got {dx}")
    try:
        chol = np.linalg.cholesky(c)
    except np.linalg.LinAlgError:
        raise ValueError("cov must be positive definite (a singular cov has infinite MI)") from None
    return c, dx, chol


def gaussian_blocks_mi(cov, *, dx, base=np.e) -> float:
    """Exact MI between the blocks X (first ``dx`` coordinates) and Y (the rest).

    For a Gaussian vector (X, Y) with covariance S,
    I(X;Y) = 0.5 [ln det S_xx + ln det S_yy - ln det S] [CT]_ (Cover and
    Thomas, 2006, ch. 8: the differential entropy of N(mu, S) is
    0.5 ln((2 pi e)^d det S), and I = h(X) + h(Y) - h(X, Y)).
    Computed with log-determinants from Cholesky factors, so it is stable
    for strongly dependent blocks. O(d^3).

    Parameters
    ----------
    cov : array-like, shape (d, d)
        Symmetric positive definite covariance of (X, Y).
    dx : int
        Size of the X block, 1 <= dx <= d - 1.
    base : float, default e

    Returns
    -------
    float
        MI in nats (or ``base`` units), >= 0.

    References
    ----------
    .. [CT] T. M. Cover, J. A. Thomas, Elements of Information Theory,
       2nd ed. (2006), theorem 8.4.1.
    """
    from ._validation import log_base

    lb = log_base(base)
    c, dx, chol = _check_block_cov(cov, dx)

    def logdet(m):
        return 2.0 * float(np.sum(np.log(np.diag(np.linalg.cholesky(m)))))

    ld = 2.0 * float(np.sum(np.log(np.diag(chol))))
    mi = 0.5 * (logdet(c[:dx, :dx]) + logdet(c[dx:, dx:]) - ld)
    return max(mi, 0.0) / lb


def gaussian_blocks(n, cov, *, dx, seed):
    """Draw ``n`` samples of a zero-mean Gaussian vector split into two blocks.

    Parameters
    ----------
    n : int
    cov : array-like, shape (d, d)
        Symmetric positive definite covariance of (X, Y).
    dx : int
        The first ``dx`` coordinates are X, the remaining d - dx are Y.
    seed : int or numpy.random.Generator

    Returns
    -------
    x : ndarray, shape (n, dx)
    y : ndarray, shape (n, d - dx)
        The true MI is ``gaussian_blocks_mi(cov, dx=dx)``.
    """
    n = check_int(n, "n", minimum=1)
    c, dx, chol = _check_block_cov(cov, dx)
    rng = make_rng(seed)
    z = rng.standard_normal((n, c.shape[0])) @ chol.T
    return z[:, :dx], z[:, dx:]


def _check_width(width):
    try:
        w = np.asarray(width, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"width must be a positive number or an array of them, got {type(width).__name__}") from None
    if np.asarray(width).dtype == bool:
        raise TypeError("width must be a positive number, not a bool")
    if not np.isfinite(w).all() or (w <= 0).any():
        raise ValueError(f"width must be positive and finite, got {width!r}")
    return w


def uniform_noise_mi(width, *, base=np.e):
    """Exact MI of X ~ U(0, 1) and Y = X + N with N ~ U(0, a) independent of X.

    With a = ``width``::

        I(X;Y) = a/2 - ln a    for a <= 1,
        I(X;Y) = 1 / (2a)      for a >= 1     (nats; both give 1/2 at a = 1).

    Derivation. The noise is additive and independent of X, so
    h(Y | X) = h(N) = ln a and I = h(Y) - ln a (the additive-noise step of
    Cover and Thomas, 2006, section 9.1). The density of Y = X + N is the
    convolution of two uniform densities, a trapezoid. For a <= 1 it rises
    linearly as y/a on [0, a], is 1 on [a, 1] and falls on [1, 1 + a]; each
    ramp contributes -int_0^a (y/a) ln(y/a) dy = a/4 to h(Y) and the flat part
    0, so h(Y) = a/2. For a >= 1 swap the roles: the ramps have width 1 and
    height 1/a, the flat part has length a - 1, and h(Y) = ln a + 1/(2a).
    The test suite checks both branches by numerical integration.

    Parameters
    ----------
    width : float or array-like of float > 0
    base : float, default e

    Returns
    -------
    float or ndarray
        MI in nats (or ``base`` units): large for small noise (it grows
        like -ln a as a -> 0) and decaying like 1/(2a) for wide noise.
    """
    from ._validation import log_base

    lb = log_base(base)
    a = _check_width(width)
    out = np.where(a <= 1.0, a / 2.0 - np.log(np.minimum(a, 1.0)), 0.5 / np.maximum(a, 1.0)) / lb
    return float(out) if out.ndim == 0 else out


def uniform_noise_pair(n, width, *, seed):
    """Draw X ~ U(0, 1) and Y = X + N with N ~ U(0, width) independent.

    A non-Gaussian pair whose MI is known exactly: ``uniform_noise_mi(width)``.
    Both margins are bounded and Y is trapezoidal, so a Gaussian fit
    misjudges it.

    Returns
    -------
    x, y : ndarray, shape (n,)
    """
    n = check_int(n, "n", minimum=1)
    a = _check_width(width)
    if a.ndim != 0:
        raise ValueError(f"width must be a single positive number, got shape {a.shape}")
    rng = make_rng(seed)
    u = rng.random((2, n))
    x = u[0]
    return x, x + float(a) * u[1]


__all__ += [
    "MONOTONE_TRANSFORMS",
    "gaussian_blocks",
    "gaussian_blocks_mi",
    "monotone_gaussian_pair",
    "uniform_noise_mi",
    "uniform_noise_pair",
]
