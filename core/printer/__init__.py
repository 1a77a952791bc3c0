"""Printing Taiwan e-invoice proof copies on ESC/POS printers.

What the station calls (everything else is an implementation detail):
  PrinterConfig            the [printer] settings (core.config builds it: config.printer)
  PrintService             own thread + queue: submit(job_id, document), reprint(job_id), request_status(cb),
                           reset_connection(); every job state arrives through on_event(JobEvent)
  check_printer(config)    one status query (CLI, doctor)
  diagnose(config)         the FAQ report: registered devices, issues and what to do about each
  guidance_for(reason)     what to tell the cashier for a failed job
Importing this package loads no Pillow, segno, python-barcode or pyserial: they load when first used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Resolved on first use (PEP 562), so `import core.printer.config` from the configuration loader does
# not pull in the service, diagnostics and layout modules.
_EXPORTS = {
    "PrinterConfig": "core.printer.config",
    "DiagnosticReport": "core.printer.diagnostics",
    "Issue": "core.printer.diagnostics",
    "diagnose": "core.printer.diagnostics",
    "guidance_for": "core.printer.diagnostics",
    "TestPage": "core.printer.documents",
    "TransactionDetails": "core.printer.documents",
    "sample_test_page": "core.printer.documents",
    "JobEvent": "core.printer.service",
    "JobState": "core.printer.service",
    "PrintService": "core.printer.service",
    "check_printer": "core.printer.service",
    "PrinterStatus": "core.printer.status",
}
__all__ = [
    "DiagnosticReport",
    "Issue",
    "JobEvent",
    "JobState",
    "PrintService",
    "PrinterConfig",
    "PrinterStatus",
    "TestPage",
    "TransactionDetails",
    "check_printer",
    "diagnose",
    "guidance_for",
    "sample_test_page",
]

if TYPE_CHECKING:
    from core.printer.config import PrinterConfig
    from core.printer.diagnostics import DiagnosticReport, Issue, diagnose, guidance_for
    from core.printer.documents import TestPage, TransactionDetails, sample_test_page
    from core.printer.service import JobEvent, JobState, PrintService, check_printer
    from core.printer.status import PrinterStatus


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'core.printer' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
