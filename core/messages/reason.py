"""Why something did not go through, kept for later: a message code and its parameters, stored as JSON
(an upload's last error, a pull's problems) and said in either language when a person looks."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from core.messages import known_code
from core.messages.sync import SyncCode


@dataclass(frozen=True)
class Reason:
    """A code (a `MessageCode`, or one a newer HQ sent that this version has no text for) and its
    parameters."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"code": self.code, "params": self.params}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> Reason | None:
        if not text:
            return None
        try:
            data = json.loads(text)
            return cls(str(data["code"]), dict(data.get("params") or {}))
        except (ValueError, KeyError, TypeError, AttributeError):
            return cls(SyncCode.BAD_REPLY, {"detail": text[:200]})

    def text(self, language: str = "zh_TW") -> str:
        code = known_code(self.code)
        if code is None:
            return f"{self.code} {self.params}"
        try:
            return code.text(language, **self.params)
        except (KeyError, IndexError, ValueError):
            return f"{self.code} {self.params}"
