"""dashboard figures stored: pages per reading and account-month, ticket resolution

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 09:00:00

The dashboards (SPEC X3) paired every reading in the period with the one before
it at query time, a second or more at a million readings. Each reading now
holds the pages since the product's previous reading, and ``accountvolume``
their sums per account and month, kept by ``portal.volume``. Each ticket holds
its product's account, its months of creation, deadline and resolution and its
time to resolve (``models.ticket_figures``), indexed so whole accounts are read
month by month and medians in order. All are filled here from what is stored.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FIGURES = ("created_month", "due_month", "resolved_month", "resolution_seconds")
INDEXES = {
    "ix_ticket_created_month": ["created_month", "ticket_type", "account_id", "product_id"],
    "ix_ticket_due_month": [
        "due_month",
        "account_id",
        "product_id",
        "resolution_due_at",
        "solved_at",
        "closed_at",
    ],
    "ix_ticket_resolution": ["resolved_month", "resolution_seconds", "account_id", "product_id"],
}


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
        batch_op.add_column(sa.Column("account_id", sa.Integer(), nullable=True))
        for name in FIGURES[:3]:
            batch_op.add_column(sa.Column(name, sa.String(length=7), nullable=True))
        batch_op.add_column(sa.Column("resolution_seconds", sa.Float(), nullable=True))
        batch_op.create_foreign_key("fk_ticket_account_id", "account", ["account_id"], ["id"])
        for name, columns in INDEXES.items():
            batch_op.create_index(name, columns)
    # The rules of today's code fill the new columns (the tables match this revision).
    from portal import volume
    from portal.models import Ticket, ticket_figures

    bind = op.get_bind()
    volume.refresh(bind)
    ticket = Ticket.__table__
    product = sa.table("product", sa.column("id"), sa.column("account_id"))
    bind.execute(
        ticket.update().values(
            account_id=sa.select(product.c.account_id)
            .where(product.c.id == ticket.c.product_id)
            .scalar_subquery()
        )
    )
    names = ("created_at", "resolution_due_at", "solved_at", "closed_at", "paused_seconds")
    times = sa.select(ticket.c.id, *(ticket.c[name] for name in names))
    rows = [{"key": key, **ticket_figures(*rest)} for key, *rest in bind.execute(times)]
    if rows:
        bind.execute(
            ticket.update()
            .where(ticket.c.id == sa.bindparam("key"))
            .values({name: sa.bindparam(name) for name in FIGURES}),
            rows,
        )


def downgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        for name in INDEXES:
            batch_op.drop_index(name)
        batch_op.drop_constraint("fk_ticket_account_id", type_="foreignkey")
        for name in ("account_id", *FIGURES):
            batch_op.drop_column(name)
    op.drop_index("ux_accountvolume_account_month", table_name="accountvolume")
    op.drop_table("accountvolume")
    with op.batch_alter_table("meterreading", schema=None) as batch_op:
        batch_op.drop_column("colour_pages")
        batch_op.drop_column("black_pages")
