"""The connection to the printer: pyserial's serial_for_url (device, by-id, socket://, rfc2217://,
loop://) or the in-process virtual printer, behind one small interface with timeouts everywhere.

Every failure becomes a CashierError whose code says what a person should do about it.
"""

from __future__ import annotations

import errno
import getpass
import logging
import re
from typing import TYPE_CHECKING, Protocol

from core.errors import CashierError
from core.messages import PrinterCode
from core.printer.config import PrinterConfig

if TYPE_CHECKING:
    import serial

    from core.printer.virtual.printer import VirtualPrinter

log = logging.getLogger(__name__)


class Link(Protocol):
    """What the status reader and the print service need from a connection."""

    url: str

    def write(self, data: bytes) -> None: ...
    def read(self, size: int, timeout: float) -> bytes: ...
    def flush_input(self) -> None: ...
    def close(self) -> None: ...


class SerialLink:
    """A pyserial port opened with explicit read and write timeouts and the configured flow control."""

    def __init__(self, port: serial.SerialBase, url: str) -> None:
        self._port = port
        self.url = url

    def write(self, data: bytes) -> None:
        import serial

        try:
            # No flush(): tcdrain ignores write_timeout and would block on a printer holding CTS low.
            written = self._port.write(data)
        except serial.SerialTimeoutException:
            raise CashierError(PrinterCode.WRITE_TIMEOUT, port=self.url) from None
        except (serial.SerialException, OSError) as error:
            raise CashierError(PrinterCode.DISCONNECTED, port=self.url, detail=str(error)) from None
        if written is not None and written != len(data):
            raise CashierError(PrinterCode.WRITE_TIMEOUT, port=self.url)

    def read(self, size: int, timeout: float) -> bytes:
        import serial

        try:
            self._port.timeout = timeout
            return bytes(self._port.read(size))
        except (serial.SerialException, OSError) as error:
            raise CashierError(PrinterCode.DISCONNECTED, port=self.url, detail=str(error)) from None

    def flush_input(self) -> None:
        import serial

        try:
            self._port.reset_input_buffer()
        except (serial.SerialException, OSError) as error:
            raise CashierError(PrinterCode.DISCONNECTED, port=self.url, detail=str(error)) from None

    def close(self) -> None:
        try:
            self._port.close()
        except Exception:  # closing a port whose device vanished may fail any way
            log.debug("closing %s failed", self.url, exc_info=True)


def open_link(config: PrinterConfig, *, emulator: VirtualPrinter | None = None) -> Link:
    """Open the configured printer. `emulator` is the virtual printer behind url "emulator"."""
    if config.is_emulator:
        from core.printer.virtual.inprocess import InProcessLink

        return InProcessLink(emulator)
    return open_serial(config)


def open_serial(config: PrinterConfig) -> Link:
    import serial

    url = config.url
    options: dict[str, object] = {
        "baudrate": config.baudrate,
        "timeout": config.status_timeout,
        "write_timeout": config.write_timeout,
        "rtscts": config.flow_control == "rtscts",
        "xonxoff": config.flow_control == "xonxoff",
    }
    if (problem := url_form_problem(url)) is not None:
        raise problem
    if "://" not in url:
        # Two programs writing to one printer interleave their jobs; the lock makes the second one fail.
        options["exclusive"] = True
    try:
        port = serial.serial_for_url(url, **options)
    except (serial.SerialException, OSError, ValueError) as error:
        raise classify_open_error(url, error) from None
    return SerialLink(port, url)


NETWORK_SCHEMES = ("socket", "rfc2217")
_NETWORK_URL = re.compile(r"(?:socket|rfc2217)://(?:\[[0-9A-Fa-f:.]+\]|[^\s:/\[\]]+):(\d{1,5})(?:[/?].*)?")


def is_network_url(url: str) -> bool:
    """A LAN printer (socket://, rfc2217://): its advice is about power, cable, address and port, not USB."""
    return url.split(":", 1)[0].lower() in NETWORK_SCHEMES


def url_form_problem(url: str) -> CashierError | None:
    """A network printer's address must be scheme://host:port; pyserial's own complaint about a missing
    port or a stray slash is a Python error message, not advice."""
    if not is_network_url(url):
        return None
    match = _NETWORK_URL.fullmatch(url)
    if match is None or not 1 <= int(match[1]) <= 65535:
        return CashierError(PrinterCode.URL_FORM, value=url)
    return None


def classify_open_error(url: str, error: BaseException) -> CashierError:
    """Turn pyserial's open failure into the action a person can take."""
    code = getattr(error, "errno", None)
    text = str(error)
    if code == errno.ENOENT or "[Errno 2]" in text or "No such file or directory" in text:
        return CashierError(PrinterCode.NO_DEVICE, port=url)
    if code in (errno.EACCES, errno.EPERM) or "[Errno 13]" in text or "Permission denied" in text:
        return CashierError(PrinterCode.PERMISSION, port=url, user=_user())
    if code == errno.EBUSY or "[Errno 16]" in text or "Could not exclusively lock" in text or "busy" in text:
        return CashierError(PrinterCode.BUSY, port=url)
    if "[Errno 111]" in text or "Connection refused" in text or "timed out" in text:
        return CashierError(PrinterCode.UNREACHABLE, port=url)
    if isinstance(error, ValueError) or "invalid URL" in text or "expected" in text:
        return CashierError(PrinterCode.URL_INVALID, value=url)
    return CashierError(PrinterCode.OPEN_FAILED, port=url, detail=text)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry (a container) is not an error
        return "$USER"


def wire_seconds(byte_count: int, baudrate: int) -> float:
    """Time the bytes take on an 8N1 serial line: ten bits a byte."""
    return byte_count * 10 / baudrate
