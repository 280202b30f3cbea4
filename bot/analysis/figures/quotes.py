"""Direct quotes: where they are and who speaks them (the speech tag in or right after the
quote, or the speaker of the quote just before it)."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span


class Quotes:
    """Mixin for Attributor: needs `doc`, `quotes`, `_quote_speaker` and `_reporting_subject`."""

    doc: Doc
    quotes: list[tuple[int, int]]
    _quote_speaker: dict[int, str | None]

    def _quote_at(self, idx: int) -> int | None:
        n = bisect_right(self.quotes, (idx, float("inf"))) - 1
        if n >= 0 and self.quotes[n][0] <= idx < self.quotes[n][1]:
            return n
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
