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
# # 12 · Limitations: how far to trust an MI estimate
#
# [← Previous: 11 Climate](11_climate.ipynb) · **12 Limitations** · [Next: 13 Neural estimators →](13_neural_estimators.ipynb) · [Course overview](../README.md)
#
# An MI estimate is a number computed from a finite sample, and every estimator has
# blind spots. This notebook collects the ways a number goes wrong and the tools
# that tell you how much to believe it: the bias that makes independent variables
# look dependent, the permutation test, bootstrap intervals, the ceiling of
# nearest-neighbour estimates, the cost of dimension, and what MI cannot say at all.
#
# **You will learn to**
#
# - predict the bias of a histogram estimate of independent variables, (Bx − 1)(By − 1)/(2N) nats, and see it in repeats;
# - test for dependence with a permutation test, read its p-value, and know when shuffling is not allowed;
# - put an interval on an estimate (half-sampling for kNN estimators, a bias-corrected bootstrap for histograms) and check its coverage;
# - recognise the ln N ceiling of KSG, of InfoNCE and of every distribution-free lower bound, and the failure of every estimator as dimension grows;
# - remember that MI has no sign and no direction;
# - shrink or reduce wisely when samples are few: James–Stein shrinkage, NSB, and dimensionality reduction that keeps the dependence.
#
# **Time:** about 60 minutes. Every estimate with a known true value is shown next to it,
# and conclusions rest on repeated samples, not on one draw.

# %% [markdown]
# ## Setup
#
# The tests, the intervals and the InfoNCE bound come from `mi_helpers.significance`,
# autocorrelated test series from `mi_helpers.datasets`, the panel from
# `mi_helpers.widgets.limitations`. Every random draw is seeded.

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np
from scipy.special import digamma

import mi_helpers as mh
from mi_helpers.datasets import ar1_series
from mi_helpers.significance import (
    bias_corrected_bootstrap,
    bootstrap_ci,
    circular_shift_indices,
    infonce_bound,
    permutation_test,
    restricted_permutation_test,
)
from mi_helpers.widgets.limitations import block_gaussian, histogram_null_panel, histogram_null_summary, panel_noise

SEED = 0
rng = np.random.default_rng(SEED)
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. Independent variables do not give zero: bias against N
#
# Cut two *independent* variables into Bx and By bins and compute the plug-in MI of the
# bin labels. The true MI is 0, but the observed table of counts never factorises
# exactly, and every deviation counts as information. Miller (1955) showed that the
# expected plug-in entropy is too low by about (B − 1)/(2N); Panzeri and Treves (1996)
# worked out the consequence for MI. For independent variables, 2N·Î is approximately
# chi-squared with (Bx − 1)(By − 1) degrees of freedom, so
#
# $$ \mathbb{E}\big[\hat I\big] \;\approx\; \frac{(B_x - 1)(B_y - 1)}{2N} \ \text{nats}. $$
#
# Below, 100 seeded repeats of an independent Gaussian pair per sample size, cut into
# 8 × 8 equal-width bins, are compared with the formula. KSG, which does not bin, is
# shown beside it (20 repeats per N).
#
# *References:* G. A. Miller, "Note on the bias of information estimates", in
# *Information Theory in Psychology* (1955) 95–100. S. Panzeri, A. Treves, "Analytical
# estimates of limited sampling biases in different information measures", *Network:
# Computation in Neural Systems* 7, 87–107 (1996).

# %%
bins = 8
sizes = [50, 100, 200, 500, 1000, 2000, 5000]
plugin_mean, ksg_mean, ksg_sd = [], [], []
for n in sizes:
    plugin = [mh.mi_binned(*mh.correlated_gaussian(n, 0.0, seed=rng), bins=bins) for _ in range(100)]
    ksg = [mh.mi_ksg(*mh.correlated_gaussian(n, 0.0, seed=rng)) for _ in range(20)]
    plugin_mean.append(np.mean(plugin))
    ksg_mean.append(np.mean(ksg))
    ksg_sd.append(np.std(ksg))
formula = np.array([mh.plugin_mi_bias(bins, bins, n) for n in sizes])

print("true MI = 0 nats for every row")
print("     N | plug-in mean | formula (Bx-1)(By-1)/(2N) | KSG mean (sd)")
for n, p, f, km, ks in zip(sizes, plugin_mean, formula, ksg_mean, ksg_sd):
    print(f"{n:6d} | {p:12.4f} | {f:25.4f} | {km:+.4f} ({ks:.4f})")
rel_err = np.abs(np.array(plugin_mean) / formula - 1)
print(f"largest relative difference between the plug-in mean and the formula: {rel_err.max():.1%}")
print(f"largest |KSG mean|: {np.max(np.abs(ksg_mean)):.4f} nats; KSG sd from {ksg_sd[0]:.3f} (N = {sizes[0]}) "
      f"to {ksg_sd[-1]:.4f} (N = {sizes[-1]})")
assert rel_err.max() < 0.07
assert np.max(np.abs(ksg_mean)) < 0.05 and min(ksg_mean) < 0 and all(abs(k) < p for k, p in zip(ksg_mean, plugin_mean))

# %%
fig, ax = plt.subplots(figsize=(5.5, 3.4))
ax.loglog(sizes, formula, "-", color="black", label="(Bx−1)(By−1)/(2N)")
ax.loglog(sizes, plugin_mean, "o", color="tab:red", label="plug-in, mean of 100 repeats")
ax.set_xlabel("sample size N")
ax.set_ylabel("mean estimate (nats), truth 0")
ax.set_title("Bias of the 8 × 8 histogram estimate, independent pair")
ax.legend()
plt.show()

# %% [markdown]
# For these 8 × 8 bins the formula is right to within about 5% from N = 50 on, and it
# says three things:
#
# - the bias falls only as 1/N: halving it takes twice the data;
# - it grows with the number of cells: 20 × 20 bins at N = 1,000 give independent pairs
#   about 0.15 nats of pure bias (measured over 200 pairs in the next cell), as much as
#   the true MI of a Gaussian pair with ρ ≈ 0.5. Here the formula, 0.18 nats, overstates
#   it by about a quarter: it assumes that every cell expects many points, while with
#   400 cells for 1,000 points about half of the cells stay empty in a typical sample;
# - taken to the extreme, one bin per distinct value (B = N, which is what
#   `mutual_info_score` does with raw floats, Pitfall 1 of notebook 01), the "MI" of
#   independent data climbs to ln N (next cell).
#
# KSG's mean is much closer to 0 (within 0.05 nats at every N, and below 0 at some), but
# its single values scatter: by about 0.12 nats at N = 50 and still 0.006 at N = 5,000.
# Either way a positive number alone does not show dependence. The next section does.
#
# Under dependence the formula no longer applies: the bias is smaller than
# (Bx − 1)(By − 1)/(2N), and section 3 measures it.

# %%
n = 1000
bias_20 = mh.plugin_mi_bias(20, 20, n)
measured_20, occupied_20 = [], []
for s in range(200):
    x_i, y_i = mh.correlated_gaussian(n, 0.0, seed=5000 + s)
    measured_20.append(mh.mi_binned(x_i, y_i, bins=20))
    occupied_20.append(np.count_nonzero(np.histogram2d(x_i, y_i, bins=20)[0]))  # the same equal-width cells
measured_20 = np.array(measured_20)
print(f"20 x 20 bins, N = {n}, 200 independent pairs: mean estimate {measured_20.mean():.3f} nats "
      f"(sd {measured_20.std():.3f}); formula {bias_20:.3f} nats, {bias_20 / measured_20.mean() - 1:+.0%} off")
print(f"  occupied cells: {np.mean(occupied_20):.0f} of 400 on average; "
      f"Gaussian rho with the measured MI: {mh.information_coefficient(measured_20.mean()):.2f}")
x_raw, y_raw = mh.correlated_gaussian(n, 0.0, seed=SEED)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # mi_discrete warns that these labels look continuous: that is the point
    one_bin_each = mh.mi_discrete(x_raw, y_raw)
print(f"one bin per distinct value (raw floats as labels), independent pair: {one_bin_each:.3f} nats; ln N = {np.log(n):.3f}")
assert abs(one_bin_each - np.log(n)) < 1e-9
assert 0.13 < measured_20.mean() < 0.16 and 0.15 < bias_20 / measured_20.mean() - 1 < 0.35 and abs(bias_20 - 0.18) < 0.005
assert abs(mh.information_coefficient(measured_20.mean()) - 0.5) < 0.03 and 0.4 < np.mean(occupied_20) / 400 < 0.6

