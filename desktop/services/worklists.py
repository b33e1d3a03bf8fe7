"""The officer's worklists as plain data, for the main window's side list and `motcua worklist`.

`worklist_counts(store)` gives every list's count; `load_worklist(store, name)` one list's first rows
with what the list shows besides the dossier: for `to-hand-over` the hand-over deadline and whether it has
passed, for `waiting-supplement` and `ready` the working days waited, and for every open dossier whether
its appointment has passed. Definitions: `desktop.core.worklists`; queries: `desktop.store.worklists`.
`now` defaults to the application clock (`timeutil.now_local`), which tests pin.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.appointment import OfficeHours
from desktop.core.calendar import WorkCalendar
from desktop.core.timeutil import now_local
from desktop.core.worklists import (
    CLOCK_LIST_STATUSES,
    Moments,
    Worklist,
    handover_deadline,
    moments,
    next_boundary,
    parse_worklist,
    working_days_since,
)
from desktop.store import worklists as queries
from desktop.store.calendar_repo import calendar_for, office_hours_of
from desktop.store.engine import Store
from desktop.store.models import Applicant, Dossier, Unit

DEFAULT_LIMIT = 200  # a first page, as the dossier list pages (desktop.ui.dossier_model.PAGE_SIZE)
_CLOCK = {s.value for s in CLOCK_LIST_STATUSES}
_WAITING = (Worklist.WAITING_SUPPLEMENT, Worklist.READY, Worklist.ONLINE_WAITING)


@dataclass(frozen=True, slots=True)
class WorklistRow:
    id: str
    code: str
    applicant_name: str
    procedure_code: str
    procedure_name: str
    status: str
    received_at: datetime
    due: datetime | None  # current_due: the extended appointment, else the appointment
    late: bool  # to-hand-over: past the hand-over deadline; otherwise: the clock runs and `due` has passed
    days_waiting: int | None = None  # waiting-supplement, ready: working days since the request / result
    handover_deadline: datetime | None = None  # to-hand-over only
    returned_at: datetime | None = None
    review_note: str = ""  # needs-review: both facts


@dataclass(frozen=True)
class WorklistPage:
    worklist: Worklist
    total: int
    rows: tuple[WorklistRow, ...]
    at: datetime


def _context(session: Session, now: datetime | None) -> tuple[Moments, WorkCalendar, OfficeHours]:
    calendar = calendar_for(session)
    unit = session.scalars(select(Unit).order_by(Unit.id)).first()
    return moments(now or now_local(), calendar), calendar, office_hours_of(unit)


def worklist_counts(store: Store, now: datetime | None = None) -> dict[Worklist, int]:
    """How many dossiers each list holds at `now`."""
    return worklist_summary(store, now).counts


@dataclass(frozen=True)
class WorklistSummary:
    counts: dict[Worklist, int]
    at: datetime
    next_boundary: datetime  # when to count again even if nothing is recorded (midnight, opening, …)


def worklist_summary(store: Store, now: datetime | None = None) -> WorklistSummary:
    """Every list's count at `now`, and the next moment the lists may change by the clock alone."""
    with store.session() as session:
        at, _calendar, hours = _context(session, now)
        counts = queries.counts(session, at)
    return WorklistSummary(counts, at.now, next_boundary(at.now, hours))


def load_worklist(
    store: Store, name: str | Worklist, now: datetime | None = None, limit: int = DEFAULT_LIMIT
) -> WorklistPage:
    """The list called `name` (ValidationError naming the valid ones otherwise), its first `limit` rows."""
    worklist = parse_worklist(str(name))
    with store.session() as session:
        at, calendar, hours = _context(session, now)
        total = queries.count(session, worklist, at)
        entries = queries.fetch(session, worklist, at, limit)
    return WorklistPage(
        worklist, total, tuple(_row(worklist, e, at, calendar, hours) for e in entries), at.now
    )


def _row(
    worklist: Worklist, e: queries.WorklistEntry, at: Moments, calendar: WorkCalendar, hours: OfficeHours
) -> WorklistRow:
    deadline = (
        handover_deadline(e.received_at, calendar, hours) if worklist is Worklist.TO_HAND_OVER else None
    )
    if deadline is not None:
        late = at.now > deadline
    else:
        late = e.status in _CLOCK and e.current_due is not None and e.current_due < at.now
    waited = None
    if worklist in _WAITING:
        waited = working_days_since(e.since, at.today, calendar) if e.since is not None else None
    return WorklistRow(
        id=e.id,
        code=e.code,
        applicant_name=e.applicant_name,
        procedure_code=e.procedure_code,
        procedure_name=e.procedure_name,
        status=e.status,
        received_at=e.received_at,
        due=e.current_due,
        late=late,
        days_waiting=waited,
        handover_deadline=deadline,
        returned_at=e.returned_at,
        review_note=e.review_note,
    )


NEEDS_REVIEW = Worklist.NEEDS_REVIEW.value  # `motcua worklist needs-review` lists the notes whole


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """A dossier flagged "Cần xem lại": a step from the province the lifecycle rules could not settle,
    with both facts (`review_note`, `sync.client.changes`)."""

    id: str
    code: str
    applicant_name: str
    status: str
    review_note: str


def needs_review(store: Store, limit: int = DEFAULT_LIMIT) -> list[ReviewRow]:
    """The dossiers waiting for an officer's review, oldest change first."""
    with store.session() as session:
        rows = session.execute(
            select(Dossier.id, Dossier.code, Applicant.full_name, Dossier.status, Dossier.review_note)
            .join(Applicant, Applicant.id == Dossier.applicant_id)
            .where(Dossier.review_note != "")
            .order_by(Dossier.updated_at, Dossier.code)
            .limit(limit)
        )
        return [ReviewRow(*row) for row in rows]
