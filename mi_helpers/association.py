"""Correlation and mutual information side by side (notebook 03).

Pearson's r measures linear dependence, Spearman's rho monotone dependence,
and MI any dependence, in nats. The *information coefficient of correlation*
of Linfoot [Linfoot]_,

    r_I = sqrt(1 - exp(-2 I)),

maps an MI value I (nats) to [0, 1) so it can be read on the correlation
scale: it is the ``|correlation|`` of the bivariate Gaussian with the same MI,
since a Gaussian pair has I = -0.5 ln(1 - rho^2) and so r_I = ``|rho|`` exactly.

:func:`relation_truth` gives the population values of the four numbers for
the relations of :func:`mi_helpers.synthetic.relation_sample`, the MI by
one-dimensional numerical integration.

Two other measures that are zero only under independence, for comparison:
:func:`distance_correlation` (Szekely, Rizzo & Bakirov 2007) with its
Gaussian population value :func:`gaussian_distance_correlation`, and the
kernel measure :func:`hsic` (Gretton et al. 2005). Neither has a unit of
information.

References
----------
.. [Linfoot] E. H. Linfoot, "An informational measure of correlation",
   Information and Control 1(1), 85-89 (1957).
.. [Kruskal] W. H. Kruskal, "Ordinal measures of association", Journal of
   the American Statistical Association 53, 814-861 (1958): Spearman's rho of
   a bivariate Gaussian is (6 / pi) arcsin(rho / 2).
.. [CT] T. M. Cover, J. A. Thomas, Elements of Information Theory, 2nd ed.
   (2006): differential entropy, h(X + Y) for independent X, Y.
"""

from __future__ import annotations

import math

import numpy as np

from ._validation import as_continuous, check_same_length, log_base
from .estimators import gaussian_mi, mi_ksg
from .synthetic import _CHECKER_CELLS, _CHECKER_SIDE, RELATION_SIGNAL_SD, _check_noise, _check_relation

__all__ = ["association_table", "information_coefficient", "relation_truth"]


def information_coefficient(mi, *, base=math.e, tol=0.25):
    """Linfoot's information coefficient of correlation, sqrt(1 - exp(-2 I)).

    Parameters
    ----------
    mi : float or array-like
        Mutual information in units of ``base`` (nats by default). ``inf``
        is allowed and maps to 1.
    base : float, default e
        The unit of ``mi``: e for nats, 2 for bits. It is converted to nats
        before the formula is applied, so the answer does not depend on it.
    tol : float >= 0, default 0.25
        Negative values down to ``-tol`` nats are clipped to 0 (IC = 0):
        the true MI is never negative, but estimators such as KSG return
        slightly negative values for independent data, and those mean "no
        evidence of dependence". Values below ``-tol`` nats are too
        negative to be estimation noise; they point to a bug (a sign error,
        a difference of two MIs) and raise ValueError.

    Returns
    -------
    float or ndarray
        r_I in [0, 1] (a float for a scalar input). It equals ``|rho|`` for a
        bivariate Gaussian with correlation rho, is 0 exactly when I = 0
        and tends to 1 as I grows [Linfoot]_. O(size of ``mi``).

    Raises
    ------
    ValueError
        If ``mi`` holds NaN or a value below ``-tol`` nats, ``tol`` is
        negative, or ``base`` is invalid.
    TypeError
        If ``mi`` or ``tol`` is not a number (or an array of numbers).

    Notes
    -----
    Unlike ``|rho|``, r_I is unchanged by any invertible transformation of
    either variable, because MI is. It says nothing about the sign or the
    shape of the dependence.

    References
    ----------
    .. [Linfoot] E. H. Linfoot, "An informational measure of correlation",
       Information and Control 1(1), 85-89 (1957).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> round(mh.information_coefficient(mh.gaussian_mi(0.6)), 4)  # |rho| of a Gaussian pair
    0.6
    >>> mh.information_coefficient([0.0, 1.0, float("inf")]).round(4)
    array([0.    , 0.9299, 1.    ])
    """
    lb = log_base(base)
    if isinstance(tol, bool) or not isinstance(tol, (int, float, np.integer, np.floating)):
        raise TypeError(f"tol must be a non-negative number of nats, got {type(tol).__name__}")
    if not tol >= 0:  # also rejects NaN
        raise ValueError(f"tol must be a non-negative number of nats, got {tol!r}")
    try:
        arr = np.asarray(mi)
    except (TypeError, ValueError):
        arr = np.asarray(None)  # ragged input: rejected just below
    if arr.dtype.kind not in "iuf":  # also refuses bools, strings and complex numbers
        raise TypeError(f"mi must be a number or an array of numbers (nats unless base says otherwise), got {type(mi).__name__}")
    arr = arr.astype(np.float64, copy=False)
    if np.isnan(arr).any():
        raise ValueError("mi contains NaN")
    nats = arr * lb
    if (nats < -tol).any():
        worst = float(nats.min())
        raise ValueError(
            f"mi must be non-negative; got {worst:.4g} nats. Estimates slightly below 0 (down to -{tol:g} "
            "nats, see tol) are estimation noise and are clipped to 0, but this is too negative to be one."
        )
    nats = np.maximum(nats, 0.0)
    out = np.sqrt(-np.expm1(-2.0 * nats))  # expm1 keeps small MI accurate; inf gives exactly 1
    return float(out) if out.ndim == 0 else out


