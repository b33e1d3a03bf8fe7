"""One mapping from the checked intake draft to the stored applicant and the `received` snapshot
(`desktop.services.intake_mapping`): every checked applicant field reaches the row and the snapshot."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import datetime

from sqlalchemy import select

from desktop.core.timeutil import VN_TZ
from desktop.services.accounts import SignedIn
from desktop.services.intake import receive_dossier
from desktop.services.intake_mapping import APPLICANT_FIELDS
from desktop.services.intake_validate import CheckedApplicant, check_draft
from desktop.store.engine import Store
from desktop.store.events import typed
from desktop.store.models import Applicant, Dossier, Event
from sync.events import ApplicantSnapshot, Received
from tests.factories import intake_draft

MONDAY_9 = datetime(2026, 10, 5, 9, 0, tzinfo=VN_TZ)


def test_every_checked_applicant_field_has_a_column_and_a_snapshot_field() -> None:
    """A field added to `CheckedApplicant` but not to the model or the snapshot fails here, not later."""
    names = {f.name for f in fields(CheckedApplicant)}
    assert set(APPLICANT_FIELDS) == names
    assert names <= set(Applicant.__table__.columns.keys())
    assert names <= set(ApplicantSnapshot.model_fields)


def test_the_stored_applicant_and_its_snapshot_are_the_checked_values(
    ready_store: tuple[Store, SignedIn],
) -> None:
    store, officer = ready_store
    draft = intake_draft(store, "1.004884", email="mau@example.vn", old_id_number="", gender="female")
    checked = asdict(check_draft(draft, MONDAY_9.date()).applicant)
    result = receive_dossier(store, officer, draft, received_at=MONDAY_9)
    with store.session() as session:
        dossier = session.get_one(Dossier, result.id)
        stored = {name: getattr(dossier.applicant, name) for name in APPLICANT_FIELDS}
        received = typed(session.scalars(select(Event).where(Event.dossier_id == result.id)).one())
    assert stored == checked
    assert isinstance(received, Received)
    snapshot = {name: getattr(received.applicant, name) for name in APPLICANT_FIELDS}
    assert snapshot == {k: (v or None) if k in ("old_id_number", "gender") else v for k, v in checked.items()}
    assert received.applicant.id == dossier.applicant.id and received.code == result.code
