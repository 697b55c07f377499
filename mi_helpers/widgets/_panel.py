"""LivePanel: controls, a figure and a line of numbers that update together.

Every interactive demo of the course is a :class:`LivePanel`. Its design:

* the update logic is a plain function ``update(fig, **values) -> str`` that
  redraws the figure (ideally by changing artists in place) and returns the
  numbers to show, so tests and benchmarks call it without a browser;
* the figure is a :class:`matplotlib.figure.Figure` drawn with Agg and shown
  as PNG in an :class:`ipywidgets.Image`, so its state is plain widget state:
  it renders in JupyterLab, is saved with the notebook and shows on a fresh
  open before anything runs;
* the panel's ``text/plain`` representation is the current numbers, so a
  strict nbval run compares them, and a static render shows a PNG of the
  default view.
"""

from __future__ import annotations

import base64
import html
import io
import time
from typing import Callable

import ipywidgets as widgets
import matplotlib.image
import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["LivePanel", "figure_png", "freeze_static_layer", "hide_static_artists", "render_static_layer"]


def figure_png(fig: Figure, dpi: int = 80) -> bytes:
    """Render a figure to PNG bytes with the Agg backend (no pyplot state).

    One draw only: ``savefig`` draws twice when the figure has a layout
    engine (once to lay out, once to render), which costs a panel update
    about a fifth of its time. Sets the figure's dpi to ``dpi``.
    """
    if fig.dpi != dpi:
        fig.set_dpi(dpi)
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    buf = io.BytesIO()
    PIL.Image.fromarray(np.asarray(canvas.buffer_rgba())).save(buf, format="png", compress_level=1)
    return buf.getvalue()


# Static layers: draw what never changes once, as a bitmap, and only the moving
# artists on every update (what "blitting" does in interactive matplotlib).


def render_static_layer(fig, dynamic, *, dpi=80) -> np.ndarray:
    """Render ``fig`` with the ``dynamic`` artists hidden; return the RGBA pixels.

    The layout engine is switched off first, so later renders keep the same
    geometry and the layer stays aligned. Render at the panel's ``dpi``.
    """
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    fig.set_layout_engine("none")
    visible = [a.get_visible() for a in dynamic]
    for a in dynamic:
        a.set_visible(False)
    buf = io.BytesIO()
    fig.savefig(buf, format="rgba", dpi=dpi)
    for a, v in zip(dynamic, visible):
        a.set_visible(v)
    w, h = (int(round(v * dpi)) for v in fig.get_size_inches())
    return np.frombuffer(buf.getvalue(), dtype=np.uint8).reshape(h, w, 4).copy()


def hide_static_artists(fig, keep=()) -> None:
    """Hide axes backgrounds, spines, axes (ticks and labels) and legends.

    Artists in ``keep`` stay visible. Used once the static layer is a bitmap.
    """
    keep = set(map(id, keep))
    for ax in fig.axes:
        parts = [ax.patch, ax.xaxis, ax.yaxis, *ax.spines.values()]
        if ax.get_legend() is not None:
            parts.append(ax.get_legend())
        for a in parts:
            if id(a) not in keep:
                a.set_visible(False)


def freeze_static_layer(fig, dynamic, *, dpi=80):
    """Render everything but ``dynamic`` once into a bitmap behind the axes.

    Axes frames, ticks, tick labels and legends never change in a panel like
    this one, but redrawing their text is most of the cost of a PNG render.
    After this call the figure holds one pre-rendered image of that static
    layer, the static artists are hidden, and a render only draws the
    ``dynamic`` artists on top. Returns the :class:`~matplotlib.image.FigureImage`
    (swap its data with ``set_data`` to change the background).
    """
    layer = render_static_layer(fig, dynamic, dpi=dpi)
    hide_static_artists(fig)
    return fig.figimage(layer, xo=0, yo=0, origin="upper", zorder=-10)


