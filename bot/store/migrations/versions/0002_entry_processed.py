"""entries.processed_at: an entry stays "unprocessed" until its alerts are queued, so a crash between
storing an entry and alerting on it loses nothing (the pipeline picks unprocessed entries up again).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE, no batch copy: on SQLite a table copy would cascade-delete child rows.
    op.add_column("entries", sa.Column("processed_at", sa.DateTime(timezone=True)))
    # Everything stored before this revision was handled by the code of its day.
    op.execute("UPDATE entries SET processed_at = seen_at")
    op.create_index("ix_entries_unprocessed", "entries", ["feed_id", "processed_at"])


def downgrade() -> None:
    op.drop_index("ix_entries_unprocessed", "entries")
    op.drop_column("entries", "processed_at")
