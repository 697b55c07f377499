"""Blocked joint counts for pairwise plug-in MI: the matrix tile by tile, in bounded memory.

The plug-in MI of columns i and j is ln n + (S_ij - S_ii - S_jj) / n, where
S_ij sums c ln c over the cells of their joint-count table (and S_jj over
the bins of column j). A tile is a block of rows I by a block of columns J
of the p x p matrix; its S values need the codes of I and J only, so tiles
can be computed one at a time (bounded memory), on threads, or on the
workers of a Dask cluster (:mod:`mi_helpers.distributed`), and every path
gives the same numbers: S of a pair never depends on the tiling.

Two engines count a tile:

* a compiled kernel (Numba, if installed; used for large problems): for
  each row column i, the samples are grouped by their bin of i (a counting
  sort), and each group's codes in the columns of J are counted into a
  small table per column, which is then folded into S and cleared. It
  reads each code once per pair, n p^2 / 2 increments in all, and releases
  the GIL so tiles run on parallel threads;
* NumPy (always available): one ``np.bincount`` of combined keys per row
  column and block of columns, as in the previous, unblocked version.

The two agree to rounding (the c ln c terms are summed in another order).
"""

from __future__ import annotations

import math
import os

import numpy as np

#: Below this many key updates (n p (p - 1) / 2) the NumPy engine is used even
#: when Numba is installed: importing Numba and loading its cached kernel takes
#: a second or more (compiling it the first time, several), far more than the
#: whole NumPy computation of such a matrix (about 10 ms). The course's own
#: notebooks stay below it and never import Numba.
KERNEL_MIN_KEYS = 1_000_000

#: Most cells of one joint-count array of the NumPy engine (16 MB of counts).
MAX_CELLS = 1 << 21

#: Most keys of one ``np.bincount`` call of the NumPy engine (64 MB).
MAX_KEYS = 1 << 23

#: Below this many key updates, NumPy tiles stay on one thread: ``np.bincount``
#: holds the GIL, and with short rows handing it between threads costs more
#: than it saves (measured: no gain at p = 100, n = 1000; 1.45x at p = 500).
NUMPY_PARALLEL_MIN_WORK = 20_000_000

#: Default scratch memory of the blocked computation, beyond the result and
#: the codes, when the caller sets no ``max_memory`` (bytes).
DEFAULT_MAX_MEMORY = 256 * 2**20

# Lazily built: None = not tried yet, False = Numba is not installed.
_KERNEL = None


def _tile_counts(xr, sr, xc, sc, same, clogc, S, K):  # compiled by Numba; plain Python in the tests
    """Fill S[a, b] (sum of c ln c) and K[a, b] (non-empty cells) of the tile's pairs.

    ``xr`` (n, nr) and ``xc`` (n, nc): codes, one row per sample. With
    ``same`` the two blocks are the same columns and only b > a is done.
    """
    n = xr.shape[0]
    nr = xr.shape[1]
    nc = xc.shape[1]
    bmax = 1
    for b in range(nc):
        bmax = max(bmax, sc[b])
    rmax = 1
    for a in range(nr):
        rmax = max(rmax, sr[a])
    h = np.zeros((nc, bmax), dtype=np.int32)
    order = np.empty(n, dtype=np.int64)
    first = np.empty(rmax + 1, dtype=np.int64)
    pos = np.empty(rmax + 1, dtype=np.int64)
    for a in range(nr):
        b0 = a + 1 if same else 0
        if b0 >= nc:
            continue
        bins_a = sr[a]
        # Counting sort of the samples by their bin in column a.
        first[: bins_a + 1] = 0
        for t in range(n):
            first[xr[t, a] + 1] += 1
        for g in range(bins_a):
            first[g + 1] += first[g]
        pos[: bins_a + 1] = first[: bins_a + 1]
        for t in range(n):
            g = xr[t, a]
            order[pos[g]] = t
            pos[g] += 1
        for g in range(bins_a):
            lo = first[g]
            hi = first[g + 1]
            if lo == hi:
                continue
            for q in range(lo, hi):
                t = order[q]
                for b in range(b0, nc):
                    h[b, xc[t, b]] += 1
            if 2 * (hi - lo) >= bmax:
                # Many samples in the group: scan every cell of the counted row.
                for b in range(b0, nc):
                    s = 0.0
                    k = 0
                    for c in range(sc[b]):
                        v = h[b, c]
                        s += clogc[v]
                        k += v > 0
                        h[b, c] = 0
                    S[a, b] += s
                    K[a, b] += k
            else:
                # Few samples, many bins: visit the cells the group touched, once each.
                for q in range(lo, hi):
                    t = order[q]
                    for b in range(b0, nc):
                        v = h[b, xc[t, b]]
                        if v > 0:
                            S[a, b] += clogc[v]
                            K[a, b] += 1
                            h[b, xc[t, b]] = 0


