"""The schema HQ had before versioned migrations (what `HQModel.metadata.create_all` made): 0001.

Frozen: a released revision is never edited (see hq.migrations). Plain SQLAlchemy types only, never the
application's classes: TaipeiDateTime is stored as VARCHAR(32), sqlmodel's AutoString as VARCHAR.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hq_booklet_ranges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_code", sa.String(5), nullable=False),
        sa.Column("track", sa.String(2), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("next_start", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_hq_booklet_ranges_period_code", "hq_booklet_ranges", ["period_code"])

    op.create_table(
        "hq_counters",
        sa.Column("name", sa.String(20), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )

    op.create_table(
        "hq_customers",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("member_code", sa.String(40), nullable=True),
        sa.Column("phone", sa.String(20), nullable=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_hq_customers_member_code", "hq_customers", ["member_code"], unique=True)
    op.create_index("ix_hq_customers_phone", "hq_customers", ["phone"])
    op.create_index("ix_hq_customers_version", "hq_customers", ["version"], unique=True)

    op.create_table(
        "hq_orders",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("station_id", sa.String(20), nullable=False),
        sa.Column("order_no", sa.String(40), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("received_at", sa.String(32), nullable=False),
        sa.Column("staff_id", sa.String(20), nullable=False),
        sa.Column("customer_id", sa.String(40), nullable=True),
        sa.Column("customer_phone", sa.String(20), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("offline", sa.Boolean(), nullable=False),
        sa.Column("payload_sha256", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("voided_at", sa.String(32), nullable=True),
        sa.Column("void_reason", sa.String(), nullable=True),
        sa.Column("price_overrides", sa.Integer(), nullable=False),
        sa.Column("attention", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("station_id", "order_no", name="uq_hq_order_no"),
    )
    op.create_index("ix_hq_orders_listing", "hq_orders", ["received_at", "id"])
    op.create_index("ix_hq_orders_station_id", "hq_orders", ["station_id"])

    op.create_table(
        "hq_products",
        sa.Column("sku", sa.String(40), nullable=False),
        sa.Column("barcode", sa.String(40), nullable=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("price_regular", sa.Integer(), nullable=False),
        sa.Column("price_addon", sa.Integer(), nullable=True),
        sa.Column("price_gift", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("sku"),
    )
    op.create_index("ix_hq_products_barcode", "hq_products", ["barcode"])
    op.create_index("ix_hq_products_version", "hq_products", ["version"], unique=True)

    op.create_table(
        "hq_staff",
        sa.Column("id", sa.String(20), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("pin_hash", sa.String(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_hq_staff_version", "hq_staff", ["version"], unique=True)

    op.create_table(
        "hq_stations",
        sa.Column("id", sa.String(20), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_hq_stations_token_hash", "hq_stations", ["token_hash"], unique=True)

    op.create_table(
        "hq_booklets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_code", sa.String(5), nullable=False),
        sa.Column("track", sa.String(2), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("station_id", sa.String(20), nullable=False),
        sa.Column("range_id", sa.Integer(), nullable=False),
        sa.Column("allocated_at", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(["range_id"], ["hq_booklet_ranges.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("period_code", "track", "start", name="uq_hq_booklet"),
    )
    op.create_index("ix_hq_booklets_station_id", "hq_booklets", ["station_id"])

    op.create_table(
        "hq_invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.String(36), nullable=False),
        sa.Column("station_id", sa.String(20), nullable=False),
        sa.Column("number", sa.String(10), nullable=False),
        sa.Column("period_code", sa.String(5), nullable=False),
        sa.Column("random_code", sa.String(4), nullable=True),
        sa.Column("issued_at", sa.String(32), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("sales", sa.Integer(), nullable=False),
        sa.Column("tax", sa.Integer(), nullable=False),
        sa.Column("seller_ban", sa.String(8), nullable=False),
        sa.Column("buyer_ban", sa.String(8), nullable=True),
        sa.Column("carrier_type", sa.String(10), nullable=True),
        sa.Column("carrier_id", sa.String(64), nullable=True),
        sa.Column("donation_code", sa.String(7), nullable=True),
        sa.Column("qr_left", sa.Text(), nullable=True),
        sa.Column("qr_right", sa.Text(), nullable=True),
        sa.Column("print_mark", sa.Boolean(), nullable=False),
        sa.Column("manual", sa.Boolean(), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("voided_at", sa.String(32), nullable=True),
        sa.ForeignKeyConstraint(["order_id"], ["hq_orders.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("order_id"),
        sa.UniqueConstraint("period_code", "number", name="uq_hq_invoice_number"),
    )

    op.create_table(
        "hq_order_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.String(36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(40), nullable=False),
        sa.Column("entered_name", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("product_type", sa.String(10), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price", sa.Integer(), nullable=False),
        sa.Column("catalog_price", sa.Integer(), nullable=True),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("price_override", sa.Boolean(), nullable=False),
        sa.Column("unknown_sku", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["hq_orders.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_hq_order_lines_order_id", "hq_order_lines", ["order_id"])

    op.create_table(
        "hq_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("tendered", sa.Integer(), nullable=False),
        sa.Column("change", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["hq_orders.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_hq_payments_order_id", "hq_payments", ["order_id"])


def downgrade() -> None:
    for table in ("hq_payments", "hq_order_lines", "hq_invoices", "hq_booklets", "hq_stations", "hq_staff",
                  "hq_products", "hq_orders", "hq_customers", "hq_counters", "hq_booklet_ranges"):
        op.drop_table(table)  # its indexes go with it
