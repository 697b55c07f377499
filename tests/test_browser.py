"""JupyterLab in a real browser, as a learner uses the course.

A JupyterLab server of this environment is started on a free port of
127.0.0.1 with token authentication on (a fresh random token), fresh user
settings and an empty workspace folder (``tools/browser_lab.py``); headless
Chromium, driven by Playwright, opens every notebook found in notebooks/,
each in a reset workspace (``?reset``), so no earlier tab reopens:

* before anything runs, the stored outputs show without "Error displaying
  widget" / "model not found" (the saved widget state renders);
* after Run All: every code cell ran, no error or stderr output, every
  panel rendered with numbers and a figure, and moving a slider (with the
  mouse, then the keyboard if needed) changes the panel's numbers within
  MOVE_TIMEOUT_S seconds;
* JupyterLab does not ask to fetch Jupyter news (the environment's
  settings, from tools/configure_lab.py, switch the check off);
* a screenshot of each notebook after the move goes to
  test-artifacts/screenshots/ (git-ignored);
* with JupyterLab's windowed rendering (cells out of view are not in the
  page), a long notebook still runs and its last panel still moves;
* a .py notebook opened from the file browser opens as a notebook through
  Jupytext, not as text;
* the server log and the browser show no failed request for widget or
  extension assets.

Waiting reads JupyterLab's own notebook model (``window.jupyterapp``), so it
does not depend on which cells the browser has rendered.

Which browser: see ``browser_lab.find_browser`` (Debian's chromium, Google
Chrome or Chromium, or Playwright's own). With none installed the tests are
skipped, with one line saying what to install; under ``CI=true`` they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from pathlib import Path

import pytest

from conftest import NOTEBOOKS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import browser_lab as bl  # noqa: E402

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
MOVE_TIMEOUT_S = 10  # a slider move must change the displayed numbers within this time
RUN_ALL_TIMEOUT_S = 240
NOTEBOOK_FILES = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
ASSET_FAILURE = re.compile(r"\b(4\d\d|5\d\d) (GET|POST) (/lab/extensions|/lab/api/settings|/static/|/lab/static|/lab/api/extensions|\S*labextensions|\S*jupyter-widgets)")
NEWS_PROMPT = "official Jupyter news"
WIDGET_ERRORS = ("Error displaying widget", "model not found")


def _browser_or_skip() -> str:
    # Without a browser, tests/conftest.py leaves these tests out unless CI=true.
    path = bl.find_browser()
    if path is None:
        message = f"no Chromium or Chrome found; {bl.BROWSER_HINT}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true requires the browser tests: {message}", pytrace=False)
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    browser_path = _browser_or_skip()
    overrides = Path(sys.prefix) / "share/jupyter/lab/settings/overrides.json"
    assert overrides.exists(), "run tools/configure_lab.py (make setup does) so .py files open as notebooks"
    tmp = tmp_path_factory.mktemp("lab")
    # Serve a copy: whatever the browser does (run, autosave) never touches the repository.
    course = tmp / "course"
    shutil.copytree(NOTEBOOKS, course / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    import urllib.error
    import urllib.request

    # The news check is left to the environment's settings, which the tests check.
    with bl.LabServer(course, tmp / "lab", news_off=False) as server:
        # Authentication is on: without the token the API refuses.
        with pytest.raises(urllib.error.HTTPError) as denied:
            urllib.request.urlopen(f"{server.base}/api/contents", timeout=5)
        assert denied.value.code == 403

        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = bl.launch_browser(pw, browser_path)
            yield {"server": server, "browser": browser, "failed_assets": [], "widget_assets": []}
            browser.close()


def _new_page(lab):
    context = lab["browser"].new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.add_init_script(bl.NOTEBOOK_JS)

    def record(response):
        if re.search(r"labextensions|/static/|extensions|widgets", response.url):
            if response.status >= 400:
                lab["failed_assets"].append(f"{response.status} {response.url}")
            elif "jupyter-widgets" in response.url:
                lab["widget_assets"].append(response.url)

    page.on("response", record)
    return context, page


def _open(page, lab, relative):
    page.goto(lab["server"].url(relative))
    bl.wait_status(page, "idle", 120)


def _cell(page, index: int):
    """The page element of notebook cell ``index``, scrolled into view (rendered even when windowed)."""
    page.evaluate("(i) => window.miLab.showCell(i)", index)
    cell = page.locator(f"[data-mi-cell='{index}']")
    cell.wait_for(timeout=30_000)
    return cell


def _widget_errors(page) -> str:
    text = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").inner_text()
    return ", ".join(m for m in WIDGET_ERRORS if m in text)


def _menu(page, menu: str, command: str) -> None:
    """Pick a command from JupyterLab's main menu, as a person would."""
    page.click(f"#jp-MainMenu .lm-MenuBar-item:has-text('{menu}')")
    page.click(f".lm-Menu-item[data-command='{command}']")


