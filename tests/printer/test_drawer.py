"""The drawer kick's bytes (ESC p m t1 t2), the [printer] drawer settings, and the virtual printer's side:
it carries out ESC p as a printer does, records each kick, and reports its drawer sensor in DLE EOT 1."""

from __future__ import annotations

from pathlib import Path

import pytest
import serial

from core.config import load_config
from core.errors import CashierError
from core.printer.config import PrinterConfig
from core.printer.drawer import DrawerState, drawer_state
from core.printer.encoder import Encoder
from core.printer.status import NO_REPLY, PrinterStatus, query_status
from core.printer.transport import SerialLink
from core.printer.virtual.machine import Kick
from core.printer.virtual.printer import VirtualPrinter
from tests.printer.conftest import ServerFactory
from tests.test_config import config_file, load_error


@pytest.mark.parametrize(("pin", "pulse_ms", "expected"), [
    (2, 100, "1b 70 00 32 32"),
    (5, 100, "1b 70 01 32 32"),
    (2, 2, "1b 70 00 01 01"),
    (5, 250, "1b 70 01 7d 7d"),
    (2, 510, "1b 70 00 ff ff"),
    (5, 121, "1b 70 01 3c 3c"),  # 2 ms units: an odd millisecond rounds down
])
def test_esc_p_selects_the_pin_and_times_the_pulse_in_2_ms_units(pin: int, pulse_ms: int, expected: str) -> None:
    assert Encoder().drawer_kick(pin=pin, pulse_ms=pulse_ms).bytes().hex(" ") == expected


@pytest.mark.parametrize(("pin", "pulse_ms"), [(3, 100), (1, 100), (2, 0), (2, 1), (5, 512)])
def test_a_kick_the_connector_cannot_carry_is_refused(pin: int, pulse_ms: int) -> None:
    with pytest.raises(ValueError):
        Encoder().drawer_kick(pin=pin, pulse_ms=pulse_ms)


def test_drawer_settings_default_to_pin_2_and_100_ms_and_are_checked() -> None:
    config = PrinterConfig()
    assert (config.drawer, config.drawer_pin, config.drawer_pulse_ms) == (True, 2, 100)
    for key, value in (("drawer_pin", 3), ("drawer_pulse_ms", 0), ("drawer_pulse_ms", 600)):
        with pytest.raises(CashierError) as caught:
            PrinterConfig(**{key: value})
        assert caught.value.code == "printer.config_invalid" and key in caught.value.text("en")
        assert key in caught.value.text("zh_TW") and "印表機設定" in caught.value.text("zh_TW")
    assert PrinterConfig.from_mapping({"drawer": "false"}).drawer is False
    assert PrinterConfig.from_mapping({"drawer": True, "drawer_pin": "5"}).drawer_pin == 5
    with pytest.raises(CashierError):
        PrinterConfig.from_mapping({"drawer": "maybe"})


def test_the_config_file_takes_the_drawer_settings_and_explains_a_bad_one_in_both_languages(
        tmp_path: Path) -> None:
    good = config_file(tmp_path, {"printer": {"drawer": False, "drawer_pin": 5, "drawer_pulse_ms": 60}})
    printer = load_config(good, environ={}).printer
    assert (printer.drawer, printer.drawer_pin, printer.drawer_pulse_ms) == (False, 5, 60)
    for changes, zh, en in (
            ({"drawer_pin": 3}, "腳位 2 或 5", "pin, 2 or 5"),
            ({"drawer_pulse_ms": 1000}, "2 到 510 毫秒", "2 to 510 milliseconds"),
            ({"drawer": "yes"}, "true", "true")):
        error = load_error(config_file(tmp_path, {"printer": changes}, name=f"bad-{next(iter(changes))}.toml"))
        key = "printer." + next(iter(changes))
        assert key in error.text("zh_TW") and zh in error.text("zh_TW")
        assert key in error.text("en") and en in error.text("en")


def test_the_virtual_printer_records_each_kick_with_pin_and_times() -> None:
    printer = VirtualPrinter()
    printer.receive(b"\x1bp\x00\x32\x19" + b"\x1bp1\x0a\x0a" + b"\x1bp0\x01\x02" + b"\x1bp\x07\x32\x32")
    assert printer.kicks == [Kick(2, 100, 50), Kick(5, 20, 20), Kick(2, 2, 4)]  # m=7 is no pin: ignored
    assert printer.pieces == [] and printer.machine.raw == bytearray()  # a kick is not paper


def test_dle_eot_1_reports_the_drawer_sensor_on_bit_2(printer_server: ServerFactory) -> None:
    server = printer_server()
    port = serial.serial_for_url(server.url, timeout=0.5)
    link = SerialLink(port, server.url)
    try:
        closed = query_status(link, timeout=0.3)
        server.printer.drawer_open = True
        opened = query_status(link, timeout=0.3)
    finally:
        link.close()
    assert closed.replies[0] == 0x12 and opened.replies[0] == 0x16
    assert (drawer_state(closed), drawer_state(opened)) == (DrawerState.CLOSED, DrawerState.OPEN)
    assert opened.can_print  # an open drawer is no printer problem
    assert drawer_state(NO_REPLY) is DrawerState.UNKNOWN and drawer_state(None) is DrawerState.UNKNOWN
    assert drawer_state(PrinterStatus((0x1A, 0x32, 0x12, 0x7E))) is DrawerState.CLOSED
