"""Resuming numbering after the database was replaced: the store's half of "never reissue a number".

A database that may be behind what HQ already received (a backup restored, a fresh file on a station that
has sold before) is marked *pending*: it takes no e-invoice number until HQ has told it, per booklet, the
highest number it received and the highest order seq (core/sync/resume.py applies that answer here).
Kept in `sync_state`, so the mark travels with the file: a backup copy is born pending
(core/backup/), however it is later put back.

The database also carries an identity (a random id and when it was created), which the station's
registration file outside the database (core/resume/registration.py) compares against on every open.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session, select

from core.clock import to_taipei
from core.einvoice import BOOKLET_SIZE
from core.errors import ValidationError
from core.store.sync_cursors import get_state, set_state
from core.store.tables import Booklet as BookletRow
from core.store.tables import SyncState

DATABASE_ID = "database.id"
DATABASE_CREATED = "database.created_at"
PENDING = "resume.pending"  # value: the reason (restored_backup | new_database | other_database)
SEQ_BEFORE = "resume.seq_before"  # the order counter before the gap below
RESUMED_AT = "resume.resumed_at"
ORDER_COUNTER = "order_seq"  # core.checkout.service uses the same counter
# While pending, the order counter jumps this far ahead: sales made with a manual invoice meanwhile must
# not reuse an order number HQ may already hold (sold after the backup was taken, before the disk died).
SEQ_GAP = 10_000

log = logging.getLogger(__name__)
REASONS = ("restored_backup", "new_database", "other_database")


@dataclass(frozen=True)
class Identity:
    id: str
    created_at: datetime
    new: bool  # created just now: this open is the database's first by a version that keeps an identity


@dataclass(frozen=True)
class BookletMark:
    """What HQ holds for one of this station's booklets: `highest` is the highest number it received."""

    period_code: str
    track: str
    start: int
    end: int
    highest: int | None


@dataclass(frozen=True)
class Applied:
    added: tuple[BookletMark, ...]  # booklets this database did not hold
    advanced: int  # booklets whose next number moved past HQ's mark
    seq: int  # the order counter afterwards
    was_pending: str | None


def identity(session: Session, now: datetime) -> Identity:
    """This database's identity, created on first call (in the caller's write transaction)."""
    found, created = get_state(session, DATABASE_ID), get_state(session, DATABASE_CREATED)
    if found is not None and created is not None:
        return Identity(found, datetime.fromisoformat(created), new=False)
    new_id = str(uuid.uuid4())
    set_state(session, DATABASE_ID, new_id, now)
    set_state(session, DATABASE_CREATED, to_taipei(now).isoformat(timespec="seconds"), now)
    return Identity(new_id, now, new=True)


def pending(session: Session) -> str | None:
    """Why this database waits for HQ before taking a number, or None."""
    return get_state(session, PENDING)


def _counter(session: Session) -> int:
    value = session.execute(text("SELECT value FROM counters WHERE name = :n"), {"n": ORDER_COUNTER}).scalar()
    return int(value or 0)


def _set_counter(session: Session, value: int) -> None:
    session.execute(text("INSERT INTO counters (name, value) VALUES (:n, :v) "
                         "ON CONFLICT(name) DO UPDATE SET value = :v"), {"n": ORDER_COUNTER, "v": value})


def require(session: Session, reason: str, now: datetime, *, seq_floor: int = 0) -> None:
    """Mark the database pending (idempotent: a second reason keeps the first and its counter gap)."""
    if reason not in REASONS:
        raise ValueError(f"unknown resume reason {reason!r}")
    if pending(session) is not None:
        return
    before = max(_counter(session), seq_floor)
    set_state(session, PENDING, reason, now)
    set_state(session, SEQ_BEFORE, str(before), now)
    _set_counter(session, before + SEQ_GAP)


def apply_marks(session: Session, marks: list[BookletMark], highest_seq: int, now: datetime) -> Applied:
    """Adopt HQ's booklets past its marks and the order counter past its seq, then end a pending state.

    Only ever moves forward: a number used here but not yet uploaded keeps the local, higher offset.
    Adding a booklet this database lacks goes through the same overlap rule as any other."""
    from core.einvoice import Period, make_booklet
    from core.store.booklets import add_booklet

    added: list[BookletMark] = []
    advanced = 0
    for mark in marks:
        row = session.exec(select(BookletRow).where(
            BookletRow.period_code == mark.period_code, BookletRow.track == mark.track,
            BookletRow.start == mark.start)).first()
        past = 0 if mark.highest is None else min(BOOKLET_SIZE, mark.highest - mark.start + 1)
        if row is None:
            try:
                with session.begin_nested():
                    booklet = make_booklet(mark.track, mark.start, mark.end, Period.from_code(mark.period_code))
                    row = add_booklet(session, booklet, now)
            except (ValidationError, ValueError) as error:  # an ended period, an overlap: not usable here
                log.warning("booklet %s%08d from HQ not adopted: %s", mark.track, mark.start, error)
                continue
            added.append(mark)
        if row.next_offset < past:
            row.next_offset = past
            session.add(row)
            advanced += 1
    was = pending(session)
    counter = _counter(session)
    if was is not None:
        before = int(get_state(session, SEQ_BEFORE) or 0)
        # Nothing sold while pending: drop the gap again, the order numbers carry on where HQ has them.
        counter = max(before, highest_seq) if counter == before + SEQ_GAP else max(counter, highest_seq)
        for name in (PENDING, SEQ_BEFORE):
            state = session.get(SyncState, name)
            if state is not None:
                session.delete(state)
    else:
        counter = max(counter, highest_seq)
    _set_counter(session, counter)
    set_state(session, RESUMED_AT, now.isoformat(), now)
    session.flush()
    return Applied(tuple(added), advanced, counter, was)


def require_raw(connection: sqlite3.Connection, reason: str, now: datetime) -> None:
    """`require` on a plain sqlite3 connection, for a backup copy being made (core/backup/copy.py): the
    same keys and counter gap, without opening the copy through the engine (which would put it in WAL)."""
    if reason not in REASONS:
        raise ValueError(f"unknown resume reason {reason!r}")
    stamp = to_taipei(now).isoformat(timespec="seconds")
    with connection:  # one transaction
        if connection.execute("SELECT 1 FROM sync_state WHERE name = ?", (PENDING,)).fetchone():
            return
        row = connection.execute("SELECT value FROM counters WHERE name = ?", (ORDER_COUNTER,)).fetchone()
        before = int(row[0]) if row else 0
        for name, value in ((PENDING, reason), (SEQ_BEFORE, str(before))):
            connection.execute("INSERT INTO sync_state (name, value, updated_at) VALUES (?, ?, ?) "
                               "ON CONFLICT(name) DO UPDATE SET value = excluded.value, "
                               "updated_at = excluded.updated_at", (name, value, stamp))
        connection.execute("INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET "
                           "value = excluded.value", (ORDER_COUNTER, before + SEQ_GAP))


def read_raw(connection: sqlite3.Connection) -> dict[str, str]:
    """The resume keys of a database, read with the stdlib (the doctor reads them without the engine)."""
    names = (DATABASE_ID, DATABASE_CREATED, PENDING, RESUMED_AT)
    try:
        rows = connection.execute(f"SELECT name, value FROM sync_state WHERE name IN ({','.join('?' * len(names))})",
                                  names).fetchall()
    except sqlite3.OperationalError:  # no sync_state table: an empty or very old file
        return {}
    return {str(name): str(value) for name, value in rows}
