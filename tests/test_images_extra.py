"""Correlation ratio, the eta^2 and NMI search metrics, and sub-pixel scoring.

References: SciPy's one-way ANOVA F statistic (eta^2 = F (k - 1) / (F (k - 1)
+ N - k)), scikit-learn's mutual_info_score on NumPy's histogram2d, SciPy's
ndimage.affine_transform (through rigid_transform), scikit-image's
normalized_mutual_information, and a pixel-by-pixel loop for the
partial-volume joint histogram. Ground truth: eta^2 = 1 for a function of the
groups, 0 for equal group means.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import ndimage
from scipy.stats import f_oneway
from skimage.metrics import normalized_mutual_information
from sklearn.metrics import mutual_info_score

from mi_helpers.images import (
    METRICS,
    camera_image,
    correlation_ratio,
    image_nmi,
    intensity_codes,
    register_translation_mi,
    rigid_transform,
    score_transform,
    simulate_modality,
    u_shaped_remap,
)

CAMERA = camera_image(128)


def smooth_field(shape, seed):
    rng = np.random.default_rng(seed)
    return ndimage.gaussian_filter(rng.standard_normal(shape), 3.0)


def eta2_anova(groups_codes, values):
    """eta^2 from SciPy's one-way ANOVA F statistic (an independent route)."""
    groups = [values[groups_codes == k] for k in np.unique(groups_codes)]
    f = f_oneway(*groups).statistic
    k, n = len(groups), values.size
    return f * (k - 1) / (f * (k - 1) + n - k)


# ------------------------------------------------------------------ correlation ratio


@pytest.mark.parametrize("bins", [4, 16, 32])
def test_correlation_ratio_equals_the_anova_r_squared(bins):
    a = CAMERA
    b = u_shaped_remap(a) + 0.2 * smooth_field(a.shape, 1)
    codes = intensity_codes(a, bins).ravel()
    assert correlation_ratio(a, b, bins=bins) == pytest.approx(eta2_anova(codes, b.ravel()), abs=1e-10)


def test_correlation_ratio_ground_truth_and_asymmetry():
    a = CAMERA
    # b a function of a's bin (non-monotone): eta^2(b | a) = 1 exactly.
    codes = intensity_codes(a, 8)
    b = np.sin(3.0 * codes)
    assert correlation_ratio(a, b, bins=8) == pytest.approx(1.0, abs=1e-12)
    # Group means all equal: eta^2 = 0 exactly, although b depends on a.
    c = np.where(codes % 2 == 0, 1.0, -1.0) * np.where(np.indices(a.shape)[1] % 2 == 0, 1.0, -1.0)
    means = [c[codes == k].mean() for k in range(8)]
    c = c - np.array(means)[codes]  # remove what is left of each group's mean
    assert correlation_ratio(a, c, bins=8) == pytest.approx(0.0, abs=1e-12)
    # Asymmetry: the U-shaped remap is a function of the camera, not the reverse.
    u = u_shaped_remap(a)
    assert correlation_ratio(a, u) > 0.98
    assert correlation_ratio(u, a) < 0.5
    # A constant b has nothing to explain.
    assert correlation_ratio(a, np.ones(a.shape)) == 0.0


def test_correlation_ratio_with_a_mask_uses_only_those_pixels():
    a, b = CAMERA, smooth_field(CAMERA.shape, 2)
    mask = np.zeros(a.shape, bool)
    mask[10:90, 20:110] = True
    expected = correlation_ratio(a[10:90, 20:110], b[10:90, 20:110], bins=12)
    assert correlation_ratio(a, b, bins=12, mask=mask) == pytest.approx(expected, abs=1e-12)


def test_correlation_ratio_rejects_bad_input():
    with pytest.raises(ValueError, match="same shape"):
        correlation_ratio(CAMERA, CAMERA[:-1])
    with pytest.raises(ValueError, match="bins"):
        correlation_ratio(CAMERA, CAMERA, bins=1)
    with pytest.raises(ValueError, match="NaN"):
        correlation_ratio(np.full((4, 4), np.nan), np.zeros((4, 4)))


# ------------------------------------------------------------------ search metrics


