"""Mutual information between images, and registration by maximising it.

Two images of the same scene taken with different contrast ("modalities",
such as T1- and T2-weighted MRI) need not have correlated intensities, but
where one is bright the other takes a predictable value, so the joint
histogram of aligned pixels is sharp and the MI is high [VW]_ [CMD]_. When
they slide out of alignment the joint histogram blurs and MI falls. This
module holds the pieces: intensity binning, the joint histogram, MI and the
normalised MI of Studholme et al. [SHH]_, the correlation ratio of Roche et
al. [RMPA]_, a rigid (rotation + shift) transform, two exhaustive
registration searches over integer shifts, the score of one (possibly
sub-pixel) transform with linear or partial-volume interpolation [CMD]_
[PMV]_, and a simulator of a second modality with a hidden misalignment.

Conventions
-----------
Images are 2-D arrays of real numbers indexed ``[row, column]``. A shift
``(dy, dx)`` moves the content ``dy`` pixels down and ``dx`` pixels right.
An angle is in degrees, counterclockwise as displayed by ``imshow`` (row 0
at the top), about the image centre. MI is in nats unless ``base`` says
otherwise.

References
----------
.. [SHH] C. Studholme, D. L. G. Hill, D. J. Hawkes, "An overlap invariant
   entropy measure of 3D medical image alignment", Pattern Recognition
   32(1), 71-86 (1999).
.. [VW] P. Viola, W. M. Wells III, "Alignment by maximization of mutual
   information", International Journal of Computer Vision 24(2), 137-154
   (1997).
.. [CMD] F. Maes, A. Collignon, D. Vandermeulen, G. Marchal, P. Suetens,
   "Multimodality image registration by maximization of mutual
   information", IEEE Transactions on Medical Imaging 16(2), 187-198 (1997).
.. [RMPA] A. Roche, G. Malandain, X. Pennec, N. Ayache, "The correlation
   ratio as a new similarity measure for multimodal image registration",
   MICCAI 1998, Lecture Notes in Computer Science 1496, 1115-1124 (1998).
.. [PMV] J. P. W. Pluim, J. B. A. Maintz, M. A. Viergever, "Interpolation
   artefacts in mutual information-based image registration", Computer
   Vision and Image Understanding 77(2), 211-232 (2000).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from ._validation import check_int, log_base
from .estimators import _check_bin_pair, _entropy_from_counts, _mi_from_counts, discretize
from .synthetic import make_rng

__all__ = [
    "INTERPOLATIONS",
    "METRICS",
    "Registration",
    "block_downsample",
    "camera_image",
    "correlation_ratio",
    "image_correlation",
    "image_mi",
    "image_nmi",
    "intensity_codes",
    "joint_histogram",
    "register_rigid_mi",
    "register_translation_mi",
    "rigid_transform",
    "score_transform",
    "simulate_modality",
    "u_shaped_remap",
]

#: Similarity measures accepted by the registration searches: MI (nats),
#: Studholme's NMI, Pearson correlation, and the correlation ratio eta^2 of
#: the moving image given the fixed one's intensity bins ("cr_moving") or of
#: the fixed image given the moving one's ("cr_fixed").
METRICS = ("mi", "nmi", "corr", "cr_moving", "cr_fixed")


# --------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------


def _as_image(a, name: str, *, min_side: int = 2, allow_1d: bool = False) -> np.ndarray:
    try:
        arr = np.asarray(a)
    except Exception as exc:  # ragged nested lists and the like
        raise TypeError(f"{name} could not be converted to an array: {exc}") from None
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be an image of real numbers, got dtype {arr.dtype}")
    if allow_1d and arr.ndim == 1:
        if arr.size < 2:
            raise ValueError(f"{name} must hold at least 2 values, got {arr.size}")
    elif arr.ndim != 2:
        what = "a 1-D array of values or a 2-D image" if allow_1d else "a 2-D grey-level image"
        raise ValueError(f"{name} must be {what}, got shape {arr.shape}")
    if arr.ndim == 2 and min(arr.shape) < min_side:
        raise ValueError(f"{name} must be at least {min_side}x{min_side} pixels, got shape {arr.shape}")
    arr = arr.astype(np.float64, copy=False)
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr


def _check_pair(a, b, mask=None, *, allow_1d=False):
    a = _as_image(a, "a", min_side=1, allow_1d=allow_1d)
    b = _as_image(b, "b", min_side=1, allow_1d=allow_1d)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} and {b.shape}")
    if mask is not None:
        m = np.asarray(mask)
        if m.dtype != bool:
            raise TypeError(f"mask must be a boolean array, got dtype {m.dtype}")
        if m.shape != a.shape:
            raise ValueError(f"mask must have the images' shape {a.shape}, got {m.shape}")
        if not m.any():
            raise ValueError("mask selects no pixel")
        return a[m], b[m]
    return a.ravel(), b.ravel()


def _check_bins(bins, name="bins") -> int:
    return check_int(bins, name, minimum=2)


def _check_metric(metric) -> str:
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {METRICS}, got {metric!r}")
    return metric


def _check_range(value_range, name="value_range"):
    if value_range is None:
        return None
    try:
        lo, hi = (float(v) for v in value_range)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a pair (low, high) of numbers, got {value_range!r}") from None
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        raise ValueError(f"{name} must be finite with low < high, got {value_range!r}")
    return lo, hi


# --------------------------------------------------------------------------
# Binning, joint histogram, MI and NMI
# --------------------------------------------------------------------------


def _edges(values: np.ndarray, bins: int, value_range=None) -> np.ndarray:
    if value_range is None:
        return np.histogram_bin_edges(values, bins=bins)
    return np.linspace(value_range[0], value_range[1], bins + 1)


def _codes_from_edges(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Bin index of each value for equal-width ``edges``.

    Same rule as np.histogram: bins are [e_k, e_k+1), the last one closed;
    values outside the edges (and NaN) go to the first or last bin. Computed
    arithmetically, then corrected against the edges exactly as NumPy does,
    which is several times faster than a binary search.
    """
    m = len(edges) - 1
    lo, hi = edges[0], edges[-1]
    v = np.nan_to_num(values, nan=hi)
    idx = ((v - lo) * (m / (hi - lo))).astype(np.intp)
    np.clip(idx, 0, m - 1, out=idx)
    idx -= v < edges[idx]
    idx += (v >= edges[idx + 1]) & (idx != m - 1)
    np.clip(idx, 0, m - 1, out=idx)
    return idx


def intensity_codes(image, bins=32, *, value_range=None) -> np.ndarray:
    """Equal-width intensity bins of an image, as integer codes.

    Parameters
    ----------
    image : array-like, shape (h, w)
        Grey levels (any real dtype).
    bins : int, default 32
        Number of equal-width bins (at least 2).
    value_range : (float, float), optional
        Intensities mapped to the first and last bin edge. Default: the
        image's own minimum and maximum. Pass a fixed range when several
        images (for instance transformed copies) must share one binning;
        values outside it go to the end bins.

    Returns
    -------
    ndarray of int, shape (h, w)
        Bin index ``0..bins-1`` of each pixel, exactly as :func:`numpy.histogram`
        would count it (bins half-open, the last one closed). O(h w log bins).

    Raises
    ------
    ValueError
        If ``image`` is not a finite 2-D array, ``bins`` is below 2, or
        ``value_range`` is not finite with low < high.
    TypeError
        If ``image`` is not numeric, ``bins`` is not an integer, or
        ``value_range`` is not a pair of numbers.

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> mh.intensity_codes(np.array([[0.0, 0.2], [0.6, 1.0]]), bins=2)
    array([[0, 0],
           [1, 1]])
    """
    img = _as_image(image, "image", min_side=1)
    bins = _check_bins(bins)
    value_range = _check_range(value_range)
    edges = _edges(img, bins, value_range)
    return _codes_from_edges(img.ravel(), edges).reshape(img.shape)


