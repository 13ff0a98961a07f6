"""evidence file signature: whether a stored file carries a digital signature, whose, when;
the hash of its text (the same document re-exported is found again)

Revision ID: 0019
Revises: 0014
Create Date: 2026-12-07 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("evidence_file") as batch:
        batch.add_column(sa.Column("signed", sa.Boolean(), nullable=True))
        batch.add_column(
            sa.Column("signed_by", sa.String(length=255), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("signed_at", sa.DateTime(), nullable=True))
        batch.add_column(
            sa.Column("text_key", sa.String(length=64), nullable=False, server_default="")
        )
        batch.create_index("ix_evidence_file_text_key", ["text_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("evidence_file") as batch:
        batch.drop_index("ix_evidence_file_text_key")
        batch.drop_column("text_key")
        batch.drop_column("signed_at")
        batch.drop_column("signed_by")
        batch.drop_column("signed")
