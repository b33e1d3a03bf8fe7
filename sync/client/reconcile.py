"""The end-of-day check: the province's count and digest of today's dossiers against ours."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from desktop.core.timeutil import VN_TZ, now_local
from desktop.store.engine import Store
from desktop.store.models import Dossier
from sync.protocol import Reconciliation, reconciliation_digest


def local_day(store: Store, day: date) -> list[tuple[str, int]]:
    start = datetime.combine(day, time(0), VN_TZ)
    with store.session() as session:
        rows = session.execute(
            select(Dossier.code, Dossier.status_code).where(
                Dossier.received_at >= start, Dossier.received_at < start + timedelta(days=1)
            )
        ).all()
    return [(code, status) for code, status in rows]


def reconcile_day(store: Store, fetch: Callable[[str], object], day: date | None = None) -> str:
    """A Vietnamese one-line verdict comparing the server's view of `day` with the local dossiers."""
    day = day or now_local().date()
    server = fetch(day.isoformat())
    assert isinstance(server, Reconciliation)
    local = local_day(store, day)
    if server.digest == reconciliation_digest(local):
        return f"Đối chiếu ngày {day:%d/%m/%Y}: khớp {len(local)} hồ sơ với hệ thống tỉnh."
    return (
        f"Đối chiếu ngày {day:%d/%m/%Y}: hệ thống tỉnh có {server.dossiers} hồ sơ, máy này có {len(local)}"
        " (chưa khớp)."
    )
