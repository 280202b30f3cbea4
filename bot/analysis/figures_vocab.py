"""Word lists the what-rules use: light nouns, measuring and changing verbs, money verbs."""

from __future__ import annotations

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
TIME_NOUNS = {"year", "month", "week", "day", "quarter", "time", "decade", "hour", "minute", "century",
              "period", "night", "morning", "afternoon", "evening", "weekend"}
SKIP_PREP_OBJ = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
