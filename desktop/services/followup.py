"""What happens to a dossier after intake that a printed form needs (issue 5):

- `hand_over` (status 4): the counter hands the dossier to the processing body; the first row of the
  process control slip (form 06).
- `extend_due`: a late dossier gets a proposed new appointment and the reason for the delay (form 04).
- `stop_processing` (status 8): processing stops, with the reason (form 05).

The result and its return are in `desktop.services.result`.

Each is one transaction that changes the dossier row and appends one event (design §2).
"""

from __future__ import annotations

from datetime import datetime

from desktop.core import limits
from desktop.core.actions import Action, require_allowed
from desktop.core.errors import ValidationError
from desktop.core.status import Status
from desktop.core.timeutil import as_local, now_local
from desktop.services.accounts import SignedIn
from desktop.services.dossier_state import (
    DossierState,
    change,
    close_dossier,
    dossier_state,
    load_dossier,
    required_text,
)
from desktop.services.handover import record_hand_over, unit_name
from desktop.store.engine import Store
from desktop.store.events import append_event
from desktop.store.models import Dossier
from sync.events import DueExtended, Stopped

MAX_REASON = limits.REASON
MAX_UNIT = limits.BODY


def _text(value: str, what: str, limit: int) -> str:
    return required_text(value, limit, f"Hãy nhập {what}.", what, what.capitalize())


def _state(dossier: Dossier) -> DossierState:
    return dossier_state(dossier, extended=True)


def hand_over(
    store: Store,
    officer: SignedIn,
    dossier_code: str,
    processing_unit: str,
    receiver: str = "",
    *,
    at: datetime | None = None,
) -> DossierState:
    """The counter hands the dossier to `processing_unit` (status 4, Đang xử lý)."""
    when = as_local(at) if at is not None else now_local()
    to_unit = unit_name(processing_unit)
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_code)
        record_hand_over(session, officer, dossier, to_unit, receiver, when)
        return _state(dossier)


def extend_due(
    store: Store,
    officer: SignedIn,
    dossier_code: str,
    new_due: datetime,
    reason: str,
    *,
    at: datetime | None = None,
) -> DossierState:
    """Propose a new appointment for a late dossier, with the reason for the delay (form 04)."""
    when = as_local(at) if at is not None else now_local()
    why = _text(reason, "lý do chậm trả kết quả", MAX_REASON)
    new = as_local(new_due)
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_code)
        require_allowed(Action.EXTEND, dossier)
        previous = dossier.extended_due_at or dossier.due_at
        if previous is not None and new <= as_local(previous):
            raise ValidationError("Ngày hẹn trả mới phải sau ngày hẹn trả hiện tại.", "new_due")
        dossier.extended_due_at = new
        append_event(
            session,
            dossier.id,
            change(DueExtended, dossier, reason=why, previous_due_at=previous, extended_due_at=new),
            officer.officer_id,
            at=when,
        )
        return _state(dossier)


def stop_processing(
    store: Store, officer: SignedIn, dossier_code: str, reason: str, *, at: datetime | None = None
) -> DossierState:
    """Stop processing the dossier (status 8, Dừng xử lý), with the reason (form 05)."""
    when = as_local(at) if at is not None else now_local()
    why = _text(reason, "lý do dừng giải quyết", MAX_REASON)
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_code)
        require_allowed(Action.STOP, dossier)
        close_dossier(session, officer, dossier, Status.STOPPED, Stopped, why, when)
        return _state(dossier)
