"""The virtual printer on a TCP port, like a LAN printer on 9100: one connection at a time.

A slow link is simulated by pacing reads at the given baud rate (ten bits a byte) with a small receive
buffer, so the host's writes back up as they would on a real serial line.
"""

from __future__ import annotations

import logging
import socket
import struct
import threading
import time

from core.printer.virtual.printer import LinkDroppedError, VirtualPrinter

log = logging.getLogger(__name__)

CHUNK = 4096
SLOW_BUFFER = 4096  # a small printer's receive buffer


class VirtualPrinterServer:
    def __init__(self, printer: VirtualPrinter, host: str = "127.0.0.1", port: int = 0) -> None:
        self.printer = printer
        self._listener = socket.create_server((host, port))
        self._listener.settimeout(0.2)
        self.host, self.port = self._listener.getsockname()[:2]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="virtual-printer", daemon=True)
        self.connections = 0

    @property
    def url(self) -> str:
        return f"socket://{self.host}:{self.port}"

    def start(self) -> VirtualPrinterServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        self._listener.close()

    def __enter__(self) -> VirtualPrinterServer:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def serve_forever(self) -> None:
        """For the CLI: serve in the calling thread until interrupted."""
        self._serve()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            with conn:
                self._handle(conn)

    def _handle(self, conn: socket.socket) -> None:
        baud = self.printer.baud
        if baud:
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, SLOW_BUFFER)
        conn.settimeout(0.2)
        # Status replies are single bytes: without this, Nagle's algorithm holds each one back.
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        lock = threading.Lock()

        def send(data: bytes) -> None:
            with lock:
                try:
                    conn.sendall(data)
                except OSError:
                    log.debug("reply lost: connection closed")

        self.printer.connection_opened()
        self.printer.reply_sink = send
        try:
            while not self._stop.is_set():
                try:
                    data = conn.recv(max(1, baud // 10 // 20) if baud else CHUNK)
                except TimeoutError:
                    continue
                except OSError:
                    break
                if not data:
                    break
                if baud:
                    time.sleep(len(data) * 10 / baud)  # the wire time of what just arrived
                try:
                    replies = self.printer.receive(data)
                except LinkDroppedError:
                    # Reset rather than close politely: a pulled cable gives the host an error, not EOF.
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    break
                if replies:
                    send(replies)
        finally:
            if self.printer.reply_sink is send:
                self.printer.reply_sink = None
            self.printer.connection_closed()
