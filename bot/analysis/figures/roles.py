"""Role nouns as claimants: "the minister said", "the ministry said", "the company said". A role
noun stands for someone named before only when the text ties the two together, so that a claim is
never handed to whoever happened to be named last:
- a person role ("the judge", "the minister") resolves to a person the article introduced with that
  role ("Judge Ana Ruiz", "Ruiz, the judge,", "Finance Minister Ruiz");
- an institution role ("the ministry", "the court") to a named institution holding the word
  ("the Health Ministry", "the High Court");
- a descriptive role ("the company", "the agency", "the regulator") to the organisation the article
  was last about, as readers take it.
Unresolved, the role phrase itself is the source ("defence ministry"), which is true if vague."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from bot.analysis.english import NAMED_ROLES, TITLES

WINDOW = 6          # tokens either side of a person's name where the role that introduces them sits


class Roles:
    """Mixin for Attributor (with Namer): needs `doc`, `_ents`, `_ent_starts`, `LOOKBACK`,
    `_full_person_name` and `_resolve`."""

    doc: Doc
    _ents: list[Span]
    _ent_starts: list[int]
    LOOKBACK: int

    def _resolve_role(self, noun: Token, kind: str) -> str | None:
        """Who the role noun `noun` stands for, or None when the text does not say."""
        role = noun.lemma_.lower()
        if kind == "person":
            return self._person_with_role(noun, role)
        if role in NAMED_ROLES:
            return self._institution_named(noun, role)
        return self._resolve(noun.idx, kind)     # type: ignore[attr-defined]

    def _candidates(self, noun: Token, labels: tuple[str, ...]) -> list[Span]:
        """Entities with `labels` before the noun (newest first, within LOOKBACK), then those in
        the rest of its sentence and the next one ("The judge ... . Judge Ruiz said")."""
        at = noun.idx
        before, after = [], []
        i = bisect_right(self._ent_starts, at) - 1
        while i >= 0 and at - self._ents[i].start_char <= self.LOOKBACK:
            if self._ents[i].label_ in labels and self._ents[i].end_char <= at:
                before.append(self._ents[i])
            i -= 1
        sent = noun.sent
        limit = self.doc[sent.end].sent.end_char if sent.end < len(self.doc) else sent.end_char
        j = bisect_right(self._ent_starts, at)
        while j < len(self._ents) and self._ents[j].start_char < limit:
            if self._ents[j].label_ in labels and self._ents[j].start > noun.i:
                after.append(self._ents[j])
            j += 1
        return before + after

    def _person_with_role(self, noun: Token, role: str) -> str | None:
        for e in self._candidates(noun, ("PERSON",)):
            if e.start <= noun.i < e.end:
                continue
            near = self.doc[max(0, e.start - WINDOW):e.end + WINDOW].text.lower()
            if role in near.split() or (role in TITLES and role.capitalize() in self.doc[max(0, e.start - 2):e.start].text):
                return self._full_person_name(e)  # type: ignore[attr-defined]
        return self._titled_name(noun, role)

    def _titled_name(self, noun: Token, role: str) -> str | None:
        """"Judge Ana Ruiz", "Finance Minister Lea Brandt" earlier in the text, even when the tagger
        saw no person there: the capitalised role word followed by capitalised proper nouns."""
        doc = self.doc
        lo = max(0, noun.sent.start - 200)
        for i in range(noun.i - 1, lo - 1, -1):
            t = doc[i]
            if t.lower_ != role or not t.is_title:
                continue
            run = []
            for x in doc[i + 1:i + 4]:
                if x.pos_ != "PROPN" or not x.is_title:
                    break
                run.append(x.text)
            if run:
                return " ".join(run)
        return None

    def _institution_named(self, noun: Token, role: str) -> str | None:
        for e in self._candidates(noun, ("ORG", "GPE", "NORP")):
            words = e.text.lower().replace("'s", "").split()
            if role in words or (role + "s") in words or (role == "party" and e.label_ == "NORP"):
                return e.text[4:] if e.text.lower().startswith("the ") else e.text
        return None
