"""The way back (issue 20): `changes`, the unit's `GET /changes` feed in the order the server recorded it
(`event_uuid`: the event a workstation appends for an upstream step and pushes back)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_changes"
down_revision = "0005_blobs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "changes",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True
        ),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("dossier_id", sa.String(36), nullable=True),
        sa.Column("event_uuid", sa.String(36), nullable=True),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_changes_unit", "changes", ["unit_id", "id"])
    op.create_index("ux_changes_event", "changes", ["event_uuid"], unique=True)


def downgrade() -> None:
    raise NotImplementedError("The server's migrations are one-way: restore a backup to go back.")
