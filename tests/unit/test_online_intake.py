"""Accepting an online submission (issue 20, Deliver 4): the intake's checks run on the dossier as it came
before anything changes; the accepted dossier is received from the acceptance, with its `received` event.
The submission is applied as the pull applies it (`sync.client.changes`), without a server."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.core.errors import ValidationError
from desktop.core.timeutil import now_local
from desktop.scan.blobstore import BlobStore
from desktop.services.accounts import SignedIn
from desktop.services.end_of_day import load_end_of_day_view
from desktop.services.online_intake import accept_online
from desktop.store.engine import Store
from desktop.store.models import Dossier, Event
from sync.client import changes
from sync.client.reconcile import local_day
from sync.protocol import ChangesPage, OnlineSubmissionChange

APPLICANT = {
    "full_name": "Đặng Thị Hoà",
    "id_number": "064 191 000 123",
    "date_of_birth": "12/03/1991",
    "gender": "female",
    "phone": "0912 345 678",
    "address": "Thôn Thử, Xã Ia Grai, Tỉnh Gia Lai",
}


def waiting(store: Store, number: int = 7, **applicant: Any) -> str:
    """An online submission pulled into the store (status 1); its code."""
    code = f"H21.55.10-{now_local():%y%m%d}-{number:04d}"
    item = OnlineSubmissionChange(
        dossier_id=str(uuid.uuid4()),
        dossier_code=code,
        submitted_at=now_local(),
        draft={"procedure_code": "1.004884", "applicant": {**APPLICANT, **applicant}, "channel": "online"},
    )
    page = ChangesPage(items=[item], next_cursor=str(number))
    with store.transaction() as session:
        assert (
            changes.apply_page(session, page, "H21.55.10", BlobStore(store.profile.attachments_dir)).online
            == 1
        )
    return code


def _row(store: Store, code: str) -> tuple[str, int, str]:
    with store.session() as session:
        dossier = session.scalars(select(Dossier).where(Dossier.code == code)).one()
        events = session.scalar(select(func.count()).select_from(Event).where(Event.dossier_id == dossier.id))
        return dossier.status, int(events or 0), dossier.applicant.id_number


def test_acceptance_checks_the_submission_first_and_counts_from_itself(
    ready_store: tuple[Store, SignedIn],
) -> None:
    store, officer = ready_store
    bad = waiting(store, 7, phone="12", address="")
    with pytest.raises(ValidationError) as refused:
        accept_online(store, officer, bad)
    assert f"Chưa tiếp nhận được hồ sơ trực tuyến {bad}" in str(refused.value)
    assert "Hãy nhập địa chỉ." in str(refused.value) and "Hãy từ chối tiếp nhận" in str(refused.value)
    assert _row(store, bad) == ("registered", 0, "064 191 000 123")  # nothing changed

    good = waiting(store, 8)
    assert _received_today(store) == (
        0,
        [],
    )  # waiting online is no reception yet (end of day, reconciliation)
    state = accept_online(store, officer, good)
    assert (state.status, state.status_code) == ("received", 2) and state.due_at is not None
    assert _row(store, good) == ("received", 1, "064191000123")  # the checked value, in the snapshot too
    assert _received_today(store) == (1, [good])


def _received_today(store: Store) -> tuple[int, list[str]]:
    today = now_local().date()
    with store.session() as session:
        counted = load_end_of_day_view(session, today).received
    return counted, sorted(local_day(store, today).dossiers)
