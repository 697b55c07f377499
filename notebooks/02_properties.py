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
# # 02 · Properties of mutual information
#
# [← Previous: 01 Definition](01_definition.ipynb) · **02 Properties** · [Next: 03 MI vs correlation →](03_mi_vs_correlation.ipynb)
#
# Mutual information obeys a handful of rules that make it useful: it is never
# negative, it is symmetric, it is built from entropies, it ignores how you label or
# reparametrise a variable, it adds up along a chain rule, and processing data can
# only lose it. This notebook states each rule and then checks it with numbers:
# exactly where an exact answer exists (discrete tables, Gaussian closed forms), and
# with estimators where it does not, so you also see where estimates bend the rules.
#
# **You will learn to**
#
# - state and check non-negativity, symmetry and the entropy identities of MI;
# - tell which properties hold for the true MI and which an *estimator* keeps;
# - compute conditional MI and use the chain rule I(X; Y,Z) = I(X;Y) + I(X;Z|Y);
# - apply the data processing inequality to a Markov chain X → Y → Z;
# - read a negative MI estimate correctly instead of clipping it to zero.
#
# **Time:** about 40 minutes. Both widgets show the true value beside the estimate.

# %% [markdown]
# ## Setup
#
# Conditional quantities live in `mi_helpers.conditional`; the widgets of this
# notebook in `mi_helpers.widgets.properties`. Every random draw is seeded.

# %%
import matplotlib.pyplot as plt
import numpy as np
from scipy.special import digamma
from scipy.stats import entropy as kl_divergence

import mi_helpers as mh
from mi_helpers.conditional import (
    cmi_from_joint,
    cmi_ksg,
    conditional_entropy_discrete,
    conditional_entropy_from_joint,
    gaussian_cmi,
)
from mi_helpers.synthetic import gaussian_chain
from mi_helpers.widgets.properties import dpi_panel, invariance_panel

SEED = 0
rng = np.random.default_rng(SEED)
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. Non-negativity: I(X;Y) ≥ 0, with equality only under independence
#
# MI is a Kullback–Leibler divergence, I(X;Y) = D(P_XY ‖ P_X P_Y), and a KL divergence
# is never negative (Gibbs' inequality). The proof is one line of Jensen's inequality,
# because ln is concave:
#
# $$ -I(X;Y) = \sum_{x,y} P(x,y) \ln \frac{P(x)P(y)}{P(x,y)} \;\le\; \ln \sum_{x,y:\,P(x,y)>0} P(x)P(y) \;\le\; \ln 1 = 0, $$
#
# (sums over the pairs with P(x,y) > 0), with equality exactly when P(x,y) = P(x)P(y)
# everywhere. Check it on 2,000 random 3 × 4 joint tables. SciPy's `entropy(p, q)`
# computes the KL sum as written, with no clipping, so a negative value would show.

# %%
tables = rng.dirichlet(np.full(12, 0.5), size=2000).reshape(-1, 3, 4)


def kl_from_product(t):
    """KL(P_XY || P_X P_Y) of a stack of joint tables, shape (m, rows, cols), one value per table."""
    product = t.sum(axis=2, keepdims=True) * t.sum(axis=1, keepdims=True)
    return kl_divergence(t.reshape(len(t), -1), product.reshape(len(t), -1), axis=1)


kl_values = kl_from_product(tables)
products = rng.dirichlet(np.ones(3), size=200)[:, :, None] * rng.dirichlet(np.ones(4), size=200)[:, None, :]
kl_products = kl_from_product(products)
print(f"2,000 random tables:  smallest I = {kl_values.min():.4f}, largest I = {kl_values.max():.4f} nats")
print(f"200 independent tables: largest |I| = {np.abs(kl_products).max():.4f} nats (zero up to rounding)")

# %% [markdown]
# The same fact in a picture: for two binary variables with fixed marginals, move the
# joint table from its most negative to its most positive association (the
# `dependence` knob of notebook 01). MI touches zero at one point only, independence,
# whichever direction the association goes.

# %%
dependence = np.linspace(-1, 1, 201)
fig, ax = plt.subplots(figsize=(5.5, 3.2))
for p_x, p_y in [(0.5, 0.5), (0.3, 0.6), (0.1, 0.2)]:
    curve = [mh.mi_from_joint(mh.joint_table_2x2(p_x, p_y, d)) for d in dependence]
    ax.plot(dependence, curve, label=f"P(X=1) = {p_x}, P(Y=1) = {p_y}")
