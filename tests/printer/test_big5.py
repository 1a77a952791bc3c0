"""Chinese text goes out as Big5 in Chinese mode and comes back as the same characters."""

from __future__ import annotations

import logging

from core.einvoice import ProofLine
from core.printer import big5
from core.printer.encoder import Align, Encoder
from core.printer.service import JobState
from core.printer.virtual.machine import TextRun
from core.printer.virtual.printer import VirtualPrinter
from core.printer.virtual.renderer import to_text
from tests.printer.conftest import fast_config, make_proof
from tests.printer.printing import print_one

NAMES = ["示範商店股份有限公司", "總計：100元", "（測試）＄５０", "碁峰資訊", "ABC-123 咖啡 Latte"]


def test_big5_text_round_trip_over_socket(printer_server) -> None:
    server = printer_server()
    encoder = Encoder().init()
    for name in NAMES:
        encoder.line(name)
    encoder.cut()
    from core.printer.transport import open_link

    link = open_link(fast_config(server.url))
    try:
        link.write(encoder.bytes())
        assert server.printer.wait_for_pieces(1, timeout=5)
    finally:
        link.close()
    assert to_text(server.printer.pieces[0]).splitlines() == NAMES
    assert encoder.replaced == []


def test_chinese_mode_is_what_makes_the_text_readable() -> None:
    """Without FS & the same bytes print as single-byte garbage: init must switch Chinese mode on."""
    printer = VirtualPrinter()
    body = Encoder().line("總計").cut().bytes()
    printer.receive(b"\x1b@" + body)  # ESC @ alone leaves Chinese mode off
    printer.receive(Encoder().init().bytes() + body)
    garbled, right = (to_text(p).strip() for p in printer.pieces)
    assert right == "總計"
    assert garbled != "總計"


def test_non_big5_character_prints_a_visible_replacement_and_is_logged(printer_server, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="core.printer.big5")
    proof = make_proof(lines=(ProofLine("陳喆的便當", 1, 80), ProofLine("堃記茶", 2, 30)), buyer_ban="24634102")
    server = printer_server()
    event = print_one(fast_config(server.url), proof)
    assert event.state is JobState.PRINTED
    assert [w.code for w in event.warnings] == ["printer.text_replaced"]
    assert "喆" in event.warnings[0].text("en") and "堃" in event.warnings[0].text("en")
    text = to_text(server.printer.pieces[0])
    assert f"陳{big5.REPLACEMENT}的便當" in text and f"{big5.REPLACEMENT}記茶" in text
    assert "U+5586" in caplog.text and "U+5803" in caplog.text


def test_replacement_keeps_columns_and_control_bytes_never_reach_the_printer() -> None:
    encoded = big5.encode("a\x1b@b喆")
    assert encoded.data == b"a @b" + big5.REPLACEMENT.encode("cp950")
    assert encoded.replaced == ["喆"]
    assert big5.cells("喆a") == 3  # the replacement takes the two cells the character would have
    assert big5.fit("乾電池ABC", 7) == "乾電池A"


def test_gs_size_enlarges_chinese_and_ascii_alike() -> None:
    printer = VirtualPrinter()
    printer.receive(Encoder().init().align(Align.CENTER).size(2, 2).line("證明聯 AB").cut().bytes())
    runs = [e for e in printer.pieces[0].elements if isinstance(e, TextRun)]
    assert [(r.scale_w, r.scale_h) for r in runs] == [(2, 2)]
    assert runs[0].width == (3 * 24 + 3 * 12) * 2
    assert runs[0].x == (384 - runs[0].width) // 2
