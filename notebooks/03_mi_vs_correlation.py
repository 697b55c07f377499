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
# # 03 · Mutual information versus correlation
#
# [← Previous: 02 Properties](02_properties.ipynb) · **03 MI vs correlation** · [Next: 04 Estimation →](04_estimation.ipynb)
#
# Pearson's r asks how well a straight line fits; Spearman's ρ asks how well *some*
# increasing or decreasing curve fits. Mutual information asks a wider question: how much
# does knowing x tell you about y, whatever the shape of the link? This notebook puts the
# three side by side on seven relations, on one scale, and then meets three other
# dependence measures.
#
# **You will learn to**
#
# - say what Pearson's r, Spearman's ρ and MI each measure, and compute all three;
# - turn an MI value into Linfoot's information coefficient √(1 − e^(−2I)) and read it like a correlation;
# - check that for a Gaussian pair the three agree, against their closed forms;
# - recognise relations (circle, checkerboard, sine, changing spread) with a correlation of zero and a large MI;
# - place MI among other dependence measures: distance correlation, HSIC and MIC;
# - avoid `mutual_info_score` on raw floats, which reports about ln N for any pair.
#
# **Time:** about 40 minutes. Every estimate is printed beside its population value.

# %% [markdown]
# ## Setup
#
# The four numbers of a pair, and the other dependence measures of section 6, come from
# `mi_helpers.association`; the seven relations and their samplers from
# `mi_helpers.synthetic`; the widget from `mi_helpers.widgets.correlation`. Every random
# draw is seeded.

# %%
import functools
import warnings

import matplotlib.pyplot as plt
import numpy as np
from sklearn.metrics import mutual_info_score

import mi_helpers as mh
from mi_helpers.association import (
    association_table,
    distance_correlation,
    gaussian_distance_correlation,
    hsic,
    information_coefficient,
    relation_truth,
)
from mi_helpers.stats import sampling_distribution
from mi_helpers.synthetic import RELATIONS, relation_sample
from mi_helpers.widgets.correlation import relation_numbers, relation_panel

SEED = 0
rng = np.random.default_rng(SEED)
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. Three numbers, three questions
#
# - **Pearson's r** = cov(x, y) / (sd(x) sd(y)) lies in [−1, 1]. It is ±1 only when the
#   points lie on a straight line, and its sign is the direction of the line.
# - **Spearman's ρ** is Pearson's r computed on the *ranks* of x and y. It is ±1 when y is
#   any strictly monotone function of x, and it does not change when you apply an increasing
#   map to either variable.
# - **Mutual information** I(X;Y) lies in [0, ∞) nats. It is 0 exactly when X and Y are
#   independent, it does not change under *any* invertible map of either variable, and it
#   has no sign.
#
# A first comparison: a Gaussian pair with ρ = 0.8, then the same pair with y replaced by
# exp(2y). The map is increasing, so Spearman's ρ and the true MI stay where they were, while
# Pearson's r drops. Each has a population value to check against: for the exponential,
# corr(x, e^(ay)) = aρ / √(e^(a²) − 1), a standard log-normal moment; Spearman's ρ of a
# Gaussian pair is (6/π) arcsin(ρ/2) (Kruskal, 1958).
#
# `association_table` returns the four numbers of this notebook for one pair: Pearson,
# Spearman, the KSG estimate of MI (`mh.mi_ksg`, nats) and the information coefficient of
# section 2.

# %%
rho, a = 0.8, 2.0
x, y = mh.correlated_gaussian(2000, rho, seed=SEED)
pearson_exp = a * rho / np.sqrt(np.exp(a * a) - 1)
spearman_true = 6 / np.pi * np.arcsin(rho / 2)
first = {}
for name, yy, pearson_true in (("y", y, rho), ("exp(2y)", np.exp(a * y), pearson_exp)):
    t = first[name] = association_table(x, yy)
    print(f"x vs {name:8s} Pearson {t['pearson']:.3f} (true {pearson_true:.3f}) | "
          f"Spearman {t['spearman']:.3f} (true {spearman_true:.3f}) | "
          f"MI (KSG) {t['mi']:.3f} nats (true {mh.gaussian_mi(rho):.3f})")
assert first["y"]["spearman"] == first["exp(2y)"]["spearman"]
assert round(pearson_exp, 2) == 0.22 and round(first["exp(2y)"]["pearson"], 2) == 0.36
assert round(first["y"]["mi"], 3) == 0.507 and round(first["exp(2y)"]["mi"], 3) == 0.455
drops = []  # the same comparison on ten draws (seed 0 is the one above)
for s in range(10):
    xs, ys = mh.correlated_gaussian(2000, rho, seed=s)
    drops.append(mh.mi_ksg(xs, np.exp(a * ys)) - mh.mi_ksg(xs, ys))
print(f"KSG(x, exp(2y)) - KSG(x, y) over 10 draws: mean {np.mean(drops):+.3f}, from {min(drops):+.3f} to {max(drops):+.3f} nats")
assert max(drops) < 0 and np.isclose(drops[0], first["exp(2y)"]["mi"] - first["y"]["mi"])

