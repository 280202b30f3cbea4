"""Find number expressions in raw text and read their value, scale, range and unit.

Pure regex work with exact character offsets; the parse-based rules in `extract` decide
which of these are figures, what they count and who claims them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis.english import (
    BARREL_AMOUNT,
    CURRENCY_BEFORE_RE,
    CUR_POST,
    CUR_PRE,
    FRACTION_AFTER,
    MAGNITUDE_BEFORE,
    METRE_CONTEXT,
    RANGE_OPENER_RE,
    RANGE_SEPARATOR_RE,
    RATIO_LINK_RE,
    SCALES,
    SCALE_SUFFIX_RE,
    SCALE_WORD_RE,
    SMALL,
    SUBUNIT,
    TENS,
    TIME_UNITS,
    UNITS,
)
from bot.models import FigureKind

_word_num = "|".join(sorted(list(SMALL) + list(TENS), key=len, reverse=True))
_spelled = (
    rf"(?:(?:{_word_num})(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
    rf"(?:\s+hundred(?:\s+(?:and\s+)?(?:{_word_num})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)?)?)"
)
# thousands may be grouped by commas or by the thin/no-break spaces some outlets use ("10 000")
_digits = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_post_words = sorted(
    [w for w in list(CUR_POST) + list(UNITS) + list(SUBUNIT)
     if w not in ("%",) and not (len(w) == 3 and w.isalpha() and w.upper() in CUR_PRE.values() and w in CUR_POST)],
    key=len, reverse=True,
)
_post = (r"(?:%|(?-i:(?:USD|EUR|GBP|JPY|CNY|INR|KRW|IDR|CHF)\b)|(?:"
         + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _post_words) + r")\b)")

# one quantity: [currency] number [scale] [unit]; number is digits or spelled words
_QTY = (
    rf"(?P<pre{{n}}>{CURRENCY_BEFORE_RE})?"
    rf"(?P<num{{n}}>{_digits}|{_spelled})"
    rf"(?:(?P<sfx{{n}}>{SCALE_SUFFIX_RE})(?![A-Za-z0-9])|(?:\s+|-)?(?P<scl{{n}}>(?:{SCALE_WORD_RE}\s+)*{SCALE_WORD_RE})\b)?"
    rf"(?:(?:\s+|-)?(?P<post{{n}}>{_post}|p\b))?"
)


def _qty(n: int) -> str:
    return _QTY.replace("{n}", str(n))


_LEFT = r"(?<![\w.$£€¥₩₹₽,])(?<![A-Za-z]-)(?<!\d[-–/])"
NUMBER_RE = re.compile(
    rf"{_LEFT}(?P<between>{RANGE_OPENER_RE})?{_qty(1)}(?:(?P<sep>{RANGE_SEPARATOR_RE}){_qty(2)})?",
    re.IGNORECASE,
)
TIME_RE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\b")
_TIME_AFTER = "|".join(re.escape(u) + "s?" for u in sorted(TIME_UNITS, key=len, reverse=True))
# numeric dates: "21.10.2024", "21/10/24", "2024-10-21" (one separator throughout)
DATE_RE = re.compile(r"(?:\d{1,2}([./-])\d{1,2}\1(?:\d{4}|\d{2})|\d{4}([./-])\d{1,2}\2\d{1,2})(?![\d.])")
SINGLE_RE = re.compile(rf"{_LEFT}{_qty(1)}", re.IGNORECASE)
RATIO_RE = re.compile(rf"(?P<a>\d+|{_spelled}){RATIO_LINK_RE}(?P<b>\d+|{_spelled})\b(?!\s+(?:{_TIME_AFTER})\b)",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A number expression as written: offsets, value(s) and unit."""

    start: int
    end: int
    value: float
    value_max: float | None
    unit: str | None
    kind: FigureKind
    spelled: bool        # written in words only ("four", "Twenty-one thousand")
    text: str
    parts: tuple["Quantity", ...] = ()   # the two ends of a range, each as written


def word_value(words: str) -> float | None:
    """Value of a spelled-out number ("twenty-one", "three hundred and five")."""
    total = 0.0
    current = 0.0
    seen = False
    last = ""
    for w in re.split(r"[-\s]+", words.lower()):
        if not w or w == "and":
            continue
        if w in SMALL:
            if last in SMALL or (last in TENS and SMALL[w] >= 10):
                return None                      # "one-two punch", "twenty-ten" are not numbers
            current += SMALL[w]
        elif w in TENS:
            current += TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        else:
            return None
        seen = True
        last = w
    return total + current if seen else None


