"""Printing a document through the real service and pyserial's socket:// to a virtual printer."""

from __future__ import annotations

import threading

from core.printer.config import PrinterConfig
from core.printer.documents import Document
from core.printer.service import JobEvent, PrintService


class Recorder:
    """Collects job events; lets a test wait for a job's final state without sleeping."""

    def __init__(self) -> None:
        self.events: list[JobEvent] = []
        self.threads: set[str] = set()
        self._changed = threading.Condition()

    def __call__(self, event: JobEvent) -> None:
        with self._changed:
            self.events.append(event)
            self.threads.add(threading.current_thread().name)
            self._changed.notify_all()

    def final(self, job_id: str, timeout: float = 15.0) -> JobEvent:
        with self._changed:
            ok = self._changed.wait_for(
                lambda: any(e.job_id == job_id and e.finished for e in self.events), timeout)
            assert ok, f"job {job_id} did not finish within {timeout}s: {self.states(job_id)}"
            return next(e for e in reversed(self.events) if e.job_id == job_id and e.finished)

    def states(self, job_id: str) -> list[str]:
        return [e.state.value for e in self.events if e.job_id == job_id]


def print_one(config: PrinterConfig, document: Document, job_id: str = "job-1") -> JobEvent:
    recorder = Recorder()
    with PrintService(config, on_event=recorder) as service:
        assert service.submit(job_id, document)
        return recorder.final(job_id)
