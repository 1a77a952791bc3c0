"""The catalog: products by SKU with a price per product type, searched, and as CSV both ways."""

from __future__ import annotations

import csv
import io

from pydantic import ValidationError
from sqlmodel import Session, col, or_, select

from core.sync.protocol import ProductIn
from hq.tables import HQProduct

COLUMNS = ("sku", "barcode", "name", "price_regular", "price_addon", "price_gift", "active")
PAGE = 100


class CatalogFileError(ValueError):
    def __init__(self, line: int, why: str) -> None:
        super().__init__(f"line {line}: {why}")
        self.line, self.why = line, why


def search(session: Session, q: str = "", limit: int = PAGE) -> list[HQProduct]:
    query = select(HQProduct)
    if q.strip():
        text = q.strip()
        query = query.where(or_(HQProduct.sku == text, HQProduct.barcode == text,
                                col(HQProduct.name).contains(text)))
    return list(session.exec(query.order_by(HQProduct.sku).limit(limit)))


def export_csv(session: Session) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in session.exec(select(HQProduct).order_by(HQProduct.sku)):
        writer.writerow(["" if getattr(row, c) is None else int(row.active) if c == "active" else getattr(row, c)
                         for c in COLUMNS])
    return out.getvalue()


def parse_csv(data: bytes) -> list[ProductIn]:
    """The export's own format: a header naming the columns (sku, name, price_regular required)."""
    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    except UnicodeDecodeError:
        raise CatalogFileError(1, "not UTF-8 text") from None
    missing = {"sku", "name", "price_regular"} - set(reader.fieldnames or ())
    if missing:
        raise CatalogFileError(1, f"missing columns: {', '.join(sorted(missing))}")
    products = []
    for line, row in enumerate(reader, start=2):
        cells = {k: (v or "").strip() for k, v in row.items() if k in COLUMNS}
        values: dict[str, object] = {k: v or None for k, v in cells.items()}
        values["active"] = cells.get("active", "1") not in ("0", "false", "no")
        try:
            products.append(ProductIn.model_validate(values))
        except ValidationError as error:
            first = error.errors()[0]
            raise CatalogFileError(line, f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None
    return products
