"""Make JupyterLab open the course's .py notebooks as notebooks (through Jupytext).

JupyterLab 4 opens a .py file in the text editor unless its default viewer
for Python files is Jupytext's notebook. This writes that default into the
settings overrides of the current environment
(``<sys.prefix>/share/jupyter/lab/settings/overrides.json``), so it applies
to this environment's JupyterLab only and leaves the user's own settings
alone. Run by ``make setup`` and by ``binder/postBuild``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

PLUGIN = "@jupyterlab/docmanager-extension:plugin"
VIEWERS = {"python": "Jupytext Notebook"}


def main() -> Path:
    path = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    settings = json.loads(path.read_text()) if path.exists() else {}
    settings.setdefault(PLUGIN, {}).setdefault("defaultViewers", {}).update(VIEWERS)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, indent=2) + "\n")
    return path


if __name__ == "__main__":
    print(f"JupyterLab default viewer for .py set to Jupytext Notebook in {main()}")