# %% [markdown]
# Spearman's ρ is *exactly* the same for both: y and exp(2y) have the same ranks. Pearson's
# r falls although y and exp(2y) carry the same information about x; its population value
# is 0.22, and the sample value (0.36 here) is far off because the long right tail of
# exp(2y) makes Pearson's r converge slowly. The KSG estimate drops too, from 0.507 to
# 0.455 nats (and in each of ten draws, last line), although the true MI does not move. The estimator assumes the density is
# roughly uniform inside each point's small neighbourhood; exp(2y) makes the density far
# from uniform, so the estimate is biased, by an amount that shrinks as N grows (notebook 02
# measures it over many samples).

# %% [markdown]
# ## 2. Putting MI on the correlation scale: the information coefficient
#
# MI in nats is unbounded and hard to compare with a correlation. Linfoot (1957) proposed
# the **information coefficient of correlation**
#
# $$ r_I = \sqrt{1 - e^{-2 I(X;Y)}} \qquad (I \text{ in nats}). $$
#
# The reason for this formula: a bivariate Gaussian with correlation ρ has
# I = −½ ln(1 − ρ²), so e^(−2I) = 1 − ρ² and r_I = |ρ| **exactly**. In general, r_I is the
# |correlation| of the Gaussian pair that carries the same information. It lies in [0, 1),
# is 0 exactly under independence, inherits MI's invariance under invertible maps, and,
# like MI, has no sign.
#
# *Reference:* E. H. Linfoot, "An informational measure of correlation", *Information and
# Control* 1(1), 85–89 (1957).
#
# `information_coefficient(mi)` applies the formula (pass `base=2` for MI in bits). An
# estimate can be slightly negative when the true MI is 0 (notebook 02); report the MI
# estimate as it is, but r_I has no value below 0, so the function maps small negative
# estimates to r_I = 0 and rejects clearly negative input (below −0.25 nats), which would
# point to a bug.

# %%
rhos = np.array([0.1, 0.3, 0.5, 0.7, 0.9, 0.99])
mi_true = mh.gaussian_mi(rhos)
print("closed forms: I = -0.5 ln(1 - rho^2) nats and its information coefficient")
for r, i_true, ic in zip(rhos, mi_true, information_coefficient(mi_true)):
    print(f"  rho = {r:.2f}: I = {i_true:.4f} nats, r_I = {ic:.4f}")
assert np.allclose(information_coefficient(mi_true), rhos, atol=1e-12)

# %% [markdown]
# The closed form gives back ρ to the last digit. Now the same check with samples: 2,000
# draws at each ρ, the four sample numbers beside their population values.

# %%
print(f"{'rho':>5} | {'Pearson':>7} {'(true)':>7} | {'Spearman':>8} {'(true)':>7} | "
      f"{'MI KSG':>7} {'(true)':>7} nats | {'r_I':>6} {'(true)':>7}")
gauss_rows = []
for r in rhos:
    x, y = mh.correlated_gaussian(2000, r, seed=SEED)
    t = association_table(x, y)
    gauss_rows.append(t)
    print(f"{r:5.2f} | {t['pearson']:7.3f} {r:7.3f} | {t['spearman']:8.3f} {6 / np.pi * np.arcsin(r / 2):7.3f} | "
          f"{t['mi']:7.3f} {mh.gaussian_mi(r):7.3f}      | {t['ic']:6.3f} {r:7.3f}")
rho_grid = np.linspace(0, 1, 100_001)
spearman_gap = np.max(rho_grid - 6 / np.pi * np.arcsin(rho_grid / 2))  # population rho minus Spearman
print(f"largest population gap between rho and Spearman's rho: {spearman_gap:.3f}; "
      f"r_I of an MI of 0.01 nats: {information_coefficient(0.01):.2f}")
assert round(spearman_gap, 3) == 0.018 and round(information_coefficient(0.01), 2) == 0.14
assert gauss_rows[0]["mi"] < 0 and gauss_rows[0]["ic"] == 0.0

# %% [markdown]
# For Gaussian data the three measures agree: Pearson's r and r_I both estimate ρ, and
# Spearman's ρ differs from it by at most 0.018 in the population (its closed form is a
# slightly bent curve). The remaining differences are sampling noise, with one caveat for
# small values: near 0, r_I ≈ √(2I) stretches the scale, so an MI of just 0.01 nats already
# reads as r_I = 0.14. At ρ = 0.1 the KSG estimate is slightly negative and r_I reports 0.
# The figure shows the map from MI to r_I and where these estimates land on it.

# %%
grid = np.linspace(0, 3, 301)
fig, ax = plt.subplots(figsize=(5.5, 3.4))
ax.plot(grid, information_coefficient(grid), color="tab:green", label="r_I = √(1 − e^(−2I))")
ax.scatter([t["mi"] for t in gauss_rows], [abs(t["pearson"]) for t in gauss_rows], color="tab:blue",
           zorder=3, label="Gaussian samples: (KSG I, |Pearson r|)")
