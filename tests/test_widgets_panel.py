"""LivePanel's machinery: the PNG encoder, the layered renderer, the panel itself.

The layered renderer is checked against matplotlib's own full render of the
same figure state (the independent reference): the pictures must agree to
within two levels of 255 per channel, for every panel of the course too.
"""

from __future__ import annotations

import importlib
import io
import logging
import math
import pickle
import pkgutil

import ipywidgets as widgets
import numpy as np
import PIL.Image
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import mi_helpers.widgets as panels_pkg
from mi_helpers.widgets import LayeredRenderer, LivePanel, encode_png, figure_png


def decode(png: bytes) -> np.ndarray:
    return np.asarray(PIL.Image.open(io.BytesIO(png)).convert("RGBA")).astype(int)


def full_render(fig) -> np.ndarray:
    """matplotlib's own render of the figure's current state (the reference), made
    on a copy so the renderer under test does not see an outside draw."""
    copy = pickle.loads(pickle.dumps(fig))
    copy.set_dpi(fig.dpi)  # a pickled figure comes back at the dpi it was made with
    FigureCanvasAgg(copy).draw()
    return np.asarray(copy.canvas.buffer_rgba()).astype(int)


def assert_same_picture(layered, fig):
    reference = full_render(fig)
    got = np.asarray(layered).astype(int)
    assert got.shape == reference.shape
    diff = np.abs(got - reference)
    # Compositing a pre-drawn layer instead of drawing onto the picture rounds once more: Agg's
    # integer blending of an antialiased static edge (alpha 232, say) over a dynamic artist's
    # colour differs from drawing that edge directly by up to two levels.
    assert diff.max() <= 2, f"max difference {diff.max()} at {np.argwhere(diff == diff.max())[:3].tolist()}"


# ------------------------------------------------------------------ encode_png


@pytest.mark.parametrize("deflate", ["isal", "zlib"])
@pytest.mark.parametrize("opaque", [True, False])
def test_encode_png_round_trips_through_pillow(opaque, deflate, monkeypatch):
    import mi_helpers.widgets._panel as panel_module

    calls = []
    if deflate == "isal":
        import isal  # noqa: F401  (pinned in requirements.txt: the course's environment has it)

        real = panel_module._fast_zlib
        assert real is not None

        class Spy:
            @staticmethod
            def compress(data, level):
                calls.append(level)
                return real.compress(data, level)

        monkeypatch.setattr(panel_module, "_fast_zlib", Spy)
    else:
        monkeypatch.setattr(panel_module, "_fast_zlib", None)
    rng = np.random.default_rng(0)
    img = rng.integers(0, 256, size=(37, 53, 4), dtype=np.uint8)
    img[5:20, 10:40] = (255, 255, 255, 255)  # a flat area, as in plots
    if opaque:
        img[..., 3] = 255
    decoded = PIL.Image.open(io.BytesIO(encode_png(img)))
    assert decoded.mode == ("RGB" if opaque else "RGBA")
    np.testing.assert_array_equal(np.asarray(decoded.convert("RGBA")), img)
    assert calls == ([1] if deflate == "isal" else [])
    encode_png(img, level=6)  # other levels are zlib's
    assert calls == ([1] if deflate == "isal" else [])


def test_encode_png_checks_its_input():
    with pytest.raises(TypeError, match="uint8"):
        encode_png(np.zeros((4, 4, 4), dtype=float))
    with pytest.raises(ValueError, match="shape"):
        encode_png(np.zeros((4, 4, 3), dtype=np.uint8))
    with pytest.raises(ValueError, match="shape"):
        encode_png(np.zeros((0, 4, 4), dtype=np.uint8))
    with pytest.raises(ValueError, match="level"):
        encode_png(np.zeros((4, 4, 4), dtype=np.uint8), level=12)


def test_figure_png_is_the_full_render():
    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    ax.plot([0, 1], [1, 0])
    png = figure_png(fig, 80)
    assert decode(png).shape == (160, 240, 4)
    np.testing.assert_array_equal(decode(png), full_render(fig))


# ------------------------------------------------------------- LayeredRenderer


