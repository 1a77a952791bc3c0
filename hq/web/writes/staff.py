"""Staff from the back office: add or edit (name, role, active), set a PIN, import a CSV. PINs are hashed as
HQ hashes every staff PIN (core.pins.hash_pin: salted scrypt, a manager's at least 6 digits) and exist in
plain only in this request's memory. Each change takes a new version, so stations pull it by delta."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlmodel import Session, col, select

from core.errors import ValidationError as RuleError
from core.pins import hash_pin, validate_pin
from hq.catalog import bump_version
from hq.tables import HQStaff
from hq.web.i18n import Translate
from hq.web.words import PageText
from hq.web.writes.rows import RowError, flag, read_rows, row_errors

COLUMNS = ("id", "name", "role", "active")  # the export: never a PIN, never a hash
IMPORTED = (*COLUMNS, "pin")  # an import may carry PINs; each is hashed, then forgotten
MAX_ROWS = 2_000  # a store's staff is tens; hashing a PIN costs ~0.1 s, so a file is bounded


class StaffRow(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9._-]+$")
    name: str = Field(min_length=1, max_length=100)
    role: Literal["cashier", "manager"] = "cashier"
    active: bool = True
    pin: str | None = Field(default=None, repr=False)  # plain; None keeps the PIN the person has

    def __repr__(self) -> str:  # never the PIN, should a row ever reach a log
        return f"StaffRow({self.id!r}, role={self.role!r}, pin={'set' if self.pin else 'kept'})"


@dataclass(frozen=True)
class Outcome:
    saved: int
    pins_set: int


def row_from(cells: dict[str, str]) -> StaffRow:
    return StaffRow.model_validate({"id": cells.get("id", ""), "name": cells.get("name", ""),
                                    "role": (cells.get("role") or "cashier").lower(),
                                    "active": flag(cells.get("active", "")), "pin": cells.get("pin") or None})


def parse_csv(data: bytes, t: Translate) -> tuple[list[tuple[int, StaffRow]], list[RowError]]:
    rows: list[tuple[int, StaffRow]] = []
    errors: list[RowError] = []
    for line, cells in read_rows(data, {"id", "name"}, IMPORTED):
        try:
            rows.append((line, row_from(cells)))
        except ValidationError as error:
            errors.extend(row_errors(line, error, t))
    if len(rows) + len({e.line for e in errors}) > MAX_ROWS:
        errors.insert(0, RowError(1, t(PageText.FILE_TOO_MANY_ROWS, n=f"{MAX_ROWS:,}")))
    return rows, errors


def check(session: Session, rows: Sequence[tuple[int, StaffRow]], lang: str, t: Translate) -> list[RowError]:
    """Every reason a row cannot be saved; nothing is written whatever the answer. `lang` is the page's, for
    the PIN rules' texts (core's catalog)."""
    known = {s.id: s.role for s in session.exec(
        select(HQStaff).where(col(HQStaff.id).in_([r.id for _, r in rows])))}
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        if row.id in seen:
            errors.append(RowError(line, t(PageText.STAFF_ID_TWICE, id=row.id, first=seen[row.id]), "id"))
        seen.setdefault(row.id, line)
        if row.pin is not None:
            try:
                validate_pin(row.pin, row.role)
            except RuleError as error:
                errors.append(RowError(line, error.text("en" if lang == "en" else "zh_TW"), "pin"))
        elif row.id not in known:
            errors.append(RowError(line, t(PageText.STAFF_PIN_FOR_NEW), "pin"))
        elif row.role == "manager" and known[row.id] != "manager":
            # Only the hash is kept, so the old PIN's length is unknown: a new manager gets a new, long PIN.
            errors.append(RowError(line, t(PageText.STAFF_MANAGER_PIN), "pin"))
    return errors


def save(session: Session, rows: Sequence[StaffRow], hashes: dict[str, str], now: datetime) -> Outcome:
    """Write checked rows; `hashes` are the new PINs' hashes by staff id, made before the write transaction
    (scrypt is slow: it must not hold HQ's write lock)."""
    last = bump_version(session, "staff", len(rows))
    for offset, row in enumerate(rows):
        staff = session.get(HQStaff, row.id)
        pin_hash = hashes.get(row.id) or (staff.pin_hash if staff else None)
        if pin_hash is None:
            raise LookupError(row.id)  # removed since it was checked: the caller's transaction rolls back
        if staff is None:
            staff = HQStaff(id=row.id, name=row.name, role=row.role, pin_hash=pin_hash, active=row.active,
                            updated_at=now, version=0)
        staff.name, staff.role, staff.active, staff.pin_hash = row.name, row.role, row.active, pin_hash
        staff.updated_at, staff.version = now, last - len(rows) + 1 + offset
        session.add(staff)
    session.flush()
    return Outcome(len(rows), len(hashes))


def hash_pins(rows: Sequence[StaffRow]) -> dict[str, str]:
    return {row.id: hash_pin(row.pin, row.role) for row in rows if row.pin is not None}


def set_pin(session: Session, staff_id: str, pin_hash: str, now: datetime) -> bool:
    staff = session.get(HQStaff, staff_id)
    if staff is None:
        return False
    staff.pin_hash, staff.updated_at, staff.version = pin_hash, now, bump_version(session, "staff", 1)
    session.add(staff)
    return True


def export_csv(session: Session) -> list[list[str]]:
    return [list(COLUMNS)] + [[s.id, s.name, s.role, "1" if s.active else "0"]
                              for s in session.exec(select(HQStaff).order_by(col(HQStaff.id)))]


def listing(session: Session, q: str = "", limit: int = 500) -> list[HQStaff]:
    query = select(HQStaff)
    if q.strip():
        query = query.where((col(HQStaff.id) == q.strip()) | col(HQStaff.name).contains(q.strip()))
    return list(session.exec(query.order_by(col(HQStaff.id)).limit(limit)))
