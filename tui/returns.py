"""What the return screen shows and collects: an order's lines with sold / already returned / returnable,
the quantities the cashier chose, and the refund those quantities come to.

Built from what the Station answers (the order's detail and its allowances), never from SQL. The refund
follows the store's rule (core/store/allowances.plan_lines): a line's share of what it sold for, rounded
down, and the return that takes its last units takes what is left. The screen needs the figure before the
manager's PIN to show it and to split it into a card refund; the Station computes it again and refuses a
refund that does not add up, so a difference here could never be written."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.store.allowances import Allowance


@dataclass(frozen=True)
class ReturnLine:
    position: int
    name: str
    sold: int
    returned: int
    amount: int  # what the line sold for, tax and discounts included
    refunded: int  # what allowances in force refunded of it already

    @property
    def returnable(self) -> int:
        return self.sold - self.returned

    def refund_for(self, quantity: int) -> int:
        if quantity <= 0:
            return 0
        if quantity >= self.returnable:
            return self.amount - self.refunded
        return self.amount * quantity // self.sold


def return_lines(detail: Any, allowances: Iterable[Allowance]) -> tuple[ReturnLine, ...]:
    """The order's lines as the return screen lists them; cancelled allowances return nothing."""
    returned: dict[int, int] = {}
    refunded: dict[int, int] = {}
    for allowance in allowances:
        if allowance.cancelled:
            continue
        for line in allowance.lines:
            returned[line.original_position] = returned.get(line.original_position, 0) + line.quantity
            refunded[line.original_position] = refunded.get(line.original_position, 0) + line.gross
    return tuple(ReturnLine(line.position, line.name, line.quantity, returned.get(line.position, 0), line.amount,
                            refunded.get(line.position, 0)) for line in detail.lines)


@dataclass
class ReturnDraft:
    """The cashier's choice so far: a quantity per line (0: kept)."""

    lines: tuple[ReturnLine, ...]
    quantities: dict[int, int] = field(default_factory=dict)

    def quantity(self, position: int) -> int:
        return self.quantities.get(position, 0)

    def set(self, position: int, quantity: int) -> bool:
        """Set a line's quantity; False (and nothing changed) for a negative one or more than returnable."""
        line = self._line(position)
        if quantity < 0 or quantity > line.returnable:
            return False
        self.quantities[position] = quantity
        return True

    def step(self, position: int, by: int) -> bool:
        return self.set(position, self.quantity(position) + by)

    def all(self) -> None:
        """Everything still returnable (the whole rest of the order)."""
        self.quantities = {line.position: line.returnable for line in self.lines}

    def with_lines(self, lines: Sequence[ReturnLine]) -> ReturnDraft:
        """The same choice over fresh lines (another return took units meanwhile): each quantity kept, at
        most what is returnable now."""
        by_position = {line.position: line for line in lines}
        kept = {p: min(q, by_position[p].returnable) for p, q in self.quantities.items() if p in by_position}
        return replace(self, lines=tuple(lines), quantities=kept)

    @property
    def chosen(self) -> list[tuple[int, int]]:
        """(original position, quantity) of every line returned, as Station.return_lines takes them."""
        return [(line.position, self.quantity(line.position)) for line in self.lines if self.quantity(line.position)]

    @property
    def refund(self) -> int:
        return sum(line.refund_for(self.quantity(line.position)) for line in self.lines)

    @property
    def returnable(self) -> int:
        return sum(line.returnable for line in self.lines)

    def _line(self, position: int) -> ReturnLine:
        return next(line for line in self.lines if line.position == position)


@dataclass(frozen=True)
class ReturnOutcome:
    """What happened, for the result view: an allowance (折讓) against the invoice, or the invoice voided
    and, for the lines kept, a new one issued."""

    kind: str  # "allowance" | "reissue"
    refund: int
    refunds: tuple[tuple[str, int], ...]  # (payment kind, amount) handed back
    allowance_number: str = ""
    voided_number: str = ""
    new_invoice_number: str = ""

    @classmethod
    def of_allowance(cls, allowance: Allowance) -> ReturnOutcome:
        return cls("allowance", allowance.total, tuple((r.kind.value, r.amount) for r in allowance.refunds),
                   allowance_number=allowance.number)

    @property
    def cash(self) -> int:
        return sum(amount for kind, amount in self.refunds if kind == "cash")
