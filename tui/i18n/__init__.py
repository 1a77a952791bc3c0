"""Every string the cashier sees, in Traditional Chinese (default) and English.

Screens never hold literal text: they ask the app's Translator by a `ScreenText` member, so a misspelt
key is a mypy error. The texts are one catalog, tui/i18n/texts.py, in the shape of core/messages: each
key with both languages side by side, so a text cannot exist in one language only.

A key built from a value (a state, a kind, a key core's registries hold as a string, a binding's
description Textual hands back as a plain string) has one way in, `ScreenText.of(f"upload.{state}")`,
which raises ValueError at once on a key the catalog lacks rather than showing a wrong text later.
"""

from __future__ import annotations

from typing import Any

from core.errors import CashierError
from core.payment_kind import PaymentKind
from tui.glyphs import to_ascii
from tui.i18n.texts import ScreenText

# language -> key -> text, read from ScreenText.
CATALOGS: dict[str, dict[str, str]] = {
    language: {text.value: text.template(language) for text in ScreenText} for language in ("zh_TW", "en")
}
DEFAULT_LANGUAGE = "zh_TW"


class Translator:
    """Catalog text by key. With `ascii` (the compact display) arrows, bullets and the like come out as
    ASCII (tui.glyphs); `glyph()` does the same for a symbol a screen draws itself."""

    def __init__(self, language: str = DEFAULT_LANGUAGE, *, ascii: bool = False) -> None:
        if language not in CATALOGS:
            raise ValueError(f"language must be one of {', '.join(CATALOGS)}")
        self.language = language
        self.ascii = ascii
        self._messages = CATALOGS[language]

    def __call__(self, key: ScreenText, /, **params: Any) -> str:
        text = self._messages[key]
        return self.glyph(text.format(**params) if params else text)

    def glyph(self, text: str) -> str:
        return to_ascii(text) if self.ascii else text

    def error(self, error: CashierError) -> str:
        """A core error in this language (its text is in core/messages)."""
        return self.glyph(error.text(self.language))

    def money(self, amount: int) -> str:
        return f"NT${amount:,}"

    def payment(self, kind: str) -> str:
        """A stored payment kind's name; one this version does not know is shown as stored."""
        known = PaymentKind.known(kind)
        return self(ScreenText.of(known.label_key)) if known else kind


__all__ = ["CATALOGS", "DEFAULT_LANGUAGE", "ScreenText", "Translator"]
