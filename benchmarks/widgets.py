"""Table 3: the time of one widget update in the kernel, for every panel of the course.

Panels are discovered, not listed: every module of the package
``mi_helpers.widgets`` (found with :func:`pkgutil.iter_modules`) is
imported and its registry ``PANELS = {name: (factory, worst_values)}`` read,
so panels added later are picked up by the next run.

For each panel, built with its factory (defaults), at two states, its
default values and its most expensive values (``worst_values``): the panel
is set to the state (untimed), then ``MOVES`` timed moves walk around it on
states the panel has never shown (:func:`cold_walk`: the states of its
slider grid nearest the target, skipping the default, the states its build
tried and every state an earlier walk visited). Panels cache their numbers by
slider values, so a move back to a seen state would time a cache hit; here
every timed move is a reader's first visit of that state. Each move is
``panel.set(**values)`` then ``panel.last_timings`` (``LivePanel.refresh``:
the update function, *compute*; the Agg render, *render*, layered by
default; the PNG encoding, *encode*; handing the values to the widgets,
*send*, which without a front end does not reach a socket). *first*: the
first timed move. *full render*: the whole figure drawn by matplotlib in
the target state (median of ``FULL_RENDERS``), what every update cost
before the layered renderer; *layered / full*: render over full render.
Any panel whose 95th percentile exceeds ``BUDGET`` is reported with a
profile of one more cold move.
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


def slider_values(control) -> list | None:
    """Every value a slider offers, in order (None for a control that is not a slider)."""
    import ipywidgets as widgets

    if isinstance(control, widgets.SelectionSlider):
        return _option_values(control)
    if isinstance(control, widgets.FloatLogSlider):  # min, max and step are exponents
        n = int(round((control.max - control.min) / control.step))
        return [control.base ** round(control.min + i * control.step, 10) for i in range(n + 1)]
    if isinstance(control, (widgets.IntSlider, widgets.FloatSlider)):
        if not control.step:
            return None
        n = int(round((control.max - control.min) / control.step))
        if isinstance(control, widgets.IntSlider):
            return [int(control.min + i * control.step) for i in range(n + 1)]
        return [round(control.min + i * control.step, 10) for i in range(n + 1)]
    return None


def _index(values: list, v) -> int:
    """Index of the offered value closest to ``v``."""
    if v in values:
        return values.index(v)
    return min(range(len(values)), key=lambda i: abs(values[i] - v))


def _key(state: dict) -> tuple:
    return tuple(sorted((k, round(v, 9) if isinstance(v, float) else v) for k, v in state.items()))


def cold_walk(panel, target: dict, n: int, seen: set) -> list[dict]:
    """``n`` states near ``target`` that the panel has never shown: real cold moves.

    The states lie on the grid of the panel's sliders (every slider, its
    offered values), taken by growing distance from ``target`` (the number
    of slider steps, summed over sliders): first every state one step away,
    then two, and so on, each once, skipping states in ``seen`` (the
    default and the states the panel's build tried; the walk adds its own).
    Caches keyed by slider values therefore miss on every timed move, as on
    a reader's first visit, and the states stay as close to ``target`` (and
    as expensive) as the grid allows. Fewer than ``n`` states when the grid
    runs out.
    """
    import itertools

    axes = [(name, vals) for name, c in panel.controls.items() if (vals := slider_values(c)) and len(vals) > 1]
    if not axes:
        return []
    origin = [_index(vals, target[name]) for name, vals in axes]
    out: list[dict] = []
    widest = max(len(v) for _, v in axes)
    for dist in range(1, len(axes) * widest):
        radius = range(-dist, dist + 1)
        for offset in itertools.product(radius, repeat=len(axes)):
            if sum(map(abs, offset)) != dist:
                continue
            state = dict(target)
            for (name, vals), o, d in zip(axes, origin, offset):
                if not 0 <= o + d < len(vals):
                    break
                state[name] = vals[o + d]
            else:
                k = _key(state)
                if k not in seen:
                    seen.add(k)
                    out.append(state)
                    if len(out) >= n:
                        return out
    return out


def built_states(panel) -> set:
    """Keys of the states a panel drew or tried while it was built (its default and one step of each slider)."""
    default = dict(panel.values)
    seen = {_key(default)}
    for name, value in panel._trial_values():
        seen.add(_key({**default, name: value}))
    return seen


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
            seen = built_states(panel)
            for state, target in states:
                panel.set(**target)  # untimed: the walk starts here
                seen.add(_key(target))
                walk = cold_walk(panel, target, moves, seen)
                if not walk:
                    raise ValueError("no slider to move")
                samples, parts = [], []
                for values in walk:
                    panel.set(**values)
                    samples.append(panel.last_update_seconds)
                    parts.append(panel.last_timings)
                panel.set(**target)  # the figure in the target state, for the full render below
                full = _full_render_time(panel, FULL_RENDERS)
                part = lambda key: C.median([p[key] for p in parts])  # noqa: E731
                row = {
                    "module": module,
                    "panel": name,
                    "state": state,
                    "values": target,
                    "build": build,
                    "first": samples[0],
                    "moves": len(samples),
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
                    fresh = cold_walk(panel, target, 1, seen)
                    row["profile"] = profile_update(panel, fresh[0] if fresh else target, target)
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
        f"Every panel found in `mi_helpers.widgets.*.PANELS`; around each state, {res['moves']} timed moves "
        "to states the panel had never shown (the nearest states of its slider grid: caches keyed by slider values "
        f"miss, as on a reader's first visit). Budget: p95 <= {BUDGET * 1e3:.0f} ms. *first*: the first "
        "timed move; *compute*, *render* (layered), *encode* (PNG), *send*: medians of "
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
