"""Neural MI bounds: formulas on hand-computed score matrices, the ln K ceiling,
the optimal Gaussian critic, and trained critics against the closed form."""

from __future__ import annotations

import copy
import dataclasses
import math
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.stats import multivariate_normal

import mi_helpers as mh
from mi_helpers.significance import infonce_bound


def test_import_mi_helpers_does_not_import_jax():
    code = "import sys, mi_helpers; print(any(m == 'jax' or m.startswith('jax.') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_bounds_of_a_hand_computed_score_matrix():
    s = np.array([[2.0, 0.0], [1.0, 3.0]])
    # diagonal mean (2 + 3) / 2 = 2.5; off-diagonal entries 0 and 1
    assert mh.dv_bound(s) == pytest.approx(2.5 - math.log((1 + math.e) / 2))
    assert mh.nwj_bound(s) == pytest.approx(2.5 - (1 + math.e) / 2 / math.e)
    nce = 0.5 * ((2 - math.log((math.exp(2) + 1) / 2)) + (3 - math.log((math.e + math.exp(3)) / 2)))
    assert mh.variational_bound(s, "infonce") == pytest.approx(nce)
    assert mh.variational_bound(s, "dv", base=2) == pytest.approx(mh.dv_bound(s) / math.log(2))
    # Two batches: the mean of the per-batch values.
    both = np.stack([s, s + 1.0])
    assert mh.dv_bound(both) == pytest.approx(mh.dv_bound(s))  # DV ignores a constant shift
    assert mh.nwj_bound(both) == pytest.approx(0.5 * (mh.nwj_bound(s) + mh.nwj_bound(s + 1.0)))


def test_constant_critic_gives_zero_for_dv_and_infonce():
    s = np.full((5, 5), 0.7)
    assert mh.dv_bound(s) == pytest.approx(0.0, abs=1e-12)
    assert mh.variational_bound(s, "infonce") == pytest.approx(0.0, abs=1e-12)
    # NWJ with a constant c: c - e^(c - 1) <= 0, with equality at c = 1.
    assert mh.nwj_bound(s) == pytest.approx(0.7 - math.exp(-0.3))
    assert mh.nwj_bound(np.ones((4, 4))) == pytest.approx(0.0, abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 3), st.integers(2, 12)).map(lambda t: (t[0], t[1], t[1])),
              elements=st.floats(-200, 200)))
def test_infonce_never_exceeds_ln_k_for_any_critic(scores):
    k = scores.shape[-1]
    value = mh.variational_bound(scores, "infonce")
    assert value <= math.log(k) + 1e-12
    assert value == pytest.approx(infonce_bound(scores), abs=1e-9)


def test_infonce_reaches_ln_k_only_for_a_perfectly_separating_critic():
    k = 16
    s = np.where(np.eye(k, dtype=bool), 50.0, 0.0)
    assert mh.variational_bound(s, "infonce") == pytest.approx(math.log(k), abs=1e-12)
    # DV and NWJ are not capped: the same matrix gives 50 - ln(mean exp 0) = 50 for DV.
    assert mh.dv_bound(s) == pytest.approx(50.0)


def test_gaussian_log_ratio_equals_the_log_density_ratio():
    rho = np.array([0.3, -0.8])
    rng = np.random.default_rng(0)
    x, y = rng.standard_normal((6, 2)), rng.standard_normal((6, 2))
    s = mh.gaussian_log_ratio(x, y, rho)
    cov = np.block([[np.eye(2), np.diag(rho)], [np.diag(rho), np.eye(2)]])
    joint = multivariate_normal(np.zeros(4), cov)
    marg = multivariate_normal(np.zeros(2), np.eye(2))
    for i in range(6):
        for j in range(6):
            expected = joint.logpdf(np.r_[x[i], y[j]]) - marg.logpdf(x[i]) - marg.logpdf(y[j])
            assert s[i, j] == pytest.approx(expected, abs=1e-10)


def test_optimal_critic_bounds_on_many_batches_approach_the_truth():
    rho = 0.8
    truth = mh.gaussian_mi(rho)
    x, y = mh.correlated_gaussian(64 * 200, rho, seed=1)
    xb, yb = x.reshape(200, 64), y.reshape(200, 64)
    s = np.stack([mh.gaussian_log_ratio(a, b, rho) for a, b in zip(xb, yb)])
    assert mh.nwj_bound(s + 1.0) == pytest.approx(truth, abs=0.03)  # NWJ's optimum is 1 + log ratio
    assert mh.dv_bound(s) == pytest.approx(truth, abs=0.03)
    assert mh.variational_bound(s, "infonce") < truth  # InfoNCE with K = 64 is below I (and below ln 64)


