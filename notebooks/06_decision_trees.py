# %% [markdown]
# # 06 · Decision trees and information gain
#
# [← Previous: 05 Feature selection](05_feature_selection.ipynb) · **06 Decision trees** · [Next: 07 Clustering →](07_clustering.ipynb)
#
# A decision tree asks one yes/no question at each node, such as "is the worst perimeter at
# most 106?", and picks the question that makes the classes purest. With the entropy
# criterion, "purest" means the largest *information gain*, and the information gain of a
# split is exactly the mutual information between the split and the class. This notebook
# computes it by hand, reproduces scikit-learn's choice to the last bit, compares it with
# the Gini criterion, and untangles what `feature_importances_` does and does not measure.
#
# **You will learn to**
#
# - compute entropy, conditional entropy and information gain, and see that IG = I(split; class);
# - scan every threshold of a feature and find the best split, by hand and vectorised;
# - reproduce the root split of `DecisionTreeClassifier(criterion="entropy")` exactly;
# - compare the Gini and entropy criteria, and tell a real disagreement from a near-tie;
# - read `feature_importances_` for what it is: a share of training-set impurity decrease, biased
#   towards features with many thresholds, not information gain.
#
# **Time:** about 45 minutes.

# %% [markdown]
# ## Setup
#
# The split criteria live in `mi_helpers.trees`, the panel in
# `mi_helpers.widgets.decision_trees`. Trees take a `random_state`, so every result reproduces.

# %%
import matplotlib.pyplot as plt
import numpy as np
from scipy.stats import spearmanr
from sklearn.datasets import load_breast_cancer, load_wine
from sklearn.feature_selection import mutual_info_classif
from sklearn.inspection import permutation_importance
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

import mi_helpers as mh
from mi_helpers.trees import best_split, candidate_thresholds, gini_impurity, information_gain, split_gains
from mi_helpers.widgets.decision_trees import breast_cancer_tables, split_panel

SEED = 0
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. Entropy, conditional entropy and the gain of one split
#
# The data: the Wisconsin diagnostic breast cancer set (W. H. Wolberg, W. N. Street,
# O. L. Mangasarian; UCI Machine Learning Repository, CC BY 4.0), bundled with
# scikit-learn. Each of 569 tumours is described by 30 measurements of cell nuclei in a
# biopsy image and labelled malignant or benign.
#
# A threshold t on a feature X defines a binary split S = [X ≤ t]. How much does knowing S
# tell us about the class Y? Before the split, the uncertainty is the entropy H(Y). After
# it, it is the **conditional entropy**, the entropy on each side weighted by the share of
# samples that go there:
#
# $$ H(Y \mid S) = P(S{=}\text{left})\, H(Y \mid \text{left}) + P(S{=}\text{right})\, H(Y \mid \text{right}). $$
#
# The **information gain** is the drop, IG = H(Y) − H(Y | S). By the identity of notebook
# 02, that is the mutual information I(S; Y). Trees measure entropy in **bits** (log base 2),
# so this notebook does too.

# %%
cancer = load_breast_cancer()
X = cancer.data.astype(np.float32)  # a tree works on float32 copies of the data (see section 3)
y = cancer.target
names = list(cancer.feature_names)
classes = list(cancer.target_names)
print(f"{X.shape[0]} tumours, {X.shape[1]} features; "
      + ", ".join(f"{np.sum(y == c)} {name}" for c, name in enumerate(classes)))

x = X[:, names.index("worst perimeter")]
t = 110.0
left = x <= t
counts = np.array([[np.sum(left & (y == c)), np.sum(~left & (y == c))] for c in range(2)])  # rows: class; columns: side
print(f"split 'worst perimeter <= {t:g}': left {counts[:, 0]}, right {counts[:, 1]} (malignant, benign)")


def entropy_bits(class_counts):
    p = class_counts / class_counts.sum()
    p = p[p > 0]
    return -np.sum(p * np.log2(p))


h_y = entropy_bits(counts.sum(axis=1))
share = counts.sum(axis=0) / counts.sum()
h_given = share[0] * entropy_bits(counts[:, 0]) + share[1] * entropy_bits(counts[:, 1])
print(f"H(Y) = {h_y:.4f} bits; H(Y | left) = {entropy_bits(counts[:, 0]):.4f}, H(Y | right) = {entropy_bits(counts[:, 1]):.4f}")
print(f"H(Y | S) = {share[0]:.3f} x {entropy_bits(counts[:, 0]):.4f} + {share[1]:.3f} x {entropy_bits(counts[:, 1]):.4f} = {h_given:.4f} bits")
print(f"IG by hand              = {h_y - h_given:.6f} bits")
print(f"information_gain        = {information_gain(x, y, t):.6f} bits")
print(f"mi_discrete(x <= t, y)  = {mh.mi_discrete(x <= t, y, base=2):.6f} bits (the MI of split and class)")

# %% [markdown]
# ## 2. Scanning every threshold
#
# Between two neighbouring sorted values every threshold gives the same split, so a tree
# only tries one per gap: the midpoint between consecutive distinct values. The plain way
# computes the gain of each candidate from scratch, O(n) each and O(n²) in all. The way a
# tree does it sorts once and reads the class counts left of every cut from a running sum,
# O(n log n) in all; `split_gains` does that. Both must agree.

