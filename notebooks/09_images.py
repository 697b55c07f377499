# %% [markdown]
# # 09 · Mutual information between images
#
# [← Previous: 08 NLP](08_nlp.ipynb) · **09 Images** · [Next: 10 Genes →](10_genes.ipynb)
#
# Two pictures of the same scene can look nothing alike. A CT scan shows bone bright,
# an MRI scan may show it dark; a thermal camera and a colour camera disagree about
# almost every pixel value. Yet where one image has a given intensity, the other
# tends to have a *predictable* one. Mutual information measures exactly that
# predictability, which is why it became the standard similarity for aligning
# ("registering") images of different modalities.
#
# **You will learn to**
#
# - build the joint histogram of two images and read MI and normalised MI (NMI) off it;
# - see how MI falls as an image is shifted or rotated away from alignment;
# - recover an unknown rotation and shift between two images of different contrast by maximising MI;
# - show, with numbers, why correlation fails on that task, when the correlation ratio
#   works as well as MI, and when only MI does;
# - know what an integer search grid, interpolation and a changing overlap do to the answer;
# - tell a real registration test from a trivial one.
#
# **Time:** about 50 minutes. The widget lets you align the two images by hand.

# %% [markdown]
# ## Setup
#
# The image tools live in `mi_helpers.images` and the widget in
# `mi_helpers.widgets.images`. The only real data is scikit-image's "camera"
# photograph, which ships inside the scikit-image package (no download). Every random
# draw is seeded.

# %%
from collections import Counter

import matplotlib.pyplot as plt
import numpy as np
from scipy.stats import f_oneway
from skimage.metrics import normalized_mutual_information
from sklearn.metrics import mutual_info_score, normalized_mutual_info_score

import mi_helpers as mh
from mi_helpers.images import (
    block_downsample,
    camera_image,
    correlation_ratio,
    image_correlation,
    image_mi,
    image_nmi,
    intensity_codes,
    joint_histogram,
    register_rigid_mi,
    register_translation_mi,
    rigid_transform,
    score_transform,
    simulate_modality,
    u_shaped_remap,
)
from mi_helpers.widgets.images import AlignmentScene, registration_panel

SEED = 0
rng = np.random.default_rng(SEED)
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. An image and its joint histogram
#
# The image is the "camera" photograph of scikit-image (`skimage.data.camera()`,
# 512 × 512 grey levels, released under CC0 by the photographer, Lav Varshney).
# `camera_image(256)` loads it from the installed package, averages 2 × 2 blocks to
# 256 × 256 pixels (to keep every computation below fast) and scales it to [0, 1].
#
# To compare two images A and B of the same size, pair up the pixels at the same
# position and treat each pair (a, b) as one sample. Cut each intensity range into
# equal-width bins and count how many pixel pairs fall in each cell: that table is the
# **joint histogram**. Divided by the number of pixels, it is an estimate of the joint
# distribution P(a, b), and its MI is the MI of the two images.

# %%
camera = camera_image(256)
print(f"shape {camera.shape}, intensities from {camera.min():.3f} to {camera.max():.3f}")

noisy = camera + 0.1 * rng.standard_normal(camera.shape)   # the same scene, a noisier sensor
shifted = rigid_transform(camera, shift=(0, 8))             # the same image, 8 pixels to the right

fig, axes = plt.subplots(2, 3, figsize=(9, 6), layout="constrained")
pairs = {"camera vs itself": camera, "vs a noisy copy": noisy, "vs a copy shifted 8 px": shifted}
mi_pairs = {}
for col, (title, other) in enumerate(pairs.items()):
    axes[0, col].imshow(other, cmap="gray")
    axes[0, col].set_title(title)
    axes[0, col].axis("off")
    counts = joint_histogram(camera, other, bins=32)
    mi_pairs[title] = image_mi(camera, other)
    axes[1, col].imshow(np.log1p(counts), origin="lower", cmap="magma")
    axes[1, col].set_xlabel("bin of the second image")
    axes[1, col].set_ylabel("bin of camera")
    axes[1, col].set_title(f"MI = {mi_pairs[title]:.3f} nats", fontsize=10)
fig.suptitle("Joint histograms (32 bins each, colour = log(1 + count))")
plt.show()
assert mi_pairs["camera vs itself"] > mi_pairs["vs a noisy copy"] and mi_pairs["camera vs itself"] > mi_pairs["vs a copy shifted 8 px"]

# %% [markdown]
# With itself the histogram is a diagonal line: each intensity bin of one image
# predicts the bin of the other exactly, and the MI equals the entropy of the binned
# image. Noise thickens the line; a misalignment smears it across the table, because
# a pixel of one image is now paired with a pixel of a *different* place in the other.
# Both lower the MI.
#
# `image_mi` is the plug-in MI of the bin labels, so it must agree with two
# independent computations: `mh.mi_discrete` on the bin codes, and scikit-learn's
# `mutual_info_score` on the table built by NumPy's own `histogram2d`.

# %%
codes_a = intensity_codes(camera, 32).ravel()
codes_b = intensity_codes(noisy, 32).ravel()
numpy_table, _, _ = np.histogram2d(camera.ravel(), noisy.ravel(), bins=32)
ours = image_mi(camera, noisy, bins=32)
print(f"image_mi(camera, noisy):             {ours:.6f} nats")
print(f"mh.mi_discrete of the bin codes:     {mh.mi_discrete(codes_a, codes_b):.6f} nats")
print(f"sklearn on numpy's histogram2d:      {mutual_info_score(None, None, contingency=numpy_table):.6f} nats")
h_camera = mh.entropy_discrete(codes_a)
print(f"H(binned camera) = {h_camera:.4f} nats; image_mi(camera, camera) = {image_mi(camera, camera):.4f} nats")
assert abs(ours - mh.mi_discrete(codes_a, codes_b)) < 1e-12
assert abs(ours - mutual_info_score(None, None, contingency=numpy_table)) < 1e-12
assert abs(image_mi(camera, camera) - h_camera) < 1e-12

# %% [markdown]
# ## 2. Normalised MI: a score from 1 to 2
#
# MI has no fixed top: the MI of an image with itself is its entropy, which depends on
# the image and the number of bins. Studholme, Hill and Hawkes proposed a normalised
# version for registration (C. Studholme, D. L. G. Hill, D. J. Hawkes, "An overlap
# invariant entropy measure of 3D medical image alignment", *Pattern Recognition*
# 32(1), 71–86, 1999):
#
# $$ \mathrm{NMI}(A, B) = \frac{H(A) + H(B)}{H(A, B)} . $$
#
# Since H(A, B) ≤ H(A) + H(B) and H(A, B) ≥ max(H(A), H(B)), NMI lies between 1
# (independent intensities) and 2 (each image determines the other). Its purpose in
# the paper: plain MI computed over the overlap of two images changes when only the
# overlap changes, and the ratio is meant to be much less sensitive to that. Section 9
# puts this to the test.

# %%
pure_noise = rng.random(camera.shape)  # unrelated to the camera image
nmi_values = {name: image_nmi(camera, other) for name, other in
              (("camera", camera), ("noisy", noisy), ("shifted", shifted), ("noise", pure_noise))}
print(f"NMI(camera, camera)  = {nmi_values['camera']:.4f}   (exactly 2 by definition)")
print(f"NMI(camera, noisy)   = {nmi_values['noisy']:.4f}")
print(f"NMI(camera, shifted) = {nmi_values['shifted']:.4f}")
print(f"NMI(camera, noise)   = {nmi_values['noise']:.4f}   (independent: close to 1)")

