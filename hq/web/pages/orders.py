"""Orders: the search form and list, and one order's detail."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from hq.web.context import OfficeDep
from hq.web.queries import orders as q

router = APIRouter()


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


@router.get("/office/orders", response_class=HTMLResponse)
def orders(who: OfficeDep, q_: Annotated[str, Query(alias="q", max_length=40)] = "",
           day_from: Annotated[str, Query(alias="from", max_length=10)] = "",
           day_to: Annotated[str, Query(alias="to", max_length=10)] = "") -> HTMLResponse:
    with who.db.read() as session:
        rows, more = q.search(session, q_, _day(day_from), _day(day_to))
    return who.page("orders.html", rows=rows, more=more, q=q_, day_from=day_from, day_to=day_to, page=q.PAGE)


@router.get("/office/orders/{order_id}", response_class=HTMLResponse)
def order(who: OfficeDep, order_id: str) -> HTMLResponse:
    with who.db.read() as session:
        found = q.detail(session, order_id[:36])
        hook = who.hooks.order_filing_state
        filing = hook(session, order_id) if hook and found else None
    if found is None:
        return who.page("orders.html", 404, rows=[], more=False, q="", day_from="", day_to="", page=q.PAGE)
    return who.page("order.html", d=found, filing=filing, filing_wired=hook is not None)
