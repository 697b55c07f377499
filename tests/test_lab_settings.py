"""The course's JupyterLab defaults (tools/configure_lab.py), locally and on Binder."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from conftest import ROOT


def _configure_lab():
    spec = importlib.util.spec_from_file_location("configure_lab", ROOT / "tools" / "configure_lab.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _schema(plugin: str) -> dict:
    """JupyterLab's own schema of a plugin's settings, from this environment."""
    package, name = plugin.split(":")
    return json.loads((Path(sys.prefix) / "share/jupyter/lab/schemas" / package / f"{name}.json").read_text())


def test_overrides_turn_the_news_check_off_and_open_py_as_notebooks(tmp_path):
    lab = _configure_lab()
    path = lab.overrides_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Markdown Preview"}},
                                "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}))
    assert lab.main(tmp_path) == path
    settings = json.loads(path.read_text())
    notification = settings["@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}
    viewers = settings["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers == {"markdown": "Markdown Preview", "python": "Jupytext Notebook"}  # merged, not replaced
    assert settings["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    lab.main(tmp_path)  # running it again changes nothing
    assert json.loads(path.read_text()) == settings


def test_overrides_are_valid_values_of_jupyterlabs_own_schemas():
    lab = _configure_lab()
    news = _schema("@jupyterlab/apputils-extension:notification")["properties"]
    allowed = {option["const"]: option["title"] for option in news["fetchNews"]["oneOf"]}
    assert allowed[lab.OVERRIDES["@jupyterlab/apputils-extension:notification"]["fetchNews"]] == "Never"
    assert news["checkForUpdates"]["type"] == "boolean"
    docmanager = _schema("@jupyterlab/docmanager-extension:plugin")["properties"]
    assert "defaultViewers" in docmanager


def test_this_environment_and_binder_apply_them():
    overrides = json.loads(_configure_lab().overrides_path(sys.prefix).read_text())  # written by make setup
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    postbuild = (ROOT / "binder" / "postBuild").read_text()
    assert "python tools/configure_lab.py" in postbuild