@pytest.fixture(scope="module")
def trained():
    """One critic per bound on a 2-D Gaussian pair (rho 0.6 and 0.75: 0.223 + 0.416 = 0.639 nats), and a
    fourth run on a 1-D pair, padded to 2 inputs, trained in the same call (one compilation for all)."""
    rho = [0.6, 0.75]
    cov = np.block([[np.eye(2), np.diag(rho)], [np.diag(rho), np.eye(2)]])
    truth = mh.gaussian_blocks_mi(cov, dx=2)
    data = [mh.gaussian_blocks(6000, cov, dx=2, seed=s) for s in range(3)]
    x1, y1 = mh.correlated_gaussian(6000, 0.5, seed=3)
    res = mh.train_critics([d[0] for d in data] + [x1[:, None]], [d[1] for d in data] + [y1[:, None]],
                           bounds=["dv", "nwj", "infonce", "infonce"], seeds=[0, 1, 2, 3], hidden=32, embed=16,
                           batch_size=128, steps=500, lr=2e-3)
    return truth, res, cov, (x1, y1)


@pytest.mark.parametrize("i, bound", [(0, "dv"), (1, "nwj"), (2, "infonce")])
def test_trained_bound_lands_near_the_closed_form(trained, i, bound):
    truth, res, _, _ = trained
    r = res[i]
    assert r.bound == bound and r.curve.shape == (500,) and r.eval_values.size == 1500 // 128
    # Tolerance 0.15 nats below the truth (a lower bound, 500 steps), 0.08 above (held-out noise).
    assert truth - 0.15 < r.estimate < truth + 0.08, (bound, r.estimate, truth)


def test_training_curve_of_infonce_stays_under_ln_k(trained):
    _, res, _, _ = trained
    assert np.all(res[2].curve <= math.log(128) + 1e-5)


def test_critic_scores_reproduce_the_estimate_on_fresh_data(trained):
    truth, res, cov, _ = trained
    x, y = mh.gaussian_blocks(128 * 40, cov, dx=2, seed=99)
    s = np.stack([mh.critic_scores(res[2], a, b) for a, b in zip(x.reshape(40, 128, 2), y.reshape(40, 128, 2))])
    assert mh.variational_bound(s, "infonce") == pytest.approx(res[2].estimate, abs=0.05)


def test_a_padded_run_is_a_critic_of_the_real_inputs(trained):
    _, res, _, (x1, y1) = trained
    r = res[3]
    assert r.dims == (1, 1) and r.padded_dims == (2, 2)
    # The padded input is always 0, so the weights of that input never enter the scores (and get no gradient):
    # changing them leaves the critic's scores of the 1-D data unchanged.
    s1 = mh.critic_scores(r, x1[:64], y1[:64])
    altered = copy.deepcopy(r.params)
    altered[0][0] = (altered[0][0][0].copy(), altered[0][0][1])
    altered[0][0][0][1] = 123.0  # the weights of the padded x input
    s2 = mh.critic_scores(dataclasses.replace(r, params=altered), x1[:64], y1[:64])
    np.testing.assert_allclose(s1, s2)
    truth = mh.gaussian_mi(0.5)
    assert truth - 0.15 < r.estimate < truth + 0.08


def test_joint_critic_learns_a_gaussian_pair():
    """The joint critic f = MLP([x, y]) on all K^2 pairs: trained NWJ lands near the closed form, and
    critic_scores (NumPy) gives the matrix the training used."""
    x, y = mh.correlated_gaussian(3000, 0.8, seed=5)
    res = mh.train_critic(x, y, bound="nwj", critic="joint", hidden=32, batch_size=32, steps=400, lr=2e-3, seed=0)
    truth = mh.gaussian_mi(0.8)
    assert res.critic == "joint" and truth - 0.2 < res.estimate < truth + 0.1
    s = mh.critic_scores(res, x[:32], y[:32])
    assert s.shape == (32, 32) and np.mean(np.diag(s)) > np.mean(s)  # joint pairs score higher


