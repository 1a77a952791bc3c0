"""The scan field: a barcode scanner types like a keyboard and ends each code with Enter.

Textual 8.2.8 submits an Input through an App-level binding, so digits of the next scan can land in
the field before the previous Enter is handled (Textualize/textual#6605). Here Enter is handled in
the widget's own queue, in order with the characters: take the value and clear it in one step.
tests/tui/test_scan_burst.py keeps this honest with 100 back-to-back scans.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import Input

SCAN_CHARS = r"[0-9A-Za-z*/+.\-]*"
MAX_SCAN = 60


class MaskedInput(Input):
    """An Input whose password mask is ASCII "*" in the compact display (Textual draws "•", which a
    Linux console font may not have). Overrides Input._value, Textual 8.2.8's rendered value."""

    @property
    def _value(self) -> Text:
        if self.password and getattr(self.app, "compact", False):
            return Text("*" * len(self.value), no_wrap=True, overflow="ignore", end="")
        return super()._value


class ScanInput(MaskedInput):
    @dataclass
    class Scanned(Message):
        scan_input: ScanInput
        code: str

        @property
        def control(self) -> ScanInput:
            return self.scan_input

    class Blank(Message):
        """Enter on an empty field (a list screen opens the highlighted row)."""

    def __init__(self, *, placeholder: str = "", id: str | None = "scan", restrict: str | None = SCAN_CHARS,
                 password: bool = False) -> None:
        super().__init__(placeholder=placeholder, id=id, restrict=restrict, max_length=MAX_SCAN,
                         compact=True, select_on_focus=False, password=password)
        self.cursor_blink = False  # no blink: deterministic snapshots, no bytes on an idle SSH link

    async def _on_key(self, event: events.Key) -> None:
        if event.key in ("enter", "ctrl+j"):  # CR or LF suffix, depending on the scanner
            event.stop()
            event.prevent_default()
            code, self.value = self.value.strip(), ""
            self.post_message(self.Scanned(self, code) if code else self.Blank())
            return
        await super()._on_key(event)

    async def _on_paste(self, event: events.Paste) -> None:
        # Remote support pasting a list of codes: one scan per line (Input alone keeps only the first).
        event.stop()
        event.prevent_default()
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) <= 1:
            self.insert_text_at_cursor(lines[0] if lines else "")
            return
        for line in lines:
            self.post_message(self.Scanned(self, line[:MAX_SCAN]))
