"""What every benchmark reports about the machine it ran on, so figures from two runs can be compared."""

from __future__ import annotations

import os
import platform
import sys
from importlib.metadata import version
from typing import Any


def machine_info(*distributions: str, **extra: Any) -> dict[str, Any]:
    """Python, platform and CPUs, the versions of `distributions`, and any `extra` fields."""
    try:
        usable_cpus: int | None = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable_cpus = None
    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "usable_cpus": usable_cpus,
        **{name: version(name) for name in distributions},
        **extra,
    }
