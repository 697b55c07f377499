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
# # 04 · Estimating mutual information from samples
#
# [← Previous: 03 MI vs correlation](03_mi_vs_correlation.ipynb) · **04 Estimation** · [Next: 05 Feature selection →](05_feature_selection.ipynb)
#
# The mutual information of two variables is a property of their joint distribution.
# We never see that distribution, only a sample, so every MI we report is an
# *estimate*: a number computed from random data, with an error that has a
# systematic part (bias) and a random part (variance). Five estimators, applied to the
# same sample, give five different numbers. This notebook measures how wrong each of
# them is, on data whose true MI is known exactly.
#
# **You will learn to**
#
# - describe five estimators (histogram, Miller–Madow, KSG, KDE, Gaussian): the idea, what each assumes and what it costs;
# - measure bias, spread and RMSE against a closed-form truth, with many seeded samples;
# - see how the number of bins and the number of neighbours k trade bias for variance, and how N changes both;
# - test estimators on non-Gaussian data with a known MI, where the Gaussian formula fails;
# - avoid five common ways of misreading an estimate.
#
# **Time:** about 45 minutes. All numbers are in nats unless they say bits.

# %% [markdown]
# ## Setup
#
# `mi_helpers.stats` holds the two tools of this notebook: `sampling_distribution`
# (apply an estimator to many seeded samples) and `bias_variance` (summarise them
# against the truth). `mi_helpers.synthetic` holds data families whose MI is known.

# %%
import functools
import warnings

import matplotlib.pyplot as plt
import numpy as np
from scipy.special import logsumexp

import mi_helpers as mh
from mi_helpers.stats import bias_variance, plugin_mi_bias, sampling_distribution
from mi_helpers.synthetic import (
    gaussian_blocks,
    gaussian_blocks_mi,
    monotone_gaussian_pair,
    uniform_noise_mi,
    uniform_noise_pair,
)
from mi_helpers.widgets.estimation import sampling_panel

SEED = 0
REPEATS = 30  # samples per sampling distribution
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. Five estimators at a glance
#
# | estimator | idea | assumes | cost for N samples | `mi_helpers` call |
# |---|---|---|---|---|
# | histogram ("plug-in") | cut each axis into equal-width bins, plug the cell frequencies into the discrete formula | bins wide enough to hold many points, narrow enough to follow the density | O(N log B + Bx·By) | `mi_binned(x, y, bins=...)` |
# | Miller–Madow | the histogram value minus its first-order bias (Kxy − Kx − Ky + 1)/(2N), K = non-empty cells | as the histogram; N large compared with the number of cells | same | `mi_binned(..., correction="miller-madow")` |
# | KSG (Kraskov–Stögbauer–Grassberger) | distances to the k-th nearest neighbour in the joint space, neighbour counts in each margin | continuous data without ties; density roughly constant inside each neighbourhood | O(N log N) (k-d tree) | `mi_ksg(x, y, k=3)` |
# | KDE | Gaussian kernel density estimates of p(x, y), p(x), p(y); average the log ratio at the points | smooth densities; a bandwidth that suits the data | O(N²) | `mi_kde(x, y)` |
# | Gaussian | the MI of the Gaussian with the sample's covariance, ½ ln(det Σx det Σy / det Σ) | (X, Y) jointly Gaussian | O(N d²) | `mi_gaussian(x, y)` |
#
# Start with one sample of N = 1000 from a Gaussian pair with ρ = 0.6, where the truth
# is −½ ln(1 − ρ²) = 0.223 nats:

# %%
rho = 0.6
truth = mh.gaussian_mi(rho)
x, y = mh.correlated_gaussian(1000, rho, seed=SEED)
one_sample = {
    "histogram (fd rule)": mh.mi_binned(x, y),
    "Miller–Madow (fd rule)": mh.mi_binned(x, y, correction="miller-madow"),
    "KSG (k = 3)": mh.mi_ksg(x, y, k=3),
    "KDE (Scott bandwidth)": mh.mi_kde(x, y),
    "Gaussian": mh.mi_gaussian(x, y),
}
print(f"truth: {truth:.3f} nats")
for name, value in one_sample.items():
    print(f"{name:24s} {value:.3f} nats  (error {value - truth:+.4f})")

# %% [markdown]
# One sample says little: a second sample would move every number. The rest of the
# notebook looks at the **sampling distribution** of each estimator, the spread of its
# values over many independent samples, and compares its centre with the truth.