h_b = mh.entropy_discrete(codes_b)
h_ab = mh.entropy_discrete(np.column_stack([codes_a, codes_b]))
print(f"by hand from entropies, NMI(camera, noisy) = (H(A) + H(B)) / H(A,B) = {(h_camera + h_b) / h_ab:.4f}")
assert nmi_values["camera"] == 2.0 and abs(nmi_values["noise"] - 1) < 0.01
assert abs((h_camera + h_b) / h_ab - nmi_values["noisy"]) < 1e-12

# %% [markdown]
# Several quantities go by the name "normalised MI", so check which one a library
# computes before comparing numbers. scikit-image's
# `skimage.metrics.normalized_mutual_information` is this one, Studholme's
# (H(A) + H(B)) / H(A, B), from a joint histogram of equal-width bins (100 per image
# by default); with the same 32 bins it must give the same number. The clustering NMI
# of notebook 07, scikit-learn's `normalized_mutual_info_score`, divides MI by the mean
# of the two entropies instead and runs from 0 to 1. The two are tied: writing
# Y = (H(A) + H(B)) / H(A, B) and I = H(A) + H(B) − H(A, B),
#
# $$ \frac{I}{\tfrac12\,(H(A) + H(B))} = 2\Big(1 - \frac{1}{Y}\Big) . $$

# %%
y_ours = nmi_values["noisy"]
y_skimage = normalized_mutual_information(camera, noisy, bins=32)
nmi_arithmetic = normalized_mutual_info_score(codes_a, codes_b)  # on the same bin codes
print(f"Studholme NMI: image_nmi {y_ours:.6f}, scikit-image {y_skimage:.6f}")
print(f"arithmetic NMI: scikit-learn {nmi_arithmetic:.6f}, 2 (1 - 1/Y) = {2 * (1 - 1 / y_ours):.6f}")
assert abs(y_ours - y_skimage) < 1e-12
assert abs(nmi_arithmetic - 2 * (1 - 1 / y_ours)) < 1e-12

# %% [markdown]
# ## 3. MI against shift and rotation of an image against itself
#
# Slide the image over itself one pixel at a time and compute the similarity at each
# offset. `score_transform(fixed, moving, shift=..., angle=..., margin=40)` compares the
# central window of the second image (inset by 40 pixels on every side) with the first
# image moved by the transform, so every offset is scored on the same pixels: only the
# alignment changes, never the number of pixels. Correlation is computed on the same
# pixels for comparison. MI is in nats and correlation has no unit, so each gets its
# own axis.

# %%
offsets = {"shift": np.arange(-20, 21), "angle": np.arange(-10, 11)}
profiles = {
    (kind, metric): np.array([
        score_transform(camera, camera, metric=metric, margin=40,
                        **({"shift": (0, int(v))} if kind == "shift" else {"angle": float(v)}))
        for v in offsets[kind]
    ])
    for kind in ("shift", "angle") for metric in ("mi", "corr")
}

fig, axes = plt.subplots(1, 2, figsize=(10, 3.4), layout="constrained")
for ax, kind, xlabel, title in ((axes[0], "shift", "horizontal shift dx (pixels)", "camera vs camera shifted by dx"),
                                (axes[1], "angle", "rotation (degrees)", "camera vs camera rotated")):
    line_mi, = ax.plot(offsets[kind], profiles[kind, "mi"], "o-", ms=3, color="tab:blue", label="MI (nats, left axis)")
    ax.set_ylabel("MI (nats)", color="tab:blue")
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    twin = ax.twinx()
    line_corr, = twin.plot(offsets[kind], profiles[kind, "corr"], "s--", ms=3, color="tab:orange",
                           label="correlation (right axis)")
    twin.set_ylabel("Pearson correlation", color="tab:orange")
    ax.legend(handles=[line_mi, line_corr], loc="lower center", fontsize=8)
plt.show()

for kind, unit in (("shift", "px"), ("angle", "deg")):
    mi_p, corr_p, x = profiles[kind, "mi"], profiles[kind, "corr"], offsets[kind]
    centre = len(x) // 2
    print(f"{kind:>5}: MI peaks at {x[mi_p.argmax()]:+d} {unit} ({mi_p[centre]:.3f} nats) and is "
          f"{mi_p[centre + 1] / mi_p[centre]:.0%} of that 1 {unit} away; correlation peaks at "
          f"{x[corr_p.argmax()]:+d} {unit} and is {corr_p[centre + 1]:.3f} 1 {unit} away")
    assert mi_p.argmax() == centre and corr_p.argmax() == centre
    assert max(mi_p[centre - 1], mi_p[centre + 1]) < 0.55 * mi_p[centre]   # MI halves within one step
    assert min(corr_p[centre - 1], corr_p[centre + 1]) > 0.9                 # correlation barely moves

# %% [markdown]
# MI has a sharp peak at zero: one pixel or one degree away it has fallen to about
# half, while correlation falls slowly. How much of that drop is misalignment? Look
# closer to zero, at shifts of a fraction of a pixel (`score_transform` interpolates
# between pixels), for the image against itself and against the noisy copy of
# section 1.

# %%
fractions = np.array([0.0, 0.05, 0.1, 0.25, 0.5, 1.0])
near_zero = {name: np.array([score_transform(camera, other, shift=(0, float(s)), margin=40) for s in fractions])
             for name, other in (("itself", camera), ("the noisy copy", noisy))}
tiny_turn = score_transform(camera, camera, angle=0.05, margin=40)
reach = np.deg2rad(0.05) * np.hypot(*(np.array(camera.shape) / 2 - 40))  # farthest window pixel from the centre
print(f"{'shift dx (px):':30s}" + "".join(f"{s:>7.2f}" for s in fractions))
for name, v in near_zero.items():
    print(f"{'MI, camera vs ' + name:30s}" + "".join(f"{x:7.3f}" for x in v) + "  nats")
    print(f"{'   share of its value at 0':30s}" + "".join(f"{x / v[0]:7.0%}" for x in v))
print(f"camera vs itself turned by 0.05 deg (no window pixel moves more than {reach:.2f} px): "
      f"MI {tiny_turn:.3f} nats, {tiny_turn / near_zero['itself'][0]:.0%} of its value at 0")
self_curve, copy_curve = near_zero["itself"] / near_zero["itself"][0], near_zero["the noisy copy"] / near_zero["the noisy copy"][0]
assert self_curve[2] < 0.9 and tiny_turn < 0.93 * near_zero["itself"][0] and reach < 0.12  # a tenth of a pixel costs > 10%
assert copy_curve[2] > 0.98 and copy_curve[-1] > self_curve[-1]                         # the noisy copy: no cusp

# %% [markdown]
# Against itself, MI loses more than a tenth of its value at a shift of a tenth of a
# pixel, and more than 7% at a rotation of 0.05°, which moves no pixel of the window
# by more than about a tenth of a pixel: nothing has moved anywhere near an edge's
# width. The cause is the binning. At exactly zero every pixel is paired with an
# identical value, so the joint histogram is perfectly diagonal and MI equals the
# entropy of the binned image. Any sub-pixel change alters the interpolated
# intensities slightly, and every pixel near a bin edge crosses it, which thickens the
# diagonal at once. Against the noisy copy, whose diagonal is already thick, the curve
# is smooth at zero and keeps more than 98% of its value at a tenth of a pixel. So the
# cusp at zero is an artefact of comparing an image with *itself*, and that is also
# the weakness of this whole experiment: any sensible similarity is largest at zero
# when an image meets its own copy. We come back to this in the Pitfall. The
# interesting case is two images that do not share their intensities.