ax.set_xlabel("mutual information I (nats)")
ax.set_ylabel("correlation scale")
ax.set_title("The information coefficient of correlation")
ax.legend(loc="lower right")
plt.show()
gaps = [abs(abs(t["pearson"]) - t["ic"]) for t in gauss_rows]
assert round(information_coefficient(0.5), 3) == 0.795 and round(information_coefficient(1.0), 3) == 0.930
assert max(gaps[1:]) < 0.04 and gaps[0] > 0.04  # close to the curve, except at rho = 0.1
assert gauss_rows[0]["mi"] < 0 and round(abs(gauss_rows[0]["pearson"]), 2) == 0.08

# %% [markdown]
# The curve rises fast: 0.5 nats already corresponds to r_I = 0.795, and 1 nat to 0.930. In
# this draw the blue points (each sample's MI estimate against its own |r|) lie within 0.04
# of the curve for ρ ≥ 0.3: the Gaussian identity seen in data. The exception is ρ = 0.1:
# its MI estimate is slightly negative, so its point sits just left of where the curve
# starts, at |r| = 0.08.
#
# Both coordinates of a point are estimates, so how close it lies varies from draw to draw.
# The largest gap for ρ ≥ 0.3 over ten draws (seeds 0 to 9):

# %%
gap_by_seed = []
for s in range(10):
    gaps_s = []
    for r in rhos[1:]:
        xs, ys = mh.correlated_gaussian(2000, r, seed=s)
        gaps_s.append(abs(abs(np.corrcoef(xs, ys)[0, 1]) - information_coefficient(mh.mi_ksg(xs, ys))))
    gap_by_seed.append(max(gaps_s))
gap_by_seed = np.array(gap_by_seed)
print("largest gap between |r| and r_I for rho >= 0.3, per seed:", " ".join(f"{g:.3f}" for g in gap_by_seed))
print(f"median {np.median(gap_by_seed):.3f}; above 0.04 in {np.sum(gap_by_seed > 0.04)} of 10 seeds; largest {gap_by_seed.max():.3f}")
assert gap_by_seed[0] == max(gaps[1:]) and 0.01 < np.median(gap_by_seed) < 0.04
assert 2 <= np.sum(gap_by_seed > 0.04) <= 4 and 0.08 < gap_by_seed.max() < 0.15

# %% [markdown]
# Usually a few hundredths, and in a few draws much more. The agreement is the identity plus
# two sampling errors, not an exact match.
#
# **r_I can also be below |r|.** Outside the Gaussian family the two answer different
# questions. Take two tight clusters, around (−1, −1) and (1, 1), with independent noise of
# standard deviation σ = 0.05 on each coordinate. A line through the clusters explains
# almost all the variance, so Pearson's r = 1/(1 + σ²) = 0.998. But x only tells you *which
# cluster*: one bit. Inside a cluster, x says nothing about y. The clusters are 40 σ apart,
# so the true MI is ln 2 nats to many digits, and r_I = √(1 − e^(−2 ln 2)) = √0.75 = 0.87.

# %%
sigma = 0.05
cluster = rng.choice([-1.0, 1.0], size=2000)  # which cluster each point belongs to
x_cl = cluster + sigma * rng.standard_normal(2000)
y_cl = cluster + sigma * rng.standard_normal(2000)
t_cl = association_table(x_cl, y_cl)
print(f"Pearson r = {t_cl['pearson']:.3f} (true {1 / (1 + sigma**2):.3f})")
print(f"MI (KSG)  = {t_cl['mi']:.3f} nats (true ln 2 = {np.log(2):.3f}), r_I = {t_cl['ic']:.3f} (true {np.sqrt(0.75):.3f})")
print(f"a Gaussian pair with rho = {1 / (1 + sigma**2):.3f} would carry {mh.gaussian_mi(1 / (1 + sigma**2)):.2f} nats")
assert round(t_cl["pearson"], 3) == 0.998 and t_cl["ic"] < t_cl["pearson"] - 0.1
assert abs(t_cl["mi"] - np.log(2)) < 0.05 and round(mh.gaussian_mi(1 / (1 + sigma**2)), 2) == 2.65

# %% [markdown]
# |r| = 0.998 says "the points lie close to a line", which is true; r_I = 0.87 says "x is as
# informative about y as in a Gaussian pair with ρ = 0.87", which is also true: one bit,
# where a Gaussian pair with ρ = 0.998 would carry 2.65 nats. Neither number is the "real"
# strength of the relation.