# %% [markdown]
# ## 2. The histogram estimator: the bins decide the answer
#
# Cutting X into Bx bins and Y into By bins turns them into labels, and the discrete
# formula does the rest. Two errors pull in opposite directions:
#
# - **coarse bins lose information**: the MI of the binned variables is at most the
#   true MI (binning is processing, and processing cannot add information), so few
#   bins push the estimate *down*;
# - **fine bins see noise as structure**: with few points per cell, chance
#   fluctuations look like dependence, and the estimate rises by about
#   (Bx − 1)(By − 1)/(2N) nats (Miller, 1955).
#
# NumPy's bin rules choose B from N and the spread of the data. Here is what each rule
# gives on the sample above (N = 1000), with and without the Miller–Madow correction:

# %%
print(f"truth: {truth:.3f} nats")
print("rule/bins   B   histogram   Miller–Madow")
for rule in ["sturges", "doane", "rice", "scott", "fd", "sqrt", 5, 10, 50]:
    n_bins = len(np.histogram_bin_edges(x, rule)) - 1
    plain = mh.mi_binned(x, y, bins=rule)
    corrected = mh.mi_binned(x, y, bins=rule, correction="miller-madow")
    print(f"{str(rule):9s} {n_bins:3d}   {plain:9.3f}   {corrected:12.3f}")

# %% [markdown]
# The same data give anything from 0.15 to 0.70 nats. Averaging over 30 samples shows the
# pattern behind it: the mean estimate against the number of bins, for three sample
# sizes. Each point is the mean over the samples; the bars show ± one standard
# deviation.

# %%
gaussian_pair = functools.partial(mh.correlated_gaussian, rho=rho)
bin_counts = [2, 3, 5, 8, 12, 20, 30, 50]
fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), sharey=True, layout="constrained")
for ax, correction, title in zip(axes, [None, "miller-madow"], ["histogram (plug-in)", "Miller–Madow"]):
    for n in [200, 1000, 5000]:
        runs = [sampling_distribution(mh.mi_binned, gaussian_pair, n=n, repeats=REPEATS, seed=SEED, bins=b, correction=correction) for b in bin_counts]
        ax.errorbar(bin_counts, [r.mean() for r in runs], yerr=[r.std() for r in runs], marker="o", ms=3, capsize=2, label=f"N = {n}")
    ax.axhline(truth, color="k", ls="--", lw=1, label="truth")
    ax.set_xscale("log")
    ax.set_xticks(bin_counts, [str(b) for b in bin_counts])
    ax.minorticks_off()
    ax.set_xlabel("bins per variable")
    ax.set_title(title)
axes[0].set_ylim(0, 0.9)  # N = 200 with 50 bins runs off the top, near 1.8 nats
axes[0].set_ylabel("MI estimate (nats)")
axes[1].legend()
plt.show()

# %% [markdown]
# Few bins: every sample size lands below the truth (information lost by binning).
# Many bins: the estimate climbs, and faster for small N. The curve crosses the truth at
# a number of bins that depends on N, so **no fixed bin count is right**, and a rule that
# grows B with N (as "fd" and "sqrt" do) still carries a bias that shrinks slowly.
# Miller–Madow removes much of the upward part but cannot restore what coarse bins lost.

# %% [markdown]
# ## 3. KSG: nearest neighbours and the choice of k
#
# KSG (Kraskov, Stögbauer and Grassberger, 2004) never builds a density. For each point
# it finds the distance ε to its k-th nearest neighbour in the joint (x, y) space (max
# norm), then counts how many points lie within ε in x alone (n_x) and in y alone (n_y):
#
# $$ \hat I = \psi(k) + \psi(N) - \big\langle \psi(n_x + 1) + \psi(n_y + 1) \big\rangle , $$
#
# with ψ the digamma function. The idea: where X and Y are dependent, the joint
# neighbourhood is small compared with the marginal ones. k sets the neighbourhood
# size: small k follows the density closely (little bias, more variance); large k
# averages more (less variance) but assumes the density is flat over a wider region,
# which biases the estimate down when the dependence is strong.

# %%
ks = [1, 2, 3, 5, 10, 20, 40]
fig, ax = plt.subplots(figsize=(6, 3.6), layout="constrained")
for r in [0.6, 0.9]:
    pair = functools.partial(mh.correlated_gaussian, rho=r)
    # One thread: for a few hundred points, starting threads costs more than it saves.
    runs = [sampling_distribution(mh.mi_ksg, pair, n=500, repeats=REPEATS, seed=SEED, k=k, workers=1) for k in ks]
    s = [bias_variance(run, mh.gaussian_mi(r)) for run in runs]
    ax.errorbar(ks, [run.mean() for run in runs], yerr=[q.sd for q in s], marker="o", ms=3, capsize=2, label=f"ρ = {r}")
    ax.axhline(mh.gaussian_mi(r), color="k", ls="--", lw=1)
    print(f"rho = {r}: truth {mh.gaussian_mi(r):.3f};  k = 1: bias {s[0].bias:+.3f}, sd {s[0].sd:.3f};  k = 40: bias {s[-1].bias:+.3f}, sd {s[-1].sd:.3f} nats")
