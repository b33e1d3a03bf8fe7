"""The end-of-day figures of a unit's day: every dossier of the unit, or only one workstation's.

A workstation's dossiers are those whose intake event (sequence 1) it sent (as its current device or one
it replaced when it enrolled again), so a workstation compares
like with like: its own dossiers against what the province holds from it, whatever the other
workstations of the commune did that day.

`day_detail` adds the day's events and scans. A dossier's scans are those its accepted events name (the
intake's `attachments` list, then each `attachment_added` / `attachment_removed` in order) of which the
unit holds the file, verified against its hash (`blobs`, the tus upload): a scan named but not yet
uploaded is one the province lacks, which the workstation then sends.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from sync.events import AttachmentAdded, AttachmentRemoved, Received, read_event
from sync.protocol import ReconciliationItem, lines_digest, reconciliation_digest
from sync.server.models import ServerDevice, ServerDossier, ServerEvent, StoredBlob

MAX_LINEAGE = 100
SCAN_EVENTS = (Received.kind, AttachmentAdded.kind, AttachmentRemoved.kind)  # the events that name scans


def lineage(session: Session, device_id: str) -> list[str]:
    """The device and those it replaced at re-enrolment, newest first (one workstation's identities)."""
    ids: list[str] = []
    current: str | None = device_id
    while current is not None and current not in ids and len(ids) < MAX_LINEAGE:
        ids.append(current)
        current = session.scalar(select(ServerDevice.replaced_device_id).where(ServerDevice.id == current))
    return ids


def _day_filter(unit_id: int, day: date, devices: Collection[str] | None) -> list[Any]:
    where: list[Any] = [ServerDossier.unit_id == unit_id, ServerDossier.received_day == day]
    if devices is not None:
        intake_by = select(ServerEvent.dossier_id).where(
            ServerEvent.unit_id == unit_id, ServerEvent.seq == 1, ServerEvent.device_id.in_(list(devices))
        )
        where.append(ServerDossier.id.in_(intake_by))
    return where


def day_figures(
    session: Session, unit_id: int, day: date, devices: Collection[str] | None = None
) -> tuple[int, int, str]:
    """(dossiers, accepted events, digest) of the unit's dossiers received on `day`; with `devices`, only
    the dossiers whose intake one of them sent."""
    where = _day_filter(unit_id, day, devices)
    rows = session.execute(
        select(ServerDossier.code, ServerDossier.status_code).where(*where, ServerDossier.code.is_not(None))
    ).all()
    events = session.scalar(
        select(func.count())
        .select_from(ServerEvent)
        .join(ServerDossier, ServerDossier.id == ServerEvent.dossier_id)
        .where(*where, ServerEvent.status == "accepted")
    )
    pairs = [(str(code), int(status or 0)) for code, status in rows]
    return len(pairs), int(events or 0), reconciliation_digest(pairs)


def scans_of(events: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """The scans a dossier holds after its accepted events, as (type, body) in seq order."""
    held: dict[str, None] = {}
    for kind, body in events:
        for sha in body.get("attachments") or []:
            held[str(sha)] = None
        payload = body.get("payload")
        if kind not in (AttachmentAdded.kind, AttachmentRemoved.kind) or not isinstance(payload, dict):
            continue
        event = read_event(kind, payload)
        if isinstance(event, AttachmentAdded) and event.sha256:
            held[event.sha256] = None
        elif isinstance(event, AttachmentRemoved):
            held.pop(event.sha256, None)
    return list(held)


def day_detail(
    session: Session, unit_id: int, day: date, devices: Collection[str] | None = None
) -> list[ReconciliationItem]:
    """Each dossier of the day (code, status, accepted seqs, scans held), by code."""
    where = _day_filter(unit_id, day, devices)
    dossiers = session.execute(
        select(ServerDossier.id, ServerDossier.code, ServerDossier.status_code).where(
            *where, ServerDossier.code.is_not(None)
        )
    ).all()

    def accepted(*columns: Any) -> Select[Any]:
        return (
            select(ServerEvent.dossier_id, *columns)
            .join(ServerDossier, ServerDossier.id == ServerEvent.dossier_id)
            .where(*where, ServerEvent.status == "accepted")
            .order_by(ServerEvent.seq)
        )

    seqs: dict[str, list[int]] = {row.id: [] for row in dossiers}
    for dossier_id, seq in session.execute(accepted(ServerEvent.seq)):
        seqs.setdefault(dossier_id, []).append(seq)
    scans: dict[str, list[tuple[str, dict[str, Any]]]] = {row.id: [] for row in dossiers}
    named = accepted(ServerEvent.type, ServerEvent.body).where(ServerEvent.type.in_(SCAN_EVENTS))
    for dossier_id, kind, body in session.execute(named):  # only the events that name scans: their bodies
        scans.setdefault(dossier_id, []).append((kind, body or {}))
    named_scans = {dossier_id: scans_of(scans[dossier_id]) for dossier_id, _, _ in dossiers}
    wanted = {sha for shas in named_scans.values() for sha in shas}
    held = (
        set(
            session.scalars(
                select(StoredBlob.sha256).where(StoredBlob.unit_id == unit_id, StoredBlob.sha256.in_(wanted))
            )
        )
        if wanted
        else set()
    )
    items = [
        ReconciliationItem(
            code=str(code),
            status=int(status or 0),
            seqs=seqs[dossier_id],
            scans=[sha for sha in named_scans[dossier_id] if sha in held],
        )
        for dossier_id, code, status in dossiers
    ]
    return sorted(items, key=lambda item: item.code)


def events_digest(items: list[ReconciliationItem]) -> str:
    return lines_digest(f"{item.code}|{seq}" for item in items for seq in item.seqs)


def scans_digest(items: list[ReconciliationItem]) -> str:
    return lines_digest(f"{item.code}|{sha}" for item in items for sha in item.scans)
