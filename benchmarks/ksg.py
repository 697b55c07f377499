"""Table 1: the KSG estimator against scikit-learn, ennemi and the bare k-NN query.

All contenders estimate I(X; Y) of the same bivariate Gaussian sample
(rho = 0.6, true MI = -0.5 ln(1 - rho^2) nats) with k = 3 neighbours:

* ``mi_ksg``: this project (``mi_helpers.mi_ksg``), with 2 threads and 1 thread;
* scikit-learn's ``mutual_info_regression(n_neighbors=3, random_state=0)``
  (single-threaded: its ``n_jobs`` splits over features, and there is one);
* ennemi's ``estimate_mi(y, x, k=3)`` if it is installed (one pair runs on
  one thread);
* the k-NN step alone as ``mi_ksg`` runs it (midpoint-split tree, queries
  in the tree's leaf order), to show what the rest of ``mi_ksg`` costs;
* the floor: the bare SciPy k-d tree k-nearest-neighbour query on the same
  joint points, ``cKDTree(z).query(z, k=4, p=inf, workers=w)`` (tree build
  included), with the same number of threads as the ``mi_ksg`` row it is
  compared with. Every KSG implementation must do at least this.

Peak memory is measured in a fresh subprocess per (method, N): the peak
resident set size of the call, above the resident size just before it.

Two lines follow the table. ``mi_mixed`` (Ross's estimator for a continuous
and a discrete variable) against scikit-learn's ``mutual_info_classif`` on
the same sample, timed interleaved. And mRMR: ``MRMRSelector`` picking 2 of
200 features (n = 1,000) estimates only the redundancy pairs the greedy
search reads (199), against the same selection from the full KSG matrix
(19,900 pairs, ``mi_redundancy``) and the same relevance vector; both give
the same columns.
"""

from __future__ import annotations

import json
import math
import sys

import numpy as np

from . import _common as C

RHO = 0.6
K = 3
SIZES = (1_000, 10_000, 100_000, 1_000_000)
ROUNDS = {1_000: 30, 10_000: 15, 100_000: 7, 1_000_000: 3}
QUICK_SIZES = (1_000, 10_000, 100_000)
QUICK_ROUNDS = {1_000: 10, 10_000: 5, 100_000: 3}
#: Contenders measured only once at this size (they take seconds per call).
SLOW_ONCE = {1_000_000: ("scikit-learn", "ennemi")}

METHODS = (
    "mi_ksg, 2 threads",
    "bare k-NN, 2 threads",
    "k-NN as mi_ksg does it, 2 threads",
    "mi_ksg, 1 thread",
    "bare k-NN, 1 thread",
    "scikit-learn",
    "ennemi",
)
MEMORY_METHODS = ("mi_ksg", "bare", "sklearn", "ennemi")


def has_ennemi() -> bool:
    try:
        import ennemi  # noqa: F401
    except ImportError:
        return False
    return True


def data(n: int):
    from mi_helpers.synthetic import correlated_gaussian

    x, y = correlated_gaussian(n, RHO, seed=n)
    return x, y


def contender(method: str, x: np.ndarray, y: np.ndarray):
    """A zero-argument callable returning the estimate (or the k-th distance for the bare query)."""
    from scipy.spatial import cKDTree

    if method.startswith("mi_ksg"):
        from mi_helpers.estimators import mi_ksg

        w = 1 if "1 thread" in method else -1
        return lambda: mi_ksg(x, y, k=K, workers=w)
    if method.startswith("k-NN as mi_ksg"):
        from mi_helpers.estimators import _kth_neighbour_distance

        z = np.column_stack([x, y])
        return lambda: float(_kth_neighbour_distance(z, K, -1)[0])
    if method.startswith("bare"):
        w = 1 if "1 thread" in method else -1
        z = np.column_stack([x, y])
        return lambda: float(cKDTree(z).query(z, k=K + 1, p=np.inf, workers=w)[0][0, -1])
    if method == "scikit-learn":
        from sklearn.feature_selection import mutual_info_regression

        xc = x[:, None]
        return lambda: float(mutual_info_regression(xc, y, n_neighbors=K, random_state=0)[0])
    if method == "ennemi":
        from ennemi import estimate_mi

        return lambda: float(np.asarray(estimate_mi(y, x, k=K)).ravel()[0])
    raise ValueError(method)


