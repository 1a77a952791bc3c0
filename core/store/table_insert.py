"""Rows written straight through a model's table (SQLAlchemy Core), for the hot path of a sale.

The ORM's unit of work builds an object, tracks it and flushes it statement by statement; a sale's rows are
written once and never touched again in that transaction, so that work buys nothing there. A row gets the
model's own defaults for every column it does not give, exactly as constructing the model would; an
autoincrement key left None is the database's to assign.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic_core import PydanticUndefined
from sqlalchemy import Table, insert
from sqlmodel import Session, SQLModel


def _defaults(model: type[SQLModel]) -> dict[str, Any]:
    defaults: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        if field.default_factory is not None:
            raise TypeError(f"{model.__name__}.{name}: a default factory cannot be written ahead")
        if field.default is not PydanticUndefined:
            defaults[name] = field.default
    return defaults


def insert_rows(session: Session, model: type[SQLModel], rows: Sequence[dict[str, Any]]) -> None:
    """INSERT `rows` (column name -> value) into `model`'s table in one statement per shape, in order."""
    if not rows:
        return
    table: Table = model.__table__  # type: ignore[attr-defined]
    defaults = _defaults(model)
    keys = {column.name for column in table.primary_key.columns if column.autoincrement in (True, "auto")}
    complete = []
    for row in rows:
        unknown = set(row) - set(table.columns.keys())
        if unknown:
            raise KeyError(f"{table.name}: no column {sorted(unknown)}")
        values = {**defaults, **row}
        missing = set(table.columns.keys()) - set(values) - keys
        if missing:
            raise KeyError(f"{table.name}: no value for {sorted(missing)}")
        complete.append({name: value for name, value in values.items() if not (name in keys and value is None)})
    session.execute(insert(table), complete)
