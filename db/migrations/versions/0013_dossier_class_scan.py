"""dossier class scan index: a period's figures in one pass without a sort

Revision ID: 0013
Revises: 0006
Create Date: 2026-11-25 21:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_dossier_class_scan",
        "dossier",
        ["klass", "field", "received_at", "result_at", "due_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_dossier_class_scan", table_name="dossier")
