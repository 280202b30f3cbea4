"""The one error type every fetch failure becomes, so the pipeline can store `.reason` on the feed."""

from __future__ import annotations


class FetchError(Exception):
    """A fetch that did not produce a body: refused, timed out, too big or an HTTP error.

    `reason` is readable and safe to show in chat (`/feeds status`); `status` is the HTTP status
    when there was one; `retry_after_s` comes from a Retry-After header (429/503).
    """

    def __init__(self, reason: str, *, status: int | None = None, retry_after_s: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after_s = retry_after_s

    def __reduce__(self):  # keep the keyword fields when pickled across processes
        return (_rebuild, (self.reason, self.status, self.retry_after_s))


def _rebuild(reason: str, status: int | None, retry_after_s: float | None) -> FetchError:
    return FetchError(reason, status=status, retry_after_s=retry_after_s)


class FeedParseError(Exception):
    """Bytes that did not yield a feed; `reason` is readable and is stored on the feed."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