# %% [markdown]
# ## 2. Is there any dependence? The permutation test
#
# Shuffle y: the pairing between x and y is destroyed, each marginal sample stays
# exactly as it was. Estimate MI on many shuffled copies and you get the *null
# distribution*: what the estimator returns, with this N, these marginals and this
# estimator's bias, when there is no dependence. Then compare the real estimate with it.
# With R random permutations, Phipson and Smyth (2010) recommend
#
# $$ p = \frac{1 + \#\{\text{null} \ge \text{observed}\}}{1 + R}, $$
#
# which counts the data as one of the permutations. It is never 0 (the smallest value is
# 1/(R + 1)) and it keeps the test exact: under independence, P(p ≤ a) ≤ a.
#
# `permutation_test(x, y, estimator=..., n_permutations=..., seed=...)` returns the
# observed value, the null and the p-value. Two pairs of N = 800: a weak dependence
# (ρ = 0.25, true MI 0.032 nats) and an independent pair. One sample can mislead, so the
# first cell draws 40 samples of each and keeps a *typical* one for the test: the sample
# whose KSG estimate is the median of the 40.
#
# *Reference:* B. Phipson, G. K. Smyth, "Permutation P-values should never be zero",
# *Statistical Applications in Genetics and Molecular Biology* 9(1), Article 39 (2010).

# %%
settings = {"rho = 0.25": (0.25, 0), "independent": (0.0, 100)}  # rho, first seed
ksg_draws, typical = {}, {}
for name, (r, first) in settings.items():
    ksg_draws[name] = np.array([mh.mi_ksg(*mh.correlated_gaussian(800, r, seed=first + s)) for s in range(40)])
    v = ksg_draws[name]
    typical[name] = int(np.argmin(np.abs(v - np.median(v))))
    print(f"{name:12s} truth {mh.gaussian_mi(r):.4f} nats | KSG over 40 samples: mean {v.mean():+.4f}, sd {v.std():.4f} "
          f"| typical: sample {typical[name]}, {v[typical[name]]:+.4f}")

tests = {}
for name, (r, first) in settings.items():
    x, y = mh.correlated_gaussian(800, r, seed=first + typical[name])
    tests[name] = permutation_test(x, y, estimator=mh.mi_ksg, n_permutations=99, seed=SEED)
    t = tests[name]
    print(f"{name:12s} typical sample: KSG {t.observed:+.4f} | null mean {t.null.mean():+.4f}, 95th percentile "
          f"{np.quantile(t.null, 0.95):+.4f} | p = {t.p_value:.3f}")

fig, axes = plt.subplots(1, 2, figsize=(8, 2.8), sharey=True)
for ax, (name, t) in zip(axes, tests.items()):
    ax.hist(t.null, bins=20, color="0.6", label="null (99 shuffles)")
    ax.axvline(t.observed, color="tab:red", lw=2, label="observed")
    ax.set_title(f"{name}: p = {t.p_value:.3f}")
    ax.set_xlabel("KSG estimate (nats)")
axes[0].set_ylabel("count")
axes[0].legend(fontsize=8)
plt.show()

q95 = np.quantile(tests["independent"].null, 0.95)
power = np.mean(ksg_draws["rho = 0.25"] > q95)
false_alarms = np.mean(ksg_draws["independent"] > q95)
print(f"share of the 40 samples above the null's 95th percentile ({q95:.3f} nats): "
      f"rho = 0.25 {power:.0%}, independent {false_alarms:.0%}")
weak = ksg_draws["rho = 0.25"]
assert abs(tests["independent"].null.mean()) < 0.01 and 0.03 < q95 < 0.05
assert tests["rho = 0.25"].p_value > 0.05 and tests["independent"].p_value > 0.05
assert abs(weak.mean() - mh.gaussian_mi(0.25)) < 2 * weak.std() / np.sqrt(weak.size)
assert abs(ksg_draws["independent"].mean()) < 2 * ksg_draws["independent"].std() / np.sqrt(40)
assert 0.2 < power < 0.5 and false_alarms < 0.15 and weak.std() > 0.7 * mh.gaussian_mi(0.25)

# %% [markdown]
# The KSG null is centred near 0 and its 95th percentile is about 0.04 nats at N = 800:
# an estimate of 0.02 is unremarkable, one of 0.06 is not. Over the 40 samples KSG is
# unbiased within its noise for both pairs, but it scatters by almost as much as the
# weak pair's whole MI. So the typical sample of the weak pair does *not* reach the 5%
# level, and over the 40 samples the estimate clears the null's 95th percentile in fewer
# than half: with 800 points the test's *power* against 0.03 nats is low. A p-value
# answers "could shuffled data do this?", not "how large is the MI?". At large N a
# negligible MI gets a tiny p-value; at small N a real one may not (Exercise 1).
#
# A check of the test itself: over many independent pairs the p-values must be spread
# uniformly, so about 5% of them fall below 0.05. With a plug-in estimator the null is
# computed in a vectorised fast path, so 400 tests take a moment.

# %%
p_values = np.array([
    permutation_test(*mh.correlated_gaussian(200, 0.0, seed=rng), estimator=mh.mi_binned,
                     bins=5, n_permutations=99, seed=rng).p_value
    for _ in range(400)
])
sd_400 = np.sqrt(0.05 * 0.95 / 400)
print(f"fraction of p <= 0.05: {np.mean(p_values <= 0.05):.3f} (expected 0.05; binomial sd {sd_400:.3f})")
print(f"fraction of p <= 0.50: {np.mean(p_values <= 0.5):.3f} (expected 0.50)")
assert abs(np.mean(p_values <= 0.05) - 0.05) < 3 * sd_400 and abs(np.mean(p_values <= 0.5) - 0.5) < 3 * np.sqrt(0.25 / 400)

# %% [markdown]
# **Shuffling assumes exchangeable rows.** The test is exact only if, when X and Y are
# independent, every reordering of y is as likely as the observed order: the rows must
# be *exchangeable*. Independent draws are; a time series is not (today resembles
# yesterday), nor are repeated measurements of one subject or neighbouring points in
# space. Then the shuffled copies are more "independent-looking" than the data could
# ever be, the null is too narrow, and the test finds dependence that is not there.
# Below, 100 pairs of *independent* AR(1) series (each value 0.9 times the previous plus
# noise, N = 200) are tested twice at the 5% level: by shuffling, and by circular
# shifts, which slide y against x by a random offset of at least 20 steps and so keep
# each series' autocorrelation (`circular_shift_indices` with
# `restricted_permutation_test`). Notebook 11 uses the same idea for weather, swapping
# whole years within each month.

# %%
ar_x = ar1_series(200, 0.9, seed=SEED, n_series=100)
ar_y = ar1_series(200, 0.9, seed=SEED + 1, n_series=100)  # independent of ar_x
p_shuffle, p_shift = [], []
for xa, ya in zip(ar_x, ar_y):
    p_shuffle.append(permutation_test(xa, ya, estimator=mh.mi_binned, bins=5, n_permutations=99, seed=rng).p_value)
    shifts = circular_shift_indices(200, 99, min_shift=20, seed=rng)
    p_shift.append(restricted_permutation_test(xa, ya, shifts, estimator=mh.mi_binned, bins=5).p_value)
level_shuffle, level_shift = np.mean(np.array(p_shuffle) <= 0.05), np.mean(np.array(p_shift) <= 0.05)
sd_100 = np.sqrt(0.05 * 0.95 / 100)
print(f"independent AR(1) pairs called dependent at 5%: shuffle {level_shuffle:.0%}, circular shift {level_shift:.0%} "
      f"(a valid test: 5%, binomial sd {sd_100:.1%})")
assert level_shuffle > 0.5 and abs(level_shift - 0.05) < 3 * sd_100

# %% [markdown]
# The shuffle test calls most of these independent pairs dependent; the shift test stays
# within the noise of its promised 5%. Before shuffling, ask what the rows are: for
# series, use shifts or blocks; for grouped data, shuffle within groups.

# %% [markdown]
# ## 3. How precise is the number? Bootstrap intervals
#
# The bootstrap (Efron and Tibshirani, 1993) redraws N rows *with replacement* from the
# data, re-estimates, and reads the 2.5% and 97.5% quantiles of the re-estimates as a
# 95% interval (the *percentile* interval). `bootstrap_ci` does this.
#
# Drawing with replacement repeats points: about 37% of each resample are copies. A
# histogram or a Gaussian fit hardly notices, but a kNN estimator finds each copy at
# distance zero, a perfectly dependent neighbour, and its re-estimates shoot up. Kernel
# estimators suffer the same way. The fix used here is *half-sampling*: draw N/2 rows
# *without* replacement, so nothing repeats (the delete-d jackknife of Shao and Wu, 1989,
# with d = N/2). For a mean, the spread of half-sample means equals the spread of the
# full-sample mean, so no rescaling is needed; `bootstrap_ci(..., resample="half")`
# centres that spread on the full-sample estimate. `mi_helpers` warns when the
# bootstrap is used with `mi_ksg` or `mi_kde`; the warning is caught and printed below.
#
# The example is a Gaussian pair with ρ = 0.5 (true MI 0.144 nats) and N = 500. Again one
# sample could mislead, so the first cell draws 50 samples, records the KSG estimate and
# its half-sampling interval (40 half-samples each) for every one, and picks the
# typical sample (the median estimate) for the demonstration.

