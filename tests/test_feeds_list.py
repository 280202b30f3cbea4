"""`newsbot feeds list` on an 80-column terminal: every URL whole, every state readable."""

from __future__ import annotations

import io
from datetime import datetime, timezone

from rich.console import Console

from bot.commands.feeds import feed_lines
from bot.models import Feed

AT = datetime(2026, 12, 6, 5, 30, tzinfo=timezone.utc)


def render(feeds: list[Feed], width: int = 80) -> list[str]:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(feed_lines(feeds))
    return out.getvalue().splitlines()


def test_each_url_is_on_a_line_of_its_own_and_whole_at_80_columns():
    feeds = [
        Feed(url="http://127.0.0.1:8765/uol_noticias_no_xmldecl_latin1.rss", name="UOL Notícias", interval_s=300,
             last_fetched_at=AT, next_check_at=AT),
        Feed(url="https://reader:hunter22@news.example.org/world/europe/rss.xml", name="Example Europe",
             interval_s=3600, error_count=3, last_error="HTTP 503 from news.example.org", next_check_at=AT),
        Feed(url="https://quiet.example/feed", name="Quiet", interval_s=90),
    ]
    lines = render(feeds)
    assert all(len(line) <= 80 for line in lines)
    assert "  http://127.0.0.1:8765/uol_noticias_no_xmldecl_latin1.rss" in lines
    assert "  https://reader:[redacted]@news.example.org/world/europe/rss.xml" in lines
    assert not any("…" in line for line in lines)
    text = "\n".join(lines)
    assert "UOL Notícias  every 5m · last fetch 12-06 05:30 · next 12-06 05:30 · ok" in text
    assert "Example Europe  every 1h" in text and "3 errors" in text and "  HTTP 503 from news.example.org" in text
    assert "Quiet  every 90s · last fetch never" in text and "not polled yet" in text
    assert "hunter22" not in text
