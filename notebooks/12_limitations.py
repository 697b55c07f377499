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
# [← Previous: 11 Climate](11_climate.ipynb) · **12 Limitations** · [Course overview](../README.md)
#
# An MI estimate is a number computed from a finite sample, and every estimator has
# blind spots. This last notebook collects the ways a number goes wrong and the tools
# that tell you how much to believe it: the bias that makes independent variables
# look dependent, the permutation test, bootstrap intervals, the ceiling of
# nearest-neighbour estimates, the cost of dimension, and what MI cannot say at all.
#
# **You will learn to**
#
# - predict the bias of a histogram estimate, (Bx − 1)(By − 1)/(2N) nats, and see it in repeats;
# - test for dependence with a permutation test and read its p-value;
# - put a bootstrap interval on an estimate, and avoid the trap that breaks it for kNN estimators;
# - recognise the ln N ceiling of KSG and the failure of every estimator as dimension grows;
# - remember that MI has no sign and no direction.
#
# **Time:** about 40 minutes. Every estimate with a known true value is shown next to it.

# %% [markdown]
# ## Setup
#
# The tests and intervals come from `mi_helpers.significance`; the panel from
# `mi_helpers.widgets.limitations`. Every random draw is seeded.

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np
from scipy.special import digamma

import mi_helpers as mh
from mi_helpers.significance import bootstrap_ci, permutation_test
from mi_helpers.widgets.limitations import block_gaussian, histogram_null_panel

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
# The formula is right to within a few percent from N = 50 on, and it says three things:
#
# - the bias falls only as 1/N: halving it takes twice the data;
# - it grows with the number of cells: 20 × 20 bins at N = 1,000 add 0.18 nats of pure
#   bias, as much as the true MI of a Gaussian pair with ρ ≈ 0.55;
# - taken to the extreme, one bin per distinct value (B = N, which is what
#   `mutual_info_score` does with raw floats, Pitfall 1 of notebook 01), the "MI" of
#   independent data climbs to about ln N.
#
# KSG has almost no bias for independent data (its mean is within noise of 0 and can
# be negative), but its values still scatter by a few hundredths of a nat. Either way a
# positive number alone does not show dependence. The next section does.

# %%
n = 1000
bias_20 = mh.plugin_mi_bias(20, 20, n)
print(f"20 x 20 bins, N = {n}: bias formula {bias_20:.3f} nats; "
      f"Gaussian rho with that MI: {mh.information_coefficient(bias_20):.3f}")

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
# (ρ = 0.25, true MI 0.032 nats) and an independent pair.
#
# *Reference:* B. Phipson, G. K. Smyth, "Permutation P-values should never be zero",
# *Statistical Applications in Genetics and Molecular Biology* 9(1), Article 39 (2010).

# %%
pairs = {
    "rho = 0.25": (mh.correlated_gaussian(800, 0.25, seed=SEED), mh.gaussian_mi(0.25)),
    "independent": (mh.correlated_gaussian(800, 0.0, seed=SEED + 1), 0.0),
}
tests = {}
for name, ((x, y), truth) in pairs.items():
    tests[name] = permutation_test(x, y, estimator=mh.mi_ksg, n_permutations=199, seed=SEED)
    t = tests[name]
    print(f"{name:12s} truth {truth:.4f} nats | KSG {t.observed:+.4f} | null 95th percentile "
          f"{np.quantile(t.null, 0.95):+.4f} | p = {t.p_value:.3f}")

fig, axes = plt.subplots(1, 2, figsize=(8, 2.8), sharey=True)
for ax, (name, t) in zip(axes, tests.items()):
    ax.hist(t.null, bins=25, color="0.6", label="null (199 shuffles)")
    ax.axvline(t.observed, color="tab:red", lw=2, label="observed")
    ax.set_title(f"{name}: p = {t.p_value:.3f}")
    ax.set_xlabel("KSG estimate (nats)")
axes[0].set_ylabel("count")
axes[0].legend(fontsize=8)
plt.show()