def _as_pair(x, y, min_samples):
    xa = as_continuous(x, "x", min_samples=min_samples)
    ya = as_continuous(y, "y", min_samples=min_samples)
    for name, a in (("x", xa), ("y", ya)):
        if a.shape[1] != 1:
            raise ValueError(f"{name} must be 1-D (a correlation is between two variables), got {a.shape[1]} columns")
        if np.ptp(a) == 0:
            raise ValueError(f"{name} is constant: its correlation with anything is undefined")
    check_same_length(("x", xa), ("y", ya))
    return xa[:, 0], ya[:, 0]


def association_table(x, y, *, k=3, base=math.e) -> dict:
    """Pearson, Spearman, MI (KSG) and the information coefficient of one pair.

    Parameters
    ----------
    x, y : array-like, shape (n,)
        Continuous samples, n > k, neither constant.
    k : int, default 3
        Neighbours of the KSG estimator (:func:`mi_helpers.mi_ksg`).
    base : float, default e
        Unit of ``"mi"``: e for nats, 2 for bits.

    Returns
    -------
    dict
        ``"pearson"``: sample Pearson r in [-1, 1]; ``"spearman"``: Pearson r
        of the ranks (ties get their average rank), as
        :func:`scipy.stats.spearmanr`; ``"mi"``: the KSG estimate in ``base``
        units (it can be slightly negative); ``"ic"``: the information
        coefficient of that estimate, negative estimates counting as 0.

    Raises
    ------
    ValueError
        If ``x`` or ``y`` is not 1-D, is constant, holds NaN or infinite
        values, they differ in length, or have too few samples for ``k``.
    TypeError
        If ``x`` or ``y`` is not numeric, or ``k`` is not an integer.

    Notes
    -----
    Cost O(n log n), dominated by the KSG neighbour search.

    References
    ----------
    .. [Linfoot] E. H. Linfoot, "An informational measure of correlation",
       Information and Control 1(1), 85-89 (1957).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> x, y = mh.correlated_gaussian(3000, 0.6, seed=0)
    >>> {name: round(value, 2) for name, value in mh.association_table(x, y).items()}
    {'pearson': 0.6, 'spearman': 0.59, 'mi': 0.23, 'ic': 0.61}
    """
    from scipy.stats import rankdata  # scipy.stats is slow to import; only needed here

    xv, yv = _as_pair(x, y, min_samples=2)
    mi = mi_ksg(xv, yv, k=k, base=base)
    return {
        "pearson": float(np.corrcoef(xv, yv)[0, 1]),
        "spearman": float(np.corrcoef(rankdata(xv), rankdata(yv))[0, 1]),
        "mi": mi,
        # Any negative KSG value is estimation noise around 0, however small the sample.
        "ic": information_coefficient(mi, base=base, tol=math.inf),
    }


