"""Who the article says makes a claim: subjects of reporting verbs, "according to X", speakers of
direct quotes, with pronouns and role nouns ("the chancellor", "the airline") resolved to the
person or organisation named earlier (docs/FIGURES.md, `source`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from bot.analysis.english import (
    AT_FORECAST,
    CLAUSE_ONLY,
    EVIDENCE_NOUNS,
    FORECAST_VERBS,
    NEARER,
    OPINION_NOUNS,
    OPINION_PREPS,
    PERCENT_WORDS,
    QUOTE_RE,
    REPORT_VERBS,
    SAY_CORE,
    SHOW_WORDS,
    XCOMP_OK,
)
from bot.analysis.figures.names import Namer, role_kind, strip_possessive
from bot.analysis.figures.quotes import Quotes
from bot.analysis.figures.roles import Roles



def inside_span(tok: Token, head: Token) -> bool:
    """Whether `tok` is in the phrase headed by `head`."""
    return head.left_edge.i <= tok.i <= head.right_edge.i


@dataclass
class Attributor(Quotes, Roles, Namer):
    """Per-document state: quote spans and the people and organisations mentioned so far."""

    doc: Doc
    quotes: list[tuple[int, int]] = field(default_factory=list)
    _quote_speaker: dict[int, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.quotes = [(m.start(), m.end()) for m in QUOTE_RE.finditer(self.doc.text)]
        self._index_names()

    def prime(self) -> None:
        """Read every reporting verb in order, so that "he added" can find the last speaker."""
        for t in self.doc:
            if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in REPORT_VERBS:
                self._reporting_subject(t)
            elif t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN"):
                # subjects are what "it"/"they" most often point back to
                if t.ent_type_ in ("ORG", "GPE", "NORP"):
                    self._remember(t.idx, self._compact(t), "gpe" if t.ent_type_ == "GPE" else "org")
                elif t.tag_ == "NN" and role_kind(t) in ("org", "gpe"):
                    # "The company ... it said": the role noun stands for the firm named before
                    kind = role_kind(t)
                    self._remember(t.idx, self._resolve_role(t, kind) or self._compact(t), kind)

    def source_for(self, tok: Token) -> str | None:
        """Who claims the figure whose head token is `tok` (None: the article's own voice)."""
        q = self._quote_at(tok.idx)
        if q is not None:
            speaker = self._speaker_of_quote(q)
            if speaker:
                return speaker
        sent = tok.sent
        for anc in tok.ancestors:
            if anc.lower_ == "according":
                # "according to a survey of 3,581 adults": the figure describes the source itself
                return self._according_to(sent)
        owned = self._owned_estimate(tok)
        if owned:
            return owned
        # 1. the nearest reporting verb above the number in the parse
        pronoun_hit: str | None = None
        for anc in tok.ancestors:
            if self._in_quote(anc.idx) and q is None:
                continue
            if self._speaks_about_itself(anc, tok):
                continue
            src = self._reporting_subject(anc)
            if src is None:
                continue
            name, was_pronoun = src
            if not was_pronoun:
                return name
            pronoun_hit = pronoun_hit or name
        if pronoun_hit:
            return pronoun_hit
        owner = self._possessive_estimate(tok)
        if owner:
            return owner
        # 2. "according to X" anywhere in the sentence
        acc = self._according_to(sent)
        if acc:
            return acc
        # 3. any reporting verb of the sentence outside quotes
        for t in sent:
            if t.dep_ not in ("ROOT", "parataxis"):
                continue                         # "..., while the Tories say ...": another clause's claim
            if t.pos_ in ("VERB", "AUX") and not self._in_quote(t.idx) and not self._speaks_about_itself(t, tok):
                src = self._reporting_subject(t)
                if src is not None:
                    return src[0]
        return None

    def _clause_subject(self, verb: Token, tok: Token, prep: Token) -> str | None:
        """The claimant subject of the clause an estimate phrase frames, when it does not itself
        hold the figure: a named or role subject, or any subject the phrase sits right behind
        ("Relief workers, by their own count, have fed ...")."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ == "PRON" or inside_span(tok, subj):
            return None
        if verb.lemma_.lower() == "be":
            return None                          # "The toll, by his reckoning, is 1,400": measured, not measuring
        poss = next((c for c in prep.subtree if c.dep_ == "poss"), None)
        kind = role_kind(subj)
        if poss is not None and poss.lower_ in ("his", "her"):
            fits = subj.ent_type_ == "PERSON" or kind == "person"
        elif poss is not None and poss.lower_ == "its":
            fits = subj.ent_type_ in ("ORG", "GPE", "NORP") or kind in ("org", "gpe")
        else:                                    # "their": a group, named or plural
            behind = 0 < prep.i - subj.right_edge.i <= 2
            fits = subj.ent_type_ in ("ORG", "GPE", "NORP") or kind is not None or (behind and subj.tag_ == "NNS")
        if not fits:
            return None
        named = self._name_for(subj)
        return named[0] if named else None

    def _owned_estimate(self, tok: Token) -> str | None:
        """"compared with the organisers' estimate of 40,000", "his earlier estimate of 11,000": the
        figure is the possessor's, whoever reports it."""
        for n, anc in enumerate(tok.ancestors):
            if anc.pos_ in ("VERB", "AUX") and anc.dep_ not in ("pobj", "dobj", "amod", "compound"):
                # "Seoul's estimate is 12,000", "the UN's tally stands at 1,100"
                subj = next((c for c in anc.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.lemma_.lower() in OPINION_NOUNS and not inside_span(tok, subj):
                    poss = next((c for c in subj.children if c.dep_ == "poss"), None)
                    if poss is not None and poss.ent_type_ not in ("DATE", "TIME") and not self._in_quote(poss.idx):
                        return self._owner_name(poss)
                return None
            if n > 3:
                return None
            if anc.lower_ == "of" and anc.dep_ == "prep" and anc.head.lemma_.lower() in OPINION_NOUNS:
                poss = next((c for c in anc.head.children if c.dep_ == "poss"), None)
                if poss is None or poss.ent_type_ in ("DATE", "TIME") or self._in_quote(poss.idx):
                    return None
                return self._owner_name(poss)
        return None

    def _owner_name(self, poss: Token) -> str | None:
        """The display name of a possessor: "his" resolved, "Moscow's" without its "'s"."""
        named = self._name_for(poss)
        if named is None:
            return None
        return strip_possessive(named[0]) or None

    def _possessive_estimate(self, tok: Token) -> str | None:
        """"By his count, 10,000 ...", "in the agency's view": whose estimate frames the clause;
        the possessor is resolved like a subject ("his" -> the man named before)."""
        above = {a.i for a in tok.ancestors} | {tok.i}
        for t in tok.sent:
            if t.lower_ not in OPINION_PREPS or t.dep_ != "prep" or self._in_quote(t.idx):
                continue
            # the phrase frames the clause holding the number, or opens the sentence
            if t.head.i not in above and t.i != tok.sent.start:
                continue
            if tok.i in range(t.left_edge.i, t.right_edge.i + 1):
                continue
            noun = next((c for c in t.children if c.dep_ == "pobj"), None)
            if noun is None or noun.lemma_.lower() not in OPINION_NOUNS | {n.rstrip("s") for n in OPINION_NOUNS}:
                continue
            poss = next((c for c in noun.children if c.dep_ == "poss"), None)
            own = self._clause_subject(t.head, tok, t) if poss is not None and poss.pos_ == "PRON" else None
            if own is not None:
                return own                       # "Officials, by their own count, have moved 900"
            if poss is None:
                # "in the view of the central bank": the owner after "of"
                of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                poss = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                if poss is not None and (poss.pos_ not in ("PROPN", "NOUN") or inside_span(tok, poss)):
                    poss = None
            if poss is None:
                # "in a poll released on Monday by the Seoul Opinion Institute": the owner after "by"
                by = next((c for c in noun.subtree if c.dep_ in ("agent", "prep") and c.lower_ == "by"), None)
                poss = next((c for c in by.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None) if by else None
            if poss is None or poss.ent_type_ in ("DATE", "TIME"):
                continue                         # "in Monday's report" says when, not whose
            name = self._owner_name(poss)
            if name:
                return name
        return None

    @staticmethod
    def _speaks_about_itself(verb: Token, tok: Token) -> bool:
        """"A majority of voters (58%) say ...": the figure sits in the speaker, it is not claimed by it."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return subj is not None and subj.left_edge.i <= tok.i <= subj.right_edge.i

    def _reporting_subject(self, verb: Token) -> tuple[str, bool] | None:
        lemma = verb.lemma_.lower()
        if lemma not in REPORT_VERBS or verb.pos_ not in ("VERB", "AUX"):
            return None
        subj = next((c for c in verb.children if c.dep_ in ("nsubj",)), None)
        clause = any(c.dep_ in ("ccomp", "parataxis") or (c.dep_ == "xcomp" and lemma in XCOMP_OK)
                     for c in verb.children) or self._that_clause_in_prep(verb)
        # "had forecast a 6% fall", or passive with its agent: "the toll was put at 40 by the UN"
        forecast = lemma in FORECAST_VERBS and (any(c.dep_ == "dobj" for c in verb.children) or (
            any(c.dep_ == "nsubjpass" for c in verb.children) and any(c.dep_ == "agent" for c in verb.children)))
        if forecast and lemma in AT_FORECAST:
            # "put the cost at £3bn" estimates; "put 1p on beer" or "put the economy at the heart" do not
            forecast = self._at_a_number(verb)
        if not clause and not forecast:
            if not self._parenthetical(verb, subj) and not (subj is not None and subj.lemma_.lower() in EVIDENCE_NOUNS):
                return None
            if lemma not in SAY_CORE and not (lemma in ("show", "find") and subj is not None
                                               and subj.lemma_.lower() in EVIDENCE_NOUNS):
                return None
            # "claimed 100 lives", "will add to the pressure": an object or "to" means not reporting
            if not forecast and any(c.dep_ == "dobj" for c in verb.children) and lemma not in ("tell", "told", "brief"):
                if not (lemma in ("show", "find")):
                    return None
            if any(c.dep_ == "prep" and c.lower_ in ("to", "up", "on") for c in verb.children) and lemma == "add":
                return None
        if lemma in CLAUSE_ONLY and not forecast:
            evidence = subj is not None and subj.lemma_.lower() in EVIDENCE_NOUNS
            that = any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                       for c in verb.children)
            if not (evidence or that):
                return None
        if subj is None:
            # passive "was estimated by the UN"
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            if agent is not None:
                subj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if subj is None:
            if verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
                return self._reporting_subject(verb.head) if verb.head.lemma_.lower() in REPORT_VERBS else self._subject_name(verb.head)
            return None
        if subj.tag_ == "CD" or any(c.tag_ == "CD" and c.ent_type_ != "ORDINAL" for c in subj.children
                                    if c.dep_ in ("nummod", "quantmod", "compound")) or subj.lower_ in PERCENT_WORDS:
            return None                          # "64% said": the figure is who speaks, not a source
        return self._name_for(subj)

    @staticmethod
    def _that_clause_in_prep(verb: Token) -> bool:
        """"said in a statement that revenue rose 9%": the parse hangs the reported clause on the
        statement; it is still what the verb reports."""
        for p in verb.children:
            if p.dep_ != "prep" or p.lower_ not in ("in", "on", "during", "at"):
                continue
            for obj in p.children:
                for cl in obj.children:
                    if cl.dep_ in ("acl", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in cl.children) \
                            and any(c.dep_ in ("nsubj", "nsubjpass") for c in cl.children):
                        return True
        return False

    @staticmethod
    def _at_a_number(verb: Token) -> bool:
        """"puts the toll at 40", "puts the soldiers headed to Russia at 10,000": an "at" phrase
        holding a number, on the verb or on the object's own modifiers (where the parse may hang it)."""
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)

        def level(p: Token) -> bool:
            # "at 40", "near 2,000", "above 500", "closer to 400,000"
            return p.dep_ == "prep" and (p.lower_ in ("at", "near", "above", "below", "around") or (
                p.lower_ == "to" and (p.head.lower_ in NEARER or (p.i > 0 and p.doc[p.i - 1].lower_ in NEARER))))
        subj = {t.i for c in verb.children if c.dep_ in ("nsubj", "agent") for t in c.subtree}
        preps = [p for p in verb.subtree if level(p) and p.i not in subj and p.i > verb.i
                 and (p.head.i == verb.i or (p.head.dep_ == "advmod" and p.head.head.i == verb.i))]
        if obj is not None:
            preps += [t for t in obj.subtree if t.dep_ == "prep" and t.lower_ == "at" and t.i > obj.i]

        def number(x: Token) -> bool:
            # the tagger calls a bare "63" a DATE now and then; a year or a clock time is none
            if x.ent_type_ == "TIME" or (x.ent_type_ == "DATE" and (not x.like_num or len(x.text) == 4)):
                return False
            return x.tag_ in ("CD", "$") or x.ent_type_ in ("MONEY", "CARDINAL", "PERCENT", "QUANTITY")
        return any(any(number(x) for x in p.subtree) for p in preps)

    @staticmethod
    def _parenthetical(verb: Token, subj: Token | None) -> bool:
        """"..., the chancellor said." / "“...,” he said." / ", said Swiss Re": a speech tag."""
        doc = verb.doc
        marks = {",", "”", "\"", "’", "—", "–", "-", ":", "(", ";"}
        if subj is not None and subj.i < verb.i:
            left = subj.left_edge.i
            return left > 0 and doc[left - 1].text in marks
        return verb.i > 0 and doc[verb.i - 1].text in marks

    def _subject_name(self, verb: Token) -> tuple[str, bool] | None:
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return self._name_for(subj) if subj is not None else None

    def _according_to(self, sent: Span) -> str | None:
        for t in sent:
            if t.lower_ == "according" and not self._in_quote(t.idx):
                to = next((c for c in t.children if c.lower_ == "to"), None)
                if to is None and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
                    to = t.doc[t.i + 1]
                if to is None:
                    continue
                obj = next((c for c in to.children if c.dep_ == "pobj"), None)
                if obj is None and to.i + 1 < len(t.doc):
                    obj = t.doc[to.i + 1]
                if obj is not None:
                    named = self._name_for(obj)
                    return named[0] if named else None
        return self._evidence_from(sent)

    def _evidence_from(self, sent: Span) -> str | None:
        """"..., data from the statistics office showed.", "..., Eurostat data show.": the source of
        the data, even when the parse tagged "show" as a noun."""
        toks = list(sent)
        for n, t in enumerate(toks[1:-1], start=1):
            if t.lemma_.lower() in EVIDENCE_NOUNS and toks[n + 1].lower_ in SHOW_WORDS and toks[n - 1].pos_ == "PROPN" \
                    and not self._in_quote(t.idx):
                k = n - 1
                while k > 0 and toks[k - 1].pos_ == "PROPN":
                    k -= 1
                return " ".join(x.text for x in toks[k:n])
        for n, t in enumerate(toks[:-2]):
            if t.lemma_.lower() in EVIDENCE_NOUNS and toks[n + 1].lower_ in ("from", "by") and not self._in_quote(t.idx):
                rest = toks[n + 2:]
                end = next((k for k, x in enumerate(rest) if x.lower_ in SHOW_WORDS or x.is_punct), None)
                if end is None or end == 0 or rest[end].lower_ not in SHOW_WORDS:
                    continue
                words = rest[:end]
                while words and words[0].lower_ in ("the", "a", "an"):
                    words = words[1:]
                if words:
                    return "".join(w.text_with_ws for w in words).strip()
        return None
