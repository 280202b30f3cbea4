"""Figures in article text: the number, what it counts, who claims it, and how it is qualified.

`extract` is the entry point (spaCy is loaded there); `grouping` is pure and cheap, so the store
and the read side may import it without loading a model.
"""
