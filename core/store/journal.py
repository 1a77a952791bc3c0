"""Switching a SQLite file to WAL, safely when several connections open a new file at once."""

from __future__ import annotations

import sqlite3
import time

_PAUSE = 0.005  # seconds between tries: a migration holding the lock lasts milliseconds to a second


def enable_wal(connection: sqlite3.Connection, timeout: float) -> None:
    """`PRAGMA journal_mode = WAL`, waiting up to `timeout` seconds for the lock it needs.

    Changing a file's journal mode takes an exclusive lock that SQLite does not wait for with the
    busy handler: while another connection holds the write lock of a file still in rollback mode (two
    processes opening a new database, one of them migrating it), the pragma answers "database is
    locked" at once, whatever busy_timeout says. Once the file is in WAL the pragma is a no-op that
    needs no lock, so only the very first opening can meet this; we wait as busy_timeout would."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error).lower() or time.monotonic() >= deadline:
                raise
        time.sleep(_PAUSE)
