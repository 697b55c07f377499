"""Panel of notebook 10 (genes): a relevance network that rebuilds as you move the sliders.

Sample size, noise and the share of non-monotone regulation change the
simulated data; the significance level sets the MI threshold from a
permutation null; the DPI tolerance sets how hard ARACNE prunes. The panel
shows the MI matrix with the true edges marked, the inferred network drawn
on a circle (found, false and missed edges), and the precision and recall
of MI + ARACNE beside those of the same pipeline run on correlation. For
correlation, ARACNE runs on the Gaussian MI -0.5 ln(1 - r^2) of each ``|r|``,
so a tolerance means the same thing (a fraction of an MI) in both pipelines.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.cm import ScalarMappable
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.colors import PowerNorm

from ..estimators import pairwise_mi
from ..networks import aracne, permutation_null, precision_recall, rank_columns, simulate_expression
from ._panel import LivePanel

__all__ = ["PANELS", "NetworkScene", "network_panel"]

SAMPLE_SIZES = (100, 300, 1000)
ALPHAS = (0.5, 0.2, 0.1, 0.05, 0.02)
#: Shares of non-monotone (quadratic or sine) regulation; 0.4 gives the simulator's default shapes.
SHARES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


class NetworkScene:
    """Cached data of the live view.

    The data of each (n, noise, share) setting is simulated and its MI and
    correlation matrices computed on first use (a few milliseconds). The
    permutation nulls depend only on n: the data are ranked first, so every
    gene has the same uniform marginal whatever the noise and the shapes of
    regulation. They are computed for every sample size when the scene is
    built. The network (who regulates whom) is the same for every setting.

    Parameters
    ----------
    n_genes : int
    bins : int
        Equal-count bins per gene for the binned MI.
    n_permutations : int
        Shuffles per null distribution.
    seed : int
        Seeds the network, the samples and the shuffles.
    sample_sizes : sequence of int
    """

    def __init__(self, *, n_genes=30, bins=8, n_permutations=50, seed=0, sample_sizes=SAMPLE_SIZES):
        self.n_genes = n_genes
        self.bins = bins
        self.seed = seed
        _, self.truth = simulate_expression(sample_sizes[0], n_genes=n_genes, seed=seed)
        self._matrices = {}
        self._evaluated = {}  # settings -> result of evaluate (the views a reader has seen)
        self._nonmonotone = {}
        self.null_mi = {}
        self.null_corr = {}
        for n in sample_sizes:
            ranks, _ = self._data(n, 1.0, 0.4)
            self.null_mi[n] = permutation_null(ranks, n_permutations=n_permutations, seed=seed, bins=bins)
            self.null_corr[n] = permutation_null(ranks, n_permutations=n_permutations, seed=seed, method="abs_corr")

    def _data(self, n, noise, share):
        x, truth = simulate_expression(n, n_genes=self.n_genes, noise=noise, seed=self.seed, nonmonotone_share=share)
        return rank_columns(x), truth

    def nonmonotone_edges(self, share) -> int:
        """How many of the true edges are quadratic or sine at this share (cached)."""
        key = round(float(share), 6)
        if key not in self._nonmonotone:
            _, _, edges = simulate_expression(3, n_genes=self.n_genes, seed=self.seed, nonmonotone_share=key, return_edges=True)
            self._nonmonotone[key] = sum(kind in ("quadratic", "sine") for _, _, kind, _ in edges)
        return self._nonmonotone[key]

    def matrices(self, n, noise, share=0.4):
        """(MI matrix in nats, absolute Spearman correlation matrix) for one setting, cached."""
        key = (int(n), round(float(noise), 6), round(float(share), 6))
        if key not in self._matrices:
            ranks, _ = self._data(*key)
            mi = pairwise_mi(ranks, method="binned", bins=self.bins)
            corr = np.abs(np.corrcoef(ranks, rowvar=False))
            self._matrices[key] = (mi, corr)
        return self._matrices[key]

    def evaluate(self, n, noise, alpha, tolerance, share=0.4) -> dict:
        """Threshold at the (1 - alpha) quantile of the max null, prune, score.

        ARACNE prunes the MI network directly and the correlation network on
        the Gaussian MI -0.5 ln(1 - r^2) of its ``|r|`` values: with a tolerance
        > 0, pruning ``|r|`` itself would compare fractions of a correlation, not
        of an MI (the two agree only at tolerance 0). Strictly, that formula
        takes Pearson's r, and ``|r|`` here is Spearman's rho; for a Gaussian pair
        r = 2 sin(pi rho / 6), slightly larger. Notebook 10 (section 5) counts
        the edges this changes: none at tolerance 0.15 on five networks.

        Returns a dict with the ``mi`` matrix, the thresholds ``mi_threshold``
        (nats) and ``corr_threshold``, the edges kept by each step
        (``mi_relevance``, ``mi_network``, ``corr_relevance``,
        ``corr_network``: boolean matrices) and ``(precision, recall)`` pairs
        ``mi_pr``, ``mi_relevance_pr`` and ``corr_pr``. Cached per setting:
        a setting seen before returns the same dict (treat it as read-only).
        """
        if n not in self.null_mi:
            raise ValueError(f"n must be one of {sorted(self.null_mi)}, got {n!r}")
        key = (int(n), round(float(noise), 6), float(alpha), round(float(tolerance), 6), round(float(share), 6))
        if key not in self._evaluated:
            if len(self._evaluated) >= 512:  # a few kB each; a reader's session stays far below
                self._evaluated.clear()
            self._evaluated[key] = self._evaluate(n, noise, alpha, tolerance, share)
        return self._evaluated[key]

    def _evaluate(self, n, noise, alpha, tolerance, share) -> dict:
        mi, corr = self.matrices(n, noise, share)
        off = ~np.eye(self.n_genes, dtype=bool)
        t_mi = float(np.quantile(self.null_mi[n], 1.0 - alpha))
        t_corr = float(np.quantile(self.null_corr[n], 1.0 - alpha))
        kept_mi = np.where(off & (mi > t_mi), mi, 0.0)
        kept_corr = np.where(off & (corr > t_corr), corr, 0.0)
        gaussian_mi = -0.5 * np.log1p(-np.minimum(kept_corr, 1.0 - 1e-12) ** 2)  # 0 stays 0
        net_mi = aracne(kept_mi, tolerance=tolerance) > 0
        net_corr = aracne(gaussian_mi, tolerance=tolerance) > 0
        return {
            "mi": mi,
            "mi_threshold": t_mi,
            "corr_threshold": t_corr,
            "mi_relevance": kept_mi > 0,
            "mi_network": net_mi,
            "corr_relevance": kept_corr > 0,
            "corr_network": net_corr,
            "mi_relevance_pr": precision_recall(kept_mi, self.truth),
            "mi_pr": precision_recall(net_mi, self.truth),
            "corr_pr": precision_recall(net_corr, self.truth),
        }


def _fmt(v):
    return "  n/a" if math.isnan(v) else f"{v:.2f}"


def _segments(adj, xy):
    i, j = np.nonzero(np.triu(adj, k=1))
    return [np.array([xy[a], xy[b]]) for a, b in zip(i, j)]


def network_panel(n=300, noise=0.5, alpha=0.05, tolerance=0.0, share=0.4, *, seed=0, scene=None) -> LivePanel:
    """Sample size, noise, share of non-monotone regulation, significance level
    and DPI tolerance over a simulated network.

    Thirty genes from :func:`mi_helpers.networks.simulate_expression` with
    ``seed``; binned MI (8 equal-count bins) thresholded at the (1 - alpha)
    quantile of the max-statistic permutation null, then ARACNE; the same
    steps on the absolute Spearman correlation for comparison. ``scene``: a
    :class:`NetworkScene` to reuse (its seed is then the scene's).
    """
    scene = NetworkScene(seed=seed) if scene is None else scene
    p = scene.n_genes
    angle = np.pi / 2 - 2 * np.pi * np.arange(p) / p
    xy = np.column_stack([np.cos(angle), np.sin(angle)])

    fig = Figure(figsize=(9.6, 3.5), layout="constrained")
    ax_mat, ax_net, ax_bar = fig.subplots(1, 3, width_ratios=[1.05, 1.0, 0.7])
    first = scene.evaluate(n, noise, alpha, tolerance, share)
    shown = first["mi"].copy()
    np.fill_diagonal(shown, np.nan)
    # One colour scale for every setting: a binned MI with B equal-count bins per gene is at
    # most ln B nats; a square-root scale keeps weak edges (0.1 nats) visible on it.
    # The matrix is coloured here and handed over as 8-bit RGBA, which matplotlib draws without
    # converting; the colour bar shows the same map. NaN (the diagonal) is transparent.
    norm = PowerNorm(0.5, vmin=0.0, vmax=math.log(scene.bins))
    cmap = matplotlib.colormaps["viridis"]

    def coloured(values):
        return cmap(norm(values), bytes=True)

    mat = ax_mat.imshow(coloured(shown), interpolation="nearest")
    ti, tj = np.nonzero(scene.truth)
    ax_mat.scatter(tj, ti, s=7, facecolors="none", edgecolors="white", linewidths=0.8)
    ax_mat.set_title("MI matrix (nats); circles: true edges", fontsize=9)
    ax_mat.set_xticks(range(0, p, 10))
    ax_mat.set_yticks(range(0, p, 10))
    ax_mat.set_xlabel("gene")
    ax_mat.set_ylabel("gene")
    cbar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax_mat, shrink=0.8)
    cbar.set_ticks([0.0, 0.1, 0.5, 1.0, 2.0])

    missed = LineCollection([], colors="0.65", linestyles="dashed", linewidths=1.0, label="missed")
    wrong = LineCollection([], colors="tab:red", linewidths=1.4, label="false")
    found = LineCollection([], colors="tab:green", linewidths=1.6, label="found")
    for coll in (missed, wrong, found):
        ax_net.add_collection(coll)
    ax_net.scatter(xy[:, 0], xy[:, 1], s=60, c="white", edgecolors="black", zorder=3)
    for g in range(0, p, 5):  # a few labels only: every text costs render time
        ax_net.text(1.17 * xy[g, 0], 1.17 * xy[g, 1], str(g), ha="center", va="center", fontsize=7)
    ax_net.set_xlim(-1.3, 1.3)
    ax_net.set_ylim(-1.3, 1.3)
    ax_net.set_aspect("equal")
    ax_net.axis("off")
    ax_net.legend(loc="lower center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=7, frameon=False)
    ax_net.set_title("MI + ARACNE network", fontsize=9)

    bars = ax_bar.bar([0, 1, 2.5, 3.5], [0, 0, 0, 0], color=["tab:blue", "tab:orange", "tab:blue", "tab:orange"])
    ax_bar.set_xticks([0.5, 3.0], ["MI\n+ ARACNE", "correlation\n+ ARACNE"], fontsize=8)
    ax_bar.set_ylim(0, 1.05)
    ax_bar.set_yticks([0, 0.5, 1])
    ax_bar.set_title("precision (blue), recall (orange)", fontsize=9)
    # Lay out once, then drop the engine: with any engine set (even "none"),
    # savefig runs the constrained solver and an extra draw on every update.
    fig.get_layout_engine().execute(fig)
    fig.set_layout_engine(None)

    def update(fig, n, noise, share, alpha, tolerance):
        e = scene.evaluate(n, noise, alpha, tolerance, share)
        shown = e["mi"].copy()
        np.fill_diagonal(shown, np.nan)
        mat.set_data(coloured(shown))
        net, truth = e["mi_network"], scene.truth
        found.set_segments(_segments(net & truth, xy))
        wrong.set_segments(_segments(net & ~truth, xy))
        missed.set_segments(_segments(~net & truth, xy))
        for bar, v in zip(bars, (*e["mi_pr"], *e["corr_pr"])):
            bar.set_height(0.0 if math.isnan(v) else v)
        n_rel = int(np.triu(e["mi_relevance"], 1).sum())
        n_net = int(np.triu(net, 1).sum())
        n_corr = int(np.triu(e["corr_network"], 1).sum())
        return (
            f"n = {n}, noise = {noise:.1f}, non-monotone share {share:.1f} "
            f"({scene.nonmonotone_edges(share)} of {int(truth.sum()) // 2} true edges quadratic or sine)\n"
            f"MI threshold {e['mi_threshold']:.3f} nats (alpha = {alpha}), "
            f"{n_rel} edges above it, {n_net} after ARACNE (tolerance {tolerance:.2f})\n"
            f"MI + ARACNE: precision {_fmt(e['mi_pr'][0])}, recall {_fmt(e['mi_pr'][1])} | "
            f"correlation + ARACNE ({n_corr} edges): precision {_fmt(e['corr_pr'][0])}, recall {_fmt(e['corr_pr'][1])}"
        )

    controls = {
        "n": widgets.SelectionSlider(options=tuple(sorted(scene.null_mi)), value=n, description="samples N"),
        "noise": widgets.FloatSlider(value=noise, min=0.1, max=2.0, step=0.1, description="noise sd"),
        "share": widgets.SelectionSlider(options=SHARES, value=share, description="non-monotone"),
        "alpha": widgets.SelectionSlider(options=ALPHAS, value=alpha, description="threshold α"),
        "tolerance": widgets.FloatSlider(value=tolerance, min=0.0, max=1.0, step=0.05, description="DPI tolerance"),
    }
    return LivePanel(controls, update, fig)


#: Every panel of this notebook: name -> (factory, the most expensive slider values).
PANELS = {
    "network": (network_panel, {"n": 1000, "noise": 1.3, "share": 1.0, "alpha": 0.5, "tolerance": 0.0}),
}
