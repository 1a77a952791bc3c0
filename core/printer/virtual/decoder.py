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
        available = len(buf) - start
        if isinstance(shape, int):
            return start + shape if available >= shape else None
        if shape == "nul":
            nul = buf.find(0, start)
            return nul + 1 if nul >= 0 else None
        if shape == "len16":
            if available < 3:
                return None
            end = start + 3 + (buf[start + 1] | buf[start + 2] << 8)
            return end if len(buf) >= end else None
        if shape == "raster":
            if available < 5:
                return None
            width = buf[start + 1] | buf[start + 2] << 8
            height = buf[start + 3] | buf[start + 4] << 8
            end = start + 5 + width * height
            return end if len(buf) >= end else None
        if shape == "cut":
            if available < 1:
                return None
            need = 2 if buf[start] in CUT_WITH_FEED else 1
            return start + need if available >= need else None
        if shape == "gs_k":
            if available < 2:
                return None
            if buf[start] < 0x41:
                nul = buf.find(0, start + 1)
                return nul + 1 if nul >= 0 else None
            end = start + 2 + buf[start + 1]
            return end if len(buf) >= end else None
        raise ValueError(f"unknown shape {shape!r}")
