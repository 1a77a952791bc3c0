"""Resuming numbers after a lost database, end to end over real HTTP (uvicorn on loopback), HQ on SQLite
and PostgreSQL: a station
whose database is lost, or restored from an older backup, issues no invoice number HQ already has, and
no order number HQ already holds; while HQ cannot answer it refuses e-invoice numbers but sells on a
manual invoice."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from core.backup.copy import make_backup
from core.backup.restore import restore
from core.checkout import InvoiceRequest
from core.errors import NoInvoiceNumberError
from core.store.resume import SEQ_GAP
from core.sync.events import PullFinished
from hq.tables import HQInvoice, HQOrder
from tests.e2e.conftest import FAST, Events, Rig, Till
from tests.factories import NOON, open_station, simple_sale
from tests.support.clocks import RunningClock


def _sell(till: Till, n: int) -> list[str]:
    numbers = []
    for _ in range(n):
        sale = till.station.checkout(simple_sale())
        till.service.notify_sale()
        numbers.append(sale.invoice_number)
    return numbers


def _hq_invoices(rig: Rig) -> list[str]:
    with rig.hq.db.read() as session:
        return list(session.execute(select(HQInvoice.number)).scalars())


def _hq_order_nos(rig: Rig) -> list[str]:
    with rig.hq.db.read() as session:
        return list(session.execute(select(HQOrder.order_no)).scalars())


def _reopen(rig: Rig, till: Till) -> Till:
    """The same station, restarted on whatever database file is now at its path; sync not started."""
    path = till.station.db.path
    till.service.stop()
    till.station.close()
    rig.tills.remove(till)
    station = open_station(path, RunningClock(NOON), booklets=0)  # type: ignore[arg-type]
    events = Events()
    service = station.sync_service(rig.server.url, rig.hq.tokens["S01"], events, FAST)
    again = Till(station, service, events)
    rig.tills.append(again)
    return again


def _start(till: Till) -> None:
    till.service.start()
    till.events.wait(lambda: bool(till.events.of(PullFinished)), what="the first pull")


def _drain(till: Till, total: int) -> None:
    till.events.wait(lambda: till.states() == {"success": total}, what=f"{total} uploads")


def _wipe(path: Path) -> None:
    for side in ("", "-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)


def test_a_station_on_an_empty_database_issues_no_number_hq_has(rig_any_db: Rig) -> None:
    rig = rig_any_db
    till = rig.till("S01")
    before = _sell(till, 7)
    _drain(till, 7)
    till.service.stop()

    _wipe(till.station.db.path)  # the disk is lost; the registration file (another disk in real life) is not
    till = _reopen(rig, till)
    assert till.station.numbering_pending() == "new_database"
    with pytest.raises(NoInvoiceNumberError) as refused:
        till.station.checkout(simple_sale())
    assert refused.value.code == "invoice.resume_pending"

    _start(till)  # HQ answers: its marks are adopted before the first number
    assert till.station.numbering_pending() is None
    after = _sell(till, 5)
    _drain(till, 5)
    assert not set(after) & set(before)
    hq_numbers = _hq_invoices(rig)
    assert len(hq_numbers) == len(set(hq_numbers)) == 12
    order_nos = _hq_order_nos(rig)
    assert len(order_nos) == len(set(order_nos)) == 12  # no order number reused either


def test_a_restored_backup_waits_for_hq_then_issues_past_every_number_hq_has(rig_any_db: Rig,
                                                                               tmp_path: Path) -> None:
    rig = rig_any_db
    till = rig.till("S01")
    early = _sell(till, 3)
    _drain(till, 3)
    folder = tmp_path / "usb"
    folder.mkdir()
    backup = make_backup(till.station.db.path, folder, till.station.clock.now(), keep=5)
    late = _sell(till, 4)  # after the backup: HQ has them, the backup does not
    _drain(till, 7)
    till.service.stop()
    till.station.close()

    _wipe(till.station.db.path)  # the disk dies
    restore(backup.path, till.station.db.path, till.station.clock.now())
    rig.server.stop()  # and HQ is out of reach when the till comes back
    till = _reopen(rig, till)
    assert till.station.numbering_pending() == "restored_backup"
    with pytest.raises(NoInvoiceNumberError) as refused:
        till.station.checkout(simple_sale())
    assert refused.value.code == "invoice.resume_pending"
    manual = till.station.checkout(replace(simple_sale(), invoice=InvoiceRequest.manual("ZZ00000001")))
    assert manual.manual and int(manual.order_no.split("-")[1]) > SEQ_GAP  # past any order number HQ holds

    rig.server.start()
    _start(till)
    assert till.station.numbering_pending() is None
    again = _sell(till, 4)
    _drain(till, 8)  # the backup holds the 3 early sales (uploaded before it was taken), then 1 manual + 4
    assert not set(again) & set(early + late)
    hq_numbers = _hq_invoices(rig)
    assert len(hq_numbers) == len(set(hq_numbers)) == 12
    order_nos = _hq_order_nos(rig)
    assert len(order_nos) == len(set(order_nos)) == 12
