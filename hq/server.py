"""Running HQ under uvicorn: in a thread (tests, the demo) or in the foreground (`cashier hq serve`).

Port 0 picks a free port; we bind the socket ourselves so the caller knows the port before the first
request, and can restart on the same port after a stop (the offline tests do exactly that).

HQ's log is core.log's rotating JSON-lines file (`<log dir>/logs/hq.log`, secrets masked); uvicorn's own
loggers do not propagate, so the file's handler is attached to them each time uvicorn configures them.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import socket
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import uvicorn

from hq.settings import HQSettings


def bind(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP said, not left 0: asyncio turns Nagle off (TCP_NODELAY) only on accepted sockets whose protocol
    # reads TCP, and with Nagle on, a response's body (written after its headers) waited for the client's delayed
    # ACK: 40 ms added to every request on loopback.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


log = logging.getLogger("hq")


def default_log_dir(db_url: str) -> Path:
    """Where `cashier hq serve` logs by default: the SQLite file's folder, else the platform data dir."""
    from hq.db import normalise_url

    url = normalise_url(db_url)
    path = url.removeprefix("sqlite:///")
    if path != url and path and ":memory:" not in path:
        return Path(path).parent
    import platformdirs

    from core.config import APP_NAME

    return Path(platformdirs.user_data_dir(APP_NAME)) / "hq"


def setup_hq_logging(log_dir: Path, secrets: Iterable[str] = ()) -> logging.Handler:
    """HQ's log file, `<log_dir>/logs/hq.log` (what `cashier logs --data-dir <log_dir>` reads), on the root
    logger. Every token HQ issues is masked by its shape; `secrets` adds any others (printed seed tokens)."""
    from core.log import HQ_LOG_NAME, setup_logging

    return setup_logging(log_dir, secrets, name=HQ_LOG_NAME)


class _ToLogFile(logging.Handler):
    """Hands uvicorn's records to whatever log file the root logger has now (none: nothing), so a log file
    set up, replaced or removed later is followed and a closed one is never written."""

    def emit(self, record: logging.LogRecord) -> None:
        from core.log import file_handler

        handler = file_handler()
        if handler is not None and record.levelno >= handler.level:
            handler.handle(record)  # its filter masks secrets first


_TO_LOG_FILE = _ToLogFile()


class _MaskInPlace(logging.Filter):
    """Masks a record's message and arguments as the log file does (core.log.redact), keeping the arguments
    a tuple: uvicorn's console formatters unpack them (the access line is client, method, path, version,
    status). Without it the console showed what the file masks: ?token=… and customers' phone numbers."""

    def __init__(self) -> None:
        super().__init__()
        from core.log.redact import RedactingFilter

        self._redactor = RedactingFilter()

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = self._redactor.redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(self._redactor.redact(a) if isinstance(a, str) else a for a in record.args)
        return True


_MASK_IN_PLACE = _MaskInPlace()


