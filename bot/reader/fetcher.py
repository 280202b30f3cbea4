"""Guarded HTTP fetching: conditional GET, redirects re-checked, deadline, size cap, per-host cap.

One aiohttp session per Fetcher. Its resolver is the address guard: it resolves a name once and
hands the connector only public addresses, so the connector connects to exactly what was checked
(no second lookup that DNS rebinding could answer differently). IP literals never reach a
resolver in aiohttp, so they are checked before each request (`check_host`).
"""

from __future__ import annotations

import asyncio
import socket
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from bot.reader.addresses import CONFIG_FEEDS_SETTING, check_host, check_url, is_public_address, private_refusal
from bot.reader.errors import FetchError
from bot.reader.headers import cache_max_age, retry_after

__all__ = ["Fetcher", "FetchResult", "FetchError", "GuardedResolver", "AddressRefused"]

MiB = 1024 * 1024
REDIRECTS = frozenset({301, 302, 303, 307, 308})
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True)
class FetchResult:
    """What one fetch produced. `body` is None for 304 Not Modified."""

    status: int
    body: bytes | None
    etag: str | None
    last_modified: str | None
    final_url: str              # after redirects; every hop passed the address guard
    content_type: str | None
    max_age_s: int | None = None        # Cache-Control: max-age
    retry_after_s: float | None = None  # Retry-After
    permanent_redirect: bool = False    # every hop was 301/308: the feed may store final_url
    link_header: str | None = None      # raw `Link` header (WebSub hub discovery)


