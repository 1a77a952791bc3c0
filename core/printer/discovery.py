"""Serial printers on this Linux machine, read from sysfs and /dev (roots injectable for tests).

pyserial's list_ports reads the same files but cannot be pointed at another root, and the diagnostics
need more than it returns: the USB devices that have *no* serial port (wrong interface mode or a
missing driver), and the stable /dev/serial/by-id names.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

POSIFLEX_VID = 0x0D3A
TTY_NAME = re.compile(r"^tty(ACM|USB|XRUSB|S|AMA)\d+$")


@dataclass(frozen=True)
class SerialPort:
    device: str  # /dev/ttyACM0
    by_id: str | None  # /dev/serial/by-id/usb-…-if00, stable across replugs
    vid: int | None = None
    pid: int | None = None
    manufacturer: str | None = None
    product: str | None = None
    serial_number: str | None = None
    driver: str | None = None
    usb_path: str | None = None

    @property
    def is_posiflex(self) -> bool:
        return self.vid == POSIFLEX_VID

    @property
    def preferred_path(self) -> str:
        """The by-id path when there is one: ttyACM numbers change when devices are replugged."""
        return self.by_id or self.device

    @property
    def usb_id(self) -> str:
        return f"{self.vid:04x}:{self.pid:04x}" if self.vid is not None and self.pid is not None else "-"

    @property
    def label(self) -> str:
        name = " ".join(part for part in (self.manufacturer, self.product) if part)
        return f"{self.preferred_path}  ({Path(self.device).name})  {self.usb_id}  {name}".rstrip()


@dataclass(frozen=True)
class UsbDevice:
    path: str
    vid: int
    pid: int
    manufacturer: str | None
    product: str | None

    @property
    def usb_id(self) -> str:
        return f"{self.vid:04x}:{self.pid:04x}"

    @property
    def is_posiflex(self) -> bool:
        return self.vid == POSIFLEX_VID


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip() or None
    except OSError:
        return None


def _hex(path: Path) -> int | None:
    text = _read(path)
    try:
        return int(text, 16) if text else None
    except ValueError:
        return None


def _by_id_links(dev_root: Path) -> dict[str, str]:
    """Real device path -> its /dev/serial/by-id link."""
    folder = dev_root / "serial" / "by-id"
    links: dict[str, str] = {}
    if folder.is_dir():
        for link in sorted(folder.iterdir()):
            target = Path(os.path.realpath(link))
            links.setdefault(str(target), str(link))
    return links


def list_serial_ports(sys_root: Path = Path("/sys"), dev_root: Path = Path("/dev")) -> list[SerialPort]:
    ttys = sys_root / "class" / "tty"
    if not ttys.is_dir():
        return []
    by_id = _by_id_links(dev_root)
    ports: list[SerialPort] = []
    for entry in sorted(ttys.iterdir()):
        if not TTY_NAME.match(entry.name) or not (entry / "device").exists():
            continue
        device_path = Path(os.path.realpath(entry / "device"))
        subsystem = Path(os.path.realpath(device_path / "subsystem")).name
        if subsystem == "platform":
            continue  # the kernel's placeholder 8250 UARTs: not connected to anything
        driver = Path(os.path.realpath(device_path / "driver")).name if (device_path / "driver").exists() else None
        usb_device: Path | None = None
        if subsystem == "usb-serial":
            usb_device = device_path.parent.parent
        elif subsystem == "usb":
            usb_device = device_path.parent
        device = str(dev_root / entry.name)
        real = os.path.realpath(device)
        link = by_id.get(real) or by_id.get(device)
        if usb_device is not None:
            ports.append(SerialPort(
                device, link, driver=driver, vid=_hex(usb_device / "idVendor"), pid=_hex(usb_device / "idProduct"),
                manufacturer=_read(usb_device / "manufacturer"), product=_read(usb_device / "product"),
                serial_number=_read(usb_device / "serial"), usb_path=str(usb_device)))
        else:
            ports.append(SerialPort(device, link, driver=driver))
    return ports


def list_usb_devices(sys_root: Path = Path("/sys")) -> list[UsbDevice]:
    folder = sys_root / "bus" / "usb" / "devices"
    if not folder.is_dir():
        return []
    found: list[UsbDevice] = []
    for entry in sorted(folder.iterdir()):
        vid, pid = _hex(entry / "idVendor"), _hex(entry / "idProduct")
        if vid is None or pid is None:
            continue
        found.append(UsbDevice(os.path.realpath(entry), vid, pid, _read(entry / "manufacturer"),
                               _read(entry / "product")))
    return found


def driver_loaded(sys_root: Path = Path("/sys"), module: str = "cdc_acm") -> bool:
    return (sys_root / "module" / module).exists()
