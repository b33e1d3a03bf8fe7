"""The commune's corrections of the catalogue going up (issue 22): each time limit the unit administrator
confirmed on this workstation (`desktop.store.models.TimeLimitOverride`) is pushed once to the provincial
server (`POST /catalogue:corrections`), after the dossiers' events; the server answers the ids it holds and
those are marked pushed in the same local transaction. A resend (lost answer) is a duplicate there; an older
server without the endpoint (404) leaves them waiting for a later pass."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.store.models import Officer, TimeLimitOverride
from sync.protocol import TimeLimitCorrection

CORRECTIONS_PATH = "/catalogue:corrections"


def waiting_corrections(session: Session, limit: int) -> list[TimeLimitCorrection]:
    """The confirmations the province does not hold yet, oldest first, as they travel."""
    rows = session.execute(
        select(TimeLimitOverride, Officer.username)
        .outerjoin(Officer, Officer.id == TimeLimitOverride.officer_id)
        .where(TimeLimitOverride.pushed_at.is_(None))
        .order_by(TimeLimitOverride.confirmed_at)
        .limit(limit)
    ).all()
    return [
        TimeLimitCorrection(
            id=row.id,
            procedure_code=row.procedure_code,
            amount=row.amount,
            unit=row.unit,
            cutoff=row.cutoff.strftime("%H:%M") if row.cutoff else None,
            basis=row.basis,
            catalogue_version=row.catalogue_version,
            confirmed_at=row.confirmed_at,
            officer=username or "",
            workstation=row.workstation,
        )  # fmt: skip
        for row, username in rows
    ]


def mark_pushed(session: Session, ids: list[str], at: datetime) -> int:
    """The province holds these: they are not sent again."""
    if not ids:
        return 0
    done = session.execute(
        update(TimeLimitOverride)
        .where(TimeLimitOverride.id.in_(ids), TimeLimitOverride.pushed_at.is_(None))
        .values(pushed_at=at)
    )
    return int(done.rowcount or 0)  # type: ignore[attr-defined]
