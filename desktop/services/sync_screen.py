"""What the sync screen shows, Qt-free (issue 19 item 2): read from the local store only.

- `read_sync_screen(store)`: what is waiting (records: events not yet acknowledged; scans: attachments not
  removed whose `uploaded_at` is still empty, with their bytes), per dossier and in total; the history of
  passes (`SyncRun`, newest first); and every change the province refused, with its Vietnamese reason
  (the outbox's own rule, `sync.client.status`).
- `retry_refused(store, dossier_id)`: after a correction (at the province or on this workstation), put the
  dossier's refused changes back in the queue; the next pass sends them again and the province answers
  anew (a change it stored as refused is answered the same way; one it set aside as a conflict is
  checked again).
- `set_upload_rate(store, kbit)`: the upload cap setting (`settings.UPLOAD_RATE`, `sync.client.http`).
- `eta_seconds` / `size_text`: the progress line's estimate and byte counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desktop.core.errors import NotFoundError, ValidationError
from desktop.core.timeutil import as_local
from desktop.store import settings
from desktop.store.engine import Store
from desktop.store.models import Applicant, Attachment, Dossier, Event, SyncRun
from sync.client.config import upload_rate_kbit
from sync.client.outbox import refresh_dossiers
from sync.client.scans import waiting_scans
from sync.client.status import REFUSED, SCAN_WAITING, SyncProblem

HISTORY_LIMIT = 100
WAITING_LIMIT = 500
MAX_UPLOAD_RATE = 100_000  # kbit/s: 100 Mbit/s; anything above is no cap worth having


@dataclass(frozen=True)
class WaitingDossier:
    dossier_id: str
    code: str
    applicant: str
    records: int  # changes not yet acknowledged by the province
    scans: int  # scans not yet uploaded
    scan_bytes: int


@dataclass(frozen=True)
class Waiting:
    records: int
    scans: int
    scan_bytes: int
    dossiers: tuple[WaitingDossier, ...]  # at most WAITING_LIMIT, most waiting first


@dataclass(frozen=True)
class PassRow:
    started_at: datetime
    finished_at: datetime | None
    trigger: str  # manual | auto | end_of_day | cli
    outcome: str  # sync.engine.PassResult.outcome, or "running" (in progress, or the program was stopped)
    pushed: int
    duplicates: int
    rejected: int
    pending: int
    bytes_sent: int
    message: str
    received: int = 0  # items from the province applied (`GET /changes`)
    received_refused: int = 0  # items from the province refused or skipped (their reasons in `message`)

    @property
    def sent(self) -> int:
        """Changes put on the wire and answered: new at the province, already there, or refused."""
        return self.pushed + self.duplicates + self.rejected


@dataclass(frozen=True)
class RefusedDossier:
    dossier_id: str
    code: str
    applicant: str
    problems: tuple[SyncProblem, ...]  # in sequence order, each with the province's reason in Vietnamese

    @property
    def reason(self) -> str:
        return "; ".join(p.text for p in self.problems)


@dataclass(frozen=True)
class SyncScreenData:
    waiting: Waiting
    history: tuple[PassRow, ...]
    refused: tuple[RefusedDossier, ...]
    upload_rate_kbit: int


def read_sync_screen(store: Store) -> SyncScreenData:
    with store.session() as session:
        return SyncScreenData(
            waiting=read_waiting(session),
            history=read_history(session),
            refused=read_refused(session),
            upload_rate_kbit=upload_rate_kbit(session),
        )


def read_waiting(session: Session) -> Waiting:
    records = dict(
        session.execute(
            select(Event.dossier_id, func.count())
            .where(Event.push_status == "pending")
            .group_by(Event.dossier_id)
        ).all()
    )
    scans = {
        dossier_id: (int(count), int(size or 0))
        for dossier_id, count, size in session.execute(
            select(Attachment.dossier_id, func.count(), func.sum(Attachment.size))
            .where(*SCAN_WAITING)
            .group_by(Attachment.dossier_id)
        )
    }
    ids = sorted(
        set(records) | set(scans),
        key=lambda d: (-scans.get(d, (0, 0))[1], -records.get(d, 0), d),
    )[:WAITING_LIMIT]
    names = _names(session, ids)
    rows = tuple(
        WaitingDossier(
            dossier_id=d,
            code=names.get(d, ("", ""))[0],
            applicant=names.get(d, ("", ""))[1],
            records=int(records.get(d, 0)),
            scans=scans.get(d, (0, 0))[0],
            scan_bytes=scans.get(d, (0, 0))[1],
        )
        for d in ids
    )
    queue = waiting_scans(session)  # what will travel: a scan on two dossiers goes once
    return Waiting(
        records=int(sum(records.values())), scans=queue.count, scan_bytes=queue.bytes, dossiers=rows
    )


def _names(session: Session, dossier_ids: list[str]) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for start in range(0, len(dossier_ids), 500):
        chunk = dossier_ids[start : start + 500]
        for dossier_id, code, name in session.execute(
            select(Dossier.id, Dossier.code, Applicant.full_name)
            .join(Applicant, Applicant.id == Dossier.applicant_id)
            .where(Dossier.id.in_(chunk))
        ):
            found[dossier_id] = (code, name)
    return found


def read_history(session: Session, limit: int = HISTORY_LIMIT) -> tuple[PassRow, ...]:
    return tuple(
        PassRow(
            started_at=as_local(run.started_at),
            finished_at=as_local(run.finished_at) if run.finished_at is not None else None,
            trigger=run.trigger,
            outcome=run.outcome,
            pushed=run.pushed,
            duplicates=run.duplicates,
            rejected=run.rejected,
            pending=run.pending,
            bytes_sent=run.bytes_sent,
            message=run.message,
            received=run.received,
            received_refused=run.received_refused,
        )
        for run in session.scalars(select(SyncRun).order_by(SyncRun.id.desc()).limit(limit))
    )


def read_refused(session: Session) -> tuple[RefusedDossier, ...]:
    problems: dict[str, list[SyncProblem]] = {}
    for dossier_id, seq, kind, status, error, at in session.execute(
        select(Event.dossier_id, Event.seq, Event.type, Event.push_status, Event.push_error, Event.pushed_at)
        .where(Event.push_status.in_(REFUSED))
        .order_by(Event.dossier_id, Event.seq)
    ):
        problems.setdefault(dossier_id, []).append(
            SyncProblem(
                seq,
                kind,
                status,
                error or "Máy chủ tỉnh từ chối thay đổi này.",
                as_local(at) if at is not None else None,
            )
        )
    names = _names(session, list(problems))
    rows = [
        RefusedDossier(d, names.get(d, ("", ""))[0], names.get(d, ("", ""))[1], tuple(found))
        for d, found in problems.items()
    ]
    rows.sort(key=_latest_answer, reverse=True)  # the newest refusal first
    return tuple(rows)


def _latest_answer(row: RefusedDossier) -> float:
    return max((p.answered_at.timestamp() for p in row.problems if p.answered_at is not None), default=0.0)


def retry_refused(store: Store, dossier_id: str) -> int:
    """Queue the dossier's refused changes again (one transaction); how many. The next pass sends them."""
    with store.transaction() as session:
        if session.get(Dossier, dossier_id) is None:
            raise NotFoundError("Không tìm thấy hồ sơ.")
        result = session.execute(
            update(Event)
            .where(Event.dossier_id == dossier_id, Event.push_status.in_(REFUSED))
            .values(push_status="pending", push_error="", pushed_at=None)
            .execution_options(synchronize_session=False)
        )
        count = int(result.rowcount or 0)  # type: ignore[attr-defined]
        if count:
            refresh_dossiers(session, [dossier_id])
        return count


def set_upload_rate(store: Store, kbit: int) -> int:
    """Save the upload cap in kbit/s (0: none); the next pass applies it."""
    if not 0 <= kbit <= MAX_UPLOAD_RATE:
        raise ValidationError(
            f"Giới hạn tốc độ gửi phải từ 0 (không giới hạn) đến {MAX_UPLOAD_RATE} kbit/s.", "upload_rate"
        )
    with store.transaction() as session:
        settings.put(session, settings.UPLOAD_RATE, str(kbit) if kbit else "")
    return kbit


def eta_seconds(elapsed: float, done: float, total: float) -> float | None:
    """Seconds left at the pace so far; None before there is a pace to go by."""
    if elapsed <= 0 or done <= 0 or total <= 0:
        return None
    return max(0.0, (total - done) * elapsed / done)


def size_text(count: int) -> str:
    """Bytes for an officer, Vietnamese decimals: 850 B, 31 KB, 1,2 MB."""
    if count < 1000:
        return f"{count} B"
    for unit, scale in (("GB", 1000**3), ("MB", 1000**2), ("KB", 1000)):
        if count >= scale:
            value = count / scale
            text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
            return f"{text.replace('.', ',')} {unit}"
    return f"{count} B"  # pragma: no cover
