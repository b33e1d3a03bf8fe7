"""The writers of the unit's `GET /changes` feed (`changes`) take one lock until they commit (SQLite writes
one at a time anyway), so the ids become visible in their order and a reader never steps over an item
committed later with a smaller id (`sync.server.upstream.changes_page`)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

FEED_LOCK = 0x6D6F_6375_6101  # pg_advisory_xact_lock key of the writers of `changes`


def serialise_feed(session: Session) -> None:
    """One writer of the feed at a time until its commit (PostgreSQL: a transaction advisory lock)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": FEED_LOCK})
