"""Allowances (折讓) and their lines, as stations upload them (hq_allowances, hq_allowance_lines).

Frozen once released: never edit this file after a release (see hq.migrations).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hq_allowances",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("station_id", sa.String(20), nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("period_code", sa.String(5), nullable=False),
        sa.Column("issued_at", sa.String(32), nullable=False),
        sa.Column("received_at", sa.String(32), nullable=False),
        sa.Column("original_order_id", sa.String(36), nullable=False),
        sa.Column("original_invoice_number", sa.String(10), nullable=False),
        sa.Column("original_invoice_date", sa.Date(), nullable=False),
        sa.Column("staff_id", sa.String(20), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("tax", sa.Integer(), nullable=False),
        sa.Column("refunded", sa.Integer(), nullable=False),
        sa.Column("payload_sha256", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("reason_code", sa.String(60), nullable=True),
        sa.Column("cancelled_at", sa.String(32), nullable=True),
        sa.Column("cancel_reason", sa.String(200), nullable=True),
        sa.Column("cancel_approved_by", sa.String(20), nullable=True),
        sa.Column("cancel_sha256", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("number"),
    )
    op.create_index("ix_hq_allowances_station_id", "hq_allowances", ["station_id"])
    op.create_index("ix_hq_allowances_original_order_id", "hq_allowances", ["original_order_id"])
    op.create_index("ix_hq_allowances_listing", "hq_allowances", ["received_at", "id"])
    op.create_table(
        "hq_allowance_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("allowance_id", sa.String(36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("original_position", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(40), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("tax", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["allowance_id"], ["hq_allowances.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_hq_allowance_lines_allowance_id", "hq_allowance_lines", ["allowance_id"])


def downgrade() -> None:
    op.drop_index("ix_hq_allowance_lines_allowance_id", table_name="hq_allowance_lines")
    op.drop_table("hq_allowance_lines")
    op.drop_index("ix_hq_allowances_listing", table_name="hq_allowances")
    op.drop_index("ix_hq_allowances_original_order_id", table_name="hq_allowances")
    op.drop_index("ix_hq_allowances_station_id", table_name="hq_allowances")
    op.drop_table("hq_allowances")