def number_value(num: str) -> float | None:
    num = num.strip()
    if num and (num[0].isdigit() or num[0] == "."):
        try:
            return float(re.sub(r"[,\u00a0\u202f\u2009]", "", num))
        except ValueError:
            return None
    return word_value(num)


def _scale(sfx: str | None, scl: str | None) -> float:
    factor = 1.0
    if sfx:
        factor *= SCALES[sfx.lower()]
    if scl:
        for w in scl.lower().split():
            factor *= SCALES[w]
    return factor


def _unit_of(pre: str | None, post: str | None) -> tuple[str | None, FigureKind, float]:
    """(unit, kind, multiplier) from the currency prefix and the word after the number."""
    if pre:
        code = CUR_PRE.get(re.sub(r"\s+", "", pre).lower())
        if code:
            return code, FigureKind.MONEY, 1.0
    if post:
        p = re.sub(r"\s+", " ", post.lower())
        if p in CUR_POST:
            return CUR_POST[p], FigureKind.MONEY, 1.0
        if p in SUBUNIT:
            return SUBUNIT[p], FigureKind.MONEY, 0.01
        if p in UNITS and UNITS[p]:
            u = UNITS[p]
            return u, FigureKind.of_unit(u), 1.0
    return None, FigureKind.COUNT, 1.0


def scan(text: str) -> list[Quantity]:
    """Every number expression in `text`, left to right, non-overlapping."""
    out: list[Quantity] = []
    pos = 0
    while True:
        m = NUMBER_RE.search(text, pos)
        if m is None:
            return out
        t = TIME_RE.match(text, m.start()) or DATE_RE.match(text, m.start())
        if t is not None:                        # clock time "7:30", a date "21.10.2024": never a figure
            pos = t.end()
            continue
        r = _ratio(text, m)
        if r is not None:                        # "1 in 4 teenagers": one figure, the share
            out.append(r)
            pos = r.end
            continue
        q = _build_range(text, m) if m.group("num2") else None
        if q is None and _is_score(m):
            pos = m.end()                        # "won 3-1", "a 2-2 draw": a score line
            continue
        if q is None:
            single_at = m.start("pre1") if m.group("pre1") else m.start("num1")
            m1 = SINGLE_RE.match(text, single_at)
            q = _build(text, m1, 1) if m1 else None
            pos = m1.end() if m1 else m.end()
            if q is None and m1 is not None:
                pos = _skip_word(text, m1.end())
        else:
            pos = m.end()
        if q is not None:
            out.append(q)


def _ratio(text: str, m: re.Match[str]) -> Quantity | None:
    """"1 in 4", "seven out of ten": a share, when the first number is the smaller and the second
    is a base people count in ("out of 23" is two counts, "out of ten" a ratio)."""
    if m.group("pre1") or m.group("between"):
        return None
    r = RATIO_RE.match(text, m.start())
    if r is None:
        return None
    a, b = number_value(r.group("a")), number_value(r.group("b"))
    if a is None or b is None or not 0 < a < b:
        return None
    if "out" in r.group(0).lower() and not (b <= 10 or str(int(b)).rstrip("0") == "1"):
        return None
    spelled = not r.group("a")[0].isdigit()
    return Quantity(r.start(), r.end(), a / b, None, "ratio", FigureKind.RATIO, spelled, r.group(0))


def _is_score(m: re.Match[str]) -> bool:
    g = m.groupdict()
    if g["sep"] is None or g["sep"].strip() not in ("-", "–") or g["between"]:
        return False
    a, b = g["num1"], g["num2"]
    return a.isdigit() and b.isdigit() and int(b) <= int(a) < 30 and not (g["pre1"] or g["post2"] or g["scl2"] or g["sfx2"])


def _skip_word(text: str, i: int) -> int:
    while i < len(text) and (text[i].isalnum() or text[i] in "_-"):
        i += 1
    return i