# %%
thresholds = candidate_thresholds(x)
gains_loop = np.array([information_gain(x, y, thr) for thr in thresholds])  # the slow, obvious way
thresholds_fast, gains_fast = split_gains(x, y)  # cumulative counts
print(f"{len(np.unique(x))} distinct values -> {len(thresholds)} candidate thresholds")
print(f"same thresholds: {np.array_equal(thresholds, thresholds_fast)}; "
      f"largest difference in gain: {np.max(np.abs(gains_loop - gains_fast)):.1e} bits")
t_best, ig_best = best_split(x, y)
print(f"best split: worst perimeter <= {t_best:.4f}, IG = {ig_best:.6f} bits (H(Y) = {h_y:.4f} bits)")
assert np.max(np.abs(gains_loop - gains_fast)) < 1e-12 and ig_best <= min(h_y, 1.0)

# %%
fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(10, 3.4), layout="constrained")
bins = np.linspace(x.min(), x.max(), 40)
for c, colour in zip(range(2), ["tab:red", "tab:blue"]):
    ax0.hist(x[y == c], bins=bins, alpha=0.5, color=colour, label=classes[c])
ax0.axvline(t_best, color="black", lw=1.5, label=f"best t = {t_best:.2f}")
ax0.set_xlabel("worst perimeter")
ax0.set_ylabel("tumours")
ax0.legend(fontsize=8)
ax1.plot(thresholds, gains_fast, color="tab:orange")
ax1.plot([t_best], [ig_best], "k*", ms=11)
ax1.axhline(h_y, color="0.6", ls="--", lw=1)
ax1.text(x.min(), h_y, " H(Y): no split can gain more", ha="left", va="bottom", fontsize=8, color="0.4")
ax1.set_xlabel("threshold t")
ax1.set_ylabel("information gain [bits]")
ax1.set_ylim(0, 1.05)
plt.show()

# %% [markdown]
# The curve is ragged at the top: near the best threshold, moving t past one tumour changes
# the counts by one and the gain by a little. The tree takes the highest point, however
# narrow. No split can gain more than H(Y), and a yes/no split no more than H(S) ≤ 1 bit.

# %% [markdown]
# ## 3. The same split as scikit-learn, to the last bit
#
# Fit a one-split tree ("stump") on this feature alone and read its root from `tree_`:
# `threshold[0]` is the threshold; `impurity` holds the entropy of each node and
# `n_node_samples` its size. The gain is the parent's impurity minus the children's,
# weighted by their sizes. Two details matter for an exact match:
#
# - scikit-learn converts X to **float32** before growing the tree, and its thresholds are
#   midpoints of float32 values; that is why `X` above is float32;
# - its entropy is in **bits**: the root impurity equals H(Y) in bits, not in nats.

# %%
stump = DecisionTreeClassifier(criterion="entropy", max_depth=1, random_state=SEED).fit(x[:, None], y)
tree = stump.tree_
n = tree.n_node_samples
ig_sklearn = tree.impurity[0] - (n[1] * tree.impurity[1] + n[2] * tree.impurity[2]) / n[0]
print(f"threshold: sklearn {tree.threshold[0]:.17g}, ours {t_best:.17g}, identical: {tree.threshold[0] == t_best}")
print(f"gain:      sklearn {ig_sklearn:.15f}, ours {ig_best:.15f} bits, difference {abs(ig_sklearn - ig_best):.1e}")
print(f"root impurity {tree.impurity[0]:.6f} = H(Y) in bits {mh.entropy_discrete(y, base=2):.6f}, "
      f"not in nats {mh.entropy_discrete(y):.6f}")

# %% [markdown]
# With all 30 features, the root asks the question with the largest gain over every feature
# and every threshold. Scanning each feature with `best_split` finds the same question.

# %%
best = [best_split(X[:, j], y) for j in range(X.shape[1])]
ig_per_feature = np.array([g for _, g in best])
j_best = int(np.argmax(ig_per_feature))
full_stump = DecisionTreeClassifier(criterion="entropy", max_depth=1, random_state=SEED).fit(X, y)
print(f"ours:    {names[j_best]} <= {best[j_best][0]:.4f} (IG {ig_per_feature[j_best]:.4f} bits)")
print(f"sklearn: {names[full_stump.tree_.feature[0]]} <= {full_stump.tree_.threshold[0]:.4f}")
print("runners-up:", ", ".join(f"{names[j]} {ig_per_feature[j]:.4f}" for j in np.argsort(-ig_per_feature)[1:4]), "bits")

# %% [markdown]
# ## 4. Gini versus entropy
#
# CART, and scikit-learn by default, use the **Gini impurity** 1 − Σₖ pₖ² instead of
# entropy: the chance that two labels drawn at random from the node differ. The split
# criterion is then the Gini decrease, built exactly like the information gain. For two
# classes the two impurities have the same shape (zero for a pure node, largest at 50/50);
# Gini is a quadratic and entropy has steeper sides near pure nodes.

