"""Helpers for the figure tests: find the figure written as `surface` in a sentence."""

from __future__ import annotations

from bot.analysis.figures.extract import extract_figures
from bot.models import Figure


def figures(text: str) -> dict[str, Figure]:
    """Figures keyed by how the number is written in `text`."""
    return {text[f.start:f.end]: f for f in extract_figures(text)}


def one(text: str, surface: str) -> Figure:
    found = figures(text)
    assert surface in found, f"{surface!r} not among {list(found)}"
    return found[surface]
