"""Table 3: the time of one widget update in the kernel, for every panel of the course.

Panels are discovered, not listed: every module of the package
``mi_helpers.widgets`` (found with :func:`pkgutil.iter_modules`) is
imported and its registry ``PANELS = {name: (factory, worst_values)}`` read,
so panels added later are picked up by the next run.

For each panel, built with its factory (defaults), at two states, its
default values and its most expensive values (``worst_values``): the
controls are moved back and forth between a neighbouring state (every
numeric slider one step away; if there is none, the next option of the
first selection control) and the target state, ``MOVES`` times, as a reader
dragging a slider would; each move into the target state is timed with
``panel.set(**values)`` then ``panel.last_timings`` (``LivePanel.refresh``:
the update function, *compute*; the Agg render, *render*, layered by
default; the PNG encoding, *encode*; handing the values to the widgets,
*send*, which without a front end does not reach a socket). The first move
into a state is also shown alone (*first*): caches keyed by slider values
make later visits cheaper. *full render*: the whole figure drawn by
matplotlib in that state (median of ``FULL_RENDERS``), what every update
cost before the layered renderer; *layered / full*: render over full
render. Any panel whose 95th percentile exceeds ``BUDGET`` is reported with
a profile of one update.
"""

from __future__ import annotations

import cProfile
import importlib
import io
import pkgutil
import pstats
import time

from . import _common as C

BUDGET = 0.100
MOVES = 20
QUICK_MOVES = 6
FULL_RENDERS = 5


def discover():
    """Return (panels, problems): [(module, name, factory, worst)], [(module, message)]."""
    import mi_helpers.widgets as pkg

    panels, problems = [], []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        modname = f"{pkg.__name__}.{info.name}"
        try:
            mod = importlib.import_module(modname)
        except Exception as exc:  # a module being written right now may not import
            problems.append((info.name, f"import failed: {type(exc).__name__}: {exc}"))
            continue
        registry = getattr(mod, "PANELS", None)
        if not isinstance(registry, dict):
            problems.append((info.name, "no PANELS registry"))
            continue
        for name, entry in registry.items():
            try:
                factory, worst = entry
            except (TypeError, ValueError):
                problems.append((info.name, f"PANELS[{name!r}] is not (factory, worst_values)"))
                continue
            panels.append((info.name, name, factory, dict(worst)))
    return panels, problems


def _option_values(control):
    out = []
    for item in control.options:
        out.append(item[1] if isinstance(item, tuple) and len(item) == 2 else item)
    return out


def neighbour(panel, target: dict) -> dict:
    """A state one step away from ``target``: numeric sliders moved by one step."""
    values = dict(target)
    moved = False
    for name, c in panel.controls.items():
        v = values[name]
        if hasattr(c, "options"):
            continue
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            continue
        step, lo, hi = getattr(c, "step", None), getattr(c, "min", None), getattr(c, "max", None)
        if not step or lo is None or hi is None:
            continue
        new = v + step if v + step <= hi else v - step
        if lo <= new <= hi and new != v:
            values[name] = type(v)(new) if isinstance(v, int) else new
            moved = True
    if not moved:
        for name, c in panel.controls.items():
            if hasattr(c, "options"):
                opts = _option_values(c)
                if len(opts) > 1:
                    i = opts.index(values[name]) if values[name] in opts else 0
                    values[name] = opts[(i + 1) % len(opts)]
                    break
    return values


def _full_render_time(panel, repeats: int) -> float:
    """Median time of drawing the whole figure in its current state (Agg, no layers).

    The panel's renderer sees this outside draw and rebuilds its layers on the
    next move, which the caller does not time.
    """
    fig = panel.fig
    fig.canvas.draw()  # once, untimed: the same warm caches as the layered renders
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fig.canvas.draw()
        times.append(time.perf_counter() - t0)
    return C.median(times)


def profile_update(panel, values: dict, source: dict, top: int = 12) -> str:
    """cProfile of one move from ``source`` into ``values``: the functions with the most own time."""
    panel.set(**source)
    prof = cProfile.Profile()
    prof.enable()
    panel.set(**values)
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats("tottime").print_stats(top)
    lines = [ln for ln in buf.getvalue().splitlines() if ln.strip()]
    # Keep the header line and the table; shorten absolute paths.
    start = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
    import mi_helpers

    root = str(C.ROOT) + "/"
    site = mi_helpers.__file__.rsplit("mi_helpers", 1)[0]
    return "\n".join(ln.replace(root, "").replace(site, "") for ln in lines[start:])


