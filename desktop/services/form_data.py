"""The one place that turns store rows into the plain views the printed forms render.

Hand-overs come from `handed_over` events (`desktop.services.followup.hand_over`), the apology's delay
reason from the latest `due_extended` or `apology_issued` event; everything else is on the dossier row and its relations.
Once the result is ready (or returned), the last hand-over row of the control slip gets its outcome against
the legal appointment `due_at` (an apology's new date does not make a late dossier on time).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.appointment import OfficeHours, ProcessingTime, handover_deadline, is_manual
from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.status import Status, label_vi
from desktop.core.text import clean, nfc
from desktop.core.timeliness import timeliness
from desktop.core.timeutil import VN_TZ, as_local
from desktop.forms import labels
from desktop.forms.model import (
    DocumentView,
    DossierView,
    HandOverListRow,
    HandOverListView,
    HandOverView,
    RegisterRow,
    RegisterView,
    ResultView,
    UnitView,
    list_number,
)
from desktop.services.apology import latest_delay
from desktop.store import settings
from desktop.store.calendar_repo import calendar_for
from desktop.store.events import events_mentioning, typed
from desktop.store.models import Dossier, Event, Officer, ProcedureDocument, Unit
from sync.events import ApologyIssued, EventBody, HandedOver, ResultReady, ResultReturned

K = TypeVar("K", bound=EventBody)

MAX_REGISTER_DAYS = 366


def unit_view(unit: Unit) -> UnitView:
    return UnitView(
        code=unit.code,
        name=nfc(unit.name),
        parent_name=nfc(unit.parent_name or f"UBND {unit.name.upper()}"),
        reception_name=nfc(unit.reception_name),
        place_name=nfc(unit.place_name or unit.name),
        lookup_url=unit.lookup_url.strip(),
    )


def find_dossier(session: Session, code: str) -> Dossier:
    wanted = clean(code)
    dossier = session.scalars(select(Dossier).where(Dossier.code == wanted)).first()
    if dossier is None:
        raise NotFoundError(f"Không tìm thấy hồ sơ có mã '{wanted}'.")
    return dossier


def _time_text(dossier: Dossier) -> str:
    rule = dossier.time_rule or {}
    if is_manual(rule):  # no number is claimed: what the catalogue says, and who set the appointment
        said = nfc(clean(dossier.procedure.time_text)) or labels.text("receipt", "time_not_given")
        return labels.text("receipt", "time_unconfirmed", text=said)
    if rule.get("unit"):
        try:
            return ProcessingTime.from_dict(rule).label()
        except (ValidationError, KeyError, TypeError, ValueError):
            pass
    return nfc(dossier.procedure.time_text)


def _events(session: Session, dossier_id: str, kind: type[K]) -> list[tuple[Event, K]]:
    """The dossier's events of `kind`, oldest first, with their stored rows."""
    rows = session.scalars(
        select(Event).where(Event.dossier_id == dossier_id, Event.type == kind.kind).order_by(Event.seq)
    )
    return [(row, event) for row in rows if isinstance(event := typed(row), kind)]


def outcome(finished: datetime | None, due: datetime | None) -> str:
    """ "Trước hạn" (a day or more early), "Đúng hạn" (on the appointment day, not after its time),
    "Quá hạn" (after it), or "" while there is no result or no appointment."""
    kind = timeliness(finished, due)
    return labels.text("control", f"result_{kind}") if kind is not None else ""


def _handover_note(event: HandedOver, deadline: datetime | None, at: datetime) -> str:
    """The control slip's note for a hand-over: late against the counter's `deadline` (the first row only),
    who took the dossier, and the batch list it went on."""
    parts = []
    if deadline is not None and at > deadline:
        parts.append(labels.text("control", "note_late", value=labels.long_time(deadline)))
    if event.receiver:
        parts.append(labels.text("control", "note_receiver", name=nfc(event.receiver)))
    if event.batch_id:
        parts.append(labels.text("control", "note_batch", number=list_number(event.batch_id)))
    return "; ".join(parts)


