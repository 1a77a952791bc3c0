"""Doctor check: can the configuration be read, and is the file that holds the secrets private?"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from core.doctor.model import CheckResult, Said, Status, say

if TYPE_CHECKING:
    from core.config import Config


def check_config(explicit: Path | str | None, environ: Mapping[str, str]) -> tuple[CheckResult, Config | None]:
    from core.config import ConfigError, config_path, load_config

    path = config_path(explicit, environ=environ)
    try:
        config = load_config(explicit, environ=environ)
    except ConfigError as error:
        # ConfigError texts name files and keys, never secret values (core/config.py guarantees it).
        problems = [p.text("en") for p in error.problems] or [error.text("en")]
        summary = Said(error.code, error.text("zh_TW"), error.text("en"))
        return CheckResult("config", Status.FAIL, summary, {"file": str(path), "problems": problems}), None
    notes: list[Said] = []
    mode = _mode(path)
    if mode is not None and mode & 0o077:
        notes.append(say("doctor.config.open_to_others", path=str(path), mode=f"{mode:04o}"))
    details = {"file": str(path), "station_id": config.station.id, "data_dir": str(config.station.data_dir),
               "language": config.station.language, "problems": [n.en for n in notes]}
    status = Status.WARN if notes else Status.OK
    return CheckResult("config", status, say("doctor.config.ok", path=str(path)), details, tuple(notes)), config


def _mode(path: Path) -> int | None:
    if os.name != "posix":
        return None
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None
