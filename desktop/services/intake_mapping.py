"""The one mapping from a checked intake draft to the stored dossier and its `received` event (issue 14).

`receive_dossier` and its two variants (`desktop.services.intake`) check the draft, allocate the code and
compute the appointment, then call these: `applicant_row` and `dossier_row` build the ORM rows,
`document_lines` the papers with the scans made during intake, and `received_event` the typed intake
snapshot (`sync.events.Received`) from the stored rows, so the snapshot always says what was stored.

Applicant fields are copied by name: those of `CheckedApplicant` (`intake_validate.py`) onto `Applicant`
(`store/models.py`) and from it onto `ApplicantSnapshot` (`sync/events.py`). **A new applicant field**
touches the draft (`intake_draft.py` `ApplicantDraft`), its check (`intake_validate.py`
`CheckedApplicant`), the model and a schema step (`store/models.py`, `store/migrations.py`) and the
snapshot class (`sync/events.py` `ApplicantSnapshot`) — and, when the portal has that field, its
`HoSo` name in `sync/client/records.py`; nothing here. A new dossier-level field is one line in
`dossier_row` and one in `received_event`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any

from desktop.core.status import Status, national_code
from desktop.scan.blobstore import BlobStore
from desktop.services.intake_draft import DocumentDraft
from desktop.services.intake_validate import CheckedApplicant, CheckedIntake
from desktop.store.list_keys import list_values
from desktop.store.models import Applicant, Attachment, DocumentLine, Dossier, Procedure, Unit
from sync.events import (
    ApplicantSnapshot,
    AttachmentSnapshot,
    DocumentSnapshot,
    ProcedureRef,
    Received,
    SubmitterSnapshot,
)

APPLICANT_FIELDS = tuple(f.name for f in fields(CheckedApplicant))
# snapshot fields whose empty value is stored as null (the others keep "")
_NULL_WHEN_EMPTY = frozenset(
    name for name, info in ApplicantSnapshot.model_fields.items() if info.default is None
)


def applicant_row(applicant: CheckedApplicant) -> Applicant:
    return Applicant(**asdict(applicant))


@dataclass(frozen=True)
class Placement:
    """What intake decided besides the draft: the code and register number, the moment, the appointment,
    the calendar and time rule used, and the workstation's register book."""

    id: str
    code: str
    register_number: int
    received: datetime
    due: datetime | None  # None: refused at intake, no confirmed limit and none entered
    calendar_version: str
    time_rule: dict[str, Any]
    register_book: str


def dossier_row(
    checked: CheckedIntake,
    placement: Placement,
    unit: Unit,
    procedure: Procedure,
    applicant: Applicant,
    officer_id: int,
) -> Dossier:
    """The dossier row (status 2, Được tiếp nhận), without its papers."""
    d, a = checked.draft, checked.applicant
    return Dossier(
        id=placement.id,
        code=placement.code,
        unit=unit,
        procedure=procedure,
        applicant=applicant,
        officer_id=officer_id,
        status=Status.RECEIVED.value,
        status_code=national_code(Status.RECEIVED),
        channel=d.channel,
        delivery=d.delivery,
        delivery_address=d.delivery_address or (a.address if d.delivery == "postal" else ""),
        submitter_name=d.submitter_name,
        submitter_id_number=checked.submitter_id_number,
        submitter_phone=checked.submitter_phone,
        summary=d.summary or procedure.name,
        notes=d.notes,
        sets_count=d.sets_count,
        submitted_at=placement.received,
        received_at=placement.received,
        due_at=placement.due,
        calendar_version=placement.calendar_version,
        time_rule=placement.time_rule,
        register_book=placement.register_book,
        register_number=placement.register_number,
        fee_amount=procedure.fee_amount,
        **list_values(
            code=placement.code,
            applicant_name=a.full_name,
            id_number=a.id_number,
            phone=a.phone,
            procedure_code=procedure.code,
            procedure_name=procedure.name,
            submitter_name=d.submitter_name,
            submitter_id_number=checked.submitter_id_number,
            submitter_phone=checked.submitter_phone,
        ),
    )


