"""Interactive panels of the course, one module per notebook topic.

Import a panel from its topic module, e.g.
``from mi_helpers.widgets.definition import gaussian_panel``. Every panel is
a :class:`LivePanel` whose update logic is a plain, tested function.
"""

from ._panel import LayeredRenderer, LivePanel, encode_png, figure_png

__all__ = ["LayeredRenderer", "LivePanel", "encode_png", "figure_png"]
