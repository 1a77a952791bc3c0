"""A day's orders read from indexes at 100,000 orders, never from their wide rows (kilobytes of payload and
result each): Today's sales per tender (ix_hq_orders_day: a day's accepted orders with their ids, to find
their payments) and a station's Z report (ix_hq_orders_station_day: with station_id alone, SQLite read every
order the station ever sent, over a second for one page).

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
    op.create_index("ix_hq_orders_station_day", "hq_orders",
                    ["station_id", "created_at", "status", "total", "offline", "id"])


def downgrade() -> None:
    op.drop_index("ix_hq_orders_station_day", "hq_orders")
    op.drop_index("ix_hq_orders_day", "hq_orders")
