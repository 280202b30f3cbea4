"""The fast path (lxml) and feedparser give the same entries, on real feeds and on generated ones.

`parse_feed(fast=False)` forces feedparser; the default takes the fast path whenever the document
is one it reproduces feedparser's reading of. A difference here means a feed would change its
entries' identities the day it switched paths (for instance a publisher fixing its XML).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bot.reader.fast_path import read_fast
from bot.reader.parser import FeedParseError, parse_feed
from tests.conftest import SHARED

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted(p for p in (REPO / "seeds").rglob("*") if p.suffix in (".xml", ".atom", ".rss"))
SHARED_FEEDS = SHARED / "feeds"
REAL = sorted(p for p in SHARED_FEEDS.glob("*") if p.suffix not in (".md", ".tsv")) if SHARED_FEEDS.is_dir() else []
# Real feeds the fast path must take (the rest use elements whose feedparser reading it leaves alone).
FAST_REAL = {"bbc_news_front_2024-08-08.xml", "bbc_world_2019-02-24.xml", "bio_rdf.rdf", "cnn_hp_hero.xml",
             "craigslist_rdf.rss", "google_alerts.atom", "guardian_us_2018.rss", "heise_developer.atom",
             "medium_content_encoded.rss", "reddit_mediarss.atom", "science_rss1_rdf.rss",
             "bbc_in_our_time_podcast.xml", "livemint_news.xml", "macworld_2017.rss", "ilgiornale_it_trimmed.xml",
             "nbcny_trimmed.xml", "spiegel_de_trimmed.xml", "varthabharathi_kannada_whitespace_cdata.rss"}


def both(body: bytes, url: str = "https://feeds.example/feed.xml", content_type: str | None = None):
    out = []
    for fast in (True, False):
        try:
            out.append(parse_feed(body, url, content_type, fast=fast))
        except FeedParseError as exc:
            out.append(("error", exc.reason))
    return out


@pytest.mark.parametrize("path", SEEDS, ids=[f"{p.parent.name}/{p.name}" for p in SEEDS])
def test_the_seed_feeds_read_the_same_and_take_the_fast_path(path: Path):
    fast, slow = both(path.read_bytes())
    assert fast == slow
    assert read_fast(path.read_bytes(), "https://feeds.example/feed.xml", None) is not None


@pytest.mark.skipif(not REAL, reason="../shared/feeds is not available")
@pytest.mark.parametrize("path", REAL, ids=[p.name for p in REAL])
def test_every_real_feed_reads_the_same_on_either_path(path: Path):
    fast, slow = both(path.read_bytes(), f"https://feeds.example/{path.name}")
    assert fast == slow
    took_fast = read_fast(path.read_bytes(), f"https://feeds.example/{path.name}", None) is not None
    assert took_fast == (path.name in FAST_REAL)


def test_the_fast_path_turns_down_what_it_does_not_reproduce():
    url = "https://feeds.example/f.xml"
    rss = '<?xml version="1.0" encoding="{enc}"?><rss version="2.0"><channel><title>t</title>{item}</channel></rss>'
    plain = "<item><title>a</title><guid>1</guid></item>"
    assert read_fast(rss.format(enc="utf-8", item=plain).encode(), url, None) is not None
    refused = {
        "another encoding": rss.format(enc="iso-8859-1", item=plain).encode("latin-1"),
        "charset header": None,
        "malformed": rss.format(enc="utf-8", item="<item><title>a & b</title></item>").encode(),
        "media title": rss.format(enc="utf-8", item='<item xmlns:media="http://search.yahoo.com/mrss/">'
                                  "<title>a</title><media:title>b</media:title></item>").encode(),
        "two guids": rss.format(enc="utf-8", item="<item><guid>1</guid><guid>2</guid></item>").encode(),
        "xml:base": rss.format(enc="utf-8", item='<item xml:base="https://elsewhere.example/"><link>a</link></item>').encode(),
        "rss 0.91": rss.format(enc="utf-8", item=plain).replace('version="2.0"', 'version="0.91"').encode(),
    }
    for why, body in refused.items():
        ctype = "application/rss+xml; charset=windows-1251" if body is None else None
        body = body or rss.format(enc="utf-8", item=plain).encode()
        assert read_fast(body, url, ctype) is None, why
        fast, slow = both(body, url, ctype)
        assert fast == slow, why


# --- generated feeds -----------------------------------------------------------------------------

WORDS = st.sampled_from(["troops", "Kursk", "budget", "Ünïcode", "naïve", "a&b", "x<y", "&amp;", "&lt;b&gt;",
                         "<b>bold</b>", "</p>", "  ", "\n", "€", "”", "\u0080", "Ã©", "&#8217;", "&nbsp;"])
TEXT = st.lists(WORDS, max_size=8).map(" ".join)
DATES = st.sampled_from(["Fri, 01 Nov 2024 08:00:00 GMT", "Fri, 01 Nov 2024 08:00:00 EST", "2024-11-01T08:00:00Z",
                         "2024-11-01T08:00:00+02:00", "2024-11-01", "not a date", "", "Fri, 31 Feb 2024 08:00:00 GMT"])
LINKS = st.sampled_from(["https://news.example/a?x=1&y=2", "/relative/path", "news.example/b", "",
                         "https://news.example/a#frag", "javascript:alert(1)", "  https://news.example/s  ",
                         "https://news.example/a?utm_source=rss&amp;id=3"])
GUIDS = st.sampled_from(["1", "tag:news.example,2024:1", "https://news.example/p/1", "urn:uuid:12", "", "shared"])


def _el(tag: str, value: str, attrs: str = "") -> str:
    return f"<{tag}{attrs}>{escape(value)}</{tag}>"


@st.composite
def rss_items(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 9))):
        kind = draw(st.sampled_from(["title", "link", "guid", "description", "content", "pubDate", "dcdate",
                                     "author", "creator", "category", "comments", "enclosure", "image",
                                     "itunes_summary", "unknown"]))
        if kind == "guid":
            flag = draw(st.sampled_from(["", ' isPermaLink="false"', ' isPermaLink="true"', ' isPermaLink="True"']))
            parts.append(_el("guid", draw(GUIDS), flag))
        elif kind == "link":
            parts.append(_el("link", draw(LINKS)))
        elif kind in ("pubDate", "dcdate"):
            parts.append(_el("pubDate" if kind == "pubDate" else "dc:date", draw(DATES)))
        elif kind == "content":
            parts.append(_el("content:encoded", draw(TEXT)))
        elif kind == "creator":
            parts.append(_el("dc:creator", draw(TEXT)))
        elif kind == "enclosure":
            parts.append('<enclosure url="https://news.example/a.mp3" type="audio/mpeg" length="1"/>')
        elif kind == "itunes_summary":
            parts.append(_el("itunes:summary", draw(TEXT)))
        elif kind == "unknown":
            parts.append(_el("x:thing", draw(TEXT)))
        else:
            parts.append(_el(kind, draw(TEXT)))
    return "<item>" + "".join(parts) + "</item>"


@st.composite
def atom_entries(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["id", "title", "link", "summary", "content", "published", "updated",
                                     "author", "category"]))
        kind_attr = draw(st.sampled_from(["", ' type="text"', ' type="html"']))
        if kind == "id":
            parts.append(_el("id", draw(GUIDS)))
        elif kind == "link":
            rel = draw(st.sampled_from(["", ' rel="alternate"', ' rel="self"', ' rel="enclosure"']))
            parts.append(f"<link{rel} href={quoteattr(draw(LINKS))}/>")
        elif kind in ("published", "updated"):
            parts.append(_el(kind, draw(DATES)))
        elif kind == "author":
            name = _el("name", draw(TEXT)) if draw(st.booleans()) else ""
            email = _el("email", "a@news.example") if draw(st.booleans()) else ""
            parts.append(f"<author>{name}{email}</author>")
        elif kind == "category":
            parts.append('<category term="world"/>')
        else:
            parts.append(_el(kind, draw(TEXT), kind_attr))
    return "<entry>" + "".join(parts) + "</entry>"


NS = ('xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:x="https://unknown.example/ns"')


@st.composite
def documents(draw) -> bytes:
    title = escape(draw(TEXT))
    links = "".join(f'<{{a}}link rel="{rel}" href={quoteattr(draw(LINKS))}/>'
                    for rel in draw(st.lists(st.sampled_from(["hub", "self", "alternate"]), max_size=3)))
    if draw(st.booleans()):
        items = "".join(draw(st.lists(rss_items(), max_size=5)))
        doc = (f'<rss version="2.0" {NS}><channel><title>{title}</title>{links.format(a="atom:")}'
               f'<ttl>{draw(st.integers(0, 90))}</ttl>{items}</channel></rss>')
    else:
        items = "".join(draw(st.lists(atom_entries(), max_size=5)))
        doc = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>{links.format(a="")}{items}</feed>'
    return ('<?xml version="1.0" encoding="utf-8"?>' + doc).encode()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_feeds_read_the_same_on_either_path(body: bytes):
    fast, slow = both(body)
    event("fast path" if read_fast(body, "https://feeds.example/feed.xml", None) is not None else "feedparser")
    assert fast == slow


def _hostile_bodies() -> dict[str, tuple[bytes, str | None]]:
    from tests.hostile.test_07_entity_expansion import CASES
    from tests.hostile.test_08_regex_time_limit import SLOW
    from tests.hostile.test_11_malformed_bodies import BODIES

    out = {f"07 {name}": (body, None) for name, body in CASES.items()}
    out.update({f"11 {name}": (body, ctype) for name, (body, ctype, _) in BODIES.items()})
    out["08 author bomb"] = (SLOW, None)
    return out


@pytest.mark.parametrize("case", list(_hostile_bodies().items()), ids=list(_hostile_bodies()))
def test_the_hostile_bodies_meet_the_same_guards_and_answers_on_either_path(case):
    _, (body, ctype) = case
    fast, slow = both(body, content_type=ctype)
    assert fast == slow
