"""one alert preference per user and event

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 03:40:00

Older rows of a (user, event) pair that has several are deleted first: the
newest row was the one in force.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        sa.text(
            "DELETE FROM alertpreference WHERE id NOT IN ("
            " SELECT MAX(id) FROM alertpreference GROUP BY user_id, event)"
        )
    )
    with op.batch_alter_table("alertpreference", schema=None) as batch_op:
        batch_op.create_index("ux_alertpreference_user_event", ["user_id", "event"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("alertpreference", schema=None) as batch_op:
        batch_op.drop_index("ux_alertpreference_user_event")