ax.axhline(0, color="black", lw=0.6)
ax.set_xlabel("dependence (0 = independent)")
ax.set_ylabel("I(X;Y) (nats)")
ax.set_title("Exact MI of 2×2 tables: never below zero")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# This is a property of the **true** MI. An *estimate* computed from a sample is a
# random number around it, and some estimators can land below zero. The Pitfall
# section below shows when.

# %% [markdown]
# ## 2. Symmetry: I(X;Y) = I(Y;X)
#
# The definition treats X and Y the same way, so MI has no direction: X tells you as
# much about Y as Y tells you about X. That is not true of *predictability*. Let X be
# uniform on {−2, −1, 0, 1, 2} and Y = X². Knowing X fixes Y; knowing Y = 4 leaves
# the sign of X open. The conditional entropies H(Y|X) and H(X|Y) differ, yet MI is
# the same both ways.

# %%
x_values = np.array([-2, -1, 0, 1, 2])
y_values = np.array([0, 1, 4])
p_sq = np.zeros((5, 3))  # rows: X, columns: Y = X^2
for i, v in enumerate(x_values):
    p_sq[i, np.searchsorted(y_values, v**2)] = 1 / 5

print(f"I(X;Y) = {mh.mi_from_joint(p_sq):.4f} nats, I(Y;X) = {mh.mi_from_joint(p_sq.T):.4f} nats")
print(f"H(Y|X) = {conditional_entropy_from_joint(p_sq.T):.4f} nats  (X fixes Y)")
print(f"H(X|Y) = {conditional_entropy_from_joint(p_sq):.4f} nats  (by hand: 4/5 ln 2 = {0.8 * np.log(2):.4f}, the unknown sign)")

# %% [markdown]
# The estimators keep symmetry too, because each one treats its two arguments alike:
# the plug-in estimator counts the same joint cells, KSG uses the same max-norm
# neighbourhoods. Here on 1,000 draws of a Gaussian pair with ρ = 0.7:

# %%
x, y = mh.correlated_gaussian(1000, 0.7, seed=SEED)
labels_x, labels_y = mh.discretize(x, 6), mh.discretize(y, 6)
print(f"closed form:  {mh.gaussian_mi(0.7):.4f} nats")
print(f"mi_ksg:       I(X;Y) = {mh.mi_ksg(x, y):.4f}, I(Y;X) = {mh.mi_ksg(y, x):.4f} nats")
print(f"mi_binned:    I(X;Y) = {mh.mi_binned(x, y):.4f}, I(Y;X) = {mh.mi_binned(y, x):.4f} nats")
print(f"mi_discrete:  I(X;Y) = {mh.mi_discrete(labels_x, labels_y):.4f}, I(Y;X) = {mh.mi_discrete(labels_y, labels_x):.4f} nats (6 bins each)")

# %% [markdown]
# The three estimators disagree with each other and with the truth (notebook 04 explains
# why; the coarse 6-bin labels also lose information, as section 7 predicts). Each one
# is symmetric all the same.

# %% [markdown]
# ## 3. MI from entropies
#
# The conditional entropy H(X|Y) is the uncertainty about X that remains once Y is
# known, averaged over Y: H(X|Y) = Σ_y P(y) H(X | Y = y) = H(X,Y) − H(Y). MI is the
# uncertainty that Y removes:
#
# $$ I(X;Y) = H(X) - H(X \mid Y) = H(Y) - H(Y \mid X) = H(X) + H(Y) - H(X,Y). $$
#
# Check all three on the X, Y = X² table:

# %%
h_x = mh.entropy_from_probs(p_sq.sum(axis=1))
h_y = mh.entropy_from_probs(p_sq.sum(axis=0))
h_xy = mh.entropy_from_probs(p_sq)
h_x_given_y = conditional_entropy_from_joint(p_sq)
h_y_given_x = conditional_entropy_from_joint(p_sq.T)
print(f"I(X;Y) from the KL definition: {mh.mi_from_joint(p_sq):.4f} nats")
print(f"H(X) - H(X|Y)         = {h_x:.4f} - {h_x_given_y:.4f} = {h_x - h_x_given_y:.4f} nats")
print(f"H(Y) - H(Y|X)         = {h_y:.4f} - {h_y_given_x:.4f} = {h_y - h_y_given_x:.4f} nats")
print(f"H(X) + H(Y) - H(X,Y)  = {h_x:.4f} + {h_y:.4f} - {h_xy:.4f} = {h_x + h_y - h_xy:.4f} nats")

