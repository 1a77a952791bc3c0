"""Authority at the till: the manager who allowed a void, and the one who allowed a line's lower price.

Both columns are nullable: orders and voids from stations older than these fields carry no approver.
Frozen once released: never edit this file after a release (see hq.migrations).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("hq_orders", sa.Column("void_approved_by", sa.String(20), nullable=True))
    op.add_column("hq_order_lines", sa.Column("price_approved_by", sa.String(20), nullable=True))


def downgrade() -> None:
    op.drop_column("hq_order_lines", "price_approved_by")
    op.drop_column("hq_orders", "void_approved_by")
