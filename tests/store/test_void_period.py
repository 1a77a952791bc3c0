"""A void (作廢) is only within the invoice's two-month period, in Taiwan time, as HQ keeps it: after
the period the station refuses it (an allowance, 折讓, is the way) and writes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from core.clock import TAIPEI, ManualClock
from core.errors import ValidationError
from core.station import Station
from tests.factories import open_station, simple_sale, table_counts

LAST_SECOND = datetime(2026, 12, 31, 23, 59, 59, tzinfo=TAIPEI)  # the end of period 115年11-12月
NEXT_PERIOD = datetime(2027, 1, 1, 0, 0, 0, tzinfo=TAIPEI)  # 116年01-02月


@pytest.fixture
def late(tmp_path: Path) -> Iterator[tuple[Station, ManualClock]]:
    clock = ManualClock(LAST_SECOND)
    station = open_station(tmp_path / "station.db", clock)
    yield station, clock
    station.close()


def test_a_void_in_the_next_period_is_refused_naming_the_allowance_and_writes_nothing(late) -> None:
    station, clock = late
    sale = station.checkout(simple_sale())
    clock.set(NEXT_PERIOD)
    before = table_counts(station)
    for attempt in (lambda: station.check_void(sale.order_id),
                    lambda: station.void(sale.order_id, staff_id="E001", manager_pin="1234", reason="客人退貨")):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.code == "void.other_period"
        assert "折讓" in refused.value.text("zh_TW") and "allowance (折讓)" in refused.value.text("en")
        assert "115年11-12月" in refused.value.text("zh_TW") and "116年01-02月" in refused.value.text("zh_TW")
    assert table_counts(station) == before
    assert station.order(sale.order_id).order.status == "completed"


def test_the_period_is_checked_before_the_pin(late) -> None:
    station, clock = late
    sale = station.checkout(simple_sale())
    clock.set(NEXT_PERIOD)
    with pytest.raises(ValidationError) as refused:  # a wrong PIN too: the period is what the cashier must hear
        station.void(sale.order_id, staff_id="E001", manager_pin="9999", reason="客人退貨")
    assert refused.value.code == "void.other_period"


def test_the_same_void_at_the_periods_last_second_is_allowed(late) -> None:
    station, _clock = late
    sale = station.checkout(simple_sale())
    station.check_void(sale.order_id)
    assert station.void(sale.order_id, staff_id="E001", manager_pin="1234", reason="客人退貨").id == "M001"
    assert station.order(sale.order_id).order.status == "voided"


def test_the_period_is_judged_in_taiwan_time_whatever_the_clocks_zone(late) -> None:
    station, clock = late
    sale = station.checkout(simple_sale())
    clock.set(datetime.fromisoformat("2026-12-31T15:59:59+00:00"))  # 23:59:59 in Taipei: still the period
    station.check_void(sale.order_id)
    clock.set(datetime.fromisoformat("2026-12-31T16:00:00+00:00"))  # 00:00:00 in Taipei: the next one
    with pytest.raises(ValidationError) as refused:
        station.check_void(sale.order_id)
    assert refused.value.code == "void.other_period"
