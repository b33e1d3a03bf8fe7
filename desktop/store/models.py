"""SQLAlchemy 2 typed models of the local store (design §2).

Shaped for what comes next (hand-over, results, return, ratings, roles, encryption at rest): later issues
add columns through a numbered migration, not redesigns. Identifiers of things that travel to the
province (dossiers, events, applicants, attachments) are UUID strings, so two workstations never collide.
Times are stored as timezone-aware local time (Asia/Ho_Chi_Minh, +07:00) ISO strings by the `LocalDateTime`
type, because the legal clock is local time.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from desktop.core.timeutil import now_local
from desktop.store.list_keys import stored_time


def new_uuid() -> str:
    return str(uuid.uuid4())


class LocalDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as an ISO string in +07:00; naive values are taken as Vietnam time."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> str | None:
        return None if value is None else stored_time(value)

    def process_result_value(self, value: str | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return datetime.fromisoformat(value)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: LocalDateTime, date: Date, time: Time, dict[str, Any]: JSON}


class KeyValue:
    """The columns of a key/value table (read and written by `desktop.store.settings.read_value/write_value`)."""

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Setting(KeyValue, Base):
    """Key/value settings of this profile (workstation number, server URL, proxy, printers …)."""

    __tablename__ = "settings"


class Unit(Base):
    """An administrative unit (commune/ward) and its reception unit; the agency code is opaque."""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_name: Mapped[str] = mapped_column(String(200), default="")  # e.g. "UBND XÃ IA GRAI"
    reception_name: Mapped[str] = mapped_column(String(200), default="BỘ PHẬN MỘT CỬA")
    province: Mapped[str] = mapped_column(String(100), default="")
    place_name: Mapped[str] = mapped_column(String(100), default="")  # printed in "…, ngày … tháng …"
    office_hours: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    lookup_url: Mapped[str] = mapped_column(String(300), default="")
    valid_from: Mapped[date | None] = mapped_column(default=None)
    valid_to: Mapped[date | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=now_local)


class Officer(Base):
    __tablename__ = "officers"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(
        String(30), default="officer"
    )  # desktop.core.roles: admin|officer|readonly
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=now_local)
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)
    # wrong passwords in a row, and the end of the lockout they caused (schema 6, desktop.services.officers)
    failed_signins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(default=None)
    unit: Mapped[Unit] = relationship()


class AuditEntry(Base):
    """One line of the audit log: a sign-in, a failure, a lockout, its lifting, a change to an officer, a
    lock of the screen (schema 6). `officer_id` is who did it (None: an unknown username), `subject_id`
    the officer it concerns; `detail` never holds a password or anything typed as a username."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(String(40))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), default=None)
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), default=None)
    workstation: Mapped[int] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="", server_default="")


