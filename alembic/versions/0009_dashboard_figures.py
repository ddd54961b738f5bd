"""dashboard figures stored: pages per reading and account-month, ticket resolution

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 09:00:00

The dashboards (SPEC X3) paired every reading in the period with the one before
it at query time, a second or more at a million readings. Each reading now
holds the pages since the product's previous reading, and ``accountvolume``
their sums per account and month, kept by ``portal.volume``. Each ticket holds
its product's account, its month of resolution and time to resolve
(``models.ticket_resolution``), indexed so medians are read in order. All are filled here from what is stored.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("meterreading", schema=None) as batch_op:
        batch_op.add_column(sa.Column("black_pages", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("colour_pages", sa.BigInteger(), nullable=True))
    op.create_table(
        "accountvolume",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("black_pages", sa.BigInteger(), nullable=True),
        sa.Column("colour_pages", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["account.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ux_accountvolume_account_month", "accountvolume", ["account_id", "month"], unique=True
    )
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resolved_month", sa.String(length=7), nullable=True))
        batch_op.add_column(sa.Column("resolution_seconds", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("account_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_ticket_account_id", "account", ["account_id"], ["id"])
        batch_op.create_index(
            "ix_ticket_resolution",
            ["resolved_month", "resolution_seconds", "account_id", "product_id"],
        )
    # The rules of today's code fill the new columns (the tables match this revision).
    from portal import volume
    from portal.models import Ticket, ticket_resolution

    bind = op.get_bind()
    volume.refresh(bind)
    ticket = Ticket.__table__
    times = (ticket.c.created_at, ticket.c.solved_at, ticket.c.closed_at, ticket.c.paused_seconds)
    resolved = sa.or_(ticket.c.solved_at.is_not(None), ticket.c.closed_at.is_not(None))
    rows = [
        dict(zip(("key", "month", "seconds"), (id_, *ticket_resolution(*rest)), strict=True))
        for id_, *rest in bind.execute(sa.select(ticket.c.id, *times).where(resolved))
    ]
    product = sa.table("product", sa.column("id"), sa.column("account_id"))
    bind.execute(
        ticket.update().values(
            account_id=sa.select(product.c.account_id)
            .where(product.c.id == ticket.c.product_id)
            .scalar_subquery()
        )
    )
    if rows:
        bind.execute(
            ticket.update()
            .where(ticket.c.id == sa.bindparam("key"))
            .values(
                resolved_month=sa.bindparam("month"), resolution_seconds=sa.bindparam("seconds")
            ),
            rows,
        )


def downgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_resolution")
        batch_op.drop_constraint("fk_ticket_account_id", type_="foreignkey")
        batch_op.drop_column("account_id")
        batch_op.drop_column("resolution_seconds")
        batch_op.drop_column("resolved_month")
    op.drop_index("ux_accountvolume_account_month", table_name="accountvolume")
    op.drop_table("accountvolume")
    with op.batch_alter_table("meterreading", schema=None) as batch_op:
        batch_op.drop_column("colour_pages")
        batch_op.drop_column("black_pages")