def scene(layout=None):
    """Two axes: a moving line under a legend, bars, a title, an image and a text."""
    fig = Figure(figsize=(6, 2.6), layout=layout)
    FigureCanvasAgg(fig)
    ax, ax2 = fig.subplots(1, 2)
    (line,) = ax.plot([0, 1, 2], [0, 1, 0], lw=6, label="a thick line", zorder=2)
    ax.plot([0, 2], [0.5, 0.5], color="k", lw=3, zorder=5)  # static, drawn above the moving line
    ax.legend(loc="upper right", framealpha=1.0)  # static, above the line
    ax.set_xlim(0, 2)
    ax.set_ylim(0, 1.2)
    bars = ax2.bar([0, 1, 2], [1, 2, 3], color="tab:orange")
    img = ax2.imshow(np.arange(12.0).reshape(3, 4), extent=(-0.5, 2.5, 0, 1), aspect="auto", zorder=0)
    note = ax2.text(0.5, 0.9, "", transform=ax2.transAxes, ha="center")
    return fig, ax, ax2, line, bars, img, note


def test_layered_renders_equal_full_renders_through_many_kinds_of_change():
    fig, ax, ax2, line, bars, img, note = scene()
    r = LayeredRenderer(fig, dpi=80)
    r.render()
    assert r.last_mode == "full"

    line.set_ydata([1, 0, 1])  # a data artist under static ones (legend, black line)
    out = r.render()
    assert r.last_mode == "rebuild"  # changed once: drawn again into new layers
    assert_same_picture(out, fig)
    assert r.dynamic == []

    line.set_ydata([0.2, 1.1, 0.3])  # changed again: dynamic from now on
    out = r.render()
    assert r.last_mode == "rebuild"
    assert_same_picture(out, fig)
    assert [type(a).__name__ for a in r.dynamic] == ["Line2D"]

    line.set_ydata([0.3, 1.0, 0.2])  # the same artist again: no new layers
    out = r.render()
    assert r.last_mode == "layered"
    assert_same_picture(out, fig)

    ax.set_xlim(0, 2)  # limits set to what they were: nothing to redraw beyond the line
    line.set_ydata([0.5, 0.6, 0.7])
    r.render()
    assert r.last_mode == "layered"

    ax.set_title("a new title")  # a static artist changes: layers rebuilt, the title stays in them
    out = r.render()
    assert r.last_mode == "rebuild"
    assert_same_picture(out, fig)
    line.set_ydata([0.4, 0.6, 0.7])
    assert_same_picture(r.render(), fig)
    assert r.last_mode == "layered"
    for i, title in enumerate(("another title", "a third title", "a fourth title")):
        # Two changes in three renders: the title becomes dynamic (the line keeps moving).
        ax.set_title(title)
        line.set_ydata([0.4, 0.5 + 0.1 * i, 0.7])
        assert_same_picture(r.render(), fig)
    assert r.last_mode == "layered"
    assert ax.title in r.dynamic and line in r.dynamic  # (set_title also touches the empty side titles)

    ax2.set_ylim(0, 5)  # new data limits: ticks and data of that Axes are drawn again
    out = r.render()
    assert_same_picture(out, fig)
    ax2.set_ylim(0, 4)
    bars[0].set_height(3.5)
    img.set_data(np.arange(12.0)[::-1].reshape(3, 4))
    note.set_text("moved")
    assert_same_picture(r.render(), fig)
    assert any(type(a).__name__ == "YAxis" and a.axes is ax2 for a in r.dynamic)

    extra = ax2.axhline(2.5, color="red", lw=4, zorder=10)  # added on top
    assert_same_picture(r.render(), fig)
    extra.remove()
    assert_same_picture(r.render(), fig)

    static_line = ax.get_lines()[1]
    static_line.remove()  # a static artist goes away: the layers must forget it
    out = r.render()
    assert r.last_mode == "rebuild"
    assert_same_picture(out, fig)


def test_a_leaf_that_stops_changing_goes_back_into_the_layers():
    fig, ax, ax2, line, bars, img, note = scene()
    r = LayeredRenderer(fig, dpi=80)
    r.render()
    for top in (5, 4):  # a drop-down choice, say, changes the limits twice in a row
        ax2.set_ylim(0, top)
        r.render()
    yaxis = ax2.yaxis
    assert yaxis in r.dynamic
    modes = []
    for y in range(LayeredRenderer.SETTLE + 2):  # then only the line moves
        line.set_ydata([0, 0.1 * y, 0])
        modes.append(r.render() is not None and r.last_mode)
        assert_same_picture(r.render(), fig)
    assert yaxis not in r.dynamic
    assert "rebuild" in modes and modes[-1] == "layered"
    # Back again: dynamic at its second change in a row, and it waits twice as long before it settles.
    ax2.set_ylim(0, 3)
    r.render()
    ax2.set_ylim(0, 2)
    r.render()
    assert yaxis in r.dynamic
    for y in range(LayeredRenderer.SETTLE + 1):
        line.set_ydata([0, 0.1 * y, 0])
        r.render()
    assert yaxis in r.dynamic
    assert_same_picture(r.render(), fig)


