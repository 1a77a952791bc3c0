"""What the SyncService tells its owner. The TUI turns each into a Textual message (post_message is
thread-safe); the CLI prints them. Events are plain frozen dataclasses: no behaviour, no callbacks."""

from __future__ import annotations

from dataclasses import dataclass

from core.messages.reason import Reason
from core.store.upload_records import OutboxSummary
from core.sync.pull import BookletReport, PullResult
from core.sync.uploader import OrderOutcome, VoidOutcome
from core.sync.watcher import LinkStatus


@dataclass(frozen=True)
class LinkChanged:
    """Online <-> offline (the seed's 開啟離線模式 / 點此開啟前台 switch)."""

    status: LinkStatus


@dataclass(frozen=True)
class LinkProbed:
    """Every probe: last-seen time and clock skew for the status bar (coalesce these in the UI)."""

    status: LinkStatus


@dataclass(frozen=True)
class UploadProgress:
    """After each uploaded batch: what happened to each order and void (作廢), and the outbox counts now."""

    outcomes: tuple[OrderOutcome, ...]
    summary: OutboxSummary
    voids: tuple[VoidOutcome, ...] = ()


@dataclass(frozen=True)
class UploadPaused:
    """HQ refused the station's token: nothing is dropped; uploads wait for a fix or a manual retry."""

    reason: Reason


@dataclass(frozen=True)
class PullFinished:
    results: tuple[PullResult, ...]
    booklets: BookletReport


@dataclass(frozen=True)
class SyncProblem:
    """Something failed in the background; the service keeps running. `where`: probe | upload | pull."""

    where: str
    reason: Reason


SyncEvent = LinkChanged | LinkProbed | UploadProgress | UploadPaused | PullFinished | SyncProblem