# %% [markdown]
# ## 4. A second modality, misaligned by a transform you do not know
#
# We simulate a second imaging modality of the same scene in three steps:
#
# 1. **Different contrast.** Each intensity u (scaled to [0, 1]) is mapped through a
#    U-shaped curve, ((u − c)/r)²: dark and bright parts of the scene both come out
#    bright, mid-grey comes out dark. The centre c is chosen so that, over the whole
#    image, the new intensities have *zero correlation* with the old ones. The new
#    image is still a deterministic function of the old one (each output value comes
#    from at most two input values), so much of the information is kept.
# 2. **Misalignment.** The result is rotated and shifted by a rigid transform drawn at
#    random from the seed: an integer angle up to ±10° and an integer shift up to
#    ±12 pixels. The draw is stored in `hidden` and not printed until section 6.
# 3. **Noise.** Gaussian noise with standard deviation 0.05 is added to every pixel.

# %%
moving, hidden = simulate_modality(camera, seed=SEED, noise=0.05, max_shift=12, max_angle=10)
second_aligned = u_shaped_remap(camera)  # step 1 only: the new contrast without the misalignment

u = np.linspace(0, 1, 201)
c = np.cov(camera.ravel(), camera.ravel() ** 2)[0, 1] / (2 * camera.var(ddof=1))  # camera already spans [0, 1]
fig, axes = plt.subplots(1, 4, figsize=(12, 3.1), layout="constrained")
axes[0].plot(u, (u - c) ** 2 / max(c, 1 - c) ** 2)
axes[0].set_xlabel("camera intensity u")
axes[0].set_ylabel("second modality")
axes[0].set_title("the intensity remap")
for ax, img, title in zip(axes[1:3], (camera, moving), ("fixed: camera", "moving: second modality")):
    ax.imshow(img, cmap="gray")
    ax.set_title(title)
    ax.axis("off")
axes[3].imshow(np.log1p(joint_histogram(camera, second_aligned)), origin="lower", cmap="magma")
axes[3].set_xlabel("bin of the new contrast")
axes[3].set_ylabel("bin of camera")
axes[3].set_title("joint histogram if aligned")
plt.show()

corr_aligned = image_correlation(camera, second_aligned)
aligned_noisy = second_aligned + 0.05 * np.random.default_rng(SEED + 10).standard_normal(camera.shape)  # steps 1 and 3
mi_aligned, mi_aligned_noisy, mi_given = (image_mi(camera, other) for other in (second_aligned, aligned_noisy, moving))
print(f"aligned, new contrast: correlation = {round(corr_aligned, 4) + 0.0:+.4f}, "
      f"MI = {mi_aligned:.3f} nats ({mi_aligned / h_camera:.0%} of H(binned camera)), "
      f"NMI = {image_nmi(camera, second_aligned):.3f}")
print(f"aligned, new contrast, noise 0.05 (steps 1 and 3): MI = {mi_aligned_noisy:.3f} nats "
      f"({mi_aligned_noisy / mi_aligned:.0%} of the noiseless value)")
print(f"as given (misaligned, noisy): correlation = {image_correlation(camera, moving):+.4f}, "
      f"MI = {mi_given:.3f} nats ({mi_given / mi_aligned_noisy:.0%} of the aligned noisy value), "
      f"NMI = {image_nmi(camera, moving):.3f}")
assert abs(corr_aligned) < 1e-10 and mi_aligned > 0.5 * h_camera
assert 0.45 < mi_aligned_noisy / mi_aligned < 0.6 and mi_given < 0.4 * mi_aligned_noisy  # noise halves it; misalignment takes most of the rest

# %% [markdown]
# Aligned, the joint histogram is a sharp bent curve: intensity in one image predicts
# intensity in the other, but not along a straight line, so the correlation is zero
# while the MI keeps most of the camera's entropy. Two things separate that from the
# pair as given, and the numbers above take them one at a time. The noise alone, with
# the images still aligned, roughly halves the MI: it thickens the curve, as in
# section 1. The misalignment then takes the MI to well under half of that. Only the
# second loss is ours to undo: registration means finding the transform that brings
# the MI back up towards the aligned noisy value.

# %% [markdown]
# ## 5. Try it: align the two images by hand
#
# The panel moves the camera image (green) by a shift and a rotation of your choice
# and lays it over the second modality (magenta). On the right is the joint histogram
# of the pixels inside the dashed window; below the sliders are MI, NMI and
# correlation at your setting and at the hidden true transform (which the panel knows,
# but does not show).
#
# - Move one slider at a time and watch the joint histogram: near the right setting it
#   contracts into the bent curve of section 4, and the MI jumps.
# - Try to reach the MI of the true transform. Watch the correlation too: is it any guide?
# - Change the bins: what happens to the MI values, and to the best setting?
#
# For speed the panel computes on a 128 × 128 version of the images; the shift sliders
# are still in pixels of the 256 × 256 image.

# %%
registration_panel()

# %% [markdown]
# Here are the answers, computed on the panel's own 128 × 128 view: MI at the
# panel's starting point (no transform), at the truth, and at the best of the 26
# settings around the truth (±2 px, ±2°); and correlation over a grid of settings
# that covers the sliders' range.

# %%
scene = AlignmentScene(camera, moving)
t_angle, (t_dy, t_dx) = hidden["angle"], hidden["shift"]
print(f"{'bins':>4s} {'MI at start':>12s} {'MI at truth':>12s} {'best neighbour':>15s}   (nats)")
mi_by_bins = []
for bins in (16, 32, 64, 128):
    start, truth_here = scene.evaluate(0, (0, 0), bins)["mi"], scene.evaluate(t_angle, (t_dy, t_dx), bins)["mi"]
    neighbours = max(scene.evaluate(t_angle + da, (t_dy + dy, t_dx + dx), bins)["mi"]
                     for da in (-2, 0, 2) for dy in (-2, 0, 2) for dx in (-2, 0, 2) if (da, dy, dx) != (0, 0, 0))
    print(f"{bins:4d} {start:12.3f} {truth_here:12.3f} {neighbours:15.3f}")
    assert truth_here > neighbours and truth_here > 1.5 * start
    mi_by_bins.append((start, truth_here))
assert all(a[0] < b[0] and a[1] < b[1] for a, b in zip(mi_by_bins, mi_by_bins[1:]))  # more bins, more MI

grid = [(scene.evaluate(a, (dy, dx), 32)["corr"], a, dy, dx)
        for a in range(-15, 16, 5) for dy in range(-16, 17, 8) for dx in range(-16, 17, 8)]
corr_truth = scene.evaluate(t_angle, (t_dy, t_dx), 32)["corr"]
lowest, highest = min(grid), max(grid)
print(f"correlation over {len(grid)} settings: from {lowest[0]:+.3f} to {highest[0]:+.3f} "
      f"(largest at angle {highest[1]:+d} deg, shift ({highest[2]}, {highest[3]})); at the truth {corr_truth:+.3f}")
assert highest[0] < 0.1 and lowest[0] > -0.3 and corr_truth < highest[0]
assert abs(highest[1]) == 15 and abs(highest[2]) == abs(highest[3]) == 16  # a corner of the sliders' range

# %% [markdown]
# At every bin count the truth beats all its neighbours, and by a wide margin the
# starting point. More bins raise every MI value (finer histograms, and more upward
# bias) without moving the best setting. Correlation stays small over the whole range
# of the sliders and is largest at a corner, far from the truth.

