"""Tests of mi_helpers.selection: mRMR, the scikit-learn transformer, CV helpers.

References: a brute-force mRMR written here, hand-made cases with a known
answer, scikit-learn's own estimators and cross_val_score.
"""

from __future__ import annotations

import itertools
import warnings
from functools import partial

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import load_wine
from sklearn.feature_selection import SelectKBest, f_classif, mutual_info_classif
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import Pipeline, make_pipeline

from mi_helpers import TiesWarning, pairwise_mi
from mi_helpers.selection import (
    MRMRSelector,
    SelectionStudy,
    add_noisy_copies,
    cv_scores_by_size,
    mi_redundancy,
    mi_relevance,
    mrmr,
    rank_by_score,
)


@pytest.fixture(autouse=True)
def _quiet_ties():
    # The wine measurements are rounded; the tie warning is tested in test_estimators.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TiesWarning)
        yield


def brute_force_mrmr(relevance, redundancy, n_select, weight):
    """The incremental MID search of Peng et al. written as plainly as possible."""
    p = len(relevance)
    chosen = []
    for _ in range(n_select):
        best_j, best_score = None, None
        for j in range(p):
            if j in chosen:
                continue
            if chosen:
                total = 0.0
                for i in chosen:
                    total += redundancy[j][i]
                score = relevance[j] - weight * total / len(chosen)
            else:
                score = relevance[j]
            if best_score is None or score > best_score:
                best_j, best_score = j, score
        chosen.append(best_j)
    return chosen


def random_case(rng, p):
    relevance = rng.uniform(0, 1, p)
    a = rng.uniform(0, 1.5, (p, p))
    redundancy = (a + a.T) / 2
    np.fill_diagonal(redundancy, np.nan)
    return relevance, redundancy


@pytest.mark.parametrize("p", [2, 3, 5, 8, 12])
@pytest.mark.parametrize("weight", [0.0, 0.3, 1.0, 2.5])
def test_mrmr_matches_brute_force(p, weight):
    rng = np.random.default_rng(100 * p + int(10 * weight))
    for _ in range(5):
        relevance, redundancy = random_case(rng, p)
        for n_select in range(1, p + 1):
            got = mrmr(relevance, redundancy, n_select, weight=weight)
            assert got.tolist() == brute_force_mrmr(relevance, redundancy.tolist(), n_select, weight)


def test_mrmr_known_case_skips_the_duplicate():
    # Feature 1 is a near-copy of feature 0: almost as relevant, very redundant with it.
    relevance = np.array([1.0, 0.99, 0.5])
    redundancy = np.array([[np.nan, 2.0, 0.1], [2.0, np.nan, 0.1], [0.1, 0.1, np.nan]])
    assert mrmr(relevance, redundancy, 3, weight=1.0).tolist() == [0, 2, 1]
    # Without the redundancy term it is plain ranking and keeps the copy second.
    assert mrmr(relevance, redundancy, 3, weight=0.0).tolist() == [0, 1, 2]
    # Second step by hand: scores 0.99 - 2.0 and 0.5 - 0.1; weight 0.2 gives 0.59 vs 0.48.
    assert mrmr(relevance, redundancy, 2, weight=0.2).tolist() == [0, 1]


def test_mrmr_weight_zero_is_ranking_and_prefixes_are_nested():
    rng = np.random.default_rng(7)
    relevance, redundancy = random_case(rng, 9)
    assert mrmr(relevance, redundancy, 9, weight=0.0).tolist() == np.argsort(-relevance).tolist()
    full = mrmr(relevance, redundancy, 9, weight=1.0)
    for m in range(1, 10):
        assert mrmr(relevance, redundancy, m, weight=1.0).tolist() == full[:m].tolist()


def test_mrmr_ties_go_to_lowest_index():
    red = np.zeros((4, 4))
    assert mrmr([0.5, 0.7, 0.7, 0.1], red, 4).tolist() == [1, 2, 0, 3]


