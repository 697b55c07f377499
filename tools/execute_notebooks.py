"""Execute the course notebooks and store their outputs in the .ipynb files.

For each ``notebooks/NN_name.py`` (the source of truth for inputs) this runs
every cell in a fresh kernel of the current environment, with the widget
state stored in the notebook metadata (so a freshly opened notebook shows its
widgets before anything runs), and writes ``NN_name.ipynb`` through Jupytext
so the pair stays in sync.

Usage::

    python tools/execute_notebooks.py            # all notebooks
    python tools/execute_notebooks.py 01 04      # the ones whose name starts so
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import jupytext
from jupyter_client.kernelspec import NATIVE_KERNEL_NAME
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


def execute(py_path: Path, timeout: int = 600) -> float:
    """Execute one notebook from its .py and write the paired .ipynb; return seconds."""
    nb = jupytext.read(py_path)
    nb.metadata["kernelspec"] = {"name": NATIVE_KERNEL_NAME, "display_name": "Python 3 (ipykernel)", "language": "python"}
    t0 = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=NATIVE_KERNEL_NAME,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
        store_widget_state=True,
        record_timing=False,
    )
    client.execute()
    seconds = time.perf_counter() - t0
    # Re-write the .py from the same notebook so both carry identical inputs and header;
    # the .ipynb is written last so it is never older than its source.
    jupytext.write(nb, py_path, fmt="py:percent")
    jupytext.write(nb, py_path.with_suffix(".ipynb"), fmt="ipynb")
    return seconds


def main(prefixes: list[str]) -> int:
    os.environ.setdefault("PYTHONHASHSEED", "0")
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py"))
    if prefixes:
        paths = [p for p in paths if any(p.name.startswith(x) for x in prefixes)]
    if not paths:
        print("no notebook matched", prefixes, file=sys.stderr)
        return 1
    total = 0.0
    for path in paths:
        seconds = execute(path)
        total += seconds
        print(f"{path.name:32s} {seconds:6.1f} s")
    print(f"{'total':32s} {total:6.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