# %% [markdown]
# An "information diagram" draws these as overlapping bars: H(X) and H(Y) overlap by
# exactly I(X;Y), and together they span H(X,Y). Here Y is a function of X, so H(Y|X)
# is zero and the bar of H(Y) lies entirely inside H(X).

# %%
mi_sq = h_x + h_y - h_xy
fig, ax = plt.subplots(figsize=(6.5, 2.4))
ax.barh(2, h_x, color="#4c72b0", alpha=0.7)
ax.barh(1, h_y, left=h_x - mi_sq, color="#dd8452", alpha=0.7)
ax.barh(0, h_xy, color="#999999", alpha=0.7)
ax.axvspan(h_x - mi_sq, h_x, color="#55a868", alpha=0.25)
ax.text(h_x - mi_sq / 2, 2.55, f"overlap: I(X;Y) = {mi_sq:.3f}", ha="center", va="bottom", fontsize=9)
ax.set_ylim(-0.5, 2.95)
ax.set_yticks([2, 1, 0], [f"H(X) = {h_x:.3f}", f"H(Y) = {h_y:.3f}", f"H(X,Y) = {h_xy:.3f}"])
ax.set_xlabel("nats")
ax.set_title(f"H(X|Y) = {h_x_given_y:.3f} is the part of H(X) outside H(Y)")
plt.show()

# %% [markdown]
# The identities also hold **exactly for plug-in estimates** from a sample, because
# the plug-in MI and entropies are the same formulas applied to the observed
# frequencies. Draw 300 values of X and apply Y = X²:

# %%
x_draw = rng.choice(x_values, size=300)
y_draw = x_draw**2
mi_plugin = mh.mi_discrete(x_draw, y_draw)
print(f"plug-in I(X;Y)            = {mi_plugin:.4f} nats (truth {mi_sq:.4f})")
print(f"plug-in H(X) - H(X|Y)     = {mh.entropy_discrete(x_draw) - conditional_entropy_discrete(x_draw, y_draw):.4f} nats")
print(f"plug-in H(Y) - H(Y|X)     = {mh.entropy_discrete(y_draw) - conditional_entropy_discrete(y_draw, x_draw):.4f} nats")

# %% [markdown]
# ## 4. Self-information: I(X;X) = H(X)
#
# Set Y = X in I(X;Y) = H(X) − H(X|Y): nothing about X remains unknown, H(X|X) = 0, so
# I(X;X) = H(X). A variable shares all its information with itself, and since
# H(X|Y) ≥ 0, no Y can share more: I(X;Y) ≤ min(H(X), H(Y)).

# %%
p_die = np.array([0.05, 0.05, 0.1, 0.1, 0.2, 0.5])  # a loaded die
rolls = rng.choice(6, size=500, p=p_die)
print(f"exact:   I(X;X) = {mh.mi_from_joint(np.diag(p_die)):.4f} nats, H(X) = {mh.entropy_from_probs(p_die):.4f} nats")
print(f"plug-in: I(X;X) = {mh.mi_discrete(rolls, rolls):.4f} nats, H(X) = {mh.entropy_discrete(rolls):.4f} nats (500 rolls)")

# %% [markdown]
# For a **continuous** variable H(X) becomes a differential entropy, and I(X;X) is
# infinite: an exact copy of a real number pins down infinitely many digits. No
# estimator can return infinity. KSG on (x, x) returns ψ(N) − ψ(k) exactly (every
# point's k nearest neighbours in the joint space are its k nearest neighbours in x),
# which grows like ln N without bound:

# %%
for n_self in (100, 1_000, 10_000):
    x_self = rng.standard_normal(n_self)
    print(f"N = {n_self:6d}: mi_ksg(x, x) = {mh.mi_ksg(x_self, x_self):.3f} nats, "
          f"psi(N) - psi(3) = {digamma(n_self) - digamma(3):.3f}, ln N = {np.log(n_self):.3f}")

# %% [markdown]
# A kNN estimate near ln N is therefore a warning sign: the data are close to a
# deterministic relation and the estimate says more about N than about the variables
# (notebook 12 returns to this ceiling).

# %% [markdown]
# ## 5. Invariance under invertible maps
#
# If f and g are invertible, then I(f(X); g(Y)) = I(X;Y): knowing f(X) is the same as
# knowing X. For discrete variables f is a relabelling, and the plug-in estimate is
# unchanged *exactly*, because the table of counts only gets its rows permuted:

# %%
words = np.array(["clear", "cloudy", "rain"])
sky = rng.choice(3, size=400, p=[0.5, 0.3, 0.2])
umbrella = (rng.random(400) < np.array([0.05, 0.3, 0.8])[sky]).astype(int)
print(f"codes 0/1/2:     {mh.mi_discrete(sky, umbrella):.6f} nats")
print(f"words:           {mh.mi_discrete(words[sky], umbrella):.6f} nats")
print(f"codes 7, -3, 42: {mh.mi_discrete(np.array([7, -3, 42])[sky], umbrella):.6f} nats")

# %% [markdown]
# For continuous variables the statement holds for any smooth invertible maps, even
# strongly non-linear ones such as x ↦ exp(x) or x ↦ x³ (the density changes, but the
# Jacobians cancel between the joint and the marginals). Estimators differ here:
#
# - **KSG** works with nearest neighbours, which a monotone map nearly preserves, so
#   its estimate moves only a little;
# - a **fixed-width histogram** cuts the range into equal bins. After exp(x) most
#   points crowd into the first few bins and the tail gets bins of its own, so the
#   estimate changes a lot.

# %%
rho = 0.8
x, y = mh.correlated_gaussian(2000, rho, seed=SEED)
maps = {"none": (x, y), "x -> exp(x)": (np.exp(x), y), "x -> x^3": (x**3, y), "exp(x), y^3": (np.exp(x), y**3)}
print(f"true I = {mh.gaussian_mi(rho):.3f} nats for every row (the maps are invertible)")
print(f"{'map':14s} {'KSG':>7s} {'10 bins':>8s} {'20 bins':>8s}")
for name, (u, v) in maps.items():
    print(f"{name:14s} {mh.mi_ksg(u, v):7.3f} {mh.mi_binned(u, v, bins=10):8.3f} {mh.mi_binned(u, v, bins=20):8.3f}")

# %% [markdown]
# The pictures show why: the same 10 × 10 grid of equal-width bins before and after
# x ↦ exp(x).

# %%
fig, axes = plt.subplots(1, 2, figsize=(8, 3.3), layout="constrained")
for ax, (name, (u, v)) in zip(axes, [("none", maps["none"]), ("x -> exp(x)", maps["x -> exp(x)"])]):
    ax.scatter(u, v, s=3, alpha=0.4)
    for edge in np.histogram_bin_edges(u, bins=10):
        ax.axvline(edge, color="#c44e52", lw=0.6)
    for edge in np.histogram_bin_edges(v, bins=10):
        ax.axhline(edge, color="#c44e52", lw=0.6)
    ax.set_title(f"{name}: histogram MI = {mh.mi_binned(u, v, bins=10):.3f} nats", fontsize=10)
    ax.set_xlabel("x" if name == "none" else "exp(x)")
axes[0].set_ylabel("y")
plt.show()

# %% [markdown]
# ### Try it: maps and bins
#
# Pick a map and a bin count. The true MI never moves (0.511 nats); KSG moves by a few
# hundredths; the histogram moves by tenths, by an amount that depends on the bin count.
#
# - With no map, find the bin count where the histogram matches the truth; then switch
#   to exp(x) and see it drop.
# - Compare x ↦ x³ with x ↦ exp(x): both are invertible, but they distort the grid differently.

# %%
invariance_panel()

# %% [markdown]
# A non-invertible map is different: it can lose information. x ↦ x² forgets the sign
# of x, and for this pair the sign was most of what X told about Y:

# %%
print(f"true I(X;Y) = {mh.gaussian_mi(rho):.3f} nats")
print(f"KSG: I(X;Y) = {mh.mi_ksg(x, y):.3f}, I(X^2;Y) = {mh.mi_ksg(x**2, y):.3f} nats")

# %% [markdown]
# Never more, only less: that is the data processing inequality of section 7.

# %% [markdown]
# ## 6. Conditional MI and the chain rule
#
# The conditional mutual information I(X;Y|Z) is the MI of X and Y inside each slice
# Z = z, averaged over Z:
#
# $$ I(X;Y \mid Z) = \sum_z P(z)\, I(X;Y \mid Z=z) = H(X \mid Z) - H(X \mid Y, Z). $$
#
# It obeys the **chain rule**: the information that a pair (Y, Z) carries about X
# splits into what Y carries, plus what Z adds once Y is known,
#
# $$ I(X; Y, Z) = I(X;Y) + I(X;Z \mid Y) = I(X;Z) + I(X;Y \mid Z). $$
#
# Check both orders on a random 3 × 4 × 2 table. I(X; Y,Z) treats the pair (Y, Z) as
# one variable with 8 values, i.e. the table reshaped to 3 × 8.

