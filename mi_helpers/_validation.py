"""Input checks shared by every public function.

Each check raises ``TypeError`` (wrong kind of thing) or ``ValueError`` (right
kind, wrong value) with a message that names the argument and the problem, so a
learner sees what to fix instead of a silent nonsense number.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np

__all__ = [
    "ContinuousInputWarning",
    "TiesWarning",
    "as_continuous",
    "as_covariance",
    "as_labels",
    "check_base",
    "check_int",
    "check_same_length",
    "log_base",
]


class ContinuousInputWarning(UserWarning):
    """A discrete estimator was given data that looks continuous."""


class TiesWarning(UserWarning):
    """A nearest-neighbour estimator was given data with many repeated values."""


def check_base(base) -> float:
    """Return ``base`` as a float after checking it is a valid logarithm base."""
    if isinstance(base, bool) or not isinstance(base, numbers.Real):
        raise TypeError(f"base must be a real number such as 2 or math.e, got {type(base).__name__}")
    base = float(base)
    if not np.isfinite(base) or base <= 0 or base == 1:
        raise ValueError(f"base must be positive, finite and not 1, got {base!r}")
    return base


def log_base(base) -> float:
    """Natural log of a checked base: divide a value in nats by it to convert."""
    return float(np.log(check_base(base)))


def check_int(value, name: str, *, minimum: int | None = None) -> int:
    """Return ``value`` as an int, rejecting floats, bools and too-small values."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return value


def as_continuous(x, name: str, *, min_samples: int = 2) -> np.ndarray:
    """Return ``x`` as a finite float array of shape ``(n, d)``.

    Accepts 1-D ``(n,)`` or 2-D ``(n, d)`` array-likes of real numbers.
    """
    try:
        arr = np.asarray(x)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(f"{name} could not be converted to an array: {exc}") from None
    if arr.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} must contain real numbers, got dtype {arr.dtype}"
            + (" (labels? use mi_discrete for categorical data)" if arr.dtype.kind in "OUS" else "")
        )
    if arr.ndim == 1:
        arr = arr[:, None]
    elif arr.ndim != 2:
        raise ValueError(f"{name} must be 1-D (n,) or 2-D (n, d), got shape {arr.shape}")
    if arr.shape[1] == 0:
        raise ValueError(f"{name} has no columns (shape {arr.shape})")
    arr = arr.astype(np.float64, copy=False)
    bad = ~np.isfinite(arr)
    if bad.any():
        raise ValueError(f"{name} contains NaN or infinite values ({int(bad.sum())} of {arr.size})")
    if arr.shape[0] < min_samples:
        raise ValueError(f"{name} needs at least {min_samples} samples, got {arr.shape[0]}")
    return arr


def as_labels(x, name: str) -> tuple[np.ndarray, int]:
    """Encode labels as integer codes ``0..m-1``; return ``(codes, m)``.

    Accepts a 1-D array-like of hashable, sortable labels (ints, strings,
    bools, floats), or a 2-D array whose rows are treated as joint symbols.
    """
    try:
        arr = np.asarray(x)
    except Exception as exc:
        raise TypeError(f"{name} could not be converted to an array: {exc}") from None
    if arr.ndim == 0:
        raise ValueError(f"{name} must be a sequence of labels, got a scalar")
    if arr.ndim > 2:
        raise ValueError(f"{name} must be 1-D (n,) or 2-D (n, d), got shape {arr.shape}")
    if arr.shape[0] == 0:
        raise ValueError(f"{name} is empty")
    if arr.dtype.kind == "c":
        raise TypeError(f"{name} must not be complex")
    if arr.dtype.kind == "f" and not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or infinite values; drop or encode them first")
    if arr.dtype.kind == "O":
        # Mixed objects: compare them through their string form only if they are all strings.
        flat = arr.ravel()
        if not all(isinstance(v, str) for v in flat):
            try:
                arr = arr.astype(np.float64)
            except (TypeError, ValueError):
                raise TypeError(f"{name} mixes label types; use all strings or all numbers") from None
            if not np.isfinite(arr).all():
                raise ValueError(f"{name} contains NaN or infinite values; drop or encode them first")
        else:
            arr = arr.astype(str)
    if arr.ndim == 2:
        _, codes = np.unique(arr, axis=0, return_inverse=True)
    else:
        _, codes = np.unique(arr, return_inverse=True)
    codes = codes.reshape(-1).astype(np.intp, copy=False)
    return codes, int(codes.max()) + 1


def as_covariance(cov, name: str = "cov") -> np.ndarray:
    """Return ``cov`` as a finite, symmetric float matrix of size 2 or more."""
    try:
        c = np.asarray(cov, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a square array of real numbers") from None
    if c.ndim != 2 or c.shape[0] != c.shape[1] or c.shape[0] < 2:
        raise ValueError(f"{name} must be a square matrix of size 2 or more, got shape {c.shape}")
    if not np.isfinite(c).all():
        raise ValueError(f"{name} contains NaN or infinite values")
    if not np.allclose(c, c.T, rtol=1e-10, atol=1e-12):
        raise ValueError(f"{name} must be symmetric")
    return c


def check_same_length(*pairs: tuple[str, np.ndarray]) -> int:
    """Check that all named arrays have the same number of samples; return it."""
    lengths = {name: len(a) for name, a in pairs}
    if len(set(lengths.values())) > 1:
        detail = ", ".join(f"{k} has {v}" for k, v in lengths.items())
        raise ValueError(f"inputs must have the same number of samples: {detail}")
    return next(iter(lengths.values()))


def warn_if_continuous(x, codes_count: int, name: str) -> None:
    """Warn when a label array is floats with mostly distinct values."""
    arr = np.asarray(x)
    n = arr.shape[0]
    if arr.dtype.kind == "f" and n >= 20 and codes_count > 0.5 * n:
        warnings.warn(
            f"{name} looks continuous ({codes_count} distinct float values in {n} samples). "
            f"A discrete estimator treats every distinct value as its own label, so the "
            f"'mutual information' tends to the entropy of the labels, about ln(N) = "
            f"{np.log(n):.2f} nats, whatever the real dependence. For continuous data use "
            f"mi_ksg (k-nearest neighbours) or mi_binned (histogram with a stated bin rule).",
            ContinuousInputWarning,
            stacklevel=3,
        )
