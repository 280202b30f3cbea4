"""Claims charts: drawn only when one quantity has 3+ claims in one unit; always a real PNG."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.platforms.charts import chart_group, claims_chart
from bot.app.claims import Claim, ClaimGroup

T0 = datetime(2024, 10, 1, tzinfo=timezone.utc)


def claim(value, source, day, unit=None, value_max=None, approx=False):
    return Claim(value, value_max, unit, approx, "troops", source, "Wire", T0 + timedelta(days=day), None, "t")


def test_needs_three_claims_in_the_same_unit():
    two = ClaimGroup("troops", (claim(1, "A", 0), claim(2, "B", 1)))
    mixed = ClaimGroup("aid", (claim(1, "A", 0, "USD"), claim(2, "B", 1, "EUR"), claim(3, "C", 2, "GBP")))
    assert chart_group([two, mixed]) is None
    money = ClaimGroup("aid", (claim(1e9, "A", 0, "USD"), claim(2e9, "B", 1, "USD"), claim(3, "C", 2, "EUR"),
                               claim(4e9, "D", 3, "USD")))
    picked = chart_group([two, money])
    assert picked is not None and {c.unit for c in picked.claims} == {"USD"} and len(picked.claims) == 3


def test_chart_is_a_png_with_ranges_hedges_and_many_sources():
    claims = [claim(10000, "Zelensky", 0, approx=True), claim(2600, "Budanov", 5, value_max=11000),
              claim(12000, "NIS", 10)] + [claim(100 * i, f"Source {i} " + "x" * 60, i) for i in range(12)]
    png = claims_chart(ClaimGroup("troops", tuple(claims)), "nk-troops: troops")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    few = claims_chart(ClaimGroup("troops", tuple(claims[:3])))
    assert len(png) > len(few)  # the extra sources were drawn (as "other sources" beyond eight)
