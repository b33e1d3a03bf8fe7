"""Time limits never guessed (issue 22): `time_limit_corrections`, the communes' confirmations of the time
limits the catalogue marks unconfirmed (`POST /catalogue:corrections`, `motcua-server admin corrections`)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_time_limit_corrections"
down_revision = "0007_change_origin"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "time_limit_corrections",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=False),
        sa.Column("device_id", sa.String(36), sa.ForeignKey("devices.id"), nullable=False),
        sa.Column("procedure_code", sa.String(40), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(10), nullable=False),
        sa.Column("cutoff", sa.String(5), nullable=True),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("catalogue_version", sa.String(300), nullable=False),
        sa.Column("officer", sa.String(300), nullable=False),
        sa.Column("workstation", sa.Integer(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_time_limit_corrections_unit", "time_limit_corrections", ["unit_id", "procedure_code"])


def downgrade() -> None:
    raise NotImplementedError("The server's migrations are one-way: restore a backup to go back.")