# %% [markdown]
# ## 3. A gallery of seven relations
#
# `relation_sample(kind, n, noise, seed=...)` draws from seven relations (`RELATIONS`):
#
# | kind | how the points are made | population Pearson and Spearman |
# |---|---|---|
# | linear | x ~ N(0, 1), y = x + noise | 1/√(1 + noise²) and its Spearman form |
# | quadratic | x ~ U(−1, 1), y = x² + noise | 0 |
# | sine | x ~ U(−1, 1), y = cos(2πx) + noise (two periods) | 0 |
# | circle | a ring of radius 1, noise on both coordinates | 0 |
# | checkerboard | uniform on the 13 dark squares of a 5 × 5 board, noise on y | 0 |
# | heteroscedastic | x ~ U(−1, 1), y = x·e + noise, e ~ N(0, 1): the spread of y grows with \|x\| | 0 |
# | independent | x and y independent Gaussians | 0 |
#
# The zeros are exact: each of those relations looks the same after the reflection
# x → −x, which flips the sign of any correlation. `noise` is the standard deviation of
# the added Gaussian noise as a fraction of the noise-free signal's own standard
# deviation, so one noise level blurs every relation equally. `relation_truth(kind, noise)`
# gives the population values of all four numbers; its MI comes from a one-dimensional
# numerical integral, exact in closed form for the linear, the independent and the
# noise-free checkerboard cases.
#
# Draw 2,000 points from each at noise 0.1 and compute everything:

# %%
n_gallery, noise_gallery = 2000, 0.1
gallery = {}
for kind in RELATIONS:
    x, y = relation_sample(kind, n_gallery, noise_gallery, seed=SEED)
    gallery[kind] = {"x": x, "y": y, "est": association_table(x, y), "true": relation_truth(kind, noise_gallery)}

fig, axes = plt.subplots(2, 4, figsize=(11, 6), layout="constrained")
for ax, kind in zip(axes.flat, RELATIONS):
    g = gallery[kind]
    e = g["est"]
    ax.scatter(g["x"], g["y"], s=3, alpha=0.35, linewidths=0)
    ax.set_title(f"{kind}\nr = {e['pearson']:+.2f}, ρ_s = {e['spearman']:+.2f}\n"
                 f"I = {e['mi']:.2f} nats, r_I = {e['ic']:.2f}", fontsize=9.5)
    ax.set_xticks([])
    ax.set_yticks([])
axes.flat[-1].axis("off")
axes.flat[-1].text(0.0, 0.5, f"N = {n_gallery} per panel, noise {noise_gallery}\n\nr: Pearson\nρ_s: Spearman\n"
                   "I: MI (KSG, k = 3)\nr_I: information coefficient", fontsize=10, va="center")
fig.suptitle("Seven relations, four numbers (sample estimates)")
plt.show()

# %% [markdown]
# The same numbers as a table, each beside its population value:

# %%
print(f"{'relation':16s} {'Pearson':>8} {'(true)':>7} {'Spearman':>9} {'(true)':>7} "
      f"{'MI KSG':>7} {'(true)':>7} {'r_I':>6} {'(true)':>7}")
for kind in RELATIONS:
    e, tr = gallery[kind]["est"], gallery[kind]["true"]
    print(f"{kind:16s} {e['pearson']:8.3f} {tr['pearson']:7.3f} {e['spearman']:9.3f} {tr['spearman']:7.3f} "
          f"{e['mi']:7.3f} {tr['mi']:7.3f} {e['ic']:6.3f} {tr['ic']:7.3f}")
print("MI in nats; r_I from the KSG estimate (sample) or from the true MI (true).")
lin = gallery["linear"]
assert all(abs(lin["est"][k] - lin["true"][k]) < 0.02 for k in ("pearson", "spearman", "ic"))
ind = gallery["independent"]["est"]
assert round(ind["mi"], 3) == 0.016 and round(ind["ic"], 2) == 0.18
nonmonotone = ["quadratic", "sine", "circle", "checkerboard", "heteroscedastic"]
for kind in nonmonotone:
    e = gallery[kind]["est"]
    assert max(abs(e["pearson"]), abs(e["spearman"])) < 0.05 and e["mi"] > 0.2

# %% [markdown]
# ## 4. Reading the gallery
#
# **Linear:** all measures agree, with each other and with their population values: a
# correlation tells the whole story.
#
# **Independent:** all four numbers are small. The MI estimate is 0.016 nats; r_I = 0.18
# looks larger only because the square root stretches the scale near 0 (section 2). The
# last cell of this section measures how large each number gets from noise alone.
#
# **Everything else:** quadratic, sine, circle, checkerboard and heteroscedastic all have a
# population Pearson and Spearman correlation of exactly 0, and their sample values are
# within sampling noise of it (all below 0.05 in size, as are the independent pairs at the
# end of this section). Yet their MI is far from 0: a correlation of zero means "no
# *monotone* relation", not "no relation". The bar chart shows it on one scale.

# %%
width = 0.27
pos = np.arange(len(RELATIONS))
fig, ax = plt.subplots(figsize=(10, 3.6))
ax.bar(pos - width, [abs(gallery[k]["est"]["pearson"]) for k in RELATIONS], width, label="|Pearson r|")
ax.bar(pos, [abs(gallery[k]["est"]["spearman"]) for k in RELATIONS], width, label="|Spearman ρ|")
ax.bar(pos + width, [gallery[k]["est"]["ic"] for k in RELATIONS], width, label="r_I from MI (KSG)")
ax.scatter(pos + width, [gallery[k]["true"]["ic"] for k in RELATIONS], marker="_", s=200, color="black",
           zorder=3, label="r_I from the true MI")