# %%
rho, n_ci = 0.5, 500
truth = mh.gaussian_mi(rho)
ksg_est, half_low, half_high = [], [], []
for s in range(50):
    xs, ys = mh.correlated_gaussian(n_ci, rho, seed=s)
    ci = bootstrap_ci(xs, ys, estimator=mh.mi_ksg, resample="half", n_boot=40, seed=1000 + s)
    ksg_est.append(ci.estimate)
    half_low.append(ci.low)
    half_high.append(ci.high)
ksg_est, half_low, half_high = np.array(ksg_est), np.array(half_low), np.array(half_high)
typical_ci = int(np.argmin(np.abs(ksg_est - np.median(ksg_est))))
print(f"true MI = {truth:.3f} nats, N = {n_ci}; KSG over 50 samples: mean {ksg_est.mean():.3f}, sd {ksg_est.std():.3f}")
print(f"sample 0 gives {ksg_est[0]:.3f} ({(ksg_est[0] - ksg_est.mean()) / ksg_est.std():+.1f} sd); "
      f"the typical sample is number {typical_ci}, with {ksg_est[typical_ci]:.3f}")
assert abs(ksg_est.mean() - truth) < 2 * ksg_est.std() / np.sqrt(ksg_est.size) and (ksg_est[0] - ksg_est.mean()) / ksg_est.std() > 2

# %%
x, y = mh.correlated_gaussian(n_ci, rho, seed=typical_ci)


def report(label, ci):
    covers = "covers" if ci.low <= truth <= ci.high else "MISSES"
    print(f"{label:38s} estimate {ci.estimate:.3f}  95% interval [{ci.low:.3f}, {ci.high:.3f}]  {covers} the truth")
    return ci


print(f"typical sample: true MI = {truth:.3f} nats, N = {n_ci}")
ci_gauss = report("Gaussian fit, bootstrap", bootstrap_ci(x, y, estimator=mh.mi_gaussian, n_boot=100, seed=SEED))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    ci_boot = report("KSG, bootstrap (wrong)", bootstrap_ci(x, y, estimator=mh.mi_ksg, n_boot=100, seed=SEED))
print("   warning:", caught[0].message)
ci_half = report("KSG, half-sampling", bootstrap_ci(x, y, estimator=mh.mi_ksg, resample="half", n_boot=100, seed=SEED))
ci_hist = report("histogram (fd bins), bootstrap", bootstrap_ci(x, y, estimator=mh.mi_binned, n_boot=100, seed=SEED))
fd_bins = mh.discretize(x, "fd").max() + 1
print(f"   Freedman-Diaconis gives {fd_bins} bins per axis ({fd_bins ** 2} cells for {n_ci} points)")
assert ci_boot.low > ci_boot.estimate and ci_half.low <= truth <= ci_half.high
assert ci_hist.low > ci_hist.estimate > truth

# %% [markdown]
# Sample 0 would have misled: its KSG estimate lies more than two standard deviations
# above the mean, and read alone it suggests that KSG overestimates, which the 50
# samples do not support. On the typical sample, two lessons. The bootstrap of KSG is
# not a little off: its interval does not even contain the estimate it started from. And a percentile interval describes the
# *spread* of an estimator, not its bias: the histogram estimate lies well above the
# truth, and each bootstrap resample, with its repeated rows, adds more bias on top, so
# the interval lies above even the estimate. The next two cells check both remedies
# against the truth, over many samples.
#
# **Coverage of the half-sampling interval.** A 95% interval should contain the truth
# in 95% of samples. The 50 samples above give a direct check; with 50 samples, the
# binomial standard deviation of a measured 95% coverage is about 3 points.

# %%
covered = (half_low <= truth) & (truth <= half_high)
coverage, coverage_sd = covered.mean(), np.sqrt(covered.mean() * (1 - covered.mean()) / covered.size)
width, spread = np.mean(half_high - half_low), 2 * 1.96 * ksg_est.std()
print(f"half-sampling interval for KSG: covered the truth in {covered.sum()} of {covered.size} samples, "
      f"coverage {coverage:.3f} ± {coverage_sd:.3f} (binomial sd)")
print(f"mean width {width:.3f} nats; 2 x 1.96 x sd of the 50 estimates = {spread:.3f} nats")
assert abs(coverage - 0.95) < 3 * np.sqrt(0.95 * 0.05 / covered.size) and abs(width / spread - 1) < 0.15

# %% [markdown]
# The half-sampling interval keeps its promise within the binomial noise of 50 samples,
# and its average width is within about 10% of the real spread of the estimates.
#
# **A remedy for the histogram's bias.** The bootstrap can estimate the bias it
# suffers from. Treat the sample as the population: the re-estimates scatter around the
# estimate the way estimates scatter around the truth, so b = mean(Î*) − Î estimates the
# bias, the corrected estimate is Î − b = 2Î − mean(Î*), and the *basic* interval
# [2Î − q₉₇.₅, 2Î − q₂.₅] (q the quantiles of the re-estimates) reflects the
# bootstrap's spread around the corrected value instead of around the inflated one
# (`bias_corrected_bootstrap`). The correction is first order: it works when the bias is
# a modest multiple of 1/N. Below, 30 samples with the Freedman–Diaconis bins and 30 with
# 8 equal-width bins per axis (64 cells), 40 resamples each. (Another remedy is a less
# biased estimator inside the bootstrap, such as Miller–Madow; Exercise 3 measures how
# much of the bias it removes.)

# %%
print(f"truth {truth:.3f} nats, N = {n_ci}, 30 samples per row")
print("bins | plug-in mean | bias-corrected mean | percentile interval covers | basic (bias-corrected) interval covers")
remedy = {}
for bins_rule in ("fd", 8):
    raw, corrected, pct, basic = [], [], [], []
    for s in range(30):
        xs, ys = mh.correlated_gaussian(n_ci, rho, seed=2000 + s)
        res = bias_corrected_bootstrap(xs, ys, estimator=mh.mi_binned, bins=bins_rule, n_boot=40, seed=s)
        lo, hi = np.quantile(res.replicates, [0.025, 0.975])
        raw.append(res.raw_estimate)
        corrected.append(res.estimate)
        pct.append(lo <= truth <= hi)
        basic.append(res.low <= truth <= res.high)
    remedy[bins_rule] = (np.mean(raw), np.mean(corrected), np.mean(pct), np.mean(basic))
    print(f"{bins_rule!s:>4} | {np.mean(raw):12.3f} | {np.mean(corrected):19.3f} | {np.mean(pct):26.0%} | {np.mean(basic):.0%}")
bias_fd = remedy["fd"][0] - truth
print(f"measured bias of the fd histogram estimate: {bias_fd:.3f} nats "
      f"(the independence formula would say {mh.plugin_mi_bias(fd_bins, fd_bins, n_ci):.3f})")
raw8, bc8, pct8, basic8 = remedy[8]
rawfd, bcfd, pctfd, basicfd = remedy["fd"]
assert 0.15 < bias_fd < 0.25 and bias_fd < 0.85 * mh.plugin_mi_bias(fd_bins, fd_bins, n_ci)
assert abs(bc8 - truth) < abs(raw8 - truth) and pct8 < 0.5 and basic8 >= 0.85
assert pctfd < 0.1 and bcfd - truth < 0.6 * bias_fd and basicfd < 0.5

# %% [markdown]
# With 8 bins per axis the bias is moderate, and the correction turns an interval that
# rarely contains the truth into one that nearly always does. With the Freedman–Diaconis
# rule (18 bins per axis for the typical sample, over 300 cells for 500 points) the bias
# is about 0.2 nats: smaller than the independence formula (Bx − 1)(By − 1)/(2N)
# predicts, because under dependence the points crowd into fewer cells, but far beyond
# first order. The correction removes only part of it, and the interval still misses
# the truth most of the time. No resampling scheme rescues an estimator with that much bias: use fewer
# bins, or an estimator whose bias is small (KSG with half-sampling, above).
#
# *References:* B. Efron, R. J. Tibshirani, *An Introduction to the Bootstrap* (1993),
# ch. 10 (bias) and 13 (percentile intervals). A. C. Davison, D. V. Hinkley, *Bootstrap
# Methods and their Application* (1997), §5.2 (the basic interval). J. Shao, C. F. J.
# Wu, "A general theory for jackknife variance estimation", *Annals of Statistics* 17,
# 1176–1197 (1989).

# %% [markdown]
# ## 4. The ceiling of kNN estimates at high MI
#
# For a Gaussian pair the truth −½ ln(1 − ρ²) grows without bound as ρ → 1. KSG cannot
# follow. For each point, its k − 1 nearest neighbours in the joint space are also
# closer than the k-th neighbour's distance ε in each marginal, so n_x, n_y ≥ k − 1, and
# the KSG formula ψ(k) + ψ(N) − ⟨ψ(n_x + 1) + ψ(n_y + 1)⟩ can never exceed
#
# $$ \psi(N) - \psi(k) \;\approx\; \ln N - \psi(k). $$
#
# The bound is reached exactly when y is a copy of x (up to scale and sign), as the next
# cell shows. Gao, Ver Steeg and Galstyan (2015) show more: kNN estimators need a number
# of samples that grows *exponentially* with the true MI, so they fall short well before
# the ceiling.
#
# *Reference:* S. Gao, G. Ver Steeg, A. Galstyan, "Efficient estimation of mutual
# information for strongly dependent variables", AISTATS 2015 (PMLR 38, 277–286).

