"""LivePanel: controls, a figure and a line of numbers that update together.

Every interactive demo of the course is a :class:`LivePanel`. Its design:

* the update logic is a plain function ``update(fig, **values) -> str`` that
  redraws the figure (ideally by changing artists in place) and returns the
  numbers to show, so tests and benchmarks call it without a browser;
* the figure is a :class:`matplotlib.figure.Figure` drawn with Agg and shown
  as PNG in an :class:`ipywidgets.Image`, so its state is plain widget state:
  it renders in JupyterLab, is saved with the notebook and shows on a fresh
  open before anything runs. The PNG travels as a ``data:`` URL (format
  ``"url"``): the browser decodes it as soon as the image's source is set and
  paints it in the same frame as the new numbers, where the widget's default
  blob URL is fetched asynchronously and painted one or more frames later
  (measured in ``benchmarks/results/browser_latency.md``);
* a slider move redraws only what the update changed (:class:`LayeredRenderer`):
  axes, ticks, labels and legends are drawn once into cached layers, because
  drawing text is most of the cost of a full Agg render;
* views are drawn ahead of the reader (one step each way of every slider
  on construction, then after each slider move the view one move further)
  and kept by their control values, so an arrow-key step that goes on in
  the same direction, or back, only sends a view already drawn;
* the panel's ``text/plain`` representation is the current numbers, so a
  strict nbval run compares them, and a static render shows a PNG of the
  default view.
"""

from __future__ import annotations

import asyncio
import base64
import collections
import html
import io
import logging
import math
import struct
import time
import zlib
from operator import attrgetter
from typing import Callable

import ipywidgets as widgets
import numpy as np
import PIL.Image
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.layout_engine import PlaceHolderLayoutEngine

try:  # ISA-L's deflate: the same zlib stream format, about 7 times faster at level 1 (extra "fast")
    from isal import isal_zlib as _fast_zlib
except ImportError:  # pragma: no cover - depends on the environment
    _fast_zlib = None

__all__ = ["LayeredRenderer", "LivePanel", "encode_png", "figure_png"]


# --------------------------------------------------------------------------- PNG


def _png_chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def encode_png(rgba, *, level: int = 1) -> bytes:
    """Encode an RGBA image as PNG, losslessly and fast.

    An opaque image (alpha 255 everywhere, as a figure with an opaque face)
    is written as RGB. Rows are stored unfiltered and deflated at ``level``
    (1: fastest): plots are mostly flat colour, where this is two to four
    times faster than Pillow's adaptive row filters and gives files of about
    the same size (11-90 kB for the course's panels). At level 1 the deflate
    is ISA-L's when the ``isal`` package is installed (extra ``fast``): the
    deflate itself 6 to 10 times faster than zlib's level 1 on the course's
    panels, the whole encoding about twice as fast, files within a few per
    cent of the size; zlib's otherwise (so the bytes, never the pixels,
    depend on whether ``isal`` is installed).

    Parameters
    ----------
    rgba : array of uint8, shape (height, width, 4)
        Rows from top to bottom, straight (not premultiplied) alpha.
    level : int in 0..9
        Compression level: 1 (the default) uses ISA-L's level 1 when
        available; every other level is zlib's.

    Returns
    -------
    bytes
        A PNG file. Cost: one copy of the pixels plus the deflate, O(width x height).
    """
    a = np.asarray(rgba)
    if a.dtype != np.uint8:
        raise TypeError(f"rgba must be an array of uint8, got dtype {a.dtype}")
    if a.ndim != 3 or a.shape[2] != 4 or a.shape[0] < 1 or a.shape[1] < 1:
        raise ValueError(f"rgba must have shape (height, width, 4) with height, width >= 1; got {a.shape}")
    if not isinstance(level, (int, np.integer)) or not 0 <= level <= 9:
        raise ValueError(f"level must be an integer in 0..9, got {level!r}")
    opaque = bool(a[..., 3].min() == 255)
    pixels = a[..., :3] if opaque else a
    h, w, c = pixels.shape
    raw = np.empty((h, 1 + w * c), dtype=np.uint8)
    raw[:, 0] = 0  # filter type 0 (none) on every row
    rows = raw[:, 1:].reshape(h, w, c)  # a view (the last axis splits), so one copy of the pixels
    if not np.may_share_memory(rows, raw):  # pragma: no cover - splitting a contiguous last axis is always a view
        raise RuntimeError("encode_png: the row view of the output buffer is a copy")
    rows[...] = pixels
    header = struct.pack(">IIBBBBB", w, h, 8, 2 if opaque else 6, 0, 0, 0)
    return b"".join([
        b"\x89PNG\r\n\x1a\n",
        _png_chunk(b"IHDR", header),
        _png_chunk(b"IDAT", (_fast_zlib if level == 1 and _fast_zlib is not None else zlib).compress(raw, level)),
        _png_chunk(b"IEND", b""),
    ])


def figure_png(fig: Figure, dpi: int = 80) -> bytes:
    """Render a whole figure with Agg (no pyplot state) and return PNG bytes.

    One draw only (``savefig`` draws twice when the figure has a layout
    engine). Sets the figure's dpi to ``dpi``.
    """
    if fig.dpi != dpi:
        fig.set_dpi(dpi)
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    return encode_png(np.asarray(canvas.buffer_rgba()))


# ------------------------------------------------------------ text caches


def _font_key(prop) -> tuple:
    """Everything of a FontProperties that selects the font and its size, compared by value."""
    return (tuple(prop.get_family()), prop.get_style(), prop.get_variant(), prop.get_weight(), prop.get_stretch(),
            prop.get_file(), prop.get_size_in_points(), prop.get_math_fontfamily())


