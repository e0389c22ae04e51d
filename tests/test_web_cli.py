"""``presswatch serve`` as a user runs it: a real process, a real port, the address printed, the API answering."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx

from presswatch.store import open_store
from presswatch.web.sample import populate
from presswatch.web.server import free_port

PRESSWATCH = Path(sys.executable).with_name("presswatch")


def test_serve_prints_its_address_and_serves_read_only(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = open_store(url)
    populate(store)
    store.close()
    port = free_port()
    proc = subprocess.Popen(
        [str(PRESSWATCH), "serve", "--db", url, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        assert f"http://localhost:{port}/" in line and "read-only" in line, line
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "server did not answer"
                time.sleep(0.1)
        assert r.json()["stats"]["articles"] == 3
        w = httpx.put(f"http://127.0.0.1:{port}/api/watchlists/x", json={"query": "x"}, timeout=5)
        assert w.status_code == 403
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_with_a_bad_store_url_is_one_line_and_exit_2(tmp_path):
    r = subprocess.run(
        [str(PRESSWATCH), "serve", "--db", "mysql://nowhere/x"], capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 2
    assert r.stderr.startswith("presswatch: error:") and "Traceback" not in r.stderr
