"""Tests of mi_helpers.conditional against exact values and independent references.

References used: hand-computed joint tables, brute-force sums of the
definition written here, scikit-learn's ``mutual_info_score`` per stratum,
SciPy's ``entropy``, the Gaussian partial correlation from the precision
matrix and the conditional covariance (Schur complement), and a brute-force
O(n^2) Frenzel-Pompe estimator written in this file.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.special import digamma
from scipy.stats import entropy as scipy_entropy
from sklearn.metrics import mutual_info_score

from mi_helpers.conditional import (
    StratumWarning,
    cmi_discrete,
    cmi_from_joint,
    cmi_ksg,
    cmi_stratified,
    conditional_entropy_discrete,
    conditional_entropy_from_joint,
    gaussian_cmi,
)
from mi_helpers.estimators import gaussian_mi, mi_binned, mi_discrete, mi_ksg

LN2 = math.log(2.0)


def h_b(p):
    """Binary entropy in nats."""
    return -p * math.log(p) - (1 - p) * math.log(1 - p)


def samples_from_counts(counts):
    """Label arrays whose empirical joint frequencies are exactly ``counts`` (any ndim)."""
    counts = np.asarray(counts)
    cols = [[] for _ in range(counts.ndim)]
    for idx in np.ndindex(counts.shape):
        for axis, v in enumerate(idx):
            cols[axis].extend([v] * int(counts[idx]))
    return [np.array(c) for c in cols]


def brute_cmi_table(p):
    """Definition of I(X;Y|Z) as a triple loop, in nats."""
    p = np.asarray(p, float) / np.sum(p)
    pz = p.sum(axis=(0, 1))
    pxz = p.sum(axis=1)
    pyz = p.sum(axis=0)
    total = 0.0
    for i, j, l in np.ndindex(p.shape):
        if p[i, j, l] > 0:
            total += p[i, j, l] * math.log(p[i, j, l] * pz[l] / (pxz[i, l] * pyz[j, l]))
    return total


# XOR: X, Y fair independent bits, Z = X xor Y.
XOR = np.zeros((2, 2, 2))
for _a in (0, 1):
    for _b in (0, 1):
        XOR[_a, _b, _a ^ _b] = 0.25


# --------------------------------------------------------------------------
# Exact tables
# --------------------------------------------------------------------------


def test_conditional_entropy_from_joint_hand_value():
    # P(Y=0) = 3/4 with X|Y=0 ~ (1/3, 2/3); X|Y=1 is certain.
    p = np.array([[0.25, 0.25], [0.5, 0.0]])
    assert conditional_entropy_from_joint(p) == pytest.approx(0.75 * h_b(1 / 3), abs=1e-12)
    assert conditional_entropy_from_joint(p, base=2) == pytest.approx(0.75 * h_b(1 / 3) / LN2, abs=1e-12)
    # Counts are normalised.
    assert conditional_entropy_from_joint(p * 40) == pytest.approx(0.75 * h_b(1 / 3), abs=1e-12)


def test_conditional_entropy_extremes():
    # X a copy of Y: nothing left. X independent of Y: H(X|Y) = H(X).
    assert conditional_entropy_from_joint(np.diag([0.2, 0.3, 0.5])) == pytest.approx(0.0, abs=1e-12)
    px, py = np.array([0.1, 0.9]), np.array([0.3, 0.3, 0.4])
    assert conditional_entropy_from_joint(np.outer(px, py)) == pytest.approx(scipy_entropy(px), abs=1e-12)


def test_cmi_from_joint_xor_and_common_cause():
    assert cmi_from_joint(XOR) == pytest.approx(LN2, abs=1e-12)
    assert cmi_from_joint(XOR, base=2) == pytest.approx(1.0, abs=1e-12)
    # X and Y independent given Z (common cause Z): I(X;Y|Z) = 0 though I(X;Y) > 0.
    pz = np.array([0.3, 0.7])
    px_z = np.array([[0.9, 0.1], [0.2, 0.8]])  # rows: z
    py_z = np.array([[0.6, 0.3, 0.1], [0.1, 0.2, 0.7]])
    p = np.einsum("l,li,lj->ijl", pz, px_z, py_z)
    assert cmi_from_joint(p) == pytest.approx(0.0, abs=1e-12)
    p_xy = p.sum(axis=2)
    assert mutual_info_score(None, None, contingency=p_xy * 1e6) > 0.01


def test_cmi_from_joint_matches_brute_force_on_random_tables():
    rng = np.random.default_rng(1)
    for shape in [(2, 3, 4), (3, 3, 2), (5, 2, 3)]:
        p = rng.random(shape) * (rng.random(shape) > 0.2)
        assert cmi_from_joint(p) == pytest.approx(brute_cmi_table(p), abs=1e-12)


def test_cmi_from_joint_with_constant_z_is_mi():
    p_xy = np.array([[0.3, 0.1], [0.05, 0.55]])
    expected = mutual_info_score(None, None, contingency=p_xy * 1e6)
    assert cmi_from_joint(p_xy[:, :, None]) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    "bad, exc",
    [(np.ones((2, 2)), ValueError), (-np.ones((2, 2, 2)), ValueError), (np.zeros((2, 2, 2)), ValueError), ("abc", TypeError)],
)
def test_cmi_from_joint_rejects(bad, exc):
    with pytest.raises(exc, match="p_xyz"):
        cmi_from_joint(bad)


def test_conditional_entropy_from_joint_rejects():
    with pytest.raises(ValueError, match="p_xy"):
        conditional_entropy_from_joint(np.ones(3))
    with pytest.raises(ValueError, match="base"):
        conditional_entropy_from_joint(np.ones((2, 2)), base=1)


# --------------------------------------------------------------------------
# Gaussian closed forms
# --------------------------------------------------------------------------


def partial_corr(cov, i, j):
    prec = np.linalg.inv(cov)
    return -prec[i, j] / math.sqrt(prec[i, i] * prec[j, j])


def test_gaussian_cmi_equals_partial_correlation_form():
    rng = np.random.default_rng(2)
    a = rng.standard_normal((5, 5))
    cov = a @ a.T + 0.5 * np.eye(5)
    # Scalars X=0, Y=1 given Z={2,3,4}: -0.5 ln(1 - r^2), r the partial correlation.
    r = partial_corr(cov, 0, 1)
    assert gaussian_cmi(cov, 0, 1, [2, 3, 4]) == pytest.approx(-0.5 * math.log(1 - r * r), rel=1e-10)
    # Given one variable only: partial correlation of the 3x3 sub-covariance.
    sub = cov[np.ix_([0, 1, 3], [0, 1, 3])]
    r = partial_corr(sub, 0, 1)
    assert gaussian_cmi(cov, 0, 1, 3) == pytest.approx(-0.5 * math.log(1 - r * r), rel=1e-10)


def test_gaussian_cmi_vector_blocks_schur_complement():
    rng = np.random.default_rng(3)
    a = rng.standard_normal((6, 6))
    cov = a @ a.T + np.eye(6)
    x, y, z = [0, 4], [1, 5], [2, 3]
    xy = x + y
    cond = cov[np.ix_(xy, xy)] - cov[np.ix_(xy, z)] @ np.linalg.solve(cov[np.ix_(z, z)], cov[np.ix_(z, xy)])
    expected = 0.5 * (np.linalg.slogdet(cond[:2, :2])[1] + np.linalg.slogdet(cond[2:, 2:])[1] - np.linalg.slogdet(cond)[1])
    assert gaussian_cmi(cov, x, y, z) == pytest.approx(expected, rel=1e-10)
    assert gaussian_cmi(cov, x, y, z, base=2) == pytest.approx(expected / LN2, rel=1e-10)


def test_gaussian_cmi_without_z_is_gaussian_mi():
    cov = np.array([[1.0, 0.6], [0.6, 1.0]])
    assert gaussian_cmi(cov, 0, 1) == pytest.approx(-0.5 * math.log(1 - 0.36), rel=1e-12)


def test_gaussian_cmi_markov_chain_is_zero():
    # X -> Y -> Z with Y = X + e1, Z = Y + e2: X and Z are independent given Y.
    s1, s2 = 0.7, 1.3
    cov = np.array([[1, 1, 1], [1, 1 + s1**2, 1 + s1**2], [1, 1 + s1**2, 1 + s1**2 + s2**2]])
    assert gaussian_cmi(cov, 0, 2, 1) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize(
    "kwargs, exc, word",
    [
        (dict(cov=np.eye(3), x=0, y=0), ValueError, "disjoint"),
        (dict(cov=np.eye(3), x=0, y=3), ValueError, "y"),
        (dict(cov=np.eye(3), x=0.5, y=1), TypeError, "x"),
        (dict(cov=np.eye(3), x=[], y=1), ValueError, "x"),
        (dict(cov=np.ones(3), x=0, y=1), ValueError, "cov"),
        (dict(cov=np.array([[1, 2], [0, 1.0]]), x=0, y=1), ValueError, "symmetric"),
        (dict(cov=np.array([[1, 2], [2, 1.0]]), x=0, y=1), ValueError, "positive definite"),
        (dict(cov=np.eye(3), x=True, y=1), TypeError, "x"),
    ],
)
def test_gaussian_cmi_rejects(kwargs, exc, word):
    with pytest.raises(exc, match=word):
        gaussian_cmi(**kwargs)


# --------------------------------------------------------------------------
# Plug-in estimates from labels
# --------------------------------------------------------------------------


def test_conditional_entropy_discrete_exact_frequencies():
    x, y = samples_from_counts([[1, 1], [2, 0]])
    assert conditional_entropy_discrete(x, y) == pytest.approx(0.75 * h_b(1 / 3), abs=1e-12)
    assert conditional_entropy_discrete(x, y, base=2) == pytest.approx(0.75 * h_b(1 / 3) / LN2, abs=1e-12)


def test_conditional_entropy_discrete_matches_scipy_loop():
    rng = np.random.default_rng(4)
    x = rng.choice(["a", "b", "c"], 500)
    y = rng.integers(0, 4, 500)
    expected = 0.0
    for v in np.unique(y):
        sel = x[y == v]
        _, counts = np.unique(sel, return_counts=True)
        expected += sel.size / x.size * scipy_entropy(counts)
    assert conditional_entropy_discrete(x, y) == pytest.approx(expected, abs=1e-12)
    # Identity H(X|Y) = H(X) - I(X;Y), with sklearn for the MI.
    _, cx = np.unique(x, return_counts=True)
    assert conditional_entropy_discrete(x, y) == pytest.approx(scipy_entropy(cx) - mutual_info_score(x, y), abs=1e-12)


def test_cmi_discrete_xor_exact_frequencies():
    x, y, z = samples_from_counts(np.array(XOR * 4, dtype=int))
    assert cmi_discrete(x, y, z) == pytest.approx(LN2, abs=1e-12)
    assert cmi_discrete(x, y, z, base=2) == pytest.approx(1.0, abs=1e-12)
    assert mi_discrete(x, y) == pytest.approx(0.0, abs=1e-12)


def test_cmi_discrete_equals_weighted_sklearn_per_stratum():
    rng = np.random.default_rng(5)
    n = 2000
    z = rng.choice(["winter", "summer", "spring"], n)
    x = rng.integers(0, 3, n)
    y = (x + (z == "summer") * rng.integers(0, 2, n) + rng.integers(0, 2, n)) % 4
    expected = sum(np.mean(z == v) * mutual_info_score(x[z == v], y[z == v]) for v in np.unique(z))
    assert cmi_discrete(x, y, z) == pytest.approx(expected, abs=1e-12)


def test_cmi_discrete_two_column_z_is_joint_label():
    rng = np.random.default_rng(6)
    n = 1000
    z = rng.integers(0, 2, (n, 2))
    x = rng.integers(0, 3, n)
    y = (x + z[:, 0]) % 3
    joint = z[:, 0] * 2 + z[:, 1]
    assert cmi_discrete(x, y, z) == pytest.approx(cmi_discrete(x, y, joint), abs=1e-12)


def test_discrete_rejects_bad_input():
    with pytest.raises(ValueError, match="same number of samples"):
        cmi_discrete([0, 1, 0], [0, 1], [1, 1, 1])
    with pytest.raises(ValueError, match="z"):
        cmi_discrete([0, 1], [0, 1], [])
    with pytest.raises(TypeError, match="base"):
        cmi_discrete([0, 1], [0, 1], [0, 0], base="2")
    with pytest.raises(ValueError, match="y"):
        conditional_entropy_discrete([0, 1], np.zeros((2, 2, 2)))


# --------------------------------------------------------------------------
# Frenzel-Pompe kNN
# --------------------------------------------------------------------------


def brute_frenzel_pompe(x, y, z, k):
    """O(n^2) Frenzel-Pompe with explicit max-norm distance matrices."""
    cols = [np.atleast_2d(a.T).T for a in (x, y, z)]
    cols = [(a - a.mean(axis=0)) / a.std(axis=0) for a in cols]

    def dist(a):
        return np.max(np.abs(a[:, None, :] - a[None, :, :]), axis=2)

    d_xyz = dist(np.hstack(cols))
    np.fill_diagonal(d_xyz, np.inf)
    eps = np.sort(d_xyz, axis=1)[:, k - 1]

    def count(a):
        d = dist(a)
        np.fill_diagonal(d, np.inf)
        return np.sum(d < eps[:, None], axis=1)

    n_xz = count(np.hstack([cols[0], cols[2]]))
    n_yz = count(np.hstack([cols[1], cols[2]]))
    n_z = count(cols[2])
    return digamma(k) - np.mean(digamma(n_xz + 1) + digamma(n_yz + 1) - digamma(n_z + 1))


@pytest.mark.parametrize("k", [1, 3, 6])
def test_cmi_ksg_matches_brute_force(k):
    rng = np.random.default_rng(7)
    n = 200
    z = rng.standard_normal((n, 2))
    x = z[:, 0] + 0.5 * rng.standard_normal(n)
    y = 3.0 * (x + z[:, 1]) + rng.standard_normal(n)
    assert cmi_ksg(x, y, z, k=k) == pytest.approx(brute_frenzel_pompe(x, y, z, k), abs=1e-10)


def gaussian_chain(n, s1, s2, seed):
    rng = np.random.default_rng(seed)
    e = rng.standard_normal((3, n))
    x = e[0]
    y = x + s1 * e[1]
    z = y + s2 * e[2]
    cov = np.array([[1, 1, 1], [1, 1 + s1**2, 1 + s1**2], [1, 1 + s1**2, 1 + s1**2 + s2**2]])
    return x, y, z, cov


def test_cmi_ksg_close_to_gaussian_truth():
    x, y, z, cov = gaussian_chain(3000, 0.8, 1.0, seed=8)
    # Conditionally independent: X and Z given Y.
    assert abs(cmi_ksg(x, z, y)) < 0.03
    # Dependent given Z: truth from the covariance.
    truth = gaussian_cmi(cov, 0, 1, 2)
    assert cmi_ksg(x, y, z) == pytest.approx(truth, abs=0.04)
    assert cmi_ksg(x, y, z, base=2) == pytest.approx(cmi_ksg(x, y, z) / LN2, rel=1e-12)


def test_cmi_ksg_independent_z_recovers_mi_and_constant_z_is_mi_ksg():
    rng = np.random.default_rng(9)
    n = 2000
    x = rng.standard_normal(n)
    y = 0.8 * x + 0.6 * rng.standard_normal(n)
    noise = rng.standard_normal(n)
    assert cmi_ksg(x, y, noise) == pytest.approx(gaussian_mi(0.8), abs=0.05)
    assert cmi_ksg(x, y, np.ones(n)) == pytest.approx(mi_ksg(x, y), abs=1e-12)


def test_cmi_ksg_scale_free():
    rng = np.random.default_rng(10)
    x, y, z = rng.standard_normal((3, 300))
    y = y + x + z
    assert cmi_ksg(1000 * x, y - 5, 0.01 * z) == pytest.approx(cmi_ksg(x, y, z), abs=1e-9)


def test_cmi_ksg_rejects_bad_input():
    x = np.arange(10.0)
    with pytest.raises(ValueError, match="same number of samples"):
        cmi_ksg(x, x, x[:5])
    with pytest.raises(ValueError, match=r"k=10 needs at least k \+ 2"):
        cmi_ksg(x, x, x, k=10)
    with pytest.raises(TypeError, match="k"):
        cmi_ksg(x, x, x, k=2.0)
    with pytest.raises(TypeError, match="z"):
        cmi_ksg(x, x, np.array(["a"] * 10))
    with pytest.raises(ValueError, match="y"):
        cmi_ksg(x, np.where(x > 5, np.nan, x), x)


# --------------------------------------------------------------------------
# Stratified
# --------------------------------------------------------------------------


def test_cmi_stratified_with_mi_discrete_equals_cmi_discrete():
    rng = np.random.default_rng(11)
    n = 1500
    z = rng.choice(["jan", "feb", "mar", "apr"], n)
    x = rng.integers(0, 3, n)
    y = (x * (z == "jan") + rng.integers(0, 3, n)) % 3
    value = cmi_stratified(x, y, z, estimator=mi_discrete, min_count=2)
    assert value == pytest.approx(cmi_discrete(x, y, z), abs=1e-12)
    assert cmi_stratified(x, y, z, estimator=mi_discrete, base=2) == pytest.approx(cmi_discrete(x, y, z, base=2), abs=1e-12)


def test_cmi_stratified_gaussian_strata_truth():
    # Within stratum m, corr(X, Y) = rho_m; the truth is sum_m P(m) gaussian_mi(rho_m).
    rng = np.random.default_rng(12)
    rhos = {0: 0.0, 1: 0.5, 2: 0.8}
    sizes = {0: 1000, 1: 2000, 2: 1000}
    xs, ys, zs = [], [], []
    for m, r in rhos.items():
        a, b = rng.standard_normal((2, sizes[m]))
        xs.append(a)
        ys.append(r * a + math.sqrt(1 - r * r) * b)
        zs.append(np.full(sizes[m], m))
    x, y, z = map(np.concatenate, (xs, ys, zs))
    truth = sum(sizes[m] / 4000 * gaussian_mi(r) for m, r in rhos.items())
    value, strata = cmi_stratified(x, y, z, k=4, return_strata=True)
    assert value == pytest.approx(truth, abs=0.03)
    assert list(strata) == [0, 1, 2]
    for m, r in rhos.items():
        n_m, mi_m = strata[m]
        assert n_m == sizes[m]
        assert mi_m == pytest.approx(mi_ksg(x[z == m], y[z == m], k=4), abs=1e-12)  # kwargs reached the estimator
        assert mi_m == pytest.approx(gaussian_mi(r), abs=0.06)


def test_cmi_stratified_other_estimator_and_kwargs():
    rng = np.random.default_rng(13)
    x, y = rng.standard_normal((2, 600))
    z = np.repeat([1, 2], 300)
    expected = 0.5 * (mi_binned(x[:300], y[:300], bins=5) + mi_binned(x[300:], y[300:], bins=5))
    assert cmi_stratified(x, y, z, estimator=mi_binned, bins=5) == pytest.approx(expected, abs=1e-12)


def test_cmi_stratified_drops_small_strata_with_warning():
    rng = np.random.default_rng(14)
    x, y = rng.standard_normal((2, 210))
    z = np.array(["big"] * 200 + ["tiny"] * 10)
    with pytest.warns(StratumWarning, match="left out 10 of 210"):
        value, strata = cmi_stratified(x, y, z, min_count=20, return_strata=True)
    assert value == pytest.approx(mi_ksg(x[:200], y[:200]), abs=1e-12)
    assert strata["tiny"][0] == 10 and math.isnan(strata["tiny"][1])
    with pytest.raises(ValueError, match="min_count"):
        cmi_stratified(x, y, z, min_count=500)


def test_cmi_stratified_rejects_bad_input():
    x = np.arange(40.0)
    z = np.repeat([0, 1], 20)
    with pytest.raises(TypeError, match="estimator"):
        cmi_stratified(x, x, z, estimator="ksg")
    with pytest.raises(ValueError, match="same number of samples"):
        cmi_stratified(x, x[:30], z)
    with pytest.raises(TypeError, match="min_count"):
        cmi_stratified(x, x, z, min_count=2.5)
    with pytest.raises(ValueError, match="min_count"):
        cmi_stratified(x, x, z, min_count=1)
    with pytest.raises(ValueError, match="base"):
        cmi_stratified(x, x, z, base=-1)
    with pytest.raises(TypeError, match="return_strata"):
        cmi_stratified(x, x, z, return_strata="yes")
    with pytest.raises(ValueError, match="z_labels"):
        cmi_stratified(x, x, np.zeros((40, 2, 2)))


# --------------------------------------------------------------------------
# The Gaussian chain sampler (mi_helpers.synthetic) used by notebook 02
# --------------------------------------------------------------------------


def test_gaussian_chain_cov_and_sample():
    from mi_helpers.synthetic import gaussian_chain, gaussian_chain_cov

    x, y, z, cov = gaussian_chain(200_000, 0.6, 1.5, seed=0)
    np.testing.assert_allclose(np.cov(np.vstack([x, y, z])), cov, atol=0.03)
    np.testing.assert_allclose(cov, gaussian_chain_cov(0.6, 1.5))
    # Markov: X and Z independent given Y; DPI on the closed forms.
    assert gaussian_cmi(cov, 0, 2, 1) == pytest.approx(0.0, abs=1e-12)
    r = np.corrcoef(np.vstack([x, y, z]))
    assert gaussian_cmi(cov, 0, 2) <= min(gaussian_cmi(cov, 0, 1), gaussian_cmi(cov, 1, 2))
    assert gaussian_cmi(cov, 0, 2) == pytest.approx(gaussian_mi(r[0, 2]), abs=0.01)
    # Same seed, same draw.
    np.testing.assert_array_equal(gaussian_chain(10, 0.6, 1.5, seed=3)[2], gaussian_chain(10, 0.6, 1.5, seed=3)[2])


def test_gaussian_chain_rejects():
    from mi_helpers.synthetic import gaussian_chain, gaussian_chain_cov

    with pytest.raises(ValueError, match="noise1"):
        gaussian_chain_cov(-1.0, 1.0)
    with pytest.raises(TypeError, match="noise2"):
        gaussian_chain_cov(1.0, "big")
    with pytest.raises(ValueError, match="seed"):
        gaussian_chain(10, 1.0, 1.0, seed=None)
    with pytest.raises(ValueError, match="n"):
        gaussian_chain(0, 1.0, 1.0, seed=0)