# --------------------------------------------------------------------------
# Population values of the relations of synthetic.relation_sample
# --------------------------------------------------------------------------

_MAX_CELLS = 1 << 15
_SQRT_2PI = math.sqrt(2.0 * math.pi)

# Each noise-free signal W is described by its CDF F(w) = P(W <= w) and its partial first
# moment M(w) = E[W; W <= w], both exact, as a function ``w -> (F, M)``.


def _special():
    """scipy.special, imported on first use (it costs ~0.2 s at package import)."""
    from scipy import special

    return special


def _gaussian_signal(w):
    """W ~ N(0, 1): F = Phi(w), M = -phi(w)."""
    return _special().ndtr(w), -np.exp(-0.5 * w * w) / _SQRT_2PI


def _quadratic_signal(w):
    """W = x^2 with x ~ U(-1, 1): F = sqrt(w), M = w^(3/2) / 3 on [0, 1]."""
    c = np.clip(w, 0.0, 1.0)
    return np.sqrt(c), c * np.sqrt(c) / 3.0


def _arcsine_signal(w):
    """W = cos T with T uniform over whole periods: F = 1 - arccos(w) / pi, M = -sqrt(1 - w^2) / pi."""
    c = np.clip(w, -1.0, 1.0)
    return 1.0 - np.arccos(c) / math.pi, -np.sqrt(1.0 - c * c) / math.pi


def _scale_mixture_signal(w):
    """W = x e with x ~ U(-1, 1), e ~ N(0, 1).

    Its density, from integrating phi(w / a) / a over a = |x| in (0, 1), is
    E1(w^2 / 2) / (2 sqrt(2 pi)) with E1 the exponential integral, so
    F = Phi(w) + w E1(w^2 / 2) / (2 sqrt(2 pi)) and
    M = ((w^2 / 2) E1(w^2 / 2) - exp(-w^2 / 2)) / (2 sqrt(2 pi)).
    """
    u = 0.5 * w * w
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        e1 = _special().exp1(u)
        w_e1 = np.where(u == 0, 0.0, w * e1)  # w E1(w^2/2) -> 0 as w -> 0
        u_e1 = np.where(u == 0, 0.0, u * e1)
    return _special().ndtr(w) + w_e1 / (2.0 * _SQRT_2PI), (u_e1 - np.exp(-u)) / (2.0 * _SQRT_2PI)


def _rows_signal(rows):
    """W uniform on the given checkerboard rows, each equally likely."""
    a = np.array([r * _CHECKER_SIDE - 1.0 for r in rows])

    def signal(w):
        c = np.clip(np.asarray(w, dtype=np.float64)[..., None], a, a + _CHECKER_SIDE)
        return ((c - a) / _CHECKER_SIDE).mean(axis=-1), ((c * c - a * a) / (2.0 * _CHECKER_SIDE)).mean(axis=-1)

    return signal


def _blur(mass, sd_cells):
    """Convolve a 1-D array with a sampled, normalised Gaussian of ``sd_cells`` cells (via FFT).

    The kernel reaches 8 standard deviations each way; the output has the
    input's length and centre. FFT round-off (~1e-17) is clipped at 0.
    """
    half = int(np.ceil(8.0 * sd_cells))
    kernel = np.exp(-0.5 * (np.arange(-half, half + 1) / sd_cells) ** 2)
    kernel /= kernel.sum()
    size = len(mass) + len(kernel) - 1
    nfft = 1 << int(np.ceil(np.log2(size)))
    full = np.fft.irfft(np.fft.rfft(mass, nfft) * np.fft.rfft(kernel, nfft), nfft)[:size]
    return np.maximum(full[half : half + len(mass)], 0.0)


