"""One process at a time holds a named role, such as the Discord gateway connection.

On PostgreSQL the holder is whoever owns a session-level advisory lock, taken on a connection of its
own. The lock lives exactly as long as that session: when the holder dies (kill -9, a crashed
machine) the server ends the session and releases the lock, and a waiting process takes it at its
next try (every `check_s`). The holder pings its connection every `check_s`; when the ping fails or
the connection is closed it stops the role's work at once, before the server can hand the lock to
someone else (the server notices a silent client only after the TCP keepalive / user timeout set
below, well after the holder gave up). So two holders never overlap, except for at most one
`check_s` when the server ends the session by itself (an administrator's pg_terminate_backend).

On SQLite there is only one process: the role is simply held.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from bot.redact import redact

log = logging.getLogger(__name__)

CHECK_S = 1.0               # how often a holder pings and a waiting process tries the lock
PING_TIMEOUT_S = 2.0
CONNECT_TIMEOUT_S = 5.0
# The server drops a silent holder after ~10 s (keepalive 4 s idle + 3 probes 2 s apart, or 10 s of
# unacknowledged data), long after the holder itself stopped at CHECK_S + PING_TIMEOUT_S.
SERVER_SETTINGS = {"tcp_keepalives_idle": "4", "tcp_keepalives_interval": "2", "tcp_keepalives_count": "3",
                   "tcp_user_timeout": "10000"}


def lock_key(name: str, schema: str | None) -> int:
    """A stable signed 64-bit key per role and schema (schemas sharing a database stay apart)."""
    digest = hashlib.sha256(f"newsbot:{schema or ''}:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class Leadership:
    """`await Leadership(...).run(work)`: runs `work()` only while this process holds the role,
    cancelling it the moment the role is lost, and trying again for as long as it is not cancelled.
    An exception raised by `work` itself (say, a rejected token) ends `run` with that exception."""

    def __init__(self, name: str, database_url: str, *, schema: str | None = None,
                 check_s: float = CHECK_S, ping_timeout_s: float = PING_TIMEOUT_S):
        self.name = name
        self._url = database_url
        self._key = lock_key(name, schema)
        self._schema = schema
        self.check_s, self.ping_timeout_s = check_s, ping_timeout_s
        self.held = False
        self.state = "starting"          # holder | standby | no database | starting
        self.changed = asyncio.Event()   # set on every change of `held` (tests and probes await it)

    @property
    def shared(self) -> bool:
        return self._url.startswith("postgresql")

    def _set(self, held: bool, state: str) -> None:
        if held != self.held:
            log.warning("%s: %s", self.name, "this process holds it now" if held else "released by this process")
        self.held, self.state = held, state
        self.changed.set()
        self.changed = asyncio.Event()

    async def run(self, work: Callable[[], Awaitable[Any]]) -> None:
        if not self.shared:
            self._set(True, "holder")
            try:
                await work()
            finally:
                self._set(False, "starting")
            return
        while True:
            try:
                async with self._connection() as conn:
                    await self._wait_for_lock(conn)
                    await self._hold(conn, work)
            except _WorkFailed as e:
                raise e.__cause__ from None
            except (OSError, TimeoutError, Exception) as e:   # asyncpg's errors have no common base
                if isinstance(e, asyncio.CancelledError):
                    raise
                if self.state != "no database":
                    log.warning("%s: database connection lost (%s); not holding the role",
                                self.name, redact(f"{type(e).__name__}: {e}")[:200])
                self._set(False, "no database")
            await asyncio.sleep(self.check_s)

    @contextlib.asynccontextmanager
    async def _connection(self) -> AsyncIterator[Any]:
        dsn = make_url(self._url).set(drivername="postgresql").render_as_string(hide_password=False)
        settings = {**SERVER_SETTINGS, "application_name": f"newsbot {self.name}"[:63]}
        if self._schema:
            settings["search_path"] = self._schema
        conn = await asyncpg.connect(dsn, timeout=CONNECT_TIMEOUT_S, server_settings=settings)
        try:
            yield conn
        finally:
            conn.terminate()     # never waits on a dead socket; the server then frees the lock

    async def _wait_for_lock(self, conn: Any) -> None:
        while not await asyncio.wait_for(conn.fetchval("SELECT pg_try_advisory_lock($1)", self._key),
                                         self.ping_timeout_s):
            if self.state != "standby":
                log.warning("%s: held by another process; standing by", self.name)
            self._set(False, "standby")
            await asyncio.sleep(self.check_s)

    async def _hold(self, conn: Any, work: Callable[[], Awaitable[Any]]) -> None:
        lost = asyncio.Event()
        conn.add_termination_listener(lambda _conn: lost.set())
        self._set(True, "holder")
        task = asyncio.ensure_future(work())
        lost_wait = asyncio.ensure_future(lost.wait())
        try:
            while True:
                await asyncio.wait([task, lost_wait], timeout=self.check_s, return_when=asyncio.FIRST_COMPLETED)
                if task.done():
                    error = task.exception()
                    if error is not None:
                        raise _WorkFailed() from error
                    return           # the work ended by itself: let go, and try again after a pause
                if lost.is_set():
                    raise ConnectionError("connection closed")
                await asyncio.wait_for(conn.fetchval("SELECT 1"), self.ping_timeout_s)
        finally:
            lost_wait.cancel()
            task.cancel()            # stop the role's work before anyone else can hold it
            await asyncio.gather(task, return_exceptions=True)
            self._set(False, "starting")
            if not conn.is_closed() and not lost.is_set():
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(conn.execute("SELECT pg_advisory_unlock($1)", self._key),
                                           self.ping_timeout_s)


class _WorkFailed(Exception):
    """The role's own work raised: not a database problem, so it is not retried here."""