# %%
p = np.linspace(0.001, 0.999, 400)
h_p = -(p * np.log2(p) + (1 - p) * np.log2(1 - p))
gini_p = 1 - p**2 - (1 - p) ** 2
print(f"gini_impurity of the labels: {gini_impurity(y):.4f}; from the class shares: "
      f"{1 - np.sum((np.bincount(y) / len(y)) ** 2):.4f}")

thr_g, gains_gini = split_gains(x, y, criterion="gini")
t_gini, dg_best = best_split(x, y, criterion="gini")
rank_agreement = spearmanr(gains_fast, gains_gini).statistic
print(f"worst perimeter: Spearman correlation of the two criteria over its {len(thr_g)} thresholds: {rank_agreement:.3f}")
assert np.array_equal(thr_g, thresholds_fast) and rank_agreement > 0.99
gini_stump = DecisionTreeClassifier(criterion="gini", max_depth=1, random_state=SEED).fit(x[:, None], y)
print(f"worst perimeter, best threshold: entropy {t_best:.4f}, Gini {t_gini:.4f} "
      f"(sklearn Gini stump {gini_stump.tree_.threshold[0]:.4f})")

fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(10, 3.3), layout="constrained")
ax0.plot(p, h_p, label="entropy [bits]")
ax0.plot(p, gini_p, label="Gini")
ax0.plot(p, 2 * gini_p, ":", color="tab:orange", label="2 × Gini")
ax0.set_xlabel("share of class 1 in a node")
ax0.set_ylabel("impurity")
ax0.legend(fontsize=8)
ax1.plot(thresholds_fast, gains_fast / ig_best, label="information gain")
ax1.plot(thr_g, gains_gini / dg_best, label="Gini decrease")
ax1.set_xlabel("threshold on worst perimeter")
ax1.set_ylabel("decrease / its maximum")
ax1.legend(fontsize=8)
plt.show()

# %% [markdown]
# On this feature the two criteria rank thresholds almost alike. Across features, the roots
# of the two trees differ: the entropy tree asks about the worst perimeter, the Gini tree
# about the worst radius. That looks like a disagreement between the criteria; the next
# cell shows it is a near-tie between two almost identical features.

# %%
best_gini = [best_split(X[:, j], y, criterion="gini") for j in range(X.shape[1])]
dg_per_feature = np.array([g for _, g in best_gini])
same = sum(best[j][0] == best_gini[j][0] for j in range(X.shape[1]))
print(f"same best threshold under both criteria: {same} of {X.shape[1]} features")
assert same > X.shape[1] / 2
print(f"Spearman correlation of the best gains across features: {spearmanr(ig_per_feature, dg_per_feature).statistic:.3f}")
gini_root = DecisionTreeClassifier(criterion="gini", max_depth=1, random_state=SEED).fit(X, y).tree_
print(f"root, entropy: {names[j_best]}; root, Gini: {names[gini_root.feature[0]]} "
      f"(ours: {names[int(np.argmax(dg_per_feature))]})")
assert names[gini_root.feature[0]] == names[int(np.argmax(dg_per_feature))] != names[j_best]

j_per, j_rad = names.index("worst perimeter"), names.index("worst radius")
print(f"information gain: worst perimeter {ig_per_feature[j_per]:.6f}, worst radius {ig_per_feature[j_rad]:.6f} bits "
      f"(difference {ig_per_feature[j_per] - ig_per_feature[j_rad]:.1e})")
print(f"Gini decrease:    worst perimeter {dg_per_feature[j_per]:.6f}, worst radius {dg_per_feature[j_rad]:.6f}")
print(f"correlation of the two features: {np.corrcoef(X[:, j_per], X[:, j_rad])[0, 1]:.4f}; their best entropy splits "
      f"send {np.sum((X[:, j_per] <= best[j_per][0]) != (X[:, j_rad] <= best[j_rad][0]))} of {len(y)} tumours to different sides")

# Redraw the tumours with replacement (a bootstrap) and ask again which feature wins the root.
contenders = ["worst perimeter", "worst radius", "worst area", "worst concave points"]
cols = [names.index(f) for f in contenders]
boot_rng = np.random.default_rng(SEED)
root_wins = {"entropy": np.zeros(len(cols), int), "gini": np.zeros(len(cols), int)}
n_boot = 100
for _ in range(n_boot):
    rows = boot_rng.integers(0, len(y), len(y))
    for criterion, wins in root_wins.items():
        wins[np.argmax([best_split(X[rows, j], y[rows], criterion=criterion)[1] for j in cols])] += 1
for criterion, wins in root_wins.items():
    print(f"root over {n_boot} bootstrap samples, {criterion:7s}: " + ", ".join(f"{f} {w}" for f, w in zip(contenders, wins)))
assert abs(ig_per_feature[j_per] - ig_per_feature[j_rad]) < 1e-4 and np.corrcoef(X[:, j_per], X[:, j_rad])[0, 1] > 0.99
assert all(sum(w > 0 for w in wins) >= 3 and max(wins) < 0.7 * n_boot for wins in root_wins.values())

