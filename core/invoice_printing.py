"""Printing issued invoices: the bridge between the print service (documents, no SQL) and the store
(which invoice is owed, which copy is a 補印).

Every job's outcome is written back: a confirmed copy marks the invoice printed; a copy that failed
after bytes reached the printer still counts, so the next one is marked 補印 and no second original
can exist. Nothing prints twice unless asked: one job per order at a time.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from core.clock import Clock
from core.einvoice import ProofCopy
from core.printer.service import JobEvent, JobState, PrintService
from core.store import Database
from core.store.invoices import audit_reprint, proof_copy_of, record_copy, unprinted_orders

log = logging.getLogger(__name__)
JobListener = Callable[[JobEvent], None]
_SEPARATOR = "/"


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
        self.service = service_factory(self._on_event).start()

    def listen(self, listener: JobListener) -> None:
        """`listener` gets every job event, after the store recorded it, on the print-events thread."""
        self._listeners.append(listener)

    def stop(self) -> None:
        self.service.stop()

    def print_owed(self, order_id: str, staff_id: str, *, approved_by: str | None = None) -> str | None:
        """Print the order's proof copy: the original while none reached paper, else a 補印 copy
        (audited with who asked). Returns the job id, or None when a job for it is still running or
        nothing is printable (a hand-written invoice)."""
        with self._lock:
            if order_id in self._active:
                return None
            with self._db.read() as session:
                proof = proof_copy_of(session, order_id, self._seller_name)
            if proof is None:
                return None
            if proof.reprint:
                with self._db.write() as session:
                    audit_reprint(session, order_id, at=self._clock.now(), staff_id=staff_id, approved_by=approved_by)
                log.info("reprint (補印) of order %s asked by %s%s", order_id, staff_id,
                         f", approved by {approved_by}" if approved_by else "")
            attempt = self._attempts.get(order_id, 0) + 1
            self._attempts[order_id] = attempt
            job_id = f"{order_id}{_SEPARATOR}{attempt}"
            self._active[order_id] = job_id
        self.service.submit(job_id, proof)
        return job_id

    def unprinted(self) -> list[str]:
        with self._db.read() as session:
            return unprinted_orders(session)

    def _on_event(self, event: JobEvent) -> None:
        if isinstance(event.document, ProofCopy) and event.finished:
            order_id = order_of(event.job_id)
            if event.state is JobState.PRINTED or event.sent:
                with self._db.write() as session:
                    record_copy(session, order_id, at=self._clock.now(), complete=event.state is JobState.PRINTED)
            with self._lock:
                self._active.pop(order_id, None)
        for listener in self._listeners:
            listener(event)
