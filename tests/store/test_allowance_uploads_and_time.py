"""Allowances in the upload summary and the manual retry, like orders and voids; and an allowance dated
before its sale or after the clock's now is refused with nothing written."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.clock import ManualClock
from core.errors import ValidationError
from core.station import Station
from core.store import outbox
from core.store.allowance_outbox import mark, uploads
from core.store.allowances import ISSUE, issue
from core.store.outbox import Reason
from tests.factories import MANAGER_PIN, simple_sale, table_counts


def _return(station: Station, order_id: str) -> str:
    return station.return_lines(order_id, [(1, 1)], reason="客人退貨", staff_id="E001",
                                manager_pin=MANAGER_PIN).id


def test_the_upload_summary_counts_allowances_and_a_retry_queues_the_held_ones_again(
        station: Station, clock: ManualClock) -> None:
    first, second = station.checkout(simple_sale()), station.checkout(simple_sale())
    held, other = _return(station, first.order_id), _return(station, second.order_id)
    summary = station.upload_summary()
    assert (summary.allowances_pending, summary.allowances_attention) == (2, 0)
    assert summary.allowance_counts["waiting"] == 2
    assert (summary.pending, summary.voids_pending) == (2, 0)  # the orders' own counts are as before

    with station.db.write() as session:  # HQ refused one and the link failed for the other
        mark(session, ISSUE, clock.now(), refused=[(held, Reason("allowance.more_than_line"), None)])
        mark(session, ISSUE, clock.now(), retries=[(other, clock.now() + timedelta(hours=1))],
             failure=Reason("hq.unreachable", {"detail": "timeout"}))
    summary = station.upload_summary()
    assert (summary.allowances_pending, summary.allowances_attention) == (1, 1)
    assert summary.allowance_counts["failed"] == 1

    clock.advance(minutes=1)
    with station.db.write() as session:  # the retry of one order's uploads leaves the other's alone
        assert outbox.retry(session, [first.order_id], clock.now()) == 1
    assert [(u.state, u.attempts) for u in uploads_of(station, held)] == [("waiting", 1)]
    assert [u.state for u in uploads_of(station, other)] == ["failed"]
    with station.db.write() as session:
        assert outbox.retry(session, None, clock.now()) == 1  # every held one: the other allowance
    assert [u.state for u in uploads_of(station, other)] == ["waiting"]
    summary = station.upload_summary()
    assert (summary.allowances_pending, summary.allowances_attention) == (2, 0)


def uploads_of(station: Station, allowance_id: str):  # type: ignore[no-untyped-def]
    with station.db.read() as session:
        return uploads(session, allowance_id)


def test_an_allowance_dated_before_its_sale_is_refused_and_writes_nothing(station: Station,
                                                                          clock: ManualClock) -> None:
    sale = station.checkout(simple_sale())
    clock.set(clock.now() - timedelta(minutes=5))  # the station's clock was set back since the sale
    before = table_counts(station)
    with pytest.raises(ValidationError) as refused:
        _return(station, sale.order_id)
    assert refused.value.code == "allowance.before_sale"
    assert "時鐘" in refused.value.text("zh_TW") and "clock" in refused.value.text("en")
    assert table_counts(station) == before
    clock.set(clock.now() + timedelta(minutes=5))  # the sale's own second: allowed
    assert station.allowances(sale.order_id) == [] and _return(station, sale.order_id)


def test_an_allowance_dated_after_the_clocks_now_is_refused_in_the_write(station: Station,
                                                                         clock: ManualClock) -> None:
    sale = station.checkout(simple_sale())
    before = table_counts(station)
    with pytest.raises(ValidationError) as refused, station.db.write() as session:
        issue(session, sale.order_id, [(1, 1)], None, at=clock.now() + timedelta(hours=1), station_id="S01",
              staff_id="E001", manager_id="M001", reason="退貨", now=clock.now())
    assert refused.value.code == "allowance.in_future"
    assert table_counts(station) == before
