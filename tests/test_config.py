"""The TOML configuration: loading, environment overrides, every bad case's message, secrets, writing."""

from __future__ import annotations

import json
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

import platformdirs
import pytest

from core.checkout.seller import Seller
from core.config import (
    SCHEMA,
    Config,
    ConfigError,
    config_path,
    example_config,
    load_config,
    write_config,
)

KEY = "9f3b2a1c4d5e6f708192a3b4c5d6e7f8"
TOKEN = "station-token-s3cr3t"
DROP = object()  # marks a key to leave out of the file

VALID: dict[str, dict[str, Any]] = {
    "station": {"id": "S01", "store_name": "示範門市", "language": "zh_TW"},
    "seller": {"ban": "12345675", "name": "示範商店股份有限公司", "aes_key": KEY},
    "hq": {"url": "http://127.0.0.1:8700", "token": TOKEN},
    "printer": {"url": "socket://127.0.0.1:9100", "model": "PP-8800", "dots_per_line": 384},
}


def _toml(sections: dict[str, Any]) -> str:
    # Written independently of write_config (JSON strings and integers are valid TOML values),
    # so these tests do not trust the code under test to produce their fixtures.
    # Top-level values first: after a [table] header they would belong to that table.
    lines = [f"{name} = {json.dumps(value, ensure_ascii=False)}" for name, value in sections.items()
             if not isinstance(value, dict)]
    for section, table in sections.items():
        if not isinstance(table, dict):
            continue
        lines.append(f"[{section}]")
        lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in table.items()]
    return "\n".join(lines) + "\n"


def config_file(tmp_path: Path, changes: dict[str, Any] | None = None, name: str = "config.toml") -> Path:
    sections: dict[str, Any] = {section: dict(table) for section, table in VALID.items()}
    for section, table in (changes or {}).items():
        if not isinstance(table, dict):
            sections[section] = table
            continue
        merged = sections.setdefault(section, {})
        for key, value in table.items():
            if value is DROP:
                merged.pop(key, None)
            else:
                merged[key] = value
    path = tmp_path / name
    path.write_text(_toml(sections), encoding="utf-8")
    path.chmod(0o600)  # it holds secrets: core.config refuses it open to others (tested below)
    return path


def load_error(path: Path | None, environ: dict[str, str] | None = None) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        load_config(path, environ=environ or {})
    return info.value


def secret_key_file(tmp_path: Path, content: str = KEY, mode: int = 0o600, name: str = "aes.key") -> Path:
    path = tmp_path / name
    path.write_text(content + "\n", encoding="ascii")
    path.chmod(mode)
    return path


# --- loading a good file ------------------------------------------------------------------------


def test_valid_file_loads_with_defaults(tmp_path: Path) -> None:
    path = config_file(tmp_path)
    config = load_config(path, environ={})
    assert config.source == path
    assert config.station.id == "S01"
    assert config.station.store_name == "示範門市"
    assert config.station.language == "zh_TW"
    assert config.station.data_dir == Path(platformdirs.user_data_dir("cashier")) / "S01"
    assert (config.seller.ban, config.seller.name, config.seller.aes_key) == ("12345675", "示範商店股份有限公司", KEY)
    assert config.seller.aes_key_file is None
    assert (config.hq.url, config.hq.token) == ("http://127.0.0.1:8700", TOKEN)
    assert config.printer.url == "socket://127.0.0.1:9100"
    assert (config.printer.model, config.printer.dots_per_line) == ("PP-8800", 384)
    # Keys left out take the printer's own defaults: no flow control, Posiflex's 19200 baud.
    assert (config.printer.flow_control, config.printer.baudrate) == ("none", 19200)


def test_the_printer_url_is_required(tmp_path: Path) -> None:
    # A till that silently printed into a virtual printer would owe every buyer a proof copy.
    path = tmp_path / "config.toml"
    path.write_text(_toml({k: v for k, v in VALID.items() if k != "printer"}), encoding="utf-8")
    error = load_error(path)
    assert "printer.url" in error.text("en") and "emulator" in error.text("en")
    assert "printer.url" in error.text("zh_TW")


def test_printer_tuning_keys_are_checked(tmp_path: Path) -> None:
    config = load_config(config_file(tmp_path, {"printer": {"write_timeout": 5, "qr_mode": "page"}}), environ={})
    assert (config.printer.write_timeout, config.printer.qr_mode) == (5.0, "page")
    error = load_error(config_file(tmp_path, {"printer": {"status_retries": 0, "qr_mode": "svg"}}))
    assert "printer.status_retries" in error.text("en") and "printer.qr_mode" in error.text("en")


