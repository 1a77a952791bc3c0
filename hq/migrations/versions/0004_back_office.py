"""The back office: its users, sign-in sessions, audit of actions, acknowledgements, and search indexes.

Frozen once released: never edit this file after a release (see hq.migrations).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hq_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(40), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_signins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.String(32), nullable=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "hq_web_sessions",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("last_seen", sa.String(32), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["hq_users.id"]),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_index("ix_hq_web_sessions_user_id", "hq_web_sessions", ["user_id"])
    op.create_table(
        "hq_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("username", sa.String(40), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target", sa.String(80), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_hq_audit_at", "hq_audit", ["at"])
    op.create_table(
        "hq_acknowledgements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("order_id", sa.String(36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(40), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("mapped_sku", sa.String(40), nullable=True),
        sa.Column("note", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["hq_orders.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "order_id", "position", name="uq_hq_ack"),
    )
    op.create_index("ix_hq_invoices_number", "hq_invoices", ["number"])
    op.create_index("ix_hq_orders_customer_phone", "hq_orders", ["customer_phone"])
    op.create_index("ix_hq_orders_order_no", "hq_orders", ["order_no"])
    op.create_index("ix_hq_orders_created_at", "hq_orders", ["created_at", "station_id", "status", "total", "offline"])
    op.create_index("ix_hq_orders_voided_at", "hq_orders", ["voided_at"])
    op.create_index("ix_hq_order_lines_price_override", "hq_order_lines", ["price_override"])
    op.create_index("ix_hq_order_lines_unknown_sku", "hq_order_lines", ["unknown_sku"])
    op.create_index("ix_hq_orders_attention", "hq_orders", ["attention"])
    op.create_index("ix_hq_orders_station_received", "hq_orders", ["station_id", "received_at"])
    op.create_index("ix_hq_invoices_station_number", "hq_invoices", ["station_id", "period_code", "number"])


def downgrade() -> None:
    indexes = (("ix_hq_invoices_station_number", "hq_invoices"), ("ix_hq_orders_station_received", "hq_orders"),
               ("ix_hq_orders_attention", "hq_orders"), ("ix_hq_order_lines_unknown_sku", "hq_order_lines"),
               ("ix_hq_order_lines_price_override", "hq_order_lines"), ("ix_hq_orders_created_at", "hq_orders"),
               ("ix_hq_orders_order_no", "hq_orders"), ("ix_hq_orders_customer_phone", "hq_orders"),
               ("ix_hq_invoices_number", "hq_invoices"), ("ix_hq_orders_voided_at", "hq_orders"))
    for name, table in indexes:
        op.drop_index(name, table)
    op.drop_table("hq_acknowledgements")
    op.drop_index("ix_hq_audit_at", "hq_audit")
    op.drop_table("hq_audit")
    op.drop_index("ix_hq_web_sessions_user_id", "hq_web_sessions")
    op.drop_table("hq_web_sessions")
    op.drop_table("hq_users")
