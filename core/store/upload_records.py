"""What the upload-records screen (上傳紀錄) reads: the outbox summary, the list of records and one
record's 詳情. Read models only; the outbox (core/store/outbox.py) writes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from core.messages.reason import Reason
from core.store.mof_state import PlatformState, state_of
from core.store.sync_cursors import LAST_SUCCESS, get_state
from core.store.tables import AllowanceOutboxEntry, Invoice, Order, OrderLine, OutboxEntry, VoidOutboxEntry
from core.store.upload_state import DUE_STATES, PENDING_STATES, UploadState


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
