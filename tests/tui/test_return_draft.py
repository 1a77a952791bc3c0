"""The return screen's figures (tui/returns.py) against what the Station then writes: for any sequence
of partial returns, with a cancelled allowance among them, the refund shown before the PIN is the
allowance's total, and sold / returned / returnable are what the store holds."""

from __future__ import annotations

import random

from core.checkout import CartLine
from tests.factories import MANAGER_PIN, simple_sale
from tui.returns import ReturnDraft, return_lines

LINES = [CartLine("4710000000017", "乾電池", 3, 35, catalog_price=35),
         CartLine("4710000000024", "口罩", 5, 21, catalog_price=21),
         CartLine("4710000000031", "牙刷", 1, 49, catalog_price=49)]


def test_the_refund_shown_is_the_allowance_written_for_any_sequence_of_returns(shop) -> None:
    rng = random.Random(14)
    for _ in range(6):
        sale = shop.checkout(simple_sale(lines=LINES))
        cancelled_one = False
        while True:
            draft = ReturnDraft(return_lines(shop.order(sale.order_id), shop.allowances(sale.order_id)))
            if draft.returnable == 0:
                break
            for line in draft.lines:
                draft.set(line.position, rng.randint(0, line.returnable))
            if not draft.chosen:
                continue
            allowance = shop.return_lines(sale.order_id, draft.chosen, reason="test", staff_id="E001",
                                          manager_pin=MANAGER_PIN)
            assert allowance.total == draft.refund
            if not cancelled_one and rng.random() < 0.5:  # a cancelled allowance returns nothing any more
                shop.cancel_allowance(allowance.id, staff_id="E001", manager_pin=MANAGER_PIN, reason="undo")
                cancelled_one = True
        in_force = [a for a in shop.allowances(sale.order_id) if not a.cancelled]
        assert sum(a.total for a in in_force) == sum(line.amount for line in LINES)
        assert [(ln.sold, ln.returned) for ln in draft.lines] == [(ln.quantity, ln.quantity) for ln in LINES]


def test_a_draft_refuses_more_than_returnable_and_keeps_its_choice_over_fresh_lines(shop) -> None:
    sale = shop.checkout(simple_sale(lines=LINES))
    draft = ReturnDraft(return_lines(shop.order(sale.order_id), []))
    masks = draft.lines[1].position
    assert draft.set(masks, 5) and not draft.set(masks, 6) and not draft.step(masks, 1) and not draft.set(masks, -1)
    assert draft.quantity(masks) == 5
    shop.return_lines(sale.order_id, [(masks, 2)], reason="test", staff_id="E001", manager_pin=MANAGER_PIN)
    fresh = draft.with_lines(return_lines(shop.order(sale.order_id), shop.allowances(sale.order_id)))
    assert fresh.quantity(masks) == 3 and fresh.lines[1].returned == 2
    fresh.all()
    assert fresh.chosen == [(1, 3), (masks, 3), (3, 1)] and fresh.refund == 3 * 35 + 3 * 21 + 49
