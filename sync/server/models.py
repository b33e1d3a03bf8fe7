"""The reference server's own tables (separate from the desktop store; SQLite or PostgreSQL).

Events are stored once per UUID (primary key), whether accepted or rejected: a rejected event still takes
its place in the dossier's sequence, so the commune's later corrections are not blocked behind it, and a
retried rejected event gets the same answer again.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sync.common.timeutil import now_local


def utcnow() -> datetime:
    return now_local().astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: DateTime(timezone=True), dict[str, Any]: JSON}


class ServerUnit(Base):
    __tablename__ = "units"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(300), unique=True)
    name: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ServerOfficer(Base):
    """A provincial account; the password is kept only as an Argon2 hash. `unit_admin`: the unit
    administrator's role, the only account of the unit that may enrol a device replacing another live one
    (`motcua-server admin grant-admin` / `revoke-admin`)."""

    __tablename__ = "officers"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(Text, default="")
    password_hash: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    unit_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


LIVE_WORKSTATION = "revoked_at IS NULL AND confirmed_at IS NOT NULL AND workstation IS NOT NULL"


class ServerDevice(Base):
    """An enrolled workstation; only the SHA-256 of its token is stored.

    A device enrolled with an `enrolment_id` (the client's nonce, kept in its profile) is pending
    (`confirmed_at` NULL) until the workstation confirms it stored the token (`POST /devices:confirm`);
    a pending device holds no workstation number, cannot push, and a retry with the same `enrolment_id`
    reuses it. At most one confirmed, live device of a unit holds a workstation number (the partial unique
    index makes a race a conflict)."""

    __tablename__ = "devices"
    __table_args__ = (
        Index(
            "ux_devices_live_workstation",
            "unit_id",
            "workstation",
            unique=True,
            sqlite_where=text(LIVE_WORKSTATION),
            postgresql_where=text(LIVE_WORKSTATION),
        ),
        Index("ux_devices_enrolment", "enrolment_id", unique=True),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    name: Mapped[str] = mapped_column(Text, default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    last_seen_at: Mapped[datetime | None] = mapped_column(default=None)
    workstation: Mapped[int | None] = mapped_column(default=None)
    replaced_device_id: Mapped[str | None] = mapped_column(ForeignKey("devices.id"), default=None)
    enrolment_id: Mapped[str | None] = mapped_column(String(36), default=None)
    confirmed_at: Mapped[datetime | None] = mapped_column(default=None)


class ServerDossier(Base):
    """A dossier's current state as folded from its accepted events (`record`, DVCQG vocabulary)."""

    __tablename__ = "dossiers"
    __table_args__ = (Index("ix_dossiers_unit_day", "unit_id", "received_day"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    code: Mapped[str | None] = mapped_column(String(300), unique=True, default=None)
    record: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status_code: Mapped[int | None] = mapped_column(default=None)
    received_day: Mapped[date | None] = mapped_column(default=None)
    last_seq: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ServerEvent(Base):
    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("dossier_id", "seq"),
        Index("ix_events_unit", "unit_id", "status"),
    )
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"))
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(40))
    digest: Mapped[str] = mapped_column(String(64))
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10))  # accepted | rejected
    reason: Mapped[str] = mapped_column(Text, default="")
    field: Mapped[str] = mapped_column(String(60), default="")
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class ServerChange(Base):
    """One item of a unit's `GET /changes` feed, in the order the server recorded it: `id` is the
    cursor (monotonically increasing); `kind` says what `body` holds (`step`: `sync.protocol.StepChange`;
    `dossier`: the dossier's code, expanded when read, `sync.server.unit_dossiers`).
    `event_uuid`: the UUID of the event a workstation appends for it and pushes back (`sync.server.upstream`)."""

    __tablename__ = "changes"
    __table_args__ = (
        Index("ix_changes_unit", "unit_id", "id"),
        Index("ux_changes_event", "event_uuid", unique=True),
    )
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    kind: Mapped[str] = mapped_column(String(40))
    dossier_id: Mapped[str | None] = mapped_column(String(36), default=None)
    event_uuid: Mapped[str | None] = mapped_column(String(36), default=None)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # the device whose push wrote the item (`dossier`): not sent back to it; None: for every device
    origin_device_id: Mapped[str | None] = mapped_column(String(36), default=None)


class NumberCounter(Base):
    """The next free dossier number of a unit on a day (4-digit sequence, Circular 01/2018 Art. 19)."""

    __tablename__ = "number_counters"
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    next_number: Mapped[int] = mapped_column(default=1)


class IssuedBlock(Base):
    """A block of numbers handed out: to a device, or used by the province itself (device_id None)."""

    __tablename__ = "number_blocks"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    day: Mapped[date] = mapped_column()
    first: Mapped[int] = mapped_column()
    last: Mapped[int] = mapped_column()
    device_id: Mapped[str | None] = mapped_column(ForeignKey("devices.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class BlobUpload(Base):
    """A scan being uploaded (tus, `sync.server.tus`): named by the SHA-256 it must have, so a device that
    lost the upload's address resumes it by asking again; its bytes so far are in the blob storage."""

    __tablename__ = "blob_uploads"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    length: Mapped[int] = mapped_column(BigInteger)
    mime: Mapped[str] = mapped_column(String(60), default="")
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"))
    dossier_id: Mapped[str | None] = mapped_column(String(36), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class StoredBlob(Base):
    """A scan the server holds, verified against its SHA-256, as one unit's: the same content uploaded
    by (or found already there for) another unit is one file and one more row."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    mime: Mapped[str] = mapped_column(String(60), default="")
    device_id: Mapped[str | None] = mapped_column(ForeignKey("devices.id"), default=None)
    dossier_id: Mapped[str | None] = mapped_column(String(36), default=None)
    stored_at: Mapped[datetime] = mapped_column(default=utcnow)


class TimeLimitCorrection(Base):
    """A commune's correction of the catalogue (issue 22): its unit administrator confirmed the time limit
    of a procedure the catalogue marks unconfirmed (`POST /catalogue:corrections`), kept for the province's
    administrator (`motcua-server admin corrections`). `id`: the workstation's, so a resend is a duplicate."""

    __tablename__ = "time_limit_corrections"
    __table_args__ = (Index("ix_time_limit_corrections_unit", "unit_id", "procedure_code"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"))
    procedure_code: Mapped[str] = mapped_column(String(40))
    amount: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(10))
    cutoff: Mapped[str | None] = mapped_column(String(5), default=None)
    basis: Mapped[str] = mapped_column(Text, default="")
    catalogue_version: Mapped[str] = mapped_column(String(300), default="")
    officer: Mapped[str] = mapped_column(String(300), default="")
    workstation: Mapped[int] = mapped_column(Integer, default=0)
    confirmed_at: Mapped[datetime] = mapped_column()
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
