"""The upload outbox (上傳紀錄): claiming due orders, recording each attempt's outcome, and the queries the
upload-records screen shows. All of the sync's SQL lives here; core.sync only decides what to do.

States: waiting (等待中) -> uploading -> success (成功); failed (will retry after a backoff);
attention (HQ refused it: a person must look; retried only by hand). A row is never deleted.

Voids (作廢) have an outbox of their own (void_outbox, one row per voided order, same states), written in
the void's transaction. A void is due only once its order's row is 'success': HQ never gets a void for
an order it has not got, and a void waits as long as its order does.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import bindparam, func, update
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from core.clock import to_taipei
from core.errors import MESSAGES
from core.store.mof_state import PlatformState, state_of
from core.store.tables import (
    AllowanceOutboxEntry,
    AllowanceRow,
    Invoice,
    Order,
    OrderLine,
    OutboxEntry,
    Payment,
    SyncState,
    VoidOutboxEntry,
)

LAST_SUCCESS = "upload.last_success"


class UploadState(StrEnum):
    WAITING = "waiting"
    UPLOADING = "uploading"
    SUCCESS = "success"
    FAILED = "failed"
    ATTENTION = "attention"

    @property
    def label(self) -> str:
        return STATE_LABELS[self][0]


# (Traditional Chinese, English), as the seed's upload records screen names them.
STATE_LABELS: dict[UploadState, tuple[str, str]] = {
    UploadState.WAITING: ("等待中", "waiting"),
    UploadState.UPLOADING: ("上傳中", "uploading"),
    UploadState.SUCCESS: ("成功", "success"),
    UploadState.FAILED: ("失敗，將重試", "failed, will retry"),
    UploadState.ATTENTION: ("需要處理", "needs attention"),
}
DUE_STATES = (UploadState.WAITING.value, UploadState.FAILED.value)
PENDING_STATES = (*DUE_STATES, UploadState.UPLOADING.value)


@dataclass(frozen=True)
class Reason:
    """Why an upload did not succeed, as a message code (core.errors.MESSAGES) and its parameters."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"code": self.code, "params": self.params}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> Reason | None:
        if not text:
            return None
        try:
            data = json.loads(text)
            return cls(str(data["code"]), dict(data.get("params") or {}))
        except (ValueError, KeyError, TypeError, AttributeError):
            return cls("hq.bad_reply", {"detail": text[:200]})

    def text(self, language: str = "zh_TW") -> str:
        if self.code not in MESSAGES:
            return f"{self.code} {self.params}"
        zh, en = MESSAGES[self.code]
        try:
            return (en if language == "en" else zh).format(**self.params)
        except (KeyError, IndexError, ValueError):
            return f"{self.code} {self.params}"


def _ts(when: datetime) -> str:
    return to_taipei(when).isoformat(timespec="seconds")


# ---------------------------------------------------------------- the uploader's side

@dataclass(frozen=True)
class Claimed:
    order_id: str
    attempts: int  # attempts before this one


def recover_interrupted(session: Session, now: datetime) -> int:
    """Rows left 'uploading' by a stopped station go back to due: HQ may or may not have them, and
    re-sending is safe because HQ answers a replay with its first answer."""
    count = 0
    for table in (OutboxEntry, VoidOutboxEntry):
        result = session.exec(
            update(table).where(col(table.state) == UploadState.UPLOADING.value)
            .values(state=UploadState.WAITING.value, next_attempt_at=now, updated_at=now,
                    last_error=Reason("hq.upload_interrupted").to_json())
            .execution_options(synchronize_session=False))
        count += int(result.rowcount or 0)
    return count


def claim_due(session: Session, now: datetime, limit: int) -> list[Claimed]:
    """Take up to `limit` due orders, oldest sale first, and mark them uploading (call in a write transaction)."""
    rows = session.exec(
        select(OutboxEntry.order_id, OutboxEntry.attempts)
        .where(col(OutboxEntry.state).in_(DUE_STATES), OutboxEntry.next_attempt_at <= now)
        .order_by(col(OutboxEntry.next_attempt_at), col(OutboxEntry.created_at), col(OutboxEntry.order_id))
        .limit(limit)
    ).all()
    if not rows:
        return []
    session.execute(
        update(OutboxEntry).where(col(OutboxEntry.order_id).in_([r[0] for r in rows]))
        .values(state=UploadState.UPLOADING.value, updated_at=now)
        .execution_options(synchronize_session=False))
    return [Claimed(order_id, attempts) for order_id, attempts in rows]