# %% [markdown]
# Under entropy, worst perimeter beats worst radius by less than a ten-thousandth of a
# bit (first line), less than a thousandth of the gain, and the two features are
# correlated above 0.99. Redraw the tumours (100 bootstrap samples) and ask which of the
# four strongest features makes the best root split: the answer changes hands under
# *both* criteria, no feature wins as much as 70% of the samples, and at least three
# different features win some. The criteria weigh these near-identical features a little
# differently, but which one becomes the root is decided by the luck of the sample, not by
# the choice of criterion.
#
# One more name for the same thing: scikit-learn also accepts `criterion="log_loss"`. The
# cross-entropy (log) loss of a node that predicts its class shares is exactly its Shannon
# entropy, so `"log_loss"` and `"entropy"` are one criterion, and they grow identical trees:

# %%
trees = {c: DecisionTreeClassifier(criterion=c, random_state=SEED).fit(X, y).tree_ for c in ("entropy", "log_loss")}
identical = all(np.array_equal(getattr(trees["entropy"], a), getattr(trees["log_loss"], a))
                for a in ("feature", "threshold", "impurity", "children_left", "children_right", "value"))
print(f"full trees with 'entropy' and 'log_loss': {trees['entropy'].node_count} and {trees['log_loss'].node_count} nodes; "
      f"identical features, thresholds, impurities and leaves: {identical}")
assert identical

# %% [markdown]
# ## 5. Try it: move the threshold
#
# The panel shows one split of the breast cancer data: the class histograms with the
# threshold (left), the classes on each side with their entropies (middle), and the
# information gain of every threshold with the current one (right). The slider sets the
# share of tumours sent left; the threshold is the candidate closest to that share. The
# gain curves of all five features were computed once, when the panel was built.
#
# - Drag the share: the gain peaks where the two sides are purest, not at a 50/50 cut.
# - Switch to "mean fractal dimension": the histograms overlap and no threshold gains much.
# - Compare "worst perimeter" with "mean texture": a clean step versus a slow rise.
#
# The middle panel's bars use the class colours of the left panel (its legend repeats them).
# The cell after the panel checks the first two claims.

# %%
split_panel()

# %%
tables, _ = breast_cancer_tables()
per = tables["worst perimeter"]
best_share = per["left_counts"][per["best"]].sum() / per["total_counts"].sum()
print(f"worst perimeter: best split sends {best_share:.0%} of the tumours left; "
      f"mean fractal dimension: best gain {tables['mean fractal dimension']['gains'].max():.4f} bits")
assert abs(best_share - 0.5) > 0.05 and tables["mean fractal dimension"]["gains"].max() < 0.05

# %% [markdown]
# ## 6. What `feature_importances_` measures
#
# A grown tree splits many times, often on the same feature. scikit-learn's
# `feature_importances_` adds up, for every node that splits on a feature, the impurity
# decrease of that node weighted by the share of training samples that reach it, and then
# divides by the total so that the importances sum to 1. With `criterion="entropy"` each
# term is an information gain times a sample share. Here is that computation by hand.

# %%
deep = DecisionTreeClassifier(criterion="entropy", random_state=SEED).fit(X, y)
tr = deep.tree_
importance = np.zeros(X.shape[1])
for node in range(tr.node_count):
    left_child, right_child = tr.children_left[node], tr.children_right[node]
    if left_child == -1:  # a leaf does not split
        continue
    w, wl, wr = (tr.weighted_n_node_samples[i] / tr.weighted_n_node_samples[0] for i in (node, left_child, right_child))
    importance[tr.feature[node]] += w * tr.impurity[node] - wl * tr.impurity[left_child] - wr * tr.impurity[right_child]
print(f"tree with {tr.node_count} nodes, depth {deep.get_depth()}")
print(f"unnormalised sum = {importance.sum():.4f} bits (the drop from H(Y) = {tr.impurity[0]:.4f} to the leaves)")
importance /= importance.sum()
print(f"by hand vs feature_importances_: largest difference {np.max(np.abs(importance - deep.feature_importances_)):.1e}")
leaves = tr.children_left == -1
print(f"training accuracy {deep.score(X, y):.3f}; largest leaf impurity {tr.impurity[leaves].max():.3f} bits")
assert np.max(np.abs(importance - deep.feature_importances_)) < 1e-12 and deep.score(X, y) == 1.0 and tr.impurity[leaves].max() == 0

# %% [markdown]
# So an importance is a *share*, not a number of bits, and it mixes the root split (all
# 569 tumours) with splits deep in the tree made on a handful of samples. This tree has no
# limit on depth and fits its training data perfectly (the leaves are pure, so the
# unnormalised sum is all of H(Y)); its deep splits fit noise.
#
# ### 6b. Impurity importance favours features with many thresholds
#
# Because the importances are impurity decreases *on the training data*, a deep tree
# credits whatever feature lets it keep splitting, and a continuous feature offers a
# threshold between every pair of its values, where a yes/no feature offers one (Strobl
# et al., 2007, *BMC Bioinformatics* 8, 25). A test with known answers: a binary feature B
# that equals the class 75% of the time, so I(B; Y) = 1 − H(0.75) bits, plus two features
# of pure noise, one binary and one continuous (true MI 0). Grow a full entropy tree on
# half of 600 rows; compare its `feature_importances_` with permutation importance on the
# other half (`sklearn.inspection.permutation_importance`, seeded), over 10 seeds.

