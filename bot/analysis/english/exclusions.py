"""Words and patterns that mark a number as no figure: dates, durations, ages, labels, links."""

from __future__ import annotations

import re

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}
# units of time as nouns: "three years", "the quarter"
CALENDAR_UNITS = {
    "second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "century",
    "night", "quarter", "weekend",
}
# a number followed by one of these is a duration, an age or a clock time, never a figure
TIME_UNITS = CALENDAR_UNITS | {
    "season", "term", "yr", "hr", "min", "sec", "semester", "millennium",
    "o'clock", "a.m.", "p.m.", "am", "pm", "gmt", "bst", "est", "edt", "utc",
}
# nouns that say when, never what: "$5m a year" does not count years
TIME_NOUNS = CALENDAR_UNITS | {"time", "period", "morning", "afternoon", "evening"}
# "120 last year": a count at a time; "five years": a duration
TIME_DEICTIC = {"last", "next", "this", "previous", "past", "coming", "same", "following", "that", "every", "each", "per", "a"}
# words after which a number is a name, label or identifier, not a quantity
ID_WORDS = {
    "no", "no.", "nos", "number", "page", "p.", "pp.", "section", "chapter", "article", "clause",
    "paragraph", "version", "v", "flight", "route", "room", "row", "gate", "platform", "line",
    "bus", "tel", "phone", "fax", "ext", "category", "level", "grade", "stage", "phase", "model",
    "episode", "season", "vol", "volume", "issue", "part", "rule", "resolution", "amendment",
    "title", "schedule", "table", "figure", "fig", "exhibit", "appendix", "channel", "district",
    "ward", "precinct", "highway", "interstate", "street", "avenue", "floor", "apartment", "unit",
    "lot", "box", "code", "id", "number:", "top", "covid", "cat", "type", "mark", "mk", "series",
    "class", "band", "tier", "division", "league", "squad", "test", "game", "match", "round",
    "week", "day", "year", "aged", "age", "ages",
}
# "adults under 30": an age bracket of these people
AGE_GROUPS = {"adult", "child", "people", "person", "those", "anyone", "everyone", "voter", "american",
              "woman", "man", "worker", "driver", "patient", "resident", "student", "teenager", "kid",
              "citizen", "respondent", "pensioner", "youngster", "employee", "user", "customer"}
# "$4bn (£2.1bn)": what stands between an amount and its conversion into another currency
CONVERSION_GAP = re.compile(
    r"^\s*[(;,/]\s*(?:(?:about|around|roughly|approximately|approx\.?|some|nearly|almost|or|c\.|"
    r"equivalent\s+to|worth)\s+)?$", re.IGNORECASE)
LINKISH = re.compile(r"(?:://|www\.|@|\.(?:com|org|net|gov|html?|php)\b|[?&=#])", re.IGNORECASE)
PHONE = re.compile(r"(?:\+?\d{1,3}[\s.-])?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")
ADDRESS_WORDS = {"street", "st", "road", "rd", "avenue", "ave", "lane", "boulevard", "blvd", "square",
                 "drive", "place", "way", "terrace", "court", "plaza"}
# a capitalised one of these before a number makes a label ("Stage 3"); lower case, a count at a step
LABEL_WORDS = ID_WORDS - {"top", "week", "day", "year", "test", "game", "match", "round", "level",
                          "stage", "phase", "figure", "unit", "title", "class"}
# "100% confidence", "a hundred percent sure", "gave 110%": a percent that only says "completely"
PERCENT_IDIOM_WORDS = {
    "confidence", "confident", "sure", "certain", "certainty", "committed", "commitment", "behind",
    "right", "correct", "wrong", "honest", "effort", "focused", "focus", "trust", "backing", "agree",
    "convinced", "guarantee", "guaranteed", "fit", "recovered", "happy", "serious", "positive",
}
PERCENT_IDIOM_VERBS = {"give", "agree", "back", "support", "trust"}
# entity labels of a name that a number can be part of ("500 Startups", "7 Eleven")
NAME_ENTITIES = {"ORG", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW", "PERSON"}
