"""The back office's words in zh-TW (the default) and English, read from hq/web/words.py.

A page's `t` takes `PageText` members only: Python callers name them (`who.t(PageText.ORDERS_NONE)`),
templates find the class in their context as `PageText` (`{{ t(PageText.APP) }}`). A misspelt member is
a mypy error in Python; in a template Jinja hands `t` an Undefined, which it refuses at render time. A
stored value's word (an order's status, a staff member's role) is `named("status.", o.status)`, from a
family listed in FAMILIES.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Protocol

from core.payment_kind import PaymentKind
from hq.web.words import PageText

LANGS = ("zh-TW", "en")
DEFAULT = "zh-TW"

WORDS: dict[str, tuple[str, str]] = {word.value: (word.zh, word.en) for word in PageText}

# The words a page picks by a value HQ stored, `named(family, value)`: each family is named here on
# purpose, so a prefix misspelt in a template fails at render time and a new family is seen in review.
FAMILIES = frozenset({
    "att.allowance.",  # a held or refused allowance's status (hq/allowances.py)
    "reason.",  # why reconciliation holds an order (hq/reconcile.py)
    "ret.status.",  # an allowance's status on an order, cancelled included
    "role.",  # a staff member's role
    "status.",  # an order's status
})


class Translate(Protocol):
    """A page's translator: a word and its values, in the page's language."""

    def __call__(self, word: PageText, /, **params: Any) -> str: ...


def translator(lang: str) -> Translate:
    index = 1 if lang == "en" else 0

    def t(word: PageText, /, **params: Any) -> str:
        if not isinstance(word, PageText):
            # A template's misspelt `PageText.NAME` arrives as Jinja's Undefined, a plain key as a str.
            raise TypeError(f"t() takes a PageText member, not {word!r}")
        text = word.en if index else word.zh
        return text.format(**params) if params else text

    return t


def namer(lang: str) -> Callable[[str, Any], str]:
    """A stored value's word on a page; templates call it `named(family, value)`. A value this version
    has no word for reads as its key, as it did before the words were typed."""
    t = translator(lang)

    def named(family: str, value: Any) -> str:
        if family not in FAMILIES:
            raise ValueError(f"{family!r} is not a family of PageText words (hq.web.i18n.FAMILIES)")
        key = f"{family}{value}"
        return t(PageText.of(key)) if key in WORDS else key

    return named


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