@pytest.mark.parametrize(
    "args, kwargs, error",
    [
        (([0.1, 0.2], np.zeros((3, 3)), 1), {}, ValueError),  # shape mismatch
        (([0.1, np.nan], np.zeros((2, 2)), 1), {}, ValueError),  # NaN relevance
        (([0.1, 0.2], [[0, np.inf], [np.inf, 0]], 1), {}, ValueError),  # inf redundancy
        (([0.1, 0.2], [[0, 1.0], [0.5, 0]], 1), {}, ValueError),  # not symmetric
        (([0.1, 0.2], np.zeros((2, 2)), 3), {}, ValueError),  # too many
        (([0.1, 0.2], np.zeros((2, 2)), 0), {}, ValueError),  # too few
        (([0.1, 0.2], np.zeros((2, 2)), 1.0), {}, TypeError),  # float count
        (([0.1, 0.2], np.zeros((2, 2)), 1), {"weight": -1.0}, ValueError),
        (([0.1, 0.2], np.zeros((2, 2)), 1), {"weight": True}, TypeError),
        (([0.1, 0.2], np.zeros((2, 2)), 1), {"weight": np.nan}, ValueError),
        (([], np.zeros((0, 0)), 1), {}, ValueError),  # empty
        ((["a", "b"], np.zeros((2, 2)), 1), {}, TypeError),
    ],
)
def test_mrmr_rejects_bad_input(args, kwargs, error):
    with pytest.raises(error):
        mrmr(*args, **kwargs)


def test_rank_by_score():
    assert rank_by_score([0.2, 0.9, 0.2, 0.5]).tolist() == [1, 3, 0, 2]
    with pytest.raises(ValueError):
        rank_by_score([0.1, np.nan])
    with pytest.raises(ValueError):
        rank_by_score(np.zeros((2, 2)))


# --------------------------------------------------------------------------
# Data with a known redundancy structure
# --------------------------------------------------------------------------


def redundant_data(n=300, seed=0):
    """Class from two independent signals a and b; column 1 is a near-copy of column 0.

    The class is the quartile of a (2 bits) and the sign of b (1 bit), so a is the most
    relevant signal, its copy nearly as relevant, and b the best complement.
    """
    rng = np.random.default_rng(seed)
    a = rng.standard_normal(n)
    b = rng.standard_normal(n)
    y = 2 * np.searchsorted([-0.6745, 0.0, 0.6745], a) + (b > 0).astype(int)  # eight classes
    X = np.column_stack([a, a + 0.05 * rng.standard_normal(n), b, rng.standard_normal(n)])
    return X, y


def test_relevance_and_redundancy_are_the_library_estimators():
    X, y = redundant_data(120)
    np.testing.assert_array_equal(mi_relevance(X, y, k=4, seed=3), mutual_info_classif(X, y, n_neighbors=4, random_state=3))
    np.testing.assert_array_equal(mi_redundancy(X, k=4), pairwise_mi(X, method="ksg", k=4))


def test_selector_avoids_the_copy_where_ranking_keeps_it():
    X, y = redundant_data()
    ranked = SelectKBest(partial(mutual_info_classif, random_state=0), k=2).fit(X, y)
    assert set(ranked.get_support(indices=True)) == {0, 1}  # the signal a, twice
    sel = MRMRSelector(2, random_state=0).fit(X, y)
    assert sel.ranking_[1] == 2  # after a (or its copy), mRMR takes b
    assert sel.ranking_[0] in (0, 1)
    assert sel.get_support().tolist() == [c in sel.ranking_ for c in range(4)]
    assert sel.get_support(indices=True).tolist() == sorted(sel.ranking_.tolist())
    np.testing.assert_array_equal(sel.transform(X), X[:, sel.get_support()])
    np.testing.assert_array_equal(sel.fit_transform(X, y), X[:, np.sort(sel.ranking_)])
    np.testing.assert_array_equal(sel.relevance_, mutual_info_classif(X, y, random_state=0))


