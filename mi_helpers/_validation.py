"""Input checks shared by every public function.

Each check raises ``TypeError`` (wrong kind of thing) or ``ValueError`` (right
kind, wrong value) with a message that names the argument and the problem, so a
learner sees what to fix instead of a silent nonsense number.
"""

from __future__ import annotations

import contextlib
import contextvars
import math
import numbers
import os
import sys
import warnings

import numpy as np

__all__ = [
    "BinsWarning",
    "ContinuousInputWarning",
    "OutlierWarning",
    "TiesWarning",
    "as_continuous",
    "as_covariance",
    "as_labels",
    "check_base",
    "check_int",
    "check_same_length",
    "check_workers",
    "log_base",
    "warn",
]

#: Directory of the package: frames in files below it are library frames.
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep

#: Integers of larger magnitude may not survive the conversion to float64.
_EXACT_INT = 2**53


class ContinuousInputWarning(UserWarning):
    """A discrete estimator was given data that looks continuous."""


class TiesWarning(UserWarning):
    """A nearest-neighbour estimator was given data with many repeated values."""


class BinsWarning(UserWarning):
    """A bin rule gave an unusable number of bins and was overridden (see the message)."""


class OutlierWarning(UserWarning):
    """A few extreme values dominate a variable's standard deviation (see the message)."""


def warn(message: str, category: type[Warning]) -> None:
    """Issue a warning attributed to the first caller outside ``mi_helpers``.

    The warning's file and line are those of the user's code that called into
    the package (a notebook cell, a script), however deep inside the package
    the problem was found, so the message points at the line to change.
    Only ``warnings.warn`` is called: no filter or other global warning state
    is touched.
    """
    sink = _WARNING_SINK.get()
    if sink is not None:
        sink.append((message, category))
        return
    frame = sys._getframe(1)
    level = 2  # warnings.warn's stacklevel for the caller of this function
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back
        level += 1
    warnings.warn(message, category, stacklevel=level)


#: While a task of a Dask worker runs, the package's warnings are collected here
#: (as (message, category) pairs) and sent back to the client, which issues them
#: at the caller's line: a worker's warnings would otherwise go to its own log.
_WARNING_SINK: contextvars.ContextVar[list | None] = contextvars.ContextVar("mi_helpers_warning_sink", default=None)


@contextlib.contextmanager
def collect_warnings():
    """Collect the package's warnings as ``(message, category)`` pairs instead of issuing them.

    Thread-safe (a :class:`contextvars.ContextVar`). Reissue them with
    :func:`warn` where they should be seen.
    """
    sink: list = []
    token = _WARNING_SINK.set(sink)
    try:
        yield sink
    finally:
        _WARNING_SINK.reset(token)


#: While bootstrap replicates run, tie warnings of the package's own
#: estimators are collected here instead of being issued (one list per
#: thread or task: a context variable, not the global warning filters).
_TIE_SINK: contextvars.ContextVar[list | None] = contextvars.ContextVar("mi_helpers_tie_sink", default=None)


@contextlib.contextmanager
def collect_tie_warnings():
    """Collect the package's TiesWarning messages in a list instead of issuing them.

    Thread-safe: the collector lives in a :class:`contextvars.ContextVar`, so
    calls in other threads (and their warnings) are unaffected.
    """
    sink: list = []
    token = _TIE_SINK.set(sink)
    try:
        yield sink
    finally:
        _TIE_SINK.reset(token)


def warn_ties(message: str) -> None:
    """Issue a :class:`TiesWarning` at the caller's line, or collect it (see above)."""
    sink = _TIE_SINK.get()
    if sink is not None:
        sink.append(message)
        return
    warn(message, TiesWarning)


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
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return value


def check_workers(workers, name: str = "workers") -> int:
    """Return a thread count: -1 (all cores) or a positive integer."""
    workers = check_int(workers, name)
    if workers == 0 or workers < -1:
        raise ValueError(f"{name} must be -1 (all cores) or a positive number of threads, got {workers}")
    return workers


def _as_array(x, name: str) -> np.ndarray:
    """``np.asarray(x)``, refusing masked arrays with masked entries."""
    if isinstance(x, np.ma.MaskedArray):
        masked = int(np.ma.count_masked(x))
        if masked:
            raise ValueError(
                f"{name} is a masked array with {masked} masked value(s), and mi_helpers does not drop rows "
                "on its own. Select the rows to use first, in every variable alike, e.g. "
                f"keep = ~np.ma.getmaskarray({name}), then pass {name}.data[keep] and the other variables' [keep]"
            )
        x = x.data
    try:
        return np.asarray(x)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(f"{name} could not be converted to an array: {exc}") from None


def _is_missing(v) -> bool:
    """True for None, NaN, pandas' NA and NaT, and NumPy's NaT."""
    if v is None:
        return True
    if type(v).__name__ in ("NAType", "NaTType"):
        return True
    if isinstance(v, (float, np.floating)):
        return bool(np.isnan(v))
    if isinstance(v, (np.datetime64, np.timedelta64)):
        return bool(np.isnat(v))
    return False


