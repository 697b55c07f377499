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
# - show, with numbers, why correlation fails on that task and MI does not;
# - tell a real registration test from a trivial one.
#
# **Time:** about 35 minutes. The widget lets you align the two images by hand.

# %% [markdown]
# ## Setup
#
# The image tools live in `mi_helpers.images` and the widget in
# `mi_helpers.widgets.images`. The only real data is scikit-image's "camera"
# photograph, which ships inside the scikit-image package (no download). Every random
# draw is seeded.

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.metrics import mutual_info_score

import mi_helpers as mh
from mi_helpers.images import (
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
from mi_helpers.widgets.images import registration_panel

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
for col, (title, other) in enumerate(pairs.items()):
    axes[0, col].imshow(other, cmap="gray")
    axes[0, col].set_title(title)
    axes[0, col].axis("off")
    counts = joint_histogram(camera, other, bins=32)
    axes[1, col].imshow(np.log1p(counts), origin="lower", cmap="magma")
    axes[1, col].set_xlabel("bin of the second image")
    axes[1, col].set_ylabel("bin of camera")
    axes[1, col].set_title(f"MI = {image_mi(camera, other):.3f} nats", fontsize=10)
fig.suptitle("Joint histograms (32 bins each, colour = log(1 + count))")
plt.show()

# %% [markdown]
# With itself the histogram is a diagonal line: each intensity bin of one image
# predicts the bin of the other exactly, and the MI equals the entropy of the binned
# image. Noise thickens the line; a misalignment smears it across the table, because
# a pixel of one image is now paired with a pixel of a *different* place in the other.
#
# `image_mi` is the plug-in MI of the bin labels, so it must agree with two
# independent computations: `mh.mi_discrete` on the bin codes, and scikit-learn's
# `mutual_info_score` on the table built by NumPy's own `histogram2d`.

# %%
codes_a = intensity_codes(camera, 32).ravel()
codes_b = intensity_codes(noisy, 32).ravel()
numpy_table, _, _ = np.histogram2d(camera.ravel(), noisy.ravel(), bins=32)
print(f"image_mi(camera, noisy):             {image_mi(camera, noisy, bins=32):.6f} nats")
print(f"mh.mi_discrete of the bin codes:     {mh.mi_discrete(codes_a, codes_b):.6f} nats")
print(f"sklearn on numpy's histogram2d:      {mutual_info_score(None, None, contingency=numpy_table):.6f} nats")
print(f"H(binned camera) = {mh.entropy_discrete(codes_a):.4f} nats; image_mi(camera, camera) = {image_mi(camera, camera):.4f} nats")

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
# the paper: plain MI can grow when two misaligned images overlap on a larger or more
# structured region, while NMI is much less sensitive to the size of the overlap.
# (This NMI is not the clustering NMI of notebook 07, which divides MI by a mean of
# entropies and runs from 0 to 1.)

# %%
pure_noise = rng.random(camera.shape)  # unrelated to the camera image
print(f"NMI(camera, camera)  = {image_nmi(camera, camera):.4f}   (exactly 2 by definition)")
print(f"NMI(camera, noisy)   = {image_nmi(camera, noisy):.4f}")
print(f"NMI(camera, shifted) = {image_nmi(camera, shifted):.4f}")
print(f"NMI(camera, noise)   = {image_nmi(camera, pure_noise):.4f}   (independent: close to 1)")

h_a = mh.entropy_discrete(codes_a)
h_ab = mh.entropy_discrete(np.column_stack([codes_a, codes_b]))
print(f"by hand from entropies, NMI(camera, noisy) = (H(A) + H(B)) / H(A,B) = "
      f"{(h_a + mh.entropy_discrete(codes_b)) / h_ab:.4f}")

# %% [markdown]
# ## 3. MI against shift and rotation of an image against itself
#
# Slide the image over itself one pixel at a time and compute the similarity at each
# offset. `register_translation_mi` does this search; its `surface` holds the score of
# every offset it tried. To keep the scores comparable, every offset is scored on the
# same central window of the second image (inset by the largest shift), so only the
# alignment changes, never the number of pixels. `register_rigid_mi` does the same over
# rotations about the image centre. Correlation is computed on the same pixels for
# comparison.

# %%
shifts_self = {m: register_translation_mi(camera, camera, max_shift=20, metric=m) for m in ("mi", "corr")}
angles = np.arange(-20, 21)
turns_self = {m: register_rigid_mi(camera, camera, max_shift=0, angles=angles, metric=m) for m in ("mi", "corr")}

fig, (ax_s, ax_r) = plt.subplots(1, 2, figsize=(9, 3.3), layout="constrained")
dx_axis = shifts_self["mi"].shifts
ax_s.plot(dx_axis, shifts_self["mi"].surface[0, 20, :], "o-", ms=3, label="MI (nats)")
ax_s.plot(dx_axis, shifts_self["corr"].surface[0, 20, :], "s--", ms=3, label="correlation")
ax_s.set_xlabel("horizontal shift dx (pixels)")
ax_s.set_title("camera vs camera shifted by dx")
ax_r.plot(angles, turns_self["mi"].surface[:, 0, 0], "o-", ms=3, label="MI (nats)")
ax_r.plot(angles, turns_self["corr"].surface[:, 0, 0], "s--", ms=3, label="correlation")
ax_r.set_xlabel("rotation (degrees)")
ax_r.set_title("camera vs camera rotated")
ax_r.legend()
plt.show()
for m in ("mi", "corr"):
    print(f"{m:>4}: best shift {shifts_self[m].shift}, best angle {turns_self[m].angle:.0f} deg")

# %% [markdown]
# MI has a sharp peak at zero and falls within a few pixels or degrees: the width of
# the peak is set by the size of the image's structures. Correlation peaks at the same
# place. That is no surprise, and it is the weakness of this experiment: it compares an
# image with *itself*, so any sensible similarity is largest at zero. We come back to
# this in the Pitfall. The interesting case is two images that do not share their
# intensities.

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
#    from at most two input values), so most of the information is kept.
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

print(f"aligned, new contrast: correlation = {round(image_correlation(camera, second_aligned), 4) + 0.0:+.4f}, "
      f"MI = {image_mi(camera, second_aligned):.3f} nats, NMI = {image_nmi(camera, second_aligned):.3f}")
print(f"as given (misaligned, noisy): correlation = {image_correlation(camera, moving):+.4f}, "
      f"MI = {image_mi(camera, moving):.3f} nats, NMI = {image_nmi(camera, moving):.3f}")

# %% [markdown]
# Aligned, the joint histogram is a sharp bent curve: intensity in one image predicts
# intensity in the other, but not along a straight line, so the correlation is zero
# while the MI is large. As given, the pair is misaligned and the MI is much lower.
# Registration means finding the transform that brings the MI back up.

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
# - Try to reach the MI of the true transform. Correlation is no guide: it barely
#   changes, and not in a useful direction.
# - Change the bins: more bins raise every MI value (finer histograms, and more upward
#   bias), but the best setting stays where it is.
#
# For speed the panel computes on a 128 × 128 version of the images; the shift sliders
# are still in pixels of the 256 × 256 image.

# %%
registration_panel()

# %% [markdown]
# ## 6. Recovering the transform by maximising MI
#
# A computer does what you just did, systematically. For every candidate angle, the
# camera image is rotated once and binned once; then every integer shift is scored with
# a `np.bincount` over precomputed bin codes. To save time the search runs
# **coarse to fine**: first on 4 × 4 block averages (64 × 64 pixels, shifts in steps of
# 4), then at full resolution around the best coarse answer. We run the same search
# with correlation as the score.

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
for name, r in (("MI", by_mi), ("NMI", by_nmi), ("correlation", by_corr)):
    ok = r.angle == hidden["angle"] and r.shift == hidden["shift"]
    print(f"{name:>11} recovered it exactly: {ok}")

# %% [markdown]
# MI and NMI find the transform exactly; correlation lands at the edge of the search
# range, a sign that it has no real optimum to find. The overlays show why: green is
# the camera moved by each answer, magenta the second modality.

# %%
def overlay(fixed_moved, other):
    """Green: the first image; magenta: the second (each scaled to [0, 1])."""
    f = (fixed_moved - fixed_moved.min()) / np.ptp(fixed_moved)
    o = (other - other.min()) / np.ptp(other)
    return np.dstack([o, f, o])


centre = (slice(40, -40), slice(40, -40))  # a central window that every candidate covers
fig, axes = plt.subplots(1, 3, figsize=(10, 3.6), layout="constrained")
for ax, (title, r) in zip(axes, (("before (no transform)", None), ("MI's answer", by_mi), ("correlation's answer", by_corr))):
    moved = camera if r is None else rigid_transform(camera, angle=r.angle, shift=r.shift)
    ax.imshow(overlay(moved, moving))
    scores = f"MI = {image_mi(moved[centre], moving[centre]):.3f} nats, corr = {image_correlation(moved[centre], moving[centre]):+.3f}"
    ax.set_title(f"{title}\n{scores}", fontsize=10)
    ax.axis("off")
plt.show()

# %% [markdown]
# (The scores in the titles are computed on the central 176 × 176 pixels, which every
# candidate covers.) The score surfaces tell the same story. Here is the coarse search
# at each measure's best angle: MI has one clear peak at the truth, while correlation
# has no peak at all; it keeps rising towards a corner of the search range, so its
# "answer" is wherever the range happens to end.

# %%
k_mi = int(np.flatnonzero(by_mi.angles == by_mi.angle)[0])
k_corr = int(np.flatnonzero(by_corr.angles == by_corr.angle)[0])
ext = [by_mi.shifts[0] * 4 - 2, by_mi.shifts[-1] * 4 + 2, by_mi.shifts[-1] * 4 + 2, by_mi.shifts[0] * 4 - 2]
fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.6), layout="constrained")
for ax, surf, title in ((axes[0], by_mi.surface[k_mi], f"MI (nats) at {by_mi.angle:+.0f} deg"),
                        (axes[1], by_corr.surface[k_corr], f"correlation at {by_corr.angle:+.0f} deg")):
    im = ax.imshow(surf, extent=ext, cmap="viridis")
    ax.plot(hidden["shift"][1], hidden["shift"][0], "r+", ms=14, mew=2, label="truth")
    ax.set_xlabel("dx (pixels)")
    ax.set_ylabel("dy (pixels)")
    ax.set_title(title)
    fig.colorbar(im, ax=ax, shrink=0.8)