# %% [markdown]
# ## 6. Recovering the transform by maximising MI
#
# A computer does what you just did, systematically. For every candidate angle (whole
# degrees), the camera image is rotated once and binned once; then every integer shift
# is scored with a `np.bincount` over precomputed bin codes. To save time the search
# runs **coarse to fine**: first on 4 × 4 block averages (64 × 64 pixels, shifts in
# steps of 4), then at full resolution around the best coarse answer. We run the same
# search with NMI and with correlation as the score.

# %%
search = dict(max_shift=15, angles=np.arange(-15, 16), coarse=4)
by_mi = register_rigid_mi(camera, moving, metric="mi", **search)
by_nmi = register_rigid_mi(camera, moving, metric="nmi", **search)
by_corr = register_rigid_mi(camera, moving, metric="corr", **search)
for name, r in (("MI", by_mi), ("NMI", by_nmi), ("correlation", by_corr)):
    print(f"{name:>11}: angle {r.angle:+.0f} deg, shift (dy, dx) = {r.shift}  ({r.evaluations} evaluations)")

# %% [markdown]
# Now the reveal. This is the transform that was drawn in section 4:

# %%
print(f"hidden transform: angle {hidden['angle']:+.0f} deg, shift (dy, dx) = {hidden['shift']}")
found = {}
for name, r in (("MI", by_mi), ("NMI", by_nmi), ("correlation", by_corr)):
    found[name] = r.angle == hidden["angle"] and r.shift == hidden["shift"]
    print(f"{name:>11} recovered it: {found[name]}")
on_edge = abs(by_corr.angle) == 15 or max(abs(v) for v in by_corr.shift) == 15
print(f"correlation's answer lies on the edge of the search range: {on_edge}")
assert found["MI"] and found["NMI"] and not found["correlation"] and on_edge

# %% [markdown]
# MI and NMI find the hidden transform. Note what "find" means here: the transform was
# drawn in whole degrees and whole pixels, and the search tries exactly those, so the
# truth is one of the candidates. A real transform lies between grid points; section 8
# looks there. Correlation lands on the edge of the search range, a sign that it has
# no real optimum to find. The overlays show why: green is the camera moved by each
# answer, magenta the second modality.

# %%
def overlay(fixed_moved, other):
    """Green: the first image; magenta: the second (each scaled to [0, 1])."""
    f = (fixed_moved - fixed_moved.min()) / np.ptp(fixed_moved)
    o = (other - other.min()) / np.ptp(other)
    return np.dstack([o, f, o])


centre_window = (slice(40, -40), slice(40, -40))  # a central window that every candidate covers
fig, axes = plt.subplots(1, 3, figsize=(10, 3.6), layout="constrained")
for ax, (title, r) in zip(axes, (("before (no transform)", None), ("MI's answer", by_mi), ("correlation's answer", by_corr))):
    moved = camera if r is None else rigid_transform(camera, angle=r.angle, shift=r.shift)
    scores = (f"MI = {image_mi(moved[centre_window], moving[centre_window]):.3f} nats, "
              f"corr = {image_correlation(moved[centre_window], moving[centre_window]):+.3f}")
    ax.imshow(overlay(moved, moving))
    ax.set_title(f"{title}\n{scores}", fontsize=10)
    ax.axis("off")
plt.show()

# %% [markdown]
# (The scores in the titles are computed on the central 176 × 176 pixels, which every
# candidate covers.) The score surfaces tell the same story. Here is the coarse search
# at each measure's best angle: MI has one clear peak at the truth, while correlation
# has no peak inside the range; it is largest on the border, so its "answer" is
# wherever the range happens to end. (Correlation's best angle is not the true one, so
# the red cross on its surface marks the true shift on a slice that does not contain
# the true transform.)

# %%
k_mi = int(np.flatnonzero(by_mi.angles == by_mi.angle)[0])
k_corr = int(np.flatnonzero(by_corr.angles == by_corr.angle)[0])
ext = [by_mi.shifts[0] * 4 - 2, by_mi.shifts[-1] * 4 + 2, by_mi.shifts[-1] * 4 + 2, by_mi.shifts[0] * 4 - 2]
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.6), layout="constrained")
for ax, surf, angle, title in ((axes[0], by_mi.surface[k_mi], by_mi.angle, f"MI (nats) at {by_mi.angle:+.0f} deg"),
                               (axes[1], by_corr.surface[k_corr], by_corr.angle, f"correlation at {by_corr.angle:+.0f} deg")):
    im = ax.imshow(surf, extent=ext, cmap="viridis")
    marker_label = "true shift" if angle == hidden["angle"] else f"true shift (at {hidden['angle']:+.0f} deg)"
    ax.plot(hidden["shift"][1], hidden["shift"][0], "r+", ms=14, mew=2, label=marker_label)
    ax.set_xlabel("dx (pixels)")
    ax.set_ylabel("dy (pixels)")
    ax.set_title(title)
    ax.legend(loc="lower left", fontsize=8)
    fig.colorbar(im, ax=ax, shrink=0.8)
plt.show()
surf_corr = by_corr.surface[k_corr]
i_best, j_best = np.unravel_index(surf_corr.argmax(), surf_corr.shape)
i_mi, j_mi = np.unravel_index(by_mi.surface[k_mi].argmax(), surf_corr.shape)
assert i_best in (0, surf_corr.shape[0] - 1) or j_best in (0, surf_corr.shape[1] - 1)  # on the border
assert abs(by_mi.shifts[i_mi] * 4 - hidden["shift"][0]) <= 4 and abs(by_mi.shifts[j_mi] * 4 - hidden["shift"][1]) <= 4

# %% [markdown]
# ## 7. Is MI needed? The correlation ratio
#
# Correlation failed because the new contrast is not a *linear* function of the old.
# But it is still a *function*. Roche, Malandain, Pennec and Ayache proposed a measure
# for exactly that case (A. Roche et al., "The correlation ratio as a new similarity
# measure for multimodal image registration", *MICCAI 1998*, LNCS 1496, 1115–1124):
#
# $$ \eta^2(B \mid A) = \frac{\operatorname{Var}\big(E[B \mid A]\big)}{\operatorname{Var}(B)}
#    = 1 - \frac{E\big[\operatorname{Var}(B \mid A)\big]}{\operatorname{Var}(B)} , $$
#
# the share of B's variance explained by A's intensity: bin A, average B over the
# pixels of each bin, and see how much of B's spread those averages account for. It is
# 1 when B is any function of A, monotone or not, and 0 when B has the same mean in
# every bin of A. It is **not symmetric**. `correlation_ratio(a, b)` computes
# η²(B | A); it is the R² of a one-way analysis of variance of B grouped by A's bins,
# so SciPy's F test gives it independently: η² = F (k − 1) / (F (k − 1) + N − k) for
# k groups and N pixels.

# %%
eta_second_given_camera = correlation_ratio(camera, second_aligned)
eta_camera_given_second = correlation_ratio(second_aligned, camera)
groups = [second_aligned.ravel()[codes_a == k] for k in np.unique(codes_a)]
f_stat, n_groups = f_oneway(*groups).statistic, len(groups)
eta_from_anova = f_stat * (n_groups - 1) / (f_stat * (n_groups - 1) + camera.size - n_groups)
print(f"eta^2(second | camera) = {eta_second_given_camera:.4f}  (from SciPy's one-way ANOVA: {eta_from_anova:.4f})")
print(f"eta^2(camera | second) = {eta_camera_given_second:.4f}")
assert abs(eta_second_given_camera - eta_from_anova) < 1e-10
assert eta_second_given_camera > 0.99 and 0.2 < eta_camera_given_second < 0.3

