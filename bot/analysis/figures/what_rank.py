"""A small learned ranker for what a figure counts: the rules' answer and every noun of the
figure's sentence are candidates; a linear model over a few parse features (how the noun hangs
from the number, how far it is, what sort of word it is) scores each, and the best wins when it is
confident enough, else the rules' answer stands.

The weights are in `what_weights.json` beside this file, written by `python -m benchmarks.what_ranker
--train` from the develop part of the development set only. Scoring is a dot product: no
learning library is needed at run time."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

from bot.analysis.english import (
    AMOUNT_NOUNS,
    CHANGE_NOUN,
    LIGHT_NOUNS,
    PEOPLE_NOUNS,
    PRONOUNS,
    VERB_NOUNS,
    TIME_NOUNS,
    UNIT_MEASURES,
    UNITS,
)
from bot.analysis.figures.phrases import noun_phrase
from bot.models import FigureKind

WEIGHTS = Path(__file__).with_name("what_weights.json")
UNIT_WORDS = {w for w in UNITS if " " not in w}
DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "compound", "conj", "appos", "ROOT", "npadvmod")
ENTS = ("GPE", "PERSON", "ORG", "NORP", "DATE", "LOC")
MAX_CANDIDATES = 40
# verbs whose form is also the noun of what they measure: "a rise in", "the cost of", "a cut in"
NOUN_LIKE_VERBS = set(CHANGE_NOUN) | set(CHANGE_NOUN.values()) | set(VERB_NOUNS) | {"vote", "pay"}


def candidates(span: Span, rule_what: str | None, kind: FigureKind, unit: str | None = None,
               sent: Span | None = None) -> list[tuple[str, dict[str, float], str]]:
    """(what, features, head word) for the rules' answer, each noun of the sentence, and, when the
    rules found nothing, what the unit measures ("12 km": distance)."""
    out: list[tuple[str, dict[str, float], str]] = []
    if unit in UNIT_MEASURES and not rule_what:
        out.append((UNIT_MEASURES[unit], {"unit_measure": 1.0}, UNIT_MEASURES[unit]))
    if rule_what:
        out.append((rule_what, {"rule": 1.0, f"rule_kind_{kind}": 1.0,
                                "rule_words": min(len(rule_what.split()), 5) / 5}, ""))
    sent = sent if sent is not None else span.sent
    anchor = _verb_above(span.root)
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN") or span.start <= tok.i < span.end:
            continue
        if len(out) >= MAX_CANDIDATES:
            break
        out.append((noun_phrase(tok, span), _features(tok, span, anchor, kind, rule_what), tok.lower_))
    return out


def _verb_above(tok: Token) -> Token | None:
    for t in [tok, *tok.ancestors]:
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def _features(tok: Token, span: Span, anchor: Token | None, kind: FigureKind, rule_what: str | None) -> dict[str, float]:
    after = tok.i >= span.end
    dist = tok.i - span.end + 1 if after else span.start - tok.i
    f: dict[str, float] = {"bias_noun": 1.0, "after": float(after), f"dist_{min(dist, 7)}": 1.0,
                           f"dist_{min(dist, 7)}_{'a' if after else 'b'}": 1.0}
    root = span.root
    if root.head.i == tok.i:
        f["head_of_number"] = 1.0
        f[f"head_of_number_{kind}"] = 1.0
    if root.head.head.i == tok.i:
        f["grandhead_of_number"] = 1.0
    if tok.head.i == root.i or tok.head.head.i == root.i:
        f["under_number"] = 1.0
    if tok.head.lower_ == "of" and tok.head.i == span.end:
        f["of_right_after"] = 1.0
    dep = tok.dep_ if tok.dep_ in DEPS else "other"
    f[f"dep_{dep}"] = 1.0
    f[f"dep_{dep}_{kind}"] = 1.0
    if anchor is not None and _verb_above(tok) is anchor:
        f["same_clause"] = 1.0
        if tok.dep_ in ("nsubj", "nsubjpass"):
            f[f"clause_subject_{kind}"] = 1.0
    f["propn"] = float(tok.pos_ == "PROPN")
    f["plural"] = float(tok.tag_ in ("NNS", "NNPS"))
    f[f"ent_{tok.ent_type_ if tok.ent_type_ in ENTS else 'none'}"] = 1.0
    lemma = tok.lemma_.lower()
    f["light"] = float(lemma in LIGHT_NOUNS or tok.lower_ in LIGHT_NOUNS)
    f["time"] = float(lemma in TIME_NOUNS)
    f["unit"] = float(tok.lower_ in UNIT_WORDS)
    f["change"] = float(lemma in CHANGE_NOUN)
    f[f"amount_{kind}"] = float(lemma in AMOUNT_NOUNS or tok.lower_ in AMOUNT_NOUNS)
    f[f"people_{kind}"] = float(tok.lower_ in PEOPLE_NOUNS or lemma in PEOPLE_NOUNS)
    between = tok.doc[min(tok.i, span.end):max(tok.i, span.start)]
    f["numbers_between"] = float(any(t.like_num for t in between))
    f["verbs_between"] = float(any(t.pos_ == "VERB" for t in between))
    if rule_what and (rule_what.split()[-1] == tok.lower_ or tok.lower_ in rule_what.split()):
        f["in_rule"] = 1.0
    return f


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float, float]:
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    return data["weights"], data["intercept"], data["threshold"]


def score(features: dict[str, float]) -> float:
    weights, intercept, _ = _model()
    z = intercept + sum(weights.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def ranked_what(span: Span, rule_what: str | None, kind: FigureKind, unit: str | None = None) -> str | None:
    """The best plausible candidate when it clears the model's threshold, else the rules' answer if
    that is plausible, else None (the alert then shows the figure in its sentence). A noun the
    rules' answer already holds gives way to it ("people" to "people killed")."""
    sent = span.sent
    facts = sentence_facts(sent)
    rule_what = money_moved(rule_what, sent, kind)
    fallback = rule_what if plausible(rule_what, span, facts) else None
    if not WEIGHTS.exists():
        return fallback
    best, best_head, best_p = fallback, "", -1.0
    for what, feats, head in candidates(span, fallback, kind, unit, sent):
        if not plausible(what, span, facts):
            continue
        p = score(feats)
        if p > best_p:
            best, best_head, best_p = what, head, p
    if best_p < _model()[2]:
        return fallback
    if fallback and best_head and best_head in fallback.split():
        return fallback
    return best


