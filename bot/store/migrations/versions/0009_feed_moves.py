"""A feed that answers 301/308 to the same new address at consecutive polls moves there: feeds.moved_to
and moved_count count those polls, moved_from and moved_at say where it came from (shown in /feeds).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

TS = sa.DateTime(timezone=True)

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE, no batch copy: on SQLite a table copy would cascade-delete child rows.
    op.add_column("feeds", sa.Column("moved_to", sa.Text))
    op.add_column("feeds", sa.Column("moved_count", sa.Integer, nullable=False, server_default="0"))
    op.add_column("feeds", sa.Column("moved_from", sa.Text))
    op.add_column("feeds", sa.Column("moved_at", TS))


def downgrade() -> None:
    for column in ("moved_at", "moved_from", "moved_count", "moved_to"):
        op.drop_column("feeds", column)
