"""Member (客戶) login: what the cashier may type, and where the answer came from.

A lookup reads the local cache first (instant, works offline). Only when the cache does not know the key
and HQ is reachable is HQ asked, briefly (the cashier is waiting); a hit there is cached locally, so the
order links to it and the next lookup is local. HQ unreachable or slow behaves as offline: a mobile number
the cache does not know is kept on the order and HQ links it at upload. Pure rules here; no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from core.errors import ValidationError
from core.messages import CheckoutCode

if TYPE_CHECKING:
    from core.messages.reason import Reason
    from core.store.people import Member

# HQ gets this long to answer a member lookup (connect, send, wait, read: all of it).
HQ_LOOKUP_TIMEOUT = 1.5

MOBILE = re.compile(r"09\d{8}")  # a Taiwanese mobile number: 09 and 8 more digits
# A member code as printed on a member card: a letter, then letters, digits, '-', '_' or '.' (4 to 40 in all).
MEMBER_CODE = re.compile(r"[A-Za-z][A-Za-z0-9._-]{3,39}")
_MOBILE_LIKE = re.compile(r"[\d\s+()-]+")  # digits (and phone punctuation) only: meant as a phone number


class KeyKind(StrEnum):
    PHONE = "phone"
    MEMBER_CODE = "member_code"


@dataclass(frozen=True)
class MemberKey:
    kind: KeyKind
    value: str


def is_valid_mobile(text: str) -> bool:
    return MOBILE.fullmatch(text) is not None


def is_valid_member_code(text: str) -> bool:
    return MEMBER_CODE.fullmatch(text) is not None


def parse_member_key(text: str) -> MemberKey:
    """What the cashier typed or scanned, as a mobile number or a member code; a clear ValidationError
    otherwise (a number that is not a mobile number gets the mobile number's rule)."""
    value = text.strip()
    if _MOBILE_LIKE.fullmatch(value):  # as customers say it: 0912-345-678, 0912 345 678, +886 912 345 678
        value = re.sub(r"[\s()-]", "", value)
        value = "0" + value[4:] if value.startswith("+886") else value
    if is_valid_mobile(value):
        return MemberKey(KeyKind.PHONE, value)
    if is_valid_member_code(value):
        return MemberKey(KeyKind.MEMBER_CODE, value)
    if value and _MOBILE_LIKE.fullmatch(value):
        raise ValidationError(CheckoutCode.CUSTOMER_MOBILE_INVALID, value=text.strip())
    raise ValidationError(CheckoutCode.CUSTOMER_PHONE_INVALID, value=value)


class Source(StrEnum):
    LOCAL = "local"  # the station's cache answered
    HQ = "hq"  # HQ answered (and the customer is cached now)


@dataclass(frozen=True)
class HQAnswer:
    """HQ's side of a lookup: `reached` False means HQ was offline, unreachable or too slow (`reason` says
    which); reached with no member means HQ does not know the key either."""

    member: Member | None
    reached: bool
    reason: Reason | None = None


class HQMembers(Protocol):
    """Who asks HQ for a member: the sync service (core.sync.service) the Station runs, or a test's own."""

    @property
    def online(self) -> bool: ...

    def lookup_member(self, key: MemberKey, timeout: float = HQ_LOOKUP_TIMEOUT) -> HQAnswer: ...


@dataclass(frozen=True)
class MemberLookup:
    key: MemberKey
    member: Member | None
    source: Source | None  # None: not found
    hq_asked: bool = False
    hq_reached: bool = False
    hq_reason: Reason | None = None

    @property
    def keep_phone(self) -> str | None:
        """The number to keep on the order for HQ to link at upload, when no member was found."""
        return self.key.value if self.member is None and self.key.kind is KeyKind.PHONE else None
