"""Reference data at HQ: upserts that stamp a change version, and deltas read by version cursor."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select as sa_select
from sqlalchemy import text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import InstrumentedAttribute
from sqlmodel import Session, select

from core.errors import ValidationError
from core.messages import SyncCode
from core.pins import hash_pin, validate_pin
from core.sync.protocol import CustomerIn, ProductIn, StaffIn
from hq.problems import HQProblemError
from hq.tables import HQCustomer, HQModel, HQProduct, HQStaff


def bump_version(session: Session, name: str, count: int) -> int:
    """Reserve `count` versions; returns the last. The counter row stays locked until commit, so
    versions become visible in the order they were handed out and a cursor never skips a change."""
    row = session.execute(
        text("INSERT INTO hq_counters (name, value) VALUES (:name, :n) "
             "ON CONFLICT (name) DO UPDATE SET value = hq_counters.value + :n RETURNING value"),
        {"name": name, "n": count},
    ).one()
    return int(row[0])


def _upsert(session: Session, model: type[HQModel], rows: list[dict[str, Any]], key: str) -> int:
    if not rows:
        return 0
    table = model.__table__  # type: ignore[attr-defined]
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for start in range(0, len(rows), 2_000):
        statement = insert(table)
        updates = {c.name: statement.excluded[c.name] for c in table.columns if c.name != key}
        session.execute(statement.on_conflict_do_update(index_elements=[key], set_=updates),
                        rows[start:start + 2_000])
    return len(rows)


def _stamp(session: Session, table: str, rows: list[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
    last = bump_version(session, table, len(rows))
    first = last - len(rows) + 1
    return [{**row, "updated_at": now, "version": first + i} for i, row in enumerate(rows)]


def upsert_products(session: Session, items: Sequence[ProductIn], now: datetime) -> int:
    rows = _stamp(session, "products", [item.model_dump() for item in _last_by(items, "sku")], now)
    return _upsert(session, HQProduct, rows, "sku")


def upsert_staff(session: Session, items: Sequence[StaffIn], now: datetime) -> int:
    """Staff with their PINs hashed; a PIN too short for the role (a manager's: 6 digits) refuses them all."""
    unique = _last_by(items, "id")
    for s in unique:
        try:
            validate_pin(s.pin, s.role)
        except ValidationError as error:
            raise HQProblemError(422, error.code, **error.params, id=s.id) from None
    plain = [{"id": s.id, "name": s.name, "role": s.role, "pin_hash": hash_pin(s.pin, s.role), "active": s.active}
             for s in unique]
    return _upsert(session, HQStaff, _stamp(session, "staff", plain, now), "id")


def upsert_customers(session: Session, items: Sequence[CustomerIn], now: datetime) -> int:
    unique = _last_by(items, "id")
    codes = [c.member_code for c in unique if c.member_code]
    if len(codes) != len(set(codes)):
        raise HQProblemError(409, SyncCode.REJECTED, status=409, detail="two customers share one member code")
    if codes:
        taken = session.exec(select(HQCustomer.id, HQCustomer.member_code)
                             .where(HQCustomer.member_code.in_(codes))).all()  # type: ignore[union-attr]
        mine = {c.member_code: c.id for c in unique}
        clash = [code for cid, code in taken if mine.get(code) != cid]
        if clash:
            raise HQProblemError(409, SyncCode.REJECTED, status=409,
                                 detail=f"member code {clash[0]} belongs to another customer")
    rows = _stamp(session, "customers", [c.model_dump() for c in unique], now)
    return _upsert(session, HQCustomer, rows, "id")


def _last_by(items: Sequence[Any], key: str) -> list[Any]:
    # One statement cannot upsert the same key twice (PostgreSQL refuses); the last one wins.
    return list({getattr(item, key): item for item in items}.values())


def parse_cursor(cursor: str) -> int:
    if not (cursor.isascii() and cursor.isdigit() and len(cursor) <= 18):
        raise HQProblemError(422, SyncCode.CURSOR_INVALID, value=cursor[:40])
    return int(cursor)


PRODUCT_COLUMNS = ("sku", "barcode", "name", "price_regular", "price_addon", "price_gift", "active", "updated_at")
STAFF_COLUMNS = ("id", "name", "role", "pin_hash", "active", "updated_at")
CUSTOMER_COLUMNS = ("id", "member_code", "phone", "name", "updated_at")


def delta(session: Session, model: type[HQModel], columns: tuple[str, ...], cursor: str,
          limit: int) -> tuple[list[dict[str, Any]], str, bool]:
    """Rows changed after `cursor`, oldest change first: (rows as JSON-ready dicts, next cursor, more?)."""
    after = parse_cursor(cursor)
    version: InstrumentedAttribute[int] = model.version  # type: ignore[attr-defined]  # every synced table has one
    selected: list[InstrumentedAttribute[Any]] = [getattr(model, name) for name in columns]
    found = session.execute(
        sa_select(*selected, version).where(version > after).order_by(version).limit(limit + 1)
    ).all()
    more = len(found) > limit
    found = found[:limit]
    rows = []
    for row in found:
        item = dict(zip(columns, row[:-1], strict=True))
        item["updated_at"] = item["updated_at"].isoformat()
        rows.append(item)
    return rows, str(found[-1][-1]) if found else str(after), more
