"""alerts.figures_note: why an alert's text has no figures (a text not in English is not read),
so that every surface can say so instead of showing an empty list.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("alerts", sa.Column("figures_note", sa.Text, nullable=True))


def downgrade() -> None:
    op.drop_column("alerts", "figures_note")
