"""At the till: a sale numbered from another station's booklet is held for attention with the reason in
both languages, and the number stays free for its owner, whose sale goes through.
Real uvicorn HQ on loopback, real station databases and sync services, HQ on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

from core.einvoice import Period
from core.store.outbox import UploadState
from tests.e2e.conftest import FAST, Events, Rig, Till
from tests.factories import NOON, SELLER, open_station, simple_sale
from tests.support.clocks import RunningClock


def test_a_till_selling_another_stations_number_is_held_and_the_owner_is_not(rig_any_db: Rig) -> None:
    rig = rig_any_db
    s02 = rig.till("S02")  # takes its booklets from HQ
    with rig.hq.client("S02") as client:
        theirs = client.get("/api/v1/booklets", params={"period_code": "11512"}).json()
    assert theirs
    # S01's database was given S02's booklets by mistake (copied from the other till) and sells from them.
    clock = RunningClock(NOON)
    (rig.tmp / "forged").mkdir()  # its own data dir, as every till of the rig has
    station = open_station(rig.tmp / "forged" / "station.db", clock, booklets=0,  # type: ignore[arg-type]
                           seller=replace(SELLER, station_id="S01"))
    for b in theirs:
        station.add_booklet(b["track"], b["start"], b["end"], Period.from_code(b["period_code"]))
    forged = station.checkout(simple_sale()).order_id
    events = Events()
    s01 = Till(station, station.sync_service(rig.server.url, rig.hq.tokens["S01"], events, FAST), events)
    rig.tills.append(s01)
    s01.service.start()
    s01.events.wait(lambda: s01.states() == {"attention": 1}, what="S01's sale to be held")
    [held] = s01.service.records(states=["attention"])
    assert held.order_id == forged and held.state is UploadState.ATTENTION and held.reason is not None
    assert held.reason.code == "invoice.not_allocated"
    number = held.invoice_number
    assert number in held.reason.text("en") and "not one HQ allocated to station S01" in held.reason.text("en")
    assert "不是總部配發給收銀機 S01 的號碼" in held.reason.text("zh_TW")

    # S02 sells: the same first number of the same booklets, its own, printed; HQ takes it.
    own = s02.station.checkout(simple_sale()).order_id
    s02.service.notify_sale()
    s02.events.wait(lambda: s02.states() == {"success": 1}, what="S02's sale to be accepted")
    [accepted] = s02.service.records()
    assert accepted.order_id == own and accepted.invoice_number == number
    # Nothing was lost at S01: the held sale is still there, with its reason, for a person to sort out.
    assert s01.states() == {"attention": 1}