# %%
k = 3
for n in (100, 1000):
    x_copy = rng.standard_normal(n)
    print(f"N = {n:5d}: KSG of y = x is {mh.mi_ksg(x_copy, x_copy, k=k):.4f} nats; "
          f"psi(N) - psi(k) = {digamma(n) - digamma(k):.4f}; ln N = {np.log(n):.4f}")
    assert abs(mh.mi_ksg(x_copy, x_copy, k=k) - (digamma(n) - digamma(k))) < 1e-9

# %%
true_mi = np.linspace(0.25, 7.0, 15)
rhos = np.sqrt(1.0 - np.exp(-2.0 * true_mi))  # invert I = -0.5 ln(1 - rho^2)
fig, ax = plt.subplots(figsize=(5.5, 3.6))
ax.plot(true_mi, true_mi, color="black", lw=1, label="truth")
ceiling = {}
for n, colour in ((100, "tab:orange"), (1000, "tab:blue"), (10_000, "tab:green")):
    est = [mh.mi_ksg(*mh.correlated_gaussian(n, r, seed=SEED)) for r in rhos]
    ceiling[n] = (digamma(n) - digamma(k), max(est))
    ax.plot(true_mi, est, "o-", color=colour, ms=4, label=f"KSG, N = {n}")
    ax.axhline(digamma(n) - digamma(k), color=colour, ls=":", lw=1)
    print(f"N = {n:5d}: at true MI {true_mi[-1]:.2f} nats KSG gives {est[-1]:.2f}; "
          f"ceiling psi(N) - psi(3) = {digamma(n) - digamma(k):.2f}")
ax.set_xlabel("true MI (nats)")
ax.set_ylabel("KSG estimate (nats)")
ax.set_title("KSG saturates below psi(N) - psi(k) (dotted)")
ax.legend(fontsize=8)
plt.show()
assert all(top <= c for c, top in ceiling.values()) and ceiling[100][0] < 3.7
assert abs(ceiling[1000][0] - ceiling[100][0] - np.log(10)) < 0.01


# %% [markdown]
# With N = 100 the estimate stays below 3.7 nats whatever the truth; ten times more data
# buys about ln 10 ≈ 2.3 nats of headroom. So a KSG value close to ln N means "at least
# this much", never "this much", and comparing two large MI values measured on
# different N compares their ceilings.

# %% [markdown]
# **Not only KSG: every lower bound hits ln N.** This ceiling is not a defect of one
# estimator. McAllester and Stratos (2020) proved that *any* distribution-free
# high-confidence lower bound on MI computed from N samples is at most O(ln N).
# Roughly: to certify that MI exceeds I one must show that some events are about e^I
# times more likely together than apart, and N samples cannot vouch for probabilities
# much smaller than 1/N. Their analysis covers the Donsker–Varadhan bound behind MINE
# as well. It matters most for the MI objectives of machine learning. Contrastive
# representation learning (CPC, SimCLR-style methods) maximises **InfoNCE** (van den
# Oord, Li and Vinyals 2018): for a batch of K pairs and a critic f(x, y),
#
# $$ I_{\text{NCE}} = \frac1K \sum_{i=1}^K \ln \frac{e^{f(x_i, y_i)}}{\frac1K \sum_{j=1}^K e^{f(x_i, y_j)}} \;\le\; I(X;Y), $$
#
# and since the sum in the denominator contains the term j = i, each term is at most
# ln K: I_NCE ≤ ln K whatever the critic (Poole et al. 2019). The cell below uses the
# *best possible* critic, the true log density ratio f(x, y) = ln p(y | x) − ln p(y) of
# the Gaussian pair, so no training is involved, and computes the bound with
# `infonce_bound` for batch sizes K = 16, 128 and 1,024 (2,048 pairs per point).
#
# *References:* D. McAllester, K. Stratos, "Formal limitations on the measurement of
# mutual information", AISTATS 2020 (PMLR 108, 875–884). A. van den Oord, Y. Li,
# O. Vinyals, "Representation learning with contrastive predictive coding",
# arXiv:1807.03748 (2018). B. Poole, S. Ozair, A. van den Oord, A. A. Alemi, G. Tucker,
# "On variational bounds of mutual information", ICML 2019 (PMLR 97, 5171–5180).

# %%
def gaussian_critic(xb, yb, r):
    """Scores ln p(y_j | x_i) - ln p(y_j) of a standard Gaussian pair, for batches of shape (B, K)."""
    s2 = 1.0 - r * r
    return -0.5 * np.log(s2) - (yb[:, None, :] - r * xb[:, :, None]) ** 2 / (2 * s2) + yb[:, None, :] ** 2 / 2


nce_mi = np.array([0.5, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0])
nce = {}
for batch in (16, 128, 1024):
    values = []
    for i, target in enumerate(nce_mi):
        r = np.sqrt(1.0 - np.exp(-2.0 * target))
        xb, yb = mh.correlated_gaussian(2048, r, seed=SEED + i)
        values.append(infonce_bound(gaussian_critic(xb.reshape(-1, batch), yb.reshape(-1, batch), r)))
    nce[batch] = np.array(values)
    print(f"K = {batch:4d} (ln K = {np.log(batch):.2f}): InfoNCE at true MI 0.5 / 2 / 7 nats = "
          f"{nce[batch][0]:.2f} / {nce[batch][2]:.2f} / {nce[batch][-1]:.2f}")

fig, ax = plt.subplots(figsize=(5.5, 3.4))
ax.plot(nce_mi, nce_mi, color="black", lw=1, label="truth")
for batch, colour in ((16, "tab:orange"), (128, "tab:blue"), (1024, "tab:green")):
    ax.plot(nce_mi, nce[batch], "o-", color=colour, ms=4, label=f"InfoNCE, K = {batch}")
    ax.axhline(np.log(batch), color=colour, ls=":", lw=1)
ax.set_xlabel("true MI (nats)")
ax.set_ylabel("InfoNCE with the optimal critic (nats)")
ax.set_title("InfoNCE cannot exceed ln K (dotted)")
ax.legend(fontsize=8)
plt.show()
assert all(np.all(v <= np.log(b) + 1e-9) for b, v in nce.items())
assert abs(nce[1024][0] - 0.5) < 0.06 and all(np.log(b) - v[-1] < 0.25 * np.log(b) for b, v in nce.items())
assert nce[16][-1] < 0.45 * nce_mi[-1]

# %% [markdown]
# With the optimal critic InfoNCE is close to the truth while the truth is well below
# ln K, then flattens just under ln K: with K = 16 it reports less than half of a true
# 7 nats. A larger batch raises the ceiling only logarithmically, exactly like a larger
# N for KSG. So an InfoNCE value near ln(batch size) says "at least this much", not how
# much: it cannot tell a representation that keeps ln K nats from one that keeps far
# more. [Notebook 13](13_neural_estimators.ipynb) trains critics for InfoNCE and for two
# bounds without this ceiling (MINE, NWJ), and measures what they pay for it.

# %% [markdown]
# ## 5. Dimension makes everything harder
#
# Take X and Y in d dimensions, each coordinate of Y correlated with the matching
# coordinate of X (ρ = 0.6), all else independent. For jointly Gaussian blocks the MI has
# a closed form through log-determinants of the covariance blocks,
#
# $$ I(X;Y) = \tfrac12 \big(\ln\det\Sigma_X + \ln\det\Sigma_Y - \ln\det\Sigma\big), $$
#
# which here equals d · (−½ ln(1 − ρ²)): d independent copies of the same pair. The
# truth grows linearly with d. What do the estimators do?

# %%
rho, n = 0.6, 1000
dims = [1, 2, 4, 8, 16]
rows = []
for d in dims:
    cov = np.block([[np.eye(d), rho * np.eye(d)], [rho * np.eye(d), np.eye(d)]])
    logdet = [np.linalg.slogdet(c)[1] for c in (cov[:d, :d], cov[d:, d:], cov)]
    truth_logdet = 0.5 * (logdet[0] + logdet[1] - logdet[2])
    draws = [block_gaussian(n, d, rho, seed=SEED + s) for s in range(3)]
    truth = draws[0][2]
    ksg_d = np.array([mh.mi_ksg(xd, yd) for xd, yd, _ in draws])
    xd = draws[0][0]
    cells_x = np.column_stack([mh.discretize(xd[:, j], 5) for j in range(d)])
    _, cell_of, cell_count = np.unique(cells_x, axis=0, return_inverse=True, return_counts=True)
    shared = cell_count[cell_of.ravel()] - 1  # other points in each point's cell
    rows.append((d, truth_logdet, truth, ksg_d.mean(), ksg_d.std(), mh.mi_gaussian(xd, draws[0][1]), 5.0**d,
                 np.median(shared), np.mean(shared == 0)))