def _stored(path: Path):
    import nbformat

    return nbformat.read(path, as_version=4)


def _panel_cell_indices(nb) -> list[int]:
    """Indices of the cells whose stored outputs hold a widget view."""
    return [
        i for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in c.outputs)
    ]


def _run_all(page, name: str) -> list[dict]:
    """Clear every output, run all cells from the menus; return the model's cells once all ran."""
    _menu(page, "Edit", "editmenu:clear-all")
    page.wait_for_function("() => window.miLab.cells().every(c => c.outputs.length === 0)", timeout=30_000)
    _menu(page, "Run", "runmenu:run-all")
    bl.wait_all_executed(page, RUN_ALL_TIMEOUT_S)
    cells = page.evaluate("() => window.miLab.cells()")
    problems = [
        f"cell {i}: {o['type']} {o['name']} {o['text'][:500]}"
        for i, c in enumerate(cells) for o in c["outputs"]
        if o["type"] == "error" or (o["type"] == "stream" and o["name"] == "stderr")
    ]
    assert not problems, f"{name}: error or stderr output after Run All:\n" + "\n".join(problems)
    return cells


def _changed(label, before) -> bool:
    deadline = time.time() + MOVE_TIMEOUT_S
    while time.time() < deadline:
        if label.inner_text() != before:
            return True
        time.sleep(0.1)
    return False


def _move_first_control(page, panel) -> str | None:
    """Move the panel's first slider (mouse, then keyboard) or, without one, its first dropdown.

    Returns how the numbers were changed, or None if they did not change.
    """
    label = panel.locator(".mi-live-text")
    before = label.inner_text()
    sliders = panel.locator(".noUi-target")
    if sliders.count():
        box = sliders.first.bounding_box()
        for frac in (0.85, 0.15):
            page.mouse.click(box["x"] + box["width"] * frac, box["y"] + box["height"] / 2)
            if _changed(label, before):
                return "mouse"
        handle = sliders.first.locator(".noUi-handle").first
        handle.focus()
        for _ in range(5):
            page.keyboard.press("ArrowRight")
        return "keyboard" if _changed(label, before) else None
    select = panel.locator("select").first
    options = select.locator("option")
    select.select_option(index=1 if options.count() > 1 else 0)
    return "dropdown" if _changed(label, before) else None


def _check_panels(page, name: str, panel_cells: list[int]) -> None:
    for i in panel_cells:
        panel = _cell(page, i).locator(".mi-live-panel")
        panel.first.wait_for(timeout=30_000)
        for j in range(panel.count()):
            assert panel.nth(j).locator(".mi-live-text").inner_text().strip(), f"{name}: the panel of cell {i} shows no numbers"
            assert panel.nth(j).locator("img.mi-live-figure").count() == 1, f"{name}: the panel of cell {i} shows no figure"


