"""The back office's words in zh-TW (the default) and English: key -> (zh-TW, en), read from
hq/web/words.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hq.web.words import PageText

LANGS = ("zh-TW", "en")
DEFAULT = "zh-TW"

WORDS: dict[str, tuple[str, str]] = {word.value: (word.zh, word.en) for word in PageText}


def translator(lang: str) -> Callable[..., str]:
    index = 1 if lang == "en" else 0

    def t(key: str, **params: Any) -> str:
        words = WORDS.get(key)
        text = key if words is None else words[index]
        return text.format(**params) if params else text

    return t
