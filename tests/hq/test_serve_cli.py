"""`cashier hq serve` as an operator runs it in a terminal: Ctrl+C ends it with a
line saying so and exit status 0, no traceback; /health (every station's probe, every few seconds) is
not written to the access log, other requests are."""

from __future__ import annotations

import os
import signal
import socket
import sys
from pathlib import Path

import httpx

from tests.ssh.session import Terminal

CASHIER = Path(sys.prefix) / "bin" / "cashier"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_ctrl_c_ends_hq_serve_cleanly_and_health_probes_are_not_logged(tmp_path: Path) -> None:
    port = _free_port()
    terminal = Terminal([str(CASHIER), "hq", "serve", "--db", str(tmp_path / "hq.sqlite"), "--port", str(port)],
                        columns=120, lines=40)
    try:
        terminal.until(lambda s: "HQ listening on" in s and "Started server process" in s, 60, "HQ started")
        for _ in range(3):
            assert httpx.get(f"http://127.0.0.1:{port}/health", timeout=10).status_code == 200
        assert httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=10).status_code == 200
        terminal.until(lambda s: "GET /openapi.json" in s, 20, "the access log line of a real request")
        # What a terminal does on Ctrl+C: SIGINT to its foreground process group (this pty is no controlling
        # terminal of the child, so the test sends it as the terminal would).
        os.killpg(terminal.process.pid, signal.SIGINT)
        status = terminal.close(20)
    finally:
        if terminal.process.poll() is None:
            terminal.close(1)
    shown = bytes(terminal.raw).decode("utf-8", "replace")
    assert status == 0, shown
    assert "Traceback" not in shown and "KeyboardInterrupt" not in shown and "CancelledError" not in shown, shown
    assert "GET /health" not in shown, shown
    assert "HQ stopped" in shown, shown