@pytest.mark.parametrize("metric", ["cr_moving", "cr_fixed", "mi", "nmi"])
def test_search_surface_equals_an_independent_computation(metric):
    moving = u_shaped_remap(rigid_transform(CAMERA, shift=(2, -3))) + 0.3 * smooth_field(CAMERA.shape, 3)
    m, bins = 4, 16
    r = register_translation_mi(CAMERA, moving, max_shift=m, bins=bins, metric=metric)
    win = moving[m:-m, m:-m]
    f_edges = np.linspace(CAMERA.min(), CAMERA.max(), bins + 1)
    m_edges = np.histogram_bin_edges(moving, bins)
    for i, dy in enumerate(r.shifts):
        for j, dx in enumerate(r.shifts):
            part = CAMERA[m - dy : 128 - m - dy, m - dx : 128 - m - dx]
            if metric == "cr_moving":
                codes = intensity_codes(part, bins, value_range=(CAMERA.min(), CAMERA.max())).ravel()
                expected = eta2_anova(codes, win.ravel())
            elif metric == "cr_fixed":
                codes = intensity_codes(win, bins, value_range=(moving.min(), moving.max())).ravel()
                expected = eta2_anova(codes, part.ravel())
            else:
                table, _, _ = np.histogram2d(part.ravel(), win.ravel(), bins=[f_edges, m_edges])
                if metric == "mi":
                    expected = mutual_info_score(None, None, contingency=table)
                else:
                    expected = normalized_mutual_information(part, win, bins=bins)  # same edges: each image's range
                    if part.min() != CAMERA.min() or part.max() != CAMERA.max():
                        continue  # scikit-image bins over the window's own range; compare only where they agree
            assert r.surface[0, i, j] == pytest.approx(expected, abs=1e-9), (dy, dx)


def test_correlation_ratio_direction_decides_on_a_relation_that_is_not_a_function():
    # Three classes; modality A cannot tell classes 1 and 2 apart, B can, and B's
    # mean is the same in every class of A: eta^2(B | A) is blind, eta^2(A | B) is not.
    cam = camera_image(128)
    tissue = np.digitize(cam, np.quantile(cam, [1 / 3, 2 / 3]))
    share = np.bincount(tissue.ravel()) / tissue.size
    a = np.array([0.2, 0.8, 0.8])[tissue] + 0.05 * np.random.default_rng(0).standard_normal(cam.shape)
    b = np.array([share[2] / (share[1] + share[2]), 0.0, 1.0])[tissue]
    moving, truth = simulate_modality(b, seed=5, remap=lambda image: image, max_angle=0, max_shift=6)
    found = {m: register_translation_mi(a, moving, max_shift=6, metric=m, coarse=2).shift for m in METRICS}
    assert found["mi"] == found["nmi"] == found["cr_fixed"] == truth["shift"]
    assert found["cr_moving"] != truth["shift"]
    assert correlation_ratio(a, b) < 0.01 < 0.9 < correlation_ratio(b, a)


# ------------------------------------------------------------------ score_transform


@pytest.mark.parametrize("metric", METRICS)
def test_score_transform_at_whole_pixels_equals_the_search_surface(metric):
    moving = u_shaped_remap(rigid_transform(CAMERA, shift=(1, 2))) + 0.2 * smooth_field(CAMERA.shape, 4)
    r = register_translation_mi(CAMERA, moving, max_shift=3, bins=20, metric=metric)
    for i, dy in enumerate(r.shifts):
        for j, dx in enumerate(r.shifts):
            for interp in ("linear", "pv") if metric in ("mi", "nmi") else ("linear",):
                value = score_transform(CAMERA, moving, shift=(int(dy), int(dx)), metric=metric, bins=20,
                                        interpolation=interp, margin=3)
                assert value == pytest.approx(r.surface[0, i, j], abs=1e-9)


@pytest.mark.parametrize("angle, shift", [(0.0, (1.5, -2.25)), (7.0, (0.0, 0.0)), (-4.5, (2.3, 1.7))])
def test_linear_score_equals_mi_of_the_interpolated_image(angle, shift):
    moving = u_shaped_remap(CAMERA) + 0.1 * smooth_field(CAMERA.shape, 5)
    margin, bins = 16, 24
    moved = rigid_transform(CAMERA, angle=angle, shift=shift)  # SciPy's affine_transform, bilinear
    w = (slice(margin, 128 - margin), slice(margin, 128 - margin))
    table, _, _ = np.histogram2d(
        moved[w].ravel(), moving[w].ravel(),
        bins=[np.linspace(CAMERA.min(), CAMERA.max(), bins + 1), np.histogram_bin_edges(moving, bins)],
    )
    expected = mutual_info_score(None, None, contingency=table)
    got = score_transform(CAMERA, moving, angle=angle, shift=shift, bins=bins, margin=margin)
    assert got == pytest.approx(expected, rel=1e-6)


