"""The printer state the selling till last saw, kept in a small file in the data dir.

While a till sells, its print service owns the port: nobody else may ask the printer anything (a second
opener would steal its status replies). So the till writes each status its print service reads to
`printer-state.json` — atomically (temp file + rename: a reader never sees half of it), owner-only, with
the time on the till's injected clock and its pid — and `cashier doctor` and the read-only support mode
read it to say "paper out, seen 12 s ago by the selling till, pid N".
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from core.printer.status import PrinterStatus
from core.private_files import replace_private

STATE_NAME = "printer-state.json"
_MAX_BYTES = 4096
log = logging.getLogger(__name__)


def state_path(data_dir: Path) -> Path:
    return Path(data_dir) / STATE_NAME


@dataclass(frozen=True)
class SeenPrinter:
    status: PrinterStatus
    seen_at: datetime
    pid: int
    url: str

    def age_seconds(self, now: datetime) -> int:
        """Whole seconds since it was seen (never negative: two clocks a moment apart)."""
        return max(0, int((now - self.seen_at).total_seconds()))

    def to_json(self) -> str:
        return json.dumps({"replies": list(self.status.replies), "seen_at": self.seen_at.isoformat(),
                           "pid": self.pid, "url": self.url,
                           # For a person reading the file; the replies are what a reader decodes.
                           "words": self.status.words("en"), "can_print": self.status.can_print})

    @classmethod
    def parse(cls, text: str) -> SeenPrinter | None:
        try:
            data = json.loads(text)
            replies = tuple(None if r is None else int(r) for r in data["replies"])
            if len(replies) != 4:
                return None
            return cls(PrinterStatus(replies), datetime.fromisoformat(data["seen_at"]), int(data["pid"]),
                       str(data["url"]))
        except (ValueError, KeyError, TypeError):
            return None


class SeenRecorder:
    """The print service's `on_status` callback at the selling till: writes each status it reads.
    Runs on the print-events thread; a failed write is logged once and never stops the printing."""

    def __init__(self, data_dir: Path, url: str, now: Callable[[], datetime]) -> None:
        self._path = state_path(data_dir)
        self._url = url
        self._now = now
        self._failed = False

    def __call__(self, status: PrinterStatus) -> None:
        seen = SeenPrinter(status, self._now(), os.getpid(), self._url)
        try:
            # Not fsynced: a state lost in a power cut is simply seen again at the next start.
            replace_private(self._path, seen.to_json().encode("utf-8"), durable=False)
        except OSError as error:
            if not self._failed:
                self._failed = True
                log.warning("cannot record the printer's state in %s: %s", self._path, error)


def read_seen(data_dir: Path) -> SeenPrinter | None:
    """What the selling till last recorded; None when nothing (or nothing readable) is there."""
    try:
        with state_path(data_dir).open("r", encoding="utf-8", errors="replace") as handle:
            return SeenPrinter.parse(handle.read(_MAX_BYTES))
    except OSError:
        return None