@pytest.mark.parametrize("name", NOTEBOOK_FILES)
def test_notebook_in_jupyterlab(lab, name):
    context, page = _new_page(lab)
    stem = name.removesuffix(".ipynb")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        _open(page, lab, f"notebooks/{name}")
        stored = _stored(NOTEBOOKS / name)

        # 1. Fresh open, nothing run: every stored panel output shows cleanly. An untrusted
        # notebook (a fresh clone, Binder) shows the panel's static PNG (figure + numbers);
        # a trusted one restores the saved widget state. Neither may show a widget error.
        panel_cells = _panel_cell_indices(stored)
        assert panel_cells, f"{name}: no panel output stored"
        for i in panel_cells:
            shown = _cell(page, i).locator(".mi-live-panel, .jp-OutputArea-output[data-mime-type='image/png'] img")
            shown.first.wait_for(timeout=30_000)
        assert not _widget_errors(page), f"{name}: before running, the page shows {_widget_errors(page)}"
        _cell(page, panel_cells[0])
        page.screenshot(path=str(SCREENSHOTS / f"{stem}-before-run.png"))

        # 2. Clear the stored outputs and run all cells: every code cell runs, the same cells
        # produce output as in the stored notebook, nothing goes to stderr.
        cells = _run_all(page, name)
        with_output = sum(1 for c in cells if c["type"] == "code" and c["outputs"])
        expected = sum(1 for c in stored.cells if c.cell_type == "code" and c.outputs)
        assert with_output == expected, f"{name}: {with_output} cells produced output in the browser, {expected} in the stored notebook"
        page.wait_for_function("() => !document.body.innerText.includes('Loading widget...')", timeout=30_000)
        _check_panels(page, name, panel_cells)
        assert not _widget_errors(page), f"{name}: after running, the page shows {_widget_errors(page)}"

        # 3. Move the first control of the first panel and watch the numbers change.
        panel = _cell(page, panel_cells[0]).locator(".mi-live-panel").first
        label = panel.locator(".mi-live-text")
        before = label.inner_text()
        moved_by = _move_first_control(page, panel)
        assert moved_by, f"{name}: moving a control did not change the panel's numbers within {MOVE_TIMEOUT_S} s"
        after = label.inner_text()
        assert after != before

        # 4. No news pop-up: the environment's settings switch the check off.
        assert page.get_by_text(NEWS_PROMPT).count() == 0, f"{name}: JupyterLab asks about Jupyter news"

        shot = SCREENSHOTS / f"{stem}.png"
        panel.scroll_into_view_if_needed()
        page.screenshot(path=str(shot))
        print(f"\n{name}: moved by {moved_by}; before: {before!r}\n  after: {after!r}\n  screenshot: {shot}")
    finally:
        context.close()
        lab["server"].shutdown_kernels()


def test_windowed_rendering_runs_and_moves_the_last_panel(lab):
    """JupyterLab's default windowed rendering leaves cells out of view out of the page;
    the longest notebook still runs, and its last panel renders and moves once scrolled to."""
    longest = max(NOTEBOOK_FILES, key=lambda n: len(_stored(NOTEBOOKS / n).cells))
    stored = _stored(NOTEBOOKS / longest)
    server = lab["server"]
    server.set_windowing("full")
    context, page = _new_page(lab)
    try:
        _open(page, lab, f"notebooks/{longest}")
        in_page = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").count()
        assert in_page < len(stored.cells), "windowing is off: every cell is in the page"
        _run_all(page, longest)
        panel_cells = _panel_cell_indices(stored)
        _check_panels(page, longest, panel_cells[-1:])
        panel = _cell(page, panel_cells[-1]).locator(".mi-live-panel").first
        assert _move_first_control(page, panel), f"{longest}: the last panel did not move when windowed"
        page.screenshot(path=str(SCREENSHOTS / "windowed.png"))
    finally:
        context.close()
        server.shutdown_kernels()
        server.set_windowing("none")


def test_py_notebook_opens_as_a_notebook_from_the_file_browser(lab):
    py_files = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.py"))
    assert py_files
    context, page = _new_page(lab)
    try:
        page.goto(f"{lab['server'].base}/lab/tree/notebooks?reset&token={lab['server'].token}")
        item = page.locator(f".jp-DirListing-item:has-text('{py_files[0]}')").first
        item.wait_for(timeout=60_000)
        item.dblclick()
        # The panel first shows one empty cell while Jupytext converts the file: wait for the content.
        page.wait_for_function(
            """() => { const p = window.miLab.panel(); if (!p) return false;
                       const c = window.miLab.cells();
                       return c.filter(x => x.type === 'markdown').length > 3 && c.filter(x => x.type === 'code').length > 3; }""",
            timeout=60_000,
        )
        assert page.locator(".jp-FileEditor:visible").count() == 0, ".py opened in the text editor"
        bl.wait_status(page, "idle", 90)  # a kernel started for it
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "py_as_notebook.png"))
    finally:
        context.close()
        lab["server"].shutdown_kernels()


def test_no_failed_widget_or_extension_asset_requests(lab):
    # Runs after the notebooks (same module-scoped server): read what they requested.
    log = lab["server"].log_path.read_text()
    failures = [line for line in log.splitlines() if ASSET_FAILURE.search(line)]
    assert not failures, "the server refused assets:\n" + "\n".join(failures[:20])
    assert not lab["failed_assets"], "the browser saw failed asset requests:\n" + "\n".join(lab["failed_assets"][:20])
    assert lab["widget_assets"], "the widget extension's assets were never loaded"