# %% [markdown]
# Predicting the second modality from the camera explains 99% of its variance: the U
# curve is a function. The other way round it explains only about a quarter, because
# one value of the second modality comes from two camera intensities, one on each side
# of the bend, and their average tells little. So η² in the right direction should
# register this pair as well as MI does. It can be used in the searches as
# `metric="cr_moving"` (η² of the moving image given the fixed one's bins) or
# `"cr_fixed"` (the other direction).
#
# Now a pair whose intensity relation is **not a function in one direction**. Cut the
# camera into three "tissue" classes by intensity (its darkest, middle and brightest
# thirds of pixels). Modality A shows dark tissue at 0.2 and cannot tell the other two
# apart: both appear at 0.8. Modality B tells them apart (middle at 0, bright at 1)
# and shows dark tissue at the pixel-weighted mean of those two. Real scanners do
# this: air and cortical bone are both dark in an MR image but far apart in CT. Given
# A, the *mean* of B is the same in every bin, so η²(B | A) is about 0 even when the
# images are aligned; η²(A | B) is high, because A is a function of B.

# %%
tissue = np.digitize(camera, np.quantile(camera, [1 / 3, 2 / 3]))  # 0, 1, 2: dark, middle, bright
share = np.bincount(tissue.ravel()) / tissue.size
modality_a = np.array([0.2, 0.8, 0.8])[tissue] + 0.05 * rng.standard_normal(camera.shape)
modality_b = np.array([share[2] / (share[1] + share[2]), 0.0, 1.0])[tissue]

fig, axes = plt.subplots(1, 3, figsize=(10, 3.2), layout="constrained")
for ax, img, title in ((axes[0], modality_a, "modality A (fixed)"), (axes[1], modality_b, "modality B, aligned")):
    ax.imshow(img, cmap="gray")
    ax.set_title(title)
    ax.axis("off")
axes[2].imshow(np.log1p(joint_histogram(modality_a, modality_b)), origin="lower", cmap="magma")
axes[2].set_xlabel("bin of B")
axes[2].set_ylabel("bin of A")
axes[2].set_title("joint histogram, aligned")
plt.show()
eta_b_given_a, eta_a_given_b = correlation_ratio(modality_a, modality_b), correlation_ratio(modality_b, modality_a)
print(f"aligned: MI = {image_mi(modality_a, modality_b):.3f} nats, correlation = {image_correlation(modality_a, modality_b):+.4f}, "
      f"eta^2(B | A) = {eta_b_given_a:.4f}, eta^2(A | B) = {eta_a_given_b:.4f}")
assert eta_b_given_a < 0.01 and eta_a_given_b > 0.9 and abs(image_correlation(modality_a, modality_b)) < 0.01

# %% [markdown]
# Now register both pairs with every measure, not once but on 40 hidden shifts each
# (one draw could be lucky). To keep this quick the pairs are reduced to 128 × 128
# pixels and the hidden transform is a shift of up to ±8 pixels; the search covers
# ±8 pixels, coarse to fine. The table counts how many of the 40 shifts each measure
# recovers.

# %%
small_camera, small_a, small_b = (block_downsample(img, 2) for img in (camera, modality_a, modality_b))
pairs_to_register = {"U-shaped remap": (small_camera, small_camera, u_shaped_remap),
                     "tissue classes": (small_a, small_b, lambda image: image)}
measures = {"mi": "MI", "corr": "correlation", "cr_moving": "eta^2(moving | fixed)", "cr_fixed": "eta^2(fixed | moving)"}
n_draws = 40
recovered, corr_answers, corr_hits = {}, Counter(), []
for pair_name, (fixed_img, source, remap) in pairs_to_register.items():
    for seed in range(10, 10 + n_draws):
        moved_img, truth_shift = simulate_modality(source, seed=seed, remap=remap, max_angle=0, max_shift=8)
        for metric in measures:
            r = register_translation_mi(fixed_img, moved_img, max_shift=8, metric=metric, coarse=2)
            hit = r.shift == truth_shift["shift"]
            recovered[pair_name, metric] = recovered.get((pair_name, metric), 0) + hit
            if metric == "corr":
                corr_answers[r.shift] += 1
                corr_hits += [truth_shift["shift"]] if hit else []
print(f"{'':24s}" + "".join(f"{name:>17s}" for name in pairs_to_register))
for metric, label in measures.items():
    print(f"{label:24s}" + "".join(f"{recovered[p, metric]:>14d}/{n_draws}" for p in pairs_to_register))
corner, corner_count = corr_answers.most_common(1)[0]
print(f"correlation's most frequent answer: {corner} ({corner_count} of {2 * n_draws} searches); "
      f"the true shifts it hit: {corr_hits}")
assert recovered["U-shaped remap", "mi"] == recovered["tissue classes", "mi"] == n_draws
assert recovered["U-shaped remap", "cr_moving"] == n_draws and recovered["tissue classes", "cr_moving"] == 0
assert recovered["tissue classes", "cr_fixed"] == n_draws and 0.4 < recovered["U-shaped remap", "cr_fixed"] / n_draws < 0.65
assert max(recovered[p, "corr"] for p in pairs_to_register) <= 0.1 * n_draws and corner == (8, 8)
assert corner_count > 1.5 * n_draws and all(max(abs(a - 8) for a in hit) <= 3 for hit in corr_hits)

# %% [markdown]
# On the U-shaped remap, η² of the moving image given the fixed one recovers every
# shift, as MI does: when one modality is a function of the other, the correlation
# ratio in that direction is all you need (and it bins only one image); the other
# direction, which explains only a quarter of the variance, recovers only about half
# of them. On the tissue classes, the same direction fails every time,
# because the relation it assumes does not exist; only the other direction and MI
# work. That is MI's real advantage over η²: it needs no functional relation and no
# choice of direction, only that the joint histogram of aligned images is sharper than
# that of misaligned ones. Correlation fails on both pairs. Almost every one of its
# searches ends in the corner (8, 8) of the range, and its few hits are true shifts
# within 3 pixels of that corner, where the full-resolution step around the corner
# happens to reach them: not a sign that correlation can register these pairs.

# %% [markdown]
# ## 8. Between the grid points: sub-pixel shifts and interpolation
#
# So far every hidden transform was a whole number of pixels, and the search could
# hit it exactly. Real misalignments are not. To score a shift of, say, 1.75 pixels,
# the fixed image must be sampled *between* its pixels, and there are two common ways:
#
# - **linear interpolation**: compute each new intensity as a weighted average of the
#   four nearest pixels, then bin it. This makes new, averaged intensities;
# - **partial-volume interpolation** (Maes et al., *IEEE TMI* 16(2), 1997): make no new
#   intensity; instead split each pixel's single count in the joint histogram between
#   the bins of its four neighbours, with the same weights.
#
# Both change the joint histogram in a way that depends on the fractional part of the
# shift, not only on the alignment. Pluim, Maintz and Viergever analysed these
# **interpolation artefacts** ("Interpolation artefacts in mutual information-based
# image registration", *Computer Vision and Image Understanding* 77(2), 211–232, 2000).
#
# Here is a test with a known sub-pixel truth. The full 512 × 512 photograph is
# shifted by a whole number of its pixels (rolled, so no pixel is lost; the wrapped
# edge stays outside the comparison window), remapped, and averaged over 4 × 4 blocks:
# at 128 × 128 that is a shift in quarter pixels, made the way a camera would see it,
# with no interpolation involved. We score candidate shifts along dx in steps of
# 0.05 pixels (dy held at its true value of 1 pixel) with both interpolations.

