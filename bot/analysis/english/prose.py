"""Words that matter when English prose is cut into sentences and scored for a summary."""

from __future__ import annotations

# Words that end with a period without ending the sentence ("Oct. 18", "Mr. Kim", "Gen. Park").
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj capt cpt sgt cmdr adm gov sen rep pres st jr sr rev hon
vs etc inc ltd corp co bros dept univ est approx ca cf al fig vol pp
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
""".split())
# Abbreviations only when a number follows ("No. 4"); otherwise ordinary words ("said no.").
NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "art", "para", "sec"})
# words too common to say what a title is about
SUMMARY_STOP_WORDS = frozenset("""
a an the and or of in on at to for from by with as is are was were be been it its this that
his her their they he she we you i not no but over after before into about says said say new
""".split())

# Feed furniture around an item's text, not the story (see bot.analysis.boilerplate).
# "Continue reading...", "Read more »", "Read the full story" at the end of a line.
READ_MORE_PHRASES = (
    r"continue reading", r"keep reading", r"read more", r"read the (?:full|whole|rest of the) (?:story|article|post)",
    r"full story(?: here)?", r"click here to read(?: more)?",
)
# "Related: <headline>" and its kin, each opening a list of links.
RELATED_LABELS = (
    r"related(?: (?:stories|articles|coverage|content|links|reading))?", r"see also", r"more on this(?: story)?",
    r"also read", r"read also", r"you may also like", r"recommended",
)
# Syndication and newsletter footers: "The post X appeared first on Y.", "Sign up for our newsletter".
FOOTER_PATTERNS = (
    r"\bthe post\b.{1,300}?\bappeared first on\b[^\n]{0,200}",
    r"\bthis (?:article|story) (?:was )?(?:originally |first )?(?:appeared|published) (?:on|in|at)\b[^\n]{0,200}",
    r"\b(?:sign up for|subscribe to) (?:our|the) [\w -]{0,40}newsletters?\b[^\n]{0,120}",
)
# the commonest English function words: a text of which few words are these is not English prose
FUNCTION_WORDS = frozenset("""
the of and to in a is that for it was on with as by at from he his be are have has were an not but
they this which will would been their had who its or than after about said says she her we
there when also into more could can if up out what all one new
""".split())
