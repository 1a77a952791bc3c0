"""Native QR pairs for short invoices too: one error-correction level per code steers the printer's own
version choice (GS ( k has no version parameter) so that both codes come out the same size.

The virtual printer picks each version with segno at the level fn 169 set, and zxing-cpp reads the paper
back, so a level that does not give the version we planned shows up as two codes of different sizes.
"""

from __future__ import annotations

from datetime import datetime

import pytest
import segno
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.clock import TAIPEI
from core.einvoice import HEADER_LENGTH, ProofCopy, ProofLine, build_proof_copy, max_version_for_paper, qr_bytes
from core.einvoice.qr_capacity import EC_LEVELS, MIN_VERSION, drawable_versions, steer_pair
from core.printer.codes import plan_qr_pair
from core.printer.encoder import Encoder
from core.printer.layout import LayoutOptions, encode_document
from core.printer.layout.paper import DOTS_PER_LINE_CHOICES
from core.printer.service import JobState
from core.printer.virtual.decoder import Decoder
from core.printer.virtual.printer import VirtualPrinter
from tests.printer.conftest import AES_KEY, NATIVE_PAIR_ITEMS, THREE_ITEMS, fast_config, make_proof
from tests.printer.decoding import decode_png, qr_codes
from tests.printer.printing import print_one

SLOW_LINK_BYTES_PER_SECOND = 9600 // 10  # 8N1: ten bits on the wire for every byte
FN169 = b"\x1d(k\x03\x001E"
LEVEL_BYTES = {0x30: "L", 0x31: "M", 0x32: "Q", 0x33: "H"}
ESCPOS_EC = {"L": 0, "M": 1, "Q": 2, "H": 3}  # python-escpos's QR_ECLEVEL_* constants
# Three everyday items: the right code is 52 bytes (version 3 at L), the left one 95 (version 5 at L);
# at M and H both are version 6.
SHORT_ITEMS = (ProofLine("鮮奶吐司", 1, 45), ProofLine("無糖綠茶", 2, 25), ProofLine("茶葉蛋", 3, 13))


def sent_codes(raw: bytes) -> list[tuple[str, bytes]]:
    """(level, data) of every native QR code in a byte stream, as the printer's parser splits it."""
    level = "L"
    found = []
    for command in Decoder().feed(raw):
        if command.raw.startswith(FN169):
            level = LEVEL_BYTES[command.raw[-1]]
        elif command.raw.startswith(b"\x1d(k") and command.raw[5:8] == b"1P0":
            found.append((level, command.raw[8:]))
    return found


def printer_version(data: bytes, level: str) -> int:
    """The version a printer picks: the smallest that holds the data at that level, in byte mode."""
    version = segno.make_qr(data, error=level, mode="byte", boost_error=False).version
    assert isinstance(version, int)
    return version


def test_the_virtual_printer_picks_the_version_at_the_level_fn_169_sets() -> None:
    expected = {"L": 5, "M": 6, "Q": 8, "H": 10}  # 100 bytes: ISO/IEC 18004 table 7
    for level, version in expected.items():
        printer = VirtualPrinter()
        printer.receive(Encoder().init().qr(b"x" * 100, module=3, ecc=level).cut().bytes())
        piece = printer.pieces[0]
        [symbol] = [e for e in piece.elements if getattr(e, "kind", "") == "qr"]
        assert symbol.label.startswith(f"[QR v{version} {level} m3:")
        assert symbol.bitmap.width == (17 + 4 * version) * 3
        [found] = qr_codes(decode_png(piece))
        assert (found.version, found.ec_level, found.data) == (str(version), level, b"x" * 100)


@pytest.mark.parametrize("dots", DOTS_PER_LINE_CHOICES)
def test_drawable_versions_are_the_versions_the_pair_plan_draws(dots: int) -> None:
    drawable = drawable_versions(dots)
    for version in range(MIN_VERSION, 41):
        try:
            planned = plan_qr_pair(b"", b"", dots, min_version=version).version
        except ValueError:
            planned = None
        assert (planned == version) == (version in drawable), version
    assert set(drawable_versions(384)) <= set(drawable)  # what the narrowest paper draws, all do
    if dots == 384:
        assert drawable == (6, 7, 8, 9, 11, 12, 13, 14, 15, 16)  # version 10 is under 1.5 cm at 2 dots


def test_a_short_invoice_prints_natively_within_a_second_at_9600_baud_and_scans(printer_server,
                                                                                escpos_dummy) -> None:
    proof = make_proof(lines=SHORT_ITEMS)
    config = fast_config(printer_server().url, model="PP-8800")
    document = encode_document(proof, config.layout())
    assert not document.has_raster
    assert len(document.bytes()) <= SLOW_LINK_BYTES_PER_SECOND
    levels = [level for level, _ in sent_codes(document.bytes())]
    assert levels == ["M", "H"]  # at L the printer would pick versions 5 and 3

    server = printer_server()
    config = fast_config(server.url, model="PP-8800")
    assert print_one(config, proof).state is JobState.PRINTED
    piece = server.printer.pieces[0]
    assert "raster" not in {e.kind for e in piece.elements if hasattr(e, "kind")}
    left, right = qr_codes(decode_png(piece))
    assert (left.data, right.data) == (qr_bytes(proof.qr_left), qr_bytes(proof.qr_right))
    assert left.version == right.version == "6"
    assert (left.ec_level, right.ec_level) == ("M", "H")
    assert (left.width, left.height) == (right.width, right.height)
    assert abs(left.top - right.top) <= 1 and left.right < right.left
    # python-escpos, told the same level and module size, writes the same bytes for each code.
    raw = piece.raw
    module = next(c.raw[-1] for c in Decoder().feed(raw) if c.raw.startswith(b"\x1d(k\x03\x001C"))
    for text, level in ((proof.qr_left, "M"), (proof.qr_right, "H")):
        dummy = escpos_dummy()
        dummy.qr(text, native=True, size=module, ec=ESCPOS_EC[level])
        assert dummy.output in raw


