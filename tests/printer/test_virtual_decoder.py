"""The virtual printer's own reading of ESC/POS: incremental, strict about shapes, loud about unknowns."""

from __future__ import annotations

import pytest

from core.printer.codes import code39_pattern
from core.printer.encoder import Encoder
from core.printer.virtual.decoder import Decoder
from core.printer.virtual.machine import Picture
from core.printer.virtual.printer import VirtualPrinter
from core.printer.virtual.renderer import to_text
from tests.printer.conftest import NATIVE_PAIR_ITEMS, make_proof


def _job() -> bytes:
    from core.printer.layout import LayoutOptions, encode_document

    proof = make_proof(buyer_ban="24634102", lines=NATIVE_PAIR_ITEMS)  # native QR codes in page mode
    return encode_document(proof, LayoutOptions(qr_mode="page")).bytes()


def _merged(commands: list) -> list[tuple[str, bytes]]:
    """Text runs end wherever a chunk ended; everything else must be identical."""
    out: list[tuple[str, bytes]] = []
    for c in commands:
        if out and c.name == "text" and out[-1][0] == "text":
            out[-1] = ("text", out[-1][1] + c.raw)
        else:
            out.append((c.name, c.raw))
    return out


def test_byte_by_byte_feeding_gives_the_same_commands_as_one_chunk() -> None:
    data = _job()
    whole = Decoder().feed(data)
    decoder = Decoder()
    pieces = [command for i in range(len(data)) for command in decoder.feed(data[i:i + 1])]
    assert _merged(pieces) == _merged(whole)
    assert decoder.pending == 0
    assert b"".join(c.raw for c in whole) == data  # nothing skipped, nothing invented
    assert not [c for c in whole if c.name == "unknown"]


def test_unknown_commands_are_reported_and_skipped() -> None:
    printer = VirtualPrinter()
    printer.receive(Encoder().init().raw(b"\x1b\x7f").line("after").raw(b"\x1d\x99").cut().bytes())
    piece = printer.pieces[0]
    assert piece.unknown == ["unknown 1b 7f", "unknown 1d 99"]
    assert "after" in to_text(piece)
    assert "[unknown command] unknown 1b 7f" in to_text(piece)


def test_native_code39_bars_match_python_barcode_pattern() -> None:
    """Two independent Code 39 tables (ours in the virtual printer, python-barcode's) must agree."""
    data = "11512AB123456781234"
    printer = VirtualPrinter()
    printer.receive(Encoder().init().code39(data, module=1, height=10).cut().bytes())
    bars = next(e for e in printer.pieces[0].elements if isinstance(e, Picture))
    drawn = "".join("1" if bars.bitmap.get(x, 0) else "0" for x in range(bars.bitmap.width))
    assert drawn == code39_pattern(data)
    assert len(drawn) == 335


def test_code39_at_module_two_does_not_fit_57mm_and_prints_nothing() -> None:
    printer = VirtualPrinter(dots_per_line=384)
    printer.receive(Encoder().init().code39("11512AB123456781234", module=2).cut().bytes())
    piece = printer.pieces[0]
    assert not [e for e in piece.elements if isinstance(e, Picture)]
    assert any("not printed" in note for note in piece.notes)


def test_status_request_is_answered_in_real_time_even_while_paper_is_out() -> None:
    printer = VirtualPrinter(fault="paper-end")
    replies = printer.receive(Encoder().init().line("held").bytes() + b"\x10\x04\x04" + b"\x10\x04\x01")
    assert replies == bytes((0x7E, 0x1A))  # paper end; offline (the reference's test vectors)
    assert printer.pieces == []
    printer.set_fault(None)  # paper loaded: the held job prints
    printer.receive(Encoder().cut().bytes())
    assert to_text(printer.pieces[0]).splitlines()[0] == "held"


def test_status_request_split_across_chunks_is_answered_once() -> None:
    printer = VirtualPrinter()
    assert printer.receive(b"\x10") == b""
    assert printer.receive(b"\x04") == b""
    assert printer.receive(b"\x02\x10\x04") == b"\x12"
    assert printer.receive(b"\x03") == b"\x12"
    assert printer.status_queries == 2


def test_raster_wider_than_the_head_is_cut_off() -> None:
    from core.printer.layout.printer_check_page import calibration_strip

    printer = VirtualPrinter(dots_per_line=416)
    printer.receive(Encoder().init().raster(calibration_strip()).cut().bytes())
    picture = next(e for e in printer.pieces[0].elements if isinstance(e, Picture))
    assert picture.bitmap.width == 416
    left, right = picture.bitmap.ink_columns()
    assert (left, right) == (0, 415)


@pytest.mark.parametrize("dots", [384, 512])
def test_calibration_strip_shows_the_notch_only_on_bars_the_head_holds(dots) -> None:
    from core.printer.layout.paper import DOTS_PER_LINE_CHOICES
    from core.printer.layout.printer_check_page import BAR_HEIGHT, END_MARK, calibration_strip

    printer = VirtualPrinter(dots_per_line=dots)
    printer.receive(Encoder().init().raster(calibration_strip()).cut().bytes())
    bitmap = next(e for e in printer.pieces[0].elements if isinstance(e, Picture)).bitmap
    for index, width in enumerate(DOTS_PER_LINE_CHOICES):
        row = index * (BAR_HEIGHT + 6) + BAR_HEIGHT // 2
        if width <= dots:  # the whole bar is on paper: white notch, then the black tip
            assert not bitmap.get(width - 2 * END_MARK, row) and bitmap.get(width - 1, row)
            assert width == dots or not bitmap.get(width, row)
        else:  # cut off by the head: black to the edge, no notch anywhere
            assert all(bitmap.get(x, row) for x in range(dots))
