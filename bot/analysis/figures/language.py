"""Which language a text is in: the rules read English only, and on other languages they would
report junk ("28%" of "nesta segunda feira"), so a text that is clearly not English gets no
figures and says why.

Two signals, cheapest first: the share of common English function words (English news prose
has a third or more; other languages almost none), and only when that is low, py3langid's
classifier (a small naive-Bayes model that ships with the package; ~1 s to load, ~1 ms a text).
A text is called non-English only when both agree, so a short or number-heavy English text
keeps its figures."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from bot.analysis.english import FUNCTION_WORDS

ENGLISH = "en"
MIN_WORDS = 12             # fewer words than this: too little to judge, read as English
ENGLISH_SHARE = 0.2        # at least this share of function words: English, no classifier needed
MIN_CONFIDENCE = 0.9       # the classifier's probability needed to call a text another language
SAMPLE_CHARS = 4000        # the classifier reads this much of the text
_WORD = re.compile(r"[^\W\d_]+")
_lock = threading.Lock()
_identifier: LanguageIdentifier | None = None


@dataclass(frozen=True)
class Language:
    code: str              # ISO 639-1 ("en", "pt"); "en" also when undecided
    confidence: float      # the classifier's probability, 1.0 when the word count decided

    @property
    def english(self) -> bool:
        return self.code == ENGLISH


def detect_language(text: str) -> Language:
    """The language of `text`, leaning to English whenever the evidence is thin."""
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())
    if len(words) < MIN_WORDS:
        return Language(ENGLISH, 1.0)
    share = sum(w in FUNCTION_WORDS for w in words) / len(words)
    if share >= ENGLISH_SHARE:
        return Language(ENGLISH, 1.0)
    code, confidence = _classifier().classify(text[:SAMPLE_CHARS])
    if code != ENGLISH and confidence >= MIN_CONFIDENCE:
        return Language(code, confidence)
    return Language(ENGLISH, confidence)


def _classifier() -> LanguageIdentifier:
    """py3langid's identifier, loaded on first need, once per process (decompressing the model
    takes ~1 s; most texts never need it)."""
    global _identifier
    with _lock:
        if _identifier is None:
            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return _identifier
