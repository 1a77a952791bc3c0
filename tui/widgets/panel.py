"""Small display helpers shared by screens."""

from __future__ import annotations

from textual.widgets import Static


class Message(Static):
    """One line for errors and hints; `error` colours it."""

    DEFAULT_CSS = "Message { height: auto; min-height: 1; }"

    def say(self, text: str, *, error: bool = False) -> None:
        self.set_class(error, "-error")
        self.update(text)
