"""Allowance (折讓) upload and cancellation at HQ: exactly once per allowance UUID, a per-item answer.

Each allowance is judged in the batch's order within one transaction, so a second partial return of the
same sale in the same batch counts the first. An allowance whose sale HQ does not hold yet is kept as held
and judged again when that sale arrives (`judge_held`, called by the order upload). A refusal of a fresh
allowance writes nothing; a held one refused later stays, marked rejected with its reason.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy import func, insert
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col, select

from core.clock import to_taipei
from core.einvoice import period_of
from core.messages import AllowanceCode, SyncCode
from core.sync.protocol import (
    AllowanceBatchResult,
    AllowanceCancelBatchResult,
    AllowanceCancelIn,
    AllowanceIn,
    AllowanceOutcome,
    AllowanceResult,
    allowance_payload,
    allowance_sha256,
    cancel_sha256,
    canonical_json,
)
from hq.allowance_checks import Earlier, Original, SoldLine, judge, own_refusal, refunded
from hq.auth import Principal
from hq.db import HQDatabase
from hq.problems import HQProblemError, english
from hq.reconcile import Refusal
from hq.tables import HQAllowance, HQAllowanceLine, HQInvoice, HQOrder, HQOrderLine, HQPayment

_RETRIES = 3
IN_FORCE = "accepted"
log = logging.getLogger(__name__)


def _answer(allowance_id: uuid.UUID, outcome: AllowanceOutcome, refusal: Refusal | None = None, *,
            received_at: datetime | None = None) -> AllowanceResult:
    if refusal is None:
        return AllowanceResult(allowance_id=allowance_id, outcome=outcome, received_at=received_at)
    return AllowanceResult(allowance_id=allowance_id, outcome=outcome, received_at=received_at,
                           reason_code=refusal.code, reason=english(refusal.code, refusal.params),
                           reason_params={k: v if isinstance(v, int) else str(v) for k, v in refusal.params.items()})


def _transactions(db: HQDatabase, count: int,
                  work: Callable[[Session, Sequence[int]], list[AllowanceResult]]) -> list[AllowanceResult]:
    """The whole batch in one transaction; a lost race (a unique constraint) redoes it item by item, when
    the winner's rows are seen and answered as replays."""
    for _attempt in range(_RETRIES):
        try:
            with db.write() as session:
                return work(session, range(count))
        except IntegrityError:
            break
        except OperationalError as error:
            if "locked" not in str(error).lower() and "serialize" not in str(error).lower():
                raise
    answers: list[AllowanceResult] = []
    for index in range(count):
        for _attempt in range(_RETRIES):
            try:
                with db.write() as session:
                    answers.extend(work(session, [index]))
                break
            except (IntegrityError, OperationalError):
                continue
        else:
            raise HQProblemError(503, SyncCode.BUSY)
    return answers


def _judged(db: HQDatabase, who: Principal, count: int, one: Callable[[Session, int], AllowanceResult],
            what: str) -> list[AllowanceResult]:
    """Each item of a batch through `one` in the batch's transactions, each answer logged."""
    results = _transactions(db, count, lambda session, indexes: [one(session, index) for index in indexes])
    for result in results:
        log.info("%s %s from %s: %s%s %s", what, result.allowance_id, who.id, result.outcome,
                 " (replay)" if result.replay else "", result.reason_code or "")
    return results


def upload(db: HQDatabase, who: Principal, allowances: Sequence[AllowanceIn], now: datetime) -> AllowanceBatchResult:
    return AllowanceBatchResult(results=_judged(
        db, who, len(allowances), lambda session, i: _upload_one(session, who, allowances[i], now), "allowance"))


def _upload_one(session: Session, who: Principal, allowance: AllowanceIn, now: datetime) -> AllowanceResult:
    sha = allowance_sha256(allowance)
    early = _before_the_sale(session, who, allowance, sha)
    if early is not None:
        return early
    original = _original(session, str(allowance.original_order_id))
    if original is None:
        held = Refusal(AllowanceCode.HELD, {"order_id": str(allowance.original_order_id),
                                          "number": allowance.original_invoice_number})
        result = _answer(allowance.id, "held", held, received_at=now)
        _store(session, allowance, sha=sha, result=result, status="held", now=now)
        return result
    refusal = judge(allowance, original, _earlier(session, original.order_id), who.id)
    if refusal is not None:
        return _answer(allowance.id, "rejected", refusal)
    result = _answer(allowance.id, "accepted", received_at=now)
    _store(session, allowance, sha=sha, result=result, status=IN_FORCE, now=now)
    return result