def test_relative_data_dir_is_relative_to_the_config_file(tmp_path: Path) -> None:
    path = config_file(tmp_path, {"station": {"data_dir": "data/S01"}})
    assert load_config(path, environ={}).station.data_dir == tmp_path / "data" / "S01"


def test_utf8_bom_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(_toml(VALID), encoding="utf-8-sig")
    path.chmod(0o600)
    assert load_config(path, environ={}).station.store_name == "示範門市"


def test_make_seller_builds_the_checkout_seller(tmp_path: Path) -> None:
    config = load_config(config_file(tmp_path, {"printer": {"dots_per_line": 512}}), environ={})
    seller = config.make_seller()
    assert isinstance(seller, Seller)
    assert (seller.station_id, seller.ban, seller.name) == ("S01", "12345675", "示範商店股份有限公司")
    assert (seller.aes_key_hex, seller.dots_per_line) == (KEY, 512)


def test_config_is_frozen(tmp_path: Path) -> None:
    config = load_config(config_file(tmp_path), environ={})
    with pytest.raises(AttributeError):
        config.station = config.station  # type: ignore[misc]


# --- where the file comes from ------------------------------------------------------------------


def test_cashier_config_env_is_used_when_no_explicit_path(tmp_path: Path) -> None:
    path = config_file(tmp_path, name="from-env.toml")
    config = load_config(environ={"CASHIER_CONFIG": str(path)})
    assert config.source == path
    assert config_path(environ={"CASHIER_CONFIG": str(path)}) == path


def test_explicit_path_wins_over_cashier_config(tmp_path: Path) -> None:
    path = config_file(tmp_path)
    environ = {"CASHIER_CONFIG": str(tmp_path / "elsewhere.toml")}
    assert load_config(path, environ=environ).source == path


def test_default_path_is_the_platform_config_dir() -> None:
    assert config_path(environ={}) == Path(platformdirs.user_config_dir("cashier")) / "config.toml"
    assert config_path(environ={"CASHIER_CONFIG": ""}) == config_path(environ={})


def test_missing_file_says_where_it_looked_and_how_to_create_one(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "config.toml"
    error = load_error(missing)
    assert error.code == "config.missing"
    for language in ("zh_TW", "en"):
        text = error.text(language)
        assert str(missing) in text
        assert "--config" in text
        assert "cashier" in text and "chmod 600" in text
    assert "first-run setup" in error.text("en")
    assert "首次設定" in error.text("zh_TW")


def test_missing_file_named_by_env_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "gone.toml"
    error = load_error(None, {"CASHIER_CONFIG": str(missing)})
    assert str(missing) in error.text("en") and "$CASHIER_CONFIG" in error.text("en")
    assert str(missing) in error.text("zh_TW") and "$CASHIER_CONFIG" in error.text("zh_TW")


def test_missing_default_file_names_the_default_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platformdirs, "user_config_dir", lambda _app: str(tmp_path / "platform"))
    error = load_error(None, {})
    assert str(tmp_path / "platform" / "config.toml") in error.text("en")
    assert "default location" in error.text("en")
    assert "預設位置" in error.text("zh_TW")


def test_a_directory_is_reported_unreadable(tmp_path: Path) -> None:
    error = load_error(tmp_path)
    assert error.code == "config.unreadable"
    assert str(tmp_path) in error.text("en") and str(tmp_path) in error.text("zh_TW")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'[station]\nid = "S\xff01"\n')
    error = load_error(path)
    assert error.code == "config.not_utf8"
    assert str(path) in error.text("en") and "UTF-8" in error.text("en") and "UTF-8" in error.text("zh_TW")


# --- TOML syntax --------------------------------------------------------------------------------


def test_invalid_toml_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[station]\nid = "S01"\nstore_name = \n', encoding="utf-8")
    error = load_error(path)
    assert error.code == "config.syntax"
    assert (error.params["line"], error.params["column"]) == (3, 14)
    assert str(path) in error.text("en") and "line 3, column 14" in error.text("en")
    assert str(path) in error.text("zh_TW") and "第 3 行第 14 欄" in error.text("zh_TW")


def test_invalid_toml_at_end_of_document_still_has_a_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[station]\nid = "S01"\nstore_name =', encoding="utf-8")
    error = load_error(path)
    assert error.params["line"] == 3
    assert "end of document" not in error.text("en")


