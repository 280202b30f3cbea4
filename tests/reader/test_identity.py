"""Identity: the same article is recognised across polls, tracking parameters and reorderings."""

from datetime import UTC, datetime

import pytest

from bot.reader.identity import canonical_link, content_hash, entry_uid
from bot.reader.parser import parse_feed

WHEN = datetime(2024, 11, 5, tzinfo=UTC)


@pytest.mark.parametrize(("raw", "canonical"), [
    ("https://News.Example/a?utm_source=rss&utm_medium=feed&id=3", "https://news.example/a?id=3"),
    ("https://news.example/a?id=3&fbclid=XYZ&gclid=1&mc_cid=2&mc_eid=3#comments", "https://news.example/a?id=3"),
    ("https://news.example/a?b=2&a=1", "https://news.example/a?a=1&b=2"),
    ("https://news.example:443/a", "https://news.example/a"),
    ("http://news.example:8080/a", "http://news.example:8080/a"),
    ("http://news.example", "http://news.example/"),
    ("  https://news.example/a  ", "https://news.example/a"),
    ("https://news.example/Case/Path", "https://news.example/Case/Path"),   # paths are case-sensitive
    ("urn:uuid:1234", "urn:uuid:1234"),
])
def test_canonical_link(raw, canonical):
    assert canonical_link(raw) == canonical


def test_uid_prefers_guid_then_link_then_title_and_date():
    assert entry_uid("g-1", "https://x.example/a", "T", WHEN) == "g-1"
    assert entry_uid("  ", "https://x.example/a?utm_campaign=z", "T", WHEN) == "https://x.example/a"
    by_hash = entry_uid(None, None, "T", WHEN)
    assert by_hash.startswith("sha1:") and by_hash == entry_uid("", "", "T", WHEN)
    assert by_hash != entry_uid(None, None, "T", datetime(2024, 11, 6, tzinfo=UTC))


def test_a_giant_guid_is_kept_bounded():
    uid = entry_uid("x" * 100_000, None, None, None)
    assert uid.startswith("sha1:") and len(uid) < 100


def test_content_hash_changes_with_an_edit_only():
    assert content_hash("T", "body") == content_hash("T", "body")
    assert content_hash("T", "body") != content_hash("T2", "body")
    assert content_hash("T", "body") != content_hash("T", "body2")


def _rss(items: str) -> bytes:
    return f'<rss version="2.0"><channel><title>x</title>{items}</channel></rss>'.encode()


def test_tracking_parameters_do_not_make_a_second_article():
    a = parse_feed(_rss("<item><title>T</title><link>https://x.example/a?utm_source=one</link></item>"), "u")
    b = parse_feed(_rss("<item><title>T</title><link>https://x.example/a?utm_source=two&amp;fbclid=9</link></item>"), "u")
    assert a.entries[0].uid == b.entries[0].uid == "https://x.example/a"


def test_items_out_of_date_order_keep_their_identities():
    one = "<item><guid>1</guid><title>Old</title><pubDate>Mon, 04 Nov 2024 10:00:00 GMT</pubDate></item>"
    two = "<item><guid>2</guid><title>New</title><pubDate>Tue, 05 Nov 2024 10:00:00 GMT</pubDate></item>"
    forward = {e.uid: e for e in parse_feed(_rss(one + two), "u").entries}
    backward = {e.uid: e for e in parse_feed(_rss(two + one), "u").entries}
    assert forward == backward


def test_only_the_date_changed_keeps_uid_and_content_hash():
    a = parse_feed(_rss("<item><guid>1</guid><title>T</title><description>d</description>"
                        "<pubDate>Mon, 04 Nov 2024 10:00:00 GMT</pubDate></item>"), "u").entries[0]
    b = parse_feed(_rss("<item><guid>1</guid><title>T</title><description>d</description>"
                        "<pubDate>Tue, 05 Nov 2024 10:00:00 GMT</pubDate></item>"), "u").entries[0]
    assert (a.uid, a.content_hash) == (b.uid, b.content_hash) and a.published != b.published


def test_an_edited_title_under_the_same_guid_keeps_the_uid_but_changes_the_hash():
    a = parse_feed(_rss("<item><guid>1</guid><title>Draft</title></item>"), "u").entries[0]
    b = parse_feed(_rss("<item><guid>1</guid><title>Final</title></item>"), "u").entries[0]
    assert a.uid == b.uid and a.content_hash != b.content_hash


def test_a_changed_guid_is_a_new_uid_but_the_link_stays_the_same():
    # publishers that bake the title into the GUID: the store can still match on the canonical link
    a = parse_feed(_rss("<item><guid>a-draft</guid><title>Draft</title><link>https://x.example/s?utm_x=1</link></item>"), "u").entries[0]
    b = parse_feed(_rss("<item><guid>a-final</guid><title>Final</title><link>https://x.example/s</link></item>"), "u").entries[0]
    assert a.uid != b.uid
    assert canonical_link(a.link) == canonical_link(b.link)