def document_lines(
    dossier: Dossier,
    documents: list[DocumentDraft],
    own_documents: set[int],
    blobs: BlobStore,
    officer_id: int,
) -> list[str]:
    """Append the papers (numbered from 1) with the scans still in the blob store; the names of the
    papers some of whose scans are gone."""
    lost: list[str] = []
    for position, doc in enumerate(documents, start=1):
        line = DocumentLine(
            position=position,
            procedure_document_id=doc.procedure_document_id
            if doc.procedure_document_id in own_documents
            else None,
            name=doc.name,
            originals=doc.originals,
            copies=doc.copies,
            received=doc.received,
        )
        dossier.documents.append(line)
        held = [ref for ref in doc.attachments if blobs.exists(ref.sha256, ref.size)]
        if len(held) < len(doc.attachments):
            lost.append(doc.name)
        for index, ref in enumerate(held, start=1):
            line.attachments.append(
                Attachment(
                    dossier_id=dossier.id,
                    position=index,
                    sha256=ref.sha256,
                    size=ref.size,
                    pages=ref.pages,
                    mime=ref.mime,
                    profile=ref.profile,
                    source=ref.source,
                    original_name=ref.original_name,
                    scanned_by=officer_id,
                )
            )
    return lost


def applicant_snapshot(applicant: Applicant) -> ApplicantSnapshot:
    values = {name: getattr(applicant, name) for name in APPLICANT_FIELDS}
    return ApplicantSnapshot(
        id=applicant.id,
        **{k: (v or None) if k in _NULL_WHEN_EMPTY else v for k, v in values.items()},
    )


def _document(line: DocumentLine, code: str) -> DocumentSnapshot:
    return DocumentSnapshot(
        position=line.position,
        name=line.name,
        originals=line.originals,
        copies=line.copies,
        received=line.received,
        procedure_document_id=line.procedure_document_id,
        procedure_document_code=code,
        missing_note=line.missing_note,
        attachments=[
            AttachmentSnapshot(
                id=a.id,
                sha256=a.sha256,
                size=a.size,
                pages=a.pages,
                mime=a.mime,
                profile=a.profile,
                source=a.source,
            )
            for a in line.attachments
            if not a.removed
        ],
    )


def received_event(dossier: Dossier, document_codes: dict[int, str] | None = None) -> Received:
    """The `received` event of a freshly stored dossier: its full intake state (`document_codes`: the
    national code of each procedure document, by id)."""
    codes = document_codes or {}
    procedure = dossier.procedure
    lines = list(dossier.documents)
    return Received.written(
        snapshot_version=1,
        dossier_id=dossier.id,
        code=dossier.code,
        unit_code=dossier.unit.code,
        procedure=ProcedureRef(
            code=procedure.code, name=procedure.name, field=procedure.field, field_code=procedure.field_code
        ),
        applicant=applicant_snapshot(dossier.applicant),
        submitter=SubmitterSnapshot(
            name=dossier.submitter_name, id_number=dossier.submitter_id_number, phone=dossier.submitter_phone
        ),
        documents=[_document(line, codes.get(line.procedure_document_id or 0, "")) for line in lines],
        documents_count=len(lines),
        originals_total=sum(line.originals for line in lines if line.received),
        copies_total=sum(line.copies for line in lines if line.received),
        sets_count=dossier.sets_count,
        submitted_at=dossier.submitted_at,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        status=dossier.status,
        status_code=dossier.status_code,
        channel=dossier.channel,
        delivery=dossier.delivery,
        delivery_address=dossier.delivery_address,
        summary=dossier.summary,
        notes=dossier.notes,
        fee_amount=dossier.fee_amount,
        register_number=dossier.register_number,
        calendar_version=dossier.calendar_version,
        time_rule=dossier.time_rule,
    )
