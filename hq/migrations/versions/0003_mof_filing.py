"""MOF filing: hq_mof_documents, one row per invoice event handed to Turnkey and tracked to the platform's answer.

Frozen once released: never edit this file after a release (see hq.migrations).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hq_mof_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_key", sa.String(60), nullable=False),
        sa.Column("kind", sa.String(5), nullable=False),
        sa.Column("reference", sa.String(20), nullable=False),
        sa.Column("period_code", sa.String(5), nullable=False),
        sa.Column("order_id", sa.String(36), nullable=True),
        sa.Column("station_id", sa.String(20), nullable=True),
        sa.Column("b2b", sa.Boolean(), nullable=False),
        sa.Column("event_at", sa.String(32), nullable=False),
        sa.Column("due_at", sa.String(32), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(120), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("held_reason", sa.Text(), nullable=True),
        sa.Column("error_code", sa.String(20), nullable=True),
        sa.Column("error_text", sa.Text(), nullable=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("handed_at", sa.String(32), nullable=True),
        sa.Column("settled_at", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_key"),
    )
    op.create_index("ix_hq_mof_documents_order_id", "hq_mof_documents", ["order_id"])
    op.create_index("ix_hq_mof_documents_state_due", "hq_mof_documents", ["state", "due_at"])
    op.create_table(
        "hq_mof_result_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(500), nullable=False),
        sa.Column("read_at", sa.String(32), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("path"),
    )


def downgrade() -> None:
    op.drop_table("hq_mof_result_files")
    op.drop_index("ix_hq_mof_documents_state_due", table_name="hq_mof_documents")
    op.drop_index("ix_hq_mof_documents_order_id", table_name="hq_mof_documents")
    op.drop_table("hq_mof_documents")
