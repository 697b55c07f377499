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
# # 13 · Neural estimators: MINE, NWJ and InfoNCE
#
# [← Previous: 12 Limitations](12_limitations.ipynb) · **13 Neural estimators** · [Course overview](../README.md)
#
# Most machine-learning practitioners meet MI today through a neural network: the
# contrastive InfoNCE loss behind CPC, SimCLR and CLIP, or MINE in representation
# learning. These methods do not estimate densities. They train a *critic* f(x, y) to
# tell pairs drawn together from pairs drawn apart, and turn its scores into a *lower
# bound* on MI. This notebook derives three such bounds, trains them on Gaussians whose
# MI is known exactly, and holds them to account against the truth and against KSG.
#
# **You will learn to**
#
# - derive the Donsker–Varadhan (MINE), NWJ and InfoNCE bounds and compute each from a critic's score matrix;
# - train a small critic with `mh.train_critic` and read its training curve against the truth;
# - explain why InfoNCE never exceeds ln(batch size) and why MINE and NWJ are so noisy at high MI;
# - judge when a neural estimate beats KSG (moderate MI in 10–20 dimensions) and when every estimator fails;
# - avoid reading an InfoNCE value as "the MI" or comparing bounds across batch sizes.
#
# **Time:** about 45 minutes. Every estimate is shown next to the closed form
# −½ Σᵢ ln(1 − ρᵢ²), and conclusions rest on several seeds.

# %% [markdown]
# ## Setup
#
# The bounds and the training loop are in `mi_helpers.neural`; training uses
# [JAX](https://jax.readthedocs.io) on the CPU (imported only when a critic is trained,
# so `import mi_helpers` stays light). The data are coordinate-paired Gaussians from
# `mh.gaussian_blocks`: X and Y have d coordinates each, coordinate j of Y is correlated
# with coordinate j of X (ρ), all other pairs are independent, and the truth is
# d · (−½ ln(1 − ρ²)) (`mh.gaussian_blocks_mi`). The panel and its precomputed runs
# are in `mi_helpers.widgets.neural`.
#
# Training runs in 32-bit floats with XLA's CPU kernels, which may differ in the last
# bits between processors, and hundreds of training steps can amplify such differences.
# Printed values are therefore rounded to two decimals (one where the MI is large and
# training least stable), and every claim is checked with a tolerance.

# %%
import math

import matplotlib.pyplot as plt
import numpy as np
from scipy.special import digamma

import mi_helpers as mh
from mi_helpers.widgets.neural import paired_gaussian_cov, training_panel

SEED = 0
rng = np.random.default_rng(SEED)

# %% [markdown]
# ## 1. Three lower bounds, one score matrix
#
# Write P = p(x, y) for the joint distribution and Q = p(x) p(y) for the product of
# the marginals, so I(X;Y) = KL(P ‖ Q).
#
# **Donsker–Varadhan.** For any function f, the tilted density q_f = q e^f / E_Q[e^f]
# is a probability density, and
#
# $$ \mathbb{E}_P[f] - \ln \mathbb{E}_Q[e^{f}] = \mathrm{KL}(P\,\|\,Q) - \mathrm{KL}(P\,\|\,Q_f) \;\le\; I(X;Y), $$
#
# with equality when f = ln(p/q) + c. MINE (Belghazi et al. 2018) is this bound with f
# a neural network, maximised by gradient ascent.
#
# **NWJ.** Since ln z ≤ z/e for every z > 0 (the tangent of ln at z = e), replacing the
# logarithm gives a smaller, still valid bound (Nguyen, Wainwright and Jordan 2010):
#
# $$ I(X;Y) \;\ge\; \mathbb{E}_P[f] - e^{-1}\,\mathbb{E}_Q[e^{f}], $$
#
# tight for f = 1 + ln(p/q). It has no logarithm of an average, so its estimate on a
# batch is unbiased for a fixed critic.
#
# **InfoNCE.** The critic must pick the true partner y_i of x_i among the K candidates of
# a batch. Notebook 12 ([section 4](12_limitations.ipynb)) introduced this bound and
# showed with the optimal critic that it can never exceed ln K. Here it is one of three.
#
# **The score matrix.** For a batch of K pairs, S[i, j] = f(x_i, y_j). The diagonal holds
# K samples of P; the K(K − 1) off-diagonal entries pair an x with another row's y, a
# sample of Q. Every bound is a function of S: `mh.dv_bound(S)`, `mh.nwj_bound(S)` and
# `mh.variational_bound(S, "infonce")` (the same value as `mh.infonce_bound` of notebook 12).
#
# Before any training, the bounds with the *optimal* critic, the true log density ratio
# (`mh.gaussian_log_ratio`), on 200 batches of K = 128 pairs of a one-dimensional
# Gaussian pair with true MI from 1 to 10 nats:

