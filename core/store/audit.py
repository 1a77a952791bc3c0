"""Recording sensitive actions; rows are only ever added."""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlmodel import Session

from core.store.tables import AuditEntry


class AuditAction(StrEnum):
    PRICE_OVERRIDE = "price_override"
    VOID = "void"
    REPRINT = "reprint"  # a 補印 of the proof copy
    DETAILS_REPRINT = "details_reprint"  # a 補印 of the 交易明細 slip (no invoice paper)
    MANUAL_INVOICE = "manual_invoice"
    PIN_LOCKOUT = "pin_lockout"  # five wrong PINs in a row locked a staff member at this till
    UNLOCK = "unlock"  # a manager lifted such a lock
    DRAWER_OPEN = "drawer_open"  # the cash drawer opened outside a sale, with a manager's PIN
    ALLOWANCE = "allowance"  # a return (折讓), with the manager who allowed it
    ALLOWANCE_CANCEL = "allowance_cancel"  # 作廢折讓
    ALLOWANCE_PAPER = "allowance_paper"  # a copy of a 折讓證明單 reached paper (complete or torn)
    ALLOWANCE_REPRINT = "allowance_reprint"  # a 補印 of a 折讓證明單 was asked for
    REISSUE = "reissue"  # a return within the period: the invoice voided, the kept lines invoiced anew


def record(session: Session, action: AuditAction, *, at: datetime, staff_id: str,
           order_id: str | None = None, approved_by: str | None = None, **detail: Any) -> None:
    session.add(AuditEntry(at=at, action=action.value, staff_id=staff_id, approved_by=approved_by,
                           order_id=order_id, detail=json.dumps(detail, ensure_ascii=False, sort_keys=True)))
