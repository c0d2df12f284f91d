"""seekers say where they are willing to work, and whether seasonal work away from home

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 03:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing seekers have not said where they would work (null) and are taken not to
    # accept seasonal work away from home until they say so.
    with op.batch_alter_table("seekers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "work_area",
                sa.Enum(
                    "own_region",
                    "neighbouring",
                    "anywhere",
                    name="work_area",
                    native_enum=False,
                    create_constraint=True,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column("seasonal_work", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("seekers", schema=None) as batch_op:
        # SQLite's batch copy would keep the enum's CHECK on a column it no longer has.
        batch_op.drop_constraint(op.f("ck_seekers_work_area"), type_="check")
        batch_op.drop_column("seasonal_work")
        batch_op.drop_column("work_area")