def next_due(session: Session) -> datetime | None:
    """When the next order or void is due (a void only counts once HQ has its order)."""
    order = session.exec(select(func.min(OutboxEntry.next_attempt_at))
                         .where(col(OutboxEntry.state).in_(DUE_STATES))).one()
    void = session.exec(select(func.min(VoidOutboxEntry.next_attempt_at))
                        .join(OutboxEntry, col(OutboxEntry.order_id) == VoidOutboxEntry.order_id)
                        .where(col(VoidOutboxEntry.state).in_(DUE_STATES),
                               OutboxEntry.state == UploadState.SUCCESS.value)).one()
    due = [at for at in (order, void) if at is not None]
    return min(due) if due else None


@dataclass(frozen=True)
class OrderBundle:
    order: Order
    lines: list[OrderLine]
    payments: list[Payment]
    invoice: Invoice


def load_orders(session: Session, order_ids: Sequence[str]) -> list[OrderBundle]:
    """Orders with their lines, payments and invoice, in the order asked (missing ones left out)."""
    ids = list(order_ids)
    orders = {o.id: o for o in session.exec(select(Order).where(col(Order.id).in_(ids)))}
    lines: dict[str, list[OrderLine]] = {}
    line_query = select(OrderLine).where(col(OrderLine.order_id).in_(ids)).order_by(col(OrderLine.position))
    for line in session.exec(line_query):
        lines.setdefault(line.order_id, []).append(line)
    payments: dict[str, list[Payment]] = {}
    for payment in session.exec(select(Payment).where(col(Payment.order_id).in_(ids)).order_by(col(Payment.id))):
        payments.setdefault(payment.order_id, []).append(payment)
    invoices = {i.order_id: i for i in session.exec(select(Invoice).where(col(Invoice.order_id).in_(ids)))}
    return [OrderBundle(orders[i], lines.get(i, []), payments.get(i, []), invoices[i])
            for i in ids if i in orders and i in invoices]


@dataclass(frozen=True)
class LineFix:
    position: int
    hq_name: str | None
    hq_catalog_price: int | None
    price_override: bool
    unknown_sku: bool


@dataclass(frozen=True)
class Accepted:
    order_id: str
    result_json: str  # HQ's whole answer, kept for the 詳情 view and for support
    customer_id: str | None
    lines: tuple[LineFix, ...]


def mark_success(session: Session, accepted: Sequence[Accepted], now: datetime) -> None:
    """Store HQ's acceptance and its reconciliation on the order's lines; the sale's own columns stay as sold."""
    if not accepted:
        return
    outbox = OutboxEntry.__table__  # type: ignore[attr-defined]
    session.execute(
        update(outbox).where(outbox.c.order_id == bindparam("b_id"))
        .values(state=UploadState.SUCCESS.value, attempts=outbox.c.attempts + 1, last_error=None,
                result=bindparam("b_result"), updated_at=now),
        [{"b_id": a.order_id, "b_result": a.result_json} for a in accepted])
    orders = Order.__table__  # type: ignore[attr-defined]
    session.execute(
        update(orders).where(orders.c.id == bindparam("b_id"))
        .values(hq_customer_id=bindparam("b_customer"), reconciled_at=now),
        [{"b_id": a.order_id, "b_customer": a.customer_id} for a in accepted])
    fixes = [{"b_id": a.order_id, "b_pos": f.position, "b_name": f.hq_name, "b_price": f.hq_catalog_price,
              "b_override": f.price_override, "b_unknown": f.unknown_sku} for a in accepted for f in a.lines]
    if fixes:
        lines = OrderLine.__table__  # type: ignore[attr-defined]
        session.execute(
            update(lines).where(lines.c.order_id == bindparam("b_id"), lines.c.position == bindparam("b_pos"))
            .values(hq_name=bindparam("b_name"), hq_catalog_price=bindparam("b_price"),
                    price_override=bindparam("b_override"), unknown_sku=bindparam("b_unknown")),
            fixes)
    set_state(session, LAST_SUCCESS, _ts(now), now)