# %% [markdown]
# The KSG null is centred near 0 and its 95th percentile is about 0.04 nats at N = 800:
# an estimate of 0.02 is unremarkable, one of 0.06 is not. (The estimate of the weak
# pair is twice its truth, and the independent pair's is below zero: single estimates are
# noisy.) A p-value answers "could shuffled data do this?", not "how large is the MI?".
# At large N a negligible MI gets a tiny p-value; at small N a real one may not.
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
print(f"fraction of p <= 0.05: {np.mean(p_values <= 0.05):.3f} (expected 0.05; "
      f"binomial sd {np.sqrt(0.05 * 0.95 / 400):.3f})")
print(f"fraction of p <= 0.50: {np.mean(p_values <= 0.5):.3f} (expected 0.50)")

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
# bootstrap is used with `mi_ksg` or `mi_kde`; the warning is caught and printed here.

# %%
rho = 0.5
x, y = mh.correlated_gaussian(500, rho, seed=SEED)
truth = mh.gaussian_mi(rho)


def report(label, ci):
    covers = "covers" if ci.low <= truth <= ci.high else "MISSES"
    print(f"{label:38s} estimate {ci.estimate:.3f}  95% interval [{ci.low:.3f}, {ci.high:.3f}]  {covers} the truth")


print(f"true MI = {truth:.3f} nats, N = 500")
report("Gaussian fit, bootstrap", bootstrap_ci(x, y, estimator=mh.mi_gaussian, seed=SEED))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    report("KSG, bootstrap (wrong)", bootstrap_ci(x, y, estimator=mh.mi_ksg, seed=SEED))
print("   warning:", caught[0].message)
report("KSG, half-sampling", bootstrap_ci(x, y, estimator=mh.mi_ksg, resample="half", seed=SEED))
report("histogram (fd bins), bootstrap", bootstrap_ci(x, y, estimator=mh.mi_binned, seed=SEED))
fd_bins = mh.discretize(x, "fd").max() + 1
print(f"   Freedman-Diaconis gives {fd_bins} bins per axis: bias formula {mh.plugin_mi_bias(fd_bins, fd_bins, 500):.3f} nats")

# %% [markdown]
# Two lessons. The bootstrap of KSG is not a little off: its interval does not even
# contain the estimate it started from. And an interval describes the *spread* of an
# estimator, not its bias: the histogram estimate carries a bias of about 0.36 nats
# from its 20 × 20 bins, and each bootstrap resample, with its repeated rows, adds more
# of the same on top, so the interval lies above even the estimate. A percentile
# interval is only as good as the estimator is unbiased.
#
# *References:* B. Efron, R. J. Tibshirani, *An Introduction to the Bootstrap* (1993),
# ch. 13. J. Shao, C. F. J. Wu, "A general theory for jackknife variance estimation",
# *Annals of Statistics* 17, 1176–1197 (1989).

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

# %%
true_mi = np.linspace(0.25, 7.0, 15)
rhos = np.sqrt(1.0 - np.exp(-2.0 * true_mi))  # invert I = -0.5 ln(1 - rho^2)
fig, ax = plt.subplots(figsize=(5.5, 3.6))
ax.plot(true_mi, true_mi, color="black", lw=1, label="truth")
for n, colour in ((100, "tab:orange"), (1000, "tab:blue"), (10_000, "tab:green")):
    est = [mh.mi_ksg(*mh.correlated_gaussian(n, r, seed=SEED)) for r in rhos]
    ax.plot(true_mi, est, "o-", color=colour, ms=4, label=f"KSG, N = {n}")
    ax.axhline(digamma(n) - digamma(k), color=colour, ls=":", lw=1)
    print(f"N = {n:5d}: at true MI {true_mi[-1]:.2f} nats KSG gives {est[-1]:.2f}; "
          f"ceiling psi(N) - psi(3) = {digamma(n) - digamma(k):.2f}")
