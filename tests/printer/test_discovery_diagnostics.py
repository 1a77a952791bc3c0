"""Discovery and the FAQ diagnostics, on a fake sysfs and /dev tree built in tmp_path.

A physical Posiflex printer cannot be plugged into CI, so its sysfs entries are files we make; the
code reading them, the status probing and the report are the real ones.
"""

from __future__ import annotations

import os
import pty
from pathlib import Path

import pytest

from core.errors import CashierError
from core.printer.config import PrinterConfig
from core.printer.diagnostics import diagnose, permission_denied
from core.printer.discovery import list_serial_ports, list_usb_devices
from core.printer.transport import open_link
from core.printer.virtual.inprocess import InProcessLink
from core.printer.virtual.printer import VirtualPrinter
from tests.printer.conftest import fast_config


def _write(path: Path, **files: str) -> None:
    path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (path / name).write_text(text + "\n")


def usb_device(sys_root: Path, dev_root: Path, *, bus: str = "1-1", vid: str = "0d3a", pid: str = "0d3a",
               manufacturer: str = "POSIFLEX", product: str = "PP-8800", tty: str | None = "ttyACM0",
               by_id: bool = True, usb_serial: bool = False) -> Path:
    device = sys_root / "devices/pci0000:00/0000:00:14.0/usb1" / bus
    _write(device, idVendor=vid, idProduct=pid, manufacturer=manufacturer, product=product, serial="PPUSB0")
    devices = sys_root / "bus/usb/devices"
    devices.mkdir(parents=True, exist_ok=True)
    (devices / bus).symlink_to(device)
    if tty is None:
        return device
    interface = device / f"{bus}:1.0"
    interface.mkdir()
    if usb_serial:  # ftdi_sio-style: the tty hangs below a usb-serial port device
        port = interface / tty
        port.mkdir()
        (sys_root / "bus/usb-serial").mkdir(parents=True, exist_ok=True)
        (port / "subsystem").symlink_to(sys_root / "bus/usb-serial")
        tty_parent = port
    else:
        (interface / "subsystem").symlink_to(sys_root / "bus/usb")
        driver = sys_root / "bus/usb/drivers/cdc_acm"
        driver.mkdir(parents=True, exist_ok=True)
        (interface / "driver").symlink_to(driver)
        tty_parent = interface
    node = tty_parent / "tty" / tty
    node.mkdir(parents=True)
    (node / "device").symlink_to(tty_parent)
    (sys_root / "class/tty").mkdir(parents=True, exist_ok=True)
    (sys_root / "class/tty" / tty).symlink_to(node)
    dev_root.mkdir(parents=True, exist_ok=True)
    (dev_root / tty).touch()
    if by_id:
        (dev_root / "serial/by-id").mkdir(parents=True, exist_ok=True)
        (dev_root / "serial/by-id" / f"usb-{manufacturer}_{product}_PPUSB0-if00").symlink_to(f"../../{tty}")
    return device


def platform_uart(sys_root: Path, name: str = "ttyS0") -> None:
    device = sys_root / "devices/platform/serial8250"
    device.mkdir(parents=True)
    (sys_root / "bus/platform").mkdir(parents=True, exist_ok=True)
    (device / "subsystem").symlink_to(sys_root / "bus/platform")
    (sys_root / "class/tty" / name).mkdir(parents=True)
    (sys_root / "class/tty" / name / "device").symlink_to(device)


@pytest.fixture
def roots(tmp_path: Path) -> tuple[Path, Path]:
    sys_root, dev_root = tmp_path / "sys", tmp_path / "dev"
    (sys_root / "class/tty").mkdir(parents=True)
    (sys_root / "module/cdc_acm").mkdir(parents=True)
    dev_root.mkdir()
    return sys_root, dev_root


def test_lists_ports_with_usb_identity_and_prefers_by_id(roots) -> None:
    sys_root, dev_root = roots
    usb_device(sys_root, dev_root)
    usb_device(sys_root, dev_root, bus="1-2", vid="0403", pid="6001", manufacturer="FTDI", product="FT232R",
               tty="ttyUSB0", by_id=False, usb_serial=True)
    platform_uart(sys_root)
    ports = {Path(p.device).name: p for p in list_serial_ports(sys_root, dev_root)}
    assert set(ports) == {"ttyACM0", "ttyUSB0"}  # the placeholder 8250 UART is not a printer port
    posiflex = ports["ttyACM0"]
    assert posiflex.is_posiflex and posiflex.usb_id == "0d3a:0d3a" and posiflex.product == "PP-8800"
    assert posiflex.driver == "cdc_acm"
    assert posiflex.preferred_path == str(dev_root / "serial/by-id/usb-POSIFLEX_PP-8800_PPUSB0-if00")
    ftdi = ports["ttyUSB0"]
    assert (ftdi.vid, ftdi.pid, ftdi.by_id, ftdi.is_posiflex) == (0x0403, 0x6001, None, False)
    assert ftdi.preferred_path == str(dev_root / "ttyUSB0")


