"""What is not a figure (docs/FIGURES.md): dates, years, times, durations, ages, ratios' bases,
labels and identifiers, links, phone numbers, page and list numbers, currency conversions."""

from __future__ import annotations


from spacy.tokens import Span

from bot.analysis.english import (
    ADDRESS_WORDS,
    AGE_GROUPS,
    BOUND_BEFORE,
    CONVERSION_GAP,
    LABEL_WORDS,
    LINKISH,
    MONTHS,
    NAME_ENTITIES,
    PERCENT_IDIOM_VERBS,
    PERCENT_IDIOM_WORDS,
    PHONE,
    TIME_DEICTIC,
    TIME_UNITS,
)
from bot.analysis.figures.numbers import Quantity
from bot.models import FigureKind

def exclusion(q: Quantity, span: Span, prev: Quantity | None, text: str) -> str | None:
    """Why this number is not a figure (a short reason), or None when it is one."""
    if q.kind == FigureKind.COUNT and q.value_max is None and (q.value == 0 or q.value < 2 and (q.spelled or q.text == "1")):
        return "one"                       # "one", "zero", a bare "1"
    if _in_link_or_phone(q, text):
        return "identifier"
    if q.kind == FigureKind.COUNT and _is_list_marker(q, text):
        return "list"
    if q.kind == FigureKind.COUNT and _is_year(q, span):
        return "year"
    if _is_date(span):
        return "date"
    if q.kind in (FigureKind.COUNT, FigureKind.MEASURE) and _is_duration_or_age(span):
        return "duration"
    if q.kind == FigureKind.COUNT and _is_identifier(span):
        return "identifier"
    if q.kind == FigureKind.COUNT and not q.spelled and _is_name(q, span, text):
        return "name"
    if q.kind == FigureKind.PERCENT and _is_percent_idiom(q, span):
        return "idiom"
    if q.kind == FigureKind.COUNT and _is_page_marker(span):
        return "page"
    if q.kind == FigureKind.COUNT and _is_bare_age(span):
        return "age"
    if q.kind == FigureKind.COUNT and _is_denominator(span):
        return "denominator"
    if q.kind == FigureKind.COUNT and _is_address(span):
        return "address"
    if q.kind == FigureKind.COUNT and q.spelled and not _quantifies(span):
        return "unquantified"              # "The two discussed": a spelled number needs a noun
    if q.kind == FigureKind.MONEY and prev is not None and _is_conversion(q, prev, text):
        return "conversion"
    return None


def _in_link_or_phone(q: Quantity, text: str) -> bool:
    """Numbers inside a URL, an e-mail address or a phone number."""
    a = q.start
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    b = q.end
    while b < len(text) and not text[b].isspace():
        b += 1
    if LINKISH.search(text[a:b]):
        return True
    around = text[max(0, q.start - 8):q.end + 12]
    return any(m.start() <= q.start - max(0, q.start - 8) < m.end() for m in PHONE.finditer(around))


def _is_list_marker(q: Quantity, text: str) -> bool:
    """"2. Raise taxes" / "3) Cut spending" at the start of a line."""
    line_start = text.rfind("\n", 0, q.start) + 1
    return (not text[line_start:q.start].strip() and q.end < len(text) and text[q.end] in ".)"
            and q.value_max is None and float(q.value).is_integer() and q.value < 100)


def _is_address(span: Span) -> bool:
    doc = span.doc
    nxt = doc[span.end:span.end + 4]
    if not len(nxt) or nxt[0].pos_ != "PROPN":
        return False
    return nxt[0].ent_type_ == "FAC" or any(t.lower_.rstrip(".") in ADDRESS_WORDS and t.is_title for t in nxt)


def _is_denominator(span: Span) -> bool:
    """"7 in 10 adults", "three out of four": the second number is the base of a ratio."""
    doc = span.doc
    i = span.start
    if i >= 2 and doc[i - 1].lower_ in ("in", "of") and doc[i - 2].like_num:
        return doc[i - 1].lower_ == "in" or (i >= 3 and doc[i - 2].lower_ == "out")
    if i >= 3 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ == "out" and doc[i - 3].like_num:
        return True
    return False


def _is_bare_age(span: Span) -> bool:
    """"He is 68": a bare number said of a person is an age."""
    root = span.root
    if root.dep_ not in ("attr", "acomp") or root.head.lemma_ != "be":
        return False
    if span.end < len(span.doc) and span.doc[span.end].pos_ == "NOUN":
        return False
    subj = next((c for c in root.head.children if c.dep_ == "nsubj"), None)
    return subj is not None and (subj.lower_ in ("he", "she", "i") or subj.ent_type_ == "PERSON")