# --- one bad value at a time --------------------------------------------------------------------

BAD_CASES = [
    # (case, changes, key, zh_TW fragment of the expected form, en fragment)
    ("ban checksum", {"seller": {"ban": "12345678"}}, "seller.ban", "檢查碼", "check sum"),
    ("ban length", {"seller": {"ban": "1234567"}}, "seller.ban", "8 位數字", "8-digit"),
    ("aes key format", {"seller": {"aes_key": "not-hex"}}, "seller.aes_key", "32 個十六進位字元", "32 hexadecimal"),
    ("language", {"station": {"language": "fr"}}, "station.language", '"zh_TW"', '"zh_TW"'),
    ("display", {"station": {"display": "tiny"}}, "station.display", '"compact"', '"compact"'),
    ("display type", {"station": {"display": True}}, "station.display", '"standard"', '"standard"'),
    ("model", {"printer": {"model": "PP-9000"}}, "printer.model", '"PP-8802"', '"PP-8802"'),
    ("dots per line", {"printer": {"dots_per_line": 400}}, "printer.dots_per_line", "408", "408"),
    ("flow control", {"printer": {"flow_control": "hardware"}}, "printer.flow_control", '"xonxoff"', '"xonxoff"'),
    ("baudrate", {"printer": {"baudrate": 0}}, "printer.baudrate", "115200", "115200"),
    ("hq url scheme", {"hq": {"url": "ftp://hq.example"}}, "hq.url", "https://", "https://"),
    ("hq url without scheme", {"hq": {"url": "127.0.0.1:8700"}}, "hq.url", "http://", "http://"),
    ("hq token blank", {"hq": {"token": "  "}}, "hq.token", "不可空白", "not blank"),
    ("station id pattern", {"station": {"id": "S 01!"}}, "station.id", "1 到 20", "1 to 20"),
    ("station id too long", {"station": {"id": "S" * 21}}, "station.id", "1 到 20", "1 to 20"),
    ("store name blank", {"station": {"store_name": ""}}, "station.store_name", "不可空白", "not blank"),
    ("wrong type", {"printer": {"dots_per_line": "384"}}, "printer.dots_per_line", "不加引號", "without quotes"),
    ("bool for a number", {"printer": {"dots_per_line": True}}, "printer.dots_per_line", "型別", "wrong type"),
    ("missing key", {"hq": {"url": DROP}}, "hq.url", "缺少", "missing"),
    ("aes both", {"seller": {"aes_key_file": "aes.key"}}, "seller.aes_key_file", "擇一", "exactly one"),
    ("aes neither", {"seller": {"aes_key": DROP}}, "seller.aes_key", "32 個十六進位字元", "32 hexadecimal"),
    ("unknown key", {"printer": {"dot_per_line": 384}}, "printer.dots_per_line", "是不是要寫", "did you mean"),
    ("unknown section", {"printr": {"url": "emulator"}}, "[printer]", "是不是要寫", "did you mean"),
    ("misplaced key", {"station": {"ban": "12345675"}}, "seller.ban", "是不是要寫", "did you mean"),
    ("section not a table", {"printer": "emulator"}, "[printer]", "區段", "section"),
]


@pytest.mark.parametrize(("changes", "key", "zh", "en"), [case[1:] for case in BAD_CASES],
                         ids=[case[0] for case in BAD_CASES])
def test_bad_value_names_file_key_and_expected_form(
    tmp_path: Path, changes: dict[str, Any], key: str, zh: str, en: str
) -> None:
    path = config_file(tmp_path, changes)
    error = load_error(path)
    assert error.code == "config.invalid"
    assert len(error.problems) == 1, [problem.text("en") for problem in error.problems]
    (problem,) = error.problems
    assert problem.code.startswith("config.")
    for language, fragment in (("zh_TW", zh), ("en", en)):
        for text in (error.text(language), problem.text(language)):
            assert str(path) in text
            assert key in text
            assert fragment in text
    assert error.text("zh_TW") != error.text("en")


def test_several_problems_are_reported_together(tmp_path: Path) -> None:
    path = config_file(tmp_path, {
        "station": {"language": "fr"},
        "seller": {"ban": "12345678"},
        "printer": {"dots_per_line": 400, "colour": "black"},
    })
    error = load_error(path)
    assert len(error.problems) == 4
    assert error.params["count"] == 4
    for language in ("zh_TW", "en"):
        text = error.text(language)
        assert "4" in text.splitlines()[0]
        for key in ("station.language", "seller.ban", "printer.dots_per_line", "printer.colour"):
            assert key in text
    assert str(error) == error.text("en")


