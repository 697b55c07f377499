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
# # 07 · Comparing clusterings: MI, NMI and AMI
#
# [← Previous: 06 Decision trees](06_decision_trees.ipynb) · **07 Clustering** · [Next: 08 NLP →](08_nlp.ipynb)
#
# A clustering algorithm hands back one label per sample. To judge it against known
# classes, or against another clustering, we compare two labelings of the same samples.
# Mutual information does that naturally: it asks how much knowing a sample's cluster
# tells you about its class, and it does not care what the clusters are called.
# Raw MI has no fixed scale, so it is normalised (NMI), and NMI has a flaw that
# matters in practice: it rewards chance agreement. The adjusted score (AMI) removes it.
# What no score does is tell you the right number of clusters, and this notebook shows
# that too.
#
# **You will learn to**
#
# - compute the MI of two labelings from their contingency table;
# - normalise it four ways, and recognise V-measure, NID and the variation of information as relatives;
# - see that random labelings get a large NMI when there are many clusters, and when the bias formula explains it;
# - compute the expected MI under random permutation and the AMI that subtracts it;
# - score KMeans on synthetic blobs and on handwritten digits, and see why AMI cannot choose k.
#
# **Time:** about 40 minutes.

# %% [markdown]
# ## Setup
#
# The scores come from `mi_helpers.clustering`; scikit-learn's versions are used only
# to check them. Every random draw below is seeded. KMeans is limited to one thread:
# on a few thousand points, starting threads costs more than it saves, and the result
# then cannot depend on how many cores your machine has.

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits, make_blobs
from sklearn.metrics import (
    adjusted_mutual_info_score,
    adjusted_rand_score,
    homogeneity_completeness_v_measure,
    normalized_mutual_info_score,
    v_measure_score,
)
from sklearn.metrics.cluster import contingency_matrix
from threadpoolctl import threadpool_limits

import mi_helpers as mh
from mi_helpers.clustering import (
    AVERAGES,
    adjusted_rand_index,
    ami,
    chance_scores,
    expected_mutual_information,
    nid,
    nmi,
    random_labels,
    variation_of_information,
)
from mi_helpers.widgets.clustering import kmeans_blobs_panel, kmeans_blobs_scores

SEED = 0
rng = np.random.default_rng(SEED)
one_thread = threadpool_limits(limits=1)  # after importing sklearn.cluster, so it covers KMeans's OpenMP threads

# %% [markdown]
# ## 1. Two labelings share information
#
# Take 12 animals of three species and a clustering that groups them into three
# clusters, with two mistakes. The **contingency table** counts how many samples fall
# in each (class, cluster) pair; divided by N it is a joint distribution, and its MI is
# the MI of the two labelings:
#
# $$ I(U;V) = \sum_{i,j} \frac{n_{ij}}{N} \ln \frac{N\, n_{ij}}{a_i\, b_j}, $$
#
# where $a_i$ and $b_j$ are the row and column sums (the class and cluster sizes).

# %%
species = np.array(["cat"] * 4 + ["dog"] * 4 + ["fox"] * 4)
cluster = np.array([0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 0])
print("contingency table (rows: cat, dog, fox; columns: clusters 0, 1, 2)")
print(contingency_matrix(species, cluster))
mi = mh.mi_discrete(species, cluster)
h_u, h_v = mh.entropy_discrete(species), mh.entropy_discrete(cluster)
print(f"I(species; cluster) = {mi:.4f} nats, H(species) = {h_u:.4f}, H(cluster) = {h_v:.4f} nats")

# %% [markdown]
# Cluster names carry no meaning, so MI ignores them: renaming the clusters
# (0 → "b", 1 → "c", 2 → "a") permutes the columns of the table and leaves MI unchanged.

# %%
renamed = np.array(["b", "c", "a"])[cluster]
mi_renamed = mh.mi_discrete(species, renamed)
assert mi_renamed == mi
print(f"MI after renaming the clusters: {mi_renamed:.4f} nats")

# %% [markdown]
# ## 2. Normalised MI, four ways
#
# MI is bounded by both entropies, I(U;V) ≤ min(H(U), H(V)), so dividing by a mean of
# the two puts it on a 0-to-1 scale (unitless: the log base cancels). Which mean is a
# choice, and the literature uses all four (Vinh, Epps & Bailey, *JMLR* 11, 2010,
# compare them side by side):
#
# $$ \mathrm{NMI} = \frac{I(U;V)}{\operatorname{mean}\big(H(U), H(V)\big)},
#    \quad \operatorname{mean} \in \{\text{arithmetic}, \text{geometric}, \max, \min\}. $$
#
# A larger mean gives a smaller score, so NMI_max ≤ NMI_arithmetic ≤ NMI_geometric ≤
# NMI_min. Below, each is computed by `mi_helpers.clustering.nmi` and by scikit-learn,
# for our clustering and for a finer one that splits every species into two clusters of two.

