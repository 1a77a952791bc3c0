"""Demo data for `cashier hq serve --seed-demo`: staff with a manager, the 200-product demo catalog,
customers, station tokens and invoice ranges for the current and the next period. Re-seeding is safe:
rows are upserted, ranges already imported are kept, tokens are rotated."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Literal

from sqlmodel import Session, select

from core.demo.catalog import demo_products
from core.demo.station import DEMO_BOOKLETS, DEMO_PINS, DEMO_STATION
from core.einvoice import Period, period_of
from core.sync.protocol import BookletRangeIn, CustomerIn, ProductIn, StaffIn
from hq.auth import ADMIN, issue_token
from hq.booklets import hand_over, import_range
from hq.catalog import upsert_customers, upsert_products, upsert_staff
from hq.db import HQDatabase
from hq.tables import HQBooklet, HQBookletRange

ADMIN_ID = "ADMIN"
DEMO_STAFF: list[tuple[str, str, Literal["cashier", "manager"]]] = [
    ("M001", "林店長", "manager"), ("E001", "王小明", "cashier"), ("E002", "陳美玲", "cashier")]
DEMO_CUSTOMERS = ["陳怡君", "林志豪", "黃淑芬", "張家豪", "李雅婷", "王建宏", "吳佩珊", "劉俊傑", "蔡宜蓁", "楊宗翰"]
# Tracks apart from the ones `cashier demo` registers locally, so a demo station can hold both.
DEMO_RANGES = (("KN", 20_000_000), ("KP", 20_000_000))
DEMO_NUMBERS_PER_PERIOD = 1_000


@dataclass
class SeedResult:
    admin_token: str
    station_tokens: dict[str, str] = field(default_factory=dict)
    products: int = 0
    staff: int = 0
    customers: int = 0


def demo_customers() -> list[CustomerIn]:
    return [CustomerIn(id=f"C{index + 1:05d}", member_code=f"M{index + 1:07d}", phone=f"09{12345670 + index:08d}",
                       name=name) for index, name in enumerate(DEMO_CUSTOMERS * 3)]


def seed_demo(db: HQDatabase, now: datetime, stations: tuple[str, ...] = ("S01", "S02"),
              products: int = 200) -> SeedResult:
    staff = [StaffIn(id=i, name=n, role=r, pin=DEMO_PINS.get(i, "5678")) for i, n, r in DEMO_STAFF]
    catalog = [ProductIn(**asdict(p)) for p in demo_products(products)]
    customers = demo_customers()
    with db.write() as session:
        result = SeedResult(admin_token=issue_token(session, ADMIN_ID, name="back office", role=ADMIN, now=now))
        for station in stations:
            result.station_tokens[station] = issue_token(session, station, name=f"收銀機 {station}", now=now)
        result.staff = upsert_staff(session, staff, now)
        result.products = upsert_products(session, catalog, now)
        result.customers = upsert_customers(session, customers, now)
        period = period_of(now)
        for (track, start), target in zip(DEMO_RANGES, (period, period.next()), strict=True):
            exists = session.exec(select(HQBookletRange.id).where(HQBookletRange.period_code == target.code,
                                                                  HQBookletRange.track == track)).first()
            if exists is None:
                import_range(session, BookletRangeIn(period_code=target.code, track=track, start=start,
                                                     end=start + DEMO_NUMBERS_PER_PERIOD - 1), now)
        if DEMO_STATION in stations:
            _demo_station_booklets(session, period, now)
    return result


def _demo_station_booklets(session: Session, period: Period, now: datetime) -> None:
    """The booklets `cashier demo`'s station registers locally (core.demo.station), allocated to it here:
    HQ accepts a number only from the station it was allocated to."""
    for track, first, last, ahead in DEMO_BOOKLETS:
        target = period.next() if ahead else period
        if session.exec(select(HQBooklet.id).where(HQBooklet.period_code == target.code, HQBooklet.track == track,
                                                   HQBooklet.start == first)).first() is not None:
            continue
        hand_over(session, DEMO_STATION, period_code=target.code, track=track, first=first, last=last, now=now)