def _part(text: str, m: re.Match[str], n: int) -> tuple[float, str | None, FigureKind, bool, bool] | None:
    """(value, unit, kind, spelled, ok) of quantity n of the match."""
    g = m.groupdict()
    num = g[f"num{n}"]
    v = number_value(num)
    if v is None:
        return None
    spelled = not (num[0].isdigit() or num[0] == ".")
    pre, post = g.get(f"pre{n}"), g.get(f"post{n}")
    if post and post.lower() == "p" and (text[m.start(f"post{n}") - 1].isspace() or pre):
        post = None                              # "p" means pence only glued: "4p"
    unit, kind, mult = _unit_of(pre, post)
    sfx, scl = g.get(f"sfx{n}"), g.get(f"scl{n}")
    if unit == "barrels" and not BARREL_AMOUNT.match(text, m.end(f"post{n}")):
        unit, kind = None, FigureKind.COUNT      # "2.6 million barrels" alone counts barrels
    if unit is None and kind == FigureKind.COUNT and MAGNITUDE_BEFORE.search(text, 0, m.start()):
        unit, kind = "magnitude", FigureKind.MEASURE  # "a magnitude 7.1 quake"
    if sfx and sfx.lower() == "m" and kind == FigureKind.COUNT:
        after = text[m.end(f"sfx{n}"):m.end(f"sfx{n}") + 12].strip().split(" ")[0].lower()
        if after.strip(".,;:") in METRE_CONTEXT:
            unit, kind, sfx = "m", FigureKind.MEASURE, None
    return _tidy(v * _scale(sfx, scl) * mult), unit, kind, spelled and not pre and kind == FigureKind.COUNT, True


def _end_of(text: str, m: re.Match[str], n: int) -> int:
    """End of quantity n, dropping a trailing 'p' that was not pence."""
    g = m.groupdict()
    post = g.get(f"post{n}")
    if post and post.lower() == "p" and (text[m.start(f"post{n}") - 1].isspace() or g.get(f"pre{n}")):
        return _trim(text, m.start(f"num{n}"), m.start(f"post{n}"))
    last = max(m.end(f"{k}{n}") for k in ("num", "sfx", "scl", "post") if g.get(f"{k}{n}"))
    return _trim(text, m.start(), last)


def _glued_ident(text: str, end: int) -> bool:
    """A letter glued to the number ("3D", "G7x") or a fraction ("two-thirds") means not a count."""
    if end < len(text) and (text[end].isalnum() or text[end] == "_"):
        return True
    if end + 1 < len(text) and text[end] in "/:" and text[end + 1].isdigit():
        return True                      # "9/11", "24/7", "3/4", "1:2"
    return bool(FRACTION_AFTER.match(text, end))


def _build(text: str, m: re.Match[str], n: int) -> Quantity | None:
    part = _part(text, m, n)
    if part is None:
        return None
    value, unit, kind, spelled, _ = part
    end = _end_of(text, m, n)
    if _glued_ident(text, end):
        return None
    start = m.start()
    return Quantity(start, end, value, None, unit, kind, spelled, text[start:end])


def _build_range(text: str, m: re.Match[str]) -> Quantity | None:
    p1, p2 = _part(text, m, 1), _part(text, m, 2)
    if p1 is None or p2 is None:
        return None
    g = m.groupdict()
    sep = g["sep"].strip().lower()
    between = (g["between"] or "").strip().lower()
    (v1, u1, k1, s1, _), (v2, u2, k2, s2, _) = p1, p2
    if u1 and u2 and u1 != u2:
        return None
    if u1 in ("%", "pp") and not u2 and not between:
        return None          # "jumped 45% to 210,000 units": a change and a level, not "10 to 20%"
    unit, kind = (u1, k1) if u1 else (u2, k2)
    # "20-30bn": the scale written once applies to both ends
    f1 = _scale(g["sfx1"], g["scl1"])
    f2 = _scale(g["sfx2"], g["scl2"])
    if f1 == 1.0 and f2 != 1.0:
        v1 = _tidy(v1 * f2)
    if unit and not u1 and kind == FigureKind.MONEY and g["post2"] and g["post2"].lower() in SUBUNIT:
        v1 = _tidy(v1 * 0.01)
    ok = v2 > v1 and (
        (sep == "and" and between == "between")
        or (sep in ("-", "–", "—") and not between and not s1 and not s2)
        or (sep == "to" and between in ("", "from"))
    )
    if not ok:
        return None
    start = m.start("pre1") if g["pre1"] else m.start("num1")
    if between:
        start = m.start("between")
    end = _end_of(text, m, 2)
    if _glued_ident(text, end):
        return None
    a_start = m.start("pre1") if g["pre1"] else m.start("num1")
    a_end = _end_of(text, m, 1)
    b_start = m.start("pre2") if g["pre2"] else m.start("num2")
    parts = (
        Quantity(a_start, a_end, v1, None, unit, kind, s1, text[a_start:a_end]),
        Quantity(b_start, end, v2, None, unit, kind, s2, text[b_start:end]),
    )
    return Quantity(start, end, v1, v2, unit, kind, s1 and s2, text[start:end], parts)


def _tidy(v: float) -> float:
    """525.252 * 1e6 is 525251999.99999994 in binary floating point: keep the digits written."""
    return float(f"{v:.12g}")


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\r\n-–":
        end -= 1
    return end
