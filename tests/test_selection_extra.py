"""mi_helpers.selection: JMI, CMIM, joint relevance, random-order baselines, nested CV.

References: brute-force greedy searches written here from mi_discrete and
cmi_discrete (an independent route through entropies); exact discrete
distributions enumerated row by row, whose MI is known in closed form;
scikit-learn's GaussianNB, KNeighborsClassifier, GridSearchCV and
cross_validate.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from sklearn.datasets import load_wine
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_validate
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline

import mi_helpers as mh
from mi_helpers.selection import (
    NestedSelection,
    cmim,
    cv_scores_by_size,
    jmi,
    joint_relevance,
    nested_cv_by_size,
    random_order_scores,
    rank_by_score,
)


def _random_labels(seed, n=300, p=6):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    X = rng.integers(0, 3, (n, p))
    X[:, 0] = np.where(rng.random(n) < 0.6, y, X[:, 0])  # relevant
    X[:, 1] = np.where(rng.random(n) < 0.8, X[:, 0], X[:, 1])  # mostly a copy of column 0
    X[:, 2] = np.where(rng.random(n) < 0.4, (y + 1) % 3, X[:, 2])  # relevant in another way
    return X, y


def brute_force(X, y, n_select, criterion):
    """Greedy JMI or CMIM, each score computed from scratch with the discrete estimators."""
    p = X.shape[1]
    chosen = []
    for _ in range(n_select):
        best_j, best_score = None, None
        for k in range(p):
            if k in chosen:
                continue
            if not chosen:
                score = mh.mi_discrete(X[:, k], y)
            elif criterion == "jmi":
                score = sum(mh.mi_discrete(X[:, [k, j]], y) for j in chosen)
            else:
                score = min(mh.cmi_discrete(X[:, k], y, X[:, j]) for j in chosen)
            if best_score is None or score > best_score + 1e-12:
                best_j, best_score = k, score
        chosen.append(best_j)
    return chosen


def test_joint_relevance_matches_the_discrete_estimator():
    X, y = _random_labels(0)
    J = joint_relevance(X, y)
    for i, j in itertools.product(range(X.shape[1]), repeat=2):
        expected = mh.mi_discrete(X[:, i], y) if i == j else mh.mi_discrete(X[:, [i, j]], y)
        assert J[i, j] == pytest.approx(expected, abs=1e-12)
    # String labels give the same matrix.
    J_str = joint_relevance(X.astype(str), np.array(["a", "b", "c"])[y])
    np.testing.assert_allclose(J_str, J, atol=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("criterion", ["jmi", "cmim"])
def test_greedy_criteria_match_brute_force(seed, criterion):
    X, y = _random_labels(seed)
    J = joint_relevance(X, y)
    picked = (jmi if criterion == "jmi" else cmim)(J, X.shape[1])
    assert picked.tolist() == brute_force(X, y, X.shape[1], criterion)


def _enumerate(weights_by_row):
    """Rows repeated in proportion to their probability: the plug-in MI is then the exact MI."""
    rows = [row for row, w in weights_by_row for _ in range(w)]
    return np.array(rows)


def test_xor_partner_is_found_once_one_member_is_chosen():
    # A fair bit, B = 1 with probability 1/4, Y = A xor B, N an independent fair bit.
    # I(A; Y) = ln 2 - H(3/4) > 0, I(B; Y) = 0, I(A, B; Y) = H(Y) = ln 2.
    rows = []
    for a, b, noise in itertools.product([0, 1], repeat=3):
        rows.append(((noise, b, a, a ^ b), 3 if b == 0 else 1))
    data = _enumerate(rows)
    X, y = data[:, :3], data[:, 3]
    J = joint_relevance(X, y)
    h34 = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25))
    assert J[2, 2] == pytest.approx(math.log(2) - h34, abs=1e-12)
    assert J[1, 1] == pytest.approx(0.0, abs=1e-12) and J[0, 0] == pytest.approx(0.0, abs=1e-12)
    assert J[1, 2] == pytest.approx(math.log(2), abs=1e-12)
    assert jmi(J, 3).tolist() == [2, 1, 0]
    assert cmim(J, 3).tolist() == [2, 1, 0]


def test_a_copy_adds_nothing_given_its_original():
    # X1 and X2 are independent noisy views of Y; C is an exact copy of X1.
    rows = []
    for yv, e1, e2 in itertools.product([0, 1], [0, 1], [0, 1]):
        x1, x2 = yv ^ e1, yv ^ e2
        w = (3 if e1 == 0 else 1) * (2 if e2 == 0 else 1)  # X1 right 3/4 of the time, X2 2/3
        rows.append(((x1, x1, x2, yv), w))
    data = _enumerate(rows)
    X, y = data[:, :3], data[:, 3]
    J = joint_relevance(X, y)
    assert J[0, 1] == pytest.approx(J[0, 0], abs=1e-12)  # the pair (X1, copy) tells no more than X1
    assert jmi(J, 2).tolist() == [0, 2] and cmim(J, 2).tolist() == [0, 2]
    # Univariate ranking keeps the copy second.
    assert rank_by_score(np.diag(J))[:2].tolist() == [0, 1]


@pytest.mark.parametrize(
    "func, args, error, match",
    [
        (jmi, (np.zeros((3, 2)), 1), ValueError, "square"),
        (jmi, (np.array([[0.1, 0.2], [0.3, 0.1]]), 1), ValueError, "symmetric"),
        (cmim, (np.full((2, 2), np.nan), 1), ValueError, "NaN"),
        (cmim, (np.eye(3), 4), ValueError, "n_select"),
        (cmim, (np.eye(3), 1.5), TypeError, "n_select"),
        (joint_relevance, (np.zeros(5), np.zeros(5)), ValueError, "2-D"),
        (joint_relevance, (np.zeros((5, 2)), np.zeros(4)), ValueError, "X_labels|y"),
    ],
)
def test_bad_input(func, args, error, match):
    with pytest.raises(error, match=match):
        func(*args)


# ------------------------------------------------------------ random orders


@pytest.fixture(scope="module")
def wine():
    data = load_wine()
    return data.data, data.target


@pytest.mark.parametrize("estimator", [GaussianNB(), KNeighborsClassifier(n_neighbors=5)])
def test_random_order_scores_equal_cross_validation_of_each_order(wine, estimator):
    X, y = wine
    cv = StratifiedKFold(n_splits=4, shuffle=True, random_state=2)
    scores = random_order_scores(X, y, estimator=estimator, cv=cv, n_orders=3, seed=5)
    assert scores.shape == (3, X.shape[1])
    rng = mh.make_rng(5)
    for r in range(3):
        order = rng.permutation(X.shape[1])
        expected = cv_scores_by_size(X, y, lambda Xt, yt, o=order: o, range(1, X.shape[1] + 1), estimator=estimator, cv=cv)
        np.testing.assert_allclose(scores[r], expected.mean(axis=0), atol=1e-12)


def test_random_order_scores_reproduce_and_reject_bad_input(wine):
    X, y = wine
    a = random_order_scores(X, y, estimator=GaussianNB(), cv=3, n_orders=4, seed=1)
    b = random_order_scores(X, y, estimator=GaussianNB(), cv=3, n_orders=4, seed=1)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(a[:, -1], a[0, -1])  # every order ends with all the features
    with pytest.raises(ValueError, match="n_orders"):
        random_order_scores(X, y, estimator=GaussianNB(), cv=3, n_orders=0, seed=1)
    with pytest.raises(ValueError, match="seed"):
        random_order_scores(X, y, estimator=GaussianNB(), cv=3, n_orders=2, seed=None)


# ------------------------------------------------------------ nested cross-validation


def test_nested_cv_equals_grid_search_inside_cross_validate(wine):
    X, y = wine
    outer = StratifiedKFold(n_splits=4, shuffle=True, random_state=0)
    inner = StratifiedKFold(n_splits=3, shuffle=True, random_state=1)
    sizes = list(range(1, X.shape[1] + 1))
    result = nested_cv_by_size(X, y, lambda Xt, yt: rank_by_score(f_classif(Xt, yt)[0]), sizes,
                               estimator=GaussianNB(), outer_cv=outer, inner_cv=inner)
    assert isinstance(result, NestedSelection)
    search = GridSearchCV(Pipeline([("select", SelectKBest(f_classif)), ("model", GaussianNB())]), {"select__k": sizes}, cv=inner)
    reference = cross_validate(search, X, y, cv=outer, return_estimator=True)
    np.testing.assert_allclose(result.scores, reference["test_score"], atol=1e-12)
    assert result.sizes.tolist() == [est.best_params_["select__k"] for est in reference["estimator"]]
    for curve, est in zip(result.inner_curves, reference["estimator"]):
        np.testing.assert_allclose(curve, est.cv_results_["mean_test_score"], atol=1e-12)


def test_nested_cv_rejects_bad_input(wine):
    X, y = wine
    rank = lambda Xt, yt: np.arange(Xt.shape[1])  # noqa: E731
    with pytest.raises(ValueError, match="sizes"):
        nested_cv_by_size(X, y, rank, [], estimator=GaussianNB(), outer_cv=3, inner_cv=3)
    with pytest.raises(ValueError, match="sizes go up to"):
        nested_cv_by_size(X, y, rank, [1, 40], estimator=GaussianNB(), outer_cv=3, inner_cv=3)
    with pytest.raises(TypeError, match="rank"):
        nested_cv_by_size(X, y, "f_test", [1, 2], estimator=GaussianNB(), outer_cv=3, inner_cv=3)


def test_nested_cv_fast_naive_bayes_path_equals_fitting_each_size(wine):
    X, y = wine
    rank = lambda Xt, yt: rank_by_score(f_classif(Xt, yt)[0])  # noqa: E731
    kwargs = dict(outer_cv=StratifiedKFold(n_splits=3, shuffle=True, random_state=4), inner_cv=StratifiedKFold(n_splits=4, shuffle=True, random_state=5))
    sizes = [2, 3, 5, 8, 13]
    fast = nested_cv_by_size(X, y, rank, sizes, estimator=GaussianNB(), **kwargs)
    slow = nested_cv_by_size(X, y, rank, sizes, estimator=Pipeline([("model", GaussianNB())]), **kwargs)  # not a plain GaussianNB
    np.testing.assert_allclose(fast.inner_curves, slow.inner_curves, atol=1e-12)
    np.testing.assert_array_equal(fast.sizes, slow.sizes)
    np.testing.assert_allclose(fast.scores, slow.scores, atol=1e-12)


def test_a_fitted_mrmr_keeps_the_documented_copy_and_can_let_it_go():
    import pickle

    rng = np.random.default_rng(4)
    X = rng.standard_normal((400, 6))
    y = (X[:, 0] > 0).astype(int)
    sel = mh.MRMRSelector(2, random_state=0).fit(X, y)
    cols = sel._columns
    kept = sum(a.nbytes for a in cols.std) + sum(o.nbytes for o in cols.orders)
    assert kept == 16 * X.size  # "16 n p bytes (twice X in float64)", as the Notes say
    assert "16 n p bytes" in " ".join(mh.MRMRSelector.__doc__.split())
    assert len(pickle.dumps(sel)) > kept
    partial = sel.n_redundancy_pairs_
    del sel._columns
    assert len(pickle.dumps(sel)) < X.nbytes
    with pytest.raises(AttributeError, match="fit again"):
        sel.redundancy_
    assert sel.n_redundancy_pairs_ == partial and sel.transform(X).shape == (400, 2)
