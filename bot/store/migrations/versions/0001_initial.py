"""Initial tables: feeds, entries, topics, subscriptions, matches, figures, alerts, outbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "feeds",
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
        sa.Column("next_check_at", TS),
        sa.Column("last_fetched_at", TS),
        sa.Column("error_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        sa.UniqueConstraint("url", name="uq_feeds_url"),
    )
    op.create_index("ix_feeds_due", "feeds", ["enabled", "next_check_at"])
    op.create_index("ix_feeds_guild", "feeds", ["guild"])

    op.create_table(
        "entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("feed_id", sa.Integer, sa.ForeignKey("feeds.id", ondelete="CASCADE"), nullable=False),
        sa.Column("uid", sa.Text, nullable=False),
        sa.Column("link", sa.Text),
        sa.Column("content_hash", sa.Text),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("published", TS),
        sa.Column("author", sa.Text),
        sa.Column("seen_at", TS, nullable=False),
        sa.UniqueConstraint("feed_id", "uid", name="uq_entries_feed_uid"),
        sa.UniqueConstraint("feed_id", "link", name="uq_entries_feed_link"),
        sa.UniqueConstraint("feed_id", "content_hash", name="uq_entries_feed_hash"),
    )
    op.create_index("ix_entries_seen_at", "entries", ["seen_at"])

    op.create_table(
        "topics",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("mention_role", sa.Text),
        sa.Column("guild", sa.Text),
        sa.UniqueConstraint("name", name="uq_topics_name"),
    )

    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("topic_id", sa.Integer, sa.ForeignKey("topics.id", ondelete="CASCADE"), nullable=False),
        sa.Column("destination", sa.Text, nullable=False),
        sa.Column("paused_reason", sa.Text),
        sa.UniqueConstraint("topic_id", "destination", name="uq_subscriptions_topic_destination"),
    )
    op.create_index("ix_subscriptions_destination", "subscriptions", ["destination"])

    op.create_table(
        "matches",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("entries.id", ondelete="CASCADE"), nullable=False),
        sa.Column("topic_id", sa.Integer, sa.ForeignKey("topics.id", ondelete="CASCADE"), nullable=False),
        sa.Column("why", sa.JSON, nullable=False),
        sa.UniqueConstraint("entry_id", "topic_id", name="uq_matches_entry_topic"),
    )

    op.create_table(
        "figures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("entries.id", ondelete="CASCADE"), nullable=False),
        sa.Column("value", sa.Double, nullable=False),
        sa.Column("value_max", sa.Double),
        sa.Column("unit", sa.Text),
        sa.Column("approx", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("what", sa.Text),
        sa.Column("what_norm", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("start_char", sa.Integer, nullable=False),
        sa.Column("end_char", sa.Integer, nullable=False),
    )
    op.create_index("ix_figures_entry", "figures", ["entry_id"])
    op.create_index("ix_figures_what_norm", "figures", ["what_norm"])

    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("entries.id", ondelete="CASCADE"), nullable=False),
        sa.Column("topic_id", sa.Integer, sa.ForeignKey("topics.id", ondelete="CASCADE"), nullable=False),
        sa.Column("why", sa.JSON, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("entry_id", "topic_id", name="uq_alerts_entry_topic"),
    )
    op.create_index("ix_alerts_topic_created", "alerts", ["topic_id", "created_at"])

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("alert_id", sa.Integer, sa.ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("destination", sa.Text, nullable=False),
        sa.Column("nonce", sa.String(25), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", TS),
        sa.Column("last_error", sa.Text),
        sa.Column("remote_id", sa.Text),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("nonce", name="uq_outbox_nonce"),
    )
    op.create_index("ix_outbox_due", "outbox", ["status", "next_attempt_at"])
    op.create_index("ix_outbox_destination_order", "outbox", ["destination", "status", "id"])


def downgrade() -> None:
    for table in ("outbox", "alerts", "figures", "matches", "subscriptions", "topics", "entries", "feeds"):
        op.drop_table(table)
