"""`cashier shift close --staff ID`: close the shift (交班) and show its Z report; `--print` prints it.
The staff member's PIN is asked for (or read from stdin with --pin-stdin, for scripts)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from dataclasses import asdict

from core.messages import StoreCode


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("shift", help="shift close (交班) and its Z report")
    actions = parser.add_subparsers(dest="shift_action", metavar="ACTION", required=True)
    close = actions.add_parser("close", help="close the open shift and show (or print) its Z report")
    close.add_argument("--staff", required=True, metavar="ID", help="who closes the shift (their PIN is checked)")
    close.add_argument("--pin-stdin", action="store_true", help="read the PIN from the first line of stdin")
    close.add_argument("--print", action="store_true", help="print the Z report on the configured printer")
    close.add_argument("--json", action="store_true", help="show the report as JSON")
    close.set_defaults(handler=close_command)


def _text(report) -> str:  # type: ignore[no-untyped-def]
    lines = [f"Z{report.number:06d}  {report.station_id}  {report.opened_at:%Y-%m-%d %H:%M:%S} → "
             f"{report.closed_at:%Y-%m-%d %H:%M:%S}  交班 closed by {report.closed_by}",
             f"交易 orders {report.orders}  總額 total {report.total}"]
    lines += [f"  {p.kind}: {p.count} × → {p.amount}" + (f" (找零 change {p.change})" if p.change else "")
              for p in report.payments]
    lines.append(f"發票 invoices {report.invoices_issued} (電子 e {report.e_invoices}: {report.first_number or '-'}"
                 f" … {report.last_number or '-'}; 手開 manual {report.manual_invoices})")
    lines.append(f"作廢 voided {report.voided} ({report.voided_amount}) {' '.join(report.voided_numbers)}")
    lines.append(f"剩餘號碼 numbers left {report.numbers_left}")
    if report.upload_warning:
        lines.append(f"! 未上傳 not uploaded: {report.pending_uploads}, 需要處理 attention: {report.attention_uploads}")
    return "\n".join(lines)


def close_command(args: argparse.Namespace) -> int:
    from core.clock import SystemClock
    from core.config import load_config
    from core.station import Station

    config = load_config(args.config)
    if args.print:
        from core.errors import CashierError
        from core.station_lock import peek

        if peek(config.station.data_dir).running:  # refused before anything is closed
            raise CashierError(StoreCode.SHIFT_PRINT_WHILE_SELLING)
    pin = sys.stdin.readline().strip() if args.pin_stdin else getpass.getpass("PIN: ")
    station = Station.open(config.station.data_dir / "station.db", config.make_seller(), SystemClock())
    if config.backup.dir is not None:  # 交班 backs the database up, from a shell as at the till
        from datetime import timedelta

        station.start_backups(config.backup.dir, interval=timedelta(minutes=config.backup.interval_minutes),
                              keep=config.backup.keep)
    try:
        station.login(args.staff, pin)  # raises a bilingual CashierError on a wrong PIN
        report = station.close_shift(args.staff)
    finally:
        station.close()
    if args.json:
        print(json.dumps({**asdict(report), "opened_at": report.opened_at.isoformat(),
                          "closed_at": report.closed_at.isoformat()}, ensure_ascii=False, indent=2))
    else:
        print(_text(report))
    if args.print:
        return _print(config, station.z_report(report, store_name=config.station.store_name))
    return 0


def _print(config, document) -> int:  # type: ignore[no-untyped-def]
    from core.printer.service import JobEvent, JobState, PrintService

    events: list[JobEvent] = []
    with PrintService(config.printer, on_event=events.append) as service:
        service.submit("z-report", document)
        service.wait_idle(config.printer.confirm_timeout + 60)
    if events and events[-1].state is JobState.PRINTED:
        return 0
    print("Z 報表沒有印出 / the Z report did not print", file=sys.stderr)
    return 1