def mark_failed(session: Session, retries: Iterable[tuple[str, datetime]], reason: Reason, now: datetime) -> None:
    """An attempt that did not get an answer (network, timeout, HQ error): try again at the given time."""
    rows = [{"b_id": order_id, "b_next": at} for order_id, at in retries]
    if not rows:
        return
    outbox = OutboxEntry.__table__  # type: ignore[attr-defined]
    session.execute(
        update(outbox).where(outbox.c.order_id == bindparam("b_id"))
        .values(state=UploadState.FAILED.value, attempts=outbox.c.attempts + 1, next_attempt_at=bindparam("b_next"),
                last_error=reason.to_json(), updated_at=now),
        rows)


def mark_attention(session: Session, refused: Iterable[tuple[str, Reason, str | None]], now: datetime) -> None:
    """HQ refused these orders: park them for a person, with HQ's reason. They block nothing."""
    rows = [{"b_id": order_id, "b_error": reason.to_json(), "b_result": result}
            for order_id, reason, result in refused]
    if not rows:
        return
    outbox = OutboxEntry.__table__  # type: ignore[attr-defined]
    session.execute(
        update(outbox).where(outbox.c.order_id == bindparam("b_id"))
        .values(state=UploadState.ATTENTION.value, attempts=outbox.c.attempts + 1, last_error=bindparam("b_error"),
                result=bindparam("b_result"), updated_at=now),
        rows)


def release(session: Session, order_ids: Sequence[str], reason: Reason | None, now: datetime) -> None:
    """Put claimed orders back as they were due, without counting an attempt (uploads paused, not failed)."""
    if not order_ids:
        return
    session.execute(
        update(OutboxEntry).where(col(OutboxEntry.order_id).in_(list(order_ids)),
                                  col(OutboxEntry.state) == UploadState.UPLOADING.value)
        .values(state=UploadState.WAITING.value, updated_at=now,
                last_error=reason.to_json() if reason else None)
        .execution_options(synchronize_session=False))


def retry(session: Session, order_ids: Sequence[str] | None, now: datetime) -> int:
    """Make failed and attention orders, voids and allowances due now (all of them, or the given orders'
    ones): the manual retry. Returns how many rows (orders, voids and allowances) were queued again."""
    count = 0
    for table in (OutboxEntry, VoidOutboxEntry):
        statement = update(table).where(
            col(table.state).in_([UploadState.FAILED.value, UploadState.ATTENTION.value]))
        if order_ids is not None:
            statement = statement.where(col(table.order_id).in_(list(order_ids)))
        result = session.exec(statement.values(state=UploadState.WAITING.value, next_attempt_at=now,
                                               updated_at=now)
                              .execution_options(synchronize_session=False))
        count += int(result.rowcount or 0)
    return count + _retry_allowances(session, order_ids, now)


def _retry_allowances(session: Session, order_ids: Sequence[str] | None, now: datetime) -> int:
    """The same for allowances (折讓) and their cancels: all held ones, or those against the given orders."""
    statement = update(AllowanceOutboxEntry).where(
        col(AllowanceOutboxEntry.state).in_([UploadState.FAILED.value, UploadState.ATTENTION.value]))
    if order_ids is not None:
        statement = statement.where(col(AllowanceOutboxEntry.allowance_id).in_(
            select(AllowanceRow.id).where(col(AllowanceRow.order_id).in_(list(order_ids)))))
    result = session.exec(statement.values(state=UploadState.WAITING.value, next_attempt_at=now, updated_at=now)
                          .execution_options(synchronize_session=False))
    return int(result.rowcount or 0)


# ---------------------------------------------------------------- voids (作廢) on their way to HQ

VOID_REASON_MAX = 200  # VoidIn.reason's limit at HQ


def queue_void(session: Session, order_id: str, reason: str, at: datetime, approved_by: str | None = None) -> None:
    """Queue the void for HQ, with the manager who allowed it; call in the same write transaction that
    marks the order void."""
    session.add(VoidOutboxEntry(order_id=order_id, reason=reason, voided_at=at, approved_by=approved_by,
                                state=UploadState.WAITING.value, next_attempt_at=at, created_at=at, updated_at=at))


