"""Voids are judged by HQ's clock, over real HTTP on SQLite and PostgreSQL.

Before: HQ took the station's `voided_at` at its word, so a till with its clock set back could void a
November invoice in January. Now the period is HQ's receive time's, and a voided_at implausible against
it (ahead by more than the allowed skew, older than the upload rule, before the sale) is refused."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlmodel import col

from hq.tables import HQInvoice, HQOrder
from tests.factories import NOON
from tests.support.orders import make_order
from tests.support.served import ServedHQ, served_hq

__all__ = ["served_hq"]
BATCH = "/api/v1/orders/batch"


def _sold(hq: ServedHQ) -> str:
    order = make_order()  # issued at NOON, 2026-11-22: period 11512
    with hq.client() as client:
        assert client.post(BATCH, json={"orders": [order]}).json()["results"][0]["outcome"] == "accepted"
    return order["id"]


def _void(hq: ServedHQ, order_id: str, at: datetime) -> dict:
    with hq.client() as client:
        response = client.post(f"/api/v1/orders/{order_id}/void", json={"reason": "客人退貨",
                                                                        "voided_at": at.isoformat()})
    return {**response.json(), "http": response.status_code}


def _untouched(hq: ServedHQ, order_id: str) -> bool:
    with hq.hq.db.read() as session:
        row = session.get(HQOrder, order_id)
        invoice = session.execute(select(HQInvoice).where(col(HQInvoice.order_id) == order_id)).scalar_one()
    return row is not None and row.status == "accepted" and not invoice.voided


def test_a_void_arriving_after_the_period_is_refused_whatever_the_station_says(served_hq: ServedHQ) -> None:
    order_id = _sold(served_hq)
    served_hq.hq.clock.set(datetime.fromisoformat("2027-01-03T09:00:00+08:00"))  # HQ: January
    # The till's clock was set back to December: its voided_at says 11512, HQ's clock says 11602.
    answer = _void(served_hq, order_id, datetime.fromisoformat("2026-12-30T09:00:00+08:00"))
    assert answer["http"] == 422 and answer["detail"]["code"] == "void.other_period"
    assert answer["detail"]["params"] == {"number": "AB12345600", "period": "11512", "voided": "11602"}
    assert "allowance" in answer["detail"]["message"]
    assert _untouched(served_hq, order_id)


def test_a_void_ahead_of_hqs_clock_by_more_than_the_skew_is_refused(served_hq: ServedHQ) -> None:
    order_id = _sold(served_hq)
    served_hq.hq.clock.set(NOON + timedelta(hours=1))
    ahead = _void(served_hq, order_id, NOON + timedelta(hours=1, minutes=5, seconds=1))
    assert ahead["http"] == 422 and ahead["detail"]["code"] == "void.clock_ahead"
    assert ahead["detail"]["params"]["seconds"] == 300
    assert _untouched(served_hq, order_id)
    within = _void(served_hq, order_id, NOON + timedelta(hours=1, minutes=5))  # at the allowed skew: fine
    assert within["http"] == 200 and within["status"] == "voided"


def test_a_void_made_offline_and_sent_later_is_accepted_within_the_upload_rule(served_hq: ServedHQ) -> None:
    order_id, other_id = _sold(served_hq), None
    served_hq.hq.clock.set(NOON + timedelta(hours=6))  # the till was offline all afternoon
    assert _void(served_hq, order_id, NOON + timedelta(minutes=10))["http"] == 200
    other = make_order(seq=2)
    with served_hq.client() as client:
        client.post(BATCH, json={"orders": [other]})
    other_id = other["id"]
    served_hq.hq.clock.set(NOON + timedelta(hours=49))
    too_old = _void(served_hq, other_id, NOON + timedelta(minutes=20))
    assert too_old["http"] == 422 and too_old["detail"]["code"] == "void.too_old"
    assert too_old["detail"]["params"]["hours"] == 48
    assert _untouched(served_hq, other_id)


def test_a_void_before_the_sale_is_refused(served_hq: ServedHQ) -> None:
    order_id = _sold(served_hq)
    served_hq.hq.clock.set(NOON + timedelta(minutes=1))
    before = _void(served_hq, order_id, NOON - timedelta(seconds=1))
    assert before["http"] == 422 and before["detail"]["code"] == "void.before_sale"
    assert before["detail"]["params"] == {"voided_at": "2026-11-22T11:59:59+08:00", "number": "AB12345600",
                                          "issued_at": "2026-11-22T12:00:00+08:00"}
    assert _untouched(served_hq, order_id)
    # Once voided, a replay is answered with the first void, whatever HQ's clock says now.
    assert _void(served_hq, order_id, NOON + timedelta(minutes=1))["http"] == 200
    served_hq.hq.clock.set(datetime.fromisoformat("2027-01-03T09:00:00+08:00"))
    again = _void(served_hq, order_id, NOON + timedelta(minutes=1))
    assert again["http"] == 200 and again["voided_at"].startswith("2026-11-22T12:01")
