"""Order payloads for HQ's tests, built the way a station builds them (valid unless told otherwise)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from core.einvoice import period_of, split_tax
from tests.factories import NOON

BATTERY = ("SKU00001", "乾電池 3號 4入", "regular", 1, 105)
# The demo seed allocates AB12345600-AB12345699 of NOON's period to S01 (core.demo.station.DEMO_BOOKLETS):
# an order's default number, by seq, is one of those, so HQ takes it as S01's own.
FIRST_NUMBER = 12_345_600


def make_order(*, station_id: str = "S01", seq: int = 1, number: str | None = None,
               lines: Sequence[tuple[str, str, str, int, int]] = (BATTERY,), created_at: datetime = NOON,
               customer_phone: str | None = None, customer_id: str | None = None, manual: bool = False,
               order_id: str | None = None, offline: bool = True) -> dict[str, Any]:
    total = sum(quantity * price for _sku, _name, _kind, quantity, price in lines)
    sales, tax = split_tax(total)
    return {
        "id": order_id or str(uuid.uuid4()),
        "order_no": f"{station_id}-{seq:06d}",
        "seq": seq,
        "station_id": station_id,
        "created_at": created_at.isoformat(),
        "staff_id": "E001",
        "customer_id": customer_id,
        "customer_phone": customer_phone,
        "total": total,
        "offline": offline,
        "lines": [{"position": i, "sku": sku, "name": name, "product_type": kind, "quantity": quantity,
                   "unit_price": price, "catalog_price": None, "amount": quantity * price}
                  for i, (sku, name, kind, quantity, price) in enumerate(lines, start=1)],
        "payments": [{"kind": "cash", "amount": total, "tendered": total, "change": 0, "reference": ""}],
        "invoice": {
            "number": number or f"AB{FIRST_NUMBER + seq - 1:08d}", "period_code": period_of(created_at).code,
            "random_code": None if manual else "1234", "issued_at": created_at.isoformat(), "total": total,
            "sales": sales, "tax": tax, "seller_ban": "12345675", "buyer_ban": None, "carrier_type": None,
            "carrier_id": None, "donation_code": None, "qr_left": None, "qr_right": None,
            "print_mark": not manual, "manual": manual,
        },
    }
