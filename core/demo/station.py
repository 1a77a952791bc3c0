"""A demo station: staff, catalog and booklets for this period and the next, ready to sell."""

from __future__ import annotations

import secrets
from dataclasses import asdict
from pathlib import Path

from core.checkout import Seller
from core.clock import Clock
from core.demo.catalog import demo_products
from core.einvoice import period_of
from core.pins import hash_pin
from core.station import Station

DEMO_SELLER_BAN = "12345675"
DEMO_PINS = {"M001": "000000", "E001": "1234"}  # a manager's PIN is at least 6 digits (core.pins)
DEMO_STATION = "S01"
# The demo station's own booklets: (track, first, last, 0 for this period / 1 for the next). The demo HQ
# (hq.seed) has them allocated to DEMO_STATION, so what the demo sells is accepted as that station's numbers.
DEMO_BOOKLETS = (("AB", 12_345_600, 12_345_649, 0), ("AB", 12_345_650, 12_345_699, 0),
                 ("CD", 10_000_000, 10_000_049, 1))


def demo_seller(station_id: str = DEMO_STATION) -> Seller:
    # A fresh random key per demo: the demo never ships a real merchant's secret.
    return Seller(station_id=station_id, ban=DEMO_SELLER_BAN, name="示範商店股份有限公司",
                  aes_key_hex=secrets.token_hex(16))


def open_demo_station(path: Path, clock: Clock, products: int = 200, *, seller: Seller | None = None) -> Station:
    station = Station.open(path, seller or demo_seller(), clock)
    now = clock.now()
    station.load_staff([
        {"id": "M001", "name": "林店長", "role": "manager", "pin_hash": hash_pin(DEMO_PINS["M001"], "manager"),
         "active": True, "updated_at": now},
        {"id": "E001", "name": "王小明", "role": "cashier", "pin_hash": hash_pin(DEMO_PINS["E001"]),
         "active": True, "updated_at": now},
    ])
    station.load_products({**asdict(p), "active": True, "updated_at": now} for p in demo_products(products))
    current = period_of(now)
    for track, first, last, ahead in DEMO_BOOKLETS:
        station.add_booklet(track, first, last, current.next() if ahead else current)
    return station