def _entropy_of_blurred(signal, lo, hi, s) -> float:
    """Differential entropy (nats) of W + s E, E ~ N(0, 1) independent of W in [lo, hi].

    W's mass in each cell of a uniform grid and the mean of W within the
    cell come from ``signal`` (exact, even where W's density is infinite).
    Each cell's mass is split between the two nearest grid points so that
    both the mass and the mean are kept; the Gaussian is then applied as a
    sampled kernel and h = -sum m_i ln(m_i / dy). The grid step is s / 32,
    which keeps the error below about 3e-5 nats.
    """
    pad = 8.0 * s
    width = hi - lo + 2.0 * pad
    dy = max(s / 32.0, width / _MAX_CELLS)
    cells = int(np.ceil(width / dy))
    edges = lo - pad + dy * np.arange(cells + 1)
    f, m = signal(edges)
    mass, moment = np.diff(f), np.diff(m)
    with np.errstate(invalid="ignore", divide="ignore"):
        offset = np.where(mass > 0, (moment / mass - edges[:-1]) / dy - 0.5, 0.0)  # in cells, in [-0.5, 0.5]
    offset = np.clip(np.nan_to_num(offset), -0.5, 0.5)
    gridded = mass * (1.0 - np.abs(offset))
    gridded[1:] += (mass * np.maximum(offset, 0.0))[:-1]
    gridded[:-1] += (mass * np.maximum(-offset, 0.0))[1:]
    if s > 0:
        gridded = _blur(gridded, s / dy)
    gridded = gridded[gridded > 0]
    gridded /= gridded.sum()
    return float(-np.dot(gridded, np.log(gridded / dy)))


def _gaussian_entropy(s) -> float:
    return 0.5 * math.log(2.0 * math.pi * math.e * s * s)


def _checkerboard_mi(s) -> float:
    cols = _CHECKER_CELLS[:, 0]
    even = np.unique(_CHECKER_CELLS[cols % 2 == 0, 1])
    odd = np.unique(_CHECKER_CELLS[cols % 2 == 1, 1])
    p_even = float(np.mean(cols % 2 == 0))  # 9 of the 13 squares
    if s == 0:
        # Piecewise uniform: h(Y) = H(row) + ln(side), h(Y | column) = ln(rows in the column x side).
        p_row = np.bincount(_CHECKER_CELLS[:, 1]) / len(_CHECKER_CELLS)
        return float(-np.dot(p_row, np.log(p_row)) - p_even * math.log(len(even)) - (1 - p_even) * math.log(len(odd)))
    sig_even, sig_odd = _rows_signal(even), _rows_signal(odd)

    def sig_all(w):
        fe, me = sig_even(w)
        fo, mo = sig_odd(w)
        return p_even * fe + (1 - p_even) * fo, p_even * me + (1 - p_even) * mo

    h_y = _entropy_of_blurred(sig_all, -1.0, 1.0, s)
    h_y_given_x = p_even * _entropy_of_blurred(sig_even, -1.0, 1.0, s) + (1 - p_even) * _entropy_of_blurred(sig_odd, -1.0, 1.0, s)
    return h_y - h_y_given_x


def _heteroscedastic_mi(s) -> float:
    # Given x, y is Gaussian with variance x^2 + s^2; averaging h(Y | X = x) over x ~ U(-1, 1)
    # uses int_0^1 ln(x^2 + s^2) dx = ln(1 + s^2) - 2 + 2 s arctan(1 / s).
    mean_log_var = math.log1p(s * s) - 2.0 + (2.0 * s * math.atan(1.0 / s) if s > 0 else 0.0)
    h_y_given_x = 0.5 * math.log(2.0 * math.pi * math.e) + 0.5 * mean_log_var
    h_y = _entropy_of_blurred(_scale_mixture_signal, -7.5, 7.5, s)  # P(|x e| > 7.5) < 1e-13
    return h_y - h_y_given_x


