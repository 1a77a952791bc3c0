"""Reading printed paper back with an independent decoder (zxing-cpp), as a scanner would."""

from __future__ import annotations

from dataclasses import dataclass

from core.printer.virtual import renderer
from core.printer.virtual.machine import Piece


@dataclass(frozen=True)
class Found:
    kind: str
    data: bytes
    text: str
    left: int
    top: int
    right: int
    bottom: int
    version: str | None
    ec_level: str = ""  # zxing-cpp's reading of the symbol's format information: "L", "M", "Q" or "H"

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top


def decode_png(path_or_piece: object) -> list[Found]:
    import zxingcpp
    from PIL import Image

    image = renderer.to_image(path_or_piece) if isinstance(path_or_piece, Piece) else Image.open(path_or_piece)
    found = []
    for result in zxingcpp.read_barcodes(image.convert("L")):
        points = [result.position.top_left, result.position.top_right, result.position.bottom_left,
                  result.position.bottom_right]
        xs = [p.x for p in points]
        ys = [p.y for p in points]
        extra = result.extra if isinstance(result.extra, dict) else {}
        found.append(Found(result.format.name, bytes(result.bytes), result.text, min(xs), min(ys), max(xs),
                           max(ys), extra.get("Version"), getattr(result, "ec_level", "")))
    return found


def qr_codes(found: list[Found]) -> list[Found]:
    """QR codes left to right."""
    return sorted((f for f in found if "QR" in f.kind), key=lambda f: f.left)


def barcodes(found: list[Found]) -> list[Found]:
    return [f for f in found if "39" in f.kind]