axes[0].legend(loc="lower left")
plt.show()

# %% [markdown]
# ## Pitfall: "registering" an image against rotated copies of itself
#
# A common demonstration of MI registration rotates an image by a range of angles,
# computes the MI between the image and each rotated copy, and reports that the
# maximum is at 0°. Section 3 did exactly that. It looks like a success, but it
# proves nothing about MI, because *every* similarity measure passes it. Here is the
# same experiment made slightly harder, with a hidden rotation and shift but no change
# of contrast, scored three ways:

# %%
same_contrast, hidden_copy = simulate_modality(camera, seed=SEED + 1, noise=0.05, remap=lambda image: image)
print(f"hidden: angle {hidden_copy['angle']:+.0f} deg, shift {hidden_copy['shift']}")
for metric in ("mi", "nmi", "corr"):
    r = register_rigid_mi(camera, same_contrast, metric=metric, **search)
    ok = r.angle == hidden_copy["angle"] and r.shift == hidden_copy["shift"]
    print(f"  same contrast, {metric:>4}: angle {r.angle:+.0f} deg, shift {r.shift} -> correct: {ok}")
for name, r in (("mi", by_mi), ("nmi", by_nmi), ("corr", by_corr)):
    ok = r.angle == hidden["angle"] and r.shift == hidden["shift"]
    print(f"second modality, {name:>4}: angle {r.angle:+.0f} deg, shift {r.shift} -> correct: {ok}")