def _circle_mi(s) -> float:
    # I = h(X) + h(Y) - h(X, Y), and h(X) = h(Y) by symmetry (cos t + noise). The joint density
    # is radial: g(r) = exp(-(r - 1)^2 / (2 s^2)) _special().i0e(r / s^2) / (2 pi s^2), a unit ring blurred
    # by an isotropic Gaussian, so h(X, Y) = -int_0^inf 2 pi r g ln g dr, a 1-D integral.
    h_x = _entropy_of_blurred(_arcsine_signal, -1.0, 1.0, s)
    r = np.linspace(0.0, 1.0 + 10.0 * s, 20001)[1:]
    log_g = -((r - 1.0) ** 2) / (2.0 * s * s) + np.log(_special().i0e(r / (s * s))) - math.log(2.0 * math.pi * s * s)
    h_xy = -float(np.sum(2.0 * math.pi * r * np.exp(log_g) * log_g) * (r[1] - r[0]))
    return 2.0 * h_x - h_xy


def _relation_mi_nats(kind, noise) -> float:
    s = noise * RELATION_SIGNAL_SD[kind]
    if kind == "independent":
        return 0.0
    if kind == "checkerboard":
        return _checkerboard_mi(s)
    if kind == "heteroscedastic":
        return _heteroscedastic_mi(s)
    if s == 0:
        return math.inf  # y (or the ring point) is a function of x up to finitely many values
    if kind == "linear":
        return gaussian_mi(1.0 / math.sqrt(1.0 + noise * noise))
    if kind == "circle":
        return _circle_mi(s)
    signal, lo = (_quadratic_signal, 0.0) if kind == "quadratic" else (_arcsine_signal, -1.0)
    # Noise added to y independently of x: h(Y | X) = h(noise), so I = h(Y) - h(noise).
    return _entropy_of_blurred(signal, lo, 1.0, s) - _gaussian_entropy(s)


def relation_truth(kind, noise, *, base=math.e) -> dict:
    """Population Pearson, Spearman, MI and information coefficient of a relation.

    Parameters
    ----------
    kind : str
        One of :data:`mi_helpers.synthetic.RELATIONS`.
    noise : float >= 0
        As in :func:`mi_helpers.synthetic.relation_sample`.
    base : float, default e
        Unit of ``"mi"``.

    Returns
    -------
    dict
        ``"pearson"``, ``"spearman"``: exact. For "linear" rho = 1 / sqrt(1 +
        noise^2) and Spearman (6 / pi) arcsin(rho / 2) [Kruskal]_; every
        other relation is symmetric under x -> -x (or, for the independent
        pair, independent), so both are 0. ``"mi"``: the true MI in ``base``
        units; ``"ic"``: its information coefficient.

    Raises
    ------
    ValueError
        If ``kind`` is not one of ``RELATIONS``, ``noise`` is negative or not
        finite, or ``base`` is invalid.
    TypeError
        If ``kind`` is not a string or ``noise`` is not a number.

    Notes
    -----
    The MI is exact in closed form for "linear" (Gaussian), "independent"
    (0) and the noise-free checkerboard ((9/13) ln(13/3) + (4/13) ln(13/2)
    - (9/13) ln 3 - (4/13) ln 2 = 0.617 nats). Otherwise it is a 1-D
    numerical integral, accurate to about 1e-4 nats for noise >= 0.01
    (a slightly negative result is reported as 0). With noise added to y
    independently of x, I = h(Y) - h(noise), and h(Y) is the entropy of the
    noise-free signal (whose CDF is known in closed form) blurred by the
    Gaussian noise [CT]_. The circle uses I = 2 h(X) - h(X, Y) with the
    radial joint density of a blurred ring; the heteroscedastic pair has
    h(Y | X) in closed form. Noise-free linear, quadratic, sine and circle
    relations have infinite MI. Cost: a few milliseconds.

    References
    ----------
    .. [Kruskal] W. H. Kruskal, "Ordinal measures of association", Journal of
       the American Statistical Association 53, 814-861 (1958).
    .. [CT] T. M. Cover, J. A. Thomas, Elements of Information Theory, 2nd ed.
       (2006)

    Examples
    --------
    >>> import mi_helpers as mh
    >>> truth = mh.relation_truth("quadratic", 0.2)
    >>> truth["pearson"], round(truth["mi"], 3)  # no correlation, plenty of information
    (0.0, 1.435)
    """
    kind = _check_relation(kind)
    noise = _check_noise(noise)
    lb = log_base(base)
    if kind == "linear":
        rho = 1.0 / math.sqrt(1.0 + noise * noise)
        pearson, spearman = rho, 6.0 / math.pi * math.asin(rho / 2.0)
    else:
        pearson = spearman = 0.0
    mi = max(_relation_mi_nats(kind, noise), 0.0)  # integration error can leave -1e-5 where I is ~0
    return {"pearson": pearson, "spearman": spearman, "mi": mi / lb, "ic": information_coefficient(mi)}


