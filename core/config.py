"""The station's configuration: one TOML file, overridable key by key from the environment.

Every problem is collected and reported together, each naming the file (or environment variable), the
key and what a good value looks like, so a bad file is fixed in one pass rather than one error per
restart. Secrets (the AES key, the HQ token) never appear in messages, reprs or tracebacks.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import platformdirs

from core.einvoice.validators import is_valid_ban
from core.einvoice.verification import is_valid_aes_key
from core.errors import LANGUAGES, CashierError, MessageCode
from core.messages import ConfigCode, Phrase
from core.printer.config import FLOW_CONTROLS, PrinterConfig
from core.printer.drawer import DRAWER_PINS, DRAWER_PULSE_MAX_MS, DRAWER_PULSE_MIN_MS
from core.printer.layout.paper import BARCODE_MODES, DOTS_PER_LINE_CHOICES, QR_MODES
from core.printer.models import MODEL_NAMES, with_model_defaults
from core.private_files import DIR_MODE, replace_private

if TYPE_CHECKING:
    from core.checkout.seller import Seller

APP_NAME = "cashier"
CONFIG_ENV = "CASHIER_CONFIG"
ENV_PREFIX = "CASHIER_"
# The printer owns its settings (core/printer/config.py); this module only reads and checks them.
DOTS_PER_LINE = DOTS_PER_LINE_CHOICES
DISPLAYS = ("standard", "compact")  # compact: ASCII-only chrome, 16 colours, fewer repaints (slow links)
_STATION_ID_RE = re.compile(r"[A-Za-z0-9_-]{1,20}")
_KEY_FILE_MAX_BYTES = 4096  # a key file is 32 characters; never slurp a wrong, huge file
_NO_ENV: Mapping[str, str] = MappingProxyType({})
_UNSAVED = "(unsaved config)"

ConfigValue = str | int | bool | Path


class ConfigError(CashierError):
    """The configuration cannot be used; `problems` lists every individual fault found."""

    def __init__(self, code: MessageCode, /, *, problems: list[ConfigError] | None = None, **params: Any) -> None:
        self.problems: list[ConfigError] = list(problems or [])
        super().__init__(code, **params)

    def text(self, language: str = "zh_TW") -> str:
        head = super().text(language)
        return "\n".join([head, *(f"  • {problem.text(language)}" for problem in self.problems)])


# --- the parsed configuration -------------------------------------------------------------------


@dataclass(frozen=True)
class StationConfig:
    id: str
    store_name: str
    language: str
    data_dir: Path
    display: str = "standard"  # one of DISPLAYS
    check_digits: bool = True  # refuse EAN-13/EAN-8/UPC-A codes with a wrong check digit (false: in-house codes)


@dataclass(frozen=True)
class SellerConfig:
    ban: str
    name: str
    aes_key: str = field(repr=False)  # a secret, whether it came inline or from aes_key_file
    aes_key_file: Path | None = None


@dataclass(frozen=True)
class HQConfig:
    url: str
    token: str = field(repr=False)  # a secret
    ca_file: Path | None = None  # the CA that signed HQ's certificate (https:// only); else the system's


@dataclass(frozen=True)
class BackupConfig:
    """[backup]: where and how often the station database is backed up (core/backup/)."""

    dir: Path | None = None  # a second disk or a USB stick; None: no automatic backups
    interval_minutes: float = 5.0  # while selling; also at every shift close
    keep: int = 48  # backups kept in `dir`, newest first


@dataclass(frozen=True)
class Config:
    station: StationConfig
    seller: SellerConfig
    hq: HQConfig
    printer: PrinterConfig
    source: Path | None = None
    backup: BackupConfig = field(default_factory=BackupConfig)

    def make_seller(self) -> Seller:
        """The checkout's view of who issues invoices at this till."""
        # Imported here: the checkout package pulls in the database layer, which start-up must not wait for.
        from core.checkout.seller import Seller

        return Seller(
            station_id=self.station.id,
            ban=self.seller.ban,
            name=self.seller.name,
            aes_key_hex=self.seller.aes_key,
            dots_per_line=self.printer.dots_per_line,
        )