def blas_after_effect(n: int, rounds: int) -> dict:
    """mi_ksg and the bare query right after a BLAS matrix product, and without one."""
    x, y = data(n)
    a = np.random.default_rng(0).standard_normal((300, 300))
    ksg = contender("mi_ksg, 2 threads", x, y)
    bare = contender("bare k-NN, 2 threads", x, y)

    def after(fn):
        def run():
            a @ a  # leaves OpenBLAS's helper threads spinning for a moment
            return fn()

        return run

    res = C.interleaved({"mi_ksg": ksg, "bare": bare, "mi_ksg after BLAS": after(ksg), "bare after BLAS": after(bare)}, rounds)
    # The timed region of the "after" entries includes the product; measure it alone and subtract.
    prod = C.interleaved({"p": lambda: a @ a}, 20)["p"]["times"]
    return {name: C.best(r["times"]) - (C.best(prod) if "after" in name else 0.0) for name, r in res.items()}


#: Accuracy over independent samples: N -> number of seeds.
ACCURACY_SEEDS = {1_000: 20, 10_000: 10, 100_000: 5}
QUICK_ACCURACY_SEEDS = {1_000: 5, 10_000: 3}
ESTIMATORS = ("mi_ksg, 2 threads", "scikit-learn", "ennemi")


def accuracy(seeds: dict, methods) -> dict:
    """Mean signed and absolute error of each estimator over independent samples."""
    from mi_helpers.synthetic import correlated_gaussian

    truth = -0.5 * math.log1p(-RHO * RHO)
    out = {}
    for n, count in seeds.items():
        errs = {m: [] for m in methods}
        for s in range(count):
            x, y = correlated_gaussian(n, RHO, seed=1000 + s)
            for m in methods:
                errs[m].append(contender(m, x, y)() - truth)
        out[n] = {m: {"bias": float(np.mean(e)), "mae": float(np.mean(np.abs(e))), "seeds": count} for m, e in errs.items()}
    return out


#: mRMR line: samples, features, features selected (quick: fewer features).
MRMR_SHAPE = (1_000, 200, 2)
QUICK_MRMR_SHAPE = (1_000, 60, 2)
#: mi_mixed line: samples and rounds.
MIXED_N, MIXED_ROUNDS, QUICK_MIXED_ROUNDS = 100_000, 5, 2


def mixed_vs_sklearn(rounds: int) -> dict:
    """``mi_mixed`` and ``mutual_info_classif`` on one sample: times, values, their difference."""
    from sklearn.feature_selection import mutual_info_classif

    from mi_helpers.estimators import mi_mixed

    rng = np.random.default_rng(11)
    y = rng.integers(0, 3, MIXED_N)
    x = y + rng.standard_normal(MIXED_N)
    res = C.interleaved(
        {
            "mi_mixed": lambda: mi_mixed(x, y, k=K),
            "scikit-learn": lambda: float(mutual_info_classif(x[:, None], y, n_neighbors=K, random_state=0)[0]),
        },
        rounds,
    )
    return {name: {"best": C.best(r["times"]), "value": r["value"]} for name, r in res.items()}


def mrmr_lazy_vs_full(shape) -> dict:
    """MRMRSelector (lazy pairs) against the greedy search on the full redundancy matrix."""
    from mi_helpers.selection import MRMRSelector, mi_redundancy, mi_relevance, mrmr

    n, p, n_select = shape
    rng = np.random.default_rng(7)
    X = rng.standard_normal((n, p))
    X[:, 1] += X[:, 0]
    y = (X[:, 0] + X[:, 2] > 0).astype(int)
    fitted = {}

    def lazy():
        fitted["sel"] = MRMRSelector(n_select, random_state=0).fit(X, y)
        return fitted["sel"].ranking_

    def full():
        return mrmr(mi_relevance(X, y, k=K, seed=0), mi_redundancy(X, k=K), n_select)

    res = C.interleaved({"lazy": lazy, "full": full}, 1)
    same = bool(np.array_equal(res["lazy"]["value"], res["full"]["value"]))
    return {
        "shape": shape,
        "lazy": C.best(res["lazy"]["times"]),
        "full": C.best(res["full"]["times"]),
        "pairs_lazy": fitted["sel"].n_redundancy_pairs_,
        "pairs_full": p * (p - 1) // 2,
        "same": same,
    }


