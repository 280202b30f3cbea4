"""PNG timelines of competing claims (value over time, one colour per source), for chat answers.

People compare five troop figures faster on a chart than in a list. Pure rendering: claims in,
PNG bytes out; uses matplotlib's object API with the Agg canvas (no pyplot, no display, safe in a
worker thread). Shared by the Discord and Slack front ends.
"""

from __future__ import annotations

import asyncio
import io
import logging
from collections import Counter
from collections.abc import Callable, Sequence

from bot.app.claims import Claim, ClaimGroup
from bot.figure_text import amount

log = logging.getLogger(__name__)

MIN_CLAIMS = 3
MAX_SOURCES = 8


def chart_group(groups: Sequence[ClaimGroup]) -> ClaimGroup | None:
    """The first group with at least MIN_CLAIMS claims in one unit (mixed units do not share an axis)."""
    for group in groups:
        units = Counter(c.unit for c in group.claims)
        unit, count = units.most_common(1)[0] if units else (None, 0)
        if count >= MIN_CLAIMS:
            return ClaimGroup(group.what, tuple(c for c in group.claims if c.unit == unit))
    return None


def _source(c: Claim) -> str:
    label = (c.source or c.outlet or "unattributed").strip()
    return label if len(label) <= 40 else label[:39] + "…"


def claims_chart(group: ClaimGroup, title: str | None = None) -> bytes:
    """A PNG: each claim a point at (published, value); ranges as vertical bars; hedged values hollow."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    claims = sorted(group.claims, key=lambda c: c.published)
    counts = Counter(_source(c) for c in claims)
    keep = {s for s, _ in counts.most_common(MAX_SOURCES)}
    unit = claims[0].unit if claims else None

    fig = Figure(figsize=(8, 4), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    series: dict[str, list[Claim]] = {}
    for c in claims:  # the busiest sources first; the rest share one colour
        label = _source(c) if _source(c) in keep else "other sources"
        series.setdefault(label, []).append(c)
    order = sorted(series, key=lambda s: (s == "other sources", -len(series[s])))
    for i, source in enumerate(order):
        mine = series[source]
        colour = f"C{i % 10}"
        xs = [c.published for c in mine]
        ys = [c.value for c in mine]
        exact = [(x, y) for x, y, c in zip(xs, ys, mine) if not c.approx]
        hedged = [(x, y) for x, y, c in zip(xs, ys, mine) if c.approx]
        if exact:
            ax.scatter(*zip(*exact), color=colour, s=40, zorder=3, label=source)
        if hedged:
            ax.scatter(*zip(*hedged), facecolors="none", edgecolors=colour, s=40, zorder=3,
                       label=None if exact else source)
        for c in mine:
            if c.value_max is not None and c.value_max != c.value:
                ax.vlines(c.published, c.value, c.value_max, color=colour, linewidth=2, alpha=0.6)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: amount(v, unit)))
    locator = AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.set_ylim(bottom=0)
    ax.grid(True, alpha=0.3)
    ax.set_title(title or f"Claims: {group.what}  (hollow = approximate)", fontsize=11)
    ax.legend(loc="best", fontsize=8, frameon=False)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


async def chart_png(groups: Sequence[ClaimGroup], title: Callable[[str], str]) -> tuple[str, bytes] | None:
    """(what was charted, PNG) for the first chartable group, drawn off the event loop; None when no
    group has enough claims or drawing failed (a chart is a bonus: the answer still goes out)."""
    group = chart_group(groups)
    if group is None:
        return None
    try:
        return group.what, await asyncio.to_thread(claims_chart, group, title(group.what))
    except Exception:
        log.warning("chart for %r failed", group.what, exc_info=True)
        return None