print(f"N = {n}, rho = {rho} per coordinate; KSG over 3 samples; histogram with 5 bins per axis")
print(" d | truth (log-dets) | d * gaussian_mi | KSG mean (sd)  | Gaussian fit | cells per block | "
      "median other points in a point's cell | points alone")
for d, t_ld, t, km, ks, gfit, cells, med, alone in rows:
    print(f"{d:2d} | {t_ld:16.3f} | {t:15.3f} | {km:6.3f} ({ks:.3f}) | {gfit:12.3f} | {cells:15.3g} | "
          f"{med:37.0f} | {alone:.0%}")
by_d = {r[0]: r for r in rows}
assert all(abs(r[1] - r[2]) < 1e-9 for r in rows) and all(abs(r[5] - r[2]) < 0.1 for r in rows)
assert all(abs(by_d[d][3] - by_d[d][2]) < 0.06 for d in (1, 2)) and by_d[16][3] < 0.3 * by_d[16][2]
assert by_d[4][7] >= 5 and by_d[8][8] > 0.8

# %%
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.2))
ax1.plot(dims, [r[2] for r in rows], "k-", label="truth")
ax1.errorbar(dims, [r[3] for r in rows], yerr=[r[4] for r in rows], fmt="o-", capsize=3, label="KSG (k = 3), mean ± sd of 3")
ax1.plot(dims, [r[5] for r in rows], "s--", label="Gaussian fit")
ax1.set_xlabel("dimension d of each block")
ax1.set_ylabel("MI (nats)")
ax1.set_title(f"N = {n}")
ax1.set_xticks(dims)
ax1.legend(fontsize=8)
ax2.semilogy(dims, [r[6] for r in rows], "o-", color="tab:red", label="cells per block, 5 bins per axis")
ax2.axhline(n, color="black", ls=":", label=f"N = {n} points")
ax2.set_xlabel("dimension d")
ax2.set_xticks(dims)
ax2.set_ylabel("count")
ax2.set_title("a histogram needs B^d cells")
ax2.legend(fontsize=8)
plt.show()

# %% [markdown]
# KSG tracks the truth at d = 1 and 2, then falls further behind: at d = 16 it finds
# about a quarter of the truth. In 32 dimensions even a point's nearest neighbours are
# far away, so the local counts KSG relies on are coarse. A histogram is worse: with 5
# bins per axis, d = 4 already needs 625 cells per block for 1,000 points, and at d = 8
# nearly every point sits alone in its cell, where it tells nothing about a density. The
# Gaussian fit is excellent, *because* the data are Gaussian: a correct model beats any
# nonparametric estimator in high dimension, and a wrong one fails silently.

# %% [markdown]
# ## 6. Try it: the histogram estimate against its permutation null
#
# The panel cuts each coordinate of the two d-dimensional Gaussian blocks into B bins
# (B^d cells per block), computes the plug-in MI of the cell labels (red), the truth d ·
# (−½ ln(1 − ρ²)) (black, dashed) and the permutation null of 99 shuffles (grey, with
# its central 95% shaded).
#
# - Set ρ to 0: the estimate falls inside the null band and p is large, although the estimate is not 0.
# - Keep d = 1 and raise the bins from 4 to 12 at N = 200: the whole null moves right; that shift is the bias of section 1.
# - Set d = 3, B = 6: the estimate is far above the truth, yet p is at its minimum 0.01. The test
#   is right (there *is* dependence) while the number is meaningless as an MI.
# - Push d to 4 and B to 12: the test loses all power. Most points have an X cell of
#   their own, and every point has a *joint* cell of its own, so
#   H(X, Y) = ln N, its largest possible value. The estimate is then
#   H(X) + H(Y) − ln N, the smallest MI any pairing of these marginals can give: the
#   null piles up on it (not at ln N: H(X) and H(Y) stay a little below ln N, because a
#   few points still share a cell) and p = 1 whatever ρ is.

# %%
histogram_null_panel()

# %% [markdown]
# The numbers behind these suggestions, from the panel's own function:

# %%
noise = panel_noise(0)  # the panel's own draws
settings_panel = {"rho 0": (500, 4, 1, 0.0), "d 1, B 4, N 200": (200, 4, 1, 0.5), "d 1, B 12, N 200": (200, 12, 1, 0.5),
                  "d 3, B 6": (500, 6, 3, 0.5), "d 4, B 12": (500, 12, 4, 0.5)}
claims = {name: histogram_null_summary(*args, noise=noise) for name, args in settings_panel.items()}
for name, c in claims.items():
    print(f"{name:17s}: truth {c['truth']:.3f}, estimate {c['estimate']:.3f}, null mean {c['null'].mean():.3f} "
          f"[{c['band'][0]:.3f}, {c['band'][1]:.3f}], p = {c['p_value']:.3f}")
c4 = claims["d 4, B 12"]
print(f"d 4, B 12: {c4['occupied']} X cells and {c4['joint_occupied']} joint cells for 500 points; H(X) = {c4['h_x']:.3f}, H(Y) = {c4['h_y']:.3f}, "
      f"ln N = {np.log(500):.3f}; H(X) + H(Y) - ln N = {c4['h_x'] + c4['h_y'] - np.log(500):.3f}")
c0 = claims["rho 0"]
assert c0["band"][0] <= c0["estimate"] <= c0["band"][1] and c0["p_value"] > 0.2 and c0["estimate"] > 0
assert claims["d 1, B 12, N 200"]["band"][0] > claims["d 1, B 4, N 200"]["band"][1]
assert claims["d 3, B 6"]["estimate"] > 3 * claims["d 3, B 6"]["truth"] and claims["d 3, B 6"]["p_value"] == 0.01
assert c4["occupied"] > 400 and c4["joint_occupied"] == 500 and c4["p_value"] == 1.0 and max(c4["h_x"], c4["h_y"]) < np.log(500)
assert abs(c4["estimate"] - (c4["h_x"] + c4["h_y"] - np.log(500))) < 1e-9

# %% [markdown]
# ## 7. MI has no sign and no direction
#
# MI is invariant under any invertible map of either variable, so it cannot see the
# sign of a relation: I(X;Y) = I(X;−Y). And it is symmetric, I(X;Y) = I(Y;X), so it
# cannot say which variable depends on which. An exact discrete example: X uniform on
# {−2, −1, 0, 1, 2} and Y = X². Y is a function of X (H(Y|X) = 0), but X is not a
# function of Y (given Y = 4, X is 2 or −2).

# %%
values = np.arange(-2, 3)
y_values = np.unique(values**2)
p_xy = np.zeros((values.size, y_values.size))
for i, v in enumerate(values):
    p_xy[i, np.searchsorted(y_values, v**2)] = 1 / values.size
h_x = mh.entropy_from_probs(p_xy.sum(axis=1))
h_y = mh.entropy_from_probs(p_xy.sum(axis=0))
mi = mh.mi_from_joint(p_xy)
print(f"I(X;Y) = {mi:.4f} nats = I(Y;X) = {mh.mi_from_joint(p_xy.T):.4f} nats")
print(f"H(Y|X) = H(Y) - I = {h_y - mi:.4f} nats (Y is determined by X)")
print(f"H(X|Y) = H(X) - I = {h_x - mi:.4f} nats = 0.8 ln 2 = {0.8 * np.log(2):.4f} (the lost sign)")
assert abs(mi - mh.mi_from_joint(p_xy.T)) < 1e-12 and abs(h_y - mi) < 1e-12 and abs(h_x - mi - 0.8 * np.log(2)) < 1e-12

# %% [markdown]
# The same with samples. Correlation flips its sign with y; MI does not. For y = x² the
# two directions of prediction are very different, which the *correlation ratio*
# η²(Y|X) = Var(E[Y|X]) / Var(Y) shows and MI cannot. `mh.correlation_ratio(x, y)`,
# the function notebook 09 uses for images, estimates it for any two samples of equal
# length from bins of the predictor x: here 20 equal-count bins (`strategy="quantile"`),
# so that the few large values of the skewed y do not form tiny bins of their own.

# %%
n = 2000
x = rng.standard_normal(n)
y_lin = x + 0.5 * rng.standard_normal(n)
print(f"Pearson r(x, y) = {np.corrcoef(x, y_lin)[0, 1]:+.3f}, r(x, -y) = {np.corrcoef(x, -y_lin)[0, 1]:+.3f}")
print(f"KSG I(x; y) = {mh.mi_ksg(x, y_lin):.4f}, I(x; -y) = {mh.mi_ksg(x, -y_lin):.4f} nats "
      f"(truth {mh.gaussian_mi(1 / np.sqrt(1.25)):.4f} for both)")


