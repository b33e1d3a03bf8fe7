"""Undo = a correcting event (lifecycle §1.4, "nothing is deleted"): the dossier's latest step, recorded
by mistake, is reversed by a new `Corrected` event naming it (uuid, seq, kind), with the reason and the
status the dossier returns to. Only the officer who recorded the step may correct it, only on the day it
was recorded, and only the latest step (scans added or removed are not steps). No row is deleted: the
dossier row goes back to what the step found, the event log only grows.

`REVERSIBLE` lists the steps a counter officer can reverse, with the action that recorded them: when an
older event does not carry `previous_status`, the action's only starting status is the one to return to.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import limits
from desktop.core.actions import ACTIONS, Action, require_allowed
from desktop.core.errors import ValidationError
from desktop.core.status import OPEN, Status
from desktop.core.timeutil import as_local, now_local
from desktop.services.accounts import SignedIn
from desktop.services.dossier_state import (
    DossierState,
    change,
    dossier_state,
    load_dossier,
    required_text,
    set_status,
)
from desktop.store.engine import Store
from desktop.store.events import append_event, typed
from desktop.store.models import Dossier, Event
from sync.events import Corrected, Rated, TypedEvent, Withdrawn

MAX_REASON = limits.REASON
NOT_STEPS = ("attachment_added", "attachment_removed")  # scans: not steps of the dossier's life
REVERSIBLE: dict[str, Action] = {
    "handed_over": Action.HAND_OVER,
    "result_ready": Action.RESULT_READY,
    "result_returned": Action.RETURN_RESULT,
    "result_posted": Action.POST_RESULT,
    "withdrawn": Action.WITHDRAW,
    "rated": Action.RATE,
}


def latest_step(session: Session, dossier_id: str) -> Event | None:
    """The dossier's latest event that is a step (not a scan added or removed)."""
    return session.scalars(
        select(Event)
        .where(Event.dossier_id == dossier_id, Event.type.not_in(NOT_STEPS))
        .order_by(Event.seq.desc())
        .limit(1)
    ).first()


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, "step")


def _check(step: Event | None, dossier: Dossier, officer: SignedIn) -> Action:
    code = dossier.code
    if step is None or step.type == "received":
        raise _refuse(f"Hồ sơ {code} chưa có bước nào sau tiếp nhận để hoàn tác.")
    if step.type == "corrected":
        raise _refuse(f"Bước gần nhất của hồ sơ {code} đã được hoàn tác; không có bước nào khác để hoàn tác.")
    action = REVERSIBLE.get(step.type)
    if action is None:
        raise _refuse(f"Bước gần nhất của hồ sơ {code} không hoàn tác được tại bộ phận một cửa.")
    verb = ACTIONS[action].verb
    if step.officer_id != officer.officer_id:
        raise _refuse(
            f"Bước '{verb}' của hồ sơ {code} do cán bộ khác ghi; chỉ người đã ghi mới được hoàn tác."
        )
    day = as_local(step.device_time).date()
    if day != now_local().date():
        raise _refuse(
            f"Bước '{verb}' của hồ sơ {code} được ghi ngày {day:%d/%m/%Y}; "
            "chỉ hoàn tác được trong ngày đã ghi."
        )
    return action


def _returns_to(body: TypedEvent, action: Action, dossier: Dossier) -> Status:
    if isinstance(body, Rated):
        return Status(dossier.status)
    previous = getattr(body, "previous_status", "")
    if previous in {s.value for s in Status}:
        return Status(previous)
    starts = ACTIONS[action].allowed_from
    if len(starts) == 1:
        return next(iter(starts))
    raise _refuse(f"Không xác định được trạng thái trước đó của hồ sơ {dossier.code}; không thể hoàn tác.")


def _restore(dossier: Dossier, body: TypedEvent, back_to: Status) -> None:
    """The dossier row as the corrected step found it."""
    set_status(dossier, back_to)
    if back_to in OPEN:
        dossier.finished_at = None
        dossier.result_ready_at = None
        dossier.returned_at = None
        dossier.result_kind = dossier.result_number = dossier.delivery_status = ""
    elif back_to == Status.RESULT_READY:
        dossier.returned_at = None
        dossier.finished_at = dossier.result_ready_at
        dossier.delivery_status = ""
    if body.kind == "handed_over" and back_to == Status.RECEIVED:
        dossier.handed_over_at = None
        dossier.processing_unit = ""
    if isinstance(body, Withdrawn):
        dossier.reason = body.previous_reason
        if back_to == Status.SUPPLEMENT_REQUESTED and body.at is not None:
            for pause in dossier.pauses:  # the pause the withdrawal closed runs on
                if pause.ended_at is not None and as_local(pause.ended_at) == as_local(body.at):
                    pause.ended_at = None


def undo_last_step(store: Store, officer: SignedIn, dossier_code: str, reason: str) -> DossierState:
    """Reverse the dossier's latest step by a `Corrected` event; a Vietnamese ValidationError when it is
    not the officer's own step of today, or not one the counter can reverse."""
    why = required_text(reason, MAX_REASON, "Hãy nhập lý do hoàn tác.", "reason", "Lý do")
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_code)
        require_allowed(Action.UNDO, dossier)
        step = latest_step(session, dossier.id)
        action = _check(step, dossier, officer)
        assert step is not None
        body = typed(step)
        back_to = _returns_to(body, action, dossier)
        left = dossier.status
        _restore(dossier, body, back_to)
        rating = {"rating": None} if isinstance(body, Rated) else {}
        if isinstance(body, Rated):
            dossier.rating = None
        now = now_local()
        event = change(
            Corrected,
            dossier,
            corrected_uuid=step.uuid,
            corrected_seq=step.seq,
            corrected_kind=step.type,
            reason=why,
            previous_status=left,
            corrected_at=now,
            **rating,
        )
        append_event(session, dossier.id, event, officer.officer_id, at=now)
        return dossier_state(dossier, extended=True)
