"""Allowances and their cancels as the station uploads them: protocol models validated from the stored
rows, so one HQ's format would refuse is known before it leaves; identical on every retry."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from core.clock import to_taipei
from core.store.allowances import Allowance
from core.store.tables import AllowanceRow
from core.sync.protocol import AllowanceCancelIn, AllowanceIn


def _time(value: datetime) -> datetime:
    return to_taipei(value).replace(microsecond=0)  # the wire carries whole seconds


def allowance_in(allowance: Allowance, station_id: str) -> AllowanceIn:
    """pydantic.ValidationError if the stored allowance does not fit HQ's format."""
    return AllowanceIn.model_validate({
        "id": allowance.id, "station_id": station_id, "number": allowance.number,
        "issued_at": _time(allowance.issued_at), "original_invoice_number": allowance.original_invoice_number,
        "original_invoice_date": date.fromisoformat(allowance.original_invoice_date),
        "original_order_id": allowance.order_id,
        "lines": [{"position": line.position, "original_position": line.original_position, "sku": line.sku,
                   "quantity": line.quantity, "amount": line.amount, "tax": line.tax} for line in allowance.lines],
        "refunds": [{"kind": r.kind.value, "amount": r.amount, "reference": r.reference} for r in allowance.refunds],
        "reason": allowance.reason, "staff_id": allowance.staff_id,
    })


def cancel_in(row: AllowanceRow, station_id: str) -> AllowanceCancelIn:
    if row.cancelled_at is None:
        raise ValueError(f"allowance {row.id} is not cancelled")
    return AllowanceCancelIn.model_validate({
        "allowance_id": row.id, "station_id": station_id, "cancelled_at": _time(row.cancelled_at),
        "reason": row.cancel_reason or "作廢", "approved_by": row.cancelled_by,
    })


def as_json(model: AllowanceIn | AllowanceCancelIn) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_unset=True)
