"""Shift close (交班): the Z report model; the queries live in core.store.shifts."""

from core.shift.model import BookletLeft, PaymentTotal, ShiftReport, ZReport

__all__ = ["BookletLeft", "PaymentTotal", "ShiftReport", "ZReport"]