ax.set_xlabel("true MI (nats)")
ax.set_ylabel("KSG estimate (nats)")
ax.set_title("KSG saturates below psi(N) - psi(k) (dotted)")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# With N = 100 the estimate stays below 3.7 nats whatever the truth; ten times more data
# buys about ln 10 ≈ 2.3 nats of headroom. So a KSG value close to ln N means "at least
# this much", never "this much", and comparing two large MI values measured on
# different N compares their ceilings.

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
    x, y, truth = block_gaussian(n, d, rho, seed=SEED)
    rows.append((d, truth_logdet, truth, mh.mi_ksg(x, y), mh.mi_gaussian(x, y), 5.0 ** d))
print(f"N = {n}, rho = {rho} per coordinate")
print(" d | truth (log-dets) | d * gaussian_mi | KSG    | Gaussian fit | histogram cells 5^d per block")
for d, t_ld, t, ksg, gfit, cells in rows:
    print(f"{d:2d} | {t_ld:16.3f} | {t:15.3f} | {ksg:6.3f} | {gfit:12.3f} | {cells:.3g}")

# %%
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9, 3.2))
ax1.plot(dims, [r[2] for r in rows], "k-", label="truth")
ax1.plot(dims, [r[3] for r in rows], "o-", label="KSG (k = 3)")
ax1.plot(dims, [r[4] for r in rows], "s--", label="Gaussian fit")
ax1.set_xlabel("dimension d of each block")
ax1.set_ylabel("MI (nats)")
ax1.set_title(f"N = {n}")
ax1.legend(fontsize=8)
ax2.semilogy(dims, [r[5] for r in rows], "o-", color="tab:red", label="cells per block, 5 bins per axis")
ax2.axhline(n, color="black", ls=":", label=f"N = {n} points")
ax2.set_xlabel("dimension d")
ax2.set_title("a histogram needs B^d cells")
ax2.legend(fontsize=8)
plt.show()

# %% [markdown]
# KSG tracks the truth at d = 1 and 2, then falls further behind: at d = 16 it finds
# less than a quarter of the truth. Its neighbourhoods, tiny in 2 dimensions, span most
# of the data in 32. A histogram is worse: with 5 bins per axis, d = 4 already needs 625
# cells per block for 1,000 points, and almost every point sits alone in its cell. The
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
# - Push d to 4 and B to 12: the null piles up near ln N, where every point has a cell of its own.

# %%
histogram_null_panel()

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

# %% [markdown]
# The same with samples. Correlation flips its sign with y; MI does not. For y = x² the
# two directions of prediction are very different, which the *correlation ratio*
# η²(Y|X) = Var(E[Y|X]) / Var(Y) (estimated here from 20 bins of the predictor) shows and
# MI cannot.

# %%
n = 2000
x = rng.standard_normal(n)
y_lin = x + 0.5 * rng.standard_normal(n)
print(f"Pearson r(x, y) = {np.corrcoef(x, y_lin)[0, 1]:+.3f}, r(x, -y) = {np.corrcoef(x, -y_lin)[0, 1]:+.3f}")
print(f"KSG I(x; y) = {mh.mi_ksg(x, y_lin):.4f}, I(x; -y) = {mh.mi_ksg(x, -y_lin):.4f} nats "
      f"(truth {mh.gaussian_mi(1 / np.sqrt(1.25)):.4f} for both)")


def correlation_ratio(target, predictor, n_bins=20):
    """Share of Var(target) explained by its mean within equal-count bins of predictor."""
    edges = np.quantile(predictor, np.linspace(0, 1, n_bins + 1))
    idx = np.clip(np.searchsorted(edges, predictor, side="right") - 1, 0, n_bins - 1)
    means = np.bincount(idx, weights=target) / np.bincount(idx)
    return np.var(means[idx]) / np.var(target)


y_sq = x**2 + 0.1 * rng.standard_normal(n)
print(f"y = x^2 + noise: KSG I(x; y) = {mh.mi_ksg(x, y_sq):.4f}, I(y; x) = {mh.mi_ksg(y_sq, x):.4f} nats")
print(f"  eta^2(y | x) = {correlation_ratio(y_sq, x):.3f} (x predicts y), "
      f"eta^2(x | y) = {correlation_ratio(x, y_sq):.3f} (y does not predict x)")

# %% [markdown]
# To know *which way* a dependence goes, or its sign, look at the data (a scatter
# plot, a regression, a correlation); to know *why*, you need a causal design. MI
# only says *how much* the variables share.

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