# %%
p_xyz = rng.dirichlet(np.full(24, 0.5)).reshape(3, 4, 2)
i_x_yz = mh.mi_from_joint(p_xyz.reshape(3, 8))
i_x_y = mh.mi_from_joint(p_xyz.sum(axis=2))
i_x_z = mh.mi_from_joint(p_xyz.sum(axis=1))
i_x_z_given_y = cmi_from_joint(p_xyz.transpose(0, 2, 1))  # axes (X, Z, Y): condition on the last
i_x_y_given_z = cmi_from_joint(p_xyz)
print(f"I(X; Y,Z)             = {i_x_yz:.5f} nats")
print(f"I(X;Y) + I(X;Z|Y)     = {i_x_y:.5f} + {i_x_z_given_y:.5f} = {i_x_y + i_x_z_given_y:.5f} nats")
print(f"I(X;Z) + I(X;Y|Z)     = {i_x_z:.5f} + {i_x_y_given_z:.5f} = {i_x_z + i_x_y_given_z:.5f} nats")

# %% [markdown]
# Conditioning can move MI either way, so I(X;Y|Z) is not "a smaller I(X;Y)":
#
# - **XOR.** X and Y are independent fair bits and Z = X xor Y. Alone, X says nothing
#   about Y; once Z is known, X gives Y away. I(X;Y) = 0 but I(X;Y|Z) = 1 bit.
# - **Common cause.** Z drives both X and Y, which are independent given Z. I(X;Y) > 0
#   but I(X;Y|Z) = 0. (Notebook 11 meets this with the month as the common cause of
#   two weather variables.)

# %%
xor = np.zeros((2, 2, 2))
for a in (0, 1):
    for b in (0, 1):
        xor[a, b, a ^ b] = 0.25
print(f"XOR:          I(X;Y) = {mh.mi_from_joint(xor.sum(axis=2), base=2):.4f} bits, I(X;Y|Z) = {cmi_from_joint(xor, base=2):.4f} bits")

p_z = np.array([0.5, 0.5])
p_x_given_z = np.array([[0.9, 0.1], [0.2, 0.8]])  # rows: z
p_y_given_z = np.array([[0.8, 0.2], [0.1, 0.9]])
common = np.einsum("l,li,lj->ijl", p_z, p_x_given_z, p_y_given_z)  # P(x, y, z)
print(f"common cause: I(X;Y) = {mh.mi_from_joint(common.sum(axis=2), base=2):.4f} bits, I(X;Y|Z) = {cmi_from_joint(common, base=2):.4f} bits")

# %% [markdown]
# For continuous data, conditional MI has a kNN estimator of its own, the
# Frenzel–Pompe extension of KSG (`cmi_ksg`; Frenzel & Pompe, *Phys. Rev. Lett.* 99,
# 204101, 2007), and jointly Gaussian variables have a closed form from the covariance
# matrix (`gaussian_cmi`). Let X = Y + Z + noise with independent causes Y and Z, and
# check the chain rule with both:

# %%
n_chain = 3000
e = rng.standard_normal((3, n_chain))
y_c, z_c = e[0], e[1]
x_c = y_c + z_c + 0.7 * e[2]
cov = np.array([[2.49, 1.0, 1.0], [1.0, 1.0, 0.0], [1.0, 0.0, 1.0]])  # Cov of (X, Y, Z): Var X = 1 + 1 + 0.49
t_x_yz = gaussian_cmi(cov, 0, [1, 2])
t_x_y = gaussian_cmi(cov, 0, 1)
t_x_z_given_y = gaussian_cmi(cov, 0, 2, 1)
est_x_yz = mh.mi_ksg(x_c, np.column_stack([y_c, z_c]))
est_x_y = mh.mi_ksg(x_c, y_c)
est_x_z_given_y = cmi_ksg(x_c, z_c, y_c)
print(f"{'':12s} {'I(X; Y,Z)':>10s} {'I(X;Y)':>8s} {'I(X;Z|Y)':>9s} {'sum':>7s}")
print(f"{'closed form':12s} {t_x_yz:10.3f} {t_x_y:8.3f} {t_x_z_given_y:9.3f} {t_x_y + t_x_z_given_y:7.3f}")
print(f"{'kNN, N=3000':12s} {est_x_yz:10.3f} {est_x_y:8.3f} {est_x_z_given_y:9.3f} {est_x_y + est_x_z_given_y:7.3f}")

# %% [markdown]
# The closed forms add up exactly. The estimates agree with them to a few hundredths,
# and satisfy the chain rule only approximately: each term is estimated with its own
# neighbourhoods and its own error.

