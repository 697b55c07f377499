"""Property-based tests: symmetry, non-negativity, relabelling, I(X;X) = H(X)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import mi_helpers as mh

SETTINGS = settings(max_examples=60, deadline=None)


@st.composite
def label_pairs(draw):
    n = draw(st.integers(1, 80))
    x = draw(arrays(np.int64, n, elements=st.integers(0, 5)))
    y = draw(arrays(np.int64, n, elements=st.integers(0, 4)))
    return x, y


@SETTINGS
@given(label_pairs())
def test_discrete_mi_is_symmetric_and_non_negative(pair):
    x, y = pair
    a, b = mh.mi_discrete(x, y), mh.mi_discrete(y, x)
    assert a >= 0
    assert abs(a - b) < 1e-12


@SETTINGS
@given(label_pairs())
def test_discrete_mi_bounded_by_entropies(pair):
    x, y = pair
    assert mh.mi_discrete(x, y) <= min(mh.entropy_discrete(x), mh.entropy_discrete(y)) + 1e-12


@SETTINGS
@given(label_pairs(), st.permutations(range(6)), st.permutations(range(5)))
def test_discrete_mi_invariant_to_relabelling(pair, perm_x, perm_y):
    x, y = pair
    relabelled_x = np.array(perm_x)[x]
    relabelled_y = np.array(["abcde"[i] for i in np.array(perm_y)[y]])
    assert abs(mh.mi_discrete(x, y) - mh.mi_discrete(relabelled_x, relabelled_y)) < 1e-12


@SETTINGS
@given(label_pairs())
def test_mi_with_itself_is_entropy(pair):
    x, _ = pair
    assert abs(mh.mi_discrete(x, x) - mh.entropy_discrete(x)) < 1e-12


@SETTINGS
@given(label_pairs())
def test_mi_is_entropy_sum_minus_joint_entropy(pair):
    x, y = pair
    joint = mh.entropy_discrete(np.column_stack([x, y]))
    assert abs(mh.mi_discrete(x, y) - (mh.entropy_discrete(x) + mh.entropy_discrete(y) - joint)) < 1e-12


@SETTINGS
@given(arrays(np.float64, st.tuples(st.integers(2, 4), st.integers(2, 4)), elements=st.floats(0, 10)))
def test_mi_from_joint_non_negative_and_symmetric(table):
    if table.sum() <= 0:
        return
    a = mh.mi_from_joint(table)
    assert a >= 0
    assert abs(a - mh.mi_from_joint(table.T)) < 1e-12


@SETTINGS
@given(st.integers(0, 10_000), st.floats(-0.95, 0.95))
def test_continuous_estimators_are_symmetric(seed, rho):
    x, y = mh.correlated_gaussian(200, rho, seed=seed)
    assert abs(mh.mi_ksg(x, y) - mh.mi_ksg(y, x)) < 1e-12
    assert abs(mh.mi_binned(x, y, bins=8) - mh.mi_binned(y, x, bins=8)) < 1e-12
    assert abs(mh.mi_gaussian(x, y) - mh.mi_gaussian(y, x)) < 1e-12


@SETTINGS
@given(st.integers(0, 10_000), st.floats(0.1, 100), st.floats(-50, 50))
def test_ksg_invariant_to_affine_rescaling(seed, scale, shift):
    # Standardisation makes KSG exactly invariant to positive affine maps of a variable.
    x, y = mh.correlated_gaussian(300, 0.6, seed=seed)
    assert abs(mh.mi_ksg(x, y) - mh.mi_ksg(scale * x + shift, y)) < 1e-9
