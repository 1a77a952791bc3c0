"""Order upload at HQ: exactly once per order UUID, a per-order answer, one bad order never failing the rest.

The fast path checks everything it can up front (existing UUIDs, invoice numbers and order numbers
already taken, duplicates inside the batch) and then inserts the whole batch in one transaction. The
unique constraints stay the real guarantee: if a concurrent upload of the same orders wins a race, the
insert fails, the transaction rolls back and every order is retried on its own, when the pre-checks
now see the winner's rows and answer with replays.
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, tuple_
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col, select

from core.clock import to_taipei
from core.einvoice import Period, period_of
from core.messages import CheckoutCode, SyncCode
from core.store.executemany import insert_many
from core.sync.protocol import (
    BatchResult,
    OrderIn,
    OrderPage,
    OrderRecord,
    OrderResult,
    OrderSummary,
    Outcome,
    VoidIn,
    canonical_json,
    order_payload,
)
from hq import listing_cursor
from hq.allowances import judge_held
from hq.auth import Principal
from hq.booklets import owner_of
from hq.db import HQDatabase
from hq.problems import HQProblemError, english
from hq.reconcile import REISSUE_UNKNOWN, CatalogEntry, Refusal, check, in_booklets, reconcile
from hq.settings import HQSettings
from hq.tables import HQBooklet, HQCustomer, HQInvoice, HQOrder, HQOrderLine, HQPayment, HQProduct, HQStaff

_RETRIES = 3
log = logging.getLogger(__name__)


def _refused(order_id: uuid.UUID, refusal: Refusal, outcome: Outcome = "rejected") -> OrderResult:
    return OrderResult(order_id=order_id, outcome=outcome,
                       reason_code=refusal.code, reason=english(refusal.code, refusal.params),
                       reason_params={k: v if isinstance(v, int) else str(v) for k, v in refusal.params.items()})


def _replayed(stored: str) -> OrderResult:
    return OrderResult.model_validate_json(stored).model_copy(update={"replay": True})


@dataclass
class _New:
    index: int
    order: OrderIn
    sha: str
    payload: str


def _canonical(order: OrderIn) -> tuple[str, str]:
    """The stored payload and its sha256 (core.sync.protocol.payload_sha256's), made once: the canonical form
    is most of an order's cost at HQ."""
    canonical = canonical_json(order_payload(order))
    return canonical.decode("utf-8"), hashlib.sha256(canonical).hexdigest()


def upload(db: HQDatabase, who: Principal, orders: Sequence[OrderIn], now: datetime) -> BatchResult:
    """One answer per order, in the order given."""
    try:
        result = _upload_batch(db, who, orders, now)
    except HQProblemError as error:
        log.warning("order batch from %s: %d orders not stored (%s); the station retries", who.id, len(orders),
                    error.problem.code)
        raise
    _log_batch(who, result)
    return result


def _upload_batch(db: HQDatabase, who: Principal, orders: Sequence[OrderIn], now: datetime) -> BatchResult:
    for _attempt in range(_RETRIES):
        try:
            with db.write() as session:
                return BatchResult(results=_upload(session, who, orders, now))
        except IntegrityError:
            break  # a concurrent upload got there first: sort it out order by order
        except OperationalError as error:
            if not _transient(error):
                raise
    else:
        raise HQProblemError(503, SyncCode.BUSY)
    results = []
    for order in orders:
        results.append(_upload_one(db, who, order, now))
    return BatchResult(results=results)


def _log_batch(who: Principal, result: BatchResult) -> None:
    """One line per batch for support: who sent how many, and what became of them."""
    counts = Counter("duplicate" if r.replay else r.outcome for r in result.results)
    log.info("order batch from %s: %d orders, %d accepted, %d duplicate, %d conflict, %d rejected", who.id,
             len(result.results), counts["accepted"], counts["duplicate"], counts["conflict"], counts["rejected"])
    for r in result.results:
        if r.outcome != "accepted":
            log.warning("order %s from %s %s: %s", r.order_id, who.id, r.outcome, r.reason_code)


def _upload_one(db: HQDatabase, who: Principal, order: OrderIn, now: datetime) -> OrderResult:
    for _attempt in range(_RETRIES):
        try:
            with db.write() as session:
                return _upload(session, who, [order], now)[0]
        except (IntegrityError, OperationalError) as error:
            if isinstance(error, OperationalError) and not _transient(error):
                raise
    raise HQProblemError(503, SyncCode.BUSY)


def _transient(error: OperationalError) -> bool:
    text = str(error.orig or error).lower()
    return any(word in text for word in ("deadlock", "could not serialize", "locked", "busy"))


def _upload(session: Session, who: Principal, orders: Sequence[OrderIn], now: datetime) -> list[OrderResult]:
    results: dict[int, OrderResult] = {}
    existing = _stored(session, {str(order.id) for order in orders})
    first_in_batch: dict[str, _New] = {}
    replays_in_batch: list[tuple[int, str]] = []
    candidates: list[_New] = []
    for index, order in enumerate(orders):
        key = str(order.id)
        payload, sha = _canonical(order)
        refusal = check(order, who.id)
        if refusal is not None:
            results[index] = _refused(order.id, refusal)
        elif key in existing:
            results[index] = _answer_stored(who, order, sha, existing[key])
        elif key in first_in_batch:
            if first_in_batch[key].sha == sha:
                replays_in_batch.append((index, key))
            else:
                results[index] = _refused(order.id, Refusal(SyncCode.ORDER_CONFLICT, {"order_id": key}), "conflict")
        else:
            first_in_batch[key] = item = _New(index, order, sha, payload)
            candidates.append(item)

    fresh = _without_collisions(session, who, _owned(session, who, candidates, results), results)
    _insert(session, who, fresh, now, results)
    for index, key in replays_in_batch:
        first = results[first_in_batch[key].index]
        results[index] = first.model_copy(update={"replay": True}) if first.outcome == "accepted" else first
    return [results[index] for index in range(len(orders))]


def _stored(session: Session, ids: set[str]) -> dict[str, tuple[str, str, str]]:
    """Orders already at HQ by UUID: (station, payload hash, the answer given then)."""
    return {row[0]: (row[1], row[2], row[3]) for row in session.execute(
        select(HQOrder.id, HQOrder.station_id, HQOrder.payload_sha256, HQOrder.result)
        .where(HQOrder.id.in_(sorted(ids))))}  # type: ignore[attr-defined]


def _answer_stored(who: Principal, order: OrderIn, sha: str, stored: tuple[str, str, str]) -> OrderResult:
    """The same order again: the first answer, replayed; another payload under its UUID: a conflict."""
    station, stored_sha, result = stored
    if station == who.id and stored_sha == sha:
        return _replayed(result)
    return _refused(order.id, Refusal(SyncCode.ORDER_CONFLICT, {"order_id": str(order.id)}), "conflict")


def _owned(session: Session, who: Principal, candidates: list[_New], results: dict[int, OrderResult]) -> list[_New]:
    """Only numbers the uploader may use. An e-invoice number must lie in one of the uploading station's own
    booklets: another station's number is refused here, before it could take that number from its owner
    (whose real, printed sale would then be the one refused). A manual invoice (自行開立) is hand-written
    from paper outside the e-invoice booklets: accepted as before, unless it lies in another station's."""
    if not candidates:
        return []
    periods = sorted({c.order.invoice.period_code for c in candidates})
    mine = [(period, track, start, end) for period, track, start, end in session.execute(
        select(HQBooklet.period_code, HQBooklet.track, HQBooklet.start, HQBooklet.end)
        .where(HQBooklet.station_id == who.id, col(HQBooklet.period_code).in_(periods)))]
    kept = []
    for item in candidates:
        invoice = item.order.invoice
        if invoice.manual:
            owner = None if in_booklets(invoice, mine) else owner_of(session, invoice.period_code, invoice.number)
            allowed = owner is None or owner == who.id
        else:
            allowed = in_booklets(invoice, mine)
        if allowed:
            kept.append(item)
        else:
            results[item.index] = _refused(item.order.id, Refusal(SyncCode.INVOICE_NOT_ALLOCATED, {
                "number": invoice.number, "period": Period.from_code(invoice.period_code).label,
                "station": who.id}))
    return kept


def _without_collisions(session: Session, who: Principal, candidates: list[_New],
                        results: dict[int, OrderResult]) -> list[_New]:
    if not candidates:
        return []
    numbers = {(c.order.invoice.period_code, c.order.invoice.number) for c in candidates}
    taken_numbers = {tuple(row) for row in session.execute(
        select(HQInvoice.period_code, HQInvoice.number)
        .where(tuple_(HQInvoice.period_code, HQInvoice.number).in_(sorted(numbers))))}
    order_nos = sorted({c.order.order_no for c in candidates})
    taken_nos = set(session.execute(select(HQOrder.order_no).where(
        HQOrder.station_id == who.id, HQOrder.order_no.in_(order_nos))).scalars())  # type: ignore[attr-defined]
    # PostgreSQL reads each statement at its own snapshot (READ COMMITTED): a concurrent upload of these very
    # orders may have committed after the UUID check above and before the lookups here. Their numbers are then
    # "taken" by the same orders: asked again now, those orders are found and answered as replays.
    collided = {str(c.order.id) for c in candidates if (c.order.invoice.period_code, c.order.invoice.number)
                in taken_numbers or c.order.order_no in taken_nos}
    arrived = _stored(session, collided) if collided else {}
    fresh, seen_numbers, seen_nos = [], set(), set()
    for item in candidates:
        if str(item.order.id) in arrived:
            results[item.index] = _answer_stored(who, item.order, item.sha, arrived[str(item.order.id)])
            continue
        invoice = item.order.invoice
        number = (invoice.period_code, invoice.number)
        if number in taken_numbers or number in seen_numbers:
            results[item.index] = _refused(item.order.id, Refusal(SyncCode.INVOICE_NUMBER_TAKEN, {
                "number": invoice.number, "period": Period.from_code(invoice.period_code).label}))
        elif item.order.order_no in taken_nos or item.order.order_no in seen_nos:
            results[item.index] = _refused(item.order.id, Refusal(SyncCode.ORDER_NUMBER_TAKEN,
                                                                  {"order_no": item.order.order_no}))
        else:
            seen_numbers.add(number)
            seen_nos.add(item.order.order_no)
            fresh.append(item)
    return fresh


def _lookups(session: Session, fresh: list[_New]) -> tuple[dict[str, CatalogEntry], dict[str, str], set[str]]:
    skus = sorted({line.sku for item in fresh for line in item.order.lines})
    catalog = {sku: CatalogEntry(name, regular, addon, gift) for sku, name, regular, addon, gift in session.execute(
        sa_select(col(HQProduct.sku), col(HQProduct.name), col(HQProduct.price_regular), col(HQProduct.price_addon),
                  col(HQProduct.price_gift))
        .where(col(HQProduct.sku).in_(skus)))}
    phones = sorted({item.order.customer_phone for item in fresh
                     if item.order.customer_id is None and item.order.customer_phone})
    by_phone: dict[str, str] = {}
    if phones:
        for phone, customer_id in session.execute(
                select(HQCustomer.phone, HQCustomer.id).where(HQCustomer.phone.in_(phones))  # type: ignore[union-attr]
                .order_by(HQCustomer.id)):
            by_phone.setdefault(phone, customer_id)
    staff_ids = sorted({item.order.staff_id for item in fresh})
    staff = set(session.execute(select(HQStaff.id).where(HQStaff.id.in_(staff_ids))).scalars())  # type: ignore[attr-defined]
    return catalog, by_phone, staff


def _reissue_origins(session: Session, fresh: list[_New]) -> dict[str, str]:
    """The station of each order the batch's reissues name, among HQ's orders and the batch's own (a sale
    made offline arrives in the same batch as its reissue)."""
    wanted = sorted({str(item.order.reissue_of) for item in fresh if item.order.reissue_of is not None})
    if not wanted:
        return {}
    origins = {order_id: station for order_id, station in session.execute(
        sa_select(col(HQOrder.id), col(HQOrder.station_id)).where(col(HQOrder.id).in_(wanted)))}
    origins.update({str(item.order.id): item.order.station_id for item in fresh if str(item.order.id) in wanted})
    return origins


def _insert(session: Session, who: Principal, fresh: list[_New], now: datetime,
            results: dict[int, OrderResult]) -> None:
    if not fresh:
        return
    catalog, by_phone, staff = _lookups(session, fresh)
    origins = _reissue_origins(session, fresh)
    orders: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    payments: list[dict[str, Any]] = []
    invoices: list[dict[str, Any]] = []
    # One insertion order for every uploader: two transactions never wait on each other's keys crosswise.
    for item in sorted(fresh, key=lambda i: str(i.order.id)):
        order, key = item.order, str(item.order.id)
        recon = reconcile(order, catalog, by_phone, staff_known=order.staff_id in staff)
        if order.reissue_of is not None and origins.get(str(order.reissue_of)) != order.station_id:
            recon = recon.model_copy(update={"attention": [*recon.attention, REISSUE_UNKNOWN]})
        result = OrderResult(order_id=order.id, outcome="accepted", received_at=now, reconciliation=recon)
        results[item.index] = result
        overrides = sum(1 for line in recon.lines if line.price_override)
        orders.append({
            "id": key, "station_id": order.station_id, "order_no": order.order_no, "seq": order.seq,
            "created_at": order.created_at, "received_at": now, "staff_id": order.staff_id,
            "customer_id": recon.customer_id, "customer_phone": order.customer_phone, "total": order.total,
            "offline": order.offline, "payload_sha256": item.sha,
            "payload": item.payload,
            "result": result.model_dump_json(), "status": "accepted", "voided_at": None, "void_reason": None,
            "void_approved_by": None,
            "price_overrides": overrides, "attention": bool(recon.attention),
            "reissue_of": str(order.reissue_of) if order.reissue_of is not None else None,
        })
        for line, fix in zip(order.lines, recon.lines, strict=True):
            lines.append({
                "order_id": key, "position": line.position, "sku": line.sku, "entered_name": line.name,
                "name": fix.hq_name or line.name, "product_type": line.product_type, "quantity": line.quantity,
                "unit_price": line.unit_price, "catalog_price": fix.catalog_price, "amount": line.amount,
                "price_override": fix.price_override, "unknown_sku": fix.unknown_sku,
                "price_approved_by": line.price_approved_by,
            })
        payments.extend({"order_id": key, **payment.model_dump()} for payment in order.payments)
        invoice = order.invoice
        invoices.append({"order_id": key, "station_id": order.station_id, "voided": False, "voided_at": None,
                         **invoice.model_dump()})
    # One driver-level executemany per table (core/store/executemany.py): neither the ORM nor Core's per-row work.
    for model, rows in ((HQOrder, orders), (HQInvoice, invoices), (HQOrderLine, lines), (HQPayment, payments)):
        insert_many(session, model.__table__, rows)  # type: ignore[union-attr]
    judge_held(session, [order["id"] for order in orders], now)  # returns that arrived before their sale


# ---------------------------------------------------------------- lookup, listing, voids

def _visible(row: HQOrder | None, who: Principal) -> HQOrder:
    # Another station's order answers exactly like a missing one: order UUIDs are not for probing.
    if row is None or (not who.is_admin and row.station_id != who.id):
        raise HQProblemError(404, SyncCode.NOT_FOUND, detail="order")
    return row


def _record(row: HQOrder) -> OrderRecord:
    return OrderRecord(order=OrderIn.model_validate_json(row.payload),
                       result=OrderResult.model_validate_json(row.result),
                       status=row.status, voided_at=row.voided_at, void_reason=row.void_reason)


def get_order(db: HQDatabase, who: Principal, order_id: uuid.UUID) -> OrderRecord:
    with db.read() as session:
        return _record(_visible(session.get(HQOrder, str(order_id)), who))


def void_order(db: HQDatabase, who: Principal, order_id: uuid.UUID, void: VoidIn, *, now: datetime,
               settings: HQSettings) -> OrderRecord:
    """Mark an order and its invoice void (作廢); repeating it changes nothing. A void is only within the
    invoice's own period (across periods one issues an allowance, 折讓), and that is judged by HQ's clock
    when the void arrives: a station's clock set back cannot reopen a closed period. The time the station
    gives must be plausible against HQ's too: not after HQ's time by more than the allowed clock skew, not
    older than the upload rule allows (a void made offline arrives later, within that), never before the
    sale. Any refusal is a 422 with its code, and changes nothing."""
    with db.write() as session:
        row = _visible(session.get(HQOrder, str(order_id)), who)
        if row.status != "voided":
            invoice = session.exec(select(HQInvoice).where(HQInvoice.order_id == row.id)).one()
            refusal = _void_refusal(invoice, void, now, settings)
            if refusal is not None:
                log.warning("void from %s refused: order %s (%s), invoice %s of period %s: %s %s", who.id, row.id,
                            row.order_no, invoice.number, invoice.period_code, refusal.code, refusal.params)
                raise HQProblemError(422, refusal.code, **refusal.params)
            row.status, row.voided_at, row.void_reason = "voided", void.voided_at, void.reason
            row.void_approved_by = void.approved_by
            session.add(row)
            invoice.voided, invoice.voided_at = True, void.voided_at
            session.add(invoice)
            log.info("void received from %s: order %s (%s), invoice %s, approved by %s", who.id, row.id,
                     row.order_no, invoice.number, void.approved_by or "(not said)")
        else:
            log.info("void received again from %s: order %s (%s) was already void", who.id, row.id, row.order_no)
        return _record(row)


def _void_refusal(invoice: HQInvoice, void: VoidIn, now: datetime, settings: HQSettings) -> Refusal | None:
    voided_at = to_taipei(void.voided_at)
    for judged in (period_of(now).code, period_of(voided_at).code):  # HQ's clock first: it decides
        if judged != invoice.period_code:
            return Refusal(CheckoutCode.VOID_OTHER_PERIOD, {"number": invoice.number, "period": invoice.period_code,
                                                 "voided": judged})
    times = {"voided_at": voided_at.isoformat(timespec="seconds"), "received_at": now.isoformat(timespec="seconds")}
    if voided_at > now + settings.clock_skew:
        return Refusal(SyncCode.VOID_CLOCK_AHEAD, {**times, "seconds": int(settings.clock_skew.total_seconds())})
    if voided_at < now - settings.void_max_age:
        return Refusal(SyncCode.VOID_TOO_OLD, {**times, "hours": int(settings.void_max_age.total_seconds() // 3600)})
    if voided_at < invoice.issued_at:
        return Refusal(SyncCode.VOID_BEFORE_SALE, {"voided_at": times["voided_at"], "number": invoice.number,
                                            "issued_at": to_taipei(invoice.issued_at).isoformat(timespec="seconds")})
    return None


def list_orders(db: HQDatabase, who: Principal, *, station_id: str | None, attention: bool | None,
                cursor: str, limit: int) -> OrderPage:
    after = listing_cursor.parse(cursor)
    query = select(HQOrder, HQInvoice.number).join(HQInvoice, col(HQInvoice.order_id) == col(HQOrder.id))
    if not who.is_admin:
        query = query.where(HQOrder.station_id == who.id)
    elif station_id:
        query = query.where(HQOrder.station_id == station_id)
    if attention is not None:
        query = query.where(HQOrder.attention == attention)
    if after is not None:
        at, key = after
        query = query.where(or_(col(HQOrder.received_at) > at,
                                (col(HQOrder.received_at) == at) & (col(HQOrder.id) > key)))
    with db.read() as session:
        rows = list(session.exec(query.order_by(col(HQOrder.received_at), col(HQOrder.id)).limit(limit + 1)).all())
    more = len(rows) > limit
    rows = rows[:limit]
    items = [OrderSummary(id=uuid.UUID(o.id), order_no=o.order_no, station_id=o.station_id, created_at=o.created_at,
                          received_at=o.received_at, total=o.total, offline=o.offline, status=o.status,
                          invoice_number=number, price_overrides=o.price_overrides, attention=o.attention)
             for o, number in rows]
    next_cursor = listing_cursor.after(rows[-1][0].received_at, rows[-1][0].id) if rows else cursor
    return OrderPage(items=items, next_cursor=next_cursor, has_more=more)


def stored_result(db: HQDatabase, order_id: str) -> dict[str, Any] | None:
    with db.read() as session:
        row = session.get(HQOrder, order_id)
        return None if row is None else json.loads(row.result)
