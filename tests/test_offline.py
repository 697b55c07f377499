"""The offline step of the test suite really has no network (see tools/run_tests.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

OFFLINE = os.environ.get("MI_COURSE_OFFLINE") == "1"
needs_offline_run = pytest.mark.skipif(not OFFLINE, reason="only meaningful inside tools/run_tests.py's offline step")

PROBE = """
import socket, urllib.request
try:
    urllib.request.urlopen("https://pypi.org/simple/", timeout=5)
except OSError as exc:
    print("blocked:", type(exc).__name__)
else:
    print("REACHED THE NETWORK")
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen()
socket.create_connection(srv.getsockname(), timeout=5).close()
print("loopback works")
"""


@needs_offline_run
def test_child_processes_cannot_download_but_loopback_works():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "blocked:" in out.stdout and "REACHED" not in out.stdout
    assert "loopback works" in out.stdout


@needs_offline_run
def test_a_notebook_that_downloads_fails_loudly(tmp_path):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import urllib.request\nurllib.request.urlopen('https://pypi.org/simple/', timeout=5)")])
    with pytest.raises(CellExecutionError, match="URLError|refused|resolution|Name or service"):
        NotebookClient(nb, timeout=60, kernel_name="python3").execute()