def _joint_counts(ca: np.ndarray, cb: np.ndarray, bins_a: int, bins_b: int) -> np.ndarray:
    return np.bincount(ca * bins_b + cb, minlength=bins_a * bins_b).reshape(bins_a, bins_b)


def joint_histogram(a, b, *, bins=32, mask=None, value_range_a=None, value_range_b=None) -> np.ndarray:
    """Joint histogram of two images of the same shape.

    Cell ``[i, j]`` counts the pixels whose intensity falls in bin ``i`` of
    ``a`` and bin ``j`` of ``b`` (equal-width bins over each image's range).

    Parameters
    ----------
    a, b : array-like, shape (h, w)
    bins : int or (int, int), default 32
        Bins per image.
    mask : bool array, shape (h, w), optional
        Only the pixels where it is True are counted (e.g. the overlap).
    value_range_a, value_range_b : (float, float), optional
        Fixed intensity ranges for the bins (see :func:`intensity_codes`).

    Returns
    -------
    ndarray of int, shape (bins_a, bins_b)
        Counts; they sum to the number of pixels used. Rows follow ``a``.
        Same as :func:`numpy.histogram2d` on the flattened images. O(h w).

    Raises
    ------
    ValueError
        If an image is not 2-D, is too small, holds NaN or infinite values, the
        two shapes differ, ``mask`` has another shape or selects no pixel, or
        ``bins`` is below 2.
    TypeError
        If an image is not numeric, ``mask`` is not boolean, or ``bins`` is
        not an integer.

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> a = np.array([[0.0, 1.0], [0.0, 1.0]])
    >>> mh.joint_histogram(a, 1.0 - a, bins=2)
    array([[0, 2],
           [2, 0]])
    """
    va, vb = _check_pair(a, b, mask)
    ba, bb = _check_bin_pair(bins, names=("a", "b"), check=_check_bins)
    ra = _check_range(value_range_a, "value_range_a")
    rb = _check_range(value_range_b, "value_range_b")
    ca = _codes_from_edges(va, _edges(va, ba, ra))
    cb = _codes_from_edges(vb, _edges(vb, bb, rb))
    return _joint_counts(ca, cb, ba, bb)


def image_mi(a, b, *, bins=32, mask=None, base=math.e, value_range_a=None, value_range_b=None) -> float:
    """Mutual information of the intensities of two images (plug-in, binned).

    Parameters
    ----------
    a, b : array-like, shape (h, w)
        Images of the same shape; pixel (r, c) of ``a`` is paired with pixel
        (r, c) of ``b``.
    bins : int or (int, int), default 32
        Equal-width intensity bins per image (see :func:`joint_histogram`).
    mask : bool array, optional
        Pixels to use.
    base : float, default e
        e gives nats, 2 gives bits.
    value_range_a, value_range_b : (float, float), optional
        Fixed intensity ranges for the bins. Default: each image's own
        range. When the images are parts of larger ones (the overlap of
        two shifted images, say), pass the full images' ranges so that
        every part is binned alike; re-binning a small, flat part over its
        own narrow range spreads its noise over all the bins.

    Returns
    -------
    float
        I(A;B) of the joint histogram, in nats (or ``base`` units): the
        plug-in MI of the pixels' bin labels. Pixels are treated as
        exchangeable samples; neighbouring pixels are not independent, so
        read it as a similarity score, not as an estimate with the usual
        (B-1)^2/(2N) bias. O(h w).

    Raises
    ------
    ValueError
        If an image is not 2-D, is too small, holds NaN or infinite values, the
        two shapes differ, ``mask`` has another shape or selects no pixel, or
        ``bins`` is below 2.
    TypeError
        If an image is not numeric, ``mask`` is not boolean, or ``bins`` is
        not an integer.

    References
    ----------
    .. [VW] P. Viola, W. M. Wells III, "Alignment by maximization of mutual
       information", International Journal of Computer Vision 24(2), 137-154 (1997).
    .. [CMD] F. Maes, A. Collignon, D. Vandermeulen, G. Marchal, P. Suetens,
       "Multimodality image registration by maximization of mutual information",
       IEEE Transactions on Medical Imaging 16(2), 187-198 (1997).

    Examples
    --------
    An image and its negative: the MI is close to the entropy of the binned
    image, its largest possible value.

    >>> import mi_helpers as mh
    >>> img = mh.camera_image(64)
    >>> round(mh.image_mi(img, 1.0 - img, bins=8), 3), round(mh.entropy_discrete(mh.intensity_codes(img, 8).ravel()), 3)
    (1.755, 1.757)
    """
    lb = log_base(base)
    table = joint_histogram(a, b, bins=bins, mask=mask, value_range_a=value_range_a, value_range_b=value_range_b)
    return _mi_from_counts(table) / lb


def _nmi_from_counts(table: np.ndarray) -> float:
    h_a = _entropy_from_counts(table.sum(axis=1))
    h_b = _entropy_from_counts(table.sum(axis=0))
    h_ab = _entropy_from_counts(table.ravel())
    if h_ab == 0.0:  # both images constant: identical information, by convention 2
        return 2.0
    return (h_a + h_b) / h_ab


def image_nmi(a, b, *, bins=32, mask=None, value_range_a=None, value_range_b=None) -> float:
    """Normalised mutual information of Studholme, Hill and Hawkes [SHH]_.

    NMI = (H(A) + H(B)) / H(A, B), from the binned joint histogram.

    Parameters
    ----------
    a, b : array-like, shape (h, w)
    bins : int or (int, int), default 32
    mask : bool array, optional
    value_range_a, value_range_b : (float, float), optional
        Fixed intensity ranges for the bins (see :func:`image_mi`).

    Returns
    -------
    float
        A number in [1, 2], unit-free: 1 when the binned intensities are
        independent, 2 when each determines the other (an image with
        itself). Two constant images give 2. O(h w).

    Raises
    ------
    ValueError
        If an image is not 2-D, is too small, holds NaN or infinite values, the
        two shapes differ, ``mask`` has another shape or selects no pixel, or
        ``bins`` is below 2.
    TypeError
        If an image is not numeric, ``mask`` is not boolean, or ``bins`` is
        not an integer.

    Notes
    -----
    It was proposed for registration over a changing overlap: MI can rise
    at a wrong alignment whose smaller overlap holds a larger share of
    structure (higher marginal entropies), while the ratio is much less
    sensitive to that [SHH]_. The protection weakens when noise in a flat
    background dominates the joint entropy: NMI - 1 = MI / H(A, B) then
    behaves like MI divided by a near constant.

    References
    ----------
    .. [SHH] C. Studholme, D. L. G. Hill, D. J. Hawkes, "An overlap invariant
       entropy measure of 3D medical image alignment", Pattern Recognition 32(1),
       71-86 (1999).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> img = mh.camera_image(64)
    >>> round(mh.image_nmi(img, img), 3)
    2.0
    """
    table = joint_histogram(a, b, bins=bins, mask=mask, value_range_a=value_range_a, value_range_b=value_range_b)
    return _nmi_from_counts(table)