# --- the schema ---------------------------------------------------------------------------------


def _not_blank(value: str) -> bool:
    return bool(value.strip())


def _is_http_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
        _ = parts.port  # raises on a malformed port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


@dataclass(frozen=True)
class _Key:
    kind: type
    expected: Phrase  # what a good value looks like
    check: Callable[[Any], bool] = lambda _value: True
    required: bool = True
    default: Any = None
    secret: bool = False


def _one_of(values: tuple[str, ...]) -> Phrase:
    quoted = [f'"{value}"' for value in values]
    return Phrase("、".join(quoted) + " 其中之一", "one of " + ", ".join(quoted))


SCHEMA: dict[str, dict[str, _Key]] = {
    "station": {
        "id": _Key(
            str,
            Phrase('1 到 20 個英文字母、數字、_ 或 -（例如 "S01"）', '1 to 20 letters, digits, _ or - (e.g. "S01")'),
            lambda v: _STATION_ID_RE.fullmatch(v) is not None,
        ),
        "store_name": _Key(str, Phrase("門市名稱，不可空白", "the store's name, not blank"), _not_blank),
        "language": _Key(str, _one_of(LANGUAGES), lambda v: v in LANGUAGES, required=False, default="zh_TW"),
        "data_dir": _Key(
            str,
            Phrase("資料夾路徑（預設為系統的使用者資料夾）", "a folder path (default: the platform user-data dir)"),
            _not_blank,
            required=False,
        ),
        "display": _Key(str, _one_of(DISPLAYS), lambda v: v in DISPLAYS, required=False, default="standard"),
        "check_digits": _Key(bool, Phrase("true 或 false", "true or false"), required=False, default=True),
    },
    "seller": {
        "ban": _Key(
            str,
            Phrase('8 位數字且檢查碼正確的統一編號（例如 "12345675"）',
                   'an 8-digit business number with a valid check sum (e.g. "12345675")'),
            is_valid_ban,
        ),
        "name": _Key(str, Phrase("營業人名稱，不可空白", "the registered business name, not blank"), _not_blank),
        "aes_key": _Key(
            str,
            Phrase("32 個十六進位字元（0-9、a-f）", "32 hexadecimal characters (0-9, a-f)"),
            is_valid_aes_key,
            required=False,
            secret=True,
        ),
        "aes_key_file": _Key(
            str,
            Phrase("存放 32 個十六進位字元金鑰的檔案路徑", "the path of a file holding the 32-hex-character key"),
            _not_blank,
            required=False,
        ),
    },
    "hq": {
        "url": _Key(
            str,
            Phrase('以 http:// 或 https:// 開頭的網址（例如 "http://127.0.0.1:8700"）',
                   'an http:// or https:// URL (e.g. "http://127.0.0.1:8700")'),
            _is_http_url,
        ),
        "token": _Key(
            str,
            Phrase("總部核發給本機的存取權杖，不可空白", "this station's bearer token from HQ, not blank"),
            _not_blank,
            secret=True,
        ),
        "ca_file": _Key(
            str,
            Phrase("簽發總部 HTTPS 憑證的 CA 憑證檔（PEM）路徑",
                   "the path of the CA certificate (PEM) that signed HQ's HTTPS certificate"),
            _not_blank,
            required=False,
        ),
    },
    "printer": {
        "url": _Key(
            str,
            Phrase('"emulator"、裝置路徑或 pyserial 網址（例如 "socket://127.0.0.1:9100"、"/dev/serial/by-id/…"）',
                   '"emulator", a device path or a pyserial URL '
                   '(e.g. "socket://127.0.0.1:9100", "/dev/serial/by-id/…")'),
            _not_blank,
        ),
        # Left out, a key takes the printer's own default (core/printer/config.py).
        "model": _Key(str, _one_of(MODEL_NAMES), lambda v: v in MODEL_NAMES, required=False),
        "dots_per_line": _Key(
            int,
            Phrase("、".join(map(str, DOTS_PER_LINE)) + " 其中之一（不加引號的數字）",
                   "one of " + ", ".join(map(str, DOTS_PER_LINE)) + " (a number without quotes)"),
            lambda v: v in DOTS_PER_LINE,
            required=False,
        ),
        "flow_control": _Key(str, _one_of(FLOW_CONTROLS), lambda v: v in FLOW_CONTROLS, required=False),
        "baudrate": _Key(
            int,
            Phrase("正整數，例如 9600、19200 或 115200（只用於裝置路徑）",
                   "a positive whole number such as 9600, 19200 or 115200 (device paths only)"),
            lambda v: v > 0,
            required=False,
        ),
        "write_timeout": _Key(float, Phrase("0.1 到 120 秒", "0.1 to 120 seconds"), lambda v: 0.1 <= v <= 120,
                              required=False),
        "status_timeout": _Key(float, Phrase("0.05 到 10 秒", "0.05 to 10 seconds"), lambda v: 0.05 <= v <= 10,
                               required=False),
        "status_retries": _Key(int, Phrase("1 到 10 次", "1 to 10 tries"), lambda v: 1 <= v <= 10, required=False),
        "confirm_timeout": _Key(float, Phrase("0.5 到 120 秒", "0.5 to 120 seconds"), lambda v: 0.5 <= v <= 120,
                                required=False),
        "qr_mode": _Key(str, _one_of(QR_MODES), lambda v: v in QR_MODES, required=False),
        "barcode_mode": _Key(str, _one_of(BARCODE_MODES), lambda v: v in BARCODE_MODES, required=False),
        "drawer": _Key(bool, Phrase("true（印表機接有錢箱）或 false",
                                    "true (a cash drawer is on the printer) or false"), required=False),
        "drawer_pin": _Key(
            int,
            Phrase("錢箱接頭腳位 2 或 5（不加引號的數字）",
                   "the drawer connector pin, 2 or 5 (a number without quotes)"),
            lambda v: v in DRAWER_PINS,
            required=False,
        ),
        "drawer_pulse_ms": _Key(
            int,
            Phrase(f"開錢箱脈衝 {DRAWER_PULSE_MIN_MS} 到 {DRAWER_PULSE_MAX_MS} 毫秒",
                   f"a drawer pulse of {DRAWER_PULSE_MIN_MS} to {DRAWER_PULSE_MAX_MS} milliseconds"),
            lambda v: DRAWER_PULSE_MIN_MS <= v <= DRAWER_PULSE_MAX_MS,
            required=False,
        ),
    },
    "backup": {  # backups of the station database
        "dir": _Key(str, Phrase("備份資料夾路徑（第二顆硬碟或 USB 隨身碟）",
                                "a folder on a second disk or a USB stick"), _not_blank, required=False),
        "interval_minutes": _Key(float, Phrase("1 到 1440 分鐘", "1 to 1440 minutes"), lambda v: 1 <= v <= 1440,
                                 required=False, default=5.0),
        "keep": _Key(int, Phrase("保留 1 到 10000 份", "1 to 10000 copies kept"), lambda v: 1 <= v <= 10_000,
                     required=False, default=48),
    },
}

