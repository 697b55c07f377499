"""Panel of notebook 04 (estimation): the sampling distribution of an estimator.

One slider move asks for the estimate on one sample *and* for its sampling
distribution over many seeded samples. To keep a move under 100 ms:

* every view is cached by the values it depends on (estimator, data, N, rho,
  and bins or k only where the estimator uses them), so returning to a view
  is free and moving a slider the estimator ignores costs only a redraw;
* the number of repeats is moderate (``REPEATS`` = 30);
* N is capped for the two slow estimators (``MAX_N``): KDE costs O(N^2) per
  estimate and KSG O(N log N) with a larger constant, so their caps (100 and
  500) are set so that 30 fresh estimates plus the redraw fit in the time
  budget on a busy 2-core machine.
"""

from __future__ import annotations

import functools

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..estimators import discretize, gaussian_mi, mi_binned, mi_gaussian, mi_kde, mi_ksg
from ..stats import bias_variance, occupied_cells, plugin_mi_bias, sampling_distribution
from ..synthetic import correlated_gaussian, make_rng, monotone_gaussian_pair
from ._panel import LivePanel

__all__ = [
    "BIN_CHOICES",
    "DATA",
    "ESTIMATORS",
    "MAX_N",
    "N_CHOICES",
    "PANELS",
    "REPEATS",
    "STRATEGIES",
    "estimation_view",
    "sampling_panel",
]

#: Estimator names shown in the dropdown.
ESTIMATORS = ("histogram", "Miller-Madow", "KSG", "KDE", "Gaussian")
#: Data families: name -> label. Both have the true MI -0.5 ln(1 - rho^2).
DATA = {"gaussian": "Gaussian pair", "exp": "exp of a Gaussian pair"}
#: Sample sizes offered by the N slider.
N_CHOICES = (50, 100, 200, 500, 1000, 2000, 5000)
#: Largest N used per estimator (a larger slider value is capped, and the text says so).
MAX_N = {"histogram": 5000, "Miller-Madow": 5000, "KSG": 500, "KDE": 100, "Gaussian": 5000}
#: Bin choices: the rules of numpy.histogram_bin_edges first, then fixed counts.
BIN_CHOICES = ("fd", "sturges", "sqrt", 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50)
#: Bin placements of the histogram estimators: name -> label.
STRATEGIES = {"uniform": "equal width", "quantile": "equal frequency"}
#: Samples per sampling distribution.
REPEATS = 30
#: Above this many bins per axis the histogram grid would hide the points; it is not drawn.
MAX_GRID_LINES = 60
#: The panel's frame for the sampling distribution: MI estimate from -0.3 to 1.5 nats (the
#: truth reaches 1.16 at rho = 0.95; KSG, KDE and Miller-Madow go a little below 0), count 0
#: to ``REPEATS``. A view whose estimates fall outside widens it.
DIST_LIMITS = (-0.3, 1.5)
#: Width of the histogram bins of the sampling distribution (nats), the same in every view,
#: so a narrower distribution shows as a taller, thinner histogram.
DIST_BIN = 0.025


def _sampler(data: str, rho: float):
    if data == "gaussian":
        return functools.partial(correlated_gaussian, rho=rho)
    return functools.partial(monotone_gaussian_pair, rho=rho, transform=data)


def _estimator_call(estimator: str, bins, k: int, strategy: str = "uniform"):
    """The estimator function and its keyword arguments for one view."""
    if estimator == "histogram":
        return mi_binned, {"bins": bins, "strategy": strategy}
    if estimator == "Miller-Madow":
        return mi_binned, {"bins": bins, "strategy": strategy, "correction": "miller-madow"}
    if estimator == "KSG":
        # One thread: at these sizes starting threads costs more than it saves.
        return mi_ksg, {"k": k, "workers": 1}
    if estimator == "KDE":
        return mi_kde, {}
    return mi_gaussian, {}


@functools.lru_cache(maxsize=512)
def _cached_estimates(estimator, data, n, rho, bins, k, strategy, repeats, seed) -> np.ndarray:
    func, kwargs = _estimator_call(estimator, bins, k, strategy)
    est = sampling_distribution(func, _sampler(data, rho), n=n, repeats=repeats, seed=seed, **kwargs)
    est.setflags(write=False)
    return est