def test_observed_changes_stay_dynamic():
    fig, ax, ax2, line, *_ = scene()
    r = LayeredRenderer(fig, dpi=80)
    r.render()
    line.set_ydata([1, 0, 1])
    r.observe()  # as a panel trying its sliders
    r.render()
    assert [type(a).__name__ for a in r.dynamic] == ["Line2D"]
    for _ in range(3 * LayeredRenderer.SETTLE):
        r.render()
        assert r.last_mode == "layered" and [type(a).__name__ for a in r.dynamic] == ["Line2D"]


def test_an_axis_redrawn_on_every_move_is_composited_from_its_earlier_looks():
    fig, ax, ax2, line, *_ = scene()
    r = LayeredRenderer(fig, dpi=80)
    r.render()
    ax.set_xlim(0, 3)
    r.observe()  # as a panel trying its sliders: the x axis is now dynamic
    modes = []
    for right in (2, 3, 2, 3, 5):
        ax.set_xlim(0, right)
        line.set_ydata([right % 2, 1, 0])
        assert_same_picture(r.render(), fig)
        modes.append(r.last_mode)
    assert modes[1:] == ["layered"] * 4  # the first render builds the layers for the new dynamic set
    assert "XAxis" in [type(a).__name__ for a in r.dynamic]
    xaxis = ax.xaxis
    looks = [key for key in r._axis_looks if key[0] == id(xaxis)]
    assert len(looks) == 3  # limits (0, 2), (0, 3), (0, 5): each drawn once, then reused


def test_a_dynamic_image_that_did_not_change_is_composited_from_its_last_look():
    fig = Figure(figsize=(4, 2.4))
    ax = fig.add_subplot()
    image = ax.imshow(np.arange(12.0).reshape(3, 4), cmap="viridis", interpolation="nearest")
    (line,) = ax.plot([0, 3], [0, 2], color="white")
    r = LayeredRenderer(fig, dpi=80)
    r.render()
    image.set_data(np.arange(12.0)[::-1].reshape(3, 4))
    line.set_ydata([2, 0])
    r.observe()  # both dynamic from now on
    for step in range(6):
        line.set_ydata([step % 3, 2 - step % 3])  # the line moves on every render...
        if step == 3:
            image.set_data(np.ones((3, 4)) * step)  # ...the image changes once
        assert_same_picture(r.render(), fig)
        assert {type(a).__name__ for a in r.dynamic} == {"AxesImage", "Line2D"}
        # Drawn directly when it changed (the render after observe counts as a change), composited otherwise.
        assert (id(image) in r._images) == (step not in (0, 3))


def test_cached_text_draws_the_same_pixels_as_matplotlib():
    from matplotlib.backends.backend_agg import RendererAgg

    from mi_helpers.widgets._panel import _TextCache

    fig = Figure(figsize=(3, 1.2))
    texts = [fig.text(0.05, 0.6, "", fontsize=11), fig.text(0.55, 0.2, "", fontsize=7, color="tab:red", ha="center")]
    canvas = FigureCanvasAgg(fig)
    for strings in (["0.137", "H = 0.982"], ["0.731", "H = 0.982"], ["0.137", "0.137"]):
        for t, string in zip(texts, strings):
            t.set_text(string)
        canvas.draw()
        plain = np.asarray(canvas.buffer_rgba()).copy()
        renderer = canvas.get_renderer()
        assert isinstance(renderer, RendererAgg)
        _TextCache.install(renderer)
        canvas.draw()
        np.testing.assert_array_equal(np.asarray(canvas.buffer_rgba()), plain)
    cache = canvas.get_renderer()._mi_text_cache
    assert cache and cache.glyphs and cache.layouts  # the cached path was taken


def test_a_draw_from_outside_is_noticed():
    fig, ax, ax2, line, bars, *_ = scene()
    r = LayeredRenderer(fig, dpi=80)
    r.render()
    line.set_ydata([1, 0, 1])
    r.render()
    ax.set_title("changed before someone else draws")  # a static artist...
    fig.savefig(io.BytesIO(), format="png", dpi=50)  # ...drawn (and marked clean) by savefig
    out = r.render()
    assert r.last_mode == "rebuild"
    assert out.shape == (208, 480, 4)  # the panel's dpi, not savefig's
    assert_same_picture(out, fig)
    assert "Text" not in [type(a).__name__ for a in r.dynamic]  # savefig's moves of the title are not changes
    bars[1].set_height(0.5)
    assert_same_picture(r.render(), fig)