# %%
K = 128
levels = [1.0, 2.0, 4.0, 6.0, 8.0, 10.0]
optimal = {}
print(f"optimal critic, K = {K} (ln K = {math.log(K):.2f}), 200 batches per row; mean (sd over batches), nats")
print("true MI |       MINE (DV) | largest DV batch |             NWJ | NWJ true sd |         InfoNCE")
for i, target in enumerate(levels):
    r = math.sqrt(1 - math.exp(-2 * target))
    x, y = mh.correlated_gaussian(200 * K, r, seed=SEED + i)
    s = np.stack([mh.gaussian_log_ratio(a, b, r) for a, b in zip(x.reshape(200, K), y.reshape(200, K))])
    per_batch = {"dv": np.array([mh.dv_bound(b) for b in s]), "nwj": np.array([mh.nwj_bound(b + 1.0) for b in s]),
                 "infonce": np.array([mh.variational_bound(b, "infonce") for b in s])}
    optimal[target] = {name: (v.mean(), v.std(), v.max()) for name, v in per_batch.items()}
    # Closed form of NWJ's spread with this critic: rho^2 / K (the diagonal) + (e^(2I) - 1) / (K (K - 1)).
    optimal[target]["nwj_true_sd"] = math.sqrt(r**2 / K + math.expm1(2 * target) / (K * (K - 1)))
    o = optimal[target]
    print(f"{target:7.1f} | {o['dv'][0]:6.2f} ({o['dv'][1]:5.2f}) | {o['dv'][2]:16.1f} | "
          f"{o['nwj'][0]:6.2f} ({o['nwj'][1]:5.2f}) | {o['nwj_true_sd']:11.3g} | "
          f"{o['infonce'][0]:6.2f} ({o['infonce'][1]:5.2f})")

nwj_sd = {t: optimal[t]["nwj"][1] / optimal[t]["nwj_true_sd"] for t in levels}  # sample sd / true sd
print("sample sd / true sd of NWJ:", ", ".join(f"{t:.0f} nats {v:.2f}" for t, v in nwj_sd.items()))
assert all(abs(optimal[t]["nwj"][0] - t) < 0.3 for t in levels)
assert all(0.85 < nwj_sd[t] < 1.15 for t in (1.0, 2.0)) and nwj_sd[4.0] < 0.5 and all(nwj_sd[t] < 0.1 for t in (8.0, 10.0))
assert optimal[10.0]["nwj_true_sd"] > 100
assert all(abs(optimal[t]["dv"][0] - t) < 0.1 for t in levels[:4])
assert optimal[10.0]["dv"][0] > 15 and optimal[10.0]["dv"][2] > 100
assert all(optimal[t]["infonce"][0] < min(t, math.log(K)) and optimal[t]["infonce"][1] < 0.1 for t in levels)
assert 0.1 < math.log(K) - optimal[6.0]["infonce"][0] < 0.3
assert optimal[10.0]["infonce"][0] > math.log(K) - 0.01

# %% [markdown]
# Even with the perfect critic, the three bounds behave very differently:
#
# - **NWJ**, with this fixed critic, is unbiased for its bound: its mean is within 0.3
#   nats of the truth at every level. But its e^(f−1) = p/q term averages a heavy-tailed
#   quantity, huge for the rare off-diagonal pair that looks joint. Its true spread
#   across batches has a closed form here: the off-diagonal terms are uncorrelated with
#   variance E_P[p/q] − 1 = e^(2I) − 1, so the sd of a batch value is
#   √(ρ²/K + (e^(2I) − 1)/(K(K − 1))) ("NWJ true sd"; ρ²/K is the diagonal's share,
#   since Var_P ln(p/q) = ρ² for a Gaussian pair). At 1 and 2 nats the sd of the 200
#   batches matches it within 15%. From 4 nats on the sample sd falls far short: less
#   than half the true sd at 4 nats, a factor of 10 or more too small at 8 and 10 nats.
#   The spread comes from batches too rare to show up in 200 draws. Typical batches look fine, and a rare one is off by hundreds of
#   nats. A sample sd is no safe error bar for NWJ at high MI.
# - **DV** agrees with NWJ up to 6 nats. Beyond, the logarithm of a batch mean that has
#   missed the rare large terms overshoots: by Jensen's inequality −ln of a sample mean
#   is biased *upward*, so a single batch's DV value is not a lower bound at all. At 10
#   nats the mean over batches is far above the truth, and one batch reports more than
#   100 nats.
# - **InfoNCE** is precise (spread below 0.1 nats at every level) but never above ln K:
#   at 6 nats it ends 0.1 to 0.3 nats under ln 128 = 4.85, at 10 nats within 0.01 of it.
#
# McAllester and Stratos (2020) proved that the dilemma is unavoidable: a
# distribution-free lower bound from N samples cannot exceed O(ln N) with high
# confidence (notebook 12). Bounds that escape the ln K cap, like DV and NWJ, pay in
# variance (Song and Ermon 2020 show that it grows exponentially with the MI).
#
# *References:* M. D. Donsker, S. R. S. Varadhan, *Comm. Pure Appl. Math.* 36, 183–212
# (1983). M. I. Belghazi et al., "Mutual information neural estimation", ICML 2018
# (PMLR 80, 531–540). X. Nguyen, M. J. Wainwright, M. I. Jordan, *IEEE Trans. Inf.
# Theory* 56, 5847–5861 (2010). B. Poole, S. Ozair, A. van den Oord, A. A. Alemi,
# G. Tucker, "On variational bounds of mutual information", ICML 2019 (PMLR 97,
# 5171–5180). D. McAllester, K. Stratos, AISTATS 2020 (PMLR 108, 875–884). J. Song,
# S. Ermon, "Understanding the limitations of variational mutual information
# estimators", ICLR 2020.