# %% [markdown]
# ## 7. The data processing inequality
#
# X → Y → Z is a **Markov chain** when Z depends on X only through Y: P(z | x, y) =
# P(z | y), or equivalently I(X;Z|Y) = 0. Think of X as a label, Y as a measurement of
# it, Z as a feature computed from the measurement. Apply the chain rule in both orders:
#
# $$ I(X;Z) + I(X;Y \mid Z) \;=\; I(X; Y,Z) \;=\; I(X;Y) + \underbrace{I(X;Z \mid Y)}_{=\,0}, $$
#
# and since I(X;Y|Z) ≥ 0, **I(X;Z) ≤ I(X;Y)**. The same argument from the other end
# gives I(X;Z) ≤ I(Y;Z). No processing of Y, however clever, creates information about
# X that Y did not have. (Notebook 10 uses this inequality to prune indirect edges
# from a gene network.)
#
# Exact check: a fair bit X passes through two noisy lines, flipped with probability
# 0.1 and then 0.2. The end-to-end line flips with probability 0.1·0.8 + 0.9·0.2 = 0.26.

# %%
def flip_channel(q):
    """P(out | in) of a binary line that flips its input with probability q."""
    return np.array([[1 - q, q], [q, 1 - q]])


p_xyz_chain = np.einsum("i,ij,jk->ijk", np.array([0.5, 0.5]), flip_channel(0.1), flip_channel(0.2))
i_xy = mh.mi_from_joint(p_xyz_chain.sum(axis=2), base=2)
i_yz = mh.mi_from_joint(p_xyz_chain.sum(axis=0), base=2)
i_xz = mh.mi_from_joint(p_xyz_chain.sum(axis=1), base=2)
h_b = mh.entropy_from_probs([0.26, 0.74], base=2)
print(f"I(X;Y) = {i_xy:.4f}, I(Y;Z) = {i_yz:.4f}, I(X;Z) = {i_xz:.4f} bits (1 - H_b(0.26) = {1 - h_b:.4f})")
print(f"I(X;Z|Y) = {cmi_from_joint(p_xyz_chain.transpose(0, 2, 1), base=2):.4f} bits: the Markov property")
print(f"I(X;Z) <= min(I(X;Y), I(Y;Z)): {i_xz:.4f} <= {min(i_xy, i_yz):.4f}")

# %% [markdown]
# The Gaussian version: Y = X + s₁e₁ and Z = Y + s₂e₂ with independent standard normal
# noises. Every pair is bivariate Gaussian, so each MI is −½ ln(1 − r²) with r the
# pair's correlation, e.g. r(X,Z) = 1/√(1 + s₁² + s₂²). The estimates should follow,
# and the conditional MI I(X;Z|Y) should be near zero.

# %%
x_g, y_g, z_g, cov_g = gaussian_chain(2000, 0.5, 1.0, seed=SEED)
for name, (a, b), (i, j) in [
    ("I(X;Y)", (x_g, y_g), (0, 1)),
    ("I(Y;Z)", (y_g, z_g), (1, 2)),
    ("I(X;Z)", (x_g, z_g), (0, 2)),
]:
    print(f"{name}: closed form {gaussian_cmi(cov_g, i, j):.3f}, KSG {mh.mi_ksg(a, b):.3f} nats")
print(f"I(X;Z|Y): closed form {gaussian_cmi(cov_g, 0, 2, 1):.3f}, Frenzel-Pompe {cmi_ksg(x_g, z_g, y_g):.3f} nats")

# %% [markdown]
# ### Try it: a noisy chain
#
# Each slider sets the noise of one link. Blue bars are the closed forms, orange the
# KSG estimates on N draws, and the dashed line is the bound min(I(X;Y), I(Y;Z)) that
# the true I(X;Z) never crosses.
#
# - Make the first link noisy (noise X→Y = 2): everything downstream of it loses
#   information, and I(X;Z) hugs I(X;Y).
# - Make the first link almost clean (0.1) and keep the second at 1: now I(X;Z) follows
#   I(Y;Z) so closely that at N = 1000 the KSG estimate of I(X;Z) pokes above the
#   estimated bound. The inequality is about the true values; estimates obey it only
#   up to their sampling error.

# %%
dpi_panel()

