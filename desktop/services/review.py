"""Settling a dossier flagged "Cần xem lại" (lifecycle §7, issue 20): a step the province made that the
rules could not settle against what the counter recorded (`sync.client.changes`: the counter withdrew or
returned the dossier offline, a step backwards). The officer reads both facts (`Dossier.review_note`) and
decides, in one transaction:

- `keep="counter"`: the counter's status stays (the province's step stays in the history as it came);
- `keep="province"`: the dossier takes the status of the province's latest step, with the fields that
  step sets (`sync.client.step_moves.take_step`); the counter's own events stay in the history.

Either way a `review_resolved` event (`sync.events.ReviewResolved`: the choice, both facts as shown, the
officer's note) is appended to the dossier's chain, the flag is cleared and the next sync pushes the event
(the shared action table allows it from any issued status to any: the province takes the officer's choice).

A dossier whose own steps were set aside because another workstation acted on it offline first
(`sync.client.unit_dossiers`, rule 9) is not settled here: the province's chain holds the other's steps at
those positions and this workstation did not keep them, so an event appended here would only be set aside
again. Its steps stay in its history with their reason (never dropped); the officer re-does them at the
workstation that holds the province's chain, and the service says so.
"""

from __future__ import annotations

from sqlalchemy import select

from desktop.core import limits
from desktop.core.actions import Action, require_allowed
from desktop.core.errors import ValidationError
from desktop.core.status import Status, label_vi, national_code
from desktop.core.timeutil import now_local
from desktop.services.accounts import SignedIn
from desktop.services.dossier_state import DossierState, dossier_state, load_dossier
from desktop.store.engine import Store
from desktop.store.events import append_event, typed
from desktop.store.models import Event
from sync.client.step_moves import take_step
from sync.events import ReviewResolved, UpstreamStep

KEEPS = ("counter", "province")
MAX_NOTE = limits.NOTES


def resolve_review(
    store: Store, officer: SignedIn, dossier_code: str, keep: str, note: str = ""
) -> DossierState:
    """Settle the dossier's "Cần xem lại" (module docstring); ValidationError when it is not flagged,
    `keep` is neither "counter" nor "province", or its own steps were set aside."""
    if keep not in KEEPS:
        raise ValidationError("Hãy chọn giữ trạng thái của bộ phận một cửa hoặc theo tỉnh.", "keep")
    why = limits.bounded(note, MAX_NOTE, "Ghi chú", "note")
    now = now_local()
    with store.transaction() as session:
        dossier = load_dossier(session, dossier_code)
        if not dossier.review_note:
            raise ValidationError(f"Hồ sơ {dossier.code} không có gì cần xem lại.", "review")
        require_allowed(Action.RESOLVE_REVIEW, dossier)
        set_aside = session.scalar(
            select(Event.seq).where(Event.dossier_id == dossier.id, Event.push_status == "conflict").limit(1)
        )
        if set_aside is not None:
            raise ValidationError(
                f"Hồ sơ {dossier.code}: các thay đổi máy này ghi khi chưa kết nối đã được giữ riêng vì máy "
                "trạm khác đã ghi hồ sơ trước (vẫn còn trong lịch sử, không bị xóa). Hãy ghi lại các bước "
                "đó tại máy trạm giữ lịch sử hồ sơ của tỉnh.",
                "review",
            )
        last = session.scalars(
            select(Event)
            .where(Event.dossier_id == dossier.id, Event.type == UpstreamStep.kind)
            .order_by(Event.seq.desc())
            .limit(1)
        ).first()
        step = typed(last) if last is not None else None
        if not isinstance(step, UpstreamStep):
            raise ValidationError(f"Hồ sơ {dossier.code} không có bước xử lý nào của tỉnh.", "review")
        before = Status(dossier.status)
        if keep == "province" and step.status != before.value:
            take_step(dossier, step, now)
        after = Status(dossier.status)
        append_event(
            session,
            dossier.id,
            ReviewResolved.written(
                code=dossier.code,
                status=after.value,
                status_code=national_code(after),
                keep=keep,
                previous_status=before.value,
                province_status=step.status,
                review_note=dossier.review_note,
                note=why or f"Giữ trạng thái '{label_vi(after.value)}'.",
                resolved_at=now,
            ),
            officer.officer_id,
            now,
        )
        dossier.review_note = ""
        dossier.updated_at = now
        return dossier_state(dossier)
