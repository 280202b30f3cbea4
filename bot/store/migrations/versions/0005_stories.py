"""stories and story_members: which entries report the same event, with the terms that said so
(kept so that a restarted or second process rebuilds its story index without re-parsing).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

TS = sa.DateTime(timezone=True)

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "story_members",
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
        sa.Column("published", TS, nullable=False),
        sa.Column("terms", sa.JSON, nullable=False),
        sa.Column("added_at", TS, nullable=False),
    )
    op.create_index("ix_story_members_story", "story_members", ["story_id"])
    op.create_index("ix_story_members_published", "story_members", ["published"])
    op.create_index("ix_story_members_added", "story_members", ["added_at"])


def downgrade() -> None:
    op.drop_table("story_members")
    op.drop_table("stories")