def test_selector_in_pipeline_with_cross_val_score_equals_manual_folds():
    X, y = redundant_data(200, seed=1)
    cv = StratifiedKFold(n_splits=4, shuffle=True, random_state=0)
    pipe = make_pipeline(MRMRSelector(2, random_state=0), GaussianNB())
    scores = cross_val_score(pipe, X, y, cv=cv)
    manual = []
    for train, test in cv.split(X, y):
        rel = mutual_info_classif(X[train], y[train], random_state=0)
        red = pairwise_mi(X[train], method="ksg", k=3)
        cols = np.sort(brute_force_mrmr(rel, red.tolist(), 2, 1.0))
        model = GaussianNB().fit(X[np.ix_(train, cols)], y[train])
        manual.append(model.score(X[np.ix_(test, cols)], y[test]))
    np.testing.assert_allclose(scores, manual)
    assert scores.mean() > 0.7  # a and b together determine the class (chance is 1/8)


def test_selector_sklearn_api():
    sel = MRMRSelector(3, random_state=5, weight=0.5, n_neighbors=4)
    assert sel.get_params() == {"n_features_to_select": 3, "random_state": 5, "weight": 0.5, "n_neighbors": 4}
    twin = clone(sel)
    assert twin is not sel and twin.get_params() == sel.get_params()
    assert sel.set_params(weight=2.0) is sel and sel.weight == 2.0
    with pytest.raises(ValueError, match="invalid parameter"):
        sel.set_params(alpha=1)
    pipe = Pipeline([("select", MRMRSelector(2, random_state=0)), ("nb", GaussianNB())])
    pipe.set_params(select__n_features_to_select=3)
    X, y = redundant_data(150)
    pipe.fit(X, y)
    assert pipe.named_steps["select"].get_support().sum() == 3
    names = np.array(["a", "a_copy", "b", "noise"], dtype=object)
    fitted = pipe.named_steps["select"]
    assert fitted.get_feature_names_out(names).tolist() == names[fitted.get_support()].tolist()
    assert fitted.get_feature_names_out().tolist() == [f"x{i}" for i in fitted.get_support(indices=True)]
    assert "MRMRSelector(" in repr(sel)


def test_selector_rejects_bad_input():
    X, y = redundant_data(150)
    with pytest.raises(ValueError, match="not fitted"):
        MRMRSelector(2, random_state=0).transform(X)
    with pytest.raises(ValueError, match="at most"):
        MRMRSelector(5, random_state=0).fit(X, y)
    with pytest.raises(TypeError):
        MRMRSelector(2.5, random_state=0).fit(X, y)
    with pytest.raises(ValueError, match="seed"):
        MRMRSelector(2, random_state=None).fit(X, y)
    with pytest.raises(ValueError, match="weight"):
        MRMRSelector(2, random_state=0, weight=-1).fit(X, y)
    with pytest.raises(ValueError, match="same number of samples"):
        MRMRSelector(2, random_state=0).fit(X, y[:-1])
    with pytest.raises(ValueError, match="NaN"):
        MRMRSelector(2, random_state=0).fit(np.where(X > 2, np.nan, X), y)
    with pytest.raises(ValueError, match="single class"):
        MRMRSelector(2, random_state=0).fit(X, np.zeros(len(y)))
    with pytest.raises(TypeError):
        MRMRSelector(2)  # random_state is required
    fitted = MRMRSelector(2, random_state=0).fit(X, y)
    with pytest.raises(ValueError, match="features"):
        fitted.transform(X[:, :3])
    with pytest.raises(ValueError):
        mi_relevance(X, y, k=len(y), seed=0)


# --------------------------------------------------------------------------
# Cross-validation helpers
# --------------------------------------------------------------------------


def small_wine(p=6):
    data = load_wine()
    return data.data[:, :p], data.target


def test_cv_scores_by_size_equals_pipelines():
    X, y = small_wine()
    cv = StratifiedKFold(n_splits=4, shuffle=True, random_state=2)
    sizes = [1, 2, 4, 6]
    got = cv_scores_by_size(X, y, lambda Xt, yt: rank_by_score(f_classif(Xt, yt)[0]), sizes, estimator=GaussianNB(), cv=cv)
    assert got.shape == (4, 4)
    for col, m in enumerate(sizes):
        ref = cross_val_score(make_pipeline(SelectKBest(f_classif, k=m), GaussianNB()), X, y, cv=cv)
        np.testing.assert_allclose(got[:, col], ref)


