"""`cashier config example`: a commented example configuration on stdout, to start a hand-written one
(`cashier config example > config.toml && chmod 600 config.toml`); the doctor names it when none is found."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("config", help="the configuration file: print a commented example")
    actions = parser.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    example = actions.add_parser("example", help="print a commented example config (TOML) to stdout")
    example.set_defaults(handler=example_command)


def example_command(_args: argparse.Namespace) -> int:
    from core.config import example_config

    print(example_config(), end="")
    return 0
