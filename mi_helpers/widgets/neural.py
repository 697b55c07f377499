"""Panel of notebook 13 (neural estimators): training curves of MINE, NWJ and InfoNCE.

Training a critic takes seconds, far more than a slider move may cost, so
the panel moves through a grid of runs computed once, with fixed seeds, by
:func:`compute_training_grid` and shipped with the package
(``mi_helpers/data/neural_training_grid.npz``; regenerate it with
``python -m mi_helpers.widgets.neural``). Every run trains a separable MLP
critic (:func:`mi_helpers.neural.train_critics`) on coordinate-paired
Gaussians in GRID_DIM dimensions whose true MI is d * (-0.5 ln(1 - rho^2)).
"""

from __future__ import annotations

import math
from importlib import resources
from pathlib import Path

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from ..estimators import gaussian_mi
from ..synthetic import gaussian_blocks
from ._panel import LivePanel

__all__ = [
    "GRID_BATCH",
    "GRID_DIM",
    "GRID_HIDDEN",
    "GRID_MI",
    "PANELS",
    "compute_training_grid",
    "load_training_grid",
    "paired_gaussian_cov",
    "training_panel",
]

GRID_BATCH = (16, 64, 256)
GRID_MI = (1.0, 2.0, 4.0, 8.0)
GRID_HIDDEN = (16, 64)
GRID_DIM = 5
GRID_BOUNDS = ("dv", "nwj", "infonce")
GRID_STEPS = 800
GRID_N = 16000
GRID_SMOOTH = 20  # moving-average window of the stored curves, in steps
GRID_EVERY = 8  # one stored point every GRID_EVERY steps
Y_BOTTOM = -0.5  # lower limit of the panel's axis, nats; the text names every curve that dips below it
LABELS = {"dv": "MINE (DV)", "nwj": "NWJ", "infonce": "InfoNCE"}
COLOURS = {"dv": "tab:blue", "nwj": "tab:orange", "infonce": "tab:green"}
_FILE = "neural_training_grid.npz"


def paired_gaussian_cov(total_mi, dim) -> tuple[np.ndarray, float]:
    """Covariance of (X, Y) in ``dim`` dimensions each, coordinate-paired, with a given total MI.

    Every pair (X_j, Y_j) has the same correlation rho = sqrt(1 - exp(-2 I / d)),
    so that d * (-0.5 ln(1 - rho^2)) = I; all other pairs are independent.

    Returns
    -------
    cov : ndarray, shape (2 dim, 2 dim)
    rho : float
    """
    if not total_mi > 0:
        raise ValueError(f"total_mi must be positive, got {total_mi}")
    rho = math.sqrt(1.0 - math.exp(-2.0 * total_mi / dim))
    eye = np.eye(dim)
    return np.block([[eye, rho * eye], [rho * eye, eye]]), rho


def _smooth(curve: np.ndarray) -> np.ndarray:
    kernel = np.ones(GRID_SMOOTH) / GRID_SMOOTH
    smooth = np.convolve(curve, kernel, mode="valid")  # smooth[i] = mean of curve[i : i + GRID_SMOOTH]
    return smooth[GRID_EVERY - 1 :: GRID_EVERY]


