"""Devices carry their workstation number and the device they replaced; at most one live device of a unit
holds a number (partial unique index `ux_devices_live_workstation`)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_device_workstation"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None

_LIVE = sa.text("revoked_at IS NULL AND workstation IS NOT NULL")


def upgrade() -> None:
    op.add_column("devices", sa.Column("workstation", sa.Integer(), nullable=True))
    # Inline REFERENCES: SQLite cannot add a foreign key to an existing table with ALTER … ADD CONSTRAINT.
    op.add_column(
        "devices",
        sa.Column("replaced_device_id", sa.String(36), sa.ForeignKey("devices.id"), nullable=True),
        inline_references=True,
    )
    op.create_index(
        "ux_devices_live_workstation",
        "devices",
        ["unit_id", "workstation"],
        unique=True,
        sqlite_where=_LIVE,
        postgresql_where=_LIVE,
    )


def downgrade() -> None:
    raise NotImplementedError("The server's migrations are one-way: restore a backup to go back.")
