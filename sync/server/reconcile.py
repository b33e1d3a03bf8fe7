"""The end-of-day figures of a unit's day: every dossier of the unit, or only one workstation's.

A workstation's dossiers are those whose intake event (sequence 1) it sent (as its current device or one
it replaced when it enrolled again), so a workstation compares
like with like: its own dossiers against what the province holds from it, whatever the other
workstations of the commune did that day.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.protocol import reconciliation_digest
from sync.server.models import ServerDevice, ServerDossier, ServerEvent

MAX_LINEAGE = 100


def lineage(session: Session, device_id: str) -> list[str]:
    """The device and those it replaced at re-enrolment, newest first (one workstation's identities)."""
    ids: list[str] = []
    current: str | None = device_id
    while current is not None and current not in ids and len(ids) < MAX_LINEAGE:
        ids.append(current)
        current = session.scalar(select(ServerDevice.replaced_device_id).where(ServerDevice.id == current))
    return ids


def day_figures(
    session: Session, unit_id: int, day: date, devices: Collection[str] | None = None
) -> tuple[int, int, str]:
    """(dossiers, accepted events, digest) of the unit's dossiers received on `day`; with `devices`, only
    the dossiers whose intake one of them sent."""
    where = [ServerDossier.unit_id == unit_id, ServerDossier.received_day == day]
    if devices is not None:
        intake_by = select(ServerEvent.dossier_id).where(
            ServerEvent.unit_id == unit_id, ServerEvent.seq == 1, ServerEvent.device_id.in_(list(devices))
        )
        where.append(ServerDossier.id.in_(intake_by))
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
