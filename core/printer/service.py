"""The print service: its own thread and job queue, reporting every job state through a callback.

It knows documents and printers, not the database: the station records "printed / not printed" from
the events. Callbacks run on the service's notifier thread, in order, never on the caller's thread,
so a UI can always hand them to its own loop the same way.

Job states: queued -> printing -> printed | failed(reason). Nothing prints twice unless asked: a job
id is accepted once, and a reprint is an explicit request that prints the same data marked 補印.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from typing import TYPE_CHECKING

from core.errors import CashierError
from core.messages import PrinterCode
from core.printer.config import PrinterConfig
from core.printer.documents import Document
from core.printer.status import NO_REPLY, PrinterStatus, query_status, wait_processed
from core.printer.transport import Link, open_link, wire_seconds

if TYPE_CHECKING:
    from core.printer.virtual.printer import VirtualPrinter

log = logging.getLogger(__name__)

GS_R_1 = b"\x1dr\x01"
CONFIRM_MARGIN = 1.5  # wire time estimate times this, plus confirm_timeout


class JobState(StrEnum):
    QUEUED = "queued"
    PRINTING = "printing"
    PRINTED = "printed"
    FAILED = "failed"


@dataclass(frozen=True)
class JobEvent:
    job_id: str
    state: JobState
    document: Document
    reason: CashierError | None = None  # set when failed
    warnings: tuple[CashierError, ...] = ()  # printed, but e.g. paper near end or □ replacements
    reprint_of: str | None = None
    sent: bool = False  # some bytes reached the printer: paper may hold part of it

    @property
    def finished(self) -> bool:
        return self.state in (JobState.PRINTED, JobState.FAILED)


@dataclass
class _PrintTask:
    job_id: str
    document: Document
    reprint_of: str | None = None


@dataclass
class _StatusTask:
    callback: Callable[[PrinterStatus], None]


@dataclass
class _ResetTask:
    done: Callable[[], None] | None = None


@dataclass
class _Job:
    document: Document
    state: JobState
    reprint_of: str | None = None
    reprints: list[str] = field(default_factory=list)


EventCallback = Callable[[JobEvent], None]


class PrintService:
    def __init__(self, config: PrinterConfig, *, on_event: EventCallback,
                 on_status: Callable[[PrinterStatus], None] | None = None,
                 emulator: VirtualPrinter | None = None,
                 link_factory: Callable[[], Link] | None = None) -> None:
        self.config = config
        self._on_event = on_event
        self._on_status = on_status
        self._link_factory = link_factory or (lambda: open_link(config, emulator=emulator))
        self._link: Link | None = None
        self._tasks: queue.Queue[_PrintTask | _StatusTask | _ResetTask | None] = queue.Queue()
        self._events: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._jobs: dict[str, _Job] = {}
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._pending = 0
        self._worker = threading.Thread(target=self._work, name="print-service", daemon=True)
        self._notifier = threading.Thread(target=self._notify, name="print-events", daemon=True)
        self.last_status: PrinterStatus | None = None

    # -- life cycle ----------------------------------------------------------------------------
    def start(self) -> PrintService:
        self._worker.start()
        self._notifier.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._tasks.put(None)
        self._worker.join(timeout)
        self._events.put(None)
        self._notifier.join(timeout)
        if self._link is not None:
            self._link.close()
            self._link = None

    def __enter__(self) -> PrintService:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    # -- what callers do (none of these block) ------------------------------------------------
    def submit(self, job_id: str, document: Document) -> bool:
        """Queue a document. False when this job id was already taken: nothing prints twice."""
        with self._lock:
            if job_id in self._jobs:
                return False
            self._jobs[job_id] = _Job(document, JobState.QUEUED)
            self._pending += 1
        self._emit(JobEvent(job_id, JobState.QUEUED, document))
        self._tasks.put(_PrintTask(job_id, document))
        return True

    def reprint(self, job_id: str, document: Document | None = None) -> str | None:
        """Print `job_id`'s document again, marked 補印, under a new job id (returned).

        `document` is for an invoice printed before a restart (the service forgets on exit); the
        number is never new — it is whatever the document carries. None when a reprint of the same
        job is still queued or printing (a double key press), or when nothing is known to reprint.
        """
        with self._lock:
            original = self._jobs.get(job_id)
            if original is None:
                if document is None:
                    return None
                original = self._jobs[job_id] = _Job(document, JobState.FAILED)
            busy = [r for r in original.reprints if self._jobs[r].state in (JobState.QUEUED, JobState.PRINTING)]
            if busy:
                return None
            source = document or original.document
            marked = source.as_reprint()
            new_id = f"{job_id}~reprint-{len(original.reprints) + 1}"
            original.reprints.append(new_id)
            self._jobs[new_id] = _Job(marked, JobState.QUEUED, reprint_of=job_id)
            self._pending += 1
        self._emit(JobEvent(new_id, JobState.QUEUED, marked, reprint_of=job_id))
        self._tasks.put(_PrintTask(new_id, marked, reprint_of=job_id))
        return new_id

    def request_status(self, callback: Callable[[PrinterStatus], None]) -> None:
        """Ask the printer for its status between jobs; `callback` receives it on the notifier thread."""
        with self._lock:
            self._pending += 1
        self._tasks.put(_StatusTask(callback))

    def reset_connection(self, done: Callable[[], None] | None = None) -> None:
        """Close the link so the next job opens it afresh (the FAQ's "reset" after a replug)."""
        with self._lock:
            self._pending += 1
        self._tasks.put(_ResetTask(done))

    def state_of(self, job_id: str) -> JobState | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return job.state if job else None

    def wait_idle(self, timeout: float) -> bool:
        """Until every queued task is done and its events delivered (for the CLI and tests)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    # -- the worker ----------------------------------------------------------------------------
    def _work(self) -> None:
        while (task := self._tasks.get()) is not None:
            try:
                if isinstance(task, _PrintTask):
                    self._print(task)
                elif isinstance(task, _StatusTask):
                    status = self._status()
                    self._events.put(partial(task.callback, status))
                else:
                    self._drop_link()
                    if task.done:
                        self._events.put(task.done)
            except Exception:  # a bug must not kill the printer thread; the job is reported failed
                log.exception("print service task failed")
                if isinstance(task, _PrintTask):
                    self._finish(task, JobState.FAILED, CashierError(PrinterCode.DOCUMENT_INVALID,
                                                                      detail="internal error"))
            finally:
                self._events.put(self._done_one)

    def _done_one(self) -> None:
        with self._idle:
            self._pending -= 1
            self._idle.notify_all()

    def _notify(self) -> None:
        while (call := self._events.get()) is not None:
            try:
                call()
            except Exception:  # the caller's callback failing must not stop later events
                log.exception("print event callback failed")

    def _emit(self, event: JobEvent) -> None:
        if event.state is not JobState.FAILED:  # a failure is logged with its reason by _finish
            log.info("print job %s %s%s%s", event.job_id, event.state.value,
                     f" (reprint of {event.reprint_of})" if event.reprint_of else "",
                     "".join(f"; {w.text('en')}" for w in event.warnings))
        callback = self._on_event
        self._events.put(lambda: callback(event))

    def _set_state(self, job_id: str, state: JobState) -> None:
        with self._lock:
            self._jobs[job_id].state = state

    def _finish(self, task: _PrintTask, state: JobState, reason: CashierError | None = None, *,
                warnings: tuple[CashierError, ...] = (), sent: bool = False) -> None:
        self._set_state(task.job_id, state)
        if reason is not None:
            log.warning("print job %s failed%s: %s", task.job_id, " after data reached the printer" if sent else "",
                        reason.text("en"))
        self._emit(JobEvent(task.job_id, state, task.document, reason, warnings, task.reprint_of, sent))

    def _drop_link(self) -> None:
        if self._link is not None:
            self._link.close()
            self._link = None

    def _ensure_link(self) -> Link:
        if self._link is None:
            self._link = self._link_factory()
        return self._link

    def _status(self) -> PrinterStatus:
        try:
            link = self._ensure_link()
            status = query_status(link, timeout=self.config.status_timeout, retries=self.config.status_retries)
        except CashierError as error:
            log.info("status query failed: %s", error.text("en"))
            self._drop_link()
            status = NO_REPLY
        self.last_status = status
        if self._on_status:
            callback = self._on_status
            self._events.put(lambda: callback(status))
        return status

    def _print(self, task: _PrintTask) -> None:
        from core.printer.layout import encode_document

        self._set_state(task.job_id, JobState.PRINTING)
        self._emit(JobEvent(task.job_id, JobState.PRINTING, task.document, reprint_of=task.reprint_of))
        try:
            encoded = encode_document(task.document, self.config.layout())
        except (ValueError, CashierError) as error:  # a CashierError: it cannot print lawfully on this setup
            self._finish(task, JobState.FAILED, error if isinstance(error, CashierError) else
                         CashierError(PrinterCode.DOCUMENT_INVALID, detail=str(error)))
            return
        if encoded.has_raster and self.config.flow_control == "xonxoff":
            self._finish(task, JobState.FAILED, CashierError(PrinterCode.XONXOFF_RASTER))
            return
        warnings: list[CashierError] = []
        if encoded.replaced:
            warnings.append(CashierError(PrinterCode.TEXT_REPLACED, chars="".join(dict.fromkeys(encoded.replaced))))
        try:
            link = self._ensure_link()
        except CashierError as error:
            self._finish(task, JobState.FAILED, error)
            return
        before = self._checked_status(link)
        if isinstance(before, CashierError):
            self._finish(task, JobState.FAILED, before)
            return
        data = encoded.bytes() + GS_R_1
        try:
            link.write(data)
            limit = self.config.confirm_timeout + CONFIRM_MARGIN * wire_seconds(len(data), self.config.baudrate)
            sensor = wait_processed(link, limit)
        except CashierError as error:
            self._drop_link()
            self._finish(task, JobState.FAILED, error, sent=True)
            return
        if sensor is None:
            after = self._checked_status(link)
            reason = after if isinstance(after, CashierError) else \
                CashierError(PrinterCode.NOT_CONFIRMED, seconds=round(limit, 1))
            self._finish(task, JobState.FAILED, reason, sent=True)
            return
        after = self._checked_status(link)
        if isinstance(after, PrinterStatus) and (warning := after.warning()):
            warnings.append(warning)
        self._finish(task, JobState.PRINTED, warnings=tuple(warnings), sent=True)

    def _checked_status(self, link: Link) -> PrinterStatus | CashierError:
        """The status, or why printing cannot go on (a lost link included)."""
        try:
            status = query_status(link, timeout=self.config.status_timeout, retries=self.config.status_retries)
        except CashierError as error:
            self._drop_link()
            return error
        self.last_status = status
        if self._on_status:
            callback = self._on_status
            self._events.put(lambda: callback(status))
        problem = status.problem()
        return problem if problem is not None else status


def check_printer(config: PrinterConfig, *, emulator: VirtualPrinter | None = None) -> PrinterStatus:
    """One status query outside any service (the CLI's `printer status`); raises if the port won't open."""
    link = open_link(config, emulator=emulator)
    try:
        return query_status(link, timeout=config.status_timeout, retries=config.status_retries)
    finally:
        link.close()
