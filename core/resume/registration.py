"""The station's registration: a small file beside (never inside) the database, written once HQ has given
this station numbers. Losing or replacing `station.db` leaves it in place, so the next open knows the new
database may be behind HQ. It also keeps the last order seq it saw (refreshed at each resume and backup),
so a fresh database's order numbers start past the old ones.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from core.private_files import replace_private

FILE_NAME = "registration.json"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Registration:
    station_id: str
    registered_at: datetime  # the first time HQ's numbering was adopted here
    database_id: str  # the database HQ's numbering was last adopted into
    seq: int = 0  # the highest order seq known at the last resume or backup

    def to_json(self) -> bytes:
        data = {**asdict(self), "registered_at": self.registered_at.isoformat()}
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def registration_path(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def read_registration(data_dir: Path) -> Registration | None:
    """The registration, or None if this station never adopted HQ's numbering. A damaged file counts as a
    registration with nothing known (the safe reading: the station has sold before)."""
    path = registration_path(data_dir)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        data = json.loads(raw)
        return Registration(str(data["station_id"]), datetime.fromisoformat(data["registered_at"]),
                            str(data["database_id"]), int(data.get("seq", 0)))
    except (ValueError, KeyError, TypeError):
        log.error("registration file %s is unreadable; treating the station as registered", path)
        return Registration("?", datetime.min.replace(tzinfo=UTC), "?", 0)


def register(data_dir: Path, *, station_id: str, database_id: str, seq: int, now: datetime) -> Registration:
    """Record (atomically, durably) that `database_id` now holds HQ's numbering; keeps the first date."""
    old = read_registration(data_dir)
    if old is not None and old.station_id != "?":
        new = replace(old, station_id=station_id, database_id=database_id, seq=max(old.seq, seq))
    else:
        new = Registration(station_id, now, database_id, seq)
    if new != old:
        replace_private(registration_path(data_dir), new.to_json())
    return new


def note_seq(data_dir: Path, seq: int) -> None:
    """Raise the remembered order seq (after a backup): a fresh database then starts its numbers past it."""
    old = read_registration(data_dir)
    if old is not None and old.station_id != "?" and seq > old.seq:
        replace_private(registration_path(data_dir), replace(old, seq=seq).to_json())
