"""Shared fixtures and paths for the test suite."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # tests never open windows

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
BROWSER_SKIP = pytest.StashKey[str]()
SESSION_START = time.time()  # screenshots older than this run are not listed

os.environ.setdefault("PYTHONHASHSEED", "0")


def notebook_stems() -> list[str]:
    """Names (without extension) of every numbered notebook, from either file of a pair."""
    stems = {p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.py")} | {p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")}
    return sorted(stems)


@pytest.hookimpl(trylast=True)  # after -m has deselected what it deselects
def pytest_collection_modifyitems(config, items):
    """Without a browser to drive, leave the browser tests out (one line says so at the
    end); under CI=true keep them, so they fail."""
    browser_tests = [item for item in items if item.get_closest_marker("browser")]
    if not browser_tests or os.environ.get("CI", "").lower() == "true":
        return
    sys.path.insert(0, str(ROOT / "tools"))
    from browser_lab import BROWSER_HINT, find_browser

    if find_browser() is not None:
        return
    items[:] = [item for item in items if not item.get_closest_marker("browser")]
    config.hook.pytest_deselected(items=browser_tests)
    config.stash[BROWSER_SKIP] = (
        f"BROWSER TESTS SKIPPED ({len(browser_tests)}): no Chromium or Chrome found; {BROWSER_HINT}"
    )


def pytest_terminal_summary(terminalreporter, config):
    """Say what to install when the browser tests were left out, and where this run's
    browser screenshots are, so a person can look at them."""
    if BROWSER_SKIP in config.stash:
        terminalreporter.write_line(config.stash[BROWSER_SKIP], yellow=True, bold=True)
    shots = ROOT / "test-artifacts" / "screenshots"
    if shots.is_dir():
        files = sorted(f for f in shots.glob("*.png") if f.stat().st_mtime >= SESSION_START)
        if files:
            terminalreporter.write_sep("-", f"browser screenshots ({len(files)}) in {shots}")
            for f in files:
                terminalreporter.write_line(f"  {f.name}")
