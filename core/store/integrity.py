"""SQLite's own integrity check, bounded: what the station runs on every open (before the first sale) and
what `cashier doctor` reports. Stdlib only, on a raw sqlite3 connection.

quick_check(N) stops after N problems but still reads every page; on a big, cold file that is the cost
of one sequential read (bench/bench_quick_check.py measures it). The time budget bounds it on a slow
disk: past it the check is abandoned (unknown, not damage) rather than keep the cashier waiting.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

MAX_PROBLEMS = 10  # the check can list thousands of lines; the first few say enough
OPEN_BUDGET_SECONDS = 3.0  # at start-up; the doctor (no cashier waiting) takes no budget
PROGRESS_STEPS = 10_000  # SQLite VM steps between looks at the time (~1 ms)


@dataclass(frozen=True)
class IntegrityResult:
    problems: tuple[str, ...]  # empty: ok
    complete: bool = True  # False: the budget ran out first, nothing is known

    @property
    def ok(self) -> bool:
        return self.complete and not self.problems

    def detail(self, count: int = 3) -> str:
        return "; ".join(self.problems[:count])


def check_integrity(connection: sqlite3.Connection, *, full: bool = False,
                    budget_seconds: float | None = None, steps: int = PROGRESS_STEPS) -> IntegrityResult:
    """PRAGMA quick_check (integrity_check with `full`). Raises sqlite3.DatabaseError when the file cannot
    even be read as a database (the caller translates it)."""
    pragma = "integrity_check" if full else "quick_check"
    if budget_seconds is not None:
        deadline = time.monotonic() + budget_seconds
        connection.set_progress_handler(lambda: int(time.monotonic() > deadline), steps)
    try:
        rows = tuple(str(row[0]) for row in connection.execute(f"PRAGMA {pragma}({MAX_PROBLEMS:d})"))
    except sqlite3.OperationalError as error:
        if budget_seconds is not None and "interrupt" in str(error).lower():
            return IntegrityResult((), complete=False)
        raise
    finally:
        if budget_seconds is not None:
            connection.set_progress_handler(None, 0)
    return IntegrityResult(() if rows == ("ok",) else rows)
