"""The end-of-day check: the province's figures of this workstation's day against the ones in this profile.

The server is asked for this workstation's own figures (`scope=device`: the dossiers whose intake it
sent), so other workstations of the commune do not make the day look wrong. A server that predates the
scope answers for the whole unit; the verdict then says so, since it only matches with one workstation.

Three things are compared, each by count and digest (`?detail=false`): the dossiers (code and status),
their events (code and seq) and their scans (code and SHA-256 of each attachment not removed). When a
digest differs, the server's dossier-by-dossier view (`?detail=true`) names what the province lacks or
holds differently. Changes it lacks that this workstation had seen acknowledged are queued again and
scans it lacks are marked not uploaded; `resend` (the engine's push and upload) sends them, and the day
is asked again. A server older than the detail compares the dossiers only, as before.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.store.engine import Store
from desktop.store.models import Attachment, Dossier, Event
from sync.client.config import get_state, put_state
from sync.client.outbox import ACKNOWLEDGED, refresh_dossiers
from sync.client.unit_dossiers import held_elsewhere
from sync.common.timeutil import VN_TZ, now_local
from sync.protocol import Reconciliation, lines_digest, reconciliation_digest

MATCHED = "Đã khớp với tỉnh"
LAST_CHECK = "last_reconciliation"  # sync state: the last check as JSON (day, at, matched, message, details)
MAX_LISTED = 20  # per kind of difference; the rest is counted


@dataclass(frozen=True)
class LocalDay:
    dossiers: dict[str, int]  # code -> status
    events: dict[tuple[str, int], str]  # (code, seq) -> push status
    scans: set[tuple[str, str]]  # (code, sha256)

    @property
    def digest(self) -> str:
        return reconciliation_digest(self.dossiers.items())

    @property
    def events_digest(self) -> str:
        return lines_digest(f"{code}|{seq}" for code, seq in self.events)

    @property
    def scans_digest(self) -> str:
        return lines_digest(f"{code}|{sha}" for code, sha in self.scans)


@dataclass
class Differences:
    """What the province lacks or holds differently, as the officer reads it."""

    lacking_dossiers: list[str] = field(default_factory=list)
    other_status: list[tuple[str, int, int]] = field(default_factory=list)  # code, here, province
    extra_dossiers: list[str] = field(default_factory=list)
    lacking_events: list[tuple[str, int]] = field(default_factory=list)
    extra_events: list[tuple[str, int]] = field(default_factory=list)
    lacking_scans: list[tuple[str, str]] = field(default_factory=list)
    extra_scans: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        parts = [
            ("Tỉnh chưa có hồ sơ", self.lacking_dossiers),
            ("Tỉnh ghi trạng thái khác", [f"{c} (máy này {a}, tỉnh {b})" for c, a, b in self.other_status]),
            ("Tỉnh có mà máy này không có hồ sơ", self.extra_dossiers),
            ("Tỉnh chưa có thay đổi", [f"{c} #{s}" for c, s in self.lacking_events]),
            ("Tỉnh có thay đổi mà máy này không có", [f"{c} #{s}" for c, s in self.extra_events]),
            ("Tỉnh chưa có bản quét", [f"{c} {sha}" for c, sha in self.lacking_scans]),
            ("Tỉnh có bản quét mà máy này không có", [f"{c} {sha}" for c, sha in self.extra_scans]),
        ]
        return [f"{title}: {_listed(items)}" for title, items in parts if items]


@dataclass(frozen=True)
class DayCheck:
    matched: bool
    message: str  # one Vietnamese line for the officer
    details: tuple[str, ...] = ()  # what differed (and what was sent again), one line each
    at: datetime | None = None


def last_check(session: Session, day: date) -> DayCheck | None:
    """The last end-of-day check of `day` on this workstation (the end-of-day sheet prints it)."""
    try:
        data = json.loads(get_state(session, LAST_CHECK) or "{}")
        if data.get("day") != day.isoformat():
            return None
        return DayCheck(
            bool(data["matched"]),
            str(data["message"]),
            tuple(str(line) for line in data.get("details", [])),
            datetime.fromisoformat(data["at"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _remember(store: Store, day: date, check: DayCheck) -> DayCheck:
    data = {
        "day": day.isoformat(),
        "at": now_local().isoformat(),
        "matched": check.matched,
        "message": check.message,
        "details": list(check.details),
    }
    with store.transaction() as session:
        put_state(session, LAST_CHECK, json.dumps(data, ensure_ascii=False))
    return check


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:MAX_LISTED])
    return shown + (f" và {len(items) - MAX_LISTED} mục nữa" if len(items) > MAX_LISTED else "")


def _day_dossiers(session: Session, day: date) -> list[tuple[str, str, int]]:
    start = datetime.combine(day, time(0), VN_TZ)
    rows = session.execute(
        select(Dossier.id, Dossier.code, Dossier.status_code).where(
            Dossier.received_at >= start,
            Dossier.received_at < start + timedelta(days=1),
            Dossier.status != "registered",  # an online submission not yet accepted is no reception
            Dossier.id.not_in(held_elsewhere()),  # another workstation's: its own check counts it
        )
    ).all()
    return [(dossier_id, code, status) for dossier_id, code, status in rows]


def local_day(store: Store, day: date) -> LocalDay:
    """The day's dossiers, their events and their scans in this profile."""
    with store.session() as session:
        dossiers = _day_dossiers(session, day)
        codes = {dossier_id: code for dossier_id, code, _ in dossiers}
        events = session.execute(
            select(Event.dossier_id, Event.seq, Event.push_status).where(Event.dossier_id.in_(codes))
        ).all()
        scans = session.execute(
            select(Attachment.dossier_id, Attachment.sha256).where(
                Attachment.dossier_id.in_(codes), Attachment.removed.is_(False)
            )
        ).all()
    return LocalDay(
        dossiers={code: status for _, code, status in dossiers},
        events={(codes[d], seq): status for d, seq, status in events},
        scans={(codes[d], sha) for d, sha in scans},
    )


