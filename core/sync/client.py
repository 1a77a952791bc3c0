"""The station's HTTP client for HQ (httpx, async): timeouts, the station's bearer token, and errors
classified into HQError kinds. No SQL and no retry policy here: callers decide."""

from __future__ import annotations

import json
import ssl
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from core import __version__
from core.messages import SyncCode
from core.sync.errors import (
    HQAuthError,
    HQBadReplyError,
    HQNotFoundError,
    HQRejectedError,
    HQServerError,
    HQUnreachableError,
)
from core.sync.mof_protocol import OrderMofStates
from core.sync.protocol import (
    API_PREFIX,
    DEFAULT_PAGE,
    AllowanceBatchResult,
    AllowanceCancelBatchResult,
    BatchResult,
    BookletOut,
    CustomerOut,
    CustomerPage,
    Health,
    OrderRecord,
    ProductOut,
    ProductPage,
    StaffOut,
    StaffPage,
)

if TYPE_CHECKING:
    from core.sync.resume_protocol import ResumeOut

M = TypeVar("M", bound=BaseModel)
_BOOKLETS = TypeAdapter(list[BookletOut])


class _DeltaEnvelope(BaseModel):
    """StaffPage, ProductPage and CustomerPage with their items left as JSON objects, to be validated one by one."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    items: list[Any]
    next_cursor: str
    has_more: bool


_DELTA_ITEMS: dict[str, type[BaseModel]] = {"staff": StaffOut, "products": ProductOut, "customers": CustomerOut}
_DELTA_PAGES: dict[str, type[BaseModel]] = {"staff": StaffPage, "products": ProductPage, "customers": CustomerPage}


@dataclass(frozen=True)
class DeltaRows:
    """A page of reference data whose items passed the wire model (StaffOut, ProductOut, CustomerOut) and
    were dumped to dicts, ready for the store's upserts."""

    rows: list[dict[str, Any]]
    next_cursor: str
    has_more: bool


DEFAULT_TIMEOUT = 10.0
CONNECT_TIMEOUT = 3.0
PROBE_TIMEOUT = 3.0


