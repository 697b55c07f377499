"""Neural (variational) lower bounds on MI: DV/MINE, NWJ and InfoNCE.

A *critic* f(x, y) is a function that should be large for pairs drawn
together from p(x, y) and small for pairs drawn apart from p(x) p(y). For a
batch of K pairs (x_i, y_i) its *score matrix* is ``scores[i, j] = f(x_i,
y_j)``: the diagonal holds the K joint pairs, the K(K - 1) off-diagonal
entries pair an x with another row's y, a sample of the product of the
marginals. Every bound here is a function of that matrix:

* Donsker-Varadhan [DV]_, the bound MINE maximises [MINE]_:
  I_DV = mean_i f_ii - ln mean_{i != j} exp f_ij;
* Nguyen-Wainwright-Jordan [NWJ]_:
  I_NWJ = mean_i f_ii - e^{-1} mean_{i != j} exp f_ij;
* InfoNCE [CPC]_: I_NCE = mean_i [f_ii - ln((1/K) sum_j exp f_ij)] <= ln K
  (the same formula as :func:`mi_helpers.significance.infonce_bound`).

For any critic, the population values E_P[f] - ln E_Q[e^f] (DV) and
E_P[f] - e^{-1} E_Q[e^f] (NWJ) are at most I(X;Y). Their batch estimates
differ: InfoNCE's expectation over batches is a lower bound for every K and
every critic [Poole]_; NWJ's batch value is unbiased for its bound for a
fixed critic; DV's batch value is biased upward (the ln of a batch mean,
Jensen), so a batch mean of DV can exceed I, by far at high MI. The best
critic is the log density ratio ln p(x, y) / (p(x) p(y)) up to a constant
(DV, InfoNCE) or plus 1 (NWJ). No distribution-free lower bound from N samples can
certify more than O(ln N) nats [MS]_. :func:`train_critic` fits a small MLP critic by gradient
ascent on one bound (Adam), with gradients from JAX.

JAX is imported only inside the training functions: ``import mi_helpers``
does not import it, and the bound functions of a score matrix and
:func:`gaussian_log_ratio` need NumPy only. Install it with
``pip install "mi-helpers[neural]"`` (the course's requirements pin it).

References
----------
.. [DV] M. D. Donsker, S. R. S. Varadhan, "Asymptotic evaluation of certain
   Markov process expectations for large time, IV", Communications on Pure
   and Applied Mathematics 36, 183-212 (1983).
.. [MINE] M. I. Belghazi, A. Baratin, S. Rajeswar, S. Ozair, Y. Bengio,
   A. Courville, R. D. Hjelm, "Mutual information neural estimation",
   ICML 2018 (PMLR 80, 531-540).
.. [NWJ] X. Nguyen, M. J. Wainwright, M. I. Jordan, "Estimating divergence
   functionals and the likelihood ratio by convex risk minimization", IEEE
   Transactions on Information Theory 56, 5847-5861 (2010).
.. [CPC] A. van den Oord, Y. Li, O. Vinyals, "Representation learning with
   contrastive predictive coding", arXiv:1807.03748 (2018).
.. [Poole] B. Poole, S. Ozair, A. van den Oord, A. A. Alemi, G. Tucker, "On
   variational bounds of mutual information", ICML 2019 (PMLR 97, 5171-5180).
.. [SE] J. Song, S. Ermon, "Understanding the limitations of variational
   mutual information estimators", ICLR 2020.
.. [MS] D. McAllester, K. Stratos, "Formal limitations on the measurement of
   mutual information", AISTATS 2020 (PMLR 108, 875-884).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field

import numpy as np

from ._validation import check_int, log_base
from .synthetic import make_rng

__all__ = [
    "BOUNDS",
    "CRITICS",
    "NeuralMIResult",
    "critic_scores",
    "dv_bound",
    "gaussian_log_ratio",
    "nwj_bound",
    "train_critic",
    "train_critics",
    "variational_bound",
]

#: The bounds :func:`train_critic` can maximise, in a fixed order (their index is used inside training).
BOUNDS = ("dv", "nwj", "infonce")
#: Critic architectures: "separable" f(x, y) = g(x) . h(y); "joint" f(x, y) = MLP([x, y]).
CRITICS = ("separable", "joint")


# --------------------------------------------------------------------------
# The bounds as functions of a score matrix (NumPy or JAX arrays)
# --------------------------------------------------------------------------


def _logsumexp(a, axis, xp):
    top = xp.max(a, axis=axis, keepdims=True)
    if xp is np:
        top = np.where(np.isfinite(top), top, 0.0)
    else:  # JAX: the shift carries no gradient (it cancels exactly)
        import jax

        top = jax.lax.stop_gradient(xp.where(xp.isfinite(top), top, 0.0))
    return xp.log(xp.sum(xp.exp(a - top), axis=axis)) + xp.squeeze(top, axis=axis)


def _bound_parts(s, xp):
    """Per batch: mean of the diagonal, ln-mean-exp of the off-diagonal, InfoNCE.

    ``s`` has shape (B, K, K); returns three arrays of shape (B,).
    """
    k = s.shape[-1]
    eye = xp.eye(k, dtype=bool)
    joint = xp.mean(xp.diagonal(s, axis1=-2, axis2=-1), axis=-1)
    off = xp.where(eye, -xp.inf, s).reshape(s.shape[:-2] + (k * k,))
    log_mean_exp_off = _logsumexp(off, -1, xp) - math.log(k * (k - 1))
    nce = xp.mean(xp.diagonal(s, axis1=-2, axis2=-1) - _logsumexp(s, -1, xp), axis=-1) + math.log(k)
    return joint, log_mean_exp_off, nce


def _as_scores(scores) -> np.ndarray:
    try:
        s = np.asarray(scores, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"scores must be an array of real numbers: {exc}") from None
    if s.ndim == 2:
        s = s[None]
    if s.ndim != 3 or s.shape[1] != s.shape[2]:
        raise ValueError(f"scores must have shape (K, K) or (B, K, K), got {np.shape(scores)}")
    if s.shape[1] < 2:
        raise ValueError(f"scores needs K >= 2 pairs per batch (off-diagonal entries), got K = {s.shape[1]}")
    if not np.all(np.isfinite(s)):
        raise ValueError("scores holds NaN or infinite values")
    return s


def dv_bound(scores, *, base=math.e) -> float:
    """Donsker-Varadhan lower bound (the bound of MINE) from critic scores.

    I_DV = mean_i f(x_i, y_i) - ln mean_{i != j} exp f(x_i, y_j), per batch,
    averaged over batches. The off-diagonal pairs are the sample of
    p(x) p(y). Unbounded above (no ln K ceiling). The ln of a batch mean
    makes a batch value biased *upward* (Jensen), so it is not itself a
    lower bound. With the optimal critic on a Gaussian pair, a first-order
    (delta-method) approximation gives a variance of about
    rho^2 / K + (e^{2I} - 1) / (K (K - 1)), valid only while
    K (K - 1) >> e^{2I}; beyond, the batch mean of e^f misses its rare large
    terms and the value overshoots. In general, Song and Ermon prove that
    with the optimal critic the variance of such estimators (DV, NWJ) is at
    least of order (e^I - 1) / K, exponential in the MI [SE]_.

    Parameters
    ----------
    scores : array-like, shape (K, K) or (B, K, K), K >= 2
        ``scores[..., i, j] = f(x_i, y_j)``.
    base : float, default e

    Returns
    -------
    float
        Nats (or ``base`` units). O(B K^2).

    Raises
    ------
    TypeError
        If ``scores`` is not numeric.
    ValueError
        If ``scores`` is not square, has K < 2, or holds NaN or infinite
        values; if ``base`` is not a valid logarithm base.

    References
    ----------
    .. [SE] J. Song, S. Ermon, "Understanding the limitations of variational
       mutual information estimators", ICLR 2020.

    Examples
    --------
    >>> import numpy as np, mi_helpers as mh
    >>> s = np.array([[2.0, 0.0], [1.0, 3.0]])  # diagonal mean 2.5, off-diagonal 0 and 1
    >>> round(mh.dv_bound(s), 3)  # 2.5 - ln((1 + e) / 2)
    1.88
    """
    lb = log_base(base)
    joint, lme, _ = _bound_parts(_as_scores(scores), np)
    return float(np.mean(joint - lme)) / lb


def nwj_bound(scores, *, base=math.e) -> float:
    """Nguyen-Wainwright-Jordan lower bound from critic scores.

    I_NWJ = mean_i f(x_i, y_i) - e^{-1} mean_{i != j} exp f(x_i, y_j).
    For a fixed critic its batch value is unbiased for the bound (no
    logarithm of a batch mean); tight for f = 1 + ln p(x, y) / (p(x) p(y)).
    With that optimal critic the off-diagonal terms e^{f - 1} = p / q are
    uncorrelated with variance E_P[p/q] - 1, which is e^{2I} - 1 for a
    Gaussian pair, so the variance of a batch value is
    Var_P(ln p/q) / K + (e^{2I} - 1) / (K (K - 1)): exponential in I [SE]_.

    Parameters
    ----------
    scores : array-like, shape (K, K) or (B, K, K), K >= 2
        ``scores[..., i, j] = f(x_i, y_j)``.
    base : float, default e

    Returns
    -------
    float
        Nats (or ``base`` units). O(B K^2).

    Raises
    ------
    TypeError
        If ``scores`` is not numeric.
    ValueError
        If ``scores`` is not square, has K < 2, or holds NaN or infinite
        values; if ``base`` is not a valid logarithm base.

    References
    ----------
    .. [SE] J. Song, S. Ermon, "Understanding the limitations of variational
       mutual information estimators", ICLR 2020.

    Examples
    --------
    >>> import numpy as np, mi_helpers as mh
    >>> s = np.array([[2.0, 0.0], [1.0, 3.0]])
    >>> round(mh.nwj_bound(s), 3)  # 2.5 - (1 + e) / (2 e)
    1.816
    """
    lb = log_base(base)
    joint, lme, _ = _bound_parts(_as_scores(scores), np)
    return float(np.mean(joint - np.exp(lme - 1.0))) / lb


def variational_bound(scores, bound, *, base=math.e) -> float:
    """One of :data:`BOUNDS` ("dv", "nwj", "infonce") from a score matrix.

    ``"infonce"`` gives the same value as
    :func:`mi_helpers.significance.infonce_bound` (mean over rows of
    f_ii - ln((1/K) sum_j f_ij), at most ln K).

    Parameters
    ----------
    scores : array-like, shape (K, K) or (B, K, K), K >= 2
        ``scores[..., i, j] = f(x_i, y_j)``.
    bound : {"dv", "nwj", "infonce"}
    base : float, default e

    Returns
    -------
    float
        Nats (or ``base`` units). O(B K^2).

    Raises
    ------
    TypeError
        If ``scores`` is not numeric or ``bound`` is not a string.
    ValueError
        If ``scores`` is not square, has K < 2, or holds NaN or infinite
        values; if ``bound`` is not one of BOUNDS; if ``base`` is not a valid logarithm base.

    Examples
    --------
    >>> import numpy as np, mi_helpers as mh
    >>> s = np.array([[2.0, 0.0], [1.0, 3.0]])
    >>> round(mh.variational_bound(s, "infonce"), 3)  # at most ln 2 = 0.693
    0.566
    """
    name = _check_bound(bound)
    lb = log_base(base)
    s = _as_scores(scores)
    if name == "infonce":  # needs only the row-wise logsumexp, not the off-diagonal mean of e^f
        k = s.shape[-1]
        value = np.diagonal(s, axis1=-2, axis2=-1) - _logsumexp(s, -1, np) + math.log(k)
        return float(np.mean(value)) / lb
    joint, lme, _ = _bound_parts(s, np)
    value = {"dv": joint - lme, "nwj": joint - np.exp(lme - 1.0)}[name]
    return float(np.mean(value)) / lb


def gaussian_log_ratio(x, y, rho) -> np.ndarray:
    """Score matrix of the optimal critic for coordinate-paired Gaussians.

    For standard Gaussian vectors with corr(x_k, y_k) = rho_k and every
    other pair independent, returns ``S[i, j] = ln p(y_j | x_i) - ln p(y_j)``
    = sum_k [-0.5 ln(1 - rho_k^2) - (y_jk - rho_k x_ik)^2 / (2(1 - rho_k^2))
    + y_jk^2 / 2], the log density ratio ln p(x_i, y_j) / (p(x_i) p(y_j)).
    Its diagonal mean estimates I(X;Y) = -0.5 sum_k ln(1 - rho_k^2).

    Parameters
    ----------
    x, y : array-like, shape (K, d) or (K,)
    rho : float or array-like of shape (d,), each in (-1, 1)

    Returns
    -------
    ndarray, shape (K, K), nats. O(K^2 d) time, O(K^2 + K d) memory.

    Raises
    ------
    ValueError
        If x and y differ in shape or are not (K, d), or a rho lies
        outside (-1, 1).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> mh.gaussian_log_ratio([0.0, 1.0], [0.0, 1.0], 0.6).round(3)
    array([[ 0.223, -0.058],
           [-0.058,  0.598]])
    """
    xa = np.asarray(x, dtype=float)
    ya = np.asarray(y, dtype=float)
    xa = xa[:, None] if xa.ndim == 1 else xa
    ya = ya[:, None] if ya.ndim == 1 else ya
    if xa.ndim != 2 or ya.shape != xa.shape:
        raise ValueError(f"x and y must have the same shape (K, d), got {np.shape(x)} and {np.shape(y)}")
    r = np.broadcast_to(np.asarray(rho, dtype=float), (xa.shape[1],))
    if not np.all(np.abs(r) < 1):
        raise ValueError(f"every rho must lie in (-1, 1), got {np.asarray(rho)}")
    s2 = 1.0 - r * r
    # The square (y - rho x)^2 expanded: a row term, a column term and one (K, d) x (d, K) product,
    # so no (K, K, d) array is formed.
    row = -0.5 * np.sum(np.log(s2)) - (xa**2) @ (r * r / (2 * s2))
    col = (ya**2) @ (0.5 - 1.0 / (2 * s2))
    return row[:, None] + col[None, :] + (xa * (r / s2)) @ ya.T


def _check_bound(bound) -> str:
    if not isinstance(bound, str):
        raise TypeError(f"bound must be one of {BOUNDS}, got {type(bound).__name__}")
    if bound not in BOUNDS:
        raise ValueError(f"bound must be one of {BOUNDS}, got {bound!r}")
    return bound


# --------------------------------------------------------------------------
# The critic: a small MLP, as plain arrays (NumPy forward for evaluation)
# --------------------------------------------------------------------------


def _init_mlp(rng, sizes):
    """He-normal hidden weights, LeCun-normal output weights, zero biases: [(W, b), ...]."""
    gains = [2.0] * (len(sizes) - 2) + [1.0]
    return [(rng.standard_normal((a, b)) * np.sqrt(gain / a), np.zeros(b))
            for a, b, gain in zip(sizes[:-1], sizes[1:], gains)]


def _mlp(params, h, xp):
    for w, b in params[:-1]:
        h = xp.maximum(h @ w + b, 0.0)
    w, b = params[-1]
    return h @ w + b


def _scores(params, x, y, critic, xp):
    """Score matrix f(x_i, y_j) of batches x (..., K, dx), y (..., K, dy)."""
    if critic == "separable":
        g, h = params
        gx, hy = _mlp(g, x, xp), _mlp(h, y, xp)
        # Divided by sqrt(embed) so that scores start near unit scale whatever the embedding size.
        return gx @ xp.swapaxes(hy, -1, -2) / math.sqrt(gx.shape[-1])
    (w1, b1), *rest = params
    dx = x.shape[-1]
    # The first layer of MLP([x_i, y_j]) split into its x and y parts, broadcast over all pairs.
    first = (x @ w1[:dx])[..., :, None, :] + (y @ w1[dx:])[..., None, :, :] + b1
    return _mlp(rest, xp.maximum(first, 0.0), xp)[..., 0]


def critic_scores(result, x, y) -> np.ndarray:
    """Score matrix of a trained critic on new data (NumPy only).

    Parameters
    ----------
    result : NeuralMIResult
    x : array-like, shape (K, dx) or (K,);  y : shape (K, dy) or (K,)

    Returns
    -------
    ndarray, shape (K, K): ``S[i, j] = f(x_i, y_j)`` (float64; the critic was
    trained in float32).

    Raises
    ------
    TypeError
        If ``result`` is not a NeuralMIResult or x, y are not numeric.
    ValueError
        If x and y differ in length, hold NaN, or do not match the
        dimensions the critic was trained on.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> x, y = mh.correlated_gaussian(2000, 0.8, seed=0)
    >>> res = mh.train_critic(x, y, steps=200, seed=0)  # doctest: +SKIP
    >>> mh.critic_scores(res, x[:64], y[:64]).shape  # doctest: +SKIP
    (64, 64)
    """
    if not isinstance(result, NeuralMIResult):
        raise TypeError(f"result must be a NeuralMIResult, got {type(result).__name__}")
    xa, ya = _as_rows(x, "x"), _as_rows(y, "y")
    if xa.shape[0] != ya.shape[0]:
        raise ValueError(f"x and y must have the same number of rows, got {xa.shape[0]} and {ya.shape[0]}")
    if xa.shape[1] != result.dims[0] or ya.shape[1] != result.dims[1]:
        raise ValueError(f"the critic was trained on dimensions {result.dims}, got {(xa.shape[1], ya.shape[1])}")
    pad_x, pad_y = result.padded_dims
    xa = np.pad(xa, ((0, 0), (0, pad_x - xa.shape[1])))
    ya = np.pad(ya, ((0, 0), (0, pad_y - ya.shape[1])))
    return _scores(result.params, xa, ya, result.critic, np)


def _as_rows(a, name) -> np.ndarray:
    try:
        arr = np.asarray(a, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of real numbers: {exc}") from None
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2:
        raise ValueError(f"{name} must have shape (n,) or (n, d), got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} holds NaN or infinite values")
    return arr


# --------------------------------------------------------------------------
# Training (JAX)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class NeuralMIResult:
    """A trained critic and its MI estimate.

    Attributes
    ----------
    estimate : float
        The bound on the held-out rows, nats: mean over held-out batches of
        ``batch_size`` pairs (for InfoNCE this is at most ln(batch_size)).
    bound, critic : str
    batch_size, steps : int
    curve : ndarray, shape (steps,)
        The bound on each training batch, nats (for "dv" the DV value, not
        the MINE surrogate loss).
    eval_values : ndarray
        The bound on each held-out batch, nats.
    dims : tuple of int
        Dimensions of x and y.
    padded_dims : tuple of int
        The input widths of the critic (larger than ``dims`` when runs of
        different dimension were trained together; the extra inputs are 0).
    params : list
        The critic's weights (NumPy float32 arrays).
    """

    estimate: float
    bound: str
    critic: str
    batch_size: int
    steps: int
    curve: np.ndarray = field(repr=False)
    eval_values: np.ndarray = field(repr=False)
    dims: tuple = (1, 1)
    padded_dims: tuple = (1, 1)
    params: list = field(default=None, repr=False)


def _check_real(value, name, low, high, *, open_low=True):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    v = float(value)
    if not (low < v if open_low else low <= v) or not v <= high:
        raise ValueError(f"{name} must lie in {'(' if open_low else '['}{low}, {high}], got {value}")
    return v


def _jax():
    try:
        import jax
        import jax.numpy as jnp
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            "training a neural critic needs JAX (CPU): pip install 'jax[cpu]' "
            "or pip install 'mi-helpers[neural]'"
        ) from None
    return jax, jnp


_STEP_CACHE: dict = {}


def _compiled(critic: str, n_layers: int):
    """The jitted, run-vectorised training step and evaluation for one critic type."""
    key = (critic, n_layers)
    if key in _STEP_CACHE:
        return _STEP_CACHE[key]
    jax, jnp = _jax()

    def parts(params, xb, yb):
        s = _scores(params, xb, yb, critic, jnp)[None]
        joint, lme, nce = _bound_parts(s, jnp)
        return joint[0], lme[0], nce[0]

    def loss(params, xb, yb, bound_id, log_ma, a):
        joint, lme, nce = parts(params, xb, yb)
        dv = joint - lme
        # Every run computes all three objectives and keeps one (the runs are vectorised). The exponentials
        # of the unused ones see a harmless 0 instead of lme: e^lme overflows float32 once an off-diagonal
        # score passes about 89, and 0 * inf = NaN would poison the selected value and its gradient.
        # (The where sits on the input of exp, so its unused branch carries no NaN gradient either.)
        lme_nwj = jnp.where(bound_id == 1, lme, 0.0)
        lme_mine = jnp.where(bound_id == 0, lme, 0.0)
        nwj = joint - jnp.exp(lme_nwj - 1.0)
        # MINE (Belghazi et al. 2018, section 3.2): the gradient of ln mean exp f is E[grad f e^f] / E[e^f], and a
        # moving average of the batch means of e^f (log space, no gradient) replaces the denominator. Here it is
        # first updated with this batch, then divides (this implementation's choice of order). With a = 1 it is this batch's own mean: the plain gradient of the batch
        # DV value. With a < 1 the denominator averages over recent batches, which reduces (does not remove) the
        # bias of dividing by one batch's noisy mean.
        log_ma = jnp.logaddexp(jnp.log1p(-a + 1e-12) + log_ma, jnp.log(a) + jax.lax.stop_gradient(lme))
        log_ma = jax.lax.stop_gradient(log_ma)
        mine = joint - jnp.exp(lme_mine - jnp.where(bound_id == 0, log_ma, 0.0))
        pick = jax.nn.one_hot(bound_id, 3, dtype=dv.dtype)
        objective = pick @ jnp.stack([mine, nwj, nce])
        value = pick @ jnp.stack([dv, nwj, nce])
        return -objective, (value, log_ma)

    grad_fn = jax.value_and_grad(loss, has_aux=True)

    def step(params, m, v, log_ma, t, x, y, idx, bound_id, lr, alpha):
        xb, yb = x[idx], y[idx]
        # The first step starts the moving average at the batch value.
        a = jnp.where(t == 1, 1.0, alpha)
        (_, (value, log_ma)), g = grad_fn(params, xb, yb, bound_id, log_ma, a)
        b1, b2, eps = 0.9, 0.999, 1e-8
        m = jax.tree.map(lambda mm, gg: b1 * mm + (1 - b1) * gg, m, g)
        v = jax.tree.map(lambda vv, gg: b2 * vv + (1 - b2) * gg * gg, v, g)
        c1, c2 = 1 - b1**t, 1 - b2**t
        params = jax.tree.map(lambda p, mm, vv: p - lr * (mm / c1) / (jnp.sqrt(vv / c2) + eps), params, m, v)
        return params, m, v, log_ma, value

    runs = (0, 0, 0, 0, None, 0, 0, 0, 0, None, 0)
    _STEP_CACHE[key] = jax.jit(jax.vmap(step, in_axes=runs))
    return _STEP_CACHE[key]


def _as_run_stack(a, name):
    """A list of (n, d) arrays (or an (R, n, d) array) -> list of float arrays."""
    if isinstance(a, np.ndarray) and a.ndim == 3:
        return [_as_rows(r, name) for r in a]
    if isinstance(a, (list, tuple)) and a and not isinstance(a[0], numbers.Real):
        return [_as_rows(r, name) for r in a]
    raise TypeError(f"{name} must be a list of (n, d) arrays or an array of shape (runs, n, d)")


def train_critics(
    xs,
    ys,
    *,
    bounds="infonce",
    seeds,
    critic="separable",
    hidden=64,
    layers=2,
    embed=32,
    batch_size=128,
    steps=1000,
    lr=1e-3,
    ema=0.01,
    eval_fraction=0.25,
) -> list:
    """Train several critics at once (one per data set, bound and seed).

    All runs share the architecture, batch size and number of steps and are
    trained together (vectorised with ``jax.vmap``), which is much faster
    than one after another. Runs may differ in data, bound, seed and
    dimension: narrower inputs are padded with zero columns. The padded
    inputs' weights never enter the scores and get zero gradients, but the
    padding does change the initialisation: the He scale uses the padded
    fan-in (smaller starting weights) and the random draws differ, so a
    padded run is not the same run as an unpadded one with the same seed.

    Parameters
    ----------
    xs, ys : list of array-like, each (n, dx) / (n, dy), or arrays (R, n, d)
        One data set per run; every run must have the same n.
    bounds : str or list of str
        From :data:`BOUNDS`: "dv" (MINE, with the moving-average gradient
        correction), "nwj" or "infonce"; one for all runs or one per run.
    seeds : list of int or numpy Generators
        One per run: the critic's initial weights, the held-out split and
        the order of the minibatches.
    critic : {"separable", "joint"}
        "separable": f(x, y) = g(x) . h(y), two MLPs with ``embed`` outputs
        (a score matrix costs one K x K product). "joint": f = MLP([x, y])
        on all K^2 pairs (more flexible, about K times more costly).
    hidden, layers : int
        Width and number of hidden ReLU layers of each MLP.
    embed : int
        Output size of g and h (separable critic only).
    batch_size : int, >= 2
        K pairs per batch; InfoNCE is at most ln K.
    steps : int
        Adam steps (learning rate ``lr``, betas 0.9 and 0.999).
    ema : float in (0, 1], or list of floats (one per run)
        MINE's moving-average rate alpha for the denominator of the DV
        gradient [MINE]_ (section 3.2). Each step first updates the average
        with the batch's mean of e^f, then divides by it (the order is this
        implementation's choice). 1 gives the plain gradient of
        the batch DV value (biased, because it divides by one batch's noisy
        mean); smaller rates average over about 1 / alpha batches. Ignored
        by the other bounds.
    eval_fraction : float in (0, 1)
        Share of the rows held out (after a seeded shuffle) to report the
        estimate on; they are cut into batches of ``batch_size``.

    Returns
    -------
    list of NeuralMIResult, one per run, in order.

    Raises
    ------
    TypeError
        If the data are not numeric arrays or a count is not an integer.
    ValueError
        If a bound or critic name is unknown, the runs differ in n, the
        numbers of runs, bounds, seeds or ema rates disagree, an option is
        out of range, or the held-out or training rows are fewer than
        ``batch_size``.
    ImportError
        If JAX is not installed.
    FloatingPointError
        If a run diverges (non-finite held-out values).

    Notes
    -----
    Cost: O(steps x runs x (K MLP + K^2 embed)) for the separable critic,
    computed in float32 on the CPU. The first call for a new shape compiles
    the step (about a second). XLA's CPU kernels are deterministic for a
    given machine and library version; other CPUs can differ in the last
    bits, which training amplifies to small differences in the estimate.

    References
    ----------
    .. [MINE] M. I. Belghazi, A. Baratin, S. Rajeswar, S. Ozair, Y. Bengio,
       A. Courville, R. D. Hjelm, "Mutual information neural estimation",
       ICML 2018 (PMLR 80, 531-540).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> x, y = mh.correlated_gaussian(4000, 0.8, seed=0)
    >>> runs = mh.train_critics([x[:, None]] * 2, [y[:, None]] * 2, bounds=["dv", "infonce"],
    ...                         seeds=[0, 1], steps=300)  # doctest: +SKIP
    >>> [r.bound for r in runs]  # doctest: +SKIP
    ['dv', 'infonce']
    """
    xl, yl = _as_run_stack(xs, "xs"), _as_run_stack(ys, "ys")
    n_runs = len(xl)
    if len(yl) != n_runs:
        raise ValueError(f"xs and ys must hold the same number of runs, got {n_runs} and {len(yl)}")
    n = xl[0].shape[0]
    for a, b in zip(xl, yl):
        if a.shape[0] != n or b.shape[0] != n:
            raise ValueError("every run must have the same number of rows n in x and y")
    names = [bounds] * n_runs if isinstance(bounds, str) else list(bounds)
    if len(names) != n_runs:
        raise ValueError(f"bounds must be one name or one per run ({n_runs}), got {len(names)}")
    names = [_check_bound(b) for b in names]
    if isinstance(seeds, (int, np.random.Generator)) or len(seeds) != n_runs:
        raise ValueError(f"seeds must be a list with one seed per run ({n_runs})")
    if not isinstance(critic, str) or critic not in CRITICS:
        raise ValueError(f"critic must be one of {CRITICS}, got {critic!r}")
    hidden = check_int(hidden, "hidden", minimum=1)
    layers = check_int(layers, "layers", minimum=1)
    embed = check_int(embed, "embed", minimum=1)
    k = check_int(batch_size, "batch_size", minimum=2)
    steps = check_int(steps, "steps", minimum=1)
    lr = _check_real(lr, "lr", 0.0, 1.0)
    emas = [ema] * n_runs if isinstance(ema, numbers.Real) else list(ema)
    if len(emas) != n_runs:
        raise ValueError(f"ema must be one rate or one per run ({n_runs}), got {len(emas)}")
    emas = [_check_real(e, "ema", 0.0, 1.0) for e in emas]
    eval_fraction = _check_real(eval_fraction, "eval_fraction", 0.0, 1.0)
    n_eval = int(round(eval_fraction * n))
    n_train = n - n_eval
    if n_eval < k or n_train < k:
        raise ValueError(
            f"n = {n} rows with eval_fraction = {eval_fraction} leave {n_train} training and {n_eval} held-out rows; "
            f"each needs at least batch_size = {k}"
        )
    jax, jnp = _jax()
    dx = max(a.shape[1] for a in xl)
    dy = max(b.shape[1] for b in yl)
    rngs = [make_rng(s) for s in seeds]

    def sizes(d_in, d_out):
        return [d_in] + [hidden] * layers + [d_out]

    params, order, x_train, y_train, x_eval, y_eval = [], [], [], [], [], []
    n_batches_eval = n_eval // k
    for rng, a, b in zip(rngs, xl, yl):
        if critic == "separable":
            p = [_init_mlp(rng, sizes(dx, embed)), _init_mlp(rng, sizes(dy, embed))]
        else:
            p = _init_mlp(rng, sizes(dx + dy, 1))
        params.append(p)
        perm = rng.permutation(n)
        a = np.pad(a, ((0, 0), (0, dx - a.shape[1])))[perm]
        b = np.pad(b, ((0, 0), (0, dy - b.shape[1])))[perm]
        x_train.append(a[:n_train])
        y_train.append(b[:n_train])
        x_eval.append(a[n_train : n_train + n_batches_eval * k].reshape(n_batches_eval, k, dx))
        y_eval.append(b[n_train : n_train + n_batches_eval * k].reshape(n_batches_eval, k, dy))
        # Minibatches: consecutive slices of fresh permutations of the training rows (no repeats within a batch).
        per_epoch = n_train // k
        n_epochs = -(-steps // per_epoch)
        idx = np.concatenate([rng.permutation(n_train)[: per_epoch * k] for _ in range(n_epochs)])
        order.append(idx[: steps * k].reshape(steps, k))

    def stack(trees):
        return jax.tree.map(lambda *leaves: jnp.asarray(np.stack(leaves), dtype=jnp.float32), *trees)

    step = _compiled(critic, layers)
    p = stack(params)
    m = jax.tree.map(jnp.zeros_like, p)
    v = jax.tree.map(jnp.zeros_like, p)
    log_ma = jnp.zeros(n_runs, dtype=jnp.float32)
    xt, yt = jnp.asarray(np.stack(x_train), jnp.float32), jnp.asarray(np.stack(y_train), jnp.float32)
    order = np.stack(order, axis=1).astype(np.int32)  # (steps, runs, K)
    bound_ids = jnp.asarray([BOUNDS.index(b) for b in names], dtype=jnp.int32)
    ema_arr = jnp.asarray(emas, dtype=jnp.float32)
    curve = []
    # NumPy scalars, not jnp.float32(...): the compiled step sees the same float32 values, but creating a JAX
    # scalar is itself a dispatched operation, which cost more than the step for small batches.
    lr32 = np.float32(lr)
    for t in range(steps):
        p, m, v, log_ma, value = step(p, m, v, log_ma, np.float32(t + 1), xt, yt, order[t], bound_ids, lr32, ema_arr)
        curve.append(value)
    curve = np.array([np.asarray(c, dtype=np.float64) for c in curve]).T  # (runs, steps)
    params_np = jax.tree.map(lambda leaf: np.asarray(leaf), p)
    results = []
    for r in range(n_runs):
        # The held-out evaluation in NumPy (float64): no second compilation, and the same code as critic_scores.
        weights = jax.tree.map(lambda leaf, r=r: leaf[r].astype(np.float64), params_np)
        joint, lme, nce = _bound_parts(_scores(weights, x_eval[r], y_eval[r], critic, np), np)
        evals_r = {"dv": joint - lme, "nwj": joint - np.exp(lme - 1.0), "infonce": nce}[names[r]]
        if not np.all(np.isfinite(evals_r)):
            raise FloatingPointError(f"run {r} ({names[r]}) diverged: lower lr or use fewer steps")
        results.append(NeuralMIResult(
            estimate=float(evals_r.mean()),
            bound=names[r],
            critic=critic,
            batch_size=k,
            steps=steps,
            curve=curve[r],
            eval_values=evals_r,
            dims=(xl[r].shape[1], yl[r].shape[1]),
            padded_dims=(dx, dy),
            params=jax.tree.map(lambda leaf, r=r: leaf[r], params_np),
        ))
    return results


def train_critic(x, y, *, bound="infonce", seed, **kwargs) -> NeuralMIResult:
    """Train one critic on samples of (X, Y) and estimate MI with one bound.

    Parameters
    ----------
    x : array-like, shape (n, dx) or (n,)
    y : array-like, shape (n, dy) or (n,)
    bound : {"dv", "nwj", "infonce"}, default "infonce"
        "dv" is MINE (Donsker-Varadhan with the moving-average gradient
        correction).
    seed : int or numpy.random.Generator
    **kwargs
        Architecture and optimisation options of :func:`train_critics`
        (critic, hidden, layers, embed, batch_size, steps, lr, ema,
        eval_fraction).

    Returns
    -------
    NeuralMIResult
        ``estimate`` is the bound on the held-out rows, in nats; ``curve``
        the bound on each training batch.

    Raises
    ------
    TypeError
        If the data are not numeric arrays or a count is not an integer.
    ValueError
        If a bound or critic name is unknown, the runs differ in n, the
        numbers of runs, bounds, seeds or ema rates disagree, an option is
        out of range, or the held-out or training rows are fewer than
        ``batch_size``.
    ImportError
        If JAX is not installed.
    FloatingPointError
        If a run diverges (non-finite held-out values).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> x, y = mh.correlated_gaussian(4000, 0.8, seed=0)
    >>> res = mh.train_critic(x, y, bound="nwj", steps=300, seed=0)  # doctest: +SKIP
    """
    return train_critics([_as_rows(x, "x")], [_as_rows(y, "y")], bounds=[_check_bound(bound)], seeds=[seed], **kwargs)[0]
