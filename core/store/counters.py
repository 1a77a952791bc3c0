"""Crash-safe monotonic counters (the per-station order number)."""

from __future__ import annotations

from sqlmodel import Session

from core.store import driver_sql

_BUMP = ("INSERT INTO counters (name, value) VALUES (?, 1) "
         "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value")


def bump(session: Session, name: str) -> int:
    """Increment and return counter `name`; call inside the write transaction that uses the value."""
    # Straight to the driver (core.store.driver_sql): every sale bumps the order counter. No flush: the
    # counter depends on no pending object, and the ORM did not flush for this text either.
    row = driver_sql.driver(session, flush=False).first(_BUMP, (name,))
    assert row is not None  # an upsert with RETURNING answers one row
    return int(row[0])
