"""Catalog: products listed and searched, one edited (prices per product type), CSV import and export.
Every change goes through hq.catalog.upsert_products, so stations pull it by delta as any other."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from core.sync.protocol import ProductIn
from hq.catalog import upsert_products
from hq.web import audit
from hq.web.context import Office, OfficeDep
from hq.web.csrf import CheckedForm
from hq.web.queries import catalog as q
from hq.web.uploads import UploadError, read_upload
from hq.web.words import PageText

router = APIRouter()
MAX_FILE = 20 * 1024 * 1024


def _page(who: Office, *, search: str = "", status: int = 200, error: str = "", notice: str = "") -> HTMLResponse:
    with who.db.read() as session:
        products = q.search(session, search)
    return who.page("catalog.html", status, here="/office/catalog", products=products, q=search, error=error,
                    notice=notice)


@router.get("/office/catalog", response_class=HTMLResponse)
def catalog(who: OfficeDep, search: Annotated[str, Query(alias="q", max_length=60)] = "") -> HTMLResponse:
    return _page(who, search=search)


@router.get("/office/catalog.csv")
def export(who: OfficeDep) -> Response:
    with who.db.read() as session:
        body = q.export_csv(session)
    return Response("\ufeff" + body, media_type="text/csv; charset=utf-8",  # BOM: Excel reads it as UTF-8
                    headers={"Content-Disposition": 'attachment; filename="products.csv"'})


def _int(value: object) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


@router.post("/office/catalog", response_class=HTMLResponse)
def save(who: OfficeDep, form: CheckedForm) -> HTMLResponse:
    try:
        product = ProductIn(sku=str(form.get("sku", "")).strip(), name=str(form.get("name", "")).strip(),
                            barcode=str(form.get("barcode", "")).strip() or None,
                            price_regular=_int(form.get("price_regular")),
                            price_addon=_int(form.get("price_addon")), price_gift=_int(form.get("price_gift")),
                            active=form.get("active") == "1")
    except ValidationError as error:
        first = error.errors()[0]
        return _page(who, status=422, error=f"{'.'.join(map(str, first['loc']))}: {first['msg']}")
    with who.db.write() as session:
        upsert_products(session, [product], who.now)
        audit.record(session, who.now, who.user.username, "catalog.save", product.sku,
                     detail=product.model_dump_json())
    return _page(who, search=product.sku, notice=who.t(PageText.CATALOG_SAVED, sku=product.sku))


@router.post("/office/catalog/import", response_class=HTMLResponse)
async def import_file(who: OfficeDep, form: CheckedForm) -> HTMLResponse:
    try:
        name, data = await read_upload(form, MAX_FILE)
        products = q.parse_csv(data)
    except UploadError as error:
        return _page(who, status=422, error=who.t(PageText.NUMBERS_BAD_FILE, line=1, why=error.say(who.t)))
    except q.CatalogFileError as error:
        return _page(who, status=422, error=who.t(PageText.NUMBERS_BAD_FILE, line=error.line, why=error.why))
    with who.db.write() as session:
        count = upsert_products(session, products, who.now)
        audit.record(session, who.now, who.user.username, "catalog.import", name, detail=f"{count} products")
    return _page(who, notice=who.t(PageText.CATALOG_IMPORTED, n=count))
