"""A number belongs to the station it was allocated to, over real HTTP on both databases.

Before: S01 could upload a sale numbered from S02's booklet; HQ accepted it (flagged) and then refused
S02's real, printed sale as "number taken". And a station could take booklets without end."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select
from sqlmodel import col

from core.errors import MESSAGES
from hq.tables import HQBooklet, HQOrder
from tests.support.orders import make_order
from tests.support.served import ServedHQ, served_hq

__all__ = ["served_hq"]
BATCH = "/api/v1/orders/batch"
ALLOCATE = "/api/v1/booklets/allocate"


def _first_number(booklet: dict) -> str:
    return f"{booklet['track']}{booklet['start']:08d}"


def test_another_stations_number_is_refused_and_stays_free_for_its_owner(served_hq: ServedHQ) -> None:
    with served_hq.client("S01") as s01, served_hq.client("S02") as s02:
        [s02_booklet] = s02.post(ALLOCATE, json={"period_code": "11512", "count": 1}).json()
        number = _first_number(s02_booklet)
        forged = make_order(station_id="S01", seq=1, number=number)
        [refused] = s01.post(BATCH, json={"orders": [forged]}).json()["results"]
        assert (refused["outcome"], refused["reason_code"]) == ("rejected", "invoice.not_allocated")
        assert refused["reason_params"] == {"number": number, "period": "115年11-12月", "station": "S01"}
        assert number in refused["reason"]
        # The owner's real, printed sale with that number is accepted, and clean.
        real = make_order(station_id="S02", seq=1, number=number)
        [accepted] = s02.post(BATCH, json={"orders": [real]}).json()["results"]
        assert accepted["outcome"] == "accepted" and accepted["reconciliation"]["attention"] == []
        # S01 sending its forged sale again gets the same refusal (nothing was stored for it).
        [again] = s01.post(BATCH, json={"orders": [forged]}).json()["results"]
        assert again["reason_code"] == "invoice.not_allocated"
    with served_hq.hq.db.read() as session:
        rows = session.execute(select(col(HQOrder.station_id), col(HQOrder.id))).all()
    assert rows == [("S02", real["id"])]
    # Both languages say it at the till (core.errors renders the code the uploader stores).
    zh, en = (text.format(**refused["reason_params"]) for text in MESSAGES["invoice.not_allocated"])
    assert "不是總部配發給收銀機 S01 的號碼" in zh and "not one HQ allocated to station S01" in en


def test_a_number_from_no_booklet_at_all_is_refused(served_hq: ServedHQ) -> None:
    with served_hq.client("S01") as s01:
        [result] = s01.post(BATCH, json={"orders": [make_order(number="ZZ00000001")]}).json()["results"]
    assert result["reason_code"] == "invoice.not_allocated"


def test_manual_invoices_keep_their_handling_but_cannot_take_another_stations_number(
        served_hq: ServedHQ) -> None:
    with served_hq.client("S01") as s01, served_hq.client("S02") as s02:
        [s02_booklet] = s02.post(ALLOCATE, json={"period_code": "11512", "count": 1}).json()
        hand_written = make_order(seq=1, manual=True, number="XY87654321")
        in_s02s = make_order(seq=2, manual=True, number=_first_number(s02_booklet))
        results = s01.post(BATCH, json={"orders": [hand_written, in_s02s]}).json()["results"]
    assert [(r["outcome"], r["reason_code"]) for r in results] == [("accepted", None),
                                                                    ("rejected", "invoice.not_allocated")]
    assert results[0]["reconciliation"]["attention"] == [] and results[0]["reconciliation"]["manual_invoice"]


def test_a_station_holds_at_most_four_unused_booklets_per_period(served_hq: ServedHQ) -> None:
    with served_hq.client("S02") as s02, served_hq.client("S01") as s01:
        given = s02.post(ALLOCATE, json={"period_code": "11512", "count": 20}).json()
        assert len(given) == 4  # asked 20: the cap gives 4
        refused = s02.post(ALLOCATE, json={"period_code": "11512", "count": 1})
        assert refused.status_code == 409
        assert refused.json()["detail"]["code"] == "booklet.too_many_unused"
        assert refused.json()["detail"]["params"] == {"station": "S02", "period": "115年11-12月", "unused": 4,
                                                      "limit": 4}
        # Another period is counted apart.
        assert len(s02.post(ALLOCATE, json={"period_code": "11602", "count": 1}).json()) == 1
        # A booklet HQ has seen a number of is in use: one more may then be taken.
        sale = make_order(station_id="S02", seq=1, number=_first_number(given[0]))
        assert s02.post(BATCH, json={"orders": [sale]}).json()["results"][0]["outcome"] == "accepted"
        assert len(s02.post(ALLOCATE, json={"period_code": "11512", "count": 5}).json()) == 1
        # S01 holds the demo station's two AB booklets unused: two more, then no.
        assert len(s01.post(ALLOCATE, json={"period_code": "11512", "count": 3}).json()) == 2
        assert s01.post(ALLOCATE, json={"period_code": "11512", "count": 1}).status_code == 409
    with served_hq.hq.db.read() as session:
        held: dict[str, int] = dict(session.execute(  # type: ignore[arg-type]
            select(col(HQBooklet.station_id), func.count()).where(col(HQBooklet.period_code) == "11512")
            .group_by(col(HQBooklet.station_id))).all())
    assert held == {"S01": 4, "S02": 5}


def test_the_cap_is_a_setting(hq_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from hq.settings import HQSettings
    from tests.support.served import served

    with served(hq_db, monkeypatch, settings=replace(HQSettings(), max_unused_booklets=1)) as hq, \
            hq.client("S02") as s02:
        assert len(s02.post(ALLOCATE, json={"period_code": "11512", "count": 3}).json()) == 1
        assert s02.post(ALLOCATE, json={"period_code": "11512", "count": 1}).json()["detail"]["params"]["limit"] == 1
