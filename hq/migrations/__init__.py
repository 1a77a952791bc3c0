"""HQ's versioned schema: Alembic revisions in versions/, applied in order when HQ opens its database.

A revision once released is never edited: an HQ database written by any older release must open in every
newer one, so a schema change is always a new revision (next number, `down_revision` = the previous head)
that upgrades the tables in place, on SQLite and PostgreSQL alike. Start the file from the template with
`alembic.command.revision(alembic_config(), "what it does", rev_id="0002")` and write its operations out;
autogenerate may draft them for review while developing (`alembic.autogenerate.produce_migrations` against
a database at head), never at runtime.
tests/hq/test_migrations.py compares the migrated schema with the SQLModel tables (hq.tables), so a table
changed without a revision fails there.

No alembic.ini: `alembic_config()` builds the configuration in code, pointing at this package, which is
installed with HQ (pyproject's package discovery takes it and versions/ as packages).

Locking, so that two HQ processes starting at once do not both migrate: everything (reading the version,
stamping, upgrading) runs in one transaction that holds
- on PostgreSQL, a transaction-level advisory lock (`pg_advisory_xact_lock`), released at commit or
  rollback; DDL is transactional there, so a failed upgrade leaves nothing behind;
- on SQLite, the database's write lock, taken up front by `BEGIN IMMEDIATE` (hq.db's engine begins every
  write transaction that way); the other process waits on its busy timeout and then finds the database at
  head. SQLite's DDL is transactional too. A future revision that needs SQLite's table rebuild with
  `PRAGMA foreign_keys=OFF` must do that outside a transaction, i.e. rework this lock.

A database made by HQ before this package existed (`create_all`: the tables, no alembic_version) is
recognised by its tables, checked against revision 0001's tables and columns, and stamped 0001 in place;
its data is kept. A database at a revision this code does not know was written by a newer HQ: it is left
untouched and `HQSchemaError` says so.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from core.errors import CashierError
from core.messages import StoreCode

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)
# Alembic says "Context impl SQLiteImpl" at INFO on every start; our own lines say what was migrated.
logging.getLogger("alembic.runtime.migration").setLevel(logging.WARNING)

HERE = Path(__file__).resolve().parent
BASELINE = "0001"  # the schema `HQModel.metadata.create_all` made before there were migrations
# pg_advisory_xact_lock key: any fixed 64-bit number, the same in every HQ release ("HQ-MIGR" in ASCII).
PG_LOCK_KEY = 0x48512D4D494752

# Revision 0001's tables and their columns (frozen, like the revision): what a pre-migration database must
# have before it is stamped 0001.
BASELINE_TABLES: dict[str, frozenset[str]] = {
    name: frozenset(columns.split()) for name, columns in {
        "hq_booklet_ranges": "id period_code track start end next_start imported_at",
        "hq_booklets": "id period_code track start end station_id range_id allocated_at",
        "hq_counters": "name value",
        "hq_customers": "id member_code phone name updated_at version",
        "hq_invoices": "id order_id station_id number period_code random_code issued_at total sales tax seller_ban "
                       "buyer_ban carrier_type carrier_id donation_code qr_left qr_right print_mark manual voided "
                       "voided_at",
        "hq_order_lines": "id order_id position sku entered_name name product_type quantity unit_price catalog_price "
                          "amount price_override unknown_sku",
        "hq_orders": "id station_id order_no seq created_at received_at staff_id customer_id customer_phone total "
                     "offline payload_sha256 payload result status voided_at void_reason price_overrides attention",
        "hq_payments": "id order_id kind amount tendered change reference",
        "hq_products": "sku barcode name price_regular price_addon price_gift active updated_at version",
        "hq_staff": "id name role pin_hash active updated_at version",
        "hq_stations": "id name role token_hash active created_at",
    }.items()
}


class HQSchemaError(CashierError):
    """HQ's database is not one this HQ can upgrade; nothing in it was changed."""


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code; `connection` is the one env.py migrates."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(HERE))  # revisions in its versions/ folder
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head() -> str:
    from alembic.script import ScriptDirectory

    return str(ScriptDirectory.from_config(alembic_config()).get_current_head())


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _where(connection: Connection) -> str:
    return connection.engine.url.render_as_string(hide_password=True)


def _check_baseline(connection: Connection, present: set[str]) -> None:
    """A database without alembic_version but with HQ's tables must hold all of revision 0001's."""
    from sqlalchemy import inspect

    inspector = inspect(connection)
    problems = [f"table {name} missing" for name in sorted(set(BASELINE_TABLES) - present)]
    for name in sorted(set(BASELINE_TABLES) & present):
        missing = BASELINE_TABLES[name] - {column["name"] for column in inspector.get_columns(name)}
        problems += [f"column {name}.{column} missing" for column in sorted(missing)]
    if problems:
        raise HQSchemaError(StoreCode.HQ_DATABASE_UNRECOGNISED, where=_where(connection), detail="; ".join(problems))


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring HQ's database to the newest revision under the migration lock; returns (found, now).

    A pre-migration database is stamped 0001 first; a database at an unknown revision raises
    HQSchemaError and is not touched.
    """
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError
    from sqlalchemy import inspect, text

    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    newest = str(script.get_current_head())
    with engine.begin() as connection:  # SQLite: BEGIN IMMEDIATE, the write lock (see hq.db)
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})
        context = MigrationContext.configure(connection)
        found = context.get_current_heads()
        for revision in found:
            try:
                script.get_revision(revision)
            except CommandError:
                raise HQSchemaError(StoreCode.HQ_DATABASE_TOO_NEW, where=_where(connection), found=revision,
                                    supported=newest) from None
        if not found:
            present = set(inspect(connection).get_table_names()) & set(BASELINE_TABLES)
            if present:
                _check_baseline(connection, present)
                context.stamp(script, BASELINE)
                log.info("HQ database made before versioned migrations: stamped revision %s", BASELINE)
        now = context.get_current_heads()
        if now != (newest,):
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            log.info("HQ database migrated from %s to %s", found[0] if found else "nothing", newest)
        return (found[0] if found else None), newest
