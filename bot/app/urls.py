"""The address guard for feeds added by people: only http(s), and no private or loopback IP literal.

A host name is not resolved here (that would let anyone make the bot do DNS look-ups on demand);
the fetcher resolves and checks it again at every poll, before connecting.
"""

from __future__ import annotations

from yarl import URL

from bot.app.errors import Refused
from bot.reader.addresses import check_host, check_url
from bot.reader.errors import FetchError

MAX_URL = 2000


def checked_feed_url(url: str, *, allow_private: bool) -> str:
    """The URL, stripped, if a feed may be fetched from it; otherwise Refused with the reason."""
    url = (url or "").strip()
    if not url:
        raise Refused("Give the feed's address (an http or https URL).")
    if len(url) > MAX_URL:
        raise Refused("That feed URL is longer than {limit} characters.", limit=MAX_URL)
    try:
        check_url(url)
        check_host(URL(url).host or "", allow_private=allow_private)
    except FetchError as exc:
        reason = exc.reason.removeprefix("refused: ").rstrip(".")
        raise Refused("That feed URL cannot be used: {reason}.", reason=reason) from None
    except ValueError:
        raise Refused("That feed URL cannot be used: it is not a valid URL.") from None
    return url


def host_of(url: str) -> str:
    return URL(url).host or url