def image_correlation(a, b, *, mask=None) -> float:
    """Pearson correlation of the pixel intensities of two images.

    The classical similarity for single-modality registration; it sees only
    a linear (hence monotone) relation between the intensities. Returns 0
    when either image is constant.

    Parameters
    ----------
    a, b : array-like, shape (h, w)
        Images of the same shape.
    mask : bool array, optional
        Pixels to use.

    Returns
    -------
    float
        Pearson r of the paired pixel intensities, in [-1, 1]. O(h w).

    Raises
    ------
    ValueError
        If an image is not 2-D, is too small, holds NaN or infinite values, the
        two shapes differ, ``mask`` has another shape or selects no pixel.
    TypeError
        If an image is not numeric, ``mask`` is not boolean.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> img = mh.camera_image(64)
    >>> round(mh.image_correlation(img, 1.0 - img), 3)
    -1.0
    """
    va, vb = _check_pair(a, b, mask)
    return _corr(va, vb)


def _corr(va: np.ndarray, vb: np.ndarray) -> float:
    da = va - va.mean()
    db = vb - vb.mean()
    # einsum rather than np.dot: on a busy machine a multithreaded BLAS call on
    # vectors of this size can cost far more than the sum itself.
    den = math.sqrt(_dot(da, da) * _dot(db, db))
    return _dot(da, db) / den if den > 0 else 0.0


def _dot(u: np.ndarray, v: np.ndarray) -> float:
    return float(np.einsum("i,i->", u, v))


def _eta2(counts: np.ndarray, sums: np.ndarray, total: float, n: int, sst: float) -> float:
    """eta^2 = between-group sum of squares / total sum of squares.

    ``counts[k]`` and ``sums[k]`` are the number of samples and the sum of
    the predicted values in group k; ``total`` their overall sum, ``n`` the
    number of samples, ``sst`` the total sum of squared deviations.
    """
    if sst <= 0.0:
        return 0.0  # a constant image: nothing to explain
    nz = counts > 0
    ssb = float(np.dot(sums[nz], sums[nz] / counts[nz])) - total * total / n
    return min(max(ssb / sst, 0.0), 1.0)  # rounding can step a hair outside [0, 1]


def correlation_ratio(a, b, *, bins=32, mask=None, strategy="uniform") -> float:
    """Correlation ratio eta^2(B | A) of Roche, Malandain, Pennec and Ayache [RMPA]_.

    The share of the variance of ``b``'s intensities explained by ``a``'s
    intensity bins: eta^2 = Var(E[B | A]) / Var(B) = 1 - E[Var(B | A)] / Var(B),
    with E[B | A] the mean of ``b`` over the pixels in each bin of ``a``
    (its "iso-sets"). It applies to any paired samples, not only images:
    ``a`` and ``b`` may be 1-D arrays of values.

    Parameters
    ----------
    a : array-like, shape (h, w) or (n,)
        The image (or sample) whose bins predict (equal-width bins over its range).
    b : array-like, same shape as ``a``
        The image (or sample) that is predicted (raw values, not binned).
    bins : int, default 32
        Bins of ``a``.
    mask : bool array, same shape as ``a``, optional
        Pixels (values) to use.
    strategy : {"uniform", "quantile"}, default "uniform"
        "uniform": equal-width bins over the range of ``a``, the usual
        choice for images. "quantile": equal-frequency bins at the
        quantiles of ``a`` (as :func:`~mi_helpers.discretize`), which keeps
        the few values in the long tail of a skewed ``a`` from forming
        small bins whose means scatter and inflate eta^2.

    Returns
    -------
    float in [0, 1], unit-free
        1 when ``b`` is a function of ``a``'s bin (any shape, monotone or
        not), 0 when the mean of ``b`` is the same in every bin of ``a``.
        It is not symmetric: eta^2(B | A) and eta^2(A | B) differ whenever
        the intensity relation is a function in one direction only. Equal to
        the R^2 of a one-way analysis of variance of ``b`` grouped by
        ``a``'s bins, and to the squared Pearson correlation when E[B | A]
        is linear in the bin means. Returns 0 when ``b`` is constant. O(h w).

    Raises
    ------
    ValueError
        If ``a`` and ``b`` differ in shape, are neither 1-D (at least 2
        values) nor 2-D, hold NaN or infinite values, ``mask`` has another
        shape or selects nothing, ``bins`` is below 2, or ``strategy`` is
        unknown.
    TypeError
        If ``a`` or ``b`` is not numeric, ``mask`` is not boolean, or
        ``bins`` is not an integer.

    Notes
    -----
    The correlation ratio assumes a functional relation B ~ f(A) plus
    noise, which is weaker than correlation's linear one and stronger than
    MI's none.

    References
    ----------
    .. [RMPA] A. Roche, G. Malandain, X. Pennec, N. Ayache, "The correlation
       ratio as a new similarity measure for multimodal image registration",
       MICCAI 1998, Lecture Notes in Computer Science 1496, 1115-1124 (1998).

    Examples
    --------
    B a function of A's bin, not a linear one: eta^2 is 1 one way and well
    below 1 the other way.

    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> a = np.repeat(np.arange(8.0), 50)  # eight intensity levels
    >>> b = (a - 3.5) ** 2  # a U-shaped remap
    >>> mh.correlation_ratio(a, b, bins=8), round(mh.correlation_ratio(b, a, bins=8), 3)
    (1.0, 0.0)
    >>> round(float(np.corrcoef(a, b)[0, 1]) ** 2, 3)  # no linear trend at all
    0.0
    """
    va, vb = _check_pair(a, b, mask, allow_1d=True)
    bins = _check_bins(bins)
    if strategy == "quantile":
        codes = discretize(va, bins, strategy="quantile")  # bins may merge at tied quantiles: never more than ``bins``
    elif strategy == "uniform":
        codes = _codes_from_edges(va, _edges(va, bins))
    else:
        raise ValueError(f"strategy must be 'uniform' or 'quantile', got {strategy!r}")
    counts = np.bincount(codes, minlength=bins).astype(np.float64)
    sums = np.bincount(codes, weights=vb, minlength=bins)
    d = vb - vb.mean()
    return _eta2(counts, sums, float(vb.sum()), vb.size, _dot(d, d))


# --------------------------------------------------------------------------
# Geometry
# --------------------------------------------------------------------------


def _check_real(value, name) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise TypeError(f"{name} must be a finite real number, got {value!r}")
    return float(value)


def _check_shift(shift, name="shift"):
    try:
        dy, dx = shift
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a pair (dy, dx) of numbers, got {shift!r}") from None
    return _check_real(dy, f"{name}[0]"), _check_real(dx, f"{name}[1]")


