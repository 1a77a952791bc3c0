"""The offline catalog and staff/customer caches: lookups for selling, upserts for pulling from HQ."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.dialects.sqlite import insert
from sqlmodel import Session, or_, select

from core.store.tables import Customer, Product, Staff
from core.store.tables.base import StoreModel


def _upsert(session: Session, model: type[StoreModel], rows: Iterable[dict], key: str) -> int:
    batch = list(rows)
    if not batch:
        return 0
    table = model.__table__  # type: ignore[attr-defined]
    statement = insert(table)
    updates = {c.name: statement.excluded[c.name] for c in table.columns if c.name != key}
    session.execute(statement.on_conflict_do_update(index_elements=[key], set_=updates), batch)
    return len(batch)


def upsert_products(session: Session, rows: Iterable[dict]) -> int:
    return _upsert(session, Product, rows, "sku")


def upsert_staff(session: Session, rows: Iterable[dict]) -> int:
    return _upsert(session, Staff, rows, "id")


def upsert_customers(session: Session, rows: Iterable[dict]) -> int:
    return _upsert(session, Customer, rows, "id")


def find_product(session: Session, code: str) -> Product | None:
    """A scanned or typed code: the SKU first, then the barcode."""
    code = code.strip()
    product = session.get(Product, code)
    if product is None:
        product = session.exec(select(Product).where(Product.barcode == code).limit(1)).first()
    return product


def find_customer(session: Session, phone_or_code: str) -> Customer | None:
    key = phone_or_code.strip()
    return session.exec(
        select(Customer).where(or_(Customer.phone == key, Customer.member_code == key)).limit(1)
    ).first()


def active_staff(session: Session) -> list[Staff]:
    return list(session.exec(select(Staff).where(Staff.active).order_by(Staff.id)).all())
