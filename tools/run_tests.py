"""Run the whole test suite as `make test` and CI do.

1. Everything except the Binder build runs OFFLINE: unit and property tests,
   the notebook checks, strict nbval of every notebook and the browser tests
   (skipped, with one line saying what to install, when no Chromium-based
   browser is found; required when CI=true).
   On Linux where the process may create a network namespace (root, or
   unprivileged user namespaces) the run happens inside one (`unshare -n`)
   whose only interface is loopback: no process, Python or not, can reach
   the network, so a notebook that tries to download fails loudly. Elsewhere
   (macOS, locked-down containers) a Python-level guard is preloaded into
   every Python process instead (tools/offline/sitecustomize.py), refusing
   connections to anything but loopback.
2. The Binder test then runs with the network, because it installs the
   pinned packages from the package index into a fresh environment.

Usage: python tools/run_tests.py [extra pytest arguments for step 1]
Exit status: non-zero if either step fails or collects no test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _namespace_prefix() -> list[str] | None:
    """The command prefix that runs a command in a fresh network namespace, or None."""
    if not sys.platform.startswith("linux"):
        return None
    for base in (["unshare", "-n"], ["unshare", "-r", "-n"]):  # root, then user namespaces
        try:
            if subprocess.run(base + ["true"], capture_output=True, timeout=10).returncode == 0:
                return base + [sys.executable, str(ROOT / "tools" / "offline" / "loopback_exec.py")]
        except (OSError, subprocess.TimeoutExpired):
            pass
    return None


def run(cmd: list[str], env: dict) -> int:
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode


def main(extra: list[str]) -> int:
    env = dict(os.environ, PYTHONHASHSEED="0", MI_COURSE_OFFLINE="1")
    pytest = [sys.executable, "-m", "pytest", "-m", "not online", "--durations=15", *extra]
    t0 = time.perf_counter()
    prefix = _namespace_prefix()
    if prefix:
        print("offline step: inside a network namespace with loopback only (unshare -n)", flush=True)
        env["MI_COURSE_OFFLINE_MODE"] = "namespace"
        status = run(prefix + pytest, env)
    else:
        print("offline step: network namespaces unavailable; Python-level guard preloaded", flush=True)
        env["MI_COURSE_OFFLINE_MODE"] = "guard"
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "tools" / "offline"), env.get("PYTHONPATH")]))
        status = run(pytest, env)
    t1 = time.perf_counter()
    print(f"offline step finished in {t1 - t0:.0f} s with status {status}", flush=True)
    if status != 0 or extra:
        return status or 0
    online_env = {k: v for k, v in os.environ.items() if not k.startswith("MI_COURSE_OFFLINE")}
    status = run([sys.executable, "-m", "pytest", "-m", "online", "tests/test_binder.py"], online_env)
    print(f"online step (Binder environment) finished in {time.perf_counter() - t1:.0f} s with status {status}", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
