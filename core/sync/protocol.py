"""The wire contract between a station and HQ, shared by both sides (hq imports it; core never imports hq).

Versioned by URL prefix: a breaking change gets /api/v2 and both prefixes live side by side for a while.
An order's payload is the immutable sale only (no void state): the station re-sends exactly the same
bytes on every retry, so HQ can recognise a replay by the payload's sha256.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter

from core.clock import to_taipei
from core.limits import MAX_ORDER_TOTAL, MAX_QUANTITY, MAX_UNIT_PRICE
from core.payment_kind import PaymentKind

API_PREFIX = "/api/v1"
PROTOCOL_VERSION = 1

MAX_BATCH = 500
MAX_LINES = 500
MAX_PAYMENTS = 20
MAX_PAGE = 10_000
DEFAULT_PAGE = 5_000
MAX_BOOKLETS_PER_REQUEST = 20
MAX_SEQ = 2**31 - 1  # every integer HQ stores fits a 32-bit column (PostgreSQL INTEGER)
# A time a station sends: within this century, so converting it to Taipei time can never overflow.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)

ProductTypeName = Literal["regular", "addon", "gift"]
Outcome = Literal["accepted", "rejected", "conflict"]

_STRICT = ConfigDict(extra="forbid", frozen=True)
_ID = r"^[A-Za-z0-9._-]+$"
_PERIOD = r"^[0-9]{3}(02|04|06|08|10|12)$"


class Wire(BaseModel):
    model_config = _STRICT


def _in_range(value: datetime) -> datetime:
    if not EARLIEST <= value < LATEST:
        raise ValueError("a time between 2000 and 2099")
    return value


StationTime = Annotated[AwareDatetime, AfterValidator(_in_range)]


# ---------------------------------------------------------------- health and errors

class Health(Wire):
    status: Literal["ok"] = "ok"
    server_time: AwareDatetime
    api: int = PROTOCOL_VERSION
    version: str


class Problem(Wire):
    """The `detail` of every 4xx HQ answers: a stable code a station renders in its own language."""

    code: str
    params: dict[str, str | int] = Field(default_factory=dict)
    message: str


# ---------------------------------------------------------------- reference data (HQ -> station)

class StaffOut(Wire):
    id: str = Field(min_length=1, max_length=20, pattern=_ID)
    name: str = Field(min_length=1, max_length=100)
    role: Literal["cashier", "manager"] = "cashier"
    pin_hash: str = Field(min_length=1, max_length=300)  # salted scrypt (core.pins): lets staff log in offline
    active: bool = True
    updated_at: AwareDatetime


class ProductIn(Wire):
    sku: str = Field(min_length=1, max_length=40, pattern=r"^\S+$")
    barcode: str | None = Field(default=None, max_length=40)
    name: str = Field(min_length=1, max_length=200)
    price_regular: int = Field(ge=0, le=MAX_UNIT_PRICE)
    price_addon: int | None = Field(default=None, ge=0, le=MAX_UNIT_PRICE)
    price_gift: int | None = Field(default=None, ge=0, le=MAX_UNIT_PRICE)
    active: bool = True


class ProductOut(ProductIn):
    """A catalog row as HQ sends it: what the back office imports, stamped with its change time."""

    updated_at: AwareDatetime


class CustomerOut(Wire):
    id: str = Field(min_length=1, max_length=40, pattern=_ID)
    member_code: str | None = Field(default=None, max_length=40)
    phone: str | None = Field(default=None, max_length=20)
    name: str = Field(default="", max_length=100)
    updated_at: AwareDatetime


class StaffPage(Wire):
    items: list[StaffOut]
    next_cursor: str
    has_more: bool


class ProductPage(Wire):
    items: list[ProductOut]
    next_cursor: str
    has_more: bool


class CustomerPage(Wire):
    items: list[CustomerOut]
    next_cursor: str
    has_more: bool


# ---------------------------------------------------------------- invoice booklets

class BookletOut(Wire):
    period_code: str = Field(pattern=_PERIOD)
    track: str = Field(pattern=r"^[A-Z]{2}$")
    start: int = Field(ge=0, le=99_999_950)
    end: int = Field(ge=49, le=99_999_999)


class BookletRequest(Wire):
    period_code: str = Field(pattern=_PERIOD)
    count: int = Field(default=1, ge=1, le=MAX_BOOKLETS_PER_REQUEST)


class BookletRangeIn(Wire):
    """A range the tax authority (or a 加值中心) assigned the company; whole booklets of 50."""

    period_code: str = Field(pattern=_PERIOD)
    track: str = Field(pattern=r"^[A-Z]{2}$")
    start: int = Field(ge=0, le=99_999_950)
    end: int = Field(ge=49, le=99_999_999)


class BookletRangeOut(Wire):
    period_code: str
    track: str
    start: int
    end: int
    allocated: int  # numbers handed out so far


# ---------------------------------------------------------------- orders (station -> HQ)

class LineIn(Wire):
    position: int = Field(ge=1, le=MAX_LINES)
    sku: str = Field(min_length=1, max_length=40, pattern=r"^\S+$")
    name: str = Field(min_length=1, max_length=200)
    product_type: ProductTypeName = "regular"
    quantity: int = Field(ge=1, le=MAX_QUANTITY)
    unit_price: int = Field(ge=0, le=MAX_UNIT_PRICE)
    catalog_price: int | None = Field(default=None, ge=0, le=MAX_UNIT_PRICE)  # the station's cached price
    amount: int = Field(ge=0, le=MAX_ORDER_TOTAL)
    # The manager whose PIN allowed a price below the station's catalog price. Added after v1: absent
    # (None) it is left out of the canonical payload, so an order stored before keeps its hash.
    price_approved_by: str | None = Field(default=None, min_length=1, max_length=20, pattern=_ID)


class PaymentIn(Wire):
    kind: PaymentKind
    amount: int = Field(ge=0, le=MAX_ORDER_TOTAL)
    tendered: int = Field(ge=0, le=MAX_ORDER_TOTAL)
    change: int = Field(default=0, ge=0, le=MAX_ORDER_TOTAL)
    reference: str = Field(default="", max_length=100)


class InvoiceIn(Wire):
    number: str = Field(pattern=r"^[A-Z]{2}[0-9]{8}$")
    period_code: str = Field(pattern=_PERIOD)
    random_code: str | None = Field(default=None, pattern=r"^[0-9]{4}$")
    issued_at: StationTime
    total: int = Field(ge=0, le=MAX_ORDER_TOTAL)
    sales: int = Field(ge=0, le=MAX_ORDER_TOTAL)
    tax: int = Field(ge=0, le=MAX_ORDER_TOTAL)
    seller_ban: str = Field(pattern=r"^[0-9]{8}$")
    buyer_ban: str | None = Field(default=None, pattern=r"^[0-9]{8}$")
    carrier_type: Literal["mobile", "citizen"] | None = None
    carrier_id: str | None = Field(default=None, max_length=64)
    donation_code: str | None = Field(default=None, max_length=7)
    qr_left: str | None = Field(default=None, max_length=4000)
    qr_right: str | None = Field(default=None, max_length=4000)
    print_mark: bool
    manual: bool = False  # 自行開立: a hand-written invoice


class OrderIn(Wire):
    id: uuid.UUID  # made at checkout: the idempotency key
    order_no: str = Field(min_length=1, max_length=40)
    seq: int = Field(ge=1, le=MAX_SEQ)
    station_id: str = Field(min_length=1, max_length=20, pattern=_ID)
    created_at: StationTime
    staff_id: str = Field(min_length=1, max_length=20)
    customer_id: str | None = Field(default=None, max_length=40)
    customer_phone: str | None = Field(default=None, max_length=20)
    total: int = Field(ge=0, le=MAX_ORDER_TOTAL)
    offline: bool = False
    lines: list[LineIn] = Field(min_length=1, max_length=MAX_LINES)
    payments: list[PaymentIn] = Field(default_factory=list, max_length=MAX_PAYMENTS)
    invoice: InvoiceIn
    # A return within the period voided this station's order `reissue_of` and invoiced the kept lines as
    # this one. Sent only when set: every other order's body stays byte for byte what it was.
    reissue_of: uuid.UUID | None = None


class OrderBatch(Wire):
    orders: list[OrderIn] = Field(min_length=1, max_length=MAX_BATCH)


class LineReconciliation(Wire):
    position: int
    sku: str
    product_type: ProductTypeName
    entered_name: str
    hq_name: str | None  # the catalog's name for the SKU; None when HQ does not know the SKU
    name_fixed: bool
    entered_price: int
    catalog_price: int | None  # HQ's price for the line's product type
    price_override: bool  # 店長改價: the entered price differs from HQ's catalog price
    unknown_sku: bool


class Reconciliation(Wire):
    lines: list[LineReconciliation]
    customer_id: str | None  # the customer HQ linked (a phone given offline becomes a member here)
    customer_linked: bool
    invoice_number: str
    period_code: str
    manual_invoice: bool
    attention: list[str] = Field(default_factory=list)  # codes for a person at HQ: unknown_sku, …


class OrderResult(Wire):
    order_id: uuid.UUID
    outcome: Outcome
    replay: bool = False  # HQ had this order already: this is the answer it gave the first time
    received_at: AwareDatetime | None = None
    reason_code: str | None = None
    reason_params: dict[str, str | int] = Field(default_factory=dict)
    reason: str | None = None  # English text for logs; stations render reason_code in their language
    reconciliation: Reconciliation | None = None


class BatchResult(Wire):
    results: list[OrderResult]


class VoidIn(Wire):
    reason: str = Field(min_length=1, max_length=200)
    voided_at: StationTime
    # The manager whose PIN allowed the void at the till; absent from stations older than this field.
    approved_by: str | None = Field(default=None, min_length=1, max_length=20, pattern=_ID)


class OrderRecord(Wire):
    order: OrderIn
    result: OrderResult
    status: Literal["accepted", "voided"]
    voided_at: AwareDatetime | None = None
    void_reason: str | None = None


class OrderSummary(Wire):
    id: uuid.UUID
    order_no: str
    station_id: str
    created_at: AwareDatetime
    received_at: AwareDatetime
    total: int
    offline: bool
    status: Literal["accepted", "voided"]
    invoice_number: str
    price_overrides: int
    attention: bool


class OrderPage(Wire):
    items: list[OrderSummary]
    next_cursor: str
    has_more: bool


# ---------------------------------------------------------------- allowances, 折讓 (station -> HQ)

AllowanceOutcome = Literal["accepted", "held", "rejected", "conflict"]
AllowanceStatus = Literal["accepted", "held", "rejected", "cancelled"]
_ALLOWANCE_NUMBER = r"^[A-Za-z0-9-]{1,16}$"  # MIG AllowanceNumber: at most 16 characters


class AllowanceLineIn(Wire):
    """One returned line: which line of the original sale (its position), how many, and the allowance's
    untaxed amount and tax for it, as the station printed them."""

    position: int = Field(ge=1, le=MAX_LINES)  # the allowance's own line number
    original_position: int = Field(ge=1, le=MAX_LINES)
    sku: str = Field(min_length=1, max_length=40, pattern=r"^\S+$")
    quantity: int = Field(ge=1, le=MAX_QUANTITY)
    amount: int = Field(ge=0, le=MAX_ORDER_TOTAL)  # untaxed
    tax: int = Field(ge=0, le=MAX_ORDER_TOTAL)


class RefundIn(Wire):
    kind: PaymentKind
    amount: int = Field(ge=0, le=MAX_ORDER_TOTAL)
    reference: str = Field(default="", max_length=100)


class AllowanceIn(Wire):
    id: uuid.UUID  # made at the till: the idempotency key
    station_id: str = Field(min_length=1, max_length=20, pattern=_ID)
    number: str = Field(pattern=_ALLOWANCE_NUMBER)  # unique per seller; starts with the station's id
    issued_at: StationTime
    original_invoice_number: str = Field(pattern=r"^[A-Z]{2}[0-9]{8}$")
    original_invoice_date: date
    original_order_id: uuid.UUID
    lines: list[AllowanceLineIn] = Field(min_length=1, max_length=MAX_LINES)
    refunds: list[RefundIn] = Field(default_factory=list, max_length=MAX_PAYMENTS)
    reason: str = Field(min_length=1, max_length=200)
    staff_id: str = Field(min_length=1, max_length=20)


class AllowanceBatch(Wire):
    allowances: list[AllowanceIn] = Field(min_length=1, max_length=MAX_BATCH)


class AllowanceResult(Wire):
    allowance_id: uuid.UUID
    outcome: AllowanceOutcome  # held: HQ does not hold the original sale yet; kept, judged when it arrives
    replay: bool = False
    received_at: AwareDatetime | None = None
    reason_code: str | None = None
    reason_params: dict[str, str | int] = Field(default_factory=dict)
    reason: str | None = None  # English text for logs; stations render reason_code in their language


class AllowanceBatchResult(Wire):
    results: list[AllowanceResult]


class AllowanceCancelIn(Wire):
    """作廢折讓: only within the allowance's own period, judged by HQ's clock."""

    allowance_id: uuid.UUID
    station_id: str = Field(min_length=1, max_length=20, pattern=_ID)
    cancelled_at: StationTime
    reason: str = Field(min_length=1, max_length=200)
    approved_by: str | None = Field(default=None, min_length=1, max_length=20, pattern=_ID)


class AllowanceCancelBatch(Wire):
    cancels: list[AllowanceCancelIn] = Field(min_length=1, max_length=MAX_BATCH)


class AllowanceCancelBatchResult(Wire):
    results: list[AllowanceResult]


class AllowanceSummary(Wire):
    id: uuid.UUID
    number: str
    station_id: str
    issued_at: AwareDatetime
    received_at: AwareDatetime
    original_order_id: uuid.UUID
    original_invoice_number: str
    amount: int  # untaxed
    tax: int
    refunded: int
    status: AllowanceStatus
    reason_code: str | None = None  # why it is held or was refused when judged later
    cancelled_at: AwareDatetime | None = None


class AllowancePage(Wire):
    items: list[AllowanceSummary]
    next_cursor: str
    has_more: bool


class ReturnedLine(Wire):
    position: int
    sku: str
    sold: int
    returned: int  # by allowances in force (accepted, not cancelled)


class OrderReturns(Wire):
    order_id: uuid.UUID
    allowances: list[AllowanceSummary]
    lines: list[ReturnedLine]
    paid: int
    refunded: int


# ---------------------------------------------------------------- admin (back office -> HQ)

class StaffIn(Wire):
    id: str = Field(min_length=1, max_length=20, pattern=_ID)
    name: str = Field(min_length=1, max_length=100)
    role: Literal["cashier", "manager"] = "cashier"
    pin: str = Field(pattern=r"^[0-9]{4,12}$")
    active: bool = True


class CustomerIn(Wire):
    id: str = Field(min_length=1, max_length=40, pattern=_ID)
    member_code: str | None = Field(default=None, min_length=1, max_length=40)
    phone: str | None = Field(default=None, min_length=1, max_length=20)
    name: str = Field(default="", max_length=100)


class StationIn(Wire):
    id: str = Field(min_length=1, max_length=20, pattern=_ID)
    name: str = Field(default="", max_length=100)


class StationState(Wire):
    id: str
    name: str
    active: bool  # false once revoked: its token is refused (401 hq.revoked)


class StationToken(Wire):
    id: str
    token: str  # shown once; HQ keeps only its hash


class Upserted(Wire):
    count: int


# ---------------------------------------------------------------- canonical payloads

# Optional fields added to LineIn after the first release: left out of the payload when unset, so an
# order uploaded before they existed has the same canonical JSON (and sha256) as it had then.
_LATER_LINE_FIELDS = ("price_approved_by",)


def order_payload(order: OrderIn) -> dict[str, Any]:
    """The canonical form of an order: times in Taipei time, however the station wrote them (`Z`, `+00:00`,
    `+08:00`, fractions of zero), so the same sale always has the same hash. A station writes Taipei time
    already (core.sync.payload), so an order stored before this keeps its hash."""
    # One dump of the order, its two times then replaced by their Taipei form in the same JSON rendering:
    # what copying the model with those times and dumping the copy gave, without the copies.
    payload = order.model_dump(mode="json")
    payload["created_at"] = _json_time(to_taipei(order.created_at))
    payload["invoice"]["issued_at"] = _json_time(to_taipei(order.invoice.issued_at))
    for line in payload["lines"]:
        for name in _LATER_LINE_FIELDS:
            if line.get(name) is None:
                line.pop(name, None)
    if payload.get("reissue_of") is None:  # added later too: an order stored before keeps its hash
        payload.pop("reissue_of", None)
    return payload


_TIME = TypeAdapter(datetime)


def _json_time(value: datetime) -> str:
    """A time as the models' JSON dump writes it."""
    text: str = _TIME.dump_python(value, mode="json")
    return text


def canonical_json(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def payload_sha256(order: OrderIn) -> str:
    """The identity of an order's content: a replay has the same hash, a conflicting re-use does not."""
    return hashlib.sha256(canonical_json(order_payload(order))).hexdigest()


def allowance_payload(allowance: AllowanceIn) -> dict[str, Any]:
    """Canonical like an order's: the issue time in Taipei time, however the station wrote it."""
    payload: dict[str, Any] = allowance.model_copy(
        update={"issued_at": to_taipei(allowance.issued_at)}).model_dump(mode="json")
    return payload


def allowance_sha256(allowance: AllowanceIn) -> str:
    return hashlib.sha256(canonical_json(allowance_payload(allowance))).hexdigest()


def cancel_sha256(cancel: AllowanceCancelIn) -> str:
    payload = cancel.model_copy(update={"cancelled_at": to_taipei(cancel.cancelled_at)}).model_dump(mode="json")
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text)
