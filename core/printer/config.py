"""The [printer] section of the station's configuration, checked once so a bad value is a message."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from core.errors import CashierError
from core.messages import PrinterCode
from core.printer.drawer import DRAWER_PINS, DRAWER_PULSE_MAX_MS, DRAWER_PULSE_MIN_MS
from core.printer.layout.paper import BARCODE_MODES, DOTS_PER_LINE_CHOICES, QR_MODES, LayoutOptions
from core.printer.models import GENERIC, MODEL_NAMES, with_model_defaults

FLOW_CONTROLS = ("none", "rtscts", "xonxoff")
EMULATOR_URL = "emulator"


@dataclass(frozen=True)
class PrinterConfig:
    url: str = "socket://127.0.0.1:9100"
    model: str = GENERIC.name
    dots_per_line: int = 384
    baudrate: int = GENERIC.default_baudrate  # from_mapping takes the configured model's own
    flow_control: str = "none"
    write_timeout: float = 10.0  # a printer with its cover open stops reading: never block forever
    status_timeout: float = 0.4
    status_retries: int = 3
    confirm_timeout: float = 8.0  # on top of the wire time the job needs at `baudrate`
    qr_mode: str = "raster"
    barcode_mode: str = "native"
    drawer: bool = True  # false: no drawer on the kick-out connector, so cash sales send no ESC p
    drawer_pin: int = 2
    drawer_pulse_ms: int = 100  # python-escpos's 100 ms: enough for common 24 V solenoids

    def __post_init__(self) -> None:
        checks: list[tuple[str, bool, str]] = [
            ("model", self.model in MODEL_NAMES, " | ".join(MODEL_NAMES)),
            ("dots_per_line", self.dots_per_line in DOTS_PER_LINE_CHOICES,
             " | ".join(map(str, DOTS_PER_LINE_CHOICES))),
            ("flow_control", self.flow_control in FLOW_CONTROLS, " | ".join(FLOW_CONTROLS)),
            ("qr_mode", self.qr_mode in QR_MODES, " | ".join(QR_MODES)),
            ("barcode_mode", self.barcode_mode in BARCODE_MODES, " | ".join(BARCODE_MODES)),
            ("baudrate", self.baudrate > 0, "a positive number such as 9600, 19200 or 115200"),
            ("url", bool(self.url.strip()), "a device path, socket://host:port, rfc2217://, loop:// or emulator"),
            ("drawer_pin", self.drawer_pin in DRAWER_PINS, " | ".join(map(str, DRAWER_PINS))),
            ("drawer_pulse_ms", DRAWER_PULSE_MIN_MS <= self.drawer_pulse_ms <= DRAWER_PULSE_MAX_MS,
             f"{DRAWER_PULSE_MIN_MS} to {DRAWER_PULSE_MAX_MS} milliseconds"),
        ]
        for key, ok, expected in checks:
            if not ok:
                raise CashierError(PrinterCode.CONFIG_INVALID, key=key, value=getattr(self, key), expected=expected)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> PrinterConfig:
        known = {f.name: f for f in fields(cls)}
        for key in values:
            if key not in known:
                raise CashierError(PrinterCode.CONFIG_INVALID, key=key, value=values[key],
                                   expected="one of " + ", ".join(known))
        converted: dict[str, Any] = {}
        for key, value in values.items():
            kind = type(getattr(cls(), key))
            if kind is bool:  # bool("false") is True: only a real boolean or its spelling counts
                if str(value).lower() not in ("true", "false"):
                    raise CashierError(PrinterCode.CONFIG_INVALID, key=key, value=value, expected="true | false")
                converted[key] = str(value).lower() == "true"
                continue
            try:
                converted[key] = kind(value)
            except (TypeError, ValueError):
                raise CashierError(PrinterCode.CONFIG_INVALID, key=key, value=value,
                                   expected=kind.__name__) from None
        return cls(**with_model_defaults(converted))

    @property
    def is_emulator(self) -> bool:
        return self.url == EMULATOR_URL

    def layout(self) -> LayoutOptions:
        # XON/XOFF reads 0x11/0x13 inside image data as flow control, so that link gets no raster.
        if self.flow_control == "xonxoff":
            return LayoutOptions(self.dots_per_line, qr_mode="page", barcode_mode="native", allow_raster=False)
        return LayoutOptions(self.dots_per_line, qr_mode=self.qr_mode, barcode_mode=self.barcode_mode)
