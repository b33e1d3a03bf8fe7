"""The late apology (lifecycle §2, "Late apology"): a dossier whose processing ends after the appointment
in force owes the applicant a written apology (form 04) before its result is handed over, unless one
already covers the delay.

- `missed_due`: the appointment in force (the extended one when there is one) that the end of processing
  (or `at`, while processing goes on) has passed; None when the dossier is on time.
- `apologise`: records the apology (`apology_issued`): reason, signer, how it was sent.
- `require_apology_if_late`: the check the return and the hand-over to the post make in their transaction.

An apology covers the delay when it is the latest of the dossier's apologies and extensions: an extension
given after it is a new promise, and missing that one needs a new apology.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import limits
from desktop.core.actions import Action, require_allowed
from desktop.core.errors import ValidationError
from desktop.core.timeutil import as_local, now_local
from desktop.services.accounts import SignedIn
from desktop.services.dossier_state import (
    DossierState,
    business_time,
    change,
    dossier_state,
    load_dossier,
    required_text,
)
from desktop.store.engine import Store
from desktop.store.events import append_event, typed
from desktop.store.models import Dossier, Event
from sync.events import ApologyIssued, DueExtended

MAX_REASON = limits.REASON
MAX_SIGNER = limits.SHORT_TEXT
SENT_VIA = {"paper": "văn bản giấy", "sms": "tin nhắn SMS", "email": "thư điện tử", "zalo": "Zalo"}


def _moment(value: datetime) -> str:
    return f"{as_local(value):%H:%M} ngày {as_local(value):%d/%m/%Y}"


def missed_due(dossier: Dossier, at: datetime) -> datetime | None:
    """The appointment in force that the dossier's end of processing (or `at` while it goes on) passed."""
    due = dossier.extended_due_at or dossier.due_at
    if due is None:
        return None
    end = as_local(dossier.finished_at) if dossier.finished_at is not None else as_local(at)
    return as_local(due) if end > as_local(due) else None


def latest_delay(session: Session, dossier_id: str) -> ApologyIssued | DueExtended | None:
    """The latest of the dossier's apologies and extensions (form 04 prints its reason), or None."""
    row = session.scalars(
        select(Event)
        .where(Event.dossier_id == dossier_id, Event.type.in_((ApologyIssued.kind, DueExtended.kind)))
        .order_by(Event.seq.desc())
        .limit(1)
    ).first()
    event = typed(row) if row is not None else None
    return event if isinstance(event, ApologyIssued | DueExtended) else None


def covered(session: Session, dossier: Dossier) -> bool:
    """Whether an apology covers the delay: the latest of its apologies and extensions is an apology."""
    return isinstance(latest_delay(session, dossier.id), ApologyIssued)


def require_apology_if_late(session: Session, dossier: Dossier, at: datetime) -> None:
    """Refuse to hand the result over while a late dossier has no apology covering the delay."""
    missed = missed_due(dossier, at)
    if missed is not None and not covered(session, dossier):
        raise ValidationError(
            f"Hồ sơ {dossier.code} có kết quả sau thời hạn hẹn trả ({_moment(missed)}): hãy lập văn bản "
            "xin lỗi (mẫu 04) trước khi trả kết quả.",
            "apology",
        )


def apologise(
    store: Store,
    officer: SignedIn,
    dossier_code: str,
    reason: str,
    signer: str,
    *,
    sent_via: str = "paper",
    at: datetime | None = None,
) -> DossierState:
    """Record the written apology for a late dossier (form 04 prints it)."""
    when = business_time(at, now_local())
    why = required_text(reason, MAX_REASON, "Hãy nhập lý do chậm trả kết quả.", "reason", "Lý do")
    by = required_text(
        signer, MAX_SIGNER, "Hãy nhập người ký văn bản xin lỗi (họ tên, chức vụ).", "signer", "Người ký"
    )
    if sent_via not in SENT_VIA:
        choices = ", ".join(f"{k} ({v})" for k, v in SENT_VIA.items())
        raise ValidationError(f"Cách gửi '{sent_via}' không hợp lệ; chọn một trong: {choices}.", "sent_via")
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_code)
        require_allowed(Action.APOLOGISE, dossier)
        missed = missed_due(dossier, when)
        if missed is None:
            due = dossier.extended_due_at or dossier.due_at
            shown = _moment(due) if due is not None else "chưa có"
            raise ValidationError(
                f"Hồ sơ {dossier.code} chưa trễ hạn (hẹn trả {shown}): chưa cần văn bản xin lỗi; "
                "để hẹn lại ngày trả trước hạn, hãy gia hạn.",
                "status",
            )
        append_event(
            session,
            dossier.id,
            change(
                ApologyIssued,
                dossier,
                reason=why,
                signer=by,
                issued_at=when,
                sent_via=sent_via,
                missed_due_at=missed,
            ),
            officer.officer_id,
            at=when,
        )
        return dossier_state(dossier, extended=True)
