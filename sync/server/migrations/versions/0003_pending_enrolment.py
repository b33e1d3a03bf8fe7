"""Enrolment in two steps: a device enrolled with the client's `enrolment_id` stays pending (`confirmed_at`
NULL) until the workstation confirms it stored its token, and only confirmed devices hold a workstation
number (`ux_devices_live_workstation` gains `confirmed_at IS NOT NULL`). Devices enrolled before this
revision were live at once: they are confirmed as of their creation."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_pending_enrolment"
down_revision = "0002_device_workstation"
branch_labels = None
depends_on = None

_LIVE = sa.text("revoked_at IS NULL AND confirmed_at IS NOT NULL AND workstation IS NOT NULL")


def upgrade() -> None:
    op.add_column("devices", sa.Column("enrolment_id", sa.String(36), nullable=True))
    op.add_column("devices", sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE devices SET confirmed_at = created_at")
    op.create_index("ux_devices_enrolment", "devices", ["enrolment_id"], unique=True)
    op.drop_index("ux_devices_live_workstation", table_name="devices")
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