@dataclass(frozen=True)
class ClaimedVoid:
    order_id: str
    attempts: int  # attempts before this one
    reason: str
    voided_at: datetime
    approved_by: str | None = None  # the manager who allowed it (None for a void queued before version 6)

    @property
    def wire_reason(self) -> str:
        """The reason as sent: within HQ's limit, never empty (the same text on every retry)."""
        return self.reason.strip()[:VOID_REASON_MAX] or "作廢"


def claim_due_voids(session: Session, now: datetime, limit: int) -> list[ClaimedVoid]:
    """Take up to `limit` due voids whose orders HQ has accepted, oldest first, and mark them uploading."""
    # sqlmodel's select() is typed for up to four columns; for more it builds this very Select.
    columns: Select[str, int, str, datetime, str | None] = Select(
        col(VoidOutboxEntry.order_id), col(VoidOutboxEntry.attempts), col(VoidOutboxEntry.reason),
        col(VoidOutboxEntry.voided_at), col(VoidOutboxEntry.approved_by))
    rows = session.exec(
        columns
        .join(OutboxEntry, col(OutboxEntry.order_id) == VoidOutboxEntry.order_id)
        .where(col(VoidOutboxEntry.state).in_(DUE_STATES), VoidOutboxEntry.next_attempt_at <= now,
               OutboxEntry.state == UploadState.SUCCESS.value)
        .order_by(col(VoidOutboxEntry.next_attempt_at), col(VoidOutboxEntry.created_at),
                  col(VoidOutboxEntry.order_id))
        .limit(limit)
    ).all()
    if not rows:
        return []
    session.execute(
        update(VoidOutboxEntry).where(col(VoidOutboxEntry.order_id).in_([r[0] for r in rows]))
        .values(state=UploadState.UPLOADING.value, updated_at=now)
        .execution_options(synchronize_session=False))
    return [ClaimedVoid(*row) for row in rows]


def mark_voids(session: Session, now: datetime, *, accepted: Iterable[tuple[str, str]] = (),
               refused: Iterable[tuple[str, Reason]] = (), retries: Iterable[tuple[str, datetime]] = (),
               failure: Reason | None = None, released: Sequence[str] = ()) -> None:
    """Record one round of voids: accepted (order id, HQ's answer as JSON) -> success; refused -> attention
    with HQ's reason; retries (order id, when) -> failed with `failure`; released -> waiting, uncounted."""
    table = VoidOutboxEntry.__table__  # type: ignore[attr-defined]
    done = [{"b_id": order_id, "b_result": result} for order_id, result in accepted]
    if done:
        session.execute(
            update(table).where(table.c.order_id == bindparam("b_id"))
            .values(state=UploadState.SUCCESS.value, attempts=table.c.attempts + 1, last_error=None,
                    result=bindparam("b_result"), updated_at=now), done)
        set_state(session, LAST_SUCCESS, _ts(now), now)
    parked = [{"b_id": order_id, "b_error": reason.to_json()} for order_id, reason in refused]
    if parked:
        session.execute(
            update(table).where(table.c.order_id == bindparam("b_id"))
            .values(state=UploadState.ATTENTION.value, attempts=table.c.attempts + 1,
                    last_error=bindparam("b_error"), updated_at=now), parked)
    again = [{"b_id": order_id, "b_next": at} for order_id, at in retries]
    if again:
        error = (failure or Reason("hq.bad_reply", {"detail": "?"})).to_json()
        session.execute(
            update(table).where(table.c.order_id == bindparam("b_id"))
            .values(state=UploadState.FAILED.value, attempts=table.c.attempts + 1,
                    next_attempt_at=bindparam("b_next"), last_error=error, updated_at=now), again)
    if released:
        session.execute(
            update(VoidOutboxEntry).where(col(VoidOutboxEntry.order_id).in_(list(released)),
                                          col(VoidOutboxEntry.state) == UploadState.UPLOADING.value)
            .values(state=UploadState.WAITING.value, updated_at=now,
                    last_error=failure.to_json() if failure else None)
            .execution_options(synchronize_session=False))


