"""The Station: the one object the TUI and the CLI talk to. It wires the store, the seller's identity
the clock, the invoice printing and (in its own issue) HQ sync."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.checkout import CartLine, CheckoutRequest, ProductType, Sale, Seller, checkout
from core.checkout.approvals import PriceApprovals
from core.checkout.barcodes import is_misread
from core.clock import Clock
from core.einvoice import Period, ProofCopy, make_booklet, period_of
from core.errors import CashierError, ValidationError
from core.messages import CheckoutCode, PrinterCode, StoreCode
from core.store import Database
from core.store.booklets import add_booklet, numbers_left
from core.store.catalog import find_product, upsert_products, upsert_staff
from core.store.integrity import OPEN_BUDGET_SECONDS
from core.store.invoices import proof_copy_of

if TYPE_CHECKING:
    from core.backup.copy import BackupResult
    from core.backup.schedule import BackupSchedule
    from core.backup.state import BackupState
    from core.checkout.reissue import Reissue, ReturnPlan
    from core.errors import BackupError
    from core.invoice_printing import InvoicePrinting, JobListener
    from core.members import HQMembers, MemberLookup
    from core.printer.config import PrinterConfig
    from core.printer.diagnostics import DiagnosticReport
    from core.printer.drawer import KickReason
    from core.printer.seen import SeenPrinter
    from core.printer.status import PrinterStatus
    from core.printer.transport import Link
    from core.printer.virtual.printer import VirtualPrinter
    from core.shift.model import ShiftReport, ZReport
    from core.store.allowance_outbox import AllowanceUpload
    from core.store.allowances import Allowance, Refund
    from core.store.lockouts import Lock
    from core.store.mof_state import OpenInvoice
    from core.store.orders import Cursor, OrderDetail, OrderFilter, OrderPage, Totals
    from core.store.paper import Paper
    from core.store.people import Member, StaffMember
    from core.store.upload_records import OutboxSummary, UploadDetail, UploadRecord
    from core.sync.events import SyncEvent
    from core.sync.service import SyncOptions, SyncService


log = logging.getLogger(__name__)


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
        self.syncing: SyncService | None = None  # set by start_sync
        self.approvals = PriceApprovals()  # managers' OKs for lower prices, issued by approve_price
        self.backups: BackupSchedule | None = None  # set by start_backups
        # A 13/8/12-digit code with a wrong check digit is refused as a misread ([station] check_digits).
        self.check_digits = True

    @property
    def read_only(self) -> bool:
        """Opened beside the selling instance (support over SSH): it reads; it never sells, prints or syncs."""
        return self.db.read_only

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise CashierError(StoreCode.STATION_READ_ONLY)

    # -- printing: the Station owns the print service's life, from start_printing to stop_printing/close
    def start_printing(self, config: PrinterConfig, *, emulator: VirtualPrinter | None = None,
                       on_job: JobListener | None = None) -> InvoicePrinting:
        """Start the print service on its own thread; job outcomes are recorded in the store. `on_job`
        hears every job's events (on the service's thread)."""
        from core.invoice_printing import InvoicePrinting

        self._refuse_if_read_only()  # the selling instance owns the port and the proof copies
        from core.printer.seen import SeenRecorder
        from core.printer.service import PrintService

        # Every status the service reads goes to the data dir, for the doctor and support (core/printer/seen.py).
        seen = SeenRecorder(self.db.path.parent, config.url, self.clock.now)
        self.printing = InvoicePrinting(
            self.db, self.clock, self.seller.name,
            lambda on_event: PrintService(config, on_event=on_event, on_status=seen, emulator=emulator))
        if on_job is not None:
            self.printing.listen(on_job)
        return self.printing

    @property
    def printer_running(self) -> bool:
        return self.printing is not None

    def stop_printing(self) -> None:
        """Drain and stop the print service (the jobs queued still print); a no-op when none runs."""
        if self.printing is not None:
            self.printing.stop()
            self.printing = None

    def print_owed(self, order_id: str, staff_id: str, *, manager_pin: str | None = None) -> str | None:
        """Queue the copy of `order_id` the rules owe now (the original, or a 補印; a 2nd+ 補印 needs
        `manager_pin`); returns its job id, or None when that copy is already queued. Refused with a
        CashierError (voided, a manager needed, no printer)."""
        if self.printing is None:
            raise CashierError(PrinterCode.NOT_CONFIGURED)
        return self.printing.print_owed(order_id, staff_id, manager_pin=manager_pin)

    def request_printer_status(self, answer: Callable[[PrinterStatus], None]) -> None:
        """Ask the print service (the port's only owner) for the printer's status; `answer` gets it on the
        service's thread. Nothing happens without a print service."""
        if self.printing is not None:
            self.printing.service.request_status(answer)

    # -- backups: to [backup] dir every few minutes while selling and at shift close
    def start_backups(self, folder: Path, *, interval: timedelta = timedelta(minutes=5),
                      keep: int = 48) -> BackupSchedule:
        """Back up this database to `folder`; `backup_tick()` (from a timer, off the UI thread) does it when due."""
        from core.backup.schedule import BackupSchedule

        self._refuse_if_read_only()  # one instance backs up: the selling one
        self.backups = BackupSchedule(self.db.path, folder, self.clock, interval=interval, keep=keep)
        return self.backups

    def backup_tick(self) -> BackupResult | BackupError | None:
        """A backup if one is due (blocking: a worker thread's); None when none is configured or due."""
        return self.backups.tick() if self.backups is not None else None

    def backup_now(self) -> BackupResult | BackupError | None:
        return self.backups.run() if self.backups is not None else None

    def backup_state(self) -> BackupState:
        """The last backup and the last failure (the devices screen and the doctor show them)."""
        from core.backup.state import read_state

        return read_state(self.db.path.parent)

    def printer_seen(self) -> SeenPrinter | None:
        """The printer's state as the selling till last saw it (support mode: the till owns the port)."""
        from core.printer.seen import read_seen

        return read_seen(self.db.path.parent)

    @classmethod
    def open(cls, path: str | Path, seller: Seller, clock: Clock, *, read_only: bool = False,
             integrity_budget: float | None = OPEN_BUDGET_SECONDS, gate: bool = True) -> Station:
        """`integrity_budget`: seconds for the quick_check before anything is written (core/store/integrity.py).
        `gate=False` (the doctor, which only looks) skips the resume gate's bookkeeping (core/resume/gate.py)."""
        station = cls(Database(path, read_only=read_only, integrity_budget=integrity_budget), seller, clock)
        if not read_only and gate:
            from core.resume.gate import check_on_open

            # Before the first sale: a database that may be behind HQ takes no number until HQ answers.
            check_on_open(station.db, clock)
        # The app's first status read (upload_summary, on a worker thread) runs while its first frame is
        # painted. Importing the read model there (~50 ms) let the frame paint the status bar without the
        # backlog and numbers, then again with them: imported here, with the rest of the opening.
        import core.store.upload_records  # noqa: F401
        return station

    def numbering_pending(self) -> str | None:
        """Why this station takes no e-invoice number until HQ answers (a restored or new database), or None."""
        from core.store.resume import pending

        with self.db.read() as session:
            return pending(session)

    def close(self) -> None:
        self.stop_sync()
        self.stop_printing()
        self.db.close()

    def checkout(self, request: CheckoutRequest) -> Sale:
        """Record the sale; a sale paid (partly) in cash opens the drawer right after its paper."""
        from core.checkout import PaymentKind

        sale = checkout(self.db, self.seller, self.clock, request, self.approvals)
        if self.printing is not None and any(t.kind is PaymentKind.CASH for t in request.tenders):
            self.printing.cash_sale(sale.order_id)
        if self.syncing is not None:
            self.syncing.notify_sale()  # upload now rather than at the next round
        return sale

    def kick_drawer(self, reason: KickReason, order_id: str | None = None) -> str | None:
        """Fire the cash drawer through the print service (the port's only owner): the kick a cash refund
        calls. Its job id, or None without a print service or with [printer] drawer off."""
        return self.printing.kick_drawer(reason, order_id) if self.printing is not None else None

    def open_drawer(self, staff_id: str, *, manager_pin: str, reason: str = "") -> StaffMember:
        """Open the drawer outside a sale once a manager's own PIN allows it; audited with who asked, that
        manager and `reason`, then kicked; returns the manager. A wrong PIN (manager.pin_wrong) or no drawer
        to open (drawer.unavailable, checked first) writes and kicks nothing."""
        from core.printer.drawer import KickReason
        from core.store.audit import AuditAction, record
        from core.store.people import check_manager

        self._refuse_if_read_only()
        if self.printing is None or not self.printing.service.config.drawer:
            raise CashierError(PrinterCode.DRAWER_UNAVAILABLE)
        at = self.clock.now().replace(microsecond=0)
        with self.db.read() as session:
            manager = check_manager(session, manager_pin)
        with self.db.write() as session:
            record(session, AuditAction.DRAWER_OPEN, at=at, staff_id=staff_id, approved_by=manager.id,
                   reason=reason)
        self.kick_drawer(KickReason.MANUAL)
        log.info("cash drawer opened by %s, approved by %s", staff_id, manager.id)
        return manager

    def price_floor(self, line: CartLine) -> int | None:
        """The price this station knows for the line if the line is below it (a manager must allow it)."""
        from core.checkout.approvals import price_floor

        with self.db.read() as session:
            return price_floor(session, line)

    def approve_price(self, line: CartLine, *, staff_id: str, manager_pin: str) -> CartLine:
        """The line with a manager's approval of its price, once the manager's own PIN is checked; checkout
        accepts it for this SKU, type and unit price only (a wrong PIN raises manager.pin_wrong)."""
        from core.store.people import check_manager

        with self.db.read() as session:
            manager = check_manager(session, manager_pin)
        log.info("price %d for %s (%s) allowed by %s for %s", line.unit_price, line.sku, line.product_type.value,
                 manager.id, staff_id)
        return replace(line, approval=self.approvals.issue(manager.id, line))

    def scan(self, code: str, quantity: int = 1, product_type: ProductType | str = ProductType.REGULAR
             ) -> CartLine | None:
        """The cart line a scanned or typed code stands for, priced from the catalog; None if unknown
        (offline, the cashier then types the price and type by hand)."""
        kind = ProductType.parse(product_type)
        with self.db.read() as session:
            product = find_product(session, code)
        if product is None:
            if self.check_digits and is_misread(code):  # never sold as an unlisted item at a typed price
                raise ValidationError(CheckoutCode.SCAN_MISREAD, code=code)
            return None
        price = {ProductType.REGULAR: product.price_regular, ProductType.ADDON: product.price_addon,
                 ProductType.GIFT: product.price_gift}[kind]
        return CartLine(product.sku, product.name, quantity, price if price is not None else product.price_regular,
                        kind, catalog_price=price)

    def load_products(self, rows: Iterable[dict[str, Any]]) -> int:
        with self.db.write() as session:
            return upsert_products(session, rows)

    def load_staff(self, rows: Iterable[dict[str, Any]]) -> int:
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
        """The order's proof copy: the original if none was printed yet, else a 補印 copy; None where the
        rules give none (a carrier, a donation, a hand-written invoice); print.voided for a voided one."""
        with self.db.read() as session:
            return proof_copy_of(session, order_id, self.seller.name)

    def paper(self, order_id: str) -> Paper:
        """What the next print of the order would put on paper (a proof copy, a 交易明細 slip or nothing),
        why, and whether it needs a manager's PIN: the receipt screen's preview and keys follow it."""
        from core.store.paper import paper_of

        with self.db.read() as session:
            return paper_of(session, order_id, self.seller.name)

    # -- what the cashier screens ask; each is one short transaction, called off the UI thread
    def staff(self) -> list[StaffMember]:
        from core.store.people import staff_list

        with self.db.read() as session:
            return staff_list(session)

    def login(self, staff_id: str, pin: str) -> StaffMember:
        """Check a PIN (scrypt, >= 100 ms) from the cached staff table, so it works offline. Five wrong
        PINs in a row lock the person at this till (core.store.lockouts); a locked person's PIN is not
        even checked. A right PIN hashed with weaker parameters than today's is re-hashed here."""
        from core.pins import hash_pin, needs_rehash, verify_pin
        from core.store.people import login_attempt, record_login

        now = self.clock.now().replace(microsecond=0)
        with self.db.read() as session:
            attempt = login_attempt(session, staff_id, now)
        right = verify_pin(pin, attempt.pin_hash)  # outside any transaction: the write lock is not held for it
        rehashed = hash_pin(pin) if right and needs_rehash(attempt.pin_hash) else None
        with self.db.write() as session:  # the count is committed before the refusal is raised
            refusal = record_login(session, attempt, right=right, now=now, rehashed=rehashed)
        if refusal is not None:
            raise refusal
        return attempt.member

    def lock_of(self, staff_id: str) -> Lock | None:
        """The lock on this staff member now, if any (the login screen says until when)."""
        from core.store.lockouts import lock_of

        with self.db.read() as session:
            return lock_of(session, staff_id, self.clock.now())

    def unlock(self, staff_id: str, *, manager_pin: str) -> StaffMember:
        """Lift a PIN lock once a manager's own PIN allows it; audited with that manager, who is returned.
        A wrong manager PIN, or a person not locked, writes nothing."""
        from core.store.lockouts import unlock
        from core.store.people import check_manager

        now = self.clock.now().replace(microsecond=0)
        with self.db.read() as session:
            manager = check_manager(session, manager_pin)
        with self.db.write() as session:
            unlock(session, staff_id, manager_id=manager.id, now=now)
        return manager

    def find_member(self, phone_or_code: str) -> Member | None:
        from core.store.people import lookup_member

        with self.db.read() as session:
            return lookup_member(session, phone_or_code)

    def lookup_member(self, text: str, *, hq: HQMembers | None = None,
                      asking: Callable[[], None] | None = None) -> MemberLookup:
        """Member login: `text` checked (a mobile number or a member code, else a ValidationError), then
        the local cache; if it does not know the key and `hq` is online, HQ is asked (`asking()` first,
        so the screen can say so) for at most HQ_LOOKUP_TIMEOUT seconds, and a hit is cached locally.
        HQ unreachable or slow is the offline answer: not found, the phone kept. Blocks: a worker thread's."""
        from core.members import HQ_LOOKUP_TIMEOUT, MemberLookup, Source, parse_member_key

        key = parse_member_key(text)
        member = self.find_member(key.value)
        if member is not None:
            return MemberLookup(key, member, Source.LOCAL)
        hq = hq if hq is not None else self.syncing
        if hq is None or not hq.online:
            return MemberLookup(key, None, None)
        if asking is not None:
            asking()
        answer = hq.lookup_member(key, HQ_LOOKUP_TIMEOUT)
        return MemberLookup(key, answer.member, Source.HQ if answer.member is not None else None, hq_asked=True,
                            hq_reached=answer.reached, hq_reason=answer.reason)

    def orders(self, wanted: OrderFilter, *, older_than: Cursor | None = None, newer_than: Cursor | None = None,
               limit: int = 50) -> OrderPage:
        from core.store.orders import list_orders

        with self.db.read() as session:
            return list_orders(session, wanted, older_than=older_than, newer_than=newer_than, limit=limit,
                               station_id=self.seller.station_id)

    def order(self, order_id: str) -> OrderDetail:
        from core.store.orders import order_detail

        with self.db.read() as session:
            return order_detail(session, order_id)

    def check_void(self, order_id: str) -> None:
        """Raise the ValidationError a void now would meet (already void, the invoice's period over: an
        allowance, 折讓, is the way then), so the void screen says so before asking for a PIN."""
        from core.store.orders import check_voidable

        with self.db.read() as session:
            check_voidable(session, order_id, self.clock.now())

    def void(self, order_id: str, *, staff_id: str, manager_pin: str, reason: str) -> StaffMember:
        """Void (作廢) an order once a manager's PIN allows it; returns that manager (audited as approver,
        and sent to HQ with the void). A void after the invoice's period is refused before the PIN is
        checked, and again inside the write: nothing is written."""
        from core.checkout.reissue import refund_reissued_void
        from core.store.orders import check_voidable, void_order
        from core.store.people import check_manager

        at = self.clock.now().replace(microsecond=0)
        with self.db.read() as session:
            check_voidable(session, order_id, at)
            manager = check_manager(session, manager_pin)
        with self.db.write() as session:
            void_order(session, order_id, at=at, staff_id=staff_id, manager_id=manager.id, reason=reason)
            refund_reissued_void(session, order_id, at)
        log.info("order %s voided by %s, approved by %s", order_id, staff_id, manager.id)
        if self.syncing is not None:
            self.syncing.notify_void()  # send the void to HQ now rather than at the next round
        return manager

    # -- returns (退貨) as allowances (折讓證明單), with a manager's PIN, uploaded after their order
    def return_lines(self, order_id: str, lines: Sequence[tuple[int, int]], *, reason: str,
                     refunds: Sequence[Refund] | None = None, staff_id: str, manager_pin: str) -> Allowance:
        """Issue an allowance returning `lines` ((original line position, quantity)) of the order, refunded
        by `refunds` (None: all in cash), once a manager's PIN allows it. The way after the invoice's period,
        and open to the store within it too. Refused, with nothing written, for a voided order or a
        hand-written invoice, more than was sold less earlier returns, refunds that do not add up to the
        allowance or exceed what was paid, or a wrong PIN (checked last, and every rule again inside the
        write). A refund in cash opens the drawer."""
        from core.printer.drawer import KickReason
        from core.store.allowances import check_reason, check_refunds, check_time, issue, plan_lines
        from core.store.people import check_manager

        self._refuse_if_read_only()
        at = self.clock.now().replace(microsecond=0)
        with self.db.read() as session:
            check_reason(reason)
            check_time(session, order_id, at, self.clock.now())
            planned = plan_lines(session, order_id, lines)
            if refunds is not None:
                check_refunds(session, order_id, sum(line.gross for line in planned), refunds)
            manager = check_manager(session, manager_pin)
        with self.db.write() as session:
            allowance = issue(session, order_id, lines, refunds, at=at, station_id=self.seller.station_id,
                              staff_id=staff_id, manager_id=manager.id, reason=reason)
        log.info("allowance %s (NT$%d) against order %s by %s, approved by %s", allowance.number, allowance.total,
                 order_id, staff_id, manager.id)
        self._print_new_allowance(allowance, staff_id)
        if allowance.refunded_cash:  # queued behind the paper: the drawer opens as the paper comes out
            self.kick_drawer(KickReason.REFUND, order_id)
        if self.syncing is not None:
            self.syncing.notify_return()
        return allowance

    def _print_new_allowance(self, allowance: Allowance, staff_id: str) -> None:
        """The return is committed whatever happens here: a 折讓證明單 that cannot be queued stays owed
        (unprinted_allowances) and print_allowance prints it later."""
        if self.printing is None:
            return
        try:
            self.printing.print_allowance(allowance.id, staff_id)
        except Exception:  # never undoes nor hides the committed return
            log.exception("the 折讓證明單 of allowance %s could not be queued; it stays owed", allowance.number)

    def print_allowance(self, allowance_id: str, staff_id: str) -> str | None:
        """Queue the allowance's 折讓證明單: the original while none reached paper, else a 補印 (audited).
        None while one is still printing; a CashierError for a cancelled allowance or no printer."""
        if self.printing is None:
            raise CashierError(PrinterCode.NOT_CONFIGURED)
        return self.printing.print_allowance(allowance_id, staff_id)

    def unprinted_allowances(self) -> list[str]:
        """Allowances in force whose 折讓證明單 never reached paper complete, oldest first."""
        from core.store.allowance_paper import unprinted_allowances

        with self.db.read() as session:
            return unprinted_allowances(session)

    # -- returns within the invoice's period: void (作廢) and reissue the kept lines, in one write
    def return_plan(self, order_id: str) -> ReturnPlan:
        """Which way a return of the order goes now ("reissue" while its invoice's period is open, else
        "allowance"), what each line can still return, what was paid by tender, and whether the customer
        holds a printed original (to be handed back). A voided order is refused (return.voided)."""
        from core.checkout.reissue import plan

        with self.db.read() as session:
            return plan(session, order_id, self.clock.now())

    def return_in_period(self, order_id: str, lines: Sequence[tuple[int, int]], *, reason: str,
                         refunds: Sequence[Refund] | None = None, staff_id: str, manager_pin: str) -> Reissue:
        """Return `lines` ((original line position, quantity)) within the invoice's period: the invoice is
        voided and, unless all is returned, the kept lines get a new invoice (same buyer, carrier or
        donation; prints like any sale, through print_owed), refunded by `refunds` (None: all in cash),
        which must add up to what was paid less the kept total. Refused, with nothing written, for a voided
        order, more than was sold, refunds that do not add up, a period over (return_lines then) or a
        wrong PIN (checked last, and every rule again inside the write). A refund in cash opens the drawer."""
        from core.checkout.reissue import check, check_reason, reissue
        from core.printer.drawer import KickReason
        from core.store.people import check_manager

        self._refuse_if_read_only()
        at = self.clock.now().replace(microsecond=0)
        with self.db.read() as session:
            check_reason(reason)
            check(session, order_id, lines, refunds, at)
            manager = check_manager(session, manager_pin)
        offline = self.syncing is not None and not self.syncing.online
        with self.db.write() as session:
            done = reissue(session, self.seller, order_id, lines, refunds, at=at, staff_id=staff_id,
                           manager_id=manager.id, reason=reason, offline=offline)
        log.info("order %s returned within its period by %s, approved by %s: %s", order_id, staff_id, manager.id,
                 f"reissued as {done.sale.order_no}, invoice {done.sale.invoice_number}" if done.sale else "all")
        if done.refunded_cash:
            self.kick_drawer(KickReason.REFUND, order_id)
        if self.syncing is not None:
            if done.sale is not None:
                self.syncing.notify_sale()
            self.syncing.notify_void()
        return done

    def cancel_allowance(self, allowance_id: str, *, staff_id: str, manager_pin: str, reason: str) -> StaffMember:
        """作廢折讓 within the allowance's own period, once a manager's PIN allows it; returns that manager.
        Another period, an allowance cancelled already or a wrong PIN writes nothing."""
        from core.store.allowances import cancel, check_cancellable, check_reason
        from core.store.people import check_manager

        self._refuse_if_read_only()
        at = self.clock.now().replace(microsecond=0)
        with self.db.read() as session:
            check_reason(reason)
            check_cancellable(session, allowance_id, at)
            manager = check_manager(session, manager_pin)
        with self.db.write() as session:
            cancel(session, allowance_id, at=at, staff_id=staff_id, manager_id=manager.id, reason=reason)
        log.info("allowance %s cancelled by %s, approved by %s", allowance_id, staff_id, manager.id)
        if self.syncing is not None:
            self.syncing.notify_return()
        return manager

    def allowances(self, order_id: str) -> list[Allowance]:
        from core.store.allowances import of_order

        with self.db.read() as session:
            return of_order(session, order_id)

    def allowance_uploads(self, allowance_id: str) -> list[AllowanceUpload]:
        from core.store.allowance_outbox import uploads

        with self.db.read() as session:
            return uploads(session, allowance_id)

    def today(self) -> Totals:
        from core.store.orders import totals

        start = self.clock.now().replace(hour=0, minute=0, second=0, microsecond=0)
        with self.db.read() as session:
            return totals(session, start, start + timedelta(days=1))

    def upload_summary(self) -> OutboxSummary:
        """Outbox counts per state (the status bar's backlog), readable with or without a sync service."""
        from core.store.upload_records import summary

        with self.db.read() as session:
            return summary(session)

    def upload_records(self, states: Sequence[str] | None = None, limit: int = 50,
                       offset: int = 0) -> list[UploadRecord]:
        from core.store.upload_records import records

        with self.db.read() as session:
            return records(session, states=states, limit=limit, offset=offset)

    def platform_oldest_open(self) -> OpenInvoice | None:
        """The oldest e-invoice the MOF platform has not accepted, as HQ last reported (the doctor's line)."""
        from core.store.mof_state import oldest_open

        with self.db.read() as session:
            return oldest_open(session)

    def upload_detail(self, order_id: str) -> UploadDetail | None:
        from core.store.upload_records import detail

        with self.db.read() as session:
            return detail(session, order_id)

    # -- the devices screen: the print service owns the port; these never open it a second time
    def printer_report(self, config: PrinterConfig) -> DiagnosticReport:
        """The FAQ report (registered devices, issues and guidance). With the print service running the
        port is not probed here: two owners would steal each other's status bytes; the screen asks the
        service for the status instead."""
        from core.printer.diagnostics import diagnose

        if self.printing is None and not self.read_only:
            return diagnose(config)

        class _OwnedError(CashierError):
            pass

        def owned(_: PrinterConfig) -> Link:  # ours, or the selling instance's when we are read-only
            raise _OwnedError(PrinterCode.BUSY, port=config.url)

        report = diagnose(config, opener=owned)
        report.issues = [issue for issue in report.issues if not isinstance(issue.problem, _OwnedError)]
        return report

    def print_test_page(self, model: str, url: str) -> str | None:
        """Queue a test page (a sample proof copy marked 測試); returns its job id."""
        from core.printer.documents import sample_test_page

        if self.printing is None:
            return None
        job_id = f"test-{self.clock.now():%H%M%S}-{id(object()):x}"
        page = sample_test_page(issued=self.clock.now(), model=model, url=url, seller_name=self.seller.name,
                                seller_ban=self.seller.ban)
        return job_id if self.printing.service.submit(job_id, page) else None

    def reset_printer(self, done: Callable[[], None] | None = None) -> None:
        """Close the printer link so the next job reopens it (the FAQ's reset after a replug)."""
        if self.printing is not None:
            self.printing.service.reset_connection(done)

    # -- shift close (交班): the Z report, stored with the shift and printable
    def shift_preview(self, staff_id: str) -> ShiftReport:
        """The open shift's figures so far, without closing it (an X report)."""
        from core.store.shifts import build_report

        with self.db.read() as session:
            return build_report(session, station_id=self.seller.station_id, staff_id=staff_id, now=self.clock.now())

    def close_shift(self, staff_id: str) -> ShiftReport:
        """Close the open shift: figures and the stored row in one write transaction, so a sale either
        lands before the close (in this report) or after it (in the next); returns the numbered report.
        With backups configured, the closed shift is backed up at once (a failure is recorded, not raised)."""
        from core.store.shifts import close_shift

        with self.db.write() as session:
            report = close_shift(session, station_id=self.seller.station_id, staff_id=staff_id, now=self.clock.now())
        if self.backups is not None:
            self.backups.run()
        return report

    def shift_reports(self, limit: int = 20) -> list[ShiftReport]:
        from core.store.shifts import shift_reports

        with self.db.read() as session:
            return shift_reports(session, limit)

    def z_report(self, report: ShiftReport, *, store_name: str = "", reprint: bool = False) -> ZReport:
        from core.shift.model import ZReport

        return ZReport(report, store_name=store_name, reprint=reprint)

    def print_z_report(self, report: ShiftReport, *, store_name: str = "", reprint: bool = False) -> str | None:
        """Queue the Z report on the print service; returns its job id (None without a print service)."""
        if self.printing is None:
            return None
        job_id = f"z-{report.number or 0:06d}-{self.clock.now():%H%M%S}{'-r' if reprint else ''}"
        document = self.z_report(report, store_name=store_name, reprint=reprint)
        return job_id if self.printing.service.submit(job_id, document) else None

    # -- HQ sync: the Station owns the sync service's life, from start_sync to stop_sync/close
    def start_sync(self, make: Callable[[Callable[[SyncEvent], None]], SyncService],
                   on_event: Callable[[SyncEvent], None]) -> None:
        """Start the service `make(on_event)` builds (`sync_service`, or a test's own); its events reach
        `on_event` on the sync thread. Sales and voids are then announced to it by checkout and void."""
        self._refuse_if_read_only()
        if self.syncing is None:
            service = make(on_event)
            service.start()
            self.syncing = service

    @property
    def sync_running(self) -> bool:
        return self.syncing is not None

    def stop_sync(self) -> None:
        """Stop the sync service (what is not uploaded stays in the outbox); a no-op when none runs."""
        service, self.syncing = self.syncing, None
        if service is not None:
            service.stop()

    def sync_now(self) -> None:
        """Ask HQ at once whether the link is back, rather than at the next probe."""
        if self.syncing is not None:
            self.syncing.probe_now()

    def retry_uploads(self, order_ids: Sequence[str] | None = None) -> int:
        """Queue held uploads (`order_ids`, or every one held) again; how many were queued."""
        return self.syncing.retry(order_ids) if self.syncing is not None else 0

    def sync_service(self, hq_url: str, token: str, on_event: Callable[[SyncEvent], None] | None = None,
                     options: SyncOptions | None = None, *, ca_file: Path | None = None) -> SyncService:
        """A SyncService for this station's database and clock; the caller start()s and stop()s it."""
        from core.sync.service import SyncService

        self._refuse_if_read_only()  # uploads are the selling instance's: one sender per outbox
        return SyncService(self.db, self.clock, hq_url=hq_url, token=token, on_event=on_event, options=options,
                           ca_file=ca_file)
