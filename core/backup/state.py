"""The last backup and the last failure, in `backup-state.json` in the data dir: what the doctor and the
devices screen show. Written after each attempt; the backups themselves are the truth (rotation.py)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from core.private_files import replace_private

FILE_NAME = "backup-state.json"


@dataclass(frozen=True)
class LastBackup:
    path: str
    at: datetime
    size: int


@dataclass(frozen=True)
class LastFailure:
    at: datetime
    code: str
    params: dict[str, Any]


@dataclass(frozen=True)
class BackupState:
    last: LastBackup | None = None
    failure: LastFailure | None = None  # only if newer than `last`


def _dump(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def read_state(data_dir: Path) -> BackupState:
    try:
        data = json.loads((data_dir / FILE_NAME).read_text(encoding="utf-8"))
        last = data.get("last")
        failure = data.get("failure")
        return BackupState(
            LastBackup(last["path"], datetime.fromisoformat(last["at"]), int(last["size"])) if last else None,
            LastFailure(datetime.fromisoformat(failure["at"]), failure["code"], dict(failure["params"]))
            if failure else None)
    except (OSError, ValueError, KeyError, TypeError):
        return BackupState()


def write_state(data_dir: Path, state: BackupState) -> None:
    data = {"last": {k: _dump(v) for k, v in asdict(state.last).items()} if state.last else None,
            "failure": {k: _dump(v) for k, v in asdict(state.failure).items()} if state.failure else None}
    replace_private(data_dir / FILE_NAME, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"),
                    durable=False)