def run(quick: bool = False) -> dict:
    import matplotlib

    matplotlib.use("Agg")
    moves = QUICK_MOVES if quick else MOVES
    panels, problems = discover()
    rows, offenders = [], []
    for module, name, factory, worst in panels:
        print(f"  widget {module}.{name} ...", flush=True)
        try:
            t0 = time.perf_counter()
            panel = factory()
            build = time.perf_counter() - t0
            default = dict(panel.values)
            unknown = set(worst) - set(panel.controls)
            if unknown:
                raise ValueError(f"worst values name unknown controls {sorted(unknown)}")
            states = (("default", default), ("worst", {**default, **worst}))
            for state, target in states:
                near = neighbour(panel, target)
                samples, parts = [], []
                for _ in range(moves):
                    panel.set(**near)
                    panel.set(**target)
                    samples.append(panel.last_update_seconds)
                    parts.append(panel.last_timings)
                full = _full_render_time(panel, FULL_RENDERS)
                part = lambda key: C.median([p[key] for p in parts])  # noqa: E731
                row = {
                    "module": module,
                    "panel": name,
                    "state": state,
                    "values": target,
                    "build": build,
                    "first": samples[0],
                    "median": C.median(samples),
                    "p95": C.percentile(samples, 95),
                    "max": max(samples),
                    "compute": part("compute"),
                    "render": part("render"),
                    "encode": part("encode"),
                    "send": part("send"),
                    "full": full,
                    "rebuilds": sum(p["mode"] != "layered" for p in parts),
                }
                if row["p95"] > BUDGET:
                    row["profile"] = profile_update(panel, target, near)
                    offenders.append(row)
                rows.append(row)
        except Exception as exc:
            problems.append((module, f"panel {name!r} failed: {type(exc).__name__}: {exc}"))
    return {"rows": rows, "offenders": offenders, "problems": problems, "moves": moves}


def _fmt_values(values: dict) -> str:
    parts = []
    for k, v in values.items():
        parts.append(f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}")
    return ", ".join(parts)


def report(res: dict) -> tuple[str, dict]:
    out = [
        "## 3. Widgets: time of one update in the kernel",
        "",
        f"Every panel found in `mi_helpers.widgets.*.PANELS`; {res['moves']} timed moves into each state "
        f"(from a state one slider step away). Budget: p95 <= {BUDGET * 1e3:.0f} ms. *first*: the first "
        "move into the state (cold caches); *compute*, *render* (layered), *encode* (PNG), *send*: medians of "
        "the parts of the timed moves; *full render*: the whole figure drawn (what an update cost before the "
        "layered renderer); *rebuilds*: timed moves that drew the layers again. The *worst* state is the "
        "registry's most expensive values.",
        "",
    ]
    header = ["module", "panel", "state", "values", "first", "median", "p95", "max", "compute", "render", "encode",
              "send", "full render", "layered / full", "rebuilds", "verdict"]
    rows = []
    for r in res["rows"]:
        verdict = "OK" if r["p95"] <= BUDGET else f"**over by {C.fmt_time(r['p95'] - BUDGET)}**"
        rows.append([
            r["module"], r["panel"], r["state"], _fmt_values(r["values"]), C.fmt_time(r["first"]), C.fmt_time(r["median"]),
            C.fmt_time(r["p95"]), C.fmt_time(r["max"]), C.fmt_time(r["compute"]), C.fmt_time(r["render"]),
            C.fmt_time(r["encode"]), C.fmt_time(r["send"]), C.fmt_time(r["full"]), f"{r['render'] / r['full']:.2f}",
            r["rebuilds"], verdict,
        ])
    out.append(C.md_table(header, rows, "llllrrrrrrrrrrrl"))
    if res["problems"]:
        out += ["", "Modules or panels that could not be measured:", ""]
        out += [f"- `{m}`: {msg}" for m, msg in res["problems"]]
    if res["offenders"]:
        out += ["", "### Panels over budget, with a profile of one update", ""]
        for r in res["offenders"]:
            out += [
                f"**{r['module']}.{r['panel']}** ({r['state']}: {_fmt_values(r['values'])}): p95 {C.fmt_time(r['p95'])}, "
                f"compute {C.fmt_time(r['compute'])}, render {C.fmt_time(r['render'])} (full render {C.fmt_time(r['full'])}).",
                "",
                "```",
                r["profile"],
                "```",
                "",
            ]
    else:
        out += ["", f"Every panel is within budget (p95 <= {BUDGET * 1e3:.0f} ms)."]
    headline = {
        "n_panels": len({(r["module"], r["panel"]) for r in res["rows"]}),
        "offenders": sorted({f"{r['module']}.{r['panel']} ({r['state']}, p95 {C.fmt_time(r['p95'])})" for r in res["offenders"]}),
        "worst_p95": max((r["p95"] for r in res["rows"]), default=float("nan")),
        "problems": res["problems"],
    }
    return "\n".join(out), headline