def test_unknown_key_suggests_the_closest_known_key(tmp_path: Path) -> None:
    error = load_error(config_file(tmp_path, {"printer": {"dots_per_lin": 384}}))
    assert "did you mean printer.dots_per_line?" in error.text("en")
    assert "是不是要寫 printer.dots_per_line？" in error.text("zh_TW")


def test_unknown_key_without_a_close_match_lists_the_known_ones(tmp_path: Path) -> None:
    error = load_error(config_file(tmp_path, {"hq": {"zzz": 1}}))
    assert "known: hq.url, hq.token" in error.text("en")
    assert "hq.url、hq.token" in error.text("zh_TW")


# --- environment overrides ----------------------------------------------------------------------


def test_env_override_wins_and_is_converted_to_the_key_type(tmp_path: Path) -> None:
    environ = {
        "CASHIER_HQ__URL": "https://hq.example.com",
        "CASHIER_STATION__LANGUAGE": "en",
        "CASHIER_PRINTER__DOTS_PER_LINE": "512",
        "CASHIER_DEBUG": "1",  # no "__": not an override, ignored
    }
    config = load_config(config_file(tmp_path), environ=environ)
    assert config.hq.url == "https://hq.example.com"
    assert config.station.language == "en"
    assert config.printer.dots_per_line == 512
    assert isinstance(config.printer.dots_per_line, int)


def test_display_defaults_to_standard_and_takes_compact_from_file_or_env(tmp_path: Path) -> None:
    assert load_config(config_file(tmp_path), environ={}).station.display == "standard"
    path = config_file(tmp_path, {"station": {"display": "compact"}}, name="compact.toml")
    assert load_config(path, environ={}).station.display == "compact"
    from_env = load_config(config_file(tmp_path), environ={"CASHIER_STATION__DISPLAY": "compact"})
    assert from_env.station.display == "compact"


def test_bad_display_from_env_names_the_variable_and_the_choices(tmp_path: Path) -> None:
    error = load_error(config_file(tmp_path), {"CASHIER_STATION__DISPLAY": "ascii"})
    for language in ("zh_TW", "en"):
        text = error.text(language)
        assert "$CASHIER_STATION__DISPLAY" in text and "station.display" in text
        assert '"standard"' in text and '"compact"' in text


def test_os_environ_is_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASHIER_HQ__URL", "http://10.0.0.9:8700")
    assert load_config(config_file(tmp_path)).hq.url == "http://10.0.0.9:8700"


def test_env_can_supply_a_key_missing_from_the_file(tmp_path: Path) -> None:
    path = config_file(tmp_path, {"seller": {"aes_key": DROP}})
    assert load_config(path, environ={"CASHIER_SELLER__AES_KEY": KEY}).seller.aes_key == KEY


def test_bad_env_value_names_the_variable_and_key(tmp_path: Path) -> None:
    error = load_error(config_file(tmp_path), {"CASHIER_PRINTER__DOTS_PER_LINE": "wide"})
    for language in ("zh_TW", "en"):
        text = error.text(language)
        assert "$CASHIER_PRINTER__DOTS_PER_LINE" in text
        assert "printer.dots_per_line" in text and "512" in text


def test_unknown_env_key_is_reported_with_a_suggestion(tmp_path: Path) -> None:
    error = load_error(config_file(tmp_path), {"CASHIER_HQ__TOKN": "x"})
    assert "$CASHIER_HQ__TOKN" in error.text("en")
    assert "did you mean hq.token?" in error.text("en")


# --- secrets ------------------------------------------------------------------------------------


def test_secrets_never_appear_in_repr_or_str(tmp_path: Path) -> None:
    config = load_config(config_file(tmp_path), environ={})
    for shown in (repr(config), str(config), repr(config.seller), repr(config.hq), repr(config.make_seller())):
        assert KEY not in shown
        assert TOKEN not in shown
    assert "S01" in repr(config)  # the repr is still useful


@pytest.mark.parametrize(
    "bad_key",
    ["0123456789abcdef0123456789abcdeZ", "0123456789abcdef0123456789abcdef0", "0123456789abcdef"],
    ids=["bad-char", "too-long", "too-short"],
)
def test_malformed_aes_key_is_never_repeated(tmp_path: Path, bad_key: str) -> None:
    error = load_error(config_file(tmp_path, {"seller": {"aes_key": bad_key}}))
    shown = [str(error), repr(error), error.text("zh_TW"), error.text("en"), repr(error.params)]
    shown += [problem.text(language) for problem in error.problems for language in ("zh_TW", "en")]
    assert all(bad_key not in text for text in shown)
    assert "seller.aes_key" in error.text("en") and "seller.aes_key" in error.text("zh_TW")


