"""adjusted_rand_index against scikit-learn, a hand count of pairs, and its edge cases."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

import mi_helpers as mh
from mi_helpers.clustering import adjusted_rand_index


def _ari_by_pairs(a, b):
    """ARI from an explicit loop over all pairs of samples (the definition)."""
    a, b = np.asarray(a), np.asarray(b)
    n = len(a)
    together_both = sum(1 for i, j in combinations(range(n), 2) if a[i] == a[j] and b[i] == b[j])
    together_a = sum(1 for i, j in combinations(range(n), 2) if a[i] == a[j])
    together_b = sum(1 for i, j in combinations(range(n), 2) if b[i] == b[j])
    pairs = n * (n - 1) / 2
    expected = together_a * together_b / pairs
    return (together_both - expected) / (0.5 * (together_a + together_b) - expected)


@pytest.mark.parametrize("seed", range(6))
def test_matches_sklearn_and_the_pair_count(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(8, 40))
    a = rng.integers(0, int(rng.integers(2, 6)), n)
    b = np.where(rng.random(n) < 0.5, a, rng.integers(0, int(rng.integers(2, 8)), n))
    ours = adjusted_rand_index(a, b)
    assert ours == pytest.approx(adjusted_rand_score(a, b), abs=1e-12)
    assert ours == pytest.approx(_ari_by_pairs(a, b), abs=1e-12)


def test_large_many_cluster_labelings_match_sklearn():
    rng = np.random.default_rng(7)
    a, b = rng.integers(0, 4, 2000), rng.integers(0, 100, 2000)
    assert adjusted_rand_index(a, b) == pytest.approx(adjusted_rand_score(a, b), abs=1e-12)
    singletons = np.arange(50_000)  # a dense contingency table would need 2.5e9 cells
    assert adjusted_rand_index(singletons, singletons[::-1]) == 1.0


def test_edge_cases_follow_sklearn():
    same = np.array([0, 0, 1, 1, 2])
    renamed = np.array(["b", "b", "c", "c", "a"])
    assert adjusted_rand_index(same, renamed) == 1.0
    for a, b in [([0] * 5, [0] * 5), (np.arange(5), np.arange(5)), (np.arange(5), [0] * 5), ([0] * 6, [0, 1, 2] * 2)]:
        assert adjusted_rand_index(a, b) == pytest.approx(adjusted_rand_score(a, b), abs=1e-12)
    assert mh.adjusted_rand_index is adjusted_rand_index  # exported at the top level


def test_bad_input_is_rejected():
    with pytest.raises(ValueError, match="same number of samples"):
        adjusted_rand_index([0, 1, 0], [0, 1])
    with pytest.raises(ValueError, match="at least 2"):
        adjusted_rand_index([0], [0])
    with pytest.raises(ValueError, match="1-D"):
        adjusted_rand_index([[0, 1], [1, 0]], [0, 1])
