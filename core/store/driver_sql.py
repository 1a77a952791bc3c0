"""Fixed SQL text with bound parameters, run by the driver under a session's transaction, for the
statements every sale repeats.

SQLAlchemy spends most of a short statement's time before and after the driver runs it: coercing the
expression, generating its cache key, building an execution context and a result. A sale's statements
are fixed texts whose rows are read at once, so they go straight to the sqlite3 connection the session's
transaction holds (BEGIN IMMEDIATE already issued, by core.store.database's hook). What is kept: the one
transaction, and a driver error raised as SQLAlchemy's (OperationalError, IntegrityError, ... with the
sqlite3 error as `orig`), which core.store.database turns into the cashier's messages as before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import SessionTransaction
from sqlmodel import Session

Row = tuple[Any, ...]
_INFO_KEY = "core.store.driver_sql"


class Driver:
    """The sqlite3 connection under one session transaction."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def first(self, sql: str, parameters: Sequence[Any] = ()) -> Row | None:
        rows = self.rows(sql, parameters)  # every row stepped: a RETURNING statement is finished here
        return rows[0] if rows else None

    def rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
        try:
            rows: list[Row] = self._connection.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise _wrapped(sql, parameters, error) from error
        return rows

    def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            self._connection.executemany(sql, rows)
        except sqlite3.Error as error:
            raise _wrapped(sql, rows, error) from error


def _wrapped(sql: str, parameters: Any, error: sqlite3.Error) -> BaseException:
    """The error as SQLAlchemy would have raised it from the same statement."""
    wrapped = DBAPIError.instance(sql, parameters, error, sqlite3.Error)
    assert isinstance(wrapped, BaseException)
    return wrapped


def driver(session: Session, *, flush: bool = True) -> Driver:
    """The driver under `session`'s transaction (begun here if it was not yet). With `flush`, pending ORM
    objects are written first, so a read sees them exactly as an ORM query would (a clean session's flush
    returns at once); a write that depends on none of them passes flush=False, as the ORM would not flush."""
    if flush and session.autoflush:
        session.flush()
    transaction = session.get_transaction()
    cached: tuple[SessionTransaction, Driver] | None = session.info.get(_INFO_KEY)
    if cached is not None and transaction is not None and cached[0] is transaction:
        return cached[1]
    connection = session.connection()  # begins the transaction when it has not begun
    raw = connection.connection.driver_connection
    if not isinstance(raw, sqlite3.Connection):  # pragma: no cover - the station database is SQLite
        raise TypeError(f"not a sqlite3 connection: {raw!r}")
    made = Driver(raw)
    session.info[_INFO_KEY] = (session.get_transaction(), made)
    return made
