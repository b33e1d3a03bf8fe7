"""Receiving a dossier at the counter, and the two other outcomes of intake (issue 4).

Each use case is one transaction that changes the dossier row(s) and appends one event (two for a walk-in
dossier recorded straight into status 5 or 3: its `received` snapshot, then the change):

- `receive_dossier` (form 01, status 2): checks the whole draft, allocates the dossier code, computes the
  appointment (or, for a procedure whose time limit is unconfirmed and not confirmed by the administrator,
  takes the one the officer entered, `due_at`, recorded as entered by hand in `time_rule`), writes applicant + dossier + document lines (+ scans made during intake) and a `received`
  event carrying the full intake snapshot; the autosaved draft is deleted in the same transaction.
- `request_supplement` (form 02, status 5): records what is missing and why, and pauses the legal clock
  (a `DossierPause` row).
- `supplement_received`: closes the pause, marks the papers received and moves the appointment by the
  office time the clock stood still.
- `refuse` (form 03, status 3): the reason is required.
- `receive_incomplete` / `refuse_at_intake`: a walk-in dossier missing required papers, recorded as
  `receive_dossier` does and then, in the same transaction, put in status 5 (the missing papers, the clock
  paused from the receipt) or refused (status 3).

Results are plain frozen dataclasses, safe to hand from a worker thread to the GUI.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import limits
from desktop.core.actions import Action, require_allowed
from desktop.core.appointment import (
    OfficeHours,
    ProcessingTime,
    check_manual_due,
    compute_due,
    is_manual,
    manual_rule_record,
    shift_by_pause,
    time_rule_record,
)
from desktop.core.calendar import WorkCalendar
from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.status import Status
from desktop.core.timeutil import as_local, now_local
from desktop.services.accounts import SignedIn
from desktop.services.attachments import blob_store
from desktop.services.dossier_state import (
    DossierState,
    change,
    close_dossier,
    dossier_state,
    load_dossier,
    required_text,
    set_status,
)
from desktop.services.fees import assess_fees, fees_assessed
from desktop.services.intake_draft import MAX_DOCUMENT_NAME, MAX_NOTES, IntakeDraft
from desktop.services.intake_mapping import (
    Placement,
    applicant_row,
    document_lines,
    dossier_row,
    received_event,
)
from desktop.services.intake_validate import CheckedIntake, DraftInvalid, check_draft, missing_required
from desktop.store import settings
from desktop.store.calendar_repo import calendar_for, office_hours_of
from desktop.store.catalogue import active_version
from desktop.store.engine import Store
from desktop.store.events import append_event
from desktop.store.models import (
    CatalogueVersion,
    DocumentLine,
    Dossier,
    DossierPause,
    Draft,
    Procedure,
    Unit,
    new_uuid,
)
from desktop.store.numbers import next_dossier_code
from desktop.store.time_limits import effective_rule
from desktop.store.workstation import workstation_number
from sync.events import MissingPaper, Refused, SupplementReceived, SupplementRequested


@dataclass(frozen=True)
class ReceivedDossier:
    """What the counter shows (and prints on form 01) right after saving."""

    id: str
    code: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    received_at: datetime
    due_at: datetime | None  # None only for a dossier refused at intake without a confirmed time limit
    time_label: str
    status: str
    status_code: int
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class MissingItem:
    """A paper to supplement: an existing document line (by position) or a new one (by name), and why."""

    note: str
    position: int | None = None
    name: str = ""


def schedule_warnings(calendar: WorkCalendar, received: datetime, due: datetime) -> tuple[str, ...]:
    """The warning printed when the receipt or the appointment is in a year without official schedule."""
    year = calendar.uncovered_year(received.date(), due.date())
    if year is None:
        return ()
    return (f"Chưa có lịch nghỉ chính thức năm {year}: ngày hẹn tính theo ngày lễ luật định, hãy kiểm tra.",)


def find_procedure(session: Session, code: str) -> Procedure | None:
    """The procedure with this national code in the active catalogue version."""
    version = active_version(session)
    if version is None:
        return None
    return session.scalars(
        select(Procedure).where(
            Procedure.catalogue_version_id == version.id, Procedure.code == code, Procedure.active
        )
    ).first()


def receive_dossier(
    store: Store,
    officer: SignedIn,
    draft: IntakeDraft,
    *,
    received_at: datetime | None = None,
    draft_id: str | None = None,
    due_at: datetime | None = None,
) -> ReceivedDossier:
    """Validate the draft and save it as a received dossier (status 2) in one transaction. `due_at`: the
    appointment the officer entered, required exactly when the procedure has no confirmed time limit."""
    return _intake(store, officer, draft, received_at, draft_id, None, "", due_at)


def receive_incomplete(
    store: Store,
    officer: SignedIn,
    draft: IntakeDraft,
    reason: str,
    *,
    received_at: datetime | None = None,
    draft_id: str | None = None,
    due_at: datetime | None = None,
) -> ReceivedDossier:
    """Form 02 at the counter: record a walk-in dossier whose required papers are not all there.

    One transaction: the dossier is written as `receive_dossier` does (`received` event), then the
    required papers not ticked are marked missing with `reason`, the status becomes 5 and the legal clock
    is paused from the receipt itself (`supplement_requested` event); `supplement_received` starts it.
    """
    why = _reason(reason, "yêu cầu bổ sung")
    return _intake(store, officer, draft, received_at, draft_id, Status.SUPPLEMENT_REQUESTED, why, due_at)


def refuse_at_intake(
    store: Store,
    officer: SignedIn,
    draft: IntakeDraft,
    reason: str,
    *,
    received_at: datetime | None = None,
    draft_id: str | None = None,
    due_at: datetime | None = None,
) -> ReceivedDossier:
    """Form 03 at the counter: record the walk-in dossier and refuse it (status 3) in one transaction.

    The `received` event carries the intake snapshot, then a `refused` event the reason, as `refuse` does
    for a dossier received earlier; papers may be missing.
    """
    why = _reason(reason, "từ chối tiếp nhận")
    return _intake(store, officer, draft, received_at, draft_id, Status.REFUSED, why, due_at)


MISSING_AT_INTAKE = "Chưa nộp khi tiếp nhận"


def _intake(
    store: Store,
    officer: SignedIn,
    draft: IntakeDraft,
    received_at: datetime | None,
    draft_id: str | None,
    outcome: Status | None,
    reason: str,
    entered_due: datetime | None = None,
) -> ReceivedDossier:
    received = as_local(received_at) if received_at is not None else now_local()
    checked = check_draft(draft, received.date(), complete=outcome is None)
    with store.transaction() as session:
        procedure = find_procedure(session, checked.draft.procedure_code)
        if procedure is None:
            raise DraftInvalid(
                {"procedure_code": f"Không tìm thấy thủ tục mã '{checked.draft.procedure_code}'."}
            )
        required = _required_papers(checked, procedure, outcome)
        unit = session.get(Unit, officer.unit_id)
        if unit is None:
            raise NotFoundError("Không tìm thấy đơn vị của cán bộ đang đăng nhập.")
        hours, calendar = office_hours_of(unit), calendar_for(session)
        due, time_rule, label = appointment(
            session, procedure, received, hours, calendar, entered_due, outcome
        )
        code, sequence = next_dossier_code(session, unit.code, workstation_number(session), received)
        applicant = applicant_row(checked.applicant)
        session.add(applicant)
        session.flush()
        placement = Placement(
            id=new_uuid(), code=code, register_number=sequence, received=received, due=due,
            calendar_version=calendar.version, time_rule=time_rule,
            register_book=settings.get(session, settings.REGISTER_BOOK),
        )  # fmt: skip
        dossier = dossier_row(checked, placement, unit, procedure, applicant, officer.officer_id)
        own_docs = {doc.id: doc.code for doc in procedure.documents}
        lost = document_lines(
            dossier, checked.documents, set(own_docs), blob_store(store), officer.officer_id
        )
        session.add(dossier)
        session.flush()
        fees = assess_fees(session, dossier, procedure) if outcome is not Status.REFUSED else []
        append_event(session, dossier.id, received_event(dossier, own_docs), officer.officer_id, at=received)
        if fees:
            version = session.get(CatalogueVersion, procedure.catalogue_version_id)
            fees_assessed(session, officer.officer_id, dossier, fees, version.version if version else "")
        if outcome is Status.SUPPLEMENT_REQUESTED:
            _pause(session, officer, dossier, _missing_lines(dossier, required), reason, received)
        elif outcome is Status.REFUSED:
            close_dossier(session, officer, dossier, Status.REFUSED, Refused, reason, received)
        if draft_id is not None and (stale := session.get(Draft, draft_id)) is not None:
            session.delete(stale)
        warnings = (
            tuple(checked.warnings)
            + (schedule_warnings(calendar, received, due) if due is not None else ())
            + tuple(
                f"Bản số hoá của '{name}' không còn trong kho nên chưa được gắn; hãy quét lại giấy tờ này."
                for name in lost
            )
        )
        return ReceivedDossier(
            id=dossier.id, code=code, procedure_code=procedure.code, procedure_name=procedure.name,
            applicant_name=applicant.full_name, received_at=received, due_at=due, time_label=label,
            status=dossier.status, status_code=dossier.status_code, warnings=warnings,
        )  # fmt: skip


TIME_UNCONFIRMED = "Thời hạn chưa xác nhận"


def appointment(
    session: Session,
    procedure: Procedure,
    received: datetime,
    hours: OfficeHours,
    calendar: WorkCalendar,
    entered: datetime | None,
    outcome: Status | None,
) -> tuple[datetime | None, dict[str, Any], str]:
    """The appointment, the `time_rule` to store and the limit's wording: computed from the confirmed limit
    (the catalogue's or the administrator's), else the one the officer entered (a refusal may have none)."""
    rule = effective_rule(session, procedure)
    if rule is not None:
        if entered is not None:
            raise ValidationError(
                f"Thủ tục {procedure.code} đã có thời hạn giải quyết ({rule.label()}): ngày hẹn được tính "
                "tự động, không nhập tay.",
                "due",
            )
        return compute_due(received, rule, calendar, hours), time_rule_record(rule, hours), rule.label()
    if entered is None and outcome is Status.REFUSED:
        return None, manual_rule_record(hours), TIME_UNCONFIRMED
    due = check_manual_due(entered, received, now_local(), procedure.code)
    return due, manual_rule_record(hours), TIME_UNCONFIRMED


def _required_papers(checked: CheckedIntake, procedure: Procedure, outcome: Status | None) -> dict[int, str]:
    """The procedure's required papers (by id); DraftInvalid when some are missing and the dossier is to
    be received, ValidationError when none is and a supplement was to be asked for."""
    required = {doc.id: doc.name for doc in procedure.documents if doc.required}
    missing = missing_required(checked.documents, required)
    if missing and outcome is None:
        raise DraftInvalid(
            {
                "documents": "Hồ sơ chưa đủ giấy tờ bắt buộc: "
                + "; ".join(missing)
                + ". Hãy đánh dấu đã nhận, hoặc hướng dẫn công dân bổ sung."
            }
        )
    if not missing and outcome is Status.SUPPLEMENT_REQUESTED:
        raise ValidationError("Hồ sơ đã đủ giấy tờ bắt buộc, không cần yêu cầu bổ sung.", "documents")
    return required


def _missing_lines(dossier: Dossier, required: dict[int, str]) -> list[DocumentLine]:
    """The document lines of required papers not received (added when the draft dropped them)."""
    lines: list[DocumentLine] = []
    ticked = {line.procedure_document_id for line in dossier.documents if line.received}
    for doc_id, name in required.items():
        if doc_id in ticked:
            continue
        line = next((x for x in dossier.documents if x.procedure_document_id == doc_id), None)
        if line is None:
            line = DocumentLine(position=len(dossier.documents) + 1, procedure_document_id=doc_id, name=name)
            dossier.documents.append(line)
        line.received = False
        line.missing_note = line.missing_note or MISSING_AT_INTAKE
        lines.append(line)
    return lines


def _reason(text: str, what: str) -> str:
    return required_text(text, MAX_NOTES, f"Hãy nêu lý do {what}.", "reason", "Lý do")


def request_supplement(
    store: Store,
    officer: SignedIn,
    dossier_id: str,
    missing: Sequence[MissingItem],
    reason: str,
    *,
    at: datetime | None = None,
) -> DossierState:
    """Form 02: ask for missing or incomplete papers (status 5) and stop the legal clock."""
    when = as_local(at) if at is not None else now_local()
    why = _reason(reason, "yêu cầu bổ sung")
    if not missing:
        raise ValidationError("Hãy nêu ít nhất một giấy tờ cần bổ sung, hoàn thiện.", "missing")
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_id)
        require_allowed(Action.REQUEST_SUPPLEMENT, dossier)
        by_position = {line.position: line for line in dossier.documents}
        lines: list[DocumentLine] = []
        for item in missing:
            note = limits.bounded(item.note, MAX_NOTES, "Lý do", "reason")
            if item.position is not None:
                line = by_position.get(item.position)
                if line is None:
                    raise ValidationError(f"Hồ sơ không có giấy tờ số {item.position}.", "missing")
            else:
                name = limits.bounded(item.name, MAX_DOCUMENT_NAME, "Tên giấy tờ", "missing")
                if not name:
                    raise ValidationError("Hãy nhập tên giấy tờ cần bổ sung.", "missing")
                line = DocumentLine(position=len(dossier.documents) + 1, name=name, received=False)
                dossier.documents.append(line)
                by_position[line.position] = line
            line.received = False
            line.missing_note = note
            lines.append(line)
        _pause(session, officer, dossier, lines, why, when)
        return dossier_state(dossier)


def _pause(
    session: Session, officer: SignedIn, dossier: Dossier, lines: list[DocumentLine], why: str, when: datetime
) -> None:
    """Status 5, the clock stopped from `when`, and the `supplement_requested` event listing `lines`."""
    listed = [MissingPaper(position=line.position, name=line.name, note=line.missing_note) for line in lines]
    previous = dossier.status
    set_status(dossier, Status.SUPPLEMENT_REQUESTED)
    dossier.reason = why
    session.add(DossierPause(dossier_id=dossier.id, started_at=when, reason=why))
    session.flush()
    requested = change(
        SupplementRequested, dossier, reason=why, missing=listed, paused_at=when, previous_status=previous
    )
    append_event(session, dossier.id, requested, officer.officer_id, at=when)


def supplement_received(
    store: Store,
    officer: SignedIn,
    dossier_id: str,
    *,
    positions: Sequence[int] | None = None,
    note: str = "",
    at: datetime | None = None,
) -> DossierState:
    """The applicant brought the missing papers: resume the clock and move the appointment."""
    when = as_local(at) if at is not None else now_local()
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_id)
        require_allowed(Action.SUPPLEMENT_RECEIVED, dossier)
        open_pauses = [p for p in dossier.pauses if p.ended_at is None]
        for pause in open_pauses:
            pause.ended_at = max(when, as_local(pause.started_at))
        wanted = set(positions) if positions is not None else None
        received_now = []
        for line in dossier.documents:
            if line.missing_note and (wanted is None or line.position in wanted):
                line.received = True
                received_now.append(line.position)
        session.flush()
        previous_due = dossier.due_at
        hours = OfficeHours.from_dict({"sessions": dossier.time_rule.get("office_hours")})
        calendar = calendar_for(session)
        if is_manual(dossier.time_rule):  # entered by hand: moved by the working time paused
            for pause in open_pauses:
                assert pause.ended_at is not None
                if dossier.due_at is not None:
                    span = (as_local(pause.started_at), as_local(pause.ended_at))
                    dossier.due_at = shift_by_pause(dossier.due_at, span, calendar, hours)
        else:
            rule = ProcessingTime.from_dict(dossier.time_rule)
            pauses = [(p.started_at, p.ended_at) for p in dossier.pauses if p.ended_at is not None]
            dossier.due_at = compute_due(dossier.received_at, rule, calendar, hours, pauses)
        if dossier.extended_due_at is not None:
            for pause in open_pauses:
                assert pause.ended_at is not None
                span = (as_local(pause.started_at), as_local(pause.ended_at))
                dossier.extended_due_at = shift_by_pause(dossier.extended_due_at, span, calendar, hours)
        dossier.calendar_version = calendar.version
        set_status(dossier, Status.PROCESSING if dossier.handed_over_at else Status.RECEIVED)
        dossier.reason = ""
        append_event(
            session,
            dossier.id,
            change(
                SupplementReceived,
                dossier,
                resumed_at=when,
                paused_at=open_pauses[0].started_at if open_pauses else None,
                documents_received=received_now,
                due_at=dossier.due_at,
                previous_due_at=previous_due,
                **({"extended_due_at": dossier.extended_due_at} if dossier.extended_due_at else {}),
                calendar_version=calendar.version,
                note=limits.bounded(note, MAX_NOTES, "Ghi chú", "note"),
            ),
            officer.officer_id,
            at=when,
        )
        return dossier_state(dossier)


def refuse(
    store: Store, officer: SignedIn, dossier_id: str, reason: str, *, at: datetime | None = None
) -> DossierState:
    """Form 03: the dossier is not accepted for processing (status 3), with the reason."""
    when = as_local(at) if at is not None else now_local()
    why = _reason(reason, "từ chối tiếp nhận")
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_id)
        require_allowed(Action.REFUSE, dossier)
        close_dossier(session, officer, dossier, Status.REFUSED, Refused, why, when)
        return dossier_state(dossier)
