"""Member login rules: what the cashier may type (a mobile number or a member code, else a clear message in
both languages) and the lookup's local side (the cache answers; no HQ means the offline answer)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.clock import ManualClock
from core.errors import ValidationError
from core.members import KeyKind, MemberKey, Source, parse_member_key
from core.store.catalog import upsert_customers
from tests.factories import open_station


@pytest.mark.parametrize(("typed", "kind", "value"), [
    ("0912345678", KeyKind.PHONE, "0912345678"),
    (" 0987654321\n", KeyKind.PHONE, "0987654321"),
    ("0912-345-678", KeyKind.PHONE, "0912345678"),  # as a customer reads it out
    ("0912 345 678", KeyKind.PHONE, "0912345678"),
    ("+886 912 345 678", KeyKind.PHONE, "0912345678"),
    ("M0000001", KeyKind.MEMBER_CODE, "M0000001"),
    ("vip-2024.01_a", KeyKind.MEMBER_CODE, "vip-2024.01_a"),
])
def test_a_mobile_number_or_a_member_code(typed: str, kind: KeyKind, value: str) -> None:
    assert parse_member_key(typed) == MemberKey(kind, value)


@pytest.mark.parametrize(("typed", "code"), [
    ("0912", "customer.mobile_invalid"),
    ("09123456789", "customer.mobile_invalid"),
    ("0812345678", "customer.mobile_invalid"),
    ("0912-345-67", "customer.mobile_invalid"),
    ("12ab", "customer.phone_invalid"),
    ("M01", "customer.phone_invalid"),
    ("會員一號", "customer.phone_invalid"),
    ("M" + "0" * 40, "customer.phone_invalid"),
    ("", "customer.phone_invalid"),
])
def test_anything_else_is_refused_with_a_message_in_both_languages(typed: str, code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_member_key(typed)
    assert refused.value.code == code
    zh, en = refused.value.text("zh_TW"), refused.value.text("en")
    assert typed.strip() in zh and typed.strip() in en
    assert "09" in zh and "09" in en


@given(st.text(max_size=50))
def test_any_text_is_a_key_or_a_validation_error(text: str) -> None:
    try:
        key = parse_member_key(text)
    except ValidationError as refused:
        assert refused.code in ("customer.mobile_invalid", "customer.phone_invalid")
    else:
        assert key.value == text.strip() and key.value


@given(st.from_regex(r"09[0-9]{8}", fullmatch=True))
def test_every_mobile_number_is_a_phone_key(number: str) -> None:
    assert parse_member_key(number).kind is KeyKind.PHONE


def test_the_cache_answers_and_without_hq_an_unknown_phone_is_kept(tmp_path: Path, clock: ManualClock) -> None:
    station = open_station(tmp_path / "s.db", clock)
    try:
        with station.db.write() as session:
            upsert_customers(session, [{"id": "C1", "member_code": "M0000001", "phone": "0912345670",
                                        "name": "陳怡君", "updated_at": clock.now()}])
        found = station.lookup_member("M0000001")
        assert found.source is Source.LOCAL and found.member is not None and found.member.name == "陳怡君"
        unknown = station.lookup_member("0911000000")
        assert unknown.member is None and unknown.source is None and not unknown.hq_asked
        assert unknown.keep_phone == "0911000000"
        code = station.lookup_member("M9999999")
        assert code.member is None and code.keep_phone is None
        with pytest.raises(ValidationError):
            station.lookup_member("12ab")
    finally:
        station.close()
