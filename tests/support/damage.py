"""Damaging a station database file the way a failing disk or a cut write does, for the integrity tests.
The file opens (its header and schema are intact), so only an integrity check can tell."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def _checkpointed(path: Path) -> tuple[bytearray, int]:
    """The whole database in the main file (WAL folded in), and its page size."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = int(connection.execute("PRAGMA page_size").fetchone()[0])
    connection.close()
    return bytearray(path.read_bytes()), page_size


def claim_free_pages(path: Path, count: int = 7) -> None:
    """The header counts free pages the file does not have: quick_check lists it as a problem."""
    data, _ = _checkpointed(path)
    data[36:40] = count.to_bytes(4, "big")
    path.write_bytes(bytes(data))


def garble_page(path: Path, table: str = "order_lines") -> None:
    """The cell pointers of `table`'s root page overwritten: SQLite calls the file malformed when it walks it."""
    data, page_size = _checkpointed(path)
    with sqlite3.connect(path) as connection:
        root = int(connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0])
    connection.close()
    offset = (root - 1) * page_size
    data[offset + 8: offset + 100] = b"\xff" * 92
    path.write_bytes(bytes(data))
