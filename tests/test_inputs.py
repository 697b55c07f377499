"""Awkward inputs: each gives the right number or a clear error naming the argument.

One test (or a few) per class of input: ties, threads and warnings, bin rules
on outliers and repeated values, masked arrays, extreme scales, identical
columns, label types, missing labels, thread counts, values near the float
limits, tiny samples, huge integers, the closed form's argument, advice for
mixed data, and where warnings point. Every number is checked against ground
truth (a closed form, an exact discrete sum) or an independent reference
(scikit-learn, NumPy), never against an earlier output of the same code.
"""

from __future__ import annotations

import inspect
import math
import threading
import warnings

import numpy as np
import pytest
from sklearn.metrics import mutual_info_score

import mi_helpers as mh
from mi_helpers import estimators as est


@pytest.fixture(scope="module")
def zw():
    """5,000 draws of a Gaussian pair with rho = 0.6 (true MI 0.2231 nats)."""
    return mh.correlated_gaussian(5000, 0.6, seed=0)


def _rounded_pair_mi(rho: float, step: float) -> float:
    """Exact MI (nats) of a standard bivariate Gaussian pair rounded to a grid of ``step`` (quadrature)."""
    from scipy.stats import norm

    s = math.sqrt(1 - rho**2)
    edges = np.arange(-8 - step / 2, 8 + step, step)
    x = np.linspace(edges[0], edges[-1], 160_001)
    dx = x[1] - x[0]
    cell = np.diff(norm.cdf((edges[None, :] - rho * x[:, None]) / s), axis=1) * norm.pdf(x)[:, None] * dx
    rows = np.clip(np.searchsorted(edges, x, side="right") - 1, 0, len(edges) - 2)
    table = np.zeros((len(edges) - 1, len(edges) - 1))
    np.add.at(table, rows, cell)
    return mh.mi_from_joint(table)


def _numpy_codes(v, bins):
    edges = np.histogram_bin_edges(v, bins=bins)
    return np.clip(np.searchsorted(edges, v, side="right") - 1, 0, len(edges) - 2)


# ---------------------------------------------------------------- 1. ties


def test_independent_tied_variables_give_about_zero_on_every_ksg_path():
    rng = np.random.default_rng(11)
    a, b, c = (rng.integers(0, 2, 4000).astype(float) for _ in range(3))
    with pytest.warns(mh.TiesWarning):
        assert abs(mh.mi_ksg(a, b)) < 0.01  # truth 0; never above ln 2 for binary variables
    with pytest.warns(mh.TiesWarning):
        m = mh.pairwise_mi(np.c_[a, b, c], method="ksg")
    assert np.abs(m[np.triu_indices(3, 1)]).max() < 0.01
    with pytest.warns(mh.TiesWarning):
        assert np.abs(mh.mi_redundancy(np.c_[a, b])[0, 1]) < 0.01
    with pytest.warns(mh.TiesWarning):
        assert abs(mh.cmi_ksg(a, b, c)) < 0.01


def test_rounded_gaussian_gives_about_the_mi_of_the_rounded_values(zw):
    z, w = zw
    truth = _rounded_pair_mi(0.6, 0.1)  # 0.2225 nats; the unrounded pair has 0.2231
    with pytest.warns(mh.TiesWarning):
        value = mh.mi_ksg(z.round(1), w.round(1))
    assert value == pytest.approx(truth, abs=0.03)
    with pytest.warns(mh.TiesWarning):
        m = mh.pairwise_mi(np.c_[z.round(1), w.round(1)], method="ksg")
    assert m[0, 1] == pytest.approx(truth, abs=0.03)


