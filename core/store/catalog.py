"""The offline catalog and staff/customer caches: lookups for selling, upserts for pulling from HQ."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import Any

from sqlalchemy.dialects.sqlite import Insert, insert
from sqlmodel import Session, or_, select

from core.store import driver_sql
from core.store.tables import Customer, Product, Staff
from core.store.tables.base import StoreModel

# Rows per executemany: a 5,000-product page from HQ goes to SQLite in slices, so neither a list of all its
# rows nor SQLAlchemy's processed parameters for all of them are ever held at once; just as fast.
UPSERT_CHUNK = 500


@cache
def _upsert_statement(model: type[StoreModel], key: str) -> Insert:
    """INSERT … ON CONFLICT (key) DO UPDATE of every other column; built once per table, compiled once."""
    table = model.__table__  # type: ignore[attr-defined]
    statement = insert(table)
    updates = {c.name: statement.excluded[c.name] for c in table.columns if c.name != key}
    return statement.on_conflict_do_update(index_elements=[key], set_=updates)


def _upsert(session: Session, model: type[StoreModel], rows: Iterable[dict[str, Any]], key: str) -> int:
    """Upsert `rows` (a list or any iterable, e.g. a generator, consumed lazily) in slices of UPSERT_CHUNK."""
    statement = _upsert_statement(model, key)
    remaining = iter(rows)
    count = 0
    while batch := list(islice(remaining, UPSERT_CHUNK)):
        session.execute(statement, batch)
        count += len(batch)
    return count


def upsert_products(session: Session, rows: Iterable[dict[str, Any]]) -> int:
    return _upsert(session, Product, rows, "sku")


def upsert_staff(session: Session, rows: Iterable[dict[str, Any]]) -> int:
    return _upsert(session, Staff, rows, "id")


def upsert_customers(session: Session, rows: Iterable[dict[str, Any]]) -> int:
    return _upsert(session, Customer, rows, "id")


def find_product(session: Session, code: str) -> Product | None:
    """A scanned or typed code: the SKU first, then the barcode."""
    code = code.strip()
    product = session.get(Product, code)
    if product is None:
        product = session.exec(select(Product).where(Product.barcode == code).limit(1)).first()
    return product


@dataclass(frozen=True)
class ProductPrices:
    """A product's prices per type (None: not sold that way), read without building the ORM row."""

    regular: int
    addon: int | None
    gift: int | None

    @classmethod
    def of(cls, product: Product) -> ProductPrices:
        return cls(product.price_regular, product.price_addon, product.price_gift)


PRICES_CHUNK = 500  # codes per IN (...): far under SQLite's limit on bound parameters
_PRICES_BY_SKU = "SELECT sku, price_regular, price_addon, price_gift FROM products WHERE sku IN ({marks})"
_PRICES_BY_BARCODE = "SELECT price_regular, price_addon, price_gift FROM products WHERE barcode = ? LIMIT 1"


def prices_by_code(session: Session, codes: Sequence[str]) -> dict[str, ProductPrices]:
    """find_product for many codes at once, prices only: each code (stripped) by SKU in one query, then the
    few a SKU does not match by barcode; a code that matches neither is absent from the answer."""
    sql = driver_sql.driver(session)
    wanted = list(dict.fromkeys(code.strip() for code in codes))
    found: dict[str, ProductPrices] = {}
    for first in range(0, len(wanted), PRICES_CHUNK):
        chunk = wanted[first:first + PRICES_CHUNK]
        for sku, regular, addon, gift in sql.rows(_PRICES_BY_SKU.format(marks=", ".join("?" * len(chunk))), chunk):
            found[sku] = ProductPrices(regular, addon, gift)
    for code in wanted:
        if code not in found:
            row = sql.first(_PRICES_BY_BARCODE, (code,))
            if row is not None:
                found[code] = ProductPrices(*row)
    return {code: found[code.strip()] for code in codes if code.strip() in found}


def find_customer(session: Session, phone_or_code: str) -> Customer | None:
    key = phone_or_code.strip()
    return session.exec(
        select(Customer).where(or_(Customer.phone == key, Customer.member_code == key)).limit(1)
    ).first()


def staff_known(session: Session, staff_id: str) -> bool:
    """Whether `staff_id` is in the staff cache (active or not), as session.get would find it."""
    return driver_sql.driver(session).first("SELECT 1 FROM staff WHERE id = ?", (staff_id,)) is not None


def active_staff(session: Session) -> list[Staff]:
    return list(session.exec(select(Staff).where(Staff.active).order_by(Staff.id)).all())
