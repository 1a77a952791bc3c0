"""Our bytes against python-escpos's Dummy printer, an encoder written by other people."""

from __future__ import annotations

import pytest

from core.printer.codes import plan_qr_pair, qr_pair_bitmap
from core.printer.encoder import Encoder


def test_code39_matches_escpos_and_differs_only_in_module_width(escpos_dummy) -> None:
    data = "11512AB123456781234"
    dummy = escpos_dummy()
    dummy.barcode(data, "CODE39", height=48, width=2, pos="OFF", function_type="B", align_ct=False)
    assert Encoder().code39(data, module=2, height=48).bytes() == dummy.output
    ours = Encoder().code39(data, module=1, height=48).bytes()
    # python-escpos refuses width 1 (2..6 only), which 19 characters on 57 mm paper need.
    assert ours == dummy.output.replace(b"\x1dw\x02", b"\x1dw\x01")
    with pytest.raises(Exception, match=r"(?i)width|size"):
        escpos_dummy().barcode(data, "CODE39", width=1, function_type="B")


@pytest.mark.parametrize(("module", "data"), [(3, b"hello"), (4, "電子發票:1:105".encode())])
def test_native_qr_matches_escpos(escpos_dummy, module, data) -> None:
    dummy = escpos_dummy()
    dummy.qr(data.decode(), native=True, size=module, ec=0)  # ec 0 = QR_ECLEVEL_L
    assert Encoder().qr(data, module=module, ecc="L").bytes() == dummy.output


@pytest.mark.parametrize(("partial", "mode"), [(False, "FULL"), (True, "PART")])
def test_cut_matches_escpos(escpos_dummy, partial, mode) -> None:
    dummy = escpos_dummy()
    dummy.cut(mode=mode)
    assert Encoder().cut(partial=partial, feed_lines=6).bytes() == dummy.output


@pytest.mark.parametrize("pin", [2, 5])
def test_drawer_kick_matches_escpos(escpos_dummy, pin) -> None:
    dummy = escpos_dummy()
    dummy.cashdraw(pin)
    assert Encoder().drawer_kick(pin=pin, pulse_ms=100).bytes() == dummy.output


def test_raster_qr_pair_matches_escpos_image(escpos_dummy) -> None:
    from PIL import Image

    left, right = b"A" * 100, b"**" + b"B" * 20
    bitmap = qr_pair_bitmap(left, right, plan_qr_pair(left, right, 384))
    image = Image.frombytes("1", (bitmap.width_bytes * 8, bitmap.height), bitmap.to_bytes(), "raw", "1;I")
    dummy = escpos_dummy()
    dummy.image(image, impl="bitImageRaster", center=False)
    assert Encoder().raster(bitmap).bytes() == dummy.output
