"""Autosaved intake drafts: a crash or a power cut never loses what the officer typed.

The form saves its `IntakeDraft` here (debounced by the UI) and, on the next start, `latest_draft` offers
it back. A draft is deleted when the dossier is saved (in `receive_dossier`'s transaction) or when the
officer discards it. Drafts belong to the officer who typed them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from desktop.core.roles import require_can_change
from desktop.core.timeutil import now_local
from desktop.services.accounts import SignedIn
from desktop.services.intake_draft import IntakeDraft
from desktop.store.engine import Store
from desktop.store.models import Draft, new_uuid

KIND = "intake"


@dataclass(frozen=True)
class SavedDraft:
    id: str
    draft: IntakeDraft
    updated_at: datetime


def save_draft(store: Store, officer: SignedIn, draft: IntakeDraft, draft_id: str | None = None) -> str:
    """Insert or update the draft `draft_id` (new id when None); returns the id. Text is cleaned and capped
    (a name, an address and the notes are kept whole: `intake_draft._whole`).

    The form picks its draft id up front, so autosaves queued before the first one finished still update
    one row."""
    require_can_change(officer.role)
    data = IntakeDraft.from_dict(draft.to_dict()).to_dict()
    with store.transaction() as session:
        row = session.get(Draft, draft_id) if draft_id else None
        if row is None:
            row = Draft(id=draft_id or new_uuid(), officer_id=officer.officer_id, kind=KIND, data=data)
            session.add(row)
        else:
            row.data = data
            row.updated_at = now_local()
        session.flush()
        return row.id


def latest_draft(store: Store, officer: SignedIn) -> SavedDraft | None:
    """The officer's most recently saved intake draft, if any."""
    with store.session() as session:
        row = session.scalars(
            select(Draft)
            .where(Draft.officer_id == officer.officer_id, Draft.kind == KIND)
            .order_by(Draft.updated_at.desc())
            .limit(1)
        ).first()
        if row is None:
            return None
        return SavedDraft(row.id, IntakeDraft.from_dict(dict(row.data)), row.updated_at)


def discard_draft(store: Store, draft_id: str) -> None:
    """Delete a draft (the officer chose to start over); unknown ids are ignored."""
    with store.transaction() as session:
        row = session.get(Draft, draft_id)
        if row is not None:
            session.delete(row)
