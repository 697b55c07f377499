"""JupyterLab in a real browser: shared by the browser tests and the latency benchmark.

* :func:`find_browser` looks for a Chromium-based browser Playwright can drive:
  ``MI_COURSE_BROWSER`` if set, else Debian's or Ubuntu's ``chromium``,
  Google Chrome or Chromium on the ``PATH`` (Linux) or in ``/Applications``
  (macOS), else the Chromium that ``python -m playwright install chromium``
  downloads.
* :class:`LabServer` starts this environment's JupyterLab on a free port of
  127.0.0.1 with token authentication (a fresh random token), fresh user
  settings (every cell rendered, no news check, no autosave) and an empty
  workspace folder, so no earlier tab is reopened.
* :data:`NOTEBOOK_JS` holds small in-page helpers that read JupyterLab's own
  notebook model (``window.jupyterapp``), so waiting does not depend on which
  cells the browser has rendered.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BROWSER_HINT = (
    "install one: sudo apt install chromium (Debian, Ubuntu), Google Chrome (macOS, Linux), "
    "or .venv/bin/python -m playwright install chromium; or set MI_COURSE_BROWSER to a Chromium-based browser"
)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

_PATH_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
_MAC_APPS = ("Google Chrome.app/Contents/MacOS/Google Chrome", "Chromium.app/Contents/MacOS/Chromium")


def _executable(path) -> bool:
    return bool(path) and os.path.isfile(path) and os.access(path, os.X_OK)


def _playwright_chromium() -> str | None:
    """Path of Playwright's own Chromium if it has been downloaded, else None."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as pw:
            path = pw.chromium.executable_path
    except Exception:  # the driver could not start: no usable Playwright browser either
        return None
    return path if _executable(path) else None


def find_browser() -> str | None:
    """Path of a Chromium-based browser to drive, or None when there is none.

    ``MI_COURSE_BROWSER``, when set, is the only candidate (set it to a path
    that does not exist to run as if no browser were installed).
    """
    chosen = os.environ.get("MI_COURSE_BROWSER")
    if chosen:
        return chosen if _executable(chosen) else None
    for name in _PATH_NAMES:
        path = shutil.which(name)
        if path:
            return path
    if sys.platform == "darwin":
        for root in ("/Applications", str(Path.home() / "Applications")):
            for app in _MAC_APPS:
                path = os.path.join(root, app)
                if _executable(path):
                    return path
    return _playwright_chromium()


