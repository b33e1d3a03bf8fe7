"""The end-of-day check: the province's count and digest of this workstation's dossiers of the day
against the ones in this profile.

The server is asked for this workstation's own figures (`scope=device`: the dossiers whose intake it
sent), so other workstations of the commune do not make the day look wrong. A server that predates the
scope answers for the whole unit; the verdict then says so, since it only matches with one workstation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from desktop.store.engine import Store
from desktop.store.models import Dossier
from sync.common.timeutil import VN_TZ, now_local
from sync.protocol import Reconciliation, reconciliation_digest


@dataclass(frozen=True)
class DayCheck:
    matched: bool
    message: str  # one Vietnamese line for the officer


def local_day(store: Store, day: date) -> list[tuple[str, int]]:
    start = datetime.combine(day, time(0), VN_TZ)
    with store.session() as session:
        rows = session.execute(
            select(Dossier.code, Dossier.status_code).where(
                Dossier.received_at >= start, Dossier.received_at < start + timedelta(days=1)
            )
        ).all()
    return [(code, status) for code, status in rows]


def reconcile_day(store: Store, fetch: Callable[[str], Reconciliation], day: date | None = None) -> DayCheck:
    """Compare the server's view of this workstation's `day` with the local dossiers."""
    day = day or now_local().date()
    server = fetch(day.isoformat())
    local = local_day(store, day)
    head = f"Đối chiếu ngày {day:%d/%m/%Y}"
    whose = "từ máy này" if server.scope == "device" else "của cả đơn vị"
    if server.digest == reconciliation_digest(local):
        return DayCheck(True, f"{head}: khớp {len(local)} hồ sơ với hệ thống tỉnh.")
    return DayCheck(
        False,
        f"{head}: hệ thống tỉnh có {server.dossiers} hồ sơ {whose}, máy này có {len(local)} (chưa khớp).",
    )