def test_cv_scores_by_size_rejects_bad_input():
    X, y = small_wine()
    rank = lambda Xt, yt: np.arange(Xt.shape[1])  # noqa: E731
    with pytest.raises(ValueError, match="only"):
        cv_scores_by_size(X, y, rank, [7], estimator=GaussianNB(), cv=3)
    with pytest.raises(ValueError, match="empty"):
        cv_scores_by_size(X, y, rank, [], estimator=GaussianNB(), cv=3)
    with pytest.raises(TypeError, match="callable"):
        cv_scores_by_size(X, y, "f_test", [2], estimator=GaussianNB(), cv=3)
    with pytest.raises(ValueError, match="rank returned"):
        cv_scores_by_size(X, y, lambda Xt, yt: [0], [2], estimator=GaussianNB(), cv=3)


@pytest.fixture(scope="module")
def study_pair():
    X, y = small_wine()
    kw = dict(neighbors=(3, 6), weights=(0.0, 0.5, 1.0), n_splits=4, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TiesWarning)
        fast = SelectionStudy(X, y, estimator=GaussianNB(), **kw)
        generic = SelectionStudy(X, y, estimator=make_pipeline(GaussianNB()), **kw)  # not the fast path
    return X, y, fast, generic


def test_study_fast_naive_bayes_equals_sklearn(study_pair):
    _, _, fast, generic = study_pair
    assert fast._scores.keys() == generic._scores.keys()
    for key in fast._scores:
        np.testing.assert_array_equal(fast._scores[key], generic._scores[key])


def test_study_curves_equal_plain_pipelines(study_pair):
    X, y, study, _ = study_pair
    cv = StratifiedKFold(n_splits=4, shuffle=True, random_state=1)
    for m in (1, 3, 5):
        ref_f = cross_val_score(make_pipeline(SelectKBest(f_classif, k=m), GaussianNB()), X, y, cv=cv)
        np.testing.assert_allclose(study.fold_scores("f_test")[:, m - 1], ref_f)
        mi = partial(mutual_info_classif, n_neighbors=6, random_state=1)
        ref_mi = cross_val_score(make_pipeline(SelectKBest(mi, k=m), GaussianNB()), X, y, cv=cv)
        np.testing.assert_allclose(study.fold_scores("mi", k=6)[:, m - 1], ref_mi)
    ref_mrmr = cross_val_score(make_pipeline(MRMRSelector(2, random_state=1, weight=0.5), GaussianNB()), X, y, cv=cv)
    np.testing.assert_allclose(study.fold_scores("mrmr", k=3, weight=0.5)[:, 1], ref_mrmr)
    # With every feature kept, all methods use the same set.
    last = {m: study.curve(m)[-1] for m in ("mi", "mrmr", "f_test", "random")}
    assert len(set(last.values())) == 1


def test_study_selected_and_lookups(study_pair):
    X, y, study, _ = study_pair
    np.testing.assert_array_equal(study.relevance[6], mutual_info_classif(X, y, n_neighbors=6, random_state=1))
    expected = brute_force_mrmr(study.relevance[6], study.redundancy[6].tolist(), 4, 0.5)
    assert study.selected(4, k=6, weight=0.5).tolist() == expected
    np.testing.assert_array_equal(study.curve("mi", k=3), study.curve("mrmr", k=3, weight=0.0))
    with pytest.raises(ValueError, match="method"):
        study.curve("lasso")
    with pytest.raises(ValueError, match="precomputed"):
        study.curve("mrmr", k=4)
    with pytest.raises(ValueError, match="precomputed"):
        study.curve("mrmr", weight=0.7)
    with pytest.raises(ValueError, match="precomputed"):
        study.selected(2, k=9)