def _missing_error(name: str, count: int, size: int) -> ValueError:
    return ValueError(
        f"{name} contains missing values (None, NaN, NA or NaT) at {count} of {size} positions; "
        "drop those rows (from every variable), or encode 'missing' as a label of its own"
    )


def _check_exact_integers(arr: np.ndarray, name: str) -> None:
    """Refuse integers that float64 would round (magnitude above 2**53)."""
    if arr.size == 0 or arr.dtype.kind not in "iu" or arr.dtype.itemsize < 8:
        return
    big = (arr > _EXACT_INT) | (arr < -_EXACT_INT) if arr.dtype.kind == "i" else arr > _EXACT_INT
    if not big.any():
        return
    v = arr[big]
    f = v.astype(np.float64)
    # Round trip: a value float64 holds exactly comes back unchanged. The
    # top of the integer range rounds to 2**63 (2**64 unsigned), which is out of range.
    top = 2.0**63 if arr.dtype.kind == "i" else 2.0**64
    inexact = (f >= top) | (np.where(f >= top, 0.0, f).astype(arr.dtype) != v)
    if inexact.any():
        raise ValueError(
            f"{name} holds integers above 2**53 in magnitude ({int(inexact.sum())} of them) that float64 "
            "cannot represent exactly, so nearby values would merge silently. Subtract a reference "
            f"value first (for instance {name} - {name}.min(), which leaves the MI unchanged) or rescale"
        )


