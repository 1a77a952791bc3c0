"""HQ's refusals: an HTTP status plus a stable message code (core.messages) the station shows in its language."""

from __future__ import annotations

from typing import Any

from core.messages import MessageCode, message_code
from core.sync.protocol import Problem


def english(code: MessageCode, params: dict[str, Any]) -> str:
    return message_code(code).text("en", **params)


class HQProblemError(Exception):
    def __init__(self, status: int, code: MessageCode, /, **params: Any) -> None:
        self.status = status
        code = message_code(code)
        self.problem = Problem(code=code.value,
                               params={k: v if isinstance(v, int) else str(v) for k, v in params.items()},
                               message=english(code, params))
        super().__init__(self.problem.message)
