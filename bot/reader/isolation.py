"""A small pool of long-lived worker processes for CPU work that may run away (feed parsing, extraction).

Why not one ProcessPoolExecutor: killing a stuck worker breaks the whole executor and every other
parse in flight with it. Here each slot is its own one-process executor, so a timeout kills and
replaces only the slot that ran over; the other feeds carry on. Workers start lazily, are reused
(the common case costs a pickle round-trip, not a process start) and run with an address-space
limit so a memory bomb fails inside the worker instead of taking the host down. A worker dies with
the process that started it, even after a kill -9 of that process (see `lifeline`).
"""

from __future__ import annotations

import asyncio
import atexit
import importlib
import multiprocessing
import os
import signal
import threading
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from bot.reader.errors import FeedParseError
from bot.reader.lifeline import die_with

T = TypeVar("T")

WORKER_MEMORY_LIMIT = 1024 * 1024 * 1024   # 1 GiB of address space per worker
WORKER_START_TIMEOUT_S = 60.0               # a cold start is not the feed's fault: not in its limit


def _init_worker(memory_limit: int | None, preload: Sequence[str], owner_pid: int) -> None:
    die_with(owner_pid)
    # Stopping is the parent's job (see quiet_child); inherited from the fork server already, unless
    # something else started that server first.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if memory_limit:
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
        except (ImportError, ValueError, OSError):
            pass
    for module in preload:   # pay the imports once, not on the first call
        importlib.import_module(module)


class WorkerPool:
    """`await pool.run(fn, *args, timeout_s=5)`: fn runs in a worker; over time -> killed, FeedParseError."""

    def __init__(self, size: int | None = None, *, memory_limit: int | None = WORKER_MEMORY_LIMIT,
                 preload: Sequence[str] = (), what: str = "parsing"):
        self.size = size or max(1, min(2, os.cpu_count() or 1))
        self.memory_limit = memory_limit
        self.preload = tuple(preload)
        self.what = what   # the work, for errors: "parsing took longer than 5 s"
        self._idle: list[ProcessPoolExecutor | None] = [None] * self.size
        self._lock = threading.Lock()
        self._sem: asyncio.Semaphore | None = None
        self._sem_loop: asyncio.AbstractEventLoop | None = None
        self.kills = 0   # how many runaway workers were killed (tests, metrics)
        self._started: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()

    def _new_executor(self) -> ProcessPoolExecutor:
        ctx = multiprocessing.get_context("forkserver")
        # The fork server imports these before it forks any worker: first the module that makes it
        # ignore Ctrl-C (the terminal sends SIGINT to the whole process group, and the default
        # preload, the main script, would take a second to import with a traceback on Ctrl-C),
        # then the pool's own modules, which every worker then inherits ready.
        ctx.set_forkserver_preload(["bot.reader.quiet_child", *self.preload])
        return ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=_init_worker,
                                   initargs=(self.memory_limit, self.preload, os.getpid()))

    def _semaphore(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if self._sem is None or self._sem_loop is not loop:   # one per event loop (tests make many)
            self._sem, self._sem_loop = asyncio.Semaphore(self.size), loop
        return self._sem

    def _take(self) -> ProcessPoolExecutor:
        with self._lock:
            ex = self._idle.pop() if self._idle else None
        return ex or self._new_executor()

    def _give_back(self, ex: ProcessPoolExecutor | None) -> None:
        with self._lock:
            self._idle.append(ex)

    async def run(self, fn: Callable[..., T], *args: Any, timeout_s: float) -> T:
        async with self._semaphore():
            ex = self._take()
            keep: ProcessPoolExecutor | None = ex
            try:
                if ex not in self._started:   # start the process outside the time limit
                    # Spawning blocks for a moment (the forkserver's first start more so): never on the loop.
                    started = await asyncio.to_thread(ex.submit, int)
                    await asyncio.wait_for(asyncio.wrap_future(started), WORKER_START_TIMEOUT_S)
                    self._started.add(ex)
                future = asyncio.wrap_future(ex.submit(fn, *args))
                return await asyncio.wait_for(future, timeout_s)
            except TimeoutError:
                keep = None
                was_started = ex in self._started
                self._kill(ex)
                if not was_started:
                    raise FeedParseError(f"the {self.what} worker did not start") from None
                raise FeedParseError(f"{self.what} took longer than {timeout_s:g} s") from None
            except (BrokenProcessPool, MemoryError):
                keep = None
                self._kill(ex)
                raise FeedParseError(f"{self.what} failed: the worker ran out of memory or crashed") from None
            except asyncio.CancelledError:
                keep = None   # the caller gave up; the worker may still be busy with it
                self._kill(ex)
                raise
            finally:
                self._give_back(keep)

    def _kill(self, ex: ProcessPoolExecutor) -> None:
        self.kills += 1
        for proc in list((getattr(ex, "_processes", None) or {}).values()):
            try:
                proc.kill()
            except (OSError, AttributeError):
                pass
        ex.shutdown(wait=False, cancel_futures=True)
        self._started.discard(ex)

    def warm_up(self) -> None:
        """Start the worker processes now (e.g. at service start) instead of on the first feed."""
        with self._lock:
            self._idle = [ex or self._new_executor() for ex in self._idle]
            for ex in self._idle:
                assert ex is not None
                ex.submit(int).result()
                self._started.add(ex)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, [None] * self.size
        for ex in idle:
            if ex is not None:
                ex.shutdown(wait=True, cancel_futures=True)
