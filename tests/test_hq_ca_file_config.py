"""[hq] ca_file: the CA a station trusts for an https:// HQ, a path relative to the config file."""

from __future__ import annotations

from pathlib import Path

from core.config import parse_config

BASE = {
    "station": {"id": "S01", "store_name": "示範門市"},
    "seller": {"ban": "12345675", "name": "示範商店股份有限公司", "aes_key": "0123456789abcdef0123456789abcdef"},
    "hq": {"url": "https://hq.example.com:8700", "token": "hq_token"},
    "printer": {"url": "emulator"},
}


def test_ca_file_is_optional_and_relative_to_the_config_file(tmp_path: Path) -> None:
    assert parse_config(BASE, source=tmp_path / "config.toml").hq.ca_file is None
    with_ca = {**BASE, "hq": {**BASE["hq"], "ca_file": "hq-ca.pem"}}
    assert parse_config(with_ca, source=tmp_path / "config.toml").hq.ca_file == tmp_path / "hq-ca.pem"
    absolute = {**BASE, "hq": {**BASE["hq"], "ca_file": "/etc/cashier/ca.pem"}}
    assert parse_config(absolute, source=tmp_path / "config.toml").hq.ca_file == Path("/etc/cashier/ca.pem")