y_sq = x**2 + 0.1 * rng.standard_normal(n)
eta_y_given_x = mh.correlation_ratio(x, y_sq, bins=20, strategy="quantile")  # eta^2(second | bins of the first)
eta_x_given_y = mh.correlation_ratio(y_sq, x, bins=20, strategy="quantile")
print(f"y = x^2 + noise: KSG I(x; y) = {mh.mi_ksg(x, y_sq):.4f}, I(y; x) = {mh.mi_ksg(y_sq, x):.4f} nats")
print(f"  eta^2(y | x) = {eta_y_given_x:.3f} (x predicts y), eta^2(x | y) = {eta_x_given_y:.3f} (y does not predict x)")
assert np.corrcoef(x, y_lin)[0, 1] == -np.corrcoef(x, -y_lin)[0, 1] and mh.mi_ksg(x, y_lin) == mh.mi_ksg(x, -y_lin)
assert mh.mi_ksg(x, y_sq) == mh.mi_ksg(y_sq, x)
assert eta_y_given_x > 0.7 and eta_x_given_y < 0.05

# %% [markdown]
# To know *which way* a dependence goes, or its sign, look at the data (a scatter
# plot, a regression, a correlation); to know *why*, you need a causal design. MI
# only says *how much* the variables share.

# %% [markdown]
# ## 8. Small samples: shrinkage, NSB, and reducing the dimension
#
# When the table has about as many cells as there are observations, the bias of
# section 1 dominates. Three remedies are in common use. Two change the *estimator*:
#
# - **James–Stein shrinkage** (Hausser and Strimmer 2009) pulls the observed cell
#   frequencies toward the uniform table, with an intensity λ estimated from the data
#   itself: λ is large when the counts are few and noisy and falls to 0 as N grows. The
#   MI of the shrunk table is `mh.mi_shrink(table)`. The uniform table has MI 0, so
#   shrinking usually pulls the estimate down, against the plug-in's upward bias. Not
#   always: a mixture of two tables without dependence is in general dependent, so when
#   the marginals are far from uniform, shrinking can *add* MI (the next cell shows a
#   count table of MI 0 whose shrunk table has about 0.1 nats).
# - **NSB** (Nemenman, Shafee and Bialek 2002) is Bayesian: it averages the posterior mean
#   of the entropy over a family of Dirichlet priors, weighted so that the prior is nearly
#   flat in the entropy itself. `mh.mi_nsb(table)` combines three NSB entropies,
#   H(X) + H(Y) − H(X, Y). The three priors are chosen separately and do not form one
#   prior on the joint table, so the combination can itself be biased (Archer, Park and
#   Pillow 2013 build MI estimators that avoid this).
#
# Both need the alphabet sizes (the empty cells count), and both are in
# `mi_helpers.small_sample` (tested against the R package `entropy` of Hausser and
# Strimmer and against the published NSB value of its example), beside
# `mh.mi_miller_madow(table)`, the first-order correction of section 1 applied to a
# table. How well they do depends on the true table, so one table is not enough. Below,
# 10 × 10 joint distributions are drawn from a Dirichlet(α) prior (seeded; each MI is
# computed exactly from its table): six tables with α = 0.5, each sampled 20 times at
# N = 20, 50, 200 and 1,000; then six *sparse* tables (α = 0.1: a few cells hold most of
# the mass) and six *smooth* ones (α = 2: close to uniform), at N = 20.
#
# *References:* J. Hausser, K. Strimmer, "Entropy inference and the James–Stein
# estimator, with application to nonlinear gene association networks", *JMLR* 10,
# 1469–1484 (2009). I. Nemenman, F. Shafee, W. Bialek, "Entropy and inference,
# revisited", *NIPS* 14, 471–478 (2002). E. Archer, I. M. Park, J. W. Pillow, "Bayesian
# and quasi-Bayesian estimators for mutual information from discrete data", *Entropy*
# 15, 1738–1755 (2013).

# %%
SMALL_EST = {"plug-in": mh.mi_from_joint, "Miller-Madow": mh.mi_miller_madow, "shrinkage": mh.mi_shrink,
             "NSB": mh.mi_nsb}


def small_sample_study(alpha, ns, n_tables=6, draws=20):
    """Bias and RMSE (nats) of each estimator, per table and N: {(table, N, name): (bias, rmse)}, and the truths."""
    out, truths = {}, []
    for t in range(n_tables):
        p_table = np.random.default_rng(int(100 * alpha) + t).dirichlet(np.full(100, alpha)).reshape(10, 10)
        truth_t = mh.mi_from_joint(p_table)
        truths.append(truth_t)
        draw_rng = np.random.default_rng(1000 + int(100 * alpha) + t)
        for n_small in ns:
            counts = draw_rng.multinomial(n_small, p_table.ravel(), size=draws).reshape(draws, 10, 10)
            for name, estimator in SMALL_EST.items():
                v = np.array([estimator(c) for c in counts])
                out[(t, n_small, name)] = (v.mean() - truth_t, np.sqrt(np.mean((v - truth_t) ** 2)))
    return out, np.array(truths)


def per_table(out, n_small, name, i):
    return np.array([out[(t, n_small, name)][i] for t in range(6)])


N_SMALL = (20, 50, 200, 1000)
mid, mid_truths = small_sample_study(0.5, N_SMALL)
print(f"alpha = 0.5: six 10 x 10 tables, true MI {mid_truths.min():.2f} to {mid_truths.max():.2f} nats; "
      "bias / RMSE, mean over the tables, nats")
print("     N |       plug-in |  Miller-Madow |     shrinkage |           NSB | NSB smallest RMSE")
bias = {n: {k: per_table(mid, n, k, 0).mean() for k in SMALL_EST} for n in N_SMALL}
rmse = {n: {k: per_table(mid, n, k, 1).mean() for k in SMALL_EST} for n in N_SMALL}
nsb_wins = {}
for n_small in N_SMALL:
    stacked = np.stack([per_table(mid, n_small, k, 1) for k in SMALL_EST])
    nsb_wins[n_small] = int(np.sum(np.argmin(stacked, axis=0) == list(SMALL_EST).index("NSB")))
    print(f"{n_small:6d} | " + " | ".join(f"{bias[n_small][k]:+.3f} / {rmse[n_small][k]:.3f}" for k in SMALL_EST)
          + f" | in {nsb_wins[n_small]} of 6 tables")
shrink_ratio = {n: rmse[n]["shrinkage"] / rmse[n]["plug-in"] for n in (20, 50)}
print(f"shrinkage RMSE / plug-in RMSE: N = 20 {shrink_ratio[20]:.2f}, N = 50 {shrink_ratio[50]:.2f}")
assert all(bias[n]["plug-in"] > 0 > bias[n]["shrinkage"] for n in N_SMALL)
assert all(nsb_wins[n] == 6 for n in (20, 50, 200)) and rmse[1000]["NSB"] < rmse[1000]["Miller-Madow"] + 0.005
assert all(np.all(per_table(mid, n, "shrinkage", 1) < per_table(mid, n, "plug-in", 1)) for n in (20, 50))
assert 0.55 < shrink_ratio[20] < 0.7 < shrink_ratio[50] < 0.85
assert all(rmse[n]["Miller-Madow"] < rmse[n]["shrinkage"] for n in (200, 1000))
assert bias[20]["plug-in"] > mid_truths.mean() and rmse[20]["Miller-Madow"] > 0.95 * rmse[20]["plug-in"]
assert all(abs(b) < 0.06 for b in bias[1000].values())

lopsided = np.zeros(10)
lopsided[:2] = [4, 1]
independent_counts = np.outer(lopsided, lopsided)  # 25 counts, exactly a product table: plug-in MI 0
print(f"\na count table without dependence, 16, 4, 4, 1 in the top-left 2 x 2 cells of 10 x 10: plug-in "
      f"{mh.mi_from_joint(independent_counts):.3f} nats, shrinkage {mh.mi_shrink(independent_counts):.3f} nats")
assert abs(mh.mi_from_joint(independent_counts)) < 1e-12 and 0.08 < mh.mi_shrink(independent_counts) < 0.13

print("\nN = 20, six tables per prior: mean RMSE, nats (tables where the estimator beats plug-in)")
shape = {}
for alpha, label in ((0.1, "sparse, alpha = 0.1"), (2.0, "smooth, alpha = 2")):
    out_a, truths_a = small_sample_study(alpha, (20,))
    shape[alpha] = {k: per_table(out_a, 20, k, 1) for k in SMALL_EST}
    r = shape[alpha]
    print(f"{label:20s} (true MI {truths_a.min():.2f} to {truths_a.max():.2f}): "
          + ", ".join(f"{k} {r[k].mean():.3f}" + (f" ({np.sum(r[k] < r['plug-in'])})" if k != "plug-in" else "")
                      for k in SMALL_EST)
          + f"; shrinkage beats NSB in {np.sum(r['shrinkage'] < r['NSB'])} of 6")
