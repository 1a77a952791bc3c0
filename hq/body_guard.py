"""Every request body, before FastAPI sees it: bounded in size (413) and JSON that HQ can store (400).

Done once, in front of every route, because the failures it stops were all 5xx or worse: a body of any
size was read into memory; `NaN` and a lone surrogate (`"\\ud800"`) are valid to Python's json module but
cannot be stored or sent back (the error reply itself failed to encode: 500); PostgreSQL refuses NUL in
text; deep nesting exhausts the parser's recursion. The body is read here (never more than the limit) and
handed on unchanged, so the routes' validation stays the only schema.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from core.messages import MessageCode, SyncCode
from hq.problems import english


class _RefusedError(Exception):
    def __init__(self, status: int, code: MessageCode, **params: Any) -> None:
        super().__init__(code)
        self.status, self.code, self.params = status, code, params


def _no_constants(name: str) -> Any:
    raise _RefusedError(400, SyncCode.REQUEST_INVALID_JSON, detail=f"{name} is not a number JSON allows")


def check_json(body: bytes) -> None:
    """Refuse (400) a body that is not strict JSON of storable text."""
    try:
        parsed = json.loads(body, parse_constant=_no_constants)
    except RecursionError:
        raise _RefusedError(400, SyncCode.REQUEST_INVALID_JSON, detail="nested too deeply") from None
    except UnicodeDecodeError:
        raise _RefusedError(400, SyncCode.REQUEST_INVALID_JSON, detail="not UTF-8") from None
    except ValueError as error:  # json.JSONDecodeError: say where, never what
        where = f"line {error.lineno}, column {error.colno}" if isinstance(error, json.JSONDecodeError) else "?"
        raise _RefusedError(400, SyncCode.REQUEST_INVALID_JSON, detail=f"malformed at {where}") from None
    if b"\\u" not in body and json.detect_encoding(body) == "utf-8" and _strict_utf8(body):
        # No escape in the text and every byte strict UTF-8: no string can hold a lone surrogate or a NUL (a raw
        # control character is malformed JSON already), so writing the parse out again would find nothing.
        return
    try:
        # ensure_ascii=False keeps every string as text: a lone surrogate cannot become UTF-8.
        text = json.dumps(parsed, ensure_ascii=False)
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise _RefusedError(400, SyncCode.REQUEST_INVALID_JSON, detail="a string holds a lone surrogate") from None
    except RecursionError:
        raise _RefusedError(400, SyncCode.REQUEST_INVALID_JSON, detail="nested too deeply") from None
    if "\\u0000" in text:
        raise _RefusedError(400, SyncCode.REQUEST_INVALID_JSON, detail="a string holds a NUL character")


def _strict_utf8(body: bytes) -> bool:
    """json.loads reads bytes with 'surrogatepass': encoded surrogates pass it, and only a strict decode sees them."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


FORM_TYPES = (b"application/x-www-form-urlencoded", b"multipart/form-data")  # the back office's forms


def _is_form(scope: Scope) -> bool:
    """A browser's form post (hq/web) is not JSON; its size is still limited, its fields checked by its route."""
    content_type = dict(scope["headers"]).get(b"content-type", b"").split(b";")[0].strip().lower()
    return content_type in FORM_TYPES


class BodyGuard:
    """ASGI middleware: the whole body read up to `max_bytes`, checked, then replayed to the app."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            body = await self._read(scope, receive)
            if body.strip() and not _is_form(scope):
                check_json(body)
        except _RefusedError as refused:
            await _answer(send, refused)
            return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: only a disconnect is left to wait for

        await self.app(scope, replay, send)

    async def _read(self, scope: Scope, receive: Receive) -> bytes:
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                raise _RefusedError(400, SyncCode.REQUEST_INVALID_JSON, detail="Content-Length is not a number")
            if int(declared) > self.max_bytes:
                raise _RefusedError(413, SyncCode.REQUEST_TOO_LARGE, limit=self.max_bytes)
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:  # a chunked body without a length: stop reading at the limit
                raise _RefusedError(413, SyncCode.REQUEST_TOO_LARGE, limit=self.max_bytes)
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


async def _answer(send: Send, refused: _RefusedError) -> None:
    problem = {"code": refused.code, "params": refused.params, "message": english(refused.code, refused.params)}
    body = json.dumps({"detail": problem}, ensure_ascii=False).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if refused.status == 413:
        headers.append((b"connection", b"close"))  # the rest of that body is not read
    await send({"type": "http.response.start", "status": refused.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
