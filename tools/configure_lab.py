"""Set the course's JupyterLab defaults in this environment.

* ``.py`` notebooks open as notebooks: JupyterLab 4 opens a .py file in the
  text editor unless its default viewer for Python files is Jupytext's
  notebook.
* No news pop-up: JupyterLab asks on every fresh start whether to fetch the
  official Jupyter news from the internet; the course runs offline, so the
  news feed and the update check are switched off.
* Widget updates without 40 ms stalls: the Jupyter server writes kernel
  messages to the browser with Nagle's algorithm off (``tools/lab_server_config.py``
  says why and how).

The JupyterLab defaults go into the settings overrides of the current
environment (``<sys.prefix>/share/jupyter/lab/settings/overrides.json``,
merged into what is there), so they apply to this environment's JupyterLab
only, leave the user's own settings alone and can still be changed in
JupyterLab's Settings editor. The server setting is a copy of
``tools/lab_server_config.py`` at ``<sys.prefix>/etc/jupyter/jupyter_server_config.py``;
a file of that name that this script did not write is left alone (with a
message). In a virtual environment Jupyter ranks the environment's
configuration above the user's (``~/.jupyter``): to undo the server setting,
delete the copy. Run by ``make setup`` and by ``binder/postBuild``.
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

#: The course's Jupyter server configuration, copied into the environment.
SERVER_CONFIG = Path(__file__).with_name("lab_server_config.py")
#: First line of the copy: marks a file this script may replace.
SERVER_CONFIG_MARK = "# mi-course:"


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
    """Where the Jupyter server of the environment at ``prefix`` reads the course's setting."""
    return Path(prefix) / "etc" / "jupyter" / "jupyter_server_config.py"


def server_config_state(prefix: str | Path = sys.prefix) -> str:
    """``"current"`` (the course's setting, up to date), ``"stale"`` (an older copy), ``"foreign"`` (a file this script did not write) or ``"missing"``."""
    path = server_config_path(prefix)
    if not path.exists():
        return "missing"
    text = path.read_text()
    if not text.startswith(SERVER_CONFIG_MARK):
        return "foreign"
    return "current" if text == SERVER_CONFIG.read_text() else "stale"


def main(prefix: str | Path = sys.prefix) -> Path:
    """Write the course's defaults into the environment at ``prefix``; return the JupyterLab overrides' path."""
    path = overrides_path(prefix)
    settings = json.loads(path.read_text()) if path.exists() else {}
    _merge(settings, OVERRIDES)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, indent=2) + "\n")
    server = server_config_path(prefix)
    if server_config_state(prefix) == "foreign":
        print(f"{server} exists and was not written by the course: left as it is, so kernel messages may wait "
              f"for Nagle's algorithm (see {SERVER_CONFIG.name})", file=sys.stderr)
    else:
        server.parent.mkdir(parents=True, exist_ok=True)
        server.write_text(SERVER_CONFIG.read_text())
    return path


if __name__ == "__main__":
    main()
    print(f"JupyterLab defaults set (.py opens as a notebook, no news check) in {overrides_path()}; "
          f"server setting (kernel messages without Nagle's delay): {server_config_path()} ({server_config_state()})")
