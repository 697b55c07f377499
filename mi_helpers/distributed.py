"""Pairwise MI and its permutation null on a Dask cluster (``pip install mi-helpers[dask]``).

:func:`mi_helpers.pairwise_mi` and :func:`mi_helpers.permutation_null` come
here when they are given a ``dask.distributed.Client`` or a Dask array. The
matrix is cut into the same square tiles of pairs as on one machine
(:mod:`mi_helpers._blocks`); each tile is a task that needs only the bin
codes of its two blocks of columns, so the workers share the p^2 / 2 pairs
and the client receives finished tiles (or, for a null, each tile's small
reduction). The numbers are those of the in-memory path: a pair's joint
counts never depend on the tiling.

Dask is imported only here, and only when such a call is made:
``import mi_helpers`` does not import it.
"""

from __future__ import annotations

import math

import numpy as np

from . import _blocks
from ._validation import log_base

__all__ = ["check_client", "pairwise_mi_dask", "permutation_null_dask"]


def _dask():
    try:
        import dask
        import dask.array  # noqa: F401
    except ImportError:  # pragma: no cover - the test environment has Dask
        raise ImportError("a Dask client or array needs Dask: pip install 'mi-helpers[dask]'") from None
    return dask


def _codes_block(x, method, kwargs, offset=0):
    """Bin codes of a block of columns, their bin counts, S_jj, non-empty bins, and its warnings.

    ``offset``: the position of the block's first column in the whole matrix.
    The package's warnings are collected (on a worker they would go to the
    worker's log) and returned as ``(message, category)`` pairs.
    """
    from ._validation import collect_warnings
    from .estimators import _pairwise_codes

    with collect_warnings() as caught:
        codes, sizes, correction = _pairwise_codes(x, method, kwargs, offset)
    d, k = _blocks.marginal_stats(codes, sizes, _blocks.clogc_table(codes.shape[1]))
    return codes, sizes, d, k, correction, caught


def _local_codes(X, method, kwargs):
    """Codes of every column and their statistics; a Dask array is binned block by block on its scheduler.

    The options are checked here first, so a bad one fails on the client;
    the warnings of every block are issued here, at the caller's line.
    """
    from ._validation import warn
    from .estimators import _pairwise_options

    kw = {key: v for key, v in kwargs.items() if key != "base"}
    _pairwise_options(method, kw)
    if type(X).__module__.startswith("dask."):
        dask = _dask()
        if X.ndim != 2:
            raise ValueError(f"X must be 2-D (n, p), got shape {X.shape}")
        X = X.rechunk({0: -1})  # every block holds whole columns
        offsets = np.r_[0, np.cumsum(X.chunks[1])[:-1]]
        parts = [dask.delayed(_codes_block)(blk, method, kw, int(o)) for blk, o in zip(X.to_delayed().ravel(), offsets)]
        parts = dask.compute(*parts)
        codes = np.concatenate([c for c, *_ in parts])
        sizes = np.concatenate([s for _, s, *_ in parts])
        d = np.concatenate([b[2] for b in parts])
        k = np.concatenate([b[3] for b in parts])
        out = codes, sizes, d, k, parts[0][4]
        caught = [w for b in parts for w in b[5]]
    else:
        *out, caught = _codes_block(X, method, kw)
    for message, category in caught:
        warn(message, category)
    return tuple(out)


def check_client(client):
    """``client`` if it is a ``dask.distributed.Client`` (or None); a clear TypeError otherwise."""
    if client is None:
        return None
    if not (callable(getattr(client, "nthreads", None)) and callable(getattr(client, "compute", None))):
        raise TypeError(
            f"client must be a dask.distributed.Client, got {type(client).__name__} {client!r}; "
            "for a scheduler address, pass Client('tcp://host:8786')"
        )
    return client


def _workers_threads(client) -> int:
    if client is None:
        return 2
    return max(1, sum(client.nthreads().values()))


def _tile_task(cr, sr, cc, sc, same, n, p, dr, dc, kr, kc, correction, lb, reduce):
    """One tile on a worker: the finished MI tile, or its reduction for a null."""
    engine = _blocks.choose_engine(n, p)  # as on one machine: by the size of the whole matrix
    m = _blocks.tile_mi(cr, sr, cc, sc, same, n, dr, dc, kr, kc, correction, _blocks.clogc_table(n), engine)
    if reduce is None:
        return m / lb if lb != 1.0 else m
    from .networks import tile_reduction

    statistic, r0, r1, c0, c1, p, edges = reduce
    return tile_reduction(statistic, r0, r1, c0, c1, p, m / lb, edges)


