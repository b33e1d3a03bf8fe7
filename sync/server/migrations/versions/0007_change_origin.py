"""Every counter knows the unit's dossiers (issue 20): `changes.origin_device_id`, the device whose push
wrote a `dossier` item (it is not sent back to that device), and one `dossier` item for every dossier the
server already holds, so a workstation's first pull brings the unit's whole history."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_change_origin"
down_revision = "0006_changes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("changes", sa.Column("origin_device_id", sa.String(36), nullable=True))
    op.execute(
        "INSERT INTO changes (unit_id, kind, dossier_id, body, created_at) "
        "SELECT unit_id, 'dossier', id, '{}', CURRENT_TIMESTAMP FROM dossiers "
        "WHERE code IS NOT NULL ORDER BY updated_at, id"
    )


def downgrade() -> None:
    raise NotImplementedError("The server's migrations are one-way: restore a backup to go back.")
