"""Everything the dossier view shows about one dossier, read in one session as plain data (Qt-free).

`load_detail(store, dossier_id_or_code)` returns a frozen `DossierDetail`: the header (status, procedure,
applicant, received, due and whether it is overdue, time the clock stood still), the document lines with
their digitised attachments, the history of events, the sync state, and which follow-up actions the
status allows (`desktop.core.actions.allowed_actions`: the one table the services enforce), narrowed by
what the table cannot see: settling a review only while flagged, the post's delivery only while the
result is with the post.

The sync state is `sync.client.status.dossier_sync`: read from the outbox rows, by the rule that also sets
`Dossier.sync_status` after each batch, so a change made a minute ago shows as pending before the next
pass, and a refused change comes with the province's Vietnamese reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.actions import Action, allowed_actions
from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.status import CLOCK_RUNNING, OPEN, STATUSES, Status
from desktop.core.text import nfc
from desktop.core.timeliness import timeliness
from desktop.core.timeutil import as_local, now_local
from desktop.services.apology import covered, missed_due
from desktop.services.attachments import blob_store
from desktop.services.fees import owed
from desktop.store.calendar_repo import calendar_for
from desktop.store.engine import Store
from desktop.store.events import typed
from desktop.store.list_keys import shown_submitter
from desktop.store.models import Attachment, Dossier, Event, Officer
from sync.client.status import DossierSync, dossier_sync
from sync.events import TypedEvent

EXTENSION_CHOICES = 10  # suggested new appointments: 1..10 working days after the current one


def current_letter(status: str, extended: bool) -> str:
    """The form of the letter that still applies ('' when none): 02, 03 or 05 by status, else the
    apology (04) while an extended dossier is still open."""
    try:
        current = Status(status)
    except ValueError:
        return ""
    if STATUSES[current].letter:
        return STATUSES[current].letter
    return "apology" if extended and current in OPEN else ""


@dataclass(frozen=True)
class AttachmentDetail:
    id: str
    sha256: str
    pages: int
    size: int
    mime: str
    original_name: str
    source: str
    created_at: datetime


@dataclass(frozen=True)
class LineDetail:
    """A document line: its 1-based number, counts, whether it was received, and its scans."""

    id: int
    number: int
    name: str
    originals: int
    copies: int
    received: bool
    missing_note: str
    attachments: tuple[AttachmentDetail, ...]

    @property
    def pages(self) -> int:
        return sum(a.pages for a in self.attachments)


@dataclass(frozen=True)
class EventDetail:
    """One entry of the dossier's history."""

    seq: int
    type: str
    at: datetime
    officer: str
    event: TypedEvent
    push_status: str
    push_error: str


@dataclass(frozen=True)
class DossierDetail:
    id: str
    code: str
    status: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    applicant_id_number: str
    applicant_phone: str
    applicant_address: str
    received_at: datetime
    due_at: datetime | None
    original_due_at: datetime | None
    overdue: bool
    paused: timedelta
    paused_since: datetime | None
    reason: str
    processing_unit: str
    lines: tuple[LineDetail, ...]
    events: tuple[EventDetail, ...]
    sync: DossierSync
    actions: frozenset[Action]  # what the status allows (desktop.core.actions.ACTIONS)
    extension_choices: tuple[datetime, ...]
    letter: str = ""  # `current_letter`: the form "Reprint letter" prints
    # who brought the dossier when not the applicant ('' otherwise), and where a posted result goes
    submitter_name: str = ""
    submitter_id_number: str = ""
    submitter_phone: str = ""
    postal_address: str = ""  # '' unless the result is returned by post
    timeliness: str = ""  # once the result is ready: early | on_time | late against the appointment in force
    # what the return still needs (lifecycle §2): fees due (đồng), the apology for a late result
    fees_due: int = 0
    needs_apology: bool = False
    rated: bool = False  # the applicant's rating is recorded (one per dossier, lifecycle §4)
    review_note: str = ""  # "Cần xem lại": a step from the province the rules could not settle, both facts
    with_post_since: datetime | None = None  # handed to the post and not yet delivered: since when

    @property
    def by_post(self) -> bool:
        return bool(self.postal_address)

    @property
    def digitised_lines(self) -> int:
        return sum(1 for line in self.lines if line.attachments)


def _find(session: Session, dossier_id_or_code: str) -> Dossier:
    dossier = session.get(Dossier, dossier_id_or_code)
    if dossier is None:
        dossier = session.scalars(select(Dossier).where(Dossier.code == dossier_id_or_code.strip())).first()
    if dossier is None:
        raise NotFoundError(f"Không tìm thấy hồ sơ '{dossier_id_or_code}'.")
    return dossier


def _attachments(session: Session, dossier_id: str) -> dict[int, list[AttachmentDetail]]:
    rows = session.scalars(
        select(Attachment)
        .where(Attachment.dossier_id == dossier_id, Attachment.removed.is_(False))
        .order_by(Attachment.document_line_id, Attachment.position, Attachment.created_at)
    )
    by_line: dict[int, list[AttachmentDetail]] = {}
    for a in rows:
        if a.document_line_id is None:
            continue
        by_line.setdefault(a.document_line_id, []).append(
            AttachmentDetail(
                a.id,
                a.sha256,
                a.pages,
                a.size,
                a.mime,
                nfc(a.original_name),
                a.source,
                as_local(a.created_at),
            )
        )
    return by_line


