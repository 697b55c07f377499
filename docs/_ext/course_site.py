"""What the course's website needs beyond Sphinx, MyST-NB and the book theme.

* The repository's address is read from the Binder link at the bottom of
  README.md (one place to change for a fork): Binder and source links, the
  GitHub Pages address and the theme's launch button all derive from it.
* ``notebooks/NN_*.ipynb`` are mirrored into ``docs/notebooks/`` (git-ignored)
  in number order, without their saved widget state (the site shows each live
  panel's PNG; the state would only add a large unused script to each page).
  The unmodified notebooks are copied beside their pages for download.
* The API reference pages are written into ``docs/api/modules/`` and
  ``docs/api/widgets/`` (git-ignored) from ``__all__`` of every public module
  of mi_helpers and of mi_helpers.widgets, so a new public name or module
  appears without editing the docs.
* Citations such as ``[KSG]_`` link to the definition on the same page (the
  references live in the module docstrings), and cross-references written as
  ``mi_ksg``, ``mi_helpers.mi_ksg`` or ``mi_helpers.estimators.mi_ksg`` all
  reach the one documented object.
* ``docs/estimator_inputs.md``, when present, is listed after the estimator
  guide in the home page's table of contents and linked from that guide.
* ``{{ repository }}``, ``{{ repo }}`` and ``{{ binder_course }}`` in the
  hand-written pages become the repository's address, its name and the
  Binder link to the first notebook.
* Each notebook page gets a line of links (Binder, the .ipynb, the .py source)
  under its title, and each live panel's picture a caption saying what it is.
* MathJax 3 is copied from the sphinx-mathjax-offline package into the site's
  ``_static/mathjax/``, so math typesets with no network.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
import pkgutil
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import make_refnode

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
NOTEBOOKS = ROOT / "notebooks"
NOTEBOOK_COPIES = DOCS / "notebooks"
API_MODULES = DOCS / "api" / "modules"
API_WIDGETS = DOCS / "api" / "widgets"
NOTEBOOK_PATTERN = "[0-9][0-9]_*.ipynb"

MATHJAX_SCRIPT = "mathjax/tex-chtml.js"  # relative to _static/
# What tex-chtml.js loads on demand: its fonts, TeX extensions (autoload),
# the context menu and the accessibility tools the menu can switch on.
MATHJAX_PARTS = ("tex-chtml.js", "output/chtml", "input/tex/extensions", "ui", "a11y")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PANEL_NOTE = (
    "A live panel, shown here as a picture of its default view with its numbers. "
    "Launch the notebook on Binder (or open it in JupyterLab) and run it to move the controls."
)


# --- the repository ------------------------------------------------------------


def repository() -> dict:
    """Addresses derived from the README's ``[binder]:`` link."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(
        r"^\[binder\]:\s*https://mybinder\.org/v2/gh/([^/\s]+)/([^/\s]+)/([^?\s]+)\?urlpath=lab/tree/\S+",
        readme,
        re.MULTILINE,
    )
    if m is None:
        raise ValueError("README.md has no '[binder]: https://mybinder.org/v2/gh/ORG/REPO/REF?urlpath=lab/tree/...' line")
    org, repo, ref = m.groups()
    return {
        "org": org,
        "repo": repo,
        "ref": ref,
        "github": f"https://github.com/{org}/{repo}",
        "pages": f"https://{org.lower()}.github.io/{repo}/",
        "binder": f"https://mybinder.org/v2/gh/{org}/{repo}/{ref}",
    }


def binder_url(path_in_repo: str) -> str:
    """Binder link that opens JupyterLab on ``path_in_repo``."""
    return f"{repository()['binder']}?urlpath=lab/tree/{path_in_repo}"


def source_url(path_in_repo: str) -> str:
    """The file's page on the code host, at the README's ref."""
    repo = repository()
    return f"{repo['github']}/blob/{repo['ref']}/{path_in_repo}"


# --- notebooks -------------------------------------------------------------------


def course_notebooks() -> list[Path]:
    """The numbered notebooks, ordered by number."""
    return sorted(NOTEBOOKS.glob(NOTEBOOK_PATTERN), key=lambda p: (int(p.name[:2]), p.name))


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _prune(folder: Path, keep: set[str], pattern: str) -> None:
    for stale in folder.glob(pattern):
        if stale.name not in keep:
            stale.unlink()