def _before_the_sale(session: Session, who: Principal, allowance: AllowanceIn, sha: str) -> AllowanceResult | None:
    """The answer that needs no look at the sale: a refusal of the allowance itself, a replay, a conflict."""
    refusal = own_refusal(allowance, who.id)
    if refusal is not None:
        return _answer(allowance.id, "rejected", refusal)
    stored = session.get(HQAllowance, str(allowance.id))
    if stored is not None:
        if stored.station_id == who.id and stored.payload_sha256 == sha:
            return AllowanceResult.model_validate_json(stored.result).model_copy(update={"replay": True})
        return _answer(allowance.id, "conflict", Refusal(AllowanceCode.CONFLICT, {"allowance_id": str(allowance.id)}))
    if session.exec(select(HQAllowance.id).where(HQAllowance.number == allowance.number)).first() is not None:
        return _answer(allowance.id, "rejected", Refusal(AllowanceCode.NUMBER_TAKEN, {"number": allowance.number}))
    return None


def _store(session: Session, allowance: AllowanceIn, *, sha: str, result: AllowanceResult, status: str,
           now: datetime) -> None:
    key = str(allowance.id)
    issued_at = to_taipei(allowance.issued_at)
    session.execute(insert(HQAllowance), [{
        "id": key, "station_id": allowance.station_id, "number": allowance.number,
        "period_code": period_of(issued_at).code, "issued_at": issued_at, "received_at": now,
        "original_order_id": str(allowance.original_order_id),
        "original_invoice_number": allowance.original_invoice_number,
        "original_invoice_date": allowance.original_invoice_date, "staff_id": allowance.staff_id,
        "reason": allowance.reason, "amount": sum(line.amount for line in allowance.lines),
        "tax": sum(line.tax for line in allowance.lines), "refunded": refunded(allowance), "payload_sha256": sha,
        "payload": canonical_json(allowance_payload(allowance)).decode("utf-8"), "result": result.model_dump_json(),
        "status": status, "reason_code": result.reason_code,
    }])
    session.execute(insert(HQAllowanceLine), [
        {"allowance_id": key, "position": line.position, "original_position": line.original_position,
         "sku": line.sku, "quantity": line.quantity, "amount": line.amount, "tax": line.tax}
        for line in allowance.lines])


def _original(session: Session, order_id: str) -> Original | None:
    # The sale's row locked until commit: two returns of it racing on PostgreSQL are judged one after the other.
    row = session.exec(select(HQOrder, HQInvoice).join(HQInvoice, col(HQInvoice.order_id) == col(HQOrder.id))
                       .where(HQOrder.id == order_id).with_for_update(of=HQOrder)).first()
    if row is None:
        return None
    order, invoice = row
    lines = {line.position: SoldLine(line.sku, line.quantity, line.amount) for line in session.exec(
        select(HQOrderLine).where(HQOrderLine.order_id == order_id)).all()}
    paid = session.exec(select(func.coalesce(func.sum(HQPayment.amount), 0))
                        .where(HQPayment.order_id == order_id)).one()
    return Original(order_id=order.id, station_id=order.station_id, voided=order.status == "voided" or invoice.voided,
                    invoice_number=invoice.number, invoice_date=to_taipei(invoice.issued_at).date(),
                    manual=invoice.manual, paid=int(paid), lines=lines)


def _earlier(session: Session, order_id: str) -> Earlier:
    in_force = select(HQAllowance.id).where(HQAllowance.original_order_id == order_id,
                                            HQAllowance.status == IN_FORCE)
    returned: dict[int, int] = {}
    returned_amount: dict[int, int] = {}
    for position, quantity, amount, tax in session.exec(
            select(HQAllowanceLine.original_position, HQAllowanceLine.quantity, HQAllowanceLine.amount,
                   HQAllowanceLine.tax)
            .where(col(HQAllowanceLine.allowance_id).in_(in_force))).all():
        returned[position] = returned.get(position, 0) + quantity
        returned_amount[position] = returned_amount.get(position, 0) + amount + tax
    refunds = session.exec(select(func.coalesce(func.sum(HQAllowance.refunded), 0))
                           .where(HQAllowance.original_order_id == order_id, HQAllowance.status == IN_FORCE)).one()
    return Earlier(returned=returned, returned_amount=returned_amount, refunded=int(refunds))


