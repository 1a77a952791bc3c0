"""The fault campaign's disk loss: tills sell against HQ (killed with SIGKILL over and over, as
in campaign.py), the database is backed up, more sales reach HQ, then the station's disk is lost and the
last backup restored. The restored till must reissue no number and HQ must lose no sale.

Reuses campaign.py's machinery (HQ in its own process, forked tills, the report pipe); the backup is the
station's own (core/backup/), taken while a till is stopped, as the 交班 backup would be."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

from core.backup.copy import make_backup
from core.backup.restore import restore
from core.errors import CashierError
from core.station import Station
from tests.factories import SELLER, simple_sale
from tests.faults.campaign import KINDS, Campaign, CampaignOptions, _message, check_station

BEFORE_BACKUP = 4  # tills (each killed) before the backup
AFTER_BACKUP = 4  # tills after it: their sales are at HQ but not in the backup
AFTER_RESTORE = 4  # tills on the restored database


def _hq_numbers(campaign: Campaign) -> dict[str, str]:
    with contextlib.closing(sqlite3.connect(f"file:{campaign.hq.db}?mode=ro", uri=True)) as hq:
        return dict(hq.execute("SELECT o.id, i.number FROM hq_orders o JOIN hq_invoices i ON i.order_id = o.id"))


def _local_ids(path: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return {row[0] for row in db.execute("SELECT id FROM orders")}


def _sale_before_hq_answers(campaign: Campaign) -> dict[str, Any]:
    """A checkout on the restored database before any sync has run: it must be refused, whatever the timing.

    The tills' own first checkout races their sync thread's resume call (a quick HQ answers before it), so
    the wait is shown here, in the parent, with no sync service started; the station is closed before the
    next till is forked."""
    station = Station.open(campaign.path, SELLER, campaign.clock)
    try:
        sale = station.checkout(simple_sale(KINDS[0]))
    except CashierError as error:
        return {"kind": "error", "where": "checkout", **_message(error)}
    finally:
        station.close()
    return {"kind": "sale", "order": sale.order_id, "number": sale.invoice_number}


def run_disk_loss(folder: Path, options: CampaignOptions | None = None) -> dict[str, Any]:
    campaign = Campaign(folder, replace(options or CampaignOptions(), disconnect_rate=0.0))
    usb = folder / "usb"
    usb.mkdir()
    try:
        campaign.hq.start()
        campaign._prepare()
        for _ in range(BEFORE_BACKUP):
            campaign._cycle()
        backup = make_backup(campaign.path, usb, campaign.clock.now(), keep=10)
        in_backup = _local_ids(campaign.path)
        for _ in range(AFTER_BACKUP):
            campaign._cycle()
        before_loss = campaign._drain()  # HQ has every sale the lost disk held
        at_hq_before = _hq_numbers(campaign)
        lost_from_station = _local_ids(campaign.path) - in_backup

        for side in ("", "-wal", "-shm"):  # the disk dies
            Path(f"{campaign.path}{side}").unlink(missing_ok=True)
        restore(backup.path, campaign.path, campaign.clock.now())
        committed_before = dict(campaign.committed)
        probe = _sale_before_hq_answers(campaign)
        for _ in range(AFTER_RESTORE):
            campaign._cycle()
        after = campaign._drain()
        at_hq = _hq_numbers(campaign)
    finally:
        campaign.hq.stop()

    new_sales = {k: v for k, v in campaign.committed.items() if k not in committed_before}
    numbers = list(at_hq.values())
    refused = [r for r in [probe, *campaign.records] if r.get("code") == "invoice.resume_pending"]
    station = check_station(campaign.path, {k: v for k, v in campaign.committed.items() if k not in lost_from_station})
    invariants = {
        "drained_before_the_loss": all(before_loss.values()),
        "drained_after_the_restore": all(after.values()),
        "no_number_reissued_at_hq": len(numbers) == len(set(numbers)),
        "no_number_reissued_by_the_tills": len(set(campaign.committed.values())) == len(campaign.committed),
        "restored_till_reused_none_of_hqs": not set(new_sales.values()) & set(at_hq_before.values()),
        "no_sale_lost_at_hq": all(at_hq.get(k) == v for k, v in campaign.committed.items())
        and all(at_hq.get(k) == v for k, v in at_hq_before.items()),
        "station_integrity_ok": station["station_integrity_ok"],
        "station_kept_every_sale_since_the_backup": station["station_has_every_committed_sale"],
        "station_no_invoice_number_twice": station["station_no_invoice_number_twice"],
        "restored_till_waited_for_hq": probe.get("code") == "invoice.resume_pending"
        and all(r["known"] for r in refused),
        "restored_till_sold_again": bool(new_sales),
    }
    return {"invariants": invariants, "ok": all(invariants.values()),
            "counts": {"committed": len(campaign.committed), "lost_from_station": len(lost_from_station),
                       "sales_after_restore": len(new_sales), "hq_orders": len(at_hq),
                       "refused_while_pending": len(refused)},
            "steps": campaign.steps}
