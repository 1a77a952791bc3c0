"""Many rows through the DB-API's own executemany, in the caller's transaction: a batch's INSERTs at HQ and
a round's outbox UPDATEs at the station.

SQLAlchemy's Core executemany builds and type-processes every row's whole parameter set in Python, the
fixed values again for each row, and that is most of what these writes cost. Here a statement is compiled
once, each column's bind processor is looked up once and applied only where the type has one (the Taipei
times), and the driver gets plain tuples or dicts: sqlite3 runs them in C, psycopg 3 pipelines them into
one round trip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Boolean, Table, Update, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeEngine
from sqlmodel import Session

Processor = Callable[[Any], Any]


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
    processors = [(index, processor) for index, name in enumerate(names)
                  if (processor := bind_processor(table.c[name].type, dialect)) is not None]
    parameters: list[Any] = []
    for row in rows:
        values = [row[name] for name in names]
        for index, processor in processors:
            values[index] = processor(values[index])
        parameters.append(tuple(values) if compiled.positional else dict(zip(names, values, strict=True)))
    connection.exec_driver_sql(compiled.string, parameters)


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
    per_row: list[tuple[str, Processor | None]] = []
    for name in names:
        bind = compiled.binds[name]
        processor = bind_processor(bind.type, dialect)
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


def bind_processor(column_type: TypeEngine[Any], dialect: Dialect) -> Processor | None:
    """The conversion SQLAlchemy applies to a value of `column_type` before the driver gets it, or None."""
    if isinstance(column_type, Boolean):  # sqlite3 and psycopg take Python's bool as it is; SQLite stores 0/1
        return None
    processor: Processor | None = column_type.dialect_impl(dialect).bind_processor(dialect)
    return processor