# %% [markdown]
# ## 2. Training a critic
#
# In practice the log density ratio is unknown, and the critic is a neural network. The
# one in `mi_helpers` is *separable*: f(x, y) = g(x) · h(y) / √m, with g and h two small
# MLPs (two hidden ReLU layers of 64 units, m = 32 outputs), so a whole K × K score
# matrix costs one matrix product. `mh.train_critic(x, y, bound=..., seed=...)`:
#
# 1. holds out a quarter of the rows (after a seeded shuffle) to report the estimate on;
# 2. draws minibatches of K training pairs and takes Adam steps that *increase* the bound
#    (gradients from JAX's automatic differentiation);
# 3. reports the bound on the held-out rows, in batches of K.
#
# **MINE's correction.** The gradient of ln E_Q[e^f] is E_Q[∇f e^f] / E_Q[e^f]. On a
# batch, the denominator is a noisy batch mean, and dividing by a noisy number biases the
# gradient. MINE (Belghazi et al. 2018, section 3.2) replaces the denominator by a moving
# average of the batch means of e^f. Here each step first updates the average with the
# current batch, then divides by it (an implementation choice; rate α = 0.01, so about
# the last 100 batches count). `ema=1` makes the average the current batch's
# own mean: the plain, biased gradient of the batch DV value. The correction reduces the
# bias; it does not remove it. The reported value is the DV bound itself in both cases.
#
# `mh.train_critics` trains several critics in one vectorised computation. Below, each
# bound is trained with 4 seeds on the same data, and MINE also with `ema=1` (3 seeds): d = 5,
# ρ = 0.6 per coordinate (true MI 1.12 nats), N = 4,000 pairs, K = 128, 600 steps. The
# inputs are padded to 20 dimensions with zero columns. The padded inputs' weights get no
# gradient and never touch the scores, so only the initialisation changes (the starting
# weights are drawn for 20 inputs, hence smaller). The padding, and 15 runs per call,
# let the next section reuse the compiled training step.

# %%
N, STEPS, D_MAX = 4000, 600, 20
BOUNDS = ["dv", "nwj", "infonce"]
NAMES = {"dv": "MINE (DV)", "nwj": "NWJ", "infonce": "InfoNCE"}
cov5 = np.block([[np.eye(5), 0.6 * np.eye(5)], [0.6 * np.eye(5), np.eye(5)]])
truth5 = mh.gaussian_blocks_mi(cov5, dx=5)
x5, y5 = mh.gaussian_blocks(N, cov5, dx=5, seed=SEED)
pad = lambda a: np.pad(a, ((0, 0), (0, D_MAX - a.shape[1])))  # noqa: E731
# 12 runs with MINE's moving average (rate 0.01) and 3 more MINE runs with ema = 1, in one computation
# (15 runs, as in each training call of section 3, which then reuses the compiled step).
all_runs = mh.train_critics([pad(x5)] * 15, [pad(y5)] * 15, bounds=[b for b in BOUNDS for _ in range(4)] + ["dv"] * 3,
                            seeds=list(range(12)) + list(range(3)), steps=STEPS, batch_size=K,
                            ema=[0.01] * 12 + [1.0] * 3)
runs, plain_dv = all_runs[:12], all_runs[12:]
by_bound = {b: runs[4 * i: 4 * i + 4] for i, b in enumerate(BOUNDS)}
print(f"true MI {truth5:.2f} nats, ln K = {math.log(K):.2f}; held-out estimates over 4 seeds (3 for ema=1)")
for label, rs in [(NAMES[b], by_bound[b]) for b in BOUNDS] + [("MINE ema=1", plain_dv)]:
    est = np.array([r.estimate for r in rs])
    batch_sd = np.mean([r.eval_values.std() for r in rs])
    print(f"{label:10s}: mean {est.mean():.2f}, seeds from {est.min():.2f} to {est.max():.2f}; "
          f"sd of the bound across held-out batches {batch_sd:.2f}")
