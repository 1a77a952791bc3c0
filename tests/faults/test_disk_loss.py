"""The disk-loss fault: the station's disk lost after sales HQ already has, restored from the last backup:
0 numbers reissued, 0 sales lost at HQ (tests/faults/disk_loss.py runs it, over real HTTP to HQ in its
own process, with tills SIGKILLed as in the main campaign)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.faults.campaign import CampaignOptions
from tests.faults.disk_loss import run_disk_loss


def test_disk_lost_and_restored_from_the_last_backup_reissues_nothing_and_hq_loses_nothing(tmp_path: Path) -> None:
    report = run_disk_loss(tmp_path, CampaignOptions(checkouts=40, seed=20261202, busy_timeout_ms=1_000))
    failed = [name for name, ok in report["invariants"].items() if not ok]
    assert not failed, f"{failed}: {json.dumps(report, ensure_ascii=False)[:3000]}"
    counts = report["counts"]
    assert counts["lost_from_station"] >= 1  # the loss really took sales HQ had and the backup did not
    assert counts["sales_after_restore"] >= 1 and counts["refused_while_pending"] >= 1