# %% [markdown]
# **Why the self-test is trivial.** When the second image is a copy of the first, the
# two are identical at the right transform, so correlation is 1 there, the sum of
# squared differences is 0, and MI is the full entropy. Every measure peaks at the
# answer, and the test cannot tell a good measure from a naive one. It also hands the
# method the answer's neighbourhood for free when the range of angles is centred on 0.
#
# **The fix** is a test that can fail: two images with *different* intensity
# relationships (here a non-monotone remap with zero correlation, plus noise), related
# by a transform the method is not told. On that pair correlation fails and MI
# succeeds, which is the real reason MI is used for multimodal registration (P. Viola
# and W. M. Wells, *IJCV* 24(2), 1997; F. Maes et al., *IEEE Trans. Med. Imaging*
# 16(2), 1997). Check the result against the hidden truth only after the search.

# %% [markdown]
# ## Exercises
#
# Each solution sits in a collapsed cell below its exercise, its code and its output
# both hidden so the answer is not spoiled: click the collapsed cell (or its three dots)
# to open it once you have tried.
#
# **Exercise 1.** How much does the number of bins matter? For 8, 16, 32, 64 and 128
# bins, compute the MI between the camera and the second modality at the true transform
# and at a transform off by 3 pixels in x, and the ratio of the two. Does the best
# transform change?

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
at_truth = rigid_transform(camera, angle=hidden["angle"], shift=hidden["shift"])
off = rigid_transform(camera, angle=hidden["angle"], shift=(hidden["shift"][0], hidden["shift"][1] + 3))
window = (slice(30, -30), slice(30, -30))  # a central window, away from the empty corners
for bins in (8, 16, 32, 64, 128):
    mi_true = image_mi(at_truth[window], moving[window], bins=bins)
    mi_off = image_mi(off[window], moving[window], bins=bins)
    print(f"{bins:3d} bins: MI at truth {mi_true:.3f}, 3 px off {mi_off:.3f} nats, ratio {mi_true / mi_off:.2f}")
