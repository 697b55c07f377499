"""The Dask path of pairwise_mi, permutation_null and relevance_network against the in-memory path.

A LocalCluster with two worker processes, bound to 127.0.0.1 with no
dashboard (so it runs with loopback networking only). The reference is the
in-memory computation of the same function, itself checked against
scikit-learn's mutual_info_score loop in test_estimators_fast_paths.py.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

import mi_helpers as mh
from mi_helpers.networks import permutation_null, rank_columns, relevance_network, simulate_expression

distributed = pytest.importorskip("distributed")
da = pytest.importorskip("dask.array")

TOL = 1e-12


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None, silence_logs=40
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def data():
    x, _ = simulate_expression(150, n_genes=40, n_regulators=5, seed=21)
    return x


def test_the_cluster_has_two_worker_processes(client):
    assert len(client.nthreads()) == 2


@pytest.mark.parametrize(
    "kwargs",
    [
        {},  # "fd" bins
        {"bins": 5, "correction": "miller-madow"},
        {"bins": 6, "strategy": "quantile", "base": 2},
    ],
)
def test_pairwise_mi_on_the_cluster_equals_in_memory(client, data, kwargs):
    expected = mh.pairwise_mi(data, **kwargs)
    # A 1 MiB budget cuts the 40 columns into 16-column tiles: 6 tasks over the two workers.
    got = mh.pairwise_mi(data, client=client, max_memory=2**20, **kwargs)
    np.testing.assert_allclose(got, expected, rtol=0, atol=TOL)
    np.testing.assert_array_equal(got, got.T)


def test_pairwise_discrete_on_the_cluster_equals_in_memory(client):
    rng = np.random.default_rng(22)
    labels = rng.integers(0, 4, (200, 30))
    labels[:, 1] = (labels[:, 0] + rng.integers(0, 2, 200)) % 4
    labels[:, 2] = rng.integers(0, 150, 200)  # many labels
    expected = mh.pairwise_mi(labels, method="discrete")
    np.testing.assert_allclose(mh.pairwise_mi(labels, method="discrete", client=client), expected, rtol=0, atol=TOL)


def test_pairwise_mi_of_a_dask_array_equals_in_memory(client, data):
    # Column blocks of 15: each is binned on a worker; the default client runs the tiles.
    X = da.from_array(data, chunks=(50, 15))
    np.testing.assert_allclose(mh.pairwise_mi(X, bins=7), mh.pairwise_mi(data, bins=7), rtol=0, atol=TOL)


@pytest.mark.parametrize("statistic", ["max", "pairs", "histogram"])
def test_permutation_null_on_the_cluster_equals_in_memory(client, data, statistic):
    r = rank_columns(data)
    kw = {"n_permutations": 6, "seed": 5, "statistic": statistic, "bins": 5, "max_memory": 2**20}
    expected = permutation_null(r, **kw)
    got = permutation_null(r, client=client, **kw)
    if statistic == "histogram":
        np.testing.assert_array_equal(got.edges, expected.edges)
        np.testing.assert_array_equal(got.counts, expected.counts)
        np.testing.assert_allclose(got.maxima, expected.maxima, rtol=0, atol=TOL)
        assert got.total == 6 * 40 * 39 // 2
    else:
        np.testing.assert_allclose(got, expected, rtol=0, atol=TOL)


def test_relevance_network_on_the_cluster_equals_in_memory(client, data):
    expected = relevance_network(data, n_permutations=10, seed=3)
    got = relevance_network(data, n_permutations=10, seed=3, client=client, max_memory=2**20)
    np.testing.assert_allclose(got.mi, expected.mi, rtol=0, atol=TOL)
    np.testing.assert_allclose(got.null, expected.null, rtol=0, atol=TOL)
    assert got.threshold == pytest.approx(expected.threshold, abs=TOL)
    np.testing.assert_array_equal(got.network > 0, expected.network > 0)
    assert (expected.network > 0).any()


def test_other_methods_are_refused_with_a_client(client, data):
    with pytest.raises(ValueError, match="binned"):
        mh.pairwise_mi(data[:, :3], method="ksg", client=client)
    with pytest.raises(ValueError, match="binned"):
        permutation_null(data[:, :3], method="abs_corr", seed=0, client=client)


def test_importing_the_package_does_not_import_dask():
    code = "import sys, mi_helpers; print(any(m == 'dask' or m.startswith(('dask.', 'distributed', 'numba')) for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def test_a_dask_array_reports_the_warnings_of_its_blocks_on_the_client_with_global_column_names(client):
    # Column 70 (in the third block of 30) has one far outlier: its "fd" bin count is capped.
    rng = np.random.default_rng(23)
    data = rng.standard_normal((200, 90))
    data[0, 70] = 1e6
    X = da.from_array(data, chunks=(200, 30))
    with pytest.warns(mh.BinsWarning) as caught:
        got = mh.pairwise_mi(X)
    messages = [str(w.message) for w in caught]
    assert any("X[:, 70]" in m for m in messages) and not any("X[:, 10]" in m for m in messages)
    assert all(w.filename == __file__ for w in caught)  # the caller's line, not a worker's
    np.testing.assert_allclose(got, mh.pairwise_mi(data), rtol=0, atol=TOL)


def test_a_bad_option_fails_on_the_client_before_any_task(client, data):
    # Checked before the blocks are binned: the error is the client's own ValueError, not a worker's.
    X = da.from_array(data, chunks=(150, 20))
    with pytest.raises(ValueError, match="bins rule 'nope'"):
        mh.pairwise_mi(X, bins="nope", client=client)
    with pytest.raises(ValueError, match="strategy"):
        mh.pairwise_mi(data, strategy="equal", client=client)
    with pytest.raises(ValueError, match="correction"):
        permutation_null(data, seed=0, correction="jackknife", client=client)
