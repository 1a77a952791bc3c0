"""Backups of the station database on real SQLite files: the online backup API beside a selling
connection, verify, rotation, a crash mid-backup, a missing or full folder, the schedule on the injected
clock, restore (refused while a till sells), and the commands."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from core.backup.copy import make_backup, verify
from core.backup.restore import restore
from core.backup.rotation import PARTIAL, list_backups
from core.backup.schedule import BackupSchedule
from core.backup.state import read_state
from core.clock import ManualClock
from core.errors import BackupError, NoInvoiceNumberError
from core.station import Station
from core.station_lock import acquire
from core.store import resume as keys
from tests.factories import NOON, SELLER, open_station, simple_sale


def _sold(path: Path, clock: ManualClock, sales: int = 2) -> Station:
    station = open_station(path, clock)
    for _ in range(sales):
        station.checkout(simple_sale())
    return station


def _state(path: Path) -> dict[str, str]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return keys.read_raw(connection)
    finally:
        connection.close()


def test_a_backup_is_a_verified_private_single_file_marked_for_resume(tmp_path: Path, clock: ManualClock) -> None:
    station = _sold(tmp_path / "data" / "station.db", clock)
    folder = tmp_path / "usb"
    folder.mkdir(mode=0o755)
    result = make_backup(station.db.path, folder, clock.now(), keep=5)
    station.checkout(simple_sale())  # the till goes on selling: the backup is a snapshot
    assert result.path.name == "station-20261122-120000.db"
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600 and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert sorted(p.name for p in folder.iterdir()) == [result.path.name]  # no -wal, no .partial
    assert verify(result.path) == ()
    connection = sqlite3.connect(result.path)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert connection.execute("SELECT count(*) FROM orders").fetchone()[0] == 2
    finally:
        connection.close()
    assert _state(result.path)[keys.PENDING] == "restored_backup"  # whoever puts it back waits for HQ
    assert keys.PENDING not in _state(station.db.path)  # the live database is not touched
    station.close()


def test_rotation_keeps_the_newest_and_a_crash_leftover_is_never_listed_and_cleaned(tmp_path: Path,
                                                                                   clock: ManualClock) -> None:
    station = _sold(tmp_path / "station.db", clock)
    folder = tmp_path / "usb"
    folder.mkdir()
    (folder / f"station-20261122-115959.db{PARTIAL}").write_bytes(b"half a copy")  # killed mid-backup
    assert list_backups(folder) == []
    made = []
    for minute in range(5):
        clock.set(NOON + timedelta(minutes=minute))
        made.append(make_backup(station.db.path, folder, clock.now(), keep=3).path)
    assert [b.path for b in list_backups(folder)] == made[:-4:-1]
    assert sorted(folder.iterdir()) == sorted(made[-3:])
    station.close()


def test_a_missing_or_full_folder_is_reported_and_older_backups_stay(tmp_path: Path, clock: ManualClock) -> None:
    station = _sold(tmp_path / "data" / "station.db", clock)
    schedule = BackupSchedule(station.db.path, tmp_path / "no-stick", clock, interval=timedelta(minutes=5), keep=3)
    outcome = schedule.run()
    assert isinstance(outcome, BackupError) and outcome.code == "backup.dir_missing"
    state = read_state(station.db.path.parent)
    assert state.failure is not None and state.failure.code == "backup.dir_missing" and state.last is None

    folder = tmp_path / "usb"
    folder.mkdir()
    good = make_backup(station.db.path, folder, clock.now(), keep=3)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # a child whose files may not grow past 8 KiB: the stick is full
        try:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))
            clock.set(NOON + timedelta(minutes=1))
            try:
                make_backup(station.db.path, folder, clock.now(), keep=3)
                code = "none"
            except BackupError as error:
                code = error.code
            os.write(write, code.encode())
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    assert os.read(read, 100).decode() == "backup.dir_full"
    os.close(read)
    assert [b.path for b in list_backups(folder)] == [good.path] and sorted(folder.iterdir()) == [good.path]
    station.close()


def test_the_schedule_backs_up_every_interval_while_selling_and_not_when_idle(tmp_path: Path,
                                                                             clock: ManualClock) -> None:
    station = _sold(tmp_path / "data" / "station.db", clock, sales=1)
    folder = tmp_path / "usb"
    folder.mkdir()
    station.start_backups(folder, interval=timedelta(minutes=5), keep=10)
    assert station.backup_tick() is not None  # never backed up: due at once
    clock.advance(minutes=4)
    station.checkout(simple_sale())
    assert station.backup_tick() is None  # within the interval
    clock.advance(minutes=1)
    assert station.backup_tick() is not None  # interval passed, the database changed
    clock.advance(minutes=10)
    assert station.backup_tick() is None  # idle: nothing new to back up
    station.close_shift("E001")  # 交班 backs up at once
    assert len(list_backups(folder)) == 3
    last = station.backup_state().last
    assert last is not None and last.at == clock.now()
    station.close()


def test_restore_is_refused_while_a_till_sells_and_a_damaged_file_changes_nothing(tmp_path: Path,
                                                                                  clock: ManualClock) -> None:
    data = tmp_path / "data"
    station = _sold(data / "station.db", clock)
    folder = tmp_path / "usb"
    folder.mkdir()
    backup = make_backup(station.db.path, folder, clock.now(), keep=3)
    selling = acquire(data, now=clock.now())  # the till holds the station lock
    with pytest.raises(BackupError) as refused:
        restore(backup.path, data / "station.db", clock.now())
    assert refused.value.code == "restore.while_selling"
    selling.release()
    station.close()

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    before = (data / "station.db").read_bytes()
    with pytest.raises(BackupError) as damaged:
        restore(junk, data / "station.db", clock.now())
    assert damaged.value.code == "restore.damaged" and (data / "station.db").read_bytes() == before
    with pytest.raises(BackupError) as missing:
        restore(tmp_path / "nothing.db", data / "station.db", clock.now())
    assert missing.value.code == "restore.not_found"


def test_a_restored_station_takes_no_number_until_hq_answers_and_keeps_the_replaced_database(
        tmp_path: Path, clock: ManualClock) -> None:
    data = tmp_path / "data"
    station = _sold(data / "station.db", clock)
    folder = tmp_path / "usb"
    folder.mkdir()
    backup = make_backup(station.db.path, folder, clock.now(), keep=3)
    station.checkout(simple_sale())
    station.close()
    result = restore(backup.path, data / "station.db", clock.now())
    assert result.kept is not None and result.kept.exists()
    reopened = Station.open(data / "station.db", SELLER, clock)
    assert reopened.numbering_pending() == "restored_backup"
    with pytest.raises(NoInvoiceNumberError) as refused:
        reopened.checkout(simple_sale())
    assert refused.value.code == "invoice.resume_pending"
    assert "自行開立" in refused.value.text("zh_TW") and "manual invoice" in refused.value.text("en")
    reopened.close()


def test_a_kill_mid_backup_leaves_the_older_backups_and_the_next_backup_cleans_up(tmp_path: Path,
                                                                                 clock: ManualClock) -> None:
    station = _sold(tmp_path / "data" / "station.db", clock, sales=3)
    folder = tmp_path / "usb"
    folder.mkdir()
    older = make_backup(station.db.path, folder, clock.now(), keep=5)
    clock.advance(minutes=5)
    pid = os.fork()
    if pid == 0:  # the till's process, SIGKILLed after the first page of the next copy
        try:
            make_backup(station.db.path, folder, clock.now(), keep=5, pages=1,
                        progress=lambda *_: os.kill(os.getpid(), signal.SIGKILL))
        finally:
            os._exit(3)  # never reached: the kill comes first
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    leftovers = [p for p in folder.iterdir() if p != older.path]
    assert leftovers and all(PARTIAL in p.name for p in leftovers)  # half a copy, under its temporary name
    assert [b.path for b in list_backups(folder)] == [older.path]  # what a restore would offer: the whole one
    assert verify(older.path) == ()
    clock.advance(minutes=5)
    newer = make_backup(station.db.path, folder, clock.now(), keep=5)
    assert sorted(folder.iterdir()) == sorted([older.path, newer.path])
    station.close()
