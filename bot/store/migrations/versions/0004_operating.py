"""Operating it: adaptive polling state and feed health on feeds; WebSub subscriptions.

feeds.adaptive (per-feed override of [scheduler] adaptive), adaptive_interval_s / adaptive_at (the
interval last derived from how often the feed publishes, and when), failing_since (start of the
current run of failures), health_warned_at (when the channels were told; cleared by the recovery
notice). websub_subscriptions: one per feed whose publisher advertises a hub.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

TS = sa.DateTime(timezone=True)

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE, no batch copy: on SQLite a table copy would cascade-delete child rows.
    op.add_column("feeds", sa.Column("adaptive", sa.Boolean))
    op.add_column("feeds", sa.Column("adaptive_interval_s", sa.Integer))
    op.add_column("feeds", sa.Column("adaptive_at", TS))
    op.add_column("feeds", sa.Column("failing_since", TS))
    op.add_column("feeds", sa.Column("health_warned_at", TS))
    op.create_table(
        "websub_subscriptions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("feed_id", sa.Integer, sa.ForeignKey("feeds.id", ondelete="CASCADE"), nullable=False),
        sa.Column("hub", sa.Text, nullable=False),
        sa.Column("topic", sa.Text, nullable=False),
        sa.Column("token", sa.String(43), nullable=False),
        sa.Column("secret", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False, server_default="requested"),
        sa.Column("requested_at", TS),
        sa.Column("lease_until", TS),
        sa.Column("next_attempt_at", TS),
        sa.Column("last_error", sa.Text),
        sa.UniqueConstraint("feed_id", name="uq_websub_feed"),
        sa.UniqueConstraint("token", name="uq_websub_token"),
        sa.Index("ix_websub_state_lease", "state", "lease_until"),
    )


def downgrade() -> None:
    op.drop_table("websub_subscriptions")
    for name in ("health_warned_at", "failing_since", "adaptive_at", "adaptive_interval_s", "adaptive"):
        op.drop_column("feeds", name)