_TYPE_NAMES: dict[type, Phrase] = {
    bool: Phrase("布林值 true/false", "true/false"),
    int: Phrase("整數", "a whole number"),
    float: Phrase("小數", "a decimal number"),
    str: Phrase("文字", "text"),
    list: Phrase("陣列", "an array"),
    dict: Phrase("表格", "a table"),
}
_DATETIME = Phrase("日期時間", "a date/time")


# --- locating and loading -----------------------------------------------------------------------

_ORIGINS = {
    "option": Phrase("由 --config 指定", "given with --config"),
    "env": Phrase(f"由環境變數 ${CONFIG_ENV} 指定", f"from ${CONFIG_ENV}"),
    "default": Phrase(f"預設位置；可用 --config 或 ${CONFIG_ENV} 指定其他檔案",
                      f"the default location; --config or ${CONFIG_ENV} choose another file"),
}


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def default_data_dir(station_id: str) -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME)) / station_id


def _locate(explicit: Path | str | None, environ: Mapping[str, str]) -> tuple[Path, str]:
    if explicit is not None and str(explicit):
        return Path(explicit).expanduser(), "option"
    if from_env := environ.get(CONFIG_ENV, ""):
        return Path(from_env).expanduser(), "env"
    return default_config_path(), "default"


def config_path(explicit: Path | str | None = None, *, environ: Mapping[str, str] = os.environ) -> Path:
    """The file to read: the --config value, else $CASHIER_CONFIG, else the platform config dir."""
    return _locate(explicit, environ)[0]