def test_malformed_aes_key_from_env_is_never_repeated(tmp_path: Path) -> None:
    bad_key = "ZZ3b2a1c4d5e6f708192a3b4c5d6e7f8"
    error = load_error(config_file(tmp_path, {"seller": {"aes_key": DROP}}), {"CASHIER_SELLER__AES_KEY": bad_key})
    assert bad_key not in error.text("en") and bad_key not in error.text("zh_TW") and bad_key not in repr(error)
    assert "$CASHIER_SELLER__AES_KEY" in error.text("en")


def test_good_key_is_not_shown_when_other_keys_are_bad(tmp_path: Path) -> None:
    error = load_error(config_file(tmp_path, {"seller": {"ban": "12345678"}, "station": {"aes_key": KEY}}))
    assert "station.aes_key" in error.text("en")  # reported as misplaced …
    assert KEY not in error.text("en") and KEY not in error.text("zh_TW")  # … without its value


def test_token_of_wrong_type_is_not_shown(tmp_path: Path) -> None:
    error = load_error(config_file(tmp_path, {"hq": {"token": 123456789}}))
    assert "hq.token" in error.text("en") and "123456789" not in error.text("en")


# --- the AES key file ---------------------------------------------------------------------------


def test_key_file_with_mode_0600_is_accepted(tmp_path: Path) -> None:
    key_file = secret_key_file(tmp_path)
    path = config_file(tmp_path, {"seller": {"aes_key": DROP, "aes_key_file": "aes.key"}})  # relative to the file
    config = load_config(path, environ={})
    assert config.seller.aes_key == KEY
    assert config.seller.aes_key_file == key_file
    assert KEY not in repr(config)


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660, 0o606], ids=oct)
def test_key_file_open_to_others_is_refused(tmp_path: Path, mode: int) -> None:
    key_file = secret_key_file(tmp_path, mode=mode)
    path = config_file(tmp_path, {"seller": {"aes_key": DROP, "aes_key_file": str(key_file)}})
    error = load_error(path)
    (problem,) = error.problems
    assert problem.code == "config.key_file_permissions"
    for language in ("zh_TW", "en"):
        text = error.text(language)
        assert f"chmod 600 {key_file}" in text
        assert "seller.aes_key_file" in text and str(path) in text and f"{mode:04o}" in text
        assert KEY not in text


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660], ids=oct)
@pytest.mark.parametrize("secret", ["aes_key", "token"])
def test_a_config_file_holding_a_secret_open_to_others_is_refused(tmp_path: Path, mode: int, secret: str) -> None:
    key_file = secret_key_file(tmp_path)
    # Only the one secret in the file: the other comes from a key file / the environment.
    changes = {"seller": {"aes_key": DROP, "aes_key_file": str(key_file)}} if secret == "token" else \
        {"hq": {"token": DROP}}
    path = config_file(tmp_path, changes)
    path.chmod(mode)
    environ = {} if secret == "token" else {"CASHIER_HQ__TOKEN": TOKEN}
    error = load_error(path, environ)
    (problem,) = error.problems
    assert problem.code == "config.file_permissions"
    held = "hq.token" if secret == "token" else "seller.aes_key"
    for language in ("zh_TW", "en"):
        text = error.text(language)
        assert f"chmod 600 {path}" in text and f"{mode:04o}" in text and held in text
        assert KEY not in text and TOKEN not in text
    path.chmod(0o600)  # the advice followed: it loads
    assert load_config(path, environ=environ).station.id == "S01"


def test_a_config_file_without_secrets_may_be_readable(tmp_path: Path) -> None:
    key_file = secret_key_file(tmp_path)
    path = config_file(tmp_path, {"seller": {"aes_key": DROP, "aes_key_file": str(key_file)}, "hq": {"token": DROP}})
    path.chmod(0o644)  # the secrets live elsewhere (an owner-only key file, the environment)
    assert load_config(path, environ={"CASHIER_HQ__TOKEN": TOKEN}).hq.token == TOKEN


