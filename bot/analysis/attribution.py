"""Who the article says makes a claim: subjects of reporting verbs, "according to X", speakers of
direct quotes, with pronouns and role nouns ("the chancellor", "the airline") resolved to the
person or organisation named earlier (see eval/GUIDE.md, `source`)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

REPORT_VERBS = {
    "say", "tell", "estimate", "believe", "report", "add", "claim", "state", "announce", "confirm",
    "predict", "forecast", "warn", "show", "find", "reveal", "indicate", "suggest", "note", "argue",
    "insist", "calculate", "project", "reckon", "think", "admit", "acknowledge", "explain", "write",
    "tweet", "assert", "allege", "put", "expect", "told", "count", "record", "register", "publish",
    "disclose", "testify", "conclude", "assess", "anticipate", "project", "declare", "quote",
    "stress", "emphasise", "emphasize", "point", "release", "caution", "brief", "cite", "contend",
}
# only count as reporting when their object is a clause, never "the army put troops on alert"
CLAUSE_ONLY = {"put", "count", "record", "register", "release", "point", "find", "show", "think", "note"}
# "They had forecast a 6% fall": the object of a forecast is the forecaster's claim
FORECAST_VERBS = {"forecast", "predict", "estimate", "project", "expect", "calculate", "reckon", "put"}
XCOMP_OK = {"estimate", "believe", "reckon", "put", "project", "forecast", "calculate", "report", "say", "tell"}
# reporting without a clause object only in the parenthetical "..., X said." form
SAY_CORE = {"say", "tell", "add", "estimate", "claim", "state", "report", "write", "explain", "insist",
            "argue", "warn", "confirm", "announce", "tweet", "told", "brief"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "i"}
ORG_PRONOUNS = {"it", "they", "we", "its", "their"}
PERSON_ROLES = {
    "chancellor", "minister", "president", "spokesman", "spokeswoman", "spokesperson", "chief",
    "head", "director", "secretary", "governor", "official", "economist", "analyst", "senator",
    "leader", "premier", "chairman", "chairwoman", "chair", "executive", "ceo", "boss", "mayor",
    "commander", "general", "ambassador", "envoy", "king", "queen", "prince", "pm", "representative",
    "congressman", "congresswoman", "lawmaker", "adviser", "advisor", "founder", "manager", "professor",
    "researcher", "scientist", "author", "officer", "diplomat", "prosecutor", "judge", "mp",
    "coordinator", "commissioner", "negotiator", "strategist", "spokesperson", "councillor",
    "deputy", "vice", "treasurer", "economist", "correspondent", "editor",
}
ORG_ROLES = {
    "airline", "company", "firm", "government", "ministry", "agency", "bank", "insurer", "group",
    "organisation", "organization", "carrier", "department", "council", "commission", "office",
    "administration", "military", "army", "police", "service", "union", "association", "institute",
    "board", "committee", "authority", "regulator", "manufacturer", "maker", "retailer", "operator",
    "business", "corporation", "giant", "lender", "broker", "fund", "body", "watchdog", "team",
    "club", "party", "country", "state", "court", "parliament", "cabinet", "center", "centre",
}
TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor",
          "president", "senator", "sen", "rep", "gen", "general", "chancellor", "minister",
          "secretary", "governor", "mayor", "judge", "king", "queen", "prince", "pope", "mr.", "mrs.", "dr."}
SHOW_WORDS = {"show", "shows", "showed", "shown", "suggest", "suggests", "suggested", "indicate",
              "indicates", "indicated", "reveal", "reveals", "revealed", "find", "finds", "found"}
EVIDENCE_NOUNS = {"figure", "figures", "data", "datum", "statistics", "number", "numbers", "estimate",
                  "estimates", "report", "survey", "study", "poll", "analysis", "document", "documents",
                  "research", "forecast", "forecasts", "projection", "projections", "calculation", "calculations"}
QUOTE_RE = re.compile(r"“[^”]{1,2000}”|\"[^\"\n]{1,2000}\"|‘[^’]{8,2000}’(?!\w)")


@dataclass
class Attributor:
    """Per-document state: quote spans and the people and organisations mentioned so far."""

    doc: Doc
    quotes: list[tuple[int, int]] = field(default_factory=list)
    _ents: list[Span] = field(default_factory=list)
    _ent_starts: list[int] = field(default_factory=list)
    _all_ents: list[Span] = field(default_factory=list)
    _speakers: list[tuple[int, str, str]] = field(default_factory=list)   # (char, name, kind)
    _quote_speaker: dict[int, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.quotes = [(m.start(), m.end()) for m in QUOTE_RE.finditer(self.doc.text)]
        self._all_ents = list(self.doc.ents)
        self._ents = [e for e in self._all_ents if e.label_ in ("PERSON", "ORG", "GPE", "NORP")]
        self._ent_starts = [e.start_char for e in self._ents]

    # -- public -------------------------------------------------------------------------------
    def prime(self) -> None:
        """Read every reporting verb in order, so that "he added" can find the last speaker."""
        for t in self.doc:
            if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in REPORT_VERBS:
                self._reporting_subject(t)
            elif t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN"):
                # subjects are what "it"/"they" most often point back to
                if t.ent_type_ in ("ORG", "GPE"):
                    self._remember(t.idx, self._compact(t), "org")
                elif t.lemma_.lower() in ORG_ROLES and t.tag_ == "NN":
                    # "The company ... it said": the role noun stands for the firm named before
                    self._remember(t.idx, self._resolve(t.idx, "org") or self._compact(t), "org")

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

    @staticmethod
    def _speaks_about_itself(verb: Token, tok: Token) -> bool:
        """"A majority of voters (58%) say ...": the figure sits in the speaker, it is not claimed by it."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return subj is not None and subj.left_edge.i <= tok.i <= subj.right_edge.i

    # -- reporting verbs ----------------------------------------------------------------------
    def _reporting_subject(self, verb: Token) -> tuple[str, bool] | None:
        lemma = verb.lemma_.lower()
        if lemma not in REPORT_VERBS or verb.pos_ not in ("VERB", "AUX"):
            return None
        subj = next((c for c in verb.children if c.dep_ in ("nsubj",)), None)
        clause = any(c.dep_ in ("ccomp", "parataxis") or (c.dep_ == "xcomp" and lemma in XCOMP_OK)
                     for c in verb.children)
        forecast = lemma in FORECAST_VERBS and any(c.dep_ == "dobj" for c in verb.children)
        if forecast and lemma == "put":
            # "put the cost at £3bn" estimates; "put 1p on beer" or "put the economy at the heart" do not
            forecast = any(c.dep_ == "prep" and c.lower_ == "at" and any(x.tag_ in ("CD", "$") or x.ent_type_ in ("MONEY", "CARDINAL", "PERCENT", "QUANTITY") for x in c.subtree)
                           for c in verb.children)
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
                                    if c.dep_ in ("nummod", "quantmod", "compound")) or subj.lower_ in ("%", "percent", "cent"):
            return None                          # "64% said": the figure is who speaks, not a source
        return self._name_for(subj)

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
        """"..., data from the statistics office showed.": the source of the data, even when the
        parse tagged "show" as a noun."""
        toks = list(sent)
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

    # -- naming -------------------------------------------------------------------------------
    def _name_for(self, subj: Token) -> tuple[str, bool] | None:
        """(display name, came from a pronoun or role noun) for a subject token."""
        low = subj.lower_
        if subj.pos_ == "PRON" or low in PERSON_PRONOUNS | ORG_PRONOUNS:
            kind = "person" if low in PERSON_PRONOUNS else "org"
            name = self._resolve(subj.idx, kind)
            if name is None:
                return None
            self._remember(subj.idx, name, kind)
            return name, True
        # evidence nouns: "figures from the ONS show", "a report by X found"
        if low in EVIDENCE_NOUNS or subj.lemma_.lower() in EVIDENCE_NOUNS:
            owner = next((c for c in subj.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
            if owner is not None:
                # "its report found": the report of the organisation named before
                name = self._resolve(owner.idx, "person" if owner.lower_ in PERSON_PRONOUNS else "org")
                if name:
                    return f"{name} ({subj.lower_})", True
            order = {"by": 0, "from": 1, "of": 2, "in": 3}
            for c in sorted((c for c in subj.subtree if c.dep_ in ("prep", "agent") and c.lower_ in order),
                            key=lambda c: (order[c.lower_], c.i)):
                obj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if obj is not None and c.lower_ == "in" and obj.pos_ != "PROPN":
                    continue                     # "a study in the Lancet", not "a rise in prices"
                if obj is not None and obj.pos_ in ("PROPN", "NOUN") and not any(x.tag_ == "CD" for x in obj.children):
                    named = self._name_for(obj)
                    if named is not None:
                        return named
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
        ent = next((e for e in self._all_ents if e.start <= subj.i < e.end and e.label_ in ("ORG", "GPE", "NORP")), None)
        if ent is not None:
            ent_text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            if ent_text not in phrase:
                phrase = ent_text
        has_proper = any(t.pos_ == "PROPN" for t in subj.subtree if t.i <= subj.i)
        if not has_proper and subj.pos_ == "NOUN" and subj.tag_ != "NNS":
            kind = "person" if subj.lemma_.lower() in PERSON_ROLES else "org" if subj.lemma_.lower() in ORG_ROLES else None
            if kind is not None:
                name = self._resolve(subj.idx, kind, allow_next=True, sent=subj.sent)
                if name and name.lower() not in phrase.lower():
                    self._remember(subj.idx, name, kind)
                    return f"{name} ({phrase})", True
        kind = "org"
        self._remember(subj.idx, phrase, kind)
        return phrase, False

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
        for e in self._all_ents:
            if e.label_ == label and e.start >= lo and e.end - 1 <= hi:
                if subj.i in range(e.start, e.end) or (best is None) or abs(e.start - subj.i) < abs(best.start - subj.i):
                    best = e
        return best

    def _full_person_name(self, ent: Span) -> str:
        """"Mr Brown" -> "Gordon Brown" when the article named him in full earlier."""
        words = [w for w in ent.text.split() if w.lower().rstrip(".") not in TITLES]
        name = " ".join(words) or ent.text
        if len(words) == 1:
            return self._full_name_for(words[0], ent.start_char)
        return name

    def _full_name_for(self, last: str, before: int) -> str:
        for pos, name, kind in self._speakers:
            if pos < before and kind == "person" and len(name.split()) > 1 and name.split()[-1] == last:
                return name
        for e in self._ents:
            if e.start_char >= before:
                break
            if e.label_ == "PERSON" and len(e.text.split()) > 1 and e.text.split()[-1] == last:
                return e.text
        return last

    def _remember(self, at: int, name: str, kind: str) -> None:
        self._speakers.append((at, name, kind))

    def _resolve(self, at: int, kind: str, allow_next: bool = False, sent: Span | None = None) -> str | None:
        """The last person (or organisation) named before character `at`."""
        best_speaker = None
        for pos, name, k in self._speakers:
            if pos < at and k == kind and (best_speaker is None or pos >= best_speaker[0]):
                best_speaker = (pos, name)
        i = bisect_right(self._ent_starts, at) - 1
        best_ent = None
        labels = ("PERSON",) if kind == "person" else ("ORG", "GPE")
        fallback = None
        while i >= 0:
            e = self._ents[i]
            if e.label_ in labels and e.end_char <= at:
                if kind != "person" or e.root.dep_ in ("nsubj", "nsubjpass", "appos", "pobj", "poss") and e.root.head.pos_ != "ADP" or e.root.dep_ in ("nsubj", "nsubjpass"):
                    if kind != "person" or e.root.dep_ in ("nsubj", "nsubjpass") or self._subject_like(e):
                        best_ent = e
                        break
                fallback = fallback or e
            i -= 1
        best_ent = best_ent or fallback
        if kind == "person":
            if best_ent is not None and (best_speaker is None or best_ent.start_char > best_speaker[0]):
                return self._full_person_name(best_ent)
            if best_speaker is not None:
                return best_speaker[1]
        else:
            if best_speaker is not None:
                return best_speaker[1]
            if best_ent is not None:
                return best_ent.text
        if allow_next and sent is not None:
            # "China's tax chief confirmed ... . Tax head Xie Xuren said ...": named just after
            j = bisect_right(self._ent_starts, at)
            limit = sent.end_char + 300
            while j < len(self._ents) and self._ents[j].start_char < limit:
                if self._ents[j].label_ in labels:
                    return self._full_person_name(self._ents[j]) if kind == "person" else self._ents[j].text
                j += 1
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

    # -- quotes -------------------------------------------------------------------------------
    def _quote_at(self, idx: int) -> int | None:
        for n, (a, b) in enumerate(self.quotes):
            if a <= idx < b:
                return n
            if a > idx:
                break
        return None

    def _speech_tag(self, sent: Span, first_tokens: int | None = None) -> str | None:
        """The speaker named by a reporting verb outside quotes in `sent`."""
        for t in sent:
            if first_tokens is not None and t.i - sent.start >= first_tokens:
                return None
            if t.pos_ in ("VERB", "AUX") and not self._in_quote(t.idx):
                src = self._reporting_subject(t)
                if src is not None:
                    return src[0]
        return None

    def _in_quote(self, idx: int) -> bool:
        return self._quote_at(idx) is not None

    def _speaker_of_quote(self, n: int) -> str | None:
        if n in self._quote_speaker:
            return self._quote_speaker[n]
        a, b = self.quotes[n]
        doc = self.doc
        speaker = None
        # a reporting verb outside the quote in the sentences around it
        first = doc.char_span(a, a + 1, alignment_mode="expand")
        last = doc.char_span(b - 1, b, alignment_mode="expand")
        sents = []
        if first is not None:
            sents.append(first.sent)
        if last is not None and last.sent != (sents[0] if sents else None):
            sents.append(last.sent)
        tail = None
        if last is not None and last.sent.end < len(doc):
            nxt = doc[last.sent.end].sent
            if nxt.start_char - b < 5 and nxt not in sents:
                tail = nxt
        if tail is not None and tail in sents:
            sents.remove(tail)
        for s in sents:
            speaker = self._speech_tag(s)
            if speaker:
                break
        if speaker is None and n > 0:
            pa, pb = self.quotes[n - 1]
            if a - pb < 200:
                speaker = self._speaker_of_quote(n - 1)
        if speaker is None and tail is not None:
            # '"...."\nhe said.' the tag opens the next sentence
            speaker = self._speech_tag(tail, first_tokens=4)
        self._quote_speaker[n] = speaker
        return speaker
