"""Members (HQ's customers) from the back office: add or edit, import a CSV. Written through
hq.catalog.upsert_customers, so each change takes a version and stations pull it by delta; a member code
belongs to one member, checked per row before anything is written."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError
from sqlmodel import Session, col, or_, select

from core.sync.protocol import CustomerIn
from hq.tables import HQCustomer
from hq.web.i18n import Translate
from hq.web.words import PageText
from hq.web.writes.rows import RowError, read_rows, row_errors

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
            raise PydanticCustomError(PageText.CELL_PHONE, "a phone number is 6 to 19 digits")
        return value

    def wire(self) -> CustomerIn:
        return CustomerIn(id=self.id, member_code=self.member_code, phone=self.phone, name=self.name)


def new_id() -> str:
    return f"C-{uuid.uuid4().hex[:12].upper()}"


def row_from(cells: dict[str, str]) -> MemberRow:
    return MemberRow.model_validate({"id": cells.get("id") or new_id(), "member_code": cells.get("member_code") or None,
                                     "phone": cells.get("phone") or None, "name": cells.get("name", "")})


def parse_csv(data: bytes, t: Translate) -> tuple[list[tuple[int, MemberRow]], list[RowError]]:
    rows: list[tuple[int, MemberRow]] = []
    errors: list[RowError] = []
    for count, (line, cells) in enumerate(read_rows(data, {"name"}, COLUMNS), start=1):
        try:
            rows.append((line, row_from(cells)))
        except ValidationError as error:
            errors.extend(row_errors(line, error, t))
        if count > MAX_ROWS:
            return rows, [RowError(1, t(PageText.FILE_TOO_MANY_ROWS, n=f"{MAX_ROWS:,}")), *errors]
    return rows, errors


def check(session: Session, rows: Sequence[tuple[int, MemberRow]], t: Translate) -> list[RowError]:
    """A member code used twice in the file, or by another member at HQ; an id twice in the file."""
    errors: list[RowError] = []
    ids: dict[str, int] = {}
    codes: dict[str, tuple[int, str]] = {}
    for line, row in rows:
        if row.id in ids:
            errors.append(RowError(line, t(PageText.MEMBERS_ID_TWICE, id=row.id, first=ids[row.id]), "id"))
        ids.setdefault(row.id, line)
        if row.member_code:
            if row.member_code in codes and codes[row.member_code][1] != row.id:
                first = codes[row.member_code][0]
                errors.append(RowError(line, t(PageText.MEMBERS_CODE_TWICE, code=row.member_code, first=first),
                                       "member_code"))
            codes.setdefault(row.member_code, (line, row.id))
    taken: dict[str, str] = {}
    wanted = list(codes)
    for start in range(0, len(wanted), 500):  # bounded IN lists, for a file of 100,000 members
        taken.update({code: cid for cid, code in session.exec(
            select(HQCustomer.id, HQCustomer.member_code)
            .where(col(HQCustomer.member_code).in_(wanted[start:start + 500]))) if code})
    for code, (line, member_id) in codes.items():
        if code in taken and taken[code] != member_id:
            errors.append(RowError(line, t(PageText.MEMBERS_CODE_TAKEN, code=code, owner=taken[code]), "member_code"))
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
