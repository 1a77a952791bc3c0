"""Printing issued invoices: the bridge between the print service (documents, no SQL) and the store
(which invoice is owed, which copy is a 補印).

Every job's outcome is written back: a confirmed copy marks the invoice printed; a copy that failed
after bytes reached the printer still counts, so the next one is marked 補印 and no second original
can exist. A 交易明細 slip (a sale on a carrier or donated) is counted apart and never marks the invoice
printed. Nothing prints twice unless asked: one job per order at a time.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from core.clock import Clock
from core.einvoice import ProofCopy
from core.printer.documents import AllowanceSlip, DrawerKick, TransactionDetails
from core.printer.drawer import KickReason
from core.printer.service import JobEvent, JobState, PrintService
from core.store import Database
from core.store.allowance_paper import (
    allowance_slip_of,
    audit_allowance_reprint,
    record_allowance_copy,
    unprinted_allowances,
)
from core.store.invoices import record_copy, unprinted_orders
from core.store.paper import approver, audit_reprint, paper_of, record_slip

log = logging.getLogger(__name__)
JobListener = Callable[[JobEvent], None]
_SEPARATOR = "/"
ALLOWANCE_KEY = "allowance:"  # keys an allowance's jobs apart from its order's


def order_of(job_id: str) -> str:
    return job_id.split(_SEPARATOR, 1)[0]


class InvoicePrinting:
    def __init__(self, db: Database, clock: Clock, seller_name: str, service_factory: Callable[
            [Callable[[JobEvent], None]], PrintService]) -> None:
        self._db = db
        self._clock = clock
        self._seller_name = seller_name
        self._listeners: list[JobListener] = []
        self._lock = threading.Lock()
        self._active: dict[str, str] = {}  # order id -> its queued or printing job
        self._attempts: dict[str, int] = {}
        self._kick_owed: set[str] = set()  # cash sales whose drawer opens right after their first paper
        self._kicks = 0
        self._asked_by: dict[str, str] = {}  # allowance job -> who asked (its paper is audited with them)
        self.service = service_factory(self._on_event).start()

    def listen(self, listener: JobListener) -> None:
        """`listener` gets every job event, after the store recorded it, on the print-events thread."""
        self._listeners.append(listener)

    def stop(self) -> None:
        self.service.stop()

    def print_owed(self, order_id: str, staff_id: str, *, manager_pin: str | None = None) -> str | None:
        """Print what the order is owed on paper (core.store.paper decides): its proof copy, the original
        while none reached paper, else a 補印; or, for a sale on a carrier or donated, its 交易明細 slip.
        A 補印 is audited with who asked and the manager whose PIN approved it; the second and later 補印
        of a proof copy need that PIN. Returns the job id, or None when a job for the order is still
        running or nothing may print (a hand-written invoice). Raises a CashierError, printing nothing,
        for a voided invoice, a missing or wrong manager PIN."""
        with self._lock:
            if order_id in self._active:
                return None
            with self._db.read() as session:  # the PIN check (scrypt) outside the write lock
                manager = approver(session, paper_of(session, order_id, self._seller_name), manager_pin)
            approved_by = manager.id if manager is not None else None
            with self._db.write() as session:  # checked again where it is recorded: a void may have come
                paper = paper_of(session, order_id, self._seller_name)
                if paper.voided or (approved_by is None and paper.needs_manager):
                    approver(session, paper, None)  # raises the refusal
                if paper.document is None:
                    return None
                if paper.reprint:
                    audit_reprint(session, paper, at=self._clock.now(), staff_id=staff_id, approved_by=approved_by)
            if paper.reprint:
                log.info("reprint (補印) of order %s (%s) asked by %s%s", order_id, type(paper.document).__name__,
                         staff_id, f", approved by {approved_by}" if approved_by else "")
            attempt = self._attempts.get(order_id, 0) + 1
            self._attempts[order_id] = attempt
            job_id = f"{order_id}{_SEPARATOR}{attempt}"
            self._active[order_id] = job_id
        self.service.submit(job_id, paper.document)
        with self._lock:
            kick = order_id in self._kick_owed
            self._kick_owed.discard(order_id)
        if kick:  # queued behind the paper: the drawer opens as the paper comes out
            self.kick_drawer(KickReason.SALE, order_id)
        return job_id

    def print_allowance(self, allowance_id: str, staff_id: str) -> str | None:
        """Print the allowance's 折讓證明單: the original while none reached paper, else a 補印 (audited with
        who asked). Returns the job id, or None while a job for it still runs. Raises a CashierError,
        printing nothing, for a cancelled allowance or one this station does not hold."""
        key = ALLOWANCE_KEY + allowance_id
        with self._lock:
            if key in self._active:
                return None
            with self._db.write() as session:
                slip = allowance_slip_of(session, allowance_id, self._seller_name)
                if slip.reprint:
                    audit_allowance_reprint(session, allowance_id, at=self._clock.now(), staff_id=staff_id)
            if slip.reprint:
                log.info("reprint (補印) of allowance %s asked by %s", slip.number, staff_id)
            attempt = self._attempts.get(key, 0) + 1
            self._attempts[key] = attempt
            job_id = f"{key}{_SEPARATOR}{attempt}"
            self._active[key] = job_id
            self._asked_by[job_id] = staff_id
        self.service.submit(job_id, slip)
        return job_id

    def unprinted_allowances(self) -> list[str]:
        with self._db.read() as session:
            return unprinted_allowances(session)

    def cash_sale(self, order_id: str) -> str | None:
        """A cash sale was recorded: its drawer opens right after the paper print_owed queues for it, or at
        once when the sale owes no paper. None when [printer] drawer is off."""
        if not self.service.config.drawer:
            return None
        with self._db.read() as session:
            owes_paper = paper_of(session, order_id, self._seller_name).document is not None
        if not owes_paper:
            return self.kick_drawer(KickReason.SALE, order_id)
        with self._lock:
            self._kick_owed.add(order_id)
        return None

    def kick_drawer(self, reason: KickReason, order_id: str | None = None) -> str | None:
        """Queue one drawer kick as its own job, pin and pulse from [printer]; its job id, or None when
        [printer] drawer is off. A cash refund calls this with KickReason.REFUND."""
        config = self.service.config
        if not config.drawer:
            return None
        with self._lock:
            self._kicks += 1
            job_id = f"drawer-{reason.value}-{self._kicks}" + (f"-{order_id}" if order_id else "")
        self.service.submit(job_id, DrawerKick(config.drawer_pin, config.drawer_pulse_ms, reason.value, order_id))
        log.info("cash drawer kick queued (%s%s)", reason.value, f", order {order_id}" if order_id else "")
        return job_id

    def unprinted(self) -> list[str]:
        with self._db.read() as session:
            return unprinted_orders(session)

    def _on_event(self, event: JobEvent) -> None:
        kick = event.document
        if isinstance(kick, DrawerKick) and kick.order_id is not None and kick.reason == KickReason.SALE \
                and event.state is JobState.FAILED and not event.sent:
            with self._lock:  # the paper failed too (the printer stopped): the retried paper brings it along
                self._kick_owed.add(kick.order_id)
        if isinstance(event.document, ProofCopy | TransactionDetails) and event.finished \
                and _SEPARATOR in event.job_id:
            order_id = order_of(event.job_id)
            if event.state is JobState.PRINTED or event.sent:
                with self._db.write() as session:
                    if isinstance(event.document, ProofCopy):
                        record_copy(session, order_id, at=self._clock.now(),
                                    complete=event.state is JobState.PRINTED)
                    else:  # a slip is not the invoice: print_count and printed_at stay the proof copy's
                        record_slip(session, order_id)
            with self._lock:
                self._active.pop(order_id, None)
        if isinstance(event.document, AllowanceSlip) and event.finished and event.job_id.startswith(ALLOWANCE_KEY):
            self._allowance_finished(event)
        for listener in self._listeners:
            listener(event)

    def _allowance_finished(self, event: JobEvent) -> None:
        key = order_of(event.job_id)
        with self._lock:
            staff_id = self._asked_by.pop(event.job_id, "")
        if event.state is JobState.PRINTED or event.sent:
            with self._db.write() as session:
                record_allowance_copy(session, key.removeprefix(ALLOWANCE_KEY), at=self._clock.now(),
                                      staff_id=staff_id, complete=event.state is JobState.PRINTED)
        with self._lock:
            self._active.pop(key, None)
