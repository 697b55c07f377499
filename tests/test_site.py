"""The course's website (`make site`), built offline and checked in a real browser.

The site is built once per test session by docs/build.py, which does nothing
when the build is up to date with its inputs. Then:

* without a browser: the build printed no warning; the API reference covers
  every name of ``mi_helpers.__all__`` and of the widget modules' ``__all__``;
  every notebook has its page, in number order; each notebook page carries
  Binder and download links, the live panels' stored PNGs (with their stored
  numbers, so nothing was re-executed) and collapsed solutions; every internal
  link and resource of every page resolves to a file and, with a #fragment, to
  an element id; nothing is loaded from another host;
* in headless Chromium (Playwright, Debian's browser), with the site served on
  127.0.0.1: every page loads with no console error, no failed request and no
  request to any other host; math is typeset by the site's own MathJax; every
  image, panel pictures included, has loaded; solutions stay collapsed.

Without a browser the browser test is skipped, with the reason in the summary;
on CI (CI=true) it fails instead. The lookup is local to this file for now
(tests/test_browser.py has its own); the Chromium flags are shared with it.
"""

from __future__ import annotations

import html.parser
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import zlib
from functools import partial
from pathlib import Path

import pytest

from conftest import NOTEBOOKS, ROOT

pytestmark = pytest.mark.browser

DOCS = ROOT / "docs"
SITE = DOCS / "_build" / "html"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# Tags whose URL the browser fetches while loading the page (not links a reader follows).
RESOURCE_ATTRS = {("script", "src"), ("img", "src"), ("link", "href"), ("source", "src"), ("iframe", "src"), ("video", "src"), ("audio", "src")}

sys.path.insert(0, str(DOCS / "_ext"))
sys.path.insert(0, str(ROOT / "tools"))
import browser_lab as bl  # noqa: E402  (the same browser lookup and flags as the JupyterLab tests)
import course_site  # noqa: E402


def _notebook_stems() -> list[str]:
    return [p.stem for p in course_site.course_notebooks()]


# --- the build -----------------------------------------------------------------


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site; built (or rebuilt) here when missing or stale."""
    t0 = time.perf_counter()
    result = subprocess.run([sys.executable, str(DOCS / "build.py")], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"the site did not build:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
    print(f"\n{result.stdout.strip()} ({time.perf_counter() - t0:.0f} s in this session)")
    assert (SITE / "index.html").is_file()
    return SITE


class _Page(html.parser.HTMLParser):
    """Ids, links and resources of one HTML file."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []  # <a href>
        self.resources: list[tuple[str, str]] = []  # (tag, url) fetched on load

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                self.ids.add(a[key])
        if tag == "a" and a.get("href") is not None:
            self.links.append(a["href"])
        for t, attr in RESOURCE_ATTRS:
            if tag == t and a.get(attr):
                if tag == "link" and not {"stylesheet", "icon", "preload", "modulepreload"} & set((a.get("rel") or "").split()):
                    continue
                self.resources.append((tag, a[attr]))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="session")
def pages(site) -> dict[Path, _Page]:
    return {p: _parse(p) for p in sorted(site.rglob("*.html"))}


# --- static checks ---------------------------------------------------------------


def test_build_printed_no_warnings(site):
    warnings = (DOCS / "_build" / "warnings.txt").read_text().strip()
    assert not warnings, "the site build warned (a docstring or page that does not render):\n" + warnings


def _inventory(site: Path) -> dict[str, str]:
    """objects.inv: Python object name -> page URI."""
    raw = (site / "objects.inv").read_bytes()
    lines = raw.split(b"\n", 4)
    assert lines[2].startswith(b"# Version") and b"zlib" in lines[3]
    entries = {}
    for line in zlib.decompress(lines[4]).decode().splitlines():
        m = re.match(r"(\S+)\s+py:(\w+)\s+-?\d+\s+(\S*)\s+", line)
        if m:
            name, _role, uri = m.groups()
            entries[name] = uri.replace("$", name)
    return entries