def test_nothing_connected_reports_no_device_with_the_jumper_guidance(roots) -> None:
    sys_root, dev_root = roots
    report = diagnose(None, sys_root=sys_root, dev_root=dev_root)
    assert report.summary("zh_TW") == "已註冊的裝置 0 台，1 個問題待修正"
    assert report.summary("en") == "registered devices 0, 1 issue to fix"
    issue = report.issues[0]
    assert issue.problem.code == "printer.issue.no_device"
    text = report.render()
    assert "DIP 開關 1、2、4、6 都切到 ON" in text and "DIP switches 1, 2, 4 and 6" in text
    assert "PP-8802 has no switches" in text


@pytest.mark.parametrize(("model", "guide"), [("PP-8800", "printer.guide.pp8800_dip"),
                                              ("PP-8802", "printer.guide.pp8802_utility")])
def test_posiflex_on_usb_without_serial_port_and_missing_driver(roots, model, guide) -> None:
    sys_root, dev_root = roots
    (sys_root / "module/cdc_acm").rmdir()
    usb_device(sys_root, dev_root, product=model, tty=None)
    assert [d.usb_id for d in list_usb_devices(sys_root)] == ["0d3a:0d3a"]
    config = PrinterConfig(url=str(dev_root / "ttyACM0"), model=model)
    report = diagnose(config, sys_root=sys_root, dev_root=dev_root, opener=open_link)
    codes = [issue.problem.code for issue in report.issues]
    assert codes == ["printer.issue.driver_missing", "printer.issue.usb_without_port", "printer.no_device"]
    assert [g.code for g in report.issues[0].guidance] == ["printer.guide.driver"]
    assert [g.code for g in report.issues[1].guidance] == [guide]
    assert model in report.issues[1].problem.text("en")


def test_permission_denied_when_the_user_is_not_in_dialout(roots) -> None:
    sys_root, dev_root = roots
    usb_device(sys_root, dev_root)
    os.chmod(dev_root / "ttyACM0", 0o660)
    report = diagnose(PrinterConfig(url=str(dev_root / "ttyACM0")), sys_root=sys_root, dev_root=dev_root,
                      uid=1000, groups=[], user="cashier", opener=lambda c: InProcessLink(VirtualPrinter()))
    permission = next(i for i in report.issues if i.problem.code == "printer.permission")
    assert "dialout" in permission.problem.text("en")
    assert "sudo usermod -aG dialout cashier" in permission.guidance[0].text("en")
    node = dev_root / "ttyACM0"
    assert not permission_denied(node, uid=1000, groups=[node.stat().st_gid])  # in the group: fine
    assert not permission_denied(node, uid=0, groups=[])


def test_bare_tty_number_in_config_gets_the_by_id_advice_and_the_status_is_read(roots) -> None:
    sys_root, dev_root = roots
    usb_device(sys_root, dev_root)
    printer = VirtualPrinter(fault="paper-end")
    report = diagnose(fast_config(str(dev_root / "ttyACM0"), model="PP-8800"), sys_root=sys_root,
                      dev_root=dev_root, uid=0, opener=lambda c: InProcessLink(printer))
    assert len(report.devices) == 1 and "PP-8800" in report.devices[0]
    codes = [i.problem.code for i in report.issues]
    assert codes == ["printer.issue.unstable_path", "printer.state.paper_end"]
    assert "serial/by-id/usb-POSIFLEX_PP-8800_PPUSB0-if00" in report.issues[0].guidance[0].text("en")
    assert report.summary("en") == "registered devices 1, 2 issues to fix"


def test_port_busy_with_another_program(tmp_path) -> None:
    master, slave = pty.openpty()
    try:
        path = os.ttyname(slave)
        holder = open_link(PrinterConfig(url=path))  # the other program, holding the exclusive lock
        try:
            report = diagnose(fast_config(path), sys_root=tmp_path / "sys", dev_root=tmp_path / "dev")
        finally:
            holder.close()
    finally:
        os.close(master)
        os.close(slave)
    busy = next(i for i in report.issues if i.problem.code == "printer.busy")
    assert "another program" in busy.problem.text("en") and "Close the other program" in busy.guidance[0].text("en")


