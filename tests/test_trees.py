"""Tests of mi_helpers.trees against scikit-learn's trees, mi_discrete and hand sums."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer, load_digits, load_iris, load_wine
from sklearn.tree import DecisionTreeClassifier

from mi_helpers import entropy_discrete, mi_discrete
from mi_helpers.trees import (
    FEATURE_THRESHOLD,
    best_split,
    candidate_thresholds,
    gini_impurity,
    impurity_decrease,
    information_gain,
    split_gains,
)

LOADERS = {"iris": load_iris, "wine": load_wine, "breast_cancer": load_breast_cancer, "digits": load_digits}


def float32_data(name):
    X, y = LOADERS[name](return_X_y=True)
    return X.astype(np.float32), y


def stump_root(x, y, criterion):
    """Threshold and impurity decrease of the root of a one-split scikit-learn tree."""
    tree = DecisionTreeClassifier(criterion=criterion, max_depth=1, random_state=0).fit(x[:, None], y).tree_
    if tree.node_count < 3:
        return None
    n = tree.n_node_samples
    return tree.threshold[0], tree.impurity[0] - (n[1] * tree.impurity[1] + n[2] * tree.impurity[2]) / n[0]


@pytest.mark.parametrize("name", list(LOADERS))
@pytest.mark.parametrize("criterion", ["entropy", "gini"])
def test_best_split_equals_sklearn_root(name, criterion):
    X, y = float32_data(name)
    columns = range(X.shape[1]) if name != "digits" else range(0, 64, 3)
    checked = 0
    for j in columns:
        root = stump_root(X[:, j], y, criterion)
        if root is None:  # constant feature: scikit-learn makes no split
            assert math.isnan(best_split(X[:, j], y, criterion=criterion)[0])
            continue
        threshold, gain = best_split(X[:, j], y, criterion=criterion)
        assert threshold == root[0], (name, j)
        assert abs(gain - root[1]) <= 1e-12, (name, j)
        checked += 1
    assert checked >= 4


def test_root_of_a_full_tree_is_the_best_split_over_features():
    X, y = float32_data("breast_cancer")
    for criterion in ("entropy", "gini"):
        tree = DecisionTreeClassifier(criterion=criterion, max_depth=1, random_state=0).fit(X, y).tree_
        splits = [best_split(X[:, j], y, criterion=criterion) for j in range(X.shape[1])]
        j = int(np.argmax([g for _, g in splits]))
        assert tree.feature[0] == j
        assert tree.threshold[0] == splits[j][0]


def test_sklearn_entropy_is_in_bits():
    _, y = float32_data("wine")
    X, _ = float32_data("wine")
    tree = DecisionTreeClassifier(criterion="entropy", max_depth=1, random_state=0).fit(X, y).tree_
    assert tree.impurity[0] == pytest.approx(entropy_discrete(y, base=2), abs=1e-12)
    assert tree.impurity[0] != pytest.approx(entropy_discrete(y), abs=1e-3)


@pytest.mark.parametrize("name", ["iris", "wine", "breast_cancer"])
def test_information_gain_is_mi_of_split_and_label(name):
    X, y = float32_data(name)
    rng = np.random.default_rng(1)
    for j in rng.choice(X.shape[1], size=4, replace=False):
        x = X[:, j]
        for t in rng.choice(candidate_thresholds(x), size=5):
            for base in (2, math.e, 10):
                assert information_gain(x, y, t, base=base) == pytest.approx(mi_discrete(x <= t, y, base=base), abs=1e-12)


def brute_gini_decrease(x, y, t):
    def gini(labels):
        if len(labels) == 0:
            return 0.0
        _, counts = np.unique(labels, return_counts=True)
        p = counts / counts.sum()
        return 1.0 - float(np.sum(p**2))

    left, right = y[x <= t], y[x > t]
    return gini(y) - (len(left) * gini(left) + len(right) * gini(right)) / len(y)


@pytest.mark.parametrize("name", ["iris", "wine"])
def test_split_gains_equal_one_split_at_a_time(name):
    X, y = float32_data(name)
    for j in range(0, X.shape[1], 2):
        x = X[:, j]
        thresholds, gains = split_gains(x, y)
        np.testing.assert_array_equal(thresholds, candidate_thresholds(x))
        slow = [information_gain(x, y, t) for t in thresholds]
        np.testing.assert_allclose(gains, slow, rtol=0, atol=1e-12)
        _, gini = split_gains(x, y, criterion="gini")
        np.testing.assert_allclose(gini, [brute_gini_decrease(x, y, t) for t in thresholds], rtol=0, atol=1e-12)
        np.testing.assert_allclose(gini, [impurity_decrease(x, y, t, criterion="gini") for t in thresholds], rtol=0, atol=1e-12)


def test_small_cases_by_hand():
    x = np.array([1.0, 2.0, 3.0, 4.0])
    y = np.array([0, 0, 1, 1])
    assert candidate_thresholds(x).tolist() == [1.5, 2.5, 3.5]
    assert best_split(x, y) == (2.5, 1.0)  # a perfect split of a fair coin: 1 bit
    assert best_split(x, y, base=math.e)[1] == pytest.approx(math.log(2))
    assert best_split(x, y, criterion="gini") == (2.5, 0.5)
    # t = 1.5: left {0}, right {0, 1, 1}: IG = 1 - 3/4 H(1/3) bits
    h13 = -(1 / 3) * math.log2(1 / 3) - (2 / 3) * math.log2(2 / 3)
    assert information_gain(x, y, 1.5) == pytest.approx(1 - 0.75 * h13, abs=1e-15)
    assert information_gain(x, y, 0.0) == 0.0  # everything on one side
    assert gini_impurity([0, 0, 1, 1]) == 0.5
    assert gini_impurity(["a", "b", "c"]) == pytest.approx(2 / 3)
    assert gini_impurity([3, 3, 3]) == 0.0


def test_ties_first_maximum_and_close_values():
    # Symmetric data: thresholds 1.5 and 3.5 give equal gains; the first one wins.
    x = np.array([1.0, 2.0, 3.0, 4.0])
    y = np.array([0, 1, 1, 0])
    thresholds, gains = split_gains(x, y)
    assert gains[0] == pytest.approx(gains[2])
    assert best_split(x, y)[0] == 1.5
    # Values closer than FEATURE_THRESHOLD are one value to a tree.
    close = np.array([0.0, 0.5 * FEATURE_THRESHOLD, 1.0, 1.0], dtype=np.float32).astype(np.float64)
    assert candidate_thresholds(close).tolist() == [close[1] / 2 + 0.5]  # from the last value of the tied run
    assert stump_root(close.astype(np.float32), np.array([0, 1, 0, 1]), "entropy")[0] == best_split(close, [0, 1, 0, 1])[0]
    const = np.full(5, 3.0)
    assert candidate_thresholds(const).size == 0
    assert math.isnan(best_split(const, [0, 1, 0, 1, 0])[0])
    assert best_split(const, [0, 1, 0, 1, 0])[1] == 0.0


def test_midpoint_rounding_rule():
    # Two adjacent doubles: their midpoint rounds up to the larger one, so the smaller is used.
    a = 1.0
    b = np.nextafter(1.0, 2.0)
    x = np.array([a, b], dtype=np.float64)
    assert b - a < FEATURE_THRESHOLD  # too close to split...
    assert candidate_thresholds(x).size == 0
    big = np.array([2.0**60, 2.0**60 + 2.0**8])  # ... while here the midpoint is exact
    assert candidate_thresholds(big).tolist() == [2.0**60 + 2.0**7]


def test_gain_bounds_on_random_data():
    rng = np.random.default_rng(5)
    for _ in range(20):
        n = int(rng.integers(5, 200))
        x = rng.normal(size=n).round(1)
        y = rng.integers(0, int(rng.integers(2, 5)), size=n)
        _, gains = split_gains(x, y)
        h = entropy_discrete(y, base=2)
        assert np.all(gains >= -1e-12)
        assert np.all(gains <= min(h, 1.0) + 1e-12)


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda: information_gain(np.zeros((4, 2)), [0, 1, 0, 1], 0.5), ValueError),
        (lambda: information_gain([1, 2, 3], [0, 1], 1.5), ValueError),
        (lambda: information_gain([1, np.nan, 3], [0, 1, 0], 1.5), ValueError),
        (lambda: information_gain([1, 2, 3], [0, 1, 0], "1.5"), TypeError),
        (lambda: information_gain([1, 2, 3], [0, 1, 0], np.nan), ValueError),
        (lambda: information_gain([1, 2, 3], [0, 1, 0], 1.5, base=1), ValueError),
        (lambda: information_gain([1, 2, 3], np.zeros((3, 2)), 1.5), ValueError),
        (lambda: information_gain(["a", "b"], [0, 1], 1.5), TypeError),
        (lambda: impurity_decrease([1, 2, 3], [0, 1, 0], 1.5, criterion="log_loss"), ValueError),
        (lambda: split_gains([1, 2, 3], [0, 1, 0], criterion="mse"), ValueError),
        (lambda: best_split([], []), ValueError),
        (lambda: candidate_thresholds(np.zeros((3, 2))), ValueError),
    ],
)
def test_bad_input_is_rejected(call, error):
    with pytest.raises(error):
        call()
