"""`cashier backup` / `cashier restore FILE` from a config, and the doctor's numbering and backup checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from core.backup.rotation import list_backups
from core.clock import ManualClock
from core.config import BackupConfig
from core.doctor import Status
from core.doctor.backup_check import check_backup
from core.doctor.resume_check import check_resume
from core.resume.registration import register
from core.station_lock import acquire
from tests.factories import NOON, open_station, simple_sale, write_site_config
from tui.cli import main


@pytest.fixture
def configured(tmp_path: Path) -> tuple[Path, Path, Path]:
    data, usb = tmp_path / "data", tmp_path / "usb"
    station = open_station(data / "station.db", ManualClock(NOON))
    station.checkout(simple_sale())
    station.close()
    usb.mkdir()
    config = write_site_config(tmp_path / "config.toml", data, hq_url="http://127.0.0.1:9", token="t" * 20,
                               printer_url="emulator", backup_dir=usb)
    return config, data, usb


def test_backup_then_restore_say_what_they_did_and_restore_waits_while_selling(
        configured: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    config, data, usb = configured
    assert main(["--config", str(config), "--lang", "en", "backup"]) == 0
    out = capsys.readouterr().out
    [made] = list_backups(usb)
    assert "Backing up" in out and f"Backed up to {made.path}" in out and "integrity check passed" in out

    selling = acquire(data, now=NOON)
    assert main(["--config", str(config), "--lang", "en", "restore", str(made.path)]) == 1
    assert "A till is selling on this station" in capsys.readouterr().err
    selling.release()
    assert main(["--config", str(config), "restore", str(made.path)]) == 0
    out = capsys.readouterr().out
    assert "已從" in out and "不會開立電子發票" in out
    assert check_resume(data / "station.db").status is Status.FAIL  # pending until HQ answers

    shutil.rmtree(usb)  # the stick is pulled out
    assert main(["--config", str(config), "--lang", "en", "backup"]) == 1
    assert "is missing or unusable" in capsys.readouterr().err


def test_the_doctor_fails_a_database_younger_than_the_registration(tmp_path: Path) -> None:
    clock = ManualClock(NOON)
    first = open_station(tmp_path / "station.db", clock)
    from core.store.resume import identity

    with first.db.write() as session:
        first_id = identity(session, clock.now()).id
    first.close()
    register(tmp_path, station_id="S01", database_id=first_id, seq=1, now=clock.now())
    assert check_resume(tmp_path / "station.db").status is Status.OK

    for side in ("", "-wal", "-shm"):
        Path(f"{tmp_path / 'station.db'}{side}").unlink(missing_ok=True)
    clock.advance(hours=1)
    open_station(tmp_path / "station.db", clock).close()  # a new, empty database on the registered station
    result = check_resume(tmp_path / "station.db")
    assert result.status is Status.FAIL and result.summary.code == "doctor.resume.younger"


def test_the_doctor_shows_the_last_backup_and_a_failure(tmp_path: Path) -> None:
    missing = check_backup(BackupConfig(dir=None), tmp_path, NOON)
    assert missing.status is Status.WARN
    empty = check_backup(BackupConfig(dir=tmp_path / "usb"), tmp_path, NOON)
    assert empty.status is Status.FAIL and empty.summary.code == "doctor.backup.none"


def test_backup_config_keys_are_parsed_and_a_bad_value_is_named(tmp_path: Path) -> None:
    from core.config import ConfigError, load_config

    config = write_site_config(tmp_path / "config.toml", tmp_path / "data", hq_url="http://127.0.0.1:9",
                               token="t" * 20, printer_url="emulator", backup_dir=Path("usb"))
    loaded = load_config(config, environ={})
    assert loaded.backup.dir == tmp_path / "usb"  # relative to the config file, like data_dir
    assert (loaded.backup.interval_minutes, loaded.backup.keep) == (5.0, 48)
    with pytest.raises(ConfigError) as bad:
        load_config(config, environ={"CASHIER_BACKUP__INTERVAL_MINUTES": "0"})
    assert [p.params["key"] for p in bad.value.problems] == ["backup.interval_minutes"]


def test_a_damaged_registration_counts_as_registered(tmp_path: Path) -> None:
    from core.resume.registration import registration_path
    from core.station import Station
    from tests.factories import SELLER

    registration_path(tmp_path).write_text("{not json", encoding="utf-8")
    station = Station.open(tmp_path / "station.db", SELLER, ManualClock(NOON))
    assert station.numbering_pending() == "new_database"  # the safe reading: it has sold before
    station.close()
    result = check_resume(tmp_path / "station.db")
    assert result.status is Status.FAIL
