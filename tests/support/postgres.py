"""PostgreSQL for HQ's tests: CI exports CASHIER_TEST_PG_URL (.ci/run); on a developer machine with
Debian's postgresql installed, the session starts a throwaway cluster with the same script. Without
PostgreSQL the PostgreSQL variants fail, saying how to install it: they never skip silently."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator

import pytest

from tests.support.paths import ROOT

SCRIPT = ROOT / ".ci" / "start-postgres"
HOW = ("HQ's PostgreSQL tests need PostgreSQL: install it with `sudo apt-get install -y postgresql` "
       "(the tests then start a throwaway cluster with .ci/start-postgres), or point CASHIER_TEST_PG_URL "
       "at a database, e.g. postgresql://user@127.0.0.1:5432/db")


def _installed() -> bool:
    return bool(glob.glob("/usr/lib/postgresql/*/bin/initdb")) or shutil.which("initdb") is not None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    url = os.environ.get("CASHIER_TEST_PG_URL")
    if url:
        yield url
        return
    if not _installed():
        pytest.fail(HOW)
    # Not pytest's tmp_path: its parents are private to this user, and as root the server runs as postgres.
    folder = tempfile.mkdtemp(prefix="cashier-pg-")
    started = subprocess.run([str(SCRIPT), "--dir", folder, "--port", str(_free_port())], capture_output=True,
                             text=True, timeout=120, check=False)
    if started.returncode != 0:
        pytest.fail(f"could not start PostgreSQL with {SCRIPT}: {started.stderr.strip()}\n{HOW}")
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run([str(SCRIPT), "--stop", "--dir", folder], capture_output=True, timeout=60, check=False)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_url(pg_server_url: str) -> str:
    """A fresh database of this test session (one per xdist worker) on the test server."""
    import psycopg

    name = "cashier_test_" + os.environ.get("PYTEST_XDIST_WORKER", "main")
    base, _, _ = pg_server_url.rpartition("/")
    with psycopg.connect(pg_server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"
