"""Whether an allowance (折讓) may stand against the original sale HQ holds: pure functions, no I/O.

Never more returned than sold less what earlier allowances in force returned, never more refunded than was
paid less earlier refunds, never against a voided invoice, and never against an invoice other than the
order's own (a hand-written one HQ cannot match is refused, not guessed at).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from core.messages import AllowanceCode
from core.sync.protocol import AllowanceIn
from hq.reconcile import Refusal


@dataclass(frozen=True)
class SoldLine:
    sku: str
    quantity: int
    amount: int  # with tax, as sold


@dataclass(frozen=True)
class Original:
    order_id: str
    station_id: str
    voided: bool
    invoice_number: str
    invoice_date: date  # Taipei
    manual: bool
    paid: int
    lines: Mapping[int, SoldLine]  # by position


@dataclass(frozen=True)
class Earlier:
    """What allowances in force (accepted, not cancelled) against the same order took already."""

    returned: Mapping[int, int]  # quantities, by the original line's position
    returned_amount: Mapping[int, int]  # with tax, by the original line's position
    refunded: int


def refunded(allowance: AllowanceIn) -> int:
    return sum(refund.amount for refund in allowance.refunds)


def own_refusal(allowance: AllowanceIn, station_id: str) -> Refusal | None:
    """What is wrong with the allowance by itself, before HQ looks at the sale."""
    return next(_own(allowance, station_id), None)


def _own(allowance: AllowanceIn, station_id: str) -> Iterator[Refusal]:
    if allowance.station_id != station_id:
        yield Refusal(AllowanceCode.STATION_MISMATCH,
                      {"allowance_station": allowance.station_id, "station": station_id})
    if not allowance.number.startswith(station_id):
        yield Refusal(AllowanceCode.NUMBER_PREFIX, {"number": allowance.number, "station": station_id})
    positions = [line.position for line in allowance.lines]
    if len(set(positions)) != len(positions):
        yield Refusal(AllowanceCode.AMOUNTS, {"detail": "a line number appears twice"})
    gross = sum(line.amount + line.tax for line in allowance.lines)
    if refunded(allowance) != gross:
        yield Refusal(AllowanceCode.AMOUNTS, {"detail": f"refunds {refunded(allowance)} != amounts with tax {gross}"})


def judge(allowance: AllowanceIn, original: Original, earlier: Earlier, station_id: str) -> Refusal | None:
    """Why the allowance cannot stand against this sale, or None."""
    return next(_against(allowance, original, earlier, station_id), None)


def _against(allowance: AllowanceIn, original: Original, earlier: Earlier, station_id: str) -> Iterator[Refusal]:
    if original.station_id != station_id:
        yield Refusal(AllowanceCode.OTHER_STATION, {"order_id": original.order_id, "station": station_id})
        return
    if (original.invoice_number, original.invoice_date) != (allowance.original_invoice_number,
                                                            allowance.original_invoice_date):
        code = AllowanceCode.MANUAL_UNMATCHED if original.manual else AllowanceCode.ORIGINAL_MISMATCH
        yield Refusal(code, {"order_id": original.order_id, "invoice": original.invoice_number,
                             "invoice_date": original.invoice_date.isoformat(),
                             "number": allowance.original_invoice_number,
                             "date": allowance.original_invoice_date.isoformat()})
        return
    if original.voided:
        yield Refusal(AllowanceCode.ORIGINAL_VOIDED, {"number": original.invoice_number})
        return
    asked: dict[int, tuple[int, int]] = {}
    for line in allowance.lines:
        sold = original.lines.get(line.original_position)
        if sold is None or sold.sku != line.sku:
            yield Refusal(AllowanceCode.UNKNOWN_LINE, {"position": line.original_position, "sku": line.sku})
            return
        quantity, amount = asked.get(line.original_position, (0, 0))
        asked[line.original_position] = (quantity + line.quantity, amount + line.amount + line.tax)
    for position, (quantity, _amount) in sorted(asked.items()):
        sold = original.lines[position]
        returned = earlier.returned.get(position, 0)
        if returned + quantity > sold.quantity:
            yield Refusal(AllowanceCode.MORE_THAN_SOLD, {"position": position, "sku": sold.sku, "sold": sold.quantity,
                                                       "returned": returned, "asked": quantity})
    if earlier.refunded + refunded(allowance) > original.paid:
        yield Refusal(AllowanceCode.REFUND_EXCEEDS_PAID, {"refund": refunded(allowance), "paid": original.paid,
                                                        "refunded": earlier.refunded})
    for position, (_quantity, amount) in sorted(asked.items()):
        sold = original.lines[position]
        returned_amount = earlier.returned_amount.get(position, 0)
        if returned_amount + amount > sold.amount:
            yield Refusal(AllowanceCode.MORE_THAN_LINE, {"position": position, "sku": sold.sku, "sold": sold.amount,
                                                       "returned": returned_amount, "asked": amount})
