"""Opening printers through pyserial's serial_for_url, and what each failure is called."""

from __future__ import annotations

import socket

import pytest

from core.errors import CashierError
from core.printer.config import PrinterConfig
from core.printer.transport import open_link


@pytest.mark.parametrize(("flow", "rtscts", "xonxoff"), [("none", False, False), ("rtscts", True, False),
                                                         ("xonxoff", False, True)])
def test_flow_control_and_timeouts_come_from_config(flow, rtscts, xonxoff) -> None:
    link = open_link(PrinterConfig(url="loop://", flow_control=flow, write_timeout=2.5, baudrate=115200))
    try:
        port = link._port  # type: ignore[attr-defined]
        assert (port.rtscts, port.xonxoff) == (rtscts, xonxoff)
        assert port.write_timeout == 2.5 and port.baudrate == 115200
    finally:
        link.close()


def test_xonxoff_config_lays_out_without_raster() -> None:
    layout = PrinterConfig(url="loop://", flow_control="xonxoff").layout()
    assert (layout.qr_mode, layout.barcode_mode, layout.allow_raster) == ("page", "native", False)


def test_missing_device_path(tmp_path) -> None:
    with pytest.raises(CashierError) as failure:
        open_link(PrinterConfig(url=str(tmp_path / "ttyACM9")))
    assert failure.value.code == "printer.no_device"
    assert "USB" in failure.value.text("en") and "USB" in failure.value.text("zh_TW")


def test_nobody_listening_on_a_network_printer() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(CashierError) as failure:
        open_link(PrinterConfig(url=f"socket://127.0.0.1:{port}"))
    assert failure.value.code == "printer.unreachable"


def test_malformed_url() -> None:
    with pytest.raises(CashierError) as failure:
        open_link(PrinterConfig(url="socket://no-port-here"))
    assert failure.value.code == "printer.url_form"  # says which forms are accepted, not pyserial's words
    assert "socket://host:port" in failure.value.text("en")


@pytest.mark.parametrize(("key", "value"), [("model", "TM-T88"), ("dots_per_line", 400),
                                            ("flow_control", "dsrdtr"), ("colour", "red")])
def test_bad_config_values_are_messages(key, value) -> None:
    with pytest.raises(CashierError) as failure:
        PrinterConfig.from_mapping({key: value})
    assert failure.value.code == "printer.config_invalid" and key in failure.value.text("en")


def test_the_station_config_file_builds_the_printer_settings(tmp_path) -> None:
    from core.config import load_config

    path = tmp_path / "config.toml"
    path.write_text(
        '[station]\nid = "S01"\nstore_name = "示範門市"\n'
        '[seller]\nban = "12345675"\nname = "示範"\naes_key = "0123456789abcdef0123456789abcdef"\n'
        '[hq]\nurl = "http://127.0.0.1:8700"\ntoken = "t"\n'
        '[printer]\nurl = "emulator"\nmodel = "PP-8800"\ndots_per_line = 416\nwrite_timeout = 3\n',
        encoding="utf-8")
    path.chmod(0o600)  # it holds secrets
    config = load_config(path, environ={}).printer
    assert isinstance(config, PrinterConfig)
    assert (config.url, config.model, config.dots_per_line, config.is_emulator) == ("emulator", "PP-8800", 416, True)
    assert (config.write_timeout, config.baudrate, config.flow_control) == (3.0, PrinterConfig().baudrate, "none")
