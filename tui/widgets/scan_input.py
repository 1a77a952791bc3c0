"""The input fields: every one keeps every keystroke in order, and the scan field takes whole scans.

Textual 8.2.8 runs an Input's own key bindings (Backspace, Delete, arrows, Home/End, Enter) through
the App: the key bubbles up from the field and comes back as an action, so characters typed right after
it are inserted first (Textualize/textual#6605): "870" then three Backspaces and "64" became "87".
FieldInput runs its own bindings in its own queue, in order with the characters (what the upstream fix,
PR #6631, does). The scan field also handles Enter there: take the value and clear it in one step.
tests/tui/test_scan_burst.py (100 back-to-back scans) and tests/tui/test_keystrokes.py (bursts into
every field, posted and written to a real pty) keep this honest.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

SCAN_CHARS = r"[0-9A-Za-z*/+.\-]*"
MAX_SCAN = 60


# Tab and Shift+Tab move the keyboard where the app decides where each key goes, in the order the keys
# came: as priority bindings the move happens before the next key is handed out, so "870<Tab>64" puts
# 64 in the next field (Textual's own Tab is a screen binding, run after the characters behind it).
FIELD_ORDER_BINDINGS = [
    Binding("tab", "focus_next", show=False, priority=True),
    Binding("shift+tab", "focus_previous", show=False, priority=True),
]


class FieldInput(Input):
    """An Input that runs its own key bindings inline, in order with the characters typed (see above).
    Keys it does not bind (F-keys, Tab, Esc, up/down) go on to the screen and the app as before."""

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            for binding in self._bindings.key_to_bindings.get(event.key, ()):
                if await self.app.run_action(binding.action, self):  # False: disabled here, the key goes on
                    event.stop()
                    event.prevent_default()
                    return
        await super()._on_key(event)


class MaskedInput(FieldInput):
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

    def _on_paste(self, event: events.Paste) -> None:
        # Remote support pasting a list of codes: one scan per line (Input alone keeps only the first).
        event.stop()
        event.prevent_default()
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) <= 1:
            self.insert_text_at_cursor(lines[0] if lines else "")
            return
        for line in lines:
            self.post_message(self.Scanned(self, line[:MAX_SCAN]))
