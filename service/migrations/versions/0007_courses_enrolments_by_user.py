"""courses and enrolments remember the programme user who added them

A partner may change only the courses it added, and reaches the people it enrolled who
are not seekers (their names and phones) through the user who enrolled them; rows from
before this revision have no such user (only staff and admins reach them).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("courses", schema=None) as batch_op:
        batch_op.add_column(sa.Column("created_by_user_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_courses_created_by_user_id_users"),
            "users",
            ["created_by_user_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("enrolments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("enrolled_by_user_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_enrolments_enrolled_by_user_id"), ["enrolled_by_user_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_enrolments_enrolled_by_user_id_users"),
            "users",
            ["enrolled_by_user_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("enrolments", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_enrolments_enrolled_by_user_id_users"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_enrolments_enrolled_by_user_id"))
        batch_op.drop_column("enrolled_by_user_id")
    with op.batch_alter_table("courses", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_courses_created_by_user_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("created_by_user_id")
