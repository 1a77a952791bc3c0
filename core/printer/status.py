"""Real-time status (DLE EOT 1-4) read carefully, and decoded into words a person understands.

The input is flushed before each query (a stale byte would be read as the answer), each read has a
short timeout and a few retries, and no reply is "offline or unknown" — never "ready".
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from core.errors import CashierError
from core.messages import PrinterCode
from core.printer.transport import Link

DLE, EOT = 0x10, 0x04
GS_R_NEAR_END = 0x03
GS_R_PAPER_END = 0x0C


def is_status_byte(value: int) -> bool:
    """DLE EOT replies are 0xx1xx10b: bits 1 and 4 set, 0 and 7 clear."""
    return value & 0x93 == 0x12


def is_sensor_byte(value: int) -> bool:
    """GS r 1 replies have bits 4 and 7 clear, which no DLE EOT reply has."""
    return value & 0x90 == 0


@dataclass(frozen=True)
class PrinterStatus:
    replies: tuple[int | None, int | None, int | None, int | None]

    def _bit(self, n: int, mask: int) -> bool:
        value = self.replies[n - 1]
        return value is not None and bool(value & mask)

    @property
    def replied(self) -> bool:
        return all(value is not None for value in self.replies)

    @property
    def offline(self) -> bool:
        return self._bit(1, 0x08)

    @property
    def drawer_pin_high(self) -> bool:
        return self._bit(1, 0x04)

    @property
    def cover_open(self) -> bool:
        return self._bit(2, 0x04)

    @property
    def feed_button(self) -> bool:
        return self._bit(2, 0x08)

    @property
    def paper_end(self) -> bool:
        return self._bit(4, 0x60) or self._bit(2, 0x20)

    @property
    def paper_near_end(self) -> bool:
        return self._bit(4, 0x0C)

    @property
    def cutter_error(self) -> bool:
        return self._bit(3, 0x08)

    @property
    def unrecoverable(self) -> bool:
        return self._bit(3, 0x20)

    @property
    def auto_recoverable(self) -> bool:
        return self._bit(3, 0x40)

    @property
    def can_print(self) -> bool:
        return self.replied and not (self.offline or self.cover_open or self.paper_end or self.cutter_error
                                     or self.unrecoverable or self.auto_recoverable)

    @property
    def _offline_explained(self) -> bool:
        return self.cover_open or self.paper_end or self.cutter_error or self.unrecoverable or self.auto_recoverable

    def conditions(self) -> list[CashierError]:
        """Every state worth saying, most serious first; 'ready' alone when nothing is wrong."""
        if self.replies[0] is None:
            return [CashierError(PrinterCode.STATE_NO_REPLY)]
        found = [code for flag, code in (
            (not self.replied, PrinterCode.STATE_PARTIAL_REPLY),
            (self.unrecoverable, PrinterCode.STATE_UNRECOVERABLE),
            (self.cover_open, PrinterCode.STATE_COVER_OPEN),
            (self.paper_end, PrinterCode.STATE_PAPER_END),
            (self.cutter_error, PrinterCode.STATE_CUTTER_ERROR),
            (self.auto_recoverable, PrinterCode.STATE_AUTO_RECOVERABLE),
            # The printer also goes offline while its cover is open or its paper is out: saying
            # "offline" then would send the cashier to the power switch instead of the real cause.
            (self.offline and not self._offline_explained, PrinterCode.STATE_OFFLINE),
            (self.paper_near_end and not self.paper_end, PrinterCode.STATE_PAPER_NEAR_END),
            (self.feed_button, PrinterCode.STATE_FEED_BUTTON),
        ) if flag]
        return [CashierError(code) for code in found] or [CashierError(PrinterCode.STATE_READY)]

    def words(self, language: str = "zh_TW") -> str:
        return "；".join(c.text(language) for c in self.conditions()) if language != "en" else \
            "; ".join(c.text(language) for c in self.conditions())

    def problem(self) -> CashierError | None:
        """Why a job cannot start, or None when it can."""
        if self.can_print:
            return None
        flags = tuple(c.code.rsplit(".", 1)[-1] for c in self.conditions())
        return CashierError(PrinterCode.CANNOT_PRINT, zh=self.words("zh_TW"), en=self.words("en"), flags=flags)

    def warning(self) -> CashierError | None:
        return CashierError(PrinterCode.STATE_PAPER_NEAR_END) if self.paper_near_end and not self.paper_end \
            else None


NO_REPLY = PrinterStatus((None, None, None, None))


def query_status(link: Link, *, timeout: float = 0.4, retries: int = 3) -> PrinterStatus:
    first = _ask(link, 1, timeout, retries)
    if first is None:
        return NO_REPLY  # a silent printer is not asked three more times
    rest = [_ask(link, n, timeout, retries) for n in (2, 3, 4)]
    return PrinterStatus((first, rest[0], rest[1], rest[2]))


def _ask(link: Link, n: int, timeout: float, retries: int) -> int | None:
    for _ in range(max(1, retries)):
        link.flush_input()
        link.write(bytes((DLE, EOT, n)))
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            reply = link.read(1, remaining)
            if not reply:
                break
            if is_status_byte(reply[0]):
                return reply[0]
            # anything else is a late answer to something earlier: keep listening
    return None


def wait_processed(link: Link, timeout: float) -> int | None:
    """Wait for the GS r 1 reply sent after a job: its arrival means every byte before it was processed.

    Real-time replies that raster data may have triggered (bit 4 set) are skipped.
    """
    deadline = time.monotonic() + timeout
    while (remaining := deadline - time.monotonic()) > 0:
        reply = link.read(1, min(remaining, 0.5))
        if reply and is_sensor_byte(reply[0]):
            return reply[0]
    return None
