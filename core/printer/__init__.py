"""Printing Taiwan e-invoice proof copies on ESC/POS printers.

What the station calls (everything else is an implementation detail):
  PrinterConfig            the [printer] settings (PrinterConfig.from_station(config.printer))
  PrintService             own thread + queue: submit(job_id, document), reprint(job_id), request_status(cb),
                           reset_connection(); every job state arrives through on_event(JobEvent)
  check_printer(config)    one status query (CLI, doctor)
  diagnose(config)         the FAQ report: registered devices, issues and what to do about each
  guidance_for(reason)     what to tell the cashier for a failed job
Importing this package loads no Pillow, segno, python-barcode or pyserial: they load when first used.
"""

from core.printer.config import PrinterConfig
from core.printer.diagnostics import DiagnosticReport, Issue, diagnose, guidance_for
from core.printer.documents import TestPage, TransactionDetails, sample_test_page
from core.printer.service import JobEvent, JobState, PrintService, check_printer
from core.printer.status import PrinterStatus

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