def as_continuous(x, name: str, *, min_samples: int = 2) -> np.ndarray:
    """Return ``x`` as a finite float array of shape ``(n, d)``.

    Accepts 1-D ``(n,)`` or 2-D ``(n, d)`` array-likes of real numbers.
    Masked arrays with masked entries, missing values (None, NaN, pandas'
    NA), and integers that float64 cannot hold exactly are refused with a
    ``ValueError`` that says what to do.
    """
    arr = _as_array(x, name)
    if arr.dtype.kind == "O":
        flat = arr.ravel()
        types = set(map(type, flat))
        _check_no_missing(flat, types, name)
        if types and all(issubclass(t, numbers.Real) and not issubclass(t, (bool, np.bool_)) for t in types):
            try:
                arr = arr.astype(np.int64 if all(issubclass(t, numbers.Integral) for t in types) else np.float64)
            except (TypeError, ValueError, OverflowError):
                pass
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
    _check_exact_integers(arr, name)
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
    bools, floats, dates), or a 2-D array whose rows are treated as joint
    symbols. Missing values (None, NaN, pandas' NA, NaT) are refused with a
    ``ValueError``; a mix of strings and numbers (where ``1`` and ``"1"``
    would silently become one label) with a ``TypeError``.
    """
    arr = _as_array(x, name)
    if arr.dtype.kind in "US" and not isinstance(x, np.ndarray):
        # NumPy turns [1, "1"] into ["1", "1"]: look at the original elements.
        obj = np.asarray(x, dtype=object)
        if not all(isinstance(v, (str, bytes)) for v in obj.ravel()):
            arr = obj
    elif arr.dtype.kind == "f" and arr.size and not isinstance(x, np.ndarray):
        # NumPy turns [2**60, 2**60 + 1, 0.5] into floats, merging the two integers:
        # where a value is large enough for that, look at the original elements.
        with np.errstate(invalid="ignore"):
            large = np.nanmax(np.abs(arr)) > _EXACT_INT if not np.isnan(arr).all() else False
        if large:
            obj = np.asarray(x, dtype=object)
            if _has_big_integers(obj.ravel()):
                arr = obj
    if arr.ndim == 0:
        raise ValueError(f"{name} must be a sequence of labels, got a scalar")
    if arr.ndim > 2:
        raise ValueError(f"{name} must be 1-D (n,) or 2-D (n, d), got shape {arr.shape}")
    if arr.shape[0] == 0:
        raise ValueError(f"{name} is empty")
    if arr.dtype.kind == "c":
        raise TypeError(f"{name} must not be complex")
    if arr.dtype.kind == "f":
        if np.isnan(arr).any():
            raise _missing_error(name, int(np.isnan(arr).sum()), arr.size)
        if not np.isfinite(arr).all():
            raise ValueError(f"{name} contains infinite values; drop or encode them first")
    if arr.dtype.kind in "mM" and np.isnat(arr).any():
        raise _missing_error(name, int(np.isnat(arr).sum()), arr.size)
    if arr.dtype.kind == "O":
        flat = arr.ravel()
        types = set(map(type, flat))
        _check_no_missing(flat, types, name)
        kinds = {_label_kind(t) for t in types}
        if kinds == {"str"}:
            arr = arr.astype(str)
        elif kinds == {"int"}:
            try:
                arr = arr.astype(np.int64)
            except OverflowError:
                pass  # Python ints beyond int64 stay objects; np.unique compares them exactly
        elif kinds <= {"int", "number"}:
            # Python and NumPy numbers (1 and 1.0 are one label, as in Python).
            if _has_big_integers(flat):
                # float64 would merge 2**60 and 2**60 + 1: compare the numbers exactly,
                # as Python does (int and float compare by value, without rounding).
                arr = np.array([_exact_number(v) for v in flat], dtype=object).reshape(arr.shape)
                if any(isinstance(v, float) and not math.isfinite(v) for v in arr.ravel()):
                    raise ValueError(f"{name} contains infinite values; drop or encode them first")
            else:
                arr = arr.astype(np.float64)
                if not np.isfinite(arr).all():
                    raise ValueError(f"{name} contains infinite values; drop or encode them first")
        elif len(kinds) > 1:
            found = ", ".join(sorted(kinds))
            raise TypeError(
                f"{name} mixes label types ({found}): 1 and '1' would be compared as different "
                "labels or merged, depending on the conversion. Convert every label to one type first, "
                f"e.g. [str(v) for v in {name}]"
            )
    if arr.ndim == 2 and arr.dtype.kind == "O":
        # np.unique has no axis for objects: code each column, then the rows of codes
        # (per-column codes keep each column's order, so the row codes are the same).
        cols = np.stack([as_labels(arr[:, j], f"{name}[:, {j}]")[0] for j in range(arr.shape[1])], axis=1)
        _, codes = np.unique(cols, axis=0, return_inverse=True)
        codes = codes.reshape(-1).astype(np.intp, copy=False)
        return codes, int(codes.max()) + 1
    try:
        if arr.ndim == 2:
            _, codes = np.unique(arr, axis=0, return_inverse=True)
        else:
            _, codes = np.unique(arr, return_inverse=True)
    except TypeError:
        raise TypeError(f"{name} holds labels that cannot be sorted ({arr.dtype}); use ints or strings") from None
    codes = codes.reshape(-1).astype(np.intp, copy=False)
    return codes, int(codes.max()) + 1


def _has_big_integers(flat: np.ndarray) -> bool:
    """True if an object array holds an integer above 2**53 in magnitude (float64 would round it)."""
    return any(
        isinstance(v, (numbers.Integral, np.integer)) and not isinstance(v, (bool, np.bool_)) and abs(int(v)) > _EXACT_INT
        for v in flat
    )


def _exact_number(v):
    """A Python int or float with the value of ``v`` (bools become 0 and 1)."""
    if isinstance(v, (numbers.Integral, np.integer, np.bool_)):
        return int(v)
    return float(v)


def _label_kind(t: type) -> str:
    """A label's family: str, bytes, int (bools too), number (other reals), or the type's name."""
    if issubclass(t, (str, np.str_)):
        return "str"
    if issubclass(t, (bytes, np.bytes_)):
        return "bytes"
    if issubclass(t, (numbers.Integral, np.bool_, bool)):
        return "int"
    if issubclass(t, numbers.Real):
        return "number"
    return t.__name__


def _check_no_missing(flat: np.ndarray, types: set, name: str) -> None:
    """Raise if an object array holds None, NaN, pandas' NA or NaT."""
    suspects = {t for t in types if t is type(None) or t.__name__ in ("NAType", "NaTType")}
    suspects |= {t for t in types if issubclass(t, (float, np.floating, np.datetime64, np.timedelta64))}
    if not suspects:
        return
    missing = sum(_is_missing(v) for v in flat if type(v) in suspects)
    if missing:
        raise _missing_error(name, missing, flat.size)


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


def looks_continuous(x, codes_count: int) -> bool:
    """True when a label array holds floats with mostly distinct values (20 samples or more)."""
    arr = np.asarray(x.data if isinstance(x, np.ma.MaskedArray) else x)
    n = arr.shape[0]
    return arr.dtype.kind == "f" and n >= 20 and codes_count > 0.5 * n


#: The closing advice of the warning when the other variable is continuous too.
CONTINUOUS_ADVICE = "For continuous data use mi_ksg (k-nearest neighbours) or mi_binned (histogram with a stated bin rule)."


def warn_if_continuous(x, codes_count: int, name: str, *, advice: str = CONTINUOUS_ADVICE) -> bool:
    """Warn when a label array is floats with mostly distinct values; return whether it did.

    ``advice`` is the closing sentence: which estimator to use instead.
    """
    if not looks_continuous(x, codes_count):
        return False
    n = np.asarray(x).shape[0]
    warn(
        f"{name} looks continuous ({codes_count} distinct float values in {n} samples). "
        f"A discrete estimator treats every distinct value as its own label, so the "
        f"'mutual information' tends to the entropy of the labels, about ln(N) = "
        f"{np.log(n):.2f} nats, whatever the real dependence. {advice}",
        ContinuousInputWarning,
    )
    return True
