"""The log file: JSON lines in `<data_dir>/logs/cashier.log` (HQ: `hq.log`), rotated by size, secrets masked."""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from core.clock import TAIPEI
from core.log.redact import RedactingFilter
from core.private_files import FILE_MODE, private_dir

LOG_NAME = "cashier.log"
HQ_LOG_NAME = "hq.log"
MAX_BYTES = 2 * 1024 * 1024  # small files: support tails them over a slow SSH link
BACKUPS = 5
_HANDLER_NAME = "cashier-file"
# Libraries that log every request at INFO: the station's HQ probe every few seconds would push the events
# support needs out of the rotated files. Their warnings still get through.
_CHATTY = ("httpx",)


def log_path(data_dir: Path, name: str = LOG_NAME) -> Path:
    return Path(data_dir) / "logs" / name


class JsonLineFormatter(logging.Formatter):
    """One JSON object per line: greppable, and `cashier logs` can pretty-print it."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, TAIPEI).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False)


class _PrivateRotatingHandler(logging.handlers.RotatingFileHandler):
    """Log files may still hold order details: owner-only, including every rotated file.

    A write that fails (disk full, the folder gone) is remembered once in `failure` and otherwise ignored:
    logging's default prints a traceback to stderr, which under Textual is the cashier's screen."""

    failure: str | None = None  # the first failed write, e.g. "OSError: [Errno 28] No space left on device"

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        self._failed(sys.exc_info()[1])

    def flush(self) -> None:
        # Called outside emit too (on close, when the config changes): a full disk must not raise there either.
        try:
            super().flush()
        except OSError as error:
            self._failed(error)

    def _failed(self, error: BaseException | None) -> None:
        if self.failure is None:
            self.failure = f"{type(error).__name__}: {error}" if error is not None else "unknown error"

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
        if os.name == "posix":
            os.fchmod(fd, FILE_MODE)  # an existing file keeps its old mode through O_CREAT: tighten it
        return os.fdopen(fd, self.mode.replace("w", "a"), encoding=self.encoding, errors=self.errors)


def setup_logging(data_dir: Path, secrets: Iterable[str] = (), *, name: str = LOG_NAME, level: int = logging.INFO,
                  max_bytes: int = MAX_BYTES, backups: int = BACKUPS,
                  logger: logging.Logger | None = None) -> logging.Handler:
    """Attach the rotating JSON file handler for `<data_dir>/logs/<name>` to `logger` (the root logger by
    default); idempotent: a second call replaces the first handler (e.g. after the config changed)."""
    target = logger or logging.getLogger()
    path = log_path(data_dir, name)
    private_dir(path.parent)
    handler = _PrivateRotatingHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=False)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(JsonLineFormatter())
    # On the handler, not the logger: records from every library's logger pass through it.
    handler.addFilter(RedactingFilter(secrets))
    for old in [h for h in target.handlers if h.get_name() == _HANDLER_NAME]:
        target.removeHandler(old)
        old.close()
    target.addHandler(handler)
    if target.level == logging.NOTSET or target.level > level:
        target.setLevel(level)
    for library in _CHATTY:
        chatty = logging.getLogger(library)
        if chatty.level == logging.NOTSET:
            chatty.setLevel(max(level, logging.WARNING))
    return handler


def file_handler(logger: logging.Logger | None = None) -> logging.Handler | None:
    """The handler `setup_logging` attached to `logger` (the root logger by default), if any: for
    loggers that do not propagate (uvicorn's) to write into the same file."""
    return next((h for h in (logger or logging.getLogger()).handlers if h.get_name() == _HANDLER_NAME), None)


def register_secrets(secrets: Iterable[str], logger: logging.Logger | None = None) -> None:
    """Mask more secrets in the file set up on `logger` (a secret created after logging started, such as
    the demo's generated key and tokens). Without such a file, nothing to do."""
    handler = file_handler(logger)
    for each in handler.filters if handler is not None else ():
        if isinstance(each, RedactingFilter):
            each.add_secrets(secrets)