def test_constrained_layout_is_kept_from_the_first_render():
    fig, ax, *_ = scene(layout="constrained")
    r = LayeredRenderer(fig, dpi=80)
    r.render()
    position = ax.get_position().bounds
    assert fig.get_layout_engine() is None or type(fig.get_layout_engine()).__name__ == "PlaceHolderLayoutEngine"
    ax.set_title("a title that would make a layout engine move the axes down")
    assert_same_picture(r.render(), fig)
    assert ax.get_position().bounds == position


def test_not_layered_draws_everything_every_time():
    fig, ax, ax2, line, *_ = scene()
    r = LayeredRenderer(fig, dpi=80, layered=False)
    for y in ([0, 1, 0], [1, 0, 1]):
        line.set_ydata(y)
        out = r.render()
        assert r.last_mode == "full"
        assert_same_picture(out, fig)


def test_renderer_needs_a_figure():
    with pytest.raises(TypeError, match="Figure"):
        LayeredRenderer("not a figure")


# ------------------------------------------------------------------- LivePanel


def toy_panel(**kwargs):
    fig = Figure(figsize=(4, 3), layout="constrained")
    ax = fig.add_subplot()
    (line,) = ax.plot([], [])
    ax.legend([line], ["y = a x^2"], loc="upper left")

    def update(fig, a, shift):
        x = np.linspace(-1, 1, 50)
        line.set_data(x, a * x**2 + shift)
        ax.set_ylim(min(0.0, shift) - 0.1, max(a + shift, shift) + 0.1)  # follows the data
        ax.set_title(f"a = {a:.1f}", fontsize=10)
        return f"a = {a:.1f}, shift = {shift:.1f}, y(1) = {a + shift:.2f}"

    controls = {
        "a": widgets.FloatSlider(value=1.0, min=0.0, max=3.0, step=0.1),
        "shift": widgets.SelectionSlider(options=[-1.0, 0.0, 1.0], value=0.0),
    }
    return LivePanel(controls, update, fig, **kwargs)


def test_panel_learns_what_a_move_changes_before_the_first_move():
    panel = toy_panel(look_ahead=False)
    assert panel.text == "a = 1.0, shift = 0.0, y(1) = 1.00"
    assert panel.name == "toy_panel"
    assert "mi-panel--toy_panel" in panel._dom_classes
    assert panel.last_timings["mode"] == "rebuild"  # the layers were built on construction
    for a in (1.1, 1.2, 1.3):
        panel.controls["a"].value = a  # as a reader moves the slider
        assert panel.last_timings["mode"] == "layered"
        assert_same_picture(decode(panel.png), panel.fig)
    assert panel.set(shift=1.0) == "a = 1.3, shift = 1.0, y(1) = 2.30"
    assert panel.last_timings["mode"] == "layered"
    assert set(panel.last_timings) == {"compute", "render", "encode", "send", "total", "mode", "end"}
    assert panel.last_update_seconds == pytest.approx(panel.last_timings["total"])
    assert len(panel.timings) == 5
    assert len(panel._views) == 5 and len(panel.ahead_timings) == 0  # views shown are kept; none drawn ahead


def test_panel_without_layers_shows_the_same():
    layered, plain = toy_panel(), toy_panel(layered=False)
    for panel in (layered, plain):
        panel.set(a=2.0, shift=-1.0)
    assert plain.last_timings["mode"] == "full"
    assert layered.text == plain.text
    assert np.abs(decode(layered.png) - decode(plain.png)).max() <= 1


def test_figure_travels_as_a_png_data_url():
    """The live image is a ``data:`` URL of exactly ``panel.png`` (a blob URL would
    paint one frame after the numbers); it follows every move."""
    import base64

    panel = toy_panel()
    prefix = b"data:image/png;base64,"
    for a in (None, 2.0):
        if a is not None:
            panel.set(a=a)
        assert panel._image.format == "url"
        url = bytes(panel._image.value)
        assert url.startswith(prefix)
        assert base64.b64decode(url[len(prefix):], validate=True) == panel.png
        assert panel.png.startswith(b"\x89PNG\r\n\x1a\n")
        assert_same_picture(decode(panel.png), panel.fig)