ax.set_xscale("log")
ax.set_xticks(ks, [str(k) for k in ks])
ax.minorticks_off()
ax.set_xlabel("k (neighbours)")
ax.set_ylabel("KSG estimate (nats), N = 500")
ax.set_title("KSG: mean ± sd over 30 samples; dashed: truth")
ax.legend()
plt.show()

# %% [markdown]
# The spread shrinks as k grows, and at ρ = 0.9 the estimate sinks below the truth
# for large k. Small values are the usual choice: scikit-learn's
# `mutual_info_regression` uses k = 3 by default, and so does this course.

# %% [markdown]
# ## 4. KDE and the Gaussian estimator
#
# **KDE** replaces each point by a small Gaussian bump and adds them up to estimate
# p(x, y), p(x) and p(y); the MI estimate is the average of ln p(x, y) / (p(x) p(y))
# over the sample. The bandwidth plays the role of the bin width. `mi_kde` shapes each
# kernel like the data's covariance, sets its width with Scott's rule
# (N^(−1/(d+4)) for a d-dimensional density) and leaves each point out of its own
# density (why this matters is a pitfall below). Comparing all pairs of points costs
# O(N²), so it is for a few thousand points at most.
#
# **The Gaussian estimator** fits a Gaussian and returns its MI. When the data really are
# jointly Gaussian it is the best of the five (no tuning, smallest error); for anything
# else it measures linear dependence only.

# %%
x5, y5 = x[:500], y[:500]  # the first 500 points of the sample: KDE costs O(N^2)
print(f"truth: {truth:.3f} nats (N = 500)")
for factor in [0.05, 0.15, "scott", 0.6, 1.2]:
    label = "scott" if factor == "scott" else f"{factor:g}"
    print(f"mi_kde, bandwidth {label:>5s}: {mh.mi_kde(x5, y5, bandwidth=factor):.3f} nats")
print(f"mi_gaussian:             {mh.mi_gaussian(x5, y5):.3f} nats")

# %% [markdown]
# Too narrow a kernel and each density becomes a set of spikes around the other
# points: the estimate collapses, here even below zero. Too wide, and every density
# tends to one broad Gaussian shaped like the data's covariance, so the estimate tends
# to the Gaussian estimator's value: harmless for these Gaussian data, wrong for others.
# Scott's rule (0.29 for the 1-D densities, 0.35 for the 2-D one at N = 500) sits between.

# %% [markdown]
# ## 5. Bias and variance as N grows
#
# Now the main experiment. For each estimator and each N, draw 30 independent samples
# (seeded; the same samples for every estimator), estimate, and summarise:
#
# - **bias** = mean of the estimates − truth (the systematic error);
# - **sd** = their standard deviation (the random error);
# - **RMSE** = √(bias² + sd²), the typical distance from the truth.
#
# The same is run on a second family with the *same* true MI: each variable of the
# Gaussian pair passed through exp. An invertible map of each variable leaves MI
# unchanged, so the truth is still 0.223 nats, but the data are skewed and far from
# Gaussian. Both families are computed once here and shared by the next figures.

# %%
N_GRID = [100, 300, 1000, 3000]
KDE_MAX_N = 300  # O(N^2): larger N would dominate the run time of the notebook
ESTIMATORS = {
    "histogram (fd)": (mh.mi_binned, {}),
    "Miller–Madow (fd)": (mh.mi_binned, {"correction": "miller-madow"}),
    "KSG (k = 3)": (mh.mi_ksg, {"k": 3, "workers": 1}),
    "KDE": (mh.mi_kde, {}),
    "Gaussian": (mh.mi_gaussian, {}),
}
FAMILIES = {
    "Gaussian pair": gaussian_pair,
    "exp of a Gaussian pair": functools.partial(monotone_gaussian_pair, rho=rho, transform="exp"),
}
study = {}  # (family, estimator, N) -> array of 30 estimates
for family, sampler in FAMILIES.items():
    for name, (estimator, kwargs) in ESTIMATORS.items():
        for n in N_GRID:
            if name == "KDE" and n > KDE_MAX_N:
                continue
            study[family, name, n] = sampling_distribution(estimator, sampler, n=n, repeats=REPEATS, seed=SEED, **kwargs)

print(f"Gaussian pair, N = 300, {REPEATS} samples, truth {truth:.3f} nats")
print(f"{'estimator':20s} {'mean':>7s} {'bias':>7s} {'sd':>7s} {'rmse':>7s}")
for name in ESTIMATORS:
    est = study["Gaussian pair", name, 300]
    s = bias_variance(est, truth)
    print(f"{name:20s} {est.mean():7.3f} {s.bias:+7.3f} {s.sd:7.3f} {s.rmse:7.3f}")


