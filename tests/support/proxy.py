"""A fault-injecting TCP proxy between a station and HQ: it can let a request reach HQ and then drop
HQ's reply (the connection just closes), hold some requests without ever forwarding them (HQ as slow as
you like), or refuse connections outright. Its own thread and loop."""

from __future__ import annotations

import asyncio
import contextlib
import threading


class FaultProxy:
    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.port = 0
        self.seen: dict[bytes, int] = {}
        self._watch: tuple[bytes, ...] = (b"POST /api/v1/orders/batch",)
        self._drops: dict[bytes, int] = {}
        self._stalls: set[bytes] = set()
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def drop_replies(self, prefix: bytes = b"POST /api/v1/orders/batch", count: int = 1) -> None:
        """The next `count` requests starting with `prefix` reach HQ; their replies never come back."""
        with self._lock:
            self._drops[prefix] = self._drops.get(prefix, 0) + count
            if prefix not in self._watch:
                self._watch = (*self._watch, prefix)

    def watch(self, prefix: bytes) -> None:
        """Count requests starting with `prefix` (see requests())."""
        with self._lock:
            if prefix not in self._watch:
                self._watch = (*self._watch, prefix)

    def stall(self, prefix: bytes, on: bool = True) -> None:
        """Requests starting with `prefix` are counted and held, never forwarded: no answer ever comes."""
        self.watch(prefix)
        with self._lock:
            (self._stalls.add if on else self._stalls.discard)(prefix)

    def requests(self, prefix: bytes = b"POST /api/v1/orders/batch") -> int:
        with self._lock:
            return self.seen.get(prefix, 0)

    def start(self) -> str:
        self._thread = threading.Thread(target=lambda: asyncio.run(self._main()), name="fault-proxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("proxy did not start")
        return self.url

    def stop(self) -> None:
        if self._loop is not None and self._server is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):  # closed meanwhile: already stopped
                self._loop.call_soon_threadsafe(self._server.close)
        if self._thread is not None:
            self._thread.join(10)

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        with contextlib.suppress(asyncio.CancelledError):
            await self._server.serve_forever()

    async def _handle(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        try:
            upstream_r, upstream_w = await asyncio.open_connection(*self.upstream)
        except OSError:
            client_w.close()
            return
        doomed = asyncio.Event()  # set when the reply to the request just forwarded must be dropped

        async def requests() -> None:
            stalled = False  # this connection sent a stalled request: nothing more goes upstream
            while data := await client_r.read(65536):
                with self._lock:
                    for prefix in self._watch:
                        if data.startswith(prefix):
                            self.seen[prefix] = self.seen.get(prefix, 0) + 1
                            stalled = stalled or prefix in self._stalls
                            if self._drops.get(prefix, 0) > 0:
                                self._drops[prefix] -= 1
                                doomed.set()
                if stalled:
                    continue
                upstream_w.write(data)
                await upstream_w.drain()
            upstream_w.close()

        async def replies() -> None:
            while data := await upstream_r.read(65536):
                if doomed.is_set():
                    # HQ has answered, so it has committed: the station never hears about it.
                    client_w.transport.abort()
                    upstream_w.close()
                    return
                client_w.write(data)
                await client_w.drain()
            client_w.close()

        tasks = [asyncio.create_task(requests()), asyncio.create_task(replies())]
        _done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        if pending:  # both directions may end together (asyncio.wait refuses an empty set)
            await asyncio.wait(pending, timeout=5)
        for task in tasks:
            task.cancel()
        for writer in (client_w, upstream_w):
            writer.close()
