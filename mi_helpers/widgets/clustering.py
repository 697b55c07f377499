"""Panels of notebook 07 (clustering): KMeans on blobs scored by NMI, AMI and ARI."""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from ..clustering import adjusted_rand_index, ami, nmi, random_labels
from ._panel import LivePanel

__all__ = ["BLOB_CENTERS", "K_CHOICES", "PANELS", "blob_data", "kmeans_blobs_panel", "kmeans_blobs_scores"]

#: Centres of the four true clusters of :func:`blob_data`.
BLOB_CENTERS = np.array([[-4.0, -2.5], [3.5, -3.5], [-2.5, 4.0], [4.0, 3.0]])

#: Largest sample size offered by the panel; smaller samples are its prefixes.
MAX_SAMPLES = 2000

#: Numbers of clusters offered by the panel: up to 100, where chance agreement dominates at small N.
K_CHOICES = (2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 70, 100)


@lru_cache(maxsize=4)
def _unit_blobs(seed: int):
    from sklearn.datasets import make_blobs

    x, y = make_blobs(n_samples=MAX_SAMPLES, centers=BLOB_CENTERS, cluster_std=1.0, random_state=seed)
    return x - BLOB_CENTERS[y], y  # unit-spread offsets from each centre, true labels


def blob_data(n_samples, spread, *, seed=0):
    """Four Gaussian blobs around :data:`BLOB_CENTERS` (from ``make_blobs``).

    The same seeded draw is reused for every call: ``n_samples`` takes the
    first samples of a shuffled set of 2000, and ``spread`` (the standard
    deviation of each blob) scales their offsets from the centres. So moving
    one slider changes only that quantity.

    Returns
    -------
    x : ndarray, shape (n_samples, 2)
    y : ndarray of int, shape (n_samples,)
        The true blob of each point (4 clusters).
    """
    n_samples = int(n_samples)
    if not 2 <= n_samples <= MAX_SAMPLES:
        raise ValueError(f"n_samples must lie in [2, {MAX_SAMPLES}], got {n_samples}")
    if not np.isfinite(spread) or spread <= 0:
        raise ValueError(f"spread must be a positive number, got {spread!r}")
    offsets, y = _unit_blobs(int(seed))
    return BLOB_CENTERS[y[:n_samples]] + float(spread) * offsets[:n_samples], y[:n_samples]


def _kmeans_options(n_clusters: int) -> dict:
    """How the panel starts KMeans: once, from k-means++ seeds up to k = 10, from k random points above.

    One start keeps every slider move cheap. Above k = 10 the blobs are split
    arbitrarily anyway, and k-means++ seeding (a Python loop over the k
    centres) would cost more than the fit itself: at k = 100 and N = 2000 it
    took about half of a k-means++ fit, and random seeding halves the move.
    """
    return {"n_init": 1, "init": "k-means++" if n_clusters <= 10 else "random"}


@lru_cache(maxsize=1)
def _thread_controller():
    """A threadpoolctl controller made once, after KMeans's OpenMP runtime is loaded.

    ``threadpool_limits`` scans the loaded libraries on every call (about
    4 ms, as long as a small KMeans fit); a stored controller does not.
    """
    from sklearn.cluster import KMeans  # noqa: F401  (loads the OpenMP runtime the controller must see)
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@lru_cache(maxsize=512)
def _scores_cached(n_clusters: int, spread: float, n_samples: int, seed: int):
    from sklearn.cluster import KMeans

    x, y = blob_data(n_samples, spread, seed=seed)
    # One thread: on small data OpenMP start-up and a busy second core cost more than they save.
    with _thread_controller().limit(limits=1):
        pred = KMeans(n_clusters=n_clusters, random_state=seed, **_kmeans_options(n_clusters)).fit_predict(x)
    noise = random_labels(n_samples, n_clusters, seed=seed)
    result = {
        "x": x,
        "y": y,
        "pred": pred,
        "kmeans": (nmi(y, pred), ami(y, pred), adjusted_rand_index(y, pred)),
        "random": (nmi(y, noise), ami(y, noise), adjusted_rand_index(y, noise)),
    }
    for arr in (x, y, pred):
        arr.setflags(write=False)  # cached: callers must not change it
    return result


def kmeans_blobs_scores(n_clusters, spread, n_samples, *, seed=0) -> dict:
    """Cluster :func:`blob_data` with KMeans and score it against the truth.

    Parameters
    ----------
    n_clusters : int
        k asked of KMeans (``random_state=seed``, ``n_init=1``; k-means++
        seeding up to k = 10, ``init="random"`` above). The truth has 4. At
        most ``n_samples``.
    spread : float
        Standard deviation of each blob.
    n_samples : int
    seed : int

    Returns
    -------
    dict
        ``x``, ``y`` (true labels), ``pred`` (KMeans labels), and the tuples
        ``kmeans`` and ``random`` of (NMI, AMI, ARI) against the truth, the
        second for a labeling drawn at random with the same k (a chance
        baseline). NMI and AMI use the arithmetic mean. Results are cached
        by argument values.
    """
    if int(n_clusters) < 2 or int(n_clusters) > int(n_samples):
        raise ValueError(f"n_clusters must lie in [2, n_samples = {int(n_samples)}], got {n_clusters}")
    return _scores_cached(int(n_clusters), round(float(spread), 6), int(n_samples), int(seed))


