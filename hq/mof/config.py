"""HQ's `[mof]` settings: where Turnkey's folders are and the seller's name the messages carry.

Read from the TOML file given to `cashier --config` (or $CASHIER_CONFIG), section `[mof]`; environment
variables override single keys (CASHIER_MOF__TURNKEY_DIR, …) as for the station's own config. The station's
sections in the same file are not HQ's business and are not read here.

    [mof]
    turnkey_dir = "/opt/EINVTurnkey"   # Turnkey's root: UpCast/… and UnPack/… live under it
    seller_name = "示範商店股份有限公司"   # Seller/Name in F0401 and G0401 (1-60 characters)
    seller_ban = "12345675"            # E0402's HeadBan; `cashier hq ranges import` refuses other BANs
    b2c_hours = 48
    b2b_days = 7
    blank_days = 10
    due_soon_hours = 6
    poll_seconds = 30                  # how often `cashier hq serve` exports and reads results
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.einvoice import is_valid_ban
from core.errors import CashierError
from core.messages import MofCode, Phrase
from hq.mof.deadlines import Deadlines

_INTS = ("b2c_hours", "b2b_days", "blank_days", "due_soon_hours", "poll_seconds")
_KEYS = ("turnkey_dir", "seller_name", "seller_ban", *_INTS)
_WHOLE = Phrase("大於 0 的整數", "a whole number above 0").fill("expected")


class MofConfigError(CashierError):
    """The `[mof]` section has a key or value HQ cannot use."""


@dataclass(frozen=True)
class MofConfig:
    turnkey_dir: Path | None = None
    seller_name: str = ""
    seller_ban: str = ""  # E0402's HeadBan and the BAN the range import accepts; else the invoices' seller
    deadlines: Deadlines = field(default_factory=Deadlines)
    poll_seconds: int = 30


def parse_mof(section: Mapping[str, Any], environ: Mapping[str, str] = os.environ) -> MofConfig:
    values: dict[str, Any] = dict(section)
    for key in _KEYS:
        name = f"CASHIER_MOF__{key.upper()}"
        if name in environ:
            values[key] = environ[name]
    unknown = sorted(set(values) - set(_KEYS))
    if unknown:
        raise MofConfigError(MofCode.CONFIG_UNKNOWN, key=unknown[0], known=", ".join(_KEYS))
    ints: dict[str, int] = {}
    for key in _INTS:
        if key in values:
            try:
                ints[key] = int(values[key])
            except (TypeError, ValueError):
                raise MofConfigError(MofCode.CONFIG_INVALID, key=key, value=str(values[key]), **_WHOLE) from None
            if ints[key] <= 0:
                raise MofConfigError(MofCode.CONFIG_INVALID, key=key, value=str(ints[key]), **_WHOLE)
    name = str(values.get("seller_name", "")).strip()
    if len(name) > 60:
        raise MofConfigError(MofCode.CONFIG_INVALID, key="seller_name", value=name[:20],
                             **Phrase("最多 60 個字", "at most 60 characters").fill("expected"))
    deadlines = Deadlines(**{k: ints[k] for k in ("b2c_hours", "b2b_days", "blank_days", "due_soon_hours")
                             if k in ints})
    root = values.get("turnkey_dir")
    ban = str(values.get("seller_ban", "")).strip()
    if ban and not is_valid_ban(ban):
        raise MofConfigError(MofCode.CONFIG_INVALID, key="seller_ban", value=ban,
                             **Phrase("正確的 8 位統一編號", "a valid 8-digit business number").fill("expected"))
    return MofConfig(turnkey_dir=Path(str(root)).expanduser() if root else None, seller_name=name, seller_ban=ban,
                     deadlines=deadlines, poll_seconds=ints.get("poll_seconds", 30))


def load_mof(path: Path | str | None, environ: Mapping[str, str] = os.environ) -> MofConfig:
    """`[mof]` from the config file (none given and no $CASHIER_CONFIG: defaults, filing off)."""
    chosen = path or environ.get("CASHIER_CONFIG")
    section: Mapping[str, Any] = {}
    if chosen:
        try:
            data = tomllib.loads(Path(chosen).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise MofConfigError(MofCode.CONFIG_UNREADABLE, path=str(chosen), reason=type(error).__name__) from None
        section = data.get("mof", {}) if isinstance(data.get("mof", {}), dict) else {}
    return parse_mof(section, environ)
