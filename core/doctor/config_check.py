"""Doctor check: can the configuration be read? A file holding secrets that others may read is refused by
core/config.py itself (config.file_permissions, with the chmod that fixes it), so it fails here too."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from core.doctor.model import CheckResult, JSONValue, Said, Status, say
from core.messages import DoctorCode

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
    details: dict[str, JSONValue] = {"file": str(path), "station_id": config.station.id,
                                     "data_dir": str(config.station.data_dir), "language": config.station.language,
                                     "problems": []}
    return CheckResult("config", Status.OK, say(DoctorCode.CONFIG_OK, path=str(path)), details), config