def load_config(path: Path | str | None = None, *, environ: Mapping[str, str] = os.environ) -> Config:
    """Read, override from `environ` and check the configuration; raise ConfigError listing every problem."""
    file, origin = _locate(path, environ)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        where = _ORIGINS[origin]
        raise ConfigError(ConfigCode.MISSING, path=str(file), origin_zh=where.zh, origin_en=where.en) from None
    except OSError as exc:
        raise ConfigError(ConfigCode.UNREADABLE, path=str(file), reason=exc.strerror or type(exc).__name__) from None
    try:
        text = raw.decode("utf-8-sig")  # tolerate the BOM some Windows editors add
    except UnicodeDecodeError as exc:
        raise ConfigError(ConfigCode.NOT_UTF8, path=str(file), position=exc.start) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, column, detail = _syntax_position(str(exc), text)
        raise ConfigError(ConfigCode.SYNTAX, path=str(file), line=line, column=column, detail=detail) from None
    return _check(data, file, environ, _secrets_open_to_others(file, data))


def _secrets_open_to_others(file: Path, data: Mapping[str, Any]) -> list[ConfigError]:
    """A file with a secret in it (not only from the environment) that others may read: refused like a
    key file (see _read_key_file), with the chmod that fixes it. Checked after parsing, to know what it holds."""
    held = [f"{section}.{key}" for section, keys in SCHEMA.items() for key, spec in keys.items()
            if spec.secret and isinstance(data.get(section), dict) and key in data[section]]
    try:
        mode = open_to_others(file) if held else None
    except OSError:
        mode = None  # just read: gone meanwhile, nothing left to protect
    if mode is None:
        return []
    return [ConfigError(ConfigCode.FILE_PERMISSIONS, where=str(file), file=str(file), mode=mode, keys=", ".join(held))]


def _syntax_position(message: str, text: str) -> tuple[int, int, str]:
    # Python 3.11's TOMLDecodeError only carries its position inside the message.
    if match := re.search(r"\s*\(at line (\d+), column (\d+)\)$", message):
        return int(match[1]), int(match[2]), message[: match.start()]
    lines = text.split("\n")
    return len(lines), len(lines[-1]) + 1, re.sub(r"\s*\(at end of document\)$", "", message)


# --- checking -----------------------------------------------------------------------------------


def parse_config(
    data: Mapping[str, Any], *, source: Path | None = None, environ: Mapping[str, str] = _NO_ENV
) -> Config:
    """Check already-parsed TOML data (e.g. from the setup screen); no environment overrides unless given."""
    return _check(data, source, environ, [])


def _check(data: Mapping[str, Any], source: Path | None, environ: Mapping[str, str],
           problems: list[ConfigError]) -> Config:
    checker = _Checker(str(source) if source else _UNSAVED, source.parent if source else Path.cwd())
    checker.problems.extend(problems)
    checker.collect_file(data)
    checker.collect_env(environ)
    return checker.build(source)


