"""Our own small ESC/POS encoder: the commands a Taiwanese e-invoice proof copy needs, nothing more.

python-escpos is not used at run time (see the printer reference: GB18030 for Chinese, no GS w 1,
ESC ! sizes that leave Chinese small, no write timeouts); it only cross-checks our bytes in tests.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Self

from core.printer import big5
from core.printer.bitmap import Bitmap
from core.printer.codes import ECC_LEVELS
from core.printer.drawer import DRAWER_PINS, DRAWER_PULSE_MAX_MS, DRAWER_PULSE_MIN_MS

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10
LF = 0x0A
FF = 0x0C

RASTER_MAX_ROWS = 960  # python-escpos slices here too; some firmware limits one GS v 0 block's height


class Align(IntEnum):
    LEFT = 0
    CENTER = 1
    RIGHT = 2


def _u16(value: int) -> bytes:
    if not 0 <= value <= 0xFFFF:
        raise ValueError(f"{value} does not fit two bytes")
    return value.to_bytes(2, "little")


@dataclass
class Encoder:
    """Builds one job's bytes; `has_raster` says whether XON/XOFF would be unsafe for it."""

    out: bytearray = field(default_factory=bytearray)
    replaced: list[str] = field(default_factory=list)
    has_raster: bool = False

    # Inside the class `bytes` names this method, so the parameters below spell the type builtins.bytes.
    def bytes(self) -> bytes:
        return bytes(self.out)

    def raw(self, data: builtins.bytes) -> Self:
        self.out += data
        return self

    # -- set-up --------------------------------------------------------------------------------
    def init(self) -> Self:
        """ESC @, then code table 0 and Chinese mode: ESC @ resets both, and some models boot in neither."""
        self.out += bytes((ESC, 0x40, ESC, 0x74, 0x00, FS, 0x26))
        return self

    def chinese_mode(self, on: bool = True) -> Self:
        self.out += bytes((FS, 0x26 if on else 0x2E))
        return self

    def line_spacing(self, dots: int | None = None) -> Self:
        self.out += bytes((ESC, 0x32)) if dots is None else bytes((ESC, 0x33, dots))
        return self

    # -- text ----------------------------------------------------------------------------------
    def align(self, where: Align) -> Self:
        self.out += bytes((ESC, 0x61, int(where)))
        return self

    def bold(self, on: bool = True) -> Self:
        self.out += bytes((ESC, 0x45, 1 if on else 0))
        return self

    def size(self, width: int = 1, height: int = 1) -> Self:
        """GS !, which enlarges Chinese as well as ASCII (ESC ! would leave Chinese small)."""
        if not (1 <= width <= 8 and 1 <= height <= 8):
            raise ValueError(f"character size {width}x{height} is outside 1..8")
        self.out += bytes((GS, 0x21, (width - 1) << 4 | (height - 1)))
        return self

    def text(self, text: str) -> Self:
        encoded = big5.encode(text)
        self._note_replaced(encoded.replaced)
        self.out += encoded.data
        return self

    def track(self, text: str) -> Self:
        """Record replacements in text the layout reshapes (cuts, pads) before printing it."""
        self._note_replaced(big5.encode(text).replaced)
        return self

    def _note_replaced(self, chars: list[str]) -> None:
        new = [ch for ch in chars if ch not in self.replaced]
        big5.log_replaced(new)
        self.replaced.extend(new)

    def line(self, text: str = "") -> Self:
        for part in text.split("\n"):
            self.text(part)
            self.out.append(LF)
        return self

    def feed(self, lines: int = 1) -> Self:
        self.out += bytes((ESC, 0x64, lines))
        return self

    def feed_dots(self, dots: int) -> Self:
        self.out += bytes((ESC, 0x4A, dots))
        return self

    # -- paper and drawer ----------------------------------------------------------------------
    def cut(self, *, partial: bool = True, feed_lines: int = 4) -> Self:
        """Feed past the tear bar, then cut (partial keeps one point so the slip does not fall)."""
        if feed_lines:
            self.feed(feed_lines)
        self.out += bytes((GS, 0x56, 1 if partial else 0))
        return self

    def drawer_kick(self, *, pin: int = 2, pulse_ms: int = 100) -> Self:
        """ESC p m t1 t2: m 0 drives connector pin 2, m 1 pin 5; on for t1 and off for t2, in 2 ms units.

        The off time equals the on time (python-escpos sends 100/100 ms too): a pulse longer than the
        solenoid needs only heats it, so the pause after it is as long as the pulse itself.
        """
        if pin not in DRAWER_PINS:
            raise ValueError("the drawer is on connector pin 2 or 5")
        if not DRAWER_PULSE_MIN_MS <= pulse_ms <= DRAWER_PULSE_MAX_MS:
            raise ValueError(f"drawer pulse {pulse_ms} ms is outside {DRAWER_PULSE_MIN_MS}..{DRAWER_PULSE_MAX_MS}")
        ticks = pulse_ms // 2
        self.out += bytes((ESC, 0x70, DRAWER_PINS[pin], ticks, ticks))
        return self

    # -- codes ---------------------------------------------------------------------------------
    def code39(self, data: str, *, module: int = 1, height: int = 48, hri: bool = False) -> Self:
        """Native Code 39 (GS k 69); module 1 because 19 characters at 2 dots overflow 57 mm paper."""
        payload = data.encode("ascii")
        self.out += bytes((GS, 0x68, height, GS, 0x77, module, GS, 0x66, 0, GS, 0x48, 2 if hri else 0))
        self.out += bytes((GS, 0x6B, 69, len(payload))) + payload
        return self

    def qr(self, data: builtins.bytes, *, module: int, ecc: str = "L") -> Self:
        """Native QR (model 2): store then print; the printer picks the version from the data length."""
        self.qr_setup(module=module, ecc=ecc).qr_store(data)
        self.out += bytes((GS, 0x28, 0x6B, 3, 0, 0x31, 0x51, 0x30))
        return self

    def qr_setup(self, *, module: int, ecc: str = "L") -> Self:
        self.out += bytes((GS, 0x28, 0x6B, 4, 0, 0x31, 0x41, 50, 0))
        self.out += bytes((GS, 0x28, 0x6B, 3, 0, 0x31, 0x43, module))
        self.out += bytes((GS, 0x28, 0x6B, 3, 0, 0x31, 0x45, ECC_LEVELS[ecc]))
        return self

    def qr_store(self, data: builtins.bytes) -> Self:
        self.out += bytes((GS, 0x28, 0x6B)) + _u16(len(data) + 3) + bytes((0x31, 0x50, 0x30)) + data
        return self

    def raster(self, bitmap: Bitmap) -> Self:
        """GS v 0 in blocks of at most 960 rows."""
        self.has_raster = True
        data = bitmap.to_bytes()
        width_bytes = bitmap.width_bytes
        for top in range(0, bitmap.height, RASTER_MAX_ROWS):
            rows = min(RASTER_MAX_ROWS, bitmap.height - top)
            self.out += bytes((GS, 0x76, 0x30, 0)) + _u16(width_bytes) + _u16(rows)
            self.out += data[top * width_bytes:(top + rows) * width_bytes]
        return self

    # -- page mode -----------------------------------------------------------------------------
    def page_begin(self, *, width: int, height: int) -> Self:
        """ESC L, then a print area of width x height dots at the origin, left to right."""
        self.out += bytes((ESC, 0x4C, ESC, 0x57)) + _u16(0) + _u16(0) + _u16(width) + _u16(height)
        self.out += bytes((ESC, 0x54, 0))
        return self

    def page_position(self, *, x: int, y: int) -> Self:
        self.out += bytes((ESC, 0x24)) + _u16(x) + bytes((GS, 0x24)) + _u16(y)
        return self

    def page_print(self) -> Self:
        """FF: print the page and go back to standard mode."""
        self.out.append(FF)
        return self

    # -- status --------------------------------------------------------------------------------
    def processed_marker(self) -> Self:
        """GS r 1: answered only once everything before it has been processed (not real-time)."""
        self.out += bytes((GS, 0x72, 1))
        return self