# ---------------------------------------------------------------- sync cursors

def get_state(session: Session, name: str) -> str | None:
    row = session.get(SyncState, name)
    return None if row is None else row.value


def set_state(session: Session, name: str, value: str, now: datetime) -> None:
    row = session.get(SyncState, name)
    if row is None:
        session.add(SyncState(name=name, value=value, updated_at=now))
    else:
        row.value, row.updated_at = value, now
        session.add(row)


# ---------------------------------------------------------------- the upload records screen

@dataclass(frozen=True)
class OutboxSummary:
    counts: dict[str, int]  # orders per upload state
    oldest_pending: datetime | None  # the sale time of the oldest order not yet at HQ
    last_success: datetime | None
    void_counts: dict[str, int] = field(default_factory=dict)  # voids (作廢) per upload state
    allowance_counts: dict[str, int] = field(default_factory=dict)  # allowances (折讓) and cancels per state

    @property
    def pending(self) -> int:
        return sum(self.counts.get(state, 0) for state in PENDING_STATES)

    @property
    def attention(self) -> int:
        return self.counts.get(UploadState.ATTENTION.value, 0)

    @property
    def voids_pending(self) -> int:
        """Voids not yet at HQ, including those waiting for their order to get there."""
        return sum(self.void_counts.get(state, 0) for state in PENDING_STATES)

    @property
    def voids_attention(self) -> int:
        return self.void_counts.get(UploadState.ATTENTION.value, 0)

    @property
    def allowances_pending(self) -> int:
        """Allowances and their cancels not yet at HQ, including those waiting for their order to get there."""
        return sum(self.allowance_counts.get(state, 0) for state in PENDING_STATES)

    @property
    def allowances_attention(self) -> int:
        return self.allowance_counts.get(UploadState.ATTENTION.value, 0)


def summary(session: Session) -> OutboxSummary:
    counts = {state.value: 0 for state in UploadState}
    for state, count in session.exec(select(OutboxEntry.state, func.count()).group_by(OutboxEntry.state)):
        counts[state] = int(count)
    oldest = session.exec(select(func.min(OutboxEntry.created_at))
                          .where(col(OutboxEntry.state).in_(PENDING_STATES))).one()
    voids = {state.value: 0 for state in UploadState}
    for state, count in session.exec(select(VoidOutboxEntry.state, func.count()).group_by(VoidOutboxEntry.state)):
        voids[state] = int(count)
    allowances = {state.value: 0 for state in UploadState}
    for state, count in session.exec(select(AllowanceOutboxEntry.state, func.count())
                                     .group_by(AllowanceOutboxEntry.state)):
        allowances[state] = int(count)
    last = get_state(session, LAST_SUCCESS)
    return OutboxSummary(counts, oldest, datetime.fromisoformat(last) if last else None, voids, allowances)


@dataclass(frozen=True)
class VoidUpload:
    """The void (作廢) of an order on its way to HQ. 'waiting' while HQ has not got the order yet."""

    state: UploadState
    voided_at: datetime
    void_reason: str  # the cashier's reason, as sent to HQ
    attempts: int
    next_attempt_at: datetime
    updated_at: datetime
    reason: Reason | None  # why the last attempt did not succeed (HQ's reason for an attention)
    waiting_for_order: bool = False  # not sent yet because HQ has not accepted the order itself yet
    result: dict[str, Any] | None = None  # HQ's answer; filled in by `detail` only

    @property
    def label(self) -> str:
        return self.state.label


def _void_upload(entry: VoidOutboxEntry | None, order_state: str, *, with_result: bool = False) -> VoidUpload | None:
    if entry is None:
        return None
    result = json.loads(entry.result) if with_result and entry.result else None
    waiting = entry.state in DUE_STATES and order_state != UploadState.SUCCESS.value
    return VoidUpload(UploadState(entry.state), entry.voided_at, entry.reason, entry.attempts, entry.next_attempt_at,
                      entry.updated_at, Reason.from_json(entry.last_error), waiting, result)