def _events(session: Session, dossier_id: str) -> tuple[EventDetail, ...]:
    rows = session.execute(
        select(Event, Officer.full_name)
        .outerjoin(Officer, Officer.id == Event.officer_id)
        .where(Event.dossier_id == dossier_id)
        .order_by(Event.seq)
    ).all()
    return tuple(
        EventDetail(
            e.seq,
            e.type,
            as_local(e.device_time),
            nfc(name or ""),
            typed(e),
            e.push_status,
            nfc(e.push_error),
        )
        for e, name in rows
    )


def _extension_choices(session: Session, due: datetime | None) -> tuple[datetime, ...]:
    if due is None:
        return ()
    calendar = calendar_for(session)
    local = as_local(due)
    try:
        return tuple(
            datetime.combine(calendar.add_working_days(local.date(), n), local.timetz())
            for n in range(1, EXTENSION_CHOICES + 1)
        )
    except ValidationError:  # a year the shipped calendar does not cover: the officer picks a date by hand
        return ()


def _submitter(d: Dossier, applicant_name: str) -> dict[str, str]:
    name = shown_submitter(nfc(d.submitter_name), nfc(applicant_name))
    if not name:
        return {}
    return {
        "submitter_name": name,
        "submitter_id_number": d.submitter_id_number,
        "submitter_phone": d.submitter_phone,
    }


def load_detail(store: Store, dossier_id_or_code: str, *, now: datetime | None = None) -> DossierDetail:
    """Read the whole dossier view model; NotFoundError for an unknown id or code."""
    moment = as_local(now) if now is not None else now_local()
    with store.session() as session:
        d = _find(session, dossier_id_or_code)
        a = d.applicant
        scans = _attachments(session, d.id)
        lines = tuple(
            LineDetail(
                line.id,
                number,
                nfc(line.name),
                line.originals,
                line.copies,
                line.received,
                nfc(line.missing_note),
                tuple(scans.get(line.id, ())),
            )
            for number, line in enumerate(d.documents, start=1)
        )
        due = d.extended_due_at or d.due_at
        paused = timedelta()
        paused_since = None
        for pause in d.pauses:
            start = as_local(pause.started_at)
            if pause.ended_at is None:
                paused_since = start
                paused += max(moment - start, timedelta())
            else:
                paused += max(as_local(pause.ended_at) - start, timedelta())
        events = _events(session, d.id)
        running = d.status in {s.value for s in CLOCK_RUNNING}
        ready = d.status == Status.RESULT_READY.value
        with_post = d.delivery_status == "with_post"
        hidden = {Action.RESOLVE_REVIEW} if not d.review_note else set()
        if not with_post:  # the table allows it for every returned dossier
            hidden.add(Action.RESULT_DELIVERED)
        return DossierDetail(
            id=d.id,
            code=d.code,
            status=d.status,
            procedure_code=d.procedure.code,
            procedure_name=nfc(d.procedure.name),
            applicant_name=nfc(a.full_name),
            applicant_id_number=a.id_number,
            applicant_phone=a.phone,
            applicant_address=nfc(a.address),
            received_at=as_local(d.received_at),
            due_at=as_local(due) if due else None,
            original_due_at=as_local(d.due_at) if d.extended_due_at and d.due_at else None,
            overdue=bool(running and due is not None and as_local(due) < moment),
            paused=paused,
            paused_since=paused_since,
            reason=nfc(d.reason),
            processing_unit=nfc(d.processing_unit),
            lines=lines,
            events=events,
            sync=dossier_sync(session, d.id),
            actions=allowed_actions(d.status) - hidden,
            extension_choices=_extension_choices(session, due),
            letter=current_letter(d.status, d.extended_due_at is not None),
            **_submitter(d, a.full_name),
            postal_address=nfc(d.delivery_address or a.address) if d.delivery == "postal" else "",
            timeliness=str(timeliness(d.result_ready_at, due) or ""),
            fees_due=owed(session, d.id) if ready else 0,
            needs_apology=ready and missed_due(d, moment) is not None and not covered(session, d),
            rated=d.rating is not None,
            review_note=nfc(d.review_note),
            with_post_since=as_local(d.returned_at) if with_post and d.returned_at else None,
        )


def attachment_file(store: Store, sha256: str) -> Path | bytes:
    """An attachment to view: its stored file in a profile without a store key (content-addressed, never
    modified), else its bytes decrypted in memory (no clear copy on disk); NotFoundError if missing."""
    blobs = blob_store(store)
    if not blobs.exists(sha256):
        raise NotFoundError("Không tìm thấy tệp số hoá trong kho; hãy quét lại giấy tờ này.")
    return blobs.read(sha256) if blobs.sealed else blobs.path_for(sha256)
