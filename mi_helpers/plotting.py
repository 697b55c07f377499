"""Small plotting helpers shared by the notebooks and the widget panels.

They draw on a given :class:`matplotlib.axes.Axes` and return the artists a
panel needs to update in place, so a slider move does not rebuild a figure.
"""

from __future__ import annotations

import numpy as np

__all__ = ["annotated_table", "update_annotated_table"]


def annotated_table(ax, table, *, title="", row_label="X", col_label="Y", vmax=None, fmt="{:.3f}", cmap="Blues"):
    """Draw a 2-D probability table as a heat map with its numbers written in.

    Returns ``(mesh, texts)`` (a :class:`~matplotlib.collections.QuadMesh` and
    the grid of text artists) for :func:`update_annotated_table`.
    """
    table = np.asarray(table, dtype=float)
    vmax = float(table.max()) if vmax is None else vmax
    # A mesh of cells looks like imshow (square cells, row 0 on top) and redraws
    # several times faster than an image, which is resampled on every draw.
    rows, cols = table.shape
    image = ax.pcolormesh(np.arange(cols + 1) - 0.5, np.arange(rows + 1) - 0.5, table, cmap=cmap, vmin=0.0, vmax=vmax)
    ax.set_xlim(-0.5, cols - 0.5)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_aspect("equal")
    texts = []
    for i in range(table.shape[0]):
        row = []
        for j in range(table.shape[1]):
            row.append(ax.text(j, i, fmt.format(table[i, j]), ha="center", va="center", fontsize=11))
        texts.append(row)
    ax.set_xticks(range(table.shape[1]))
    ax.set_yticks(range(table.shape[0]))
    ax.set_xlabel(col_label)
    ax.set_ylabel(row_label)
    ax.set_title(title)
    _contrast(image, texts, table)
    return image, texts


def update_annotated_table(image, texts, table, fmt="{:.3f}"):
    """Change the numbers of a table drawn by :func:`annotated_table`."""
    table = np.asarray(table, dtype=float)
    image.set_array(table)
    image.stale = True  # set_array alone does not mark a mesh for redrawing (matplotlib 3.11)
    for i, row in enumerate(texts):
        for j, t in enumerate(row):
            t.set_text(fmt.format(table[i, j]))
    _contrast(image, texts, table)


def _contrast(image, texts, table):
    lo, hi = image.get_clim()
    mid = lo + 0.6 * (hi - lo)
    for i, row in enumerate(texts):
        for j, t in enumerate(row):
            t.set_color("white" if table[i, j] > mid else "black")
