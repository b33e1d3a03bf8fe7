"""Which time limit applies to a procedure (issue 22: time limits that are never guessed).

A catalogue procedure either confirms its limit (`Procedure.time_confirmed`) or marks it "thời hạn chưa xác
nhận". For the latter the unit administrator may confirm a limit once for the workstation
(`TimeLimitOverride`, by national code, so it holds across catalogue versions); the latest confirmation
applies until the catalogue itself confirms a limit. Without either, no appointment is computed: the officer
enters it (`desktop.core.appointment.check_manual_due`).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.appointment import ProcessingTime
from desktop.store.models import Procedure, TimeLimitOverride


def override_rule(row: TimeLimitOverride) -> ProcessingTime:
    return ProcessingTime(float(row.amount), row.unit, row.cutoff)


def latest_overrides(session: Session) -> dict[str, TimeLimitOverride]:
    """The latest confirmation of each procedure code (the intake form reads them all at once)."""
    rows = session.scalars(select(TimeLimitOverride).order_by(TimeLimitOverride.confirmed_at))
    return {row.procedure_code: row for row in rows}


def latest_override(session: Session, code: str) -> TimeLimitOverride | None:
    return session.scalars(
        select(TimeLimitOverride)
        .where(TimeLimitOverride.procedure_code == code)
        .order_by(TimeLimitOverride.confirmed_at.desc())
        .limit(1)
    ).first()


def effective_rule(session: Session, procedure: Procedure) -> ProcessingTime | None:
    """The catalogue's confirmed limit, else the administrator's latest confirmation, else None (the
    officer enters the appointment)."""
    if procedure.time_confirmed:
        return ProcessingTime.from_procedure(procedure)
    row = latest_override(session, procedure.code)
    return override_rule(row) if row is not None else None
