"""Table 6: what a learner waits for, from a key press to the panel's new numbers on screen.

JupyterLab (this environment's, token authentication, fresh settings and an
empty workspace: ``tools/browser_lab.py``; the environment's server
configuration as a learner gets it from ``tools/configure_lab.py``, kernel
messages written with Nagle's algorithm off: ``tools/lab_server_config.py``) serves a copy of the notebooks in
which every cell that shows a live panel is followed by a *floor* cell: an
``IntSlider`` whose observer writes its value into a ``Label``, nothing
computed, the cheapest round trip a widget can make. Headless Chromium opens
each notebook, runs all cells, and for every panel (scrolled into view,
then left to settle for ``SETTLE_AFTER_SCROLL_S``), ``MOVES`` times, presses
an arrow key on the panel's first slider and on the floor's slider, in
alternating order (so both share the machine's load of that moment). Each
move is timed in the page: from the ``keydown`` event to the first paint
after the panel's numbers changed (*numbers*) and after the new figure was
decoded (*figure*); *panel* is the later of the two, the whole panel
updated. Between moves the kernel is left to go idle, then 0.15 s more: a
panel draws the view one move further 30 ms after a move
(``LivePanel(look_ahead=True)``, the default), on the kernel's main thread
while it reports idle, and that pause lets it finish. So the table measures
arrow steps in one direction with the look-ahead done, the case it serves
(a step back finds the view it left, kept too): such a move only sends a
view already drawn (column *cached*: how many moves did). A move the
look-ahead did not foresee (a jump, another control, a change of
direction onto a view never shown) costs a whole update: the second
table times ``COMPUTED_MOVES`` more moves of each panel, made after the
panel was told to keep no views and not to look ahead (``KEEP_CODE``,
run in the kernel, then undone). A move arriving during a look-ahead
waits for it (column *drawn ahead*: how long the look-aheads took). A move after which
the kernel goes idle without new numbers (a value past a cap, say) changed
nothing a learner could wait for: it is not timed, and the slider goes on
in the same direction (turning at its ends).

Everything is reported as a ratio to the *floor*, the median of all floor
moves of the run. Percentiles are linear interpolations between the sorted
moves (as ``numpy.percentile``): with ``MOVES`` = 20 the p95 is the
second-slowest move plus 5% of its gap to the slowest, so one move stalled
outside the kernel (the browser, the Jupyter server and the kernel share
the machine; floor moves stall too) does not decide a panel's verdict
alone, as it does with 10 moves (the ninth plus 55% of the gap). The kernel side of the same moves comes from the panel's
own timing (``LivePanel.timings``): the update function (*compute*), the
Agg render (*render*), the PNG encoding (*encode*) and handing both widget
values to the kernel's messaging (*send*); the first three are zero for a
move that sent a view drawn ahead. Targets: every panel's p95 <= 2x
the floor; every panel's kernel-side p95 <= the floor.

Run alone: ``python -m benchmarks.browser [--moves N] [--notebooks DIR]``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import _common as C

MOVES = 20  # a p95 needs about 20 samples; of 10 it is nearly the slowest one
QUICK_MOVES = 4
COMPUTED_MOVES = 10  # then, with no views kept: moves the look-ahead did not foresee
PANEL_GOAL = 2.0  # panel p95 <= 2x floor
KERNEL_GOAL = 1.0  # kernel-side p95 <= 1x floor
MOVE_TIMEOUT_S = 15
SETTLE_AFTER_SCROLL_S = 1.0
UNCHANGED_AFTER_IDLE_MS = 1500  # idle kernel and no new numbers for this long: the move changed nothing

FLOOR_SOURCE = '''\
# Latency floor of the browser benchmark: a slider whose observer writes its value into a label.
import ipywidgets as _floor_w

_floor_slider = _floor_w.IntSlider(value=50, min=0, max=100, description="floor")
_floor_label = _floor_w.Label("50")
_floor_label.add_class("mi-floor-text")
_floor_slider.observe(lambda change, label=_floor_label: setattr(label, "value", str(change["new"])), names="value")
_floor_box = _floor_w.VBox([_floor_slider, _floor_label])
_floor_box.add_class("mi-latency-floor")
_floor_box'''

# Kernel side: the timings of the panel objects of this kernel, by name.
TIMINGS_CODE = '''\
import gc as _gc, json as _json
from mi_helpers.widgets import LivePanel as _LP
_out = {}
for _p in _gc.get_objects():
    if isinstance(_p, _LP) and getattr(_p, "timings", None):
        _t = list(_p.timings)
        if _p.name not in _out or _t[-1]["end"] > _out[_p.name][-1]["end"]:
            _out[_p.name] = _t
            _out[_p.name + "#ahead"] = list(getattr(_p, "ahead_timings", []))
print(_json.dumps(_out))'''

# Keep views (and look ahead) or not, for the panels of one name in this kernel.
KEEP_CODE = '''\
import gc as _gc
from mi_helpers.widgets import LivePanel as _LP
for _p in _gc.get_objects():
    if isinstance(_p, _LP) and _p.name == %s:
        _p.look_ahead = %s
        _p._views.clear()
        if _p.look_ahead:
            _p.__dict__.pop("VIEWS", None)
        else:
            _p.VIEWS = 0'''

MEASURE_JS = r"""
window.miMeasure = {
  arm(kind, index) {
    const root = document.querySelectorAll(kind === 'panel' ? '.mi-live-panel' : '.mi-latency-floor')[index];
    const label = root.querySelector(kind === 'panel' ? '.mi-live-text' : '.mi-floor-text');
    const img = kind === 'panel' ? root.querySelector('img.mi-live-figure') : null;
    const before = label.textContent;
    const src0 = img ? img.src : null;
    const st = {key: null, numbers: null, figure: img ? null : 0, timeout: false};
    const onKey = (e) => { if (st.key === null) st.key = e.timeStamp; };
    document.addEventListener('keydown', onKey, true);
    const nextPaint = () => new Promise(r => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
    window.miPending = new Promise(resolve => {
      let done = false, moText = null, moImg = null, timer = null, poll = null, idleSince = null;
      const finish = () => {
        if (done) return; done = true;
        moText.disconnect(); if (moImg) moImg.disconnect(); clearTimeout(timer); clearInterval(poll);
        document.removeEventListener('keydown', onKey, true);
        resolve(st);
      };
      // The kernel went back to idle and stayed there with the numbers unchanged: this move
      // changed nothing on screen (a value past a cap, say).
      poll = setInterval(() => {
        if (st.key === null || st.numbers !== null) return;
        if (window.miLab.status() !== 'idle') { idleSince = null; return; }
        idleSince = idleSince || performance.now();
        if (performance.now() - idleSince > %d) { st.unchanged = true; finish(); }
      }, 20);
      const check = () => { if (st.numbers > 0 && st.figure !== null && st.figure >= 0) finish(); };
      moText = new MutationObserver(() => {
        if (st.numbers === null && label.textContent !== before) {
          // The figure is sent before the numbers: no new figure by now means an unchanged one.
          if (st.figure === null) { st.figure = 0; st.figureSame = true; }
          st.numbers = -1; nextPaint().then(t => { st.numbers = t; check(); });
        }
      });
      moText.observe(label, {subtree: true, childList: true, characterData: true});
      if (img) {
        moImg = new MutationObserver(() => {
          if (st.figure === null && img.src !== src0) {
            st.figure = -1;
            img.decode().catch(() => null).then(nextPaint).then(t => { st.figure = t; check(); });
          }
        });
        moImg.observe(img, {attributes: true, attributeFilter: ['src']});
      }
      timer = setTimeout(() => { st.timeout = true; finish(); }, %d);
    });
    return true;
  },
  handle(kind, index) {
    const root = document.querySelectorAll(kind === 'panel' ? '.mi-live-panel' : '.mi-latency-floor')[index];
    const h = root.querySelector('.noUi-handle');
    if (!h) return null;
    return {now: parseFloat(h.getAttribute('aria-valuenow')), min: parseFloat(h.getAttribute('aria-valuemin')),
            max: parseFloat(h.getAttribute('aria-valuemax'))};
  },
  name(index) {
    const el = document.querySelectorAll('.mi-live-panel')[index];
    const cls = [...el.classList].find(c => c.startsWith('mi-panel--'));
    return cls ? cls.slice('mi-panel--'.length) : null;
  },
};
""" % (UNCHANGED_AFTER_IDLE_MS, MOVE_TIMEOUT_S * 1000)


def _tools():
    tools = str(C.ROOT / "tools")
    if tools not in sys.path:
        sys.path.insert(0, tools)
    import browser_lab

    return browser_lab


def prepare_notebooks(src: Path, dst: Path) -> list[Path]:
    """Copy the notebooks (``.ipynb`` only: no Jupytext pairing) with a floor cell after every panel cell."""
    import nbformat

    dst.mkdir(parents=True, exist_ok=True)
    out = []
    for path in sorted(src.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        cells = []
        for cell in nb.cells:
            cells.append(cell)
            shows_widget = cell.cell_type == "code" and any(
                "application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in cell.get("outputs", [])
            )
            if shows_widget:
                cells.append(nbformat.v4.new_code_cell(FLOOR_SOURCE))
        nb.cells = cells
        target = dst / path.name
        nbformat.write(nb, target)
        out.append(target)
    return out


def _press(page, kind: str, index: int, state: dict) -> dict:
    """One move of the first slider of a panel or floor; returns the page's timings (ms)."""
    h = page.evaluate("([k, i]) => window.miMeasure.handle(k, i)", [kind, index])
    if h is None:
        return {"error": "no slider"}
    key = state.get(kind + str(index), "ArrowRight")
    if key == "ArrowRight" and h["now"] >= h["max"]:
        key = "ArrowLeft"
    elif key == "ArrowLeft" and h["now"] <= h["min"]:
        key = "ArrowRight"
    state[kind + str(index)] = key
    selector = ".mi-live-panel" if kind == "panel" else ".mi-latency-floor"
    page.locator(selector).nth(index).locator(".noUi-handle").first.focus()
    page.evaluate("([k, i]) => window.miMeasure.arm(k, i)", [kind, index])
    page.keyboard.press(key)
    st = page.evaluate("() => window.miPending")
    if st.get("unchanged"):
        # Nothing to time; go on in the same direction (turning at the ends of the slider).
        return {"error": "unchanged"}
    if st.get("timeout") or st.get("key") is None:
        return {"error": "timeout" if st.get("timeout") else "no key event", **st}
    return {
        "numbers": st["numbers"] - st["key"],
        "figure": (st["figure"] - st["key"]) if kind == "panel" else None,
        "panel": max(st["numbers"], st["figure"] or 0) - st["key"],
    }


def _moves(page, bl, i: int, floor: int, moves: int, state: dict) -> tuple[dict, list]:
    """``moves`` timed moves of panel ``i``, each beside a move of its floor widget (alternating which goes first)."""
    samples = {"panel": [], "numbers": [], "figure": [], "floor": []}
    errors = []
    attempts = 0
    while len(samples["panel"]) < moves and attempts < 3 * moves:
        order = (("panel", i), ("floor", floor)) if attempts % 2 == 0 else (("floor", floor), ("panel", i))
        attempts += 1
        for kind, idx in order:
            r = _press(page, kind, idx, state)
            bl.wait_status(page, "idle", 60)
            time.sleep(0.15)
            if "error" in r:
                errors.append(f"{kind}: {r['error']}")
                continue
            if kind == "floor":
                samples["floor"].append(r["numbers"])
            else:
                for k in ("panel", "numbers", "figure"):
                    samples[k].append(r[k])
    return samples, errors


def measure_notebook(page, lab, bl, rel: str, moves: int, log) -> list[dict]:
    page.goto(lab.url(rel))
    bl.wait_status(page, "idle", 120)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    bl.wait_all_executed(page, 300)
    page.wait_for_function("() => !document.body.innerText.includes('Loading widget...')", timeout=60_000)
    n_panels = page.locator(".mi-live-panel").count()
    n_floors = page.locator(".mi-latency-floor").count()
    rows = []
    state: dict = {}
    for i in range(n_panels):
        name = page.evaluate("(i) => window.miMeasure.name(i)", i) or f"panel {i + 1}"
        # The floor cell follows the panel's cell; cells showing several panels share one floor.
        floor = page.evaluate(
            """(i) => { const p = document.querySelectorAll('.mi-live-panel')[i];
                         const all = [...document.querySelectorAll('.mi-latency-floor')];
                         return all.findIndex(f => p.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING); }""",
            i,
        )
        if floor < 0 or floor >= n_floors:
            rows.append({"notebook": rel, "panel": name, "error": "no floor widget after the panel"})
            continue
        page.locator(".mi-live-panel").nth(i).evaluate("el => el.scrollIntoView({block: 'start'})")
        # A learner looks at a panel before moving its slider; meanwhile JupyterLab renders the
        # cells just scrolled into view (a long notebook is rendered lazily, cell by cell).
        time.sleep(SETTLE_AFTER_SCROLL_S)
        samples, errors = _moves(page, bl, i, floor, moves, state)
        # Moves the look-ahead cannot have foreseen: this panel keeps no views for a while.
        page.evaluate("(code) => window.miLab.execute(code)", KEEP_CODE % (repr(name), False))
        computed, lost = _moves(page, bl, i, floor, min(COMPUTED_MOVES, moves), state)
        page.evaluate("(code) => window.miLab.execute(code)", KEEP_CODE % (repr(name), True))
        errors += lost
        rows.append({"notebook": rel, "panel": name, "samples": samples, "computed": computed, "errors": errors})
        if errors:
            log(f"    {name}: {len(errors)} moves lost, e.g. {errors[0]}")
        log(f"    {name}: panel median {C.median(samples['panel']) if samples['panel'] else float('nan'):.0f} ms "
            f"(computed {C.median(computed['panel']) if computed['panel'] else float('nan'):.0f} ms), "
            f"floor median {C.median(samples['floor']) if samples['floor'] else float('nan'):.0f} ms")
    out = page.evaluate("(code) => window.miLab.execute(code)", TIMINGS_CODE)
    try:
        kernel = json.loads(out.strip().splitlines()[-1]) if out.strip() else {}
    except (json.JSONDecodeError, IndexError):
        kernel = {}
    for row in rows:
        t = kernel.get(row["panel"])
        if t and "samples" in row:
            n1, n2 = len(row["samples"]["panel"]), len(row["computed"]["panel"])
            recent = t[-(n1 + n2):] if n1 + n2 else []
            row["kernel"], row["computed_kernel"] = recent[:n1], recent[n1:]
            row["ahead"] = [1e3 * x for x in kernel.get(row["panel"] + "#ahead", [])]
    return rows


def run(quick: bool = False, *, moves: int | None = None, notebooks: Path | None = None) -> dict:
    bl = _tools()
    moves = moves or (QUICK_MOVES if quick else MOVES)
    browser = bl.find_browser()
    if browser is None:
        return {"skipped": f"no browser found; {bl.BROWSER_HINT}"}
    from playwright.sync_api import sync_playwright

    src = Path(notebooks) if notebooks else C.ROOT / "notebooks"
    tmp = Path(tempfile.mkdtemp(prefix="mi-bench-browser-"))
    rows: list[dict] = []
    try:
        files = prepare_notebooks(src, tmp / "course" / "notebooks")
        with bl.LabServer(tmp / "course", tmp / "lab") as lab, sync_playwright() as pw:
            chromium = bl.launch_browser(pw, browser)
            version = chromium.version
            for path in files:
                rel = f"notebooks/{path.name}"
                print(f"  browser {path.name} ...", flush=True)
                context = chromium.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                page.set_default_timeout(60_000)
                page.add_init_script(bl.NOTEBOOK_JS + MEASURE_JS)
                try:
                    rows += measure_notebook(page, lab, bl, rel, moves, lambda s: print(s, flush=True))
                except Exception as exc:  # report and go on with the next notebook
                    rows.append({"notebook": rel, "panel": "-", "error": f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"})
                finally:
                    context.close()
                    lab.shutdown_kernels()
            chromium.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"rows": rows, "moves": moves, "browser": f"{Path(browser).name} {version}", "server_setting": _server_setting()}


def _server_setting() -> str:
    """Which kernel websockets the benchmark's Jupyter server used: the environment's setting, and its state."""
    import configure_lab  # tools/, on the path since _tools()

    state = configure_lab.server_config_state()
    if state == "current":
        return "kernel websockets with Nagle's algorithm off (the environment's setting from tools/lab_server_config.py)"
    return f"the environment's server setting is {state} (run make setup): kernel messages may wait for Nagle's algorithm"


def _summarise(res: dict) -> tuple[float, list[dict]]:
    floors = _all_floors(res)
    floor = C.median(floors) if floors else float("nan")
    out = []
    for r in res["rows"]:
        s = r.get("samples")
        if not s or not s["panel"]:
            out.append({**r, "ok": False})
            continue
        k = r.get("kernel") or []
        kt = {key: [e[key] * 1e3 for e in k] for key in ("compute", "render", "encode", "send", "total")} if k else {}
        row = {
            **r,
            "n": len(s["panel"]),
            "numbers_med": C.median(s["numbers"]) / floor,
            "numbers_p95": C.percentile(s["numbers"], 95) / floor,
            "figure_med": C.median(s["figure"]) / floor,
            "panel_med": C.median(s["panel"]) / floor,
            "panel_p95": C.percentile(s["panel"], 95) / floor,
            "floor_local": C.median(s["floor"]) / floor if s["floor"] else float("nan"),
            "kernel": {key: (C.median(v) / floor, C.percentile(v, 95) / floor) for key, v in kt.items()},
            "modes": "".join(e.get("mode", "?")[:1] for e in k),
            "ahead": r.get("ahead") or [],
        }
        row["ok"] = row["panel_p95"] <= PANEL_GOAL and (not kt or row["kernel"]["total"][1] <= KERNEL_GOAL)
        c = r.get("computed") or {}
        if c.get("panel"):
            ck = [e["total"] * 1e3 for e in r.get("computed_kernel") or []]
            row["computed_n"] = len(c["panel"])
            row["computed_med"] = C.median(c["panel"]) / floor
            row["computed_p95"] = C.percentile(c["panel"], 95) / floor
            row["computed_kernel"] = (C.median(ck) / floor, C.percentile(ck, 95) / floor) if ck else None
            row["computed_modes"] = "".join(e.get("mode", "?")[:1] for e in r.get("computed_kernel") or [])
        out.append(row)
    return floor, out


def _all_floors(res: dict) -> list:
    """Every floor move of the run (beside kept and beside computed panel moves)."""
    return [t for r in res["rows"] for part in ("samples", "computed") for t in (r.get(part) or {}).get("floor", [])]


def _full_renders(modes: str) -> str:
    """How many of the moves drew the whole figure (a rebuild of the layers or no layers at all)."""
    return "-" if not modes else str(sum(m in "fr" for m in modes))


def _cached(modes: str) -> str:
    """How many of the moves sent a view drawn ahead (or kept from before) without drawing."""
    return "-" if not modes else str(sum(m == "c" for m in modes))


def _ahead_cell(ms: list, floor: float) -> str:
    """'runs: median / p95' of a panel's look-aheads, as ratios to the floor; '-' without any."""
    if not ms:
        return "-"
    return f"{len(ms)}: {_x(C.median(ms) / floor)} / {_x(C.percentile(ms, 95) / floor)}"


def _x(v: float) -> str:
    return "-" if v != v else f"{v:.2f}x"


def report(res: dict) -> tuple[str, dict]:
    title = "## 6. Widgets in the browser: key press to new numbers on screen, as ratios to the floor"
    if "skipped" in res:
        return f"{title}\n\nSkipped: {res['skipped']}.", {"skipped": res["skipped"]}
    floor, rows = _summarise(res)
    floors = _all_floors(res)
    out = [
        title,
        "",
        f"JupyterLab in headless {res['browser']}; Jupyter server: {res.get('server_setting', 'not recorded')}; "
        f"{res['moves']} arrow-key moves of each panel's first slider "
        "(then more with no views kept: the second table), each beside a move of the floor widget (a slider writing "
        "its value into a label) placed right after the panel. **Floor** (the unit of every ratio below): median of all "
        f"{len(floors)} floor moves = {floor:.1f} ms (p95 {C.percentile(floors, 95) / floor:.2f}x). "
        "*numbers*: key press to the first paint with the new numbers; *panel*: to the first paint with both the "
        "new numbers and the new figure; *local floor*: the median of the floor moves interleaved with this panel. "
        "Kernel side (median / p95 of the same moves): *compute* (update function), *render* (Agg), *encode* "
        "(PNG), *send* (both widget values handed to the kernel's messaging), *total*; *cached*: moves that sent "
        "a view drawn ahead, with no compute, render or encode; *full renders*: moves whose render drew the whole "
        "figure (layers rebuilt); *drawn ahead*: after each move a panel draws the view one move further "
        "(``LivePanel(look_ahead=True)``): the number of such look-aheads (those of the panel's construction "
        "included) and their median / p95 time, during which a newer move would wait. "
        f"Targets: panel p95 <= {PANEL_GOAL:g}x, kernel total p95 <= {KERNEL_GOAL:g}x.",
        "",
    ]
    header = ["notebook", "panel", "moves", "numbers median", "numbers p95", "panel median", "panel p95", "local floor",
              "compute", "render", "encode", "send", "kernel total", "cached", "drawn ahead", "full renders", "verdict"]
    table = []
    for r in rows:
        nb = Path(r["notebook"]).stem
        if "n" not in r:
            table.append([nb, r.get("panel", "-"), 0, *["-"] * 13, f"**error**: {r.get('error') or '; '.join(r.get('errors', [])[:2])}"])
            continue
        kern = r["kernel"]
        kcell = lambda key: f"{_x(kern[key][0])} / {_x(kern[key][1])}" if key in kern else "-"  # noqa: E731
        verdict = "OK" if r["ok"] else "**over**"
        if r.get("errors"):
            verdict += f" ({len(r['errors'])} moves not timed: {', '.join(sorted(set(r['errors'])))})"
        table.append([nb, r["panel"], r["n"], _x(r["numbers_med"]), _x(r["numbers_p95"]), _x(r["panel_med"]),
                      _x(r["panel_p95"]), _x(r["floor_local"]), kcell("compute"), kcell("render"), kcell("encode"),
                      kcell("send"), kcell("total"), _cached(r["modes"]), _ahead_cell(r["ahead"], floor),
                      _full_renders(r["modes"]), verdict])
    out.append(C.md_table(header, table, "llrrrrrrrrrrrrrrl"))
    out += [
        "",
        "Moves the look-ahead did not foresee (a jump, a change of direction onto a view never shown, a move after "
        "another control): the same panels moved on from there with no views kept, so every move computes, "
        "renders and encodes. Same floor.",
        "",
    ]
    ctable = []
    for r in rows:
        if "computed_n" not in r:
            continue
        ck = r["computed_kernel"]
        ctable.append([Path(r["notebook"]).stem, r["panel"], r["computed_n"], _x(r["computed_med"]), _x(r["computed_p95"]),
                       f"{_x(ck[0])} / {_x(ck[1])}" if ck else "-", _full_renders(r["computed_modes"]),
                       "within 2x" if r["computed_p95"] <= PANEL_GOAL else "**over 2x**"])
    out.append(C.md_table(["notebook", "panel", "moves", "panel median", "panel p95", "kernel total", "full renders", "p95"],
                          ctable, "llrrrrrl"))
    measured = [r for r in rows if "n" in r]
    label = lambda r: f"{Path(r['notebook']).stem[:2]} {r['panel']}"  # noqa: E731
    headline = {
        "floor_ms": floor,
        "n_panels": len(measured),
        "worst_panel_p95": max((r["panel_p95"] for r in measured), default=float("nan")),
        "worst_kernel_p95": max((r["kernel"]["total"][1] for r in measured if "total" in r["kernel"]), default=float("nan")),
        "over_panel": [label(r) for r in rows if "n" not in r or r["panel_p95"] > PANEL_GOAL],
        "over_kernel": [label(r) for r in measured if "total" not in r["kernel"] or r["kernel"]["total"][1] > KERNEL_GOAL],
        "worst_computed_p95": max((r["computed_p95"] for r in measured if "computed_p95" in r), default=float("nan")),
        "over_computed": [label(r) for r in measured if r.get("computed_p95", float("inf")) > PANEL_GOAL],
    }
    return "\n".join(out), headline


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.browser", description=__doc__.split("\n\n")[0])
    ap.add_argument("--moves", type=int, default=MOVES)
    ap.add_argument("--notebooks", type=Path, help="the notebooks folder to serve (default: this checkout's)")
    args = ap.parse_args(argv)
    print(f"load average at start: {C.load_average()}")
    res = run(moves=args.moves, notebooks=args.notebooks)
    md, _ = report(res)
    print()
    print(md)
    print(f"\nload average at end: {C.load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
