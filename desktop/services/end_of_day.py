"""The figures of the end-of-day sheet (`motcua print end_of_day --date …`): one workstation's day.

Counted by the moment each thing happened on `day` (Asia/Ho_Chi_Minh): dossiers received, handed over to a
processing body, and whose result was returned, at this workstation; fee receipts issued and not cancelled (sum and count);
scans attached and not removed (files and pages). Then whether that day's work has reached the province:
its changes not yet acknowledged, refused, and its scans not yet uploaded; and the last end-of-day check
of the day (`sync.client.reconcile.last_check`), when there was one.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.text import nfc
from desktop.core.timeutil import VN_TZ
from desktop.forms.model import EndOfDayView
from desktop.services.form_data import register_unit, unit_view
from desktop.store.models import Attachment, Dossier, Event, FeeReceipt, Officer
from sync.client.reconcile import last_check
from sync.client.status import REFUSED
from sync.client.unit_dossiers import REMOTE
from sync.events import HandedOver, Received, ResultReturned


def _within(column: Any, day: date) -> tuple[Any, Any]:
    start = datetime.combine(day, time.min, VN_TZ)
    return column >= start, column < start + timedelta(days=1)


def _count(session: Session, *where: Any) -> int:
    return int(session.scalar(select(func.count()).where(*where)) or 0)


def _here(kind: str) -> Any:
    """Dossiers whose step of `kind` was not recorded at another workstation of the unit (those come down
    with the sync, `sync.client.unit_dossiers`, and count on their own workstation's sheet)."""
    return Dossier.id.not_in(select(Event.dossier_id).where(Event.type == kind, Event.push_status == REMOTE))


def load_end_of_day_view(session: Session, day: date) -> EndOfDayView:
    unit = unit_view(register_unit(session))
    scans = (*_within(Attachment.created_at, day), Attachment.removed.is_(False))
    events = _within(Event.device_time, day)
    fees = session.execute(
        select(func.count(), func.coalesce(func.sum(FeeReceipt.amount), 0)).where(
            FeeReceipt.day == day, FeeReceipt.cancelled.is_(False)
        )
    ).one()
    files, pages = session.execute(
        select(func.count(), func.coalesce(func.sum(Attachment.pages), 0)).where(*scans)
    ).one()
    officers = session.scalars(
        select(Officer.full_name)
        .where(Officer.id.in_(select(Event.officer_id).where(*events)))
        .order_by(Officer.full_name)
    ).all()
    check = last_check(session, day)
    return EndOfDayView(
        unit=unit,
        day=day,
        officers=tuple(nfc(name) for name in officers),
        received=_count(
            session,
            *_within(Dossier.received_at, day),
            Dossier.status != "registered",  # an online submission not yet accepted is no reception
            _here(Received.kind),
        ),
        handed_over=_count(session, *_within(Dossier.handed_over_at, day), _here(HandedOver.kind)),
        returned=_count(session, *_within(Dossier.returned_at, day), _here(ResultReturned.kind)),
        fees_total=int(fees[1]),
        receipts=int(fees[0]),
        scan_files=int(files),
        scan_pages=int(pages),
        events_waiting=_count(session, *events, Event.push_status == "pending"),
        events_refused=_count(session, *events, Event.push_status.in_(REFUSED)),
        scans_waiting=_count(session, *scans, Attachment.uploaded_at.is_(None)),
        reconciliation=" ".join((check.message, *check.details)) if check else "",
        reconciled_at=check.at if check else None,
        matched=check.matched if check else None,
    )
