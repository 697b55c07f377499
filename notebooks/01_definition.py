# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · What mutual information is
#
# [Course overview](../README.md) · **01 Definition** · [Next: 02 Properties →](02_properties.ipynb)
#
# Mutual information (MI) measures how much knowing one variable tells you about
# another. It is zero exactly when the two are independent, it catches any kind of
# dependence (not only straight lines), and it has a unit: the nat or the bit.
#
# **You will learn to**
#
# - define MI as the divergence of the joint distribution from the product of its marginals;
# - compute it exactly for a small discrete table, by hand and with `mi_helpers`;
# - relate it to entropy, I(X;Y) = H(X) + H(Y) − H(X,Y), and convert nats to bits;
# - extend it to continuous variables, and explain why their MI is unit-free (and finite
#   when the pair has a joint density) while the entropy of ever finer bins diverges and
#   the differential entropy depends on the unit;
# - use the closed form for a Gaussian pair, −½ ln(1 − ρ²), to check an estimate;
# - spot the most common MI bug on the web: `mutual_info_score` on raw floats.
#
# **Time:** about 35 minutes. Move the sliders; every number with a known true value is shown next to it.

# %% [markdown]
# ## Setup
#
# Everything the course computes comes from the small package `mi_helpers` that ships
# with it. Every random draw is seeded, so you see the same numbers as the stored output.

# %%
import functools
import warnings

import matplotlib.pyplot as plt
import numpy as np
from scipy.stats import entropy as kl_divergence
from sklearn.metrics import mutual_info_score

import mi_helpers as mh
from mi_helpers.stats import occupied_cells, plugin_mi_bias, sampling_distribution
from mi_helpers.synthetic import discretized_gaussian_table, gaussian_binned_mi
from mi_helpers.widgets.definition import gaussian_estimates, gaussian_panel, joint_table_panel, joint_table_summary

SEED = 0
rng = np.random.default_rng(SEED)
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. Dependence as a distance from independence
#
# Two discrete variables X and Y are independent when their joint distribution is the
# product of the marginals: P(x, y) = P(x) P(y) for every pair of values. Mutual
# information measures how far the joint is from that product, with the
# Kullback–Leibler divergence:
#
# $$
# I(X;Y) \;=\; D_{\mathrm{KL}}\big(P_{XY} \,\|\, P_X P_Y\big)
#        \;=\; \sum_{x,y} P(x,y)\,\ln \frac{P(x,y)}{P(x)\,P(y)} .
# $$
#
# Each term compares how often a pair *does* occur with how often it *would* occur if
# the variables ignored each other. With the natural logarithm the unit is the **nat**;
# with log base 2 it is the **bit**.

# %% [markdown]
# ## 2. An exact example: sky and umbrella
#
# Here is a made-up joint distribution of the sky in the morning and whether a
# commuter carries an umbrella. Rows are the sky (clear, cloudy, rain), columns the
# umbrella (no, yes).

# %%
sky = ["clear", "cloudy", "rain"]
umbrella = ["no", "yes"]
p_xy = np.array([
    [0.40, 0.02],
    [0.20, 0.08],
    [0.05, 0.25],
])
p_x = p_xy.sum(axis=1)  # P(sky)
p_y = p_xy.sum(axis=0)  # P(umbrella)
print("P(sky)      =", p_x)
print("P(umbrella) =", p_y)
print("P(sky) P(umbrella) =\n", np.outer(p_x, p_y))

# %% [markdown]
# Apply the definition term by term. This loop is for understanding; the helper below
# does the same in one call.

# %%
mi_by_hand = 0.0
for i in range(len(sky)):
    for j in range(len(umbrella)):
        if p_xy[i, j] > 0:  # a zero-probability pair adds nothing
            mi_by_hand += p_xy[i, j] * np.log(p_xy[i, j] / (p_x[i] * p_y[j]))

mi_exact = mh.mi_from_joint(p_xy)
kl = kl_divergence(p_xy.ravel(), np.outer(p_x, p_y).ravel())  # SciPy's KL, an independent check
print(f"by hand:              {mi_by_hand:.4f} nats")
print(f"mh.mi_from_joint:     {mi_exact:.4f} nats")
print(f"scipy KL(P_XY||PxPy): {kl:.4f} nats")
assert np.isclose(mi_by_hand, mi_exact, atol=1e-12) and np.isclose(kl, mi_exact, atol=1e-12)

