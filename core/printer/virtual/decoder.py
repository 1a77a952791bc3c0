"""Splits a byte stream into commands, incrementally: bytes may arrive in any chunks."""

from __future__ import annotations

from dataclasses import dataclass

from core.printer.virtual.tables import COMMANDS, CUT_WITH_FEED, PREFIX_LENGTHS, SINGLE_BYTES, Shape

PREFIX_BYTES = {0x1B, 0x1C, 0x1D, 0x10}


@dataclass(frozen=True)
class Command:
    name: str
    params: bytes = b""
    raw: bytes = b""
    offset: int = 0


class Decoder:
    """feed() returns the commands completed so far; an incomplete command waits for more bytes."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._offset = 0  # stream position of _buffer[0]

    @property
    def pending(self) -> int:
        return len(self._buffer)

    def feed(self, data: bytes) -> list[Command]:
        self._buffer += data
        out: list[Command] = []
        pos = 0
        buf = self._buffer
        while pos < len(buf):
            step = self._one(buf, pos)
            if step is None:
                break
            command, pos = step
            out.append(command)
        del buf[:pos]
        self._offset += pos
        return out

    def _one(self, buf: bytearray, pos: int) -> tuple[Command, int] | None:
        first = buf[pos]
        if first in SINGLE_BYTES:
            return Command(SINGLE_BYTES[first], raw=bytes(buf[pos:pos + 1]), offset=self._offset + pos), pos + 1
        if first in PREFIX_BYTES:
            return self._prefixed(buf, pos)
        if first < 0x20:
            raw = bytes(buf[pos:pos + 1])
            return Command("unknown", params=raw, raw=raw, offset=self._offset + pos), pos + 1
        end = pos
        while end < len(buf) and buf[end] >= 0x20:
            end += 1
        raw = bytes(buf[pos:end])
        return Command("text", params=raw, raw=raw, offset=self._offset + pos), end

    def _prefixed(self, buf: bytearray, pos: int) -> tuple[Command, int] | None:
        if len(buf) - pos < 2:
            return None
        for length in PREFIX_LENGTHS:
            prefix = bytes(buf[pos:pos + length])
            if prefix in COMMANDS:
                name, shape = COMMANDS[prefix]
                end = self._end(buf, pos + length, shape)
                if end is None:
                    return None
                raw = bytes(buf[pos:end])
                return Command(name, params=raw[length:], raw=raw, offset=self._offset + pos), end
        if bytes(buf[pos:pos + 2]) == b"\x1dv" and len(buf) - pos < 3:
            return None  # GS v without its '0' yet
        # Unknown sequences are dropped as two bytes, as Posiflex firmware discards them; reported.
        raw = bytes(buf[pos:pos + 2])
        return Command("unknown", params=raw, raw=raw, offset=self._offset + pos), pos + 2

    @staticmethod
    def _end(buf: bytearray, start: int, shape: Shape) -> int | None:
        """Where the command whose parameters start at `start` ends, or None if not all arrived."""
        end = start + shape if isinstance(shape, int) else _SHAPES[shape](buf, start)
        return end if end is not None and end <= len(buf) else None


def _nul(buf: bytearray, start: int) -> int | None:
    nul = buf.find(0, start)
    return nul + 1 if nul >= 0 else None


def _len16(buf: bytearray, start: int) -> int | None:
    if len(buf) - start < 3:
        return None
    return start + 3 + (buf[start + 1] | buf[start + 2] << 8)


def _raster(buf: bytearray, start: int) -> int | None:
    if len(buf) - start < 5:
        return None
    width = buf[start + 1] | buf[start + 2] << 8
    height = buf[start + 3] | buf[start + 4] << 8
    return start + 5 + width * height


def _cut(buf: bytearray, start: int) -> int | None:
    if len(buf) - start < 1:
        return None
    return start + (2 if buf[start] in CUT_WITH_FEED else 1)


def _barcode(buf: bytearray, start: int) -> int | None:
    if len(buf) - start < 2:
        return None
    if buf[start] < 0x41:
        return _nul(buf, start + 1)
    return start + 2 + buf[start + 1]


_SHAPES = {"nul": _nul, "len16": _len16, "raster": _raster, "cut": _cut, "gs_k": _barcode}
