"""report fields (the blanks of a report filled by the officer) and the evidence window
of a year

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 14:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_field",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["evidence_document.id"],
            name=op.f("fk_report_field_document_id_evidence_document"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["report.id"],
            name=op.f("fk_report_field_report_id_report"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_field")),
        sa.UniqueConstraint("report_id", "key", name=op.f("uq_report_field_report_id_key")),
    )
    with op.batch_alter_table("report_field", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_field_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_report_field_report_id"), ["report_id"], unique=False)
    with op.batch_alter_table("assessment_year", schema=None) as batch_op:
        batch_op.add_column(sa.Column("evidence_from", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("evidence_to", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assessment_year", schema=None) as batch_op:
        batch_op.drop_column("evidence_to")
        batch_op.drop_column("evidence_from")
    with op.batch_alter_table("report_field", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_field_report_id"))
        batch_op.drop_index(batch_op.f("ix_report_field_document_id"))
    op.drop_table("report_field")
