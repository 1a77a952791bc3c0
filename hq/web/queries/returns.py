"""Returns as the back office shows them: the allowances (折讓) HQ holds, a day's or one order's, each with
its state and, where HQ refused or holds it, why (a core message code the page puts in its language)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from hq.tables import HQAllowance

SHOWN = 100


@dataclass(frozen=True)
class ReturnRow:
    id: str
    number: str
    station_id: str
    order_id: str
    original_invoice: str
    issued_at: datetime
    total: int  # untaxed amount plus tax: what the buyer was allowed
    refunded: int
    status: str  # accepted | held | rejected | cancelled
    reason: str  # what the cashier typed
    why_code: str | None = None
    why_params: dict[str, Any] = field(default_factory=dict)
    cancelled_at: datetime | None = None


def _row(allowance: HQAllowance) -> ReturnRow:
    answer = json.loads(allowance.result or "{}")
    return ReturnRow(allowance.id, allowance.number, allowance.station_id, allowance.original_order_id,
                     allowance.original_invoice_number, allowance.issued_at, allowance.amount + allowance.tax,
                     allowance.refunded, allowance.status, allowance.reason, allowance.reason_code,
                     dict(answer.get("reason_params") or {}), allowance.cancelled_at)


def of_day(session: Session, start: datetime, end: datetime) -> list[ReturnRow]:
    """The returns made at the tills in [start, end), by when the till made them (an offline one counts on
    its own day, as its sale does)."""
    query = (select(HQAllowance).where(col(HQAllowance.issued_at) >= start, col(HQAllowance.issued_at) < end)
             .order_by(col(HQAllowance.issued_at).desc(), col(HQAllowance.number).desc()).limit(SHOWN))
    return [_row(allowance) for allowance in session.exec(query)]


def of_order(session: Session, order_id: str) -> list[ReturnRow]:
    query = (select(HQAllowance).where(HQAllowance.original_order_id == order_id)
             .order_by(col(HQAllowance.issued_at), col(HQAllowance.number)))
    return [_row(allowance) for allowance in session.exec(query)]


def held(session: Session) -> list[ReturnRow]:
    """Held (the sale not at HQ yet) or refused once the sale came: a refusal on arrival is never stored."""
    query = (select(HQAllowance).where(col(HQAllowance.status).in_(("held", "rejected")))
             .order_by(col(HQAllowance.received_at).desc()).limit(SHOWN))
    return [_row(allowance) for allowance in session.exec(query)]
