"""What every cashier screen shares: the status bar, the translated footer, F1 help and Esc back."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual.binding import Binding
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.screen import ModalScreen, Screen

from core.errors import CashierError
from tui import navigation
from tui.i18n.texts import ScreenText
from tui.messages import AfterTyping, Answered
from tui.widgets.footer import CashierFooter
from tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.widgets import DataTable
    from textual.worker import Worker

    from core.station import Station
    from tui.app import CashierApp
    from tui.i18n import Translator


T = TypeVar("T")
log = logging.getLogger(__name__)


def _nothing() -> None:
    """The answer of a call made for its effect alone."""


class ScreenHelpers:
    @property
    def cashier(self) -> CashierApp:
        return cast("CashierApp", cast(Any, self).app)

    @property
    def t(self) -> Translator:
        return self.cashier.t

    @property
    def station(self) -> Station:
        return self.cashier.station

    def status_updated(self) -> None:
        """The app's status changed (link, printer, backlog); screens that show more override this."""

    def on_mount(self) -> None:
        # After the screen's own on_mount (Textual runs each class's handler, the subclass's first).
        screen = cast("Screen[Any]", self)
        screen.watch(screen.app, "status", self._status_watched, init=False)

    def _status_watched(self) -> None:
        # A screen whose widgets are already gone (the app is quitting, the screen was just popped) has
        # nothing to show the news on: that is no error.
        try:
            self.status_updated()
        except NoMatches:
            log.debug("%s: the status arrived after its widgets went", type(self).__name__)

    # -- Station calls, off the loop -----------------------------------------------------------
    def station_call(self, call: Callable[[], T], then: Callable[[T], object] | None = None, *,
                     failed: Callable[[CashierError], object] | None = None, group: str = "default",
                     exclusive: bool = False, current_only: bool = False) -> Worker[None]:
        """Run `call` (SQL, the port, HQ: anything that can take more than a frame) in a thread worker, and
        hand what it returns to `then`, or the CashierError it raised to `failed` (show_error by default),
        on the UI loop in this screen's own queue, after the messages already in it. Any other exception
        is a bug: the worker records it (exit_on_error=False) and the till keeps running.
        `exclusive` cancels the group's other workers (their threads still finish, and their answers still
        arrive); with `current_only` an answer is dropped once its worker was cancelled (a newer call of the
        group superseded it)."""
        screen = cast("Screen[Any]", self)

        def run() -> None:
            from textual.worker import get_current_worker

            worker = get_current_worker()
            outcome: Callable[[], object]
            try:
                result = call()
            except CashierError as error:
                outcome = partial(failed or self.refused, error)
            else:
                outcome = partial(then, result) if then is not None else _nothing
            if not (current_only and worker.is_cancelled):
                screen.post_message(Answered(outcome))

        return screen.run_worker(run, group=group, exclusive=exclusive, thread=True, exit_on_error=False)

    def later(self, deliver: Callable[[], object]) -> None:
        """From any thread (a Station callback): run `deliver` on the UI loop, in this screen's queue."""
        cast("Screen[Any]", self).post_message(Answered(deliver))

    def on_answered(self, message: Answered) -> None:
        message.deliver()

    def refused(self, error: CashierError) -> None:
        """A Station call said no: the cashier reads why (screens with a message line override this)."""
        self.show_error(self.t.error(error))

    def show_error(self, text: str) -> None:
        cast("Screen[Any]", self).notify(text, severity="error")

    def after_typing(self, then: Callable[[], None]) -> None:
        """Run `then` once the keys already handed to the focused field are in it. A priority key (F10) runs
        as it arrives, before the field has inserted the characters typed just before it ("654" then F10
        saved the old price): the request queues behind them in the field's own queue instead."""
        from textual.widgets import Input

        from tui.messages import AfterTyping

        focused = cast(Any, self).focused
        if isinstance(focused, Input):
            focused.post_message(AfterTyping(then))
        else:
            then()

    def on_after_typing(self, message: AfterTyping) -> None:
        message.stop()
        message.then()


