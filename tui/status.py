"""The app's status, one frozen value: the link, the printer, the upload backlog, invoice numbers left and
who is at the till. The app holds it in a `reactive` (CashierApp.status) and replaces it whole; the status
bar and the screens watch it. Light on purpose: the first frame imports it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StatusInfo:
    online: bool | None = None  # None until the first probe answers
    printer: str = "none"  # none | ready | printing | error | unknown | seller
    printer_detail: str = ""
    backlog: int = 0
    attention: int = 0
    numbers_left: int | None = None
    numbers_pending: bool = False  # a restored or new database waits for HQ before its next number
    staff: str = ""
    hq: bool = False  # a sync service is configured (without one, "no HQ" rather than "checking")
    read_only: bool = False  # the support mode: the link and the uploads are the selling instance's
