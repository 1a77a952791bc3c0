"""The faults the virtual printer can simulate, by the names the CLI and tests use."""

from __future__ import annotations

PAPER_END = "paper-end"
PAPER_NEAR_END = "paper-near-end"
COVER_OPEN = "cover-open"
OFFLINE = "offline"  # powered off or hung: no status reply, nothing printed
DISCONNECT = "disconnect"  # the cable comes out mid-job (once), then is plugged back in

FAULTS = (PAPER_END, PAPER_NEAR_END, COVER_OPEN, OFFLINE, DISCONNECT)