def test_bad_arguments_are_refused():
    x, y = mh.correlated_gaussian(300, 0.5, seed=0)
    with pytest.raises(ValueError, match="bound"):
        mh.train_critic(x, y, bound="mine", seed=0)
    with pytest.raises(ValueError, match="batch_size"):
        mh.train_critic(x, y, batch_size=200, seed=0)
    with pytest.raises(ValueError, match="ema"):
        mh.train_critic(x, y, ema=0.0, seed=0)
    with pytest.raises(ValueError, match="critic"):
        mh.train_critic(x, y, critic="bilinear", seed=0)
    with pytest.raises(ValueError, match="ema"):
        mh.train_critics([x[:, None]] * 2, [y[:, None]] * 2, seeds=[0, 1], ema=[0.5])
    with pytest.raises(ValueError, match="seeds"):
        mh.train_critics([x[:, None]], [y[:, None]], seeds=0)
    with pytest.raises(ValueError, match="scores"):
        mh.dv_bound(np.zeros((3, 4)))
    with pytest.raises(ValueError, match="K >= 2"):
        mh.nwj_bound(np.zeros((1, 1)))
    with pytest.raises(ValueError, match="NaN"):
        mh.dv_bound(np.array([[0.0, np.nan], [1.0, 2.0]]))
    with pytest.raises(ValueError, match="rho"):
        mh.gaussian_log_ratio(x[:4], y[:4], 1.0)


def _mine_step_gradient(log_ma, alpha, t):
    """The gradient the training step uses for "dv": read from Adam's first moment after one step from m = 0."""
    jax = pytest.importorskip("jax")
    jnp = jax.numpy
    from mi_helpers import neural

    rng = np.random.default_rng(0)
    x, y = mh.correlated_gaussian(64, 0.8, seed=0)
    params = [neural._init_mlp(rng, [1, 8, 8, 4]), neural._init_mlp(rng, [1, 8, 8, 4])]
    stacked = jax.tree.map(lambda leaf: jnp.asarray(leaf[None], jnp.float32), params)
    zeros = jax.tree.map(jnp.zeros_like, stacked)
    step = neural._compiled("separable", 2)
    xb = jnp.asarray(x[None, :, None], jnp.float32)
    yb = jnp.asarray(y[None, :, None], jnp.float32)
    idx = np.arange(32, dtype=np.int32)[None]
    out = step(stacked, zeros, zeros, jnp.asarray([log_ma], jnp.float32), jnp.float32(t), xb, yb, idx,
               jnp.asarray([0]), jnp.float32(1e-3), jnp.asarray([alpha], jnp.float32))
    moment = jax.tree.map(lambda leaf: leaf[0] / 0.1, out[1])  # m = (1 - beta1) g after one step from 0
    return params, x[:32], y[:32], moment, float(out[3][0])


def _reference_mine_gradient(params, x, y, log_denominator):
    """Independent formula (Belghazi et al. 2018, eq. 12): grad of -(mean f_ii - sum_off e^f_ij f_ij / (n D))
    with the weights e^f_ij / D held fixed; D = exp(log_denominator)."""
    jax = pytest.importorskip("jax")
    jnp = jax.numpy

    def mlp(p, h):
        for w, b in p[:-1]:
            h = jnp.maximum(h @ w + b, 0.0)
        return h @ p[-1][0] + p[-1][1]

    def scores(p):
        g, h = p
        return mlp(g, jnp.asarray(x[:, None])) @ mlp(h, jnp.asarray(y[:, None])).T / 2.0  # sqrt(embed = 4)

    k = x.size
    off = ~np.eye(k, dtype=bool)
    weights = np.where(off, np.exp(np.asarray(scores(params), dtype=np.float64) - log_denominator), 0.0)

    def surrogate(p):
        s = scores(p)
        return -(jnp.mean(jnp.diag(s)) - jnp.sum(jnp.asarray(weights) * s) / (k * (k - 1)))

    p64 = jax.tree.map(lambda leaf: jnp.asarray(leaf, jnp.float32), params)
    return jax.grad(surrogate)(p64), np.asarray(scores(p64), dtype=np.float64)


def _assert_trees_close(a, b, rtol, atol):
    import jax

    for u, v in zip(jax.tree.leaves(a), jax.tree.leaves(b)):
        np.testing.assert_allclose(np.asarray(u), np.asarray(v), rtol=rtol, atol=atol)


@pytest.mark.parametrize("stale_log_ma", [-3.0, 0.0, 2.0])
def test_mine_with_ema_1_follows_the_plain_gradient_of_the_batch_dv(stale_log_ma):
    """With alpha = 1 the moving average is the current batch's mean of e^f, whatever came in: the step's
    gradient is the gradient of the batch DV value, and the stale incoming average has no effect."""
    params, x, y, grad, new_log_ma = _mine_step_gradient(stale_log_ma, 1.0, t=5)
    _, s = _reference_mine_gradient(params, x, y, 0.0)
    off = s[~np.eye(32, dtype=bool)]
    batch_log_mean = float(np.log(np.mean(np.exp(off))))
    reference, _ = _reference_mine_gradient(params, x, y, batch_log_mean)
    _assert_trees_close(grad, reference, rtol=2e-3, atol=1e-5)
    assert new_log_ma == pytest.approx(batch_log_mean, abs=1e-4)