# %% [markdown]
# ## Pitfall: "MI is always non-negative" said of an estimator
#
# The true MI is never negative. Tutorials often carry that over to estimates and
# either call a negative estimate a bug or "fix" it with `max(estimate, 0)`. Both are
# wrong. Estimate the MI of 300 independent Gaussian pairs of N = 200 each (true MI:
# exactly 0) with three estimators:
#
# - KSG (k = 3), whose bias is small, so its errors fall on both sides of 0;
# - the histogram with the Miller–Madow correction (4 × 4 bins), which subtracts most
#   of the plug-in bias and therefore also crosses 0;
# - the plain plug-in histogram (4 × 4 bins), which can never be negative (it is the
#   exact MI of the sample's own table of counts) and, for that very reason, is biased
#   upwards when the truth is 0.

# %%
n_pairs, n_rep = 200, 300
draws = rng.standard_normal((n_rep, 2, n_pairs))
null = {
    "KSG (k=3)": np.array([mh.mi_ksg(a, b) for a, b in draws]),
    "Miller-Madow (4 bins)": np.array([mh.mi_binned(a, b, bins=4, correction="miller-madow") for a, b in draws]),
    "plug-in (4 bins)": np.array([mh.mi_binned(a, b, bins=4) for a, b in draws]),
}
print(f"true MI = 0 nats; {n_rep} independent samples of N = {n_pairs}")
for name, values in null.items():
    print(f"{name:22s} negative in {100 * np.mean(values < 0):4.1f}% of samples, "
          f"min {values.min():+.3f}, mean {values.mean():+.4f} nats")

# %%
fig, ax = plt.subplots(figsize=(6.5, 3.2))
bins_hist = np.linspace(-0.15, 0.15, 61)
for name, values in null.items():
    ax.hist(values, bins=bins_hist, histtype="step", lw=1.5, label=name)
ax.axvline(0, color="black", lw=1, ls="--", label="true MI = 0")
ax.set_xlabel("MI estimate (nats)")
ax.set_ylabel("samples")
ax.set_title("Sampling distributions of MI estimates under independence")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# **Why "fixing" negatives is wrong.** A negative estimate is an honest draw from the
# estimator's sampling distribution; it says "no evidence of dependence". Clipping it
# at zero throws away the lower half of that distribution, so the clipped estimator is
# biased upwards, and averaging many clipped estimates does not remove the bias:

# %%
ksg_null = null["KSG (k=3)"]
print(f"mean KSG estimate:         {ksg_null.mean():+.4f} nats (truth 0)")
print(f"mean of max(estimate, 0):  {np.maximum(ksg_null, 0).mean():+.4f} nats  <- a bias created by the 'fix'")

# %% [markdown]
# The plug-in histogram shows the mirror error: it is positive in 100% of the
# independent samples, so "MI > 0, hence dependent" would flag every one of them.
#
# **The fix:** keep the sign, and read an estimate against its spread under
# independence. A permutation test gives that spread from the data themselves:
# shuffling y destroys any dependence but keeps both marginals. If the observed value
# is not in the upper tail of the shuffled values, there is no evidence of dependence,
# whatever its sign. (Notebook 12 covers permutation tests and intervals in depth.)

# %%
def permutation_p_value(a, b, n_perm=200, seed=SEED):
    """Share of shuffles whose KSG estimate reaches the observed one (with the +1 rule)."""
    perm_rng = np.random.default_rng(seed)
    observed = mh.mi_ksg(a, b)
    shuffled = np.array([mh.mi_ksg(a, perm_rng.permutation(b)) for _ in range(n_perm)])
    return observed, (1 + np.sum(shuffled >= observed)) / (n_perm + 1)


a_ind, b_ind = draws[int(np.argmin(ksg_null))]  # the most negative independent sample, N = 200
a_dep, b_dep = mh.correlated_gaussian(500, 0.4, seed=SEED)  # weak dependence, N = 500
for label, (a, b), truth in [("independent", (a_ind, b_ind), 0.0), ("rho = 0.4", (a_dep, b_dep), mh.gaussian_mi(0.4))]:
    est, p = permutation_p_value(a, b)
    print(f"{label:12s} KSG = {est:+.3f} nats (truth {truth:.3f}), permutation p = {p:.3f}")

# %% [markdown]
# The most negative of the 300 independent estimates sits below all of its shuffles
# (p = 1): an ordinary value of an estimator whose truth is 0, not a bug. The weakly
# dependent pair beats all 200 shuffles (p = 1/201, the smallest value 200 shuffles can
# give), even though its estimate is nearly twice the truth: the test answers "is there
# dependence?", which is an easier question than "how much?".

