"""Figures that notebook 10 quotes from the recorded benchmark run are the recorded ones.

Notebook 10's section "At genome scale" quotes times and memory measured by
``benchmarks/scale.py`` (``make bench``), which writes them to
``benchmarks/results/results.md``. This test reads that file's table 5 and
checks each quoted figure against it, so a new benchmark run that changes
them fails here until the notebook's text is updated.
"""

from __future__ import annotations

import re

import pytest

from conftest import NOTEBOOKS, ROOT

RESULTS = ROOT / "benchmarks" / "results" / "results.md"
NOTEBOOK = NOTEBOOKS / "10_genes.py"


def _scale_table() -> dict[str, dict[str, str]]:
    """Table 5 of results.md as {operation label: {column header: cell}}."""
    text = RESULTS.read_text()
    start = text.index("## 5. Relevance networks at genome scale")
    rows = [line for line in text[start:].splitlines() if line.startswith("|")]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    table = {}
    for line in rows[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) != len(header):
            break  # the next table (the local cluster) has other columns
        table[cells[0]] = dict(zip(header, cells))
    return table


def _time_and_memory(cell: str) -> tuple[str, str]:
    m = re.match(r"([\d.,]+ (?:s|ms|µs|min|h)), ([\d.,]+ (?:kB|MB))", cell)
    assert m, f"unexpected cell {cell!r}"
    return m.group(1), m.group(2)


@pytest.fixture(scope="module")
def notebook_text() -> str:
    return " ".join(NOTEBOOK.read_text().split())


def _row(table, prefix):
    (label,) = [k for k in table if k.startswith(prefix)]
    return table[label]


def test_the_p_20000_figures_are_those_recorded(notebook_text):
    table = _scale_table()
    big = "p = 20,000"
    quoted = {
        "`pairwise_mi` (binned)": "`pairwise_mi(R, bins=8)`, the whole matrix",
        '`permutation_null(statistic="max")`': 'one shuffle of `permutation_null(statistic="max")`',
        "`aracne`, top 1%": "`aracne` on the top 1% of pairs",
    }
    for prefix, row_label in quoted.items():
        time, memory = _time_and_memory(_row(table, prefix)[big])
        row = re.search(re.escape(row_label) + r"[^|]*\| ([^|]+) \| ([^|]+) \|", notebook_text)
        assert row, f"notebook 10 has no table row {row_label!r}"
        assert row.group(1).strip() == time and row.group(2).strip().startswith(memory), (prefix, row.groups(), time, memory)
    edges = re.search(r"\(([\d,]+) edges", _row(table, "`aracne`, top 1%")[big]).group(1)
    assert f"top 1% of pairs ({edges} edges)" in notebook_text
    ksg = re.search(r"~(\d+ h)", _row(table, '`pairwise_mi(method="ksg")`')[big]).group(1)
    assert f'`pairwise_mi(method="ksg")` at p = 20,000 would take about {ksg}' in notebook_text


def test_the_p_2000_figures_and_the_cluster_ratio_are_those_recorded(notebook_text):
    table = _scale_table()
    mi_time, mi_memory = _time_and_memory(_row(table, "`pairwise_mi` (binned)")["p = 2,000"])
    aracne_time, _ = _time_and_memory(_row(table, "`aracne`, top 1%")["p = 2,000"])
    assert f"At p = 2,000 the matrix took {mi_time} and {mi_memory}, and `aracne` on its top 1% {aracne_time}." in notebook_text
    cluster = re.search(r"\| one process, 1 thread \| [^|]+ \| ([\d.]+)x \|", RESULTS.read_text())
    assert cluster, "results.md has no local-cluster table"
    assert f"ran only {cluster.group(1)} times as fast as one thread" in notebook_text
