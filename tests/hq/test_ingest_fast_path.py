"""HQ's lean ingest writes and hashes exactly what the model-by-model path did: the same canonical JSON (so
every stored hash still matches its replay), the same rows read back through the ORM."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlmodel import select

from core.clock import to_taipei
from core.store.executemany import insert_many
from core.sync.protocol import OrderIn, canonical_json, order_payload, payload_sha256
from hq.body_guard import _RefusedError, check_json
from hq.db import HQDatabase
from hq.tables import HQOrder, HQOrderLine
from tests.factories import NOON
from tests.support.orders import make_order


def _copied_then_dumped(order: OrderIn) -> dict[str, Any]:
    """The canonical form as it was first written: the model copied with Taipei times, then dumped."""
    copy = order.model_copy(update={
        "created_at": to_taipei(order.created_at),
        "invoice": order.invoice.model_copy(update={"issued_at": to_taipei(order.invoice.issued_at)}),
    })
    payload = copy.model_dump(mode="json")
    for line in payload["lines"]:
        if line.get("price_approved_by") is None:
            line.pop("price_approved_by", None)
    if payload.get("reissue_of") is None:
        payload.pop("reissue_of", None)
    return payload


def _written(when: datetime, text: str) -> dict[str, Any]:
    body = make_order(created_at=when)
    body["created_at"] = body["invoice"]["issued_at"] = text
    return body


@pytest.mark.parametrize("text", [
    "2026-03-15T12:00:00+08:00", "2026-03-15T04:00:00Z", "2026-03-15T04:00:00+00:00",
    "2026-03-15T04:00:00.000000+00:00", "2026-03-14T23:00:00-05:00", "2026-03-15T12:00:00.250000+08:00",
    "2026-03-15T04:00:00.5Z",
])
def test_the_canonical_payload_is_byte_for_byte_the_model_copy_one(text: str) -> None:
    order = OrderIn.model_validate(_written(NOON, text))
    assert canonical_json(order_payload(order)) == canonical_json(_copied_then_dumped(order))


def test_optional_fields_keep_their_place_in_the_canonical_payload() -> None:
    body = make_order(lines=[("SKU00001", "電池", "regular", 2, 90), ("SKU00006", "洋芋片", "regular", 1, 39)])
    body["lines"][0]["price_approved_by"] = "M001"
    body["reissue_of"] = str(uuid.uuid4())
    order = OrderIn.model_validate(body)
    payload = order_payload(order)
    assert payload == _copied_then_dumped(order)
    assert payload["lines"][0]["price_approved_by"] == "M001" and "price_approved_by" not in payload["lines"][1]
    plain = OrderIn.model_validate(make_order())
    assert "reissue_of" not in order_payload(plain)
    assert payload_sha256(plain) == payload_sha256(OrderIn.model_validate_json(plain.model_dump_json()))


def _order_row(key: str, when: datetime, seq: int) -> dict[str, Any]:
    return {"id": key, "station_id": "S01", "order_no": f"S01-{seq:06d}", "seq": seq, "created_at": when,
            "received_at": when + timedelta(minutes=5), "staff_id": "E001", "customer_id": None,
            "customer_phone": "0912345678", "total": 105, "offline": seq % 2 == 0, "payload_sha256": "ab" * 32,
            "payload": '{"x":"乾電池"}', "result": "{}", "status": "accepted", "voided_at": None, "void_reason": None,
            "void_approved_by": None, "price_overrides": seq, "attention": seq % 2 == 1, "reissue_of": None}


def test_rows_inserted_many_at_once_read_back_as_given(hq_db: HQDatabase) -> None:
    when = datetime(2026, 3, 15, 4, 0, 7, tzinfo=UTC)
    keys = [str(uuid.uuid4()) for _ in range(3)]
    orders = [_order_row(key, when.astimezone(timezone(timedelta(hours=-5))), seq)
              for seq, key in enumerate(keys, start=1)]
    lines = [{"order_id": key, "position": 1, "sku": "SKU00001", "entered_name": "電池", "name": "乾電池",
              "product_type": "regular", "quantity": 1, "unit_price": 105, "catalog_price": None, "amount": 105,
              "price_override": False, "unknown_sku": True, "price_approved_by": "M001"} for key in keys]
    with hq_db.write() as session:
        insert_many(session, HQOrder.__table__, orders)  # type: ignore[attr-defined]
        insert_many(session, HQOrderLine.__table__, lines)  # type: ignore[attr-defined]
    with hq_db.read() as session:
        stored = {row.id: row for row in session.exec(select(HQOrder))}
        stored_lines = list(session.exec(select(HQOrderLine).order_by(HQOrderLine.id)))  # type: ignore[arg-type]
    assert sorted(stored) == sorted(keys)
    for row in orders:
        back = stored[row["id"]].model_dump()
        assert back["created_at"] == when and back["created_at"].utcoffset() == timedelta(hours=8)
        assert {k: back[k] for k in row} == row
    assert [line.order_id for line in stored_lines] == keys
    assert all(line.id is not None and line.unknown_sku is True and line.price_override is False
               and line.price_approved_by == "M001" for line in stored_lines)


def test_a_row_missing_a_column_is_refused_not_defaulted(hq_sqlite: HQDatabase) -> None:
    row = _order_row(str(uuid.uuid4()), NOON, 1)
    del row["status"]
    with pytest.raises(KeyError, match="hq_orders"), hq_sqlite.write() as session:
        insert_many(session, HQOrder.__table__, [row])  # type: ignore[attr-defined]


@pytest.mark.parametrize("body", [
    '{"name": "\xed\xa0\x80"}'.encode("latin-1"),  # a surrogate encoded in the bytes themselves, no escape
    b'{"name": "a\x00b"}',  # a raw NUL: not JSON at all
    b'{"name": "\\ud800"}', b'{"name": "\\u0000"}',
    b'{"n": NaN}', b'[' * 100_000,
])
def test_the_guard_without_a_second_serialisation_still_refuses_what_cannot_be_stored(body: bytes) -> None:
    with pytest.raises(_RefusedError) as refused:
        check_json(body)
    assert refused.value.status == 400


def test_the_guard_passes_plain_text_and_escaped_pairs() -> None:
    check_json(json.dumps({"orders": [make_order()]}, ensure_ascii=False).encode())
    check_json(b'{"name": "\\ud83d\\ude00 \\u4e7e"}')
