"""The one shape of a message: a code that is also its own text, in Traditional Chinese and English.

A domain is a `MessageCode` subclass whose members are written `NAME = code, zh, en`. The member *is*
the code string (a StrEnum), so it is stored, logged and sent over the wire exactly as the plain
string was, while a caller names it as an attribute: a misspelt member and a plain string where a
code belongs are mypy errors, not a missing text at run time.
"""

from __future__ import annotations

import string
from enum import StrEnum
from typing import Any, NamedTuple, Self

LANGUAGES = ("zh_TW", "en")


class MessageCode(StrEnum):
    """A message code with its zh-TW and English texts; `text(language, **params)` renders it."""

    _value_: str
    zh: str
    en: str

    def __new__(cls, code: str, zh: str, en: str) -> Self:
        member = str.__new__(cls, code)
        member._value_ = code
        member.zh = zh
        member.en = en
        return member

    def template(self, language: str = "zh_TW") -> str:
        return self.en if language == "en" else self.zh

    def text(self, language: str = "zh_TW", /, **params: Any) -> str:
        return self.template(language).format(**params)

    def placeholders(self, language: str) -> frozenset[str]:
        """The `{names}` the text in `language` fills in, a language's own word counted as the pair's
        (`{expected_zh}` in Chinese is `{expected_en}` in English): a test holds zh and en to one set."""
        suffix = "zh" if language == "zh_TW" else language
        names = (field for _, field, _, _ in string.Formatter().parse(self.template(language)) if field)
        return frozenset("" if name == suffix else name.removesuffix(f"_{suffix}") for name in names)


class Phrase(NamedTuple):
    """A fragment in both languages that a message takes as a parameter: `fill("expected")` gives the
    `expected_zh` and `expected_en` its texts name."""

    zh: str
    en: str

    def text(self, language: str = "zh_TW") -> str:
        return self.en if language == "en" else self.zh

    def fill(self, name: str) -> dict[str, str]:
        return {f"{name}_zh": self.zh, f"{name}_en": self.en}