def pv_joint_histogram_by_loop(fixed, moving, angle, shift, bins, margin):
    """Partial-volume joint histogram, one pixel at a time (Maes et al. 1997)."""
    h, w = fixed.shape
    f_codes = intensity_codes(fixed, bins)
    m_codes = intensity_codes(moving, bins)
    t = math.radians(angle)
    cy, cx = (h - 1) / 2, (w - 1) / 2
    table = np.zeros((bins, bins))
    for r in range(margin, h - margin):
        for c in range(margin, w - margin):
            y, x = r - cy - shift[0], c - cx - shift[1]
            sy, sx = math.cos(t) * y + math.sin(t) * x + cy, -math.sin(t) * y + math.cos(t) * x + cx
            y0, x0 = min(int(math.floor(sy)), h - 2), min(int(math.floor(sx)), w - 2)
            fy, fx = sy - y0, sx - x0
            for yy, wy in ((y0, 1 - fy), (y0 + 1, fy)):
                for xx, wx in ((x0, 1 - fx), (x0 + 1, fx)):
                    table[f_codes[yy, xx], m_codes[r, c]] += wy * wx
    return table


@pytest.mark.parametrize("angle, shift", [(0.0, (0.5, -0.25)), (9.0, (1.2, 0.7))])
def test_partial_volume_matches_a_pixel_by_pixel_loop(angle, shift):
    rng = np.random.default_rng(6)
    fixed = ndimage.gaussian_filter(rng.standard_normal((20, 20)), 1.5)
    moving = fixed ** 2 + 0.1 * rng.standard_normal((20, 20))
    table = pv_joint_histogram_by_loop(fixed, moving, angle, shift, 6, 4)
    assert table.sum() == pytest.approx(12 * 12)  # one unit of weight per window pixel
    p = table / table.sum()  # (scikit-learn's mutual_info_score would cast the weights to integers)
    outer = p.sum(axis=1)[:, None] * p.sum(axis=0)[None, :]
    expected = float(np.sum(p[p > 0] * np.log(p[p > 0] / outer[p > 0])))
    assert score_transform(fixed, moving, angle=angle, shift=shift, bins=6, interpolation="pv", margin=4) == pytest.approx(
        expected, abs=1e-12
    )
    h = table / table.sum()
    ent = lambda p: -np.sum(p[p > 0] * np.log(p[p > 0]))  # noqa: E731
    nmi = (ent(h.sum(axis=1)) + ent(h.sum(axis=0))) / ent(h.ravel())
    assert score_transform(fixed, moving, angle=angle, shift=shift, bins=6, interpolation="pv", margin=4, metric="nmi") == pytest.approx(
        nmi, abs=1e-12
    )


def test_partial_volume_snaps_to_the_grid_on_a_quarter_pixel_shift():
    # A quarter-pixel truth made by block averaging (no interpolation involved).
    full = camera_image(512)
    fixed = full.reshape(128, 4, 128, 4).mean(axis=(1, 3))
    moved = np.roll(full, (0, -7), axis=(0, 1)).reshape(128, 4, 128, 4).mean(axis=(1, 3))  # dx = -1.75
    moving = u_shaped_remap(moved)
    xs = np.round(np.arange(-2.5, -0.95, 0.05), 2)
    pv = [score_transform(fixed, moving, shift=(0.0, float(x)), interpolation="pv", margin=8) for x in xs]
    linear = [score_transform(fixed, moving, shift=(0.0, float(x)), margin=8) for x in xs]
    assert xs[int(np.argmax(pv))] == -2.0
    assert abs(xs[int(np.argmax(linear))] - (-1.75)) < 0.25


def test_nmi_agrees_with_scikit_image():
    other = u_shaped_remap(CAMERA) + 0.1 * smooth_field(CAMERA.shape, 7)
    for bins in (8, 32, 100):
        assert image_nmi(CAMERA, other, bins=bins) == pytest.approx(
            normalized_mutual_information(CAMERA, other, bins=bins), abs=1e-12
        )


def test_score_transform_rejects_bad_input():
    img = CAMERA
    with pytest.raises(ValueError, match="outside the fixed image"):
        score_transform(img, img, shift=(3.5, 0.0), margin=2)
    with pytest.raises(ValueError, match="interpolation"):
        score_transform(img, img, interpolation="cubic")
    with pytest.raises(ValueError, match="partial-volume"):
        score_transform(img, img, shift=(0.5, 0.0), margin=2, metric="corr", interpolation="pv")
    with pytest.raises(ValueError, match="metric"):
        score_transform(img, img, metric="ssd")
    with pytest.raises(ValueError, match="margin"):
        score_transform(img, img, margin=64)
    with pytest.raises(TypeError, match="shift"):
        score_transform(img, img, shift=2)
    with pytest.raises(ValueError, match="same shape"):
        score_transform(img, img[:-1])
