"""HQ's 422 answer: FastAPI's validation errors, short and always encodable.

FastAPI's own handler echoes each error's `input` whole: a 10 MB field came back as a 94 MB reply, and an
input that JSON cannot carry (NaN, a lone surrogate) made the reply itself fail (500). Here each error
keeps its type, its `loc` (the station's uploader blames orders by it) and its message; an input is kept
only as a clipped summary, and every string is made valid UTF-8.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

MAX_ERRORS = 20
MAX_TEXT = 200
MAX_INPUT = 100
MAX_LOC = 12


def clip(text: str, limit: int = MAX_TEXT) -> str:
    safe = text.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate becomes "?"
    return safe if len(safe) <= limit else f"{safe[:limit]}… ({len(safe)} characters)"


def _number(value: int | float) -> int | float | str:
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    return value if abs(value) < 2**53 else clip(str(value), 40)  # beyond a double: as text, clipped


def _input(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, str):
        return clip(value, MAX_INPUT)
    if isinstance(value, dict):
        return f"an object of {len(value)} key(s)"
    if isinstance(value, list | tuple):
        return f"an array of {len(value)} item(s)"
    return clip(type(value).__name__, 40)


def short_errors(errors: Sequence[Any]) -> list[dict[str, Any]]:
    out = []
    for error in list(errors)[:MAX_ERRORS]:
        loc = [part if isinstance(part, int) else clip(str(part), 60) for part in error.get("loc", ())][:MAX_LOC]
        item: dict[str, Any] = {"type": clip(str(error.get("type", "")), 60), "loc": loc,
                                "msg": clip(str(error.get("msg", "")))}
        if "input" in error:
            item["input"] = _input(error["input"])
        out.append(item)
    if len(errors) > MAX_ERRORS:
        out.append({"type": "too_many_errors", "loc": [], "msg": f"{len(errors) - MAX_ERRORS} more error(s)"})
    return out
