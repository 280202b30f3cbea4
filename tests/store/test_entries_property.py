"""Hypothesis: whatever sequence of polls a feed serves, an item alerts at most once, and exactly the
items whose uid, link and content hash are all unseen come back. One store per backend, a new feed per
example."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings, strategies as st

from bot.models import Entry, Feed

from tests.builders import utc

# Small alphabets so that uids, links and hashes collide often.
item = st.builds(
    lambda u, l, h, d: Entry(uid=f"u{u}", title="t", text="x", link=None if l is None else f"https://e/{l}",
                             content_hash="" if h is None else f"h{h}",
                             published=None if d is None else utc(2026, 1, 1 + d)),
    st.integers(0, 6), st.none() | st.integers(0, 6), st.none() | st.integers(0, 6),
    st.none() | st.integers(0, 20),
)
polls = st.lists(st.lists(item, max_size=8), min_size=1, max_size=5)
_feed_numbers = itertools.count()


def keys(e: Entry) -> set[tuple[str, str]]:
    found = {("uid", e.uid)}
    if e.link:
        found.add(("link", e.link))
    if e.content_hash:
        found.add(("hash", e.content_hash))
    return found


def expected_new(seen: set, poll: list[Entry]) -> list[Entry]:
    """The rule, stated plainly: unseen in the feed, then the first of any repeats in the poll."""
    kept, taken = [], set()
    for e in poll:
        if keys(e) & seen or keys(e) & taken:
            continue
        kept.append(e)
        taken |= keys(e)
    return kept


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(polls=polls)
async def test_each_poll_returns_exactly_the_unseen_items_and_never_one_twice(store, polls):
    feed = await store.add_feed(Feed(url=f"https://e/feed{next(_feed_numbers)}", name="p"))
    await store.record_fetch_ok(feed.id, etag=None, last_modified=None,
                                next_check_at=utc(2026, 1, 1), fetched_at=utc(2026, 1, 1))
    feed = await store.get_feed(feed.id)
    seen: set = set()
    returned: list[str] = []
    for poll in polls:
        want = expected_new(seen, poll)
        got = await store.add_entries(feed, poll)
        assert sorted(e.uid for e in got) == sorted(e.uid for e in want)
        for e in want:
            seen |= keys(e)
        returned += [e.uid for e in got]
    assert len(returned) == len(set(returned))