class AddressRefused(OSError):
    """Raised inside aiohttp's connector by the resolver; an OSError so aiohttp wraps it cleanly."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class GuardedResolver(AbstractResolver):
    """Wraps a real resolver; refuses a name if ANY of its addresses is not public."""

    def __init__(self, inner: AbstractResolver, *, allow_private: bool, setting: str = CONFIG_FEEDS_SETTING):
        self._inner = inner
        self._allow_private = allow_private
        self._setting = setting

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        if not self._allow_private:
            for r in results:
                if not is_public_address(r["host"]):
                    raise AddressRefused(private_refusal(
                        f"{host} resolves to {r['host']}, which is not a public address", self._setting))
        return results

    async def close(self) -> None:
        await self._inner.close()


class Fetcher:
    """Async context manager; `fetch_feed` / `fetch_page` raise FetchError with a readable reason."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        timeout_s: float = 20.0,
        max_bytes: int = 12 * MiB,
        per_host: int = 2,
        user_agent: str = "newsbot/0.1 (+https://github.com/newsbot)",
        max_redirects: int = 5,
        resolver: AbstractResolver | None = None,   # the real lookup the guard wraps (tests inject one)
        private_setting: str = CONFIG_FEEDS_SETTING,  # named in a refusal: the setting that would allow it
    ):
        self.allow_private = allow_private
        self.private_setting = private_setting
        self.timeout_s = timeout_s
        self.max_bytes = max_bytes
        self.per_host = per_host
        self.user_agent = user_agent
        self.max_redirects = max_redirects
        self._inner_resolver = resolver
        self._session: aiohttp.ClientSession | None = None
        self._host_slots: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(self.per_host)
        )

    async def __aenter__(self) -> Fetcher:
        inner = self._inner_resolver or aiohttp.resolver.DefaultResolver()
        connector = aiohttp.TCPConnector(
            resolver=GuardedResolver(inner, allow_private=self.allow_private, setting=self.private_setting),
            use_dns_cache=False,   # every fetch re-resolves and re-checks (TESTING 5)
            limit=200,
            limit_per_host=0,      # our per-host semaphore is the cap
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            headers={"User-Agent": self.user_agent},
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=self.timeout_s, sock_read=self.timeout_s),
            cookie_jar=aiohttp.DummyCookieJar(),
            trust_env=False,
            auto_decompress=True,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def fetch_feed(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        headers = {"Accept": FEED_ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        result = await self._fetch(url, headers)
        if result.status == 304:   # a 304 need not repeat the validators: keep the ones we sent
            result = replace(result, etag=result.etag or etag,
                             last_modified=result.last_modified or last_modified)
        return result

    async def fetch_page(self, url: str) -> FetchResult:
        return await self._fetch(url, {"Accept": PAGE_ACCEPT})

    async def _fetch(self, url: str, headers: dict[str, str]) -> FetchResult:
        if self._session is None:
            raise RuntimeError("use `async with Fetcher(...)` before fetching")
        check_url(url)
        host = (URL(url).host or "").lower()
        async with self._host_slots[host]:
            try:
                async with asyncio.timeout(self.timeout_s):
                    return await self._follow(URL(url), headers)
            except TimeoutError:
                raise FetchError(f"timed out after {self.timeout_s:g} s") from None
            except aiohttp.ClientConnectorError as exc:
                raise FetchError(_connect_reason(exc)) from None
            except aiohttp.ClientError as exc:
                raise FetchError(f"{_host(url)}: {_client_reason(exc)}") from None
            except (ValueError, UnicodeError) as exc:  # yarl/idna rejects some hosts late
                raise FetchError(f"refused: invalid URL ({exc})") from None

    async def _follow(self, url: URL, headers: dict[str, str]) -> FetchResult:
        assert self._session is not None
        permanent = True
        for _hop in range(self.max_redirects + 1):
            check_url(str(url))
            check_host(url.host or "", allow_private=self.allow_private, setting=self.private_setting)
            async with self._session.get(url, headers=headers, allow_redirects=False) as resp:
                if resp.status in REDIRECTS:
                    location = resp.headers.get("Location")
                    if not location:
                        raise FetchError(f"HTTP {resp.status} without a Location from {_host(url)}",
                                         status=resp.status)
                    permanent = permanent and resp.status in (301, 308)
                    url = resp.url.join(URL(location))
                    continue
                return await self._result(resp, permanent and _hop > 0)
        raise FetchError(f"refused: more than {self.max_redirects} redirects", status=None)

    async def _result(self, resp: aiohttp.ClientResponse, permanent: bool) -> FetchResult:
        meta: dict[str, Any] = dict(
            etag=resp.headers.get("ETag"),
            last_modified=resp.headers.get("Last-Modified"),
            final_url=str(resp.url),
            content_type=resp.headers.get("Content-Type"),
            max_age_s=cache_max_age(resp.headers.get("Cache-Control")),
            retry_after_s=retry_after(resp.headers.get("Retry-After")),
            permanent_redirect=permanent,
            link_header=resp.headers.get("Link"),
        )
        if resp.status == 304:
            return FetchResult(status=304, body=None, **meta)
        if resp.status >= 400 or resp.status < 200:
            raise FetchError(f"HTTP {resp.status} from {_host(resp.url)}",
                             status=resp.status, retry_after_s=meta["retry_after_s"])
        body = await self._read_capped(resp)
        return FetchResult(status=resp.status, body=body, **meta)

    async def _read_capped(self, resp: aiohttp.ClientResponse) -> bytes:
        """Read the decompressed body, stopping as soon as it passes max_bytes (bombs, lies)."""
        too_big = FetchError(f"body larger than {self.max_bytes / MiB:g} MiB", status=resp.status)
        if resp.content_length is not None and resp.content_length > self.max_bytes:
            raise too_big
        parts: list[bytes] = []
        total = 0
        async for chunk in resp.content.iter_chunked(64 * 1024):
            total += len(chunk)
            if total > self.max_bytes:
                resp.close()   # drop the connection; never drain the rest
                raise too_big
            parts.append(chunk)
        return b"".join(parts)


def _host(url: URL | str) -> str:
    return URL(str(url)).host or "?"


def _connect_reason(exc: aiohttp.ClientConnectorError) -> str:
    os_error = exc.os_error
    cause = exc.__cause__
    for err in (os_error, cause):
        if isinstance(err, AddressRefused):
            return err.reason
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return f"cannot resolve {exc.host}"
    return f"cannot connect to {exc.host}:{exc.port} ({os_error.strerror or os_error})"


def _client_reason(exc: aiohttp.ClientError) -> str:
    if isinstance(exc, aiohttp.InvalidURL):
        return "invalid URL"
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return "server disconnected"
    if isinstance(exc, aiohttp.ClientPayloadError):
        return f"broken response body ({type(exc.__cause__ or exc).__name__})"
    if isinstance(exc, aiohttp.ClientResponseError):
        # aiohttp may quote the peer's bytes in the message: keep one short line, never the body
        first = str(exc.message).strip().splitlines()[0].rstrip(": ") if str(exc.message).strip() else ""
        return f"bad response ({first[:100]})" if first else "bad response"
    return type(exc).__name__