# %%
def plot_study(family, ax_mean, ax_rmse):
    """Mean ± sd and RMSE against N for every estimator on one family."""
    for i, name in enumerate(ESTIMATORS):
        ns = [n for n in N_GRID if (family, name, n) in study]
        runs = [study[family, name, n] for n in ns]
        shift = 1 + 0.04 * (i - 2)  # nudge the markers apart
        ax_mean.errorbar(np.array(ns) * shift, [r.mean() for r in runs], yerr=[r.std() for r in runs], marker="o", ms=3, capsize=2, label=name)
        ax_rmse.plot(ns, [bias_variance(r, truth).rmse for r in runs], marker="o", ms=3, label=name)
    ax_mean.axhline(truth, color="k", ls="--", lw=1, label="truth")
    for ax in (ax_mean, ax_rmse):
        ax.set_xscale("log")
        ax.set_xticks(N_GRID, [str(n) for n in N_GRID])
        ax.minorticks_off()
        ax.set_xlabel("N")
    ax_mean.set_ylabel("estimate (nats)")
    ax_mean.set_title(f"{family}: mean ± sd over {REPEATS} samples", fontsize=10)
    ax_rmse.set_yscale("log")
    rmse_ticks = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5]
    ax_rmse.set_yticks(rmse_ticks, [f"{t:g}" for t in rmse_ticks])
    ax_rmse.minorticks_off()
    ax_rmse.set_ylabel("RMSE (nats)")
    ax_rmse.set_title("distance from the truth", fontsize=10)


fig, (ax_mean, ax_rmse) = plt.subplots(1, 2, figsize=(11, 3.8), layout="constrained")
plot_study("Gaussian pair", ax_mean, ax_rmse)
ax_rmse.legend(fontsize=8, loc="lower left")
plt.show()

# %% [markdown]
# On Gaussian data:
#
# - the **Gaussian** estimator is unbiased and has the smallest RMSE: the model is right;
# - **KSG** is nearly unbiased at every N; its spread shrinks roughly like 1/√N;
# - **KDE** is close too, within the sizes it can afford;
# - the **histogram** with the "fd" rule is biased upwards at every N shown, and the bias
#   shrinks slowly because the rule adds bins as N grows; **Miller–Madow** removes about
#   half of it.
#
# RMSE combines both errors: for the histogram it is almost all bias, so more data helps
# only slowly.

# %% [markdown]
# ## 6. Ground truth beyond the Gaussian
#
# ### 6a. A monotone transform: same MI, different data
#
# Here is the exp family: the same samples as before, each variable passed through
# exp. The left plot shows one sample; the right ones repeat the experiment of
# section 5 on this family.

# %%
xe, ye = monotone_gaussian_pair(1000, rho, transform="exp", seed=SEED)
fig, axes = plt.subplots(1, 3, figsize=(13, 3.8), gridspec_kw={"width_ratios": [0.8, 1, 1]}, layout="constrained")
axes[0].scatter(xe, ye, s=4, alpha=0.4)
axes[0].set_xlabel("exp(u)")
axes[0].set_ylabel("exp(v)")
axes[0].set_title("one sample: corr(u, v) = 0.6", fontsize=10)
plot_study("exp of a Gaussian pair", axes[1], axes[2])
axes[1].set_ylim(-0.3, 0.8)  # KDE's spread on this family runs off the chart
axes[2].legend(fontsize=8, loc="lower left")
plt.show()

pearson = np.corrcoef(xe, ye)[0, 1]
print(f"truth: {truth:.3f} nats; Pearson r of this sample: {pearson:.3f} (it was {np.corrcoef(x, y)[0, 1]:.3f} before exp)")
print(f"the Gaussian estimator returns -0.5 ln(1 - r^2) = {mh.gaussian_mi(pearson):.3f} nats")
for name in ESTIMATORS:
    s = bias_variance(study["exp of a Gaussian pair", name, 300], truth)
    print(f"N = 300, {name:20s} bias {s.bias:+.3f}, sd {s.sd:.3f} nats")

# %% [markdown]
# The truth has not moved, but the estimators have:
#
# - the **Gaussian** estimator fails: exp lowers the Pearson correlation (to about 0.48
#   in the population) and it reports the MI of *that* Gaussian, well below the truth,
#   however large N is;
# - the **histogram** gets worse: equal-width bins over a long right tail leave most
#   bins empty and crowd the points into a few;
# - **KDE** breaks down: one kernel shape cannot suit both the dense corner and the tail;
# - **KSG** barely notices: it works with neighbours, and the neighbours of a point are
#   almost the same before and after a monotone map.