def estimation_view(estimator="KSG", n=500, rho=0.6, *, bins="fd", k=3, data="gaussian", strategy="uniform", repeats=REPEATS, seed=0) -> dict:
    """Everything the panel shows for one setting of the controls.

    Parameters
    ----------
    estimator : one of ``ESTIMATORS``
    n : int
        Requested sample size; capped at ``MAX_N[estimator]``.
    rho : float in (-1, 1)
        Correlation of the underlying Gaussian pair.
    bins : int or str
        Bin count or rule (histogram and Miller-Madow only).
    k : int
        Neighbours (KSG only).
    data : one of ``DATA``
        "gaussian" or "exp" (each variable passed through exp: same MI).
    strategy : one of ``STRATEGIES``
        "uniform" (equal-width bins) or "quantile" (equal-frequency bins);
        histogram and Miller-Madow only.
    repeats : int
        Samples in the sampling distribution.
    seed : int
        Sample r is drawn from the r-th generator spawned from ``seed``, so
        the views for different rho or N use the same underlying noise.

    Returns
    -------
    dict
        ``x``, ``y`` (sample 0, the one shown), ``estimate`` (on sample 0),
        ``estimates`` (shape (repeats,)), ``truth``, ``bias``, ``sd``,
        ``rmse`` (all nats), ``n`` (the size used), ``capped`` (bool),
        ``bins_xy`` (bins of sample 0 for the histogram estimators, else
        None), ``occupied_xy`` (the non-empty ones among them),
        ``formula_bias`` ((Bx-1)(By-1)/(2N) with the non-empty bin counts,
        else None) and ``occupied_bias`` ((Kxy-Kx-Ky+1)/(2N) with Kxy the
        non-empty cells of sample 0, else None).
        Cost: ``repeats`` estimates on a cache miss, a dictionary lookup on a
        hit.
    """
    if estimator not in ESTIMATORS:
        raise ValueError(f"estimator must be one of {ESTIMATORS}, got {estimator!r}")
    if data not in DATA:
        raise ValueError(f"data must be one of {tuple(DATA)}, got {data!r}")
    if strategy not in STRATEGIES:
        raise ValueError(f"strategy must be one of {tuple(STRATEGIES)}, got {strategy!r}")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 10:
        raise ValueError(f"n must be an integer of at least 10, got {n!r}")
    if isinstance(rho, bool) or not isinstance(rho, (int, float, np.floating)) or not -1.0 < float(rho) < 1.0:
        raise ValueError(f"rho must be a number in (-1, 1), got {rho!r}")
    rho = round(float(rho), 6)  # slider floats such as 0.6000000000000001 share one cache entry
    n_used = min(int(n), MAX_N[estimator])
    uses_bins = estimator in ("histogram", "Miller-Madow")
    key_bins = bins if uses_bins else None
    key_k = int(k) if estimator == "KSG" else None
    key_strategy = strategy if uses_bins else None
    estimates = _cached_estimates(estimator, data, n_used, rho, key_bins, key_k, key_strategy, repeats, seed)
    x, y = _sampler(data, rho)(n_used, seed=make_rng(seed).spawn(1)[0])
    summary = bias_variance(estimates, gaussian_mi(rho))
    bins_xy = occupied = formula = occupied_formula = None
    if uses_bins:
        cx, cy = discretize(x, bins, strategy=strategy), discretize(y, bins, strategy=strategy)
        if strategy == "uniform":
            bins_xy = (len(np.histogram_bin_edges(x, bins)) - 1, len(np.histogram_bin_edges(y, bins)) - 1)
        else:  # equal-frequency bins: ties can merge quantiles, so count the codes
            bins_xy = (int(cx.max()) + 1, int(cy.max()) + 1)
        kx, ky, kxy = occupied_cells(cx, cy)
        occupied = (kx, ky)
        formula = plugin_mi_bias(kx, ky, n_used)
        occupied_formula = plugin_mi_bias(kx, ky, n_used, cells=kxy)
    return {
        "x": x,
        "y": y,
        "estimate": float(estimates[0]),
        "estimates": estimates,
        "truth": gaussian_mi(rho),
        "bias": summary.bias,
        "sd": summary.sd,
        "rmse": summary.rmse,
        "n": n_used,
        "capped": n_used < n,
        "bins_xy": bins_xy,
        "occupied_xy": occupied,
        "formula_bias": formula,
        "occupied_bias": occupied_formula,
    }


