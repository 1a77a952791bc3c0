"""Invoice booklets (本): ranges of 50 numbers of one track, valid in one period."""

from __future__ import annotations

from dataclasses import dataclass

from core.einvoice.numbers import is_valid_invoice_number, join_number, split_number
from core.einvoice.periods import Period
from core.errors import ValidationError
from core.messages import InvoiceCode

BOOKLET_SIZE = 50
_TRACK_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@dataclass(frozen=True)
class Booklet:
    track: str
    start: int
    period: Period

    @property
    def end(self) -> int:
        return self.start + BOOKLET_SIZE - 1

    @property
    def first_number(self) -> str:
        return join_number(self.track, self.start)

    @property
    def last_number(self) -> str:
        return join_number(self.track, self.end)

    def contains(self, number: str) -> bool:
        if not is_valid_invoice_number(number):
            return False  # int() would read 'AB120', 'AB+0000120' or full-width digits as a value
        track, value = split_number(number)
        return track == self.track and self.start <= value <= self.end

    def number_at(self, offset: int) -> str:
        """The offset-th number of the booklet (0-based); the caller tracks how many are used."""
        if not 0 <= offset < BOOKLET_SIZE:
            raise IndexError(f"a booklet has {BOOKLET_SIZE} numbers, not {offset + 1}")
        return join_number(self.track, self.start + offset)

    def overlaps(self, other: Booklet) -> bool:
        return (self.track == other.track and self.period == other.period
                and self.start <= other.end and other.start <= self.end)


def make_booklet(track: str, start: int, end: int, period: Period) -> Booklet:
    """Validate a range as HQ or the tax authority hands it out: 50 numbers from …00 or …50."""
    valid = (
        len(track) == 2 and set(track) <= _TRACK_LETTERS
        and 0 <= start <= 99_999_950 and start % BOOKLET_SIZE == 0
        and end == start + BOOKLET_SIZE - 1
    )
    if not valid:
        raise ValidationError(InvoiceCode.BOOKLET_INVALID_RANGE, track=track, start=max(start, 0), end=max(end, 0))
    return Booklet(track, start, period)
