"""Text for Taiwanese printers: Big5 (Python's cp950) in Chinese mode, one cell per byte.

A character outside Big5 (喆, 堃, an emoji …) is printed as □ and logged, so the cashier sees that
something was replaced instead of the sale failing or the printer receiving bytes it misreads.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

CODEC = "cp950"
REPLACEMENT = "□"  # Big5 A1BC: visibly not a real character, one CJK cell wide


@dataclass
class Big5Text:
    data: bytes
    replaced: list[str] = field(default_factory=list)


def _clean(text: str) -> str:
    # Control bytes inside a product name would be read as printer commands (ESC, GS …).
    return "".join(" " if (ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0) else ch for ch in text)


def encode(text: str) -> Big5Text:
    text = _clean(text)
    try:
        return Big5Text(text.encode(CODEC))
    except UnicodeEncodeError:
        pass
    out = bytearray()
    replaced: list[str] = []
    for ch in text:
        try:
            out += ch.encode(CODEC)
        except UnicodeEncodeError:
            replaced.append(ch)
            out += REPLACEMENT.encode(CODEC)
    return Big5Text(bytes(out), replaced)


def log_replaced(chars: list[str]) -> None:
    for ch in dict.fromkeys(chars):
        log.warning("character %r (U+%04X) is not in Big5; printed as %s", ch, ord(ch), REPLACEMENT)


def printable(text: str) -> str:
    """The text as the printer will show it: replacements applied."""
    return encode(text).data.decode(CODEC)


def cells(text: str) -> int:
    """Half-width cells the text takes: one for ASCII, two for a Big5 character."""
    return len(encode(text).data)


def fit(text: str, width: int) -> str:
    """The longest prefix of `text` (after replacement) that takes at most `width` cells."""
    shown = printable(text)
    used = 0
    for index, ch in enumerate(shown):
        need = 1 if ord(ch) < 0x80 else 2
        if used + need > width:
            return shown[:index]
        used += need
    return shown
