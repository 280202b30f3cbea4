"""Estimates stated as someone's: "by her count", "the ministry puts the toll at", "up from its
earlier estimate of", and how a resolved role noun or pronoun is displayed (the name alone)."""

from __future__ import annotations

import pytest

from tests.analysis.figures_helpers import one


@pytest.mark.parametrize(
    ("text", "surface", "who"),
    [
        ("Portugal's Maritime Safety Authority (MSA) expects more storms this week. The safety agency "
         "said 340 containers were stranded.", "340", "Portugal's Maritime Safety Authority (MSA)"),
        ("Finance Minister Helga Brandt met bankers on Monday. The minister said 75 branches would close.",
         "75", "Helga Brandt"),
    ],
)
def test_a_resolved_role_noun_reads_as_the_name_alone(text: str, surface: str, who: str) -> None:
    assert one(text, surface).source == who