def test_study_rejects_bad_input():
    X, y = small_wine(4)
    with pytest.raises(ValueError, match="seed"):
        SelectionStudy(X, y, estimator=GaussianNB(), seed=None)
    with pytest.raises(ValueError, match="at least one"):
        SelectionStudy(X, y, estimator=GaussianNB(), weights=(), seed=0)
    with pytest.raises(ValueError, match="weight"):
        SelectionStudy(X, y, estimator=GaussianNB(), weights=(-1.0,), seed=0)
    with pytest.raises(ValueError, match="n_splits"):
        SelectionStudy(X, y, estimator=GaussianNB(), n_splits=1, seed=0)


# --------------------------------------------------------------------------
# Noisy copies
# --------------------------------------------------------------------------


def test_add_noisy_copies_correlation_matches_theory():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((20000, 3))
    X_new, names = add_noisy_copies(X, ["a", "b", "c"], [2, 0], [0.1, 0.5], seed=4)
    assert X_new.shape == (20000, 7)
    assert names == ["a", "b", "c", "c copy 0.1", "c copy 0.5", "a copy 0.1", "a copy 0.5"]
    np.testing.assert_array_equal(X_new[:, :3], X)
    for col, (src, level) in zip(range(3, 7), itertools.product([2, 0], [0.1, 0.5])):
        r = np.corrcoef(X_new[:, col], X[:, src])[0, 1]
        assert r == pytest.approx(1 / np.sqrt(1 + level**2), abs=0.01)  # corr of x and x + level * sd * noise
    again, _ = add_noisy_copies(X, ["a", "b", "c"], [2, 0], [0.1, 0.5], seed=4)
    np.testing.assert_array_equal(again, X_new)


def test_add_noisy_copies_rejects_bad_input():
    X = np.zeros((5, 2)) + np.arange(5)[:, None]
    with pytest.raises(ValueError, match="names"):
        add_noisy_copies(X, ["a"], [0], [0.1], seed=0)
    with pytest.raises(ValueError, match="out of range"):
        add_noisy_copies(X, ["a", "b"], [2], [0.1], seed=0)
    with pytest.raises(ValueError, match="noise_levels"):
        add_noisy_copies(X, ["a", "b"], [0], [-0.1], seed=0)
    with pytest.raises(ValueError, match="seed"):
        add_noisy_copies(X, ["a", "b"], [0], [0.1], seed=None)


# ---------------------------------------------------------------- lazy redundancy


@pytest.mark.parametrize("n_select, weight", [(1, 1.0), (2, 1.0), (4, 0.5), (7, 2.0), (8, 1.0), (5, 0.0)])
def test_selector_reads_only_the_pairs_greedy_selection_needs(n_select, weight):
    rng = np.random.default_rng(40)
    n, p = 300, 8
    base = rng.standard_normal((n, 3))
    X = np.column_stack([base, base[:, :2] + 0.3 * rng.standard_normal((n, 2)), rng.standard_normal((n, 3))])
    y = (base[:, 0] + base[:, 1] > 0).astype(int) + 2 * (base[:, 2] > 0.5)
    sel = MRMRSelector(n_select, random_state=0, weight=weight).fit(X, y)
    # The eager reference: the full KSG matrix, then the greedy search on it.
    full = pairwise_mi(X, method="ksg", k=3)
    expected = mrmr(mutual_info_classif(X, y, random_state=0), full, n_select, weight=weight)
    np.testing.assert_array_equal(sel.ranking_, expected)
    # Each chosen feature but the last reads its pairs with the features still free.
    needed = 0 if weight == 0 else sum(p - 1 - s for s in range(n_select - 1))
    assert sel.n_redundancy_pairs_ == needed
    # The full matrix on request: the same numbers as pairwise_mi, pair by pair.
    np.testing.assert_array_equal(sel.redundancy_, full)
    assert sel.n_redundancy_pairs_ == p * (p - 1) // 2


def test_two_of_two_hundred_features_read_under_two_percent_of_the_pairs():
    rng = np.random.default_rng(41)
    X = rng.standard_normal((150, 200))
    y = (X[:, 3] > 0).astype(int)
    sel = MRMRSelector(2, random_state=0).fit(X, y)
    assert sel.ranking_[0] == 3
    assert sel.n_redundancy_pairs_ == 199  # of 19,900