def _documents(session: Session, d: Dossier) -> tuple[DocumentView, ...]:
    """The dossier's papers, each marked optional when the catalogue lists it as "if any"."""
    ids = [line.procedure_document_id for line in d.documents if line.procedure_document_id is not None]
    optional = set(
        session.scalars(
            select(ProcedureDocument.id).where(
                ProcedureDocument.id.in_(ids), ProcedureDocument.required.is_(False)
            )
        )
        if ids
        else ()
    )
    return tuple(
        DocumentView(
            nfc(line.name),
            line.originals,
            line.copies,
            line.received,
            nfc(line.missing_note),
            optional=line.procedure_document_id in optional,
        )
        for line in d.documents
    )


def load_dossier_view(session: Session, code: str) -> DossierView:
    """Everything the slips about dossier `code` print; NotFoundError for an unknown code."""
    d = find_dossier(session, code)
    a = d.applicant
    deadline = handover_deadline(
        d.received_at,
        calendar_for(session),
        OfficeHours.from_dict({"sessions": (d.time_rule or {}).get("office_hours")}),
    )
    handovers = tuple(
        HandOverView(
            from_name=nfc(e.from_unit or d.unit.reception_name),
            to_name=nfc(e.to_unit or d.processing_unit),
            at=as_local(e.handed_over_at or row.device_time),
            note=_handover_note(
                e, deadline if index == 0 else None, as_local(e.handed_over_at or row.device_time)
            ),
        )
        for index, (row, e) in enumerate(_events(session, d.id, HandedOver))
    )
    if not handovers and d.handed_over_at is not None:
        handovers = (HandOverView(d.unit.reception_name, d.processing_unit, as_local(d.handed_over_at)),)
    result = outcome(d.result_ready_at or d.returned_at, d.due_at)
    if handovers and result:
        handovers = (*handovers[:-1], replace(handovers[-1], result=result))
    latest = latest_delay(session, d.id)
    fee = d.procedure.fee_text
    return DossierView(
        code=d.code,
        unit=unit_view(d.unit),
        applicant_name=nfc(a.full_name),
        procedure_name=nfc(d.procedure.name),
        procedure_code=d.procedure.code,
        received_at=as_local(d.received_at),
        applicant_address=nfc(a.address),
        applicant_phone=a.phone,
        applicant_email=a.email,
        applicant_id_number=a.id_number,
        submitter_name=nfc(d.submitter_name),
        summary=nfc(d.summary),
        time_text=_time_text(d),
        fee_text=nfc(fee),
        sets_count=d.sets_count,
        due_at=as_local(d.due_at) if d.due_at else None,
        extended_due_at=as_local(d.extended_due_at) if d.extended_due_at else None,
        delivery=d.delivery,
        delivery_address=nfc(d.delivery_address),
        register_book=d.register_book,
        register_number=d.register_number,
        officer_name=nfc(d.officer.full_name) if d.officer else "",
        status=d.status,
        reason=nfc(d.reason),
        delay_reason=nfc(latest.reason) if latest is not None else "",
        late_apology_signer=nfc(latest.signer) if isinstance(latest, ApologyIssued) else "",
        processing_unit=nfc(d.processing_unit),
        documents=_documents(session, d),
        handovers=handovers,
        result_ready_at=as_local(d.result_ready_at) if d.result_ready_at else None,
        returned_at=as_local(d.returned_at) if d.returned_at else None,
        result=_result(session, d),
    )


def _result(session: Session, d: Dossier) -> ResultView | None:
    """The latest result and, once returned at the counter, who took it; None before the result."""
    ready = _events(session, d.id, ResultReady)
    if not ready:
        return None
    r = ready[-1][1]
    returned = _events(session, d.id, ResultReturned)
    taken = returned[-1][1] if returned else None
    officer = (
        session.get(Officer, returned[-1][0].officer_id) if returned and returned[-1][0].officer_id else None
    )
    return ResultView(
        kind=r.result_kind,
        refused_reason=nfc(r.refused_reason),
        document_number=r.document_number,
        signer=nfc(r.signer),
        issued_at=as_local(r.issued_at) if r.issued_at else None,
        outcome=outcome(d.result_ready_at, d.extended_due_at or d.due_at),
        receiver_kind=taken.receiver_kind or "owner" if taken else "",
        receiver_name=nfc(taken.receiver or d.applicant.full_name) if taken else "",
        receiver_id_number=(taken.receiver_id_number if taken else ""),
        authorisation=nfc(taken.authorisation) if taken else "",
        originals_returned=nfc(taken.originals_returned) if taken else "",
        returned_by=nfc(officer.full_name) if officer else "",
    )


