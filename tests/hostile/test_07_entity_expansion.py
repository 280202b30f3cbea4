"""TESTING.md 7: entity expansion, DTD internal subsets and external entities are rejected up front.

feedparser 6.0.14 falls back to its loose parser and expands entities anyway (a 44 KB feed became a
100,000,000-character title); the guard must refuse before feedparser runs, fast and small.
"""

from __future__ import annotations

import time
import tracemalloc

import pytest

from bot.reader.parser import FeedParseError, parse_feed

LOL = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                                 for i in range(1, 10)]
ITEM = '<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>'


def billion_laughs(sep: str) -> str:
    return f'<?xml version="1.0"?>{sep}<!DOCTYPE rss [{sep}{sep.join(LOL)}{sep}]>{sep}{ITEM}'


BIG_ENTITY = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "' + "B" * 20_000 + '">]>'
              '<rss version="2.0"><channel><item><title>' + "&big;" * 5000 + "</title></item></channel></rss>")

CASES = {
    "billion laughs, one line": billion_laughs("").encode(),
    "billion laughs, multi-line": billion_laughs("\n  ").encode(),
    "20 KB entity used 5,000 times": BIG_ENTITY.encode(),
    "external entity": b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                       b'<rss version="2.0"><channel><item><title>&xxe;</title></item></channel></rss>',
    "parameter entity": b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "http://127.0.0.1/x.dtd"> %p;]>'
                        b'<rss version="2.0"/>',
    "lower-case doctype subset": b'<!doctype rss [ ]><rss version="2.0"><channel><item><title>x</title></item></channel></rss>',
    "entity without doctype": b'<rss version="2.0"><!ENTITY a "b"><channel><item><title>&a;</title></item></channel></rss>',
    "utf-16 billion laughs": billion_laughs("\n").replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-16"?>').encode("utf-16"),
    "utf-32 billion laughs": billion_laughs("").encode("utf-32"),
    "ebcdic billion laughs": billion_laughs("").replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="cp037"?>').encode("cp037"),
}


@pytest.mark.parametrize("body", CASES.values(), ids=CASES.keys())
def test_entity_tricks_are_refused_quickly_and_small(body: bytes):
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(FeedParseError) as exc:
            parse_feed(body, "https://x.example/feed")
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert exc.value.reason == "refused: the feed declares XML entities or a DTD internal subset"
    assert elapsed < 1.0
    assert peak < 50 * 1024 * 1024


def test_ordinary_entities_and_a_plain_doctype_still_work():
    body = (b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
            b'"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel>'
            b"<title>a &amp; b</title><item><title>caf&#233; &lt;3 &eacute;</title></item></channel></rss>")
    feed = parse_feed(body, "https://x.example/feed")
    assert feed.title == "a & b"
    assert feed.entries[0].title.startswith("café <3")


@pytest.mark.parametrize("body", [b"<!DOCTYPE" * 1_400_000, b"<!ENTITY" * 1_500_000, b"<!doctype x " + b"a" * 12_000_000],
                         ids=["12 MiB of DOCTYPE openers", "12 MiB of ENTITY openers", "one endless DOCTYPE"])
def test_the_guard_itself_is_linear(body: bytes):
    from bot.reader.parser import check_no_entities

    started = time.perf_counter()
    try:
        check_no_entities(body)
    except FeedParseError:
        pass
    assert time.perf_counter() - started < 0.5
