"""Selling: carts, payments, invoice options and the checkout transaction."""

from core.checkout.cart import Cart, CartLine, ProductType
from core.checkout.invoice_request import CarrierType, InvoiceRequest
from core.checkout.payments import PaymentKind, Settlement, Tender, settle
from core.checkout.seller import Seller
from core.checkout.service import CheckoutRequest, Sale, checkout
from core.limits import MAX_ORDER_TOTAL, MAX_QUANTITY, MAX_UNIT_PRICE

__all__ = [
    "MAX_ORDER_TOTAL",
    "MAX_QUANTITY",
    "MAX_UNIT_PRICE",
    "CarrierType",
    "Cart",
    "CartLine",
    "CheckoutRequest",
    "InvoiceRequest",
    "PaymentKind",
    "ProductType",
    "Sale",
    "Seller",
    "Settlement",
    "Tender",
    "checkout",
    "settle",
]
