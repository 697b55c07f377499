"""The panels' render time under two or more matplotlib releases, interleaved in one run.

Run alone (not a table of ``make bench``, since it needs the other releases
installed side by side)::

    pip install --no-deps --target /tmp/mpl-3.10.9 matplotlib==3.10.9
    python -m benchmarks.mpl_versions 3.10.9=/tmp/mpl-3.10.9 [--moves 12]

Each release runs in a worker process of this environment whose
``sys.path`` starts with the given folder (the environment's own release is
the baseline, no folder). Every worker builds every panel of
``mi_helpers.widgets.*.PANELS`` twice, layered (the default) and not
layered (every update a full Agg draw), and walks each through the same
cold states (:func:`benchmarks.widgets.cold_walk` around its default). The
driver sends each move to the workers in turn, alternating which goes first,
so they share the machine's load of that moment. Reported per panel: the
median render time of the layered and of the full renders in each release,
and the ratio of each release to the baseline. A text-only line times ten
30-character labels drawn on an empty figure (the cost behind most renders).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

from . import _common as C

MOVES = 12


# ------------------------------------------------------------------ the worker


def _worker(moves: int) -> None:
    """Read commands from stdin, one JSON line each; answer on stdout, one JSON line each."""
    import matplotlib

    matplotlib.use("Agg")
    import warnings

    warnings.filterwarnings("ignore")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from benchmarks import widgets as W

    out = sys.stdout
    sys.stdout = sys.stderr  # panels' prints must not mix with the answers
    panels, walks, done = {}, {}, {}
    for module, name, factory, _worst in W.discover()[0]:
        key = f"{module}.{name}"
        layered = factory()
        plain = factory()
        plain.renderer.layered = False
        walks[key] = W.cold_walk(layered, dict(layered.values), moves, W.built_states(layered))
        panels[key] = (layered, plain)
        done[key] = 0

    text_fig = Figure(figsize=(6, 4))
    FigureCanvasAgg(text_fig)
    labels = [text_fig.text(0.05, 0.05 + 0.09 * i, "", fontsize=10) for i in range(10)]
    text_fig.canvas.draw()
    counter = [0]

    def text_only() -> float:
        counter[0] += 1
        for i, t in enumerate(labels):
            t.set_text(f"label {counter[0]:05d}-{i} of ten, 30 chars"[:30])
        t0 = time.perf_counter()
        text_fig.canvas.draw()
        return time.perf_counter() - t0

    print(json.dumps({"version": matplotlib.__version__, "panels": {k: len(v) for k, v in walks.items()}}), file=out, flush=True)
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["op"] == "text":
            print(json.dumps({"text": text_only()}), file=out, flush=True)
            continue
        key = cmd["panel"]
        values = walks[key][done[key]]
        done[key] += 1
        layered, plain = panels[key]
        layered.set(**values)
        plain.set(**values)
        print(json.dumps({"layered": layered.last_timings["render"], "full": plain.last_timings["render"],
                          "mode": layered.last_timings["mode"]}), file=out, flush=True)


# ------------------------------------------------------------------ the driver


class _Worker:
    def __init__(self, label: str, site: str | None, moves: int):
        env = dict(os.environ, MPLBACKEND="Agg", PYTHONHASHSEED="0")
        if site:
            env["PYTHONPATH"] = site + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.label = label
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.mpl_versions", "--worker", "--moves", str(moves)],
            cwd=C.ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        hello = json.loads(self.proc.stdout.readline())
        self.version = hello["version"]
        self.panels = hello["panels"]

    def ask(self, cmd: dict) -> dict:
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def run(sites: dict[str, str | None], moves: int = MOVES) -> dict:
    workers = [_Worker(label, site, moves) for label, site in sites.items()]
    try:
        keys = sorted(set.intersection(*(set(w.panels) for w in workers)))
        res = {w.label: {"version": w.version, "panels": {k: {"layered": [], "full": [], "modes": ""} for k in keys}, "text": []}
               for w in workers}
        for key in keys:
            n = min(w.panels[key] for w in workers)
            print(f"  {key}: {n} moves", flush=True)
            for i in range(n):
                order = workers if i % 2 == 0 else workers[::-1]
                for w in order:
                    r = w.ask({"op": "move", "panel": key})
                    slot = res[w.label]["panels"][key]
                    slot["layered"].append(r["layered"])
                    slot["full"].append(r["full"])
                    slot["modes"] += r["mode"][:1]
        for i in range(20):
            for w in (workers if i % 2 == 0 else workers[::-1]):
                res[w.label]["text"].append(w.ask({"op": "text"})["text"])
    finally:
        for w in workers:
            w.close()
    return res


def report(res: dict) -> str:
    labels = list(res)
    base = labels[0]
    header = ["panel"]
    for lab in labels:
        v = res[lab]["version"]
        header += [f"{v} layered", f"{v} full"]
    for lab in labels[1:]:
        v = res[lab]["version"]
        header += [f"{v} / {res[base]['version']} layered", f"{v} / {res[base]['version']} full"]
    rows = []
    med = lambda xs: C.median(xs) if xs else float("nan")  # noqa: E731
    for key in res[base]["panels"]:
        row = [key]
        for lab in labels:
            p = res[lab]["panels"][key]
            row += [C.fmt_time(med(p["layered"])), C.fmt_time(med(p["full"]))]
        for lab in labels[1:]:
            p, b = res[lab]["panels"][key], res[base]["panels"][key]
            row += [f"{med(p['layered']) / med(b['layered']):.2f}", f"{med(p['full']) / med(b['full']):.2f}"]
        rows.append(row)
    text = ["ten 30-character labels"]
    for lab in labels:
        text += [C.fmt_time(med(res[lab]["text"])), ""]
    for lab in labels[1:]:
        text += [f"{med(res[lab]['text']) / med(res[base]['text']):.2f}", ""]
    rows.append(text)
    # Sum of the medians over panels, layered: what a tour of every panel costs.
    total = ["all panels, sum of medians"]
    for lab in labels:
        ps = res[lab]["panels"].values()
        total += [C.fmt_time(sum(med(p["layered"]) for p in ps)), C.fmt_time(sum(med(p["full"]) for p in ps))]
    for lab in labels[1:]:
        a = sum(med(p["layered"]) for p in res[lab]["panels"].values())
        b = sum(med(p["layered"]) for p in res[base]["panels"].values())
        a2 = sum(med(p["full"]) for p in res[lab]["panels"].values())
        b2 = sum(med(p["full"]) for p in res[base]["panels"].values())
        total += [f"{a / b:.2f}", f"{a2 / b2:.2f}"]
    rows.append(total)
    return C.md_table(header, rows, "l" + "r" * (len(header) - 1))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.mpl_versions", description=__doc__.split("\n\n")[0])
    ap.add_argument("others", nargs="*", metavar="LABEL=FOLDER", help="another matplotlib release, installed in FOLDER")
    ap.add_argument("--moves", type=int, default=MOVES)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        _worker(args.moves)
        return 0
    sites: dict[str, str | None] = {"this environment": None}
    for item in args.others:
        label, sep, folder = item.partition("=")
        if not sep or not os.path.isdir(folder):
            ap.error(f"expected LABEL=FOLDER with an existing folder, got {item!r}")
        sites[label] = folder
    print(f"load average at start: {C.load_average()}", flush=True)
    res = run(sites, args.moves)
    print()
    print(report(res))
    print(f"\nload average at end: {C.load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