# %% [markdown]
# ### 6b. Uniform data with uniform noise
#
# Let X ~ U(0, 1) and Y = X + N with N ~ U(0, a) independent of X. The noise is
# additive and independent of X, so the differential entropies satisfy
# h(Y | X) = h(N) = ln a and I(X;Y) = h(Y) − ln a (Cover and Thomas, 2006, §9.1). The density of Y is
# a trapezoid (two ramps and a flat top), whose entropy is a short integral. The result:
#
# $$ I(X;Y) = \begin{cases} a/2 - \ln a, & a \le 1 \\ 1/(2a), & a \ge 1 \end{cases} \quad \text{nats.} $$
#
# The docstring of `uniform_noise_mi` has the derivation; the test suite checks it by
# numerical integration. Nothing here is Gaussian: both margins have hard edges.

# %%
for width in [0.5, 2.0]:
    truth_u = uniform_noise_mi(width)
    sampler = functools.partial(uniform_noise_pair, width=width)
    print(f"a = {width}: truth {truth_u:.3f} nats; N = 1000, {REPEATS} samples:")
    for name in ["histogram (fd)", "Miller–Madow (fd)", "KSG (k = 3)", "Gaussian"]:
        estimator, kwargs = ESTIMATORS[name]
        est = sampling_distribution(estimator, sampler, n=1000, repeats=REPEATS, seed=SEED, **kwargs)
        s = bias_variance(est, truth_u)
        print(f"    {name:20s} mean {est.mean():.3f}, bias {s.bias:+.3f}, sd {s.sd:.3f}")

# %% [markdown]
# Every estimator misses here, each for its own reason: the Gaussian one because the
# model is wrong; KSG because neighbourhoods near a sharp edge are cut off (the bias
# shrinks with N, but slowly); the histogram because its two errors, of opposite sign,
# cancel by luck at a = 2 but not at a = 0.5.

# %% [markdown]
# ### 6c. Blocks of a multivariate Gaussian
#
# MI is defined between random *vectors* too. For a Gaussian vector (X, Y) with
# covariance Σ, I(X;Y) = ½ [ln det Σ_XX + ln det Σ_YY − ln det Σ], computed from
# log-determinants by `gaussian_blocks_mi`. The histogram estimators are for 1-D
# variables only; KSG, KDE and the Gaussian estimator take vectors.

# %%
cov = np.array([
    [1.0, 0.3, 0.5, 0.1],
    [0.3, 1.0, 0.2, 0.4],
    [0.5, 0.2, 1.0, 0.3],
    [0.1, 0.4, 0.3, 1.0],
])
truth_b = gaussian_blocks_mi(cov, dx=2)
blocks = functools.partial(gaussian_blocks, cov=cov, dx=2)
print(f"X = first two coordinates, Y = last two: truth {truth_b:.3f} nats; N = 300, {REPEATS} samples:")
for name in ["KSG (k = 3)", "KDE", "Gaussian"]:
    estimator, kwargs = ESTIMATORS[name]
    est = sampling_distribution(estimator, blocks, n=300, repeats=REPEATS, seed=SEED, **kwargs)
    s = bias_variance(est, truth_b)
    print(f"    {name:12s} mean {est.mean():.3f}, bias {s.bias:+.3f}, sd {s.sd:.3f}")

# %% [markdown]
# The Gaussian estimator is right on target: here its model is true. KSG stays close in
# four dimensions. KDE falls short: Scott's rule, applied to a 4-D density from 300
# points, picks a wide kernel that smooths away part of the dependence.

# %% [markdown]
# ## 7. Try it: the sampling distribution of an estimator
#
# The panel draws 30 seeded samples for the chosen estimator, data family, N and ρ. The
# left plot is the first sample (with the histogram grid when a histogram estimator is
# chosen) and gives the single estimate; the right plot is the histogram of all 30
# estimates, with the truth in red and their mean dashed. The text gives bias, sd and
# RMSE, and for the histogram estimators the formula (Bx − 1)(By − 1)/(2N) beside them.
#
# Each view is computed once and remembered, so going back is instant. To keep every
# move under a tenth of a second, KSG uses at most N = 500 and KDE at most N = 100 (the
# text says when N was capped).
#
# Things to try:
#
# - ρ = 0, histogram, 10 bins, N = 200: the whole distribution sits above the truth of 0,
#   close to the formula. At 20 bins and N = 100 the formula overshoots: it assumes many
#   points per cell. Then choose KSG: about half of the estimates fall below zero;
# - Gaussian estimator, then switch data to "exp of a Gaussian pair": the distribution
#   moves away from the red line and stays there as N grows;
# - KSG at ρ = 0.9, with k = 1 and then k = 10: the distribution narrows.

# %%
sampling_panel()

# %% [markdown]
# ## Pitfall: five ways to misread an MI estimate
#
# ### 1. A fixed 10 bins and no word about bias
#
# A common recipe is `np.histogram2d(x, y, bins=10)` followed by the MI formula. Feed it
# **independent** data, where the truth is exactly 0:

# %%
independent = functools.partial(mh.correlated_gaussian, rho=0.0)
print("independent Gaussian pair (truth 0), 10 x 10 bins, mean over 30 samples:")
for n in [100, 300, 1000, 3000]:
    est = sampling_distribution(mh.mi_binned, independent, n=n, repeats=REPEATS, seed=SEED, bins=10)
    print(f"N = {n:4d}: measured bias {est.mean():.4f} nats;  formula (10-1)(10-1)/(2N) = {plugin_mi_bias(10, 10, n):.4f}")

# %% [markdown]
# **Why:** with 100 cells and a few hundred points, the cell frequencies scatter around
# their true values and the plug-in formula reads that scatter as dependence. The
# measured bias follows (Bx − 1)(By − 1)/(2N) closely. At N = 100 a "MI of 0.38 nats"
# is pure noise, more than the truth of a Gaussian pair with ρ = 0.7.
#
# **The fix:** state the bins and the formula's bias next to the estimate, and prefer an
# estimator with less bias. Miller–Madow helps once N is large compared with the number
# of cells (at N = 1000 here, not at N = 100); KSG works at both. Same samples:

# %%
for n in [100, 1000]:
    mm = sampling_distribution(mh.mi_binned, independent, n=n, repeats=REPEATS, seed=SEED, bins=10, correction="miller-madow")
    ksg = sampling_distribution(mh.mi_ksg, independent, n=n, repeats=REPEATS, seed=SEED, workers=1)
    print(f"N = {n:4d}: Miller–Madow mean {mm.mean():+.4f}, KSG mean {ksg.mean():+.4f} nats (truth 0)")

# %% [markdown]
# ### 2. KDE with a fixed bandwidth, raw units, evaluated on its own points
#
# A from-scratch KDE often looks like this: one bandwidth h for every axis, the data in
# whatever units they came in, and each density evaluated at the very points it was
# built from. Here it is, written out for teaching:

# %%
def naive_kde_mi(x, y, h):
    """The wrong way: one fixed bandwidth h on raw units, each point kept in its own density."""

    def mean_log_density(z):
        z = z.reshape(len(z), -1)
        n, d = z.shape
        sq_dist = ((z[:, None, :] - z[None, :, :]) ** 2).sum(axis=-1)
        log_f = logsumexp(-sq_dist / (2 * h * h), axis=1) - np.log(n) - 0.5 * d * np.log(2 * np.pi) - d * np.log(h)
        return log_f.mean()

    return mean_log_density(np.column_stack([x, y])) - mean_log_density(x) - mean_log_density(y)


x3, y3 = mh.correlated_gaussian(200, rho, seed=SEED)  # x and y in metres
print(f"truth: {truth:.3f} nats (N = 200), h = 0.3")
print(f"naive KDE, y in metres:      {naive_kde_mi(x3, y3, 0.3):.3f} nats")
print(f"naive KDE, y in millimetres: {naive_kde_mi(x3, 1000 * y3, 0.3):.3f} nats")
print(f"naive KDE, y in kilometres:  {naive_kde_mi(x3, y3 / 1000, 0.3):.3f} nats")
print(f"mi_kde, any units:           {mh.mi_kde(x3, y3):.3f} / {mh.mi_kde(x3, 1000 * y3):.3f} / {mh.mi_kde(x3, y3 / 1000):.3f} nats")

# %% [markdown]
# `mi_kde` gives the same value in every unit. (On this one sample it lands well below
# the truth: with 200 points, one sample's error is mostly noise, which is why the averages
# below use 30 samples.)
#
# **Why:** MI does not depend on units, but a fixed h does. In millimetres h = 0.3 is far
# narrower than the gaps between points, so each density is a set of spikes, and the
# spike every point puts *on itself* dominates; in kilometres the kernel is far wider
# than the data and smooths the dependence away. Even in the right units, the self-term
# lifts the 2-D joint density more than the 1-D marginals, so the estimate is biased
# upwards; the average over 30 samples shows it:

# %%
naive_runs = sampling_distribution(naive_kde_mi, gaussian_pair, n=200, repeats=REPEATS, seed=SEED, h=0.3)
fixed_runs = sampling_distribution(mh.mi_kde, gaussian_pair, n=200, repeats=REPEATS, seed=SEED)
for label, runs in [("naive KDE (h = 0.3, metres)", naive_runs), ("mi_kde", fixed_runs)]:
    s = bias_variance(runs, truth)
    print(f"{label:28s} mean {runs.mean():.3f}, bias {s.bias:+.3f}, sd {s.sd:.3f} nats (truth {truth:.3f})")

# %% [markdown]
# **The fix** is two changes: shape the kernel by the data's own covariance, with a
# width from a rule (Scott's), and leave each point out of the density it is evaluated
# on. Written from scratch, it reproduces `mh.mi_kde` exactly:

# %%
def kde_mi_from_scratch(x, y):
    """Covariance-shaped kernels, Scott's width, leave-one-out densities."""

    def mean_log_density(z):
        z = z.reshape(len(z), -1)
        n, d = z.shape
        chol = np.linalg.cholesky(np.cov(z, rowvar=False).reshape(d, d))
        w = np.linalg.solve(chol, (z - z.mean(axis=0)).T).T  # whitened: unit covariance
        h = n ** (-1.0 / (d + 4))  # Scott's factor
        sq_dist = ((w[:, None, :] - w[None, :, :]) ** 2).sum(axis=-1)
        np.fill_diagonal(sq_dist, np.inf)  # leave each point out of its own density
        log_f = logsumexp(-sq_dist / (2 * h * h), axis=1) - np.log(n - 1) - 0.5 * d * np.log(2 * np.pi) - d * np.log(h)
        return log_f.mean() - np.log(np.diag(chol)).sum()  # back to the original units

    return mean_log_density(np.column_stack([x, y])) - mean_log_density(x) - mean_log_density(y)


ours, helper = kde_mi_from_scratch(x3, 1000 * y3), mh.mi_kde(x3, 1000 * y3)
print(f"from scratch: {ours:.4f} nats, mh.mi_kde: {helper:.4f} nats, agree to 1e-9: {abs(ours - helper) < 1e-9}")

# %% [markdown]
# ### 3. KSG on binned data
#
# Binning first "to clean the data" and then running a nearest-neighbour estimator
# (`mi_ksg`, or scikit-learn's `mutual_info_regression`) mixes two estimators that do
# not combine. Bin the sample of section 1 into 10 bins per variable and run KSG on the
# bin labels:

# %%
x_bins, y_bins = mh.discretize(x, 10), mh.discretize(y, 10)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    ksg_on_bins = mh.mi_ksg(x_bins, y_bins)
print(f"truth {truth:.3f} nats; KSG on the 10-bin labels: {ksg_on_bins:.3f} nats")
print("warning:", caught[0].message)

# %% [markdown]
# **Why:** with only 10 distinct values, 99% of the points share their value with
# another one. KSG measures distances to neighbours; with ties, the k-th neighbour sits
# at distance 0, the neighbour counts lose their meaning and the formula returns
# nonsense, here almost 20 times the truth.
#
# **The fix:** choose one estimator. For binned data, that is the discrete one on the
# labels (it estimates the MI of the *binned* variables, below the truth); for the
# continuous values, KSG on the raw values:

# %%
print(f"mi_discrete on the labels: {mh.mi_discrete(x_bins, y_bins):.3f} nats")
print(f"mi_ksg on the raw values:  {mh.mi_ksg(x, y):.3f} nats (truth {truth:.3f})")

# %% [markdown]
# ### 4. "MI is never negative", said of an estimate
#
# The true MI is never negative. Estimates can be: KSG's formula is a difference of
# digamma averages, and Miller–Madow subtracts a bias term. On independent data about
# half of the KSG estimates fall below zero:

# %%
ksg_zero = sampling_distribution(mh.mi_ksg, independent, n=200, repeats=REPEATS, seed=SEED, workers=1)
mm_zero = sampling_distribution(mh.mi_binned, independent, n=200, repeats=REPEATS, seed=SEED, bins=4, correction="miller-madow")
for label, est in [("KSG (k = 3)", ksg_zero), ("Miller–Madow (4 bins)", mm_zero)]:
    print(f"{label:22s}: {np.count_nonzero(est < 0)} of {REPEATS} below zero, lowest {est.min():+.3f} nats (truth 0, N = 200)")
clipped = np.maximum(ksg_zero, 0.0)
print(f"KSG mean {ksg_zero.mean():+.4f} nats; after clipping at zero {clipped.mean():+.4f} nats")

# %% [markdown]
# **Why:** an estimator that is unbiased for a quantity equal to zero must average to
# zero, so some of its values have to be negative. A negative estimate is not a bug; it
# says "zero, give or take the spread".
#
# **The fix:** report the value as it is, with its spread (or a permutation test, notebook
# 12). Clipping at zero (or taking the absolute value) throws away the low half and
# creates an upward bias, as the last line shows.

# %% [markdown]
# ### 5. Comparing numbers across estimators or sample sizes
#
# Two features are compared by their MI with a target. Feature A was scored with a
# 10-bin histogram on a pilot study of N = 100; feature B with KSG on the full data,
# N = 5000:

# %%
xa, ya = mh.correlated_gaussian(100, 0.5, seed=SEED)  # feature A: true MI 0.144 nats
xb, yb = mh.correlated_gaussian(5000, 0.7, seed=SEED)  # feature B: true MI 0.337 nats
print(f"A: histogram, 10 bins, N = 100:  {mh.mi_binned(xa, ya, bins=10):.3f} nats (truth {mh.gaussian_mi(0.5):.3f})")
print(f"B: KSG, N = 5000:                {mh.mi_ksg(xb, yb):.3f} nats (truth {mh.gaussian_mi(0.7):.3f})")