# %% [markdown]
# In practice we never see the table, only samples. Draw 5,000 mornings from it and
# estimate MI from the labels with the plug-in estimator `mh.mi_discrete` (it plugs the
# observed frequencies into the formula). scikit-learn's `mutual_info_score` computes
# the same plug-in value.

# %%
n_days = 5000
cells = rng.choice(p_xy.size, size=n_days, p=p_xy.ravel())
sky_obs = np.array(sky)[cells // len(umbrella)]
umbrella_obs = np.array(umbrella)[cells % len(umbrella)]

mi_sample = mh.mi_discrete(sky_obs, umbrella_obs)
print(f"true MI:                       {mi_exact:.4f} nats")
print(f"mh.mi_discrete (n={n_days}):     {mi_sample:.4f} nats")
print(f"sklearn mutual_info_score:     {mutual_info_score(sky_obs, umbrella_obs):.4f} nats")
assert np.isclose(mi_sample, mutual_info_score(sky_obs, umbrella_obs), atol=1e-12)
assert 0 < abs(mi_sample - mi_exact) < 0.02  # close, not equal

# %% [markdown]
# The estimate is close to the truth but not equal to it: it is computed from a finite
# sample. How close, and in which direction it errs, is the subject of notebook 04.

# %% [markdown]
# ## 3. Entropy, and nats versus bits
#
# The entropy H(X) = −Σ P(x) ln P(x) is the average surprise of X: how much you learn,
# on average, when you see its value. MI is the part of that surprise that Y already
# removes:
#
# $$ I(X;Y) = H(X) + H(Y) - H(X,Y) = H(X) - H(X \mid Y). $$
#
# So MI is bounded: 0 ≤ I(X;Y) ≤ min(H(X), H(Y)).

# %%
h_x = mh.entropy_from_probs(p_x)
h_y = mh.entropy_from_probs(p_y)
h_xy = mh.entropy_from_probs(p_xy)
print(f"H(sky) = {h_x:.4f}, H(umbrella) = {h_y:.4f}, H(sky, umbrella) = {h_xy:.4f} nats")
print(f"H(X) + H(Y) - H(X,Y) = {h_x + h_y - h_xy:.4f} nats  (the KL form gave {mi_exact:.4f})")
assert np.isclose(h_x + h_y - h_xy, mi_exact, atol=1e-12) and 0 <= mi_exact <= min(h_x, h_y)

# %% [markdown]
# A nat and a bit differ only by the base of the logarithm: 1 nat = 1/ln 2 ≈ 1.443
# bits. Always say which one a number is in. Every `mi_helpers` function returns nats
# unless you pass `base=2`.

# %%
print(f"I(sky; umbrella) = {mi_exact:.4f} nats = {mh.mi_from_joint(p_xy, base=2):.4f} bits")
print(f"check: {mi_exact:.4f} / ln 2 = {mi_exact / np.log(2):.4f} bits")
print(f"a fair coin has H = {mh.entropy_from_probs([0.5, 0.5], base=2):.4f} bit = {mh.entropy_from_probs([0.5, 0.5]):.4f} nats")
assert np.isclose(mh.mi_from_joint(p_xy, base=2), mi_exact / np.log(2)) and np.isclose(1 / np.log(2), 1.443, atol=5e-4)

# %% [markdown]
# ## 4. Try it: two binary variables
#
# The panel below builds the joint table of two yes/no variables from three sliders:
# the two marginals P(X=1) and P(Y=1), and a *dependence* that moves P(X=1, Y=1) away
# from P(X=1) P(Y=1) while keeping the marginals fixed (0 means independent).
#
# Things to try:
#
# - set dependence to 0: the two tables match and MI is exactly 0;
# - push dependence to 1 with both marginals at 0.5: Y is a copy of X and MI is 1 bit, the entropy of a fair coin;
# - keep dependence at 1 but move P(X=1) to 0.9: MI falls, because X itself carries less information (H(X) is smaller).

# %%
# The three claims above, checked on the panel's own numbers:
assert joint_table_summary(0.5, 0.5, 0.0)["mi_nats"] == 0.0
assert np.isclose(joint_table_summary(0.5, 0.5, 1.0)["mi_bits"], 1.0)
falls = joint_table_summary(0.9, 0.5, 1.0)
assert falls["mi_bits"] < 1.0 and falls["h_x"] < np.log(2)
joint_table_panel()

# %% [markdown]
# ## 5. Continuous variables: densities and differential entropy
#
# For continuous variables the sums become integrals over densities (Cover & Thomas,
# *Elements of Information Theory*, 2nd ed., 2006, ch. 8):
#
# $$ I(X;Y) = \iint p(x,y)\,\ln \frac{p(x,y)}{p(x)\,p(y)}\,dx\,dy
#           = h(X) + h(Y) - h(X,Y), \qquad h(X) = -\int p(x) \ln p(x)\,dx . $$
#
# h is the **differential entropy**. It looks like H with a density in place of a
# probability, but section 6 shows it behaves differently. One case has a closed form that
# the course uses again and again as ground truth. For a bivariate Gaussian with unit
# variances and correlation ρ, h(X) = h(Y) = ½ ln(2πe) and h(X,Y) = ln(2πe) + ½ ln(1 − ρ²), so
#
# $$ I(X;Y) = -\tfrac{1}{2} \ln(1 - \rho^2) \ \text{nats}. $$
#
# It is 0 at ρ = 0 and grows without bound as |ρ| → 1 (a continuous variable carries
# infinitely many bits about an exact copy of itself).

# %%
rhos = np.linspace(-0.99, 0.99, 397)
fig, ax = plt.subplots(figsize=(5.5, 3.2))
ax.plot(rhos, mh.gaussian_mi(rhos), label="nats")
ax.plot(rhos, mh.gaussian_mi(rhos, base=2), "--", label="bits")
ax.set_xlabel("correlation ρ")
ax.set_ylabel("I(X;Y)")
ax.set_title("MI of a bivariate Gaussian")
ax.legend()
plt.show()

# %% [markdown]
# ## 6. When continuous MI is finite: discretise ever more finely
#
# Cut X and Y into bins of width Δ. The binned variables X_Δ, Y_Δ are discrete, so
# section 1 applies to them. `discretized_gaussian_table(rho, width)` gives the exact
# probability of every cell for the Gaussian pair (by numerical integration of the
# density, no sampling), so we can watch what happens as Δ shrinks, here at ρ = 0.8:

# %%
rho = 0.8
h_gauss = 0.5 * np.log(2 * np.pi * np.e)  # h(X) of N(0, 1), nats
widths = [2.0, 1.0, 0.5, 0.25, 0.125, 0.0625]
h_binned, mi_binned_exact = [], []
print(f"{'width':>7} {'cells':>9} {'H(X_w)':>8} {'H(X_w) + ln w':>14} {'I(X_w;Y_w)':>11}   (nats)")
for w in widths:
    table = discretized_gaussian_table(rho, w)
    h_binned.append(mh.entropy_from_probs(table.sum(axis=1)))
    mi_binned_exact.append(mh.mi_from_joint(table))
    print(f"{w:7.4f} {table.size:9d} {h_binned[-1]:8.4f} {h_binned[-1] + np.log(w):14.4f} {mi_binned_exact[-1]:11.4f}")
print(f"{'limit':>7} {'':>9} {'infinite':>8} {h_gauss:14.4f} {mh.gaussian_mi(rho):11.4f}   <- h(X) and I(X;Y)")
h_binned, mi_binned_exact = np.array(h_binned), np.array(mi_binned_exact)
assert np.all(np.diff(h_binned) > 0.5) and np.allclose(np.diff(h_binned)[2:], np.log(2), atol=0.01)  # + ln 2 per halving
assert abs(h_binned[-1] + np.log(widths[-1]) - h_gauss) < 1e-3
assert np.all(np.diff(mi_binned_exact) > 0) and np.all(mi_binned_exact < mh.gaussian_mi(rho))
assert mh.gaussian_mi(rho) - mi_binned_exact[-1] < 1e-3

# %% [markdown]
# Two columns, two behaviours:
#
# - **H(X_Δ) grows without bound**: once the bins are narrower than the spread of X, each
#   halving of the width adds ln 2 nats (one bit), because pinning a real number down to a
#   grid twice as fine takes one more binary digit.
#   What converges is H(X_Δ) + ln Δ, to h(X) (Cover & Thomas, Theorem 8.3.1). So h(X) is
#   not "the information in X" (that is infinite); it is what is left after subtracting a
#   divergent term, and the size of that term depends on the unit of x.
# - **I(X_Δ; Y_Δ) converges to I(X;Y)**, from below: binning is processing, which can only
#   lose information (notebook 02), and each finer grid here splits the cells of the
#   previous one, so it loses less. In I = H(X_Δ) + H(Y_Δ) − H(X_Δ, Y_Δ) the divergent terms
#   −ln Δ, −ln Δ and +2 ln Δ cancel. Cover & Thomas take this as the general definition: the
#   MI of any two variables is the supremum of the MI over finite partitions. The limit is
#   finite here because (X, Y) has a joint density (|ρ| < 1); for Y = X the MI of the
#   binned pair is H(X_Δ), which diverges, and I(X;X) is infinite (section 5).
#
# The unit dependence is easy to see in closed form. Measure X in millimetres instead of
# metres and h(X) grows by ln 1000; shrink its spread and h(X) goes negative, which no
# discrete entropy can do. MI does not move: p(x,y) / (p(x) p(y)) is a ratio of densities in
# which the Jacobian of any invertible change of variables cancels.

# %%
for scale, label in [(1.0, "X ~ N(0, 1), metres"), (1000.0, "the same X in millimetres"), (0.1, "X ~ N(0, 0.1²)")]:
    h_scaled = h_gauss + np.log(scale)  # h(aX) = h(X) + ln|a|
    print(f"{label:26s} h(X) = {h_scaled:+.3f} nats,  I(X;Y) = {mh.gaussian_mi(rho):.3f} nats")
assert np.isclose((h_gauss + np.log(1000.0)) - h_gauss, np.log(1000.0)) and h_gauss + np.log(0.1) < 0

# %% [markdown]
# This is why the course estimates MI and never differential entropy when it wants a
# number that means something on its own. It also explains a trap: a histogram estimate
# from *samples* cannot take the limit Δ → 0. With N points, fine bins leave most cells with
# zero or one point, and the plug-in value climbs towards ln N instead of I (the Pitfall
# below is the extreme case: one bin per distinct value).

# %% [markdown]
# ## 7. Estimating MI from samples
#
# With samples instead of a density we need an estimator. Three are compared below on
# 2,000 draws at ρ = 0.8, each beside the closed form: `mi_ksg` (k-nearest neighbours, the
# usual choice for continuous data), `mi_binned` (a histogram) and `mi_gaussian` (valid only
# when the data really are Gaussian). Notebook 04 takes them apart.

# %%
x, y = mh.correlated_gaussian(2000, rho, seed=SEED)
est = {"ksg": mh.mi_ksg(x, y), "binned": mh.mi_binned(x, y), "gaussian": mh.mi_gaussian(x, y)}
truth = mh.gaussian_mi(rho)
print(f"closed form:         {truth:.4f} nats")
print(f"mi_ksg (k=3):        {est['ksg']:.4f} nats")
for rule, value in (("fd", est["binned"]), ("scott", mh.mi_binned(x, y, bins="scott"))):
    n_bins = int(mh.discretize(x, rule).max() + 1)
    print(f"mi_binned ({rule} bins): {value:.4f} nats  ({n_bins} bins per axis, {100 * (value / truth - 1):+.0f}%)")
    assert value > 1.05 * truth and n_bins > 20
print(f"mi_gaussian:         {est['gaussian']:.4f} nats")
assert abs(est["ksg"] - truth) < 0.02 and abs(est["gaussian"] - truth) < 0.02

# %% [markdown]
# The histogram lands above the truth with both bin rules, because Freedman–Diaconis
# ("fd", the default) and Scott's rule are made for drawing a *density*: they give more bins
# than MI can afford, and the plug-in estimate over that many cells is biased upwards.
# Notebook 04 derives the first-order size of that bias, (Kxy − Kx − Ky + 1)/(2N) nats with
# Kx, Ky the non-empty bins and Kxy the non-empty cells, and shows that it undershoots when
# many cells hold only a point or two, as here. Over 10 samples like the one above, the
# excess of the fd histogram over the exact MI of its own bins, beside that term:

# %%
excess, first_order, thin = [], [], []
for sample_rng in mh.make_rng(SEED).spawn(10):
    xs, ys = mh.correlated_gaussian(2000, rho, seed=sample_rng)
    cx, cy = mh.discretize(xs, "fd"), mh.discretize(ys, "fd")
    bins_mi = gaussian_binned_mi(rho, np.histogram_bin_edges(xs, "fd")[1:-1], np.histogram_bin_edges(ys, "fd")[1:-1])
    excess.append(mh.mi_discrete(cx, cy) - bins_mi)  # the exact MI of these bins is what the histogram estimates
    kx, ky, kxy = occupied_cells(cx, cy)
    first_order.append(plugin_mi_bias(kx, ky, 2000, cells=kxy))
    counts = np.bincount(cx * (cy.max() + 1) + cy)
    thin.append(np.mean(counts[counts > 0] <= 2))  # share of the non-empty cells with one or two points
excess, first_order = np.array(excess), np.array(first_order)
print(f"non-empty cells holding one or two points: {np.mean(thin):.0%} on average")
print(f"excess over the MI of the bins: mean {excess.mean():.3f} nats (from {excess.min():.3f} to {excess.max():.3f})")
print(f"(Kxy - Kx - Ky + 1)/(2N):        mean {first_order.mean():.3f} nats (from {first_order.min():.3f} to {first_order.max():.3f})")
assert np.all(excess > first_order) and excess.mean() > 1.4 * first_order.mean() and min(thin) > 0.3

# %% [markdown]
# ### Try it: correlation, noise and sample size
#
# The panel draws a Gaussian pair, y = ρx + √(1 − ρ²)·e₁, and adds independent noise σ·e₂
# to y. The noise lowers the correlation to ρ / √(1 + σ²), so the true MI is still known and
# shown first. The same seed is used at every move, so only the quantity you change changes.
#
# - Raise the noise: the truth falls and KSG and the Gaussian fit follow it, but the
#   histogram stays high: at noise 1 it reports more than twice the truth, in this draw
#   and in every one of 30 draws. Its bias comes from the number of cells, not from the
#   dependence, so it dominates when the MI is small.
# - Drop N to 50: every estimate moves far from the truth (by 0.08 nats or more in this
#   draw). With so few points one draw says little; notebook 04 repeats it many times.
# - Move ρ to ±0.99: the truth is large (1.96 nats), and the histogram now falls *below*
#   it (in all 30 draws), its cells too coarse for the narrow ridge of points. KSG and the
#   Gaussian fit stay close: over 30 draws their mean error is a few hundredths of a nat at
#   most, and their errors vary from draw to draw with a standard deviation of a few
#   hundredths (printed below), so the error you see in one draw is one number from that
#   spread.

# %%
# The claims above, checked with the panel's own function (same seed, N = 1000 unless stated),
# and over 30 independent draws where one draw could mislead:
at = {name: gaussian_estimates(*args) for name, args in
      {"noise 1": (0.6, 1.0, 1000), "N 50": (0.6, 0.0, 50), "rho .99": (0.99, 0.0, 1000), "rho -.99": (-0.99, 0.0, 1000)}.items()}
e = at["noise 1"]
assert e["binned"] > 2 * e["truth"] and max(abs(e["ksg"] - e["truth"]), abs(e["gaussian"] - e["truth"])) < 0.02
assert all(abs(at["N 50"][k] - at["N 50"]["truth"]) >= 0.08 for k in ("ksg", "binned", "gaussian"))
for e in (at["rho .99"], at["rho -.99"]):
    assert round(e["truth"], 2) == 1.96 and e["binned"] < e["truth"] - 0.1


def panel_draws(estimator, rho, noise, **kwargs):
    """30 independent draws of the panel's data at N = 1000, and an estimator's value on each (nats)."""
    sampler = functools.partial(mh.noisy_gaussian_pair, rho=rho, noise=noise)
    return sampling_distribution(estimator, sampler, n=1000, repeats=30, seed=SEED + 1, **kwargs)


noisy_truth = mh.gaussian_mi(0.6 / np.sqrt(2))
noisy_hist = panel_draws(mh.mi_binned, 0.6, 1.0)
print(f"noise 1 (truth {noisy_truth:.3f} nats): histogram / truth over 30 draws from {noisy_hist.min() / noisy_truth:.1f} "
      f"to {noisy_hist.max() / noisy_truth:.1f}")
assert noisy_hist.min() > 2 * noisy_truth
errors_99 = {name: panel_draws(func, 0.99, 0.0, **kw) - mh.gaussian_mi(0.99) for name, func, kw in
             [("KSG", mh.mi_ksg, {"workers": 1}), ("Gaussian fit", mh.mi_gaussian, {}), ("histogram", mh.mi_binned, {})]}
print(f"rho = 0.99 (truth {mh.gaussian_mi(0.99):.3f} nats), error over 30 draws:")
for name, err in errors_99.items():
    print(f"  {name:12s} mean {err.mean():+.3f}, sd {err.std():.3f}, from {err.min():+.3f} to {err.max():+.3f} nats")
print(f"this draw: KSG {at['rho .99']['ksg'] - at['rho .99']['truth']:+.3f}, "
      f"Gaussian fit {at['rho .99']['gaussian'] - at['rho .99']['truth']:+.3f} nats")
assert errors_99["histogram"].max() < -0.1
assert all(abs(errors_99[k].mean()) < 0.05 and 0.01 < errors_99[k].std() < 0.06 for k in ("KSG", "Gaussian fit"))
gaussian_panel()

# %% [markdown]
# ## Pitfall: `mutual_info_score` on raw continuous values
#
# `sklearn.metrics.mutual_info_score` is a *discrete* estimator: it treats every distinct
# value as its own label. Give it floats and each of the N samples becomes a category
# with one member. Knowing one sample's x then "identifies" its y perfectly, and the
# score is H = ln N, the entropy of N equally likely labels, whatever the real dependence.
# This is probably the most common MI bug in tutorials.

# %%
n = 1000
x_ind = rng.standard_normal(n)
y_ind = rng.standard_normal(n)  # independent of x_ind: true MI is 0
x_dep, y_dep = mh.correlated_gaussian(n, 0.8, seed=SEED)  # true MI is 0.511 nats

with warnings.catch_warnings(record=True) as sklearn_caught:  # shown below instead of as stderr noise
    warnings.simplefilter("always")
    score_ind = mutual_info_score(x_ind, y_ind)
    score_dep = mutual_info_score(x_dep, y_dep)
print(f"ln N = {np.log(n):.3f} nats")
print(f"mutual_info_score, independent pair: {score_ind:.3f} nats (truth 0)")
print(f"mutual_info_score, rho = 0.8 pair:   {score_dep:.3f} nats (truth {mh.gaussian_mi(0.8):.3f})")
print("scikit-learn's own warning:", sklearn_caught[0].message)
assert np.isclose(score_ind, np.log(n)) and np.isclose(score_dep, np.log(n))  # n distinct values: exactly ln N

# %% [markdown]
# Recent scikit-learn versions warn, but the warning does not say what the number
# means. `mh.mi_discrete` computes the same plug-in value and its warning explains the
# trap and names the fix (captured here so you can read it):

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    value = mh.mi_discrete(x_ind, y_ind)
print(f"mi_discrete on floats: {value:.3f} nats")
print("warning:", caught[0].message)

# %% [markdown]
# **The fix** is an estimator made for continuous data. KSG gives the right answers
# for both pairs, up to estimation noise:

# %%
ksg_ind, ksg_dep = mh.mi_ksg(x_ind, y_ind), mh.mi_ksg(x_dep, y_dep)
print(f"mi_ksg, independent pair: {ksg_ind:.3f} nats (truth 0)")
print(f"mi_ksg, rho = 0.8 pair:   {ksg_dep:.3f} nats (truth {mh.gaussian_mi(0.8):.3f})")
assert abs(ksg_ind) < 0.07 and abs(ksg_dep - mh.gaussian_mi(0.8)) < 0.03

# %% [markdown]
# The independent pair's estimate is negative. The true MI never is, but an estimate is a
# random number around the truth, and KSG's errors fall on both sides of 0: over 60 other
# independent samples of the same size (next cell) about half of the estimates are
# negative, with a standard deviation of about 0.02 nats. This draw lies more than two
# of those standard deviations below zero: an unusually low draw, not a different
# behaviour. Keep the sign: it says "no evidence of dependence". scikit-learn's
# `mutual_info_regression` and `mutual_info_classif` compute the same KSG estimate (and
# Ross's variant for a discrete target) but return `max(0, estimate)`, clipping every
# negative value to 0, which biases them upwards. Notebook 02 measures that bias.

# %%
from sklearn.feature_selection import mutual_info_regression  # noqa: E402 (imported where it is taught)

independent_pair = functools.partial(mh.correlated_gaussian, rho=0.0)
ksg_null = sampling_distribution(mh.mi_ksg, independent_pair, n=n, repeats=60, seed=SEED + 1, workers=1)
print(f"60 independent samples of N = {n}: {np.mean(ksg_null < 0):.0%} negative, sd {ksg_null.std():.3f} nats, "
      f"from {ksg_null.min():+.3f} to {ksg_null.max():+.3f}")
print(f"this sample: {ksg_ind:+.3f} nats = {ksg_ind / ksg_null.std():+.1f} sd from 0")
assert 0.3 < np.mean(ksg_null < 0) < 0.7 and round(ksg_null.std(), 2) == 0.02 and ksg_ind < -2 * ksg_null.std()

sk_ind = mutual_info_regression(x_ind[:, None], y_ind, random_state=SEED)[0]
print(f"mi_ksg: {ksg_ind:+.3f} nats, sklearn mutual_info_regression: {sk_ind:+.3f} nats (truth 0)")
assert ksg_ind < 0 and sk_ind == 0.0

# %% [markdown]
# ## Exercises
#
# Each solution sits in a collapsed cell below its exercise, its code and its output
# both hidden so the answer is not spoiled: click the collapsed cell (or its three dots)
# to open it once you have tried.
#
# **Exercise 1.** A fair coin X is sent over a noisy line that flips it with probability
# 0.1; Y is what arrives. Write the 2×2 joint table, compute I(X;Y) in bits, and check it
# against the textbook answer for this channel, 1 − H_b(0.1), where
# H_b(p) = −p log₂ p − (1−p) log₂(1−p).

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
flip = 0.1
channel = np.array([
    [0.5 * (1 - flip), 0.5 * flip],
    [0.5 * flip, 0.5 * (1 - flip)],
])
h_b = -flip * np.log2(flip) - (1 - flip) * np.log2(1 - flip)
print(f"mi_from_joint: {mh.mi_from_joint(channel, base=2):.4f} bits")
print(f"1 - H_b(0.1):  {1 - h_b:.4f} bits")
assert np.isclose(mh.mi_from_joint(channel, base=2), 1 - h_b)

# %% [markdown]
# **Exercise 2.** Which correlation ρ makes a Gaussian pair share exactly one bit?
# Solve −½ log₂(1 − ρ²) = 1 on paper, then check with `mh.gaussian_mi` and with a KSG
# estimate on 5,000 samples.

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
rho_one_bit = np.sqrt(1 - 2.0 ** -2)  # 1 - rho^2 = 2^-2
x1, y1 = mh.correlated_gaussian(5000, rho_one_bit, seed=SEED)
print(f"rho = {rho_one_bit:.4f}")
print(f"closed form: {mh.gaussian_mi(rho_one_bit, base=2):.4f} bits")
print(f"KSG (N=5000): {mh.mi_ksg(x1, y1, base=2):.4f} bits")
assert np.isclose(mh.gaussian_mi(rho_one_bit, base=2), 1.0)

# %% [markdown]
# **Exercise 3.** Show that the pitfall's number is really ln N: compute
# `mutual_info_score` on independent continuous pairs for N = 100, 1,000 and 10,000
# and print it beside ln N.

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
for n_ex in (100, 1000, 10_000):
    a = rng.standard_normal(n_ex)
    b = rng.standard_normal(n_ex)
    with warnings.catch_warnings():  # we know the values are continuous: that is the point
        warnings.filterwarnings("ignore", message="Clustering metrics expects discrete")
        score = mutual_info_score(a, b)
    print(f"N = {n_ex:6d}: mutual_info_score = {score:.3f}, ln N = {np.log(n_ex):.3f} nats")
    assert np.isclose(score, np.log(n_ex))

# %% [markdown]
# ## Summary
#
# - MI is the KL divergence of the joint distribution from the product of the
#   marginals: zero exactly under independence, positive otherwise.
# - I(X;Y) = H(X) + H(Y) − H(X,Y): the uncertainty about X that Y removes. State the unit:
#   nats with ln, bits with log₂; 1 nat ≈ 1.443 bits.
# - For continuous variables MI is an integral of densities, the limit of the MI of ever
#   finer bins. It is unit-free, and finite when (X, Y) has a joint density (for a Gaussian
#   pair, |ρ| < 1), while the binned entropy grows like h(X) − ln Δ and the differential
#   entropy h(X) depends on the unit of x.
# - A Gaussian pair has I = −½ ln(1 − ρ²): a ground truth for checking estimators.
# - Never feed raw floats to a discrete estimator; with all values distinct the answer is
#   ln N. Use `mi_ksg` for continuous data, or a histogram with a stated, coarse bin count
#   and its upward bias in mind.
#
# [Course overview](../README.md) · **01 Definition** · [Next: 02 Properties →](02_properties.ipynb)
