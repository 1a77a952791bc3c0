"""ASCII stand-ins for the few non-ASCII symbols our own catalogs and widgets draw, used in the compact
display (`cashier --compact`, `[station] display = "compact"`): a Linux console font may lack arrows,
bullets and block glyphs, and every byte counts on a slow SSH link. Textual's own chrome (borders,
scrollbars, toasts) is made ASCII by the `-compact` rules in cashier.tcss; the QR preview, which is
drawn in half blocks, becomes a one-line note (tui/widgets/receipt_preview.py).

Chinese text and CJK punctuation are left alone: they are the content, not decoration."""

from __future__ import annotations

# Longest first: "↑↓" reads better as one word than as two.
ASCII_GLYPHS: tuple[tuple[str, str], ...] = (
    ("↑↓", "Up/Down"),
    ("↑", "Up"),
    ("↓", "Down"),
    ("→", "->"),
    ("←", "<-"),
    ("▶", ">"),
    ("•", "*"),
    ("·", "."),
    ("…", "..."),
    ("—", "-"),
    ("–", "-"),
    ("×", "x"),
    ("　", "  "),  # the ideographic space some lines use as a separator: two columns either way
)


def to_ascii(text: str) -> str:
    """`text` with every glyph of ASCII_GLYPHS replaced; anything else (Chinese included) unchanged."""
    if text.isascii():
        return text
    for glyph, plain in ASCII_GLYPHS:
        if glyph in text:
            text = text.replace(glyph, plain)
    return text