def test_api_reference_covers_every_public_name(site):
    import importlib

    import mi_helpers

    inventory = _inventory(site)
    missing, undocumented = [], []
    for path in course_site.documented_names():
        parent, name = path.rsplit(".", 1)
        candidates = [path]
        if parent == "mi_helpers":  # re-exported: documented in the module that defines it
            for module_name in course_site.public_submodules(mi_helpers):
                module = importlib.import_module(module_name)
                if name in getattr(module, "__all__", ()):
                    candidates.insert(0, f"{module_name}.{name}")
        found = next((c for c in candidates if c in inventory), None)
        if found is None:
            missing.append(path)
            continue
        obj = getattr(importlib.import_module(parent), name)
        if callable(obj):  # functions and classes must show their docstring
            page = (site / inventory[found].split("#")[0]).read_text(encoding="utf-8")
            start = page.find(f'id="{found}"')
            after_signature = page[page.find("</dt>", start) + len("</dt>"):][:200]
            if start < 0 or re.match(r"\s*<dd>\s*</dd>", after_signature):
                undocumented.append(found)
    assert not missing, f"{len(missing)} public names have no entry in the API reference: {missing}"
    assert not undocumented, f"rendered without a docstring: {undocumented}"
    assert len(course_site.documented_names()) >= len(mi_helpers.__all__) + 30


def test_references_resolve_on_the_same_page(site):
    page = (site / "api" / "modules" / "mi_helpers.estimators.html").read_text(encoding="utf-8")
    parsed = _parse(site / "api" / "modules" / "mi_helpers.estimators.html")
    # mi_ksg's docstring cites [KSG]_, defined in the module docstring on this page.
    cites = re.findall(r'<a class="citation-reference reference internal" href="#([^"]+)"[^>]*><span>\[KSG\]</span>', page)
    assert cites, "no [KSG] citation link on the estimators page"
    assert all(c in parsed.ids for c in cites)
    # A cross-reference written as mi_helpers.X (not the defining module) still links.
    choosing = (site / "choosing_an_estimator.html").read_text(encoding="utf-8")
    assert 'href="api/modules/mi_helpers.estimators.html#mi_helpers.estimators.mi_ksg"' in choosing


def test_readme_links_the_site_of_the_binder_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    site_link = re.search(r"^\[site\]:\s*(\S+)", readme, re.MULTILINE)
    assert site_link, "README.md has no [site]: link"
    assert site_link.group(1) == course_site.repository()["pages"], "the [site] link does not match the repository of the [binder] link"
    assert "make site" in readme


def test_every_notebook_has_a_page_in_number_order(site):
    stems = _notebook_stems()
    assert stems == sorted(stems, key=lambda s: int(s[:2])) and len(stems) >= 12
    index = (site / "index.html").read_text(encoding="utf-8")
    order = []
    for stem in re.findall(r'href="notebooks/(\d\d_[^"#]+)\.html"', index):
        if stem not in order:
            order.append(stem)
    assert order == stems, f"home page lists {order}, notebooks/ holds {stems}"
    for stem in stems:
        assert (site / "notebooks" / f"{stem}.html").is_file()


def _stored_panels(stem: str) -> list[str]:
    """text/plain of every stored live-panel output of a notebook, in order."""
    nb = json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8"))
    found = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                assert "image/png" in data, f"{stem}: a panel output without its PNG fallback"
                text = data.get("text/plain", "")
                found.append("".join(text) if isinstance(text, list) else text)
    return found


@pytest.mark.parametrize("stem", _notebook_stems())
def test_notebook_page_links_panels_and_solutions(site, stem):
    page_path = site / "notebooks" / f"{stem}.html"
    page = page_path.read_text(encoding="utf-8")
    # Binder and download links, from the repository named in the README.
    binder = course_site.binder_url(f"notebooks/{stem}.ipynb")
    assert binder.startswith("https://mybinder.org/v2/gh/") and f'href="{binder}"' in page
    assert f'href="{stem}.ipynb"' in page
    assert (site / "notebooks" / f"{stem}.ipynb").read_bytes() == (NOTEBOOKS / f"{stem}.ipynb").read_bytes()
    # Every live panel shows its stored PNG; its alt text holds the stored numbers.
    panels = _stored_panels(stem)
    assert panels, f"{stem}: no live panel stored"
    images = re.findall(r'<img[^>]*class="[^"]*mi-panel-static[^"]*"[^>]*>', page)
    assert len(images) == len(panels), f"{stem}: {len(panels)} panels stored, {len(images)} shown"
    for img, text in zip(images, panels):
        alt = html.unescape(re.search(r'alt="([^"]*)"', img).group(1))
        assert " ".join(text.split()[:6]) in " ".join(alt.split()), f"{stem}: panel picture does not carry the stored numbers {text[:80]!r}"
    assert "widget-view+json" not in page and "widget-state+json" not in page
    # Solutions: inside a closed <details>.
    nb = json.loads((NOTEBOOKS / f"{stem}.ipynb").read_text(encoding="utf-8"))
    n_solutions = sum("solution" in c.get("metadata", {}).get("tags", []) for c in nb["cells"])
    collapsed = re.findall(r'<div class="cell tag_solution[^"]*">\s*<details class="[^"]*hide[^"]*">', page)
    assert n_solutions >= 2 and len(collapsed) == n_solutions, f"{stem}: {n_solutions} solutions, {len(collapsed)} collapsed"
    assert "<details open" not in page


