# mi-course: Jupyter server setting of the course. tools/configure_lab.py copies this file to
# <environment>/etc/jupyter/jupyter_server_config.py; delete that copy to undo the setting.
#
# Kernel websockets with Nagle's algorithm off. A slider move comes back from the kernel as
# several messages on one websocket: the kernel's busy status, the widget's echo of the new
# value, the panel's figure and numbers, then idle. Jupyter server (2.x) leaves Nagle's
# algorithm on for that socket (Tornado's default; Tornado's WebSocketHandler.set_nodelay
# documents the remedy). When the server writes a message, or the last part of a larger one
# that does not fill a TCP segment, while earlier data is still unacknowledged, the operating
# system holds it until the acknowledgement arrives, and the receiving machine delays that
# acknowledgement: at least 40 ms on Linux, longer on other systems. In the course's
# measurements 4 to 12 of 180 widget moves were held 39-46 ms; with this setting none were
# (benchmarks/results/browser_latency.md).
#
# The class is defined here, not imported from the course's package, so that nothing a reader
# changes in mi_helpers can stop JupyterLab from starting. If this Jupyter server has no such
# connection class (another major version), or runs with a kernel gateway set through
# JUPYTER_GATEWAY_URL (a gateway needs its own connection class), the server starts with its
# defaults; with --gateway-url on the command line, delete the copy.
import os

c = get_config()  # noqa: F821 (provided by Jupyter's configuration loader)

try:
    from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

    class NoDelayKernelWebsocketConnection(ZMQChannelsWebsocketConnection):
        """Jupyter server's kernel websocket connection, with Nagle's algorithm off."""

        def connect(self):
            """Switch the websocket to no-delay, then connect it to the kernel's channels."""
            if getattr(self.websocket_handler, "ws_connection", None) is not None:  # None once the socket closed
                self.websocket_handler.set_nodelay(True)
            return super().connect()

except ImportError:
    pass
else:
    if not os.environ.get("JUPYTER_GATEWAY_URL"):
        c.ServerApp.kernel_websocket_connection_class = NoDelayKernelWebsocketConnection
