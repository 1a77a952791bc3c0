"""Many rows of one shape into one table through the DB-API's own executemany, in the caller's transaction.

SQLAlchemy's Core executemany builds and type-processes a parameter set per row in Python (most of what an
order batch's inserts cost at HQ); here each column's bind processor is looked up once per statement and
applied only where the column's type has one (HQ's Taipei times), and the driver gets plain tuples or
dicts. psycopg 3 pipelines an executemany into one round trip; sqlite3 runs it in C.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Boolean, Table, insert
from sqlalchemy.engine import Dialect
from sqlmodel import Session


def insert_many(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT `rows` (all with the same columns) into `table`."""
    if not rows:
        return
    names = list(rows[0])
    connection = session.connection()
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=names, for_executemany=True)
    if set(compiled.binds) != set(names):  # a column left to a Python-side default: not this path's job
        raise KeyError(f"{table.name}: give every column but the generated keys, not {sorted(names)}")
    if compiled.positional:  # the driver's own order of the placeholders
        names = list(compiled.positiontup or ())
    processors = [(index, name, processor) for index, name in enumerate(names)
                  if (processor := _bind_processor(table, name, dialect)) is not None]
    parameters: list[Any] = []
    for row in rows:
        values = [row[name] for name in names]
        for index, _name, processor in processors:
            values[index] = processor(values[index])
        parameters.append(tuple(values) if compiled.positional else dict(zip(names, values, strict=True)))
    connection.exec_driver_sql(compiled.string, parameters)


def _bind_processor(table: Table, name: str, dialect: Dialect) -> Callable[[Any], Any] | None:
    column_type = table.c[name].type
    if isinstance(column_type, Boolean):  # both drivers take Python's bool as it is; SQLite stores it as 0/1
        return None
    processor: Callable[[Any], Any] | None = column_type.dialect_impl(dialect).bind_processor(dialect)
    return processor