def _resolve(site: Path, page: Path, url: str) -> tuple[Path | None, str]:
    """The file and fragment an internal URL of ``page`` points at."""
    parts = urllib.parse.urlsplit(url)
    path = urllib.parse.unquote(parts.path)
    target = page if not path else (site / path.lstrip("/") if path.startswith("/") else page.parent / path)
    target = target.resolve()
    if target.is_dir():
        target = target / "index.html"
    inside = target.is_file() and site.resolve() in target.parents
    return (target if inside else None), urllib.parse.unquote(parts.fragment)


def test_every_internal_link_and_resource_resolves(site, pages):
    broken, external_resources, checked = [], [], 0
    ids = {p.resolve(): parsed.ids for p, parsed in pages.items()}
    for path, parsed in pages.items():
        rel = path.relative_to(site)
        for tag, url in parsed.resources:
            if re.match(r"^(https?:)?//", url):
                external_resources.append(f"{rel}: <{tag}> {url}")
            elif not url.startswith("data:"):
                target, _ = _resolve(site, path, url)
                checked += 1
                if target is None:
                    broken.append(f"{rel}: <{tag}> {url}")
        for url in parsed.links:
            if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I) or url.startswith("//") or url == "#":
                continue  # links to other sites (Binder, the code host), mailto:, javascript:
            target, fragment = _resolve(site, path, url)
            checked += 1
            if target is None:
                broken.append(f"{rel}: {url} (no such file)")
            elif fragment and target.suffix == ".html" and fragment not in ids[target]:
                broken.append(f"{rel}: {url} (no id {fragment!r} in {target.relative_to(site.resolve())})")
    assert not external_resources, "resources loaded from other hosts:\n" + "\n".join(external_resources[:30])
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken[:40])
    assert checked > 1000


