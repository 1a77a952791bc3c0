"""The proof copy (證明聯) as data."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.clock import TAIPEI
from core.einvoice.document import ProofCopy, ProofLine, build_proof_copy
from core.einvoice.payloads import qr_payloads
from core.einvoice.verification import verification_code
from core.errors import ValidationError

KEY = "9f3b2a1c4d5e6f708192a3b4c5d6e7f8"
ISSUED = datetime(2026, 11, 22, 14, 5, 9, tzinfo=TAIPEI)
LINES = [ProofLine("乾電池", 1, 105), ProofLine("口罩", 2, 105), ProofLine("牛奶", 1, 25)]


def build(**overrides: object) -> ProofCopy:
    arguments: dict[str, object] = {
        "seller_name": "好鄰居商店", "seller_ban": "12345675", "number": "AB12345678", "random_code": "1234",
        "issued": ISSUED, "lines": LINES, "aes_key_hex": KEY,
    }
    arguments.update(overrides)
    return build_proof_copy(**arguments)  # type: ignore[arg-type]


def test_b2c_proof_copy() -> None:
    copy = build()
    assert copy.title == "電子發票證明聯"
    assert not copy.reprint
    assert copy.printed_number == "AB-12345678"
    assert copy.period.label == "115年11-12月"
    assert copy.date_line == "2026-11-22 14:05:09"
    assert "格式25" not in copy.date_line
    assert not copy.is_b2b
    assert copy.total == 340
    assert copy.sales_and_tax == (324, 16)
    assert copy.barcode == "11512AB123456781234"
    assert copy.lines == tuple(LINES)
    assert copy.qr_left[29:37] == "00000154"
    assert copy.qr_left[37:45] == "00000000"
    assert copy.qr_left[53:77] == verification_code("AB12345678", "1234", KEY)
    assert copy.qr_version >= 6


def test_b2b_proof_copy() -> None:
    copy = build(buyer_ban="24634102")
    assert copy.is_b2b
    assert copy.date_line == "2026-11-22 14:05:09 格式25"
    assert copy.qr_left[37:45] == "24634102"
    assert copy.title == "電子發票證明聯"


def test_payloads_are_the_ones_qr_payloads_builds() -> None:
    copy = build(encoding="big5", max_qr_version=6)
    expected = qr_payloads(number="AB12345678", random_code="1234", issued=ISSUED, total=340,
                           seller_ban="12345675", items=[(x.name, x.quantity, x.unit_price) for x in LINES],
                           aes_key_hex=KEY, encoding="big5", max_version=6)
    assert (copy.qr_left, copy.qr_right) == expected
    assert copy.qr_encoding == "big5"


def test_reprint_changes_only_the_title() -> None:
    original = build(buyer_ban="24634102")
    reprint = original.as_reprint()
    assert reprint.title == "電子發票證明聯補印"
    assert reprint.reprint
    assert original.title == "電子發票證明聯"  # the original is untouched
    for field in dataclasses.fields(ProofCopy):
        if field.name != "reprint":
            assert getattr(reprint, field.name) == getattr(original, field.name), field.name
    for prop in ("printed_number", "date_line", "barcode", "sales_and_tax", "period", "qr_version", "is_b2b"):
        assert getattr(reprint, prop) == getattr(original, prop), prop
    assert reprint.as_reprint() == reprint
    assert build(buyer_ban="24634102", reprint=True) == reprint


def test_date_line_is_in_taipei_time() -> None:
    # 16:00 UTC on 31 December is 00:00 on 1 January in Taipei: the printed date must agree with the
    # period label and the QR date, which are judged in Taipei time.
    copy = build(issued=datetime(2026, 12, 31, 16, 0, 0, tzinfo=UTC))
    assert copy.period.label == "116年01-02月"
    assert copy.qr_left[10:17] == "1160101"
    assert copy.date_line == "2027-01-01 00:00:00"
    assert build(issued=datetime(2026, 12, 31, 16, 0, 0, tzinfo=UTC),
                 buyer_ban="24634102").date_line == "2027-01-01 00:00:00 格式25"


def test_proof_line_amount() -> None:
    assert ProofLine("x", 3, 70).amount == 210
    assert ProofLine("x", 1, 0).amount == 0


lines = st.lists(
    st.builds(ProofLine, st.text(min_size=1, max_size=8), st.integers(min_value=1, max_value=999),
              st.integers(min_value=0, max_value=99_999)),
    min_size=1, max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(lines)
def test_total_is_the_sum_of_line_amounts(proof_lines: list[ProofLine]) -> None:
    copy = build(lines=proof_lines)
    assert copy.total == sum(line.quantity * line.unit_price for line in proof_lines)
    assert int(copy.qr_left[29:37], 16) == copy.total
    assert sum(copy.sales_and_tax) == copy.total
    assert int(copy.qr_left[21:29], 16) == copy.sales_and_tax[0]
    assert copy.lines == tuple(proof_lines)


def test_test_page_flag_and_bad_key() -> None:
    assert build(test=True).test
    assert not build().test
    with pytest.raises(ValidationError):
        build(aes_key_hex="not a key")
