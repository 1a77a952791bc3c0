"""A document's message, built from what HQ holds (the invoice exactly as the station issued it)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlmodel import Session, col, select

from hq.mof import messages as m
from hq.tables import (
    HQAllowance,
    HQAllowanceLine,
    HQBooklet,
    HQBookletRange,
    HQInvoice,
    HQMofDocument,
    HQOrder,
    HQOrderLine,
)


@dataclass(frozen=True)
class Seller:
    name: str
    ban: str = ""  # E0402 only; F0401's seller BAN is the one on the invoice


class NotBuildableError(Exception):
    """The data cannot make a valid message yet (a setting missing): the document is held with this reason."""


def _invoice(session: Session, order_id: str | None) -> tuple[HQInvoice, HQOrder]:
    row = session.exec(select(HQInvoice, HQOrder).join(HQOrder, HQOrder.id == HQInvoice.order_id)  # type: ignore[arg-type]
                       .where(HQInvoice.order_id == order_id)).first()
    if row is None:
        raise NotBuildableError(f"order {order_id} has no invoice at HQ")
    return row[0], row[1]


def invoice_message(session: Session, doc: HQMofDocument, seller: Seller) -> m.InvoiceMessage:
    invoice, _order = _invoice(session, doc.order_id)
    if not seller.name:
        raise NotBuildableError("the seller's name is not set: [mof] seller_name")
    lines = session.exec(select(HQOrderLine).where(HQOrderLine.order_id == invoice.order_id)
                         .order_by(HQOrderLine.position)).all()  # type: ignore[arg-type]
    # The names as the station printed them (entered_name): the invoice is immutable, reconciliation is not.
    items = [m.Item(line.entered_name, line.quantity, line.unit_price, line.amount, line.position) for line in lines]
    return m.InvoiceMessage(number=invoice.number, issued_at=invoice.issued_at, seller=m.Party(invoice.seller_ban,
                            seller.name), buyer_ban=invoice.buyer_ban, random_code=invoice.random_code, items=items,
                            total=invoice.total, sales=invoice.sales, tax=invoice.tax,
                            carrier_type=invoice.carrier_type, carrier_id=invoice.carrier_id,
                            donation_code=invoice.donation_code, print_mark=invoice.print_mark)


def cancel_message(session: Session, doc: HQMofDocument) -> m.CancelMessage:
    invoice, order = _invoice(session, doc.order_id)
    return m.CancelMessage(number=invoice.number, issued_at=invoice.issued_at, seller_ban=invoice.seller_ban,
                           buyer_ban=invoice.buyer_ban, cancelled_at=invoice.voided_at or doc.event_at,
                           reason=order.void_reason or "")


def blank_ranges(session: Session, period_code: str, track: str) -> list[tuple[int, int]]:
    """The numbers of a track never issued in a period: the ranges never handed to a station, and each
    allocated booklet after its last issued number (stations issue in order within a booklet)."""
    blanks: list[tuple[int, int]] = []
    for r in session.exec(select(HQBookletRange).where(HQBookletRange.period_code == period_code,
                                                       HQBookletRange.track == track)).all():
        if r.next_start <= r.end:
            blanks.append((r.next_start, r.end))
    used = [int(n[2:]) for n in session.exec(select(HQInvoice.number).where(
        HQInvoice.period_code == period_code, col(HQInvoice.number).startswith(track))).all()]
    for b in session.exec(select(HQBooklet).where(HQBooklet.period_code == period_code,
                                                  HQBooklet.track == track)).all():
        inside = [n for n in used if b.start <= n <= b.end]
        first_blank = max(inside) + 1 if inside else b.start
        if first_blank <= b.end:
            blanks.append((first_blank, b.end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(blanks):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def blank_message(session: Session, doc: HQMofDocument, seller: Seller) -> m.BlankMessage | None:
    """None when the track has no blank number: nothing to report."""
    track = doc.reference[5:]
    ranges = blank_ranges(session, doc.period_code, track)
    if not ranges:
        return None
    ban = seller.ban
    if not ban:
        seen = Counter(session.exec(select(HQInvoice.seller_ban).where(HQInvoice.period_code == doc.period_code)))
        if not seen:
            raise NotBuildableError("the seller's business number is not set: [mof] seller_ban")
        ban = seen.most_common(1)[0][0]
    return m.BlankMessage(ban=ban, period_code=doc.period_code, track=track, ranges=ranges)


def message_for(session: Session, doc: HQMofDocument, seller: Seller) -> m.Message | None:
    if doc.kind == "F0401":
        return invoice_message(session, doc, seller)
    if doc.kind == "F0501":
        return cancel_message(session, doc)
    if doc.kind == "E0402":
        return blank_message(session, doc, seller)
    if doc.kind == "G0401":
        return allowance_message(session, doc, seller)
    if doc.kind == "G0501":
        return cancel_allowance_message(session, doc)
    raise NotBuildableError(f"no message for {doc.kind} documents")


def _allowance(session: Session, doc: HQMofDocument) -> tuple[HQAllowance, HQInvoice]:
    allowance = session.exec(select(HQAllowance).where(HQAllowance.number == doc.reference)).first()
    if allowance is None:
        raise NotBuildableError(f"allowance {doc.reference} is not at HQ")
    invoice, _order = _invoice(session, allowance.original_order_id)
    return allowance, invoice


def allowance_message(session: Session, doc: HQMofDocument, seller: Seller) -> m.AllowanceMessage:
    allowance, invoice = _allowance(session, doc)
    if not seller.name:
        raise NotBuildableError("the seller's name is not set: [mof] seller_name")
    sold = {line.position: line for line in session.exec(
        select(HQOrderLine).where(HQOrderLine.order_id == invoice.order_id)).all()}
    lines = session.exec(select(HQAllowanceLine).where(HQAllowanceLine.allowance_id == allowance.id)
                         .order_by(col(HQAllowanceLine.position))).all()
    items = []
    for line in lines:
        original = sold[line.original_position]
        # The untaxed unit price of what came back: the allowance's untaxed amount per piece, whole NT$.
        items.append(m.AllowanceItem(original_number=invoice.number, original_date=invoice.issued_at,
                                     original_sequence=line.original_position, description=original.entered_name,
                                     quantity=line.quantity, unit_price=line.amount // line.quantity,
                                     amount=line.amount, tax=line.tax, sequence=line.position))
    buyer = m.Party(invoice.buyer_ban, invoice.buyer_ban) if invoice.buyer_ban else m.Party(
        m.CONSUMER_ID, invoice.random_code or "0000")
    return m.AllowanceMessage(number=allowance.number, issued_at=allowance.issued_at,
                              seller=m.Party(invoice.seller_ban, seller.name), buyer=buyer, items=items,
                              tax_amount=allowance.tax, total_amount=allowance.amount)


def cancel_allowance_message(session: Session, doc: HQMofDocument) -> m.CancelAllowanceMessage:
    allowance, invoice = _allowance(session, doc)
    return m.CancelAllowanceMessage(number=allowance.number, allowance_date=allowance.issued_at,
                                    seller_ban=invoice.seller_ban, buyer_ban=invoice.buyer_ban,
                                    cancelled_at=allowance.cancelled_at or doc.event_at,
                                    reason=allowance.cancel_reason or "")