# %%
full = camera_image(512)
fixed_128 = block_downsample(full, 4)
noise_128 = rng.standard_normal(fixed_128.shape)
true_dx = (-1.25, -1.5, -1.75, -2.0)
grid_dx = np.round(np.arange(-2.3, -0.7 + 1e-9, 0.05), 2)
subpixel = {}
for t in true_dx:
    source = np.roll(full, (4, int(round(4 * t))), axis=(0, 1))  # 4 rows down, 4|t| columns left (512 px)
    moving_128 = block_downsample(u_shaped_remap(source), 4) + 0.05 * noise_128
    for interp in ("linear", "pv"):
        subpixel[t, interp] = np.array([score_transform(fixed_128, moving_128, shift=(1.0, float(x)),
                                                        interpolation=interp, margin=8) for x in grid_dx])

fig, ax = plt.subplots(figsize=(7, 3.4), layout="constrained")
for interp, style, label in (("linear", "-", "linear interpolation"), ("pv", "--", "partial-volume interpolation")):
    ax.plot(grid_dx, subpixel[-1.75, interp], style, label=label)
ax.axvline(-1.75, color="k", lw=1, label="true dx = -1.75 px")
for x in (-2, -1):
    ax.axvline(x, color="0.8", lw=0.8, zorder=0)
ax.set_xlabel("candidate dx (pixels; grey lines: whole pixels)")
ax.set_ylabel("MI (nats)")
ax.set_title("MI between the grid points (dy = 1 px, true dx = -1.75 px)")
ax.legend(fontsize=8)
plt.show()

print(f"{'true dx':>8s} {'whole-pixel search':>19s} {'linear':>8s} {'partial volume':>15s}   (best candidate dx, px)")
best_dx = {}
for t in true_dx:
    whole = grid_dx[np.isclose(grid_dx, np.round(grid_dx))]
    on_grid = subpixel[t, "linear"][np.isclose(grid_dx, np.round(grid_dx))]   # no interpolation there
    best_dx[t] = {"grid": whole[on_grid.argmax()], **{i: grid_dx[subpixel[t, i].argmax()] for i in ("linear", "pv")}}
    print(f"{t:+8.2f} {best_dx[t]['grid']:+19.2f} {best_dx[t]['linear']:+8.2f} {best_dx[t]['pv']:+15.2f}")
for t in true_dx[:3]:  # the three truths between grid points
    assert float(best_dx[t]["pv"]).is_integer()                               # partial volume snaps to the grid
    assert 0 < abs(best_dx[t]["linear"] - t) <= 0.2                           # linear: close, but off
    assert abs(best_dx[t]["linear"] - t) < abs(best_dx[t]["grid"] - t)        # and better than whole pixels
for t, nearest in ((-1.25, -1.0), (-1.75, -2.0)):                             # pulled towards the nearest pixel
    assert 0.1 <= abs(best_dx[t]["linear"] - t) and abs(best_dx[t]["linear"] - nearest) < abs(t - nearest)
assert best_dx[-1.5]["linear"] < -1.5
assert all(best_dx[-2.0][k] == -2.0 for k in ("grid", "linear", "pv"))

# %% [markdown]
# At a whole-pixel truth (−2) every method agrees. Between grid points they do not:
#
# - With **partial-volume interpolation** the MI curve has a corner at every whole
#   pixel, and the best candidate is always a whole pixel: spreading counts over
#   neighbouring bins blurs the joint histogram most halfway between pixels, so MI dips
#   there and the answer snaps to the grid.
# - With **linear interpolation** the best candidate lands between the grid points,
#   closer to the truth than any whole pixel, but it is pulled part of the way
#   towards the nearest whole pixel (by 0.1 to 0.2 pixels at −1.25 and −1.75); from
#   halfway, at −1.5, it drifts towards −2.
#
# These are the artefacts Pluim et al. describe: they appear when the two pixel grids
# can line up, as here, and they bias sub-pixel answers towards (or away from) grid
# positions. Practical registration software reduces them by smoothing the joint
# histogram (Parzen windows, as in Mattes' MI below), by computing MI on a random
# sample of positions rather than the full grid, or by resampling one image onto a
# grid that never lines up with the other. So "recovered exactly" in section 6 means
# "the nearest grid point"; a sub-pixel answer is only as good as its interpolation.

# %% [markdown]
# ## 9. NMI and the size of the overlap
#
# The searches above score every candidate on the same window of the moving image, so
# the number of pixels never changes. Many tools instead score each candidate on the
# *overlap* of the two images, which shrinks as the images slide apart. Studholme et
# al. designed NMI for that setting. Their argument is about entropies: MI = H(A) +
# H(B) − H(A, B) rises whenever the overlap's marginal entropies rise, and an overlap
# that holds a larger share of structure and a smaller share of plain background has
# larger marginal entropies, even if the structures in it do not correspond. NMI
# divides by the joint entropy, which rises too, and so should be much less sensitive
# to what the overlap contains.
#
# A scene to test it: two different parts of the photograph (its bottom-left and
# top-right quarters, each reduced to 32 × 32 pixels) on a plain background of
# 128 × 128 pixels, one near the top-left corner and one near the bottom-right, in
# both modalities, **aligned**, with noise added to each image. Slide the second image
# up and left along the diagonal by d pixels and score the overlap. At d = 64 the
# bottom-right structure of the first image lands on the top-left structure of the
# second: two *different* structures on top of each other, a wrong alignment, in an
# overlap of a quarter of the image. Every overlap is binned on the intensity ranges
# of the full images (`value_range_a`, `value_range_b`), as the searches do, so that
# only the alignment changes the histogram. We try two noise levels, 0.01 and 0.05,
# with six draws each.

# %%
def overlap(a, b, d):
    """The parts of a and b that overlap when b is moved by (-d, -d) pixels (d >= 0)."""
    return a[d:, d:], b[: a.shape[0] - d, : a.shape[1] - d]


small = block_downsample(camera, 4)  # 64 x 64
small_second = u_shaped_remap(small)  # the second modality, one remap for the whole photograph
scene_a, scene_b = np.zeros((128, 128)), np.zeros((128, 128))
for part, place in ((np.s_[32:64, 0:32], np.s_[16:48, 16:48]), (np.s_[0:32, 32:64], np.s_[80:112, 80:112])):
    scene_a[place], scene_b[place] = small[part], small_second[part]
structure = scene_a != 0
diag = np.arange(0, 97, 8)
share = np.array([overlap(structure, structure, int(d))[0].mean() for d in diag])
overlap_share = (128 - diag) ** 2 / 128**2
i64 = int(np.flatnonzero(diag == 64)[0])
print(f"share of structure in the first image's overlap: {share[0]:.1%} at d = 0, {share[i64]:.1%} at d = 64 "
      f"(overlap {overlap_share[i64]:.0%} of the image)")

scores = {}  # (noise, draw) -> MI, NMI, H(A, B) at every d
for noise_sd in (0.01, 0.05):
    for draw in range(6):
        noise_rng = np.random.default_rng(100 + draw)
        img_a = scene_a + noise_sd * noise_rng.standard_normal(scene_a.shape)
        img_b = scene_b + noise_sd * noise_rng.standard_normal(scene_b.shape)
        ranges = dict(value_range_a=(img_a.min(), img_a.max()), value_range_b=(img_b.min(), img_b.max()))
        mi_d = np.array([image_mi(*overlap(img_a, img_b, int(d)), **ranges) for d in diag])
        nmi_d = np.array([image_nmi(*overlap(img_a, img_b, int(d)), **ranges) for d in diag])
        scores[noise_sd, draw] = (mi_d, nmi_d, mi_d / (nmi_d - 1))  # NMI - 1 = MI / H(A, B)