print("More bins raise both values (finer histograms and more bias), but the truth stays on top.")

# %% [markdown]
# **Exercise 2.** Correlation is not always useless. Make the second modality with a
# *monotone* remap (a gamma curve, u ** 0.5) and then with an *inverted* contrast
# (1 − u), register each with correlation and with MI (`remap=` of `simulate_modality`),
# and explain the results.

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
for label, remap in (("gamma u**0.5", lambda image: np.sqrt(image)), ("inverted 1 - u", lambda image: 1.0 - image)):
    other, truth = simulate_modality(camera, seed=SEED + 2, remap=remap)
    for metric in ("corr", "mi"):
        r = register_rigid_mi(camera, other, metric=metric, **search)
        ok = r.angle == truth["angle"] and r.shift == truth["shift"]
        print(f"{label:>15}, {metric:>4}: correct = {ok}")
print("A gamma curve is nearly linear, so correlation works. Inverted contrast makes the")
print("correlation -1 at the truth, so maximising it fails (maximising |corr| would work).")
print("MI does not care about the direction or the shape of the relation.")

# %% [markdown]
# **Exercise 3.** What does the coarse-to-fine search buy? Register the pure-shift pair
# below with `coarse=1` (every shift at full resolution) and `coarse=4`, and compare the
# answers and the number of evaluations.

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
shift_only, truth_shift = simulate_modality(camera, seed=SEED + 3, max_angle=0)
for f in (1, 4):
    r = register_translation_mi(camera, shift_only, max_shift=15, coarse=f)
    print(f"coarse={f}: shift {r.shift} (truth {truth_shift['shift']}), {r.evaluations} evaluations")
print("Same answer with about a sixth of the evaluations, most of them on 16 times fewer pixels.")

# %% [markdown]
# ## Summary
#
# - The joint histogram of two images pairs pixels at the same position; its MI is
#   high when one image's intensity predicts the other's, in any shape of relation.
# - Studholme's NMI = (H(A) + H(B)) / H(A, B) runs from 1 (independent) to 2 (an
#   image with itself) and is less sensitive to the overlap than MI.
# - Misalignment smears the joint histogram, so MI peaks at the right transform:
#   registration is a search for that peak (here exhaustive, coarse to fine).
# - Across modalities the intensity relation can be non-monotone; correlation then
#   has nothing to find, while MI recovers the transform exactly.
# - Test a registration method on a pair it can fail on, with a transform it is not
#   told; an image against rotated copies of itself is passed by every measure.
#
# [← Previous: 08 NLP](08_nlp.ipynb) · **09 Images** · [Next: 10 Genes →](10_genes.ipynb)