# --------------------------------------------------------------------------
# Distance correlation and HSIC: other measures that vanish only under independence
# --------------------------------------------------------------------------

#: Largest sample the O(n^2)-memory measures below accept (two n x n float matrices).
MAX_PAIRWISE_SAMPLES = 10_000


def _as_sample(a, name, min_samples=2):
    arr = as_continuous(a, name, min_samples=min_samples)
    if arr.shape[0] > MAX_PAIRWISE_SAMPLES:
        raise ValueError(
            f"{name} has {arr.shape[0]} samples; this measure builds n x n matrices and accepts at most "
            f"{MAX_PAIRWISE_SAMPLES} (subsample first)"
        )
    return arr


def _distances(a: np.ndarray) -> np.ndarray:
    """Euclidean distance matrix of the rows of ``a`` (n, d)."""
    if a.shape[1] == 1:
        v = a[:, 0]
        return np.abs(v[:, None] - v[None, :])
    from scipy.spatial.distance import cdist

    return cdist(a, a)


def _double_centre(m: np.ndarray) -> np.ndarray:
    """m - row means - column means + grand mean (in place; m is symmetric)."""
    means = m.mean(axis=0)
    m -= means[None, :]
    m -= means[:, None]
    m += means.mean()
    return m


def distance_correlation(x, y) -> float:
    """Sample distance correlation of Szekely, Rizzo & Bakirov (2007).

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Paired samples (any dimensions, Euclidean distances), n >= 2.

    Returns
    -------
    float
        dCor_n in [0, 1], unitless: sqrt(dCov^2 / sqrt(dVar^2(x) dVar^2(y)))
        with the V-statistic dCov^2 = mean(A * B) of the double-centred
        distance matrices A and B [SRB]_. Its population value is 0 if and
        only if X and Y are independent (finite first moments); it is 1 for
        y = a + b C x with C orthogonal; 0 when either sample is constant.

    Raises
    ------
    ValueError
        If ``x`` and ``y`` differ in length, have fewer than 2 samples or
        more than ``MAX_PAIRWISE_SAMPLES``, or hold NaN or infinite values.
    TypeError
        If ``x`` or ``y`` is not numeric.

    Notes
    -----
    Unlike MI, dCor changes under monotone maps of a variable (it is
    invariant only to shifts, rotations and a common scaling). For a
    bivariate Gaussian it is a function of ``|rho|`` below ``|rho|``
    (:func:`gaussian_distance_correlation`). The sample value is biased
    upwards under independence (about 1/sqrt(n) in size). O(n^2) time and
    memory; n <= ``MAX_PAIRWISE_SAMPLES``.

    References
    ----------
    .. [SRB] G. J. Szekely, M. L. Rizzo, N. K. Bakirov, "Measuring and
       testing dependence by correlation of distances", Annals of
       Statistics 35(6), 2769-2794 (2007).

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> x = np.linspace(-1.0, 1.0, 200)
    >>> round(mh.distance_correlation(x, 1.0 - 3.0 * x), 12)  # a linear map: exactly 1
    1.0
    >>> x, y = mh.correlated_gaussian(2000, 0.6, seed=0)
    >>> round(mh.distance_correlation(x, y), 2), round(mh.gaussian_distance_correlation(0.6), 2)  # sample, population
    (0.54, 0.55)
    """
    xa = _as_sample(x, "x")
    ya = _as_sample(y, "y")
    check_same_length(("x", xa), ("y", ya))
    a = _double_centre(_distances(xa))
    b = _double_centre(_distances(ya))
    dcov2 = float(np.mean(a * b))
    dvar2 = float(np.mean(a * a)) * float(np.mean(b * b))
    if dvar2 <= 0.0:
        return 0.0
    return float(math.sqrt(max(dcov2, 0.0) / math.sqrt(dvar2)))


