"""What an HQ operator may tune (`cashier hq serve` options), with the defaults a store chain starts from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

MAX_UNUSED_BOOKLETS = 4  # per station and period: enough for a busy till, too few to hoard a range
MAX_BODY_BYTES = 16 * 1024 * 1024  # a full catalog page of 20,000 products fits; a 60 MB body does not
CLOCK_SKEW = timedelta(minutes=5)  # the doctor fails a till whose clock is this far off HQ's
VOID_MAX_AGE = timedelta(hours=48)  # the upload rule: an invoice event reaches HQ within 48 hours


@dataclass(frozen=True)
class HQSettings:
    max_unused_booklets: int = MAX_UNUSED_BOOKLETS
    max_body_bytes: int = MAX_BODY_BYTES
    clock_skew: timedelta = CLOCK_SKEW
    void_max_age: timedelta = VOID_MAX_AGE