# %% [markdown]
# **Why:** A "wins", though B carries more than twice as much information. Each number is
# truth + bias + noise, and the bias depends on the estimator, its settings (bins, k,
# bandwidth), N and the shape of the data. Sections 5 and 6 showed biases from about
# −0.2 to +0.36 nats for one and the same true MI of 0.223 nats.
#
# **The fix:** compare only values from the same estimator, the same settings and the
# same N (subsample the larger set if needed), and show their spread:

# %%
print(f"A: KSG, N = 100: {mh.mi_ksg(xa, ya):.3f} nats;  B: KSG on its first 100 points: {mh.mi_ksg(xb[:100], yb[:100]):.3f} nats")

# %% [markdown]
# ## Exercises
#
# Each solution sits in a collapsed cell below its exercise, its code and its output
# both hidden so the answer is not spoiled: click the collapsed cell (or its three dots)
# to open it once you have tried.
#
# **Exercise 1.** For the uniform-noise pair with a = 2 (truth 0.25 nats) and N = 500,
# which has the smaller RMSE: KSG with k = 3 or with k = 10? Use 30 samples and
# `bias_variance`.

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
truth_ex = uniform_noise_mi(2.0)
wide_noise = functools.partial(uniform_noise_pair, width=2.0)
for k in [3, 10]:
    est = sampling_distribution(mh.mi_ksg, wide_noise, n=500, repeats=REPEATS, seed=SEED, k=k, workers=1)
    s = bias_variance(est, truth_ex)
    print(f"k = {k:2d}: bias {s.bias:+.3f}, sd {s.sd:.3f}, rmse {s.rmse:.3f} nats (truth {truth_ex:.3f})")

# %% [markdown]
# **Exercise 2.** How large must N be for the bias of a 10 × 10 histogram on independent
# data to fall below 0.01 nats? Solve (Bx − 1)(By − 1)/(2N) < 0.01 for N, then check the
# answer with a simulation.

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
n_needed = int(np.ceil(81 / (2 * 0.01)))  # 81 / (2 N) < 0.01
est = sampling_distribution(mh.mi_binned, independent, n=n_needed, repeats=REPEATS, seed=SEED, bins=10)
print(f"formula: N > {n_needed}; at N = {n_needed}: formula {plugin_mi_bias(10, 10, n_needed):.4f}, measured mean {est.mean():.4f} nats")

# %% [markdown]
# **Exercise 3.** Make X and Y three-dimensional: a 6 × 6 covariance with every
# X-coordinate correlated 0.4 with the matching Y-coordinate and nothing else. Its MI is
# 3 × (−½ ln(1 − 0.4²)). Compare `gaussian_blocks_mi`, `mi_gaussian` and `mi_ksg` at
# N = 1000. Which estimator suffers from the higher dimension?

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
cov6 = np.eye(6)
for i in range(3):
    cov6[i, i + 3] = cov6[i + 3, i] = 0.4
truth6 = gaussian_blocks_mi(cov6, dx=3)
x6, y6 = gaussian_blocks(1000, cov6, dx=3, seed=SEED)
print(f"closed form {truth6:.3f} nats (3 x {mh.gaussian_mi(0.4):.3f} = {3 * mh.gaussian_mi(0.4):.3f})")
print(f"mi_gaussian {mh.mi_gaussian(x6, y6):.3f} nats, mi_ksg {mh.mi_ksg(x6, y6):.3f} nats")
# KSG falls short: in 6 dimensions the k nearest neighbours are far away, the density is
# not flat over that distance, and the estimate is pulled towards 0.

# %% [markdown]
# ## Summary
#
# - Every MI from data is an estimate with a bias and a spread; measure both against a
#   known truth before you trust an estimator, using many seeded samples.
# - Histograms: the bins decide the answer. Too few lose information, too many add about
#   (Bx − 1)(By − 1)/(2N) nats of bias; Miller–Madow removes part of it.
# - KSG (k ≈ 3) is the all-round choice for continuous data: little bias, O(N log N), and
#   little affected by monotone transforms of each variable. It needs raw values, not
#   binned ones.
# - The Gaussian estimator is the best one when the data are Gaussian and wrong otherwise;
#   KDE needs scaled data, a bandwidth rule and leave-one-out densities, and costs O(N²).
# - Compare MI values only from the same estimator, settings and N; negative estimates are
#   normal, report them with their spread instead of clipping.
#
# [← Previous: 03 MI vs correlation](03_mi_vs_correlation.ipynb) · **04 Estimation** · [Next: 05 Feature selection →](05_feature_selection.ipynb)
