"""seekers remember their last activity and the retention notice they were given

`jumush retention` anonymises seekers inactive for a set period after a notice. Seekers
from before this revision get their last change (`updated_at`) as their last activity:
the latest time known, so nobody is counted as inactive for longer than they were.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 10:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.base

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("seekers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("last_active_at", models.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("retention_notice_at", models.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            batch_op.f("ix_seekers_last_active_at"), ["last_active_at"], unique=False
        )
    op.execute("UPDATE seekers SET last_active_at = updated_at")


def downgrade() -> None:
    with op.batch_alter_table("seekers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seekers_last_active_at"))
        batch_op.drop_column("retention_notice_at")
        batch_op.drop_column("last_active_at")
