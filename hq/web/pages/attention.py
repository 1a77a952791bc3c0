"""Needs attention: acknowledge a 店長改價 line or a held order, or map an unknown SKU to a product; audited."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from hq.tables import HQAcknowledgement, HQOrder, HQOrderLine, HQProduct
from hq.web import audit
from hq.web.context import OfficeDep
from hq.web.csrf import CheckedForm
from hq.web.queries import attention as q
from hq.web.queries import returns
from hq.web.words import PageText

router = APIRouter()


def _page(who: OfficeDep, error: str = "", status: int = 200) -> HTMLResponse:
    with who.db.read() as session:
        values = {"overrides": q.overrides(session), "unknown": q.unknown_skus(session), "held": q.held(session),
                  "allowances": returns.held(session),
                  "counts": q.counts(session), "limit": q.LIMIT}
    return who.page("attention.html", status, error=error, here="/office/attention", **values)


@router.get("/office/attention", response_class=HTMLResponse)
def attention(who: OfficeDep) -> HTMLResponse:
    return _page(who)


@router.post("/office/attention/ack", response_model=None)
def acknowledge(who: OfficeDep, form: CheckedForm) -> HTMLResponse | RedirectResponse:
    kind, order_id = str(form.get("kind", "")), str(form.get("order_id", ""))
    try:
        position = int(str(form.get("position", "0")))
    except ValueError:
        position = -1
    mapped = str(form.get("sku", "")).strip() or None
    if kind not in q.KINDS or position < 0 or (kind == q.UNKNOWN and mapped is None):
        return _page(who, who.t(PageText.CSRF_REFUSED), 422)
    try:
        with who.db.write() as session:
            order = session.get(HQOrder, order_id)
            line = None if kind == q.HELD else session.exec(select(HQOrderLine).where(
                HQOrderLine.order_id == order_id, HQOrderLine.position == position)).first()
            if order is None or (kind != q.HELD and line is None):
                return _page(who, who.t(PageText.ORDERS_NONE), 404)
            detail = ""
            if kind == q.UNKNOWN:
                product = session.get(HQProduct, mapped)
                if product is None:
                    return _page(who, who.t(PageText.ATT_NO_PRODUCT, sku=mapped), 422)
                detail = f"mapped {line.sku if line else ''} to {product.sku}"
            session.add(HQAcknowledgement(kind=kind, order_id=order_id, position=position if kind != q.HELD else 0,
                                          username=who.user.username, at=who.now,
                                          mapped_sku=mapped if kind == q.UNKNOWN else None))
            audit.record(session, who.now, who.user.username, f"ack.{kind}",
                         f"{order.order_no}#{position}" if kind != q.HELD else order.order_no, detail=detail)
    except IntegrityError:
        pass  # acknowledged already (two tabs, a double click): the same outcome
    return RedirectResponse("/office/attention", status_code=303)
