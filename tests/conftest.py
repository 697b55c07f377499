"""Shared fixtures and paths for the test suite."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # tests never open windows

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

os.environ.setdefault("PYTHONHASHSEED", "0")


def notebook_stems() -> list[str]:
    """Names (without extension) of every numbered notebook, from either file of a pair."""
    stems = {p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.py")} | {p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")}
    return sorted(stems)


def pytest_terminal_summary(terminalreporter):
    """Say where the browser test's screenshots are, so a person can look at them."""
    shots = ROOT / "test-artifacts" / "screenshots"
    if shots.is_dir():
        files = sorted(shots.glob("*.png"))
        if files:
            terminalreporter.write_sep("-", f"browser screenshots ({len(files)}) in {shots}")
            for f in files:
                terminalreporter.write_line(f"  {f.name}")