# %%
fine = np.array([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
nmi_three = {average: nmi(species, cluster, average=average) for average in AVERAGES}
nmi_fine = {average: nmi(species, fine, average=average) for average in AVERAGES}
for average in AVERAGES:
    theirs = normalized_mutual_info_score(species, cluster, average_method=average)
    theirs_fine = normalized_mutual_info_score(species, fine, average_method=average)
    assert abs(nmi_three[average] - theirs) < 1e-12 and abs(nmi_fine[average] - theirs_fine) < 1e-12
    print(f"NMI ({average:10s}): 3 clusters {nmi_three[average]:.4f} (sklearn {theirs:.4f}) | 6 clusters {nmi_fine[average]:.4f} (sklearn {theirs_fine:.4f})")
spread_three = max(nmi_three.values()) - min(nmi_three.values())
print(f"spread of the four: {spread_three:.3f} for 3 clusters, {max(nmi_fine.values()) - min(nmi_fine.values()):.3f} for 6")
assert spread_three < 0.02 and (round(h_u, 3), round(h_v, 3)) == (1.099, 1.078)

# Three clusters again, but one of them takes 90% of the samples: the two entropies now differ.
lop_rng = np.random.default_rng(SEED + 1)
u3 = lop_rng.integers(0, 3, 300)  # three equal classes
v3 = np.where(lop_rng.random(300) < 0.9, 0, u3)  # three clusters, one dominant
h_u3, h_v3 = mh.entropy_discrete(u3), mh.entropy_discrete(v3)
nmi_lop = {average: nmi(u3, v3, average=average) for average in AVERAGES}
print(f"3 classes vs 3 lopsided clusters, H = {h_u3:.3f} and {h_v3:.3f} nats: "
      + ", ".join(f"{average} {value:.3f}" for average, value in nmi_lop.items()))
assert len(np.unique(v3)) == 3 and h_u3 - h_v3 > 0.5 and nmi_lop["min"] > 3 * nmi_lop["max"]
assert abs(nmi_fine["max"] - 0.613) < 0.001 and nmi_fine["min"] == 1.0
assert abs(nmi_fine["geometric"] - 0.783) < 5e-4 and abs(nmi_fine["arithmetic"] - 0.760) < 5e-4

# %% [markdown]
# When the two entropies are close (here 1.099 and 1.078 nats, section 1) the four means
# are close, and so are the four scores: they span less than 0.02. What matters is how far
# apart the entropies are, not the number of clusters: the last line pairs three equal
# classes with three clusters of which one holds 90% of the samples, and NMI_min is more
# than three times NMI_max. For the finer clustering they range from 0.61 to 1: the six
# clusters determine the species, so I = H(species), and the min version calls that a
# perfect score even though the clustering has twice as many clusters as there are
# species. Always say which normalisation you report.
#
# **Defaults changed, so old numbers differ.** scikit-learn's `normalized_mutual_info_score`
# used the geometric mean until version 0.22 and `adjusted_mutual_info_score` (section 4)
# used the max; both default to the arithmetic mean since 0.22. A paper written with an
# older scikit-learn may report the geometric NMI, 0.783 instead of 0.760 for the six
# clusters above, and neither number is wrong.

# %% [markdown]
# ### Relatives of NMI: V-measure, NID and the variation of information
#
# Three other scores you will meet are built from the same three quantities, I, H(U) and H(V).
#
# - **V-measure** (Rosenberg & Hirschberg, *EMNLP-CoNLL* 2007) is the harmonic mean of
#   *homogeneity* h = I / H(class) (each cluster holds one class) and *completeness*
#   c = I / H(cluster) (each class sits in one cluster). Algebra shows
#   2hc / (h + c) = 2I / (H(U) + H(V)): V-measure **is** NMI with the arithmetic mean.
# - **NID**, the normalised information distance 1 − I / max(H(U), H(V)) = 1 − NMI_max.
#   Vinh, Epps & Bailey recommend it, and AMI with the max normaliser as its
#   chance-corrected version: it is a true metric (it obeys the triangle inequality),
#   while 1 − NMI with the arithmetic, geometric or min mean is not.
# - **Variation of information** (Meilă, *J. Multivariate Analysis* 98, 2007),
#   VI = H(U|V) + H(V|U) = H(U) + H(V) − 2I, in nats: the information lost plus the
#   information gained in moving from one clustering to the other. Also a metric; it is
#   not normalised, and lies between 0 and ln N.
# - **Joint normalisation** I / H(U, V), with the joint entropy H(U, V) = H(U) + H(V) − I
#   in the denominator (Vinh, Epps & Bailey list it beside the four means). Its distance
#   1 − I / H(U, V) = VI / H(U, V) is VI put on a 0-to-1 scale, and it too is a metric.

# %%
for name, labels in (("3 clusters", cluster), ("6 clusters", fine)):
    h, c, v = homogeneity_completeness_v_measure(species, labels)
    assert abs(v - v_measure_score(species, labels)) < 1e-12
    mi_l = mh.mi_discrete(species, labels)
    assert abs(h - mi_l / h_u) < 1e-12 and abs(c - mi_l / mh.entropy_discrete(labels)) < 1e-12
    assert abs(v - nmi(species, labels, average="arithmetic")) < 1e-12
    print(
        f"{name}: homogeneity {h:.4f}, completeness {c:.4f}, V-measure {v:.4f} = NMI_arithmetic {nmi(species, labels):.4f} | "
        f"NID {nid(species, labels):.4f}, VI {variation_of_information(species, labels):.4f} nats"
    )
assert nid(species, cluster) < nid(species, fine) and variation_of_information(species, fine) < variation_of_information(species, cluster)
assert abs(homogeneity_completeness_v_measure(species, fine)[0] - 1) < 1e-12 and abs(variation_of_information(species, fine) - np.log(2)) < 1e-12

# %% [markdown]
# The six clusters are perfectly homogeneous (h = 1) but their completeness is only 0.61.
# The scores do not even agree on which clustering is closer to the species: NID prefers
# the three clusters, VI the six (VI charges the split only ln 2 nats, the information
# needed to say which half of its species a sample is in).
#
# The metric property is not a formality. Here are three labelings of six samples: `a`
# isolates sample 5, `c` isolates sample 4, and `b` isolates both. By 1 − NMI with the
# arithmetic, geometric or min mean, `a` and `c` are further apart than the detour
# through `b`; NID, VI and the joint distance obey the triangle inequality.

# %%
a = np.array([0, 0, 0, 0, 1, 0])
b = np.array([2, 2, 2, 0, 1, 2])
c = np.array([1, 1, 1, 2, 1, 1])
distances = {f"1 - NMI_{m}": (lambda u, v, m=m: 1 - nmi(u, v, average=m)) for m in ("arithmetic", "geometric", "min")}
distances.update({"NID = 1 - NMI_max": nid, "VI (nats)": variation_of_information})
distances["1 - I/H(U,V)"] = lambda u, v: variation_of_information(u, v) / mh.entropy_discrete(np.stack([u, v], axis=1))
holds = {}
for name, dist in distances.items():
    direct, detour = dist(a, c), dist(a, b) + dist(b, c)
    holds[name] = direct <= detour + 1e-12
    print(f"{name:18s}: d(a, c) = {direct:.3f}, d(a, b) + d(b, c) = {detour:.3f} -> triangle {'holds' if holds[name] else 'BROKEN'}")
assert holds == {"1 - NMI_arithmetic": False, "1 - NMI_geometric": False, "1 - NMI_min": False,
                 "NID = 1 - NMI_max": True, "VI (nats)": True, "1 - I/H(U,V)": True}

# %% [markdown]
# ## 3. The chance problem: NMI of random labelings
#
# Two labelings drawn independently at random share no information: the true MI is
# exactly 0. But MI computed from N samples is a plug-in estimate, biased upwards, and
# NMI inherits the bias.
#
# The figure draws 20 pairs of random labelings for each number of clusters k (both
# labelings get k clusters) and three sample sizes, and plots the mean NMI and AMI
# (the adjusted score of section 4).

# %%
cluster_counts = [2, 5, 10, 20, 50, 100]
sample_sizes = [100, 500, 2000]
chance = {n: chance_scores(n, cluster_counts, n_repeats=20, seed=SEED + i) for i, n in enumerate(sample_sizes)}

fig, ax = plt.subplots(figsize=(6.4, 3.6))
for (n, res), colour in zip(chance.items(), ["C0", "C1", "C2"]):
    ax.plot(cluster_counts, res["nmi"].mean(axis=1), "o-", color=colour, label=f"NMI, N = {n}")
    ax.plot(cluster_counts, res["ami"].mean(axis=1), "s--", color=colour, label=f"AMI, N = {n}")
ax.axhline(0.0, color="black", lw=0.8)
ax.set_xscale("log")
ax.set_xticks(cluster_counts, [str(k) for k in cluster_counts])
ax.minorticks_off()
ax.set_xlabel("number of clusters k in each random labeling")
ax.set_ylabel("mean score over 20 pairs")
ax.set_title("Independent random labelings: true MI = 0")
ax.legend(ncol=2, fontsize=8)
plt.show()

for n, res in chance.items():
    print(f"N = {n:4d}, k = 100: mean NMI = {res['nmi'][-1].mean():.3f}, mean AMI = {res['ami'][-1].mean():+.4f} (truth 0 for both)")
worst_ami = max(np.abs(res["ami"].mean(axis=1)).max() for res in chance.values())
print(f"largest |mean AMI| anywhere in the figure: {worst_ami:.4f}")
assert chance[100]["nmi"][-1].mean() > 0.8 and chance[2000]["nmi"][-1].mean() > 0.3
assert worst_ami < 0.01

# %% [markdown]
# With 100 clusters on 100 samples most clusters hold one or two samples, so each
# labeling nearly identifies the sample and "explains" the other by accident: the mean
# NMI is above 0.8. Even at N = 2000 the random NMI at k = 100 is above 0.3. AMI stays
# within 0.01 of 0 throughout.
#
# **How big is the bias?** Notebook 04 gave the first-order formula
# (R − 1)(C − 1)/(2N) nats for R and C clusters. It comes from a Taylor expansion that
# assumes every cell of the R × C table expects many samples. The exact expected MI
# (section 4 computes it) shows where that holds: the table compares them for the
# random labelings above, with ln k, the most MI a k-cluster labeling can hold.

# %%
print("   N     k  samples/cell  formula (nats)  exact E[I] (nats)  formula / exact   ln k")
ratio_ok, ratio_one = [], []
for n, res in chance.items():
    for i, k in enumerate(cluster_counts):
        formula = (k - 1) ** 2 / (2 * n)
        exact = res["emi"][i].mean()
        print(f"{n:4d}  {k:4d}  {n / k**2:12.2f}  {formula:14.4f}  {exact:17.4f}  {formula / exact:15.2f}  {np.log(k):5.2f}")
        if n / k**2 >= 4:
            ratio_ok.append(formula / exact)
        if 0.5 <= n / k**2 <= 1.5:
            ratio_one.append(formula / exact)
print(f"where N >= 4 k^2 (4+ samples per cell): formula / exact between {min(ratio_ok):.3f} and {max(ratio_ok):.3f}")
print(f"around one sample per cell: formula / exact between {min(ratio_one):.3f} and {max(ratio_one):.3f}")
assert all(abs(r - 1) < 0.1 for r in ratio_ok) and all(0.84 < r < 0.9 for r in ratio_one)
assert (100 - 1) ** 2 / 200 > 10 * np.log(100) and np.log(100) > chance[100]["emi"][-1].mean()

# %% [markdown]
# Where the table has at least four samples per cell on average (N ≥ 4RC), the formula
# is within 10% of the exact value. Around one sample per cell it runs 10-16% low,
# and beyond that it grows without limit: for N = 100 and k = 100 it claims 49 nats,
# more than ten times ln 100 = 4.6 nats, the most any labeling of 100 samples can share. The
# exact expectation saturates below ln k instead. Use the formula only for tables that
# are well filled; otherwise compute E[I].

# %% [markdown]
# ## 4. Expected MI and the adjusted score
#
# Vinh, Epps & Bailey (*JMLR* 11, 2837–2854, 2010) correct for chance by subtracting the
# MI that two labelings *with these cluster sizes* share on average when the samples
# are paired at random. Keep the class sizes $a_i$ and the cluster sizes $b_j$ fixed and
# shuffle: each cell $n_{ij}$ of the contingency table is then hypergeometric, and
#
# $$ \mathbb{E}[I] = \sum_{i,j} \sum_{n_{ij}=\max(1,\, a_i+b_j-N)}^{\min(a_i,\, b_j)}
#    \frac{n_{ij}}{N} \ln\frac{N\, n_{ij}}{a_i b_j}\;
#    \frac{\binom{a_i}{n_{ij}} \binom{N-a_i}{b_j-n_{ij}}}{\binom{N}{b_j}} . $$
#
# `expected_mutual_information` evaluates this sum exactly. Check it against a
# simulation of the same model: shuffle one labeling 2,000 times and average the MI.

# %%
emi_exact = expected_mutual_information(species, cluster)
shuffled = np.array([mh.mi_discrete(species, rng.permutation(cluster)) for _ in range(2000)])
emi_sim, emi_se = shuffled.mean(), shuffled.std() / np.sqrt(len(shuffled))
print(f"E[I] exact (hypergeometric sum): {emi_exact:.4f} nats")
print(f"mean MI over 2,000 shuffles:     {emi_sim:.4f} ± {emi_se:.4f} nats")
print(f"observed MI:                     {mi:.4f} nats; E[I] / MI = {emi_exact / mi:.2f}")
assert abs(emi_sim - emi_exact) < 4 * emi_se
assert 0.3 < emi_exact / mi < 0.36

# %% [markdown]
# A third of the observed MI of the toy example is what shuffled labels would reach
# anyway. The **adjusted mutual information** rescales so that chance scores 0 and a
# perfect match scores 1:
#
# $$ \mathrm{AMI} = \frac{I - \mathbb{E}[I]}{\operatorname{mean}(H(U), H(V)) - \mathbb{E}[I]} . $$
#
# It can dip slightly below 0 when a labeling agrees less than chance would. As for
# NMI, the mean is a choice. scikit-learn uses the arithmetic mean since version 0.22
# and used the max before; Vinh, Epps & Bailey recommend the max (AMI_max is the
# chance-corrected NID).

# %%
for average in AVERAGES:
    ours = ami(species, cluster, average=average)
    theirs = adjusted_mutual_info_score(species, cluster, average_method=average)
    assert abs(ours - theirs) < 1e-12
    print(f"AMI ({average:10s}) = {ours:.4f}   sklearn: {theirs:.4f}   (NMI {nmi(species, cluster, average=average):.4f})")

# %% [markdown]
# ## 5. KMeans on blobs
#
# Now a real clustering task: 600 points from four Gaussian blobs (`make_blobs`, seeded)
# clustered by KMeans. KMeans starts from random centres, so `random_state` and the
# number of restarts `n_init` are both set. Three scores compare its labels with the
# true blobs: NMI, AMI and the adjusted Rand index (ARI, Hubert & Arabie 1985,
# `adjusted_rand_index`), which counts agreeing pairs of samples instead of information
# and is also chance-corrected.

# %%
centres = [[-4.0, -2.5], [3.5, -3.5], [-2.5, 4.0], [4.0, 3.0]]
x_blobs, y_blobs = make_blobs(n_samples=600, centers=centres, cluster_std=1.5, random_state=SEED)
blob_scores = {}
for k in (2, 4, 8):
    pred = KMeans(n_clusters=k, n_init=3, random_state=SEED).fit_predict(x_blobs)
    blob_scores[k] = (nmi(y_blobs, pred), ami(y_blobs, pred), adjusted_rand_index(y_blobs, pred))
    assert abs(blob_scores[k][2] - adjusted_rand_score(y_blobs, pred)) < 1e-12  # scikit-learn agrees
    print(f"KMeans k = {k}: NMI = {blob_scores[k][0]:.3f}, AMI = {blob_scores[k][1]:.3f}, ARI = {blob_scores[k][2]:.3f}")
assert min(blob_scores[4]) > 0.9 and all(max(blob_scores[k]) < 0.85 for k in (2, 8))
drop = [blob_scores[4][j] - blob_scores[8][j] for j in range(3)]
print(f"from k = 4 to k = 8 the scores drop by: NMI {drop[0]:.3f}, AMI {drop[1]:.3f}, ARI {drop[2]:.3f}")
assert drop[2] > 1.8 * max(drop[0], drop[1])

# %% [markdown]
# With the right k all three scores are above 0.9. Too few clusters (k = 2) merge blobs;
# too many (k = 8) split them. Splitting costs ARI about twice as much as NMI or AMI:
# a blob cut in two still tells you its class exactly, so the information scores forgive
# it partly, while many pairs of samples are now separated.

# %% [markdown]
# ### Try it: k, spread and sample size
#
# The panel clusters four blobs with KMeans and scores the result, beside a labeling
# drawn at random with the same k (one draw, so its AMI scatters a little around 0). It
# opens on overlapping blobs (spread 2): even the right k scores well below 1, while
# chance stays near 0. To keep every move cheap, KMeans starts once, from k-means++ seeds
# up to k = 10 and from k random points above (there the blobs are split arbitrarily
# anyway).
#
# - Keep k = 4 and move the spread: every score falls as the blobs overlap more.
# - Keep the spread small and raise k from 4 to 10: NMI and AMI fall slowly, ARI about
#   twice as fast.
# - Drop N to 100 and raise k to 50, then 100: the random labeling's NMI climbs to about
#   0.3, then 0.4, while its AMI stays below 0.1. At k = 100 KMeans puts every point in
#   its own cluster: its NMI is barely above the random labeling's and its AMI is 0,
#   because every labeling into singletons is as good as chance.
#
# (The cell below checks these numbers before it shows the panel at its default values.)

# %%
tight, default, wide = (kmeans_blobs_scores(4, spread, 500)["kmeans"] for spread in (1.0, 2.0, 4.0))
assert all(w < d < t for w, d, t in zip(wide, default, tight)) and max(default) < 0.9
assert max(abs(v) for v in kmeans_blobs_scores(4, 2.0, 500)["random"][1:]) < 0.02
k4, k10 = kmeans_blobs_scores(4, 0.5, 500)["kmeans"], kmeans_blobs_scores(10, 0.5, 500)["kmeans"]
assert k4[2] - k10[2] > 1.8 * max(k4[0] - k10[0], k4[1] - k10[1])
at_50, at_100 = kmeans_blobs_scores(50, 1.0, 100), kmeans_blobs_scores(100, 1.0, 100)
assert 0.25 < at_50["random"][0] < 0.35 and 0.35 < at_100["random"][0] < 0.45
assert at_50["random"][1] < 0.1 and at_100["random"][1] < 0.1
assert at_100["kmeans"][0] - at_100["random"][0] < 0.1 and abs(at_100["kmeans"][1]) < 1e-9
kmeans_blobs_panel()

# %% [markdown]
# ## 6. KMeans on handwritten digits: AMI does not choose k
#
# scikit-learn bundles the UCI optical digits data (1,797 images of 8×8 pixels, digits
# 0-9; `load_digits` reads it from the installed package, nothing is downloaded;
# released by UCI under CC BY 4.0). Cluster the raw pixels with KMeans for several k, each
# with 5 seeds (KMeans lands in different local optima), and score against the digit labels.
# The last columns score labelings drawn at random with the same k: the chance level.

# %%
x_digits, y_digits = load_digits(return_X_y=True)
print(f"{len(y_digits)} images, {x_digits.shape[1]} pixels, {len(np.unique(y_digits))} classes")
digit_ks, digit_seeds = (5, 10, 15, 20, 40), range(5)
scores = {}  # k -> array (seed, [NMI, AMI, ARI, homogeneity, completeness, random NMI, random AMI])
for k in digit_ks:
    rows = []
    for s in digit_seeds:
        pred = KMeans(n_clusters=k, n_init=3, random_state=s).fit_predict(x_digits)
        noise = random_labels(len(y_digits), k, seed=s)
        h, c, _ = homogeneity_completeness_v_measure(y_digits, pred)
        rows.append([nmi(y_digits, pred), ami(y_digits, pred), adjusted_rand_index(y_digits, pred), h, c, nmi(y_digits, noise), ami(y_digits, noise)])
    scores[k] = np.array(rows)
print("k    AMI (min-max over 5 seeds)   ARI (min-max)          NMI    homog. complet. | random: NMI   AMI")
for k, r in scores.items():
    print(
        f"{k:2d}   {r[:, 1].mean():.3f} ({r[:, 1].min():.3f}-{r[:, 1].max():.3f})      {r[:, 2].mean():.3f} ({r[:, 2].min():.3f}-{r[:, 2].max():.3f})   "
        f"{r[:, 0].mean():.3f}  {r[:, 3].mean():.3f}  {r[:, 4].mean():.3f}  |       {r[:, 5].mean():.3f} {r[:, 6].mean():+.4f}"
    )
ami_of, ari_of = ({k: r[:, j] for k, r in scores.items()} for j in (1, 2))
assert np.all(ami_of[20] > ami_of[10]) and np.all(ami_of[15] > ami_of[10])  # seed by seed
assert np.all(ari_of[15] > ari_of[10]) and np.all(ari_of[20] < ari_of[10])
assert max(digit_ks, key=lambda k: ami_of[k].mean()) == 15 and max(digit_ks, key=lambda k: ari_of[k].mean()) == 15
assert scores[5][:, 5].mean() < 0.01 and 0.03 < scores[40][:, 5].mean() < 0.05
assert all(abs(r[:, 6].mean()) < 0.01 for r in scores.values())  # random labelings: AMI about 0
assert 0.72 < scores[10][:, 3].mean() < 0.76 and 0.85 < scores[20][:, 3].mean() < 0.89
assert all(scores[k1][:, 4].mean() > scores[k2][:, 4].mean() for k1, k2 in ((10, 15), (15, 20), (20, 40)))

# %% [markdown]
# The digits have 10 classes, yet with every one of the 5 seeds AMI scores k = 15 and
# k = 20 above k = 10, and its mean peaks at k = 15. ARI also prefers 15 to 10 (it
# drops at 20). This is not chance agreement, which AMI has removed (the random
# labelings score 0): the extra clusters are real. KMeans at k = 10 merges some digits and
# splits others along writing styles; more clusters make each cluster purer (homogeneity
# rises from about 0.74 to 0.87 at k = 20) while each digit spreads over more clusters
# (completeness falls), and NMI and AMI trade the two evenly.
#
# So **AMI removes chance, not over-splitting**: it measures agreement with a reference,
# and a finer clustering can genuinely agree better. It is not a way to choose k, and
# without reference labels you could not compute it anyway. To choose k look at what the
# clusters are for: a model criterion (silhouette, BIC of a mixture, stability across
# resamples) or the use downstream.
#
# The chance part of NMI is modest here (N = 1,797), yet it grows with k: the random
# labelings' NMI rises from below 0.01 at k = 5 to about 0.04 at k = 40. The fewer
# samples per cluster, the more it matters, as the pitfall shows.

# %% [markdown]
# ## Pitfall: comparing NMI across numbers of clusters
#
# A common evaluation compares several clusterings of the same data by NMI and keeps
# the best, although they have different numbers of clusters. Take 120 digits and two
# candidate clusterings: KMeans with k = 3 (coarse, but real structure) and a
# "clustering" that puts each digit in one of 80 groups at random. One draw could be a
# fluke, so repeat it with 20 different subsets of 120 digits and 20 random labelings.

# %%
pitfall = []  # per repeat: KMeans NMI, AMI, MI, E[I]; random NMI, AMI, MI, E[I]
for rep in range(20):
    subset = rng.choice(len(y_digits), size=120, replace=False)
    y_small = y_digits[subset]
    kmeans3 = KMeans(n_clusters=3, n_init=4, random_state=rep).fit_predict(x_digits[subset])
    noise80 = random_labels(120, 80, seed=rng)
    pitfall.append(
        [f(y_small, labels) for labels in (kmeans3, noise80) for f in (nmi, ami, mh.mi_discrete, expected_mutual_information)]
    )
pitfall = np.array(pitfall)
for name, cols in (("KMeans, k = 3 ", slice(0, 4)), ("random, k = 80", slice(4, 8))):
    m = pitfall[:, cols]
    print(
        f"{name}: NMI {m[:, 0].mean():.3f} ({m[:, 0].min():.3f}-{m[:, 0].max():.3f}), AMI {m[:, 1].mean():+.3f} "
        f"({m[:, 1].min():+.3f} to {m[:, 1].max():+.3f}), MI {m[:, 2].mean():.3f} nats, E[I] {m[:, 3].mean():.3f} nats"
    )
wins_nmi = int(np.sum(pitfall[:, 4] > pitfall[:, 0]))
wins_ami = int(np.sum(pitfall[:, 5] > pitfall[:, 1]))
print(f"the random labeling beats KMeans by NMI in {wins_nmi} of 20 repeats, by AMI in {wins_ami}")
assert wins_nmi >= 18 and wins_ami == 0
assert abs(pitfall[:, 6].mean() - pitfall[:, 7].mean()) < 0.05 and pitfall[:, 6].mean() > 1.4
assert np.all(np.abs(pitfall[:, 5]) < 0.06) and pitfall[:, 1].mean() > 0.35

# %% [markdown]
# By NMI the random labeling wins in almost every repeat. It is pure noise: its MI
# (about 1.6 nats) is what 80 clusters on 120 samples share by accident, equal to the
# expected MI within 0.05 nats. NMI divides that chance MI by the entropies and reports it as signal; the
# bigger k is relative to N, the bigger the inflation, so NMI values for different k
# are not on the same scale.
#
# **The fix** is to subtract what chance gives before comparing: AMI ranks KMeans
# far ahead in every repeat and scores the random labeling within 0.06 of 0. When you
# must report NMI, report it beside the NMI of random labelings with the same cluster
# sizes.
#
# **What AMI does not fix.** AMI puts the *mean* of chance at 0 for every k, not its
# *spread*. Score random labelings with k = 2 to 40 clusters against a fixed reference of
# 5 classes on N = 100 samples, 300 times, and in each repeat keep the k whose random
# labeling scores best, as a search over candidate clusterings would:

# %%
reference5 = random_labels(100, 5, seed=SEED)
spread_ks = (2, 5, 10, 20, 40)
spread_rng = np.random.default_rng(SEED + 2)
chance_ami = np.array([[ami(reference5, random_labels(100, k, seed=spread_rng)) for k in spread_ks] for _ in range(300)])
winner_share = np.bincount(chance_ami.argmax(axis=1), minlength=len(spread_ks)) / len(chance_ami)
print("k:                           " + "  ".join(f"{k:6d}" for k in spread_ks))
print("mean AMI of random labels:   " + "  ".join(f"{m:+6.3f}" for m in chance_ami.mean(axis=0)))
print("sd of AMI of random labels:  " + "  ".join(f"{sd:6.3f}" for sd in chance_ami.std(axis=0)))
print("share of repeats it is best: " + "  ".join(f"{w:6.0%}" for w in winner_share) + f"   (fair: {1 / len(spread_ks):.0%} each)")
assert np.all(np.abs(chance_ami.mean(axis=0)) < 0.005)
assert chance_ami.std(axis=0)[3] > 2 * chance_ami.std(axis=0)[0] and winner_share[3] > 0.23 and winner_share[0] < 0.16

# %% [markdown]
# Every mean is within 0.005 of 0, but the spread at k = 20 is more than twice that at
# k = 2, so k = 20 wins "best clustering" more often than its fair share and k = 2 less,
# with no structure anywhere: a wider spread produces more lucky high scores. Romano,
# Bailey, Vinh and Verspoor (*ICML* 2014) propose the *standardised* MI, which also
# divides by the standard deviation of MI under random permutation, to remove this
# selection bias. Which chance-corrected score to report depends on the reference:
# Romano, Vinh, Bailey and Verspoor (*JMLR* 17, 2016) advise ARI when the reference
# clustering has large clusters of about equal size, and AMI when it is unbalanced, with
# small clusters. And remember section 6: even a perfectly corrected score rewards finer
# clusterings that genuinely agree better, so the best-scoring k is not thereby the right
# one.

# %% [markdown]
# ## Exercises
#
# Each solution sits in a collapsed cell below its exercise, its code and its output
# both hidden so the answer is not spoiled: click the collapsed cell (or its three dots)
# to open it once you have tried.
#
# **Exercise 1.** A "clustering" puts every one of the 1,797 digits in its own cluster.
# Predict its MI with the digit labels, its NMI (arithmetic) and its AMI before you
# compute them, then check with `mi_helpers` and scikit-learn.

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
singletons = np.arange(len(y_digits))
mi_single, h_digit = mh.mi_discrete(y_digits, singletons), mh.entropy_discrete(y_digits)
assert abs(mi_single - h_digit) < 1e-12
print(f"MI = {mi_single:.4f} nats = H(digit) = {h_digit:.4f} nats")
print(f"NMI = {nmi(y_digits, singletons):.4f} (sklearn {normalized_mutual_info_score(y_digits, singletons):.4f})")
ami_single = round(ami(y_digits, singletons), 4) + 0.0  # + 0.0 turns a rounded -0.0 into 0.0
ami_single_sk = round(adjusted_mutual_info_score(y_digits, singletons), 4) + 0.0
assert ami_single == 0.0 and ami_single_sk == 0.0
print(f"AMI = {ami_single:.4f} (sklearn {ami_single_sk:.4f})")
print("Singletons determine the digit, so MI = H(digit); but any shuffle does the same, so E[I] = MI and AMI = 0.")

# %% [markdown]
# **Exercise 2.** Draw 20 pairs of independent random labelings of N = 300 samples, one
# with 5 clusters and one with 50. Print the mean NMI and the mean AMI for each of the
# four averages. Which normalisation is most fooled by chance, and why?

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
ex_rng = np.random.default_rng(SEED)
pairs = [(random_labels(300, 5, seed=ex_rng), random_labels(300, 50, seed=ex_rng)) for _ in range(20)]
print(f"mean MI = {np.mean([mh.mi_discrete(u, v) for u, v in pairs]):.3f} nats (truth 0)")
mean_nmi = {average: np.mean([nmi(u, v, average=average) for u, v in pairs]) for average in AVERAGES}
for average in AVERAGES:
    mean_ami = np.mean([ami(u, v, average=average) for u, v in pairs])
    print(f"{average:10s}: mean NMI = {mean_nmi[average]:.3f}, mean AMI = {mean_ami:+.4f}")
assert max(mean_nmi, key=mean_nmi.get) == "min"
print("min divides the chance MI by the smaller entropy (the 5-cluster labeling), so it inflates most;")
print("AMI removes the chance part whichever mean is used.")

# %% [markdown]
# **Exercise 3.** For the four true blobs of section 5 (N = 600, spread 1.5), compute AMI
# and NMI of KMeans for k = 2 to 8. Which k does each score pick? Compare with the
# NMI of random labels at each k.

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
ex3 = {}
for k in range(2, 9):
    pred = KMeans(n_clusters=k, n_init=3, random_state=SEED).fit_predict(x_blobs)
    chance_nmi = nmi(y_blobs, random_labels(len(y_blobs), k, seed=SEED))
    ex3[k] = (nmi(y_blobs, pred), ami(y_blobs, pred))
    print(f"k = {k}: NMI = {ex3[k][0]:.3f}, AMI = {ex3[k][1]:.3f}, NMI of random labels = {chance_nmi:.3f}")
assert max(ex3, key=lambda k: ex3[k][0]) == max(ex3, key=lambda k: ex3[k][1]) == 4
print("Both peak at k = 4 here: the blobs are well separated, so splitting one makes no cluster purer,")
print("and with 150 points per blob the chance part is small. On the digits (section 6) the peak was not at the true k.")

# %% [markdown]
# ## Summary
#
# - The MI of two labelings is the MI of their contingency table; cluster names do not matter.
# - NMI divides MI by a mean of the two entropies; arithmetic (V-measure), geometric, max
#   and min give different numbers, and scikit-learn's default changed in 0.22, so state
#   which one you use. NID = 1 − NMI_max and the variation of information are true metrics.
# - NMI is not corrected for chance: independent random labelings score well above 0
#   when clusters are many and samples few. The bias formula (R − 1)(C − 1)/(2N) holds
#   only for well-filled tables; the exact expected MI always applies.
# - AMI subtracts the expected MI under random permutation (an exact hypergeometric sum),
#   so chance scores 0 on average for every k. Its spread under chance still differs
#   between k (standardised MI, Romano et al. 2014, corrects that too), and it does not stop
#   rewarding finer clusterings that agree better with the reference: it cannot choose k.
#   Prefer ARI for references with large equal clusters, AMI for unbalanced ones with
#   small clusters (Romano et al. 2016).
#
# [← Previous: 06 Decision trees](06_decision_trees.ipynb) · **07 Clustering** · [Next: 08 NLP →](08_nlp.ipynb)
