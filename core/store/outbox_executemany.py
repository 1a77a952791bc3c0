"""One UPDATE run for many rows through the DB-API's executemany, for the outbox's per-round writes.

SQLAlchemy's executemany builds and type-processes every row's whole parameter set in Python (the fixed
values again for each row); a round of uploads writes hundreds of rows. Here the statement is compiled
once, its fixed values processed once, and only each row's own values (bindparam("b_…")) per row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Boolean, Update
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.elements import BindParameter
from sqlmodel import Session


def execute_many(session: Session, statement: Update, rows: Sequence[dict[str, Any]]) -> None:
    """Run `statement` once per row; a row gives every bindparam the statement names, the rest are fixed."""
    if not rows:
        return
    session.flush()  # what session.execute would have flushed first: the ORM's pending rows
    connection = session.connection()
    dialect = connection.dialect
    compiled = statement.compile(dialect=dialect)
    names = list(compiled.positiontup or ()) if compiled.positional else list(compiled.binds)
    given = set(rows[0])
    fixed: dict[str, Any] = {}
    per_row: list[tuple[str, Callable[[Any], Any] | None]] = []
    for name in names:
        bind = compiled.binds[name]
        processor = _processor(bind, dialect)
        if name in given:
            per_row.append((name, processor))
        elif bind.callable is None and not bind.required:
            value = bind.effective_value
            fixed[name] = value if processor is None else processor(value)
        else:
            raise KeyError(f"no value for {name}")
    parameters: list[Any] = []
    for row in rows:
        values = dict(fixed)
        for name, processor in per_row:
            value = row[name]
            values[name] = value if processor is None else processor(value)
        parameters.append(tuple(values[name] for name in names) if compiled.positional else values)
    connection.exec_driver_sql(compiled.string, parameters)


def _processor(bind: BindParameter[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    if isinstance(bind.type, Boolean):  # sqlite3 and psycopg take Python's bool as it is
        return None
    processor: Callable[[Any], Any] | None = bind.type.dialect_impl(dialect).bind_processor(dialect)
    return processor
