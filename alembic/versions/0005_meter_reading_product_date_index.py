"""meter readings indexed by product and date

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 04:00:00

The readings list decides each product's status from its readings in a date
range; with the product id alone every reading of the product was visited.
The new index starts with the product id, so the old one-column index goes.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("meterreading", schema=None) as batch_op:
        batch_op.create_index("ix_meterreading_product_read_on", ["product_id", "read_on"])
        batch_op.drop_index("ix_meterreading_product_id")


def downgrade() -> None:
    with op.batch_alter_table("meterreading", schema=None) as batch_op:
        batch_op.create_index("ix_meterreading_product_id", ["product_id"])
        batch_op.drop_index("ix_meterreading_product_read_on")
