"""An order reissued by a return within its invoice's period names the station's order it replaces
(hq_orders.reissue_of), indexed so the original's page finds its reissue.

Frozen once released: never edit this file after a release (see hq.migrations).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("hq_orders") as batch:
        batch.add_column(sa.Column("reissue_of", sa.String(36), nullable=True))
    op.create_index("ix_hq_orders_reissue_of", "hq_orders", ["reissue_of"])


def downgrade() -> None:
    op.drop_index("ix_hq_orders_reissue_of", "hq_orders")
    with op.batch_alter_table("hq_orders") as batch:
        batch.drop_column("reissue_of")
