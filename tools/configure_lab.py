"""Set the course's JupyterLab defaults in this environment.

* ``.py`` notebooks open as notebooks: JupyterLab 4 opens a .py file in the
  text editor unless its default viewer for Python files is Jupytext's
  notebook.
* No news pop-up: JupyterLab asks on every fresh start whether to fetch the
  official Jupyter news from the internet; the course runs offline, so the
  news feed and the update check are switched off.
* No 40 ms stalls of widget updates: the Jupyter server writes kernel
  messages to the browser with Nagle's algorithm off
  (:mod:`mi_helpers.lab_server`).

The JupyterLab defaults go into the settings overrides of the current
environment (``<sys.prefix>/share/jupyter/lab/settings/overrides.json``), the
server setting into its Jupyter server configuration
(``<sys.prefix>/etc/jupyter/jupyter_server_config.json``), so they apply to
this environment only, leave the user's own settings alone, and the
JupyterLab ones can still be changed in JupyterLab's Settings editor. Both
files are merged into, not replaced. Run by ``make setup`` and by
``binder/postBuild``.
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

#: Jupyter server configuration this script sets (merged into what is there).
SERVER_CONFIG = {
    "ServerApp": {"kernel_websocket_connection_class": "mi_helpers.lab_server.NoDelayKernelWebsocketConnection"},
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


def server_config_path(prefix: str | Path = sys.prefix) -> Path:
    """Where the Jupyter server of the environment at ``prefix`` reads its JSON configuration."""
    return Path(prefix) / "etc" / "jupyter" / "jupyter_server_config.json"


def _merge_into(path: Path, new: dict) -> None:
    settings = json.loads(path.read_text()) if path.exists() else {}
    _merge(settings, new)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, indent=2) + "\n")


def main(prefix: str | Path = sys.prefix) -> Path:
    """Write the course's defaults into the environment at ``prefix``; return the JupyterLab overrides' path."""
    path = overrides_path(prefix)
    _merge_into(path, OVERRIDES)
    _merge_into(server_config_path(prefix), SERVER_CONFIG)
    return path


if __name__ == "__main__":
    main()
    print(f"JupyterLab defaults set (.py opens as a notebook, no news check) in {overrides_path()}; "
          f"kernel messages sent without delay (Nagle off) by {server_config_path()}")
