"""courses can be closed and count their taken seats; people enrolled who are not seekers

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("courses", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("seats_taken", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "status",
                sa.Enum(
                    "open",
                    "closed",
                    name="course_status",
                    native_enum=False,
                    create_constraint=True,
                ),
                server_default="open",
                nullable=False,
            )
        )
        batch_op.create_index(batch_op.f("ix_courses_status"), ["status"], unique=False)
        batch_op.create_check_constraint(
            "seats_taken_within", "seats_taken >= 0 AND (seats IS NULL OR seats_taken <= seats)"
        )
    # Seats already taken before this revision: enrolments that hold one.
    op.execute(
        "UPDATE courses SET seats_taken = (SELECT count(*) FROM enrolments"
        " WHERE enrolments.course_id = courses.id AND enrolments.status != 'dropped')"
    )
    with op.batch_alter_table("enrolments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("full_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("phone", sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column("skills_added", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_index(batch_op.f("ix_enrolments_phone"), ["phone"], unique=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_enrolments_course_id_phone"), ["course_id", "phone"]
        )


def downgrade() -> None:
    with op.batch_alter_table("enrolments", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_enrolments_course_id_phone"), type_="unique")
        batch_op.drop_index(batch_op.f("ix_enrolments_phone"))
        batch_op.drop_column("skills_added")
        batch_op.drop_column("phone")
        batch_op.drop_column("full_name")
    with op.batch_alter_table("courses", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_courses_seats_taken_within"), type_="check")
        batch_op.drop_constraint(op.f("ck_courses_course_status"), type_="check")
        batch_op.drop_index(batch_op.f("ix_courses_status"))
        batch_op.drop_column("status")
        batch_op.drop_column("seats_taken")
