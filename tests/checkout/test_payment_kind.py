"""PaymentKind is the one list of ways to pay: its wire values never change, and every kind is named on
the till, at HQ and on paper."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError as WireError

from core.checkout import PaymentKind as CheckoutPaymentKind
from core.checkout import Tender, settle
from core.errors import ValidationError
from core.payment_kind import PaymentKind, paper_label
from core.sync.protocol import PaymentIn
from hq.web.i18n import WORDS
from tui.i18n import CATALOGS, Translator


def test_the_wire_values_are_the_strings_hq_stores() -> None:
    assert CheckoutPaymentKind is PaymentKind
    assert [kind.value for kind in PaymentKind] == ["cash", "card", "other"]


@pytest.mark.parametrize("kind", list(PaymentKind), ids=str)
def test_every_kind_is_named_on_the_till_at_hq_and_on_paper(kind: PaymentKind) -> None:
    assert all(catalog.get(kind.label_key) for catalog in CATALOGS.values())
    assert all(WORDS[kind.hq_label_key])
    assert kind.paper_label and paper_label(kind.value) == kind.paper_label


def test_names_for_stored_kinds() -> None:
    assert [paper_label(kind) for kind in ("cash", "card", "other")] == ["現金", "信用卡", "其他"]
    assert paper_label("voucher") == "voucher"  # a kind a newer version wrote prints as stored
    zh, en = Translator("zh_TW"), Translator("en")
    assert [zh.payment("cash"), en.payment("card"), en.payment("voucher")] == ["現金", "Card", "voucher"]


def test_only_cash_gives_change() -> None:
    assert [kind for kind in PaymentKind if kind.gives_change] == [PaymentKind.CASH]
    settlement = settle(300, [Tender(PaymentKind.OTHER, 100), Tender(PaymentKind.CASH, 500)])
    assert settlement.change == 300
    with pytest.raises(ValidationError) as refused:
        settle(300, [Tender(PaymentKind.CARD, 400)])
    assert refused.value.code == "payment.overpaid_noncash"


def test_the_wire_contract_reads_and_writes_plain_strings() -> None:
    payment = PaymentIn.model_validate_json('{"kind": "card", "amount": 100, "tendered": 100}')
    assert payment.kind is PaymentKind.CARD
    assert json.loads(payment.model_dump_json())["kind"] == "card"
    assert payment.model_dump(mode="json")["kind"] == "card"
    with pytest.raises(WireError):
        PaymentIn.model_validate({"kind": "bitcoin", "amount": 100, "tendered": 100})
