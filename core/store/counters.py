"""Crash-safe monotonic counters (the per-station order number)."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session


def bump(session: Session, name: str) -> int:
    """Increment and return counter `name`; call inside the write transaction that uses the value."""
    row = session.execute(
        text("INSERT INTO counters (name, value) VALUES (:name, 1) "
             "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value"),
        {"name": name},
    ).one()
    return int(row[0])
