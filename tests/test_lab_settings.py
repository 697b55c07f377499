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


def test_server_config_is_copied_and_a_foreign_file_is_left_alone(tmp_path, capsys):
    lab = _configure_lab()
    path = lab.server_config_path(tmp_path)
    assert lab.server_config_state(tmp_path) == "missing"
    lab.main(tmp_path)
    assert path.read_text() == lab.SERVER_CONFIG.read_text() and lab.server_config_state(tmp_path) == "current"
    path.write_text(lab.SERVER_CONFIG_MARK + " an older copy\n")  # the course's, outdated: replaced
    assert lab.server_config_state(tmp_path) == "stale"
    lab.main(tmp_path)
    assert lab.server_config_state(tmp_path) == "current"
    path.write_text("c.ServerApp.root_dir = '/somewhere'\n")  # someone else's: kept, and said so
    lab.main(tmp_path)
    assert path.read_text() == "c.ServerApp.root_dir = '/somewhere'\n" and lab.server_config_state(tmp_path) == "foreign"
    assert "was not written by the course" in capsys.readouterr().err


def _load_server_config(env: dict | None = None) -> dict:
    """Run the course's server configuration in a fresh interpreter, as Jupyter's loader does; what it set."""
    import os
    import subprocess

    code = (
        "import json, sys\n"
        "from traitlets.config import Config\n"
        "c = Config()\n"
        f"exec(open({str(_configure_lab().SERVER_CONFIG)!r}).read(), {{'get_config': lambda: c, '__name__': 'config'}})\n"
        "cls = c.ServerApp.get('kernel_websocket_connection_class')\n"
        "from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection as Z\n"
        "print(json.dumps({'class': getattr(cls, '__name__', None), 'subclass': isinstance(cls, type) and issubclass(cls, Z) and cls is not Z,"
        " 'imports_course_package': any(m.startswith('mi_helpers') for m in sys.modules)}))\n"
    )
    full_env = {k: v for k, v in os.environ.items() if k != "JUPYTER_GATEWAY_URL"} | (env or {})
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=full_env, check=True, timeout=60)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_server_config_selects_a_no_delay_class_without_importing_the_course_package():
    loaded = _load_server_config()
    assert loaded == {"class": "NoDelayKernelWebsocketConnection", "subclass": True, "imports_course_package": False}
    # With a kernel gateway the server needs its own connection class: the setting stands aside.
    assert _load_server_config({"JUPYTER_GATEWAY_URL": "http://gateway.invalid:8888"})["class"] is None


def test_this_environment_applies_the_server_config(tmp_path):
    import os
    import subprocess

    assert _configure_lab().server_config_state(sys.prefix) == "current"  # written by make setup
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path))  # no user configuration
    env.pop("JUPYTER_CONFIG_PATH", None)
    shown = subprocess.run([sys.executable, "-m", "jupyter", "server", "--show-config"], capture_output=True, text=True,
                           env=env, timeout=120).stdout
    assert str(Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.py") in shown
    assert "kernel_websocket_connection_class = <class 'NoDelayKernelWebsocketConnection'>" in shown


# A server configuration for the test below, on JUPYTER_CONFIG_PATH (above the environment's):
# every kernel websocket reports its connection class and its socket's TCP_NODELAY flag once
# connected; MI_PROBE_JUPYTER_CLASS=1 also selects Jupyter server's own connection class.
_PROBE_CONFIG = '''
import os, socket
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection as _Base
_connect = _Base.connect
def _probe(self):
    sock = self.websocket_handler.ws_connection.stream.socket
    with open(os.environ["MI_PROBE_OUT"], "a") as out:
        out.write(f"{type(self).__name__} {sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)}\\n")
    return _connect(self)
_Base.connect = _probe
if os.environ.get("MI_PROBE_JUPYTER_CLASS"):
    c.ServerApp.kernel_websocket_connection_class = _Base
'''


def _kernel_websocket_report(tmp_path, env: dict) -> str:
    """Start this environment's Jupyter server with the probe, open a kernel's websocket, return the probe's report."""
    import asyncio

    sys.path.insert(0, str(ROOT / "tools"))
    import browser_lab as bl
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    probe = tmp_path / "probe"
    probe.mkdir(parents=True)
    (probe / "jupyter_server_config.py").write_text(_PROBE_CONFIG)
    (tmp_path / "root").mkdir()
    out = tmp_path / "probe.txt"
    env = {"JUPYTER_CONFIG_PATH": str(probe), "MI_PROBE_OUT": str(out), **env}
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


def test_kernel_websockets_have_nagle_off_in_this_environments_server(tmp_path):
    """Jupyter server's own class leaves Nagle's algorithm on (flag 0); the environment's setting switches it off (1)."""
    assert _kernel_websocket_report(tmp_path / "jupyter", {"MI_PROBE_JUPYTER_CLASS": "1"}) == "ZMQChannelsWebsocketConnection 0"
    assert _kernel_websocket_report(tmp_path / "course", {}) == "NoDelayKernelWebsocketConnection 1"
