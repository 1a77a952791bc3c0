"""A screen that sends its frame to the terminal once per change of screens, not three or four times."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from textual import events, messages, on
from textual._time import get_time
from textual.screen import Screen
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.geometry import Region


class OneFrameScreen(Screen[None]):
    # A change of screens comes with several whole-screen repaints Textual asks for one after the other: on
    # the first resume its layout paints every cell and then it repaints them all; once the screen has
    # mounted (or the screen it replaced is removed) it lays out *and* repaints everything again. Each is a
    # full frame, 4 KB or more in 80x24, identical to the one already sent. So from its resume on, while
    # the terminal holds this screen's whole frame, a whole-screen request keeps only its layout (a widget
    # that moved or changed still paints its own cells; a resize changes every region, a full frame anyway).
    # Anything that puts other cells on the terminal ends that: another screen in front, the app giving
    # the terminal away (suspend).
    _frame_sent = False
    _laid_out_whole = False  # the first resume's layout is painting every cell of the new screen
    _opened = False
    _whole_frame_at = float("-inf")  # when that first layout painted every cell

    @on(events.ScreenResume)
    def _frame_on_resume(self) -> None:
        # Runs before Textual's own handler (a subclass's handlers come first).
        self._frame_sent = True
        if self._opened:
            # Back in front: the terminal shows the screen that was above; the one whole repaint.
            super().refresh()
        else:
            self._laid_out_whole = True
            self._opened = True
            self.app.app_suspend_signal.subscribe(self, self._frame_lost)

    @on(events.ScreenSuspend)
    def _frame_lost(self, *_: object) -> None:
        self._frame_sent = self._laid_out_whole = False

    @on(messages.Update)
    def _painted_already(self, message: messages.Update) -> None:
        # A widget asks to be repainted from its own queue: a request it made before the first whole frame
        # was painted (while mounting, sizing) is in that frame already. Runs before Textual's handler.
        if message.time <= self._whole_frame_at:
            message.prevent_default()
            message.stop()

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        if self._frame_sent and repaint and not regions and not recompose:
            if self._laid_out_whole:
                if not layout:
                    # Textual's repaint right after the first layout painted every cell, with the sizes
                    # that layout gave the widgets (which marked themselves dirty for them): all sent.
                    self._laid_out_whole = False
                    self._repaint_required = False
                    self._dirty_widgets.clear()
                    for widget in self.walk_children(Widget, with_self=False):
                        widget._repaint_required = False
                    self._whole_frame_at = get_time()
                    return self
            elif not self._repaint_required:  # else the pending whole repaint covers this one
                if not layout:
                    return self
                repaint = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