def write_lab_settings(settings_dir: Path, *, windowing: str = "none", news_off: bool = True) -> None:
    """User settings for a test or benchmark server: the notebook windowing
    mode (``"none"``: every cell rendered), no autosave and, if ``news_off``,
    no news or update check (otherwise the environment's defaults decide)."""
    files = {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": windowing},
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    }
    if news_off:
        files["@jupyterlab/apputils-extension/notification.jupyterlab-settings"] = {"fetchNews": "false", "checkForUpdates": False}
    for rel, content in files.items():
        path = Path(settings_dir) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """This environment's JupyterLab, serving ``root_dir``, for one ``with`` block.

    Parameters
    ----------
    root_dir : Path
        The folder JupyterLab serves (pass a copy: runs and saves touch it).
    work_dir : Path
        An empty folder for settings, workspaces, runtime files and the log.
    windowing : str
        The notebook ``windowingMode`` setting ("none" renders every cell).
    news_off : bool
        Switch the news check off in the user settings; False leaves it to
        the environment's defaults (``tools/configure_lab.py``).
    env : dict, optional
        Extra environment variables for the server and its kernels.
    """

    def __init__(self, root_dir: Path, work_dir: Path, *, windowing: str = "none", news_off: bool = True, env: dict | None = None):
        self.root_dir = Path(root_dir)
        self.work_dir = Path(work_dir)
        self.windowing = windowing
        self.news_off = news_off
        self.extra_env = dict(env or {})
        self.token = secrets.token_hex(24)
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = self.work_dir / "server.log"
        self._proc: subprocess.Popen | None = None
        self._log = None

    def __enter__(self) -> "LabServer":
        settings = self.work_dir / "settings"
        write_lab_settings(settings, windowing=self.windowing, news_off=self.news_off)
        for sub in ("workspaces", "runtime", "config"):
            (self.work_dir / sub).mkdir(parents=True, exist_ok=True)
        env = dict(
            os.environ,
            JUPYTERLAB_SETTINGS_DIR=str(settings),
            JUPYTERLAB_WORKSPACES_DIR=str(self.work_dir / "workspaces"),
            JUPYTER_RUNTIME_DIR=str(self.work_dir / "runtime"),
            JUPYTER_CONFIG_DIR=str(self.work_dir / "config"),  # a user's own Jupyter config stays out
            **self.extra_env,
        )
        cmd = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root_dir}",
            "--LabApp.expose_app_in_browser=True", "--ServerApp.log_level=INFO",
        ] + (["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else [])
        self._log = open(self.log_path, "w")
        self._proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        try:
            deadline = time.time() + 90
            while True:
                try:
                    with urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if self._proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError("JupyterLab did not start:\n" + self.log_path.read_text()[-3000:])
                time.sleep(0.5)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            os.killpg(self._proc.pid, signal.SIGTERM)
            try:
                self._proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self._proc.pid, signal.SIGKILL)
                self._proc.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def url(self, relative: str) -> str:
        """Address of a file in JupyterLab, opened in a reset (empty) workspace."""
        return f"{self.base}/lab/tree/{relative}?reset&token={self.token}"

    def api(self, path: str, *, method: str = "GET", body=None):
        """Call the server's REST API with the token; return the decoded JSON (or None)."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.base}{path}", data=data, method=method, headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=20) as r:
            raw = r.read()
        return json.loads(raw) if raw else None

    def shutdown_kernels(self) -> None:
        """Delete every session (and so its kernel)."""
        for s in self.api("/api/sessions"):
            self.api(f"/api/sessions/{s['id']}", method="DELETE")

    def set_windowing(self, mode: str) -> None:
        """Change the notebook windowing mode for pages opened from now on."""
        self.api(
            "/lab/api/settings/@jupyterlab/notebook-extension:tracker",
            method="PUT",
            body={"raw": json.dumps({"windowingMode": mode})},
        )


def launch_browser(playwright, path: str):
    """Headless Chromium at ``path`` through Playwright."""
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)


# In-page helpers, installed with page.add_init_script. They read the current
# notebook's model through window.jupyterapp (LabApp.expose_app_in_browser).
NOTEBOOK_JS = r"""
window.miLab = {
  panel() {
    const app = window.jupyterapp;
    const w = app && app.shell.currentWidget;
    return w && w.content && w.content.model && w.content.model.cells ? w : null;
  },
  // 'loading' until the notebook, its cells and its kernel are there; then the kernel status.
  status() {
    const w = this.panel();
    if (!w || !w.context.isReady) return 'loading';
    const k = w.sessionContext.session && w.sessionContext.session.kernel;
    return k ? k.status : 'loading';
  },
  cells() {
    const cells = this.panel().content.model.cells;
    const out = [];
    for (let i = 0; i < cells.length; i++) {
      const c = cells.get(i);
      const outputs = [];
      if (c.type === 'code') {
        for (let j = 0; j < c.outputs.length; j++) {
          const o = c.outputs.get(j).toJSON();
          outputs.push({type: o.output_type, name: o.name || '', mime: Object.keys(o.data || {}),
                        text: (o.text || o.evalue || '') + ''});
        }
      }
      out.push({type: c.type, count: c.type === 'code' ? c.executionCount : null, outputs});
    }
    return out;
  },
  // Scroll cell i into view (it may not be in the page while windowed) and tag its node.
  async showCell(i) {
    const nb = this.panel().content;
    await nb.scrollToItem(i, 'start');
    const node = nb.widgets[i].node;
    node.setAttribute('data-mi-cell', String(i));
    return true;
  },
  async execute(code) {
    const k = this.panel().sessionContext.session.kernel;
    const future = k.requestExecute({code, silent: false, store_history: false});
    let out = '';
    future.onIOPub = (msg) => {
      if (msg.header.msg_type === 'stream') out += msg.content.text;
      if (msg.header.msg_type === 'error') out += msg.content.ename + ': ' + msg.content.evalue;
    };
    await future.done;
    return out;
  },
};
"""


def wait_status(page, wanted: str = "idle", timeout_s: float = 90) -> None:
    """Wait until the current notebook's kernel reports ``wanted``."""
    page.wait_for_function(f"() => window.miLab && window.miLab.status() === {json.dumps(wanted)}", timeout=timeout_s * 1000)


def wait_all_executed(page, timeout_s: float = 180) -> None:
    """Wait until every code cell of the current notebook has an execution count and the kernel is idle."""
    page.wait_for_function(
        "() => { const c = window.miLab.cells().filter(x => x.type === 'code');"
        " return c.length > 0 && c.every(x => x.count !== null) && window.miLab.status() === 'idle'; }",
        timeout=timeout_s * 1000,
    )