def test_static_fallback_is_the_numbers_over_the_figure():
    panel = toy_panel()
    bundle, _ = panel._repr_mimebundle_()
    assert bundle["text/plain"] == panel.text
    import base64

    static = decode(base64.b64decode(bundle["image/png"]))
    figure = decode(panel.png)
    assert static.shape[0] > figure.shape[0] and static.shape[1] >= figure.shape[1]
    np.testing.assert_array_equal(static[-figure.shape[0]:, : figure.shape[1]], figure)
    band = static[: static.shape[0] - figure.shape[0]]
    assert (band[..., :3] < 128).any(), "the numbers are not drawn above the figure"


def _registered_panels():
    found = []
    for info in pkgutil.iter_modules(panels_pkg.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{panels_pkg.__name__}.{info.name}")
        for name, (factory, _worst) in getattr(module, "PANELS", {}).items():
            found.append(pytest.param(factory, id=f"{info.name}.{name}"))
    return found


@pytest.mark.parametrize("factory", _registered_panels())
def test_every_course_panel_moves_its_first_slider_on_layers_and_draws_the_same(factory):
    panel = factory()
    trials = dict(panel._trial_values())
    assert trials, "a panel without a slider"
    name = next(iter(trials))
    original = panel.controls[name].value
    for value in (trials[name], original, trials[name]):
        panel._views.clear()  # drawn now, not sent from a view drawn ahead
        panel.set(**{name: value})
        assert panel.last_timings["mode"] == "layered", f"moving {name} rebuilt the layers"
    assert_same_picture(decode(panel.png), panel.fig)


# ------------------------------------------------------------------ look-ahead


def _slider_panel(update=None, **kwargs):
    fig = Figure(figsize=(2, 2))
    fig.add_subplot()
    controls = {
        "k": widgets.IntSlider(value=5, min=0, max=10, step=1),
        "r": widgets.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.05),
        "s": widgets.SelectionSlider(options=[1, 2, 4, 8], value=2),
        "g": widgets.FloatLogSlider(value=100.0, base=10, min=0, max=3, step=1),
    }
    return LivePanel(controls, update or (lambda fig, k, r, s, g: f"{k} {r} {s} {g}"), fig, **kwargs)


def test_next_step_continues_the_move_and_stops_at_the_ends():
    panel = _slider_panel()
    step = panel._next_step
    assert step("k", 5, 6) == 7 and step("k", 6, 5) == 4 and isinstance(step("k", 5, 6), int)
    assert step("k", 9, 10) is None and step("k", 1, 0) is None and step("k", 5, 5) is None
    assert step("r", 0.5, 0.55) == pytest.approx(0.6) and step("r", 0.55, 0.5) == pytest.approx(0.45)
    assert step("r", 0.95, 1.0) is None
    assert step("r", 0.45, 0.5000000000000001) == pytest.approx(0.55)  # a browser's last-bit error
    assert step("s", 2, 4) == 8 and step("s", 4, 2) == 1 and step("s", 4, 8) is None
    assert step("g", 10.0, 100.0) == 1000.0 and step("g", 100.0, 10.0) == 1.0  # exact: on the exponent grid
    assert step("g", 100.0, 1000.0) is None


def test_next_step_repeats_a_drags_stride():
    panel = _slider_panel()
    step = panel._next_step
    assert step("k", 2, 5) == 8 and step("k", 5, 2) is None  # 2 -> 5 -> 8; 5 -> 2 -> -1 is past the end
    assert step("r", 0.5, 0.65) == pytest.approx(0.8) and step("r", 0.3, 0.6) == pytest.approx(0.9)
    assert step("s", 1, 2) == 4 and step("s", 1, 4) is None  # positions 0 -> 1 -> 2; 0 -> 2 -> 4 is past the end
    assert step("g", 1.0, 10.0) == 100.0 and step("g", 1.0, 100.0) is None