def register_unit(session: Session) -> Unit:
    unit_id = settings.get(session, settings.UNIT_ID)
    unit = session.get(Unit, int(unit_id)) if unit_id.isdigit() else None
    unit = unit or session.scalars(select(Unit).order_by(Unit.id)).first()
    if unit is None:
        raise NotFoundError("Chưa thiết lập đơn vị: hãy hoàn tất cài đặt ban đầu.")
    return unit


_NOTED = {Status.REFUSED, Status.STOPPED, Status.WITHDRAWN, Status.SUPPLEMENT_REQUESTED}


def load_register_view(session: Session, date_from: date, date_to: date) -> RegisterView:
    """Dossiers received from `date_from` to `date_to` (inclusive), in the order they were received."""
    if date_to < date_from:
        raise ValidationError("Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.", "date_to")
    if (date_to - date_from).days > MAX_REGISTER_DAYS:
        raise ValidationError(f"Chỉ in sổ theo dõi tối đa {MAX_REGISTER_DAYS} ngày mỗi lần.", "date_to")
    unit = register_unit(session)
    start = datetime.combine(date_from, time.min, VN_TZ)
    end = datetime.combine(date_to + timedelta(days=1), time.min, VN_TZ)
    dossiers = session.scalars(
        select(Dossier)
        .where(Dossier.received_at >= start, Dossier.received_at < end)
        .order_by(Dossier.received_at, Dossier.code)
    )
    rows = []
    for d in dossiers:
        a = d.applicant
        contact = "; ".join(part for part in (nfc(a.address), a.phone) if part)
        note = label_vi(d.status) if d.status in {s.value for s in _NOTED} else ""
        due = d.extended_due_at or d.due_at
        rows.append(
            RegisterRow(
                code=d.code,
                procedure_name=nfc(d.procedure.name),
                applicant_name=nfc(a.full_name),
                applicant_contact=contact,
                sets_count=d.sets_count,
                received_at=as_local(d.received_at),
                due_at=as_local(due) if due else None,
                processing_unit=nfc(d.processing_unit),
                handed_over_at=as_local(d.handed_over_at) if d.handed_over_at else None,
                result_ready_at=as_local(d.result_ready_at) if d.result_ready_at else None,
                returned_at=as_local(d.returned_at) if d.returned_at else None,
                note=note,
            )
        )
    return RegisterView(unit=unit_view(unit), date_from=date_from, date_to=date_to, rows=tuple(rows))


def load_handover_list_view(session: Session, batch_id: str) -> HandOverListView:
    """The batch hand-over list `batch_id`, from its dossiers' `handed_over` events; NotFoundError when
    no event carries it."""
    wanted = clean(batch_id)
    found = [
        (row, event)
        for row, event in events_mentioning(session, HandedOver.kind, wanted)
        if wanted and isinstance(event, HandedOver) and event.batch_id == wanted
    ]
    if not found:
        raise NotFoundError(f"Không tìm thấy danh sách bàn giao '{wanted}'.")
    first_row, first = found[0]
    rows = []
    for row, _ in found:
        d = session.get(Dossier, row.dossier_id)
        assert d is not None
        rows.append(
            HandOverListRow(
                code=d.code,
                procedure_name=nfc(d.procedure.name),
                applicant_name=nfc(d.applicant.full_name),
                received_at=as_local(d.received_at),
                due_at=as_local(d.extended_due_at or d.due_at) if d.due_at else None,
                sets_count=d.sets_count,
                documents_count=sum(1 for line in d.documents if line.received),
            )
        )
    officer = session.get(Officer, first_row.officer_id) if first_row.officer_id is not None else None
    first_dossier = session.get(Dossier, first_row.dossier_id)
    assert first_dossier is not None
    return HandOverListView(
        unit=unit_view(first_dossier.unit),
        batch_id=wanted,
        handed_over_at=as_local(first.handed_over_at or first_row.device_time),
        to_unit=nfc(first.to_unit),
        to_person=nfc(first.receiver),
        officer_name=nfc(officer.full_name) if officer else "",
        rows=tuple(rows),
    )
