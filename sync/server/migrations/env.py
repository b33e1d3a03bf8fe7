"""Alembic's environment for the reference server, configured from code (no alembic.ini).

`sync.server.migrations.upgrade_to_head` opens the connection and its transaction and hands it over in
`config.attributes["connection"]`; every command (stamp, upgrade) runs inside that one transaction.
"""

from __future__ import annotations

from alembic import context

from sync.server.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata)
with context.begin_transaction():
    context.run_migrations()
