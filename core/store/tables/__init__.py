"""Every table of the station database; importing this registers them all on StoreModel.metadata."""

from core.store.tables.allowances import AllowanceLineRow, AllowanceOutboxEntry, AllowanceRefundRow, AllowanceRow
from core.store.tables.audit import AuditEntry, Counter
from core.store.tables.base import StoreModel
from core.store.tables.catalog import Product
from core.store.tables.invoices import Booklet, Invoice
from core.store.tables.mof import MofStateRow
from core.store.tables.outbox import OutboxEntry, VoidOutboxEntry
from core.store.tables.people import Customer, PinLockout, Staff
from core.store.tables.sales import Order, OrderLine, Payment, ReturnRefund
from core.store.tables.shifts import ShiftRow
from core.store.tables.sync import SyncState

__all__ = [
    "AllowanceLineRow",
    "AllowanceOutboxEntry",
    "AllowanceRefundRow",
    "AllowanceRow",
    "AuditEntry",
    "Booklet",
    "Counter",
    "Customer",
    "Invoice",
    "MofStateRow",
    "Order",
    "OrderLine",
    "OutboxEntry",
    "Payment",
    "PinLockout",
    "Product",
    "ReturnRefund",
    "ShiftRow",
    "Staff",
    "StoreModel",
    "SyncState",
    "VoidOutboxEntry",
]
