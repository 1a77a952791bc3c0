"""Every MIG 4.1 builder against our schema, and the schema against what it must refuse."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from core.clock import TAIPEI
from hq.mof import messages as m
from hq.mof.schema import KINDS, problems, schema, schema_text

AT = datetime(2026, 11, 22, 14, 5, 9, tzinfo=TAIPEI)
SELLER = m.Party("12345675", "示範商店股份有限公司")
INVOICE = m.InvoiceMessage("AB12345678", AT, SELLER, None, "1234", [m.Item("乾電池 3號 4入", 2, 105, 210, 1)],
                           total=210, sales=200, tax=10)
ALLOWANCE = m.AllowanceMessage("AL2026112200001", AT, SELLER, m.Party("24634102", "24634102"),
                               [m.AllowanceItem("AB12345678", AT, 1, "乾電池 3號 4入", 1, 100, 100, 5, 1)],
                               tax_amount=5, total_amount=100)
SAMPLES: list[m.Message] = [
    INVOICE,
    replace(INVOICE, buyer_ban="24634102"),
    replace(INVOICE, carrier_type="mobile", carrier_id="/ABC+123", print_mark=False),
    replace(INVOICE, carrier_type="citizen", carrier_id="AB12345678901234", print_mark=False),
    replace(INVOICE, donation_code="8585", print_mark=False),
    m.CancelMessage("AB12345678", AT, "12345675", None, AT, "客人退貨"),
    ALLOWANCE,
    m.CancelAllowanceMessage("AL2026112200001", AT, "12345675", "24634102", AT, "開錯了"),
    m.BlankMessage("12345675", "11512", "AB", [(12345679, 12345699), (12345750, 12345799)]),
]


def _text(element: etree._Element, name: str) -> str | None:
    found = element.find(f".//{{*}}{name}")
    return found.text if found is not None else None


@pytest.mark.parametrize("msg", SAMPLES, ids=lambda msg: f"{m.kind_of(msg)}")
def test_every_builder_makes_a_message_the_schema_accepts_and_a_plain_parser_reads(msg: m.Message) -> None:
    element = m.build(msg)
    assert problems(m.kind_of(msg), element) is None
    plain = ET.fromstring(m.serialise(element))  # the standard library's parser, not lxml
    assert plain.tag.startswith(f"{{urn:GEINV:eInvoiceMessage:{m.kind_of(msg)}:4.1}}")


def test_f0401_marks_carrier_donation_and_print_as_issued_and_splits_only_b2b_amounts() -> None:
    b2c = m.build(INVOICE)
    assert (_text(b2c, "SalesAmount"), _text(b2c, "TaxAmount"), _text(b2c, "TotalAmount")) == ("210", "0", "210")
    assert _text(b2c, "Identifier") == "12345675" and b2c.findall(".//{*}Buyer/{*}Identifier")[0].text == "0" * 10
    b2b = m.build(replace(INVOICE, buyer_ban="24634102"))
    assert (_text(b2b, "SalesAmount"), _text(b2b, "TaxAmount"), _text(b2b, "TotalAmount")) == ("200", "10", "210")
    mobile = m.build(replace(INVOICE, carrier_type="mobile", carrier_id="/ABC+123", print_mark=False))
    assert (_text(mobile, "CarrierType"), _text(mobile, "CarrierId1"), _text(mobile, "PrintMark")) == \
        ("3J0002", "/ABC+123", "N")
    donated = m.build(replace(INVOICE, donation_code="8585", print_mark=False))
    assert (_text(donated, "DonateMark"), _text(donated, "NPOBAN")) == ("1", "8585")
    assert _text(b2c, "InvoiceTime") == "14:05:09" and _text(b2c, "InvoiceDate") == "20261122"


@pytest.mark.parametrize(("msg", "why"), [
    (replace(INVOICE, seller=m.Party("12345675", "名" * 61)), "Name"),
    (replace(INVOICE, seller=m.Party("12345675", "")), "Name"),
    (replace(INVOICE, number="ab12345678"), "InvoiceNumber"),
    (replace(INVOICE, items=[]), "Details"),
    (replace(INVOICE, items=[m.Item("x" * 501, 1, 1, 1, 1)]), "Description"),
    (replace(INVOICE, items=[m.Item("x", 1, 1, 1, 12345)]), "SequenceNumber"),
    (replace(INVOICE, donation_code="12"), "NPOBAN"),
    (m.BlankMessage("12345675", "11511", "AB", [(0, 49)]), "YearMonth"),
    (m.BlankMessage("12345675", "11512", "AB", []), "Details"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_the_schema_refuses_what_the_platform_would(msg: m.Message, why: str) -> None:
    reason = problems(m.kind_of(msg), m.build(msg))
    assert reason is not None and why in reason


def test_element_order_is_checked() -> None:
    element = m.build(INVOICE)
    main = element.find("{*}Main")
    assert main is not None
    number = main.find("{*}InvoiceNumber")
    assert number is not None
    main.remove(number)
    main.append(number)  # right content, wrong place
    assert problems("F0401", element) is not None


def test_every_schema_is_itself_valid_xml_schema() -> None:
    for kind in KINDS:
        assert schema(kind) is not None
        etree.XMLSchema(etree.fromstring(schema_text(kind).encode()))


@given(total=st.integers(min_value=1, max_value=99_999_999), quantity=st.integers(min_value=1, max_value=9_999),
       name=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=500).filter(str.strip))
def test_any_sale_the_till_can_make_builds_a_valid_f0401(total: int, quantity: int, name: str) -> None:
    sales = round(total / 1.05)
    msg = replace(INVOICE, items=[m.Item(name, quantity, total, total, 1)], total=total, sales=sales,
                  tax=total - sales)
    assert problems("F0401", m.build(msg)) is None
