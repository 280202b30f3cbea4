"""A local feed server (127.0.0.1 only) that can be polite or hostile, for tests and benchmarks.

    async with FeedServer() as srv:
        srv.serve("/feed.xml", body, etag='"v1"', last_modified="Wed, 01 Jan 2025 00:00:00 GMT")
        srv.serve("/slow", b"<rss>" * 100, drip_s=0.2)          # one byte every 0.2 s
        srv.serve("/bomb", gzip_bomb(100 * MiB), encoding="gzip")  # 100 MiB of zeros, ~100 KB sent
        srv.redirect("/old", srv.url("/feed.xml"), status=301)
        ... srv.url("/feed.xml"), srv.hits("/feed.xml"), srv.requests

Conditional GET is real: a matching If-None-Match or If-Modified-Since gets 304. Every request is
recorded (path, headers) so a test can assert "no request ever arrived". `RawServer` writes exact
bytes (for a lying Content-Length, which aiohttp's own server will not produce).

As a pytest fixture: `from tests.fakes.feed_server import feed_server` in a test module or conftest.
"""

from __future__ import annotations

import asyncio
import functools
import gzip as _gzip
import struct
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pytest_asyncio
from aiohttp import web

MiB = 1024 * 1024

__all__ = ["FeedServer", "RawServer", "Route", "Seen", "feed_server", "gzip_bomb", "deflate_bomb", "MiB"]


@dataclass
class Route:
    """How one path answers. `body` may be bytes or a callable returning an iterable of chunks."""

    body: bytes | Callable[[], Iterable[bytes]] = b""
    status: int = 200
    content_type: str | None = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    cache_control: str | None = None
    retry_after: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    gzip: bool = False            # compress `body` with gzip on the fly
    encoding: str | None = None   # body is already encoded: just send Content-Encoding
    drip_s: float | None = None   # send one byte, then wait this long, until the body ends
    chunked: bool = False         # no Content-Length (streamed)
    hold: asyncio.Event | None = None   # answer only once the test sets this event


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    headers: dict[str, str]


