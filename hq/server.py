"""Running HQ under uvicorn: in a thread (tests, the demo) or in the foreground (`cashier hq serve`).

Port 0 picks a free port; we bind the socket ourselves so the caller knows the port before the first
request, and can restart on the same port after a stop (the offline tests do exactly that).
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import sys
import threading
from collections.abc import Callable
from typing import Any

import uvicorn


def bind(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _config(app: Any, log_level: str) -> uvicorn.Config:
    # No access log: every line would carry station traffic, and logs are where secrets leak from.
    return uvicorn.Config(app, log_level=log_level, access_log=False, lifespan="off", timeout_graceful_shutdown=1,
                          timeout_keep_alive=5)


class HQServer:
    """uvicorn in a background thread with its own event loop."""

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0, *, log_level: str = "warning") -> None:
        self.app = app
        self.host = host
        self.port = port
        self.log_level = log_level
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 10.0) -> str:
        sock = bind(self.host, self.port)
        self.port = sock.getsockname()[1]
        server = uvicorn.Server(_config(self.app, self.log_level))
        self._server = server
        self._thread = threading.Thread(target=self._run, args=(server, sock), name=f"hq-{self.port}", daemon=True)
        self._thread.start()
        deadline = threading.Event()
        for _ in range(int(timeout / 0.01)):
            if server.started or not self._thread.is_alive():
                break
            deadline.wait(0.01)
        if not server.started:
            raise RuntimeError(f"HQ did not start on {self.url}")
        return self.url

    @staticmethod
    def _run(server: uvicorn.Server, sock: socket.socket) -> None:
        try:
            asyncio.run(server.serve(sockets=[sock]))
        finally:
            sock.close()

    def stop(self, timeout: float = 10.0) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                raise RuntimeError("HQ did not stop")
        self._server = self._thread = None

    def __enter__(self) -> HQServer:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8700, *, seed_demo: bool = False,
          announce: Callable[[str], None] = print, log_level: str = "info") -> int:
    """Run HQ in the foreground until interrupted."""
    from core.clock import SystemClock
    from hq.app import create_app
    from hq.db import HQDatabase

    db = HQDatabase(db_url)
    if seed_demo:
        from hq.seed import seed_demo as seed

        result = seed(db, SystemClock().now())
        announce(f"demo data: {result.products} products, {result.staff} staff, {result.customers} customers")
        announce(f"admin token: {result.admin_token}")
        for station, token in result.station_tokens.items():
            announce(f"station {station} token: {token}")
    sock = bind(host, port)
    bound = sock.getsockname()[1]
    announce(f"HQ listening on http://{host}:{bound} (database {db.engine.url.render_as_string(hide_password=True)})")
    sys.stdout.flush()
    server = uvicorn.Server(_config(create_app(db=db), log_level))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        db.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hq.server")
    parser.add_argument("--db", default="hq.sqlite")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8700)
    parser.add_argument("--seed-demo", action="store_true")
    parser.add_argument("--log-level", default="warning")
    args = parser.parse_args(argv)
    return serve(args.db, args.host, args.port, seed_demo=args.seed_demo, log_level=args.log_level,
                 announce=lambda line: print(line, flush=True))


if __name__ == "__main__":
    sys.exit(main())
