"""The documents fitted to the paper: nothing wraps or runs off the edge at any supported width."""

from __future__ import annotations

from datetime import datetime

import pytest

from core.clock import TAIPEI
from core.printer.documents import sample_test_page
from core.printer.layout import LayoutOptions, encode_document
from core.printer.layout.paper import DOTS_PER_LINE_CHOICES
from core.printer.virtual.machine import Picture, TextRun
from core.printer.virtual.printer import VirtualPrinter
from core.printer.virtual.renderer import to_text
from tests.printer.conftest import make_proof
from tests.printer.decoding import barcodes, decode_png, qr_codes

B2C_LINES = ["示範商店股份有限公司", "電子發票證明聯", "115年11-12月", "AB-12345678", "2026-11-22 14:05:09"]


def _print(document, dots: int, **options):
    printer = VirtualPrinter(dots_per_line=dots)
    printer.receive(encode_document(document, LayoutOptions(dots, **options)).bytes())
    assert len(printer.pieces) == 1
    return printer.pieces[0]


@pytest.mark.parametrize("dots", DOTS_PER_LINE_CHOICES)
@pytest.mark.parametrize("b2b", [False, True])
def test_every_line_fits_the_paper(dots, b2b) -> None:
    proof = make_proof(dots=dots, buyer_ban="24634102" if b2b else None)
    piece = _print(proof, dots)
    for element in piece.elements:
        width = element.width if isinstance(element, TextRun) else element.bitmap.width
        assert element.x >= 0 and element.x + width <= dots, element
    lines = to_text(piece).splitlines()
    assert lines[:4] == B2C_LINES[:4]  # no heading wrapped onto a second line
    assert lines[4].startswith(B2C_LINES[4])
    assert lines[5].startswith("隨機碼 1234") and lines[5].endswith("總計 340")


def test_b2c_sheet_is_about_nine_centimetres() -> None:
    piece = _print(make_proof(), 384)
    assert 560 <= piece.height <= 760  # 9 cm = 720 dots at 8 dots/mm, the cut feed included


def test_headings_are_large_and_the_number_largest() -> None:
    piece = _print(make_proof(), 384)
    runs = {run.text: run for run in piece.elements if isinstance(run, TextRun)}
    assert runs["電子發票證明聯"].scale_h == 2 and runs["電子發票證明聯"].bold
    assert runs["AB-12345678"].scale_w == runs["115年11-12月"].scale_w == 2
    reprint = _print(make_proof().as_reprint(), 384)
    title = next(r for r in reprint.elements if isinstance(r, TextRun) and r.text == "電子發票證明聯補印")
    assert title.width <= 384  # the longer title drops to double height only, and still fits


def test_test_page_has_strip_sample_marked_test_and_scannable_codes() -> None:
    page = sample_test_page(issued=datetime(2026, 11, 22, 9, 0, tzinfo=TAIPEI), model="PP-8800")
    piece = _print(page, 384)
    text = to_text(piece)
    assert "印表機測試頁 TEST PAGE" in text and "model PP-8800  dots 384" in text
    assert text.count("** 測試 TEST 非發票 **") == 2
    strips = [e for e in piece.elements if isinstance(e, Picture) and e.bitmap.height > 100
              and e.bitmap.width == 384 and e.kind == "raster"]
    assert strips, "calibration strip missing"
    found = decode_png(piece)
    assert [b.text for b in barcodes(found)] == [page.sample.barcode]
    left, right = qr_codes(found)
    assert (left.text, right.text) == (page.sample.qr_left, page.sample.qr_right)