def _tiles(p, n, sizes, threads, max_memory):
    engine = _blocks.choose_engine(n, p)
    budget = _blocks.DEFAULT_MAX_MEMORY if max_memory is None else max_memory
    # Every worker thread holds one tile: the budget is per thread here.
    t = _blocks.tile_size(n, p, int(sizes.max(initial=1)), 1, budget, engine)
    t = min(t, max(16, -(-p // (3 * threads))))
    return _blocks.plan(p, t), t


def _blocks_of(codes, t):
    p = codes.shape[0]
    return {r0: np.ascontiguousarray(codes[r0 : min(p, r0 + t)]) for r0 in range(0, p, t)}


def _run(client, tasks):
    """Compute delayed tasks on the client (or Dask's default scheduler); results in order."""
    dask = _dask()
    if client is not None:
        return client.gather(client.compute(tasks))
    return list(dask.compute(*tasks))


def _submit_tiles(client, codes, sizes, d, k, correction, lb, tiles, t, reduce_for):
    """Delayed tile tasks; the column blocks are sent to the cluster once each."""
    dask = _dask()
    n = codes.shape[1]
    blocks = _blocks_of(codes, t)
    if client is not None:
        keys = list(blocks)
        futures = client.scatter([blocks[r] for r in keys])
        blocks = dict(zip(keys, futures))
    task = dask.delayed(_tile_task, pure=False)
    out = []
    for r0, r1, c0, c1 in tiles:
        out.append(
            task(blocks[r0], sizes[r0:r1], blocks[c0], sizes[c0:c1], r0 == c0, n, codes.shape[0], d[r0:r1], d[c0:c1], k[r0:r1], k[c0:c1], correction, lb, reduce_for(r0, r1, c0, c1))
        )
    return out


def pairwise_mi_dask(X, *, method, base, max_memory, client, **kwargs) -> np.ndarray:
    """:func:`mi_helpers.pairwise_mi` ("binned" or "discrete") with its tiles on Dask."""
    lb = log_base(base)
    codes, sizes, d, k, correction = _local_codes(X, method, kwargs)
    p, n = codes.shape
    out = np.empty((p, p))
    if p == 0:
        return out
    tiles, t = _tiles(p, n, sizes, _workers_threads(client), max_memory)
    tasks = _submit_tiles(client, codes, sizes, d, k, correction, lb, tiles, t, lambda *a: None)
    for (r0, r1, c0, c1), m in zip(tiles, _run(client, tasks)):
        out[r0:r1, c0:c1] = m
        if r0 != c0:
            out[c0:c1, r0:r1] = m.T
    return out


#: Shuffles whose tiles are in flight at once (each holds n p codes on the cluster).
WAVE = 4


def permutation_null_dask(X, n_permutations, rng, statistic, method, edges, max_memory, client, kwargs):
    """:func:`mi_helpers.permutation_null` ("binned" or "discrete") with its tiles on Dask.

    The shuffles are drawn on the client from ``rng``, in the same order as
    on one machine, so the null is the same.
    """
    from .networks import _NullAccumulator, default_edges

    lb = log_base(kwargs.get("base", math.e))
    codes, sizes, d, k, correction = _local_codes(X, method, kwargs)
    p, n = codes.shape
    if statistic == "histogram" and edges is None:
        edges = default_edges(codes, sizes, lb)
    tiles, t = _tiles(p, n, sizes, _workers_threads(client), max_memory)
    by_sample = np.ascontiguousarray(codes.T)
    acc = _NullAccumulator(statistic, n_permutations, p, edges)
    for w0 in range(0, n_permutations, WAVE):
        wave = range(w0, min(n_permutations, w0 + WAVE))
        tasks, owner = [], []
        for s in wave:
            shuffled = np.ascontiguousarray(rng.permuted(by_sample, axis=0).T)
            tasks += _submit_tiles(client, shuffled, sizes, d, k, correction, lb, tiles, t, lambda r0, r1, c0, c1: (statistic, r0, r1, c0, c1, p, edges))
            owner += [s] * len(tiles)
        for s, part in zip(owner, _run(client, tasks)):
            acc.add(s, part)
    return acc.result()
