"""Shared tools of the benchmark suite: timing, machine description, tables.

Timing rule used everywhere: the contenders of one table run on the same
data in the same process, interleaved round by round (A, B, C, A, B, C, ...),
so a burst of load from other processes hits them all alike. The table
shows the best (minimum) and the median time; ratios use the best times,
the usual choice for benchmarks (it is the least disturbed run, see the
``timeit`` documentation), and the median is there to show the spread.
"""

from __future__ import annotations

import datetime as _dt
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"
SCRATCH = Path(__file__).resolve().parent / ".scratch"


# --------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------


def interleaved(contenders: dict, rounds: int, *, limits: dict | None = None) -> dict:
    """Time each zero-argument callable ``rounds`` times, round-robin.

    ``limits`` maps a name to a smaller number of rounds (for a slow
    contender measured once). Returns name -> {"times": [...], "value": last
    return value}.
    """
    limits = limits or {}
    out = {name: {"times": [], "value": None} for name in contenders}
    for r in range(rounds):
        for name, fn in contenders.items():
            if r >= limits.get(name, rounds):
                continue
            gc.collect()
            t0 = time.perf_counter()
            value = fn()
            out[name]["times"].append(time.perf_counter() - t0)
            out[name]["value"] = value
    return out


def best(times) -> float:
    return min(times)


def median(times) -> float:
    return statistics.median(times)


def percentile(values, q: float) -> float:
    """Linear-interpolated percentile (q in 0..100) of a non-empty list."""
    s = sorted(values)
    if len(s) == 1:
        return s[0]
    pos = (len(s) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def fmt_time(seconds: float) -> str:
    if seconds != seconds:  # NaN
        return "n/a"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1.0:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_ratio(r: float) -> str:
    if r != r:
        return "n/a"
    return f"{r:.0f}x" if r >= 100 else f"{r:.2f}x"


# --------------------------------------------------------------------------
# Peak memory of one call, in a fresh subprocess
# --------------------------------------------------------------------------


def run_isolated(module: str, *args: str, timeout: float = 600) -> dict:
    """Run ``python -m <module> <args>`` from the repository root; parse its last stdout line as JSON."""
    env = dict(os.environ, PYTHONHASHSEED="0", MPLBACKEND="Agg")
    proc = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{module} {args} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def reset_peak_rss() -> bool:
    """Reset the kernel's peak-RSS mark of this process (Linux); True if it worked."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def peak_rss_bytes() -> int:
    """Peak resident memory of this process (since the last reset on Linux)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def current_rss_bytes() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import psutil

    return psutil.Process().memory_info().rss


def fmt_bytes(b: float) -> str:
    if b != b:
        return "n/a"
    mb = b / 2**20
    if mb < 1:
        return f"{b / 2**10:.0f} kB"
    return f"{mb:.0f} MB" if mb >= 10 else f"{mb:.1f} MB"


# --------------------------------------------------------------------------
# Machine description
# --------------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _mem_total() -> str:
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / 2**20:.1f} GB"
    except OSError:
        pass
    return "unknown"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _blas() -> str:
    try:
        from threadpoolctl import threadpool_info

        import numpy  # noqa: F401  (loads its BLAS)

        libs = {(i.get("internal_api"), i.get("version"), i.get("num_threads")) for i in threadpool_info() if i.get("user_api") == "blas"}
        return ", ".join(f"{api} {ver} ({n} threads)" for api, ver, n in sorted(libs, key=str)) or "unknown"
    except Exception:  # pragma: no cover - informational only
        return "unknown"


def load_average() -> str:
    try:
        a, b, c = os.getloadavg()
        return f"{a:.2f} / {b:.2f} / {c:.2f}"
    except OSError:
        return "n/a"


def machine() -> dict:
    """Everything the results file states about where it ran."""
    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:
        affinity = os.cpu_count()
    return {
        "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": _cpu_model(),
        "cores": f"{os.cpu_count()} logical CPUs ({affinity} usable by this process)",
        "memory": _mem_total(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "numpy": _version("numpy"),
        "scipy": _version("scipy"),
        "scikit-learn": _version("scikit-learn"),
        "matplotlib": _version("matplotlib"),
        "ennemi": _version("ennemi"),
        "nbclient": _version("nbclient"),
        "threadpoolctl": _version("threadpoolctl"),
        "BLAS": _blas(),
        "load average at start (1/5/15 min)": load_average(),
    }


# --------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------


def md_table(header: list[str], rows: list[list], align: str | None = None) -> str:
    """A GitHub-flavoured markdown table; ``align`` is one char per column (l/r)."""
    align = align or ("l" + "r" * (len(header) - 1))
    sep = ["---:" if a == "r" else ":---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(sep) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def print_table(title: str, header: list[str], rows: list[list]) -> None:
    """Print a plain-text table to the terminal."""
    cells = [header] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print()
    print(title)
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        print("  ".join((c.ljust(w) if i == 0 else c.rjust(w)) for i, (c, w) in enumerate(zip(row, widths))))
    sys.stdout.flush()
