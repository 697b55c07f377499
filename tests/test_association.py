"""Correlation versus MI (notebook 03): the information coefficient, the four
numbers of one pair, the relation samplers and their population values.

References: the Gaussian closed forms -0.5 ln(1 - rho^2) and (6 / pi)
arcsin(rho / 2) (Kruskal 1958) written out here; scipy.stats pearsonr and
spearmanr; an exact discrete sum for the noise-free checkerboard; the KSG and
histogram estimators on large samples as independent numerical references
for the integrals of relation_truth.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import pearsonr, spearmanr

import mi_helpers as mh
from mi_helpers.association import association_table, information_coefficient, relation_truth
from mi_helpers.synthetic import RELATION_SIGNAL_SD, RELATIONS, relation_sample

# ------------------------------------------------- information coefficient


def test_information_coefficient_is_abs_rho_for_a_gaussian_pair():
    rho = np.array([-0.99, -0.7, -0.2, 0.0, 0.1, 0.5, 0.9, 0.999])
    mi = -0.5 * np.log(1.0 - rho**2)  # the Gaussian closed form, nats
    assert information_coefficient(mi) == pytest.approx(np.abs(rho), abs=1e-12)
    # The same MI in bits gives the same coefficient.
    assert information_coefficient(mi / math.log(2), base=2) == pytest.approx(np.abs(rho), abs=1e-12)
    assert information_coefficient(float(mi[5])) == pytest.approx(0.5, abs=1e-12)
    assert isinstance(information_coefficient(0.3), float)
    assert information_coefficient(mi.reshape(2, 4)).shape == (2, 4)


def test_information_coefficient_limits_and_small_values():
    assert information_coefficient(0.0) == 0.0
    assert information_coefficient(math.inf) == 1.0
    # For small I, r_I ~ sqrt(2 I): expm1 keeps this accurate where 1 - exp(-2I) would cancel.
    assert information_coefficient(1e-12) == pytest.approx(math.sqrt(2e-12), rel=1e-6)
    values = information_coefficient(np.linspace(0, 5, 11))
    assert np.all(np.diff(values) > 0) and values[-1] < 1.0


def test_information_coefficient_clips_small_negative_estimates_and_rejects_large_ones():
    assert information_coefficient(-0.01) == 0.0
    assert information_coefficient(np.array([-0.2, 0.0])) == pytest.approx([0.0, 0.0])
    with pytest.raises(ValueError, match="non-negative"):
        information_coefficient(-0.5)
    # tol is in nats whatever the unit of mi: -0.3 bits = -0.208 nats is clipped, -0.4 bits = -0.277 nats is not.
    assert information_coefficient(-0.3, base=2) == 0.0
    with pytest.raises(ValueError, match="non-negative"):
        information_coefficient(-0.4, base=2)
    assert information_coefficient(-3.0, tol=math.inf) == 0.0
    with pytest.raises(ValueError, match="non-negative"):
        information_coefficient(-0.01, tol=0.0)


def test_information_coefficient_rejects_bad_input():
    with pytest.raises(ValueError, match="NaN"):
        information_coefficient([0.1, float("nan")])
    with pytest.raises(TypeError, match="mi"):
        information_coefficient("0.3")
    with pytest.raises(TypeError, match="mi"):
        information_coefficient(True)
    with pytest.raises(ValueError, match="tol"):
        information_coefficient(0.1, tol=-1.0)
    with pytest.raises(TypeError, match="tol"):
        information_coefficient(0.1, tol="big")
    with pytest.raises(ValueError, match="base"):
        information_coefficient(0.1, base=1)


def test_ic_of_a_ksg_estimate_recovers_abs_rho_on_gaussian_data():
    x, y = mh.correlated_gaussian(5000, -0.6, seed=11)
    t = association_table(x, y)
    assert t["pearson"] == pytest.approx(-0.6, abs=0.03)
    assert t["spearman"] == pytest.approx(6 / math.pi * math.asin(-0.3), abs=0.03)
    assert t["ic"] == pytest.approx(0.6, abs=0.03)


# ------------------------------------------------------ association table


def test_association_table_against_scipy():
    rng = np.random.default_rng(3)
    x = rng.standard_normal(400)
    y = np.exp(x) + 0.5 * rng.standard_normal(400)
    t = association_table(x, y)
    assert t["pearson"] == pytest.approx(pearsonr(x, y)[0], abs=1e-12)
    assert t["spearman"] == pytest.approx(spearmanr(x, y)[0], abs=1e-12)
    assert t["mi"] == pytest.approx(mh.mi_ksg(x, y), abs=1e-12)
    assert t["ic"] == pytest.approx(math.sqrt(1 - math.exp(-2 * t["mi"])), abs=1e-12)
    bits = association_table(x, y, k=5, base=2)
    assert bits["mi"] == pytest.approx(mh.mi_ksg(x, y, k=5) / math.log(2), abs=1e-12)
    assert bits["ic"] == pytest.approx(math.sqrt(1 - math.exp(-2 * mh.mi_ksg(x, y, k=5))), abs=1e-12)


def test_association_table_spearman_with_ties_matches_scipy():
    rng = np.random.default_rng(4)
    x = np.round(rng.standard_normal(300), 1)  # many ties: average ranks
    y = np.round(x + rng.standard_normal(300), 1)
    with pytest.warns(mh.TiesWarning):  # KSG warns about the ties; the correlations are still exact
        t = association_table(x, y)
    assert t["spearman"] == pytest.approx(spearmanr(x, y)[0], abs=1e-12)
    assert t["pearson"] == pytest.approx(pearsonr(x, y)[0], abs=1e-12)


def test_association_table_negative_estimate_gives_zero_ic():
    # KSG on small independent samples goes below 0 about half the time; those count as no dependence.
    tables = [association_table(*relation_sample("independent", 60, 0.0, seed=s)) for s in range(10)]
    assert any(t["mi"] < 0 for t in tables)
    for t in tables:
        assert t["ic"] == (0.0 if t["mi"] <= 0 else pytest.approx(math.sqrt(1 - math.exp(-2 * t["mi"]))))


def test_association_table_rejects_bad_input():
    x = np.linspace(0, 1, 50)
    with pytest.raises(ValueError, match="constant"):
        association_table(x, np.ones(50))
    with pytest.raises(ValueError, match="1-D"):
        association_table(np.column_stack([x, x]), x)
    with pytest.raises(ValueError, match="same number"):
        association_table(x, x[:40])
    with pytest.raises(TypeError, match="real numbers"):
        association_table(["a"] * 50, x)
    with pytest.raises(ValueError, match="NaN"):
        association_table(np.r_[x[:-1], np.nan], x)


# ------------------------------------------------------ relation samplers


@pytest.mark.parametrize("kind", RELATIONS)
def test_relation_sample_shapes_and_seeding(kind):
    x, y = relation_sample(kind, 257, 0.3, seed=7)
    assert x.shape == y.shape == (257,) and x.dtype == y.dtype == np.float64
    assert np.isfinite(x).all() and np.isfinite(y).all()
    x2, y2 = relation_sample(kind, 257, 0.3, seed=7)
    assert np.array_equal(x, x2) and np.array_equal(y, y2)
    x3, _ = relation_sample(kind, 257, 0.3, seed=8)
    assert not np.array_equal(x, x3)
    gen_x, gen_y = relation_sample(kind, 257, 0.3, seed=np.random.default_rng(7))
    assert np.array_equal(gen_x, x) and np.array_equal(gen_y, y)


@pytest.mark.parametrize("kind", RELATIONS)
def test_relation_sample_prefix_and_noise_scaling(kind):
    x_big, y_big = relation_sample(kind, 500, 0.4, seed=1)
    x_small, y_small = relation_sample(kind, 120, 0.4, seed=1)
    assert np.array_equal(x_big[:120], x_small) and np.array_equal(y_big[:120], y_small)
    # The noise is a fixed draw scaled by the noise level: doubling it doubles the displacement.
    x0, y0 = relation_sample(kind, 300, 0.0, seed=2)
    x1, y1 = relation_sample(kind, 300, 0.25, seed=2)
    x2, y2 = relation_sample(kind, 300, 0.5, seed=2)
    assert np.allclose(y2 - y0, 2 * (y1 - y0), atol=1e-12)
    assert np.allclose(x2 - x0, 2 * (x1 - x0), atol=1e-12)
    assert np.any(y1 != y0)


def test_relation_sample_noise_free_shapes():
    x, y = relation_sample("circle", 200, 0.0, seed=0)
    assert np.allclose(x**2 + y**2, 1.0)
    x, y = relation_sample("quadratic", 200, 0.0, seed=0)
    assert np.allclose(y, x**2) and np.abs(x).max() <= 1
    x, y = relation_sample("sine", 200, 0.0, seed=0)
    assert np.allclose(y, np.cos(2 * np.pi * x))
    x, y = relation_sample("checkerboard", 2000, 0.0, seed=0)
    col, row = np.floor((x + 1) / 0.4).astype(int), np.floor((y + 1) / 0.4).astype(int)
    assert np.all((col + row) % 2 == 0) and set(col) == set(row) == {0, 1, 2, 3, 4}


@pytest.mark.parametrize("kind", RELATIONS)
def test_relation_population_values_match_large_samples(kind):
    n = 40_000
    truth = relation_truth(kind, 0.5)
    x, y = relation_sample(kind, n, 0.5, seed=9)
    se = 4.0 / math.sqrt(n)
    assert np.corrcoef(x, y)[0, 1] == pytest.approx(truth["pearson"], abs=se)
    assert spearmanr(x, y)[0] == pytest.approx(truth["spearman"], abs=se)
    # noise is in units of the signal's sd: Var(y) = sd^2 (1 + noise^2) (+ the signal's own variance).
    sd = RELATION_SIGNAL_SD[kind]
    x0, y0 = relation_sample(kind, n, 0.0, seed=9)
    assert y0.std() == pytest.approx(sd, rel=0.03)
    assert y.std() == pytest.approx(sd * math.sqrt(1 + 0.25), rel=0.03)


def test_relation_sample_rejects_bad_input():
    with pytest.raises(ValueError, match="kind"):
        relation_sample("spiral", 10, 0.1, seed=0)
    with pytest.raises(TypeError, match="kind"):
        relation_sample(3, 10, 0.1, seed=0)
    with pytest.raises(ValueError, match="n"):
        relation_sample("linear", 0, 0.1, seed=0)
    with pytest.raises(TypeError, match="n"):
        relation_sample("linear", 10.0, 0.1, seed=0)
    with pytest.raises(ValueError, match="noise"):
        relation_sample("linear", 10, -0.1, seed=0)
    with pytest.raises(ValueError, match="noise"):
        relation_sample("linear", 10, float("inf"), seed=0)
    with pytest.raises(TypeError, match="noise"):
        relation_sample("linear", 10, "low", seed=0)
    with pytest.raises(ValueError, match="seed"):
        relation_sample("linear", 10, 0.1, seed=None)
    with pytest.raises(TypeError):
        relation_sample("linear", 10, 0.1)  # seed is required


# --------------------------------------------------- population MI (truth)


@pytest.mark.parametrize("noise", [0.05, 0.3, 1.0])
def test_relation_truth_linear_is_the_gaussian_closed_form(noise):
    t = relation_truth("linear", noise)
    rho = 1 / math.sqrt(1 + noise**2)
    assert t["pearson"] == pytest.approx(rho)
    assert t["spearman"] == pytest.approx(6 / math.pi * math.asin(rho / 2))
    assert t["mi"] == pytest.approx(-0.5 * math.log(1 - rho**2))
    assert t["ic"] == pytest.approx(rho)  # the point of the coefficient
    assert relation_truth("linear", noise, base=2)["mi"] == pytest.approx(t["mi"] / math.log(2))


def test_noise_free_checkerboard_mi_is_the_mi_of_its_square_table():
    # (x, y) = (column + u, row + v) with u, v independent uniforms: I(X;Y) = I(column; row),
    # the MI of the 5 x 5 table with 1/13 on each dark square, summed here by hand.
    p = np.array([[1.0 if (c + r) % 2 == 0 else 0.0 for r in range(5)] for c in range(5)]) / 13
    pc, pr = p.sum(1), p.sum(0)
    exact = sum(p[c, r] * math.log(p[c, r] / (pc[c] * pr[r])) for c in range(5) for r in range(5) if p[c, r] > 0)
    assert relation_truth("checkerboard", 0.0)["mi"] == pytest.approx(exact, abs=1e-12)
    # The numerical integral for small noise approaches the exact value.
    assert relation_truth("checkerboard", 0.002)["mi"] == pytest.approx(exact, abs=0.01)


def test_relation_truth_limits():
    for kind in ("linear", "quadratic", "sine", "circle"):
        assert relation_truth(kind, 0.0)["mi"] == math.inf
        assert relation_truth(kind, 0.0)["ic"] == 1.0
    assert relation_truth("independent", 0.7) == {"pearson": 0.0, "spearman": 0.0, "mi": 0.0, "ic": 0.0}


@pytest.mark.parametrize("kind", [k for k in RELATIONS if k != "independent"])
def test_relation_truth_falls_as_noise_grows(kind):
    # Adding independent noise cannot create information (data processing inequality).
    mi = [relation_truth(kind, s)["mi"] for s in (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)]
    assert all(a > b > 0 for a, b in zip(mi, mi[1:]))


@pytest.mark.parametrize("kind", RELATIONS)
def test_relation_truth_agrees_with_ksg_on_large_samples(kind):
    # KSG on 20,000 points is an independent numerical reference for the integrals.
    x, y = relation_sample(kind, 20_000, 0.3, seed=12)
    assert mh.mi_ksg(x, y) == pytest.approx(relation_truth(kind, 0.3)["mi"], abs=0.03)


@pytest.mark.parametrize("kind", ["circle", "checkerboard", "sine"])
def test_zero_correlation_but_large_mi_at_n_2000(kind):
    x, y = relation_sample(kind, 2000, 0.1, seed=SEED_2000)
    assert abs(pearsonr(x, y)[0]) < 0.1
    assert abs(spearmanr(x, y)[0]) < 0.1
    truth = relation_truth(kind, 0.1)
    assert truth["pearson"] == truth["spearman"] == 0.0
    assert truth["mi"] > 0.2
    # Two different estimators on the sample agree that the MI is large.
    assert mh.mi_ksg(x, y) > 0.2
    assert mh.mi_binned(x, y, bins=10, correction="miller-madow") > 0.2


SEED_2000 = 2000


# ------------------------------------------- the integrator behind the truth


@pytest.mark.parametrize("s", [0.02, 0.3, 1.5])
def test_blurred_entropy_integrator_on_a_gaussian_signal(s):
    from mi_helpers.association import _entropy_of_blurred, _gaussian_signal

    # N(0, 1) + s N(0, 1) is N(0, 1 + s^2): h = 0.5 ln(2 pi e (1 + s^2)).
    exact = 0.5 * math.log(2 * math.pi * math.e * (1 + s * s))
    assert _entropy_of_blurred(_gaussian_signal, -9.0, 9.0, s) == pytest.approx(exact, abs=1e-4)


@pytest.mark.parametrize(
    "name, draw",
    [
        ("_quadratic_signal", lambda rng, n: rng.uniform(-1, 1, n) ** 2),
        ("_arcsine_signal", lambda rng, n: np.cos(rng.uniform(0, 2 * np.pi, n))),
        ("_scale_mixture_signal", lambda rng, n: rng.uniform(-1, 1, n) * rng.standard_normal(n)),
    ],
)
def test_signal_cdf_and_partial_mean_formulas_against_monte_carlo(name, draw):
    import mi_helpers.association as assoc

    w = draw(np.random.default_rng(21), 400_000)
    grid = np.array([-1.5, -0.6, -0.1, 0.0, 0.05, 0.3, 0.8, 0.99, 2.0])
    cdf, moment = getattr(assoc, name)(grid)
    for g, f, m in zip(grid, cdf, moment):
        below = w <= g
        assert f == pytest.approx(below.mean(), abs=0.004)
        assert m == pytest.approx(np.where(below, w, 0.0).mean(), abs=0.004)
