"""What a number counts or measures, read off the dependency parse.

Order of evidence: the noun the number modifies ("2,600 soldiers", "a $4bn deal"); its "of"/"in"
complement ("95% of claims", "$900bn in interest"); the noun it completes ("an increase of $5m");
the subject of a measuring verb ("the deficit rose to $43bn"); the verb that moves money
("requested $15m", "spend $1tn on roads").
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from bot.analysis.english import (
    BUDGET_HOLDERS,
    CALENDAR_UNITS,
    CHANGE_NOUN,
    ESTIMATE_NOUNS,
    ESTIMATE_VERBS,
    FUNDING_VERBS,
    LIGHT_NOUNS,
    MEASURE_VERBS,
    MONEY_SCALE_WORDS,
    PARTICLES,
    PAYMENT_FORMS,
    PERCENT_WORDS,
    PRONOUNS,
    RATIO_BASES,
    SKIP_PREP_OBJ,
    TIME_NOUNS,
    TRANSACTION_VERBS,
    TRANSPARENT,
    VERB_NOUNS,
)
from bot.analysis.figures.phrases import (
    inside,
    noun_phrase,
    noun_run_head,
    subject_of,
    with_verb,
)
from bot.models import FigureKind


def find_what(span: Span, kind: FigureKind = FigureKind.COUNT) -> str | None:
    """The thing counted or measured by the number in `span`, lower case, or None."""
    what = _find(span, kind)
    if what in PRONOUNS:
        return None
    if what and kind == FigureKind.MONEY:
        head = re.split(r" (?:of|in|on|for|to|with|above|below|over|under|at|from|by) ", what)[0].split()[-1]
        if head in BUDGET_HOLDERS and not what.startswith("funding"):
            return f"funding for {what}"   # money given to a programme is its funding
    return what


def _find(span: Span, kind: FigureKind) -> str | None:
    if kind == FigureKind.COUNT and span[-1].pos_ == "NOUN" and not span[-1].like_num:
        return noun_phrase(span[-1], span) or span[-1].lower_     # "5 million barrels"
    noun = _noun_after(span)
    if noun is not None:
        return with_verb(noun, noun_phrase(noun, span))
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        owner = _of_owner(root.head)
        if owner is not None and owner.lower_ not in LIGHT_NOUNS:
            # "a forecast of $600m in claims": the claims, the forecast only when nothing else is said
            later = _prep_after(span, kind == FigureKind.MONEY) if owner.lemma_.lower() in ESTIMATE_NOUNS else None
            return later or noun_phrase(owner, span)
    if root.dep_ == "conj" and root.head.pos_ in ("VERB", "AUX"):
        # "would rise to £63 for one child and £111 for two": the second shares the verb
        shared = _from_verb(root.head, span, None)
        if shared is not None:
            return shared
    adjacent = _prep_after(span, kind == FigureKind.MONEY)
    if adjacent is not None:
        return adjacent
    climbed = _climb(span)
    if climbed is None and kind == FigureKind.PERCENT:
        return _among(span)
    return climbed


def _among(span: Span) -> str | None:
    """"Among adults under 30, 64% say ...": a share of the group the sentence is about."""
    for t in span.sent:
        if t.lower_ == "among" and t.i < span.start:
            obj = next((x for x in t.children if x.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                return noun_phrase(obj, span)
    return None


def _noun_after(span: Span) -> Token | None:
    """"2,600 soldiers", "$4bn Boeing plane deal", "2,500 new Ryanair jobs": the noun run right after."""
    doc = span.doc
    head = None
    for t in doc[span.end:span.end + 5]:
        if t.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY") and t.pos_ != "NOUN":
            break
        if t.pos_ == "NOUN" and t.tag_ in ("NN", "NNS") and t.lemma_.lower() not in TIME_NOUNS and t.lower_ not in LIGHT_NOUNS:
            if t.ent_type_ in ("DATE", "TIME"):
                break
            head = t
            continue
        if head is not None:
            break
        if t.pos_ in ("ADJ", "PROPN") or (t.tag_ in ("VBN", "VBG") and t.dep_ in ("amod", "compound")) or t.text in ("-",):
            if t.lower_ in TRANSPARENT:
                break
            continue
        break
    if head is None:
        return None
    # "the world's second biggest insurer said": a noun run must not jump over a possessive
    return head


def _of_owner(prep: Token) -> Token | None:
    owner = prep.head
    if owner.pos_ in ("NOUN", "PROPN"):
        return owner
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    if before is not None and before.pos_ == "NOUN":
        return before
    return None


def _prep_after(span: Span, money: bool) -> str | None:
    """"95% of claims", "$900bn in interest payments", "4p on a bottle of wine", "$5m above the request"."""
    doc = span.doc
    if span.end >= len(doc):
        return None
    p = doc[span.end]
    w = p.lower_
    if w not in ("of", "in", "on", "for", "above", "below", "over", "under") or (w != "of" and not money):
        return None
    obj = next((x for x in p.children if x.dep_ == "pobj"), None)
    if obj is None or any(c.dep_ == "case" for c in obj.children):
        obj = noun_run_head(doc, p.i + 1)   # "above NASA's enacted 2014 budget": not the possessor
    if obj is None or obj.ent_type_ in SKIP_PREP_OBJ or obj.lemma_.lower() in TIME_NOUNS:
        return None
    if w == "of" and obj.lower_ in RATIO_BASES:
        return None                        # "3.2% of GDP": a ratio, what is the deficit before it
    if w == "in":
        if any(c.dep_ in ("det", "poss") for c in obj.children) or obj.lower_ in PAYMENT_FORMS:
            return None                    # "$805m in the bill" is where, "$5m in aid" is what
        return noun_phrase(obj, span)
    if w in ("above", "below", "over", "under"):
        return f"amount {w} {noun_phrase(obj, span)}"
    if w == "for":
        return _for_phrase(span, obj)
    return noun_phrase(obj, span)


def _for_phrase(span: Span, obj: Token) -> str:
    """"paid $2bn for the firm" is a price; "$70m for the telescope" is funding for it."""
    verb = span.root.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb and verb.dep_ not in ("ROOT",):
        verb = verb.head
    if verb.pos_ == "VERB" and (verb.lemma_.lower() in TRANSACTION_VERBS or verb.lower_ in TRANSACTION_VERBS):
        return f"{verb.lower_} for {noun_phrase(obj, span)}"
    return "funding for " + noun_phrase(obj, span)


def _is_percent(span: Span) -> bool:
    return span.root.ent_type_ == "PERCENT" or span.text.lower().endswith(("%", "cent", "pc", "pct", "points"))


def _is_money_span(span: Span) -> bool:
    return any(t.tag_ == "$" or t.ent_type_ == "MONEY" for t in span) or span.root.lower_ in MONEY_SCALE_WORDS


def _climb(span: Span) -> str | None:
    """Walk up the parse from the number to the noun or verb that says what it measures."""
    tok = span.root
    seen = 0
    while seen < 8:
        seen += 1
        own = _own_prep(tok, span)
        if own is not None:
            return own
        dep, head = tok.dep_, tok.head
        if head.i == tok.i:
            return None
        if dep == "prep" and inside(tok, span) and head.pos_ in ("VERB", "AUX"):
            return _from_verb(head, span, tok.lower_)     # "cost between $10bn and $12bn"
        if head.i in range(span.start, span.end) or head.pos_ == "NUM" or head.like_num:
            tok = head
            continue
        if head.lower_ in PERCENT_WORDS and head.ent_type_ == "PERCENT":
            tok = head                       # "from 4% to 5%": the parse hung the first on the second's %
            continue
        if dep == "nummod" and head.ent_type_ in ("DATE", "TIME") and head.i > span.end \
                and span.doc[span.end].lower_ in ("last", "next", "this", "that", "each", "a", "per"):
            tok = head                       # "rose to 84,000 last year": the parse hung it on the date
            continue
        if dep in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "advmod", "det") \
                and head.pos_ in ("NOUN", "PROPN") and head.lower_ not in LIGHT_NOUNS and head.i > tok.i:
            return with_verb(head, noun_phrase(head, span))
        if dep == "appos" and head.pos_ in ("NOUN", "PROPN") and head.lower_ not in LIGHT_NOUNS:
            return noun_phrase(head, span)
        if head.lower_ in ("down", "up") and head.pos_ in ("ADV", "ADP"):
            verb = head.head
            subj = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
            dobj = next((c for c in verb.children if c.dep_ == "dobj"), None) if verb.pos_ == "VERB" else None
            subj = dobj or subj                  # "reported a profit of £42m, up 12%": the profit rose
            if subj is not None:
                return f"{'fall' if head.lower_ == 'down' else 'rise'} in {noun_phrase(subj, span)}"
        if head.lower_ in TRANSPARENT or (head.pos_ in ("ADJ", "ADV") and dep != "pobj"):
            tok = head
            continue
        if dep == "pobj":
            prep = head
            owner = prep.head
            p = prep.lower_
            if p in ("on", "of") and prep.i > 0 and prep.doc[prep.i - 1].pos_ == "NOUN" and owner.pos_ not in ("NOUN", "PROPN"):
                owner = prep.doc[prep.i - 1]      # "options on 193 more": the noun right before
            if owner.pos_ in ("NOUN", "PROPN") and owner.lemma_.lower() in CHANGE_NOUN and p in ("to", "from"):
                # "an increase of $157m, to $1.4bn": the new level of what grew, not the increase
                thing = _changed_thing(owner)
                if thing is not None:
                    return noun_phrase(thing, span)
            if owner.pos_ in ("NOUN", "PROPN") and owner.lower_ not in LIGHT_NOUNS:
                if p in ("of", "at", "to", "from", "by", "around", "about", "near", "above", "below", "on"):
                    return noun_phrase(owner, span)
            if owner.pos_ in ("NOUN", "PROPN") and owner.lower_ in LIGHT_NOUNS:
                tok = owner
                continue
            if owner.pos_ in ("VERB", "AUX"):
                return _from_verb(owner, span, p)
            if owner.pos_ in ("ADJ", "ADV", "ADP") or owner.lower_ in TRANSPARENT:
                tok = owner
                continue
            return None
        if dep in ("dobj", "attr", "npadvmod", "nsubj", "nsubjpass", "oprd", "advmod", "acomp", "conj", "appos", "ccomp", "xcomp", "dative") and head.pos_ in ("VERB", "AUX"):
            if dep in ("nsubj", "nsubjpass"):
                return head.lower_ if head.tag_ == "VBN" else None
            return _from_verb(head, span, None)
        if dep in ("conj", "appos") and head.pos_ in ("NUM", "SYM", "NOUN"):
            tok = head
            continue
        if head.pos_ in ("NOUN", "PROPN") and head.lower_ in LIGHT_NOUNS:
            tok = head
            continue
        return None
    return None


def _own_prep(tok: Token, span: Span) -> str | None:
    """"95% of insurance claims", "$900bn in interest payments", "$70m for the telescope"."""
    for c in tok.children:
        if c.dep_ != "prep" or c.i < span.end:
            continue
        w = c.lower_
        obj = next((x for x in c.children if x.dep_ == "pobj"), None)
        if obj is None or obj.ent_type_ in SKIP_PREP_OBJ or obj.lemma_.lower() in CALENDAR_UNITS:
            continue
        if obj.lower_ in RATIO_BASES:
            continue
        bare = not any(x.dep_ in ("det", "poss", "nummod") for x in obj.children)
        if w == "of" or (w == "in" and bare and (span.root.ent_type_ == "MONEY" or tok.lower_ in MONEY_SCALE_WORDS)):
            return noun_phrase(obj, span)
        if w == "for" and _is_money_tok(tok):
            return _for_phrase(span, obj)
    return None


def _is_money_tok(tok: Token) -> bool:
    return tok.ent_type_ == "MONEY" or tok.lower_ in MONEY_SCALE_WORDS or any(c.tag_ == "$" for c in tok.children)


def _from_verb(verb: Token, span: Span, prep: str | None) -> str | None:
    lemma = verb.lemma_.lower()
    subj = subject_of(verb)
    obj = next((c for c in verb.children if c.dep_ in ("dobj",) and not inside(c, span)), None)
    if lemma in ESTIMATE_VERBS and obj is not None:
        return noun_phrase(obj, span)            # "put the toll closer to 400": the toll, not "put toll"
    if prep == "by" and lemma in CHANGE_NOUN:
        target = obj or subj
        if target is not None:
            return f"{CHANGE_NOUN[lemma]} in {noun_phrase(target, span)}"
        return CHANGE_NOUN[lemma]
    # "the soldiers headed to Russia at 10,000", "people who have fled at 1.2 million": the noun the
    # clause describes (a relative clause only through its relative pronoun)
    relative = verb.dep_ == "relcl" and (subj is None or subj.tag_ in ("WDT", "WP") or subj.i == verb.head.i)
    # "a statement that revenue rose 9%": a clause with its own subject measures that subject
    reduced = verb.dep_ == "acl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    if (reduced or relative) and verb.head.pos_ in ("NOUN", "PROPN") and (prep in ("at", "to", "of") or lemma in MEASURE_VERBS):
        return noun_phrase(_outer_noun(verb.head), span)
    if prep in ("to", "from", "at", "between"):
        if obj is not None and obj.lemma_.lower() in CHANGE_NOUN:
            obj = _changed_thing(obj)      # "won an increase of $157m, to $1.4bn"
        target = obj or subj
        return noun_phrase(target, span) if target is not None else None
    if lemma in MEASURE_VERBS:
        if subj is not None:
            if _is_percent(span) and lemma in CHANGE_NOUN and prep is None:
                return f"{CHANGE_NOUN[lemma]} in {noun_phrase(subj, span)}"
            if lemma in VERB_NOUNS:
                if subj.pos_ == "PRON":
                    return VERB_NOUNS[lemma]
                return f"{VERB_NOUNS[lemma]} of {noun_phrase(subj, span)}"   # "the storm cost $3bn"
            return noun_phrase(subj, span)
        return None
    if lemma in FUNDING_VERBS and _is_money_span(span):
        dative = next((c for c in verb.children if c.dep_ == "dative"), None)
        if dative is not None and dative.pos_ in ("NOUN", "PROPN"):
            return "funding for " + noun_phrase(dative, span)
        return "funding"
    # "puts ..., up from 11,000": an adverb with its own "from" phrase compares, it is no particle
    words = [verb.lower_] + [c.lower_ for c in verb.children if c.dep_ == "prt" or (
        c.dep_ == "advmod" and c.lower_ in PARTICLES and not any(x.dep_ == "prep" for x in c.children))]
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("on", "to", "into", "for", "in", "off", "from") and c.i >= span.end:
            obj2 = next((x for x in c.children if x.dep_ == "pobj"), None)
            if obj2 is not None and obj2.ent_type_ not in SKIP_PREP_OBJ and obj2.lower_ not in PAYMENT_FORMS:
                return " ".join(words + [c.lower_, noun_phrase(obj2, span)])
    if obj is not None:
        return " ".join(words + [noun_phrase(obj, span)])
    return " ".join(words)


def _changed_thing(change: Token) -> Token | None:
    for c in change.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "of"):
            obj = next((x for x in c.children if x.dep_ == "pobj" and x.ent_type_ not in SKIP_PREP_OBJ), None)
            if obj is not None:
                return obj
    head = change.head
    if change.dep_ in ("dobj", "attr") and head.pos_ in ("VERB", "AUX"):
        return subject_of(head)
    return None


def _outer_noun(noun: Token) -> Token:
    """"rebates for many exporters totalling X": the acl may hang on the inner noun of a for/to phrase."""
    if noun.dep_ == "pobj" and noun.head.lower_ in ("for", "to", "from") and noun.head.head.pos_ in ("NOUN", "PROPN"):
        return noun.head.head
    return noun