def run(quick: bool = False) -> dict:
    sizes = QUICK_SIZES if quick else SIZES
    rounds_for = QUICK_ROUNDS if quick else ROUNDS
    methods = [m for m in METHODS if m != "ennemi" or has_ennemi()]
    truth = -0.5 * math.log1p(-RHO * RHO)
    rows = {}
    for n in sizes:
        x, y = data(n)
        contenders = {m: contender(m, x, y) for m in methods}
        limits = {m: 1 for m in SLOW_ONCE.get(n, ())}
        print(f"  KSG N = {n:,}: {rounds_for[n]} rounds ...", flush=True)
        res = C.interleaved(contenders, rounds_for[n], limits=limits)
        rows[n] = {m: {"best": C.best(r["times"]), "median": C.median(r["times"]), "runs": len(r["times"]), "value": r["value"]} for m, r in res.items()}
    memory = {}
    for n in sizes:
        for m in MEMORY_METHODS:
            if m == "ennemi" and not has_ennemi():
                continue
            print(f"  peak memory {m} N = {n:,} ...", flush=True)
            memory[(m, n)] = C.run_isolated("benchmarks.ksg", "--memory", m, str(n))
    n_blas = 100_000
    print(f"  BLAS after-effect at N = {n_blas:,} ...", flush=True)
    blas = blas_after_effect(n_blas, 5 if quick else 9)
    print("  accuracy over independent samples ...", flush=True)
    acc = accuracy(QUICK_ACCURACY_SEEDS if quick else ACCURACY_SEEDS, [m for m in ESTIMATORS if m in methods])
    print(f"  mi_mixed vs scikit-learn at N = {MIXED_N:,} ...", flush=True)
    mixed = mixed_vs_sklearn(QUICK_MIXED_ROUNDS if quick else MIXED_ROUNDS)
    shape = QUICK_MRMR_SHAPE if quick else MRMR_SHAPE
    print(f"  mRMR, {shape[2]} of {shape[1]} features, n = {shape[0]:,}: lazy pairs vs the full matrix ...", flush=True)
    mrmr_res = mrmr_lazy_vs_full(shape)
    return {
        "truth": truth, "rows": rows, "memory": memory, "blas": blas, "methods": methods, "sizes": sizes,
        "accuracy": acc, "mixed": mixed, "mrmr": mrmr_res,
    }


MEM_NAME = {"mi_ksg, 2 threads": "mi_ksg", "bare k-NN, 2 threads": "bare", "scikit-learn": "sklearn", "ennemi": "ennemi"}


