"""Summaries leave out what feeds bolt onto an item: read-more links, related lists, footers, tickers."""

from __future__ import annotations

import pytest

from bot.analysis.boilerplate import boilerplate_spans, is_ticker
from bot.analysis.summarize import summarize
from tests.conftest import shared_path


@pytest.mark.parametrize("text, kept, dropped", [
    ("Ferry crews walked out on Tuesday over pay. The operator said 14 sailings were cancelled. "
     "Related: Port workers vote on a new contract Continue reading...",
     "The operator said 14 sailings were cancelled.", ["Related", "Continue reading", "Port workers vote"]),
    ("Oil prices climbed 4% after the cartel cut output.\nBRENT 84.10 ▲3.9% | WTI 79.85 ▲4.1% | "
     "GOLD 2,031 ▼0.2%\nTraders expect further gains this week.\n\nRead more »",
     "Traders expect further gains this week.", ["BRENT", "Read more"]),
    ("The council approved a budget of $4.2 million on Monday night.\n\nRelated:\nCouncil delays vote on "
     "bus lanes\nMayor names a new finance chief\n\nThe post Council passes budget appeared first on "
     "Riverside Daily.", "$4.2 million", ["bus lanes", "finance chief", "appeared first"]),
    ("Rescuers reached the last 12 miners on Sunday after a three-day search. Sign up for our morning "
     "newsletter to get the day's news first.", "12 miners", ["newsletter"]),
    ("Growers expect a smaller harvest, with yields down by a fifth in the south [...]",
     "down by a fifth in the south", ["[...]"]),
])
def test_feed_furniture_stays_out_of_the_summary(text, kept, dropped):
    summary = summarize("Budget strike harvest oil miners", text, ["strike", "oil", "budget", "miners", "yields"])
    assert kept in summary
    for piece in dropped:
        assert piece not in summary, summary


def test_ordinary_sentences_with_the_same_words_stay():
    text = ("Officials said the related costs would read more like a wish list than a plan. "
            "See the figures: prices rose 3% in May, 2% in June and 4% in July, the office said.")
    assert boilerplate_spans(text) == []
    assert not is_ticker("prices rose 3% in May, 2% in June and 4% in July, the office said.")
    assert summarize("Costs and prices", text, ["costs", "prices"]) == " ".join(text.split())


def test_no_summary_of_a_real_guardian_feed_ends_in_its_read_more_link():
    from bot.reader.parser import parse_feed

    body = shared_path("feeds", "guardian_us_2018.rss").read_bytes()
    entries = parse_feed(body, "https://www.theguardian.com/us/rss").entries
    texts = [e.text for e in entries if "Continue reading" in (e.text or "")]
    assert len(texts) > 10                        # the feed really carries them
    for e in entries:
        summary = summarize(e.title, e.text or "", [])
        assert "Continue reading" not in summary and "Related:" not in summary, summary
