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
#
# **You will learn to**
#
# - compute the MI of two labelings from their contingency table;
# - normalise it four ways (arithmetic, geometric, max, min) and check each against scikit-learn;
# - see that random labelings get a large NMI when there are many clusters, and why;
# - compute the expected MI under random permutation and the AMI that subtracts it;
# - score KMeans on synthetic blobs and on handwritten digits with NMI, AMI and ARI.
#
# **Time:** about 35 minutes.

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
from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score, normalized_mutual_info_score
from sklearn.metrics.cluster import contingency_matrix
from threadpoolctl import threadpool_limits

import mi_helpers as mh
from mi_helpers.clustering import AVERAGES, ami, chance_scores, expected_mutual_information, nmi, random_labels
from mi_helpers.widgets.clustering import kmeans_blobs_panel

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
print(f"MI after renaming the clusters: {mh.mi_discrete(species, renamed):.4f} nats")

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
# NMI_min. scikit-learn defaults to the arithmetic mean. Below, each is computed by
# `mi_helpers.clustering.nmi` and by scikit-learn, for our clustering and for a finer
# one that splits every species into two clusters of two.

# %%
fine = np.array([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
for average in AVERAGES:
    ours, ours_fine = nmi(species, cluster, average=average), nmi(species, fine, average=average)
    theirs = normalized_mutual_info_score(species, cluster, average_method=average)
    theirs_fine = normalized_mutual_info_score(species, fine, average_method=average)
    print(f"NMI ({average:10s}): 3 clusters {ours:.4f} (sklearn {theirs:.4f}) | 6 clusters {ours_fine:.4f} (sklearn {theirs_fine:.4f})")

# %% [markdown]
# For two labelings with the same number of clusters the four barely differ. For the
# finer clustering they range from 0.61 to 1: the six clusters determine the species,
# so I = H(species), and the min version calls that a perfect score even though the
# clustering has twice as many clusters as there are species. Always say which
# normalisation you report.

# %% [markdown]
# ## 3. The chance problem: NMI of random labelings
#
# Two labelings drawn independently at random share no information: the true MI is
# exactly 0. But MI computed from N samples is a plug-in estimate, biased upwards by
# about (R − 1)(C − 1) / (2N) nats for R and C clusters (notebook 04). With many clusters
# and few samples that bias is large, and NMI inherits it.
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
ax.set_xlabel("number of clusters k in each random labeling")
ax.set_ylabel("mean score over 20 pairs")
ax.set_title("Independent random labelings: true MI = 0")
ax.legend(ncol=2, fontsize=8)
plt.show()

for n, res in chance.items():
    print(f"N = {n:4d}, k = 100: mean NMI = {res['nmi'][-1].mean():.3f}, mean AMI = {res['ami'][-1].mean():+.4f} (truth 0 for both)")

# %% [markdown]
# With 100 clusters on 100 samples most clusters hold one or two samples, so each
# labeling nearly identifies the sample and "explains" the other by accident: NMI
# approaches 1. Even
# at N = 2000 the random NMI is far from 0. AMI stays at 0 throughout.

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
# simulation of the same model: shuffle one labeling 5,000 times and average the MI.

# %%
emi_exact = expected_mutual_information(species, cluster)
shuffled = [mh.mi_discrete(species, rng.permutation(cluster)) for _ in range(5000)]
print(f"E[I] exact (hypergeometric sum): {emi_exact:.4f} nats")
print(f"mean MI over 5,000 shuffles:     {np.mean(shuffled):.4f} ± {np.std(shuffled) / np.sqrt(5000):.4f} nats")
print(f"observed MI:                     {mi:.4f} nats")

# %% [markdown]
# A third of the observed MI of the toy example is what shuffled labels would reach
# anyway. The **adjusted mutual information** rescales so that chance scores 0 and a
# perfect match scores 1:
#
# $$ \mathrm{AMI} = \frac{I - \mathbb{E}[I]}{\operatorname{mean}(H(U), H(V)) - \mathbb{E}[I]} . $$
#
# It can dip slightly below 0 when a labeling agrees less than chance would. As for
# NMI, the mean is a choice; scikit-learn again defaults to the arithmetic one.

# %%
for average in AVERAGES:
    ours = ami(species, cluster, average=average)
    theirs = adjusted_mutual_info_score(species, cluster, average_method=average)
    print(f"AMI ({average:10s}) = {ours:.4f}   sklearn: {theirs:.4f}   (NMI {nmi(species, cluster, average=average):.4f})")

# %% [markdown]
# ## 5. KMeans on blobs
#
# Now a real clustering task: 600 points from four Gaussian blobs (`make_blobs`, seeded)
# clustered by KMeans. KMeans starts from random centres, so `random_state` and the
# number of restarts `n_init` are both set. Three scores compare its labels with the
# true blobs: NMI, AMI and the adjusted Rand index (ARI, Hubert & Arabie 1985), which
# counts agreeing pairs of samples instead of information and is also chance-corrected.

# %%
centres = [[-4.0, -2.5], [3.5, -3.5], [-2.5, 4.0], [4.0, 3.0]]
x_blobs, y_blobs = make_blobs(n_samples=600, centers=centres, cluster_std=1.5, random_state=SEED)
for k in (2, 4, 8):
    pred = KMeans(n_clusters=k, n_init=3, random_state=SEED).fit_predict(x_blobs)
    print(
        f"KMeans k = {k}: NMI = {nmi(y_blobs, pred):.3f}, AMI = {ami(y_blobs, pred):.3f}, "
        f"ARI = {adjusted_rand_score(y_blobs, pred):.3f}"
    )

# %% [markdown]
# With the right k all three scores are near 1. Too few clusters (k = 2) merge blobs;
# too many (k = 8) split them. Splitting costs ARI much more than NMI or AMI: a blob cut
# in two still tells you its class exactly, so the information scores forgive it
# partly, while many pairs of samples are now separated.

# %% [markdown]
# ### Try it: k, spread and sample size
#
# The panel clusters the same four blobs with KMeans and scores the result, beside a
# labeling drawn at random with the same k.
#
# - Set k = 4 and raise the spread: the blobs overlap and every score falls.
# - Keep the spread small and change k: NMI and AMI fall slowly, ARI fast.
# - Drop N to 100 and set k = 10: the random labeling's NMI rises above 0, its AMI does not.

# %%
kmeans_blobs_panel()

# %% [markdown]
# ## 6. KMeans on handwritten digits
#
# scikit-learn bundles the UCI optical digits data (1,797 images of 8×8 pixels, digits
# 0-9; `load_digits` reads it from the installed package, nothing is downloaded;
# released by UCI under CC BY 4.0). KMeans on the raw pixels with k = 10 recovers the
# digits well, but not perfectly. The last column is a random labeling with the same k:
# the score you would get by chance.

# %%
x_digits, y_digits = load_digits(return_X_y=True)
print(f"{len(y_digits)} images, {x_digits.shape[1]} pixels, {len(np.unique(y_digits))} classes")
for k in (5, 10, 20, 40):
    pred = KMeans(n_clusters=k, n_init=2, random_state=SEED).fit_predict(x_digits)
    noise = random_labels(len(y_digits), k, seed=SEED)
    print(
        f"k = {k:2d}: NMI = {nmi(y_digits, pred):.3f}, AMI = {ami(y_digits, pred):.3f}, "
        f"ARI = {adjusted_rand_score(y_digits, pred):.3f} | random labels: NMI = {nmi(y_digits, noise):.3f}, "
        f"AMI = {ami(y_digits, noise):+.3f}"
    )

# %% [markdown]
# With 1,797 samples the chance part of NMI is modest, yet it already grows with k
# (0.005 at k = 5, 0.038 at k = 40), and so does the gap between NMI and AMI.
# The fewer samples per cluster, the more it matters, as the pitfall shows.

# %% [markdown]
# ## Pitfall: comparing NMI across numbers of clusters
#
# A common evaluation compares several clusterings of the same data by NMI and keeps
# the best, although they have different numbers of clusters. Take 150 digits and two
# candidate clusterings: KMeans with k = 3 (coarse, but real structure) and a
# "clustering" that puts each digit in one of 80 groups at random.

# %%
subset = rng.choice(len(y_digits), size=150, replace=False)
x_small, y_small = x_digits[subset], y_digits[subset]
kmeans3 = KMeans(n_clusters=3, n_init=4, random_state=SEED).fit_predict(x_small)
noise80 = random_labels(150, 80, seed=SEED)
for name, labels in (("KMeans, k = 3  ", kmeans3), ("random, k = 80 ", noise80)):
    print(
        f"{name}: MI = {mh.mi_discrete(y_small, labels):.3f} nats, E[I] = {expected_mutual_information(y_small, labels):.3f} nats, "
        f"NMI = {nmi(y_small, labels):.3f}, AMI = {ami(y_small, labels):+.3f}"
    )

# %% [markdown]
# By NMI the random labeling wins. It is pure noise: its MI of 1.57 nats is almost
# exactly the expected MI of 80 clusters on 150 samples, the agreement that
# tiny clusters produce by accident. NMI divides that chance MI by the entropies and
# reports it as signal; the bigger k is relative to N, the bigger the inflation, so
# NMI values for different k are not on the same scale.
#
# **The fix** is to subtract what chance gives before comparing: AMI ranks KMeans
# far ahead (0.44) and scores the random labeling about 0, as it should. When you must
# report NMI, report it beside the NMI of random labelings with the same cluster sizes.

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

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
singletons = np.arange(len(y_digits))
print(f"MI = {mh.mi_discrete(y_digits, singletons):.4f} nats = H(digit) = {mh.entropy_discrete(y_digits):.4f} nats")
print(f"NMI = {nmi(y_digits, singletons):.4f} (sklearn {normalized_mutual_info_score(y_digits, singletons):.4f})")
ami_single = round(ami(y_digits, singletons), 4) + 0.0  # + 0.0 turns a rounded -0.0 into 0.0
ami_single_sk = round(adjusted_mutual_info_score(y_digits, singletons), 4) + 0.0
print(f"AMI = {ami_single:.4f} (sklearn {ami_single_sk:.4f})")
print("Singletons determine the digit, so MI = H(digit); but any shuffle does the same, so E[I] = MI and AMI = 0.")

# %% [markdown]
# **Exercise 2.** Draw 20 pairs of independent random labelings of N = 300 samples, one
# with 5 clusters and one with 50. Print the mean NMI and the mean AMI for each of the
# four averages. Which normalisation is most fooled by chance, and why?

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
ex_rng = np.random.default_rng(SEED)
pairs = [(random_labels(300, 5, seed=ex_rng), random_labels(300, 50, seed=ex_rng)) for _ in range(20)]
print(f"mean MI = {np.mean([mh.mi_discrete(u, v) for u, v in pairs]):.3f} nats (truth 0)")
for average in AVERAGES:
    mean_nmi = np.mean([nmi(u, v, average=average) for u, v in pairs])
    mean_ami = np.mean([ami(u, v, average=average) for u, v in pairs])
    print(f"{average:10s}: mean NMI = {mean_nmi:.3f}, mean AMI = {mean_ami:+.4f}")
print("min divides the chance MI by the smaller entropy (the 5-cluster labeling), so it inflates most;")
print("AMI removes the chance part whichever mean is used.")

# %% [markdown]
# **Exercise 3.** For the four true blobs of section 5 (N = 600, spread 1.5), compute AMI
# and NMI of KMeans for k = 2 to 8. Which k does each score pick? Compare with the
# NMI of random labels at each k.

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
for k in range(2, 9):
    pred = KMeans(n_clusters=k, n_init=3, random_state=SEED).fit_predict(x_blobs)
    chance_nmi = nmi(y_blobs, random_labels(len(y_blobs), k, seed=SEED))
    print(f"k = {k}: NMI = {nmi(y_blobs, pred):.3f}, AMI = {ami(y_blobs, pred):.3f}, NMI of random labels = {chance_nmi:.3f}")
print("Both peak at k = 4 here: with 150 points per blob the chance part is small. The pitfall needs few samples per cluster.")

# %% [markdown]
# ## Summary
#
# - The MI of two labelings is the MI of their contingency table; cluster names do not matter.
# - NMI divides MI by a mean of the two entropies; arithmetic, geometric, max and min
#   give different numbers, so state which one you use.
# - NMI is not corrected for chance: independent random labelings score well above 0
#   when clusters are many and samples few, and NMI grows with k for that reason alone.
# - AMI subtracts the expected MI under random permutation (an exact hypergeometric sum)
#   and scores chance at 0; compare clusterings with different k by AMI (or ARI), not NMI.
#
# [← Previous: 06 Decision trees](06_decision_trees.ipynb) · **07 Clustering** · [Next: 08 NLP →](08_nlp.ipynb)