# %%
labels_noise = ["B (signal)", "binary noise", "continuous noise"]
true_mi = [1 - entropy_bits(np.array([0.75, 0.25])), 0.0, 0.0]
runs = []
for rep_seed in range(10):
    rng_s = np.random.default_rng(SEED + rep_seed)
    b = rng_s.integers(0, 2, 600)
    label = np.where(rng_s.random(600) < 0.75, b, 1 - b)
    Z = np.column_stack([b, rng_s.integers(0, 2, 600), rng_s.standard_normal(600)])
    Z_tr, Z_te, l_tr, l_te = train_test_split(Z, label, test_size=0.5, stratify=label, random_state=rep_seed)
    grown = DecisionTreeClassifier(criterion="entropy", random_state=rep_seed).fit(Z_tr, l_tr)
    perm_s = permutation_importance(grown, Z_te, l_te, n_repeats=10, random_state=rep_seed)
    runs.append([*grown.feature_importances_, *perm_s.importances_mean, grown.score(Z_te, l_te)])
runs = np.array(runs)
print(f"{'feature':17s} {'true MI [bits]':>14s} {'impurity importance':>20s} {'permutation importance':>23s}")
for i, name in enumerate(labels_noise):
    print(f"{name:17s} {true_mi[i]:14.3f} {runs[:, i].mean():12.3f} ± {runs[:, i].std():.3f} "
          f"{runs[:, 3 + i].mean():+15.3f} ± {runs[:, 3 + i].std():.3f}")
print(f"test accuracy of the full tree: {runs[:, 6].mean():.3f} (predicting B alone scores 0.75 on average)")
assert runs[:, 2].mean() > 3 * runs[:, 0].mean() and runs[:, 1].mean() < 0.1  # the continuous noise takes most of the credit
assert runs[:, 3].mean() > 0.05 and all(abs(runs[:, 3 + i].mean()) < 2 * runs[:, 3 + i].std() / np.sqrt(10) + 0.005 for i in (1, 2))
assert runs[:, 6].mean() < 0.7

# %% [markdown]
# On the training rows, the continuous noise takes most of the importance, several times
# the share of the only real signal, while the binary noise, which can be split only once
# on any path, gets little. On rows the tree has not seen, shuffling either noise feature
# costs nothing (permutation importance within its noise of zero), and shuffling B costs
# accuracy. The splits on noise are also why the full tree does worse on new rows than the
# one-question rule "predict B".

# %% [markdown]
# ## Pitfall: an "information gain" tree that uses Gini, and importances read as gain
#
# A typical tutorial fits `DecisionTreeClassifier()`, calls it an information gain tree,
# and prints `feature_importances_` as "the information gain of each feature". Here is what
# those numbers are.

# %%
tutorial_tree = DecisionTreeClassifier(random_state=SEED).fit(X, y)  # WRONG: "an information gain tree"
claimed = tutorial_tree.feature_importances_  # WRONG: read as "information gain of each feature"
mi_bits = mutual_info_classif(X, y, random_state=SEED) / np.log(2)  # kNN estimate of I(X_j; Y), nats -> bits
print(f"criterion actually used: {tutorial_tree.criterion!r}; root question: {names[tutorial_tree.tree_.feature[0]]}")
no_split = DecisionTreeClassifier(random_state=SEED).fit(X, np.zeros_like(y))  # one class: nothing to split
print(f"the 'gains' sum to {claimed.sum():.3f}, as they do for every tree with at least one split, whatever the data "
      f"(a tree with no split gets all zeros: {no_split.feature_importances_.sum():.1f})")
print(f"{'feature':22s} {'importance':>10s} {'best-split IG [bits]':>21s} {'I(X;Y) [bits]':>14s}")
for name in ("worst radius", "worst perimeter", "worst area", "worst concave points", "mean texture"):
    j = names.index(name)
    print(f"{name:22s} {claimed[j]:10.3f} {ig_per_feature[j]:21.4f} {mi_bits[j]:14.3f}")
size = [names.index(f) for f in ("worst radius", "worst perimeter", "worst area")]
size_corr = np.corrcoef(X[:, size].T)[np.triu_indices(3, 1)]
print(f"correlations among the three 'worst' size features: {', '.join(f'{c:.3f}' for c in size_corr)}")
assert claimed[j_rad] > 0.5 and claimed[j_per] == 0 and size_corr.min() > 0.97
assert abs(claimed.sum() - 1) < 1e-12 and no_split.tree_.node_count == 1 and not no_split.feature_importances_.any()
assert np.argmax(ig_per_feature) == j_per and np.argmax(mi_bits) == j_per

