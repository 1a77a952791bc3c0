"""Backup files in a folder: named by the time they were taken, so name order is time order."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from core.clock import TAIPEI

PREFIX = "station-"
SUFFIX = ".db"
PARTIAL = ".partial"  # a copy being made: never listed, never restored, cleaned up by the next backup
_NAME = re.compile(r"^station-(\d{8}-\d{6})(?:-(\d+))?\.db$")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    size: int


def backup_name(taken_at: datetime, folder: Path) -> Path:
    """A new file name for a backup taken at `taken_at` (Taipei time); a second one in the same second gets -2."""
    stem = f"{PREFIX}{taken_at.astimezone(TAIPEI):%Y%m%d-%H%M%S}"
    candidate, n = folder / f"{stem}{SUFFIX}", 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem}-{n}{SUFFIX}"
    return candidate


def list_backups(folder: Path) -> list[BackupFile]:
    """The finished backups in `folder`, newest first (missing folder: none)."""
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        match = _NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=TAIPEI)
        found.append((taken, int(match.group(2) or 1), BackupFile(path, taken, path.stat().st_size)))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [item[2] for item in found]


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups, and leftovers of interrupted ones; returns what went."""
    gone = []
    for old in list_backups(folder)[max(1, keep):]:
        old.path.unlink(missing_ok=True)
        gone.append(old.path)
    for leftover in folder.glob(f"{PREFIX}*{PARTIAL}*"):
        leftover.unlink(missing_ok=True)
        gone.append(leftover)
    if gone:
        log.info("backups pruned: %s", ", ".join(p.name for p in gone))
    return gone