class CatalogueVersion(Base):
    """One loaded version of the procedure catalogue (shipped file or synced from the province)."""

    __tablename__ = "catalogue_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(60), unique=True)
    source: Mapped[str] = mapped_column(String(30), default="shipped")  # shipped | server
    effective_from: Mapped[date | None] = mapped_column(default=None)
    loaded_at: Mapped[datetime] = mapped_column(default=now_local)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Procedure(Base):
    """An administrative procedure (thủ tục hành chính) in one catalogue version."""

    __tablename__ = "procedures"
    __table_args__ = (UniqueConstraint("catalogue_version_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    catalogue_version_id: Mapped[int] = mapped_column(ForeignKey("catalogue_versions.id"))
    code: Mapped[str] = mapped_column(String(40), index=True)  # national code, e.g. 1.001193
    name: Mapped[str] = mapped_column(String(400))
    name_folded: Mapped[str] = mapped_column(String(400), default="")
    field: Mapped[str] = mapped_column(String(200), default="")  # lĩnh vực
    field_code: Mapped[str] = mapped_column(String(40), default="")
    time_amount: Mapped[float] = mapped_column(default=0)
    time_unit: Mapped[str] = mapped_column(String(10), default="days")  # days | hours | sameday
    cutoff: Mapped[time | None] = mapped_column(default=None)  # same-day cut-off, e.g. 15:00
    time_text: Mapped[str] = mapped_column(Text, default="")
    fee_text: Mapped[str] = mapped_column(Text, default="")
    fee_amount: Mapped[int | None] = mapped_column(default=None)  # VND, when a flat fee
    result: Mapped[str] = mapped_column(Text, default="")
    online_level: Mapped[str] = mapped_column(String(20), default="")  # toan_trinh | mot_phan | ""
    rules: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # the catalogue's dated fee lines (`desktop.core.fees.FeeRule`; added by the fees schema step, so last)
    fees: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list, server_default="[]")
    # the full catalogue's step (schema 11): False when the source's time limit lost its unit or is
    # ambiguous ("thời hạn chưa xác nhận"): time_amount/time_unit then mean nothing and no appointment is
    # computed from them; `details` holds the per-channel limits, legal basis, provenance, authority and short
    # names (`desktop.store.catalogue` documents the keys)
    time_confirmed: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")
    documents: Mapped[list[ProcedureDocument]] = relationship(
        order_by="ProcedureDocument.position", cascade="all, delete-orphan"
    )


class ProcedureDocument(Base):
    """A document the procedure requires (thành phần hồ sơ), with default original/copy counts."""

    __tablename__ = "procedure_documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"))
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(String(40), default="")  # MaThanhPhanHoSo
    name: Mapped[str] = mapped_column(Text)
    originals: Mapped[int] = mapped_column(default=0)
    copies: Mapped[int] = mapped_column(default=0)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    # schema 11: a paper shown at the counter and handed back ("xuất trình"), not kept; its form's name
    shown: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    form: Mapped[str] = mapped_column(String(200), default="", server_default="")


class Applicant(Base):
    """The person or organisation a dossier belongs to (chủ hồ sơ), as entered for that dossier."""

    __tablename__ = "applicants"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    kind: Mapped[str] = mapped_column(String(12), default="person")  # person | organisation
    full_name: Mapped[str] = mapped_column(String(300))
    id_number: Mapped[str] = mapped_column(String(30), default="", index=True)  # CCCD / tax code
    old_id_number: Mapped[str] = mapped_column(String(30), default="")
    id_issue_date: Mapped[date | None] = mapped_column(default=None)
    date_of_birth: Mapped[date | None] = mapped_column(default=None)
    gender: Mapped[str] = mapped_column(String(10), default="")  # male | female | ""
    phone: Mapped[str] = mapped_column(String(30), default="", index=True)
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    province_code: Mapped[str] = mapped_column(String(20), default="")
    ward_code: Mapped[str] = mapped_column(String(20), default="")
    created_at: Mapped[datetime] = mapped_column(default=now_local)


