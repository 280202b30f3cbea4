"""A figure's value as people write it: "~$1.3bn", "10,000-12,000", "25.7%", "35 km"."""

from __future__ import annotations

from bot.models import Figure

SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "KRW": "₩", "INR": "₹"}
SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))


def format_number(v: float) -> str:
    for size, suffix in SCALES:
        if abs(v) >= size:
            return f"{v / size:,.3f}".rstrip("0").rstrip(".") + suffix
    if float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:,.4f}".rstrip("0").rstrip(".")


def format_value(f: Figure) -> str:
    """Short display text, "~" marking a hedged figure."""
    body = format_number(f.value)
    if f.value_max is not None:
        body = f"{body}-{format_number(f.value_max)}"
    unit = f.unit
    if unit in SYMBOLS:
        body = SYMBOLS[unit] + body
    elif unit in ("%",):
        body += "%"
    elif unit == "pp":
        body += " pp"
    elif unit:
        body += f" {unit}"
    return ("~" if f.approx else "") + body
