"""topics.change_alerts (say when a figure of the topic moved; on by default) and alerts.changes
(the one-line notices an alert carries: "NIS now says 12,000 troops (was ~11,000 per Budanov, 21 Oct)").

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("topics", sa.Column("change_alerts", sa.Boolean, nullable=False, server_default=sa.true()))
    op.add_column("alerts", sa.Column("changes", sa.JSON))


def downgrade() -> None:
    op.drop_column("alerts", "changes")
    op.drop_column("topics", "change_alerts")
