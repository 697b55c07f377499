"""mi_mixed: MI between a continuous and a discrete variable (Ross 2014).

Checked against scikit-learn's mutual_info_classif (which implements the same
estimator), against the closed form of a Gaussian mixture computed by
numerical integration, and against the exact discrete MI of rounded data.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy import integrate
from scipy.stats import norm
from sklearn.feature_selection import mutual_info_classif

import mi_helpers as mh


def mixture_mi(means, probs) -> float:
    """I(X;Y) in nats for X | Y = j ~ N(means[j], 1), P(Y = j) = probs[j].

    I = h(X) - h(X|Y), with h(X|Y) = 0.5 ln(2 pi e) and h(X) of the mixture
    density by adaptive quadrature.
    """
    means, probs = np.asarray(means, float), np.asarray(probs, float)

    def minus_f_log_f(x):
        f = float(np.dot(probs, norm.pdf(x - means)))
        return -f * math.log(f) if f > 0 else 0.0

    h_x, _ = integrate.quad(minus_f_log_f, means.min() - 12, means.max() + 12, limit=400, points=list(means))
    return h_x - 0.5 * math.log(2 * math.pi * math.e)


def rounded_mixture_mi(means, probs, step) -> float:
    """Exact I(round(X / step); Y) for the mixture above: a sum over the grid cells."""
    edges = np.arange(min(means) - 12 - step / 2, max(means) + 12 + step, step)
    table = np.column_stack([p * np.diff(norm.cdf(edges - m)) for m, p in zip(means, probs)])
    return mh.mi_from_joint(table)


def sample(n, means, probs, seed):
    rng = np.random.default_rng(seed)
    y = rng.choice(len(means), size=n, p=probs)
    return np.asarray(means)[y] + rng.standard_normal(n), y


@pytest.mark.parametrize("k", [1, 3, 7])
@pytest.mark.parametrize("seed", range(4))
def test_equals_sklearn_mutual_info_classif_on_untied_data(k, seed):
    means = [0.0, 1.0, 3.0][: 2 + seed % 2]
    probs = np.full(len(means), 1 / len(means))
    x, y = sample(400 + 300 * seed, means, probs, seed)
    ref = mutual_info_classif(x[:, None], y, n_neighbors=k, random_state=seed)[0]
    ours = mh.mi_mixed(x, y, k=k)
    assert max(ours, 0.0) == pytest.approx(ref, abs=1e-12)  # scikit-learn clips at 0


def test_equals_sklearn_with_string_labels_small_classes_and_singletons():
    rng = np.random.default_rng(7)
    x = rng.standard_normal(200)
    labels = np.array(["a"] * 120 + ["b"] * 60 + ["c"] * 3 + ["d"] * 1 + ["e"] * 16)
    x[labels == "b"] += 1.5
    # Class "c" has fewer than k + 1 points (k drops to 2 there) and "d" a single point (left out).
    ref = mutual_info_classif(x[:, None], labels, n_neighbors=5, random_state=0)[0]
    assert mh.mi_mixed(x, labels, k=5) == pytest.approx(ref, abs=1e-12)


def test_independent_variables_give_about_zero_and_sklearn_clips():
    vals = []
    for seed in range(5):
        rng = np.random.default_rng(100 + seed)
        x, y = rng.standard_normal(3000), rng.integers(0, 3, 3000)
        ours = mh.mi_mixed(x, y)
        assert max(ours, 0.0) == pytest.approx(mutual_info_classif(x[:, None], y, random_state=0)[0], abs=1e-12)
        vals.append(ours)
    assert abs(np.mean(vals)) < 0.01 and np.abs(vals).max() < 0.03  # spread about 0.013 nats at n = 3000, k = 3
    assert min(vals) < 0  # not clipped: the sampling spread around 0 shows


@pytest.mark.parametrize("means, probs", [((0.0, 2.0), (0.5, 0.5)), ((0.0, 1.0), (0.8, 0.2)), ((-1.0, 0.0, 2.0), (0.3, 0.3, 0.4))])
def test_gaussian_mixture_against_the_closed_form(means, probs):
    truth = mixture_mi(means, probs)
    estimates = [mh.mi_mixed(*sample(20_000, means, probs, seed)) for seed in range(3)]
    assert np.mean(estimates) == pytest.approx(truth, abs=0.01)
    assert max(abs(e - truth) for e in estimates) < 0.02


def test_closed_form_in_two_dimensions():
    # X | Y ~ N(a Y (1, 1), I): the MI is that of the projection on (1, 1), a 1-D mixture with
    # means 0 and a sqrt(2).
    a, p = math.sqrt(2), 0.3
    truth = mixture_mi((0.0, a * math.sqrt(2)), (1 - p, p))
    rng = np.random.default_rng(9)
    y = (rng.random(20_000) < p).astype(int)
    X = a * y[:, None] + rng.standard_normal((20_000, 2))
    assert mh.mi_mixed(X, y) == pytest.approx(truth, abs=0.02)


@pytest.mark.parametrize("step", [0.1, 0.5, 1.0])
def test_rounded_x_gives_about_the_mi_of_the_rounded_values(step):
    means, probs = (0.0, 2.0), (0.5, 0.5)
    truth = rounded_mixture_mi(means, probs, step)
    x, y = sample(5000, means, probs, 3)
    xr = np.round(x / step) * step
    with pytest.warns(mh.TiesWarning, match="mi_mixed"):
        value = mh.mi_mixed(xr, y)
    assert value == pytest.approx(truth, abs=0.02)
    # scikit-learn breaks the ties with its own random noise: it lands close too.
    ref = mutual_info_classif(xr[:, None], y, random_state=0)[0]
    assert value == pytest.approx(ref, abs=0.02)


def test_units_bounds_and_invariances():
    x, y = sample(3000, (0.0, 3.0), (0.5, 0.5), 1)
    nats = mh.mi_mixed(x, y)
    assert mh.mi_mixed(x, y, base=2) == pytest.approx(nats / math.log(2))
    assert nats <= mh.entropy_discrete(y) + 1e-12
    assert mh.mi_mixed(5.0 * x - 3.0, y) == pytest.approx(nats, abs=1e-9)  # standardised first
    assert mh.mi_mixed(x, np.where(y == 1, "yes", "no")) == nats  # only the partition matters
    assert mh.mi_mixed(np.full(3000, 2.0), y) == 0.0  # a constant x carries nothing
    assert mh.mi_mixed(x, np.zeros(3000, dtype=int)) == pytest.approx(0.0, abs=1e-12)  # one class


def test_bad_input():
    x = np.linspace(0, 1, 20)
    y = np.arange(20) % 2
    with pytest.raises(ValueError, match="same number of samples"):
        mh.mi_mixed(x, y[:10])
    with pytest.raises(ValueError, match="k must be at least 1"):
        mh.mi_mixed(x, y, k=0)
    with pytest.raises(TypeError, match="x must contain real numbers"):
        mh.mi_mixed(["a"] * 20, y)
    with pytest.raises(ValueError, match="y contains missing values"):
        mh.mi_mixed(x, [None] + list(y[1:]))
    with pytest.raises(ValueError, match="occurs only once"):
        mh.mi_mixed(x, np.arange(20))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # clean input: no warning
        mh.mi_mixed(x, y)


def test_is_exported_and_documented():
    assert "mi_mixed" in mh.__all__
    doc = mh.mi_mixed.__doc__
    assert "PLoS ONE 9(2), e87357" in doc and "mutual_info_classif" in doc


def ross_brute_force(x, labels, k):
    """Ross's sum with every pairwise distance: psi(N) + <psi(k_i)> - <psi(N_i)> - <psi(m_i)>."""
    from scipy.special import digamma

    x, labels = np.asarray(x, float), np.asarray(labels)
    values, counts = np.unique(labels, return_counts=True)
    size = dict(zip(values, counts))
    keep = np.array([size[v] > 1 for v in labels])
    x, labels = x[keep], labels[keep]
    dist = np.abs(x[:, None] - x[None, :])
    terms = []
    for i in range(x.size):
        same = labels == labels[i]
        same[i] = False
        k_i = min(k, int(same.sum()))
        radius = np.sort(dist[i, same])[k_i - 1]
        m_i = int((dist[i] < radius).sum())  # the point itself included (distance 0)
        terms.append(digamma(k_i) - digamma(same.sum() + 1) - digamma(m_i))
    return float(digamma(x.size) + np.mean(terms))


@pytest.mark.parametrize("seed", range(3))
def test_equals_a_brute_force_ross_sum_with_tiny_classes(seed):
    # Classes of one, two and three points next to large ones: where scikit-learn's radii come out
    # a rounding unit or two too large (the Notes), the exact sum and mi_mixed agree to rounding.
    rng = np.random.default_rng(seed)
    labels = np.r_[rng.integers(0, 2, 500), 5, 6, 7, 7, 8, 8, 8]
    x = 0.1 * labels + rng.standard_normal(labels.size)
    for k in (1, 3):
        assert mh.mi_mixed(x, labels, k=k) == pytest.approx(ross_brute_force(x, labels, k), abs=1e-12)
