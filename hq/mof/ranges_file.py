"""`cashier hq ranges import FILE`: the platform's assigned number ranges (字軌) into HQ's ranges.

Two shapes are read:
- the E0501 message Turnkey downloads (InvoiceEnvelope/InvoicePack/InvoiceAssignNo with Ban, InvoiceType,
  YearMonth, InvoiceTrack, InvoiceBeginNo, InvoiceEndNo, InvoiceBooklet), as ho600-ltd/django-taiwan-einvoice
  parses it (turnkey_web/turnkey_wrapper/models.py, EITurnkeyE0501XML.parse);
- the CSV the platform's website lets a seller download, one range a line:
  `ban, invoice type (07/08), (unused), "yyy/mm ~ yyy/mm", track, begin, end` — the column positions come
  from ho600's parser as the reference notes quote it (unconfirmed against the platform's own description).
  A header line (anything whose first cell is not 8 digits) is skipped.
Every range must be whole booklets of 50 and belong to the seller's BAN; an overlap with a range HQ already
holds (or another line) is refused with its line number, and nothing of the file is imported then.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lxml import etree
from sqlmodel import Session, select

from core.einvoice import BOOKLET_SIZE, Period
from core.errors import CashierError
from core.messages import MofCode
from hq.tables import HQBookletRange

_PERIOD = re.compile(r"^\s*(\d{2,3})\s*/\s*(\d{1,2})\s*(?:~\s*(\d{2,3})\s*/\s*(\d{1,2}))?\s*$")


class RangeFileError(CashierError):
    """The range file cannot be imported as it is; nothing was imported."""


@dataclass(frozen=True)
class AssignedRange:
    line: int
    ban: str
    period_code: str
    track: str
    start: int
    end: int


def _period(text: str, line: int) -> str:
    text = text.strip()
    if re.fullmatch(r"\d{5}", text):
        code = text
    else:
        match = _PERIOD.match(text)
        if match is None:
            raise RangeFileError(MofCode.RANGES_LINE_INVALID, line=line, detail=f"period '{text[:20]}'")
        year, month = int(match[3] or match[1]), int(match[4] or match[2])
        code = f"{year:03d}{month + month % 2:02d}"
    try:
        Period.from_code(code)
    except ValueError:
        raise RangeFileError(MofCode.RANGES_LINE_INVALID, line=line, detail=f"period '{text[:20]}'") from None
    return code


def _number(text: str, line: int, what: str) -> int:
    text = text.strip()
    if not re.fullmatch(r"\d{1,8}", text):
        raise RangeFileError(MofCode.RANGES_LINE_INVALID, line=line, detail=f"{what} '{text[:20]}'")
    return int(text)


def _from_csv(text: str) -> list[AssignedRange]:
    found = []
    dialect = "excel-tab" if "\t" in text.splitlines()[0] else "excel"
    for line, cells in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        if not cells or not "".join(cells).strip():
            continue
        if not re.fullmatch(r"\d{8}", cells[0].strip()):
            continue  # a header
        if len(cells) < 7:
            raise RangeFileError(MofCode.RANGES_LINE_INVALID, line=line, detail=f"{len(cells)} columns, expected 7")
        track = cells[4].strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", track):
            raise RangeFileError(MofCode.RANGES_LINE_INVALID, line=line, detail=f"track '{track[:10]}'")
        found.append(AssignedRange(line, cells[0].strip(), _period(cells[3], line), track,
                                   _number(cells[5], line, "begin"), _number(cells[6], line, "end")))
    return found


def _from_e0501(content: bytes) -> list[AssignedRange]:
    root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
    found = []
    for node in root.iter("{*}InvoiceAssignNo"):
        def get(name: str, node: etree._Element = node) -> str:
            child = node.find(f"{{*}}{name}")
            return (child.text or "").strip() if child is not None else ""
        line: int = node.sourceline or 0  # type: ignore[assignment]  # lxml-stubs: int | None
        track = get("InvoiceTrack").upper()
        if not re.fullmatch(r"[A-Z]{2}", track):
            raise RangeFileError(MofCode.RANGES_LINE_INVALID, line=line, detail=f"track '{track[:10]}'")
        found.append(AssignedRange(line, get("Ban"), _period(get("YearMonth"), line), track,
                                   _number(get("InvoiceBeginNo"), line, "begin"),
                                   _number(get("InvoiceEndNo"), line, "end")))
    return found


def read_ranges(path: Path) -> list[AssignedRange]:
    try:
        content = path.read_bytes()
    except OSError as error:
        raise RangeFileError(MofCode.RANGES_UNREADABLE, path=str(path), reason=type(error).__name__) from None
    return parse_ranges(content, str(path))


def parse_ranges(content: bytes, name: str) -> list[AssignedRange]:
    """A range file's bytes (read from disk, or uploaded to the back office); `name` is for messages."""
    if content.lstrip().startswith(b"<"):
        try:
            return _from_e0501(content)
        except etree.XMLSyntaxError as error:
            raise RangeFileError(MofCode.RANGES_UNREADABLE, path=name, reason=str(error)[:80]) from None
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("big5", errors="replace")  # the platform's older downloads are Big5
    return _from_csv(text)


def import_ranges(session: Session, ranges: list[AssignedRange], seller_ban: str, now: datetime) -> int:
    """Check every line first, then add them all (one transaction: all or nothing)."""
    accepted: list[AssignedRange] = []
    for r in ranges:
        if seller_ban and r.ban != seller_ban:
            raise RangeFileError(MofCode.RANGES_FOREIGN_BAN, line=r.line, ban=r.ban, seller=seller_ban)
        if r.start % BOOKLET_SIZE or (r.end + 1) % BOOKLET_SIZE or r.end < r.start:
            raise RangeFileError(MofCode.RANGES_NOT_BOOKLETS, line=r.line, track=r.track, start=r.start, end=r.end)
        clash = session.exec(select(HQBookletRange.id).where(
            HQBookletRange.period_code == r.period_code, HQBookletRange.track == r.track,
            HQBookletRange.start <= r.end, HQBookletRange.end >= r.start)).first()
        if clash is not None or any(o.period_code == r.period_code and o.track == r.track and o.start <= r.end
                                    and o.end >= r.start for o in accepted):
            raise RangeFileError(MofCode.RANGES_OVERLAP, line=r.line, track=r.track, start=r.start, end=r.end)
        accepted.append(r)
    for r in accepted:
        session.add(HQBookletRange(period_code=r.period_code, track=r.track, start=r.start, end=r.end,
                                   next_start=r.start, imported_at=now))
    return len(accepted)