def kernel():
    """The compiled tile kernel, or None when Numba is not installed."""
    global _KERNEL
    if _KERNEL is None:
        try:
            import numba
        except ImportError:
            _KERNEL = False
        else:
            _KERNEL = numba.njit(nogil=True, cache=True, boundscheck=False)(_tile_counts)
    return _KERNEL or None


def clogc_table(n: int) -> np.ndarray:
    """c ln c for every possible count c = 0..n (0 ln 0 = 0)."""
    c = np.arange(n + 1, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(c > 0, c * np.log(c), 0.0)


def marginal_stats(codes: np.ndarray, sizes: np.ndarray, clogc: np.ndarray):
    """S_jj (sum of c ln c over the bins of column j) and the non-empty bins of each column."""
    p = codes.shape[0]
    start = np.zeros(p + 1, dtype=np.intp)
    np.cumsum(sizes, out=start[1:])
    if p == 0:
        return np.zeros(0), np.zeros(0, dtype=np.intp)
    marg = np.zeros(int(start[p]), dtype=np.intp)
    for r0 in range(0, p, max(1, MAX_KEYS // max(1, codes.shape[1]))):  # bounded memory for large p
        r1 = min(p, r0 + max(1, MAX_KEYS // max(1, codes.shape[1])))
        marg += np.bincount((codes[r0:r1] + start[r0:r1, None]).ravel(), minlength=int(start[p]))
    d = np.add.reduceat(clogc[marg], start[:-1])
    k = np.add.reduceat((marg > 0).astype(np.intp), start[:-1])
    return d, k


def _tile_numpy(cr, sr, cc, sc, same, clogc, want_k):
    """S and K of a tile with ``np.bincount``; codes one row per column."""
    nr, n = cr.shape
    nc = cc.shape[0]
    S = np.zeros((nr, nc))
    K = np.zeros((nr, nc), dtype=np.intp) if want_k else None
    start = np.zeros(nc + 1, dtype=np.intp)
    np.cumsum(sc, out=start[1:])
    slots = cc + start[:-1, None]
    buf = np.empty(0, dtype=np.intp)
    one_block = int(sc.max(initial=1)) * int(start[nc]) <= MAX_CELLS and n * nc <= MAX_KEYS
    for a in range(nr):
        ma = int(sr[a])
        b0 = a + 1 if same else 0
        while b0 < nc:
            if one_block:
                b1 = nc
            else:
                # The block b0..b1-1 holds as many columns as fit in the cell and key budgets.
                b1 = int(np.searchsorted(start, start[b0] + MAX_CELLS // ma, side="right")) - 1
                b1 = min(max(b1, b0 + 1), nc, b0 + max(1, MAX_KEYS // n))
            width = int(start[b1] - start[b0])
            if ma * width > MAX_CELLS:  # one pair alone is too big for a table: sort its keys
                _, counts = np.unique(cr[a] * int(sc[b0]) + cc[b0], return_counts=True)
                S[a, b0] = clogc[counts].sum()
                if want_k:
                    K[a, b0] = counts.size
                b0 += 1
                continue
            if buf.size < (b1 - b0) * n:
                buf = np.empty((b1 - b0) * n, dtype=np.intp)
            keys = buf[: (b1 - b0) * n].reshape(b1 - b0, n)
            np.add(slots[b0:b1], cr[a] * width - start[b0], out=keys)
            cnt = np.bincount(keys.ravel(), minlength=ma * width).reshape(ma, width)
            bounds = start[b0:b1] - start[b0]
            S[a, b0:b1] = np.add.reduceat(clogc[cnt].sum(axis=0), bounds)
            if want_k:
                K[a, b0:b1] = np.add.reduceat(np.count_nonzero(cnt, axis=0), bounds)
            b0 = b1
    return S, K


def _sample_major(codes: np.ndarray, small: bool) -> np.ndarray:
    return np.ascontiguousarray(codes.T, dtype=np.uint8 if small else np.int32)


def tile_stats(cr, sr, cc, sc, same, clogc, want_k, engine):
    """S and K (or None) of one tile: rows ``cr`` (nr, n), columns ``cc`` (nc, n)."""
    if engine == "numpy":
        return _tile_numpy(cr, sr, cc, sc, same, clogc, want_k)
    small = max(int(sr.max(initial=1)), int(sc.max(initial=1))) <= 256
    S = np.zeros((cr.shape[0], cc.shape[0]))
    K = np.zeros((cr.shape[0], cc.shape[0]), dtype=np.int64)
    fn = kernel() if engine == "numba" else _tile_counts
    fn(_sample_major(cr, small), sr.astype(np.int64), _sample_major(cc, small), sc.astype(np.int64), bool(same), clogc, S, K)
    return S, (K if want_k else None)


def tile_mi(cr, sr, cc, sc, same, n, dr, dc, kr, kc, correction, clogc, engine):
    """The finished MI tile (nats): rows block against columns block.

    ``dr``, ``dc``: S_jj of the row and column blocks; ``kr``, ``kc``: their
    non-empty bins (for the Miller-Madow term). A tile on the diagonal
    (``same``) is returned whole and symmetric, with H(X_j) on its diagonal.
    """
    S, K = tile_stats(cr, sr, cc, sc, same, clogc, correction is not None, engine)
    if same:
        iu = np.triu_indices(S.shape[0], 1)
        S[iu[1], iu[0]] = S[iu]
        S[np.diag_indices_from(S)] = dr
        if K is not None:
            K[iu[1], iu[0]] = K[iu]
            K[np.diag_indices_from(K)] = kr
    out = math.log(n) + (S - dr[:, None] - dc[None, :]) / n
    np.maximum(out, 0.0, out=out)
    if correction is not None:
        out += (kr[:, None] + kc[None, :] - K - 1) / (2.0 * n)
    if same:  # (S_ij - d_i) - d_j and (S_ij - d_j) - d_i can differ in the last bit: mirror the upper half
        out[iu[1], iu[0]] = out[iu]
    return out


def choose_engine(n: int, p: int) -> str:
    """"numba" for large problems when Numba is installed, else "numpy"."""
    if n * p * (p - 1) // 2 >= KERNEL_MIN_KEYS and kernel() is not None:
        return "numba"
    return "numpy"


def threads_for(engine: str, n: int, p: int) -> int:
    """Threads for the tiles of one matrix."""
    cpus = os.cpu_count() or 1
    if engine == "numpy" and n * p * (p - 1) // 2 < NUMPY_PARALLEL_MIN_WORK:
        return 1
    return max(1, min(cpus, p - 1))


def tile_size(n: int, p: int, max_bins: int, threads: int, max_memory: int, engine: str) -> int:
    """Columns per tile so that every thread's scratch stays within ``max_memory``.

    One tile of T x T pairs holds about four T x T arrays of 8 bytes (S, K,
    the MI tile and a temporary), plus for NumPy a key buffer of n T
    integers and for the kernel a T x max_bins count table.
    """
    per_thread = max(1, max_memory // max(1, threads))
    extra = 8 * n if engine == "numpy" else 4 * max_bins + 8 * n
    # Largest T with 32 T^2 + extra T <= per_thread.
    t = int((-extra + math.sqrt(extra * extra + 128.0 * per_thread)) / 64.0)
    t = max(8, min(p, t))
    if threads > 1:
        # Enough tiles to keep every thread busy to the end (the diagonal tiles are half-size).
        t = min(t, max(16, -(-p // (3 * threads))))
    return max(1, t)


def plan(p: int, t: int):
    """Tiles (r0, r1, c0, c1) of the upper triangle, diagonal blocks included."""
    edges = list(range(0, p, t)) + [p]
    return [(edges[a], edges[a + 1], edges[b], edges[b + 1]) for a in range(len(edges) - 1) for b in range(a, len(edges) - 1)]


def run_tiles(codes, sizes, correction, consume, *, max_memory=None, engine=None, threads=None):
    """Compute every tile of the pairwise MI matrix and pass it to ``consume``.

    ``consume(r0, r1, c0, c1, tile)`` is called once per tile (from worker
    threads when several run; tiles are disjoint) and its return values are
    returned as a list in tile order. Memory: the codes, plus about
    ``max_memory`` bytes of tiles in flight.
    """
    p, n = codes.shape
    sizes = np.asarray(sizes, dtype=np.intp)
    clogc = clogc_table(n)
    d, k = marginal_stats(codes, sizes, clogc)
    engine = engine or choose_engine(n, p)
    threads = threads or threads_for(engine, n, p)
    max_memory = DEFAULT_MAX_MEMORY if max_memory is None else max_memory
    t = tile_size(n, p, int(sizes.max(initial=1)), threads, max_memory, engine)
    tiles = plan(p, t)

    def one(tile):
        r0, r1, c0, c1 = tile
        m = tile_mi(codes[r0:r1], sizes[r0:r1], codes[c0:c1], sizes[c0:c1], r0 == c0, n, d[r0:r1], d[c0:c1], k[r0:r1], k[c0:c1], correction, clogc, engine)
        return consume(r0, r1, c0, c1, m)

    if threads == 1 or len(tiles) == 1:
        return [one(tile) for tile in tiles]
    from concurrent.futures import ThreadPoolExecutor

    # Largest tiles first (the diagonal ones are half-empty), so the threads finish together.
    order = sorted(range(len(tiles)), key=lambda a: tiles[a][0] == tiles[a][2])
    with ThreadPoolExecutor(max_workers=min(threads, len(tiles))) as ex:
        done = dict(zip(order, ex.map(one, [tiles[a] for a in order])))
    return [done[a] for a in range(len(tiles))]


def matrix(codes, sizes, correction, *, max_memory=None, engine=None, threads=None) -> np.ndarray:
    """The symmetric p x p MI matrix (nats), written tile by tile into one array."""
    p = codes.shape[0]
    out = np.empty((p, p))

    def put(r0, r1, c0, c1, m):
        out[r0:r1, c0:c1] = m
        if r0 != c0:
            out[c0:c1, r0:r1] = m.T

    if p:
        run_tiles(codes, sizes, correction, put, max_memory=max_memory, engine=engine, threads=threads)
    return out


def upper_positions(r0, r1, c0, c1, p):
    """Positions, in ``np.triu_indices(p, 1)`` order, of the tile's pairs i < j, and their mask."""
    i = np.arange(r0, r1)[:, None]
    j = np.arange(c0, c1)[None, :]
    mask = j > i
    pos = i * p - i * (i + 1) // 2 + (j - i - 1)
    return pos[mask], mask