class HQClient:
    def __init__(self, url: str, token: str, *, timeout: float = DEFAULT_TIMEOUT,
                 connect_timeout: float = CONNECT_TIMEOUT, transport: httpx.AsyncBaseTransport | None = None,
                 ca_file: Path | None = None) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout
        self._http = httpx.AsyncClient(
            base_url=self.url, transport=transport, timeout=httpx.Timeout(timeout, connect=connect_timeout),
            # HTTPS is verified always: against [hq] ca_file when the store runs its own CA, else the system's.
            verify=ssl.create_default_context(cafile=str(ca_file)) if ca_file else True,
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
        with self._translated(timeout):
            response = await self._http.request(
                method, path, content=content, params=params, headers=headers,
                timeout=httpx.USE_CLIENT_DEFAULT if timeout is None else httpx.Timeout(timeout))
        if response.status_code < 400:
            return response
        raise _classify(response)

    async def _get_body(self, path: str, params: dict[str, Any]) -> bytes:
        """GET, as _send does, but the body is bytes that only the caller holds.

        An httpx Response and its stream refer to each other, so a response read the usual way keeps its body
        until Python's cyclic garbage collector frees it, which for long-lived objects can be many pages later:
        a catalog pull's 1 MB pages piled up that way. Streamed, the body is never kept on the response."""
        with self._translated(None):
            async with self._http.stream("GET", path, params=params) as response:
                if response.status_code >= 400:
                    await response.aread()
                    raise _classify(response)
                return b"".join([chunk async for chunk in response.aiter_bytes()])

    @contextmanager
    def _translated(self, timeout: float | None) -> Iterator[None]:
        """httpx's failures to reach HQ as HQUnreachableError."""
        try:
            yield
        except httpx.TimeoutException as error:
            raise HQUnreachableError(SyncCode.TIMEOUT, seconds=timeout or self.timeout) from error
        except httpx.ConnectError as error:
            if _certificate_failure(error):
                raise HQUnreachableError(SyncCode.TLS, detail=_certificate_failure(error)) from error
            raise HQUnreachableError(SyncCode.UNREACHABLE, detail=f"{self.url} ({type(error).__name__})") from error
        except (httpx.TransportError, OSError) as error:
            raise HQUnreachableError(SyncCode.UNREACHABLE, detail=f"{self.url} ({type(error).__name__})") from error

    @staticmethod
    def _parse(response: httpx.Response | bytes, model: type[M]) -> M:
        try:
            return model.model_validate_json(response if isinstance(response, bytes) else response.content)
        except ValidationError as error:
            detail = f"{model.__name__}: {error.error_count()} error(s)"
            raise HQBadReplyError(SyncCode.BAD_REPLY, detail=detail) from error

    async def health(self, timeout: float = PROBE_TIMEOUT) -> Health:
        return self._parse(await self._send("GET", "/health", timeout=timeout), Health)

    async def upload(self, orders: list[dict[str, Any]]) -> BatchResult:
        return self._parse(await self._send("POST", f"{API_PREFIX}/orders/batch", body={"orders": orders}),
                           BatchResult)

    async def upload_allowances(self, allowances: list[dict[str, Any]]) -> AllowanceBatchResult:
        return self._parse(await self._send("POST", f"{API_PREFIX}/allowances/batch",
                                            body={"allowances": allowances}), AllowanceBatchResult)

    async def cancel_allowances(self, cancels: list[dict[str, Any]]) -> AllowanceCancelBatchResult:
        return self._parse(await self._send("POST", f"{API_PREFIX}/allowances/cancels/batch",
                                            body={"cancels": cancels}), AllowanceCancelBatchResult)

    async def staff(self, cursor: str = "0", limit: int = DEFAULT_PAGE) -> StaffPage:
        body = await self._get_body(f"{API_PREFIX}/staff", {"cursor": cursor, "limit": limit})
        return self._parse(body, StaffPage)

    async def products(self, cursor: str = "0", limit: int = DEFAULT_PAGE) -> ProductPage:
        body = await self._get_body(f"{API_PREFIX}/products", {"cursor": cursor, "limit": limit})
        return self._parse(body, ProductPage)

    async def customers(self, cursor: str = "0", limit: int = DEFAULT_PAGE) -> CustomerPage:
        body = await self._get_body(f"{API_PREFIX}/customers", {"cursor": cursor, "limit": limit})
        return self._parse(body, CustomerPage)

    async def delta_rows(self, kind: str, cursor: str = "0", limit: int = DEFAULT_PAGE) -> DeltaRows:
        """`kind` ("staff", "products" or "customers") changed after `cursor`: what staff(), products() and
        customers() return, checked against the same item models, but as dicts ready for the store's upserts.

        For pulling a whole catalog in bounded memory: each item becomes a dict as soon as it is validated,
        so a page of 5,000 products never exists as 5,000 pydantic models as well (each about twice the
        size of its dict), and the page's body is freed once parsed (see _get_body)."""
        body = await self._get_body(f"{API_PREFIX}/{kind}", {"cursor": cursor, "limit": limit})
        item = _DELTA_ITEMS[kind]
        try:
            # json.loads then validation: a 5,000-product page takes about 3 MB this way, 7 MB parsed by pydantic
            envelope = _DeltaEnvelope.model_validate(json.loads(body))
            del body
            raw = envelope.items  # the envelope is ours alone: emptied as its items become rows
            raw.reverse()  # then popped, so each JSON object is let go as soon as its row exists
            rows = []
            while raw:
                rows.append(item.model_validate(raw.pop()).model_dump())
        except ValueError as error:  # a ValidationError, or not JSON at all
            name = _DELTA_PAGES[kind].__name__
            what = f"{error.error_count()} error(s)" if isinstance(error, ValidationError) else "not JSON"
            raise HQBadReplyError(SyncCode.BAD_REPLY, detail=f"{name}: {what}") from error
        return DeltaRows(rows, envelope.next_cursor, envelope.has_more)

    async def lookup_customer(self, *, phone: str | None = None, member_code: str | None = None,
                              timeout: float | None = None) -> CustomerOut | None:
        """The customer HQ has for this phone or member code; None if HQ has none. `timeout` overrides the
        client's (a cashier waiting at the till cannot wait for the upload timeout)."""
        params = {k: v for k, v in (("phone", phone), ("member_code", member_code)) if v}
        try:
            response = await self._send("GET", f"{API_PREFIX}/customers/lookup", params=params, timeout=timeout)
        except HQNotFoundError:
            return None
        return self._parse(response, CustomerOut)

    async def booklets(self, period_code: str | None = None) -> list[BookletOut]:
        params = {"period_code": period_code} if period_code else None
        response = await self._send("GET", f"{API_PREFIX}/booklets", params=params)
        try:
            return _BOOKLETS.validate_json(response.content)
        except ValidationError as error:
            raise HQBadReplyError(SyncCode.BAD_REPLY, detail="booklets") from error

    async def allocate_booklets(self, period_code: str, count: int) -> list[BookletOut]:
        response = await self._send("POST", f"{API_PREFIX}/booklets/allocate",
                                    body={"period_code": period_code, "count": count})
        try:
            return _BOOKLETS.validate_json(response.content)
        except ValidationError as error:
            raise HQBadReplyError(SyncCode.BAD_REPLY, detail="booklets") from error

    async def mof_states(self, order_ids: list[str]) -> OrderMofStates:
        """The MOF platform state of these orders' invoices, as HQ filed them (core.sync.mof_protocol)."""
        response = await self._send("POST", f"{API_PREFIX}/mof/orders/states", body={"order_ids": order_ids})
        return self._parse(response, OrderMofStates)

    async def order(self, order_id: str | uuid.UUID) -> OrderRecord:
        return self._parse(await self._send("GET", f"{API_PREFIX}/orders/{order_id}"), OrderRecord)

    async def void(self, order_id: str | uuid.UUID, reason: str, at: datetime, *,
                   approved_by: str | None = None) -> OrderRecord:
        body: dict[str, Any] = {"reason": reason, "voided_at": at.isoformat()}
        if approved_by is not None:  # the manager who allowed it; an older HQ would refuse the extra field
            body["approved_by"] = approved_by
        response = await self._send("POST", f"{API_PREFIX}/orders/{order_id}/void", body=body)
        return self._parse(response, OrderRecord)

    async def resume(self, since: str) -> ResumeOut:
        """Where this station's numbering stands at HQ (core/sync/resume.py): its booklets of period `since`
        and later with the highest number HQ received in each, and its highest order seq."""
        from core.sync.resume_protocol import RESUME_PATH, ResumeOut

        return self._parse(await self._send("GET", RESUME_PATH, params={"since": since}), ResumeOut)


def _certificate_failure(error: BaseException) -> str:
    """Why TLS refused HQ's certificate (e.g. "self-signed certificate in certificate chain"), or ""."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return str(cause.verify_message or cause.reason or "certificate not trusted")
        cause = cause.__cause__ or cause.__context__
    return "certificate not trusted" if "CERTIFICATE_VERIFY_FAILED" in str(error) else ""


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


def _auth_error(status: int, problem: dict[str, Any] | None) -> HQAuthError:
    if status == 403:
        return HQAuthError(SyncCode.FORBIDDEN)
    if problem is not None and problem.get("code") == SyncCode.REVOKED:  # said in words at the till
        return HQAuthError(SyncCode.REVOKED, station=str((problem.get("params") or {}).get("station", "?")))
    return HQAuthError(SyncCode.AUTH)


def _classify(response: httpx.Response) -> Exception:
    status = response.status_code
    problem, errors = _problem(response)
    if status in (401, 403):
        return _auth_error(status, problem)
    if status >= 500:
        if problem is not None and problem.get("code") == SyncCode.BUSY:
            return HQServerError(SyncCode.BUSY)
        return HQServerError(SyncCode.SERVER_ERROR, status=status)
    if status == 404:
        return HQNotFoundError(SyncCode.NOT_FOUND, detail=(problem or {}).get("message", response.request.url.path))
    if problem is not None:
        detail = str(problem.get("message") or problem.get("code"))
    elif errors:
        detail = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', []))}: {e.get('msg', '')}" for e in errors[:3])
    else:
        detail = response.text[:200]
    return HQRejectedError(SyncCode.REJECTED, status=status, errors=errors, problem=problem, detail=detail)
