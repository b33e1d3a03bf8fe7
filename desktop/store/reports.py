"""What the reports read: the rows the periodic report counts (Biểu số II.06a, `desktop.core.periodic`),
read in one query, and the ratings of a period (the satisfaction report).

Only the columns the table needs, for the dossiers that can count in the period: received before its end,
not finished before its start, statuses 1 and 3 left out (four disjoint parts, each read along an index). The procedure comes from the catalogue row the
dossier was received under, so a procedure since dropped from the catalogue keeps its name of that time.
The start of a supplement pause open at `judged` (when the in-progress dossiers are judged) is looked up
only for the dossiers still in progress then. Times are compared as stored (`stored_time`: ISO, +07:00).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from desktop.core.periodic import ENDED, LEFT_OUT, PeriodicInput
from desktop.core.rating import GivenRating
from desktop.core.status import OPEN, Status
from desktop.core.timeutil import as_local
from desktop.store.due_history import KINDS as MOVES_DUE
from desktop.store.due_history import dues_at
from desktop.store.events import typed
from desktop.store.list_keys import stored_time
from desktop.store.models import Dossier, Event, Procedure
from sync.events import Rated


def _quoted(statuses: Iterable[str]) -> str:
    return ", ".join(f"'{s}'" for s in sorted(statuses))


_FINISHED = "coalesce(d.finished_at, d.result_ready_at)"  # (demo rows of old made no finished_at)
_SELECT = f"""
    SELECT d.procedure_id, d.channel, d.status, d.received_at, {_FINISHED},
           coalesce(d.extended_due_at, d.due_at),
           CASE WHEN {_FINISHED} IS NULL OR {_FINISHED} >= :end THEN (
               SELECT min(q.started_at) FROM dossier_pauses q
               WHERE q.dossier_id = d.id AND q.started_at < :judged
                 AND (q.ended_at IS NULL OR q.ended_at >= :judged)) END,
           CASE WHEN ({_FINISHED} IS NULL OR {_FINISHED} >= :end) AND EXISTS (
               SELECT 1 FROM events e WHERE e.dossier_id = d.id AND e.type IN ({_quoted(MOVES_DUE)})
                 AND e.device_time > :judged) THEN d.id END
    FROM dossiers d
"""
# Four disjoint parts, each along an index (a single `received_at < :end` read every older dossier):
# received in the period; carried over and still open (by status); carried over and returned since the
# start (a return follows the end of processing: along `returned_at`, `+` keeps SQLite off the status
# index); the other ends, by status.
LATE_ENDS = {Status.RESULT_READY.value, *ENDED}  # ended in another way than a return
_ROWS = text(
    " UNION ALL ".join(
        _SELECT + where
        for where in (
            f"WHERE d.received_at >= :start AND d.received_at < :end AND d.status NOT IN ({_quoted(LEFT_OUT)})",
            f"WHERE d.status IN ({_quoted(OPEN)}) AND d.received_at < :start",
            f"WHERE d.returned_at >= :start AND +d.status = '{Status.RETURNED.value}' AND d.received_at < :start"
            f" AND {_FINISHED} >= :start",
            f"WHERE d.status IN ({_quoted(LATE_ENDS)}) AND d.received_at < :start"
            f" AND ({_FINISHED} IS NULL OR {_FINISHED} >= :start)",
        )
    )
)


def periodic_rows(session: Session, start: datetime, end: datetime, judged: datetime) -> list[PeriodicInput]:
    params = {"start": stored_time(start), "end": stored_time(end), "judged": stored_time(judged)}
    # the driver's cursor: tens of thousands of rows, SQLAlchemy's row objects cost more than the rows
    cursor = session.connection().connection.cursor()
    try:
        found = cursor.execute(_ROWS.text, params).fetchall()
    finally:
        cursor.close()
    earlier = dues_at(session, [row[-1] for row in found if row[-1]], judged)  # due at t (§6.1)
    procedures = {
        row.id: (row.field or "", row.code, row.name)
        for row in session.execute(select(Procedure.id, Procedure.field, Procedure.code, Procedure.name))
    }
    at = datetime.fromisoformat
    return [
        PeriodicInput(
            *procedures[procedure],
            channel,
            status,
            at(received),
            at(finished) if finished else None,
            earlier[extended] if extended in earlier else at(due) if due else None,
            at(paused) if paused else None,
        )  # fmt: skip
        for procedure, channel, status, received, finished, due, paused, extended in found
    ]


def unsynced_count(session: Session, start: datetime, end: datetime) -> int:
    """Dossiers received in [start, end) whose records the province has not acknowledged yet."""
    return int(
        session.execute(
            text(
                "SELECT count(*) FROM dossiers WHERE received_at >= :start AND received_at < :end "
                "AND sync_status != 'synced'"
            ),
            {"start": stored_time(start), "end": stored_time(end)},
        ).scalar_one()
    )


def ratings(session: Session, start: datetime, end: datetime) -> list[GivenRating]:
    """The ratings given in [start, end), in time order: for each rated dossier its latest `rated` event,
    when that falls in the period (a rating corrected and given again counts once, when given again)."""
    latest = (
        select(func.max(Event.seq))
        .where(Event.dossier_id == Dossier.id, Event.type == Rated.kind)
        .correlate(Dossier)
        .scalar_subquery()
    )
    found = session.execute(
        select(Event, Dossier.code, Procedure.name)
        .join(Dossier, Dossier.id == Event.dossier_id)
        .join(Procedure, Procedure.id == Dossier.procedure_id)
        .where(
            Event.type == Rated.kind,
            Dossier.rating.is_not(None),
            Event.seq == latest,
            Event.device_time >= start,
            Event.device_time < end,
        )
        .order_by(Event.device_time)
    )
    out = []
    for event, code, procedure_name in found:
        body = typed(event)
        assert isinstance(body, Rated)
        out.append(
            GivenRating(
                code, procedure_name, as_local(body.rated_at or event.device_time), body.level, body.reason
            )
        )
    return out
