"""Each notebook is a Jupytext pair whose .py and .ipynb hold the same cells.

Jupytext's own ``--sync`` decides by file times, which a fresh clone does not
keep, so the inputs are compared here cell by cell.
"""

from __future__ import annotations

import jupytext
import nbformat
import pytest

from conftest import NOTEBOOKS, notebook_stems

STEMS = notebook_stems()


def test_there_are_notebooks():
    assert STEMS, f"no numbered notebooks found in {NOTEBOOKS}"


@pytest.mark.parametrize("stem", STEMS)
def test_pair_is_complete(stem):
    missing = [ext for ext in (".py", ".ipynb") if not (NOTEBOOKS / f"{stem}{ext}").exists()]
    assert not missing, f"{stem} lacks its {' and '.join(missing)} file; run tools/execute_notebooks.py"


def _cells(nb):
    return [(c.cell_type, c.source.strip()) for c in nb.cells]


@pytest.mark.parametrize("stem", STEMS)
def test_pair_inputs_match(stem):
    py, ipynb = NOTEBOOKS / f"{stem}.py", NOTEBOOKS / f"{stem}.ipynb"
    if not (py.exists() and ipynb.exists()):
        pytest.fail(f"{stem} is not a complete pair")
    from_py = _cells(jupytext.read(py))
    from_ipynb = _cells(nbformat.read(ipynb, as_version=4))
    assert len(from_py) == len(from_ipynb), f"{stem}: {len(from_py)} cells in .py, {len(from_ipynb)} in .ipynb"
    for i, (a, b) in enumerate(zip(from_py, from_ipynb)):
        assert a == b, f"{stem}: cell {i} differs between .py and .ipynb; re-run tools/execute_notebooks.py {stem[:2]}"


@pytest.mark.parametrize("stem", STEMS)
def test_pair_is_executed(stem):
    nb = nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    unexecuted = [i for i, c in enumerate(code) if c.execution_count is None]
    assert not unexecuted, f"{stem}.ipynb has unexecuted code cells {unexecuted}; nbval needs stored outputs"


@pytest.mark.parametrize("stem", STEMS)
def test_text_file_is_what_jupytext_writes(stem):
    """The .py is exactly Jupytext's text for the .ipynb (cell headers included), so JupyterLab's
    Jupytext opens the pair whichever file is newer (after re-executing the notebook, say);
    when they differ and the .ipynb is newer it refuses to open the notebook."""
    py, ipynb = NOTEBOOKS / f"{stem}.py", NOTEBOOKS / f"{stem}.ipynb"
    expected = jupytext.writes(jupytext.read(ipynb), fmt="py:percent")
    assert py.read_text(encoding="utf-8") == expected, (
        f"{stem}.py is not what Jupytext writes for {stem}.ipynb; see `jupytext --diff notebooks/{stem}.py notebooks/{stem}.ipynb`"
    )
