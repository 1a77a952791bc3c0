"""Proof copy -> encoder -> pyserial socket:// -> virtual printer -> PNG -> zxing-cpp.

The decoder that reads the paper back is not ours, so a wrong byte anywhere on the way shows up as an
unreadable or different code.
"""

from __future__ import annotations

import pytest

from core.einvoice import ProofLine, qr_bytes
from core.printer.codes import MIN_QR_DOTS
from core.printer.layout.paper import DOTS_PER_LINE_CHOICES
from core.printer.service import JobState
from core.printer.virtual.decoder import Decoder
from core.printer.virtual.renderer import MARGIN
from tests.printer.conftest import NATIVE_PAIR_ITEMS, fast_config, make_proof
from tests.printer.decoding import barcodes, decode_png, qr_codes
from tests.printer.printing import print_one


def _check_codes(png, proof, dots: int) -> None:
    found = decode_png(png)
    bars = barcodes(found)
    assert [b.text for b in bars] == [proof.barcode]
    bar = bars[0]
    assert bar.left >= MARGIN and bar.right <= MARGIN + dots, "barcode outside the paper width"

    left, right = qr_codes(found)
    expected = (qr_bytes(proof.qr_left, proof.qr_encoding), qr_bytes(proof.qr_right, proof.qr_encoding))
    assert (left.data, right.data) == expected  # exactly the payload, in every mode: not a byte added
    assert left.version == right.version and int(left.version) >= 6
    assert left.width == right.width and left.height == right.height, "the two QR codes differ in size"
    assert left.width >= MIN_QR_DOTS - 1  # zxing's corners are module centres of the outer ring, ±1 dot
    assert abs(left.top - right.top) <= 1, "QR codes not top-aligned"
    assert left.right < right.left, "QR codes overlap"
    assert left.left >= MARGIN and right.right <= MARGIN + dots


def test_b2c_proof_copy_round_trip_over_socket(printer_server, proof, tmp_path) -> None:
    server = printer_server(out=tmp_path / "out")
    event = print_one(fast_config(server.url), proof)
    assert event.state is JobState.PRINTED, event.reason
    assert [p.name for p in sorted((tmp_path / "out").iterdir())] == ["job-0001.bin", "job-0001.png",
                                                                      "job-0001.txt"]
    _check_codes(tmp_path / "out" / "job-0001.png", proof, 384)
    assert server.printer.machine.unknown == []


@pytest.mark.parametrize("dots", DOTS_PER_LINE_CHOICES)
def test_codes_fit_and_scan_at_every_paper_width(printer_server, dots) -> None:
    proof = make_proof(dots=dots)
    server = printer_server(dots=dots)
    event = print_one(fast_config(server.url, dots_per_line=dots), proof)
    assert event.state is JobState.PRINTED, event.reason
    _check_codes(server.printer.pieces[0], proof, dots)


@pytest.mark.parametrize(("qr_mode", "barcode_mode"), [("page", "native"), ("raster", "raster"), ("page", "raster")])
def test_other_modes_round_trip(printer_server, qr_mode, barcode_mode) -> None:
    proof = make_proof(lines=NATIVE_PAIR_ITEMS)  # a pair the printer's own version choice makes equal
    server = printer_server()
    config = fast_config(server.url, qr_mode=qr_mode, barcode_mode=barcode_mode)
    assert print_one(config, proof).state is JobState.PRINTED
    _check_codes(server.printer.pieces[0], proof, 384)
    kinds = {e.kind for e in server.printer.pieces[0].elements if hasattr(e, "kind")}
    assert ("qr" in kinds) == (qr_mode == "page")  # native symbols only in page mode
    assert ("barcode" in kinds) == (barcode_mode == "native")


def test_page_mode_qr_data_is_exactly_the_payload(printer_server) -> None:
    """What the printer is told to encode (GS ( k fn 180) is the payload byte for byte: no padding."""
    proof = make_proof(lines=NATIVE_PAIR_ITEMS)
    server = printer_server()
    assert print_one(fast_config(server.url, qr_mode="page"), proof).state is JobState.PRINTED
    stored = [c.raw[8:] for c in Decoder().feed(server.printer.pieces[0].raw) if c.raw.startswith(b"\x1d(k")
              and c.raw[5:8] == b"1P0"]
    assert stored == [qr_bytes(proof.qr_left), qr_bytes(proof.qr_right)]
    left, right = qr_codes(decode_png(server.printer.pieces[0]))
    assert (left.text, right.text) == (proof.qr_left, proof.qr_right)


def test_page_mode_prints_a_pair_the_printer_would_size_unequally_as_one_raster(printer_server, proof) -> None:
    # THREE_ITEMS: the left code needs version 6, the right one version 2. Without a version command the
    # printer would print them at different sizes, so the pair goes out as one raster image, data exact.
    server = printer_server()
    assert print_one(fast_config(server.url, qr_mode="page"), proof).state is JobState.PRINTED
    piece = server.printer.pieces[0]
    _check_codes(piece, proof, 384)
    kinds = {e.kind for e in piece.elements if hasattr(e, "kind")}
    assert "qr" not in kinds and "raster" in kinds


def test_many_items_and_big5_qr_encoding_round_trip(printer_server) -> None:
    lines = tuple(ProofLine(f"商品{i:02d}號", i, 10 * i) for i in range(1, 16))
    proof = make_proof(lines=lines, encoding="big5")
    server = printer_server()
    assert print_one(fast_config(server.url), proof).state is JobState.PRINTED
    _check_codes(server.printer.pieces[0], proof, 384)
    assert proof.qr_version > 6  # the test really exercises a larger shared version


def test_b2b_proof_copy_has_format_25_and_detail_block(printer_server) -> None:
    proof = make_proof(buyer_ban="24634102")
    server = printer_server()
    assert print_one(fast_config(server.url), proof).state is JobState.PRINTED
    piece = server.printer.pieces[0]
    _check_codes(piece, proof, 384)
    from core.printer.virtual.renderer import to_text

    text = to_text(piece)
    assert "2026-11-22 14:05:09 格式25" in text
    assert "賣方 12345675" in text and "買方 24634102" in text
    for word in ("品名", "數量", "單價", "金額", "銷售額", "稅額", "課稅別", "備註"):
        assert word in text
    assert "324" in text and "16" in text  # 340 split into sales and tax
    lines = text.splitlines()
    assert lines.index("[CODE39 11512AB123456781234]") < next(i for i, t in enumerate(lines) if "品名" in t)


def test_fixed_qr_mask_option_still_scans() -> None:
    from core.printer.layout import LayoutOptions, encode_document
    from core.printer.virtual.printer import VirtualPrinter

    proof = make_proof()
    printer = VirtualPrinter()
    printer.receive(encode_document(proof, LayoutOptions(384, qr_mask=0)).bytes())
    _check_codes(printer.pieces[0], proof, 384)
