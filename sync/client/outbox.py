"""The outbox side of a push: which events go next, and what the server's answers change locally.

Events leave in rowid order, which is each dossier's sequence order. A dossier with an event in
`conflict` is set aside (its history differs from the province's; people must look) and never blocks
the others. Rejections are terminal per event and shown on the dossier (`sync_status`, `sync_error`,
Vietnamese; `sync.client.status.dossier_sync` gives every refused change with its reason). A `gap` answer means the server lacks earlier events: those are queued again. A change this
workstation cannot put on the wire at all is refused locally (`invalid`, with a Vietnamese reason on the
dossier) and sets its dossier aside, like a conflict.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import Select, Table, bindparam, func, select, update
from sqlalchemy.orm import Session

from desktop.store import settings
from desktop.store.models import Dossier, Event, Officer
from sync.client.records import Unsendable, to_wire
from sync.client.status import REFUSED, event_rows_of, scan_problems, scan_rows, sync_state
from sync.common.timeutil import now_local
from sync.protocol import EventResult, WireEvent, field_label

ACKNOWLEDGED = ("accepted", "duplicate")
SET_ASIDE = ("conflict", "invalid")  # the dossier's later changes wait for a person


@dataclass
class Tally:
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    conflict: int = 0
    requeued: int = 0
    gaps: int = 0
    dossiers: set[str] = field(default_factory=set)
    stuck: set[str] = field(default_factory=set)  # a gap nothing local can fill: set aside this pass

    def add(self, other: Tally) -> None:
        self.accepted += other.accepted
        self.duplicate += other.duplicate
        self.rejected += other.rejected
        self.conflict += other.conflict
        self.requeued += other.requeued
        self.gaps += other.gaps


def _set_aside() -> Select[str]:
    return select(Event.dossier_id).where(Event.push_status.in_(SET_ASIDE))


def next_batch(session: Session, limit: int, skip: set[str]) -> list[WireEvent]:
    """The next pending events in order, leaving out set-aside dossiers and those in `skip`.

    An event that cannot be put on the wire (`Unsendable`) is marked `invalid` with its reason here, and
    its dossier is set aside (its later changes would only meet a gap at the province); the caller
    commits."""
    query = (
        select(Event, Officer.username)
        .outerjoin(Officer, Officer.id == Event.officer_id)
        .where(Event.push_status == "pending", Event.dossier_id.not_in(_set_aside()))
        .order_by(Event.rowid)
    )
    if skip:
        query = query.where(Event.dossier_id.not_in(skip))
    demo = settings.is_demo(session)
    while True:
        batch: list[WireEvent] = []
        refused: set[str] = set()
        for event, username in session.execute(query.limit(limit)).all():
            if event.dossier_id in refused:
                continue
            try:
                batch.append(to_wire(event, username, demo))
            except Unsendable as exc:
                event.push_status, event.push_error = "invalid", str(exc)
                refused.add(event.dossier_id)
        if refused:
            session.flush()
            refresh_dossiers(session, refused)
            batch = [e for e in batch if e.dossier_id not in refused]
        if batch or not refused:
            return batch


def outstanding_problems(session: Session) -> int:
    """Events the server refused (rejected or conflict): they need an officer's attention."""
    return int(
        session.scalar(select(func.count()).select_from(Event).where(Event.push_status.in_(REFUSED))) or 0
    )


def apply_results(session: Session, sent: list[WireEvent], results: list[EventResult]) -> Tally:
    """Record the server's answers on the events and their dossiers (one local transaction)."""
    tally = Tally()
    by_uuid = {e.uuid: e for e in sent}
    now = now_local()
    for result in results:
        event = by_uuid.get(result.uuid)
        if event is None:
            continue
        tally.dossiers.add(event.dossier_id)
        if result.status == "gap":
            tally.gaps += 1
            expected = result.expected_seq or 1
            requeued = session.execute(
                update(Event)
                .where(
                    Event.dossier_id == event.dossier_id,
                    Event.seq >= expected,
                    Event.seq < event.seq,
                    Event.push_status.in_(ACKNOWLEDGED),
                )
                .values(push_status="pending", push_error="", pushed_at=None)
                .execution_options(synchronize_session=False)
            )
            count = int(requeued.rowcount or 0)  # type: ignore[attr-defined]
            tally.requeued += count
            if not count:
                tally.stuck.add(event.dossier_id)
            continue
        setattr(tally, result.status, getattr(tally, result.status) + 1)
        error = ""
        if result.status in REFUSED:
            error = result.reason or "Máy chủ tỉnh từ chối sự kiện."
            if result.field:
                error += f" (trường: {field_label(result.field)})"
        session.execute(
            update(Event)
            .where(Event.uuid == result.uuid)
            .values(push_status=result.status, push_error=error, pushed_at=now)
            .execution_options(synchronize_session=False)
        )
    refresh_dossiers(session, tally.dossiers)
    return tally


def refresh_dossiers(session: Session, dossier_ids: Iterable[str]) -> None:
    """`Dossier.sync_status`/`sync_error` from its events, by the rule of `sync.client.status`; the events
    of up to `REFRESH_CHUNK` dossiers read at once, only the rows that change written (one executemany)."""
    ids = list(dict.fromkeys(dossier_ids))
    problems = scan_problems(session) if ids else {}
    for first in range(0, len(ids), REFRESH_CHUNK):
        chunk = ids[first : first + REFRESH_CHUNK]
        rows = event_rows_of(session, chunk)
        states = {
            dossier_id: sync_state(rows.get(dossier_id, []), scan_rows(session, dossier_id, problems))
            for dossier_id in chunk
        }
        values = [
            {
                "b_id": dossier_id,
                "b_status": "pending" if state.state == "none" else state.state,
                "b_error": state.message,
            }
            for dossier_id, state in states.items()
        ]
        session.execute(_REFRESH, values)


REFRESH_CHUNK = 500
_TABLE = cast(Table, Dossier.__table__)
_DOSSIERS = _TABLE.c
_REFRESH = (  # a Core statement (not the ORM's bulk update by primary key): a row is written only on a change
    update(_TABLE)
    .where(
        _DOSSIERS.id == bindparam("b_id"),
        (_DOSSIERS.sync_status != bindparam("b_status")) | (_DOSSIERS.sync_error != bindparam("b_error")),
    )
    .values(sync_status=bindparam("b_status"), sync_error=bindparam("b_error"))
)