class Dossier(Base):
    """The current state of a dossier; its history is the event log."""

    __tablename__ = "dossiers"
    __table_args__ = (
        Index("ix_dossiers_received_at", "received_at"),
        Index("ix_dossiers_status_due", "status", "due_at"),
        # the list's sort orders (schema 2); each serves ORDER BY <column>, rowid in either direction
        Index("ix_dossiers_applicant_key", "applicant_key"),
        Index("ix_dossiers_submitter_key", "submitter_key"),
        Index("ix_dossiers_procedure_key", "procedure_key"),
        Index("ix_dossiers_status_code", "status_code"),
        Index("ix_dossiers_due_at", "due_at"),
        # the worklists (schema step "worklists"): each list by status along the current due, today's returns
        Index("ix_dossiers_status_current_due", "status", text("coalesce(extended_due_at, due_at)")),
        Index("ix_dossiers_returned_at", "returned_at"),
        Index("ix_dossiers_finished_at", "finished_at"),
        # the worklist "Cần xem lại" (schema 10): the few flagged dossiers only
        Index("ix_dossiers_review", "updated_at", sqlite_where=text("review_note != ''")),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"))
    applicant_id: Mapped[str] = mapped_column(ForeignKey("applicants.id"))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), default=None)
    # local status (received, supplement_requested, refused, processing, result_ready, returned,
    # stopped, withdrawn) and the national portal's TrangThaiHoSo code 1..10 (domain §7)
    status: Mapped[str] = mapped_column(String(30), default="received")
    status_code: Mapped[int] = mapped_column(default=2)
    channel: Mapped[str] = mapped_column(String(10), default="direct")  # direct | postal | online
    delivery: Mapped[str] = mapped_column(String(10), default="counter")  # counter | postal
    delivery_address: Mapped[str] = mapped_column(Text, default="")
    submitter_name: Mapped[str] = mapped_column(String(300), default="")
    submitter_id_number: Mapped[str] = mapped_column(String(30), default="")
    submitter_phone: Mapped[str] = mapped_column(String(30), default="")
    summary: Mapped[str] = mapped_column(Text, default="")  # trích yếu / nội dung yêu cầu
    notes: Mapped[str] = mapped_column(Text, default="")
    sets_count: Mapped[int] = mapped_column(default=1)
    submitted_at: Mapped[datetime] = mapped_column(default=now_local)
    received_at: Mapped[datetime] = mapped_column(default=now_local)  # complete and valid
    due_at: Mapped[datetime | None] = mapped_column(default=None)
    extended_due_at: Mapped[datetime | None] = mapped_column(default=None)
    calendar_version: Mapped[str] = mapped_column(String(60), default="")
    time_rule: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    register_book: Mapped[str] = mapped_column(String(20), default="")
    register_number: Mapped[int | None] = mapped_column(default=None)
    fee_amount: Mapped[int | None] = mapped_column(default=None)
    payment_channel: Mapped[str] = mapped_column(String(20), default="")
    handed_over_at: Mapped[datetime | None] = mapped_column(default=None)
    processing_unit: Mapped[str] = mapped_column(String(200), default="")
    result_ready_at: Mapped[datetime | None] = mapped_column(default=None)
    returned_at: Mapped[datetime | None] = mapped_column(default=None)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)
    rating: Mapped[int | None] = mapped_column(default=None)
    reason: Mapped[str] = mapped_column(Text, default="")  # refusal / supplement / stop reason
    sync_status: Mapped[str] = mapped_column(String(20), default="pending")  # pending|synced|rejected
    sync_error: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")  # desktop.store.list_keys.list_values
    created_at: Mapped[datetime] = mapped_column(default=now_local)
    updated_at: Mapped[datetime] = mapped_column(default=now_local, onupdate=now_local)
    # Vietnamese collation keys the list sorts by (desktop.store.list_keys; added by schema 2, so last)
    applicant_key: Mapped[str] = mapped_column(String(200), default="", server_default="")
    submitter_key: Mapped[str] = mapped_column(String(200), default="", server_default="")
    procedure_key: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # the result and its delivery (schema 4): granted | refused, the document's number, and the delivery
    # track (lifecycle §1.1: at_counter once ready, with_post, delivered)
    result_kind: Mapped[str] = mapped_column(String(10), default="", server_default="")
    result_number: Mapped[str] = mapped_column(String(60), default="", server_default="")
    delivery_status: Mapped[str] = mapped_column(String(20), default="", server_default="")
    # "Cần xem lại" (schema 8): a step from the province the lifecycle rules could not settle, with both
    # facts (`sync.client.changes`); "" when nothing waits for an officer's review
    review_note: Mapped[str] = mapped_column(Text, default="", server_default="")

    unit: Mapped[Unit] = relationship()
    procedure: Mapped[Procedure] = relationship()
    applicant: Mapped[Applicant] = relationship()
    officer: Mapped[Officer | None] = relationship()
    documents: Mapped[list[DocumentLine]] = relationship(
        order_by="DocumentLine.position", cascade="all, delete-orphan", back_populates="dossier"
    )
    pauses: Mapped[list[DossierPause]] = relationship(order_by="DossierPause.started_at")


class DocumentLine(Base):
    """A paper received with the dossier, with its counts of originals and copies."""

    __tablename__ = "document_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    procedure_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("procedure_documents.id"), default=None
    )
    name: Mapped[str] = mapped_column(Text)
    originals: Mapped[int] = mapped_column(default=0)
    copies: Mapped[int] = mapped_column(default=0)
    received: Mapped[bool] = mapped_column(Boolean, default=True)
    missing_note: Mapped[str] = mapped_column(Text, default="")  # for supplement requests
    dossier: Mapped[Dossier] = relationship(back_populates="documents")
    attachments: Mapped[list[Attachment]] = relationship(order_by="Attachment.position")