class _TextCache:
    """Memoised text drawing for one Agg renderer: pixel for pixel what it draws.

    Drawing a string on Agg costs three steps, each redone on every draw: the
    measure (``get_text_width_height_descent``, a layout of the string), the
    layout of its glyphs, and the rasterisation of every glyph. A live panel
    draws the same few strings (digits, tick labels) over and over, so this
    keeps the measures and layouts of recent strings and the bitmap of every
    glyph at each sub-pixel phase (a glyph rasterised at the same 1/64 pixel
    fraction is the same bitmap shifted by whole pixels), and blends the
    cached bitmaps exactly as ``RendererAgg.draw_text`` does. Only unrotated
    plain text takes this path (mathtext, TeX and rotated text are drawn by
    the renderer itself), and only on a matplotlib whose Agg renderer draws
    glyph by glyph (3.11 and later; :meth:`install` does nothing otherwise).
    Memory: at most ``MAX_STRINGS`` layouts and ``MAX_GLYPHS`` bitmaps of a
    few hundred bytes each.
    """

    MAX_STRINGS = 4096
    MAX_GLYPHS = 8192

    def __init__(self, renderer):
        self.renderer = renderer
        self.draw_text = renderer.draw_text
        self.measure = renderer.get_text_width_height_descent
        self.layouts: dict = {}
        self.measures: dict = {}
        self.glyphs: dict = {}

    @classmethod
    def install(cls, renderer) -> None:
        """Route ``renderer``'s plain-text measures and draws through a cache (once per renderer)."""
        from matplotlib.backends import backend_agg
        from matplotlib.ft2font import FT2Font

        if getattr(renderer, "_mi_text_cache", None) is not None:
            return
        needed = (hasattr(FT2Font, "_layout") and hasattr(FT2Font, "_render_glyph") and hasattr(FT2Font, "_set_transform")
                  and hasattr(backend_agg.RendererAgg, "_draw_text_glyphs_and_boxes") and hasattr(renderer, "_prepare_font"))
        if not needed:
            renderer._mi_text_cache = False
            return
        cache = cls(renderer)
        renderer._mi_text_cache = cache
        renderer.draw_text = cache.cached_draw_text
        renderer.get_text_width_height_descent = cache.cached_measure

    def cached_measure(self, s, prop, ismath):
        if ismath:
            return self.measure(s, prop, ismath)
        from matplotlib.backends.backend_agg import get_hinting_flag

        key = (s, _font_key(prop), self.renderer.dpi, get_hinting_flag())
        out = self.measures.get(key)
        if out is None:
            if len(self.measures) >= self.MAX_STRINGS:
                self.measures.clear()
            out = self.measures[key] = self.measure(s, prop, ismath)
        return out

    def cached_draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath or angle:
            return self.draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        from matplotlib.backends.backend_agg import get_hinting_flag
        from matplotlib.ft2font import RenderMode

        r = self.renderer
        flags = get_hinting_flag()
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        size = prop.get_size_in_points()
        key = (s, _font_key(prop), r.dpi, flags, repr(features), repr(language))
        items = self.layouts.get(key)
        if items is None:
            font = r._prepare_font(prop)
            items = [(item.ft_object, item.glyph_index, item.x, item.y)
                     for item in font._layout(s, flags=flags, features=features, language=language)]
            if len(self.layouts) >= self.MAX_STRINGS:
                self.layouts.clear()
            self.layouts[key] = items
        antialiased = bool(gc.get_antialiased())
        height = r.height
        for font, glyph_index, dx, dy in items:
            fx = round(0x40 * (x + dx))
            fy = round(0x40 * (height - y + dy))  # FreeType's y is upwards
            gkey = (font.fname, font.face_index, size, r.dpi, glyph_index, fx & 0x3F, fy & 0x3F, flags, antialiased)
            glyph = self.glyphs.get(gkey)
            if glyph is None:
                font.set_size(size, r.dpi)
                font._set_transform(np.array([[0x10000, 0], [0, 0x10000]]), [fx, fy])
                bitmap = font._render_glyph(glyph_index, flags, RenderMode.NORMAL if antialiased else RenderMode.MONO)
                buffer = np.array(bitmap.buffer, copy=True)
                if not antialiased:
                    buffer *= 0xFF
                if len(self.glyphs) >= self.MAX_GLYPHS:
                    self.glyphs.clear()
                glyph = self.glyphs[gkey] = (buffer, bitmap.left - (fx >> 6), bitmap.top - (fy >> 6))
            buffer, left, top = glyph
            if buffer.size:
                r._renderer.draw_text_image(buffer, left + (fx >> 6), int(height) - (top + (fy >> 6)) + buffer.shape[0], 0, gc)


# ------------------------------------------------------------- layered render


def _tree(artist):
    """The artist and all its descendants (depth first)."""
    stack = [artist]
    while stack:
        a = stack.pop()
        yield a
        stack.extend(a.get_children())


def _axis_signature(axis: Axis) -> tuple:
    """What an axis (ticks, tick labels, axis label) looks like, compared by value.

    Stale flags cannot tell: setting the limits marks an axis stale even when
    they did not change, and every draw moves its ticks. Locators and
    formatters are compared by identity (``set_ticks`` and ``set_ticklabels``
    install new ones).
    """
    label = axis.label
    return (
        tuple(axis.get_view_interval()),
        axis.get_scale(),
        axis.get_visible(),
        axis.get_major_locator(),
        axis.get_major_formatter(),
        axis.get_minor_locator(),
        axis.get_minor_formatter(),
        repr(getattr(axis, "_major_tick_kw", None)),
        repr(getattr(axis, "_minor_tick_kw", None)),
        label.get_text(),
        label.get_visible(),
        label.get_color(),
        hash(label.get_fontproperties()),
        axis.get_label_position(),
    )


