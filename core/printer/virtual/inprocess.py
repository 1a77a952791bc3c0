"""The printer URL "emulator": a link straight into a VirtualPrinter in this process, no TCP port.

The demo uses it; it behaves like a serial link (bytes in, status bytes out, a disconnect fault drops
the link) so the print service cannot tell it from a real printer.
"""

from __future__ import annotations

import threading

from core.errors import CashierError
from core.messages import PrinterCode
from core.printer.virtual.printer import LinkDroppedError, VirtualPrinter

EMULATOR_URL = "emulator"


class InProcessLink:
    def __init__(self, printer: VirtualPrinter | None = None) -> None:
        self.printer = printer if printer is not None else VirtualPrinter()
        self.url = EMULATOR_URL
        self._replies = bytearray()
        self._ready = threading.Condition()
        self._open = True
        self.printer.connection_opened()
        self.printer.reply_sink = self._push

    def _push(self, data: bytes) -> None:
        with self._ready:
            self._replies += data
            self._ready.notify_all()

    def write(self, data: bytes) -> None:
        if not self._open:
            raise CashierError(PrinterCode.DISCONNECTED, port=self.url, detail="closed")
        try:
            replies = self.printer.receive(data)
        except LinkDroppedError:
            self.close()
            raise CashierError(PrinterCode.DISCONNECTED, port=self.url, detail="link dropped") from None
        self._push(replies)

    def read(self, size: int, timeout: float) -> bytes:
        with self._ready:
            if not self._open:
                raise CashierError(PrinterCode.DISCONNECTED, port=self.url, detail="closed")
            self._ready.wait_for(lambda: bool(self._replies), timeout)
            out = bytes(self._replies[:size])
            del self._replies[:size]
            return out

    def flush_input(self) -> None:
        with self._ready:
            self._replies.clear()

    def close(self) -> None:
        if not self._open:
            return
        self._open = False
        if self.printer.reply_sink == self._push:
            self.printer.reply_sink = None
        self.printer.connection_closed()
