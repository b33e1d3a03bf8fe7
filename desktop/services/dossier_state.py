"""Pieces shared by the services that change an existing dossier (`intake`, `followup`).

Each service still owns its transaction; these run inside it: find the dossier, require a text (a reason,
a unit name), set a status with its national code, close the dossier (refused, stopped) with its event,
and report the new state as plain data. Whether the dossier's status allows the action is one call of
`desktop.core.actions.require_allowed`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import limits
from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.status import Status, national_code
from desktop.core.timeutil import as_local
from desktop.services.accounts import SignedIn
from desktop.store.events import append_event
from desktop.store.models import Dossier
from sync.events import Change, Closing

C = TypeVar("C", bound=Change)


@dataclass(frozen=True)
class DossierState:
    """A dossier's status after an action (supplement, resumed clock, refusal, hand-over, …)."""

    id: str
    code: str
    status: str
    status_code: int
    due_at: datetime | None
    reason: str = ""


def dossier_state(dossier: Dossier, *, extended: bool = False) -> DossierState:
    """The state to report; `extended`: the appointment is the extended one when there is one."""
    return DossierState(
        id=dossier.id,
        code=dossier.code,
        status=dossier.status,
        status_code=dossier.status_code,
        due_at=(dossier.extended_due_at or dossier.due_at) if extended else dossier.due_at,
        reason=dossier.reason,
    )


def load_dossier(session: Session, code_or_id: str) -> Dossier:
    """The dossier with this id or code; NotFoundError otherwise."""
    dossier = session.get(Dossier, code_or_id)
    if dossier is None:
        dossier = session.scalars(select(Dossier).where(Dossier.code == code_or_id)).first()
    if dossier is None:
        raise NotFoundError(f"Không tìm thấy hồ sơ '{code_or_id}'.")
    return dossier


def required_text(value: str, limit: int, message: str, field: str, what: str) -> str:
    """`value` cleaned; ValidationError(`message`, `field`) when nothing is left, and one naming `what`
    and both lengths when it is longer than `limit` (`limits.bounded`: refused, never cut)."""
    text = limits.bounded(value, limit, what, field)
    if not text:
        raise ValidationError(message, field)
    return text


def business_time(
    at: datetime | None, now: datetime, *, field: str = "at", slack: timedelta = timedelta(0)
) -> datetime:
    """When a step happened (lifecycle §1.4): now, or a past moment recorded late; never in the future
    (beyond `slack`), a ValidationError on `field` otherwise."""
    when = as_local(at) if at is not None else now
    if when > now + slack:
        raise ValidationError("Thời điểm ghi nhận không được ở tương lai.", field)
    return when


def not_before(when: datetime, earlier: datetime | None, what: str, field: str = "at") -> None:
    """A step is never recorded before the one it follows (`earlier`, named by `what`)."""
    if earlier is not None and when < as_local(earlier):
        raise ValidationError(f"Thời điểm ghi nhận không được trước {what}.", field)


def set_status(dossier: Dossier, status: Status) -> None:
    dossier.status = status.value
    dossier.status_code = national_code(status)


def change(kind: type[C], dossier: Dossier, **fields: Any) -> C:
    """The typed event of a change to `dossier`: its code and (new) status, plus `fields`."""
    return kind.written(code=dossier.code, status=dossier.status, status_code=dossier.status_code, **fields)


def close_dossier(
    session: Session,
    officer: SignedIn,
    dossier: Dossier,
    status: Status,
    kind: type[Closing],
    reason: str,
    when: datetime,
    **fields: Any,
) -> None:
    """End the dossier (refused, stopped, withdrawn): open pauses closed, status, reason, finished_at and
    the event of `kind` (`reason`, the moment, `previous_status`, plus the kind's own `fields`)."""
    for pause in dossier.pauses:
        if pause.ended_at is None:
            pause.ended_at = max(when, as_local(pause.started_at))
    previous = dossier.status
    set_status(dossier, status)
    dossier.reason = reason
    dossier.finished_at = when
    event = kind.closing(
        when,
        code=dossier.code,
        status=dossier.status,
        status_code=dossier.status_code,
        reason=reason,
        previous_status=previous,
        **fields,
    )
    append_event(session, dossier.id, event, officer.officer_id, at=when)
