"""Words that mark a claim and its claimant: reporting verbs, role nouns, titles, evidence nouns,
and the quote marks that open a speaker's own words."""

from __future__ import annotations

import re

REPORT_VERBS = {
    "say", "tell", "estimate", "believe", "report", "add", "claim", "state", "announce", "confirm",
    "predict", "forecast", "warn", "show", "find", "reveal", "indicate", "suggest", "note", "argue",
    "insist", "calculate", "project", "reckon", "think", "admit", "acknowledge", "explain", "write",
    "tweet", "assert", "allege", "put", "expect", "told", "count", "record", "register", "publish",
    "disclose", "testify", "conclude", "assess", "anticipate", "project", "declare", "quote",
    "stress", "emphasise", "emphasize", "point", "release", "caution", "brief", "cite", "contend",
    "peg", "place",
}
# only count as reporting when their object is a clause, never "the army put troops on alert"
CLAUSE_ONLY = {"put", "peg", "place", "count", "record", "register", "release", "point", "find", "show", "think", "note"}
# "They had forecast a 6% fall": the object of a forecast is the forecaster's claim
FORECAST_VERBS = {"forecast", "predict", "estimate", "project", "expect", "calculate", "reckon", "put", "peg", "place"}
# "put/peg/place Y at N" estimates only with "at" and a number
AT_FORECAST = {"put", "peg", "place"}
XCOMP_OK = {"estimate", "believe", "reckon", "put", "project", "forecast", "calculate", "report", "say", "tell"}
# reporting without a clause object only in the parenthetical "..., X said." form
SAY_CORE = {"say", "tell", "add", "estimate", "claim", "state", "report", "write", "explain", "insist",
            "argue", "warn", "confirm", "announce", "tweet", "told", "brief"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "i"}
ORG_PRONOUNS = {"it", "they", "we", "its", "their"}
PERSON_ROLES = {
    "chancellor", "minister", "president", "spokesman", "spokeswoman", "spokesperson", "chief",
    "head", "director", "secretary", "governor", "official", "economist", "analyst", "senator",
    "leader", "premier", "chairman", "chairwoman", "chair", "executive", "ceo", "boss", "mayor",
    "commander", "general", "ambassador", "envoy", "king", "queen", "prince", "pm", "representative",
    "congressman", "congresswoman", "lawmaker", "adviser", "advisor", "founder", "manager", "professor",
    "researcher", "scientist", "author", "officer", "diplomat", "prosecutor", "judge", "mp",
    "coordinator", "commissioner", "negotiator", "strategist", "spokesperson", "councillor",
    "deputy", "vice", "treasurer", "economist", "correspondent", "editor",
}
ORG_ROLES = {
    "airline", "company", "firm", "government", "ministry", "agency", "bank", "insurer", "group",
    "organisation", "organization", "carrier", "department", "council", "commission", "office",
    "administration", "military", "army", "police", "service", "union", "association", "institute",
    "board", "committee", "authority", "regulator", "manufacturer", "maker", "retailer", "operator",
    "business", "corporation", "giant", "lender", "broker", "fund", "body", "watchdog", "team",
    "club", "party", "country", "state", "court", "parliament", "cabinet", "center", "centre",
}
# role nouns that stand for a country rather than an organisation
GPE_ROLES = {"government", "country", "state", "nation", "capital", "kingdom", "republic", "administration"}
TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor",
          "president", "senator", "sen", "rep", "gen", "general", "chancellor", "minister",
          "secretary", "governor", "mayor", "judge", "king", "queen", "prince", "pope", "mr.", "mrs.", "dr."}
SHOW_WORDS = {"show", "shows", "showed", "shown", "suggest", "suggests", "suggested", "indicate",
              "indicates", "indicated", "reveal", "reveals", "revealed", "find", "finds", "found"}
EVIDENCE_NOUNS = {"figure", "figures", "data", "datum", "statistics", "number", "numbers", "estimate",
                  "estimates", "report", "survey", "study", "poll", "analysis", "document", "documents",
                  "research", "forecast", "forecasts", "projection", "projections", "calculation", "calculations"}
# "by his count", "in the agency's view", "on their reckoning": a possessor owns the estimate
OPINION_NOUNS = {"count", "estimate", "estimation", "reckoning", "view", "assessment", "calculation",
                 "tally", "judgement", "judgment", "opinion", "account", "analysis", "guess", "reading",
                 "figure", "figures", "numbers", "data", "estimates", "calculations", "projection",
                 "projections", "forecast", "forecasts", "books", "telling", "arithmetic", "math", "maths",
                 "report", "survey", "study", "review", "tracking", "records", "model", "poll"}
OPINION_PREPS = {"by", "in", "on", "from", "to"}
QUOTE_RE = re.compile(r"“[^”]{1,2000}”|\"[^\"\n]{1,2000}\"|‘[^’]{8,2000}’(?!\w)")
# "puts the toll closer to 400": words that make "to" a level, like "at"
NEARER = {"closer", "nearer", "close", "near"}
# role nouns that stand for one named institution only when its name holds the word: "the ministry"
# is the Health Ministry named before, never the statistics bureau that happened to come last
NAMED_ROLES = {"ministry", "department", "court", "bureau", "office", "commission", "council", "committee",
               "police", "army", "navy", "parliament", "cabinet", "embassy", "tribunal", "senate", "party"}
# person roles: "the judge" is a person the article named with that role ("Judge Ana Ruiz", "Ruiz,
# the judge,"), never merely the last person named
