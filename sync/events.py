"""A dossier's history as typed events: one class per event kind, its stored payload, and its hash.

Every change to a dossier appends one event (`desktop.store.events.append_event`), which is both the audit
trail and the sync outbox. The event's *kind* is its class (`Refused.kind == "refused"`), its *payload* the
JSON object stored in `events.payload`: `to_payload()` of the typed event. `read_event(kind, payload)`
gives the typed event back; unknown kinds and rows that no longer fit their class are kept as they are
(`OtherEvent`), so nothing old fails to load. Every class accepts keys it does not name (`extra="allow"`):
an older or newer row, or the demo's `demo` flag, round-trips unchanged. This module is the only place
that knows the payload's keys: everything else reads typed attributes.

Kinds: `received` (the intake snapshot: `Received`), `supplement_requested`, `supplement_received`,
`refused`, `handed_over`, `obligation_requested`, `obligation_met`, `due_extended`, `result_ready`,
`result_returned`, `result_posted`, `result_delivered`, `stopped`, `withdrawn`, `rated`, `corrected`,
`attachment_added`, `attachment_removed`, `fee_assessed`, `fee_collected`, `fee_exempted`, and
`upstream_step` (a status change made upstream, sent down by `GET /changes`). A new kind is
a new class here, added to `KINDS`, a title in
`desktop/ui/dossier/timeline.py`, and its writer in the service that performs it.

**Canonical serialisation and hash.** `event_hash` is SHA-256 (hex) of the UTF-8 bytes of
`json.dumps([prev_hash, uuid, seq, kind, payload], ensure_ascii=False, sort_keys=True)` where `payload` is
the stored JSON object. These are exactly the bytes hashed since the first release, so every existing
store's chain still verifies: no migration rehashes anything. The payload travels on the wire next to the
portal record (`WireEvent.payload`), so the provincial server recomputes each hash and checks that it
chains onto the dossier's previous event (`content_fault`, `sync.server.ingest`).

Stdlib and pydantic only (no `desktop`, no Qt): the reference server imports it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, PlainSerializer
from pydantic import ValidationError as _PydanticError

# ISO 8601 as stored (`datetime.isoformat()`: "2026-10-05T09:00:00+07:00"), also in JSON
Moment = Annotated[datetime, PlainSerializer(lambda v: v.isoformat(), return_type=str)]
Day = Annotated[date, PlainSerializer(lambda v: v.isoformat(), return_type=str)]


class _Part(BaseModel):
    """A typed part of a payload; keys it does not name are kept (old and new rows round-trip)."""

    model_config = ConfigDict(frozen=True, extra="allow")


class EventBody(_Part):
    """The typed payload of one event kind; `kind` is the stored `events.type`."""

    kind: ClassVar[str] = ""

    def to_payload(self) -> dict[str, Any]:
        """The JSON object stored and hashed: the fields that were given (None included), ISO times."""
        return self.model_dump(mode="json", exclude_unset=True)

    @classmethod
    def written(cls, **fields: Any) -> Self:
        """The event as a writer makes it: like the constructor, but a name the class does not declare
        is a TypeError (a reader keeps unknown keys; a writer's typo must not become one)."""
        unknown = set(fields) - set(cls.model_fields)
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
        return cls(**fields)


# --- the intake snapshot (`received`) -----------------------------------------------------------------


class ProcedureRef(_Part):
    code: str = ""
    name: str = ""
    field: str = ""
    field_code: str = ""


class ApplicantSnapshot(_Part):
    id: str | None = None
    kind: str = "person"
    full_name: str = ""
    id_number: str = ""
    old_id_number: str | None = None
    id_issue_date: Day | None = None
    date_of_birth: Day | None = None
    gender: str | None = None
    phone: str = ""
    email: str = ""
    address: str = ""
    province_code: str = ""
    ward_code: str = ""


class SubmitterSnapshot(_Part):
    name: str = ""
    id_number: str = ""
    phone: str = ""


class AttachmentSnapshot(_Part):
    id: str | None = None
    sha256: str = ""
    size: int = 0
    pages: int = 0
    mime: str = ""
    profile: str = ""
    source: str = ""


class DocumentSnapshot(_Part):
    position: int | None = None
    name: str = ""
    originals: int = 0
    copies: int = 0
    received: bool = True
    procedure_document_id: int | None = None
    procedure_document_code: str = ""
    missing_note: str = ""
    attachments: list[AttachmentSnapshot] = []


class Received(EventBody):
    """Received at the counter (status 2): every intake field the commune owns, so the province can
    build its record from this one event. `snapshot_version` 1."""

    kind: ClassVar[str] = "received"

    snapshot_version: int = 1
    dossier_id: str = ""
    code: str = ""
    unit_code: str = ""
    procedure: ProcedureRef = ProcedureRef()
    applicant: ApplicantSnapshot = ApplicantSnapshot()
    submitter: SubmitterSnapshot = SubmitterSnapshot()
    documents: list[DocumentSnapshot] = []
    documents_count: int = 0
    originals_total: int = 0
    copies_total: int = 0
    sets_count: int = 1
    submitted_at: Moment | None = None
    received_at: Moment | None = None
    due_at: Moment | None = None
    status: str = ""
    status_code: int | None = None
    channel: str = "direct"
    delivery: str = "counter"
    delivery_address: str = ""
    summary: str = ""
    notes: str = ""
    fee_amount: int | None = None
    register_number: int | None = None
    calendar_version: str = ""
    time_rule: dict[str, Any] = {}


# --- later changes: the dossier's code and status, plus what changed ----------------------------------


class Change(EventBody):
    """A later event: the dossier's code and its status after the change."""

    code: str = ""
    status: str = ""
    status_code: int | None = None


class Reasoned(Change):
    """A change made for a stated reason (shown in the history)."""

    reason: str = ""


class Closing(Reasoned):
    """The dossier ends here (refused, stopped, withdrawn) from `previous_status`; the moment is the
    kind's own `…_at` field (`stamp`), `at` whichever kind it is."""

    stamp: ClassVar[str] = ""
    previous_status: str = ""

    @classmethod
    def closing(cls, at: datetime, **fields: Any) -> Self:
        """The event of a dossier closed at `at` (stored under the kind's own `…_at` key)."""
        return cls.written(**fields, **{cls.stamp: at})

    @property
    def at(self) -> datetime | None:
        value = getattr(self, self.stamp, None)
        return value if isinstance(value, datetime) else None


class MissingPaper(_Part):
    position: int | None = None
    name: str = ""
    note: str = ""


class SupplementRequested(Reasoned):
    """Form 02 (status 5): the papers missing; the legal clock stopped at `paused_at`."""

    kind: ClassVar[str] = "supplement_requested"

    missing: list[MissingPaper] = []
    paused_at: Moment | None = None
    previous_status: str = ""


class SupplementReceived(Change):
    """The papers came back: the clock runs again from `resumed_at`, the appointment moves to `due_at`."""

    kind: ClassVar[str] = "supplement_received"

    resumed_at: Moment | None = None
    paused_at: Moment | None = None
    documents_received: list[int] = []
    due_at: Moment | None = None
    previous_due_at: Moment | None = None
    extended_due_at: Moment | None = None  # an extension moved by the pause (only stored when there is one)
    calendar_version: str = ""
    note: str = ""


class Refused(Closing):
    kind: ClassVar[str] = "refused"

    stamp: ClassVar[str] = "refused_at"
    refused_at: Moment | None = None


class Stopped(Closing):
    kind: ClassVar[str] = "stopped"

    stamp: ClassVar[str] = "stopped_at"
    stopped_at: Moment | None = None


class Withdrawn(Closing):
    """The citizen took the dossier back (status 7) at the applicant's written request, made at
    `withdrawn_at` (the request's moment, also the end of processing: `finished_at`). Older rows carry
    only the reason and the moment; every field below has a default."""

    kind: ClassVar[str] = "withdrawn"

    stamp: ClassVar[str] = "withdrawn_at"
    withdrawn_at: Moment | None = None
    finished_at: Moment | None = None
    requester_kind: str = "owner"  # owner | authorised
    requester_name: str = ""
    requester_id_number: str = ""
    authorisation_ref: str = ""  # the authorisation of an authorised person
    channel: str = "counter"
    request_attachment_id: str | None = None  # the written request, scanned
    paper_request_kept: bool = False  # the written request kept on paper
    originals_returned: bool = False
    previous_reason: str = ""  # the dossier's reason before (restored by a correction)


class HandedOver(Change):
    """The counter handed the dossier to the processing body (status 4); `receiver` is the person who took
    it. A batch hand-over (several dossiers on one signed list) gives each dossier's event the list's
    `batch_id` and whether the list was signed (`slip_signed`); a single hand-over stores neither."""

    kind: ClassVar[str] = "handed_over"

    handed_over_at: Moment | None = None
    from_unit: str = ""
    to_unit: str = ""
    receiver: str = ""
    batch_id: str = ""
    slip_signed: bool = False


class ObligationLine(_Part):
    """One line of a financial obligation notice (a tax, a charge) and its amount in VND."""

    name: str = ""
    amount: int = 0


class ObligationRequested(Change):
    """A financial obligation set during processing (status 4 → 6): the issuing body's notice, its
    lines and total, and the date to pay by."""

    kind: ClassVar[str] = "obligation_requested"

    requested_at: Moment | None = None
    notice_number: str = ""
    notice_date: Day | None = None
    issuing_body: str = ""
    lines: list[ObligationLine] = []
    amount: int = 0
    pay_by: Day | None = None
    previous_status: str = ""


class ObligationMet(Change):
    """The applicant paid the obligation (status 6 → 4): when, how much, where, the payment document."""

    kind: ClassVar[str] = "obligation_met"

    paid_at: Moment | None = None
    amount: int = 0
    place: str = ""
    document_number: str = ""
    previous_status: str = ""


class DueExtended(Reasoned):
    """A new appointment for a late dossier, with the reason for the delay (form 04)."""

    kind: ClassVar[str] = "due_extended"

    previous_due_at: Moment | None = None
    extended_due_at: Moment | None = None


class ApologyIssued(Reasoned):
    """A written apology for a late dossier (form 04) from the head of the late body: the result came, or
    will come, after the appointment in force (`missed_due_at`), and no extension covered it. Required
    before the result is returned (lifecycle §2, "Late apology")."""

    kind: ClassVar[str] = "apology_issued"

    signer: str = ""
    issued_at: Moment | None = None
    sent_via: str = "paper"  # paper | sms | email | zalo
    missed_due_at: Moment | None = None


class ResultReady(Change):
    """The processing body has finished (status 9): the result, granted or refused with its reason, the
    document's number, signer and date, and the scan of the result when there is one. Rows written before
    these fields carry only `result_ready_at` and `previous_status` and load unchanged."""

    kind: ClassVar[str] = "result_ready"

    result_ready_at: Moment | None = None
    previous_status: str = ""
    result_kind: str = "granted"  # granted | refused
    refused_reason: str = ""
    document_number: str = ""
    signer: str = ""
    issued_at: Moment | None = None
    result_file_sha256: str = ""
    result_file_pages: int = 0


class ResultReturned(Change):
    """Handed back at the counter (status 10): who took it (`receiver_kind` owner, authorised with its
    `authorisation` reference, or other), their name and ID number, and the originals given back. Rows
    written before these fields carry only `returned_at`, `receiver` and `previous_status`."""

    kind: ClassVar[str] = "result_returned"

    returned_at: Moment | None = None
    receiver: str = ""
    previous_status: str = ""
    receiver_kind: str = ""  # owner | authorised | other
    receiver_id_number: str = ""
    authorisation: str = ""
    originals_returned: str = ""


class ResultPosted(Change):
    """Handed to the post for a dossier whose result goes by post (status 10, `HinhThuc` 1)."""

    kind: ClassVar[str] = "result_posted"

    posted_at: Moment | None = None
    waybill: str = ""
    postal_staff: str = ""
    previous_status: str = ""


class ResultDelivered(Change):
    """The post delivered a result handed to it (status stays 10), with the officer's optional `note`
    (rows written before it carry only `delivered_at`)."""

    kind: ClassVar[str] = "result_delivered"

    delivered_at: Moment | None = None
    note: str = ""


class Rated(EventBody):
    """The applicant's satisfaction (lifecycle §4): `level` very_satisfied | satisfied | dissatisfied,
    `reason` (required for dissatisfied), `stage` reception | return, `source` officer_screen | …"""

    kind: ClassVar[str] = "rated"

    code: str = ""
    level: str = ""
    reason: str = ""
    stage: str = "return"
    source: str = "officer_screen"
    rated_at: Moment | None = None


class Corrected(Reasoned):
    """A step recorded by mistake, reversed (lifecycle §1.4: nothing is deleted): the event it corrects
    (`corrected_uuid`, `corrected_seq`, `corrected_kind`), why, and the status the dossier returns to
    (`status`, from `previous_status`, the status the mistaken step had left). `rating` is set (to the
    rating restored, None) only when a rating is corrected."""

    kind: ClassVar[str] = "corrected"

    corrected_uuid: str = ""
    corrected_seq: int | None = None
    corrected_kind: str = ""
    previous_status: str = ""
    corrected_at: Moment | None = None
    rating: str | None = None  # the level in force after the correction


class UpstreamStep(Change):
    """A status change made upstream (the province, a specialist, the district: `actor`) on one of the
    unit's dossiers, with the body's `note`, at `stepped_at`; made on the provincial server (`motcua-server
    admin set-status`) and sent down by `GET /changes`, where the workstation appends it
    to the dossier's chain exactly as the server made it (same UUID, sequence and hash)."""

    kind: ClassVar[str] = "upstream_step"

    stepped_at: Moment | None = None
    previous_status: str = ""
    note: str = ""
    actor: str = "province"


class ReviewResolved(Change):
    """An officer settled a dossier flagged "Cần xem lại" (lifecycle §7 rule 7: choice, reason, evidence):
    `keep` "counter" (the status stays) or "province" (the dossier takes `province_status`, the status the
    province recorded); `review_note` the two facts as they were shown, `previous_status` the counter's
    status before, `note` the officer's reason."""

    kind: ClassVar[str] = "review_resolved"

    keep: str = ""
    previous_status: str = ""
    province_status: str = ""
    review_note: str = ""
    note: str = ""
    resolved_at: Moment | None = None


# --- fees (lifecycle §3) -------------------------------------------------------------------------------


class FeeLineSnapshot(_Part):
    """One fee line of the dossier as it stands after the event (`state`: due, collected, exempted,
    cancelled; `amount` 0 when exempted or free)."""

    position: int = 0
    fee_code: str = ""
    name: str = ""
    kind: str = ""  # phi | le_phi
    basis: str = "per_case"
    quantity: int = 1
    unit_amount: int = 0
    amount: int = 0
    timing: str = "before"
    state: str = "due"
    exemption_code: str = ""
    exemption_ground: str = ""
    method: str = ""
    receipt_number: str = ""


class FeeChange(Change):
    """A fee event: every fee line of the dossier after it (`lines`), so one event says the whole bill."""

    lines: list[FeeLineSnapshot] = []


class FeeAssessed(FeeChange):
    """At intake: the lines in force at `received_at` (`catalogue_version`), due or exempted at 0."""

    kind: ClassVar[str] = "fee_assessed"

    assessed_at: Moment | None = None
    catalogue_version: str = ""


class FeeReceiptSnapshot(_Part):
    number: str = ""
    kind: str = ""
    amount: int = 0


class FeeCollected(FeeChange):
    """The due lines paid at the counter (`method` cash or transfer), one receipt per kind."""

    kind: ClassVar[str] = "fee_collected"

    collected_at: Moment | None = None
    method: str = ""
    total: int = 0
    receipts: list[FeeReceiptSnapshot] = []


class FeeExempted(FeeChange):
    """Due lines set to 0 on an exemption ground (code, label and legal basis from the catalogue)."""

    kind: ClassVar[str] = "fee_exempted"

    exempted_at: Moment | None = None
    exemption_code: str = ""
    ground: str = ""


# --- scans --------------------------------------------------------------------------------------------


class AttachmentAdded(EventBody):
    """A scan linked to a document line after intake."""

    kind: ClassVar[str] = "attachment_added"

    attachment_id: str = ""
    document_line_id: int | None = None
    document_line_position: int | None = None
    sha256: str = ""
    size: int = 0
    pages: int = 0
    mime: str = ""
    profile: str = ""
    source: str = ""
    original_name: str = ""


class AttachmentRemoved(EventBody):
    """A scan taken off its dossier (the row is marked removed; the file stays)."""

    kind: ClassVar[str] = "attachment_removed"

    attachment_id: str = ""
    document_line_id: int | None = None
    document_line_position: int | None = None
    sha256: str = ""
    pages: int = 0
    original_name: str = ""


@dataclass(frozen=True)
class OtherEvent:
    """An event of a kind this version does not know (a newer client's), or an old row that no longer
    fits its class: kept and sent exactly as stored."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)

    def to_payload(self) -> dict[str, Any]:
        return dict(self.data)


TypedEvent = EventBody | OtherEvent

KINDS: dict[str, type[EventBody]] = {
    cls.kind: cls
    for cls in (
        Received,
        SupplementRequested,
        SupplementReceived,
        Refused,
        HandedOver,
        ObligationRequested,
        ObligationMet,
        DueExtended,
        ApologyIssued,
        ResultReady,
        ResultReturned,
        ResultPosted,
        ResultDelivered,
        Stopped,
        Withdrawn,
        Rated,
        Corrected,
        UpstreamStep,
        ReviewResolved,
        AttachmentAdded,
        AttachmentRemoved,
        FeeAssessed,
        FeeCollected,
        FeeExempted,
    )
}


def read_event(kind: str, payload: dict[str, Any] | None) -> TypedEvent:
    """The typed event of a stored (kind, payload); `OtherEvent` when the kind is unknown or the row does
    not fit its class."""
    data = dict(payload or {})
    cls = KINDS.get(kind)
    if cls is None:
        return OtherEvent(kind, data)
    try:
        return cls.model_validate(data)
    except _PydanticError:
        return OtherEvent(kind, data)


def attachment_hashes(event: TypedEvent) -> list[str]:
    """SHA-256 of every scan of the intake snapshot, in order, once each (the wire's `attachments`; a
    scan added later is named by its `attachment_added` event, `blob_hashes`)."""
    if not isinstance(event, Received):
        return []
    return list(dict.fromkeys(a.sha256 for doc in event.documents for a in doc.attachments if a.sha256))


def blob_hashes(kind: str, payload: dict[str, Any] | None, attachments: list[str]) -> list[str]:
    """SHA-256 of every scan an event refers to: the wire's `attachments` (the intake snapshot's) and
    the scan of an `attachment_added` event, once each."""
    event = read_event(kind, payload) if payload is not None else None
    added = [event.sha256] if isinstance(event, AttachmentAdded) and event.sha256 else []
    return list(dict.fromkeys([*attachments, *added]))


# --- canonical serialisation and the chain ------------------------------------------------------------


def canonical_bytes(prev_hash: str, uuid: str, seq: int, kind: str, payload: dict[str, Any]) -> bytes:
    """The bytes an event's hash covers (unchanged since the first release)."""
    return json.dumps([prev_hash, uuid, seq, kind, payload], ensure_ascii=False, sort_keys=True).encode(
        "utf-8"
    )


def event_hash(prev_hash: str, uuid: str, seq: int, kind: str, payload: dict[str, Any]) -> str:
    """SHA-256 (hex) of `canonical_bytes`."""
    return hashlib.sha256(canonical_bytes(prev_hash, uuid, seq, kind, payload)).hexdigest()


@dataclass(frozen=True)
class ContentFault:
    """Why an event's content does not match its hash: `field` is the wire field at fault."""

    field: str
    reason: str


HASH_MISMATCH = (
    "Nội dung thay đổi không khớp với mã kiểm tra của nó (có thể đã bị sửa sau khi ghi): "
    "hệ thống tỉnh không nhận. Hãy báo bộ phận hỗ trợ kỹ thuật."
)


def content_fault(
    prev_hash: str, uuid: str, seq: int, kind: str, payload: dict[str, Any], claimed_hash: str
) -> ContentFault | None:
    """None when `claimed_hash` is the hash of the event's content; otherwise why not, in Vietnamese
    (the server also checks that `prev_hash` is the hash of the dossier's previous event)."""
    if event_hash(prev_hash, uuid, seq, kind, payload) != claimed_hash:
        return ContentFault("hash", HASH_MISMATCH)
    return None
