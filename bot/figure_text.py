"""How a figure reads, on every surface: alerts and their change notices, /claims, /recent, the console,
`newsbot claims` and `newsbot extract`. One formatter, so "$1.3bn" in an alert is "$1.3bn" in /claims.
Pure (no chat types), so the analysis stages may word a figure with it too.

The value carries its bound in words ("more than 3%", "at least 40", "up to 2,000", "about 10,000",
"10,000–12,000"); money is a symbol and a short scale ("$1.3bn"), counts a long one ("1.3 million").
A figure the article states in its own voice reads "no named source" wherever a source would be.
"""

from __future__ import annotations

from typing import Protocol

NO_SOURCE = "no named source"

BOUND_WORDS = {
    "about": "about", "at_least": "at least", "more_than": "more than", "at_most": "at most",
    "less_than": "less than", "up_to": "up to",
}
CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "KRW": "₩", "INR": "₹",
                    "CNY": "CN¥", "RUB": "₽", "UAH": "₴"}
_MONEY_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))
_COUNT_SCALES = ((1e12, " trillion"), (1e9, " billion"), (1e6, " million"))


class FigureLike(Protocol):
    """A stored Figure or a Claim: both carry these."""

    value: float
    value_max: float | None
    unit: str | None
    approx: bool
    bound: str
    what: str | None
    source: str | None


def _plain(v: float) -> str:
    if float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def _scaled(v: float, scales: tuple[tuple[float, str], ...]) -> str:
    for size, suffix in scales:
        if abs(v) >= size:
            return _plain(round(v / size, 2)) + suffix
    return _plain(v)


def _is_money(unit: str) -> bool:
    return len(unit) == 3 and unit.isalpha() and unit.isupper()


def amount(value: float, unit: str | None = None) -> str:
    """One number with its unit: "12,000", "1.3 million", "$1.3bn", "CHF 40m", "25%", "3 pp", "35 km"."""
    if unit is None:
        return _scaled(value, _COUNT_SCALES)
    if unit == "%":
        return f"{_plain(value)}%"
    if _is_money(unit):
        scaled = _scaled(value, _MONEY_SCALES)
        symbol = CURRENCY_SYMBOLS.get(unit)
        return f"{symbol}{scaled}" if symbol else f"{unit} {scaled}"
    return f"{_plain(value)} {unit}"


def figure_value(value: float, value_max: float | None = None, unit: str | None = None,
                 bound: str = "exact", approx: bool = False) -> str:
    """The value with its range and its bound in words: "about 10,000", "more than 3%", "10,000–12,000"."""
    text = amount(value, unit)
    if value_max is not None and value_max != value:
        text = f"{text}–{amount(value_max, unit)}"
    words = BOUND_WORDS.get(bound) or ("about" if approx else "")
    return f"{words} {text}" if words else text


def value_of(f: FigureLike) -> str:
    return figure_value(f.value, f.value_max, f.unit, f.bound, f.approx)


def _short(text: str, limit: int | None) -> str:
    """One line (feed text can hold newlines), cut to `limit` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if limit is None or len(text) <= limit else text[: max(0, limit - 1)] + "…"


def what_of(f: FigureLike, *, limit: int | None = None) -> str:
    """The value and what it counts: "about 10,000 soldiers"."""
    return f"{value_of(f)} {_short(f.what, limit)}" if f.what else value_of(f)


def source_of(f: FigureLike, *, limit: int | None = None) -> str:
    return _short(f.source, limit) if f.source else NO_SOURCE


def figure_line(f: FigureLike, *, what_limit: int | None = 80, source_limit: int | None = 120) -> str:
    """ "about 10,000 soldiers — Zelensky": value, what it counts, who claims it. Not escaped.

    What and source are cut so that a huge one cannot push the other out of a chat field.
    """
    return f"{what_of(f, limit=what_limit)} — {source_of(f, limit=source_limit)}"