def rigid_transform(image, *, angle=0.0, shift=(0, 0), order=1, cval=0.0) -> np.ndarray:
    """Rotate an image about its centre, then shift it, in one interpolation.

    Parameters
    ----------
    image : array-like, shape (h, w)
    angle : float, default 0
        Degrees, counterclockwise as displayed (row 0 at the top), about
        the centre ((h - 1)/2, (w - 1)/2); the same convention as
        :func:`scipy.ndimage.rotate` with ``reshape=False``.
    shift : (float, float), default (0, 0)
        (dy, dx): content moves dy pixels down and dx pixels right.
    order : int, default 1
        Spline order of :func:`scipy.ndimage.affine_transform` (1: bilinear).
        An integer shift with angle 0 is exact for any order.
    cval : float, default 0
        Value of pixels that come from outside the input (NaN marks them).

    Returns
    -------
    ndarray of float, shape (h, w)
        ``out[p] = image[R^-1 (p - c - s) + c]``. O(h w).

    Raises
    ------
    ValueError
        If ``image`` is not a finite 2-D array or ``order`` is not in 0..5.
    TypeError
        If ``image`` is not numeric, or ``angle``, ``shift`` or ``cval`` is
        not made of real numbers.

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> img = np.zeros((5, 5))
    >>> img[1, 1] = 1.0
    >>> out = mh.rigid_transform(img, shift=(2, 1))
    >>> [int(i) for i in np.argwhere(out == 1.0)[0]]  # moved 2 down, 1 right
    [3, 2]
    """
    img = _as_image(image, "image", min_side=1)
    angle = _check_real(angle, "angle")
    dy, dx = _check_shift(shift)
    order = check_int(order, "order", minimum=0)
    if order > 5:
        raise ValueError(f"order must be between 0 and 5, got {order}")
    if isinstance(cval, bool) or not isinstance(cval, numbers.Real):
        raise TypeError(f"cval must be a real number, got {cval!r}")
    return _rigid(img, angle, (dy, dx), order, float(cval))


def _rigid(img, angle, shift, order=1, cval=0.0):
    t = math.radians(angle)
    c, s = math.cos(t), math.sin(t)
    # Input coordinate (row, col) of output pixel o: R^-1 (o - centre - shift) + centre.
    # A counterclockwise turn on screen (rows grow downwards) is this matrix in (row, col).
    inv = np.array([[c, s], [-s, c]])
    centre = (np.array(img.shape, dtype=float) - 1.0) / 2.0
    offset = centre - inv @ (centre + np.asarray(shift, dtype=float))
    if angle == 0.0 and float(shift[0]).is_integer() and float(shift[1]).is_integer():
        order = 0  # an integer translation needs no interpolation, and stays exact
    from scipy import ndimage  # imported on first use, to keep `import mi_helpers` light

    return ndimage.affine_transform(img, inv, offset=offset, order=order, mode="constant", cval=cval)


def block_downsample(image, factor: int) -> np.ndarray:
    """Average non-overlapping ``factor x factor`` blocks (crops the remainder).

    A cheap anti-aliased reduction used for coarse-to-fine search and live
    views. Returns an array of shape (h // factor, w // factor).

    Parameters
    ----------
    image : array-like, shape (h, w)
        Grey levels.
    factor : int >= 1
        Block side in pixels.

    Returns
    -------
    ndarray of float, shape (h // factor, w // factor)
        Block means. O(h w).

    Raises
    ------
    ValueError
        If ``image`` is not a finite 2-D array or ``factor`` is larger than it.
    TypeError
        If ``image`` is not numeric or ``factor`` is not an integer.

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> mh.block_downsample(np.arange(16.0).reshape(4, 4), 2)
    array([[ 2.5,  4.5],
           [10.5, 12.5]])
    """
    img = _as_image(image, "image", min_side=1)
    factor = check_int(factor, "factor", minimum=1)
    return _block(img, factor)


def _block(img, f):
    if f == 1:
        return img
    h, w = img.shape[0] // f, img.shape[1] // f
    if h == 0 or w == 0:
        raise ValueError(f"factor {f} is larger than the image {img.shape}")
    return img[: h * f, : w * f].reshape(h, f, w, f).mean(axis=(1, 3))


