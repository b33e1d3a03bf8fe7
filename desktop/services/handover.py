"""Handing dossiers from the counter to their processing body (lifecycle §2 "Hand over", status 2 → 4).

`record_hand_over` is the step itself, inside a caller's transaction: the allowed-actions check, the
dossier row, one `handed_over` event. `followup.hand_over` hands one dossier over; `hand_over_batch` hands
several at once (the day's received dossiers carried over on one list that both sides sign): one
transaction for the whole list, refused as a whole when one dossier cannot go, each dossier's event
carrying the list's `batch_id`. The printed list ("Danh sách bàn giao hồ sơ") is read back from those
events (`desktop.services.form_data.load_handover_list_view`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import limits
from desktop.core.actions import Action, require_allowed
from desktop.core.errors import ValidationError
from desktop.core.status import Status
from desktop.core.text import clean
from desktop.core.timeutil import VN_TZ, as_local, now_local, today_local
from desktop.services.accounts import SignedIn
from desktop.services.dossier_state import change, load_dossier, required_text, set_status
from desktop.store.engine import Store
from desktop.store.events import append_event
from desktop.store.models import Dossier, new_uuid
from sync.events import HandedOver

MAX_UNIT = limits.BODY
MAX_BATCH = 500


@dataclass(frozen=True)
class HandOverBatch:
    """A batch handed over: the list's id (to print it), when, to whom, and the dossiers in order."""

    batch_id: str
    handed_over_at: datetime
    to_unit: str
    to_person: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class WaitingDossier:
    """A received dossier waiting to be handed over, as the batch dialog lists it."""

    code: str
    applicant_name: str
    procedure_name: str
    received_at: datetime
    due_at: datetime | None
    received_today: bool


def unit_name(text: str) -> str:
    return required_text(text, MAX_UNIT, "Hãy nhập cơ quan, bộ phận nhận hồ sơ.", "to_unit", "Cơ quan nhận")


def record_hand_over(
    session: Session,
    officer: SignedIn,
    dossier: Dossier,
    to_unit: str,
    receiver: str,
    when: datetime,
    *,
    batch_id: str = "",
    slip_signed: bool = False,
) -> None:
    """Hand `dossier` to `to_unit` (status 4) and append its `handed_over` event."""
    require_allowed(Action.HAND_OVER, dossier)
    set_status(dossier, Status.PROCESSING)
    dossier.handed_over_at = when
    dossier.processing_unit = to_unit
    batch = {"batch_id": batch_id, "slip_signed": slip_signed} if batch_id else {}
    event = change(
        HandedOver,
        dossier,
        handed_over_at=when,
        from_unit=dossier.unit.reception_name,
        to_unit=to_unit,
        receiver=limits.bounded(receiver, MAX_UNIT, "Người nhận", "receiver"),
        **batch,
    )
    append_event(session, dossier.id, event, officer.officer_id, at=when)


def hand_over_batch(
    store: Store,
    officer: SignedIn,
    codes: Sequence[str],
    to_unit: str,
    to_person: str = "",
    *,
    slip_signed: bool = False,
    at: datetime | None = None,
) -> HandOverBatch:
    """Hand every dossier of `codes` to `to_unit` in one transaction; nothing changes if one cannot go."""
    when = as_local(at) if at is not None else now_local()
    target = unit_name(to_unit)
    person = limits.bounded(to_person, MAX_UNIT, "Người nhận", "receiver")
    wanted = list(dict.fromkeys(clean(code) for code in codes if clean(code)))
    if not wanted:
        raise ValidationError("Hãy chọn ít nhất một hồ sơ để bàn giao.", "codes")
    if len(wanted) > MAX_BATCH:
        raise ValidationError(f"Mỗi danh sách bàn giao có tối đa {MAX_BATCH} hồ sơ.", "codes")
    batch_id = new_uuid()
    with store.transaction() as session:
        dossiers = [load_dossier(session, code) for code in wanted]
        for dossier in dossiers:
            record_hand_over(
                session, officer, dossier, target, person, when, batch_id=batch_id, slip_signed=slip_signed
            )
        return HandOverBatch(batch_id, when, target, person, tuple(d.code for d in dossiers))


def waiting_dossiers(store: Store, today: date | None = None, limit: int = MAX_BATCH) -> list[WaitingDossier]:
    """The received dossiers not yet handed over (status 2), oldest first; `received_today` marks the
    day's, which the batch dialog ticks by default."""
    day = today or today_local()
    start = datetime.combine(day, time.min, VN_TZ)
    end = start + timedelta(days=1)
    with store.session() as session:
        rows = session.scalars(
            select(Dossier)
            .where(Dossier.status == Status.RECEIVED.value)
            .order_by(Dossier.received_at, Dossier.code)
            .limit(limit)
        )
        return [
            WaitingDossier(
                code=d.code,
                applicant_name=d.applicant.full_name,
                procedure_name=d.procedure.name,
                received_at=as_local(d.received_at),
                due_at=as_local(d.due_at) if d.due_at else None,
                received_today=start <= as_local(d.received_at) < end,
            )
            for d in rows
        ]
