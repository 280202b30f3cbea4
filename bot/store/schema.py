"""Table definitions (SQLAlchemy Core). Alembic's versions/ create the same tables; keep them in step."""

from __future__ import annotations

import sqlalchemy as sa

from bot.store.types import UTCDateTime

metadata = sa.MetaData()

feeds = sa.Table(
    "feeds", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("interval_s", sa.Integer, nullable=False, server_default="300"),
    sa.Column("backfill", sa.Integer, nullable=False, server_default="0"),
    sa.Column("fulltext", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("guild", sa.Text),
    sa.Column("enabled", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("next_check_at", UTCDateTime),
    sa.Column("last_fetched_at", UTCDateTime),
    sa.Column("error_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_error", sa.Text),
    sa.Column("adaptive", sa.Boolean),                  # None: [scheduler] adaptive decides
    sa.Column("adaptive_interval_s", sa.Integer),       # derived from how often the feed publishes
    sa.Column("adaptive_at", UTCDateTime),
    sa.Column("failing_since", UTCDateTime),            # start of the current run of failures
    sa.Column("health_warned_at", UTCDateTime),         # channels were told; cleared on recovery
    sa.Column("moved_to", sa.Text),                     # where 301/308 sent the last polls...
    sa.Column("moved_count", sa.Integer, nullable=False, server_default="0"),   # ...and how many in a row
    sa.Column("moved_from", sa.Text),                   # the address it had before it moved
    sa.Column("moved_at", UTCDateTime),
    sa.Column("leased_until", UTCDateTime),             # being polled by a process until then (renewed)
    sa.UniqueConstraint("url", name="uq_feeds_url"),
    sa.Index("ix_feeds_due", "enabled", "next_check_at"),
    sa.Index("ix_feeds_guild", "guild"),
)

# One row per item ever seen. The three unique keys are the de-duplication rules: an item is "seen"
# when its uid, its canonical link or its content hash is already stored for the same feed.
entries = sa.Table(
    "entries", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("feed_id", sa.Integer, sa.ForeignKey("feeds.id", ondelete="CASCADE"), nullable=False),
    sa.Column("uid", sa.Text, nullable=False),
    sa.Column("link", sa.Text),
    sa.Column("content_hash", sa.Text),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("published", UTCDateTime),
    sa.Column("author", sa.Text),
    sa.Column("seen_at", UTCDateTime, nullable=False),
    sa.Column("processed_at", UTCDateTime),   # null until the entry's alerts are queued (crash safety)
    sa.UniqueConstraint("feed_id", "uid", name="uq_entries_feed_uid"),
    sa.UniqueConstraint("feed_id", "link", name="uq_entries_feed_link"),
    sa.UniqueConstraint("feed_id", "content_hash", name="uq_entries_feed_hash"),
    sa.Index("ix_entries_seen_at", "seen_at"),
    sa.Index("ix_entries_unprocessed", "feed_id", "processed_at"),
)

topics = sa.Table(
    "topics", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("query", sa.Text, nullable=False),
    sa.Column("mention_role", sa.Text),
    sa.Column("guild", sa.Text),
    sa.Column("change_alerts", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.UniqueConstraint("name", name="uq_topics_name"),
)

subscriptions = sa.Table(
    "subscriptions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("topic_id", sa.Integer, sa.ForeignKey("topics.id", ondelete="CASCADE"), nullable=False),
    sa.Column("destination", sa.Text, nullable=False),
    sa.Column("paused_reason", sa.Text),
    sa.UniqueConstraint("topic_id", "destination", name="uq_subscriptions_topic_destination"),
    sa.Index("ix_subscriptions_destination", "destination"),
)

matches = sa.Table(
    "matches", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("entry_id", sa.Integer, sa.ForeignKey("entries.id", ondelete="CASCADE"), nullable=False),
    sa.Column("topic_id", sa.Integer, sa.ForeignKey("topics.id", ondelete="CASCADE"), nullable=False),
    sa.Column("why", sa.JSON, nullable=False),
    sa.UniqueConstraint("entry_id", "topic_id", name="uq_matches_entry_topic"),
)

figures = sa.Table(
    "figures", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("entry_id", sa.Integer, sa.ForeignKey("entries.id", ondelete="CASCADE"), nullable=False),
    sa.Column("value", sa.Double, nullable=False),
    sa.Column("value_max", sa.Double),
    sa.Column("unit", sa.Text),
    sa.Column("approx", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("bound", sa.String(16), nullable=False, server_default="exact"),
    sa.Column("what", sa.Text),
    sa.Column("what_norm", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
    sa.Index("ix_figures_entry", "entry_id"),
    sa.Index("ix_figures_what_norm", "what_norm"),
)

alerts = sa.Table(
    "alerts", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("entry_id", sa.Integer, sa.ForeignKey("entries.id", ondelete="CASCADE"), nullable=False),
    sa.Column("topic_id", sa.Integer, sa.ForeignKey("topics.id", ondelete="CASCADE"), nullable=False),
    sa.Column("why", sa.JSON, nullable=False),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("changes", sa.JSON),        # one-line notices of figures that moved (analysis/claims)
    sa.Column("figures_note", sa.Text, nullable=True),
    sa.UniqueConstraint("entry_id", "topic_id", name="uq_alerts_entry_topic"),
    sa.Index("ix_alerts_topic_created", "topic_id", "created_at"),
)

# WebSub: a feed whose publisher advertises a hub is pushed to us; `token` names its callback URL.
websub_subscriptions = sa.Table(
    "websub_subscriptions", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("feed_id", sa.Integer, sa.ForeignKey("feeds.id", ondelete="CASCADE"), nullable=False),
    sa.Column("hub", sa.Text, nullable=False),
    sa.Column("topic", sa.Text, nullable=False),
    sa.Column("token", sa.String(43), nullable=False),
    sa.Column("secret", sa.String(64), nullable=False),
    sa.Column("state", sa.String(16), nullable=False, server_default="requested"),
    sa.Column("requested_at", UTCDateTime),
    sa.Column("lease_until", UTCDateTime),
    sa.Column("next_attempt_at", UTCDateTime),
    sa.Column("last_error", sa.Text),
    sa.UniqueConstraint("feed_id", name="uq_websub_feed"),
    sa.UniqueConstraint("token", name="uq_websub_token"),
    sa.Index("ix_websub_state_lease", "state", "lease_until"),
)

outbox = sa.Table(
    "outbox", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("alert_id", sa.Integer, sa.ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False),
    sa.Column("destination", sa.Text, nullable=False),
    sa.Column("nonce", sa.String(25), nullable=False),
    sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_attempt_at", UTCDateTime),
    sa.Column("last_error", sa.Text),
    sa.Column("remote_id", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("leased_until", UTCDateTime),             # being sent by a process until then (renewed)
    sa.UniqueConstraint("nonce", name="uq_outbox_nonce"),
    sa.Index("ix_outbox_due", "status", "next_attempt_at"),
    sa.Index("ix_outbox_destination_order", "destination", "status", "id"),
)

# One row per event reported by one or more entries (bot/analysis/stories clusters them).
stories = sa.Table(
    "stories", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

# An entry's story, with the terms it was clustered on: a restarted process rebuilds its index from
# these rows instead of parsing the entries again. `published` falls back to when it was seen.
story_members = sa.Table(
    "story_members", metadata,
    sa.Column("entry_id", sa.Integer, sa.ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    sa.Column("published", UTCDateTime, nullable=False),
    sa.Column("terms", sa.JSON, nullable=False),
    sa.Column("added_at", UTCDateTime, nullable=False),
    sa.Index("ix_story_members_story", "story_id"),
    sa.Index("ix_story_members_published", "published"),
    sa.Index("ix_story_members_added", "added_at"),
)

# Signed chat requests already answered (Slack's timestamp + signature, hashed), kept for the replay
# window: every process behind one URL refuses a captured request another process has seen.
seen_requests = sa.Table(
    "seen_requests", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("seen_at", UTCDateTime, nullable=False),
    sa.Index("ix_seen_requests_seen_at", "seen_at"),
)

# One row per rate-limited destination ("discord" for the whole bot, "slack:<channel>"): the earliest
# moment (Unix seconds) its next send may go out, whichever process sends it.
send_budgets = sa.Table(
    "send_budgets", metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("next_at", sa.Double, nullable=False),
)
