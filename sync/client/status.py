"""A dossier's sync state as the officer sees it, from its outbox rows (Qt-free; for the dossier view).

`dossier_sync(session, dossier_id)` answers: nothing to send (`none`), waiting (`pending`, with how many
changes), all acknowledged by the province (`synced`), or refused (`rejected`), with every refused change
and the province's reason in Vietnamese. The same rule (`sync_state`) sets `Dossier.sync_status` and
`Dossier.sync_error` after each batch (`sync.client.outbox.refresh_dossiers`), so lists can filter on the
column while the dossier view shows the details.

A refused change is set aside: the dossier's other changes and all other dossiers keep flowing (a
`rejected` event still takes its place in the province's sequence; a `conflict` holds back only its own
dossier, whose history differs from the province's and needs a person to look).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.models import Attachment, Event
from sync.client.config import get_state
from sync.common.timeutil import as_local

SCAN_PROBLEMS = "scan_problems"  # sync_state: JSON {sha256: reason} (`sync.client.scans`)
REFUSED = ("rejected", "conflict", "invalid")  # invalid: refused locally, never sent (records.Unsendable)


@dataclass(frozen=True)
class SyncProblem:
    """One change the province refused."""

    seq: int  # the change's number within the dossier (1 = the intake; 0 for a scan)
    event_type: str
    # rejected | conflict | invalid (refused by this workstation before sending) | scan (a scan not sent:
    # its file is missing or altered, or the province refused it as too large or of a wrong type)
    status: str
    reason: str  # Vietnamese, from the province (with the field concerned)
    answered_at: datetime | None

    @property
    def text(self) -> str:
        if self.status == "scan":
            return f"Chưa gửi được bản số hoá: {self.reason}"
        if self.status == "invalid":
            return f"Chưa gửi được thay đổi #{self.seq}: {self.reason}"
        return f"Tỉnh từ chối thay đổi #{self.seq}: {self.reason}"


@dataclass(frozen=True)
class DossierSync:
    state: str  # none | pending | synced | rejected
    pending: int = 0
    problems: tuple[SyncProblem, ...] = ()

    @property
    def message(self) -> str:
        """One Vietnamese line for the dossier view and `Dossier.sync_error` ("" when nothing is wrong)."""
        if not self.problems:
            return ""
        text = self.problems[-1].text
        if len(self.problems) > 1:
            text += f" (và {len(self.problems) - 1} thay đổi khác bị từ chối)"
        return text


Row = tuple[int, str, str, str, datetime | None]  # seq, type, push_status, push_error, pushed_at


def sync_state(rows: Sequence[Row], scans: Sequence[str] = ()) -> DossierSync:
    """The rule: refused (or a scan not sent, `scans`: the reasons) beats pending beats synced; rows in
    sequence order."""
    if not rows:
        return DossierSync("none")
    problems = tuple(
        SyncProblem(seq, kind, status, error or "Máy chủ tỉnh từ chối thay đổi này.", _local(at))
        for seq, kind, status, error, at in rows
        if status in REFUSED
    ) + tuple(SyncProblem(0, "scan", "scan", reason, None) for reason in scans)
    pending = sum(1 for row in rows if row[2] == "pending")
    if problems:
        return DossierSync("rejected", pending, problems)
    return DossierSync("pending" if pending else "synced", pending)


def event_rows(session: Session, dossier_id: str) -> list[Row]:
    return [
        (seq, kind, status, error, at)
        for seq, kind, status, error, at in session.execute(
            select(Event.seq, Event.type, Event.push_status, Event.push_error, Event.pushed_at)
            .where(Event.dossier_id == dossier_id)
            .order_by(Event.seq)
        )
    ]


def event_rows_of(session: Session, dossier_ids: Sequence[str]) -> dict[str, list[Row]]:
    """`event_rows` of several dossiers in one query."""
    rows: dict[str, list[Row]] = {}
    for dossier_id, seq, kind, status, error, at in session.execute(
        select(Event.dossier_id, Event.seq, Event.type, Event.push_status, Event.push_error, Event.pushed_at)
        .where(Event.dossier_id.in_(dossier_ids))
        .order_by(Event.dossier_id, Event.seq)
    ):
        rows.setdefault(dossier_id, []).append((seq, kind, status, error, at))
    return rows


def scan_problems(session: Session) -> dict[str, str]:
    """{sha256: Vietnamese reason} of the scans that could not be sent (`sync.client.scans`)."""
    try:
        value = json.loads(get_state(session, SCAN_PROBLEMS) or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


# A scan still to go: on its dossier (not taken off it) and not yet confirmed verified by the province.
SCAN_WAITING = (Attachment.uploaded_at.is_(None), Attachment.removed.is_(False))


def scan_rows(session: Session, dossier_id: str, problems: dict[str, str] | None = None) -> list[str]:
    """The reasons the dossier's scans were not sent (`problems`: `scan_problems`, when already read)."""
    by_hash = scan_problems(session) if problems is None else problems
    if not by_hash:
        return []
    hashes = session.scalars(
        select(Attachment.sha256)
        .where(
            Attachment.dossier_id == dossier_id,
            *SCAN_WAITING,
        )
        .distinct()
    )
    return [str(by_hash[sha]) for sha in hashes if sha in by_hash]


def dossier_sync(session: Session, dossier_id: str) -> DossierSync:
    """The sync state of one dossier, with the province's Vietnamese reason for each refused change and
    the reason each scan was not sent."""
    return sync_state(event_rows(session, dossier_id), scan_rows(session, dossier_id))


def _local(value: datetime | None) -> datetime | None:
    return as_local(value) if value is not None else None