sparse, smooth = shape[0.1], shape[2.0]
assert np.all(sparse["shrinkage"] > sparse["plug-in"]) and sparse["shrinkage"].mean() > 2 * sparse["plug-in"].mean()
assert abs(sparse["NSB"].mean() - sparse["plug-in"].mean()) < 0.05 and np.sum(sparse["NSB"] < sparse["plug-in"]) == 3
assert smooth["shrinkage"].mean() < 0.2 * smooth["plug-in"].mean() and abs(smooth["shrinkage"].mean() - smooth["NSB"].mean()) < 0.02

# %% [markdown]
# With α = 0.5, at N = 20 and 100 cells, the plug-in estimate is more than twice the
# truth on average, and Miller–Madow's first-order correction hardly helps (it counts
# occupied cells, and at this N most cells are empty). NSB has the smallest RMSE in every
# table up to N = 200; at N = 1,000 it and Miller–Madow are about equal. Shrinkage lowers
# the plug-in's RMSE in every table at N = 20 and 50, by about a third at N = 20 and a
# quarter at N = 50, but it overshoots: on these tables, pulling the joint table toward
# the uniform table pulls the MI down too far, so its bias is *negative* at every N,
# and from N = 200 on Miller–Madow is closer. By N = 1,000 every estimator's bias is within 0.06 nats.
#
# The shape of the true table decides how much the remedies help. On smooth tables,
# close to the uniform target, shrinkage is as good as NSB, and both cut the plug-in's
# error more than fivefold. On sparse tables, where a few cells hold most of the mass,
# shrinkage toward the uniform table is the wrong pull: its error is larger than the
# plug-in's in every one of the six tables, and more than twice as large on average; NSB
# does hardly better than the plug-in
# (within 0.05 nats on average, better in half of the tables). Neither remedy is magic: shrinkage assumes the truth is near uniform, and
# NSB's prior, though nearly flat in the entropy, still matters when N is much smaller
# than the alphabet.
#
# **The third remedy changes the data: reduce the dimension first.** With many
# continuous variables, project X onto a few components (PCA) and estimate MI there. It
# helps when the dropped components are noise; it destroys the dependence when what was
# dropped carried it, and PCA cannot know, because it never looks at Y. Two
# ten-dimensional X, N = 1,000, 6 samples each, KSG on all ten coordinates against KSG
# on the first principal component:
#
# - *noise dimensions*: x₁ = 3z (the largest variance), x₂ … x₁₀ independent noise,
#   y = z + 0.5 e. The truth is that of a Gaussian pair with ρ = 1/√1.25.
# - *dependence in a small component*: x₁ … x₉ noise with standard deviation 3, x₁₀ = z
#   (variance 1), y = z² + 0.3 e. PCA keeps a noise direction and drops z. The truth,
#   I(z; z² + 0.3 e), is computed by numerical integration.

# %%
def pca_first(a):
    a = a - a.mean(axis=0)
    return a @ np.linalg.svd(a, full_matrices=False)[2][0]


z_grid = np.linspace(-8, 8, 1601)
y_grid = np.linspace(-2, 66, 6801)
w_z = np.exp(-z_grid**2 / 2) / np.sqrt(2 * np.pi) * (z_grid[1] - z_grid[0])
sigma = 0.3
p_y = np.zeros_like(y_grid)
for zc, wc in zip(np.array_split(z_grid, 16), np.array_split(w_z, 16)):
    p_y += (wc[:, None] * np.exp(-(y_grid[None, :] - zc[:, None] ** 2) ** 2 / (2 * sigma**2))).sum(0)
p_y /= sigma * np.sqrt(2 * np.pi)
h_y = -np.trapezoid(np.where(p_y > 0, p_y * np.log(np.where(p_y > 0, p_y, 1)), 0), y_grid)
truth_square = h_y - 0.5 * np.log(2 * np.pi * np.e * sigma**2)
truth_noise = mh.gaussian_mi(1 / np.sqrt(1.25))

reduction = {"noise dimensions": ([], [], truth_noise), "dependence in a small component": ([], [], truth_square)}
for s in range(6):
    g = np.random.default_rng(500 + s)
    z, e, noise_dims = g.standard_normal(1000), g.standard_normal(1000), g.standard_normal((1000, 9))
    x_a = np.column_stack([3 * z, noise_dims])
    x_b = np.column_stack([3 * noise_dims, z])
    for (full, pc1, _), x_d, y_d in zip(reduction.values(), (x_a, x_b), (z + 0.5 * e, z**2 + sigma * e)):
        full.append(mh.mi_ksg(x_d, y_d))
        pc1.append(mh.mi_ksg(pca_first(x_d), y_d))
print("KSG (k = 3), N = 1000, mean (sd) over 6 samples, nats")
for name, (full, pc1, truth_r) in reduction.items():
    print(f"{name:32s}: truth {truth_r:.3f} | all 10 coordinates {np.mean(full):.3f} ({np.std(full):.3f}) | "
          f"first principal component {np.mean(pc1):.3f} ({np.std(pc1):.3f})")
(fa, pa, ta), (fb, pb, tb) = reduction.values()
assert abs(np.mean(pa) - ta) < 0.05 and np.mean(fa) < ta - 0.1
assert np.mean(pb) < 0.05 and np.mean(fb) > np.mean(pb) + 0.1 and tb > 1.0
assert np.mean(fb) < 0.25 * tb  # all ten coordinates also miss most of the truth

# %% [markdown]
# With noise dimensions, the first component *is* the signal, and KSG on it recovers the
# truth that it misses on all ten coordinates. With the dependence in a low-variance
# component, the first component is pure noise and the "MI after PCA" is about 0 while
# the truth exceeds 1 nat: the reduction removed exactly what was to be measured. And
# keeping all ten coordinates does not rescue it: KSG on all of them finds only a small
# fraction of the truth too, because nine noise coordinates of scale 3 swamp the
# neighbourhoods. Neither option works here. What works is choosing coordinates for a
# reason: from knowledge of the problem, or with Y on one part of the sample and then
# estimating on another (a reduction chosen *with* Y and scored on the same data is
# biased upward). Notebook 13 takes a third route for high
# dimension: a neural critic learns which directions matter.

# %% [markdown]
# ## Pitfall: ranking MI values without a significance test
#
# A common analysis: measure MI between all pairs of variables, sort, report the top
# pairs as the "strongest relations". Below are 20 completely independent variables
# (think of genes), N = 100 samples each, with histogram MI on 10 bins per axis. That
# makes 190 pairs, and every one of them has a true MI of 0.

# %%
n_samples, n_vars, bins = 100, 20, 10
genes = rng.standard_normal((n_samples, n_vars))
mi_matrix = mh.pairwise_mi(genes, method="binned", bins=bins)
upper = np.triu_indices(n_vars, k=1)
top = np.argmax(mi_matrix[upper])
a, b = upper[0][top], upper[1][top]
top_value = mi_matrix[a, b]
naive = permutation_test(genes[:, a], genes[:, b], estimator=mh.mi_binned, bins=bins, n_permutations=199, seed=SEED)
print(f"top pair: genes {a} and {b}, MI = {top_value:.3f} nats (truth 0)")
print(f"  as strong as a Gaussian pair with rho = {mh.information_coefficient(top_value):.2f}")
print(f"  bias formula (B-1)^2/(2N) = {mh.plugin_mi_bias(bins, bins, n_samples):.3f} nats")
print(f"  permutation p-value of this one pair: {naive.p_value:.3f}  ('significant' at 5%)")
assert naive.p_value <= 0.05 and mh.information_coefficient(top_value) > 0.7

# %% [markdown]
# **Why it is wrong.** Every value carries the bias of section 1 (0.405 nats here) plus
# noise, and the top of 190 noisy values is far out in the tail. Testing the winner as if
# it were the only pair ignores that it was *selected* as the largest of 190; with
# 190 tests at 5%, about 9.5 "significant" pairs are expected by chance alone. The numbers
# also cannot be compared with another study's: at N = 1,000 the same independent pairs
# would show about 0.04 nats (Pitfall 5 of [notebook 04](04_estimation.ipynb); printed below).
#
# **The fix.** Ask the right null question: "how large is the *largest* of 190 values
# when nothing depends on anything?" Shuffle each variable independently (this breaks
# every pair at once), recompute the whole matrix, and keep its maximum. The p-value of
# the top pair against this *max-statistic* null accounts for the selection.

# %%
max_null = []
for _ in range(99):
    shuffled = rng.permuted(genes, axis=0)  # each column shuffled on its own
    max_null.append(mh.pairwise_mi(shuffled, method="binned", bins=bins)[upper].max())
max_null = np.array(max_null)
p_corrected = (1 + np.count_nonzero(max_null >= top_value)) / (1 + max_null.size)
print(f"top value {top_value:.3f} nats; max-statistic null: median {np.median(max_null):.3f}, "
      f"95th percentile {np.quantile(max_null, 0.95):.3f} nats")
print(f"p-value of the top pair, corrected for picking it: {p_corrected:.2f}")
print(f"pairs with an uncorrected p <= 0.05 expected by chance: {0.05 * len(upper[0]):.1f} of {len(upper[0])}")
print(f"bias formula for the same bins at N = 1,000: {mh.plugin_mi_bias(bins, bins, 1000):.3f} nats")

