"""Accepting an online submission at the counter (issue 20, Deliver 4): a dossier the citizen submitted on
the public portal came down in status 1 (Mới đăng ký, `sync.client.online`); the officer checks it and
accepts it here (form 01, status 2) or refuses it with the ordinary refusal (`desktop.services.intake.refuse`,
form 03, status 3: the table allows `refuse` from 1).

Accepting is one transaction through the allowed-actions table (`Action.ACCEPT_ONLINE`): the dossier as it
came (applicant, submitter, papers) passes the intake's checks first (`intake_validate.check_draft`: names,
identity number against birth date and gender, phone, e-mail, address, at least one paper received); a
problem refuses the acceptance with every problem listed, nothing changed (the officer refuses the dossier
with a reason instead, or the citizen corrects it on the portal); the checked applicant values (digits of
the identity number, the phone as stored) replace what came. Then the reception
moment is the acceptance, the appointment is counted from it by the legal clock (procedure's time rule,
the unit's office hours, the calendar in force), the fees due are assessed, and the dossier's `received`
event (its full intake snapshot, the first of its chain) is appended: the server takes it from status 1
(`sync.common.lifecycle.step_allowed`) and its record becomes the received dossier. The dossier keeps the
code the province gave it (the unit's format, the province's numbers: `sync.server.online`), so the
receipt, the portal and the register name it alike; no workstation number is used.
"""

from __future__ import annotations

from datetime import date, datetime

from desktop.core.actions import Action, require_allowed
from desktop.core.errors import ValidationError
from desktop.core.status import Status
from desktop.core.timeutil import as_local, now_local
from desktop.services.accounts import SignedIn
from desktop.services.dossier_state import DossierState, dossier_state, load_dossier, set_status
from desktop.services.fees import assess_fees, fees_assessed
from desktop.services.intake import appointment
from desktop.services.intake_draft import ApplicantDraft, DocumentDraft, IntakeDraft
from desktop.services.intake_mapping import APPLICANT_FIELDS, received_event
from desktop.services.intake_validate import CheckedIntake, DraftInvalid, check_draft
from desktop.store import settings
from desktop.store.calendar_repo import calendar_for, office_hours_of
from desktop.store.engine import Store
from desktop.store.events import append_event
from desktop.store.models import CatalogueVersion, Dossier


def accept_online(
    store: Store,
    officer: SignedIn,
    dossier_id: str,
    *,
    at: datetime | None = None,
    due_at: datetime | None = None,
) -> DossierState:
    """Form 01 for an online submission: status 2, the appointment counted from now (or `at`); `due_at`:
    the appointment the officer entered, required exactly when the procedure has no confirmed time limit
    (`desktop.services.intake` takes it alike)."""
    when = as_local(at) if at is not None else now_local()
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_id)
        require_allowed(Action.ACCEPT_ONLINE, dossier)
        checked = _checked(dossier, when)
        for name in APPLICANT_FIELDS:
            setattr(dossier.applicant, name, getattr(checked.applicant, name))
        procedure, calendar = dossier.procedure, calendar_for(session)
        hours = office_hours_of(dossier.unit)
        due, time_rule, _label = appointment(session, procedure, when, hours, calendar, due_at, None)
        dossier.received_at = when
        dossier.due_at = due
        dossier.calendar_version = calendar.version
        dossier.time_rule = time_rule
        dossier.register_book = settings.get(session, settings.REGISTER_BOOK)
        dossier.officer_id = officer.officer_id
        set_status(dossier, Status.RECEIVED)
        session.flush()
        fees = assess_fees(session, dossier, procedure)
        own_docs = {doc.id: doc.code for doc in procedure.documents}
        append_event(session, dossier.id, received_event(dossier, own_docs), officer.officer_id, at=when)
        if fees:
            version = session.get(CatalogueVersion, procedure.catalogue_version_id)
            fees_assessed(session, officer.officer_id, dossier, fees, version.version if version else "")
        return dossier_state(dossier)


def _day(value: date | None) -> str:
    return f"{value:%d/%m/%Y}" if value is not None else ""


def _checked(dossier: Dossier, when: datetime) -> CheckedIntake:
    """The intake's checks on the dossier as it came; ValidationError listing every problem."""
    a = dossier.applicant
    draft = IntakeDraft(
        procedure_code=dossier.procedure.code,
        applicant=ApplicantDraft(
            kind=a.kind, full_name=a.full_name, id_number=a.id_number, old_id_number=a.old_id_number,
            id_issue_date=_day(a.id_issue_date), date_of_birth=_day(a.date_of_birth), gender=a.gender,
            phone=a.phone, email=a.email, address=a.address, province_code=a.province_code,
            ward_code=a.ward_code,
        ),
        documents=[
            DocumentDraft(line.name, line.originals, line.copies, line.received, line.procedure_document_id)
            for line in dossier.documents
        ],
        submitter_name=dossier.submitter_name,
        submitter_id_number=dossier.submitter_id_number,
        submitter_phone=dossier.submitter_phone,
        channel="online",
        delivery=dossier.delivery,
        delivery_address=dossier.delivery_address,
        summary=dossier.summary,
        notes=dossier.notes,
        sets_count=dossier.sets_count,
    )  # fmt: skip
    try:
        return check_draft(draft, when.date())
    except DraftInvalid as exc:
        problems = "; ".join(exc.errors.values())
        raise ValidationError(
            f"Chưa tiếp nhận được hồ sơ trực tuyến {dossier.code}: {problems}. Hãy từ chối tiếp nhận (ghi rõ "
            "lý do để công dân bổ sung trên cổng dịch vụ công).",
            "applicant",
        ) from None