def _crop_layer(renderer) -> tuple | None:
    """What was drawn on a cleared (transparent) renderer, cropped to its non-transparent
    pixels, as ``(x, y, rgba)`` for ``RendererAgg.draw_image``; None when nothing was drawn."""
    buf = np.asarray(renderer.buffer_rgba())
    alpha = buf[..., 3]
    rows = np.flatnonzero(alpha.any(axis=1))
    if rows.size == 0:
        return None
    cols = np.flatnonzero(alpha.any(axis=0))
    r0, r1, c0, c1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    # draw_image takes rows bottom to top and the lower-left corner in display pixels.
    return int(c0), int(renderer.height - r1), np.ascontiguousarray(buf[r1 - 1 : r0 - 1 if r0 else None : -1, c0:c1])


def _axes_signature(ax: Axes) -> tuple:
    """Geometry of an Axes: its position (after aspect) and data limits."""
    return (ax.get_position().bounds, tuple(ax.get_xlim()), tuple(ax.get_ylim()))


def _frame_free(ax: Axes) -> set[int]:
    """Ids of an Axes' leaves drawn in axes or figure coordinates: a change of
    the data limits leaves them where they are. Everything else of the Axes
    (data artists, axis ticks, a legend placed at "best") moves."""
    free = [ax.patch, *ax.spines.values(), ax.title, getattr(ax, "_left_title", None), getattr(ax, "_right_title", None)]
    legend = ax.get_legend()
    if legend is not None and getattr(legend, "_loc", 0) != 0:  # 0: loc="best", which follows the data
        free.append(legend)
    return {id(a) for a in free if a is not None}