def test_cmi_ksg_on_tied_data_against_the_exact_discrete_cmi():
    # Z uniform on {0, 1, 2}; X = Z + B1, Y = X + B2 (mod 3), B1, B2 fair bits.
    # I(X;Y|Z) = H(Y|Z) - H(Y|X,Z) = H(1/4, 1/2, 1/4) - ln 2.
    rng = np.random.default_rng(5)
    n = 4000
    z = rng.integers(0, 3, n)
    x = (z + rng.integers(0, 2, n)) % 3
    y = (x + rng.integers(0, 2, n)) % 3
    truth = -(0.25 * math.log(0.25) * 2 + 0.5 * math.log(0.5)) - math.log(2)
    with pytest.warns(mh.TiesWarning, match="cmi_discrete"):
        value = mh.cmi_ksg(x.astype(float), y.astype(float), z.astype(float))
    assert value == pytest.approx(truth, abs=0.02)
    # ... and conditionally independent tied data gives about 0: one estimate
    # varies by about 0.011 nats from sample to sample, so the mean of five is tested.
    values = []
    for seed in range(5):
        r = np.random.default_rng([5, seed])
        z = r.integers(0, 3, n)
        x = (z + r.integers(0, 2, n)) % 3
        y0 = (z + r.integers(0, 2, n)) % 3
        with pytest.warns(mh.TiesWarning):
            values.append(mh.cmi_ksg(x.astype(float), y0.astype(float), z.astype(float)))
    assert abs(np.mean(values)) < 0.015
    assert max(map(abs, values)) < 0.04


def test_mrmr_redundancy_of_digit_pixels_agrees_with_sklearn():
    from sklearn.datasets import load_digits
    from sklearn.feature_selection import mutual_info_regression

    X, y = load_digits(return_X_y=True)
    cols = [c for c in range(64) if X[:, c].std() > 0][:10]
    Xs = X[:, cols]  # pixel intensities 0..16: every column is heavily tied
    with pytest.warns(mh.TiesWarning):
        sel = mh.MRMRSelector(10, random_state=0).fit(Xs, y)
    ours = sel.redundancy_
    iu = np.triu_indices(10, 1)
    ref = np.full((10, 10), np.nan)
    for i in range(9):
        ref[i, i + 1 :] = mutual_info_regression(Xs[:, i + 1 :], Xs[:, i], random_state=0)
    # Before the tie fix the mean was about 3 nats; both estimators now give about 0.05.
    assert ours[iu].mean() == pytest.approx(ref[iu].mean(), abs=0.02)
    assert np.abs(ours[iu] - ref[iu]).max() < 0.1


# ---------------------------------------------------------------- 2. threads and warning state


