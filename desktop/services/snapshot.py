"""JSON-safe snapshots of a dossier for event payloads (the event log is also the sync outbox).

The `received` event carries `intake_snapshot(dossier)`: every intake field the commune owns, so the
provincial side can build its record from that one event. Later events carry only what changed plus
`status`/`status_code` (`change_payload`). Times are ISO 8601 with the +07:00 offset, dates ISO dates.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from desktop.store.models import Applicant, Attachment, DocumentLine, Dossier

SNAPSHOT_VERSION = 1


def iso(value: datetime | date | None) -> str | None:
    """ISO text of a datetime (seconds precision kept as stored) or date; None stays None."""
    return value.isoformat() if value is not None else None


def applicant_snapshot(applicant: Applicant) -> dict[str, Any]:
    return {
        "id": applicant.id,
        "kind": applicant.kind,
        "full_name": applicant.full_name,
        "id_number": applicant.id_number,
        "old_id_number": applicant.old_id_number or None,
        "id_issue_date": iso(applicant.id_issue_date),
        "date_of_birth": iso(applicant.date_of_birth),
        "gender": applicant.gender or None,
        "phone": applicant.phone,
        "email": applicant.email,
        "address": applicant.address,
        "province_code": applicant.province_code,
        "ward_code": applicant.ward_code,
    }


def attachment_snapshot(attachment: Attachment) -> dict[str, Any]:
    return {
        "id": attachment.id,
        "sha256": attachment.sha256,
        "size": attachment.size,
        "pages": attachment.pages,
        "mime": attachment.mime,
        "profile": attachment.profile,
        "source": attachment.source,
    }


def document_snapshot(line: DocumentLine, procedure_document_code: str = "") -> dict[str, Any]:
    return {
        "position": line.position,
        "name": line.name,
        "originals": line.originals,
        "copies": line.copies,
        "received": line.received,
        "procedure_document_id": line.procedure_document_id,
        "procedure_document_code": procedure_document_code,
        "missing_note": line.missing_note,
        "attachments": [attachment_snapshot(a) for a in line.attachments if not a.removed],
    }


def intake_snapshot(dossier: Dossier, document_codes: dict[int, str] | None = None) -> dict[str, Any]:
    """The full intake state of a freshly received dossier (payload of the `received` event)."""
    codes = document_codes or {}
    procedure = dossier.procedure
    return {
        "snapshot_version": SNAPSHOT_VERSION,
        "dossier_id": dossier.id,
        "code": dossier.code,
        "unit_code": dossier.unit.code,
        "procedure": {
            "code": procedure.code,
            "name": procedure.name,
            "field": procedure.field,
            "field_code": procedure.field_code,
        },
        "applicant": applicant_snapshot(dossier.applicant),
        "submitter": {
            "name": dossier.submitter_name,
            "id_number": dossier.submitter_id_number,
            "phone": dossier.submitter_phone,
        },
        "documents": [
            document_snapshot(line, codes.get(line.procedure_document_id or 0, ""))
            for line in dossier.documents
        ],
        "documents_count": len(dossier.documents),
        "originals_total": sum(line.originals for line in dossier.documents if line.received),
        "copies_total": sum(line.copies for line in dossier.documents if line.received),
        "sets_count": dossier.sets_count,
        "submitted_at": iso(dossier.submitted_at),
        "received_at": iso(dossier.received_at),
        "due_at": iso(dossier.due_at),
        "status": dossier.status,
        "status_code": dossier.status_code,
        "channel": dossier.channel,
        "delivery": dossier.delivery,
        "delivery_address": dossier.delivery_address,
        "summary": dossier.summary,
        "notes": dossier.notes,
        "fee_amount": dossier.fee_amount,
        "register_number": dossier.register_number,
        "calendar_version": dossier.calendar_version,
        "time_rule": dossier.time_rule,
    }


def change_payload(dossier: Dossier, **changes: Any) -> dict[str, Any]:
    """Payload of a later event: what changed (dates made ISO) plus the dossier's code and status."""
    payload: dict[str, Any] = {
        "code": dossier.code,
        "status": dossier.status,
        "status_code": dossier.status_code,
    }
    for key, value in changes.items():
        payload[key] = iso(value) if isinstance(value, date | datetime) else value
    return payload
