"""device contact from the meter collector: last contact, status and alerts per product

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 17:00:00

The collector (SPEC X2) reports every device it reaches; a product on
automatic capture that stays silent for seven days is "not reporting".
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_contact_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("device_status", sa.String(length=20), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("device_alerts", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.create_index("ix_product_last_contact_at", ["last_contact_at"])


def downgrade() -> None:
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.drop_index("ix_product_last_contact_at")
        batch_op.drop_column("device_alerts")
        batch_op.drop_column("device_status")
        batch_op.drop_column("last_contact_at")
