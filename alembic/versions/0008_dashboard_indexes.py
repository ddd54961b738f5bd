"""tickets indexed for the dashboards

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 13:00:00

The dashboards (SPEC X3) count a customer's tickets by product: with the product
id alone every ticket of each product was read from the table. The new index
starts with the product id and holds every column the dashboards read, so they
are answered from the index alone.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = [
    "product_id",
    "created_at",
    "ticket_type",
    "resolution_due_at",
    "solved_at",
    "closed_at",
    "paused_seconds",
]


def upgrade() -> None:
    op.create_index("ix_ticket_dashboard", "ticket", COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_ticket_dashboard", table_name="ticket")