def test_mine_moving_average_is_updated_before_it_divides():
    """alpha = 0.25 and an incoming average A: the denominator is 0.75 A + 0.25 (batch mean of e^f)."""
    log_a = 1.5
    params, x, y, grad, new_log_ma = _mine_step_gradient(log_a, 0.25, t=5)
    _, s = _reference_mine_gradient(params, x, y, 0.0)
    batch_mean = np.mean(np.exp(s[~np.eye(32, dtype=bool)]))
    expected = math.log(0.75 * math.exp(log_a) + 0.25 * batch_mean)
    assert new_log_ma == pytest.approx(expected, abs=1e-4)
    reference, _ = _reference_mine_gradient(params, x, y, expected)
    _assert_trees_close(grad, reference, rtol=2e-3, atol=1e-5)
    stale, _ = _reference_mine_gradient(params, x, y, log_a)  # dividing by the incoming average is different
    jax = pytest.importorskip("jax")
    gap = max(float(np.abs(np.asarray(u) - np.asarray(v)).max()) for u, v in zip(jax.tree.leaves(grad), jax.tree.leaves(stale)))
    assert gap > 1e-3


def test_mine_first_step_starts_the_average_at_the_batch_value():
    params, x, y, grad, new_log_ma = _mine_step_gradient(7.0, 0.01, t=1)
    _, s = _reference_mine_gradient(params, x, y, 0.0)
    batch_log_mean = float(np.log(np.mean(np.exp(s[~np.eye(32, dtype=bool)]))))
    assert new_log_ma == pytest.approx(batch_log_mean, abs=1e-4)


@pytest.mark.parametrize("scale", [1.0, 300.0])
def test_infonce_step_stays_finite_when_off_diagonal_scores_are_large(scale):
    """Regression: every run used to compute e^(mean off-diagonal e^f) for NWJ and MINE too, which overflows
    float32 once an off-diagonal score passes about 89; 0 * inf made the InfoNCE value and gradient NaN.
    With scores of a few hundred the step must return the float64 InfoNCE of the same score matrix and the
    gradient of an independent InfoNCE loss."""
    jax = pytest.importorskip("jax")
    jnp = jax.numpy
    from mi_helpers import neural

    rng = np.random.default_rng(1)
    x, y = mh.correlated_gaussian(64, 0.9, seed=2)
    g = neural._init_mlp(rng, [1, 8, 8, 4])
    g[-1] = (g[-1][0] * scale, g[-1][1])
    params = [g, neural._init_mlp(rng, [1, 8, 8, 4])]
    p32 = jax.tree.map(lambda leaf: jnp.asarray(leaf, jnp.float32), params)
    xb, yb = jnp.asarray(x[:32, None], jnp.float32), jnp.asarray(y[:32, None], jnp.float32)
    s = np.asarray(neural._scores(p32, xb, yb, "separable", jnp), dtype=np.float64)
    if scale > 1:
        assert np.abs(s[~np.eye(32, dtype=bool)]).max() > 150  # far past float32's e^89

    def reference_loss(p):  # InfoNCE written out directly, nothing shared with the training step
        sc = neural._scores(p, xb, yb, "separable", jnp)
        return -jnp.mean(jnp.diag(sc) - jax.nn.logsumexp(sc, axis=1))

    reference = jax.grad(reference_loss)(p32)
    stacked = jax.tree.map(lambda leaf: jnp.asarray(leaf[None], jnp.float32), params)
    stacked = jax.tree.map(lambda leaf: jnp.concatenate([leaf, leaf]), stacked)  # two runs: InfoNCE and NWJ
    zeros = jax.tree.map(jnp.zeros_like, stacked)
    data_x = jnp.asarray(np.stack([x[:, None]] * 2), jnp.float32)
    data_y = jnp.asarray(np.stack([y[:, None]] * 2), jnp.float32)
    idx = np.stack([np.arange(32, dtype=np.int32)] * 2)
    step = neural._compiled("separable", 2)
    out = step(stacked, zeros, zeros, jnp.zeros(2, jnp.float32), jnp.float32(3.0), data_x, data_y, idx,
               jnp.asarray([2, 1]), jnp.float32(1e-3), jnp.asarray([0.01, 0.01], jnp.float32))
    value = float(out[4][0])
    assert math.isfinite(value)
    assert value == pytest.approx(mh.variational_bound(s, "infonce"), abs=1e-3 * max(1.0, abs(value)))
    moment = jax.tree.map(lambda leaf: leaf[0] / 0.1, out[1])  # m = (1 - beta1) g after one step from 0
    _assert_trees_close(moment, reference, rtol=2e-3, atol=1e-4 * scale)