def _edges(v, bins, strategy):
    """Bin edges for drawing: equal-width edges, or midway between neighbouring quantile bins."""
    if strategy == "uniform":
        return np.histogram_bin_edges(v, bins)
    codes = discretize(v, bins, strategy=strategy)
    inner = [(v[codes == c].max() + v[codes == c + 1].min()) / 2 for c in range(int(codes.max()))]
    return np.array([v.min(), *inner, v.max()])


def _grid_segments(x, y, bins, strategy="uniform"):
    """Segments of the histogram grid over the data range of x and y."""
    ex = _edges(x, bins, strategy)
    ey = _edges(y, bins, strategy)
    vertical = [((e, ey[0]), (e, ey[-1])) for e in ex]
    horizontal = [((ex[0], e), (ex[-1], e)) for e in ey]
    return vertical + horizontal


def _label(estimator, bins, k, bins_xy, strategy="uniform"):
    if estimator in ("histogram", "Miller-Madow"):
        rule = f"{bins} rule: " if isinstance(bins, str) else ""
        return f"{estimator} ({rule}{bins_xy[0]} x {bins_xy[1]} {STRATEGIES[strategy]} bins)"
    if estimator == "KSG":
        return f"KSG (k = {k})"
    return estimator


def sampling_panel(estimator="KSG", n=500, rho=0.6, bins="fd", k=3, data="gaussian", strategy="uniform", seed=0) -> LivePanel:
    """Estimator, N, bins (and their placement), k, rho and data controls; the
    estimate, the truth and the sampling distribution of the estimator over
    ``REPEATS`` seeded samples.

    Left: the sample the single estimate comes from (with the histogram grid
    for the histogram estimators). Right: the histogram of the ``REPEATS``
    estimates, the truth (solid) and their mean (dashed).
    """
    # A fixed layout: constrained layout would cost about 40 ms on every redraw.
    fig = Figure(figsize=(8.4, 3.3))
    ax_data, ax_dist = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.4]})
    fig.subplots_adjust(left=0.035, right=0.975, bottom=0.15, top=0.88, wspace=0.17)
    points = ax_data.scatter([], [], s=4, alpha=0.4, color="C0", linewidths=0)
    grid = LineCollection([], colors="0.55", linewidths=0.6, zorder=0.5)
    ax_data.add_collection(grid)
    grid_note = ax_data.text(0.98, 0.97, "", transform=ax_data.transAxes, ha="right", va="top", fontsize=8, color="0.3")
    # The sample fills its frame; its coordinates carry no lesson, so no tick labels to redraw.
    ax_data.set_xticks([])
    ax_data.set_yticks([])
    ax_data.set_xlabel("x")
    ax_data.set_ylabel("y", labelpad=2)
    ax_data.set_title("the sample shown", fontsize=9)
    steps = ax_dist.stairs([0.0], [0.0, 1.0], fill=True, color="C0", alpha=0.7, label="estimates")
    truth_line = ax_dist.axvline(0.0, color="C3", lw=2, label="truth")
    mean_line = ax_dist.axvline(0.0, color="k", ls="--", lw=1.2, label="mean of estimates")
    ax_dist.axvline(0.0, color="0.6", lw=0.8)
    ax_dist.set_xlabel("MI estimate (nats)")
    ax_dist.set_ylabel(f"count of {REPEATS} samples")
    ax_dist.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=8, frameon=False)
    ax_dist.set_ylim(0, REPEATS)
    ax_dist.set_yticks(np.linspace(0, REPEATS, 4))
    ax_dist.xaxis.set_major_locator(MaxNLocator(8))

    def update(fig, estimator, n, rho, bins, k, data, strategy):
        v = estimation_view(estimator, n, rho, bins=bins, k=k, data=data, strategy=strategy, seed=seed)
        x, y, est, truth = v["x"], v["y"], v["estimates"], v["truth"]
        points.set_offsets(np.column_stack([x, y]))
        pad_x, pad_y = 0.03 * np.ptp(x), 0.03 * np.ptp(y)
        ax_data.set_xlim(x.min() - pad_x, x.max() + pad_x)
        ax_data.set_ylim(y.min() - pad_y, y.max() + pad_y)
        drawable = v["bins_xy"] is not None and max(v["bins_xy"]) <= MAX_GRID_LINES
        grid.set_segments(_grid_segments(x, y, bins, strategy) if drawable else [])
        too_many = v["bins_xy"] is not None and not drawable
        grid_note.set_text(f"{v['bins_xy'][0]} x {v['bins_xy'][1]} bins: too many to draw" if too_many else "")

        # One frame and one bin width for every view, so moving N or rho shows the distribution
        # narrow and move; only a view with estimates outside the frame (KDE on the exp family,
        # many bins at small N) widens it.
        lo = min(DIST_LIMITS[0], DIST_BIN * np.floor(est.min() / DIST_BIN))
        hi = max(DIST_LIMITS[1], DIST_BIN * np.ceil(est.max() / DIST_BIN))
        edges = lo + DIST_BIN * np.arange(int(round((hi - lo) / DIST_BIN)) + 1)
        counts, _ = np.histogram(est, edges)
        steps.set_data(counts, edges)
        truth_line.set_xdata([truth, truth])
        mean_line.set_xdata([est.mean(), est.mean()])
        if ax_dist.get_xlim() != (lo, hi):
            ax_dist.set_xlim(lo, hi)
        label = _label(estimator, bins, k, v["bins_xy"], strategy)

        capped = f" (N capped at {v['n']} for {estimator})" if v["capped"] else ""
        line1 = (
            f"{label} on the {DATA[data]}, N = {v['n']}{capped}, rho = {rho:.2f}: "
            f"estimate {v['estimate']:.3f} nats on the sample shown; truth {truth:.3f} nats"
        )
        negative = int(np.count_nonzero(est < 0))
        line2 = (
            f"{REPEATS} samples: mean {est.mean():.3f}, bias {v['bias']:+.3f}, sd {v['sd']:.3f}, "
            f"rmse {v['rmse']:.3f} nats; {negative} below zero"
        )
        if v["formula_bias"] is not None:
            bx, by = v["occupied_xy"]
            line2 += (
                f"; formula (Bx-1)(By-1)/(2N) = {v['formula_bias']:.3f} with {bx} x {by} non-empty bins, "
                f"(Kxy-Kx-Ky+1)/(2N) = {v['occupied_bias']:.3f} with the non-empty cells"
            )
        return line1 + "\n" + line2

    style = {"description_width": "initial"}
    controls = {
        "estimator": widgets.Dropdown(options=list(ESTIMATORS), value=estimator, description="estimator", style=style),
        "data": widgets.Dropdown(options=[(label, key) for key, label in DATA.items()], value=data, description="data", style=style),
        "n": widgets.SelectionSlider(options=list(N_CHOICES), value=n, description="N"),
        "rho": widgets.FloatSlider(value=rho, min=0.0, max=0.95, step=0.05, description="rho", readout_format=".2f"),
        "bins": widgets.Dropdown(options=[(str(b), b) for b in BIN_CHOICES], value=bins, description="bins", style=style),
        "strategy": widgets.Dropdown(
            options=[(label, key) for key, label in STRATEGIES.items()], value=strategy, description="bin edges", style=style
        ),
        "k": widgets.IntSlider(value=k, min=1, max=10, description="k (KSG)", style=style),
    }
    # The first slider is N: its views at the starting settings are computed now (cached by
    # estimation_view; tens of milliseconds for the capped KSG default), so moving it is a lookup.
    for choice in sorted({min(c, MAX_N[estimator]) for c in N_CHOICES}):
        estimation_view(estimator, choice, rho, bins=bins, k=k, data=data, strategy=strategy, seed=seed)
    return LivePanel(controls, update, fig)


#: Every panel of this notebook: name -> (factory, the most expensive slider values).
PANELS = {
    # Measured: Miller-Madow with the "fd" rule on the exp family at N = 5000 makes
    # about 500 x 360 bins and is the slowest view; KSG (N capped at 500, k = 10) next.
    "sampling": (sampling_panel, {"estimator": "Miller-Madow", "n": 5000, "rho": 0.95, "k": 10, "data": "exp", "bins": "fd"}),
}