def mirror_notebooks() -> None:
    """Copy each notebook into docs/notebooks/ without its saved widget state."""
    names = set()
    for src in course_notebooks():
        nb = json.loads(src.read_text(encoding="utf-8"))
        nb.get("metadata", {}).pop("widgets", None)
        _write_if_changed(NOTEBOOK_COPIES / src.name, json.dumps(nb, indent=1, ensure_ascii=False) + "\n")
        names.add(src.name)
    NOTEBOOK_COPIES.mkdir(parents=True, exist_ok=True)
    _prune(NOTEBOOK_COPIES, names, "*.ipynb")


# --- API pages -------------------------------------------------------------------


def public_submodules(package) -> list[str]:
    """Names of the modules of ``package`` that do not start with an underscore."""
    return sorted(
        f"{package.__name__}.{info.name}"
        for info in pkgutil.iter_modules(package.__path__)
        if not info.name.startswith("_")
    )


def _source_position(module, name: str) -> int:
    """Line of ``name``'s definition in its module, for source order."""
    obj = getattr(module, name)
    try:
        if inspect.getmodule(obj) is module:
            return inspect.getsourcelines(obj)[1]
    except (TypeError, OSError):
        pass
    source = inspect.getsource(module)
    m = re.search(rf"^{re.escape(name)}\s*(:[^=\n]*)?=", source, re.MULTILINE)
    return source[: m.start()].count("\n") + 1 if m else 10**6


def _directive(module_name: str, name: str, obj) -> str:
    if inspect.isclass(obj):
        return f".. autoclass:: {name}\n   :members:\n"
    if callable(obj):
        return f".. autofunction:: {name}\n"
    return f".. autodata:: {name}\n"


def _module_page(module_name: str, names: list[str], title: str | None = None) -> str:
    module = importlib.import_module(module_name)
    ordered = sorted(names, key=lambda n: (_source_position(module, n), n))
    title = title or module_name
    lines = [
        ".. This page is generated by docs/_ext/course_site.py from __all__; do not edit.",
        "",
        title,
        "=" * len(title),
        "",
        f".. automodule:: {module_name}",
        "",
    ]
    if ordered:
        lines += [".. rubric:: Contents", "", ".. autosummary::", "   :nosignatures:", ""]
        lines += [f"   {n}" for n in sorted(names, key=str.lower)]
        lines += [""]
        for n in ordered:
            lines += [_directive(module_name, n, getattr(module, n))]
    return "\n".join(lines) + "\n"


def api_layout() -> dict[Path, str]:
    """Every generated API page: path -> reStructuredText."""
    import mi_helpers
    import mi_helpers.widgets

    pages: dict[Path, str] = {}
    placed: set[str] = set()
    for module_name in public_submodules(mi_helpers):
        module = importlib.import_module(module_name)
        if module_name == "mi_helpers.widgets" or not hasattr(module, "__all__"):
            continue
        names = list(module.__all__)
        placed |= set(names)
        pages[API_MODULES / f"{module_name}.rst"] = _module_page(module_name, names)
    # Names of the package namespace defined in private modules (the warnings).
    rest = [n for n in mi_helpers.__all__ if n not in placed]
    pages[API_MODULES / "mi_helpers.rst"] = _module_page("mi_helpers", rest, "mi_helpers (the package)")
    pages[API_WIDGETS / "mi_helpers.widgets.rst"] = _module_page("mi_helpers.widgets", list(mi_helpers.widgets.__all__))
    for module_name in public_submodules(mi_helpers.widgets):
        module = importlib.import_module(module_name)
        if hasattr(module, "__all__"):
            pages[API_WIDGETS / f"{module_name}.rst"] = _module_page(module_name, list(module.__all__))
    return pages


def write_api_pages() -> None:
    pages = api_layout()
    for folder in (API_MODULES, API_WIDGETS):
        folder.mkdir(parents=True, exist_ok=True)
        _prune(folder, {p.name for p in pages if p.parent == folder}, "*.rst")
    for path, text in pages.items():
        _write_if_changed(path, text)


def documented_names() -> list[str]:
    """Every public name the API reference must cover, as importable paths."""
    import mi_helpers
    import mi_helpers.widgets

    names = [f"mi_helpers.{n}" for n in mi_helpers.__all__]
    names += [f"mi_helpers.widgets.{n}" for n in mi_helpers.widgets.__all__]
    for module_name in public_submodules(mi_helpers.widgets):
        module = importlib.import_module(module_name)
        names += [f"{module_name}.{n}" for n in getattr(module, "__all__", [])]
    return names