def camera_image(size=256) -> np.ndarray:
    """The "camera" photograph bundled with scikit-image, as floats in [0, 1].

    ``skimage.data.camera()`` reads a PNG that ships inside the scikit-image
    wheel (no download; CC0, photographer Lav Varshney). The 512 x 512 image
    is block-averaged to ``size`` x ``size``.

    Parameters
    ----------
    size : int, default 256
        A divisor of 512: 512, 256, 128, 64, ...

    Returns
    -------
    ndarray of float, shape (size, size)
        Grey levels in [0, 1].

    Raises
    ------
    ValueError
        If ``size`` does not divide 512.
    TypeError
        If ``size`` is not an integer.
    ImportError
        If scikit-image is not installed.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> img = mh.camera_image(64)
    >>> img.shape, float(img.min()) >= 0.0, float(img.max()) <= 1.0
    ((64, 64), True, True)
    """
    size = check_int(size, "size", minimum=8)
    if 512 % size:
        raise ValueError(f"size must divide 512 (512, 256, 128, ...), got {size}")
    from skimage.data import camera  # imported here: keeps `import mi_helpers` light

    return _block(camera().astype(np.float64) / 255.0, 512 // size)


def _rotation_margin(shape, angles) -> int:
    """Smallest inset m such that the centred box inset by m stays inside the
    input after any of the rotations (so no pixel of it comes from outside)."""
    h, w = shape
    worst = max((abs(a) for a in angles), default=0.0)
    if worst == 0:
        return 0
    t = math.radians(worst)
    c, s = abs(math.cos(t)), abs(math.sin(t))
    for m in range(0, min(h, w) // 2):
        ay, ax = (h - 1) / 2 - m, (w - 1) / 2 - m
        # One pixel of slack for the bilinear stencil.
        if ay * c + ax * s <= (h - 1) / 2 - 1 and ay * s + ax * c <= (w - 1) / 2 - 1:
            return m
    raise ValueError(f"rotations up to {worst} degrees leave no valid centre region in a {shape} image")


# --------------------------------------------------------------------------
# Registration
# --------------------------------------------------------------------------


@dataclass
class Registration:
    """Result of a registration search.

    Attributes
    ----------
    shift : (int, int)
        The (dy, dx) that best maps ``fixed`` onto ``moving``:
        ``moving ~ rigid_transform(fixed, angle=angle, shift=shift)``.
    angle : float
        Degrees (0 for a translation-only search).
    score : float
        Best value of the metric (nats for "mi").
    metric : str
    shifts : ndarray of int
        The shift values searched along each axis at the first level.
    angles : ndarray of float
        The angles searched at the first level.
    surface : ndarray, shape (len(angles), len(shifts), len(shifts))
        The metric over that grid (first level: the coarse one when
        ``coarse > 1``); ``surface[k, i, j]`` is for angle ``angles[k]``,
        dy ``shifts[i]``, dx ``shifts[j]`` (coarse shifts are in coarse
        pixels).
    evaluations : int
        Number of metric evaluations over all levels.
    """

    shift: tuple
    angle: float
    score: float
    metric: str
    shifts: np.ndarray
    angles: np.ndarray
    surface: np.ndarray
    evaluations: int


class _Scorer:
    """Scores candidate shifts of a (possibly rotated) fixed image against a
    fixed window of the moving image: every candidate uses the same pixels."""

    def __init__(self, moving, margin, bins, metric, value_range_fixed):
        self.h, self.w = moving.shape
        self.m = margin
        self.bins = bins
        self.metric = metric
        self.range_f = value_range_fixed
        win = moving[margin : self.h - margin, margin : self.w - margin]
        self.n = win.size
        if metric == "corr":
            self.mov = win.ravel() - win.mean()  # centred once; then one dot product per shift
            self.mov_ss = _dot(self.mov, self.mov)
        else:
            edges = np.histogram_bin_edges(moving, bins=bins)
            self.mov_codes = _codes_from_edges(win.ravel(), edges)
        if metric in ("mi", "nmi"):
            # Counts are integers 0..n, so c log c comes from a table: MI and NMI of a
            # joint histogram are then a few table look-ups and sums (no log per call).
            k = np.arange(self.n + 1, dtype=np.float64)
            self.xlogx = k * np.log(np.maximum(k, 1.0))
            self.mov_xlogx = float(self.xlogx[np.bincount(self.mov_codes, minlength=bins)].sum())
            self.log_n = math.log(self.n)
        if metric == "cr_moving":  # the moving window's values, their sum and spread: fixed per search
            self.mov_vals = win.ravel()
            self.mov_sum = float(self.mov_vals.sum())
            d = self.mov_vals - self.mov_vals.mean()
            self.mov_sst = _dot(d, d)
        if metric == "cr_fixed":  # pixels per moving bin: fixed per search
            self.mov_counts = np.bincount(self.mov_codes, minlength=bins).astype(np.float64)

    def prepare(self, fixed):
        """Per-angle precomputation: bin codes (or values) of the whole fixed image."""
        if self.metric == "corr":
            # Summed-area tables of the values and their squares give each window's
            # sum and sum of squares in O(1). NaN (outside a rotated image) never
            # enters a window; it is zeroed so that the cumulative sums stay finite.
            v = np.nan_to_num(fixed, nan=0.0)
            tables = []
            for q in (v, v * v):
                t = np.zeros((q.shape[0] + 1, q.shape[1] + 1))
                t[1:, 1:] = q.cumsum(axis=0).cumsum(axis=1)
                tables.append(t)
            return fixed, tables[0], tables[1]
        if self.metric == "cr_fixed":
            return fixed  # the fixed values are predicted, from the moving bins
        edges = np.linspace(self.range_f[0], self.range_f[1], self.bins + 1)
        return _codes_from_edges(fixed.ravel(), edges).reshape(fixed.shape)

    def score_row(self, prepared, dy, dxs) -> np.ndarray:
        """Scores of the shifts (dy, dx) for every dx in ``dxs``."""
        return np.array([self.score(prepared, dy, int(dx)) for dx in dxs])

    def score(self, prepared, dy, dx) -> float:
        m, h, w = self.m, self.h, self.w
        r0, r1, c0, c1 = m - dy, h - m - dy, m - dx, w - m - dx
        if self.metric == "corr":
            fixed, s1, s2 = prepared
            part = fixed[r0:r1, c0:c1]
            total = s1[r1, c1] - s1[r0, c1] - s1[r1, c0] + s1[r0, c0]
            total_sq = s2[r1, c1] - s2[r0, c1] - s2[r1, c0] + s2[r0, c0]
            ss = total_sq - total * total / self.n
            if ss <= 1e-12 * max(total_sq, 1e-300) or self.mov_ss == 0.0:
                return 0.0  # a constant window has no correlation
            cov = float(np.einsum("ij,ij->", part, self.mov.reshape(part.shape)))
            return cov / math.sqrt(ss * self.mov_ss)
        part = prepared[r0:r1, c0:c1].ravel()
        if self.metric == "cr_moving":  # groups: fixed bins; values: moving window
            counts = np.bincount(part, minlength=self.bins).astype(np.float64)
            sums = np.bincount(part, weights=self.mov_vals, minlength=self.bins)
            return _eta2(counts, sums, self.mov_sum, self.n, self.mov_sst)
        if self.metric == "cr_fixed":  # groups: moving bins; values: the shifted fixed pixels
            sums = np.bincount(self.mov_codes, weights=part, minlength=self.bins)
            total = float(part.sum())
            sst = _dot(part, part) - total * total / self.n
            return _eta2(self.mov_counts, sums, total, self.n, sst)
        counts = _joint_counts(part, self.mov_codes, self.bins, self.bins)
        joint = float(self.xlogx[counts].sum())
        fixed_part = float(self.xlogx[counts.sum(axis=1)].sum())
        if self.metric == "mi":  # I = log n + (sum c log c - sum a log a - sum b log b) / n
            return max(self.log_n + (joint - fixed_part - self.mov_xlogx) / self.n, 0.0)
        h_ab = self.log_n - joint / self.n  # NMI = (H(A) + H(B)) / H(A, B), as _nmi_from_counts
        if h_ab <= 0.0:
            return 2.0
        return (2.0 * self.log_n - (fixed_part + self.mov_xlogx) / self.n) / h_ab


def _search(fixed, moving, angles, shift_grid, margin, bins, metric):
    """Exhaustive search; returns (best angle index, (dy, dx), score, surface)."""
    lo, hi = float(fixed.min()), float(fixed.max())
    if hi <= lo:
        hi = lo + 1.0
    scorer = _Scorer(moving, margin, bins, metric, (lo, hi))
    surface = np.empty((len(angles), len(shift_grid), len(shift_grid)))
    best = (-np.inf, 0, (0, 0))
    for k, a in enumerate(angles):
        rotated = _rigid(fixed, a, (0.0, 0.0), 1, np.nan) if a != 0 else fixed
        r = margin - int(shift_grid.max())  # the part of the margin left for the rotation
        if not np.isfinite(rotated[r : fixed.shape[0] - r, r : fixed.shape[1] - r]).all():
            raise RuntimeError("internal error: the search window reaches outside the rotated image")
        prepared = scorer.prepare(rotated)
        for i, dy in enumerate(shift_grid):
            row = scorer.score_row(prepared, int(dy), shift_grid)
            surface[k, i] = row
            j = int(np.argmax(row))  # the first maximum, as a scan with ">" would keep
            if row[j] > best[0]:
                best = (float(row[j]), k, (int(dy), int(shift_grid[j])))
    return best[1], best[2], best[0], surface


def _refine(fixed, moving, angles, centre_shift, radius, max_shift, margin, bins, metric):
    """Full-resolution search of shifts within ``radius`` of ``centre_shift``."""
    lo, hi = float(fixed.min()), float(fixed.max())
    if hi <= lo:
        hi = lo + 1.0
    scorer = _Scorer(moving, margin, bins, metric, (lo, hi))
    best = (-np.inf, 0.0, (0, 0))
    n = 0
    for a in angles:
        rotated = _rigid(fixed, a, (0.0, 0.0), 1, np.nan) if a != 0 else fixed
        prepared = scorer.prepare(rotated)
        dxs = np.arange(max(-max_shift, centre_shift[1] - radius), min(max_shift, centre_shift[1] + radius) + 1)
        for dy in range(max(-max_shift, centre_shift[0] - radius), min(max_shift, centre_shift[0] + radius) + 1):
            row = scorer.score_row(prepared, dy, dxs)
            n += len(dxs)
            j = int(np.argmax(row))
            if row[j] > best[0]:
                best = (float(row[j]), float(a), (dy, int(dxs[j])))
    return best, n


def _check_search_args(fixed, moving, max_shift, bins, metric, coarse):
    fixed = _as_image(fixed, "fixed", min_side=8)
    moving = _as_image(moving, "moving", min_side=8)
    if fixed.shape != moving.shape:
        raise ValueError(f"fixed and moving must have the same shape, got {fixed.shape} and {moving.shape}")
    max_shift = check_int(max_shift, "max_shift", minimum=0)
    bins = _check_bins(bins)
    metric = _check_metric(metric)
    coarse = check_int(coarse, "coarse", minimum=1)
    return fixed, moving, max_shift, bins, metric, coarse


def _check_window(shape, margin, coarse=1):
    side = min(shape) - 2 * margin
    if side < 8 * coarse:
        raise ValueError(
            f"max_shift (plus the rotation margin) leaves a {side}-pixel-wide comparison window in a {shape} "
            "image; use a smaller max_shift or a larger image"
        )


def register_translation_mi(fixed, moving, *, max_shift, bins=32, metric="mi", coarse=1) -> Registration:
    """Find the integer shift that best maps ``fixed`` onto ``moving``.

    Every shift (dy, dx) with ``|dy|, |dx| <= max_shift`` is scored by
    comparing the central window of ``moving`` (inset by ``max_shift`` on
    each side) with the pixels of ``fixed`` that the shift puts there. All
    candidates therefore use the same pixels of ``moving``, which keeps the
    scores comparable (plain MI otherwise favours overlaps of different
    size, the problem NMI was designed for [SHH]_). MI registration follows
    [VW]_ and [CMD]_.

    Parameters
    ----------
    fixed, moving : array-like, shape (h, w)
        The two images, possibly of different contrast (modality).
    max_shift : int
        Largest ``|dy|`` and ``|dx|`` searched, in pixels.
    bins : int, default 32
        Intensity bins per image for "mi" and "nmi". ``fixed`` keeps one
        binning (over its full range) for every candidate.
    metric : {"mi", "nmi", "corr", "cr_moving", "cr_fixed"}, default "mi"
        The similarity maximised: MI (nats), Studholme's NMI, Pearson
        correlation of the intensities (the single-modality baseline), or
        the correlation ratio [RMPA]_ eta^2(moving | fixed bins)
        ("cr_moving") or eta^2(fixed | moving bins) ("cr_fixed"); see
        :func:`correlation_ratio`.
    coarse : int, default 1
        Coarse-to-fine factor f. With f > 1 both images are first averaged
        over f x f blocks and searched over ``|shift| <= ceil(max_shift / f)``;
        the best coarse shift times f is then refined at full resolution
        within +-f pixels. The coarse level costs (2 ceil(max_shift / f)
        + 1)^2 evaluations on f^2 times fewer pixels, the refinement up to
        (2f + 1)^2 more at full resolution, so the saving is well below
        f^2: with max_shift = 15, f = 4 needs at most 81 + 81 evaluations
        against 961 for f = 1 (about 6 times fewer), and f = 8 at most
        25 + 289. It can miss the optimum when the images have little
        coarse structure.

    Returns
    -------
    Registration
        ``shift`` such that ``moving ~ rigid_transform(fixed, shift=shift)``;
        ``surface`` holds the first-level scores.

    Raises
    ------
    ValueError
        If the images differ in shape, are not finite 2-D arrays, are too
        small for ``max_shift`` (and ``coarse``), or ``metric`` is unknown.
    TypeError
        If an image is not numeric, or ``max_shift``, ``bins`` or ``coarse``
        is not an integer.

    Notes
    -----
    Exhaustive: (2 max_shift / f + 1)^2 evaluations of O(h w) each, one
    ``np.bincount`` over precomputed bin codes per evaluation. The answer
    lies on the integer grid; a transform between grid points is found at
    best to the nearest one (score sub-pixel candidates with
    :func:`score_transform`).

    References
    ----------
    .. [VW] P. Viola, W. M. Wells III, "Alignment by maximization of mutual
       information", International Journal of Computer Vision 24(2), 137-154 (1997).
    .. [CMD] F. Maes, A. Collignon, D. Vandermeulen, G. Marchal, P. Suetens,
       "Multimodality image registration by maximization of mutual information",
       IEEE Transactions on Medical Imaging 16(2), 187-198 (1997).
    .. [SHH] C. Studholme, D. L. G. Hill, D. J. Hawkes, "An overlap invariant
       entropy measure of 3D medical image alignment", Pattern Recognition 32(1),
       71-86 (1999).
    .. [RMPA] A. Roche, G. Malandain, X. Pennec, N. Ayache, "The correlation
       ratio as a new similarity measure for multimodal image registration",
       MICCAI 1998, Lecture Notes in Computer Science 1496, 1115-1124 (1998).

    Examples
    --------
    The shift between an image and a remapped, noisy, shifted copy: MI finds
    it, correlation does not (the remap leaves no linear trend).

    >>> import mi_helpers as mh
    >>> img = mh.camera_image(64)
    >>> moving, truth = mh.simulate_modality(img, seed=3, max_shift=4, max_angle=0)
    >>> truth["shift"], mh.register_translation_mi(img, moving, max_shift=5, bins=16).shift
    ((3, -4), (3, -4))
    """
    return register_rigid_mi(fixed, moving, max_shift=max_shift, angles=(0.0,), bins=bins, metric=metric, coarse=coarse)


def register_rigid_mi(fixed, moving, *, max_shift, angles, bins=32, metric="mi", coarse=1) -> Registration:
    """Find the rotation and integer shift that best map ``fixed`` onto ``moving``.

    For each angle of ``angles``, ``fixed`` is rotated about its centre
    (bilinear), binned once, and every integer shift up to ``max_shift`` is
    scored as in :func:`register_translation_mi`. The comparison window of
    ``moving`` is inset far enough that no candidate uses pixels from
    outside the rotated image.

    Parameters
    ----------
    fixed, moving : array-like, shape (h, w)
    max_shift : int
        Largest ``|dy|`` and ``|dx|`` searched, in pixels.
    angles : sequence of float
        Candidate angles in degrees (the answer is one of them).
    bins : int, default 32
    metric : {"mi", "nmi", "corr", "cr_moving", "cr_fixed"}, default "mi"
        See :func:`register_translation_mi`.
    coarse : int, default 1
        Coarse-to-fine factor f: all angles are searched on f x f block
        averages over ``|shift| <= ceil(max_shift / f)``; then, at full
        resolution, the best coarse angle and its two neighbours in
        ``angles`` are refined over shifts within +-f of the coarse answer.

    Returns
    -------
    Registration
        ``moving ~ rigid_transform(fixed, angle=angle, shift=shift)``.

    Raises
    ------
    ValueError
        If the images differ in shape or are too small for ``max_shift`` and
        the rotations, ``angles`` is empty, or ``metric`` is unknown.
    TypeError
        If an image is not numeric, ``angles`` is not a sequence of numbers,
        or ``max_shift``, ``bins`` or ``coarse`` is not an integer.

    Notes
    -----
    Cost: len(angles) rotations plus len(angles) (2 max_shift / f + 1)^2
    evaluations of O(h w / f^2) each, then a small full-resolution search.

    References
    ----------
    .. [VW] P. Viola, W. M. Wells III, "Alignment by maximization of mutual
       information", International Journal of Computer Vision 24(2), 137-154 (1997).
    .. [CMD] F. Maes, A. Collignon, D. Vandermeulen, G. Marchal, P. Suetens,
       "Multimodality image registration by maximization of mutual information",
       IEEE Transactions on Medical Imaging 16(2), 187-198 (1997).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> img = mh.camera_image(64)
    >>> moving, truth = mh.simulate_modality(img, seed=5, max_shift=3, max_angle=6)
    >>> found = mh.register_rigid_mi(img, moving, max_shift=4, angles=range(-6, 7, 2), bins=16)
    >>> truth, (found.angle, found.shift)
    ({'angle': 2.0, 'shift': (2, -3)}, (2.0, (2, -3)))
    """
    fixed, moving, max_shift, bins, metric, coarse = _check_search_args(fixed, moving, max_shift, bins, metric, coarse)
    if isinstance(angles, (str, bytes)) or not hasattr(angles, "__iter__"):
        raise TypeError(f"angles must be a sequence of numbers in degrees, got {angles!r}")
    angle_grid = np.array([_check_real(a, f"angles[{i}]") for i, a in enumerate(angles)], dtype=float)
    if angle_grid.size == 0:
        raise ValueError("angles is empty")
    angle_grid = np.unique(angle_grid)
    rot_margin = _rotation_margin(fixed.shape, angle_grid)
    margin = max_shift + rot_margin
    _check_window(fixed.shape, margin)
    if coarse == 1:
        grid = np.arange(-max_shift, max_shift + 1)
        k, shift, score, surface = _search(fixed, moving, angle_grid, grid, margin, bins, metric)
        return Registration(shift, float(angle_grid[k]), float(score), metric, grid, angle_grid, surface, surface.size)
    f = coarse
    fc, mc = _block(fixed, f), _block(moving, f)
    cmax = -(-max_shift // f)
    c_margin = cmax + _rotation_margin(fc.shape, angle_grid)
    _check_window(fc.shape, c_margin)
    grid = np.arange(-cmax, cmax + 1)
    k, cshift, _, surface = _search(fc, mc, angle_grid, grid, c_margin, bins, metric)
    near = angle_grid[max(0, k - 1) : k + 2]
    (score, angle, shift), n = _refine(
        fixed, moving, near, (cshift[0] * f, cshift[1] * f), f, max_shift, margin, bins, metric
    )
    return Registration(shift, angle, float(score), metric, grid, angle_grid, surface, surface.size + n)


# --------------------------------------------------------------------------
# The score of one transform, sub-pixel included
# --------------------------------------------------------------------------

#: Interpolations accepted by :func:`score_transform`.
INTERPOLATIONS = ("linear", "pv")


def _source_coords(shape, window, angle, shift):
    """Input (row, col) in the fixed image of each output pixel of ``window``,
    for the transform of :func:`rigid_transform` (rotation, then shift)."""
    t = math.radians(angle)
    c, s = math.cos(t), math.sin(t)
    centre = (np.array(shape, dtype=float) - 1.0) / 2.0
    rows, cols = np.mgrid[window]
    y = rows.ravel() - centre[0] - shift[0]
    x = cols.ravel() - centre[1] - shift[1]
    return c * y + s * x + centre[0], -s * y + c * x + centre[1]


def _pv_counts(fixed_codes, yy, xx, mov_codes, bins):
    """Joint histogram by partial-volume interpolation [CMD]_: each window pixel
    adds its bilinear weights to the bins of the four fixed pixels around its
    source position (weights sum to 1 per pixel), so no new intensity is made."""
    h, w = fixed_codes.shape
    y0 = np.clip(np.floor(yy).astype(np.intp), 0, h - 2)
    x0 = np.clip(np.floor(xx).astype(np.intp), 0, w - 2)
    fy, fx = yy - y0, xx - x0
    table = np.zeros(bins * bins)
    for dy, wy in ((0, 1.0 - fy), (1, fy)):
        for dx, wx in ((0, 1.0 - fx), (1, fx)):
            codes = fixed_codes[y0 + dy, x0 + dx]
            table += np.bincount(codes * bins + mov_codes, weights=wy * wx, minlength=bins * bins)
    return table.reshape(bins, bins)


def score_transform(
    fixed, moving, *, angle=0.0, shift=(0.0, 0.0), metric="mi", bins=32, interpolation="linear", margin=0
) -> float:
    """Similarity of ``moving`` and ``fixed`` moved by one rigid transform, sub-pixel allowed.

    The central window of ``moving`` (inset by ``margin`` on every side) is
    compared with ``rigid_transform(fixed, angle=angle, shift=shift)`` on
    the same pixels, exactly as the registration searches score a candidate
    (same window, same binning: equal-width bins over each image's full
    range), so at an integer shift this equals their surface value.

    Parameters
    ----------
    fixed, moving : array-like, shape (h, w)
    angle : float, default 0
        Degrees, counterclockwise about the centre (see :func:`rigid_transform`).
    shift : (float, float), default (0, 0)
        (dy, dx) in pixels; any real values.
    metric : str, default "mi"
        One of :data:`METRICS` (MI in nats).
    bins : int, default 32
    interpolation : {"linear", "pv"}, default "linear"
        How ``fixed`` is sampled between its pixels. "linear": bilinear
        interpolation of the intensities, which makes new, averaged
        intensities (a slight blur that changes the histograms). "pv":
        partial-volume interpolation of Maes et al. [CMD]_, which spreads
        each pixel's count over the joint-histogram cells of its four
        neighbours (only for "mi" and "nmi"). Both produce artefacts in the
        score at non-integer shifts when the two pixel grids can align
        [PMV]_; at integer shifts with angle 0 both equal no interpolation.
    margin : int, default 0
        Inset of the comparison window. It must keep every window pixel's
        source inside ``fixed``; otherwise a ValueError says so.

    Returns
    -------
    float
        The metric's value. O(h w).

    Raises
    ------
    ValueError
        If the images differ in shape, are not finite 2-D arrays of at least
        2 x 2 pixels, ``metric`` or ``interpolation`` is unknown, "pv" is
        asked for a metric other than "mi" or "nmi", ``bins`` is below 2,
        ``margin`` is negative or leaves no window, or the transform takes
        part of the window from outside ``fixed``.
    TypeError
        If an image is not numeric, ``angle`` is not a real number,
        ``shift`` is not a pair of numbers, or ``bins`` or ``margin`` is not
        an integer.

    References
    ----------
    .. [CMD] F. Maes, A. Collignon, D. Vandermeulen, G. Marchal, P. Suetens,
       "Multimodality image registration by maximization of mutual
       information", IEEE Transactions on Medical Imaging 16(2), 187-198 (1997).
    .. [PMV] J. P. W. Pluim, J. B. A. Maintz, M. A. Viergever, "Interpolation
       artefacts in mutual information-based image registration", Computer
       Vision and Image Understanding 77(2), 211-232 (2000).

    Examples
    --------
    At a whole-pixel shift the score is that of the registration's surface;
    between pixels the two interpolations differ.

    >>> import mi_helpers as mh
    >>> img = mh.camera_image(64)
    >>> moving = mh.rigid_transform(img, shift=(2, -1))
    >>> reg = mh.register_translation_mi(img, moving, max_shift=3, bins=16)
    >>> reg.shift
    (2, -1)
    >>> best = mh.score_transform(img, moving, shift=(2, -1), bins=16, margin=3)
    >>> bool(abs(best - reg.surface.max()) < 1e-12)
    True
    >>> half = [mh.score_transform(img, moving, shift=(2, -0.5), bins=16, margin=3, interpolation=i) for i in ("linear", "pv")]
    >>> bool(max(half) < best)  # half a pixel off scores lower
    True
    """
    fixed = _as_image(fixed, "fixed", min_side=2)
    moving = _as_image(moving, "moving", min_side=2)
    if fixed.shape != moving.shape:
        raise ValueError(f"fixed and moving must have the same shape, got {fixed.shape} and {moving.shape}")
    angle = _check_real(angle, "angle")
    shift = _check_shift(shift)
    metric = _check_metric(metric)
    bins = _check_bins(bins)
    if interpolation not in INTERPOLATIONS:
        raise ValueError(f"interpolation must be one of {INTERPOLATIONS}, got {interpolation!r}")
    if interpolation == "pv" and metric not in ("mi", "nmi"):
        raise ValueError(f"partial-volume interpolation builds a joint histogram: use metric 'mi' or 'nmi', not {metric!r}")
    margin = check_int(margin, "margin", minimum=0)
    h, w = fixed.shape
    if 2 * margin >= min(h, w):
        raise ValueError(f"margin {margin} leaves no window in a {fixed.shape} image")
    window = (slice(margin, h - margin), slice(margin, w - margin))
    whole = angle == 0.0 and shift[0].is_integer() and shift[1].is_integer()
    if whole:  # the corners of the window's source are enough
        yy = np.array([margin - shift[0], h - 1 - margin - shift[0]])
        xx = np.array([margin - shift[1], w - 1 - margin - shift[1]])
    else:
        yy, xx = _source_coords(fixed.shape, window, angle, shift)
    tol = 1e-9
    if yy.min() < -tol or xx.min() < -tol or yy.max() > h - 1 + tol or xx.max() > w - 1 + tol:
        raise ValueError(
            f"the transform (angle {angle}, shift {shift}) takes part of the window from outside the fixed image; "
            "use a larger margin"
        )
    lo, hi = float(fixed.min()), float(fixed.max())
    if hi <= lo:
        hi = lo + 1.0
    edges_f = np.linspace(lo, hi, bins + 1)
    win = moving[window].ravel()
    mov_codes = _codes_from_edges(win, np.histogram_bin_edges(moving, bins=bins))
    if whole:
        # A whole-pixel shift: both interpolations reduce to reading the pixels.
        dy, dx = int(shift[0]), int(shift[1])
        part = fixed[margin - dy : h - margin - dy, margin - dx : w - margin - dx].ravel()
    elif interpolation == "pv":
        fixed_codes = _codes_from_edges(fixed.ravel(), edges_f).reshape(fixed.shape)
        table = _pv_counts(fixed_codes, yy, xx, mov_codes, bins)
        return _mi_from_counts(table) if metric == "mi" else _nmi_from_counts(table)
    else:
        from scipy import ndimage

        part = ndimage.map_coordinates(fixed, [yy, xx], order=1, mode="nearest")
    if metric == "corr":
        return _corr(part, win)
    if metric == "cr_fixed":
        sums = np.bincount(mov_codes, weights=part, minlength=bins)
        d = part - part.mean()
        counts = np.bincount(mov_codes, minlength=bins).astype(np.float64)
        return _eta2(counts, sums, float(part.sum()), part.size, _dot(d, d))
    codes = _codes_from_edges(part, edges_f)
    if metric == "cr_moving":
        counts = np.bincount(codes, minlength=bins).astype(np.float64)
        sums = np.bincount(codes, weights=win, minlength=bins)
        d = win - win.mean()
        return _eta2(counts, sums, float(win.sum()), win.size, _dot(d, d))
    table = _joint_counts(codes, mov_codes, bins, bins)
    return _mi_from_counts(table) if metric == "mi" else _nmi_from_counts(table)


# --------------------------------------------------------------------------
# A second modality with a hidden misalignment
# --------------------------------------------------------------------------


def u_shaped_remap(image) -> np.ndarray:
    """A non-monotone intensity map that leaves no linear trend.

    Intensities are scaled to u in [0, 1] and mapped to ((u - c) / r)^2,
    with the centre ``c = cov(u, u^2) / (2 var u)`` chosen so that the
    result has zero covariance with u over this image, and r the largest
    ``|u - c|``. Dark and bright pixels both come out bright and mid-grey
    comes out dark: a deterministic (2-to-1) function of the intensity that
    Pearson correlation cannot see, the worst case for correlation.

    Parameters
    ----------
    image : array-like, shape (h, w)
        Grey levels, not all equal.

    Returns
    -------
    ndarray of float in [0, 1], shape (h, w)

    Raises
    ------
    ValueError
        If ``image`` is constant, not 2-D, or holds NaN or infinite values.
    TypeError
        If ``image`` is not numeric.

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> img = mh.camera_image(64)
    >>> remapped = mh.u_shaped_remap(img)
    >>> round(mh.image_correlation(img, remapped), 6), bool(mh.image_mi(img, remapped) > 1.0)
    (0.0, True)
    """
    img = _as_image(image, "image", min_side=1)
    lo, hi = float(img.min()), float(img.max())
    if hi <= lo:
        raise ValueError("image is constant; a remap of it carries no structure")
    u = (img - lo) / (hi - lo)
    c = float(np.cov(u.ravel(), u.ravel() ** 2)[0, 1] / (2.0 * u.var(ddof=1)))
    d = u - c
    return (d / np.abs(d).max()) ** 2


def simulate_modality(image, *, seed, noise=0.05, max_shift=12, max_angle=10, remap=u_shaped_remap) -> tuple:
    """A second "modality" of ``image``, misaligned by a random rigid transform.

    ``moving = rigid_transform(remap(image), angle=A, shift=(dy, dx)) + noise * e``
    with integer A, dy, dx drawn uniformly (``|A| <= max_angle`` degrees,
    ``|dy|, |dx| <= max_shift``) and e standard Gaussian per pixel, all from
    ``seed``. The pixels that come from outside the image are 0 before the
    noise is added.

    Parameters
    ----------
    image : array-like, shape (h, w)
    seed : int or numpy Generator
        Required: the hidden transform and the noise depend on it.
    noise : float, default 0.05
        Noise standard deviation (the remapped image spans [0, 1]).
    max_shift, max_angle : int
        Bounds of the hidden transform (max_angle 0 gives a pure shift).
    remap : callable, default :func:`u_shaped_remap`
        Intensity map applied before the transform.

    Returns
    -------
    moving : ndarray of float, shape (h, w)
    truth : dict
        ``{"angle": float, "shift": (int, int)}``, the transform to recover:
        ``moving`` is ``remap(image)`` moved by it, plus noise.

    Raises
    ------
    ValueError
        If ``image`` is not a finite 2-D array, ``noise`` is negative, a
        bound is negative, or ``seed`` is None.
    TypeError
        If ``remap`` is not callable.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> moving, truth = mh.simulate_modality(mh.camera_image(64), seed=3, max_shift=4, max_angle=0)
    >>> moving.shape, truth
    ((64, 64), {'angle': 0.0, 'shift': (3, -4)})
    """
    img = _as_image(image, "image", min_side=2)
    rng = make_rng(seed)
    if isinstance(noise, bool) or not isinstance(noise, numbers.Real) or not math.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a non-negative number (standard deviation), got {noise!r}")
    max_shift = check_int(max_shift, "max_shift", minimum=0)
    max_angle = check_int(max_angle, "max_angle", minimum=0)
    if not callable(remap):
        raise TypeError(f"remap must be a function of an image, got {type(remap).__name__}")
    angle = float(rng.integers(-max_angle, max_angle + 1))
    shift = (int(rng.integers(-max_shift, max_shift + 1)), int(rng.integers(-max_shift, max_shift + 1)))
    second = _as_image(remap(img), "remap(image)", min_side=2)
    moved = _rigid(second, angle, shift, 1, 0.0)
    moving = moved + float(noise) * rng.standard_normal(img.shape)
    return moving, {"angle": angle, "shift": shift}