class Attachment(Base):
    """A digitised document: a file in the content-addressed store, linked to a document line."""

    __tablename__ = "attachments"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    document_line_id: Mapped[int | None] = mapped_column(ForeignKey("document_lines.id"), default=None)
    position: Mapped[int] = mapped_column(default=0)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(default=0)
    pages: Mapped[int] = mapped_column(default=0)
    mime: Mapped[str] = mapped_column(String(60), default="application/pdf")
    profile: Mapped[str] = mapped_column(String(10), default="")  # text | photo | original
    source: Mapped[str] = mapped_column(String(60), default="")  # sane:test:0 | folder | import
    original_name: Mapped[str] = mapped_column(String(300), default="")
    scanned_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=now_local)
    removed: Mapped[bool] = mapped_column(Boolean, default=False)
    uploaded_at: Mapped[datetime | None] = mapped_column(default=None)


class DossierPause(Base):
    """An interval during which the legal clock stood still (supplement requested)."""

    __tablename__ = "dossier_pauses"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    started_at: Mapped[datetime] = mapped_column()
    ended_at: Mapped[datetime | None] = mapped_column(default=None)
    reason: Mapped[str] = mapped_column(Text, default="")


class Event(Base):
    """Audit trail and sync outbox in one: every dossier change appends one row in the same transaction.

    `seq` counts per dossier from 1; `prev_hash`/`hash` chain the events of a dossier so tampering shows.
    Nothing is ever deleted; a correction is a new event.
    """

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("dossier_id", "seq"),
        Index("ix_events_push", "push_status", "id"),
    )
    rowid: Mapped[int] = mapped_column("id", Integer, primary_key=True, autoincrement=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"))
    seq: Mapped[int] = mapped_column()
    type: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), default=None)
    device_time: Mapped[datetime] = mapped_column(default=now_local)
    clock_offset_ms: Mapped[int] = mapped_column(default=0)
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")
    # outbox state: pending | accepted | duplicate | rejected | conflict
    push_status: Mapped[str] = mapped_column(String(12), default="pending")
    push_error: Mapped[str] = mapped_column(Text, default="")
    pushed_at: Mapped[datetime | None] = mapped_column(default=None)


class FeeLine(Base):
    """One fee line of a dossier, copied from the catalogue line in force at `received_at`; never deleted
    (`state`: due, collected, exempted, cancelled)."""

    __tablename__ = "fee_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    fee_code: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(10))  # phi | le_phi
    basis: Mapped[str] = mapped_column(String(12), default="per_case")  # per_case | per_copy | per_page
    quantity: Mapped[int] = mapped_column(default=1)
    unit_amount: Mapped[int] = mapped_column(default=0)  # VND
    amount: Mapped[int] = mapped_column(default=0)  # VND, 0 when exempted or free
    timing: Mapped[str] = mapped_column(String(8), default="before")  # before (intake) | after (return)
    state: Mapped[str] = mapped_column(String(12), default="due")
    exemption_code: Mapped[str] = mapped_column(String(40), default="")
    exemption_ground: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(String(10), default="")  # cash | transfer
    receipt_id: Mapped[str | None] = mapped_column(ForeignKey("fee_receipts.id"), default=None)
    collected_at: Mapped[datetime | None] = mapped_column(default=None)
    collected_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), default=None)


class FeeReceipt(Base):
    """A fee receipt (biên lai thu phí, lệ phí): one per kind per payment. `number` is the provisional
    `<workstation>-<yyMMdd>-<seq>`, kept after the province binds an e-receipt (`einvoice_number`)."""

    __tablename__ = "fee_receipts"
    __table_args__ = (UniqueConstraint("workstation", "day", "seq"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    workstation: Mapped[int] = mapped_column()
    day: Mapped[date] = mapped_column()
    seq: Mapped[int] = mapped_column()
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), default=None)
    kind: Mapped[str] = mapped_column(String(10))  # phi | le_phi
    method: Mapped[str] = mapped_column(String(10))  # cash | transfer
    amount: Mapped[int] = mapped_column(default=0)
    payer_name: Mapped[str] = mapped_column(String(300), default="")
    issued_at: Mapped[datetime] = mapped_column(default=now_local)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    einvoice_number: Mapped[str] = mapped_column(String(60), default="")