# %% [markdown]
# ## Exercises
#
# Each solution sits in a collapsed cell below its exercise, its code and its output
# both hidden so the answer is not spoiled: click the collapsed cell (or its three dots)
# to open it once you have tried.
#
# **Exercise 1.** The chain rule holds for entropy too:
# H(X,Y,Z) = H(X) + H(Y|X) + H(Z|X,Y). Check it on a random 2 × 3 × 4 table with
# `mh.entropy_from_probs` and `conditional_entropy_from_joint` (hint: H(Z|X,Y) is the
# conditional entropy of a table whose rows are Z and whose columns are the pairs (X, Y)).

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
ex_rng = np.random.default_rng(SEED)
p3 = ex_rng.dirichlet(np.ones(24)).reshape(2, 3, 4)
h_joint = mh.entropy_from_probs(p3)
h_x1 = mh.entropy_from_probs(p3.sum(axis=(1, 2)))
h_y_given_x1 = conditional_entropy_from_joint(p3.sum(axis=2).T)  # rows Y, columns X
h_z_given_xy = conditional_entropy_from_joint(p3.reshape(6, 4).T)  # rows Z, columns (X, Y)
print(f"H(X,Y,Z)                 = {h_joint:.5f} nats")
print(f"H(X) + H(Y|X) + H(Z|X,Y) = {h_x1:.5f} + {h_y_given_x1:.5f} + {h_z_given_xy:.5f} = {h_x1 + h_y_given_x1 + h_z_given_xy:.5f} nats")

# %% [markdown]
# **Exercise 2.** Feature engineering meets the data processing inequality. X is
# uniform on {0, ..., 7}; a sensor reports Y = X with probability 0.7 and a uniformly
# random value otherwise. Compute the exact I(X;Y) in bits, then I(X;Z) for the
# "feature" Z = Y // 2 (drops the last bit) and for Z = 7 − Y (invertible). Which one
# loses information?

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
sensor = 0.7 * np.eye(8) + 0.3 / 8  # P(Y = j | X = i)
p_xy8 = sensor / 8  # X uniform
print(f"I(X;Y) = {mh.mi_from_joint(p_xy8, base=2):.4f} bits")
for label, feature in [("Z = Y // 2", np.arange(8) // 2), ("Z = 7 - Y", 7 - np.arange(8))]:
    p_xz8 = np.zeros((8, feature.max() + 1))
    for j in range(8):
        p_xz8[:, feature[j]] += p_xy8[:, j]  # merge the columns that map to the same z
    print(f"I(X;Z) = {mh.mi_from_joint(p_xz8, base=2):.4f} bits for {label}")

# %% [markdown]
# **Exercise 3.** KSG is only approximately invariant under x ↦ exp(x). Make it exactly
# invariant under every *increasing* map: replace each variable by its ranks
# (`scipy.stats.rankdata`) before estimating. Compare the raw, exp and cube versions of
# the ρ = 0.8 pair from section 5, with and without ranks.

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
from scipy.stats import rankdata

print(f"true I = {mh.gaussian_mi(0.8):.3f} nats")
for name, (u, v) in maps.items():
    print(f"{name:14s} KSG {mh.mi_ksg(u, v):.4f}, KSG on ranks {mh.mi_ksg(rankdata(u), rankdata(v)):.4f} nats")

# %% [markdown]
# Ranks do not change under an increasing map, so the rank-based estimate is the same
# in every row; it is still an estimate of the same I(X;Y), since the ranks are (up to
# sampling) an invertible map of the data, the empirical CDF.

# %% [markdown]
# ## Summary
#
# - True MI is a KL divergence: I(X;Y) ≥ 0, with equality exactly under independence.
#   Estimates are random: KSG and Miller–Madow go below zero on independent data. Keep
#   the sign and compare with a permutation null instead of clipping.
# - MI is symmetric and built from entropies: I = H(X) − H(X|Y) = H(X) + H(Y) − H(X,Y),
#   and I(X;X) = H(X) (infinite for a continuous variable).
# - Invertible maps leave MI unchanged. KSG nearly keeps that property; fixed-width
#   histograms do not.
# - Chain rule: I(X; Y,Z) = I(X;Y) + I(X;Z|Y). Conditioning can raise MI (XOR) or remove
#   it (a common cause).
# - Data processing inequality: on a Markov chain X → Y → Z, I(X;Z) ≤ min(I(X;Y), I(Y;Z)).
#   Processing can only lose information.
#
# [← Previous: 01 Definition](01_definition.ipynb) · **02 Properties** · [Next: 03 MI vs correlation →](03_mi_vs_correlation.ipynb)