# %% [markdown]
# **Why it is wrong.** The default criterion is Gini, so nothing in this tree is an
# information gain. And even with entropy, an importance is a normalised sum over every
# split that used the feature, so it depends on which of several redundant features the
# tree happened to pick first: worst radius takes most of the credit, while worst
# perimeter gets none, although it has the largest information gain of any single split
# and the largest estimated MI with the class of all 30 features. The three "worst" size
# features are correlated above 0.97, so the tree needs only one of them, and section 6b
# showed a second bias: importances favour features with many thresholds.
#
# **Gain and MI, true and estimated.** A split S = [X ≤ t] is a function of X, so by the
# data processing inequality I(S; Y) ≤ I(X; Y): the true MI of a feature is never below
# the true gain of any of its splits. The *estimates* in the table need not obey this,
# and mean texture breaks it. Two errors pull the two columns apart:
#
# - the best-split gain is a **maximum over hundreds of thresholds on the same sample**, so
#   it picks up chance: on shuffled labels, where every true gain is 0, the best gain is
#   still positive;
# - the kNN estimate of I(X; Y) has **its own bias and noise**, and it moves when k
#   changes.

# %%
violators = np.flatnonzero(ig_per_feature > mi_bits)
print(f"best-split gain above the kNN MI estimate: {len(violators)} of {X.shape[1]} features")
shuffle_rng = np.random.default_rng(SEED)
null_gain = np.array([[best_split(X[:, j], shuffle_rng.permutation(y))[1] for j in violators] for _ in range(20)])
mi_k10 = mutual_info_classif(X[:, violators], y, n_neighbors=10, random_state=SEED) / np.log(2)
print(f"{'feature':24s} {'best-split IG':>13s} {'same, shuffled labels':>22s} {'MI, k = 3':>10s} {'MI, k = 10':>11s}  [bits]")
for i, j in enumerate(violators):
    print(f"{names[j]:24s} {ig_per_feature[j]:13.4f} {null_gain[:, i].mean():15.4f} ± {null_gain[:, i].std():.4f} "
          f"{mi_bits[j]:10.4f} {mi_k10[i]:11.4f}")
strong = [i for i, j in enumerate(violators) if ig_per_feature[j] > 0.1]
assert 0 < len(violators) < 10 and names.index("mean texture") in violators
weak = [i for i in range(len(violators)) if i not in strong]
assert len(strong) >= 2 and all(mi_k10[i] > ig_per_feature[violators[i]] for i in strong)
assert null_gain.mean() > 0.005 and all(ig_per_feature[violators[i]] - mi_bits[violators[i]] < 2.5 * null_gain[:, i].mean() for i in weak)

# %% [markdown]
# For the features with a gain above 0.1 bits, the kNN estimate with k = 10 lies above the
# gain: the violation was smaller than the estimator's own dependence on k. For the weak
# features, the gap is less than two and a half times what the best threshold gains on
# shuffled labels (third column), where the true gain is zero. Neither column is the truth;
# with estimates, "MI ≥ gain" holds only up to these errors.
#
# **The fix.** Ask for what you mean:
#
# - an information gain tree: `DecisionTreeClassifier(criterion="entropy")`;
# - how much a feature tells about the class: an MI estimate such as `mutual_info_classif`
#   (notebook 05), or the gain of its best split (`best_split`), both in stated units;
# - how much a fitted model relies on a feature: permutation importance on held-out data.

# %%
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y, random_state=SEED)
ig_tree = DecisionTreeClassifier(criterion="entropy", max_depth=4, random_state=SEED).fit(X_train, y_train)
perm = permutation_importance(ig_tree, X_test, y_test, n_repeats=10, random_state=SEED)
print(f"entropy tree, depth 4: test accuracy {ig_tree.score(X_test, y_test):.3f}")
print("largest drops in test accuracy when a feature is shuffled:")
for j in np.argsort(-perm.importances_mean)[:4]:
    print(f"  {names[j]:22s} {perm.importances_mean[j]:.3f} ± {perm.importances_std[j]:.3f}")

# %% [markdown]
# Permutation importance is in units of accuracy lost on unseen tumours. It does not
# refit: it shuffles one column of the test rows and scores the same model again. So it
# measures what *this* model uses, and redundant features show it in two ways. A feature
# the tree never split on scores exactly 0, however informative. And when the tree uses
# two near-copies, shuffling one leaves the other working, so each copy's drop understates
# what the pair carries together. The next cell checks both on the tree above, shuffling
# worst radius and worst perimeter (correlated above 0.99) one at a time and together,
# with the same 20 seeded row permutations.

# %%
used = set(ig_tree.tree_.feature[ig_tree.tree_.feature >= 0].tolist())
j_area = names.index("worst area")
mi_order = np.argsort(-mi_bits)
print(f"worst area: used by the tree {j_area in used}; permutation importance {perm.importances_mean[j_area]:.3f}; "
      f"estimated MI with the class {mi_bits[j_area]:.3f} bits, rank {int(np.flatnonzero(mi_order == j_area)[0]) + 1} of 30")
