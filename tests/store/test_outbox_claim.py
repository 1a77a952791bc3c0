"""The uploader's claim on a real station file: due orders (waiting, or failed and due again) oldest due first,
then by sale time and id, nothing else; read off ix_outbox_claim (migration 0011) without sorting the due rows."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import text

from core.clock import ManualClock
from core.store import outbox
from core.store.outbox import claim_due, peek_due
from tests.factories import open_station
from tests.support.stations import sell


def test_the_claim_takes_due_orders_oldest_due_first_and_nothing_that_is_not_due(tmp_path: Path,
                                                                                  clock: ManualClock) -> None:
    station = open_station(tmp_path / "s01.db", clock)
    ids = [sale.order_id for sale in sell(station, 7)]
    now = clock.now()
    earlier, later = now - timedelta(minutes=10), now + timedelta(minutes=10)
    moves = [  # (order, state, next attempt)
        (ids[0], "waiting", now), (ids[1], "failed", earlier), (ids[2], "failed", later),
        (ids[3], "uploading", earlier), (ids[4], "success", earlier), (ids[5], "attention", earlier),
        (ids[6], "waiting", now - timedelta(minutes=1))]
    with station.db.write() as session:
        for order_id, state, at in moves:
            session.execute(text("UPDATE outbox SET state = :state, next_attempt_at = :at WHERE order_id = :id"),
                            {"state": state, "at": at.isoformat(timespec="seconds"), "id": order_id})
    with station.db.read() as session:
        peeked = peek_due(session, now, 10)
        assert peek_due(session, now, 2) == peeked[:2]
    assert peeked == [ids[1], ids[6], ids[0]]
    with station.db.write() as session:
        claimed = claim_due(session, now, 2)
    assert [c.order_id for c in claimed] == peeked[:2]
    with station.db.write() as session:
        assert [c.order_id for c in claim_due(session, now, 10)] == [ids[0]]  # the claimed ones are uploading now
        assert claim_due(session, later, 10)[0].order_id == ids[2]  # a failed one, once its time comes
    station.close()


def test_the_due_query_reads_the_claim_index_and_sorts_nothing(tmp_path: Path, clock: ManualClock) -> None:
    station = open_station(tmp_path / "s01.db", clock)
    with station.db.read() as session:
        plan = [row[3] for row in session.execute(text(f"EXPLAIN QUERY PLAN {outbox._DUE}"),
                                                  {"now": clock.now().isoformat(), "limit": 200})]
    station.close()
    assert any("USING INDEX ix_outbox_claim" in step for step in plan), plan
    assert not any("TEMP B-TREE" in step for step in plan), plan