def _is_page_marker(span: Span) -> bool:
    """"1 of 2", "page 3 of 10": numbering, not a count."""
    doc = span.doc
    words = [t for t in span.sent if not t.is_punct and not t.is_space]
    if len(words) > 5:
        return False
    nxt = doc[span.end:span.end + 2]
    prv = doc[max(0, span.start - 2):span.start]
    return (len(nxt) == 2 and nxt[0].lower_ == "of" and nxt[1].like_num) or (
        len(prv) == 2 and prv[1].lower_ == "of" and prv[0].like_num)


def _is_year(q: Quantity, span: Span) -> bool:
    def yearish(v: float, s: str) -> bool:
        return v.is_integer() and 1000 <= v <= 2100 and "," not in s and "." not in s
    if q.value_max is not None:
        return yearish(q.value, q.parts[0].text if q.parts else q.text) and yearish(q.value_max, q.text[-4:])
    if not yearish(q.value, q.text) or q.spelled:
        return False
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    # "1,500 troops" has a comma; "2000 troops" is a count only when a plural noun follows
    if nxt is not None and nxt.tag_ in ("NNS", "NNPS") and nxt.lemma_.lower() not in TIME_UNITS:
        return False
    return True


def _is_date(span: Span) -> bool:
    doc = span.doc
    near = []
    if span.start > 0:
        near.append(doc[span.start - 1])
        if span.start > 1 and doc[span.start - 1].lower_ in ("of", "the", "."):
            near.append(doc[span.start - 2])
    if span.end < len(doc):
        near.append(doc[span.end])
        if span.end + 1 < len(doc) and doc[span.end].lower_ in ("of", "th", "st", "nd", "rd"):
            near.append(doc[span.end + 1])
    for t in near:
        if t.lower_.rstrip(".") in MONTHS and (t.is_title or t.is_upper):
            if t.lower_ == "may" and t.i == span.start - 1 and t.tag_ == "MD":
                continue
            return True
    return False


def _is_duration_or_age(span: Span) -> bool:
    doc = span.doc
    i = span.end
    # allow one hyphen and one adjective: "five-year", "50 consecutive quarters"
    if i < len(doc) and doc[i].text in ("-", "–"):
        i += 1
    for j in range(i, min(i + 2, len(doc))):
        t = doc[j]
        if t.lemma_.lower() in TIME_UNITS or t.lower_ in TIME_UNITS:
            # "£5 a week" is money; "2 per day" a rate; "the 2 year-olds"
            return True
        if t.pos_ not in ("ADJ",) or j > i or t.lower_ in TIME_DEICTIC:
            break                          # "120 last year" is a count at a time, not a duration
    root = span.root
    if root.dep_ == "nummod" and root.head.lemma_.lower() in TIME_UNITS and not any(
            c.lower_ in TIME_DEICTIC and c.i > root.i for c in root.head.children):
        return True
    if span.start > 0 and doc[span.start - 1].lower_ in ("aged", "age", "ages"):
        return True
    if (span.start > 1 and doc[span.start - 1].lower_ in ("over", "under", "between", "from")
            and doc[span.start - 2].lower_ in ("aged", "age", "ages")):
        return True                        # "aged over 65"
    # "adults under 30", "those over 65": an age bracket
    if (span.start > 1 and doc[span.start - 1].lower_ in ("under", "over", "above", "below")
            and (doc[span.start - 2].tag_ in ("NNS", "NNPS") or doc[span.start - 2].lower_ in ("those", "anyone", "everyone"))
            and doc[span.start - 2].lemma_.lower() in AGE_GROUPS
            and (span.end >= len(doc) or doc[span.end].pos_ not in ("NOUN",))):
        return True
    # "John Smith, 45, said": an age between commas after a name
    if (span.start > 1 and span.end < len(doc) and doc[span.start - 1].text == ","
            and doc[span.end].text == "," and (doc[span.start - 2].ent_type_ == "PERSON" or doc[span.start - 2].pos_ == "PROPN")
            and (span.end + 1 >= len(doc) or doc[span.end + 1].pos_ != "NOUN")):
        return True
    return False


