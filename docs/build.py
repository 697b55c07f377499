"""Build the course's website into docs/_build/html (``make site``).

Offline, from the installed packages only; the notebooks are rendered from their
stored outputs, never executed. The build is skipped when nothing it reads has
changed since the last successful one (a SHA-256 of its inputs is kept in
docs/_build/inputs.sha256); otherwise it starts from scratch, so no page keeps a
stale sidebar. Sphinx's warnings go to docs/_build/warnings.txt, which
tests/test_site.py requires to be empty.

Usage: python docs/build.py [--force]
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
BUILD = DOCS / "_build"
HTML = BUILD / "html"
WARNINGS = BUILD / "warnings.txt"
FINGERPRINT = BUILD / "inputs.sha256"
# Written by the build itself (docs/_ext/course_site.py), so not inputs.
GENERATED = (BUILD, DOCS / "notebooks", DOCS / "api" / "modules", DOCS / "api" / "widgets")


def inputs() -> list[Path]:
    """Every file the site is built from."""
    files = [p for p in DOCS.rglob("*") if p.is_file() and not any(g in p.parents for g in GENERATED)]
    files += list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    files += list((ROOT / "mi_helpers").rglob("*.py"))
    files += [ROOT / "README.md", ROOT / "requirements.txt"]
    return sorted(p for p in files if "__pycache__" not in p.parts)


def fingerprint() -> str:
    digest = hashlib.sha256()
    for path in inputs():
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def is_fresh() -> bool:
    return (HTML / "index.html").is_file() and FINGERPRINT.is_file() and FINGERPRINT.read_text().strip() == fingerprint()


def build(force: bool = False) -> int:
    if not force and is_fresh():
        print(f"site is up to date: {HTML.relative_to(ROOT)}/index.html")
        return 0
    t0 = time.perf_counter()
    for folder in (HTML, BUILD / "doctrees", BUILD / "jupyter_execute"):
        shutil.rmtree(folder, ignore_errors=True)
    BUILD.mkdir(parents=True, exist_ok=True)
    FINGERPRINT.unlink(missing_ok=True)
    before = fingerprint()
    cmd = [
        sys.executable, "-m", "sphinx", "--builder", "html", "--fresh-env", "--write-all", "--quiet",
        "--doctree-dir", str(BUILD / "doctrees"), "--warning-file", str(WARNINGS),
        str(DOCS), str(HTML),
    ]
    status = subprocess.run(cmd, cwd=ROOT).returncode
    if status != 0:
        print(f"sphinx failed with exit status {status}", file=sys.stderr)
        return status
    FINGERPRINT.write_text(before + "\n")
    size = sum(p.stat().st_size for p in HTML.rglob("*") if p.is_file())
    pages = len(list(HTML.rglob("*.html")))
    warnings = WARNINGS.read_text().strip()
    print(f"site built in {time.perf_counter() - t0:.0f} s: {pages} pages, {size / 2**20:.1f} MiB in {HTML.relative_to(ROOT)}/")
    if warnings:
        print(f"{len(warnings.splitlines())} warning line(s), see {WARNINGS.relative_to(ROOT)}:\n{warnings}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(build(force="--force" in sys.argv[1:]))