class _Checker:
    """Gathers values from the file and environment, then every problem with them."""

    def __init__(self, where: str, base_dir: Path) -> None:
        self.where = where
        self.base_dir = base_dir  # relative paths in the file are relative to the file, not the cwd
        self.found: dict[str, dict[str, tuple[Any, str]]] = {section: {} for section in SCHEMA}
        self.malformed: set[str] = set()  # reported once as a whole; its keys are not missing on top
        self.problems: list[ConfigError] = []

    def problem(self, code: MessageCode, **params: Any) -> None:
        self.problems.append(ConfigError(code, **params))

    def unknown(self, section: str, key: str | None, where: str) -> None:
        if key is None:
            close = difflib.get_close_matches(section, list(SCHEMA), n=1, cutoff=0.6)
            suggestion, known = (f"[{close[0]}]" if close else None), [f"[{name}]" for name in SCHEMA]
            code, params = ConfigCode.SECTION_UNKNOWN, {"section": section}
        else:
            known = [f"{section}.{k}" for k in SCHEMA[section]]
            # A typo within the section first; else the same key misplaced under another section.
            close = difflib.get_close_matches(key, list(SCHEMA[section]), n=1, cutoff=0.6)
            elsewhere = [f"{other}.{key}" for other in SCHEMA if key in SCHEMA[other]]
            suggestion = f"{section}.{close[0]}" if close else next(iter(elsewhere), None)
            code, params = ConfigCode.KEY_UNKNOWN, {"key": f"{section}.{key}"}
        if suggestion:
            hint = Phrase(f"；是不是要寫 {suggestion}？", f"; did you mean {suggestion}?")
        else:
            hint = Phrase(f"；可用的有 {'、'.join(known)}", f"; known: {', '.join(known)}")
        self.problem(code, where=where, **hint.fill("hint"), **params)

    def collect_file(self, data: Mapping[str, Any]) -> None:
        for section, table in data.items():
            if section not in SCHEMA:
                self.unknown(section, None, self.where)
            elif not isinstance(table, dict):
                self.problem(ConfigCode.SECTION_TYPE, where=self.where, section=section)
                self.malformed.add(section)
            else:
                for key, value in table.items():
                    if key in SCHEMA[section]:
                        self.found[section][key] = (value, self.where)
                    else:
                        self.unknown(section, key, self.where)

    def collect_env(self, environ: Mapping[str, str]) -> None:
        for name in sorted(environ):
            if not name.startswith(ENV_PREFIX) or "__" not in name:
                continue
            section, _, key = name[len(ENV_PREFIX):].lower().partition("__")
            where = f"${name}"
            if section not in SCHEMA:
                self.unknown(section, None, where)
            elif key not in SCHEMA[section]:
                self.unknown(section, key, where)
            elif SCHEMA[section][key].kind in (int, float):
                try:
                    self.found[section][key] = (SCHEMA[section][key].kind(environ[name]), where)
                except ValueError:
                    self.invalid(section, key, environ[name], where)
            else:
                self.found[section][key] = (environ[name], where)

    def invalid(self, section: str, key: str, value: Any, where: str) -> None:
        spec = SCHEMA[section][key]
        expected = spec.expected.fill("expected")
        if spec.secret:
            self.problem(ConfigCode.SECRET_INVALID, where=where, key=f"{section}.{key}", **expected)
        else:
            quoted = repr(value) if isinstance(value, float) else _toml_value(value)  # floats: never written
            self.problem(ConfigCode.VALUE_INVALID, where=where, key=f"{section}.{key}", value=quoted, **expected)

    def checked(self, section: str, key: str) -> Any:
        """The key's good value, its default, or None after recording why there is none."""
        spec = SCHEMA[section][key]
        entry = self.found[section].get(key)
        expected = spec.expected.fill("expected")
        if entry is None:
            if spec.required and section not in self.malformed:
                self.problem(ConfigCode.KEY_MISSING, where=self.where, key=f"{section}.{key}", **expected)
            return spec.default
        value, where = entry
        # bool is an int subclass in Python, but `true` is never a number here.
        # A TOML 10 is as good as 10.0 for a number of seconds.
        accepted = (int, float) if spec.kind is float else spec.kind
        if (isinstance(value, bool) and spec.kind is not bool) or not isinstance(value, accepted):
            found = _TYPE_NAMES.get(type(value), _DATETIME).fill("found")
            self.problem(ConfigCode.TYPE, where=where, key=f"{section}.{key}", **found, **expected)
            return None
        if not spec.check(value):
            self.invalid(section, key, value, where)
            return None
        return value

    def path(self, value: str) -> Path:
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.base_dir / path

    def aes_key(self) -> tuple[str | None, Path | None]:
        inline, from_file = self.checked("seller", "aes_key"), self.checked("seller", "aes_key_file")
        present = [key for key in ("aes_key", "aes_key_file") if key in self.found["seller"]]
        if len(present) != 1:
            where = self.found["seller"][present[0]][1] if present else self.where
            self.problem(ConfigCode.AES_KEY_BOTH if present else ConfigCode.AES_KEY_NONE, where=where)
            return None, None
        if from_file is None:
            return inline, None
        key_file = self.path(from_file)
        return _read_key_file(key_file, self.found["seller"]["aes_key_file"][1], self.problems), key_file

    def build(self, source: Path | None) -> Config:
        values = {section: {key: self.checked(section, key) for key in SCHEMA[section]}
                  for section in ("station", "hq", "printer", "backup")}
        ban, name = self.checked("seller", "ban"), self.checked("seller", "name")
        aes_key, aes_key_file = self.aes_key()
        if self.problems:
            raise ConfigError(ConfigCode.INVALID, path=self.where, count=len(self.problems), problems=self.problems)
        # aes_key() records a problem whenever it comes back without a key.
        assert aes_key is not None
        station = values["station"]
        data_dir = self.path(station["data_dir"]) if station["data_dir"] else default_data_dir(station["id"])
        return Config(
            station=StationConfig(station["id"], station["store_name"], station["language"], data_dir,
                                  station["display"], station["check_digits"]),
            seller=SellerConfig(ban, name, aes_key, aes_key_file),
            hq=HQConfig(values["hq"]["url"], values["hq"]["token"],
                        self.path(values["hq"]["ca_file"]) if values["hq"]["ca_file"] else None),
            printer=_printer(values["printer"]),
            source=source,
            backup=BackupConfig(self.path(values["backup"]["dir"]) if values["backup"]["dir"] else None,
                                float(values["backup"]["interval_minutes"]), int(values["backup"]["keep"])),
        )


