"""Run the benchmark suite: ``python -m benchmarks [--quick] [--large] [ksg] [pairwise] [widgets] [course] [scale] [browser]``."""

from __future__ import annotations

import argparse
import sys
import time

from . import _common as C

SECTIONS = ("ksg", "pairwise", "widgets", "course", "scale", "browser")


def _summary(heads: dict) -> list[str]:
    """The targets of the performance issue, each with its measured value and verdict."""
    lines = ["## Summary against the targets", ""]
    rows = []

    def verdict(ok, measured=None, target=None, higher_is_better=True):
        if ok:
            return "met"
        if measured is None or not target:
            return "**missed**"
        short = (1 - measured / target) if higher_is_better else (measured / target - 1)
        return f"**missed** by {100 * short:.0f}%"

    k = heads.get("ksg", {})
    if 100_000 in k:
        h = k[100_000]
        rows.append(["mi_ksg >= 4x faster than sklearn at N = 10^5 (2 threads)", C.fmt_ratio(h["speedup_vs_sklearn"]), verdict(h["speedup_vs_sklearn"] >= 4, h["speedup_vs_sklearn"], 4)])
        mae = h.get("mae") or {}
        if "mi_ksg, 2 threads" in mae and "scikit-learn" in mae:
            a, b = mae["mi_ksg, 2 threads"], mae["scikit-learn"]
            # Equal means equal to 1e-6 nats: both run the same algorithm on the same samples.
            rows.append(["... with equal or better accuracy (mean abs error over samples)", f"{a:.6f} vs sklearn {b:.6f} nats", verdict(a <= b + 1e-6)])
        else:
            a, b = h["err_ksg"], h["err_sklearn"]
            rows.append(["... with equal or better accuracy (one sample)", f"abs error {a:.6f} vs sklearn {b:.6f} nats", verdict(a <= b + 1e-6)])
        rows.append(["mi_ksg within 1.6x of the bare k-NN query, same threads (2)", C.fmt_ratio(h["vs_bare"]), verdict(h["vs_bare"] <= 1.6, h["vs_bare"], 1.6, False)])
        rows.append(["... and with 1 thread each", C.fmt_ratio(h["vs_bare_1"]), verdict(h["vs_bare_1"] <= 1.6, h["vs_bare_1"], 1.6, False)])
        if "speedup_vs_ennemi" in h:
            rows.append(["mi_ksg ahead of ennemi at N = 10^5", C.fmt_ratio(h["speedup_vs_ennemi"]), verdict(h["speedup_vs_ennemi"] > 1)])
    if 1_000_000 in k:
        h = k[1_000_000]
        rows.append(["N = 10^6 well under a minute", C.fmt_time(h["time"]), verdict(h["time"] < 60)])
        rows.append(["N = 10^6 under 1 GB", C.fmt_bytes(h["mem"]), verdict(h["mem"] < 2**30)])
    p = heads.get("pairwise", {})
    if 100 in p:
        sp = p[100]["binned_speedup"]
        split = p[100].get("split") or {}
        detail = f" (binning {C.fmt_time(split['binning'])} + counts {C.fmt_time(split['counts'])}; see table 2)" if split else ""
        rows.append(["pairwise_mi >= 300x faster than the mutual_info_score loop, p = 100, n = 1000", C.fmt_ratio(sp) + detail, verdict(sp >= 300, sp, 300)])
        rows.append(["... identical values (<= 1e-10)", f"max diff {p[100]['binned_diff']:.1e}", verdict(p[100]["binned_diff"] <= 1e-10)])
    if 500 in p:
        sp = p[500]["binned_speedup"]
        rows.append(["pairwise_mi >= 1000x faster than the mutual_info_score loop, p = 500, n = 1000", C.fmt_ratio(sp), verdict(sp >= 1000, sp, 1000)])
    g = heads.get("scale", {})
    if "aracne_2000" in g:
        rows.append(["aracne at p = 2,000 under a minute (worst of top-1% and complete graph)", C.fmt_time(g["aracne_2000"]), verdict(g["aracne_2000"] < 60, g["aracne_2000"], 60, False)])
    if "mi_large" in g:
        t, mem = g["mi_large"]
        rows.append(["pairwise_mi at p = 20,000 (n = 500, 8 bins) within memory", f"{C.fmt_time(t)}, peak {C.fmt_bytes(mem)}", verdict(mem < 8 * 2**30)])
    if "cluster_vs_1_thread" in g:
        rows.append(["LocalCluster (2 processes) vs one process, 1 thread, p = 2,000; same matrix", f"{C.fmt_ratio(g['cluster_vs_1_thread'])}, max diff {g['cluster_diff']:.1e}", verdict(g["cluster_diff"] <= 1e-12)])
    w = heads.get("widgets")
    if w:
        rows.append([f"every widget update p95 <= 100 ms ({w['n_panels']} panels)", f"worst p95 {C.fmt_time(w['worst_p95'])}; {len(w['offenders'])} over", verdict(not w["offenders"])])
    b = heads.get("browser")
    if b and "skipped" in b:
        rows.append(["browser latency (key press to screen, in JupyterLab)", b["skipped"], "not measured"])
    elif b:
        rows.append([
            f"browser: every panel's p95, key press to new numbers and figure on screen, <= 2x the floor ({b['n_panels']} panels; floor {b['floor_ms']:.0f} ms; arrow steps, views drawn ahead)",
            f"worst {C.fmt_ratio(b['worst_panel_p95'])}; over: {', '.join(b['over_panel']) or 'none'}",
            verdict(not b["over_panel"], b["worst_panel_p95"], 2.0, False),
        ])
        if "over_computed" in b:
            rows.append([
                "browser: the same for moves the look-ahead did not foresee (no views kept)",
                f"worst {C.fmt_ratio(b['worst_computed_p95'])}; over: {', '.join(b['over_computed']) or 'none'}",
                verdict(not b["over_computed"], b["worst_computed_p95"], 2.0, False),
            ])
        rows.append([
            "browser: every panel's kernel-side update p95 <= the floor",
            f"worst {C.fmt_ratio(b['worst_kernel_p95'])}; over: {', '.join(b['over_kernel']) or 'none'}",
            verdict(not b["over_kernel"], b["worst_kernel_p95"], 1.0, False),
        ])
    c = heads.get("course")
    if c:
        if c["n"]:
            from .course import N_NOTEBOOKS
            rows.append([f"all {N_NOTEBOOKS} notebooks execute in <= 90 s ({c['n']} exist)", f"{c['total']:.1f} s", verdict(c["total"] <= 90, c["total"], 90, False) + ("" if c["n"] >= N_NOTEBOOKS else " (so far)")])
        rows.append(["import mi_helpers (median, fresh interpreter)", C.fmt_time(c["import"]), "reported"])
    lines.append(C.md_table(["target", "measured", "verdict"], rows, "lll"))
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    ap.add_argument("sections", nargs="*", metavar="table", help=f"tables to run, among {', '.join(SECTIONS)} (default: all)")
    ap.add_argument("--quick", action="store_true", help="smaller sizes and fewer rounds (results go to benchmarks/.scratch/)")
    ap.add_argument("--large", action="store_true", help="also p = 20,000 in the scale table (several minutes)")
    args = ap.parse_args(argv)
    unknown = [s for s in args.sections if s not in SECTIONS]
    if unknown:
        ap.error(f"unknown table(s) {unknown}; choose among {', '.join(SECTIONS)}")
    sections = args.sections or list(SECTIONS)
    full = not args.quick and sections == list(SECTIONS)
    outdir = C.RESULTS if full else C.SCRATCH
    outdir.mkdir(parents=True, exist_ok=True)

    info = C.machine()
    print("Benchmarks of the MI course")
    for key, value in info.items():
        print(f"  {key}: {value}")
    t_start = time.perf_counter()
    parts, heads = {}, {}
    plot_name = "ksg_scaling.png"
    for name in sections:
        print(f"\n[{name}]", flush=True)
        mod = __import__(f"benchmarks.{name}", fromlist=["run", "report"])
        res = mod.run(quick=args.quick, large=args.large) if name == "scale" else mod.run(quick=args.quick)
        md, head = mod.report(res)
        parts[name], heads[name] = md, head
        print()
        print(md)
        if name == "ksg":
            mod.plot(res, outdir / plot_name)
    elapsed = time.perf_counter() - t_start
    info["load average at end (1/5/15 min)"] = C.load_average()

    doc = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`.venv/bin/python -m benchmarks`); the method of each table is in the "
        "docstring of its module in `benchmarks/`. Times are wall-clock. This machine is shared with other "
        "jobs: the load average below says how busy it was, and every comparison is made between "
        "contenders run interleaved in the same process on the same data, so they share the disturbance.",
        "",
        "## Machine",
        "",
        C.md_table(["", ""], [[k, v] for k, v in info.items()] + [["suite run time", f"{elapsed / 60:.1f} min" + (" (quick)" if args.quick else "")]], "ll"),
        "",
        *_summary(heads),
        "",
    ]
    for name in sections:
        doc += [parts[name], ""]
        if name == "ksg":
            doc += [f"![KSG time and error against N]({plot_name})", ""]
    path = outdir / "results.md"
    path.write_text("\n".join(doc))
    print(f"\nWrote {path} and {outdir / plot_name if 'ksg' in sections else ''} in {elapsed / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
