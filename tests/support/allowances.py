"""Allowance (折讓) payloads for HQ's tests, built against an order payload the way a till would."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from core.clock import to_taipei
from core.einvoice import split_tax
from tests.factories import NOON

ALLOWANCES = "/api/v1/allowances/batch"
CANCELS = "/api/v1/allowances/cancels/batch"


def make_allowance(order: dict[str, Any], *, returned: Sequence[tuple[int, int]] = ((1, 1),), number: str = "",
                   issued_at: datetime = NOON + timedelta(hours=1), allowance_id: str | None = None,
                   station_id: str | None = None, gross: int | None = None,
                   invoice_number: str | None = None) -> dict[str, Any]:
    """`returned` is (original line position, quantity); `gross` overrides the one line's refund."""
    station = station_id or order["station_id"]
    by_position = {line["position"]: line for line in order["lines"]}
    lines = []
    for position, (original, quantity) in enumerate(returned, start=1):
        sold = by_position[original]
        amount, tax = split_tax(gross if gross is not None else sold["unit_price"] * quantity)
        lines.append({"position": position, "original_position": original, "sku": sold["sku"],
                      "quantity": quantity, "amount": amount, "tax": tax})
    refund = sum(line["amount"] + line["tax"] for line in lines)
    issued = to_taipei(datetime.fromisoformat(order["invoice"]["issued_at"]))
    return {
        "id": allowance_id or str(uuid.uuid4()),
        "station_id": station,
        "number": number or f"{station}A{uuid.uuid4().int % 10**8:08d}",
        "issued_at": issued_at.isoformat(),
        "original_invoice_number": invoice_number or order["invoice"]["number"],
        "original_invoice_date": issued.date().isoformat(),
        "original_order_id": order["id"],
        "lines": lines,
        "refunds": [{"kind": "cash", "amount": refund, "reference": ""}],
        "reason": "客人退貨",
        "staff_id": "E001",
    }


def make_cancel(allowance: dict[str, Any], *, at: datetime = NOON + timedelta(hours=2),
                reason: str = "開錯折讓單") -> dict[str, Any]:
    return {"allowance_id": allowance["id"], "station_id": allowance["station_id"], "cancelled_at": at.isoformat(),
            "reason": reason}
