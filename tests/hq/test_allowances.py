"""Allowances (折讓) uploaded to HQ over real HTTP, on SQLite and PostgreSQL: judged against the sale HQ holds,
exactly once per UUID, held (never lost) until an unknown sale arrives, cancelled only within their period."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from hq.tables import HQAllowance, HQAllowanceLine
from tests.factories import NOON
from tests.support.allowances import ALLOWANCES, CANCELS, make_allowance, make_cancel
from tests.support.orders import BATTERY, make_order
from tests.support.served import ServedHQ, served_hq

__all__ = ["served_hq"]
BATCH = "/api/v1/orders/batch"
TWO_BATTERIES = ((*BATTERY[:3], 2, 105),)  # one line: 2 x NT$105


def _sold(hq: ServedHQ, **kw: Any) -> dict[str, Any]:
    order = make_order(lines=TWO_BATTERIES, **kw)
    with hq.client(order["station_id"]) as client:
        assert client.post(BATCH, json={"orders": [order]}).json()["results"][0]["outcome"] == "accepted"
    return order


def _send(hq: ServedHQ, *allowances: dict[str, Any], who: str = "S01") -> list[dict[str, Any]]:
    with hq.client(who) as client:
        response = client.post(ALLOWANCES, json={"allowances": list(allowances)})
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def _cancel(hq: ServedHQ, *cancels: dict[str, Any]) -> list[dict[str, Any]]:
    with hq.client("S01") as client:
        response = client.post(CANCELS, json={"cancels": list(cancels)})
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def _stored(hq: ServedHQ) -> tuple[int, int]:
    with hq.hq.db.read() as session:
        return (int(session.execute(select(func.count()).select_from(HQAllowance)).scalar_one()),
                int(session.execute(select(func.count()).select_from(HQAllowanceLine)).scalar_one()))


def _returns(hq: ServedHQ, order_id: str, who: str = "S01") -> dict[str, Any]:
    with hq.client(who) as client:
        response = client.get(f"/api/v1/orders/{order_id}/returns")
    return {**response.json(), "http": response.status_code}


def test_an_allowance_is_accepted_listed_and_replayed_with_the_same_answer(served_hq: ServedHQ) -> None:
    order = _sold(served_hq)
    allowance = make_allowance(order)
    first = _send(served_hq, allowance)[0]
    assert (first["outcome"], first["replay"], first["reason_code"]) == ("accepted", False, None)
    again = _send(served_hq, allowance)[0]
    assert again == {**first, "replay": True}
    assert _stored(served_hq) == (1, 1)
    returns = _returns(served_hq, order["id"])
    assert returns["lines"] == [{"position": 1, "sku": "SKU00001", "sold": 2, "returned": 1}]
    assert (returns["paid"], returns["refunded"]) == (210, 105)
    with served_hq.client("ADMIN") as admin:
        listed = admin.get("/api/v1/allowances").json()["items"]
    assert [(a["id"], a["number"], a["status"], a["amount"] + a["tax"], a["original_invoice_number"])
            for a in listed] == [(allowance["id"], allowance["number"], "accepted", 105, order["invoice"]["number"])]
    with served_hq.client("S02") as s02:  # a station's upload records are its own
        assert s02.get("/api/v1/allowances").json()["items"] == []
    assert _returns(served_hq, order["id"], who="S02")["http"] == 404


def test_the_same_uuid_with_other_content_is_a_conflict_and_changes_nothing(served_hq: ServedHQ) -> None:
    order = _sold(served_hq)
    allowance = make_allowance(order)
    _send(served_hq, allowance)
    changed = {**allowance, "reason": "另一個原因"}
    answer = _send(served_hq, changed)[0]
    assert (answer["outcome"], answer["reason_code"]) == ("conflict", "allowance.conflict")
    with served_hq.hq.db.read() as session:
        row = session.get(HQAllowance, allowance["id"])
        assert row is not None and row.reason == "客人退貨"


def test_never_more_returned_than_sold_across_two_partial_allowances(served_hq: ServedHQ) -> None:
    order = _sold(served_hq)
    assert _send(served_hq, make_allowance(order, returned=[(1, 1)]))[0]["outcome"] == "accepted"
    too_many = make_allowance(order, returned=[(1, 2)])
    answer = _send(served_hq, too_many)[0]
    assert (answer["outcome"], answer["reason_code"]) == ("rejected", "allowance.more_than_sold")
    assert answer["reason_params"] == {"position": 1, "sku": "SKU00001", "sold": 2, "returned": 1, "asked": 2}
    assert _stored(served_hq) == (1, 1)  # the refused one wrote nothing
    # Two in one batch count each other: the second of these is one piece too many.
    other = _sold(served_hq, seq=2)
    both = _send(served_hq, make_allowance(other, returned=[(1, 1)]), make_allowance(other, returned=[(1, 2)]))
    assert [r["outcome"] for r in both] == ["accepted", "rejected"]
    assert both[1]["reason_params"]["returned"] == 1
    assert _send(served_hq, make_allowance(order, returned=[(1, 1)]))[0]["outcome"] == "accepted"  # the last one
    assert _returns(served_hq, order["id"])["lines"][0]["returned"] == 2


def test_a_refund_larger_than_was_paid_is_refused(served_hq: ServedHQ) -> None:
    order = _sold(served_hq)  # NT$210 paid
    answer = _send(served_hq, make_allowance(order, returned=[(1, 1)], gross=211))[0]
    assert (answer["outcome"], answer["reason_code"]) == ("rejected", "allowance.refund_exceeds_paid")
    assert answer["reason_params"] == {"refund": 211, "paid": 210, "refunded": 0}
    assert _stored(served_hq) == (0, 0)


def test_a_line_is_never_returned_for_more_than_it_sold_for(served_hq: ServedHQ) -> None:
    order = make_order(lines=[BATTERY, ("SKU00002", "原子筆", "regular", 1, 20)])  # NT$105 + NT$20 paid
    with served_hq.client() as client:
        assert client.post(BATCH, json={"orders": [order]}).json()["results"][0]["outcome"] == "accepted"
    answer = _send(served_hq, make_allowance(order, returned=[(2, 1)], gross=21))[0]  # within 125 paid
    assert (answer["outcome"], answer["reason_code"]) == ("rejected", "allowance.more_than_line")
    assert answer["reason_params"] == {"position": 2, "sku": "SKU00002", "sold": 20, "returned": 0, "asked": 21}
    assert _send(served_hq, make_allowance(order, returned=[(2, 1)], gross=20))[0]["outcome"] == "accepted"
    assert _stored(served_hq) == (1, 1)


def test_a_voided_original_takes_no_allowance(served_hq: ServedHQ) -> None:
    order = _sold(served_hq)
    with served_hq.client() as client:
        assert client.post(f"/api/v1/orders/{order['id']}/void",
                           json={"reason": "打錯", "voided_at": (NOON + timedelta(minutes=5)).isoformat()}
                           ).status_code == 200
    answer = _send(served_hq, make_allowance(order))[0]
    assert (answer["outcome"], answer["reason_code"]) == ("rejected", "allowance.original_voided")
    assert answer["reason_params"] == {"number": order["invoice"]["number"]}
    assert _stored(served_hq) == (0, 0)


def test_an_allowance_for_a_sale_hq_does_not_hold_yet_is_held_and_judged_when_it_arrives(
        served_hq: ServedHQ) -> None:
    order = make_order(lines=TWO_BATTERIES)  # sold offline, not uploaded yet
    early = make_allowance(order, returned=[(1, 2)], number="S01A00000001")
    too_many = make_allowance(order, returned=[(1, 1)], number="S01A00000002")  # the station's next number
    answers = _send(served_hq, early, too_many)
    assert [(a["outcome"], a["reason_code"]) for a in answers] == [("held", "allowance.held")] * 2
    assert _stored(served_hq) == (2, 2)  # kept, never lost
    with served_hq.client("ADMIN") as admin:
        assert {a["id"] for a in admin.get("/api/v1/allowances", params={"status": "held"}).json()["items"]} == {
            early["id"], too_many["id"]}
    with served_hq.client() as client:
        assert client.post(BATCH, json={"orders": [order]}).json()["results"][0]["outcome"] == "accepted"
    replayed = _send(served_hq, early, too_many)  # the station asks again: the answers as they stand now
    assert [(a["outcome"], a["replay"]) for a in replayed] == [("accepted", True), ("rejected", True)]
    assert replayed[1]["reason_code"] == "allowance.more_than_sold"
    statuses = {a["id"]: a["status"] for a in _returns(served_hq, order["id"])["allowances"]}
    assert statuses == {early["id"]: "accepted", too_many["id"]: "rejected"}


def test_another_stations_order_is_refused(served_hq: ServedHQ) -> None:
    order = _sold(served_hq)
    with served_hq.client("S02") as s02:
        s02.post("/api/v1/booklets/allocate", json={"period_code": "11512", "count": 1})
    answer = _send(served_hq, make_allowance(order, station_id="S02"), who="S02")[0]
    assert (answer["outcome"], answer["reason_code"]) == ("rejected", "allowance.other_station")
    as_s01 = _send(served_hq, make_allowance(order), who="S02")[0]  # claims to be S01's with S02's token
    assert as_s01["reason_code"] == "allowance.station_mismatch"
    assert _stored(served_hq) == (0, 0)


def test_a_manual_invoice_hq_cannot_match_is_refused(served_hq: ServedHQ) -> None:
    order = _sold(served_hq, manual=True, number="XY00000001")
    answer = _send(served_hq, make_allowance(order, invoice_number="XY00000002"))[0]
    assert (answer["outcome"], answer["reason_code"]) == ("rejected", "allowance.manual_unmatched")
    assert "HQ has XY00000001" in answer["reason"]
    assert _send(served_hq, make_allowance(order))[0]["outcome"] == "accepted"  # the right number matches


def test_an_allowance_number_without_the_stations_prefix_or_taken_is_refused(served_hq: ServedHQ) -> None:
    order = _sold(served_hq)
    assert _send(served_hq, make_allowance(order, number="S02A00000001"))[0]["reason_code"] == \
        "allowance.number_prefix"
    assert _send(served_hq, make_allowance(order, number="S01A00000001"))[0]["outcome"] == "accepted"
    assert _send(served_hq, make_allowance(order, number="S01A00000001"))[0]["reason_code"] == \
        "allowance.number_taken"


def test_a_cancel_within_the_period_frees_what_it_returned_and_replays(served_hq: ServedHQ) -> None:
    order = _sold(served_hq)
    allowance = make_allowance(order, returned=[(1, 2)])
    _send(served_hq, allowance)
    cancel = make_cancel(allowance)
    first = _cancel(served_hq, cancel)[0]
    assert (first["outcome"], first["replay"]) == ("accepted", False)
    again = _cancel(served_hq, cancel)[0]
    assert again == {**first, "replay": True}
    other = _cancel(served_hq, {**cancel, "reason": "另一個原因"})[0]
    assert (other["outcome"], other["reason_code"]) == ("conflict", "allowance.cancel_conflict")
    returns = _returns(served_hq, order["id"])
    assert [a["status"] for a in returns["allowances"]] == ["cancelled"]
    assert (returns["lines"][0]["returned"], returns["refunded"]) == (0, 0)
    assert _send(served_hq, make_allowance(order, returned=[(1, 2)]))[0]["outcome"] == "accepted"


def test_a_cancel_outside_the_allowances_period_is_refused_by_hqs_clock(served_hq: ServedHQ) -> None:
    order = _sold(served_hq)
    allowance = make_allowance(order)
    _send(served_hq, allowance)
    served_hq.hq.clock.set(datetime.fromisoformat("2027-01-03T09:00:00+08:00"))
    # The till's clock says December, still 11512; HQ's says January, 11602: HQ's decides.
    answer = _cancel(served_hq, make_cancel(allowance, at=datetime.fromisoformat("2026-12-30T09:00:00+08:00")))[0]
    assert (answer["outcome"], answer["reason_code"]) == ("rejected", "allowance.cancel_other_period")
    assert answer["reason_params"] == {"number": allowance["number"], "period": "11512", "cancelled": "11602"}
    with served_hq.hq.db.read() as session:
        row = session.get(HQAllowance, allowance["id"])
        assert row is not None and row.status == "accepted" and row.cancelled_at is None


def test_a_cancel_of_an_allowance_hq_does_not_have_is_refused(served_hq: ServedHQ) -> None:
    order = _sold(served_hq)
    answer = _cancel(served_hq, make_cancel(make_allowance(order)))[0]
    assert (answer["outcome"], answer["reason_code"]) == ("rejected", "allowance.unknown")


def test_an_allowance_naming_another_invoice_than_its_sales_or_malformed_writes_nothing(served_hq: ServedHQ) -> None:
    order = _sold(served_hq)
    wrong = _send(served_hq, make_allowance(order, invoice_number="AB99999999"))[0]
    assert (wrong["outcome"], wrong["reason_code"]) == ("rejected", "allowance.original_mismatch")
    assert wrong["reason_params"]["invoice"] == order["invoice"]["number"]
    malformed = make_allowance(order)
    malformed["lines"][0]["quantity"] = 0
    with served_hq.client() as client:
        response = client.post(ALLOWANCES, json={"allowances": [malformed]})
    assert response.status_code == 422
    assert ["body", "allowances", 0, "lines", 0, "quantity"] in [e["loc"] for e in response.json()["detail"]]
    assert _stored(served_hq) == (0, 0)