def _printer(values: Mapping[str, Any]) -> PrinterConfig:
    return PrinterConfig(**with_model_defaults({key: value for key, value in values.items() if value is not None}))


def open_to_others(path: Path) -> str | None:
    """The mode of a file that holds a secret, as `0644`, when group or others have any access to it;
    None when it is owner-only (or the platform has no such modes). Raises OSError (e.g. not found)."""
    mode = stat.S_IMODE(path.stat().st_mode)
    return f"{mode:04o}" if os.name == "posix" and mode & 0o077 else None


def _read_key_file(path: Path, where: str, problems: list[ConfigError]) -> str | None:
    try:
        if (mode := open_to_others(path)) is not None:
            # Refuse before reading: a key others can read must be treated as leaked, and replaced.
            problems.append(ConfigError(ConfigCode.KEY_FILE_PERMISSIONS, where=where, file=str(path), mode=mode))
            return None
        with path.open("rb") as handle:
            raw = handle.read(_KEY_FILE_MAX_BYTES)
    except FileNotFoundError:
        problems.append(ConfigError(ConfigCode.KEY_FILE_MISSING, where=where, file=str(path)))
        return None
    except OSError as exc:
        problems.append(ConfigError(ConfigCode.KEY_FILE_UNREADABLE, where=where, file=str(path),
                                    reason=exc.strerror or type(exc).__name__))
        return None
    # Decoded leniently so no exception can quote the file's bytes (the secret) back.
    key = raw.decode("ascii", errors="replace").strip()
    if not is_valid_aes_key(key):
        problems.append(ConfigError(ConfigCode.KEY_FILE_INVALID, where=where, file=str(path)))
        return None
    return key


# --- writing ------------------------------------------------------------------------------------

_BARE_KEY_RE = re.compile(r"[A-Za-z0-9_-]+")


