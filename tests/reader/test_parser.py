"""parse_feed on real bytes: RSS, Atom, JSON Feed, normalisation, identity inside one document."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.models import ParsedFeed
from bot.reader.parser import FeedParseError, parse_feed

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Northern Ledger</title><link>https://ledger.example/</link><ttl>30</ttl>
<item>
  <guid isPermaLink="false">ledger-1</guid>
  <title>Troops &amp; brigades: the &lt;new&gt; estimate</title>
  <link>https://ledger.example/a/1?utm_source=rss&amp;id=7</link>
  <pubDate>Tue, 05 Nov 2024 09:30:00 +0900</pubDate>
  <dc:creator>Kim Staff</dc:creator>
  <description>&lt;p&gt;Short &lt;b&gt;teaser&lt;/b&gt;&amp;hellip;&lt;/p&gt;</description>
  <content:encoded><![CDATA[<p>Officials said <b>12,000</b> soldiers&nbsp;arrived.</p>
     <script>track()</script><p>Second   paragraph.</p>]]></content:encoded>
</item>
<item>
  <title>No guid here</title>
  <link>https://ledger.example/a/2?fbclid=abc#top</link>
  <description>Plain words.</description>
</item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Seoul &lt;i&gt;Wire&lt;/i&gt;</title>
<id>urn:wire</id><updated>2024-11-05T00:00:00Z</updated>
<entry><id>urn:wire:1</id><title>Brigades counted</title><updated>2024-11-04T23:00:00-05:00</updated>
<link rel="alternate" href="/news/1"/><author><name>Lee</name></author>
<summary type="text">Text with &lt;angle&gt; brackets that are words.</summary></entry>
</feed>"""


def test_rss_entries_are_normalised():
    feed = parse_feed(RSS.encode(), "https://ledger.example/rss")
    assert feed.title == "Northern Ledger" and feed.ttl_s == 1800
    first, second = feed.entries
    assert first.uid == "ledger-1"
    assert first.title == "Troops & brigades: the <new> estimate"
    assert first.text == "Officials said 12,000 soldiers arrived. Second paragraph."   # content, not teaser
    assert first.published == datetime(2024, 11, 5, 0, 30, tzinfo=UTC)
    assert first.author == "Kim Staff"
    assert first.link == "https://ledger.example/a/1?utm_source=rss&id=7"
    assert len(first.content_hash) == 40
    assert second.uid == "https://ledger.example/a/2"          # canonical link, tracking gone
    assert second.text == "Plain words." and second.published is None


def test_atom_entries_are_normalised_with_relative_links_resolved():
    feed = parse_feed(ATOM.encode(), "https://wire.example/atom.xml")
    assert feed.title == "Seoul Wire"
    (e,) = feed.entries
    assert (e.uid, e.title, e.author) == ("urn:wire:1", "Brigades counted", "Lee")
    assert e.link == "https://wire.example/news/1"
    assert e.text == "Text with <angle> brackets that are words."   # text/plain is not HTML-stripped
    assert e.published == datetime(2024, 11, 5, 4, 0, tzinfo=UTC)


def test_every_item_sharing_one_guid_falls_back_to_links():
    items = "".join(f"<item><guid>same</guid><title>T{i}</title><link>https://x.example/{i}</link></item>"
                    for i in range(3))
    feed = parse_feed(f'<rss version="2.0"><channel><title>x</title>{items}</channel></rss>'.encode(), "u")
    assert [e.uid for e in feed.entries] == [f"https://x.example/{i}" for i in range(3)]


def test_shared_guid_and_shared_link_fall_back_to_title_and_date():
    items = "".join(f"<item><guid>g</guid><title>T{i}</title><link>https://x.example/</link></item>"
                    for i in range(3))
    feed = parse_feed(f'<rss version="2.0"><channel><title>x</title>{items}</channel></rss>'.encode(), "u")
    uids = [e.uid for e in feed.entries]
    assert len(set(uids)) == 3 and all(u.startswith("sha1:") for u in uids)


def test_json_feed_is_parsed():
    body = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "JF",
      "items": [{"id": "1", "url": "https://jf.example/1", "title": "Hello",
                 "content_html": "<p>Hi <em>there</em></p>", "date_published": "2024-11-05T10:00:00+02:00",
                 "authors": [{"name": "Ann"}]},
                {"id": 2, "content_text": "Only text"}, "junk", {}]}"""
    feed = parse_feed(body, "https://jf.example/feed.json")
    assert feed.title == "JF"
    a, b = feed.entries
    assert (a.uid, a.title, a.text, a.author) == ("1", "Hello", "Hi there", "Ann")
    assert a.published == datetime(2024, 11, 5, 8, 0, tzinfo=UTC)
    assert (b.uid, b.text) == ("2", "Only text")


def test_json_feed_items_sharing_an_id_fall_back_to_their_urls():
    body = b"""{"version": "https://jsonfeed.org/version/1", "items": [
      {"id": "x", "url": "https://jf.example/1", "title": "A"}, {"id": "x", "url": "https://jf.example/2", "title": "B"},
      {"id": "y", "url": "https://jf.example/3", "title": "C"}]}"""
    assert [e.uid for e in parse_feed(body, "u").entries] == ["https://jf.example/1", "https://jf.example/2", "y"]


@pytest.mark.parametrize(("body", "reason"), [
    (b"", "empty body"),
    (b"  \n\t ", "empty body"),
    (b"<!DOCTYPE html><html><head><title>Hi</title></head><body><p>x</p></body></html>", "HTML page"),
    (b'<rss version="2.0"><channel><title>x</ti', "malformed XML"),
    (b"\x00\x01\x02garbage", "not a feed"),
    (b'{"hello": "world"}', "not a JSON Feed"),
    (b"{not json", "invalid JSON"),
    (b"/etc/passwd", "not a feed"),
])
def test_unusable_bodies_give_a_readable_reason(body, reason):
    with pytest.raises(FeedParseError) as exc:
        parse_feed(body, "https://x.example/feed")
    assert reason in exc.value.reason


def test_a_well_formed_empty_feed_is_not_an_error():
    feed = parse_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', "u")
    assert feed == ParsedFeed(title="Quiet", entries=(), ttl_s=None)


def test_bozo_feed_with_entries_is_still_used():
    body = b'<rss version="2.0"><channel><item><title>A & B</title><link>http://x.example/?a=1&b=2</link></item>'
    (e,) = parse_feed(body, "u").entries
    assert e.title.startswith("A") and e.link.startswith("http://x.example/")


def test_charset_from_the_declaration_and_from_content_type():
    latin = '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><item><title>Coração</title></item></channel></rss>'
    assert parse_feed(latin.encode("latin-1"), "u").entries[0].title == "Coração"
    undeclared = '<rss version="2.0"><channel><item><title>Coração</title></item></channel></rss>'.encode("latin-1")
    assert parse_feed(undeclared, "u", content_type="text/xml; charset=iso-8859-1").entries[0].title == "Coração"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=500).map(lambda t: f'<rss version="2.0"><channel><item><title>{t}</title></item></channel></rss>'.encode("utf-8", "surrogatepass")),
    st.text(alphabet="<>&;/!?[]{}\"'=abcdefrsitem ", max_size=300).map(lambda t: t.encode()),
))
def test_any_bytes_give_a_feed_or_a_feed_parse_error(body):
    try:
        result = parse_feed(body, "https://x.example/feed")
    except FeedParseError as exc:
        assert exc.reason
    else:
        assert isinstance(result, ParsedFeed)
        for e in result.entries:
            assert e.uid and (e.published is None or e.published.tzinfo is not None)
