"""Words the what-rules use (light nouns, measuring and changing verbs, money verbs) and the words
that put claims about one thing into one group ("soldiers", "troops", "servicemen")."""

from __future__ import annotations

import re

LIGHT_NOUNS = {
    "total", "sum", "amount", "maximum", "minimum", "level", "figure", "number", "average", "tally",
    "record", "high", "low", "peak", "value", "count", "estimate", "more", "less", "further",
    "additional", "extra", "most", "least", "each", "range", "mark", "threshold", "worth",
}
# someone's figure for something: "a forecast of $600m in claims" is about the claims
ESTIMATE_NOUNS = {"forecast", "projection", "prediction", "guess", "estimate", "assessment", "calculation"}
# "put/peg the toll at N": the object is what the number measures
ESTIMATE_VERBS = {"put", "peg", "place"}
# nouns that only hold a count of something: "the number of troops" counts troops
CONTAINERS = {"number", "total", "tally", "count", "sum", "amount", "quantity"}
# nouns that hold the thing counted when claims are grouped: "a contingent of soldiers" is soldiers
GROUP_CONTAINERS = CONTAINERS | {"estimate", "group", "contingent", "figure", "force", "batch", "wave", "deployment"}
# a figure whose what is only one of these says what the figure before it counts ("the figure will rise to 15m")
LIGHT_WHAT = {"figure", "number", "total", "tally"}
# verbs whose object or complement is the value of their subject
MEASURE_VERBS = {
    "be", "total", "reach", "hit", "top", "pass", "exceed", "stand", "amount", "climb", "rise",
    "fall", "grow", "jump", "drop", "surge", "increase", "decrease", "decline", "double", "near",
    "approach", "cost", "equal", "account", "represent", "come", "soar", "slump", "plunge", "tumble",
    "edge", "slip", "dip", "remain", "stay", "hover", "peak", "average", "range", "run", "expand",
    "shrink", "contract", "widen", "narrow", "swell", "balloon", "number", "go", "rocket", "leap",
    "gain", "lose", "sink", "slide", "ease", "fluctuate", "settle", "close", "open", "end", "finish",
    "become", "seem", "rebound", "recover", "accelerate", "slow", "top", "surpass", "cross", "touch",
}
CHANGE_NOUN = {
    "rise": "rise", "climb": "rise", "increase": "increase", "raise": "increase", "boost": "boost",
    "grow": "growth", "jump": "jump", "surge": "surge", "soar": "rise", "gain": "gain",
    "expand": "expansion", "fall": "fall", "drop": "drop", "decline": "decline", "decrease": "decrease",
    "cut": "cut", "reduce": "reduction", "slash": "cut", "lower": "cut", "shrink": "contraction",
    "lose": "loss", "slump": "fall", "plunge": "fall", "tumble": "fall", "sink": "fall", "slide": "fall",
    "dip": "dip", "slip": "fall", "ease": "fall", "widen": "widening", "narrow": "narrowing",
    "double": "doubling", "lift": "increase", "trim": "cut", "hike": "increase",
}
FUNDING_VERBS = {"receive", "get", "give", "win", "award", "grant", "allocate", "provide", "secure",
                 "earmark", "appropriate", "obtain"}
TRANSPARENT = {"more", "less", "fewer", "up", "down", "higher", "lower", "further", "additional",
               "extra", "another", "else", "than", "nearly", "almost", "about", "around", "some",
               "over", "under", "least", "most", "much", "many"}
BUDGET_HOLDERS = {"program", "programme", "programs", "agency", "department", "mission", "project",
                  "service", "ministry", "office", "initiative", "scheme", "institute", "university",
                  "school", "hospital", "army", "military", "force", "forces", "police", "nasa", "directorate"}
PAYMENT_FORMS = {"cash", "shares", "stock", "total", "all", "sum", "full", "advance", "instalments"}
TRANSACTION_VERBS = {"pay", "spend", "charge", "fine", "sell", "buy", "bid", "offer", "sue", "seek",
                     "ask", "bill", "value", "price", "acquire", "purchase", "lend", "borrow", "fined"}
VERB_NOUNS = {"cost": "cost", "earn": "earnings", "owe": "debt"}
RATIO_BASES = {"gdp", "gnp", "gni"}
PRONOUNS = {"it", "they", "them", "us", "him", "her", "this", "that", "these", "those", "he", "she", "we", "i", "you", "which", "what", "who"}
PARTICLES = {"back", "up", "down", "out", "off", "away", "in", "home", "abroad", "aside"}
PEOPLE = {"people", "persons", "person", "others", "individuals", "residents", "civilians", "adults",
          "children", "men", "women"}
SKIP_PREP_OBJ = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
IRREGULAR_PARTICIPLES = {
    "leave": "left", "keep": "kept", "send": "sent", "bring": "brought", "take": "taken",
    "make": "made", "hold": "held", "find": "found", "lose": "lost", "get": "got", "put": "put",
    "hit": "hit", "strike": "struck", "drive": "driven", "shoot": "shot", "catch": "caught",
    "feed": "fed", "give": "given", "pay": "paid", "hurt": "hurt", "cut": "cut", "lay": "laid",
}

# whole phrases (lower case) that name the same thing in claims from different sources
WHAT_SYNONYMS = {
    "soldier": "troops", "soldiers": "troops", "troop": "troops", "troops": "troops",
    "serviceman": "troops", "servicemen": "troops", "servicemembers": "troops",
    "service members": "troops", "service member": "troops", "military personnel": "troops",
    "special forces": "special forces", "special force": "special forces",
    "special forces troops": "special forces", "special forces soldiers": "special forces",
    "people": "people", "persons": "people", "person": "people",
    "children": "children", "child": "children",
    "men": "men", "man": "men", "women": "women", "woman": "women",
    "dollars": "dollars", "dollar": "dollars",
    "percent": "percent", "per cent": "percent",
}
# words ending in "s" that are no plural
SINGULAR_ENDINGS = ("ss", "us", "is", "news", "series", "species", "forces")
# words that open a what without saying what it is: "the", "some", "their"
WHAT_OPENERS = re.compile(r"^(?:the|a|an|some|of|its|their|his|her)\s+")
# nouns that name an amount rather than a thing: "the price rose to £9", "growth of 6%"
AMOUNT_NOUNS = {
    "price", "cost", "rate", "share", "growth", "profit", "revenue", "sales", "budget", "debt", "loss",
    "deficit", "spending", "income", "value", "fee", "salary", "tax", "pay", "wage", "fine", "bill",
    "earnings", "turnover", "output", "production", "investment", "funding", "aid", "loan", "damages",
    "compensation", "valuation", "capacity", "target", "inflation", "unemployment", "support", "toll",
}
# nouns for the people a share or count is made of: "59% of respondents", "2,000 voters"
PEOPLE_NOUNS = PEOPLE | {"respondents", "voters", "adults", "households", "workers", "employees", "users",
                         "customers", "residents", "patients", "students", "refugees", "troops", "soldiers"}
# what a unit measures when the text names nothing else: "12 km" is a distance
UNIT_MEASURES = {"km": "distance", "mi": "distance", "m": "distance", "ft": "distance", "cm": "length",
                 "km2": "area", "mi2": "area", "ha": "area", "acres": "area", "sq ft": "area",
                 "kg": "weight", "t": "weight", "lb": "weight", "mph": "speed", "km/h": "speed", "kn": "speed"}
