"""The app's side of HQ sync: how the Station's sync service is made, and its events (which arrive on the
sync thread) turned into Textual messages. The Station owns the service's life; the UI only hears it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tui.messages import LinkChanged, Pulled, StatusRefresh, UploadsChanged

if TYPE_CHECKING:
    from textual.app import App

    from core.station import Station
    from core.sync.events import SyncEvent
    from core.sync.service import SyncService

ServiceFactory = Callable[[Callable[["SyncEvent"], None]], "SyncService"]


class SyncBridge:
    def __init__(self, factory: ServiceFactory, language: str = "zh_TW") -> None:
        self._factory = factory
        self.language = language

    def start(self, app: App[Any], station: Station) -> None:
        station.start_sync(self._factory, lambda event: self._deliver(app, event))

    def _deliver(self, app: App[Any], event: SyncEvent) -> None:
        """On the sync thread: only post messages (thread-safe); never touch widgets."""
        from core.sync import events

        if isinstance(event, events.LinkChanged):
            reason = event.status.reason.text(self.language) if event.status.reason else ""
            app.post_message(LinkChanged(event.status.online, reason))
        elif isinstance(event, events.UploadProgress):
            summary = event.summary
            app.post_message(UploadsChanged(summary.pending + summary.voids_pending,
                                            summary.attention + summary.voids_attention, dict(summary.counts)))
        elif isinstance(event, events.UploadPaused):
            app.notify(event.reason.text(self.language), severity="error")  # notify is thread-safe
        elif isinstance(event, events.PullFinished):
            app.post_message(StatusRefresh())
            app.post_message(Pulled())
