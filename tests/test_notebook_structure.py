"""Every notebook follows the course template of COURSE.md.

Title, learning goals, navigation, a live widget, a Pitfall section, two or
more exercises with solutions that ran, a summary; seeded and offline.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from conftest import NOTEBOOKS, notebook_stems

STEMS = [s for s in notebook_stems() if (NOTEBOOKS / f"{s}.ipynb").exists()]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _load(stem):
    return nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)


def _markdown(nb):
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _code(nb):
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("stem", STEMS)
def test_template_sections(stem):
    md = _markdown(_load(stem))
    assert re.search(r"^# \d\d · ", md, re.M), "title '# NN · ...' missing"
    assert "**You will learn to**" in md, "learning goals missing"
    assert "**Time:**" in md, "time estimate missing"
    for heading in ("## Setup", "## Pitfall", "## Exercises", "## Summary"):
        assert re.search(rf"^{re.escape(heading)}", md, re.M), f"section {heading!r} missing"
    assert len(re.findall(r"\*\*Exercise \d+\.\*\*", md)) >= 2, "fewer than two exercises"


@pytest.mark.parametrize("stem", STEMS)
def test_navigation_links(stem):
    md = _markdown(_load(stem))
    number = int(stem[:2])
    neighbours = {p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.py")}
    for other in neighbours:
        if abs(int(other[:2]) - number) == 1:
            assert f"({other}.ipynb)" in md, f"no link to the neighbouring notebook {other}"
    links = set(re.findall(r"\((\d\d_[a-z_]+)\.ipynb\)", md))
    assert links, "no navigation links"


@pytest.mark.parametrize("stem", STEMS)
def test_uses_mi_helpers_and_a_live_widget(stem):
    nb = _load(stem)
    assert re.search(r"^(import mi_helpers|from mi_helpers)", _code(nb), re.M), "does not import mi_helpers"
    widget_outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if WIDGET_MIME in o.get("data", {})]
    assert widget_outputs, "no widget was displayed when the notebook was executed"
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for o in widget_outputs:
        model_id = o["data"][WIDGET_MIME]["model_id"]
        assert model_id in state, "widget state not stored: a fresh open would show 'model not found'"


@pytest.mark.parametrize("stem", STEMS)
def test_solutions_ran_and_stay_hidden_until_opened(stem):
    """Solution cells are tagged "solution", their source AND outputs are collapsed
    (JupyterLab honours ``jupyter.source_hidden`` / ``outputs_hidden``; the site
    collapses cells tagged "hide-cell"), and they ran without error."""
    nb = _load(stem)
    solutions = [c for c in nb.cells if c.cell_type == "code" and "solution" in c.metadata.get("tags", [])]
    assert len(solutions) >= 2, "exercise solutions should be code cells tagged 'solution' (at least two)"
    for c in solutions:
        jupyter = c.metadata.get("jupyter", {})
        assert jupyter.get("source_hidden") and jupyter.get("outputs_hidden"), "a solution's code or output is not collapsed"
        assert "hide-cell" in c.metadata.get("tags", []), "a solution is not collapsed on the site (tag 'hide-cell')"
        assert c.outputs, "a solution cell has no output"
        assert not any(o.output_type == "error" for o in c.outputs), "a solution cell raised"
    hidden = [c for c in nb.cells if c.cell_type == "code" and c.metadata.get("jupyter", {}).get("source_hidden")]
    assert all("solution" in c.metadata.get("tags", []) for c in hidden), "a hidden code cell is not tagged 'solution'"


FORBIDDEN = {
    r"\bnltk\.download\(": "downloads NLTK data at run time",
    r"\bfetch_[a-z0-9_]+\(": "scikit-learn fetch_* downloads data",
    r"urlopen|requests\.get|urlretrieve|pooch\.": "fetches from the network",
    r"np\.random\.seed\(|np\.random\.(rand|randn|normal|uniform|choice|randint)\(": "unseeded legacy NumPy randomness; use a seeded Generator",
}


@pytest.mark.parametrize("stem", STEMS)
def test_seeded_and_offline(stem):
    code = _code(_load(stem))
    for pattern, why in FORBIDDEN.items():
        assert not re.search(pattern, code), f"{stem}: {why} ({pattern})"
    assert "default_rng()" not in code, f"{stem}: default_rng() without a seed"
    for m in re.finditer(r"random_state\s*=\s*None", code):
        pytest.fail(f"{stem}: random_state=None is not reproducible")


@pytest.mark.parametrize("stem", STEMS)
def test_saved_live_figures_are_png_data_urls(stem):
    """A fresh open shows each live panel's figure from the saved widget state: an Image model
    with format "url" whose value is a ``data:`` URL of a PNG (what ``LivePanel`` sends)."""
    import base64
    import io

    import PIL.Image

    nb = _load(stem)
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    figures = [m for m in state.values() if m["model_name"] == "ImageModel" and "mi-live-figure" in m["state"].get("_dom_classes", [])]
    assert figures, "no live figure in the saved widget state"
    prefix = b"data:image/png;base64,"
    for model in figures:
        assert model["state"]["format"] == "url"
        (buffer,) = [b for b in model.get("buffers", []) if b["path"] == ["value"]]
        url = base64.b64decode(buffer["data"])
        assert url.startswith(prefix)
        image = PIL.Image.open(io.BytesIO(base64.b64decode(url[len(prefix):], validate=True)))
        image.load()
        assert image.width > 100 and image.height > 100
