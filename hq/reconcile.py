"""Reconciliation of an offline sale against HQ's catalog: pure functions, no I/O.

The seed's promise: names are corrected by SKU, and a price the cashier typed that differs from the
catalog price for the line's product type becomes a manager price override (店長改價) carrying both
prices. The invoice itself is never touched: it was issued, printed and possibly scanned already.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from core.einvoice import is_valid_ban, period_of, split_tax
from core.messages import InvoiceCode, MessageCode, SyncCode
from core.sync.protocol import InvoiceIn, LineReconciliation, OrderIn, Reconciliation

UNKNOWN_SKU = "unknown_sku"
UNKNOWN_STAFF = "unknown_staff"  # a sale by a staff id HQ does not know: kept (the money moved), flagged
# A reissue naming no order of its own station that HQ holds: kept (the new invoice was issued), flagged.
REISSUE_UNKNOWN = "reissue_unknown"


@dataclass(frozen=True)
class CatalogEntry:
    name: str
    price_regular: int
    price_addon: int | None
    price_gift: int | None

    def price_for(self, product_type: str) -> int:
        """The catalog price for a product type; a product not sold that way is judged by its regular price."""
        price = {"regular": self.price_regular, "addon": self.price_addon, "gift": self.price_gift}[product_type]
        return self.price_regular if price is None else price


@dataclass(frozen=True)
class Refusal:
    code: MessageCode
    params: dict[str, Any]


def check(order: OrderIn, station_id: str) -> Refusal | None:
    """Why HQ must refuse this order, or None. Only what makes the order unusable is a refusal;
    differences from the catalog are recorded, never refused (the money has changed hands)."""
    return next(_refusals(order, station_id), None)


def _refusals(order: OrderIn, station_id: str) -> Iterator[Refusal]:
    if order.station_id != station_id:
        yield Refusal(SyncCode.ORDER_STATION_MISMATCH, {"order_station": order.station_id, "station": station_id})
    for line in order.lines:
        if line.amount != line.quantity * line.unit_price:
            yield Refusal(SyncCode.ORDER_TOTAL_MISMATCH, {
                "detail": f"line {line.position}: {line.quantity} x {line.unit_price} != {line.amount}"})
    lines_total = sum(line.amount for line in order.lines)
    if lines_total != order.total:
        yield Refusal(SyncCode.ORDER_TOTAL_MISMATCH, {"detail": f"lines {lines_total} != total {order.total}"})
    invoice = order.invoice
    if invoice.total != order.total or invoice.sales + invoice.tax != invoice.total:
        yield Refusal(SyncCode.ORDER_TOTAL_MISMATCH, {
            "detail": f"invoice {invoice.total} = {invoice.sales} + {invoice.tax}, order {order.total}"})
    elif (invoice.sales, invoice.tax) != split_tax(invoice.total):
        sales, tax = split_tax(invoice.total)
        yield Refusal(SyncCode.INVOICE_TAX_MISMATCH, {"total": invoice.total, "sales": invoice.sales,
                                                      "tax": invoice.tax, "expected_sales": sales, "expected_tax": tax})
    if order.total == 0:
        yield Refusal(InvoiceCode.ZERO_VALUE, {})
    yield from _payment_refusals(order)
    if period_of(invoice.issued_at).code != invoice.period_code:
        yield Refusal(SyncCode.INVOICE_PERIOD_MISMATCH, {"period_code": invoice.period_code,
                                                  "issued_at": invoice.issued_at.isoformat()})
    if invoice.donation_code is not None and (invoice.carrier_type is not None or invoice.carrier_id is not None):
        yield Refusal(InvoiceCode.OPTIONS_CONFLICT, {"detail": "carrier + donation"})
    for ban in (invoice.seller_ban, invoice.buyer_ban):
        if ban is not None and not is_valid_ban(ban):
            yield Refusal(InvoiceCode.BAN_INVALID, {"value": ban})


def _payment_refusals(order: OrderIn) -> Iterator[Refusal]:
    paid = sum(payment.amount for payment in order.payments)
    if paid != order.total:
        yield Refusal(SyncCode.ORDER_PAYMENT_MISMATCH, {"paid": paid, "total": order.total})
    for number, payment in enumerate(order.payments, start=1):
        if payment.change != payment.tendered - payment.amount:
            yield Refusal(SyncCode.ORDER_CHANGE_MISMATCH, {"payment": number, "tendered": payment.tendered,
                                                    "amount": payment.amount, "change": payment.change})


def reconcile(order: OrderIn, catalog: Mapping[str, CatalogEntry], customer_by_phone: Mapping[str, str], *,
              staff_known: bool = True) -> Reconciliation:
    lines = []
    for line in order.lines:
        entry = catalog.get(line.sku)
        catalog_price = entry.price_for(line.product_type) if entry else None
        lines.append(LineReconciliation(
            position=line.position, sku=line.sku, product_type=line.product_type, entered_name=line.name,
            hq_name=entry.name if entry else None, name_fixed=entry is not None and entry.name != line.name,
            entered_price=line.unit_price, catalog_price=catalog_price,
            price_override=catalog_price is not None and catalog_price != line.unit_price,
            unknown_sku=entry is None,
        ))
    customer_id, linked = order.customer_id, False
    if customer_id is None and order.customer_phone:
        customer_id = customer_by_phone.get(order.customer_phone)
        linked = customer_id is not None
    attention = []
    if any(line.unknown_sku for line in lines):
        attention.append(UNKNOWN_SKU)
    if not staff_known:
        attention.append(UNKNOWN_STAFF)
    return Reconciliation(lines=lines, customer_id=customer_id, customer_linked=linked,
                          invoice_number=order.invoice.number, period_code=order.invoice.period_code,
                          manual_invoice=order.invoice.manual, attention=attention)


def in_booklets(invoice: InvoiceIn, booklets: list[tuple[str, str, int, int]]) -> bool:
    track, value = invoice.number[:2], int(invoice.number[2:])
    return any(period == invoice.period_code and t == track and start <= value <= end
               for period, t, start, end in booklets)
