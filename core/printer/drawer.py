"""The cash drawer on the printer's kick-out connector: which pin fires it and what its sensor says.

The drawer has no link of its own: ESC p through the printer opens it, and DLE EOT 1 bit 2 reports the
level of connector pin 3, where the drawer's switch is wired.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.printer.status import PrinterStatus

DRAWER_PINS = {2: 0, 5: 1}  # connector pin -> ESC p m
DRAWER_PULSE_MIN_MS, DRAWER_PULSE_MAX_MS = 2, 510  # t1 from 1 to 255 units of 2 ms


class DrawerState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    UNKNOWN = "unknown"  # the printer did not answer DLE EOT 1


class KickReason(StrEnum):
    """Why the drawer was fired; a manual opening is audited, a sale or refund is its own record."""

    SALE = "sale"
    REFUND = "refund"
    MANUAL = "manual"


def drawer_state(status: PrinterStatus | None) -> DrawerState:
    """Pin 3 high reads as open, as drawers wired for Epson-class printers report it; a drawer whose
    switch is wired the other way round would show the opposite."""
    if status is None or status.replies[0] is None:
        return DrawerState.UNKNOWN
    return DrawerState.OPEN if status.drawer_pin_high else DrawerState.CLOSED
