"""Opening the station database: SQLite in WAL mode, fully synchronous, foreign keys enforced."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, create_engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session

from core.errors import StoreError
from core.messages import DoctorCode, StoreCode
from core.private_files import tighten_database, write_private
from core.store.integrity import MAX_PROBLEMS, OPEN_BUDGET_SECONDS, check_integrity
from core.store.journal import enable_wal
from core.store.migrations import LATEST, migrate, schema_version

DEFAULT_BUSY_TIMEOUT_MS = 5_000
log = logging.getLogger(__name__)


def _configure(connection: sqlite3.Connection, busy_timeout_ms: int, *, read_only: bool = False) -> None:
    # We issue BEGIN ourselves (see the "begin" hook): pysqlite's implicit transactions would
    # start too late to take the write lock before reading the next invoice number.
    connection.isolation_level = None
    connection.execute(f"PRAGMA busy_timeout = {busy_timeout_ms:d}")
    if read_only:
        # The selling instance chose WAL and migrated; a reader must not try to change either.
        connection.execute("PRAGMA query_only = ON")
        return
    enable_wal(connection, busy_timeout_ms / 1000)
    # FULL: a sale reported committed survives a power cut, not only a crash of this process.
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")


def _translate(error: BaseException, path: Path) -> StoreError | None:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return StoreError(StoreCode.LOCKED, path=str(path))
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(StoreCode.CORRUPT, path=str(path))
    if "database or disk is full" in text:  # SQLITE_FULL: the disk (or the file system) has no room left
        return StoreError(StoreCode.DISK_FULL, path=str(path))
    if "disk i/o error" in text:
        # What SQLite says when a write is cut short by the OS (a file-size limit, a failing disk).
        return StoreError(StoreCode.IO_ERROR, path=str(path))
    return None


class Database:
    """One SQLite file. `write()` holds the write lock from its first statement; `read()` never waits.

    `read_only=True` is the support instance beside a selling one: the file is opened by SQLite with
    mode=ro and query_only, never migrated, and `write()` refuses before touching it; so nothing a
    support session does can take an invoice number or change a sale."""

    def __init__(self, path: str | Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
                 read_only: bool = False, integrity_budget: float | None = OPEN_BUDGET_SECONDS) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.integrity_budget = integrity_budget  # seconds for the quick_check on open; None: no check
        self._busy_timeout_ms = busy_timeout_ms
        if read_only:
            self.schema = self._check_version()
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self.path.exists():
                write_private(self.path, b"")  # an empty file is an empty database: born owner-only
            self.schema = self._migrate()
            tighten_database(self.path)  # a file (or -wal/-shm) left looser by an older version or a copy
        self.engine = self._engine()
        self._reader = self.engine.execution_options(sqlite_begin="DEFERRED")

    def _uri(self) -> str:
        return f"{self.path.resolve().as_uri()}?mode=ro"

    def _check_version(self) -> tuple[int, int]:
        """Read-only: the schema must be exactly ours, since we may not migrate it ourselves."""
        if not self.path.exists():
            raise StoreError(StoreCode.MISSING, path=str(self.path))
        try:
            raw = sqlite3.connect(self._uri(), uri=True, isolation_level=None, timeout=self._busy_timeout_ms / 1000)
            try:
                found = schema_version(raw)
            finally:
                raw.close()
        except sqlite3.DatabaseError as error:
            raise _translate(error, self.path) or error from error
        if found > LATEST:
            raise StoreError(StoreCode.TOO_NEW, found=found, supported=LATEST)
        if found < LATEST:
            raise StoreError(StoreCode.NOT_MIGRATED, path=str(self.path), found=found, supported=LATEST)
        return found, found

    def _migrate(self) -> tuple[int, int]:
        try:
            raw = sqlite3.connect(self.path, isolation_level=None, timeout=self._busy_timeout_ms / 1000)
            try:
                _configure(raw, self._busy_timeout_ms)
                self._check_integrity(raw)
                return migrate(raw)
            finally:
                raw.close()
        except sqlite3.DatabaseError as error:
            raise _translate(error, self.path) or error from error

    def _check_integrity(self, raw: sqlite3.Connection) -> None:
        """Refuse a damaged file before anything is written to it (a sale, a migration), in the doctor's
        words; bounded in time (core/store/integrity.py), so a slow disk delays the open, never blocks it."""
        if self.integrity_budget is None:
            return
        try:
            result = check_integrity(raw, budget_seconds=self.integrity_budget)
        except sqlite3.DatabaseError as error:  # a page too damaged to walk: SQLite says so as an error
            translated = _translate(error, self.path)
            if translated is not None and translated.code != StoreCode.CORRUPT:
                raise translated from error  # locked, disk full, I/O: not damage
            log.error("integrity check of %s failed: %s", self.path, error)
            raise StoreError(DoctorCode.DATABASE_DAMAGED, detail=str(error), path=str(self.path)) from error
        if not result.complete:
            log.warning("integrity check of %s abandoned after %.1f s; opening unchecked (cashier doctor checks "
                        "it in full)", self.path, self.integrity_budget)
        elif result.problems:
            log.error("integrity check of %s found damage: %s", self.path, result.detail(MAX_PROBLEMS))
            raise StoreError(DoctorCode.DATABASE_DAMAGED, detail=result.detail(), path=str(self.path))

    def _engine(self) -> Engine:
        connect_args: dict[str, Any] = {"check_same_thread": False, "timeout": self._busy_timeout_ms / 1000}
        if self.read_only:
            # The file URI through the URL, not a `creator` under "sqlite://": that URL means an in-memory
            # database to SQLAlchemy, whose per-thread pool closes other threads' connections mid-query.
            engine = create_engine(f"sqlite:///{self._uri()}&uri=true", connect_args=connect_args)
        else:
            engine = create_engine(f"sqlite:///{self.path}", connect_args=connect_args)

        @event.listens_for(engine, "connect")
        def _on_connect(connection: sqlite3.Connection, _record: Any) -> None:
            _configure(connection, self._busy_timeout_ms, read_only=self.read_only)

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Any) -> None:
            mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
            connection.exec_driver_sql(f"BEGIN {mode}")

        return engine

    @contextmanager
    def _session(self, bind: Engine) -> Iterator[Session]:
        try:
            with Session(bind, expire_on_commit=False) as session, session.begin():
                yield session
        except (OperationalError, DatabaseError) as error:
            translated = _translate(error.orig or error, self.path)
            if translated is None:
                raise
            raise translated from error

    def write(self) -> AbstractContextManager[Session]:
        """A transaction that takes the write lock at once and commits durably on leaving."""
        if self.read_only:
            raise StoreError(StoreCode.STATION_READ_ONLY, path=str(self.path))
        return self._session(self.engine)

    def read(self) -> AbstractContextManager[Session]:
        """A read-only snapshot; WAL lets it run while another process writes."""
        return self._session(self._reader)

    def close(self) -> None:
        self.engine.dispose()