pair_rng = np.random.default_rng(SEED)
base_acc = ig_tree.score(X_test, y_test)
drops = {"worst radius": [], "worst perimeter": [], "both together": []}
for _ in range(20):
    order = pair_rng.permutation(len(y_test))
    for label, cols_shuffled in [("worst radius", [j_rad]), ("worst perimeter", [j_per]), ("both together", [j_rad, j_per])]:
        X_shuffled = X_test.copy()
        X_shuffled[:, cols_shuffled] = X_test[order][:, cols_shuffled]  # the same row permutation for both columns
        drops[label].append(base_acc - ig_tree.score(X_shuffled, y_test))
for label, d in drops.items():
    print(f"shuffle {label:16s}: accuracy drops by {np.mean(d):.3f} ± {np.std(d):.3f} (20 permutations)")
alone = np.mean(drops["worst radius"]) + np.mean(drops["worst perimeter"])
print(f"sum of the two single drops {alone:.3f}, against {np.mean(drops['both together']):.3f} for the pair")
assert j_rad in used and j_per in used and j_area not in used and perm.importances_mean[j_area] == 0
assert int(np.flatnonzero(mi_order == j_area)[0]) < 3 and np.mean(drops["both together"]) > 1.5 * alone

# %% [markdown]
# Worst area is among the three features with the largest estimated MI, yet its
# permutation importance is exactly 0: the tree asks about worst radius and worst
# perimeter instead. Shuffled together, those two cost far more accuracy than the sum of
# their single drops. Permutation importance answers "what does this model use, one
# feature at a time?", MI answers "what does this feature tell?"; neither is
# `feature_importances_`.

# %% [markdown]
# ## Exercises
#
# Each solution sits in a collapsed cell below its exercise, its code and its output
# both hidden so the answer is not spoiled: click the collapsed cell (or its three dots)
# to open it once you have tried.
#
# **Exercise 1.** Information gain depends on the split only, not on the feature's scale:
# show that `best_split` on log(worst perimeter) gives the same gain as on the raw feature,
# and that both thresholds send the same tumours left.

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
log_x = np.log(x.astype(np.float64))
t_log, ig_log = best_split(log_x, y)
print(f"raw: t = {t_best:.4f}, IG = {ig_best:.6f} bits; log: t = {t_log:.4f}, IG = {ig_log:.6f} bits")
print(f"same tumours on the left: {np.array_equal(x <= t_best, log_x <= t_log)}")

# %% [markdown]
# **Exercise 2.** C4.5 (Quinlan, 1993, *C4.5: Programs for Machine Learning*) uses the
# *gain ratio* IG / H(S), which divides by the entropy of the split itself. Quinlan's reason
# was attributes with many values: ID3 split a categorical attribute into one branch per
# value, and plain information gain favours attributes with many values, however
# meaningless.
#
# (a) For worst perimeter, compute the gain ratio of every threshold with `split_gains`
# and the share of samples on the left, and compare its best threshold with the best IG
# threshold. (b) Treat the row number of each tumour as a categorical attribute with one
# branch per value. What are its information gain and its gain ratio?

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
n_left = np.array([np.sum(x <= thr) for thr in thresholds_fast])
q = n_left / len(x)
h_split = -(q * np.log2(q) + (1 - q) * np.log2(1 - q))
ratio = gains_fast / h_split
i_ratio = int(np.argmax(ratio))
print(f"best IG:         t = {t_best:.4f} ({np.sum(x <= t_best)} left), IG = {ig_best:.4f} bits")
print(f"best gain ratio: t = {thresholds_fast[i_ratio]:.4f} ({n_left[i_ratio]} left), "
      f"ratio = {ratio[i_ratio]:.4f}, IG there = {gains_fast[i_ratio]:.4f} bits")
print(f"(a) The gain ratio picks a more lopsided split ({n_left[i_ratio] / len(x):.0%} left instead of "
      f"{np.sum(x <= t_best) / len(x):.0%}) that gains a little less: H(S) is largest for a 50/50 split,")
print("    so dividing by it rewards lopsided cuts. For a yes/no split H(S) <= 1 bit, and that reward is all it does.")
assert n_left[i_ratio] > np.sum(x <= t_best) and gains_fast[i_ratio] < ig_best and h_split[i_ratio] < h_split[thresholds_fast == t_best][0]
# C4.5 itself avoids this. Since Release 8 (Quinlan 1996, "Improved use of continuous
# attributes in C4.5", JAIR 4, 77-90) it picks the threshold of a continuous attribute by
# gain, not by gain ratio, and subtracts log2(N - 1) / |D| bits from that gain (N distinct
# values, |D| cases) to pay for having tried N - 1 thresholds; gain ratio only compares
# attributes.
penalty = np.log2(len(thresholds_fast)) / len(x)  # N - 1 candidate thresholds
print(f"    C4.5 Release 8 keeps the best-gain threshold t = {t_best:.4f} and charges log2({len(thresholds_fast)})/{len(x)} "
      f"= {penalty:.4f} bits for the search: gain {ig_best:.4f} -> {ig_best - penalty:.4f} bits.")
assert len(thresholds_fast) == len(np.unique(x)) - 1 and 0 < penalty < 0.05 * ig_best

