"""The Examples of mi_helpers' docstrings run as doctests, and every public function has them.

Each module's examples run with ``doctest`` (ELLIPSIS and NORMALIZE_WHITESPACE
on). The printed numbers are rounded, so a change in the last digits of an
estimate does not break them, while a wrong estimate does. The second test
checks that every public function and estimator class documents its
parameters, return value, errors and an example in numpydoc sections, and
that every reference it cites (``[KSG]_``) is defined in the same docstring,
where ``help()`` shows it.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
import re

import pytest

import mi_helpers

#: The package and its modules; the live panels (mi_helpers.widgets) need a notebook front end.
MODULES = ["mi_helpers"] + sorted(
    name for _, name, _ in pkgutil.iter_modules(mi_helpers.__path__, "mi_helpers.") if name != "mi_helpers.widgets"
)

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name, capsys):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=FLAGS, verbose=False, report=True)
    out = capsys.readouterr().out
    assert result.failed == 0, out


def _public_objects():
    for name in mi_helpers.__all__:
        obj = getattr(mi_helpers, name)
        if inspect.isfunction(obj) or (inspect.isclass(obj) and hasattr(obj, "fit")):
            yield name, obj


SECTIONS = ("Parameters", "Returns", "Raises", "Examples")


@pytest.mark.parametrize("name, obj", list(_public_objects()), ids=[n for n, _ in _public_objects()])
def test_public_functions_have_numpydoc_sections_and_own_references(name, obj):
    doc = inspect.getdoc(obj) or ""
    takes_arguments = bool(inspect.signature(obj).parameters) if inspect.isfunction(obj) else True
    missing = [s for s in SECTIONS if f"\n{s}\n{'-' * len(s)}" not in doc and not (s == "Parameters" and not takes_arguments)]
    if inspect.isclass(obj):
        missing = [s for s in missing if s != "Returns"]
    assert not missing, f"{name} lacks the sections {missing}"
    cited = set(re.findall(r"\[([A-Za-z][A-Za-z0-9_-]*)\]_", doc))
    defined = set(re.findall(r"^\.\. \[([A-Za-z][A-Za-z0-9_-]*)\]", doc, flags=re.M))
    assert cited <= defined, f"{name} cites {sorted(cited - defined)} without defining them in its own References"
