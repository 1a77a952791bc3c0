"""The Code 39 barcode text and the two QR payloads of a proof copy."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from fractions import Fraction

import pytest
import segno
from hypothesis import given, settings
from hypothesis import strategies as st

from core.clock import TAIPEI
from core.einvoice.payloads import (
    HEADER_LENGTH,
    barcode_payload,
    qr_bytes,
    qr_payloads,
    qr_version,
)
from core.einvoice.qr_capacity import BYTE_CAPACITY_L, steer_pair
from core.einvoice.verification import verification_code

KEY = "9f3b2a1c4d5e6f708192a3b4c5d6e7f8"
SELLER = "12345675"
BUYER = "24634102"
ISSUED = datetime(2026, 11, 22, 14, 5, 9, tzinfo=TAIPEI)
FLAGS = {"big5": "0", "utf-8": "1"}
CODECS = {"big5": "cp950", "utf-8": "utf-8"}

invoice_numbers = st.from_regex(r"[A-Z]{2}[0-9]{8}", fullmatch=True)
random_codes = st.from_regex(r"[0-9]{4}", fullmatch=True)
# any text a str can hold as real characters (lone surrogates are covered separately below)
name_chars = st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(":：乾電池口罩牛奶😀𠮷 \n"))
names = st.text(alphabet=name_chars, max_size=14)
quantities = st.integers(min_value=1, max_value=999)
item_tuples = st.tuples(names, quantities, st.integers(min_value=0, max_value=99_999))
# short lists, and long ones that overflow two codes so that the "as many as fit" rule is exercised
item_lists = st.one_of(st.lists(item_tuples, max_size=8), st.lists(item_tuples, min_size=20, max_size=90))
encodings = st.sampled_from(["utf-8", "big5"])
buyers = st.sampled_from([None, BUYER])
issue_times = st.datetimes(min_value=datetime(2012, 1, 1), max_value=datetime(2100, 12, 31),
                           timezones=st.sampled_from([TAIPEI, UTC]))


def expected_name(name: str) -> str:
    """':' would shift every later field, so it becomes '：'; line breaks and edge blanks go; never empty."""
    return name.replace(":", "：").replace("\r", " ").replace("\n", " ").strip() or "-"


def expected_fields(items: list[tuple[str, int, int]]) -> list[str]:
    return [f for name, qty, price in items for f in (expected_name(name), str(qty), str(price))]


def sales_of(total: int) -> int:
    return int(Fraction(total) / Fraction(105, 100) + Fraction(1, 2))


def stream(left: str, right: str) -> list[str]:
    return (left[HEADER_LENGTH:] + right[2:]).split(":")


def recorded_count(left: str, right: str) -> int:
    return int(stream(left, right)[2])


def any_split_fits(header: str, items: list[tuple[str, int, int]], recorded: int, *, encoding: str,
                   version: int) -> bool:
    """Whether the first `recorded` items can be spread over two codes of `version` at an item boundary."""
    capacity = BYTE_CAPACITY_L[version - 1]
    fields = [[expected_name(n), str(q), str(p)] for n, q, p in items[:recorded]]
    counts = ["**********", str(recorded), str(len(items)), FLAGS[encoding]]
    for in_left in range(recorded + 1):
        right_fields = [f for item in fields[in_left:] for f in item]
        left = header + ":" + ":".join(counts + [f for item in fields[:in_left] for f in item])
        left += ":" if right_fields else ""
        right = "**" + ":".join(right_fields)
        if all(len(text.encode(CODECS[encoding], "replace")) <= capacity for text in (left, right)):
            return True
    return False


def build(items: list[tuple[str, int, int]], *, number: str = "AB12345678", code: str = "1234",
          total: int = 340, encoding: str = "utf-8", max_version: int | None = None,
          buyer: str | None = None, issued: datetime = ISSUED) -> tuple[str, str]:
    return qr_payloads(number=number, random_code=code, issued=issued, total=total, seller_ban=SELLER,
                       buyer_ban=buyer, items=items, aes_key_hex=KEY, encoding=encoding,
                       max_version=max_version)


@settings(max_examples=150, deadline=None)
@given(number=invoice_numbers, code=random_codes, total=st.integers(min_value=1, max_value=10**7),
       items=item_lists, encoding=encodings, buyer=buyers, issued=issue_times)
def test_left_header_layout(*, number: str, code: str, total: int, items: list[tuple[str, int, int]],
                            encoding: str, buyer: str | None, issued: datetime) -> None:
    left, right = build(items, number=number, code=code, total=total, encoding=encoding, buyer=buyer,
                        issued=issued)
    header = left[:HEADER_LENGTH]
    assert HEADER_LENGTH == 77
    assert header.isascii()
    assert left[HEADER_LENGTH] == ":"
    local = issued.astimezone(TAIPEI)
    assert header[0:10] == number
    assert header[10:17] == f"{local.year - 1911:03d}{local.month:02d}{local.day:02d}"
    assert header[17:21] == code
    for piece, amount in ((header[21:29], sales_of(total)), (header[29:37], total)):
        assert re.fullmatch("[0-9a-f]{8}", piece), piece
        assert int(piece, 16) == amount
    assert header[37:45] == (buyer or "00000000")
    assert header[45:53] == SELLER
    assert header[53:77] == verification_code(number, code, KEY)
    assert header.endswith("==")
    assert right.startswith("**")


@settings(max_examples=150, deadline=None)
@given(item_lists, encodings, st.sampled_from([6, 8, 10, 16]))
def test_stream_continuity_counts_and_fit(items: list[tuple[str, int, int]], encoding: str,
                                          max_version: int) -> None:
    left, right = build(items, encoding=encoding, max_version=max_version)
    tokens = stream(left, right)
    recorded = int(tokens[2])
    assert 0 <= recorded <= len(items)
    assert tokens == ["", "**********", str(recorded), str(len(items)), FLAGS[encoding],
                      *expected_fields(items[:recorded])]
    assert len(tokens) == 5 + 3 * recorded  # the counts tell the truth about what follows
    # both codes fit the version they are allowed
    capacity = BYTE_CAPACITY_L[max_version - 1]
    assert len(qr_bytes(left, encoding)) <= capacity
    assert len(qr_bytes(right, encoding)) <= capacity
    # as many items as fit: one more would not fit in any split
    header = left[:HEADER_LENGTH]
    assert any_split_fits(header, items, recorded, encoding=encoding, version=max_version)
    if recorded < len(items):
        assert not any_split_fits(header, items, recorded + 1, encoding=encoding, version=max_version)
    # the bytes decode to the same structure the text has ('?' stands for what Big5 cannot spell)
    decoded = [qr_bytes(text, encoding).decode(CODECS[encoding]) for text in (left, right)]
    assert len(stream(*decoded)) == len(tokens)
    assert stream(*decoded)[:5] == tokens[:5]
    if encoding == "utf-8":
        assert decoded == [left, right]


@settings(max_examples=60, deadline=None)
@given(item_lists)
def test_smaller_codes_record_no_more_items(items: list[tuple[str, int, int]]) -> None:
    counts = [recorded_count(*build(items, max_version=v)) for v in (6, 10, 16)]
    assert counts == sorted(counts)
    assert recorded_count(*build(items)) == counts[-1]  # the default is the 384-dot limit, version 16


def test_long_list_records_fewer_items_at_version_6() -> None:
    items = [(f"商品{i:02d}號", 1 + i % 3, 100 + i) for i in range(80)]
    small = build(items, max_version=6)
    large = build(items, max_version=16)
    assert 0 < recorded_count(*small) < recorded_count(*large) < len(items)
    for left, right in (small, large):
        assert stream(left, right)[3] == "80"


def split_lengths(left: str, right: str, encoding: str) -> list[tuple[int, int]]:
    """Encoded (left, right) lengths of the same recorded stream cut at every item boundary."""
    tokens = stream(left, right)
    head, fields = tokens[:5], tokens[5:]
    lengths = []
    for in_left in range(len(fields) // 3 + 1):
        left_fields, right_fields = fields[:3 * in_left], fields[3 * in_left:]
        cut_left = left[:HEADER_LENGTH] + ":".join(head + left_fields) + (":" if right_fields else "")
        cut_right = "**" + ":".join(right_fields)
        lengths.append((len(qr_bytes(cut_left, encoding)), len(qr_bytes(cut_right, encoding))))
    return lengths


@settings(max_examples=150, deadline=None)
@given(item_lists, encodings, st.sampled_from([6, 8, 12, 16]))
def test_the_split_is_one_a_level_per_code_makes_equal_whenever_there_is_one(
        items: list[tuple[str, int, int]], encoding: str, max_version: int) -> None:
    left, right = build(items, encoding=encoding, max_version=max_version)
    chosen = steer_pair(len(qr_bytes(left, encoding)), len(qr_bytes(right, encoding)), max_version=max_version)
    reachable = [steer_pair(a, b, max_version=max_version) for a, b in split_lengths(left, right, encoding)]
    versions = [pair.version for pair in reachable if pair is not None]
    if not versions:
        assert chosen is None
        return
    assert chosen is not None and chosen.version == min(versions)  # the smallest version any split reaches


def test_a_short_invoice_is_split_so_that_both_codes_reach_version_6() -> None:
    items = [("鮮奶吐司", 1, 45), ("無糖綠茶", 2, 25), ("茶葉蛋", 3, 13)]
    left, right = build(items, total=134)
    # at level L alone the left code takes every item (both would be drawn at 6 by the raster anyway);
    # the printer's own choice needs the items on the right: 95 bytes at M and 52 at H are both version 6
    assert right == "**鮮奶吐司:1:45:無糖綠茶:2:25:茶葉蛋:3:13"
    assert left.endswith(":**********:3:3:1:")
    assert steer_pair(len(left.encode()), len(right.encode()), max_version=16) is not None


def test_colon_in_a_name_does_not_shift_fields() -> None:
    left, right = build([("a:b", 2, 10), ("::", 1, 5), ("  \n", 1, 0)], total=25)
    assert stream(left, right)[5:] == ["a：b", "2", "10", "：：", "1", "5", "-", "1", "0"]


@pytest.mark.parametrize(("encoding", "flag"), [("big5", "0"), ("utf-8", "1"), ("UTF-8", "1"), ("BIG5", "0")])
def test_encoding_flag(encoding: str, flag: str) -> None:
    left, right = build([("牛奶", 1, 25)], total=25, encoding=encoding)
    assert stream(left, right)[4] == flag


def test_unknown_encoding_is_refused() -> None:
    with pytest.raises(ValueError, match="encoding"):
        build([("牛奶", 1, 25)], total=25, encoding="base64")
    with pytest.raises(ValueError, match="encoding"):
        qr_bytes("x", "latin-1")


@pytest.mark.parametrize("name", ["😀", "𠮷", "咖啡😀拿鐵"])
def test_big5_tolerates_names_it_cannot_spell(name: str) -> None:
    data = qr_bytes(name, "big5")
    assert b"?" in data
    assert qr_bytes("牛奶", "big5") == "牛奶".encode("big5")
    left, right = build([(name, 1, 30), ("牛奶", 1, 25)], total=55, encoding="big5")
    assert stream(left, right)[3:5] == ["2", "0"]
    assert qr_bytes(left, "big5").startswith(left[:HEADER_LENGTH].encode("ascii"))
    assert qr_version(left, right, "big5") >= 6


def test_lone_surrogate_in_a_name_does_not_fail_the_sale() -> None:
    for encoding in ("utf-8", "big5"):
        left, _ = build([("\ud800x", 1, 30)], total=30, encoding=encoding)
        assert qr_bytes(left, encoding).endswith(b":?x:1:30")


def test_official_example_structure() -> None:
    spec_left = ("AB112233441020523999900000144000001540000000001234567ydXZt4LAN1UHN/j1juVcRA=="
                 ":**********:3:3:1:乾電池:1:105:")
    spec_right = "**口罩:1:210:牛奶:1:25"
    items = [("乾電池", 1, 105), ("口罩", 1, 210), ("牛奶", 1, 25)]
    left, right = qr_payloads(number="AB11223344", random_code="9999", issued=date(2013, 5, 23), total=340,
                              seller_ban="01234567", items=items, aes_key_hex=KEY)
    assert left[21:29] == "00000144"
    assert left[29:37] == "00000154"
    assert left[:53] == spec_left[:53]
    assert len(spec_left[:77]) == 77
    assert stream(left, right) == stream(spec_left, spec_right)
    # the checker used above accepts the specification's own split
    assert any_split_fits(spec_left[:77], items, 3, encoding="utf-8", version=6)


def test_header_rejects_out_of_range_fields() -> None:
    with pytest.raises(ValueError):
        build([], total=16**8)
    with pytest.raises(ValueError):
        build([], code="12345")


@settings(max_examples=40, deadline=None)
@given(item_lists, encodings, st.sampled_from([None, 6, 9, 12]))
def test_qr_version_fits_both_and_matches_segno(items: list[tuple[str, int, int]], encoding: str,
                                                max_version: int | None) -> None:
    left, right = build(items, encoding=encoding, max_version=max_version)
    version = qr_version(left, right, encoding)
    assert version >= 6
    assert version <= (max_version or 16)
    data = [qr_bytes(text, encoding) for text in (left, right)]
    assert all(len(d) <= BYTE_CAPACITY_L[version - 1] for d in data)
    # A fixed mask spares segno drawing and scoring all eight; version, size and overflow do not depend on it.
    symbols = [segno.make(d, error="L", version=version, boost_error=False, mask=0) for d in data]
    assert [s.version for s in symbols] == [version, version]
    assert symbols[0].symbol_size() == symbols[1].symbol_size()
    for d in data:
        segno.make(d, error="L", mode="byte", version=version, boost_error=False, mask=0)
    if version > 6:  # the smallest version that holds both in byte mode
        with pytest.raises(segno.DataOverflowError):
            for d in data:
                segno.make(d, error="L", mode="byte", version=version - 1, boost_error=False, mask=0)


def test_qr_version_is_at_least_six_for_short_content() -> None:
    assert qr_version("x", "**") == 6
    assert qr_version("x" * BYTE_CAPACITY_L[9], "**") == 10
    assert qr_version("**", "x" * (BYTE_CAPACITY_L[9] + 1)) == 11
    with pytest.raises(ValueError):
        qr_version("x" * (BYTE_CAPACITY_L[39] + 1), "**")


def test_barcode_payload() -> None:
    assert barcode_payload("UZ17690872", "0122", datetime(2015, 4, 10, 9, 0, tzinfo=TAIPEI)) \
        == "10404UZ176908720122"
    assert barcode_payload("AB12345678", "1234", ISSUED) == "11512AB123456781234"
    # judged in Taipei time: 16:00 UTC on 31 December is already the next period
    assert barcode_payload("AB12345678", "1234", datetime(2026, 12, 31, 16, tzinfo=UTC)) \
        == "11602AB123456781234"


@settings(max_examples=100, deadline=None)
@given(invoice_numbers, random_codes, issue_times)
def test_barcode_payload_shape(number: str, code: str, issued: datetime) -> None:
    data = barcode_payload(number, code, issued)
    assert len(data) == 19
    assert re.fullmatch(r"[0-9]{5}[A-Z]{2}[0-9]{12}", data)
    local = issued.astimezone(TAIPEI)
    assert data[:5] == f"{local.year - 1911:03d}{local.month + local.month % 2:02d}"
    assert data[5:15] == number
    assert data[15:] == code