class NumberBlock(Base):
    """A block of dossier sequence numbers this workstation may use (from the server or fallback)."""

    __tablename__ = "number_blocks"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(60))
    day: Mapped[date | None] = mapped_column(default=None)  # None: valid any day
    first: Mapped[int] = mapped_column()
    last: Mapped[int] = mapped_column()
    next: Mapped[int] = mapped_column()
    source: Mapped[str] = mapped_column(String(12), default="server")  # server | fallback
    reserved_at: Mapped[datetime] = mapped_column(default=now_local)


class CalendarOverride(Base):
    """A day the government's schedule changes: `off` on a weekday or `work` on a weekend."""

    __tablename__ = "calendar_overrides"
    __table_args__ = (UniqueConstraint("day", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column()
    kind: Mapped[str] = mapped_column(String(4))  # off | work
    reason: Mapped[str] = mapped_column(String(300), default="")
    version: Mapped[str] = mapped_column(String(60), default="")
    source: Mapped[str] = mapped_column(String(20), default="shipped")  # shipped | server | local


class TimeLimitOverride(Base):
    """The unit administrator's confirmation of a procedure's time limit the catalogue marks unconfirmed
    (schema 12, issue 22): by national code, so it holds across catalogue versions until the catalogue
    itself confirms a limit (`desktop.store.time_limits`). The latest by `confirmed_at` applies. It goes up
    to the province as the commune's correction (`sync.client.corrections`); `pushed_at` is when the
    province acknowledged it."""

    __tablename__ = "time_limit_overrides"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    procedure_code: Mapped[str] = mapped_column(String(40), index=True)
    amount: Mapped[float] = mapped_column(default=0)
    unit: Mapped[str] = mapped_column(String(10))  # a `desktop.core.appointment.UNITS` value
    cutoff: Mapped[time | None] = mapped_column(default=None)
    basis: Mapped[str] = mapped_column(Text, default="")  # legal basis, note
    catalogue_version: Mapped[str] = mapped_column(String(60), default="")  # in force when confirmed
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), default=None)
    workstation: Mapped[int] = mapped_column(Integer, default=0)
    confirmed_at: Mapped[datetime] = mapped_column(default=now_local)
    pushed_at: Mapped[datetime | None] = mapped_column(default=None)


class Draft(Base):
    """An intake form being filled in, autosaved so a crash or power cut loses nothing."""

    __tablename__ = "drafts"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), default=None)
    kind: Mapped[str] = mapped_column(String(20), default="intake")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=now_local)
    updated_at: Mapped[datetime] = mapped_column(default=now_local)


class SyncState(KeyValue, Base):
    """Cursors and sync facts (last pass, clock offset, pull cursor), key/value."""

    __tablename__ = "sync_state"


class SyncRun(Base):
    """One sync pass, for the sync history view."""

    __tablename__ = "sync_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(default=now_local)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)
    trigger: Mapped[str] = mapped_column(String(20), default="manual")
    outcome: Mapped[str] = mapped_column(String(20), default="running")
    pushed: Mapped[int] = mapped_column(default=0)
    duplicates: Mapped[int] = mapped_column(default=0)
    rejected: Mapped[int] = mapped_column(default=0)
    pending: Mapped[int] = mapped_column(default=0)
    bytes_sent: Mapped[int] = mapped_column(default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    # what came back from the province (schema 8): items applied, and items refused or skipped
    received: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    received_refused: Mapped[int] = mapped_column(default=0, server_default=text("0"))


class ReportSnapshot(Base):
    """A periodic report made (lifecycle §6.4, schema 9): its period and preset, the figures of its total
    row, the file written and the dossiers of the period not yet synced at the time."""

    __tablename__ = "report_snapshots"
    id: Mapped[int] = mapped_column(primary_key=True)
    made_at: Mapped[datetime] = mapped_column(default=now_local, index=True)
    kind: Mapped[str] = mapped_column(String(20), default="periodic")
    period_from: Mapped[date] = mapped_column()
    period_to: Mapped[date] = mapped_column()
    preset: Mapped[str] = mapped_column(String(20), default="range")  # month | quarter | year | range
    cutoff: Mapped[bool] = mapped_column(default=False)
    label: Mapped[str] = mapped_column(String(200), default="")
    figures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    file: Mapped[str] = mapped_column(Text, default="")
    unsynced: Mapped[int] = mapped_column(default=0)
