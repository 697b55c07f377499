"""Synthetic data with known ground truth.

Every sampler takes a required keyword ``seed`` (an int or a
:class:`numpy.random.Generator`), so every draw in the course reproduces.
"""

from __future__ import annotations

import functools
import numbers

import numpy as np

from ._validation import as_covariance, check_int

__all__ = ["correlated_gaussian", "joint_table_2x2", "make_rng", "noisy_gaussian_pair"]


def make_rng(seed) -> np.random.Generator:
    """Return a Generator from an int seed (or pass a Generator through).

    ``None`` is refused on purpose: an unseeded draw cannot be reproduced.

    Parameters
    ----------
    seed : int >= 0 or numpy.random.Generator
        The seed of a new generator, or a generator to use as it is.

    Returns
    -------
    numpy.random.Generator

    Raises
    ------
    ValueError
        If ``seed`` is None or negative.
    TypeError
        If ``seed`` is neither an int nor a Generator.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> mh.make_rng(0).integers(0, 10, 3)
    array([8, 6, 5])
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

    Parameters
    ----------
    n : int >= 1
        Number of pairs.
    rho : float in [-1, 1]
        Correlation.
    seed : int or numpy.random.Generator
        Required.

    Returns
    -------
    x, y : ndarray, shape (n,)
        Unit variance, zero mean, corr(x, y) = rho; the true MI is
        ``gaussian_mi(rho)`` = -0.5 ln(1 - rho^2) nats.

    Raises
    ------
    ValueError
        If ``n`` is below 1, ``rho`` is outside [-1, 1], or ``seed`` is None.
    TypeError
        If ``n`` is not an integer or ``rho`` is not a number.

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> x, y = mh.correlated_gaussian(10000, 0.6, seed=0)
    >>> round(float(np.corrcoef(x, y)[0, 1]), 2), round(mh.gaussian_mi(0.6), 4)
    (0.59, 0.2231)
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

    Parameters
    ----------
    n : int >= 1
        Number of pairs.
    rho : float in [-1, 1]
        Correlation of the noise-free pair.
    noise : float >= 0
        Standard deviation of the extra noise on y.
    seed : int or numpy.random.Generator
        Required.

    Returns
    -------
    x, y_obs : ndarray, shape (n,)
    true_rho : float
        The correlation of (x, y_obs), for the closed form.

    Raises
    ------
    ValueError
        If ``n`` is below 1, ``rho`` is outside [-1, 1], ``noise`` is negative
        or not a number, or ``seed`` is None.
    TypeError
        If ``n`` is not an integer or ``rho`` is not a number.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> x, y, true_rho = mh.noisy_gaussian_pair(5000, 0.8, 1.0, seed=0)
    >>> round(float(true_rho), 4), round(mh.gaussian_mi(true_rho), 4)
    (0.5657, 0.1928)
    """
    n = check_int(n, "n", minimum=1)
    rho = _check_rho(rho)
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real) or not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a non-negative number (standard deviation), got {noise!r}")
    rng = make_rng(seed)
    # One row of three normals per point: with the same seed, a larger n keeps the
    # first n points (x, e1 and e2 alike) and only appends new ones.
    z = rng.standard_normal((n, 3))
    x = z[:, 0]
    y = rho * z[:, 0] + np.sqrt(1.0 - rho * rho) * z[:, 1] + float(noise) * z[:, 2]
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

    Raises
    ------
    ValueError
        If ``p_x`` or ``p_y`` is outside [0, 1] or ``dependence`` outside [-1, 1].
    TypeError
        If an argument is not a real number.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> mh.joint_table_2x2(0.5, 0.5, 0.0)
    array([[0.25, 0.25],
           [0.25, 0.25]])
    >>> round(mh.mi_from_joint(mh.joint_table_2x2(0.5, 0.5, 1.0), base=2), 4)  # Y = X
    1.0
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

    Raises
    ------
    ValueError
        If a noise level is negative or not finite.
    TypeError
        If a noise level is not a real number.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> mh.gaussian_chain_cov(1.0, 0.5)
    array([[1.  , 1.  , 1.  ],
           [1.  , 2.  , 2.  ],
           [1.  , 2.  , 2.25]])
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

    Parameters
    ----------
    n : int >= 1
        Number of samples.
    noise1, noise2 : float >= 0
        Noise standard deviations of the links X -> Y and Y -> Z.
    seed : int or numpy.random.Generator
        Required.

    Returns
    -------
    x, y, z : ndarray, shape (n,)
    cov : ndarray, shape (3, 3)
        The true covariance, :func:`gaussian_chain_cov`, for closed-form MIs.

    Raises
    ------
    ValueError
        If ``n`` is below 1, a noise level is negative, or ``seed`` is None.
    TypeError
        If ``n`` is not an integer or a noise level is not a number.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> x, y, z, cov = mh.gaussian_chain(5000, 1.0, 1.0, seed=0)
    >>> round(mh.gaussian_cmi(cov, 0, 2), 4), round(mh.gaussian_cmi(cov, 0, 2, 1), 4)  # I(X;Z), I(X;Z|Y)
    (0.2027, 0.0)
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

    Raises
    ------
    ValueError
        If ``transform`` is unknown, ``n`` is below 1, ``rho`` is outside
        [-1, 1], or ``seed`` is None.
    TypeError
        If ``transform`` is not a string.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> x, y = mh.monotone_gaussian_pair(5000, 0.6, transform="exp", seed=0)
    >>> round(mh.gaussian_mi(0.6), 3), round(mh.mi_ksg(x, y), 3), round(mh.mi_gaussian(x, y), 3)
    (0.223, 0.231, 0.166)
    """
    if not isinstance(transform, str):
        raise TypeError(f"transform must be one of {sorted(MONOTONE_TRANSFORMS)}, got {type(transform).__name__}")
    if transform not in MONOTONE_TRANSFORMS:
        raise ValueError(f"transform must be one of {sorted(MONOTONE_TRANSFORMS)}, got {transform!r}")
    u, v = correlated_gaussian(n, rho, seed=seed)
    f = MONOTONE_TRANSFORMS[transform]
    return f(u), f(v)


def _check_block_cov(cov, dx):
    c = as_covariance(cov)
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

    Raises
    ------
    ValueError
        If ``cov`` is not a symmetric positive definite matrix of size 2 or
        more, or ``dx`` is outside 1..d-1.
    TypeError
        If ``cov`` is not numeric or ``dx`` is not an integer.

    References
    ----------
    .. [CT] T. M. Cover, J. A. Thomas, Elements of Information Theory,
       2nd ed. (2006), theorem 8.4.1.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> round(mh.gaussian_blocks_mi([[1.0, 0.6], [0.6, 1.0]], dx=1), 4)  # -0.5 ln(1 - 0.36)
    0.2231
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

    Raises
    ------
    ValueError
        If ``cov`` is not symmetric positive definite, ``dx`` is outside
        1..d-1, ``n`` is below 1, or ``seed`` is None.
    TypeError
        If ``cov`` is not numeric or ``n`` or ``dx`` is not an integer.

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> cov = np.array([[1.0, 0.0, 0.5], [0.0, 1.0, 0.5], [0.5, 0.5, 1.0]])
    >>> x, y = mh.gaussian_blocks(4000, cov, dx=2, seed=0)
    >>> x.shape, y.shape, round(mh.gaussian_blocks_mi(cov, dx=2), 3), round(mh.mi_ksg(x, y), 3)
    ((4000, 2), (4000, 1), 0.347, 0.366)
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

    Raises
    ------
    ValueError
        If a width is not positive and finite, or ``base`` is invalid.
    TypeError
        If ``width`` is not a number (or array of numbers), or is a bool.

    References
    ----------
    .. [CT] T. M. Cover, J. A. Thomas, Elements of Information Theory, 2nd ed.
       (2006), section 9.1.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> mh.uniform_noise_mi(1.0), mh.uniform_noise_mi(2.0)
    (0.5, 0.25)
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

    Parameters
    ----------
    n : int >= 1
        Number of pairs.
    width : float > 0
        Width a of the uniform noise.
    seed : int or numpy.random.Generator
        Required.

    Returns
    -------
    x, y : ndarray, shape (n,)

    Raises
    ------
    ValueError
        If ``n`` is below 1, ``width`` is not a single positive number, or
        ``seed`` is None.
    TypeError
        If ``width`` is not a number.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> x, y = mh.uniform_noise_pair(5000, 0.5, seed=0)
    >>> round(mh.uniform_noise_mi(0.5), 3), round(mh.mi_ksg(x, y), 3)
    (0.943, 0.918)
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


# --------------------------------------------------------------------------
# A gallery of relations: correlation versus MI (notebook 03)
# --------------------------------------------------------------------------

#: The relation kinds of :func:`relation_sample`, in gallery order.
RELATIONS = ("linear", "quadratic", "sine", "circle", "checkerboard", "heteroscedastic", "independent")

# The occupied squares (column, row) of the 5 x 5 checkerboard on [-1, 1]^2:
# those with column + row even, 13 squares of side 0.4.
_CHECKER_SIDE = 0.4
_CHECKER_CELLS = np.array([(c, r) for c in range(5) for r in range(5) if (c + r) % 2 == 0])

#: Population standard deviation of the noise-free y of each relation (for the
#: circle, of each coordinate). ``noise`` in :func:`relation_sample` is the
#: noise standard deviation in these units, so one noise level blurs every
#: relation by the same fraction of its own spread.
RELATION_SIGNAL_SD = {
    "linear": 1.0,  # y = x, x ~ N(0, 1)
    "quadratic": (4.0 / 45.0) ** 0.5,  # Var(x^2) = E x^4 - (E x^2)^2 = 1/5 - 1/9 for x ~ U(-1, 1)
    "sine": 0.5**0.5,  # Var(cos(2 pi x)) = 1/2 over whole periods
    "circle": 0.5**0.5,  # Var(cos t) = Var(sin t) = 1/2
    # rows 0, 2, 4 hold 3 squares each and rows 1, 3 two: Var(row) = 28/13, plus 1/12 within a square
    "checkerboard": _CHECKER_SIDE * (28.0 / 13.0 + 1.0 / 12.0) ** 0.5,
    "heteroscedastic": (1.0 / 3.0) ** 0.5,  # Var(x e) = E x^2 = 1/3
    "independent": 1.0,
}


def _relation_linear(z, u, s):
    """x ~ N(0, 1), y = x + s e: the jointly Gaussian case.

    corr(x, y) = 1 / sqrt(1 + noise^2) and the true MI is the Gaussian closed
    form -0.5 ln(1 - rho^2) = 0.5 ln(1 + 1 / noise^2) nats.
    """
    x = z[:, 0]
    return x, x + s * z[:, 2]


def _relation_quadratic(z, u, s):
    """x ~ U(-1, 1), y = x^2 + s e: a parabola.

    y is an even function of a symmetric x, so the population Pearson and
    Spearman correlations are exactly 0 although y depends on x strongly.
    """
    x = 2.0 * u[:, 0] - 1.0
    return x, x * x + s * z[:, 2]


def _relation_sine(z, u, s):
    """x ~ U(-1, 1), y = cos(2 pi x) + s e: two periods of a sine wave.

    The wave's phase (a cosine is a sine shifted by a quarter period) makes y
    even in x, so the population Pearson and Spearman correlations are 0.
    """
    x = 2.0 * u[:, 0] - 1.0
    return x, np.cos(2.0 * np.pi * x) + s * z[:, 2]


def _relation_circle(z, u, s):
    """Angle t ~ U(0, 2 pi), x = cos t + s e1, y = sin t + s e2: a noisy ring.

    Noise on both coordinates. Reflections of the ring leave the law
    unchanged, so the population Pearson and Spearman correlations are 0.
    """
    t = 2.0 * np.pi * u[:, 0]
    return np.cos(t) + s * z[:, 3], np.sin(t) + s * z[:, 2]


def _relation_checkerboard(z, u, s):
    """Uniform on the 13 dark squares of a 5 x 5 board on [-1, 1]^2, plus s e on y.

    The dark squares are those whose column + row is even. Without noise the
    true MI is exactly (9/13) ln(13/3) + (4/13) ln(13/2) - (9/13) ln 3 - (4/13) ln 2
    = 0.617 nats (h(Y) minus h(Y | X), both piecewise uniform). The board is
    symmetric under x -> -x, so the population correlations are 0. (An even
    board, say 4 x 4, would not be: its diagonal squares give corr = 0.19.)
    """
    cell = np.minimum((len(_CHECKER_CELLS) * u[:, 0]).astype(np.intp), len(_CHECKER_CELLS) - 1)
    col, row = _CHECKER_CELLS[cell].T
    x = (col + u[:, 1]) * _CHECKER_SIDE - 1.0
    y = (row + u[:, 3]) * _CHECKER_SIDE - 1.0
    return x, y + s * z[:, 2]


def _relation_heteroscedastic(z, u, s):
    """x ~ U(-1, 1), y = x e1 + s e2: the spread of y grows with |x|.

    E[y | x] = 0 for every x: the dependence lives in the variance only, so
    the population Pearson and Spearman correlations are 0 (a bow tie shape).
    """
    x = 2.0 * u[:, 0] - 1.0
    return x, x * z[:, 1] + s * z[:, 2]


def _relation_independent(z, u, s):
    """x ~ N(0, 1) and y ~ N(0, 1 + s^2) independent: every measure is 0."""
    return z[:, 0], z[:, 1] + s * z[:, 2]


_RELATION_FUNCS = {
    "linear": _relation_linear,
    "quadratic": _relation_quadratic,
    "sine": _relation_sine,
    "circle": _relation_circle,
    "checkerboard": _relation_checkerboard,
    "heteroscedastic": _relation_heteroscedastic,
    "independent": _relation_independent,
}


def _check_relation(kind) -> str:
    """Return ``kind`` after checking it names one of ``RELATIONS``."""
    if not isinstance(kind, str):
        raise TypeError(f"kind must be one of {RELATIONS}, got {type(kind).__name__}")
    if kind not in _RELATION_FUNCS:
        raise ValueError(f"kind must be one of {RELATIONS}, got {kind!r}")
    return kind


def _check_noise(noise) -> float:
    """Return ``noise`` as a float after checking it is finite and >= 0."""
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real):
        raise TypeError(f"noise must be a non-negative number, got {type(noise).__name__}")
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite non-negative number (a standard deviation ratio), got {noise!r}")
    return float(noise)


def relation_sample(kind, n, noise, *, seed):
    """Draw ``n`` pairs (x, y) from one of the named relations of ``RELATIONS``.

    Parameters
    ----------
    kind : str
        One of ``RELATIONS`` (each is documented in its own function
        ``_relation_<kind>``):

        - "linear": x ~ N(0, 1), y = x + noise; jointly Gaussian, so
          corr = 1 / sqrt(1 + noise^2) and the MI has the closed form.
        - "quadratic": x ~ U(-1, 1), y = x^2 + noise.
        - "sine": x ~ U(-1, 1), y = cos(2 pi x) + noise (two periods).
        - "circle": a ring of radius 1, noise on both coordinates.
        - "checkerboard": uniform on the dark squares of a 5 x 5 board on
          [-1, 1]^2, noise on y.
        - "heteroscedastic": x ~ U(-1, 1), y = x e + noise, e ~ N(0, 1):
          the spread of y depends on x, its mean does not.
        - "independent": x ~ N(0, 1), y ~ N(0, 1) + noise, independent.

        All but "linear" have population Pearson and Spearman correlations
        of exactly 0 by symmetry; all but "independent" have MI > 0.
    n : int >= 1
    noise : float >= 0
        Standard deviation of the Gaussian noise added to y (and to x for
        the circle), in units of ``RELATION_SIGNAL_SD[kind]``, the spread of
        the noise-free signal: 0.2 means noise with a fifth of the signal's
        standard deviation, for every relation.
    seed : int or numpy.random.Generator

    Returns
    -------
    x, y : ndarray, shape (n,)

    Raises
    ------
    ValueError
        If ``kind`` is unknown, ``n`` is below 1, ``noise`` is negative or not
        finite, or ``seed`` is None.
    TypeError
        If ``kind`` is not a string, ``n`` not an integer, or ``noise`` not a
        number.

    Notes
    -----
    One seeded base draw of standard normals, shape (n, 4), drives
    everything (uniforms are their normal CDF values); ``noise`` only scales
    the noise columns. So for a fixed seed, changing ``noise`` moves the
    points and nothing else, and the first m pairs of a draw of n > m pairs
    are exactly the draw of m pairs (the base draw fills row by row).
    The true MI of each relation is :func:`mi_helpers.association.relation_truth`.
    O(n).

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> x, y = mh.relation_sample("circle", 3000, 0.1, seed=0)
    >>> round(float(np.corrcoef(x, y)[0, 1]), 2), round(mh.mi_ksg(x, y), 2), round(mh.relation_truth("circle", 0.1)["mi"], 2)
    (-0.03, 0.9, 0.91)
    """
    from scipy.special import ndtr  # the normal CDF; imported here to keep this module light

    kind = _check_relation(kind)
    n = check_int(n, "n", minimum=1)
    noise = _check_noise(noise)
    rng = make_rng(seed)
    z = rng.standard_normal((n, 4))
    u = ndtr(z)  # U(0, 1) in distribution, strictly inside (0, 1)
    x, y = _RELATION_FUNCS[kind](z, u, noise * RELATION_SIGNAL_SD[kind])
    return np.ascontiguousarray(x, dtype=np.float64), np.ascontiguousarray(y, dtype=np.float64)


__all__ += ["RELATIONS", "RELATION_SIGNAL_SD", "relation_sample"]


# --------------------------------------------------------------------------
# A bivariate Gaussian seen through ever finer bins (notebook 01)
# --------------------------------------------------------------------------


def _check_positive(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a positive number, got {type(value).__name__}")
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return float(value)


def _check_cuts(cuts, name: str) -> np.ndarray:
    try:
        c = np.asarray(cuts, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of real numbers") from None
    if c.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {c.shape}")
    if not np.isfinite(c).all():
        raise ValueError(f"{name} must hold finite numbers")
    if c.size > 1 and not (np.diff(c) > 0).all():
        raise ValueError(f"{name} must be strictly increasing")
    return c


#: Most cells of a table from :func:`gaussian_cell_table` (keeps memory near 1 GB at worst).
_MAX_TABLE_CELLS = 4_000_000


@functools.lru_cache(maxsize=1)
def _gauss_legendre_8():
    """Nodes and weights of 8-point Gauss-Legendre quadrature on [-1, 1], computed once."""
    t, w = np.polynomial.legendre.leggauss(8)
    t.setflags(write=False)
    w.setflags(write=False)
    return t, w


def gaussian_cell_table(rho, x_cuts, y_cuts) -> np.ndarray:
    """Exact cell probabilities of a standard bivariate Gaussian cut at given points.

    X and Y are standard normal with correlation ``rho``. X is cut at the
    interior points ``x_cuts`` into the cells (-inf, c1), [c1, c2), ...,
    [cm, inf), and Y likewise. This is the one place the course computes
    the ground truth of discretised Gaussian data: the MI of the table
    (:func:`~mi_helpers.mi_from_joint`) is the MI of the two cell labels,
    which by the data processing inequality never exceeds
    -0.5 ln(1 - rho^2) and tends to it as the cells shrink (Cover & Thomas,
    *Elements of Information Theory*, 2nd ed., 2006, sec. 8.3).

    Parameters
    ----------
    rho : float in (-1, 1)
        Correlation of the pair (unit variances, zero means).
    x_cuts, y_cuts : array-like, shape (m,)
        Strictly increasing interior cut points, in standard deviations.
        Empty: a single cell on that axis.

    Returns
    -------
    ndarray, shape (len(x_cuts) + 1, len(y_cuts) + 1)
        ``P[i, j] = P(X in cell i, Y in cell j)``, summing to 1.

    Raises
    ------
    ValueError
        If ``rho`` is not strictly inside (-1, 1), a cut list is not 1-D,
        not finite or not strictly increasing, or the table would have more
        than 4,000,000 cells.
    TypeError
        If ``rho`` is not a real number or the cuts are not numeric.

    Notes
    -----
    P[i, j] is the integral over x-cell i of phi(x) [Phi((b_j - rho x)/s) -
    Phi((a_j - rho x)/s)], s = sqrt(1 - rho^2): the y-probabilities are
    exact normal CDFs, the x-integral is 8-point Gauss-Legendre quadrature
    on panels no wider than min(0.25, s/2), over x in [-L, L] with L at
    least 8.5 (the mass beyond, 2 Phi(-8.5) = 2e-17, is dropped and the
    table renormalised). Accurate to about 1e-12 per cell. Cost
    O(panels x cells of y).

    Examples
    --------
    One cut at 0 on each axis: P(both positive) = 1/4 + arcsin(rho) / (2 pi)
    (Sheppard's formula).

    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> p = mh.gaussian_cell_table(0.5, [0.0], [0.0])
    >>> bool(abs(p[1, 1] - (0.25 + np.arcsin(0.5) / (2 * np.pi))) < 1e-12)
    True
    """
    from scipy.special import ndtr

    rho = _check_rho(rho)
    if abs(rho) == 1.0:
        raise ValueError("rho must lie strictly inside (-1, 1): at |rho| = 1 the pair has no joint density")
    cx = _check_cuts(x_cuts, "x_cuts")
    cy = _check_cuts(y_cuts, "y_cuts")
    if (cx.size + 1) * (cy.size + 1) > _MAX_TABLE_CELLS:
        raise ValueError(f"{cx.size + 1} x {cy.size + 1} cells is more than {_MAX_TABLE_CELLS:,}; use fewer cuts")
    s = float(np.sqrt(1.0 - rho * rho))
    reach = max(8.5, float(np.abs(cx).max(initial=0.0)) + 1.0)
    x_edges = np.concatenate([[-reach], cx, [reach]])
    # Split every x-cell into equal panels no wider than h: the integrand varies on the scale s.
    h = min(0.25, s / 2.0)
    n_panels = np.maximum(1, np.ceil(np.diff(x_edges) / h - 1e-9)).astype(np.intp)
    cell = np.repeat(np.arange(cx.size + 1), n_panels)
    step = np.repeat(np.diff(x_edges) / n_panels, n_panels)
    first = np.repeat(x_edges[:-1], n_panels)
    within = np.arange(cell.size) - np.repeat(np.cumsum(n_panels) - n_panels, n_panels)
    lo = first + within * step
    t, w = _gauss_legendre_8()
    xq = (lo + step / 2)[:, None] + (step / 2)[:, None] * t[None, :]  # (panels, 8)
    wq = (step / 2)[:, None] * w[None, :] * np.exp(-0.5 * xq * xq) / np.sqrt(2.0 * np.pi)
    y_edges = np.concatenate([[-np.inf], cy, [np.inf]])
    table = np.zeros((cx.size + 1, cy.size + 1))
    # Panels in chunks, so the (panels, 8, cells) CDF array stays small.
    chunk = max(1, 2_000_000 // (8 * y_edges.size))
    for a in range(0, cell.size, chunk):
        b = min(a + chunk, cell.size)
        cdf = ndtr((y_edges[None, None, :] - rho * xq[a:b, :, None]) / s)
        np.add.at(table, cell[a:b], np.einsum("pq,pqj->pj", wq[a:b], np.diff(cdf, axis=2)))
    table = np.maximum(table, 0.0)
    return table / table.sum()


def discretized_gaussian_table(rho, width, *, limit=8.0):
    """Exact cell probabilities of a standard bivariate Gaussian on a square grid.

    The bins are ``[j w, (j + 1) w)`` for integers j, w = ``width``, inside
    ``[-L, L]`` with L = ``limit`` rounded up to a multiple of w; the two
    outermost bins of each axis extend to infinity. Grids whose widths halve
    are therefore nested, so their MI can only grow as w shrinks.

    Parameters
    ----------
    rho : float in (-1, 1)
        Correlation of the pair (unit variances, zero means).
    width : float > 0
        Bin width w, in standard deviations.
    limit : float > 0, default 8
        Half-width of the gridded range, in standard deviations.

    Returns
    -------
    ndarray, shape (B, B)
        ``P[i, j] = P(X in bin i, Y in bin j)``, summing to 1; computed by
        :func:`gaussian_cell_table`. Its :func:`~mi_helpers.mi_from_joint`
        is the MI of the binned pair, which never exceeds
        -0.5 ln(1 - rho^2) and tends to it as ``width`` -> 0.

    Raises
    ------
    ValueError
        If ``rho`` is not strictly inside (-1, 1), ``width`` or ``limit`` is
        not a positive finite number, or the grid would have more than
        20,000 bins per axis.
    TypeError
        If ``rho``, ``width`` or ``limit`` is not a real number.

    Examples
    --------
    Halving the width of nested grids can only raise the MI, towards the
    continuous value 0.2231 nats:

    >>> import mi_helpers as mh
    >>> [round(mh.mi_from_joint(mh.discretized_gaussian_table(0.6, w)), 4) for w in (1.0, 0.5, 0.1)]
    [0.1832, 0.2119, 0.2227]
    >>> mh.discretized_gaussian_table(0.6, 1.0).shape  # 16 bins per axis over +-8
    (16, 16)
    """
    width = _check_positive(width, "width")
    limit = _check_positive(limit, "limit")
    half = int(np.ceil(limit / width - 1e-9))
    if 2 * half > 20_000:
        raise ValueError(f"width {width} gives {2 * half} bins per axis over +-{limit}; use a width of at least {limit / 10_000:.3g}")
    cuts = width * np.arange(-half + 1, half, dtype=np.float64)
    return gaussian_cell_table(rho, cuts, cuts)


def gaussian_binned_mi(rho, x_cuts, y_cuts, *, base=np.e) -> float:
    """Exact MI of the bin labels of a standard bivariate Gaussian.

    X is cut at ``x_cuts`` and Y at ``y_cuts`` (interior cut points, in
    standard deviations; the outer cells take every value beyond), as in
    :func:`gaussian_cell_table`. The result is the quantity a histogram
    estimate with these bins estimates. By the data processing inequality it
    is at most -0.5 ln(1 - rho^2), and it tends to that value as the cuts
    become finer and wider.

    Parameters
    ----------
    rho : float in (-1, 1)
        Correlation of the pair (unit variances, zero means).
    x_cuts, y_cuts : array-like, shape (m,)
        Strictly increasing interior cut points, e.g.
        ``np.histogram_bin_edges(x, 10)[1:-1]`` for the equal-width bins of a
        sample ``x``. Empty: one cell, MI 0.
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float
        MI in nats (or ``base`` units).

    Raises
    ------
    ValueError
        If ``rho`` is not strictly inside (-1, 1), a cut list is not 1-D,
        not finite or not strictly increasing, or the table would have more
        than 4,000,000 cells; or ``base`` is not a valid base.
    TypeError
        If ``rho`` is not a real number, the cuts are not numeric, or ``base`` is
        not a number.

    Examples
    --------
    Signs only (one cut at 0 on each axis): with P(both positive) =
    1/4 + arcsin(rho) / (2 pi) = p and q = 1/2 - p, the MI is
    2 p ln(4p) + 2 q ln(4q).

    >>> import math
    >>> import mi_helpers as mh
    >>> p = 0.25 + math.asin(0.6) / (2 * math.pi)
    >>> q = 0.5 - p
    >>> round(mh.gaussian_binned_mi(0.6, [0.0], [0.0]), 10) == round(2 * p * math.log(4 * p) + 2 * q * math.log(4 * q), 10)
    True
    >>> round(mh.gaussian_binned_mi(0.0, [0.0], [0.0]), 12)  # independent
    0.0
    """
    from .estimators import mi_from_joint

    return mi_from_joint(gaussian_cell_table(rho, x_cuts, y_cuts), base=base)


def rounded_gaussian_mi(rho, step, *, base=np.e) -> float:
    """Exact MI of a standard bivariate Gaussian pair after rounding to a grid.

    X and Y have unit variance and correlation ``rho``; each is recorded as
    the nearest multiple of ``step`` (cells [(j - 1/2) step, (j + 1/2) step)).
    The result is the MI of the two recorded, discrete values, the quantity
    any estimator applied to rounded data can at best recover. It is at most
    -0.5 ln(1 - rho^2) and tends to it as step -> 0.

    Parameters
    ----------
    rho : float, -0.999 <= rho <= 0.999
        Correlation of the continuous pair.
    step : float, 0.02 <= step <= 10
        Width of the rounding cells, in standard deviations.
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float
        I(round(X); round(Y)) in nats (or ``base`` units), from
        :func:`gaussian_cell_table` on cells out to 8.5 standard deviations.

    Raises
    ------
    ValueError
        If ``rho`` is outside [-0.999, 0.999], ``step`` outside [0.02, 10],
        or ``base`` is not a valid base.
    TypeError
        If ``rho`` or ``step`` is not a finite real number, or ``base`` is
        not a number.

    Examples
    --------
    Rounding to a tenth of a standard deviation loses little; to whole
    standard deviations, a fifth of the information:

    >>> import mi_helpers as mh
    >>> round(mh.gaussian_mi(0.6), 4), round(mh.rounded_gaussian_mi(0.6, 0.1), 4), round(mh.rounded_gaussian_mi(0.6, 1.0), 4)
    (0.2231, 0.2227, 0.1832)
    """
    for name, value in (("rho", rho), ("step", step)):
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value):
            raise TypeError(f"{name} must be a finite real number, got {value!r}")
    rho, step = float(rho), float(step)
    if abs(rho) > 0.999:
        raise ValueError(f"rho must lie in [-0.999, 0.999], got {rho}")
    if not 0.02 <= step <= 10.0:
        raise ValueError(f"step must lie in [0.02, 10] standard deviations, got {step}")
    half = int(np.ceil(8.5 / step))
    cuts = step * (np.arange(-half, half) + 0.5)
    return gaussian_binned_mi(rho, cuts, cuts, base=base)


__all__ += ["discretized_gaussian_table", "gaussian_binned_mi", "gaussian_cell_table", "rounded_gaussian_mi"]
