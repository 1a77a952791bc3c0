"""The upload outbox (上傳紀錄): claiming due orders, recording each attempt's outcome. The states are
core/store/upload_state.py, the cursors core/store/sync_cursors.py, and what the upload-records screen
reads core/store/upload_records.py; core.sync only decides what to do.

Voids (作廢) have an outbox of their own (void_outbox, one row per voided order, same states), written in
the void's transaction. A void is due only once its order's row is 'success': HQ never gets a void for
an order it has not got, and a void waits as long as its order does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Table, bindparam, func, text, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from core.clock import to_taipei
from core.messages import SyncCode
from core.messages.reason import Reason
from core.store.executemany import execute_many
from core.store.outbox_rows import OutboxRows
from core.store.sync_cursors import LAST_SUCCESS, get_state, set_state
from core.store.tables import (
    AllowanceOutboxEntry,
    AllowanceRow,
    Invoice,
    Order,
    OrderLine,
    OutboxEntry,
    Payment,
    VoidOutboxEntry,
)
from core.store.tables.base import TaipeiDateTime
from core.store.upload_records import (
    LineDetail,
    OutboxSummary,
    UploadDetail,
    UploadRecord,
    VoidUpload,
    detail,
    records,
    summary,
)
from core.store.upload_state import DUE_STATES, PENDING_STATES, UploadState

# The uploader's side, and (re-exported, for callers from before the split) the states, the cursors and
# the read models.
__all__ = [
    "DUE_STATES", "LAST_SUCCESS", "PENDING_STATES", "VOID_REASON_MAX", "Accepted", "Claimed", "ClaimedVoid",
    "LineDetail", "LineFix", "OrderBundle", "OutboxSummary", "Reason", "UploadDetail", "UploadRecord", "UploadState",
    "VoidUpload", "claim_due", "claim_due_voids", "detail", "get_state", "load_orders", "mark_attention", "mark_failed",
    "mark_success", "mark_voids", "next_due", "queue_void", "records", "recover_interrupted", "release", "retry",
    "set_state", "summary",
]


def _ts(when: datetime) -> str:
    return to_taipei(when).isoformat(timespec="seconds")


# ---------------------------------------------------------------- the uploader's side

_ORDERS = OutboxRows(OutboxEntry.__table__, "order_id")  # type: ignore[attr-defined]
_VOIDS = OutboxRows(VoidOutboxEntry.__table__, "order_id")  # type: ignore[attr-defined]

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
                    last_error=Reason(SyncCode.UPLOAD_INTERRUPTED).to_json())
            .execution_options(synchronize_session=False))
        count += int(result.rowcount or 0)
    return count


# The due orders, oldest due first, read off ix_outbox_claim (migration 0011): only due rows, in this order, so
# a claim stops after its batch instead of sorting every due row (over 10 ms at 10,000 due, twice a round).
# INDEXED BY because without ANALYZE's statistics SQLite picks ix_outbox_due's equality on state and sorts;
# the states are literals because SQLite takes a partial index only for a WHERE naming its condition as written.
_DUE = text(
    "SELECT order_id, attempts FROM outbox INDEXED BY ix_outbox_claim "
    f"WHERE state IN ({', '.join(repr(state) for state in DUE_STATES)}) AND next_attempt_at <= :now "
    "ORDER BY next_attempt_at, created_at, order_id LIMIT :limit"
).bindparams(bindparam("now", type_=TaipeiDateTime()), bindparam("limit"))


def _due(session: Session, now: datetime, limit: int) -> list[tuple[str, int]]:
    return [(order_id, attempts) for order_id, attempts in session.execute(_DUE, {"now": now, "limit": limit})]


def claim_due(session: Session, now: datetime, limit: int) -> list[Claimed]:
    """Take up to `limit` due orders, oldest sale first, and mark them uploading (call in a write transaction)."""
    rows = _due(session, now, limit)
    if not rows:
        return []
    session.execute(
        update(OutboxEntry).where(col(OutboxEntry.order_id).in_([r[0] for r in rows]))
        .values(state=UploadState.UPLOADING.value, updated_at=now)
        .execution_options(synchronize_session=False))
    return [Claimed(order_id, attempts) for order_id, attempts in rows]


def peek_due(session: Session, now: datetime, limit: int) -> list[str]:
    """The orders claim_due would take now, oldest sale first, without claiming them (nothing is written)."""
    return [order_id for order_id, _ in _due(session, now, limit)]


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
    """A stored sale as read for its upload: rows with the tables' columns as attributes (read only)."""

    order: Row[Any]
    lines: list[Row[Any]]
    payments: list[Row[Any]]
    invoice: Row[Any]