# One matrix could be a fluke: 20 more matrices of independent genes, same N and bins.
q95_max = np.quantile(max_null, 0.95)
naive_hits, max_hits = 0, 0
for _ in range(20):
    more = rng.standard_normal((n_samples, n_vars))
    values = mh.pairwise_mi(more, method="binned", bins=bins)[upper]
    i, j = upper[0][np.argmax(values)], upper[1][np.argmax(values)]
    naive_hits += permutation_test(more[:, i], more[:, j], estimator=mh.mi_binned, bins=bins,
                                   n_permutations=199, seed=rng).p_value <= 0.05
    max_hits += values.max() > q95_max
print(f"20 more matrices: the top pair's own p <= 0.05 in {naive_hits} of 20; "
      f"above the max-statistic null's 95th percentile in {max_hits} of 20")
assert p_corrected > 0.05 and naive_hits >= 16 and max_hits <= 3
assert abs(mh.plugin_mi_bias(bins, bins, n_samples) - 0.405) < 1e-9 and abs(mh.plugin_mi_bias(bins, bins, 1000) - 0.04) < 0.001

# %% [markdown]
# The "strongest relation" is exactly what the largest of 190 independent pairs looks
# like, and it is no fluke of one matrix: in almost every matrix of pure noise the top
# pair passes its own test, while the max-statistic test calls hardly any of the 20
# matrices significant (a 5% test should call about one). Report MI with its units, its N, its estimator, and a test that matches the
# question: a per-pair permutation p-value for one planned pair, a max-statistic (or
# Bonferroni, or false-discovery-rate) correction when you picked the pair from many.

# %% [markdown]
# ## Exercises
#
# Each solution sits in a collapsed cell below its exercise, its code and its output
# both hidden so the answer is not spoiled: click the collapsed cell (or its three dots)
# to open it once you have tried.
#
# **Exercise 1.** Power grows with N. For a Gaussian pair with ρ = 0.15, run
# `permutation_test` with `mh.mi_binned` (6 bins) and 199 permutations at N = 100, 400
# and 1,600, on 20 seeded samples per N. Print the truth, the mean estimate and the
# mean of the null, and the power: the share of samples with p ≤ 0.05.

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
power_by_n, means_by_n = {}, {}
for n_ex in (100, 400, 1600):
    runs = [permutation_test(*mh.correlated_gaussian(n_ex, 0.15, seed=7000 + n_ex + s), estimator=mh.mi_binned,
                             bins=6, n_permutations=199, seed=s) for s in range(20)]
    p_ex = np.array([res.p_value for res in runs])
    power_by_n[n_ex] = np.mean(p_ex <= 0.05)
    means_by_n[n_ex] = (np.mean([res.observed for res in runs]), np.mean([res.null.mean() for res in runs]))
    print(f"N = {n_ex:5d}: truth {mh.gaussian_mi(0.15):.4f} nats, mean estimate {means_by_n[n_ex][0]:.4f}, "
          f"mean null {means_by_n[n_ex][1]:.4f}; p <= 0.05 in {np.sum(p_ex <= 0.05):2d} of 20 "
          f"(power {power_by_n[n_ex]:.0%}), median p {np.median(p_ex):.3f}")
print("At N = 100 the test rejects about as often as it would with no dependence at all (5%):\n"
      "the estimate is almost all bias, and the null has the same bias. Power rises with N and is\n"
      "nearly 1 at N = 1,600, while the estimate approaches the truth. One p-value per N would not\n"
      "show this: a single sample can land anywhere in the spread of p-values.")
assert power_by_n[100] <= 0.15 and power_by_n[100] < power_by_n[400] < power_by_n[1600] and power_by_n[1600] >= 0.9
truth_ex1 = mh.gaussian_mi(0.15)
assert means_by_n[100][1] > 5 * truth_ex1 and abs(means_by_n[100][0] - means_by_n[100][1]) < truth_ex1  # bias dominates
assert abs(means_by_n[1600][0] - truth_ex1) < abs(means_by_n[400][0] - truth_ex1) < abs(means_by_n[100][0] - truth_ex1)

# %% [markdown]
# **Exercise 2.** Check the coverage of an interval. Over 40 seeded samples of N = 300
# with ρ = 0.6, compute `bootstrap_ci` with `mh.mi_gaussian` (50 resamples) and count
# how often the 95% interval contains the true MI.

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
truth_ex = mh.gaussian_mi(0.6)
hits = 0
for s in range(40):
    xe, ye = mh.correlated_gaussian(300, 0.6, seed=1000 + s)
    ci = bootstrap_ci(xe, ye, estimator=mh.mi_gaussian, n_boot=50, seed=s)
    hits += ci.low <= truth_ex <= ci.high
print(f"the interval covered the truth {truth_ex:.3f} nats in {hits} of 40 samples "
      f"({hits / 40:.0%}; 95% expected, binomial sd about 3.4 points)")

# %% [markdown]
# **Exercise 3.** The Miller–Madow correction subtracts the first-order bias using the
# number of *occupied* cells. Repeat section 1 at N = 200 (8 × 8 bins, 100 repeats of
# an independent pair) with `correction="miller-madow"`. How much bias is left?

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
plain, corrected, empty, empty_border = [], [], [], []
row, col = np.indices((8, 8))
border = np.minimum(np.minimum(row, col), np.minimum(7 - row, 7 - col)) == 0  # the outer ring of the 8 x 8 table
for _ in range(100):
    xe, ye = mh.correlated_gaussian(200, 0.0, seed=rng)
    plain.append(mh.mi_binned(xe, ye, bins=8))
    corrected.append(mh.mi_binned(xe, ye, bins=8, correction="miller-madow"))
    is_empty = np.histogram2d(xe, ye, bins=8)[0] == 0  # the same equal-width cells
    empty.append(is_empty.sum())
    empty_border.append((is_empty & border).sum())
plain, corrected = np.array(plain), np.array(corrected)
all_cells = mh.plugin_mi_bias(8, 8, 200)
print(f"truth 0 nats; plug-in mean {plain.mean():.4f}, Miller-Madow mean {corrected.mean():.4f}")
print(f"bias removed: {1 - corrected.mean() / plain.mean():.0%}; Miller-Madow estimates below 0: {np.mean(corrected < 0):.0%} of the repeats")
print(f"Miller-Madow subtracted {np.mean(plain - corrected):.4f} nats on average, from the occupied cells: "
      f"{64 - np.mean(empty):.1f} of 64 joint cells; {np.sum(empty_border) / np.sum(empty):.0%} of the empty ones on the border")
print(f"the same first-order formula with all 64 cells, (8 - 1)^2 / (2 N) = {all_cells:.4f} nats, "
      f"would remove {all_cells / plain.mean():.0%} of the bias")
print("About 60% of the bias goes, not all. Being first order is not the reason: the same\n"
      "formula with all 64 cells removes essentially all of it. Miller-Madow counts only the cells\n"
      "occupied in the sample, and with 200 points about a third of them, mostly on the border of\n"
      "the table (the Gaussian tails), are empty; so it counts too few cells and subtracts too\n"
      "little. A corrected estimate can also fall below zero, which a plug-in MI never does.")
assert 0.5 < 1 - corrected.mean() / plain.mean() < 0.7 and min(corrected) < 0 <= min(plain)
assert 0.9 < all_cells / plain.mean() < 1.1 and 0.25 < np.mean(empty) / 64 < 0.4 and np.sum(empty_border) / np.sum(empty) > 0.75

# %% [markdown]
# ## Summary
#
# - A histogram estimate of independent variables is about (Bx − 1)(By − 1)/(2N) nats,
#   not 0 (under dependence the bias is smaller but still large); values from different
#   N, bins or estimators are not comparable.
# - A permutation test (p = (1 + #null ≥ observed)/(1 + R)) says whether there is any
#   dependence, if the rows are exchangeable: for series use shifts or blocks. When the
#   pair was picked from many, test the maximum, not the winner.
# - Percentile bootstrap intervals describe spread, not bias, and must be checked for
#   coverage. For kNN and kernel estimators resample without replacement (half-sampling);
#   for histograms correct the bias (2Î − mean of the re-estimates) and keep the bins few.
# - KSG cannot exceed ψ(N) − ψ(k) ≈ ln N − ψ(k), InfoNCE cannot exceed ln(batch size),
#   and no distribution-free lower bound can exceed O(ln N); every nonparametric
#   estimator degrades as dimension grows.
# - MI measures how much, not which sign and not which direction.
# - With few samples per cell, NSB removes most of the plug-in bias on the tables tried
#   here; James–Stein shrinkage helps when the true table is close to uniform and hurts
#   when it is sparse. Reducing the dimension first helps only if the dropped part is
#   unrelated to Y.
#
# [← Previous: 11 Climate](11_climate.ipynb) · **12 Limitations** · [Next: 13 Neural estimators →](13_neural_estimators.ipynb) · [Course overview](../README.md)
