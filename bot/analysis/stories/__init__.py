"""Stories: entries from several outlets that report the same event, clustered as they arrive.

Pure like the rest of `analysis/`: text and times in, story numbers out. The store keeps the
members so that the service and `newsbot stories` run the same clustering.
"""

from bot.analysis.stories.cluster import cluster_stream
from bot.analysis.stories.features import story_terms, story_terms_many
from bot.analysis.stories.index import Member, StoryIndex, StoryParams

__all__ = ["Member", "StoryIndex", "StoryParams", "cluster_stream", "story_terms", "story_terms_many"]
