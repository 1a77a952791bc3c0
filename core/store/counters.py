"""Crash-safe monotonic counters (the per-station order number)."""

from __future__ import annotations

from sqlmodel import Session

_BUMP = ("INSERT INTO counters (name, value) VALUES (?, 1) "
         "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value")


def bump(session: Session, name: str) -> int:
    """Increment and return counter `name`; call inside the write transaction that uses the value."""
    # Driver SQL: every sale bumps the order counter, and a fixed text costs SQLAlchemy nearly nothing.
    row = session.connection().exec_driver_sql(_BUMP, (name,)).one()
    return int(row[0])