class LivePanel(widgets.VBox):
    """Controls plus a live figure and a live line of numbers.

    Parameters
    ----------
    controls : dict of str to ipywidgets.ValueWidget
        Keyword name -> control; each control's ``value`` is passed to
        ``update`` under that name.
    update : callable ``update(fig, **values) -> str``
        Redraws ``fig`` for the given values and returns the text to show
        (plain text; lines separated by newlines).
    fig : matplotlib.figure.Figure
        Created once by the caller, reused on every update.
    dpi : int
        Resolution of the live PNG.

    Attributes
    ----------
    text : str
        The numbers of the current view.
    last_update_seconds : float
        Time of the last update (computation + PNG render).
    """

    def __init__(self, controls: dict, update: Callable[..., str], fig: Figure, *, dpi: int = 80):
        self.controls = dict(controls)
        self._update_fn = update
        self.fig = fig
        self.dpi = dpi
        self.text = ""
        self.last_update_seconds = 0.0
        self._image = widgets.Image(format="png", layout=widgets.Layout(width="auto", max_width="100%"))
        self._label = widgets.HTML()
        box = widgets.Box(
            list(self.controls.values()),
            layout=widgets.Layout(display="flex", flex_flow="row wrap", align_items="center"),
        )
        super().__init__([box, self._label, self._image])
        # Stable hooks for the browser test and for styling.
        self.add_class("mi-live-panel")
        self._label.add_class("mi-live-text")
        self._image.add_class("mi-live-figure")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.refresh()

    @property
    def values(self) -> dict:
        """Current control values by keyword name."""
        return {name: c.value for name, c in self.controls.items()}

    def _on_change(self, _change) -> None:
        self.refresh()

    def refresh(self) -> str:
        """Recompute and redraw for the current control values; return the text."""
        t0 = time.perf_counter()
        self.text = self._update_fn(self.fig, **self.values)
        self._image.value = figure_png(self.fig, self.dpi)
        self._label.value = "<pre style='margin:0.2em 0'>" + html.escape(self.text) + "</pre>"
        self.last_update_seconds = time.perf_counter() - t0
        return self.text

    def set(self, **values) -> str:
        """Move controls programmatically (as a reader would) and return the text."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise ValueError(f"unknown control(s) {sorted(unknown)}; this panel has {sorted(self.controls)}")
        with self.hold_trait_notifications():
            for name, value in values.items():
                self.controls[name].unobserve(self._on_change, names="value")
                try:
                    self.controls[name].value = value
                finally:
                    self.controls[name].observe(self._on_change, names="value")
        return self.refresh()

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, tuple):
            data, meta = bundle
        else:
            data, meta = bundle, {}
        data = dict(data)
        data["text/plain"] = self.text
        data["image/png"] = base64.b64encode(self.static_png()).decode("ascii")
        return data, meta

    def static_png(self) -> bytes:
        """The current figure with the current numbers written above it, as PNG.

        This is what a viewer without live widgets shows (a static render, or
        JupyterLab before a notebook is trusted or run).
        """
        figure = matplotlib.image.imread(io.BytesIO(self._image.value), format="png")
        lines = self.text.splitlines() or [""]
        width_in = figure.shape[1] / self.dpi
        band = Figure(figsize=(width_in, 0.08 + 0.2 * len(lines)))
        band.text(0.01, 0.5, self.text, family="monospace", fontsize=8, va="center", ha="left")
        FigureCanvasAgg(band)
        raw = io.BytesIO()
        band.savefig(raw, format="png", dpi=self.dpi, bbox_inches="tight", pad_inches=0.04)  # as wide as the text
        header = matplotlib.image.imread(io.BytesIO(raw.getvalue()), format="png")
        w = max(header.shape[1], figure.shape[1])
        pad = lambda a: np.pad(a, ((0, 0), (0, w - a.shape[1]), (0, 0)), constant_values=1.0)  # noqa: E731
        buf = io.BytesIO()
        matplotlib.image.imsave(buf, np.vstack([pad(header[..., :4]), pad(figure[..., :4])]), format="png")
        return buf.getvalue()