ax.set_xticks(pos, RELATIONS, fontsize=9)
ax.set_ylabel("correlation scale")
ax.set_ylim(0, 1.3)
ax.legend(ncols=4, fontsize=8.5, loc="upper center")
ax.set_title(f"Where correlation and MI disagree (N = {n_gallery}, noise {noise_gallery})")
plt.show()

# %% [markdown]
# Read r_I as "as informative as a Gaussian pair with this correlation". The noisy parabola
# and sine wave (true r_I = 0.99) tell you as much about y as a Gaussian pair with
# ρ = 0.99, yet their Pearson r is about 0. The circle (0.92) and the checkerboard (0.75)
# are less predictable, because each x allows two or three distant values of y, but the
# dependence is still strong. The heteroscedastic pair (0.65) shows dependence without any
# trend at all: x says nothing about y's mean, only about its spread.
#
# A quick check of the claim in numbers: which relations have |Pearson r| < 0.1 and an MI
# estimate above 0.2 nats? The true MI, from integration rather than from the sample, is
# printed beside each.

# %%
flagged = []
for kind in RELATIONS:
    e, tr = gallery[kind]["est"], gallery[kind]["true"]
    if abs(e["pearson"]) < 0.1 and e["mi"] > 0.2:
        flagged.append(kind)
        print(f"{kind:16s} |r| = {abs(e['pearson']):.3f}, |rho_s| = {abs(e['spearman']):.3f}, "
              f"MI = {e['mi']:.3f} nats (true {tr['mi']:.3f}, r_I {tr['ic']:.2f})")
assert flagged == nonmonotone
true_ic = {k: round(gallery[k]["true"]["ic"], 2) for k in nonmonotone}
assert true_ic == {"quadratic": 0.99, "sine": 0.99, "circle": 0.92, "checkerboard": 0.75, "heteroscedastic": 0.65}

# %% [markdown]
# How large do the numbers get by chance? Twenty independent pairs of N = 2,000 points, each
# with its own seed, give the noise floor of each measure (its population value is 0):

# %%
floor = [association_table(*relation_sample("independent", n_gallery, 0.0, seed=s)) for s in range(20)]
for key, label in (("pearson", "|Pearson r|"), ("spearman", "|Spearman|"), ("mi", "MI (KSG), nats"), ("ic", "r_I")):
    values = np.array([t[key] for t in floor])
    values = values if key == "mi" else np.abs(values)
    print(f"{label:15s} median {np.median(values):+.3f}, smallest {values.min():+.3f}, largest {values.max():+.3f}")
n_negative = sum(t["mi"] < 0 for t in floor)
print(f"negative MI estimates: {n_negative} of {len(floor)}")
ic_floor = np.array([t["ic"] for t in floor])
r_floor = np.array([abs(t["pearson"]) for t in floor])
assert n_negative == 6 and round(np.median(ic_floor), 2) == 0.10 and round(ic_floor.max(), 2) == 0.23
assert 4 < ic_floor.max() / r_floor.max() < 6
spearman_floor = np.array([abs(t["spearman"]) for t in floor])
nonmonotone_max = max(max(abs(gallery[k]["est"]["pearson"]), abs(gallery[k]["est"]["spearman"])) for k in nonmonotone)
print(f"largest |r| or |rho_s|: {max(r_floor.max(), spearman_floor.max()):.3f} over these 20 pairs, "
      f"{nonmonotone_max:.3f} over the five dependent relations of the gallery")
assert max(r_floor.max(), spearman_floor.max(), nonmonotone_max) < 0.05  # section 4: all below 0.05 in size

# %% [markdown]
# Six of the twenty MI estimates are negative (r_I = 0 for those), yet the median r_I is
# 0.10 and the largest 0.23, about five times the largest |r|. So on the correlation scale
# an r_I of 0.2 from 2,000 points is no evidence of dependence; notebook 12 turns this into
# a permutation test.

# %% [markdown]
# ## 5. Try it: relation, noise and sample size
#
# The panel shows one relation and the three coefficients as bars, their population values
# as black ticks, and the MI in nats in the text. The seed is fixed: moving N adds or removes
# points, moving the noise slides the same points away from the noise-free shape.
#
# - Pick **linear** and move the noise: the three bars shrink together and stay near their
#   ticks. At noise 1, Pearson's r and r_I read 0.70 (population ρ = 1/√2 = 0.71) and
#   Spearman's ρ 0.69.
# - Pick **circle** and raise the noise from 0 to 1: r_I falls from 1 to below 0.1 while
#   Pearson and Spearman stay at 0 the whole way.
# - Set N = 100 with **independent**: the bars wobble around 0; r_I is exactly 0 whenever
#   the KSG estimate dips below 0.
# - Try **heteroscedastic** at noise 0: a bow tie with no trend, r ≈ 0 and r_I ≈ 0.70.
#
# Results are cached per setting, so revisiting a setting is instant.

