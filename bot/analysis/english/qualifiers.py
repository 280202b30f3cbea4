"""Words that qualify a number: hedges ("about", "more than", "up to"), thresholds crossed
("passed 20,000") and comparisons with an earlier figure ("up from 19%")."""

from __future__ import annotations

import re

# every phrase that hedges the number right after it, as one regex alternation
HEDGE_PHRASES = (
    r"about|around|approximately|approx\.?|roughly|nearly|almost|close\s+to|some|up\s+to|"
    r"more\s+than|over|at\s+least|fewer\s+than|less\s+than|under|(?:an\s+)?estimated(?:\s+at)?|"
    r"as\s+many\s+as|as\s+much\s+as|as\s+few\s+as|upwards\s+of|in\s+excess\s+of|"
    r"(?:a\s+)?maximum\s+of|(?:a\s+)?minimum\s+of|just\s+over|just\s+under|well\s+over|"
    r"well\s+under|well\s+above|below|above|circa|c\.|at\s+most|no\s+more\s+than|no\s+less\s+than|"
    r"more|less|an\s+extra\s+estimated|the\s+best\s+part\s+of|an?\s+approximate|"
    r"upward\s+of|north\s+of|shy\s+of|short\s+of|nearly\s+all|closer\s+to|close\s+on|nearer|"
    r"in\s+the\s+region\s+of|(?:on|of)\s+the\s+order\s+of|something\s+like|getting\s+on\s+for"
)
HEDGES_BEFORE = re.compile(rf"(?:\b(?:{HEDGE_PHRASES})|~)\s*$", re.IGNORECASE)
HEDGES_AFTER = re.compile(r"^\s*(?:or\s+more|or\s+so|or\s+fewer|or\s+less|odd\b|-?plus\b|\+)", re.IGNORECASE)
# verbs whose object is a threshold crossed or neared: "passed 20,000", "topped 9%"
THRESHOLD_VERBS = {"top", "pass", "exceed", "surpass", "near", "approach", "cross", "break",
                   "eclipse", "outstrip", "overtake"}

# "up from 19%", "compared with about 40", "up from his earlier estimate of close to 11,000": the
# figure the last one is compared with counts the same thing
_PRIOR = (r"(?:(?:his|her|its|their|our|my|the|an?)\s+)?(?:[\w'’-]+\s+){0,2}?"
          r"(?:estimate|figure|forecast|projection|count|tally|total|level|reading|guess|number)s?\s+of\s+")
COMPARED = re.compile(r"(?:\b(?:compared\s+(?:with|to)|against|versus|vs\.?|from))\s*"
                      rf"(?:{_PRIOR})?(?:just\s+)?(?:(?:{HEDGE_PHRASES})\s*)?$", re.IGNORECASE)