def _tidy(value: float, digits: int) -> float:
    """Round for display, turning a rounded -0.0 into 0.0."""
    return round(float(value), digits) + 0.0


def kmeans_blobs_panel(n_clusters=4, spread=2.0, n_samples=500, seed=0) -> LivePanel:
    """Sliders for the k asked of KMeans, the blob spread and the sample size.

    The default spread of 2 makes the blobs overlap, so even the right k
    scores well below 1.

    Left: the points coloured by KMeans cluster (ten colours, reused above
    k = 10). Right: NMI, AMI and ARI of KMeans and of random labels with the
    same k, all against the true blobs. k runs to 100 and N down to 100, so
    the random labeling's NMI climbs well above 0 while its AMI stays near 0.
    """
    from sklearn.cluster import KMeans  # noqa: F401  (imported now, so the first update is not slowed)

    # Fixed margins, no layout engine: an engine makes every PNG render draw the figure twice.
    fig = Figure(figsize=(7.6, 3.5))
    ax_pts, ax_bar = fig.subplots(1, 2, width_ratios=[1.0, 1.1])
    fig.subplots_adjust(left=0.01, right=0.98, bottom=0.09, top=0.8, wspace=0.2)
    # One line of markers per colour (fast to draw) instead of a colour-mapped scatter.
    colours = [f"C{i}" for i in range(10)]
    groups = [ax_pts.plot([], [], "o", ms=2.5, alpha=0.7, color=c)[0] for c in colours]
    ax_pts.plot(BLOB_CENTERS[:, 0], BLOB_CENTERS[:, 1], "k+", ms=12, mew=2, label="true centres")
    ax_pts.set_xlim(-13, 13)
    ax_pts.set_ylim(-12, 12)
    ax_pts.set_aspect("equal")
    ax_pts.legend(loc="lower left", fontsize=8)
    ax_pts.set_xticks([])
    ax_pts.set_yticks([])
    ax_pts.set_title("points coloured by KMeans cluster\n(ten colours, reused above k = 10)", fontsize=9)

    names = ("NMI", "AMI", "ARI")
    pos = np.arange(len(names))
    bars_km = ax_bar.bar(pos - 0.2, np.zeros(3), width=0.4, label="KMeans vs truth")
    bars_rnd = ax_bar.bar(pos + 0.2, np.zeros(3), width=0.4, color="0.6", label="random labels (same k) vs truth")
    ax_bar.axhline(0.0, color="black", lw=0.8)
    ax_bar.set_xticks(pos, names)
    ax_bar.set_ylim(-0.15, 1.1)
    ax_bar.set_ylabel("score (1 = same partition, 0 = chance)")
    # Above the axes, so no bar can hide behind it.
    ax_bar.legend(loc="lower center", bbox_to_anchor=(0.5, 1.01), ncol=1, fontsize=8, frameon=False)

    def numbers(n_clusters, spread, n_samples):
        return kmeans_blobs_scores(min(int(n_clusters), int(n_samples)), spread, n_samples, seed=seed)  # cached

    def update(fig, n_clusters, spread, n_samples):
        n_clusters = min(int(n_clusters), int(n_samples))
        r = numbers(n_clusters, spread, n_samples)
        for c, line in enumerate(groups):
            mine = r["pred"] % len(groups) == c
            line.set_data(r["x"][mine, 0], r["x"][mine, 1])
        for bars, scores in ((bars_km, r["kmeans"]), (bars_rnd, r["random"])):
            for bar, v in zip(bars, scores):
                bar.set_height(v)
        (n1, a1, r1), (n2, a2, r2) = (tuple(_tidy(v, 3) for v in r[key]) for key in ("kmeans", "random"))
        return (
            f"KMeans (k={n_clusters}) vs truth:      NMI {n1:.3f} | AMI {a1:.3f} | ARI {r1:.3f}\n"
            f"random labels (k={n_clusters}) vs truth: NMI {n2:.3f} | AMI {a2:.3f} | ARI {r2:.3f}"
        )

    controls = {
        "n_clusters": widgets.SelectionSlider(options=list(K_CHOICES), value=n_clusters, description="k asked"),
        "spread": widgets.FloatSlider(value=spread, min=0.25, max=4.0, step=0.25, description="blob spread"),
        "n_samples": widgets.IntSlider(value=n_samples, min=100, max=MAX_SAMPLES, step=100, description="N"),
    }
    return LivePanel(controls, update, fig)


#: Every panel of this notebook: name -> (factory, the most expensive slider values).
PANELS = {
    "kmeans_blobs": (kmeans_blobs_panel, {"n_clusters": 100, "spread": 4.0, "n_samples": 2000}),
}
