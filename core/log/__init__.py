"""The station's own log: set-up (rotating JSON lines, secrets masked) and reading it back."""

from core.log.reading import Position, follow, position, readable, tail
from core.log.redact import RedactingFilter
from core.log.setup import JsonLineFormatter, log_path, setup_logging

__all__ = ["JsonLineFormatter", "Position", "RedactingFilter", "follow", "log_path", "position", "readable",
           "setup_logging", "tail"]
