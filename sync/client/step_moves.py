"""How a step of the province (an `UpstreamStep`) moves a dossier's row on the workstation, by the lifecycle
rules (lifecycle §7; the cases are listed in `sync.client.changes`): `move_by_step` decides, `take_step`
moves. Used by `sync.client.changes` (a step on the `GET /changes` page), `sync.client.folds` (a step in
the chain of a dossier another workstation holds) and `desktop.services.review` (an officer takes the
province's status); kept apart from `changes` so that `folds`, which `changes` reaches through
`unit_dossiers`, imports it one way (no import cycle).
"""

from __future__ import annotations

from datetime import datetime

from desktop.core.status import LABELS_VI, Status, national_code
from desktop.core.timeutil import as_local, now_local
from desktop.store.models import Dossier, DossierPause
from sync.common.lifecycle import step_allowed
from sync.events import UpstreamStep

ENDING = frozenset({Status.WITHDRAWN, Status.STOPPED, Status.RESULT_READY})


def move_by_step(dossier: Dossier, step: UpstreamStep, at: datetime) -> None:
    """The dossier's status after the province's step, by the lifecycle rules (`sync.client.changes`)."""
    here, there = Status(dossier.status), Status(step.status)
    if here == there or (here == Status.RETURNED and there == Status.RESULT_READY):
        return
    if here.value != step.previous_status and not step_allowed(UpstreamStep.kind, here, there):
        when = at.strftime("%H:%M %d/%m/%Y")
        fact = f"Tỉnh ghi '{LABELS_VI[there]}' lúc {when}" + (f" ({step.note})" if step.note else "")
        dossier.review_note = (
            f"{fact}; tại bộ phận một cửa hồ sơ đang ở '{LABELS_VI[here]}'. Cần xem lại và quyết định."
        )
        return
    take_step(dossier, step, at)


def take_step(dossier: Dossier, step: UpstreamStep, at: datetime) -> None:
    """The dossier moves to the province's status with the fields that step sets (also when an officer
    settles a "Cần xem lại" by taking the province's status, `desktop.services.review`)."""
    there = Status(step.status)
    dossier.status, dossier.status_code = there.value, national_code(there)
    if there in ENDING:
        dossier.finished_at = at
        for pause in dossier.pauses:
            if pause.ended_at is None:
                pause.ended_at = max(at, as_local(pause.started_at))
    if there == Status.RESULT_READY:
        dossier.result_ready_at = at
        dossier.result_kind = dossier.result_kind or "granted"
        dossier.delivery_status = "at_counter"
    elif there in (Status.STOPPED, Status.WITHDRAWN):
        dossier.reason = step.note or dossier.reason
        dossier.delivery_status = "at_counter"
    elif there == Status.SUPPLEMENT_REQUESTED:
        dossier.reason = step.note or dossier.reason
        dossier.pauses.append(DossierPause(dossier_id=dossier.id, started_at=at, reason=step.note))
    elif there == Status.PROCESSING:
        dossier.handed_over_at = dossier.handed_over_at or at
        for pause in dossier.pauses:
            if pause.ended_at is None:
                pause.ended_at = max(at, as_local(pause.started_at))
    elif there == Status.RETURNED:
        dossier.returned_at = at
        dossier.delivery_status = "delivered"
    dossier.updated_at = now_local()