def compute_training_grid(batches=GRID_BATCH, mis=GRID_MI, hiddens=GRID_HIDDEN, *, steps=GRID_STEPS, n=GRID_N) -> dict:
    """Train every run of the panel's grid (seeded) and return its arrays.

    One call of :func:`~mi_helpers.neural.train_critics` per (batch size,
    critic width) trains the three bounds at every true MI together. The
    seeds come from the value of the true MI, not from its position in
    ``mis``: with m = round(10 * mi), the data is drawn with seed 100 + m and
    the critic of bound b (index in GRID_BOUNDS) gets seed 10 m + b. So a
    cell computed alone (``mis=(4.0,)``) reproduces the same cell of a
    larger grid, up to the last bits of vectorised float32 arithmetic. Each
    cell is one seed: one run per bound.

    Returns
    -------
    dict with ``curves`` (batch, mi, hidden, bound, point: the bound on the
    training batches, moving average over GRID_SMOOTH steps, one point every
    GRID_EVERY steps), ``step`` (the step of each point: the last step of its
    window), ``estimate`` (batch, mi, hidden, bound: the held-out bound),
    and the axes ``batch``, ``mi``, ``hidden``, ``bound``, ``dim``.
    """
    from ..neural import train_critics

    tags = [int(round(10 * m)) for m in mis]
    data = [gaussian_blocks(n, paired_gaussian_cov(m, GRID_DIM)[0], dx=GRID_DIM, seed=100 + tag) for m, tag in zip(mis, tags)]
    n_points = len(_smooth(np.zeros(steps)))
    curves = np.zeros((len(batches), len(mis), len(hiddens), len(GRID_BOUNDS), n_points), dtype=np.float32)
    estimate = np.zeros((len(batches), len(mis), len(hiddens), len(GRID_BOUNDS)))
    for a, k in enumerate(batches):
        for c, width in enumerate(hiddens):
            xs = [data[i][0] for i in range(len(mis)) for _ in GRID_BOUNDS]
            ys = [data[i][1] for i in range(len(mis)) for _ in GRID_BOUNDS]
            bounds = [b for _ in mis for b in GRID_BOUNDS]
            seeds = [10 * tag + j for tag in tags for j in range(len(GRID_BOUNDS))]
            res = train_critics(xs, ys, bounds=bounds, seeds=seeds, hidden=width, embed=max(width // 2, 8),
                                batch_size=k, steps=steps)
            for r, run in enumerate(res):
                i, j = divmod(r, len(GRID_BOUNDS))
                curves[a, i, c, j] = _smooth(run.curve)
                estimate[a, i, c, j] = run.estimate
    step = np.arange(GRID_SMOOTH, steps + 1)[GRID_EVERY - 1 :: GRID_EVERY]
    return {"curves": curves, "estimate": estimate, "step": step, "batch": np.array(batches), "mi": np.array(mis),
            "hidden": np.array(hiddens), "bound": np.array(GRID_BOUNDS), "dim": np.array(GRID_DIM)}


def load_training_grid() -> dict:
    """The precomputed grid shipped with the package (see :func:`compute_training_grid`)."""
    with resources.files("mi_helpers.data").joinpath(_FILE).open("rb") as fh, np.load(fh) as z:
        return {key: z[key] for key in z.files}


def training_panel(batch=64, mi=4.0, hidden=64) -> LivePanel:
    """Sliders for the batch size K, the true MI and the critic's width.

    Shows the three bounds on the training batches (moving average of
    GRID_SMOOTH steps) against the step, the true MI (black, dashed) and
    ln K (grey, dotted), and prints the held-out estimates. The axis starts
    at Y_BOTTOM nats; a curve that dips below it (in the shipped grid, six
    NWJ curves do, the lowest to about -19 nats) is named in the text with
    its minimum.
    """
    grid = load_training_grid()
    step = grid["step"]
    fig = Figure(figsize=(6.4, 3.2))
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.15, top=0.86)
    ax = fig.add_subplot()
    lines = {b: ax.plot(step, np.zeros(step.size), color=COLOURS[b], lw=1.5, label=LABELS[b])[0] for b in GRID_BOUNDS}
    truth_line = ax.axhline(0.0, color="black", ls="--", lw=1.2, label="true MI")
    ceiling = ax.axhline(0.0, color="0.4", ls=":", lw=1.5, label="ln K")
    ax.set_xlim(0, step[-1])
    ax.set_xlabel("training step")
    ax.set_ylabel("bound on a training batch (nats)")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=5, fontsize=8, frameon=False)

    def update(fig, batch, mi, hidden):
        a = int(np.flatnonzero(grid["batch"] == batch)[0])
        i = int(np.flatnonzero(np.isclose(grid["mi"], mi))[0])
        c = int(np.flatnonzero(grid["hidden"] == hidden)[0])
        for j, b in enumerate(GRID_BOUNDS):
            lines[b].set_ydata(grid["curves"][a, i, c, j])
        truth = float(GRID_DIM * gaussian_mi(paired_gaussian_cov(mi, GRID_DIM)[1]))
        ln_k = math.log(batch)
        truth_line.set_ydata([truth, truth])
        ceiling.set_ydata([ln_k, ln_k])
        ax.set_ylim(Y_BOTTOM, max(truth, ln_k) * 1.2)
        est = grid["estimate"][a, i, c]
        lows = grid["curves"][a, i, c].min(axis=-1)
        clipped = [f"{LABELS[b]} down to {low:.3g}" for b, low in zip(GRID_BOUNDS, lows) if low < Y_BOTTOM]
        note = f"\nbelow the axis (clipped at {Y_BOTTOM}): {', '.join(clipped)} nats" if clipped else ""
        return (
            f"true I = {truth:.3f} nats | ln K = {ln_k:.3f} nats (K = {batch}) | critic width {hidden}\n"
            f"held-out estimates: MINE {est[0]:.3f}, NWJ {est[1]:.3f}, InfoNCE {est[2]:.3f} nats{note}"
        )

    controls = {
        "batch": widgets.SelectionSlider(options=[int(v) for v in grid["batch"]], value=batch, description="batch K"),
        "mi": widgets.SelectionSlider(options=[float(v) for v in grid["mi"]], value=mi, description="true MI"),
        "hidden": widgets.SelectionSlider(options=[int(v) for v in grid["hidden"]], value=hidden, description="critic width"),
    }
    return LivePanel(controls, update, fig)


#: Every panel of this notebook: name -> (factory, the most expensive slider values).
PANELS = {
    "training": (training_panel, {"batch": 256, "mi": 8.0, "hidden": 16}),
}


def _main() -> None:  # pragma: no cover - regenerates the shipped data file
    grid = compute_training_grid()
    path = Path(__file__).resolve().parents[1] / "data" / _FILE
    np.savez_compressed(path, **grid)
    print(f"wrote {path} ({path.stat().st_size / 1024:.0f} kB)")


if __name__ == "__main__":  # pragma: no cover
    _main()
