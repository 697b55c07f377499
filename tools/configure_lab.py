"""Set the course's JupyterLab defaults in this environment.

* ``.py`` notebooks open as notebooks: JupyterLab 4 opens a .py file in the
  text editor unless its default viewer for Python files is Jupytext's
  notebook.
* No news pop-up: JupyterLab asks on every fresh start whether to fetch the
  official Jupyter news from the internet; the course runs offline, so the
  news feed and the update check are switched off.

The defaults go into the settings overrides of the current environment
(``<sys.prefix>/share/jupyter/lab/settings/overrides.json``), so they apply
to this environment's JupyterLab only, leave the user's own settings alone
and can still be changed in JupyterLab's Settings editor. Run by
``make setup`` and by ``binder/postBuild``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

#: JupyterLab plugin id -> the settings this script sets (merged into what is there).
OVERRIDES = {
    "@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"python": "Jupytext Notebook"}},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


def _merge(into: dict, new: dict) -> None:
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def overrides_path(prefix: str | Path = sys.prefix) -> Path:
    """Where JupyterLab of the environment at ``prefix`` reads its settings overrides."""
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def main(prefix: str | Path = sys.prefix) -> Path:
    path = overrides_path(prefix)
    settings = json.loads(path.read_text()) if path.exists() else {}
    _merge(settings, OVERRIDES)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, indent=2) + "\n")
    return path


if __name__ == "__main__":
    print(f"JupyterLab defaults set (.py opens as a notebook, no news check) in {main()}")
