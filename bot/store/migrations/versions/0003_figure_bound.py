"""figures.bound: what a figure's qualifier says ("more than", "up to", "at least"...), which
`approx` alone cannot tell apart.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("figures", sa.Column("bound", sa.String(16), nullable=False, server_default="exact"))
    # Older rows knew only approx/range; keep what they said.
    op.execute("UPDATE figures SET bound = 'range' WHERE value_max IS NOT NULL")
    op.execute("UPDATE figures SET bound = 'about' WHERE value_max IS NULL AND approx")


def downgrade() -> None:
    op.drop_column("figures", "bound")