# --- build hooks -----------------------------------------------------------------


def prepare_sources(app, config) -> None:
    mirror_notebooks()
    write_api_pages()


def _is_notebook_page(docname: str) -> bool:
    return docname.startswith("notebooks/")


def _notebook_links(docname: str) -> nodes.paragraph:
    name = docname.split("/", 1)[1]
    para = nodes.paragraph(classes=["mi-launch-links"])
    items = [
        ("Launch on Binder", binder_url(f"notebooks/{name}.ipynb"), "mi-binder-link"),
        ("Download the notebook (.ipynb)", f"{name}.ipynb", "mi-download-link"),
        ("Source (.py)", source_url(f"notebooks/{name}.py"), "mi-source-link"),
    ]
    for i, (text, uri, cls) in enumerate(items):
        if i:
            para += nodes.Text(" · ")
        para += nodes.reference(text, text, refuri=uri, classes=[cls])
    return para


def _retarget_repository_links(doctree, docname: str) -> None:
    """Links that leave notebooks/ for another file of the repository."""
    from sphinx.addnodes import pending_xref

    for node in list(doctree.findall(pending_xref)):
        target = node.get("reftarget", "")
        if node.get("reftype") != "myst":
            continue
        if node.get("refdomain") == "doc" and target == "README":
            path = "README.md"  # resolved by MyST against docs/README.md, which is not a page
        elif target.startswith("../"):
            path = target[3:].split("#", 1)[0]
        else:
            continue
        if path == "README.md":  # the course overview: the site's home page
            node["refdomain"] = "doc"
            node["reftarget"] = "index"
            node["reftargetid"] = None
        else:
            ref = nodes.reference("", "", *node.children, refuri=source_url(path))
            node.replace_self(ref)


def _mark_panels(doctree) -> None:
    """Tag the PNG of each live panel's output and caption it."""
    for bundle in list(doctree.findall(lambda n: isinstance(n, nodes.container) and n.get("nb_element") == "mime_bundle")):
        kinds = {child.get("mime_type"): child for child in bundle.children}
        if WIDGET_VIEW not in kinds or "image/png" not in kinds:
            continue
        numbers = kinds["text/plain"].astext().strip() if "text/plain" in kinds else ""
        for image in kinds["image/png"].findall(nodes.image):
            image["classes"].append("mi-panel-static")
            image["alt"] = "Live panel (static view). " + numbers if numbers else "Live panel (static view)"
        note = nodes.container(
            "",
            nodes.paragraph(PANEL_NOTE, PANEL_NOTE),
            classes=["mi-panel-note"],
        )
        bundle.parent.insert(bundle.parent.index(bundle) + 1, note)


ESTIMATOR_INPUTS_LINK = (
    "\n\nSee also [what each estimator does with each kind of input](estimator_inputs.md).\n"
)


def fill_in_sources(app, docname, source) -> None:
    """Repository addresses in the hand-written pages; the optional estimator_inputs page."""
    if docname.startswith(("notebooks/", "api/modules/", "api/widgets/")):
        return
    repo = repository()
    values = {
        "{{ repository }}": repo["github"],
        "{{ repo }}": repo["repo"],
        "{{ binder_course }}": binder_url(f"notebooks/{course_notebooks()[0].name}") if course_notebooks() else repo["binder"],
    }
    for key, value in values.items():
        source[0] = source[0].replace(key, value)
    if not (DOCS / "estimator_inputs.md").is_file():
        return
    if docname == "index":
        source[0] = source[0].replace("\nchoosing_an_estimator\n", "\nchoosing_an_estimator\nestimator_inputs\n", 1)
    elif docname == "choosing_an_estimator":
        source[0] = source[0].rstrip("\n") + ESTIMATOR_INPUTS_LINK


def on_doctree_read(app, doctree) -> None:
    docname = app.env.docname
    if not _is_notebook_page(docname):
        return
    _retarget_repository_links(doctree, docname)
    _mark_panels(doctree)
    title = next(iter(doctree.findall(nodes.title)), None)
    if title is not None:
        section = title.parent
        section.insert(section.index(title) + 1, _notebook_links(docname))


