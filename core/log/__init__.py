"""The station's own log: set-up (rotating JSON lines, secrets masked) and reading it back."""

from core.log.reading import Position, follow, position, tail
from core.log.redact import RedactingFilter
from core.log.setup import JsonLineFormatter, log_path, setup_logging

__all__ = ["JsonLineFormatter", "Position", "RedactingFilter", "follow", "log_path", "position", "setup_logging",
           "tail"]
