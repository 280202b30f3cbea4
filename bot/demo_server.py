"""A tiny loopback feed server for `newsbot demo`: serves the bundled seed feeds with ETags.

It honours If-None-Match, so the demo's second round shows a real 304 for the feed that did not change.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from aiohttp import web

CONTENT_TYPES = {".xml": "application/rss+xml", ".atom": "application/atom+xml", ".rss": "application/rss+xml"}


class SeedServer:
    def __init__(self, folder: Path):
        self.folder = folder
        self.requests: list[str] = []
        self._runner: web.AppRunner | None = None
        self.port = 0

    def switch(self, folder: Path) -> None:
        self.folder = folder

    async def _serve(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        self.requests.append(name)
        path = (self.folder / name).resolve()
        if path.parent != self.folder.resolve() or not path.is_file():
            raise web.HTTPNotFound()
        body = path.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, headers={"ETag": etag, "Content-Type": CONTENT_TYPES.get(path.suffix, "application/xml")})

    async def start(self, port: int = 0) -> int:
        app = web.Application()
        app.router.add_get("/{name}", self._serve)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
