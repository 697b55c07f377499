"""Binder (repo2docker) builds the course from binder/ alone; check what can be checked offline.

repo2docker reads binder/ and ignores the root's configuration, installs
binder/requirements.txt from the repository root, then runs binder/postBuild.
The slow test below does the same in a fresh virtual environment and executes
every notebook headless in it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import NOTEBOOKS, ROOT

BINDER = ROOT / "binder"


def _requirement_lines(path: Path) -> list[str]:
    """Requirement lines of a file, following -r includes relative to the file."""
    lines = []
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("-r "):
            lines += _requirement_lines((path.parent / line[3:].strip()).resolve())
        else:
            lines.append(line)
    return lines


def test_binder_files_exist_and_postbuild_is_executable():
    for name in ("requirements.txt", "runtime.txt", "postBuild"):
        assert (BINDER / name).is_file(), f"binder/{name} is missing"
    assert os.access(BINDER / "postBuild", os.X_OK), "binder/postBuild must be executable"


def test_binder_installs_the_same_pins_and_the_course_package():
    root = _requirement_lines(ROOT / "requirements.txt")
    binder = _requirement_lines(BINDER / "requirements.txt")
    assert sorted(binder) == sorted(root)
    pins = [l for l in root if not l.startswith("-")]
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.+\-]+", p) for p in pins), "every package pinned with =="
    names = {p.split("==")[0].lower().replace("_", "-") for p in pins}
    for needed in ("jupyterlab", "ipywidgets", "jupyterlab-widgets", "jupytext", "nbval", "pytest", "numpy", "scipy", "matplotlib", "scikit-learn"):
        assert needed in names, f"{needed} is not pinned"
    assert "-e ." in root, "requirements.txt must install the course package"


def test_binder_python_matches_the_project():
    runtime = (BINDER / "runtime.txt").read_text().strip()
    assert runtime == f"python-{sys.version_info.major}.{sys.version_info.minor}" or runtime == "python-3.11"
    assert 'requires-python = ">=3.11"' in (ROOT / "pyproject.toml").read_text()


def test_postbuild_configures_jupytext_viewer_and_badge_points_at_notebook_01():
    assert "configure_lab.py" in (BINDER / "postBuild").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "urlpath=lab/tree/notebooks/01_definition.ipynb" in readme.replace("%2F", "/")


@pytest.mark.online
def test_fresh_environment_from_binder_runs_every_notebook(tmp_path):
    venv = tmp_path / "binder-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH"))}
    env["PATH"] = f"{venv / 'bin'}:{env.get('PATH', '')}"
    pip = [str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    # repo2docker runs the install from the repository root, as here.
    subprocess.run(pip + ["-r", "binder/requirements.txt"], cwd=ROOT, env=env, check=True, timeout=900)
    subprocess.run(["bash", "binder/postBuild"], cwd=ROOT, env=env, check=True, timeout=120)

    overrides = json.loads((venv / "share/jupyter/lab/settings/overrides.json").read_text())
    viewers = overrides["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers["python"] == "Jupytext Notebook"
    # The new environment's Jupyter server sends kernel messages without Nagle's delay.
    shown = subprocess.run([str(venv / "bin" / "jupyter"), "server", "--show-config"], cwd=tmp_path, capture_output=True, text=True,
                           env={**env, "JUPYTER_CONFIG_DIR": str(tmp_path / "user-config")}, timeout=120).stdout
    assert str(venv / "etc/jupyter/jupyter_server_config.py") in shown
    assert "kernel_websocket_connection_class = <class 'NoDelayKernelWebsocketConnection'>" in shown

    # The widget front end and Jupytext's lab extension are installed in the new environment.
    labext = venv / "share/jupyter/labextensions"
    assert (labext / "@jupyter-widgets/jupyterlab-manager").is_dir()
    assert (labext / "jupyterlab-jupytext").is_dir()

    notebooks = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    assert notebooks
    script = (
        "import sys, pathlib, nbformat\n"
        "from nbclient import NotebookClient\n"
        "import mi_helpers\n"
        "assert mi_helpers.__file__.startswith(sys.argv[1]), mi_helpers.__file__\n"
        "for path in sys.argv[2:]:\n"
        "    nb = nbformat.read(path, as_version=4)\n"
        "    folder = str(pathlib.Path(path).parent)\n"
        "    NotebookClient(nb, timeout=600, kernel_name='python3', resources={'metadata': {'path': folder}}).execute()\n"
        "    print('executed', path)\n"
    )
    result = subprocess.run(
        [str(py), "-c", script, str(ROOT / "mi_helpers"), *map(str, notebooks)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert result.stdout.count("executed") == len(notebooks)
