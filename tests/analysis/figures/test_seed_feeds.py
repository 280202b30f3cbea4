"""The project's own seed feeds (seeds/round1, round2) end to end: feed bytes -> parser -> extractor.
Every troop figure must say who claims it and count soldiers, troops, brigades or forces."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.analysis.figures.extract import extract_many
from bot.models import Figure
from bot.reader.parser import parse_feed

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
MILITARY = re.compile(r"\b(?:troops|soldiers|brigades|forces|contingent)\b", re.IGNORECASE)
HEADS = {"soldiers", "troops", "brigades", "forces"}


@pytest.fixture(scope="module")
def troop_figures() -> list[tuple[str, Figure]]:
    texts: list[tuple[str, str]] = []
    for path in sorted(SEEDS.glob("round*/*")):
        if path.suffix not in (".xml", ".atom"):
            continue
        for entry in parse_feed(path.read_bytes(), f"https://seeds.example/{path.name}").entries:
            texts.append((f"{path.parent.name}/{path.name}", entry.text))
    out = []
    for (name, _), figures in zip(texts, extract_many(t for _, t in texts)):
        out += [(name, f) for f in figures if f.unit is None and MILITARY.search(f.sentence)]
    return out


def test_the_seed_feeds_hold_the_troop_figures(troop_figures: list[tuple[str, Figure]]) -> None:
    values = {f.value for _, f in troop_figures}
    assert {4, 1500, 2600, 10000, 11000, 12000} <= values
    assert len(troop_figures) >= 14          # round2 repeats round1 and adds Budanov's update


def test_every_troop_figure_has_a_source_and_counts_troops(troop_figures: list[tuple[str, Figure]]) -> None:
    bad = [(name, f.value, f.what, f.source) for name, f in troop_figures
           if not f.source or not f.what or f.what.split()[-1] not in HEADS]
    assert not bad, bad


def test_sources_are_names_not_role_nouns(troop_figures: list[tuple[str, Figure]]) -> None:
    assert not [f.source for _, f in troop_figures if f.source and f.source.endswith(")") and " (" in f.source
                and not re.search(r"\([A-Z]{2,}\)$", f.source)]
