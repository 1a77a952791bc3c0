"""The `cashier` command line."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from core import __version__
from core.errors import CashierError
from core.private_files import private_umask

# Each module registers its own sub-parser; keep the list in the order `cashier --help` shows.
COMMAND_MODULES: tuple[str, ...] = ("tui.commands.demo", "tui.commands.printer", "tui.commands.hq",
                                    "tui.commands.doctor", "tui.commands.logs", "tui.commands.shift",
                                    "tui.commands.backup", "tui.commands.config")


LANGUAGES = ("zh_TW", "en")
COMPACT_HELP = ("compact display for a Linux console or a slow SSH link: ASCII only, 16 colours, no mouse "
                "(overrides [station] display)")


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; without `commands`, only the station's own options (see main)."""
    parser = argparse.ArgumentParser(
        prog="cashier", description="Cashier station for Taiwanese retail: sell, issue e-invoices, print."
    )
    parser.add_argument("--version", action="version", version=f"cashier {__version__}")
    parser.add_argument("--config", help="configuration file (default: $CASHIER_CONFIG or the platform dir)")
    parser.add_argument("--lang", choices=LANGUAGES, help="language of messages")
    parser.add_argument("--compact", action="store_true", help=COMPACT_HELP)
    if commands:
        subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
        for name in COMMAND_MODULES:
            importlib.import_module(name).register(subparsers)
    return parser


STATION_OPTIONS = ("--config", "--lang")  # the options of plain `cashier` that take a value


def station_only(argv: Sequence[str]) -> bool:
    """Plain `cashier` spelled out: nothing but --config/--lang VALUE (or =VALUE) and --compact. Then the
    commands' modules and sub-parsers are not needed (they cost ~7 ms at every start-up). The smaller
    parser then cannot fail; anything else — a command, --help, --version, an abbreviation, a language
    not offered, a typo — gets the whole parser and its messages, exactly as before."""
    pairs: list[tuple[str, str]] = []  # (option, value)
    tokens = iter(argv)
    for token in tokens:
        name, equals, value = token.partition("=")
        if token == "--compact":
            continue
        if token in STATION_OPTIONS:
            value = next(tokens, "-")  # a missing value: let the whole parser say so
        elif not (equals and name in STATION_OPTIONS):
            return False
        pairs.append((name, value))
    return all(not value.startswith("-") and (name != "--lang" or value in LANGUAGES) for name, value in pairs)


def main(argv: Sequence[str] | None = None) -> int:
    # Before anything is created: the station's, the demo's and HQ's files are owner-only (core/private_files.py).
    private_umask()
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(commands=not station_only(argv))
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:  # plain `cashier`: the station itself
            from tui.launch import run_station

            return run_station(args.config, args.lang, args.compact)
        code = int(handler(args) or 0)
        sys.stdout.flush()  # here, not at exit: a reader gone (`| head -1`) is then ours to handle
        return code
    except CashierError as error:
        print(error.text(args.lang or "zh_TW"), file=sys.stderr)
        return 1
    except BrokenPipeError:
        return reader_gone()


BROKEN_PIPE_EXIT = 128 + 13  # what a shell reports for a command ended by SIGPIPE, as `cat` would be


def reader_gone() -> int:
    """The program reading our output left (`cashier doctor | head -1`): stop quietly. Whatever is still
    buffered goes to /dev/null, else Python's flush at exit prints a traceback of its own."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return BROKEN_PIPE_EXIT


if __name__ == "__main__":
    sys.exit(main())
