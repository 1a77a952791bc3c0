"""The back office's second revision: each station's last contact, version and clock skew
(hq_station_contacts), and the indexes Today and Needs attention need at 100,000 orders.

It follows 0004 directly: the number 0005 was never used.

Frozen once released: never edit this file after a release (see hq.migrations).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hq_station_contacts",
        sa.Column("station_id", sa.String(20), nullable=False),
        sa.Column("last_contact", sa.String(32), nullable=False),
        sa.Column("version", sa.String(40), nullable=True),
        sa.Column("clock_skew_seconds", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("station_id"),
    )


def downgrade() -> None:
    op.drop_table("hq_station_contacts")
