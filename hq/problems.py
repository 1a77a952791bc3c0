"""HQ's refusals: an HTTP status plus a stable message code (core.errors) the station shows in its language."""

from __future__ import annotations

from typing import Any

from core.errors import MESSAGES
from core.sync.protocol import Problem


def english(code: str, params: dict[str, Any]) -> str:
    return MESSAGES[code][1].format(**params)


class HQProblemError(Exception):
    def __init__(self, status: int, code: str, /, **params: Any) -> None:
        self.status = status
        self.problem = Problem(code=code, params={k: v if isinstance(v, int) else str(v) for k, v in params.items()},
                               message=english(code, params))
        super().__init__(self.problem.message)
