"""Jupyter server settings that make the live panels answer without stalls.

A slider move in JupyterLab comes back from the kernel as several small
messages on the same websocket: the kernel's *busy* status, the widget's
echo of the new value, the panel's new figure and numbers, then *idle*.
Jupyter server (2.x) writes them with Nagle's algorithm on, Tornado's default
for a websocket. When the server writes a small message while its previous
one is still unacknowledged, the operating system holds the new one back
until the acknowledgement arrives, and the browser delays that
acknowledgement (by 40 ms on Linux). On this course's benchmark machine,
5 of 180 moves (panels and a trivial slider alike) waited those 40 ms;
with no-delay, none of 180 did (``benchmarks/results/browser_latency.md``).
Tornado documents the remedy, ``set_nodelay(True)`` on the websocket
(:meth:`tornado.websocket.WebSocketHandler.set_nodelay`); Jupyter server
does not call it. :class:`NoDelayKernelWebsocketConnection` does.

``tools/configure_lab.py`` (run by ``make setup`` and on Binder) selects it
in the environment's Jupyter server configuration::

    {"ServerApp": {"kernel_websocket_connection_class":
                   "mi_helpers.lab_server.NoDelayKernelWebsocketConnection"}}

Cost: a few more, smaller TCP packets; on a local or Binder connection
nothing a reader would notice. Importing this module imports Jupyter server.
"""

from __future__ import annotations

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

__all__ = ["NoDelayKernelWebsocketConnection"]


class NoDelayKernelWebsocketConnection(ZMQChannelsWebsocketConnection):
    """Jupyter server's kernel websocket connection, with Nagle's algorithm off.

    Everything else is Jupyter server's own
    (``jupyter_server.services.kernels.connection.channels``). Select it with
    ``ServerApp.kernel_websocket_connection_class``.
    """

    def connect(self):
        """Switch the websocket to no-delay, then connect it to the kernel's channels."""
        if getattr(self.websocket_handler, "ws_connection", None) is not None:  # open: the handshake is done
            self.websocket_handler.set_nodelay(True)
        return super().connect()
