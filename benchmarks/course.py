"""Table 4: the course itself, notebook execution and package import time.

* Each ``notebooks/NN_*.ipynb`` is executed with nbclient in a fresh kernel
  of the current environment, as ``tools/execute_notebooks.py`` does (kernel
  start included, widget state stored in memory), but nothing is written.
  The slowest cell of each notebook is shown, from nbclient's cell timing.
* ``import mi_helpers`` is timed in fresh subprocesses (median of
  ``IMPORT_RUNS``), with the heaviest modules from ``python -X importtime``.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import subprocess
import sys
import time

from . import _common as C

NOTEBOOK_BUDGET = 90.0
PER_NOTEBOOK_BUDGET = 8.0
# Notebook 13 trains neural critics (several hundred Adam steps for 36 critics, plus the
# compilation of the training step); its budget is about 20 s of the 90 s total.
NOTEBOOK_BUDGETS = {"13_neural_estimators.ipynb": 20.0}
N_NOTEBOOKS = 13
IMPORT_RUNS = 7


def _cell_seconds(cell) -> float:
    t = cell.get("metadata", {}).get("execution", {})
    try:
        a = _dt.datetime.fromisoformat(t["iopub.execute_input"].replace("Z", "+00:00"))
        b = _dt.datetime.fromisoformat(t["shell.execute_reply"].replace("Z", "+00:00"))
    except (KeyError, ValueError):
        return float("nan")
    return (b - a).total_seconds()


def execute_notebook(path) -> dict:
    import nbformat
    from jupyter_client.kernelspec import NATIVE_KERNEL_NAME
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    t0 = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name=NATIVE_KERNEL_NAME,
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=True,
        record_timing=True,
    )
    error = None
    try:
        client.execute()
    except Exception as exc:  # report and go on with the next notebook
        error = f"{type(exc).__name__}: {str(exc).strip().splitlines()[-1][:200] if str(exc).strip() else ''}"
    seconds = time.perf_counter() - t0
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    slow = max(code, key=lambda ic: (_cell_seconds(ic[1]) if _cell_seconds(ic[1]) == _cell_seconds(ic[1]) else -1), default=None)
    slowest = None
    if slow is not None:
        first = next((ln for ln in slow[1].source.splitlines() if ln.strip() and not ln.startswith("#")), "")
        slowest = {"cell": slow[0], "seconds": _cell_seconds(slow[1]), "line": first[:70]}
    cells = sum(_cell_seconds(c) for _, c in code if _cell_seconds(c) == _cell_seconds(c))
    return {"seconds": seconds, "cells": cells, "error": error, "slowest": slowest}


def import_time(module: str = "mi_helpers", runs: int = IMPORT_RUNS) -> dict:
    code = f"import time; t0 = time.perf_counter(); import {module}; print(time.perf_counter() - t0)"
    env = dict(os.environ, PYTHONHASHSEED="0")
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], cwd=C.ROOT, env=env, capture_output=True, text=True, check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    prof = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {module}"], cwd=C.ROOT, env=env, capture_output=True, text=True, check=True)
    entries = []
    for line in prof.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|( *)(\S+)", line)
        if m:
            entries.append((int(m.group(2)), (len(m.group(3)) - 1) // 2, m.group(4)))
    # What the import is made of: the modules imported directly under the top-level one, by cumulative time.
    top = sorted((e for e in entries if e[1] == 1), reverse=True)[:6]
    return {"median": C.median(times), "best": min(times), "runs": runs, "top": [(name, cum / 1e6) for cum, _, name in top]}


def run(quick: bool = False) -> dict:
    os.environ.setdefault("PYTHONHASHSEED", "0")
    paths = sorted((C.ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    py_only = sorted(p.name for p in (C.ROOT / "notebooks").glob("[0-9][0-9]_*.py") if not p.with_suffix(".ipynb").exists())
    rows = {}
    if not quick:
        for path in paths:
            print(f"  notebook {path.name} ...", flush=True)
            rows[path.name] = execute_notebook(path)
            print(f"    {rows[path.name]['seconds']:.1f} s", flush=True)
    print("  import time of mi_helpers ...", flush=True)
    imports = {m: import_time(m, 3 if quick else IMPORT_RUNS) for m in ("mi_helpers", "mi_helpers.widgets.definition")}
    return {"notebooks": rows, "py_only": py_only, "imports": imports}


def report(res: dict) -> tuple[str, dict]:
    out = ["## 4. The course: notebook execution and import time", ""]
    rows = res["notebooks"]
    total = sum(r["seconds"] for r in rows.values())
    if rows:
        out += [
            f"nbclient execution of each `notebooks/NN_*.ipynb` in a fresh kernel (kernel start included), one after "
            f"another. Budget: about {PER_NOTEBOOK_BUDGET:.0f} s per notebook (notebook 13, which trains neural critics: "
            f"{NOTEBOOK_BUDGETS['13_neural_estimators.ipynb']:.0f} s), {NOTEBOOK_BUDGET:.0f} s for all {N_NOTEBOOKS}. "
            "*cells*: the sum of the cells' own execution times (the rest is kernel start-up and messaging).",
            "",
        ]
        table = []
        for name, r in rows.items():
            sl = r["slowest"]
            slow = f"cell {sl['cell']}: {sl['seconds']:.2f} s (`{sl['line'].replace('|', '/')}`)" if sl and sl["seconds"] == sl["seconds"] else ""
            budget = NOTEBOOK_BUDGETS.get(name, PER_NOTEBOOK_BUDGET)
            status = "error: " + r["error"] if r["error"] else ("OK" if r["seconds"] <= budget else f"over {budget:.0f} s")
            table.append([name, f"{r['seconds']:.1f} s", f"{r['cells']:.1f} s", slow, status])
        verdict = "OK" if total <= NOTEBOOK_BUDGET and len(rows) >= N_NOTEBOOKS else ("over budget" if total > NOTEBOOK_BUDGET else f"only {len(rows)} of {N_NOTEBOOKS} notebooks exist")
        table.append([f"**all {len(rows)}**", f"**{total:.1f} s**", f"{sum(r['cells'] for r in rows.values()):.1f} s", "", verdict])
        out.append(C.md_table(["notebook", "time", "cells", "slowest cell", "status"], table, "lrrll"))
        if len(rows) < N_NOTEBOOKS:
            out += ["", f"Only {len(rows)} of the {N_NOTEBOOKS} notebooks had an `.ipynb` when this ran."]
    else:
        out += ["Notebook execution was skipped in this (quick) run."]
    if res["py_only"]:
        out += ["", "Notebooks with a `.py` but no `.ipynb` yet (not executed): " + ", ".join(f"`{n}`" for n in res["py_only"]) + "."]
    out += ["", "Import time in a fresh interpreter (`python -c \"import ...\"`, timer around the import):", ""]
    irows = []
    for mod, r in res["imports"].items():
        heavy = ", ".join(f"{n} {C.fmt_time(t)}" for n, t in r["top"][:5])
        irows.append([f"`import {mod}`", C.fmt_time(r["median"]), C.fmt_time(r["best"]), r["runs"], heavy])
    out.append(C.md_table(["import", "median", "best", "runs", "heaviest direct imports (cumulative, `-X importtime`)"], irows, "lrrrl"))
    headline = {"total": total, "n": len(rows), "import": res["imports"]["mi_helpers"]["median"], "slow": [n for n, r in rows.items() if r["seconds"] > NOTEBOOK_BUDGETS.get(n, PER_NOTEBOOK_BUDGET)], "errors": [n for n, r in rows.items() if r["error"]]}
    return "\n".join(out), headline