def test_nothing_points_at_a_cdn(site):
    offenders = []
    for path in site.rglob("*"):
        if path.suffix in {".html", ".css"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            for m in re.finditer(r"(?:src=|@import\s+|url\()\s*[\"']?(https?://[^\"')\s]+)", text):
                offenders.append(f"{path.relative_to(site)}: {m.group(1)}")
    assert not offenders, "the site refers to resources on other hosts:\n" + "\n".join(offenders[:30])


# --- in the browser ------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    log: list[str]

    def log_message(self, fmt, *args):  # keep a log instead of printing to stderr
        self.log.append(fmt % args)


@pytest.fixture(scope="module")
def served(site):
    log: list[str] = []
    handler = partial(type("Handler", (_QuietHandler,), {"log": log}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield {"base": f"http://127.0.0.1:{server.server_address[1]}", "log": log}
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser():
    executable = bl.find_browser()
    if executable is None:
        message = f"no Chromium or Chrome found ({bl.BROWSER_HINT}); the site's browser test did not run"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + ", and on CI it must")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, args=bl.CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


PAGE_CHECK_JS = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) { await MathJax.startup.promise; }
  const imgs = [...document.images];
  for (const img of imgs) { img.loading = 'eager'; }
  await Promise.all(imgs.map(img => img.decode().catch(() => null)));
  const math = [...document.querySelectorAll('.math')];
  return {
    math: math.length,
    typeset: math.filter(m => m.querySelector('mjx-container')).length,
    mathErrors: document.querySelectorAll('mjx-merror').length,
    mathjax: !!(window.MathJax && MathJax.version),
    images: imgs.length,
    broken: imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src')),
    panels: [...document.querySelectorAll('img.mi-panel-static')].filter(i => i.naturalWidth > 0).length,
    openSolutions: [...document.querySelectorAll('.tag_solution details')].filter(d => d.open).length,
    visibleSolutionCode: [...document.querySelectorAll('.tag_solution .cell_input')].filter(e => e.checkVisibility()).length,
    solutions: document.querySelectorAll('.tag_solution').length,
  };
}"""


def test_every_page_in_a_browser(site, served, browser):
    base = served["base"]
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    problems: list[str] = []
    current = {"url": ""}

    def on_console(msg):
        if msg.type == "error":
            problems.append(f"{current['url']}: console error: {msg.text}")

    def on_request(request):
        if not request.url.startswith((base + "/", "data:", "blob:", "about:")):
            problems.append(f"{current['url']}: request to another host: {request.url}")

    def on_response(response):
        if response.status >= 400:
            problems.append(f"{current['url']}: HTTP {response.status} for {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.append(f"{current['url']}: uncaught exception: {exc}"))
    page.on("request", on_request)
    loaded: set[str] = set()
    aborted: dict[str, str] = {}

    def on_request_failed(request):
        # Moving to the next page cancels fetches still under way (the favicon, say):
        # those count only if the same URL never loads anywhere in the session.
        if request.failure == "net::ERR_ABORTED":
            aborted.setdefault(request.url, current["url"])
        else:
            problems.append(f"{current['url']}: request failed: {request.url} ({request.failure})")

    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)
    page.on("requestfinished", lambda r: loaded.add(r.url))

    urls = sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    assert len(urls) >= len(_notebook_stems()) + 20
    t0 = time.perf_counter()
    math_pages = total_math = total_images = total_panels = 0
    timings: list[tuple[float, str]] = []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        for rel in urls:
            current["url"] = rel
            t_page = time.perf_counter()
            page.goto(f"{base}/{rel}", wait_until="load")
            info = page.evaluate(PAGE_CHECK_JS)
            timings.append((time.perf_counter() - t_page, rel))
            if info["math"]:
                math_pages += 1
                total_math += info["math"]
                assert info["mathjax"], f"{rel}: math on the page but MathJax did not load"
                assert info["typeset"] == info["math"], f"{rel}: {info['math'] - info['typeset']} of {info['math']} formulas not typeset"
                assert info["mathErrors"] == 0, f"{rel}: MathJax reported {info['mathErrors']} TeX errors"
            assert not info["broken"], f"{rel}: images that did not load: {info['broken']}"
            total_images += info["images"]
            if rel.startswith("notebooks/"):
                stem = Path(rel).stem
                assert info["panels"] == len(_stored_panels(stem)), f"{rel}: {info['panels']} panel pictures shown"
                total_panels += info["panels"]
                assert info["solutions"] >= 2 and info["openSolutions"] == 0 and info["visibleSolutionCode"] == 0, f"{rel}: solutions not collapsed: {info}"
            if rel in ("index.html", "notebooks/04_estimation.html", "api/modules/mi_helpers.estimators.html"):
                page.screenshot(path=str(SCREENSHOTS / f"site-{rel.replace('/', '-').removesuffix('.html')}.png"))
        # A solution opens when the reader clicks it.
        page.goto(f"{base}/notebooks/{_notebook_stems()[0]}.html", wait_until="load")
        page.locator(".tag_solution details summary").first.click()
        assert page.locator(".tag_solution .cell_input").first.is_visible()
    finally:
        context.close()
    elapsed = time.perf_counter() - t0
    problems += [f"{where}: request aborted and never completed: {url}" for url, where in aborted.items() if url not in loaded]
    refused = [line for line in served["log"] if re.search(r'" (4\d\d|5\d\d) ', line)]
    assert not refused, "the server refused requests:\n" + "\n".join(refused[:20])
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])
    assert math_pages >= 5 and total_math >= 20, f"only {total_math} formulas on {math_pages} pages"
    print(f"\n{len(urls)} pages in {elapsed:.0f} s: {total_math} formulas typeset on {math_pages} pages, "
          f"{total_images} images loaded ({total_panels} live-panel pictures), no request off 127.0.0.1; "
          f"slowest: " + ", ".join(f"{rel} {t:.1f} s" for t, rel in sorted(timings, reverse=True)[:3]))
