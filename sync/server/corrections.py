"""The communes' corrections of the catalogue (issue 22): a unit administrator's confirmation of a time limit
the catalogue marks unconfirmed, pushed by the workstation (`POST /catalogue:corrections`) and kept for the
province's administrator, who sees them with `motcua-server admin corrections [--unit CODE]` and decides
whether the province's catalogue should take them. Idempotent by the workstation's id: a resend changes
nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol import TimeLimitCorrection as WireCorrection
from sync.server.models import ServerUnit, TimeLimitCorrection


def store_corrections(
    session: Session, items: Sequence[WireCorrection], unit_id: int, device_id: str
) -> list[str]:
    """Keep the corrections not held yet; the ids of all of them (new or already there)."""
    ids = [item.id for item in items]
    held = set(session.scalars(select(TimeLimitCorrection.id).where(TimeLimitCorrection.id.in_(ids))))
    for item in items:
        if item.id in held:
            continue
        held.add(item.id)
        session.add(
            TimeLimitCorrection(
                id=item.id, unit_id=unit_id, device_id=device_id, procedure_code=item.procedure_code,
                amount=item.amount, unit=item.unit, cutoff=item.cutoff, basis=item.basis,
                catalogue_version=item.catalogue_version, officer=item.officer, workstation=item.workstation,
                confirmed_at=item.confirmed_at,
            )
        )  # fmt: skip
    return ids


def list_corrections(session: Session, unit_code: str | None = None) -> list[dict[str, Any]]:
    """Every correction held (of one unit), newest confirmation first, as plain JSON-ready rows."""
    query = (
        select(TimeLimitCorrection, ServerUnit.code)
        .join(ServerUnit, ServerUnit.id == TimeLimitCorrection.unit_id)
        .order_by(TimeLimitCorrection.confirmed_at.desc(), TimeLimitCorrection.id)
    )
    if unit_code is not None:
        query = query.where(ServerUnit.code == unit_code)
    return [
        {
            "unit": code,
            "procedure_code": row.procedure_code,
            "amount": row.amount,
            "unit_of_time": row.unit,
            "cutoff": row.cutoff,
            "basis": row.basis,
            "catalogue_version": row.catalogue_version,
            "officer": row.officer,
            "workstation": row.workstation,
            "confirmed_at": row.confirmed_at.isoformat(),
            "id": row.id,
        }  # fmt: skip
        for row, code in session.execute(query)
    ]
