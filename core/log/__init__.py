"""The station's (and HQ's) own log: set-up (rotating JSON lines, secrets masked) and reading it back."""

from core.log.reading import Position, follow, position, readable, tail
from core.log.redact import RedactingFilter
from core.log.setup import (
           HQ_LOG_NAME,
           LOG_NAME,
           JsonLineFormatter,
           file_handler,
           log_path,
           register_secrets,
           setup_logging,
)

__all__ = ["HQ_LOG_NAME", "LOG_NAME", "JsonLineFormatter", "Position", "RedactingFilter", "file_handler", "follow",
           "log_path", "position", "readable", "register_secrets", "setup_logging", "tail"]
