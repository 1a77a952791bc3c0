"""MIG 4.1 messages from plain data: F0401 issue, F0501 void, G0401 allowance, G0501 its cancellation, E0402 blanks.

Each builder takes a frozen dataclass (no database rows: hq.mof.documents builds them from HQ's rows, and the
benchmark builds 100,000 invoices without a database) and returns an lxml element in the message's
namespace; `serialise` gives the bytes written for Turnkey (UTF-8, with the XML declaration).

Money is whole NT$ everywhere; XML decimals are written from integers (`str(int)`), never from floats.

Rules taken from public sources (see hq/mof/schema.py for the element order):
- B2C amounts: SalesAmount is the tax-inclusive total and TaxAmount 0; B2B splits SalesAmount (untaxed) +
  TaxAmount = TotalAmount. Public generators disagree on B2C; we follow the value-added centres' rule quoted
  by public integrations ("B2C 發票 TaxAmount 必須為 0", e.g. AMEGO-based shipping code on GitHub) — the MIG PDF
  itself could not be fetched from here (unconfirmed against the official text; see the README's MOF section).
- A consumer buyer's Identifier is ten zeros; carrier types 3J0002 (mobile barcode) and CQ0001 (citizen
  certificate), both ids in CarrierId1 and CarrierId2; a donated invoice has DonateMark 1 and NPOBAN.
- A B2C invoice with neither carrier nor donation must be PrintMark Y (the platform's XSD check rejects it
  otherwise: a public seller's self-check report, where 1,000 such files landed in Turnkey's ERR folder).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from core.clock import TAIPEI
from hq.mof.schema import namespace

CONSUMER_ID = "0000000000"
CARRIER_TYPES = {"mobile": "3J0002", "citizen": "CQ0001"}
TAX_RATE = "0.05"
TAXABLE = "1"
GENERAL_INVOICE = "07"  # 一般稅額計算; 08 is the special-tax kind, which a retail store does not issue
REASON_MAX = 20


@dataclass(frozen=True)
class Party:
    identifier: str  # a BAN, or CONSUMER_ID
    name: str


@dataclass(frozen=True)
class Item:
    description: str
    quantity: int
    unit_price: int
    amount: int
    sequence: int  # 1-based line number, at most 4 digits


@dataclass(frozen=True)
class InvoiceMessage:
    number: str
    issued_at: datetime
    seller: Party
    buyer_ban: str | None
    random_code: str | None
    items: Sequence[Item]
    total: int
    sales: int
    tax: int
    carrier_type: str | None = None  # "mobile" | "citizen"
    carrier_id: str | None = None
    donation_code: str | None = None
    print_mark: bool = True


@dataclass(frozen=True)
class CancelMessage:
    number: str
    issued_at: datetime
    seller_ban: str
    buyer_ban: str | None
    cancelled_at: datetime
    reason: str


@dataclass(frozen=True)
class AllowanceItem:
    original_number: str
    original_date: datetime
    original_sequence: int | None
    description: str
    quantity: int
    unit_price: int
    amount: int  # untaxed
    tax: int
    sequence: int


@dataclass(frozen=True)
class AllowanceMessage:
    """A 折讓 (G0401), built by hq.mof.documents from an allowance HQ accepted."""

    number: str
    issued_at: datetime
    seller: Party
    buyer: Party
    items: Sequence[AllowanceItem]
    tax_amount: int
    total_amount: int  # untaxed, the sum of the items' amounts
    seller_issued: bool = True  # AllowanceType 2 (the seller issues it) vs 1 (the buyer does)


@dataclass(frozen=True)
class CancelAllowanceMessage:
    number: str
    allowance_date: datetime
    seller_ban: str
    buyer_ban: str | None
    cancelled_at: datetime
    reason: str


@dataclass(frozen=True)
class BlankMessage:
    """E0402: the numbers of one track of one period that were never used, as inclusive ranges."""

    ban: str
    period_code: str
    track: str
    ranges: Sequence[tuple[int, int]]


Message = InvoiceMessage | CancelMessage | AllowanceMessage | CancelAllowanceMessage | BlankMessage


def _date(when: datetime) -> str:
    return when.astimezone(TAIPEI).strftime("%Y%m%d")


def _time(when: datetime) -> str:
    return when.astimezone(TAIPEI).strftime("%H:%M:%S")


class _Tree:
    """SubElement in one namespace, in the order written (the schema checks the order)."""

    def __init__(self, kind: str) -> None:
        self.ns = "{" + namespace(kind) + "}"
        self.nsmap = {None: namespace(kind)}

    def root(self, tag: str) -> etree._Element:
        return etree.Element(self.ns + tag, nsmap=self.nsmap)  # type: ignore[arg-type]  # None: the default ns

    def add(self, parent: etree._Element, tag: str, text: str | int | None = None) -> etree._Element:
        child = etree.SubElement(parent, self.ns + tag)
        if text is not None:
            child.text = str(text)
        return child

    def party(self, parent: etree._Element, tag: str, party: Party) -> None:
        node = self.add(parent, tag)
        self.add(node, "Identifier", party.identifier)
        self.add(node, "Name", party.name)


def _buyer(buyer_ban: str | None, random_code: str | None) -> Party:
    # No buyer name is collected at the till. For a consumer the platform takes a placeholder (public
    # generators send the random code or 0000; unconfirmed which the MIG prefers); for a B2B buyer the BAN
    # stands in for the name (the 存證 copy is the seller's record; the buyer's own name is not checked).
    if buyer_ban:
        return Party(buyer_ban, buyer_ban)
    return Party(CONSUMER_ID, random_code or "0000")


def _reason(reason: str) -> str:
    text = " ".join(reason.split())[:REASON_MAX]
    return text or "作廢"


def f0401(msg: InvoiceMessage) -> etree._Element:
    tree = _Tree("F0401")
    root = tree.root("Invoice")
    main = tree.add(root, "Main")
    tree.add(main, "InvoiceNumber", msg.number)
    tree.add(main, "InvoiceDate", _date(msg.issued_at))
    tree.add(main, "InvoiceTime", _time(msg.issued_at))
    tree.party(main, "Seller", msg.seller)
    tree.party(main, "Buyer", _buyer(msg.buyer_ban, msg.random_code))
    tree.add(main, "InvoiceType", GENERAL_INVOICE)
    tree.add(main, "DonateMark", "1" if msg.donation_code else "0")
    if msg.carrier_type and msg.carrier_id:
        tree.add(main, "CarrierType", CARRIER_TYPES.get(msg.carrier_type, msg.carrier_type))
        tree.add(main, "CarrierId1", msg.carrier_id)
        tree.add(main, "CarrierId2", msg.carrier_id)
    tree.add(main, "PrintMark", "Y" if msg.print_mark else "N")
    if msg.donation_code:
        tree.add(main, "NPOBAN", msg.donation_code)
    if msg.random_code:
        tree.add(main, "RandomNumber", msg.random_code)
    details = tree.add(root, "Details")
    for item in msg.items:
        line = tree.add(details, "ProductItem")
        tree.add(line, "Description", item.description)
        tree.add(line, "Quantity", item.quantity)
        tree.add(line, "UnitPrice", item.unit_price)
        tree.add(line, "TaxType", TAXABLE)
        tree.add(line, "Amount", item.amount)
        tree.add(line, "SequenceNumber", item.sequence)
    amount = tree.add(root, "Amount")
    b2b = bool(msg.buyer_ban)
    tree.add(amount, "SalesAmount", msg.sales if b2b else msg.total)
    tree.add(amount, "FreeTaxSalesAmount", 0)
    tree.add(amount, "ZeroTaxSalesAmount", 0)
    tree.add(amount, "TaxType", TAXABLE)
    tree.add(amount, "TaxRate", TAX_RATE)
    tree.add(amount, "TaxAmount", msg.tax if b2b else 0)
    tree.add(amount, "TotalAmount", msg.total)
    return root


def _cancel(message: str, root_name: str, number_tag: str, date_tag: str, *, number: str, issued: datetime,
            buyer_ban: str | None, seller_ban: str, cancelled_at: datetime, reason: str) -> etree._Element:
    """F0501 and G0501 share their shape: what is cancelled, its date, the two parties, when and why."""
    tree = _Tree(message)
    root = tree.root(root_name)
    tree.add(root, number_tag, number)
    tree.add(root, date_tag, _date(issued))
    tree.add(root, "BuyerId", buyer_ban or CONSUMER_ID)
    tree.add(root, "SellerId", seller_ban)
    tree.add(root, "CancelDate", _date(cancelled_at))
    tree.add(root, "CancelTime", _time(cancelled_at))
    tree.add(root, "CancelReason", _reason(reason))
    return root


def f0501(msg: CancelMessage) -> etree._Element:
    return _cancel("F0501", "CancelInvoice", "CancelInvoiceNumber", "InvoiceDate", number=msg.number,
                   issued=msg.issued_at, buyer_ban=msg.buyer_ban, seller_ban=msg.seller_ban,
                   cancelled_at=msg.cancelled_at, reason=msg.reason)


def g0401(msg: AllowanceMessage) -> etree._Element:
    tree = _Tree("G0401")
    root = tree.root("Allowance")
    main = tree.add(root, "Main")
    tree.add(main, "AllowanceNumber", msg.number)
    tree.add(main, "AllowanceDate", _date(msg.issued_at))
    tree.party(main, "Seller", msg.seller)
    tree.party(main, "Buyer", msg.buyer)
    tree.add(main, "AllowanceType", "2" if msg.seller_issued else "1")
    details = tree.add(root, "Details")
    for item in msg.items:
        line = tree.add(details, "ProductItem")
        tree.add(line, "OriginalInvoiceDate", _date(item.original_date))
        tree.add(line, "OriginalInvoiceNumber", item.original_number)
        if item.original_sequence is not None:
            tree.add(line, "OriginalSequenceNumber", item.original_sequence)
        tree.add(line, "OriginalDescription", item.description)
        tree.add(line, "Quantity", item.quantity)
        tree.add(line, "Unit", "個")  # required in G0401 (the self-check report's fix); we sell by the piece
        tree.add(line, "UnitPrice", item.unit_price)
        tree.add(line, "Amount", item.amount)
        tree.add(line, "Tax", item.tax)
        tree.add(line, "AllowanceSequenceNumber", item.sequence)
        tree.add(line, "TaxType", TAXABLE)
    amount = tree.add(root, "Amount")
    tree.add(amount, "TaxAmount", msg.tax_amount)
    tree.add(amount, "TotalAmount", msg.total_amount)
    return root


def g0501(msg: CancelAllowanceMessage) -> etree._Element:
    return _cancel("G0501", "CancelAllowance", "CancelAllowanceNumber", "AllowanceDate", number=msg.number,
                   issued=msg.allowance_date, buyer_ban=msg.buyer_ban, seller_ban=msg.seller_ban,
                   cancelled_at=msg.cancelled_at, reason=msg.reason)


def e0402(msg: BlankMessage) -> etree._Element:
    tree = _Tree("E0402")
    root = tree.root("BranchTrackBlank")
    main = tree.add(root, "Main")
    # A single-BAN seller is its own head office and branch (E0402 generators send the same BAN twice).
    tree.add(main, "HeadBan", msg.ban)
    tree.add(main, "BranchBan", msg.ban)
    tree.add(main, "InvoiceType", GENERAL_INVOICE)
    tree.add(main, "YearMonth", msg.period_code)
    tree.add(main, "InvoiceTrack", msg.track)
    details = tree.add(root, "Details")
    for start, end in msg.ranges:
        item = tree.add(details, "BranchTrackBlankItem")
        tree.add(item, "InvoiceBeginNo", f"{start:08d}")
        tree.add(item, "InvoiceEndNo", f"{end:08d}")
    return root


def kind_of(msg: Message) -> str:
    return {InvoiceMessage: "F0401", CancelMessage: "F0501", AllowanceMessage: "G0401",
            CancelAllowanceMessage: "G0501", BlankMessage: "E0402"}[type(msg)]


def build(msg: Message) -> etree._Element:
    if isinstance(msg, InvoiceMessage):
        return f0401(msg)
    if isinstance(msg, CancelMessage):
        return f0501(msg)
    if isinstance(msg, AllowanceMessage):
        return g0401(msg)
    if isinstance(msg, CancelAllowanceMessage):
        return g0501(msg)
    return e0402(msg)


def serialise(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8")
