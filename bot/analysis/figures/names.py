"""Naming a claimant: the display name for a subject, and pronouns or role nouns ("he", "it",
"the chancellor") resolved to the person or organisation the article named before."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from itertools import count

from spacy.tokens import Doc, Span, Token

from bot.analysis.english import (
    EVIDENCE_NOUNS,
    GPE_ROLES,
    OPINION_NOUNS,
    ORG_PRONOUNS,
    ORG_ROLES,
    PERSON_PRONOUNS,
    PERSON_ROLES,
    TITLES,
)


def strip_possessive(name: str) -> str:
    """"Moscow's" -> "Moscow", "the organisers'" -> "the organisers"."""
    for tail in ("'s", "’s", "'", "’"):
        if name.endswith(tail):
            return name[: -len(tail)].rstrip()
    return name


def role_kind(noun: Token) -> str | None:
    """"the minister" names a person, "the company" an organisation, "the government" a country."""
    lemma = noun.lemma_.lower()
    if lemma in PERSON_ROLES:
        return "person"
    if lemma in GPE_ROLES:
        return "gpe"
    if lemma in ORG_ROLES:
        return "org"
    return None


class Namer:
    """Mixin for Attributor: call `_index_names()` once the doc is set.

    Look-ups are bisections over sorted lists, so that a very long text stays linear."""

    doc: Doc
    _ents: list[Span]            # PERSON/ORG/GPE/NORP entities in order
    _ent_starts: list[int]       # their start characters
    _all_ents: list[Span]
    _all_ent_starts: list[int]   # token index where each entity starts
    _said: dict[str, list[tuple[int, int, str]]]   # kind -> sorted (char, order, name)
    _full: dict[str, list[tuple[int, str]]]        # surname -> [(char, full name)] in order
    _order: "count[int]"
    LOOKBACK = 3000              # characters: an antecedent further back than this is a guess

    def _index_names(self) -> None:
        self._all_ents = list(self.doc.ents)
        self._all_ent_starts = [e.start for e in self._all_ents]
        self._ents = [e for e in self._all_ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP")]
        self._ent_starts = [e.start_char for e in self._ents]
        self._said = {"person": [], "org": [], "gpe": [], "evidence": []}
        self._full = {}
        self._order = count()
        for e in self._ents:
            if e.label_ == "PERSON":
                full = self._with_first_name(e)
                self._note_full_name(full.start_char, full.text)

    def _note_full_name(self, at: int, name: str) -> None:
        words = name.split()
        if len(words) > 1:
            self._full.setdefault(words[-1], []).append((at, name))

    def _ent_at(self, i: int, labels: tuple[str, ...]) -> Span | None:
        """The entity with one of `labels` that covers token i."""
        n = bisect_right(self._all_ent_starts, i) - 1
        if n >= 0 and self._all_ents[n].start <= i < self._all_ents[n].end and self._all_ents[n].label_ in labels:
            return self._all_ents[n]
        return None

    def _name_for(self, subj: Token) -> tuple[str, bool] | None:
        """(display name, came from a pronoun or role noun) for a subject token."""
        low = subj.lower_
        if subj.pos_ == "PRON" or low in PERSON_PRONOUNS | ORG_PRONOUNS:
            kind = "person" if low in PERSON_PRONOUNS else "any"
            name = self._resolve(subj.idx, kind)
            if name is None:
                return None
            self._remember(subj.idx, name, kind)
            return name, True
        # evidence nouns: "figures from the ONS show", "a report by X found"
        if low in EVIDENCE_NOUNS or subj.lemma_.lower() in EVIDENCE_NOUNS or subj.lemma_.lower() in OPINION_NOUNS:
            named_owner = next((c for c in subj.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")
                                and c.ent_type_ not in ("DATE", "TIME")), None)
            if named_owner is not None:
                # "Hamas's figures show", "according to Ukraine's count": the owner, without "'s"
                named = self._name_for(named_owner)
                if named is not None and strip_possessive(named[0]):
                    self._remember(subj.idx, strip_possessive(named[0]), "evidence")
                    return strip_possessive(named[0]), named[1]
            owner = next((c for c in subj.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
            if owner is not None:
                # "its report found": the report of the organisation named before
                name = self._resolve(owner.idx, "person" if owner.lower_ in PERSON_PRONOUNS else "any")
                if name:
                    return name, True
                return None                      # "her estimate" with no "her" named before
            order = {"by": 0, "from": 1, "of": 2, "in": 3}
            for c in sorted((c for c in subj.subtree if c.dep_ in ("prep", "agent") and c.lower_ in order),
                            key=lambda c: (order[c.lower_], c.i)):
                obj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if obj is not None and obj.ent_type_ in ("DATE", "TIME", "CARDINAL"):
                    continue                     # "a survey published in December"
                if obj is not None and c.lower_ in ("in", "of") and obj.pos_ != "PROPN" and not obj.ent_type_ \
                        and role_kind(obj) is None:
                    continue                     # "a study in the Lancet", not "a survey of 500 adults"
                if obj is not None and obj.pos_ in ("PROPN", "NOUN") and not any(x.tag_ == "CD" for x in obj.children):
                    named = self._name_for(obj)
                    if named is not None:
                        self._remember(subj.idx, named[0], "evidence")
                        return named
            if any(t.pos_ == "PROPN" for t in subj.lefts):
                # "the Daily Telegraph poll", "the annual Directions survey": named in the phrase
                phrase = " ".join(t.text for t in subj.doc[subj.left_edge.i:subj.i + 1]
                                  if t.dep_ not in ("det", "punct", "poss") and not t.like_num)
                self._remember(subj.idx, phrase, "evidence")
                return phrase, False
            if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subj.children):
                # "The poll of 9,000 people found": the poll named before ("a survey by Polldata")
                earlier = self._last_said(subj.idx, ("evidence",))
                if earlier is not None:
                    return earlier[1], True
                # no named antecedent: the evidence itself ("the latest figures"), without its details
                words = [t for t in subj.lefts if t.dep_ in ("amod", "compound")] + [subj]
                return " ".join(t.lower_ for t in words), False
        person = self._entity_in(subj, "PERSON")
        if person is not None:
            name = self._full_person_name(person)
            self._remember(subj.idx, name, "person")
            return name, False
        role_named = self._role_named_person(subj)
        if role_named is not None:
            name = self._full_name_for(role_named, subj.idx) if " " not in role_named else role_named
            self._remember(subj.idx, name, "person")
            return name, False
        if subj.pos_ == "PROPN" and any(c.lower_.rstrip(".") in TITLES for c in subj.lefts):
            # "Mr Meyer" even when the tagger missed the person
            name = self._full_name_for(subj.text, subj.idx)
            self._remember(subj.idx, name, "person")
            return name, False
        phrase = self._compact(subj)
        ent = self._ent_at(subj.i, ("ORG", "GPE", "NORP"))
        if ent is not None:
            ent_text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            if ent_text not in phrase:
                phrase = ent_text
        named_after = self._name_after_role(subj)
        if named_after is not None:
            # "the communications regulator Ofcom", "property website Rightmove": the name, not the role
            self._remember(subj.idx, named_after, "org")
            return named_after, False
        has_proper = any(t.pos_ == "PROPN" for t in subj.subtree if t.i <= subj.i)
        if not has_proper and subj.pos_ == "NOUN" and subj.tag_ != "NNS":
            kind = role_kind(subj)
            if kind is not None:
                name = self._resolve_role(subj, kind)  # type: ignore[attr-defined]
                if name and name.lower() not in phrase.lower():
                    # "the spy agency said": the agency named before, not "X (spy agency)"
                    self._remember(subj.idx, name, kind)
                    return name, True
        kind = "gpe" if subj.ent_type_ == "GPE" else "org"
        self._remember(subj.idx, phrase, kind)
        return phrase, False

    def _name_after_role(self, subj: Token) -> str | None:
        """A role noun followed by the organisation's name: "the regulator Ofcom said"."""
        if subj.pos_ != "NOUN" or role_kind(subj) is None:
            return None
        nxt = subj.doc[subj.i + 1] if subj.i + 1 < len(subj.doc) else None
        if nxt is None or nxt.pos_ != "PROPN" or not nxt.is_title and not nxt.is_upper:
            return None
        ent = self._ent_at(nxt.i, ("ORG", "GPE", "NORP", "PERSON"))
        if ent is not None and ent.label_ != "PERSON":
            return ent.text
        words = [t for t in subj.doc[nxt.i:nxt.i + 4] if t.pos_ == "PROPN" and (t.is_title or t.is_upper)]
        run = []
        for t in words:
            if run and t.i != run[-1].i + 1:
                break
            run.append(t)
        return " ".join(t.text for t in run) if run and ent is None else None

    @staticmethod
    def _role_named_person(subj: Token) -> str | None:
        """"UN relief co-ordinator Jan Egeland": proper nouns right after a role noun name a person."""
        if subj.pos_ != "PROPN":
            return None
        toks = list(subj.doc[subj.left_edge.i:subj.i + 1])
        for k in range(len(toks) - 1, -1, -1):
            word = toks[k].lower_.replace("-", "")
            if toks[k].pos_ == "NOUN" and (word in PERSON_ROLES or any(word.endswith(r) for r in ("ordinator", "minister", "secretary"))):
                names = toks[k + 1:]
                if names and all(t.pos_ == "PROPN" and t.is_title for t in names) and len(names) <= 3:
                    return " ".join(t.text for t in names)
                return None
        return None

    def _compact(self, subj: Token) -> str:
        """The subject phrase without relative clauses, trailing details or a leading article."""
        doc = subj.doc
        cut = subj.right_edge.i + 1
        for c in subj.rights:
            keep = c.dep_ in ("compound", "case") or c.lower_ == "of" or (
                c.dep_ == "prep" and c.lower_ in ("for", "at", "from", "in") and subj.pos_ == "NOUN") or (
                c.dep_ == "amod" and c.right_edge.i - c.i < 5)   # "a person familiar with the matter"
            if not keep:
                cut = min(cut, c.left_edge.i)
        words = list(doc[subj.left_edge.i:cut])
        while words and (words[0].dep_ == "det" and words[0].lower_ in ("the", "a", "an")):
            words = words[1:]
        while words and (words[-1].is_punct or words[-1].is_space):
            words = words[:-1]
        text = "".join(t.text_with_ws for t in words).strip()
        # keep an acronym in brackets right after the head: "National Intelligence Service (NIS)"
        right = subj.i + 1
        if right + 2 < len(doc) and doc[right].text == "(" and doc[right + 2].text == ")" and doc[right + 1].is_upper:
            if "(" not in text:
                text = f"{text} ({doc[right + 1].text})"
        return text.strip(" ,") or subj.text

    def _entity_in(self, subj: Token, label: str) -> Span | None:
        lo, hi = subj.left_edge.i, subj.right_edge.i
        best = None
        n = bisect_left(self._all_ent_starts, lo)
        while n < len(self._all_ents) and self._all_ents[n].start <= hi:
            e = self._all_ents[n]
            n += 1
            if e.label_ == label and e.end - 1 <= hi:
                if subj.i in range(e.start, e.end) or (best is None) or abs(e.start - subj.i) < abs(best.start - subj.i):
                    best = e
        return best

    def _full_person_name(self, ent: Span) -> str:
        """"Mr Brown" -> "Gordon Brown" when the article named him in full earlier."""
        ent = self._with_first_name(ent)
        words = [w for w in ent.text.split() if w.lower().rstrip(".") not in TITLES]
        name = " ".join(words) or ent.text
        if len(words) == 1:
            return self._full_name_for(words[0], ent.start_char)
        return name

    @staticmethod
    def _with_first_name(ent: Span) -> Span:
        """"Kyrylo Budanov" when the tagger took only "Budanov" as the person: a capitalised proper
        noun compounded onto the name, that is no title, role or other entity, is the first name."""
        doc, start = ent.doc, ent.start
        while start > 0 and ent.start - start < 2:
            t = doc[start - 1]
            if not (t.pos_ == "PROPN" and t.dep_ == "compound" and ent.start <= t.head.i < ent.end
                    and t.is_title and t.is_alpha and not t.ent_type_
                    and t.lower_ not in TITLES and t.lower_ not in PERSON_ROLES):
                break
            start -= 1
        return doc[start:ent.end] if start < ent.start else ent

    def _full_name_for(self, last: str, before: int) -> str:
        for pos, name in self._full.get(last, ()):
            if pos < before:
                return name
        return last

    def _remember(self, at: int, name: str, kind: str) -> None:
        kind = "org" if kind == "any" else kind
        insort(self._said[kind], (at, next(self._order), name))
        if kind == "person":
            self._note_full_name(at, name)

    def _last_said(self, at: int, kinds: tuple[str, ...]) -> tuple[int, str] | None:
        """The speaker or subject of one of `kinds` remembered last before character `at`."""
        best = None
        for kind in kinds:
            said = self._said[kind]
            n = bisect_left(said, (at,)) - 1
            if n >= 0 and at - said[n][0] <= self.LOOKBACK and (best is None or said[n][:2] > best[:2]):
                best = said[n]
        return (best[0], best[2]) if best else None

    def _resolve(self, at: int, kind: str) -> str | None:
        """The last person ("person"), organisation ("org"), place ("gpe") or either of the last two
        ("any") named before character `at`: what a pronoun or a descriptive role stands for."""
        if kind == "person":
            return self._resolve_person(at)
        prefs = {"org": [("org",), ("org", "gpe")], "gpe": [("gpe",), ("org", "gpe")], "any": [("org", "gpe")]}[kind]
        for kinds in prefs:
            labels = tuple(k.upper() for k in kinds)
            best = self._last_said(at, kinds)
            if best is not None:
                return best[1]
            i = bisect_right(self._ent_starts, at) - 1
            while i >= 0 and at - self._ents[i].start_char <= self.LOOKBACK:
                e = self._ents[i]
                if e.label_ in labels and e.end_char <= at:
                    return e.text
                i -= 1
        return None

    def _resolve_person(self, at: int) -> str | None:
        best_speaker = self._last_said(at, ("person",))
        i = bisect_right(self._ent_starts, at) - 1
        best_ent = fallback = None
        while i >= 0 and at - self._ents[i].start_char <= self.LOOKBACK:
            e = self._ents[i]
            if e.label_ == "PERSON" and e.end_char <= at:
                if self._subject_like(e):
                    best_ent = e
                    break
                fallback = fallback or e
            i -= 1
        best_ent = best_ent or fallback
        if best_ent is not None and (best_speaker is None or best_ent.start_char > best_speaker[0]):
            return self._full_person_name(best_ent)
        if best_speaker is not None:
            return best_speaker[1]
        return None

    @staticmethod
    def _subject_like(e: Span) -> bool:
        """A person named as the subject, or in apposition to it ("Mr X, the minister, said")."""
        r = e.root
        for _ in range(3):
            if r.dep_ in ("nsubj", "nsubjpass"):
                return True
            if r.dep_ in ("appos", "compound") and r.head is not r:
                r = r.head
                continue
            if r.dep_ == "pobj" and r.head.lower_ == "to" and r.head.head.lower_ == "according":
                return True
            return False
        return False
