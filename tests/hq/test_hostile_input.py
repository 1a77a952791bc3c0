"""Hostile input never reaches a 5xx: each measured defect sent again as a real request
to HQ under uvicorn, on SQLite and PostgreSQL.

Measured before the fix: a lone surrogate or NaN in a body -> 500; a seq of 2**63 -> 500 and the whole
batch lost; a 10 MB field echoed back (a 94 MB reply); a 60 MB body accepted."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from core.sync.protocol import MAX_SEQ
from hq.settings import MAX_BODY_BYTES
from tests.factories import NOON
from tests.support.orders import make_order
from tests.support.served import ServedHQ, served_hq

__all__ = ["served_hq"]
BATCH = "/api/v1/orders/batch"
JSON = {"Content-Type": "application/json"}


def _post_raw(hq: ServedHQ, text: str) -> Any:
    with hq.client() as client:
        return client.post(BATCH, content=text.encode("utf-8"), headers=JSON)


@pytest.mark.parametrize(("field", "raw"), [
    ("name", '"\\ud800"'),  # a lone surrogate: valid JSON text, not storable text
    ("name", '"half \\udfff of a pair"'),
    ("name", '"nul \\u0000 inside"'),  # PostgreSQL refuses NUL in text
    ("quantity", "NaN"), ("quantity", "Infinity"), ("quantity", "-Infinity"),
])
def test_json_that_cannot_be_stored_is_a_400_with_a_code(served_hq: ServedHQ, field: str, raw: str) -> None:
    order = make_order()
    order["lines"][0][field] = "PLACEHOLDER"
    text = json.dumps({"orders": [order]}, ensure_ascii=False).replace('"PLACEHOLDER"', raw)
    response = _post_raw(served_hq, text)
    assert response.status_code == 400, response.text
    detail = response.json()["detail"]
    assert detail["code"] == "request.invalid_json" and detail["message"]


def test_a_surrogate_pair_is_an_ordinary_character(served_hq: ServedHQ) -> None:
    order = make_order(lines=[("SKU00001", "電池 \U0001F50B", "regular", 1, 105)])
    text = json.dumps({"orders": [order]}, ensure_ascii=True)  # "\ud83d\udd0b": a pair, fine
    assert "\\ud83d\\udd0b" in text
    assert _post_raw(served_hq, text).json()["results"][0]["outcome"] == "accepted"


@pytest.mark.parametrize("text", ["{", '{"orders": [}', "[" * 100_000 + "]" * 100_000, "\xff"])
def test_malformed_and_absurdly_nested_bodies_are_400(served_hq: ServedHQ, text: str) -> None:
    with served_hq.client() as client:
        response = client.post(BATCH, content=text.encode("utf-8", "surrogateescape"), headers=JSON)
    assert response.status_code == 400 and response.json()["detail"]["code"] == "request.invalid_json"


def test_a_seq_past_any_column_is_a_422_naming_that_order_not_a_lost_batch(served_hq: ServedHQ) -> None:
    good, huge = make_order(seq=1), make_order(seq=2)
    huge["seq"] = 2**63
    with served_hq.client() as client:
        response = client.post(BATCH, json={"orders": [good, huge]})
        assert response.status_code == 422
        assert [e["loc"] for e in response.json()["detail"]] == [["body", "orders", 1, "seq"]]
        # The station's uploader then sends the rest alone (core.sync.uploader blames by loc).
        assert client.post(BATCH, json={"orders": [good]}).json()["results"][0]["outcome"] == "accepted"
        at_most = make_order(seq=3)
        at_most["seq"] = MAX_SEQ
        assert client.post(BATCH, json={"orders": [at_most]}).json()["results"][0]["outcome"] == "accepted"


@pytest.mark.parametrize("when", ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00",
                                  "1999-12-31T23:59:59+08:00"])
def test_times_outside_the_century_are_422(served_hq: ServedHQ, when: str) -> None:
    order = make_order()
    order["created_at"] = order["invoice"]["issued_at"] = when
    with served_hq.client() as client:
        response = client.post(BATCH, json={"orders": [order]})
        assert response.status_code == 422, response.text
        void = client.post(f"/api/v1/orders/{order['id']}/void", json={"reason": "x", "voided_at": when})
        assert void.status_code == 422


def test_a_huge_field_is_refused_without_echoing_it(served_hq: ServedHQ) -> None:
    order = make_order()
    order["order_no"] = "x" * 10_000_000
    order["lines"][0]["name"] = "名" * 1_000_000
    with served_hq.client() as client:
        response = client.post(BATCH, json={"orders": [order]})
    assert response.status_code == 422
    assert len(response.content) < 2_000, len(response.content)
    errors = response.json()["detail"]
    assert {tuple(e["loc"]) for e in errors} == {("body", "orders", 0, "order_no"),
                                                 ("body", "orders", 0, "lines", 0, "name")}
    assert all(len(e["input"]) < 150 for e in errors)


def test_a_body_over_the_limit_is_413_declared_or_streamed(served_hq: ServedHQ) -> None:
    padding = b" " * (MAX_BODY_BYTES + 1)
    with served_hq.client() as client:
        declared = client.post(BATCH, content=b'{"orders": [' + padding + b"]}", headers=JSON)
        assert declared.status_code == 413
        assert declared.json()["detail"] == {"code": "request.too_large", "params": {"limit": MAX_BODY_BYTES},
                                             "message": f"The request sent to HQ is too large (at most "
                                                        f"{MAX_BODY_BYTES} bytes)"}

    def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer, counted as it arrives
        yield b'{"orders": ['
        for _ in range(70):
            yield b" " * 1_000_000
        yield b"]}"

    with served_hq.client() as client:
        streamed = client.post(BATCH, content=chunks(), headers=JSON)
    assert streamed.status_code == 413
    with served_hq.client() as client:  # HQ is fine afterwards
        assert client.post(BATCH, json={"orders": [make_order()]}).json()["results"][0]["outcome"] == "accepted"


def _refusal(hq: ServedHQ, order: dict) -> tuple[str, str | None, list[str]]:
    with hq.client() as client:
        [result] = client.post(BATCH, json={"orders": [order]}).json()["results"]
    return result["outcome"], result["reason_code"], (result.get("reconciliation") or {}).get("attention", [])


def test_nonsense_that_fits_the_schema_is_refused_with_a_code(served_hq: ServedHQ) -> None:
    bad_tax = make_order(seq=1)
    bad_tax["invoice"]["sales"], bad_tax["invoice"]["tax"] = 104, 1  # 105 is 100 + 5
    bad_change = make_order(seq=2)
    bad_change["payments"][0].update(tendered=200, change=0)
    bad_period = make_order(seq=3)
    bad_period["invoice"]["period_code"] = "11602"
    zero = make_order(seq=4, lines=[("SKU00001", "乾電池 3號 4入", "gift", 1, 0)])
    both = make_order(seq=5)
    both["invoice"].update(carrier_type="mobile", carrier_id="/ABC+123", donation_code="919", print_mark=False)
    assert _refusal(served_hq, bad_tax)[:2] == ("rejected", "invoice.tax_mismatch")
    assert _refusal(served_hq, bad_change)[:2] == ("rejected", "order.change_mismatch")
    assert _refusal(served_hq, bad_period)[:2] == ("rejected", "invoice.period_mismatch")
    assert _refusal(served_hq, zero)[:2] == ("rejected", "invoice.zero_value")
    assert _refusal(served_hq, both)[:2] == ("rejected", "invoice.options_conflict")
    cash_with_change = make_order(seq=6)
    cash_with_change["payments"][0].update(tendered=500, change=395)
    assert _refusal(served_hq, cash_with_change)[:2] == ("accepted", None)


def test_an_unknown_staff_id_is_kept_and_flagged(served_hq: ServedHQ) -> None:
    order = make_order()
    order["staff_id"] = "E999"
    assert _refusal(served_hq, order) == ("accepted", None, ["unknown_staff"])


def test_the_payload_hash_does_not_depend_on_how_a_time_is_written(served_hq: ServedHQ) -> None:
    order = make_order()  # times written in Taipei time, as a station writes them
    utc = NOON.astimezone(UTC)
    rewritten = json.loads(json.dumps(order))
    rewritten["created_at"] = utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    rewritten["invoice"]["issued_at"] = utc.isoformat(timespec="milliseconds")
    assert datetime.fromisoformat(rewritten["created_at"]) == NOON
    with served_hq.client() as client:
        first = client.post(BATCH, json={"orders": [order]}).json()["results"][0]
        again = client.post(BATCH, json={"orders": [rewritten]}).json()["results"][0]
    assert first["outcome"] == "accepted" and again == {**first, "replay": True}