def load_orders(session: Session, order_ids: Sequence[str]) -> list[OrderBundle]:
    """Orders with their lines, payments and invoice, in the order asked (missing ones left out). Plain rows
    through Core, not ORM objects: a batch is hundreds of rows, read to be sent and never changed here."""
    ids = list(order_ids)
    if not ids:
        return []
    order_t: Table = Order.__table__  # type: ignore[attr-defined]
    line_t: Table = OrderLine.__table__  # type: ignore[attr-defined]
    payment_t: Table = Payment.__table__  # type: ignore[attr-defined]
    invoice_t: Table = Invoice.__table__  # type: ignore[attr-defined]
    orders = {row.id: row for row in session.execute(sa_select(order_t).where(order_t.c.id.in_(ids)))}
    lines: dict[str, list[Row[Any]]] = {}
    for row in session.execute(sa_select(line_t).where(line_t.c.order_id.in_(ids)).order_by(line_t.c.position)):
        lines.setdefault(row.order_id, []).append(row)
    payments: dict[str, list[Row[Any]]] = {}
    for row in session.execute(sa_select(payment_t).where(payment_t.c.order_id.in_(ids)).order_by(payment_t.c.id)):
        payments.setdefault(row.order_id, []).append(row)
    invoices = {row.order_id: row for row in session.execute(sa_select(invoice_t)
                                                             .where(invoice_t.c.order_id.in_(ids)))}
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
    _ORDERS.succeed(session, [(a.order_id, a.result_json) for a in accepted], now)
    orders = Order.__table__  # type: ignore[attr-defined]
    execute_many(
        session, update(orders).where(orders.c.id == bindparam("b_id"))
        .values(hq_customer_id=bindparam("b_customer"), reconciled_at=now),
        [{"b_id": a.order_id, "b_customer": a.customer_id} for a in accepted])
    fixes = [{"b_id": a.order_id, "b_pos": f.position, "b_name": f.hq_name, "b_price": f.hq_catalog_price,
              "b_override": f.price_override, "b_unknown": f.unknown_sku} for a in accepted for f in a.lines]
    if fixes:
        lines = OrderLine.__table__  # type: ignore[attr-defined]
        execute_many(
            session, update(lines).where(lines.c.order_id == bindparam("b_id"), lines.c.position == bindparam("b_pos"))
            .values(hq_name=bindparam("b_name"), hq_catalog_price=bindparam("b_price"),
                    price_override=bindparam("b_override"), unknown_sku=bindparam("b_unknown")),
            fixes)
    set_state(session, LAST_SUCCESS, _ts(now), now)


def mark_failed(session: Session, retries: Iterable[tuple[str, datetime]], reason: Reason, now: datetime) -> None:
    """An attempt that did not get an answer (network, timeout, HQ error): try again at the given time."""
    _ORDERS.fail(session, retries, reason, now)


def mark_attention(session: Session, refused: Iterable[tuple[str, Reason, str | None]], now: datetime) -> None:
    """HQ refused these orders: park them for a person, with HQ's reason. They block nothing."""
    _ORDERS.park(session, refused, now)


def release(session: Session, order_ids: Sequence[str], reason: Reason | None, now: datetime) -> None:
    """Put claimed orders back as they were due, without counting an attempt (uploads paused, not failed)."""
    _ORDERS.release(session, order_ids, reason, now)


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
    if _VOIDS.succeed(session, accepted, now):
        set_state(session, LAST_SUCCESS, _ts(now), now)
    _VOIDS.park(session, [(order_id, reason, None) for order_id, reason in refused], now, keep_answer=False)
    _VOIDS.fail(session, retries, failure or Reason(SyncCode.BAD_REPLY, {"detail": "?"}), now)
    _VOIDS.release(session, released, failure, now)


