"""Versioned schema: numbered SQL scripts applied in order, the version kept in PRAGMA user_version.

A migration once released is never edited: a database written by any older version must open in
every newer one (tests/store/test_migrations.py keeps a version-1 database to prove it).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from importlib import resources

from core.errors import StoreError
from core.messages import StoreCode

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    version: int
    script: str  # file name in this package

    def sql(self) -> str:
        return resources.files(__package__).joinpath(self.script).read_text(encoding="utf-8")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "0001_initial.sql"),
    Migration(2, "0002_sync.sql"),
    Migration(3, "0003_order_list.sql"),
    Migration(4, "0004_void_outbox.sql"),
    Migration(5, "0005_shifts.sql"),
    Migration(6, "0006_authority.sql"),
    Migration(7, "0007_print_rules.sql"),
    Migration(8, "0008_mof_state.sql"),
    Migration(9, "0009_allowances.sql"),
    Migration(10, "0010_reissues.sql"),
    Migration(11, "0011_outbox_claim_order.sql"),
)
LATEST = MIGRATIONS[-1].version


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def _statements(script: str) -> list[str]:
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not pending:
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in migration: {pending[:60]!r}")
    return statements


def migrate(connection: sqlite3.Connection, migrations: tuple[Migration, ...] = MIGRATIONS) -> tuple[int, int]:
    """Bring the database up to the last migration; returns (version found, version now).

    The connection must be in autocommit mode (isolation_level None): each step runs in its own
    BEGIN IMMEDIATE transaction, re-reading the version under the lock so two processes opening a
    new file at once do not both migrate it.
    """
    found = schema_version(connection)
    latest = migrations[-1].version
    if found > latest:
        raise StoreError(StoreCode.TOO_NEW, found=found, supported=latest)
    for migration in migrations:
        connection.execute("BEGIN IMMEDIATE")
        try:
            applied = schema_version(connection) < migration.version
            if applied:
                for statement in _statements(migration.sql()):
                    connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {migration.version:d}")
            connection.execute("COMMIT")
            if applied:
                log.info("database migrated to version %d (%s)", migration.version, migration.script)
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    return found, schema_version(connection)
