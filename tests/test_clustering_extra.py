"""NID and variation of information against scikit-learn, the definitions and the metric axioms."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.metrics import homogeneity_completeness_v_measure, mutual_info_score, normalized_mutual_info_score

import mi_helpers as mh
from mi_helpers.clustering import nid, nmi, variation_of_information


def _conditional_entropy(a, b):
    """H(A | B) in nats, straight from the contingency table."""
    a, b = np.asarray(a), np.asarray(b)
    n = len(a)
    total = 0.0
    for vb in np.unique(b):
        inside = a[b == vb]
        _, counts = np.unique(inside, return_counts=True)
        p = counts / len(inside)
        total -= len(inside) / n * float(np.sum(p * np.log(p)))
    return total


def _labelings(seed, count=40):
    rng = np.random.default_rng(seed)
    for _ in range(count):
        n = int(rng.integers(4, 200))
        a = rng.integers(0, int(rng.integers(1, 12)), n)
        b = np.where(rng.random(n) < 0.5, a, rng.integers(0, int(rng.integers(1, 12)), n))
        yield a, b


def test_vi_is_the_sum_of_the_two_conditional_entropies():
    for a, b in _labelings(0):
        expected = _conditional_entropy(a, b) + _conditional_entropy(b, a)
        assert variation_of_information(a, b) == pytest.approx(expected, abs=1e-12)
        assert variation_of_information(a, b, base=2) == pytest.approx(expected / math.log(2), abs=1e-12)
        h_a, h_b = mutual_info_score(a, a), mutual_info_score(b, b)
        assert variation_of_information(a, b) == pytest.approx(h_a + h_b - 2 * mutual_info_score(a, b), abs=1e-12)


def test_nid_is_one_minus_max_nmi_of_sklearn():
    for a, b in _labelings(1):
        assert nid(a, b) == pytest.approx(1 - normalized_mutual_info_score(a, b, average_method="max"), abs=1e-12)


def test_identity_and_bounds():
    a = np.array([0, 0, 1, 1, 2, 2, 2])
    renamed = np.array([5, 5, 3, 3, 9, 9, 9])
    assert variation_of_information(a, renamed) == 0.0
    assert nid(a, renamed) == pytest.approx(0.0, abs=1e-15)
    rng = np.random.default_rng(2)
    for _ in range(30):
        n = int(rng.integers(2, 60))
        u, v = rng.integers(0, 6, n), rng.integers(0, 6, n)
        assert 0.0 <= variation_of_information(u, v) <= math.log(n) + 1e-12
        k = max(len(np.unique(u)), len(np.unique(v)))
        assert variation_of_information(u, v) <= 2 * math.log(k) + 1e-12
        assert -1e-12 <= nid(u, v) <= 1 + 1e-12
    # Singletons against one cluster: VI reaches ln n (Meila 2007).
    assert variation_of_information(np.arange(8), np.zeros(8, int)) == pytest.approx(math.log(8), abs=1e-12)


def test_triangle_inequality_for_nid_and_vi_but_not_for_arithmetic_nmi():
    rng = np.random.default_rng(3)
    for _ in range(300):
        n = int(rng.integers(4, 12))
        a, b, c = (rng.integers(0, int(rng.integers(1, 4)), n) for _ in range(3))
        for dist in (nid, variation_of_information):
            assert dist(a, c) <= dist(a, b) + dist(b, c) + 1e-12
    # A triple where 1 - NMI with the arithmetic, geometric or min mean breaks the triangle
    # inequality (Vinh et al. 2010 list those three as non-metrics).
    a, b, c = [0, 0, 0, 0, 1, 0], [2, 2, 2, 0, 1, 2], [1, 1, 1, 2, 1, 1]
    for average in ("arithmetic", "geometric", "min"):
        d = lambda u, v: 1 - nmi(u, v, average=average)  # noqa: E731
        assert d(a, c) > d(a, b) + d(b, c) + 0.2
    assert nid(a, c) <= nid(a, b) + nid(b, c)


def test_v_measure_is_arithmetic_nmi():
    for a, b in _labelings(4):
        if len(np.unique(a)) < 2 or len(np.unique(b)) < 2:
            continue
        h, c, v = homogeneity_completeness_v_measure(a, b)
        mi = mh.mi_discrete(a, b)
        assert h == pytest.approx(mi / mh.entropy_discrete(a), abs=1e-12)
        assert c == pytest.approx(mi / mh.entropy_discrete(b), abs=1e-12)
        assert v == pytest.approx(nmi(a, b, average="arithmetic"), abs=1e-12)


def test_bad_input_rejected():
    with pytest.raises(ValueError, match="same number of samples"):
        variation_of_information([0, 1, 1], [0, 1])
    with pytest.raises(ValueError, match="1-D"):
        nid(np.zeros((3, 2)), [0, 1, 1])
    with pytest.raises(ValueError, match="base"):
        variation_of_information([0, 1], [0, 1], base=1)