class LayeredRenderer:
    """Render a figure again and again on Agg, redrawing only what changed.

    This is matplotlib's blitting, made automatic. The figure is seen as its
    *leaves* in drawing order: the figure patch, then for every Axes its
    patch and children sorted by z-order (data artists, spines, the two axis
    objects with their ticks and labels, titles, legend), as ``Figure.draw``
    and ``Axes.draw`` would draw them. A leaf *changed* since the previous
    render when its ``stale`` flag (which matplotlib's setters raise) or that
    of a sub-artist is up, or, for an axis, when its limits, scale, locator,
    formatter, tick parameters or label differ. When the data limits of an
    Axes change, what it draws in data coordinates changes too (when it
    moves, everything in it).

    Leaves are *static* or *dynamic*. The static leaves are drawn once into
    layers: those before the first dynamic leaf as an opaque background,
    each later run of static leaves as a transparent overlay, so drawing
    order (z-order) is kept exactly. A render copies the background, draws
    the dynamic leaves and composites the overlays in order. Which leaves
    are dynamic:

    * the leaves :meth:`observe` saw changing (a panel's slider moves), for good;
    * a leaf that changes in two renders out of three (an artist the caller
      updates on every render); a static leaf that changes once (a title, an
      axis after a drop-down choice) is only drawn again into new layers;
    * such a leaf goes back into the layers after ``SETTLE`` renders without
      a change (twice as many each time it comes back), so a drop-down choice
      does not leave its axis redrawn on every later move.

    When a static leaf changes or goes away, or a new artist would fall
    inside a layer, or the dynamic set changes, the layers are rebuilt
    (about one full render).

    The first render draws the whole figure, with its layout engine if it
    has one; the layout is then switched off, so every later render, layered
    or full, keeps that geometry. After a draw made elsewhere (``savefig``,
    ``canvas.draw``), which hides what changed, the next render rebuilds.
    Cost of a layered render: the dynamic leaves' own drawing plus one copy
    of the background and one image composite per overlay (well under a
    millisecond each at a panel's size). Two caches make the dynamic leaves
    cheap to draw: text is drawn from cached layouts and glyph bitmaps
    (:class:`_TextCache`, pixel for pixel what Agg draws), and a dynamic axis
    (ticks, tick labels, label) is composited from a layer of how it looked
    in an earlier render with the same limits (:meth:`_draw_axis`), and a
    dynamic image that did not change is composited from its last look
    (:meth:`_draw_image`).

    Parameters
    ----------
    fig : Figure
        Drawn with :class:`~matplotlib.backends.backend_agg.FigureCanvasAgg`
        (attached if the figure has another canvas).
    dpi : int
        Resolution of the renders.
    layered : bool
        False: draw the whole figure on every render (no layers).

    Attributes
    ----------
    last_mode : str
        How the last render was made: ``"full"``, ``"rebuild"`` (layers drawn
        again) or ``"layered"`` (background, dynamic leaves, overlays).
    """

    #: Renders without a change after which a leaf made dynamic by repeated changes goes back into the layers.
    SETTLE = 3
    #: Looks of dynamic axes kept as layers (:meth:`_draw_axis`).
    AXIS_LOOKS = 32

    def __init__(self, fig: Figure, *, dpi: int = 80, layered: bool = True):
        if not isinstance(fig, Figure):
            raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
        self.fig = fig
        self.dpi = dpi
        self.layered = bool(layered)
        self.canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
        self.last_mode = ""
        self._rendered = False
        self._dynamic: dict[int, object] = {}  # id -> leaf
        self._runs: tuple | None = None  # static runs of the current layers: tuples of leaf ids
        self._background = None  # BufferRegion of the first run
        self._overlays: dict[int, tuple] = {}  # index of a later run -> (x, y, rgba) or None when empty
        self._key = None  # (size in pixels, dpi) of the layers
        self._axes_sig: dict[int, tuple] = {}
        self._axis_sig: dict[int, tuple] = {}
        self._pending: set[int] = set()  # leaves seen changing by observe(), not yet drawn
        self._permanent: set[int] = set()  # leaves observe() saw changing: dynamic for good
        self._strikes: dict[int, int] = {}  # id -> render count at its last change while static
        self._quiet: dict[int, int] = {}  # id -> renders without a change, for the other dynamic leaves
        self._demoted: dict[int, int] = {}  # id -> times it went back into the layers
        self._kinds: dict[int, tuple] = {}  # id -> (type, id of its Axes) of the leaves last seen
        self._count = 0
        self._axis_looks: dict[tuple, tuple | None] = {}  # axis signature and geometry -> layer
        self._scratch = None  # transparent canvas for those layers
        self._images: dict[int, tuple] = {}  # id of a dynamic image -> (geometry, layer) of its last look
        self._changed_now: set[int] = set()  # leaves changed since the previous render
        self._fresh: dict[int, tuple] = {}  # signatures computed by _changed for _settle
        self._own_draw = False
        self._drawn_elsewhere = False
        self.canvas.mpl_connect("draw_event", self._on_draw)

    # -- structure ---------------------------------------------------------

    def _leaves(self) -> list[tuple[object, Axes | None]]:
        """(leaf, its Axes or None) in the order ``Figure.draw`` draws them."""
        fig = self.fig
        out = [(fig.patch, None)]
        top = sorted((a for a in fig.get_children() if a is not fig.patch and not a.get_animated()), key=attrgetter("zorder"))
        for a in top:
            if not isinstance(a, Axes):
                out.append((a, None))
                continue
            if not a.get_visible():
                continue
            framed = a.axison and a.get_frame_on()
            skip = {id(a.patch)}
            if not framed:
                skip.update(map(id, a.spines.values()))
            axes_kids = [c for c in a.get_children() if id(c) not in skip and not c.get_animated()]
            if not a.axison:
                axes_kids = [c for c in axes_kids if not isinstance(c, Axis)]
            axes_kids.sort(key=attrgetter("zorder"))
            if framed:
                out.append((a.patch, a))
            out.extend((c, a) for c in axes_kids)
        return out

    @staticmethod
    def _segments(leaves, dynamic) -> list[tuple[bool, list]]:
        """Maximal runs of leaves: [(is_dynamic, [leaf, ...]), ...] in order."""
        segs: list[tuple[bool, list]] = []
        for leaf, _ in leaves:
            d = id(leaf) in dynamic
            if segs and segs[-1][0] == d:
                segs[-1][1].append(leaf)
            else:
                segs.append((d, [leaf]))
        return segs

    @staticmethod
    def _static_runs(segs) -> tuple:
        return tuple(tuple(map(id, run)) for d, run in segs if not d)

    # -- change detection --------------------------------------------------

    def _changed(self, leaves) -> set[int]:
        """Ids of the leaves that changed since the last render."""
        changed = set()
        axes_seen = {}
        # Signatures computed here are reused by _settle (drawing does not change them;
        # computing one costs an apply_aspect or a locator call).
        fresh = self._fresh = {}
        for leaf, ax in leaves:
            if ax is not None and id(ax) not in axes_seen:
                axes_seen[id(ax)] = ax
            if isinstance(leaf, Axis):
                sig = fresh[id(leaf)] = _axis_signature(leaf)
                if self._axis_sig.get(id(leaf)) != sig:
                    changed.add(id(leaf))
            elif any(a.stale for a in _tree(leaf)):
                changed.add(id(leaf))
        for ax_id, ax in axes_seen.items():
            old = self._axes_sig.get(ax_id)
            new = fresh[ax_id] = _axes_signature(ax)
            if old is None or old == new:
                continue
            if old[0] != new[0]:  # the Axes moved: everything in it moves
                changed.update(id(leaf) for leaf, owner in leaves if owner is ax)
                continue
            # New data limits move what is drawn in data coordinates; each axis
            # object already compared its own limits above.
            free = _frame_free(ax)
            changed.update(
                id(leaf) for leaf, owner in leaves if owner is ax and id(leaf) not in free and not isinstance(leaf, Axis)
            )
        return changed

    def _settle(self, leaves) -> None:
        """Remember geometry and mark every leaf clean after a render."""
        self._axes_sig = {}
        self._axis_sig = {}
        self._kinds = {id(leaf): (type(leaf), id(ax)) for leaf, ax in leaves}
        fresh, self._fresh = self._fresh, {}
        for leaf, ax in leaves:
            if ax is not None and id(ax) not in self._axes_sig:
                self._axes_sig[id(ax)] = fresh.get(id(ax)) or _axes_signature(ax)
            if isinstance(leaf, Axis):
                # Compared by signature; its children are not walked: Axis.get_children
                # computes the tick locations, which costs more than the check saves.
                self._axis_sig[id(leaf)] = fresh.get(id(leaf)) or _axis_signature(leaf)
                leaf.stale = False
                continue
            for a in _tree(leaf):
                if a.stale:
                    a.stale = False

    # -- drawing -----------------------------------------------------------

    def _on_draw(self, _event) -> None:
        """Someone else drew the figure (savefig, canvas.draw): stale flags were reset
        by that draw and its moves of ticks and titles; start afresh from here."""
        if self._own_draw or not self._rendered:
            return
        self._drawn_elsewhere = True
        if self.layered:
            self._settle(self._leaves())

    def _draw(self) -> None:
        self._own_draw = True
        try:
            self.canvas.draw()
        finally:
            self._own_draw = False

    def _full(self) -> None:
        self._draw()
        engine = self.fig.get_layout_engine()
        if engine is not None and not isinstance(engine, PlaceHolderLayoutEngine):
            # Keep the geometry of this first layout: layers must stay aligned, and a
            # layout engine would re-run (and cost) on every full draw.
            self.fig.set_layout_engine("none")

    def _rebuild(self, leaves, segs) -> None:
        """Draw the static runs into layers, then compose the output."""
        fig, canvas = self.fig, self.canvas
        first_static = segs[0][1] if segs and not segs[0][0] else []
        keep = set(map(id, first_static))
        # 1. Background: a normal draw with everything outside the first run left out
        #    (animated artists are skipped by Figure.draw and Axes.draw; patches are hidden).
        hidden, animated = [], []
        for leaf, ax in leaves:
            if id(leaf) in keep:
                continue
            if leaf is fig.patch or (ax is not None and leaf is ax.patch):
                if leaf.get_visible():
                    leaf.set_visible(False)
                    hidden.append(leaf)
            elif not leaf.get_animated():
                leaf.set_animated(True)
                animated.append(leaf)
        try:
            self._draw()
        finally:
            for leaf in hidden:
                leaf.set_visible(True)
            for leaf in animated:
                leaf.set_animated(False)
        self._background = canvas.copy_from_bbox(fig.bbox)
        # 2. Overlays: each later static run drawn alone on a transparent canvas, cropped.
        renderer = canvas.get_renderer()
        self._overlays = {}
        for i, (dyn, run) in enumerate(segs):
            if dyn or i == 0:
                continue
            renderer.clear()
            for leaf in run:
                leaf.draw(renderer)
            self._overlays[i] = _crop_layer(renderer)
        self._runs = self._static_runs(segs)
        self._key = (canvas.get_width_height(physical=True), fig.dpi)
        self._compose(segs)

    def _compose(self, segs) -> None:
        canvas = self.canvas
        renderer = canvas.get_renderer()
        canvas.restore_region(self._background)
        gc = None
        for i, (dyn, run) in enumerate(segs):
            if dyn:
                for leaf in run:
                    if isinstance(leaf, Axis):
                        self._draw_axis(leaf, renderer)
                    elif type(leaf) is AxesImage:
                        self._draw_image(leaf, renderer)
                    else:
                        leaf.draw(renderer)
            elif i > 0:
                overlay = self._overlays.get(i)
                if overlay is not None:
                    gc = gc or renderer.new_gc()
                    renderer.draw_image(gc, overlay[0], overlay[1], overlay[2])
        if gc is not None:
            gc.restore()

    def _draw_axis(self, axis: Axis, renderer) -> None:
        """Draw a dynamic axis from a cached layer when it looks as in an earlier render.

        An axis whose limits can change (a panel that rescales) is redrawn on
        every render, ticks and tick labels included, though most moves leave
        its limits where they were. What an axis draws depends only on its
        signature (:func:`_axis_signature`) and the position of its Axes, so
        each look is drawn once, alone, on a transparent scratch canvas, and
        composited from there (at most ``AXIS_LOOKS`` looks kept per renderer).
        """
        key = (id(axis), self._fresh.get(id(axis)) or _axis_signature(axis), self._axes_now(axis.axes)[0],
               renderer.width, renderer.height, renderer.dpi)
        if key in self._axis_looks:
            layer = self._axis_looks[key]
        else:
            scratch = self._scratch_like(renderer)
            axis.draw(scratch)
            layer = _crop_layer(scratch)
            if len(self._axis_looks) >= self.AXIS_LOOKS:
                self._axis_looks.pop(next(iter(self._axis_looks)))
            self._axis_looks[key] = layer
        if layer is not None:
            gc = renderer.new_gc()
            renderer.draw_image(gc, *layer)
            gc.restore()

    def _axes_now(self, ax: Axes) -> tuple:
        """The signature of an Axes in this render (computed once by _changed)."""
        return self._fresh.get(id(ax)) or _axes_signature(ax)

    def _scratch_like(self, renderer):
        """A cleared transparent renderer of the same size and dpi as ``renderer``."""
        scratch = self._scratch
        if scratch is None or (scratch.width, scratch.height, scratch.dpi) != (renderer.width, renderer.height, renderer.dpi):
            from matplotlib.backends.backend_agg import RendererAgg

            scratch = self._scratch = RendererAgg(renderer.width, renderer.height, renderer.dpi)
            _TextCache.install(scratch)
        scratch.clear()
        return scratch

    def _draw_image(self, image: AxesImage, renderer) -> None:
        """Draw a dynamic image, from a cached layer when it did not change in this render.

        An image is dynamic when some control changes it, but a move of another
        control leaves it as it was; resampling it again would cost more than
        compositing the pixels it drew last time (drawn alone, once, on a
        transparent scratch canvas).
        """
        ax = image.axes
        geometry = (renderer.width, renderer.height, renderer.dpi, None if ax is None else self._axes_now(ax))
        if id(image) in self._changed_now:
            self._images.pop(id(image), None)
            image.draw(renderer)
            return
        cached = self._images.get(id(image))
        if cached is None or cached[0] != geometry:
            scratch = self._scratch_like(renderer)
            image.draw(scratch)
            cached = self._images[id(image)] = (geometry, _crop_layer(scratch))
        if cached[1] is not None:
            gc = renderer.new_gc()
            renderer.draw_image(gc, *cached[1])
            gc.restore()

    def render(self) -> np.ndarray:
        """Draw the figure's current state; return the canvas pixels.

        Returns
        -------
        array of uint8, shape (height, width, 4)
            A view of the canvas buffer (RGBA, rows top to bottom), valid
            until the next render.
        """
        fig = self.fig
        if fig.dpi != self.dpi:
            fig.set_dpi(self.dpi)
        _TextCache.install(self.canvas.get_renderer())
        leaves = self._leaves()
        if not self._rendered or not self.layered:
            self._full()
            self._rendered = True
            self.last_mode = "full"
        else:
            changed = self._changed(leaves) | self._pending
            self._changed_now = changed
            self._permanent |= self._pending
            self._pending = set()
            current = {id(leaf): leaf for leaf, _ in leaves}
            self._inherit(leaves, changed)
            dynamic, redraw_static = self._classify(changed, set(current))
            self._dynamic = {i: current[i] for i in dynamic}
            segs = self._segments(leaves, self._dynamic)
            key = (self.canvas.get_width_height(physical=True), fig.dpi)
            drawn_elsewhere, self._drawn_elsewhere = self._drawn_elsewhere, False
            if (drawn_elsewhere or redraw_static or self._runs is None or key != self._key
                    or self._static_runs(segs) != self._runs):
                self._rebuild(leaves, segs)
                self.last_mode = "rebuild"
            else:
                self._compose(segs)
                self.last_mode = "layered"
        if self.layered:
            self._settle(leaves)
        return np.asarray(self.canvas.buffer_rgba())

    def _inherit(self, leaves, changed: set[int]) -> None:
        """A new artist that replaces a dynamic or observed one (same type, same Axes;
        a colorbar redraws its colour patch as a new artist, say) takes over its status."""
        present = {id(leaf) for leaf, _ in leaves}
        gone: dict[tuple, list[tuple[int, bool]]] = {}
        for i in (set(self._dynamic) | self._permanent) - present:
            kind = self._kinds.get(i)
            if kind is not None:
                gone.setdefault(kind, []).append((i, i in self._permanent))
            self._dynamic.pop(i, None)
            self._permanent.discard(i)
        if not gone:
            return
        for leaf, ax in leaves:
            i = id(leaf)
            candidates = gone.get((type(leaf), id(ax)))
            if not candidates or i in self._dynamic or i in self._permanent or i not in changed:
                continue
            _, permanent = candidates.pop()
            self._dynamic[i] = leaf
            if permanent:
                self._permanent.add(i)

    def _classify(self, changed: set[int], present: set[int]) -> tuple[set[int], bool]:
        """The dynamic leaves of this render, and whether a static leaf changed (layers to redraw)."""
        self._count += 1
        now = self._count
        dynamic = set(self._dynamic) & present
        static_changed = False
        for i in changed & present:
            if i in dynamic:
                continue
            if i in self._permanent or now - self._strikes.get(i, -10) <= 2:
                dynamic.add(i)  # changes again and again: draw it on every render
                self._quiet[i] = 0
            else:
                static_changed = True  # changed once: into the new layers
            self._strikes[i] = now
        for i in list(dynamic):
            if i in self._permanent:
                continue
            if i in changed:
                self._quiet[i] = 0
                continue
            self._quiet[i] = self._quiet.get(i, 0) + 1
            if self._quiet[i] >= self.SETTLE * 2 ** self._demoted.get(i, 0):
                dynamic.discard(i)  # quiet for a while: back into the layers
                self._demoted[i] = self._demoted.get(i, 0) + 1
                del self._quiet[i]
        return dynamic, static_changed

    def observe(self) -> None:
        """Note which leaves changed since the last render or observation, without drawing.

        The next render treats them as changed. A panel calls this after trying
        its controls once, so the first real move already finds its layers.
        """
        if not self._rendered or not self.layered:
            return
        leaves = self._leaves()
        self._pending |= self._changed(leaves)
        self._settle(leaves)

    @property
    def dynamic(self) -> list:
        """The leaves redrawn on every render, in drawing order."""
        return [leaf for leaf, _ in self._leaves() if id(leaf) in self._dynamic]


