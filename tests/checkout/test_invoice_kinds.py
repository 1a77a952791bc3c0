"""The invoice kinds the checkout form offers: each builds its request from what was typed, is checked by
the request's own validators, and prints what the store's paper rule says, on a real sale."""

from __future__ import annotations

import pytest

from core.checkout import CarrierType, InvoiceRequest
from core.checkout.invoice_kinds import INVOICE_KINDS, BanField, InvoiceKind, kind_position
from core.errors import ValidationError
from core.printer.documents import NoProofCopy
from core.station import Station
from tests.factories import simple_sale
from tui.i18n import CATALOGS

# What each kind is typed as, and what a sale of it is owed on paper.
TYPED = {
    "print": ("", "", None),
    "mobile": ("/abc+123", "", NoProofCopy.MOBILE),
    "citizen": ("ab12345678901234", "", NoProofCopy.CITIZEN),
    "donation": (" 8585 ", "", NoProofCopy.DONATION),
    "b2b": ("", "24634102", None),
    "manual": ("XY87654321", "", NoProofCopy.MANUAL),
}


def test_the_form_lists_the_kinds_in_the_order_f9_steps_through() -> None:
    assert [kind.name for kind in INVOICE_KINDS] == ["print", "mobile", "citizen", "donation", "b2b", "manual"]
    assert [kind_position(kind.name) for kind in INVOICE_KINDS] == list(range(len(INVOICE_KINDS)))
    with pytest.raises(ValueError, match="paper"):
        kind_position("paper")


@pytest.mark.parametrize("kind", INVOICE_KINDS, ids=lambda kind: kind.name)
def test_every_kind_is_named_in_both_languages(kind: InvoiceKind) -> None:
    keys = [kind.label_key, *([kind.code_prompt] if kind.code_prompt else [])]
    keys += [kind.ban_prompt] if kind.ban is not BanField.NONE else []
    for catalog in CATALOGS.values():
        assert all(catalog.get(key) for key in keys), keys


def test_what_is_typed_becomes_the_request_the_engine_takes() -> None:
    by_name = {kind.name: kind for kind in INVOICE_KINDS}
    assert by_name["mobile"].request(" /abc+123 ", "") == InvoiceRequest(
        carrier_type=CarrierType.MOBILE, carrier_id="/ABC+123")
    assert by_name["citizen"].request("ab12345678901234", "") == InvoiceRequest(
        carrier_type=CarrierType.CITIZEN, carrier_id="AB12345678901234")
    assert by_name["donation"].request(" 8585 ", "") == InvoiceRequest(donation_code="8585")
    assert by_name["b2b"].request("ignored", " 24634102 ") == InvoiceRequest(buyer_ban="24634102")
    assert by_name["manual"].request("xy87654321", "") == InvoiceRequest(manual_number="XY87654321")
    assert by_name["manual"].request("XY87654321", "24634102") == InvoiceRequest(
        buyer_ban="24634102", manual_number="XY87654321")
    assert by_name["print"].request("anything", "12345678") == InvoiceRequest()


@pytest.mark.parametrize(("name", "code", "ban", "error"), [
    ("mobile", "/ABC+12", "", "carrier.mobile.invalid"),
    ("citizen", "AB123", "", "carrier.citizen.invalid"),
    ("donation", "12", "", "donation.invalid"),
    ("b2b", "", "12345678", "ban.invalid"),
    ("manual", "XY1234", "", "invoice_number.invalid"),
    ("manual", "XY87654321", "12345678", "ban.invalid"),
])
def test_each_kind_is_checked_by_the_existing_validators(name: str, code: str, ban: str, error: str) -> None:
    with pytest.raises(ValidationError) as refused:
        INVOICE_KINDS[kind_position(name)].request(code, ban)
    assert refused.value.code == error


@pytest.mark.parametrize("kind", INVOICE_KINDS, ids=lambda kind: kind.name)
def test_the_paper_a_kind_promises_is_what_its_sale_gets(station: Station, kind: InvoiceKind) -> None:
    code, ban, owed = TYPED[kind.name]
    assert kind.no_proof is owed
    sale = station.checkout(simple_sale(kind.request(code, ban), cash=500))
    paper = station.paper(sale.order_id)
    assert paper.no_proof is owed
    assert (sale.proof_copy is not None) is (owed is None)
