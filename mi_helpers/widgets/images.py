"""Panel of notebook 09 (images): align two modalities by hand, watch the MI.

The reader moves a rotation and a shift applied to the camera image and sees
it overlaid on the second "modality" (a non-monotone remap of it, misaligned
by a hidden transform), the joint histogram of the two, and MI, NMI and
correlation, beside their values at the true transform.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..images import (
    _block,
    _codes_from_edges,
    _corr,
    _joint_counts,
    _mi_from_counts,
    _nmi_from_counts,
    _rigid,
    _rotation_margin,
    camera_image,
    simulate_modality,
)
from ._panel import LivePanel

__all__ = ["PANELS", "AlignmentScene", "registration_panel"]

#: Slider limits, in pixels of the 256 x 256 image and in degrees.
MAX_SHIFT = 16
MAX_ANGLE = 15


class AlignmentScene:
    """Precomputed data of the live view: the pair at reduced size.

    Parameters
    ----------
    fixed, moving : ndarray, shape (h, w)
        Full-resolution pair (``moving ~ rigid_transform(fixed', ...)``).
    factor : int
        Block-averaging factor of the live view (2: 256 -> 128 pixels).
        Slider shifts stay in full-resolution pixels; they are divided by
        ``factor`` here (half pixels are interpolated).
    max_shift, max_angle : limits of the controls, which set the inset of
        the comparison window so every setting uses the same pixels.
    """

    def __init__(self, fixed, moving, *, factor=2, max_shift=MAX_SHIFT, max_angle=MAX_ANGLE):
        self.factor = int(factor)
        self.fixed = _block(np.asarray(fixed, dtype=float), self.factor)
        self.moving = _block(np.asarray(moving, dtype=float), self.factor)
        h, w = self.fixed.shape
        self.margin = int(math.ceil(max_shift / self.factor)) + _rotation_margin((h, w), [max_angle])
        self.window = (slice(self.margin, h - self.margin), slice(self.margin, w - self.margin))
        self.range_fixed = (float(self.fixed.min()), float(self.fixed.max()))
        self.range_moving = (float(self.moving.min()), float(self.moving.max()))
        self._moving_codes = {}
        self.moving_win = self.moving[self.window].ravel()

    def moving_codes(self, bins: int) -> np.ndarray:
        """Bin codes of the moving window (cached per bin count)."""
        if bins not in self._moving_codes:
            edges = np.linspace(*self.range_moving, bins + 1)
            self._moving_codes[bins] = _codes_from_edges(self.moving_win, edges)
        return self._moving_codes[bins]

    def evaluate(self, angle, shift, bins) -> dict:
        """Transform ``fixed`` by (angle, shift) and compare it with ``moving``.

        Parameters
        ----------
        angle : float, degrees
        shift : (float, float), (dy, dx) in full-resolution pixels
        bins : int

        Returns
        -------
        dict
            ``transformed`` (NaN outside the image), ``counts`` (joint
            histogram of the window, rows: transformed fixed), ``mi`` (nats),
            ``nmi`` (Studholme, in [1, 2]) and ``corr`` (Pearson).
        """
        dy, dx = shift
        t = _rigid(self.fixed, float(angle), (dy / self.factor, dx / self.factor), 1, np.nan)
        part = t[self.window].ravel()
        edges = np.linspace(*self.range_fixed, bins + 1)
        counts = _joint_counts(_codes_from_edges(part, edges), self.moving_codes(bins), bins, bins)
        return {
            "transformed": t,
            "counts": counts,
            "mi": _mi_from_counts(counts),
            "nmi": _nmi_from_counts(counts),
            "corr": _corr(part, self.moving_win),
        }


def _overlay(fixed_t, moving, lo_hi_f, lo_hi_m):
    """Green: transformed fixed; magenta: moving. Grey where they agree in brightness."""
    f = np.nan_to_num((fixed_t - lo_hi_f[0]) / (lo_hi_f[1] - lo_hi_f[0]), nan=0.0)
    m = (moving - lo_hi_m[0]) / (lo_hi_m[1] - lo_hi_m[0])
    rgb = np.clip(np.dstack([m, f, m]), 0.0, 1.0)
    # As 8-bit RGBA (matplotlib's own conversion of float colours, x * 255 truncated): an
    # image in this form is drawn without conversion, over twice as fast as float RGB.
    out = np.full(rgb.shape[:2] + (4,), 255, dtype=np.uint8)
    out[..., :3] = (rgb * 255).astype(np.uint8)
    return out


def registration_panel(shift_y=0, shift_x=0, angle=0, bins=32, *, seed=0, noise=0.05) -> LivePanel:
    """Shift, angle and bin sliders over the two-modality pair of notebook 09.

    The pair is ``simulate_modality(camera_image(256), seed=seed, noise=noise)``,
    the same as in the notebook when the seeds agree; the view works on a
    128 x 128 block average for speed. The text shows MI, NMI and
    correlation at the slider setting and at the hidden true transform.
    """
    fixed = camera_image(256)
    moving, truth = simulate_modality(fixed, seed=seed, noise=noise)
    scene = AlignmentScene(fixed, moving)
    truth_cache = {}

    def at_truth(bins):
        if bins not in truth_cache:
            truth_cache[bins] = scene.evaluate(truth["angle"], truth["shift"], bins)
        return truth_cache[bins]

    fig = Figure(figsize=(7.6, 3.5), layout="constrained")
    ax_img, ax_hist = fig.subplots(1, 2, width_ratios=[1, 1])
    first = scene.evaluate(angle, (shift_y, shift_x), bins)
    img = ax_img.imshow(_overlay(first["transformed"], scene.moving, scene.range_fixed, scene.range_moving), interpolation="nearest")
    h, w = scene.fixed.shape
    m = scene.margin
    ax_img.add_patch(Rectangle((m - 0.5, m - 0.5), w - 2 * m, h - 2 * m, fill=False, ec="white", ls="--", lw=1))
    ax_img.set_title("green: camera moved by the sliders\nmagenta: second modality", fontsize=9)
    ax_img.set_xticks([])
    ax_img.set_yticks([])
    magma = matplotlib.colormaps["magma"]

    def coloured(counts):
        """log(1 + count) scaled to its maximum, through the colour map, as 8-bit RGBA (drawn without conversion)."""
        logc = np.log1p(counts)
        top = float(logc.max())
        return magma(logc / top if top > 0 else logc, bytes=True)

    hist = ax_hist.imshow(coloured(first["counts"]), origin="lower", extent=(0, 1, 0, 1), aspect="auto", interpolation="nearest")
    ax_hist.set_xlabel("second modality (bin, scaled to [0, 1])")
    ax_hist.set_ylabel("camera, moved (bin)")
    ax_hist.set_title("joint histogram of the dashed window, log(1 + count)", fontsize=9)
    ax_hist.set_xticks([0, 0.5, 1])
    ax_hist.set_yticks([0, 0.5, 1])
    # Lay out once, then drop the engine: with any engine set (even "none"),
    # savefig runs the constrained solver and an extra draw on every update.
    fig.get_layout_engine().execute(fig)
    fig.set_layout_engine(None)

    def update(fig, shift_y, shift_x, angle, bins):
        e = scene.evaluate(angle, (shift_y, shift_x), bins)
        img.set_data(_overlay(e["transformed"], scene.moving, scene.range_fixed, scene.range_moving))
        hist.set_data(coloured(e["counts"]))
        t = at_truth(bins)
        return (
            f"shift (dy, dx) = ({shift_y}, {shift_x}) px, angle = {angle} deg, {bins} bins: "
            f"MI = {e['mi']:.3f} nats, NMI = {e['nmi']:.3f}, corr = {e['corr']:.3f}\n"
            f"at the true transform: MI = {t['mi']:.3f} nats, NMI = {t['nmi']:.3f}, corr = {t['corr']:.3f}"
        )

    controls = {
        "shift_y": widgets.IntSlider(value=shift_y, min=-MAX_SHIFT, max=MAX_SHIFT, step=1, description="shift y (px)"),
        "shift_x": widgets.IntSlider(value=shift_x, min=-MAX_SHIFT, max=MAX_SHIFT, step=1, description="shift x (px)"),
        "angle": widgets.IntSlider(value=angle, min=-MAX_ANGLE, max=MAX_ANGLE, step=1, description="angle (deg)"),
        "bins": widgets.IntSlider(value=bins, min=4, max=128, step=4, description="bins"),
    }
    return LivePanel(controls, update, fig)


#: Every panel of this notebook: name -> (factory, the most expensive slider values).
PANELS = {
    "registration": (registration_panel, {"shift_y": -13, "shift_x": 11, "angle": -7, "bins": 128}),
}
