"""Models whose firmware takes GS ( k and GS k print the proof copy's codes natively unless told otherwise.

At 9600 baud a raster pair of QR codes is ~6 KB, six seconds of wire; the native copy has to fit in one
second (960 bytes at 8N1). The bytes go to the virtual printer over a real socket, and zxing-cpp reads the
paper back, so a native copy that does not scan fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core.einvoice import qr_bytes
from core.printer.config import PrinterConfig
from core.printer.layout import encode_document
from core.printer.models import GENERIC, MODELS, PrinterModel, printer_model
from core.printer.service import JobState
from core.printer.virtual.decoder import Decoder
from tests.printer.conftest import NATIVE_PAIR_ITEMS, fast_config, make_proof
from tests.printer.decoding import barcodes, decode_png, qr_codes
from tests.printer.printing import print_one

SLOW_LINK_BYTES_PER_SECOND = 9600 // 10  # 8N1: ten bits on the wire for every byte


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.name)
def test_each_model_prints_its_codes_as_its_registry_entry_says(model: PrinterModel) -> None:
    config = PrinterConfig.from_mapping({"model": model.name})
    assert config.qr_mode == ("page" if model.native_qr else "raster")
    assert config.barcode_mode == ("native" if model.native_code39 else "raster")


def test_the_posiflex_models_are_native_and_a_printer_of_unknown_firmware_is_not() -> None:
    assert all(printer_model(name).native_qr for name in ("PP-8800", "PP-8802", "PP-5200"))
    assert not GENERIC.native_qr
    assert PrinterConfig.from_mapping({}).qr_mode == PrinterConfig().qr_mode == "raster"


def test_a_configured_mode_wins_over_the_models_default() -> None:
    config = PrinterConfig.from_mapping({"model": "PP-8800", "qr_mode": "raster", "barcode_mode": "raster"})
    assert (config.qr_mode, config.barcode_mode) == ("raster", "raster")
    assert PrinterConfig.from_mapping({"model": "generic", "qr_mode": "page"}).qr_mode == "page"


def test_the_station_configuration_takes_the_models_default(tmp_path: Path) -> None:
    from core.config import load_config
    from tests.test_config import config_file

    native = load_config(config_file(tmp_path, {"printer": {"model": "PP-8802"}}), environ={})
    assert (native.printer.qr_mode, native.printer.barcode_mode) == ("page", "native")
    chosen = load_config(config_file(tmp_path, {"printer": {"model": "PP-8802", "qr_mode": "raster"}},
                                     name="raster.toml"), environ={})
    assert chosen.printer.qr_mode == "raster"


def test_a_native_proof_copy_is_within_a_second_at_9600_baud_and_scans(printer_server) -> None:
    proof = make_proof(lines=NATIVE_PAIR_ITEMS)
    server = printer_server()
    config = fast_config(server.url, model="PP-8800")
    document = encode_document(proof, config.layout())
    assert not document.has_raster
    assert len(document.bytes()) <= SLOW_LINK_BYTES_PER_SECOND
    raster = encode_document(proof, fast_config(server.url, model="PP-8800", qr_mode="raster").layout())
    assert len(raster.bytes()) > 5 * SLOW_LINK_BYTES_PER_SECOND  # what the native path saves is real

    assert print_one(config, proof).state is JobState.PRINTED
    piece = server.printer.pieces[0]
    kinds = {e.kind for e in piece.elements if hasattr(e, "kind")}
    assert {"qr", "barcode"} <= kinds and "raster" not in kinds
    found = decode_png(piece)
    assert [b.text for b in barcodes(found)] == [proof.barcode]
    left, right = qr_codes(found)
    assert (left.data, right.data) == (qr_bytes(proof.qr_left), qr_bytes(proof.qr_right))
    assert left.version == right.version and int(left.version) >= 6
    assert (left.width, left.height) == (right.width, right.height)
    assert abs(left.top - right.top) <= 1 and left.right < right.left


def test_the_native_codes_are_the_bytes_python_escpos_writes(printer_server, escpos_dummy) -> None:
    proof = make_proof(lines=NATIVE_PAIR_ITEMS)
    server = printer_server()
    config = fast_config(server.url, model="PP-8800")
    assert print_one(config, proof).state is JobState.PRINTED
    raw = server.printer.pieces[0].raw
    module = next(c.raw[-1] for c in Decoder().feed(raw) if c.raw.startswith(b"\x1d(k\x03\x001C"))
    for text in (proof.qr_left, proof.qr_right):
        dummy = escpos_dummy()
        dummy.qr(text, native=True, size=module, ec=0)  # ec 0 = QR_ECLEVEL_L, the rules' minimum
        assert dummy.output in raw
    dummy = escpos_dummy()
    dummy.barcode(proof.barcode, "CODE39", height=48, width=2, pos="OFF", function_type="B", align_ct=False)
    # python-escpos refuses GS w 1, which 19 characters on 57 mm paper need: the rest is byte for byte.
    assert dummy.output.replace(b"\x1dw\x02", b"\x1dw\x01") in raw


def test_a_pair_the_printer_would_size_unequally_stays_one_raster_on_a_native_model(printer_server, proof) -> None:
    server = printer_server()
    config = fast_config(server.url, model="PP-8800")
    assert config.qr_mode == "page"
    assert print_one(config, proof).state is JobState.PRINTED
    piece = server.printer.pieces[0]
    kinds = {e.kind for e in piece.elements if hasattr(e, "kind")}
    assert "qr" not in kinds and {"raster", "barcode"} <= kinds
    left, right = qr_codes(decode_png(piece))
    assert (left.data, right.data) == (qr_bytes(proof.qr_left), qr_bytes(proof.qr_right))
    assert left.version == right.version
