"""matches keep the pair's signals as the matcher had them, for learning from outcomes

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Matches opened before this revision were never scored for the record: null.
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signals", sa.JSON(none_as_null=True), nullable=True))
        batch_op.add_column(sa.Column("signals_model", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("signals_encoder", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("matches", schema=None) as batch_op:
        batch_op.drop_column("signals_encoder")
        batch_op.drop_column("signals_model")
        batch_op.drop_column("signals")