class _NoHealthProbes(logging.Filter):
    """Every station probes /health every few seconds: an access line for each buries the requests that
    matter (uploads, pulls, lookups). uvicorn's access record args: (client, method, path, version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        return not (len(args) >= 3 and str(args[2]).split("?", 1)[0] == "/health")


_NO_HEALTH = _NoHealthProbes()


def _route_uvicorn_logs() -> None:
    """uvicorn's loggers keep their own console handlers and do not propagate: give them the log file too
    (again after every uvicorn.Config, whose dictConfig resets their handlers), mask what they print, and keep
    the health probes out of the access log."""
    for name in ("uvicorn", "uvicorn.access", "uvicorn.error"):  # uvicorn.error propagates into "uvicorn"
        logger = logging.getLogger(name)
        if name != "uvicorn.error":
            logger.addHandler(_TO_LOG_FILE)
        logger.addFilter(_MASK_IN_PLACE)  # a logger's filter runs before any of its handlers; added once
    access = logging.getLogger("uvicorn.access")
    if _NO_HEALTH not in access.filters:
        access.addFilter(_NO_HEALTH)


def _config(app: Any, log_level: str, *, access_log: bool = False, certfile: Path | None = None,
            keyfile: Path | None = None) -> uvicorn.Config:
    # The access log (method, path, status, client; never headers) only where asked: `cashier hq serve`.
    config = uvicorn.Config(app, log_level=log_level, access_log=access_log, lifespan="off",
                            timeout_graceful_shutdown=1, timeout_keep_alive=5,
                            ssl_certfile=str(certfile) if certfile else None,
                            ssl_keyfile=str(keyfile) if keyfile else None)
    _route_uvicorn_logs()
    return config


class HQServer:
    """uvicorn in a background thread with its own event loop."""

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int = 0, *, log_level: str = "warning",
                 access_log: bool = False, certfile: Path | None = None, keyfile: Path | None = None) -> None:
        self.app = app
        self.certfile, self.keyfile = certfile, keyfile
        self.access_log = access_log
        self.host = host
        self.port = port
        self.log_level = log_level
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.certfile else 'http'}://{self.host}:{self.port}"

    def start(self, timeout: float = 10.0) -> str:
        sock = bind(self.host, self.port)
        self.port = sock.getsockname()[1]
        server = uvicorn.Server(_config(self.app, self.log_level, access_log=self.access_log, certfile=self.certfile,
                                        keyfile=self.keyfile))
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
          announce: Callable[[str], None] = print, log_level: str = "info", log_dir: Path | None = None,
          access_log: bool = True, mof: Any = None, certfile: Path | None = None, keyfile: Path | None = None,
          settings: HQSettings | None = None, workers: int = 1) -> int:
    """Run HQ in the foreground until interrupted, logging to `<log_dir>/logs/hq.log`; `workers` processes
    serve the one socket (Python runs one request's work at a time per process)."""
    from core.clock import SystemClock
    from hq.app import create_app
    from hq.db import HQDatabase, normalise_url

    if workers > 1 and not normalise_url(db_url).startswith("postgresql"):
        # SQLite has one writer: processes wait on its file lock by polling, unfairly, and a batch that waits
        # past the busy timeout is answered 503. Measured: 20 stations into two SQLite workers failed so.
        raise ValueError("more than one worker process needs PostgreSQL (SQLite has a single writer)")
    setup_hq_logging(log_dir if log_dir is not None else default_log_dir(db_url))
    db = HQDatabase(db_url)
    if seed_demo:
        from core.log import register_secrets
        from hq.seed import seed_demo as seed

        result = seed(db, SystemClock().now())
        register_secrets([result.admin_token, *result.station_tokens.values()])
        log.info("demo data seeded: %d products, %d staff, %d customers, stations %s", result.products,
                 result.staff, result.customers, ", ".join(sorted(result.station_tokens)))
        announce(f"demo data: {result.products} products, {result.staff} staff, {result.customers} customers")
        announce(f"admin token: {result.admin_token}")
        for station, token in result.station_tokens.items():
            announce(f"station {station} token: {token}")
    sock = bind(host, port)
    bound = sock.getsockname()[1]
    scheme = "https" if certfile else "http"
    where = f"{scheme}://{host}:{bound} (database {db.engine.url.render_as_string(hide_password=True)})"
    if workers > 1:
        where += f", {workers} worker processes"

    def configured(app: Any) -> uvicorn.Config:
        return _config(app, log_level, access_log=access_log, certfile=certfile, keyfile=keyfile)

    children = [_fork_worker(db, sock, settings, configured) for _ in range(workers - 1)]
    announce(f"HQ listening on {where}")
    sys.stdout.flush()
    log.info("HQ listening on %s", where)
    app = create_app(db=db, settings=settings)
    filing = _start_filing(app, db, mof, announce)  # one filer whatever the workers: it runs here only
    server = uvicorn.Server(configured(app))
    if children:
        # uvicorn re-raises the SIGTERM it caught once it has stopped: with its default action this process
        # would die there, before stopping its workers.
        signal.signal(signal.SIGTERM, _stopped)
    try:
        server.run(sockets=[sock])
    except (KeyboardInterrupt, _StoppedError):
        # uvicorn shuts down gracefully on Ctrl+C, then raises the signal again for the caller: the
        # operator asked for the stop, so it is no error and no traceback.
        pass
    finally:
        _stop_workers(children)
        if filing is not None:
            filing.stop()
        sock.close()
        db.close()
        log.info("HQ stopped")
    announce("HQ stopped")
    return 0


class _StoppedError(Exception):
    """SIGTERM, after uvicorn's own graceful stop."""


def _stopped(_signum: int, _frame: object) -> None:
    raise _StoppedError


def _fork_worker(db: Any, sock: socket.socket, settings: HQSettings | None,
                 configured: Callable[[Any], uvicorn.Config]) -> int:
    """One more process serving the same listening socket (the kernel hands each connection to one of them).

    Safe because nothing that makes an upload exactly once, or a number owned once, lives in a process: an
    order's UUID, its invoice number and its order number are unique constraints, a racing batch falls back
    to order-by-order answers, and allocations lock the station's row (hq/orders.py, hq/booklets.py). The
    child starts with no connection of the parent's (SQLAlchemy's pool is reset, never shared over a fork)."""
    from hq.app import create_app

    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        db.engine.dispose(close=False)
        app = create_app(db=db, settings=settings)
        uvicorn.Server(configured(app)).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    except BaseException:
        log.exception("HQ worker process failed")
        code = 1
    finally:
        os._exit(code)  # never back into the parent's code


def _stop_workers(children: list[int]) -> None:
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    for pid in children:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


def _start_filing(app: Any, db: Any, mof: Any, announce: Callable[[str], None]) -> Any:
    """`[mof] turnkey_dir` set: file with the MOF platform through Turnkey while HQ serves (hq/mof)."""
    from hq.mof.config import MofConfig

    config = mof if isinstance(mof, MofConfig) else MofConfig()
    app.state.mof = config
    if config.turnkey_dir is None:
        return None
    from core.clock import SystemClock
    from hq.mof.service import MofService

    filing = MofService(db, config, SystemClock())
    filing.start()
    announce(f"MOF filing through Turnkey at {config.turnkey_dir} (every {config.poll_seconds} s)")
    return filing


def main(argv: list[str] | None = None) -> int:
    from core.private_files import private_umask

    private_umask()  # HQ's SQLite file and log: owner-only, as `cashier hq serve` (tui/cli.py) has them
    parser = argparse.ArgumentParser(prog="python -m hq.server")
    parser.add_argument("--db", default="hq.sqlite")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8700)
    parser.add_argument("--seed-demo", action="store_true")
    parser.add_argument("--log-level", default="warning")
    parser.add_argument("--log-dir", type=Path)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    return serve(args.db, args.host, args.port, seed_demo=args.seed_demo, log_level=args.log_level,
                 log_dir=args.log_dir, announce=lambda line: print(line, flush=True), workers=max(1, args.workers))


if __name__ == "__main__":
    sys.exit(main())
