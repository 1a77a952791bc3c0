"""`cashier printer status|test|emulate`: the printer from the command line (support over SSH, CI)."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.messages import PrinterCode
from core.printer.models import MODEL_NAMES

if TYPE_CHECKING:
    from core.printer.config import PrinterConfig

LANGS = ("zh_TW", "en")
FAULT_NAMES = ("paper-end", "paper-near-end", "cover-open", "offline", "disconnect")  # see virtual/faults.py


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("printer", help="printer status, test print, virtual printer")
    actions = parser.add_subparsers(dest="printer_action", metavar="ACTION", required=True)

    status = actions.add_parser("status", help="printer status in words, and what to fix")
    _printer_options(status)
    status.set_defaults(handler=status_command)

    test = actions.add_parser("test", help="print a test page: width strip and a sample proof copy (測試)")
    _printer_options(test)
    test.set_defaults(handler=test_command)

    emulate = actions.add_parser("emulate", help="run the virtual printer on a TCP port")
    emulate.add_argument("--listen", default="127.0.0.1:9100", metavar="HOST:PORT",
                         help="address to listen on (port 0 picks a free one)")
    emulate.add_argument("--out", required=True, type=Path, metavar="DIR",
                         help="folder for job-NNNN.bin/.png/.txt, one set per cut piece")
    emulate.add_argument("--fault", choices=FAULT_NAMES, help="simulate a fault")
    emulate.add_argument("--baud", type=int, metavar="N", help="simulate a serial link this slow")
    emulate.add_argument("--dots", type=int, default=384, metavar="N", help="print head width in dots")
    emulate.set_defaults(handler=emulate_command)


def _printer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--printer", metavar="URL", help="printer URL (default: the configuration's)")
    parser.add_argument("--model", help=" | ".join(MODEL_NAMES))
    parser.add_argument("--dots", type=int, metavar="N", help="dots per line (384, 416, 420, 432, 512)")


def _config(args: argparse.Namespace) -> tuple[PrinterConfig, Any]:
    from core.printer.config import PrinterConfig

    if args.printer:
        return PrinterConfig.from_mapping({k: v for k, v in (
            ("url", args.printer), ("model", args.model), ("dots_per_line", args.dots)) if v is not None}), None
    from core.config import load_config

    station = load_config(args.config)
    overrides = {k: v for k, v in (("model", args.model), ("dots_per_line", args.dots)) if v is not None}
    return PrinterConfig.from_mapping({**asdict(station.printer), **overrides}), station


def _both(error: Any) -> str:
    return "\n".join(error.text(lang) for lang in LANGS)


def status_command(args: argparse.Namespace) -> int:
    from core.printer.diagnostics import diagnose

    config, _ = _config(args)
    # `cashier --lang en printer status`: English only; without --lang both, for support reading either.
    langs = (args.lang,) if getattr(args, "lang", None) else LANGS
    label = {"zh_TW": ("印表機", "狀態：", "無法連線，狀態不明"),
             "en": ("printer:", "status: ", "cannot connect, state unknown")}
    print(" ".join(label[lang][0] for lang in langs) + f" {config.url} ({config.model}, {config.dots_per_line} dots)")
    report = diagnose(config)
    for lang in langs:
        print(label[lang][1] + (report.status.words(lang) if report.status is not None else label[lang][2]))
    print(report.render(langs))
    return 0 if report.status is not None and report.status.can_print else 1


def test_command(args: argparse.Namespace) -> int:
    from core.clock import SystemClock
    from core.errors import CashierError
    from core.printer.documents import sample_test_page
    from core.printer.service import JobEvent, JobState, PrintService

    config, station = _config(args)
    seller = {"seller_name": station.seller.name, "seller_ban": station.seller.ban} if station else {}
    page = sample_test_page(issued=SystemClock().now(), model=config.model, url=config.url, **seller)
    events: list[JobEvent] = []
    with PrintService(config, on_event=events.append) as service:
        service.submit("test-page", page)
        if not service.wait_idle(config.confirm_timeout + 60):
            print("測試頁逾時 / the test page timed out", file=sys.stderr)
            return 1
    final = events[-1]
    if final.state is JobState.PRINTED:
        print("測試頁已送出並由印表機確認 / test page printed and confirmed by the printer")
        for warning in final.warnings:
            print(_both(warning))
        for code in (PrinterCode.GUIDE_BLANK_PRINT, PrinterCode.GUIDE_NOISE):
            print(_both(CashierError(code)))
        return 0
    print("測試頁沒有印出 / the test page did not print", file=sys.stderr)
    if final.reason is not None:
        print(_both(final.reason), file=sys.stderr)
    return 1


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def emulate_command(args: argparse.Namespace) -> int:
    from core.errors import CashierError
    from core.printer.virtual.machine import Piece
    from core.printer.virtual.printer import VirtualPrinter
    from core.printer.virtual.server import VirtualPrinterServer

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s", stream=sys.stderr)
    host, _, port = args.listen.rpartition(":")
    if not host or not port.isdigit():
        raise CashierError(PrinterCode.URL_INVALID, value=args.listen)

    def written(piece: Piece, path: Path | None) -> None:
        print(f"{path.name if path else 'piece'}: {piece.height} dots{'' if piece.cut else ' (torn, no cut)'}",
              flush=True)

    printer = VirtualPrinter(dots_per_line=args.dots, out_dir=args.out, fault=args.fault, baud=args.baud,
                             on_piece=written)
    server = VirtualPrinterServer(printer, host, int(port))
    signal.signal(signal.SIGTERM, _interrupt)
    print(f"listening on {server.url} fault={args.fault or 'none'} baud={args.baud or '-'} out={args.out}",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0
