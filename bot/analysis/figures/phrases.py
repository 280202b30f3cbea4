"""Short phrases for parse nodes: a noun with its modifiers and complement, the subject of a verb."""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.analysis.english import CONTAINERS, IRREGULAR_PARTICIPLES, PEOPLE, SKIP_PREP_OBJ


def noun_run_head(doc, i: int, limit: int = 6) -> Token | None:
    """The last noun of the first noun run from token i ("NASA's enacted 2014 budget" -> budget)."""
    head = None
    for t in doc[i:i + limit]:
        if t.pos_ == "NOUN":
            head = t
            continue
        if head is not None:
            break
        if t.pos_ in ("DET", "ADJ", "PROPN", "NUM", "PART") or t.tag_ in ("POS", "VBN", "PRP$") or t.text == "-":
            continue
        break
    return head


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, borrowed from the governing verb for xcomp/conj/aux chains."""
    v = verb
    for _ in range(5):
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") and c.dep_ != "expl":
                return c
        if v.dep_ == "ccomp":
            return noun_before(v)
        if v.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl", "relcl", "aux") and v.head is not v:
            if v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN"):
                return v.head
            v = v.head
            continue
        return None
    return None


def noun_before(verb: Token) -> Token | None:
    """"child benefit would rise": the noun right before the verb group, when the parse lost it."""
    i = verb.i - 1
    doc = verb.doc
    while i >= 0 and doc[i].pos_ in ("AUX", "PART", "ADV"):
        i -= 1
    if i >= 0 and doc[i].pos_ in ("NOUN", "PROPN"):
        return doc[i]
    return None


def inside(t: Token, span: Span) -> bool:
    return span.start <= t.i < span.end


def participle(verb: Token) -> str:
    """"kill" -> "killed", "leave" -> "left": the verb as it reads after the noun."""
    if verb.tag_ in ("VBD", "VBN"):
        return verb.lower_
    lemma = verb.lemma_.lower()
    if lemma in IRREGULAR_PARTICIPLES:
        return IRREGULAR_PARTICIPLES[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def with_verb(noun: Token, phrase: str) -> str:
    """"191 people were killed" -> "people killed"; "killed 50 people" -> "people killed": a bare
    people-count says little without its verb."""
    if noun.lower_ not in PEOPLE:
        return phrase
    for c in noun.children:               # "people in Turkey killed" reads better as "people killed"
        if c.dep_ == "prep" and any(x.ent_type_ in ("GPE", "LOC", "FAC") for x in c.children):
            phrase = phrase.split(f" {c.lower_} ")[0]
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        verb = noun.head
        tail = [participle(verb)]
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.i > noun.i
                     and c.lower_ in ("into", "from", "out", "to", "in")), None)
        obj = next((x for x in prep.children if x.dep_ == "pobj"), None) if prep is not None else None
        if obj is not None and obj.ent_type_ not in SKIP_PREP_OBJ and obj.pos_ == "NOUN":
            tail += [prep.lower_, obj.lower_]
        return f"{phrase} {' '.join(tail)}"
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return phrase
    verb = noun.head
    for _ in range(3):
        nxt = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"), None)
        if nxt is None:
            break
        verb = nxt
    if verb.lemma_ == "be":
        comp = next((c for c in verb.children if c.dep_ in ("acomp", "attr")), None)
        return f"{phrase} {comp.lower_}" if comp is not None else phrase
    tail = [verb.lower_]
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None:
        tail.append(obj.lower_)
    return f"{phrase} {' '.join(tail)}"


def _join(tokens: list[Token]) -> str:
    """Tokens as written: "pre-tax profits", not "pre - tax profits"."""
    out = ""
    for n, t in enumerate(tokens):
        if n:
            prev = tokens[n - 1]
            out += prev.whitespace_ if t.i == prev.i + 1 else " "
        out += t.text
    return out


def _contents(noun: Token, span: Span | None) -> Token | None:
    """"the total number of troops", "a total of 40 ships": the counted noun inside a container noun."""
    if noun.lemma_.lower() not in CONTAINERS:
        return None
    of = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((x for x in of.children if x.dep_ == "pobj"), None) if of is not None else None
    # "the number of displaced": a participle or adjective standing for the people is what is counted
    if obj is None or obj.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB") or obj.ent_type_ in SKIP_PREP_OBJ:
        return None
    if span is not None and inside(obj, span):
        return None
    return obj


def noun_phrase(noun: Token, span: Span | None = None, depth: int = 0) -> str:
    """A short phrase for a noun: its compounds and adjectives, plus an of/in/on complement."""
    inner = _contents(noun, span)
    if inner is not None:
        return noun_phrase(inner, span, depth)
    left = [c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod", "poss", "case", "npadvmod", "nummod")
            and (span is None or not inside(c, span))
            and (span is None or noun.i < span.start or c.i >= span.end)]
    words: list[Token] = []
    for c in left:
        if c.dep_ == "nummod" and c.pos_ == "NUM":
            continue
        if c.dep_ == "poss" and c.pos_ == "PRON":
            continue
        words.extend(t for t in c.subtree if (span is None or not inside(t, span)) and t.dep_ not in ("det", "punct") and t.pos_ != "NUM")
    words.append(noun)
    out = _join(sorted(set(words), key=lambda t: t.i))
    if depth < 1:
        for c in noun.rights:
            if c.dep_ == "prep" and c.lower_ in ("of", "in", "on", "for", "to", "with") and (span is None or c.i >= span.end or c.i < span.start):
                obj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if obj is not None and obj.ent_type_ not in SKIP_PREP_OBJ and (span is None or not inside(obj, span)):
                    out += f" {c.text} {noun_phrase(obj, span, depth + 1)}"
                break
            if c.dep_ == "acl" and c.tag_ == "VBN":
                out += f" {c.text}"
                break
    else:
        acl = next((c for c in noun.rights if c.dep_ == "acl" and c.tag_ == "VBN"), None)
        if acl is not None:
            out += f" {acl.text}"
    return out.lower().replace(" 's", "'s").replace(" ’s", "’s")