def gaussian_distance_correlation(rho):
    """Population distance correlation of a bivariate Gaussian with correlation ``rho``.

    R^2 = (rho arcsin(rho) + sqrt(1 - rho^2) - rho arcsin(rho / 2)
    - sqrt(4 - rho^2) + 1) / (1 + pi / 3 - sqrt(3)), Theorem 7 of [SRB]_.

    Parameters
    ----------
    rho : float or array-like in [-1, 1]
        Correlation(s) of the Gaussian pair.

    Returns
    -------
    float or ndarray
        R in [0, 1] (a float for a scalar ``rho``); R <= ``|rho|``, with
        equality only at rho = 0 and ``|rho|`` = 1.

    Raises
    ------
    ValueError
        If a value is NaN or outside [-1, 1].
    TypeError
        If ``rho`` is not a number or an array of numbers.

    References
    ----------
    .. [SRB] G. J. Szekely, M. L. Rizzo, N. K. Bakirov, "Measuring and
       testing dependence by correlation of distances", Annals of
       Statistics 35(6), 2769-2794 (2007).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> mh.gaussian_distance_correlation([0.0, 0.6, -0.6, 1.0]).round(4)  # below |rho| in between
    array([0.    , 0.5502, 0.5502, 1.    ])
    """
    if isinstance(rho, (str, bytes, bool, np.bool_)):
        raise TypeError(f"rho must be a number or an array of numbers, got {type(rho).__name__} {rho!r}")
    try:
        r = np.asarray(rho, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"rho must be a number or an array of numbers, got {type(rho).__name__}") from None
    if np.isnan(r).any() or (np.abs(r) > 1).any():
        raise ValueError(f"rho must lie in [-1, 1], got {rho!r}")
    r = np.abs(r)  # R depends on |rho| only
    num = r * np.arcsin(r) + np.sqrt(1 - r * r) - r * np.arcsin(r / 2) - np.sqrt(4 - r * r) + 1
    out = np.sqrt(np.maximum(num, 0.0) / (1 + math.pi / 3 - math.sqrt(3)))
    return float(out) if out.ndim == 0 else out


def _bandwidth(d: np.ndarray, bandwidth, name: str) -> float:
    if isinstance(bandwidth, str):
        if bandwidth != "median":
            raise ValueError(f"bandwidth must be 'median' or a positive number, got {bandwidth!r}")
        # Each distinct pair appears twice in the symmetric matrix, which leaves the median unchanged.
        positive = d[d > 0]
        return float(np.median(positive)) if positive.size else 1.0
    if isinstance(bandwidth, bool) or not isinstance(bandwidth, (int, float, np.integer, np.floating)):
        raise TypeError(f"bandwidth must be 'median' or a positive number, got {type(bandwidth).__name__}")
    if not (math.isfinite(bandwidth) and bandwidth > 0):
        raise ValueError(f"bandwidth for {name} must be a positive finite number, got {bandwidth!r}")
    return float(bandwidth)


def _centred_gaussian_gram(a: np.ndarray, bandwidth, name: str):
    d = _distances(a)
    sigma = _bandwidth(d, bandwidth, name)
    d *= d
    d *= -0.5 / (sigma * sigma)
    np.exp(d, out=d)
    return _double_centre(d), sigma