row_id = np.arange(len(y))  # one branch per tumour: every branch is pure
ig_id = mh.mi_discrete(row_id, y, base=2)  # H(Y) - H(Y | id) = H(Y) - 0
ratio_id = ig_id / mh.entropy_discrete(row_id, base=2)  # H(S) = log2(569)
print(f"(b) row number as an attribute: IG = {ig_id:.4f} bits = H(Y), the largest gain possible, above every real")
print(f"    feature (best: {ig_best:.4f} bits); gain ratio = {ig_id:.4f} / log2({len(y)}) = {ratio_id:.4f}, far below the")
print(f"    best threshold's {ratio[i_ratio]:.4f}. That is the case gain ratio was made for: the split entropy of a")
print("    many-valued attribute is large. (C4.5 also considers only attributes with at least average gain, so a")
print("    tiny H(S) cannot make a useless split win.)")
assert abs(ig_id - h_y) < 1e-12 and ig_id > ig_best and ratio_id < 0.2 * ratio[i_ratio]

# %% [markdown]
# **Exercise 3.** A yes/no split can gain at most 1 bit, since IG = I(S; Y) ≤ H(S) ≤ 1 bit.
# (a) On the wine data of notebook 05 (three classes, more than 1.5 bits), check the
# sharper bound IG ≤ H(S) for every threshold of every feature, and see how close the best
# split comes to 1 bit. (b) Build data on which a single split gains exactly 1 bit: what
# do the classes have to look like?

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
wine = load_wine()
X_wine = wine.data.astype(np.float32)
h_wine = mh.entropy_discrete(wine.target, base=2)
slack, wine_best = [], []
for j in range(X_wine.shape[1]):
    thr_w, gains_w = split_gains(X_wine[:, j], wine.target)
    q_w = np.array([np.mean(X_wine[:, j] <= t_w) for t_w in thr_w])  # share sent left
    h_s = -(q_w * np.log2(q_w) + (1 - q_w) * np.log2(1 - q_w))
    slack.append(np.min(h_s - gains_w))
    wine_best.append((gains_w.max(), h_s[np.argmax(gains_w)]))
j_w = int(np.argmax([g for g, _ in wine_best]))
print(f"(a) H(class) = {h_wine:.4f} bits. Over all {X_wine.shape[1]} features and their thresholds, the smallest H(S) - IG "
      f"is {min(slack):.4f} bits: the bound holds.")
print(f"    Best split: {wine.feature_names[j_w]}, IG = {wine_best[j_w][0]:.4f} bits with H(S) = {wine_best[j_w][1]:.4f}: "
      f"well below 1 bit.")
print("    (That a tree needs two levels for three cultivars follows from counting leaves: one split makes two.)")
assert h_wine > 1.5 and min(slack) >= -1e-12 and wine_best[j_w][0] < 0.7
# (b) The bound is reached when the split is a function of the class (H(S | Y) = 0) and
# cuts the data in half (H(S) = 1 bit): four equally likely classes, with a feature that
# puts classes 0 and 1 below classes 2 and 3.
rng_ex = np.random.default_rng(SEED)
y4 = np.repeat(np.arange(4), 50)
x4 = y4 + rng_ex.uniform(0, 0.5, y4.size)  # class c lives in [c, c + 0.5)
t4, ig4 = best_split(x4, y4)
print(f"(b) four classes, H(Y) = {mh.entropy_discrete(y4, base=2):.4f} bits; best split x <= {t4:.3f} gains {ig4:.12f} bits:")
print(f"    exactly 1 bit, sending classes {sorted(set(y4[x4 <= t4].tolist()))} left. Cutting off one class instead gains "
      f"{information_gain(x4, y4, 0.75):.4f} bits.")
assert abs(ig4 - 1.0) < 1e-12 and 1.5 < t4 < 2.0 and information_gain(x4, y4, 0.75) < 1.0

# %% [markdown]
# ## Summary
#
# - The information gain of a split S is H(Y) − H(Y | S) = I(S; Y): the mutual information
#   between the yes/no answer and the class, in bits in scikit-learn.
# - A tree tries the midpoints between sorted distinct values and keeps the largest gain;
#   scanning them with cumulative counts reproduces `criterion="entropy"` exactly (on float32 data).
# - Gini and entropy have similar shapes and usually pick the same threshold; where their
#   roots differ here, it is a near-tie between near-identical features that resampling
#   flips either way. scikit-learn's default is Gini; `"log_loss"` is the same criterion as
#   `"entropy"`.
# - True MI is never below the gain of a split, but estimates can be: the best gain is
#   maximised on the sample, and the kNN MI estimate has its own errors.
# - `feature_importances_` is a normalised, sample-weighted sum of training-set impurity
#   decreases over all splits on a feature: a share, not bits, not even entropy-based by
#   default, and biased towards features with many thresholds. For what a feature tells
#   about the class, estimate MI; for what a model uses, permute on held-out data.
#
# [← Previous: 05 Feature selection](05_feature_selection.ipynb) · **06 Decision trees** · [Next: 07 Clustering →](07_clustering.ipynb)
