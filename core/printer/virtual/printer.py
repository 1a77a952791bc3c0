"""A printer in software: receives bytes, answers status in real time, prints, cuts, saves pieces."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from pathlib import Path

from core.printer.virtual import faults, renderer
from core.printer.virtual.decoder import Decoder
from core.printer.virtual.machine import Kick, Machine, Piece
from core.printer.virtual.tables import (
    EOT1_DRAWER_PIN3,
    EOT1_OFFLINE,
    EOT2_COVER_OPEN,
    EOT2_ERROR,
    EOT2_PAPER_STOP,
    EOT3_AUTO_RECOVERABLE,
    EOT3_CUTTER,
    EOT3_UNRECOVERABLE,
    EOT4_NEAR_END,
    EOT4_PAPER_END,
    GS_R_NEAR_END,
    GS_R_PAPER_END,
    STATUS_FIXED,
)
from core.private_files import private_dir, write_private

log = logging.getLogger(__name__)

DLE_EOT = b"\x10\x04"
DEFAULT_DISCONNECT_AFTER = 600  # bytes into a connection: past the status queries, inside the job


class LinkDroppedError(Exception):
    """The simulated cable came out: whoever carries the bytes must close the connection now."""


class VirtualPrinter:
    def __init__(self, *, dots_per_line: int = 384, out_dir: Path | None = None, fault: str | None = None,
                 disconnect_after: int = DEFAULT_DISCONNECT_AFTER, baud: int | None = None,
                 on_piece: Callable[[Piece, Path | None], None] | None = None) -> None:
        self.machine = Machine(dots_per_line)
        self.out_dir = out_dir
        self.baud = baud
        self.disconnect_after = disconnect_after
        self.on_piece = on_piece
        self.paper = "ok"  # "ok" | "near_end" | "end"
        self.cover_open = False
        self.offline = False
        self.cutter_error = False
        self.unrecoverable = False
        self.auto_recoverable = False
        # The drawer's switch on connector pin 3, set by whoever plays the cashier: a kick fires the
        # solenoid, but whether the drawer then springs open is the drawer's business, not the printer's.
        self.drawer_open = False
        self.disconnect_armed = False
        self.status_queries = 0
        self._decoder = Decoder()
        self._held = bytearray()
        self._tail = b""
        self._received = 0
        self._lock = threading.RLock()
        self._printed = threading.Condition(self._lock)
        self._next_file = _next_file_number(out_dir)
        self.files: list[Path] = []
        # Where replies produced later (a queued GS r once a fault clears) go: the open connection.
        self.reply_sink: Callable[[bytes], None] | None = None
        if fault:
            self.set_fault(fault)

    # -- faults --------------------------------------------------------------------------------
    def set_fault(self, name: str | None) -> None:
        """Put the printer into one fault (or none); queued data prints once it can."""
        with self._lock:
            self.paper, self.cover_open, self.offline, self.disconnect_armed = "ok", False, False, False
            if name == faults.PAPER_END:
                self.paper = "end"
            elif name == faults.PAPER_NEAR_END:
                self.paper = "near_end"
            elif name == faults.COVER_OPEN:
                self.cover_open = True
            elif name == faults.OFFLINE:
                self.offline = True
            elif name == faults.DISCONNECT:
                self.disconnect_armed = True
            elif name is not None:
                raise ValueError(f"unknown fault {name!r}; one of {', '.join(faults.FAULTS)}")
            replies = self._process(b"")
            if replies and self.reply_sink:
                self.reply_sink(replies)

    @property
    def can_print(self) -> bool:
        return not (self.offline or self.cover_open or self.paper == "end" or self.cutter_error
                    or self.unrecoverable or self.auto_recoverable)

    # -- status --------------------------------------------------------------------------------
    def status_byte(self, n: int) -> int:
        value = STATUS_FIXED
        stopped = self.cover_open or self.paper == "end" or self.cutter_error or self.unrecoverable \
            or self.auto_recoverable
        if n == 1:
            value |= (EOT1_OFFLINE if stopped else 0) | (EOT1_DRAWER_PIN3 if self.drawer_open else 0)
        elif n == 2:
            value |= (EOT2_COVER_OPEN if self.cover_open else 0) | (EOT2_PAPER_STOP if self.paper == "end" else 0)
            value |= EOT2_ERROR if (self.cutter_error or self.unrecoverable or self.auto_recoverable) else 0
        elif n == 3:
            value |= (EOT3_CUTTER if self.cutter_error else 0) | (EOT3_UNRECOVERABLE if self.unrecoverable else 0)
            value |= EOT3_AUTO_RECOVERABLE if self.auto_recoverable else 0
        elif n == 4:
            value |= {"ok": 0, "near_end": EOT4_NEAR_END, "end": EOT4_NEAR_END | EOT4_PAPER_END}[self.paper]
        return value

    def _sensor_byte(self) -> int:
        return {"ok": 0, "near_end": GS_R_NEAR_END, "end": GS_R_NEAR_END | GS_R_PAPER_END}[self.paper]

    # -- the link ------------------------------------------------------------------------------
    def connection_opened(self) -> None:
        with self._lock:
            self._received = 0
            self._tail = b""

    def connection_closed(self) -> None:
        """Whatever was printed but not cut is torn off as its own piece; half a command is lost."""
        with self._lock:
            self._held.clear()
            self._decoder = Decoder()
            self.machine._lead = None
            piece = self.machine.finish_piece(cut=False)
            if piece is not None:
                self._deliver(piece)

    def receive(self, data: bytes) -> bytes:
        """Bytes from the host; returns the replies to send back. Raises LinkDroppedError for a disconnect."""
        with self._lock:
            dropped = False
            if self.disconnect_armed and self._received + len(data) > self.disconnect_after:
                data = data[:max(0, self.disconnect_after - self._received)]
                dropped = True
            self._received += len(data)
            replies = self._realtime(data)
            replies += self._process(data)
            if dropped:
                self.disconnect_armed = False  # plugged back in: the next connection works
                log.info("virtual printer: simulated disconnect after %d bytes", self._received)
                raise LinkDroppedError()
            return replies if not self.offline else b""

    def _realtime(self, data: bytes) -> bytes:
        """DLE EOT n is answered on arrival, even inside other data, as real firmware does."""
        # The kept tail is at most two bytes, so every three-byte match here ends in new data.
        scan = self._tail + data
        self._tail = scan[-2:]
        replies = bytearray()
        for match in re.finditer(re.escape(DLE_EOT) + b"([\x01-\x04])", scan):
            self.status_queries += 1
            replies.append(self.status_byte(match.group(1)[0]))
        return bytes(replies) if not self.offline else b""

    def _process(self, data: bytes) -> bytes:
        self._held += data
        if not self.can_print or not self._held:
            return b""
        commands = self._decoder.feed(bytes(self._held))
        self._held.clear()
        replies = bytearray()
        for command in commands:
            before = len(self.machine.pieces)
            reply = self.machine.apply(command)
            if command.name == "transmit_status" and reply:
                reply = bytes((self._sensor_byte(),)) if command.params[:1] in (b"\x01", b"1") else b"\x00"
            replies += reply
            if len(self.machine.pieces) > before:
                self._deliver(self.machine.pieces[-1])
        return bytes(replies)

    # -- output --------------------------------------------------------------------------------
    def _deliver(self, piece: Piece) -> None:
        path = None
        if self.out_dir is not None:
            if not self.out_dir.exists():  # ours: owner-only (a folder given with --out keeps its mode)
                private_dir(self.out_dir)
            path = self.out_dir / f"job-{self._next_file:04d}"
            self._next_file += 1
            # Proof copies carry invoice numbers, buyers' business numbers and amounts: owner-only.
            write_private(path.with_suffix(".bin"), piece.raw)
            write_private(path.with_suffix(".png"), renderer.to_png(piece))
            write_private(path.with_suffix(".txt"), renderer.to_text(piece).encode("utf-8"))
            self.files.append(path)
        for label in piece.unknown:
            log.warning("virtual printer: unknown command %s", label)
        if self.on_piece:
            self.on_piece(piece, path)
        self._printed.notify_all()

    @property
    def pieces(self) -> list[Piece]:
        return self.machine.pieces

    @property
    def kicks(self) -> list[Kick]:
        """Every drawer kick carried out, in order."""
        with self._lock:
            return list(self.machine.drawer_kicks)

    def wait_for_pieces(self, count: int, timeout: float) -> bool:
        """Block until `count` pieces exist (for tests and the CLI), at most `timeout` seconds."""
        with self._printed:
            return self._printed.wait_for(lambda: len(self.machine.pieces) >= count, timeout)


def _next_file_number(out_dir: Path | None) -> int:
    if out_dir is None or not out_dir.exists():
        return 1
    numbers = [int(m.group(1)) for p in out_dir.glob("job-*.bin") if (m := re.match(r"job-(\d+)", p.stem))]
    return max(numbers, default=0) + 1