# %%
# The claims above, checked with the panel's own function (seed 0, N = 1000 unless stated):
lin1 = relation_numbers("linear", 1.0, 1000)["estimate"]
assert round(lin1["pearson"], 2) == 0.70 and round(lin1["ic"], 2) == 0.70 and round(lin1["spearman"], 2) == 0.69
assert relation_truth("circle", 0.0)["ic"] == 1.0 and relation_truth("circle", 1.0)["ic"] < 0.1
het = relation_numbers("heteroscedastic", 0.0, 1000)["estimate"]
assert abs(het["pearson"]) < 0.05 and round(het["ic"], 2) == 0.70
relation_panel()

# %% [markdown]
# ## 6. Other measures of dependence: MIC, distance correlation, HSIC
#
# - **MIC**, the maximal information coefficient (Reshef et al., *Science* 334, 1518–1524,
#   2011): the largest plug-in MI over grids of up to about N^0.6 cells, each divided by the
#   log of the grid's smaller side, so it lies in [0, 1]. It came with a claim of
#   *equitability*: equally noisy relations of any shape (noise measured by R²) should score
#   alike. Kinney & Atwal (*PNAS* 111, 3354–3359, 2014) formalised that claim, proved that
#   no non-trivial dependence measure can meet their formalisation, proposed a weaker
#   condition rooted in the data processing inequality, which MI meets and MIC does not,
#   and found KSG estimates of MI more equitable and more powerful than MIC in
#   simulations. Reshef and co-authors answered with refined definitions and estimators
#   (*JMLR* 17, 2016). MIC is not an estimate of MI.
# - **Distance correlation** (Székely, Rizzo & Bakirov, *Ann. Statist.* 35, 2769–2794,
#   2007) correlates the pairwise distances within x with those within y. Its population
#   value lies in [0, 1] and is 0 exactly under independence (for variables with finite
#   means); it works for vectors and needs no tuning: `mh.distance_correlation(x, y)`.
# - **HSIC**, the Hilbert–Schmidt independence criterion (Gretton et al., *Algorithmic
#   Learning Theory*, 2005), does the same with kernel similarities; with a Gaussian kernel
#   it is 0 exactly under independence, but its size depends on the kernel width.
#   `mh.hsic(x, y, normalize=True)` scales it to [0, 1], with the median distance between
#   points as the width. Distance covariance is HSIC with a distance-based kernel
#   (Sejdinovic et al., *Ann. Statist.* 41, 2263–2291, 2013).
#
# Both are built for *testing* independence: no density to estimate, and with a permutation
# test they detect dependence of any shape as N grows. What they lack is MI's meaning. For a
# Gaussian pair, distance correlation is a known function of |ρ| below |ρ| (Székely et al.,
# Theorem 7), and unlike MI it changes under an increasing map:

# %%
x, y = mh.correlated_gaussian(2000, 0.8, seed=SEED)
dcor_y, dcor_exp = distance_correlation(x, y), distance_correlation(x, np.exp(2 * y))
print(f"rho = 0.8: distance correlation {dcor_y:.3f} (population {gaussian_distance_correlation(0.8):.3f})")
print(f"x vs exp(2y): distance correlation {dcor_exp:.3f}; true MI {mh.gaussian_mi(0.8):.3f} nats for both")
assert abs(dcor_y - gaussian_distance_correlation(0.8)) < 0.02 and dcor_exp < dcor_y - 0.1

# %% [markdown]
# Their values depend on the *shape* of the relation far more than MI does. Both on the
# gallery (the first 500 points of each sample: the cost grows as N²), beside r_I from the
# true MI and the KSG estimate on the same points:

# %%
n_other = 500
other = {}
print(f"{'relation':16s} {'r_I (true)':>10s} {'MI KSG':>7s} {'dCor':>6s} {'HSIC (norm.)':>12s}")
for kind in RELATIONS:
    xs, ys = gallery[kind]["x"][:n_other], gallery[kind]["y"][:n_other]
    other[kind] = (mh.mi_ksg(xs, ys), distance_correlation(xs, ys), hsic(xs, ys, normalize=True))
    print(f"{kind:16s} {gallery[kind]['true']['ic']:10.3f} {other[kind][0]:7.3f} {other[kind][1]:6.3f} {other[kind][2]:12.3f}")
assert other["linear"][1] > 0.95 and max(other["quadratic"][1], other["sine"][1]) < 0.5
assert other["sine"][2] < 0.05 < other["circle"][2]

# %% [markdown]
# The parabola and the sine wave carry as much information as a Gaussian pair with
# ρ = 0.99, yet their distance correlations are below 0.5, and the sine's HSIC is below
# 0.05 (the median-distance kernel is too wide to see two periods). A ranking by these
# measures is a ranking by shape as much as by strength. Shape also decides what they can
# *detect*: the checkerboard and the independent pair, 10 seeds each at N = 500:

# %%
ranges = {}
for kind in ("checkerboard", "independent"):
    rows = [(distance_correlation(*xy), hsic(*xy, normalize=True), mh.mi_ksg(*xy))
            for xy in (relation_sample(kind, n_other, noise_gallery, seed=s) for s in range(10))]
    ranges[kind] = np.array(rows)
