from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from core.clock import TAIPEI
from core.einvoice import ProofCopy, ProofLine, build_proof_copy
from core.printer.config import PrinterConfig
from core.printer.virtual.printer import VirtualPrinter
from core.printer.virtual.server import VirtualPrinterServer

AES_KEY = "0123456789abcdef0123456789abcdef"
ISSUED = datetime(2026, 11, 22, 14, 5, 9, tzinfo=TAIPEI)
THREE_ITEMS = (ProofLine("乾電池", 1, 105), ProofLine("口罩", 1, 210), ProofLine("牛奶", 1, 25))
# Fifteen items (UTF-8): both codes' data need version 8 on their own, so a printer's own version choice
# (GS ( k has no version parameter) gives a lawful pair and page mode prints them natively. THREE_ITEMS'
# right code needs only version 2: page mode prints that pair as one raster image instead.
NATIVE_PAIR_ITEMS = tuple(ProofLine(f"商品{i:02d}號", i, 10 * i) for i in range(1, 16))


def make_proof(*, lines: tuple[ProofLine, ...] = THREE_ITEMS, buyer_ban: str | None = None,
               number: str = "AB12345678", encoding: str = "utf-8", dots: int = 384) -> ProofCopy:
    from core.einvoice import max_version_for_paper

    return build_proof_copy(
        seller_name="示範商店股份有限公司", seller_ban="12345675", number=number, random_code="1234",
        issued=ISSUED, lines=lines, aes_key_hex=AES_KEY, buyer_ban=buyer_ban, encoding=encoding,
        max_qr_version=max_version_for_paper(dots))


@pytest.fixture
def proof() -> ProofCopy:
    return make_proof()


def fast_config(url: str, **overrides: object) -> PrinterConfig:
    """Short status timeouts: the virtual printer answers in well under a millisecond."""
    values: dict[str, object] = {"url": url, "status_timeout": 0.15, "status_retries": 2, "confirm_timeout": 3.0}
    values.update(overrides)
    return PrinterConfig.from_mapping(values)


ServerFactory = Callable[..., VirtualPrinterServer]


@pytest.fixture
def printer_server(tmp_path: Path) -> Iterator[ServerFactory]:
    """Start a virtual printer on a real loopback TCP port; stopped at the end of the test."""
    servers: list[VirtualPrinterServer] = []

    def start(*, fault: str | None = None, dots: int = 384, baud: int | None = None,
              out: Path | None = None, port: int = 0, **kwargs: object) -> VirtualPrinterServer:
        printer = VirtualPrinter(dots_per_line=dots, out_dir=out or tmp_path / f"out{len(servers)}",
                                 fault=fault, baud=baud, **kwargs)  # type: ignore[arg-type]
        server = VirtualPrinterServer(printer, "127.0.0.1", port).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def escpos_dummy(tmp_path_factory: pytest.TempPathFactory) -> type:
    """python-escpos's Dummy printer (test oracle); its capabilities cache kept out of /tmp."""
    os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(tmp_path_factory.mktemp("escpos")))
    from escpos.printer import Dummy

    return Dummy
