"""Real data available offline, and helpers for recorded (rounded, serial) data.

Everything here reads files that ship inside installed packages; nothing is
downloaded. The helpers deal with two features of real measurements that
nearest-neighbour estimators dislike: values recorded on a grid (ties), and
series in time (lags).

Data
----
``load_seattle_weather`` reads ``seattle-weather.csv`` from the
``vega_datasets`` package (version 0.9.0 bundles it; the package is MIT
licensed). The package describes the file as daily precipitation totals,
temperature extremes, wind speed and weather type recorded in Seattle from
2012 to 2015, drawn from public-domain NOAA data (https://www.weather.gov/disclaimer)
and transformed with the scripts at https://github.com/vega/vega_datasets.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ._validation import as_continuous, as_labels, check_int
from .conditional import cmi_stratified
from .estimators import mi_ksg
from .synthetic import make_rng

__all__ = [
    "SEATTLE_RESOLUTION",
    "SEATTLE_WEATHER_SOURCE",
    "ar1_series",
    "dequantize",
    "lagged_mi",
    "load_seattle_weather",
    "markov_surrogates",
    "year_swap_indices",
]

#: Provenance of the Seattle weather data, as stated by the vega_datasets package.
SEATTLE_WEATHER_SOURCE = (
    "seattle-weather.csv from the vega_datasets package (MIT licence), which bundles it from "
    "vega-datasets; daily Seattle weather 2012-2015 drawn from public-domain NOAA data "
    "(https://www.weather.gov/disclaimer)"
)

#: Recording step of each numeric column of the Seattle data, in its unit: temperatures
#: were read in whole degrees Fahrenheit (5/9 C apart), precipitation in hundredths
#: of an inch (0.254 mm), wind to 0.1 m/s. The right ``step`` for :func:`dequantize`.
SEATTLE_RESOLUTION = {"temp_max": 5.0 / 9.0, "temp_min": 5.0 / 9.0, "precipitation": 0.254, "wind": 0.1}

_SEATTLE_COLUMNS = ("date", "precipitation", "temp_max", "temp_min", "wind", "weather")


def load_seattle_weather():
    """Daily weather in Seattle, 2012-2015, read from the local vega_datasets file.

    Returns
    -------
    pandas.DataFrame, 1461 rows
        ``date`` (datetime64), ``precipitation`` (mm, float), ``temp_max``
        and ``temp_min`` (degrees C, float), ``wind`` (m/s, float),
        ``weather`` (categorical: drizzle, fog, rain, snow, sun) and
        ``month`` (int, 1-12, from the date).

    Raises
    ------
    ImportError
        If ``vega_datasets`` is not installed (``pip install vega_datasets``).
    FileNotFoundError
        If the installed package does not contain the file.

    Notes
    -----
    Only the file inside the installed package is read: no network access,
    whatever the package's own loaders would do for other data sets. Source
    and licence: see :data:`SEATTLE_WEATHER_SOURCE`. Values are rounded:
    temperatures were recorded in whole degrees Fahrenheit and converted
    (distinct values about 0.56 C apart), precipitation in hundredths of an
    inch (0.254 mm steps), and 57% of the days have exactly 0 mm.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> weather = mh.load_seattle_weather()
    >>> weather.shape, list(weather.columns)
    ((1461, 7), ['date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather', 'month'])
    """
    import importlib.util
    from importlib import resources

    if importlib.util.find_spec("vega_datasets") is None:
        raise ImportError(
            "load_seattle_weather needs the package vega_datasets, which ships seattle-weather.csv; "
            "install it with `pip install vega_datasets` (the course's requirements.txt lists it)"
        )
    import pandas as pd

    path = resources.files("vega_datasets") / "_data" / "seattle-weather.csv"
    if not path.is_file():
        raise FileNotFoundError(f"the installed vega_datasets has no {path}; reinstall vega_datasets")
    with path.open("rb") as handle:
        df = pd.read_csv(handle, parse_dates=["date"], date_format="%Y/%m/%d")
    missing = set(_SEATTLE_COLUMNS) - set(df.columns)
    if missing:
        raise ValueError(f"seattle-weather.csv lacks the columns {sorted(missing)}")
    df["weather"] = pd.Categorical(df["weather"].astype(str), categories=sorted(df["weather"].unique()))
    df["month"] = df["date"].dt.month.astype(np.int64)
    return df


def dequantize(x, *, seed, step=None) -> np.ndarray:
    """Spread values recorded on a grid uniformly over their rounding interval.

    Each value v becomes v + U(-step/2, step/2). When the recorded values are
    at least ``step`` apart, the intervals do not overlap, so rounding back
    recovers every recorded value: the map is invertible and the mutual
    information with any other variable is unchanged exactly, I(X + U; Y) =
    I(X; Y) for U independent of (X, Y). The result has a density, which is
    what k-nearest-neighbour estimators such as :func:`mi_ksg` assume; ties
    (zero distances) are gone.

    Parameters
    ----------
    x : array-like, shape (n,)
        Recorded values (e.g. temperatures rounded to a grid, or a rainfall
        series with many exact zeros).
    seed : int or numpy.random.Generator
        Required: the dither is random.
    step : float, optional
        Width of the rounding interval. Default: the smallest gap between
        two distinct values of ``x`` (so the intervals never overlap).

    Returns
    -------
    ndarray of float, shape (n,)

    Raises
    ------
    ValueError
        If ``x`` is not 1-D, holds NaN or infinite values, has a single
        distinct value (with the default step), ``step`` is not positive, or
        ``seed`` is None.
    TypeError
        If ``x`` is not numeric.

    Notes
    -----
    With a ``step`` larger than the smallest gap, neighbouring intervals
    overlap and a little information is lost. A dither is random, so an
    estimate on dequantized data varies slightly with the seed; report its
    spread over a few seeds. O(n log n) for the default step.

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> x = np.array([0.0, 0.0, 0.5, 1.0, 1.0])
    >>> d = mh.dequantize(x, seed=0)  # step 0.5: the smallest gap
    >>> bool(np.all(np.round(d * 2) / 2 == x)), len(np.unique(d))
    (True, 5)
    """
    arr = as_continuous(x, "x")
    if arr.shape[1] != 1:
        raise ValueError(f"x must be 1-D, got {arr.shape[1]} columns")
    v = arr[:, 0]
    if step is None:
        distinct = np.unique(v)
        if distinct.size < 2:
            raise ValueError("x has a single distinct value; there is no grid to dequantize")
        step = float(np.diff(distinct).min())
    elif isinstance(step, bool) or not isinstance(step, numbers.Real) or not math.isfinite(step) or step <= 0:
        raise ValueError(f"step must be a positive number, got {step!r}")
    rng = make_rng(seed)
    return v + rng.uniform(-0.5 * float(step), 0.5 * float(step), size=v.size)


def lagged_mi(x, lag, *, y=None, given=None, estimator=mi_ksg, **kwargs) -> float:
    """MI between a series and a later value: I(X_t ; Y_{t+lag}).

    With ``y`` omitted this is the *auto-information* of x at that lag, the
    MI analogue of the autocorrelation: how much today's value tells about
    the value ``lag`` steps later. Unlike the autocorrelation it sees
    non-linear and non-monotone dependence, and it has no sign.

    Parameters
    ----------
    x : array-like, shape (n,)
        A series at equally spaced times (no gaps).
    lag : int
        Steps between the two values, 0 <= lag < n - 2. Lag 0 needs ``y``
        (the MI of a continuous variable with itself is infinite).
    y : array-like, shape (n,), optional
        A second series on the same times; default x itself.
    given : array-like of labels, shape (n,), optional
        A discrete variable at time t (e.g. the month). Then the result is
        the conditional MI I(X_t ; Y_{t+lag} | given_t), estimated by
        :func:`~mi_helpers.conditional.cmi_stratified` (the estimator applied
        within each label and averaged with weights P(label)).
    estimator : callable, default mi_ksg
        ``estimator(a, b, **kwargs)`` returning MI in nats.
    **kwargs
        Passed to ``estimator`` (and ``min_count`` to ``cmi_stratified``).

    Returns
    -------
    float
        MI (or conditional MI) in nats, from the n - lag pairs
        ``(x[t], y[t + lag])``.

    Raises
    ------
    ValueError
        If ``x`` or ``y`` is not a 1-D series of the same length, ``lag`` is
        out of range (0 without ``y``), or ``given`` has the wrong length; and
        whatever ``estimator`` raises.
    TypeError
        If ``estimator`` is not callable or ``lag`` is not an integer.

    Notes
    -----
    The n - lag pairs overlap in time, so they are not independent samples:
    estimates are noisier than n - lag independent pairs would give, and a
    shuffle test that ignores the serial dependence is too optimistic.
    Cost: one estimator call on n - lag pairs.

    Examples
    --------
    An autoregressive series x_t = 0.8 x_{t-1} + e_t is jointly Gaussian with
    lag-1 correlation 0.8:

    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> rng = np.random.default_rng(0)
    >>> x = np.zeros(5000)
    >>> for t in range(1, 5000):
    ...     x[t] = 0.8 * x[t - 1] + rng.standard_normal()
    >>> round(mh.lagged_mi(x, 1), 2), round(mh.gaussian_mi(0.8), 2)
    (0.52, 0.51)
    """
    if not callable(estimator):
        raise TypeError(f"estimator must be a callable estimator(a, b, **kwargs), got {type(estimator).__name__}")
    xa = np.asarray(x)
    if xa.ndim != 1:
        raise ValueError(f"x must be a 1-D series, got shape {xa.shape}")
    ya = xa if y is None else np.asarray(y)
    if ya.ndim != 1:
        raise ValueError(f"y must be a 1-D series, got shape {ya.shape}")
    n = xa.shape[0]
    if ya.shape[0] != n:
        raise ValueError(f"x and y must have the same length: x has {n}, y has {ya.shape[0]}")
    lag = check_int(lag, "lag", minimum=0)
    if lag >= n - 2:
        raise ValueError(f"lag must be smaller than n - 2 = {n - 2}, got {lag}")
    if lag == 0 and y is None:
        raise ValueError("lag 0 of a series with itself is I(X;X) = H(X), infinite for continuous data; use lag >= 1")
    a, b = xa[: n - lag], ya[lag:]
    if given is None:
        return float(estimator(a, b, **kwargs))
    g = np.asarray(given)
    if g.shape[0] != n:
        raise ValueError(f"given must have one label per time step ({n}), got {g.shape[0]}")
    return float(cmi_stratified(a, b, g[: n - lag], estimator=estimator, **kwargs))


# --------------------------------------------------------------------------
# Rounded values: the exact MI of a rounded Gaussian pair
# --------------------------------------------------------------------------


# --------------------------------------------------------------------------
# Serial data: null models that keep the serial dependence
# --------------------------------------------------------------------------


def _derangement(m: int, rng: np.random.Generator) -> np.ndarray:
    """A uniformly random permutation of range(m) with no fixed point (m >= 2)."""
    while True:  # about 1/e of the permutations qualify, so this ends quickly
        perm = rng.permutation(m)
        if np.all(perm != np.arange(m)):
            return perm


def year_swap_indices(dates, *, n_surrogates, seed) -> np.ndarray:
    """Row indices that move each month's values to the same month of another year.

    For every calendar month, the years are paired by a random derangement
    (no year keeps its own month), and the i-th day of month m in year a is
    mapped to the i-th day of month m in the partner year (the last day when
    the partner month is shorter, e.g. 29 February). ``y[idx]`` is then a
    *surrogate* series: it keeps the seasonal cycle of y, its position in
    the calendar, and its day-to-day dependence within each month, while any
    link with another variable beyond the calendar is broken. It is the
    null for "X and Y are related only through the season" when the days,
    unlike the years, are not exchangeable.

    Parameters
    ----------
    dates : array-like of dates, shape (n,)
        One date per row (datetime64, pandas Timestamps or ISO strings), in
        any order. Every calendar month present must occur in at least two
        years.
    n_surrogates : int
        Number of index arrays to draw (at least 1).
    seed : int or numpy.random.Generator
        Required: the pairing of years is random.

    Returns
    -------
    ndarray of int, shape (n_surrogates, n)
        Row ``r`` maps each row to the row whose value the surrogate puts
        there; use ``y[idx[r]]``.

    Notes
    -----
    The surrogate breaks the serial dependence only at month boundaries.
    With two years there is one derangement per month, so the surrogates
    vary only in which months are swapped; four years give 9 per month.
    Cost O(n_surrogates n).

    Raises
    ------
    ValueError
        If ``dates`` is not 1-D, has fewer than 2 rows or missing dates, a
        calendar month occurs in a single year, ``n_surrogates`` is below 1,
        or ``seed`` is None or negative.
    TypeError
        If ``dates`` cannot be read as dates, or ``n_surrogates`` or
        ``seed`` has the wrong type.

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> dates = np.arange("2001-01-01", "2003-01-01", dtype="datetime64[D]")  # two years
    >>> idx = mh.year_swap_indices(dates, n_surrogates=3, seed=0)
    >>> idx.shape
    (3, 730)
    >>> moved = dates[idx[0]]
    >>> month = lambda d: d.astype("datetime64[M]").astype(int) % 12
    >>> year = lambda d: d.astype("datetime64[Y]").astype(int)
    >>> bool((month(moved) == month(dates)).all()), bool((year(moved) != year(dates)).all())
    (True, True)
    """
    import pandas as pd

    n_surrogates = check_int(n_surrogates, "n_surrogates", minimum=1)
    try:
        stamps = pd.DatetimeIndex(pd.to_datetime(np.asarray(dates).ravel()))
    except (TypeError, ValueError) as exc:
        raise TypeError(f"dates must be dates (datetime64, Timestamps or ISO strings): {exc}") from None
    if np.asarray(dates).ndim != 1:
        raise ValueError(f"dates must be 1-D, got shape {np.asarray(dates).shape}")
    if stamps.hasnans:
        raise ValueError("dates holds missing values (NaT)")
    n = len(stamps)
    if n < 2:
        raise ValueError(f"dates needs at least 2 rows, got {n}")
    year = stamps.year.to_numpy()
    month = stamps.month.to_numpy()
    order = np.argsort(stamps.asi8, kind="stable")
    blocks: dict[int, list[np.ndarray]] = {}
    for m in np.unique(month):
        rows = order[month[order] == m]  # rows of month m in date order
        years = np.unique(year[rows])
        if years.size < 2:
            raise ValueError(f"month {int(m)} occurs only in {int(years[0])}: there is no other year to swap with")
        blocks[int(m)] = [rows[year[rows] == yv] for yv in years]
    rng = make_rng(seed)
    out = np.empty((n_surrogates, n), dtype=np.intp)
    for r in range(n_surrogates):
        for parts in blocks.values():
            perm = _derangement(len(parts), rng)
            for src, b in zip(parts, perm):
                dst = parts[b]
                out[r, src] = dst[np.minimum(np.arange(src.size), dst.size - 1)]
    return out


def ar1_series(n, phi, *, seed, n_series=None) -> np.ndarray:
    """Stationary Gaussian AR(1) series with unit variance.

    x_0 ~ N(0, 1) and x_t = phi x_{t-1} + sqrt(1 - phi^2) e_t with e_t
    standard normal, so every x_t is N(0, 1), corr(x_t, x_{t+L}) = phi^L,
    and the lagged MI is exactly -0.5 ln(1 - phi^(2L)) nats. The process is
    Markov: I(x_t; x_{t-2} | x_{t-1}) = 0.

    Parameters
    ----------
    n : int
        Length of each series (at least 2).
    phi : float, -1 < phi < 1
        Lag-1 autocorrelation.
    seed : int or numpy.random.Generator
    n_series : int, optional
        Number of independent series; None returns one series of shape (n,).

    Returns
    -------
    ndarray of float, shape (n,) or (n_series, n)

    Raises
    ------
    ValueError
        If ``n`` is below 2, ``phi`` is not strictly between -1 and 1,
        ``n_series`` is below 1, or ``seed`` is None or negative.
    TypeError
        If ``n`` or ``n_series`` is not an integer, or ``seed`` is neither
        an int nor a Generator.

    Notes
    -----
    Cost O(n n_series), a loop over time vectorised across series.

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> x = mh.ar1_series(20000, 0.8, seed=0)
    >>> r1, r2 = np.corrcoef(x[:-1], x[1:])[0, 1], np.corrcoef(x[:-2], x[2:])[0, 1]
    >>> bool(abs(r1 - 0.8) < 0.01 and abs(r2 - 0.64) < 0.02)  # phi and phi^2
    True
    >>> round(mh.gaussian_mi(0.8), 3)  # the MI between x_t and x_{t+1}
    0.511
    """
    n = check_int(n, "n", minimum=2)
    if isinstance(phi, bool) or not isinstance(phi, numbers.Real) or not -1.0 < float(phi) < 1.0:
        raise ValueError(f"phi must be a number strictly between -1 and 1, got {phi!r}")
    phi = float(phi)
    count = 1 if n_series is None else check_int(n_series, "n_series", minimum=1)
    rng = make_rng(seed)
    shocks = rng.standard_normal((n, count))
    out = np.empty((n, count))
    out[0] = shocks[0]
    scale = math.sqrt(1.0 - phi * phi)
    for t in range(1, n):
        out[t] = phi * out[t - 1] + scale * shocks[t]
    return out[:, 0] if n_series is None else np.ascontiguousarray(out.T)


def markov_surrogates(labels, *, n_surrogates, seed, given=None) -> np.ndarray:
    """First-order Markov chains with the transition probabilities of a labelled series.

    The transition probabilities P(s_t = b | s_{t-1} = a) are estimated by
    counting the pairs (s_{t-1}, s_t) of ``labels``; with ``given`` (a
    label per time step, e.g. the month) they are counted separately for
    each value of ``given`` at time t, so the surrogates keep a seasonal
    cycle. Each surrogate starts from ``labels[0]``. A surrogate has, by
    construction, no memory beyond one step: I(s_t; s_{t-2} | s_{t-1}) = 0
    (given the season when ``given`` is used). Its estimates of that
    quantity show what estimation noise alone gives, which is the null for
    "the memory at lag 2 is lag 1 carried forward".

    Parameters
    ----------
    labels : array-like of labels, shape (n,)
        The observed series (e.g. a wet/dry indicator), n >= 3.
    n_surrogates : int
        Number of chains (at least 1).
    seed : int or numpy.random.Generator
    given : array-like of labels, shape (n,), optional
        A discrete covariate known in advance; the transition at step t
        uses the probabilities of ``given[t]``. Where a previous state never
        occurs with a value of ``given``, the pooled probabilities of that
        state are used.

    Returns
    -------
    ndarray, shape (n_surrogates, n)
        Surrogate series with the same label values as ``labels``.

    Raises
    ------
    ValueError
        If ``labels`` is not 1-D, has fewer than 3 time steps or missing
        labels, ``given`` does not have one label per time step,
        ``n_surrogates`` is below 1, or ``seed`` is None or negative.
    TypeError
        If ``labels`` or ``given`` mixes label types, or ``n_surrogates`` or
        ``seed`` has the wrong type.

    Notes
    -----
    Cost O(n n_surrogates m) for m distinct labels.

    Examples
    --------
    A wet/dry series where a wet day is followed by a wet one 70% of the
    time and a dry day by a dry one 80% of the time:

    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> chain = mh.markov_surrogates(["dry", "dry", "wet", "wet", "dry"] * 4, n_surrogates=1, seed=0)[0]
    >>> sorted(str(v) for v in set(chain))  # the same labels
    ['dry', 'wet']
    >>> rng = np.random.default_rng(1)
    >>> s = [0]
    >>> for _ in range(19999):
    ...     s.append(int(rng.random() < (0.7 if s[-1] else 0.2)))
    >>> sur = mh.markov_surrogates(s, n_surrogates=1, seed=2)[0]
    >>> wet_after_wet = lambda v: float(np.mean(np.asarray(v)[1:][np.asarray(v)[:-1] == 1]))
    >>> round(wet_after_wet(s), 2), round(wet_after_wet(sur), 2)  # the transition probabilities are kept
    (0.7, 0.7)
    """
    n_surrogates = check_int(n_surrogates, "n_surrogates", minimum=1)
    arr = np.asarray(labels)
    if arr.ndim != 1:
        raise ValueError(f"labels must be 1-D, got shape {arr.shape}")
    if arr.shape[0] < 3:
        raise ValueError(f"labels needs at least 3 time steps, got {arr.shape[0]}")
    codes, m = as_labels(arr, "labels")
    values = arr[np.unique(codes, return_index=True)[1]]  # one original label per code, in code order
    n = codes.shape[0]
    if given is None:
        g, mg = np.zeros(n, dtype=np.intp), 1
    else:
        garr = np.asarray(given)
        if garr.ndim != 1 or garr.shape[0] != n:
            raise ValueError(f"given must be 1-D with one label per time step ({n}), got shape {garr.shape}")
        g, mg = as_labels(garr, "given")
    counts = np.zeros((mg, m, m))
    np.add.at(counts, (g[1:], codes[:-1], codes[1:]), 1.0)
    pooled = counts.sum(axis=0)
    pooled_rows = pooled.sum(axis=1, keepdims=True)
    pooled = np.divide(pooled, pooled_rows, out=np.full_like(pooled, 1.0 / m), where=pooled_rows > 0)
    rows = counts.sum(axis=2, keepdims=True)
    probs = np.where(rows > 0, counts / np.where(rows > 0, rows, 1.0), pooled[None, :, :])
    cum = np.cumsum(probs, axis=2)
    cum[..., -1] = 1.0  # guard against rounding: every draw finds a state
    rng = make_rng(seed)
    u = rng.random((n, n_surrogates))
    out = np.empty((n_surrogates, n), dtype=np.intp)
    out[:, 0] = codes[0]
    for t in range(1, n):
        thresholds = cum[g[t], out[:, t - 1]]  # (n_surrogates, m)
        out[:, t] = np.minimum((u[t][:, None] >= thresholds).sum(axis=1), m - 1)
    return values[out]
