"""JupyterLab in a real browser, as a learner uses the course.

A JupyterLab server of this environment is started on a free port of
127.0.0.1 with token authentication on (a fresh random token), and headless
Chromium (Debian's package, driven by Playwright with the system browser's
path) opens every notebook found in notebooks/:

* before anything runs, the stored outputs show without "Error displaying
  widget" / "model not found" (the saved widget state renders);
* after Run All: no error or stderr output, every widget rendered, and
  moving a slider (with the mouse, then the keyboard if needed) changes the
  panel's numbers within MOVE_TIMEOUT_S seconds;
* a screenshot of each notebook after the move goes to
  test-artifacts/screenshots/ (git-ignored);
* a .py notebook opened from the file browser opens as a notebook through
  Jupytext, not as text;
* the server log and the browser show no failed request for widget or
  extension assets.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import NOTEBOOKS, ROOT

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
MOVE_TIMEOUT_S = 10  # a slider move must change the displayed numbers within this time
RUN_ALL_TIMEOUT_S = 180
NOTEBOOK_FILES = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
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
ASSET_FAILURE = re.compile(r"\b(4\d\d|5\d\d) (GET|POST) (/lab/extensions|/lab/api/settings|/static/|/lab/static|/lab/api/extensions|\S*labextensions|\S*jupyter-widgets)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_settings(settings_dir: Path) -> None:
    """Per-test JupyterLab user settings: render every cell, no news pop-ups."""
    notebook = settings_dir / "@jupyterlab" / "notebook-extension"
    notebook.mkdir(parents=True)
    (notebook / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    docmanager = settings_dir / "@jupyterlab" / "docmanager-extension"
    docmanager.mkdir(parents=True)
    (docmanager / "plugin.jupyterlab-settings").write_text('{"autosave": false}')
    apputils = settings_dir / "@jupyterlab" / "apputils-extension"
    apputils.mkdir(parents=True)
    (apputils / "notification.jupyterlab-settings").write_text('{"fetchNews": "false", "checkForUpdates": false}')


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if CHROMIUM is None:
        pytest.fail("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")
    overrides = Path(sys.prefix) / "share/jupyter/lab/settings/overrides.json"
    assert overrides.exists(), "run tools/configure_lab.py (make setup does) so .py files open as notebooks"
    tmp = tmp_path_factory.mktemp("lab")
    _write_settings(tmp / "settings")
    # Serve a copy: whatever the browser does (run, autosave) never touches the repository.
    course = tmp / "course"
    shutil.copytree(NOTEBOOKS, course / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    port, token = _free_port(), secrets.token_hex(24)
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
    )
    log_path = tmp / "server.log"
    log = open(log_path, "w")
    cmd = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={course}",
        "--ServerApp.log_level=INFO",
    ] + (["--allow-root"] if os.geteuid() == 0 else [])
    server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.time() > deadline:
                raise RuntimeError("JupyterLab did not start:\n" + log_path.read_text()[-3000:])
            time.sleep(0.5)
        # Authentication is on: without the token the API refuses.
        with pytest.raises(urllib.error.HTTPError) as denied:
            urllib.request.urlopen(f"{base}/api/contents", timeout=5)
        assert denied.value.code == 403

        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield {"base": base, "token": token, "browser": browser, "log": log_path, "failed_assets": [], "widget_assets": []}
            browser.close()
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        log.close()


def _new_page(lab):
    context = lab["browser"].new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)

    def record(response):
        if re.search(r"labextensions|/static/|extensions|widgets", response.url):
            if response.status >= 400:
                lab["failed_assets"].append(f"{response.status} {response.url}")
            elif "jupyter-widgets" in response.url:
                lab["widget_assets"].append(response.url)

    page.on("response", record)
    return context, page


def _wait_kernel_idle(page, timeout_s):
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=timeout_s * 1000)


def _open(page, lab, relative):
    # ?reset: start from an empty workspace, so earlier tests' tabs are not reopened.
    page.goto(f"{lab['base']}/lab/tree/{relative}?reset&token={lab['token']}")
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell", timeout=90_000)


def _shutdown_kernels(lab):
    import json

    req = urllib.request.Request(f"{lab['base']}/api/sessions?token={lab['token']}")
    with urllib.request.urlopen(req, timeout=10) as r:
        sessions = json.load(r)
    for s in sessions:
        urllib.request.urlopen(
            urllib.request.Request(f"{lab['base']}/api/sessions/{s['id']}?token={lab['token']}", method="DELETE"), timeout=10
        )


def _widget_errors(page) -> str:
    text = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").inner_text()
    found = [m for m in ("Error displaying widget", "model not found", "Loading widget...") if m in text]
    return ", ".join(found)


@pytest.mark.parametrize("name", NOTEBOOK_FILES)
def test_notebook_in_jupyterlab(lab, name):
    context, page = _new_page(lab)
    try:
        _open(page, lab, f"notebooks/{name}")
        stem = name.removesuffix(".ipynb")

        # 1. Fresh open, nothing run: every stored panel output shows cleanly. An untrusted
        # notebook (a fresh clone, Binder) shows the panel's static PNG (figure + numbers);
        # a trusted one restores the saved widget state. Neither may show a widget error.
        panel_cells = _panel_cell_indices(NOTEBOOKS / name)
        assert panel_cells, f"{name}: no panel output stored"
        _wait_kernel_idle(page, 90)
        cells = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")
        for i in panel_cells:
            shown = cells.nth(i).locator(".mi-live-panel, .jp-OutputArea-output[data-mime-type='image/png'] img")
            shown.first.wait_for(timeout=30_000)
        assert not _widget_errors(page), f"{name}: before running, the page shows {_widget_errors(page)}"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        cells.nth(panel_cells[0]).scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"{stem}-before-run.png"))

        # 2. Clear the stored outputs, run all cells, wait until every visible prompt is
        # numbered (cells with hidden source show no prompt) and the kernel is idle.
        _menu(page, "Edit", "editmenu:clear-all")
        page.wait_for_function(f"() => !{VISIBLE_PROMPTS_JS}.some(t => /\\d/.test(t))", timeout=30_000)
        _menu(page, "Run", "runmenu:run-all")
        page.wait_for_function(
            f"() => {{ const t = {VISIBLE_PROMPTS_JS}; return t.length > 0 && t.every(x => /\\[\\d+\\]/.test(x)); }}",
            timeout=RUN_ALL_TIMEOUT_S * 1000,
        )
        _wait_kernel_idle(page, RUN_ALL_TIMEOUT_S)
        with_output = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell:has(.jp-OutputArea-output)").count()
        assert with_output == _count_cells_with_outputs(NOTEBOOKS / name), f"{name}: some cells produced no output in the browser"

        notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
        errors = notebook.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        assert errors.count() == 0, f"{name}: error or stderr output after Run All:\n{errors.first.inner_text()[:2000]}"

        panels = notebook.locator(".mi-live-panel")
        page.wait_for_function("() => !document.body.innerText.includes('Loading widget...')", timeout=30_000)
        assert panels.count() >= 1, f"{name}: no live panel rendered"
        assert not _widget_errors(page), f"{name}: after running, the page shows {_widget_errors(page)}"
        for i in range(panels.count()):
            assert panels.nth(i).locator(".mi-live-text").inner_text().strip(), f"{name}: panel {i} shows no numbers"
            assert panels.nth(i).locator("img.mi-live-figure, .mi-live-figure img, .mi-live-figure").count() >= 1

        # 3. Move the first slider of the first panel (mouse, then keyboard) and watch the numbers change.
        panel = panels.first
        panel.scroll_into_view_if_needed()
        label = panel.locator(".mi-live-text")
        before = label.inner_text()
        sliders = panel.locator(".noUi-target")
        moved_by = None
        if sliders.count():
            box = sliders.first.bounding_box()
            for frac in (0.85, 0.15):
                page.mouse.click(box["x"] + box["width"] * frac, box["y"] + box["height"] / 2)
                if _changed(label, before):
                    moved_by = "mouse"
                    break
            if moved_by is None:
                handle = sliders.first.locator(".noUi-handle").first
                handle.focus()
                for _ in range(5):
                    page.keyboard.press("ArrowRight")
                if _changed(label, before):
                    moved_by = "keyboard"
        else:
            select = panel.locator("select").first
            options = select.locator("option")
            select.select_option(index=1 if options.count() > 1 else 0)
            moved_by = "dropdown" if _changed(label, before) else None
        assert moved_by, f"{name}: moving a control did not change the panel's numbers within {MOVE_TIMEOUT_S} s"
        after = label.inner_text()
        assert after != before

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / f"{stem}.png"
        panel.scroll_into_view_if_needed()
        page.screenshot(path=str(shot))
        print(f"\n{name}: moved by {moved_by}; before: {before!r}\n  after: {after!r}\n  screenshot: {shot}")
    finally:
        context.close()
        _shutdown_kernels(lab)


VISIBLE_PROMPTS_JS = (
    "[...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]"
    ".map(p => p.textContent.trim()).filter(t => t.length > 0)"
)


def _menu(page, menu: str, command: str) -> None:
    """Pick a command from JupyterLab's main menu, as a person would."""
    page.click(f"#jp-MainMenu .lm-MenuBar-item:has-text('{menu}')")
    page.click(f".lm-Menu-item[data-command='{command}']")