class LocalCitations(SphinxTransform):
    """Link each ``[LABEL]_`` to the citation LABEL defined on the same page.

    numpydoc has already renamed the citations of each docstring to
    ``R<hash>-LABEL`` (and the references inside that docstring with them);
    a function citing a reference of its module's docstring still says
    ``[LABEL]_``. Runs before Sphinx turns citations into project-wide
    references, under which the same label defined by two modules would clash.
    """

    default_priority = 618

    def apply(self, **kwargs) -> None:
        exact, plain = {}, {}
        for citation in self.document.findall(nodes.citation):
            label = citation[0].astext()
            exact.setdefault(label, citation)
            plain.setdefault(_unmangled(label), []).append(citation)
        for ref in list(self.document.findall(nodes.citation_reference)):
            label = ref.astext()
            citation = exact.get(label)
            if citation is None and len(plain.get(label, [])) == 1:
                citation = plain[label][0]
            if citation is None or not citation["ids"]:
                continue
            text = f"[{_unmangled(label)}]"
            link = nodes.reference("", "", nodes.inline(text, text), refid=citation["ids"][0], classes=["citation-reference"])
            ref.replace_self(link)


def _unmangled(label: str) -> str:
    """``R0a1b2c3d4e-KSG`` (numpydoc's renaming) -> ``KSG``."""
    m = re.fullmatch(r"R[0-9a-f]+-(.+)", label)
    return m.group(1) if m else label


def class_signature(app, what, name, obj, options, signature, return_annotation):
    """A class whose metaclass machinery (traitlets, for the widgets) hides its
    ``__init__`` behind ``(*args, **kwargs)`` shows its own ``__init__`` signature."""
    if what != "class" or signature != "(*args, **kwargs)" or "__init__" not in vars(obj):
        return None
    params = [p.replace(annotation=inspect.Parameter.empty) for p in list(inspect.signature(obj.__init__).parameters.values())[1:]]
    return str(inspect.Signature(params)), return_annotation


def resolve_api_reference(app, env, node, contnode):
    """``mi_ksg``, ``mi_helpers.mi_ksg`` and ``mi_helpers.estimators.mi_ksg`` are one object."""
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "").lstrip("~.")
    if target.startswith(("numpy", "scipy", "sklearn", "matplotlib", "ipywidgets")):
        return None
    short = target.rsplit(".", 1)[-1]
    if short.startswith("_"):
        return None
    objects = env.domains.python_domain.objects
    found = [full for full in objects if full.startswith("mi_helpers") and full.rsplit(".", 1)[-1] == short]
    if target.startswith("mi_helpers.") and target in objects:
        found = [target]
    if len(found) > 1:
        module = node.get("py:module") or ""
        same_module = [f for f in found if f.startswith(module + ".")] if module else []
        found = same_module or sorted(found, key=len)[:1]
    if not found:
        return None
    entry = objects[found[0]]
    return make_refnode(app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, found[0])


def copy_assets(app, exception) -> None:
    """The notebooks for download and MathJax into the built site; theme leftovers out."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    # The themes copy their Jinja macro files into _static/ along with their
    # assets; unrendered, they are broken pages, not part of the site.
    for macros in (out / "_static").glob("*webpack-macros.html"):
        macros.unlink()
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    for src in course_notebooks():
        shutil.copy2(src, out / "notebooks" / src.name)
    mathjax = mathjax_source()
    target = out / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        src = mathjax / part
        if src.is_dir():
            shutil.copytree(src, target / part, dirs_exist_ok=True)
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / part)


def mathjax_source() -> Path:
    """MathJax 3's browser files, as shipped by the sphinx-mathjax-offline package."""
    spec = importlib.util.find_spec("sphinx-mathjax-offline")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("sphinx-mathjax-offline is not installed (it is pinned in requirements.txt; run make setup)")
    folder = Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax"
    if not (folder / "tex-chtml.js").is_file():
        raise RuntimeError(f"no tex-chtml.js in {folder}")
    return folder


def add_context(app, pagename, templatename, context, doctree) -> None:
    context["mi_repository"] = repository()


def setup(app):
    app.connect("config-inited", prepare_sources)
    app.connect("doctree-read", on_doctree_read)
    app.connect("source-read", fill_in_sources)
    app.connect("autodoc-process-signature", class_signature)
    app.connect("missing-reference", resolve_api_reference)
    app.connect("build-finished", copy_assets)
    app.connect("html-page-context", add_context)
    app.add_transform(LocalCitations)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
