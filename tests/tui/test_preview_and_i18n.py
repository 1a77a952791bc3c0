"""The print preview shows the printed codes module for module, and every string has both languages."""

from __future__ import annotations

from pathlib import Path

from core.printer.codes import plan_qr_pair, qr_matrix
from core.printer.config import PrinterConfig
from core.printer.layout.proof_copy import qr_payload_bytes
from core.printer.virtual.machine import Picture
from tests.factories import open_station, simple_sale
from tui.i18n import CATALOGS
from tui.widgets.receipt_preview import _blocks, _grid, _module_size, piece_for, render_piece


def test_the_preview_qr_codes_are_the_printed_ones_module_for_module(tmp_path: Path) -> None:
    station = open_station(tmp_path / "s.db")
    proof = station.checkout(simple_sale()).proof_copy
    assert proof is not None
    options = PrinterConfig(url="emulator").layout()
    piece = piece_for(proof, options)
    raster = next(e for e in piece.elements if isinstance(e, Picture) and e.kind == "raster")
    grid = _grid(raster.bitmap, _module_size(raster.bitmap))
    left_bytes, right_bytes = qr_payload_bytes(proof)
    plan = plan_qr_pair(left_bytes, right_bytes, options.dots_per_line)
    blocks = _blocks(grid)
    assert len(blocks) == 2
    for (start, end), data in zip(blocks, (left_bytes, right_bytes), strict=True):
        shown = [row[start:end] for row in grid]
        expected = [[bool(m) for m in row] for row in qr_matrix(data, plan.version)]
        assert shown == expected
    text = "\n".join(line.plain for line in render_piece(piece))
    assert proof.printed_number in text and f"隨機碼 {proof.random_code}" in text and "█" in text
    station.close()


def test_both_catalogs_have_the_same_keys_and_placeholders() -> None:
    import string

    zh, en = CATALOGS["zh_TW"], CATALOGS["en"]
    assert set(zh) == set(en)
    for key in zh:
        fields = [{name for _, name, _, _ in string.Formatter().parse(text) if name} for text in (zh[key], en[key])]
        assert fields[0] == fields[1], key