def money_moved(what: str | None, sent: Span, kind: FigureKind) -> str | None:
    """"sent home $16bn" -> "money sent home": money the rules named only by the verb that moved it
    (in the past tense) is that money."""
    if not what or kind != FigureKind.MONEY:
        return what
    first = what.split()[0]
    if first not in NOUN_LIKE_VERBS and any(t.lower_ == first and t.tag_ in ("VBD", "VBN") for t in sent):
        return f"money {what}"
    return what

def sentence_facts(sent: Span) -> tuple[set[str], set[str]]:
    """The sentence's verbs (not participles, not noun-like) and the places and dates it names:
    what `plausible` checks a what against, worked out once per figure."""
    verbs = {t.lower_ for t in sent if t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN"}
    verbs -= {t.lower_ for t in sent if t.pos_ == "NOUN"} | NOUN_LIKE_VERBS
    places = {e.text.lower() for e in sent.ents if e.label_ in ("GPE", "LOC", "DATE", "TIME")}
    return verbs, places


def plausible(what: str | None, span: Span, facts: tuple[set[str], set[str]] | None = None) -> bool:
    """A what must name a thing: never only a verb ("said", "fork out"), a unit ("bpd", "%"), a
    place or a date the sentence names, or a pronoun."""
    if not what:
        return False
    words = what.split()
    verbs, places = facts if facts is not None else sentence_facts(span.sent)
    if words[0] in verbs:
        return False                      # "paid", "seeks", "publish them": the verb that moved it
    if all(w in UNIT_WORDS or w in ("%", "per", "cent") for w in words):
        return False
    if what in places or what.removeprefix("the ") in places:
        return False
    return not (len(words) == 1 and (words[0] in PRONOUNS or words[0] in TIME_NOUNS))
