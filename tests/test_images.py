"""mi_helpers.images against exact values and independent references.

References: NumPy's histogram/histogram2d (binning), scikit-learn's
mutual_info_score (MI of a contingency table), mi_helpers.mi_discrete on the
bin codes, SciPy's ndimage.rotate and np.roll (geometry). Ground truth: the
NMI of an image with itself is 2 by definition; a transform we applied
ourselves is the one registration must recover.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import ndimage
from sklearn.metrics import mutual_info_score

import mi_helpers as mh
from mi_helpers.images import (
    block_downsample,
    camera_image,
    image_correlation,
    image_mi,
    image_nmi,
    intensity_codes,
    joint_histogram,
    register_rigid_mi,
    register_translation_mi,
    rigid_transform,
    simulate_modality,
    u_shaped_remap,
)

CAMERA = camera_image(128)


def smooth_field(shape, seed):
    """A generated test image: smoothed noise, so it has structure at several scales."""
    rng = np.random.default_rng(seed)
    return ndimage.gaussian_filter(rng.standard_normal(shape), 3.0)


def test_camera_loads_from_the_installed_wheel():
    img = camera_image(256)
    assert img.shape == (256, 256)
    assert 0.0 <= img.min() < img.max() <= 1.0
    from skimage.data import camera

    assert img.mean() == pytest.approx(camera().mean() / 255.0, rel=1e-12)  # block means keep the mean


# ------------------------------------------------------------ histograms, MI, NMI


@pytest.mark.parametrize("bins", [2, 7, 32, 100])
def test_codes_and_joint_histogram_match_numpy(bins):
    a = CAMERA
    b = smooth_field(a.shape, 1)
    codes = intensity_codes(a, bins)
    assert codes.min() >= 0 and codes.max() <= bins - 1
    np.testing.assert_array_equal(np.bincount(codes.ravel(), minlength=bins), np.histogram(a, bins=bins)[0])
    ref, _, _ = np.histogram2d(a.ravel(), b.ravel(), bins=bins)
    np.testing.assert_array_equal(joint_histogram(a, b, bins=bins), ref)


def test_joint_histogram_with_unequal_bins_and_mask():
    a, b = CAMERA, smooth_field(CAMERA.shape, 2)
    mask = np.zeros(a.shape, bool)
    mask[10:70, 20:100] = True
    ref, _, _ = np.histogram2d(a[mask], b[mask], bins=(5, 9))
    np.testing.assert_array_equal(joint_histogram(a, b, bins=(5, 9), mask=mask), ref)


@pytest.mark.parametrize("bins", [8, 32, 64])
def test_image_mi_equals_independent_references(bins):
    a = CAMERA
    b = u_shaped_remap(a) + 0.1 * np.random.default_rng(3).standard_normal(a.shape)
    table, _, _ = np.histogram2d(a.ravel(), b.ravel(), bins=bins)
    sk = mutual_info_score(None, None, contingency=table)
    ca, cb = intensity_codes(a, bins), intensity_codes(b, bins)
    value = image_mi(a, b, bins=bins)
    assert value == pytest.approx(sk, abs=1e-12)
    assert value == pytest.approx(mh.mi_discrete(ca.ravel(), cb.ravel()), abs=1e-12)
    assert image_mi(a, b, bins=bins, base=2) == pytest.approx(sk / math.log(2), abs=1e-12)


@pytest.mark.parametrize("bins", [2, 16, 32, 200])
def test_nmi_of_an_image_with_itself_is_exactly_two(bins):
    for img in (CAMERA, smooth_field((40, 50), 4)):
        assert image_nmi(img, img, bins=bins) == 2.0
    # MI with itself is the entropy of the binned intensities.
    counts = np.histogram(CAMERA, bins=bins)[0]
    p = counts[counts > 0] / counts.sum()
    assert image_mi(CAMERA, CAMERA, bins=bins) == pytest.approx(-(p * np.log(p)).sum(), abs=1e-12)


def test_nmi_against_entropies_and_its_range():
    a = CAMERA
    b = smooth_field(a.shape, 5)  # unrelated image
    table, _, _ = np.histogram2d(a.ravel(), b.ravel(), bins=16)
    p = table / table.sum()

    def h(q):
        q = q[q > 0]
        return -(q * np.log(q)).sum()

    expected = (h(p.sum(1)) + h(p.sum(0))) / h(p.ravel())
    nmi = image_nmi(a, b, bins=16)
    assert nmi == pytest.approx(expected, abs=1e-12)
    assert 1.0 <= nmi < 1.1  # nearly independent: near the lower end
    assert 1.0 <= image_nmi(a, u_shaped_remap(a), bins=16) <= 2.0


def test_independent_noise_images_have_mi_near_the_plug_in_bias():
    rng = np.random.default_rng(6)
    a, b = rng.random((200, 200)), rng.random((200, 200))
    bias = (8 - 1) ** 2 / (2 * a.size)  # (B-1)^2/(2N) for independent variables
    assert image_mi(a, b, bins=8) == pytest.approx(bias, abs=3 * bias)


def test_correlation_matches_numpy():
    a, b = CAMERA, smooth_field(CAMERA.shape, 7)
    assert image_correlation(a, b) == pytest.approx(np.corrcoef(a.ravel(), b.ravel())[0, 1], abs=1e-12)
    assert image_correlation(a, np.ones_like(a)) == 0.0


def test_u_shaped_remap_removes_the_linear_trend_but_keeps_the_information():
    r = u_shaped_remap(CAMERA)
    assert r.min() >= 0.0 and r.max() == pytest.approx(1.0)
    assert abs(np.corrcoef(CAMERA.ravel(), r.ravel())[0, 1]) < 1e-10
    # A deterministic function of the intensity: H(remap | intensity) = 0 for the
    # exact values, so the discrete MI equals the remap's entropy.
    assert mh.mi_discrete(CAMERA.ravel(), r.ravel()) == pytest.approx(mh.entropy_discrete(r.ravel()), abs=1e-12)


# ------------------------------------------------------------------ geometry


@pytest.mark.parametrize("angle", [-12.0, 5.0, 30.0])
def test_rotation_matches_scipy_rotate(angle):
    img = CAMERA
    ours = rigid_transform(img, angle=angle)
    ref = ndimage.rotate(img, angle, reshape=False, order=1)
    np.testing.assert_allclose(ours[20:-20, 20:-20], ref[20:-20, 20:-20], atol=1e-9)


def test_counterclockwise_means_what_it_says():
    img = np.zeros((21, 21))
    img[10, 15] = 1.0  # a dot to the right of the centre
    out = rigid_transform(img, angle=90.0)
    assert np.unravel_index(out.argmax(), out.shape) == (5, 10)  # now above the centre


def test_integer_shift_is_exact():
    out = rigid_transform(CAMERA, shift=(3, -5))
    np.testing.assert_array_equal(out[10:-10, 10:-10], np.roll(CAMERA, (3, -5), axis=(0, 1))[10:-10, 10:-10])
    assert (out[:3] == 0).all() and (out[:, -5:] == 0).all()


def test_block_downsample_averages_blocks():
    img = np.arange(36.0).reshape(6, 6)
    out = block_downsample(img, 3)
    assert out.shape == (2, 2)
    assert out[0, 0] == pytest.approx(img[:3, :3].mean())


# --------------------------------------------------------------- registration


@settings(max_examples=12, deadline=None)
@given(dy=st.integers(-6, 6), dx=st.integers(-6, 6), seed=st.integers(0, 10_000))
def test_known_shift_is_recovered_exactly_from_the_other_modality(dy, dx, seed):
    moving = rigid_transform(u_shaped_remap(CAMERA), shift=(dy, dx))
    moving = moving + 0.05 * np.random.default_rng(seed).standard_normal(moving.shape)
    assert register_translation_mi(CAMERA, moving, max_shift=8).shift == (dy, dx)
    assert register_translation_mi(CAMERA, moving, max_shift=8, metric="nmi", coarse=2).shift == (dy, dx)


@settings(max_examples=12, deadline=None)
@given(dy=st.integers(-6, 6), dx=st.integers(-6, 6), seed=st.integers(0, 10_000))
def test_correlation_fails_on_a_non_monotone_remap(dy, dx, seed):
    moving = rigid_transform(u_shaped_remap(CAMERA), shift=(dy, dx))
    moving = moving + 0.05 * np.random.default_rng(seed).standard_normal(moving.shape)
    by_corr = register_translation_mi(CAMERA, moving, max_shift=8, metric="corr")
    assert by_corr.shift != (dy, dx)
    assert register_translation_mi(CAMERA, moving, max_shift=8).shift == (dy, dx)


def test_correlation_works_when_the_remap_is_monotone():
    # The control experiment: same shift, a linear contrast change. Correlation is fine here.
    moving = rigid_transform(0.3 + 0.5 * CAMERA, shift=(4, -3))
    assert register_translation_mi(CAMERA, moving, max_shift=8, metric="corr").shift == (4, -3)


def test_surface_peaks_at_the_answer_and_has_the_right_shape():
    moving = rigid_transform(u_shaped_remap(CAMERA), shift=(-2, 5))
    r = register_translation_mi(CAMERA, moving, max_shift=6, bins=16)
    assert r.surface.shape == (1, 13, 13)
    assert r.evaluations == 169
    i, j = np.unravel_index(r.surface[0].argmax(), r.surface[0].shape)
    assert (r.shifts[i], r.shifts[j]) == (-2, 5)
    assert r.score == pytest.approx(r.surface.max())
    # The score is image_mi over the comparison window (inset by max_shift).
    w = (slice(6, 122), slice(6, 122))
    fixed_moved = rigid_transform(CAMERA, shift=(-2, 5))
    table, _, _ = np.histogram2d(
        fixed_moved[w].ravel(), moving[w].ravel(), bins=[np.linspace(CAMERA.min(), CAMERA.max(), 17), np.histogram_bin_edges(moving, 16)]
    )
    assert r.score == pytest.approx(mutual_info_score(None, None, contingency=table), abs=1e-12)


def test_correlation_surface_equals_numpy_corrcoef_of_the_windows():
    moving = smooth_field(CAMERA.shape, 8) + CAMERA
    r = register_translation_mi(CAMERA, moving, max_shift=4, metric="corr")
    w = moving[4:-4, 4:-4].ravel()
    for i, dy in enumerate(r.shifts):
        for j, dx in enumerate(r.shifts):
            part = CAMERA[4 - dy : 124 - dy, 4 - dx : 124 - dx].ravel()
            assert r.surface[0, i, j] == pytest.approx(np.corrcoef(part, w)[0, 1], abs=1e-9)


def test_rigid_search_recovers_a_hidden_transform():
    fixed = camera_image(256)
    moving, truth = simulate_modality(fixed, seed=11, max_shift=10, max_angle=8)
    r = register_rigid_mi(fixed, moving, max_shift=12, angles=np.arange(-10, 11), coarse=4)
    assert r.angle == truth["angle"] and r.shift == truth["shift"]


def test_simulate_modality_is_reproducible_and_seeded():
    m1, t1 = simulate_modality(CAMERA, seed=3)
    m2, t2 = simulate_modality(CAMERA, seed=3)
    np.testing.assert_array_equal(m1, m2)
    assert t1 == t2
    assert abs(t1["angle"]) <= 10 and max(abs(v) for v in t1["shift"]) <= 12
    m3, _ = simulate_modality(CAMERA, seed=4)
    assert not np.array_equal(m1, m3)
    m0, t0 = simulate_modality(CAMERA, seed=3, noise=0.0, max_angle=0)
    np.testing.assert_allclose(m0, rigid_transform(u_shaped_remap(CAMERA), shift=t0["shift"]), atol=1e-12)


# ------------------------------------------------------------------ bad input


def test_bad_input_is_rejected_with_a_clear_message():
    img = CAMERA
    with pytest.raises(ValueError, match="2-D"):
        image_mi(np.zeros((4, 4, 3)), np.zeros((4, 4, 3)))
    with pytest.raises(ValueError, match="same shape"):
        image_mi(img, img[:-1])
    with pytest.raises(ValueError, match="bins"):
        image_nmi(img, img, bins=1)
    with pytest.raises(TypeError, match="bins"):
        image_mi(img, img, bins=3.5)
    with pytest.raises(ValueError, match="NaN"):
        image_mi(np.full((5, 5), np.nan), np.zeros((5, 5)))
    with pytest.raises(TypeError, match="real numbers"):
        image_mi(np.array([["a", "b"], ["c", "d"]]), np.zeros((2, 2)))
    with pytest.raises(ValueError, match="mask"):
        image_mi(img, img, mask=np.zeros(img.shape, bool))
    with pytest.raises(TypeError, match="mask"):
        image_mi(img, img, mask=np.ones(img.shape))
    with pytest.raises(ValueError, match="base"):
        image_mi(img, img, base=1)
    with pytest.raises(ValueError, match="metric"):
        register_translation_mi(img, img, max_shift=3, metric="ssd")
    with pytest.raises(ValueError, match="max_shift"):
        register_translation_mi(img, img, max_shift=70)
    with pytest.raises(TypeError, match="max_shift"):
        register_translation_mi(img, img, max_shift=2.5)
    with pytest.raises(ValueError, match="angles"):
        register_rigid_mi(img, img, max_shift=3, angles=[])
    with pytest.raises(TypeError, match="angles"):
        register_rigid_mi(img, img, max_shift=3, angles=5)
    with pytest.raises(TypeError, match="shift"):
        rigid_transform(img, shift=3)
    with pytest.raises(ValueError, match="seed"):
        simulate_modality(img, seed=None)
    with pytest.raises(ValueError, match="noise"):
        simulate_modality(img, seed=0, noise=-1.0)
    with pytest.raises(ValueError, match="constant"):
        u_shaped_remap(np.ones((8, 8)))
    with pytest.raises(ValueError, match="size"):
        camera_image(100)