fig, axes = plt.subplots(1, 3, figsize=(12, 3.5), layout="constrained")
axes[0].imshow(scene_a, cmap="gray")
axes[0].add_patch(plt.Rectangle((63.5, 63.5), 64, 64, fill=False, ec="tab:red", lw=1.5, ls="--"))
axes[0].set_title("first image (noiseless); dashed:\nits part of the overlap at d = 64", fontsize=10)
axes[0].axis("off")
for ax, noise_sd in zip(axes[1:], (0.01, 0.05)):
    for k, colour, label in ((0, "tab:blue", "MI / MI(0)"), (1, "tab:green", "(NMI - 1) / (NMI(0) - 1)")):
        base = 0.0 if k == 0 else 1.0
        rel = np.array([(scores[noise_sd, draw][k] - base) / (scores[noise_sd, draw][k][0] - base) for draw in range(6)])
        ax.fill_between(diag, rel.min(axis=0), rel.max(axis=0), color=colour, alpha=0.25)
        ax.plot(diag, rel.mean(axis=0), "o-", color=colour, ms=3, label=f"{label} (mean, band: 6 draws)")
    ax.axhline(1, color="k", lw=0.8)
    ax.axvline(64, color="tab:red", lw=0.8, ls="--", label="d = 64: the two different structures meet")
    ax.set_xlabel("diagonal offset d (pixels)")
    ax.set_ylabel("score relative to the truth, d = 0")
    ax.set_title(f"noise sd {noise_sd}")
fig.legend(*axes[1].get_legend_handles_labels(), loc="outside lower center", ncols=3, fontsize=8)
plt.show()

picks = {}
for noise_sd in (0.01, 0.05):
    mi_best = [int(diag[scores[noise_sd, draw][0].argmax()]) for draw in range(6)]
    nmi_best = [int(diag[scores[noise_sd, draw][1].argmax()]) for draw in range(6)]
    h_ab = np.array([scores[noise_sd, draw][2][[0, i64]] for draw in range(6)]).mean(axis=0)
    picks[noise_sd] = (mi_best, nmi_best, h_ab)
    print(f"noise {noise_sd}: best d by MI {mi_best}, by NMI {nmi_best}; "
          f"H(A, B) at d = 0 and 64: {h_ab[0]:.2f} and {h_ab[1]:.2f} nats (mean of 6 draws)")
half_overlap = overlap_share >= 0.5
print(f"offsets whose overlap keeps at least half of the image: d <= {diag[half_overlap].max()}; best d among them, "
      f"every draw and noise: MI {sorted({int(diag[half_overlap][scores[key][0][half_overlap].argmax()]) for key in scores})}, "
      f"NMI {sorted({int(diag[half_overlap][scores[key][1][half_overlap].argmax()]) for key in scores})}")

noise_rng = np.random.default_rng(100)  # draw 0 at noise 0.05 again
img_a = scene_a + 0.05 * noise_rng.standard_normal(scene_a.shape)
img_b = scene_b + 0.05 * noise_rng.standard_normal(scene_b.shape)
flat = np.s_[0:48, 80:128]  # a corner with no structure in either image: two independent noise patches
own_bins = image_mi(img_a[flat], img_b[flat])
full_bins = image_mi(img_a[flat], img_b[flat], value_range_a=(img_a.min(), img_a.max()), value_range_b=(img_b.min(), img_b.max()))
print(f"a 48 x 48 corner without structure (noise 0.05; true MI 0): {own_bins:.3f} nats binned over its own range, "
      f"{full_bins:.3f} nats over the full images' ranges")

assert abs(share[0] - 0.125) < 1e-12 and abs(share[i64] - 0.25) < 1e-12
assert picks[0.01][0] == [64] * 6 and picks[0.01][1] == [0] * 6            # clean background: MI fooled, NMI not
assert picks[0.05][0] == [64] * 6 and picks[0.05][1] == [64] * 6            # noisy background: both fooled
assert picks[0.05][2][1] / picks[0.05][2][0] < 7 / 6 and picks[0.01][2][1] / picks[0.01][2][0] > 1.25
assert all(int(diag[half_overlap][scores[key][k][half_overlap].argmax()]) == 0 for key in scores for k in (0, 1))
assert own_bins > 5 * full_bins and own_bins > 0.1

# %% [markdown]
# The overlap at d = 64 is a quarter structure, twice the share of the full images, and
# with the cleaner images (noise 0.01) MI prefers this wrong alignment to the truth in
# every draw: the larger share of structure raises both marginal entropies, and MI
# rises although the structures do not correspond. NMI picks the truth in every draw,
# as Studholme et al. intended.
#
# With noise 0.05 NMI is fooled too, in every draw. The noise in the background adds
# entropy to H(A), H(B) and H(A, B) alike. When it dominates the joint entropy, that
# entropy grows by less than a sixth from d = 0 to d = 64 (by more than a quarter with
# the cleaner images; printed above), so NMI − 1 = MI / H(A, B) is MI divided by a
# nearly constant number and inherits MI's preference. With the cleaner images the
# joint entropy grows with the share of structure, and the ratio does its job. So
# NMI's protection is real, but it needs a background that carries little entropy of
# its own. Real tools therefore also require a minimum overlap: here, among the
# offsets whose overlap keeps at least half of the image, both measures pick the truth
# in every draw at both noise levels. The searches in this notebook avoid the question
# by scoring every candidate on the same pixels.
#
# One more rule for overlap scores: bin every overlap on the full images' ranges. An
# overlap that is mostly flat background has a narrow range of its own; binned over
# it, its noise is spread over all 32 bins and the plug-in bias of notebook 04 takes
# over. The last line above shows the size of the effect on a corner of pure noise:
# several times the value it gets with the full images' bins, for a true MI of 0.

# %% [markdown]
# ## Pitfall: "registering" an image against rotated copies of itself
#
# A common demonstration of MI registration rotates an image by a range of angles,
# computes the MI between the image and each rotated copy, and reports that the
# maximum is at 0°. Section 3 did exactly that. It looks like a success, but it
# proves nothing about MI, because *every* similarity measure passes it. Here is the
# same experiment made slightly harder, with a hidden rotation and shift but no change
# of contrast, scored by MI and by correlation, beside the second-modality results of
# section 6:

# %%
same_contrast, hidden_copy = simulate_modality(camera, seed=SEED + 1, noise=0.05, remap=lambda image: image)
print(f"hidden: angle {hidden_copy['angle']:+.0f} deg, shift {hidden_copy['shift']}")
same_ok = {}
for metric in ("mi", "corr"):
    r = register_rigid_mi(camera, same_contrast, metric=metric, **search)
    same_ok[metric] = r.angle == hidden_copy["angle"] and r.shift == hidden_copy["shift"]
    print(f"  same contrast, {metric:>4}: angle {r.angle:+.0f} deg, shift {r.shift} -> correct: {same_ok[metric]}")
for name, r in (("mi", by_mi), ("corr", by_corr)):
    ok = r.angle == hidden["angle"] and r.shift == hidden["shift"]
    print(f"second modality, {name:>4}: angle {r.angle:+.0f} deg, shift {r.shift} -> correct: {ok}")
assert same_ok["mi"] and same_ok["corr"]