def _is_identifier(span: Span) -> bool:
    """"Article 5", "Boeing 737", "Apollo 11", "Boeing's 787 Dreamliner": a label, not a count."""
    doc = span.doc
    if span.start == 0:
        return False
    prev = doc[span.start - 1]
    if prev.lower_ in LABEL_WORDS:
        return True
    if prev.lower_ in ("week", "day", "year", "game", "round", "stage", "phase", "level") and span.root.dep_ != "nummod":
        return prev.is_title or prev.lower_ in ("round", "stage", "phase", "level")
    if _title_case(span.sent):
        return False                       # "Quake Kills 300 People": a headline, not a name
    nxt = doc[span.end] if span.end < len(doc) else None
    if prev.tag_ in ("NNP", "NNPS") and prev.is_title and prev.lower_.rstrip(".") not in MONTHS and (
            not prev.is_sent_start or nxt is None or nxt.pos_ in ("VERB", "AUX", "PUNCT")):
        if prev.whitespace_ and prev.ent_type_ not in ("GPE", "NORP", "DATE", "MONEY") and prev.text[-1].isalpha():
            if span.start < 2 or doc[span.start - 2].text not in ("'s", "’s"):
                return True
    # "the 787 Dreamliner": a singular proper noun after it and no common noun to count
    if nxt is not None and nxt.tag_ == "NNP" and nxt.ent_type_ not in ("NORP", "GPE"):
        for t in doc[span.end:span.end + 6]:
            if t.pos_ == "NOUN":
                return False               # "70 Boeing 737-800 planes" counts planes
            if t.pos_ not in ("PROPN", "NUM", "PUNCT", "SYM"):
                break
        return True
    return False


def _is_name(q: Quantity, span: Span, text: str) -> bool:
    """"500 Startups said", "the accelerator 500 Startups": the number begins a name (the parse tags
    the capitalised word after it as an organisation, product or title, or sets it beside a common
    noun that says what the name is), and nothing after the name is counted."""
    doc = span.doc
    if span.end >= len(doc) or _title_case(span.sent):
        return False
    nxt = doc[span.end]
    if not (nxt.is_title or nxt.is_upper) or nxt.tag_ not in ("NNP", "NNPS"):
        return False
    named = nxt.ent_type_ in NAME_ENTITIES and nxt.ent_iob_ == "B"
    beside = nxt.dep_ == "appos" and nxt.head.pos_ == "NOUN" and not nxt.ent_type_
    if not (named or beside):
        return False
    if BOUND_BEFORE.search(text, max(span.sent.start_char, q.start - 40), q.start):
        return False                       # "nearly 500 Tamils": a hedged number is counted
    for t in doc[span.end:span.end + 6]:
        if t.pos_ == "NOUN":
            return False                   # "12 Boeing 737 jets": jets are counted
        if t.pos_ not in ("PROPN", "NUM", "PUNCT", "SYM"):
            break
    return True


def _is_percent_idiom(q: Quantity, span: Span) -> bool:
    """"100% confidence", "110 percent sure", "gave 110%": a percent past the whole that only says
    "completely", with nothing it is a share of."""
    if q.value < 100 or q.value_max is not None:
        return False
    doc = span.doc
    after = doc[span.end:span.end + 2]
    if len(after) and after[0].lower_ == "of":
        return False                       # "100% of the shares": a real share
    if any(t.lemma_.lower() in PERCENT_IDIOM_WORDS for t in after):
        return True
    verb = span.root.head
    return (verb.pos_ == "VERB" and verb.lemma_.lower() in PERCENT_IDIOM_VERBS
            and span.root.dep_ in ("dobj", "npadvmod", "advmod") and not any(t.pos_ == "NOUN" for t in after))


def _title_case(sent: Span) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title or t.is_upper for t in words) >= 0.8 * len(words)


def _quantifies(span: Span) -> bool:
    """A spelled number counts something only when a noun follows it ("four brigades", "two of them")."""
    doc = span.doc
    after = [t.lower_ for t in doc[span.end:span.end + 3]]
    if after[:2] == ["out", "of"] or (after[:1] == ["in"] and len(after) > 1 and doc[span.end + 1].like_num):
        return True                        # "three out of four", "seven in ten"
    for t in doc[span.end:span.end + 4]:
        if t.lower_ == "of" or (t.pos_ in ("NOUN", "PROPN") and t.tag_ not in ("VBN", "VBD")):
            return True
        if t.tag_ in ("JJ", "JJR", "JJS") or t.text in ("-", "–"):
            continue
        return False
    return False


def _is_conversion(q: Quantity, prev: Quantity, text: str) -> bool:
    """"$4bn (£2.1bn)" and "2.5 trillion yuan ($311bn; £165bn)": the bracketed one is a conversion."""
    if prev.kind != FigureKind.MONEY or prev.unit == q.unit:
        return False
    gap = text[prev.end:q.start]
    return bool(CONVERSION_GAP.match(gap))