def judge_held(session: Session, order_ids: Sequence[str], now: datetime) -> int:
    """The held allowances against sales that have just arrived, judged now in the order they came; each
    becomes accepted or rejected (kept, with its reason). Returns how many were judged."""
    held = session.exec(select(HQAllowance).where(col(HQAllowance.original_order_id).in_(sorted(order_ids)),
                                                  HQAllowance.status == "held")
                        # as they came, and within one batch as the station issued them (its numbers run up)
                        .order_by(col(HQAllowance.received_at), col(HQAllowance.issued_at),
                                  col(HQAllowance.number))).all()
    for row in held:
        allowance = AllowanceIn.model_validate_json(row.payload)
        original = _original(session, row.original_order_id)
        if original is None:
            continue
        refusal = judge(allowance, original, _earlier(session, original.order_id), row.station_id)
        outcome: AllowanceOutcome = "accepted" if refusal is None else "rejected"
        result = _answer(allowance.id, outcome, refusal, received_at=row.received_at)
        row.status, row.reason_code, row.result = outcome, result.reason_code, result.model_dump_json()
        session.add(row)
        session.flush()  # the next held allowance against the same sale counts this one
        log.info("held allowance %s (%s) judged on its sale's arrival: %s %s", row.id, row.number, outcome,
                 result.reason_code or "")
    return len(held)


# ---------------------------------------------------------------- cancellation (作廢折讓)

def cancel(db: HQDatabase, who: Principal, cancels: Sequence[AllowanceCancelIn],
           now: datetime) -> AllowanceCancelBatchResult:
    return AllowanceCancelBatchResult(results=_judged(
        db, who, len(cancels), lambda session, i: _cancel_one(session, who, cancels[i], now), "allowance cancel"))


def _cancel_one(session: Session, who: Principal, request: AllowanceCancelIn, now: datetime) -> AllowanceResult:
    key = request.allowance_id
    if request.station_id != who.id:
        return _answer(key, "rejected", Refusal(AllowanceCode.STATION_MISMATCH, {
            "allowance_station": request.station_id, "station": who.id}))
    row = session.get(HQAllowance, str(key))
    if row is None or row.station_id != who.id:  # another station's allowance answers like a missing one
        return _answer(key, "rejected", Refusal(AllowanceCode.UNKNOWN, {"allowance_id": str(key)}))
    sha = cancel_sha256(request)
    if row.status == "cancelled":
        if row.cancel_sha256 == sha:
            return _answer(key, "accepted").model_copy(update={"replay": True})
        return _answer(key, "conflict", Refusal(AllowanceCode.CANCEL_CONFLICT, {"allowance_id": str(key)}))
    refusal = _cancel_refusal(row, request, now)
    if refusal is not None:
        return _answer(key, "rejected", refusal)
    row.status, row.cancelled_at = "cancelled", to_taipei(request.cancelled_at)
    row.cancel_reason, row.cancel_approved_by, row.cancel_sha256 = request.reason, request.approved_by, sha
    session.add(row)
    return _answer(key, "accepted")  # no receive time: a replay must be the very same answer


def _cancel_refusal(row: HQAllowance, request: AllowanceCancelIn, now: datetime) -> Refusal | None:
    if row.status not in (IN_FORCE, "held"):
        return Refusal(AllowanceCode.NOT_IN_FORCE, {"number": row.number, "status": row.status})
    # HQ's clock decides first: a till's clock set back cannot reopen the allowance's closed period.
    for judged in (period_of(now).code, period_of(to_taipei(request.cancelled_at)).code):
        if judged != row.period_code:
            return Refusal(AllowanceCode.CANCEL_OTHER_PERIOD, {"number": row.number, "period": row.period_code,
                                                             "cancelled": judged})
    return None
