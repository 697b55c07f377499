"""Interactive panels of the course, one module per notebook topic.

Import a panel from its topic module, e.g.
``from mi_helpers.widgets.definition import gaussian_panel``. Every panel is
a :class:`LivePanel` whose update logic is a plain, tested function.
"""

from ._panel import LivePanel, figure_png, freeze_static_layer, hide_static_artists, render_static_layer

__all__ = ["LivePanel", "figure_png", "freeze_static_layer", "hide_static_artists", "render_static_layer"]