def test_pairs_equal_at_level_l_are_sent_at_level_l_as_before() -> None:
    proof = make_proof(lines=NATIVE_PAIR_ITEMS)
    document = encode_document(proof, LayoutOptions(384, qr_mode="page"))
    assert [level for level, _ in sent_codes(document.bytes())] == ["L", "L"]


def test_an_invoice_no_level_can_even_out_still_prints_one_raster() -> None:
    # The official example: its three items are 42 bytes with the right code's prefix, and version 5
    # holds 44 even at H, so no split reaches a common version.
    proof = make_proof(lines=THREE_ITEMS)
    document = encode_document(proof, LayoutOptions(384, qr_mode="page"))
    assert document.has_raster and sent_codes(document.bytes()) == []


# -- the property: native exactly when a lawful steered pair exists ------------------------------------

name_parts = st.sampled_from(["茶", "水", "米", "蛋", "鮮奶", "吐司", "綠茶", "有機高山烏龍茶葉禮盒",
                              "北海道牛奶夾心餅乾", "Cola", "AA battery", "：", "😀", "-"])
names = st.lists(name_parts, min_size=1, max_size=4).map("".join)
lines = st.builds(ProofLine, names, st.integers(min_value=1, max_value=20), st.integers(min_value=0, max_value=9999))
line_lists = st.lists(lines, max_size=30)


def build(items: list[ProofLine], encoding: str, dots: int) -> ProofCopy:
    return build_proof_copy(
        seller_name="示範商店", seller_ban="12345675", number="AB12345678", random_code="1234",
        issued=datetime(2026, 11, 22, 14, 5, 9, tzinfo=TAIPEI), lines=items, aes_key_hex=AES_KEY,
        encoding=encoding, max_qr_version=max_version_for_paper(dots))


def every_split(proof: ProofCopy) -> list[tuple[bytes, bytes]]:
    """The same recorded stream cut at every item boundary, as (left, right) bytes."""
    tokens = (proof.qr_left[HEADER_LENGTH:] + proof.qr_right[2:]).split(":")
    head, fields = tokens[:5], tokens[5:]
    splits = []
    for in_left in range(len(fields) // 3 + 1):
        left_fields, right_fields = fields[:3 * in_left], fields[3 * in_left:]
        left = proof.qr_left[:HEADER_LENGTH] + ":".join(head + left_fields) + (":" if right_fields else "")
        splits.append((qr_bytes(left, proof.qr_encoding), qr_bytes("**" + ":".join(right_fields), proof.qr_encoding)))
    return splits


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=line_lists, encoding=st.sampled_from(["utf-8", "big5"]), dots=st.sampled_from(DOTS_PER_LINE_CHOICES))
def test_native_only_as_a_lawful_equal_pair_and_raster_only_when_none_exists(
        items: list[ProofLine], encoding: str, dots: int) -> None:
    proof = build(items, encoding, dots)
    left, right = qr_bytes(proof.qr_left, proof.qr_encoding), qr_bytes(proof.qr_right, proof.qr_encoding)
    # the split is lawful: one continuous ':'-separated stream whose counts tell the truth
    tokens = (proof.qr_left[HEADER_LENGTH:] + proof.qr_right[2:]).split(":")
    recorded = int(tokens[2])
    assert tokens[0] == "" and tokens[1] == "**********" and tokens[3] == str(len(items))
    assert len(tokens) == 5 + 3 * recorded and proof.qr_right.startswith("**")
    assert proof.qr_left.endswith(":") == (proof.qr_right != "**")

    document = encode_document(proof, LayoutOptions(dots, qr_mode="page"))
    sent = sent_codes(document.bytes())
    limit = max_version_for_paper(dots)
    steerable = [s for s in (steer_pair(len(a), len(b), max_version=limit) for a, b in every_split(proof)) if s]
    if document.has_raster:
        assert sent == []
        assert steerable == []  # no split and no levels would have made the pair equal
        return
    assert [data for _, data in sent] == [left, right]  # exactly the payload, not a byte added
    assert all(level in EC_LEVELS for level, _ in sent)  # L or higher
    versions = [printer_version(data, level) for level, data in sent]
    assert versions[0] == versions[1] >= MIN_VERSION
    assert versions[0] in drawable_versions(dots)
    if dots == 384:  # the smallest version any split reaches on the paper the data was planned for
        assert versions[0] == min(s.version for s in steerable)