@dataclass(frozen=True)
class UploadRecord:
    order_id: str
    order_no: str
    created_at: datetime
    total: int
    offline: bool
    invoice_number: str
    state: UploadState
    attempts: int
    next_attempt_at: datetime
    updated_at: datetime
    reason: Reason | None
    void: VoidUpload | None = None  # the order was voided (作廢): that void's own upload

    @property
    def label(self) -> str:
        return self.state.label

    @property
    def needs_attention(self) -> bool:
        """The order or its void was refused by HQ."""
        return self.state is UploadState.ATTENTION or (
            self.void is not None and self.void.state is UploadState.ATTENTION)


def records(session: Session, *, states: Sequence[str] | None = None, limit: int = 50,
            offset: int = 0) -> list[UploadRecord]:
    """Newest sale first. `states` matches the order's upload state or its void's (so 'attention' also
    lists orders whose void HQ refused)."""
    # sqlmodel's select() is typed for up to four columns; for more it builds this very Select.
    columns: Select[OutboxEntry, str, int, bool, str, VoidOutboxEntry | None] = Select(
        OutboxEntry, col(Order.order_no), col(Order.total), col(Order.offline), col(Invoice.number), VoidOutboxEntry)
    query = (columns
             .join(Order, col(Order.id) == OutboxEntry.order_id)
             .join(Invoice, col(Invoice.order_id) == OutboxEntry.order_id)
             .outerjoin(VoidOutboxEntry, col(VoidOutboxEntry.order_id) == OutboxEntry.order_id))
    if states:
        query = query.where(col(OutboxEntry.state).in_(list(states)) | col(VoidOutboxEntry.state).in_(list(states)))
    rows = session.exec(query.order_by(col(OutboxEntry.created_at).desc(), col(Order.seq).desc())
                        .limit(limit).offset(offset)).all()
    return [UploadRecord(entry.order_id, order_no, entry.created_at, total, offline, number,
                         UploadState(entry.state), entry.attempts, entry.next_attempt_at, entry.updated_at,
                         Reason.from_json(entry.last_error), _void_upload(void, entry.state))
            for entry, order_no, total, offline, number, void in rows]


@dataclass(frozen=True)
class LineDetail:
    position: int
    sku: str
    name: str  # as sold and printed
    hq_name: str | None
    product_type: str
    quantity: int
    unit_price: int
    hq_catalog_price: int | None
    price_override: bool  # 店長改價
    unknown_sku: bool

    @property
    def name_fixed(self) -> bool:
        return self.hq_name is not None and self.hq_name != self.name


@dataclass(frozen=True)
class UploadDetail:
    """The 詳情 view: the record, the lines with HQ's corrections, and HQ's raw answer."""

    record: UploadRecord
    lines: tuple[LineDetail, ...]
    customer_phone: str | None
    hq_customer_id: str | None
    reconciled_at: datetime | None
    manual_invoice: bool
    result: dict[str, Any] | None
    platform: PlatformState | None = None  # the MOF platform's state of the invoice, as HQ last reported it


def detail(session: Session, order_id: str) -> UploadDetail | None:
    entry = session.get(OutboxEntry, order_id)
    order = session.get(Order, order_id)
    invoice = session.exec(select(Invoice).where(Invoice.order_id == order_id)).first()
    if entry is None or order is None or invoice is None:
        return None
    record = UploadRecord(order.id, order.order_no, entry.created_at, order.total, order.offline, invoice.number,
                          UploadState(entry.state), entry.attempts, entry.next_attempt_at, entry.updated_at,
                          Reason.from_json(entry.last_error),
                          _void_upload(session.get(VoidOutboxEntry, order_id), entry.state, with_result=True))
    lines = tuple(LineDetail(ln.position, ln.sku, ln.name, ln.hq_name, ln.product_type, ln.quantity, ln.unit_price,
                             ln.hq_catalog_price, ln.price_override, ln.unknown_sku)
                  for ln in session.exec(select(OrderLine).where(OrderLine.order_id == order_id)
                                         .order_by(col(OrderLine.position))))
    return UploadDetail(record, lines, order.customer_phone, order.hq_customer_id, order.reconciled_at,
                        invoice.manual, json.loads(entry.result) if entry.result else None,
                        state_of(session, order_id))
