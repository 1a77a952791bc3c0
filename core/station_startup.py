"""What every selling entry point does before it builds the UI: log to the data dir with the config's
secrets masked, and take the one-selling-instance lock."""

from __future__ import annotations

import logging
import os
from datetime import datetime
from typing import TYPE_CHECKING

from core.station_lock import StationLock, acquire

if TYPE_CHECKING:
    from core.config import Config

log = logging.getLogger("cashier.station")


def start_station(config: Config, now: datetime) -> StationLock:
    """Set up the log file and try the lock. `read_only` on the result means another instance sells."""
    from core.log import setup_logging
    from core.private_files import private_dir

    private_dir(config.station.data_dir)  # sales, customers' numbers, the printer's state: owner-only
    setup_logging(config.station.data_dir, secrets=(config.seller.aes_key, config.hq.token))
    lock = acquire(config.station.data_dir, now=now)
    if lock.read_only:
        owner = lock.owner
        # Who looked, for the store owner: sshd tells the remote address of a support session.
        via = (os.environ.get("SSH_CONNECTION") or "").split(" ")[0] or "the local terminal"
        log.warning("station %s already running (pid %s on %s); this instance (pid %s, from %s) is support-only",
                    config.station.id, owner.pid if owner else "?", owner.host if owner else "?", os.getpid(), via)
    elif lock.recovered_from is not None:
        log.warning("recovered the station lock from pid %s (it did not stop cleanly)", lock.recovered_from.pid)
    else:
        log.info("station %s started (pid %s)", config.station.id, lock.owner.pid if lock.owner else "?")
    return lock

