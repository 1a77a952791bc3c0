"""Fixed SQL text with bound parameters on a session's connection, for the statements a sale repeats.

SQLAlchemy spends most of a short statement's time before the driver sees it: coercing the expression,
generating its cache key, building an execution context for the ORM. A fixed text skips all of that and
keeps the rest: the session's one transaction (BEGIN IMMEDIATE on first use) and DBAPI errors raised as
SQLAlchemy's, which core.store.database turns into the cashier's messages.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection
from sqlmodel import Session


def connection(session: Session) -> Connection:
    """The session's connection as the ORM would read through it: pending objects flushed first, so a read
    sees them exactly as an ORM query would (flushing a clean session returns at once)."""
    if session.autoflush:
        session.flush()
    return session.connection()
