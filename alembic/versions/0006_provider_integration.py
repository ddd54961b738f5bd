"""provider integration: API keys, idempotency, heartbeats, external references, ticket changes

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 16:30:00

``ticket.updated_at`` starts at the newest of the ticket's creation and its
activities, so the API's change feed (SPEC F2) begins with a true history.
Organisations and locations get an optional external reference, the key
the fleet import (SPEC F1) upserts them by.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("external_ref", sa.String(length=60), nullable=True))
        batch_op.create_unique_constraint("uq_organisation_external_ref", ["external_ref"])
    with op.batch_alter_table("location", schema=None) as batch_op:
        batch_op.add_column(sa.Column("external_ref", sa.String(length=60), nullable=True))
        batch_op.create_unique_constraint("uq_location_external_ref", ["external_ref"])
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        sa.text(
            "UPDATE ticket SET updated_at = COALESCE("
            " (SELECT MAX(a.created_at) FROM ticketactivity a WHERE a.ticket_id = ticket.id"
            "  AND a.created_at > ticket.created_at), ticket.created_at)"
        )
    )
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.alter_column(
            "updated_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )
        batch_op.create_index("ix_ticket_updated_at_id", ["updated_at", "id"])

    op.create_table(
        "apikey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("scopes", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rate_window_start", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rate_window_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["created_by_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key_hash"),
        sa.UniqueConstraint("prefix"),
    )
    op.create_table(
        "idempotencyrecord",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("api_key_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("path", sa.String(length=300), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response_body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["api_key_id"], ["apikey.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("idempotencyrecord", schema=None) as batch_op:
        batch_op.create_index("ux_idempotency_key", ["api_key_id", "key"], unique=True)
        batch_op.create_index("ix_idempotencyrecord_created_at", ["created_at"])
    op.create_table(
        "heartbeat",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("holder", sa.String(length=80), nullable=False),
        sa.Column("beat_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("heartbeat")
    with op.batch_alter_table("idempotencyrecord", schema=None) as batch_op:
        batch_op.drop_index("ix_idempotencyrecord_created_at")
        batch_op.drop_index("ux_idempotency_key")
    op.drop_table("idempotencyrecord")
    op.drop_table("apikey")
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_updated_at_id")
        batch_op.drop_column("updated_at")
    with op.batch_alter_table("location", schema=None) as batch_op:
        batch_op.drop_constraint("uq_location_external_ref", type_="unique")
        batch_op.drop_column("external_ref")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_constraint("uq_organisation_external_ref", type_="unique")
        batch_op.drop_column("external_ref")
