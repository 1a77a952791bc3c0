"""The app's side of HQ sync: owns a core SyncService for the app's lifetime and turns its events
(which arrive on the sync thread) into Textual messages. Nothing else in the UI talks to the service."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from core.members import HQ_LOOKUP_TIMEOUT
from tui.messages import LinkChanged, Pulled, StatusRefresh, UploadsChanged

if TYPE_CHECKING:
    from textual.app import App

    from core.members import HQAnswer, MemberKey
    from core.sync.events import SyncEvent
    from core.sync.service import SyncService

ServiceFactory = Callable[[Callable[["SyncEvent"], None]], "SyncService"]


class SyncBridge:
    def __init__(self, factory: ServiceFactory, language: str = "zh_TW") -> None:
        self._factory = factory
        self.language = language
        self.service: SyncService | None = None

    def start(self, app: App[Any]) -> None:
        self.service = self._factory(lambda event: self._deliver(app, event))
        self.service.start()

    def stop(self) -> None:
        if self.service is not None:
            self.service.stop()
            self.service = None

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

    # -- control, from any thread --------------------------------------------------------------
    def notify_sale(self) -> None:
        if self.service is not None:
            self.service.notify_sale()

    def notify_void(self) -> None:
        if self.service is not None:
            self.service.notify_void()

    def poke(self) -> None:
        if self.service is not None:
            self.service.probe_now()

    def retry(self, order_ids: Sequence[str] | None = None) -> int:
        return self.service.retry(order_ids) if self.service is not None else 0

    # -- member lookup at HQ (core.members.HQMembers), from a worker thread only: it waits for HQ ------
    @property
    def online(self) -> bool:
        return self.service is not None and self.service.online

    def lookup_member(self, key: MemberKey, timeout: float = HQ_LOOKUP_TIMEOUT) -> HQAnswer:
        from core.members import HQAnswer
        from core.store.outbox import Reason

        service = self.service
        if service is None:
            return HQAnswer(None, reached=False, reason=Reason("customer.hq_offline"))
        return service.lookup_member(key, timeout)
