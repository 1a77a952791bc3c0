"""The bounded quick_check on open: a damaged station database is refused before
anything is written to it, in the doctor's words (doctor.database.damaged), in both languages."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from core.clock import ManualClock
from core.doctor.database_check import check_database
from core.errors import StoreError
from core.station import Station
from core.store.database import Database
from core.store.integrity import check_integrity
from tests.factories import NOON, SELLER, open_station, simple_sale
from tests.support.damage import claim_free_pages, garble_page


@pytest.fixture
def sold(tmp_path: Path) -> Path:
    station = open_station(tmp_path / "station.db", booklets=2)
    for _ in range(30):
        station.checkout(simple_sale())
    station.close()
    return tmp_path / "station.db"


@pytest.mark.parametrize("damage", [claim_free_pages, garble_page], ids=["listed", "malformed"])
def test_a_damaged_database_is_refused_on_open_in_the_doctors_words(sold: Path,
                                                                    damage: Callable[[Path], None]) -> None:
    damage(sold)
    before = sold.read_bytes()
    with pytest.raises(StoreError) as refused:
        Station.open(sold, SELLER, ManualClock(NOON))
    assert refused.value.code == "doctor.database.damaged"
    assert "損毀" in refused.value.text("zh_TW") and str(sold) in refused.value.text("zh_TW")
    assert "found damage" in refused.value.text("en") and "call support" in refused.value.text("en")
    assert sold.read_bytes() == before  # nothing written: no migration, no sale
    doctor, usable = check_database(sold)
    assert doctor.summary.code == refused.value.code and not usable  # the doctor says the same


def test_a_sound_database_passes_and_the_check_can_be_turned_off(sold: Path) -> None:
    Database(sold).close()
    claim_free_pages(sold)
    Database(sold, integrity_budget=None).close()  # no check asked: opens (the doctor still finds it)


def test_a_check_past_its_budget_is_unknown_not_damage(sold: Path) -> None:
    with sqlite3.connect(sold) as connection:
        spent = check_integrity(connection, budget_seconds=-1.0, steps=1)  # out of time at the first look
        assert not spent.complete and not spent.ok and spent.problems == ()
        assert check_integrity(connection).ok
    connection.close()

