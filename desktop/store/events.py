"""Appending to the event log, which is both the audit trail and the sync outbox (design §2).

Every change to a dossier calls `append_event` inside the transaction that changes the dossier row, so
the two can never disagree. Each event carries the SHA-256 of the previous event of the same dossier.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.timeutil import now_local
from desktop.store.models import Event, SyncState, new_uuid

CLOCK_OFFSET_KEY = "clock_offset_ms"

# Event kinds (`Event.type`) of a dossier's life; the wire keeps them as they are.
RECEIVED = "received"  # the intake snapshot (desktop.services.snapshot)
SUPPLEMENT_REQUESTED = "supplement_requested"
SUPPLEMENT_RECEIVED = "supplement_received"
REFUSED = "refused"
HANDED_OVER = "handed_over"  # to the processing body (status 4)
DUE_EXTENDED = "due_extended"
RESULT_READY = "result_ready"  # the processing body has finished (status 9)
RESULT_RETURNED = "result_returned"  # handed back to the citizen (status 10)
STOPPED = "stopped"
WITHDRAWN = "withdrawn"  # the citizen took the dossier back (status 7)


def event_hash(prev_hash: str, uuid: str, seq: int, type_: str, payload: dict[str, Any]) -> str:
    body = json.dumps([prev_hash, uuid, seq, type_, payload], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def clock_offset_ms(session: Session) -> int:
    row = session.get(SyncState, CLOCK_OFFSET_KEY)
    return int(row.value) if row is not None else 0


def append_event(
    session: Session,
    dossier_id: str,
    type_: str,
    payload: dict[str, Any],
    officer_id: int | None,
    at: datetime | None = None,
) -> Event:
    """Append the next event of a dossier (same transaction as the dossier change)."""
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
