"""Builders for a ready-to-sell station in tests (and in the child processes of the fault tests)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from core.checkout import CartLine, CheckoutRequest, InvoiceRequest, Seller, Tender
from core.clock import TAIPEI, ManualClock
from core.config import write_config
from core.einvoice import period_of
from core.pins import hash_pin
from core.station import Station
from core.store.catalog import upsert_staff

AES_KEY = "0123456789abcdef0123456789abcdef"
SELLER = Seller(station_id="S01", ban="12345675", name="示範商店股份有限公司", aes_key_hex=AES_KEY)
NOON = datetime(2026, 11, 22, 12, 0, 0, tzinfo=TAIPEI)
# Hashed once per process: full scrypt cost in every test would add up.
PIN_1234 = hash_pin("1234")
MANAGER_PIN = "1234"  # M001's (open_station): tests type the constant, never the digits
WRONG_PIN = "9876"  # nobody's PIN


def open_station(path: Path, clock: ManualClock | None = None, booklets: int = 1,
                 seller: Seller = SELLER) -> Station:
    clock = clock or ManualClock(NOON)
    station = Station.open(path, seller, clock)
    with station.db.write() as session:
        upsert_staff(session, [
            {"id": "E001", "name": "王小明", "role": "cashier", "pin_hash": PIN_1234, "active": True,
             "updated_at": clock.now()},
            {"id": "M001", "name": "林店長", "role": "manager", "pin_hash": PIN_1234, "active": True,
             "updated_at": clock.now()},
        ])
    period = period_of(clock.now())
    for index in range(booklets):
        station.add_booklet("AB", 12_345_600 + 50 * index, 12_345_649 + 50 * index, period)
    return station


def simple_sale(invoice: InvoiceRequest | None = None, *, cash: int = 1000, staff_id: str = "E001",
                lines: list[CartLine] | None = None) -> CheckoutRequest:
    return CheckoutRequest(
        lines=lines or [CartLine("4710000000017", "乾電池", 1, 105, catalog_price=105),
                        CartLine("4710000000024", "口罩", 2, 105, catalog_price=105)],
        tenders=[Tender("cash", cash)],
        invoice=invoice or InvoiceRequest.printed(),
        staff_id=staff_id,
    )


def table_counts(station: Station) -> dict[str, int]:
    """Rows per table plus each booklet's use: a refused sale must leave all of it unchanged."""
    from sqlalchemy import text

    with station.db.read() as session:
        tables = [row[0] for row in session.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))]
        counts = {name: session.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one() for name in tables}
        used = session.execute(text("SELECT coalesce(sum(next_offset), 0) FROM booklets")).scalar_one()
        counter = session.execute(text("SELECT coalesce(max(value), 0) FROM counters")).scalar_one()
    return {**counts, "numbers_used": used, "order_counter": counter}


def write_site_config(path: Path, data_dir: Path, *, hq_url: str, token: str, printer_url: str,
                      backup_dir: Path | None = None) -> Path:
    """A station's config file as a store would have it (the seller above, secrets included)."""
    extra = {"backup": {"dir": str(backup_dir)}} if backup_dir is not None else {}
    return write_config(path, {**extra,
        "station": {"id": "S01", "store_name": "示範門市", "language": "zh_TW", "data_dir": str(data_dir)},
        "seller": {"ban": "12345675", "name": "示範商店股份有限公司", "aes_key": AES_KEY},
        "hq": {"url": hq_url, "token": token},
        "printer": {"url": printer_url, "model": "PP-8800", "dots_per_line": 384},
    })
