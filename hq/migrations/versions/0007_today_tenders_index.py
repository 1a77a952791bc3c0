"""Today's sales per tender at 100,000 orders: a day's accepted orders with their ids, read from an index
(ix_hq_orders_day) to find their payments, where the day index without the id sent each one to its wide row
(kilobytes of payload and result) only to learn the id.

Frozen once released: never edit this file after a release (see hq.migrations).
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_hq_orders_day", "hq_orders", ["created_at", "status", "id"])


def downgrade() -> None:
    op.drop_index("ix_hq_orders_day", "hq_orders")
