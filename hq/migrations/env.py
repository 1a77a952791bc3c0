"""Alembic's environment for HQ: always handed an open connection by hq.migrations.upgrade (no alembic.ini,
no URL here), inside the transaction that holds the migration lock."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("HQ's migrations run through hq.migrations.upgrade(engine), which passes a connection")

context.configure(connection=connection, target_metadata=None)
with context.begin_transaction():  # the caller's transaction: nothing is committed here
    context.run_migrations()
