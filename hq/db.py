"""HQ's database: SQLite (a file, WAL) by default, PostgreSQL by URL (psycopg 3); its schema by hq.migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, create_engine
from sqlmodel import Session

from core.private_files import tighten_database
from core.store.journal import enable_wal
from hq import migrations
from hq.tables import HQModel

SQLITE_BUSY_TIMEOUT_MS = 10_000


def normalise_url(url: str) -> str:
    """A bare path means a SQLite file; postgres:// URLs get the psycopg 3 driver."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _sqlite_engine(url: str) -> Engine:
    path = url.removeprefix("sqlite:///")
    if path and path != url:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
                           pool_size=20, max_overflow=20)

    @event.listens_for(engine, "connect")
    def _on_connect(connection: sqlite3.Connection, _record: Any) -> None:
        # Our own BEGIN (below): pysqlite's implicit BEGIN is DEFERRED, and a deferred transaction that
        # later writes fails with "database is locked" instead of waiting when another writer holds it.
        connection.isolation_level = None
        connection.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS:d}")
        enable_wal(connection, SQLITE_BUSY_TIMEOUT_MS / 1000)
        # An accepted order is the station's permission to stop sending it: it must survive a power cut.
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(f"BEGIN {connection.get_execution_options().get('sqlite_begin', 'IMMEDIATE')}")

    return engine


class HQDatabase:
    def __init__(self, url: str, *, pool_size: int = 20) -> None:
        self.url = normalise_url(url)
        if self.url.startswith("sqlite"):
            self.engine = _sqlite_engine(self.url)
        else:
            self.engine = create_engine(self.url, pool_size=pool_size, max_overflow=20, pool_pre_ping=True)
        self.dialect = self.engine.dialect.name
        self._reader = self.engine.execution_options(sqlite_begin="DEFERRED")
        try:
            # Versioned migrations to the newest revision, under a lock (see hq.migrations).
            self.revision_found, self.revision = migrations.upgrade(self.engine)
        except BaseException:
            self.engine.dispose()
            raise
        if self.url.startswith("sqlite:///"):  # orders, customers, tokens' hashes: owner-only
            tighten_database(Path(self.url.removeprefix("sqlite:///")))

    @property
    def is_postgres(self) -> bool:
        return self.dialect == "postgresql"

    @contextmanager
    def _session(self, bind: Engine) -> Iterator[Session]:
        with Session(bind, expire_on_commit=False) as session, session.begin():
            yield session

    def write(self) -> AbstractContextManager[Session]:
        return self._session(self.engine)

    def read(self) -> AbstractContextManager[Session]:
        return self._session(self._reader)

    def truncate_all(self) -> None:
        """Empty every table (tests reuse one PostgreSQL database)."""
        with self.write() as session:
            names = [table.name for table in reversed(HQModel.metadata.sorted_tables)]
            if self.is_postgres:
                session.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))
            else:
                for name in names:
                    session.execute(text(f"DELETE FROM {name}"))

    def close(self) -> None:
        self.engine.dispose()
