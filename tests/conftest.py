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
