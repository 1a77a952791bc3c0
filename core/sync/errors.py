"""What can go wrong talking to HQ, classified by what the station should do about it."""

from __future__ import annotations

from typing import Any

from core.errors import CashierError, MessageCode


class HQError(CashierError):
    """Talking to HQ failed; the message code says how, in words a cashier can act on."""


class HQUnreachableError(HQError):
    """No answer (connection refused, DNS, timeout, a dropped reply): the outcome is unknown, so retry."""


class HQAuthError(HQError):
    """HQ refused the token: pause and tell someone; never drop anything."""


class HQServerError(HQError):
    """HQ answered 5xx: its problem, retry later."""


class HQBadReplyError(HQError):
    """HQ answered something this station cannot read: treat as a failed attempt."""


class HQNotFoundError(HQError):
    pass


class HQRejectedError(HQError):
    """HQ refused the request itself (4xx): retrying the same request will not help."""

    def __init__(self, code: MessageCode, /, *, status: int, errors: list[dict[str, Any]] | None = None,
                 problem: dict[str, Any] | None = None, **params: Any) -> None:
        super().__init__(code, status=status, **params)
        self.status = status
        self.errors = errors or []  # FastAPI's validation errors, each with its `loc`
        self.problem = problem or {}  # HQ's own refusal: code, params, message
