"""Rows written straight through a model's table, for the hot path of a sale.

The ORM's unit of work builds an object, tracks it and flushes it statement by statement; a sale's rows are
written once and never touched again in that transaction, so that work buys nothing there. A row gets the
model's own defaults for every column it does not give, exactly as constructing the model would; an
autoincrement key left None is the database's to assign.

Each shape of row (table and columns) is compiled by SQLAlchemy once and kept with its columns' bind
processors (the same conversions SQLAlchemy applies, e.g. TaipeiDateTime's text); every later row goes
to the driver as that SQL text with its converted values (core.store.driver_sql), with none of a Core
statement's per-call work.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import Table, insert
from sqlalchemy.engine import Dialect
from sqlmodel import Session, SQLModel

from core.store import driver_sql
from core.store.executemany import bind_processor


@dataclass(frozen=True)
class _Model:
    table: Table
    columns: frozenset[str]
    defaults: dict[str, Any]
    keys: frozenset[str]  # autoincrement primary keys: a None there is left to the database


@dataclass(frozen=True)
class _Shape:
    sql: str
    processors: tuple[Callable[[Any], Any] | None, ...]  # per parameter, in the SQL's order
    names: tuple[str, ...]


@cache
def _model(model: type[SQLModel]) -> _Model:
    defaults: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        if field.default_factory is not None:
            raise TypeError(f"{model.__name__}.{name}: a default factory cannot be written ahead")
        if field.default is not PydanticUndefined:
            defaults[name] = field.default
    table: Table = model.__table__  # type: ignore[attr-defined]
    keys = frozenset(column.name for column in table.primary_key.columns if column.autoincrement in (True, "auto"))
    return _Model(table, frozenset(table.columns.keys()), defaults, keys)


# Keyed by the dialect's kind, not the instance: every Database has its own engine and dialect object, and
# holding each one here would keep them all alive.
_shapes: dict[tuple[type[SQLModel], tuple[str, ...], str, str], _Shape] = {}


def _shape(model: type[SQLModel], names: tuple[str, ...], dialect: Dialect) -> _Shape:
    key = (model, names, dialect.name, dialect.paramstyle)
    shape = _shapes.get(key)
    if shape is None:
        shape = _shapes[key] = _compile(model, names, dialect)
    return shape


def _compile(model: type[SQLModel], names: tuple[str, ...], dialect: Dialect) -> _Shape:
    table = _model(model).table
    compiled = insert(table).compile(dialect=dialect, column_keys=list(names))
    order = tuple(compiled.positiontup or ())
    if sorted(order) != sorted(names):  # pragma: no cover - a compiler that renamed a parameter
        raise RuntimeError(f"{table.name}: compiled parameters {order} are not the columns {names}")
    processors = tuple(bind_processor(table.columns[name].type, dialect) for name in order)
    return _Shape(str(compiled), processors, order)


def _complete(spec: _Model, row: dict[str, Any]) -> dict[str, Any]:
    unknown = row.keys() - spec.columns
    if unknown:
        raise KeyError(f"{spec.table.name}: no column {sorted(unknown)}")
    values = {**spec.defaults, **row}
    missing = spec.columns - values.keys() - spec.keys
    if missing:
        raise KeyError(f"{spec.table.name}: no value for {sorted(missing)}")
    return {name: value for name, value in values.items() if not (name in spec.keys and value is None)}


def insert_rows(session: Session, model: type[SQLModel], rows: Sequence[dict[str, Any]]) -> None:
    """INSERT `rows` (column name -> value) into `model`'s table in one statement per shape, in order."""
    if not rows:
        return
    spec = _model(model)
    complete = [_complete(spec, row) for row in rows]  # all checked before anything is written
    # No flush first: these rows depend on no pending object, and the ORM would not flush for them either.
    sql = driver_sql.driver(session, flush=False)
    dialect = session.get_bind().dialect
    first = 0
    while first < len(complete):
        names = tuple(sorted(complete[first]))
        last = first + 1
        while last < len(complete) and tuple(sorted(complete[last])) == names:
            last += 1
        shape = _shape(model, names, dialect)
        parameters = [tuple(value if process is None else process(value)
                            for process, value in zip(shape.processors, (row[name] for name in shape.names),
                                                      strict=True))
                      for row in complete[first:last]]
        if len(parameters) == 1:
            sql.first(shape.sql, parameters[0])
        else:
            sql.many(shape.sql, parameters)
        first = last