def test_bootstrap_ci_from_several_threads_leaves_the_warning_machinery_alone():
    x, y = mh.correlated_gaussian(300, 0.5, seed=1)
    filters_before = list(warnings.filters)
    show_before = warnings.showwarning
    results, errors = [], []

    def work(seed):
        try:
            results.append(mh.bootstrap_ci(x, y, estimator=mh.mi_ksg, n_boot=20, seed=seed))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mh.TiesWarning)
        filters_inside = list(warnings.filters)
        threads = [threading.Thread(target=work, args=(s,)) for s in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert list(warnings.filters) == filters_inside
    assert not errors and len(results) == 4
    assert warnings.showwarning is show_before
    assert list(warnings.filters) == filters_before
    # A later warning is still delivered.
    with pytest.warns(UserWarning, match="still heard"):
        warnings.warn("still heard", UserWarning)


def test_bootstrap_ci_still_warns_about_repeated_points():
    x, y = mh.correlated_gaussian(300, 0.5, seed=2)
    with pytest.warns(mh.TiesWarning, match="resample='half'") as record:
        mh.bootstrap_ci(x, y, estimator=mh.mi_ksg, n_boot=20, seed=0)
    # One warning from bootstrap_ci; the replicates' own tie warnings are collected, not shown.
    assert len([w for w in record if issubclass(w.category, mh.TiesWarning)]) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning at all with half-sampling of untied data
        mh.bootstrap_ci(x, y, estimator=mh.mi_ksg, n_boot=20, seed=0, resample="half")


def test_no_library_module_changes_the_global_warning_state():
    import pathlib

    root = pathlib.Path(mh.__file__).parent
    offenders = []
    for path in root.glob("*.py"):
        text = path.read_text()
        for needle in ("catch_warnings", "simplefilter(", "filterwarnings(", "resetwarnings("):
            if needle in text:
                offenders.append(f"{path.name}: {needle}")
    assert offenders == []


# ---------------------------------------------------------------- 3. bin ceiling


def test_one_outlier_no_longer_asks_for_millions_of_bins(zw):
    z, w = zw
    zo = z.copy()
    zo[0] = 1e7
    cap = math.ceil(2 * math.sqrt(z.size))
    with pytest.warns(mh.BinsWarning, match=r"more than ceil\(2 sqrt\(n\)\) = 142 equal-width bins for x \(n = 5000\)"):
        codes = mh.discretize(zo)
    assert codes.max() + 1 == cap
    np.testing.assert_array_equal(codes, _numpy_codes(zo, cap))
    with pytest.warns(mh.BinsWarning):
        value = mh.mi_binned(zo, w)
    assert value == pytest.approx(mutual_info_score(_numpy_codes(zo, cap), _numpy_codes(w, "fd")), abs=1e-12)
    # Equal-frequency bins ignore the outlier and find the dependence (truth 0.223 nats; 8 bins
    # lose a little information and add a bias of about 49 / 10000 nats).
    assert mh.mi_binned(zo, w, bins=8, strategy="quantile") == pytest.approx(mh.gaussian_mi(0.6), abs=0.04)


def test_heavy_tailed_independent_columns_give_about_zero():
    rng = np.random.default_rng(3)
    C = rng.standard_cauchy((5000, 3))
    with pytest.warns(mh.BinsWarning, match="3 columns"):
        m = mh.pairwise_mi(C)
    assert np.abs(m[np.triu_indices(3, 1)]).max() < 0.02  # truth 0; it was 0.75 nats
    with pytest.warns(mh.BinsWarning):
        single = mh.mi_binned(C[:, 0], C[:, 1])
    assert single == pytest.approx(m[0, 1], abs=1e-10)


def test_huge_explicit_bin_count_uses_bounded_memory_and_matches_sklearn(zw):
    z, w = zw
    # bins=100000 once asked for a dense 10^10-cell table (75 GiB); only occupied cells are counted now.
    with pytest.warns(mh.BinsWarning, match="most samples sit alone in their bin"):
        value = mh.mi_binned(z, w, bins=100_000)
    ref = mutual_info_score(_numpy_codes(z, 100_000), _numpy_codes(w, 100_000))
    assert value == pytest.approx(ref, abs=1e-10)
    with pytest.warns(mh.BinsWarning):
        mm = mh.mi_binned(z, w, bins=100_000, correction="miller-madow")
    cx, cy = _numpy_codes(z, 100_000), _numpy_codes(w, 100_000)
    kxy = len({(a, b) for a, b in zip(cx, cy)})
    assert mm == pytest.approx(ref + (len(set(cx)) + len(set(cy)) - kxy - 1) / (2 * z.size), abs=1e-10)


def test_so_many_bins_that_most_samples_sit_alone_warn_as_continuous_labels_do(zw):
    z, w = zw
    independent = np.random.default_rng(9).standard_normal(z.size)
    with pytest.warns(mh.BinsWarning, match=r"ln\(n\) = 8.52 nats") as caught:
        value = mh.mi_binned(z, independent, bins=100_000)
    assert value > 0.9 * math.log(z.size)  # about ln n for independent data: the warning is needed
    assert caught[0].filename == __file__
    with pytest.warns(mh.BinsWarning, match=r"X\[:, 1\]"):
        mh.pairwise_mi(np.c_[z[:100], w[:100]], bins=(100_000))
    with warnings.catch_warnings():
        warnings.simplefilter("error", mh.BinsWarning)
        mh.mi_binned(z, w, bins=50)  # 50 bins for 5000 samples: no warning


def test_stone_rule_equals_numpy_without_numpys_warning():
    for seed in range(4):
        x = np.random.default_rng(seed).standard_normal(300 + 200 * seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            expected = len(np.histogram_bin_edges(x, bins="stone")) - 1
        assert mh.discretize(x, bins="stone").max() + 1 <= expected
        assert est._stone_bins(x, x.min(), x.max()) == expected
    # Cauchy data: NumPy's search ends at its upper bound and NumPy warns; mi_helpers caps with its own warning.
    c = np.random.default_rng(5).standard_cauchy(1000)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mh.discretize(c, bins="stone")
    assert [w.category for w in caught] == [mh.BinsWarning]
    assert "interquartile" not in str(caught[0].message) and "Stone" in str(caught[0].message)


@pytest.mark.parametrize("rule, word", [("fd", "interquartile range"), ("scott", "standard deviation")])
def test_the_cap_warning_names_what_the_rule_measures(rule, word):
    c = np.random.default_rng(6).standard_cauchy(1000)
    c[0] = 1e9
    with pytest.warns(mh.BinsWarning, match=word):
        mh.discretize(c, bins=rule)


@pytest.mark.parametrize("n", [50, 200, 1000, 5000, 20000])
def test_the_ceiling_leaves_gaussian_data_unchanged(n):
    for seed in range(5):
        x = np.random.default_rng([n, seed]).standard_normal(n)
        with warnings.catch_warnings():
            warnings.simplefilter("error", mh.BinsWarning)  # the guard must not act
            codes = mh.discretize(x)
        np.testing.assert_array_equal(codes, _numpy_codes(x, "fd"))


# ---------------------------------------------------------------- 4. one bin for a non-constant column


def test_zero_inflated_data_never_collapses_to_a_single_bin(zw):
    z, w = zw
    x = np.where(np.arange(z.size) % 5 == 0, z, 0.0)  # 80% exact zeros, dependent on w through the rest
    sturges = math.ceil(math.log2(z.size) + 1)
    with pytest.warns(mh.BinsWarning, match="single bin .* interquartile range is 0"):
        value = mh.mi_binned(x, w)
    ref = mutual_info_score(_numpy_codes(x, sturges), _numpy_codes(w, "fd"))
    assert value == pytest.approx(ref, abs=1e-12)
    assert value > 0.02
    with pytest.warns(mh.BinsWarning, match="X\\[:, 0\\]"):
        m = mh.pairwise_mi(np.c_[x, w])
    assert m[0, 1] == pytest.approx(value, abs=1e-10)
    # Equal-frequency bins: the zeros get a bin of their own, the other values are split by quantiles.
    codes = mh.discretize(x, 4, strategy="quantile")
    (zero_code,) = set(codes[x == 0])
    assert zero_code not in set(codes[x != 0]) and len(set(codes)) >= 3
    assert mh.mi_binned(x, w, bins=4, strategy="quantile") > 0.02
    # A constant column still has one bin and no MI, silently.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert mh.mi_binned(np.zeros(100), w[:100]) == 0.0


# ---------------------------------------------------------------- 5. masked arrays


def test_masked_arrays_are_refused_unless_nothing_is_masked(zw):
    z, w = zw
    zm = np.ma.masked_array(z, mask=z > 2)
    for call in (
        lambda: mh.mi_ksg(zm, w),
        lambda: mh.mi_binned(zm, w),
        lambda: mh.mi_gaussian(zm, w),
        lambda: mh.mi_kde(zm[:200], w[:200]),
        lambda: mh.mi_discrete(np.ma.masked_array([1, 2, 3, 4], [0, 1, 0, 0]), [1, 1, 2, 2]),
        lambda: mh.pairwise_mi(np.ma.column_stack([zm, w])),
    ):
        with pytest.raises(ValueError, match="masked array with .* masked value"):
            call()
    assert mh.mi_ksg(np.ma.masked_array(z), w) == mh.mi_ksg(z, w)
    keep = ~np.ma.getmaskarray(zm)
    assert mh.mi_ksg(zm.data[keep], w[keep]) == pytest.approx(mh.mi_ksg(z[keep], w[keep]))


# ---------------------------------------------------------------- 6. extreme scales


@pytest.mark.parametrize("scale", [1e-170, 2.0**-565, 1e160, 1e300])
def test_extreme_scales_give_the_same_estimate(zw, scale):
    z, w = zw
    zs = z * scale
    assert mh.mi_ksg(zs, w) == pytest.approx(mh.mi_ksg(z, w), abs=1e-9)
    assert mh.mi_gaussian(zs, w) == pytest.approx(mh.mi_gaussian(z, w), abs=1e-9)
    assert mh.mi_kde(zs[:500], w[:500]) == pytest.approx(mh.mi_kde(z[:500], w[:500]), abs=1e-9)
    assert mh.mi_binned(zs, w) == pytest.approx(mh.mi_binned(z, w), abs=1e-12)
    g = mh.pairwise_mi(np.c_[zs, w, w * scale], method="gaussian")
    assert g[0, 1] == pytest.approx(mh.gaussian_mi(np.corrcoef(z, w)[0, 1]), abs=1e-9)
    assert g[0, 2] == pytest.approx(g[0, 1], abs=1e-9)
    assert mh.mi_mixed(zs, (w > 0).astype(int)) == pytest.approx(mh.mi_mixed(z, (w > 0).astype(int)), abs=1e-9)


def test_power_of_two_scaling_is_exact(zw):
    z, w = zw
    assert mh.mi_ksg(z * 2.0**-600, w) == mh.mi_ksg(z, w)
    np.testing.assert_array_equal(mh.discretize(z * 2.0**700), mh.discretize(z))


# ---------------------------------------------------------------- 7. identical columns


def test_identical_columns_are_infinite_for_every_gaussian_path(zw):
    z, w = zw
    assert mh.mi_gaussian(z, z) == math.inf
    g = mh.pairwise_mi(np.c_[z, z, 2 * z + 1, w], method="gaussian")
    assert g[0, 1] == math.inf and g[0, 2] == math.inf
    assert g[0, 3] == pytest.approx(mh.mi_gaussian(z, w), abs=1e-10)
    near = z + 1e-3 * w  # correlation 0.9999995: large but finite in both
    assert mh.pairwise_mi(np.c_[z, near], method="gaussian")[0, 1] == pytest.approx(mh.mi_gaussian(z, near), rel=1e-9)


# ---------------------------------------------------------------- 8. and 9. labels


@pytest.mark.parametrize("labels", [[1, "1", 2, "2"], np.array([1, "1", 2, "2"], dtype=object), [1.0, "a", 2, "b"]])
def test_numbers_and_strings_are_never_merged_silently(labels):
    with pytest.raises(TypeError, match="x mixes label types"):
        mh.mi_discrete(labels, [0, 0, 1, 1])
    with pytest.raises(TypeError, match="x mixes label types"):
        mh.entropy_discrete(labels)
    with pytest.raises(TypeError, match="y mixes label types"):
        mh.mi_mixed([0.1, 0.5, 0.2, 0.9], labels)


def test_labels_of_one_kind_are_accepted():
    assert mh.entropy_discrete(["1", "1", "2", "2"]) == pytest.approx(math.log(2))
    assert mh.entropy_discrete([1, 1.0, 2, 2]) == pytest.approx(math.log(2))  # 1 == 1.0 in Python too
    assert mh.entropy_discrete(np.array([True, 1, 0, False], dtype=object)) == pytest.approx(math.log(2))
    days = np.array(["2020-01-01", "2020-01-02", "2020-01-01", "2020-01-03"], dtype="datetime64[D]")
    assert mh.mi_discrete(days, [0, 1, 0, 1]) == pytest.approx(mutual_info_score([0, 1, 0, 2], [0, 1, 0, 1]))
    assert mh.entropy_discrete([2**70, 2**70 + 1, 2**70]) == pytest.approx(mutual_info_score([0, 1, 0], [0, 1, 0]))


@pytest.mark.parametrize(
    "labels",
    [
        ["a", None, "b", "a"],
        np.array(["a", np.nan, "b", "a"], dtype=object),
        [1.0, float("nan"), 2.0, 1.0],
        np.array(["2020-01-01", "NaT", "2020-01-02", "2020-01-01"], dtype="datetime64[D]"),
    ],
)
def test_missing_labels_are_named_as_missing(labels):
    for call in (lambda: mh.mi_discrete(labels, [0, 0, 1, 1]), lambda: mh.entropy_discrete(labels)):
        with pytest.raises(ValueError, match="x contains missing values"):
            call()


def test_missing_labels_from_pandas_are_named_as_missing():
    pd = pytest.importorskip("pandas")
    for labels in (pd.array(["a", pd.NA, "b", "a"]), pd.Categorical(["a", None, "b", "a"]),
                   pd.Series([pd.Timestamp("2020-01-01"), pd.NaT, pd.Timestamp("2020-01-02"), pd.Timestamp("2020-01-01")])):
        with pytest.raises(ValueError, match="y contains missing values"):
            mh.mi_discrete([0, 0, 1, 1], labels)
    with pytest.raises(ValueError, match="z contains missing values"):
        mh.cmi_discrete([0, 1, 0, 1], [0, 0, 1, 1], pd.array([1, pd.NA, 2, 1]))
    with pytest.raises(ValueError, match="x contains"):
        mh.mi_ksg(pd.array([0.1, pd.NA, 0.3, 0.4, 0.5]), [1.0, 2.0, 3.0, 4.0, 5.0])


# ---------------------------------------------------------------- 10. workers


@pytest.mark.parametrize("workers, exc", [(0, ValueError), (-7, ValueError), (1.5, TypeError), (True, TypeError)])
def test_workers_is_checked_everywhere(zw, workers, exc):
    z, w = zw
    labels = (w > 0).astype(int)
    for call in (
        lambda: mh.mi_ksg(z, w, workers=workers),
        lambda: mh.cmi_ksg(z, w, z, workers=workers),
        lambda: mh.pairwise_mi(np.c_[z, w], method="ksg", workers=workers),
        lambda: mh.mi_mixed(z, labels, workers=workers),
    ):
        with pytest.raises(exc, match="workers"):
            call()


def test_results_do_not_depend_on_workers():
    x, y = mh.correlated_gaussian(6000, 0.5, seed=8)  # above the threaded-query threshold
    labels = (y > 0.3).astype(int)
    assert mh.mi_ksg(x, y, workers=1) == mh.mi_ksg(x, y, workers=2) == mh.mi_ksg(x, y, workers=-1)
    assert mh.mi_mixed(x, labels, workers=1) == mh.mi_mixed(x, labels, workers=2)


# ---------------------------------------------------------------- 11. values near the float limits


def test_values_near_the_float_limit_bin_like_their_signs(zw):
    z, w = zw
    value = mh.mi_binned(np.sign(z) * 1e308, w)
    assert value == pytest.approx(mutual_info_score(np.sign(z), _numpy_codes(w, "fd")), abs=1e-12)
    assert value == mh.mi_binned(np.sign(z), w)
    # The truth for the sign and the binned w is below I(sign Z; W), about 0.15 nats for rho = 0.6.
    assert 0.1 < value < 0.2


# ---------------------------------------------------------------- 12. tiny samples


def test_ksg_states_its_minimum_sample_size():
    with pytest.raises(ValueError, match=r"k=1 needs at least k \+ 2 = 3 samples, got 2"):
        mh.mi_ksg([0.0, 1.0], [5.0, 3.0], k=1)
    with pytest.raises(ValueError, match=r"k=3 needs at least k \+ 2 = 5 samples, got 4"):
        mh.mi_ksg(np.arange(4.0), np.arange(4.0) ** 2)
    with pytest.raises(ValueError, match="k=3 needs"):
        mh.pairwise_mi(np.random.default_rng(0).standard_normal((4, 3)), method="ksg")
    with pytest.raises(ValueError, match="k=3 needs"):
        mh.cmi_ksg(np.arange(4.0), np.arange(4.0), np.arange(4.0))
    # The reason: with n = k + 1 every draw gives the same number (here for k = 2, always 0).
    rng = np.random.default_rng(0)
    values = {round(est._ksg_nats(rng.standard_normal((3, 1)), rng.standard_normal((3, 1)), 2, 1), 12) for _ in range(50)}
    assert values == {0.0}
    assert np.isfinite(mh.mi_ksg(rng.standard_normal(5), rng.standard_normal(5)))  # n = k + 2 is allowed


# ---------------------------------------------------------------- 13. huge integers


def test_integers_float64_cannot_hold_are_refused():
    x = np.arange(100, dtype=np.int64) + 2**60  # consecutive: they would merge in float64
    y = np.sin(np.arange(100.0))
    with pytest.raises(ValueError, match=r"x holds integers above 2\*\*53"):
        mh.mi_ksg(x, y)
    with pytest.raises(ValueError, match=r"y holds integers above 2\*\*53"):
        mh.mi_binned(y, x)
    assert mh.mi_ksg(x - x.min(), y) == pytest.approx(mh.mi_ksg(np.arange(100.0), y))
    exact = np.arange(100, dtype=np.int64) * 2**11 + 2**60  # multiples of 2**11: exact in float64
    assert mh.mi_ksg(exact, y) == pytest.approx(mh.mi_ksg(np.arange(100.0), y), abs=1e-9)
    # As labels, big integers are compared exactly.
    assert mh.mi_discrete(x, x % 7) == pytest.approx(mutual_info_score(np.arange(100), np.arange(100) % 7))


# ---------------------------------------------------------------- 14. gaussian_mi's argument


@pytest.mark.parametrize("rho", ["0.5", True, np.True_, np.array([True, False]), [0.5, "a"], None])
def test_gaussian_mi_refuses_what_is_not_a_real_number(rho):
    with pytest.raises(TypeError, match="rho must be a real number"):
        mh.gaussian_mi(rho)


def test_gaussian_mi_accepts_numbers_and_arrays():
    assert mh.gaussian_mi(0) == 0.0 and mh.gaussian_mi(1) == math.inf
    assert mh.gaussian_mi(np.float32(0.6)) == pytest.approx(-0.5 * math.log(1 - 0.6**2), rel=1e-6)
    np.testing.assert_allclose(mh.gaussian_mi([0.0, 0.6]), [0.0, -0.5 * math.log(0.64)])


# ---------------------------------------------------------------- 15. advice for mixed data


def test_tie_warnings_point_mixed_data_to_mi_mixed(zw):
    z, w = zw
    labels = (w > 0).astype(float)
    with pytest.warns(mh.TiesWarning, match=r"use mi_mixed\(x, y\)") as record:
        mh.mi_ksg(z, labels)
    assert "mi_discrete on the labels" not in str(record[0].message)
    with pytest.warns(mh.TiesWarning, match=r"use mi_mixed\(y, x\)"):
        mh.mi_ksg(labels, z)
    with pytest.warns(mh.TiesWarning, match=r"both discrete variables, use mi_discrete\(x, y\)"):
        mh.mi_ksg(labels, (z > 0).astype(float))
    with pytest.warns(mh.ContinuousInputWarning, match=r"use mi_mixed\(x, y\)"):
        mh.mi_discrete(z, labels)
    with pytest.warns(mh.ContinuousInputWarning, match="for a continuous y use mi_ksg"):
        with pytest.raises(ValueError, match="every label of y occurs only once"):
            mh.mi_mixed(z, w)


# ---------------------------------------------------------------- 16. warnings point at the caller


def test_warnings_point_at_the_calling_line(zw):
    z, w = zw
    here = __file__
    labels = (w > 0).astype(float)
    cases = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        line = inspect.currentframe().f_lineno + 1
        mh.mi_ksg(z, labels)
        cases.append((line, mh.TiesWarning))
        line = inspect.currentframe().f_lineno + 1
        mh.mi_discrete(z, w)
        cases.append((line, mh.ContinuousInputWarning))
        line = inspect.currentframe().f_lineno + 1
        mh.pairwise_mi(np.c_[np.where(np.arange(z.size) % 5 == 0, z, 0.0), w])
        cases.append((line, mh.BinsWarning))
        line = inspect.currentframe().f_lineno + 1
        mh.bootstrap_ci(z[:300], w[:300], estimator=mh.mi_ksg, n_boot=10, seed=0)
        cases.append((line, mh.TiesWarning))
        line = inspect.currentframe().f_lineno + 1
        mh.cmi_stratified(z, w, np.r_[np.zeros(4990), np.ones(10)])  # nested: the StratumWarning and...
        cases.append((line, mh.StratumWarning))
        line = inspect.currentframe().f_lineno + 1
        mh.cmi_stratified(z, labels, np.arange(z.size) % 2)  # ... a TiesWarning from mi_ksg inside it
        cases.append((line, mh.TiesWarning))
    for line, category in cases:
        hits = [w_ for w_ in caught if w_.lineno == line and issubclass(w_.category, category)]
        assert hits, f"no {category.__name__} at line {line}: {[(w_.filename, w_.lineno, w_.category.__name__) for w_ in caught]}"
        assert all(w_.filename == here for w_ in hits)


# ---------------------------------------------------------------- outliers in the covariance-based estimators


def test_kde_and_gaussian_warn_when_outliers_dominate_the_covariance(zw):
    z, w = zw
    zo = z.copy()
    zo[0] = 1e9
    with pytest.warns(mh.OutlierWarning, match=r"mi_gaussian: the standard deviation of x \("):
        assert mh.mi_gaussian(zo, w) < 0.01  # the correlation of the Gaussian fit is that of one point
    with pytest.warns(mh.OutlierWarning, match="mi_kde"):
        mh.mi_kde(zo[:500], w[:500])
    # The nearest-neighbour estimate scales by the robust spread: the outlier does not matter.
    assert mh.mi_ksg(zo, w) == pytest.approx(mh.mi_ksg(z, w), abs=0.02)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # ordinary data: no warning
        mh.mi_gaussian(z, w)
        mh.mi_kde(z[:500], w[:500])


def test_kde_warns_about_repeated_values_without_promising_a_jitter(zw):
    z, w = zw
    with pytest.warns(mh.TiesWarning, match="spike on every repeated value") as record:
        mh.mi_kde(z[:500].round(1), w[:500])
    assert "jitter" not in str(record[0].message)


def test_quantile_bins_count_a_rule_on_the_ranks():
    x, y = mh.correlated_gaussian(2000, 0.6, seed=4)
    xo = x.copy()
    xo[0] = 1e9  # one outlier: a count from the values would be capped at 90 bins
    codes = mh.discretize(xo, strategy="quantile")
    assert codes.max() + 1 == math.ceil(2000 ** (1 / 3))  # Freedman-Diaconis on uniform ranks: n^(1/3)
    np.testing.assert_array_equal(mh.discretize(np.exp(x), "sturges", strategy="quantile"),
                                  mh.discretize(x**3, "sturges", strategy="quantile"))
    np.testing.assert_array_equal(mh.discretize(np.exp(x), strategy="quantile"), mh.discretize(x, strategy="quantile"))
    assert mh.mi_binned(xo, y, strategy="quantile") == pytest.approx(mh.gaussian_mi(0.6), abs=0.05)
