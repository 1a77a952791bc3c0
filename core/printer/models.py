"""The printer models a station can be configured for. Adding a model is one entry in MODELS (and, if it
needs its own setup advice, that advice's text in core/messages/printer.py).

Every model here speaks the same ESC/POS subset (reference/escpos.md); what differs is how its USB port
is put into virtual-COM mode and the link speed it ships with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core.messages import PrinterCode

# How to put the USB port into virtual-COM mode (core/messages/printer.py holds the texts).
PP8800_DIP = PrinterCode.GUIDE_PP8800_DIP
PP8802_UTILITY = PrinterCode.GUIDE_PP8802_UTILITY


@dataclass(frozen=True)
class PrinterModel:
    name: str  # as written in the configuration's [printer] model
    usb_guidance: tuple[PrinterCode, ...]  # in the order the cashier is told them
    # Aura-series USB/LAN units run their internal link at the 19200 switch setting; over USB-CDC the host
    # value hardly matters, over RS-232 it must match the DIP switches.
    default_baudrate: int = 19200
    cuts: bool = True  # GS V partial cut after each piece
    # GS ( k QR codes in page mode (ESC L / ESC W / ESC $ / GS $ / FF): the pair costs ~0.3 KB on the wire
    # instead of a ~6 KB raster image, 7 s less at 9600 baud. Without it the pair goes as one raster image.
    native_qr: bool = True
    native_code39: bool = True  # GS k Code 39 at module width 1 (else a raster of the same bars)
    drawer: bool = True  # ESC p kicks a cash drawer on the printer's port


# Which advice applies is unknown, and so is whether its firmware takes QR codes in page mode (escpos.md §3a:
# some do not): the raster pair works on every printer.
GENERIC = PrinterModel("generic", (PP8800_DIP, PP8802_UTILITY), native_qr=False)
MODELS: tuple[PrinterModel, ...] = (
    PrinterModel("PP-8800", (PP8800_DIP,)),
    PrinterModel("PP-8802", (PP8802_UTILITY,)),
    PrinterModel("PP-5200", (PP8800_DIP, PP8802_UTILITY)),
    GENERIC,
)
MODEL_NAMES = tuple(model.name for model in MODELS)


def printer_model(name: str) -> PrinterModel:
    """The model called `name`; the generic one for a name that is none of ours (its advice covers all)."""
    return next((model for model in MODELS if model.name == name), GENERIC)


def with_model_defaults(values: Mapping[str, Any]) -> dict[str, Any]:
    """[printer] settings with what the configuration leaves out taken from its model."""
    settled = dict(values)
    model = printer_model(str(settled.get("model") or GENERIC.name))
    if settled.get("baudrate") is None:
        settled["baudrate"] = model.default_baudrate
    if settled.get("qr_mode") is None:
        settled["qr_mode"] = "page" if model.native_qr else "raster"
    if settled.get("barcode_mode") is None:
        settled["barcode_mode"] = "native" if model.native_code39 else "raster"
    return settled