for j, name in enumerate(("dCor", "HSIC (normalised)", "MI (KSG), nats")):
    (c_lo, c_hi), (i_lo, i_hi) = [(ranges[k][:, j].min(), ranges[k][:, j].max()) for k in ("checkerboard", "independent")]
    print(f"{name:18s} checkerboard {c_lo:+.3f} to {c_hi:+.3f} | independent {i_lo:+.3f} to {i_hi:+.3f}")
check, indep = ranges["checkerboard"], ranges["independent"]
assert check[:, 0].min() < indep[:, 0].max() and check[:, 1].min() < indep[:, 1].max()  # ranges overlap
assert check[:, 2].min() > 3 * indep[:, 2].max()  # MI: far apart in every seed

# %% [markdown]
# At N = 500 the checkerboard's distance correlation and HSIC overlap the range of
# independent data, while its MI estimate is far above it in every seed. That is one
# relation at one sample size, not a verdict: which measure detects dependence best depends
# on the relation and on N, so compare them with permutation tests on data like yours
# (notebook 12). When you need a number with a meaning, in nats, with a chain rule and a
# data processing inequality behind it, MI is the one.
#
# A newer rank statistic belongs to the same family of tests: Chatterjee's ξ (Chatterjee,
# *J. Amer. Statist. Assoc.* 116, 2009–2022, 2021), whose population value is 0 exactly under
# independence and 1 exactly when y is a function of x. It is not symmetric in x and y, and
# it is not an estimate of MI either.

# %% [markdown]
# ## Pitfall: `mutual_info_score` on raw continuous values
#
# Notebook 01 showed this bug; here is what it does to a comparison with correlation.
# `sklearn.metrics.mutual_info_score` is a *discrete* estimator: every distinct float
# becomes its own label, so each of the N points is a category of one, and the "MI" is
# ln N whatever the data. Apply it to the gallery's circle and independent pair:

# %%
ln_n = np.log(n_gallery)
with warnings.catch_warnings(record=True) as sklearn_caught:  # printed below instead of as stderr
    warnings.simplefilter("always")
    wrong = {k: mutual_info_score(gallery[k]["x"], gallery[k]["y"]) for k in ("circle", "independent")}
print(f"ln N = {ln_n:.3f} nats")
for kind, value in wrong.items():
    print(f"mutual_info_score, {kind:11s}: {value:.3f} nats -> r_I = {information_coefficient(value):.4f} "
          f"(true MI {gallery[kind]['true']['mi']:.3f} nats, r_I {gallery[kind]['true']['ic']:.3f})")
print("scikit-learn's warning:", sklearn_caught[0].message)
assert all(np.isclose(v, ln_n) and round(information_coefficient(v), 4) == 1.0 for v in wrong.values())

# %% [markdown]
# Both pairs score ln N = 7.60 nats, so on the correlation scale the independent pair looks
# *perfectly* dependent (r_I = 1.0000) and cannot be told apart from the circle. A
# correlation would at least have said 0. `mh.mi_discrete` computes the same plug-in value,
# and its warning says what the number means:

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    value = mh.mi_discrete(gallery["independent"]["x"], gallery["independent"]["y"])
print(f"mi_discrete on floats: {value:.3f} nats")
print("warning:", caught[0].message)

# %% [markdown]
# **The fix** is an estimator made for continuous data: KSG, or a histogram with a stated
# number of bins (here 20 per axis). For independent data the all-cells formula
# (B − 1)² / (2N) = 0.09 nats gives the size of the histogram's upward bias; the real bias
# is a little smaller on Gaussian data, whose outer cells expect almost no points
# (notebook 04). The last line measures it over 30 independent samples.

# %%
for kind in ("circle", "independent"):
    x, y = gallery[kind]["x"], gallery[kind]["y"]
    print(f"{kind:11s}: KSG {mh.mi_ksg(x, y):.3f} nats, histogram (20 bins) {mh.mi_binned(x, y, bins=20):.3f} nats, "
          f"true {gallery[kind]['true']['mi']:.3f} nats")
independent_pairs = functools.partial(relation_sample, "independent", noise=noise_gallery)
hist_null = sampling_distribution(mh.mi_binned, independent_pairs, n=n_gallery, repeats=30, seed=SEED, bins=20)
print(f"(B - 1)^2 / (2N) = {19**2 / (2 * n_gallery):.3f} nats; histogram (20 bins) on 30 independent samples: "
      f"mean {hist_null.mean():.3f} nats (truth 0)")
assert round(19**2 / (2 * n_gallery), 2) == 0.09 and 0.6 * 19**2 / (2 * n_gallery) < hist_null.mean() < 19**2 / (2 * n_gallery)

