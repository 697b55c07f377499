"""CLR, MRNET, false discovery control, precision-recall curves, the ARACNE
tolerance conventions and the share of non-monotone regulation.

References: line-by-line ports of the C loops of R's minet 3.6 (clr, mrnet,
aracne with eps), written here as plain Python; SciPy's
false_discovery_control; scikit-learn's precision_recall_curve and
average_precision_score; hand-computed small cases.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import false_discovery_control
from sklearn.metrics import average_precision_score
from sklearn.metrics import precision_recall_curve as sk_precision_recall_curve

from mi_helpers.networks import (
    REGULATIONS,
    aracne,
    average_precision,
    benjamini_hochberg,
    clr,
    mrnet,
    permutation_pvalues,
    precision_recall_curve,
    simulate_expression,
)


def random_mi(p, seed, zero_diagonal=True):
    rng = np.random.default_rng(seed)
    a = rng.gamma(2.0, 0.1, size=(p, p))
    m = np.triu(a, 1)
    m = m + m.T
    if not zero_diagonal:
        np.fill_diagonal(m, 3.0)
    return m


# ------------------------------------------------------------------ references ported from minet's C code


def minet_clr(mim):
    """minet 3.6 src/clr.cpp, loop for loop."""
    n = mim.shape[0]
    avg = [sum(mim[i, j] for j in range(n)) / n for i in range(n)]
    var = [sum((mim[i, j] - avg[i]) ** 2 for j in range(n)) / n for i in range(n)]
    res = np.zeros((n, n))
    for i in range(1, n):
        for j in range(i):
            tmp = mim[i, j] - avg[i]
            zi = 0.0 if tmp < 0 else tmp * tmp / var[i]
            tmp = mim[i, j] - avg[j]
            zj = 0.0 if tmp < 0 else tmp * tmp / var[j]
            res[i, j] = res[j, i] = math.sqrt(zi * zi + zj * zj)
    return res


def minet_mrnet(mim):
    """minet 3.6 src/mrnet.cpp (function mrnet), loop for loop, 0-based."""
    n = mim.shape[0]
    res = np.zeros((n, n))
    jmax = 0
    for i in range(n):
        rel = [mim[i, j] for j in range(n)]
        red = [0.0] * n
        for j in range(n):
            if rel[j] > rel[jmax]:
                jmax = j
        score = rel[jmax]
        if res[i, jmax] < score:
            res[jmax, i] = res[i, jmax] = score
        rel[jmax] = -1000.0
        for l in range(n):
            red[l] += mim[l, jmax]
        k = 1
        while k < n - 1:
            jmax = 0
            for j in range(1, n):
                if rel[j] - red[j] / k > rel[jmax] - red[jmax] / k:
                    jmax = j
            score = rel[jmax] - red[jmax] / k
            if res[i, jmax] < score:
                res[jmax, i] = res[i, jmax] = score
            rel[jmax] = -1000.0
            for l in range(n):
                red[l] += mim[l, jmax]
            if score < 0:
                k = n
            k += 1
    return res


def minet_aracne(mim, eps):
    """minet 3.6 src/aracne.cpp, loop for loop: additive tolerance."""
    n = mim.shape[0]
    tag = np.ones((n, n), dtype=bool)
    for i in range(2, n):
        for j in range(1, i):
            for k in range(j):
                eps1 = mim[j, k] - mim[i, j]
                eps2 = mim[i, k] - mim[i, j]
                eps3 = mim[i, k] - mim[j, k]
                if eps3 > 0:
                    if eps1 > 0:
                        if eps1 > eps:
                            tag[i, j] = tag[j, i] = False
                    elif eps2 > 0:
                        if -eps1 > eps:
                            tag[j, k] = tag[k, j] = False
                    elif eps3 > eps:
                        tag[j, k] = tag[k, j] = False
                elif eps2 > 0:
                    if eps2 > eps:
                        tag[i, j] = tag[j, i] = False
                elif eps1 > 0:
                    if -eps2 > eps:
                        tag[i, k] = tag[k, i] = False
                elif -eps3 > eps:
                    tag[i, k] = tag[k, i] = False
    return np.where(tag, mim, 0.0)


# ------------------------------------------------------------------ CLR


def test_clr_by_hand_on_three_genes():
    m = np.array([[0.0, 0.9, 0.1], [0.9, 0.0, 0.5], [0.1, 0.5, 0.0]])
    # Faith: each gene's background is its two other MIs. Gene 0: {0.9, 0.1}, mean 0.5, sd 0.4.
    z = {(0, 1): 1.0, (0, 2): 0.0, (1, 0): (0.9 - 0.7) / 0.2, (1, 2): 0.0, (2, 1): (0.5 - 0.3) / 0.2, (2, 0): 0.0}
    out = clr(m)
    assert out[0, 1] == pytest.approx(math.hypot(z[0, 1], z[1, 0]))
    assert out[1, 2] == pytest.approx(math.hypot(z[1, 2], z[2, 1]))
    assert out[0, 2] == pytest.approx(0.0)
    np.testing.assert_allclose(out, out.T)
    assert np.all(np.diag(out) == 0)


@pytest.mark.parametrize("seed", range(5))
def test_clr_minet_variant_equals_the_minet_loop(seed):
    m = random_mi(9, seed)
    np.testing.assert_allclose(clr(m, variant="minet"), minet_clr(m), atol=1e-12)
    # The diagonal is ignored: entropies there change nothing.
    np.testing.assert_allclose(clr(random_mi(9, seed, zero_diagonal=False), variant="minet"), minet_clr(m), atol=1e-12)


def test_clr_faith_uses_the_z_scores_of_each_row_without_the_diagonal():
    m = random_mi(7, 11, zero_diagonal=False)
    p = m.shape[0]
    out = clr(m)
    for i in range(p):
        for j in range(i + 1, p):
            zs = []
            for g, h in ((i, j), (j, i)):
                others = np.array([m[g, k] for k in range(p) if k != g])
                zs.append(max(0.0, (m[g, h] - others.mean()) / others.std()))
            assert out[i, j] == pytest.approx(math.hypot(*zs), abs=1e-12)


def test_clr_rejects_bad_input():
    with pytest.raises(ValueError, match="variant"):
        clr(random_mi(4, 0), variant="zscore")
    with pytest.raises(ValueError, match="symmetric"):
        clr(np.arange(9.0).reshape(3, 3))
    with pytest.raises(ValueError, match="NaN"):
        clr(np.array([[0, np.nan, 1], [np.nan, 0, 1], [1, 1, 0]]))


# ------------------------------------------------------------------ MRNET


def test_mrnet_by_hand_on_a_chain():
    # X - Y - Z with I(X;Z) below both others: around Y, X is picked first (0.8),
    # then Z scores 0.6 - I(Z;X) = 0.6 - 0.3 = 0.3 > 0. Around X, Y is picked (0.8),
    # then Z scores 0.3 - I(Z;Y) = 0.3 - 0.6 < 0: stop. So X-Z never gets a positive score.
    m = np.array([[0.0, 0.8, 0.3], [0.8, 0.0, 0.6], [0.3, 0.6, 0.0]])
    out = mrnet(m)
    assert out[0, 1] == pytest.approx(0.8)
    assert out[1, 2] == pytest.approx(0.6)  # around Z, Y comes first with 0.6
    assert out[0, 2] == 0.0
    np.testing.assert_allclose(out, out.T)


@pytest.mark.parametrize("seed", range(8))
def test_mrnet_equals_the_minet_loop(seed):
    m = random_mi(8, seed)
    np.testing.assert_allclose(mrnet(m), minet_mrnet(m), atol=1e-12)


def test_mrnet_ignores_the_diagonal():
    np.testing.assert_allclose(mrnet(random_mi(6, 3, zero_diagonal=False)), mrnet(random_mi(6, 3)))


# ------------------------------------------------------------------ ARACNE conventions


@settings(max_examples=40, deadline=None)
@given(p=st.integers(3, 8), eps=st.sampled_from([0.0, 0.01, 0.05, 0.2]), seed=st.integers(0, 2**32 - 1))
def test_additive_aracne_equals_the_minet_loop(p, eps, seed):
    m = random_mi(p, seed)  # a full matrix, as minet prunes it
    np.testing.assert_array_equal(aracne(m, tolerance=eps, convention="additive"), minet_aracne(m, eps))


def test_conventions_agree_at_zero_and_differ_otherwise():
    m = np.array([[0.0, 1.0, 0.5], [1.0, 0.0, 0.55], [0.5, 0.55, 0.0]])
    # 0.5 < 0.55: removed at tolerance 0 in both conventions.
    for convention in ("multiplicative", "additive"):
        assert aracne(m, tolerance=0.0, convention=convention)[0, 2] == 0.0
    # Multiplicative 0.15: 0.5 < 0.85 * 0.55 = 0.4675? No, kept. Additive 0.04: 0.5 < 0.51, removed.
    assert aracne(m, tolerance=0.15)[0, 2] == 0.5
    assert aracne(m, tolerance=0.04, convention="additive")[0, 2] == 0.0
    assert aracne(m, tolerance=0.06, convention="additive")[0, 2] == 0.5
    # An additive tolerance in nats may exceed 1.
    assert aracne(m, tolerance=2.0, convention="additive")[0, 2] == 0.5


def test_aracne_convention_is_checked():
    with pytest.raises(ValueError, match="convention"):
        aracne(random_mi(3, 0), convention="relative")
    with pytest.raises(ValueError, match="tolerance"):
        aracne(random_mi(3, 0), tolerance=-0.1, convention="additive")
    with pytest.raises(ValueError, match="tolerance"):
        aracne(random_mi(3, 0), tolerance=1.5)


# ------------------------------------------------------------------ p-values and Benjamini-Hochberg


def test_permutation_pvalues_count_the_null_at_or_above():
    null = np.array([0.1, 0.2, 0.2, 0.3, 0.5])
    obs = np.array([0.0, 0.2, 0.25, 0.5, 0.9])
    expected = [(1 + sum(v >= o for v in null)) / 6 for o in obs]
    np.testing.assert_allclose(permutation_pvalues(obs, null), expected)
    rng = np.random.default_rng(1)
    big_null, big_obs = rng.standard_normal(1000), rng.standard_normal((4, 5))
    loop = np.array([[(1 + np.sum(big_null >= o)) / 1001 for o in row] for row in big_obs])
    np.testing.assert_allclose(permutation_pvalues(big_obs, big_null), loop)
    with pytest.raises(ValueError, match="empty"):
        permutation_pvalues(obs, [])


def test_benjamini_hochberg_by_hand():
    p = np.array([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216])
    # alpha = 0.05, m = 10: thresholds 0.005 k. p_(5) = 0.042 <= 0.025? no; p_(2) = 0.008 <= 0.010 yes,
    # p_(3) = 0.039 <= 0.015 no, and no larger k passes: reject the two smallest.
    np.testing.assert_array_equal(benjamini_hochberg(p), [True, True] + [False] * 8)
    # A later k that passes rejects every smaller p-value too (step-up).
    q = np.array([0.02, 0.03, 0.035, 0.04])  # 0.04 <= 0.05 * 4 / 4
    assert benjamini_hochberg(q).all()


@pytest.mark.parametrize("seed", range(5))
def test_benjamini_hochberg_equals_scipy(seed):
    rng = np.random.default_rng(seed)
    p = np.concatenate([rng.uniform(size=80), rng.uniform(0, 0.01, size=20)]).reshape(10, 10)
    for alpha in (0.01, 0.05, 0.2):
        np.testing.assert_array_equal(benjamini_hochberg(p, alpha=alpha), false_discovery_control(p.ravel()).reshape(10, 10) <= alpha)


def test_benjamini_hochberg_rejects_bad_input():
    with pytest.raises(ValueError, match="alpha"):
        benjamini_hochberg([0.1, 0.2], alpha=1.5)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        benjamini_hochberg([0.1, 1.2])


# ------------------------------------------------------------------ precision-recall curves


def upper(m):
    return m[np.triu_indices(m.shape[0], 1)]


@pytest.mark.parametrize("seed", range(4))
def test_precision_recall_curve_equals_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    p = 12
    truth = np.triu(rng.random((p, p)) < 0.2, 1)
    truth = truth | truth.T
    s = np.round(rng.random((p, p)), 1)  # coarse scores: many ties
    s = np.triu(s, 1) + np.triu(s, 1).T
    precision, recall, thresholds = precision_recall_curve(s, truth)
    sk_p, sk_r, sk_t = sk_precision_recall_curve(upper(truth), upper(s))
    # scikit-learn: increasing thresholds, plus a final (precision 1, recall 0) point.
    np.testing.assert_allclose(precision, sk_p[:-1][::-1])
    np.testing.assert_allclose(recall, sk_r[:-1][::-1])
    np.testing.assert_allclose(thresholds, sk_t[::-1])
    assert average_precision(s, truth) == pytest.approx(average_precision_score(upper(truth), upper(s)), abs=1e-12)


def test_average_precision_of_perfect_and_reversed_rankings():
    truth = np.zeros((5, 5), bool)
    truth[0, 1] = truth[1, 0] = truth[2, 3] = truth[3, 2] = True
    assert average_precision(truth.astype(float), truth) == 1.0
    # Tied: all 10 pairs enter at once, precision 2/10 at recall 1.
    assert average_precision(np.ones((5, 5)), truth) == pytest.approx(0.2)
    # Reversed, with distinct scores: the 2 true pairs come last among 10: precision 1/9 then 2/10.
    iu = np.triu_indices(5, 1)
    s = np.zeros((5, 5))
    s[iu] = np.where(truth[iu], [0.0] * 10, np.arange(1.0, 11.0))
    s[1, 0], s[3, 2] = s[0, 1], s[2, 3]
    s[2, 3] = s[3, 2] = 0.5
    s = np.triu(s, 1) + np.triu(s, 1).T
    assert average_precision(s, truth) == pytest.approx(0.5 * (1 / 9) + 0.5 * (2 / 10))
    with pytest.raises(ValueError, match="no edge"):
        average_precision(np.ones((4, 4)), np.zeros((4, 4)))


# ------------------------------------------------------------------ the share of non-monotone regulation


def test_nonmonotone_share_sets_the_shapes_and_keeps_the_network():
    x0, t0, e0 = simulate_expression(200, seed=4, return_edges=True, nonmonotone_share=0.0)
    x1, t1, e1 = simulate_expression(200, seed=4, return_edges=True, nonmonotone_share=1.0)
    _, t_default, e_default = simulate_expression(200, seed=4, return_edges=True)
    np.testing.assert_array_equal(t0, t_default)
    np.testing.assert_array_equal(t1, t_default)
    assert {k for *_, k, _ in e0} <= {"linear", "activation", "repression"}
    assert {k for *_, k, _ in e1} <= {"quadratic", "sine"}
    assert [(a, b, s) for a, b, _, s in e0] == [(a, b, s) for a, b, _, s in e_default]


def test_nonmonotone_share_is_the_probability_of_a_non_monotone_shape():
    kinds = [k for seed in range(200) for *_, k, _ in simulate_expression(3, seed=seed, return_edges=True, nonmonotone_share=0.25)[2]]
    share = np.mean([k in ("quadratic", "sine") for k in kinds])
    n = len(kinds)
    assert abs(share - 0.25) < 4 * math.sqrt(0.25 * 0.75 / n)
    counts = {k: kinds.count(k) for k in REGULATIONS}
    assert counts["quadratic"] > 0 and counts["sine"] > 0 and counts["linear"] > 0


def test_nonmonotone_share_is_checked():
    with pytest.raises(ValueError, match="nonmonotone_share"):
        simulate_expression(10, seed=0, nonmonotone_share=1.5)
    with pytest.raises(ValueError, match="nonmonotone_share"):
        simulate_expression(10, seed=0, nonmonotone_share=True)


def test_a_share_of_0_4_gives_the_default_shapes():
    for seed in range(200):
        default = simulate_expression(3, seed=seed, return_edges=True)[2]
        assert simulate_expression(3, seed=seed, return_edges=True, nonmonotone_share=0.4)[2] == default


@pytest.mark.parametrize(
    "bad, error",
    [
        ({"tolerance": 2.0}, ValueError),
        ({"tolerance": -0.1, "convention": "additive"}, ValueError),
        ({"convention": "both"}, ValueError),
        ({"bins": "nope"}, ValueError),
        ({"n_permutations": 0}, ValueError),
        ({"max_memory": 10}, ValueError),
        ({"seed": None}, ValueError),
    ],
)
def test_relevance_network_checks_every_option_before_the_costly_steps(monkeypatch, bad, error):
    import mi_helpers.networks as networks

    def never(*args, **kwargs):
        raise AssertionError("the matrix was computed before the options were checked")

    monkeypatch.setattr(networks, "pairwise_mi", never)
    monkeypatch.setattr(networks, "permutation_null", never)
    x, _ = simulate_expression(60, n_genes=6, seed=1)
    kwargs = {"seed": 0, **bad}
    with pytest.raises(error):
        networks.relevance_network(x, **kwargs)
