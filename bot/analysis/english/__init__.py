"""Everything newsbot knows about English, in one place: number and currency words, the words that
qualify a number, that mark a number as no figure, that say what a figure counts and who claims it,
and the words that matter when prose is cut into sentences.

The rules in `bot.analysis.figures` and `bot.analysis.summarize` import their words from here and
nowhere else; a second language would be a sibling of this package. Themes live in submodules so
that each stays short; import from the package.
"""

from bot.analysis.english.claims import *  # noqa: F403
from bot.analysis.english.exclusions import *  # noqa: F403
from bot.analysis.english.numbers import *  # noqa: F403
from bot.analysis.english.prose import *  # noqa: F403
from bot.analysis.english.qualifiers import *  # noqa: F403
from bot.analysis.english.what import *  # noqa: F403
