"""The appointment in force at a moment t ("due at t", lifecycle §6.1): a past period judges its dossiers
still open at its end against the appointment as it stood then, not as later events moved it.

The events that move a dossier's appointment carry the one in force before them: an extension
(`DueExtended.previous_due_at`), the papers of a supplement coming back (`SupplementReceived`: the
original appointment before, and the extension in force before is the last one recorded earlier). So the
due at t is the one in force before the first such event recorded after t, or the dossier's current one
when none was. `motcua dossiers --json` lists these changes (`due_changes`) so anyone can recompute it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop.core.timeutil import as_local
from desktop.store.events import typed
from desktop.store.list_keys import stored_time
from desktop.store.models import Event
from sync.events import DueExtended, SupplementReceived

KINDS = (DueExtended.kind, SupplementReceived.kind)
# the appointment a figure judges a dossier against: as it stood at P's end for the dossiers in
# `temp.indicator_due` (open then, moved since), else the one in force now
DUE_AT = (
    "coalesce((SELECT u.due FROM temp.indicator_due u WHERE u.dossier_id = d.id), "
    "coalesce(d.extended_due_at, d.due_at))"
)


def due_changes(
    session: Session, dossier_ids: Sequence[str]
) -> dict[str, list[tuple[datetime, datetime | None]]]:
    """Per dossier, each event that moved its appointment, in order: (recorded at, the due in force before)."""
    out: dict[str, list[tuple[datetime, datetime | None]]] = {}
    for first in range(0, len(dossier_ids), 500):
        events = session.scalars(
            select(Event)
            .where(Event.dossier_id.in_(dossier_ids[first : first + 500]), Event.type.in_(KINDS))
            .order_by(Event.dossier_id, Event.seq)
        )
        extension: dict[str, datetime | None] = {}
        for event in events:
            body = typed(event)
            before: datetime | None
            if isinstance(body, DueExtended):
                before = body.previous_due_at
                extension[event.dossier_id] = body.extended_due_at
            elif isinstance(body, SupplementReceived):
                before = extension.get(event.dossier_id) or body.previous_due_at
                if body.extended_due_at is not None:
                    extension[event.dossier_id] = body.extended_due_at
            else:
                continue
            out.setdefault(event.dossier_id, []).append(
                (as_local(event.device_time), as_local(before) if before is not None else None)
            )
    return out


def dues_at(session: Session, dossier_ids: Sequence[str], at: datetime) -> dict[str, datetime]:
    """The due at `at` of those of `dossier_ids` whose appointment moved after `at` (the others: their
    current one)."""
    out: dict[str, datetime] = {}
    for dossier_id, changes in due_changes(session, dossier_ids).items():
        before = next((due for recorded, due in changes if recorded > at), None)
        if before is not None:
            out[dossier_id] = before
    return out


def fill_due_at(session: Session, scope: str, params: dict[str, object], at: datetime) -> None:
    """`temp.indicator_due`: the due at `at` of the dossiers matching `scope` (over `dossiers d`) whose
    appointment moved after `at`."""
    session.execute(
        text(
            "CREATE TEMP TABLE IF NOT EXISTS indicator_due (dossier_id TEXT PRIMARY KEY, due TEXT) WITHOUT ROWID"
        )
    )
    session.execute(text("DELETE FROM temp.indicator_due"))
    kinds = ", ".join(f"'{kind}'" for kind in KINDS)
    moved = [  # (along the scope's index, then each dossier's events: not along every dossier's id)
        row[0]
        for row in session.execute(
            text(
                f"SELECT d.id FROM dossiers d WHERE {scope} AND EXISTS (SELECT 1 FROM events e "
                f"WHERE e.dossier_id = d.id AND e.type IN ({kinds}) AND e.device_time > :moved_after)"
            ),
            {**params, "moved_after": stored_time(at)},
        )
    ]
    rows = [{"id": i, "due": stored_time(due)} for i, due in dues_at(session, moved, at).items()]
    if rows:
        session.execute(text("INSERT INTO temp.indicator_due (dossier_id, due) VALUES (:id, :due)"), rows)