def report(res: dict) -> tuple[str, dict]:
    """Markdown section and the headline numbers for the summary."""
    truth = res["truth"]
    out = [
        "## 1. KSG estimator: `mi_ksg` vs scikit-learn, ennemi and the bare k-NN query",
        "",
        f"Bivariate Gaussian, rho = {RHO}, true MI = {truth:.6f} nats; k = {K}; the same sample for every "
        "contender at each N (seeded). *Best* and *median* are over interleaved rounds (*runs*); "
        "ratios use best times. *vs bare* = time / time of the bare k-d tree query (build + query, "
        "max-norm, k + 1 neighbours) with the same number of threads; *sklearn / this* = scikit-learn's "
        "time / this row's time. Peak memory: extra resident memory of one call in a fresh process.",
        "",
    ]
    header = ["N", "method", "best", "median", "runs", "estimate (nats)", "abs error", "vs bare", "sklearn / this", "peak memory"]
    md_rows = []
    headline = {}
    for n in res["sizes"]:
        r = res["rows"][n]
        sk = r["scikit-learn"]["best"]
        for m in res["methods"]:
            e = r[m]
            is_bare = m.startswith(("bare", "k-NN"))
            est = "" if is_bare else f"{e['value']:.6f}"
            err = "" if is_bare else f"{abs(e['value'] - truth):.6f}"
            bare_key = "bare k-NN, 1 thread" if "1 thread" in m else "bare k-NN, 2 threads"
            vs_bare = "" if m.startswith("bare") or not m.startswith(("mi_ksg", "k-NN")) else C.fmt_ratio(e["best"] / r[bare_key]["best"])
            vs_sk = "" if is_bare or m == "scikit-learn" else C.fmt_ratio(sk / e["best"])
            mem = res["memory"].get((MEM_NAME.get(m, ""), n))
            mem_s = C.fmt_bytes(mem["peak_extra"]) if mem else ""
            note = " (1 run)" if e["runs"] == 1 else ""
            md_rows.append([f"{n:,}", m, C.fmt_time(e["best"]) + note, C.fmt_time(e["median"]), e["runs"], est, err, vs_bare, vs_sk, mem_s])
        if n == 100_000 or n == max(res["sizes"]):
            headline[n] = {
                "speedup_vs_sklearn": sk / r["mi_ksg, 2 threads"]["best"],
                "vs_bare": r["mi_ksg, 2 threads"]["best"] / r["bare k-NN, 2 threads"]["best"],
                "vs_bare_1": r["mi_ksg, 1 thread"]["best"] / r["bare k-NN, 1 thread"]["best"],
                "err_ksg": abs(r["mi_ksg, 2 threads"]["value"] - truth),
                "err_sklearn": abs(r["scikit-learn"]["value"] - truth),
                "mae": {m: a["mae"] for m, a in res["accuracy"].get(n, {}).items()},
                "time": r["mi_ksg, 2 threads"]["best"],
                "mem": (res["memory"].get(("mi_ksg", n)) or {}).get("peak_extra", float("nan")),
            }
            if "ennemi" in r:
                headline[n]["speedup_vs_ennemi"] = r["ennemi"]["best"] / r["mi_ksg, 2 threads"]["best"]
    out.append(C.md_table(header, md_rows, "rlrrrrrrrr"))
    b = res["blas"]
    out += [
        "",
        "**BLAS after-effect** (N = 100,000, 2 threads, best of interleaved rounds, the time of the "
        "300 x 300 product itself subtracted): right after a BLAS call, OpenBLAS's idle helper threads "
        "keep spinning on the cores for a moment and slow any parallel code started then.",
        "",
        C.md_table(
            ["", "quiet start", "right after a BLAS product", "slowdown"],
            [
                ["mi_ksg", C.fmt_time(b["mi_ksg"]), C.fmt_time(b["mi_ksg after BLAS"]), C.fmt_ratio(b["mi_ksg after BLAS"] / b["mi_ksg"])],
                ["bare k-NN", C.fmt_time(b["bare"]), C.fmt_time(b["bare after BLAS"]), C.fmt_ratio(b["bare after BLAS"] / b["bare"])],
            ],
        ),
    ]
    acc = res["accuracy"]
    if acc:
        est_names = list(next(iter(acc.values())).keys())
        arows = []
        for n, a in acc.items():
            arows.append([f"{n:,}", a[est_names[0]]["seeds"]] + [f"{a[m]['bias']:+.6f} / {a[m]['mae']:.6f}" for m in est_names])
        out += [
            "",
            f"**Accuracy over independent samples** (rho = {RHO}, seeds 1000, 1001, ...): mean signed error (bias) / "
            "mean absolute error against the closed form, nats. All three implement KSG algorithm 1 with k = 3; "
            "scikit-learn adds a tiny seeded noise and clips negative estimates to 0, ennemi rescales the data and "
            "subtracts 1e-12 from the radii, so on these Gaussian data their estimates differ from `mi_ksg` only in far "
            "decimals. They scale each variable by its standard deviation; `mi_ksg` does too while that is at most 3 times "
            "the variable's robust spread, and moves to the robust spread for heavier tails, so on heavy-tailed data it "
            "departs from both, on purpose (a lognormal x with sigma 2.5 in a Gaussian copula with MI 0.511 nats, "
            "n = 2000: 0.445 against scikit-learn's 0.403, mean of 10 samples; see `mi_ksg`'s Notes).",
            "",
            C.md_table(["N", "samples"] + est_names, arows, "rr" + "r" * len(est_names)),
        ]
    if "ennemi" not in res["methods"]:
        out += ["", "ennemi is not installed in this environment, so its row is missing."]
    mixed = res.get("mixed")
    if mixed:
        a, b = mixed["mi_mixed"], mixed["scikit-learn"]
        out += [
            "",
            f"**Continuous x, discrete y** (N = {MIXED_N:,}, 3 classes, k = {K}, best of interleaved rounds): "
            f"`mi_mixed` {C.fmt_time(a['best'])}, scikit-learn's `mutual_info_classif` {C.fmt_time(b['best'])} "
            f"({C.fmt_ratio(b['best'] / a['best'])} the time of `mi_mixed`); estimates {a['value']:.6f} and "
            f"{b['value']:.6f} nats (the same estimator; scikit-learn adds a 1e-10 noise, and its radius in a class of "
            "two or three points can come out a rounding unit too large).",
        ]
    m = res.get("mrmr")
    if m:
        n, p, n_select = m["shape"]
        out += [
            "",
            f"**mRMR reads only the pairs it needs** ({n_select} of {p} features, n = {n:,}, one run each): "
            f"`MRMRSelector` {C.fmt_time(m['lazy'])} estimating {m['pairs_lazy']:,} redundancy pairs, against "
            f"{C.fmt_time(m['full'])} for the full matrix of {m['pairs_full']:,} pairs "
            f"({C.fmt_ratio(m['full'] / m['lazy'])} faster); the same columns chosen: {'yes' if m['same'] else 'NO'}.",
        ]
        headline["mrmr"] = m
    return "\n".join(out), headline