def _toml_string(text: str) -> str:
    def escape(char: str) -> str:
        if char in '"\\':
            return "\\" + char
        # Control characters (tab is allowed) must be escaped in a TOML basic string.
        return f"\\u{ord(char):04X}" if (ord(char) < 0x20 and char != "\t") or ord(char) == 0x7F else char

    return '"' + "".join(map(escape, text)) + '"'


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str | Path):
        return _toml_string(str(value))
    raise TypeError(f"cannot write a {type(value).__name__} to the config file")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY_RE.fullmatch(key) else _toml_string(key)


def dump_config(config_dict: Mapping[str, Mapping[str, ConfigValue | None]]) -> str:
    """TOML text for {section: {key: value}}; None values are left out."""
    blocks = []
    for section, table in config_dict.items():
        lines = [f"[{_toml_key(section)}]"]
        lines += [f"{_toml_key(key)} = {_toml_value(value)}" for key, value in table.items() if value is not None]
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def write_config(path: Path | str, config_dict: Mapping[str, Mapping[str, ConfigValue | None]]) -> Path:
    """Write the config readable by its owner only (it holds secrets), replacing any old file atomically."""
    target = Path(path).expanduser()
    text = dump_config(config_dict)
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        replace_private(target, text.encode("utf-8"))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConfigError(ConfigCode.WRITE_FAILED, path=str(target), reason=reason) from None
    return target


def example_config() -> str:
    """A commented example, the shape DESIGN.md documents; the two secrets are placeholders to replace."""
    return f"""\
# Cashier station configuration (TOML).
# Read from --config FILE, else ${CONFIG_ENV}, else the platform config dir (e.g. ~/.config/cashier/config.toml).
# Any single key can be overridden from the environment as CASHIER_<SECTION>__<KEY>, e.g. CASHIER_HQ__URL.
# This file holds secrets (the AES key and the HQ token): keep it readable by its owner only (chmod 600).

[station]
id = "S01"                 # this till's code; unique within the store (1-20 of A-Z a-z 0-9 _ -)
store_name = "示範門市"
language = "zh_TW"         # or "en"
# data_dir = "…"           # default: the platform user-data dir / station id; relative to this file
# display = "standard"     # or "compact": ASCII-only, 16 colours, fewer bytes (Linux console, slow SSH)
# check_digits = true      # false: sell in-house 8/12/13-digit codes without a valid check digit

[seller]
ban = "12345675"           # seller 統一編號
name = "示範商店股份有限公司"
aes_key = "REPLACE WITH THE 32 HEX CHARACTERS OF YOUR AES KEY"  # a secret: never printed or logged
# aes_key_file = "aes.key" # instead of aes_key: a file holding the key, mode 600 (chmod 600 aes.key)

[hq]
url = "http://127.0.0.1:8700"
token = "REPLACE WITH THIS STATION'S TOKEN"  # this station's bearer token
# ca_file = "hq-ca.pem"    # for an https:// url whose certificate your own CA signed (relative to this file)

[printer]
url = "socket://127.0.0.1:9100"   # anything pyserial's serial_for_url takes (device path, socket://,
                                  # rfc2217://, loop://), or "emulator" for the in-process virtual printer
model = "PP-8800"          # {" | ".join(MODEL_NAMES)}
dots_per_line = 384        # {" | ".join(map(str, DOTS_PER_LINE))}
# flow_control = "none"    # {" | ".join(FLOW_CONTROLS)}; never xonxoff with raster images
# baudrate = 19200         # device paths only; Posiflex Aura units run at 19200
# drawer = true            # false when no cash drawer is plugged into the printer
# drawer_pin = 2           # the drawer connector pin the drawer is on: 2 or 5
# drawer_pulse_ms = 100    # how long the drawer's solenoid is driven, {DRAWER_PULSE_MIN_MS}-{DRAWER_PULSE_MAX_MS} ms

[backup]
# dir = "/media/usb/cashier-backup"  # a second disk or a USB stick: backups every few minutes and at 交班
# interval_minutes = 5     # while selling (only when something changed); 1-1440
# keep = 48                # backups kept, newest first
"""
