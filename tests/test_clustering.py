"""NMI, expected MI and AMI against scikit-learn and against brute force."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from sklearn.metrics import adjusted_mutual_info_score, mutual_info_score, normalized_mutual_info_score

from mi_helpers.clustering import AVERAGES, ami, chance_scores, expected_mutual_information, nmi, random_labels


def _labelings(seed, count=60):
    """Pairs of labelings of varied sizes, cluster counts and dependence."""
    rng = np.random.default_rng(seed)
    for t in range(count):
        n = int(rng.integers(5, 300))
        ka, kb = int(rng.integers(2, 25)), int(rng.integers(2, 25))
        a = rng.integers(0, ka, n)
        if t % 3 == 0:
            b = rng.integers(0, kb, n)  # independent
        else:  # b copies a with some label noise
            b = np.where(rng.random(n) < 0.3, rng.integers(0, kb, n), a % kb)
        yield a, b


def _degenerate(a, b, average):
    """AMI is 0/0 when E[I] equals the normaliser (see ami's docstring)."""
    ha, hb = mutual_info_score(a, a), mutual_info_score(b, b)
    norm = {"arithmetic": (ha + hb) / 2, "geometric": math.sqrt(ha * hb), "max": max(ha, hb), "min": min(ha, hb)}[average]
    return abs(norm - expected_mutual_information(a, b)) < 1e-9


@pytest.mark.parametrize("average", AVERAGES)
def test_nmi_equals_sklearn(average):
    for a, b in _labelings(1):
        assert nmi(a, b, average=average) == pytest.approx(normalized_mutual_info_score(a, b, average_method=average), abs=1e-10)


@pytest.mark.parametrize("average", AVERAGES)
def test_ami_equals_sklearn(average):
    checked = 0
    for a, b in _labelings(2):
        if _degenerate(a, b, average):
            continue
        expected = adjusted_mutual_info_score(a, b, average_method=average)
        assert ami(a, b, average=average) == pytest.approx(expected, abs=1e-10)
        checked += 1
    assert checked > 50


def test_expected_mi_equals_sklearn_internal():
    from sklearn.metrics.cluster import contingency_matrix
    from sklearn.metrics.cluster._expected_mutual_info_fast import expected_mutual_information as sk_emi

    for a, b in _labelings(3, count=40):
        assert expected_mutual_information(a, b) == pytest.approx(sk_emi(contingency_matrix(a, b), len(a)), abs=1e-10)


def _plug_in_mi(a, b):
    """MI in nats of two small integer labelings, straight from the definition."""
    n = len(a)
    joint = np.zeros((a.max() + 1, b.max() + 1))
    np.add.at(joint, (a, b), 1.0 / n)
    pa, pb = joint.sum(axis=1), joint.sum(axis=0)
    i, j = np.nonzero(joint)
    return float(np.sum(joint[i, j] * np.log(joint[i, j] / (pa[i] * pb[j]))))


def _brute_force_emi(a, b):
    """Average MI of a with every permutation of b (the permutation model itself)."""
    values = [_plug_in_mi(a, b[list(p)]) for p in itertools.permutations(range(len(b)))]
    return float(np.mean(values))


@pytest.mark.parametrize(
    "a, b",
    [
        ([0, 0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 2, 2]),
        ([0, 0, 1, 1, 1, 1, 2], [0, 0, 0, 0, 1, 1, 1]),
        ([0, 1, 2, 3, 0, 1], [0, 0, 0, 1, 1, 1]),
    ],
)
def test_expected_mi_equals_average_over_all_permutations(a, b):
    a, b = np.array(a), np.array(b)
    assert expected_mutual_information(a, b) == pytest.approx(_brute_force_emi(a, b), abs=1e-12)
    assert expected_mutual_information(a, b, base=2) == pytest.approx(_brute_force_emi(a, b) / math.log(2), abs=1e-12)


def test_expected_mi_large_n_no_overflow_and_symmetric():
    rng = np.random.default_rng(4)
    a = np.r_[np.zeros(4000, int), rng.integers(1, 6, 6000)]
    b = rng.integers(0, 3, 10_000)
    e_ab, e_ba = expected_mutual_information(a, b), expected_mutual_information(b, a)
    assert np.isfinite(e_ab) and e_ab > 0
    assert e_ab == pytest.approx(e_ba, rel=1e-12)
    # First-order approximation for large n: (R - 1)(C - 1) / (2n) nats.
    assert e_ab == pytest.approx(5 * 2 / (2 * 10_000), rel=0.05)


def test_special_cases_follow_sklearn():
    one = [0] * 6
    split = [0, 0, 1, 1, 2, 2]
    singletons = list(range(6))
    for a, b in ((one, one), (one, split), (split, one), (singletons, split), (split, split[::-1])):
        assert nmi(a, b) == pytest.approx(normalized_mutual_info_score(a, b), abs=1e-12)
        assert ami(a, b) == pytest.approx(adjusted_mutual_info_score(a, b), abs=1e-12)
    assert expected_mutual_information(one, split) == 0.0
    assert ami(singletons, singletons) == 1.0  # 0/0 case: identical partitions


def test_label_names_do_not_matter():
    a = np.array(["x", "x", "y", "y", "z", "z", "z"])
    b = np.array([5, 5, 5, 7, 7, 9, 9])
    a_int = np.array([2, 2, 0, 0, 1, 1, 1])
    assert nmi(a, b) == pytest.approx(nmi(a_int, b), abs=1e-15)
    assert ami(a, b) == pytest.approx(ami(a_int, b), abs=1e-15)


def test_nmi_order_of_normalisations():
    a, b = next(iter(_labelings(5)))
    values = [nmi(a, b, average=m) for m in ("max", "arithmetic", "geometric", "min")]
    assert values == sorted(values)


def test_random_labels_nmi_grows_with_k_but_ami_does_not():
    r = chance_scores(300, [2, 10, 60], n_repeats=12, seed=0)
    mean_nmi, mean_ami = r["nmi"].mean(axis=1), r["ami"].mean(axis=1)
    assert mean_nmi[0] < mean_nmi[1] < mean_nmi[2]
    assert mean_nmi[2] > 0.3
    assert np.all(np.abs(mean_ami) < 0.01)
    # Each chance score is the corresponding sklearn score of the same draw.
    rng = np.random.default_rng(0)
    u, v = random_labels(300, 2, seed=rng), random_labels(300, 2, seed=rng)
    assert r["ami"][0, 0] == pytest.approx(adjusted_mutual_info_score(u, v), abs=1e-10)
    assert r["nmi"][0, 0] == pytest.approx(normalized_mutual_info_score(u, v), abs=1e-10)


def test_bad_input_rejected():
    with pytest.raises(ValueError, match="average"):
        nmi([0, 1], [0, 1], average="harmonic")
    with pytest.raises(ValueError, match="average"):
        ami([0, 1], [0, 1], average="mean")
    with pytest.raises(ValueError, match="same number of samples"):
        ami([0, 1, 1], [0, 1])
    with pytest.raises(ValueError, match="1-D"):
        nmi(np.zeros((3, 2)), [0, 1, 1])
    with pytest.raises(ValueError, match="empty"):
        expected_mutual_information([], [])
    with pytest.raises(ValueError, match="base"):
        expected_mutual_information([0, 1], [0, 1], base=1)
    with pytest.raises(ValueError, match="seed"):
        random_labels(10, 3, seed=None)
    with pytest.raises(ValueError, match="cluster_counts"):
        chance_scores(10, [1, 3], seed=0)
    with pytest.raises(ValueError, match="n_clusters"):
        random_labels(10, 0, seed=0)