# ------------------------------------------------------------------ the panel


def _canonical(value):
    """A float to 12 significant digits (what a slider shows; a browser may send 0.6100000000000001 for 0.61); anything else as is."""
    return float(f"{value:.12g}") if isinstance(value, float) else value


class LivePanel(widgets.VBox):
    """Controls plus a live figure and a live line of numbers.

    Parameters
    ----------
    controls : dict of str to ipywidgets.ValueWidget
        Keyword name -> control; each control's ``value`` is passed to
        ``update`` under that name.
    update : callable ``update(fig, **values) -> str``
        Redraws ``fig`` for the given values and returns the text to show
        (plain text; lines separated by newlines). It receives float values
        to 12 significant digits (a browser may send 0.6100000000000001 for
        the 0.61 a slider shows; ``update`` gets 0.61 either way). It must
        depend on the values only (no shared random stream, no state kept
        between calls that changes what a view shows): views are kept by
        their values.
        On construction it is called to lay the figure out, then with every
        slider one step away each way (to learn which artists a move
        changes), then for the first view.
    fig : matplotlib.figure.Figure
        Created once by the caller, reused on every update.
    dpi : int
        Resolution of the live PNG.
    layered : bool, default True
        Redraw only the artists an update changes (:class:`LayeredRenderer`);
        False draws the whole figure on every update.
    look_ahead : bool, default True
        Draw views before the reader asks for them, so an arrow-key step
        costs only sending a view already drawn:

        * on construction (layered panels), the view one step away each way
          of every slider;
        * after a slider's value changes through the widget (a reader's
          move, or ``control.value = ...`` in a cell) while an event loop
          runs (a Jupyter kernel), ``LOOK_AHEAD_DELAY`` seconds later unless
          a newer move came meanwhile, the view as far beyond the new value
          as the move went (the next arrow step, or the same stride of a
          drag). Never from :meth:`set`, never after other controls.

        Views shown or drawn ahead are kept (numbers and PNG, at most
        ``VIEWS``) by the values ``update`` received. A move to a kept view sends it without calling ``update``. A
        look-ahead runs on the kernel's main thread between messages, while
        the kernel reports idle; a move arriving meanwhile waits for it (an
        update's computation, render and encoding at most), and it cannot be
        interrupted. An exception
        in it is logged (logger ``mi_helpers.widgets``, level DEBUG) and the
        view is not kept, so the update reports it when the reader gets
        there; warnings it raises go wherever the kernel sends output at
        that moment.

    Attributes
    ----------
    name : str
        The factory the panel was made by (from ``update``'s qualified name,
        e.g. ``relation_panel``); also the CSS class ``mi-panel--<name>``.
    fig : Figure
        The figure, brought to the state of the view shown on each access
        (``update`` is called again when a look-ahead or a kept view left it
        in another state). A reference kept across moves is not brought
        back; after changing the figure or the data behind ``update`` from
        outside, call :meth:`refresh`, or kept views show the old look.
    text : str
        The numbers of the current view.
    png : bytes
        The current figure as a PNG file (what the live image shows).
    last_update_seconds : float
        Time of the last update: computation, render, PNG encoding, sending.
    last_timings : dict
        The same split into ``compute``, ``render``, ``encode``, ``send`` and
        ``total`` (seconds), the ``mode`` (the renderer's ``"full"``,
        ``"rebuild"`` or ``"layered"``, or ``"cached"`` for a kept view) and
        the ``end`` time (:func:`time.perf_counter`).
    timings : collections.deque
        ``last_timings`` of the latest updates (at most 200).
    ahead_timings : collections.deque
        Seconds of each look-ahead that drew a view (at most 200): the
        kernel is busy for that long after a move, and a move arriving then
        waits.
    """

    #: Seconds after a reader's move before the view one move further is drawn; a newer
    #: move (already queued) cancels it.
    LOOK_AHEAD_DELAY = 0.03
    #: Views (numbers and PNG, 10-95 kB for the course's panels) kept by their control values.
    VIEWS = 32

    def __init__(self, controls: dict, update: Callable[..., str], fig: Figure, *, dpi: int = 80, layered: bool = True,
                 look_ahead: bool = True):
        self.controls = dict(controls)
        self._update_fn = update
        self.look_ahead = bool(look_ahead)
        self._generation = 0
        self._views: collections.OrderedDict = collections.OrderedDict()  # view key -> (text, png)
        self._fig_values: dict | None = None  # the values the figure's artists were last updated for
        self.ahead_timings: collections.deque = collections.deque(maxlen=200)
        self._fig = fig
        self.dpi = dpi
        self.name = getattr(update, "__qualname__", "panel").split(".")[0].strip("<>") or "panel"
        self.renderer = LayeredRenderer(fig, dpi=dpi, layered=layered)
        self.text = ""
        self.last_update_seconds = 0.0
        self.last_timings: dict = {}
        self.timings: collections.deque = collections.deque(maxlen=200)
        # Natural size, narrowed to fit: a column box would otherwise stretch the image to its width.
        self._image = widgets.Image(format="url", layout=widgets.Layout(width="auto", max_width="100%", align_self="flex-start"))
        self._label = widgets.HTML()
        box = widgets.Box(
            list(self.controls.values()),
            layout=widgets.Layout(display="flex", flex_flow="row wrap", align_items="center"),
        )
        super().__init__([box, self._label, self._image])
        # Stable hooks for the browser test, the latency benchmark and styling.
        self.add_class("mi-live-panel")
        self.add_class(f"mi-panel--{self.name}")
        self._label.add_class("mi-live-text")
        self._image.add_class("mi-live-figure")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        trials = self._trial_values()
        if layered:
            # Lay the figure out once, then try every slider one step away each way, so the
            # layers are built knowing what a move changes (the refresh below builds them).
            self._update_fn(self._fig, **self._canonical_values(self.values))
            self.renderer.render()
            for name, value in trials:
                self._update_fn(self._fig, **self._canonical_values({**self.values, name: value}))
                self.renderer.observe()
        self.refresh()
        if layered and self.look_ahead:
            # The first move of any slider, either way, finds its view drawn.
            start = self._generation
            for name, value in trials:
                self._draw_ahead({**self.values, name: value}, start)

    @property
    def fig(self) -> Figure:
        """The figure, in the state of the view shown."""
        values = self.values
        key = self._view_key(values)
        if self._fig_values is None or (self._view_key(self._fig_values) != key if key is not None else self._fig_values != values):
            self._fig_values = None
            self._update_fn(self._fig, **self._canonical_values(values))
            self._fig_values = values
        return self._fig

    @property
    def values(self) -> dict:
        """Current control values by keyword name."""
        return {name: c.value for name, c in self.controls.items()}

    @staticmethod
    def _canonical_values(values: dict) -> dict:
        """The values as ``update`` receives them: floats to 12 significant digits."""
        return {name: _canonical(v) for name, v in values.items()}

    def _view_key(self, values: dict) -> tuple | None:
        """The cache key of a view: its control values in order, floats to 12 significant digits; None if unhashable."""
        key = tuple(_canonical(values.get(n)) for n in self.controls)
        try:
            hash(key)
        except TypeError:
            return None
        return key

    def _trial_values(self) -> list[tuple[str, object]]:
        """(control name, a value one step away) for every slider of the panel, both ways where it can move."""
        out = []
        for name, c in self.controls.items():
            for direction in (1, -1):
                v = self._step_from(c, c.value, direction)
                if v is not None:
                    out.append((name, v))
        return out

    @staticmethod
    def _position(c, value):
        """Where ``value`` lies on slider ``c``, in steps (an option's index for a SelectionSlider); None if off it."""
        if isinstance(c, widgets.SelectionSlider):
            try:
                return list(c._options_values).index(value)  # the values, however the options were given
            except ValueError:
                return None
        step = getattr(c, "step", None)
        if not step:
            return None  # no step (None or 0): no neighbour to name
        try:
            if isinstance(c, widgets.FloatLogSlider):  # min, max and step are exponents, on a grid from min
                return round((math.log10(value) / math.log10(c.base) - c.min) / step)
            if isinstance(c, (widgets.IntSlider, widgets.FloatSlider)):
                return round((value - c.min) / step)
        except (TypeError, ValueError):
            return None
        return None

    @staticmethod
    def _at_position(c, k: int):
        """The value of slider ``c`` at position ``k`` (see :meth:`_position`); None past an end."""
        if isinstance(c, widgets.SelectionSlider):
            options = list(c._options_values)
            return options[k] if 0 <= k < len(options) else None
        if isinstance(c, widgets.FloatLogSlider):
            e = c.min + k * c.step
            return float(c.base**e) if c.min - 1e-9 <= e <= c.max + 1e-9 else None
        if isinstance(c, widgets.IntSlider):
            v = int(c.min + k * c.step)
            return v if c.min <= v <= c.max else None
        v = _canonical(c.min + k * c.step)
        return v if c.min - 1e-12 <= v <= c.max + 1e-12 else None

    @classmethod
    def _step_from(cls, c, value, direction: int):
        """The value of slider ``c`` one step from ``value`` in ``direction`` (+1 or -1); None past an end or for a non-slider."""
        k = cls._position(c, value)
        return None if k is None else cls._at_position(c, k + direction)

    def _next_step(self, name: str, old, new):
        """The value as far beyond ``new`` as ``new`` is beyond ``old`` on control ``name``.

        One more arrow step, or the same stride again for a drag. None when the
        control is not a slider, did not move, or the value would be past an end.
        """
        c = self.controls[name]
        k_old, k_new = self._position(c, old), self._position(c, new)
        if k_old is None or k_new is None or k_old == k_new:
            return None
        return self._at_position(c, 2 * k_new - k_old)

    def _on_change(self, change) -> None:
        self._show()
        if not self.look_ahead:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (a script, a test): nothing to overlap with
            return
        name = next((k for k, c in self.controls.items() if c is change.get("owner")), None)
        if name is None:
            return
        value = self._next_step(name, change.get("old"), change.get("new"))
        if value is not None:
            loop.call_later(self.LOOK_AHEAD_DELAY, self._draw_ahead, {**self.values, name: value}, self._generation)

    def _keep(self, key, text: str, png: bytes) -> None:
        self._views[key] = (text, png)
        self._views.move_to_end(key)
        while len(self._views) > self.VIEWS:
            self._views.popitem(last=False)

    def _draw_ahead(self, values: dict, generation: int | None = None) -> bool:
        """Draw and keep the view of ``values`` without showing it.

        Parameters
        ----------
        values : dict
            Control name -> value, every control of the panel.
        generation : int, optional
            The update count when the look-ahead was scheduled; if the panel
            was updated since (a newer move), nothing is drawn.

        Returns
        -------
        bool
            True when a view was drawn and kept; False when the panel moved
            since ``generation``, the view is already kept (or its values
            cannot be a key), or ``update`` raised (logged at DEBUG level).
            The view shown is not changed.
        """
        if generation is not None and generation != self._generation:
            return False
        key = self._view_key(values)
        if key is None or key in self._views:
            return False
        t0 = time.perf_counter()
        self._fig_values = None
        try:
            text = self._update_fn(self._fig, **self._canonical_values(values))
            png = encode_png(self.renderer.render())
        except Exception:  # drawing ahead only saves time; the update itself reports any error
            logging.getLogger("mi_helpers.widgets").debug("look-ahead of %s failed", values, exc_info=True)
            return False
        self._fig_values = dict(values)
        self._keep(key, text, png)
        self.ahead_timings.append(time.perf_counter() - t0)
        return True

    def _show(self, *, cached: bool = True) -> str:
        """Show the view of the current control values, from the kept views when ``cached``; return the text."""
        self._generation += 1
        t0 = time.perf_counter()
        values = self.values
        key = self._view_key(values)
        view = self._views.get(key) if cached and key is not None else None
        if view is not None:
            self._views.move_to_end(key)
            text, png = view
            t1 = t2 = t3 = time.perf_counter()
            mode = "cached"
        else:
            self._fig_values = None
            text = self._update_fn(self._fig, **self._canonical_values(values))
            self._fig_values = values
            t1 = time.perf_counter()
            pixels = self.renderer.render()
            t2 = time.perf_counter()
            png = encode_png(pixels)
            t3 = time.perf_counter()
            mode = self.renderer.last_mode
            if key is not None:
                self._keep(key, text, png)
        self.text = text
        self.png = png
        self._image.value = b"data:image/png;base64," + base64.b64encode(png)
        self._label.value = "<pre style='margin:0.2em 0'>" + html.escape(text) + "</pre>"
        t4 = time.perf_counter()
        self.last_timings = {
            "compute": t1 - t0, "render": t2 - t1, "encode": t3 - t2, "send": t4 - t3, "total": t4 - t0,
            "mode": mode, "end": t4,
        }
        self.timings.append(self.last_timings)
        self.last_update_seconds = t4 - t0
        return text

    def refresh(self) -> str:
        """Recompute and redraw for the current control values; return the text.

        Forgets the kept views first, so a change made to the figure or to
        the data behind ``update`` from outside shows from here on.
        """
        self._views.clear()
        return self._show(cached=False)

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
        return self._show()

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
        figure = np.asarray(PIL.Image.open(io.BytesIO(self.png)).convert("RGBA"))
        lines = self.text.splitlines() or [""]
        band = Figure(figsize=(figure.shape[1] / self.dpi, 0.08 + 0.2 * len(lines)))
        band.text(0.01, 0.5, self.text, family="monospace", fontsize=8, va="center", ha="left")
        FigureCanvasAgg(band)
        raw = io.BytesIO()
        band.savefig(raw, format="png", dpi=self.dpi, bbox_inches="tight", pad_inches=0.04)  # as wide as the text
        header = np.asarray(PIL.Image.open(raw).convert("RGBA"))
        w = max(header.shape[1], figure.shape[1])
        out = np.full((header.shape[0] + figure.shape[0], w, 4), 255, dtype=np.uint8)
        out[: header.shape[0], : header.shape[1]] = header
        out[header.shape[0]:, : figure.shape[1]] = figure
        return encode_png(out)
