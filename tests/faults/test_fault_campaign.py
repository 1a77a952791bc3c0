"""The fault campaign (DESIGN "How we test": faults), short: invariants 1, 2, 4 and 6 while a till selling,
printing and uploading is SIGKILLed over and over, HQ is SIGKILLed and restarted, the printer's cable is
pulled mid-job, another process write-locks the database and the disk fills up. The engine and how each
fault is made: tests/faults/campaign.py; the long run with a JSON report: bench/fault_campaign.py."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from core.errors import StoreError
from core.store.database import _translate
from tests.faults.campaign import EXPECTED, CampaignOptions, run_campaign

# ~25 s here. The tills' busy timeout is 1 s instead of the station's 5 s only to keep the run short.
OPTIONS = CampaignOptions(checkouts=60, kills=40, seed=20261122, busy_timeout_ms=1_000)


def test_faults_lose_nothing_repeat_nothing_and_each_gets_a_clear_message(tmp_path: Path) -> None:
    report = run_campaign(tmp_path, OPTIONS)
    (tmp_path / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    summary = json.dumps({k: report[k] for k in ("counts", "faults_injected", "steps", "raw_errors")},
                         ensure_ascii=False)[:4000]

    # Invariants 1, 2, 4: every sale reported committed is in the store whole and at HQ once; no invoice
    # number twice at the station or at HQ; the backlog drained with nothing refused.
    failed = [name for name, ok in report["invariants"].items() if not ok]
    assert not failed, f"{failed}: {summary}"
    counts, faults = report["counts"], report["faults_injected"]
    assert faults["station_sigkill"] >= OPTIONS.kills and counts["committed_reported"] >= OPTIONS.checkouts
    assert counts["station_orders"] >= counts["committed_reported"]  # a kill between commit and report is fine
    assert faults["hq_sigkill"] == faults["hq_restart"] == faults["db_lock"] == faults["disk_full"] == 1
    assert faults["printer_disconnect"] >= 1 and counts["offline_sales"] >= 1
    assert counts["print_jobs"].get("failed", 0) >= 1 and counts["print_jobs"].get("printed", 0) >= 1

    # Invariant 6: each fault met the message meant for it, in both languages, and nothing else surfaced raw.
    messages = report["messages_seen"]
    assert set(EXPECTED) <= set(messages), f"missing: {set(EXPECTED) - set(messages)}"
    for code, seen in messages.items():
        assert seen["known"] and seen["en"] and seen["zh"] and seen["en"] != seen["zh"], code
    assert report["raw_errors"] == []
    station = str(tmp_path / "station.db")
    lock = report["steps"]["db_lock"]
    assert "checkout" in messages["database.locked"]["where"] and lock["refused_checkouts"] >= 1
    assert station in lock["en"] and "another program" in lock["en"] and "其他程式" in lock["zh"]
    disk = report["steps"]["disk_full"]
    assert disk["before_ok"] and disk["refused"], disk
    assert {r["code"] for r in disk["refused"]} == {"database.disk_full"}, disk
    assert disk["unchanged"] and disk["integrity"] == "ok" and disk["after_ok"] and disk["one_more_order"]
    assert "disk is full" in disk["refused"][0]["en"] and "磁碟空間已滿" in disk["refused"][0]["zh"]
    assert messages["printer.disconnected"]["where"] == ["job"]
    assert "link" in messages["hq.unreachable"]["where"]


def test_sqlite_full_becomes_the_disk_full_message(tmp_path: Path) -> None:
    path = tmp_path / "station.db"
    error = _translate(sqlite3.OperationalError("database or disk is full"), path)
    assert isinstance(error, StoreError) and error.code == "database.disk_full"
    assert str(path) in error.text("en") and str(path) in error.text("zh_TW")
    assert _translate(sqlite3.OperationalError("no such table: x"), path) is None