class FeedServer:
    """aiohttp web server on 127.0.0.1 with a random port; routes can change between requests."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host            # any 127.x.y.z works on Linux: distinct "hosts" for per-host caps
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self.in_flight = 0          # requests being answered right now
        self.max_in_flight = 0      # the most at once (per-host concurrency tests)
        self._runner: web.AppRunner | None = None
        self.port: int = 0

    # --- setup -------------------------------------------------------------------------------
    def serve(self, path: str, body: bytes | Callable[[], Iterable[bytes]] = b"", **kw) -> Route:
        route = Route(body=body, **kw)
        self.routes[path] = route
        return route

    def redirect(self, path: str, location: str, *, status: int = 302) -> Route:
        return self.serve(path, b"", status=status, content_type=None, headers={"Location": location})

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for r in self.requests if r.path == path)

    async def start(self) -> FeedServer:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FeedServer:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # --- serving -----------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(Seen(request.method, request.path, dict(request.headers)))
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await self._answer(request)
        finally:
            self.in_flight -= 1

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        route = self.routes.get(request.path)
        if route is None:
            return web.Response(status=404, text="not found")
        if route.hold is not None:
            await route.hold.wait()
        headers = dict(route.headers)
        for name, value in (("ETag", route.etag), ("Last-Modified", route.last_modified),
                            ("Cache-Control", route.cache_control), ("Retry-After", route.retry_after)):
            if value is not None:
                headers[name] = value
        if route.status == 200 and _not_modified(request, route):
            return web.Response(status=304, headers=headers)
        if route.content_type:
            headers["Content-Type"] = route.content_type
        body = route.body
        if route.gzip:
            body = _gzip.compress(b"".join(_chunks(body)))
            headers["Content-Encoding"] = "gzip"
        elif route.encoding:
            headers["Content-Encoding"] = route.encoding
        resp = web.StreamResponse(status=route.status, headers=headers)
        if isinstance(body, bytes) and not route.chunked and route.drip_s is None:
            resp.content_length = len(body)
        else:
            resp.enable_chunked_encoding()
        await resp.prepare(request)
        try:
            for chunk in _chunks(body):
                if route.drip_s is None:
                    await resp.write(chunk)
                    continue
                for i in range(len(chunk)):
                    await resp.write(chunk[i:i + 1])
                    await asyncio.sleep(route.drip_s)
            await resp.write_eof()
        except (ConnectionResetError, asyncio.CancelledError):
            pass   # the client hung up: that is what a hostile-feed test wants to see
        return resp


class RawServer:
    """Answers every connection with exact bytes: `head` (status line + headers) then `body_chunks`."""

    def __init__(self, head: bytes, body_chunks: Callable[[], Iterable[bytes]], *, hold_s: float = 0.0):
        self.head = head
        self.body_chunks = body_chunks
        self.hold_s = hold_s          # keep the connection open this long after writing (a mute server)
        self._tasks: set[asyncio.Task] = set()
        self.bytes_sent = 0
        self.connections = 0
        self._server: asyncio.Server | None = None
        self.port = 0

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(self.head)
            for chunk in self.body_chunks():
                writer.write(chunk)
                await writer.drain()
                self.bytes_sent += len(chunk)
            if self.hold_s:
                await asyncio.sleep(self.hold_s)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            writer.close()
            self._tasks.discard(task)  # type: ignore[arg-type]

    async def __aenter__(self) -> RawServer:
        self._server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await self._server.wait_closed()


def _chunks(body: bytes | Callable[[], Iterable[bytes]]) -> Iterable[bytes]:
    if isinstance(body, bytes):
        return [body] if body else []
    return body()


def _not_modified(request: web.Request, route: Route) -> bool:
    inm = request.headers.get("If-None-Match")
    if inm is not None and route.etag is not None:
        return route.etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
    ims = request.headers.get("If-Modified-Since")
    return ims is not None and route.last_modified is not None and ims == route.last_modified


@functools.lru_cache(maxsize=16)
def _zeros_stream(total: int, wbits: int) -> bytes:
    """A valid zlib/gzip stream of `total` zero bytes, built in milliseconds.

    After Z_FULL_FLUSH the compressor forgets its history, so compressing the same 1 MiB block
    again yields the same bytes: the middle is one unit repeated, and only the trailer's checksum
    and length need computing for the real total.
    """
    block = bytes(MiB)
    full, rest = divmod(total, MiB)
    c = zlib.compressobj(9, zlib.DEFLATED, wbits)
    head = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH) if full else b""
    unit = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH) if full > 1 else b""
    tail = c.compress(bytes(rest)) + c.flush(zlib.Z_FULL_FLUSH) if rest else b""
    end = c.flush(zlib.Z_FINISH)
    body = (head + unit * max(0, full - 1) + tail + end[:-8 if wbits > 15 else -4]) if total else end[:-8 if wbits > 15 else -4]
    if wbits > 15:   # gzip: crc32 and size, little-endian
        crc = 0
        for _ in range(full):
            crc = zlib.crc32(block, crc)
        crc = zlib.crc32(bytes(rest), crc)
        return body + struct.pack("<II", crc, total & 0xFFFFFFFF)
    adler = 1
    for _ in range(full):
        adler = zlib.adler32(block, adler)
    adler = zlib.adler32(bytes(rest), adler)
    return body + struct.pack(">I", adler)


def gzip_bomb(decompressed_bytes: int) -> bytes:
    """Gzip of `decompressed_bytes` zeros (100 MiB -> ~100 KB), cheap to build and cached."""
    return _zeros_stream(decompressed_bytes, 31)


def deflate_bomb(decompressed_bytes: int) -> bytes:
    """zlib-wrapped deflate (what `Content-Encoding: deflate` means) of that many zeros."""
    return _zeros_stream(decompressed_bytes, 15)


@pytest_asyncio.fixture
async def feed_server():
    """A started FeedServer, closed after the test."""
    async with FeedServer() as srv:
        yield srv