def hsic(x, y, *, bandwidth="median", normalize=False) -> float:
    """Hilbert-Schmidt independence criterion with Gaussian kernels (biased estimate).

    Parameters
    ----------
    x, y : array-like, shape (n,) or (n, d)
        Paired samples, n >= 2.
    bandwidth : "median", float or pair, default "median"
        Kernel width sigma of ``k(a, b) = exp(-|a - b|^2 / (2 sigma^2))``, per
        variable. "median": the median distance between distinct sample
        points (the usual heuristic of Gretton et al. 2008). A pair gives
        (sigma_x, sigma_y).
    normalize : bool, default False
        False: HSIC_b = tr(K H L H) / n^2 [Gretton2005]_. True: that value
        divided by sqrt(HSIC_b(x, x) HSIC_b(y, y)), which lies in [0, 1]
        (the centred kernel alignment of the two Gram matrices).

    Returns
    -------
    float
        Unitless and >= 0. The population HSIC is 0 if and only if X and Y
        are independent (the Gaussian kernel is characteristic), but its
        size depends on the kernels and has no unit of information.

    Notes
    -----
    K and L are the Gram matrices, H = I - 11'/n centres them. The
    estimate is biased upwards by O(1/n). With the distance-induced kernel
    instead of a Gaussian one, HSIC_b is dCov^2 / 4 (Sejdinovic et al.,
    Annals of Statistics 41, 2013). O(n^2) time and memory;
    n <= ``MAX_PAIRWISE_SAMPLES``.

    Raises
    ------
    ValueError
        If ``x`` and ``y`` differ in length, have fewer than 2 samples or
        more than ``MAX_PAIRWISE_SAMPLES``, hold NaN or infinite values, or
        ``bandwidth`` is neither "median" nor a positive number (or a pair
        of them).
    TypeError
        If ``x`` or ``y`` is not numeric, ``bandwidth`` is neither a string
        nor a number, or ``normalize`` is not a bool.

    References
    ----------
    .. [Gretton2005] A. Gretton, O. Bousquet, A. Smola, B. Schoelkopf,
       "Measuring statistical dependence with Hilbert-Schmidt norms",
       Algorithmic Learning Theory (ALT), LNCS 3734, 63-77 (2005).

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> rng = np.random.default_rng(0)
    >>> x = rng.standard_normal(500)
    >>> round(mh.hsic(x, 2.0 * x + 1.0, normalize=True), 12)  # the same Gram matrix up to its width: 1
    1.0
    >>> round(mh.hsic(x, rng.standard_normal(500), normalize=True), 3)  # independent: near 0 (bias O(1/n))
    0.004
    """
    xa = _as_sample(x, "x")
    ya = _as_sample(y, "y")
    n = check_same_length(("x", xa), ("y", ya))
    if isinstance(bandwidth, (tuple, list)):
        if len(bandwidth) != 2:
            raise ValueError(f"bandwidth pair must have two entries (sigma_x, sigma_y), got {len(bandwidth)}")
        bx, by = bandwidth
    else:
        bx = by = bandwidth
    if not isinstance(normalize, (bool, np.bool_)):
        raise TypeError(f"normalize must be True or False, got {type(normalize).__name__}")
    kc, _ = _centred_gaussian_gram(xa, bx, "x")
    lc, _ = _centred_gaussian_gram(ya, by, "y")
    # tr(K H L H) = sum of (HKH) * L = sum of (HKH) * (HLH): centring one matrix is enough,
    # but both are centred here for the normalisation below.
    value = float(np.sum(kc * lc)) / (n * n)
    if not normalize:
        return max(value, 0.0)
    scale = math.sqrt(float(np.sum(kc * kc)) * float(np.sum(lc * lc))) / (n * n)
    return 0.0 if scale == 0 else min(max(value / scale, 0.0), 1.0)


__all__ += ["MAX_PAIRWISE_SAMPLES", "distance_correlation", "gaussian_distance_correlation", "hsic"]
