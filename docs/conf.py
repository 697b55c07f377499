"""Sphinx configuration of the course's website (`make site`).

Stack: Sphinx + MyST-NB + sphinx-book-theme, built offline from PyPI packages.
The notebooks are rendered from their stored outputs (never re-executed);
the API reference is generated from mi_helpers' numpydoc docstrings, module by
module, from each module's ``__all__``. What is specific to this course (the
notebook copies, the generated API pages, Binder and download links, the
static pictures of the live panels, the offline MathJax) lives in
``_ext/course_site.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

import course_site  # noqa: E402

REPO = course_site.repository()

project = "Mutual Information in Machine Learning, hands-on"
author = "the course's authors"
copyright = "the course's authors, MIT licence"
html_title = "Mutual information in ML"

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "course_site",
]

root_doc = "index"
exclude_patterns = ["_build", "**.ipynb_checkpoints", "README.md"]
templates_path = []

# --- notebooks: stored outputs only -----------------------------------------
nb_execution_mode = "off"
# A live panel's output bundle holds a widget view, a PNG (its figure with its
# numbers) and text/plain. Without a kernel the widget view cannot update, so
# the site shows the PNG; no widget JavaScript is loaded from anywhere.
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]
nb_ipywidgets_js = {}
nb_output_stderr = "show"
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3

# --- API reference -----------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "none"  # the numpydoc Parameters sections say the types
autodoc_preserve_defaults = True  # base=math.e, not base=2.718281828459045
autodoc_default_options = {"show-inheritance": False}
autosummary_generate = False  # the pages are written by course_site from __all__
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_attributes_as_param_list = True
# numpydoc renames the citations of each docstring apart; the module docstrings
# hold most references their functions cite, and course_site links each [KSG]_
# to the definition on the same page (the project-wide citation table, and its
# "not referenced" notices, no longer see those).
suppress_warnings = ["ref.citation"]

# --- math: MathJax 3 served from the site itself ---------------------------
mathjax_path = course_site.MATHJAX_SCRIPT

# --- HTML ----------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
html_css_files = ["course.css"]
html_favicon = "_static/favicon.svg"  # also spares browsers a request for /favicon.ico
html_context = {"default_mode": "light"}  # the figures are drawn on white
html_copy_source = False  # each notebook page links its .ipynb instead
html_show_sourcelink = False
html_last_updated_fmt = None
html_baseurl = REPO["pages"]
html_theme_options = {
    "repository_url": REPO["github"],
    "repository_branch": REPO["ref"],
    # The site's notebooks/ mirrors the repository's notebooks/, so a page's
    # path relative to docs/ is its notebook's path in the repository.
    "path_to_docs": "",
    "use_repository_button": True,
    "use_download_button": False,
    "launch_buttons": {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"},
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "navigation_with_keys": False,
}
