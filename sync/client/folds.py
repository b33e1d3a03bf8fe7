"""What each step the province accepted does to a dossier's row on a workstation that did not record it
(`sync.client.unit_dossiers`): its status, then the fields its kind sets (`FOLDS`, one function per kind),
as the services that record those steps set them. A kind not listed moves only the status."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from desktop.core.status import Status, national_code
from desktop.core.timeutil import as_local, now_local
from desktop.store.models import Attachment, Dossier, DossierPause
from sync.client.step_moves import move_by_step
from sync.events import (
    AttachmentAdded,
    AttachmentRemoved,
    Change,
    Closing,
    DueExtended,
    HandedOver,
    Received,
    ResultPosted,
    ResultReady,
    ResultReturned,
    SupplementReceived,
    SupplementRequested,
    TypedEvent,
    UpstreamStep,
)


def _status(dossier: Dossier, body: Change) -> None:
    if body.status:
        dossier.status = Status(body.status).value
        dossier.status_code = national_code(Status(body.status))


def _close_pauses(dossier: Dossier, at: datetime) -> None:
    for pause in dossier.pauses:
        if pause.ended_at is None:
            pause.ended_at = max(at, as_local(pause.started_at))


def _handed_over(dossier: Dossier, body: HandedOver, at: datetime) -> None:
    dossier.handed_over_at = as_local(body.handed_over_at) if body.handed_over_at else at
    dossier.processing_unit = body.to_unit


def _ready(dossier: Dossier, body: ResultReady, at: datetime) -> None:
    when = as_local(body.result_ready_at) if body.result_ready_at else at
    dossier.result_ready_at = dossier.finished_at = when
    dossier.result_kind, dossier.result_number = body.result_kind, body.document_number
    dossier.delivery_status = "at_counter"


def _returned(dossier: Dossier, body: ResultReturned, at: datetime) -> None:
    dossier.returned_at = as_local(body.returned_at) if body.returned_at else at
    dossier.delivery_status = "delivered"


def _posted(dossier: Dossier, body: ResultPosted, at: datetime) -> None:
    dossier.returned_at = as_local(body.posted_at) if body.posted_at else at
    dossier.delivery_status = "with_post"


def _closed(dossier: Dossier, body: Closing, at: datetime) -> None:
    _close_pauses(dossier, at)
    dossier.reason, dossier.finished_at = body.reason, at


def _supplement(dossier: Dossier, body: SupplementRequested, at: datetime) -> None:
    when = as_local(body.paused_at) if body.paused_at else at
    dossier.reason = body.reason
    dossier.pauses.append(DossierPause(dossier_id=dossier.id, started_at=when, reason=body.reason))


def _resumed(dossier: Dossier, body: SupplementReceived, at: datetime) -> None:
    _close_pauses(dossier, as_local(body.resumed_at) if body.resumed_at else at)
    if body.due_at:
        dossier.due_at = as_local(body.due_at)
    if body.extended_due_at:
        dossier.extended_due_at = as_local(body.extended_due_at)
    dossier.reason = ""


def _extended(dossier: Dossier, body: DueExtended, _at: datetime) -> None:
    if body.extended_due_at:
        dossier.extended_due_at = as_local(body.extended_due_at)


def _scan_added(dossier: Dossier, body: AttachmentAdded, at: datetime) -> None:
    line = next((d for d in dossier.documents if d.position == body.document_line_position), None)
    if line is None:
        return
    line.attachments.append(
        Attachment(
            **({"id": body.attachment_id} if body.attachment_id else {}),
            dossier_id=dossier.id,
            position=len(line.attachments) + 1,
            sha256=body.sha256,
            size=body.size,
            pages=body.pages,
            mime=body.mime or "application/pdf",
            profile=body.profile,
            source=body.source,
            original_name=body.original_name,
            created_at=at,
            uploaded_at=now_local(),  # the province holds it: never sent from here
        )
    )


def _scan_removed(dossier: Dossier, body: AttachmentRemoved, _at: datetime) -> None:
    for line in dossier.documents:
        for scan in line.attachments:
            if scan.id == body.attachment_id or (not body.attachment_id and scan.sha256 == body.sha256):
                scan.removed = True


FOLDS: dict[type[Any], Callable[[Dossier, Any, datetime], None]] = {
    AttachmentAdded: _scan_added,
    AttachmentRemoved: _scan_removed,
    HandedOver: _handed_over,
    ResultReady: _ready,
    ResultReturned: _returned,
    ResultPosted: _posted,
    Closing: _closed,
    SupplementRequested: _supplement,
    SupplementReceived: _resumed,
    DueExtended: _extended,
}


def fold(dossier: Dossier, body: TypedEvent, at: datetime) -> None:
    """One accepted step on the dossier's row: its status, then the fields its kind sets (`FOLDS`)."""
    if isinstance(body, UpstreamStep):
        move_by_step(dossier, body, at)
        return
    if isinstance(body, Received):
        return  # the rows were made from it
    if isinstance(body, Change):
        _status(dossier, body)
    for kind, setter in FOLDS.items():
        if isinstance(body, kind):
            setter(dossier, body, at)
            break
    dossier.updated_at = now_local()
