"""The Station: the one object the TUI and the CLI talk to. It wires the store, the seller's identity
the clock, the invoice printing and (in its own issue) HQ sync."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from core.checkout import CartLine, CheckoutRequest, ProductType, Sale, Seller, checkout
from core.clock import Clock
from core.einvoice import Period, ProofCopy, make_booklet, period_of
from core.store import Database
from core.store.booklets import add_booklet, numbers_left
from core.store.catalog import find_product, upsert_products, upsert_staff
from core.store.invoices import proof_copy_of

if TYPE_CHECKING:
    from core.invoice_printing import InvoicePrinting
    from core.printer.config import PrinterConfig
    from core.printer.virtual.printer import VirtualPrinter


@dataclass(frozen=True)
class NumbersLeft:
    current_period: Period
    current: int
    next_period: Period
    next: int


class Station:
    def __init__(self, db: Database, seller: Seller, clock: Clock) -> None:
        self.db = db
        self.seller = seller
        self.clock = clock
        self.printing: InvoicePrinting | None = None

    def start_printing(self, config: PrinterConfig, *, emulator: VirtualPrinter | None = None) -> InvoicePrinting:
        """Start the print service on its own thread; job outcomes are recorded in the store."""
        from core.invoice_printing import InvoicePrinting
        from core.printer.service import PrintService

        self.printing = InvoicePrinting(
            self.db, self.clock, self.seller.name,
            lambda on_event: PrintService(config, on_event=on_event, emulator=emulator))
        return self.printing

    @classmethod
    def open(cls, path: str | Path, seller: Seller, clock: Clock) -> Station:
        return cls(Database(path), seller, clock)

    def close(self) -> None:
        if self.printing is not None:
            self.printing.stop()
        self.db.close()

    def checkout(self, request: CheckoutRequest) -> Sale:
        return checkout(self.db, self.seller, self.clock, request)

    def scan(self, code: str, quantity: int = 1, product_type: ProductType | str = ProductType.REGULAR
             ) -> CartLine | None:
        """The cart line a scanned or typed code stands for, priced from the catalog; None if unknown
        (offline, the cashier then types the price and type by hand)."""
        kind = ProductType.parse(product_type)
        with self.db.read() as session:
            product = find_product(session, code)
        if product is None:
            return None
        price = {ProductType.REGULAR: product.price_regular, ProductType.ADDON: product.price_addon,
                 ProductType.GIFT: product.price_gift}[kind]
        return CartLine(product.sku, product.name, quantity, price if price is not None else product.price_regular,
                        kind, catalog_price=price)

    def load_products(self, rows: Iterable[dict]) -> int:
        with self.db.write() as session:
            return upsert_products(session, rows)

    def load_staff(self, rows: Iterable[dict]) -> int:
        with self.db.write() as session:
            return upsert_staff(session, rows)

    def add_booklet(self, track: str, start: int, end: int, period: Period) -> None:
        booklet = make_booklet(track, start, end, period)
        with self.db.write() as session:
            add_booklet(session, booklet, self.clock.now())

    def numbers_left(self) -> NumbersLeft:
        current = period_of(self.clock.now())
        with self.db.read() as session:
            return NumbersLeft(current, numbers_left(session, current),
                               current.next(), numbers_left(session, current.next()))

    def proof_copy(self, order_id: str) -> ProofCopy | None:
        """What to print for an order: the original if none was printed yet, else a 補印 copy."""
        with self.db.read() as session:
            return proof_copy_of(session, order_id, self.seller.name)
