"""The course's JupyterLab defaults (tools/configure_lab.py), locally and on Binder."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from conftest import ROOT


def _configure_lab():
    spec = importlib.util.spec_from_file_location("configure_lab", ROOT / "tools" / "configure_lab.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _schema(plugin: str) -> dict:
    """JupyterLab's own schema of a plugin's settings, from this environment."""
    package, name = plugin.split(":")
    return json.loads((Path(sys.prefix) / "share/jupyter/lab/schemas" / package / f"{name}.json").read_text())


def test_overrides_turn_the_news_check_off_and_open_py_as_notebooks(tmp_path):
    lab = _configure_lab()
    path = lab.overrides_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Markdown Preview"}},
                                "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}))
    assert lab.main(tmp_path) == path
    settings = json.loads(path.read_text())
    notification = settings["@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}
    viewers = settings["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers == {"markdown": "Markdown Preview", "python": "Jupytext Notebook"}  # merged, not replaced
    assert settings["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    lab.main(tmp_path)  # running it again changes nothing
    assert json.loads(path.read_text()) == settings


def test_overrides_are_valid_values_of_jupyterlabs_own_schemas():
    lab = _configure_lab()
    news = _schema("@jupyterlab/apputils-extension:notification")["properties"]
    allowed = {option["const"]: option["title"] for option in news["fetchNews"]["oneOf"]}
    assert allowed[lab.OVERRIDES["@jupyterlab/apputils-extension:notification"]["fetchNews"]] == "Never"
    assert news["checkForUpdates"]["type"] == "boolean"
    docmanager = _schema("@jupyterlab/docmanager-extension:plugin")["properties"]
    assert "defaultViewers" in docmanager


def test_this_environment_and_binder_apply_them():
    overrides = json.loads(_configure_lab().overrides_path(sys.prefix).read_text())  # written by make setup
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    postbuild = (ROOT / "binder" / "postBuild").read_text()
    assert "python tools/configure_lab.py" in postbuild


def test_server_config_selects_the_no_delay_websocket_and_merges(tmp_path):
    lab = _configure_lab()
    path = lab.server_config_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"ServerApp": {"root_dir": "/somewhere"}, "FileContentsManager": {"hide_globs": ["x"]}}))
    lab.main(tmp_path)
    config = json.loads(path.read_text())
    assert config["ServerApp"] == {"root_dir": "/somewhere",  # merged, not replaced
                                   "kernel_websocket_connection_class": "mi_helpers.lab_server.NoDelayKernelWebsocketConnection"}
    assert config["FileContentsManager"] == {"hide_globs": ["x"]}
    lab.main(tmp_path)
    assert json.loads(path.read_text()) == config
    # The name resolves to Jupyter server's own connection class, specialised.
    from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
    from traitlets.utils.importstring import import_item

    cls = import_item(config["ServerApp"]["kernel_websocket_connection_class"])
    assert issubclass(cls, ZMQChannelsWebsocketConnection) and cls is not ZMQChannelsWebsocketConnection


def test_this_environment_applies_the_server_config():
    config = json.loads(_configure_lab().server_config_path(sys.prefix).read_text())  # written by make setup
    assert config["ServerApp"]["kernel_websocket_connection_class"] == "mi_helpers.lab_server.NoDelayKernelWebsocketConnection"


# A server configuration for the test below: the connection class under test, wrapped so that
# each kernel websocket reports its socket's TCP_NODELAY flag once connected.
_PROBE_CONFIG = '''
import os, socket
from traitlets.utils.importstring import import_item
_base = import_item(os.environ["MI_PROBE_CLASS"])
class _Probe(_base):
    def connect(self):
        result = super().connect()
        sock = self.websocket_handler.ws_connection.stream.socket
        with open(os.environ["MI_PROBE_OUT"], "a") as out:
            out.write(f"{sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)}\\n")
        return result
c.ServerApp.kernel_websocket_connection_class = _Probe
'''


def _nodelay_flag_of_a_kernel_websocket(tmp_path, connection_class: str) -> str:
    """Start a Jupyter server using ``connection_class``, open a kernel's websocket, return the flags it reported."""
    import asyncio

    sys.path.insert(0, str(ROOT / "tools"))
    import browser_lab as bl
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    probe = tmp_path / "probe"  # on JUPYTER_CONFIG_PATH: above the environment's configuration
    probe.mkdir(parents=True)
    (probe / "jupyter_server_config.py").write_text(_PROBE_CONFIG)
    (tmp_path / "root").mkdir()
    out = tmp_path / "probe.txt"
    env = {"JUPYTER_CONFIG_PATH": str(probe), "MI_PROBE_CLASS": connection_class, "MI_PROBE_OUT": str(out)}
    with bl.LabServer(tmp_path / "root", tmp_path / "lab", env=env) as server:
        kernel = server.api("/api/kernels", method="POST", body={"name": "python3"})
        try:
            async def connect():
                url = f"ws://127.0.0.1:{server.port}/api/kernels/{kernel['id']}/channels?session_id=probe"
                ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {server.token}"}))
                for _ in range(200):  # the server connects to the kernel's channels after the handshake
                    if out.exists():
                        break
                    await asyncio.sleep(0.05)
                ws.close()

            asyncio.run(connect())
        finally:
            server.api(f"/api/kernels/{kernel['id']}", method="DELETE")
    return out.read_text().strip() if out.exists() else ""


def test_kernel_websockets_have_nagle_off_in_a_real_server(tmp_path):
    """Jupyter server's own class leaves Nagle's algorithm on (flag 0); the course's switches it off (flag 1)."""
    lab = _configure_lab()
    ours = lab.SERVER_CONFIG["ServerApp"]["kernel_websocket_connection_class"]
    theirs = "jupyter_server.services.kernels.connection.channels.ZMQChannelsWebsocketConnection"
    assert _nodelay_flag_of_a_kernel_websocket(tmp_path / "theirs", theirs) == "0"
    assert _nodelay_flag_of_a_kernel_websocket(tmp_path / "ours", ours) == "1"
