"""An order as the station uploads it: a protocol.OrderIn validated from the stored (immutable) sale, so
a sale HQ's format would refuse is known before it leaves; identical on every retry."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row

from core.clock import to_taipei
from core.store.outbox import OrderBundle
from core.sync.protocol import OrderIn


def _time(value: datetime) -> datetime:
    return to_taipei(value).replace(microsecond=0)  # the wire carries whole seconds


def _line(line: Row[Any]) -> dict[str, Any]:
    body: dict[str, Any] = {
        "position": line.position, "sku": line.sku, "name": line.name, "product_type": line.product_type,
        "quantity": line.quantity, "unit_price": line.unit_price, "catalog_price": line.catalog_price,
        "amount": line.amount,
    }
    if line.price_approved_by is not None:  # only then: an order without it is byte for byte what it was
        body["price_approved_by"] = line.price_approved_by
    return body


def order_in(bundle: OrderBundle) -> OrderIn:
    """The order as HQ's protocol defines it, validated as one whole (an error's `loc` says where in the
    order); pydantic.ValidationError if the stored sale does not fit it."""
    order, invoice = bundle.order, bundle.invoice
    link = {"reissue_of": order.reissue_of} if order.reissue_of is not None else {}
    return OrderIn.model_validate({
        **link,
        "id": order.id, "order_no": order.order_no, "seq": order.seq, "station_id": order.station_id,
        "created_at": _time(order.created_at), "staff_id": order.staff_id, "customer_id": order.customer_id,
        "customer_phone": order.customer_phone, "total": order.total, "offline": order.offline,
        "lines": [_line(line) for line in bundle.lines],
        "payments": [{
            "kind": p.kind, "amount": p.amount, "tendered": p.tendered, "change": p.change, "reference": p.reference,
        } for p in bundle.payments],
        "invoice": {
            "number": invoice.number, "period_code": invoice.period_code, "random_code": invoice.random_code,
            "issued_at": _time(invoice.issued_at), "total": invoice.total, "sales": invoice.sales, "tax": invoice.tax,
            "seller_ban": invoice.seller_ban, "buyer_ban": invoice.buyer_ban, "carrier_type": invoice.carrier_type,
            "carrier_id": invoice.carrier_id, "donation_code": invoice.donation_code, "qr_left": invoice.qr_left,
            "qr_right": invoice.qr_right, "print_mark": invoice.print_mark, "manual": invoice.manual,
        },
    })


def order_dict(bundle: OrderBundle) -> dict[str, Any]:
    """The JSON body of one order for /api/v1/orders/batch: the fields the sale sets, as JSON values."""
    return order_in(bundle).model_dump(mode="json", exclude_unset=True)
