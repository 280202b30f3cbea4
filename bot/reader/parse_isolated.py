"""`parse_feed` in a worker process with a hard time limit: a runaway parse is killed, the feed gets
a readable error, and the other feeds are parsed meanwhile."""

from __future__ import annotations

import atexit
import threading

from bot.models import ParsedFeed
from bot.reader.isolation import WorkerPool
from bot.reader.items import MAX_TEXT_CHARS
from bot.reader.parser import parse_feed

_pool: WorkerPool | None = None
_pool_lock = threading.Lock()


def parser_pool() -> WorkerPool:
    """The process's parser workers (started on first use; `warm_up()` starts them earlier)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = WorkerPool(preload=("bot.reader.parser",), what="parsing")
            atexit.register(_pool.close)
        return _pool


async def parse_feed_isolated(body: bytes, url: str, timeout_s: float = 5.0, content_type: str | None = None,
                              *, max_text_chars: int = MAX_TEXT_CHARS) -> ParsedFeed:
    return await parser_pool().run(_parse, body, url, content_type, max_text_chars, timeout_s=timeout_s)


def _parse(body: bytes, url: str, content_type: str | None, max_text_chars: int) -> ParsedFeed:
    return parse_feed(body, url, content_type, max_text_chars=max_text_chars)
