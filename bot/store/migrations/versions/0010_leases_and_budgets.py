"""Leases that outlive no process, and one send budget per destination across processes.

feeds.leased_until / outbox.leased_until: a process that takes a feed to poll or a row to send
leases it until then and renews the lease while it works; the real next check or next attempt is
no longer overwritten by a claim, and a killed process's work is free again once its lease runs out.
send_budgets: one row per rate-limited destination (all of Discord, one Slack channel), `next_at`
the earliest moment (Unix seconds) the next send may go out, whichever process sends it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE, no batch copy: on SQLite a table copy would cascade-delete child rows.
    op.add_column("feeds", sa.Column("leased_until", sa.DateTime(timezone=True)))
    op.add_column("outbox", sa.Column("leased_until", sa.DateTime(timezone=True)))
    op.create_table(
        "send_budgets",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("next_at", sa.Double, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("send_budgets")
    op.drop_column("outbox", "leased_until")
    op.drop_column("feeds", "leased_until")
