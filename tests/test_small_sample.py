"""James-Stein shrinkage and NSB estimators against independent references.

* Shrinkage: values printed by the R package ``entropy`` 1.3.1 (Hausser and
  Strimmer), running its own R code (``freqs.shrink``, ``entropy.shrink``,
  ``mi.shrink``) in R 4.2.2 on the examples of its help page and two more
  tables.
* NSB: the value given on the help page of ``entropy.NSB`` for the example
  counts (2.187774 nats, from the nsb-entropy reference program), and a
  direct numerical integration of the NSB posterior over beta with SciPy's
  adaptive quadrature, written here from the formulas of Nemenman, Shafee and
  Bialek (2002) independently of the package's grid method.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate
from scipy.special import digamma, gammaln, polygamma

import mi_helpers as mh

EXAMPLE = [4, 2, 3, 0, 2, 4, 0, 0, 2, 1, 1]  # the counts of the R help pages


# R: freqs.shrink(y); entropy.shrink(y); mi.shrink(y2d) (package entropy 1.3.1, R 4.2.2)
R_FREQS = [0.1188524590163934, 0.0942622950819672, 0.1065573770491803, 0.0696721311475410, 0.0942622950819672,
           0.1188524590163934, 0.0696721311475410, 0.0696721311475410, 0.0942622950819672, 0.0819672131147541,
           0.0819672131147541]
R_CASES = {
    "example entropy": (EXAMPLE, 2.37960289530996, 0.766393442622951),
    "peaked entropy": ([10, 0, 0, 1, 30, 2, 7], 1.20417769058672, 0.0423475663328062),
}
R_MI = {
    "help page table": ([[1, 2, 3], [6, 5, 4]], 0.0, 1.0),
    "3 x 4 table": ([[5, 0, 1, 0], [0, 7, 0, 2], [1, 1, 9, 0]], 0.424372344057137, 0.194574132492114),
}


def test_shrinkage_frequencies_match_the_r_package():
    freqs, lam = mh.shrinkage_frequencies(EXAMPLE)
    np.testing.assert_allclose(freqs, R_FREQS, rtol=1e-13)
    assert lam == pytest.approx(0.766393442622951, rel=1e-13)
    assert freqs.sum() == pytest.approx(1.0)


@pytest.mark.parametrize("name", sorted(R_CASES))
def test_entropy_shrink_matches_the_r_package(name):
    counts, h, lam = R_CASES[name]
    assert mh.entropy_shrink(counts) == pytest.approx(h, rel=1e-12)
    assert mh.shrinkage_frequencies(counts)[1] == pytest.approx(lam, rel=1e-12)
    assert mh.entropy_shrink(counts, base=2) == pytest.approx(h / math.log(2), rel=1e-12)


@pytest.mark.parametrize("name", sorted(R_MI))
def test_mi_shrink_matches_the_r_package(name):
    table, mi, lam = R_MI[name]
    assert mh.mi_shrink(table) == pytest.approx(mi, abs=1e-12)
    assert mh.shrinkage_frequencies(np.asarray(table))[1] == pytest.approx(lam, rel=1e-12)


def test_shrinkage_limits():
    # Uniform counts need no shrinkage toward the uniform target: lambda = 1 and the entropy is ln K exactly.
    assert mh.entropy_shrink([5, 5, 5, 5]) == pytest.approx(math.log(4))
    # Many observations: lambda -> 0 and the estimate approaches the plug-in value.
    p = np.array([0.5, 0.3, 0.15, 0.05])
    counts = np.round(p * 1e6)
    assert mh.shrinkage_frequencies(counts)[1] < 1e-5
    assert mh.entropy_shrink(counts) == pytest.approx(mh.entropy_from_probs(counts), abs=1e-5)


def _nsb_by_quadrature(counts):
    """NSB from its definition: ratio of two integrals over beta in (0, inf), computed with quad
    after the change of variable beta = s / (1 - s) (s in (0, 1)); gammaln differences directly."""
    c = np.asarray(counts, dtype=float)
    n, k = c.sum(), c.size

    def log_post(beta):
        kappa = k * beta
        ev = gammaln(kappa) - gammaln(n + kappa) + np.sum(gammaln(c + beta) - gammaln(beta))
        return ev + math.log(k * polygamma(1, kappa + 1) - polygamma(1, beta + 1))

    def mean_h(beta):
        kappa = k * beta
        return digamma(n + kappa + 1) - np.sum((c + beta) * digamma(c + beta + 1)) / (n + kappa)

    betas = np.exp(np.linspace(-10, 8, 400))
    ref = max(log_post(b) for b in betas)

    def w(s):
        beta = s / (1 - s)
        return math.exp(log_post(beta) - ref) / (1 - s) ** 2

    opts = {"limit": 500, "epsabs": 0, "epsrel": 1e-11}
    z = integrate.quad(w, 0, 1, **opts)[0]
    num = integrate.quad(lambda s: w(s) * mean_h(s / (1 - s)), 0, 1, **opts)[0]
    return num / z


def test_nsb_matches_the_published_value_of_the_example():
    # entropy.NSB(y) # 2.187774  (help page of entropy.NSB, R package entropy)
    assert mh.entropy_nsb(EXAMPLE) == pytest.approx(2.187774, abs=5e-7)


@pytest.mark.parametrize("seed, n, k", [(0, 20, 50), (1, 100, 30), (2, 400, 200), (3, 30, 4)])
def test_nsb_matches_direct_integration(seed, n, k):
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(n, rng.dirichlet(np.full(k, 0.5)))
    assert mh.entropy_nsb(counts) == pytest.approx(_nsb_by_quadrature(counts), abs=1e-6)


def test_nsb_bounds_and_near_uniform_tail():
    # Nearly uniform counts: the posterior leans to beta -> infinity, the estimate to ln K from below.
    h = mh.entropy_nsb(np.full(1000, 3))
    assert np.log(1000) - 1e-3 < h < np.log(1000)
    assert 0 < mh.entropy_nsb([50, 0, 0, 0]) < 0.05


def test_nsb_is_less_biased_than_plugin_on_an_undersampled_alphabet():
    rng = np.random.default_rng(5)
    p = rng.dirichlet(np.ones(200))
    truth = mh.entropy_from_probs(p)
    nsb, plug = [], []
    for _ in range(30):
        counts = rng.multinomial(60, p)
        nsb.append(mh.entropy_nsb(counts))
        plug.append(mh.entropy_from_probs(counts))
    assert abs(np.mean(nsb) - truth) < 0.3 * abs(np.mean(plug) - truth)


def test_mi_estimators_on_a_table_and_its_transpose():
    table = np.array([[5, 0, 1, 0], [0, 7, 0, 2], [1, 1, 9, 0]])
    assert mh.mi_shrink(table) == pytest.approx(mh.mi_shrink(table.T), abs=1e-12)
    assert mh.mi_nsb(table) == pytest.approx(mh.mi_nsb(table.T), abs=1e-9)
    h = [mh.entropy_nsb(table.sum(axis=1)), mh.entropy_nsb(table.sum(axis=0)), mh.entropy_nsb(table.ravel())]
    assert mh.mi_nsb(table) == pytest.approx(h[0] + h[1] - h[2])


def test_contingency_table_counts_pairs():
    x = np.array([0, 1, 1, 2, 0])
    y = np.array([1, 1, 0, 1, 1])
    t = mh.contingency_table(x, y, kx=4, ky=3)
    assert t.shape == (4, 3) and t.sum() == 5 and t[0, 1] == 2 and t[1, 0] == 1 and t[3].sum() == 0
    assert mh.mi_from_joint(mh.contingency_table(x, y)) == pytest.approx(mh.mi_discrete(x, y))


@pytest.mark.parametrize("bad, err", [([1.5, 2], ValueError), ([-1, 3], ValueError), ([0, 0], ValueError),
                                      ([3], ValueError), ([[1, 2], [3, 4]], ValueError), (["a", "b"], TypeError)])
def test_bad_counts_are_refused(bad, err):
    with pytest.raises(err, match="counts"):
        mh.entropy_nsb(bad)
    with pytest.raises(err, match="counts"):
        mh.entropy_shrink(bad)


def test_bad_tables_and_labels_are_refused():
    with pytest.raises(ValueError, match="table"):
        mh.mi_shrink([1, 2, 3])
    with pytest.raises(ValueError, match="table"):
        mh.mi_nsb([[1, -2], [3, 4]])
    with pytest.raises(TypeError, match="x must be"):
        mh.contingency_table(np.array([0.5, 1.0]), np.array([0, 1]))
    with pytest.raises(ValueError, match="alphabet"):
        mh.contingency_table(np.array([0, 3]), np.array([0, 1]), kx=2)


def test_import_mi_helpers_leaves_scipy_special_and_integrate_for_later():
    import subprocess
    import sys

    code = "import sys, mi_helpers; print(sorted(m for m in ('scipy.special', 'scipy.integrate') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_mi_nsb_converges_to_the_exact_mi_of_the_table():
    """Against the exact MI of a known joint distribution (a discrete sum), with many samples per cell."""
    rng = np.random.default_rng(21)
    p = rng.dirichlet(np.ones(20)).reshape(4, 5)
    truth = mh.mi_from_joint(p)
    counts = rng.multinomial(200_000, p.ravel()).reshape(4, 5)
    # Sampling sd of an MI estimate at this N is about 0.002 nats; NSB's prior no longer matters.
    assert mh.mi_nsb(counts) == pytest.approx(truth, abs=0.01)
    assert mh.mi_shrink(counts) == pytest.approx(truth, abs=0.01)
    # At small N the same table is far from converged: the test above is not trivially loose.
    small = rng.multinomial(30, p.ravel()).reshape(4, 5)
    assert abs(mh.mi_from_joint(small) - truth) > 0.05


def test_mi_miller_madow_by_hand_and_against_mi_binned():
    table = np.array([[8, 1, 0], [1, 6, 2], [0, 1, 5]])
    n = table.sum()
    p = table / n
    px, py = p.sum(1), p.sum(0)
    nz = p > 0
    plug = float(np.sum(p[nz] * np.log(p[nz] / np.outer(px, py)[nz])))
    assert mh.mi_miller_madow(table) == pytest.approx(plug + (3 + 3 - 7 - 1) / (2 * n), abs=1e-12)
    assert mh.mi_miller_madow(table, base=2) == pytest.approx(mh.mi_miller_madow(table) / np.log(2))
    # The same correction computed from samples by mi_binned (occupied cells of its histogram).
    x, y = mh.correlated_gaussian(300, 0.5, seed=4)
    bx = np.digitize(x, np.linspace(x.min(), x.max(), 7)[1:-1])
    by = np.digitize(y, np.linspace(y.min(), y.max(), 7)[1:-1])
    counts = mh.contingency_table(bx, by, kx=6, ky=6)
    assert mh.mi_miller_madow(counts) == pytest.approx(mh.mi_binned(x, y, bins=6, correction="miller-madow"), abs=1e-9)


def test_shrinkage_frequencies_takes_any_shape_and_refuses_text():
    table = np.array([[4, 2], [1, 0]])
    freqs, lam = mh.shrinkage_frequencies(table)
    flat, lam_flat = mh.shrinkage_frequencies(table.ravel())
    assert freqs.shape == (2, 2) and lam == lam_flat and np.array_equal(freqs.ravel(), flat)
    with pytest.raises(TypeError, match="counts"):
        mh.shrinkage_frequencies(["a", "b"])
    with pytest.raises(ValueError, match="2 cells"):
        mh.shrinkage_frequencies([5])
