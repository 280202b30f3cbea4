"""Event-loop lag: a timer that asks to wake every `every_s` and records how late it woke.

A late wake-up means something held the loop (CPU work, a blocking call): every slash command and
gateway heartbeat waits that long too. The monitor's last tick also tells `/livez` the loop answers.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque

from bot.ops import metrics


class LoopLagMonitor:
    def __init__(self, every_s: float = 0.25, window_s: float = 60.0):
        self.every_s = every_s
        self._recent: deque[tuple[float, float]] = deque()
        self._window_s = window_s
        self.last_tick: float | None = None
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="loop-lag")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    @property
    def max_lag_s(self) -> float:
        return max((lag for _, lag in self._recent), default=0.0)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            t0 = loop.time()
            await asyncio.sleep(self.every_s)
            now = loop.time()
            lag = max(0.0, now - t0 - self.every_s)
            self.last_tick = time.monotonic()
            metrics.LOOP_LAG.observe(lag)
            self._recent.append((now, lag))
            while self._recent and self._recent[0][0] < now - self._window_s:
                self._recent.popleft()
            metrics.LOOP_LAG_MAX.set(self.max_lag_s)
