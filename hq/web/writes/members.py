"""Members (HQ's customers) from the back office: add or edit, import a CSV. Written through
hq.catalog.upsert_customers, so each change takes a version and stations pull it by delta; a member code
belongs to one member, checked per row before anything is written."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlmodel import Session, col, or_, select

from core.sync.protocol import CustomerIn
from hq.tables import HQCustomer
from hq.web.writes.rows import RowError, pydantic_reason, read_rows

COLUMNS = ("id", "member_code", "phone", "name")
MAX_ROWS = 200_000
PHONE = re.compile(r"^\+?[0-9]{6,19}$")
_SEPARATORS = re.compile(r"[\s()-]")


def normal_phone(text: str) -> str:
    """As a cashier types it: digits (and a leading +), without the spaces and dashes people write."""
    return _SEPARATORS.sub("", text)


class MemberRow(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9._-]+$")
    member_code: str | None = Field(default=None, min_length=1, max_length=40)
    phone: str | None = Field(default=None, max_length=20)
    name: str = Field(default="", max_length=100)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = normal_phone(value)
        if not PHONE.match(value):
            raise ValueError("a phone number is 6 to 19 digits")
        return value

    def wire(self) -> CustomerIn:
        return CustomerIn(id=self.id, member_code=self.member_code, phone=self.phone, name=self.name)


def new_id() -> str:
    return f"C-{uuid.uuid4().hex[:12].upper()}"


def row_from(cells: dict[str, str]) -> MemberRow:
    return MemberRow.model_validate({"id": cells.get("id") or new_id(), "member_code": cells.get("member_code") or None,
                                     "phone": cells.get("phone") or None, "name": cells.get("name", "")})


def parse_csv(data: bytes) -> tuple[list[tuple[int, MemberRow]], list[RowError]]:
    rows, errors = [], []
    for line, cells in read_rows(data, {"name"}, COLUMNS):
        try:
            rows.append((line, row_from(cells)))
        except ValidationError as error:
            errors.append(RowError(line, pydantic_reason(error)))
        if len(rows) + len(errors) > MAX_ROWS:
            return rows, [RowError(1, f"more than {MAX_ROWS:,} rows"), *errors]
    return rows, errors


def check(session: Session, rows: Sequence[tuple[int, MemberRow]], lang: str) -> list[RowError]:
    """A member code used twice in the file, or by another member at HQ; an id twice in the file."""
    en = lang == "en"
    errors: list[RowError] = []
    ids: dict[str, int] = {}
    codes: dict[str, tuple[int, str]] = {}
    for line, row in rows:
        if row.id in ids:
            errors.append(RowError(line, f"id {row.id} also on line {ids[row.id]}" if en
                                   else f"編號 {row.id} 與第 {ids[row.id]} 行重複"))
        ids.setdefault(row.id, line)
        if row.member_code:
            if row.member_code in codes and codes[row.member_code][1] != row.id:
                first = codes[row.member_code][0]
                errors.append(RowError(line, f"member code {row.member_code} also on line {first}" if en
                                       else f"會員編號 {row.member_code} 與第 {first} 行重複"))
            codes.setdefault(row.member_code, (line, row.id))
    taken: dict[str, str] = {}
    wanted = list(codes)
    for start in range(0, len(wanted), 500):  # bounded IN lists, for a file of 100,000 members
        taken.update({code: cid for cid, code in session.exec(
            select(HQCustomer.id, HQCustomer.member_code)
            .where(col(HQCustomer.member_code).in_(wanted[start:start + 500]))) if code})
    for code, (line, member_id) in codes.items():
        if code in taken and taken[code] != member_id:
            errors.append(RowError(line, f"member code {code} belongs to member {taken[code]}" if en
                                   else f"會員編號 {code} 已屬於會員 {taken[code]}"))
    return sorted(errors, key=lambda e: e.line)


def export_rows(session: Session) -> list[list[str]]:
    return [list(COLUMNS)] + [[c.id, c.member_code or "", c.phone or "", c.name]
                              for c in session.exec(select(HQCustomer).order_by(col(HQCustomer.id)))]


def search(session: Session, q: str = "", limit: int = 100) -> list[HQCustomer]:
    """By phone (as typed, spaces and dashes ignored), member code, id, or part of the name; newest change
    first without a query."""
    text = q.strip()
    if not text:
        return list(session.exec(select(HQCustomer).order_by(col(HQCustomer.version).desc()).limit(limit)))
    query = select(HQCustomer).where(or_(col(HQCustomer.phone) == normal_phone(text),
                                         col(HQCustomer.member_code) == text, col(HQCustomer.id) == text,
                                         col(HQCustomer.name).contains(text)))
    return list(session.exec(query.order_by(col(HQCustomer.id)).limit(limit)))