@pytest.mark.parametrize(("fault", "issue", "guides"), [
    ("paper-end", "printer.state.paper_end", ["printer.guide.load_paper"]),
    ("cover-open", "printer.state.cover_open", ["printer.guide.close_cover"]),
    ("offline", "printer.state.no_reply", ["printer.guide.network"]),  # a LAN printer: no USB advice
])
def test_printer_states_become_issues_with_guidance(printer_server, tmp_path, fault, issue, guides) -> None:
    server = printer_server(fault=fault)
    report = diagnose(fast_config(server.url), sys_root=tmp_path / "sys", dev_root=tmp_path / "dev")
    found = next(i for i in report.issues if i.problem.code == issue)
    assert [g.code for g in found.guidance] == guides
    assert report.status is not None and not report.status.can_print


def test_healthy_network_printer_counts_as_registered_and_symptoms_are_explained(printer_server, tmp_path) -> None:
    server = printer_server()
    report = diagnose(fast_config(server.url), sys_root=tmp_path / "sys", dev_root=tmp_path / "dev")
    assert report.ok and report.devices == [server.url]
    text = report.render()
    assert "registered devices 1, 0 issues to fix" in text
    assert "紙捲放反了" in text and "paper roll is in backwards" in text
    assert "異音" in text and "grinding noise" in text


def test_failed_job_reasons_map_to_the_faq_guidance() -> None:
    from core.errors import CashierError
    from core.printer.diagnostics import guidance_for
    from core.printer.status import PrinterStatus

    lost = guidance_for(CashierError("printer.disconnected", port="/dev/ttyACM0", detail="x"))
    assert [g.code for g in lost] == ["printer.guide.link_reset"]
    assert "replug the USB cable" in lost[0].text("en") and "restart the devices" in lost[0].text("en")
    paper = PrinterStatus((0x1A, 0x32, 0x12, 0x7E)).problem()
    assert paper is not None
    assert [g.code for g in guidance_for(paper)] == ["printer.guide.load_paper"]  # not the power switch
    missing = guidance_for(CashierError("printer.no_device", port="/dev/ttyACM0"), "PP-8800")
    assert [g.code for g in missing] == ["printer.guide.power_cable", "printer.guide.pp8800_dip"]


# -- advice that fits the link ------------------------------------------------------
@pytest.mark.parametrize("url", ["socket://192.168.1.50:9100", "rfc2217://10.0.0.7:4001"])
def test_a_network_printer_that_does_not_answer_gets_network_advice(url: str) -> None:
    from core.printer.diagnostics import guidance_for, state_guidance

    for reason in (CashierError("printer.unreachable", port=url), CashierError("printer.write_timeout", port=url)):
        steps = guidance_for(reason, "PP-8800", url)
        assert [g.code for g in steps] == ["printer.guide.network"]
        assert "USB" not in steps[0].text("zh_TW") and "LAN cable" in steps[0].text("en") and url in steps[0].text("en")
    assert [g.code for g in state_guidance("printer.state.no_reply", url)] == ["printer.guide.network"]


def test_a_usb_printer_keeps_the_usb_advice() -> None:
    from core.printer.diagnostics import guidance_for, state_guidance

    usb = "/dev/ttyACM0"
    lost = guidance_for(CashierError("printer.disconnected", port=usb, detail="x"), "PP-8800", usb)
    assert [g.code for g in lost] == ["printer.guide.link_reset"]
    assert [g.code for g in state_guidance("printer.state.no_reply", "/dev/ttyACM0")] == [
        "printer.guide.power_cable", "printer.guide.link_reset"]


@pytest.mark.parametrize("url", ["socket:/bad", "socket://host", "socket://host:", "socket://host:99999",
                                 "rfc2217://:4001", "socket://a b:9100"])
def test_a_malformed_network_address_says_which_forms_are_accepted(url: str, tmp_path) -> None:
    from core.printer.transport import url_form_problem

    problem = url_form_problem(url)
    assert problem is not None and problem.code == "printer.url_form"
    assert "socket://host:port" in problem.text("en") and "socket://位址:埠" in problem.text("zh_TW")
    report = diagnose(fast_config(url), sys_root=tmp_path / "sys", dev_root=tmp_path / "dev")
    assert [(i.problem.code, i.guidance) for i in report.issues] == [("printer.url_form", ())]


@pytest.mark.parametrize("url", ["socket://192.168.1.50:9100", "socket://printer.local:9100",
                                 "rfc2217://[::1]:4001", "/dev/ttyACM0", "loop://", "emulator"])
def test_good_addresses_pass_the_form_check(url: str) -> None:
    from core.printer.transport import url_form_problem

    assert url_form_problem(url) is None


def test_one_issue_is_singular() -> None:
    from core.printer.diagnostics import summary_error

    assert summary_error(0, 1).text("en") == "registered devices 0, 1 issue to fix"
    assert summary_error(1, 2).text("en") == "registered devices 1, 2 issues to fix"