def compare(local: LocalDay, server: Reconciliation) -> Differences:
    items = {item.code: item for item in server.items or []}
    held_events = {(item.code, seq) for item in items.values() for seq in item.seqs}
    held_scans = {(item.code, sha) for item in items.values() for sha in item.scans}
    return Differences(
        lacking_dossiers=sorted(set(local.dossiers) - set(items)),
        other_status=sorted(
            (code, status, items[code].status)
            for code, status in local.dossiers.items()
            if code in items and items[code].status != status
        ),
        extra_dossiers=sorted(set(items) - set(local.dossiers)),
        lacking_events=sorted(set(local.events) - held_events),
        extra_events=sorted(held_events - set(local.events)),
        lacking_scans=sorted(local.scans - held_scans),
        extra_scans=sorted(held_scans - local.scans),
    )


def _queue_again(store: Store, day: date, local: LocalDay, diff: Differences) -> tuple[int, int]:
    """Queue again the acknowledged changes and the scans the province lacks; (changes, scans) queued."""
    lacking = {key for key in diff.lacking_events if local.events[key] in ACKNOWLEDGED}
    lacking_scans = {sha for _, sha in diff.lacking_scans}
    if not lacking and not lacking_scans:
        return 0, 0
    with store.transaction() as session:
        ids = {code: dossier_id for dossier_id, code, _ in _day_dossiers(session, day)}
        for code, seq in lacking:
            session.execute(
                update(Event)
                .where(Event.dossier_id == ids[code], Event.seq == seq)
                .values(push_status="pending", push_error="", pushed_at=None)
            )
        if lacking_scans:
            session.execute(
                update(Attachment)
                .where(Attachment.dossier_id.in_(ids.values()), Attachment.sha256.in_(lacking_scans))
                .values(uploaded_at=None)
            )
        refresh_dossiers(session, {ids[code] for code, _ in lacking})
    return len(lacking), len(lacking_scans)


def _same(local: LocalDay, server: Reconciliation) -> bool:
    if server.digest != local.digest:
        return False
    if server.events_digest is None:  # a server before the detail: the dossiers only
        return True
    return server.events_digest == local.events_digest and server.scans_digest == local.scans_digest


def reconcile_day(
    store: Store,
    fetch: Callable[[str, bool], Reconciliation],
    day: date | None = None,
    resend: Callable[[], None] | None = None,
) -> DayCheck:
    """Compare the server's view of this workstation's `day` with the profile; send what it lacks.

    `fetch(day, detail)` asks `GET /reconciliation` (`detail`: with each dossier)."""
    day = day or now_local().date()
    head = f"Đối chiếu ngày {day:%d/%m/%Y}"
    local = local_day(store, day)
    server = fetch(day.isoformat(), False)
    details: list[str] = []
    if not _same(local, server) and server.events_digest is not None:
        diff = compare(local, fetch(day.isoformat(), True))
        details = diff.lines()
        changes, scans = _queue_again(store, day, local, diff)
        if (changes or scans) and resend is not None:
            resend()
            details.append(f"Đã gửi lại cho tỉnh {changes} thay đổi và {scans} bản quét còn thiếu.")
            local = local_day(store, day)
            server = fetch(day.isoformat(), True)
            if not _same(local, server):
                details += [
                    f"Sau khi gửi lại, {line[0].lower()}{line[1:]}" for line in compare(local, server).lines()
                ]
    counts = f"{len(local.dossiers)} hồ sơ"
    if server.events_digest is not None:
        counts += f", {len(local.events)} thay đổi, {len(local.scans)} bản quét"
    if _same(local, server):
        return _remember(
            store, day, DayCheck(True, f"{head}: khớp {counts} với hệ thống tỉnh. {MATCHED}.", tuple(details))
        )
    whose = "từ máy này" if server.scope == "device" else "của cả đơn vị"
    message = f"{head}: hệ thống tỉnh có {server.dossiers} hồ sơ {whose}, máy này có {len(local.dossiers)} (chưa khớp)"
    if server.events_digest is not None:
        message += (
            f"; thay đổi: tỉnh {server.events}, máy này {len(local.events)}"
            f"; bản quét: tỉnh {server.scans}, máy này {len(local.scans)}"
        )
    message += "."
    return _remember(store, day, DayCheck(False, message, tuple(details)))
