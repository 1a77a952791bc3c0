"""The station's log (記錄檔) in the support mode: the last lines, then every line as it is written,
across rotation (core.log follows the file in a thread worker; the screen only receives LogLines).
Secrets were masked when the lines were written; nothing here can unmask them."""

from __future__ import annotations

import threading
from collections import deque
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.widgets import RichLog, Static

from core.errors import CashierError
from core.messages import DoctorCode
from tui.i18n.texts import ScreenText
from tui.messages import LogLines
from tui.screens.base import CashierScreen

HISTORY = 200  # lines shown from before the screen opened
KEPT = 2_000  # lines kept on screen; older ones scroll away


class LogsScreen(CashierScreen):
    AUTO_FOCUS = "#log"

    def __init__(self) -> None:
        super().__init__()
        self._stopped = threading.Event()
        self.entries: deque[str] = deque(maxlen=KEPT)  # what the log shows, one entry per log line

    def compose(self) -> ComposeResult:
        path = self._path()
        yield Static(self.t(ScreenText.LOGS_TITLE, path=str(path) if path else "-"), id="logs-title")
        # Wrapped, not cut at 80 columns: support reads whole lines without scrolling sideways.
        yield RichLog(id="log", max_lines=KEPT, wrap=True, markup=False, highlight=False, auto_scroll=True)
        yield from self.chrome()

    def _path(self) -> Path | None:
        support = self.cashier.support
        return support.log_file if support is not None else None

    def on_mount(self) -> None:
        path = self._path()
        if path is None:
            self._show([self.t.error(CashierError(DoctorCode.LOGS_NONE, path="-"))])
            return
        if not path.exists():
            self._show([self.t.error(CashierError(DoctorCode.LOGS_NONE, path=str(path)))])
        self.follow(path)

    def on_unmount(self) -> None:
        self._stopped.set()

    @work(thread=True, group="logs", exclusive=True, exit_on_error=False)
    def follow(self, path: Path) -> None:
        from core.log import Position, follow, position, readable, tail

        # One offset for both, as `cashier logs --follow` does: no line lost or shown twice in between.
        start = position(path)
        history = tail(path, HISTORY, upto=start.offset if start else 0)
        if history:
            self.post_message(LogLines([readable(line) for line in history]))
        for line in follow(path, stop=self._stopped.is_set, wait=self._stopped.wait,
                           start_at=start or Position(-1, 0)):  # a file that appears later: read it whole
            self.post_message(LogLines([readable(line)]))

    def on_log_lines(self, message: LogLines) -> None:
        self._show(message.lines)

    def _show(self, lines: list[str]) -> None:
        log = self.query_one("#log", RichLog)
        for line in lines:
            self.entries.append(line)
            log.write(line)