def plot(res: dict, path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 4), layout="constrained")
    ax_t, ax_e = fig.subplots(1, 2)
    sizes = res["sizes"]
    styles = {
        "mi_ksg, 2 threads": ("C0", "o", "-"),
        "mi_ksg, 1 thread": ("C0", "o", ":"),
        "bare k-NN, 2 threads": ("k", "s", "-"),
        "bare k-NN, 1 thread": ("k", "s", ":"),
        "k-NN as mi_ksg does it, 2 threads": ("0.5", "s", "--"),
        "scikit-learn": ("C1", "^", "-"),
        "ennemi": ("C2", "v", "-"),
    }
    for m in res["methods"]:
        c, mk, ls = styles[m]
        ax_t.plot(sizes, [res["rows"][n][m]["best"] for n in sizes], color=c, marker=mk, ls=ls, label=m)
    acc = res["accuracy"]
    acc_sizes = sorted(acc)
    for size, m in zip((9, 6, 3), (m for m in ESTIMATORS if m in res["methods"])):
        c, mk, ls = styles[m]
        ax_e.plot(acc_sizes, [acc[n][m]["mae"] for n in acc_sizes], color=c, marker=mk, ms=size, ls=ls, label=m)
    ax_t.set(xscale="log", yscale="log", xlabel="N (samples)", ylabel="time per call (s, best)", title="KSG (k = 3): time per estimate")
    ax_e.set(
        xscale="log", yscale="log", xlabel="N (samples)", ylabel="mean |estimate - truth| (nats)",
        title="KSG (k = 3): error over independent samples",
    )
    ax_t.grid(True, which="both", alpha=0.3)
    ax_e.grid(True, which="both", alpha=0.3)
    ax_t.legend(fontsize=8)
    ax_e.legend(fontsize=8)
    fig.savefig(path, dpi=100)


def _memory_main(method: str, n: int) -> None:
    """Child process: peak extra memory and time of one call."""
    import time

    x, y = data(n)
    name = {"mi_ksg": "mi_ksg, 2 threads", "bare": "bare k-NN, 2 threads", "sklearn": "scikit-learn", "ennemi": "ennemi"}[method]
    fn = contender(name, x, y)
    if n <= 10_000:
        fn()  # warm up lazy imports and caches on a small input; large inputs run once
    import gc

    gc.collect()
    base = C.current_rss_bytes()
    exact = C.reset_peak_rss()
    t0 = time.perf_counter()
    fn()
    seconds = time.perf_counter() - t0
    peak = C.peak_rss_bytes()
    print(json.dumps({"peak_extra": max(0, peak - base), "exact_reset": exact, "seconds": seconds}))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--memory":
        _memory_main(sys.argv[2], int(sys.argv[3]))
    else:
        print("usage: python -m benchmarks.ksg --memory {mi_ksg,bare,sklearn,ennemi} N", file=sys.stderr)
        sys.exit(2)
