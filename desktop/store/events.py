"""Appending to the event log, which is both the audit trail and the sync outbox (design §2).

Every change to a dossier calls `append_event` with a typed event (`sync.events`) inside the transaction
that changes the dossier row, so the two can never disagree. Each event carries the SHA-256 of the previous
event of the same dossier (`sync.events.event_hash`). `typed(event)` reads a stored row back as its typed
event: nothing else reads `Event.payload`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.roles import require_can_change
from desktop.core.timeutil import now_local
from desktop.store.models import Event, Officer, SyncState, new_uuid
from desktop.store.settings import read_value

if TYPE_CHECKING:  # pydantic is imported on first use: the main window counts pending events at start-up
    from sync.events import TypedEvent

CLOCK_OFFSET_KEY = "clock_offset_ms"


def typed(event: Event) -> TypedEvent:
    """The typed event of a stored row (`sync.events.read_event`)."""
    from sync.events import read_event

    return read_event(event.type, event.payload)


def clock_offset_ms(session: Session) -> int:
    return int(read_value(session, SyncState, CLOCK_OFFSET_KEY, "0") or 0)


def append_event(
    session: Session,
    dossier_id: str,
    body: TypedEvent,
    officer_id: int | None,
    at: datetime | None = None,
) -> Event:
    """Append the next event of a dossier (same transaction as the dossier change). Every change to a
    dossier passes here, so this is where a read-only officer's change is refused (`desktop.core.roles`):
    the caller's transaction is then rolled back with nothing changed."""
    from sync.events import event_hash

    if officer_id is not None:
        officer = session.get(Officer, officer_id)
        if officer is not None:
            require_can_change(officer.role)

    type_, payload = body.kind, body.to_payload()
    last = session.execute(
        select(Event.seq, Event.hash)
        .where(Event.dossier_id == dossier_id)
        .order_by(Event.seq.desc())
        .limit(1)
    ).first()
    seq = (last.seq + 1) if last else 1
    prev_hash = last.hash if last else ""
    event_uuid = new_uuid()
    event = Event(
        uuid=event_uuid,
        dossier_id=dossier_id,
        seq=seq,
        type=type_,
        payload=payload,
        officer_id=officer_id,
        device_time=at or now_local(),
        clock_offset_ms=clock_offset_ms(session),
        prev_hash=prev_hash,
        hash=event_hash(prev_hash, event_uuid, seq, type_, payload),
    )
    session.add(event)
    return event


def pending_count(session: Session) -> int:
    """Events not yet acknowledged by the provincial server."""
    return int(
        session.scalar(select(func.count()).select_from(Event).where(Event.push_status == "pending")) or 0
    )


def events_mentioning(session: Session, kind: str, text: str) -> list[tuple[Event, TypedEvent]]:
    """The events of `kind` whose stored payload contains `text` (a candidate filter in SQL; the caller
    checks the typed field), oldest first, with their rows."""
    from sqlalchemy import String, cast

    rows = session.scalars(
        select(Event)
        .where(Event.type == kind, cast(Event.payload, String).contains(text, autoescape=True))
        .order_by(Event.rowid)
    )
    return [(row, typed(row)) for row in rows]
