"""Words that qualify a number: hedges and limits ("about", "more than", "up to"), thresholds
crossed ("passed 20,000") and comparisons with an earlier figure ("up from 19%")."""

from __future__ import annotations

import re

# What each phrase right before a number says about it (the figure's `bound`). Longer phrases that
# start earlier win ("no more than" over "more than"), because the search takes the leftmost match.
BOUND_PHRASES: dict[str, str] = {
    "about": (
        r"about|around|approximately|approx\.?|roughly|nearly|almost|close\s+to|some|"
        r"(?:an\s+)?estimated(?:\s+at)?|an\s+extra\s+estimated|as\s+few\s+as|circa|c\.|"
        r"the\s+best\s+part\s+of|an?\s+approximate|nearly\s+all|closer\s+to|close\s+on|nearer|"
        r"in\s+the\s+region\s+of|(?:on|of)\s+the\s+order\s+of|something\s+like|getting\s+on\s+for"
    ),
    "at_least": r"at\s+least|no\s+less\s+than|no\s+fewer\s+than|(?:a\s+)?minimum\s+of",
    "more_than": (
        r"more\s+than|over|above|in\s+excess\s+of|upwards?\s+of|north\s+of|just\s+over|well\s+over|"
        r"well\s+above"
    ),
    "at_most": r"at\s+most|no\s+more\s+than|(?:a\s+)?maximum\s+of",
    "less_than": r"less\s+than|fewer\s+than|under|below|just\s+under|well\s+under|shy\s+of|short\s+of",
    "up_to": r"up\s+to|as\s+many\s+as|as\s+much\s+as",
}
HEDGE_PHRASES = "|".join(BOUND_PHRASES.values())
BOUND_BEFORE = re.compile(
    r"(?:\b(?:" + "|".join(f"(?P<{bound}>{words})" for bound, words in BOUND_PHRASES.items()) + r")|(?P<tilde>~))\s*$",
    re.IGNORECASE,
)
# after the number: "500 or more", "40-odd", "5,000-plus", "20+"
BOUND_AFTER = re.compile(
    r"\s*(?:(?P<at_least>or\s+more|-?plus\b|\+)|(?P<about>or\s+so|-?odd\b)|(?P<at_most>or\s+fewer|or\s+less))",
    re.IGNORECASE,
)
# verbs whose object is a threshold crossed or neared: "passed 20,000", "topped 9%", "neared 500"
THRESHOLD_VERBS = {"top": "more_than", "pass": "more_than", "exceed": "more_than", "surpass": "more_than",
                   "cross": "more_than", "break": "more_than", "eclipse": "more_than", "outstrip": "more_than",
                   "overtake": "more_than", "near": "about", "approach": "about"}

# "up from 19%", "compared with about 40", "up from his earlier estimate of close to 11,000": the
# figure the last one is compared with counts the same thing
_PRIOR = (r"(?:(?:his|her|its|their|our|my|the|an?)\s+)?(?:[\w'’-]+\s+){0,2}?"
          r"(?:estimate|figure|forecast|projection|count|tally|total|level|reading|guess|number)s?\s+of\s+")
COMPARED = re.compile(r"(?:\b(?:compared\s+(?:with|to)|against|versus|vs\.?|from))\s*"
                      rf"(?:{_PRIOR})?(?:just\s+)?(?:(?:{HEDGE_PHRASES})\s*)?$", re.IGNORECASE)
