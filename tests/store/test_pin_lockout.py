"""PINs resist guessing: five wrong PINs in a row lock that staff member at this till for 5 minutes,
doubling on each repeat lockout, on the injected clock, persisted across a restart, logged, and lifted
by a manager's PIN (audited). Weak stored hashes are re-hashed on the next successful login."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from sqlalchemy import text

from core.clock import ManualClock
from core.errors import ValidationError
from core.pins import needs_rehash, verify_pin
from core.station import Station
from tests.factories import SELLER, table_counts


def _wrong(station: Station, times: int, staff_id: str = "E001") -> list[str]:
    codes = []
    for _ in range(times):
        with pytest.raises(ValidationError) as refused:
            station.login(staff_id, "9999")
        codes.append(refused.value.code)
    return codes


def test_five_wrong_pins_lock_for_five_minutes_and_say_until_when(station: Station, clock: ManualClock,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="core.store.lockouts"):
        assert _wrong(station, 5) == ["login.failed"] * 4 + ["login.locked"]
    assert "E001 locked until 2026-11-22T12:05:00+08:00" in caplog.text
    with pytest.raises(ValidationError) as locked:
        station.login("E001", "1234")  # the right PIN does not open a lock
    assert locked.value.code == "login.locked"
    assert "12:05:00" in locked.value.text("zh_TW") and "王小明" in locked.value.text("zh_TW")
    assert "locked until 12:05:00" in locked.value.text("en")
    assert station.lock_of("E001") is not None and station.lock_of("M001") is None  # per person
    assert station.login("M001", "1234").id == "M001"
    clock.advance(minutes=4, seconds=59)
    with pytest.raises(ValidationError):
        station.login("E001", "1234")
    clock.advance(seconds=1)
    assert station.login("E001", "1234").id == "E001"


def test_a_locked_attempt_writes_nothing(station: Station) -> None:
    _wrong(station, 5)
    before = table_counts(station)
    assert _wrong(station, 3) == ["login.locked"] * 3
    assert table_counts(station) == before


def test_repeat_lockouts_double_and_a_success_starts_again(station: Station, clock: ManualClock) -> None:
    for minutes in (5, 10, 20):
        assert _wrong(station, 5)[-1] == "login.locked"
        lock = station.lock_of("E001")
        assert lock is not None and lock.until == clock.now() + timedelta(minutes=minutes)
        clock.set(lock.until)
    assert station.login("E001", "1234").id == "E001"
    _wrong(station, 5)
    lock = station.lock_of("E001")
    assert lock is not None and (lock.until - clock.now()).total_seconds() == 300
    with station.db.read() as session:
        audit = session.execute(text("SELECT count(*) FROM audit_log WHERE action = 'pin_lockout'")).scalar_one()
    assert audit == 4


def test_a_right_pin_resets_the_count_of_wrong_ones(station: Station) -> None:
    _wrong(station, 4)
    station.login("E001", "1234")
    assert _wrong(station, 4) == ["login.failed"] * 4
    assert station.lock_of("E001") is None


def test_a_lock_survives_a_restart(station: Station, clock: ManualClock) -> None:
    _wrong(station, 5)
    path = station.db.path
    station.close()
    again = Station.open(path, SELLER, clock)
    try:
        with pytest.raises(ValidationError) as locked:
            again.login("E001", "1234")
        assert locked.value.code == "login.locked"
    finally:
        again.close()


def test_a_manager_unlocks_with_their_pin_audited_and_a_wrong_pin_writes_nothing(station: Station) -> None:
    _wrong(station, 5)
    before = table_counts(station)
    with pytest.raises(ValidationError) as wrong:
        station.unlock("E001", manager_pin="9999")
    assert wrong.value.code == "manager.pin_wrong" and table_counts(station) == before
    assert station.unlock("E001", manager_pin="1234").id == "M001"
    assert station.login("E001", "1234").id == "E001"
    with station.db.read() as session:
        row = session.execute(text("SELECT staff_id, approved_by, detail FROM audit_log WHERE action = 'unlock'")).one()
    assert row[:2] == ("E001", "M001") and json.loads(row[2])["was_locked_until"] == "2026-11-22T12:05:00+08:00"
    with pytest.raises(ValidationError) as not_locked:
        station.unlock("E001", manager_pin="1234")
    assert not_locked.value.code == "login.not_locked"


def test_unknown_staff_are_refused_without_counting(station: Station) -> None:
    before = table_counts(station)
    assert _wrong(station, 6, "NOBODY") == ["login.failed"] * 6
    assert table_counts(station) == before


def test_a_weak_stored_hash_is_rehashed_on_the_next_successful_login(station: Station) -> None:
    import base64
    import hashlib
    import os

    salt = os.urandom(16)
    digest = hashlib.scrypt(b"1234", salt=salt, n=2**14, r=8, p=1, dklen=32)  # the cost before this release
    weak = f"scrypt$16384$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    assert needs_rehash(weak)
    with station.db.write() as session:
        session.execute(text("UPDATE staff SET pin_hash = :h WHERE id = 'E001'"), {"h": weak})
    with pytest.raises(ValidationError):
        station.login("E001", "0000")  # a wrong PIN changes no hash
    with station.db.read() as session:
        assert session.execute(text("SELECT pin_hash FROM staff WHERE id = 'E001'")).scalar_one() == weak
    station.login("E001", "1234")
    with station.db.read() as session:
        stored = session.execute(text("SELECT pin_hash FROM staff WHERE id = 'E001'")).scalar_one()
    assert stored != weak and not needs_rehash(stored) and verify_pin("1234", stored)
    assert station.login("E001", "1234").id == "E001"


def test_pin_rules_by_role() -> None:
    from core.pins import validate_pin

    assert validate_pin("1234") == "1234" and validate_pin("000000", "manager") == "000000"
    for pin, role, code in (("123", "cashier", "pin.invalid"), ("12a4", "cashier", "pin.invalid"),
                            ("1234567890123", "manager", "pin.invalid"), ("12345", "manager", "pin.manager_short")):
        with pytest.raises(ValidationError) as refused:
            validate_pin(pin, role)
        assert refused.value.code == code, (pin, role)
    with pytest.raises(ValidationError) as short:
        validate_pin("0000", "manager")
    assert "6" in short.value.text("zh_TW") and "at least 6 digits" in short.value.text("en")
    assert needs_rehash("not a hash") and needs_rehash("scrypt$16384$8$1$AA==$AA==")


def test_the_light_staff_read_sees_a_lock_so_the_preview_refuses_it_too(station: Station,
                                                                         clock: ManualClock) -> None:
    from core.store.staff_light import read_active_staff

    _wrong(station, 5)
    by_id = {member.id: member for member in read_active_staff(station.db.path)}
    until = by_id["E001"].locked_at(clock.now())
    assert until is not None and f"{until:%H:%M:%S}" == "12:05:00"
    assert by_id["M001"].locked_at(clock.now()) is None
    clock.advance(minutes=5)
    assert by_id["E001"].locked_at(clock.now()) is None
