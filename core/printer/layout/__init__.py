"""Documents laid out on the paper: each module turns one kind of document into encoder calls.

Importing this package (core.config does, for the paper settings in layout/paper.py) stays light: the
documents, the encoder and the layouts are imported when a document is encoded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.printer.layout.paper import LayoutOptions

if TYPE_CHECKING:
    from core.printer.documents import Document
    from core.printer.encoder import Encoder


def encode_document(document: Document, options: LayoutOptions) -> Encoder:
    """The job's bytes (in an Encoder, which also says whether raster data or replacements occurred)."""
    from core.einvoice import ProofCopy
    from core.printer.documents import AllowanceSlip, DrawerKick, TestPage, TransactionDetails
    from core.printer.encoder import Encoder
    from core.printer.layout import allowance_slip, details_slip, printer_check_page, proof_copy, z_report
    from core.shift.model import ZReport

    if isinstance(document, DrawerKick):  # no ESC @: it would throw away a line still being printed
        return Encoder().drawer_kick(pin=document.pin, pulse_ms=document.pulse_ms)
    encoder = Encoder().init()
    if isinstance(document, ProofCopy):
        proof_copy.encode(encoder, document, options)
    elif isinstance(document, TransactionDetails):
        details_slip.encode(encoder, document, options)
    elif isinstance(document, TestPage):
        printer_check_page.encode(encoder, document, options)
    elif isinstance(document, ZReport):
        z_report.encode(encoder, document, options)
    elif isinstance(document, AllowanceSlip):
        allowance_slip.encode(encoder, document, options)
    else:
        raise TypeError(f"cannot print a {type(document).__name__}")
    return encoder


__all__ = ["LayoutOptions", "encode_document"]