def _count_cells_with_outputs(path: Path) -> int:
    import nbformat

    return sum(1 for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code" and c.outputs)


def _panel_cell_indices(path: Path) -> list[int]:
    """Indices of the cells whose stored outputs hold a widget view."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return [
        i for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in c.outputs)
    ]


def _changed(label, before) -> bool:
    deadline = time.time() + MOVE_TIMEOUT_S
    while time.time() < deadline:
        if label.inner_text() != before:
            return True
        time.sleep(0.1)
    return False


def test_py_notebook_opens_as_a_notebook_from_the_file_browser(lab):
    py_files = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.py"))
    assert py_files
    context, page = _new_page(lab)
    try:
        page.goto(f"{lab['base']}/lab/tree/notebooks?reset&token={lab['token']}")
        item = page.locator(f".jp-DirListing-item:has-text('{py_files[0]}')").first
        item.wait_for(timeout=60_000)
        item.dblclick()
        # The panel first shows one empty cell while Jupytext converts the file: wait for the content.
        page.wait_for_function(
            """() => document.querySelectorAll('.jp-NotebookPanel .jp-MarkdownCell').length > 3
                  && document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell').length > 3""",
            timeout=60_000,
        )
        assert page.locator(".jp-FileEditor:visible").count() == 0, ".py opened in the text editor"
        _wait_kernel_idle(page, 90)  # a kernel started for it
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "py_as_notebook.png"))
    finally:
        context.close()
        _shutdown_kernels(lab)


def test_no_failed_widget_or_extension_asset_requests(lab):
    # Runs after the notebooks (same module-scoped server): read what they requested.
    log = lab["log"].read_text()
    failures = [line for line in log.splitlines() if ASSET_FAILURE.search(line)]
    assert not failures, "the server refused assets:\n" + "\n".join(failures[:20])
    assert not lab["failed_assets"], "the browser saw failed asset requests:\n" + "\n".join(lab["failed_assets"][:20])
    assert lab["widget_assets"], "the widget extension's assets were never loaded"
