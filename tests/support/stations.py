"""Stations talking to an in-process HQ (httpx's ASGI transport: no sockets), and transports that fail."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import httpx
from sqlalchemy import func, select

from core.checkout import CartLine, InvoiceRequest, Sale
from core.station import Station
from core.store.tables import OutboxEntry
from core.sync.client import HQClient
from hq.tables import HQOrder
from tests.factories import simple_sale

if TYPE_CHECKING:
    from tests.support.fixtures import SeededHQ

HQ_URL = "http://hq.test"


class Switch(httpx.AsyncBaseTransport):
    """A transport whose behaviour a test changes mid-run: forward to HQ, or fail like a network would."""

    def __init__(self, target: httpx.AsyncBaseTransport) -> None:
        self.target = target
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return await self.target.handle_async_request(request)

    def uploads(self) -> list[list[str]]:
        """The order ids of every upload request seen, in order."""
        return [[o["id"] for o in json.loads(r.content)["orders"]] for r in self.requests
                if r.url.path.endswith("/orders/batch")]


def refusing(error: type[Exception] = httpx.ConnectError) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        raise error("network is down", request=request)
    return httpx.MockTransport(handler)


def answering(status: int, body: Any = None) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(status, json=body if body is not None else {}))


class DropReplies(httpx.AsyncBaseTransport):
    """HQ receives and commits the upload, but the reply is lost on the way back (the classic duplicate)."""

    def __init__(self, target: httpx.AsyncBaseTransport, drops: int = 1,
                 when: Callable[[httpx.Request], bool] = lambda r: r.url.path.endswith("/orders/batch")) -> None:
        self.target, self.drops, self.when = target, drops, when

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.target.handle_async_request(request)
        if self.drops and self.when(request):
            self.drops -= 1
            await response.aread()
            raise httpx.ReadError("connection reset by peer", request=request)
        return response


def hq_client(app: Any, token: str, transport: httpx.AsyncBaseTransport | None = None) -> HQClient:
    return HQClient(HQ_URL, token, transport=transport or httpx.ASGITransport(app=app))


def sell(station: Station, count: int, lines: list[CartLine] | None = None, **sale: Any) -> list[Sale]:
    return [station.checkout(simple_sale(lines=lines, **sale)) for _ in range(count)]


def sell_offline(station: Station, lines: list[CartLine], *, phone: str | None = None,
                 invoice: InvoiceRequest | None = None) -> Sale:
    from dataclasses import replace

    request = replace(simple_sale(invoice, lines=lines), offline=True, customer_phone=phone)
    return station.checkout(request)


def outbox_rows(station: Station) -> dict[str, tuple[str, int]]:
    """Each order's upload row at the station: (state, attempts)."""
    with station.db.read() as session:
        return {r.order_id: (r.state, r.attempts) for r in session.execute(select(OutboxEntry)).scalars()}


def hq_orders(hq: SeededHQ) -> tuple[int, int]:
    """Orders stored at HQ: (rows, distinct order ids); equal when each is stored once."""
    with hq.db.read() as session:
        total, distinct = session.execute(select(func.count(), func.count(func.distinct(HQOrder.id)))).one()
    return int(total), int(distinct)