# %% [markdown]
# **Why it is wrong.** Every value carries the bias of section 1 (0.405 nats here) plus
# noise, and the top of 190 noisy values is far out in the tail. Testing the winner as if
# it were the only pair ignores that it was *selected* as the largest of 190; with
# 190 tests at 5%, about 9 "significant" pairs are expected by chance alone. The numbers
# also cannot be compared with another study's: at N = 1,000 the same independent pairs
# would show about 0.04 nats (item 12 of the course's pitfall list).
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

# %% [markdown]
# The "strongest relation" is exactly what the largest of 190 independent pairs looks
# like. Report MI with its units, its N, its estimator, and a test that matches the
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
# and 1,600. Print the estimate, the truth and the p-value.

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
for n_ex in (100, 400, 1600):
    xe, ye = mh.correlated_gaussian(n_ex, 0.15, seed=SEED)
    res = permutation_test(xe, ye, estimator=mh.mi_binned, bins=6, n_permutations=199, seed=SEED)
    print(f"N = {n_ex:5d}: estimate {res.observed:.4f} nats (truth {mh.gaussian_mi(0.15):.4f}, "
          f"null mean {res.null.mean():.4f}), p = {res.p_value:.3f}")

# %% [markdown]
# **Exercise 2.** Check the coverage of an interval. Over 40 seeded samples of N = 300
# with ρ = 0.6, compute `bootstrap_ci` with `mh.mi_gaussian` (100 resamples) and count
# how often the 95% interval contains the true MI.

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
truth_ex = mh.gaussian_mi(0.6)
hits = 0
for s in range(40):
    xe, ye = mh.correlated_gaussian(300, 0.6, seed=1000 + s)
    ci = bootstrap_ci(xe, ye, estimator=mh.mi_gaussian, n_boot=100, seed=s)
    hits += ci.low <= truth_ex <= ci.high
print(f"the interval covered the truth {truth_ex:.3f} nats in {hits} of 40 samples "
      f"({hits / 40:.0%}; 95% expected, binomial sd about 3.4 points)")

# %% [markdown]
# **Exercise 3.** The Miller–Madow correction subtracts the first-order bias using the
# number of *occupied* cells. Repeat section 1 at N = 200 (8 × 8 bins, 100 repeats of
# an independent pair) with `correction="miller-madow"`. How much bias is left?

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
plain, corrected = [], []
for _ in range(100):
    xe, ye = mh.correlated_gaussian(200, 0.0, seed=rng)
    plain.append(mh.mi_binned(xe, ye, bins=8))
    corrected.append(mh.mi_binned(xe, ye, bins=8, correction="miller-madow"))
print(f"truth 0 nats; plug-in mean {np.mean(plain):.4f}, Miller-Madow mean {np.mean(corrected):.4f}")
print(f"bias removed: {1 - np.mean(corrected) / np.mean(plain):.0%}")

# %% [markdown]
# More than half of the bias goes, not all: the correction is first order only, and the
# equal-width bins in the Gaussian tails hold so few points that the cell counts it relies
# on are themselves noisy. A corrected estimate can also fall below zero, which a plug-in
# MI never does.

# %% [markdown]
# ## Summary
#
# - A histogram estimate of independent variables is about (Bx − 1)(By − 1)/(2N) nats,
#   not 0; values from different N, bins or estimators are not comparable.
# - A permutation test (p = (1 + #null ≥ observed)/(1 + R)) says whether there is any
#   dependence; when the pair was picked from many, test the maximum, not the winner.
# - Bootstrap intervals describe spread, not bias. For kNN and kernel estimators,
#   resample without replacement (half-sampling): duplicated points fake dependence.
# - KSG cannot exceed ψ(N) − ψ(k) ≈ ln N − ψ(k) and needs exponentially many samples
#   for large MI; every nonparametric estimator degrades as dimension grows.
# - MI measures how much, not which sign and not which direction.
#
# [← Previous: 11 Climate](11_climate.ipynb) · **12 Limitations** · [Course overview](../README.md)
