"""The back office's words in zh-TW (the default) and English: key -> (zh-TW, en), read from
hq/web/words.py."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from core.payment_kind import PaymentKind
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


# Each way to pay and its word on a page: the one place a new PaymentKind gets its HQ name.
TENDER_WORDS: Mapping[PaymentKind, PageText] = MappingProxyType({
    PaymentKind.CASH: PageText.TENDER_CASH,
    PaymentKind.CARD: PageText.TENDER_CARD,
    PaymentKind.OTHER: PageText.TENDER_OTHER,
})


def tender_namer(lang: str) -> Callable[[str], str]:
    """A stored payment kind's name on a page; templates call it `tender(kind)`. A kind this version
    does not know reads as its key would, as any word missing from the catalog does."""
    t = translator(lang)

    def tender(kind: str) -> str:
        known = PaymentKind.known(kind)
        return t(TENDER_WORDS[known]) if known else f"tender.{kind}"

    return tender
