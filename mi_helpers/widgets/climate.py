"""Panel of notebook 11 (climate): lagged MI between Seattle weather variables.

For a pair of variables (X, Y), a lag L in days and an estimator, the panel
shows the pairs (X on day t, Y on day t + L) coloured by month, and three
numbers: I(X_t; Y_t+L), the same given the month of day t, and the MI a
Gaussian pair with the same Pearson correlation would have.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..datasets import SEATTLE_RESOLUTION, dequantize, lagged_mi, load_seattle_weather
from ..estimators import gaussian_mi, mi_binned
from ._panel import LivePanel

__all__ = ["PAIRS", "PANELS", "climate_arrays", "climate_pair_summary", "climate_panel"]

LABELS = {"temp_max": "max temp (C)", "temp_min": "min temp (C)", "precipitation": "precipitation (mm)", "wind": "wind (m/s)"}

#: Dropdown label -> (column of X, column of Y).
PAIRS = {
    "max temp -> max temp": ("temp_max", "temp_max"),
    "min temp -> min temp": ("temp_min", "temp_min"),
    "precipitation -> precipitation": ("precipitation", "precipitation"),
    "wind -> wind": ("wind", "wind"),
    "max temp -> min temp": ("temp_max", "temp_min"),
    "max temp -> precipitation": ("temp_max", "precipitation"),
    "max temp -> wind": ("temp_max", "wind"),
    "wind -> precipitation": ("wind", "precipitation"),
    "min temp -> precipitation": ("temp_min", "precipitation"),
}

ESTIMATORS = ("KSG on dequantized values", "histogram")

#: Limits of the panel's MI axis for each estimator (nats), chosen to hold every pair at
#: every lag and bin count the sliders offer: KSG reaches 0.97 and dips a few hundredths
#: below 0 where the MI is near 0; the histogram's MI given the month reaches about 1.5
#: nats with 30 bins. A value outside still widens the axis.
BAR_LIMITS = {ESTIMATORS[0]: (-0.06, 1.1), ESTIMATORS[1]: (0.0, 1.6)}


def climate_arrays(df=None, *, seed=0) -> dict:
    """Raw and dequantized columns of the Seattle data, and the month.

    Returns a dict with ``raw`` and ``deq`` (column name -> ndarray; the
    dequantized values add a uniform dither of the recording step,
    :data:`~mi_helpers.datasets.SEATTLE_RESOLUTION`) and ``month``.
    """
    if df is None:
        df = load_seattle_weather()
    raw = {c: df[c].to_numpy(dtype=float) for c in SEATTLE_RESOLUTION}
    rng = np.random.default_rng(seed)
    deq = {c: dequantize(raw[c], step=SEATTLE_RESOLUTION[c], seed=rng) for c in SEATTLE_RESOLUTION}
    return {"raw": raw, "deq": deq, "month": df["month"].to_numpy()}


def climate_pair_summary(arrays, pair, lag, estimator, bins=10) -> dict:
    """Lagged MI of one pair, with and without conditioning on the month.

    Parameters
    ----------
    arrays : dict from :func:`climate_arrays`
    pair : str, a key of :data:`PAIRS`
    lag : int >= 0, days from X to Y
    estimator : {"KSG on dequantized values", "histogram"}
    bins : int, bins per variable for the histogram estimator

    Returns
    -------
    dict
        ``x``, ``y`` (raw values of the pairs), ``month`` (of day t),
        ``mi`` and ``cmi`` (nats; ``inf`` for a variable with itself at
        lag 0), ``r`` (Pearson) and ``gauss`` (-0.5 ln(1 - r^2), nats).
    """
    if pair not in PAIRS:
        raise ValueError(f"pair must be one of {list(PAIRS)}, got {pair!r}")
    if estimator not in ESTIMATORS:
        raise ValueError(f"estimator must be one of {ESTIMATORS}, got {estimator!r}")
    cx, cy = PAIRS[pair]
    n = arrays["month"].shape[0]
    x_raw, y_raw = arrays["raw"][cx], arrays["raw"][cy]
    xs, ys, month = x_raw[: n - lag], y_raw[lag:], arrays["month"][: n - lag]
    r = float(np.corrcoef(xs, ys)[0, 1])
    out = {"x": xs, "y": ys, "month": month, "r": r, "gauss": gaussian_mi(min(abs(r), 1.0))}
    if cx == cy and lag == 0:
        out["mi"] = out["cmi"] = float("inf")
        return out
    if estimator == ESTIMATORS[0]:
        source, kwargs = arrays["deq"], {}
    else:
        source, kwargs = arrays["raw"], {"estimator": mi_binned, "bins": bins}
    x_use, y_use = source[cx], source[cy]
    out["mi"] = lagged_mi(x_use, lag, y=y_use, **kwargs)
    out["cmi"] = lagged_mi(x_use, lag, y=y_use, given=arrays["month"], **kwargs)
    return out


def climate_panel(pair="max temp -> max temp", lag=1, estimator=ESTIMATORS[0], bins=10, seed=0) -> LivePanel:
    """Dropdowns for the pair and the estimator, sliders for the lag and the bins."""
    arrays = climate_arrays(seed=seed)
    fig = Figure(figsize=(7.2, 3.0))
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.17, top=0.9, wspace=0.3)  # fixed layout: fast redraws
    ax_sc, ax_bar = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.4, 1]})
    # One marker line per month, coloured around a cyclic colour map (December sits next to
    # January). Line2D markers draw several times faster than a scatter with per-point colours.
    colours = matplotlib.colormaps["hsv"](np.arange(12) / 12.0)
    month_lines = [ax_sc.plot([], [], ".", ms=2.5, color=colours[m], label=str(m + 1))[0] for m in range(12)]
    ax_sc.legend(handles=[month_lines[0], month_lines[3], month_lines[6], month_lines[9]],
                 labels=["Jan", "Apr", "Jul", "Oct"], fontsize=7, loc="upper left", markerscale=3,
                 handletextpad=0.1, borderpad=0.3, title="month of day t", title_fontsize=7)
    names = ["I(X;Y)", "I(X;Y | month)", "Gaussian\nfrom r"]
    bars = ax_bar.bar(names, [0, 0, 0], color=["tab:blue", "tab:orange", "0.6"])
    ax_bar.axhline(0.0, color="black", lw=0.6)
    ax_bar.set_ylabel("MI (nats)")
    ax_bar.tick_params(axis="x", labelsize=8)
    ax_bar.yaxis.set_major_locator(MaxNLocator(5))
    ax_sc.xaxis.set_major_locator(MaxNLocator(5))
    ax_sc.yaxis.set_major_locator(MaxNLocator(5))
    # Axes drawn once per drop-down choice, not per slider move: the scatter's limits
    # follow the pair, the bars' the estimator (the numbers are in the text).
    shown = {}

    cache: dict = {}  # the numbers of each view (the arrays in it are views of the data)

    def numbers(pair, lag, estimator, bins):
        key = (pair, int(lag), estimator, int(bins) if estimator == ESTIMATORS[1] else None)  # KSG ignores the bins
        s = cache.get(key)
        if s is None:
            s = cache[key] = climate_pair_summary(arrays, pair, int(lag), estimator, int(bins))
        return s

    def update(fig, pair, lag, estimator, bins):
        s = numbers(pair, lag, estimator, bins)
        cx, cy = PAIRS[pair]
        for m, line in enumerate(month_lines, start=1):
            sel = s["month"] == m
            line.set_data(s["x"][sel], s["y"][sel])
        if shown.get("pair") != pair:
            for ax_set, v in ((ax_sc.set_xlim, arrays["raw"][cx]), (ax_sc.set_ylim, arrays["raw"][cy])):
                pad = 0.05 * (v.max() - v.min())
                ax_set(v.min() - pad, v.max() + pad)
            ax_sc.set_xlabel(f"{LABELS[cx]}, day t")
            ax_sc.set_ylabel(f"{LABELS[cy]}, day t + lag")
            shown["pair"] = pair
        # A variable with itself at lag 0: no finite bar (r rounds to 1, so the Gaussian value is huge, not inf).
        finite = [s["mi"], s["cmi"], s["gauss"]] if np.isfinite(s["mi"]) else [0.0, 0.0, 0.0]
        for bar, f in zip(bars, finite):
            bar.set_height(f)
        lo, hi = BAR_LIMITS[estimator]
        limits = (min(lo, 1.05 * min(finite)), max(hi, 1.05 * max(finite)))  # wider only if a value falls outside
        if ax_bar.get_ylim() != limits:
            ax_bar.set_ylim(*limits)
        if shown.get("estimator") != estimator:
            ax_bar.set_title(estimator, fontsize=9)
            shown["estimator"] = estimator
        if not np.isfinite(s["mi"]):
            return (
                f"{pair} at lag 0: a variable with itself, I = H(X), infinite for a continuous variable; "
                f"move the lag (r = {s['r']:+.3f})"
            )
        return (
            f"{pair}, lag {lag} d ({len(s['x'])} pairs): I = {s['mi']:.3f} nats | "
            f"given the month {s['cmi']:.3f} nats | Pearson r = {s['r']:+.3f}, Gaussian -0.5 ln(1-r^2) = {s['gauss']:.3f} nats"
        )

    controls = {
        "pair": widgets.Dropdown(options=list(PAIRS), value=pair, description="X -> Y"),
        "lag": widgets.IntSlider(value=lag, min=0, max=200, step=1, description="lag (days)"),
        "estimator": widgets.Dropdown(options=list(ESTIMATORS), value=estimator, description="estimator"),
        "bins": widgets.IntSlider(value=bins, min=3, max=30, step=1, description="bins (hist.)"),
    }
    return LivePanel(controls, update, fig)


#: Every panel of this notebook: name -> (factory, the most expensive slider values).
PANELS = {
    "climate": (climate_panel, {"pair": "max temp -> min temp", "lag": 1, "estimator": ESTIMATORS[0], "bins": 30}),
}