def test_next_step_on_other_slider_shapes():
    fig = Figure(figsize=(2, 2))
    controls = {
        "pairs": widgets.SelectionSlider(options=[("a", 1), ("b", 2), ("c", 3)], value=2),
        "lists": widgets.SelectionSlider(options=[["a", 10], ["b", 20], ["c", 30]], value=20),
        "named": widgets.SelectionSlider(options={"low": 0.1, "mid": 0.2, "high": 0.3}, value=0.2),
        "coarse": widgets.IntSlider(value=6, min=0, max=9, step=3),
        "log": widgets.FloatLogSlider(value=100.0, base=10, min=0, max=4, step=1),
        "free": widgets.FloatSlider(value=0.5, min=0.0, max=1.0, step=None),
        "menu": widgets.Dropdown(options=["x", "y"], value="x"),
    }
    panel = LivePanel(controls, lambda fig, **v: str(v), fig)
    step = panel._next_step
    assert step("pairs", 1, 2) == 3 and step("pairs", 3, 2) == 1 and step("pairs", 2, 3) is None
    assert step("lists", 10, 20) == 30
    assert step("named", 0.1, 0.2) == 0.3 and step("named", 0.3, 0.2) == 0.1
    assert step("coarse", 3, 6) == 9 and step("coarse", 0, 3) == 6 and step("coarse", 6, 9) is None
    assert step("log", 100.0, 1000.0) == 10000.0
    assert step("free", 0.4, 0.5) is None  # no step: no neighbour
    assert step("menu", "x", "y") is None
    assert ("free", None) not in panel._trial_values()
    assert {v for n, v in panel._trial_values() if n == "named"} == {0.1, 0.3}
    assert {v for n, v in panel._trial_values() if n == "pairs"} == {1, 3}


def _counting_panel(**kwargs):
    calls = []

    def update(fig, k, r, s, g):
        calls.append({"k": k, "r": r, "s": s, "g": g})
        return f"{k} {r:.2f} {s} {g:g}"

    return _slider_panel(update, **kwargs), calls


def test_construction_draws_every_slider_one_step_away_each_way():
    panel, calls = _counting_panel()
    assert len(panel.ahead_timings) == 8  # k, r, s and g, one step each way
    calls.clear()
    for name, value in panel._trial_values():
        text = panel.set(**{name: value})
        assert panel.last_timings["mode"] == "cached" and text == panel.text
        panel.set(**{name: {"k": 5, "r": 0.5, "s": 2, "g": 100.0}[name]})
    assert calls == []  # every one of those views, and the first, came from the kept views
    assert len(_counting_panel(look_ahead=False)[0].ahead_timings) == 0
    assert len(_slider_panel(layered=False).ahead_timings) == 0  # without layers a look-ahead is a full render


def test_look_ahead_follows_a_readers_move_inside_an_event_loop_only():
    import asyncio

    panel, calls = _counting_panel()
    calls.clear()
    panel.controls["k"].value = 7  # no event loop running: shown, nothing drawn ahead
    panel.set(k=8)  # set() never looks ahead
    assert calls == [{"k": 7, "r": 0.5, "s": 2, "g": 100.0}, {"k": 8, "r": 0.5, "s": 2, "g": 100.0}]
    drawn = len(panel.ahead_timings)

    async def reader():
        calls.clear()
        panel.controls["k"].value = 9  # a reader's step to the right...
        await asyncio.sleep(3 * LivePanel.LOOK_AHEAD_DELAY)
        assert calls == [{"k": 9, "r": 0.5, "s": 2, "g": 100.0}, {"k": 10, "r": 0.5, "s": 2, "g": 100.0}]  # ...draws the next
        assert panel.text == "9 0.50 2 100"  # the view shown did not change
        panel.controls["k"].value = 10  # the next step is sent as drawn
        assert panel.last_timings["mode"] == "cached" and panel.text == "10 0.50 2 100" and len(calls) == 2
        calls.clear()
        panel.controls["s"].value = 4  # two quick moves: only the newer one's next step is drawn
        panel.controls["s"].value = 8
        await asyncio.sleep(3 * LivePanel.LOOK_AHEAD_DELAY)
        assert [c["s"] for c in calls] == [4, 8]  # 8 is the last option: nothing beyond it
        panel.controls["r"].value = 0.45  # a step to the left
        await asyncio.sleep(3 * LivePanel.LOOK_AHEAD_DELAY)
        assert len(calls) == 4 and calls[3]["r"] == pytest.approx(0.4) and calls[3]["s"] == 8

    asyncio.run(reader())
    assert len(panel.ahead_timings) == drawn + 2


def test_a_stale_or_failing_look_ahead_is_skipped(caplog):
    fail = {"k": None}

    def update(fig, k, r, s, g):
        if k == fail["k"]:
            raise RuntimeError("no")
        return str(k)

    panel = _slider_panel(update)
    fail["k"] = 3
    with caplog.at_level(logging.DEBUG, logger="mi_helpers.widgets"):
        assert panel._draw_ahead({**panel.values, "k": 3}) is False  # the error is left to the update itself
    assert "look-ahead of" in caplog.text and "RuntimeError: no" in caplog.text
    with pytest.raises(RuntimeError, match="no"):
        panel.set(k=3)
    generation = panel._generation
    panel.set(k=1)
    assert panel._draw_ahead({**panel.values, "k": 0}, generation) is False  # the panel moved since
    assert panel._draw_ahead({**panel.values, "k": 0}, panel._generation) is True
    assert panel._draw_ahead({**panel.values, "k": 0}) is False  # already kept
    assert panel.text == "1"