def test_key_file_missing(tmp_path: Path) -> None:
    path = config_file(tmp_path, {"seller": {"aes_key": DROP, "aes_key_file": "absent.key"}})
    error = load_error(path)
    assert error.problems[0].code == "config.key_file_missing"
    for language in ("zh_TW", "en"):
        assert str(tmp_path / "absent.key") in error.text(language) and "seller.aes_key_file" in error.text(language)


def test_malformed_key_file_content_is_not_shown(tmp_path: Path) -> None:
    content = "this-is-not-a-key-but-it-is-secret"
    key_file = secret_key_file(tmp_path, content=content)
    error = load_error(config_file(tmp_path, {"seller": {"aes_key": DROP, "aes_key_file": str(key_file)}}))
    assert error.problems[0].code == "config.key_file_invalid"
    for language in ("zh_TW", "en"):
        assert content not in error.text(language)
        assert str(key_file) in error.text(language) and "32" in error.text(language)


def test_binary_key_file_gives_a_message_not_a_traceback(tmp_path: Path) -> None:
    key_file = tmp_path / "aes.key"
    key_file.write_bytes(b"\xff\xfe" + os.urandom(30))
    key_file.chmod(0o600)
    error = load_error(config_file(tmp_path, {"seller": {"aes_key": DROP, "aes_key_file": str(key_file)}}))
    assert error.problems[0].code == "config.key_file_invalid"


# --- writing ------------------------------------------------------------------------------------


def test_write_config_round_trips_with_mode_0600(tmp_path: Path) -> None:
    data = {section: dict(table) for section, table in VALID.items()}
    data["station"]["store_name"] = '示範 "門市" \\ 一號\t店'
    data["station"]["data_dir"] = None  # left out, so the default applies
    data["printer"]["flow_control"] = "none"
    path = write_config(tmp_path / "new" / "config.toml", data)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    config = load_config(path, environ={})
    assert isinstance(config, Config)
    assert config.station.store_name == '示範 "門市" \\ 一號\t店'
    assert config.station.data_dir == Path(platformdirs.user_data_dir("cashier")) / "S01"
    assert config.seller.aes_key == KEY and config.hq.token == TOKEN
    assert (config.printer.dots_per_line, config.printer.flow_control) == (384, "none")
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # no temporary file left behind


def test_write_config_escapes_every_awkward_string(tmp_path: Path) -> None:
    awkward = 'a"b\\c\nd\re\x01f\x7fg\bh\fi 統一'
    data = {"odd section": {"text": awkward, "flag": True, "off": False, "n": -3, "quoted key": "x"}}
    path = write_config(tmp_path / "odd.toml", data)
    assert tomllib.loads(path.read_text(encoding="utf-8")) == data


def test_write_config_replaces_an_open_file_with_a_private_one(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("old = 1\n", encoding="utf-8")
    path.chmod(0o644)
    write_config(path, VALID)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_config(path, environ={}).station.id == "S01"


def test_write_config_failure_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        write_config(blocker / "config.toml", VALID)
    assert info.value.code == "config.write_failed"
    assert str(blocker / "config.toml") in info.value.text("en")


def test_write_config_refuses_values_toml_cannot_hold_here(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        write_config(tmp_path / "config.toml", {"printer": {"dots_per_line": 384.0}})
    assert not (tmp_path / "config.toml").exists()


# --- the example --------------------------------------------------------------------------------


def test_example_config_uses_only_known_keys_and_needs_only_the_secret(tmp_path: Path) -> None:
    text = example_config()
    data = tomllib.loads(text)
    assert set(data) == set(SCHEMA)
    assert all(set(table) <= set(SCHEMA[section]) for section, table in data.items())
    assert "# aes_key_file" in text and "# data_dir" in text and "# flow_control" in text

    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)  # as its comment says: it holds secrets
    error = load_error(path)
    assert [problem.params["key"] for problem in error.problems] == ["seller.aes_key"]

    path.write_text(text.replace(data["seller"]["aes_key"], KEY), encoding="utf-8")
    config = load_config(path, environ={})
    assert (config.station.id, config.seller.ban, config.printer.model) == ("S01", "12345675", "PP-8800")


def test_check_digits_is_on_unless_switched_off_for_in_house_codes(tmp_path: Path) -> None:
    assert load_config(config_file(tmp_path), environ={}).station.check_digits is True
    off = load_config(config_file(tmp_path, {"station": {"check_digits": False}}), environ={})
    assert off.station.check_digits is False
    error = load_error(config_file(tmp_path, {"station": {"check_digits": "no"}}))
    assert "station.check_digits" in error.text("en") and "true or false" in error.text("en")
