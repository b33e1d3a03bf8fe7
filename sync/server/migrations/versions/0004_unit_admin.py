"""Officer accounts may hold the unit administrator's role (`officers.unit_admin`), which enrolling a
device that replaces another live one requires; every existing account starts without it."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_unit_admin"
down_revision = "0003_pending_enrolment"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "officers", sa.Column("unit_admin", sa.Boolean(), nullable=False, server_default=sa.false())
    )


def downgrade() -> None:
    raise NotImplementedError("The server's migrations are one-way: restore a backup to go back.")