def test_the_figure_follows_the_view_shown_and_refresh_forgets_the_views():
    """After a look-ahead, ``panel.fig`` is brought back to the view shown; refresh() draws anew."""
    panel = toy_panel()
    assert panel._draw_ahead({"a": 2.5, "shift": 1.0}) is True
    assert panel._fig_values == {"a": 2.5, "shift": 1.0}
    assert_same_picture(decode(panel.png), panel.fig)  # the figure shows a = 1.0, shift = 0.0 again
    assert panel._fig_values == panel.values
    assert len(panel._views) > 1
    assert panel.refresh() == "a = 1.0, shift = 0.0, y(1) = 1.00"
    assert list(panel._views) == [panel._view_key(panel.values)]


def test_every_control_is_part_of_a_views_key():
    """A view drawn ahead for one drop-down choice is not sent after the choice changed."""
    fig = Figure(figsize=(2, 2))
    fig.add_subplot()
    controls = {"k": widgets.IntSlider(value=1, min=0, max=5), "unit": widgets.Dropdown(options=["nats", "bits"], value="nats")}
    panel = LivePanel(controls, lambda fig, k, unit: f"{k} {unit}", fig)
    assert panel._draw_ahead({"k": 3, "unit": "nats"}) is True
    panel.set(unit="bits")
    assert panel.set(k=3) == "3 bits" and panel.last_timings["mode"] != "cached"
    assert panel.set(unit="nats") == "3 nats" and panel.last_timings["mode"] == "cached"


def test_a_move_to_a_kept_view_cancels_the_pending_look_ahead():
    import asyncio

    panel, calls = _counting_panel()

    async def reader():
        calls.clear()
        panel.controls["k"].value = 6  # kept since construction: sent, and k = 7 scheduled...
        panel.controls["k"].value = 5  # ...but an immediate step back (kept too) cancels it
        await asyncio.sleep(3 * LivePanel.LOOK_AHEAD_DELAY)
        assert panel.last_timings["mode"] == "cached"
        assert calls == []  # neither k = 7 nor k = 4 (kept since construction) was drawn

    asyncio.run(reader())


def test_a_failed_look_ahead_leaves_the_figure_to_be_brought_back():
    fig = Figure(figsize=(2, 2))
    ax = fig.add_subplot()

    def update(fig, k):
        ax.set_title(f"k = {k}")
        if k == 9:
            raise RuntimeError("half drawn")
        return str(k)

    panel = LivePanel({"k": widgets.IntSlider(value=1, min=0, max=10)}, update, fig)
    assert panel.fig.axes[0].get_title() == "k = 1"  # brought back from the views drawn on construction
    assert panel._draw_ahead({"k": 9}) is False
    assert panel.fig.axes[0].get_title() == "k = 1"  # the view shown, not the half-drawn look-ahead


def test_kept_views_are_the_most_recently_used():
    panel = toy_panel(look_ahead=False)
    first = panel._view_key(panel.values)
    others = [(round(0.1 * i, 1), shift) for shift in (-1.0, 1.0) for i in range(31)][: LivePanel.VIEWS]
    for a, shift in others[:-1]:
        panel.set(a=a, shift=shift)
    assert len(panel._views) == LivePanel.VIEWS and next(iter(panel._views)) == first
    panel.set(a=1.0, shift=0.0)  # the first view, shown again: now the most recent
    panel.set(a=others[-1][0], shift=others[-1][1])  # one view too many: the least recently used goes
    assert first in panel._views and panel._view_key({"a": others[0][0], "shift": others[0][1]}) not in panel._views