# %% [markdown]
# ## Exercises
#
# Each solution sits in a collapsed cell below its exercise, its code and its output
# both hidden so the answer is not spoiled: click the collapsed cell (or its three dots)
# to open it once you have tried.
#
# **Exercise 1.** Pearson's r can also be fooled in the other direction. Draw 200 independent
# Gaussian pairs (`relation_sample("independent", 200, 0.0, seed=SEED)`), add a single point
# at (10, 10), and compute the four numbers before and after. Which measure moves most, and
# why does the MI estimate barely move?

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
x, y = relation_sample("independent", 200, 0.0, seed=SEED)
before = association_table(x, y)
after = association_table(np.append(x, 10.0), np.append(y, 10.0))
for name, t in (("200 points", before), ("+ outlier", after)):
    print(f"{name:10s}: Pearson {t['pearson']:+.3f}, Spearman {t['spearman']:+.3f}, "
          f"MI (KSG) {t['mi']:+.3f} nats, r_I {t['ic']:.3f}   (truth for the 200 points: all 0)")
# Pearson squares the outlier's distance from the mean, so one point drags r from 0.015 to 0.361.
# Spearman sees only ranks (the outlier is simply the largest x and the largest y).
# KSG counts neighbours: one isolated point changes the neighbour counts of almost no one.
# (r_I = 0.2 for independent data is the stretched scale near 0 again: I is only 0.02 nats.)
assert round(before["pearson"], 3) == 0.015 and round(after["pearson"], 3) == 0.361
assert abs(after["mi"] - before["mi"]) < 0.01 and abs(after["spearman"] - before["spearman"]) < 0.02
assert round(before["ic"], 1) == 0.2 and round(before["mi"], 2) == 0.02

# %% [markdown]
# **Exercise 2.** At what noise level does the circle's information coefficient fall to 0.5?
# Scan the noise with `relation_truth`, interpolate, and then check the answer with a KSG
# estimate on 5,000 points drawn at that noise.

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
noises = np.linspace(0.05, 1.0, 96)
ic_circle = np.array([relation_truth("circle", s)["ic"] for s in noises])
noise_half = np.interp(0.5, ic_circle[::-1], noises[::-1])  # r_I falls with noise; interp needs increasing x
x, y = relation_sample("circle", 5000, float(noise_half), seed=SEED)
t = association_table(x, y)
print(f"r_I = 0.5 at noise = {noise_half:.3f} (true MI there: {relation_truth('circle', float(noise_half))['mi']:.4f} nats, "
      f"which is -0.5 ln(0.75) = {-0.5 * np.log(0.75):.4f})")
print(f"KSG on 5,000 points at that noise: I = {t['mi']:.4f} nats, r_I = {t['ic']:.3f}")
assert abs(relation_truth("circle", float(noise_half))["mi"] + 0.5 * np.log(0.75)) < 1e-3

# %% [markdown]
# **Exercise 3.** MI has no sign. Take the linear relation at noise 0.5 and flip it
# (y → −y). Which of the four numbers change, and which stay exactly the same?

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
x, y = relation_sample("linear", 2000, 0.5, seed=SEED)
up, down = association_table(x, y), association_table(x, -y)
for name, t in (("y = x + noise", up), ("y = -x - noise", down)):
    print(f"{name:15s}: Pearson {t['pearson']:+.4f}, Spearman {t['spearman']:+.4f}, MI {t['mi']:.4f} nats, r_I {t['ic']:.4f}")
print(f"true: |rho| = {relation_truth('linear', 0.5)['pearson']:.4f}, MI = {relation_truth('linear', 0.5)['mi']:.4f} nats")
# The correlations change sign; MI and r_I are identical, because flipping y is an
# invertible map (and KSG's max-norm distances do not see the flip either).
assert up["mi"] == down["mi"] and up["ic"] == down["ic"]
assert np.isclose(up["pearson"], -down["pearson"]) and np.isclose(up["spearman"], -down["spearman"])

# %% [markdown]
# ## Summary
#
# - Pearson's r measures linear, Spearman's ρ monotone, and MI any dependence. Circles,
#   checkerboards, waves, parabolas and changing spread have a correlation of 0 and a large
#   MI: a correlation of 0 means "no monotone trend", not "no relation".
# - Linfoot's r_I = √(1 − e^(−2I)) puts MI on the correlation scale. It equals |ρ| for a
#   Gaussian pair; elsewhere it can be far above |r| (a circle) or below it (two tight
#   clusters: one bit of information, yet r ≈ 1). It has no sign and no shape.
# - The true MI and r_I do not change under any invertible map of either variable. The KSG
#   *estimate* keeps that only approximately: it moved from 0.507 to 0.455 nats under
#   y ↦ exp(2y), a bias that shrinks with N. Pearson's r moved far more.
# - Distance correlation and HSIC also vanish only under independence and make good tests,
#   but their values depend on the relation's shape and carry no unit. In Kinney & Atwal's
#   (2014) formalisation, MIC's equitability cannot hold for any non-trivial measure;
#   Reshef and co-authors dispute that this is what they meant.
# - `mutual_info_score` on raw floats gives ln N (r_I ≈ 1) even for independent data; use
#   `mi_ksg` or a histogram with a stated number of bins.
#
# [← Previous: 02 Properties](02_properties.ipynb) · **03 MI vs correlation** · [Next: 04 Estimation →](04_estimation.ipynb)
