"""staff sign-in: second factor, throttling, sessions, regions; funnel stages on matches

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 22:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.base

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

STAGES = ("applied", "contacted", "interview", "hired")


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("regions", models.base.StrListType(), server_default="[]", nullable=False)
        )
        batch_op.add_column(sa.Column("totp_secret", sa.String(length=255), nullable=True))
        batch_op.add_column(
            sa.Column("totp_enrolled_at", models.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("locked_until", models.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("session_version", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("last_sign_in_at", models.base.UTCDateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index("ix_audit_events_actor", ["actor_kind", "actor_id"], unique=False)
    with op.batch_alter_table("matches", schema=None) as batch_op:
        for stage in STAGES:
            batch_op.add_column(
                sa.Column(
                    f"reached_{stage}", sa.Boolean(), server_default=sa.false(), nullable=False
                )
            )
    # The stages each existing match reached, from its events (the record of truth).
    for stage in STAGES:
        # `stage` comes from the constant STAGES, never from input.
        op.execute(
            f"UPDATE matches SET reached_{stage} = EXISTS (SELECT 1 FROM match_events "  # nosec B608
            f"WHERE match_events.match_id = matches.id AND match_events.to_status = '{stage}')"
        )


def downgrade() -> None:
    with op.batch_alter_table("matches", schema=None) as batch_op:
        for stage in STAGES:
            batch_op.drop_column(f"reached_{stage}")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_events_actor")
    with op.batch_alter_table("users", schema=None) as batch_op:
        for column in (
            "last_sign_in_at",
            "session_version",
            "locked_until",
            "failed_logins",
            "totp_last_step",
            "totp_enrolled_at",
            "totp_secret",
            "regions",
        ):
            batch_op.drop_column(column)