def test_update_receives_floats_as_the_slider_shows_them():
    """0.6100000000000001 from a browser reaches ``update`` as 0.61, drawn now or ahead, so a
    number on a rounding tie shows the same digits whichever way the view was made."""
    seen = []
    fig = Figure(figsize=(2, 2))
    fig.add_subplot()
    panel = LivePanel({"p": widgets.FloatSlider(value=0.6, min=0.0, max=1.0, step=0.01)},
                      lambda fig, p: seen.append(p) or f"{0.25 + 0.25 * p:.3f}", fig)
    seen.clear()
    panel._views.clear()
    assert panel.set(p=0.6100000000000001) == "0.402" and seen == [0.61]  # 0.4025 to three digits, at exactly 0.61
    assert panel._draw_ahead({"p": 0.6200000000000001}) is True and seen[-1] == 0.62
    assert f"{0.25 + 0.25 * 0.6100000000000001:.3f}" == "0.403"  # what the raw value would have shown


def test_kept_views_are_bounded_and_keyed_by_rounded_values():
    panel = toy_panel()
    key = panel._view_key
    assert key({"a": 0.6100000000000001, "shift": 0.0}) == key({"a": 0.61, "shift": 0.0})
    assert key({"a": 0.61, "shift": 0.0}) != key({"a": 0.6100001, "shift": 0.0})
    assert key({"a": 1e-12, "shift": 0.0}) != key({"a": 2e-12, "shift": 0.0})  # significant digits, not decimals
    for i in range(2 * LivePanel.VIEWS):
        panel.set(a=round(0.1 * (i % 30), 1))
    assert len(panel._views) == LivePanel.VIEWS
    fig = Figure(figsize=(2, 2))
    fig.add_subplot()
    odd = LivePanel({"v": widgets.SelectionSlider(options=[("a", [1]), ("b", [2])], value=[1])},
                    lambda fig, v: str(v), fig)
    assert odd._view_key(odd.values) is None and not odd._views  # unhashable values: nothing kept
    assert odd.set(v=[2]) == "[2]" and odd.last_timings["mode"] != "cached"


def _registry():
    found = []
    for info in pkgutil.iter_modules(panels_pkg.__path__):
        if not info.name.startswith("_"):
            module = importlib.import_module(f"{panels_pkg.__name__}.{info.name}")
            found += [pytest.param(name, factory, id=f"{info.name}.{name}") for name, (factory, _w) in getattr(module, "PANELS", {}).items()]
    return found


def _clear_module_caches():
    """Empty every functools cache of the panel modules, so a fresh panel computes from scratch."""
    for info in pkgutil.iter_modules(panels_pkg.__path__):
        module = importlib.import_module(f"{panels_pkg.__name__}.{info.name}")
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


@pytest.mark.parametrize("name, factory", _registry())
def test_views_drawn_ahead_are_sent_unchanged_and_are_those_a_fresh_panel_draws(name, factory):
    """Draw ahead one and two steps of every slider; the view shown does not change; reaching
    each of those steps (with the last-bit float error a browser may send) calls no update and
    shows the numbers and pixels that a fresh panel, with empty caches, draws when it receives
    that value (a number on a rounding tie, 0.4025 shown to three digits, say, must not depend
    on whether the view was drawn ahead)."""
    panel = factory()
    start, text0, png0 = dict(panel.values), panel.text, panel.png
    moves = []
    for control, value in panel._trial_values():
        assert panel._view_key({**start, control: value}) in panel._views  # drawn on construction
        moves.append((control, value))
        further = panel._next_step(control, start[control], value)
        if further is not None:
            moves.append((control, further))
            assert panel._draw_ahead({**start, control: further}) is True
    assert moves, "no slider step to draw ahead"
    assert panel.text == text0 and panel.png == png0 and panel.values == start
    assert_same_picture(decode(panel.png), panel.fig)  # the figure is brought back to the view shown

    def sent(control, value):
        """The value, and for a float slider the two floats beside it (a browser's last-bit error either way)."""
        c = panel.controls[control]
        if isinstance(c, widgets.FloatSlider):
            return [math.nextafter(value, -math.inf), math.nextafter(value, math.inf)]
        return [value]

    def recomputed(fig, **values):
        raise AssertionError(f"update called for {values}: the view drawn ahead was not sent")

    reached = [(control, received) for control, value in moves for received in sent(control, value)]
    update, panel._update_fn = panel._update_fn, recomputed
    seen = []
    for control, received in reached:
        seen.append((panel.set(**{control: received}), decode(panel.png)))
        assert panel.last_timings["mode"] == "cached"
        panel.set(**start)
    panel._update_fn = update
    _clear_module_caches()
    for (control, received), (text, pixels) in zip(reached, seen):
        fresh = factory()
        fresh.set(**{control: received})
        assert text == fresh.refresh()  # drawn now from the value a browser sends, not sent from a view drawn ahead
        np.testing.assert_array_equal(pixels, decode(fresh.png))
