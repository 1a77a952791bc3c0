"""HQ's listening socket: connections accepted on it send small writes at once (Nagle off). With Nagle on, a
response's body, written after its headers, waited for the client's delayed ACK: 40 ms on every request."""

from __future__ import annotations

import asyncio
import socket

from hq.server import bind


def test_connections_accepted_on_hqs_socket_have_nagle_off() -> None:
    async def accept_one() -> int:
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        async def handle(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            seen.set_result(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        listening = bind("127.0.0.1", 0)
        server = await asyncio.start_server(handle, sock=listening)
        async with server:
            _reader, writer = await asyncio.open_connection(*listening.getsockname()[:2])
            nodelay = await asyncio.wait_for(seen, timeout=10)
            writer.close()
        return nodelay

    assert asyncio.run(accept_one()) != 0
