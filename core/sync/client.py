"""The station's HTTP client for HQ (httpx, async): timeouts, the station's bearer token, and errors
classified into HQError kinds. No SQL and no retry policy here: callers decide."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from core import __version__
from core.sync.errors import (
    HQAuthError,
    HQBadReplyError,
    HQNotFoundError,
    HQRejectedError,
    HQServerError,
    HQUnreachableError,
)
from core.sync.protocol import (
    API_PREFIX,
    DEFAULT_PAGE,
    BatchResult,
    BookletOut,
    CustomerOut,
    CustomerPage,
    Health,
    OrderRecord,
    ProductPage,
    StaffPage,
)

M = TypeVar("M", bound=BaseModel)
_BOOKLETS = TypeAdapter(list[BookletOut])

DEFAULT_TIMEOUT = 10.0
CONNECT_TIMEOUT = 3.0
PROBE_TIMEOUT = 3.0


class HQClient:
    def __init__(self, url: str, token: str, *, timeout: float = DEFAULT_TIMEOUT,
                 connect_timeout: float = CONNECT_TIMEOUT, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout
        self._http = httpx.AsyncClient(
            base_url=self.url, transport=transport, timeout=httpx.Timeout(timeout, connect=connect_timeout),
            headers={"Authorization": f"Bearer {token}", "User-Agent": f"cashier-station/{__version__}"},
            # HQ is on the store's LAN or a known host; a proxy from the environment would only surprise.
            trust_env=False,
        )

    def __repr__(self) -> str:  # never the token
        return f"HQClient({self.url!r})"

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> HQClient:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    async def _send(self, method: str, path: str, *, body: Any = None, params: dict[str, Any] | None = None,
                    timeout: float | None = None) -> httpx.Response:
        content = None if body is None else json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        headers = {"Content-Type": "application/json"} if content is not None else None
        try:
            response = await self._http.request(
                method, path, content=content, params=params, headers=headers,
                timeout=httpx.USE_CLIENT_DEFAULT if timeout is None else httpx.Timeout(timeout))
        except httpx.TimeoutException as error:
            raise HQUnreachableError("hq.timeout", seconds=timeout or self.timeout) from error
        except (httpx.TransportError, OSError) as error:
            raise HQUnreachableError("hq.unreachable", detail=f"{self.url} ({type(error).__name__})") from error
        if response.status_code < 400:
            return response
        raise _classify(response)

    @staticmethod
    def _parse(response: httpx.Response, model: type[M]) -> M:
        try:
            return model.model_validate_json(response.content)
        except ValidationError as error:
            raise HQBadReplyError("hq.bad_reply", detail=f"{model.__name__}: {error.error_count()} error(s)") from error

    async def health(self, timeout: float = PROBE_TIMEOUT) -> Health:
        return self._parse(await self._send("GET", "/health", timeout=timeout), Health)

    async def upload(self, orders: list[dict[str, Any]]) -> BatchResult:
        return self._parse(await self._send("POST", f"{API_PREFIX}/orders/batch", body={"orders": orders}),
                           BatchResult)

    async def staff(self, cursor: str = "0", limit: int = DEFAULT_PAGE) -> StaffPage:
        response = await self._send("GET", f"{API_PREFIX}/staff", params={"cursor": cursor, "limit": limit})
        return self._parse(response, StaffPage)

    async def products(self, cursor: str = "0", limit: int = DEFAULT_PAGE) -> ProductPage:
        response = await self._send("GET", f"{API_PREFIX}/products", params={"cursor": cursor, "limit": limit})
        return self._parse(response, ProductPage)

    async def customers(self, cursor: str = "0", limit: int = DEFAULT_PAGE) -> CustomerPage:
        response = await self._send("GET", f"{API_PREFIX}/customers", params={"cursor": cursor, "limit": limit})
        return self._parse(response, CustomerPage)

    async def lookup_customer(self, *, phone: str | None = None, member_code: str | None = None) -> CustomerOut | None:
        params = {k: v for k, v in (("phone", phone), ("member_code", member_code)) if v}
        try:
            response = await self._send("GET", f"{API_PREFIX}/customers/lookup", params=params)
        except HQNotFoundError:
            return None
        return self._parse(response, CustomerOut)

    async def booklets(self, period_code: str | None = None) -> list[BookletOut]:
        params = {"period_code": period_code} if period_code else None
        response = await self._send("GET", f"{API_PREFIX}/booklets", params=params)
        try:
            return _BOOKLETS.validate_json(response.content)
        except ValidationError as error:
            raise HQBadReplyError("hq.bad_reply", detail="booklets") from error

    async def allocate_booklets(self, period_code: str, count: int) -> list[BookletOut]:
        response = await self._send("POST", f"{API_PREFIX}/booklets/allocate",
                                    body={"period_code": period_code, "count": count})
        try:
            return _BOOKLETS.validate_json(response.content)
        except ValidationError as error:
            raise HQBadReplyError("hq.bad_reply", detail="booklets") from error

    async def order(self, order_id: str | uuid.UUID) -> OrderRecord:
        return self._parse(await self._send("GET", f"{API_PREFIX}/orders/{order_id}"), OrderRecord)

    async def void(self, order_id: str | uuid.UUID, reason: str, at: datetime) -> OrderRecord:
        response = await self._send("POST", f"{API_PREFIX}/orders/{order_id}/void",
                                    body={"reason": reason, "voided_at": at.isoformat()})
        return self._parse(response, OrderRecord)


def _problem(response: httpx.Response) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return None, []
    if isinstance(detail, dict) and "code" in detail:
        return detail, []
    if isinstance(detail, list):
        return None, [d for d in detail if isinstance(d, dict)]
    return None, []


def _classify(response: httpx.Response) -> Exception:
    status = response.status_code
    problem, errors = _problem(response)
    if status == 401:
        return HQAuthError("hq.auth")
    if status == 403:
        return HQAuthError("hq.forbidden")
    if status >= 500:
        if problem is not None and problem.get("code") == "hq.busy":
            return HQServerError("hq.busy")
        return HQServerError("hq.server_error", status=status)
    if status == 404:
        return HQNotFoundError("hq.not_found", detail=(problem or {}).get("message", response.request.url.path))
    if problem is not None:
        detail = str(problem.get("message") or problem.get("code"))
    elif errors:
        detail = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', []))}: {e.get('msg', '')}" for e in errors[:3])
    else:
        detail = response.text[:200]
    return HQRejectedError("hq.rejected", status=status, errors=errors, problem=problem, detail=detail)
