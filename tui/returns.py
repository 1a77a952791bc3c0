"""What the return screen shows and collects: an order's lines with sold / already returned / returnable,
the quantities the cashier chose, and the refund those quantities come to.

Built from what the Station answers (the order's detail, its allowances and its return plan), never from
SQL. The refund follows the store's rules for the way the return goes: as an allowance (折讓,
core/store/allowances.plan_lines) a line's share of what it sold for, rounded down, the return that takes
its last units taking what is left; voided and reissued within the period (core/checkout/reissue.check)
what was paid less the kept lines at their prices. The screen needs the figure before the manager's PIN to
show it and to put it on a card refund; the Station computes it again and refuses a refund that does not
add up, so a difference here could never be written."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.checkout.reissue import Reissue
    from core.store.allowances import Allowance


@dataclass(frozen=True)
class ReturnLine:
    position: int
    name: str
    sold: int
    returned: int
    unit_price: int
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
    return tuple(ReturnLine(line.position, line.name, line.quantity, returned.get(line.position, 0), line.unit_price,
                            line.amount, refunded.get(line.position, 0)) for line in detail.lines)


ALLOWANCE, REISSUE = "allowance", "reissue"


@dataclass
class ReturnDraft:
    """The cashier's choice so far: a quantity per line (0: kept). `kind` is the way the Station's plan
    says the return goes, `paid` what the order was paid (a reissue refunds it less the kept lines)."""

    lines: tuple[ReturnLine, ...]
    quantities: dict[int, int] = field(default_factory=dict)
    kind: str = ALLOWANCE
    paid: int = 0

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
        if self.kind == REISSUE:
            if not self.chosen:
                return 0
            return self.paid - sum(line.unit_price * (line.sold - self.quantity(line.position)) for line in self.lines)
        return sum(self.line_refund(line) for line in self.lines)

    def line_refund(self, line: ReturnLine) -> int:
        """The line's part of the refund as the table shows it (a reissue's is the line's price times the
        quantity; the refund itself is what was paid less what is kept)."""
        quantity = self.quantity(line.position)
        return line.unit_price * quantity if self.kind == REISSUE else line.refund_for(quantity)

    @property
    def everything(self) -> bool:
        """All still returnable is chosen (a reissue issues no new invoice then)."""
        return all(self.quantity(line.position) == line.returnable for line in self.lines)

    @property
    def returnable(self) -> int:
        return sum(line.returnable for line in self.lines)

    def _line(self, position: int) -> ReturnLine:
        return next(line for line in self.lines if line.position == position)


@dataclass(frozen=True)
class ReturnOutcome:
    """What happened, for the result view: an allowance (折讓) against the invoice, or the invoice voided
    and, for the lines kept, a new one issued."""

    kind: str  # ALLOWANCE | REISSUE
    refund: int
    refunds: tuple[tuple[str, int], ...]  # (payment kind, amount) handed back
    allowance_number: str = ""
    voided_number: str = ""
    new_invoice_number: str = ""
    new_order_id: str = ""  # the kept lines' new order, whose invoice prints next

    @classmethod
    def of_allowance(cls, allowance: Allowance) -> ReturnOutcome:
        return cls(ALLOWANCE, allowance.total, tuple((r.kind.value, r.amount) for r in allowance.refunds),
                   allowance_number=allowance.number)

    @classmethod
    def of_reissue(cls, reissue: Reissue, voided_number: str) -> ReturnOutcome:
        sale = reissue.sale
        return cls(REISSUE, sum(r.amount for r in reissue.refunds),
                   tuple((r.kind.value, r.amount) for r in reissue.refunds), voided_number=voided_number,
                   new_invoice_number=sale.invoice_number if sale is not None else "",
                   new_order_id=sale.order_id if sale is not None else "")

    @property
    def cash(self) -> int:
        return sum(amount for kind, amount in self.refunds if kind == "cash")
