"""The order list and what the cashier does to a past order: page, search, show, void.

Paging is keyset on (created_at, seq), newest first, so page 2,000 costs what page 1 costs; a search
is first resolved to order ids through indexed equality lookups (order number, invoice number,
customer phone or id) and never scans the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session, col, select

from core.clock import to_taipei
from core.einvoice import Period, normalise_invoice_number, period_of
from core.errors import ValidationError
from core.messages import CheckoutCode
from core.store.audit import AuditAction, record
from core.store.outbox import queue_void
from core.store.tables import Invoice, Order, OrderLine, OutboxEntry, Payment

MAX_PAGE = 200
ORDER_STATUSES = ("completed", "voided")


@dataclass(frozen=True)
class OrderFilter:
    since: datetime | None = None  # inclusive; the screen passes the start of today by default
    until: datetime | None = None  # exclusive
    status: str | None = None  # completed | voided
    search: str = ""  # order number, invoice number, customer phone or id

    def __post_init__(self) -> None:
        if self.status is not None and self.status not in ORDER_STATUSES:
            raise ValueError(f"status must be one of {ORDER_STATUSES}")


@dataclass(frozen=True)
class Cursor:
    """Where a page ends: the (created_at, seq) of its last (or first) row."""

    created_at: str
    seq: int


@dataclass(frozen=True)
class OrderRow:
    id: str
    order_no: str
    seq: int
    created_at: datetime
    total: int
    status: str
    staff_id: str
    customer: str  # phone, member id or "" for a guest
    invoice_number: str
    manual_invoice: bool
    offline: bool
    upload_state: str | None
    printed: bool  # a complete proof copy has printed (or none was owed)

    @property
    def cursor(self) -> Cursor:
        return Cursor(to_taipei(self.created_at).isoformat(timespec="seconds"), self.seq)


@dataclass(frozen=True)
class OrderPage:
    rows: tuple[OrderRow, ...]
    has_older: bool
    has_newer: bool


_ROW_SQL = """
SELECT o.id, o.order_no, o.seq, o.created_at, o.total, o.status, o.staff_id,
       coalesce(o.customer_phone, o.customer_id, o.hq_customer_id, ''), i.number, i.manual, o.offline, ob.state,
       (i.print_mark = 0 OR i.printed_at IS NOT NULL)