# %% [markdown]
# **Why the self-test is trivial.** When the second image is a copy of the first, the
# two are identical at the right transform, so correlation is 1 there, the sum of
# squared differences is 0, and MI is the full entropy. Every measure peaks at the
# answer, and the test cannot tell a good measure from a naive one. It also hands the
# method the answer's neighbourhood for free when the range of angles is centred on 0,
# and it makes MI's peak look sharper than it is: the cusp at zero in section 3 comes
# from pairing every pixel with an identical value, and a noisy copy has none.
#
# **The fix** is a test that can fail: two images with *different* intensity
# relationships (here a non-monotone remap with zero correlation, plus noise), related
# by a transform the method is not told. On that pair correlation fails and MI
# succeeds (P. Viola and W. M. Wells, *IJCV* 24(2), 1997; F. Maes et al., *IEEE Trans.
# Med. Imaging* 16(2), 1997). Go one step further and include a pair whose intensity
# relation is not a function (section 7): it separates MI from the correlation ratio,
# which is the real reason MI is the default for multimodal registration. Check the
# result against the hidden truth only after the search.

# %% [markdown]
# ## Registration in practice
#
# The exhaustive searches here are for teaching. Real tools optimise a smooth version
# of MI with gradients, at sub-pixel precision, in 3-D, with more general transforms:
#
# - **SimpleITK** (and ITK underneath): `ImageRegistrationMethod` with
#   `SetMetricAsMattesMutualInformation(numberOfHistogramBins=50)`. Mattes et al.
#   (*IEEE TMI* 22(1), 2003) smooth the joint histogram with B-spline Parzen windows
#   and evaluate it on a random sample of pixels (`SetMetricSamplingStrategy`), which
#   makes MI differentiable and tames the interpolation artefacts of section 8.
#   `SetMetricAsJointHistogramMutualInformation` and `SetMetricAsCorrelation` are the
#   alternatives.
# - **ANTs**: `antsRegistration --metric Mattes[fixed.nii,moving.nii,1,32]` (or
#   `MI[...]`, the joint-histogram version), usually in rigid, then affine, then
#   deformable stages.
# - **elastix**: a parameter file with `(Metric "AdvancedMattesMutualInformation")` and
#   `(NumberOfHistogramBins 32)`, or `"NormalizedMutualInformation"` for Studholme's NMI.
#
# They share the ideas of this notebook (a joint histogram, coarse to fine, a fixed
# sampling of the overlap) and the cautions: choose the bins, check the answer on a
# pair with a known transform, and do not trust a tiny overlap.

# %% [markdown]
# ## Exercises
#
# Each solution sits in a collapsed cell below its exercise, its code and its output
# both hidden so the answer is not spoiled: click the collapsed cell (or its three dots)
# to open it once you have tried.
#
# **Exercise 1.** How much does the number of bins matter? For 8, 16, 32, 64 and 128
# bins, compute the MI between the camera and the second modality at the true transform
# and at a transform off by 3 pixels in x, and the ratio of the two. Then run the
# registration search of section 6 with each bin count: does the best transform change?

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
at_truth = rigid_transform(camera, angle=hidden["angle"], shift=hidden["shift"])
off = rigid_transform(camera, angle=hidden["angle"], shift=(hidden["shift"][0], hidden["shift"][1] + 3))
window = (slice(30, -30), slice(30, -30))  # a central window, away from the empty corners
answers, ratios = {}, []
for bins in (8, 16, 32, 64, 128):
    mi_true = image_mi(at_truth[window], moving[window], bins=bins)
    mi_off = image_mi(off[window], moving[window], bins=bins)
    r = register_rigid_mi(camera, moving, metric="mi", bins=bins, **search)
    answers[bins] = (r.angle, r.shift)
    ratios.append(mi_true / mi_off)
    print(f"{bins:3d} bins: MI at truth {mi_true:.3f}, 3 px off {mi_off:.3f} nats, ratio {mi_true / mi_off:.2f}; "
          f"search finds angle {r.angle:+.0f} deg, shift {r.shift}")
same = all(a == (hidden["angle"], hidden["shift"]) for a in answers.values())
print(f"Every bin count recovers the hidden transform: {same}.")
print("More bins raise both MI values (finer histograms and more bias); the ratio changes")
print("little, and the search answer does not move over this range.")
assert same and 1.4 < min(ratios) and max(ratios) < 1.8

# %% [markdown]
# **Exercise 2.** Correlation is not always useless. Make the second modality with a
# *monotone* remap (a gamma curve, u ** 0.5) and then with an *inverted* contrast
# (1 − u), register each with correlation and with MI (`remap=` of `simulate_modality`),
# and explain the results.

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
results = {}
for label, remap in (("gamma u**0.5", lambda image: np.sqrt(image)), ("inverted 1 - u", lambda image: 1.0 - image)):
    other, truth = simulate_modality(camera, seed=SEED + 2, remap=remap)
    for metric in ("corr", "mi"):
        r = register_rigid_mi(camera, other, metric=metric, **search)
        results[label, metric] = r.angle == truth["angle"] and r.shift == truth["shift"]
        print(f"{label:>15}, {metric:>4}: correct = {results[label, metric]}")
print(f"correlation of camera with its gamma remap: {image_correlation(camera, np.sqrt(camera)):.3f}")
print("A gamma curve is monotone and nearly linear, so correlation works. Inverted contrast")
print("makes the correlation -1 at the truth, so maximising it fails (maximising |corr| would")
print("work). MI does not care about the direction or the shape of the relation.")
assert results["gamma u**0.5", "corr"] and not results["inverted 1 - u", "corr"]
assert results["gamma u**0.5", "mi"] and results["inverted 1 - u", "mi"]
assert image_correlation(camera, np.sqrt(camera)) > 0.95

# %% [markdown]
# **Exercise 3.** What does the coarse-to-fine search buy? Register the pure-shift pair
# below with `coarse=1` (every shift at full resolution) and `coarse=4`, and compare the
# answers and the number of evaluations.

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
shift_only, truth_shift = simulate_modality(camera, seed=SEED + 3, max_angle=0)
runs = {f: register_translation_mi(camera, shift_only, max_shift=15, coarse=f) for f in (1, 4)}
for f, r in runs.items():
    print(f"coarse={f}: shift {r.shift} (truth {truth_shift['shift']}), {r.evaluations} evaluations")
ratio = runs[4].evaluations / runs[1].evaluations
print(f"Same answer with {ratio:.0%} of the evaluations (about a sixth), most of them on 16 times fewer pixels.")
assert runs[1].shift == runs[4].shift == truth_shift["shift"] and 0.14 < ratio < 0.19
assert runs[4].surface.size > runs[4].evaluations / 2  # most evaluations are on the coarse level

# %% [markdown]
# ## Summary
#
# - The joint histogram of two images pairs pixels at the same position; its MI is
#   high when one image's intensity predicts the other's, in any shape of relation.
#   Studholme's NMI = (H(A) + H(B)) / H(A, B) runs from 1 to 2 (scikit-image's NMI is
#   the same quantity). Over a shrinking overlap it resists a wrong alignment that MI
#   prefers, as long as the background adds little entropy; with a noisy background
#   both fail, so bin every overlap alike and require a minimum overlap.
# - Misalignment smears the joint histogram, so MI peaks at the right transform:
#   registration is a search for that peak (here exhaustive, coarse to fine, on an
#   integer grid; between grid points, interpolation artefacts bias the answer).
# - Across modalities correlation can have nothing to find. The correlation ratio
#   η² works when one intensity is a function of the other, in that direction only;
#   MI needs no such relation.
# - Test a registration method on a pair it can fail on, with a transform it is not
#   told; an image against rotated copies of itself is passed by every measure.
#
# [← Previous: 08 NLP](08_nlp.ipynb) · **09 Images** · [Next: 10 Genes →](10_genes.ipynb)