class RecordScreens:
    """The keys that open the station's records — orders, upload records, devices — from the cart and from
    the read-only support screen alike."""

    def action_orders(self) -> None:
        """The list is pushed with its first page read (off the loop), so its first frame is the filled list.
        The answer opens it only while this screen is still the one in front: a second F5, or a key that
        opened something else meanwhile, does not stack another list."""
        screen = cast("CashierScreen", self)

        def opened(first: object) -> None:
            if screen.app.screen is screen:
                screen.app.push_screen(navigation.orders(first))

        screen.station_call(navigation.orders_first_page(screen.station, screen.cashier.clock), opened,
                            group="open-orders", exclusive=True)

    def action_uploads(self) -> None:
        cast(Any, self).app.push_screen(navigation.uploads())

    def action_devices(self) -> None:
        cast(Any, self).app.push_screen(navigation.devices())


class CashierScreen(ScreenHelpers, Screen[None]):
    BINDINGS = [  # noqa: RUF012 - Textual's declared class attribute
        Binding("f1", "app.help", ScreenText.KEY_HELP),
        Binding("escape", "back", ScreenText.KEY_BACK),
    ]

    def chrome(self) -> ComposeResult:
        # One docked box: two widgets docked bottom separately would overlap on the last line.
        with Vertical(id="chrome"):
            yield StatusBar()
            yield CashierFooter()

    # Actions that sell, print, upload or change a sale: hidden from the footer and never run in the
    # read-only support mode (the Station refuses them too; this keeps the keys from being offered).
    WRITE_ACTIONS: ClassVar[frozenset[str]] = frozenset()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":  # the first screen (login, support) has nothing to go back to
            return len(self.app.screen_stack) > 1
        return not (action in self.WRITE_ACTIONS and self.cashier.read_only)

    def action_back(self) -> None:
        self.app.pop_screen()

    # Paged lists (orders, upload records) bind these too; their screens define action_older/newer.
    PAGED_LIST_BINDINGS: ClassVar[list[Binding]] = [
        Binding("pagedown", "older", ScreenText.KEY_OLDER, show=False, priority=True),
        Binding("pageup", "newer", ScreenText.KEY_NEWER, show=False, priority=True),
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
    ]

    # Lists on these screens are driven from the scan field (focus never leaves it): ↑↓ move the table's
    # cursor, and the highlighted row is read back clamped to the rows the screen holds.
    LIST_TABLE = ""  # the id of the screen's DataTable, e.g. "#orders"

    def action_move(self, step: int) -> None:
        table = self._list_table()
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + step)), animate=False)

    def highlighted(self, rows: int) -> int | None:
        if not rows:
            return None
        return max(0, min(self._list_table().cursor_row, rows - 1))

    def _list_table(self) -> DataTable[Any]:
        from textual.widgets import DataTable  # not at import: the login screen (the first frame) has none

        return self.query_one(self.LIST_TABLE, DataTable)


class CashierModal(ScreenHelpers, ModalScreen[Any]):
    BINDINGS = [Binding("escape", "cancel", ScreenText.KEY_CANCEL)]  # noqa: RUF012

    def action_cancel(self) -> None:
        self.dismiss(None)

    def keys_text(self) -> str:
        """The pop-up's keys for its frame's bottom edge (a modal has no footer): "F10 儲存  Esc 取消".
        Esc last, as a footer lists it; a key bound twice is named once."""
        from dataclasses import replace

        shown: dict[str, str] = {}
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.show and binding.description:
                key = binding.key.split(",")[0].strip()
                display = self.cashier.get_key_display(replace(binding, key=key))
                shown.setdefault(display, self.t(ScreenText.of(binding.description)))
        ordered = sorted(shown.items(), key=lambda item: item[0] == "Esc")
        return "  ".join(f"{display} {description}" for display, description in ordered)