FROM orders o JOIN invoices i ON i.order_id = o.id LEFT JOIN outbox ob ON ob.order_id = o.id
"""


def _search_ids(session: Session, search: str, station_id: str | None) -> list[str]:
    term = search.strip()
    if not term:
        return []
    order_nos = {term}
    if term.isdigit() and station_id:  # "42" finds S01-000042, as printed on the screen
        order_nos.add(f"{station_id}-{int(term):06d}")
    params = {"number": normalise_invoice_number(term), "term": term}
    placeholders = ", ".join(f":no{i}" for i in range(len(order_nos)))
    params.update({f"no{i}": no for i, no in enumerate(sorted(order_nos))})
    rows = session.execute(text(
        f"SELECT id FROM orders WHERE order_no IN ({placeholders}) "
        "UNION SELECT order_id FROM invoices WHERE number = :number "
        "UNION SELECT id FROM orders WHERE customer_phone = :term "
        "UNION SELECT id FROM orders WHERE customer_id = :term"), params)
    return [row[0] for row in rows]


def list_orders(session: Session, wanted: OrderFilter, *, older_than: Cursor | None = None,
                newer_than: Cursor | None = None, limit: int = 50, station_id: str | None = None) -> OrderPage:
    """One page, newest first: the first page, the page after `older_than`, or the one before `newer_than`."""
    limit = max(1, min(limit, MAX_PAGE))
    where: list[str] = []
    params: dict[str, object] = {}
    if wanted.search.strip():
        ids = _search_ids(session, wanted.search, station_id)
        if not ids:
            return OrderPage((), False, False)
        where.append("o.id IN (" + ", ".join(f":id{i}" for i in range(len(ids))) + ")")
        params.update({f"id{i}": order_id for i, order_id in enumerate(ids)})
    if wanted.since is not None:
        where.append("o.created_at >= :since")
        params["since"] = to_taipei(wanted.since).isoformat(timespec="seconds")
    if wanted.until is not None:
        where.append("o.created_at < :until")
        params["until"] = to_taipei(wanted.until).isoformat(timespec="seconds")
    if wanted.status is not None:
        where.append("o.status = :status")
        params["status"] = wanted.status
    backwards = newer_than is not None
    edge = newer_than if backwards else older_than
    page_where = list(where)
    if edge is not None:
        page_where.append(f"(o.created_at, o.seq) {'>' if backwards else '<'} (:edge_at, :edge_seq)")
        params.update(edge_at=edge.created_at, edge_seq=edge.seq)
    order = "ASC" if backwards else "DESC"
    sql = (_ROW_SQL + (" WHERE " + " AND ".join(page_where) if page_where else "")
           + f" ORDER BY o.created_at {order}, o.seq {order} LIMIT :limit")
    raw = list(session.execute(text(sql), {**params, "limit": limit + 1}).all())
    more = len(raw) > limit
    raw = raw[:limit]
    if backwards:
        raw.reverse()
    rows = tuple(OrderRow(r[0], r[1], r[2], datetime.fromisoformat(r[3]), r[4], r[5], r[6], r[7], r[8], bool(r[9]),
                          bool(r[10]), r[11], bool(r[12])) for r in raw)
    if not rows:
        return OrderPage((), False, False)
    has_older = more if not backwards else _exists(session, where, params, rows[-1].cursor, "<")
    has_newer = more if backwards else (edge is not None and _exists(session, where, params, rows[0].cursor, ">"))
    return OrderPage(rows, has_older, has_newer)


def _exists(session: Session, where: list[str], params: dict[str, object], cursor: Cursor, op: str) -> bool:
    clauses = [*where, f"(o.created_at, o.seq) {op} (:x_at, :x_seq)"]
    sql = "SELECT 1 FROM orders o WHERE " + " AND ".join(clauses) + " LIMIT 1"
    clean = {k: v for k, v in params.items() if k not in ("edge_at", "edge_seq")}
    return session.execute(text(sql), {**clean, "x_at": cursor.created_at, "x_seq": cursor.seq}).first() is not None


@dataclass(frozen=True)
class OrderDetail:
    order: Order
    lines: tuple[OrderLine, ...]
    payments: tuple[Payment, ...]
    invoice: Invoice
    upload: OutboxEntry | None


def order_detail(session: Session, order_id: str) -> OrderDetail:
    order = session.get(Order, order_id)
    invoice = session.exec(select(Invoice).where(Invoice.order_id == order_id)).first()
    if order is None or invoice is None:
        raise ValidationError(CheckoutCode.ORDER_UNKNOWN, value=order_id)
    lines = tuple(session.exec(select(OrderLine).where(OrderLine.order_id == order_id)
                               .order_by(col(OrderLine.position))))
    payments = tuple(session.exec(select(Payment).where(Payment.order_id == order_id).order_by(col(Payment.id))))
    return OrderDetail(order, lines, payments, invoice, session.get(OutboxEntry, order_id))


def _voidable(session: Session, order_id: str, at: datetime) -> tuple[Order, Invoice]:
    """The order and its invoice if they may be voided at `at`, else the ValidationError saying why.

    A void is only within the invoice's own two-month period, judged in Taiwan time (period_of), as HQ
    judges it (hq.orders.void_order): after the period one issues an allowance (折讓), so the station
    never records a void HQ would refuse."""
    order = session.get(Order, order_id)
    invoice = session.exec(select(Invoice).where(Invoice.order_id == order_id)).first()
    if order is None or invoice is None:
        raise ValidationError(CheckoutCode.ORDER_UNKNOWN, value=order_id)
    if order.status == "voided" or invoice.voided:
        raise ValidationError(CheckoutCode.VOID_ALREADY, value=order.order_no)
    voided_in = period_of(at)
    if voided_in.code != invoice.period_code:
        raise ValidationError(CheckoutCode.VOID_OTHER_PERIOD, number=invoice.number,
                              period=Period.from_code(invoice.period_code).label, voided=voided_in.label)
    return order, invoice


def check_voidable(session: Session, order_id: str, at: datetime) -> None:
    """Raise the ValidationError a void at `at` would meet (the void screen asks before the PIN)."""
    _voidable(session, order_id, at)


def void_order(session: Session, order_id: str, *, at: datetime, staff_id: str, manager_id: str,
               reason: str) -> None:
    """Mark the order and its invoice void (作廢); the invoice's data stays as issued. Audited with the
    manager who allowed it, and queued for HQ (void_outbox, with that manager) in the same transaction.
    Call inside a write transaction, after checking the manager's PIN."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(CheckoutCode.VOID_REASON_REQUIRED)
    order, invoice = _voidable(session, order_id, at)
    order.status = "voided"
    invoice.voided, invoice.voided_at, invoice.void_reason = True, at, reason
    session.add(order)
    session.add(invoice)
    record(session, AuditAction.VOID, at=at, staff_id=staff_id, approved_by=manager_id, order_id=order_id,
           number=invoice.number, reason=reason)
    queue_void(session, order_id, reason, at, approved_by=manager_id)


@dataclass(frozen=True)
class Totals:
    orders: int
    amount: int
    voided: int


def totals(session: Session, since: datetime, until: datetime) -> Totals:
    row = session.execute(text(
        "SELECT count(*) FILTER (WHERE status = 'completed'),"
        " coalesce(sum(total) FILTER (WHERE status = 'completed'), 0),"
        " count(*) FILTER (WHERE status = 'voided') FROM orders WHERE created_at >= :since AND created_at < :until"),
        {"since": to_taipei(since).isoformat(timespec="seconds"),
         "until": to_taipei(until).isoformat(timespec="seconds")}).one()
    return Totals(int(row[0]), int(row[1]), int(row[2]))