means = {b: np.mean([r.estimate for r in rs]) for b, rs in by_bound.items()}
batch_sds = {b: np.mean([r.eval_values.std() for r in rs]) for b, rs in by_bound.items()}
assert abs(truth5 - 1.12) < 0.005 and all(truth5 - 0.3 < m for m in means.values())
assert all(r.estimate < truth5 for r in runs)
seed_ranges = [np.ptp([r.estimate for r in rs]) for rs in by_bound.values()]
optimism = np.array([r.curve[-50:].mean() - r.estimate for r in runs])
passes = STEPS * K / (N - N // 4)
print(f"last 50 training batches minus the held-out estimate: {optimism.min():.2f} to {optimism.max():.2f} nats "
      f"({passes:.0f} passes over the training pairs); runs whose last 50 training batches average above the truth: "
      f"{sum(r.curve[-50:].mean() > truth5 for r in runs)} of {len(runs)}")
assert np.all(optimism > 0) and any(r.curve[-50:].mean() > truth5 for r in runs)
assert max(seed_ranges) < 0.15 and max(batch_sds.values()) < 1.6 * min(batch_sds.values()) < 0.25
ema_gap = np.mean([r.estimate for r in by_bound["dv"]]) - np.mean([r.estimate for r in plain_dv])
print(f"MINE with the moving average minus MINE with ema = 1: {ema_gap:+.2f} nats (means of 4 and 3 seeds)")
assert abs(ema_gap) < 0.1 and all(r.estimate < truth5 for r in plain_dv)

# %%
fig, ax = plt.subplots(figsize=(6.4, 3.4))
window = np.ones(20) / 20
for b, colour in zip(BOUNDS, ("tab:blue", "tab:orange", "tab:green")):
    for j, r in enumerate(by_bound[b]):
        ax.plot(np.arange(20, STEPS + 1), np.convolve(r.curve, window, mode="valid"), color=colour, lw=1,
                alpha=0.8, label=NAMES[b] if j == 0 else None)
ax.axhline(truth5, color="black", ls="--", label="true MI")
ax.set_ylim(0.4, 1.35)  # zoomed on the truth: ln K = 4.85 is far above, the first steps start near 0
ax.set_xlabel("training step")
ax.set_ylabel("bound on a training batch (nats)")
ax.set_title("d = 5, 4 seeds per bound (20-step moving average; ln K = 4.85 off the scale)", fontsize=9)
ax.legend(fontsize=8, ncol=3)
plt.show()

# %% [markdown]
# All three reach the neighbourhood of the truth in a few hundred steps, and the held-out
# estimates stay below it (they are lower bounds, and 600 steps do not make the critic
# perfect). On the training batches the curves end higher than on the held-out rows, for
# every run, and some creep above the truth (the figure is zoomed on it): after about 26
# passes over its 3,000 training pairs the critic starts to memorise them, which is why
# the estimate is taken on held-out data. The four seeds of each bound agree to within
# 0.15 nats. At this moderate MI the three bounds are about equally noisy from one batch
# to the next (their spreads differ by less than a factor 1.6): the variance explosion of
# section 1 starts several nats higher. The panel of section 4 shows it in training.
#
# MINE's moving average makes no visible difference here: with K = 128 its held-out
# estimate is within 0.1 nats of the plain gradient's (`ema=1`), averaged over 4 and 3
# seeds. At this batch size the bias of the plain gradient is small; Belghazi et al.
# introduced the correction for small minibatches, whose mean of e^f is noisier.

# %% [markdown]
# ## 3. Growing dimension and MI: neural critics against KSG
#
# Notebook 12 showed KSG falling behind the truth as the dimension grows. A critic learns
# which directions matter, so it should suffer less, as long as the MI is moderate. Four
# settings, each with 4,000 pairs: d = 10 and 20, with a total MI of 2 nats (moderate) or
# 8 nats (large), spread evenly over the coordinates. At 2 nats each bound is trained on
# four independent data sets (seeds), and the table gives the median and the range over
# them; at 8 nats, where every estimator misses by several nats, one data set suffices
# (section 4's grid shows the same failure on other data). KSG uses all 4,000 pairs of the first data set of each
# moderate setting, with k = 3 (the usual choice) and k = 1 (less bias, more variance).
# In 20 dimensions it is the slowest computation of this notebook, so it runs on one data
# set. Its error here is bias, not noise: notebook 12 found a spread of at most 0.03 nats
# over three samples (N = 1,000, up to 16 dimensions), against the 0.2 nats or more by
# which it trails InfoNCE below. At 8 nats it is not run: with k = 3 its ceiling (next
# cell) already lies below the truth, and with k = 1 (ceiling ψ(N) − ψ(1) ≈ 8.9) it
# recovers only about a third of the truth already at 2 nats in 20 dimensions. The
# trained bounds are printed to one decimal: training amplifies last-bit differences
# between processors, most at high MI and in runs that fail (the asserts carry the
# claims).

# %%
settings = [(d, total) for d in (10, 20) for total in (2.0, 8.0)]
REPS = {2.0: 4, 8.0: 1}
rows, trained = {}, {}
jobs = [(rep, d, total) for rep in range(4) for d, total in settings if rep < REPS[total]]
for start in range(0, len(jobs), 5):  # 5 data sets x 3 bounds = 15 runs per vectorised call
    xs, ys, bound_list, seeds, meta = [], [], [], [], []
    for rep, d, total in jobs[start:start + 5]:
        si = settings.index((d, total))
        cov, _ = paired_gaussian_cov(total, d)
        x, y = mh.gaussian_blocks(N, cov, dx=d, seed=1000 * rep + si)
        row = rows.setdefault((d, total), {"truth": mh.gaussian_blocks_mi(cov, dx=d), "ksg3": [], "ksg1": [],
                                           **{b: [] for b in BOUNDS}})
        if total == 2.0 and rep == 0:  # KSG in 10-20 dimensions is the slowest step here
            row["ksg3"].append(mh.mi_ksg(x, y, k=3))
            row["ksg1"].append(mh.mi_ksg(x, y, k=1))
        for bi, b in enumerate(BOUNDS):
            xs.append(pad(x))
            ys.append(pad(y))
            bound_list.append(b)
            seeds.append(100 * rep + 10 * si + bi)
            meta.append((d, total, b, rep))
    for (d, total, b, rep), r in zip(meta, mh.train_critics(xs, ys, bounds=bound_list, seeds=seeds, steps=STEPS,
                                                            batch_size=K)):
        rows[(d, total)][b].append(r.estimate)
        trained[(d, total, b, rep)] = r

ksg_ceiling = digamma(N) - digamma(3)
assert ksg_ceiling < 8 < digamma(N) - digamma(1) < 9
print(f"N = {N}, K = {K} (ln K = {math.log(K):.2f}); KSG's ceiling psi(N) - psi(3) = {ksg_ceiling:.2f} nats")
print("each bound: median [min, max] over 4 data sets at 2 nats; one data set at 8 nats; KSG on data set 1")
print("  d | true MI | KSG k=3 | KSG k=1 |      MINE (DV)      |         NWJ         |       InfoNCE")
for (d, total), row in rows.items():
    cells = " | ".join(f"{np.median(row[m]):5.1f} [{min(row[m]):5.1f}, {max(row[m]):4.1f}]" if len(row[m]) > 1
                       else f"{row[m][0]:5.1f}{'':14s}" for m in BOUNDS)
    ksg_cell = f"{row['ksg3'][0]:7.2f} | {row['ksg1'][0]:7.2f}" if row["ksg3"] else "      - |       -"
    print(f"{d:3d} | {row['truth']:7.2f} | {ksg_cell} | {cells}")

moderate = [rows[(d, 2.0)] for d in (10, 20)]
large = [rows[(d, 8.0)] for d in (10, 20)]
best_neural = lambda row: max(np.median(row[b]) for b in BOUNDS)  # noqa: E731
share = {d: best_neural(rows[(d, 2.0)]) / 2.0 for d in (10, 20)}
nce_vs_ksg = {(d, k): np.median(rows[(d, 2.0)]["infonce"]) / np.mean(rows[(d, 2.0)][f"ksg{k}"])
              for d in (10, 20) for k in (1, 3)}
print(f"best median bound / truth at 2 nats: d = 10 {share[10]:.1f}, d = 20 {share[20]:.1f}")
print("median InfoNCE / KSG at 2 nats: " + ", ".join(f"d = {d}, k = {k}: {v:.1f}" for (d, k), v in nce_vs_ksg.items()))
assert all(min(row["infonce"]) > max(row["ksg3"] + row["ksg1"]) + 0.2 for row in moderate)
assert 0.25 < rows[(20, 2.0)]["ksg1"][0] / 2.0 < 0.4
assert all(row["ksg1"][0] > row["ksg3"][0] for row in moderate)
assert share[10] > 0.7 and 0.4 < share[20] < 0.65
assert 1.25 < nce_vs_ksg[(20, 1)] < 1.6 < nce_vs_ksg[(20, 3)] < 2.1
assert all(max(row[m]) < row["truth"] - 2.5 for row in large for m in BOUNDS) and ksg_ceiling < 7.5
assert all(max(row["infonce"]) < math.log(K) for row in large)
# MINE and NWJ end no closer to the truth than InfoNCE (within 0.1 nats), and farther below it in most cells.
assert all(row[b][0] < row["infonce"][0] + 0.1 for row in large for b in ("dv", "nwj"))
assert sum(row[b][0] < row["infonce"][0] - 0.3 for row in large for b in ("dv", "nwj")) >= 3
assert all(max(row[b]) < row["truth"] for row in moderate for b in BOUNDS)
dv_10 = sorted(rows[(10, 2.0)]["dv"])
assert dv_10[1] - dv_10[0] > 0.5 and np.ptp(dv_10[1:]) < 0.2  # one MINE run far below the other three
assert all(np.ptp(row["infonce"]) < 0.15 and max(np.ptp(row["dv"]), np.ptp(row["nwj"])) > 0.2 for row in moderate)

# %% [markdown]
# At a moderate 2 nats InfoNCE beats KSG: its lowest value over four data sets is above
# KSG's, with k = 1 as with k = 3. The best critic recovers more than 70% of the
# truth in 10 dimensions and about half of it in 20, where the median InfoNCE is about
# 1.8 times KSG with k = 3 and about 1.4 times KSG with k = 1: the ratio depends on k,
# and both KSG variants fall well short. KSG's shortfall is its
# bias in high dimension: it assumes the density is nearly uniform in each point's
# neighbourhood, and in 20 dimensions the k-th neighbour is far away, so the assumption
# fails (Gao, Ver Steeg and Galstyan 2015). MINE and NWJ are less dependable: across the
# four data sets InfoNCE varies by less than 0.15 nats, while in each dimension MINE or
# NWJ varies by more than 0.2 (one MINE run at d = 10 stops far below the other three,
# which is why the table reports medians). With 4,000 pairs and 600 steps no critic reaches the truth. At 8
# nats every estimator fails: no critic comes within 2.5 nats of the truth, and KSG with
# N = 4,000 cannot exceed ψ(N) − ψ(3) ≈ 7.4 nats whatever the dimension (notebook 12).
# InfoNCE stays under ln 128 = 4.85; MINE and NWJ have no ceiling, yet their trained
# values end as far below the truth or farther (in three of the four cells by more than
# 0.3 nats).
#
# So a critic estimates moderate MI in high dimension better than KSG, yet at d = 20 the
# best bound recovers only about half of 2 nats, and no critic repeals the ln N limit of
# notebook 12. With Gaussian data a Gaussian fit (`mh.mi_gaussian`) would be exact here;
# the critic's advantage is that it needs no such model.
#
# *Reference:* S. Gao, G. Ver Steeg, A. Galstyan, "Efficient estimation of mutual
# information for strongly dependent variables", AISTATS 2015 (PMLR 38, 277–286).

# %% [markdown]
# ## 4. Try it: batch size, true MI and critic size
#
# Training a critic takes seconds, so the panel does not train while you move a slider:
# it moves through a grid of 72 runs trained once with fixed seeds (3 batch sizes × 4
# true MI values × 2 critic widths × 3 bounds, d = 5, N = 16,000, 800 steps;
# `mi_helpers.widgets.neural.compute_training_grid` regenerates it). Each curve is the
# bound on the training batches (20-step moving average), the dashed line the truth,
# the dotted line ln K.
#
# - Set the true MI to 8 nats and move K from 16 to 256: InfoNCE climbs with ln K and
#   stays under it.
# - At 1 nat the three bounds end close together (and below the truth); at 8 nats they
#   end far apart, MINE and NWJ jumping from batch to batch.
# - At 4 nats and K = 256, compare critic widths 16 and 64: the narrow critic ends lower
#   for every bound.
#
# The axis starts at −0.5 nats; when a curve dips below it, the text under the figure
# names it and gives its lowest value.

# %%
training_panel()

# %% [markdown]
# Each cell of the grid is one training run per bound (one seed), so read a single cell
# with care. Some runs fail, and the next cell lists them: MINE with the narrow critic at
# 8 nats ends *below zero* at every K, and several NWJ training curves plunge far below
# the axis before they recover. These are failures of the optimisation, not the
# batch-to-batch spread of section 1: the gradients of MINE and NWJ carry e^f, which
# explodes when the critic overshoots on a few pairs, and one bad step can throw the
# critic far off. A trained MINE or NWJ value deserves trust only when several seeds
# agree.
#
# The numbers behind these suggestions, from the same grid:

# %%
from mi_helpers.widgets.neural import load_training_grid  # noqa: E402

grid = load_training_grid()
i8, wide = list(grid["mi"]).index(8.0), list(grid["hidden"]).index(64)
for a, k in enumerate(grid["batch"]):
    est = grid["estimate"][a, i8, wide]
    print(f"K = {k:3d}: ln K = {math.log(k):.2f}; held-out InfoNCE {est[2]:.2f}, MINE {est[0]:.2f}, NWJ {est[1]:.2f} "
          f"nats (truth 8)")
nce_k = grid["estimate"][:, i8, wide, 2]
spread = np.ptp(grid["estimate"], axis=3)  # max - min over the three bounds, per (K, MI, width)
i1, i4, a256, narrow = list(grid["mi"]).index(1.0), list(grid["mi"]).index(4.0), 2, list(grid["hidden"]).index(16)
print(f"largest gap between the three bounds at 1 nat: {spread[:, i1].max():.2f} nats; "
      f"smallest gap at 8 nats: {spread[:, i8].min():.2f} nats")
print(f"K = 256, 4 nats: width 16 ends at {np.round(grid['estimate'][a256, i4, narrow], 2)}, "
      f"width 64 at {np.round(grid['estimate'][a256, i4, wide], 2)} nats (MINE, NWJ, InfoNCE)")
assert np.all(np.diff(nce_k) > 0.5) and np.all(nce_k < np.log(grid["batch"]))
assert spread[:, i1].max() < 0.3 and grid["estimate"][:, i1].max() < 1.0
assert spread[:, i8].min() > 0.5 and grid["estimate"][:, i8].max() < 8 - 2.5
assert grid["curves"].shape[:4] == (3, 4, 2, 3)  # 3 batch sizes x 4 true MI x 2 widths x 3 bounds = 72 runs
assert np.all(grid["estimate"][a256, i4, narrow] < grid["estimate"][a256, i4, wide])
mine_narrow_8 = grid["estimate"][:, i8, narrow, 0]
lowest = grid["curves"].min(axis=-1)  # (batch, mi, width, bound): lowest point of each training curve
nwj_dips = np.argwhere(lowest[..., 1] < -0.5)
print(f"MINE, width 16, 8 nats: held-out {np.round(mine_narrow_8, 2)} nats at K = {[int(k) for k in grid['batch']]}")
print(f"NWJ curves below the axis (-0.5 nats): {len(nwj_dips)} of 24, lowest {lowest[..., 1].min():.1f} nats; "
      f"InfoNCE curves below it: {int(np.sum(lowest[..., 2] < -0.5))}")
assert np.all(mine_narrow_8 < 0) and len(nwj_dips) >= 3 and lowest[..., 1].min() < -10
assert np.all(lowest[..., 2] > -0.5)

# %% [markdown]
# ## Pitfall: reading InfoNCE as the MI, and comparing bounds across batch sizes
#
# Papers and code report "the MI" of a representation as the InfoNCE value reached in
# training, and compare models trained with different batch sizes. Both are mistakes.
# Below, two critics (the InfoNCE critics of section 3 for d = 20, true MI 2 and 8 nats,
# trained with K = 128) are *evaluated* at several batch sizes on fresh data: the critic
# is the same, the data distribution is the same, only K changes.

# %%
critics = {total: trained[(20, total, "infonce", 0)] for total in (2.0, 8.0)}
covs = {total: paired_gaussian_cov(total, 20) for total in (2.0, 8.0)}
fresh = {total: mh.gaussian_blocks(8192, c, dx=20, seed=7) for total, (c, _) in covs.items()}
print("InfoNCE evaluated with different batch sizes on 8,192 fresh pairs, d = 20 (nats)")
print("   K | ln K | trained critic, MI 2 | optimal critic, MI 2 | trained critic, MI 8")


def infonce_at(blocks, k):
    """InfoNCE at batch size k from the score matrices of consecutive chunks of pairs: the k x k blocks on the
    diagonal of each chunk's matrix are the score matrices of its consecutive batches of k pairs."""
    m = blocks[0].shape[0] // k
    return mh.variational_bound(np.concatenate([s.reshape(m, k, m, k)[np.arange(m), :, np.arange(m)] for s in blocks]),
                                "infonce")


# Score matrices of chunks of 1,024 fresh pairs; every batch size below reads its batches from them.
chunks = {total: list(zip(x.reshape(-1, 1024, 20), y.reshape(-1, 1024, 20))) for total, (x, y) in fresh.items()}
score_blocks = (
    [mh.critic_scores(critics[2.0], pad(a), pad(b)) for a, b in chunks[2.0]],
    [mh.gaussian_log_ratio(a, b, covs[2.0][1]) for a, b in chunks[2.0]],
    [mh.critic_scores(critics[8.0], pad(a), pad(b)) for a, b in chunks[8.0]],
)
pitfall = {}
for k in (16, 64, 256, 1024):
    trained_2, optimal_2, trained_8 = (infonce_at(blocks, k) for blocks in score_blocks)
    pitfall[k] = (trained_2, optimal_2, trained_8)
    print(f"{k:4d} | {math.log(k):4.2f} | {trained_2:20.2f} | {optimal_2:20.2f} | {trained_8:20.1f}")
column = {name: np.array([v[i] for v in pitfall.values()]) for i, name in enumerate(("trained 2", "optimal 2", "trained 8"))}
assert column["trained 8"][-1] - column["trained 8"][0] > 1.5 and all(v[2] < math.log(k) for k, v in pitfall.items())
assert np.ptp(column["trained 2"]) < 0.1 and column["trained 2"].max() < 1.2
assert optimal[10.0]["dv"][0] > 25  # section 1's DV overshoot, cited in the text below
assert np.ptp(column["optimal 2"]) > 0.4 and np.all(np.diff(column["optimal 2"]) > 0) and abs(column["optimal 2"][-1] - 2) < 0.1
assert np.all(np.diff(column["trained 8"]) > 0) and column["trained 2"][-1] < column["trained 2"][2]  # "The fix" below

# %% [markdown]
# **Why it is wrong.** InfoNCE is a lower bound whose value depends on K: the same
# critic on the same distribution reports more than 1.5 nats more at K = 1,024 than at
# K = 16 when the truth is 8. At a true 2 nats the trained critic's value hardly moves
# with K (by less than 0.1 nats), but only because this critic captures about 1 nat: the
# *optimal* critic on the same data gains more than 0.4 nats from K = 16 to K = 1,024,
# where it reaches about the truth. What decides how much K matters is the information
# the critic captures, compared with ln K, not the true MI. An InfoNCE of 4.5 nats at
# K = 128 says "at least 4.5 nats, and possibly far more"; a model trained with a larger
# batch may look "more informative" only because its ceiling is higher.
#
# **The fix.** Report K and ln K with every InfoNCE value and compare models only at the
# same K. To get the most from a trained critic, evaluate it with as many negatives as
# the held-out data allow: for a good critic this usually raises the bound (the 8-nat
# critic and the optimal critic above gain at every step), but not always, since for a
# fixed critic InfoNCE need not grow with K (the 2-nat critic ends a little lower at
# K = 1,024 than at K = 256). Check the whole
# procedure on data with a known MI of the same size and dimension, as this notebook does.
# And accept the limit: no estimator certifies a large MI from N samples (McAllester and
# Stratos 2020). Bounds without the ln K cap do not escape it: DV's batch value overshoots
# at high MI (over 25 nats for a true 10 in section 1), and NWJ's sample spread understates
# its true spread by orders of magnitude. Between the extremes, Poole et al. (2019)
# interpolate between InfoNCE and NWJ (the bound I_α), and Song and Ermon (2020) clip
# the critic's scores (SMILE) to trade a little bias for much less variance.

# %% [markdown]
# ## Exercises
#
# Each solution sits in a collapsed cell below its exercise, its code and its output
# both hidden so the answer is not spoiled: click the collapsed cell (or its three dots)
# to open it once you have tried.
#
# **Exercise 1.** How fast does the noise of NWJ grow with the MI? With the optimal
# critic (`mh.gaussian_log_ratio`, plus 1 for NWJ), compute the standard deviation of
# the NWJ bound across 200 batches of K = 128 for a one-dimensional Gaussian pair with
# true MI 2, 4, 6, 8 and 10 nats. By what factor does the spread grow for each extra
# nat, first between 2 and 6 nats, then between 6 and 10? Compare with the same factors
# for the closed-form sd of section 1.

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
mis_ex = [2.0, 4.0, 6.0, 8.0, 10.0]
sds, true_sds = [], []
for i, target in enumerate(mis_ex):
    r = math.sqrt(1 - math.exp(-2 * target))
    x, y = mh.correlated_gaussian(200 * 128, r, seed=50 + i)
    vals = [mh.nwj_bound(mh.gaussian_log_ratio(a, b, r) + 1.0) for a, b in zip(x.reshape(200, 128), y.reshape(200, 128))]
    sds.append(np.std(vals))
    true_sds.append(math.sqrt(r**2 / 128 + math.expm1(2 * target) / (128 * 127)))  # closed form of section 1
print("sd of NWJ across batches, sample of 200 (closed form):",
      ", ".join(f"{m:.0f} nats: {s_:.2f} ({t_:.3g})" for m, s_, t_ in zip(mis_ex, sds, true_sds)))
factor = lambda v, a, b: (v[b] / v[a]) ** (1 / (mis_ex[b] - mis_ex[a]))  # noqa: E731  growth per extra nat
early, late = factor(sds, 0, 2), factor(sds, 2, 4)
true_early, true_late = factor(true_sds, 0, 2), factor(true_sds, 2, 4)
print(f"factor per extra nat, 2 -> 6 nats: sample {early:.2f}, closed form {true_early:.2f}; "
      f"6 -> 10 nats: sample {late:.2f}, closed form {true_late:.2f} (e = {math.e:.2f})")
print("The true spread grows by a factor approaching e per nat. The variance of the off-diagonal mean of\n"
      "e^f is (E_Q[(p/q)^2] - 1) / (K(K - 1)) = (e^(2I) - 1) / (K(K - 1)) for this Gaussian pair, so its sd\n"
      "grows like e^I, and no fixed batch size keeps up (between 2 and 6 nats the diagonal's share\n"
      "rho^2 / K still counts, hence the smaller factor). The sample sd of 200 batches grows far more\n"
      "slowly: it misses the rare batches that carry the spread, and at 10 nats it is about 1% of the\n"
      "true sd. Judged by its sample sd, NWJ looks far more stable than it is.")
assert late > early > 1 and true_early > 1.5 * early and true_late > 1.5 * late
assert abs(true_late - math.e) < 0.05 and 0.005 < sds[-1] / true_sds[-1] < 0.02

# %% [markdown]
# **Exercise 2.** How large a batch does InfoNCE need? With the optimal critic and a
# one-dimensional Gaussian pair whose true MI is 3 nats, compute InfoNCE (over 16,384
# pairs cut into batches) for K = 8, 16, ..., 1,024 and find the smallest K at which it
# reaches 90% of the truth.

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
r3 = math.sqrt(1 - math.exp(-6.0))
x, y = mh.correlated_gaussian(16384, r3, seed=60)
for k in 2 ** np.arange(3, 11):
    s = np.stack([mh.gaussian_log_ratio(a, b, r3) for a, b in zip(x.reshape(-1, k), y.reshape(-1, k))])
    value = mh.variational_bound(s, "infonce")
    print(f"K = {k:5d}: InfoNCE {value:.2f} nats (ln K = {np.log(k):.2f}, truth 3)")
    if value >= 0.9 * 3:
        print(f"-> first K with at least 90% of the truth: {k}. Since InfoNCE <= ln K, K must exceed\n"
              f"   e^2.7 = {math.exp(2.7):.0f} at the very least; in practice several times more.")
        break

# %% [markdown]
# **Exercise 3.** Does a critic need a large training batch, or only a large evaluation
# batch? Train InfoNCE critics (`mh.train_critics`, 3 seeds per setting) on the same
# 8,000 pairs of a one-dimensional Gaussian pair with true MI 3 nats: with K = 16 and
# with K = 256 for 300 steps each, and with K = 16 for 4,800 steps (as many pairs seen
# as 300 steps at K = 256). Evaluate every critic on the same 4,096 fresh pairs at
# K = 16 and at K = 1,024, and compare with ln K, the optimal critic and the truth.

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
r_ex3 = math.sqrt(1 - math.exp(-6.0))
x_tr, y_tr = mh.correlated_gaussian(8000, r_ex3, seed=70)
x_new, y_new = mh.correlated_gaussian(4096, r_ex3, seed=71)

pairs_new = list(zip(x_new.reshape(-1, 1024), y_new.reshape(-1, 1024)))
ex3 = {}
for k_train, steps_ex3 in ((16, 300), (256, 300), (16, 4800)):
    critics_ex3 = mh.train_critics([x_tr[:, None]] * 3, [y_tr[:, None]] * 3, bounds="infonce", seeds=[3, 4, 5],
                                   batch_size=k_train, steps=steps_ex3)
    blocks = [[mh.critic_scores(c, a, b) for a, b in pairs_new] for c in critics_ex3]
    ex3[(k_train, steps_ex3)] = {k: np.array([infonce_at(bl, k) for bl in blocks]) for k in (16, 1024)}
optimal_ex3 = {k: infonce_at([mh.gaussian_log_ratio(a, b, r_ex3) for a, b in pairs_new], k) for k in (16, 1024)}
print("InfoNCE on the same fresh pairs, nats: mean [min, max] over 3 seeds (truth 3; ln 16 = 2.77, ln 1024 = 6.93)")
for (k_train, steps_ex3), v in ex3.items():
    print(f"trained with K = {k_train:3d}, {steps_ex3:4d} steps ({k_train * steps_ex3:6,d} pairs seen): " + ", ".join(
        f"at K = {k} {v[k].mean():.2f} [{v[k].min():.2f}, {v[k].max():.2f}]" for k in (16, 1024)))
print(f"optimal critic (log density ratio):               at K = 16 {optimal_ex3[16]:.2f}, "
      f"at K = 1024 {optimal_ex3[1024]:.2f}")
print("With the same 300 steps, the critic trained with K = 256 is better at either evaluation K, for\n"
      "every seed: each of its steps sees 16 times more pairs. Given as many pairs (4,800 steps), the\n"
      "critic trained with K = 16 does at least as well (better on average here). So the small training\n"
      "batch does not cap what the critic learns; it gives less training signal per step. Every critic\n"
      "here gains from 1,024 negatives at evaluation, and none reaches the optimal critic. Train on as\n"
      "many pairs as you can afford, and evaluate with as many negatives as the held-out data allow.")
small, large, long = ex3[(16, 300)], ex3[(256, 300)], ex3[(16, 4800)]
assert all(large[k].min() > small[k].max() for k in (16, 1024))
assert all(long[k].mean() > large[k].mean() for k in (16, 1024))
assert all(np.all(v[1024] > v[16]) for v in ex3.values())
assert all(v[k].max() < optimal_ex3[k] for v in ex3.values() for k in (16, 1024))

# %% [markdown]
# ## Summary
#
# - A critic f turns MI estimation into optimisation: E_P[f] − ln E_Q[e^f] (DV, MINE),
#   E_P[f] − e⁻¹ E_Q[e^f] (NWJ) and InfoNCE are all lower bounds, computed from the
#   K × K score matrix of a batch.
# - InfoNCE is precise but can never exceed ln K. For a fixed critic, NWJ's batch value
#   is unbiased for its bound and DV's is biased upward; with the optimal critic on a
#   Gaussian pair the variance of both grows like e^(2I)/K², so at high MI a sample sd
#   understates the true spread and DV overshoots.
#   Trained MINE and NWJ runs can also fail outright. No lower bound escapes the O(ln N)
#   limit of McAllester and Stratos.
# - With enough data, a small trained critic estimates a moderate MI in 10–20 dimensions
#   better than KSG (about half of 2 nats at d = 20, against a third to a quarter for
#   KSG); at large MI every estimator falls far short of the truth.
# - An InfoNCE value is "at least this much", tied to its batch size: report K and ln K,
#   compare only at equal K, and evaluate with as many negatives as the data allow
#   (for a good critic this usually, not always, raises the bound).
#
# [← Previous: 12 Limitations](12_limitations.ipynb) · **13 Neural estimators** · [Course overview](../README.md)
